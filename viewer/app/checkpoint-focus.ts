// Which checkpoint is on screen. Several checkpoints often share one moment (a `place`
// action's checkpoint, the end of its subgoal and the attempt's `end`), so the time alone
// cannot say which one a person chose: a click on a card or a marker, `[` / `]`, or the
// failure focus picks one, and it stays chosen while the world shows its moment.

import type { Checkpoint } from '../../sim/trace.ts';
import type { AttemptView, SessionStore } from './session-store.ts';

const SAME_MOMENT = 1e-9;

export class CheckpointFocus {
  private attempt: AttemptView | null = null;
  private index = -1;
  private t = 0;
  /** Bumped on every choice, so panels redraw their selection. */
  rev = 0;

  private readonly store: SessionStore;
  constructor(store: SessionStore) {
    this.store = store;
  }

  /** Shows checkpoint `index` of the attempt on screen: seeks to its moment and chooses it among those at that moment. */
  select(index: number): Checkpoint | null {
    const a = this.store.current;
    const cp = a?.checkpoints.find((c) => c.index === index);
    if (!a || !cp) return null;
    this.store.seek(cp.t);
    this.attempt = a;
    this.index = cp.index;
    this.t = cp.t;
    this.rev++;
    return cp;
  }

  /**
   * The checkpoint on screen: the one chosen, while the world shows its moment; else the
   * latest at or before the moment on screen; -1 before the first.
   */
  current(): number {
    const s = this.store;
    const a = s.current;
    if (!a) return -1;
    if (this.attempt === a && Math.abs(s.time - this.t) <= SAME_MOMENT && a.checkpoints.some((c) => c.index === this.index)) {
      return this.index;
    }
    let at = -1;
    for (const c of a.checkpoints) if (c.t <= s.time + SAME_MOMENT) at = c.index;
    return at;
  }

  /** Steps to the previous (-1) or next (+1) checkpoint of the attempt on screen, in checkpoint order. */
  step(direction: 1 | -1): Checkpoint | null {
    const a = this.store.current;
    if (!a || a.checkpoints.length === 0) return null;
    const cps = a.checkpoints;
    const now = this.current();
    const pos = cps.findIndex((c) => c.index === now);
    // Before the first checkpoint: `]` goes to it, `[` nowhere.
    const next = pos === -1 ? (direction > 0 ? 0 : -1) : pos + direction;
    const cp = cps[next];
    return cp ? this.select(cp.index) : null;
  }
}
