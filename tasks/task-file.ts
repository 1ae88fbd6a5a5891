// Reading one task file: JSON → schema → cross-reference checks → TaskDef with defaults.
// Every problem is one TaskError line: `<file>: <json path>: <what was expected>`.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CONTAINER_SHAPES, TABLE, TABLE_REGION_NAMES, closestNames, defaultInnerSize, predicateRefs } from '../sim/index.ts';
import type { Predicate, Shape, StatedProps, Vec2, Vec3 } from '../sim/index.ts';
import { TaskFileSchema } from './schema.ts';
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

/** JSON has no comments: keys starting with "//" are comments and dropped before validation. */
function stripComments(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripComments);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('//')) out[k] = stripComments(x);
  return out;
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

/** Read and validate a task file (JSON). Throws TaskError. */
export function readTaskFile(path: string): TaskDef {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TaskError(
      file,
      null,
      code === 'ENOENT' ? 'no such task file' : `cannot read the task file (${code ?? (e as Error).message})`,
    );
  }
  return parseTask(parseJson(text, file), file);
}

/**
 * Validate a task given as parsed JSON. `file` names it in errors and anchors a
 * reference given as a path ('<inline>' when there is no file).
 */
export function parseTask(json: unknown, file: string): TaskDef {
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
  if (Math.max(a, b, c) > 0.4) return `expected extents of at most 0.4 m (got ${Math.max(a, b, c)})`;
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
    const chain = [o.id];
    for (let cur: ObjectEntry | undefined = support; cur; cur = cur.on ? byId.get(cur.on) : undefined) {
      if (chain.includes(cur.id)) fail(at, `stacking cycle ${[...chain, cur.id].join(' -> ')}`);
      chain.push(cur.id);
    }
  });

  const zones = t.scene.zones ?? [];
  const zoneIndex = new Map<string, number>();
  zones.forEach((z, i) => {
    const at = ['scene', 'zones', i];
    if (zoneIndex.has(z.id)) fail([...at, 'id'], `duplicate zone id "${z.id}"`);
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
    return { reference: readFileSync(path, 'utf8'), referenceFile: path };
  } catch {
    throw new TaskError(file, 'reference', `expected a program file; cannot read "${reference.trim()}" (looked for ${path})`);
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
