// The seventeenth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// sixteen tables, to a bundled task's instruction or to another of its own rows. Its scenes are the
// earlier tables' (scenes.json to scenes-16.json) and its own (scenes-17.json); the loader reads all
// seventeen and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 17`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[17]);

const { own, objects, object } = ownScenes('scenes-17.json');
const xy = (o: OwnObject) => o.position as [number, number];
const loose = (scene: string) => objects(scene).filter((o) => !isContainer(o));

describe('the seventeenth paraphrase table', () => {
  heldOutTableChecks(17);

  it('has ten scenes of its own', () => {
    expect(own).toHaveLength(10);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['triangle_spots_shuffled', 'yellow_bowl'],
        ['square_bowls_shuffled', 'black_block'],
      ],
      5,
    );
  });

  it('has four blocks in a small square in the middle with a bowl placed by the seed, and five things heaped in the bottom right with only a bowl elsewhere', () => {
    const square = objects('square_four_middle').filter((o) => o.shape === 'box');
    expect(square).toHaveLength(4);
    for (const b of square) expect(inRegion('center', xy(b)), b.id).toBe(true);
    expect(new Set(square.map((b) => xy(b)[0])).size).toBe(2);
    expect(new Set(square.map((b) => xy(b)[1])).size).toBe(2);
    expect(object('square_four_middle', 'pink_bowl').position).toBeUndefined();
    const heap = loose('bottom_right_heap');
    expect(heap).toHaveLength(5);
    for (const o of heap) expect(xy(o)[0] > 0 && xy(o)[1] < 0, o.id).toBe(true);
    expect(new Set(heap.map((o) => o.shape))).toEqual(new Set(['box', 'sphere', 'cylinder']));
    expect(
      objects('bottom_right_heap')
        .filter(isContainer)
        .map((o) => o.id),
    ).toEqual(['brown_bowl']);
  });

  it('has a can standing in a bowl and a ball on a tray, and two trays side by side over a row of four blocks', () => {
    expect(object('can_in_bowl_ball_on_tray', 'green_cylinder').on).toBe('white_bowl');
    expect(object('can_in_bowl_ball_on_tray', 'red_ball').on).toBe('blue_tray');
    expect(objects('can_in_bowl_ball_on_tray').some((o) => o.on === 'pink_bowl')).toBe(false);
    const trays = objects('trays_side_by_side').filter((o) => o.shape === 'tray');
    expect(trays.map((t) => t.color)).toEqual(['red', 'green']);
    expect(xy(trays[0]!)[1]).toBe(xy(trays[1]!)[1]);
    const blocks = objects('trays_side_by_side').filter((o) => o.shape === 'box');
    expect(blocks).toHaveLength(4);
    expect(new Set(blocks.map((b) => xy(b)[1])).size).toBe(1);
  });

  it('has a red block on a blue one beside another red block of its size, and big and small balls of two colours', () => {
    expect(object('tower_and_twin', 'red_block_1').on).toBe('blue_block');
    expect(object('tower_and_twin', 'red_block_2').size).toEqual(object('tower_and_twin', 'red_block_1').size);
    expect(object('tower_and_twin', 'red_block_2').position).toBeDefined();
    const balls = objects('balls_two_sizes').filter((o) => o.shape === 'sphere');
    expect(balls).toHaveLength(4);
    for (const colour of ['red', 'blue']) {
      const pair = balls.filter((b) => b.color === colour).map((b) => b.size[0]!);
      expect(pair.sort()).toEqual([0.03, 0.05]);
    }
  });

  it('has blocks at the left and balls at the right in the same colours, and two blocks and two bowls in opposite corners with a can in the middle', () => {
    for (const colour of ['red', 'blue']) {
      expect(xy(object('left_right_pairs', `${colour}_block`))[0]).toBeLessThan(0);
      expect(xy(object('left_right_pairs', `${colour}_ball`))[0]).toBeGreaterThan(0);
    }
    for (const b of objects('corner_to_corner').filter((o) => o.shape === 'box'))
      expect(inRegion('top_left_corner', xy(b)), b.id).toBe(true);
    for (const b of objects('corner_to_corner').filter((o) => o.shape === 'bowl'))
      expect(inRegion('bottom_side', xy(b)) && xy(b)[0] > 0, b.id).toBe(true);
    expect(inRegion('center', xy(object('corner_to_corner', 'black_cylinder')))).toBe(true);
  });

  it('has three blocks dealt on a triangle round a bowl and four bowls dealt on a square, both by the seed', () => {
    expect(table.scenes.get('triangle_spots_shuffled')!.seeds).toEqual([0, 1]);
    expect(table.scenes.get('square_bowls_shuffled')!.seeds).toEqual([0, 1]);
    const spots = objects('triangle_spots_shuffled').filter((o) => o.shape === 'box');
    expect(spots).toHaveLength(3);
    expect(xy(object('triangle_spots_shuffled', 'yellow_bowl'))).toEqual([0, 0]);
    const bowls = objects('square_bowls_shuffled').filter((o) => o.shape === 'bowl');
    expect(bowls).toHaveLength(4);
    expect(new Set(bowls.map((b) => xy(b)[0])).size).toBe(2);
    expect(new Set(bowls.map((b) => xy(b)[1])).size).toBe(2);
  });
});

describe('loading the seventeenth table', () => {
  loaderChecks(17, {
    previousFirst: 'busy_table_nine',
    secondScene: 'bottom_right_heap',
    squeezed: { id: 'square_four_middle', index: 0 },
    rowZeroObject: 'red_block',
    solved: { scene: 'tower_and_twin', text: 'keep the red block sitting on the blue one', on: ['red_block_1', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 17', () => {
  benchChecks(17, /.*\bbowl_cross\b.*\bbusy_table_nine\b.*\bsquare_four_middle\b.*\bsquare_bowls_shuffled\b/);
});
