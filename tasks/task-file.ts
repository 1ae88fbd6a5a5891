// Reading one task file: JSON → schema → cross-reference checks → TaskDef with defaults.
// Every problem is one TaskError line: `<file>: <json path>: <what was expected>`.

import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  CONTAINER_SHAPES,
  PREDICATE_LIMITS,
  TABLE,
  TABLE_REGION_NAMES,
  closestNames,
  defaultInnerSize,
  predicateRefs,
} from '../sim/index.ts';
import type { Predicate, Shape, StatedProps, Vec2, Vec3 } from '../sim/index.ts';
import { readCappedText } from './capped-read.ts';
import { TASK_LIMITS, TaskFileSchema, reservedIdProblem } from './schema.ts';
import type { ObjectEntry, TaskFile } from './schema.ts';
import { TaskError, formatJsonPath } from './task-def.ts';
import type { LayoutSpec, ObjectTemplate, SceneTemplate, TaskDef } from './task-def.ts';

// ---------------------------------------------------------------- defaults

/** The area random objects go in when a task gives no layout: the table within easy reach. */
export const DEFAULT_LAYOUT: LayoutSpec = { min: [-0.35, -0.25], max: [0.35, 0.25], minGap: 0.04, randomYaw: false, shuffle: [] };
export const DEFAULT_TIME_LIMIT = 60;
export const DEFAULT_DISTRACTOR_SHAPES: Shape[] = ['box', 'cylinder'];
/** Ids of generated distractors start with this; task objects may not. */
export const DISTRACTOR_PREFIX = 'distractor_';

/** Solid objects are wood-like (density 800 kg/m³), kept within 50–200 g so grasps behave alike. */
const SOLID_DENSITY = 800;
const SOLID_MASS_RANGE: Vec2 = [0.05, 0.2];
const CONTAINER_MASS: Record<string, number> = { bowl: 0.25, tray: 0.3 };

export function defaultMass(shape: Shape, size: Vec3): number {
  if (shape === 'bowl' || shape === 'tray') return CONTAINER_MASS[shape]!;
  const [sx, sy, sz] = size;
  const volume = shape === 'box' ? sx * sy * sz : shape === 'cylinder' ? Math.PI * (sx / 2) ** 2 * sz : (4 / 3) * Math.PI * (sx / 2) ** 3;
  const m = volume * SOLID_DENSITY;
  return Math.round(Math.min(SOLID_MASS_RANGE[1], Math.max(SOLID_MASS_RANGE[0], m)) * 1000) / 1000;
}

export function defaultFriction(shape: Shape): number {
  return CONTAINER_SHAPES.includes(shape) ? 0.7 : 0.8;
}

// ---------------------------------------------------------------- parsing

/**
 * JSON has no comments: keys starting with "//" are comments and dropped before validation.
 * Recursive: parseTask checks the nesting depth first (valueNestingPath). Every key stays an own
 * property, "__proto__" included (so the schema refuses it as an unknown key rather than
 * it silently becoming the object's prototype).
 */
export function stripComments(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripComments);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (!k.startsWith('//'))
      Object.defineProperty(out, k, { value: stripComments(x), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// ---------------------------------------------------------------- reading safely

/** Segments of a JSON path shown in a nesting error before it is cut short with "…". */
const DEPTH_PATH_SHOWN = 8;

function depthError(file: string, path: (string | number)[]): TaskError {
  const shown = formatJsonPath(path.slice(0, DEPTH_PATH_SHOWN)) + (path.length > DEPTH_PATH_SHOWN ? '…' : '');
  return new TaskError(
    file,
    shown,
    `nested more than ${TASK_LIMITS.maxJsonDepth} levels deep (a task file nests arrays and objects at most ${TASK_LIMITS.maxJsonDepth} levels; a predicate at most ${PREDICATE_LIMITS.maxDepth})`,
  );
}

/**
 * Scans JSON text for nesting deeper than TASK_LIMITS.maxJsonDepth without parsing it (no
 * recursion, one pass), and returns the JSON path where it goes too deep, or null. Text that
 * is not JSON is left to JSON.parse to report.
 */
export function textNestingPath(text: string, maxDepth: number = TASK_LIMITS.maxJsonDepth): (string | number)[] | null {
  interface Level {
    array: boolean;
    key: string | number | null;
    expectKey: boolean;
  }
  const stack: Level[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \\ */) j += 2;
        else if (d === 0x22) break;
        else j++;
      }
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectKey) {
        const raw = text.slice(i, j + 1);
        try {
          top.key = JSON.parse(raw) as string;
        } catch {
          top.key = raw;
        }
        top.expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) return stack.map((l) => l.key ?? 0);
      stack.push({ array: c === 0x5b, key: c === 0x5b ? 0 : null, expectKey: c === 0x7b });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.array) top.key = (top.key as number) + 1;
      else if (top) top.expectKey = true;
    }
  }
  return null;
}

