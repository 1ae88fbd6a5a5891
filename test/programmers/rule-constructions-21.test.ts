// How the rule programmer reads what people say, twenty-fourth round (policy/programmers/rules/
// everyday-forms.ts and the readings it leans on): the lead's own everyday sentences, in this file's
// scenes, committed before the twenty-sixth and twenty-seventh tables were first run.
// - "so it's touching the ball", "so it touches the bowl": next to it.
// - "the block that's on top", "the one on top", "the block on top of the stack", "the block at the
//   bottom of the tower", said before where it goes: which one of the stack. "put the purple one on
//   top" with one stack on the table: on its top block.
// - "all but X", "all of them except X", "them all except X", "… in the bowl but / besides X".
// - "except the can on the left" at the end of the clause.
// - "each ball in the nearest bowl", "the blue ball in the nearest bowl": nearest to the ball.
// - "the opposite corner to X", "the corner opposite X".
// - "turn the row into a column", "make the row vertical".
// - "two blocks in the red bowl and one in the green bowl", "two blocks in the bowl and two on the
//   tray": not the same ones again.
// - "… in the bowl then the blue block" (no comma before "then"); "every second block"; "the middle
//   two blocks"; "the blocks on the left side of the table" with none in the band along the edge.
// - "move the biggest block to the bottom left", "put the smallest block at the top right": the
//   thing and where, not an order by size.
// - "line the cans up: white, red, blue": the cans of those colours.
// - "…, leave the blue one in the middle" when it is there already: it stays (and no other step takes it).
// - "put the red block on the tray and the ball beside the bowl": two puts, not a bridge.
// - "put the 2 blocks nearest the tray on it": the tray, not each other.
// Then post hoc, after the twenty-sixth and twenty-seventh tables (measured held out first), in this
// file's own sentences and scenes: misspelt grammar words ("litle", "diffrent"); "every purple or
// orange thing"; "the tallest stack", "the short pile"; "so no block is on top of another", ", no
// stacking"; "both top cans", "all four" after the cans were named; "the wonky red block", "the long
// tray"; "the row of blocks into a column going up and down", "turn the diagonal into …"; "the block
// on the right a little to the left of the bowl"; "in that one", "the one furthest from it", "the bowl
// it's closest to"; "across the back"; "tidy … into a line"; "never in the bowl of their own colour";
// "the small orange block …, then the big one".

import { describe, expect, it } from 'vitest';
import {
  BLOCKS_AND_BALLS,
  CANS_AND_BALLS,
  FOUR_SIZES,
  MATCH,
  MIXED,
  RAINBOW,
  ROW,
  TOWER,
  TWO_CORNERS,
  read,
  reading,
} from './rule-fixtures.ts';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { obj } from './rule-fixtures.ts';
import { box, bowl, firstAttempt, task } from './rule-sim-fixtures.ts';

/** Stacks of one, two and three blocks (red alone; blue on green; purple on white on yellow), a grey tray, a black bowl. */
const STAIRS: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.2, 0.0], 0, 0.02),
    obj('green_block', 'box', 'green', 0.04, [0.0, 0.0], 0, 0.02),
    obj('blue_block', 'box', 'blue', 0.04, [0.0, 0.0], 0, 0.06),
    obj('yellow_block', 'box', 'yellow', 0.04, [0.2, 0.0], 0, 0.02),
    obj('white_block', 'box', 'white', 0.04, [0.2, 0.0], 0, 0.06),
    obj('purple_block', 'box', 'purple', 0.04, [0.2, 0.0], 0, 0.1),
    obj('gray_tray', 'tray', 'gray', 0.2, [-0.25, -0.2]),
    obj('black_bowl', 'bowl', 'black', 0.13, [0.25, 0.2]),
  ],
  zones: [],
};

