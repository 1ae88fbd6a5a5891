// Diagnosis (docs/architecture.md#diagnosis): one structured record of why an attempt failed, fused from the
// first failing checkpoint, the program error and its line, the trace around it, the
// scene diff and the unmet predicate — plus the text block a repair prompt quotes.
// `kind` is an enum a rule-based repairer keys on; `offset` carries measured misses.
// Both are read from typed fields — the error's `cause`, the predicate result's `facts` —
// never from the sentences.

import { evaluatePredicate, predicateObjectIds } from '../sim/index.ts';
import type {
  AttemptData,
  CallError,
  Checkpoint,
  Predicate,
  PredicateResult,
  ProgramError,
  Snapshot,
  Vec2,
  WorldView,
} from '../sim/index.ts';
import { failingLeaf } from './checkpoint-checks.ts';
import { diffSnapshots } from './scene-diff.ts';
import type { SceneDiff } from './scene-diff.ts';
import { snapshotFromScene } from './scene-snapshot.ts';
import { callsBetween, formatEvent } from './trace-reading.ts';
import type { Failure, Verdict } from './verdict.ts';

export const DIAGNOSIS_KINDS = [
  'slipped-grasp',
  'nothing-grasped',
  'knocked-over',
  'missed-place',
  'wrong-object-moved',
  'collision',
  'reach',
  'timeout',
  'syntax',
  'program-error',
  'unknown',
] as const;
export type DiagnosisKind = (typeof DIAGNOSIS_KINDS)[number];

/** How far an object ended from where it should be: object − target, horizontally, in metres. */
export interface PlaceOffset {
  object: string;
  /** What it should have been at: an object id, a zone id or "[x, y]". */
  target: string;
  targetKind: 'object' | 'zone' | 'point';
  /** The reference point of a zone (its centre) or a point target (x, y); null for an object. */
  point: Vec2 | null;
  dx: number;
  dy: number;
  /** hypot(dx, dy). */
  distance: number;
}

export interface Diagnosis {
  kind: DiagnosisKind;
  /** One line: what went wrong, with numbers. */
  summary: string;
  /** Index of the first failing checkpoint (null when the attempt has none, e.g. a syntax error). */
  checkpoint: number | null;
  checkpointLabel: string | null;
  subgoal: { index: number; description: string; line: number | null; expect?: Predicate } | null;
  /** The monitor's failures at that checkpoint (first = most important). */
  failures: Failure[];
  error: (ProgramError & { source: string | null }) | null;
  /** The unmet predicate (the failing part) and its detail. */
  predicate: { predicate: Predicate; detail: string } | null;
  offset: PlaceOffset | null;
  /** What changed during the failing checkpoint's subgoal: from the last checkpoint before it began (or the start) to the failing one. */
  sceneDiff: SceneDiff | null;
  /** Where that diff starts: a checkpoint, or null for the start of the attempt. */
  sceneDiffFrom: { checkpoint: number; label: string } | null;
  /** Trace events around the failure, one line each. */
  events: string[];
  /** The task's success check when the caller passed it (the oracle). */
  success: PredicateResult | null;
  /** The block a repair prompt quotes. */
  text: string;
}

export interface DiagnoseOptions {
  /** The task success result (oracle), when the loop uses it. */
  success?: PredicateResult | null;
  /** The task success predicate, to measure a miss when only the oracle failed. */
  goal?: Predicate | null;
  /** Trace events shown before / after the failure. Default 6 / 2. */
  eventsBefore?: number;
  eventsAfter?: number;
}

const PLACEMENT = ['on', 'inside', 'near', 'inZone'];

function fmt(m: number): string {
  const v = Math.abs(m) < 0.0005 ? 0 : m * 100;
  return `${v >= 0 ? '+' : ''}${v.toFixed(1)} cm`;
}

/**
 * Where a placement predicate wanted its object and how far off it is, read from the
 * facts of its (failing) result; null for other predicates, or a result without facts.
 */
