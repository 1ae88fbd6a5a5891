// Test-only suite worker (SuiteOptions.workerModule): the real worker, except that one
// episode throws and another kills its worker thread, so test/suite/suite.test.ts sees
// runSuite record both and go on. Plain JavaScript: piscina loads it in a worker thread,
// which has none of vitest's loaders; the real entry registers tsx for the TypeScript.
import runEpisodeJob from '../../policy/suite/worker-entry.js';

/** Episode key (`task#seed`) → the fault; the suite test asserts on these keys. */
const FAULTS = { 'lift_block#1': 'throw', 'red_on_blue#0': 'exit' };

export default async function faultyEpisodeJob(job) {
  const fault = FAULTS[`${job.taskId}#${job.seed}`];
  if (fault === 'exit') process.exit(70); // in a worker thread: ends the thread, not the process
  if (fault === 'throw') throw new Error('injected fault: the worker threw');
  return runEpisodeJob(job);
}
