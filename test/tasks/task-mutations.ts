// Seeded mutations of task files for the task-file fuzzer (fuzz.test.ts): each takes a
// bundled task's JSON and makes one hostile variant of it — a type changed, a field missing
// or extra, an extreme number, unicode or NUL in ids and strings, deep nesting, a long `on`
// chain, a stacking cycle, a reserved id, broken JSON — as the text of a task file.
// Deterministic: the same seed gives the same files.

import { TABLE_REGION_NAMES } from '../../sim/index.ts';

/** mulberry32: a small deterministic PRNG over 32-bit state. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

export interface Mutation {
  /** Which operator made it, and what it did ("extreme-number scene.objects[0].size[1] = 1e308"). */
  kind: string;
  detail: string;
  /** The task file's text. */
  text: string;
}

class Pick {
  readonly rand: () => number;
  constructor(rand: () => number) {
    this.rand = rand;
  }
  int(n: number): number {
    return Math.floor(this.rand() * n);
  }
  one<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
}

/** Every path in a JSON value (containers and leaves), the root excluded. */
function paths(v: Json, at: Path = [], out: Path[] = []): Path[] {
  const children: [string | number, Json][] = Array.isArray(v)
    ? v.map((x, i) => [i, x])
    : v !== null && typeof v === 'object'
      ? Object.entries(v)
      : [];
  for (const [k, x] of children) {
    out.push([...at, k]);
    paths(x, [...at, k], out);
  }
  return out;
}

function get(v: Json, path: Path): Json {
  let cur: Json = v;
  for (const k of path) cur = (cur as Record<string | number, Json>)[k]!;
  return cur;
}

function set(v: Json, path: Path, x: Json): void {
  const parent = get(v, path.slice(0, -1)) as Record<string | number, Json>;
  parent[path[path.length - 1]!] = x;
}

function remove(v: Json, path: Path): void {
  const parent = get(v, path.slice(0, -1));
  const k = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(k as number, 1);
  else delete (parent as Record<string, Json>)[k as string];
}

const show = (p: Path): string => p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');

/** Numbers past every range, and numbers JSON cannot hold spelt as text (NaN and infinities are strings). */
const EXTREME_NUMBERS: Json[] = [
  1e308,
  -1e308,
  -0,
  0,
  5e-324,
  -5e-324,
  2 ** 53 + 2,
  -(2 ** 63),
  1e21,
  -1,
  1e-300,
  4294967296,
  0.1 + 0.2,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '0x10',
];

/** Strings with unicode, NUL, line breaks, lone surrogates, markup and length. */
function strangeString(p: Pick, base: string): string {
  const options = [
    () => `${base}\u0000anything`,
    () => `\u0000`,
    () => `${base}\n${base}`,
    () => `${base}\r\n    at Object.<anonymous> (evil.js:1:1)`,
    () => `${base}\u2028${base}`,
    () => `${base}\ud800`,
    () => `\udfff${base}`,
    () => `${base}🙂`,
    () => `ℝéd_błøck`,
    () => `\u202eevil`,
    () => `<script>alert(1)</script>`,
    () => `${base}${'x'.repeat(p.one([101, 1000, 100_000]))}`,
    () => '',
    () => ' ',
    () => `$`,
    () => `$${base}`,
    () => `//${base}`,
    () => base.toUpperCase(),
    () => `${base}\u0007\u001b[31m`,
    () => '__proto__',
    () => 'constructor',
  ];
  return p.one(options)();
}

function otherType(p: Pick, v: Json): Json {
  const options: Json[] = [null, true, false, 0, -1, 1e308, '', 'x', 'red_block', [], [1, 2, 3], {}, { on: ['a', 'b'] }, [[[]]], '0.04'];
  const typeOf = (x: Json): string => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x);
  let x = p.one(options);
  for (let i = 0; i < 5 && typeOf(x) === typeOf(v); i++) x = p.one(options);
  return x;
}

