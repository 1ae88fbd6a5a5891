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
  LINE_AXIS_LIMIT,
  LINE_DIAGONAL_MAX,
  LINE_DIAGONAL_MIN,
  LINE_GAP_TOLERANCE,
  LINE_OVERLAP_SLACK,
  LINE_TOLERANCE,
  OFFSET_LATERAL,
  ON_EDGE_TOLERANCE,
  ON_GAP_ABOVE,
  ON_GAP_BELOW,
  ON_TABLE_GAP,
  REGION_REST_HEIGHT,
  ROW_TOLERANCE,
  UPRIGHT_LIMIT,
} from './predicates.ts';
import {
  DEFAULT_VARIABLE,
  isVariable,
  REFERENT_TIE,
  SELECTOR_FIELDS,
  SELECTOR_RANKINGS,
  VARIABLE_PATTERN,
  VOLUME_TIE,
} from './selectors.ts';
import { isTableRegionName, PHRASE_DISTANCES, TABLE_REGION_NAMES, TABLE_REGIONS } from './table-regions.ts';
import type { ObjRef, Predicate, Quantified, RegionRef, Selector } from './types.ts';
import { COLOR_NAMES, SHAPES } from './types.ts';

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
  'inRegion',
  'offset',
  'ordered',
  'row',
  'line',
  'circle',
  'every',
  'some',
  'distinct',
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
  inRegion: `[object id, table region (${TABLE_REGION_NAMES.join(', ')}) or { "corner": { "closestTo" or "farthestFrom": object id } }]`,
  offset:
    '{ "id": object id, "from": object id, "direction": "left", "right", "top" or "bottom", "min": metres >= 0, "max": metres >= min, "lateral"?: metres > 0 }',
  ordered: '{ "ids": [2 or more object ids] or "select": selector, "axis": "x" or "y", "by"?: "size", "descending"?: true or false }',
  row: '{ "ids": [2 or more object ids] or "select": selector, "axis": "x" or "y" }',
  line: '{ "ids": [2 or more object ids] or "select": selector, "direction": "horizontal", "vertical", "diagonal" or "any", "tolerance"?: metres > 0 }',
  circle: '{ "ids": [3 or more object ids] or "select": selector, "center"?: object id or [x, y] }',
  every: '{ "select": selector, "as"?: "$name", "holds": predicate }',
  some: '{ "select": selector, "as"?: "$name", "holds": predicate }',
  distinct: '{ "select": selector, "among": [table regions, zone ids or container ids] }',
  all: 'a non-empty array of predicates',
  any: 'a non-empty array of predicates',
  not: 'a predicate',
};