/** Two stacks of two cans (blue on red, white on green), a yellow block, a pink bowl. */
const CAN_STACKS: SceneFacts = {
  objects: [
    obj('red_can', 'cylinder', 'red', [0.04, 0.04, 0.07], [-0.15, 0.0], 0, 0.035),
    obj('blue_can', 'cylinder', 'blue', [0.04, 0.04, 0.07], [-0.15, 0.0], 0, 0.105),
    obj('green_can', 'cylinder', 'green', [0.04, 0.04, 0.07], [0.15, 0.0], 0, 0.035),
    obj('white_can', 'cylinder', 'white', [0.04, 0.04, 0.07], [0.15, 0.0], 0, 0.105),
    obj('yellow_block', 'box', 'yellow', 0.04, [0.0, -0.2]),
    obj('pink_bowl', 'bowl', 'pink', 0.13, [0.25, 0.2]),
  ],
  zones: [],
};

/** A big and a small orange block, a bigger blue block, an orange ball, a grey tray, a white bowl. */
const ORANGES: SceneFacts = {
  objects: [
    obj('orange_block', 'box', 'orange', 0.06, [-0.2, 0.1]),
    obj('orange_block_small', 'box', 'orange', 0.03, [0.0, 0.1]),
    obj('blue_block', 'box', 'blue', 0.07, [0.2, 0.1]),
    obj('orange_ball', 'sphere', 'orange', 0.045, [0.1, -0.1]),
    obj('gray_tray', 'tray', 'gray', 0.2, [-0.25, -0.2]),
    obj('white_bowl', 'bowl', 'white', 0.13, [0.25, -0.2]),
  ],
  zones: [],
};

describe('touching, and the ends of a stack', () => {
  it('"so its touching the ball", "so it touches the bowl": next to it', () => {
    expect(read('put the red block so its touching the ball', MIXED)).toBe('place red_block next to orange_ball');
    expect(read('push the can so it touches the bowl', MIXED)).toBe('push pink_can next to white_bowl');
  });

  it('"the block thats on top", "the one on top", "the block on top of the stack", then where it goes: the top block', () => {
    expect(read('put the block thats on top in the bowl', TOWER)).toBe('place green_block in blue_bowl');
    expect(read('put the one on top in the bowl', TOWER)).toBe('place green_block in blue_bowl');
    expect(read('put the block on top of the stack in the bowl', TOWER)).toBe('place green_block in blue_bowl (off yellow_block)');
  });

  it('"the block at the bottom of the tower" is its bottom block (it used to be the lowest block on the table)', () => {
    expect(read('put the block at the bottom of the tower in the bowl', TOWER)).toMatch(/place red_block in blue_bowl$/);
  });

  it('"put the purple one on top" with one stack: on its top block, noted; with none, the top of the table', () => {
    const r = reading('put the purple one on top', TOWER);
    expect(r.intents).toBe('place purple_block on green_block');
    expect(r.notes.join(' ')).toContain("'on top': on top of the stack, on green_block");
    expect(read('put the red block on top', MIXED)).toBe('place red_block to the top (top_side)');
  });
});

describe('all but one', () => {
  const allButPurple =
    'place red_block in brown_tray | place orange_block in brown_tray | place yellow_block in brown_tray | place green_block in brown_tray | place blue_block in brown_tray';

  it('"all but X", "all of them except X": everything except it', () => {
    expect(read('put all but the purple block on the brown tray', RAINBOW)).toBe(allButPurple);
    expect(read('put all of them except the purple block on the brown tray', RAINBOW)).toBe(allButPurple);
  });

  it('"them all except the white can" leaves the white can (it used to put it on the tray too)', () => {
    expect(read('put them all except the white can on the tray', CANS_AND_BALLS)).toBe(
      'place red_can in yellow_tray | place blue_can in yellow_tray | place red_ball in yellow_tray | place blue_ball in yellow_tray | place white_ball in yellow_tray',
    );
  });

  it('"in the bowl but the blue one", "besides the white one": except it (it used to put the blue one alone)', () => {
    expect(read('put all the blocks in the bowl but the blue one', RAINBOW)).toBe(
      'gather red_block, orange_block, yellow_block, green_block, purple_block in pink_bowl',
    );
    expect(read('put every block on the tray besides the white one', ROW)).toBe(
      'place red_block in gray_tray | place yellow_block in gray_tray | place blue_block in gray_tray | place green_block in gray_tray',
    );
  });

  it('"except the can on the left" at the end of the clause: the leftmost can stays', () => {
    expect(read('put all the cans on the tray except the can on the left', CANS_AND_BALLS)).toBe(
      'place red_can in yellow_tray | place blue_can in yellow_tray',
    );
  });
});

