// The `transfer` suite: the task sequence of `policyloop teach` (issue 13, DROC's protocol).
// Families of tasks share one hidden property or rule (tag `family:<name>`) on different
// objects, and contrast tasks (tag `contrast:<family>`) are where a family's lesson must
// not be applied. This checks the sequence's shape (families spread through it, later
// members on other objects, colours and sizes), that every reference solves its task,
// and that each lesson really matters in simulation: the reference without it (a side
// grasp made a top grasp, a slow short push made an ordinary one, the step that empties or
// clears the object dropped, a push made a carry) fails — and in a contrast task the
// earlier lesson applied (a side grasp, a push) fails too. And that program succeeds once
// the one difficulty is taken away (the hidden truth dropped, the thing on or in the object
// started on the table, the target made wide, the tin stood on the table), so it fails for
// that difficulty and not because it is broken.
//
// TRANSFER_SEEDS=n changes the seeds run (default 10: seeds 0..9); TRANSFER_TASKS=id1,id2
// narrows the runs.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getSuite, parseTask } from '../../tasks/index.ts';
import type { TaskDef } from '../../tasks/index.ts';
import type { ObjectTemplate } from '../../tasks/index.ts';
import { runOnSeeds } from './transfer/harness.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const SEEDS = Number(process.env.TRANSFER_SEEDS ?? 10);
const only = process.env.TRANSFER_TASKS?.split(',').filter(Boolean);
const SUITE = getSuite('transfer');
const TASKS: TaskDef[] = SUITE.filter((t) => !only || only.includes(t.id));

const familyOf = (t: TaskDef): string | null => t.tags.find((g) => g.startsWith('family:'))?.slice('family:'.length) ?? null;
const contrastOf = (t: TaskDef): string | null => t.tags.find((g) => g.startsWith('contrast:'))?.slice('contrast:'.length) ?? null;

/** The object the task is about: the scene object named earliest in the instruction ("the green thermos" → green_thermos). */
function subject(t: TaskDef): ObjectTemplate {
  const text = t.instruction.toLowerCase();
  let best: { o: ObjectTemplate; at: number } | null = null;
  for (const o of t.sceneTemplate.objects) {
    const at = text.indexOf(o.id.replace(/_/g, ' '));
    if (at >= 0 && (!best || at < best.at)) best = { o, at };
  }
  if (!best) throw new Error(`${t.id}: the instruction "${t.instruction}" names no scene object by its id`);
  return best.o;
}

/** Every named object and zone id of a task. */
const placeIds = (t: TaskDef): string[] => [...t.sceneTemplate.objects.map((o) => o.id), ...(t.sceneTemplate.zones ?? []).map((z) => z.id)];

function swap(program: string, from: string, to: string): string {
  if (!program.includes(from)) throw new Error(`the reference has no "${from}" to change`);
  return program.split(from).join(to);
}
/** The task file's JSON, as far as the edits below touch it. */
interface TaskJson {
  scene: { objects: { id: string; hidden?: unknown; on?: string; position?: number[] }[]; zones?: { min: number[]; max: number[] }[] };
  [key: string]: unknown;
}
/** The task with its JSON changed by `edit` (the reference path still resolves). */
function editedTask(task: TaskDef, edit: (json: TaskJson) => void): TaskDef {
  const json = JSON.parse(readFileSync(task.file, 'utf8')) as TaskJson;
  edit(json);
  return parseTask(json, task.file);
}
/** No hidden truth: every object is as stated. */
const asStated = (json: TaskJson): void => {
  for (const o of json.scene.objects) delete o.hidden;
};
/** `id` starts on the table at a random spot instead of on or in another object. */
const onTheTable = (id: string) => (json: TaskJson) => {
  const o = json.scene.objects.find((x) => x.id === id);
  if (!o?.on) throw new Error(`no object "${id}" standing on another`);
  delete o.on;
};
/** Every zone 10 cm wider on each side. */
const wideZones = (json: TaskJson): void => {
  for (const z of json.scene.zones ?? []) {
    z.min = z.min.map((v) => v - 0.1);
    z.max = z.max.map((v) => v + 0.1);
  }
};

const written = (id: string) => () => readFileSync(join(HERE, 'transfer', 'without-lesson', `${id}.js`), 'utf8');

/**
 * Per task: the program that lacks the family's lesson (or, in a contrast task, applies the
 * earlier lesson where it does not belong), and what that is. Skill lessons are the
 * reference with the parameter changed; plan lessons are written out (the steps dropped).
 */
const WITHOUT_LESSON: Record<
  string,
  { what: string; program: (reference: string) => string; easy: { without: string; edit: (json: TaskJson) => void } | null }
