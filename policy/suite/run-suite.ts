// Batch suites (docs/architecture.md#suite-records): tasks × seeds through a worker-thread pool (piscina), each worker
// with its own physics world and sandbox; results.jsonl appended as episodes finish;
// summary.json and report.html at the end.
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import type { TaskDef } from '../../tasks/index.ts';
import type { EpisodeJob } from './episode-job.ts';
import { errorLine } from './episode-job.ts';
import type { ChangedTask, ResultLine } from './results-file.ts';
import { currentRows, episodeKey, readResults, resumableEpisodes, ResultsFileError, ResultsWriter } from './results-file.ts';
import type { SuiteSettings } from './settings.ts';
import type { SuiteSummary } from './summary.ts';
import { summarize } from './summary.ts';
import { writeReport } from './report-html.ts';
import { writeFileSync, existsSync } from 'node:fs';
import { toolVersions } from '../loop/versions.ts';

export interface SuiteOptions {
  tasks: readonly TaskDef[];
  seeds: readonly number[];
  settings: SuiteSettings;
  outDir: string;
  workers?: number;
  resume?: boolean;
  /** Render checkpoint images (default: when the monitor needs them). */
  images?: boolean;
  /** WebSocket endpoint of a browser the workers share; null = no rendering. */
  browserWSEndpoint?: string | null;
  /** `changed`: with `resume`, tasks whose version differs from the file's rows; their episodes run again. */
  onStart?: (info: { total: number; skipped: number; workers: number; changed: ChangedTask[] }) => void;
  onEpisode?: (line: ResultLine, progress: { done: number; total: number; succeeded: number }) => void;
  /**
   * The module each pool worker loads (absolute path or file: URL): its default export takes
   * an EpisodeJob and resolves to the episode's ResultLine. For embedding, e.g. to wrap the
   * episode runner. Worker threads do not inherit the main thread's loaders, so a TypeScript
   * runner needs a JavaScript entry that registers tsx first, as worker-entry.js does.
   * Default: the built-in worker (worker-entry.js → episode-worker.ts).
   */
  workerModule?: string | URL;
  /** Set to stop submitting new episodes (Ctrl-C); finished ones stay recorded. */
  signal?: AbortSignal;
  /** The knowledge base the episodes retrieve from (read only); settings.knowledge fingerprints it. */
  knowledgeFile?: string | null;
}

export interface SuiteResult {
  summary: SuiteSummary;
  lines: ResultLine[];
  resultsFile: string;
  summaryFile: string;
  reportFile: string;
  ran: number;
  skipped: number;
  /** With `resume`: tasks whose episodes ran again because the task changed since they were recorded. */
  changed: ChangedTask[];
  interrupted: boolean;
}

/** The built-in worker: runs one episode per job with the worker's own physics world and sandbox. */
export const DEFAULT_WORKER_MODULE: string = new URL('./worker-entry.js', import.meta.url).href;

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export async function runSuite(opts: SuiteOptions): Promise<SuiteResult> {
  const started = performance.now();
  mkdirSync(opts.outDir, { recursive: true });
  const resultsFile = join(opts.outDir, 'results.jsonl');
  if (!opts.resume && existsSync(resultsFile) && readResults(resultsFile).length > 0) {
    throw new ResultsFileError(`${resultsFile} already holds results; pass --resume to continue it or choose another --out`);
  }
  const clash = opts.tasks.find((t) => opts.tasks.some((u) => u.id === t.id && u.hash !== t.hash));
  if (clash) {
    const files = opts.tasks.filter((t) => t.id === clash.id).map((t) => `${t.file} (version ${t.hash})`);
    throw new ResultsFileError(`two different tasks have the id "${clash.id}": ${files.join(', ')}; give each task its own id`);
  }
  const taskHashes = new Map(opts.tasks.map((t) => [t.id, t.hash]));
  const { done, changed } = opts.resume
    ? resumableEpisodes(resultsFile, opts.settings, taskHashes)
    : { done: new Set<string>(), changed: [] };
  // A re-run episode of a changed task starts from an empty folder: no attempt of the old version stays beside the new.
  const rerun = new Set(changed.flatMap((c) => c.episodes));
  const workers = Math.max(1, opts.workers ?? defaultWorkers());
  const images = opts.images ?? (opts.settings.monitor === 'pixels' || opts.settings.monitor === 'vlm');

  const jobs: EpisodeJob[] = [];
  let skipped = 0;
  for (const task of opts.tasks) {
    for (const seed of opts.seeds) {
      const key = episodeKey(task.id, seed);
      if (done.has(key)) {
        skipped++;
        continue;
      }
      const dir = join('episodes', `${task.id}-seed${seed}`);
      if (rerun.has(key)) rmSync(join(opts.outDir, dir), { recursive: true, force: true });
      jobs.push({
        taskRef: task.file,
        taskId: task.id,
        taskHash: task.hash,
        seed,
        settings: opts.settings,
        outDir: opts.outDir,
        dir,
        images,
        browserWSEndpoint: opts.browserWSEndpoint ?? null,
        knowledgeFile: opts.knowledgeFile ?? null,
      });
    }
  }
  opts.onStart?.({ total: jobs.length, skipped, workers, changed });

  const pool = new Piscina({
    filename: String(opts.workerModule ?? DEFAULT_WORKER_MODULE),
    minThreads: Math.min(workers, Math.max(1, jobs.length)),
    maxThreads: workers,
    idleTimeout: 60_000,
    // Each worker holds a Rapier world and a QuickJS module; leave room for both.
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  const writer = new ResultsWriter(resultsFile);
  let finished = 0,
    succeeded = 0;
  let interrupted = false;
  const record = (line: ResultLine): void => {
    writer.append(line);
    finished++;
    if (line.success) succeeded++;
    opts.onEpisode?.(line, { done: finished, total: jobs.length, succeeded });
  };
  try {
    // Submit in order but no more than the pool can start, so an abort stops promptly.
    let next = 0;
    const inFlight = new Set<Promise<void>>();
    const submit = (job: EpisodeJob): Promise<void> => {
      const p: Promise<void> = pool
        .run(job)
        .then((line: ResultLine) => record(line))
        .catch((err: unknown) => {
          // The worker died (process.exit, out of memory, crash): piscina replaces it.
          if (opts.signal?.aborted) return;
          record(errorLine(job, `worker died: ${err instanceof Error ? err.message : String(err)}`));
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      return p;
    };
    while (next < jobs.length) {
      if (opts.signal?.aborted) {
        interrupted = true;
        break;
      }
      if (inFlight.size >= workers * 2) {
        await Promise.race(inFlight);
        continue;
      }
      submit(jobs[next++]!);
    }
    await Promise.all(inFlight);
  } finally {
    writer.close();
    await pool.destroy();
  }

  // Rows of an older version of a task of this run stay in results.jsonl (appended, never
  // rewritten) but count nowhere: the summary and the report use the current rows only.
  const lines = currentRows(readResults(resultsFile), taskHashes);
  const summary = summarize(lines, {
    settings: opts.settings,
    versions: toolVersions(),
    suiteWallMs: performance.now() - started,
    workers,
  });
  const summaryFile = join(opts.outDir, 'summary.json');
  writeFileSync(summaryFile, JSON.stringify(summary, null, 2) + '\n');
  const reportFile = writeReport(opts.outDir, summary, lines);
  return { summary, lines, resultsFile, summaryFile, reportFile, ran: finished, skipped, changed, interrupted };
}
