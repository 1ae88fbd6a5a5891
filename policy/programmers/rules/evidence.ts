// What a failed attempt measured, as the repair rules read it: the diagnosis' typed
// numbers (predicate facts of the failing checks, the placement offset, the error's
// cause, the scene diff of the failing subgoal) turned into a short list of findings —
// a lift that fell short by s, a placement that missed by (dx, dy), an object that
// slipped, an object moved by a step that was not meant to move it, one that toppled.
// Nothing here reads sentences, and nothing reads the task: only the diagnosis and the
// verdicts a programmer is handed (with --no-oracle they hold no task check).

import type { Diagnosis, Failure, PlaceOffset, Verdict } from '../../../monitor/index.ts';
import type { ObjectInfo, PredicateFacts, PredicateResult } from '../../../sim/index.ts';

/** The diagnosis fields the rules read (tests build just these). */
export type DiagnosisView = Pick<Diagnosis, 'kind'> &
  Partial<Pick<Diagnosis, 'subgoal' | 'offset' | 'failures' | 'error' | 'predicate' | 'sceneDiff' | 'checkpointLabel' | 'line' | 'facts'>>;

/** What the findings are read against: the failing step's object, the program, the scene facts as told. */
export interface FindingContext {
  /** The object of the failing step (what the program meant to move there). */
  stepObject: string | null;
  /** The object of the step a program line belongs to (null outside any step). */
  objectAtLine: (line: number | null) => string | null;
  /** The objects as the programmer was told them at the start. */
  objects: readonly ObjectInfo[];
}

export type Finding =
  /** A lifted object's bottom ended `bottom` above the table where `needed` was asked. */
  | { kind: 'lift-short'; object: string; bottom: number; needed: number }
  /** A placement missed its target point (object − target). */
  | { kind: 'miss'; offset: PlaceOffset }
  /** An object meant to be inside a container ended `outside` beyond its measured inner wall. */
  | {
      kind: 'outside-interior';
      object: string;
      container: string;
      outside: number;
      dx: number;
      dy: number;
      /** The container's usable inside as measured: a tray's inner half-extents (its frame), a bowl's inner radius. */
      innerHalf: [number, number] | null;
      innerRadius: number | null;
    }
  /** An object meant to rest on another hangs `outside` beyond the support's top. */
  | { kind: 'off-edge'; object: string; support: string; outside: number; dx: number; dy: number }
  /** A held object left the fingers: while lifting, while carrying, or unknown; `rose` = how far it rose first (m) when measured. */
  | { kind: 'slip'; object: string; phase: 'lift' | 'carry' | 'unknown'; rose: number | null }
  /** The fingers did not close on the object (cause from the error). */
  | { kind: 'grasp-miss'; object: string | null; cause: string }
  /** An object is no longer upright; `placed`: it was the one just set down. */
  | { kind: 'toppled'; object: string; placed: boolean }
  /**
   * An object moved by something not meant to move it; `rider`: it rested on (or in) the
   * object `carrier` that was moved (so it must come off first).
   */
  | {
      kind: 'disturbed';
      object: string;
      distance: number;
      carrier: string | null;
      rider: boolean;
      /** The call that moved it (`pick`, `place`, `push`, …) and its line, when the trace says. */
      by: string | null;
      line: number | null;
      toppled: boolean;
    }
  /** The gripper or the held object hit something (the error's cause). */
  | { kind: 'collision'; cause: string | null }
  | { kind: 'reach' }
  | { kind: 'timeout' };

/** The failing leaves of a predicate result, with their facts. */
function failingFacts(r: PredicateResult | undefined, negated = false): PredicateFacts[] {
  const f = r?.facts;
  if (!f) return [];
  if (f.kind === 'all' || f.kind === 'any') return f.parts.filter((p) => p.ok === negated).flatMap((p) => failingFacts(p, negated));
  if (f.kind === 'not') return failingFacts(f.parts[0], !negated);
  // A negated leaf fails when it holds; its facts say how much it holds, not how to fix it.
  return !negated && !r!.ok ? [f] : [];
}

function fromFacts(f: PredicateFacts, out: Finding[]): void {
  switch (f.kind) {
    case 'above':
      if (f.bottom < f.height) out.push({ kind: 'lift-short', object: f.object, bottom: f.bottom, needed: f.height });
      return;
    case 'inside':
      if (f.outside !== null && f.outside > 0 && !f.held) {
        out.push({
          kind: 'outside-interior',
          object: f.object,
          container: f.container,
          outside: f.outside,
          dx: f.dx,
          dy: f.dy,
          innerHalf: f.innerHalf ? [f.innerHalf[0], f.innerHalf[1]] : null,
          innerRadius: f.innerRadius,
        });
      }
      return;
    case 'on':
      if (f.outside > f.edgeTolerance && !f.held) {
        out.push({ kind: 'off-edge', object: f.object, support: f.support, outside: f.outside, dx: f.dx, dy: f.dy });
      }
      return;
    case 'upright':
      if (!f.sphere && f.tilt > f.limit) out.push({ kind: 'toppled', object: f.object, placed: false });
      return;
    default:
      return;
  }
}