> = {
  green_thermos_to_mat: {
    what: 'a top grasp',
    program: (r) => swap(r, "approach: 'side'", "approach: 'top'"),
    easy: { without: 'the hidden friction', edit: asStated },
  },
  slippery_can_in_bowl: {
    what: 'a top grasp',
    program: (r) => swap(r, "approach: 'side'", "approach: 'top'"),
    easy: { without: 'the hidden friction', edit: asStated },
  },
  slippery_vase_on_board: {
    what: 'a top grasp',
    program: (r) => swap(r, "approach: 'side'", "approach: 'top'"),
    easy: { without: 'the hidden friction', edit: asStated },
  },
  squat_tin_out_of_tray: {
    what: 'the side grasp of the tall cylinders',
    program: (r) => swap(r, "approach: 'top'", "approach: 'side'"),
    easy: { without: 'the tray around it', edit: onTheTable('orange_tin') },
  },
  box_with_can_to_tray: {
    what: 'moving the box with the can still on it',
    program: written('box_with_can_to_tray'),
    easy: { without: 'the can on the box', edit: onTheTable('orange_can') },
  },
  bowl_with_bottle_to_square: {
    what: 'moving the bowl with the bottle still in it',
    program: written('bowl_with_bottle_to_square'),
    easy: { without: 'the bottle in the bowl', edit: onTheTable('red_bottle') },
  },
  tray_with_candle_to_zone: {
    what: 'moving the tray with the candle still in it',
    program: written('tray_with_candle_to_zone'),
    easy: { without: 'the candle in the tray', edit: onTheTable('pink_candle') },
  },
  heavy_chest_to_zone: {
    what: 'carrying it',
    program: written('heavy_chest_to_zone'),
    easy: { without: 'the hidden weight', edit: asStated },
  },
  heavy_drum_to_square: {
    what: 'carrying it',
    program: written('heavy_drum_to_square'),
    easy: { without: 'the hidden weight', edit: asStated },
  },
  // A push can never put a box on a block: there is no easier twin that keeps the task.
  light_box_onto_block: { what: 'pushing it as the heavy ones were pushed', program: written('light_box_onto_block'), easy: null },
  ball_push_onto_spot: {
    what: 'an ordinary push aimed at the centre',
    program: (r) => swap(swap(r, 'const ROLL = 0.04;', 'const ROLL = 0;'), ', { speed: 0.05 }', ''),
    easy: { without: 'the small spot', edit: wideZones },
  },
  ball_push_to_square: {
    what: 'an ordinary push aimed at the centre',
    program: (r) => swap(swap(r, 'const ROLL = 0.04;', 'const ROLL = 0;'), ', { speed: 0.05 }', ''),
    easy: { without: 'the small square', edit: wideZones },
  },
};

