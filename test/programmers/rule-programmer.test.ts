// RuleProgrammer without physics: the drafts it writes (shape, subgoals, expectations,
// placement targets), the errors it reports, and its repair rules on hand-made diagnoses.

import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../monitor/index.ts';
import { PredicateSchema } from '../../sim/index.ts';
import type { Predicate } from '../../sim/index.ts';
import { RuleProgrammer } from '../../policy/programmers/index.ts';
import { readState } from '../../policy/programmers/index.ts';
import type { ProgramDraft, RepairInput } from '../../policy/programmers/index.ts';
import { makeDiagnosis } from '../helpers/diagnosis.ts';
import { sceneContext } from '../helpers/program-context.ts';
import { MIXED, SIZES, obj, zone } from './rule-fixtures.ts';
import type { SceneFacts } from '../../policy/programmers/index.ts';

const programmer = new RuleProgrammer();

/** The subgoal expectations and actions of a program, by running it against recording stubs. */
function record(program: string): { subgoals: { description: string; expect?: Predicate }[]; calls: [string, unknown[]][] } {
  const subgoals: { description: string; expect?: Predicate }[] = [];
  const calls: [string, unknown[]][] = [];
  const objects = MIXED.objects;
  const api: Record<string, (...a: unknown[]) => unknown> = {
    subgoal: (description, opts) =>
      void subgoals.push({ description: description as string, expect: (opts as { expect?: Predicate } | undefined)?.expect }),
    getGripper: () => ({ position: [0, 0, 0.2], yaw: 0, width: 0.05, holding: 'red_block' }),
    getPose: () => ({ position: [0, 0, 0.02], quaternion: [0, 0, 0, 1], yaw: 0 }),
    getObject: (id) => objects.find((o) => o.id === id) ?? { position: [0, 0, 0.02] },
    getBBox: () => ({ min: [0, 0, 0], max: [0, 0, 0.04] }),
    getObjects: () => objects,
    isInside: () => false,
  };
  for (const name of ['pick', 'place', 'push', 'wait', 'rotateTo', 'log', 'openGripper']) api[name] = (...a) => void calls.push([name, a]);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function(...Object.keys(api), program)(...Object.values(api));
  return { subgoals, calls };
}

/** The repair input for a draft (its program and memo) or for a bare program text. */
const repairInput = (from: ProgramDraft | string, diagnosis: Partial<Diagnosis> & { kind: Diagnosis['kind'] }): RepairInput => ({
  attempt: 0,
  program: typeof from === 'string' ? from : from.program,
  memo: typeof from === 'string' ? undefined : from.memo,
  diagnosis: makeDiagnosis(diagnosis),
  diagnosisText: '',
  verdicts: [],
  images: [],
});

