// The seventh, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// six tables, to a bundled task's instruction or to another of its own rows. Its scenes are the
// earlier tables' (scenes.json to scenes-6.json) and its own (scenes-7.json); the loader reads all
// seven and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 7`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, loaderChecks, inRegion, ownScenes } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[7]);

const { own, ownScene } = ownScenes('scenes-7.json');

describe('the seventh paraphrase table', () => {
  heldOutTableChecks(7);

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['corner_spots_shuffled', 'black_bowl'],
        ['graded_row_shuffled', 'orange_bowl'],
      ],
      5,
    );
  });

  it('has scenes that start with a tower of four, blocks in the wrong bowls, a block in a bowl and a ball on a tray', () => {
    const tower = ownScene('tower_of_four').scene.objects;
    const height = (id: string): number => {
      const o = tower.find((x) => x.id === id)!;
      return o.on ? 1 + height(o.on) : 1;
    };
    expect(Math.max(...tower.map((o) => height(o.id)))).toBe(4);
    const on = (scene: string, id: string) => ownScene(scene).scene.objects.find((o) => o.id === id)!.on;
    expect(on('swapped_in_bowls', 'yellow_block')).toBe('red_bowl');
    expect(on('swapped_in_bowls', 'red_block')).toBe('yellow_bowl');
    expect(on('swapped_in_bowls', 'blue_block')).toBe('green_block');
    expect(on('bowl_holds_one', 'red_block')).toBe('white_bowl');
    expect(on('bowl_holds_one', 'cyan_ball')).toBe('black_tray');
  });

  it('has five bowls in a row, blocks in every corner, a column at the left edge, a diagonal, and several sizes of three shapes', () => {
    const shapes = (id: string, shape: string) => ownScene(id).scene.objects.filter((o) => o.shape === shape);
    expect(shapes('five_bowls_top', 'bowl')).toHaveLength(5);
    const corners = ownScene('corner_spots_shuffled').scene.objects.filter((o) => o.shape === 'box');
    for (const c of ['top_left_corner', 'top_right_corner', 'bottom_left_corner', 'bottom_right_corner'] as const)
      expect(corners.filter((o) => inRegion(c, o.position!)).length, c).toBe(1);
    for (const o of shapes('left_edge_column', 'box')) expect(inRegion('left_side', o.position!), o.id).toBe(true);
    const diagonal = shapes('diagonal_start', 'box').map((o) => o.position!);
    // diagonal_start: four blocks on one slanting line, evenly spaced (the same step each time, 30-60 degrees).
    const steps = diagonal.slice(1).map((p, i) => [p[0]! - diagonal[i]![0]!, p[1]! - diagonal[i]![1]!]);
    for (const s of steps) expect(s.map((v) => v.toFixed(6))).toEqual(steps[0]!.map((v) => v.toFixed(6)));
    const angle = (Math.atan2(steps[0]![1]!, steps[0]![0]!) * 180) / Math.PI;
    expect(angle).toBeGreaterThan(30);
    expect(angle).toBeLessThan(60);
    const sizes = ownScene('sizes_three_shapes').scene.objects;
    for (const shape of ['box', 'sphere', 'cylinder']) {
      const s = sizes.filter((o) => o.shape === shape).map((o) => o.size.join());
      expect(new Set(s).size, shape).toBeGreaterThanOrEqual(2);
    }
    expect(own.filter((s) => s.scene.layout?.shuffle).length).toBeGreaterThanOrEqual(2);
  });
});

describe('loading the seventh table', () => {
  loaderChecks(7, {
    previousFirst: 'edge_hugging',
    secondScene: 'five_bowls_top',
    squeezed: { id: 'pairs_by_colour', index: 9 },
    rowZeroObject: 'pink_block',
    solved: { scene: 'swapped_in_bowls', text: 'keep the blue block on the green block', on: ['blue_block', 'green_block'] },
  });
});

describe('bench/paraphrases.ts --table 7', () => {
  benchChecks(7, /.*\bbowl_cross\b.*\bedge_hugging\b.*\bballs_five\b.*\btower_of_four\b.*\bcorner_spots_shuffled\b.*\bswapped_in_bowls\b/);
});
