// Runs one episode of a suite in a worker thread, with the worker's own physics world and
// sandbox. Any failure becomes a recorded episode with `error`; the suite goes on.
import { join } from 'node:path';
import { loadTask } from '../../tasks/index.ts';
import { runEpisode } from '../loop/episode.ts';
import type { EpisodeRecord } from '../loop/records.ts';
import { createProgrammer } from '../programmers/factory.ts';
import type { ResultLine } from './results-file.ts';
import type { SuiteSettings } from './settings.ts';
import { settingsKey } from './settings.ts';
import { toolVersions } from '../loop/versions.ts';

export interface EpisodeJob {
  taskRef: string;
  taskId: string;
  seed: number;
  settings: SuiteSettings;
  /** Suite output folder; the episode writes into <outDir>/<dir>. */
  outDir: string;
  dir: string;
  /** Write checkpoint images (needs a browser). */
  images: boolean;
  /** A running browser to connect to (one shared browser for all workers). */
  browserWSEndpoint: string | null;
  /** Test hook: make this episode fail inside the worker. */
  fault?: 'throw' | 'exit';
}

export function errorLine(job: EpisodeJob, message: string, instruction = ''): ResultLine {
  const record: EpisodeRecord = {
    task: job.taskId, taskFile: job.taskRef, seed: job.seed, instruction, engine: job.settings.engine, provider: job.settings.provider,
    model: job.settings.model, monitor: job.settings.monitor, maxRepairs: job.settings.maxRepairs, oracle: job.settings.oracle,
    success: false, successDetail: `episode did not finish: ${message}`, solvedAt: null, stoppedBy: 'no-program',
    attempts: [], tokensIn: 0, tokensOut: 0, wallMs: 0, startedAt: new Date().toISOString(), versions: toolVersions(), warnings: [],
  };
  return { ...record, settings: job.settings, settingsKey: settingsKey(job.settings), error: message, dir: job.dir };
}

export default async function runEpisodeJob(job: EpisodeJob): Promise<ResultLine> {
  if (job.fault === 'exit') process.exit(70);
  let instruction = '';
  try {
    if (job.fault === 'throw') throw new Error('injected fault: the worker threw');
    const task = loadTask(job.taskRef);
    instruction = task.instruction;
    const programmer = await createProgrammer({ provider: job.settings.provider, model: job.settings.model });
    const record = await runEpisode({
      task, seed: job.seed, programmer,
      monitor: job.settings.monitor, vlmModel: job.settings.vlmModel,
      maxRepairs: job.settings.maxRepairs, oracle: job.settings.oracle, engine: job.settings.engine as 'rapier',
      outDir: join(job.outDir, job.dir), recordImages: job.images ? 'failed' : 'none', browserWSEndpoint: job.browserWSEndpoint,
    });
    return { ...record, settings: job.settings, settingsKey: settingsKey(job.settings), error: null, dir: job.dir };
  } catch (err) {
    return errorLine(job, err instanceof Error ? `${err.name}: ${err.message}` : String(err), instruction);
  }
}
