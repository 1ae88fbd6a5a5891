// The thirty-seventh, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// thirty-six tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-36.json) and its own (scenes-37.json); the loader reads
// all thirty-seven and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 37`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[37]);

const { own, objects, object } = ownScenes('scenes-37.json');
const xy = (o: OwnObject) => o.position as [number, number];
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;
const dist = (a: OwnObject, b: OwnObject) => Math.hypot(xy(a)[0] - xy(b)[0], xy(a)[1] - xy(b)[1]);

describe('the thirty-seventh paraphrase table', () => {
  heldOutTableChecks(37);

  it('has ten scenes of its own, every id with the prefix t37_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t37_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t37_balls_triangle_shuffled', 'white_bowl'],
        ['t37_cans_back_row_shuffled', 'black_bowl'],
      ],
      6,
    );
  });

  it('has three balls dealt on a triangle round the middle, and four cans dealt in a row across the back', () => {
    expect(table.scenes.get('t37_balls_triangle_shuffled')!.seeds).toEqual([0, 1]);
    const balls = objects('t37_balls_triangle_shuffled').filter((o) => o.shape === 'sphere');
    expect(balls).toHaveLength(3);
    expect(new Set(balls.map((b) => b.color)).size).toBe(3);
    expect(balls.map((b) => xy(b)[1]).sort((a, b) => a - b)).toEqual([-0.1, -0.1, 0.15]);
    expect(table.scenes.get('t37_cans_back_row_shuffled')!.seeds).toEqual([0, 1]);
    const cans = objects('t37_cans_back_row_shuffled').filter((o) => o.shape === 'cylinder');
    expect(cans).toHaveLength(4);
    for (const c of cans) expect(inRegion('top_side', xy(c)), c.id).toBe(true);
  });

  it('has four blocks on the corners of a square round a can, and a ball sandwiched between two red blocks', () => {
    const square = objects('t37_square_can_middle').filter((o) => o.shape === 'box');
    expect(square).toHaveLength(4);
    for (const b of square) expect(xy(b).map(Math.abs), b.id).toEqual([0.1, 0.1]);
    expect(xy(object('t37_square_can_middle', 'purple_can'))).toEqual([0, 0]);
    const ball = object('t37_ball_between_blocks', 'white_ball');
    const reds = objects('t37_ball_between_blocks').filter((o) => o.shape === 'box' && o.color === 'red');
    expect(reds).toHaveLength(2);
    for (const r of reds) expect(xy(r)[1]).toBe(xy(ball)[1]);
    expect(reds.map((r) => Math.sign(xy(r)[0] - xy(ball)[0])).sort()).toEqual([-1, 1]);
  });

  it('has a can standing beside each of two bowls, and a tray holding a can', () => {
    for (const [bowl, can] of [
      ['red_bowl', 'green_can'],
      ['blue_bowl', 'red_can'],
    ] as const) {
      const [b, c] = [object('t37_cans_beside_bowls', bowl), object('t37_cans_beside_bowls', can)];
      expect(xy(c)[0], can).toBeGreaterThan(xy(b)[0]);
      expect(dist(b, c), can).toBeLessThan(0.14);
      expect(c.color, can).not.toBe(b.color);
    }
    expect(object('t37_tray_with_can', 'green_can').on).toBe('gray_tray');
    expect(isContainer(object('t37_tray_with_can', 'gray_tray'))).toBe(true);
  });

  it('has blocks of three sizes, a full bowl beside an empty tray, and blocks across the back over cans across the front', () => {
    const sizes = objects('t37_block_sizes_scatter').filter((o) => o.shape === 'box');
    expect(new Set(sizes.map((o) => o.size[0])).size).toBe(3);
    expect(volume(object('t37_block_sizes_scatter', 'red_block_big'))).toBeGreaterThan(
      volume(object('t37_block_sizes_scatter', 'red_block_small')),
    );
    expect(object('t37_full_bowl_empty_tray', 'blue_block').on).toBe('pink_bowl');
    expect(objects('t37_full_bowl_empty_tray').filter((o) => o.on === 'brown_tray')).toEqual([]);
    const back = objects('t37_blocks_back_cans_front');
    for (const o of back.filter((x) => x.shape === 'box')) expect(inRegion('top_side', xy(o)), o.id).toBe(true);
    for (const o of back.filter((x) => x.shape === 'cylinder')) expect(inRegion('bottom_side', xy(o)), o.id).toBe(true);
  });

  it('has two blocks one above the other at the left and two side by side at the right', () => {
    const [red, blue, green, yellow] = ['red_block', 'blue_block', 'green_block', 'yellow_block'].map((id) =>
      object('t37_upright_pair_flat_pair', id),
    );
    expect(xy(red!)[0]).toBe(xy(blue!)[0]);
    expect(xy(red!)[1]).toBeGreaterThan(xy(blue!)[1]);
    expect(xy(green!)[1]).toBe(xy(yellow!)[1]);
    expect(xy(green!)[0]).toBeLessThan(xy(yellow!)[0]);
  });
});

describe('loading the thirty-seventh table', () => {
  loaderChecks(37, {
    previousFirst: ownScenes('scenes-36.json').own[0]!.id,
    secondScene: 't37_cans_beside_bowls',
    squeezed: { id: 't37_ball_between_blocks', index: 4 },
    rowZeroObject: 'white_bowl',
    solved: { scene: 'on_stack', text: 'leave the red block sitting on the blue one', on: ['red_block', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 37', () => {
  benchChecks(37, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt36_\w+\b.*\bt37_square_can_middle\b.*\bt37_cans_back_row_shuffled\b/);
});
