// How the rule programmer reads what people say, twenty-first round: everyday ways to ask for a
// group, in this file's own sentences, committed before the twentieth and twenty-first tables were
// first run. "The tower's top block"; "build the tower again next to the bowl"; "make a row of the
// blocks, biggest on the left"; "group the blocks together in the middle"; "tidy up by putting …";
// "stack the blocks in the middle" (where, not which); "with the white one in the middle" (the
// others below and above it). First programs run in simulation are judged by success predicates
// written here (the programmer never sees them).

import { describe, expect, it } from 'vitest';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { MATCH, MIXED, ROW, TOWER, obj, read, reading } from './rule-fixtures.ts';
import { SEEDS, bowl, box, cylinder, firstAttempt, task } from './rule-sim-fixtures.ts';

describe('a group asked for in everyday words', () => {
  it('"the tower\'s top block": the top block of the tower', () => {
    expect(read("put the tower's top block in the bowl", TOWER)).toBe('place green_block in blue_bowl (off yellow_block)');
  });

  it('"build the tower again next to the bowl": the tower moved there and built again, in its order', () => {
    const r = reading('build the tower again next to the bowl', TOWER);
    expect(r.intents).toMatch(/place red_block next to blue_bowl \| stack red_block < yellow_block < green_block$/);
    expect(r.intents).not.toContain('purple_block');
  });

  it('"make a row of the blocks, biggest on the left": the blocks in a row, in that order', () => {
    expect(read('make a row of the blocks, biggest on the left', MIXED)).toBe(
      'line up blue_block, green_block, red_block, yellow_block along +x (horizontal line)',
    );
  });

  it('"group the blocks together in the middle": side by side there', () => {
    expect(read('group the blocks together in the middle', MIXED)).toBe(
      'line up red_block, blue_block, green_block, yellow_block along +x (horizontal line) in the center',
    );
  });

  it('"tidy up by putting all the blocks on the tray": put them there', () => {
    expect(read('could you tidy up by putting all the blocks on the tray', MIXED)).toBe(
      'place red_block in gray_tray | place blue_block in gray_tray | place green_block in gray_tray | place yellow_block in gray_tray',
    );
  });

  it('"stack the blocks in the middle": where the stack goes; "with the white one in the middle": between the others', () => {
    expect(read('stack the blocks in the middle', ROW)).toBe(
      'stack red_block < yellow_block < blue_block < green_block < white_block to the center of the table',
    );
    expect(read('stack the red block and the blue block with the white one in the middle', ROW)).toBe(
      'stack red_block < white_block < blue_block',
    );
  });
});

/** A red block in a green bowl, a blue and a green block on the table, a yellow bowl. */
const BLOCK_IN_A_BOWL: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.2, 0.2], 0, 0.03),
    obj('blue_block', 'box', 'blue', 0.04, [0.1, 0.0]),
    obj('green_block', 'box', 'green', 0.04, [0.0, -0.1]),
    obj('green_bowl', 'bowl', 'green', 0.13, [-0.2, 0.2]),
    obj('yellow_bowl', 'bowl', 'yellow', 0.13, [0.2, 0.2]),
  ],
  zones: [],
};

/** Five things of three shapes in a row: a tall red can, a small green block, a big blue block, a short yellow can, an orange ball; a purple bowl. */
const FIVE_SHAPES: SceneFacts = {
  objects: [
    obj('red_can', 'cylinder', 'red', [0.05, 0.05, 0.09], [-0.3, 0]),
    obj('green_block', 'box', 'green', 0.03, [-0.15, 0]),
    obj('blue_block', 'box', 'blue', 0.06, [0, 0]),
    obj('yellow_can', 'cylinder', 'yellow', [0.04, 0.04, 0.05], [0.15, 0]),
    obj('orange_ball', 'sphere', 'orange', 0.045, [0.3, 0]),
    obj('purple_bowl', 'bowl', 'purple', 0.13, [0, 0.22]),
  ],
  zones: [],
};

describe("post hoc, after the twentieth and twenty-first tables (in this file's own sentences)", () => {
  it('sizes of things of different shapes: a can or a ball by its own volume, not the box round it', () => {
    // The short yellow can (63 cm³) is bigger than the ball (48 cm³), smaller than its 80 cm³ box.
    expect(read('put the smallest two things in the bowl', FIVE_SHAPES)).toBe('gather green_block, orange_ball in purple_bowl');
    expect(read('line everything up by size, smallest on the left', FIVE_SHAPES)).toBe(
      'line up green_block, orange_ball, yellow_can, red_can, blue_block along +x',
    );
  });

  it('"… and drop it into the yellow one" after a block was named: the yellow bowl', () => {
    expect(read('take the red block out of the green bowl and drop it into the yellow one', BLOCK_IN_A_BOWL)).toBe(
      'place red_block in yellow_bowl (off green_bowl)',
    );
  });

  it('"make a ring with the blocks", "from the left of the table to the right", "so that none of them ends up in its own colour"', () => {
    expect(read('make a ring with the blocks around the middle of the table', MIXED)).toBe(
      'circle red_block, blue_block, green_block, yellow_block around the point [0, 0]',
    );
    expect(read('line the blocks up from the left of the table to the right', ROW)).toBe(
      'line up red_block, yellow_block, blue_block, green_block, white_block along +x',
    );
    expect(read('sort the blocks into the bowls so that none of them ends up in the bowl of its own colour', MATCH)).toBe(
      'sort red_block→green_bowl, green_block→blue_bowl, blue_block→red_bowl',
    );
  });
});

describe('the twenty-first round in simulation', { timeout: 120_000 }, () => {
  // Found when the twenty-first table was first run: the planner looped for ever when two bowls
  // held each other's things and more was to go in (it parked a loose one, which frees nothing).
  it('"Sort the blue and yellow things into the bowls that match them", each bowl holding the other\'s', async () => {
    const def = task(
      'Sort the blue and yellow things into the bowls that match them.',
      [
        bowl('blue_bowl', 'blue', { position: [-0.22, 0.12], jitter: 0 }),
        bowl('yellow_bowl', 'yellow', { position: [0.22, 0.12], jitter: 0 }),
        box('yellow_block', 'yellow', 0.04, { on: 'blue_bowl' }),
        box('blue_block', 'blue', 0.04, { on: 'yellow_bowl' }),
        box('blue_cube', 'blue', 0.04, { position: [-0.05, -0.15], jitter: 0 }),
        cylinder('yellow_can', 'yellow', { position: [0.15, -0.18], jitter: 0 }),
      ],
      {
        all: [
          { inside: ['blue_block', 'blue_bowl'] },
          { inside: ['blue_cube', 'blue_bowl'] },
          { inside: ['yellow_block', 'yellow_bowl'] },
          { inside: ['yellow_can', 'yellow_bowl'] },
        ],
      },
    );
    const r = await firstAttempt(def, 0);
    expect(r, r.detail).toMatchObject({ ok: true });
  });

  it('"Stack the red block and the blue block with the white one in the middle"', async () => {
    const def = task(
      'Stack the red block and the blue block with the white one in the middle.',
      [box('red_block', 'red'), box('blue_block', 'blue'), box('white_block', 'white')],
      {
        any: [
          { all: [{ on: ['white_block', 'red_block'] }, { on: ['blue_block', 'white_block'] }] },
          { all: [{ on: ['white_block', 'blue_block'] }, { on: ['red_block', 'white_block'] }] },
        ],
      },
    );
    for (const seed of SEEDS) {
      const r = await firstAttempt(def, seed);
      expect(r, `seed ${seed}: ${r.detail}`).toMatchObject({ ok: true });
    }
  });
});
