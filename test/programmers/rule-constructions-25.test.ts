// How the rule programmer reads what people say, twenty-eighth round (policy/programmers/rules/
// plain-forms.ts and the readings it leans on in grammar.ts and intents.ts): post hoc, after the
// fortieth and forty-first tables (measured held out first), in this file's own sentences and
// scenes, committed before the forty-second and forty-third tables were first run.
// - "the tea tray", "the serving tray": a tray; "a strait line": a straight one.
// - "…, the right way up", "right side up": upright.
// - "just past the far edge of the tray": just behind it (the near edge: in front; left, right).
// - "every ball and can": every ball and every can.
// - "each block to a different corner, all four corners": different corners.
// - "balls in the bowl first, then the blocks on the tray": in that order ("first" is no thing).
// - "shove all the blocks over to the left side": each one there, not only the first.
// - "put the red block just below the bowl on the left": below the left bowl.
// - "first put the white block on the red one, then the green one on that, and the blue one on
//   top": each on the one put down before it.
// - "get the can below the tray and stand it on the tray": the can below the tray is the one meant.
// - "stack the red block on the white one and the white one on the gray one": the white block is
//   moved first (put on first, the red block would ride along or be knocked off).
// - "put the blue block just right of the middle", "…in a line from front to back, a little left of
//   the centre": a point that far from the table's centre; the line's middle there.
// - (planner.ts) a block set in the middle of a long narrow tray at the start is in it: the next
//   one goes where there is room, not on top of it; a diagonal line "through the middle" longer
//   than the middle region runs past it, centred there.

import { describe, expect, it } from 'vitest';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { obj, read, reading } from './rule-fixtures.ts';
import { bowl, box, firstAttempt, task } from './rule-sim-fixtures.ts';

/** Two balls and two cans of other colours, a block, a gray bowl and a wooden tray. */
const PANTRY: SceneFacts = {
  objects: [
    obj('pink_ball', 'sphere', 'pink', 0.045, [-0.25, 0.15]),
    obj('cyan_ball', 'sphere', 'cyan', 0.045, [0.05, 0.18]),
    obj('red_can', 'cylinder', 'red', [0.04, 0.04, 0.07], [-0.05, -0.02]),
    obj('blue_can', 'cylinder', 'blue', [0.04, 0.04, 0.07], [0.25, 0.1]),
    obj('green_block', 'box', 'green', 0.04, [-0.28, -0.05]),
    obj('gray_bowl', 'bowl', 'gray', 0.13, [-0.2, -0.2]),
    obj('wood_tray', 'tray', 'brown', [0.2, 0.15, 0.02], [0.2, -0.18]),
  ],
  zones: [],
};

/** Two bowls at the front (the left one orange, the right one purple), three blocks at the back. */
const BOWLS: SceneFacts = {
  objects: [
    obj('orange_bowl', 'bowl', 'orange', 0.13, [-0.2, -0.15]),
    obj('purple_bowl', 'bowl', 'purple', 0.13, [0.2, -0.15]),
    obj('red_block', 'box', 'red', 0.04, [-0.2, 0.15]),
    obj('white_block', 'box', 'white', 0.04, [0.0, 0.12]),
    obj('green_block', 'box', 'green', 0.04, [0.2, 0.15]),
  ],
  zones: [],
};

/** Four blocks loose, a white ball; nothing else. */
const LOOSE: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [0.05, 0.12]),
    obj('white_block', 'box', 'white', 0.04, [0.15, -0.05]),
    obj('green_block', 'box', 'green', 0.04, [0.25, 0.15]),
    obj('blue_block', 'box', 'blue', 0.04, [0.0, -0.15]),
    obj('white_ball', 'sphere', 'white', 0.045, [-0.25, 0.15]),
  ],
  zones: [],
};

/** Three blocks in a row across the middle (b in the middle), a white ball at the front. */
const BOWLS_AND_ROW: SceneFacts = {
  objects: [
    obj('a_block', 'box', 'red', 0.04, [-0.15, 0.1]),
    obj('b_block', 'box', 'green', 0.04, [0.0, 0.1]),
    obj('c_block', 'box', 'blue', 0.04, [0.15, 0.1]),
    obj('white_ball', 'sphere', 'white', 0.045, [0.1, -0.2]),
  ],
  zones: [],
};

/** A brown tray in the middle, a yellow can in front of it and an orange can at the back left. */
const CANS: SceneFacts = {
  objects: [
    obj('brown_tray', 'tray', 'brown', [0.2, 0.15, 0.02], [0.05, 0.02]),
    obj('yellow_can', 'cylinder', 'yellow', [0.04, 0.04, 0.07], [0.05, -0.2]),
    obj('orange_can', 'cylinder', 'orange', [0.04, 0.04, 0.07], [-0.25, 0.15]),
  ],
  zones: [],
};

