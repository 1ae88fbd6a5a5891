// The forty-second, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// forty-one tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-41.json) and its own (scenes-42.json); the loader reads
// all forty-two and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 42`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[42]);

const { own, objects, object } = ownScenes('scenes-42.json');
const xy = (o: OwnObject) => o.position as [number, number];
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;

describe('the forty-second paraphrase table', () => {
  heldOutTableChecks(42);

  it('has ten scenes of its own, every id with the prefix t42_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t42_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t42_blocks_compass_shuffled', 'gray_bowl'],
        ['t42_cans_diagonal_shuffled', 'green_bowl'],
      ],
      6,
    );
  });

  it('has four blocks dealt on the compass points round a bowl, and three cans dealt on a diagonal', () => {
    expect(table.scenes.get('t42_blocks_compass_shuffled')!.seeds).toEqual([0, 1]);
    const bowl = xy(object('t42_blocks_compass_shuffled', 'gray_bowl'));
    const blocks = objects('t42_blocks_compass_shuffled').filter((o) => o.shape === 'box');
    expect(blocks).toHaveLength(4);
    expect(new Set(blocks.map((b) => b.color)).size).toBe(4);
    for (const b of blocks) {
      const [dx, dy] = [xy(b)[0] - bowl[0], xy(b)[1] - bowl[1]];
      expect(Math.min(Math.abs(dx), Math.abs(dy)), b.id).toBe(0);
      expect(Math.max(Math.abs(dx), Math.abs(dy)), b.id).toBeGreaterThan(0.12);
    }
    expect(table.scenes.get('t42_cans_diagonal_shuffled')!.seeds).toEqual([0, 1]);
    const cans = objects('t42_cans_diagonal_shuffled')
      .filter((o) => o.shape === 'cylinder')
      .map(xy)
      .sort((a, b) => a[0] - b[0]);
    expect(cans).toHaveLength(3);
    for (let k = 1; k < 3; k++) {
      expect(cans[k]![0] - cans[k - 1]![0]).toBeCloseTo(cans[1]![0] - cans[0]![0], 6);
      expect(cans[k]![1] - cans[k - 1]![1]).toBeCloseTo(cans[1]![1] - cans[0]![1], 6);
      expect(cans[k]![1]).toBeGreaterThan(cans[k - 1]![1]);
    }
  });

  it('has paint pots huddled in a 2 x 2 cluster, five blocks laid out as a T, and big and small balls of two colours', () => {
    const pots = objects('t42_paint_pots').filter((o) => o.shape === 'cylinder');
    expect(pots).toHaveLength(4);
    expect(new Set(pots.map((o) => xy(o)[0])).size).toBe(2);
    expect(new Set(pots.map((o) => xy(o)[1])).size).toBe(2);
    for (const p of pots) expect(xy(p)[0], p.id).toBeLessThan(-0.1);
    const t = objects('t42_t_shape').filter((o) => o.shape === 'box');
    expect(t).toHaveLength(5);
    const bar = t.filter((o) => xy(o)[1] === 0.12);
    const stem = t.filter((o) => xy(o)[0] === 0 && xy(o)[1] < 0.12);
    expect(bar).toHaveLength(3);
    expect(stem).toHaveLength(2);
    const balls = objects('t42_ball_sorting').filter((o) => o.shape === 'sphere');
    expect(balls).toHaveLength(4);
    for (const c of ['red', 'blue']) {
      const [big, small] = [object('t42_ball_sorting', `big_${c}_ball`), object('t42_ball_sorting', `small_${c}_ball`)];
      expect(volume(big) / volume(small), c).toBeGreaterThan(1.15);
    }
  });

  it('has two towers of two, a fruit bowl holding a ball, and a key tray holding a small block', () => {
    expect(object('t42_two_towers', 'green_block').on).toBe('red_block');
    expect(object('t42_two_towers', 'yellow_block').on).toBe('blue_block');
    const bowl = object('t42_fruit_bowl', 'orange_bowl');
    expect(bowl.size[0]).toBeGreaterThan(0.14);
    expect(inRegion('center', xy(bowl))).toBe(true);
    expect(object('t42_fruit_bowl', 'yellow_ball').on).toBe('orange_bowl');
    const tray = object('t42_key_dish', 'gray_tray');
    expect(xy(tray)[0]).toBeLessThan(-0.2);
    expect(xy(tray)[1]).toBeGreaterThan(0.1);
    expect(object('t42_key_dish', 'black_block').on).toBe('gray_tray');
    const blocks = objects('t42_key_dish').filter((o) => o.shape === 'box');
    for (const b of blocks.filter((o) => o.id !== 'black_block'))
      expect(volume(b), b.id).toBeGreaterThan(volume(object('t42_key_dish', 'black_block')) * 1.15);
  });

  it('has a block and a ball of each of two colours over trays of those colours, and three bowls in a column down the middle', () => {
    for (const c of ['red', 'blue']) {
      const things = objects('t42_colour_pairs').filter((o) => o.color === c);
      expect(things.map((o) => o.shape).sort(), c).toEqual(['box', 'sphere', 'tray']);
    }
    const bowls = objects('t42_centre_column_bowls').filter(isContainer);
    expect(bowls).toHaveLength(3);
    for (const b of bowls) expect(xy(b)[0], b.id).toBe(0);
    expect(new Set(bowls.map((b) => xy(b)[1])).size).toBe(3);
  });
});

describe('loading the forty-second table', () => {
  loaderChecks(42, {
    previousFirst: ownScenes('scenes-41.json').own[0]!.id,
    secondScene: 't42_t_shape',
    squeezed: { id: 't42_centre_column_bowls', index: 7 },
    rowZeroObject: 'red_can',
    solved: { scene: 't42_two_towers', text: 'leave the green block on the red block', on: ['green_block', 'red_block'] },
  });
});

describe('bench/paraphrases.ts --table 42', () => {
  benchChecks(42, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt41_\w+\b.*\bt42_paint_pots\b.*\bt42_cans_diagonal_shuffled\b/);
});
