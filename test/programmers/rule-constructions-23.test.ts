// How the rule programmer reads what people say, twenty-sixth round (policy/programmers/rules/
// layout-forms.ts and the readings it leans on in normalize.ts, phrasings.ts, tokenizer.ts,
// references.ts and intents.ts): post hoc, after the thirty-second and thirty-third tables
// (measured held out first), in this file's own sentences and scenes, committed before the
// thirty-fourth and thirty-fifth tables were first run.
// - "the blocks to the left and right of the white bowl", "above and below it": one on each side.
// - "the block at the top of the L", "the right end of the bottom bar": the letter is the things
//   laid out so; its bar is a row.
// - "move it to the corner but keep it standing up": standing up, not held.
// - "one of the green things … and the other one …": the other green thing.
// - "the green mat", "one block per mat" where the scene marks no zone but has trays: the tray; a
//   zone called a mat stays the zone.
// - "domino", "dominoes": blocks; "heap": a pile, "the right heap" the bunch on the right.
// - "every block in the bowl straight above it", "the bowls above them": each to its own.
// - "the loose block closest to the stack": not one of the stack's own.
// - "take the stack apart, then build it again with white at the bottom and blue on top": all of it.
// - "pop it off the tall tower onto the short one": the short tower.
// - "the two blocks in the middle of the row"; "the block on the left end of the bottom row".
// Then post hoc, after the thirty-fourth and thirty-fifth tables (measured held out first): "the top two
// in the yellow one" after "the bottom two blocks"; "both of them", "all of them", "the pair of them";
// "the block at the bottom just to the right of X"; "straighten up the colum of blocks", a wobbly
// column; "one behind the other"; "tabel"; "in a row across the middle: yellow, blue, … from the
// left", "yellow at the left, then blue, …"; "all the blocks except the one in the orange bowl onto
// the tray".

import { describe, expect, it } from 'vitest';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { obj, read, reading, zone } from './rule-fixtures.ts';
import { bowl, box, firstAttempt, task } from './rule-sim-fixtures.ts';

/** Two trays like place mats at the sides, two blocks at the top, a ball at the front. */
const MATS: SceneFacts = {
  objects: [
    obj('red_tray', 'tray', 'red', [0.12, 0.09, 0.02], [-0.28, -0.05]),
    obj('green_tray', 'tray', 'green', [0.12, 0.09, 0.02], [0.28, -0.05]),
    obj('blue_block', 'box', 'blue', 0.04, [-0.1, 0.15]),
    obj('white_block', 'box', 'white', 0.04, [0.1, 0.15]),
    obj('pink_ball', 'sphere', 'pink', 0.045, [0, -0.2]),
  ],
  zones: [],
};

/** A white bowl right of the middle with a block on each side of it; two more bowls at the left. */
const CROSS: SceneFacts = {
  objects: [
    obj('white_bowl', 'bowl', 'white', 0.13, [0.1, -0.02]),
    obj('red_block', 'box', 'red', 0.04, [-0.08, -0.02]),
    obj('green_block', 'box', 'green', 0.04, [0.28, -0.02]),
    obj('blue_block', 'box', 'blue', 0.04, [0.1, 0.16]),
    obj('yellow_block', 'box', 'yellow', 0.04, [0.1, -0.2]),
    obj('black_bowl', 'bowl', 'black', 0.13, [-0.28, 0.2]),
    obj('gray_bowl', 'bowl', 'gray', 0.13, [-0.28, -0.2]),
  ],
  zones: [],
};

/** Five blocks laid out as an L (red at its top, white at the right end of its foot), a bowl. */
const ELL: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.1, 0.12]),
    obj('green_block', 'box', 'green', 0.04, [-0.1, 0.02]),
    obj('blue_block', 'box', 'blue', 0.04, [-0.1, -0.08]),
    obj('yellow_block', 'box', 'yellow', 0.04, [0.0, -0.08]),
    obj('white_block', 'box', 'white', 0.04, [0.1, -0.08]),
    obj('pink_bowl', 'bowl', 'pink', 0.13, [0.28, 0.18]),
  ],
  zones: [],
};

