// Scoring monitors on the labelled attempt set (the figure RoboTwin 2.0 reports for its
// VLM observer): failure-detection accuracy, precision, recall, F1 (failure = positive),
// localisation (first failing subgoal named correctly, over correctly flagged failures),
// false alarms on successful attempts, and images rendered per second.

import type { TaskDef } from '../../tasks/index.ts';
import type { HeadlessRenderer, Monitor, Verdict, ViewImages } from '../../monitor/index.ts';
import { buildMonitorSet } from './monitor-set.ts';
import type { LabelledAttempt } from './monitor-set.ts';
import type { FaultName } from './fault-injection.ts';

export interface AttemptScore {
  id: string;
  variant: string;
  truthFailed: boolean;
  predictedFailed: boolean;
  truthSubgoal: number | null;
  predictedSubgoal: number | null;
  /** First failure the monitor reported, one line. */
  flagged: string | null;
  truthReason: string;
}

export interface MonitorReport {
  monitor: string;
  attempts: number;
  failed: number;
  succeeded: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Correct first failing subgoal / correctly flagged failures. */
  localisation: number;
  /** Flagged successful attempts / successful attempts. */
  falseAlarmRate: number;
  /** Views rendered for this monitor and their rate (0 when it needs none). */
  imagesRendered: number;
  imagesPerSecond: number;
  /** Wall time in inspect() per attempt (ms), rendering excluded. */
  msPerAttempt: number;
  /** Per variant: attempts, how many truly failed, how many the monitor flagged, how many it localised. */
  byVariant: Record<string, { attempts: number; failed: number; flagged: number; correct: number; localised: number }>;
  scores: AttemptScore[];
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** The monitor's attempt-level call: failed iff any verdict is not ok; localised at the first. */
export function monitorCall(verdicts: readonly Verdict[]): { failed: boolean; subgoal: number | null; flagged: string | null } {
  const first = verdicts.find((v) => !v.ok);
  return first
    ? { failed: true, subgoal: first.subgoal, flagged: `${first.label}: ${first.failure?.kind}: ${first.failure?.explanation ?? ''}` }
    : { failed: false, subgoal: null, flagged: null };
}

export interface ScoreOptions {
  /** Renders images for monitors that need them (ids+depth for pixels, rgb for vlm). */
  renderer?: HeadlessRenderer | null;
  onAttempt?: (score: AttemptScore, done: number) => void;
}

/** Scores one monitor on a labelled set. */
export async function scoreMonitor(monitor: Monitor, set: readonly LabelledAttempt[], opts: ScoreOptions = {}): Promise<MonitorReport> {
  const scores: AttemptScore[] = [];
  let renderMs = 0,
    images = 0,
    inspectMs = 0;
  for (const la of set) {
    let views: ViewImages[] | null = null;
    const cps = la.attempt.trace.checkpoints;
    if (monitor.needsImages && opts.renderer && cps.length > 0) {
      const request = monitor.imageRequest ?? { rgb: true, rgbJpeg: true, ids: false, depth: false };
      const t0 = performance.now();
      views = await opts.renderer.renderCheckpoints(
        la.attempt.scene,
        cps.map((c) => c.snapshot),
        request,
      );
      renderMs += performance.now() - t0;
      images += cps.length * Object.keys(views[0] ?? {}).length;
    }
    const t1 = performance.now();
    const verdicts = await monitor.inspect(la.attempt, views);
    inspectMs += performance.now() - t1;
    const call = monitorCall(verdicts);
    const s: AttemptScore = {
      id: la.id,
      variant: la.variant,
      truthFailed: la.truth.failed,
      predictedFailed: call.failed,
      truthSubgoal: la.truth.firstFailingSubgoal,
      predictedSubgoal: call.subgoal,
      flagged: call.flagged,
      truthReason: la.truth.reason,
    };
    scores.push(s);
    opts.onAttempt?.(s, scores.length);
  }
  const tp = scores.filter((s) => s.truthFailed && s.predictedFailed).length;
  const fp = scores.filter((s) => !s.truthFailed && s.predictedFailed).length;
  const tn = scores.filter((s) => !s.truthFailed && !s.predictedFailed).length;
  const fn = scores.filter((s) => s.truthFailed && !s.predictedFailed).length;
  const localised = scores.filter((s) => s.truthFailed && s.predictedFailed && s.predictedSubgoal === s.truthSubgoal).length;
  const precision = ratio(tp, tp + fp),
    recall = ratio(tp, tp + fn);
  const byVariant: MonitorReport['byVariant'] = {};
  for (const s of scores) {
    const v = (byVariant[s.variant] ??= { attempts: 0, failed: 0, flagged: 0, correct: 0, localised: 0 });
    v.attempts++;
    if (s.truthFailed) v.failed++;
    if (s.predictedFailed) v.flagged++;
    if (s.truthFailed === s.predictedFailed) v.correct++;
    if (s.truthFailed && s.predictedFailed && s.predictedSubgoal === s.truthSubgoal) v.localised++;
  }
  return {
    monitor: monitor.name,
    attempts: scores.length,
    failed: tp + fn,
    succeeded: fp + tn,
    tp,
    fp,
    tn,
    fn,
    accuracy: ratio(tp + tn, scores.length),
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    localisation: ratio(localised, tp),
    falseAlarmRate: ratio(fp, fp + tn),
    imagesRendered: images,
    imagesPerSecond: renderMs > 0 ? (images * 1000) / renderMs : 0,
    msPerAttempt: ratio(inspectMs, scores.length),
    byVariant,
    scores,
  };
}

export interface EvalMonitorOptions {
  monitor: Monitor;
  tasks: readonly TaskDef[];
  seeds: readonly number[];
  renderer?: HeadlessRenderer | null;
  faults?: readonly FaultName[];
  /** Reuse a set built earlier (buildMonitorSet) instead of running the programs again. */
  set?: readonly LabelledAttempt[];
  onAttempt?: (score: AttemptScore, done: number) => void;
}

/** Builds the labelled set (unless given) and scores the monitor on it. */
export async function evalMonitor(opts: EvalMonitorOptions): Promise<MonitorReport & { set: readonly LabelledAttempt[] }> {
  const set = opts.set ?? (await buildMonitorSet({ tasks: opts.tasks, seeds: opts.seeds, faults: opts.faults }));
  const report = await scoreMonitor(opts.monitor, set, { renderer: opts.renderer ?? null, onAttempt: opts.onAttempt });
  return { ...report, set };
}

/** A plain-text table of reports, one line per monitor. */
export function formatMonitorReports(reports: readonly MonitorReport[]): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const head = 'monitor   attempts  failed  accuracy  precision  recall   F1      localisation  false-alarms  images/s';
  const rows = reports.map((r) =>
    [
      r.monitor.padEnd(9),
      String(r.attempts).padStart(8),
      String(r.failed).padStart(7),
      pct(r.accuracy).padStart(9),
      pct(r.precision).padStart(10),
      pct(r.recall).padStart(7),
      r.f1.toFixed(3).padStart(6),
      pct(r.localisation).padStart(13),
      pct(r.falseAlarmRate).padStart(13),
      (r.imagesPerSecond ? r.imagesPerSecond.toFixed(1) : '-').padStart(9),
    ].join(' '),
  );
  return [head, ...rows].join('\n');
}
