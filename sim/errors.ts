// Named errors of the program API (docs/architecture.md#errors-and-failure-kinds). Each is a PolicyError whose `name` and
// `kind` are the class name, so sandboxed programs can catch them by name.

export const ERROR_KINDS = [
  'GraspError', 'ReachError', 'UnknownObjectError', 'ArgumentError',
  'CollisionError', 'TimeoutError',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Error raised by a skill or an API call; programs can catch it by `name`. */
export class PolicyError extends Error {
  readonly kind: ErrorKind;
  readonly objects: string[];
  constructor(kind: ErrorKind, message: string, objects: string[] = []) {
    super(message);
    this.kind = kind;
    this.name = kind;
    this.objects = objects;
  }
}

export class GraspError extends PolicyError {
  constructor(message: string, objects: string[] = []) { super('GraspError', message, objects); }
}
export class ReachError extends PolicyError {
  constructor(message: string, objects: string[] = []) { super('ReachError', message, objects); }
}
export class UnknownObjectError extends PolicyError {
  constructor(message: string, objects: string[] = []) { super('UnknownObjectError', message, objects); }
}
export class ArgumentError extends PolicyError {
  constructor(message: string, objects: string[] = []) { super('ArgumentError', message, objects); }
}
export class CollisionError extends PolicyError {
  constructor(message: string, objects: string[] = []) { super('CollisionError', message, objects); }
}
export class TimeoutError extends PolicyError {
  constructor(message: string, objects: string[] = []) { super('TimeoutError', message, objects); }
}
