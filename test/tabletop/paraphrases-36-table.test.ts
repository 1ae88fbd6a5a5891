// The thirty-sixth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// thirty-five tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-35.json) and its own (scenes-36.json); the loader reads
// all thirty-six and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 36`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[36]);

const { own, objects, object } = ownScenes('scenes-36.json');
const xy = (o: OwnObject) => o.position as [number, number];

describe('the thirty-sixth paraphrase table', () => {
  heldOutTableChecks(36);

  it('has ten scenes of its own, every id with the prefix t36_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t36_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t36_middle_column_shuffled', 'white_bowl'],
        ['t36_trays_bottom_shuffled', 'purple_can'],
      ],
      6,
    );
  });

  it('has four blocks dealt down the middle, and three trays dealt along the front edge', () => {
    expect(table.scenes.get('t36_middle_column_shuffled')!.seeds).toEqual([0, 1]);
    const column = objects('t36_middle_column_shuffled').filter((o) => o.shape === 'box');
    expect(column).toHaveLength(4);
    for (const b of column) expect(xy(b)[0], b.id).toBe(0);
    expect(column.map((b) => xy(b)[1]).sort((a, b) => b - a)).toEqual([0.18, 0.06, -0.06, -0.18]);
    expect(table.scenes.get('t36_trays_bottom_shuffled')!.seeds).toEqual([0, 1]);
    const trays = objects('t36_trays_bottom_shuffled').filter((o) => o.shape === 'tray');
    expect(trays).toHaveLength(3);
    for (const t of trays) expect(inRegion('bottom_side', xy(t)), t.id).toBe(true);
    expect(new Set(trays.map((t) => t.color)).size).toBe(3);
  });

  it('has sorting bins along the front with two things of each bin colour at the back, and cans on coasters with one coaster empty', () => {
    const bowls = objects('t36_sorting_bins').filter(isContainer);
    expect(bowls).toHaveLength(3);
    for (const b of bowls) expect(inRegion('bottom_side', xy(b)), b.id).toBe(true);
    const things = objects('t36_sorting_bins').filter((o) => !isContainer(o));
    for (const b of bowls)
      expect(
        things.filter((o) => o.color === b.color),
        b.id,
      ).toHaveLength(2);
    for (const o of things) expect(xy(o)[1], o.id).toBeGreaterThan(0);
    expect(object('t36_coasters', 'red_can').on).toBe('white_tray');
    expect(object('t36_coasters', 'blue_can').on).toBe('brown_tray');
    expect(objects('t36_coasters').filter((o) => o.on === 'black_tray')).toEqual([]);
  });

  it('has a fruit bowl standing on a tray, and a row of four blue blocks with one red one fourth from the left', () => {
    expect(object('t36_fruit_bowl_on_tray', 'orange_bowl').on).toBe('gray_tray');
    const row = objects('t36_blue_row_one_red')
      .filter((o) => o.shape === 'box')
      .sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(row.map((o) => o.color)).toEqual(['blue', 'blue', 'blue', 'red', 'blue']);
    for (const o of row) expect(xy(o)[1], o.id).toBe(0);
  });

  it('has blue things on the left half and red things on the right half, and a different shape in each corner', () => {
    const loose = objects('t36_halves_swapped').filter((o) => !isContainer(o));
    for (const o of loose.filter((x) => x.color === 'red')) expect(xy(o)[0], o.id).toBeGreaterThan(0.15);
    for (const o of loose.filter((x) => x.color === 'blue')) expect(xy(o)[0], o.id).toBeLessThan(-0.15);
    expect(loose.filter((x) => x.color === 'red')).toHaveLength(3);
    expect(loose.filter((x) => x.color === 'blue')).toHaveLength(3);
    const corners = ['top_left_corner', 'top_right_corner', 'bottom_left_corner', 'bottom_right_corner'] as const;
    const inCorners = corners.map((c) => objects('t36_corner_mix').filter((o) => inRegion(c, xy(o))));
    for (const [i, c] of corners.entries()) expect(inCorners[i], c).toHaveLength(1);
    expect(new Set(inCorners.map((os) => os[0]!.shape)).size).toBe(4);
  });

  it('has five blocks on a slanting row, and three cans in a tight triangle', () => {
    const row = objects('t36_slanted_row')
      .filter((o) => o.shape === 'box')
      .sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(row).toHaveLength(5);
    const [first, last] = [xy(row[0]!), xy(row[4]!)];
    const degrees = (Math.atan2(last[1] - first[1], last[0] - first[0]) * 180) / Math.PI;
    expect(degrees).toBeGreaterThan(15);
    expect(degrees).toBeLessThan(30);
    const cans = objects('t36_condiments').filter((o) => o.shape === 'cylinder');
    expect(cans).toHaveLength(3);
    for (const a of cans) for (const b of cans) expect(Math.hypot(xy(a)[0] - xy(b)[0], xy(a)[1] - xy(b)[1])).toBeLessThan(0.07);
  });
});

describe('loading the thirty-sixth table', () => {
  loaderChecks(36, {
    previousFirst: ownScenes('scenes-35.json').own[0]!.id,
    secondScene: 't36_coasters',
    squeezed: { id: 't36_condiments', index: 7 },
    rowZeroObject: 'red_block',
    // No own scene starts with one thing standing on another (the bowl on the tray and the cans on the coasters are
    // inside them), so the solved row is on the first table's stack.
    solved: { scene: 'on_stack', text: 'leave the red block on the blue one', on: ['red_block', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 36', () => {
  benchChecks(36, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt35_\w+\b.*\bt36_sorting_bins\b.*\bt36_trays_bottom_shuffled\b/);
});