/** Most arrays and objects a task given as data may hold (a 1 MiB file holds fewer). */
const MAX_CONTAINERS = 1_000_000;

/**
 * The same check over a parsed value (a task given as data): iterative, so any depth is
 * safe, and a value that refers to itself ends at the depth limit. Returns the path where it
 * goes too deep, 'too-large' past MAX_CONTAINERS arrays and objects, or null.
 */
export function valueNestingPath(value: unknown, maxDepth: number = TASK_LIMITS.maxJsonDepth): (string | number)[] | 'too-large' | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  let containers = 0;
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= maxDepth) return path;
    if (++containers > MAX_CONTAINERS) return 'too-large';
    if (Array.isArray(v)) for (const [i, x] of v.entries()) stack.push({ v: x, path: [...path, i] });
    else for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: [...path, k] });
  }
  return null;
}

/** JSON values in `v` (itself included), counted without recursion up to just past `max`. */
function valueCount(v: unknown, max: number): number {
  const stack: unknown[] = [v];
  let count = 0;
  while (stack.length > 0 && count <= max) {
    const x = stack.pop();
    count++;
    if (x !== null && typeof x === 'object') for (const y of Array.isArray(x) ? x : Object.values(x)) stack.push(y);
  }
  return count;
}

/**
 * Reads a file the loader was pointed at: only a regular file (a FIFO, a device such as
 * /dev/zero, a socket or a folder is refused before anything is read; the open does not
 * block on a FIFO), of at most TASK_LIMITS.maxFileBytes. `what` names it in errors.
 */
export function readRegularFile(file: string, what: string, errorFile: string = file, jsonPath: string | null = null): string {
  const fail = (problem: string): never => {
    throw new TaskError(errorFile, jsonPath, problem);
  };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? `no such ${what}` : `cannot read the ${what} (${code ?? (e as Error).message})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return fail(`is a folder, not a ${what}`);
    if (!st.isFile()) {
      const kind = st.isFIFO()
        ? 'a FIFO'
        : st.isCharacterDevice() || st.isBlockDevice()
          ? 'a device'
          : st.isSocket()
            ? 'a socket'
            : 'special';
      return fail(`is not a regular file (it is ${kind}); expected a ${what}`);
    }
    const max = TASK_LIMITS.maxFileBytes;
    const tooBig = (size: number | string): never =>
      fail(`the ${what} is ${size} bytes; at most ${max} bytes (${max / 1024 / 1024} MiB) are read`);
    if (st.size > max) tooBig(st.size);
    return readCappedText(fd, max, tooBig);
  } catch (e) {
    if (e instanceof TaskError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    return fail(`cannot read the ${what} (${code ?? (e as Error).message})`);
  } finally {
    closeSync(fd);
  }
}

/** A `reference` that is a path to a program file rather than the program itself. */
export function isReferencePath(reference: string): boolean {
  return /^[^\s;(){}'"`]+\.js$/.test(reference.trim());
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
    }
    throw new TaskError(
      file,
      null,
      `invalid JSON${where}: ${msg.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')}`,
    );
  }
}

