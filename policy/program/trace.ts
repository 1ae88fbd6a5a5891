// The record of one attempt (the `Trace` of sim/trace.ts): every API call with the
// program line that made it, subgoal starts and ends, log lines, and checkpoints —
// world snapshots taken at the end of each subgoal, after each high-level action, on
// an error and at the end of the program.

import type {
  CallError,
  CallEvent,
  Checkpoint,
  CheckpointReason,
  GripperState,
  LogEvent,
  Predicate,
  ProgramError,
  SimWorld,
  Snapshot,
  SubgoalEvent,
  SubgoalInfo,
  Trace,
  TraceEvent,
} from '../../sim/index.ts';
import { safeLabel } from '../../sim/index.ts';

export interface TraceRecorderOptions {
  /**
   * Checkpoints kept before further ones are skipped (a program looping over
   * subgoals, or catching errors in a loop, would otherwise pile up snapshots). The
   * final ones (error at the end, end) are always taken. Default 200.
   */
  maxCheckpoints?: number;
}

/** Label of the checkpoint after an action: `pick-red_block`, `place-0.10_-0.05`. */
export function actionLabel(call: string, target: unknown): string {
  if (typeof target === 'string') return safeLabel(`${call}-${target}`, call);
  if (Array.isArray(target))
    return safeLabel(`${call}-${target.map((v) => (typeof v === 'number' ? v.toFixed(2) : String(v))).join('_')}`, call);
  return safeLabel(call, call);
}

export class TraceRecorder {
  readonly events: TraceEvent[] = [];
  readonly subgoals: SubgoalInfo[] = [];
  readonly checkpoints: Checkpoint[] = [];
  private readonly maxCheckpoints: number;
  private seq = 0;
  /** Index of the running subgoal, or of the one that ended last; null before the first. */
  private subgoal: number | null = null;
  private running = false;
  private approach: GripperState['approach'] = 'top';
  private finished: Trace | null = null;
  /** Gripper state of the last event, shared by the events that follow until the world moves. */
  private cachedGripper: GripperState | null = null;
  private cachedAt = NaN;

  private readonly world: SimWorld;
  constructor(world: SimWorld, options: TraceRecorderOptions = {}) {
    this.world = world;
    this.maxCheckpoints = options.maxCheckpoints ?? 200;
    this.approach = world.initial?.gripper?.approach ?? 'top';
  }

  /** seq of the last recorded event; -1 before the first. */
  get lastSeq(): number {
    return this.seq - 1;
  }

  /** Index of the running subgoal (or the last ended one); null before the first. */
  get currentSubgoal(): number | null {
    return this.subgoal;
  }

  private gripper(snapshot?: Snapshot): GripperState {
    if (snapshot) {
      const g = snapshot.gripper;
      this.approach = g.approach;
      return { position: [...g.position], yaw: g.yaw, approach: g.approach, width: g.width, holding: g.holding };
    }
    // Between motions (reads only) the gripper cannot change: reuse the last state read.
    if (this.cachedGripper && this.cachedAt === this.world.time) return this.cachedGripper;
    // getGripper() of the SimWorld contract has no `approach`; a world that reports it
    // is believed, otherwise the last one seen in a snapshot is carried forward (an
    // action that can change it — pick — is recorded from its checkpoint's snapshot).
    const g = this.world.getGripper() as ReturnType<SimWorld['getGripper']> & { approach?: GripperState['approach'] };
    if (g.approach) this.approach = g.approach;
    this.cachedGripper = { position: [...g.position], yaw: g.yaw, approach: this.approach, width: g.width, holding: g.holding };
    this.cachedAt = this.world.time;
    return this.cachedGripper;
  }

  /** Call after anything that may move the world: the next event reads the gripper afresh. */
  worldChanged(): void {
    this.cachedGripper = null;
  }

  recordCall(
    call: string,
    args: unknown[],
    line: number | null,
    outcome: { result: unknown } | { error: CallError },
    /** A snapshot taken right after the call (for the checkpoint that follows); its gripper state is used. */
    snapshot?: Snapshot,
  ): CallEvent {
    const event: CallEvent = {
      type: 'call',
      seq: this.seq++,
      t: snapshot?.t ?? this.world.time,
      line,
      call,
      args,
      gripper: this.gripper(snapshot),
    };
    if ('error' in outcome) event.error = outcome.error;
    else if (outcome.result !== undefined) event.result = outcome.result;
    this.events.push(event);
    return event;
  }

