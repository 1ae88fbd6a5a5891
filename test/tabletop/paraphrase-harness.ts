// The paraphrase table of issue 11 ("honest by construction"): instructions written
// independently of the bundled tasks' wording, over scenes of their own, each with the task
// predicate a careful person means (test/tabletop/README.md). This file loads and validates
// the table, and runs a row as a first attempt of the builtin programmer in simulation with
// exact perception: success is the row's predicate on the final snapshot, never a comparison
// of program text. The programmer sees only what an episode gives it (ProgramContext): the
// row's text and scene, a neutral task id, never the predicate.

import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createWorld, evaluatePredicate, issueText, PredicateSchema, selectIds } from '../../sim/index.ts';
import type { ObjectSpec, Predicate, SceneSpec, Selector, Shape, Snapshot, WorldView } from '../../sim/index.ts';
import { ID_PATTERN, instantiateScene, parseTask, SceneSchema, TaskError } from '../../tasks/index.ts';
import type { TaskDef } from '../../tasks/index.ts';
import { runEpisode } from '../../policy/loop/index.ts';
import { RuleProgrammer } from '../../policy/programmers/index.ts';
import type { Programmer } from '../../policy/programmers/index.ts';

/** The instruction families of issue 11; every row names one. */
export const FAMILIES = [
  'objects-by-relation',
  'places-by-relation',
  'sets-and-assignments',
  'arrangements',
  'quantities-and-attributes',
  'paraphrases',
] as const;
export type Family = (typeof FAMILIES)[number];

export const TABLE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'paraphrases');

/** A referent decided by less than this (m) — nearest, farthest, n-th along an axis — is ambiguous to a person. */
export const POSITION_MARGIN = 0.03;
/** "the largest n": the n-th and the (n+1)-th must differ in volume by at least this factor. */
export const VOLUME_MARGIN = 1.15;
/** "left of" / "above": the larger of |dx|, |dy| must be this many times the smaller for every candidate. */
export const SIDE_MARGIN = 1.2;

export interface TableScene {
  id: string;
  seeds: number[];
  description: string;
  /** A task file's `scene` (tasks/TEMPLATE.json). */
  scene: unknown;
}

export interface TableRow {
  /** 0-based position in the rows file. */
  index: number;
  scene: string;
  text: string;
  family: Family;
  success: Predicate;
  note?: string;
  /** The row as a task: its scene, its text as the instruction, its predicate as success. */
  task: TaskDef;
}

export interface ParaphraseTable {
  scenes: Map<string, TableScene>;
  rows: TableRow[];
  /** The rows file's name (instructions.json, instructions-2.json), for messages. */
  rowsFile: string;
}

/** Which files make a table: one rows file, over the scenes of one or more scenes files (ids unique across them). */
export interface TableFiles {
  rows: string;
  scenes: string[];
}

