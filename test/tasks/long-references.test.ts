// Every `long` task's reference program must solve it on seeds 0..9 in the real simulator,
// its success predicate must be false at the start, and it must have at least 6 subgoals
// (the suite's promise: long-horizon tasks). A task whose reference fails on a seed is broken.
//
// One test per task; REFERENCE_TASKS=id1,id2 and REFERENCE_SEEDS=n narrow a run.

import { describe, expect, it } from 'vitest';
import { runAttempt } from '../../policy/program/index.ts';
import { createWorld } from '../../sim/index.ts';
import { getSuite, instantiateScene } from '../../tasks/index.ts';
import type { TaskDef } from '../../tasks/index.ts';

const SEEDS = Array.from({ length: Number(process.env.REFERENCE_SEEDS ?? 10) }, (_, i) => i);
const only = process.env.REFERENCE_TASKS?.split(',').filter(Boolean);
const LONG = getSuite('long');
const TASKS: TaskDef[] = LONG.filter((t) => !only || only.includes(t.id));

/** Why the reference failed on this seed, or null; and how many subgoals it ran. */
async function runReference(task: TaskDef, seed: number): Promise<{ failure: string | null; subgoals: number }> {
  const world = await createWorld(instantiateScene(task, seed), { timeLimit: task.timeLimit });
  try {
    const before = world.evaluate(task.success);
    if (before.ok) return { failure: `seed ${seed}: success already holds at the start (${before.detail})`, subgoals: 0 };
    const result = await runAttempt({ world, program: task.reference, timeLimitSec: task.timeLimit });
    if (result.internalError) throw result.internalError;
    const after = world.evaluate(task.success);
    const subgoals = result.trace.subgoals.length;
    if (after.ok) return { failure: null, subgoals };
    const error = result.error ? ` [program stopped: ${result.error.kind} at line ${result.error.line}: ${result.error.message}]` : '';
    return { failure: `seed ${seed}: ${after.detail}${error}`, subgoals };
  } finally {
    world.free();
  }
}

describe('the long suite', () => {
  it('has at least 8 tasks', () => {
    expect(LONG.length).toBeGreaterThanOrEqual(8);
  });
});

describe('long reference programs solve their tasks on every seed, in 6 or more subgoals', () => {
  if (TASKS.length === 0) it.skip(`no task matches REFERENCE_TASKS=${process.env.REFERENCE_TASKS}`, () => {});
  it.each(TASKS.map((t) => [t.id, t] as const))(
    '%s',
    async (_id, task) => {
      const failures: string[] = [];
      for (const seed of SEEDS) {
        const { failure, subgoals } = await runReference(task, seed);
        if (failure) failures.push(failure);
        else if (subgoals < 6) failures.push(`seed ${seed}: only ${subgoals} subgoals`);
      }
      expect(failures).toEqual([]);
    },
    600_000,
  );
});
