// Temporary folders for tests, removed when the test file is done.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made = new Set<string>();

function remove(dirs: Set<string>): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

// Registered when a test file first imports this module (vitest evaluates it once per
// file), so it runs after that file's own afterAll hooks (servers closed first).
afterAll(() => remove(made));

// Once per process, whatever the module isolation: at exit, whatever no afterAll removed.
const shared = globalThis as typeof globalThis & { __policyloopTestTempDirs?: Set<string> };
if (!shared.__policyloopTestTempDirs) {
  const all = new Set<string>();
  shared.__policyloopTestTempDirs = all;
  process.once('exit', () => remove(all));
}
const everywhere = shared.__policyloopTestTempDirs;

/** A new empty folder `<os tmpdir>/policyloop-<prefix>-XXXXXX`, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `policyloop-${prefix}-`));
  made.add(dir);
  everywhere.add(dir);
  return dir;
}
