// The coordinator's side of `suite --queue redis://…` (docs/queue.md): an EpisodeExecutor that
// puts each episode on a BullMQ queue as one job and resolves when a `policyloop worker`
// somewhere finished it. runSuite records the lines into results.jsonl as for a local run.
import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import type { TaskDef } from '../../../tasks/index.ts';
import type { EpisodeExecutor } from '../executor.ts';
import { errorLine, type EpisodeJob, type ShippedTask } from '../episode-job.ts';
import { episodeKey, type ResultLine } from '../results-file.ts';
import { writeEpisodeFiles } from './episode-files.ts';
import { episodeJobId, JOB_FORMAT, queueTiming, type QueueJobData, type QueueJobResult, type QueueTiming } from './queue-job.ts';
import { checkQueueName, checkRedis, DEFAULT_QUEUE_NAME, parseRedisUrl, redisOptions, type RedisTarget } from './redis-url.ts';
import { shipTask } from './shipped-task.ts';

export interface QueueExecutorOptions {
  /** redis://HOST[:PORT][/DB] */
  url: string;
  /** The BullMQ queue (default `policyloop`); workers must listen on the same one. */
  queueName?: string;
  /** The suite's tasks: each job carries its task's file text (no shared disk). */
  tasks: readonly TaskDef[];
  /** How many of the suite's episodes may be on the queue at once (default: all of them). */
  concurrency?: number;
  /** Ctrl-C: jobs still waiting are taken off the queue; jobs a worker holds finish and are recorded. */
  signal?: AbortSignal;
  /** Something worth a line: a job that vanished and was put back, a failed job, a Redis error. */
  onNote?: (text: string) => void;
}

/** What the queue looks like, for the progress line. */
export interface QueueStatus {
  queue: string;
  url: string;
  /** Jobs of any suite on this queue, waiting for a worker (waiting, delayed, prioritized). */
  waiting: number;
  /** Jobs a worker holds. */
  active: number;
  /** `policyloop worker`s connected to the queue now. */
  workers: number;
  /** This suite's episodes on the queue, not yet finished. */
  pending: number;
}

interface Pending {
  job: EpisodeJob;
  resolve: (line: ResultLine) => void;
  reject: (err: Error) => void;
  /** Being collected (one collection at a time per job). */
  busy: boolean;
  /** On the queue (added, or found there): only then does a missing job mean it left. */
  queued: boolean;
}

const WAITING_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

export class QueueExecutor implements EpisodeExecutor {
  readonly concurrency: number;
  private maxWorkers = 0;
  readonly queueName: string;
  private readonly target: RedisTarget;
  private readonly timing: QueueTiming;
  private readonly opts: QueueExecutorOptions;
  private readonly tasks = new Map<string, TaskDef>();
  private readonly shipped = new Map<string, ShippedTask>();
  private readonly pending = new Map<string, Pending>();
  /** Episode keys already resolved: the last guard against recording an episode twice. */
  private readonly resolved = new Set<string>();
  private queue!: Queue;
  private events!: QueueEvents;
  private files!: Redis;
  private timer: NodeJS.Timeout | null = null;
  private last: QueueStatus;
  private closed = false;
  private readonly removals = new Set<Promise<void>>();

  /** Checks the URL and the server (one line each when wrong, within ~3 s), then connects. */
  static async connect(opts: QueueExecutorOptions): Promise<QueueExecutor> {
    const target = parseRedisUrl(opts.url);
    const name = checkQueueName(opts.queueName ?? DEFAULT_QUEUE_NAME);
    const timing = queueTiming();
    await checkRedis(target);
    const ex = new QueueExecutor(target, name, timing, opts);
    await ex.start();
    return ex;
  }

  private constructor(target: RedisTarget, name: string, timing: QueueTiming, opts: QueueExecutorOptions) {
    this.target = target;
    this.queueName = name;
    this.timing = timing;
    this.opts = opts;
    this.concurrency = Math.max(1, opts.concurrency ?? 100_000);
    for (const t of opts.tasks) this.tasks.set(t.id, t);
    this.last = { queue: name, url: target.display, waiting: 0, active: 0, workers: 0, pending: 0 };
  }

  /** Workers seen on the queue (the most at once so far), for the summary. */
  get workers(): number {
    return this.maxWorkers;
  }

