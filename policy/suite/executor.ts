// Where a suite's episodes run (docs/architecture.md#suite-records). `runSuite` decides which
// episodes to run and records what comes back; an executor runs them:
// - `PoolExecutor`: worker threads of this process, each holding several episodes at once and
//   interleaving them at model calls (`--concurrency`), all behind one model gate (rate-gate.ts);
// - the queue executor (queue/, `--queue redis://…`): jobs on BullMQ for `policyloop worker`s
//   on any machine.
import { Piscina } from 'piscina';
import type { EpisodeJob } from './episode-job.ts';
import type { ResultLine } from './results-file.ts';
import type { GateStats } from '../../llm/rate-gate.ts';
import { defaultWorkers } from './defaults.ts';

export interface EpisodeExecutor {
  /** How many episodes may be in flight at once; the suite submits no more than this. */
  readonly concurrency: number;
  /** Threads (or processes) running them, for the summary. */
  readonly workers: number;
  /** Runs one episode; resolves to its line (a failure is a line with `error`). Rejects only when the runner died. */
  run(job: EpisodeJob): Promise<ResultLine>;
  /** The model gate's figures for the progress line (null: no model calls seen here). */
  gateStats?(): GateStats | null;
  close(): Promise<void>;
}

/** The built-in worker: runs episodes with each worker's own physics worlds and sandboxes. */
export const DEFAULT_WORKER_MODULE: string = new URL('./worker-entry.js', import.meta.url).href;

export { defaultConcurrency, defaultWorkers } from './defaults.ts';

export interface PoolExecutorOptions {
  /** Worker threads (default: the number of cores, and never more than `concurrency`). */
  workers?: number;
  /** Episodes in flight at once over all threads (default: the thread count). */
  concurrency?: number;
  workerModule?: string | URL;
  /** The main thread's model gate channel (GateHost.channelName); the workers' model requests go through it. */
  gateChannel?: string | null;
  gateStats?: () => GateStats | null;
}

/**
 * Worker threads with several episodes each: piscina's `concurrentTasksPerWorker`. An
 * episode's attempt runs synchronously (physics and sandbox); it yields the thread only while
 * it waits — for a model, a render, the knowledge base — and then another episode runs.
 */
export class PoolExecutor implements EpisodeExecutor {
  readonly concurrency: number;
  readonly workers: number;
  private readonly pool: Piscina;
  private readonly gateChannel: string | null;
  private readonly stats: (() => GateStats | null) | undefined;

  constructor(opts: PoolExecutorOptions, jobs: number) {
    const threads = Math.max(1, opts.workers ?? defaultWorkers());
    this.concurrency = Math.max(1, opts.concurrency ?? threads);
    this.workers = Math.max(1, Math.min(threads, this.concurrency));
    this.gateChannel = opts.gateChannel ?? null;
    this.stats = opts.gateStats;
    this.pool = new Piscina({
      filename: String(opts.workerModule ?? DEFAULT_WORKER_MODULE),
      minThreads: Math.min(this.workers, Math.max(1, jobs)),
      maxThreads: this.workers,
      concurrentTasksPerWorker: Math.ceil(this.concurrency / this.workers),
      idleTimeout: 60_000,
      // Each worker holds Rapier worlds and a QuickJS module; leave room for both.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
  }

  run(job: EpisodeJob): Promise<ResultLine> {
    return this.pool.run(this.gateChannel ? { ...job, gateChannel: this.gateChannel } : job) as Promise<ResultLine>;
  }

  gateStats(): GateStats | null {
    return this.stats?.() ?? null;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
