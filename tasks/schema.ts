// The JSON task file (docs/architecture.md#tasks) as a zod schema. Every leaf carries its own "expected …"
// text so a bad file fails with one line a person can act on:
//   tasks/core/x.json: scene.objects[2].size: expected an array of 3 positive numbers
// Cross-references (duplicate ids, `on` targets, ids named by predicates) are checked
// after parsing, in task-file.ts, because they need the whole file.

import { z } from 'zod';
import { COLOR_NAMES, DIAGNOSIS_KINDS, FAILURE_KINDS, PredicateSchema, SHAPES, closestNames } from '../sim/index.ts';
import type { ColorName, DiagnosisKind, FailureKind, Shape, Vec2, Vec3 } from '../sim/index.ts';

// ---------------------------------------------------------------- message helpers

interface IssueLike {
  code?: string;
  input?: unknown;
  keys?: string[];
}

/** Error option for a leaf: "expected …", or "missing: expected …" when the key is absent. */
function expected(what: string) {
  return {
    error: (iss: IssueLike) => (iss.input === undefined ? `missing: expected ${what}` : `expected ${what}`),
  };
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** An enum whose error lists the choices and, for near misses, suggests one. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    error: (iss: IssueLike) => {
      if (iss.input === undefined) return `missing: expected ${what}: ${values.join(', ')}`;
      const near = typeof iss.input === 'string' ? closestNames(iss.input, values, 1) : [];
      const hint = near.length ? `; did you mean "${near[0]}"?` : '';
      return `expected ${what}: ${values.join(', ')} (got ${show(iss.input)}${hint})`;
    },
  });
}

/** A strict object: unknown keys are errors (typos like "colour" must not pass silently). */
function record<T extends z.ZodRawShape>(shape: T, what: string) {
  const keys = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss: IssueLike) => {
      if (iss.code === 'unrecognized_keys' && iss.keys?.length) {
        const key = iss.keys[0]!;
        const near = closestNames(key, keys, 1);
        const hint = near.length ? `did you mean "${near[0]}"? ` : '';
        return `unknown key "${key}" (${hint}allowed: ${keys.join(', ')})`;
      }
      return iss.input === undefined ? `missing: expected ${what}` : `expected ${what}`;
    },
  });
}

function numbers<T>(n: number, test: (x: number) => boolean, what: string) {
  return z.custom<T>(
    (v) => Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number' && Number.isFinite(x) && test(x)),
    expected(what),
  );
}

// ---------------------------------------------------------------- leaves

/** Longest `corrections` phrase (characters): they are things a person says, not paragraphs. */
export const CORRECTION_MAX_CHARS = 120;

/** Ids of tasks, objects and zones: lowercase words joined by underscores ("red_block"). */
export const ID_PATTERN = /^[a-z][a-z0-9_]*$/;
const Id = z.string(expected('an id of lowercase letters, digits and underscores, e.g. "red_block"')).regex(ID_PATTERN, {
  error: 'expected an id of lowercase letters, digits and underscores, e.g. "red_block"',
});

const Color = oneOf(COLOR_NAMES as unknown as readonly [ColorName, ...ColorName[]], 'a colour name');
const ShapeName = oneOf(SHAPES as unknown as readonly [Shape, ...Shape[]], 'a shape');

const Size = numbers<Vec3>(3, (x) => x > 0, 'an array of 3 positive numbers');
const Point2 = numbers<Vec2>(2, () => true, 'an array [x, y] of 2 numbers (metres)');
const Offset3 = numbers<Vec3>(3, () => true, 'an array [x, y, z] of 3 numbers (metres, in the object frame)');
const InnerSize = numbers<Vec2>(2, (x) => x > 0, 'an array [x, y] of 2 positive numbers (metres)');
const NonNegative = (what: string) => z.number(expected(what)).min(0, { error: `expected ${what}` });
const Positive = (what: string) => z.number(expected(what)).positive({ error: `expected ${what}` });

// ---------------------------------------------------------------- correction hints

/**
 * What a correction hint's `when` may name: a checkpoint's failure kind (FAILURE_KINDS), an
 * attempt's diagnosis kind (DIAGNOSIS_KINDS), both from sim/failure-kinds.ts, or "any".
 */
