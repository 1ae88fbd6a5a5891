// The twenty-sixth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// twenty-five tables, to a bundled task's instruction or to another of its own rows. Its scenes are the
// earlier tables' (scenes.json to scenes-25.json) and its own (scenes-26.json); the loader reads all
// twenty-six and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow in loaderChecks is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 26`).

import { describe, expect, it } from 'vitest';
import { loadTable, TABLES } from './paraphrase-harness.ts';
import { benchChecks, expectShuffled, heldOutTableChecks, inRegion, loaderChecks, ownScenes } from './held-out-table.ts';
import type { OwnObject } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[26]);

const { own, objects, object } = ownScenes('scenes-26.json');
const xy = (o: OwnObject) => o.position as [number, number];
const shaped = (scene: string, shape: string) => objects(scene).filter((o) => o.shape === shape);

describe('the twenty-sixth paraphrase table', () => {
  heldOutTableChecks(26);

  it('has ten scenes of its own', () => {
    expect(own).toHaveLength(10);
  });

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    expectShuffled(
      table,
      [
        ['between_bowls_shuffled', 'red_bowl'],
        ['three_trays_shuffled', 'yellow_block'],
      ],
      5,
    );
  });

  it('has three blocks dealt between two bowls at the side edges, and three trays dealt round two blocks', () => {
    expect(table.scenes.get('between_bowls_shuffled')!.seeds).toEqual([0, 1]);
    const [red, blue] = ['red_bowl', 'blue_bowl'].map((id) => xy(object('between_bowls_shuffled', id)));
    const blocks = shaped('between_bowls_shuffled', 'box');
    expect(blocks).toHaveLength(3);
    for (const o of blocks) {
      expect(xy(o)[0], o.id).toBeGreaterThan(red![0]);
      expect(xy(o)[0], o.id).toBeLessThan(blue![0]);
    }
    expect(table.scenes.get('three_trays_shuffled')!.seeds).toEqual([0, 1]);
    const trays = shaped('three_trays_shuffled', 'tray');
    expect(trays).toHaveLength(3);
    expect(new Set(trays.map((o) => o.color))).toEqual(new Set(['red', 'green', 'blue']));
  });

  it('has blocks left at odd angles, a bowl standing on a tray, and a long narrow tray along the front edge', () => {
    const turned = objects('turned_blocks') as (OwnObject & { yaw?: number })[];
    const blocks = turned.filter((o) => o.shape === 'box');
    expect(blocks).toHaveLength(4);
    for (const o of blocks) expect(Math.abs(o.yaw ?? 0), o.id).toBeGreaterThan(0.3);
    expect(new Set(blocks.map((o) => o.yaw)).size).toBe(4);
    expect(object('bowl_on_tray', 'white_bowl').on).toBe('gray_tray');
    const long = object('long_tray_front', 'white_tray');
    expect(long.size[0]! / long.size[1]!).toBeGreaterThan(3);
    expect(inRegion('bottom_side', xy(long))).toBe(true);
  });

  it('has six cans packed in two rows of three, things grouped by colour, and three columns sorted by shape', () => {
    const cans = shaped('six_pack_cans', 'cylinder');
    expect(cans).toHaveLength(6);
    expect(new Set(cans.map((o) => xy(o)[1])).size).toBe(2);
    expect(new Set(cans.map((o) => xy(o)[0])).size).toBe(3);
    const things = objects('colour_clusters').filter((o) => o.shape !== 'bowl' && o.shape !== 'tray');
    for (const color of ['red', 'blue']) {
      const group = things.filter((o) => o.color === color);
      expect(new Set(group.map((o) => o.shape))).toEqual(new Set(['box', 'sphere', 'cylinder']));
      for (const o of group) for (const p of group) expect(Math.hypot(xy(o)[0] - xy(p)[0], xy(o)[1] - xy(p)[1])).toBeLessThan(0.16);
    }
    const columns = ['box', 'sphere', 'cylinder'].map((shape) => shaped('shape_columns', shape));
    for (const c of columns) {
      expect(c).toHaveLength(3);
      expect(new Set(c.map((o) => xy(o)[0])).size).toBe(1);
    }
    expect(columns.map((c) => xy(c[0]!)[0])).toEqual([...columns.map((c) => xy(c[0]!)[0])].sort((a, b) => a - b));
  });

  it('has a ball resting on a block, and five blocks lined up 2 cm apart', () => {
    expect(object('ball_on_block', 'yellow_ball').on).toBe('red_block');
    expect(object('ball_on_block', 'yellow_ball').shape).toBe('sphere');
    const row = shaped('tight_row_five', 'box');
    expect(row).toHaveLength(5);
    expect(new Set(row.map((o) => xy(o)[1])).size).toBe(1);
    const xs = row.map((o) => xy(o)[0]).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]! - 0.04).toBeCloseTo(0.02, 6);
  });
});

describe('loading the twenty-sixth table', () => {
  loaderChecks(26, {
    previousFirst: 'u_six_blocks',
    secondScene: 'bowl_on_tray',
    squeezed: { id: 'tight_row_five', index: 7 },
    rowZeroObject: 'yellow_block',
    solved: { scene: 'ball_on_block', text: 'leave the ball where it is on the red block', on: ['yellow_ball', 'red_block'] },
  });
});

describe('bench/paraphrases.ts --table 26', () => {
  benchChecks(
    26,
    /.*\bbowl_cross\b.*\bbusy_table_nine\b.*\btop_right_crowd\b.*\bu_six_blocks\b.*\bturned_blocks\b.*\bthree_trays_shuffled\b/,
  );
});
