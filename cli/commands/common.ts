// Shared option handling for commands that load a task and a seed.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTask } from '../../tasks/index.ts';
import type { TaskDef } from '../../tasks/index.ts';
import { parseIntArg, UsageError } from '../errors.ts';

export function requireTask(ref: string | undefined): TaskDef {
  if (!ref) throw new UsageError('--task: required (a bundled task id or a path to a task file; see `policyloop tasks`)');
  return loadTask(ref);
}

export function seedOption(value: string | undefined): number {
  return value === undefined ? 0 : parseIntArg('--seed', value);
}

export function readProgramFile(path: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new UsageError(`--program: no such file: ${path}`);
  try {
    return readFileSync(abs, 'utf8');
  } catch (err) {
    throw new UsageError(`--program: cannot read ${path}: ${(err as Error).message}`);
  }
}
