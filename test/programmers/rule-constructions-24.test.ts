// How the rule programmer reads what people say, twenty-seventh round (policy/programmers/rules/
// plain-forms.ts and the readings it leans on in grammar.ts, intents.ts, references.ts,
// listed-order.ts, layout-forms.ts and phrasings.ts): post hoc, after the thirty-sixth and
// thirty-seventh tables (measured held out first), in this file's own sentences and scenes,
// committed before the thirty-eighth and thirty-ninth tables were first run.
// - "the salad bowl", "the fruit bowl": a bowl; "every block that you can see": every block.
// - "the blocks on either side of the white bowl": the one to its left and the one to its right.
// - "the two blocks at the right end", "the pink blocks at the ends of the row", "the block on the
//   right end of the row" (not "on the right end of the tray", a place).
// - "the can which is neither the smallest nor the largest": the medium one.
// - "sort the four blocks into a straight horizontal line": a line, not sorting by colour.
// - "… to make a tower of three": what the step makes, not a second step.
// - "make two towers: yellow on orange on red, and …", "green under blue": a stack for each chain.
// - "stack the bottom block on the top one": the block at the bottom, not a role.
// - "stack them up, blue at the bottom, then white, then red, …": listed, bottom first.
// - "first stack the green block on the red one, then put the yellow one on top": on the stack.
// - "lift the white block off the yellow one and put both of them in the bowl": both.
// - "move the ball on the right tray onto the left one": the left tray.
// - "build a tower with the biggest block at the bottom and the smallest on top": by size.
// - "line the blocks up along the bottom, keeping the same order as they are now"; "turn the column
//   into a row, same order, with the white block on the right": the column's order, from white.
// - "stand the three cans in a row along the bottom with the purple one in the middle": the middle
//   place of the line ("along the bottom" read before "with").
// Then post hoc, after the thirty-eighth and thirty-ninth tables (measured held out first): "the
// cutting board", "the chopping board" (a tray); "wichever"; "put the red block in the orange bowl,
// then stack the blue block on top of it" (built in the bowl: it took the red block out first);
// "put each block in a bowl, one in each"; "the second block down", "the third block up"; "top two
// blocks in the black bowl, bottom two in the gray one"; "straighten the blocks out so they form a
// neat vertical line"; "up next to"; "the block above the white bowl and the one below it"; "into
// corners, a different corner for each".

import { describe, expect, it } from 'vitest';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { obj, read, reading } from './rule-fixtures.ts';
import { bowl, box, firstAttempt, task } from './rule-sim-fixtures.ts';

/** A white bowl right of the middle with a block on each side of it; a gray bowl and a green ball at the left. */
const CROSS: SceneFacts = {
  objects: [
    obj('white_bowl', 'bowl', 'white', 0.13, [0.1, -0.02]),
    obj('red_block', 'box', 'red', 0.04, [-0.08, -0.02]),
    obj('green_block', 'box', 'green', 0.04, [0.28, -0.02]),
    obj('blue_block', 'box', 'blue', 0.04, [0.1, 0.16]),
    obj('yellow_block', 'box', 'yellow', 0.04, [0.1, -0.2]),
    obj('gray_bowl', 'bowl', 'gray', 0.13, [-0.28, -0.2]),
    obj('green_ball', 'sphere', 'green', 0.045, [-0.28, 0.18]),
  ],
  zones: [],
};

/** Five blocks in a row across the middle (orange and pink at its ends), a brown tray at the front. */
const ROW: SceneFacts = {
  objects: [
    obj('orange_block', 'box', 'orange', 0.04, [-0.2, 0.05]),
    obj('cyan_block', 'box', 'cyan', 0.04, [-0.1, 0.05]),
    obj('pink_block_a', 'box', 'pink', 0.04, [0.0, 0.05]),
    obj('white_block', 'box', 'white', 0.04, [0.1, 0.05]),
    obj('pink_block_b', 'box', 'pink', 0.04, [0.2, 0.05]),
    obj('brown_tray', 'tray', 'brown', 0.2, [0.0, -0.2]),
  ],
  zones: [],
};

