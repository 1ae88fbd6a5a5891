// The session's reading of a correction (plan- or skill-level, DROC's split) and the plan
// skeleton a skill-level correction must keep.
import { describe, expect, it } from 'vitest';
import { actionSkeleton, classifyCorrection, correctionTextProblem, skillChangesPlan } from '../../policy/corrections/index.ts';

describe('classifyCorrection', () => {
  const plan = [
    'no, the green one',
    'the other bowl',
    'the smaller one',
    'not that one, the one on the left',
    'in the tray instead',
    'put it on the green block instead',
    'first move the red block off',
    'do the blue one first',
    'take the cup off the plate before you move the plate',
    'put it back',
    'undo that, put it back where it was',
    "don't move the bowl",
    'wrong bowl',
  ];
  const skill = [
    'grasp it from the side',
    'from the top',
    'lift it higher',
    'lift it higher, at least 25 cm',
    'lower',
    'release it lower',
    'more gently',
    'slower please',
    'a bit further left',
    '2 cm to the right',
    'closer to the bowl',
    'turn it 90 degrees',
    'rotate the gripper a quarter turn',
    'push it further',
    'push it 3 cm more',
    'not so high',
  ];
  it.each(plan)('reads "%s" as plan-level', (t) => expect(classifyCorrection(t).class).toBe('plan'));
  it.each(skill)('reads "%s" as skill-level', (t) => expect(classifyCorrection(t).class).toBe('skill'));
  it('names the cues that decided', () => {
    expect(classifyCorrection('grasp it from the side').cues).toContain('approach');
    expect(classifyCorrection('do the blue one first').cues).toEqual(expect.arrayContaining(['object', 'order']));
    expect(classifyCorrection('hmm').cues).toEqual([]);
  });
});

describe('correctionTextProblem', () => {
  it('accepts speech and refuses the rest in one line', () => {
    expect(correctionTextProblem('no, the blue one')).toBeNull();
    expect(correctionTextProblem('plus à gauche')).toBeNull();
    for (const [bad, re] of [
      ['', /empty/],
      ['x'.repeat(2001), /2001 characters long; at most 2000/],
      [7, /must be text, got number/],
      [undefined, /must be text, got undefined/],
      ['ok\u001b[2J', /control character \(U\+001B\) at character 3/],
      ['?!', /no words/],
    ] as const) {
      const p = correctionTextProblem(bad);
      expect(p).toMatch(re);
      expect(p).not.toContain('\n');
    }
  });
});

describe('actionSkeleton / skillChangesPlan', () => {
  const before = `// put red on blue\npick('red_block', { approach: 'top' });\nplace("blue_block");\nconst p = [0.1, 0.2];\npush('ball', [1, 0], 0.1);\n`;
  it('lists the step actions in order, ignoring comments and how each is done', () => {
    expect(actionSkeleton(before)).toEqual(['pick red_block', 'place blue_block', 'push ball']);
    expect(actionSkeleton("/* pick('x') */ place(p, { offset: [0, 0.02] }); pickAt([0, 0, 0.1]);")).toEqual(['place', 'pickAt']);
  });
  it('lets a skill correction change parameters but not steps or their order', () => {
    const higher = before.replace("{ approach: 'top' }", "{ approach: 'side', liftHeight: 0.25 }") + 'moveTo([0, 0, 0.3]);';
    expect(skillChangesPlan(before, higher, 'restart')).toBeNull();
    const reordered = "push('ball', [1, 0], 0.1);\npick('red_block');\nplace('blue_block');";
    expect(skillChangesPlan(before, reordered, 'restart')).toMatch(
      /steps before: pick red_block, place blue_block, push ball; after: push ball, pick red_block, place blue_block/,
    );
    const other = "pick('green_block');\nplace('blue_block');\npush('ball', [1, 0], 0.1);";
    expect(skillChangesPlan(before, other, 'continue')).not.toBeNull();
  });
  it('with continue, the new program may leave out steps already done, in the old order', () => {
    const rest = "place('blue_block', { releaseHeight: 0.01 });\npush('ball', [1, 0], 0.13);";
    expect(skillChangesPlan(before, rest, 'continue')).toBeNull();
    expect(skillChangesPlan(before, rest, 'restart')).not.toBeNull();
  });
});
