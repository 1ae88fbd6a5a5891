// The rule programmer's arrangements and references beyond a row or a tower: circles,
// grids, "the tower" as the stacked objects, rebuilding it, size classes ("the small red
// blocks"), groups each with its own place, statements naming what "each one" means, and
// contents swapped between containers; lines (horizontal, vertical, diagonal) and sorting
// by size along one. Readings and plans against small scenes, then lines, circles and
// sorted rows in simulation, judged by success predicates written here.

import { describe, expect, it } from 'vitest';
import { describeIntent, readInstruction } from '../../policy/programmers/index.ts';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { planIntents } from '../../policy/programmers/rules/planner.ts';
import { obj, zone } from './rule-fixtures.ts';
import { SEEDS, bowl, box, firstAttempt, task } from './rule-sim-fixtures.ts';

const read = (text: string, facts: SceneFacts): string => readInstruction(text, facts).intents.map(describeIntent).join(' | ');
const COLORS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple'] as const;

const SIX: SceneFacts = {
  objects: [
    ...COLORS.map((c, k) => obj(`${c}_block`, 'box', c, 0.04, [-0.3 + k * 0.1, -0.2])),
    obj('white_bowl', 'bowl', 'white', 0.12, [0.05, 0.12]),
  ],
  zones: [],
};
const TOWER: SceneFacts = {
  objects: [
    obj('blue_block', 'box', 'blue', 0.055, [-0.2, 0]),
    obj('green_block', 'box', 'green', 0.05, [-0.2, 0], 0, 0.08),
    obj('yellow_block', 'box', 'yellow', 0.045, [-0.2, 0], 0, 0.1275),
    obj('red_block', 'box', 'red', 0.04, [-0.2, 0], 0, 0.17),
    obj('gray_tray', 'tray', 'gray', 0.24, [0.2, -0.15]),
    obj('white_bowl', 'bowl', 'white', 0.15, [0.2, 0.15]),
  ],
  zones: [zone('yellow_zone', 'yellow', [0.18, -0.05], [0.34, 0.08])],
};
const SIZED: SceneFacts = {
  objects: [
    obj('block_1', 'box', 'red', 0.05, [-0.3, -0.2]),
    obj('block_2', 'box', 'blue', 0.035, [-0.2, -0.2]),
    obj('block_3', 'box', 'red', 0.035, [-0.1, -0.2]),
    obj('block_4', 'box', 'blue', 0.05, [0, -0.2]),
    obj('red_bowl', 'bowl', 'red', 0.14, [-0.2, 0.15]),
    obj('blue_bowl', 'bowl', 'blue', 0.14, [0.05, 0.15]),
    obj('gray_tray', 'tray', 'gray', 0.24, [0.25, -0.1]),
  ],
  zones: [],
};
const SWAPPED: SceneFacts = {
  objects: [
    obj('red_bowl', 'bowl', 'red', 0.13, [-0.2, 0.1]),
    obj('blue_bowl', 'bowl', 'blue', 0.13, [0.1, 0.1]),
    obj('red_block', 'box', 'red', 0.04, [0.1, 0.1], 0, 0.025),
    obj('blue_block', 'box', 'blue', 0.04, [-0.2, 0.1], 0, 0.025),
    obj('green_block', 'box', 'green', 0.04, [0, -0.2]),
  ],
  zones: [],
};