/**
 * The tables in TABLE_DIR: 1 is the first table (held out once, then read while fixing the
 * grammar); 2 is the second, held-out table, over the first table's scenes and its own; 3 is
 * the third, held-out table, over the scenes of the first two and its own; 4 is the fourth,
 * held-out table, over the scenes of the first three and its own; 5 is the fifth, held-out
 * table, over the scenes of the first four and its own; 6 is the sixth, held-out table, over
 * the scenes of the first five and its own; 7 is the seventh, held-out table, over the scenes of
 * the first six and its own; 8 is the eighth, held-out table, over the scenes of the first seven
 * and its own; 9 is the ninth, held-out table, over the scenes of the first eight and its own;
 * 10 is the tenth, held-out table, over the scenes of the first nine and its own; 11 is the
 * eleventh, held-out table, over the scenes of the first ten and its own; 12 is the twelfth,
 * held-out table, over the scenes of the first eleven and its own; 13 is the thirteenth,
 * held-out table, over the scenes of the first twelve and its own; 14 is the fourteenth,
 * held-out table, over the scenes of the first thirteen and its own; 15 is the fifteenth,
 * held-out table, over the scenes of the first fourteen and its own; 16 is the sixteenth,
 * held-out table, over the scenes of the first fifteen and its own; 17 is the seventeenth,
 * held-out table, over the scenes of the first sixteen and its own; 18 is the eighteenth,
 * held-out table, over the scenes of the first seventeen and its own; 19 is the nineteenth,
 * held-out table, over the scenes of the first eighteen and its own; 20 is the twentieth,
 * held-out table, over the scenes of the first nineteen and its own; 21 is the twenty-first,
 * held-out table, over the scenes of the first twenty and its own; 22 is the twenty-second,
 * held-out table, over the scenes of the first twenty-one and its own; 23 is the twenty-third,
 * held-out table, over the scenes of the first twenty-two and its own; 24 is the twenty-fourth,
 * held-out table, over the scenes of the first twenty-three and its own; 25 is the twenty-fifth,
 * held-out table, over the scenes of the first twenty-four and its own; 26 is the twenty-sixth,
 * held-out table, over the scenes of the first twenty-five and its own; 27 is the twenty-seventh,
 * held-out table, over the scenes of the first twenty-six and its own; 28 is the twenty-eighth,
 * held-out table, over the scenes of the first twenty-seven and its own; 29 is the twenty-ninth,
 * held-out table, over the scenes of the first twenty-eight and its own; 30 is the thirtieth,
 * held-out table, over the scenes of the first twenty-nine and its own; 31 is the thirty-first,
 * held-out table, over the scenes of the first thirty and its own; 32 is the thirty-second,
 * held-out table, over the scenes of the first thirty-one and its own; 33 is the thirty-third,
 * held-out table, over the scenes of the first thirty-two and its own; 34 is the thirty-fourth,
 * held-out table, over the scenes of the first thirty-three and its own; 35 is the thirty-fifth,
 * held-out table, over the scenes of the first thirty-four and its own; 36 is the thirty-sixth,
 * held-out table, over the scenes of the first thirty-five and its own; 37 is the thirty-seventh,
 * held-out table, over the scenes of the first thirty-six and its own; 38 is the thirty-eighth,
 * held-out table, over the scenes of the first thirty-seven and its own; 39 is the thirty-ninth,
 * held-out table, over the scenes of the first thirty-eight and its own; 40 is the fortieth,
 * held-out table, over the scenes of the first thirty-nine and its own; 41 is the forty-first,
 * held-out table, over the scenes of the first forty and its own; 42 is the forty-second,
 * held-out table, over the scenes of the first forty-one and its own; 43 is the forty-third,
 * held-out table, over the scenes of the first forty-two and its own; 44 is the forty-fourth,
 * held-out table, over the scenes of the first forty-three and its own; 45 is the forty-fifth,
 * held-out table, over the scenes of the first forty-four and its own; 46 is the forty-sixth,
 * held-out table, over the scenes of the first forty-five and its own; 47 is the forty-seventh,
 * held-out table, over the scenes of the first forty-six and its own; 48 is the forty-eighth,
 * held-out table, over the scenes of the first forty-seven and its own; 49 is the forty-ninth,
 * held-out table, over the scenes of the first forty-eight and its own; 50 is the fiftieth,
 * held-out table, over the scenes of the first forty-nine and its own; 51 is the fifty-first,
 * held-out table, over the scenes of the first fifty and its own; 52 is the fifty-second,
 * held-out table, over the scenes of the first fifty-one and its own; 53 is the fifty-third,
 * held-out table, over the scenes of the first fifty-two and its own; 54 is the fifty-fourth,
 * held-out table, over the scenes of the first fifty-three and its own; 55 is the fifty-fifth,
 * held-out table, over the scenes of the first fifty-four and its own; 56 is the fifty-sixth,
 * held-out table, over the scenes of the first fifty-five and its own; 57 is the fifty-seventh,
 * held-out table, over the scenes of the first fifty-six and its own; 58 is the fifty-eighth,
 * held-out table, over the scenes of the first fifty-seven and its own; 59 is the fifty-ninth,
 * held-out table, over the scenes of the first fifty-eight and its own.
 */
/** The scenes files of tables 1 to `n`: a table's rows may use the scenes of every table before it. */
const scenesUpTo = (n: number): string[] => ['scenes.json', ...Array.from({ length: n - 1 }, (_, k) => `scenes-${k + 2}.json`)];

