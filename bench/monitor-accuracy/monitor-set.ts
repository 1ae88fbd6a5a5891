// The labelled attempt set of the monitor benchmark: each task's reference program and
// its fault-injected variants, run on seeded scenes, with ground truth from privileged
// predicates. The same tasks, seeds and faults always give the same set, so every
// monitor (a VLM later too) is scored on exactly the same attempts.

import { createRng, evaluatePredicate } from '../../sim/index.ts';
import type { AttemptData, Predicate } from '../../sim/index.ts';
import type { TaskDef } from '../../tasks/index.ts';
import { instantiateScene } from '../../tasks/index.ts';
import { callsBetween, errorBetween, snapshotFromScene } from '../../monitor/index.ts';
import { runProgramOnScene } from './run-program.ts';
import { actionsOf, applyFault, FAULT_NAMES, planFault } from './fault-injection.ts';
import type { FaultName, FaultSpec } from './fault-injection.ts';

export interface GroundTruth {
  /** The attempt failed: the task predicate fails at the end, the program raised an error, or an intended expectation was unmet. */
  failed: boolean;
  /** Subgoal of the first truly failing checkpoint (the localisation label); null when nothing failed. */
  firstFailingSubgoal: number | null;
  /** Checkpoint index of that first failure. */
  firstFailingCheckpoint: number | null;
  /** Per checkpoint: no intended expectation unmet, no error raised there (and, at the last, the task done). */
  checkpointOk: boolean[];
  taskSuccess: boolean;
  /** Why it failed, one line ('' when it did not). */
  reason: string;
}

export interface LabelledAttempt {
  /** `<task>#<seed>/<variant>` */
  id: string;
  task: string;
  seed: number;
  variant: 'reference' | FaultName;
  fault: FaultSpec | null;
  attempt: AttemptData;
  truth: GroundTruth;
}

/** Ground truth from privileged state: the program's own (intended) expectations, errors, the task goal. */
export function groundTruth(attempt: AttemptData, goal: Predicate): GroundTruth {
  const cps = attempt.trace.checkpoints;
  const initial = snapshotFromScene(attempt.scene);
  const reasons: string[] = [];
  const checkpointOk = cps.map((cp, i) => {
    let ok = true;
    const err = errorBetween(callsBetween(attempt.trace, cps[i - 1] ?? null, cp));
    if (err?.error) {
      ok = false;
      reasons.push(`${err.call}() raised ${err.error.kind}`);
    }
    const sg = cp.subgoal !== null ? attempt.trace.subgoals[cp.subgoal] : undefined;
    if (cp.reason === 'subgoal-end' && sg?.expect) {
      const r = evaluatePredicate(sg.expect, { scene: attempt.scene, state: cp.snapshot, initial });
      if (!r.ok) {
        ok = false;
        reasons.push(`subgoal ${sg.index} unmet: ${r.detail}`);
      }
    }
    return ok;
  });
  const last = cps[cps.length - 1];
  const success = last
    ? evaluatePredicate(goal, { scene: attempt.scene, state: last.snapshot, initial })
    : { ok: false, detail: 'no checkpoint' };
  if (!success.ok) reasons.push(`task not done: ${success.detail}`);
  if (attempt.error && !reasons.some((r) => r.includes('raised'))) reasons.push(`program stopped: ${attempt.error.kind}`);
  if (attempt.error && cps.length > 0 && checkpointOk.every((x) => x)) checkpointOk[cps.length - 1] = false;
  if (!success.ok && cps.length > 0) checkpointOk[cps.length - 1] = false;
  const failed = !success.ok || attempt.error !== null || checkpointOk.some((x) => !x);
  const firstIdx = checkpointOk.findIndex((x) => !x);
  const first = firstIdx >= 0 ? cps[firstIdx]! : null;
  return {
    failed,
    firstFailingSubgoal: failed ? (first?.subgoal ?? (attempt.trace.subgoals.length > 0 ? attempt.trace.subgoals.length - 1 : null)) : null,
    firstFailingCheckpoint: failed ? (first?.index ?? null) : null,
    checkpointOk,
    taskSuccess: success.ok,
    reason: failed ? (reasons[0] ?? 'failed') : '',
  };
}

export interface MonitorSetOptions {
  tasks: readonly TaskDef[];
  seeds: readonly number[];
  /** Default: every fault of FAULT_NAMES. */
  faults?: readonly FaultName[];
  onAttempt?: (a: LabelledAttempt, done: number) => void;
}

/** Builds the labelled set: per task and seed, the reference run, then one run per applicable fault. */
export async function buildMonitorSet(opts: MonitorSetOptions): Promise<LabelledAttempt[]> {
  const faults = opts.faults ?? FAULT_NAMES;
  const out: LabelledAttempt[] = [];
  const add = (a: LabelledAttempt): void => {
    out.push(a);
    opts.onAttempt?.(a, out.length);
  };
  for (const task of opts.tasks) {
    for (const seed of opts.seeds) {
      const scene = instantiateScene(task, seed);
      const info = { id: task.id, instruction: task.instruction, timeLimit: task.timeLimit };
      const run = async (program: string): Promise<AttemptData> => ({
        ...(await runProgramOnScene(scene, program, info)),
        instruction: task.instruction,
        program,
      });
      const ref = await run(task.reference);
      add({
        id: `${task.id}#${seed}/reference`,
        task: task.id,
        seed,
        variant: 'reference',
        fault: null,
        attempt: ref,
        truth: groundTruth(ref, task.success),
      });
      const actions = actionsOf(ref.trace);
      for (const name of faults) {
        const fault = planFault(name, scene, actions, createRng(`${task.id}#${seed}#${name}`));
        if (!fault) continue;
        const attempt = await run(applyFault(task.reference, fault));
        add({
          id: `${task.id}#${seed}/${name}`,
          task: task.id,
          seed,
          variant: name,
          fault,
          attempt,
          truth: groundTruth(attempt, task.success),
        });
      }
    }
  }
  return out;
}