describe('nearest places and opposite corners', () => {
  it('"each ball in the nearest bowl": the bowl nearest each ball (it used to be one bowl for both)', () => {
    expect(read('put each ball in the nearest bowl', BLOCKS_AND_BALLS)).toBe(
      'place blue_ball in brown_bowl | place green_ball in purple_bowl',
    );
  });

  it('"the blue ball in the nearest bowl": nearest the ball, not the gripper; "the nearest bowl to the tray" as said', () => {
    expect(read('put the blue ball in the nearest bowl', BLOCKS_AND_BALLS)).toBe('place blue_ball in brown_bowl');
    expect(read('put the blue ball in the nearest bowl to the tray', BLOCKS_AND_BALLS)).toBe('place blue_ball in purple_bowl');
  });

  it('"the opposite corner to the red one", "the corner opposite the red block": the corner farthest from it', () => {
    const want = 'place green_block to the corner farthest from red_block (bottom right corner)';
    expect(read('put the green block in the opposite corner to the red one', TWO_CORNERS)).toBe(want);
    expect(read('put the green block in the corner opposite the red block', TWO_CORNERS)).toBe(want);
  });
});

describe('rows, columns and counts', () => {
  it('"turn the row into a column", "make the row vertical": a vertical line of the row (it used to be a stack)', () => {
    const want = 'line up red_block, yellow_block, blue_block, green_block, white_block along +y (vertical line)';
    expect(read('turn the row into a column', ROW)).toBe(want);
    expect(read('make the row vertical', ROW)).toBe(want);
  });

  it('"two blocks in the red bowl and one in the green bowl": the one is another block (it used to be one of the two)', () => {
    const r = reading('put two blocks in the red bowl and one in the green bowl', MATCH);
    expect(r.intents).toBe('gather green_block, red_block in red_bowl | place blue_block in green_bowl');
    expect(r.notes.join(' ')).toContain('of those not moved before');
  });

  it('"two blocks in the bowl and two on the tray": two other blocks', () => {
    expect(read('put two blocks in the bowl and two on the tray', FOUR_SIZES)).toBe(
      'gather green_block, blue_block in black_bowl | place yellow_block in white_tray | place red_block in white_tray',
    );
  });

  it('"every second block": every other one (it used to be every block)', () => {
    expect(read('put every second block in the bowl', RAINBOW)).toBe('gather red_block, yellow_block, blue_block in pink_bowl');
  });

  it('"the middle two blocks", "the two middle blocks": the middle two of the row (they used to be refused)', () => {
    expect(read('put the middle two blocks in the bowl', RAINBOW)).toBe('gather yellow_block, green_block in pink_bowl');
    expect(read('put the two middle blocks on the brown tray', RAINBOW)).toBe(
      'place yellow_block in brown_tray | place green_block in brown_tray',
    );
  });

  it('"the blocks on the left side of the table", none in the band along that edge: those on the left half, noted', () => {
    const r = reading('put the blocks on the left side of the table on the gray tray', RAINBOW);
    expect(r.intents).toBe('place red_block in gray_tray | place orange_block in gray_tray');
    expect(r.notes.join(' ')).toContain('read as those on the left half of the table');
  });

  it('"… in the bowl then the blue block": the blue block goes in too (it used to be dropped)', () => {
    expect(read('put the red block in the bowl then the blue block', MIXED)).toBe('gather red_block, blue_block in white_bowl');
  });
});

describe('"it" after a group', () => {
  it('"put the 2 blocks nearest the tray on it": the tray (it used to put each block on the other)', () => {
    expect(read('put the 2 blocks nearest the tray on it', MIXED)).toBe('place green_block in gray_tray | place blue_block in gray_tray');
    expect(read('put the two blocks closest to the bowl in it', MIXED)).toBe('gather yellow_block, red_block in white_bowl');
  });
});

