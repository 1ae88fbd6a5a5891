// Diagnosis (docs/architecture.md#diagnosis): one structured record of why an attempt failed, fused from the
// first failing checkpoint, the program error and its line, the trace around it (with the
// objects each call moved), the scene diff and the unmet predicate — plus the text block
// a repair prompt quotes. `kind` is an enum; `facts` carries the measured quantities a
// rule-based repairer acts on (the call the failure is pinned on, shortfalls, offsets,
// objects moved by calls not meant to move them, slips). Everything is read from typed
// fields — the error's `cause`, the predicate results' `facts`, the calls' `moved` —
// never from the sentences.

import { cm, deg, evaluatePredicate, predicateObjectIds } from '../sim/index.ts';
import type {
  AttemptData,
  CallError,
  CallEvent,
  Checkpoint,
  MovedObject,
  Predicate,
  PredicateFacts,
  PredicateResult,
  ProgramError,
  Snapshot,
  Vec2,
  Vec3,
  WorldView,
} from '../sim/index.ts';
import { failingLeaf } from './checkpoint-checks.ts';
import { diffSnapshots, directionOf } from './scene-diff.ts';
import type { SceneDiff } from './scene-diff.ts';
import { snapshotFromScene } from './scene-snapshot.ts';
import { callsBetween, formatEvent, RELEASING_CALLS } from './trace-reading.ts';
import type { Failure, Verdict } from './verdict.ts';

export { DIAGNOSIS_KINDS, type DiagnosisKind } from '../sim/failure-kinds.ts';
import type { DiagnosisKind } from '../sim/failure-kinds.ts';

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

/** A call of the program, as the diagnosis points at it. */
export interface CallRef {
  /** seq of its trace event. */
  seq: number;
  call: string;
  /** 1-based program line; null if unknown. */
  line: number | null;
  /** That line's text, trimmed. */
  source: string | null;
}

/** An object moved by a call that was not meant to move it (from `CallEvent.moved`). */
export interface Disturbance {
  object: string;
  by: CallRef;
  /** Net displacement over the call (m), its length, the rotation (deg), and whether it tipped over. */
  delta: Vec3;
  distance: number;
  rotationDeg: number;
  toppled: boolean;
  /**
   * Something the attempt cares about names it: the failing checkpoint's failures, the
   * unmet predicate, an expectation stated up to the failing subgoal, or (with the oracle
   * only) the failing task check.
   */
  relevant: boolean;
  /** A later call before the failing checkpoint moved it on purpose (picked it, say). */
  movedOnPurposeLater: boolean;
}

export const SHORTFALL_QUANTITIES = ['height', 'bottom', 'gap', 'edge', 'outside', 'rim', 'distance', 'tilt', 'moved', 'order'] as const;
export type ShortfallQuantity = (typeof SHORTFALL_QUANTITIES)[number];

/**
 * One measured quantity of a failing predicate past its limit: "cyan_block's bottom is
 * 11.5 cm above the table, needs at least 12.0 cm" is { quantity: 'height', measured:
 * 0.115, limit: 0.12, bound: 'min', excess: 0.005 }.
 */
export interface Shortfall {
  object: string;
  /** The predicate kind that measured it. */
  predicate: PredicateFacts['kind'];
  quantity: ShortfallQuantity;
  /** What it is measured against (a support, container, zone, target object, "[x, y]", "table"); null for the object's own (tilt). */
  relativeTo: string | null;
  measured: number;
  limit: number;
  /** 'min': measured must be at least limit; 'max': at most. */
  bound: 'min' | 'max';
  unit: 'm' | 'rad';
  /** |measured − limit|: how far past the limit. */
  excess: number;
  text: string;
}

export const SLIP_PHASES = ['pick', 'carry', 'place', 'push', 'other'] as const;
export type SlipPhase = (typeof SLIP_PHASES)[number];

/** A held object lost without a release: from the call's error cause, or from the trace (held before, not after, and not a releasing call). */
export interface Slip {
  object: string;
  by: CallRef;
  /** pick (pick, closeGripper), carry (moveTo, moveBy, rotateTo, home, wait), place, push. */
  phase: SlipPhase;
  cause: 'slipped' | 'knocked-away' | 'held-into-table' | 'dropped';
  /** How far it fell during the call (m), when the call recorded it moving; else null. */
  drop: number | null;
}

