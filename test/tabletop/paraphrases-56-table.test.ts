// The fifty-sixth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// fifty-five tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-55.json) and its own (scenes-56.json); the loader reads
// all fifty-six and names the file of a bad scene or row. Its rows use no scene of the
// fifty-fourth or fifty-fifth table.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 56`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[56]);

const { own, objects, object } = ownScenes('scenes-56.json');
const xy = (o: OwnObject) => o.position as [number, number];
const shaped = (scene: string, shape: string) => objects(scene).filter((o) => o.shape === shape);
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;
const byX = (a: OwnObject, b: OwnObject) => xy(a)[0] - xy(b)[0];

describe('the fifty-sixth paraphrase table', () => {
  heldOutTableChecks(56);

  it('has ten scenes of its own, every id with the prefix t56_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t56_'), s.id).toBe(true);
  });

  it('uses no scene of the fifty-fourth or fifty-fifth table', () => {
    const later = new Set([...ownScenes('scenes-54.json').own, ...ownScenes('scenes-55.json').own].map((s) => s.id));
    expect(table.rows.filter((r) => later.has(r.scene)).map((r) => r.text)).toEqual([]);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t56_pool_shuffled', 'white_ball'],
        ['t56_bookshelf_shuffled', 'black_block_1'],
      ],
      6,
    );
  });

  it('has six balls dealt on a triangle like pool balls with a white ball in front, and four books dealt between two bookends', () => {
    expect(table.scenes.get('t56_pool_shuffled')!.seeds).toEqual([0, 1]);
    const rack = shaped('t56_pool_shuffled', 'sphere').filter((b) => b.color !== 'white');
    expect(rack).toHaveLength(6);
    const rows = [...new Set(rack.map((b) => xy(b)[1]))].sort((u, v) => v - u);
    expect(rows.map((y) => rack.filter((b) => xy(b)[1] === y).length)).toEqual([3, 2, 1]);
    expect(xy(object('t56_pool_shuffled', 'white_ball'))[1]).toBeLessThan(Math.min(...rows));
    expect(inRegion('bottom_right_corner', xy(object('t56_pool_shuffled', 'black_bowl')))).toBe(true);
    expect(table.scenes.get('t56_bookshelf_shuffled')!.seeds).toEqual([0, 1]);
    const shelf = shaped('t56_bookshelf_shuffled', 'box').sort(byX);
    expect(shelf.map((b) => b.color)).toEqual(['black', 'red', 'blue', 'green', 'yellow', 'black']);
    expect(new Set(shelf.map((b) => xy(b)[1])).size).toBe(1);
    for (const book of shelf.slice(1, 5)) expect(book.size[2]).toBeGreaterThan(2 * book.size[0]!);
  });

  it('has six cans standing in a triangle like skittles with a big ball in front, and a toy train of four blocks along the front', () => {
    const cans = shaped('t56_skittles', 'cylinder');
    expect(cans).toHaveLength(6);
    const rows = [...new Set(cans.map((c) => xy(c)[1]))].sort((u, v) => v - u);
    expect(rows.map((y) => cans.filter((c) => xy(c)[1] === y).length)).toEqual([3, 2, 1]);
    for (const c of cans) expect(c.size[2]).toBeGreaterThan(2 * c.size[0]!);
    const ball = object('t56_skittles', 'purple_ball');
    expect(xy(ball)[1]).toBeLessThan(Math.min(...rows));
    expect(ball.size[0]).toBeGreaterThan(0.05);
    const train = shaped('t56_toy_train', 'box').sort(byX);
    expect(train).toHaveLength(4);
    expect(new Set(train.map((b) => xy(b)[1])).size).toBe(1);
    for (const b of train) expect(inRegion('bottom_side', xy(b)), b.id).toBe(true);
    expect(volume(train[0]!)).toBeGreaterThan(volume(train[1]!));
  });

  it('has mugs on coasters beside an empty one and a snack bowl holding a ball, and marbles with one in the bowl', () => {
    expect(object('t56_coffee_table', 'red_can').on).toBe('brown_tray');
    expect(object('t56_coffee_table', 'blue_can').on).toBe('gray_tray');
    for (const id of ['brown_tray', 'gray_tray', 'white_tray']) expect(object('t56_coffee_table', id).size.slice(0, 2)).toEqual([0.1, 0.1]);
    expect(objects('t56_coffee_table').filter((o) => o.on === 'white_tray')).toEqual([]);
    expect(object('t56_coffee_table', 'orange_ball').on).toBe('yellow_bowl');
    const remote = object('t56_coffee_table', 'black_block');
    expect(remote.size[1]).toBeGreaterThan(3 * remote.size[0]!);
    const marbles = shaped('t56_marbles', 'sphere');
    expect(marbles).toHaveLength(7);
    for (const m of marbles) expect(m.size[0]).toBeLessThanOrEqual(0.03);
    expect(marbles.filter((m) => m.on === 'white_bowl').map((m) => m.id)).toEqual(['red_ball']);
  });

  it('has three pots along the back with plants in two, a sandwich on a plate, a bathroom shelf and rubbish by two bins', () => {
    const pots = shaped('t56_plant_pots', 'bowl').sort(byX);
    expect(pots).toHaveLength(3);
    for (const p of pots) expect(inRegion('top_side', xy(p)), p.id).toBe(true);
    expect(pots.map((p) => objects('t56_plant_pots').filter((o) => o.on === p.id).length)).toEqual([1, 0, 1]);
    expect(object('t56_sandwich', 'brown_block_1').on).toBe('white_tray');
    expect(object('t56_sandwich', 'red_block').on).toBe('brown_block_1');
    expect(object('t56_sandwich', 'brown_block_2').on).toBe('red_block');
    expect(object('t56_bathroom_shelf', 'white_block').on).toBe('blue_tray');
    const bottles = shaped('t56_bathroom_shelf', 'cylinder').sort((a, b) => a.size[2]! - b.size[2]!);
    expect(bottles.map((b) => b.id)).toEqual(['pink_can', 'purple_can', 'green_can']);
    expect(bottles[0]!.size[0]).toBeGreaterThan(bottles[0]!.size[2]!);
    const bins = objects('t56_recycling').filter(isContainer);
    expect(bins.map((b) => b.id).sort()).toEqual(['black_bowl', 'green_bowl']);
    for (const b of bins) expect(xy(b)[1]).toBeLessThan(-0.18);
    expect(shaped('t56_recycling', 'cylinder')).toHaveLength(3);
    expect(shaped('t56_recycling', 'sphere')).toHaveLength(3);
  });
});

describe('loading the fifty-sixth table', () => {
  loaderChecks(56, {
    previousFirst: ownScenes('scenes-55.json').own[0]!.id,
    secondScene: 't56_coffee_table',
    squeezed: { id: 't56_toy_train', index: 7 },
    rowZeroObject: 'white_ball',
    solved: { scene: 't56_sandwich', text: 'leave the filling where it is on the bottom slice', on: ['red_block', 'brown_block_1'] },
  });
});

describe('bench/paraphrases.ts --table 56', () => {
  benchChecks(56, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt53_checkers_row\b.*\bt56_skittles\b.*\bt56_bookshelf_shuffled\b/);
});
