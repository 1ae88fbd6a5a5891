// The fifty-second, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// fifty-one tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-51.json) and its own (scenes-52.json); the loader reads
// all fifty-two and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 52`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[52]);

const { own, objects, object } = ownScenes('scenes-52.json');
const xy = (o: OwnObject) => o.position as [number, number];
const shaped = (scene: string, shape: string) => objects(scene).filter((o) => o.shape === shape);
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;

describe('the fifty-second paraphrase table', () => {
  heldOutTableChecks(52);

  it('has ten scenes of its own, every id with the prefix t52_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t52_'), s.id).toBe(true);
  });

  it('uses no scene of the fifty-first table', () => {
    const fifty1 = new Set(ownScenes('scenes-51.json').own.map((s) => s.id));
    expect(table.rows.filter((r) => fifty1.has(r.scene)).map((r) => r.text)).toEqual([]);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t52_back_row_shuffled', 'white_bowl'],
        ['t52_triangle_shuffled', 'green_bowl'],
      ],
      6,
    );
  });

  it('has four balls dealt along the back, and three blocks dealt on a triangle round a bowl', () => {
    expect(table.scenes.get('t52_back_row_shuffled')!.seeds).toEqual([0, 1]);
    const balls = shaped('t52_back_row_shuffled', 'sphere');
    expect(balls).toHaveLength(4);
    expect(new Set(balls.map((b) => xy(b)[1])).size).toBe(1);
    for (const b of balls) expect(inRegion('top_side', xy(b)), b.id).toBe(true);
    expect(table.scenes.get('t52_triangle_shuffled')!.seeds).toEqual([0, 1]);
    const corners = shaped('t52_triangle_shuffled', 'box');
    expect(corners).toHaveLength(3);
    const bowl = xy(object('t52_triangle_shuffled', 'green_bowl'));
    expect(corners.filter((b) => xy(b)[1] > bowl[1])).toHaveLength(1);
    expect(corners.filter((b) => xy(b)[1] < bowl[1])).toHaveLength(2);
    expect(inRegion('center', bowl)).toBe(true);
  });

  it('has five blocks laid out like an L, and five blocks in a zigzag across the table', () => {
    const l = shaped('t52_l_shape', 'box');
    expect(l).toHaveLength(5);
    expect(l.filter((b) => xy(b)[0] === -0.22)).toHaveLength(3);
    expect(l.filter((b) => xy(b)[1] === -0.04)).toHaveLength(3);
    const zig = shaped('t52_zigzag', 'box').sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(zig).toHaveLength(5);
    for (let i = 1; i < zig.length; i++) expect(xy(zig[i]!)[1]).not.toBe(xy(zig[i - 1]!)[1]);
    expect(new Set(zig.map((b) => xy(b)[1])).size).toBe(2);
  });

  it('has a big fruit bowl holding a ball, and two trays with a block on the left one only', () => {
    const bowl = object('t52_fruit_bowl', 'white_bowl');
    expect(bowl.size[0]).toBeGreaterThan(0.14);
    expect(object('t52_fruit_bowl', 'red_ball').on).toBe('white_bowl');
    expect(shaped('t52_fruit_bowl', 'sphere')).toHaveLength(3);
    expect(object('t52_in_out_trays', 'red_block').on).toBe('gray_tray');
    expect(xy(object('t52_in_out_trays', 'gray_tray'))[0]).toBeLessThan(0);
    expect(xy(object('t52_in_out_trays', 'white_tray'))[0]).toBeGreaterThan(0);
    expect(objects('t52_in_out_trays').filter((o) => o.on === 'white_tray')).toEqual([]);
  });

  it('has four blocks of four sizes in a row, biggest on the left, and two cans standing on blocks', () => {
    const row = shaped('t52_sorted_sizes', 'box').sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(row).toHaveLength(4);
    expect(new Set(row.map((b) => xy(b)[1])).size).toBe(1);
    for (let i = 1; i < row.length; i++) expect(volume(row[i]!)).toBeLessThan(volume(row[i - 1]!) / 1.15);
    expect(object('t52_pedestals', 'red_can').on).toBe('blue_block');
    expect(object('t52_pedestals', 'green_can').on).toBe('white_block');
  });

  it('has four things in a column down the right edge, and six blocks crowded at the back in two rows of three', () => {
    const edge = objects('t52_right_edge').filter((o) => o.shape !== 'bowl' && o.shape !== 'tray');
    expect(edge).toHaveLength(4);
    for (const o of edge) expect(inRegion('right_side', xy(o)), o.id).toBe(true);
    expect(new Set(edge.map((o) => xy(o)[0])).size).toBe(1);
    const back = shaped('t52_crowded_back', 'box');
    expect(back).toHaveLength(6);
    expect(new Set(back.map((b) => xy(b)[1])).size).toBe(2);
    expect(new Set(back.map((b) => xy(b)[0])).size).toBe(3);
    for (const b of back) expect(xy(b)[1]).toBeGreaterThan(0.08);
  });
});

describe('loading the fifty-second table', () => {
  loaderChecks(52, {
    previousFirst: ownScenes('scenes-51.json').own[0]!.id,
    secondScene: 't52_zigzag',
    squeezed: { id: 't52_crowded_back', index: 7 },
    rowZeroObject: 'purple_block',
    solved: { scene: 't52_pedestals', text: 'keep the red can standing on the blue block', on: ['red_can', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 52', () => {
  benchChecks(52, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt51_\w+\b.*\bt52_l_shape\b.*\bt52_triangle_shuffled\b/);
});
