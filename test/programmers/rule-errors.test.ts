// What the rule programmer says when it cannot read an instruction, and how it handles a
// phrase that fits several objects (issue 11): one line naming the phrase it could not
// read and the nearest forms it can; an ambiguous singular phrase chosen by the stated
// rule (nearest the gripper's home, then the leftmost), noted in the draft and the program.

import { describe, expect, it } from 'vitest';
import { RuleProgrammer, readInstruction } from '../../policy/programmers/index.ts';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { sceneContext } from '../helpers/program-context.ts';
import { MIXED, obj } from './rule-fixtures.ts';

const programmer = new RuleProgrammer();

describe('one line naming what it could not read', () => {
  it.each([
    [
      'juggle the red block',
      `could not read "juggle the red block" at 'juggle': no known verb; try "put X in Y", "pick up X", "stack X on Y", "move X to the top left corner"`,
    ],
    ['pickk up the red block', `could not read "pickk up the red block" at 'pickk': no known verb (did you mean "pick"`],
    [
      // ("blok" alone is one edit from the scene's "block": read as it, noted — rule-normalize.test.ts.)
      'put the red bluk in the bowl',
      `could not read "put the red bluk in the bowl" at 'bluk': 'bluk' is not a word it knows (did you mean "blue"`,
    ],
    [
      'put the red block amid the tray',
      `could not read "put the red block amid the tray" at 'amid the tray': 'amid' is not a word it knows`,
    ],
    [
      'put the red block in the bowl sideways',
      `could not read "put the red block in the bowl sideways" at 'sideways': 'sideways' is not a word it knows`,
    ],
    [
      'pick up the third block',
      `could not read "pick up the third block" at 'the third block': counted from which side? try "the third block from the left"`,
    ],
    ['Thank you!', 'could not read "Thank you!": it asks for nothing; try "put X in Y"'],
    ["don't", `could not read "don't" at '': not to do what? try "don't move X", "leave X where it is"`],
    [
      'put the red block between the blue block and the ball, into the tray',
      "no object matches 'the red block between the blue block and the ball': nothing that fits lies between blue_block and orange_ball",
    ],
  ])('%s', async (text, message) => {
    const d = await programmer.generate(sceneContext(text, MIXED));
    expect(d.program).toBe('');
    expect(d.error).toContain(message);
    expect(d.error).not.toContain('\n');
  });

  it('suggests the forms it reads after an object', async () => {
    const d = await programmer.generate(sceneContext('put the red block amid the tray', MIXED));
    expect(d.error).toMatch(/; try "next to X", "to the left of X", "closest to X", "in X", "on X", "in the top left corner"$/);
  });

  it('names the object phrase and what was checked when nothing matches', async () => {
    const d = await programmer.generate(sceneContext('put the ball to the right of the gray tray in the bowl', MIXED));
    expect(d.error).toBe(
      "no object matches 'the ball to the right of the gray tray': nothing that fits lies to the right of gray_tray (orange_ball does not)",
    );
  });
});

describe('a singular phrase that fits several objects', () => {
  it('takes the one nearest the gripper, says so in the draft notes and as a note in the program', async () => {
    const d = await programmer.generate(sceneContext('Put the block in the white bowl.', MIXED));
    const warning = '"the block" fits yellow_block, green_block, blue_block, red_block: chose yellow_block, nearest the gripper';
    expect(d.notes).toContain(warning);
    expect(d.program).toContain(`// note: ${warning}`);
    expect(d.program).toContain("pick('yellow_block');");
  });

  it('breaks a tie in distance by taking the leftmost', () => {
    const tie: SceneFacts = {
      objects: [
        obj('right_block', 'box', 'red', 0.04, [0.12, -0.15]),
        obj('left_block', 'box', 'blue', 0.04, [-0.12, -0.15]),
        obj('far_block', 'box', 'green', 0.04, [0, 0.2]),
        obj('white_bowl', 'bowl', 'white', 0.13, [0.25, 0.15]),
      ],
      zones: [],
    };
    const r = readInstruction('put the block in the bowl', tie);
    expect(r.candidates['the block']).toEqual(['left_block', 'right_block', 'far_block']);
    expect(r.notes[0]).toBe('"the block" fits left_block, right_block, far_block: chose left_block, nearest the gripper');
  });

  it('does not call a ranked phrase ambiguous', () => {
    const r = readInstruction('put the smallest block in the bowl', MIXED);
    expect(r.notes.filter((n) => n.includes('"the smallest block"'))).toEqual([]);
    const n = readInstruction('put the block closest to the ball in the bowl', MIXED);
    expect(n.notes.filter((x) => x.includes('closest'))).toEqual([]);
  });
});