describe('plain words and spellings', () => {
  it('"the tea tray", "the serving tray": a tray; "a strait line": a straight one', () => {
    expect(read('put the green block on the tea tray', PANTRY)).toBe('place green_block in wood_tray');
    expect(read('pop the pink ball onto the serving tray', PANTRY)).toBe('place pink_ball in wood_tray');
    expect(read('put the four blocks in a strait line', LOOSE)).toMatch(/^line up (\w+_block, ){3}\w+_block along/);
  });

  it('"…, the right way up", "right side up": upright', () => {
    expect(read('put the red can next to the green block, the right way up', PANTRY)).toBe('place red_can upright next to green_block');
    expect(read('set the blue can in the gray bowl right side up', PANTRY)).toBe('place blue_can upright in gray_bowl');
  });

  it('"just past the far edge of the tray": just behind it; the near edge in front, the left edge to its left', () => {
    expect(read('put the cyan ball just past the far edge of the tray', PANTRY)).toBe('place cyan_ball just behind wood_tray');
    expect(read('put the red can just past the near edge of the bowl', PANTRY)).toBe('place red_can just in front of gray_bowl');
    expect(read('put the pink ball just beyond the left edge of the tray', PANTRY)).toBe('place pink_ball just left of wood_tray');
  });
});

describe('which ones, and how many', () => {
  it('"every ball and can": every ball and every can', () => {
    const r = read('put every ball and can on the tray', PANTRY);
    expect(new Set(r.split(' | '))).toEqual(
      new Set(['pink_ball', 'cyan_ball', 'red_can', 'blue_can'].map((id) => `place ${id} in wood_tray`)),
    );
    // (As when both kinds are said in full.)
    expect(read('put every ball and every can on the tray', PANTRY)).toBe(r);
  });

  it('"each block to a different corner, all four corners": different corners', () => {
    const r = read('each block to a different corner, all four corners', LOOSE);
    expect(r.split(' | ')).toHaveLength(4);
    const corners = r.split(' | ').map((s) => s.replace(/^place \w+ to the /, ''));
    expect(new Set(corners)).toEqual(new Set(['top left corner', 'top right corner', 'bottom left corner', 'bottom right corner']));
  });

  it('"balls in the bowl first, then the blocks on the tray": in that order', () => {
    expect(read('balls in the bowl first, then the block on the tray', PANTRY)).toBe(
      'gather pink_ball, cyan_ball in gray_bowl | place green_block in wood_tray',
    );
    // ("first" after a thing still names no thing: "the first block" is another matter.)
    expect(read('put the first block from the left in the orange bowl', BOWLS)).toBe('place red_block in orange_bowl');
  });

  it('"shove all the blocks over to the left side": every block there, set down one by one (noted)', () => {
    const r = reading('shove all the blocks over to the left side', LOOSE);
    expect(r.intents).toBe(
      'place red_block to the left side | place white_block to the left side | place green_block to the left side | place blue_block to the left side',
    );
    expect(r.notes).toContain(
      "'shove all the blocks over to the left side': 4 things are moved there one by one, each set down beside the last",
    );
    // (One block is still pushed.)
    expect(read('shove the red block over to the left side', LOOSE)).toBe('push red_block to the left side');
  });

  it('"just below the bowl on the left": the left bowl, as "below the bowl on the left" says', () => {
    expect(read('put the white block just below the bowl on the left', BOWLS)).toBe('place white_block just in front of orange_bowl');
    expect(read('put the white block a little to the right of the bowl on the right', BOWLS)).toBe(
      'place white_block a little right of purple_bowl',
    );
    expect(read('put the white block below the bowl on the right', BOWLS)).toBe('place white_block in front of purple_bowl');
  });
});

describe('steps that point back', () => {
  it('"first put the white block on the red one, then the green one on that, and the blue one on top": each on the last', () => {
    expect(read('first put the white block on the red one, then the green one on that, and the blue one on top', LOOSE)).toBe(
      'place white_block on red_block | place green_block on white_block | place blue_block on green_block',
    );
    expect(read('put the white block on the red one and the green one on that', LOOSE)).toBe(
      'place white_block on red_block | place green_block on white_block',
    );
  });

  it('"get the can below the tray and stand it on the tray": the can below the tray is the one meant', () => {
    expect(read('get the can below the tray and stand it on the tray', CANS)).toBe('place yellow_can upright in brown_tray');
    expect(read('take the can left of the tray and stand it on the tray', CANS)).toMatch(/^place orange_can upright/);
  });
});

describe('order and places', () => {
  it('"stack the red block on the white one and the white one on the gray one": the white block first (noted)', () => {
    const r = reading('stack the red block on the white one and the white one on the blue one', LOOSE);
    expect(r.intents).toBe('place white_block on blue_block | place red_block on white_block');
    expect(r.notes).toContain('white_block is moved before red_block is put on it');
    // (Said in the order it can be done, it is done so.)
    expect(read('stack the white block on the blue one and the red one on the white one', LOOSE)).toBe(
      'place white_block on blue_block | place red_block on white_block',
    );
  });

  it('"just right of the middle", "a little left of the centre": a point that far from the table\'s centre', () => {
    expect(read('put the blue block just right of the middle', LOOSE)).toBe('place blue_block at [0.065, 0]');
    expect(read('put the red block a little to the left of the centre of the table', LOOSE)).toBe('place red_block at [-0.065, 0]');
    expect(read('put the red, white and green blocks in a line from front to back, a little left of the centre', LOOSE)).toBe(
      'line up red_block, white_block, green_block along +y (vertical line) through [-0.065, 0]',
    );
    // (The middle block is a thing: beside it.)
    expect(read('put the white ball just right of the middle block', BOWLS_AND_ROW)).toBe('place white_ball just right of b_block');
    expect(read('put the white ball just below the middle green one', BOWLS_AND_ROW)).toBe('place white_ball just in front of b_block');
  });
});

