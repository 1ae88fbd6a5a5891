// Honesty checks of the `feedback` suite. For each task, test/tasks/feedback-naive/<id>.js
// is the program a competent programmer would write first from the instruction and the
// stated scene alone. It must fail on at least 7 of 10 seeds — and succeed (at least 9 of
// 10) on the same task with the one thing that makes it hard taken away: the hidden block
// removed, the object resting on or in the one to move started on the table instead, the
// crowding object moved elsewhere, the tolerance loosened. So the failure is that thing,
// not a hard task or a broken program.
//
// FEEDBACK_TASKS=id1,id2 and FEEDBACK_SEEDS=n narrow a run.

import { describe, expect, it } from 'vitest';
import { getSuite } from '../../tasks/index.ts';
import type { TaskDef } from '../../tasks/index.ts';
import { SEEDS, editedTask, naiveProgram, runOnSeeds } from './feedback-naive/harness.ts';
import type { ObjectJson, TaskJson } from './feedback-naive/harness.ts';

function object(json: TaskJson, id: string): ObjectJson {
  const o = json.scene.objects.find((x) => x.id === id);
  if (!o) throw new Error(`no object "${id}" in the task`);
  return o;
}

/** Starts `id` on the table at a random spot (it started on or in another object). */
const offItsSupport = (id: string) => (json: TaskJson) => {
  delete object(json, id).on;
};
/** Moves `id` away from the target it crowds: no fixed position, placed at random. */
const elsewhere = (id: string) => (json: TaskJson) => {
  const o = object(json, id);
  delete o.position;
  delete o.yaw;
};
/** No hidden truth: every object is as stated. */
const asStated = (json: TaskJson) => {
  for (const o of json.scene.objects) delete o.hidden;
};

/** Per task: what makes it hard, and the task without it. */
const WITHOUT: Record<string, { reason: string; edit: (json: TaskJson) => void }> = {
  slippery_bottle: { reason: 'hidden friction', edit: asStated },
  slippery_can_in_tray: { reason: 'hidden friction', edit: asStated },
  heavy_box_to_zone: { reason: 'hidden fixed', edit: asStated },
  heavy_crate_to_square: { reason: 'hidden fixed', edit: asStated },
  narrow_tray_three_blocks: { reason: 'hidden inner size', edit: asStated },
  narrow_tray_two_cans: { reason: 'hidden inner size', edit: asStated },
  tall_box_stack: { reason: 'hidden size', edit: asStated },
  short_plank_end: { reason: 'hidden size', edit: asStated },
  vase_on_box: { reason: 'the vase standing on the box', edit: offItsSupport('pink_vase') },
  can_on_block: { reason: 'the can standing on the block', edit: offItsSupport('yellow_can') },
  cup_with_straw: { reason: 'the stick standing in the cup', edit: offItsSupport('purple_stick') },
  tray_with_bottle: { reason: 'the bottle standing in the tray', edit: offItsSupport('cyan_bottle') },
  block_behind_thermos: { reason: 'the thermos crowding the block', edit: elsewhere('black_thermos') },
  ball_behind_box: { reason: 'the box crowding the ball', edit: elsewhere('blue_box') },
  ball_onto_spot: {
    reason: 'the 5 cm spot',
    edit: (json) => {
      const z = json.scene.zones![0]!;
      z.min = [z.min[0]! - 0.05, z.min[1]! - 0.05];
      z.max = [z.max[0]! + 0.05, z.max[1]! + 0.05];
    },
  },
  ball_between_blocks: {
    reason: 'the 1.5 cm tolerance',
    edit: (json) => {
      json.success = JSON.parse(JSON.stringify(json.success).replace('[0.1,0.1],0.015]', '[0.1,0.1],0.06]'));
    },
  },
  heavy_end_bar: { reason: 'hidden centre of mass', edit: asStated },
  weighted_rod: { reason: 'hidden centre of mass', edit: asStated },
};

const only = process.env.FEEDBACK_TASKS?.split(',').filter(Boolean);
const SUITE = getSuite('feedback');
const TASKS: TaskDef[] = SUITE.filter((t) => !only || only.includes(t.id));
const MUST_FAIL = Math.ceil(0.7 * SEEDS.length);
const MUST_PASS = Math.ceil(0.9 * SEEDS.length);

describe('every feedback task has a naive program and a way to take its difficulty away', () => {
  it('covers the suite', () => {
    expect(Object.keys(WITHOUT).sort()).toEqual(SUITE.map((t) => t.id).sort());
    for (const t of SUITE) expect(() => naiveProgram(t.id), t.id).not.toThrow();
  });

  it('takes away only what it names', () => {
    // A hidden-property task's easy twin differs from it in the hidden blocks alone.
    for (const t of SUITE) {
      const twin = editedTask(t, WITHOUT[t.id]!.edit);
      expect(twin.instruction, t.id).toBe(t.instruction);
      if (WITHOUT[t.id]!.edit === asStated)
        expect(
          t.sceneTemplate.objects.some((o) => o.stated || o.comOffset || o.fixed || o.innerSize),
          t.id,
        ).toBe(true);
    }
  });
});

describe('a sensible first program fails because of the one hidden difficulty', () => {
  if (TASKS.length === 0) it.skip(`no task matches FEEDBACK_TASKS=${process.env.FEEDBACK_TASKS}`, () => {});
  it.each(TASKS.map((t) => [t.id, t] as const))(
    '%s',
    async (id, task) => {
      const program = naiveProgram(id);
      const { reason, edit } = WITHOUT[id]!;
      const hard = await runOnSeeds(task, program);
      const failed = hard.filter((r) => !r.ok).length;
      expect(
        failed,
        `${id}: the naive program should fail on ≥ ${MUST_FAIL} seeds (${reason}); it failed on ${failed}`,
      ).toBeGreaterThanOrEqual(MUST_FAIL);

      const easy = await runOnSeeds(editedTask(task, edit), program);
      const failures = easy.filter((r) => !r.ok).map((r) => `seed ${r.seed}: ${r.detail}`);
      expect(
        failures.length,
        `${id} without ${reason}: the naive program should succeed; failures:\n${failures.join('\n')}`,
      ).toBeLessThanOrEqual(SEEDS.length - MUST_PASS);
    },
    600_000,
  );
});
