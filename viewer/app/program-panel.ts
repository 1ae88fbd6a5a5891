// The program of the attempt on screen, with the line now running highlighted and the
// line where it failed (or where a person interrupted it) marked.

import { byId, el } from './dom.ts';
import type { SessionStore } from './session-store.ts';

export class ProgramPanel {
  private readonly pre = byId('program');
  private readonly note = byId('program-note');
  private lines: HTMLElement[] = [];
  private shownProgram: string | null = null;
  private running: number | null = null;
  private failing: number | null = null;
  private interrupted: number | null = null;

  private readonly store: SessionStore;
  constructor(store: SessionStore) {
    this.store = store;
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
    this.mark('failing', this.store.failingLine(a));
    this.mark('interrupted', this.store.interruptedLine(a));
    const running = this.store.runningLine();
    if (running !== this.running && running !== null && this.store.follow) {
      this.lines[running - 1]?.scrollIntoView({ block: 'nearest' });
    }
    this.mark('running', running);
  }

  private mark(kind: 'running' | 'failing' | 'interrupted', line: number | null): void {
    const prev = this[kind];
    if (prev === line) return;
    if (prev !== null) this.lines[prev - 1]?.classList.remove(kind);
    if (line !== null) this.lines[line - 1]?.classList.add(kind);
    this[kind] = line;
  }
}
