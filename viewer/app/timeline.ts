// The timeline of the attempt on screen: attempt tabs (✎ for one a correction wrote), a
// strip of subgoals, checkpoints (coloured by verdict), errors and the person's
// corrections (where each was given), the scrubber, and the list of trace events.
// Clicking anything seeks the world to that moment (from the recorded states; nothing re-runs).
// A failing checkpoint's marker is drawn above the others at its moment (the `end`
// checkpoint often shares it), and clicking it chooses that checkpoint.

import type { TraceEvent } from '../../sim/trace.ts';
import type { CheckpointFocus } from './checkpoint-focus.ts';
import { byId, el, shortValue } from './dom.ts';
import type { AttemptView, SessionStore } from './session-store.ts';

function eventText(e: TraceEvent): string {
  switch (e.type) {
    case 'call': {
      const args = e.args.map(shortValue).join(', ');
      const outcome = e.error ? ` ✗ ${e.error.kind}: ${e.error.message}` : e.result !== undefined ? ` → ${shortValue(e.result)}` : '';
      return `${e.call}(${args})${outcome}`;
    }
    case 'subgoal-start':
      return `▸ subgoal ${e.subgoal}: ${e.description}`;
    case 'subgoal-end':
      return `◂ end of subgoal ${e.subgoal}`;
    case 'log':
      return `log: ${e.message}`;
  }
}

function eventClass(e: TraceEvent): string {
  if (e.type === 'call') return e.error ? 'error' : 'call';
  if (e.type === 'log') return 'log';
  return 'subgoal';
}

export class Timeline {
  private readonly tabs = byId('attempt-tabs');
  private readonly strip = byId('strip');
  private readonly scrubber = byId<HTMLInputElement>('scrubber');
  private readonly timeLabel = byId('time-label');
  private readonly followButton = byId<HTMLButtonElement>('follow');
  private readonly playButton = byId<HTMLButtonElement>('play');
  private readonly list = byId('events');
  private readonly cursor = el('div', { class: 'cursor' });
  private rows: HTMLElement[] = [];
  private listAttempt: AttemptView | null = null;
  private currentRow: HTMLElement | null = null;
  private readonly seen = { attempts: -1, events: -1, checkpoints: -1, track: -1, time: -1, session: -1, corrections: -1 };
  private seenFocus = -1;
  playing = false;

  private readonly store: SessionStore;
  private readonly focus: CheckpointFocus;
  constructor(store: SessionStore, focus: CheckpointFocus) {
    this.store = store;
    this.focus = focus;
    this.scrubber.addEventListener('input', () => {
      this.playing = false;
      this.store.seek(Number(this.scrubber.value));
    });
    this.followButton.addEventListener('click', () => this.store.followLive());
    this.playButton.addEventListener('click', () => {
      const a = this.store.current;
      if (!a) return;
      this.playing = !this.playing;
      if (this.playing && this.store.time >= a.track.end - 1e-6) this.store.seek(a.track.start);
      else this.store.seek(this.store.time);
    });
    this.list.addEventListener('click', (e) => {
      const li = (e.target as HTMLElement).closest('li');
      if (li?.dataset.t) this.store.seek(Number(li.dataset.t));
    });
    this.strip.addEventListener('click', (e) => {
      const target = e.target as HTMLElement;
      if (target.dataset.checkpoint) {
        this.focus.select(Number(target.dataset.checkpoint));
        return;
      }
      if (target.dataset.t) {
        this.store.seek(Number(target.dataset.t));
        return;
      }
      const a = this.store.current;
      if (!a) return;
      const r = this.strip.getBoundingClientRect();
      const u = (e.clientX - r.left) / r.width;
      this.store.seek(a.track.start + u * (a.track.end - a.track.start));
    });
  }

  private span(a: AttemptView): [number, number] {
    const t0 = a.track.start;
    return [t0, Math.max(a.track.end, t0 + 1e-3)];
  }

