import { createWorld } from '/work/main/sim/index.ts';
import { runAttempt } from '/work/main/policy/index.ts';
import { loadTask, instantiateScene } from '/work/main/tasks/index.ts';
const [id, seedArg] = process.argv.slice(2);
const task = loadTask(id!);
const seeds = seedArg ? seedArg.split(',').map(Number) : [0];
for (const seed of seeds) {
  const t0 = performance.now();
  const world = await createWorld(instantiateScene(task, seed), { timeLimit: task.timeLimit });
  const before = world.evaluate(task.success);
  const r = await runAttempt({ world, program: task.reference, timeLimitSec: task.timeLimit });
  const after = world.evaluate(task.success);
  console.log(`${task.id} seed ${seed}: ${after.ok ? 'OK' : 'FAIL'} before=${before.ok} sim=${r.simSeconds.toFixed(1)}s wall=${(performance.now() - t0).toFixed(0)}ms ${after.ok ? '' : after.detail} ${r.error ? JSON.stringify(r.error) : ''} ${r.internalError ? String((r.internalError as Error).stack) : ''}`);
  if (process.env.VERBOSE) for (const s of r.trace.subgoals) console.log('  ', s.description);
  world.free();
}
