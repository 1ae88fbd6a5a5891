// The lock of a suite's output folder (docs/architecture.md#suite-records): two suites writing
// into the same --out would run and record every episode twice. `<out>/suite.lock` holds the
// owner's pid, host and start time; it is created atomically (a hard link of a written temp
// file, which fails when the lock exists), released on every exit path (release(), and a
// process 'exit' hook for a hard exit), and a lock left by a process killed on this host (its
// pid no longer running) is taken over with a note.
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ResultsFileError } from './results-file.ts';

export const LOCK_FILE = 'suite.lock';

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export interface SuiteLock {
  file: string;
  owner: LockOwner;
  /** One line when a stale lock was taken over (its owner no longer runs), else null. */
  tookOver: string | null;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.startedAt === 'string') {
      return { pid: o.pid, host: o.host, startedAt: o.startedAt };
    }
  } catch {
    /* unreadable or not ours */
  }
  return null;
}

function describe(o: LockOwner): string {
  return `pid ${o.pid} on ${o.host} since ${o.startedAt}`;
}

/**
 * Takes the lock of `outDir` (which must exist) or throws a ResultsFileError in one line naming
 * who holds it. A lock of a dead process on this host is taken over (`tookOver` says so).
 */
export function lockSuiteDir(outDir: string): SuiteLock {
  const file = join(outDir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  const text = JSON.stringify(owner) + '\n';
  const temp = join(outDir, `.${LOCK_FILE}.${process.pid}`);
  let tookOver: string | null = null;
  try {
    writeFileSync(temp, text);
  } catch (err) {
    throw new ResultsFileError(`--out ${outDir}: cannot write there (${(err as Error).message})`);
  }
  try {
    for (let tries = 0; ; tries++) {
      try {
        linkSync(temp, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || tries >= 3) {
          throw new ResultsFileError(`--out ${outDir}: cannot create ${file}: ${(err as Error).message}`);
        }
      }
      const held = readOwner(file);
      if (held === null) {
        throw new ResultsFileError(`--out ${outDir} is locked by ${file}, which is not a suite lock; if no suite runs there, delete it`);
      }
      if (held.host !== owner.host || alive(held.pid)) {
        throw new ResultsFileError(
          `another suite is writing into ${outDir} (${describe(held)}); wait for it, stop it, or choose another --out${held.host !== owner.host ? ` (if it is gone, delete ${file})` : ''}`,
        );
      }
      // Stale: its process is gone. Move it aside atomically, and make sure what moved is the stale lock.
      const aside = join(outDir, `.${LOCK_FILE}.stale.${process.pid}`);
      try {
        renameSync(file, aside);
      } catch {
        continue; // someone else moved it first: try again
      }
      const moved = readOwner(aside);
      if (moved === null || moved.pid !== held.pid || moved.startedAt !== held.startedAt) {
        // A live suite's fresh lock: put it back and refuse.
        try {
          linkSync(aside, file);
        } catch {
          /* it made another */
        }
        unlinkSync(aside);
        throw new ResultsFileError(`another suite took the lock of ${outDir} just now; choose another --out`);
      }
      unlinkSync(aside);
      tookOver = `took over the lock of ${outDir} left by ${describe(held)}, which is no longer running`;
    }
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      /* gone */
    }
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    // Only our own lock: never one another suite took over after us.
    const now = readOwner(file);
    if (now && now.pid === owner.pid && now.startedAt === owner.startedAt && now.host === owner.host) {
      try {
        unlinkSync(file);
      } catch {
        /* gone */
      }
    }
  };
  process.on('exit', release);
  return { file, owner, tookOver, release };
}