describe('circles and grids', () => {
  it('reads a circle around an object and plans slots evenly round it', () => {
    expect(read('place the blocks in a ring around the white bowl', SIX)).toBe(
      'circle red_block, orange_block, yellow_block, green_block, blue_block, purple_block around white_bowl',
    );
    const r = readInstruction('arrange the six blocks in a circle around the bowl', SIX);
    const plan = planIntents(r.intents, SIX);
    const places = plan.steps.filter((s) => s.description.includes('on the circle'));
    expect(places).toHaveLength(6);
    // Every planned slot is the same distance from the bowl; the last step expects the circle.
    const bowl = SIX.objects.find((o) => o.id === 'white_bowl')!.position;
    const radii = places.map((s) => {
      const m = /at \[(-?[\d.]+), (-?[\d.]+)\]/.exec(s.description)!;
      return Math.hypot(Number(m[1]) - bowl[0], Number(m[2]) - bowl[1]);
    });
    for (const r2 of radii) expect(r2).toBeCloseTo(radii[0]!, 2);
    expect(radii[0]!).toBeGreaterThan(0.06 + 0.028);
    expect(JSON.stringify(places[5]!.expect)).toContain('"circle":{"ids":');
  });

  it('reads rows of a grid from the groups named before each row', () => {
    const text =
      'Arrange the six blocks in two rows of three: the purple, blue and green blocks in the back row from left to right, and the red, orange and yellow blocks in front of them in the same order.';
    expect(read(text, SIX)).toBe('grid purple_block, blue_block, green_block / red_block, orange_block, yellow_block');
    expect(read('put the six blocks in two rows of three', SIX)).toBe(
      'grid red_block, orange_block, yellow_block / green_block, blue_block, purple_block',
    );
    expect(() => read('arrange the six blocks in three rows: the red block in the back row', SIX)).toThrow('asks for 3 rows but names 1');
    const plan = planIntents(readInstruction(text, SIX).intents, SIX);
    const last = JSON.stringify(plan.steps[plan.steps.length - 1]!.expect);
    expect(last).toContain('{"row":{"ids":["red_block","orange_block","yellow_block"],"axis":"x"}}');
    expect(last).toContain('{"row":{"ids":["red_block","purple_block"],"axis":"y"}}');
  });
});

describe('the tower', () => {
  it('takes the tower apart from the top down, then places the groups', () => {
    expect(read('Take the tower apart: put the two biggest blocks in the tray and the two smallest blocks in the bowl.', TOWER)).toBe(
      [
        'unstack red_block from yellow_block',
        'unstack yellow_block from green_block',
        'unstack green_block from blue_block',
        'gather blue_block, green_block in gray_tray',
        'gather red_block, yellow_block in white_bowl',
      ].join(' | '),
    );
  });

  it('rebuilds the tower elsewhere in the order given, or upside down', () => {
    expect(
      read(
        'Move the tower to the yellow zone, rebuilding it: the red block at the bottom, then the green block, and the blue block on top.',
        TOWER,
      ),
    ).toBe('place red_block in zone yellow_zone | stack red_block < green_block < yellow_block < blue_block');
    expect(read('move the stack to the yellow zone, rebuilding it upside down', TOWER)).toBe(
      'place red_block in zone yellow_zone | stack red_block < yellow_block < green_block < blue_block',
    );
    expect(() => read('take the tower apart', SIX)).toThrow("'the tower': no objects stand stacked on one another");
  });
});

describe('size classes, groups and statements', () => {
  it('reads "small" and "big" over a plural as a size class among all blocks', () => {
    expect(
      read(
        'Sort the blocks: the small red blocks go in the red bowl, the small blue blocks in the blue bowl, and the big blocks in the tray.',
        SIZED,
      ),
    ).toBe('place block_3 in red_bowl | place block_2 in blue_bowl | gather block_1, block_4 in gray_tray');
    expect(read('put the big blocks in the tray', SIZED)).toBe('gather block_1, block_4 in gray_tray');
  });

  it('reads a statement as naming "each one", and parks one block when two bowls swap contents', () => {
    const text =
      'The red and blue blocks are in the wrong bowls: put each one in the bowl of its own colour. Then put the green block in the red bowl.';
    const r = readInstruction(text, SWAPPED);
    expect(r.intents.map(describeIntent).join(' | ')).toBe('sort red_block→red_bowl, blue_block→blue_bowl | place green_block in red_bowl');
    const plan = planIntents(r.intents, SWAPPED);
    expect(plan.steps.slice(0, 6).map((s) => s.description)).toEqual([
      'pick up the red block',
      expect.stringMatching(/^park the red block on a free spot/),
      'pick up the blue block',
      'put the blue block in the blue bowl',
      'pick up the red block',
      'put the red block in the red bowl',
    ]);
    expect(() => read('the red block wobbles on the blue block', SWAPPED)).toThrow("at 'wobbles': 'wobbles' is not a word it knows");
  });
});

