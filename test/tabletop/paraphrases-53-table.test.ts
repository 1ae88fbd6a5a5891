// The fifty-third, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// fifty-two tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-52.json) and its own (scenes-53.json); the loader reads
// all fifty-three and names the file of a bad scene or row. Its rows use no scene of the
// fifty-first or fifty-second table.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 53`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[53]);

const { own, objects, object } = ownScenes('scenes-53.json');
const xy = (o: OwnObject) => o.position as [number, number];
const shaped = (scene: string, shape: string) => objects(scene).filter((o) => o.shape === shape);
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;

describe('the fifty-third paraphrase table', () => {
  heldOutTableChecks(53);

  it('has ten scenes of its own, every id with the prefix t53_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t53_'), s.id).toBe(true);
  });

  it('uses no scene of the fifty-first or fifty-second table', () => {
    const later = new Set([...ownScenes('scenes-51.json').own, ...ownScenes('scenes-52.json').own].map((s) => s.id));
    expect(table.rows.filter((r) => later.has(r.scene)).map((r) => r.text)).toEqual([]);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t53_diagonal_shuffled', 'white_bowl'],
        ['t53_ball_row_shuffled', 'green_bowl'],
      ],
      6,
    );
  });

  it('has three blocks dealt on a diagonal, and three balls dealt along a row across the middle', () => {
    expect(table.scenes.get('t53_diagonal_shuffled')!.seeds).toEqual([0, 1]);
    const diagonal = shaped('t53_diagonal_shuffled', 'box').map(xy);
    expect(diagonal).toHaveLength(3);
    for (const p of diagonal) expect(p[1]).toBeCloseTo(p[0] * 0.6, 6);
    expect(table.scenes.get('t53_ball_row_shuffled')!.seeds).toEqual([0, 1]);
    const balls = shaped('t53_ball_row_shuffled', 'sphere');
    expect(balls).toHaveLength(3);
    expect(new Set(balls.map((b) => xy(b)[1])).size).toBe(1);
    expect(balls.map((b) => xy(b)[0]).sort((u, v) => u - v)).toEqual([-0.15, 0, 0.15]);
  });

  it('has six blocks in a row, red and black in turn, and three blocks of three sizes with the biggest in the middle', () => {
    const row = shaped('t53_checkers_row', 'box').sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(row).toHaveLength(6);
    expect(new Set(row.map((b) => xy(b)[1])).size).toBe(1);
    expect(row.map((b) => b.color)).toEqual(['red', 'black', 'red', 'black', 'red', 'black']);
    const stairs = shaped('t53_stair_sizes', 'box').sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(stairs).toHaveLength(3);
    expect(volume(stairs[1]!)).toBeGreaterThan(Math.max(volume(stairs[0]!), volume(stairs[2]!)));
    expect(new Set(stairs.map(volume)).size).toBe(3);
  });

  it('has a lunch box holding a ball, a fruit bowl holding a ball, and a saucer holding a cup', () => {
    expect(object('t53_lunchbox', 'red_ball').on).toBe('green_tray');
    expect(object('t53_fruit_bowl', 'orange_ball').on).toBe('white_bowl');
    expect(object('t53_fruit_bowl', 'white_bowl').size[0]).toBeGreaterThan(0.14);
    expect(object('t53_cup_and_saucer', 'white_can').on).toBe('gray_tray');
    expect(object('t53_cup_and_saucer', 'gray_tray').size.slice(0, 2)).toEqual([0.12, 0.12]);
  });

  it('has four cans in a zigzag, two pairs at the left and right edges, and an empty shelf along the back', () => {
    const cans = shaped('t53_zigzag_cans', 'cylinder').sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(cans).toHaveLength(4);
    const ys = cans.map((c) => Math.sign(xy(c)[1]));
    expect(ys).toEqual([1, -1, 1, -1]);
    for (const id of ['red_block', 'blue_block']) expect(inRegion('left_side', xy(object('t53_edge_pairs', id))), id).toBe(true);
    for (const id of ['red_ball', 'blue_ball']) expect(inRegion('right_side', xy(object('t53_edge_pairs', id))), id).toBe(true);
    const shelf = object('t53_shelf', 'gray_tray');
    expect(shelf.size[0]).toBeGreaterThan(3 * shelf.size[1]!);
    expect(inRegion('top_side', xy(shelf))).toBe(true);
    expect(objects('t53_shelf').filter((o) => o.on)).toEqual([]);
  });
});

describe('loading the fifty-third table', () => {
  loaderChecks(53, {
    previousFirst: ownScenes('scenes-52.json').own[0]!.id,
    secondScene: 't53_lunchbox',
    squeezed: { id: 't53_checkers_row', index: 0 },
    rowZeroObject: 'red_block',
    solved: { scene: 'on_stack', text: 'leave the red block where it is on top of the blue block', on: ['red_block', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 53', () => {
  benchChecks(53, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt50_\w+\b.*\bt53_checkers_row\b.*\bt53_ball_row_shuffled\b/);
});
