// Runs a program on a `transfer` task the way an episode does — the feedback suite's
// harness (test/tasks/feedback-naive/harness.ts: the world built from the truth, exact
// perception, the task check on the truth) — over a given number of seeds.

import type { TaskDef } from '../../../tasks/index.ts';
import { runOnSeed, type SeedResult } from '../feedback-naive/harness.ts';

export { runOnSeed, type SeedResult };

/** Runs `program` on seeds 0..count-1. */
export async function runOnSeeds(task: TaskDef, program: string, count: number): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  for (let seed = 0; seed < count; seed++) results.push(await runOnSeed(task, program, seed));
  return results;
}
