// Quantities and attributes (issue 11): "the two biggest blocks", "the three smallest",
// "every red object", "the cylinder that is not green", "the non-blue blocks", sizes and
// colours mixed as people say them ("the big red one", "the small cylinder", "the largest
// of the green blocks", "the second largest block"). Readings, then the first program in
// simulation, judged by selector predicates written here.

import { describe, expect, it } from 'vitest';
import { describeIntent, readInstruction } from '../../policy/programmers/index.ts';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { obj } from './rule-fixtures.ts';
import { SEEDS, bowl, box, cylinder, firstAttempt, task } from './rule-sim-fixtures.ts';

const read = (text: string, facts: SceneFacts): string => readInstruction(text, facts).intents.map(describeIntent).join(' | ');

const MANY: SceneFacts = {
  objects: [
    obj('red_small', 'box', 'red', 0.03, [-0.3, -0.1]),
    obj('red_big', 'box', 'red', 0.05, [-0.15, -0.1]),
    obj('green_small', 'box', 'green', 0.035, [0, -0.1]),
    obj('green_big', 'box', 'green', 0.048, [0.15, -0.1]),
    obj('blue_mid', 'box', 'blue', 0.042, [0.3, -0.1]),
    obj('green_can', 'cylinder', 'green', [0.04, 0.04, 0.06], [-0.2, 0.1]),
    obj('red_can', 'cylinder', 'red', [0.03, 0.03, 0.05], [0, 0.1]),
    obj('white_bowl', 'bowl', 'white', 0.14, [0.25, 0.15]),
  ],
  zones: [],
};

describe('reading quantities and attributes', () => {
  it.each([
    ['put the two biggest blocks in the bowl', 'gather red_big, green_big in white_bowl'],
    ['Put the three smallest blocks in the bowl.', 'gather red_small, green_small, blue_mid in white_bowl'],
    ['put the 2 smallest in the bowl', 'gather red_small, green_small in white_bowl'],
    ['put every red object in the bowl', 'gather red_small, red_big, red_can in white_bowl'],
    ['move all the red things into the bowl', 'gather red_small, red_big, red_can in white_bowl'],
    ['put the cylinder that is not green in the bowl', 'place red_can in white_bowl'],
    ["put the can that isn't red in the bowl", 'place green_can in white_bowl'],
    ['put the non-green blocks in the bowl', 'gather red_small, red_big, blue_mid in white_bowl'],
    ['put the blocks that are not red or green in the bowl', 'place blue_mid in white_bowl'],
    ['put all the blocks except the green ones in the bowl', 'gather red_small, red_big, blue_mid in white_bowl'],
    ['put all blocks other than red in the bowl', 'gather green_small, green_big, blue_mid in white_bowl'],
    ['put the big red one in the bowl', 'place red_big in white_bowl'],
    ['put the small red block in the bowl', 'place red_small in white_bowl'],
    ['put the small cylinder in the bowl', 'place red_can in white_bowl'],
    ['put the largest of the green blocks in the bowl', 'place green_big in white_bowl'],
    ['put the smallest of the green objects in the bowl', 'place green_small in white_bowl'],
    ['put the second largest block in the bowl', 'place green_big in white_bowl'],
    ['Put the biggest green cube in the bowl, please.', 'place green_big in white_bowl'],
  ])('%s', (text, expected) => {
    expect(read(text, MANY)).toBe(expected);
  });

  it('says when a count asks for more than there are', () => {
    expect(() => read('put the four red blocks in the bowl', MANY)).toThrow(
      "'the four red blocks' names 4 objects but 2 match (red_small, red_big)",
    );
  });
});

const sized = [
  box('tiny_block', 'red', 0.03),
  box('small_block', 'green', 0.034),
  box('mid_block', 'blue', 0.038),
  box('big_block', 'yellow', 0.042),
  box('huge_block', 'orange', 0.045),
];

describe('quantities in simulation (first attempt)', () => {
  it.each([
    [
      'Put the two biggest blocks in the white bowl.',
      [...sized, bowl('white_bowl', 'white')],
      {
        all: [
          { every: { select: { shape: 'box', largest: 2 }, holds: { inside: ['$', 'white_bowl'] } } },
          { every: { select: { shape: 'box', smallest: 3 }, holds: { not: { inside: ['$', 'white_bowl'] } } } },
        ],
      },
    ],
    [
      'put the three smallest blocks into the white bowl',
      [...sized, bowl('white_bowl', 'white')],
      { every: { select: { shape: 'box', smallest: 3 }, holds: { inside: ['$', 'white_bowl'] } } },
    ],
    [
      'Move every red object into the white bowl.',
      [
        box('red_block', 'red'),
        cylinder('red_can', 'red'),
        box('blue_block', 'blue'),
        cylinder('green_can', 'green'),
        bowl('white_bowl', 'white'),
      ],
      {
        all: [
          { every: { select: { color: 'red', kind: 'object' }, holds: { inside: ['$', 'white_bowl'] } } },
          { every: { select: { notColor: 'red', kind: 'object' }, holds: { not: { inside: ['$', 'white_bowl'] } } } },
        ],
      },
    ],
    [
      'Put the cylinder that is not green in the white bowl.',
      [cylinder('green_can', 'green'), cylinder('purple_can', 'purple'), box('green_block', 'green'), bowl('white_bowl', 'white')],
      { inside: [{ the: { shape: 'cylinder', notColor: 'green' } }, 'white_bowl'] },
    ],
    [
      'place the non-blue blocks in the white bowl',
      [box('blue_block', 'blue'), box('red_block', 'red'), box('yellow_block', 'yellow'), bowl('white_bowl', 'white')],
      { every: { select: { shape: 'box', notColor: 'blue' }, holds: { inside: ['$', 'white_bowl'] } } },
    ],
    [
      'Grab the big red one and drop it in the white bowl.',
      [box('red_small', 'red', 0.03), box('red_big', 'red', 0.05), box('blue_big', 'blue', 0.05), bowl('white_bowl', 'white')],
      { inside: [{ the: { color: 'red', kind: 'object', largest: 1 } }, 'white_bowl'] },
    ],
    [
      'put the largest of the green blocks in the white bowl',
      [box('green_a', 'green', 0.035), box('green_b', 'green', 0.048), box('red_c', 'red', 0.05), bowl('white_bowl', 'white')],
      { inside: [{ the: { shape: 'box', color: 'green', largest: 1 } }, 'white_bowl'] },
    ],
  ] as [string, object[], object][])('%s', async (instruction, objects, success) => {
    const def = task(instruction, objects, success, { layout: { minGap: 0.05 } });
    for (const seed of SEEDS) {
      const r = await firstAttempt(def, seed);
      expect(r, `seed ${seed}: ${r.detail}`).toMatchObject({ ok: true });
    }
  });
});
