// The third, held-out paraphrase table is valid (test/tabletop/README.md): at least 150 rows
// over at least 25 scenes, every family of issue 11 roughly evenly (25-30 rows each), every
// predicate schema-valid, every referent one a person can point at, nothing solved at the
// start, the documented phrase distances ("a little", "a lot", "next to"), and no text equal
// to a row of the first two tables or to a bundled task's instruction. Its scenes are the first
// two tables' (scenes.json, scenes-2.json) and its own (scenes-3.json); the loader reads all
// three and names the file of a bad scene or row. This file never runs the builtin programmer
// on the table: the lead measures it once (`npx tsx bench/paraphrases.ts --table 3`).

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHRASE_DISTANCES, PredicateSchema } from '../../sim/index.ts';
import { listTasks } from '../../tasks/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { FAMILIES, loadTable, runRow, startProblem, TABLE_DIR, TABLES, TableError, tableRuns } from './paraphrase-harness.ts';
import type { TableRow } from './paraphrase-harness.ts';

const table = loadTable(undefined, TABLES[3]);
const first = loadTable(undefined, TABLES[1]);
const second = loadTable(undefined, TABLES[2]);
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const read = (name: string) => JSON.parse(readFileSync(join(TABLE_DIR, name), 'utf8'));

/** Every sub-object of a predicate with the key `kind`, depth first. */
function find(v: unknown, kind: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(v)) for (const x of v) find(x, kind, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === kind) out.push(x);
      find(x, kind, out);
    }
  }
  return out;
}

