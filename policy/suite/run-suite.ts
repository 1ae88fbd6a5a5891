// Batch suites (docs/architecture.md#suite-records): tasks × seeds through an executor — worker
// threads holding several episodes each (executor.ts), or a Redis queue (queue/) —, each
// episode with its own physics world and sandbox; results.jsonl appended as episodes finish;
// summary.json and report.html at the end.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskDef } from '../../tasks/index.ts';
import type { EpisodeJob } from './episode-job.ts';
import { errorLine } from './episode-job.ts';
import type { ChangedTask, ResultLine } from './results-file.ts';
import type { DroppedTail } from './results-file.ts';
import {
  currentRows,
  episodeKey,
  readResults,
  repairTail,
  resumableEpisodes,
  ResultsFileError,
  ResultsWriteError,
  ResultsWriter,
} from './results-file.ts';
import { lockSuiteDir, type SuiteLock } from './suite-lock.ts';
import { duplicateTaskProblem } from './task-ids.ts';
import { DEFAULT_EPISODE_TIMEOUT_S } from './defaults.ts';
import type { SuiteSettings } from './settings.ts';
import type { Pricing, SuiteSummary } from './summary.ts';
import { DEFAULT_PRICES, PRICES_AS_OF } from '../../llm/prices.ts';
import { summarize } from './summary.ts';
import { writeReport } from './report-html.ts';
import { writeFileSync, existsSync } from 'node:fs';
import { toolVersions } from '../loop/versions.ts';
import { PoolExecutor, type EpisodeExecutor } from './executor.ts';
import { GateHost } from '../../llm/gate-channel.ts';
import type { GateStats, ModelLimits } from '../../llm/rate-gate.ts';

export interface SuiteOptions {
  tasks: readonly TaskDef[];
  seeds: readonly number[];
  settings: SuiteSettings;
  outDir: string;
  /** Worker threads (default: the number of cores, never more than `concurrency`). */
  workers?: number;
  /** Episodes in flight at once (default: the thread count); a model provider's latency is hidden by many. */
  concurrency?: number;
  /** Limits on the model servers' requests, shared by every episode of the suite (one 429 backs off all). */
  modelLimits?: ModelLimits;
  /** Prices for the cost figures (default: DEFAULT_PRICES, OpenAI's list prices). */
  pricing?: Pricing;
  /** Runs the episodes instead of this process's worker threads (e.g. the Redis queue's); the suite closes it. */
  executor?: EpisodeExecutor;
  resume?: boolean;
  /** Render checkpoint images (default: when the monitor needs them). */
  images?: boolean;
  /** WebSocket endpoint of a browser the workers share; null = no rendering. */
  browserWSEndpoint?: string | null;
  /**
   * `changed`: with `resume`, tasks whose version differs from the file's rows; their episodes run again.
   * `dropped`: a partial last line of results.jsonl (cut off mid-write) that was removed; its episode runs again.
   * `tookOver`: one line when a stale lock of the output folder (its suite no longer runs) was taken over.
   */
  onStart?: (info: {
    total: number;
    skipped: number;
    workers: number;
    concurrency: number;
    changed: ChangedTask[];
    dropped: DroppedTail | null;
    tookOver: string | null;
  }) => void;
  onEpisode?: (line: ResultLine, progress: SuiteProgress) => void;
  /** About once a second while episodes run: the same progress, for a live line. */
  onTick?: (progress: SuiteProgress) => void;
  /**
   * The module each pool worker loads (absolute path or file: URL): its default export takes
   * an EpisodeJob and resolves to the episode's ResultLine. For embedding, e.g. to wrap the
   * episode runner. Worker threads do not inherit the main thread's loaders: a module run from
   * the sources (tests) needs a JavaScript entry that loads its compiled sibling or registers
   * tsx, as worker-entry.js does (docs/architecture.md#build).
   * Default: the built-in worker (worker-entry.js → episode-worker).
   */
  workerModule?: string | URL;
  /** Set to stop submitting new episodes (Ctrl-C); finished ones stay recorded. */
  signal?: AbortSignal;
  /** Set to stop the episodes in flight now (a second Ctrl-C): they are not recorded and run again on --resume. */
  stop?: AbortSignal;
  /** Wall-clock limit per episode in seconds (default DEFAULT_EPISODE_TIMEOUT_S; 0 = none): past it, a TimeoutError line. */
  episodeTimeoutS?: number;
  /** The output folder's lock, when the caller took it (lockSuiteDir) before its own checks; else runSuite takes and releases one. */
  lock?: SuiteLock;
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
  /** Episodes stopped past the time limit per episode (recorded with a TimeoutError). */
  timedOut: number;
}