/** Three bowls along the top, a block straight below each (not of its colour). */
const UNDER: SceneFacts = {
  objects: [
    obj('red_bowl', 'bowl', 'red', 0.13, [-0.2, 0.18]),
    obj('blue_bowl', 'bowl', 'blue', 0.13, [0.0, 0.18]),
    obj('green_bowl', 'bowl', 'green', 0.13, [0.2, 0.18]),
    obj('green_block', 'box', 'green', 0.04, [-0.2, -0.1]),
    obj('red_block', 'box', 'red', 0.04, [0.0, -0.1]),
    obj('blue_block', 'box', 'blue', 0.04, [0.2, -0.1]),
  ],
  zones: [],
};

/** A stack of three (blue, yellow, white from the bottom) at the left, two loose blocks, a bowl. */
const STACK: SceneFacts = {
  objects: [
    obj('blue_block', 'box', 'blue', 0.04, [-0.1, 0.05]),
    obj('yellow_block', 'box', 'yellow', 0.04, [-0.1, 0.05], 0, 0.06),
    obj('white_block', 'box', 'white', 0.04, [-0.1, 0.05], 0, 0.1),
    obj('red_block', 'box', 'red', 0.04, [0.25, 0.05]),
    obj('green_block', 'box', 'green', 0.04, [0.0, 0.05]),
    obj('black_bowl', 'bowl', 'black', 0.13, [0.2, -0.2]),
  ],
  zones: [],
};

