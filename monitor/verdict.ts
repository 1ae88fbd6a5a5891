// What a monitor says about an attempt (docs/architecture.md#monitors-and-verdicts): one verdict per checkpoint.

import type { TokenUsage } from '../llm/index.ts';
import type { AttemptData, Predicate, PredicateResult } from '../sim/index.ts';
import type { RenderOptions, ViewImages } from './render/headless-renderer.ts';

export const MONITOR_NAMES = ['state', 'pixels', 'vlm', 'none'] as const;
export type MonitorName = (typeof MONITOR_NAMES)[number];

// The kinds live in sim/failure-kinds.ts (plain data) so that task files can name them too.
export { FAILURE_KINDS, type FailureKind } from '../sim/failure-kinds.ts';
import type { FailureKind } from '../sim/failure-kinds.ts';

export interface Failure {
  kind: FailureKind;
  /** Object ids involved, most relevant first. */
  objects: string[];
  /** One or two sentences with numbers. */
  explanation: string;
  /** For expectation failures: the predicate (the failing part of an `all`) and its result. */
  predicate?: Predicate;
  result?: PredicateResult;
}

export interface Verdict {
  /** Checkpoint index (Checkpoint.index). */
  checkpoint: number;
  label: string;
  /** Subgoal the checkpoint belongs to (null before the first subgoal). */
  subgoal: number | null;
  ok: boolean;
  /** The most important failure at this checkpoint, when not ok. */
  failure?: Failure;
  /** Every failure found at this checkpoint (failure is the first). */
  failures?: Failure[];
  /** What the monitor looked at (the pixel monitor's measurements, a VLM's answer). */
  evidence?: string[];
}

export interface InspectOptions {
  /**
   * The task predicate's result at the end, given only when the loop runs with the oracle
   * (never with --no-oracle). Monitors may use it to skip work, never to judge.
   */
  success?: PredicateResult | null;
  /**
   * Called with each checkpoint's verdict as soon as it is judged (in checkpoint order), so a
   * viewer can show it before the attempt's last checkpoint is judged; inspect() still returns them all.
   */
  onVerdict?: (v: Verdict) => void;
}

/** The usage of a monitor that asks no model. */
export const NO_MODEL_USAGE: Readonly<TokenUsage> = Object.freeze({ inputTokens: 0, outputTokens: 0 });

export interface Monitor {
  readonly name: MonitorName;
  /** Whether inspect() wants rendered images (ids + depth for pixels, rgb for vlm). */
  readonly needsImages: boolean;
  /** Which images it wants (views, resolution, rgb / ids / depth), when it needs any. */
  readonly imageRequest?: RenderOptions;
  /** Model tokens its inspections used since it was made (zero for monitors without a model). */
  readonly usage: Readonly<TokenUsage>;
  /**
   * One verdict per checkpoint of attempt.trace, in order. `images[i]` are the views of
   * checkpoint i (index-aligned with trace.checkpoints); monitors that need images and
   * get none render them themselves, or fall back as documented.
   */
  inspect(attempt: AttemptData, images?: readonly ViewImages[] | null, opts?: InspectOptions): Promise<Verdict[]>;
}

/** Order in which failures at one checkpoint are reported (first = most important). */
export const FAILURE_PRIORITY: readonly FailureKind[] = [
  'program-error',
  'not-grasped',
  'expectation-unmet',
  'still-held',
  'dropped',
  'off-table',
  'toppled',
  'disturbed',
  'not-visible',
  'monitor-error',
];

export function makeVerdict(
  cp: { index: number; label: string; subgoal: number | null },
  failures: Failure[],
  evidence?: string[],
): Verdict {
  const sorted = [...failures].sort((a, b) => FAILURE_PRIORITY.indexOf(a.kind) - FAILURE_PRIORITY.indexOf(b.kind));
  const v: Verdict = { checkpoint: cp.index, label: cp.label, subgoal: cp.subgoal, ok: sorted.length === 0 };
  if (sorted.length > 0) {
    v.failure = sorted[0]!;
    v.failures = sorted;
  }
  if (evidence && evidence.length > 0) v.evidence = evidence;
  return v;
}

/** The first verdict that is not ok, or null. */
export function firstFailing(verdicts: readonly Verdict[]): Verdict | null {
  return verdicts.find((v) => !v.ok) ?? null;
}
