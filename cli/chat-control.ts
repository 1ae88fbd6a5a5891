// The control block `policyloop chat`'s main thread and its session worker share (a
// SharedArrayBuffer, as viewer/live-control.ts): the worker is busy in synchronous
// physics and sandbox code while a program runs, so it reads this before every API call
// instead of waiting for a message. RUN lets the program go on; PAUSE makes it block
// before its next API call until the state changes (resume = RUN: it goes on exactly
// where it stopped); INTERRUPT stops the paused program there, the world as it is (a
// correction, /undo, /restart or the end of the session replaces it).

export const RUN = 0;
export const PAUSE = 1;
export const INTERRUPT = 2;

const STATE = 0;
/** Bumped on every change; the worker waits on this slot. */
const GEN = 1;

export class ChatControl {
  readonly buffer: SharedArrayBuffer;
  private readonly a: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)) {
    this.buffer = buffer;
    this.a = new Int32Array(buffer);
  }

  get state(): number {
    return Atomics.load(this.a, STATE);
  }

  set(state: typeof RUN | typeof PAUSE | typeof INTERRUPT): void {
    Atomics.store(this.a, STATE, state);
    Atomics.add(this.a, GEN, 1);
    Atomics.notify(this.a, GEN);
  }

  /** PAUSE only if the state is RUN (an INTERRUPT already asked for stays). */
  pause(): void {
    if (Atomics.compareExchange(this.a, STATE, RUN, PAUSE) === RUN) {
      Atomics.add(this.a, GEN, 1);
      Atomics.notify(this.a, GEN);
    }
  }

  /** Blocks while the state is PAUSE (worker threads only); returns the state that ended the pause. */
  waitWhilePaused(): number {
    for (;;) {
      const gen = Atomics.load(this.a, GEN);
      const state = this.state;
      if (state !== PAUSE) return state;
      Atomics.wait(this.a, GEN, gen, 1000);
    }
  }
}
