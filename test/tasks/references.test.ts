// Every core task's reference program must solve it on seeds 0..9 in the real simulator
// (sim's createWorld + policy's runAttempt). A task whose reference fails on some seed
// is a broken task. The success predicate must also be false at the start.
//
// One test per task; REFERENCE_TASKS=id1,id2 and REFERENCE_SEEDS=n narrow a run.

import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/index.ts';
import { runAttempt } from '../../policy/program/index.ts';
import { getSuite, instantiateScene, loadTask, parseTask } from '../../tasks/index.ts';
import type { TaskDef } from '../../tasks/index.ts';

const SEEDS = Array.from({ length: Number(process.env.REFERENCE_SEEDS ?? 10) }, (_, i) => i);
const only = process.env.REFERENCE_TASKS?.split(',').filter(Boolean);
const TASKS: TaskDef[] = [...getSuite('core'), loadTask('tasks/TEMPLATE.json')].filter((t) => !only || only.includes(t.id));

async function runReference(task: TaskDef, seed: number): Promise<string | null> {
  const scene = instantiateScene(task, seed);
  const world = await createWorld(scene, { timeLimit: task.timeLimit });
  try {
    const before = world.evaluate(task.success);
    if (before.ok) return `seed ${seed}: success already holds at the start (${before.detail})`;
    const result = await runAttempt({ world, program: task.reference, timeLimitSec: task.timeLimit });
    const after = world.evaluate(task.success);
    if (after.ok) return null;
    const error = result.error ? ` [program stopped: ${result.error.kind} at line ${result.error.line}: ${result.error.message}]` : '';
    if (result.internalError) throw result.internalError;
    return `seed ${seed}: ${after.detail}${error}`;
  } finally {
    world.free();
  }
}

describe('reference programs solve their tasks on every seed', () => {
  if (TASKS.length === 0) it.skip(`no task matches REFERENCE_TASKS=${process.env.REFERENCE_TASKS}`, () => {});
  it.each(TASKS.map((t) => [t.id, t] as const))(
    '%s',
    async (_id, task) => {
      const failures: string[] = [];
      for (const seed of SEEDS) {
        const failure = await runReference(task, seed);
        if (failure) failures.push(failure);
      }
      expect(failures).toEqual([]);
    },
    600_000,
  );
});

describe('starting arrangements hold in the settled world', () => {
  it('an object that starts "on" a block, a bowl or a tray is on or inside it', async () => {
    const task = parseTask(
      {
        id: 'starts_stacked',
        instruction: 'Take everything out.',
        scene: {
          objects: [
            { id: 'blue_block', shape: 'box', size: [0.05, 0.05, 0.05], color: 'blue' },
            { id: 'red_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'red', on: 'blue_block' },
            { id: 'green_bowl', shape: 'bowl', size: [0.14, 0.14, 0.06], color: 'green' },
            { id: 'ball', shape: 'sphere', size: [0.04, 0.04, 0.04], color: 'orange', on: 'green_bowl' },
            { id: 'gray_tray', shape: 'tray', size: [0.2, 0.15, 0.03], color: 'gray' },
            { id: 'cube', shape: 'box', size: [0.04, 0.04, 0.04], color: 'yellow', on: 'gray_tray' },
          ],
          layout: { randomYaw: true },
        },
        success: { onTable: 'ball' },
        reference: 'home();',
      },
      '<inline>',
    );
    for (const seed of [0, 1, 2]) {
      const world = await createWorld(instantiateScene(task, seed));
      try {
        const start = world.evaluate({
          all: [{ on: ['red_block', 'blue_block'] }, { inside: ['ball', 'green_bowl'] }, { inside: ['cube', 'gray_tray'] }],
        });
        expect(start.ok, `seed ${seed}: ${start.detail}`).toBe(true);
      } finally {
        world.free();
      }
    }
  });
});
