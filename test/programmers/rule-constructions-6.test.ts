// How the rule programmer reads what people say, sixth round (issue 11, after the fourth
// paraphrase table's post-hoc round): reading past what the grammar does not cover with a
// few edits a person would make, each noted (recover.ts) — a clause with no verb that names
// a thing and where it goes, the words linking a thing to where it ends up, an aside that
// names nothing; never an unknown word left out. Then: loose degree words ("way down below",
// "a good long way right of", "…, quite far from it"), "it" for a thing named inside a phrase,
// a count before a side word ("the top two blocks"), turning a stack over ("flip the
// tower"), sharing things among containers ("split the blocks between the two bowls so
// neither bowl is empty"), a thing then a place as two sentences ("Black block. Brown
// bowl."), a place then "there" ("next to the bowl, put the block there"; "which corner is X
// closest to? move Y there"). Readings against hand-made scenes (the sentences are this
// file's own), then first programs in simulation judged by success predicates written here
// (the programmer never sees them).

import { describe, expect, it } from 'vitest';
import { PHRASE_DISTANCES } from '../../sim/index.ts';
import { readInstruction } from '../../policy/programmers/index.ts';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { BLOCKS_AND_BALLS, TOWER, obj, read, reading } from './rule-fixtures.ts';
import { SEEDS, bowl, box, firstAttempt, task } from './rule-sim-fixtures.ts';

const SCENE = BLOCKS_AND_BALLS;

describe('reading past what the grammar does not cover, noted', () => {
  it('a clause with no verb that names a thing and where it goes is a put', () => {
    const r = reading('the yellow block and the black block, both of them onto the tray', SCENE);
    expect(r.intents).toBe('place yellow_block in white_tray | place black_block in white_tray');
    expect(r.notes).toContain('no verb: read as putting what it names where it says');
    expect(read('blocks and balls, all five of them in one straight line from left to right', SCENE)).toBe(
      'line up green_ball, red_block, yellow_block, black_block, blue_ball along +x (horizontal line)',
    );
    expect(read('every ball except the blue one onto the white tray', SCENE)).toBe('place green_ball in white_tray');
  });

  it('a bracket after a thing that says where it is says which one', () => {
    expect(read('the yellow block (the one at the back) ought to be on the tray', SCENE)).toBe('place yellow_block in white_tray');
    expect(read('put the block (the one nearest the purple bowl) in the brown bowl', SCENE)).toBe('place yellow_block in brown_bowl');
  });

  it('what rests on the thing to move, when the instruction names it, goes to the table first', () => {
    const r = reading('the red block (under the yellow one) should go in the blue bowl', TOWER);
    expect(r.intents).toBe('unstack green_block from yellow_block | unstack yellow_block from red_block | place red_block in blue_bowl');
    expect(r.notes).toContain('green_block, yellow_block rest on red_block: moved to the table first');
    expect(read('put the yellow block (below the green one) in the blue bowl', TOWER)).toBe(
      'unstack green_block from yellow_block | place yellow_block in blue_bowl',
    );
    // Unnamed, it is left for the person to point out ("take the green block off first").
    expect(read('put the red block in the blue bowl', TOWER)).toBe('place red_block in blue_bowl');
  });

  it('a phrase saying where on a stack a thing is now is left out, noted', () => {
    const r = reading('move the green one from the top of the tower into the blue bowl', TOWER);
    expect(r.intents).toBe('place green_block in blue_bowl');
    expect(r.notes).toContain("left out 'from the top of the tower', which says where it is now");
  });

  it('the words linking a thing to where it ends up are read as where it goes', () => {
    expect(read('the black block should end up in the brown bowl', SCENE)).toBe('place black_block in brown_bowl');
    expect(read('the red block is to go in the purple bowl', SCENE)).toBe('place red_block in purple_bowl');
  });

  it('an aside that names no object or place is left out, and said so', () => {
    const r = reading('put the red block in the brown bowl, like a good robot', SCENE);
    expect(r.intents).toBe('place red_block in brown_bowl');
    expect(r.notes).toContain("left out 'like a good robot', which names no object or place");
  });

  it('never leaves out an unknown word, and a phrase alone is still no instruction', () => {
    for (const text of [
      'the black block',
      'twirl the red block around the purple bowl',
      'the red block wobbles on the tray',
      'put the red block on the tray sideways',
      'Black block. Now.',
    ])
      expect(() => readInstruction(text, SCENE), text).toThrow(/could not read/);
  });
});

