// The control block the viewer's main thread and the live-episode worker share: run /
// pause / step / stop, the speed, and the count of corrections sent and taken, in a
// SharedArrayBuffer so the worker (busy in synchronous physics and sandbox code) sees a
// change at its next physics step or API call without ever yielding to its event loop.
// The worker side (LiveGate) paces the simulation at real time and blocks with
// Atomics.wait while paused; a correction waiting to be taken lifts a pause until the
// program is interrupted at its next API call.

import type { Speed } from './speeds.ts';
import { SPEED_FACTOR, SPEEDS } from './speeds.ts';

export const RUN = 0;
export const PAUSE = 1;
/** Run until the next API call begins, then pause. */
export const STEP = 2;
export const STOP = 3;

const STATE = 0;
const SPEED = 1;
/** Bumped on every change; the worker waits on this slot. */
const GEN = 2;
/** Number of step requests so far: a new request is a new value, even while already stepping. */
const STEPS = 3;
/** Corrections the main thread has sent (over the worker's correction port). */
const SENT = 4;
/** Corrections the worker has taken (read off the port and handed to the session). */
const TAKEN = 5;
const SLOTS = 6;

export class ControlBlock {
  readonly buffer: SharedArrayBuffer;
  private readonly a: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT)) {
    this.buffer = buffer;
    this.a = new Int32Array(buffer);
  }

  get state(): number {
    return Atomics.load(this.a, STATE);
  }
  get speed(): Speed {
    return SPEEDS[Atomics.load(this.a, SPEED)] ?? '1x';
  }
  get gen(): number {
    return Atomics.load(this.a, GEN);
  }
  get steps(): number {
    return Atomics.load(this.a, STEPS);
  }
  /** Corrections sent so far. */
  get sent(): number {
    return Atomics.load(this.a, SENT);
  }
  /** Corrections taken so far. */
  get taken(): number {
    return Atomics.load(this.a, TAKEN);
  }
  /** A correction was sent that the worker has not taken yet: the running program is to be interrupted. */
  get correctionPending(): boolean {
    return this.sent > this.taken;
  }

  private changed(): void {
    Atomics.add(this.a, GEN, 1);
    Atomics.notify(this.a, GEN);
  }

  setState(state: number): void {
    Atomics.store(this.a, STATE, state);
    this.changed();
  }

  setSpeed(speed: Speed): void {
    Atomics.store(this.a, SPEED, SPEEDS.indexOf(speed));
    this.changed();
  }

  requestStep(): void {
    Atomics.add(this.a, STEPS, 1);
    if (this.state !== STOP) Atomics.store(this.a, STATE, STEP);
    this.changed();
  }

  /** Main thread: one more correction is on the port (post it first, then call this). */
  correctionSent(): void {
    Atomics.add(this.a, SENT, 1);
    this.changed();
  }

  /** Worker: one more correction was read off the port. */
  correctionTaken(): void {
    Atomics.add(this.a, TAKEN, 1);
    this.changed();
  }

  /** STEP → PAUSE unless something else changed the state meanwhile. */
  finishStep(): void {
    if (Atomics.compareExchange(this.a, STATE, STEP, PAUSE) === STEP) this.changed();
  }

  /** Blocks until the block changes from generation `gen`, or `ms` pass. Worker threads only. */
  waitChange(gen: number, ms: number): void {
    Atomics.wait(this.a, GEN, gen, ms);
  }

  /** Resolves when the block changes from generation `gen`, or `ms` pass, without blocking the thread. */
  async waitChangeAsync(gen: number, ms: number): Promise<void> {
    // Atomics.waitAsync (Node 16+) is in the ES2024 library, not in this project's lib.
    const atomics = Atomics as unknown as {
      waitAsync(a: Int32Array, i: number, v: number, ms: number): { async: boolean; value: Promise<string> | string };
    };
    const w = atomics.waitAsync(this.a, GEN, gen, ms);
    if (w.async) await w.value;
  }
}

export interface GateSink {
  /** Streamed data out: `force` before the worker blocks (paused); otherwise when due. */
  flush(force: boolean): void;
  /** The run is paused before (or inside) API call `index` at `line`. */
  paused(index: number, line: number | null): void;
  resumed(): void;
}

/**
 * The worker side: beforeCall() runs before each API call of the program, afterStep()
 * after each physics step. Pauses block in either; a step request lets the program run
 * until the next API call begins. Real-time pacing sleeps in afterStep.
 */
export class LiveGate {
  private callIndex = 0;
  private line: number | null = null;
  /** Step requests seen so far; -1 so that one made before the gate existed counts. */
  private handledSteps = -1;
  /** Call index during which the current step began; the next call pauses. */
  private stepFrom: number | null = null;
  private anchorWall = 0;
  private anchorSim = 0;
  private anchored = false;
  private anchorSpeed: Speed;

  private readonly control: ControlBlock;
  private readonly sink: GateSink;
  private readonly now: () => number;
  constructor(control: ControlBlock, sink: GateSink, now: () => number = () => performance.now()) {
    this.control = control;
    this.sink = sink;
    this.now = now;
    this.anchorSpeed = control.speed;
  }

  get stopped(): boolean {
    return this.control.state === STOP;
  }

  /** Index (1-based, counted across attempts) of the API call running or about to run. */
  get currentCall(): number {
    return this.callIndex;
  }

  /** Forget the pacing anchor (a new attempt starts; the model took wall time in between). */
  reanchor(): void {
    this.anchored = false;
  }

  private noteStep(callIndex: number): void {
    const steps = this.control.steps;
    if (steps !== this.handledSteps) {
      this.handledSteps = steps;
      this.stepFrom = callIndex;
    }
  }

  /** Paused, and no correction waiting to interrupt the program. */
  private holding(): boolean {
    return this.control.state === PAUSE && !this.control.correctionPending;
  }

  private blockWhilePaused(): void {
    this.sink.flush(true);
    this.sink.paused(this.callIndex, this.line);
    for (;;) {
      const gen = this.control.gen;
      if (!this.holding()) break;
      this.control.waitChange(gen, 1000);
    }
    this.anchored = false;
    this.sink.resumed();
  }

  beforeCall(line: number | null): void {
    this.callIndex++;
    this.line = line;
    for (;;) {
      const state = this.control.state;
      if (state === STEP) {
        this.noteStep(this.callIndex);
        if (this.stepFrom !== null && this.callIndex > this.stepFrom) {
          this.stepFrom = null;
          this.control.finishStep();
          continue;
        }
        return;
      }
      if (state === PAUSE && !this.control.correctionPending) {
        this.blockWhilePaused();
        continue;
      }
      return;
    }
  }

  afterStep(simTime: number): void {
    while (this.holding()) this.blockWhilePaused();
    const state = this.control.state;
    if (state === STOP) return;
    if (state === STEP) this.noteStep(this.callIndex);
    const speed = this.control.speed;
    const factor = SPEED_FACTOR[speed];
    if (factor === 0) return;
    const now = this.now();
    if (!this.anchored || speed !== this.anchorSpeed) {
      this.anchored = true;
      this.anchorSpeed = speed;
      this.anchorWall = now;
      this.anchorSim = simTime;
      return;
    }
    const due = this.anchorWall + ((simTime - this.anchorSim) * 1000) / factor;
    if (now - due > 250) {
      // Behind by more than a moment (a slow machine, a render): carry on from here
      // rather than rushing to catch up.
      this.anchorWall = now;
      this.anchorSim = simTime;
      return;
    }
    if (due - now > 1) {
      this.sink.flush(false);
      this.control.waitChange(this.control.gen, due - now);
    }
  }
}
