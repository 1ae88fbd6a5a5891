// Runs a program on a `transfer` task the way an episode does: the world built from the
// truth (hidden properties included), the program talking to it through exact perception
// (stated sizes, true poses; skills plan from the same), the task check on the truth.
// The same as test/tasks/feedback-naive/harness.ts, but it builds the PerceivedWorld
// itself (as policy/loop's `perceive` does) so it loads only sim/, tasks/ and
// policy/program/.

import { createWorld } from '../../../sim/index.ts';
import { PerceivedWorld, runAttempt } from '../../../policy/program/index.ts';
import { instantiateScene } from '../../../tasks/index.ts';
import type { TaskDef } from '../../../tasks/index.ts';

export interface SeedResult {
  seed: number;
  ok: boolean;
  /** The success check's detail, and the program's error when it stopped early. */
  detail: string;
  /** Whether success already held before the program ran. */
  heldAtStart: boolean;
}

/** Runs `program` on `task` at `seed` through exact perception and checks success. */
export async function runOnSeed(task: TaskDef, program: string, seed: number): Promise<SeedResult> {
  const world = await createWorld(instantiateScene(task, seed), { timeLimit: task.timeLimit });
  try {
    const heldAtStart = world.evaluate(task.success).ok;
    const programWorld = new PerceivedWorld(world, { mode: 'exact', key: { task: task.id, seed, attempt: 0 }, bridge: null });
    const outcome = await runAttempt({ world, programWorld, program, timeLimitSec: task.timeLimit });
    if (outcome.internalError) throw outcome.internalError;
    const after = world.evaluate(task.success);
    const error = outcome.error ? ` [stopped: ${outcome.error.kind} at line ${outcome.error.line}: ${outcome.error.message}]` : '';
    return { seed, ok: after.ok, detail: `${after.detail}${error}`, heldAtStart };
  } finally {
    world.free();
  }
}

/** Runs `program` on seeds 0..count-1. */
export async function runOnSeeds(task: TaskDef, program: string, count: number): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  for (let seed = 0; seed < count; seed++) results.push(await runOnSeed(task, program, seed));
  return results;
}
