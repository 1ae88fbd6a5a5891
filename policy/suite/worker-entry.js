// Worker-thread entry for the suite pool. The build (scripts/build.js) copies this file to
// dist/policy/suite/, next to the compiled episode-worker.js, which it then loads. The
// source copy (tests, `npx tsx`) has no compiled sibling: worker threads do not inherit a
// TypeScript loader, so it registers tsx (a devDependency) and loads episode-worker.ts.
import { existsSync } from 'node:fs';
import { parentPort, threadId } from 'node:worker_threads';

const compiled = new URL('./episode-worker.js', import.meta.url);
const source = !existsSync(compiled);
if (source) (await import('tsx/esm/api')).register();
const mod = await import(source ? './episode-worker.ts' : compiled.href);
/** The episode runner itself: takes an EpisodeJob, resolves to its ResultLine (modules wrapping it import this). */
export default mod.default;

/**
 * What PoolExecutor's threads run (piscina's `name: 'pooled'`): first tells the main thread
 * which thread holds this start of the run (`runId`, `attempt`), so an episode past the suite's
 * time limit can have its thread stopped; then runs the episode with the pool's module
 * (SuiteOptions.workerModule) or the built-in runner. A start the main thread gave up on before
 * this thread began it (timed out, or superseded: `skip` set) is skipped.
 */
export async function pooled({ runId, attempt, skip, job, module }) {
  if (skip && Atomics.load(skip, 0) !== 0) return null;
  parentPort?.postMessage({ type: 'policyloop:episode-start', runId, attempt, threadId });
  const run = module ? (await import(module)).default : mod.default;
  return run(job);
}
