// The worker's side of the queue (`policyloop worker --queue redis://…`, docs/queue.md): takes
// episode jobs from BullMQ and runs them on this machine's threads (a PoolExecutor, several
// episodes in flight), writing run folders under its own --out folder, and sends each result —
// with the files the coordinator's report needs — back through Redis.
import { Worker, UnrecoverableError, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { mkdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { GateHost } from '../../../llm/gate-channel.ts';
import type { ModelLimits } from '../../../llm/rate-gate.ts';
import type { SharedBrowser } from '../../../monitor/render/headless-renderer.ts';
import { errorLine, type EpisodeJob } from '../episode-job.ts';
import { PoolExecutor, defaultWorkers } from '../executor.ts';
import type { ResultLine } from '../results-file.ts';
import { settingsKey } from '../settings.ts';
import { collectEpisodeFiles } from './episode-files.ts';
import { FILES_TTL_SECONDS, filesKey, JOB_FORMAT, queueTiming, type QueueJobData, type QueueJobResult } from './queue-job.ts';
import { checkQueueName, checkRedis, DEFAULT_QUEUE_NAME, parseRedisUrl, redisOptions } from './redis-url.ts';

export interface QueueWorkerOptions {
  url: string;
  queueName?: string;
  /** Episodes in flight at once in this process (default: the thread count). */
  concurrency?: number;
  /** Worker threads (default: the number of cores, never more than `concurrency`). */
  workers?: number;
  /** Run folders go under <out>/<settings key>/<episode dir> (default runs/worker-<host>-<pid>). */
  out?: string;
  /** The knowledge base the episodes retrieve from; must match the suite's (its fingerprint). */
  knowledgeFile?: string | null;
  /** This process's limits on its model requests (a server's budget divided among the workers). */
  modelLimits?: ModelLimits;
  /** Stop: take no more jobs, finish the ones held, then resolve. */
  signal?: AbortSignal;
  /** The module each thread loads (tests wrap the episode runner); default the built-in worker. */
  workerModule?: string | URL;
  onReady?: (info: { queue: string; url: string; out: string; concurrency: number; threads: number; redis: string }) => void;
  onEpisode?: (line: ResultLine, info: { jobId: string; files: number; bytes: number; left: number }) => void;
  onNote?: (text: string) => void;
}

export interface QueueWorkerResult {
  /** Episodes this worker finished and handed back. */
  ran: number;
  out: string;
}

function needsBrowser(job: EpisodeJob): boolean {
  return job.images || job.settings.perception.startsWith('pixels');
}

/** Runs until `signal` aborts; resolves when the jobs it held are finished and handed back. */
export async function runQueueWorker(opts: QueueWorkerOptions): Promise<QueueWorkerResult> {
  const target = parseRedisUrl(opts.url);
  const name = checkQueueName(opts.queueName ?? DEFAULT_QUEUE_NAME);
  const timing = queueTiming();
  const redisVersion = await checkRedis(target);
  const host = hostname();
  const out = resolve(opts.out ?? join('runs', `worker-${host}-${process.pid}`));
  mkdirSync(out, { recursive: true });
  const threads = Math.max(1, opts.workers ?? defaultWorkers());
  const concurrency = Math.max(1, opts.concurrency ?? threads);

  let kbPrint: string | null = null;
  if (opts.knowledgeFile) {
    const { knowledgeFingerprint } = await import('../../knowledge/index.ts');
    kbPrint = knowledgeFingerprint(opts.knowledgeFile);
  }

  // Model limits are this process's own (docs/queue.md#limits): one gate for its threads.
  const gate = new GateHost(opts.modelLimits ?? {});
  const pool = new PoolExecutor(
    {
      workers: threads,
      concurrency,
      gateChannel: gate.channelName,
      gateStats: () => (gate.stats().requests > 0 ? gate.stats() : null),
      ...(opts.workerModule ? { workerModule: opts.workerModule } : {}),
    },
    concurrency,
  );
  const files = new Redis(redisOptions(target));
  files.on('error', () => {});
  let browser: Promise<SharedBrowser | null> | null = null;
  const getBrowser = (): Promise<SharedBrowser | null> => {
    browser ??= import('../../../monitor/render/headless-renderer.ts').then(async (m) => {
      const b = await m.launchSharedBrowser();
      if (!b) opts.onNote?.('no browser found: episodes run without checkpoint images (install chromium for images)');
      return b;
    });
    return browser;
  };
  let ran = 0;

  const processor = async (job: Job<QueueJobData, QueueJobResult>, token?: string): Promise<QueueJobResult> => {
    const data = job.data;
    if (data?.format !== JOB_FORMAT || !data.episode)
      throw new UnrecoverableError(
        `job format ${String(data?.format)} is not this worker's ${JOB_FORMAT}: run the same policyloop version on the coordinator and the workers`,
      );
    const ep = data.episode;
    const local: EpisodeJob = {
      ...ep,
      outDir: join(out, settingsKey(ep.settings)),
      browserWSEndpoint: needsBrowser(ep) ? ((await getBrowser())?.wsEndpoint ?? null) : null,
      knowledgeFile: opts.knowledgeFile ?? null,
      gateChannel: null,
    };
    const wanted = ep.settings.knowledge ?? null;
    let line: ResultLine;
    if (wanted !== kbPrint) {
      line = errorLine(
        ep,
        `worker ${host}:${process.pid} has ${kbPrint ? `knowledge base ${kbPrint}` : 'no knowledge base'}, the suite ${wanted ? `uses ${wanted}` : 'uses none'}; start the worker with the same --kb file`,
      );
    } else {
      // A job run again here after a stall starts from an empty folder.
      rmSync(join(local.outDir, local.dir), { recursive: true, force: true });
      line = await pool.run(local);
    }
    const sent = collectEpisodeFiles(join(local.outDir, local.dir), !line.success);
    let key: string | null = null;
    if (sent.files.size > 0) {
      key = filesKey(name, String(job.id), token ?? 'none');
      await files.hset(key, Object.fromEntries(sent.files));
      await files.expire(key, FILES_TTL_SECONDS);
    }
    ran++;
    opts.onEpisode?.(line, { jobId: String(job.id), files: sent.files.size, bytes: sent.bytes, left: sent.left.length });
    return {
      format: JOB_FORMAT,
      line,
      filesKey: key,
      files: sent.files.size,
      bytes: sent.bytes,
      left: sent.left,
      worker: { host, pid: process.pid, out: local.outDir },
    };
  };

  const worker = new Worker<QueueJobData, QueueJobResult>(name, processor, {
    connection: redisOptions(target),
    concurrency,
    lockDuration: timing.lockDurationMs,
    stalledInterval: timing.stalledIntervalMs,
    maxStalledCount: timing.maxStalledCount,
    // Redis client names take no spaces: BullMQ names the connection after it (queue.getWorkers()).
    name: `policyloop-worker@${host.replace(/[^A-Za-z0-9_.-]/g, '_')}:${process.pid}`,
    autorun: false,
  });
  let lastError = '';
  worker.on('error', (err) => {
    if (err.message !== lastError) opts.onNote?.(`redis: ${err.message}`);
    lastError = err.message;
  });
  worker.on('failed', (job, err) => {
    if (job) opts.onNote?.(`job ${job.id} failed: ${err.message}`);
  });

  const stopped = new Promise<void>((res) => {
    if (opts.signal?.aborted) return res();
    opts.signal?.addEventListener('abort', () => res(), { once: true });
  });
  const running = worker.run();
  await worker.waitUntilReady();
  opts.onReady?.({ queue: name, url: target.display, out, concurrency, threads: Math.min(threads, concurrency), redis: redisVersion });
  try {
    await Promise.race([stopped, running]);
  } finally {
    // Takes no more jobs and waits for the held ones to finish and be handed back.
    await worker.close();
    await running.catch(() => {});
    await pool.close();
    gate.close();
    await files.quit().catch(() => {});
    const b = await (browser as Promise<SharedBrowser | null> | null);
    await b?.close();
  }
  return { ran, out };
}
