// The JSON task file (docs/architecture.md#tasks) as a zod schema. Every leaf carries its own "expected …"
// text so a bad file fails with one line a person can act on:
//   tasks/core/x.json: scene.objects[2].size: expected an array of 3 positive numbers
// Cross-references (duplicate ids, `on` targets, ids named by predicates) are checked
// after parsing, in task-file.ts, because they need the whole file.

import { z } from 'zod';
import {
  COLOR_NAMES,
  DIAGNOSIS_KINDS,
  FAILURE_KINDS,
  MAX_TIME_LIMIT,
  PREDICATE_LIMITS,
  PredicateSchema,
  SHAPES,
  TABLE,
  TABLE_REGION_NAMES,
  closestNames,
} from '../sim/index.ts';
import type { ColorName, DiagnosisKind, FailureKind, Shape, Vec2, Vec3 } from '../sim/index.ts';

// ---------------------------------------------------------------- limits

/**
 * What one task file may hold. Each bound is stated in the error that enforces it; the
 * loader checks the file's kind, size and nesting before parsing anything, so no input
 * hangs it, exhausts its memory or overflows its stack (tasks/TEMPLATE.md#limits).
 */
export const TASK_LIMITS = {
  /** Largest task file, and largest reference program file (bytes). */
  maxFileBytes: 1024 * 1024,
  /** Deepest nesting of arrays and objects in the whole file (a predicate nests at most PREDICATE_LIMITS.maxDepth). */
  maxJsonDepth: 64,
  /** Most JSON values (objects, arrays, strings, numbers, …) in `success`: a check, not a data file. */
  maxSuccessValues: 2000,
  /** Most objects in `scene.objects` (distractors come on top, at most 12). */
  maxObjects: 64,
  /** Most zones in `scene.zones`. */
  maxZones: 16,
  /** Most objects in one stack of `on` chains, the bottom one included. */
  maxStack: 12,
  /** Longest id of a task, an object or a zone (characters; predicates take ids this long). */
  maxIdLength: PREDICATE_LIMITS.maxIdLength,
  /** Longest instruction (characters). */
  maxInstructionChars: 1000,
  /** Longest description (characters). */
  maxDescriptionChars: 4000,
  /** Most tags, and the longest tag (characters). */
  maxTags: 32,
  maxTagChars: 64,
  /** Most correction hints. */
  maxCorrections: 32,
  /** Smallest and largest extent of an object (m). */
  minExtent: 0.005,
  maxExtent: 0.4,
  /** Largest jitter (m). */
  maxJitter: 0.1,
  /** Largest |yaw| (radians): one turn either way. */
  maxYaw: Math.round(2 * Math.PI * 1e4) / 1e4,
  /** Mass range (kg). */
  minMass: 0.001,
  maxMass: 20,
  /** Largest friction coefficient. */
  maxFriction: 5,
  /** Largest layout.minGap (m). */
  maxMinGap: 0.2,
  /** Longest timeLimit (simulated s): the most a world takes (sim's MAX_TIME_LIMIT). */
  maxTimeLimit: MAX_TIME_LIMIT,
} as const;

/**
 * Ids the world gives its own bodies (sim/world.ts refuses them in a scene), and table
 * region names (a place in `distinct.among` or `inRegion`): no object or zone may take them.
 */
export const RESERVED_IDS: readonly string[] = ['table', 'floor', 'gripper', ...TABLE_REGION_NAMES];
/** Id prefixes of the world's gripper bodies (gripper_palm, gripper_finger_a, …). Distractor ids are reserved in task-file.ts. */
export const RESERVED_ID_PREFIXES: readonly string[] = ['gripper_'];

/** Why an object or zone id may not be used, or null. */
export function reservedIdProblem(id: string): string | null {
  if ((TABLE_REGION_NAMES as readonly string[]).includes(id)) return `the id "${id}" is reserved: it names a region of the table`;
  if (RESERVED_IDS.includes(id) || RESERVED_ID_PREFIXES.some((p) => id.startsWith(p))) {
    return `the id "${id}" is reserved for the world's own bodies (table, floor, gripper, gripper_*)`;
  }
  return null;
}

