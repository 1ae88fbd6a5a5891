// The thirty-fourth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// thirty-three tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-33.json) and its own (scenes-34.json); the loader reads
// all thirty-four and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 34`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[34]);

const { own, objects, object } = ownScenes('scenes-34.json');
const xy = (o: OwnObject) => o.position as [number, number];
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;

describe('the thirty-fourth paraphrase table', () => {
  heldOutTableChecks(34);

  it('has ten scenes of its own, every id with the prefix t34_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t34_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t34_arch_shuffled', 'white_bowl'],
        ['t34_bowls_left_shuffled', 'black_can'],
      ],
      6,
    );
  });

  it('has four blocks dealt on an arch, and three bowls dealt down the left edge', () => {
    expect(table.scenes.get('t34_arch_shuffled')!.seeds).toEqual([0, 1]);
    const arch = objects('t34_arch_shuffled')
      .filter((o) => o.shape === 'box')
      .sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(arch.map((o) => xy(o)[1])).toEqual([-0.02, 0.14, 0.14, -0.02]);
    expect(table.scenes.get('t34_bowls_left_shuffled')!.seeds).toEqual([0, 1]);
    const bowls = objects('t34_bowls_left_shuffled').filter((o) => o.shape === 'bowl');
    expect(bowls).toHaveLength(3);
    for (const b of bowls) expect(inRegion('left_side', xy(b)), b.id).toBe(true);
    expect(new Set(bowls.map((b) => b.color)).size).toBe(3);
  });

  it('has a tower of three graded blocks, and a tower of two standing on a tray', () => {
    expect(object('t34_graded_tower', 'red_block').on).toBe('blue_block');
    expect(object('t34_graded_tower', 'yellow_block').on).toBe('red_block');
    const tower = ['blue_block', 'red_block', 'yellow_block'].map((id) => volume(object('t34_graded_tower', id)));
    expect(tower[0]).toBeGreaterThan(tower[1]!);
    expect(tower[1]).toBeGreaterThan(tower[2]!);
    expect(object('t34_tower_on_tray', 'blue_block').on).toBe('brown_tray');
    expect(object('t34_tower_on_tray', 'red_block').on).toBe('blue_block');
  });

  it('has three bowls each holding a ball of another colour, and two towers with their colours swapped', () => {
    const balls = objects('t34_balls_wrong_bowls').filter((o) => o.shape === 'sphere');
    expect(balls).toHaveLength(3);
    for (const b of balls) {
      const bowl = object('t34_balls_wrong_bowls', b.on!);
      expect(isContainer(bowl), b.id).toBe(true);
      expect(bowl.color, b.id).not.toBe(b.color);
    }
    expect(object('t34_swapped_towers', 'red_block_1').on).toBe('blue_block_1');
    expect(object('t34_swapped_towers', 'blue_block_2').on).toBe('red_block_2');
  });

  it('has five blocks laid out as an L, and five things of three shapes down the right edge', () => {
    const l = objects('t34_l_shape').filter((o) => o.shape === 'box');
    expect(l).toHaveLength(5);
    expect(l.filter((o) => xy(o)[0] === -0.24)).toHaveLength(3);
    expect(l.filter((o) => xy(o)[1] === -0.08)).toHaveLength(3);
    const column = objects('t34_right_edge_column').filter((o) => !isContainer(o));
    expect(column).toHaveLength(5);
    for (const o of column) expect(inRegion('right_side', xy(o)), o.id).toBe(true);
    expect(new Set(column.map((o) => o.shape)).size).toBe(3);
  });

  it('has three balls of three sizes, and five blocks of five sizes across the back out of size order', () => {
    const balls = objects('t34_ball_sizes').filter((o) => o.shape === 'sphere');
    expect(new Set(balls.map((b) => b.size[0])).size).toBe(3);
    const row = objects('t34_graded_back_row')
      .filter((o) => o.shape === 'box')
      .sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(row).toHaveLength(5);
    expect(new Set(row.map((o) => o.size[0])).size).toBe(5);
    for (const o of row) expect(inRegion('top_side', xy(o)), o.id).toBe(true);
    const sizes = row.map((o) => o.size[0]!);
    expect(sizes).not.toEqual([...sizes].sort((a, b) => a - b));
    expect(sizes).not.toEqual([...sizes].sort((a, b) => b - a));
  });
});

describe('loading the thirty-fourth table', () => {
  loaderChecks(34, {
    previousFirst: ownScenes('scenes-33.json').own[0]!.id,
    secondScene: 't34_balls_wrong_bowls',
    squeezed: { id: 't34_graded_back_row', index: 7 },
    rowZeroObject: 'yellow_block',
    solved: { scene: 't34_swapped_towers', text: 'leave the red block on the blue block at the left', on: ['red_block_1', 'blue_block_1'] },
  });
});

describe('bench/paraphrases.ts --table 34', () => {
  benchChecks(34, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt33_\w+\b.*\bt34_graded_tower\b.*\bt34_bowls_left_shuffled\b/);
});
