// How the rule programmer reads what people say, tenth round (issue 11, before the seventh
// table was written, and its post-hoc round): sentences that only point at a thing ("Look at
// the purple bowl.", "There's a ball on the right."), remarks and "that's the one", the same
// again ("the yellow one too", "same for …"), goal frames ("Goal:", "End state:", "When you're
// done,"), asking whether it can be done, possessive ranks ("the brown bowl's nearest block"),
// two puts in one sentence, "leave everything else alone", numbered lists, a verb it does not
// know before a put with a place, corners one each, "the corner nearest to it" for each, and
// everyday forms ("needs moving", "towards me", "as far left as it can go", "form a line",
// "largest first", chatter such as "any order is fine"). The sentences are this file's own;
// first programs run in simulation are judged by success predicates written here (the
// programmer never sees them).

import { describe, expect, it } from 'vitest';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { BLOCKS_AND_BALLS, TOWER, obj, read, reading } from './rule-fixtures.ts';
import { SEEDS, bowl, box, firstAttempt, task } from './rule-sim-fixtures.ts';

const SCENE = BLOCKS_AND_BALLS;

describe('sentences that point, remark or say it again', () => {
  it('a sentence that only points at a thing names what "it" is next', () => {
    expect(read('Look at the purple bowl. Put the red block in it.', SCENE)).toBe('place red_block in purple_bowl');
    expect(read("There's a ball on the right. Put it in the purple bowl.", SCENE)).toBe('place blue_ball in purple_bowl');
    expect(read('Notice the block nearest the tray? That goes in the brown bowl.', SCENE)).toBe('place black_block in brown_bowl');
    expect(read("The block on the far left - that's the one. Put it on the tray.", SCENE)).toBe('place red_block in white_tray');
  });

  it('a thing said again is a remark; a new thing said alone is refused, in one line', () => {
    const r = reading('put the black block on the tray. the black one.', SCENE);
    expect(r.intents).toBe('place black_block in white_tray');
    expect(r.notes).toContain("read 'the black one' as a remark naming black_block; it asks for nothing");
    expect(() => read('put the black block on the tray. the yellow one.', SCENE)).toThrow(
      /^could not tell what 'the yellow one' asks for: it names yellow_block, which the instruction did not name before/,
    );
  });

  it('"too", "as well", "same for" do the clause before again with another thing, noted', () => {
    const r = reading('put the black block on the tray. the yellow one too.', SCENE);
    expect(r.intents).toBe('place black_block in white_tray | place yellow_block in white_tray');
    expect(r.notes).toContain("read 'the yellow one too' as doing the same with 'the yellow one'");
    expect(read('Put the red block in the brown bowl. Same for the yellow block.', SCENE)).toBe(
      'place red_block in brown_bowl | place yellow_block in brown_bowl',
    );
    expect(read('put the red block in the purple bowl, and the black one as well', SCENE)).toBe(
      'place red_block in purple_bowl | place black_block in purple_bowl',
    );
  });
});

describe('frames around what is wanted', () => {
  it.each([
    ['Goal: the red block inside the brown bowl.', 'place red_block in brown_bowl'],
    [
      'End state: the yellow block sits in the purple bowl and the black block is on the tray.',
      'place yellow_block in purple_bowl | place black_block in white_tray',
    ],
    ["When you're done, the yellow block should be on top of the black block.", 'place yellow_block on black_block'],
    ['Is it possible to put the black block on the tray?', 'place black_block in white_tray'],
    ["Right, so what I'd like is for the black block to end up in the purple bowl.", 'place black_block in purple_bowl'],
    ['How about putting the yellow block in the brown bowl?', 'place yellow_block in brown_bowl'],
    ['tray: yellow block', 'place yellow_block in white_tray'],
    ['the tray should have all the blocks on it', 'gather red_block, yellow_block, black_block in white_tray'],
    ['any order is fine. line the blocks up.', 'line up red_block, yellow_block, black_block along +x'],
    ['grab the red block n put it on the tray', 'place red_block in white_tray'],
  ])('%s', (text, expected) => {
    expect(read(text, SCENE)).toBe(expected);
  });
});

