// What the suite's main thread sends a worker, and the record of an episode that could
// not run. Kept apart from episode-worker.ts so the main thread does not load the
// physics, the sandbox and the renderer it never uses.
import type { EpisodeRecord } from '../loop/records.ts';
import { toolVersions } from '../loop/versions.ts';
import { parsePerceptionLabel } from '../program/perception-settings.ts';
import type { ResultLine } from './results-file.ts';
import type { SuiteSettings } from './settings.ts';
import { settingsKey } from './settings.ts';

export interface EpisodeJob {
  taskRef: string;
  taskId: string;
  /** The task's version when the suite started (TaskDef.hash); the worker refuses another. */
  taskHash: string;
  seed: number;
  settings: SuiteSettings;
  /** Suite output folder; the episode writes into <outDir>/<dir>. */
  outDir: string;
  dir: string;
  /** Write checkpoint images (needs a browser). */
  images: boolean;
  /** A running browser to connect to (one shared browser for all workers). */
  browserWSEndpoint: string | null;
  /** The knowledge base file the episodes retrieve from (read only in suites); null: none. */
  knowledgeFile?: string | null;
  /**
   * Wall-clock limit of the episode in ms (`suite --episode-timeout`); past it the executor stops
   * the episode's thread and records a TimeoutError. Null or absent: none.
   */
  timeoutMs?: number | null;
  /** The suite's model gate (GateHost channel name): this thread's model requests wait on it. */
  gateChannel?: string | null;
  /**
   * The task itself, for a worker on another machine where `taskRef` may not exist (the
   * Redis queue, docs/queue.md): the worker parses it and checks its version is `taskHash`.
   */
  task?: ShippedTask;
}

/** A task file as shipped in a queue job: its JSON text and its reference program's text. */
export interface ShippedTask {
  json: string;
  reference: string;
}

export function errorLine(job: EpisodeJob, message: string, instruction = '', kind?: string, wallMs = 0): ResultLine {
  const record: EpisodeRecord = {
    task: job.taskId,
    taskFile: job.taskRef,
    taskHash: job.taskHash,
    seed: job.seed,
    instruction,
    engine: job.settings.engine,
    provider: job.settings.provider,
    model: job.settings.model,
    monitor: job.settings.monitor,
    maxRepairs: job.settings.maxRepairs,
    oracle: job.settings.oracle,
    perception: perceptionRecord(job.settings.perception),
    success: false,
    successDetail: `episode did not finish: ${message}`,
    solvedAt: null,
    stoppedBy: 'no-program',
    attempts: [],
    tokensIn: 0,
    tokensOut: 0,
    wallMs,
    startedAt: new Date().toISOString(),
    versions: toolVersions(),
    warnings: [],
  };
  return {
    ...record,
    settings: job.settings,
    settingsKey: settingsKey(job.settings, job.taskHash),
    error: message,
    ...(kind ? { errorKind: kind } : {}),
    dir: job.dir,
  };
}

/** The line of an episode stopped past its wall-clock limit (EpisodeJob.timeoutMs). */
export function timeoutLine(job: EpisodeJob, wallMs: number): ResultLine {
  const s = (job.timeoutMs ?? 0) / 1000;
  return errorLine(
    job,
    `TimeoutError: the episode ran past the suite's limit of ${s} s per episode (--episode-timeout ${s}); its thread was stopped`,
    '',
    'TimeoutError',
    wallMs,
  );
}

/** The record's perception from a settings label (an unreadable label is recorded as exact: the line has its error). */
function perceptionRecord(label: string): EpisodeRecord['perception'] {
  try {
    const p = parsePerceptionLabel(label);
    return p.mode === 'noisy' ? { mode: p.mode, noise: p.noise! } : { mode: p.mode };
  } catch {
    return { mode: 'exact' };
  }
}
