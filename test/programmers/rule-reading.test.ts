// The rule programmer's reading of instructions: one line per case, instruction →
// intents (as describeIntent prints them), against small scenes with no physics.

import { describe, expect, it } from 'vitest';
import { describeIntent, readInstruction } from '../../policy/programmers/index.ts';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { MIXED, SIZES, obj, zone } from './rule-fixtures.ts';

const read = (text: string, facts: SceneFacts = MIXED): string => readInstruction(text, facts).intents.map(describeIntent).join(' | ');

/** The bundled core instructions, against scenes shaped like theirs. */
const STACK3: SceneFacts = {
  objects: [
    obj('blue_block', 'box', 'blue', 0.05),
    obj('green_block', 'box', 'green', 0.045, [0.1, 0]),
    obj('red_block', 'box', 'red', 0.04, [0.2, 0]),
  ],
  zones: [],
};
const SORT: SceneFacts = {
  objects: ['red', 'blue', 'green'].flatMap((c, k) => [
    obj(`${c}_block`, 'box', c as 'red', 0.04, [k * 0.1, 0]),
    obj(`${c}_bowl`, 'bowl', c as 'red', 0.13, [k * 0.15, 0.2]),
  ]),
  zones: [],
};
const TRAY3: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04),
    obj('green_block', 'box', 'green', 0.04, [0.1, 0]),
    obj('yellow_block', 'box', 'yellow', 0.04, [0.2, 0]),
    obj('gray_tray', 'tray', 'gray', 0.24, [-0.2, 0]),
    obj('distractor_0', 'cylinder', 'pink', [0.04, 0.04, 0.06], [0, 0.2]),
  ],
  zones: [],
};
const UNSTACK: SceneFacts = {
  objects: [obj('blue_block', 'box', 'blue', 0.05), obj('red_block', 'box', 'red', 0.04, [0, 0], 0, 0.07)],
  zones: [],
};
const UPRIGHT: SceneFacts = {
  objects: [obj('green_cylinder', 'cylinder', 'green', [0.04, 0.04, 0.07], [-0.1, 0])],
  zones: [zone('red_square', 'red', [0.08, 0.04], [0.18, 0.14])],
};
const CORNER: SceneFacts = {
  objects: [obj('purple_block', 'box', 'purple', 0.04)],
  zones: [zone('back_left_corner', 'gray', [-0.4, 0.16], [-0.27, 0.29])],
};

describe('reading the bundled core instructions', () => {
  it.each([
    ['Pick up the red block and hold it above the table.', MIXED, 'lift red_block and hold'],
    ['Put the red block on the blue block.', MIXED, 'place red_block on blue_block'],
    [
      'Put the yellow block in the green bowl.',
      { objects: [obj('yellow_block', 'box', 'yellow', 0.04), obj('green_bowl', 'bowl', 'green', 0.14, [0.2, 0])], zones: [] },
      'place yellow_block in green_bowl',
    ],
    [
      'Place the blue block in the brown tray.',
      { objects: [obj('blue_block', 'box', 'blue', 0.045), obj('brown_tray', 'tray', 'brown', 0.2, [0.2, 0])], zones: [] },
      'place blue_block in brown_tray',
    ],
    [
      'Stack the blocks with the blue block at the bottom, the green block in the middle and the red block on top.',
      STACK3,
      'stack blue_block < green_block < red_block',
    ],
    ['Put all the blocks in the tray.', TRAY3, 'gather red_block, green_block, yellow_block in gray_tray'],
    ['Put each block in the bowl of the same colour.', SORT, 'sort red_block→red_bowl, blue_block→blue_bowl, green_block→green_bowl'],
    [
      'Line up the red, green and blue blocks in a row from left to right, in that order.',
      SORT,
      'line up red_block, green_block, blue_block along +x (horizontal line)',
    ],
    [
      'Push the orange block into the green zone.',
      { objects: [obj('orange_block', 'box', 'orange', 0.045)], zones: [zone('green_zone', 'green', [0.12, -0.08], [0.26, 0.06])] },
      'push orange_block in zone green_zone',
    ],
    ['Move the purple block to the back left corner of the table.', CORNER, 'place purple_block in zone back_left_corner'],
    ['Swap the positions of the red block and the blue block.', MIXED, 'swap red_block and blue_block'],
    ['Put the green block to the left of the yellow block, next to it.', MIXED, 'place green_block left of yellow_block'],
    ['Take the red block off the blue block and put it on the table.', UNSTACK, 'unstack red_block from blue_block'],
    ['Put the orange ball in the white bowl.', MIXED, 'place orange_ball in white_bowl'],
    ['Put the smallest block in the bowl.', SIZES, 'place block_2 in blue_bowl'],
    ['Stand the green cylinder upright on the red square.', UPRIGHT, 'place green_cylinder upright in zone red_square'],
    [
      'Build a pyramid: put the red block and the blue block side by side, then put the yellow block on top of both.',
      MIXED,
      'pyramid red_block + blue_block under yellow_block',
    ],
  ] as [string, SceneFacts, string][])('%s', (text, facts, expected) => {
    expect(read(text, facts)).toBe(expected);
  });
});