  update(): void {
    const s = this.store;
    const r = s.rev;
    if (r.attempts !== this.seen.attempts || r.session !== this.seen.session) this.renderTabs();
    const a = s.current;
    if (a !== this.listAttempt || r.session !== this.seen.session) {
      this.listAttempt = a;
      this.rows = [];
      this.currentRow = null;
      this.list.replaceChildren();
    }
    if (a && (r.events !== this.seen.events || this.rows.length < a.events.length)) {
      for (let i = this.rows.length; i < a.events.length; i++) {
        const e = a.events[i]!;
        // An event's `t` is when it ended; a call began when the event before it ended (calls
        // run one after another), so a call that took time shows its span, as the scrubber reads it.
        const begun = e.type === 'call' ? (i > 0 ? a.events[i - 1]!.t : a.track.start) : e.t;
        const end = (e.t - a.track.start).toFixed(2);
        const start = (begun - a.track.start).toFixed(2);
        const li = el(
          'li',
          { class: eventClass(e), data: { t: String(e.t) }, title: eventText(e) },
          el('span', { class: 't', text: start === end ? `${end}s` : `${start}–${end}s` }),
          `${e.line !== null ? `L${e.line} ` : ''}${eventText(e)}`,
        );
        this.rows.push(li);
        this.list.append(li);
      }
    }
    if (
      r.track !== this.seen.track ||
      r.checkpoints !== this.seen.checkpoints ||
      r.events !== this.seen.events ||
      r.attempts !== this.seen.attempts ||
      r.session !== this.seen.session ||
      r.corrections !== this.seen.corrections
    ) {
      this.renderStrip(a);
    }
    if (r.time !== this.seen.time || r.track !== this.seen.track || r.events !== this.seen.events || this.focus.rev !== this.seenFocus) {
      this.seenFocus = this.focus.rev;
      this.renderTime(a);
    }
    this.followButton.classList.toggle('active', s.follow && s.live);
    this.followButton.disabled = !s.live;
    this.playButton.textContent = this.playing ? '❚❚' : '▶';
    const seen = this.seen;
    seen.attempts = r.attempts;
    seen.events = r.events;
    seen.checkpoints = r.checkpoints;
    seen.track = r.track;
    seen.time = r.time;
    seen.session = r.session;
    seen.corrections = r.corrections;
  }

  private renderTabs(): void {
    const s = this.store;
    this.tabs.replaceChildren(
      ...s.attempts.map((a) => {
        const cls = [a.index === s.selected ? 'selected' : '', a.end ? (a.end.success ? 'ok' : 'bad') : ''].join(' ');
        const by = a.origin === 'correction' ? ' ✎' : '';
        const mark = a.end ? (a.end.success ? ' ✓' : a.end.error?.kind === 'InterruptedError' ? ' ‖' : ' ✗') : ' …';
        const b = el('button', {
          class: cls,
          text: `Attempt ${a.index}${by}${mark}`,
          title:
            a.origin === 'correction'
              ? `the program of correction ${(a.correction ?? 0) + 1}${a.continued ? ', going on from the world as the last attempt left it' : ', from the seed'}`
              : a.origin,
        });
        b.type = 'button';
        b.addEventListener('click', () => s.select(a.index));
        return b;
      }),
    );
  }

