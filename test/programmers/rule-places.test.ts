// Places named by relation (issue 11): corners, sides and the middle of the table, resolved
// to the shared table regions (sim/table-regions.ts) when the scene has no zone of that
// name; "the corner closest to / farthest from X"; "a little / a lot to the right of X"
// (PHRASE_DISTANCES, edge to edge) and "5 cm to the left of X". Plans against hand-made
// scenes, then the first program in simulation, judged by success predicates written here.

import { describe, expect, it } from 'vitest';
import { PHRASE_DISTANCES, TABLE_REGIONS, inTableRegion } from '../../sim/index.ts';
import { describeIntent, planFor, readInstruction } from '../../policy/programmers/index.ts';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { sceneContext } from '../helpers/program-context.ts';
import { obj, zone } from './rule-fixtures.ts';
import { SEEDS, bowl, box, cylinder, firstAttempt, task } from './rule-sim-fixtures.ts';

const read = (text: string, facts: SceneFacts): string => readInstruction(text, facts).intents.map(describeIntent).join(' | ');

const TABLE: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [0, 0]),
    obj('green_block', 'box', 'green', 0.04, [0.1, -0.1]),
    obj('green_bowl', 'bowl', 'green', 0.13, [0.27, 0.18]),
    obj('cyan_bowl', 'bowl', 'cyan', 0.13, [-0.05, 0.12]),
  ],
  zones: [],
};

/** Where the plan's place step for `id` aims, from its description ("… [x, y]"). */
function target(text: string, facts: SceneFacts, id = 'red_block'): [number, number] {
  const { plan } = planFor(sceneContext(text, facts));
  const step = plan.steps.find((s) => s.op === 'place' && s.id === id)!;
  const m = /\[(-?[\d.]+), (-?[\d.]+)\]$/.exec(step.description);
  if (m) return [Number(m[1]), Number(m[2])];
  if (step.op === 'place' && step.target.kind === 'relative') {
    const ref = facts.objects.find((o) => o.id === (step.target as { id: string }).id)!;
    return [ref.position[0] + step.target.delta[0], ref.position[1] + step.target.delta[1]];
  }
  throw new Error(`no target in '${step.description}'`);
}

describe('corners, sides and the middle', () => {
  it.each([
    ['move the red block to the top left corner', 'top_left_corner'],
    ['Put the red block in the bottom-right corner of the table.', 'bottom_right_corner'],
    ['place the red block at the far right corner', 'top_right_corner'],
    ['put the red block in the lower left corner', 'bottom_left_corner'],
    ['put the red block on the left side', 'left_side'],
    ['move the red block to the bottom side of the table', 'bottom_side'],
    ['Put the red block on the right-hand side.', 'right_side'],
    ['put the red block at the top edge of the table', 'top_side'],
    ['put the red block in the middle of the table', 'center'],
    ['move the red block to the centre', 'center'],
  ] as const)('%s → %s', (text, region) => {
    const xy = target(text, TABLE);
    expect(inTableRegion(region, xy), `${xy} in ${region}`).toBe(true);
    const { plan } = planFor(sceneContext(text, TABLE));
    expect(JSON.stringify(plan.steps[1]!.expect)).toContain(`{"inRegion":["red_block","${region}"]}`);
  });

  it('aims at the region anchor when it is free, and around what stands there when not', () => {
    const free = target('move the red block to the top left corner', TABLE);
    expect(free).toEqual(TABLE_REGIONS.top_left_corner.anchor);
    const taken: SceneFacts = {
      ...TABLE,
      objects: [...TABLE.objects, obj('gray_block', 'box', 'gray', 0.05, TABLE_REGIONS.top_left_corner.anchor)],
    };
    const moved = target('move the red block to the top left corner', taken);
    expect(inTableRegion('top_left_corner', moved)).toBe(true);
    expect(
      Math.hypot(moved[0] - TABLE_REGIONS.top_left_corner.anchor[0], moved[1] - TABLE_REGIONS.top_left_corner.anchor[1]),
    ).toBeGreaterThan(0.05);
  });

  it('uses a zone named like the corner when the scene has one', () => {
    const withZone: SceneFacts = { ...TABLE, zones: [zone('back_left_corner', 'gray', [-0.4, 0.16], [-0.27, 0.29])] };
    expect(read('move the red block to the top left corner', withZone)).toBe('place red_block in zone back_left_corner');
  });

  it('finds the corner closest to / farthest from an object', () => {
    expect(read('put the red block in the corner closest to the green bowl', TABLE)).toBe(
      'place red_block to the corner closest to green_bowl (top right corner)',
    );
    expect(read('move the red block to the nearest corner to the cyan bowl', TABLE)).toBe(
      'place red_block to the corner closest to cyan_bowl (top left corner)',
    );
    expect(read('put the red block in the corner that is farthest from the green bowl', TABLE)).toBe(
      'place red_block to the corner farthest from green_bowl (bottom left corner)',
    );
  });
});

