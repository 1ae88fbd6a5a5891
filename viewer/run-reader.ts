// Reading a run record (docs/architecture.md#run-records) — from `run --out`, a suite's episodes/<name> folder,
// a correction session (`policyloop chat`, corrections.jsonl beside episode.json) or a
// live episode of the viewer — back into the message stream a live episode sends, so
// replay and live share every panel of the page.

import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { SceneSpec, Snapshot, Trace } from '../sim/index.ts';
import { instantiateScene, loadTask } from '../tasks/index.ts';
import { snapshotFromScene, VIEW_NAMES } from '../monitor/index.ts';
import { CORRECTION_CLASSES, CORRECTION_MODES } from '../policy/programmers/index.ts';
import type { CorrectionRecord } from '../policy/corrections/index.ts';
import type { ChatItem, CorrectionView, Frame, ServerMessage, SessionInfo } from './protocol.ts';
import { ATTEMPT_ORIGINS, FrameSchema, KnowledgeUseSchema, ProgramErrorSchema, SceneSpecSchema, VerdictSchema } from './protocol.ts';
import { newCorrectionView, viewFromRecord } from './correction-view.ts';
import { draftChat, resultChat } from './loop-messages.ts';

/** What the viewer adds to a record folder: the scene (so any run can be rebuilt without its task file). */
export const SCENE_FILE = 'scene.json';
/** Per attempt: the streamed pose frames (so playback is smooth, not interpolated between checkpoints). */
export const FRAMES_FILE = 'frames.json';
/** A correction session's corrections, one JSON object a line (policy/corrections/records.ts). */
export const CORRECTIONS_FILE = 'corrections.jsonl';
/**
 * The largest record file read (trace.json and frames.json are the big ones): larger is one
 * line, not an attempt to build a string V8 cannot hold.
 */
export const MAX_RECORD_FILE_BYTES = 256 * 1024 * 1024;
/** Frames per message when a recorded attempt is sent to a browser. */
const FRAMES_PER_MESSAGE = 600;

export class RunReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunReadError';
  }
}

const SceneFileSchema = z.looseObject({
  task: z.string(),
  seed: z.int(),
  instruction: z.string(),
  provider: z.string().optional(),
  model: z.string().optional(),
  monitor: z.string().optional(),
  maxRepairs: z.int().optional(),
  scene: SceneSpecSchema,
});
export type SceneFile = z.infer<typeof SceneFileSchema>;

const EpisodeFileSchema = z.looseObject({
  task: z.string(),
  taskFile: z.string().optional(),
  seed: z.int(),
  instruction: z.string(),
  provider: z.string(),
  model: z.string(),
  monitor: z.string(),
  maxRepairs: z.int(),
  engine: z.string().optional(),
  success: z.boolean(),
  successDetail: z.string(),
  stoppedBy: z.string(),
  attempts: z.array(
    z.looseObject({
      index: z.int(),
      success: z.boolean(),
      successDetail: z.string(),
      origin: z.enum(ATTEMPT_ORIGINS),
      correction: z.int().min(0).optional(),
      continued: z.boolean().optional(),
      interrupted: z.boolean().optional(),
      error: ProgramErrorSchema.nullable(),
      monitorOk: z.boolean().nullable(),
      tokensIn: z.number(),
      tokensOut: z.number(),
      wallMs: z.number(),
      notes: z.array(z.string()).optional(),
    }),
  ),
  warnings: z.array(z.string()).optional(),
  knowledge: KnowledgeUseSchema.optional(),
});
type EpisodeFile = z.infer<typeof EpisodeFileSchema>;

const FramesFileSchema = z.object({ ids: z.array(z.string()), frames: z.array(FrameSchema) });

const CorrectionLineSchema = z.looseObject({
  index: z.int().min(0),
  t: z.number(),
  line: z.int().positive().nullable(),
  reached: z.enum(['not-run', 'interrupted', 'ended']),
  text: z.string(),
  class: z.enum(CORRECTION_CLASSES),
  classHint: z.enum(CORRECTION_CLASSES),
  mode: z.enum(CORRECTION_MODES),
  understood: z.string(),
  programBefore: z.string(),
  programAfter: z.string().nullable(),
  applied: z.boolean(),
  outcome: z.string(),
  attempt: z.int().min(0).nullable(),
  undone: z.boolean().optional(),
  notes: z.array(z.string()).optional(),
});

