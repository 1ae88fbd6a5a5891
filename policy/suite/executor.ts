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
import { timeoutLine } from './episode-job.ts';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

export interface EpisodeExecutor {
  /** How many episodes may be in flight at once; the suite submits no more than this. */
  readonly concurrency: number;
  /** Threads (or processes) running them, for the summary. */
  readonly workers: number;
  /**
   * Runs one episode; resolves to its line (a failure is a line with `error`; past `job.timeoutMs`
   * a TimeoutError line). Rejects only when the runner died, or after cancel().
   */
  run(job: EpisodeJob): Promise<ResultLine>;
  /** The model gate's figures for the progress line (null: no model calls seen here). */
  gateStats?(): GateStats | null;
  /** Stops every episode in flight now (a second Ctrl-C): their run() promises reject; nothing more is recorded. */
  cancel?(): void;
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

/** How many times one episode is started again because a thread it waited on was stopped for another's limit. */
const RESTARTS = 3;

interface Run {
  id: number;
  job: EpisodeJob;
  resolve: (line: ResultLine) => void;
  reject: (err: Error) => void;
  /** Which start of the run is current (a run is started again after a sibling's timeout stopped its thread). */
  attempt: number;
  /** The current start's skip flag, shared with the threads: set, a thread that has not begun it skips it. */
  skip: Int32Array;
  restarts: number;
  /** performance.now() of the current start. */
  startedAt: number;
  /** The thread running it, once it said so (worker-entry.js `pooled`). */
  threadId: number | null;
  timer: NodeJS.Timeout | null;
  done: boolean;
}

/**
 * Worker threads with several episodes each: piscina's `concurrentTasksPerWorker`. An
 * episode's attempt runs synchronously (physics and sandbox); it yields the thread only while
 * it waits — for a model, a render, the knowledge base — and then another episode runs.
 *
 * An episode past its wall-clock limit (`EpisodeJob.timeoutMs`, counted from its submission)
 * resolves to a TimeoutError line at once and its thread is terminated, whatever it is doing
 * (even inside a native loop); piscina starts a replacement. The other episodes that thread held
 * or that had not begun are started again (from an empty episode folder, with a fresh limit);
 * a thread skips a start that was superseded or timed out before it began it (the skip flag).
 */
export class PoolExecutor implements EpisodeExecutor {
  readonly concurrency: number;
  readonly workers: number;
  private readonly pool: Piscina;
  private readonly gateChannel: string | null;
  private readonly stats: (() => GateStats | null) | undefined;
  private readonly module: string | null;
  private readonly runs = new Map<number, Run>();
  private nextId = 1;
  /** Threads we terminated, and when the last of them exited (runs posted to them before that are restarted). */
  private readonly killed = new Set<number>();
  private dying = 0;
  private lastKillExit = -1;
  private destroyed: Promise<void> | null = null;
  /** Episodes stopped past their limit so far. */
  timeouts = 0;

  constructor(opts: PoolExecutorOptions, jobs: number) {
    const threads = Math.max(1, opts.workers ?? defaultWorkers());
    this.concurrency = Math.max(1, opts.concurrency ?? threads);
    this.workers = Math.max(1, Math.min(threads, this.concurrency));
    this.gateChannel = opts.gateChannel ?? null;
    this.stats = opts.gateStats;
    const module = opts.workerModule === undefined ? null : String(opts.workerModule);
    this.module = module === null || module === DEFAULT_WORKER_MODULE ? null : module;
    this.pool = new Piscina({
      filename: DEFAULT_WORKER_MODULE,
      name: 'pooled',
      minThreads: Math.min(this.workers, Math.max(1, jobs)),
      maxThreads: this.workers,
      concurrentTasksPerWorker: Math.ceil(this.concurrency / this.workers),
      idleTimeout: 60_000,
      // Each worker holds Rapier worlds and a QuickJS module; leave room for both.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    this.pool.on('message', (m: { type?: string; runId?: number; attempt?: number; threadId?: number }) => {
      if (m?.type !== 'policyloop:episode-start' || typeof m.runId !== 'number' || typeof m.threadId !== 'number') return;
      const run = this.runs.get(m.runId);
      if (run && run.attempt === m.attempt) run.threadId = m.threadId;
      // A start that timed out or was superseded just as its thread began it: stop that thread.
      else this.kill(m.threadId);
    });
  }

