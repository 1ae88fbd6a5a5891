// The builtin's corrections through the lead's CorrectionSession (policy/corrections),
// end to end in simulation: the first program runs, a person's correction (plan-level,
// then skill-level) is read by RuleProgrammer.correct, the session checks its class and
// runs the new program on the world as it is, and the task — written here, never shown
// to the programmer — holds at the end.

import { describe, expect, it } from 'vitest';
import { CorrectionSession } from '../../policy/corrections/index.ts';
import { RuleProgrammer } from '../../policy/programmers/index.ts';
import { box, bowl, task } from './rule-correct-fixtures.ts';

describe('RuleProgrammer in a CorrectionSession', () => {
  it('"no, the green one" (plan) on an ambiguous instruction: continue from the world as it is, task done', async () => {
    // "the block" fits both; the builtin takes the one nearest the gripper (red), the person meant green.
    const def = task(
      'Put the block in the bowl.',
      [
        box('red_block', 'red', 0.04, { position: [0.0, -0.05] }),
        box('green_block', 'green', 0.04, { position: [0.2, 0.1] }),
        bowl('bowl', 'white', { position: [-0.15, 0.15] }),
      ],
      { all: [{ inside: ['green_block', 'bowl'] }, { onTable: 'red_block' }] },
    );
    const s = await CorrectionSession.start({ task: def, seed: 0, programmer: new RuleProgrammer() });
    try {
      const r0 = await s.run();
      expect(r0.success.ok).toBe(false);
      const c = await s.correct('no, the green one');
      expect(c.kind).toBe('applied');
      if (c.kind !== 'applied') return;
      expect(c.record.class).toBe('plan');
      expect(c.draft.understood).toBe('pick green_block instead of red_block');
      const r1 = await s.run();
      expect(r1.error).toBeNull();
      expect(r1.success.ok).toBe(true);
    } finally {
      await s.close('done');
    }
  });

  it('"lift it higher, at least 25 cm" (skill), interrupted while lifting: the lift is corrected, task done', async () => {
    const def = task('Pick up the red block.', [box('red_block', 'red', 0.04, { position: [0.05, 0.0] })], {
      all: [{ grasped: 'red_block' }, { above: ['red_block', 0.25] }],
    });
    const s = await CorrectionSession.start({ task: def, seed: 0, programmer: new RuleProgrammer() });
    try {
      let calls = 0;
      // Interrupted before the second call (the pick), as a person watching would.
      const r0 = await s.run({ onApiCall: () => void calls++, interrupt: () => calls >= 2 });
      expect(r0.interrupted).toBe(true);
      const c = await s.correct('lift it higher, at least 25 cm');
      expect(c.kind).toBe('applied');
      if (c.kind !== 'applied') return;
      expect(c.record.class).toBe('skill');
      expect(c.draft.understood).toMatch(
        /^lift 26\.5 cm instead of \d+(\.\d)? cm at step 1 \(pick up the red block\), where it was interrupted$/,
      );
      const r1 = await s.run();
      expect(r1.error).toBeNull();
      expect(r1.success.ok).toBe(true);
    } finally {
      await s.close('done');
    }
  });
});
