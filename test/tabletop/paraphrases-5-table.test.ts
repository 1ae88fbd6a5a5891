// The fifth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes (at least 10 of its own, all used), every family of issue 11 evenly
// (25-30 rows each), every predicate schema-valid, every referent one a person can point at,
// nothing solved at the start on any run, the documented phrase distances ("a little", "a lot",
// "next to"), two-step instructions in several families, and no text equal to a row of the first
// four tables, to a bundled task's instruction or to another of its own rows. Its scenes are the
// earlier tables' (scenes.json, scenes-2.json, scenes-3.json, scenes-4.json) and its own
// (scenes-5.json); the loader reads all five and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table (the one runRow below is given a
// programmer that fails the test if it is ever asked for a program): the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 5`).

import { describe, expect, it } from 'vitest';
import { instantiateScene } from '../../tasks/index.ts';
import { loadTable, runRow, TABLES } from './paraphrase-harness.ts';
import { benchChecks, heldOutTableChecks, read, tableFiles } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[5]);
const earlierTables = ([1, 2, 3, 4] as const).map((k) => loadTable(undefined, TABLES[k]));

describe('the fifth paraphrase table', () => {
  heldOutTableChecks(5);

  it('deals its shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    for (const [scene, still] of [
      ['shuffled_column_four', 'yellow_bowl'],
      ['six_spots_shuffled', 'gray_bowl'],
    ] as const) {
      const group: string[] = (table.scenes.get(scene)!.scene as { layout: { shuffle: string[][] } }).layout.shuffle[0]!;
      for (const r of table.rows.filter((x) => x.scene === scene)) {
        const [a, b] = [0, 1].map((seed) => instantiateScene(r.task, seed));
        const at = (s: typeof a, id: string) => s.objects.find((o) => o.id === id)!.position;
        expect(
          group.some((id) => at(a, id).join() !== at(b, id).join()),
          `${scene}: "${r.text}"`,
        ).toBe(true);
        expect(at(a, still), scene).toEqual(at(b, still));
      }
    }
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
  const { files, withTable, loadError } = tableFiles(5);

  it('reads the scenes of all five files; the earlier tables do not see the fifth one', () => {
    const own = files[4].scenes[0].id;
    for (const f of files.slice(0, 5)) expect(table.scenes.has(f.scenes[0].id)).toBe(true);
    expect(table.scenes.size).toBe(files.slice(0, 5).reduce((n, f) => n + f.scenes.length, 0));
    for (const t of earlierTables) expect(t.scenes.has(own)).toBe(false);
  });

  it('refuses a scene id of the fourth scenes file used again in the fifth, naming the fifth', () => {
    const msg = loadError(withTable((s4, s5) => (s5.scenes[2].id = s4.scenes[0].id)));
    expect(msg).toMatch(/scenes-5\.json: scenes\[2\]: duplicate scene id "brown_bowl_quad"/);
  });

  it('names the fifth scenes file and the path of a bad object', () => {
    const msg = loadError(withTable((_, s5) => (s5.scenes[1].scene.objects[2].size = [0.04, 0.04])));
    expect(msg).toMatch(/scenes-5\.json: scenes\[1\] \("sizes_gap_six"\): scene\.objects\[2\]\.size: expected/);
  });

  it('names a scene of the fifth file that cannot be laid out on one of its seeds', () => {
    const msg = loadError(
      withTable((_, s5) => {
        const s = s5.scenes.find((x: { id: string }) => x.id === 'eight_mixed');
        s.scene.layout = { min: [-0.1, -0.1], max: [0.1, 0.1], minGap: 0.04 };
      }),
    );
    expect(msg).toMatch(/scenes-5\.json: scenes\[5\] \("eight_mixed"\): seed 0: ".*" .*/);
  });

  it('names the rows file, the row and the path of a bad predicate', () => {
    const msg = loadError(withTable((_, __, r5) => (r5.rows[7].success = { inside: ['white_block'] })));
    expect(msg).toMatch(/instructions-5\.json: rows\[7\] \(".*"\): success\.inside: expected/);
  });

  it('names the row whose predicate names an object its scene lacks', () => {
    const msg = loadError(withTable((_, __, r5) => (r5.rows[0].success = { inside: ['red_block', 'purple_bowl'] })));
    expect(msg).toMatch(/instructions-5\.json: rows\[0\] \(".*"\): .*unknown object "purple_bowl"/);
  });

  it('names the rows file when it refuses to run a row solved at the start, before any programmer is asked', async () => {
    const dir = withTable((_, __, r5) =>
      r5.rows.push({
        scene: 'stack_in_tray',
        text: 'leave the yellow block on the green block',
        family: 'paraphrases',
        success: { on: ['yellow_block', 'green_block'] },
      }),
    );
    const bad = loadTable(dir, TABLES[5]);
    let asked = 0;
    const never = {
      name: 'never',
      generate: () => {
        asked++;
        throw new Error('no programmer may be asked for a program here');
      },
    } as unknown as NonNullable<Parameters<typeof runRow>[2]>;
    await expect(runRow(bad, { row: bad.rows.length - 1, seed: 0 }, never)).rejects.toThrow(
      /^instructions-5\.json: rows\[\d+\] \("leave the yellow block on the green block"\): seed 0: already solved at the start/,
    );
    expect(asked).toBe(0);
  });
});

describe('bench/paraphrases.ts --table 5', () => {
  benchChecks(5, /.*\bbowl_cross\b.*\bpink_bowl_cross\b.*\bbrown_bowl_quad\b.*\bgreen_bowls_two\b.*\bsix_spots_shuffled\b/);
});