/** The measured quantities behind a diagnosis: what a rule-based repairer acts on. */
export interface DiagnosisFacts {
  /** The call the failure is pinned on (also `Diagnosis.line`); null when no call is to blame (a syntax error). */
  cause: CallRef | null;
  /** Every checkpoint passed and the program raised no error: only the task check (oracle) failed. */
  allCheckpointsPassed: boolean;
  /** The failing predicate's measured facts (expectation, else task check); null when none failed or it has none. */
  unmet: PredicateFacts | null;
  /** The failing predicates' quantities past their limits: the unmet one's, then the task check's (oracle). */
  shortfalls: Shortfall[];
  /** Objects moved by calls not meant to move them, up to the failing checkpoint, in order (at most 20). */
  disturbances: Disturbance[];
  /** Held objects lost without a release, up to the failing checkpoint. */
  slips: Slip[];
  /**
   * Objects the failing predicates are about (the object of an unmet `on`, `near`, …, not
   * its support or target) that no call moved at all (a step left out, say); empty
   * when the trace lists no moves (a trace without `CallEvent.moved`). Always set by
   * `diagnose`; optional so hand-built facts may leave it out.
   */
  untouched?: string[];
  /** With the oracle: the failing parts of the task check (detail and facts); empty otherwise. */
  task: { detail: string; facts: PredicateFacts | null }[];
}

export interface Diagnosis {
  kind: DiagnosisKind;
  /** One line: what went wrong, with numbers. */
  summary: string;
  /** The program line of the call the failure is pinned on (`facts.cause`), else the error's line; never the subgoal( line. */
  line: number | null;
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
  facts: DiagnosisFacts;
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

const PLACEMENT = ['on', 'inside', 'near', 'inZone', 'inRegion', 'offset'];

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
        const id = typeof p.onTable === 'string' ? p.onTable : f.result?.facts?.kind === 'onTable' ? f.result.facts.object : null;
        if (id === null) return 'missed-place';
        if (state.gripper.holding === id) return 'missed-place';
        return state.objects[id] && Math.abs(state.objects[id]!.position[0]) > 0.5 ? 'knocked-over' : 'missed-place';
      }
      if ('above' in p) {
        const id = typeof p.above[0] === 'string' ? p.above[0] : f.result?.facts?.kind === 'above' ? f.result.facts.object : null;
        if (id === null) return 'unknown';
        if (state.gripper.holding === id) return 'unknown';
        return heldEarlierInSubgoal(cps, cp, id) ? 'slipped-grasp' : 'nothing-grasped';
      }
      if ('ordered' in p || 'row' in p || 'line' in p || 'circle' in p || 'distinct' in p) return 'missed-place';
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

function callRef(program: string, e: CallEvent): CallRef {
  return { seq: e.seq, call: e.call, line: e.line, source: sourceLine(program, e.line) };
}

/** Calls that move the world (a failure with no object to follow is pinned on the last of these). */
const MOTION_CALLS: ReadonlySet<string> = new Set([
  'pick',
  'place',
  'push',
  'moveTo',
  'moveBy',
  'rotateTo',
  'openGripper',
  'closeGripper',
  'home',
  'wait',
]);

/** A disturbance big enough to explain a failure: ≥ 1 cm, ≥ 15°, or tipped over. */
function significant(m: Pick<MovedObject, 'distance' | 'rotationDeg' | 'toppled'>): boolean {
  return m.toppled || m.distance >= 0.01 || m.rotationDeg >= 15;
}

/** The failing leaves of a result, read from its facts (`all` and `any` parts, recursively). */
function failingResults(r: PredicateResult): PredicateResult[] {
  if (r.ok) return [];
  const f = r.facts;
  if (f && (f.kind === 'all' || f.kind === 'any' || f.kind === 'every' || f.kind === 'some' || f.kind === 'distinct')) {
    const parts = f.parts.flatMap(failingResults);
    if (parts.length > 0) return parts;
  }
  return [r];
}

