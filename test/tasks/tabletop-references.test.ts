// The `tabletop` suite (Code as Policies' tabletop instructions): every reference program
// solves its task on seeds 0..9, run as an episode runs it (exact perception), and the
// success predicate does not hold at the start. Its referents ("the block left of the blue
// bowl", "the second block from the left") pick exactly one object, and the task is not
// already done, on many more seeds' layouts; and the suite covers every instruction family
// of issue 11. The references leave every bowl where it stood.
//
// TABLETOP_TASKS=id1,id2 and TABLETOP_SEEDS=n narrow a run.

import { describe, expect, it } from 'vitest';
import { perceive } from '../../policy/loop/episode.ts';
import { runAttempt } from '../../policy/program/index.ts';
import { CONTAINER_SHAPES, PredicateSchema, createWorld, evaluatePredicate, resolveRef } from '../../sim/index.ts';
import type { ObjRef, Snapshot, WorldView } from '../../sim/index.ts';
import { getSuite, instantiateScene } from '../../tasks/index.ts';
import type { TaskDef } from '../../tasks/index.ts';

const SEEDS = Array.from({ length: Number(process.env.TABLETOP_SEEDS ?? 10) }, (_, i) => i);
/** Seeds whose laid-out scenes must give every referent exactly one object and not be solved. */
const LAYOUT_SEEDS = Array.from({ length: 60 }, (_, i) => i);
const only = process.env.TABLETOP_TASKS?.split(',').filter(Boolean);
const SUITE = getSuite('tabletop');
const TASKS: TaskDef[] = SUITE.filter((t) => !only || only.includes(t.id));

/** The instruction families of issue 11, as task tags. */
const FAMILIES = ['relation', 'location', 'set', 'arrangement', 'quantity', 'attribute'] as const;

/** Every `{ the: … }` in a predicate that names no variable: it resolves without bindings. */
function closedReferents(p: unknown, out: ObjRef[] = []): ObjRef[] {
  if (Array.isArray(p)) {
    for (const x of p) closedReferents(x, out);
  } else if (p && typeof p === 'object') {
    if ('the' in p && !JSON.stringify(p).includes('"$')) out.push(p as ObjRef);
    else for (const v of Object.values(p)) closedReferents(v, out);
  }
  return out;
}

/** The scene as laid out (before the world settles it), as a WorldView at the start. */
function layoutView(task: TaskDef, seed: number): WorldView {
  const scene = instantiateScene(task, seed);
  const objects = Object.fromEntries(
    scene.objects.map((o) => [o.id, { position: o.position, quaternion: [0, 0, 0, 1], linvel: [0, 0, 0], angvel: [0, 0, 0] }]),
  );
  const state = { t: 0, step: 0, objects, gripper: { position: [0, 0, 0.3], yaw: 0, approach: 'top', width: 0.08, holding: null } };
  return { scene, state: state as unknown as Snapshot, initial: state as unknown as Snapshot };
}

interface SeedResult {
  seed: number;
  ok: boolean;
  heldAtStart: boolean;
  detail: string;
  /** Containers the program moved more than 1 cm (it should only put things in them). */
  movedContainers: string[];
}

/** Runs the task's `reference` (or whatever program it carries) through exact perception. */
async function runReference(task: TaskDef, seed: number): Promise<SeedResult> {
  const world = await createWorld(instantiateScene(task, seed), { timeLimit: task.timeLimit });
  try {
    const before = world.evaluate(task.success);
    const programWorld = perceive(world, task, seed, 0, { settings: { mode: 'exact' }, bridge: null });
    const outcome = await runAttempt({ world, programWorld, program: task.reference, timeLimitSec: task.timeLimit });
    if (outcome.internalError) throw outcome.internalError;
    const after = world.evaluate(task.success);
    const error = outcome.error ? ` [stopped: ${outcome.error.kind} at line ${outcome.error.line}: ${outcome.error.message}]` : '';
    const movedContainers = world.scene.objects
      .filter((o) => CONTAINER_SHAPES.includes(o.shape) && !world.evaluate({ unmoved: [o.id, 0.01] }).ok)
      .map((o) => o.id);
    return { seed, ok: after.ok, heldAtStart: before.ok, detail: `${after.detail}${error}`, movedContainers };
  } finally {
    world.free();
  }
}

