// How the rule programmer reads what people say, twelfth round (issue 11, after the eighth
// table's post-hoc failures, before the ninth table was seen): how far, said after the place or
// in a sentence of its own ("A long way out, not just beside it."); any spot in the place
// named ("anywhere along that side"); the place first ("the corner … - that's where X goes");
// superlatives said as clauses ("whichever two blocks are the biggest", "the cans that aren't
// the tallest"); a thing named, then a pronoun for it ("…, those go on the tray"); lists of
// colours; orders with nothing named; ends of a size order; knocking stacks down; how an
// arrangement looks ("a nice big ring"); a heading before explicit assignments ("Sort by
// colour: reds on …"); "can" the modal; why, then what ("…, so that one stays put"); where a
// thing is taken from; "not a bowl or tray" after "everything". The sentences are this file's
// own; first programs run in simulation are judged by success predicates written here (the
// programmer never sees them).

import { describe, expect, it } from 'vitest';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { BLOCKS_AND_BALLS, MIXED, SIZES, TOWER, obj, read, reading } from './rule-fixtures.ts';
import { SEEDS, bowl, box, firstAttempt, task } from './rule-sim-fixtures.ts';

/** Four blocks, the bowls of three of their colours and an orange bowl. */
const COLOURS: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.3, -0.2]),
    obj('blue_block', 'box', 'blue', 0.04, [-0.1, -0.2]),
    obj('green_block', 'box', 'green', 0.04, [0.1, -0.2]),
    obj('white_block', 'box', 'white', 0.04, [0.3, -0.2]),
    obj('red_bowl', 'bowl', 'red', 0.13, [-0.3, 0.2]),
    obj('blue_bowl', 'bowl', 'blue', 0.13, [-0.05, 0.2]),
    obj('green_bowl', 'bowl', 'green', 0.13, [0.2, 0.2]),
    obj('orange_bowl', 'bowl', 'orange', 0.13, [0.35, 0.0]),
  ],
  zones: [],
};

describe('how far, said after the place', () => {
  it.each([
    ['Put the red block to the left of the white bowl. A long way out, not just beside it.', 'A long way out, not just beside it'],
    ['Move the red block to the right of the white bowl. Not far.', 'Not far'],
  ])('in a sentence of its own: %s', (text, said) => {
    const r = reading(text, MIXED);
    expect(r.intents).toContain(said);
    expect(r.notes).toContain(`read '${said}' as how far the clause before puts it`);
  });

  it.each([
    ['Set the red block down to the left of the white bowl, about 20 cm away.', 'about 20 cm away'],
    ['Put the red block behind the white bowl, not far, just behind it.', 'not far, just behind it'],
  ])('after a comma: %s', (text, said) => {
    expect(read(text, MIXED)).toContain(`place red_block ${said}`);
  });

  it('a second distance that disagrees with the first is refused, not left out as an aside', () => {
    expect(() => read('Put the red block a little to the left of the white bowl. A long way out.', MIXED)).toThrow(
      /^could not read "A long way out": it says another distance than 'a little' said before; say one$/,
    );
  });
});

describe('any spot in the place named', () => {
  it.each([
    [
      'Slide the red block to the left side of the table, anywhere along that side.',
      'push red_block to the left side of the table',
      'anywhere along that side',
    ],
    ["Put the red block somewhere on the left side, doesn't matter where.", 'place red_block to the left side', "doesn't matter where"],
  ])('%s', (text, expected, left) => {
    const r = reading(text, MIXED);
    expect(r.intents).toBe(expected);
    expect(r.notes).toContain(`left out '${left}': any spot in the place it names is fine`);
  });

  it('a sentence of its own', () => {
    expect(read('Can the red block go over to the top edge of the table? Anywhere along the top is fine.', MIXED)).toBe(
      'place red_block to the top edge of the table (top_side)',
    );
  });
});

describe('the place first, then what goes there', () => {
  it.each([
    [
      "The corner furthest from the gray tray - that's where the red block has to end up.",
      'place red_block to the corner farthest from gray_tray (top left corner)',
    ],
    // (Not the bowl onto the block.)
    ['The white bowl is where the yellow block goes.', 'place yellow_block in white_bowl'],
  ])('%s', (text, expected) => {
    expect(read(text, MIXED)).toBe(expected);
  });
});