describe('places and sets said in everyday ways', () => {
  it.each([
    ["the brown bowl's nearest block goes on the tray", 'place yellow_block in white_tray'],
    ["put the red block in the purple bowl's closest corner", 'place red_block to the corner closest to purple_bowl (top left corner)'],
    ['Red to the purple bowl, black to the brown bowl.', 'place red_block in purple_bowl | place black_block in brown_bowl'],
    [
      'stack the red block on the yellow block and the black block on the white tray',
      'place red_block on yellow_block | place black_block in white_tray',
    ],
    [
      'put the red block to the left of the tray and the black block to its right',
      'place red_block left of white_tray | place black_block right of white_tray',
    ],
    ['Put the red block on the tray and then the yellow one on top.', 'place red_block in white_tray | place yellow_block on red_block'],
    ['1) red block in purple bowl 2) black block on tray', 'place red_block in purple_bowl | place black_block in white_tray'],
    [
      'put the blocks in the corners, one each',
      'place red_block to the bottom left corner | place yellow_block to the top right corner | place black_block to the bottom right corner',
    ],
    [
      'Every corner gets a block.',
      'place red_block to the bottom left corner | place yellow_block to the top right corner | place black_block to the bottom right corner',
    ],
    [
      'move every block to the corner nearest to it',
      'place red_block to the corner closest to red_block (bottom left corner) | place yellow_block to the corner closest to yellow_block (top right corner) | place black_block to the corner closest to black_block (bottom right corner)',
    ],
    ['the blocks should form a line', 'line up red_block, yellow_block, black_block along +x (horizontal line)'],
    [
      'everything but the balls goes on the tray',
      'place red_block in white_tray | place yellow_block in white_tray | place black_block in white_tray',
    ],
    ['grab yellow, drop in brown bowl', 'place yellow_block in brown_bowl'],
    ['the red block needs moving to the top right', 'place red_block to the top right (top_right_corner)'],
    ['move the yellow block as far left as it can go', 'place yellow_block to the as far left as it can go (left_side)'],
    [
      'put the blocks on the tray, largest first',
      'place red_block in white_tray | place yellow_block in white_tray | place black_block in white_tray',
    ],
    [
      'put the three blocks side by side at the bottom of the table',
      'line up red_block, yellow_block, black_block along +x (horizontal line) in the bottom side',
    ],
  ])('%s', (text, expected) => {
    expect(read(text, SCENE)).toBe(expected);
  });

  it('"leave everything else alone" keeps what was not named, not what was', () => {
    const r = reading('put the red block in the brown bowl but leave everything else alone', SCENE);
    expect(r.intents).toBe('place red_block in brown_bowl');
    expect(r.notes).toContain('kept where they are: yellow_block, black_block, blue_ball, green_ball, white_tray, purple_bowl');
  });

  it('a verb it does not know is read as "move" only before a thing and a place, and said so', () => {
    // ("scoot" was the example here until the thirty-fourth round made it a push: "yeet" is not one.)
    const r = reading('yeet the red block over to the tray', SCENE);
    expect(r.intents).toBe('place red_block in white_tray');
    expect(r.notes).toContain("read 'yeet', a verb it does not know, as 'move': what it names goes where it says");
    expect(reading('scoot the red block over to the tray', SCENE).intents).toBe('place red_block in white_tray');
    expect(() => read('juggle the red block', SCENE)).toThrow(/could not read "juggle the red block" at 'juggle': no known verb/);
  });

  it('"gather up X and drop them in Y" names what the next clause puts down', () => {
    const r = reading('Gather up the blocks and drop them in the brown bowl.', SCENE);
    expect(r.intents).toBe('gather red_block, yellow_block, black_block in brown_bowl');
    expect(() => read('Gather up the blocks.', SCENE)).toThrow(/could not read where to gather/);
  });
});

