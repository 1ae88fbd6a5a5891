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
import { currentRows, episodeKey, readResults, resumableEpisodes, ResultsFileError, ResultsWriter } from './results-file.ts';
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
  /** `changed`: with `resume`, tasks whose version differs from the file's rows; their episodes run again. */
  onStart?: (info: { total: number; skipped: number; workers: number; concurrency: number; changed: ChangedTask[] }) => void;
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
  opts.onStart?.({ total: jobs.length, skipped, workers, concurrency, changed });

  const writer = new ResultsWriter(resultsFile);
  let finished = 0,
    succeeded = 0;
  let interrupted = false;
  const inFlight = new Set<Promise<void>>();
  const progress = (): SuiteProgress => ({
    done: finished,
    total: jobs.length,
    succeeded,
    inFlight: inFlight.size,
    model: executor.gateStats?.() ?? null,
  });
  const record = (line: ResultLine): void => {
    writer.append(line);
    finished++;
    if (line.success) succeeded++;
    opts.onEpisode?.(line, progress());
  };
  const ticker = opts.onTick ? setInterval(() => opts.onTick!(progress()), 1000) : null;
  ticker?.unref();
  try {
    // Submit in order, never more than `concurrency` at once, so an abort stops promptly.
    let next = 0;
    const submit = (job: EpisodeJob): void => {
      const p: Promise<void> = executor
        .run(job)
        .then((line: ResultLine) => record(line))
        .catch((err: unknown) => {
          // The worker died (process.exit, out of memory, crash): piscina replaces it.
          if (opts.signal?.aborted) return;
          record(errorLine(job, `worker died: ${err instanceof Error ? err.message : String(err)}`));
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    };
    while (next < jobs.length) {
      if (opts.signal?.aborted) {
        interrupted = true;
        break;
      }
      if (inFlight.size >= concurrency) {
        await Promise.race(inFlight);
        continue;
      }
      submit(jobs[next++]!);
    }
    await Promise.all(inFlight);
    // An executor that took every job at once (the queue's) is interrupted after the loop.
    if (opts.signal?.aborted && finished < jobs.length) interrupted = true;
  } finally {
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
  writeFileSync(summaryFile, JSON.stringify(summary, null, 2) + '\n');
  const reportFile = writeReport(opts.outDir, summary, lines);
  return { summary, lines, resultsFile, summaryFile, reportFile, ran: finished, skipped, changed, interrupted };
}

/** The default price table: OpenAI's list prices, with their date. */
export function defaultPricing(): Pricing {
  return { table: DEFAULT_PRICES, source: `defaults: OpenAI list prices as of ${PRICES_AS_OF}` };
}
