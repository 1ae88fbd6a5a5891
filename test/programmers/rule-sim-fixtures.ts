// The rule programmer against the real world, for the instruction-family tests
// (rule-relations, rule-places, rule-sets, rule-quantities): a hand-written task (scene,
// instruction, and the success predicate the test checks — the programmer never sees it),
// the first program the builtin writes for it, run in simulation, checked on the end state.

import { createWorld } from '../../sim/index.ts';
import { runAttempt } from '../../policy/program/index.ts';
import { RuleProgrammer } from '../../policy/programmers/index.ts';
import { parseTask } from '../../tasks/index.ts';
import type { TaskDef } from '../../tasks/index.ts';
import { taskContext } from '../helpers/program-context.ts';

type Extra = Record<string, unknown>;

export const box = (id: string, color: string, s: number | [number, number, number] = 0.04, extra: Extra = {}) => ({
  id,
  shape: 'box',
  color,
  size: typeof s === 'number' ? [s, s, s] : s,
  ...extra,
});
export const bowl = (id: string, color: string, extra: Extra = {}) => ({ id, shape: 'bowl', color, size: [0.13, 0.13, 0.06], ...extra });
export const cylinder = (id: string, color: string, extra: Extra = {}) => ({
  id,
  shape: 'cylinder',
  color,
  size: [0.04, 0.04, 0.06],
  ...extra,
});

/** A task written for a test: random placement (unless positions are given), boxes turned at random. */
export function task(instruction: string, objects: object[], success: object, opts: { zones?: object[]; layout?: object } = {}): TaskDef {
  return parseTask(
    {
      id: 'family_test',
      instruction,
      scene: { objects, zones: opts.zones ?? [], layout: { randomYaw: true, ...(opts.layout ?? {}) } },
      success,
      timeLimit: 180,
      reference: 'home();',
    },
    'family_test.json',
  );
}

export interface FirstAttempt {
  ok: boolean;
  /** The draft's error, the run's error and the success check's detail. */
  detail: string;
  program: string;
  notes: string[];
}

/** The builtin's first program for the task on a seed, run in simulation, judged by the task's success predicate. */
export async function firstAttempt(def: TaskDef, seed: number): Promise<FirstAttempt> {
  const ctx = await taskContext(def, seed);
  const draft = await new RuleProgrammer().generate(ctx);
  if (draft.error) return { ok: false, detail: `draft error: ${draft.error}`, program: '', notes: draft.notes ?? [] };
  const world = await createWorld(ctx.scene);
  try {
    const out = await runAttempt({ world, program: draft.program, timeLimitSec: def.timeLimit });
    const r = world.evaluate(def.success);
    return {
      ok: r.ok && !out.error,
      detail: `${out.error ? `${out.error.kind}: ${out.error.message} | ` : ''}${r.detail}`,
      program: draft.program,
      notes: draft.notes ?? [],
    };
  } finally {
    world.free();
  }
}

/** Seeds each simulation case runs on. */
export const SEEDS = [0, 1, 2];