describe('reading other phrasings', () => {
  it.each([
    // pick / lift
    ['lift the red cube', 'lift red_block'],
    ['Grab the ball.', 'lift orange_ball'],
    ['please pick the blue block up', 'lift blue_block'],
    ['Raise the green block 15 cm and keep it there', 'lift green_block and hold'],
    ['pick up the sphere and hold it in the air', 'lift orange_ball and hold'],
    // put on / in
    ['put the blue cube into the white bowl', 'place blue_block in white_bowl'],
    ['Place the green block onto the red block.', 'place green_block on red_block'],
    ['set the yellow block on top of the blue block', 'place yellow_block on blue_block'],
    ['Drop the ball in the bowl', 'place orange_ball in white_bowl'],
    ['put the red block in the box', 'place red_block in gray_tray'],
    ['move the can into the container', 'place pink_can in white_bowl'],
    ['Could you please put red_block on blue_block?', 'place red_block on blue_block'],
    ['pick up the red block and put it in the tray', 'place red_block in gray_tray'],
    ['Put the red block on the green square', 'place red_block in zone green_zone'],
    ['move the yellow block into the green area', 'place yellow_block in zone green_zone'],
    // relations
    ['place the green block left of the red one', 'place green_block left of red_block'],
    ['Put the red block to the right of the blue block.', 'place red_block right of blue_block'],
    ['put the ball next to the green cube', 'place orange_ball next to green_block'],
    ['Set the yellow block in front of the can.', 'place yellow_block in front of pink_can'],
    ['put the red block behind the blue one', 'place red_block behind blue_block'],
    ['put the red block beside the ball', 'place red_block next to orange_ball'],
    // corners, sides, centre
    ['Move the red block to the front right corner.', 'place red_block to the front right corner (bottom_right_corner)'],
    ['move the ball to the top-right corner of the table', 'place orange_ball to the top-right corner of the table (top_right_corner)'],
    ['put the blue block in the back left corner', 'place blue_block in zone back_left_corner'],
    ['Move the green block to the left side of the table.', 'place green_block to the left side of the table'],
    ['put the yellow block in the middle of the table', 'place yellow_block to the center of the table'],
    // push
    ['push the red cube 10 cm to the left', 'push red_block 10 cm toward [-1, 0]'],
    ['slide the blue block forward by 5cm', 'push blue_block 5 cm toward [0, 1]'],
    ['Nudge the green block toward the robot 3 cm', 'push green_block 3 cm toward [0, -1]'],
    ['shove the yellow block into the green zone', 'push yellow_block in zone green_zone'],
    ['push the ball to the right', 'push orange_ball 10 cm toward [1, 0]'],
    // stack / tower
    ['Stack the red block on the blue block.', 'stack blue_block < red_block'],
    ['stack the yellow block on the red block on the blue block', 'stack blue_block < red_block < yellow_block'],
    ['Build a tower with the green block on the bottom and the red block on top.', 'stack green_block < red_block'],
    ['stack the red, green and blue blocks from bottom to top', 'stack red_block < green_block < blue_block'],
    ['stack the red, green and blue blocks from top to bottom', 'stack blue_block < green_block < red_block'],
    // swap, take off, remove
    ['swap the red and green blocks', 'swap red_block and green_block'],
    ['exchange the ball with the can', 'swap orange_ball and pink_can'],
    ['switch the places of the blue block and the yellow block', 'swap blue_block and yellow_block'],
    ['remove the red block from the blue block', 'unstack red_block from blue_block'],
    ['take the red block off the blue block', 'unstack red_block from blue_block'],
    // gather, sort, line up
    ['put the red and green blocks in the bowl', 'gather red_block, green_block in white_bowl'],
    ['collect all the blocks in the tray', 'gather red_block, blue_block, green_block, yellow_block in gray_tray'],
    ['Line up the blocks by size from left to right.', 'line up yellow_block, red_block, green_block, blue_block along +x'],
    [
      'arrange the ball, the can and the red block in a row from right to left',
      'line up red_block, pink_can, orange_ball along +x (horizontal line)',
    ],
    ['line up the red and blue blocks from front to back', 'line up red_block, blue_block along +y'],
    // sequences
    [
      'Put the red block on the blue block, then put the ball in the bowl.',
      'place red_block on blue_block | place orange_ball in white_bowl',
    ],
    [
      'First put the yellow block in the tray; then push the green block 5 cm to the left.',
      'place yellow_block in gray_tray | push green_block 5 cm toward [-1, 0]',
    ],
    [
      'line up the red and blue blocks in that order and push the ball 5 cm to the left',
      'line up red_block, blue_block along +x | push orange_ball 5 cm toward [-1, 0]',
    ],
    ['Take the ball and place it on the green square', 'place orange_ball in zone green_zone'],
  ])('%s', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it.each([
    ['Put the smallest block in the bowl.', 'place block_2 in blue_bowl'],
    ['put the biggest cube in the bowl', 'place block_1 in blue_bowl'],
    ['Pick up the tallest cylinder.', 'lift tall_can'],
    ['lift the short can', 'lift short_can'],
    ['put the large block next to the small block', 'place block_1 next to block_2'],
    ['stack the blocks', 'stack block_1 < block_3 < block_2'],
    ['Put every block in the bowl of its colour.', 'sort block_1→blue_bowl'],
  ])('by size and shape: %s', (text, expected) => {
    if (text.startsWith('Put every block')) {
      const facts: SceneFacts = {
        objects: [obj('block_1', 'box', 'blue', 0.04), obj('blue_bowl', 'bowl', 'blue', 0.14, [0.2, 0])],
        zones: [],
      };
      expect(read(text, facts)).toBe(expected);
      return;
    }
    expect(read(text, SIZES)).toBe(expected);
  });

  it('sorts into matching bowls however it is said', () => {
    for (const text of [
      'Sort the blocks into the bowls by colour.',
      'put the blocks in the bowls with the same color',
      'Put each cube into the matching bowl',
    ]) {
      expect(read(text, SORT)).toBe('sort red_block→red_bowl, blue_block→blue_bowl, green_block→green_bowl');
    }
  });

  it('builds a pyramid from a list, or from any three blocks, with the widest block on top', () => {
    expect(read('Build a pyramid.', MIXED)).toBe('pyramid green_block + red_block under blue_block');
    expect(read('build a pyramid with the red, yellow and blue blocks', MIXED)).toBe('pyramid red_block + yellow_block under blue_block');
    expect(read('Build a pyramid from the red, green and blue blocks with the red block on top', MIXED)).toBe(
      'pyramid green_block + blue_block under red_block',
    );
  });
});

describe('references', () => {
  it.each([
    // phrase in an instruction, the object it must name
    ['lift the red block', 'red_block'],
    ['lift the red one', 'red_block'],
    ['lift the ball', 'orange_ball'],
    ['lift the sphere', 'orange_ball'],
    ['lift the orange thing', 'orange_ball'],
    ['lift the cylinder', 'pink_can'],
    ['lift the can', 'pink_can'],
    ['lift the pink object', 'pink_can'],
    ['lift the smallest block', 'yellow_block'],
    ['lift the largest cube', 'blue_block'],
    ['lift the biggest box', 'blue_block'],
  ])('%s → %s', (text, id) => {
    expect(read(text)).toBe(`lift ${id}`);
  });

  it('resolves containers and zones by colour and kind', () => {
    expect(read('put the ball in the white bowl')).toBe('place orange_ball in white_bowl');
    expect(read('put the ball into the gray container')).toBe('place orange_ball in gray_tray');
    expect(read('put the ball in the green zone')).toBe('place orange_ball in zone green_zone');
    expect(read('put the ball in the green region')).toBe('place orange_ball in zone green_zone');
  });

  it('chooses among several fits by the stated rule (nearest the gripper), notes it and keeps the candidates', () => {
    // The gripper's home is above [0, -0.15]: yellow_block is 10 cm from it, green 21, blue 22, red 32.
    const r = readInstruction('put the block in the bowl', MIXED);
    expect(describeIntent(r.intents[0]!)).toBe('place yellow_block in white_bowl');
    expect(r.candidates['the block']).toEqual(['yellow_block', 'green_block', 'blue_block', 'red_block']);
    expect(r.notes[0]).toBe('"the block" fits yellow_block, green_block, blue_block, red_block: chose yellow_block, nearest the gripper');
    const next = readInstruction('put the block in the bowl', MIXED, { 'the block': 2 });
    expect(describeIntent(next.intents[0]!)).toBe('place blue_block in white_bowl');
  });
});

describe('what it cannot read', () => {
  it.each([
    ['juggle the red block', 'could not read "juggle the red block" at \'juggle\': no known verb; try "put X in Y"'],
    // (With no verb it is read as a put, which stops at the word it does not know.)
    [
      'the red block wobbles on the blue block',
      "could not read \"the red block wobbles on the blue block\" at 'wobbles': 'wobbles' is not a word it knows",
    ],
    [
      'put the red block on the blue block quietly and dance',
      'could not read "put the red block on the blue block quietly and dance" at \'dance\': \'dance\' is not a word it knows; try "in X"',
    ],
    [
      'put the red block on the blue block upside down',
      "could not read \"put the red block on the blue block upside down\" at 'upside down': 'upside' is not a word it knows",
    ],
    [
      'put the purple block in the bowl',
      "no object matches 'the purple block' (objects: red_block, blue_block, green_block, yellow_block, orange_ball, pink_can, white_bowl, gray_tray)",
    ],
    [
      'put the red block in the black bowl',
      "no object matches 'the black bowl' (objects: red_block, blue_block, green_block, yellow_block, orange_ball, pink_can, white_bowl, gray_tray)",
    ],
    ['push the red block into the blue zone', "no zone matches 'the blue zone' (zones: green_zone, back_left_corner)"],
    ['put the red block', "could not read where to put red_block in 'put the red block'"],
    ['swap the red block', "a swap needs two objects; 'swap the red block' names red_block"],
    ['', 'could not read the instruction: it is empty'],
    [
      'build a pyramid: put the ball in the bowl',
      "could not read which blocks make the pyramid in 'build a pyramid: put the ball in the bowl'",
    ],
  ])('%j', (text, message) => {
    expect(() => readInstruction(text, MIXED)).toThrow(message);
  });
});

describe('paraphrases people use (issue 11)', () => {
  it.each([
    ['Grab the red block and place it in the white bowl.', 'place red_block in white_bowl'],
    ['Take the green block and set it down on the blue block.', 'place green_block on blue_block'],
    ['Move the yellow block into the white bowl!', 'place yellow_block in white_bowl'],
    ['Drop the red block in the white bowl, thanks.', 'place red_block in white_bowl'],
    ['pick up the ball and drop it in the bowl please', 'place orange_ball in white_bowl'],
    ['Put the blue block next to the can.', 'place blue_block next to pink_can'],
    ['Stick the red block in the tray.', 'place red_block in gray_tray'],
    ['Toss the green block into the tray.', 'place green_block in gray_tray'],
    ['Could you put the red block in the bowl?', 'place red_block in white_bowl'],
    ['Can you move the blue block to the centre of the table?', 'place blue_block to the center of the table'],
    ["I'd like you to put the green block in the grey tray.", 'place green_block in gray_tray'],
    ['Please place the yellow block on the red block.', 'place yellow_block on red_block'],
    ['would you mind putting the red block in the bowl', 'place red_block in white_bowl'],
    ['Now, put the red block in the bowl. Thank you!', 'place red_block in white_bowl'],
    ['put the red block in the bowl for me', 'place red_block in white_bowl'],
    ['Put the red block into the bowl if you can.', 'place red_block in white_bowl'],
    ['red block in the bowl, please', 'place red_block in white_bowl'],
    ['Set the blue cube down on top of the green one.', 'place blue_block on green_block'],
  ])('%s', (text, expected) => {
    expect(read(text)).toBe(expected);
  });
});