export const TABLES = {
  1: { rows: 'instructions.json', scenes: scenesUpTo(1) },
  2: { rows: 'instructions-2.json', scenes: scenesUpTo(2) },
  3: { rows: 'instructions-3.json', scenes: scenesUpTo(3) },
  4: { rows: 'instructions-4.json', scenes: scenesUpTo(4) },
  5: { rows: 'instructions-5.json', scenes: scenesUpTo(5) },
  6: { rows: 'instructions-6.json', scenes: scenesUpTo(6) },
  7: { rows: 'instructions-7.json', scenes: scenesUpTo(7) },
  8: { rows: 'instructions-8.json', scenes: scenesUpTo(8) },
  9: { rows: 'instructions-9.json', scenes: scenesUpTo(9) },
  10: { rows: 'instructions-10.json', scenes: scenesUpTo(10) },
  11: { rows: 'instructions-11.json', scenes: scenesUpTo(11) },
  12: { rows: 'instructions-12.json', scenes: scenesUpTo(12) },
  13: { rows: 'instructions-13.json', scenes: scenesUpTo(13) },
  14: { rows: 'instructions-14.json', scenes: scenesUpTo(14) },
  15: { rows: 'instructions-15.json', scenes: scenesUpTo(15) },
  16: { rows: 'instructions-16.json', scenes: scenesUpTo(16) },
  17: { rows: 'instructions-17.json', scenes: scenesUpTo(17) },
  18: { rows: 'instructions-18.json', scenes: scenesUpTo(18) },
  19: { rows: 'instructions-19.json', scenes: scenesUpTo(19) },
  20: { rows: 'instructions-20.json', scenes: scenesUpTo(20) },
  21: { rows: 'instructions-21.json', scenes: scenesUpTo(21) },
  22: { rows: 'instructions-22.json', scenes: scenesUpTo(22) },
  23: { rows: 'instructions-23.json', scenes: scenesUpTo(23) },
  24: { rows: 'instructions-24.json', scenes: scenesUpTo(24) },
  25: { rows: 'instructions-25.json', scenes: scenesUpTo(25) },
  26: { rows: 'instructions-26.json', scenes: scenesUpTo(26) },
  27: { rows: 'instructions-27.json', scenes: scenesUpTo(27) },
  28: { rows: 'instructions-28.json', scenes: scenesUpTo(28) },
  29: { rows: 'instructions-29.json', scenes: scenesUpTo(29) },
  30: { rows: 'instructions-30.json', scenes: scenesUpTo(30) },
  31: { rows: 'instructions-31.json', scenes: scenesUpTo(31) },
  32: { rows: 'instructions-32.json', scenes: scenesUpTo(32) },
  33: { rows: 'instructions-33.json', scenes: scenesUpTo(33) },
  34: { rows: 'instructions-34.json', scenes: scenesUpTo(34) },
  35: { rows: 'instructions-35.json', scenes: scenesUpTo(35) },
  36: { rows: 'instructions-36.json', scenes: scenesUpTo(36) },
  37: { rows: 'instructions-37.json', scenes: scenesUpTo(37) },
  38: { rows: 'instructions-38.json', scenes: scenesUpTo(38) },
  39: { rows: 'instructions-39.json', scenes: scenesUpTo(39) },
  40: { rows: 'instructions-40.json', scenes: scenesUpTo(40) },
  41: { rows: 'instructions-41.json', scenes: scenesUpTo(41) },
  42: { rows: 'instructions-42.json', scenes: scenesUpTo(42) },
  43: { rows: 'instructions-43.json', scenes: scenesUpTo(43) },
  44: { rows: 'instructions-44.json', scenes: scenesUpTo(44) },
  45: { rows: 'instructions-45.json', scenes: scenesUpTo(45) },
  46: { rows: 'instructions-46.json', scenes: scenesUpTo(46) },
  47: { rows: 'instructions-47.json', scenes: scenesUpTo(47) },
  48: { rows: 'instructions-48.json', scenes: scenesUpTo(48) },
  49: { rows: 'instructions-49.json', scenes: scenesUpTo(49) },
  50: { rows: 'instructions-50.json', scenes: scenesUpTo(50) },
  51: { rows: 'instructions-51.json', scenes: scenesUpTo(51) },
  52: { rows: 'instructions-52.json', scenes: scenesUpTo(52) },
  53: { rows: 'instructions-53.json', scenes: scenesUpTo(53) },
  54: { rows: 'instructions-54.json', scenes: scenesUpTo(54) },
  55: { rows: 'instructions-55.json', scenes: scenesUpTo(55) },
  56: { rows: 'instructions-56.json', scenes: scenesUpTo(56) },
  57: { rows: 'instructions-57.json', scenes: scenesUpTo(57) },
  58: { rows: 'instructions-58.json', scenes: scenesUpTo(58) },
  59: { rows: 'instructions-59.json', scenes: scenesUpTo(59) },
} satisfies Record<number, TableFiles>;

/** The tables there are (a new table is one more entry in `TABLES`). */
export type TableNumber = keyof typeof TABLES;

/** One row on one seed. */
export interface RowRun {
  row: number;
  seed: number;
}