/** `success` (or a random node) wrapped `depth` levels deep, written as text (JSON.stringify would overflow). */
function deepText(task: Json, p: Pick, depth: number): { text: string; detail: string } {
  const where: Path = p.chance(0.6) ? ['success'] : p.one(paths(task));
  const marker = '"__DEEP_MARKER__"';
  const inner = JSON.stringify(get(task, where));
  set(task, where, '__DEEP_MARKER__');
  const styles: [string, string, string][] = [
    ['{"not":', '}', 'not'],
    ['{"all":[', ']}', 'all'],
    ['[', ']', 'array'],
    ['{"a":', '}', 'object'],
    ['{"every":{"select":{"shape":"box"},"holds":', '}}', 'every'],
    ['{"on":[{"the":{"closestTo":', '}},"table"]}', 'the-selector'],
  ];
  const [open, close, style] = p.one(styles);
  const text = JSON.stringify(task).replace(marker, open.repeat(depth) + inner + close.repeat(depth));
  return { text, detail: `${show(where)} wrapped ${depth} deep (${style})` };
}

function objectsOf(task: Json): Json[] | null {
  const scene = (task as { scene?: Json }).scene;
  const objects = scene && typeof scene === 'object' && !Array.isArray(scene) ? (scene as { objects?: Json }).objects : undefined;
  return Array.isArray(objects) ? objects : null;
}

function chainOf(n: number, shape = 'box'): Json[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `block_${i}`,
    shape,
    size: [0.04, 0.04, 0.04],
    color: 'red',
    ...(i > 0 ? { on: `block_${i - 1}` } : {}),
  }));
}

/** Ids a file may not give an object or a zone. */
export const HOSTILE_IDS = [
  'table',
  'floor',
  'gripper',
  'gripper_palm',
  'gripper_finger_a',
  'gripper_x',
  'distractor_0',
  ...TABLE_REGION_NAMES,
];

type Operator = (task: Json, p: Pick) => { detail: string; text?: string };