const pct = (f: number): string => `${Math.round(f * 100)}%`;
const mmText = (v: number): string => `${Math.round(v * 1000)} mm`;

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
  inRegion:
    "a's centre (x, y) lies within the named region of the table (edges included) and a rests there: it is not held and its lowest point is less than " +
    `${cmLimit(REGION_REST_HEIGHT)} above the table top (on the table, in a bowl or on a stack in the region all count). The regions need no zone in the scene; ` +
    `they follow the top camera's image (+y is the top, the far side from the robot; +x is the right): ${TABLE_REGION_NAMES.map((n) => `\`${n}\` ${TABLE_REGIONS[n].text}`).join('; ')} (a corner is also in its two sides). A corner may be named by an object instead: \`{ "corner": { "closestTo": b } }\` is the corner whose anchor (the middle of the corner region) is nearest to b's centre at the start of the attempt, \`farthestFrom\` the farthest; corners within 2 mm of each other make it ambiguous (it fails).`,
  offset:
    'a lies on that side of b (left: −x, right: +x, top: +y, bottom: −y): the gap between their footprints along the axis, edge to edge ' +
    "(a's near edge minus b's far edge, from their world bounding boxes), is between `min` and `max`; their centres differ across the axis by at most `lateral` " +
    `(default ${cmLimit(OFFSET_LATERAL)}); and a is not held. A negative gap (overlapping, or on the other side) never holds. ` +
    `"A little to the right of b" is \`min\` ${cmLimit(PHRASE_DISTANCES.little.min)}, \`max\` ${cmLimit(PHRASE_DISTANCES.little.max)}; ` +
    `"a lot" is ${cmLimit(PHRASE_DISTANCES.lot.min)} to ${cmLimit(PHRASE_DISTANCES.lot.max)}.`,
  ordered:
    'The centres\' x (or y) strictly increase in the order of `ids`: x from left to right, y from front to back ("a left of b" is `ordered` x `[a, b]`); ' +
    'with `descending: true` they strictly decrease. With `by: "size"` the objects (listed or selected) are taken smallest first by volume (objects of equal volume, ' +
    `within ${pct(VOLUME_TIE)}, in either order), so "sorted by size from left to right" is \`{ "select": …, "axis": "x", "by": "size" }\`. ` +
    '`select` needs `by` (a selection has no order of its own). Nothing else: not the spacing, not alignment (see `row`), not whether they are on the table.',
  line:
    `The centres (2 or more, listed or selected) lie within \`tolerance\` (default ${cmLimit(LINE_TOLERANCE)}) of one straight line, the best fit through them ` +
    `(least perpendicular distance); its heading matches \`direction\` — horizontal: within ${deg(LINE_AXIS_LIMIT)} of the x axis, vertical: within ${deg(LINE_AXIS_LIMIT)} of the y axis, ` +
    `diagonal: between ${deg(LINE_DIAGONAL_MIN)} and ${deg(LINE_DIAGONAL_MAX)} from the x axis either way, any: any heading; they are evenly spaced: every gap between neighbouring centres along the line is within ` +
    `±${pct(LINE_GAP_TOLERANCE)} of the mean gap; no two neighbours' footprints (world bounding boxes) overlap by more than ${cmLimit(LINE_OVERLAP_SLACK)}; and none is held. ` +
    'With 2 objects only the heading, the overlap and the holding are checked. The order along the line is free.',
  row:
    `\`ordered\` along the axis, and every centre is within ${cmLimit(ROW_TOLERANCE)} of the row's line across it (the mean of the centres' y for an x row, x for a y row). ` +
    'Spacing is not checked. A grid is rows along x plus rows along y for its columns. With `select`, the selected objects are taken in the order of their centres along the axis.',
  circle:
    "The centres (listed or selected) lie around a centre C — the named object's centre, the point [x, y], or without `center` the mean of the objects' centres: " +
    `every id's horizontal distance from C is within ±${pct(CIRCLE_RADIUS_TOLERANCE)} of their mean, and going round C no two neighbours are more than ` +
    `${CIRCLE_GAP_FACTOR}× the even spacing apart (${deg((CIRCLE_GAP_FACTOR * 2 * Math.PI) / 6)} for six). Heights and the radius itself are not checked.`,
  every:
    '`holds` holds for every object `select` picks (at the start of the episode), with the variable `as` (default `"$"`) standing for it wherever a predicate takes an object. ' +
    'False when the selection is empty. The detail names the objects that fail and why.',
  some: '`holds` holds for at least one object `select` picks, with the variable `as` (default `"$"`) standing for it. False when the selection is empty.',
  distinct:
    'Every object `select` picks is in one of the places and no two share one. A place is a table region (as `inRegion`), a zone id (as `inZone`) or a container id (as `inside`). ' +
    'An object is in the first place of `among` that holds it; when two share a place, the later one in the selection fails. False when the selection is empty.',
  all: 'Every predicate in the list holds. The detail names the ones that fail.',
  any: 'At least one predicate in the list holds.',
  not: 'The predicate does not hold.',
};

/**
 * Object references and selectors in words (docs/api.md): what may stand wherever a
 * predicate takes an object id, and how a selector picks.
 */
