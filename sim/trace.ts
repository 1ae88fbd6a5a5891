// The record of one attempt: every API call with the program line that made it,
// subgoals, log lines and checkpoints (world snapshots). The sandbox's trace recorder
// (policy/program/trace.ts) writes it; monitors, the diagnosis, run records and the
// viewer read it. It lives here, below monitor/ and policy/, because both read it.

import type { ErrorCause, ErrorKind } from './errors.ts';
import type { GripperState, Predicate, SceneSpec, Snapshot, Vec3 } from './types.ts';

/** An error a call raised, as the program saw it; `cause` when the skill knew why (errors.ts). */
export interface CallError {
  kind: ErrorKind | 'Error';
  message: string;
  cause?: ErrorCause;
}

/** Smallest net displacement (m) and rotation (deg) of an object that a call's `moved` lists. */
export const MOVED_DISTANCE_MIN = 0.003;
export const MOVED_ROTATION_MIN_DEG = 3;

/**
 * An object a motion call moved: its pose just after the call minus its pose just before
 * (net, so an object that moved and came back is not listed).
 */
export interface MovedObject {
  id: string;
  /** Displacement of its centre (m). */
  delta: Vec3;
  /** hypot(delta) (m). */
  distance: number;
  /** Angle between the two orientations (degrees, 0–180). */
  rotationDeg: number;
  /** Upright before the call (tilt ≤ UPRIGHT_LIMIT) and not after; always false for a sphere. */
  toppled: boolean;
  /**
   * The call was meant to move it: the object of `pick` or `push`, or the object held
   * before or after the call (carried, placed, released, grasped).
   */
  intended: boolean;
}

export interface CallEvent {
  type: 'call';
  seq: number;
  /** Simulated seconds when the call returned (or threw). */
  t: number;
  /** 1-based line of the program that made the call; null if unknown. */
  line: number | null;
  call: string;
  args: unknown[];
  result?: unknown;
  error?: CallError;
  gripper: GripperState;
  /**
   * Motion calls only (actions and low-level moves): the objects that moved more than
   * MOVED_DISTANCE_MIN or turned more than MOVED_ROTATION_MIN_DEG during the call,
   * largest displacement first. Absent when nothing did, and on calls that do not move
   * the world.
   */
  moved?: MovedObject[];
}

export interface SubgoalEvent {
  type: 'subgoal-start' | 'subgoal-end';
  seq: number;
  t: number;
  line: number | null;
  /** 0-based index of the subgoal within the attempt. */
  subgoal: number;
  description: string;
  expect?: Predicate;
}

export interface LogEvent {
  type: 'log';
  seq: number;
  t: number;
  line: number | null;
  message: string;
}

export type TraceEvent = CallEvent | SubgoalEvent | LogEvent;

export type CheckpointReason = 'subgoal-end' | 'action' | 'error' | 'end' | 'manual';

export interface Checkpoint {
  index: number;
  /** Short file-name-safe label, e.g. "pick-red_block", "subgoal-2", "error", "end". */
  label: string;
  reason: CheckpointReason;
  /** Index of the subgoal this checkpoint belongs to (the one running or just ended); null before the first. */
  subgoal: number | null;
  /** seq of the last event before the checkpoint. */
  seq: number;
  t: number;
  snapshot: Snapshot;
}

export interface SubgoalInfo {
  index: number;
  description: string;
  expect?: Predicate;
  line: number | null;
  tStart: number;
  tEnd: number | null;
}

/** Why an attempt's program stopped early, if it did. */
export interface ProgramError {
  kind: ErrorKind | 'SyntaxError' | 'Error' | 'InterruptedError' | 'MemoryError' | 'StackOverflowError' | 'NoProgramError';
  message: string;
  line: number | null;
  /** Why, when the error came from a skill that knew (errors.ts ERROR_CAUSES). */
  cause?: ErrorCause;
}

export interface Trace {
  events: TraceEvent[];
  subgoals: SubgoalInfo[];
  checkpoints: Checkpoint[];
}

/** Everything a monitor needs about one attempt. */
export interface AttemptData {
  scene: SceneSpec;
  instruction: string;
  program: string;
  trace: Trace;
  error: ProgramError | null;
}