describe('how far, said loosely', () => {
  it('a run of degree words before a side is a lot, or a little when a word says small', () => {
    expect(read('put the black block way down below the brown bowl', SCENE)).toBe('place black_block way down in front of brown_bowl');
    expect(read('set the red block a good long way right of the purple bowl', SCENE)).toBe(
      'place red_block a good long way right of purple_bowl',
    );
    expect(read('put the red block a tiny little bit right of the purple bowl', SCENE)).toBe(
      'place red_block a tiny little bit right of purple_bowl',
    );
  });

  it('how far, said after the place ("…, quite far from it", "…, really close to it")', async () => {
    expect(read('put the black block to the left of the brown bowl, quite far from it', SCENE)).toBe(
      'place black_block quite far from it left of brown_bowl',
    );
    expect(read('put the black block to the right of the purple bowl, really close to it', SCENE)).toBe(
      'place black_block really close to it right of purple_bowl',
    );
  });

  it('words that are sizes or sides are not taken for a degree ("small to big from left to right")', () => {
    expect(read('sort the blocks by size, small to big from left to right', SCENE)).toMatch(/^line up /);
  });
});

describe('what "it", counts and verbs name', () => {
  it('"it" with nothing moved before is the thing named inside the phrase', () => {
    const r = reading('the two blocks closest to the purple bowl go into it', SCENE);
    expect(r.intents).toBe('gather yellow_block, red_block in purple_bowl');
    expect(r.notes).toContain("'it' with nothing named before it: read as purple_bowl, named just before");
  });

  it('a count before or after a side word', () => {
    expect(read('put the two left blocks in the tray', SCENE)).toBe('gather red_block, yellow_block in white_tray');
    expect(read('put the top two blocks in the tray', SCENE)).toBe('gather yellow_block, red_block in white_tray');
  });

  it('turning a stack over rebuilds it in reverse on the table', () => {
    for (const text of ['flip the tower', 'turn the stack upside down', 'invert the tower, please'])
      expect(read(text, TOWER), text).toBe('place green_block on the table | stack green_block < yellow_block < red_block');
    expect(read('dismantle the tower', TOWER)).toBe('unstack green_block from yellow_block | unstack yellow_block from red_block');
  });

  it('sharing things among containers gives each one at least', () => {
    const r = read('split the blocks between the two bowls so neither bowl is empty', SCENE);
    expect(r).toMatch(/^sort /);
    expect(r).toContain('purple_bowl');
    expect(r).toContain('brown_bowl');
  });
});

