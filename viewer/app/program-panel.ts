// The program of the attempt on screen, with the line now running highlighted and the
// line where it failed (or where a person interrupted it) marked: a thrown error's line,
// and for a failure only the monitor caught the line of the call responsible (failure.ts).
// Long lines wrap under their own text (no sideways scrolling).

import { byId, el } from './dom.ts';
import { failingLine } from './failure.ts';
import type { FailureFocus } from './failure.ts';
import type { SessionStore } from './session-store.ts';

export class ProgramPanel {
  private readonly pre = byId('program');
  private readonly note = byId('program-note');
  private lines: HTMLElement[] = [];
  private shownProgram: string | null = null;
  private running: number | null = null;
  private failing: number | null = null;
  private interrupted: number | null = null;
  private failureShown = 0;

  private readonly store: SessionStore;
  private readonly failures: FailureFocus | null;
  constructor(store: SessionStore, failures: FailureFocus | null = null) {
    this.store = store;
    this.failures = failures;
  }

  update(): void {
    const a = this.store.current;
    const program = a?.program ?? '';
    if (program !== this.shownProgram) {
      this.shownProgram = program;
      const text = program.replace(/\n$/, '');
      this.lines = text === '' ? [] : text.split('\n').map((line) => el('span', { class: 'ln', text: line === '' ? ' ' : line }));
      this.pre.replaceChildren(...this.lines);
      this.running = null;
      this.failing = null;
      this.interrupted = null;
    }
    this.note.textContent = a ? `· attempt ${a.index} (${a.origin})${program.trim() === '' ? ' — no program' : ''}` : '';
    const failing = failingLine(this.store, a);
    this.mark('failing', failing?.line ?? null);
    const failingEl = failing ? this.lines[failing.line - 1] : undefined;
    if (failing && failingEl) {
      if (failingEl.dataset.note !== failing.note) failingEl.dataset.note = failing.note;
      failingEl.classList.toggle('monitor', !failing.thrown);
    }
    this.mark('interrupted', this.store.interruptedLine(a));
    const running = this.store.runningLine();
    if (running !== this.running && running !== null && this.store.follow) {
      this.lines[running - 1]?.scrollIntoView({ block: 'nearest' });
    }
    this.mark('running', running);
    if (this.failures && this.failures.rev !== this.failureShown) {
      this.failureShown = this.failures.rev;
      failingEl?.scrollIntoView({ block: 'nearest' });
    }
  }

  private mark(kind: 'running' | 'failing' | 'interrupted', line: number | null): void {
    const prev = this[kind];
    if (prev === line) return;
    if (prev !== null) {
      const e = this.lines[prev - 1];
      e?.classList.remove(kind);
      if (e && kind === 'failing') {
        e.classList.remove('monitor');
        delete e.dataset.note;
      }
    }
    if (line !== null) this.lines[line - 1]?.classList.add(kind);
    this[kind] = line;
  }
}