describe('superlatives said as clauses', () => {
  it.each([
    ['Whichever two blocks are the biggest, those go on the gray tray.', 'place blue_block in gray_tray | place green_block in gray_tray'],
    ['Whichever block is the smallest goes in the white bowl.', 'place yellow_block in white_bowl'],
    [
      "The blocks that aren't the smallest one - put those three in the white bowl.",
      'gather red_block, blue_block, green_block in white_bowl',
    ],
    // "except the biggest": the biggest only, not every block it could have been.
    [
      'Put every block except the biggest one on the gray tray.',
      'place red_block in gray_tray | place green_block in gray_tray | place yellow_block in gray_tray',
    ],
  ])('%s', (text, expected) => {
    expect(read(text, MIXED)).toBe(expected);
  });
});

describe('a thing named, then a pronoun for it', () => {
  it.each([
    ['The orange ball, it goes in the white bowl.', 'place orange_ball in white_bowl'],
    [
      'Red, green and yellow - those three onto the gray tray.',
      'place red_block in gray_tray | place green_block in gray_tray | place yellow_block in gray_tray',
    ],
  ])('%s', (text, expected) => {
    expect(read(text, MIXED)).toBe(expected);
  });

  it('"those four" after three colours, or with nothing named, is refused (it once took every object)', () => {
    expect(() => read('Red, green and yellow - those four onto the gray tray.', MIXED)).toThrow(
      /^cannot tell what 'those four' refers to: nothing was named before it$/,
    );
    expect(() => read('Those three onto the gray tray.', MIXED)).toThrow(/^cannot tell what 'Those three' refers to/);
  });
});

describe('colours matched and swapped', () => {
  it.each([
    [
      'Red, blue and green blocks: each into the bowl that matches it.',
      'sort red_block→red_bowl, blue_block→blue_bowl, green_block→green_bowl',
    ],
    [
      'Put the red and blue blocks into their own colour bowls, and the white block into the orange bowl.',
      'sort red_block→red_bowl, blue_block→blue_bowl | place white_block in orange_bowl',
    ],
    [
      'Swap them over: reds into the blue bowl, blues into the red bowl, both of each.',
      'place red_block in blue_bowl | place blue_block in red_bowl',
    ],
  ])('%s', (text, expected) => {
    expect(read(text, COLOURS)).toBe(expected);
  });
});

describe('"each" before one place for them all', () => {
  it('is left out; before "a bowl" (one each, or one for all?) it is not', () => {
    expect(read('Red, blue and green blocks: each into the bowl that matches it.', COLOURS)).toBe(
      'sort red_block→red_bowl, blue_block→blue_bowl, green_block→green_bowl',
    );
    expect(() => read('put the red and blue blocks each in a bowl', COLOURS)).toThrow(/^could not read .* at 'each'/);
  });
});

describe('orders', () => {
  it('with nothing named: every object that is not a container, noted', () => {
    const r = reading('largest to smallest, from left to right.', SIZES);
    // (By volume: the 5 cm block, 125 cm³, is bigger than the 8 cm tall can, 101 cm³.)
    expect(r.intents).toBe('line up block_1, tall_can, block_3, short_can, block_2 along +x');
    expect(r.notes).toContain(
      "'largest to smallest, from left to right' names nothing to order: read as every object that is not a container",
    );
  });

  it('with what it orders named in the next sentence', () => {
    const r = reading('smallest to largest, left to right. The blocks, I mean.', SIZES);
    expect(r.intents).toBe('line up block_2, block_3, block_1 along +x');
    expect(r.notes).toContain("read 'The blocks, I mean' as naming what the sentence before orders");
  });

  it.each([
    [
      'Biggest block at the far left, smallest at the far right, and the others in size order in between.',
      'line up block_1, block_3, block_2 along +x',
    ],
    // A row is made, not a stack: "the small ones on the left" is its order.
    [
      'Make a row of the blocks sorted by size, the small ones on the left.',
      'line up block_2, block_3, block_1 along +x (horizontal line)',
    ],
  ])('%s', (text, expected) => {
    expect(read(text, SIZES)).toBe(expected);
  });

  it('two ends on their own are two places, not an order', () => {
    expect(read('Put the smallest block on the far left and the biggest block on the far right', SIZES)).toMatch(
      /^place block_2 .* \| place block_1 /,
    );
  });
});

describe('stacks knocked down, arrangements as they look', () => {
  it.each([
    ['Knock the tower down.', 'unstack green_block from yellow_block | unstack yellow_block from red_block'],
    [
      'Knock down the stack and put all the blocks in a vertical line.',
      'line up purple_block, red_block, yellow_block, green_block along +y (vertical line)',
    ],
    [
      'Put all the blocks in a nice big ring around the blue bowl.',
      'circle red_block, yellow_block, green_block, purple_block around blue_bowl',
    ],
    ['Put all the blocks in a tight little circle.', 'circle red_block, yellow_block, green_block, purple_block around their centre'],
  ])('%s', (text, expected) => {
    expect(read(text, TOWER)).toBe(expected);
  });
});

