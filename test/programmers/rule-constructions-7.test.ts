// How the rule programmer reads what people say, eighth and ninth rounds (issue 11, after the
// fifth table's post-hoc round and the sixth table's held-out measurement): an arrangement said
// as a list of colours in order (listed-order.ts); people correcting themselves as they speak
// (self-corrections.ts); "there" and "it" for a place named before or in a heading; a result
// ("so it is just right of …") and asides in brackets; hedges and manner words; a bracket that
// names the things; a thing then a container; an arrangement with no verb; both sides named at
// once; a side inside "except"; then the planner: balls out of a bowl before anything else goes
// in, a tower's blocks top first, a chained stack, a slide that would hit something carried
// instead, blocks of sizes far apart in one bowl, a circle round the middle of the table. The
// sentences are this file's own; first programs run in simulation are judged by success
// predicates written here (the programmer never sees them).

import { describe, expect, it } from 'vitest';
import { listedOrder } from '../../policy/programmers/rules/listed-order.ts';
import { tokenize } from '../../policy/programmers/rules/tokenizer.ts';
import { BLOCKS_AND_BALLS, read, reading } from './rule-fixtures.ts';
import { SEEDS, bowl, box, firstAttempt, task } from './rule-sim-fixtures.ts';

const SCENE = BLOCKS_AND_BALLS;

describe('an arrangement said as colours in order', () => {
  it('reads the list in the grammar’s own form, noted, whichever way the order runs', () => {
    const r = reading('line up, left to right: black, red, yellow - the blocks please', SCENE);
    expect(r.intents).toBe('line up black_block, red_block, yellow_block along +x (horizontal line)');
    expect(r.notes[0]).toMatch(/^read as 'line up the black block, the red block and the yellow block in a line from left to right'/);
    expect(read('a row of the blocks from left to right: yellow, then black, then red', SCENE)).toBe(
      'line up yellow_block, black_block, red_block along +x (horizontal line)',
    );
    expect(read('blocks in a column, black nearest, then red, yellow at the far end', SCENE)).toMatch(
      /^line up black_block, red_block, yellow_block along \+y/,
    );
    expect(read('tower: black at the bottom, then yellow, then red on top', SCENE)).toBe('stack black_block < yellow_block < red_block');
    expect(read('tower: red on top, then yellow, black at the bottom', SCENE)).toBe('stack black_block < yellow_block < red_block');
  });

  it('leaves a list that is the words of one phrase, a place besides, or no way said to the grammar', () => {
    // The colours of one phrase: the grammar reads it as written, with nothing noted.
    expect(reading('Line up the red, yellow and black blocks in a row from left to right', SCENE).notes).toEqual([]);
    // A place besides the arrangement, a colour of a container, a repeated colour, or no way said for a line: not a listed order.
    const listed = (text: string, strict = false) => listedOrder(tokenize(text), { strict });
    expect(listed('a row in the top left corner, left to right: black, red, yellow')).toBeNull();
    expect(listed('a row left to right: black, red, yellow, by the blue bowl')).toBeNull();
    expect(listed('a row left to right: black, red, black')).toBeNull();
    expect(listed('a row please: black, red, yellow')).toBeNull();
    expect(listed('a row please, left to right: black, red, yellow')?.text).toBe(
      'line up the black one, the red one and the yellow one in a row from left to right',
    );
    // Nor is the arrangement dropped to read it as puts: no program, the phrase named.
    expect(() => read('a row in the top left corner: black, red, yellow', SCENE)).toThrow(/no known verb/);
    // A stack with no way said is listed bottom first, but only once the grammar has tried.
    expect(listed('tower: black, red, yellow', true)).toBeNull();
    expect(listed('tower: black, red, yellow')?.text).toBe('stack the black one, the red one and the yellow one');
  });
});