/** Four blocks in a column at the left (white at its top, red at its foot), a black bowl at the right. */
const COLUMN: SceneFacts = {
  objects: [
    obj('white_block', 'box', 'white', 0.04, [-0.15, 0.18]),
    obj('yellow_block', 'box', 'yellow', 0.04, [-0.15, 0.07]),
    obj('blue_block', 'box', 'blue', 0.04, [-0.15, -0.04]),
    obj('red_block', 'box', 'red', 0.04, [-0.15, -0.15]),
    obj('black_bowl', 'bowl', 'black', 0.13, [0.22, 0.0]),
  ],
  zones: [],
};

/** A white block standing on a yellow one; green and red blocks loose; a black bowl. */
const STACK: SceneFacts = {
  objects: [
    obj('yellow_block', 'box', 'yellow', 0.04, [-0.1, 0.05]),
    obj('white_block', 'box', 'white', 0.04, [-0.1, 0.05], 0, 0.06),
    obj('green_block', 'box', 'green', 0.04, [0.05, 0.1]),
    obj('red_block', 'box', 'red', 0.04, [0.2, 0.1]),
    obj('black_bowl', 'bowl', 'black', 0.13, [0.15, -0.15]),
  ],
  zones: [],
};

/** Three cylinders of three sizes and a gray bowl. */
const CANS: SceneFacts = {
  objects: [
    obj('small_can', 'cylinder', 'purple', [0.03, 0.03, 0.045], [0.2, 0.12]),
    obj('mid_can', 'cylinder', 'cyan', [0.04, 0.04, 0.06], [-0.15, -0.05]),
    obj('big_can', 'cylinder', 'pink', [0.05, 0.05, 0.08], [0.2, -0.12]),
    obj('gray_bowl', 'bowl', 'gray', 0.13, [-0.28, 0.15]),
  ],
  zones: [],
};

/** Three trays in a row at the front, a ball on the right one; two blocks at the back. */
const TRAYS: SceneFacts = {
  objects: [
    obj('red_tray', 'tray', 'red', [0.12, 0.12, 0.02], [-0.25, -0.12]),
    obj('white_tray', 'tray', 'white', [0.12, 0.12, 0.02], [0.0, -0.12]),
    obj('blue_tray', 'tray', 'blue', [0.12, 0.12, 0.02], [0.25, -0.12]),
    obj('orange_ball', 'sphere', 'orange', 0.045, [0.25, -0.12], 0, 0.0425),
    obj('orange_block', 'box', 'orange', 0.04, [-0.1, 0.15]),
    obj('green_block', 'box', 'green', 0.04, [0.1, 0.15]),
  ],
  zones: [],
};

/** Six blocks loose at the back and front, no bowl. */
const SIX: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.25, 0.15]),
    obj('orange_block', 'box', 'orange', 0.04, [0.0, 0.15]),
    obj('yellow_block', 'box', 'yellow', 0.04, [0.25, 0.15]),
    obj('green_block', 'box', 'green', 0.04, [-0.25, -0.15]),
    obj('blue_block', 'box', 'blue', 0.04, [0.0, -0.15]),
    obj('purple_block', 'box', 'purple', 0.04, [0.25, -0.15]),
  ],
  zones: [],
};

/** Three blocks of three sizes, loose. */
const SIZES: SceneFacts = {
  objects: [
    obj('big_block', 'box', 'green', 0.06, [-0.2, 0.0]),
    obj('mid_block', 'box', 'yellow', 0.045, [0.0, 0.1]),
    obj('small_block', 'box', 'blue', 0.03, [0.2, -0.05]),
  ],
  zones: [],
};