export const REFERENCE_DEFINITION =
  'Wherever a predicate takes an object id (both places of `on` and `inside`, the target of `near`, the ids, `select`ed members and centre of ' +
  '`ordered` / `row` / `line` / `circle`, `id` and `from` of `offset`) it also takes a reference: a `"$name"` variable bound by an enclosing `every` / `some`, ' +
  'or `{ "the": selector }`, the one object the selector picks from the scene at the start of the episode (the snapshot taken when the attempt began), ' +
  'so "the block closest to the bowl" stays the same block while the program moves things. A `the` that picks no object, or more than one, makes the ' +
  'predicate false with a detail saying the referent is empty or ambiguous (ranking ties count: distances or positions within ' +
  `${mmText(REFERENT_TIE)} of the next candidate's, volumes within ${pct(VOLUME_TIE)}).`;

export const SELECTOR_DEFINITION =
  'A selector is an object of these fields, all optional, evaluated on the scene at the start of the episode. Filters first: `shape` (a shape or a list), ' +
  '`color`, `notColor` (a colour or a list), `kind` (`"object"`: not a bowl or tray; `"container"`: a bowl or tray), `exclude` (a list of objects), ' +
  '`sameColorAs` / `differentColorFrom` (an object; `sameColorAs` never picks that object itself), `side`: `{ "of": object, "direction": "left" | "right" | "top" | "bottom" }` ' +
  "(the candidate's centre minus `of`'s centre, dx, dy: left is dx < 0 and |dx| > |dy|, right dx > 0 and |dx| > |dy|, top dy > 0 and |dy| > |dx|, bottom dy < 0 and |dy| > |dx|; " +
  "top is +y, the far side of the top camera's image). Then at most one ranking: `closestTo` / `farthestFrom` (an object, never picked itself; by horizontal centre distance), " +
  '`nth`: `{ "n": 1-based, "from": "left" | "right" | "top" | "bottom" }` (counting centres along x or y from that side), `largest` / `smallest`: n (the n biggest or smallest by volume; ' +
  'fewer when fewer fit). Without a ranking a selector picks every object that passes the filters, in scene order. Ids inside a selector must exist in the scene.';

/** Bounds every predicate is held to (a program's `expect` is untrusted input). */
export const PREDICATE_LIMITS = {
  /** Longest id (characters). */
  maxIdLength: 100,
  /** Most predicates in one `all` / `any`, most ids in one `ordered`. */
  maxListLength: 64,
  /** Deepest nesting of predicates (the top one is depth 0). */
  maxDepth: 16,
  /** Deepest nesting of `{ "the": selector }` references inside one another. */
  maxSelectorDepth: 4,
} as const;

// ------------------------------------------------------------------ the schema

const KINDS_TEXT = PREDICATE_KINDS.join(', ');
const NOT_A_PREDICATE = `expected a predicate, an object with one key of ${KINDS_TEXT}`;
const ID_TOO_LONG = `expected an id of at most ${PREDICATE_LIMITS.maxIdLength} characters`;
const LIST_TOO_LONG = `expected at most ${PREDICATE_LIMITS.maxListLength} predicates`;
const IDS_TOO_LONG = `expected at most ${PREDICATE_LIMITS.maxListLength} ids`;
const REF_FORM = 'an object id, a "$variable" bound by every / some, or { "the": selector }';
const DIRECTIONS = ['left', 'right', 'top', 'bottom'] as const;
const LINE_DIRECTIONS = ['horizontal', 'vertical', 'diagonal', 'any'] as const;

/** An enum whose issue names the bad value and the nearest good one: `"bok" is not a shape (did you mean "box"?)`. */
function named<T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    error: (iss) => {
      const v = iss.input;
      if (typeof v !== 'string') return `expected ${what}: ${values.join(', ')}`;
      const near = closestNames(v, values, 1);
      return `${JSON.stringify(v)} is not ${what}${near.length ? ` (did you mean "${near[0]}"?)` : ''}; expected one of ${values.join(', ')}`;
    },
  });
}

/** One value or a non-empty list of them (an issue names the bad item). */
function oneOrMany<T extends z.ZodType>(item: T, what: string) {
  return dispatch((v) =>
    Array.isArray(v)
      ? z
          .array(item)
          .min(1, { error: `expected ${what} or a non-empty list of them` })
          .max(PREDICATE_LIMITS.maxListLength, { error: IDS_TOO_LONG })
      : item,
  ) as unknown as z.ZodType<z.output<T> | z.output<T>[]>;
}

