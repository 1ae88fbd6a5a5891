// SimulatedCorrector (issue 12, "Benchmark"): a scripted person who watches each run of a
// CorrectionSession with privileged knowledge — the task's success check, the diagnosis
// and the task file's `corrections` hints — and says the next phrase, or nothing when the
// task is done or there is nothing left to say. `suite --corrector simulated` drives every
// episode with one (runSimulatedSession), so corrections-to-success can be measured
// without a person. It reads the task's hints; the programmer never does (they are not in
// ProgramContext or CorrectionInput).

import type { PredicateResult, ProgramError } from '../../sim/index.ts';
import type { CorrectionHint } from '../../tasks/index.ts';
import type { Diagnosis, Verdict } from '../../monitor/index.ts';
import type { CorrectionClass, CorrectionMode } from '../programmers/programmer.ts';
import type { CorrectionResult, CorrectionSession, RunResult } from './session.ts';

/** The corrections a simulated person gives one episode at most, unless told otherwise (`--max-corrections`). */
export const DEFAULT_MAX_CORRECTIONS = 3;

/** What the corrector sees of a run that ended. */
export interface RunObservation {
  /** The program that ran. */
  program: string;
  /** The task check after the run (privileged: the person knows what they meant). */
  success: PredicateResult;
  diagnosis: Pick<Diagnosis, 'kind'> | null;
  verdicts: readonly Pick<Verdict, 'ok' | 'failure' | 'failures'>[];
  error: Pick<ProgramError, 'kind' | 'message'> | null;
}

/** Why the corrector says nothing more. */
export type CorrectorStop =
  /** The task check holds. */
  | 'satisfied'
  /** It gave the most corrections it may. */
  | 'limit'
  /** No hint fits this run that it has not just said about the same run. */
  | 'nothing-left';

export type CorrectorDecision =
  | { say: string; mode: CorrectionMode; hint: CorrectionHint; matched: string }
  | { say: null; stop: CorrectorStop; why: string };

/** One phrase said, and what came of it. */
export interface SaidCorrection {
  text: string;
  mode: CorrectionMode;
  /** The run kind the hint matched ("missed-place", "dropped", or "any"). */
  matched: string;
  /** The programmer's class, null when the session refused the text. */
  class: CorrectionClass | null;
  applied: boolean;
  /** The session's answer in a line (what was understood, or why nothing was applied). */
  message: string;
  /** Whether the task check held after the run its program made (null: it made none). */
  solved: boolean | null;
}

/** What the suite records of the simulated corrector per episode (ResultLine.corrector). */
export interface CorrectorRecord {
  kind: 'simulated';
  maxCorrections: number;
  /** Phrases said, in order. */
  said: SaidCorrection[];
  /** Corrections said before the task check first held; null when it never did. */
  solvedAfter: number | null;
  /** Why it stopped talking. */
  stop: CorrectorStop;
  why: string;
}

/** The kinds a run failed with, for matching hints: the diagnosis kind, then each failing checkpoint's failure kinds. */
export function runKinds(run: RunObservation): string[] {
  const kinds: string[] = [];
  const add = (k: string | undefined): void => {
    if (k && !kinds.includes(k)) kinds.push(k);
  };
  add(run.diagnosis?.kind);
  for (const v of run.verdicts) {
    if (v.ok) continue;
    add(v.failure?.kind);
    for (const f of v.failures ?? []) add(f.kind);
  }
  if (run.error) add('program-error');
  return kinds;
}

/** The key of a run's outcome: the same program ending the same way is the same run, for "never twice in a row". */
function runKey(run: RunObservation): string {
  return [run.program, run.success.detail, run.diagnosis?.kind ?? '', run.error ? `${run.error.kind}: ${run.error.message}` : ''].join(
    '\u0000',
  );
}

/**
 * The scripted person. Deterministic: the same hints and the same runs give the same phrases.
 *
 * - Nothing when the task check holds (`satisfied`) or after `maxCorrections` phrases (`limit`).
 * - Otherwise the first hint (file order) whose `when` is one of the run's kinds (its
 *   diagnosis kind or a failing checkpoint's failure kind) and that it has not said yet;
 *   else the first unsaid `any` hint.
 * - When every fitting hint has been said, it repeats one — the one said longest ago — but
 *   never the phrase it said last unless the run changed since (a new program, or the same
 *   one ending another way). Nothing fits: `nothing-left`.
 */
export class SimulatedCorrector {
  readonly hints: readonly CorrectionHint[];
  readonly maxCorrections: number;
  private readonly said: SaidCorrection[] = [];
  /** Per hint index: when it was last said (position in `said`), -1 never. */
  private readonly lastSaid: number[];
  private lastIndex = -1;
  private lastRunKey: string | null = null;
  private stopped: { stop: CorrectorStop; why: string } | null = null;
  private solvedAfter: number | null = null;

  constructor(hints: readonly CorrectionHint[], opts: { maxCorrections?: number } = {}) {
    const k = opts.maxCorrections ?? DEFAULT_MAX_CORRECTIONS;
    if (!Number.isInteger(k) || k < 0) throw new Error(`maxCorrections: expected a whole number ≥ 0, got ${k}`);
    this.hints = hints;
    this.maxCorrections = k;
    this.lastSaid = hints.map(() => -1);
  }

