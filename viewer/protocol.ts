// The viewer's one message protocol: JSON text frames over one WebSocket,
// a zod schema for every message in both directions. The server validates everything a
// browser sends; the tests validate everything the server sends. Imported by the server
// and by the browser app, so nothing here may touch Node.

import { z } from 'zod';
// The browser bundle imports sim's plain-data files directly (sim/index.ts loads Rapier).
import { ERROR_CAUSE_NAMES, ERROR_KINDS, type ErrorCause } from '../sim/errors.ts';
import { COLOR_NAMES, SHAPES } from '../sim/types.ts';
import type { Predicate, SceneSpec, Snapshot } from '../sim/types.ts';
import type { Checkpoint, ProgramError, TraceEvent } from '../sim/trace.ts';
import { SPEEDS } from './speeds.ts';

export const PROTOCOL_VERSION = 2;
/** Largest message a client may send; larger ones are refused (the socket closes with 1009). */
export const MAX_CLIENT_MESSAGE_BYTES = 1024 * 1024;

export { SPEEDS, SPEED_FACTOR } from './speeds.ts';
export type { Speed } from './speeds.ts';

// The same lists the command line offers (plain-data files, safe in the browser bundle).
import { CORRECTION_CLASSES, CORRECTION_MODES, PROVIDERS } from '../policy/programmers/programmer.ts';
import { MONITOR_NAMES } from '../monitor/verdict.ts';
import { ENGINE_NAMES } from '../sim/types.ts';
import { PERCEPTION_MODES, parsePerceptionNoise } from '../policy/program/perception-settings.ts';

export const VIEWER_PROVIDERS = PROVIDERS;
export const VIEWER_MONITORS = MONITOR_NAMES;
export const VIEWER_ENGINES = ENGINE_NAMES;
export const MAX_VIEWER_REPAIRS = 10;
/** Longest program text a start may carry (characters): the start form's program file, as `run --program` reads it. */
export const MAX_VIEWER_PROGRAM_CHARS = 512 * 1024;
/**
 * Longest correction text the protocol carries (characters). The session refuses, in
 * the chat, anything over its own limit (CORRECTION_MAX_CHARS, 2,000); this bound only
 * keeps documents out of the socket.
 */
export const MAX_CORRECTION_MESSAGE_CHARS = 20_000;

// ---------------------------------------------------------------- shared data

const num = z.number();
const Vec2 = z.tuple([num, num]);
const Vec3 = z.tuple([num, num, num]);
const Quat = z.tuple([num, num, num, num]);
const nullableLine = z.int().positive().nullable();

export const GripperStateSchema = z.object({
  position: Vec3,
  yaw: num,
  approach: z.enum(['top', 'side']),
  width: num,
  holding: z.string().nullable(),
});

export const SnapshotSchema: z.ZodType<Snapshot> = z.object({
  t: num,
  step: z.int(),
  objects: z.record(z.string(), z.object({ position: Vec3, quaternion: Quat, linvel: Vec3, angvel: Vec3 })),
  gripper: GripperStateSchema,
});

export const SceneSpecSchema: z.ZodType<SceneSpec> = z.object({
  objects: z.array(
    z.object({
      id: z.string(),
      shape: z.enum(SHAPES),
      color: z.enum(COLOR_NAMES),
      size: Vec3,
      mass: num,
      friction: num,
      position: Vec3,
      yaw: num,
    }),
  ),
  zones: z.array(z.object({ id: z.string(), min: Vec2, max: Vec2, color: z.enum(COLOR_NAMES) })),
});

const ErrorCauseSchema = z.enum(ERROR_CAUSE_NAMES as [ErrorCause, ...ErrorCause[]]);
const ErrorInfo = z.object({ kind: z.enum([...ERROR_KINDS, 'Error']), message: z.string(), cause: ErrorCauseSchema.optional() });
/** Predicates are checked where they are made (tasks/, sim/); here only their JSON shape. */
const PredicateJson = z.custom<Predicate>((v) => typeof v === 'object' && v !== null && !Array.isArray(v));

