// The fourth, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes, every family of issue 11 roughly evenly (25-30 rows each), every
// predicate schema-valid, every referent one a person can point at, nothing solved at the
// start, the documented phrase distances ("a little", "a lot", "next to"), and no text equal
// to a row of the first three tables, to a bundled task's instruction or to another of its own
// rows. Its scenes are the earlier tables' (scenes.json, scenes-2.json, scenes-3.json) and its
// own (scenes-4.json); the loader reads all four and names the file of a bad scene or row.
// This file never runs the builtin programmer on the table: the lead measures it once
// (`npx tsx bench/paraphrases.ts --table 4`).

import { describe, expect, it } from 'vitest';
import { instantiateScene } from '../../tasks/index.ts';
import { loadTable, runRow, TABLES } from './paraphrase-harness.ts';
import { benchChecks, heldOutTableChecks, tableFiles } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[4]);
const earlierTables = ([1, 2, 3] as const).map((k) => loadTable(undefined, TABLES[k]));

describe('the fourth paraphrase table', () => {
  heldOutTableChecks(4);

  it('deals the shuffled scenes differently on their two seeds, so a referent is a different object per seed', () => {
    const quad = table.rows.find((r) => r.scene === 'brown_bowl_quad')!;
    const [a, b] = [0, 1].map((seed) => instantiateScene(quad.task, seed));
    const at = (s: typeof a, id: string) => s.objects.find((o) => o.id === id)!.position;
    expect(at(a, 'pink_block')).not.toEqual(at(b, 'pink_block'));
    expect(at(a, 'brown_bowl')).toEqual(at(b, 'brown_bowl'));
  });
});

describe('loading the fourth table', () => {
  const { files, withTable, loadError } = tableFiles(4);

  it('reads the scenes of all four files; the earlier tables do not see the fourth one', () => {
    const own = files[3].scenes[0].id;
    for (const f of files.slice(0, 4)) expect(table.scenes.has(f.scenes[0].id)).toBe(true);
    expect(table.scenes.size).toBe(files.slice(0, 4).reduce((n, f) => n + f.scenes.length, 0));
    for (const t of earlierTables) expect(t.scenes.has(own)).toBe(false);
  });

  it('refuses a scene id of the third scenes file used again in the fourth, naming the fourth', () => {
    const msg = loadError(withTable((s3, s4) => (s4.scenes[2].id = s3.scenes[0].id)));
    expect(msg).toMatch(/scenes-4\.json: scenes\[2\]: duplicate scene id "pink_bowl_cross"/);
  });

  it('names the fourth scenes file and the path of a bad object', () => {
    const msg = loadError(withTable((_, s4) => (s4.scenes[1].scene.objects[2].size = [0.04, 0.04])));
    expect(msg).toMatch(/scenes-4\.json: scenes\[1\] \("cans_graded"\): scene\.objects\[2\]\.size: expected/);
  });

  it('names a scene of the fourth file that cannot be laid out on one of its seeds', () => {
    const msg = loadError(
      withTable((_, s4) => {
        const s = s4.scenes.find((x: { id: string }) => x.id === 'match_with_tray');
        s.scene.layout = { min: [-0.1, -0.1], max: [0.1, 0.1], minGap: 0.04 };
      }),
    );
    expect(msg).toMatch(/scenes-4\.json: scenes\[7\] \("match_with_tray"\): seed 0: ".*" .*/);
  });

  it('names the rows file, the row and the path of a bad predicate', () => {
    const msg = loadError(withTable((_, __, r4) => (r4.rows[7].success = { inside: ['white_block'] })));
    expect(msg).toMatch(/instructions-4\.json: rows\[7\] \(".*"\): success\.inside: expected/);
  });

  it('names the row whose predicate names an object its scene lacks', () => {
    const msg = loadError(withTable((_, __, r4) => (r4.rows[0].success = { inside: ['pink_block', 'purple_bowl'] })));
    expect(msg).toMatch(/instructions-4\.json: rows\[0\] \(".*"\): .*unknown object "purple_bowl"/);
  });

  it('names the rows file when it refuses to run a row solved at the start', async () => {
    const dir = withTable((_, __, r4) =>
      r4.rows.push({
        scene: 'tower_start',
        text: 'leave the green block on the yellow block',
        family: 'paraphrases',
        success: { on: ['green_block', 'yellow_block'] },
      }),
    );
    const bad = loadTable(dir, TABLES[4]);
    await expect(runRow(bad, { row: bad.rows.length - 1, seed: 0 })).rejects.toThrow(
      /^instructions-4\.json: rows\[\d+\] \("leave the green block on the yellow block"\): seed 0: already solved at the start/,
    );
  });
});

describe('bench/paraphrases.ts --table 4', () => {
  benchChecks(4, /.*\bbowl_cross\b.*\bpink_bowl_cross\b.*\bbrown_bowl_quad\b.*\bballs_three_bowls\b/);
});