/** The predicate a leaf's facts measured (to name it and classify it); null for combinators and unknown ids. */
function predicateOfFacts(f: PredicateFacts): Predicate | null {
  switch (f.kind) {
    case 'grasped':
      return { grasped: f.object };
    case 'on':
      return { on: [f.object, f.support] };
    case 'inside':
      return { inside: [f.object, f.container] };
    case 'onTable':
      return { onTable: f.object };
    case 'above':
      return { above: [f.object, f.height] };
    case 'near':
      return { near: [f.object, f.target ?? (f.point as Vec2 | Vec3), f.limit] };
    case 'upright':
      return { upright: f.object };
    case 'unmoved':
      return { unmoved: [f.object, f.limit] };
    case 'inZone':
      return { inZone: [f.object, f.zone] };
    case 'ordered':
      return { ordered: { ids: f.ids, axis: f.axis } };
    case 'inRegion':
      return { inRegion: [f.object, f.region] };
    case 'offset':
      return { offset: { id: f.object, from: f.from, direction: f.direction, min: f.min, max: f.max, lateral: f.lateralLimit } };
    default:
      return null;
  }
}

/** Object ids a predicate's facts name. */
function factsObjects(f: PredicateFacts): string[] {
  const p = predicateOfFacts(f);
  return p ? predicateObjectIds(p) : [];
}