/** The table top's half extents (m): zones lie on it. */
const TABLE_HALF: readonly [number, number] = [TABLE.size[0] / 2, TABLE.size[1] / 2];

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

/** The length of an array input, for "(got N)". */
function countOf(v: unknown): string {
  return Array.isArray(v) ? String(v.length) : '?';
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
const Id = z
  .string(expected('an id of lowercase letters, digits and underscores, e.g. "red_block"'))
  .regex(ID_PATTERN, {
    error: 'expected an id of lowercase letters, digits and underscores, e.g. "red_block"',
  })
  .max(TASK_LIMITS.maxIdLength, { error: `expected an id of at most ${TASK_LIMITS.maxIdLength} characters` });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text a person reads: no control characters but tab and line breaks (a NUL would cut the
 * text short where it crosses into C), and well-formed UTF-16 (no lone surrogate halves).
 */
export function textProblem(s: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(s);
  if (bad)
    return `expected text without control characters (found U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} at character ${bad.index + 1})`;
  if (LONE_SURROGATE.test(s)) return 'expected well-formed text (found a lone UTF-16 surrogate)';
  return null;
}

/** A string of at most `max` characters that passes textProblem. */
function text(what: string, max: number) {
  return z
    .string(expected(what))
    .max(max, { error: `expected ${what} of at most ${max} characters` })
    .check((ctx) => {
      const problem = textProblem(ctx.value);
      if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
    });
}

const Color = oneOf(COLOR_NAMES as unknown as readonly [ColorName, ...ColorName[]], 'a colour name');
const ShapeName = oneOf(SHAPES as unknown as readonly [Shape, ...Shape[]], 'a shape');

const Size = numbers<Vec3>(3, (x) => x > 0, 'an array of 3 positive numbers');
const Point2 = numbers<Vec2>(2, () => true, 'an array [x, y] of 2 numbers (metres)');
const Offset3 = numbers<Vec3>(3, () => true, 'an array [x, y, z] of 3 numbers (metres, in the object frame)');
const InnerSize = numbers<Vec2>(2, (x) => x > 0, 'an array [x, y] of 2 positive numbers (metres)');
const NonNegative = (what: string) => z.number(expected(what)).min(0, { error: `expected ${what}` });
const Positive = (what: string) => z.number(expected(what)).positive({ error: `expected ${what}` });
/** A number >= 0 (or > 0) whose upper bound has its own message. */
const AtMost = (base: z.ZodNumber, max: number, unit: string) => base.max(max, { error: `expected at most ${max}${unit}` });
const Mass = AtMost(Positive('a positive number (kg)'), TASK_LIMITS.maxMass, ' kg').refine((v) => v <= 0 || v >= TASK_LIMITS.minMass, {
  error: `expected at least ${TASK_LIMITS.minMass} kg`,
});
const Friction = AtMost(NonNegative('a non-negative number'), TASK_LIMITS.maxFriction, ' (friction coefficient)');

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
  .max(CORRECTION_MAX_CHARS, { error: `expected a short phrase of at most ${CORRECTION_MAX_CHARS} characters` })
  .check((ctx) => {
    const problem = textProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
  });

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
    friction: Friction.optional(),
    /** True mass (kg). */
    mass: Mass.optional(),
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
    jitter: AtMost(NonNegative('a non-negative number (metres)'), TASK_LIMITS.maxJitter, ' m of jitter').optional(),
    /** Start stacked on (or, for a container, inside) this other object. */
    on: Id.optional(),
    /** Fixed yaw (radians); otherwise 0, or random for boxes when layout.randomYaw is set. */
    yaw: z
      .number(expected('a number (radians)'))
      .min(-TASK_LIMITS.maxYaw, { error: `expected a yaw within one turn, -${TASK_LIMITS.maxYaw} to ${TASK_LIMITS.maxYaw} radians` })
      .max(TASK_LIMITS.maxYaw, { error: `expected a yaw within one turn, -${TASK_LIMITS.maxYaw} to ${TASK_LIMITS.maxYaw} radians` })
      .optional(),
    mass: Mass.optional(),
    friction: Friction.optional(),
    /** The truth where it differs from the stated values above; never shown to programmers. */
    hidden: HiddenSchema.optional(),
  },
  'an object { id, shape, size, color, position?, jitter?, on?, yaw?, mass?, friction?, hidden? }',
);