describe('plain words that say nothing the scene needs', () => {
  it('"the salad bowl", "the fruit bowl": a bowl (with two, the nearer, noted); "every block that you can see": every block', () => {
    const r = reading('put the red block in the salad bowl', CROSS);
    expect(r.intents).toBe('place red_block in white_bowl');
    expect(r.notes).toContain('"the salad bowl" fits white_bowl, gray_bowl: chose white_bowl, nearest the gripper');
    const one: SceneFacts = { objects: CROSS.objects.filter((o) => o.id !== 'white_bowl'), zones: [] };
    expect(read('move the ball furthest from the fruit bowl next to the red block', one)).toBe('place green_ball next to red_block');
    expect(read('put every block that you can see in the gray bowl', CROSS)).toBe(
      'gather red_block, green_block, blue_block, yellow_block in gray_bowl',
    );
  });

  it('"the blocks on either side of the white bowl": the one to its left and the one to its right', () => {
    expect(read('move the blocks on either side of the white bowl to the gray bowl', CROSS)).toBe(
      'gather red_block, green_block in gray_bowl',
    );
    expect(read('put the blocks either side of the white bowl into the gray bowl', CROSS)).toBe(
      'gather red_block, green_block in gray_bowl',
    );
    // Two places, not things said before: still not read, and said so.
    expect(() => read('put a block either side of the gray bowl', CROSS)).toThrow(/at 'either side of the gray bowl'/);
  });

  it('"the can which is neither the smallest nor the largest": the medium one', () => {
    expect(read('put the can which is neither the smallest nor the largest in the bowl', CANS)).toBe('place mid_can in gray_bowl');
  });

  it('"sort the four blocks into a straight horizontal line": a line (sorting by colour needs bowls)', () => {
    expect(read('sort the four blocks into a straight horizontal line', COLUMN)).toBe(
      'line up white_block, yellow_block, blue_block, red_block along +x (horizontal line)',
    );
  });
});

describe('which ones, by the ends of a row', () => {
  it('"the two blocks at the right end", "the pink blocks at the ends of the row", "the block on the right end of the row"', () => {
    expect(read('put the two blocks at the right end on the tray', ROW)).toBe(
      'place pink_block_b in brown_tray | place white_block in brown_tray',
    );
    expect(read('put the pink blocks at the ends of the row on the tray', ROW)).toBe(
      'place pink_block_a in brown_tray | place pink_block_b in brown_tray',
    );
    expect(read('put the block on the right end of the row on the tray', ROW)).toBe('place pink_block_b in brown_tray');
    // ("on the right end of the tray" is where it goes, as before.)
    expect(read('put the white block on the right end of the tray', ROW)).toBe('place white_block on brown_tray');
  });
});

describe('stacks said plainly', () => {
  it('"… to make a tower of three": the step; "stack the bottom block on the top one": the block at the bottom', () => {
    expect(read('set the green block on the white one to make a tower of three', STACK)).toBe('place green_block on white_block');
    expect(read('stack the bottom block on the top one', COLUMN)).toBe('stack white_block < red_block');
  });

  it('"make two towers: yellow on orange on red, and purple on blue on green", "green under blue": a stack for each chain', () => {
    expect(read('make two towers: yellow on orange on red, and purple on blue on green', SIX)).toBe(
      'stack red_block < orange_block < yellow_block | stack green_block < blue_block < purple_block',
    );
    expect(read('build two stacks, green under blue, and red under orange under yellow', SIX)).toBe(
      'stack green_block < blue_block | stack red_block < orange_block < yellow_block',
    );
  });

  it('"stack them up, blue at the bottom, then white, then red, then yellow": listed, bottom first', () => {
    const r = reading('stack them up, blue at the bottom, then white, then red, then yellow', COLUMN);
    expect(r.intents).toBe('stack blue_block < white_block < red_block < yellow_block');
    expect(r.notes).toContain('stack order read as listed, bottom first');
  });

  it('"first stack the green block on the red one, then put the yellow one on top": on the stack just made', () => {
    expect(read('first stack the green block on the red one, then put the yellow one on top', STACK)).toBe(
      'stack red_block < green_block < yellow_block',
    );
  });

  it('"lift the white block off the yellow one and put both of them in the black bowl": the one taken off and the one under it', () => {
    expect(read('lift the white block off the yellow one and put both of them in the black bowl', STACK)).toBe(
      'unstack white_block from yellow_block | gather white_block, yellow_block in black_bowl',
    );
  });

  it('"build a tower with the biggest block at the bottom and the smallest on top": every block by size', () => {
    expect(read('build a tower with the biggest block at the bottom and the smallest on top', SIZES)).toBe(
      'stack big_block < mid_block < small_block',
    );
  });
});