/**
 * Read and validate a task file (JSON). Throws TaskError. Only a regular file of at most
 * TASK_LIMITS.maxFileBytes is read, and its nesting is checked before it is parsed.
 */
export function readTaskFile(path: string): TaskDef {
  const file = resolve(path);
  const text = readRegularFile(file, 'task file');
  const deep = textNestingPath(text);
  if (deep) throw depthError(file, deep);
  return parseTask(parseJson(text, file), file);
}

/**
 * Validate a task given as parsed JSON. `file` names it in errors and anchors a
 * reference given as a path ('<inline>' when there is no file).
 */
export function parseTask(json: unknown, file: string): TaskDef {
  const deep = valueNestingPath(json);
  if (deep === 'too-large') throw new TaskError(file, null, `expected a task of at most ${MAX_CONTAINERS} arrays and objects`);
  if (deep) throw depthError(file, deep);
  const success = json !== null && typeof json === 'object' ? (json as { success?: unknown }).success : undefined;
  if (valueCount(success, TASK_LIMITS.maxSuccessValues) > TASK_LIMITS.maxSuccessValues) {
    throw new TaskError(
      file,
      'success',
      `expected a success check of at most ${TASK_LIMITS.maxSuccessValues} JSON values (objects, arrays, strings, numbers); this one has more`,
    );
  }
  const stripped = stripComments(json);
  const parsed = TaskFileSchema.safeParse(stripped);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = issues[0]!;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    throw new TaskError(file, formatJsonPath(first.path), first.message + more);
  }
  const t = parsed.data;
  checkScene(t, file);
  checkSuccess(t, file);
  const { reference, referenceFile } = loadReference(t.reference, file);
  return {
    id: t.id,
    file,
    instruction: t.instruction,
    ...(t.description !== undefined ? { description: t.description } : {}),
    sceneTemplate: toTemplate(t),
    success: t.success,
    timeLimit: t.timeLimit ?? DEFAULT_TIME_LIMIT,
    reference,
    referenceFile,
    tags: t.tags ?? [],
    corrections: (t.corrections ?? []).map((h) => (typeof h === 'string' ? { when: 'any' as const, say: h } : { ...h })),
    hash: taskHash(stripped, reference),
  };
}

// ---------------------------------------------------------------- version

/** Length of a task hash (hex digits). */
export const TASK_HASH_LENGTH = 12;

/** JSON with object keys sorted at every level, so key order and spacing do not change a hash. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * A task's version: sha256 of its canonical JSON (comment keys already dropped) and its
 * reference program text, first TASK_HASH_LENGTH hex digits. Any change to the scene, the
 * instruction, success, hidden truth or the reference (inline or in its .js file) changes it;
 * comments, key order and whitespace in the JSON do not.
 */
export function taskHash(json: unknown, reference: string): string {
  return createHash('sha256')
    .update(canonicalJson(json))
    .update('\n--reference--\n')
    .update(reference)
    .digest('hex')
    .slice(0, TASK_HASH_LENGTH);
}

// ---------------------------------------------------------------- cross-reference checks

const WS = TABLE.workspace;

function sizeProblem(o: ObjectEntry): string | null {
  const [a, b, c] = o.size;
  if ((o.shape === 'cylinder' || o.shape === 'bowl') && a !== b) return `expected [d, d, h] for a ${o.shape} (the first two must be equal)`;
  if (o.shape === 'sphere' && (a !== b || b !== c)) return 'expected [d, d, d] for a sphere (all three equal)';
  if (Math.max(a, b, c) > TASK_LIMITS.maxExtent) return `expected extents of at most ${TASK_LIMITS.maxExtent} m (got ${Math.max(a, b, c)})`;
  if (Math.min(a, b, c) < TASK_LIMITS.minExtent)
    return `expected extents of at least ${TASK_LIMITS.minExtent} m (got ${Math.min(a, b, c)})`;
  return null;
}

