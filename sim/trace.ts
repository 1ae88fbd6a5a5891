// The record of one attempt: every API call with the program line that made it,
// subgoals, log lines and checkpoints (world snapshots). The sandbox's trace recorder
// (policy/program/trace.ts) writes it; monitors, the diagnosis, run records and the
// viewer read it. It lives here, below monitor/ and policy/, because both read it.

import type { ErrorCause, ErrorKind } from './errors.ts';
import type { GripperState, Predicate, SceneSpec, Snapshot } from './types.ts';

/** An error a call raised, as the program saw it; `cause` when the skill knew why (errors.ts). */
export interface CallError {
  kind: ErrorKind | 'Error';
  message: string;
  cause?: ErrorCause;
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