  private async start(): Promise<void> {
    const connection = redisOptions(this.target);
    this.queue = new Queue(this.queueName, { connection, streams: { events: { maxLen: 2000 } } });
    this.events = new QueueEvents(this.queueName, { connection });
    this.files = new Redis(connection);
    this.queue.on('error', (err: Error) => this.note(`redis: ${err.message}`));
    this.events.on('error', (err: Error) => this.note(`redis: ${err.message}`));
    this.files.on('error', (err: Error) => this.note(`redis: ${err.message}`));
    await Promise.all([this.queue.waitUntilReady(), this.events.waitUntilReady()]);
    this.events.on('completed', ({ jobId }) => void this.collect(jobId));
    this.events.on('failed', ({ jobId }) => void this.collect(jobId));
    await this.poll();
    // Events can be missed (sent before we listened, or while Redis was away): re-read the states now and then.
    this.timer = setInterval(() => void this.poll(), this.timing.pollMs);
    this.timer.unref();
    this.opts.signal?.addEventListener('abort', () => void this.withdraw(), { once: true });
  }

  /** The queue's counts as last read (about every POLICYLOOP_QUEUE_POLL_MS). */
  status(): QueueStatus {
    return { ...this.last, pending: this.pending.size };
  }

  /** "queue policyloop: 12 waiting, 2 active, 2 worker(s)", or what to do when no worker is there. */
  statusLine(): string {
    const s = this.status();
    const counts = `${s.waiting} waiting, ${s.active} active`;
    return s.workers === 0
      ? `waiting for workers (queue ${s.queue}: ${counts}); start one with: policyloop worker --queue ${s.url}${s.queue === DEFAULT_QUEUE_NAME ? '' : ` --queue-name ${s.queue}`}`
      : `queue ${s.queue}: ${counts}, ${s.workers} worker(s)`;
  }

  gateStats(): null {
    return null;
  }