function checkScene(t: TaskFile, file: string): void {
  const fail = (path: (string | number)[], problem: string): never => {
    throw new TaskError(file, formatJsonPath(path), problem);
  };
  const objects = t.scene.objects;
  const firstIndex = new Map<string, number>();
  objects.forEach((o, i) => {
    const at = ['scene', 'objects', i];
    if (firstIndex.has(o.id))
      fail([...at, 'id'], `duplicate object id "${o.id}" (also at ${formatJsonPath(['scene', 'objects', firstIndex.get(o.id)!])})`);
    firstIndex.set(o.id, i);
    if (o.id.startsWith(DISTRACTOR_PREFIX))
      fail([...at, 'id'], `ids starting with "${DISTRACTOR_PREFIX}" are reserved for generated distractors`);
    const reserved = reservedIdProblem(o.id);
    if (reserved) fail([...at, 'id'], reserved);
    const bad = sizeProblem(o);
    if (bad) fail([...at, 'size'], bad);
    if (o.hidden) checkHidden(o, at, fail);
    if (o.position && o.on) fail([...at, 'on'], 'an object either starts "on" another or at a "position", not both');
    if (o.jitter !== undefined && !o.position) fail([...at, 'jitter'], 'expected "position" with "jitter" (jitter moves a fixed position)');
    if (o.position) {
      const [x, y] = o.position;
      if (x < WS.min[0] || x > WS.max[0] || y < WS.min[1] || y > WS.max[1]) {
        fail(
          [...at, 'position'],
          `expected a point in the reachable workspace x in [${WS.min[0]}, ${WS.max[0]}], y in [${WS.min[1]}, ${WS.max[1]}] (got [${x}, ${y}])`,
        );
      }
      const j = o.jitter ?? 0;
      if (x - j < WS.min[0] || x + j > WS.max[0] || y - j < WS.min[1] || y + j > WS.max[1]) {
        fail(
          [...at, 'jitter'],
          `expected position ± jitter inside the reachable workspace x in [${WS.min[0]}, ${WS.max[0]}], y in [${WS.min[1]}, ${WS.max[1]}] (got [${x}, ${y}] ± ${j})`,
        );
      }
    }
  });
  const byId = new Map(objects.map((o) => [o.id, o]));
  objects.forEach((o, i) => {
    if (!o.on) return;
    const at = ['scene', 'objects', i, 'on'];
    const support = byId.get(o.on);
    if (!support) fail(at, unknownId('object', o.on, byId.keys()));
    if (o.on === o.id) fail(at, `"${o.id}" cannot rest on itself`);
    if (support!.shape === 'sphere') fail(at, `expected an object to rest on; "${o.on}" is a sphere`);
  });
  checkStacks(objects, firstIndex, fail);

  const zones = t.scene.zones ?? [];
  const zoneIndex = new Map<string, number>();
  zones.forEach((z, i) => {
    const at = ['scene', 'zones', i];
    if (zoneIndex.has(z.id)) fail([...at, 'id'], `duplicate zone id "${z.id}"`);
    const reserved = reservedIdProblem(z.id);
    if (reserved) fail([...at, 'id'], reserved);
    if (byId.has(z.id)) fail([...at, 'id'], `zone id "${z.id}" is also an object id`);
    zoneIndex.set(z.id, i);
    if (!(z.min[0] < z.max[0] && z.min[1] < z.max[1])) fail([...at, 'max'], 'expected max greater than min on both axes');
  });

  const layout = t.scene.layout;
  const shuffled = new Set<string>();
  for (const [g, group] of (layout?.shuffle ?? []).entries()) {
    for (const [k, id] of group.entries()) {
      const at = ['scene', 'layout', 'shuffle', g, k];
      const o = byId.get(id);
      if (!o) {
        fail(at, `unknown object "${id}"${closestNames(id, [...byId.keys()]).map((n) => ` (did you mean "${n}"?)`)[0] ?? ''}`);
        continue;
      }
      if (!o.position || o.on) fail(at, `"${id}" has no fixed position (a shuffled group deals fixed spots among its members)`);
      if (shuffled.has(id)) fail(at, `"${id}" is in more than one shuffled group`);
      shuffled.add(id);
    }
  }
  if (layout?.min || layout?.max) {
    const min = layout.min ?? DEFAULT_LAYOUT.min;
    const max = layout.max ?? DEFAULT_LAYOUT.max;
    if (!(min[0] < max[0] && min[1] < max[1])) fail(['scene', 'layout', 'max'], 'expected max greater than min on both axes');
    if (min[0] < WS.min[0] || min[1] < WS.min[1])
      fail(['scene', 'layout', 'min'], `expected a corner inside the reachable workspace (x >= ${WS.min[0]}, y >= ${WS.min[1]})`);
    if (max[0] > WS.max[0] || max[1] > WS.max[1])
      fail(['scene', 'layout', 'max'], `expected a corner inside the reachable workspace (x <= ${WS.max[0]}, y <= ${WS.max[1]})`);
  }
}

