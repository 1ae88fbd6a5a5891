// The forty-fourth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// forty-three tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-43.json) and its own (scenes-44.json); the loader reads
// all forty-four and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 44`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[44]);

const { own, objects, object } = ownScenes('scenes-44.json');
const xy = (o: OwnObject) => o.position as [number, number];
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;
const shaped = (scene: string, shape: string) => objects(scene).filter((o) => o.shape === shape);

describe('the forty-fourth paraphrase table', () => {
  heldOutTableChecks(44);

  it('has ten scenes of its own, every id with the prefix t44_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t44_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t44_bowls_middle_row_shuffled', 'green_block'],
        ['t44_blocks_arch_shuffled', 'gray_bowl'],
      ],
      6,
    );
  });

  it('has three bowls dealt on a row across the middle, and four blocks dealt on an arch over a bowl', () => {
    expect(table.scenes.get('t44_bowls_middle_row_shuffled')!.seeds).toEqual([0, 1]);
    const bowls = objects('t44_bowls_middle_row_shuffled').filter(isContainer);
    expect(bowls).toHaveLength(3);
    for (const b of bowls) expect(xy(b)[1], b.id).toBe(0);
    expect(new Set(bowls.map((b) => xy(b)[0])).size).toBe(3);
    expect(table.scenes.get('t44_blocks_arch_shuffled')!.seeds).toEqual([0, 1]);
    const arch = shaped('t44_blocks_arch_shuffled', 'box').sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(arch).toHaveLength(4);
    const bowl = xy(object('t44_blocks_arch_shuffled', 'gray_bowl'));
    for (const k of [1, 2]) {
      expect(xy(arch[k]!)[1], arch[k]!.id).toBeGreaterThan(xy(arch[0]!)[1]);
      expect(xy(arch[k]!)[1], arch[k]!.id).toBeGreaterThan(xy(arch[3]!)[1]);
    }
    expect(xy(arch[0]!)[0]).toBeLessThan(bowl[0]);
    expect(xy(arch[3]!)[0]).toBeGreaterThan(bowl[0]);
  });

  it('has six blocks of six colours in a 2 x 3 grid, and a lone block, a tower of two and a tower of three', () => {
    const grid = shaped('t44_grid_six', 'box');
    expect(grid).toHaveLength(6);
    expect(new Set(grid.map((b) => b.color)).size).toBe(6);
    expect(new Set(grid.map((b) => xy(b)[0])).size).toBe(3);
    expect(new Set(grid.map((b) => xy(b)[1])).size).toBe(2);
    expect(object('t44_three_heights', 'red_block').on).toBeUndefined();
    expect(object('t44_three_heights', 'yellow_block').on).toBe('blue_block');
    expect(object('t44_three_heights', 'orange_block').on).toBe('white_block');
    expect(object('t44_three_heights', 'white_block').on).toBe('green_block');
  });

  it('has five balls on a ring round an empty middle, and five blocks in an L', () => {
    const balls = shaped('t44_ball_ring', 'sphere');
    expect(balls).toHaveLength(5);
    for (const b of balls) expect(Math.hypot(...xy(b)), b.id).toBeCloseTo(0.12, 2);
    for (const o of objects('t44_ball_ring')) expect(Math.hypot(...xy(o)), o.id).toBeGreaterThan(0.1);
    const l = shaped('t44_l_blocks', 'box');
    expect(l).toHaveLength(5);
    const upright = l.filter((b) => xy(b)[0] === -0.26);
    expect(upright).toHaveLength(3);
    const bend = upright.sort((a, b) => xy(a)[1] - xy(b)[1])[0]!;
    expect(l.filter((b) => xy(b)[1] === xy(bend)[1])).toHaveLength(3);
  });

  it('has three cans of three sizes out of order, two trays side by side at the front, and a pile in the middle', () => {
    const cans = shaped('t44_can_sizes', 'cylinder').sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(cans).toHaveLength(3);
    for (const c of cans) expect(xy(c)[1], c.id).toBe(0);
    const v = cans.map(volume);
    expect(v[1]! > v[0]! && v[0]! > v[2]!).toBe(true);
    const trays = objects('t44_two_plates').filter(isContainer);
    expect(trays).toHaveLength(2);
    expect(xy(trays[0]!)[1]).toBe(xy(trays[1]!)[1]);
    for (const o of objects('t44_two_plates')) expect(xy(o)[1] < 0, o.id).toBe(isContainer(o));
    const pile = objects('t44_pile_middle').filter((o) => !isContainer(o));
    expect(pile).toHaveLength(4);
    for (const o of pile) expect(Math.max(...xy(o).map(Math.abs)), o.id).toBeLessThanOrEqual(0.05);
  });

  it('has a red and a blue bowl each holding a block of the other colour, and an empty green bowl', () => {
    expect(object('t44_bowls_holding', 'blue_block').on).toBe('red_bowl');
    expect(object('t44_bowls_holding', 'red_block').on).toBe('blue_bowl');
    expect(objects('t44_bowls_holding').filter((o) => o.on === 'green_bowl')).toEqual([]);
  });
});

describe('loading the forty-fourth table', () => {
  loaderChecks(44, {
    previousFirst: ownScenes('scenes-43.json').own[0]!.id,
    secondScene: 't44_three_heights',
    squeezed: { id: 't44_pile_middle', index: 6 },
    rowZeroObject: 'purple_can',
    solved: { scene: 'on_stack', text: 'leave the red block sitting where it is on the blue one', on: ['red_block', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 44', () => {
  benchChecks(44, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt43_\w+\b.*\bt44_grid_six\b.*\bt44_blocks_arch_shuffled\b/);
});