export interface SuiteProgress {
  done: number;
  total: number;
  succeeded: number;
  /** Episodes submitted and not finished. */
  inFlight: number;
  /** The model gate: requests in flight and waiting, median latency, back-off (null: no model requests). */
  model: GateStats | null;
}

export async function runSuite(opts: SuiteOptions): Promise<SuiteResult> {
  const started = performance.now();
  const duplicate = duplicateTaskProblem(opts.tasks);
  if (duplicate) throw new ResultsFileError(duplicate);
  try {
    mkdirSync(opts.outDir, { recursive: true });
  } catch (err) {
    throw new ResultsFileError(`--out ${opts.outDir}: cannot create the folder: ${(err as Error).message}`);
  }
  const lock = opts.lock ?? lockSuiteDir(opts.outDir);
  try {
    return await runLocked(opts, started, lock.tookOver);
  } finally {
    if (!opts.lock) lock.release();
  }
}

async function runLocked(opts: SuiteOptions, started: number, tookOver: string | null): Promise<SuiteResult> {
  const resultsFile = join(opts.outDir, 'results.jsonl');
  let dropped: DroppedTail | null;
  try {
    // A last line cut off mid-write is removed before anything is read or appended.
    dropped = repairTail(resultsFile);
  } catch (err) {
    throw new ResultsFileError(`cannot repair ${resultsFile}: ${(err as Error).message}`);
  }
  if (!opts.resume && existsSync(resultsFile) && readResults(resultsFile).length > 0) {
    throw new ResultsFileError(`${resultsFile} already holds results; pass --resume to continue it or choose another --out`);
  }
  const taskHashes = new Map(opts.tasks.map((t) => [t.id, t.hash]));
  const { done, changed } = opts.resume
    ? resumableEpisodes(resultsFile, opts.settings, taskHashes)
    : { done: new Set<string>(), changed: [] };
  const images = opts.images ?? (opts.settings.monitor === 'pixels' || opts.settings.monitor === 'vlm');
  const timeoutS = opts.episodeTimeoutS ?? DEFAULT_EPISODE_TIMEOUT_S;

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
      // An episode not recorded starts from an empty folder: no attempt of an interrupted run, or of
      // an older version of a changed task, stays beside the new ones.
      rmSync(join(opts.outDir, dir), { recursive: true, force: true });
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
        timeoutMs: timeoutS > 0 ? Math.round(timeoutS * 1000) : null,
      });
    }
  }
  const writer = new ResultsWriter(resultsFile);
  // One model gate for every episode of this process's threads (an executor of its own has its own).
  const host = opts.executor ? null : new GateHost(opts.modelLimits ?? {});
  const executor: EpisodeExecutor =
    opts.executor ??
    new PoolExecutor(
      {
        workers: opts.workers,
        concurrency: opts.concurrency,
        workerModule: opts.workerModule,
        gateChannel: host!.channelName,
        gateStats: () => (host!.stats().requests > 0 ? host!.stats() : null),
      },
      jobs.length,
    );
  const { workers, concurrency } = executor;
  opts.onStart?.({ total: jobs.length, skipped, workers, concurrency, changed, dropped, tookOver });

  let finished = 0,
    succeeded = 0,
    timedOut = 0;
  let interrupted = false;
  let writeFailed: ResultsWriteError | null = null;
  let unrecorded = 0;
  const inFlight = new Set<Promise<void>>();
  const progress = (): SuiteProgress => ({
    done: finished,
    total: jobs.length,
    succeeded,
    inFlight: inFlight.size,
    model: executor.gateStats?.() ?? null,
  });
  const stopNow = (): void => executor.cancel?.();
  const record = (line: ResultLine): void => {
    if (writeFailed) {
      unrecorded++;
      return;
    }
    try {
      writer.append(line);
    } catch (err) {
      // Nothing more can be recorded: stop at once, keep what is written.
      writeFailed = err instanceof ResultsWriteError ? err : new ResultsWriteError(String(err));
      unrecorded++;
      stopNow();
      return;
    }
    finished++;
    if (line.success) succeeded++;
    if (line.errorKind === 'TimeoutError') timedOut++;
    opts.onEpisode?.(line, progress());
  };
  const ticker = opts.onTick ? setInterval(() => opts.onTick!(progress()), 1000) : null;
  ticker?.unref();
  if (opts.stop?.aborted) stopNow();
  opts.stop?.addEventListener('abort', stopNow, { once: true });
  try {
    // Submit in order, never more than `concurrency` at once, so an abort stops promptly.
    let next = 0;
    const submit = (job: EpisodeJob): void => {
      const p: Promise<void> = executor
        .run(job)
        .then((line: ResultLine) => record(line))
        .catch((err: unknown) => {
          // Stopped by a second Ctrl-C or a write failure: not recorded (--resume runs it again).
          if (opts.signal?.aborted || opts.stop?.aborted || writeFailed) return;
          // The worker died (process.exit, out of memory, crash): piscina replaces it.
          record(errorLine(job, `worker died: ${err instanceof Error ? err.message : String(err)}`, '', 'WorkerError'));
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    };
    while (next < jobs.length) {
      if (opts.signal?.aborted || opts.stop?.aborted) {
        interrupted = true;
        break;
      }
      if (writeFailed) break;
      if (inFlight.size >= concurrency) {
        await Promise.race(inFlight);
        continue;
      }
      submit(jobs[next++]!);
    }
    await Promise.all(inFlight);
    // An executor that took every job at once (the queue's) is interrupted after the loop.
    if ((opts.signal?.aborted || opts.stop?.aborted) && finished < jobs.length) interrupted = true;
  } finally {
    opts.stop?.removeEventListener('abort', stopNow);
    if (ticker) clearInterval(ticker);
    writer.close();
    await executor.close();
    host?.close();
  }

  // Rows of an older version of a task of this run stay in results.jsonl (appended, never
  // rewritten) but count nowhere: the summary and the report use the current rows only.
  const lines = currentRows(readResults(resultsFile), taskHashes);
  const summary = summarize(lines, {
    settings: opts.settings,
    versions: toolVersions(),
    suiteWallMs: performance.now() - started,
    // Read again at the end: the queue's executor counts the workers that came while it ran.
    workers: executor.workers,
    concurrency,
    pricing: opts.pricing ?? defaultPricing(),
  });
  const summaryFile = join(opts.outDir, 'summary.json');
  let reportFile = join(opts.outDir, 'report.html');
  try {
    writeFileSync(summaryFile, JSON.stringify(summary, null, 2) + '\n');
    reportFile = writeReport(opts.outDir, summary, lines);
  } catch (err) {
    if (!writeFailed) throw new ResultsFileError(`cannot write the suite's summary in ${opts.outDir}: ${(err as Error).message}`);
  }
  if (writeFailed) {
    throw new ResultsFileError(
      `${(writeFailed as Error).message}; the suite stopped, keeping every line written (${finished} episode(s) of this run recorded, ${unrecorded} finished unrecorded); free the space or fix the file, then --resume`,
    );
  }
  return { summary, lines, resultsFile, summaryFile, reportFile, ran: finished, skipped, changed, interrupted, timedOut };
}

/** The default price table: OpenAI's list prices, with their date. */
export function defaultPricing(): Pricing {
  return { table: DEFAULT_PRICES, source: `defaults: OpenAI list prices as of ${PRICES_AS_OF}` };
}