  run(job: EpisodeJob): Promise<ResultLine> {
    if (this.destroyed) return Promise.reject(new Error('the worker pool was stopped'));
    return new Promise<ResultLine>((resolve, reject) => {
      const run: Run = {
        id: this.nextId++,
        job,
        resolve,
        reject,
        attempt: 0,
        skip: new Int32Array(new SharedArrayBuffer(4)),
        restarts: 0,
        startedAt: 0,
        threadId: null,
        timer: null,
        done: false,
      };
      this.runs.set(run.id, run);
      this.start(run);
    });
  }

  private start(run: Run): void {
    Atomics.store(run.skip, 0, 1);
    if (run.threadId !== null) rmSync(join(run.job.outDir, run.job.dir), { recursive: true, force: true });
    const attempt = ++run.attempt;
    run.skip = new Int32Array(new SharedArrayBuffer(4));
    run.threadId = null;
    run.startedAt = performance.now();
    if (run.timer) clearTimeout(run.timer);
    const limit = run.job.timeoutMs ?? 0;
    run.timer = limit > 0 ? setTimeout(() => this.timeOut(run), limit) : null;
    const job = this.gateChannel ? { ...run.job, gateChannel: this.gateChannel } : run.job;
    (this.pool.run({ runId: run.id, attempt, skip: run.skip, job, module: this.module }) as Promise<ResultLine>).then(
      (line) => {
        if (run.done || attempt !== run.attempt) return;
        this.finish(run);
        run.resolve(line);
      },
      (err: unknown) => {
        if (run.done || attempt !== run.attempt) return;
        // Posted to a thread we were stopping, before it exited: not its fault, run it again.
        const unstarted = run.threadId === null && (this.dying > 0 || run.startedAt <= this.lastKillExit);
        if (unstarted && run.restarts < RESTARTS && !this.destroyed) {
          run.restarts++;
          this.start(run);
          return;
        }
        this.finish(run);
        run.reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  }

  private timeOut(run: Run): void {
    if (run.done) return;
    // Node's timers may fire a fraction of a millisecond before the limit by performance.now(): wait out the rest.
    const early = (run.job.timeoutMs ?? 0) - (performance.now() - run.startedAt);
    if (early > 0) {
      run.timer = setTimeout(() => this.timeOut(run), Math.ceil(early));
      return;
    }
    this.finish(run);
    this.timeouts++;
    run.resolve(timeoutLine(run.job, performance.now() - run.startedAt));
    // Not begun: its thread skips it (or, if it begins it after all, is stopped then).
    if (run.threadId !== null) this.kill(run.threadId);
  }

  /**
   * Terminates a thread (piscina starts a replacement). The runs it held, and those not begun
   * anywhere yet (they may be queued on it), start again at once with a fresh limit: they were
   * stuck behind the stopped episode, not slow themselves.
   */
  private kill(threadId: number): void {
    const thread = this.pool.threads.find((w) => w.threadId === threadId);
    if (!thread || this.killed.has(threadId)) return;
    this.killed.add(threadId);
    this.dying++;
    thread.once('exit', () => {
      this.dying--;
      this.lastKillExit = performance.now();
    });
    void thread.terminate();
    if (this.destroyed) return;
    for (const run of [...this.runs.values()]) {
      if (run.done || run.restarts >= RESTARTS) continue;
      if (run.threadId === threadId || run.threadId === null) {
        run.restarts++;
        this.start(run);
      }
    }
  }

  private finish(run: Run): void {
    run.done = true;
    Atomics.store(run.skip, 0, 1);
    if (run.timer) clearTimeout(run.timer);
    run.timer = null;
    this.runs.delete(run.id);
  }

  gateStats(): GateStats | null {
    return this.stats?.() ?? null;
  }

  cancel(): void {
    for (const run of [...this.runs.values()]) {
      this.finish(run);
      run.reject(new Error('stopped: the suite was interrupted'));
    }
    this.destroyed ??= this.pool.destroy();
  }

  async close(): Promise<void> {
    for (const run of this.runs.values()) if (run.timer) clearTimeout(run.timer);
    this.destroyed ??= this.pool.destroy();
    await this.destroyed;
  }
}
