// The forty-seventh, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// forty-six tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-46.json; its rows use none of the forty-sixth's) and its
// own (scenes-47.json); the loader reads all forty-seven and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 47`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[47]);

const { own, objects, object } = ownScenes('scenes-47.json');
const xy = (o: OwnObject) => o.position as [number, number];
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;
const shaped = (scene: string, shape: string) => objects(scene).filter((o) => o.shape === shape);

describe('the forty-seventh paraphrase table', () => {
  heldOutTableChecks(47);

  it('has ten scenes of its own, every id with the prefix t47_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t47_'), s.id).toBe(true);
  });

  it('uses no scene of the forty-sixth table', () => {
    const fortySixth = new Set(ownScenes('scenes-46.json').own.map((s) => s.id));
    expect(table.rows.filter((r) => fortySixth.has(r.scene)).map((r) => r.scene)).toEqual([]);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t47_triangle_shuffled', 'gray_bowl'],
        ['t47_cans_back_row_shuffled', 'brown_tray'],
      ],
      6,
    );
  });

  it('has three blocks dealt on the corners of a triangle, and three cans dealt on a row along the back', () => {
    expect(table.scenes.get('t47_triangle_shuffled')!.seeds).toEqual([0, 1]);
    const tri = shaped('t47_triangle_shuffled', 'box').sort((a, b) => xy(b)[1] - xy(a)[1]);
    expect(tri).toHaveLength(3);
    expect(xy(tri[1]!)[1]).toBe(xy(tri[2]!)[1]);
    expect(xy(tri[0]!)[1]).toBeGreaterThan(xy(tri[1]!)[1]);
    expect(xy(tri[0]!)[0]).toBe((xy(tri[1]!)[0] + xy(tri[2]!)[0]) / 2);
    expect(table.scenes.get('t47_cans_back_row_shuffled')!.seeds).toEqual([0, 1]);
    const cans = shaped('t47_cans_back_row_shuffled', 'cylinder');
    expect(cans).toHaveLength(3);
    for (const c of cans) expect(xy(c)[1], c.id).toBeGreaterThan(0.15);
    expect(new Set(cans.map((c) => xy(c)[0])).size).toBe(3);
  });

  it('has the left half of a table clear, and a can standing in a bowl', () => {
    for (const o of objects('t47_right_half_busy')) expect(xy(o)[0], o.id).toBeGreaterThan(0.05);
    expect(object('t47_can_in_bowl', 'red_can').on).toBe('white_bowl');
  });

  it('has three balls racked in a triangle, and a table of green things with one white bowl', () => {
    const rack = shaped('t47_pool_triangle', 'sphere').filter((b) => b.id !== 'white_ball');
    expect(rack).toHaveLength(3);
    for (const b of rack) expect(Math.hypot(xy(b)[0], xy(b)[1] - 0.14), b.id).toBeLessThan(0.05);
    const green = objects('t47_all_green').filter((o) => o.color === 'green');
    expect(green).toHaveLength(5);
    expect(
      objects('t47_all_green')
        .filter((o) => o.color !== 'green')
        .map((o) => o.id),
    ).toEqual(['white_bowl']);
  });

  it('has a tower of two on a tray, and a big and a small block of each of three colours', () => {
    expect(object('t47_tray_tower', 'red_block').on).toBe('brown_tray');
    expect(object('t47_tray_tower', 'blue_block').on).toBe('red_block');
    const blocks = shaped('t47_size_pairs', 'box');
    expect(blocks).toHaveLength(6);
    for (const c of ['red', 'blue', 'yellow']) {
      const pair = blocks.filter((b) => b.color === c).sort((a, b) => volume(b) - volume(a));
      expect(pair, c).toHaveLength(2);
      expect(volume(pair[0]!) / volume(pair[1]!), c).toBeGreaterThan(2);
      expect(xy(pair[0]!)[1], c).toBe(xy(pair[1]!)[1]);
    }
  });

  it('has a red and a blue bowl side by side at the back, and balls at the left edge and blocks at the right', () => {
    const bowls = objects('t47_twin_bowls').filter(isContainer);
    expect(bowls.map((b) => b.color).sort()).toEqual(['blue', 'red']);
    expect(xy(bowls[0]!)[1]).toBe(xy(bowls[1]!)[1]);
    for (const o of objects('t47_twin_bowls').filter((x) => !isContainer(x))) expect(xy(o)[1], o.id).toBeLessThan(xy(bowls[0]!)[1]);
    for (const b of shaped('t47_balls_left_blocks_right', 'sphere')) expect(xy(b)[0], b.id).toBeLessThan(-0.15);
    for (const b of shaped('t47_balls_left_blocks_right', 'box')) expect(xy(b)[0], b.id).toBeGreaterThan(0.15);
  });
});

describe('loading the forty-seventh table', () => {
  loaderChecks(47, {
    previousFirst: ownScenes('scenes-46.json').own[0]!.id,
    secondScene: 't47_can_in_bowl',
    squeezed: { id: 't47_pool_triangle', index: 2 },
    rowZeroObject: 'green_block',
    solved: { scene: 't47_tray_tower', text: 'leave the blue block sitting on the red one', on: ['blue_block', 'red_block'] },
  });
});

describe('bench/paraphrases.ts --table 47', () => {
  benchChecks(47, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt45_\w+\b.*\bt47_right_half_busy\b.*\bt47_cans_back_row_shuffled\b/);
});
