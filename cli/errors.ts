// Bad input from the command line: printed as one line, exit code 2.
import { InvalidArgumentError } from 'commander';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

// Option value parsers for commander's `argParser`. Commander reports a throw as
// "option '--seed <n>' argument 'abc' is invalid. <message>", which main.ts prints as one
// line with exit code 2. It does not run them on defaults: give defaults already parsed.

export function intArg(min = 0, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER ? `Expected an integer ≥ ${min}.` : `Expected an integer from ${min} to ${max}.`,
      );
    }
    return n;
  };
}

export function metresArg(max = 0.2): (value: string) => number {
  return (value) => {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(n) || n < 0 || n > max) throw new InvalidArgumentError(`Expected metres from 0 to ${max}.`);
    return n;
  };
}

/** A value `parse` reads, its one-line error becoming commander's message (e.g. parsePerceptionNoise). */
export function parsedArg<T>(parse: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (err) {
      throw new InvalidArgumentError(`${(err as Error).message}.`);
    }
  };
}

/** A comma-separated list, each item through `item`. */
export function listArg<T>(item: (value: string) => T): (value: string) => T[] {
  return (value) => {
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length === 0) throw new InvalidArgumentError('Expected a comma-separated list.');
    return items.map(item);
  };
}

/** One of `allowed`, for list items (a single value uses commander's `Option.choices`, same message). */
export function choiceArg<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(allowed as readonly string[]).includes(value)) throw new InvalidArgumentError(`Allowed choices are ${allowed.join(', ')}.`);
    return value as T;
  };
}
