// The record of one attempt (the `Trace` of sim/trace.ts): every API call with the
// program line that made it, subgoal starts and ends, log lines, and checkpoints —
// world snapshots taken at the end of each subgoal, after each high-level action, on
// an error and at the end of the program. Each motion call also lists the objects it
// moved (`CallEvent.moved`), from object poses read just before and just after it.
//
// A trace has a byte budget (TRACE_BYTE_BUDGET, 16 MiB of trace.json as the run record
// writes it): each entry's size is counted as it is recorded, strings in call arguments,
// results and errors are capped (TRACE_STRING_CAP characters), and past the budget no
// more calls, log lines or subgoal events are recorded, nor optional checkpoints taken —
// one marker log line says how many were not. The record can always be written.

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

/** Bytes of trace.json (as the run record writes it) past which no more entries are recorded. */
export const TRACE_BYTE_BUDGET = 16 * 1024 * 1024;
/** Longest string kept in a call's arguments, result or error; longer ones keep their start and their length. */
export const TRACE_STRING_CAP = 10_000;
/** Room kept under the budget for what is always recorded: the marker, the final subgoal end and checkpoints. */
const FINAL_RESERVE_BYTES = 64 * 1024;
/** What an entry of one of trace.json's lists adds besides itself: its line break, two spaces of indent and a comma. */
const ITEM_BYTES = 4;
/** `"gripper": ` in trace.json. */
const GRIPPER_KEY_BYTES = '"gripper": '.length;
/** Deepest nesting counted or copied; deeper values are replaced by a short text. */
const MAX_VALUE_DEPTH = 32;

/** Set by jsonBytes when it meets a string longer than TRACE_STRING_CAP (the caller then caps the value). */
let sawLongString = false;
/** Sizes of object keys met so far (a handful of field names, counted once). */
const keySizes = new Map<string, number>();

/**
 * Size in bytes (UTF-8) of `value` in JSON.stringify(…, null, 1) output when it sits
 * `depth` levels deep: the layout writeAttemptFiles uses for trace.json. Exact for plain
 * data; `undefined` properties are skipped as JSON does. One walk, no copies: it runs on
 * every recorded call.
 */
export function jsonBytes(value: unknown, depth = 0): number {
  switch (typeof value) {
    case 'string':
      return stringBytes(value);
    case 'number':
      return Number.isFinite(value) ? numberBytes(value) : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      break;
    default:
      return 4; // undefined or a function in an array: null
  }
  if (value === null) return 4;
  if (depth > MAX_VALUE_DEPTH) return 16;
  const inner = depth + 1;
  let items = 0;
  let total = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) total += jsonBytes(value[i], inner);
    items = value.length;
  } else {
    const o = value as Record<string, unknown>;
    for (const k in o) {
      if (!Object.hasOwn(o, k)) continue;
      const v = o[k];
      if (v === undefined || typeof v === 'function') continue;
      let key = keySizes.get(k);
      if (key === undefined) {
        key = stringBytes(k) + 2; // "key": value
        if (keySizes.size < 256) keySizes.set(k, key);
      }
      total += key + jsonBytes(v, inner);
      items++;
    }
  }
  if (items === 0) return 2;
  // Each item on its own line, indented one space per level, separated by commas; the
  // closing bracket on a line of its own at the outer indent.
  return 2 + total + items * (1 + inner) + (items - 1) + 1 + depth;
}

function numberBytes(n: number): number {
  if (Number.isInteger(n) && n >= 0 && n < 1e9) return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : String(n).length;
  return String(n).length;
}

/** Bytes of a string as JSON text: its quotes, escapes and UTF-8 encoding. */
function stringBytes(s: string): number {
  if (s.length > TRACE_STRING_CAP) sawLongString = true;
  if (s.length > 256) {
    return Buffer.byteLength(JSON.stringify(s), 'utf8');
  }
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20) n += c === 0x22 || c === 0x5c ? 2 : 1;
      else n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    } else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 6; // a lone surrogate is written as \udxxx
    } else n += 3;
  }
  return n;
}

/**
 * `value` with every string longer than TRACE_STRING_CAP cut to its start and its length,
 * nesting past MAX_VALUE_DEPTH replaced; the value itself when nothing needed cutting.
 */