describe('superlatives and colours said alone', () => {
  it('"move the biggest block to the bottom left": the biggest block to that corner (it used to move everything)', () => {
    expect(read('move the biggest block to the bottom left', MIXED)).toBe('place blue_block to the bottom left (bottom_left_corner)');
    expect(read('put the smallest block at the top right', MIXED)).toBe('place yellow_block to the top right (top_right_corner)');
  });

  it('"put the blocks in a row, the smallest one on the left" is still an order by size', () => {
    expect(read('put the blocks in a row, the smallest one on the left', MIXED)).toBe(
      'line up yellow_block, red_block, green_block, blue_block along +x (horizontal line)',
    );
  });

  it('"line the cans up: white, red, blue": the cans of those colours (it used to take the white ball)', () => {
    expect(read('line the cans up: white, red, blue', CANS_AND_BALLS)).toBe('line up white_can, red_can, blue_can along +x');
    expect(read('put the red can on the tray and white in the bowl', CANS_AND_BALLS)).toBe(
      'place red_can in yellow_tray | place white_can in black_bowl',
    );
  });
});

describe('left where it is, and two puts', () => {
  it('"one block in each corner, leave the blue one in the middle": it is there, so it stays and four others go', () => {
    const r = reading('one block in each corner, leave the blue one in the middle', ROW);
    expect(r.intents).toBe(
      'place red_block to the top left corner | place yellow_block to the bottom left corner | place green_block to the top right corner | place white_block to the bottom right corner',
    );
    expect(r.notes.join(' ')).toContain('blue_block is there already, so it stays');
  });

  it('"leave the black one in the middle" of a block that is not there puts it there', () => {
    expect(read('leave the blue block in the middle', ROW)).toBe('place blue_block to the center of the table');
    expect(read('put the blocks in the bowl, leave the green one in the middle', MIXED)).toMatch(
      /place green_block to the center of the table$/,
    );
  });

  it('"put the red block on the tray and the ball beside the bowl": two puts (it used to read a bridge over the tray and the ball)', () => {
    expect(read('put the red block on the tray and the ball beside the bowl', MIXED)).toBe(
      'place red_block in gray_tray | place orange_ball next to white_bowl',
    );
    expect(read('put the red block on the blue block and the green block', MIXED)).toBe('pyramid blue_block + green_block under red_block');
  });
});