  /** The next phrase for this run, or why there is none. */
  next(run: RunObservation): CorrectorDecision {
    if (run.success.ok) {
      if (this.solvedAfter === null) this.solvedAfter = this.said.length;
      return this.stop('satisfied', `the task check holds: ${run.success.detail}`);
    }
    if (this.said.length >= this.maxCorrections) {
      return this.stop('limit', `gave ${this.said.length} correction(s), the most it may (--max-corrections ${this.maxCorrections})`);
    }
    if (this.hints.length === 0) return this.stop('nothing-left', 'the task has no corrections hints');
    const kinds = runKinds(run);
    const key = runKey(run);
    const sameRun = key === this.lastRunKey;
    const fits = (h: CorrectionHint): boolean => h.when === 'any' || kinds.includes(h.when);
    const order = [
      ...this.hints.map((h, i) => [h, i] as const).filter(([h]) => h.when !== 'any' && fits(h)),
      ...this.hints.map((h, i) => [h, i] as const).filter(([h]) => h.when === 'any'),
    ];
    const lastSay = this.lastIndex >= 0 ? this.hints[this.lastIndex]!.say : null;
    // Never the phrase just said about the same run (two hints may share a phrase).
    const allowed = order.filter(([h]) => !(sameRun && h.say === lastSay));
    let pick = allowed.find(([, i]) => this.lastSaid[i] === -1);
    // Every fitting hint said: repeat the one said longest ago.
    if (!pick) pick = [...allowed].sort((a, b) => this.lastSaid[a[1]]! - this.lastSaid[b[1]]!)[0];
    if (!pick) {
      const why =
        order.length === 0
          ? `no hint is for this run (${kinds.join(', ') || 'no failure kind'}) and none is for any failure`
          : `every hint that fits this run (${kinds.join(', ') || 'no failure kind'}) was said, the last one about this same run`;
      return this.stop('nothing-left', why);
    }
    const [hint] = pick;
    this.lastRunKey = key;
    return { say: hint.say, mode: hint.mode ?? 'continue', hint, matched: hint.when === 'any' ? 'any' : hint.when };
  }

  /** Records what the session made of the phrase `next` returned (call once per phrase said). */
  heard(decision: Extract<CorrectorDecision, { say: string }>, result: CorrectionResult): SaidCorrection {
    const i = this.hints.indexOf(decision.hint);
    const entry: SaidCorrection = {
      text: decision.say,
      mode: decision.mode,
      matched: decision.matched,
      class: result.kind === 'refused' ? null : result.record.class,
      applied: result.kind === 'applied',
      message: result.message,
      solved: null,
    };
    if (i >= 0) this.lastSaid[i] = this.said.length;
    this.lastIndex = i;
    this.said.push(entry);
    return entry;
  }

  /** Notes how the run made by the last applied phrase ended. */
  ranAfter(success: boolean): void {
    const last = this.said[this.said.length - 1];
    if (last?.applied && last.solved === null) last.solved = success;
  }

  private stop(stop: CorrectorStop, why: string): CorrectorDecision {
    this.stopped = { stop, why };
    return { say: null, stop, why };
  }

  get corrections(): readonly SaidCorrection[] {
    return this.said;
  }

  /** The episode's record; call after `next` returned no phrase. */
  record(): CorrectorRecord {
    const s = this.stopped ?? { stop: 'nothing-left' as const, why: 'not asked after the last run' };
    return {
      kind: 'simulated',
      maxCorrections: this.maxCorrections,
      said: this.said.map((x) => ({ ...x })),
      solvedAfter: this.solvedAfter,
      stop: s.stop,
      why: s.why,
    };
  }
}

/** A RunResult as the corrector sees it. */
export function observeRun(program: string, run: RunResult): RunObservation {
  return { program, success: run.success, diagnosis: run.personDiagnosis, verdicts: run.verdicts, error: run.error };
}

/**
 * Drives a session with the corrector until it says nothing more: run the program, then
 * repeatedly ask for a phrase, give it to the session, and — when the session applied it —
 * run the new program (on the world as it is, or from the seed with mode restart). A phrase
 * the programmer could not use leaves the program as it was; the corrector then says
 * something else about the same run (or stops). No automatic repairs.
 */
export async function runSimulatedSession(
  session: CorrectionSession,
  corrector: SimulatedCorrector,
  onSaid?: (said: SaidCorrection) => void,
): Promise<CorrectorRecord> {
  let program = session.program;
  let run = await session.run();
  for (;;) {
    const d = corrector.next(observeRun(program, run));
    if (d.say === null) break;
    const result = await session.correct(d.say, { mode: d.mode });
    const said = corrector.heard(d, result);
    if (result.kind === 'applied') {
      program = session.program;
      run = await session.run();
      corrector.ranAfter(run.success.ok);
    }
    onSaid?.(said);
  }
  return corrector.record();
}

/**
 * A simulated session from its first run to its close: runSimulatedSession, then the
 * session closed as the person left it — done (satisfied), out of corrections (limit), or
 * nothing left to say (quit); stopped when the run itself threw.
 */
export async function teachToEnd(
  session: CorrectionSession,
  corrector: SimulatedCorrector,
): Promise<{ corrector: CorrectorRecord; record: Awaited<ReturnType<CorrectionSession['close']>> }> {
  let said: CorrectorRecord;
  try {
    said = await runSimulatedSession(session, corrector);
  } catch (err) {
    await session.close('stopped');
    throw err;
  }
  const record = await session.close(said.stop === 'satisfied' ? 'done' : said.stop === 'limit' ? 'limit' : 'quit');
  return { corrector: said, record };
}
