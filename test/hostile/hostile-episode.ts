// One suite episode of the hostile corpus, in a suite worker thread: the real episode path
// (runEpisode, the state monitor, the run record on disk) with the given programmer, no
// repairs. A suite has no per-episode program, so this test worker reads the job's seed as
// a number in a list: seed 2k runs corpus program k, seed 2k + 1 the control program. Every
// episode runs on the corpus task's own seed (CORPUS_SEED), so each control episode must
// give the control's reference trace, whatever ran before it in the same worker.
import { join } from 'node:path';
import { runEpisode } from '../../policy/loop/episode.ts';
import { GivenProgrammer } from '../../policy/programmers/programmer.ts';
import { errorLine, type EpisodeJob } from '../../policy/suite/episode-job.ts';
import type { ResultLine } from '../../policy/suite/results-file.ts';
import { settingsKey } from '../../policy/suite/settings.ts';
import { loadTask } from '../../tasks/index.ts';
import { budgetOf, CORPUS_CPU_MS, CORPUS_SEED, controlProgram, loadCorpus, programText } from './corpus.ts';

/** The program episode `seed` runs: corpus program seed/2, or the control after it. */
export function programForSeed(seed: number): { name: string; program: string; cpuMs: number } {
  const programs = loadCorpus().programs;
  const entry = programs[Math.floor(seed / 2)];
  if (!entry) throw new Error(`seed ${seed} names no corpus program (there are ${programs.length})`);
  return seed % 2 === 0
    ? { name: entry.file, program: programText(entry.file), cpuMs: budgetOf(entry) }
    : { name: 'control.js', program: controlProgram(), cpuMs: CORPUS_CPU_MS };
}

export default async function hostileEpisodeJob(job: EpisodeJob): Promise<ResultLine> {
  try {
    const task = loadTask(job.taskRef);
    const { program, cpuMs } = programForSeed(job.seed);
    const record = await runEpisode({
      task,
      seed: CORPUS_SEED,
      programmer: new GivenProgrammer(program),
      monitor: job.settings.monitor,
      maxRepairs: 0,
      oracle: job.settings.oracle,
      outDir: join(job.outDir, job.dir),
      recordImages: 'none',
      cpuMs,
    });
    return {
      ...record,
      seed: job.seed,
      settings: job.settings,
      settingsKey: settingsKey(job.settings, task.hash),
      error: null,
      dir: job.dir,
    };
  } catch (err) {
    return errorLine(job, err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  }
}