// Post hoc, after the twenty-sixth and twenty-seventh tables (measured held out first), in this
// file's own sentences and scenes.
describe('post hoc, after the twenty-sixth and twenty-seventh tables', () => {
  it('misspelt words of the grammar\'s own, one edit away: "litle", "diffrent", noted; "tower" is never "lower"', () => {
    const r = reading('put the two blocks in diffrent corners', MIXED);
    expect(r.intents).toBe('place yellow_block to the bottom left corner | place green_block to the bottom right corner');
    expect(r.notes).toContain("read 'diffrent' as 'different'");
    expect(read('put the red block a litle to the left of the bowl', MIXED)).toBe('place red_block a litle left of white_bowl');
    expect(read('take the top block off the tower and put it in the bowl', TOWER)).toBe(
      'place green_block in blue_bowl (off yellow_block)',
    );
  });

  it('"every purple or orange thing", "all the red or blue blocks": both colours', () => {
    expect(read('put every purple or orange thing in the bowl', RAINBOW)).toBe('gather purple_block, orange_block in pink_bowl');
    expect(read('put all the red or blue blocks on the grey tray', RAINBOW)).toBe(
      'place red_block in gray_tray | place blue_block in gray_tray',
    );
  });

  it('"the tallest stack", "the short pile", "the top block of the tallest stack", "off the tall stack"', () => {
    expect(read('put the red block on top of the tallest stack', STAIRS)).toBe('place red_block on purple_block');
    expect(read('put the red block on the shorter stack', STAIRS)).toBe('place red_block on blue_block');
    expect(read('put the top block of the tallest stack in the bowl', STAIRS)).toBe('place purple_block in black_bowl (off white_block)');
    expect(read('put the top block of the shortest stack on the tray', STAIRS)).toBe('place blue_block in gray_tray (off green_block)');
    expect(read('take the white block off the tall stack and put it in the bottom right corner', STAIRS)).toBe(
      'unstack purple_block from white_block | place white_block to the bottom right corner (off yellow_block)',
    );
  });

  it('"flatten the stacks so no block is on top of another", "…, no stacking": the rest says it again', () => {
    expect(read('flatten the stacks so no block is on top of another', STAIRS)).toBe(
      'unstack purple_block from white_block | unstack white_block from yellow_block | unstack blue_block from green_block',
    );
    expect(read('put all the cans on the table, no stacking', CAN_STACKS)).toBe(
      'place blue_can on the table | place white_can on the table',
    );
  });

  it('"both top cans", "unstack the cans and stand all four in a row along the top"', () => {
    expect(read('both top cans in the bowl please', CAN_STACKS)).toBe('gather blue_can, white_can in pink_bowl');
    expect(read('unstack the cans and stand all four in a row along the top', CAN_STACKS)).toBe(
      'line up red_can, blue_can, green_can, white_can along +x (horizontal line) in the top side',
    );
  });

  it('"the wonky red block", "the long tray": how it lies says nothing of which', () => {
    expect(read('pop the wonky red block on the long tray pls', MIXED)).toBe('place red_block in gray_tray');
  });

  it('"the row of blocks into a column going up and down", "turn the diagonal into a vertical line down the middle"', () => {
    expect(read('turn the row of blocks into a column going up and down', ROW)).toBe(
      'line up red_block, yellow_block, blue_block, green_block, white_block along +y (vertical line)',
    );
    expect(read('turn the diagonal into a vertical line down the middle', ROW)).toBe(
      'line up red_block, yellow_block, blue_block, green_block, white_block along +y (vertical line) in the center',
    );
  });

  it('"the block on the right a little to the left of the bowl": the side says which one', () => {
    expect(read('put the block on the right a little to the left of the bowl', ROW)).toBe('place white_block a little left of pink_bowl');
    expect(read('put the block on the left just above the tray', ROW)).toBe('place red_block just behind gray_tray');
  });

  it('"in that one", "the one furthest from it", "the bowl it\'s closest to": the container named', () => {
    expect(read('put the ball nearest the purple bowl in it, then the one nearest the brown bowl in that one', BLOCKS_AND_BALLS)).toBe(
      'place green_ball in purple_bowl | place blue_ball in brown_bowl',
    );
    expect(read('stack the block nearest the bowl on top of the one furthest from it', MIXED)).toBe('stack green_block < yellow_block');
    expect(read("every ball goes in the bowl it's closest to", BLOCKS_AND_BALLS)).toBe(
      'place blue_ball in brown_bowl | place green_ball in purple_bowl',
    );
  });

  it('"in a row across the back", "tidy the blocks into a straight line", "never in the bowl of their own colour"', () => {
    expect(read('put the cans in a row across the back', CANS_AND_BALLS)).toBe(
      'line up white_can, red_can, blue_can along +x (horizontal line) in the top side',
    );
    expect(read('tidy the blocks into a straight line', MIXED)).toBe(
      'line up red_block, yellow_block, blue_block, green_block along +x (horizontal line)',
    );
    expect(read('put the blocks one to a bowl, but never in the bowl of their own colour', MATCH)).toBe(
      'sort red_block→green_bowl, green_block→blue_bowl, blue_block→red_bowl',
    );
  });

  it('"the small orange block …, then the big one": the big orange block (it was the biggest block), noted; never the same one', () => {
    const r = reading('first put the small orange block in the bowl, then put the big one on the tray', ORANGES);
    expect(r.intents).toBe('place orange_block_small in white_bowl | place orange_block in gray_tray');
    expect(r.notes.join(' ')).toContain("'the big one': of the same colour as the one named before (orange_block)");
    expect(read('put the big blue block in the bowl and the small one on the tray', ORANGES)).toBe(
      'place blue_block in white_bowl | place orange_block_small in gray_tray',
    );
  });
});