export function placementOffset(result: PredicateResult | null): PlaceOffset | null {
  const f = result?.facts;
  if (!f) return null;
  const offset = (
    object: string,
    target: string,
    targetKind: PlaceOffset['targetKind'],
    point: Vec2 | null,
    dx: number,
    dy: number,
  ): PlaceOffset => ({ object, target, targetKind, point, dx, dy, distance: Math.hypot(dx, dy) });
  switch (f.kind) {
    case 'on':
      return offset(f.object, f.support, 'object', null, f.dx, f.dy);
    case 'inside':
      return offset(f.object, f.container, 'object', null, f.dx, f.dy);
    case 'near': {
      if (f.target !== null) return offset(f.object, f.target, 'object', null, f.dx, f.dy);
      const point: Vec2 = [f.point[0], f.point[1]];
      return offset(f.object, `[${f.point.map((v) => v.toFixed(2)).join(', ')}]`, 'point', point, f.dx, f.dy);
    }
    case 'inZone':
      return offset(f.object, f.zone, 'zone', [(f.min[0] + f.max[0]) / 2, (f.min[1] + f.max[1]) / 2], f.dx, f.dy);
    default:
      return null;
  }
}

function kindFromError(e: Pick<CallError, 'cause'> & { kind: ProgramError['kind'] }): DiagnosisKind {
  switch (e.kind) {
    case 'SyntaxError':
      return 'syntax';
    case 'ReachError':
      return 'reach';
    case 'TimeoutError':
    case 'InterruptedError':
      return 'timeout';
    case 'CollisionError':
      return 'collision';
    case 'GraspError':
      if (e.cause === 'slipped') return 'slipped-grasp';
      if (e.cause === 'already-holding') return 'program-error';
      return 'nothing-grasped';
    default:
      return 'program-error';
  }
}

/** Was `id` held at some checkpoint of the same subgoal before `cp`? */
function heldEarlierInSubgoal(checkpoints: readonly Checkpoint[], cp: Checkpoint, id: string): boolean {
  return checkpoints.some((c) => c.index < cp.index && c.subgoal === cp.subgoal && c.snapshot.gripper.holding === id);
}

function kindFromFailure(f: Failure, attempt: AttemptData, cp: Checkpoint, state: Snapshot): DiagnosisKind {
  const cps = attempt.trace.checkpoints;
  switch (f.kind) {
    case 'program-error': {
      const calls = callsBetween(attempt.trace, cps[cps.indexOf(cp) - 1] ?? null, cp);
      const err = [...calls].reverse().find((c) => c.error)?.error ?? attempt.error;
      return err ? kindFromError(err) : 'program-error';
    }
    case 'dropped':
      return 'slipped-grasp';
    case 'still-held':
      return 'missed-place';
    case 'toppled':
      return 'knocked-over';
    case 'off-table':
      return f.objects[0] && cps.some((c) => c.index < cp.index && c.snapshot.gripper.holding === f.objects[0])
        ? 'slipped-grasp'
        : 'knocked-over';
    case 'disturbed': {
      const id = f.objects[0]!;
      const grabbed =
        state.gripper.holding === id || callsBetween(attempt.trace, cps[cps.indexOf(cp) - 1] ?? null, cp).some((c) => c.args[0] === id);
      return grabbed ? 'wrong-object-moved' : 'collision';
    }
    case 'not-grasped': {
      const id = f.objects[0]!;
      const holding = state.gripper.holding;
      if (holding && holding !== id) return 'wrong-object-moved';
      return heldEarlierInSubgoal(cps, cp, id) ? 'slipped-grasp' : 'nothing-grasped';
    }
    case 'expectation-unmet': {
      const p = f.predicate;
      if (!p) return 'unknown';
      if (PLACEMENT.some((k) => k in p)) return 'missed-place';
      if ('upright' in p) return 'knocked-over';
      if ('unmoved' in p) return 'wrong-object-moved';
      if ('onTable' in p) {
        const id = p.onTable;
        if (state.gripper.holding === id) return 'missed-place';
        return state.objects[id] && Math.abs(state.objects[id]!.position[0]) > 0.5 ? 'knocked-over' : 'missed-place';
      }
      if ('above' in p) {
        const id = p.above[0];
        if (state.gripper.holding === id) return 'unknown';
        return heldEarlierInSubgoal(cps, cp, id) ? 'slipped-grasp' : 'nothing-grasped';
      }
      if ('ordered' in p) return 'missed-place';
      return 'unknown';
    }
    case 'not-visible':
      return 'unknown';
    case 'monitor-error':
      return 'unknown';
  }
}