  private renderStrip(a: AttemptView | null): void {
    const children: HTMLElement[] = [];
    if (a) {
      const [t0, t1] = this.span(a);
      const pct = (t: number): string => `${(((t - t0) / (t1 - t0)) * 100).toFixed(3)}%`;
      const verdictOf = new Map((a.end?.verdicts ?? []).map((v) => [v.checkpoint, v]));
      const starts = new Map<number, { t: number; description: string }>();
      for (const e of a.events) {
        if (e.type === 'subgoal-start') starts.set(e.subgoal, { t: e.t, description: e.description });
      }
      const ends = new Map<number, number>();
      for (const e of a.events) if (e.type === 'subgoal-end') ends.set(e.subgoal, e.t);
      for (const [index, st] of starts) {
        const end = ends.get(index) ?? t1;
        const bad = a.checkpoints.some((cp) => cp.subgoal === index && verdictOf.get(cp.index)?.ok === false);
        const bar = el('div', {
          class: `subgoal${bad ? ' bad' : ''}`,
          text: st.description,
          title: `subgoal ${index}: ${st.description}`,
          data: { t: String(st.t) },
        });
        bar.style.left = pct(st.t);
        bar.style.width = `calc(${pct(end)} - ${pct(st.t)})`;
        children.push(bar);
      }
      // Failing checkpoints last (and above, in the style sheet): never hidden under an ok one at the same moment.
      const ordered = [...a.checkpoints].sort(
        (p, q) => Number(verdictOf.get(p.index)?.ok === false) - Number(verdictOf.get(q.index)?.ok === false),
      );
      for (const cp of ordered) {
        const v = verdictOf.get(cp.index);
        const tick = el('div', {
          class: `tick ${v ? (v.ok ? 'ok' : 'bad') : ''}`,
          title: `checkpoint ${cp.index} ${cp.label}${v ? (v.ok ? ': ok' : `: ${v.failure?.kind ?? 'failed'}`) : ''}`,
          data: { t: String(cp.t), checkpoint: String(cp.index) },
        });
        tick.style.left = pct(cp.t);
        children.push(tick);
      }
      for (const e of a.events) {
        if (e.type !== 'call' || !e.error) continue;
        const tick = el('div', { class: 'tick error', title: `${e.call}: ${e.error.kind}: ${e.error.message}`, data: { t: String(e.t) } });
        tick.style.left = pct(e.t);
        children.push(tick);
      }
      for (const c of this.store.corrections) {
        if (!c || c.attempt !== a.index || c.t === null) continue;
        const t = Math.min(Math.max(c.t, t0), t1);
        const mark = el('div', {
          class: `mark correction ${c.state}`,
          text: '✎',
          title: `correction${c.index !== null ? ` ${c.index + 1}` : ''} (${c.class ?? 'unread'}${c.class ? '-level' : ''}, ${c.mode}) at ${(c.t - t0).toFixed(2)} s${c.line !== null ? `, line ${c.line}` : ''}: “${c.text}”`,
          data: { t: String(c.t), correction: String(c.id) },
        });
        mark.style.left = pct(t);
        children.push(mark);
      }
    }
    children.push(this.cursor);
    this.strip.replaceChildren(...children);
  }

  private renderTime(a: AttemptView | null): void {
    if (!a) {
      this.scrubber.min = '0';
      this.scrubber.max = '0';
      this.timeLabel.textContent = '0.00 s';
      return;
    }
    const [t0, t1] = this.span(a);
    const t = Math.min(Math.max(this.store.time, t0), t1);
    this.scrubber.min = String(t0);
    this.scrubber.max = String(t1);
    this.scrubber.value = String(t);
    this.timeLabel.textContent = `${(t - t0).toFixed(2)} s`;
    this.cursor.style.left = `${(((t - t0) / (t1 - t0)) * 100).toFixed(3)}%`;
    const chosen = this.store.follow ? -1 : this.focus.current();
    this.strip.querySelectorAll<HTMLElement>('.tick[data-checkpoint]').forEach((tick) => {
      tick.classList.toggle('selected', Number(tick.dataset.checkpoint) === chosen);
    });
    const e = this.store.eventAt(t);
    const row = e ? (this.rows[a.events.indexOf(e)] ?? null) : null;
    if (row !== this.currentRow) {
      this.currentRow?.classList.remove('current');
      row?.classList.add('current');
      this.currentRow = row;
      row?.scrollIntoView({ block: 'nearest' });
    }
  }
}
