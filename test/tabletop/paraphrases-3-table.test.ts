// The third, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes, every family of issue 11 roughly evenly (25-30 rows each), every
// predicate schema-valid, every referent one a person can point at, nothing solved at the
// start, the documented phrase distances ("a little", "a lot", "next to"), and no text equal
// to a row of the first two tables or to a bundled task's instruction. Its scenes are the first
// two tables' (scenes.json, scenes-2.json) and its own (scenes-3.json); the loader reads all
// three and names the file of a bad scene or row. This file never runs the builtin programmer
// on the table: the lead measures it once (`npx tsx bench/paraphrases.ts --table 3`).

import { describe, expect, it } from 'vitest';
import { loadTable, runRow, TABLES } from './paraphrase-harness.ts';
import { benchChecks, heldOutTableChecks, tableFiles } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[3]);
const first = loadTable(undefined, TABLES[1]);
const second = loadTable(undefined, TABLES[2]);

describe('the third paraphrase table', () => {
  heldOutTableChecks(3);
});

describe('loading the third table', () => {
  const { files, withTable, loadError } = tableFiles(3);
  const [scenes1, scenes2, scenes3] = files;

  it('reads the scenes of all three files; the earlier tables do not see the third one', () => {
    expect(table.scenes.has(scenes1.scenes[0].id)).toBe(true);
    expect(table.scenes.has(scenes2.scenes[0].id)).toBe(true);
    expect(table.scenes.has(scenes3.scenes[0].id)).toBe(true);
    expect(table.scenes.size).toBe(scenes1.scenes.length + scenes2.scenes.length + scenes3.scenes.length);
    expect(first.scenes.has(scenes3.scenes[0].id)).toBe(false);
    expect(second.scenes.has(scenes3.scenes[0].id)).toBe(false);
  });

  it('refuses a scene id of the second scenes file used again in the third, naming the third', () => {
    const msg = loadError(withTable((s2, s3) => (s3.scenes[2].id = s2.scenes[0].id)));
    expect(msg).toMatch(/scenes-3\.json: scenes\[2\]: duplicate scene id "sizes_mixed"/);
  });

  it('names the third scenes file and the path of a bad object', () => {
    const msg = loadError(withTable((_, s3) => (s3.scenes[1].scene.objects[3].size = [0.04, 0.04])));
    expect(msg).toMatch(/scenes-3\.json: scenes\[1\] \("sizes_five"\): scene\.objects\[3\]\.size: expected/);
  });

  it('names a scene of the third file that cannot be laid out on one of its seeds', () => {
    const msg = loadError(
      withTable((_, s3) => {
        const s = s3.scenes.find((x: { id: string }) => x.id === 'two_trays');
        s.scene.layout = { min: [-0.1, -0.1], max: [0.1, 0.1], minGap: 0.04 };
      }),
    );
    expect(msg).toMatch(/scenes-3\.json: scenes\[3\] \("two_trays"\): seed 0: "gray_tray" .*does not fit in the layout/);
  });

  it('names the rows file, the row and the path of a bad predicate', () => {
    const msg = loadError(withTable((_, __, r3) => (r3.rows[7].success = { on: ['white_block'] })));
    expect(msg).toMatch(/instructions-3\.json: rows\[7\] \(".*"\): success\.on: expected/);
  });

  it('names the row whose predicate names an object its scene lacks', () => {
    const msg = loadError(withTable((_, __, r3) => (r3.rows[0].success = { inside: ['white_block', 'purple_bowl'] })));
    expect(msg).toMatch(/instructions-3\.json: rows\[0\] \(".*"\): .*unknown object "purple_bowl"/);
  });

  it('names the rows file when it refuses to run a row solved at the start', async () => {
    const dir = withTable((_, __, r3) =>
      r3.rows.push({
        scene: 'offsets_pink',
        text: 'keep the red block on the table',
        family: 'paraphrases',
        success: { onTable: 'red_block' },
      }),
    );
    const bad = loadTable(dir, TABLES[3]);
    await expect(runRow(bad, { row: bad.rows.length - 1, seed: 0 })).rejects.toThrow(
      /^instructions-3\.json: rows\[\d+\] \("keep the red block on the table"\): seed 0: already solved at the start/,
    );
  });
});

describe('bench/paraphrases.ts --table 3', () => {
  benchChecks(3, /.*\bpink_bowl_cross\b.*\bmatch_four_plus\b/);
});