describe('groups, colours and headings', () => {
  it('"the middle block of the three": the group it is counted in, all of that kind', () => {
    expect(read('put the middle block of the three into the tray', SCENE)).toBe('place yellow_block in white_tray');
  });

  it('"give each of the blocks its own corner (of the table)" is each in a corner of its own', () => {
    expect(read('give each of the three blocks its own corner of the table', SCENE)).toBe(
      'place red_block to the bottom left corner | place yellow_block to the top right corner | place black_block to the bottom right corner',
    );
  });

  it('a colour in the plural names the things of that colour, not a container of it', () => {
    expect(read('put the reds and the blacks in the purple bowl', SCENE)).toBe('gather red_block, black_block in purple_bowl');
  });

  it('colours that must not match keep saying so with "one each" / "a different bowl for each"', () => {
    const scene: SceneFacts = {
      objects: [
        obj('red_block', 'box', 'red', 0.04, [-0.25, -0.15]),
        obj('green_block', 'box', 'green', 0.04, [0.05, -0.2]),
        obj('red_bowl', 'bowl', 'red', 0.13, [-0.25, 0.18]),
        obj('green_bowl', 'bowl', 'green', 0.13, [0.25, 0.18]),
      ],
      zones: [],
    };
    for (const text of [
      "put the blocks in bowls that aren't their colour, one each",
      "put the blocks in bowls that aren't their colour, a different bowl for each",
    ])
      expect(read(text, scene), text).toBe('sort red_block→green_bowl, green_block→red_bowl');
  });

  it('"none of the balls should be in its own colour\'s bowl" is each in a bowl of another colour', () => {
    for (const text of [
      "none of the balls should be in its own colour's bowl",
      'no ball may end up in the bowl of its own colour',
      'none of the balls should be in a bowl of the same colour',
    ])
      expect(read(text, SCENE), text).toBe('sort blue_ball→brown_bowl, green_ball→purple_bowl');
  });

  it('a heading before a colon that does not read is left out when what follows says it all', () => {
    const r = reading('tidy-up time: the red block into the brown bowl', SCENE);
    expect(r.intents).toBe('place red_block in brown_bowl');
    expect(r.notes.some((n) => n.includes('a heading before what it says'))).toBe(true);
  });
});

describe('how people talk to a robot', () => {
  it('reads vocatives, stretched words, "whatever\'s", participles of putting and a question then a place', () => {
    expect(read('chuck the blue ball in the brown bowl mate', SCENE)).toBe('place blue_ball in brown_bowl');
    expect(read('put the blue ball into the brown bowl pleeease', SCENE)).toBe('place blue_ball in brown_bowl');
    expect(read('I need the yellow block stacked onto the red block.', SCENE)).toBe('place yellow_block on red_block');
    expect(read('The green ball? In the purple bowl, please.', SCENE)).toBe('place green_ball in purple_bowl');
    expect(read("whatever's directly above the white tray, put it in the brown bowl", SCENE)).toBe('place yellow_block in brown_bowl');
  });

  it('a list then "both", a colour as the head, "stuff", and "it" after "everything"', () => {
    expect(read('The yellow block and the green ball, both in the brown bowl.', SCENE)).toBe(
      'gather yellow_block, green_ball in brown_bowl',
    );
    expect(read('put the red block and the black in the tray', SCENE)).toBe('gather red_block, black_block in white_tray');
    expect(read('put the green stuff in the purple bowl', SCENE)).toBe('place green_ball in purple_bowl');
    expect(read('grab everything that is a ball and drop it in the brown bowl', SCENE)).toBe('gather blue_ball, green_ball in brown_bowl');
  });
});

describe('stacks in the plural, and lines said loosely', () => {
  /** Two stacks of two and a bowl. */
  const TWO: SceneFacts = {
    objects: [
      obj('red_block', 'box', 'red', 0.04, [-0.2, 0.05], 0, 0.02),
      obj('blue_block', 'box', 'blue', 0.04, [-0.2, 0.05], 0, 0.06),
      obj('white_block', 'box', 'white', 0.04, [0.15, -0.1], 0, 0.02),
      obj('black_block', 'box', 'black', 0.04, [0.15, -0.1], 0, 0.06),
      obj('gray_bowl', 'bowl', 'gray', 0.13, [0.25, 0.2]),
    ],
    zones: [],
  };
  /** Three cylinders, a bowl and a tray. */
  const CANS: SceneFacts = {
    objects: [
      obj('red_cylinder', 'cylinder', 'red', 0.04, [-0.2, 0.05]),
      obj('white_cylinder', 'cylinder', 'white', 0.04, [0.1, -0.1]),
      obj('orange_cylinder', 'cylinder', 'orange', 0.04, [0.2, 0.15]),
      obj('gray_bowl', 'bowl', 'gray', 0.13, [0.25, -0.2]),
      obj('blue_tray', 'tray', 'blue', 0.2, [-0.2, -0.2]),
    ],
    zones: [],
  };

  it('"both towers", "the two stacks": every stack there is', () => {
    for (const text of ['unstack both towers', 'take the two stacks apart'])
      expect(read(text, TWO), text).toBe('unstack blue_block from red_block | unstack black_block from white_block');
  });

  it('"a left-to-right line", "(not the bowl or the tray)", "on the far left", "all standing"', () => {
    const line = 'line up red_cylinder, white_cylinder, orange_cylinder along +x';
    expect(read('the three cans: stand them up in a left-to-right line', CANS)).toBe(`${line} (horizontal line)`);
    expect(read('put all the things (not the bowl or the tray) in a row, red on the far left', CANS)).toBe(`${line} (horizontal line)`);
    expect(read('line the cylinders up from left to right, all standing', CANS)).toBe(line);
  });
});

