// What a loaded task is: the parsed file with defaults filled in (TaskDef), and the one
// error type every task problem is reported with (TaskError).

import { isAbsolute, relative } from 'node:path';
import { jsonPath } from '../sim/index.ts';
import type { ObjectSpec, Predicate, Shape, Vec2, ZoneSpec } from '../sim/index.ts';
import type { HintWhen } from './schema.ts';

/**
 * One object of the task as written: what it is (as in the scene's ObjectSpec: `size`,
 * `mass` and `friction` are the truth, `stated` what the task tells where it differs, and
 * the hidden `comOffset`, `fixed`, `innerSize`), but its position may still be random,
 * fixed ± jitter, or on another object.
 */
export interface ObjectTemplate
  extends Pick<ObjectSpec, 'id' | 'shape' | 'color' | 'size' | 'mass' | 'friction' | 'comOffset' | 'fixed' | 'innerSize' | 'stated'> {
  /** Fixed centre [x, y]; absent = random in the layout (unless `on` is set). */
  position?: Vec2;
  /** ± metres along x and y around `position`. */
  jitter: number;
  /** Starts resting on (or inside) this object. */
  on?: string;
  /** Fixed yaw (radians); absent = 0, or random for boxes when layout.randomYaw. */
  yaw?: number;
}

export interface LayoutSpec {
  /** The area random objects' footprints are kept inside. */
  min: Vec2;
  max: Vec2;
  /** Clearance between footprint circles (m). */
  minGap: number;
  randomYaw: boolean;
  /**
   * Groups of objects with fixed positions whose spots (position and jitter) are dealt
   * among the group's members per seed, so which object stands where changes with the seed
   * while the spots stay those the author laid out.
   */
  shuffle: string[][];
}

export interface DistractorSpec {
  /** How many (fixed, or drawn from [min, max] per seed). */
  count: number | Vec2;
  shapes: Shape[];
}

/** The scene before a seed resolves it into a SceneSpec (layout.ts). */
export interface SceneTemplate {
  objects: ObjectTemplate[];
  zones: ZoneSpec[];
  layout: LayoutSpec;
  distractors: DistractorSpec;
}

/** One `corrections` entry of a task file, normalised: a plain string is `{ when: 'any', say }`. */
export interface CorrectionHint {
  /** A FailureKind or DiagnosisKind (HINT_WHEN_KINDS), or 'any'. */
  when: HintWhen;
  say: string;
  /** How the session goes on after it; absent = the session's default (continue). */
  mode?: 'continue' | 'restart';
}

export interface TaskDef {
  id: string;
  /** Absolute path of the task file ('<inline>' for tasks parsed from memory). */
  file: string;
  instruction: string;
  description?: string;
  sceneTemplate: SceneTemplate;
  success: Predicate;
  /** Simulated-seconds budget of one attempt. */
  timeLimit: number;
  /** Program text that solves the task (tests run it on many seeds). */
  reference: string;
  /** Absolute path of the reference program when it lives in its own file, else null. */
  referenceFile: string | null;
  tags: string[];
  /**
   * Phrases a person would say watching the task's typical failure, each with the failure
   * or diagnosis kind it is said on ("any" for a plain string in the file). Never shown to
   * programmers (like `success`, `reference` and the hidden truth); the SimulatedCorrector reads them.
   */
  corrections: CorrectionHint[];
  /**
   * The task's version: the first 12 hex digits of the sha256 of its canonical JSON (comment
   * keys dropped, keys sorted) and its reference program text (taskHash in task-file.ts).
   */
  hash: string;
}

/** A file path as people read it: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** A JSON path as people read it: scene.objects[2].size ("(root)" for the whole file). */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  return jsonPath(path) || '(root)';
}

/** Longest TaskError message (characters); past it the message is cut with "…". */
export const TASK_ERROR_MAX_CHARS = 2000;

/**
 * A message as one line: line breaks and other control characters (from a file name or a key
 * in a hostile file) are escaped, and it is cut at TASK_ERROR_MAX_CHARS.
 */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return flat.length > TASK_ERROR_MAX_CHARS ? `${flat.slice(0, TASK_ERROR_MAX_CHARS - 1)}…` : flat;
}

/**
 * Anything wrong with a task file or a task reference. The message is one line:
 * `<file>: <json path>: <what was expected>` (the path is omitted for file-level problems).
 */
export class TaskError extends Error {
  readonly file: string | null;
  readonly jsonPath: string | null;
  readonly problem: string;
  constructor(file: string | null, jsonPath: string | null, problem: string) {
    const where = [file === null ? null : displayPath(file), jsonPath].filter((s) => s !== null);
    super(oneLine([...where, problem].join(': ')));
    this.name = 'TaskError';
    this.file = file;
    this.jsonPath = jsonPath;
    this.problem = problem;
  }
}