export function capTraceValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.length > TRACE_STRING_CAP ? `${value.slice(0, TRACE_STRING_CAP)}… (${value.length} characters)` : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_VALUE_DEPTH) return '<deeply nested value>';
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      const c = capTraceValue(v, depth + 1);
      if (c !== v) {
        out ??= value.slice();
        out[i] = c;
      }
    }
    return out ?? value;
  }
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const c = capTraceValue(v, depth + 1);
    if (c !== v) {
      out ??= { ...(value as Record<string, unknown>) };
      out[k] = c;
    }
  }
  return out ?? value;
}

/** Most characters of a ProgramError's kind (an error's name) and message kept in records and prompts. */
export const ERROR_TEXT_CAPS = { name: 200, message: 2000 } as const;

function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/**
 * The error with its kind cut to ERROR_TEXT_CAPS.name characters and its message to
 * ERROR_TEXT_CAPS.message (a leading `Name: ` of a thrown value's own name to the name's
 * cap first, so the message after it is kept); the error itself when nothing is cut.
 */
export function capProgramError<E extends { kind: string; message: string }>(error: E): E;
export function capProgramError<E extends { kind: string; message: string }>(error: E | null): E | null;
export function capProgramError<E extends { kind: string; message: string }>(error: E | null): E | null {
  if (!error) return error;
  const kind = clipText(String(error.kind), ERROR_TEXT_CAPS.name);
  let message = String(error.message);
  if (message.length > ERROR_TEXT_CAPS.message) {
    const colon = message.indexOf(': ');
    if (colon > ERROR_TEXT_CAPS.name) message = `${clipText(message.slice(0, colon), ERROR_TEXT_CAPS.name)}${message.slice(colon)}`;
    message = clipText(message, ERROR_TEXT_CAPS.message);
  }
  return kind === error.kind && message === error.message ? error : { ...error, kind, message };
}

export interface TraceRecorderOptions {
  /**
   * Bytes of trace.json past which calls, log lines, subgoal events and optional
   * checkpoints are no longer recorded (one marker log line counts them). Default
   * TRACE_BYTE_BUDGET.
   */
  maxBytes?: number;
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
  private readonly maxBytes: number;
  /** Bytes of trace.json recorded so far (jsonBytes of each entry where it sits). */
  private bytes = 0;
  /** Entries not recorded past the byte budget, and the marker line that counts them. */
  private dropped = { calls: 0, logs: 0, subgoals: 0 };
  private marker: LogEvent | null = null;
  private readonly gripperBytes = new WeakMap<GripperState, number>();
  constructor(world: SimWorld, options: TraceRecorderOptions = {}) {
    this.world = world;
    this.maxCheckpoints = options.maxCheckpoints ?? 200;
    this.maxBytes = options.maxBytes ?? TRACE_BYTE_BUDGET;
    // The frame of trace.json: {"events": [], "subgoals": [], "checkpoints": [], "success": …}.
    this.bytes = 128;
    this.approach = world.initial?.gripper?.approach ?? 'top';
    this.shapes = new Map(world.scene.objects.map((o) => [o.id, o.shape]));
  }

  /** Bytes of trace.json the recorded entries take (estimated exactly as written, JSON with a one-space indent). */
  get sizeBytes(): number {
    return this.bytes;
  }

  /** How many calls, log lines and subgoal events were not recorded because the trace reached its byte budget. */
  get droppedEntries(): Readonly<{ calls: number; logs: number; subgoals: number }> {
    return this.dropped;
  }

  /** Whether the trace has reached its byte budget (nothing optional is recorded any more). */
  get full(): boolean {
    return this.marker !== null;
  }

  /**
   * Whether an entry of `size` bytes still fits; when it does not, the trace is full
   * from now on and its marker line is added (once).
   */
  private fits(size: number): boolean {
    if (this.marker) return false;
    if (this.bytes + size <= this.maxBytes - FINAL_RESERVE_BYTES) return true;
    const marker: LogEvent = { type: 'log', seq: this.seq++, t: this.world.time, line: null, message: '' };
    this.marker = marker;
    this.updateMarker();
    this.events.push(marker);
    this.bytes += jsonBytes(marker, 2) + ITEM_BYTES;
    return false;
  }

  private updateMarker(): void {
    if (!this.marker) return;
    const { calls, logs, subgoals } = this.dropped;
    const mib = +(this.maxBytes / (1024 * 1024)).toFixed(2);
    this.marker.message =
      `trace truncated: it reached its budget of ${mib} MiB, so ${calls} later call${calls === 1 ? '' : 's'}, ` +
      `${logs} log line${logs === 1 ? '' : 's'} and ${subgoals} subgoal event${subgoals === 1 ? '' : 's'} were not recorded`;
  }