describe('counts, sizes and questions said loosely', () => {
  /** Four blocks of four sizes, a tray, two bowls and a can. */
  const SIZES: SceneFacts = {
    objects: [
      obj('small_red', 'box', 'red', 0.03, [-0.25, -0.15]),
      obj('mid_yellow', 'box', 'yellow', 0.04, [-0.05, 0.2]),
      obj('big_black', 'box', 'black', 0.05, [0.15, -0.2]),
      obj('huge_white', 'box', 'white', 0.06, [0.3, 0.05]),
      obj('gray_tray', 'tray', 'gray', 0.2, [0.02, -0.02]),
      obj('green_bowl', 'bowl', 'green', 0.13, [-0.25, 0.18]),
      obj('blue_bowl', 'bowl', 'blue', 0.13, [0.28, 0.22]),
      obj('blue_cylinder', 'cylinder', 'blue', 0.04, [-0.3, 0.0]),
    ],
    zones: [],
  };

  it.each([
    ['3 biggest blocks in the gray tray', 'gather huge_white, big_black, mid_yellow in gray_tray'],
    [
      'put the smallest block in the green bowl and then the biggest two on the tray',
      'place small_red in green_bowl | place huge_white in gray_tray | place big_black in gray_tray',
    ],
    ['put the smallest block on top of the largest one', 'place small_red on huge_white'],
    ['stack the 2 biggest blocks, the larger one underneath', 'stack huge_white < big_black'],
    ['Place the blue can on the gray tray and keep it upright.', 'place blue_cylinder upright in gray_tray'],
    ['2nd from the right -> green bowl pls', 'place big_black in green_bowl'],
    ["which block's the furthest from the green bowl? chuck it in the blue bowl", 'place huge_white in blue_bowl'],
    [
      'give the red, yellow, black and white blocks a corner each',
      'place small_red to the bottom left corner | place mid_yellow to the top left corner | place big_black to the bottom right corner | place huge_white to the top right corner',
    ],
  ])('%s', (text, intents) => {
    expect(read(text, SIZES)).toBe(intents);
  });

  it('"…, neither one left empty" after sharing among containers', () => {
    const r = reading('split the blocks between the two bowls, neither one left empty', SIZES);
    expect(r.intents).toMatch(/^sort .*green_bowl.*blue_bowl/);
    expect(r.notes[0]).toMatch(/no bowl empty/);
  });
});

describe('the order things go into a container', () => {
  it('of places one after another into one container, the balls go in last', () => {
    expect(read('put both balls and the red block onto the white tray', SCENE)).toBe(
      'place red_block in white_tray | place blue_ball in white_tray | place green_ball in white_tray',
    );
    expect(read('put the blue ball in the tray, the green ball in the tray and the black block in the tray', SCENE)).toBe(
      'place black_block in white_tray | place blue_ball in white_tray | place green_ball in white_tray',
    );
  });
});

