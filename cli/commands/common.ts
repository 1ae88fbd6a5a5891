// Shared option handling (required options and value parsing are commander's: see ../errors.ts).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';

export function readProgramFile(path: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new UsageError(`--program: no such file: ${path}`);
  try {
    return readFileSync(abs, 'utf8');
  } catch (err) {
    throw new UsageError(`--program: cannot read ${path}: ${(err as Error).message}`);
  }
}