  run(job: EpisodeJob): Promise<ResultLine> {
    if (this.closed) return Promise.reject(new Error('the queue executor is closed'));
    const id = episodeJobId(job);
    if (this.pending.has(id)) return Promise.reject(new Error(`episode ${episodeKey(job.taskId, job.seed)} is already on the queue`));
    try {
      this.ship(job);
    } catch (err) {
      // The task file changed since the suite loaded it: recorded as an error, as a local worker does.
      return Promise.resolve(errorLine(job, (err as Error).message));
    }
    return new Promise<ResultLine>((resolve, reject) => {
      this.pending.set(id, { job, resolve, reject, busy: false, queued: false });
      this.enqueue(id, job).catch((err: unknown) => {
        this.pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
  }

  private ship(job: EpisodeJob): ShippedTask {
    const known = this.shipped.get(job.taskId);
    if (known) return known;
    const task = this.tasks.get(job.taskId);
    if (!task) throw new Error(`task ${job.taskId} was not given to the queue executor`);
    const s = shipTask(task);
    this.shipped.set(job.taskId, s);
    return s;
  }

  /** Adds the job unless it is there already; a finished one from an earlier run is collected, a failed one re-run. */
  private async enqueue(id: string, job: EpisodeJob): Promise<void> {
    const episode: EpisodeJob = {
      ...job,
      // The worker's own: its run folder, browser, knowledge base file and model gate.
      outDir: '',
      browserWSEndpoint: null,
      knowledgeFile: null,
      gateChannel: null,
      task: this.ship(job),
    };
    const existing = await Job.fromId(this.queue, id);
    const mark = (): void => {
      const p = this.pending.get(id);
      if (p) p.queued = true;
    };
    if (existing) {
      const state = await existing.getState();
      mark();
      if (state === 'completed') return void (await this.collect(id));
      if (state !== 'failed' && state !== 'unknown') return; // waiting or active: its result will come
      await existing.remove().catch(() => {});
    }
    // Interrupted before it went on the queue: it stays off (runSuite ignores this rejection after an abort).
    if (this.opts.signal?.aborted) throw new Error('interrupted before it was queued');
    const data: QueueJobData = { format: JOB_FORMAT, episode };
    // A worker's thread that died (out of memory) fails the attempt: one more elsewhere.
    await this.queue.add('episode', data, {
      jobId: id,
      attempts: 2,
      backoff: { type: 'fixed', delay: 1000 },
      removeOnComplete: false,
      removeOnFail: false,
    });
    mark();
  }

  /** Takes a finished job's result (once), writes its files, resolves the episode. */
  private async collect(id: string): Promise<void> {
    const p = this.pending.get(id);
    if (!p || p.busy) return;
    p.busy = true;
    try {
      const job = await Job.fromId<QueueJobData, QueueJobResult>(this.queue, id);
      if (!job) {
        // Gone while we waited (another coordinator of the same sweep collected it): run it again.
        this.note(`${episodeKey(p.job.taskId, p.job.seed)}: its job left the queue before this suite collected it; queued again`);
        await this.enqueue(id, p.job);
        return;
      }
      const state = await job.getState();
      if (state === 'completed') {
        const result = job.returnvalue;
        let line: ResultLine;
        if (!result || result.format !== JOB_FORMAT || !result.line) {
          line = errorLine(
            p.job,
            `the worker sent a result this coordinator cannot read (format ${String(result?.format)}, expected ${JOB_FORMAT})`,
          );
        } else {
          line = result.line;
          if (result.filesKey) {
            const files = await this.files.hgetallBuffer(result.filesKey);
            writeEpisodeFiles(join(p.job.outDir, p.job.dir), Object.entries(files));
            await this.files.del(result.filesKey);
          }
          if (result.left.length > 0)
            this.note(
              `${episodeKey(p.job.taskId, p.job.seed)}: ${result.left.length} file(s) over the payload limit stayed on the worker (${result.worker.host}: ${join(result.worker.out, p.job.dir)})`,
            );
        }
        this.finish(id, p, line);
        // After runSuite has written the line (its .then runs before this), the job may go.
        this.removeLater(job);
        return;
      }
      if (state === 'failed') {
        const line = errorLine(p.job, `the queue gave up on this episode: ${job.failedReason || 'no reason given'}`);
        this.note(`${episodeKey(p.job.taskId, p.job.seed)}: job failed on the queue: ${job.failedReason}`);
        this.finish(id, p, line);
        this.removeLater(job);
      }
    } catch (err) {
      this.note(`${episodeKey(p.job.taskId, p.job.seed)}: ${(err as Error).message}`);
    } finally {
      p.busy = false;
    }
  }

  /** Removes a collected job on the next turn (close() waits for it). */
  private removeLater(job: Job): void {
    const p: Promise<void> = new Promise<void>((r) => setImmediate(r))
      .then(() => job.remove())
      .catch(() => {})
      .finally(() => this.removals.delete(p));
    this.removals.add(p);
  }

  private finish(id: string, p: Pending, line: ResultLine): void {
    this.pending.delete(id);
    const key = episodeKey(p.job.taskId, p.job.seed);
    if (this.resolved.has(key)) return; // already recorded: never twice
    this.resolved.add(key);
    p.resolve(line);
  }

  /** Counts for the progress line, and a look at each pending job (events can be missed). */
  private async poll(): Promise<void> {
    if (this.closed) return;
    try {
      const [counts, workers] = await Promise.all([
        this.queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active'),
        this.queue.getWorkersCount(),
      ]);
      this.last = {
        ...this.last,
        waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        workers,
      };
      this.maxWorkers = Math.max(this.maxWorkers, workers);
      const ids = [...this.pending].filter(([, p]) => p.queued && !p.busy).map(([id]) => id);
      const states = await Promise.all(ids.map((id) => this.queue.getJobState(id)));
      ids.forEach((id, i) => {
        const st = states[i];
        if (st === 'completed' || st === 'failed' || st === 'unknown') void this.collect(id);
      });
    } catch (err) {
      if (!this.closed) this.note(`redis: ${(err as Error).message}`);
    }
  }

  /** Ctrl-C: takes this suite's waiting jobs off the queue; jobs a worker holds finish and are recorded. */
  private async withdraw(): Promise<void> {
    for (const [id, p] of [...this.pending]) {
      try {
        const job = await Job.fromId(this.queue, id);
        if (!job || !WAITING_STATES.has(await job.getState())) continue;
        await job.remove();
        this.pending.delete(id);
        p.reject(new Error('interrupted: taken off the queue'));
      } catch {
        // A worker took it in between: it finishes and is recorded.
      }
    }
  }

  private lastNote = { text: '', at: 0 };

  /** A line for the user; the same line again within 10 s (a Redis that is away) is not repeated. */
  private note(text: string): void {
    const now = Date.now();
    if (text === this.lastNote.text && now - this.lastNote.at < 10_000) return;
    this.lastNote = { text, at: now };
    this.opts.onNote?.(text);
  }

  /**
   * Stops waiting now (a second Ctrl-C): every pending episode's run() rejects. Jobs a worker
   * holds finish there; their lines are not recorded here, and `--resume` queues them again.
   */
  cancel(): void {
    for (const [, p] of this.pending) p.reject(new Error('stopped: the suite was interrupted'));
    this.pending.clear();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    for (const [, p] of this.pending) p.reject(new Error('the queue executor closed'));
    this.pending.clear();
    await Promise.allSettled([...this.removals]);
    await Promise.allSettled([this.events.close(), this.queue.close(), this.files.quit()]);
  }
}