/** Ids of a chain in a message: all of a short one, the ends of a long one. */
function chainText(ids: string[]): string {
  const shown = ids.length <= 8 ? ids : [...ids.slice(0, 4), `… (${ids.length - 6} more)`, ...ids.slice(-2)];
  return shown.join(' -> ');
}

/**
 * The `on` chains, in time linear in the number of objects (every object is walked once):
 * a cycle is named with its members from the first of them in the file, and a stack taller
 * than TASK_LIMITS.maxStack is named at its top object. Supports exist (checked before).
 */
function checkStacks(
  objects: ObjectEntry[],
  indexOf: ReadonlyMap<string, number>,
  fail: (path: (string | number)[], problem: string) => never,
): void {
  /** Objects below and including each object: its height in its stack (1 on the table). */
  const height = new Map<string, number>();
  const onPath = new Set<string>();
  for (const start of objects) {
    if (height.has(start.id)) continue;
    // Walk down to the table, or to an object whose height is known.
    const path: ObjectEntry[] = [];
    let cur: ObjectEntry | undefined = start;
    while (cur && !height.has(cur.id)) {
      if (onPath.has(cur.id)) {
        const from = path.findIndex((p) => p.id === cur!.id);
        const cycle = path.slice(from);
        const first = cycle.reduce((a, b) => (indexOf.get(a.id)! <= indexOf.get(b.id)! ? a : b));
        const k = cycle.indexOf(first);
        const ids = [...cycle.slice(k), ...cycle.slice(0, k), first].map((o) => o.id);
        fail(['scene', 'objects', indexOf.get(first.id)!, 'on'], `stacking cycle ${chainText(ids)}`);
      }
      onPath.add(cur.id);
      path.push(cur);
      cur = cur.on ? objects[indexOf.get(cur.on)!] : undefined;
    }
    // Heights up from there.
    let h = cur ? height.get(cur.id)! : 0;
    for (let k = path.length - 1; k >= 0; k--) {
      const o = path[k]!;
      h += 1;
      height.set(o.id, h);
      onPath.delete(o.id);
      if (h > TASK_LIMITS.maxStack) {
        const stack: string[] = [];
        for (let s: ObjectEntry | undefined = o; s; s = s.on ? objects[indexOf.get(s.on)!] : undefined) stack.push(s.id);
        fail(
          ['scene', 'objects', indexOf.get(o.id)!, 'on'],
          `expected stacks of at most ${TASK_LIMITS.maxStack} objects; "${o.id}" would be number ${h} in the stack ${chainText(stack.reverse())}`,
        );
      }
    }
  }
}

const cm = (m: number): string => `${Number((m * 100).toFixed(2))} cm`;