describe('headings, "can", and why-then-what', () => {
  it.each([
    [
      'Sort by colour: the red block on the white tray, the black one in the brown bowl, and the yellow one can stay where it is.',
      'place red_block in white_tray | place black_block in brown_bowl',
      'kept where they are: yellow_block',
    ],
    [
      'Put the blocks in the brown bowl. The black one is too heavy, so that one stays put.',
      'gather red_block, yellow_block in brown_bowl',
      'kept where they are: black_block (left out of what moves black_block)',
    ],
    [
      'Put the balls in the purple bowl. Red and black stay in the row where they are.',
      'gather blue_ball, green_ball in purple_bowl',
      'kept where they are: red_block, black_block',
    ],
  ])('%s', (text, expected, note) => {
    const r = reading(text, BLOCKS_AND_BALLS);
    expect(r.intents).toBe(expected);
    expect(r.notes).toContain(note);
  });

  it('a heading before explicit assignments is not a colour match', () => {
    expect(read('Sort by shape: balls in the purple bowl, blocks on the white tray.', BLOCKS_AND_BALLS)).toBe(
      'gather blue_ball, green_ball in purple_bowl | place red_block in white_tray | place yellow_block in white_tray | place black_block in white_tray',
    );
  });
});

describe('where a thing is taken from', () => {
  it.each([
    [
      'Put all the blocks in the purple bowl, then take the yellow one back out and leave it in the top right corner.',
      'gather red_block, yellow_block, black_block in purple_bowl | place yellow_block to the top right corner',
    ],
    ['Take the blue ball out of the row and put it right next to the white tray.', 'place blue_ball next to white_tray'],
    [
      'Bring the green ball in from its corner and leave it a little to the right of the white tray.',
      'place green_ball a little right of white_tray',
    ],
    // A container it is taken from stays in the reading.
    ['Take the red block out of the brown bowl and put it on the tray.', 'place red_block in white_tray (off brown_bowl)'],
    [
      "Everything that isn't black, and not a bowl or a tray, onto the white tray.",
      'place red_block in white_tray | place yellow_block in white_tray | place blue_ball in white_tray | place green_ball in white_tray',
    ],
  ])('%s', (text, expected) => {
    expect(read(text, BLOCKS_AND_BALLS)).toBe(expected);
  });
});

describe('first programs in simulation', () => {
  const tray = { id: 'gray_tray', shape: 'tray', color: 'gray', size: [0.2, 0.15, 0.03] };
  it('how far, in a sentence of its own', async () => {
    const def = task(
      'Put the red block to the left of the white bowl. A long way out, not just beside it.',
      [box('red_block', 'red', 0.04, { position: [0.25, -0.15] }), bowl('white_bowl', 'white', { position: [0.15, 0.1] })],
      { offset: { id: 'red_block', from: 'white_bowl', direction: 'left', min: 0.15, max: 0.4 } },
    );
    for (const seed of SEEDS) {
      const r = await firstAttempt(def, seed);
      expect(r, `seed ${seed}: ${r.detail}`).toMatchObject({ ok: true });
    }
  });

  it('a superlative said as a clause, then "those"', async () => {
    const def = task(
      'Whichever two blocks are the biggest, those go on the gray tray.',
      [
        box('red_block', 'red', 0.03),
        box('blue_block', 'blue', 0.05),
        box('green_block', 'green', 0.045),
        box('yellow_block', 'yellow', 0.035),
        tray,
      ],
      { every: { select: { shape: 'box', largest: 2 }, holds: { inside: ['$', 'gray_tray'] } } },
      { layout: { minGap: 0.05 } },
    );
    for (const seed of SEEDS) {
      const r = await firstAttempt(def, seed);
      expect(r, `seed ${seed}: ${r.detail}`).toMatchObject({ ok: true });
    }
  });

  it('the place first: "that\'s where it goes"', async () => {
    const def = task(
      "The corner furthest from the white bowl - that's where the red block has to end up.",
      [box('red_block', 'red'), bowl('white_bowl', 'white'), box('blue_block', 'blue')],
      { inRegion: ['red_block', { corner: { farthestFrom: 'white_bowl' } }] },
      { layout: { minGap: 0.05 } },
    );
    for (const seed of SEEDS) {
      const r = await firstAttempt(def, seed);
      expect(r, `seed ${seed}: ${r.detail}`).toMatchObject({ ok: true });
    }
  });
});
