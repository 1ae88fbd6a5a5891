// The structure of a JSON predicate (docs/architecture.md#predicates), checked one kind at a time so callers
// can say precisely what is wrong: which kinds exist, what each takes (in words), and
// a walk that reports every structural fault with its JSON path. PredicateSchema
// (predicates.ts) stays the definition of a valid predicate; this is for the messages
// (tasks/ words them as "path: expected …", policy/ as one sentence for an ArgumentError).

import type { Predicate } from './types.ts';

/** Every predicate kind, in the order of docs/architecture.md#predicates. */
export const PREDICATE_KINDS = [
  'grasped', 'on', 'inside', 'above', 'near', 'upright', 'onTable', 'unmoved', 'inZone', 'ordered',
  'all', 'any', 'not',
] as const;

export type PredicateKind = (typeof PREDICATE_KINDS)[number];

// PREDICATE_KINDS and the Predicate type name the same kinds (a compile error otherwise).
type KeysOfUnion<T> = T extends unknown ? keyof T : never;
const kindsMatchPredicate: [PredicateKind] extends [KeysOfUnion<Predicate>]
  ? [KeysOfUnion<Predicate>] extends [PredicateKind] ? true : false : false = true;
void kindsMatchPredicate;

/** What each predicate kind takes, in words (error messages, docs/api.md). */
export const PREDICATE_FORMS: Record<PredicateKind, string> = {
  grasped: 'an object id',
  upright: 'an object id',
  onTable: 'an object id',
  on: '[object id, object id or "table"]',
  inside: '[object id, container id]',
  inZone: '[object id, zone id]',
  above: '[object id, height in metres >= 0]',
  unmoved: '[object id, tolerance in metres > 0]',
  near: '[object id, object id or [x, y] or [x, y, z], distance in metres > 0]',
  ordered: '{ "ids": [2 or more object ids], "axis": "x" or "y" }',
  all: 'a non-empty array of predicates',
  any: 'a non-empty array of predicates',
  not: 'a predicate',
};

export const isPredicateKind = (key: string): key is PredicateKind => (PREDICATE_KINDS as readonly string[]).includes(key);

/** Bounds on untrusted input (a program's `expect`); none by default. */
export interface PredicateFormLimits {
  /** Longest id (characters). */
  maxIdLength?: number;
  /** Most predicates in one `all` / `any`. */
  maxListLength?: number;
  /** Deepest nesting of predicates (the top one is depth 0). */
  maxDepth?: number;
  /** Stop the walk after this many faults. */
  maxFaults?: number;
}

export type PredicatePath = (string | number)[];

/**
 * One structural fault. `path` is where the predicate is, except for `arguments`,
 * where it ends with the kind (the JSON path of the bad value).
 */
export type PredicateFault =
  | { fault: 'missing'; path: PredicatePath }
  | { fault: 'not-object'; path: PredicatePath }
  | { fault: 'key-count'; path: PredicatePath; keys: string[] }
  | { fault: 'unknown-kind'; path: PredicatePath; key: string }
  | { fault: 'arguments'; path: PredicatePath; kind: PredicateKind }
  | { fault: 'too-deep'; path: PredicatePath };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPoint = (v: unknown): boolean => Array.isArray(v) && (v.length === 2 || v.length === 3) && v.every(isNum);

/** Whether `arg` is what `kind` takes (for all / any / not: only the container, not its predicates). */
export function predicateArgumentOk(kind: PredicateKind, arg: unknown, limits: PredicateFormLimits = {}): boolean {
  const maxId = limits.maxIdLength ?? Infinity;
  const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= maxId;
  const v: unknown[] = Array.isArray(arg) ? arg : [];
  switch (kind) {
    case 'grasped': case 'upright': case 'onTable':
      return isId(arg);
    case 'on': case 'inside': case 'inZone':
      return v.length === 2 && isId(v[0]) && isId(v[1]);
    case 'above':
      return v.length === 2 && isId(v[0]) && isNum(v[1]) && v[1] >= 0;
    case 'unmoved':
      return v.length === 2 && isId(v[0]) && isNum(v[1]) && v[1] > 0;
    case 'near':
      return v.length === 3 && isId(v[0]) && (isId(v[1]) || isPoint(v[1])) && isNum(v[2]) && v[2] > 0;
    case 'ordered':
      return isObject(arg) && Object.keys(arg).every((k) => k === 'ids' || k === 'axis')
        && Array.isArray(arg.ids) && arg.ids.length >= 2 && arg.ids.every(isId) && (arg.axis === 'x' || arg.axis === 'y');
    case 'all': case 'any':
      return Array.isArray(arg) && arg.length > 0 && arg.length <= (limits.maxListLength ?? Infinity);
    case 'not':
      return true;
  }
}

/** The structural faults of `value` as a predicate, depth first; [] when it is well formed. */
export function predicateFaults(value: unknown, limits: PredicateFormLimits = {}, path: PredicatePath = []): PredicateFault[] {
  const out: PredicateFault[] = [];
  const maxFaults = limits.maxFaults ?? Infinity;
  const maxDepth = limits.maxDepth ?? Infinity;
  const walk = (v: unknown, at: PredicatePath, depth: number): void => {
    if (out.length >= maxFaults) return;
    if (depth > maxDepth) { out.push({ fault: 'too-deep', path: at }); return; }
    if (v === undefined) { out.push({ fault: 'missing', path: at }); return; }
    if (!isObject(v)) { out.push({ fault: 'not-object', path: at }); return; }
    const keys = Object.keys(v);
    if (keys.length !== 1) { out.push({ fault: 'key-count', path: at, keys }); return; }
    const key = keys[0]!;
    if (!isPredicateKind(key)) { out.push({ fault: 'unknown-kind', path: at, key }); return; }
    const arg = v[key];
    const here = [...at, key];
    if (!predicateArgumentOk(key, arg, limits)) { out.push({ fault: 'arguments', path: here, kind: key }); return; }
    if (key === 'all' || key === 'any') (arg as unknown[]).forEach((p, i) => walk(p, [...here, i], depth + 1));
    else if (key === 'not') walk(arg, here, depth + 1);
  };
  walk(value, path, 0);
  return out;
}
