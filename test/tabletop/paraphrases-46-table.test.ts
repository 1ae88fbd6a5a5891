// The forty-sixth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// forty-five tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-45.json) and its own (scenes-46.json); the loader reads
// all forty-six and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 46`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[46]);

const { own, objects, object } = ownScenes('scenes-46.json');
const xy = (o: OwnObject) => o.position as [number, number];
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;
const shaped = (scene: string, shape: string) => objects(scene).filter((o) => o.shape === shape);

describe('the forty-sixth paraphrase table', () => {
  heldOutTableChecks(46);

  it('has ten scenes of its own, every id with the prefix t46_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t46_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t46_balls_triangle_shuffled', 'green_block'],
        ['t46_cans_back_row_shuffled', 'orange_block'],
      ],
      6,
    );
  });

  it('has three balls dealt on a triangle in the middle, and four cans dealt along a row at the back', () => {
    expect(table.scenes.get('t46_balls_triangle_shuffled')!.seeds).toEqual([0, 1]);
    const balls = shaped('t46_balls_triangle_shuffled', 'sphere').sort((a, b) => xy(b)[1] - xy(a)[1]);
    expect(balls).toHaveLength(3);
    expect(xy(balls[1]!)[1]).toBe(xy(balls[2]!)[1]);
    expect(xy(balls[0]!)[1]).toBeGreaterThan(xy(balls[1]!)[1]);
    expect(xy(balls[0]!)[0]).toBe((xy(balls[1]!)[0] + xy(balls[2]!)[0]) / 2);
    expect(table.scenes.get('t46_cans_back_row_shuffled')!.seeds).toEqual([0, 1]);
    const cans = shaped('t46_cans_back_row_shuffled', 'cylinder');
    expect(cans).toHaveLength(4);
    for (const c of cans) expect(xy(c)[1], c.id).toBe(0.2);
    expect(new Set(cans.map((c) => xy(c)[0])).size).toBe(4);
  });

  it('has three cans on a triangle like skittles, and five blocks in a crooked row', () => {
    const cans = shaped('t46_skittles', 'cylinder').sort((a, b) => xy(a)[1] - xy(b)[1]);
    expect(cans).toHaveLength(3);
    expect(xy(cans[1]!)[1]).toBe(xy(cans[2]!)[1]);
    expect(xy(cans[0]!)[1]).toBeLessThan(xy(cans[1]!)[1]);
    const row = shaped('t46_crooked_row', 'box').sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(row).toHaveLength(5);
    const ys = row.map((b) => xy(b)[1]);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(0.04);
    // up and down in turn, not a line
    for (let k = 1; k < 4; k++) expect(Math.sign(ys[k + 1]! - ys[k]!)).toBe(-Math.sign(ys[k]! - ys[k - 1]!));
  });

  it('has balls of three sizes and cans of two, and pairs of blocks in opposite corners with the top right corner empty', () => {
    const v = shaped('t46_sizes_mix', 'sphere').map(volume);
    expect(new Set(v).size).toBe(3);
    const cans = shaped('t46_sizes_mix', 'cylinder');
    expect(cans).toHaveLength(2);
    expect(volume(cans[0]!)).not.toBe(volume(cans[1]!));
    const corners = ['top_left_corner', 'bottom_right_corner'] as const;
    const blocks = shaped('t46_corner_clusters', 'box');
    for (const c of corners)
      expect(
        blocks.filter((b) => inCorner(c, xy(b))),
        c,
      ).toHaveLength(2);
    for (const o of objects('t46_corner_clusters')) expect(inCorner('top_right_corner', xy(o)), o.id).toBe(false);
  });

  it('has five blocks like the five on a die, and a tray holding a block between two bowls', () => {
    const die = shaped('t46_die_five', 'box');
    expect(die).toHaveLength(5);
    expect(die.filter((b) => xy(b)[0] === 0 && xy(b)[1] === 0)).toHaveLength(1);
    expect(new Set(die.map((b) => Math.hypot(...xy(b)).toFixed(4)))).toEqual(new Set(['0.0000', '0.0990']));
    expect(object('t46_tray_between_bowls', 'blue_block').on).toBe('gray_tray');
    const bowls = shaped('t46_tray_between_bowls', 'bowl').map((b) => xy(b)[0]);
    expect(Math.min(...bowls)).toBeLessThan(0);
    expect(Math.max(...bowls)).toBeGreaterThan(0);
  });

  it('has four balls in a column front to back, and five things in a column along the right edge', () => {
    const balls = shaped('t46_ball_column', 'sphere');
    expect(balls).toHaveLength(4);
    expect(new Set(balls.map((b) => xy(b)[0])).size).toBe(1);
    const edge = objects('t46_right_edge').filter((o) => !isContainer(o));
    expect(edge).toHaveLength(5);
    for (const o of edge) expect(xy(o)[0], o.id).toBeGreaterThanOrEqual(0.25);
    for (const o of objects('t46_right_edge').filter(isContainer)) expect(xy(o)[0], o.id).toBeLessThan(0);
  });
});

const inCorner = (c: 'top_left_corner' | 'bottom_right_corner' | 'top_right_corner', p: [number, number]) =>
  c === 'top_left_corner'
    ? p[0] <= -0.25 && p[1] >= 0.18
    : c === 'top_right_corner'
      ? p[0] >= 0.25 && p[1] >= 0.18
      : p[0] >= 0.25 && p[1] <= -0.18;

describe('loading the forty-sixth table', () => {
  loaderChecks(46, {
    previousFirst: ownScenes('scenes-45.json').own[0]!.id,
    secondScene: 't46_crooked_row',
    squeezed: { id: 't46_corner_clusters', index: 3 },
    rowZeroObject: 'purple_block',
    solved: { scene: 'on_stack', text: 'the red block is fine where it is, sitting on the blue one', on: ['red_block', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 46', () => {
  benchChecks(46, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt45_\w+\b.*\bt46_skittles\b.*\bt46_cans_back_row_shuffled\b/);
});