/** corrections.jsonl of a record folder ([] when it has none); one line naming the file and line on anything unreadable. */
export function readCorrections(dir: string): CorrectionRecord[] {
  const file = join(dir, CORRECTIONS_FILE);
  if (!existsSync(file)) return [];
  const out: CorrectionRecord[] = [];
  const lines = readRecordText(file).split('\n');
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new RunReadError(`${file}:${i + 1}: not JSON${jsonWhere(err, text)}`);
    }
    const parsed = CorrectionLineSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new RunReadError(`${file}:${i + 1}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    // Fields the viewer does not show (at, cues, notes, tokens) are kept as they are.
    out.push(parsed.data as unknown as CorrectionRecord);
  });
  return out;
}

/**
 * The attempt each correction was given in (or after, when that one had ended): the
 * attempt before the one the first program of it or a later correction ran in — a
 * correction not applied, or overtaken by the next one before it ran, was given where
 * the next that ran was — else the last attempt; null before any attempt.
 */
export function correctionAttempts(records: readonly CorrectionRecord[], lastAttempt: number | null): (number | null)[] {
  const out: (number | null)[] = new Array(records.length).fill(lastAttempt);
  let next: number | null = lastAttempt;
  for (let i = records.length - 1; i >= 0; i--) {
    const ran = records[i]!.attempt;
    if (ran !== null) next = ran - 1;
    out[i] = next !== null && next >= 0 ? next : null;
  }
  return out;
}

export function writeSceneFile(dir: string, content: SceneFile): void {
  writeFileSync(join(dir, SCENE_FILE), JSON.stringify(content) + '\n');
}

function readJson(file: string): unknown {
  const text = readRecordText(file);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new RunReadError(`${file}: not JSON${jsonWhere(err, text)}`);
  }
}

function readIf(file: string): string | undefined {
  return existsSync(file) ? readRecordText(file) : undefined;
}

/**
 * A record file's text: a regular file only (opened non-blocking, so a FIFO planted in a
 * record folder cannot stall the server), at most MAX_RECORD_FILE_BYTES.
 */
function readRecordText(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new RunReadError(`${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new RunReadError(`${file}: not a regular file`);
    const tooBig = (): RunReadError =>
      new RunReadError(`${file}: larger than ${MAX_RECORD_FILE_BYTES / (1024 * 1024)} MiB, the most a record file may be`);
    if (st.size > MAX_RECORD_FILE_BYTES) throw tooBig();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, MAX_RECORD_FILE_BYTES + 1 - total));
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      total += got;
      if (total > MAX_RECORD_FILE_BYTES) throw tooBig();
      chunks.push(got === chunk.length ? chunk : chunk.subarray(0, got));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (err) {
    if (err instanceof RunReadError) throw err;
    throw new RunReadError(`${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    closeSync(fd);
  }
}

/** Where JSON.parse stopped, as ` at line L, column C` — never V8's message, which quotes the text. */
function jsonWhere(err: unknown, text: string): string {
  const at = /position (\d+)/.exec((err as Error).message);
  if (!at) return '';
  const before = text.slice(0, Number(at[1]));
  return ` (at line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')})`;
}

export interface AttemptFilesRead {
  program?: string;
  trace?: Trace & { success?: { ok: boolean; detail: string } };
  verdicts?: unknown[];
  diagnosis?: unknown;
  diagnosisText?: string;
  frames?: Frame[];
}

/** The files of attempt k of a record folder; absent files are left out. */
export function readAttemptRecord(dir: string, k: number): AttemptFilesRead {
  const a = join(dir, `attempt-${k}`);
  const out: AttemptFilesRead = {};
  const program = readIf(join(a, 'program.js'));
  if (program !== undefined) out.program = program;
  if (existsSync(join(a, 'trace.json'))) out.trace = readJson(join(a, 'trace.json')) as AttemptFilesRead['trace'];
  if (existsSync(join(a, 'verdicts.json'))) {
    const v = readJson(join(a, 'verdicts.json'));
    const parsed = z.array(VerdictSchema).safeParse(v);
    if (parsed.success) out.verdicts = parsed.data;
  }
  if (existsSync(join(a, 'diagnosis.json'))) out.diagnosis = readJson(join(a, 'diagnosis.json'));
  const text = readIf(join(a, 'diagnosis.txt'));
  if (text !== undefined) out.diagnosisText = text.trimEnd();
  if (existsSync(join(a, FRAMES_FILE))) {
    const parsed = FramesFileSchema.safeParse(readJson(join(a, FRAMES_FILE)));
    if (parsed.success) out.frames = parsed.data.frames;
  }
  return out;
}

const IMAGE_NAME = new RegExp(`^(\\d+)-.*-(${VIEW_NAMES.join('|')})\\.png$`);

/** Checkpoint images (rgb, one per view) of attempt k, as URLs made by `urlFor` from a path relative to the run folder. */
export function checkpointImages(
  dir: string,
  k: number,
  urlFor: (relPath: string) => string,
): { checkpoint: number; view: string; url: string }[] {
  const cpDir = join(dir, `attempt-${k}`, 'checkpoints');
  if (!existsSync(cpDir)) return [];
  const out: { checkpoint: number; view: string; url: string }[] = [];
  for (const name of readdirSync(cpDir).sort()) {
    const m = IMAGE_NAME.exec(name);
    if (!m) continue;
    out.push({ checkpoint: Number(m[1]), view: m[2]!, url: urlFor(`attempt-${k}/checkpoints/${name}`) });
  }
  return out;
}

function attemptIndices(dir: string): number[] {
  return readdirSync(dir)
    .map((n) => /^attempt-(\d+)$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null && statSync(join(dir, m[0])).isDirectory())
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/** The scene of a record: scene.json when the viewer wrote one, else the task (bundled id or file) instantiated with the seed. */
function sceneOf(dir: string, episode: EpisodeFile | null, firstSnapshot: Snapshot | undefined): SceneFile {
  const sceneFile = join(dir, SCENE_FILE);
  if (existsSync(sceneFile)) {
    const parsed = SceneFileSchema.safeParse(readJson(sceneFile));
    if (!parsed.success) throw new RunReadError(`${sceneFile}: not a scene file (${parsed.error.issues[0]?.message})`);
    return parsed.data;
  }
  if (!episode) throw new RunReadError(notARunRecord(dir));
  let scene: SceneSpec;
  try {
    scene = instantiateScene(
      loadTask(episode.taskFile && existsSync(episode.taskFile) ? episode.taskFile : episode.task),
      episode.seed,
    ) as SceneSpec;
  } catch (err) {
    throw new RunReadError(
      `cannot rebuild the scene of task "${episode.task}" (${(err as Error).message}), and ${dir} has no ${SCENE_FILE}`,
    );
  }
  if (firstSnapshot) {
    const ids = new Set(scene.objects.map((o) => o.id));
    const seen = Object.keys(firstSnapshot.objects);
    if (seen.length !== ids.size || seen.some((id) => !ids.has(id))) {
      throw new RunReadError(
        `the task "${episode.task}" (seed ${episode.seed}) no longer builds the scene this run used, and ${dir} has no ${SCENE_FILE}`,
      );
    }
  }
  return { task: episode.task, seed: episode.seed, instruction: episode.instruction, scene };
}

function notARunRecord(dir: string): string {
  return `${dir}: not a run record folder (no such folder, or no episode.json or ${SCENE_FILE} in it)`;
}

export interface LoadedRun {
  info: Omit<SessionInfo, 'id'>;
  /** The knowledge base file the record names (null: it ran without one, or it has no episode.json). */
  knowledgeFile: string | null;
  /** Everything after the `session` message, in the order a live episode sends it. */
  messages: ServerMessage[];
}

/**
 * Reads a run record folder. `urlFor` turns a path inside it into a URL the browser can
 * load (checkpoint images). Throws RunReadError with one line on anything unreadable.
 */
export function readRun(dirIn: string, urlFor: (relPath: string) => string): LoadedRun {
  const dir = resolve(dirIn);
  // One answer for missing, unreadable and empty folders: a client learns nothing about what exists.
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new RunReadError(notARunRecord(dirIn));
  const episodeFile = join(dir, 'episode.json');
  let episode: EpisodeFile | null = null;
  if (existsSync(episodeFile)) {
    const parsed = EpisodeFileSchema.safeParse(readJson(episodeFile));
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      throw new RunReadError(`${episodeFile}: ${i.path.join('.') || '(root)'}: ${i.message}`);
    }
    episode = parsed.data;
  } else if (existsSync(join(dir, 'episodes'))) {
    const some = readdirSync(join(dir, 'episodes'))
      .slice(0, 3)
      .map((n) => join(dirIn, 'episodes', n));
    throw new RunReadError(`${dirIn} is a suite folder; open one of its episodes${some.length > 0 ? `, e.g. ${some.join(', ')}` : ''}`);
  }
  const indices = attemptIndices(dir);
  const attempts = indices.map((k) => ({ k, files: readAttemptRecord(dir, k) }));
  const meta = sceneOf(dir, episode, attempts[0]?.files.trace?.checkpoints[0]?.snapshot);
  const scene = meta.scene as SceneSpec;
  const initial = snapshotFromScene(scene);

  const messages: ServerMessage[] = [];
  const chat = (item: ChatItem): void => {
    messages.push({ type: 'chat', item });
  };
  chat({ role: 'system', kind: 'info', attempt: null, text: `Replaying ${dir}: ${meta.task}, seed ${meta.seed}. "${meta.instruction}"` });
  const corrections = readCorrections(dir);
  const givenIn = correctionAttempts(corrections, indices.at(-1) ?? null);
  const correctionViews = corrections.map(
    (r, i): CorrectionView => viewFromRecord(newCorrectionView(i, r.text, r.mode, 'applied', ''), r, givenIn[i]!),
  );
  /** The corrections given after attempt `after` ended (-1: before the first). */
  const correctionsAfter = (after: number): void => {
    correctionViews.forEach((v) => {
      if ((v.attempt ?? -1) === after) messages.push({ type: 'correction', correction: v });
    });
  };
  // The knowledge base: known from episode.json (absent there: the episode ran without one).
  if (episode) messages.push({ type: 'knowledge', knowledge: episode.knowledge ?? null, final: true });
  correctionsAfter(-1);
  let previousLast: Snapshot | undefined;
  for (const { k, files } of attempts) {
    const rec = episode?.attempts.find((a) => a.index === k);
    const origin = rec?.origin ?? (k === 0 ? 'generate' : 'repair');
    const program = files.program ?? '';
    // The draft's notes: in episode.json, or for a correction's program in corrections.jsonl.
    const notes = rec?.notes ?? (rec?.correction !== undefined ? corrections[rec.correction]?.notes : undefined);
    if (origin !== 'correction') {
      chat(
        draftChat(k, origin, {
          program,
          plan: [],
          error: program.trim() === '' ? 'the record has no program' : null,
          usage: { inputTokens: rec?.tokensIn ?? 0, outputTokens: rec?.tokensOut ?? 0 },
          ...(notes ? { notes } : {}),
        }),
      );
    }
    // A continued attempt starts where the previous one left the world.
    const start = rec?.continued && previousLast ? previousLast : initial;
    const first = files.frames?.[0];
    messages.push({
      type: 'attempt-start',
      attempt: k,
      origin,
      ...(rec?.correction !== undefined ? { correction: rec.correction } : {}),
      ...(rec?.continued ? { continued: true } : {}),
      program,
      plan: [],
      ...(notes ? { notes } : {}),
      initial: first ? { ...start, t: first.t } : start,
    });
    const frames = files.frames ?? [];
    for (let i = 0; i < frames.length; i += FRAMES_PER_MESSAGE) {
      messages.push({ type: 'frames', attempt: k, frames: frames.slice(i, i + FRAMES_PER_MESSAGE) });
    }
    const trace = files.trace;
    if (trace) {
      messages.push({ type: 'events', attempt: k, events: trace.events });
      messages.push({ type: 'checkpoints', attempt: k, checkpoints: trace.checkpoints });
    }
    const lastCp = trace?.checkpoints.at(-1);
    const error = rec?.error ?? null;
    messages.push({
      type: 'attempt-end',
      attempt: k,
      success: rec?.success ?? trace?.success?.ok ?? false,
      successDetail: rec?.successDetail ?? trace?.success?.detail ?? (lastCp ? 'unknown' : 'the attempt did not finish'),
      error,
      monitorOk: rec?.monitorOk ?? null,
      verdicts: (files.verdicts ?? []) as never,
      diagnosis: files.diagnosis ?? null,
      diagnosisText: files.diagnosisText ?? null,
      images: checkpointImages(dir, k, urlFor),
      tokensIn: rec?.tokensIn ?? 0,
      tokensOut: rec?.tokensOut ?? 0,
      wallMs: rec?.wallMs ?? 0,
    });
    if (rec?.interrupted) {
      chat({
        role: 'loop',
        kind: 'info',
        attempt: k,
        text: `Attempt ${k} interrupted for a correction before line ${error?.line ?? '?'}.`,
      });
    } else {
      chat(resultChat(k, rec?.success ?? trace?.success?.ok ?? false, rec?.successDetail ?? trace?.success?.detail ?? '', error));
    }
    if (files.diagnosisText) chat({ role: 'loop', kind: 'diagnosis', attempt: k, text: files.diagnosisText });
    previousLast = lastCp?.snapshot;
    correctionsAfter(k);
  }
  if (episode) {
    for (const w of episode.warnings ?? []) chat({ role: 'system', kind: 'warning', attempt: null, text: w });
    messages.push({
      type: 'episode-end',
      success: episode.success,
      successDetail: episode.successDetail,
      stoppedBy: episode.stoppedBy,
      attempts: episode.attempts.length,
      dir,
    });
  } else {
    chat({ role: 'system', kind: 'warning', attempt: null, text: 'This run has no episode.json: it was stopped before it finished.' });
  }
  return {
    info: {
      source: 'run',
      task: meta.task,
      seed: meta.seed,
      instruction: meta.instruction,
      provider: episode?.provider ?? meta.provider ?? 'unknown',
      model: episode?.model ?? meta.model ?? 'unknown',
      monitor: episode?.monitor ?? meta.monitor ?? 'unknown',
      maxRepairs: episode?.maxRepairs ?? meta.maxRepairs ?? 0,
      ...(episode?.engine ? { engine: episode.engine } : {}),
      dir,
      scene,
      frames: attempts.some((a) => a.files.frames !== undefined),
    },
    knowledgeFile: episode?.knowledge?.file ?? null,
    messages,
  };
}