describe('post hoc, after the twenty-sixth and twenty-seventh tables: places said twice, lines and stacks', () => {
  /** A white bowl standing on a grey tray, red and blue blocks, a pink bowl. */
  const BOWL_ON_TRAY: SceneFacts = {
    objects: [
      obj('gray_tray', 'tray', 'gray', 0.22, [-0.2, 0.05]),
      obj('white_bowl', 'bowl', 'white', 0.13, [-0.2, 0.05], 0, 0.04),
      obj('red_block', 'box', 'red', 0.04, [0.1, -0.15]),
      obj('blue_block', 'box', 'blue', 0.04, [0.2, 0.1]),
      obj('pink_bowl', 'bowl', 'pink', 0.13, [0.3, -0.2]),
    ],
    zones: [],
  };

  it('"drop the red block in the white bowl on the tray", "… in the bowl sitting on the tray": where the bowl stands says no more', () => {
    expect(read('drop the red block in the white bowl on the tray', BOWL_ON_TRAY)).toBe('place red_block in white_bowl');
    expect(read('put the red block in the bowl sitting on the tray', BOWL_ON_TRAY)).toBe('place red_block in white_bowl');
  });

  it('"take the block off the top of the tallest stack": its top block', () => {
    expect(read('take the block off the top of the tallest stack and put it in the bowl', STAIRS)).toBe(
      'place purple_block in black_bowl (off white_block)',
    );
  });

  it('"push the green block back into line with the others", "put the green block back in line": the blocks in a row', () => {
    const row = 'line up red_block, yellow_block, blue_block, green_block, white_block along +x (horizontal line)';
    expect(read('push the green block back into line with the others', ROW)).toBe(row);
    expect(read('put the green block back in line and then put the white one in the bowl', ROW)).toBe(
      `${row} | place white_block in pink_bowl`,
    );
  });

  it('"…, order doesn\'t matter" is said by the way; "a long way" is still a long way', () => {
    expect(read("line the cans up in one row, order doesn't matter", CANS_AND_BALLS)).toBe(
      'line up white_can, red_can, blue_can along +x (horizontal line)',
    );
    expect(read('move the red block a long way to the left of the bowl', MIXED)).toBe('place red_block a long way left of white_bowl');
  });
});

describe('post hoc, after the twenty-eighth table: the one on its own', () => {
  /** Red, yellow and green blocks close together top left, a blue block far off top right, a white bowl, a grey tray. */
  const GAPS: SceneFacts = {
    objects: [
      obj('red_block', 'box', 'red', 0.04, [-0.3, 0.2]),
      obj('yellow_block', 'box', 'yellow', 0.04, [-0.22, 0.2]),
      obj('green_block', 'box', 'green', 0.04, [-0.14, 0.2]),
      obj('blue_block', 'box', 'blue', 0.04, [0.3, 0.2]),
      obj('white_bowl', 'bowl', 'white', 0.13, [0.0, -0.15]),
      obj('gray_tray', 'tray', 'gray', 0.2, [-0.25, -0.2]),
    ],
    zones: [],
  };

  it('"the block on its own", "the block that\'s by itself": the one farthest from any other thing, noted', () => {
    const r = reading('put the block on its own into the white bowl', GAPS);
    expect(r.intents).toBe('place blue_block in white_bowl');
    expect(r.notes.join(' ')).toContain('blue_block, 44 cm from anything else');
    expect(read("first take the block that's by itself and put it on the tray, then put the leftmost block in the bowl", GAPS)).toBe(
      'place blue_block in gray_tray | place red_block in white_bowl',
    );
    expect(read('put the block on its own on top of the block at the far left', GAPS)).toBe('place blue_block on red_block');
  });

  it('"all the blocks apart from the one on its own": the others', () => {
    expect(read('put all the blocks apart from the one on its own onto the gray tray', GAPS)).toBe(
      'place red_block in gray_tray | place yellow_block in gray_tray | place green_block in gray_tray',
    );
  });
});

