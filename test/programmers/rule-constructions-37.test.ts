// How the rule programmer reads what people say, fortieth round (policy/programmers/rules/
// references.ts, lexicon.ts, common-forms.ts): post hoc after the fifty-ninth table (measured held
// out first), in this file's own sentences and scenes.
// - "the bin on the right", "the middle bin", "the bin furthest from it" where the containers are
//   bowls and there is no tray at all: one of the bowls, which the rest of the phrase picks.
// - "the car", "the till", "the rubber" are blocks; "the teapot", "the pepper" stand like cans; "the
//   sample", "the cardboard", "the wood" are things, "the rubbish" all of them.
// - "…, any one will do"; "peice" is "piece"; the desk is the table only where a place is said
//   ("the corner of the desk", not "tidy up the desk").
// - "the ball at the top of the rack" where nothing of the rack's kind is on the table (a pool table's
//   balls and pockets): the top ball.

import { describe, expect, it } from 'vitest';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { tableWords } from '../../policy/programmers/rules/common-forms.ts';
import { tokenize } from '../../policy/programmers/rules/tokenizer.ts';
import { obj, read, reading } from './rule-fixtures.ts';

/** Three bowls along the front like bins, a white ball, a red can and a flat brown block behind them. */
const BINS: SceneFacts = {
  objects: [
    obj('green_bowl', 'bowl', 'green', 0.13, [-0.2, -0.17]),
    obj('black_bowl', 'bowl', 'black', 0.13, [0.0, -0.17]),
    obj('blue_bowl', 'bowl', 'blue', 0.13, [0.2, -0.17]),
    obj('white_ball', 'sphere', 'white', 0.04, [-0.2, 0.15]),
    obj('red_can', 'cylinder', 'red', [0.05, 0.05, 0.09], [0.2, 0.15]),
    obj('brown_block', 'box', 'brown', [0.06, 0.04, 0.02], [0.0, 0.12]),
  ],
  zones: [],
};

describe('bins that are bowls', () => {
  it('"the bin on the right", "the middle bin", "the bin furthest from it": one of the bowls, noted', () => {
    expect(read('throw the ball in the bin on the right', BINS)).toBe('place white_ball in blue_bowl');
    expect(read('put the can in the middle bin', BINS)).toBe('place red_can in black_bowl');
    expect(read('put the ball in the bin furthest from it', BINS)).toBe('place white_ball in blue_bowl');
    expect(reading('put the can in the middle bin', BINS).notes.some((n) => n.includes('no bin of that kind here'))).toBe(true);
  });

  it('a tray is still a tray where there is one: "the bin" names it', () => {
    const withTray: SceneFacts = { ...BINS, objects: [...BINS.objects, obj('gray_tray', 'tray', 'gray', [0.16, 0.12, 0.02], [0.3, 0.2])] };
    expect(read('put the ball in the bin', withTray)).toBe('place white_ball in gray_tray');
  });
});

describe('a container named where there is none of its kind', () => {
  it('"the ball at the top of the rack" of a pool table, with bowls for pockets and no tray: the top ball, noted', () => {
    const pool: SceneFacts = {
      objects: [
        obj('red_ball', 'sphere', 'red', 0.04, [0.1, 0.0]),
        obj('green_ball', 'sphere', 'green', 0.04, [0.15, 0.05]),
        obj('blue_ball', 'sphere', 'blue', 0.04, [0.15, -0.05]),
        obj('white_ball', 'sphere', 'white', 0.04, [-0.2, 0.0]),
        obj('black_bowl', 'bowl', 'black', 0.12, [-0.35, 0.25]),
      ],
      zones: [],
    };
    const r = reading('move the ball at the top of the rack to the top right corner', pool);
    expect(r.intents).toBe('place green_ball to the top right corner');
    expect(r.notes.some((n) => n.startsWith('there is no rack here'))).toBe(true);
    // (Where there is a tray, "the rack" is that tray.)
    const withTray: SceneFacts = { ...pool, objects: [...pool.objects, obj('gray_tray', 'tray', 'gray', [0.16, 0.12, 0.02], [0.3, -0.2])] };
    expect(read('put the white ball in the rack', withTray)).toBe('place white_ball in gray_tray');
  });
});

describe('names and asides', () => {
  it('the car, the till, the rubber are blocks; the teapot, the pepper cans; the rubbish all the things', () => {
    expect(read('put the car in the bin on the left', BINS)).toBe('place brown_block in green_bowl');
    expect(read('put the teapot in the middle bin', BINS)).toBe('place red_can in black_bowl');
    expect(read('put the rubber next to the pepper', BINS)).toBe('place brown_block next to red_can');
    expect(read('put the rubbish in the middle bin', BINS)).toBe('gather white_ball, red_can, brown_block in black_bowl');
  });

  it('"…, any one will do"; "peice" is "piece"', () => {
    const cans: SceneFacts = {
      objects: [
        obj('red_can', 'cylinder', 'red', [0.05, 0.05, 0.09], [-0.2, 0.1]),
        obj('blue_can', 'cylinder', 'blue', [0.05, 0.05, 0.09], [0.0, 0.1]),
        obj('white_block', 'box', 'white', [0.1, 0.08, 0.06], [0.2, -0.1]),
      ],
      zones: [],
    };
    expect(read('stand one of the cans on top of the white block, any one will do', cans)).toMatch(
      /^place (red|blue)_can upright on white_block$/,
    );
    expect(read('put the peice of wood on the left in the bin on the right', BINS)).toBe('place white_ball in blue_bowl');
    // (The desk is the table where a place is said, not as what a verb acts on.)
    const said = (text: string) =>
      tableWords(tokenize(text), [])
        .map((x) => x.text)
        .join(' ');
    expect(said('put it in the corner of the desk')).toBe('put it in the corner of the table');
    expect(said('tidy up the desk')).toBe('tidy up the desk');
  });
});
