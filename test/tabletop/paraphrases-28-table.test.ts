// The twenty-eighth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// twenty-seven tables, to a bundled task's instruction or to another of its own rows. Its scenes are the
// earlier tables' (scenes.json to scenes-27.json) and its own (scenes-28.json); the loader reads all
// twenty-eight and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 28`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[28]);

const { own, objects, object } = ownScenes('scenes-28.json');
const xy = (o: OwnObject) => o.position as [number, number];
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;
/** The object `id` stands on, followed down to the table: [id, its support, …]. */
const chain = (scene: string, id: string): string[] => {
  const o = object(scene, id);
  return o.on === undefined ? [id] : [id, ...chain(scene, o.on)];
};

describe('the twenty-eighth paraphrase table', () => {
  heldOutTableChecks(28);

  it('has ten scenes of its own, every id prefixed t28_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t28_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t28_back_row_gaps_shuffled', 'white_bowl'],
        ['t28_left_half_cans_shuffled', 'green_bowl'],
      ],
      5,
    );
  });

  it('has four blocks dealt along the back edge with one on its own at the right end, and four cans dealt over the left half', () => {
    expect(table.scenes.get('t28_back_row_gaps_shuffled')!.seeds).toEqual([0, 1]);
    const row = objects('t28_back_row_gaps_shuffled').filter((o) => o.shape === 'box');
    expect(row).toHaveLength(4);
    for (const o of row) expect(inRegion('top_side', xy(o)), o.id).toBe(true);
    const xs = row.map((o) => xy(o)[0]).sort((a, b) => a - b);
    // Three close together on the left, the fourth well apart at the right end.
    expect(xs[3]! - xs[2]!).toBeGreaterThan(2 * (xs[1]! - xs[0]!));
    expect(xs[2]! - xs[1]!).toBeCloseTo(xs[1]! - xs[0]!, 6);
    expect(table.scenes.get('t28_left_half_cans_shuffled')!.seeds).toEqual([0, 1]);
    const cans = objects('t28_left_half_cans_shuffled').filter((o) => o.shape === 'cylinder');
    expect(cans).toHaveLength(4);
    for (const o of cans) expect(xy(o)[0], o.id).toBeLessThan(-0.1);
    for (const o of objects('t28_left_half_cans_shuffled').filter((o) => o.shape !== 'cylinder')) expect(xy(o)[0], o.id).toBeGreaterThan(0);
  });

  it('has a small bowl inside a big one, a small tray standing on a big one with a block on it, and three coasters with a can on two of them', () => {
    const [big, small] = [object('t28_nested_bowls', 'white_bowl'), object('t28_nested_bowls', 'green_bowl')];
    expect(small.on).toBe('white_bowl');
    expect(small.shape).toBe('bowl');
    expect(small.size[0]).toBeLessThan(big.size[0]!);
    expect(chain('t28_tray_on_tray', 'red_block')).toEqual(['red_block', 'black_tray', 'gray_tray']);
    expect(object('t28_tray_on_tray', 'black_tray').size[0]).toBeLessThan(object('t28_tray_on_tray', 'gray_tray').size[0]!);
    const coasters = objects('t28_coasters').filter((o) => o.shape === 'tray');
    expect(coasters).toHaveLength(3);
    for (const o of coasters) expect(o.size.slice(0, 2)).toEqual([0.1, 0.1]);
    expect(new Set(coasters.map((o) => xy(o)[1])).size).toBe(1);
    expect(object('t28_coasters', 'red_can').on).toBe('pink_tray');
    expect(object('t28_coasters', 'blue_can').on).toBe('purple_tray');
    expect(objects('t28_coasters').filter((o) => o.on === 'cyan_tray')).toEqual([]);
  });

  it('has three blocks between two tall cans like bookends, and a tower of a block, a can and a block', () => {
    const shelf = objects('t28_bookends').filter((o) => !isContainer(o) && xy(o)[1] === 0.2);
    const order = [...shelf].sort((a, b) => xy(a)[0] - xy(b)[0]).map((o) => o.shape);
    expect(order).toEqual(['cylinder', 'box', 'box', 'box', 'cylinder']);
    for (const o of shelf.filter((x) => x.shape === 'cylinder')) expect(o.size[2]).toBeGreaterThan(0.08);
    expect(chain('t28_mixed_tower', 'red_block')).toEqual(['red_block', 'green_can', 'blue_block']);
    expect(object('t28_mixed_tower', 'green_can').shape).toBe('cylinder');
  });

  it('has four blocks of different proportions, three blocks each in front of a can of another colour, and two sizes each of bowl and tray', () => {
    const boxes = objects('t28_odd_boxes').filter((o) => o.shape === 'box');
    expect(boxes).toHaveLength(4);
    expect(new Set(boxes.map((o) => o.size.join())).size).toBe(4);
    expect(object('t28_odd_boxes', 'red_block').size[1]).toBeGreaterThan(2 * object('t28_odd_boxes', 'red_block').size[0]!);
    expect(object('t28_odd_boxes', 'blue_block').size[2]).toBeLessThan(object('t28_odd_boxes', 'blue_block').size[0]! / 2);
    expect(object('t28_odd_boxes', 'green_block').size[2]).toBeGreaterThan(1.5 * object('t28_odd_boxes', 'green_block').size[0]!);
    for (const b of objects('t28_pairs_front_back').filter((o) => o.shape === 'box')) {
      const can = objects('t28_pairs_front_back').find((o) => o.shape === 'cylinder' && xy(o)[0] === xy(b)[0])!;
      expect(xy(can)[1], b.id).toBeGreaterThan(xy(b)[1]);
      expect(can.color, b.id).not.toBe(b.color);
    }
    for (const shape of ['bowl', 'tray']) {
      const two = objects('t28_two_bowls_two_trays').filter((o) => o.shape === shape);
      expect(two).toHaveLength(2);
      expect(two[0]!.color).toBe(two[1]!.color);
      expect(Math.max(volume(two[0]!), volume(two[1]!))).toBeGreaterThan(1.5 * Math.min(volume(two[0]!), volume(two[1]!)));
    }
  });
});

describe('loading the twenty-eighth table', () => {
  loaderChecks(28, {
    previousFirst: ownScenes('scenes-27.json').own[0]!.id,
    secondScene: 't28_back_row_gaps_shuffled',
    squeezed: { id: 't28_coasters', index: 3 },
    rowZeroObject: 'white_bowl',
    solved: { scene: 't28_mixed_tower', text: 'leave the red block on the green can', on: ['red_block', 'green_can'] },
  });
});

describe('bench/paraphrases.ts --table 28', () => {
  benchChecks(28, /.*\bbowl_cross\b.*\bbusy_table_nine\b.*\bplace_setting\b.*\bt28_nested_bowls\b.*\bt28_left_half_cans_shuffled\b/);
});
