// The forty-third, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// forty-two tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-42.json) and its own (scenes-43.json); the loader reads
// all forty-three and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 43`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[43]);

const { own, objects, object } = ownScenes('scenes-43.json');
const xy = (o: OwnObject) => o.position as [number, number];
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;

describe('the forty-third paraphrase table', () => {
  heldOutTableChecks(43);

  it('has ten scenes of its own, every id with the prefix t43_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t43_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t43_blocks_zigzag_shuffled', 'yellow_bowl'],
        ['t43_bowls_diagonal_shuffled', 'green_block'],
      ],
      6,
    );
  });

  it('has four blocks dealt on a zigzag across the middle, and three bowls dealt on a diagonal', () => {
    expect(table.scenes.get('t43_blocks_zigzag_shuffled')!.seeds).toEqual([0, 1]);
    const zig = objects('t43_blocks_zigzag_shuffled')
      .filter((o) => o.shape === 'box')
      .sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(zig).toHaveLength(4);
    for (const [k, b] of zig.entries()) expect(Math.sign(xy(b)[1]), b.id).toBe(k % 2 === 0 ? 1 : -1);
    expect(table.scenes.get('t43_bowls_diagonal_shuffled')!.seeds).toEqual([0, 1]);
    const bowls = objects('t43_bowls_diagonal_shuffled')
      .filter(isContainer)
      .sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(bowls).toHaveLength(3);
    for (let k = 1; k < 3; k++) expect(xy(bowls[k]!)[1], bowls[k]!.id).toBeLessThan(xy(bowls[k - 1]!)[1]);
  });

  it('has a staircase of four blocks growing to the top right, and bowls each over a block of another colour', () => {
    const steps = objects('t43_staircase')
      .filter((o) => o.shape === 'box')
      .sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(steps).toHaveLength(4);
    for (let k = 1; k < 4; k++) {
      expect(xy(steps[k]!)[1], steps[k]!.id).toBeGreaterThan(xy(steps[k - 1]!)[1]);
      expect(volume(steps[k]!) / volume(steps[k - 1]!), steps[k]!.id).toBeGreaterThan(1.15);
    }
    const blocks = objects('t43_bowl_neighbours').filter((o) => o.shape === 'box');
    const bowls = objects('t43_bowl_neighbours').filter(isContainer);
    expect(bowls).toHaveLength(3);
    for (const bowl of bowls) {
      const under = blocks.find((b) => xy(b)[0] === xy(bowl)[0])!;
      expect(xy(under)[1], bowl.id).toBeLessThan(xy(bowl)[1]);
      expect(under.color, bowl.id).not.toBe(bowl.color);
    }
  });

  it('has a packed lunch with a ball on a tray, five blocks on a smile, and four cans huddled in the bottom right', () => {
    expect(object('t43_lunchbox', 'yellow_ball').on).toBe('brown_tray');
    expect(objects('t43_lunchbox').filter((o) => o.on === 'pink_bowl')).toEqual([]);
    const smile = objects('t43_smile')
      .filter((o) => o.shape === 'box')
      .sort((a, b) => xy(a)[0] - xy(b)[0]);
    expect(smile).toHaveLength(5);
    for (let k = 0; k < 2; k++) {
      expect(xy(smile[k]!)[1]).toBeGreaterThan(xy(smile[k + 1]!)[1]);
      expect(xy(smile[4 - k]!)[1]).toBeGreaterThan(xy(smile[3 - k]!)[1]);
    }
    const cans = objects('t43_paint_pots').filter((o) => o.shape === 'cylinder');
    expect(cans).toHaveLength(4);
    expect(new Set(cans.map((c) => xy(c)[0])).size).toBe(2);
    expect(new Set(cans.map((c) => xy(c)[1])).size).toBe(2);
    for (const c of cans) expect(xy(c)[0] > 0.1 && xy(c)[1] < 0, c.id).toBe(true);
  });

  it('has a back row with a can in its gap, bowls on the four sides of a block, and block-and-ball pairs split to opposite corners', () => {
    const row = objects('t43_gap_row').filter((o) => !isContainer(o) && o.shape !== 'sphere');
    expect(row).toHaveLength(5);
    for (const o of row) expect(xy(o)[1], o.id).toBe(0.16);
    const can = object('t43_gap_row', 'orange_can');
    expect(xy(can)[0]).toBe(0);
    expect(row.filter((o) => o.shape === 'box' && xy(o)[0] < 0)).toHaveLength(2);
    expect(row.filter((o) => o.shape === 'box' && xy(o)[0] > 0)).toHaveLength(2);
    const block = xy(object('t43_bowls_round_block', 'white_block'));
    const sides = objects('t43_bowls_round_block')
      .filter(isContainer)
      .map((b) => {
        const [dx, dy] = [xy(b)[0] - block[0], xy(b)[1] - block[1]];
        return Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? 'right' : 'left') : dy > 0 ? 'top' : 'bottom';
      });
    expect(new Set(sides)).toEqual(new Set(['left', 'right', 'top', 'bottom']));
    for (const c of ['red', 'blue']) {
      const [b, ball] = [xy(object('t43_split_pairs', `${c}_block`)), xy(object('t43_split_pairs', `${c}_ball`))];
      expect(Math.sign(b[0]) * Math.sign(ball[0]), c).toBe(-1);
      expect(Math.sign(b[1]) * Math.sign(ball[1]), c).toBe(-1);
    }
  });
});

describe('loading the forty-third table', () => {
  loaderChecks(43, {
    previousFirst: ownScenes('scenes-42.json').own[0]!.id,
    secondScene: 't43_bowl_neighbours',
    squeezed: { id: 't43_bowl_neighbours', index: 1 },
    rowZeroObject: 'purple_can',
    solved: { scene: 'on_stack', text: 'leave the red block sitting on the blue one', on: ['red_block', 'blue_block'] },
  });
});

describe('bench/paraphrases.ts --table 43', () => {
  benchChecks(43, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt42_\w+\b.*\bt43_staircase\b.*\bt43_bowls_diagonal_shuffled\b/);
});
