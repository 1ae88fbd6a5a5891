// The chat panel: the loop's own messages (generation, diagnosis, repair, results) and
// the person's corrections, in the order they happened. A correction shows the words,
// the class the programmer gave them (plan / skill) and what it understood, the program
// diff, and how the run that followed went — or the one line saying why nothing was
// applied. Its input sends corrections to the live episode: continue by default; the
// "restart" box or a `/restart` prefix starts the new program from the seed.

import type { ClientMessage, CorrectionView } from '../protocol.ts';
import { diffLines } from '../line-diff.ts';
import { byId, el } from './dom.ts';
import type { SessionStore } from './session-store.ts';

const WHO: Record<string, string> = {
  generation: 'programmer',
  repair: 'programmer',
  diagnosis: 'monitor · diagnosis',
  result: 'loop',
  info: 'viewer',
  warning: 'warning',
  error: 'error',
};

const STATE_LABEL: Record<CorrectionView['state'], string> = {
  pending: 'waiting for the next API call',
  queued: 'queued',
  correcting: 'the programmer is reading it',
  applied: 'applied',
  'not-applied': 'not applied',
  refused: 'refused',
};

/** Lines of unchanged context kept around each change in the chat's diff. */
const DIFF_CONTEXT = 1;

/**
 * What the chat box holds, as a message: `/restart …` and `/continue …` choose the mode
 * (else the restart box does); an unknown `/command` is an error line.
 */
export function parseChatInput(raw: string, restart: boolean): { ok: true; message: ClientMessage } | { ok: false; error: string } {
  const text = raw.trim();
  const m = /^\/(\w+)\b\s*([\s\S]*)$/.exec(text);
  if (m) {
    const cmd = m[1]!.toLowerCase();
    if (cmd !== 'restart' && cmd !== 'continue') {
      return { ok: false, error: `unknown command /${m[1]}: type a correction, or start it with /restart or /continue` };
    }
    if (m[2]!.trim() === '') return { ok: false, error: `/${cmd} needs a correction after it, e.g. "/${cmd} no, the blue one"` };
    return { ok: true, message: { type: 'correct', text: m[2]!, mode: cmd } };
  }
  return { ok: true, message: { type: 'correct', text: raw, mode: restart ? 'restart' : 'continue' } };
}

function correctionDiff(before: string, after: string): HTMLElement {
  const diff = diffLines(before, after);
  const keep = new Array<boolean>(diff.length).fill(false);
  diff.forEach((d, i) => {
    if (d.op === 'same') return;
    for (let j = Math.max(0, i - DIFF_CONTEXT); j <= Math.min(diff.length - 1, i + DIFF_CONTEXT); j++) keep[j] = true;
  });
  const added = diff.filter((d) => d.op === 'add').length;
  const removed = diff.filter((d) => d.op === 'del').length;
  const rows: HTMLElement[] = [];
  let gap = false;
  const isComment = (text: string): boolean => /^\s*\/\//.test(text);
  for (let i = 0; i < diff.length; i++) {
    const d = diff[i]!;
    if (!keep[i]) {
      gap = true;
      continue;
    }
    if (gap && rows.length > 0) rows.push(el('span', { class: 'gap', text: '  …' }));
    gap = false;
    const mark = d.op === 'add' ? '+' : d.op === 'del' ? '-' : ' ';
    // A run of changed comment lines (the programmer's notes) folds into one row, so the
    // code that changed shows first; the row's tooltip holds them.
    let j = i;
    while (j < diff.length && diff[j]!.op === d.op && d.op !== 'same' && isComment(diff[j]!.text)) j++;
    if (j - i > 1) {
      const folded = diff.slice(i, j).map((x) => x.text);
      rows.push(el('span', { class: d.op, text: `${mark}    (${j - i} comment lines)`, title: folded.join('\n') }));
      i = j - 1;
      continue;
    }
    const ln = d.newLine ?? d.oldLine;
    rows.push(el('span', { class: d.op, text: `${mark}${String(ln ?? '').padStart(3)} ${d.text}` }));
  }
  const box = el(
    'details',
    { class: 'correction-diff' },
    el('summary', { text: added + removed === 0 ? 'the program is unchanged' : `program: +${added} −${removed} lines` }),
    el('pre', { class: 'diff' }, ...rows),
  );
  box.open = added + removed > 0;
  return box;
}

