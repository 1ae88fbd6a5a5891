// What the coordinator and the workers agree on (docs/queue.md#the-job): the job's data and
// result, its id, and the timings of BullMQ's stalled-job handling.
import { createHash } from 'node:crypto';
import type { EpisodeJob } from '../episode-job.ts';
import type { ResultLine } from '../results-file.ts';
import { settingsKey } from '../settings.ts';
import { QueueError } from './redis-url.ts';

/** The job format; a worker refuses another one (a coordinator and workers of different versions). */
export const JOB_FORMAT = 1;

export interface QueueJobData {
  format: typeof JOB_FORMAT;
  /** The episode, with its task shipped (`episode.task`); outDir, browser and knowledge file are the worker's own. */
  episode: EpisodeJob;
}

export interface QueueJobResult {
  format: typeof JOB_FORMAT;
  line: ResultLine;
  /** Redis hash holding the episode's files (relative path → bytes), or null when none were sent. */
  filesKey: string | null;
  files: number;
  bytes: number;
  /** Files left on the worker because of the payload limits. */
  left: string[];
  /** Which worker ran it: host, pid and its run folder. */
  worker: { host: string; pid: number; out: string };
}

/**
 * The job id: the same episode (settings, task version, task, seed) always gets the same id,
 * so re-enqueueing it — a `--resume`, a second coordinator — finds the job already there.
 */
export function episodeJobId(job: Pick<EpisodeJob, 'settings' | 'taskHash' | 'taskId' | 'seed'>): string {
  return createHash('sha256')
    .update(`${settingsKey(job.settings, job.taskHash)}\n${job.taskId}\n${job.seed}`)
    .digest('hex')
    .slice(0, 32);
}

/** Where a job's files wait for the coordinator; `token` is the worker's lock, so a re-run never mixes with another. */
export function filesKey(queueName: string, jobId: string, token: string): string {
  return `policyloop:${queueName}:files:${jobId}:${token}`;
}

/** Files nobody collected (the coordinator gone for good) expire after a week. */
export const FILES_TTL_SECONDS = 7 * 24 * 3600;

export interface QueueTiming {
  /** A worker holds a job's lock this long and renews it every half; a worker that died loses it after this. */
  lockDurationMs: number;
  /** How often workers look for jobs whose lock expired (stalled) and put them back in the queue. */
  stalledIntervalMs: number;
  /** A job that stalled more often than this fails (and is recorded as an error line). */
  maxStalledCount: number;
  /** How often the coordinator re-reads the queue's counts and its jobs' states. */
  pollMs: number;
}

function envMs(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw new QueueError(`${name}: expected a whole number ≥ ${min}, got "${raw}"`);
  return v;
}

/**
 * BullMQ's defaults (30 s lock, 30 s stalled check) unless the environment says otherwise:
 * POLICYLOOP_QUEUE_LOCK_MS, POLICYLOOP_QUEUE_STALLED_MS, POLICYLOOP_QUEUE_MAX_STALLED,
 * POLICYLOOP_QUEUE_POLL_MS (tests and the bench shorten them to see a killed worker's job come back fast).
 */
export function queueTiming(): QueueTiming {
  return {
    lockDurationMs: envMs('POLICYLOOP_QUEUE_LOCK_MS', 30_000, 500),
    stalledIntervalMs: envMs('POLICYLOOP_QUEUE_STALLED_MS', 30_000, 200),
    maxStalledCount: envMs('POLICYLOOP_QUEUE_MAX_STALLED', 3, 0),
    pollMs: envMs('POLICYLOOP_QUEUE_POLL_MS', 2000, 50),
  };
}
