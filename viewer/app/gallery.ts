// The checkpoint gallery of the attempt on screen: each checkpoint's picture (the image
// the monitor's renderer wrote, or the same scene drawn here from the snapshot), and
// the monitor's verdict — green or red — with its explanation. Clicking a card seeks
// the world to that checkpoint. The card of the checkpoint on screen is selected and
// scrolled into view when a checkpoint is chosen (a click, `[` / `]`, a failure shown).

import type { Checkpoint } from '../../sim/trace.ts';
import type { CheckpointFocus } from './checkpoint-focus.ts';
import { byId, el } from './dom.ts';
import type { AttemptView, SessionStore } from './session-store.ts';
import type { ThumbnailRenderer } from './thumbnails.ts';

/** Thumbnails drawn per animation frame at most: a long attempt must not stall the page. */
const THUMBNAILS_PER_FRAME = 2;

interface Card {
  cp: Checkpoint;
  root: HTMLElement;
  img: HTMLImageElement;
  drawn: boolean;
}

export class Gallery {
  private readonly root = byId('gallery');
  private cards: Card[] = [];
  private attempt: AttemptView | null = null;
  private readonly seen = { checkpoints: -1, session: -1, time: -1 };
  private verdictsShown: unknown = null;
  /** Streamed verdicts shown (AttemptView.verdicts.length). */
  private streamedShown = 0;
  private focusShown = -1;

  private readonly store: SessionStore;
  private readonly thumbnails: ThumbnailRenderer;
  private readonly focus: CheckpointFocus;
  constructor(store: SessionStore, thumbnails: ThumbnailRenderer, focus: CheckpointFocus) {
    this.store = store;
    this.thumbnails = thumbnails;
    this.focus = focus;
    this.root.addEventListener('click', (e) => {
      const card = (e.target as HTMLElement).closest<HTMLElement>('.cp');
      if (card?.dataset.checkpoint) this.focus.select(Number(card.dataset.checkpoint));
    });
  }

  update(): void {
    const s = this.store;
    const a = s.current;
    if (a !== this.attempt || s.rev.session !== this.seen.session) {
      this.attempt = a;
      this.cards = [];
      this.verdictsShown = null;
      this.streamedShown = 0;
      this.root.replaceChildren();
    }
    if (a && (s.rev.checkpoints !== this.seen.checkpoints || this.cards.length < a.checkpoints.length || this.verdictsShown !== a.end)) {
      for (let i = this.cards.length; i < a.checkpoints.length; i++) this.addCard(a.checkpoints[i]!);
      if (this.verdictsShown !== a.end || this.streamedShown !== a.verdicts.length) this.renderVerdicts(a);
    }
    if (a && (s.rev.time !== this.seen.time || this.focus.rev !== this.focusShown)) {
      // The card of the checkpoint on screen (the one chosen, else the latest at or before the moment).
      const index = s.follow ? -1 : this.focus.current();
      const current = this.cards.find((c) => c.cp.index === index) ?? null;
      for (const c of this.cards) c.root.classList.toggle('selected', c === current);
      if (this.focus.rev !== this.focusShown) {
        this.focusShown = this.focus.rev;
        current?.root.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      }
    }
    this.drawPending(a);
    this.seen.checkpoints = s.rev.checkpoints;
    this.seen.session = s.rev.session;
    this.seen.time = s.rev.time;
  }

  private addCard(cp: Checkpoint): void {
    const img = el('img');
    img.alt = `checkpoint ${cp.index}: ${cp.label}`;
    const root = el(
      'div',
      { class: 'cp', data: { t: String(cp.t), checkpoint: String(cp.index) } },
      img,
      el('div', { class: 'cp-title', text: `#${cp.index} ${cp.label}`, title: `${cp.label} (${cp.reason}) at ${cp.t.toFixed(2)} s` }),
      el('span', { class: 'verdict pending', text: 'pending' }),
      el('div', { class: 'explanation' }),
    );
    this.cards.push({ cp, root, img, drawn: false });
    this.root.append(root);
  }

  private renderVerdicts(a: AttemptView): void {
    this.verdictsShown = a.end;
    this.streamedShown = a.verdicts.length;
    // Streamed verdicts show as they come; the attempt's end has the final list.
    const verdicts = new Map([...a.verdicts, ...(a.end?.verdicts ?? [])].map((v) => [v.checkpoint, v]));
    const images = new Map((a.end?.images ?? []).filter((i) => i.view === 'front').map((i) => [i.checkpoint, i.url]));
    const monitor = this.store.info?.monitor ?? '';
    for (const c of this.cards) {
      const badge = c.root.querySelector<HTMLElement>('.verdict')!;
      const text = c.root.querySelector<HTMLElement>('.explanation')!;
      const v = verdicts.get(c.cp.index);
      if (v) {
        badge.className = `verdict ${v.ok ? 'ok' : 'bad'}`;
        c.root.classList.toggle('failing', !v.ok);
        badge.textContent = v.ok ? '✓ ok' : `✗ ${v.failure?.kind ?? 'failed'}`;
        text.textContent = v.ok ? (v.evidence?.[0] ?? '') : (v.failure?.explanation ?? '');
      } else if (a.end) {
        badge.className = 'verdict pending';
        badge.textContent = monitor === 'none' ? 'no monitor' : 'no verdict';
      }
      const url = images.get(c.cp.index);
      if (url) {
        c.img.src = url;
        c.img.title = 'rendered by the monitor’s renderer';
        c.drawn = true;
      }
    }
  }

  private drawPending(a: AttemptView | null): void {
    if (!a) return;
    let budget = THUMBNAILS_PER_FRAME;
    for (const c of this.cards) {
      if (budget === 0) return;
      if (c.drawn) continue;
      const url = this.thumbnails.render(c.cp.snapshot);
      if (!url) return;
      c.img.src = url;
      c.drawn = true;
      budget--;
    }
  }
}