function correctionItem(c: CorrectionView): HTMLLIElement {
  const n = c.index !== null ? `correction ${c.index + 1}` : 'correction';
  const where =
    c.attempt !== null && c.t !== null ? ` · attempt ${c.attempt}${c.line !== null ? `, line ${c.line}` : ''}, t ${c.t.toFixed(2)} s` : '';
  const parts: (Node | string)[] = [
    el('span', { class: 'who', text: `you · ${n} · ${c.mode}${where}` }),
    el('div', { class: 'words', text: c.text }),
  ];
  if (c.class !== null) {
    const hint = c.classHint !== null && c.classHint !== c.class ? ` (the session read it as ${c.classHint}-level)` : '';
    parts.push(
      el(
        'div',
        { class: 'reading' },
        el('span', { class: `class ${c.class}`, text: `${c.class}-level` }),
        ` ${c.understood || 'no reading given'}${hint}`,
      ),
    );
  }
  // The session's own line already says "applied (…)"; the others get their state first.
  const state = c.state === 'applied' && c.message ? c.message : c.message ? `${STATE_LABEL[c.state]}: ${c.message}` : STATE_LABEL[c.state];
  parts.push(el('div', { class: 'state', text: state }));
  if (c.programBefore !== null && c.programAfter !== null) parts.push(correctionDiff(c.programBefore, c.programAfter));
  if (c.state === 'applied') {
    const ran = c.ranIn !== null ? `attempt ${c.ranIn}: ` : '';
    const ok = c.outcome.startsWith('done');
    parts.push(
      el('div', {
        class: `outcome${ok ? ' ok' : c.outcome === 'pending' ? '' : ' bad'}`,
        text: c.outcome === 'pending' ? 'its program runs next' : `${ran}${c.outcome}`,
      }),
    );
  }
  const li = el('li', { class: `correction ${c.state}`, data: { correction: String(c.id) } }, ...parts);
  if (c.attempt !== null && c.t !== null) li.title = 'show where it was given';
  return li;
}

export class ChatPanel {
  private readonly list = byId('chat');
  private readonly form = byId<HTMLFormElement>('chat-form');
  private readonly input = byId<HTMLInputElement>('chat-input');
  private readonly restart = byId<HTMLInputElement>('chat-restart');
  private readonly send = byId<HTMLButtonElement>('chat-send');
  private readonly note = byId('chat-note');
  private shown = 0;
  private session = -1;
  private correctionsSeen = -1;
  private statusSeen = -1;
  private readonly items = new Map<number, { li: HTMLLIElement; view: CorrectionView }>();

  private readonly store: SessionStore;
  constructor(store: SessionStore, sendMessage: (m: ClientMessage) => void) {
    this.store = store;
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!this.store.correctable) return;
      const parsed = parseChatInput(this.input.value, this.restart.checked);
      if (!parsed.ok) {
        this.note.textContent = parsed.error;
        this.note.className = 'error';
        return;
      }
      this.note.textContent = '';
      this.note.className = '';
      sendMessage(parsed.message);
      this.input.value = '';
    });
    this.list.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('details')) return;
      const li = (e.target as HTMLElement).closest<HTMLElement>('li.correction');
      if (li?.dataset.correction) this.store.seekCorrection(Number(li.dataset.correction));
    });
  }

  update(): void {
    const s = this.store;
    if (s.rev.session !== this.session) {
      this.session = s.rev.session;
      this.shown = 0;
      this.items.clear();
      this.list.replaceChildren();
    }
    if (s.rev.status !== this.statusSeen || s.rev.session !== this.session) {
      this.statusSeen = s.rev.status;
      const on = s.correctable;
      this.input.disabled = !on;
      this.send.disabled = !on;
      this.restart.disabled = !on;
      this.input.placeholder = on
        ? s.status.status === 'finished'
          ? 'Comment on the result, e.g. "lift it higher" — goes on from the final world'
          : 'Correct the robot, e.g. "no, the blue one" (/restart … to start over)'
        : s.info?.source === 'run'
          ? 'A replay: corrections go to a live episode'
          : 'Start an episode to correct it';
    }
    // Follow the newest entry unless the person has scrolled up to read.
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 48;
    let changed = false;
    for (let i = this.shown; i < s.feed.length; i++) {
      const entry = s.feed[i]!;
      if ('chat' in entry) {
        const item = entry.chat;
        this.list.append(
          el(
            'li',
            { class: `${item.kind}${item.ok ? ' ok' : ''}` },
            el('span', {
              class: 'who',
              text: `${WHO[item.kind] ?? item.role}${item.attempt !== null ? ` · attempt ${item.attempt}` : ''}`,
            }),
            item.text,
          ),
        );
      } else {
        const c = s.corrections[entry.correction];
        if (!c) continue;
        const li = correctionItem(c);
        this.items.set(c.id, { li, view: c });
        this.list.append(li);
      }
      changed = true;
    }
    this.shown = s.feed.length;
    if (s.rev.corrections !== this.correctionsSeen) {
      this.correctionsSeen = s.rev.corrections;
      for (const [id, shown] of this.items) {
        const c = s.corrections[id];
        if (!c || c === shown.view) continue;
        const was = shown.li.querySelector('details');
        const next = correctionItem(c);
        const details = next.querySelector('details');
        if (details && was) details.open = was.open;
        shown.li.replaceWith(next);
        this.items.set(id, { li: next, view: c });
        changed = true;
      }
    }
    if (changed && atBottom) this.list.scrollTop = this.list.scrollHeight;
  }
}
