// The thirty-eighth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// thirty-seven tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-37.json) and its own (scenes-38.json); the loader reads
// all thirty-eight and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 38`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[38]);

const { own, objects, object } = ownScenes('scenes-38.json');
const xy = (o: OwnObject) => o.position as [number, number];
const corners = ['top_left_corner', 'top_right_corner', 'bottom_left_corner', 'bottom_right_corner'] as const;

describe('the thirty-eighth paraphrase table', () => {
  heldOutTableChecks(38);

  it('has ten scenes of its own, every id with the prefix t38_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t38_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t38_blocks_right_column_shuffled', 'white_bowl'],
        ['t38_bowls_corners_centre_shuffled', 'yellow_block'],
      ],
      6,
    );
  });

  it('has four blocks dealt down the right edge, and three bowls dealt on the two top corners and the centre', () => {
    expect(table.scenes.get('t38_blocks_right_column_shuffled')!.seeds).toEqual([0, 1]);
    const column = objects('t38_blocks_right_column_shuffled').filter((o) => o.shape === 'box');
    expect(column).toHaveLength(4);
    for (const b of column) expect(inRegion('right_side', xy(b)), b.id).toBe(true);
    expect(column.map((b) => xy(b)[1]).sort((a, b) => b - a)).toEqual([0.21, 0.07, -0.07, -0.21]);
    expect(table.scenes.get('t38_bowls_corners_centre_shuffled')!.seeds).toEqual([0, 1]);
    const bowls = objects('t38_bowls_corners_centre_shuffled').filter((o) => o.shape === 'bowl');
    expect(bowls).toHaveLength(3);
    for (const place of ['top_left_corner', 'top_right_corner', 'center'] as const)
      expect(
        bowls.filter((b) => inRegion(place, xy(b))),
        place,
      ).toHaveLength(1);
    expect(new Set(bowls.map((b) => b.color)).size).toBe(3);
  });

  it('has an aisle of blocks down the left edge and balls down the right, and blocks on the trays of the other colour', () => {
    const aisle = objects('t38_aisle').filter((o) => !isContainer(o));
    const blocks = aisle.filter((o) => o.shape === 'box');
    const balls = aisle.filter((o) => o.shape === 'sphere');
    expect(blocks).toHaveLength(3);
    expect(balls).toHaveLength(3);
    for (const o of blocks) expect(inRegion('left_side', xy(o)), o.id).toBe(true);
    for (const o of balls) expect(inRegion('right_side', xy(o)), o.id).toBe(true);
    expect(object('t38_misfiled_trays', 'blue_block').on).toBe('red_tray');
    expect(object('t38_misfiled_trays', 'red_block').on).toBe('blue_tray');
  });

  it('has a can standing in every corner round a bowl, and nothing in a bright colour on the monochrome table', () => {
    const cans = objects('t38_cans_in_corners').filter((o) => o.shape === 'cylinder');
    for (const c of corners)
      expect(
        cans.filter((o) => inRegion(c, xy(o))),
        c,
      ).toHaveLength(1);
    expect(inRegion('center', xy(object('t38_cans_in_corners', 'white_bowl')))).toBe(true);
    for (const o of objects('t38_monochrome')) expect(['white', 'gray', 'black', 'brown'], o.id).toContain(o.color);
  });

  it('has six blocks in rainbow order along the front, and two huddles of three in opposite corners', () => {
    const row = objects('t38_rainbow_front')
      .filter((o) => o.shape === 'box')
      .sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(row.map((o) => o.color)).toEqual(['red', 'orange', 'yellow', 'green', 'blue', 'purple']);
    for (const o of row) expect(inRegion('bottom_side', xy(o)), o.id).toBe(true);
    for (const shape of ['box', 'sphere']) {
      const huddle = objects('t38_two_huddles').filter((o) => o.shape === shape);
      expect(huddle).toHaveLength(3);
      for (const a of huddle) for (const b of huddle) expect(Math.hypot(xy(a)[0] - xy(b)[0], xy(a)[1] - xy(b)[1])).toBeLessThan(0.08);
    }
    for (const o of objects('t38_two_huddles').filter((x) => x.shape === 'box')) expect(xy(o)[0] < 0 && xy(o)[1] > 0, o.id).toBe(true);
    for (const o of objects('t38_two_huddles').filter((x) => x.shape === 'sphere')) expect(xy(o)[0] > 0 && xy(o)[1] < 0, o.id).toBe(true);
  });

  it('has a long narrow tray holding a block, and each block on the far side of the table from its bowl', () => {
    const plank = object('t38_serving_plank', 'brown_tray');
    expect(plank.size[0]! / plank.size[1]!).toBeGreaterThanOrEqual(3);
    expect(object('t38_serving_plank', 'red_block').on).toBe('brown_tray');
    for (const c of ['red', 'blue']) {
      const [block, bowl] = [object('t38_crossed_pairs', `${c}_block`), object('t38_crossed_pairs', `${c}_bowl`)];
      expect(Math.sign(xy(block)[0]), c).toBe(-Math.sign(xy(bowl)[0]));
      expect(Math.abs(xy(block)[0] - xy(bowl)[0]), c).toBeGreaterThan(0.5);
    }
  });
});

describe('loading the thirty-eighth table', () => {
  loaderChecks(38, {
    previousFirst: ownScenes('scenes-37.json').own[0]!.id,
    secondScene: 't38_misfiled_trays',
    squeezed: { id: 't38_two_huddles', index: 5 },
    rowZeroObject: 'red_block',
    // No own scene starts with one thing standing on another (the blocks on the trays and the serving board are
    // inside them), so the solved row is on the first table's stack.
    solved: { scene: 'on_stack', text: 'leave the red block on the blue one', on: ['red_block', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 38', () => {
  benchChecks(38, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt37_\w+\b.*\bt38_aisle\b.*\bt38_bowls_corners_centre_shuffled\b/);
});