describe('more ways to name a place', () => {
  it.each([
    ['put the red block on the left', 'place red_block to the left (left_side)'],
    ['move the red block to the top of the table', 'place red_block to the top of the table (top_side)'],
    ['put the red block to the top of the cyan bowl', 'place red_block behind cyan_bowl'],
    ['put the red block on the top of the green block', 'place red_block on green_block'],
    ['place the red block between the two bowls', 'place red_block at between green_bowl and cyan_bowl'],
    ['move the red block a little to the left', 'place red_block at 5 cm a little to the left'],
    ['slide the red block a lot to the right', 'push red_block 28 cm toward [1, 0]'],
    // An edge is a side; "along" / "against" it, "over to" it.
    ['put the red block along the bottom edge of the table', 'place red_block to the bottom edge of the table (bottom_side)'],
    ['push the red block up against the left edge', 'push red_block to the left edge (left_side)'],
    ['move the red block against the back edge', 'place red_block to the back edge (top_side)'],
    ['shift the red block over to the right-hand side of the table', 'place red_block to the right-hand side of the table (right_side)'],
    ['move the red block across to the cyan bowl', 'place red_block in cyan_bowl'],
    // "whichever / whatever corner is …".
    [
      'put the red block in whichever corner is farthest from the green bowl',
      'place red_block to the corner farthest from green_bowl (bottom left corner)',
    ],
    [
      'move the red block to whatever corner is nearest the cyan bowl',
      'place red_block to the corner closest to cyan_bowl (top left corner)',
    ],
    // Beside something, on the table; "right next to", "just / directly beside".
    ['put the red block on the table beside the cyan bowl', 'place red_block next to cyan_bowl'],
    ['move the red block so it is right next to the green bowl', 'place red_block next to green_bowl'],
    ['put the red block just to the left of the green bowl', 'place red_block just left of green_bowl'],
    ['put the red block in the middle, between the green block and the cyan bowl', 'place red_block at between green_block and cyan_bowl'],
  ])('%s', (text, expected) => {
    expect(read(text, TABLE)).toBe(expected);
  });
});

describe('a little, a lot, and distances beside something', () => {
  /** The edge-to-edge gap the plan leaves between the red block and the cyan bowl along x (negative: left of it). */
  const gapX = (text: string): number => {
    const xy = target(text, TABLE);
    const bowlX = -0.05;
    return xy[0] > bowlX ? xy[0] - 0.02 - (bowlX + 0.065) : bowlX - 0.065 - (xy[0] + 0.02);
  };

  it('aims at the middle of the documented range, edge to edge', () => {
    const little = gapX('put the red block a little to the right of the cyan bowl');
    expect(little).toBeGreaterThan(PHRASE_DISTANCES.little.min);
    expect(little).toBeLessThan(PHRASE_DISTANCES.little.max);
    expect(little).toBeCloseTo((PHRASE_DISTANCES.little.min + PHRASE_DISTANCES.little.max) / 2, 2);
    const lot = gapX('move the red block a lot to the left of the cyan bowl');
    expect(lot).toBeGreaterThan(PHRASE_DISTANCES.lot.min);
    expect(lot).toBeLessThan(PHRASE_DISTANCES.lot.max);
    expect(gapX('put the red block 5 cm to the left of the cyan bowl')).toBeCloseTo(0.05, 2);
    const { plan } = planFor(sceneContext('place the red block slightly to the right of the cyan bowl', TABLE));
    expect(plan.steps[1]!.expect).toEqual({
      all: [
        {
          offset: {
            id: 'red_block',
            from: 'cyan_bowl',
            direction: 'right',
            min: PHRASE_DISTANCES.little.min,
            max: PHRASE_DISTANCES.little.max,
          },
        },
        { onTable: 'red_block' },
      ],
    });
  });

  it('keeps "a lot" inside the workspace: less than the middle of the range when the table ends sooner', () => {
    const edge: SceneFacts = {
      ...TABLE,
      objects: [obj('red_block', 'box', 'red', 0.04, [0, 0]), obj('cyan_bowl', 'bowl', 'cyan', 0.13, [0.05, 0.1])],
    };
    const xy = target('put the red block a lot to the right of the cyan bowl', edge);
    const gap = xy[0] - 0.02 - (0.05 + 0.065);
    expect(gap).toBeGreaterThanOrEqual(PHRASE_DISTANCES.lot.min);
    expect(xy[0]).toBeLessThanOrEqual(0.43);
  });
});