describe('things named by how they are laid out', () => {
  it('"the blocks to the left and right of the white bowl", "above and below": one on each side', () => {
    expect(read('put the blocks to the left and right of the white bowl in the black bowl', CROSS)).toBe(
      'gather red_block, green_block in black_bowl',
    );
    expect(read('put the blocks above and below the white bowl into the gray bowl', CROSS)).toBe(
      'gather blue_block, yellow_block in gray_bowl',
    );
  });

  it('"the block at the top of the L", "the right end of the bottom bar": the letter is the things laid out so', () => {
    expect(read('put the block at the top of the L in the bowl', ELL)).toBe('place red_block in pink_bowl');
    expect(read('put the block at the right end of the bottom bar in the pink bowl', ELL)).toBe('place white_block in pink_bowl');
  });

  it('"every block in the bowl straight above it", "the green, red and blue blocks in the bowls above them": each to its own', () => {
    const each = 'place green_block in red_bowl | place red_block in blue_bowl | place blue_block in green_bowl';
    expect(read('put every block in the bowl straight above it', UNDER)).toBe(each);
    const r = reading('put the green, red and blue blocks in the bowls above them', UNDER);
    expect(r.intents).toBe(each);
    expect(r.notes).toContain("'the bowls above them': for each of green_block, red_block, blue_block in turn");
  });

  it('"the loose block closest to the stack": none of the stack\'s own; "build it again" after taking it apart: all of it', () => {
    expect(read('put the loose block closest to the stack in the black bowl', STACK)).toBe('place green_block in black_bowl');
    const r = reading('take the stack apart, then build it again with white at the bottom and blue on top', STACK);
    expect(r.intents).toBe('stack white_block < yellow_block < blue_block');
    expect(r.notes).toContain("'it': the tower taken apart before (blue_block, yellow_block, white_block)");
  });

  it('"pop it off the tall tower onto the short one": the short tower ("the green one" after a tower is still a block)', () => {
    const two: SceneFacts = {
      objects: [
        obj('blue_block', 'box', 'blue', 0.04, [-0.15, 0.05]),
        obj('yellow_block', 'box', 'yellow', 0.04, [-0.15, 0.05], 0, 0.06),
        obj('white_block', 'box', 'white', 0.04, [-0.15, 0.05], 0, 0.1),
        obj('red_block', 'box', 'red', 0.04, [0.15, 0.05]),
        obj('green_block', 'box', 'green', 0.04, [0.15, 0.05], 0, 0.06),
        obj('black_bowl', 'bowl', 'black', 0.13, [0.2, -0.2]),
      ],
      zones: [],
    };
    expect(read('pop the white block off the tall tower onto the short one', two)).toBe(
      'place white_block on green_block (off yellow_block)',
    );
    expect(read('take the green block off the short stack and put it on the tall one', two)).toBe(
      'place green_block on white_block (off red_block)',
    );
    expect(read('put the white block from the tall tower next to the green one', two)).toBe(
      'place white_block next to green_block (off yellow_block)',
    );
  });

  it('"the two blocks in the middle of the row", "the block on the left end of the bottom row"', () => {
    const row: SceneFacts = {
      objects: [
        obj('a_block', 'box', 'red', 0.04, [-0.15, 0]),
        obj('b_block', 'box', 'green', 0.04, [-0.05, 0]),
        obj('c_block', 'box', 'blue', 0.04, [0.05, 0]),
        obj('d_block', 'box', 'yellow', 0.04, [0.15, 0]),
        obj('brown_tray', 'tray', 'brown', 0.2, [0, -0.22]),
        obj('orange_block', 'box', 'orange', 0.04, [-0.25, 0.2]),
        obj('purple_block', 'box', 'purple', 0.04, [0, 0.2]),
      ],
      zones: [],
    };
    expect(read('put the two blocks in the middle of the row on the tray', row)).toBe(
      'place b_block in brown_tray | place c_block in brown_tray',
    );
    expect(read('put the block on the left end of the bottom row on the tray', row)).toBe('place a_block in brown_tray');
  });

  it('"the right heap", "the left heap": the bunch lying on that side', () => {
    const heaps: SceneFacts = {
      objects: [
        obj('red_block', 'box', 'red', 0.04, [-0.25, 0]),
        obj('red_ball', 'sphere', 'red', 0.045, [-0.2, 0.04]),
        obj('blue_can', 'cylinder', 'blue', [0.04, 0.04, 0.07], [-0.22, -0.05]),
        obj('green_block', 'box', 'green', 0.04, [0.22, 0]),
        obj('green_ball', 'sphere', 'green', 0.045, [0.27, 0.04]),
        obj('yellow_can', 'cylinder', 'yellow', [0.04, 0.04, 0.07], [0.24, -0.05]),
      ],
      zones: [],
    };
    expect(read('put the three things from the right heap in a row along the top', heaps)).toMatch(
      /^line up (green_block|green_ball|yellow_can), (green_block|green_ball|yellow_can), (green_block|green_ball|yellow_can) /,
    );
    expect(read('put the three things from the left heap in a row along the top', heaps)).toMatch(
      /^line up (red_block|red_ball|blue_can), (red_block|red_ball|blue_can), (red_block|red_ball|blue_can) /,
    );
  });
});