const GRASP_MISS = new Set(['nothing-grasped', 'wrong-object', 'too-wide']);

/**
 * The findings of one failed attempt, most telling first: the program error's cause,
 * then the measured numbers of the failing checks, then what moved that should not have.
 * `stepObject` is the object of the failing step (what the program meant to move).
 */
export function findings(d: DiagnosisView, verdicts: readonly Verdict[], fc: FindingContext): Finding[] {
  const stepObject = fc.stepObject;
  const out: Finding[] = [];
  const failures: Failure[] = d.failures ?? [];
  const err = d.error ?? null;
  const diff = d.sceneDiff ?? null;

  // The error's cause.
  if (err?.kind === 'GraspError' && err.cause === 'slipped') {
    const obj = stepObject ?? failures[0]?.objects[0] ?? '';
    out.push({ kind: 'slip', object: obj, phase: 'lift', rose: null });
  } else if (err?.kind === 'GraspError' && err.cause && GRASP_MISS.has(err.cause)) {
    out.push({ kind: 'grasp-miss', object: stepObject, cause: err.cause });
  } else if (err?.kind === 'CollisionError') out.push({ kind: 'collision', cause: err.cause ?? null });
  else if (err?.kind === 'ReachError') out.push({ kind: 'reach' });
  else if (err?.kind === 'TimeoutError' || err?.kind === 'InterruptedError') out.push({ kind: 'timeout' });

  // The measured miss first, then the failing checks at the failing checkpoint.
  if (d.offset) out.push({ kind: 'miss', offset: d.offset });
  for (const f of failures) {
    if (f.kind === 'dropped' || (f.kind === 'not-grasped' && d.kind === 'slipped-grasp')) {
      const obj = f.objects[0] ?? stepObject ?? '';
      if (!out.some((x) => x.kind === 'slip' && x.object === obj)) out.push({ kind: 'slip', object: obj, phase: 'carry', rose: null });
    }
    if (f.kind === 'toppled') {
      for (const id of f.objects) out.push({ kind: 'toppled', object: id, placed: id === stepObject });
    }
    if (f.result) for (const leaf of failingFacts(f.result)) fromFacts(leaf, out);
  }
  const facts = d.facts;
  if (facts) {
    // Held objects lost without a release (the call and its phase).
    for (const sl of facts.slips) {
      if (out.some((x) => x.kind === 'slip' && x.object === sl.object)) continue;
      const phase = sl.phase === 'pick' ? 'lift' : sl.phase === 'carry' || sl.phase === 'place' ? 'carry' : 'unknown';
      out.push({ kind: 'slip', object: sl.object, phase, rose: null });
    }
    // The unmet predicate's measured facts (when no failure carried its result).
    if (facts.unmet) {
      const before = out.length;
      fromFacts(facts.unmet, out);
      // Keep one finding per object and kind.
      const added = out.splice(before);
      for (const a of added) if (!out.some((x) => x.kind === a.kind && sameObject(x, a))) out.push(a);
    }
    // Objects moved by a call not meant to move them, that the attempt cares about.
    for (const m of facts.disturbances) {
      if (!m.relevant || m.movedOnPurposeLater || !(m.toppled || m.distance >= 0.01)) continue;
      if (out.some((x) => x.kind === 'disturbed' && x.object === m.object)) continue;
      const mover = fc.objectAtLine(m.by.line);
      const rider = mover !== null && mover !== m.object && restsOn(fc.objects, m.object, mover);
      out.push({
        kind: 'disturbed',
        object: m.object,
        distance: m.distance,
        carrier: rider ? mover : null,
        rider,
        by: m.by.call,
        line: m.by.line,
        toppled: m.toppled,
      });
    }
  }

  // What moved during the failing subgoal that the step did not mean to move.
  if (diff) {
    const heldBefore = diff.gripper.holdingBefore;
    for (const c of diff.changes) {
      if (c.id === stepObject || c.id === heldBefore || c.moved < 0.01) continue;
      const sb = c.supportBefore;
      const carrier = sb.startsWith('on:') ? sb.slice(3) : sb.startsWith('inside:') ? sb.slice(7) : null;
      const rider = carrier !== null && (carrier === stepObject || carrier === heldBefore);
      const known = out.find((x) => x.kind === 'disturbed' && x.object === c.id);
      if (known && known.kind === 'disturbed' && rider && !known.rider) {
        known.rider = true;
        known.carrier = carrier;
      }
      const toppled = c.uprightBefore === true && c.uprightAfter === false;
      if (!known) {
        out.push({
          kind: 'disturbed',
          object: c.id,
          distance: c.moved,
          carrier: rider ? carrier : null,
          rider,
          by: null,
          line: null,
          toppled,
        });
      }
    }
    // The step's own object toppled when set down.
    const own = diff.changes.find((c) => c.id === stepObject);
    if (own && own.uprightAfter === false && own.uprightBefore !== false) {
      const t = out.find((x) => x.kind === 'toppled' && x.object === own.id);
      if (t && t.kind === 'toppled') t.placed = true;
      else out.push({ kind: 'toppled', object: own.id, placed: true });
    }
  }
  // A topple of the failing step's own object is one it set down (or picked).
  for (const f of out) if (f.kind === 'toppled' && f.object === stepObject) f.placed = true;
  // A neighbour that toppled because something moved it: the disturbance says by what.
  for (const f of out) {
    if (f.kind !== 'disturbed') continue;
    const t = out.findIndex((x) => x.kind === 'toppled' && x.object === f.object && !x.placed);
    if (t >= 0) {
      f.toppled = true;
      out.splice(t, 1);
    }
  }
  // Big disturbances first (toppled, or moved 2 cm or more): a knocked neighbour explains
  // the failures that follow from it; small nudges come after the failing check's numbers.
  // A slip before a collision it came with: the object left the fingers, whatever it hit.
  const rank = (f: Finding): number =>
    f.kind === 'disturbed' && f.by !== null && (f.toppled || f.distance >= 0.02)
      ? 2
      : f.kind === 'slip' && out.some((x) => x.kind === 'collision')
        ? 1
        : 0;
  out.sort((a, b) => rank(b) - rank(a));
  // Objects flagged disturbed by the monitor at other checkpoints of the attempt are not
  // this failure's business; `verdicts` is read only for the failing one (already in d).
  void verdicts;
  return out;
}