function sourceLine(program: string, line: number | null): string | null {
  if (line === null) return null;
  const l = program.split('\n')[line - 1];
  return l === undefined ? null : l.trim();
}

/**
 * Fuses an attempt and its verdicts into one diagnosis. The failing checkpoint is the
 * first verdict that is not ok; without one, the program error's checkpoint, else the
 * last checkpoint when the task check failed. Returns a diagnosis even for clean
 * attempts (kind 'unknown', summary says so) so callers need no special case.
 */
export function diagnose(attempt: AttemptData, verdicts: readonly Verdict[], opts: DiagnoseOptions = {}): Diagnosis {
  const cps = attempt.trace.checkpoints;
  const success = opts.success ?? null;
  const before = opts.eventsBefore ?? 6,
    after = opts.eventsAfter ?? 2;
  const initial = snapshotFromScene(attempt.scene);

  let idx = verdicts.findIndex((v) => !v.ok);
  if (idx < 0 && attempt.error) idx = cps.findIndex((c) => c.reason === 'error');
  if (idx < 0 && (attempt.error || (success && !success.ok))) idx = cps.length - 1;
  const cp = idx >= 0 ? (cps[idx] ?? null) : null;
  const verdict = cp ? (verdicts.find((v) => v.checkpoint === cp.index) ?? null) : null;
  const failures = verdict?.failures ?? [];
  const first = failures[0] ?? null;
  const state = cp?.snapshot ?? null;
  const view: WorldView | null = state ? { scene: attempt.scene, state, initial } : null;

  // The error: the program's, with its source line.
  const error = attempt.error ? { ...attempt.error, source: sourceLine(attempt.program, attempt.error.line) } : null;

  // The unmet predicate: the verdict's, else the subgoal's expectation, else the task goal.
  const sg = cp && cp.subgoal !== null ? (attempt.trace.subgoals[cp.subgoal] ?? null) : null;
  // `leaf` keeps its result: the offset is read from its facts.
  let leaf: { predicate: Predicate; result: PredicateResult } | null = null;
  const expFailure = failures.find((f) => f.predicate && f.result);
  if (expFailure) leaf = { predicate: expFailure.predicate!, result: expFailure.result! };
  else if (view && sg?.expect) leaf = failingLeaf(sg.expect, evaluatePredicate(sg.expect, view));
  if (!leaf && view && opts.goal && success && !success.ok) leaf = failingLeaf(opts.goal, evaluatePredicate(opts.goal, view));
  const predicate: Diagnosis['predicate'] = leaf ? { predicate: leaf.predicate, detail: leaf.result.detail } : null;

  // The kind: from the first failure; else from the error; else from the unmet predicate.
  let kind: DiagnosisKind = 'unknown';
  if (first && cp && state) kind = kindFromFailure(first, attempt, cp, state);
  else if (attempt.error) kind = kindFromError(attempt.error);
  else if (leaf && cp && state) {
    kind = kindFromFailure(
      {
        kind: 'expectation-unmet',
        objects: predicateObjectIds(leaf.predicate),
        explanation: '',
        predicate: leaf.predicate,
        result: leaf.result,
      },
      attempt,
      cp,
      state,
    );
  }
  if (kind === 'unknown' && attempt.error) kind = kindFromError(attempt.error);

  const offset = leaf && kind === 'missed-place' ? placementOffset(leaf.result) : null;

  // The diff covers the whole failing subgoal: action checkpoints inside it often show
  // nothing new by its end.
  let base = -1;
  for (let j = idx - 1; j >= 0; j--)
    if (cps[j]!.subgoal !== cp?.subgoal) {
      base = j;
      break;
    }
  const baseCp = base >= 0 ? cps[base]! : null;
  const sceneDiff = state ? diffSnapshots(attempt.scene, baseCp?.snapshot ?? initial, state) : null;
  const sceneDiffFrom = baseCp ? { checkpoint: baseCp.index, label: baseCp.label } : null;

  // Trace events around the failure: up to the checkpoint (or the error), and a few after.
  const evs = attempt.trace.events;
  const errorSeq = evs.find(
    (e) => e.type === 'call' && e.error && (!cp || e.seq <= cp.seq) && (idx <= 0 || e.seq > cps[idx - 1]!.seq),
  )?.seq;
  const anchor = errorSeq ?? cp?.seq ?? evs.length - 1;
  const pos = evs.findIndex((e) => e.seq === anchor);
  const events = pos < 0 ? evs.slice(-before).map(formatEvent) : evs.slice(Math.max(0, pos - before + 1), pos + 1 + after).map(formatEvent);

  let summary: string;
  if (!cp && !attempt.error && !(success && !success.ok)) summary = 'No failure found: every checkpoint passed.';
  else if (first) summary = first.explanation;
  else if (error)
    summary = `The program stopped with ${error.kind}${error.line !== null ? ` at line ${error.line}` : ''}: ${error.message}`;
  else if (predicate) summary = predicate.detail;
  else summary = success ? `The task is not done: ${success.detail}` : 'The attempt failed for an unknown reason.';
  if (offset && offset.distance > 0) summary += ` (measured offset dx ${fmt(offset.dx)}, dy ${fmt(offset.dy)} from ${offset.target})`;

  const diagnosis: Diagnosis = {
    kind,
    summary,
    checkpoint: cp?.index ?? null,
    checkpointLabel: cp?.label ?? null,
    subgoal: sg ? { index: sg.index, description: sg.description, line: sg.line, ...(sg.expect ? { expect: sg.expect } : {}) } : null,
    failures,
    error,
    predicate,
    offset,
    sceneDiff,
    sceneDiffFrom,
    events,
    success,
    text: '',
  };
  diagnosis.text = diagnosisText(diagnosis);
  return diagnosis;
}

