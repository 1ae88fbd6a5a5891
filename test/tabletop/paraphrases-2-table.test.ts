// The second, held-out paraphrase table is valid (test/tabletop/README.md): at least 120 rows,
// every family of issue 11 roughly evenly, every predicate schema-valid, every referent one a
// person can point at, nothing solved at the start, and no text equal to a row of the first
// table or to a bundled task's instruction. Its scenes are the first table's (scenes.json) and
// its own (scenes-2.json); the loader reads both and names the file of a bad scene or row.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PredicateSchema } from '../../sim/index.ts';
import { listTasks } from '../../tasks/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { FAMILIES, loadTable, runRow, TABLE_DIR, TABLES, TableError } from './paraphrase-harness.ts';
import type { TableRow } from './paraphrase-harness.ts';
import { startProblems } from './held-out-table.ts';

const table = loadTable(undefined, TABLES[2]);
const first = loadTable();
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

describe('the second paraphrase table', () => {
  it('has at least 120 rows, and uses every scene of its own scenes file', () => {
    expect(table.rowsFile).toBe('instructions-2.json');
    expect(table.rows.length).toBeGreaterThanOrEqual(120);
    const own = JSON.parse(readFileSync(join(TABLE_DIR, 'scenes-2.json'), 'utf8')).scenes.map((s: { id: string }) => s.id);
    expect(own.length).toBeGreaterThan(0);
    const used = new Set(table.rows.map((r) => r.scene));
    expect(own.filter((s: string) => !used.has(s))).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(20);
  });

  it('covers every family of issue 11 roughly evenly', () => {
    const n = table.rows.length;
    for (const f of FAMILIES) {
      const k = table.rows.filter((r) => r.family === f).length;
      expect(k, f).toBeGreaterThanOrEqual(Math.floor(n / FAMILIES.length / 1.5));
      expect(k, f).toBeLessThanOrEqual(Math.ceil((n / FAMILIES.length) * 1.5));
    }
  });

  it('has a schema-valid predicate for every row', () => {
    for (const r of table.rows) expect(PredicateSchema.safeParse(r.success).success, r.text).toBe(true);
  });

  it('uses the quantifier and referent forms, not only fixed ids', () => {
    const text = (r: TableRow) => JSON.stringify(r.success);
    for (const form of [
      '"the"',
      '"every"',
      '"some"',
      '"distinct"',
      '"line"',
      '"row"',
      '"inRegion"',
      '"offset"',
      '"circle"',
      '"by"',
      '"corner"',
    ]) {
      expect(
        table.rows.some((r) => text(r).includes(form)),
        form,
      ).toBe(true);
    }
  });

  it('holds no text of the first table and no instruction of a bundled task', () => {
    const firstTexts = new Set(first.rows.map((r) => norm(r.text)));
    const bundled = new Set(listTasks().map((t) => norm(t.instruction)));
    expect(table.rows.filter((r) => firstTexts.has(norm(r.text))).map((r) => r.text)).toEqual([]);
    expect(table.rows.filter((r) => bundled.has(norm(r.text))).map((r) => r.text)).toEqual([]);
  });

  it('is not solved at the start of any run, and every referent picks one object clearly', async () => {
    expect(await startProblems(table)).toEqual([]);
  }, 120_000);
});

describe('loading the second table', () => {
  const read = (name: string) => JSON.parse(readFileSync(join(TABLE_DIR, name), 'utf8'));
  const scenes1 = read('scenes.json');
  const scenes2 = read('scenes-2.json');
  const rows2 = read('instructions-2.json');

  function withTable(edit: (scenes1: any, scenes2: any, rows2: any) => void): string {
    const dir = tempDir('paraphrases-2');
    const [s1, s2, r2] = [structuredClone(scenes1), structuredClone(scenes2), structuredClone(rows2)];
    edit(s1, s2, r2);
    writeFileSync(join(dir, 'scenes.json'), JSON.stringify(s1));
    writeFileSync(join(dir, 'scenes-2.json'), JSON.stringify(s2));
    writeFileSync(join(dir, 'instructions-2.json'), JSON.stringify(r2));
    return dir;
  }

  function loadError(dir: string): string {
    try {
      loadTable(dir, TABLES[2]);
    } catch (e) {
      expect(e).toBeInstanceOf(TableError);
      const message = (e as Error).message;
      expect(message.split('\n')).toHaveLength(1);
      return message;
    }
    throw new Error('expected a TableError');
  }

  it('reads the scenes of both files', () => {
    expect(table.scenes.has(scenes1.scenes[0].id)).toBe(true);
    expect(table.scenes.has(scenes2.scenes[0].id)).toBe(true);
    expect(table.scenes.size).toBe(scenes1.scenes.length + scenes2.scenes.length);
    // The first table does not see the second's scenes.
    expect(first.scenes.has(scenes2.scenes[0].id)).toBe(false);
  });

  it('refuses a scene id used in both scenes files, naming the second', () => {
    const msg = loadError(withTable((s1, s2) => (s2.scenes[1].id = s1.scenes[0].id)));
    expect(msg).toMatch(/scenes-2\.json: scenes\[1\]: duplicate scene id "bowl_cross"/);
  });

  it('names the scenes file and the path of a bad object', () => {
    const msg = loadError(withTable((_, s2) => (s2.scenes[0].scene.objects[0].color = 'mauve')));
    expect(msg).toMatch(/scenes-2\.json: scenes\[0\] \(".*"\): scene\.objects\[0\]\.color: expected/);
  });

  it('names the rows file, the row and the path of a bad predicate', () => {
    const msg = loadError(withTable((_, __, r2) => (r2.rows[4].success = { inside: ['red_block'] })));
    expect(msg).toMatch(/instructions-2\.json: rows\[4\] \(".*"\): success\.inside: expected/);
  });

  it('names the rows file when it refuses to run a row solved at the start', async () => {
    const dir = withTable((_, __, r2) =>
      r2.rows.push({ scene: 'scatter_bowl', text: 'leave the red block be', family: 'paraphrases', success: { onTable: 'red_block' } }),
    );
    const bad = loadTable(dir, TABLES[2]);
    await expect(runRow(bad, { row: bad.rows.length - 1, seed: 0 })).rejects.toThrow(
      /^instructions-2\.json: rows\[\d+\] \("leave the red block be"\): seed 0: already solved at the start/,
    );
  });
});
