// The fifth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// four tables, to a bundled task's instruction or to another of its own rows. Its scenes are the
// earlier tables' (scenes.json, scenes-2.json, scenes-3.json, scenes-4.json) and its own
// (scenes-5.json); the loader reads all five and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 5`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, loaderChecks, read } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[5]);

describe('the fifth paraphrase table', () => {
  heldOutTableChecks(5);

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(table, [
      ['shuffled_column_four', 'yellow_bowl'],
      ['six_spots_shuffled', 'gray_bowl'],
    ]);
  });

  it('has scenes that start with things in a tray or a bowl, and stacks', () => {
    const scenes = read('scenes-5.json').scenes as { id: string; scene: { objects: { id: string; shape: string; on?: string }[] } }[];
    const starts = (kind: (shape: string) => boolean) =>
      scenes.filter((s) => s.scene.objects.some((o) => o.on && kind(s.scene.objects.find((x) => x.id === o.on)!.shape))).map((s) => s.id);
    expect(starts((shape) => shape === 'tray' || shape === 'bowl').length).toBeGreaterThanOrEqual(2);
    expect(starts((shape) => shape === 'box').length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...scenes.map((s) => s.scene.objects.length))).toBeGreaterThanOrEqual(10);
  });
});

describe('loading the fifth table', () => {
  loaderChecks(5, {
    previousFirst: 'brown_bowl_quad',
    secondScene: 'sizes_gap_six',
    squeezed: { id: 'eight_mixed', index: 5 },
    rowZeroObject: 'red_block',
    solved: { scene: 'stack_in_tray', text: 'leave the yellow block on the green block', on: ['yellow_block', 'green_block'] },
  });
});

describe('bench/paraphrases.ts --table 5', () => {
  benchChecks(5, /.*\bbowl_cross\b.*\bpink_bowl_cross\b.*\bbrown_bowl_quad\b.*\bgreen_bowls_two\b.*\bsix_spots_shuffled\b/);
});