export type HintWhen = 'any' | FailureKind | DiagnosisKind;
export const HINT_WHEN_KINDS = [...new Set<HintWhen>(['any', ...FAILURE_KINDS, ...DIAGNOSIS_KINDS])] as [HintWhen, ...HintWhen[]];

/** How a correction goes on (policy/programmers/programmer.ts CORRECTION_MODES; tasks/ cannot import policy/). */
export const HINT_MODES = ['continue', 'restart'] as const;

const Phrase = z
  .string(expected('a short phrase'))
  .trim()
  .min(1, { error: 'expected a short phrase, not an empty string' })
  .max(CORRECTION_MAX_CHARS, { error: `expected a short phrase of at most ${CORRECTION_MAX_CHARS} characters` });

const HintObject = record(
  {
    /** The failure or diagnosis kind this is said on, or "any". */
    when: oneOf(HINT_WHEN_KINDS, 'a failure or diagnosis kind, or "any"'),
    say: Phrase,
    /** Go on from the world as it is (default) or restart from the seed. */
    mode: oneOf(HINT_MODES, 'a mode').optional(),
  },
  'a hint { when, say, mode? }',
);

/**
 * One correction hint: a phrase said on any failure, or { when, say, mode? }. Dispatched on
 * the input's type (not a union) so a bad hint reports its own problem at its own path
 * ("corrections[2].when: expected a failure or diagnosis kind …").
 */
export const CorrectionHintSchema = z.unknown().transform((v, ctx): string | z.infer<typeof HintObject> => {
  if (typeof v !== 'string' && (typeof v !== 'object' || v === null || Array.isArray(v))) {
    ctx.addIssue({ code: 'custom', message: `expected a phrase or { when, say, mode? } (got ${show(v)})` });
    return z.NEVER;
  }
  const r = typeof v === 'string' ? Phrase.safeParse(v) : HintObject.safeParse(v);
  if (r.success) return r.data;
  for (const iss of r.error.issues) ctx.addIssue({ code: 'custom', message: iss.message, path: iss.path as PropertyKey[] });
  return z.NEVER;
});

// ---------------------------------------------------------------- the file

/**
 * The hidden truth of an object, where it differs from what the task states (the object's
 * own size, mass and friction). The world is built from it; programmers are never told it.
 * Checks against the object (comOffset inside it, innerSize smaller than its interior,
 * innerSize only on a container) are in task-file.ts.
 */
export const HiddenSchema = record(
  {
    /** True friction coefficient. */
    friction: NonNegative('a non-negative number').optional(),
    /** True mass (kg). */
    mass: Positive('a positive number (kg)').optional(),
    /** True full extents (m), same form as `size`. */
    size: Size.optional(),
    /** Centre of mass, offset from the bounding-box centre in the object frame (m); must lie inside the object. */
    comOffset: Offset3.optional(),
    /** The object cannot be lifted, only pushed along the table. */
    fixed: z.boolean(expected('true or false')).optional(),
    /** Bowls and trays: the true usable inside [x, y] (m), smaller than the stated size gives (thicker walls). */
    innerSize: InnerSize.optional(),
  },
  'a hidden block { friction?, mass?, size?, comOffset?, fixed?, innerSize? }',
);

export const ObjectEntrySchema = record(
  {
    id: Id,
    shape: ShapeName,
    /** Full extents (m): box [x,y,z]; cylinder [d,d,h]; sphere [d,d,d]; bowl [outer d, outer d, h]; tray [x,y,h]. */
    size: Size,
    color: Color,
    /** Fixed [x, y] of the centre; without it (and without `on`) the object is placed at random in `layout`. */
    position: Point2.optional(),
    /** ± metres added to a fixed position along x and y, uniformly. */
    jitter: NonNegative('a non-negative number (metres)').optional(),
    /** Start stacked on (or, for a container, inside) this other object. */
    on: Id.optional(),
    /** Fixed yaw (radians); otherwise 0, or random for boxes when layout.randomYaw is set. */
    yaw: z.number(expected('a number (radians)')).optional(),
    mass: Positive('a positive number (kg)').optional(),
    friction: NonNegative('a non-negative number').optional(),
    /** The truth where it differs from the stated values above; never shown to programmers. */
    hidden: HiddenSchema.optional(),
  },
  'an object { id, shape, size, color, position?, jitter?, on?, yaw?, mass?, friction?, hidden? }',
);

