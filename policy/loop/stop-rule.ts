// The loop's decisions, as pure functions: what a monitor may know of the task check,
// whether an attempt counts as failed, whether the episode is done, and whether a new
// draft is worth running. With the oracle (the default, as RoboTwin 2.0's loop does) the
// task's success predicate decides; with --no-oracle only the program's error and the
// monitor's verdicts do, and nothing a monitor or programmer sees depends on the
// success predicate (docs/architecture.md#the-stop-rule-and-the-no-oracle-guarantee).

import type { PredicateResult, ProgramError } from '../../sim/index.ts';
import type { ProgramDraft } from '../programmers/programmer.ts';
import type { StopReason } from './records.ts';

/** What monitors, the diagnosis and the programmer may know of the task check: nothing without the oracle. */
export function oracleView(oracle: boolean, success: PredicateResult): PredicateResult | null {
  return oracle ? success : null;
}

/** Whether a monitor that asks a model should look at an attempt (with the oracle it may skip a clean success). */
export function monitorShouldLook(oracleResult: PredicateResult | null, error: ProgramError | null): boolean {
  return oracleResult === null || !oracleResult.ok || error !== null;
}

export interface Judgement {
  /** The attempt really failed (the task check, the monitor or an error): for records only. */
  failed: boolean;
  /** The loop treats it as failed and diagnoses it: with --no-oracle, the error and the monitor alone. */
  judgedFailed: boolean;
  /** Why the episode ends after this attempt, or null to repair. */
  stop: StopReason | null;
}

export function judgeAttempt(a: {
  oracle: boolean;
  success: PredicateResult;
  /** All checkpoints ok and no error; null when no monitor ran. */
  monitorOk: boolean | null;
  error: ProgramError | null;
  lastAttempt: boolean;
}): Judgement {
  const failed = !a.success.ok || a.monitorOk === false || a.error !== null;
  // No monitor and no oracle: every attempt is diagnosed from the trace, and never "done".
  const judgedFailed = a.oracle ? failed : a.monitorOk !== true;
  const done = a.oracle ? a.success.ok : a.monitorOk === true;
  const stop: StopReason | null = done ? (a.oracle ? 'success' : 'monitor-ok') : a.lastAttempt ? 'budget' : null;
  return { failed, judgedFailed, stop };
}

/** Whether the repair's draft ends the episode: two drafts without code, or the same program again. */
export function draftStop(previous: ProgramDraft, next: ProgramDraft, attempt: number): { stop: StopReason; warning: string } | null {
  const empty = (d: ProgramDraft): boolean => d.program.trim() === '';
  if (empty(next) && empty(previous)) {
    return { stop: 'no-program', warning: `no usable program after attempt ${attempt} either (${next.error ?? 'empty reply'}); stopping` };
  }
  // A draft without code is still run: that attempt fails with the reason, and counts.
  if (!empty(next) && next.program === previous.program) {
    return {
      stop: 'no-change',
      warning: `repair after attempt ${attempt} returned the same program (${next.error ?? 'no change'}); stopping`,
    };
  }
  return null;
}
