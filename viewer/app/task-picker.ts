// Before Start: the task list grouped by suite (each task with its instruction), and the
// chosen task's instruction and initial scene for the form's seed, drawn at once. The
// server lays the scene out with the episode's own scene builder (a `preview` request);
// the preview shows until a session (a live episode or an opened run) takes the view.

import type { SceneSpec, Snapshot } from '../../sim/types.ts';
import type { ClientMessage, ServerMessage, ServerMessageOf } from '../protocol.ts';
import { byId, el } from './dom.ts';
import type { SessionStore } from './session-store.ts';

/** The task select's value for "a task file on the server's machine". */
export const FILE_CHOICE = '__file__';
/** Tasks without a bundled suite are listed under this heading. */
const NO_SUITE = 'other';
/** How long the seed field must rest before a preview is asked for. */
const SEED_DEBOUNCE_MS = 150;

type TaskInfo = { id: string; instruction: string; suite?: string };

/** The task select's children: one optgroup per suite (in first-seen order), each option "id — instruction". */
export function taskOptions(tasks: readonly TaskInfo[]): HTMLElement[] {
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const t of tasks) {
    const suite = t.suite ?? NO_SUITE;
    let g = groups.get(suite);
    if (!g) {
      g = el('optgroup');
      g.label = suite;
      groups.set(suite, g);
    }
    const o = el('option', { text: `${t.id} — ${t.instruction}`, title: t.instruction });
    o.value = t.id;
    g.append(o);
  }
  const file = el('option', { text: 'task file…' });
  file.value = FILE_CHOICE;
  return [...groups.values(), file];
}

export interface PreviewTarget {
  setScene(spec: SceneSpec | null): void;
  show(snapshot: Snapshot, track: null): void;
}

export class TaskPicker {
  private readonly task = byId<HTMLSelectElement>('task-select');
  private readonly taskFile = byId<HTMLInputElement>('task-file');
  private readonly seed = byId<HTMLInputElement>('seed');
  private readonly panel = byId('task-preview');
  /** The preview on screen; null when a session has the view. */
  shown: ServerMessageOf<'preview'> | null = null;
  /**
   * The last request sent, so a late answer for an older choice is dropped; `auto`: asked
   * on connecting, not by the person — its answer never covers a session that came since.
   */
  private asked: { task: string; seed: number; auto: boolean } | null = null;
  private seedTimer: ReturnType<typeof setTimeout> | null = null;
  private seenSession = -1;

  private readonly store: SessionStore;
  private readonly send: (m: ClientMessage) => void;
  private readonly target: PreviewTarget;
  constructor(store: SessionStore, send: (m: ClientMessage) => void, target: PreviewTarget) {
    this.store = store;
    this.send = send;
    this.target = target;
    this.task.addEventListener('change', () => this.request());
    this.taskFile.addEventListener('change', () => this.request());
    this.seed.addEventListener('input', () => {
      if (this.seedTimer) clearTimeout(this.seedTimer);
      this.seedTimer = setTimeout(() => this.request(), SEED_DEBOUNCE_MS);
    });
  }

  /** Whether the preview has the 3D view (then the session's track must not be drawn over it). */
  get active(): boolean {
    return this.shown !== null;
  }

  /** Asks for the chosen task's scene at the form's seed, unless a live episode has the view. */
  request(auto = false): void {
    if (this.store.live) return;
    const task = this.task.value === FILE_CHOICE ? this.taskFile.value.trim() : this.task.value;
    const seed = Number(this.seed.value || '0');
    if (!task || !Number.isInteger(seed) || seed < 0) return;
    this.asked = { task, seed, auto };
    this.send({ type: 'preview', task, seed });
  }

  receive(m: ServerMessage): void {
    if (m.type === 'hello' && !this.store.info) {
      // The select is filled by the controls on the next frame; ask then, unless a session
      // (`view --run`, another tab's episode) has come in the meantime.
      requestAnimationFrame(() => {
        if (!this.store.info) this.request(true);
      });
      return;
    }
    if (m.type !== 'preview' || this.store.live) return;
    const a = this.asked;
    const chosen = this.task.value === FILE_CHOICE ? this.taskFile.value.trim() : this.task.value;
    if (!a || a.seed !== m.seed || (a.task !== m.task && a.task !== chosen)) return;
    // The preview asked for on connecting answers after a run the server opened at start: the run keeps the view.
    if (a.auto && this.store.info) return;
    this.shown = m;
    this.target.setScene(m.scene);
    this.target.show(m.initial, null);
    byId('world-empty').hidden = true;
    this.panel.replaceChildren(
      el('span', { class: 'badge', text: 'preview' }),
      ` ${m.task} · seed ${m.seed} — `,
      el('q', { text: m.instruction }),
    );
    this.panel.hidden = false;
  }

  /** Once a frame: a new session takes the view from the preview. */
  update(): void {
    if (this.store.rev.session === this.seenSession) return;
    this.seenSession = this.store.rev.session;
    if (this.store.info) this.drop();
  }

  /**
   * The session on screen takes the view back when the person moves its timeline; true when
   * it did (the caller draws the session's scene again).
   */
  release(timeMoved: boolean): boolean {
    if (!this.shown || !timeMoved || !this.store.info) return false;
    this.drop();
    return true;
  }

  private drop(): void {
    this.shown = null;
    this.panel.hidden = true;
  }
}