describe('where things go, said of what they stand on', () => {
  it('"move the ball on the right tray onto the left one": the left tray ("the red one" of a block is still the tray, noted)', () => {
    expect(read('move the ball on the right tray onto the left one', TRAYS)).toBe('place orange_ball in red_tray');
    const r = reading('put the green block on the red one', TRAYS);
    expect(r.intents).toBe('place green_block in red_tray');
  });

  it('"line the blocks up along the bottom, keeping the same order as they are now": in their order', () => {
    expect(read('line the blocks up along the bottom, keeping the same order as they are now', ROW)).toBe(
      'line up orange_block, cyan_block, pink_block_a, white_block, pink_block_b along +x (horizontal line) in the bottom side',
    );
  });

  it('"turn the column into a row along the top, same order, with the white block on the right": the column\'s order, from white', () => {
    const r = reading('turn the column into a row along the top, same order, with the white block on the right', COLUMN);
    expect(r.intents).toBe('line up red_block, blue_block, yellow_block, white_block along +x (horizontal line) in the top side');
    expect(r.notes).toContain(
      "the things lie in a line the other way: kept in that order, from the white block's end (red_block, blue_block, yellow_block, white_block)",
    );
  });
});

describe('a line with one thing in its middle', () => {
  it('"stand the three cans in a row along the bottom with the purple one in the middle": the middle place of the line', () => {
    expect(read('stand the three cans in a row along the bottom with the purple one in the middle', CANS)).toBe(
      'line up mid_can, small_can, big_can along +x (horizontal line) in the bottom side',
    );
    expect(read('put the cans in a line with the pink one in the middle', CANS)).toBe(
      'line up mid_can, big_can, small_can along +x (horizontal line)',
    );
  });
});

/** Four blocks in a column at the left (white at its top), a black bowl at the back right and a gray one at the front right. */
const COLUMN2: SceneFacts = {
  objects: [
    ...COLUMN.objects.filter((o) => o.shape === 'box'),
    obj('black_bowl', 'bowl', 'black', 0.13, [0.22, 0.12]),
    obj('gray_bowl', 'bowl', 'gray', 0.13, [0.22, -0.12]),
  ],
  zones: [],
};

/** Two balls, a white bowl, a brown tray (a board, to a cook) and a red block. */
const KITCHEN: SceneFacts = {
  objects: [
    obj('green_ball', 'sphere', 'green', 0.045, [-0.2, 0.1]),
    obj('pink_ball', 'sphere', 'pink', 0.045, [0.0, 0.15]),
    obj('white_bowl', 'bowl', 'white', 0.13, [0.22, 0.12]),
    obj('wood_tray', 'tray', 'brown', [0.2, 0.12, 0.02], [0.1, -0.15]),
    obj('red_block', 'box', 'red', 0.04, [-0.25, -0.15]),
  ],
  zones: [],
};

/** A red and a blue block, an orange and a cyan bowl. */
const PAIR: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.2, 0.1]),
    obj('blue_block', 'box', 'blue', 0.04, [0.15, 0.12]),
    obj('orange_bowl', 'bowl', 'orange', 0.13, [0.2, -0.12]),
    obj('cyan_bowl', 'bowl', 'cyan', 0.13, [-0.2, -0.12]),
  ],
  zones: [],
};