const OPERATORS: Record<string, Operator> = {
  'type-change': (t, p) => {
    const at = p.one(paths(t));
    const x = otherType(p, get(t, at));
    set(t, at, x);
    return { detail: `${show(at)} = ${JSON.stringify(x)}` };
  },
  'missing-field': (t, p) => {
    const at = p.one(paths(t));
    remove(t, at);
    return { detail: `${show(at)} removed` };
  },
  'extra-field': (t, p) => {
    const objects = paths(t).filter((q) => {
      const v = get(t, q);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    });
    const at = objects.length && p.chance(0.8) ? p.one(objects) : [];
    const key = p.one([
      'colour',
      'extra',
      '__proto__',
      'constructor',
      'toString',
      '// note',
      '',
      'ünïcode',
      'a\nb',
      'x'.repeat(5000),
      'ID',
      'id ',
    ]);
    const value = otherType(p, null);
    const target = get(t, at) as Record<string, Json>;
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    return { detail: `${show(at)}[${JSON.stringify(key).slice(0, 30)}] added` };
  },
  'extreme-number': (t, p) => {
    const all = paths(t);
    const numeric = all.filter((q) => typeof get(t, q) === 'number');
    const at = numeric.length && p.chance(0.85) ? p.one(numeric) : p.one(all);
    const x = p.one(EXTREME_NUMBERS);
    if (x === '1e999' || x === '0x10') {
      // Spelt in the text: JSON.parse reads 1e999 as Infinity (0x10 is no JSON).
      set(t, at, '__NUM_MARKER__');
      return { detail: `${show(at)} = ${x}`, text: JSON.stringify(t).replace('"__NUM_MARKER__"', p.chance(0.5) ? x : `-${x}`) };
    }
    set(t, at, x);
    return { detail: `${show(at)} = ${JSON.stringify(x)}` };
  },
  'strange-string': (t, p) => {
    const all = paths(t);
    const strings = all.filter((q) => typeof get(t, q) === 'string');
    const at = strings.length ? p.one(strings) : p.one(all);
    const v = get(t, at);
    const x = strangeString(p, typeof v === 'string' ? v : 'x');
    set(t, at, x);
    return { detail: `${show(at)} = ${JSON.stringify(x).slice(0, 40)}` };
  },
  'unicode-id': (t, p) => {
    const objects = objectsOf(t);
    if (!objects?.length) return OPERATORS['strange-string']!(t, p);
    const o = p.one(objects) as Record<string, Json>;
    const old = String(o.id);
    const x = strangeString(p, old);
    o.id = x;
    // Rename it everywhere the success check names it, so the id itself is what is tested.
    const text = JSON.stringify(t).split(JSON.stringify(old)).join(JSON.stringify(x));
    return { detail: `id ${old} -> ${JSON.stringify(x).slice(0, 40)}`, text };
  },
  'deep-nesting': (t, p) => {
    const { text, detail } = deepText(t, p, p.one([17, 40, 65, 200, 2000, 10_000, 100_000]));
    return { detail, text };
  },
  'long-on-chain': (t, p) => {
    const n = p.one([12, 13, 64, 65, 300, 3000, 8000]);
    const scene = (t as Record<string, Json>).scene;
    const objects = chainOf(n, p.chance(0.1) ? 'sphere' : 'box');
    if (scene && typeof scene === 'object' && !Array.isArray(scene)) scene.objects = objects;
    else (t as Record<string, Json>).scene = { objects };
    (t as Record<string, Json>).success = { on: [`block_${n - 1}`, 'table'] };
    return { detail: `an on chain of ${n} objects` };
  },
  cycle: (t, p) => {
    const objects = objectsOf(t);
    if (!objects || objects.length < 1) return OPERATORS['long-on-chain']!(t, p);
    const n = Math.min(objects.length, 1 + p.int(4));
    const members = objects.slice(0, n) as Record<string, Json>[];
    members.forEach((o, i) => {
      o.on = members[(i + 1) % n]!.id!;
      delete o.position;
      delete o.jitter;
    });
    if (p.chance(0.3)) {
      // A long cycle too.
      const big = chainOf(p.one([20, 64, 500]));
      (big[0] as Record<string, Json>).on = (big[big.length - 1] as Record<string, Json>).id!;
      objects.push(...big);
    }
    return { detail: `a stacking cycle of ${n}` };
  },
  'reserved-id': (t, p) => {
    const bad = p.one(HOSTILE_IDS);
    const zones = (t as { scene?: { zones?: Json[] } }).scene?.zones;
    const list = Array.isArray(zones) && zones.length && p.chance(0.3) ? zones : objectsOf(t);
    if (!list?.length) return { detail: 'no objects' };
    const o = p.one(list) as Record<string, Json>;
    const old = String(o.id);
    o.id = bad;
    const text = JSON.stringify(t).split(JSON.stringify(old)).join(JSON.stringify(bad));
    return { detail: `id ${old} -> ${bad}`, text };
  },
  'duplicate-id': (t, p) => {
    const objects = objectsOf(t);
    if (!objects?.length) return { detail: 'no objects' };
    objects.push(structuredClone(p.one(objects)));
    return { detail: 'an object twice' };
  },
  'many-objects': (t, p) => {
    const objects = objectsOf(t);
    if (!objects) return { detail: 'no objects' };
    const n = p.one([30, 64, 65, 1000]);
    for (let i = 0; i < n; i++) {
      objects.push({ id: `extra_${i}`, shape: 'box', size: [0.03, 0.03, 0.03], color: p.one(['red', 'blue', 'green']) });
    }
    return { detail: `${n} more objects` };
  },
  'broken-json': (t, p) => {
    const text = JSON.stringify(t, null, p.chance(0.5) ? 2 : undefined);
    const cut = p.int(text.length);
    const options = [
      () => text.slice(0, cut),
      () => `${text.slice(0, cut)}}${text.slice(cut)}`,
      () => `${text},`,
      () => `\ufeff${text}`,
      () => text.replace(/"/, "'"),
      () => `${text}\u0000`,
      () => '',
      () => 'null',
      () => '[]',
      () => '"a string"',
      () => '1e999',
      () => '{'.repeat(p.one([100, 50_000])),
      () => `{"a":${'['.repeat(300_000)}`,
    ];
    return { detail: 'broken JSON', text: p.one(options)() };
  },
  'scene-shape': (t, p) => {
    const scene = (t as Record<string, Json>).scene as Record<string, Json> | undefined;
    if (!scene || typeof scene !== 'object') return { detail: 'no scene' };
    const key = p.one(['objects', 'zones', 'layout', 'distractors']);
    const value = p.one<Json>([
      [],
      {},
      null,
      { count: 1e9 },
      { count: [12, 0] },
      { count: 12, shapes: [] },
      { min: [-1e308, -1e308], max: [1e308, 1e308] },
      { minGap: 1e308 },
      { minGap: 0.2, min: [-0.1, -0.1], max: [0.1, 0.1] },
      { shuffle: [['a', 'a']] },
      [{ id: 'z', min: [1e308, 0], max: [-1e308, 0], color: 'red' }],
      [{ id: 'z', min: [-0.5, -0.4], max: [0.5, 0.4], color: 'red' }],
    ]);
    scene[key] = value;
    return { detail: `scene.${key} = ${JSON.stringify(value).slice(0, 40)}` };
  },
  'physical-extremes': (t, p) => {
    const objects = objectsOf(t);
    if (!objects?.length) return { detail: 'no objects' };
    const o = p.one(objects) as Record<string, Json>;
    const field = p.one(['jitter', 'position', 'size', 'mass', 'friction', 'yaw', 'timeLimit', 'hidden']);
    const extreme = p.one([1e308, 1e-300, 0, -0, 1e6, 1e7, 100, 0.45, 0.1, 1e21]);
    if (field === 'timeLimit') (t as Record<string, Json>).timeLimit = extreme;
    else if (field === 'jitter') {
      o.position = o.position ?? [0, 0];
      delete o.on;
      o.jitter = extreme;
    } else if (field === 'position') {
      delete o.on;
      o.position = [extreme, p.chance(0.5) ? extreme : 0];
    } else if (field === 'size') o.size = [extreme, extreme, extreme];
    else if (field === 'hidden')
      o.hidden = p.one<Json>([
        { mass: extreme },
        { friction: extreme },
        { comOffset: [extreme, 0, 0] },
        { size: [extreme, extreme, extreme] },
      ]);
    else o[field] = extreme;
    return { detail: `${field} = ${extreme}` };
  },
};

export const OPERATOR_NAMES = Object.keys(OPERATORS);

/**
 * `count` mutations spread over the given task files (JSON text each, references made
 * absolute by the caller), 1–3 operators each, every operator used about equally often.
 */
export function mutations(files: readonly { name: string; text: string }[], count: number, seed: number): (Mutation & { file: string })[] {
  const p = new Pick(prng(seed));
  const out: (Mutation & { file: string })[] = [];
  for (let i = 0; i < count; i++) {
    const base = files[i % files.length]!;
    const task = JSON.parse(base.text) as Json;
    const first = OPERATOR_NAMES[i % OPERATOR_NAMES.length]!;
    const ops = [first, ...Array.from({ length: p.chance(0.3) ? 1 + p.int(2) : 0 }, () => p.one(OPERATOR_NAMES))];
    let text = '';
    const details: string[] = [];
    for (const op of ops) {
      const r = OPERATORS[op]!(task, p);
      details.push(`${op}: ${r.detail}`);
      text = r.text ?? JSON.stringify(task);
      // Text an operator wrote itself may be too deep or not JSON: nothing stacks on it.
      if (r.text !== undefined || text.length > 200_000) break;
    }
    out.push({ file: base.name, kind: first, detail: details.join('; '), text });
  }
  return out;
}