  private drop(kind: 'calls' | 'logs' | 'subgoals'): void {
    this.dropped[kind]++;
    this.updateMarker();
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
      seq: this.seq,
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
    this.record(event, 'calls');
    return event;
  }

  /**
   * Bytes of an event in trace.json, with its list item's line, indent and comma. A call's
   * gripper state is shared by the calls until the world moves, so its size is counted once.
   */
  private eventBytes(event: TraceEvent): number {
    if (event.type !== 'call') return jsonBytes(event, 2) + ITEM_BYTES;
    const gripper = event.gripper;
    let g = this.gripperBytes.get(gripper);
    if (g === undefined) {
      g = jsonBytes(gripper, 3);
      this.gripperBytes.set(gripper, g);
    }
    (event as { gripper?: GripperState }).gripper = undefined;
    const rest = jsonBytes(event, 2);
    event.gripper = gripper;
    // "gripper": {…} as one more item of the event: its line and indent (1 + 3), its key, a comma.
    return rest + 4 + GRIPPER_KEY_BYTES + g + 1 + ITEM_BYTES;
  }

  /** Adds an event when it fits in the byte budget (and gives it its seq), else counts it as dropped. */
  private record(event: TraceEvent, kind: 'calls' | 'logs' | 'subgoals'): boolean {
    if (this.marker) {
      this.drop(kind);
      return false;
    }
    sawLongString = false;
    let size = this.eventBytes(event);
    if (sawLongString) {
      // A string past the cap (the sandbox caps what crosses; this holds whatever the values are).
      if (event.type === 'call') {
        event.args = capTraceValue(event.args) as unknown[];
        if (event.error) event.error = capTraceValue(event.error) as CallError;
        if (event.result !== undefined) event.result = capTraceValue(event.result);
      } else if (event.type === 'log') event.message = capTraceValue(event.message) as string;
      size = this.eventBytes(event);
    }
    if (!this.fits(size)) {
      this.drop(kind);
      return false;
    }
    event.seq = this.seq++;
    this.bytes += size;
    this.events.push(event);
    return true;
  }

  log(message: string, line: number | null): LogEvent {
    const event: LogEvent = { type: 'log', seq: this.seq, t: this.world.time, line, message };
    this.record(event, 'logs');
    return event;
  }

  /** Starts subgoal `description`; the running one (if any) ends first, with its checkpoint. */
  startSubgoal(description: string, expect: Predicate | undefined, line: number | null): SubgoalInfo {
    this.endSubgoal(line, true);
    const index = this.subgoals.length;
    const t = this.world.time;
    const info: SubgoalInfo = { index, description, line, tStart: t, tEnd: null };
    if (expect !== undefined) info.expect = expect;
    const event: SubgoalEvent = { type: 'subgoal-start', seq: this.seq, t, line, subgoal: index, description };
    if (expect !== undefined) event.expect = expect;
    // The subgoal's info, its start and (later) its end event must all fit.
    const infoSize = jsonBytes({ ...info, tEnd: t }, 2) + ITEM_BYTES;
    const eventSize = jsonBytes(event, 2) + ITEM_BYTES;
    if (!this.fits(infoSize + 2 * eventSize)) {
      this.drop('subgoals');
      return info;
    }
    this.subgoals.push(info);
    this.bytes += infoSize;
    this.subgoal = index;
    this.running = true;
    this.record(event, 'subgoals');
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
    // Its room was counted when the subgoal started: a recorded start always gets its end.
    this.bytes += jsonBytes(event, 2) + ITEM_BYTES;
    this.events.push(event);
    if (checkpoint) this.checkpoint('subgoal-end', `subgoal-${info.index}`);
  }

  /** Whether an optional checkpoint would still be kept (the cap is not reached). */
  wantsCheckpoint(): boolean {
    return this.checkpoints.length < this.maxCheckpoints && !this.full;
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
    const { engineState: _notWritten, ...written } = snapshot;
    const size = jsonBytes({ ...cp, snapshot: written }, 2) + ITEM_BYTES;
    // An optional checkpoint that does not fit fills the trace; a forced one (error, end) is always taken.
    if (!force && !this.fits(size)) return null;
    this.bytes += size;
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