describe('post hoc, after the twenty-eighth and twenty-ninth tables: names of things', () => {
  /** Three small pink, cyan and purple trays ("coasters"), a red can on the pink one, a blue can on the purple one, a white bowl, a green block. */
  const COASTERS: SceneFacts = {
    objects: [
      obj('pink_tray', 'tray', 'pink', [0.1, 0.1, 0.01], [-0.16, -0.16]),
      obj('cyan_tray', 'tray', 'cyan', [0.1, 0.1, 0.01], [0, -0.16]),
      obj('purple_tray', 'tray', 'purple', [0.1, 0.1, 0.01], [0.16, -0.16]),
      obj('red_can', 'cylinder', 'red', [0.04, 0.04, 0.07], [-0.16, -0.16], 0, 0.045),
      obj('blue_can', 'cylinder', 'blue', [0.04, 0.04, 0.07], [0.16, -0.16], 0, 0.045),
      obj('white_bowl', 'bowl', 'white', 0.13, [0, 0.17]),
      obj('green_block', 'box', 'green', 0.04, [-0.28, 0.1]),
    ],
    zones: [],
  };
  /** Long red and blue blocks, red, blue and yellow cubes, a white bowl, a black tray. */
  const LONGS: SceneFacts = {
    objects: [
      obj('red_long_block', 'box', 'red', [0.12, 0.04, 0.04], [-0.2, 0.1]),
      obj('blue_long_block', 'box', 'blue', [0.12, 0.04, 0.04], [0.2, 0.1]),
      obj('red_block', 'box', 'red', 0.04, [-0.1, -0.1]),
      obj('blue_block', 'box', 'blue', 0.04, [0.1, -0.1]),
      obj('yellow_block', 'box', 'yellow', 0.04, [0.0, 0.0]),
      obj('white_bowl', 'bowl', 'white', 0.13, [0.3, -0.2]),
      obj('black_tray', 'tray', 'black', 0.2, [-0.3, -0.2]),
    ],
    zones: [],
  };

  it('"coaster": a tray; "switch the places of …" is still a swap ("places" is not "plates")', () => {
    expect(read('switch the places of the blue block and the yellow block', MIXED)).toBe('swap blue_block and yellow_block');
    expect(read('Move the can on the right onto the empty coaster', COASTERS)).toBe('place blue_can in cyan_tray');
    expect(read('lift the red can off the pink coaster and put it on the cyan one', COASTERS)).toBe(
      'place red_can in cyan_tray (off pink_tray)',
    );
  });

  it('"the long red one", "the long blue block", where the ids say "long": that one', () => {
    expect(read('the long red one goes in the white bowl', LONGS)).toBe('place red_long_block in white_bowl');
    expect(read('pls put the long blue block in the bowl', LONGS)).toBe('place blue_long_block in white_bowl');
    expect(read('slide the yellow cube a little to the right of the long red block', LONGS)).toBe(
      'push yellow_block a little right of red_long_block',
    );
    // ("the long tray" where no id says "long" is the tray.)
    expect(read('put all the blocks on the long tray', MIXED)).toBe(
      'place red_block in gray_tray | place blue_block in gray_tray | place green_block in gray_tray | place yellow_block in gray_tray',
    );
  });
});

describe('in simulation', () => {
  it('"put two blocks in the red bowl and one in the green one" is solved at the first attempt', async () => {
    const blocks = ['blue_block', 'yellow_block', 'white_block'];
    const def = task(
      'put two blocks in the red bowl and one in the green one',
      [
        bowl('red_bowl', 'red', { position: [-0.22, 0.15], jitter: 0 }),
        bowl('green_bowl', 'green', { position: [0.22, 0.15], jitter: 0 }),
        box('blue_block', 'blue', 0.04, { position: [-0.15, -0.15], jitter: 0 }),
        box('yellow_block', 'yellow', 0.04, { position: [0.0, -0.15], jitter: 0 }),
        box('white_block', 'white', 0.04, { position: [0.15, -0.15], jitter: 0 }),
      ],
      // Whichever block goes in the green bowl, the other two are in the red one.
      {
        any: blocks.map((one) => ({
          all: blocks.map((id) => ({ inside: [id, id === one ? 'green_bowl' : 'red_bowl'] })),
        })),
      },
    );
    const r = await firstAttempt(def, 0);
    expect(r, r.detail).toMatchObject({ ok: true });
  });
});
