// Every `teach` task's reference program — what the person meant, done — solves it on seeds
// 0..9, run as an episode runs it (exact perception); the success check does not hold at
// the start; each task carries corrections hints; the suite covers plan-level and
// skill-level corrections, and holds the two ambiguous tasks the chat command's example
// sessions use ("no, the green one", "lift it higher, at least 25 cm").
//
// TEACH_TASKS=id1,id2 narrows a run (and FEEDBACK_SEEDS=n the seeds: the harness is shared).

import { describe, expect, it } from 'vitest';
import { getSuite, getTask } from '../../tasks/index.ts';
import type { TaskDef } from '../../tasks/index.ts';
import { runOnSeeds } from './feedback-naive/harness.ts';

const only = process.env.TEACH_TASKS?.split(',').filter(Boolean);
const SUITE = getSuite('teach');
const TASKS: TaskDef[] = SUITE.filter((t) => !only || only.includes(t.id));

describe('the teach suite', () => {
  it('has 8 to 12 tasks, plan-level and skill-level, each with a description and 2 to 4 hints', () => {
    expect(SUITE.length).toBeGreaterThanOrEqual(8);
    expect(SUITE.length).toBeLessThanOrEqual(12);
    for (const t of SUITE) {
      expect((t.description ?? '').length, t.id).toBeGreaterThan(40);
      expect(t.corrections.length, `${t.id} corrections`).toBeGreaterThanOrEqual(2);
      expect(t.corrections.length, `${t.id} corrections`).toBeLessThanOrEqual(4);
      expect(
        t.tags.filter((g) => g === 'plan' || g === 'skill'),
        t.id,
      ).toHaveLength(1);
    }
    expect(SUITE.filter((t) => t.tags.includes('plan')).length).toBeGreaterThanOrEqual(4);
    expect(SUITE.filter((t) => t.tags.includes('skill')).length).toBeGreaterThanOrEqual(4);
  });

  it('leaves out of each instruction what the person means', () => {
    // which_block: the colour; which_bowl: the bowl; lift_high: the height; push_far / place_beside: the distance.
    expect(getTask('which_block').instruction).not.toMatch(/green/i);
    expect(getTask('which_bowl').instruction).not.toMatch(/blue/i);
    expect(getTask('lift_high').instruction).not.toMatch(/\d|cm|high/i);
    expect(getTask('push_far').instruction).not.toMatch(/\d|cm|far|side/i);
    expect(getTask('place_beside').instruction).not.toMatch(/\d|cm|right|left/i);
    expect(getTask('which_corner').instruction).not.toMatch(/top|right|left|bottom/i);
  });

  it('holds the chat examples: "no, the green one" (plan) and "lift it higher, at least 25 cm" (skill)', () => {
    const says = (id: string): string[] => getTask(id).corrections.map((h) => h.say);
    expect(says('which_block')).toContain('no, the green one');
    expect((getTask('which_block').success as { all: unknown[] }).all[0]).toEqual({ inside: ['green_block', 'white_bowl'] });
    expect(says('lift_high')).toContain('lift it higher, at least 25 cm');
    expect(getTask('lift_high').success).toEqual({ all: [{ grasped: 'red_block' }, { above: ['red_block', 0.25] }] });
  });

  it('deals the candidate blocks and bowls among their spots, so the first pick varies with the seed', async () => {
    const { instantiateScene } = await import('../../tasks/index.ts');
    // Which of the group's authored spots the object stands at, per seed.
    const spotOf = (t: TaskDef, id: string, group: string[]): Set<number> => {
      const spots = group.map((g) => t.sceneTemplate.objects.find((o) => o.id === g)!.position!);
      return new Set(
        [0, 1, 2, 3, 4, 5, 6, 7].map((s) => {
          const p = instantiateScene(t, s).objects.find((x) => x.id === id)!.position;
          const d = spots.map((q) => Math.hypot(q[0] - p[0], q[1] - p[1]));
          return d.indexOf(Math.min(...d));
        }),
      );
    };
    expect(spotOf(getTask('which_block'), 'green_block', ['red_block', 'green_block', 'blue_block']).size).toBe(3);
    expect(spotOf(getTask('which_bowl'), 'blue_bowl', ['yellow_bowl', 'blue_bowl']).size).toBe(2);
  });
});

describe('teach reference programs solve their tasks on every seed', () => {
  if (TASKS.length === 0) it.skip(`no task matches TEACH_TASKS=${process.env.TEACH_TASKS}`, () => {});
  it.each(TASKS.map((t) => [t.id, t] as const))(
    '%s',
    async (_id, task) => {
      const results = await runOnSeeds(task, task.reference);
      expect(results.filter((r) => r.heldAtStart).map((r) => `seed ${r.seed}: success already holds at the start`)).toEqual([]);
      expect(results.filter((r) => !r.ok).map((r) => `seed ${r.seed}: ${r.detail}`)).toEqual([]);
    },
    600_000,
  );
});