describe('the transfer suite', () => {
  it('has at least 10 tasks, each with a description, 2 to 4 hints (some for a failure kind), one family or contrast tag and a class', () => {
    expect(SUITE.length).toBeGreaterThanOrEqual(10);
    for (const t of SUITE) {
      expect((t.description ?? '').length, t.id).toBeGreaterThan(80);
      expect(t.tags, t.id).toContain('transfer');
      expect(t.corrections.length, `${t.id} corrections`).toBeGreaterThanOrEqual(2);
      expect(t.corrections.length, `${t.id} corrections`).toBeLessThanOrEqual(4);
      expect(
        t.tags.filter((g) => g.startsWith('family:') || g.startsWith('contrast:')),
        t.id,
      ).toHaveLength(1);
      expect(
        t.tags.filter((g) => g === 'plan' || g === 'skill'),
        t.id,
      ).toHaveLength(1);
      expect(t.file, t.id).toMatch(/[/\\]tasks[/\\]transfer[/\\]/);
    }
    expect(SUITE.filter((t) => t.corrections.some((h) => h.when !== 'any')).length).toBeGreaterThanOrEqual(SUITE.length - 2);
  });

  it('says nothing in its instructions of the hidden property or the lesson', () => {
    const hint = /\b(slipp|heavy|weigh|friction|side|gentl|slow|careful|first|empty|roll(s|ing)? on|push it|can't|cannot)/i;
    for (const t of SUITE) expect(t.instruction, t.id).not.toMatch(hint);
  });

  it('has families of 2 or more, plan-level and skill-level, whose members are spread through the sequence', () => {
    const families = new Map<string, number[]>();
    SUITE.forEach((t, i) => {
      const f = familyOf(t);
      if (f) families.set(f, [...(families.get(f) ?? []), i]);
    });
    expect(families.size).toBeGreaterThanOrEqual(3);
    for (const [f, at] of families) {
      expect(at.length, f).toBeGreaterThanOrEqual(2);
      // Never two members in a row: something else comes between, so a lesson must last.
      for (let k = 1; k < at.length; k++) expect(at[k]! - at[k - 1]!, `${f}: members at ${at.join(', ')}`).toBeGreaterThan(1);
      // One class per family.
      expect(new Set(at.map((i) => (SUITE[i]!.tags.includes('plan') ? 'plan' : 'skill'))).size, f).toBe(1);
    }
    const classes = [...families.values()].map((at) => (SUITE[at[0]!]!.tags.includes('plan') ? 'plan' : 'skill'));
    expect(classes).toContain('plan');
    expect(classes).toContain('skill');
  });

  it('gives a later family member other objects, colours, sizes and words than the first', () => {
    const firsts = new Map<string, TaskDef>();
    for (const t of SUITE) {
      const f = familyOf(t);
      if (!f) continue;
      const first = firsts.get(f);
      if (!first) {
        firsts.set(f, t);
        continue;
      }
      const a = subject(first);
      const b = subject(t);
      expect(b.color, `${t.id} vs ${first.id}: colour of ${b.id} and ${a.id}`).not.toBe(a.color);
      const sizeDiffers = b.size.some((v, k) => Math.abs(v - a.size[k]!) > 0.002);
      expect(b.shape !== a.shape || sizeDiffers, `${t.id} vs ${first.id}: ${b.id} and ${a.id} have the same shape and size`).toBe(true);
      expect(t.instruction, t.id).not.toBe(first.instruction);
      // No object or zone of the first member comes back.
      expect(
        placeIds(t).filter((id) => placeIds(first).includes(id)),
        `${t.id} reuses ids of ${first.id}`,
      ).toEqual([]);
    }
  });

  it('puts each contrast task after members of its family, on something that looks alike', () => {
    const contrasts = SUITE.filter((t) => contrastOf(t));
    expect(contrasts.length).toBeGreaterThanOrEqual(1);
    expect(contrasts.length).toBeLessThanOrEqual(2);
    for (const c of contrasts) {
      const at = SUITE.indexOf(c);
      const members = SUITE.filter((t) => familyOf(t) === contrastOf(c));
      expect(members.length, `${c.id}: family ${contrastOf(c)}`).toBeGreaterThanOrEqual(2);
      expect(members.filter((m) => SUITE.indexOf(m) < at).length, `${c.id}: members of ${contrastOf(c)} before it`).toBeGreaterThanOrEqual(
        2,
      );
      // The same shape as a member's subject: a lookalike, so over-applied knowledge shows.
      expect(
        members.map((m) => subject(m).shape),
        c.id,
      ).toContain(subject(c).shape);
    }
  });

  it('has a program without the lesson for every task', () => {
    expect(Object.keys(WITHOUT_LESSON).sort()).toEqual(SUITE.map((t) => t.id).sort());
    for (const t of SUITE) expect(() => WITHOUT_LESSON[t.id]!.program(t.reference), t.id).not.toThrow();
  });
});

describe(`transfer reference programs solve their tasks on seeds 0..${SEEDS - 1}`, () => {
  if (TASKS.length === 0) it.skip(`no task matches TRANSFER_TASKS=${process.env.TRANSFER_TASKS}`, () => {});
  it.each(TASKS.map((t) => [t.id, t] as const))(
    '%s',
    async (_id, task) => {
      const results = await runOnSeeds(task, task.reference, SEEDS);
      expect(results.filter((r) => r.heldAtStart).map((r) => `seed ${r.seed}: success already holds at the start`)).toEqual([]);
      expect(results.filter((r) => !r.ok).map((r) => `seed ${r.seed}: ${r.detail}`)).toEqual([]);
    },
    300_000,
  );
});

describe('the lesson matters: without it (or, in a contrast task, with the earlier one) the task fails on most seeds', () => {
  if (TASKS.length === 0) it.skip(`no task matches TRANSFER_TASKS=${process.env.TRANSFER_TASKS}`, () => {});
  const mustFail = Math.ceil(0.8 * SEEDS);
  const mustPass = Math.ceil(0.9 * SEEDS);
  it.each(TASKS.map((t) => [t.id, t] as const))(
    '%s',
    async (id, task) => {
      const { what, program, easy } = WITHOUT_LESSON[id]!;
      const results = await runOnSeeds(task, program(task.reference), SEEDS);
      const passed = results.filter((r) => r.ok).map((r) => `seed ${r.seed}`);
      expect(
        SEEDS - passed.length,
        `${id} with ${what} should fail on ≥ ${mustFail} of ${SEEDS} seeds; it passed on ${passed.join(', ')}`,
      ).toBeGreaterThanOrEqual(mustFail);
      if (!easy) return;
      const twin = editedTask(task, easy.edit);
      expect(twin.instruction).toBe(task.instruction);
      const failed = (await runOnSeeds(twin, program(task.reference), SEEDS)).filter((r) => !r.ok);
      expect(
        failed.length,
        `${id} without ${easy.without}: ${what} should succeed on ≥ ${mustPass} of ${SEEDS} seeds; failures:\n${failed.map((r) => `seed ${r.seed}: ${r.detail}`).join('\n')}`,
      ).toBeLessThanOrEqual(SEEDS - mustPass);
    },
    300_000,
  );
});