export const TraceEventSchema: z.ZodType<TraceEvent> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('call'),
    seq: z.int(),
    t: num,
    line: nullableLine,
    call: z.string(),
    args: z.array(z.unknown()),
    result: z.unknown().optional(),
    error: ErrorInfo.optional(),
    gripper: GripperStateSchema,
    moved: z
      .array(z.object({ id: z.string(), delta: Vec3, distance: num, rotationDeg: num, toppled: z.boolean(), intended: z.boolean() }))
      .optional(),
  }),
  z.object({
    type: z.enum(['subgoal-start', 'subgoal-end']),
    seq: z.int(),
    t: num,
    line: nullableLine,
    subgoal: z.int(),
    description: z.string(),
    expect: PredicateJson.optional(),
  }),
  z.object({ type: z.literal('log'), seq: z.int(), t: num, line: nullableLine, message: z.string() }),
]);

export const CheckpointSchema: z.ZodType<Checkpoint> = z.object({
  index: z.int(),
  label: z.string(),
  reason: z.enum(['subgoal-end', 'action', 'error', 'end', 'manual']),
  subgoal: z.int().nullable(),
  seq: z.int(),
  t: num,
  snapshot: SnapshotSchema,
});

export const ProgramErrorSchema: z.ZodType<ProgramError> = z.object({
  kind: z.enum([...ERROR_KINDS, 'SyntaxError', 'Error', 'InterruptedError', 'MemoryError', 'StackOverflowError', 'NoProgramError']),
  message: z.string(),
  line: nullableLine,
  cause: ErrorCauseSchema.optional(),
});

export const VerdictSchema = z.looseObject({
  checkpoint: z.int(),
  label: z.string(),
  subgoal: z.int().nullable(),
  ok: z.boolean(),
  failure: z.looseObject({ kind: z.string(), objects: z.array(z.string()), explanation: z.string() }).optional(),
  evidence: z.array(z.string()).optional(),
});

/**
 * One streamed world state, compact: `objects` holds 7 numbers per object of the scene
 * (position xyz, quaternion xyzw) in SceneSpec order; `gripper` is [x, y, z, yaw, width].
 */
export const FrameSchema = z.object({
  t: num,
  objects: z.array(num),
  gripper: z.tuple([num, num, num, num, num]),
  approach: z.enum(['top', 'side']),
  holding: z.string().nullable(),
});
export type Frame = z.infer<typeof FrameSchema>;

/** What wrote an attempt's program (AttemptRecord.origin). */
export const ATTEMPT_ORIGINS = ['generate', 'repair', 'correction'] as const;
export type AttemptOriginName = (typeof ATTEMPT_ORIGINS)[number];

/** A bundled task as the start form lists it; `suite`: the first bundled suite that has it (the form groups by it). */
export const TaskInfoSchema = z.object({ id: z.string(), instruction: z.string(), file: z.string(), suite: z.string().optional() });

export const SessionStatusSchema = z.enum(['idle', 'starting', 'running', 'paused', 'finished', 'stopped', 'failed']);
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

// ---------------------------------------------------------------- browser → server