describe('people correcting themselves', () => {
  it('a thing corrected: "one" is the noun said before, "it" the thing inside it', () => {
    const r = reading('the yellow block - no wait, the black one - goes on the tray', SCENE);
    expect(r.intents).toBe('place black_block in white_tray');
    expect(r.notes[0]).toBe("'the yellow block - no wait, the black one': read as what it ends with, 'the black block'");
    expect(read('the ball left of the tray, I mean the one right of it, into the brown bowl', SCENE)).toBe('place blue_ball in brown_bowl');
  });

  it('a place corrected, after a pause or in the next sentence ("…? in it, I mean")', () => {
    expect(read('put the red block on the tray. sorry, in the brown bowl', SCENE)).toBe('place red_block in brown_bowl');
    expect(read('could you move the black block over to the purple bowl? in it, I mean', SCENE)).toBe('place black_block in purple_bowl');
  });

  it('a new verb after "no": what was being said is dropped; its thing stays what "them" points at', () => {
    const r = reading('the two balls in a stack, hmm, no - just put them in the purple bowl', SCENE);
    expect(r.intents).toBe('gather blue_ball, green_ball in purple_bowl');
  });

  it('hedges and manner words are left out; an unknown verb still is not', () => {
    expect(read('um, the red block, could you put it on the tray?', SCENE)).toBe('place red_block in white_tray');
    expect(reading('put the red block in the purple bowl, delicately', SCENE).intents).toBe('place red_block in purple_bowl');
    expect(() => read('juggle the red block', SCENE)).toThrow(/'juggle': no known verb/);
    expect(() => read('um', SCENE)).toThrow(/asks for nothing/);
    expect(() => read('', SCENE)).toThrow(/it is empty/);
  });
});

describe('what "there", "it", brackets and pauses stand for', () => {
  it('"in there" is the container named before; "it" after a heading is the heading', () => {
    const r = reading('which block is nearest the purple bowl? drop it in there', SCENE);
    expect(r.intents).toBe('place yellow_block in purple_bowl');
    expect(r.notes).toContain("'there' read as 'the purple bowl', named before");
    expect(reading('brown bowl: the two balls in it, thanks', SCENE).intents).toBe('gather blue_ball, green_ball in brown_bowl');
  });

  it('a bracket that names the things stands for the phrase before it; a bracket said by the way is left out', () => {
    const r = reading('put every loose thing (the black block and the blue ball) in the brown bowl', SCENE);
    expect(r.intents).toBe('gather black_block, blue_ball in brown_bowl');
    expect(r.notes[0]).toMatch(/^read 'every loose thing' as what the brackets name/);
    expect(read('put the red block in the purple bowl (or wherever is easiest, honestly)', SCENE)).toBe('place red_block in purple_bowl');
  });

  it('a result after "so" says where it goes, or is left out when the rest says it', () => {
    const r = reading('slide the red block over so it is just right of the tray', SCENE);
    expect(r.intents).toBe('push red_block just right of white_tray');
    expect(r.notes).toContain("read 'over so it is' as where it goes");
  });

  it('a thing, a comma and a container; an arrangement with no verb', () => {
    expect(reading('black block, purple bowl', SCENE).notes).toContain('a thing, then a container: read as putting the one in the other');
    expect(read('black block, purple bowl', SCENE)).toBe('place black_block in purple_bowl');
    expect(read('circle with the blocks and balls pls', SCENE)).toMatch(
      /^circle red_block, yellow_block, black_block, blue_ball, green_ball/,
    );
  });

  it('both sides named at once, a side inside "except", particles before a place', () => {
    expect(read('the blocks to the left and to the right of the tray both go in the brown bowl', SCENE)).toBe(
      'gather red_block, black_block in brown_bowl',
    );
    expect(read('every block except the one left of the tray goes in the brown bowl', SCENE)).toBe(
      'gather yellow_block, black_block in brown_bowl',
    );
    expect(read('the block sitting up at the top, put it in the purple bowl', SCENE)).toBe('place yellow_block in purple_bowl');
  });

  it('the way to the other end of an order, "…, but not X", and "the tower" just built', () => {
    expect(read('the blocks in a line, smallest on the left through to biggest on the right', SCENE)).toMatch(/along \+x/);
    const r = reading('the blue ball and the black block into the brown bowl, but not the red block', SCENE);
    expect(r.intents).toBe('gather blue_ball, black_block in brown_bowl');
    expect(r.notes).toContain("left out 'but not the red block': what comes before names what goes");
    expect(read('lay the blocks out in a column, left to right: red, black, yellow', SCENE)).toBe(
      'line up red_block, black_block, yellow_block along +x (horizontal line)',
    );
    expect(read('stack the black block on the red block, then put the blue ball next to the tower', SCENE)).toBe(
      'stack red_block < black_block | place blue_ball next to red_block',
    );
  });

  it('"on top of it" after putting something in a container is the thing, not the container', () => {
    expect(read('put the red block in the brown bowl, then the black block on top of it', SCENE)).toBe(
      'place red_block in brown_bowl | place black_block on red_block',
    );
  });
});