describe('in simulation', () => {
  it('"first put the white block on the red one, then the green one on that, and the blue one on top" is solved at the first attempt', async () => {
    const def = task(
      'first put the white block on the red one, then the green one on that, and the blue one on top',
      [
        box('red_block', 'red', 0.04, { position: [-0.15, 0.1], jitter: 0 }),
        box('white_block', 'white', 0.04, { position: [0.15, 0.12], jitter: 0 }),
        box('green_block', 'green', 0.04, { position: [0.2, -0.12], jitter: 0 }),
        box('blue_block', 'blue', 0.04, { position: [-0.2, -0.15], jitter: 0 }),
        bowl('gray_bowl', 'gray', { position: [0.0, -0.2], jitter: 0 }),
      ],
      { all: [{ on: ['white_block', 'red_block'] }, { on: ['green_block', 'white_block'] }, { on: ['blue_block', 'green_block'] }] },
    );
    const r = await firstAttempt(def, 0);
    expect(r, r.detail).toMatchObject({ ok: true });
  });

  it('"stack the red block on the white one and the white one on the gray one" is solved at the first attempt', async () => {
    const def = task(
      'stack the red block on the white one and the white one on the gray one',
      [
        box('red_block', 'red', 0.04, { position: [-0.15, 0.12], jitter: 0 }),
        box('white_block', 'white', 0.04, { position: [0.15, 0.12], jitter: 0 }),
        box('gray_block', 'gray', 0.04, { position: [0.0, -0.12], jitter: 0 }),
      ],
      { all: [{ on: ['red_block', 'white_block'] }, { on: ['white_block', 'gray_block'] }] },
    );
    const r = await firstAttempt(def, 0);
    expect(r, r.detail).toMatchObject({ ok: true });
  });

  it('"put the blue block on the tray", a long narrow tray with a block in its middle, is solved at the first attempt', async () => {
    const def = task(
      'put the blue block on the tray',
      [
        { id: 'brown_tray', shape: 'tray', color: 'brown', size: [0.1, 0.36, 0.03], position: [-0.3, 0], jitter: 0 },
        box('orange_block', 'orange', 0.04, { on: 'brown_tray' }),
        box('blue_block', 'blue', 0.04, { position: [0.12, -0.05], jitter: 0 }),
        box('red_block', 'red', 0.04, { position: [0.0, 0.15], jitter: 0 }),
      ],
      {
        all: [
          { inside: ['blue_block', 'brown_tray'] },
          { inside: ['orange_block', 'brown_tray'] },
          { not: { on: ['blue_block', 'orange_block'] } },
          { onTable: 'red_block' },
        ],
      },
    );
    const r = await firstAttempt(def, 0);
    expect(r, r.detail).toMatchObject({ ok: true });
  });

  it('"put the green block on the tray", a thin tray with a block on it, is solved at the first attempt', async () => {
    const def = task(
      'put the green block on the tray',
      [
        { id: 'brown_tray', shape: 'tray', color: 'brown', size: [0.32, 0.1, 0.02], position: [0, 0], jitter: 0 },
        box('red_block', 'red', 0.04, { on: 'brown_tray' }),
        box('green_block', 'green', 0.04, { position: [0.2, -0.19], jitter: 0 }),
        box('blue_block', 'blue', 0.04, { position: [-0.2, 0.19], jitter: 0 }),
      ],
      {
        all: [
          { inside: ['green_block', 'brown_tray'] },
          { inside: ['red_block', 'brown_tray'] },
          { not: { on: ['green_block', 'red_block'] } },
        ],
      },
    );
    const r = await firstAttempt(def, 0);
    expect(r, r.detail).toMatchObject({ ok: true });
  });

  it('"shove all the blocks over to the right side" is solved at the first attempt', async () => {
    const def = task(
      'shove all the blocks over to the right side',
      [
        box('red_block', 'red', 0.04, { position: [-0.2, 0.12], jitter: 0 }),
        box('green_block', 'green', 0.04, { position: [-0.05, -0.1], jitter: 0 }),
        box('blue_block', 'blue', 0.04, { position: [0.05, 0.15], jitter: 0 }),
        bowl('gray_bowl', 'gray', { position: [-0.25, -0.15], jitter: 0 }),
      ],
      { every: { select: { shape: 'box' }, holds: { inRegion: ['$', 'right_side'] } } },
    );
    const r = await firstAttempt(def, 0);
    expect(r, r.detail).toMatchObject({ ok: true });
  });
});
