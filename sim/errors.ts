// Named errors of the program API (docs/architecture.md#errors-and-failure-kinds). Each is a PolicyError whose `name` and
// `kind` are the class name, so sandboxed programs can catch them by name.

export const ERROR_KINDS = ['GraspError', 'ReachError', 'UnknownObjectError', 'ArgumentError', 'CollisionError', 'TimeoutError'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * Why a skill failed, where the skill knows it: a typed field that travels with the error
 * (into the trace, `CallEvent.error.cause` and `ProgramError.cause`, and to programs as
 * `e.cause`) so the diagnosis keys on it, never on the message.
 */
export const ERROR_CAUSES = {
  GraspError: [
    /** pick or push while something is held. */
    'already-holding',
    /** place with nothing in the hand. */
    'not-holding',
    /** The object is wider than the gripper opens. */
    'too-wide',
    /** The fingers closed on nothing. */
    'nothing-grasped',
    /** The fingers closed on another object. */
    'wrong-object',
    /** The object left the fingers while the gripper moved (or after lifting). */
    'slipped',
  ],
  CollisionError: [
    /** The gripper would have gone into the table. */
    'table',
    /** The held object was driven into the table and out of the grasp. */
    'held-into-table',
    /** Another object knocked the held one out of the grasp. */
    'knocked-away',
  ],
  ReachError: [],
  UnknownObjectError: [],
  ArgumentError: [],
  TimeoutError: [],
} as const satisfies Record<ErrorKind, readonly string[]>;

export type ErrorCauseOf<K extends ErrorKind> = (typeof ERROR_CAUSES)[K][number];
export type GraspCause = ErrorCauseOf<'GraspError'>;
export type CollisionCause = ErrorCauseOf<'CollisionError'>;
export type ErrorCause = ErrorCauseOf<ErrorKind>;

/** Every cause of every kind, once each (validators of traces read from JSON). */
export const ERROR_CAUSE_NAMES = [...new Set(Object.values(ERROR_CAUSES).flat())] as readonly ErrorCause[];

/** `cause` when it is one the kind has (untrusted input, e.g. what a program threw), else undefined. */
export function causeOf(kind: string, cause: unknown): ErrorCause | undefined {
  const causes = (ERROR_CAUSES as Record<string, readonly string[]>)[kind];
  return causes && typeof cause === 'string' && causes.includes(cause) ? (cause as ErrorCause) : undefined;
}

/** Error raised by a skill or an API call; programs can catch it by `name`. */
export class PolicyError extends Error {
  readonly kind: ErrorKind;
  readonly objects: string[];
  /** Why it failed, when the thrower knows (ERROR_CAUSES of its kind). Replaces Error's untyped `cause`. */
  declare readonly cause: ErrorCause | undefined;
  constructor(kind: ErrorKind, message: string, objects: string[] = [], cause?: ErrorCause) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
    this.name = kind;
    this.objects = objects;
  }
}

export class GraspError extends PolicyError {
  constructor(message: string, objects: string[] = [], cause?: GraspCause) {
    super('GraspError', message, objects, cause);
  }
}
export class ReachError extends PolicyError {
  constructor(message: string, objects: string[] = []) {
    super('ReachError', message, objects);
  }
}
export class UnknownObjectError extends PolicyError {
  constructor(message: string, objects: string[] = []) {
    super('UnknownObjectError', message, objects);
  }
}
export class ArgumentError extends PolicyError {
  constructor(message: string, objects: string[] = []) {
    super('ArgumentError', message, objects);
  }
}
export class CollisionError extends PolicyError {
  constructor(message: string, objects: string[] = [], cause?: CollisionCause) {
    super('CollisionError', message, objects, cause);
  }
}
export class TimeoutError extends PolicyError {
  constructor(message: string, objects: string[] = []) {
    super('TimeoutError', message, objects);
  }
}
