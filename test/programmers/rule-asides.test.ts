// A sentence said by the way (issue 11, the eleventh round, before the eighth table was
// written): in an instruction of several sentences, one that nothing reads and that names no
// object, place, colour, shape, size, number, side or direction, says no "not" / "only" and
// has no verb of its own ("Hiya robot.", "Righty-ho, here goes.") is left out, noted, when the
// others ask for something. A word it does not know inside a sentence that asks for something
// is still never left out (rule-constructions-6, rule-errors). The sentences are this file's
// own; first programs run in simulation are judged by success predicates written here (the
// programmer never sees them).

import { describe, expect, it } from 'vitest';
import { ParseError, parseInstruction } from '../../policy/programmers/rules/grammar.ts';
import { BLOCKS_AND_BALLS, read, reading } from './rule-fixtures.ts';
import { SEEDS, bowl, box, firstAttempt, task } from './rule-sim-fixtures.ts';

const SCENE = BLOCKS_AND_BALLS;

describe('a sentence that names nothing', () => {
  it('is left out, noted, when the others ask for something', () => {
    const r = reading('Hiya robot. Put the red block in the brown bowl.', SCENE);
    expect(r.intents).toBe('place red_block in brown_bowl');
    expect(r.notes).toContain("left out 'Hiya robot', which names no object or place and asks for nothing it knows");
  });

  it.each([
    ['Righty-ho, here goes. The black block onto the tray, please.', 'place black_block in white_tray'],
    ['Put the yellow block in the purple bowl. Much obliged, robot.', 'place yellow_block in purple_bowl'],
    ['Okay so. Hmm. Lovely weather. Stack the red block on the yellow block.', 'stack yellow_block < red_block'],
  ])('%s', (text, expected) => {
    expect(read(text, SCENE)).toBe(expected);
  });

  it('is not left out when it is all there is, names something or says "not"', () => {
    // Nothing else asks for anything: the first sentence's error stands.
    expect(() => read('Hiya. Cheers mate.', SCENE)).toThrow(/^could not read "Hiya"/);
    // A sentence naming a colour or a side is never dropped unread.
    expect(() => read('Yonder the red. Put the black block in the brown bowl.', SCENE)).toThrow(/^could not read "Yonder the red"/);
    expect(() => read('Whoosh leftwards. Put the black block in the brown bowl.', SCENE)).toThrow(/^could not read/);
    // Nor one that says what must not happen, nor one with a verb it knows.
    expect(() => read('Never yonder. Put the black block in the brown bowl.', SCENE)).toThrow(/^could not read "Never yonder"/);
    expect(() => read('Swap yonder. Put the black block in the brown bowl.', SCENE)).toThrow(/^could not read/);
  });

  it('is only for reading instructions: the grammar alone, as the correction grammar calls it, refuses', () => {
    const text = 'Hiya robot. Put the red block in the brown bowl.';
    expect(() => parseInstruction(text)).toThrow(ParseError);
    expect(parseInstruction(text, { asides: true })).toHaveLength(1);
  });
});

describe('first programs in simulation', () => {
  const tray = { id: 'white_tray', shape: 'tray', color: 'white', size: [0.2, 0.15, 0.03] };
  it('a greeting left out', async () => {
    const def = task(
      'Hiya robot. The red block onto the tray, please.',
      [box('black_block', 'black'), box('red_block', 'red'), bowl('purple_bowl', 'purple'), tray],
      { inside: ['red_block', 'white_tray'] },
      { layout: { minGap: 0.05 } },
    );
    for (const seed of SEEDS) {
      const r = await firstAttempt(def, seed);
      expect(r, `seed ${seed}: ${r.detail}`).toMatchObject({ ok: true });
    }
  });
});