describe('words for the things and how they are put', () => {
  it('"the green mat", "one block per mat": a tray where the scene marks no zone; a zone called a mat stays the zone', () => {
    expect(read('put the blue block on the green mat', MATS)).toBe('place blue_block in green_tray');
    expect(read('put the ball on the mat nearest the white block', MATS)).toBe('place pink_ball in green_tray');
    expect(read('set the blue and white blocks on the mats, one block per mat', MATS)).toMatch(
      /^sort blue_block→(red|green)_tray, white_block→(red|green)_tray$/,
    );
    const marked = { ...MATS, zones: [zone('green_mat', 'green', [-0.05, 0], [0.05, 0.1])] };
    expect(read('put the blue block on the green mat', marked)).toBe('place blue_block in zone green_mat');
    // A zone word of a colour some tray has is that tray, noted; of a part of the table, no tray.
    const square = reading('put the blue block on the red square', MATS);
    expect(square.intents).toBe('place blue_block in red_tray');
    expect(square.notes).toContain("'the red square': no zone is marked; read as a tray");
    expect(() => read('put the blue block on the bottom right square', MATS)).toThrow(/no zone matches 'square'/);
    // ("switch the places of" is not a plate, nor a tray.)
    expect(read('switch the places of the blue and white blocks', MATS)).toBe('swap blue_block and white_block');
  });

  it('"domino", "dominoes": blocks; "keep it standing up": how it is put down, not a second step', () => {
    const dominoes: SceneFacts = {
      objects: [
        obj('red_block', 'box', 'red', [0.02, 0.05, 0.09], [-0.15, -0.1]),
        obj('blue_block', 'box', 'blue', [0.02, 0.05, 0.09], [0, -0.1]),
        obj('white_block', 'box', 'white', [0.02, 0.05, 0.09], [0.15, -0.1]),
        obj('black_bowl', 'bowl', 'black', 0.13, [0.2, 0.18]),
      ],
      zones: [],
    };
    expect(read('put the domino on the far right in the bowl', dominoes)).toBe('place white_block in black_bowl');
    expect(read('move all three dominoes to the left side', dominoes)).toBe(
      'place red_block to the left side | place blue_block to the left side | place white_block to the left side',
    );
    const tall: SceneFacts = {
      objects: [obj('tall_block', 'box', 'orange', [0.03, 0.03, 0.1], [0.1, 0.05]), obj('gray_bowl', 'bowl', 'gray', 0.13, [-0.2, 0.1])],
      zones: [],
    };
    expect(read('move the tall block to the top left corner but keep it standing up', tall)).toBe(
      'place tall_block upright to the top left corner',
    );
  });

  it('"one of the green things in the white bowl and the other one on the tray": the other green thing', () => {
    const greens: SceneFacts = {
      objects: [
        obj('green_can', 'cylinder', 'green', [0.04, 0.04, 0.07], [-0.1, 0.1]),
        obj('green_ball', 'sphere', 'green', 0.045, [0.1, 0.12]),
        obj('red_can', 'cylinder', 'red', [0.04, 0.04, 0.07], [0, -0.05]),
        obj('white_bowl', 'bowl', 'white', 0.13, [-0.25, -0.15]),
        obj('brown_tray', 'tray', 'brown', 0.2, [0.25, -0.15]),
      ],
      zones: [],
    };
    expect(read('put one of the green things in the white bowl and the other one on the tray', greens)).toBe(
      'place green_can in white_bowl | place green_ball in brown_tray',
    );
  });
});