describe('the third paraphrase table', () => {
  it('has at least 150 rows over at least 25 scenes, and uses every one of at least 10 scenes of its own', () => {
    expect(table.rowsFile).toBe('instructions-3.json');
    expect(table.rows.length).toBeGreaterThanOrEqual(150);
    const own: string[] = read('scenes-3.json').scenes.map((s: { id: string }) => s.id);
    expect(own.length).toBeGreaterThanOrEqual(10);
    const used = new Set(table.rows.map((r) => r.scene));
    expect(own.filter((s) => !used.has(s))).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(25);
  });

  it('covers every family of issue 11 evenly: 25 to 30 rows each', () => {
    for (const f of FAMILIES) {
      const k = table.rows.filter((r) => r.family === f).length;
      expect(k, f).toBeGreaterThanOrEqual(25);
      expect(k, f).toBeLessThanOrEqual(30);
    }
  });

  it('has a schema-valid predicate for every row', () => {
    for (const r of table.rows) expect(PredicateSchema.safeParse(r.success).success, r.text).toBe(true);
  });

  it('uses the quantifier, referent, region and arrangement forms, not only fixed ids', () => {
    const text = (r: TableRow) => JSON.stringify(r.success);
    for (const form of [
      '"the"',
      '"every"',
      '"some"',
      '"distinct"',
      '"not"',
      '"side"',
      '"nth"',
      '"closestTo"',
      '"farthestFrom"',
      '"largest"',
      '"smallest"',
      '"notColor"',
      '"sameColorAs"',
      '"differentColorFrom"',
      '"exclude"',
      '"kind"',
      '"line"',
      '"row"',
      '"circle"',
      '"ordered"',
      '"by"',
      '"inRegion"',
      '"corner"',
      '"offset"',
      '"near"',
    ]) {
      expect(
        table.rows.some((r) => text(r).includes(form)),
        form,
      ).toBe(true);
    }
  });

  it('holds no text of the first two tables, no bundled instruction, and no text twice', () => {
    const earlier = new Set([...first.rows, ...second.rows].map((r) => norm(r.text)));
    const bundled = new Set(listTasks().map((t) => norm(t.instruction)));
    expect(table.rows.filter((r) => earlier.has(norm(r.text))).map((r) => r.text)).toEqual([]);
    expect(table.rows.filter((r) => bundled.has(norm(r.text))).map((r) => r.text)).toEqual([]);
    const seen = new Map<string, number>();
    for (const r of table.rows) seen.set(norm(r.text), (seen.get(norm(r.text)) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([t]) => t)).toEqual([]);
  });

  it('says "a little", "a lot" and a plain "to the right of" with the documented distances', () => {
    const ranges = [
      [PHRASE_DISTANCES.little.min, PHRASE_DISTANCES.little.max],
      [PHRASE_DISTANCES.lot.min, PHRASE_DISTANCES.lot.max],
      [0, 0.15],
    ].map((r) => r.join('-'));
    const offsets = table.rows.flatMap((r) => find(r.success, 'offset').map((o) => ({ r, o: o as { min: number; max: number } })));
    expect(offsets.length).toBeGreaterThanOrEqual(10);
    for (const { r, o } of offsets) expect(ranges, r.text).toContain(`${o.min}-${o.max}`);
  });

  it('says "next to" as the two half widths + 5 cm, on the table', () => {
    let checked = 0;
    for (const r of table.rows) {
      for (const n of find(r.success, 'near') as [string, string, number][]) {
        const scene = table.scenes.get(r.scene)!.scene as { objects: { id: string; size: number[] }[] };
        const half = (id: string) => Math.max(...scene.objects.find((o) => o.id === id)!.size.slice(0, 2)) / 2;
        expect(n[2], r.text).toBeCloseTo(half(n[0]) + half(n[1]) + 0.05, 6);
        expect(JSON.stringify(r.success), r.text).toContain(`{"onTable":"${n[0]}"}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('is not solved at the start of any run, and every referent picks one object clearly', async () => {
    const problems: string[] = [];
    for (const run of tableRuns(table)) {
      const row = table.rows[run.row]!;
      const p = await startProblem(row, run.seed);
      if (p) problems.push(`rows[${row.index}] "${row.text}": ${p}`);
    }
    expect(problems).toEqual([]);
  }, 180_000);
});

describe('loading the third table', () => {
  const scenes1 = read('scenes.json');
  const scenes2 = read('scenes-2.json');
  const scenes3 = read('scenes-3.json');
  const rows3 = read('instructions-3.json');

  function withTable(edit: (s1: any, s2: any, s3: any, r3: any) => void): string {
    const dir = tempDir('paraphrases-3');
    const [s1, s2, s3, r3] = [scenes1, scenes2, scenes3, rows3].map((x) => structuredClone(x));
    edit(s1, s2, s3, r3);
    writeFileSync(join(dir, 'scenes.json'), JSON.stringify(s1));
    writeFileSync(join(dir, 'scenes-2.json'), JSON.stringify(s2));
    writeFileSync(join(dir, 'scenes-3.json'), JSON.stringify(s3));
    writeFileSync(join(dir, 'instructions-3.json'), JSON.stringify(r3));
    return dir;
  }

  function loadError(dir: string): string {
    try {
      loadTable(dir, TABLES[3]);
    } catch (e) {
      expect(e).toBeInstanceOf(TableError);
      const message = (e as Error).message;
      expect(message.split('\n')).toHaveLength(1);
      return message;
    }
    throw new Error('expected a TableError');
  }

  it('reads the scenes of all three files; the earlier tables do not see the third one', () => {
    expect(table.scenes.has(scenes1.scenes[0].id)).toBe(true);
    expect(table.scenes.has(scenes2.scenes[0].id)).toBe(true);
    expect(table.scenes.has(scenes3.scenes[0].id)).toBe(true);
    expect(table.scenes.size).toBe(scenes1.scenes.length + scenes2.scenes.length + scenes3.scenes.length);
    expect(first.scenes.has(scenes3.scenes[0].id)).toBe(false);
    expect(second.scenes.has(scenes3.scenes[0].id)).toBe(false);
  });

  it('refuses a scene id of the second scenes file used again in the third, naming the third', () => {
    const msg = loadError(withTable((_, s2, s3) => (s3.scenes[2].id = s2.scenes[0].id)));
    expect(msg).toMatch(/scenes-3\.json: scenes\[2\]: duplicate scene id "sizes_mixed"/);
  });

  it('names the third scenes file and the path of a bad object', () => {
    const msg = loadError(withTable((_, __, s3) => (s3.scenes[1].scene.objects[3].size = [0.04, 0.04])));
    expect(msg).toMatch(/scenes-3\.json: scenes\[1\] \("sizes_five"\): scene\.objects\[3\]\.size: expected/);
  });

  it('names a scene of the third file that cannot be laid out on one of its seeds', () => {
    const msg = loadError(
      withTable((_, __, s3) => {
        const s = s3.scenes.find((x: { id: string }) => x.id === 'two_trays');
        s.scene.layout = { min: [-0.1, -0.1], max: [0.1, 0.1], minGap: 0.04 };
      }),
    );
    expect(msg).toMatch(/scenes-3\.json: scenes\[3\] \("two_trays"\): seed 0: "gray_tray" .*does not fit in the layout/);
  });

  it('names the rows file, the row and the path of a bad predicate', () => {
    const msg = loadError(withTable((_, __, ___, r3) => (r3.rows[7].success = { on: ['white_block'] })));
    expect(msg).toMatch(/instructions-3\.json: rows\[7\] \(".*"\): success\.on: expected/);
  });

  it('names the row whose predicate names an object its scene lacks', () => {
    const msg = loadError(withTable((_, __, ___, r3) => (r3.rows[0].success = { inside: ['white_block', 'purple_bowl'] })));
    expect(msg).toMatch(/instructions-3\.json: rows\[0\] \(".*"\): .*unknown object "purple_bowl"/);
  });

  it('names the rows file when it refuses to run a row solved at the start', async () => {
    const dir = withTable((_, __, ___, r3) =>
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
  const root = resolve(import.meta.dirname, '../..');
  const bench = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'bench/paraphrases.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

  it('loads the third table (a bad --scene lists its scenes and runs nothing)', () => {
    const r = bench('--table', '3', '--scene', 'no_such_scene');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^--scene: no scene "no_such_scene"; the scenes are .*\bpink_bowl_cross\b.*\bmatch_four_plus\b/);
  }, 120_000);

  it('refuses a table it does not have, in one line', () => {
    const r = bench('--table', '7');
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('--table: expected 1, 2, 3, 4, 5 or 6, got "7"');
  }, 120_000);
});
