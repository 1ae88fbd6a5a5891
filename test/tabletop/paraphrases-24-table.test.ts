// The twenty-fourth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// twenty-three tables, to a bundled task's instruction or to another of its own rows. Its scenes are the
// earlier tables' (scenes.json to scenes-22.json; the loader also reads scenes-23.json) and its own
// (scenes-24.json); the loader reads all twenty-four and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 24`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[24]);

const { own, objects, object } = ownScenes('scenes-24.json');
const xy = (o: OwnObject) => o.position as [number, number];
const loose = (scene: string) => objects(scene).filter((o) => !isContainer(o));

describe('the twenty-fourth paraphrase table', () => {
  heldOutTableChecks(24);

  it('has ten scenes of its own', () => {
    expect(own).toHaveLength(10);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['x_five_shuffled', 'black_bowl'],
        ['cans_column_left_shuffled', 'yellow_bowl'],
      ],
      5,
    );
  });

  it('has five blocks dealt on an X, three cans dealt on a column at the left, and three red blocks along the top over three blue ones', () => {
    expect(table.scenes.get('x_five_shuffled')!.seeds).toEqual([0, 1]);
    const x = objects('x_five_shuffled').filter((o) => o.shape === 'box');
    expect(x).toHaveLength(5);
    expect(x.map((o) => xy(o).map(Math.abs).join()).sort()).toEqual(['0,0', '0.15,0.15', '0.15,0.15', '0.15,0.15', '0.15,0.15']);
    expect(table.scenes.get('cans_column_left_shuffled')!.seeds).toEqual([0, 1]);
    const cans = objects('cans_column_left_shuffled').filter((o) => o.shape === 'cylinder');
    expect(cans).toHaveLength(3);
    for (const c of cans) expect(xy(c)[0], c.id).toBe(-0.22);
    const blocks = objects('red_top_blue_bottom').filter((o) => o.shape === 'box');
    expect(blocks.map((o) => o.color)).toEqual(['red', 'red', 'red', 'blue', 'blue', 'blue']);
    for (const b of blocks) expect(b.size, b.id).toEqual([0.04, 0.04, 0.04]);
    for (const b of blocks) expect(b.color === 'red' ? inRegion('top_side', xy(b)) : xy(b)[1] < 0, b.id).toBe(true);
  });

  it('has four bowls across the middle, five cans placed by the seed, and cans each with a block of its colour just to its right', () => {
    const bowls = objects('bowls_middle_row').filter((o) => o.shape === 'bowl');
    expect(bowls.map((o) => o.color)).toEqual(['red', 'green', 'blue', 'yellow']);
    for (const b of bowls) expect(xy(b)[1], b.id).toBe(0);
    const cans = loose('five_cans_random');
    expect(cans.map((o) => o.shape)).toEqual(['cylinder', 'cylinder', 'cylinder', 'cylinder', 'cylinder']);
    for (const o of cans) expect(o.position, o.id).toBeUndefined();
    for (const c of objects('cans_blocks_pairs').filter((o) => o.shape === 'cylinder')) {
      const b = object('cans_blocks_pairs', `${c.color}_block`);
      expect(xy(b)[0] - xy(c)[0], c.id).toBeCloseTo(0.08, 6);
      expect(xy(b)[1], c.id).toBe(xy(c)[1]);
    }
  });

  it('has a block in each of three bowls, green things of four kinds and two sizes, a ball on a tray in a corner, and a can on each of two trays', () => {
    expect(['red_block', 'yellow_block', 'blue_block'].map((id) => object('blocks_in_three_bowls', id).on)).toEqual([
      'white_bowl',
      'black_bowl',
      'gray_bowl',
    ]);
    const green = objects('green_things_sizes').filter((o) => o.color === 'green');
    expect(new Set(green.map((o) => o.shape))).toEqual(new Set(['box', 'sphere', 'cylinder']));
    expect(object('green_things_sizes', 'green_block_big').size[0]).toBe(0.055);
    expect(object('green_things_sizes', 'green_block_small').size[0]).toBe(0.03);
    expect(object('ball_on_tray_blocks_left', 'purple_ball').on).toBe('gray_tray');
    expect(inRegion('top_right_corner', xy(object('ball_on_tray_blocks_left', 'gray_tray')))).toBe(true);
    for (const b of objects('ball_on_tray_blocks_left').filter((o) => o.shape === 'box')) expect(xy(b)[0], b.id).toBeLessThan(0);
    expect(object('cans_on_two_trays', 'red_can').on).toBe('white_tray');
    expect(object('cans_on_two_trays', 'blue_can').on).toBe('black_tray');
  });
});

describe('loading the twenty-fourth table', () => {
  loaderChecks(24, {
    previousFirst: 'falling_diagonal_four',
    secondScene: 'bowls_middle_row',
    squeezed: { id: 'red_top_blue_bottom', index: 0 },
    rowZeroObject: 'red_block',
    solved: { scene: 'tower_of_four', text: 'leave the white block on the black one', on: ['white_block', 'black_block'] },
  });
});

describe('bench/paraphrases.ts --table 24', () => {
  benchChecks(24, /.*\bbowl_cross\b.*\bfalling_diagonal_four\b.*\bred_top_blue_bottom\b.*\bx_five_shuffled\b.*\bcans_on_two_trays\b/);
});
