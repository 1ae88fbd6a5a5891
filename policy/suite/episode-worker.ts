// Runs one episode of a suite in a worker thread, with the worker's own physics world and
// sandbox. Any failure becomes a recorded episode with `error`; the suite goes on.
import { join } from 'node:path';
import { loadTask } from '../../tasks/index.ts';
import { runEpisode } from '../loop/episode.ts';
import { createProgrammer } from '../programmers/factory.ts';
import { CorrectionSession } from '../corrections/session.ts';
import { SimulatedCorrector, teachToEnd } from '../corrections/simulated-corrector.ts';
import { parsePerceptionLabel } from '../program/perception-settings.ts';
import type { EngineName } from '../../sim/types.ts';
import type { ResultLine } from './results-file.ts';
import { settingsKey } from './settings.ts';
import { errorLine } from './episode-job.ts';
import type { EpisodeJob } from './episode-job.ts';
import { RemoteModelGate } from '../../llm/gate-channel.ts';
import { setModelGate } from '../../llm/rate-gate.ts';
import { taskFromShipped } from './queue/shipped-task.ts';

/** The gate this thread's model requests go through, per suite (the channel's name). */
let gate: { channel: string; remote: RemoteModelGate } | null = null;

function useGate(channel: string | null | undefined): void {
  if (!channel) return;
  if (gate?.channel === channel) return;
  gate?.remote.close();
  gate = { channel, remote: new RemoteModelGate(channel) };
  setModelGate(gate.remote);
}

export default async function runEpisodeJob(job: EpisodeJob): Promise<ResultLine> {
  let instruction = '';
  useGate(job.gateChannel);
  try {
    // A queue job carries its task (no shared disk): parsed here, its version checked below.
    const task = job.task ? taskFromShipped(job.task, job.taskRef) : loadTask(job.taskRef);
    instruction = task.instruction;
    if (task.hash !== job.taskHash) {
      // Edited while the suite ran: this episode would be of another version than the rest.
      return errorLine(
        job,
        `the task file changed while the suite ran (version ${job.taskHash} at the start, ${task.hash} now); resume the suite to re-run its episodes`,
        instruction,
      );
    }
    const programmer = await createProgrammer({ provider: job.settings.provider, model: job.settings.model });
    // Suites read the knowledge base and write nothing back: every episode sees the same entries, in any order.
    const knowledge = job.knowledgeFile ? { file: job.knowledgeFile, learn: false } : null;
    if (job.settings.corrector === 'simulated') {
      // A correction session the simulated person teaches: no repairs, the session's records in the episode folder.
      const session = await CorrectionSession.start({
        task,
        seed: job.seed,
        programmer,
        monitor: job.settings.monitor,
        vlmModel: job.settings.vlmModel,
        // The simulated person knows the task check; the programmer never sees it (docs/corrections.md).
        oracle: false,
        perception: parsePerceptionLabel(job.settings.perception),
        engine: job.settings.engine as EngineName,
        outDir: join(job.outDir, job.dir),
        recordImages: job.images ? 'failed' : 'none',
        browserWSEndpoint: job.browserWSEndpoint,
        knowledge,
      });
      const { corrector, record } = await teachToEnd(
        session,
        new SimulatedCorrector(task.corrections, { maxCorrections: job.settings.maxCorrections }),
      );
      return { ...record, settings: job.settings, settingsKey: settingsKey(job.settings, task.hash), error: null, dir: job.dir, corrector };
    }
    const record = await runEpisode({
      task,
      seed: job.seed,
      programmer,
      monitor: job.settings.monitor,
      vlmModel: job.settings.vlmModel,
      maxRepairs: job.settings.maxRepairs,
      oracle: job.settings.oracle,
      perception: parsePerceptionLabel(job.settings.perception),
      engine: job.settings.engine as EngineName,
      outDir: join(job.outDir, job.dir),
      recordImages: job.images ? 'failed' : 'none',
      browserWSEndpoint: job.browserWSEndpoint,
      knowledge,
    });
    return { ...record, settings: job.settings, settingsKey: settingsKey(job.settings, task.hash), error: null, dir: job.dir };
  } catch (err) {
    return errorLine(
      job,
      err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      instruction,
      err instanceof Error ? err.name : 'Error',
    );
  }
}
