// Test-only suite worker (SuiteOptions.workerModule): the real episode runner, except that the
// episode of task lift_block, seed 0 never ends — a synchronous loop that never yields its
// thread, as a native built-in stuck inside the sandbox would — so test/suite/faults.test.ts
// sees the executor stop it past the suite's limit per episode and the suite go on. Plain
// JavaScript: piscina loads it in a worker thread, which has none of vitest's loaders.
import runEpisodeJob from '../../../policy/suite/worker-entry.js';

export default async function hangingEpisodeJob(job) {
  if (job.taskId === 'lift_block' && job.seed === 0) {
    let spins = 0;
    while (spins >= 0) spins++;
  }
  return runEpisodeJob(job);
}
