// The core reference programs as attempts, for the episode and engine figures.
import { createWorld } from '../sim/index.ts';
import { getSuite, instantiateScene } from '../tasks/index.ts';
import { runAttempt } from '../policy/program/index.ts';

/** Wall time of each core reference-program attempt with no rendering (world build included), seeds 0..seeds-1. */
export async function referenceAttemptTimes(seeds: number): Promise<number[]> {
  const times: number[] = [];
  for (const task of getSuite('core')) {
    for (let seed = 0; seed < seeds; seed++) {
      const scene = instantiateScene(task, seed);
      const t0 = performance.now();
      const world = await createWorld(scene, { timeLimit: task.timeLimit });
      try {
        await runAttempt({ world, program: task.reference });
      } finally {
        world.free();
      }
      times.push(performance.now() - t0);
    }
  }
  return times;
}
