// The paraphrase table is valid (test/tabletop/README.md): enough rows and scenes, every
// family of issue 11 roughly evenly, every predicate and id valid, every referent one a person
// can point at, nothing solved at the start, and no text copied from a bundled task. Bad
// tables fail with one line naming the row or scene.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PredicateSchema } from '../../sim/index.ts';
import { listTasks } from '../../tasks/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { FAMILIES, loadTable, runRow, startProblem, TABLE_DIR, TableError } from './paraphrase-harness.ts';
import type { TableRow } from './paraphrase-harness.ts';
import { startProblems } from './held-out-table.ts';

const table = loadTable();

describe('the paraphrase table', () => {
  it('has at least 170 rows over at least 20 scenes, every scene used', () => {
    expect(table.rows.length).toBeGreaterThanOrEqual(170);
    expect(table.scenes.size).toBeGreaterThanOrEqual(20);
    const used = new Set(table.rows.map((r) => r.scene));
    expect([...table.scenes.keys()].filter((s) => !used.has(s))).toEqual([]);
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
    for (const form of ['"the"', '"every"', '"some"', '"distinct"', '"line"', '"inRegion"', '"offset"', '"circle"', '"by"']) {
      expect(
        table.rows.some((r) => text(r).includes(form)),
        form,
      ).toBe(true);
    }
  });

  it('holds no instruction of a bundled task', () => {
    const norm = (s: string) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const bundled = new Set(listTasks().map((t) => norm(t.instruction)));
    expect(table.rows.filter((r) => bundled.has(norm(r.text))).map((r) => r.text)).toEqual([]);
  });

  it('is not solved at the start of any run, and every referent picks one object clearly', async () => {
    expect(await startProblems(table)).toEqual([]);
  });
});

describe('a bad table', () => {
  const scenesJson = JSON.parse(readFileSync(join(TABLE_DIR, 'scenes.json'), 'utf8'));
  const rowsJson = JSON.parse(readFileSync(join(TABLE_DIR, 'instructions.json'), 'utf8'));

  function withTable(edit: (scenes: any, rows: any) => void): string {
    const dir = tempDir('paraphrases');
    const scenes = structuredClone(scenesJson);
    const rows = structuredClone(rowsJson);
    edit(scenes, rows);
    writeFileSync(join(dir, 'scenes.json'), JSON.stringify(scenes));
    writeFileSync(join(dir, 'instructions.json'), JSON.stringify(rows));
    return dir;
  }

  function loadError(dir: string): string {
    try {
      loadTable(dir);
    } catch (e) {
      expect(e).toBeInstanceOf(TableError);
      const message = (e as Error).message;
      expect(message.split('\n')).toHaveLength(1);
      return message;
    }
    throw new Error('expected a TableError');
  }

  it('names the row with an unknown scene', () => {
    const msg = loadError(withTable((_, rows) => (rows.rows[3].scene = 'nowhere')));
    expect(msg).toMatch(/instructions\.json: rows\[3\] \(".*"\): unknown scene "nowhere"; the scenes are bowl_cross, /);
  });

  it('names the row and the path of a bad predicate', () => {
    const msg = loadError(withTable((_, rows) => (rows.rows[5].success = { inside: ['red_block'] })));
    expect(msg).toMatch(/rows\[5\] \(".*"\): success\.inside: expected/);
  });

  it('names the row and the id of an unknown object', () => {
    const msg = loadError(withTable((_, rows) => (rows.rows[0].success = { inside: ['mauve_block', 'blue_bowl'] })));
    expect(msg).toMatch(/rows\[0\] .*mauve_block/);
  });

  it('names the row with an unknown family', () => {
    const msg = loadError(withTable((_, rows) => (rows.rows[7].family = 'politeness')));
    expect(msg).toMatch(/rows\[7\] .*family: expected a family: objects-by-relation, /);
  });

  it('names the scene whose fixed objects overlap', () => {
    const msg = loadError(withTable((scenes) => (scenes.scenes[0].scene.objects[1].position = [0.02, 0.03])));
    expect(msg).toMatch(/scenes\.json: scenes\[0\] \("bowl_cross"\): seed 0: cannot place "red_block" without overlaps/);
  });

  it('names the scene and the path of a bad object', () => {
    const msg = loadError(withTable((scenes) => (scenes.scenes[2].scene.objects[0].shape = 'cube')));
    expect(msg).toMatch(/scenes\[2\] \("column_of_four"\): scene\.objects\[0\]\.shape: expected/);
  });

  it('refuses the same text twice in a scene', () => {
    const msg = loadError(withTable((_, rows) => rows.rows.push(rows.rows[0])));
    expect(msg).toMatch(/the same text twice in scene "bowl_cross"/);
  });

  const rowOf = (text: string, success: unknown, scene = 'five_in_a_row'): TableRow => {
    const dir = withTable((_, rows) => rows.rows.push({ scene, text, family: 'paraphrases', success }));
    return loadTable(dir).rows.at(-1)!;
  };

  it('finds a row already solved at the start, and refuses to run it', async () => {
    const row = rowOf('leave the red block alone', { not: { grasped: 'red_block' } });
    expect(await startProblem(row, 0)).toMatch(/^seed 0: already solved at the start/);
    const dir = withTable((_, rows) =>
      rows.rows.push({
        scene: 'five_in_a_row',
        text: 'leave the red block alone',
        family: 'paraphrases',
        success: { not: { grasped: 'red_block' } },
      }),
    );
    const bad = loadTable(dir);
    await expect(runRow(bad, { row: bad.rows.length - 1, seed: 0 })).rejects.toThrow(
      /^instructions\.json: rows\[\d+\] \("leave the red block alone"\): seed 0: already solved at the start/,
    );
  });

  it('finds a referent that picks several objects, or none', async () => {
    const several = rowOf('put the block in the brown bowl', { inside: [{ the: { shape: 'box' } }, 'brown_bowl'] });
    expect(await startProblem(several, 0)).toMatch(/picks 5 objects/);
    const none = rowOf('put the ball in the brown bowl', { inside: [{ the: { shape: 'sphere' } }, 'brown_bowl'] });
    expect(await startProblem(none, 0)).toMatch(/picks nothing/);
    const empty = rowOf('put all the balls in the brown bowl', {
      every: { select: { shape: 'sphere' }, holds: { inside: ['$', 'brown_bowl'] } },
    });
    expect(await startProblem(empty, 0)).toMatch(/selects nothing/);
  });

  it('finds a referent a person could not tell apart', async () => {
    // column_of_four is a column: along x its blocks are 1 cm apart (pink -0.04, green -0.03, cyan 0.03, orange 0.04),
    // so "the second block from the left" is a coin toss.
    const row = rowOf(
      'put the second block from the left in the blue bowl',
      { inside: [{ the: { shape: 'box', nth: { n: 2, from: 'left' } } }, 'blue_bowl'] },
      'column_of_four',
    );
    expect(await startProblem(row, 0)).toMatch(/number 2 from the left: ".*" and ".*" differ by only \d\.\d cm/);
  });
});