/** The quantities of a failing result past their limits, read from its facts. */
export function shortfallsOf(result: PredicateResult): Shortfall[] {
  const out: Shortfall[] = [];
  for (const leaf of failingResults(result)) {
    const f = leaf.facts;
    if (!f) continue;
    const add = (
      object: string,
      quantity: ShortfallQuantity,
      relativeTo: string | null,
      measured: number,
      limit: number,
      bound: 'min' | 'max',
      text: string,
      unit: 'm' | 'rad' = 'm',
    ): void => {
      out.push({ object, predicate: f.kind, quantity, relativeTo, measured, limit, bound, unit, excess: Math.abs(measured - limit), text });
    };
    switch (f.kind) {
      case 'above':
        if (f.bottom < f.height)
          add(
            f.object,
            'height',
            'table',
            f.bottom,
            f.height,
            'min',
            `${f.object}'s bottom is ${cm(f.bottom)} above the table, needs at least ${cm(f.height)}`,
          );
        break;
      case 'onTable':
        if (f.held || !f.overTable) break;
        if (f.bottom > f.limit)
          add(
            f.object,
            'bottom',
            'table',
            f.bottom,
            f.limit,
            'max',
            `${f.object}'s bottom is ${cm(f.bottom)} above the table, at most ${cm(f.limit)} allowed`,
          );
        else if (f.bottom < -f.limit)
          add(f.object, 'bottom', 'table', f.bottom, -f.limit, 'min', `${f.object}'s bottom is ${cm(-f.bottom)} below the table top`);
        break;
      case 'on':
        if (f.held) break;
        if (f.gap > f.gapAbove)
          add(
            f.object,
            'gap',
            f.support,
            f.gap,
            f.gapAbove,
            'max',
            `${f.object}'s bottom is ${cm(f.gap)} above ${f.support}'s top, at most ${cm(f.gapAbove)} allowed`,
          );
        else if (f.gap < -f.gapBelow)
          add(
            f.object,
            'gap',
            f.support,
            f.gap,
            -f.gapBelow,
            'min',
            `${f.object}'s bottom is ${cm(-f.gap)} below ${f.support}'s top, at most ${cm(f.gapBelow)} allowed`,
          );
        if (f.outside > f.edgeTolerance)
          add(
            f.object,
            'edge',
            f.support,
            f.outside,
            f.edgeTolerance,
            'max',
            `${f.object}'s centre is ${cm(f.outside)} past the edge of ${f.support}'s top, at most ${cm(f.edgeTolerance)} allowed`,
          );
        break;
      case 'inside':
        if (f.held || f.outside === null) break;
        if (f.outside > 0)
          add(
            f.object,
            'outside',
            f.container,
            f.outside,
            0,
            'max',
            `${f.object}'s centre is ${cm(f.outside)} outside ${f.container}'s inner wall`,
          );
        else if (f.belowRim < 0)
          add(f.object, 'rim', f.container, f.belowRim, 0, 'min', `${f.object}'s centre is ${cm(-f.belowRim)} above ${f.container}'s rim`);
        break;
      case 'near': {
        const target = f.target ?? `[${f.point.map((v) => v.toFixed(2)).join(', ')}]`;
        if (f.distance > f.limit)
          add(
            f.object,
            'distance',
            target,
            f.distance,
            f.limit,
            'max',
            `${f.object} is ${cm(f.distance)} from ${target}, at most ${cm(f.limit)} allowed`,
          );
        break;
      }
      case 'upright':
        if (!f.sphere && f.tilt > f.limit)
          add(
            f.object,
            'tilt',
            null,
            f.tilt,
            f.limit,
            'max',
            `${f.object} is tilted ${deg(f.tilt)}, at most ${deg(f.limit)} allowed`,
            'rad',
          );
        break;
      case 'unmoved':
        if (f.distance >= f.limit)
          add(
            f.object,
            'moved',
            null,
            f.distance,
            f.limit,
            'max',
            `${f.object} moved ${cm(f.distance)} since the start, less than ${cm(f.limit)} allowed`,
          );
        break;
      case 'inZone':
        if (f.outside > 0)
          add(f.object, 'outside', f.zone, f.outside, 0, 'max', `${f.object}'s centre is ${cm(f.outside)} outside zone ${f.zone}`);
        break;
      case 'ordered': {
        const i = f.outOfOrder;
        if (i === null || i < 1) break;
        const d = f.values[i]! - f.values[i - 1]!;
        add(f.ids[i]!, 'order', f.ids[i - 1]!, d, 0, 'min', `${f.ids[i]} is ${cm(-d)} short of passing ${f.ids[i - 1]} along ${f.axis}`);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function phaseOf(call: string): SlipPhase {
  if (call === 'pick' || call === 'closeGripper') return 'pick';
  if (call === 'place') return 'place';
  if (call === 'push') return 'push';
  if (call === 'moveTo' || call === 'moveBy' || call === 'rotateTo' || call === 'home' || call === 'wait') return 'carry';
  return 'other';
}

/** Held objects lost without a release, in the calls given (in order). */
function slipsIn(program: string, calls: readonly CallEvent[]): Slip[] {
  const out: Slip[] = [];
  let holding: string | null = null;
  const slip = (c: CallEvent, object: string, cause: Slip['cause']): void => {
    const m = c.moved?.find((x) => x.id === object);
    out.push({ object, by: callRef(program, c), phase: phaseOf(c.call), cause, drop: m ? Math.max(0, -m.delta[2]) : null });
  };
  for (const c of calls) {
    const before = holding;
    holding = c.gripper.holding;
    const cause = c.error?.cause;
    if (cause === 'slipped' || cause === 'knocked-away' || cause === 'held-into-table') {
      // The skill knew: the object held before the call, or the one a pick had just grasped.
      const object = before ?? (typeof c.args[0] === 'string' ? c.args[0] : null) ?? c.moved?.find((m) => m.intended)?.id ?? null;
      if (object && c.gripper.holding !== object) slip(c, object, cause);
      continue;
    }
    if (before && c.gripper.holding !== before && !RELEASING_CALLS.has(c.call)) slip(c, before, 'dropped');
  }
  return out;
}

/** "red_block was pushed 2.1 cm toward +x by place() at line 15". */
export function describeDisturbance(d: Disturbance): string {
  const by = `${d.by.call}()${d.by.line !== null ? ` at line ${d.by.line}` : ''}`;
  if (d.toppled) return `${d.object} was knocked over by ${by} (tilted ${Math.round(d.rotationDeg)}°, moved ${cm(d.distance)})`;
  if (d.distance >= 0.003) {
    const [dx, dy, dz] = d.delta;
    const turn = d.rotationDeg >= 10 ? `, turning it ${Math.round(d.rotationDeg)}°` : '';
    if (Math.hypot(dx, dy) >= Math.abs(dz)) {
      const dir = directionOf([dx, dy, 0]);
      const fell = dz <= -0.01 ? ` and ${cm(-dz)} down` : '';
      return `${d.object} was pushed ${cm(fell ? Math.hypot(dx, dy) : d.distance)}${dir ? ` toward ${dir}` : ''}${fell} by ${by}${turn}`;
    }
    return `${d.object} was moved ${cm(d.distance)} ${dz > 0 ? 'up' : 'down'} by ${by}${turn}`;
  }
  return `${d.object} was turned ${Math.round(d.rotationDeg)}° by ${by}`;
}

function describeSlip(s: Slip): string {
  const by = `${s.by.call}()${s.by.line !== null ? ` at line ${s.by.line}` : ''}`;
  const how =
    s.cause === 'knocked-away'
      ? 'was knocked out of the grasp'
      : s.cause === 'held-into-table'
        ? 'was driven into the table and out of the grasp'
        : s.cause === 'slipped'
          ? 'slipped out of the grasp'
          : 'left the grasp without a release';
  const drop = s.drop !== null && s.drop >= 0.005 ? `, falling ${cm(s.drop)}` : '';
  return `${s.object} ${how} during ${by} (${s.phase})${drop}`;
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
  const taskFailed = !!success && !success.ok;

  let idx = verdicts.findIndex((v) => !v.ok);
  const allCheckpointsPassed = idx < 0 && !attempt.error && verdicts.length > 0 && taskFailed;
  if (idx < 0 && attempt.error) idx = cps.findIndex((c) => c.reason === 'error');
  if (idx < 0 && (attempt.error || taskFailed)) idx = cps.length - 1;
  const cp = idx >= 0 ? (cps[idx] ?? null) : null;
  const verdict = cp ? (verdicts.find((v) => v.checkpoint === cp.index) ?? null) : null;
  const failures = verdict?.failures ?? [];
  const first = failures[0] ?? null;
  const state = cp?.snapshot ?? null;
  const view: WorldView | null = state ? { scene: attempt.scene, state, initial } : null;

  // The error: the program's, with its source line.
  const error = attempt.error ? { ...attempt.error, source: sourceLine(attempt.program, attempt.error.line) } : null;

  // The task check's failing parts (oracle only).
  const taskLeaves = taskFailed ? failingResults(success) : [];

  // The unmet predicate: the verdict's, else the subgoal's expectation, else the task goal.
  const sg = cp && cp.subgoal !== null ? (attempt.trace.subgoals[cp.subgoal] ?? null) : null;
  // `leaf` keeps its result: the offset is read from its facts.
  let leaf: { predicate: Predicate; result: PredicateResult } | null = null;
  const expFailure = failures.find((f) => f.predicate && f.result);
  if (expFailure) leaf = { predicate: expFailure.predicate!, result: expFailure.result! };
  else if (view && sg?.expect) leaf = failingLeaf(sg.expect, evaluatePredicate(sg.expect, view));
  if (!leaf && view && opts.goal && taskFailed) leaf = failingLeaf(opts.goal, evaluatePredicate(opts.goal, view));
  if (!leaf && !first && !attempt.error) {
    // Only the task check failed: its first failing part, named from its facts.
    for (const r of taskLeaves) {
      const p = r.facts ? predicateOfFacts(r.facts) : null;
      if (p) {
        leaf = { predicate: p, result: r };
        break;
      }
    }
  }
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

  // The calls up to the failing checkpoint (all of them when there is none).
  const evs = attempt.trace.events;
  const upTo = cp?.seq ?? Infinity;
  const calls = evs.filter((e): e is CallEvent => e.type === 'call' && e.seq <= upTo);

  // Objects that matter: named by the failures, the unmet predicate, the expectations so
  // far and (oracle) the failing task check.
  const failing = new Set<string>(failures.flatMap((f) => f.objects));
  if (leaf) for (const id of predicateObjectIds(leaf.predicate)) failing.add(id);
  const relevant = new Set(failing);
  for (const g of attempt.trace.subgoals)
    if (g.expect && (cp?.subgoal === null || cp?.subgoal === undefined || g.index <= cp.subgoal))
      for (const id of predicateObjectIds(g.expect)) relevant.add(id);
  for (const r of taskLeaves) if (r.facts) for (const id of factsObjects(r.facts)) relevant.add(id);

  // Objects moved by calls not meant to move them.
  const allDisturbances: Disturbance[] = [];
  calls.forEach((c, i) => {
    for (const m of c.moved ?? []) {
      if (m.intended) continue;
      const later = calls.slice(i + 1).some((d) => d.moved?.some((x) => x.id === m.id && x.intended));
      allDisturbances.push({
        object: m.id,
        by: callRef(attempt.program, c),
        delta: m.delta,
        distance: m.distance,
        rotationDeg: m.rotationDeg,
        toppled: m.toppled,
        relevant: relevant.has(m.id),
        movedOnPurposeLater: later,
      });
    }
  });
  // Keep the relevant ones first when there are many, then restore the order of events.
  const disturbances = [...allDisturbances]
    .sort((a, b) => Number(b.relevant) - Number(a.relevant) || b.distance - a.distance)
    .slice(0, 20)
    .sort((a, b) => a.by.seq - b.by.seq);

  // The call the failure is pinned on: the call that raised the error; else the latest
  // big unintended move of a failing object; else the last call that moved the failing
  // predicate's object on purpose, then any failing object; else the last call naming a
  // failing object; else the last motion of the failing subgoal.
  const errorCall = [...calls].reverse().find((e) => e.error && (idx <= 0 || e.seq > cps[idx - 1]!.seq)) ?? null;
  const subject = leaf?.result.facts && 'object' in leaf.result.facts ? leaf.result.facts.object : (first?.objects[0] ?? null);
  const lastCall = (test: (c: CallEvent) => boolean): CallEvent | null => {
    for (let i = calls.length - 1; i >= 0; i--) if (test(calls[i]!)) return calls[i]!;
    return null;
  };
  // A knock explains the failure when it hit the predicate's own object, or came after
  // that object was last put in place (it undid the arrangement); a knock before then the
  // placement should have allowed for, so the placement is to blame (the knock is still told).
  const placedAt = subject ? (lastCall((c) => !!c.moved?.some((m) => m.id === subject && m.intended))?.seq ?? -1) : -1;
  const knocked = [...allDisturbances]
    .reverse()
    .find((d) => failing.has(d.object) && significant(d) && !d.movedOnPurposeLater && (d.object === subject || d.by.seq > placedAt));
  const sgStart = sg ? (evs.find((e) => e.type === 'subgoal-start' && e.subgoal === sg.index)?.seq ?? -1) : -1;
  // Failing objects no call moved (known only when the trace lists moves at all).
  const listsMoves = calls.some((c) => c.moved !== undefined);
  // Only the objects the failing predicates are about (not their supports, containers or targets).
  const subjects = new Set<string>(subject ? [subject] : []);
  // The task check's objects count only when the program ran all its steps without a failure.
  if (allCheckpointsPassed) for (const r of taskLeaves) if (r.facts && 'object' in r.facts) subjects.add(r.facts.object);
  const untouched = listsMoves ? [...subjects].filter((id) => !calls.some((c) => c.moved?.some((m) => m.id === id))) : [];
  const namesSubject = (c: CallEvent): boolean => MOTION_CALLS.has(c.call) && c.args[0] === subject;
  const pinned = (): CallEvent | null => {
    if (errorCall) return errorCall;
    if (knocked) return calls.find((c) => c.seq === knocked.by.seq) ?? null;
    // An object nothing moved: the call meant for it, if there was one; no other call is to blame.
    if (subject && untouched.includes(subject)) return lastCall(namesSubject);
    return (
      (subject ? lastCall((c) => !!c.moved?.some((m) => m.id === subject && m.intended)) : null) ??
      lastCall((c) => !!c.moved?.some((m) => failing.has(m.id) && m.intended)) ??
      lastCall((c) => !!c.moved?.some((m) => failing.has(m.id))) ??
      lastCall((c) => MOTION_CALLS.has(c.call) && c.args.some((a) => typeof a === 'string' && failing.has(a))) ??
      (cp ? lastCall((c) => MOTION_CALLS.has(c.call) && c.seq > sgStart) : null)
    );
  };
  const causeCall = pinned();
  const cause = causeCall ? callRef(attempt.program, causeCall) : null;
  const line = cause?.line ?? error?.line ?? null;

  const slips = slipsIn(attempt.program, calls);
  const shortfalls = [...(leaf ? shortfallsOf(leaf.result) : []), ...(taskFailed ? shortfallsOf(success) : [])].filter(
    (s, i, all) => all.findIndex((t) => t.text === s.text) === i,
  );

  // Trace events around the failure: up to the checkpoint (or the error), and a few after.
  const anchor = errorCall?.seq ?? cp?.seq ?? evs.length - 1;
  const pos = evs.findIndex((e) => e.seq === anchor);
  const events = pos < 0 ? evs.slice(-before).map(formatEvent) : evs.slice(Math.max(0, pos - before + 1), pos + 1 + after).map(formatEvent);

  let summary: string;
  if (!cp && !attempt.error && !taskFailed) summary = 'No failure found: every checkpoint passed.';
  else if (allCheckpointsPassed) {
    const details = taskLeaves.map((r) => r.detail).join(' ');
    summary = `Every checkpoint passed and the program raised no error, but the task check failed: ${details || success!.detail}`;
  } else if (verdicts.length === 0 && taskFailed && !attempt.error) {
    const details = taskLeaves.map((r) => r.detail).join(' ');
    summary = `The program raised no error (no monitor judged its checkpoints), but the task check failed: ${details || success!.detail}`;
  } else if (first) summary = first.explanation;
  else if (error)
    summary = `The program stopped with ${error.kind}${error.line !== null ? ` at line ${error.line}` : ''}: ${error.message}`;
  else if (predicate) summary = predicate.detail;
  else summary = success ? `The task is not done: ${success.detail}` : 'The attempt failed for an unknown reason.';

  const diagnosis: Diagnosis = {
    kind,
    summary,
    line,
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
    facts: {
      cause,
      allCheckpointsPassed,
      unmet: leaf?.result.facts ?? null,
      shortfalls,
      disturbances,
      slips,
      untouched,
      task: taskLeaves.map((r) => ({ detail: r.detail, facts: r.facts ?? null })),
    },
    text: '',
  };
  diagnosis.text = diagnosisText(diagnosis);
  return diagnosis;
}

/** The text block a repair prompt quotes. Each fact is stated once. */
export function diagnosisText(d: Diagnosis): string {
  const lines: string[] = [];
  if (d.checkpoint === null && !d.error && d.kind === 'unknown' && !d.success) return `Diagnosis: ${d.summary}`;
  const facts = d.facts;
  const cause = facts?.cause ?? null;
  const where = `checkpoint ${d.checkpoint} "${d.checkpointLabel}"`;
  const sg = d.subgoal ? `, in subgoal ${d.subgoal.index} "${d.subgoal.description}"` : '';
  const at = d.line !== null ? ` at line ${d.line}${cause?.source && cause.line === d.line ? ` \`${cause.source}\`` : ''}` : '';
  const found = facts?.allCheckpointsPassed
    ? 'found by the task check at the end'
    : d.checkpoint !== null
      ? `found at ${where}${sg}`
      : `before any checkpoint${sg}`;
  lines.push(`Failure (${d.kind})${at}, ${found}.`);
  lines.push(`What went wrong: ${d.summary}`);
  const said = (): string => lines.join('\n');
  if (d.predicate && !said().includes(d.predicate.detail))
    lines.push(`Unmet expectation ${JSON.stringify(d.predicate.predicate)}: ${d.predicate.detail}`);
  if (d.offset) {
    lines.push(
      `Measured placement error of ${d.offset.object} relative to ${d.offset.target}: dx ${fmt(d.offset.dx)}, dy ${fmt(d.offset.dy)} (${(d.offset.distance * 100).toFixed(1)} cm).`,
    );
  }
  const moves = (facts?.disturbances ?? []).filter((x) => x.relevant && !x.movedOnPurposeLater && significant(x)).slice(-3);
  if (moves.length > 0) lines.push(`Moved by calls not meant to move them: ${moves.map(describeDisturbance).join('; ')}.`);
  const untouched = facts?.untouched ?? [];
  if (untouched.length > 0)
    lines.push(`${untouched.join(', ')} ${untouched.length === 1 ? 'was' : 'were'} never moved by any call of the program.`);
  const slips = (facts?.slips ?? []).filter((s) => s.cause === 'dropped');
  if (slips.length > 0) lines.push(`Lost from the grasp: ${slips.map(describeSlip).join('; ')}.`);
  for (const f of d.failures.slice(1))
    if (!said().includes(f.explanation)) lines.push(`Also at this checkpoint (${f.kind}): ${f.explanation}`);
  if (d.error) {
    if (!said().includes(d.error.message))
      lines.push(`Program error: ${d.error.kind}${d.error.line !== null ? ` at line ${d.error.line}` : ''}: ${d.error.message}`);
    if (d.error.source && !(cause && cause.line === d.error.line && d.line === d.error.line))
      lines.push(`  line ${d.error.line}: ${d.error.source}`);
  }
  if (d.sceneDiff) {
    const from = d.sceneDiffFrom ? `checkpoint ${d.sceneDiffFrom.checkpoint} "${d.sceneDiffFrom.label}"` : 'the start';
    lines.push(`Scene change since ${from}: ${d.sceneDiff.text}`);
  }
  if (d.events.length > 0) {
    lines.push('Trace around it:');
    for (const e of d.events) lines.push(`  ${e}`);
  }
  if (d.success && !d.success.ok && !facts?.allCheckpointsPassed) {
    const parts = facts?.task.length ? facts.task.map((t) => t.detail) : [d.success.detail];
    const fresh = parts.filter((p) => !said().includes(p));
    lines.push(fresh.length > 0 ? `Task check: ${fresh.join(' ')}` : 'Task check: not met, for the reason above.');
  }
  return lines.join('\n');
}
