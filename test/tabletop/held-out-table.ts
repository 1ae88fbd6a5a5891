// The checks every held-out paraphrase table from the third on must pass (test/tabletop/README.md),
// shared by paraphrases-3-table.test.ts to paraphrases-59-table.test.ts: size and scenes, every
// family evenly, schema-valid predicates, the predicate forms used, no text of an earlier table
// or a bundled instruction, the documented phrase distances, "next to", every run fair at the
// start; from the fourth on also scenes of the earlier tables, "upright" and two-step
// instructions. Also the loader's helpers (`tableFiles`), the loader's checks of the fifth to
// fifty-ninth tables (`loaderChecks`: each bad file named in one line) and the bench's
// (`benchChecks`). None runs the builtin programmer on the table.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { PHRASE_DISTANCES, PredicateSchema, TABLE_REGIONS } from '../../sim/index.ts';
import { instantiateScene, listTasks } from '../../tasks/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { FAMILIES, loadTable, runRow, startProblem, TABLE_DIR, TABLES, TableError, tableRuns } from './paraphrase-harness.ts';
import type { ParaphraseTable, TableNumber, TableRow } from './paraphrase-harness.ts';

export const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
export const read = (name: string) => JSON.parse(readFileSync(join(TABLE_DIR, name), 'utf8'));

/** An object of a held-out table's own scene, as its scenes file writes it. */
export type OwnObject = { id: string; shape: string; size: number[]; color: string; on?: string; position?: number[] };
export type OwnScene = { id: string; scene: { objects: OwnObject[]; layout?: { shuffle?: string[][] } } };

/** A held-out table's own scenes (`scenes-N.json`), and its objects by scene id, for the checks specific to them. */
export function ownScenes(file: string) {
  const own = read(file).scenes as OwnScene[];
  const ownScene = (id: string): OwnScene => own.find((s) => s.id === id)!;
  const objects = (id: string): OwnObject[] => ownScene(id).scene.objects;
  const object = (scene: string, id: string): OwnObject => objects(scene).find((o) => o.id === id)!;
  return { own, ownScene, objects, object };
}

/** Whether a table position lies in a named region of the table (TABLE_REGIONS). */
export const inRegion = (name: keyof typeof TABLE_REGIONS, p: number[]): boolean => {
  const r = TABLE_REGIONS[name];
  return p[0]! >= r.min[0] && p[0]! <= r.max[0] && p[1]! >= r.min[1] && p[1]! <= r.max[1];
};

export const isContainer = (o: { shape: string }): boolean => o.shape === 'bowl' || o.shape === 'tray';

/** Every sub-object of a predicate with the key `kind`, depth first. */
export function find(v: unknown, kind: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(v)) for (const x of v) find(x, kind, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === kind) out.push(x);
      find(x, kind, out);
    }
  }
  return out;
}

/** The shared checks of held-out table `n`, as `it`s of the caller's `describe`. */
export function heldOutTableChecks(n: Exclude<TableNumber, 1 | 2>): void {
  const table = loadTable(undefined, TABLES[n]);
  const earlierTables = (
    [
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36,
      37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58,
    ] as const
  )
    .filter((k) => k < n)
    .map((k) => loadTable(undefined, TABLES[k]));
  // What the fourth table's brief added: scenes of the earlier tables too, "upright", two-step instructions.
  const fromFourth = n >= 4;

  it('has at least 150 rows over at least 25 scenes, and uses every one of at least 10 scenes of its own', () => {
    expect(table.rowsFile).toBe(`instructions-${n}.json`);
    expect(table.rows.length).toBeGreaterThanOrEqual(150);
    const own: string[] = read(`scenes-${n}.json`).scenes.map((s: { id: string }) => s.id);
    expect(own.length).toBeGreaterThanOrEqual(10);
    const used = new Set(table.rows.map((r) => r.scene));
    expect(own.filter((s) => !used.has(s))).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(25);
    // It also runs on scenes of the earlier tables, not only on its own.
    if (fromFourth) expect([...used].filter((s) => !own.includes(s)).length).toBeGreaterThanOrEqual(10);
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
      ...(fromFourth ? ['"upright"'] : []),
    ]) {
      expect(
        table.rows.some((r) => text(r).includes(form)),
        form,
      ).toBe(true);
    }
  });

  it(`holds no text of the first ${n - 1} tables, no bundled instruction, and no text twice`, () => {
    const earlier = new Set(earlierTables.flatMap((t) => t.rows).map((r) => norm(r.text)));
    const bundled = new Set(listTasks().map((t) => norm(t.instruction)));
    expect(table.rows.filter((r) => earlier.has(norm(r.text))).map((r) => r.text)).toEqual([]);
    expect(table.rows.filter((r) => bundled.has(norm(r.text))).map((r) => r.text)).toEqual([]);
    const seen = new Map<string, number>();
    for (const r of table.rows) seen.set(norm(r.text), (seen.get(norm(r.text)) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([t]) => t)).toEqual([]);
  });

  if (fromFourth)
    it('has two-step instructions ("first ..., then ...") in several families', () => {
      const twoStep = table.rows.filter((r) => /\bfirst\b.*\bthen\b|\band then\b|, then\b/i.test(r.text));
      expect(twoStep.length).toBeGreaterThanOrEqual(8);
      expect(new Set(twoStep.map((r) => r.family)).size).toBeGreaterThanOrEqual(4);
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
    expect(await startProblems(table)).toEqual([]);
  }, 240_000);
}

