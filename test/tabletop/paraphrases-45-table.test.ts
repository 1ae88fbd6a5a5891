// The forty-fifth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// forty-four tables, to a bundled task's instruction or to another of its own rows. Its scenes are
// the earlier tables' (scenes.json to scenes-44.json) and its own (scenes-45.json); the loader reads
// all forty-five and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 45`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, isContainer, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[45]);

const { own, objects, object } = ownScenes('scenes-45.json');
const xy = (o: OwnObject) => o.position as [number, number];
const volume = (o: OwnObject) => o.size[0]! * o.size[1]! * o.size[2]!;
const blocks = (scene: string) => objects(scene).filter((o) => o.shape === 'box');

describe('the forty-fifth paraphrase table', () => {
  heldOutTableChecks(45);

  it('has ten scenes of its own, every id with the prefix t45_', () => {
    expect(own).toHaveLength(10);
    for (const s of own) expect(s.id.startsWith('t45_'), s.id).toBe(true);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['t45_x_shuffled', 'gray_bowl'],
        ['t45_bookends_shuffled', 'orange_bowl'],
      ],
      6,
    );
  });

  it('has five blocks dealt on the spots of an X, and three blocks dealt in a row between two standing cans', () => {
    expect(table.scenes.get('t45_x_shuffled')!.seeds).toEqual([0, 1]);
    const x = blocks('t45_x_shuffled').map(xy);
    expect(x).toHaveLength(5);
    const middle = x.filter((p) => p[0] === 0 && p[1] === 0);
    expect(middle).toHaveLength(1);
    const ends = x.filter((p) => p !== middle[0]);
    for (const p of ends) expect(Math.abs(p[0])).toBeCloseTo(Math.abs(p[1]), 6);
    expect(new Set(ends.map((p) => `${Math.sign(p[0])},${Math.sign(p[1])}`)).size).toBe(4);
    expect(table.scenes.get('t45_bookends_shuffled')!.seeds).toEqual([0, 1]);
    const row = blocks('t45_bookends_shuffled').map(xy);
    const cans = objects('t45_bookends_shuffled')
      .filter((o) => o.shape === 'cylinder')
      .map(xy)
      .sort((a, b) => a[0] - b[0]);
    expect(row).toHaveLength(3);
    expect(cans).toHaveLength(2);
    for (const p of row) {
      expect(p[1]).toBe(cans[0]![1]);
      expect(p[0]).toBeGreaterThan(cans[0]![0]);
      expect(p[0]).toBeLessThan(cans[1]![0]);
    }
  });

  it('has an empty tray in the middle with things left round the edges, and laundry with a ball in the wrong basket', () => {
    const tray = object('t45_tidy_up', 'white_tray');
    expect(inRegion('center', xy(tray))).toBe(true);
    const things = objects('t45_tidy_up').filter((o) => !isContainer(o));
    expect(things).toHaveLength(6);
    for (const o of things) expect(Math.abs(xy(o)[0]) >= 0.3 || Math.abs(xy(o)[1]) >= 0.2, o.id).toBe(true);
    expect(object('t45_laundry', 'black_ball').on).toBe('white_bowl');
    expect(
      objects('t45_laundry')
        .filter(isContainer)
        .map((o) => o.color)
        .sort(),
    ).toEqual(['black', 'white']);
  });

  it('has five blocks laid out as a V, and five blocks in a ring round an empty middle', () => {
    const v = blocks('t45_v_shape')
      .map(xy)
      .sort((a, b) => a[0] - b[0]);
    expect(v).toHaveLength(5);
    for (let k = 1; k < 3; k++) expect(v[k]![1]).toBeLessThan(v[k - 1]![1]);
    for (let k = 3; k < 5; k++) expect(v[k]![1]).toBeGreaterThan(v[k - 1]![1]);
    const ring = blocks('t45_ring_five').map(xy);
    expect(ring).toHaveLength(5);
    const c = [ring.reduce((s, p) => s + p[0], 0) / 5, ring.reduce((s, p) => s + p[1], 0) / 5];
    const r = ring.map((p) => Math.hypot(p[0] - c[0]!, p[1] - c[1]!));
    for (const d of r) expect(d).toBeCloseTo(r[0]!, 2);
    for (const o of objects('t45_ring_five')) expect(Math.hypot(xy(o)[0] - c[0]!, xy(o)[1] - c[1]!), o.id).toBeGreaterThan(0.1);
  });

  it('has two place mats with a can on one and a stack of two behind, and cans of three sizes strewn at random', () => {
    const [red, blue] = [object('t45_place_mats', 'red_tray'), object('t45_place_mats', 'blue_tray')];
    expect(xy(red)[1]).toBe(xy(blue)[1]);
    expect(xy(red)[0]).toBeLessThan(xy(blue)[0]);
    expect(object('t45_place_mats', 'yellow_can').on).toBe('red_tray');
    expect(object('t45_place_mats', 'orange_block').on).toBe('purple_block');
    const cans = objects('t45_cans_sizes').filter((o) => o.shape === 'cylinder');
    expect(cans).toHaveLength(5);
    for (const o of cans) expect(o.position, o.id).toBeUndefined();
    expect(new Set(cans.map(volume)).size).toBe(4);
  });

  it('has a red and a blue column of the same three things, and bowls in the far corners away from blocks strewn at the front', () => {
    for (const [c, x] of [
      ['red', -0.22],
      ['blue', 0.22],
    ] as const) {
      const col = objects('t45_colour_columns').filter((o) => o.color === c);
      expect(col.map((o) => o.shape).sort(), c).toEqual(['box', 'cylinder', 'sphere']);
      for (const o of col) expect(xy(o)[0], o.id).toBe(x);
    }
    expect(inRegion('top_left_corner', xy(object('t45_bowls_far_corners', 'pink_bowl')))).toBe(true);
    expect(inRegion('top_right_corner', xy(object('t45_bowls_far_corners', 'cyan_bowl')))).toBe(true);
    for (const o of blocks('t45_bowls_far_corners')) expect(o.position, o.id).toBeUndefined();
  });
});

describe('loading the forty-fifth table', () => {
  loaderChecks(45, {
    previousFirst: ownScenes('scenes-44.json').own[0]!.id,
    secondScene: 't45_laundry',
    squeezed: { id: 't45_cans_sizes', index: 5 },
    rowZeroObject: 'red_block',
    solved: { scene: 't45_place_mats', text: 'leave the orange block on the purple block', on: ['orange_block', 'purple_block'] },
  });
});

describe('bench/paraphrases.ts --table 45', () => {
  benchChecks(45, /.*\bbowl_cross\b.*\bplace_setting\b.*\bt44_\w+\b.*\bt45_tidy_up\b.*\bt45_bookends_shuffled\b/);
});