/** The text block a repair prompt quotes. */
export function diagnosisText(d: Diagnosis): string {
  const lines: string[] = [];
  if (d.checkpoint === null && !d.error && d.kind === 'unknown' && !d.success) return `Diagnosis: ${d.summary}`;
  const where = d.checkpoint !== null ? `checkpoint ${d.checkpoint} "${d.checkpointLabel}"` : 'before any checkpoint';
  const sg = d.subgoal
    ? `, during subgoal ${d.subgoal.index} "${d.subgoal.description}"${d.subgoal.line !== null ? ` (line ${d.subgoal.line})` : ''}`
    : '';
  lines.push(`Failure (${d.kind}) at ${where}${sg}.`);
  lines.push(`What went wrong: ${d.summary}`);
  if (d.predicate) lines.push(`Unmet expectation ${JSON.stringify(d.predicate.predicate)}: ${d.predicate.detail}`);
  if (d.offset) {
    lines.push(
      `Measured placement error of ${d.offset.object} relative to ${d.offset.target}: dx ${fmt(d.offset.dx)}, dy ${fmt(d.offset.dy)} (${(d.offset.distance * 100).toFixed(1)} cm).`,
    );
  }
  for (const f of d.failures.slice(1)) lines.push(`Also at this checkpoint (${f.kind}): ${f.explanation}`);
  if (d.error) {
    lines.push(`Program error: ${d.error.kind}${d.error.line !== null ? ` at line ${d.error.line}` : ''}: ${d.error.message}`);
    if (d.error.source) lines.push(`  line ${d.error.line}: ${d.error.source}`);
  }
  if (d.sceneDiff) {
    const from = d.sceneDiffFrom ? `checkpoint ${d.sceneDiffFrom.checkpoint} "${d.sceneDiffFrom.label}"` : 'the start';
    lines.push(`Scene change since ${from}: ${d.sceneDiff.text}`);
  }
  if (d.events.length > 0) {
    lines.push('Trace around it:');
    for (const e of d.events) lines.push(`  ${e}`);
  }
  if (d.success && !d.success.ok) lines.push(`Task check: ${d.success.detail}`);
  return lines.join('\n');
}
