// The twentieth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// nineteen tables, to a bundled task's instruction or to another of its own rows. Its scenes are the
// earlier tables' (scenes.json to scenes-19.json) and its own (scenes-20.json); the loader reads all
// twenty and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 20`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[20]);

const { own, objects, object } = ownScenes('scenes-20.json');
const xy = (o: OwnObject) => o.position as [number, number];
const loose = (scene: string) => objects(scene).filter((o) => !isContainer(o));

describe('the twentieth paraphrase table', () => {
  heldOutTableChecks(20);

  it('has ten scenes of its own', () => {
    expect(own).toHaveLength(10);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t_shape_shuffled', 'pink_bowl'],
        ['bowl_column_shuffled', 'yellow_ball'],
      ],
      5,
    );
  });

  it('has five blocks dealt on the spots of a T, and three bowls dealt on a column down the middle', () => {
    expect(table.scenes.get('t_shape_shuffled')!.seeds).toEqual([0, 1]);
    const t = objects('t_shape_shuffled').filter((o) => o.shape === 'box');
    expect(t).toHaveLength(5);
    expect(t.filter((b) => xy(b)[1] === 0.2)).toHaveLength(3);
    expect(t.filter((b) => xy(b)[0] === 0)).toHaveLength(3);
    expect(table.scenes.get('bowl_column_shuffled')!.seeds).toEqual([0, 1]);
    const bowls = objects('bowl_column_shuffled').filter((o) => o.shape === 'bowl');
    expect(bowls.map((b) => b.color)).toEqual(['red', 'green', 'blue']);
    expect(new Set(bowls.map((b) => xy(b)[0])).size).toBe(1);
    expect(
      new Set(
        loose('bowl_column_shuffled')
          .filter((o) => o.shape === 'box')
          .map((o) => o.color),
      ),
    ).toEqual(new Set(['red', 'green', 'blue']));
  });

  it('has everything loose crowded into the top right, and a ball in the bowl of its colour in each of three bowls', () => {
    for (const o of loose('top_right_crowd'))
      expect(inRegion('top_right_corner', xy(o)) || (xy(o)[0] > 0.15 && xy(o)[1] > 0.1), o.id).toBe(true);
    expect(new Set(loose('top_right_crowd').map((o) => o.shape))).toEqual(new Set(['box', 'sphere', 'cylinder']));
    const balls = objects('balls_home_bowls').filter((o) => o.shape === 'sphere');
    expect(balls).toHaveLength(3);
    for (const b of balls) expect(b.on, b.id).toBe(`${b.color}_bowl`);
  });

  it('has a bowl between two trays at the edges, black and white things of three shapes, and a row of five things of different sizes', () => {
    const trays = objects('two_trays_middle_bowl').filter((o) => o.shape === 'tray');
    expect(trays.map((o) => xy(o)[0])).toEqual([-0.33, 0.33]);
    expect(xy(object('two_trays_middle_bowl', 'cyan_bowl'))).toEqual([0, 0]);
    for (const colour of ['white', 'black'])
      expect(
        new Set(
          loose('black_and_white_things')
            .filter((o) => o.color === colour)
            .map((o) => o.shape),
        ),
      ).toEqual(new Set(['box', 'sphere', 'cylinder']));
    const row = loose('mixed_sizes_row');
    expect(row).toHaveLength(5);
    expect(new Set(row.map((o) => xy(o)[1]))).toEqual(new Set([0]));
    expect(new Set(row.map((o) => o.size.join())).size).toBe(5);
  });

  it('has a tray at the front with bowls in the top corners, bowls and blocks taking turns across the middle, and two pairs of blocks 2 cm apart', () => {
    expect(inRegion('bottom_side', xy(object('front_tray_back_bowls', 'black_tray')))).toBe(true);
    expect(inRegion('top_left_corner', xy(object('front_tray_back_bowls', 'yellow_bowl')))).toBe(true);
    expect(inRegion('top_right_corner', xy(object('front_tray_back_bowls', 'purple_bowl')))).toBe(true);
    const middle = objects('bowls_blocks_alternating').filter((o) => xy(o)[1] === 0);
    expect(middle.map((o) => o.shape)).toEqual(['bowl', 'box', 'bowl', 'box', 'bowl']);
    const gap = (a: string, b: string) => Math.abs(xy(object('touching_pairs', a))[0] - xy(object('touching_pairs', b))[0]) - 0.04;
    expect(gap('red_block', 'blue_block')).toBeCloseTo(0.02, 5);
    expect(gap('green_block', 'white_block')).toBeCloseTo(0.02, 5);
  });
});

describe('loading the twentieth table', () => {
  loaderChecks(20, {
    previousFirst: 'little_blocks_random',
    secondScene: 't_shape_shuffled',
    squeezed: { id: 'touching_pairs', index: 9 },
    rowZeroObject: 'red_block',
    solved: { scene: 'two_towers_corners', text: 'leave the white block on the black one', on: ['white_block', 'black_block'] },
  });
});

describe('bench/paraphrases.ts --table 20', () => {
  benchChecks(
    20,
    /.*\bbowl_cross\b.*\bbusy_table_nine\b.*\bball_row_middle\b.*\blittle_blocks_random\b.*\btop_right_crowd\b.*\btouching_pairs\b/,
  );
});