describe('first programs in simulation', () => {
  it.each([
    [
      'a ball already in the bowl comes out first and goes back in last',
      'both blocks into the white bowl',
      [
        box('red_block', 'red'),
        box('green_block', 'green'),
        bowl('white_bowl', 'white', { position: [0.1, 0.1] }),
        { id: 'pink_ball', shape: 'sphere', color: 'pink', size: [0.04, 0.04, 0.04], on: 'white_bowl' },
      ],
      { all: [{ inside: ['red_block', 'white_bowl'] }, { inside: ['green_block', 'white_bowl'] }] },
    ],
    [
      'a chained stack, each on the one named before',
      'stack the yellow block on the red one and then the blue block on top of the yellow',
      [box('red_block', 'red'), box('yellow_block', 'yellow'), box('blue_block', 'blue')],
      { all: [{ onTable: 'red_block' }, { on: ['yellow_block', 'red_block'] }, { on: ['blue_block', 'yellow_block'] }] },
    ],
    [
      'blocks of 5, 4 and 3 cm in one bowl',
      'put the three blocks in the gray bowl',
      [
        box('big_block', 'red', 0.05),
        box('mid_block', 'yellow', 0.04),
        box('small_block', 'white', 0.03),
        bowl('gray_bowl', 'gray', { size: [0.14, 0.14, 0.06] }),
      ],
      { every: { select: { shape: 'box' }, holds: { inside: ['$', 'gray_bowl'] } } },
    ],
    [
      'a circle round the middle of the table, clear of the tray that stands there',
      'the four blocks in a circle, centred on the middle of the table',
      [
        box('red_block', 'red'),
        box('blue_block', 'blue'),
        box('green_block', 'green'),
        box('white_block', 'white'),
        { id: 'gray_tray', shape: 'tray', color: 'gray', size: [0.2, 0.15, 0.03], position: [0, 0] },
      ],
      { circle: { ids: ['red_block', 'blue_block', 'green_block', 'white_block'], center: [0, 0] } },
    ],
  ] as [string, string, object[], object][])('%s', async (_, instruction, objects, success) => {
    const def = task(instruction, objects, success, { layout: { minGap: 0.05 } });
    for (const seed of SEEDS) {
      const r = await firstAttempt(def, seed);
      expect(r, `seed ${seed}: ${r.detail}`).toMatchObject({ ok: true });
    }
  });

  it('takes a tower apart top first into a bowl, and rebuilds a tower in the order listed', async () => {
    const tower = [
      box('yellow_block', 'yellow', 0.05, { position: [-0.12, 0.1] }),
      box('blue_block', 'blue', 0.04, { on: 'yellow_block' }),
      box('red_block', 'red', 0.03, { on: 'blue_block' }),
      bowl('black_bowl', 'black', { position: [0.2, -0.1], size: [0.16, 0.16, 0.06] }),
    ];
    const into = task('unstack the tower and put every block from it in the black bowl', tower, {
      every: { select: { shape: 'box' }, holds: { inside: ['$', 'black_bowl'] } },
    });
    const flipped = task('the tower: red at the bottom, then blue, then yellow at the top', tower, {
      all: [{ onTable: 'red_block' }, { on: ['blue_block', 'red_block'] }, { on: ['yellow_block', 'blue_block'] }],
    });
    for (const def of [into, flipped]) {
      const r = await firstAttempt(def, 0);
      expect(r, `${def.instruction}: ${r.detail}`).toMatchObject({ ok: true });
    }
  });

  it('lifts a block it was asked to slide when the straight way crosses the tray', async () => {
    const def = task(
      'slide the red block so it ends up just right of the tray',
      [
        box('red_block', 'red', 0.03, { position: [-0.3, -0.2] }),
        { id: 'purple_tray', shape: 'tray', color: 'purple', size: [0.2, 0.15, 0.03], position: [-0.05, 0.02] },
      ],
      { offset: { id: 'red_block', from: 'purple_tray', direction: 'right', min: 0.01, max: 0.08 } },
    );
    const r = await firstAttempt(def, 0);
    expect(r, r.detail).toMatchObject({ ok: true });
    expect(r.notes.join('\n')).toMatch(/purple_tray is in the way of sliding red_block: it is picked up and put there instead/);
  });
});