describe('places in simulation (first attempt)', () => {
  const scene = [box('red_block', 'red'), box('blue_block', 'blue'), cylinder('pink_can', 'pink')];
  it.each([
    [
      'Move the red block to the top left corner.',
      scene,
      { all: [{ inRegion: ['red_block', 'top_left_corner'] }, { onTable: 'red_block' }] },
    ],
    ['put the red block in the bottom right corner please', scene, { inRegion: ['red_block', 'bottom_right_corner'] }],
    ['Place the red block on the left side of the table.', scene, { inRegion: ['red_block', 'left_side'] }],
    ['set the red block down on the bottom side', scene, { inRegion: ['red_block', 'bottom_side'] }],
    ['put the red block in the middle of the table', scene, { inRegion: ['red_block', 'center'] }],
    [
      'Put the red block in the corner closest to the green bowl.',
      [...scene, bowl('green_bowl', 'green', { position: [0.24, 0.16], jitter: 0.03 })],
      { inRegion: ['red_block', 'top_right_corner'] },
    ],
    [
      'move the red block to the corner farthest from the green bowl',
      [...scene, bowl('green_bowl', 'green', { position: [0.24, 0.16], jitter: 0.03 })],
      { inRegion: ['red_block', 'bottom_left_corner'] },
    ],
    [
      'Put the red block a little to the right of the cyan bowl.',
      [...scene, bowl('cyan_bowl', 'cyan', { position: [-0.05, 0.05], jitter: 0.04 })],
      { offset: { id: 'red_block', from: 'cyan_bowl', direction: 'right', ...PHRASE_DISTANCES.little } },
    ],
    [
      'place the red block a lot to the left of the cyan bowl',
      [...scene, bowl('cyan_bowl', 'cyan', { position: [0.15, 0.05], jitter: 0.04 })],
      { offset: { id: 'red_block', from: 'cyan_bowl', direction: 'left', ...PHRASE_DISTANCES.lot } },
    ],
    [
      'Put the red block 5 cm to the left of the cyan bowl.',
      [...scene, bowl('cyan_bowl', 'cyan', { position: [0.05, 0], jitter: 0.04 })],
      { offset: { id: 'red_block', from: 'cyan_bowl', direction: 'left', min: 0.03, max: 0.07 } },
    ],
    [
      'put the red block above the cyan bowl',
      [...scene, bowl('cyan_bowl', 'cyan', { position: [0, -0.05], jitter: 0.04 })],
      { offset: { id: 'red_block', from: 'cyan_bowl', direction: 'top', min: 0, max: 0.08 } },
    ],
    [
      'move the blue block along the bottom edge of the table',
      scene,
      { all: [{ inRegion: ['blue_block', 'bottom_side'] }, { onTable: 'blue_block' }] },
    ],
    ['shift the pink can over to the left-hand side', scene, { inRegion: ['pink_can', 'left_side'] }],
    [
      'Put the blue block on the table beside the cyan bowl.',
      [...scene, bowl('cyan_bowl', 'cyan', { position: [0.05, 0.12], jitter: 0.03 })],
      { all: [{ near: ['blue_block', 'cyan_bowl', 0.14] }, { onTable: 'blue_block' }] },
    ],
    [
      'put the red block in whichever corner is closest to the green bowl',
      [...scene, bowl('green_bowl', 'green', { position: [-0.24, -0.15], jitter: 0.03 })],
      { inRegion: ['red_block', 'bottom_left_corner'] },
    ],
  ] as [string, object[], object][])('%s', async (instruction, objects, success) => {
    const def = task(instruction, objects, success, { layout: { minGap: 0.06 } });
    for (const seed of SEEDS) {
      const r = await firstAttempt(def, seed);
      expect(r, `seed ${seed}: ${r.detail}`).toMatchObject({ ok: true });
    }
  });
});