export const StartRequestSchema = z.strictObject({
  type: z.literal('start'),
  /** A bundled task id or a path to a task file (on the server's machine). */
  task: z.string().min(1).max(4096),
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  provider: z.enum(VIEWER_PROVIDERS),
  model: z.string().max(200).optional(),
  /** Cassette file for the replay provider. */
  cassette: z.string().max(4096).optional(),
  monitor: z.enum(VIEWER_MONITORS),
  maxRepairs: z.int().min(0).max(MAX_VIEWER_REPAIRS),
  /** The physics engine (default: the viewer's, `view --engine`); DESIGN §13. */
  engine: z.enum(VIEWER_ENGINES).optional(),
  /** What the program perceives (default exact): docs/architecture.md#perception. */
  perception: z.enum(PERCEPTION_MODES).optional(),
  /** σ of noisy perception, "metres,degrees" (default "0.01,3"). */
  perceptionNoise: z
    .string()
    .max(40)
    .refine(
      (s) => {
        try {
          parsePerceptionNoise(s);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'perceptionNoise must be "metres,degrees" such as "0.01,3"' },
    )
    .optional(),
  speed: z.enum(SPEEDS).optional(),
  /** Render checkpoint images with the headless renderer (always on for the pixels and vlm monitors). */
  images: z.boolean().optional(),
  /** Start paused, before the first API call. */
  paused: z.boolean().optional(),
  /** Send the failing checkpoint's images with repair prompts (run --vision; vision-capable code models). */
  vision: z.boolean().optional(),
  /** A program to run instead of asking the provider, as `run --program` does: never repaired, no knowledge. */
  program: z
    .string()
    .min(1, { message: 'the program file is empty' })
    .max(MAX_VIEWER_PROGRAM_CHARS, { message: `a program may hold at most ${MAX_VIEWER_PROGRAM_CHARS} characters` })
    .optional(),
  /** The program file's name, for the session's record and title. */
  programName: z.string().max(200).optional(),
});
export type StartRequest = z.infer<typeof StartRequestSchema>;

export const ClientMessageSchema = z.discriminatedUnion('type', [
  StartRequestSchema,
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('resume') }),
  /** Run until the next API call begins, then pause. */
  z.strictObject({ type: z.literal('step') }),
  z.strictObject({ type: z.literal('stop') }),
  z.strictObject({ type: z.literal('speed'), speed: z.enum(SPEEDS) }),
  /** Load a run record or a suite episode folder (on the server's machine) and play it back. */
  z.strictObject({ type: z.literal('open-run'), dir: z.string().min(1).max(4096) }),
  /** Open a run the run browser lists: `path` is relative to the server's runs directory and must stay inside it. */
  z.strictObject({ type: z.literal('open-listed'), path: z.string().min(1).max(4096) }),
  /** The task's initial scene for this seed, before Start (answered to the sender alone with a `preview`). */
  z.strictObject({
    type: z.literal('preview'),
    task: z.string().min(1).max(4096),
    seed: z
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  }),
  /**
   * A person's correction of the live episode (docs/corrections.md): interrupts the
   * program at its next API call, or waits for the programmer when it is writing; `mode`
   * continue (default: from the world as it is) or restart (from the seed).
   */
  z.strictObject({
    type: z.literal('correct'),
    text: z.string().max(MAX_CORRECTION_MESSAGE_CHARS, { message: `at most ${MAX_CORRECTION_MESSAGE_CHARS} characters` }),
    mode: z.enum(CORRECTION_MODES).optional(),
  }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

// ---------------------------------------------------------------- knowledge

export const KNOWLEDGE_KINDS = ['plan', 'skill'] as const;

export const KnowledgeSettingsSchema = z.object({ file: z.string(), learn: z.boolean() });

/** What an episode retrieved and taught (policy/knowledge's KnowledgeUse, as episode.json has it). */
export const KnowledgeUseSchema = z.object({
  file: z.string(),
  retrieved: z.array(z.object({ id: z.int(), kind: z.enum(KNOWLEDGE_KINDS), text: z.string(), objects: z.array(z.string()), score: num })),
  learned: z.array(z.int()),
  merged: z.array(z.int()),
  appearance: z.enum(['render', 'facts', 'none']),
  warning: z.string().optional(),
});
export type KnowledgeUseView = z.infer<typeof KnowledgeUseSchema>;

const RangeSchema = z.tuple([num.nullable(), num.nullable()]);

/** One source of an entry, as GET /api/knowledge/<id> answers it: `open` when its session folder is a record the viewer can open. */
export const KnowledgeSourceViewSchema = z.object({
  origin: z.enum(['correction', 'repair', 'import']),
  session: z.string().nullable(),
  correction: z.string().nullable(),
  taskId: z.string(),
  seed: z.int(),
  at: z.string(),
  programmer: z.string(),
  open: z.boolean(),
});

/** GET /api/knowledge/<id>[?session=N]: one entry of the knowledge base, in full. */
export const KnowledgeEntryViewSchema = z.object({
  file: z.string(),
  entry: z.object({
    id: z.int(),
    kind: z.enum(KNOWLEDGE_KINDS),
    text: z.string(),
    skill: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    scope: z.object({
      shapes: z.array(z.string()),
      sizeRange: z.object({ height: RangeSchema.optional(), width: RangeSchema.optional() }).optional(),
      colors: z.array(z.string()).optional(),
      verbs: z.array(z.string()),
      taskIds: z.array(z.string()),
    }),
    appearance: z
      .object({
        shape: z.string(),
        size: Vec3,
        aspect: num,
        color: z.array(num),
        silhouette: z.record(z.string(), Vec2).optional(),
        source: z.enum(['render', 'facts']),
      })
      .optional(),
    before: z.array(z.string()).optional(),
    after: z.array(z.string()).optional(),
    sources: z.array(KnowledgeSourceViewSchema),
    confidence: num,
    uses: z.int(),
    successes: z.int(),
    failures: z.int(),
    created: z.string(),
    updated: z.string(),
  }),
});
export type KnowledgeEntryView = z.infer<typeof KnowledgeEntryViewSchema>;

// ---------------------------------------------------------------- server → browser

export const SessionInfoSchema = z.object({
  /** Increases with every new episode or loaded run. */
  id: z.int(),
  source: z.enum(['live', 'run']),
  task: z.string(),
  seed: z.int(),
  instruction: z.string(),
  provider: z.string(),
  model: z.string(),
  monitor: z.string(),
  maxRepairs: z.int(),
  /** The physics engine it ran on (absent in runs recorded before the engine was stated: rapier). */
  engine: z.string().optional(),
  /** Record folder (written by a live episode, read for a run); null when none. */
  dir: z.string().nullable(),
  scene: SceneSpecSchema,
  /** Whether pose frames were recorded (live, or a run with frames.json); without them, motion is interpolated. */
  frames: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const ChatItemSchema = z.object({
  role: z.enum(['loop', 'system']),
  kind: z.enum(['generation', 'diagnosis', 'repair', 'result', 'info', 'warning', 'error']),
  attempt: z.int().nullable(),
  text: z.string(),
  /** For results: whether the attempt succeeded. */
  ok: z.boolean().optional(),
});
export type ChatItem = z.infer<typeof ChatItemSchema>;

export const CORRECTION_STATES = ['pending', 'queued', 'correcting', 'applied', 'not-applied', 'refused'] as const;
export type CorrectionState = (typeof CORRECTION_STATES)[number];

/**
 * A correction as the chat shows it, sent again whenever it changes (the page keeps the
 * latest by `id`): pending (waiting for the next API call), queued (the programmer is
 * writing), correcting (the programmer is reading it), then applied, not-applied (the
 * programmer gave no usable program, or a skill-level one that changed the plan) or
 * refused (not a correction: empty, too long, not words).
 */
export const CorrectionViewSchema = z.object({
  /** The viewer's own number, 0-based per session (refused ones included). */
  id: z.int().min(0),
  /** The session's index (corrections.jsonl); null until the programmer has read it, and for refused ones. */
  index: z.int().min(0).nullable(),
  text: z.string(),
  mode: z.enum(CORRECTION_MODES),
  state: z.enum(CORRECTION_STATES),
  /** The attempt it was given in (or after, when that attempt had ended); null before the first run. */
  attempt: z.int().nullable(),
  /** Simulated seconds of the world when it was taken; null until then. */
  t: num.nullable(),
  /** The program line reached. */
  line: nullableLine,
  /** The programmer's class, and the session's own reading. */
  class: z.enum(CORRECTION_CLASSES).nullable(),
  classHint: z.enum(CORRECTION_CLASSES).nullable(),
  /** What the programmer understood, in a line. */
  understood: z.string(),
  /** One line: what happens now, or why nothing was applied. */
  message: z.string(),
  programBefore: z.string().nullable(),
  programAfter: z.string().nullable(),
  /** How the run of its program went (`pending`, `done: …`, `failed: …`, `interrupted at line N`, or why none ran). */
  outcome: z.string(),
  /** The attempt its program ran first in. */
  ranIn: z.int().nullable(),
});
export type CorrectionView = z.infer<typeof CorrectionViewSchema>;

export const CheckpointImageSchema = z.object({ checkpoint: z.int(), view: z.string(), url: z.string() });

export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocol: z.literal(PROTOCOL_VERSION),
    version: z.string(),
    tasks: z.array(TaskInfoSchema),
    providers: z.array(z.string()),
    monitors: z.array(z.string()),
    speeds: z.array(z.enum(SPEEDS)),
    maxRepairs: z.int(),
    /** The physics engines a live episode can run on, and the default (`view --engine`). */
    engines: z.array(z.enum(VIEWER_ENGINES)).optional(),
    engine: z.enum(VIEWER_ENGINES).optional(),
    /** The knowledge base live episodes retrieve from (view --kb / --no-kb); null when off. */
    knowledge: KnowledgeSettingsSchema.nullable().optional(),
  }),
  /**
   * The knowledge base in the session shown (docs/knowledge.md): what was retrieved for it,
   * what it taught; `knowledge` null when the episode ran without one. A live episode sends
   * it when the programmer has been given the entries, and again (`final`) when the session
   * has ended and learned.
   */
  z.object({ type: z.literal('knowledge'), knowledge: KnowledgeUseSchema.nullable(), final: z.boolean(), learn: z.boolean().optional() }),
  z.object({ type: z.literal('session'), session: SessionInfoSchema }),
  /**
   * The answer to a client's `preview`, to it alone: the task's scene for the seed (the
   * scene builder the episode uses) and its snapshot as laid out, before physics has run.
   */
  z.object({
    type: z.literal('preview'),
    task: z.string(),
    seed: z.int(),
    instruction: z.string(),
    scene: SceneSpecSchema,
    initial: SnapshotSchema,
  }),
  z.object({ type: z.literal('status'), status: SessionStatusSchema, speed: z.enum(SPEEDS), detail: z.string().optional() }),
  z.object({
    type: z.literal('attempt-start'),
    attempt: z.int(),
    origin: z.enum(ATTEMPT_ORIGINS),
    /** With origin 'correction': the correction (its session index) that wrote the program. */
    correction: z.int().min(0).optional(),
    /** True when it runs on from the world the previous attempt left (a correction's continue). */
    continued: z.boolean().optional(),
    program: z.string(),
    plan: z.array(z.string()),
    /** The draft's notes (what the programmer changed and why; `knowledge k3 applied: …` lines). */
    notes: z.array(z.string()).optional(),
    initial: SnapshotSchema,
  }),
  z.object({ type: z.literal('frames'), attempt: z.int(), frames: z.array(FrameSchema) }),
  /** The API call now starting, with the program line that made it. */
  z.object({ type: z.literal('call'), attempt: z.int(), index: z.int(), name: z.string(), line: nullableLine }),
  z.object({ type: z.literal('events'), attempt: z.int(), events: z.array(TraceEventSchema) }),
  z.object({ type: z.literal('checkpoints'), attempt: z.int(), checkpoints: z.array(CheckpointSchema) }),
  /** One checkpoint's verdict, sent as the monitor judges it (before the attempt's end, which repeats them all). */
  z.object({ type: z.literal('verdict'), attempt: z.int(), verdict: VerdictSchema }),
  z.object({
    type: z.literal('attempt-end'),
    attempt: z.int(),
    success: z.boolean(),
    successDetail: z.string(),
    error: ProgramErrorSchema.nullable(),
    monitorOk: z.boolean().nullable(),
    verdicts: z.array(VerdictSchema),
    diagnosis: z.unknown().nullable(),
    diagnosisText: z.string().nullable(),
    images: z.array(CheckpointImageSchema),
    tokensIn: z.int(),
    tokensOut: z.int(),
    wallMs: num,
  }),
  z.object({ type: z.literal('chat'), item: ChatItemSchema }),
  z.object({ type: z.literal('correction'), correction: CorrectionViewSchema }),
  z.object({
    type: z.literal('episode-end'),
    success: z.boolean(),
    successDetail: z.string(),
    stoppedBy: z.string(),
    attempts: z.int(),
    dir: z.string().nullable(),
  }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
export type ServerMessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/**
 * Parses one text frame from a browser. Never throws: a message that is not JSON, not
 * an object, of an unknown type or with bad fields comes back as a one-line reason.
 */
export function parseClientMessage(text: string): { ok: true; message: ClientMessage } | { ok: false; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, error: 'a message must be a JSON object with a "type"' };
  const type = (data as { type?: unknown }).type;
  const known = ClientMessageSchema.options.map((o) => o.shape.type.value as string);
  if (typeof type !== 'string' || !known.includes(type)) {
    return { ok: false, error: `unknown message type ${JSON.stringify(type ?? null)}; expected one of ${known.join(', ')}` };
  }
  const parsed = ClientMessageSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : type;
    return { ok: false, error: `bad "${type}" message: ${where}: ${issue.message}` };
  }
  return { ok: true, message: parsed.data };
}