describe('lines and sorting, read', () => {
  const FOUR: SceneFacts = {
    objects: [
      obj('a_block', 'box', 'red', 0.03, [0.2, 0.1]),
      obj('b_block', 'box', 'green', 0.05, [-0.2, -0.1]),
      obj('c_block', 'box', 'blue', 0.04, [0, 0.2]),
      obj('d_block', 'box', 'yellow', 0.045, [0.1, -0.2]),
    ],
    zones: [],
  };
  it.each([
    ['put all the blocks in a horizontal line', 'line up b_block, c_block, d_block, a_block along +x (horizontal line)'],
    ['Arrange the blocks in a vertical line.', 'line up d_block, b_block, a_block, c_block along +y (vertical line)'],
    ['put the blocks in a column', 'line up d_block, b_block, a_block, c_block along +y (vertical line)'],
    ['line the blocks up diagonally', 'line up b_block, c_block, d_block, a_block along +x (diagonal line)'],
    ['place all the cubes in a diagonal line', 'line up b_block, c_block, d_block, a_block along +x (diagonal line)'],
    ['put the blocks in a row sorted by size from left to right', 'line up a_block, c_block, d_block, b_block along +x (horizontal line)'],
    ['arrange the blocks by size from right to left', 'line up b_block, d_block, c_block, a_block along +x'],
    [
      'put the blocks in a vertical line sorted by size from top to bottom',
      'line up b_block, d_block, c_block, a_block along +y (vertical line)',
    ],
    // A line in a region of the table: along that side when no direction is said.
    [
      'put the blocks in a horizontal line along the top of the table',
      'line up b_block, c_block, d_block, a_block along +x (horizontal line) in the top side',
    ],
    [
      'line the blocks up vertically on the left side',
      'line up d_block, b_block, a_block, c_block along +y (vertical line) in the left side',
    ],
    [
      'put the blocks in a line along the bottom edge',
      'line up b_block, c_block, d_block, a_block along +x (horizontal line) in the bottom side',
    ],
    [
      'put the blocks in a row at the back of the table',
      'line up b_block, c_block, d_block, a_block along +x (horizontal line) in the top side',
    ],
    [
      'put the blocks in a line across the bottom of the table',
      'line up b_block, c_block, d_block, a_block along +x (horizontal line) in the bottom side',
    ],
    [
      'line up the cubes against the right edge of the table',
      'line up d_block, b_block, a_block, c_block along +y (vertical line) in the right side',
    ],
    // Which object goes at which end.
    [
      'put the blocks in a vertical line, the red block at the bottom and the blue block at the top',
      'line up a_block, d_block, b_block, c_block along +y (vertical line)',
    ],
    [
      'line up the blocks with the yellow one on the left and the green one on the right',
      'line up d_block, c_block, a_block, b_block along +x',
    ],
    ['arrange the blocks in a row, blue first', 'line up c_block, b_block, d_block, a_block along +x (horizontal line)'],
    ['put the blocks in a row going across', 'line up b_block, c_block, d_block, a_block along +x (horizontal line)'],
    ['put the blocks in a line running up the table', 'line up d_block, b_block, a_block, c_block along +y (vertical line)'],
    // An order of size with a side, or the robot, says which way; no place needed.
    ['put the blocks in order of size with the biggest on the left', 'line up b_block, d_block, c_block, a_block along +x'],
    ['sort the blocks by size, smallest nearest to you and largest farthest away', 'line up a_block, c_block, d_block, b_block along +y'],
    [
      'arrange the blocks from biggest to smallest, the biggest closest to the robot',
      'line up b_block, d_block, c_block, a_block along +y',
    ],
    ['order the blocks by size with the largest at the back', 'line up a_block, c_block, d_block, b_block along +y'],
    // Stacks: roles held by colours; "one tower".
    ['stack the blocks with red on the bottom and blue on top', 'stack a_block < b_block < d_block < c_block'],
    [
      'make one tower out of all the blocks in the middle of the table',
      'stack b_block < d_block < c_block < a_block to the center of the table',
    ],
    ['build a single stack from everything', 'stack b_block < d_block < c_block < a_block'],
  ])('%s', (text, expected) => {
    expect(read(text, FOUR)).toBe(expected);
  });

  it('expects the line predicate at the end, with evenly spaced slots on one line', () => {
    const plan = planIntents(readInstruction('put all the blocks in a diagonal line', FOUR).intents, FOUR);
    const slots = plan.steps
      .filter((s) => s.op === 'place')
      .map((s) => (s.op === 'place' && s.target.kind === 'xy' ? s.target.xy : [NaN, NaN]));
    expect(slots).toHaveLength(4);
    const gaps = slots.slice(1).map((p, k) => Math.hypot(p[0]! - slots[k]![0]!, p[1]! - slots[k]![1]!));
    for (const g of gaps) expect(g).toBeCloseTo(gaps[0]!, 2);
    const heading = Math.abs(Math.atan2(slots[3]![1]! - slots[0]![1]!, slots[3]![0]! - slots[0]![0]!));
    expect(heading).toBeCloseTo(Math.PI / 4, 1);
    expect(plan.steps[plan.steps.length - 1]!.expect).toMatchObject({
      all: expect.arrayContaining([{ line: { ids: ['b_block', 'c_block', 'd_block', 'a_block'], direction: 'diagonal' } }]),
    });
  });
});