describe('the tabletop suite', () => {
  it('has 20 to 26 tasks, each described and tagged with its family', () => {
    expect(SUITE.length).toBeGreaterThanOrEqual(20);
    expect(SUITE.length).toBeLessThanOrEqual(26);
    for (const t of SUITE) {
      expect((t.description ?? '').length, t.id).toBeGreaterThan(40);
      expect(t.tags, t.id).toContain('tabletop');
      expect(
        FAMILIES.some((f) => t.tags.includes(f)),
        `${t.id} has no family tag`,
      ).toBe(true);
    }
    for (const f of FAMILIES) expect(SUITE.filter((t) => t.tags.includes(f)).length, f).toBeGreaterThanOrEqual(2);
  });

  it('says nothing of tolerances or numbers in its instructions', () => {
    for (const t of SUITE) expect(t.instruction, t.id).not.toMatch(/\d|\b(cm|mm|metres?|meters?|within|tolerance|exactly|degrees?)\b/i);
  });

  it('writes success with referents and quantifiers, not ids the seed decides', () => {
    const forms = /"(the|every|some|distinct|line|inRegion|offset|circle|ordered)"/;
    for (const t of SUITE) expect(JSON.stringify(t.success), t.id).toMatch(forms);
  });

  it(`has referents that pick exactly one object on seeds 0..${LAYOUT_SEEDS.length - 1}`, () => {
    const problems: string[] = [];
    for (const t of SUITE) {
      const refs = closedReferents(t.success);
      for (const seed of LAYOUT_SEEDS) {
        const view = layoutView(t, seed);
        for (const ref of refs) {
          try {
            resolveRef(ref, view);
          } catch (e) {
            problems.push(`${t.id} seed ${seed}: ${(e as Error).message}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it(`is not already done in the layouts of seeds 0..${LAYOUT_SEEDS.length - 1}`, () => {
    const solved: string[] = [];
    for (const t of SUITE) {
      const success = PredicateSchema.parse(t.success);
      for (const seed of LAYOUT_SEEDS) {
        const result = evaluatePredicate(success, layoutView(t, seed));
        if (result.ok) solved.push(`${t.id} seed ${seed}: ${result.detail}`);
      }
    }
    expect(solved).toEqual([]);
  });
});

/**
 * Programs that do what a careless reader of the instruction would: the wrong referent, the
 * wrong corner, the wrong set. Each must fail, so the success predicates say what the
 * instruction says and not merely "something moved".
 */
const NEAR_MISSES: Record<string, string> = {
  block_left_of_bowl: `pick('yellow_block'); place('green_block');`,
  closest_to_bowl: `
    const bowl = getObject('yellow_bowl');
    const d = (o) => Math.hypot(o.position[0] - bowl.position[0], o.position[1] - bowl.position[1]);
    const far = getObjects().filter((o) => o.shape === 'box').sort((a, b) => d(b) - d(a))[0];
    pick(far.id); place('green_bowl');`,
  second_from_left: `
    const bs = getObjects().filter((o) => o.shape === 'box').sort((a, b) => a.position[0] - b.position[0]);
    pick(bs[2].id); place(bs[3].id);`,
  third_from_bottom: `
    const bs = getObjects().filter((o) => o.shape === 'box').sort((a, b) => b.position[1] - a.position[1]);
    pick(bs[2].id); place('orange_bowl');`,
  corners_by_bowl: `pick('orange_block'); place([-0.33, 0.24]); pick('pink_block'); place([0.33, -0.24]);`,
  little_right_of_bowl: `
    const bowl = getObject('yellow_bowl');
    pick('cyan_block'); place([bowl.position[0] + bowl.size[0] / 2 + 0.2, bowl.position[1]], { yaw: 0 });`,
  matching_bowls: `
    for (const [b, bowl] of [['red_block', 'green_bowl'], ['green_block', 'blue_bowl'], ['blue_block', 'red_bowl']]) { pick(b); place(bowl); }`,
  different_corners: `
    const bs = getObjects().filter((o) => o.shape === 'box');
    const spots = [[-0.33, 0.24], [0.33, 0.24], [-0.33, -0.24], [-0.36, -0.2]];
    bs.forEach((b, i) => { pick(b.id); place(spots[i]); });`,
  horizontal_line: `
    const bs = getObjects().filter((o) => o.shape === 'box');
    const spots = [[-0.2, 0.22], [-0.14, 0.22], [-0.08, 0.22], [0.2, 0.22]];
    bs.forEach((b, i) => { pick(b.id); place(spots[i], { yaw: 0 }); });`,
  sorted_by_size: `
    const v = (o) => o.size[0] * o.size[1] * o.size[2];
    const bs = getObjects().filter((o) => o.shape === 'box').sort((a, b) => v(b) - v(a));
    bs.forEach((b, i) => { pick(b.id); place([-0.18 + i * 0.12, 0.15], { yaw: 0 }); });`,
  two_biggest_blocks: `
    const v = (o) => o.size[0] * o.size[1] * o.size[2];
    const bs = getObjects().filter((o) => o.shape === 'box').sort((a, b) => v(b) - v(a));
    pick(bs[0].id); place('brown_bowl', { offset: [0, 0.027], yaw: 0 });
    pick(bs[2].id); place('brown_bowl', { offset: [0, -0.027], yaw: 0 });`,
  every_red_object: `pick('red_block'); place('blue_bowl');`,
  cylinder_not_green: `pick('green_cylinder'); place('yellow_block');`,
  small_red_on_big_blue: `pick('red_block_1'); place('blue_block_2');`,
};

describe('tabletop near-miss programs fail', () => {
  const cases = Object.entries(NEAR_MISSES).filter(([id]) => !only || only.includes(id));
  if (cases.length === 0) it.skip(`no task matches TABLETOP_TASKS=${process.env.TABLETOP_TASKS}`, () => {});
  it.each(cases)(
    '%s',
    async (id, program) => {
      const task = SUITE.find((t) => t.id === id)!;
      for (const seed of [0, 1, 2]) {
        const r = await runReference({ ...task, reference: program }, seed);
        expect(r.ok, `seed ${seed}: ${r.detail}`).toBe(false);
      }
    },
    120_000,
  );
});

describe('tabletop reference programs solve their tasks on every seed', () => {
  if (TASKS.length === 0) it.skip(`no task matches TABLETOP_TASKS=${process.env.TABLETOP_TASKS}`, () => {});
  it.each(TASKS.map((t) => [t.id, t] as const))(
    '%s',
    async (_id, task) => {
      const results: SeedResult[] = [];
      for (const seed of SEEDS) results.push(await runReference(task, seed));
      expect(results.filter((r) => r.heldAtStart).map((r) => `seed ${r.seed}: success already holds at the start`)).toEqual([]);
      expect(results.filter((r) => !r.ok).map((r) => `seed ${r.seed}: ${r.detail}`)).toEqual([]);
      expect(results.filter((r) => r.movedContainers.length).map((r) => `seed ${r.seed}: moved ${r.movedContainers.join(', ')}`)).toEqual(
        [],
      );
    },
    600_000,
  );
});