/** Every run of `table` that is solved at the start or whose referent a person could not point at, a line each. */
export async function startProblems(table: ParaphraseTable): Promise<string[]> {
  const problems: string[] = [];
  for (const run of tableRuns(table)) {
    const row = table.rows[run.row]!;
    const p = await startProblem(row, run.seed);
    if (p) problems.push(`rows[${row.index}] "${row.text}": ${p}`);
  }
  return problems;
}

/**
 * Held-out table `n`'s files (its scenes files, then its rows file), a copy of them in a temp
 * folder after an edit, and the one-line TableError loading such a copy gives.
 */
export function tableFiles(n: Exclude<TableNumber, 1 | 2>) {
  const names = [...TABLES[n].scenes, TABLES[n].rows];
  const files = names.map(read);

  /** The table's files in a temp folder, after `edit(previous scenes, own scenes, own rows)`. */
  function withTable(edit: (previous: any, own: any, rows: any) => void): string {
    const dir = tempDir(`paraphrases-${n}`);
    const copies = files.map((x) => structuredClone(x));
    edit(copies[n - 2], copies[n - 1], copies[n]);
    for (const [i, name] of names.entries()) writeFileSync(join(dir, name), JSON.stringify(copies[i]));
    return dir;
  }

  function loadError(dir: string): string {
    try {
      loadTable(dir, TABLES[n]);
    } catch (e) {
      expect(e).toBeInstanceOf(TableError);
      const message = (e as Error).message;
      expect(message.split('\n')).toHaveLength(1);
      return message;
    }
    throw new Error('expected a TableError');
  }

  return { files, withTable, loadError };
}

/** `bench/paraphrases.ts --table n` loads the table (a bad --scene lists `scenes` and runs nothing) and refuses a sixtieth, as `it`s. */
export function benchChecks(n: Exclude<TableNumber, 1 | 2>, scenes: RegExp): void {
  const root = resolve(import.meta.dirname, '../..');
  const bench = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'bench/paraphrases.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

  it(`loads the ${ORDINAL[n]} table (a bad --scene lists its scenes and runs nothing)`, () => {
    const r = bench('--table', String(n), '--scene', 'no_such_scene');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^--scene: no scene "no_such_scene"; the scenes are /);
    expect(r.stderr).toMatch(scenes);
  }, 120_000);

  it('refuses a table it does not have, in one line', () => {
    const r = bench('--table', '60');
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      '--table: expected 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58 or 59, got "60"',
    );
  }, 120_000);
}