/**
 * A schema chosen by the input's type, whose issues keep their own paths and messages
 * (a zod union would hide the inner issue behind "no option matched").
 */
function dispatch(pick: (v: unknown) => z.ZodType | string): z.ZodType {
  return z.unknown().check((ctx) => {
    const chosen = pick(ctx.value);
    if (typeof chosen === 'string') {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: chosen });
      return;
    }
    const r = chosen.safeParse(ctx.value);
    if (!r.success) for (const iss of r.error.issues) ctx.issues.push({ ...iss, input: ctx.value } as never);
  });
}

function idString(error: string): z.ZodType<string> {
  return z
    .string({ error })
    .min(1, { error })
    .max(PREDICATE_LIMITS.maxIdLength, { error: ID_TOO_LONG })
    .check((ctx) => {
      const v = ctx.value;
      if (v.startsWith('$') && !VARIABLE_PATTERN.test(v)) {
        ctx.issues.push({
          code: 'custom',
          input: v,
          message: `${JSON.stringify(v)} is not a variable name: expected "$" followed by letters, digits or _`,
        });
      }
    });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/** An object reference (ObjRef); `error` is the message for a value of the wrong type. */
function refSchema(error: string, level = 0): z.ZodType<ObjRef> {
  const id = idString(error);
  let the: z.ZodType | null = null;
  return dispatch((v) => {
    if (typeof v === 'string') return id;
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      if (keys.length !== 1 || keys[0] !== 'the') {
        return `expected ${REF_FORM} (got an object with ${keys.length ? keys.map((k) => `"${k}"`).join(', ') : 'no keys'})`;
      }
      if (level >= PREDICATE_LIMITS.maxSelectorDepth) {
        return `references nested too deeply (at most ${PREDICATE_LIMITS.maxSelectorDepth} "the" inside one another)`;
      }
      the ??= z.strictObject({ the: selectorAt(level) }, { error: `expected ${REF_FORM}` });
      return the;
    }
    return error;
  }) as unknown as z.ZodType<ObjRef>;
}

const SELECTOR_FIELDS_TEXT = SELECTOR_FIELDS.join(', ');
const selectorLevels: z.ZodType<Selector>[] = [];

/** A selector whose references may nest `level` deep already. */
function selectorAt(level: number): z.ZodType<Selector> {
  return (selectorLevels[level] ??= z.lazy(() => {
    const ref = (what: string) => refSchema(`expected ${what}: ${REF_FORM}`, level + 1);
    const count = (what: string) =>
      z
        .number({ error: `expected ${what}` })
        .int({ error: `expected ${what}` })
        .min(1, { error: `expected ${what}` });
    const shape = oneOrMany(named(SHAPES, 'a shape'), 'a shape');
    const color = oneOrMany(named(COLOR_NAMES, 'a colour'), 'a colour');
    return z
      .strictObject(
        {
          shape: shape.exactOptional(),
          color: color.exactOptional(),
          notColor: color.exactOptional(),
          kind: named(['object', 'container'], 'a kind').exactOptional(),
          exclude: z
            .array(ref('an object'), { error: `expected a list of objects (${REF_FORM})` })
            .max(PREDICATE_LIMITS.maxListLength, { error: IDS_TOO_LONG })
            .exactOptional(),
          sameColorAs: ref('an object').exactOptional(),
          differentColorFrom: ref('an object').exactOptional(),
          side: z
            .strictObject(
              { of: ref('an object'), direction: named(DIRECTIONS, 'a direction') },
              { error: 'expected { "of": object, "direction": "left", "right", "top" or "bottom" }' },
            )
            .exactOptional(),
          closestTo: ref('an object').exactOptional(),
          farthestFrom: ref('an object').exactOptional(),
          nth: z
            .strictObject(
              { n: count('a whole number >= 1'), from: named(DIRECTIONS, 'a direction') },
              { error: 'expected { "n": whole number >= 1, "from": "left", "right", "top" or "bottom" }' },
            )
            .exactOptional(),
          largest: count('a whole number >= 1 (how many)').exactOptional(),
          smallest: count('a whole number >= 1 (how many)').exactOptional(),
        },
        {
          error: (iss) => {
            if (iss.code === 'unrecognized_keys' && iss.keys?.length) {
              const key = iss.keys[0]!;
              const near = closestNames(key, SELECTOR_FIELDS, 1);
              return `unknown selector field "${key}"${near.length ? ` (did you mean "${near[0]}"?)` : ''}; expected ${SELECTOR_FIELDS_TEXT}`;
            }
            return `expected a selector, an object with any of ${SELECTOR_FIELDS_TEXT}`;
          },
        },
      )
      .check((ctx) => {
        const rankings = SELECTOR_RANKINGS.filter((k) => ctx.value[k] !== undefined);
        if (rankings.length > 1) {
          ctx.issues.push({
            code: 'custom',
            input: ctx.value,
            message: `expected at most one ranking of ${SELECTOR_RANKINGS.join(', ')} (got ${rankings.join(', ')})`,
          });
        }
      });
  }) as unknown as z.ZodType<Selector>);
}

