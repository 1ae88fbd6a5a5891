// The thirty-second, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// thirty-one tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-31.json) and its own (scenes-32.json); the loader reads
// all thirty-two and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 32`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[32]);

const { own, objects, object } = ownScenes('scenes-32.json');
const xy = (o: OwnObject) => o.position as [number, number];
const loose = (scene: string) => objects(scene).filter((o) => !isContainer(o));
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;

describe('the thirty-second paraphrase table', () => {
  heldOutTableChecks(32);

  it('has ten scenes of its own, every id with the prefix t32_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t32_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t32_diagonal_shuffled', 'white_bowl'],
        ['t32_bowls_back_shuffled', 'yellow_block'],
      ],
      6,
    );
  });

  it('has four blocks dealt on a diagonal, and three bowls dealt across the back', () => {
    expect(table.scenes.get('t32_diagonal_shuffled')!.seeds).toEqual([0, 1]);
    const diag = objects('t32_diagonal_shuffled')
      .filter((o) => o.shape === 'box')
      .sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(diag).toHaveLength(4);
    for (let i = 1; i < 4; i++) {
      expect(xy(diag[i]!)[0] - xy(diag[i - 1]!)[0]).toBeCloseTo(0.16, 6);
      expect(xy(diag[i]!)[1] - xy(diag[i - 1]!)[1]).toBeCloseTo(0.12, 6);
    }
    expect(table.scenes.get('t32_bowls_back_shuffled')!.seeds).toEqual([0, 1]);
    const bowls = objects('t32_bowls_back_shuffled').filter((o) => o.shape === 'bowl');
    expect(bowls).toHaveLength(3);
    for (const b of bowls) expect(inRegion('top_side', xy(b)), b.id).toBe(true);
    expect(new Set(bowls.map((b) => b.color)).size).toBe(3);
  });

  it('has five blocks laid out in a T, and two columns of blocks in mirrored colour order', () => {
    const t = objects('t32_t_shape').filter((o) => o.shape === 'box');
    expect(t).toHaveLength(5);
    const bar = t.filter((o) => xy(o)[1] === 0.15);
    const stem = t.filter((o) => xy(o)[0] === 0 && xy(o)[1] < 0.15);
    expect(bar).toHaveLength(3);
    expect(stem).toHaveLength(2);
    const column = (sign: number) =>
      objects('t32_mirror_columns')
        .filter((o) => o.shape === 'box' && Math.sign(xy(o)[0]) === sign)
        .sort((a, b) => xy(b)[1] - xy(a)[1])
        .map((o) => o.color);
    expect(column(-1)).toHaveLength(3);
    expect(column(1)).toEqual([...column(-1)].reverse());
  });

  it('has two mixed heaps in the same three colours, and four small trays like place mats with blocks of other colours nearest them', () => {
    const heap = (sign: number) => loose('t32_two_mixed_heaps').filter((o) => Math.sign(xy(o)[0]) === sign && xy(o)[1] > -0.1);
    for (const sign of [-1, 1]) {
      expect(
        heap(sign)
          .map((o) => o.color)
          .sort(),
      ).toEqual(['blue', 'red', 'yellow']);
      expect(new Set(heap(sign).map((o) => o.shape)).size).toBe(3);
    }
    const mats = objects('t32_four_mats').filter((o) => o.shape === 'tray');
    expect(mats).toHaveLength(4);
    expect(new Set(mats.map((m) => `${Math.sign(xy(m)[0])},${Math.sign(xy(m)[1])}`)).size).toBe(4);
    for (const m of mats) {
      expect(volume(m)).toBeLessThan(0.2 * 0.15 * 0.03);
      const blocks = objects('t32_four_mats').filter((o) => o.shape === 'box');
      const nearest = blocks.sort(
        (a, b) => Math.hypot(xy(a)[0] - xy(m)[0], xy(a)[1] - xy(m)[1]) - Math.hypot(xy(b)[0] - xy(m)[0], xy(b)[1] - xy(m)[1]),
      )[0]!;
      expect(nearest.color, m.id).not.toBe(m.color);
    }
  });

  it('has a tower of two with blocks knocked off it, and towers of three and two', () => {
    expect(object('t32_knocked_tower', 'red_block').on).toBe('blue_block');
    expect(objects('t32_knocked_tower').filter((o) => o.shape === 'box' && !o.on)).toHaveLength(4);
    expect(object('t32_tall_and_short_towers', 'red_block').on).toBe('green_block');
    expect(object('t32_tall_and_short_towers', 'green_block').on).toBe('blue_block');
    expect(object('t32_tall_and_short_towers', 'yellow_block').on).toBe('white_block');
  });

  it('has cans across the back and balls across the front, and small blocks bunched in a corner opposite a big bowl', () => {
    const cans = objects('t32_cans_back_balls_front').filter((o) => o.shape === 'cylinder');
    const balls = objects('t32_cans_back_balls_front').filter((o) => o.shape === 'sphere');
    expect(cans).toHaveLength(4);
    expect(balls).toHaveLength(3);
    for (const c of cans) expect(inRegion('top_side', xy(c)), c.id).toBe(true);
    for (const b of balls) expect(inRegion('bottom_side', xy(b)), b.id).toBe(true);
    const small = objects('t32_little_blocks_big_bowl').filter((o) => o.shape === 'box');
    expect(small).toHaveLength(5);
    for (const b of small) {
      expect(b.size[0]).toBe(0.03);
      expect(xy(b)[0] < -0.1 && xy(b)[1] < -0.1, b.id).toBe(true);
    }
    const bowl = object('t32_little_blocks_big_bowl', 'green_bowl');
    expect(bowl.size[0]).toBe(0.2);
    expect(inRegion('top_right_corner', xy(bowl))).toBe(true);
  });
});

describe('loading the thirty-second table', () => {
  loaderChecks(32, {
    previousFirst: ownScenes('scenes-31.json').own[0]!.id,
    secondScene: 't32_mirror_columns',
    squeezed: { id: 't32_two_mixed_heaps', index: 2 },
    rowZeroObject: 'yellow_block',
    solved: { scene: 't32_knocked_tower', text: 'leave the red block on the blue block', on: ['red_block', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 32', () => {
  benchChecks(32, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt31_\w+\b.*\bt32_t_shape\b.*\bt32_bowls_back_shuffled\b/);
});
