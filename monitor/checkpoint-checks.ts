// The checks every checkpoint gets, run on an observed snapshot — the recorded one (state
// monitor) or one estimated from pixels (pixel monitor): the subgoal's expectation at its
// end, and anomalies whether or not the program stated expectations.

import { bindVariable, evaluatePredicate, predicateObjectIds, TABLE } from '../sim/index.ts';
import type { AttemptData, Checkpoint, Predicate, PredicateResult, SceneSpec, Snapshot, SubgoalInfo, WorldView } from '../sim/index.ts';
import { tiltOf } from '../sim/index.ts';
import { cm, deg } from '../sim/index.ts';
import type { Failure } from './verdict.ts';
import { makeVerdict } from './verdict.ts';
import type { Verdict } from './verdict.ts';
import { callsBetween, errorBetween, namedObjects, releasedOnPurpose, subgoalOf } from './trace-reading.ts';

/** An object the subgoal does not name may move at most this much between checkpoints (m). */
export const DISTURB_LIMIT = 0.02;
/** Toppled: the tilt grew by more than this and the object is no longer upright. */
export const TOPPLE_TILT_CHANGE = (30 * Math.PI) / 180;
export const TOPPLE_TILT_MIN = (40 * Math.PI) / 180;
/** Off the table: centre outside the table top, or bottom this far below it (m). */
export const OFF_TABLE_DROP = 0.03;

/**
 * The failing part of an evaluated predicate: the first failing part of an `all`,
 * recursively, read from the result's parts (nothing is evaluated again); null when it holds.
 */
export function failingLeaf(p: Predicate, result: PredicateResult): { predicate: Predicate; result: PredicateResult } | null {
  if (result.ok) return null;
  const parts = result.facts?.kind === 'all' ? result.facts.parts : null;
  if ('all' in p && parts && parts.length === p.all.length) {
    for (let i = 0; i < parts.length; i++) {
      const leaf = failingLeaf(p.all[i]!, parts[i]!);
      if (leaf) return leaf;
    }
  }
  // A quantifier fails at one of its objects: its `holds` with the variable bound to that object.
  const f = result.facts;
  if (('every' in p || 'some' in p) && (f?.kind === 'every' || f?.kind === 'some') && f.ids.length === f.parts.length) {
    const q = 'every' in p ? p.every : p.some;
    const i = f.parts.findIndex((r) => !r.ok);
    if (i >= 0) return failingLeaf(bindVariable(q.holds, f.variable, f.ids[i]!), f.parts[i]!) ?? { predicate: p, result };
  }
  if ('distinct' in p && f?.kind === 'distinct') {
    const part = f.parts.find((r) => !r.ok);
    const pf = part?.facts;
    const leaf: Predicate | null =
      pf?.kind === 'inRegion'
        ? { inRegion: [pf.object, pf.region] }
        : pf?.kind === 'inZone'
          ? { inZone: [pf.object, pf.zone] }
          : pf?.kind === 'inside'
            ? { inside: [pf.object, pf.container] }
            : null;
    if (part && leaf) return { predicate: leaf, result: part };
  }
  return { predicate: p, result };
}

export function expectationFailure(subgoal: SubgoalInfo, view: WorldView): Failure | null {
  if (!subgoal.expect) return null;
  const leaf = failingLeaf(subgoal.expect, evaluatePredicate(subgoal.expect, view));
  if (!leaf) return null;
  const grasp = 'grasped' in leaf.predicate;
  return {
    kind: grasp ? 'not-grasped' : 'expectation-unmet',
    objects: predicateObjectIds(leaf.predicate),
    explanation: `Subgoal ${subgoal.index} "${subgoal.description}" expected ${JSON.stringify(leaf.predicate)}: ${leaf.result.detail}`,
    predicate: leaf.predicate,
    result: leaf.result,
  };
}