describe('generate', () => {
  it('writes one subgoal per step with a valid expectation, and uses no model', async () => {
    const d = await programmer.generate(sceneContext('Put the red block on the blue block.', MIXED));
    expect(programmer.name).toBe('builtin');
    expect(programmer.model).toBe('rules');
    expect(d.error).toBeNull();
    expect(d.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(d.promptTokens).toBe(0);
    expect(d.plan).toEqual(['1. pick up the red block', '2. put the red block on the blue block']);
    const { subgoals, calls } = record(d.program);
    expect(subgoals.map((s) => s.expect)).toEqual([{ grasped: 'red_block' }, { on: ['red_block', 'blue_block'] }]);
    expect(calls).toEqual([
      ['pick', ['red_block']],
      ['place', ['blue_block']],
    ]);
  });

  it.each([
    'Pick up the red block and hold it above the table.',
    'Swap the positions of the red block and the blue block.',
    'Put the green block to the left of the yellow block, next to it.',
    'Build a pyramid: put the red block and the yellow block side by side, then put the blue block on top of both.',
    'Line up the red, green and blue blocks from left to right.',
    'Push the yellow block into the green zone.',
    'Put all the blocks in the tray.',
    'Move the ball to the back left corner.',
    'Stand the pink can upright in the green zone.',
  ])('expectations are well-formed predicates and runs are JavaScript: %s', async (text) => {
    const d = await programmer.generate(sceneContext(text, MIXED));
    expect(d.error).toBeNull();
    const { subgoals } = record(d.program);
    expect(subgoals.length).toBe(d.plan.length);
    for (const s of subgoals) expect(PredicateSchema.safeParse(s.expect).success).toBe(true);
  });

  it('computes placements inside the workspace and clear of other objects', async () => {
    const texts = [
      'Swap the red block and the green block.',
      'Line up the red, green and blue blocks in a row.',
      'Move the ball to the front right corner.',
      'push the red block 40 cm to the left',
    ];
    for (const text of texts) {
      const { calls } = record((await programmer.generate(sceneContext(text, MIXED))).program);
      for (const [name, args] of calls) {
        const target = args[0];
        if (name === 'place' && Array.isArray(target)) {
          expect(Math.abs(target[0] as number)).toBeLessThanOrEqual(0.45);
          expect(Math.abs(target[1] as number)).toBeLessThanOrEqual(0.35);
        }
      }
    }
  });

  it('puts the block left of the other by both half-sizes and a gap, with the fingers turned across the gap', async () => {
    const facts: SceneFacts = {
      objects: [obj('green_block', 'box', 'green', 0.04, [0.2, 0.1]), obj('yellow_block', 'box', 'yellow', 0.045, [0, 0])],
      zones: [],
    };
    const d = await programmer.generate(sceneContext('place the green block left of the yellow one', facts));
    expect(d.program).toContain("place(at('yellow_block', -0.054, 0), { yaw: yawFor(Math.PI / 2) });");
    expect(d.program).toContain("rotateTo(Math.PI / 2);\npick('green_block');");
    expect(d.program).toContain("{ ordered: { ids: ['green_block', 'yellow_block'], axis: 'x' } }");
  });

  it('lines up evenly spaced at one y, in the order given', async () => {
    const { calls } = record(
      (await programmer.generate(sceneContext('line up the blue, red and green blocks from left to right', MIXED))).program,
    );
    const places = calls.filter(([n]) => n === 'place').map(([, a]) => a[0] as [number, number]);
    expect(places).toHaveLength(3);
    expect(places[0]![1]).toBe(places[1]![1]);
    expect(places[1]![1]).toBe(places[2]![1]);
    expect(places[1]![0] - places[0]![0]).toBeCloseTo(places[2]![0] - places[1]![0], 6);
    expect(places[0]![0]).toBeLessThan(places[1]![0]);
  });

  it('parks a swapped block on a spot away from every object and from both start spots', async () => {
    const d = await programmer.generate(sceneContext('swap the red block and the blue block', MIXED));
    const park = record(d.program).calls.find(([n]) => n === 'place')![1][0] as [number, number];
    for (const o of MIXED.objects) {
      const r = o.shape === 'box' || o.shape === 'tray' ? Math.hypot(o.size[0], o.size[1]) / 2 : o.size[0] / 2;
      expect(Math.hypot(o.position[0] - park[0], o.position[1] - park[1]) - r).toBeGreaterThan(0.04);
    }
  });

  it('chooses by size', async () => {
    const d = await programmer.generate(sceneContext('Put the smallest block in the bowl.', SIZES));
    expect(record(d.program).calls.map(([n, a]) => `${n} ${a[0]}`)).toEqual(['pick block_2', 'place blue_bowl']);
  });

  it.each([
    [
      'juggle the red block',
      'could not read "juggle the red block" at \'juggle\': no known verb; try "put X in Y", "pick up X", "stack X on Y", "move X to the top left corner"',
    ],
    [
      'put the purple block in the bowl',
      "no object matches 'the purple block' (objects: red_block, blue_block, green_block, yellow_block, orange_ball, pink_can, white_bowl, gray_tray)",
    ],
  ])('returns a draft with the error for %j', async (text, message) => {
    const d = await programmer.generate(sceneContext(text, MIXED));
    expect(d.program).toBe('');
    expect(d.error).toBe(message);
    expect(d.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
  });

  it('never reads the task: the same instruction and scene give the same program whatever the task id', async () => {
    const a = await programmer.generate(sceneContext('Put the red block on the blue block.', MIXED, 'red_on_blue'));
    const b = await programmer.generate(sceneContext('Put the red block on the blue block.', MIXED, 'something_else'));
    expect(a.program).toBe(b.program);
  });
});

describe('repair', () => {
  const onBlue = sceneContext('Put the red block on the blue block.', MIXED);

  it('corrects a missed place by the measured offset at that step', async () => {
    const d0 = await programmer.generate(onBlue);
    const r = await programmer.repair(
      onBlue,
      repairInput(d0, {
        kind: 'missed-place',
        subgoal: { index: 1, description: 'put the red block on the blue block', line: 8 },
        offset: { object: 'red_block', target: 'blue_block', targetKind: 'object', point: null, dx: 0.012, dy: -0.02, distance: 0.023 },
      }),
    );
    expect(r.error).toBeNull();
    expect(r.program).toContain("place('blue_block', { offset: [-0.012, 0.02] });");
    expect(r.notes?.[0]).toMatch(/step 2 .*landed off by dx 1\.2 cm, dy -2\.0 cm/);
    expect(readState(r.memo)!.repairs).toBe(1);
  });

  it('subtracts the slot it aimed for when the measure is from the container centre', async () => {
    const ctx = sceneContext('Put the red and green blocks in the bowl.', MIXED);
    const d0 = await programmer.generate(ctx);
    const slot = /place\('white_bowl', \{ offset: \[(-?[\d.]+), (-?[\d.]+)\]/.exec(d0.program)!;
    const [sx, sy] = [Number(slot[1]), Number(slot[2])];
    const r = await programmer.repair(
      ctx,
      repairInput(d0, {
        kind: 'missed-place',
        subgoal: { index: 1, description: '', line: null },
        offset: {
          object:
            d0.program.includes("pick('red_block')") && d0.program.indexOf("pick('red_block')") < d0.program.indexOf("pick('green_block')")
              ? 'red_block'
              : 'green_block',
          target: 'white_bowl',
          targetKind: 'object',
          point: null,
          dx: sx + 0.01,
          dy: sy,
          distance: 0.03,
        },
      }),
    );
    // The slot is set down with the fingers along the rim (a yaw follows the offset).
    expect(r.program).toContain(`place('white_bowl', { offset: [${Math.round((sx - 0.01) * 1000) / 1000}, ${sy}]`);
  });

  it('makes a slipping grasp grasp from the side, then lift lower and retry', async () => {
    const d0 = await programmer.generate(onBlue);
    const slip = { kind: 'slipped-grasp' as const, subgoal: { index: 1, description: '', line: null } };
    const r1 = await programmer.repair(onBlue, repairInput(d0, slip));
    expect(r1.program).toContain("pick('red_block', { approach: 'side' });");
    const r2 = await programmer.repair(onBlue, repairInput(r1, slip));
    expect(r2.program).toContain("pick('red_block', { approach: 'side', liftHeight: 0.06 });");
    expect(r2.program).toContain("if (e.name !== 'GraspError') throw e;");
  });

  it('turns to the other grasp heading when nothing was grasped', async () => {
    const d0 = await programmer.generate(onBlue);
    const r = await programmer.repair(
      onBlue,
      repairInput(d0, { kind: 'nothing-grasped', subgoal: { index: 0, description: '', line: null } }),
    );
    expect(r.program).toMatch(/rotateTo\(Math\.PI \/ 2\);\ntry \{\n {2}pick\('red_block'\);/);
  });

  it('sets an upright object down lower when it toppled', async () => {
    const ctx = sceneContext('Stand the pink can upright in the green zone.', MIXED);
    const d0 = await programmer.generate(ctx);
    const r = await programmer.repair(
      ctx,
      repairInput(d0, {
        kind: 'knocked-over',
        subgoal: { index: 1, description: '', line: null },
        failures: [{ kind: 'toppled', objects: ['pink_can'], explanation: '' }],
      }),
    );
    expect(r.program).toMatch(/place\(\[[^\]]+\], \{ releaseHeight: 0\.002 \}\);\nwait\(0\.3\);/);
  });

  it('reads an ambiguous phrase by the stated rule, and switches only when a grasp closed on another object', async () => {
    const ctx = sceneContext('put the block in the bowl', MIXED);
    const d0 = await programmer.generate(ctx);
    expect(d0.program).toContain("pick('yellow_block')");
    const warning = '"the block" fits yellow_block, green_block, blue_block, red_block: chose yellow_block, nearest the gripper';
    expect(d0.program).toContain(`// note: ${warning}`);
    expect(d0.notes).toContain(warning);
    // Every checkpoint passed and only the task check failed: not evidence of another reading.
    const taskOnly = await programmer.repair(
      ctx,
      repairInput(d0, {
        kind: 'unknown',
        failures: [{ kind: 'expectation-unmet', objects: ['blue_block'], explanation: '' }],
        facts: { ...makeDiagnosis({ kind: 'unknown' }).facts, allCheckpointsPassed: true },
      }),
    );
    expect(taskOnly.program).toBe(d0.program);
    expect(taskOnly.error).toMatch(/^no repair rule for unknown/);
    // Another object moved while the block was picked: a grasp problem, not a reading.
    const knocked = await programmer.repair(
      ctx,
      repairInput(d0, { kind: 'wrong-object-moved', subgoal: { index: 0, description: '', line: null } }),
    );
    expect(knocked.program).toMatch(/pick\('yellow_block'/);
    expect(knocked.program).not.toMatch(/pick\('(green|blue|red)_block'/);
    // The fingers closed on another object than the step named: measured, so the next reading.
    const grasped = await programmer.repair(
      ctx,
      repairInput(d0, {
        kind: 'nothing-grasped',
        subgoal: { index: 0, description: '', line: null },
        error: { kind: 'GraspError', message: 'grasped green_block instead', line: null, cause: 'wrong-object', source: null },
      }),
    );
    expect(grasped.program).toContain("pick('green_block')");
    expect(grasped.notes?.[0]).toMatch(/'the block' read as green_block instead of yellow_block/);
  });

  it('clamps a target that was out of reach', async () => {
    const facts: SceneFacts = { objects: [obj('red_block', 'box', 'red', 0.04)], zones: [zone('far', 'blue', [0.41, 0.3], [0.5, 0.4])] };
    const ctx = sceneContext('put the red block in the blue zone', facts);
    const d0 = await programmer.generate(ctx);
    const r = await programmer.repair(ctx, repairInput(d0, { kind: 'reach', subgoal: { index: 1, description: '', line: null } }));
    expect(r.program).toContain('place(clampXY([');
  });

  it('returns the same program with an error when no rule applies', async () => {
    const d0 = await programmer.generate(onBlue);
    for (const kind of ['syntax', 'program-error'] as const) {
      const r = await programmer.repair(onBlue, repairInput(d0, { kind, subgoal: { index: 1, description: '', line: null } }));
      expect(r.program).toBe(d0.program);
      expect(r.error).toBe(`no repair rule for ${kind}`);
    }
    const r = await programmer.repair(onBlue, repairInput('pick("x");', { kind: 'missed-place' }));
    expect(r.error).toMatch(/not written by the rule programmer/);
  });

  it('escalates and then says when it has nothing left to try', async () => {
    let draft = await programmer.generate(onBlue);
    const slip = { kind: 'slipped-grasp' as const, subgoal: { index: 0, description: '', line: null } };
    for (let k = 0; k < 2; k++) draft = await programmer.repair(onBlue, repairInput(draft, slip));
    const last = await programmer.repair(onBlue, repairInput(draft, slip));
    expect(last.program).toBe(draft.program);
    expect(last.error).toBe(
      'no repair left to try for slipped-grasp at step 1 (pick up the red block): every remedy was tried before or would write a program already run',
    );
  });
});