export interface RowResult extends RowRun {
  scene: string;
  family: Family;
  text: string;
  solved: boolean;
  /** Why it failed (the program's error, the programmer's reason for no program, or the predicate's detail); the detail when solved. */
  reason: string;
  program: string;
  ms: number;
}

/** A problem with the table: one line naming the file, the row or scene, and what is wrong. */
export class TableError extends Error {
  override name = 'TableError';
}

// ---------------------------------------------------------------- loading and validation

const err = (what: string) => ({ error: `expected ${what}` });
const SceneEntrySchema = z.strictObject(
  {
    id: z.string(err('a scene id')).regex(ID_PATTERN, err('a scene id of lowercase letters, digits and underscores')),
    seeds: z.array(z.number().int().min(0), err('an array of seeds (whole numbers >= 0)')).min(1, err('at least one seed')),
    description: z.string(err('a description')).min(1, err('a description')),
    scene: z.unknown(),
  },
  err('a scene { id, seeds, description, scene }'),
);
const ScenesFileSchema = z.object(
  { scenes: z.array(z.unknown(), err('an array of scenes')).min(1, err('at least one scene')) },
  err('{ "scenes": [...] }'),
);

const RowEntrySchema = z.strictObject(
  {
    scene: z.string(err('a scene id')).min(1, err('a scene id')),
    text: z.string(err('the instruction text')).trim().min(1, err('the instruction text')),
    family: z.enum(FAMILIES, err(`a family: ${FAMILIES.join(', ')}`)),
    success: z.unknown(),
    note: z.string(err('a note')).min(1, err('a note')).optional(),
  },
  err('a row { scene, text, family, success, note? }'),
);
const RowsFileSchema = z.object(
  { rows: z.array(z.unknown(), err('an array of rows')).min(1, err('at least one row')) },
  err('{ "rows": [...] }'),
);

