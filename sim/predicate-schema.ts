// The JSON form of a predicate (docs/architecture.md#predicates), declared once: its kinds,
// what each takes in words (error messages, docs/api.md), the zod schema every caller
// validates with (tasks' `success`, a program's `expect`, world.evaluate), and the walks
// over the ids a predicate names. The schema's own issues are the messages:
// `on: expected [object id, object id or "table"]` at the path of the bad value,
// `unknown predicate "onn" (did you mean "on"?); …`; `issueText` (format.ts) makes
// one line of an issue with its JSON path. The bounds hold for untrusted input (a
// program's `expect`): ids of at most 100 characters, lists of at most 64 predicates,
// nesting at most 16 deep — the schema never recurses deeper than that.

import { z } from 'zod';
import { closestNames } from './closest-names.ts';
import type { Predicate } from './types.ts';

/** Every predicate kind, in the order of docs/architecture.md#predicates. */
export const PREDICATE_KINDS = [
  'grasped',
  'on',
  'inside',
  'above',
  'near',
  'upright',
  'onTable',
  'unmoved',
  'inZone',
  'ordered',
  'all',
  'any',
  'not',
] as const;

export type PredicateKind = (typeof PREDICATE_KINDS)[number];

// PREDICATE_KINDS and the Predicate type name the same kinds (a compile error otherwise).
type KeysOfUnion<T> = T extends unknown ? keyof T : never;
const kindsMatchPredicate: [PredicateKind] extends [KeysOfUnion<Predicate>]
  ? [KeysOfUnion<Predicate>] extends [PredicateKind]
    ? true
    : false
  : false = true;
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

/** Bounds every predicate is held to (a program's `expect` is untrusted input). */
export const PREDICATE_LIMITS = {
  /** Longest id (characters). */
  maxIdLength: 100,
  /** Most predicates in one `all` / `any`, most ids in one `ordered`. */
  maxListLength: 64,
  /** Deepest nesting of predicates (the top one is depth 0). */
  maxDepth: 16,
} as const;

// ------------------------------------------------------------------ the schema

const KINDS_TEXT = PREDICATE_KINDS.join(', ');
const NOT_A_PREDICATE = `expected a predicate, an object with one key of ${KINDS_TEXT}`;
const ID_TOO_LONG = `expected an id of at most ${PREDICATE_LIMITS.maxIdLength} characters`;
const LIST_TOO_LONG = `expected at most ${PREDICATE_LIMITS.maxListLength} predicates`;

/** The argument schema of one kind: every issue inside it says what the kind takes. */
function argumentOf(kind: PredicateKind, next: () => z.ZodType<Predicate>): z.ZodType {
  const error = `expected ${PREDICATE_FORMS[kind]}`;
  const e = { error };
  const id = () => z.string(e).min(1, e).max(PREDICATE_LIMITS.maxIdLength, { error: ID_TOO_LONG });
  const num = () => z.number(e);
  const point = () => z.array(num(), e).min(2, e).max(3, e);
  switch (kind) {
    case 'grasped':
    case 'upright':
    case 'onTable':
      return id();
    case 'on':
    case 'inside':
    case 'inZone':
      return z.tuple([id(), id()], e);
    case 'above':
      return z.tuple([id(), num().min(0, e)], e);
    case 'unmoved':
      return z.tuple([id(), num().positive(e)], e);
    case 'near':
      return z.tuple([id(), z.union([id(), point()], e), num().positive(e)], e);
    case 'ordered':
      return z.strictObject(
        {
          ids: z
            .array(id(), e)
            .min(2, e)
            .max(PREDICATE_LIMITS.maxListLength, { error: `expected at most ${PREDICATE_LIMITS.maxListLength} ids` }),
          axis: z.enum(['x', 'y'], e),
        },
        e,
      );
    case 'all':
    case 'any':
      return z.array(next(), e).min(1, e).max(PREDICATE_LIMITS.maxListLength, { error: LIST_TOO_LONG });
    case 'not':
      return next();
  }
}

/** The message of an issue the predicate object itself raises (not one of its argument). */
function predicateError(iss: { code?: string; input?: unknown; keys?: string[] }): string {
  if (iss.code === 'unrecognized_keys' && iss.keys?.length) {
    const key = iss.keys[0]!;
    const near = closestNames(key, PREDICATE_KINDS, 1);
    return `unknown predicate "${key}"${near.length ? ` (did you mean "${near[0]}"?)` : ''}; expected one of ${KINDS_TEXT}`;
  }
  return iss.input === undefined ? `missing: ${NOT_A_PREDICATE}` : NOT_A_PREDICATE;
}

