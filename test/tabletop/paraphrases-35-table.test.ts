// The thirty-fifth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// thirty-four tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-34.json) and its own (scenes-35.json); the loader reads
// all thirty-five and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 35`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[35]);

const { own, ownScene, objects, object } = ownScenes('scenes-35.json');
const xy = (o: OwnObject) => o.position as [number, number];
const loose = (scene: string) => objects(scene).filter((o) => !isContainer(o));
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;

describe('the thirty-fifth paraphrase table', () => {
  heldOutTableChecks(35);

  it('has ten scenes of its own, every id with the prefix t35_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t35_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t35_cans_left_column_shuffled', 'yellow_bowl'],
        ['t35_balls_round_tray_shuffled', 'black_tray'],
      ],
      6,
    );
  });

  it('has three cans dealt down the left side, and four balls dealt round a tray', () => {
    expect(table.scenes.get('t35_cans_left_column_shuffled')!.seeds).toEqual([0, 1]);
    const cans = objects('t35_cans_left_column_shuffled').filter((o) => o.shape === 'cylinder');
    expect(cans).toHaveLength(3);
    for (const c of cans) {
      expect(inRegion('left_side', xy(c)), c.id).toBe(true);
      expect(xy(c)[0]).toBe(xy(cans[0]!)[0]);
    }
    expect(table.scenes.get('t35_balls_round_tray_shuffled')!.seeds).toEqual([0, 1]);
    const tray = object('t35_balls_round_tray_shuffled', 'black_tray');
    const balls = objects('t35_balls_round_tray_shuffled').filter((o) => o.shape === 'sphere');
    expect(balls).toHaveLength(4);
    const sides = balls.map((b) => {
      const [dx, dy] = [xy(b)[0] - xy(tray)[0], xy(b)[1] - xy(tray)[1]];
      return Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? 'right' : 'left') : dy > 0 ? 'top' : 'bottom';
    });
    expect(sides.sort()).toEqual(['bottom', 'left', 'right', 'top']);
  });

  it('has cans standing in bowls of other colours, and small blocks at the compass points of a big one', () => {
    const cans = objects('t35_cans_in_wrong_bowls').filter((o) => o.shape === 'cylinder');
    expect(cans).toHaveLength(3);
    for (const c of cans) {
      const bowl = object('t35_cans_in_wrong_bowls', c.on!);
      expect(bowl.shape).toBe('bowl');
      expect(bowl.color, c.id).not.toBe(c.color);
    }
    const big = object('t35_big_block_compass', 'gray_block');
    const small = objects('t35_big_block_compass').filter((o) => o.shape === 'box' && o.id !== 'gray_block');
    expect(small).toHaveLength(4);
    for (const b of small) {
      expect(volume(b)).toBeLessThan(volume(big) / 4);
      expect(Math.hypot(xy(b)[0] - xy(big)[0], xy(b)[1] - xy(big)[1])).toBeCloseTo(0.09, 6);
    }
  });

  it('has four cans of four heights along the front out of height order, and balls of three sizes', () => {
    const cans = objects('t35_cans_four_heights')
      .filter((o) => o.shape === 'cylinder')
      .sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(cans).toHaveLength(4);
    expect(new Set(cans.map((c) => c.size[2])).size).toBe(4);
    for (const c of cans) expect(inRegion('bottom_side', xy(c)), c.id).toBe(true);
    const heights = cans.map((c) => c.size[2]!);
    expect(heights).not.toEqual([...heights].sort((a, b) => a - b));
    expect(heights).not.toEqual([...heights].sort((a, b) => b - a));
    const balls = objects('t35_balls_three_sizes').filter((o) => o.shape === 'sphere');
    expect(balls).toHaveLength(4);
    expect(new Set(balls.map((b) => b.size[0])).size).toBe(3);
  });

  it('has a bowl, a tray and a bowl in a row with something in each bowl, and two bowls side by side', () => {
    const row = objects('t35_bowl_tray_bowl').filter(isContainer);
    expect(row.map((c) => c.shape)).toEqual(['bowl', 'tray', 'bowl']);
    for (const c of row) expect(xy(c)[1]).toBe(0);
    expect(loose('t35_bowl_tray_bowl').filter((o) => o.on !== undefined)).toHaveLength(2);
    const [a, b] = objects('t35_two_bowls_touching').filter((o) => o.shape === 'bowl');
    expect(Math.hypot(xy(a!)[0] - xy(b!)[0], xy(a!)[1] - xy(b!)[1]) - a!.size[0]! / 2 - b!.size[0]! / 2).toBeLessThanOrEqual(0.01 + 1e-9);
  });

  it('has a crooked column of four blocks, and toys strewn by the seed', () => {
    const column = objects('t35_crooked_column').filter((o) => o.shape === 'box');
    expect(column).toHaveLength(4);
    const xs = column.map((o) => xy(o)[0]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(0.04);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(0.12);
    const strewn = loose('t35_toys_strewn');
    expect(strewn.length).toBeGreaterThanOrEqual(7);
    for (const o of strewn) expect(o.position, o.id).toBeUndefined();
    expect((ownScene('t35_toys_strewn').scene as { layout?: { min?: number[] } }).layout?.min).toBeDefined();
  });
});

describe('loading the thirty-fifth table', () => {
  loaderChecks(35, {
    previousFirst: ownScenes('scenes-34.json').own[0]!.id,
    secondScene: 't35_big_block_compass',
    squeezed: { id: 't35_two_bowls_touching', index: 5 },
    rowZeroObject: 'red_block',
    solved: { scene: 'on_stack', text: 'keep the red block where it is on the blue block', on: ['red_block', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 35', () => {
  benchChecks(35, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt33_\w+\b.*\bt35_cans_in_wrong_bowls\b.*\bt35_balls_round_tray_shuffled\b/);
});
