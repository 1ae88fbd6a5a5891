// The forty-ninth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// forty-eight tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-48.json) and its own (scenes-49.json); the loader reads
// all forty-nine and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 49`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[49]);

const { own, objects, object } = ownScenes('scenes-49.json');
const xy = (o: OwnObject) => o.position as [number, number];
const shaped = (scene: string, shape: string) => objects(scene).filter((o) => o.shape === shape);

describe('the forty-ninth paraphrase table', () => {
  heldOutTableChecks(49);

  it('has ten scenes of its own, every id with the prefix t49_, and no row on a scene of the forty-seventh or forty-eighth table', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t49_'), s.id).toBe(true);
    for (const r of table.rows) expect(/^t4[78]_/.test(r.scene), r.scene).toBe(false);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t49_bowls_back_shuffled', 'white_block'],
        ['t49_balls_right_column_shuffled', 'orange_block'],
      ],
      6,
    );
  });

  it('has three bowls dealt along a row at the back, and three balls dealt down a column at the right edge', () => {
    expect(table.scenes.get('t49_bowls_back_shuffled')!.seeds).toEqual([0, 1]);
    const bowls = shaped('t49_bowls_back_shuffled', 'bowl');
    expect(bowls).toHaveLength(3);
    for (const b of bowls) expect(xy(b)[1], b.id).toBe(0.17);
    expect(new Set(bowls.map((b) => xy(b)[0])).size).toBe(3);
    expect(table.scenes.get('t49_balls_right_column_shuffled')!.seeds).toEqual([0, 1]);
    const balls = shaped('t49_balls_right_column_shuffled', 'sphere');
    expect(balls).toHaveLength(3);
    for (const b of balls) expect(xy(b)[0], b.id).toBe(0.28);
    expect(new Set(balls.map((b) => xy(b)[1])).size).toBe(3);
  });

  it('has bowls along the front like sorting bins with blocks of other colours behind them, and cans in a column down the left edge', () => {
    const bins = shaped('t49_bins_front', 'bowl');
    expect(bins).toHaveLength(3);
    for (const b of bins) expect(inRegion('bottom_side', xy(b)), b.id).toBe(true);
    for (const k of shaped('t49_bins_front', 'box')) {
      expect(xy(k)[1], k.id).toBeGreaterThan(0.15);
      const front = bins.reduce((a, b) => (Math.abs(xy(b)[0] - xy(k)[0]) < Math.abs(xy(a)[0] - xy(k)[0]) ? b : a));
      expect(front.color, k.id).not.toBe(k.color);
    }
    const cans = shaped('t49_cans_left_column', 'cylinder');
    expect(cans).toHaveLength(4);
    for (const c of cans) expect(inRegion('left_side', xy(c)), c.id).toBe(true);
    expect(new Set(cans.map((c) => xy(c)[0])).size).toBe(1);
  });

  it('has a tray and a bowl each holding something, and four bowls on the corners of a square round a block', () => {
    expect(object('t49_held_things', 'red_ball').on).toBe('white_tray');
    expect(object('t49_held_things', 'yellow_block').on).toBe('green_bowl');
    const bowls = shaped('t49_bowl_square', 'bowl');
    expect(bowls).toHaveLength(4);
    expect(new Set(bowls.map((b) => Math.abs(xy(b)[0]))).size).toBe(1);
    expect(new Set(bowls.map((b) => Math.abs(xy(b)[1]))).size).toBe(1);
    expect(new Set(bowls.map((b) => `${Math.sign(xy(b)[0])},${Math.sign(xy(b)[1])}`)).size).toBe(4);
    expect(xy(object('t49_bowl_square', 'white_block'))).toEqual([0, 0]);
  });

  it('has a tower of three beside an empty bowl, and a tray with two blocks on each side', () => {
    expect(object('t49_tower_and_bowl', 'red_block').on).toBe('yellow_block');
    expect(object('t49_tower_and_bowl', 'yellow_block').on).toBe('blue_block');
    const blocks = shaped('t49_tray_between_pairs', 'box');
    expect(blocks.filter((b) => xy(b)[0] < 0)).toHaveLength(2);
    expect(blocks.filter((b) => xy(b)[0] > 0)).toHaveLength(2);
    expect(xy(object('t49_tray_between_pairs', 'gray_tray'))).toEqual([0, 0]);
  });

  it('has five balls evenly along the front edge, and a bowl in each bottom corner with red and blue blocks along the back', () => {
    const balls = shaped('t49_balls_front_line', 'sphere').sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(balls).toHaveLength(5);
    for (const b of balls) expect(xy(b)[1], b.id).toBe(-0.2);
    for (let k = 1; k < 5; k++) expect(xy(balls[k]!)[0] - xy(balls[k - 1]!)[0]).toBeCloseTo(0.12, 6);
    expect(inRegion('bottom_left_corner', xy(object('t49_bottom_corner_bins', 'red_bowl')))).toBe(true);
    expect(inRegion('bottom_right_corner', xy(object('t49_bottom_corner_bins', 'blue_bowl')))).toBe(true);
    const back = shaped('t49_bottom_corner_bins', 'box').sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(back.map((b) => b.color)).toEqual(['red', 'blue', 'red', 'blue']);
  });
});

describe('loading the forty-ninth table', () => {
  loaderChecks(49, {
    previousFirst: ownScenes('scenes-48.json').own[0]!.id,
    secondScene: 't49_cans_left_column',
    squeezed: { id: 't49_tray_between_pairs', index: 5 },
    rowZeroObject: 'white_block',
    solved: { scene: 'on_stack', text: 'keep the red block up on the blue one, just as it is now', on: ['red_block', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 49', () => {
  benchChecks(49, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt46_\w+\b.*\bt49_bins_front\b.*\bt49_balls_right_column_shuffled\b/);
});