const ORDINAL = {
  3: 'third',
  4: 'fourth',
  5: 'fifth',
  6: 'sixth',
  7: 'seventh',
  8: 'eighth',
  9: 'ninth',
  10: 'tenth',
  11: 'eleventh',
  12: 'twelfth',
  13: 'thirteenth',
  14: 'fourteenth',
  15: 'fifteenth',
  16: 'sixteenth',
  17: 'seventeenth',
  18: 'eighteenth',
  19: 'nineteenth',
  20: 'twentieth',
  21: 'twenty-first',
  22: 'twenty-second',
  23: 'twenty-third',
  24: 'twenty-fourth',
  25: 'twenty-fifth',
  26: 'twenty-sixth',
  27: 'twenty-seventh',
  28: 'twenty-eighth',
  29: 'twenty-ninth',
  30: 'thirtieth',
  31: 'thirty-first',
  32: 'thirty-second',
  33: 'thirty-third',
  34: 'thirty-fourth',
  35: 'thirty-fifth',
  36: 'thirty-sixth',
  37: 'thirty-seventh',
  38: 'thirty-eighth',
  39: 'thirty-ninth',
  40: 'fortieth',
  41: 'forty-first',
  42: 'forty-second',
  43: 'forty-third',
  44: 'forty-fourth',
  45: 'forty-fifth',
  46: 'forty-sixth',
  47: 'forty-seventh',
  48: 'forty-eighth',
  49: 'forty-ninth',
  50: 'fiftieth',
  51: 'fifty-first',
  52: 'fifty-second',
  53: 'fifty-third',
  54: 'fifty-fourth',
  55: 'fifty-fifth',
  56: 'fifty-sixth',
  57: 'fifty-seventh',
  58: 'fifty-eighth',
  59: 'fifty-ninth',
} as const;

/** What the loader checks of held-out table `n` edit: scenes and rows of its own files. */
export interface LoaderCase {
  /** The first scene of the previous table's own scenes file (its id, used again in this one, is refused). */
  previousFirst: string;
  /** The id of this table's scenes[1], whose object is broken. */
  secondScene: string;
  /** A scene of this table (and its index) that cannot be laid out once squeezed. */
  squeezed: { id: string; index: number };
  /** An object of row 0's scene, beside an unknown one in a predicate. */
  rowZeroObject: string;
  /** A row solved at the start: a scene of this table where `on[0]` already stands on `on[1]`. */
  solved: { scene: string; text: string; on: [string, string] };
}

