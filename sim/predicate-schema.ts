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
import { cmLimit, deg } from './format.ts';
import {
  CIRCLE_GAP_FACTOR,
  CIRCLE_RADIUS_TOLERANCE,
  INSIDE_BOTTOM_TOLERANCE,
  ON_EDGE_TOLERANCE,
  ON_GAP_ABOVE,
  ON_GAP_BELOW,
  ON_TABLE_GAP,
  ROW_TOLERANCE,
  UPRIGHT_LIMIT,
} from './predicates.ts';
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
  'row',
  'circle',
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
  row: '{ "ids": [2 or more object ids], "axis": "x" or "y" }',
  circle: '{ "ids": [3 or more object ids], "center"?: object id or [x, y] }',
  all: 'a non-empty array of predicates',
  any: 'a non-empty array of predicates',
  not: 'a predicate',
};

const pct = (f: number): string => `${Math.round(f * 100)}%`;

/**
 * What each predicate kind measures, its tolerances and its limits, in words, with the
 * constants evaluatePredicate uses (docs/api.md is generated from this).
 */
export const PREDICATE_DEFINITIONS: Record<PredicateKind, string> = {
  grasped:
    'The gripper holds the object: both fingers touch it and it has not slipped since it was grasped. Where the gripper is does not matter.',
  on:
    `a rests on top of b: a's lowest point is at most ${cmLimit(ON_GAP_ABOVE)} above b's highest point and at most ${cmLimit(ON_GAP_BELOW)} below it ` +
    `(lower means beside b, not on it); a's centre lies over b's top face, measured in b's own frame so a turned block has a turned face, ` +
    `with ${cmLimit(ON_EDGE_TOLERANCE)} to spare past its edge (a ball carries things only over the middle half of its width); and a is not held. ` +
    '`["a", "table"]` means `onTable`. Heights come from world bounding boxes, so a tilted object measures by its lowest corner; contact and stability are not checked.',
  inside:
    "a is in the bowl or tray c and let go: a's centre lies within c's inner walls (a bowl: within its inner radius of c's centre; a tray: within its inner half-extents, in the tray's frame), " +
    `and either a's centre is below c's rim (and at most ${cmLimit(INSIDE_BOTTOM_TOLERANCE)} below its bottom), or — for something taller than the walls — a's bottom is at most ${cmLimit(ON_GAP_ABOVE)} above ` +
    `and ${cmLimit(ON_GAP_BELOW)} below the top of c's floor, or a stands (\`on\`) on something that is itself inside c; and a is not held. ` +
    'Only the centre is held against the walls, so an object may overhang a wall. c must be a bowl or a tray.',
  above:
    "a's lowest point is at least h above the table top (z = 0), whatever holds it up: a held object counts, and so does one standing on another.",
  near:
    "The distance from a's centre to the target is at most d: to another object's centre or to [x, y, z] in 3D, to [x, y] horizontally (heights ignored). " +
    'Centres, not surfaces: two 4 cm blocks touching side by side are 4 cm apart.',
  upright: `The object's own up axis is tilted at most ${deg(UPRIGHT_LIMIT)} from the vertical. A sphere is always upright. Whether it is held is not checked.`,
  onTable:
    `a rests on the table: its lowest point is within ${cmLimit(ON_TABLE_GAP)} of the table top (z = 0), its centre is over the table, and it is not held. ` +
    'Standing on another object, or inside a bowl or tray (as `inside` defines it), is not on the table.',
  unmoved:
    "a's centre is less than the tolerance from where it was at the start of the attempt (in 3D, after the world settled). Turning in place counts as unmoved.",
  inZone:
    "a's centre (x, y) lies within the zone's rectangle (edges included) and a is not held. Height is not checked: a block standing on another over the zone counts.",
  ordered:
    'The centres\' x (or y) strictly increase in the order of `ids`: x from left to right, y from front to back ("a left of b" is `ordered` x `[a, b]`). ' +
    'Nothing else: not the spacing, not alignment (see `row`), not whether they are on the table.',
  row:
    `\`ordered\` along the axis, and every centre is within ${cmLimit(ROW_TOLERANCE)} of the row's line across it (the mean of the centres' y for an x row, x for a y row). ` +
    'Spacing is not checked. A grid is rows along x plus rows along y for its columns.',
  circle:
    "The centres lie around a centre C — the named object's centre, the point [x, y], or without `center` the mean of the ids' centres: " +
    `every id's horizontal distance from C is within ±${pct(CIRCLE_RADIUS_TOLERANCE)} of their mean, and going round C no two neighbours are more than ` +
    `${CIRCLE_GAP_FACTOR}× the even spacing apart (${deg((CIRCLE_GAP_FACTOR * 2 * Math.PI) / 6)} for six). Heights and the radius itself are not checked.`,
  all: 'Every predicate in the list holds. The detail names the ones that fail.',
  any: 'At least one predicate in the list holds.',
  not: 'The predicate does not hold.',
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
    case 'circle':
      return z.strictObject(
        {
          ids: z
            .array(id(), e)
            .min(3, e)
            .max(PREDICATE_LIMITS.maxListLength, { error: `expected at most ${PREDICATE_LIMITS.maxListLength} ids` }),
          center: z.union([id(), z.tuple([num(), num()], e)], e).exactOptional(),
        },
        e,
      );
    case 'ordered':
    case 'row':
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
  } else if ('row' in p) {
    for (const [i, id] of p.row.ids.entries()) obj(id, [...path, 'row', 'ids', i]);
  } else if ('circle' in p) {
    for (const [i, id] of p.circle.ids.entries()) obj(id, [...path, 'circle', 'ids', i]);
    if (typeof p.circle.center === 'string') obj(p.circle.center, [...path, 'circle', 'center']);
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
