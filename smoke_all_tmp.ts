import { createWorld } from './sim/index.ts';
import { runAttempt } from './policy/index.ts';
import { getSuite, loadTask, instantiateScene } from './tasks/index.ts';
const only = process.argv[2] ? process.argv[2].split(',') : undefined;
const nSeeds = Number(process.argv[3] ?? 10);
const tasks = [...getSuite('core'), loadTask('tasks/TEMPLATE.json')].filter((t) => !only || only.includes(t.id));
for (const task of tasks) {
  let pass = 0; const fails: string[] = []; const t0 = performance.now(); let sim = 0;
  for (let seed = 0; seed < nSeeds; seed++) {
    const world = await createWorld(instantiateScene(task, seed), { timeLimit: task.timeLimit });
    const before = world.evaluate(task.success);
    const r = await runAttempt({ world, program: task.reference, timeLimitSec: task.timeLimit });
    const after = world.evaluate(task.success);
    sim = Math.max(sim, r.simSeconds);
    if (after.ok && !before.ok) pass++;
    else fails.push(`  seed ${seed}: ${before.ok ? 'ALREADY TRUE AT START ' : ''}${after.detail} ${r.error ? JSON.stringify(r.error) : ''}${r.internalError ? (r.internalError as Error).stack : ''}`);
    world.free();
  }
  console.log(`${task.id}: ${pass}/${nSeeds}  (max sim ${sim.toFixed(1)}s, wall ${((performance.now() - t0) / 1000).toFixed(1)}s)`);
  for (const f of fails) console.log(f);
}
