// Worker processes for the queue tests and bench: `policyloop worker` from the sources, with
// its episode lines collected and a way to wait for them.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ROOT, sourceCli } from './cli-source.ts';

export interface WorkerProcess {
  child: ChildProcessWithoutNullStreams;
  /** Its stdout lines so far: one per episode ("ok   lift_block seed 0 …"). */
  lines: string[];
  stderr(): string;
  /** Resolves when a stdout or stderr line matches (rejects after `timeoutMs` or when the process exits). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or the signal) when the process ends. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** Fast stalled-job handling: a killed worker's job is back on the queue within ~5 s. */
export const FAST_QUEUE_ENV: Record<string, string> = {
  POLICYLOOP_QUEUE_LOCK_MS: '4000',
  POLICYLOOP_QUEUE_STALLED_MS: '1000',
  POLICYLOOP_QUEUE_POLL_MS: '300',
  POLICYLOOP_KB: 'off',
};

export function startWorker(url: string, args: string[], env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, sourceCli(['worker', '--queue', url, ...args]), {
    cwd: ROOT,
    env: { ...process.env, ...FAST_QUEUE_ENV, ...env },
  });
  const lines: string[] = [];
  let err = '';
  let outBuf = '';
  const watchers: { re: RegExp; resolve: (l: string) => void }[] = [];
  const see = (line: string): void => {
    for (const w of [...watchers])
      if (w.re.test(line)) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(line);
      }
  };
  child.stdout.on('data', (d: Buffer) => {
    outBuf += d.toString();
    const parts = outBuf.split('\n');
    outBuf = parts.pop()!;
    for (const l of parts) {
      lines.push(l);
      see(l);
    }
  });
  let errBuf = '';
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    errBuf += d.toString();
    const parts = errBuf.split('\n');
    errBuf = parts.pop()!;
    for (const l of parts) see(l);
  });
  const exited = new Promise<number | NodeJS.Signals | null>((res) => child.on('exit', (code, sig) => res(code ?? sig)));
  return {
    child,
    lines,
    stderr: () => err,
    exited,
    waitFor: (re, timeoutMs = 60_000) =>
      new Promise<string>((resolve, reject) => {
        const found = [...lines, ...err.split('\n')].find((l) => re.test(l));
        if (found) return resolve(found);
        const t = setTimeout(
          () => reject(new Error(`worker: no line matching ${re} within ${timeoutMs} ms; stderr: ${err.slice(-500)}`)),
          timeoutMs,
        );
        const w = {
          re,
          resolve: (l: string) => {
            clearTimeout(t);
            resolve(l);
          },
        };
        watchers.push(w);
        void exited.then((code) => {
          if (watchers.includes(w)) {
            clearTimeout(t);
            reject(new Error(`worker exited (${String(code)}) before a line matching ${re}; stderr: ${err.slice(-500)}`));
          }
        });
      }),
  };
}

/** SIGTERM, then wait for it to finish its episodes and exit. */
export async function stopWorker(w: WorkerProcess): Promise<number | NodeJS.Signals | null> {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  return w.exited;
}