/** The loader's checks of held-out table `n` (5 to 59): each bad file named in one line, as `it`s of the caller's `describe`. */
export function loaderChecks(n: Exclude<TableNumber, 1 | 2 | 3 | 4>, c: LoaderCase): void {
  const table = loadTable(undefined, TABLES[n]);
  const earlier = (Object.keys(TABLES).map(Number) as TableNumber[]).filter((k) => k < n).map((k) => loadTable(undefined, TABLES[k]));
  const { files, withTable, loadError } = tableFiles(n);
  const [own, previous] = [ORDINAL[n], ORDINAL[(n - 1) as Exclude<TableNumber, 1 | 2 | 3 | 59>]];
  const count = {
    5: 'five',
    6: 'six',
    7: 'seven',
    8: 'eight',
    9: 'nine',
    10: 'ten',
    11: 'eleven',
    12: 'twelve',
    13: 'thirteen',
    14: 'fourteen',
    15: 'fifteen',
    16: 'sixteen',
    17: 'seventeen',
    18: 'eighteen',
    19: 'nineteen',
    20: 'twenty',
    21: 'twenty-one',
    22: 'twenty-two',
    23: 'twenty-three',
    24: 'twenty-four',
    25: 'twenty-five',
    26: 'twenty-six',
    27: 'twenty-seven',
    28: 'twenty-eight',
    29: 'twenty-nine',
    30: 'thirty',
    31: 'thirty-one',
    32: 'thirty-two',
    33: 'thirty-three',
    34: 'thirty-four',
    35: 'thirty-five',
    36: 'thirty-six',
    37: 'thirty-seven',
    38: 'thirty-eight',
    39: 'thirty-nine',
    40: 'forty',
    41: 'forty-one',
    42: 'forty-two',
    43: 'forty-three',
    44: 'forty-four',
    45: 'forty-five',
    46: 'forty-six',
    47: 'forty-seven',
    48: 'forty-eight',
    49: 'forty-nine',
    50: 'fifty',
    51: 'fifty-one',
    52: 'fifty-two',
    53: 'fifty-three',
    54: 'fifty-four',
    55: 'fifty-five',
    56: 'fifty-six',
    57: 'fifty-seven',
    58: 'fifty-eight',
    59: 'fifty-nine',
  }[n];

  it(`reads the scenes of all ${count} files; the earlier tables do not see the ${own} one`, () => {
    const ownId = files[n - 1].scenes[0].id;
    for (const f of files.slice(0, n)) expect(table.scenes.has(f.scenes[0].id)).toBe(true);
    expect(table.scenes.size).toBe(files.slice(0, n).reduce((k: number, f: { scenes: unknown[] }) => k + f.scenes.length, 0));
    for (const t of earlier) expect(t.scenes.has(ownId)).toBe(false);
  });

  it(`refuses a scene id of the ${previous} scenes file used again in the ${own}, naming the ${own}`, () => {
    const msg = loadError(withTable((prev, mine) => (mine.scenes[2].id = prev.scenes[0].id)));
    expect(msg).toMatch(new RegExp(`scenes-${n}\\.json: scenes\\[2\\]: duplicate scene id "${c.previousFirst}"`));
  });

  it(`names the ${own} scenes file and the path of a bad object`, () => {
    const msg = loadError(withTable((_, mine) => (mine.scenes[1].scene.objects[2].size = [0.04, 0.04])));
    expect(msg).toMatch(new RegExp(`scenes-${n}\\.json: scenes\\[1\\] \\("${c.secondScene}"\\): scene\\.objects\\[2\\]\\.size: expected`));
  });

  it(`names a scene of the ${own} file that cannot be laid out on one of its seeds`, () => {
    const msg = loadError(
      withTable((_, mine) => {
        const s = mine.scenes.find((x: { id: string }) => x.id === c.squeezed.id);
        s.scene.layout = { min: [-0.1, -0.1], max: [0.1, 0.1], minGap: 0.04 };
      }),
    );
    expect(msg).toMatch(new RegExp(`scenes-${n}\\.json: scenes\\[${c.squeezed.index}\\] \\("${c.squeezed.id}"\\): seed 0: `));
  });

  it('names the rows file, the row and the path of a bad predicate', () => {
    const msg = loadError(withTable((_, __, rows) => (rows.rows[7].success = { inside: ['white_block'] })));
    expect(msg).toMatch(new RegExp(`instructions-${n}\\.json: rows\\[7\\] \\(".*"\\): success\\.inside: expected`));
  });

  it('names the row whose predicate names an object its scene lacks', () => {
    const msg = loadError(withTable((_, __, rows) => (rows.rows[0].success = { inside: [c.rowZeroObject, 'magenta_bowl'] })));
    expect(msg).toMatch(new RegExp(`instructions-${n}\\.json: rows\\[0\\] \\(".*"\\): .*unknown object "magenta_bowl"`));
  });

  it('names the rows file when it refuses to run a row solved at the start, before any programmer is asked', async () => {
    const dir = withTable((_, __, rows) =>
      rows.rows.push({ scene: c.solved.scene, text: c.solved.text, family: 'paraphrases', success: { on: c.solved.on } }),
    );
    const bad = loadTable(dir, TABLES[n]);
    let asked = 0;
    const never = {
      name: 'never',
      generate: () => {
        asked++;
        throw new Error('no programmer may be asked for a program here');
      },
    } as unknown as NonNullable<Parameters<typeof runRow>[2]>;
    await expect(runRow(bad, { row: bad.rows.length - 1, seed: 0 }, never)).rejects.toThrow(
      new RegExp(`^instructions-${n}\\.json: rows\\[\\d+\\] \\("${c.solved.text}"\\): seed 0: already solved at the start`),
    );
    expect(asked).toBe(0);
  });
}

/**
 * A held-out table's shuffled scenes are dealt differently on seeds 0 and 1 for every row on
 * them (so a referent is a different object per seed), while `still` stays put; with `minRows`,
 * each such scene has at least that many rows.
 */
export function expectShuffled(table: ParaphraseTable, scenes: readonly (readonly [string, string])[], minRows = 0): void {
  for (const [scene, still] of scenes) {
    const group: string[] = (table.scenes.get(scene)!.scene as { layout: { shuffle: string[][] } }).layout.shuffle[0]!;
    const rows = table.rows.filter((x) => x.scene === scene);
    expect(rows.length, scene).toBeGreaterThanOrEqual(minRows);
    for (const r of rows) {
      const [a, b] = [0, 1].map((seed) => instantiateScene(r.task, seed));
      const at = (s: typeof a, id: string) => s.objects.find((o) => o.id === id)!.position;
      expect(
        group.some((id) => at(a, id).join() !== at(b, id).join()),
        `${scene}: "${r.text}"`,
      ).toBe(true);
      expect(at(a, still), scene).toEqual(at(b, still));
    }
  }
}
