// The forty-eighth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// forty-seven tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-47.json) and its own (scenes-48.json); the loader reads
// all forty-eight and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 48`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[48]);

const { own, objects, object } = ownScenes('scenes-48.json');
const xy = (o: OwnObject) => o.position as [number, number];
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;
const shaped = (scene: string, shape: string) => objects(scene).filter((o) => o.shape === shape);

describe('the forty-eighth paraphrase table', () => {
  heldOutTableChecks(48);

  it('has ten scenes of its own, every id with the prefix t48_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t48_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t48_corner_blocks_shuffled', 'yellow_bowl'],
        ['t48_balls_left_column_shuffled', 'orange_block'],
      ],
      6,
    );
  });

  it('has three blocks dealt on three corners with a bowl in the fourth, and three balls dealt on a column down the left', () => {
    expect(table.scenes.get('t48_corner_blocks_shuffled')!.seeds).toEqual([0, 1]);
    const corners = ['top_left_corner', 'top_right_corner', 'bottom_left_corner'] as const;
    const blocks = shaped('t48_corner_blocks_shuffled', 'box');
    expect(blocks).toHaveLength(3);
    for (const c of corners)
      expect(
        blocks.filter((b) => inRegion(c, xy(b))),
        c,
      ).toHaveLength(1);
    expect(inRegion('bottom_right_corner', xy(object('t48_corner_blocks_shuffled', 'yellow_bowl')))).toBe(true);
    expect(table.scenes.get('t48_balls_left_column_shuffled')!.seeds).toEqual([0, 1]);
    const balls = shaped('t48_balls_left_column_shuffled', 'sphere');
    expect(balls).toHaveLength(3);
    expect(new Set(balls.map((b) => xy(b)[0])).size).toBe(1);
    expect(new Set(balls.map((b) => xy(b)[1])).size).toBe(3);
    for (const b of balls) expect(inRegion('left_side', xy(b)), b.id).toBe(true);
  });

  it('has four square coasters in a 2 × 2 square with a can on one, and five blocks on a diagonal', () => {
    const trays = shaped('t48_coasters', 'tray');
    expect(trays).toHaveLength(4);
    for (const t of trays) expect(t.size[0]).toBe(t.size[1]);
    expect(new Set(trays.map((t) => xy(t)[0])).size).toBe(2);
    expect(new Set(trays.map((t) => xy(t)[1])).size).toBe(2);
    expect(object('t48_coasters', 'red_can').on).toBe('white_tray');
    const diag = shaped('t48_dominoes_diagonal', 'box').sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(diag).toHaveLength(5);
    for (let k = 1; k < 5; k++) {
      expect(xy(diag[k]!)[0] - xy(diag[k - 1]!)[0]).toBeCloseTo(0.12, 6);
      expect(xy(diag[k]!)[1] - xy(diag[k - 1]!)[1]).toBeCloseTo(0.08, 6);
    }
  });

  it('has a toy box holding a block, and three bowls of three sizes in a column down the left', () => {
    expect(object('t48_toy_box', 'blue_block').on).toBe('brown_tray');
    const bowls = shaped('t48_bowl_sizes_column', 'bowl');
    expect(bowls).toHaveLength(3);
    expect(new Set(bowls.map((b) => xy(b)[0])).size).toBe(1);
    expect(new Set(bowls.map(volume)).size).toBe(3);
    for (const b of bowls) expect(inRegion('left_side', xy(b)), b.id).toBe(true);
  });

  it('has cans and balls in turn along a row, and a column of three blocks between two bowls', () => {
    const row = objects('t48_can_ball_row')
      .filter((o) => o.shape === 'cylinder' || o.shape === 'sphere')
      .sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(row.map((o) => o.shape)).toEqual(['cylinder', 'sphere', 'cylinder', 'sphere']);
    expect(new Set(row.map((o) => xy(o)[1])).size).toBe(1);
    const column = shaped('t48_column_between_bowls', 'box');
    expect(column).toHaveLength(3);
    expect(new Set(column.map((b) => xy(b)[0])).size).toBe(1);
    const bowlsX = shaped('t48_column_between_bowls', 'bowl').map((b) => xy(b)[0]);
    expect(Math.min(...bowlsX)).toBeLessThan(xy(column[0]!)[0]);
    expect(Math.max(...bowlsX)).toBeGreaterThan(xy(column[0]!)[0]);
  });

  it('has a tray holding a standing can, and three blocks huddled in the bottom left corner', () => {
    expect(object('t48_drinks_tray', 'red_can').on).toBe('gray_tray');
    const huddle = shaped('t48_corner_huddle', 'box');
    expect(huddle).toHaveLength(3);
    for (const b of huddle) expect(inRegion('bottom_left_corner', xy(b)), b.id).toBe(true);
    expect(inRegion('top_right_corner', xy(object('t48_corner_huddle', 'orange_bowl')))).toBe(true);
  });
});

describe('loading the forty-eighth table', () => {
  loaderChecks(48, {
    previousFirst: ownScenes('scenes-47.json').own[0]!.id,
    secondScene: 't48_dominoes_diagonal',
    squeezed: { id: 't48_corner_huddle', index: 7 },
    rowZeroObject: 'red_block',
    solved: { scene: 'on_stack', text: 'leave the red block where it is, up on the blue block', on: ['red_block', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 48', () => {
  benchChecks(48, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt47_\w+\b.*\bt48_coasters\b.*\bt48_balls_left_column_shuffled\b/);
});
