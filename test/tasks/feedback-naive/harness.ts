// Runs a program on a `feedback` task the way an episode does: the world built from the
// truth (hidden properties included), the program talking to it through exact perception
// (stated sizes, true poses; skills plan from the same), the task check on the truth.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorld } from '../../../sim/index.ts';
import { runAttempt } from '../../../policy/program/index.ts';
import { perceive } from '../../../policy/loop/episode.ts';
import { instantiateScene, parseTask } from '../../../tasks/index.ts';
import type { TaskDef } from '../../../tasks/index.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

export const SEEDS = Array.from({ length: Number(process.env.FEEDBACK_SEEDS ?? 10) }, (_, i) => i);

/** The sensible first program written for task `id` (test/tasks/feedback-naive/<id>.js). */
export function naiveProgram(id: string): string {
  return readFileSync(join(HERE, `${id}.js`), 'utf8');
}

export interface SeedResult {
  seed: number;
  ok: boolean;
  /** The success check's detail, and the program's error when it stopped early. */
  detail: string;
  /** Whether success already held before the program ran. */
  heldAtStart: boolean;
}

/** Runs `program` on `task` at `seed` through exact perception and checks success. */
export async function runOnSeed(task: TaskDef, program: string, seed: number): Promise<SeedResult> {
  const world = await createWorld(instantiateScene(task, seed), { timeLimit: task.timeLimit });
  try {
    const heldAtStart = world.evaluate(task.success).ok;
    const programWorld = perceive(world, task, seed, 0, { settings: { mode: 'exact' }, bridge: null });
    const outcome = await runAttempt({ world, programWorld, program, timeLimitSec: task.timeLimit });
    if (outcome.internalError) throw outcome.internalError;
    const after = world.evaluate(task.success);
    const error = outcome.error ? ` [stopped: ${outcome.error.kind} at line ${outcome.error.line}: ${outcome.error.message}]` : '';
    return { seed, ok: after.ok, detail: `${after.detail}${error}`, heldAtStart };
  } finally {
    world.free();
  }
}

/** Runs `program` on every seed of SEEDS. */
export async function runOnSeeds(task: TaskDef, program: string): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  for (const seed of SEEDS) results.push(await runOnSeed(task, program, seed));
  return results;
}

/** The task with its JSON changed by `edit` (a copy of the file; the reference path still resolves). */
export function editedTask(task: TaskDef, edit: (json: TaskJson) => void): TaskDef {
  const json = JSON.parse(readFileSync(task.file, 'utf8')) as TaskJson;
  edit(json);
  return parseTask(json, task.file);
}

export interface TaskJson {
  scene: { objects: ObjectJson[]; zones?: { id: string; min: number[]; max: number[] }[] };
  success: unknown;
  [key: string]: unknown;
}

export interface ObjectJson {
  id: string;
  hidden?: Record<string, unknown>;
  on?: string;
  position?: number[];
  [key: string]: unknown;
}