function isPlainObject(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A predicate `depth` levels down (the top one is 0); past the limit, nothing is one. */
function predicateAt(depth: number): z.ZodType<Predicate> {
  return (levels[depth] ??= z.lazy(() => {
    if (depth > PREDICATE_LIMITS.maxDepth) {
      return z.never({ error: `predicate nested too deeply (at most ${PREDICATE_LIMITS.maxDepth} levels)` });
    }
    const next = () => predicateAt(depth + 1);
    const shape = Object.fromEntries(PREDICATE_KINDS.map((k) => [k, argumentOf(k, next).exactOptional()]));
    // Plain data only: a class instance (a value the sandbox could not copy) is no predicate.
    const plain = z.custom<Record<string, unknown>>(isPlainObject, { error: predicateError });
    return plain.pipe(z.strictObject(shape, { error: predicateError })).check((ctx) => {
      if (ctx.issues.length > 0) return; // a bad key or argument is the problem to report
      const keys = Object.keys(ctx.value);
      if (keys.length === 1) return;
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `expected a predicate with exactly one key of ${KINDS_TEXT} (got ${keys.length ? keys.join(', ') : 'none'}); combine several with "all"`,
      });
    });
  }) as unknown as z.ZodType<Predicate>);
}
const levels: z.ZodType<Predicate>[] = [];

/**
 * Zod schema of the JSON form of a predicate, with the bounds of PREDICATE_LIMITS. Each
 * issue's message says what was expected there (see the file comment); its path is
 * the JSON path of the bad value within the predicate.
 */
export const PredicateSchema: z.ZodType<Predicate> = predicateAt(0);

// ------------------------------------------------------------------ ids a predicate names

/** One id a predicate names, with the JSON path of the mention (for cross-checks against a scene). */
export interface PredicateRef {
  kind: 'object' | 'container' | 'zone';
  id: string;
  path: (string | number)[];
}

/** Ids a predicate names, in order of appearance: objects ('table' excluded), containers, zones. */
export function predicateRefs(p: Predicate, path: (string | number)[] = []): PredicateRef[] {
  const out: PredicateRef[] = [];
  const obj = (id: string, at: (string | number)[]): void => void out.push({ kind: 'object', id, path: at });
  const each = (ps: Predicate[], key: 'all' | 'any'): void => {
    for (const [i, q] of ps.entries()) out.push(...predicateRefs(q, [...path, key, i]));
  };
  if ('grasped' in p) obj(p.grasped, [...path, 'grasped']);
  else if ('upright' in p) obj(p.upright, [...path, 'upright']);
  else if ('onTable' in p) obj(p.onTable, [...path, 'onTable']);
  else if ('on' in p) {
    obj(p.on[0], [...path, 'on', 0]);
    if (p.on[1] !== 'table') obj(p.on[1], [...path, 'on', 1]);
  } else if ('inside' in p) {
    obj(p.inside[0], [...path, 'inside', 0]);
    out.push({ kind: 'container', id: p.inside[1], path: [...path, 'inside', 1] });
  } else if ('inZone' in p) {
    obj(p.inZone[0], [...path, 'inZone', 0]);
    out.push({ kind: 'zone', id: p.inZone[1], path: [...path, 'inZone', 1] });
  } else if ('above' in p) obj(p.above[0], [...path, 'above', 0]);
  else if ('unmoved' in p) obj(p.unmoved[0], [...path, 'unmoved', 0]);
  else if ('near' in p) {
    obj(p.near[0], [...path, 'near', 0]);
    if (typeof p.near[1] === 'string') obj(p.near[1], [...path, 'near', 1]);
  } else if ('ordered' in p) {
    for (const [i, id] of p.ordered.ids.entries()) obj(id, [...path, 'ordered', 'ids', i]);
  } else if ('all' in p) each(p.all, 'all');
  else if ('any' in p) each(p.any, 'any');
  else out.push(...predicateRefs(p.not, [...path, 'not']));
  return out;
}

/** Object ids a predicate refers to (containers included; zones and 'table' excluded), once each, in order. */
export function predicateObjectIds(p: Predicate): string[] {
  return [
    ...new Set(
      predicateRefs(p)
        .filter((r) => r.kind !== 'zone')
        .map((r) => r.id),
    ),
  ];
}

/** Zone ids a predicate refers to, once each, in order. */
export function predicateZoneIds(p: Predicate): string[] {
  return [
    ...new Set(
      predicateRefs(p)
        .filter((r) => r.kind === 'zone')
        .map((r) => r.id),
    ),
  ];
}