function bottomZ(scene: SceneSpec, id: string, s: Snapshot): number {
  const spec = scene.objects.find((o) => o.id === id)!;
  const st = s.objects[id]!;
  // Half-height along world z of the rotated bounding box.
  const [x, y, z, w] = st.quaternion;
  const r20 = 2 * (x * z - w * y),
    r21 = 2 * (y * z + w * x),
    r22 = 1 - 2 * (x * x + y * y);
  const half =
    spec.shape === 'sphere'
      ? spec.size[0] / 2
      : (Math.abs(r20) * spec.size[0]) / 2 + (Math.abs(r21) * spec.size[1]) / 2 + (Math.abs(r22) * spec.size[2]) / 2;
  return st.position[2] - half;
}

export function isOffTable(scene: SceneSpec, id: string, s: Snapshot): boolean {
  const st = s.objects[id];
  if (!st) return false;
  const [x, y] = st.position;
  return Math.abs(x) > TABLE.size[0] / 2 || Math.abs(y) > TABLE.size[1] / 2 || bottomZ(scene, id, s) < -OFF_TABLE_DROP;
}

export interface AnomalyContext {
  /** Objects the subgoal names: they may move. */
  named: ReadonlySet<string>;
  /** A call since the previous checkpoint opened the fingers on purpose. */
  released: boolean;
  /**
   * The subgoal states an expectation: then how the objects it names end up is judged by
   * that expectation (a block tipping into its bowl is fine unless `upright` is asked),
   * and only unnamed objects are checked for toppling.
   */
  expects: boolean;
}

/** Anomalies between two observed snapshots; each is reported where it first appears. */
export function anomalyFailures(scene: SceneSpec, prev: Snapshot, cur: Snapshot, ctx: AnomalyContext): Failure[] {
  const out: Failure[] = [];
  const held = prev.gripper.holding;
  if (held && cur.gripper.holding !== held && !ctx.released) {
    const a = prev.objects[held]?.position,
      b = cur.objects[held]?.position;
    const fell = a && b ? ` and is now ${cm(Math.max(0, a[2] - b[2]))} lower` : '';
    out.push({
      kind: 'dropped',
      objects: [held],
      explanation: `${held} was held at the previous checkpoint but is no longer between the fingers${fell}; nothing released it.`,
    });
  }
  for (const o of scene.objects) {
    const a = prev.objects[o.id],
      b = cur.objects[o.id];
    if (!a || !b) continue;
    const heldNow = cur.gripper.holding === o.id;
    if (!heldNow && !isOffTable(scene, o.id, prev) && isOffTable(scene, o.id, cur)) {
      const floor = b.position[2] < -0.3 ? ' and fell to the floor' : '';
      out.push({
        kind: 'off-table',
        objects: [o.id],
        explanation: `${o.id} left the table${floor}: it is now at [${b.position.map((v) => v.toFixed(2)).join(', ')}].`,
      });
      continue;
    }
    if (!heldNow && o.shape !== 'sphere' && !(ctx.expects && ctx.named.has(o.id))) {
      const t0 = tiltOf(a.quaternion),
        t1 = tiltOf(b.quaternion);
      if (t1 - t0 > TOPPLE_TILT_CHANGE && t1 > TOPPLE_TILT_MIN) {
        out.push({ kind: 'toppled', objects: [o.id], explanation: `${o.id} toppled: its tilt went from ${deg(t0)} to ${deg(t1)}.` });
        continue;
      }
    }
    if (!ctx.named.has(o.id)) {
      const d = Math.hypot(b.position[0] - a.position[0], b.position[1] - a.position[1], b.position[2] - a.position[2]);
      if (d > DISTURB_LIMIT) {
        const how = heldNow ? ' and is now held' : '';
        out.push({
          kind: 'disturbed',
          objects: [o.id],
          explanation: `${o.id} moved ${cm(d)}${how}, but the subgoal does not name it (limit ${cm(DISTURB_LIMIT)}).`,
        });
      }
    }
  }
  return out;
}