describe('arrangements, said loosely', () => {
  it('how evenly it is spaced says nothing more; "with X in the middle" of a ring is round X', () => {
    expect(read('put the blocks in an evenly spaced line', SCENE)).toBe(
      'line up red_block, yellow_block, black_block along +x (horizontal line)',
    );
    expect(read('spread the blocks out evenly in a row', SCENE)).toBe(
      'line up red_block, yellow_block, black_block along +x (horizontal line)',
    );
    expect(read('make a ring with the three blocks, with the brown bowl in the middle of it', SCENE)).toBe(
      'circle red_block, yellow_block, black_block around brown_bowl',
    );
  });
});

describe('a place said in one sentence, the thing in another', () => {
  it('a thing, then a place, as two sentences', () => {
    const r = reading('Black block. Brown bowl.', SCENE);
    expect(r.intents).toBe('place black_block in brown_bowl');
    expect(r.notes[0]).toMatch(/read as putting the one in the other/);
  });

  it('a place first, then "there"', () => {
    expect(read('next to the brown bowl, put the red block there', SCENE)).toBe('place red_block next to brown_bowl');
    expect(read('which corner is the purple bowl closest to? move the black block there', SCENE)).toBe(
      'place black_block to the corner closest to purple_bowl (top left corner)',
    );
    expect(read('what side of the table is the brown bowl farthest from? put the red block there', SCENE)).toBe(
      'place red_block to the side farthest from brown_bowl (left side)',
    );
  });
});

describe('in simulation', () => {
  it.each([
    [
      'the red block should end up on the blue block',
      [box('red_block', 'red'), box('blue_block', 'blue'), box('green_block', 'green')],
      { on: ['red_block', 'blue_block'] },
    ],
    [
      'Red block. Gray bowl.',
      [box('red_block', 'red'), box('blue_block', 'blue'), bowl('gray_bowl', 'gray')],
      { inside: ['red_block', 'gray_bowl'] },
    ],
    [
      'put the red block way over to the right of the gray bowl',
      [box('red_block', 'red'), bowl('gray_bowl', 'gray', { position: [-0.2, 0.05] })],
      { offset: { id: 'red_block', from: 'gray_bowl', direction: 'right', min: PHRASE_DISTANCES.lot.min, max: PHRASE_DISTANCES.lot.max } },
    ],
    [
      'split the blocks between the bowls so that no bowl is left empty',
      [
        box('red_block', 'red'),
        box('blue_block', 'blue'),
        box('green_block', 'green'),
        bowl('gray_bowl', 'gray'),
        bowl('brown_bowl', 'brown'),
      ],
      {
        all: [
          { every: { select: { shape: 'box' }, holds: { some: { select: { shape: 'bowl' }, holds: { inside: ['$', '$b'] }, as: '$b' } } } },
          {
            every: {
              select: { shape: 'bowl' },
              holds: { some: { select: { shape: 'box' }, holds: { inside: ['$x', '$c'] }, as: '$x' } },
              as: '$c',
            },
          },
        ],
      },
    ],
  ] as [string, object[], object][])('%s', async (instruction, objects, success) => {
    const def = task(instruction, objects, success, { layout: { minGap: 0.05 } });
    for (const seed of SEEDS) {
      const r = await firstAttempt(def, seed);
      expect(r, `seed ${seed}: ${r.detail}`).toMatchObject({ ok: true });
    }
  });

  it('flips a tower of three', async () => {
    const tower = [
      box('red_block', 'red', 0.04, { position: [-0.1, 0.05] }),
      box('yellow_block', 'yellow', 0.04, { on: 'red_block' }),
      box('green_block', 'green', 0.04, { on: 'yellow_block' }),
    ];
    const def = task('flip the tower', tower, {
      all: [{ onTable: 'green_block' }, { on: ['yellow_block', 'green_block'] }, { on: ['red_block', 'yellow_block'] }],
    });
    const r = await firstAttempt(def, 0);
    expect(r, r.detail).toMatchObject({ ok: true });
  });
});