  log(message: string, line: number | null): LogEvent {
    const event: LogEvent = { type: 'log', seq: this.seq++, t: this.world.time, line, message };
    this.events.push(event);
    return event;
  }

  /** Starts subgoal `description`; the running one (if any) ends first, with its checkpoint. */
  startSubgoal(description: string, expect: Predicate | undefined, line: number | null): SubgoalInfo {
    this.endSubgoal(line, true);
    const index = this.subgoals.length;
    const t = this.world.time;
    const info: SubgoalInfo = { index, description, line, tStart: t, tEnd: null };
    if (expect !== undefined) info.expect = expect;
    this.subgoals.push(info);
    this.subgoal = index;
    this.running = true;
    const event: SubgoalEvent = { type: 'subgoal-start', seq: this.seq++, t, line, subgoal: index, description };
    if (expect !== undefined) event.expect = expect;
    this.events.push(event);
    return info;
  }

  /** Ends the running subgoal, if any; `checkpoint` false when it ends because of an error. */
  endSubgoal(line: number | null, checkpoint: boolean): void {
    if (!this.running || this.subgoal === null) return;
    const info = this.subgoals[this.subgoal]!;
    const t = this.world.time;
    info.tEnd = t;
    this.running = false;
    const event: SubgoalEvent = { type: 'subgoal-end', seq: this.seq++, t, line, subgoal: info.index, description: info.description };
    if (info.expect !== undefined) event.expect = info.expect;
    this.events.push(event);
    if (checkpoint) this.checkpoint('subgoal-end', `subgoal-${info.index}`);
  }

  /** Whether an optional checkpoint would still be kept (the cap is not reached). */
  wantsCheckpoint(): boolean {
    return this.checkpoints.length < this.maxCheckpoints;
  }

  /**
   * Takes a checkpoint (a world snapshot) now. Returns null when the cap is reached
   * and `force` is false.
   */
  checkpoint(reason: CheckpointReason, label: string, force = false, taken?: Snapshot): Checkpoint | null {
    if (!force && !this.wantsCheckpoint()) return null;
    const snapshot: Snapshot = taken ?? this.world.snapshot();
    if (snapshot.gripper?.approach) this.approach = snapshot.gripper.approach;
    const cp: Checkpoint = {
      index: this.checkpoints.length,
      label: safeLabel(label),
      reason,
      subgoal: this.subgoal,
      seq: this.lastSeq,
      t: snapshot.t ?? this.world.time,
      snapshot,
    };
    this.checkpoints.push(cp);
    return cp;
  }

  /**
   * Closes the trace: on an error, an `error` checkpoint (unless the failing call just
   * took one) and the running subgoal ends without its own checkpoint; otherwise the
   * running subgoal ends with one. Then the `end` checkpoint. Idempotent.
   */
  finish(error: ProgramError | null): Trace {
    if (this.finished) return this.finished;
    if (error) {
      const last = this.checkpoints.at(-1);
      if (!(last && last.reason === 'error' && last.seq === this.lastSeq)) this.checkpoint('error', 'error', true);
      this.endSubgoal(null, false);
    } else {
      this.endSubgoal(null, true);
    }
    this.checkpoint('end', 'end', true);
    this.finished = this.trace;
    return this.finished;
  }

  get trace(): Trace {
    return { events: this.events, subgoals: this.subgoals, checkpoints: this.checkpoints };
  }
}

/**
 * A copy of a trace ready for JSON.stringify: snapshots lose `engineState` (binary,
 * engine-specific); nothing is rounded, so equal runs give equal JSON, bit for bit.
 */
export function traceToJSON(trace: Trace): Trace {
  return {
    events: trace.events,
    subgoals: trace.subgoals,
    checkpoints: trace.checkpoints.map((cp) => {
      const { engineState: _dropped, ...snapshot } = cp.snapshot;
      return { ...cp, snapshot };
    }),
  };
}