export const ZoneEntrySchema = record({ id: Id, min: Point2, max: Point2, color: Color }, 'a zone { id, min: [x, y], max: [x, y], color }');

export const LayoutSchema = record(
  {
    /** Corners of the area random objects are placed in; their whole footprint stays inside. */
    min: Point2.optional(),
    max: Point2.optional(),
    /** Clearance between the footprints (circles) of neighbouring objects (m). */
    minGap: NonNegative('a non-negative number (metres)').optional(),
    /** Give boxes (without a fixed yaw) a random yaw. */
    randomYaw: z.boolean(expected('true or false')).optional(),
    /** Groups of 2+ objects with fixed positions whose spots are dealt among them per seed. */
    shuffle: z
      .array(
        z.array(Id, expected('a list of object ids')).min(2, expected('2 or more object ids')),
        expected('a list of groups of object ids'),
      )
      .optional(),
  },
  'a layout { min?, max?, minGap?, randomYaw?, shuffle? }',
);

const DistractorCount = z.union(
  [z.number().int().min(0).max(12), numbers<Vec2>(2, (x) => Number.isInteger(x) && x >= 0 && x <= 12, 'x').refine((v) => v[0] <= v[1])],
  expected('a whole number 0..12, or [min, max] of two whole numbers 0..12'),
);

export const DistractorsSchema = record(
  {
    count: DistractorCount,
    /** Shapes to draw from (default: box, cylinder). */
    shapes: z.array(ShapeName, expected('an array of shapes')).min(1, { error: 'expected at least one shape' }).optional(),
  },
  'distractors { count, shapes? }',
);

export const SceneSchema = record(
  {
    objects: z.array(ObjectEntrySchema, expected('an array of objects')).min(1, { error: 'expected at least one object' }),
    zones: z.array(ZoneEntrySchema, expected('an array of zones')).optional(),
    layout: LayoutSchema.optional(),
    distractors: DistractorsSchema.optional(),
  },
  'a scene { objects, zones?, layout?, distractors? }',
);

export const TaskFileSchema = record(
  {
    id: Id,
    instruction: z.string(expected('the instruction, a sentence')).trim().min(1, { error: 'expected the instruction, a sentence' }),
    description: z.string(expected('a string')).optional(),
    tags: z.array(z.string(expected('a string')), expected('an array of strings')).optional(),
    scene: SceneSchema,
    /** What must hold at the end: sim's PredicateSchema, whose issues read `success.all[1].on: expected …`. */
    success: PredicateSchema,
    /** Simulated-seconds budget of one attempt. */
    timeLimit: Positive('a positive number of seconds').optional(),
    /**
     * Phrases a person would say watching the task's typical failure ("grasp it from the
     * side"), each either a string (said on any failure) or { when, say, mode? } (said
     * when the run failed that way); never shown to programmers (the SimulatedCorrector
     * reads them).
     */
    corrections: z.array(CorrectionHintSchema, expected('an array of phrases or { when, say, mode? } hints')).optional(),
    /** The program that solves the task: inline JavaScript, or a path ending in .js relative to the task file. */
    reference: z.string(expected('a program (JavaScript) or a path to a .js file')).min(1, {
      error: 'expected a program (JavaScript) or a path to a .js file',
    }),
  },
  'a task object { id, instruction, scene, success, reference, ... }',
);

export type HiddenEntry = z.infer<typeof HiddenSchema>;
export type ObjectEntry = z.infer<typeof ObjectEntrySchema>;
export type ZoneEntry = z.infer<typeof ZoneEntrySchema>;
export type LayoutEntry = z.infer<typeof LayoutSchema>;
export type DistractorsEntry = z.infer<typeof DistractorsSchema>;
export type TaskFile = z.infer<typeof TaskFileSchema>;
export type CorrectionHintEntry = z.infer<typeof CorrectionHintSchema>;