function readJson(file: string): unknown {
  const shown = relative(process.cwd(), file) || file;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new TableError(`${shown}: cannot read the table: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The first issue of a failed parse as one line, its path under `prefix` (`success.inside[0]: expected …`). */
function firstIssue(error: z.ZodError, prefix?: string): string {
  const issue = error.issues[0]!;
  return issueText({ path: prefix ? [prefix, ...issue.path] : issue.path, message: issue.message });
}

function quote(text: string): string {
  return text.length > 60 ? `"${text.slice(0, 57)}..."` : `"${text}"`;
}

/**
 * Load a table from `dir` (by default the first: scenes.json and instructions.json; TABLES[2]
 * for the second) and validate every scene and row; throws TableError.
 */
export function loadTable(dir: string = TABLE_DIR, files: TableFiles = TABLES[1]): ParaphraseTable {
  const rowsFile = join(dir, files.rows);
  const rf = relative(process.cwd(), rowsFile) || rowsFile;

  const scenes = new Map<string, TableScene>();
  for (const name of files.scenes) {
    const scenesFile = join(dir, name);
    const sf = relative(process.cwd(), scenesFile) || scenesFile;
    const scenesJson = ScenesFileSchema.safeParse(readJson(scenesFile));
    if (!scenesJson.success) throw new TableError(`${sf}: ${firstIssue(scenesJson.error)}`);
    scenesJson.data.scenes.forEach((raw, i) => {
      const at = `${sf}: scenes[${i}]`;
      const parsed = SceneEntrySchema.safeParse(raw);
      if (!parsed.success) throw new TableError(`${at}: ${firstIssue(parsed.error)}`);
      const s = parsed.data;
      if (scenes.has(s.id)) throw new TableError(`${at}: duplicate scene id "${s.id}"`);
      const scene = SceneSchema.safeParse(s.scene);
      if (!scene.success) throw new TableError(`${at} ("${s.id}"): ${firstIssue(scene.error, 'scene')}`);
      checkLayouts(s, scene.data.objects, at);
      scenes.set(s.id, s);
    });
  }

  const rowsJson = RowsFileSchema.safeParse(readJson(rowsFile));
  if (!rowsJson.success) throw new TableError(`${rf}: ${firstIssue(rowsJson.error)}`);
  const texts = new Set<string>();
  const rows = rowsJson.data.rows.map((raw, index): TableRow => {
    const text = (raw as { text?: unknown })?.text;
    const at = `${rf}: rows[${index}]${typeof text === 'string' ? ` (${quote(text)})` : ''}`;
    const parsed = RowEntrySchema.safeParse(raw);
    if (!parsed.success) throw new TableError(`${at}: ${firstIssue(parsed.error)}`);
    const r = parsed.data;
    const scene = scenes.get(r.scene);
    if (!scene) throw new TableError(`${at}: unknown scene "${r.scene}"; the scenes are ${[...scenes.keys()].join(', ')}`);
    const key = `${r.scene}\n${r.text.toLowerCase()}`;
    if (texts.has(key)) throw new TableError(`${at}: the same text twice in scene "${r.scene}"`);
    texts.add(key);
    const success = PredicateSchema.safeParse(r.success);
    if (!success.success) throw new TableError(`${at}: ${firstIssue(success.error, 'success')}`);
    let task: TaskDef;
    try {
      task = parseTask(
        {
          id: `paraphrase_${index}`,
          instruction: r.text,
          scene: scene.scene,
          success: r.success,
          reference: '// the paraphrase table has no reference program: the builtin programmer writes one',
        },
        rowsFile,
      );
    } catch (e) {
      if (e instanceof TaskError) throw new TableError(`${at}: ${[e.jsonPath, e.problem].filter((x) => x !== null).join(': ')}`);
      throw e;
    }
    return {
      index,
      scene: r.scene,
      text: r.text,
      family: r.family,
      success: success.data as Predicate,
      ...(r.note ? { note: r.note } : {}),
      task,
    };
  });
  return { scenes, rows, rowsFile: files.rows };
}

/** Every seed of a scene must lay out (fixed objects clear of each other, random ones placed): instantiateScene on each. */
function checkLayouts(s: TableScene, objects: { id: string }[], at: string): void {
  let task: TaskDef;
  try {
    task = parseTask(
      { id: s.id, instruction: s.description, scene: s.scene, success: { grasped: objects[0]!.id }, reference: '//' },
      '<scene>',
    );
  } catch (e) {
    if (e instanceof TaskError) throw new TableError(`${at} ("${s.id}"): ${[e.jsonPath, e.problem].filter((x) => x !== null).join(': ')}`);
    throw e;
  }
  for (const seed of s.seeds) {
    try {
      instantiateScene(task, seed);
    } catch (e) {
      if (e instanceof TaskError) throw new TableError(`${at} ("${s.id}"): seed ${seed}: ${e.problem}`);
      throw e;
    }
  }
}

/** Every row on every seed of its scene, in table order. */
export function tableRuns(table: ParaphraseTable, filter: (row: TableRow) => boolean = () => true): RowRun[] {
  return table.rows.filter(filter).flatMap((row) => table.scenes.get(row.scene)!.seeds.map((seed) => ({ row: row.index, seed })));
}

/** Shard `k` of `n` (1-based) of the runs: every n-th run, so each shard gets every family. */
export function shardRuns(runs: RowRun[], k: number, n: number): RowRun[] {
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(k) && k >= 1 && k <= n))
    throw new TableError(`shard: expected k of n with 1 <= k <= n, got ${k} of ${n}`);
  return runs.filter((_, i) => i % n === k - 1);
}

// ---------------------------------------------------------------- the start of a row

interface SceneObject {
  id: string;
  shape: Shape;
  color: string;
  xy: [number, number];
  volume: number;
}

function volume(o: ObjectSpec): number {
  const [x, y, z] = o.stated?.size ?? o.size;
  if (o.shape === 'cylinder') return (Math.PI / 4) * x * y * z;
  if (o.shape === 'sphere') return (Math.PI / 6) * x * y * z;
  return x * y * z;
}

interface RefContext {
  objects: Map<string, SceneObject>;
  bindings: Map<string, string>;
  /** The initial snapshot as sim/ sees it: every pick is also made by sim/'s resolveRef / selectIds and must agree. */
  view: WorldView;
}

const list = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/**
 * The objects a selector picks on the initial snapshot (THE PREDICATE CONTRACT of issue 11),
 * written here independently of sim/ so the table is checked by a second reading: throws
 * TableError-worthy messages when a person would find the pick ambiguous (a nearest decided
 * by millimetres, a block sitting on the diagonal between "left of" and "above").
 */
function ownSelect(sel: Record<string, any>, ctx: RefContext): string[] {
  const shapes = list<string>(sel.shape);
  const colors = list<string>(sel.color);
  const notColors = list<string>(sel.notColor);
  const exclude = new Set((sel.exclude ?? []).map((r: unknown) => resolve(r, ctx)));
  const same = sel.sameColorAs !== undefined ? ctx.objects.get(resolve(sel.sameColorAs, ctx))! : undefined;
  const different = sel.differentColorFrom !== undefined ? ctx.objects.get(resolve(sel.differentColorFrom, ctx))!.color : undefined;
  let cands = [...ctx.objects.values()].filter(
    (o) =>
      (!shapes || shapes.includes(o.shape)) &&
      (!colors || colors.includes(o.color)) &&
      !notColors?.includes(o.color) &&
      (sel.kind === undefined || (sel.kind === 'container') === (o.shape === 'bowl' || o.shape === 'tray')) &&
      !exclude.has(o.id) &&
      (same === undefined || (o.color === same.color && o.id !== same.id)) &&
      (different === undefined || o.color !== different),
  );
  if (sel.side) {
    const of = ctx.objects.get(resolve(sel.side.of, ctx))!;
    const dir = sel.side.direction as string;
    cands = cands.filter((o) => o.id !== of.id);
    for (const o of cands) {
      const ax = Math.abs(o.xy[0] - of.xy[0]);
      const ay = Math.abs(o.xy[1] - of.xy[1]);
      if (Math.max(ax, ay) < SIDE_MARGIN * Math.min(ax, ay))
        throw new Error(`"${o.id}" is about as much beside "${of.id}" as above or below it: "${dir} of" is ambiguous`);
    }
    cands = cands.filter((o) => {
      const dx = o.xy[0] - of.xy[0];
      const dy = o.xy[1] - of.xy[1];
      if (dir === 'left') return dx < 0 && Math.abs(dx) > Math.abs(dy);
      if (dir === 'right') return dx > 0 && Math.abs(dx) > Math.abs(dy);
      if (dir === 'top') return dy > 0 && Math.abs(dy) > Math.abs(dx);
      return dy < 0 && Math.abs(dy) > Math.abs(dx);
    });
  }
  const rank = (key: (o: SceneObject) => number, what: string, pickIndex = 0): string[] => {
    if (cands.length === 0) return [];
    const sorted = [...cands].sort((a, b) => key(a) - key(b));
    if (pickIndex >= sorted.length) return [];
    for (const j of [pickIndex - 1, pickIndex + 1]) {
      if (j < 0 || j >= sorted.length) continue;
      const gap = Math.abs(key(sorted[j]!) - key(sorted[pickIndex]!));
      if (gap < POSITION_MARGIN)
        throw new Error(`${what}: "${sorted[pickIndex]!.id}" and "${sorted[j]!.id}" differ by only ${(gap * 100).toFixed(1)} cm`);
    }
    return [sorted[pickIndex]!.id];
  };
  if (sel.closestTo !== undefined || sel.farthestFrom !== undefined) {
    const far = sel.farthestFrom !== undefined;
    const t = ctx.objects.get(resolve(far ? sel.farthestFrom : sel.closestTo, ctx))!;
    const dist = (o: SceneObject) => Math.hypot(o.xy[0] - t.xy[0], o.xy[1] - t.xy[1]);
    cands = cands.filter((o) => o.id !== t.id);
    return rank((o) => (far ? -dist(o) : dist(o)), far ? `farthest from "${t.id}"` : `closest to "${t.id}"`);
  }
  if (sel.nth) {
    const from = sel.nth.from as string;
    const key = (o: SceneObject) => (from === 'left' ? o.xy[0] : from === 'right' ? -o.xy[0] : from === 'bottom' ? o.xy[1] : -o.xy[1]);
    return rank(key, `number ${sel.nth.n} from the ${from}`, sel.nth.n - 1);
  }
  if (sel.largest !== undefined || sel.smallest !== undefined) {
    const n: number = sel.largest ?? sel.smallest;
    const sorted = [...cands].sort((a, b) => (sel.largest !== undefined ? b.volume - a.volume : a.volume - b.volume));
    if (sorted.length > n) {
      const a = sorted[n - 1]!.volume;
      const b = sorted[n]!.volume;
      if (Math.max(a, b) < VOLUME_MARGIN * Math.min(a, b))
        throw new Error(
          `${sel.largest !== undefined ? 'largest' : 'smallest'} ${n}: "${sorted[n - 1]!.id}" and "${sorted[n]!.id}" are about the same size`,
        );
    }
    return sorted.slice(0, n).map((o) => o.id);
  }
  return cands.map((o) => o.id);
}

/** ownSelect, checked against sim/'s selectIds: both readings must pick the same objects. */
function select(sel: Record<string, any>, ctx: RefContext): string[] {
  const mine = ownSelect(sel, ctx);
  let theirs: string[];
  try {
    theirs = selectIds(sel as Selector, ctx.view, ctx.bindings);
  } catch (e) {
    throw new Error(`sim/ cannot select ${JSON.stringify(sel)}: ${(e as Error).message}`);
  }
  if ([...mine].sort().join() !== [...theirs].sort().join())
    throw new Error(`${JSON.stringify(sel)} picks ${mine.join(', ') || 'nothing'} here but ${theirs.join(', ') || 'nothing'} in sim/`);
  return mine;
}

/** The object id an ObjRef names on the initial snapshot. */
function resolve(ref: unknown, ctx: RefContext): string {
  if (typeof ref === 'string') {
    if (ref.startsWith('$')) {
      const id = ctx.bindings.get(ref);
      if (id === undefined) throw new Error(`the variable "${ref}" is not bound here`);
      return id;
    }
    if (!ctx.objects.has(ref)) throw new Error(`unknown object "${ref}"`);
    return ref;
  }
  if (ref && typeof ref === 'object' && 'the' in ref) {
    const ids = select((ref as { the: Record<string, any> }).the, ctx);
    if (ids.length !== 1)
      throw new Error(
        `{ "the": ${JSON.stringify((ref as { the: unknown }).the)} } picks ${ids.length === 0 ? 'nothing' : `${ids.length} objects (${ids.join(', ')})`}`,
      );
    return ids[0]!;
  }
  throw new Error(`expected an object reference, got ${JSON.stringify(ref)}`);
}

/** Resolve every reference and selection in a predicate, binding quantifier variables to each selected object. */
function checkRefs(p: Record<string, any>, ctx: RefContext): void {
  const kind = Object.keys(p)[0]!;
  const arg = p[kind];
  if (kind === 'all' || kind === 'any') {
    for (const q of arg) checkRefs(q, ctx);
    return;
  }
  if (kind === 'not') {
    checkRefs(arg, ctx);
    return;
  }
  if (kind === 'every' || kind === 'some') {
    const ids = select(arg.select, ctx);
    if (ids.length === 0) throw new Error(`${kind}: { "select": ${JSON.stringify(arg.select)} } selects nothing`);
    for (const id of ids) checkRefs(arg.holds, { ...ctx, bindings: new Map([...ctx.bindings, [arg.as ?? '$', id]]) });
    return;
  }
  if (kind === 'distinct') {
    const ids = select(arg.select, ctx);
    if (ids.length === 0) throw new Error(`distinct: { "select": ${JSON.stringify(arg.select)} } selects nothing`);
    if (ids.length > arg.among.length) throw new Error(`distinct: ${ids.length} objects for ${arg.among.length} places`);
    return;
  }
  scan(arg, ctx);
}

function scan(v: unknown, ctx: RefContext): void {
  if (typeof v === 'string') {
    if (v.startsWith('$')) resolve(v, ctx);
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) scan(x, ctx);
    return;
  }
  if (v && typeof v === 'object') {
    if ('the' in v) {
      resolve(v, ctx);
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k === 'select') {
        const ids = select(x as Record<string, any>, ctx);
        if (ids.length === 0) throw new Error(`{ "select": ${JSON.stringify(x)} } selects nothing`);
      } else scan(x, ctx);
    }
  }
}

function sceneObjects(scene: SceneSpec, initial: Snapshot): Map<string, SceneObject> {
  return new Map(
    scene.objects.map((o) => {
      const p = initial.objects[o.id]!.position;
      return [o.id, { id: o.id, shape: o.shape, color: o.color, xy: [p[0], p[1]] as [number, number], volume: volume(o) }];
    }),
  );
}

/**
 * Why a predicate's references would puzzle a person on this snapshot, or null: a referent
 * that picks nothing or several objects, a selection that is empty, a pick decided by less
 * than the margins above. Read with the contract's rules, independently of sim/'s evaluator.
 */
export function referentProblem(success: Predicate, scene: SceneSpec, initial: Snapshot): string | null {
  try {
    const view = { scene, state: initial, initial };
    checkRefs(success as Record<string, any>, { objects: sceneObjects(scene, initial), bindings: new Map(), view });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Why a row cannot be run fairly on a seed, or null: a referent a person would find
 * ambiguous or that picks nothing, or the predicate already holding at the start.
 */
export async function startProblem(row: TableRow, seed: number): Promise<string | null> {
  const scene = instantiateScene(row.task, seed);
  const world = await createWorld(scene);
  try {
    const initial = world.initial;
    const refs = referentProblem(row.success, scene, initial);
    if (refs) return `seed ${seed}: ${refs}`;
    const r = evaluatePredicate(row.success, { scene, state: initial, initial });
    if (r.ok) return `seed ${seed}: already solved at the start (${r.detail})`;
    return null;
  } finally {
    world.free();
  }
}

// ---------------------------------------------------------------- running

/**
 * Run one row on one seed as attempt 0 of an episode (runEpisode, no repairs, no monitor,
 * exact perception): the builtin programmer's generate once, its program once in the
 * simulation, the row's predicate on the final snapshot. Throws TableError first when
 * startProblem finds the row unfair on this seed.
 */
export async function runRow(table: ParaphraseTable, run: RowRun, programmer: Programmer = new RuleProgrammer()): Promise<RowResult> {
  const row = table.rows[run.row];
  if (!row) throw new TableError(`run: no row ${run.row} (the table has ${table.rows.length})`);
  // A row that is solved before anything moves, or whose referent a person could not point at, is a table bug.
  const problem = await startProblem(row, run.seed);
  if (problem) throw new TableError(`${table.rowsFile}: rows[${row.index}] (${quote(row.text)}): ${problem}`);
  const t0 = performance.now();
  let program = '';
  let draftError: string | undefined;
  const record = await runEpisode({
    task: row.task,
    seed: run.seed,
    programmer,
    monitor: 'none',
    maxRepairs: 0,
    oracle: true,
    perception: { mode: 'exact' },
    onEvent: (e) => {
      if (e.type === 'draft') {
        program = e.draft.program;
        draftError = e.draft.error ?? undefined;
      }
    },
  });
  const attempt = record.attempts[0];
  const error = attempt?.error;
  let reason = record.successDetail;
  if (!record.success) {
    if (program.trim() === '') reason = `no program: ${firstLine(draftError ?? error?.message ?? 'the programmer returned none')}`;
    else if (error) reason = `${error.kind}${error.line !== null ? ` at line ${error.line}` : ''}: ${firstLine(error.message)}`;
  }
  return {
    ...run,
    scene: row.scene,
    family: row.family,
    text: row.text,
    solved: record.success,
    reason,
    program,
    ms: Math.round(performance.now() - t0),
  };
}

const firstLine = (s: string): string => s.split('\n')[0]!;

/** Run `runs` one after another with one programmer; `onResult` sees each as it finishes. */
export async function runTable(table: ParaphraseTable, runs: RowRun[], onResult?: (r: RowResult) => void): Promise<RowResult[]> {
  const programmer = new RuleProgrammer();
  const results: RowResult[] = [];
  for (const run of runs) {
    const r = await runRow(table, run, programmer);
    results.push(r);
    onResult?.(r);
  }
  return results;
}

// ---------------------------------------------------------------- reporting

export interface Tally {
  runs: number;
  solved: number;
  rate: number;
}

export interface TableSummary {
  byFamily: Record<Family, Tally>;
  overall: Tally;
  ms: number;
}

const tally = (rs: RowResult[]): Tally => {
  const solved = rs.filter((r) => r.solved).length;
  return { runs: rs.length, solved, rate: rs.length ? solved / rs.length : 0 };
};

export function summarize(results: RowResult[]): TableSummary {
  const byFamily = Object.fromEntries(FAMILIES.map((f) => [f, tally(results.filter((r) => r.family === f))])) as Record<Family, Tally>;
  return { byFamily, overall: tally(results), ms: results.reduce((a, r) => a + r.ms, 0) };
}

const pct = (t: Tally): string => (t.runs ? `${((100 * t.solved) / t.runs).toFixed(1)}%` : '-');

/** The per-family table, the overall rate and every failure with its reason, as text. */
export function formatReport(results: RowResult[]): string {
  const s = summarize(results);
  const w = Math.max(...FAMILIES.map((f) => f.length), 'overall'.length);
  const lines = [`${'family'.padEnd(w)}  solved   runs  rate`];
  for (const f of FAMILIES) {
    const t = s.byFamily[f];
    if (t.runs) lines.push(`${f.padEnd(w)}  ${String(t.solved).padStart(6)}  ${String(t.runs).padStart(5)}  ${pct(t)}`);
  }
  lines.push(`${'overall'.padEnd(w)}  ${String(s.overall.solved).padStart(6)}  ${String(s.overall.runs).padStart(5)}  ${pct(s.overall)}`);
  const failures = results.filter((r) => !r.solved);
  if (failures.length) {
    lines.push('', `failures (${failures.length}):`);
    for (const r of failures) lines.push(`  [${r.row}] ${r.scene} seed ${r.seed} (${r.family}) "${r.text}": ${r.reason}`);
  }
  return lines.join('\n');
}