const HOLD_WORDS = /\b(hold|holding|lift|raise|keep it up)\b/i;

/**
 * At the end of the program: an object still in the gripper, unless the last subgoal
 * expects it grasped or the instruction is about holding or lifting.
 */
export function stillHeldFailure(attempt: AttemptData, cp: Checkpoint, state: Snapshot): Failure | null {
  const held = state.gripper.holding;
  if (cp.reason !== 'end' || !held) return null;
  const last = attempt.trace.subgoals[attempt.trace.subgoals.length - 1];
  const expectsGrasp = (p: Predicate | undefined): boolean =>
    !!p && (('grasped' in p && p.grasped === held) || ('all' in p && p.all.some(expectsGrasp)) || ('any' in p && p.any.some(expectsGrasp)));
  if (expectsGrasp(last?.expect) || HOLD_WORDS.test(attempt.instruction)) return null;
  return {
    kind: 'still-held',
    objects: [held],
    explanation: `The program ended with ${held} still in the gripper: it was never released.`,
  };
}

/** The program error raised at this checkpoint, as a failure. */
export function errorFailure(attempt: AttemptData, cps: readonly Checkpoint[], i: number): Failure | null {
  const cp = cps[i]!;
  const calls = callsBetween(attempt.trace, cps[i - 1] ?? null, cp);
  const call = errorBetween(calls);
  if (call?.error) {
    const ids = new Set(attempt.scene.objects.map((o) => o.id));
    return {
      kind: 'program-error',
      objects: call.args.filter((a): a is string => typeof a === 'string' && ids.has(a)),
      explanation: `${call.call}() at line ${call.line ?? '?'} raised ${call.error.kind}: ${call.error.message}`,
    };
  }
  // An error not raised by a call (syntax, time budget, a JS exception) lands on the last checkpoint.
  const e = attempt.error;
  if (e && i === cps.length - 1) {
    return {
      kind: 'program-error',
      objects: [],
      explanation: `The program stopped with ${e.kind}${e.line !== null ? ` at line ${e.line}` : ''}: ${e.message}`,
    };
  }
  return null;
}

/**
 * Verdicts for an attempt from observed snapshots (one per checkpoint) and the observed
 * start. `evidence[i]` is attached to verdict i.
 */
export function judgeCheckpoints(
  attempt: AttemptData,
  observed: readonly Snapshot[],
  initial: Snapshot,
  evidence?: readonly string[][],
): Verdict[] {
  return attempt.trace.checkpoints.map((_cp, i) => judgeCheckpoint(attempt, observed, initial, i, evidence?.[i]));
}

/**
 * The verdict of checkpoint `i` alone: it reads only observed[i - 1] and observed[i], so a
 * monitor can judge each checkpoint as soon as its snapshot is estimated.
 */
export function judgeCheckpoint(
  attempt: AttemptData,
  observed: readonly Snapshot[],
  initial: Snapshot,
  i: number,
  evidence?: string[],
): Verdict {
  const cps = attempt.trace.checkpoints;
  const cp = cps[i]!;
  const failures: Failure[] = [];
  const err = errorFailure(attempt, cps, i);
  if (err) failures.push(err);
  const subgoal = subgoalOf(attempt.trace, cp);
  const state = observed[i]!;
  if (cp.reason === 'subgoal-end' && subgoal) {
    const f = expectationFailure(subgoal, { scene: attempt.scene, state, initial });
    if (f) failures.push(f);
  }
  const held = stillHeldFailure(attempt, cp, state);
  if (held) failures.push(held);
  const calls = callsBetween(attempt.trace, cps[i - 1] ?? null, cp);
  failures.push(
    ...anomalyFailures(attempt.scene, observed[i - 1] ?? initial, state, {
      named: namedObjects(attempt.scene, subgoal, calls),
      released: releasedOnPurpose(calls),
      expects: subgoal?.expect !== undefined,
    }),
  );
  return makeVerdict(cp, failures, evidence);
}
