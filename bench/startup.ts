// Start-up figures (issue 14, "Startup and weight"; docs/architecture.md#build):
// - `policyloop --version`: wall time and peak resident memory of the whole process,
//   median of `runs` runs one after another (each a fresh `node bin/policyloop.js`);
// - a suite worker's ready time: from `new Worker` to the suite's worker module loaded
//   (dist/policy/suite/worker-entry.js, which loads the compiled episode worker), median of
//   `runs` fresh threads.
// Both measure the build the command line runs. `entry: 'source'` measures the source
// copies instead (bin/ before the build existed is not kept; the worker entry registers tsx),
// for comparison.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageFile } from '../sim/package-root.ts';
import { median } from './bench.ts';

export interface StartupFigure {
  /** `policyloop --version`: median wall ms and median peak RSS (MB) of the process. */
  version: { wallMs: number; maxRssMB: number; runs: number };
  /** A suite worker thread: median ms from `new Worker` to its worker module loaded. */
  worker: { readyMs: number; runs: number; entry: 'dist' | 'source' };
}

export interface StartupOptions {
  /** Repetitions of each measurement (default 10). */
  runs?: number;
  /** Which suite worker entry to load (default `dist`, what the command line runs). */
  entry?: 'dist' | 'source';
}

// Loaded before the command line with --import: prints the process's peak RSS as it exits.
const RSS_PROBE = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss_kb="+process.resourceUsage().maxRSS+"\\n"))';

/** One `node bin/policyloop.js --version`: wall ms and peak RSS in kB. */
function versionRun(): { ms: number; rssKb: number } {
  const bin = packageFile('bin', 'policyloop.js');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', RSS_PROBE, bin, '--version'], { encoding: 'utf8', timeout: 60_000 });
  const ms = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`startup bench: \`${bin} --version\` exited with ${r.status ?? r.signal}: ${r.stderr.trim().split('\n')[0]}`);
  const m = /maxrss_kb=(\d+)/.exec(r.stderr);
  if (!m) throw new Error(`startup bench: \`${bin} --version\` printed no peak RSS on stderr`);
  return { ms, rssKb: Number(m[1]) };
}

/** The suite worker entry of the build, or of the sources. */
export function suiteWorkerEntry(entry: 'dist' | 'source'): string {
  const rel = join('policy', 'suite', 'worker-entry.js');
  return pathToFileURL(entry === 'dist' ? packageFile('dist', rel) : packageFile(rel)).href;
}

/** Ms from `new Worker` to the module at `href` loaded in it (the thread then ends). */
export function workerReadyMs(href: string): Promise<number> {
  const code = `import(${JSON.stringify(href)}).then(() => require('node:worker_threads').parentPort.postMessage('ready'))`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // execArgv: [] — a clean thread, whatever loaders this process runs under (tsx, vitest).
    const w = new Worker(code, { eval: true, execArgv: [] });
    w.once('message', () => {
      resolve(performance.now() - t0);
      void w.terminate();
    });
    w.once('error', (err) => reject(new Error(`startup bench: the worker could not load ${href}: ${err.message}`)));
    w.once('exit', (code) => reject(new Error(`startup bench: the worker loading ${href} exited with ${code} before it was ready`)));
  });
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export async function startupFigure(opts: StartupOptions = {}): Promise<StartupFigure> {
  const runs = Math.max(1, opts.runs ?? 10);
  const entry = opts.entry ?? 'dist';
  const version = Array.from({ length: runs }, versionRun);
  const href = suiteWorkerEntry(entry);
  const ready: number[] = [];
  for (let i = 0; i < runs; i++) ready.push(await workerReadyMs(href));
  return {
    version: {
      wallMs: Math.round(median(version.map((v) => v.ms))),
      maxRssMB: round1(median(version.map((v) => v.rssKb)) / 1024),
      runs,
    },
    worker: { readyMs: Math.round(median(ready)), runs, entry },
  };
}
