// The fortieth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// thirty-nine tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-39.json) and its own (scenes-40.json); the loader reads
// all forty and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 40`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[40]);

const { own, objects, object } = ownScenes('scenes-40.json');
const xy = (o: OwnObject) => o.position as [number, number];
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;

describe('the fortieth paraphrase table', () => {
  heldOutTableChecks(40);

  it('has ten scenes of its own, every id with the prefix t40_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t40_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t40_blocks_front_shuffled', 'white_bowl'],
        ['t40_balls_square_shuffled', 'gray_can'],
      ],
      6,
    );
  });

  it('has four blocks dealt along the front edge, and four balls dealt on the corners of a square round the middle', () => {
    expect(table.scenes.get('t40_blocks_front_shuffled')!.seeds).toEqual([0, 1]);
    const front = objects('t40_blocks_front_shuffled').filter((o) => o.shape === 'box');
    expect(front).toHaveLength(4);
    for (const b of front) expect(inRegion('bottom_side', xy(b)), b.id).toBe(true);
    expect(table.scenes.get('t40_balls_square_shuffled')!.seeds).toEqual([0, 1]);
    const balls = objects('t40_balls_square_shuffled').filter((o) => o.shape === 'sphere');
    expect(balls).toHaveLength(4);
    expect(new Set(balls.map((b) => b.color)).size).toBe(4);
    const [cx, cy] = [0, 1].map((k) => balls.reduce((s, b) => s + xy(b)[k]!, 0) / 4);
    expect(Math.abs(cx!)).toBeLessThan(0.01);
    expect(Math.abs(cy!)).toBeLessThan(0.01);
    for (const b of balls) expect(new Set(balls.map((o) => Math.hypot(xy(o)[0] - cx!, xy(o)[1] - cy!).toFixed(3))).size, b.id).toBe(1);
  });

  it('has tea things (a can on a tray, a ball in a sugar bowl), and three block-and-ball pairs on a diagonal', () => {
    expect(object('t40_tea_tray', 'red_can').on).toBe('brown_tray');
    expect(object('t40_tea_tray', 'yellow_ball').on).toBe('white_bowl');
    for (const c of ['red', 'blue', 'green']) {
      const [block, ball] = [object('t40_pairs_diagonal', `${c}_block`), object('t40_pairs_diagonal', `${c}_ball`)];
      expect(xy(ball)[1], c).toBe(xy(block)[1]);
      expect(xy(ball)[0] - xy(block)[0], c).toBeGreaterThan(0);
      expect(xy(ball)[0] - xy(block)[0], c).toBeLessThan(0.08);
    }
    const ys = ['red', 'blue', 'green'].map((c) => xy(object('t40_pairs_diagonal', `${c}_block`)));
    expect(ys[0]![0] < ys[1]![0] && ys[1]![0] < ys[2]![0] && ys[0]![1] > ys[1]![1] && ys[1]![1] > ys[2]![1]).toBe(true);
  });

  it('has four blocks in a 2 x 2 square, a block standing on a can, and balls spilt out of a bowl at the left edge', () => {
    const square = objects('t40_square_and_bowl').filter((o) => o.shape === 'box');
    expect(square).toHaveLength(4);
    expect(new Set(square.map((o) => xy(o)[0])).size).toBe(2);
    expect(new Set(square.map((o) => xy(o)[1])).size).toBe(2);
    expect(object('t40_pedestal', 'yellow_block').on).toBe('purple_can');
    const bowl = object('t40_spilled_bowl', 'blue_bowl');
    expect(inRegion('left_side', xy(bowl))).toBe(true);
    for (const b of objects('t40_spilled_bowl').filter((o) => o.shape === 'sphere'))
      expect(xy(b)[0], b.id).toBeGreaterThan(xy(bowl)[0] + 0.1);
  });

  it('has three bowls of three sizes across the back, a queue of five across the middle, and big and small things of one colour', () => {
    const bowls = objects('t40_bowl_sizes').filter(isContainer);
    expect(bowls).toHaveLength(3);
    expect(new Set(bowls.map((b) => b.size[0])).size).toBe(3);
    for (const b of bowls) expect(xy(b)[1], b.id).toBeGreaterThan(0.1);
    const queue = objects('t40_checkout').filter((o) => !isContainer(o));
    expect(queue).toHaveLength(5);
    for (const o of queue) expect(xy(o)[1], o.id).toBe(0);
    const [bigBlock, smallBlock] = [object('t40_big_and_small', 'big_red_block'), object('t40_big_and_small', 'small_red_block')];
    const [bigCan, smallCan] = [object('t40_big_and_small', 'big_blue_can'), object('t40_big_and_small', 'small_blue_can')];
    expect(bigBlock.color).toBe(smallBlock.color);
    expect(bigCan.color).toBe(smallCan.color);
    expect(volume(bigBlock) / volume(smallBlock)).toBeGreaterThan(1.15);
    expect(volume(bigCan) / volume(smallCan)).toBeGreaterThan(1.15);
  });
});

describe('loading the fortieth table', () => {
  loaderChecks(40, {
    previousFirst: ownScenes('scenes-39.json').own[0]!.id,
    secondScene: 't40_pairs_diagonal',
    squeezed: { id: 't40_checkout', index: 6 },
    rowZeroObject: 'red_ball',
    solved: { scene: 't40_pedestal', text: 'leave the yellow block on the purple can', on: ['yellow_block', 'purple_can'] },
  });
});

describe('bench/paraphrases.ts --table 40', () => {
  benchChecks(40, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt39_\w+\b.*\bt40_tea_tray\b.*\bt40_balls_square_shuffled\b/);
});