describe('found while measuring the seventh table, and fixed', () => {
  it('"the tower" a block is taken off still names the tower; "the top block" of it is the highest; "its blocks" after taking it apart', () => {
    // (Off what it rests on in the tower: the check after is that it no longer stands on yellow_block.)
    expect(read('Take the top block off the tower and put it in the blue bowl.', TOWER)).toBe(
      'place green_block in blue_bowl (off yellow_block)',
    );
    const r = reading('Take the tower apart and put its three blocks in the blue bowl.', TOWER);
    expect(r.intents).toBe('gather red_block, yellow_block, green_block in blue_bowl');
    expect(r.notes).toContain("'its three blocks': the tower taken apart before (red_block, yellow_block, green_block)");
  });

  it('"the middle bowl" is which bowl; "nearest to you" is nearest the robot, at the bottom of the picture; "into a column" is a line', () => {
    const bowls: SceneFacts = {
      objects: [
        obj('purple_block', 'box', 'purple', 0.04, [-0.25, -0.15]),
        obj('yellow_bowl', 'bowl', 'yellow', 0.12, [-0.25, 0.2]),
        obj('green_bowl', 'bowl', 'green', 0.12, [0.0, 0.2]),
        obj('blue_bowl', 'bowl', 'blue', 0.12, [0.25, 0.2]),
      ],
      zones: [],
    };
    expect(read('put the purple block in the middle bowl', bowls)).toBe('place purple_block in green_bowl');
    expect(read('the purple block, in the bowl in the middle of the three', bowls)).toBe('place purple_block in green_bowl');
    // The gripper waits above [0, -0.15]: the orange block is nearest it, the cyan one nearest the robot's edge.
    const near: SceneFacts = {
      objects: [
        obj('orange_block', 'box', 'orange', 0.04, [0.0, -0.1]),
        obj('cyan_block', 'box', 'cyan', 0.04, [-0.35, -0.3]),
        obj('white_tray', 'tray', 'white', 0.2, [0.25, 0.1]),
      ],
      zones: [],
    };
    expect(read('Robot, grab the block that is nearest to you and set it on the tray.', near)).toBe('place cyan_block in white_tray');
    expect(read('grab the block nearest the gripper and set it on the tray', near)).toBe('place orange_block in white_tray');
    expect(read('make the three blocks into a column', SCENE)).toMatch(/^line up .* along \+y \(vertical line\)$/);
  });
});

describe('first programs in simulation', () => {
  const tray = { id: 'white_tray', shape: 'tray', color: 'white', size: [0.2, 0.15, 0.03] };
  it.each([
    [
      'two puts in one sentence',
      'Red to the purple bowl, black to the brown bowl.',
      [box('red_block', 'red'), box('black_block', 'black'), bowl('purple_bowl', 'purple'), bowl('brown_bowl', 'brown')],
      { all: [{ inside: ['red_block', 'purple_bowl'] }, { inside: ['black_block', 'brown_bowl'] }] },
    ],
    [
      '"on top" after a put is on the thing just put down',
      'put the red block on the tray and then the yellow one on top',
      [box('red_block', 'red'), box('yellow_block', 'yellow'), tray],
      { all: [{ inside: ['red_block', 'white_tray'] }, { on: ['yellow_block', 'red_block'] }] },
    ],
    [
      'a goal frame',
      'End state: the yellow block sits in the purple bowl and the black block is on the tray.',
      [box('yellow_block', 'yellow'), box('black_block', 'black'), bowl('purple_bowl', 'purple'), tray],
      { all: [{ inside: ['yellow_block', 'purple_bowl'] }, { inside: ['black_block', 'white_tray'] }] },
    ],
    [
      'a sentence that points, then what to do with it',
      'Look at the purple bowl. Put the red block in it.',
      [box('red_block', 'red'), bowl('purple_bowl', 'purple'), bowl('brown_bowl', 'brown')],
      { inside: ['red_block', 'purple_bowl'] },
    ],
  ] as [string, string, object[], object][])('%s', async (_, instruction, objects, success) => {
    const def = task(instruction, objects, success, { layout: { minGap: 0.05 } });
    for (const seed of SEEDS) {
      const r = await firstAttempt(def, seed);
      expect(r, `seed ${seed}: ${r.detail}`).toMatchObject({ ok: true });
    }
  });
});
