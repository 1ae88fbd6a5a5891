// The rule programmer's arrangements and references beyond a row or a tower: circles,
// grids, "the tower" as the stacked objects, rebuilding it, size classes ("the small red
// blocks"), groups each with its own place, statements naming what "each one" means, and
// contents swapped between containers. Readings and plans against small scenes, no physics.

import { describe, expect, it } from 'vitest';
import { describeIntent, readInstruction } from '../../policy/programmers/index.ts';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { planIntents } from '../../policy/programmers/rules/planner.ts';
import { obj, zone } from './rule-fixtures.ts';

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
    expect(() => read('the red block goes on the blue block', SWAPPED)).toThrow('no known verb');
  });
});