/** The hidden block against its object: sizes of the right form, comOffset inside, innerSize on a container and smaller. */
function checkHidden(o: ObjectEntry, at: (string | number)[], fail: (path: (string | number)[], problem: string) => never): void {
  const h = o.hidden!;
  const here = [...at, 'hidden'];
  if (h.size) {
    const bad = sizeProblem({ ...o, size: h.size });
    if (bad) fail([...here, 'size'], bad);
  }
  const size = h.size ?? o.size;
  if (h.comOffset) {
    const [x, y, z] = h.comOffset;
    const [sx, sy, sz] = size;
    const inside =
      o.shape === 'sphere'
        ? Math.hypot(x, y, z) < sx / 2
        : o.shape === 'cylinder'
          ? Math.hypot(x, y) < sx / 2 && Math.abs(z) < sz / 2
          : Math.abs(x) < sx / 2 && Math.abs(y) < sy / 2 && Math.abs(z) < sz / 2;
    if (!inside) {
      const bounds =
        o.shape === 'sphere'
          ? `within ${cm(sx / 2)} of the centre`
          : o.shape === 'cylinder'
            ? `within ${cm(sx / 2)} of the axis and ${cm(sz / 2)} of the mid-height`
            : `within ±${cm(sx / 2)}, ±${cm(sy / 2)}, ±${cm(sz / 2)} of the centre`;
      fail([...here, 'comOffset'], `expected a centre of mass inside the ${o.shape}: ${bounds} (got [${h.comOffset.join(', ')}])`);
    }
  }
  if (h.fixed && o.on) fail([...here, 'fixed'], `a fixed object must start on the table, not on "${o.on}"`);
  if (h.innerSize) {
    const [ix, iy] = h.innerSize;
    if (!CONTAINER_SHAPES.includes(o.shape))
      fail([...here, 'innerSize'], `expected innerSize only on a bowl or tray; "${o.id}" is a ${o.shape}`);
    if (o.shape === 'bowl' && ix !== iy) fail([...here, 'innerSize'], 'expected [d, d] for a bowl (the two must be equal)');
    // Smaller than the inside the stated size gives (and the true size, when that differs): thicker walls.
    for (const s of h.size ? [o.size, h.size] : [o.size]) {
      const room = defaultInnerSize(o.shape, s)!;
      if (ix > room[0] + 1e-9 || iy > room[1] + 1e-9 || (ix >= room[0] - 1e-9 && iy >= room[1] - 1e-9)) {
        fail(
          [...here, 'innerSize'],
          `expected an inside smaller than the ${cm(room[0])} x ${cm(room[1])} a ${o.shape} of size [${s.join(', ')}] has (got [${ix}, ${iy}])`,
        );
      }
    }
    if (Math.min(ix, iy) < MIN_INNER_SIZE)
      fail([...here, 'innerSize'], `expected an inside of at least ${cm(MIN_INNER_SIZE)} each way (got [${ix}, ${iy}])`);
  }
}

/** Smallest true inside of a container (m): anything smaller is a solid block, not a container. */
const MIN_INNER_SIZE = 0.02;

function unknownId(kind: string, id: string, known: Iterable<string>): string {
  const list = [...known];
  const near = closestNames(id, list, 1);
  const hint = near.length ? `did you mean "${near[0]}"? ` : '';
  return `unknown ${kind} "${id}" (${hint}${kind}s: ${list.length ? list.join(', ') : 'none'})`;
}

function checkSuccess(t: TaskFile, file: string): void {
  const objects = new Map(t.scene.objects.map((o) => [o.id, o]));
  const zones = new Set((t.scene.zones ?? []).map((z) => z.id));
  for (const ref of predicateRefs(t.success as Predicate, ['success'])) {
    const at = formatJsonPath(ref.path);
    if (ref.kind === 'zone') {
      if (!zones.has(ref.id)) throw new TaskError(file, at, unknownId('zone', ref.id, zones));
      continue;
    }
    if (ref.kind === 'place') {
      // A distinct place that is not a table region: a zone, or a container to be inside.
      if (zones.has(ref.id)) continue;
      const c = objects.get(ref.id);
      const places = [
        ...TABLE_REGION_NAMES,
        ...zones,
        ...[...objects.values()].filter((o) => CONTAINER_SHAPES.includes(o.shape)).map((o) => o.id),
      ];
      if (!c) throw new TaskError(file, at, unknownId('place', ref.id, places));
      if (!CONTAINER_SHAPES.includes(c.shape)) {
        throw new TaskError(file, at, `expected a place (table region, zone or container); "${ref.id}" is a ${c.shape}`);
      }
      continue;
    }
    const o = objects.get(ref.id);
    if (!o) throw new TaskError(file, at, unknownId('object', ref.id, objects.keys()));
    if (ref.kind === 'container' && !CONTAINER_SHAPES.includes(o.shape)) {
      throw new TaskError(file, at, `expected a container (bowl or tray); "${ref.id}" is a ${o.shape}`);
    }
  }
}

