// The eighth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// seven tables, to a bundled task's instruction or to another of its own rows. Its scenes are the
// earlier tables' (scenes.json to scenes-7.json) and its own (scenes-8.json); the loader reads all
// eight and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 8`).

import { describe, expect, it } from 'vitest';
import { instantiateScene } from '../../tasks/index.ts';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, loaderChecks, inRegion, ownScenes } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[8]);

const { own, objects } = ownScenes('scenes-8.json');
const CORNERS = ['top_left_corner', 'top_right_corner', 'bottom_left_corner', 'bottom_right_corner'] as const;

describe('the eighth paraphrase table', () => {
  heldOutTableChecks(8);

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['bowl_compass_shuffled', 'purple_bowl'],
        ['bottom_edge_row_shuffled', 'cyan_bowl'],
      ],
      5,
    );
  });

  it('deals its three cans on at least two ways over the three seeds of every row on them', () => {
    const rows = table.rows.filter((r) => r.scene === 'cans_three_heights_shuffled');
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(table.scenes.get('cans_three_heights_shuffled')!.seeds).toEqual([0, 1, 2]);
    for (const r of rows) {
      const deals = [0, 1, 2].map((seed) =>
        instantiateScene(r.task, seed)
          .objects.filter((o) => o.shape === 'cylinder')
          .map((o) => `${o.id}@${o.position.join()}`)
          .join(' '),
      );
      expect(new Set(deals).size, r.text).toBeGreaterThanOrEqual(2);
      const bowl = [0, 1, 2].map((seed) =>
        instantiateScene(r.task, seed)
          .objects.find((o) => o.id === 'green_bowl')!
          .position.join(),
      );
      expect(new Set(bowl).size).toBe(1);
    }
  });

  it('has a bowl in every corner round a crowded middle, three bowls in a column at the right edge, and a ring of six round a bowl', () => {
    const corners = objects('bowl_in_each_corner');
    for (const c of CORNERS) expect(corners.filter((o) => o.shape === 'bowl' && inRegion(c, o.position!)).length, c).toBe(1);
    expect(corners.filter((o) => o.shape === 'box' && inRegion('center', o.position!)).length).toBeGreaterThanOrEqual(4);
    const column = objects('bowl_column_right').filter((o) => o.shape === 'bowl');
    expect(column).toHaveLength(3);
    for (const b of column) {
      expect(inRegion('right_side', b.position!), b.id).toBe(true);
      expect(b.position![0]).toBe(column[0]!.position![0]);
    }
    const ring = objects('ring_of_six');
    const centre = ring.find((o) => o.id === 'white_bowl')!.position!;
    const radii = ring.filter((o) => o.shape === 'box').map((o) => Math.hypot(o.position![0]! - centre[0]!, o.position![1]! - centre[1]!));
    expect(radii).toHaveLength(6);
    for (const r of radii) expect(r).toBeCloseTo(0.15, 2);
  });

  it('has scenes that start with things on trays, in bowls and stacked, and the top left corner left empty', () => {
    const on = (scene: string, id: string) => objects(scene).find((o) => o.id === id)!.on;
    expect(on('trays_hold_things', 'green_block')).toBe('orange_tray');
    expect(on('trays_hold_things', 'pink_ball')).toBe('gray_tray');
    expect(on('trays_hold_things', 'yellow_block')).toBe('white_bowl');
    expect(on('bowl_column_right', 'orange_block')).toBe('black_bowl');
    expect(on('corners_mixed_start', 'white_block')).toBe('blue_tray');
    expect(on('corners_mixed_start', 'green_block')).toBe('red_block');
    const placed = objects('corners_mixed_start').filter((o) => o.position);
    expect(placed.filter((o) => inRegion('top_left_corner', o.position!))).toEqual([]);
    for (const c of CORNERS.slice(1))
      expect(
        placed.some((o) => inRegion(c, o.position!)),
        c,
      ).toBe(true);
  });

  it('has things pushed to the edges, mixed shapes of several sizes, and a crowd of balls and blocks', () => {
    for (const o of objects('mixed_shapes_edges').filter((x) => x.shape !== 'bowl' && x.shape !== 'tray'))
      expect(Math.abs(o.position![0]!) >= 0.25 || Math.abs(o.position![1]!) >= 0.25, o.id).toBe(true);
    const heights = objects('cans_three_heights_shuffled')
      .filter((o) => o.shape === 'cylinder')
      .map((o) => o.size[2]);
    expect(new Set(heights).size).toBe(3);
    const pairs = objects('big_small_pairs').filter((o) => o.shape === 'box');
    for (const color of ['red', 'blue'])
      expect(new Set(pairs.filter((o) => o.id.startsWith(color)).map((o) => o.size[0])).size, color).toBe(2);
    const crowd = objects('crowd_balls_blocks');
    expect(new Set(crowd.filter((o) => o.shape === 'sphere').map((o) => o.size[0])).size).toBe(3);
    expect(crowd.filter((o) => o.shape === 'box')).toHaveLength(3);
    expect(own.filter((s) => s.scene.layout?.shuffle).length).toBeGreaterThanOrEqual(3);
  });
});

describe('loading the eighth table', () => {
  loaderChecks(8, {
    previousFirst: 'tower_of_four',
    secondScene: 'trays_hold_things',
    squeezed: { id: 'big_small_pairs', index: 5 },
    rowZeroObject: 'red_block',
    solved: { scene: 'corners_mixed_start', text: 'keep the green block on the red block', on: ['green_block', 'red_block'] },
  });
});

describe('bench/paraphrases.ts --table 8', () => {
  benchChecks(8, /.*\bbowl_cross\b.*\bedge_hugging\b.*\btower_of_four\b.*\bbowl_in_each_corner\b.*\bring_of_six\b.*\bcrowd_balls_blocks\b/);
});