describe('post hoc, after the thirty-fourth and thirty-fifth tables (measured held out first)', () => {
  /** Four blocks in a wobbly column up the middle (green at the bottom, cyan at the top), a bowl at each side. */
  const column: SceneFacts = {
    objects: [
      obj('green_block', 'box', 'green', 0.04, [-0.03, -0.17]),
      obj('orange_block', 'box', 'orange', 0.04, [0.04, -0.06]),
      obj('pink_block', 'box', 'pink', 0.04, [-0.04, 0.05]),
      obj('cyan_block', 'box', 'cyan', 0.04, [0.03, 0.16]),
      obj('yellow_bowl', 'bowl', 'yellow', 0.14, [-0.24, 0.02]),
      obj('blue_bowl', 'bowl', 'blue', 0.14, [0.24, -0.02]),
    ],
    zones: [],
  };
  const row: SceneFacts = {
    objects: [
      obj('red_block', 'box', 'red', 0.04, [-0.15, 0]),
      obj('green_block', 'box', 'green', 0.04, [-0.05, 0]),
      obj('blue_block', 'box', 'blue', 0.04, [0.05, 0]),
      obj('yellow_block', 'box', 'yellow', 0.04, [0.15, 0]),
    ],
    zones: [],
  };

  it('"the bottom two blocks in the blue bowl and the top two in the yellow one": two by rank each, not the two said before', () => {
    const each = 'gather green_block, orange_block in blue_bowl | gather cyan_block, pink_block in yellow_bowl';
    expect(read('Put the bottom two blocks in the blue bowl and the top two in the yellow one.', column)).toBe(each);
    expect(read('Put the bottom two blocks in the blue bowl. Put the top two blocks in the yellow bowl.', column)).toBe(each);
  });

  it('"put both of them", "all of them", "the pair of them": them; "the block at the bottom just to the right of X": the bottom block', () => {
    expect(read('the green and the pink block, put both of them in the blue bowl', column)).toBe(
      'gather green_block, pink_block in blue_bowl',
    );
    expect(read('the green and the pink block, put all of them in the blue bowl', column)).toBe(
      'gather green_block, pink_block in blue_bowl',
    );
    expect(read('put the block at the bottom just to the right of the yellow bowl', column)).toBe(
      'place green_block just right of yellow_bowl',
    );
  });

  it('"straighten up the colum of blocks", "straighten the column up so its a proper vertical line": a wobbly column, in one vertical line', () => {
    for (const text of ['straighten up the colum of blocks', 'straighten the column up so its a proper vertical line'])
      expect(read(text, column), text).toBe('line up green_block, orange_block, pink_block, cyan_block along +y (vertical line)');
    expect(read('line the blocks up one behind the other in the middle of the tabel', row)).toMatch(
      /^line up .* along \+y \(vertical line\) in the center$/,
    );
  });

  it('"in a row across the middle: yellow, blue, green, red from the left", "yellow at the left, then blue, then green, then red"', () => {
    const order = 'line up yellow_block, blue_block, green_block, red_block along +x (horizontal line)';
    expect(read('Put the four blocks in a row across the middle: yellow, blue, green, red from the left.', row)).toBe(
      `${order} in the center`,
    );
    expect(read('Put the four blocks in a row, yellow at the left, then blue, then green, then red.', row)).toBe(order);
  });

  it('"all the blocks except the one in the orange bowl onto the tray": the one in the bowl is left out', () => {
    const bowls: SceneFacts = {
      objects: [
        obj('orange_bowl', 'bowl', 'orange', 0.14, [0.24, 0]),
        obj('blue_block', 'box', 'blue', 0.04, [0.24, 0], 0, 0.03),
        obj('white_tray', 'tray', 'white', 0.2, [0, 0]),
        obj('yellow_block', 'box', 'yellow', 0.04, [0.02, 0.2]),
        obj('black_block', 'box', 'black', 0.04, [0.3, -0.2]),
      ],
      zones: [],
    };
    expect(read('all the blocks except the one in the orange bowl onto the tray', bowls)).toBe(
      'place yellow_block in white_tray | place black_block in white_tray',
    );
  });
});

describe('in simulation', () => {
  it('"put the blocks above and below the white bowl into the gray bowl" is solved at the first attempt', async () => {
    const def = task(
      'put the blocks above and below the white bowl into the gray bowl',
      [
        bowl('white_bowl', 'white', { position: [0.1, -0.02], jitter: 0 }),
        box('red_block', 'red', 0.04, { position: [-0.08, -0.02], jitter: 0 }),
        box('green_block', 'green', 0.04, { position: [0.28, -0.02], jitter: 0 }),
        box('blue_block', 'blue', 0.04, { position: [0.1, 0.16], jitter: 0 }),
        box('yellow_block', 'yellow', 0.04, { position: [0.1, -0.2], jitter: 0 }),
        bowl('gray_bowl', 'gray', { position: [-0.28, -0.2], jitter: 0 }),
      ],
      { all: [{ inside: ['blue_block', 'gray_bowl'] }, { inside: ['yellow_block', 'gray_bowl'] }] },
    );
    const r = await firstAttempt(def, 0);
    expect(r, r.detail).toMatchObject({ ok: true });
  });
});