function loadReference(reference: string, file: string): { reference: string; referenceFile: string | null } {
  if (!isReferencePath(reference)) return { reference, referenceFile: null };
  const path = resolve(file === '<inline>' ? process.cwd() : dirname(file), reference.trim());
  try {
    return { reference: readRegularFile(path, 'program file', file, 'reference'), referenceFile: path };
  } catch (e) {
    const problem = e instanceof TaskError ? e.problem : (e as Error).message;
    const why = problem === 'no such program file' ? '' : `: ${problem.replace('; expected a program file', '')}`;
    throw new TaskError(file, 'reference', `expected a program file; cannot read "${reference.trim()}" (looked for ${path})${why}`);
  }
}

/**
 * One object as the world is built: `size`, `mass` and `friction` are the truth (the hidden
 * block's value, else the stated one), `stated` holds the told values that differ, and the
 * hidden-only `comOffset`, `fixed`, `innerSize` are copied. A mass left out defaults from the
 * size it applies to: the stated mass from the stated size, the true one from the true size.
 */
export function objectTemplate(o: ObjectEntry): ObjectTemplate {
  const h = o.hidden ?? {};
  const statedSize = [...o.size] as Vec3;
  const statedMass = o.mass ?? defaultMass(o.shape, o.size);
  const statedFriction = o.friction ?? defaultFriction(o.shape);
  const size = h.size ? ([...h.size] as Vec3) : statedSize;
  const mass = h.mass ?? o.mass ?? defaultMass(o.shape, size);
  const friction = h.friction ?? statedFriction;
  const stated: StatedProps = {
    ...(size.some((v, i) => v !== statedSize[i]) ? { size: statedSize } : {}),
    ...(mass !== statedMass ? { mass: statedMass } : {}),
    ...(friction !== statedFriction ? { friction: statedFriction } : {}),
  };
  return {
    id: o.id,
    shape: o.shape,
    color: o.color,
    size,
    mass,
    friction,
    ...(h.comOffset?.some((v) => v !== 0) ? { comOffset: [...h.comOffset] as Vec3 } : {}),
    ...(h.fixed ? { fixed: true } : {}),
    ...(h.innerSize ? { innerSize: [...h.innerSize] as Vec2 } : {}),
    ...(Object.keys(stated).length ? { stated } : {}),
    ...(o.position ? { position: [...o.position] as Vec2 } : {}),
    jitter: o.jitter ?? 0,
    ...(o.on ? { on: o.on } : {}),
    ...(o.yaw !== undefined ? { yaw: o.yaw } : {}),
  };
}

function toTemplate(t: TaskFile): SceneTemplate {
  const layout = t.scene.layout ?? {};
  const objects: ObjectTemplate[] = t.scene.objects.map(objectTemplate);
  return {
    objects,
    zones: (t.scene.zones ?? []).map((z) => ({ id: z.id, min: [...z.min] as Vec2, max: [...z.max] as Vec2, color: z.color })),
    layout: {
      min: layout.min ?? DEFAULT_LAYOUT.min,
      max: layout.max ?? DEFAULT_LAYOUT.max,
      minGap: layout.minGap ?? DEFAULT_LAYOUT.minGap,
      randomYaw: layout.randomYaw ?? DEFAULT_LAYOUT.randomYaw,
      shuffle: (layout.shuffle ?? []).map((g) => [...g]),
    },
    distractors: {
      count: t.scene.distractors?.count ?? 0,
      shapes: t.scene.distractors?.shapes ?? DEFAULT_DISTRACTOR_SHAPES,
    },
  };
}