describe('arrangements in simulation (first attempt)', () => {
  const blocks = [
    box('red_block', 'red', 0.035),
    box('green_block', 'green', 0.05),
    box('blue_block', 'blue', 0.042),
    box('yellow_block', 'yellow', 0.03),
  ];
  it.each([
    ['Put all the blocks in a horizontal line.', blocks, { line: { select: { shape: 'box' }, direction: 'horizontal' } }],
    ['place the blocks in a vertical line', blocks, { line: { select: { shape: 'box' }, direction: 'vertical' } }],
    ['Could you put all the cubes in a diagonal line?', blocks, { line: { select: { shape: 'box' }, direction: 'diagonal' } }],
    ['Arrange the blocks in a circle.', [...blocks, box('orange_block', 'orange', 0.04)], { circle: { select: { shape: 'box' } } }],
    [
      'Put the blocks in a row, sorted by size from left to right.',
      blocks,
      {
        all: [
          { line: { select: { shape: 'box' }, direction: 'horizontal' } },
          { ordered: { select: { shape: 'box' }, axis: 'x', by: 'size' } },
        ],
      },
    ],
    [
      'line the blocks up by size from right to left',
      blocks,
      { ordered: { select: { shape: 'box' }, axis: 'x', by: 'size', descending: true } },
    ],
    [
      'put the blocks in a vertical line sorted by size from top to bottom',
      blocks,
      {
        all: [
          { line: { select: { shape: 'box' }, direction: 'vertical' } },
          { ordered: { select: { shape: 'box' }, axis: 'y', by: 'size', descending: true } },
        ],
      },
    ],
    [
      'set the cubes out in a row along the top edge of the table',
      blocks,
      {
        all: [
          { line: { select: { shape: 'box' }, direction: 'horizontal' } },
          { every: { select: { shape: 'box' }, holds: { inRegion: ['$', 'top_side'] } } },
        ],
      },
    ],
    [
      'line the blocks up vertically along the right side',
      blocks,
      {
        all: [
          { line: { select: { shape: 'box' }, direction: 'vertical' } },
          { every: { select: { shape: 'box' }, holds: { inRegion: ['$', 'right_side'] } } },
        ],
      },
    ],
    [
      'put the blocks in a vertical line with green at the bottom and yellow at the top',
      blocks,
      {
        all: [
          { line: { select: { shape: 'box' }, direction: 'vertical' } },
          { every: { select: { shape: 'box', exclude: ['green_block'] }, holds: { ordered: { ids: ['green_block', '$'], axis: 'y' } } } },
          { every: { select: { shape: 'box', exclude: ['yellow_block'] }, holds: { ordered: { ids: ['$', 'yellow_block'], axis: 'y' } } } },
        ],
      },
    ],
    ['put the blocks in order of size, the biggest on the right', blocks, { ordered: { select: { shape: 'box' }, axis: 'x', by: 'size' } }],
    [
      'stack the blocks with blue on the bottom and red on top',
      [box('red_block', 'red'), box('green_block', 'green'), box('blue_block', 'blue')],
      { all: [{ on: ['green_block', 'blue_block'] }, { on: ['red_block', 'green_block'] }] },
    ],
    [
      'make a circle with the red, green and blue blocks',
      [...blocks, bowl('purple_bowl', 'purple')],
      { circle: { ids: ['red_block', 'green_block', 'blue_block'] } },
    ],
  ] as [string, object[], object][])('%s', async (instruction, objects, success) => {
    const def = task(instruction, objects, success, { layout: { minGap: 0.05 } });
    for (const seed of SEEDS) {
      const r = await firstAttempt(def, seed);
      expect(r, `seed ${seed}: ${r.detail}`).toMatchObject({ ok: true });
    }
  });
});
