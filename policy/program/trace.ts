// The record of one attempt (the `Trace` of sim/trace.ts): every API call with the
// program line that made it, subgoal starts and ends, log lines, and checkpoints —
// world snapshots taken at the end of each subgoal, after each high-level action, on
// an error and at the end of the program. Each motion call also lists the objects it
// moved (`CallEvent.moved`), from object poses read just before and just after it.

import type {
  CallError,
  CallEvent,
  Checkpoint,
  CheckpointReason,
  GripperState,
  LogEvent,
  MovedObject,
  Pose,
  Predicate,
  ProgramError,
  SimWorld,
  Snapshot,
  SubgoalEvent,
  SubgoalInfo,
  Trace,
  TraceEvent,
} from '../../sim/index.ts';
import { MOVED_DISTANCE_MIN, MOVED_ROTATION_MIN_DEG, UPRIGHT_LIMIT, quatAngleBetween, safeLabel, tiltOf } from '../../sim/index.ts';

type Poses = Map<string, Pose>;

/** Calls whose first argument is the object they are meant to move. */
const MOVES_ITS_OBJECT: ReadonlySet<string> = new Set(['pick', 'push']);

/**
 * The objects that moved between two sets of poses by more than the thresholds
 * (MOVED_DISTANCE_MIN, MOVED_ROTATION_MIN_DEG), largest displacement first; `intended`
 * marks the ones the call was meant to move.
 */
export function movedObjects(
  shapes: ReadonlyMap<string, string>,
  before: Poses,
  after: Poses,
  intended: ReadonlySet<string>,
): MovedObject[] {
  const out: MovedObject[] = [];
  for (const [id, a] of before) {
    const b = after.get(id);
    if (!b) continue;
    const delta: MovedObject['delta'] = [b.position[0] - a.position[0], b.position[1] - a.position[1], b.position[2] - a.position[2]];
    const distance = Math.hypot(delta[0], delta[1], delta[2]);
    const rotationDeg = (quatAngleBetween(a.quaternion, b.quaternion) * 180) / Math.PI;
    if (distance < MOVED_DISTANCE_MIN && rotationDeg < MOVED_ROTATION_MIN_DEG) continue;
    const toppled = shapes.get(id) !== 'sphere' && tiltOf(a.quaternion) <= UPRIGHT_LIMIT && tiltOf(b.quaternion) > UPRIGHT_LIMIT;
    out.push({ id, delta, distance, rotationDeg, toppled, intended: intended.has(id) });
  }
  return out.sort((p, q) => q.distance - p.distance || q.rotationDeg - p.rotationDeg);
}

function posesOf(snapshot: Snapshot): Poses {
  const out: Poses = new Map();
  for (const [id, o] of Object.entries(snapshot.objects)) out.set(id, { position: o.position, quaternion: o.quaternion });
  return out;
}

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
  /** Object poses last read, and the world time they hold for. */
  private poses: Poses | null = null;
  private posesAt = NaN;
  /** Set by worldChanged() before a motion runs: the poses and the held object then. */
  private motion: { poses: Poses; holding: string | null } | null = null;
  private readonly shapes: Map<string, string>;

  private readonly world: SimWorld;
  constructor(world: SimWorld, options: TraceRecorderOptions = {}) {
    this.world = world;
    this.maxCheckpoints = options.maxCheckpoints ?? 200;
    this.approach = world.initial?.gripper?.approach ?? 'top';
    this.shapes = new Map(world.scene.objects.map((o) => [o.id, o.shape]));
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

  /**
   * Every object's pose now: from `snapshot` when given, else read from the world (cheap
   * reads, no engine snapshot), reused while the world time has not changed.
   */
  private currentPoses(snapshot?: Snapshot): Poses {
    if (snapshot) {
      this.poses = posesOf(snapshot);
      this.posesAt = snapshot.t;
    } else if (!this.poses || this.posesAt !== this.world.time) {
      const poses: Poses = new Map();
      for (const id of this.shapes.keys()) {
        const p = this.world.getPose(id);
        poses.set(id, { position: p.position, quaternion: p.quaternion });
      }
      this.poses = poses;
      this.posesAt = this.world.time;
    }
    return this.poses;
  }

  /**
   * Call right before a motion runs (anything that may move the world): the next event
   * reads the gripper afresh, and the call it records lists the objects that moved since
   * this point (`CallEvent.moved`).
   */
  worldChanged(): void {
    const holding = this.gripper().holding;
    this.motion = { poses: this.currentPoses(), holding };
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
    const motion = this.motion;
    if (motion) {
      this.motion = null;
      const intended = new Set<string>();
      if (motion.holding) intended.add(motion.holding);
      if (event.gripper.holding) intended.add(event.gripper.holding);
      if (MOVES_ITS_OBJECT.has(call) && typeof args[0] === 'string') intended.add(args[0]);
      const moved = movedObjects(this.shapes, motion.poses, this.currentPoses(snapshot), intended);
      if (moved.length > 0) event.moved = moved;
    }
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
