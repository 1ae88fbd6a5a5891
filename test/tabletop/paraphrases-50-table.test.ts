// The fiftieth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// forty-nine tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-49.json) and its own (scenes-50.json); the loader reads
// all fifty and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 50`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[50]);

const { own, objects, object } = ownScenes('scenes-50.json');
const xy = (o: OwnObject) => o.position as [number, number];
const shaped = (scene: string, shape: string) => objects(scene).filter((o) => o.shape === shape);

describe('the fiftieth paraphrase table', () => {
  heldOutTableChecks(50);

  it('has ten scenes of its own, every id with the prefix t50_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t50_'), s.id).toBe(true);
  });

  it('uses no scene of the forty-ninth table', () => {
    const forty9 = new Set(ownScenes('scenes-49.json').own.map((s) => s.id));
    expect(table.rows.filter((r) => forty9.has(r.scene)).map((r) => r.text)).toEqual([]);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t50_square_shuffled', 'white_bowl'],
        ['t50_front_row_shuffled', 'blue_ball'],
      ],
      6,
    );
  });

  it('has four blocks dealt on the corners of a square round the middle, and three blocks dealt along the front', () => {
    expect(table.scenes.get('t50_square_shuffled')!.seeds).toEqual([0, 1]);
    const square = shaped('t50_square_shuffled', 'box');
    expect(square).toHaveLength(4);
    expect(new Set(square.map((b) => xy(b)[0])).size).toBe(2);
    expect(new Set(square.map((b) => xy(b)[1])).size).toBe(2);
    expect(inRegion('bottom_right_corner', xy(object('t50_square_shuffled', 'white_bowl')))).toBe(true);
    expect(table.scenes.get('t50_front_row_shuffled')!.seeds).toEqual([0, 1]);
    const front = shaped('t50_front_row_shuffled', 'box');
    expect(front).toHaveLength(3);
    expect(new Set(front.map((b) => xy(b)[1])).size).toBe(1);
    for (const b of front) expect(inRegion('bottom_side', xy(b)), b.id).toBe(true);
  });

  it('has five blocks laid out like a T, and four blocks in a 2 × 2 square like a window', () => {
    const t = shaped('t50_t_shape', 'box');
    expect(t).toHaveLength(5);
    const bar = t.filter((b) => xy(b)[1] === 0.17);
    expect(bar).toHaveLength(3);
    const stem = t.filter((b) => xy(b)[1] !== 0.17);
    expect(stem).toHaveLength(2);
    for (const b of stem) expect(xy(b)[0]).toBe(0);
    const window = shaped('t50_window_square', 'box');
    expect(window).toHaveLength(4);
    expect(new Set(window.map((b) => xy(b)[0])).size).toBe(2);
    expect(new Set(window.map((b) => xy(b)[1])).size).toBe(2);
    for (const b of window) expect(inRegion('center', xy(b)), b.id).toBe(true);
  });

  it('has four things round a tray at twelve, three, six and nine o’clock, and two of three bowls holding a block', () => {
    const tray = xy(object('t50_clock_face', 'white_tray'));
    const round = objects('t50_clock_face').filter((o) => o.shape !== 'tray' && o.shape !== 'bowl');
    expect(round).toHaveLength(4);
    expect(round.filter((o) => xy(o)[0] === tray[0])).toHaveLength(2);
    expect(round.filter((o) => xy(o)[1] === tray[1])).toHaveLength(2);
    const bowls = shaped('t50_bowls_two_full', 'bowl');
    expect(bowls).toHaveLength(3);
    expect(new Set(bowls.map((b) => xy(b)[1])).size).toBe(1);
    expect(object('t50_bowls_two_full', 'blue_block').on).toBe('red_bowl');
    expect(object('t50_bowls_two_full', 'red_block').on).toBe('blue_bowl');
  });

  it('has a tower of three beside a tower of two, and four things queued along the front towards a tray', () => {
    expect(object('t50_two_towers', 'red_block').on).toBe('blue_block');
    expect(object('t50_two_towers', 'blue_block').on).toBe('yellow_block');
    expect(object('t50_two_towers', 'green_block').on).toBe('white_block');
    const queue = objects('t50_checkout').filter((o) => o.shape !== 'tray' && o.shape !== 'bowl');
    expect(queue).toHaveLength(4);
    for (const o of queue) expect(inRegion('bottom_side', xy(o)), o.id).toBe(true);
    expect(inRegion('bottom_right_corner', xy(object('t50_checkout', 'gray_tray')))).toBe(true);
  });

  it('has a block and a ball of each of two colours side by side, and a tray holding a ball between two cans', () => {
    for (const c of ['red', 'blue']) {
      const b = object('t50_colour_pairs', `${c}_block`);
      const s = object('t50_colour_pairs', `${c}_ball`);
      expect(xy(b)[1]).toBe(xy(s)[1]);
      expect(Math.abs(xy(b)[0] - xy(s)[0])).toBeLessThan(0.1);
    }
    expect(object('t50_ball_on_tray', 'orange_ball').on).toBe('white_tray');
    const cans = shaped('t50_ball_on_tray', 'cylinder');
    expect(cans.map((c) => xy(c)[0]).sort()).toEqual([-0.2, 0.2]);
  });
});

describe('loading the fiftieth table', () => {
  loaderChecks(50, {
    previousFirst: ownScenes('scenes-49.json').own[0]!.id,
    secondScene: 't50_window_square',
    squeezed: { id: 't50_colour_pairs', index: 6 },
    rowZeroObject: 'red_block',
    solved: { scene: 'on_stack', text: 'keep the red block sitting up on the blue block', on: ['red_block', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 50', () => {
  benchChecks(50, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt49_\w+\b.*\bt50_t_shape\b.*\bt50_front_row_shuffled\b/);
});