describe('then post hoc, after the thirty-eighth and thirty-ninth tables (measured held out first)', () => {
  it('"the cutting board", "the chopping board": a tray; "wichever": whichever', () => {
    expect(read('put the green ball in the bowl, then put the pink one on the cutting board', KITCHEN)).toBe(
      'place green_ball in white_bowl | place pink_ball in wood_tray',
    );
    expect(read('put the red block on the chopping board', KITCHEN)).toBe('place red_block in wood_tray');
    expect(read('put the red block in wichever bowl is furthest from the blue block', PAIR)).toBe('place red_block in cyan_bowl');
  });

  it('"put the red block in the orange bowl, then stack the blue block on top of it": built in the bowl', () => {
    expect(read('put the red block in the orange bowl, then stack the blue block on top of it', PAIR)).toBe(
      'place red_block in orange_bowl | stack red_block < blue_block',
    );
  });

  it('"put each block in a bowl, one in each": a bowl each', () => {
    const r = reading('put each block in a bowl, one in each', PAIR);
    expect(r.intents).toBe('sort red_block→cyan_bowl, blue_block→orange_bowl');
    expect(r.notes).toContain('a bowl each: each to a bowl of its own, the shortest carries overall');
    expect(read('put the blocks in the bowls, one in each', PAIR)).toBe('sort red_block→cyan_bowl, blue_block→orange_bowl');
  });

  it('"the second block down", "the third block up": counted from the top, from the bottom; "top two blocks …, bottom two …"', () => {
    expect(read('take the second block down and put it in the black bowl', COLUMN2)).toBe('place yellow_block in black_bowl');
    expect(read('put the third block up in the gray bowl', COLUMN2)).toBe('place yellow_block in gray_bowl');
    expect(read('top two blocks in the black bowl, bottom two in the gray one', COLUMN2)).toBe(
      'gather white_block, yellow_block in black_bowl | gather red_block, blue_block in gray_bowl',
    );
  });

  it('"the block above the white bowl and the one below it": below the bowl; "into corners, a different corner for each"', () => {
    expect(read('put the block above the white bowl and the one below it in the gray bowl', CROSS)).toBe(
      'gather blue_block, yellow_block in gray_bowl',
    );
    expect(read('red, yellow and blue blocks into corners, a different corner for each', CROSS)).toBe(
      'place red_block to the bottom left corner | place yellow_block to the bottom right corner | place blue_block to the top right corner',
    );
  });

  it('"straighten the blocks out so they form a neat vertical line": in one; "up next to": next to', () => {
    expect(read('straighten the blocks out so they form a neat vertical line', COLUMN2)).toBe(
      'line up red_block, blue_block, yellow_block, white_block along +y (vertical line)',
    );
    expect(read('slide the blue block up next to the cyan bowl', PAIR)).toBe('push blue_block next to cyan_bowl');
  });
});

describe('in simulation', () => {
  it('"put the red block in the orange bowl, then stack the blue block on top of it" is solved at the first attempt', async () => {
    const def = task(
      'put the red block in the orange bowl, then stack the blue block on top of it',
      [
        box('red_block', 'red', 0.04, { position: [-0.2, 0.1], jitter: 0 }),
        box('blue_block', 'blue', 0.04, { position: [0.15, 0.12], jitter: 0 }),
        bowl('orange_bowl', 'orange', { position: [0.2, -0.12], jitter: 0 }),
      ],
      { all: [{ inside: ['red_block', 'orange_bowl'] }, { on: ['blue_block', 'red_block'] }] },
    );
    const r = await firstAttempt(def, 0);
    expect(r, r.detail).toMatchObject({ ok: true });
  });

  it('"lift the white block off the yellow one and put both of them in the black bowl" is solved at the first attempt', async () => {
    const def = task(
      'lift the white block off the yellow one and put both of them in the black bowl',
      [
        box('yellow_block', 'yellow', 0.04, { position: [-0.1, 0.05], jitter: 0 }),
        box('white_block', 'white', 0.04, { on: 'yellow_block' }),
        box('green_block', 'green', 0.04, { position: [0.05, 0.15], jitter: 0 }),
        bowl('black_bowl', 'black', { position: [0.15, -0.15], jitter: 0 }),
      ],
      { all: [{ inside: ['white_block', 'black_bowl'] }, { inside: ['yellow_block', 'black_bowl'] }] },
    );
    const r = await firstAttempt(def, 0);
    expect(r, r.detail).toMatchObject({ ok: true });
  });
});