/** A corner of a zone: a point on the table top. */
const TablePoint = numbers<Vec2>(
  2,
  () => true,
  `an array [x, y] of 2 numbers (metres) on the table, x in [-${TABLE_HALF[0]}, ${TABLE_HALF[0]}], y in [-${TABLE_HALF[1]}, ${TABLE_HALF[1]}]`,
).refine((v) => Math.abs(v[0]) <= TABLE_HALF[0] && Math.abs(v[1]) <= TABLE_HALF[1], {
  error: (iss) =>
    `expected a point on the table, x in [-${TABLE_HALF[0]}, ${TABLE_HALF[0]}], y in [-${TABLE_HALF[1]}, ${TABLE_HALF[1]}] (got ${show(iss.input)})`,
});

export const ZoneEntrySchema = record(
  { id: Id, min: TablePoint, max: TablePoint, color: Color },
  'a zone { id, min: [x, y], max: [x, y], color }',
);

export const LayoutSchema = record(
  {
    /** Corners of the area random objects are placed in; their whole footprint stays inside. */
    min: Point2.optional(),
    max: Point2.optional(),
    /** Clearance between the footprints (circles) of neighbouring objects (m). */
    minGap: AtMost(NonNegative('a non-negative number (metres)'), TASK_LIMITS.maxMinGap, ' m').optional(),
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
    objects: z
      .array(ObjectEntrySchema, expected('an array of objects'))
      .min(1, { error: 'expected at least one object' })
      .max(TASK_LIMITS.maxObjects, { error: (iss) => `expected at most ${TASK_LIMITS.maxObjects} objects (got ${countOf(iss.input)})` }),
    zones: z
      .array(ZoneEntrySchema, expected('an array of zones'))
      .max(TASK_LIMITS.maxZones, { error: (iss) => `expected at most ${TASK_LIMITS.maxZones} zones (got ${countOf(iss.input)})` })
      .optional(),
    layout: LayoutSchema.optional(),
    distractors: DistractorsSchema.optional(),
  },
  'a scene { objects, zones?, layout?, distractors? }',
);

export const TaskFileSchema = record(
  {
    id: Id,
    instruction: text('the instruction, a sentence', TASK_LIMITS.maxInstructionChars)
      .trim()
      .min(1, { error: 'expected the instruction, a sentence' }),
    description: text('a string', TASK_LIMITS.maxDescriptionChars).optional(),
    tags: z
      .array(text('a string', TASK_LIMITS.maxTagChars), expected('an array of strings'))
      .max(TASK_LIMITS.maxTags, { error: `expected at most ${TASK_LIMITS.maxTags} tags` })
      .optional(),
    scene: SceneSchema,
    /** What must hold at the end: sim's PredicateSchema, whose issues read `success.all[1].on: expected …`. */
    success: PredicateSchema,
    /** Simulated-seconds budget of one attempt. */
    timeLimit: AtMost(
      Positive('a positive number of seconds'),
      TASK_LIMITS.maxTimeLimit,
      ' simulated seconds (the most a world takes)',
    ).optional(),
    /**
     * Phrases a person would say watching the task's typical failure ("grasp it from the
     * side"), each either a string (said on any failure) or { when, say, mode? } (said
     * when the run failed that way); never shown to programmers (the SimulatedCorrector
     * reads them).
     */
    corrections: z
      .array(CorrectionHintSchema, expected('an array of phrases or { when, say, mode? } hints'))
      .max(TASK_LIMITS.maxCorrections, { error: `expected at most ${TASK_LIMITS.maxCorrections} hints` })
      .optional(),
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