/** The `ids` / `select` members of an arrangement: exactly one of the two. */
function membersCheck(kind: PredicateKind) {
  return (ctx: { value: Record<string, unknown>; issues: unknown[] }): void => {
    const v = ctx.value;
    const has = (k: string): boolean => v[k] !== undefined;
    const push = (message: string): void => void ctx.issues.push({ code: 'custom', input: v, message });
    if (has('ids') && has('select')) push(`expected "ids" or "select", not both (${PREDICATE_FORMS[kind]})`);
    else if (!has('ids') && !has('select')) push(`expected "ids" (a list of objects) or "select" (a selector): ${PREDICATE_FORMS[kind]}`);
    else if (kind === 'ordered' && has('select') && v.by === undefined) {
      push('ordered with "select" needs "by": "size" (a selection has no order of its own; list the ids to give one)');
    }
  };
}

/** The argument schema of one kind: every issue inside it says what the kind takes. */
function argumentOf(kind: PredicateKind, next: () => z.ZodType<Predicate>): z.ZodType {
  const error = `expected ${PREDICATE_FORMS[kind]}`;
  const e = { error };
  const id = () => idString(error);
  const ref = () => refSchema(error);
  const num = () => z.number(e);
  const point = () => z.array(num(), e).min(2, e).max(3, e);
  const refs = (min: number) => z.array(ref(), e).min(min, e).max(PREDICATE_LIMITS.maxListLength, { error: IDS_TOO_LONG });
  const select = () => selectorAt(0);
  const centre = () => {
    const [asPoint, asRef] = [z.tuple([num(), num()], e), ref()];
    return dispatch((v) => (Array.isArray(v) ? asPoint : asRef));
  };
  const quantified = () =>
    z.strictObject(
      {
        select: select(),
        as: z
          .string(e)
          .regex(VARIABLE_PATTERN, { error: 'expected a variable name: "$" followed by letters, digits or _' })
          .max(PREDICATE_LIMITS.maxIdLength, { error: ID_TOO_LONG })
          .exactOptional(),
        holds: next(),
      },
      e,
    );
  switch (kind) {
    case 'grasped':
    case 'upright':
    case 'onTable':
      return ref();
    case 'on':
    case 'inside':
      return z.tuple([ref(), ref()], e);
    case 'inZone':
      return z.tuple([ref(), id()], e);
    case 'inRegion':
      return z.tuple([ref(), regionRef(named(TABLE_REGION_NAMES, 'a table region'), ref(), e)], e);
    case 'above':
      return z.tuple([ref(), num().min(0, e)], e);
    case 'unmoved':
      return z.tuple([ref(), num().positive(e)], e);
    case 'near': {
      const [asPoint, asRef] = [point(), ref()];
      return z.tuple([ref(), dispatch((v) => (Array.isArray(v) ? asPoint : asRef)), num().positive(e)], e);
    }
    case 'offset':
      return z
        .strictObject(
          {
            id: ref(),
            from: ref(),
            direction: named(DIRECTIONS, 'a direction'),
            min: num().min(0, e),
            max: num().min(0, e),
            lateral: num().positive(e).exactOptional(),
          },
          e,
        )
        .check((ctx) => {
          if (ctx.value.max < ctx.value.min) {
            ctx.issues.push({ code: 'custom', input: ctx.value, path: ['max'], message: `expected max >= min (${ctx.value.min})` });
          }
        });
    case 'circle':
      return z
        .strictObject(
          {
            ids: refs(3).exactOptional(),
            select: select().exactOptional(),
            center: centre().exactOptional(),
          },
          e,
        )
        .check(membersCheck(kind));
    case 'ordered':
      return z
        .strictObject(
          {
            ids: refs(2).exactOptional(),
            select: select().exactOptional(),
            axis: z.enum(['x', 'y'], e),
            by: z.literal('size', e).exactOptional(),
            descending: z.boolean(e).exactOptional(),
          },
          e,
        )
        .check(membersCheck(kind));
    case 'row':
      return z
        .strictObject({ ids: refs(2).exactOptional(), select: select().exactOptional(), axis: z.enum(['x', 'y'], e) }, e)
        .check(membersCheck(kind));
    case 'line':
      return z
        .strictObject(
          {
            ids: refs(2).exactOptional(),
            select: select().exactOptional(),
            direction: named(LINE_DIRECTIONS, 'a line direction'),
            tolerance: num().positive(e).exactOptional(),
          },
          e,
        )
        .check(membersCheck(kind));
    case 'every':
    case 'some':
      return quantified();
    case 'distinct':
      return z.strictObject(
        {
          select: select(),
          among: z
            .array(id(), e)
            .min(1, e)
            .max(PREDICATE_LIMITS.maxListLength, { error: `expected at most ${PREDICATE_LIMITS.maxListLength} places` })
            .check((ctx) => {
              for (const [i, place] of ctx.value.entries()) {
                if (place.startsWith('$')) {
                  ctx.issues.push({
                    code: 'custom',
                    input: place,
                    path: [i],
                    message: `expected a place (table region, zone id or container id), not the variable ${place}`,
                  });
                }
              }
            }),
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
 * the JSON path of the bad value within the predicate. A "$variable" used where no
 * enclosing every / some binds it is an issue at its path.
 */
/** A table region by name, or `{ corner: { closestTo | farthestFrom: ref } }`; the error is the one of the form the input has. */
function regionRef(byName: z.ZodType, objRef: z.ZodType, e: { error: string }): z.ZodType<RegionRef> {
  const byObject = z.strictObject(
    { corner: z.union([z.strictObject({ closestTo: objRef }, e), z.strictObject({ farthestFrom: objRef }, e)], e) },
    e,
  );
  return z
    .custom<RegionRef>(() => true)
    .check((ctx) => {
      const r = (typeof ctx.value === 'string' ? byName : byObject).safeParse(ctx.value);
      if (r.success) return;
      for (const issue of r.error.issues) ctx.issues.push({ code: 'custom', input: ctx.value, path: issue.path, message: issue.message });
    });
}

export const PredicateSchema: z.ZodType<Predicate> = predicateAt(0).check((ctx) => {
  if (ctx.issues.length > 0) return;
  walkPredicate(ctx.value, [], new Set(), {
    ref(ref, path, _role, scope) {
      if (isVariable(ref) && !scope.has(ref)) {
        const bound = [...scope];
        ctx.issues.push({
          code: 'custom',
          input: ref,
          path,
          message: `the variable ${ref} is not bound here: ${bound.length ? `the enclosing every / some bind ${bound.join(', ')}` : 'use it inside an every or some (their "as", default "$")'}`,
        });
      }
    },
  });
}) as z.ZodType<Predicate>;

// ------------------------------------------------------------------ walking the references a predicate names

type Path = (string | number)[];

interface RefVisitor {
  /** A string reference: a plain id or a variable, with the role it plays there ('table' never reaches it). */
  ref?(ref: string, path: Path, role: 'object' | 'container', scope: ReadonlySet<string>): void;
  /** A zone id (inZone). */
  zone?(id: string, path: Path): void;
  /** A place of `distinct.among` (table region name, zone id or container id). */
  place?(place: string, path: Path): void;
}

/** Visits every reference in a predicate, selectors included, with the variables bound at each. */
function walkPredicate(p: Predicate, path: Path, scope: ReadonlySet<string>, v: RefVisitor): void {
  const ref = (r: ObjRef, at: Path, role: 'object' | 'container' = 'object'): void => walkRef(r, at, role, scope, v);
  const members = (m: { ids?: ObjRef[]; select?: Selector }, at: Path): void => {
    if (m.ids) for (const [i, r] of m.ids.entries()) ref(r, [...at, 'ids', i]);
    if (m.select) walkSelector(m.select, [...at, 'select'], scope, v);
  };
  if ('grasped' in p) ref(p.grasped, [...path, 'grasped']);
  else if ('upright' in p) ref(p.upright, [...path, 'upright']);
  else if ('onTable' in p) ref(p.onTable, [...path, 'onTable']);
  else if ('on' in p) {
    ref(p.on[0], [...path, 'on', 0]);
    if (p.on[1] !== 'table') ref(p.on[1], [...path, 'on', 1]);
  } else if ('inside' in p) {
    ref(p.inside[0], [...path, 'inside', 0]);
    ref(p.inside[1], [...path, 'inside', 1], 'container');
  } else if ('inZone' in p) {
    ref(p.inZone[0], [...path, 'inZone', 0]);
    v.zone?.(p.inZone[1], [...path, 'inZone', 1]);
  } else if ('inRegion' in p) {
    ref(p.inRegion[0], [...path, 'inRegion', 0]);
    const r = p.inRegion[1];
    if (typeof r !== 'string') {
      if ('closestTo' in r.corner) ref(r.corner.closestTo, [...path, 'inRegion', 1, 'corner', 'closestTo']);
      else ref(r.corner.farthestFrom, [...path, 'inRegion', 1, 'corner', 'farthestFrom']);
    }
  } else if ('above' in p) ref(p.above[0], [...path, 'above', 0]);
  else if ('unmoved' in p) ref(p.unmoved[0], [...path, 'unmoved', 0]);
  else if ('near' in p) {
    ref(p.near[0], [...path, 'near', 0]);
    if (!Array.isArray(p.near[1])) ref(p.near[1] as ObjRef, [...path, 'near', 1]);
  } else if ('offset' in p) {
    ref(p.offset.id, [...path, 'offset', 'id']);
    ref(p.offset.from, [...path, 'offset', 'from']);
  } else if ('ordered' in p) members(p.ordered, [...path, 'ordered']);
  else if ('row' in p) members(p.row, [...path, 'row']);
  else if ('line' in p) members(p.line, [...path, 'line']);
  else if ('circle' in p) {
    members(p.circle, [...path, 'circle']);
    const c = p.circle.center;
    if (c !== undefined && !Array.isArray(c)) ref(c as ObjRef, [...path, 'circle', 'center']);
  } else if ('every' in p || 'some' in p) {
    const key = 'every' in p ? 'every' : 'some';
    const q = 'every' in p ? p.every : (p as { some: Quantified }).some;
    walkSelector(q.select, [...path, key, 'select'], scope, v);
    walkPredicate(q.holds, [...path, key, 'holds'], new Set([...scope, q.as ?? DEFAULT_VARIABLE]), v);
  } else if ('distinct' in p) {
    walkSelector(p.distinct.select, [...path, 'distinct', 'select'], scope, v);
    for (const [i, place] of p.distinct.among.entries()) v.place?.(place, [...path, 'distinct', 'among', i]);
  } else if ('all' in p) for (const [i, q] of p.all.entries()) walkPredicate(q, [...path, 'all', i], scope, v);
  else if ('any' in p) for (const [i, q] of p.any.entries()) walkPredicate(q, [...path, 'any', i], scope, v);
  else walkPredicate(p.not, [...path, 'not'], scope, v);
}

function walkRef(r: ObjRef, path: Path, role: 'object' | 'container', scope: ReadonlySet<string>, v: RefVisitor): void {
  if (typeof r === 'string') v.ref?.(r, path, role, scope);
  else walkSelector(r.the, [...path, 'the'], scope, v);
}

function walkSelector(sel: Selector, path: Path, scope: ReadonlySet<string>, v: RefVisitor): void {
  const ref = (r: ObjRef, at: Path): void => walkRef(r, at, 'object', scope, v);
  if (sel.exclude) for (const [i, r] of sel.exclude.entries()) ref(r, [...path, 'exclude', i]);
  if (sel.sameColorAs !== undefined) ref(sel.sameColorAs, [...path, 'sameColorAs']);
  if (sel.differentColorFrom !== undefined) ref(sel.differentColorFrom, [...path, 'differentColorFrom']);
  if (sel.side) ref(sel.side.of, [...path, 'side', 'of']);
  if (sel.closestTo !== undefined) ref(sel.closestTo, [...path, 'closestTo']);
  if (sel.farthestFrom !== undefined) ref(sel.farthestFrom, [...path, 'farthestFrom']);
}

/**
 * One id a predicate names, with the JSON path of the mention (for cross-checks against a
 * scene). `place`: a `distinct.among` entry that is not a table region name — a zone id or
 * a container id.
 */
export interface PredicateRef {
  kind: 'object' | 'container' | 'zone' | 'place';
  id: string;
  path: (string | number)[];
}

/**
 * Ids a predicate names, in order of appearance: objects ('table' and "$variables"
 * excluded, ids inside selectors included), containers, zones and places (table region
 * names excluded). What a `{ "the": … }` reference picks depends on the scene and is not listed.
 */
export function predicateRefs(p: Predicate, path: (string | number)[] = []): PredicateRef[] {
  const out: PredicateRef[] = [];
  walkPredicate(p, path, new Set(), {
    ref(id, at, role) {
      if (!isVariable(id)) out.push({ kind: role, id, path: at });
    },
    zone(id, at) {
      out.push({ kind: 'zone', id, path: at });
    },
    place(id, at) {
      if (!isTableRegionName(id)) out.push({ kind: 'place', id, path: at });
    },
  });
  return out;
}

/** Object ids a predicate refers to (containers included; zones, places, variables and 'table' excluded), once each, in order. */
export function predicateObjectIds(p: Predicate): string[] {
  return [
    ...new Set(
      predicateRefs(p)
        .filter((r) => r.kind === 'object' || r.kind === 'container')
        .map((r) => r.id),
    ),
  ];
}

/** Zone ids a predicate refers to (by inZone), once each, in order. */
export function predicateZoneIds(p: Predicate): string[] {
  return [
    ...new Set(
      predicateRefs(p)
        .filter((r) => r.kind === 'zone')
        .map((r) => r.id),
    ),
  ];
}

/** Places of `distinct` that are not table regions (zone or container ids), once each, in order. */
export function predicatePlaceIds(p: Predicate): string[] {
  return [
    ...new Set(
      predicateRefs(p)
        .filter((r) => r.kind === 'place')
        .map((r) => r.id),
    ),
  ];
}

/**
 * The predicate with a variable replaced by an object id wherever it stands for an object
 * (not inside an every / some that binds the same name again): the `holds` of a quantifier
 * for one of its objects, as the diagnosis names a failing part.
 */
export function bindVariable(p: Predicate, name: string, id: string): Predicate {
  const sub = (v: unknown): unknown => {
    if (v === name) return id;
    if (Array.isArray(v)) return v.map(sub);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    for (const key of ['every', 'some'] as const) {
      const q = o[key] as Quantified | undefined;
      if (q && Object.keys(o).length === 1 && typeof q === 'object' && 'holds' in q) {
        const rebinds = (q.as ?? DEFAULT_VARIABLE) === name;
        return { [key]: { ...q, select: sub(q.select), holds: rebinds ? q.holds : sub(q.holds) } };
      }
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, sub(x)]));
  };
  return sub(p) as Predicate;
}