function sameObject(a: Finding, b: Finding): boolean {
  const id = (f: Finding): string | null => ('object' in f ? (f.object ?? null) : f.kind === 'miss' ? f.offset.object : null);
  return id(a) === id(b);
}

/**
 * Whether `top` started on (or in) `base` by the scene facts as told: its bottom near
 * the base's top (or below the rim of a container) and its centre over the base.
 */
export function restsOn(objects: readonly ObjectInfo[], top: string, base: string): boolean {
  const t = objects.find((o) => o.id === top);
  const b = objects.find((o) => o.id === base);
  if (!t || !b) return false;
  const tBottom = t.position[2] - t.size[2] / 2;
  const bTop = b.position[2] + b.size[2] / 2;
  const bBottom = b.position[2] - b.size[2] / 2;
  const dx = t.position[0] - b.position[0],
    dy = t.position[1] - b.position[1];
  const c = Math.cos(b.yaw),
    s = Math.sin(b.yaw);
  const lx = Math.abs(c * dx + s * dy),
    ly = Math.abs(-s * dx + c * dy);
  const over = b.shape === 'box' || b.shape === 'tray' ? lx <= b.size[0] / 2 && ly <= b.size[1] / 2 : Math.hypot(dx, dy) <= b.size[0] / 2;
  if (!over) return false;
  if (b.shape === 'bowl' || b.shape === 'tray') return tBottom > bBottom - 0.005 && tBottom < bTop;
  return Math.abs(tBottom - bTop) < 0.015;
}

/** One line per finding, for notes and tests. */
export function describeFinding(f: Finding): string {
  const cm = (m: number): string => `${(m * 100).toFixed(1)} cm`;
  switch (f.kind) {
    case 'lift-short':
      return `${f.object}'s bottom rose to ${cm(f.bottom)}, ${cm(f.needed - f.bottom)} short of ${cm(f.needed)}`;
    case 'miss':
      return `${f.offset.object} is off ${f.offset.target} by dx ${cm(f.offset.dx)}, dy ${cm(f.offset.dy)}`;
    case 'outside-interior':
      return `${f.object} ended ${cm(f.outside)} beyond the inner wall of ${f.container}`;
    case 'off-edge':
      return `${f.object} hangs ${cm(f.outside)} beyond the top of ${f.support}`;
    case 'slip':
      return `${f.object} slipped from the fingers${f.phase === 'lift' ? ' while lifting' : f.phase === 'carry' ? ' while carried' : ''}${f.rose !== null ? ` after rising ${cm(f.rose)}` : ''}`;
    case 'grasp-miss':
      return `the grasp of ${f.object ?? 'the object'} failed (${f.cause})`;
    case 'toppled':
      return `${f.object} toppled${f.placed ? ' when set down' : ''}`;
    case 'disturbed':
      return `${f.object} ${f.toppled ? 'was knocked over' : `moved ${cm(f.distance)}`}${f.rider ? ` with ${f.carrier}, which it rested on` : ''}${f.by ? ` by ${f.by}()${f.line !== null ? ` at line ${f.line}` : ''}` : ''}`;
    case 'collision':
      return `collision${f.cause ? ` (${f.cause})` : ''}`;
    case 'reach':
      return 'a target out of reach';
    case 'timeout':
      return 'the program ran out of time';
  }
}
