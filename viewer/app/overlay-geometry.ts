// The numbers behind the 3D view's overlays (overlays.ts, attempt-ghost.ts), pure and
// testable without a page: where an object should have been (from the diagnosis's place
// offset, else a failing verdict's predicate), which objects failed, the world-axis-aligned
// box of an object at a pose, where the finger pads touch a held object (derived from the
// gripper's state: pose, yaw, approach, opening — not read from the physics engine), and
// the moment of attempt k−1 shown over attempt k. The per-frame ones write into the
// caller's arrays and never allocate.

import { GRIPPER } from '../../sim/types.ts';
import type { GripperState, ObjectSpec, PredicateFacts, Quat, SceneSpec, Snapshot, Vec3 } from '../../sim/types.ts';

/** A verdict as the page has it (protocol VerdictSchema; `predicate` and `result` ride along when the monitor gave them). */
export interface VerdictLike {
  checkpoint: number;
  ok: boolean;
  failure?: { objects: string[]; predicate?: unknown; result?: unknown };
}

/** What of an attempt the overlays read. */
export interface AttemptFacts {
  /** The attempt-end's diagnosis (monitor/diagnosis.ts Diagnosis), when it has ended in a failure. */
  diagnosis: unknown;
  verdicts: readonly VerdictLike[];
  checkpoints: readonly { index: number; snapshot: Snapshot }[];
}

/** Where an object should be, and how far off it is, as the data states it. */
export interface ExpectedTarget {
  object: string;
  /** Where its centre should be. */
  position: Vec3;
  /** Its orientation at the checkpoint (the ghost keeps it). */
  quaternion: Quat;
  /** Its centre at the checkpoint the offset was measured at. */
  from: Vec3;
  /** What it should have been at: an object id, a zone id or "[x, y]". */
  target: string;
  /** object − target horizontally (m), and its length. */
  dx: number;
  dy: number;
  distance: number;
  checkpoint: number;
  /** 'diagnosis': its place offset; 'verdict': a failing verdict's predicate (its facts, else its arguments). */
  source: 'diagnosis' | 'verdict';
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const asRecord = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

function snapshotAt(a: AttemptFacts, checkpoint: number): Snapshot | null {
  return a.checkpoints.find((c) => c.index === checkpoint)?.snapshot ?? null;
}

/** The height the object's centre should be at, from the placement's facts: `on` gives the gap to the support, `inside` to the container's floor. */
function targetZ(z: number, facts: Record<string, unknown> | null, object: string): number {
  if (!facts || facts.object !== object) return z;
  if (facts.kind === 'on' && isNum(facts.gap)) return z - facts.gap;
  if (facts.kind === 'inside' && isNum(facts.aboveFloor)) return z - facts.aboveFloor;
  return z;
}

function fromOffset(
  snap: Snapshot,
  object: string,
  target: string,
  dx: number,
  dy: number,
  facts: Record<string, unknown> | null,
  checkpoint: number,
  source: ExpectedTarget['source'],
): ExpectedTarget | null {
  const o = snap.objects[object];
  if (!o) return null;
  const [x, y, z] = o.position;
  return {
    object,
    position: [x - dx, y - dy, targetZ(z, facts, object)],
    quaternion: [...o.quaternion],
    from: [x, y, z],
    target,
    dx,
    dy,
    distance: Math.hypot(dx, dy),
    checkpoint,
    source,
  };
}

/** A placement predicate's facts → the offset it measured (monitor/diagnosis.ts placementOffset reads the same fields). */
function offsetOfFacts(f: Record<string, unknown>): { object: string; target: string; dx: number; dy: number } | null {
  if (typeof f.object !== 'string' || !isNum(f.dx) || !isNum(f.dy)) return null;
  const kind = f.kind as PredicateFacts['kind'];
  const name =
    kind === 'on'
      ? f.support
      : kind === 'inside'
        ? f.container
        : kind === 'inZone'
          ? f.zone
          : kind === 'near'
            ? (f.target ?? (Array.isArray(f.point) ? `[${f.point.map((v) => Number(v).toFixed(2)).join(', ')}]` : null))
            : null;
  return typeof name === 'string' ? { object: f.object, target: name, dx: f.dx, dy: f.dy } : null;
}

/** The top of an object's world box at a pose (for `on` without facts: the support's top). */
function topOf(spec: SceneSpec, id: string, snap: Snapshot): number | null {
  const o = spec.objects.find((s) => s.id === id);
  const p = snap.objects[id];
  if (!o || !p) return null;
  return p.position[2] + halfExtentAlong(o, p.quaternion, 0, 0, 1);
}

/** A failing verdict's predicate without facts (a model's verdict): the target its arguments name. */
function fromPredicate(spec: SceneSpec, predicate: unknown, snap: Snapshot, checkpoint: number): ExpectedTarget | null {
  const p = asRecord(predicate);
  if (!p) return null;
  const [kind] = Object.keys(p);
  const args = kind ? p[kind] : null;
  if (!Array.isArray(args) || typeof args[0] !== 'string') return null;
  const object = args[0];
  const o = snap.objects[object];
  if (!o) return null;
  const [x, y, z] = o.position;
  let to: Vec3 | null = null;
  let name = '';
  if ((kind === 'on' || kind === 'inside') && typeof args[1] === 'string' && snap.objects[args[1]]) {
    const s = snap.objects[args[1]]!.position;
    name = args[1];
    let tz = z;
    if (kind === 'on') {
      const top = topOf(spec, args[1], snap);
      const me = spec.objects.find((s2) => s2.id === object);
      if (top !== null && me) tz = top + halfExtentAlong(me, o.quaternion, 0, 0, 1);
    }
    to = [s[0], s[1], tz];
  } else if (kind === 'inZone' && typeof args[1] === 'string') {
    const zone = spec.zones.find((zz) => zz.id === args[1]);
    if (zone) {
      name = zone.id;
      to = [(zone.min[0] + zone.max[0]) / 2, (zone.min[1] + zone.max[1]) / 2, z];
    }
  } else if (kind === 'near') {
    const t = args[1];
    if (typeof t === 'string' && snap.objects[t]) {
      name = t;
      to = [...snap.objects[t]!.position];
    } else if (Array.isArray(t) && (t.length === 2 || t.length === 3) && t.every(isNum)) {
      name = `[${t.map((v: number) => v.toFixed(2)).join(', ')}]`;
      to = [t[0], t[1], t.length === 3 ? t[2] : z];
    }
  }
  if (!to) return null;
  const dx = x - to[0];
  const dy = y - to[1];
  return {
    object,
    position: to,
    quaternion: [...o.quaternion],
    from: [x, y, z],
    target: name,
    dx,
    dy,
    distance: Math.hypot(dx, dy),
    checkpoint,
    source: 'verdict',
  };
}

function fromVerdict(spec: SceneSpec, a: AttemptFacts, v: VerdictLike | undefined): ExpectedTarget | null {
  if (!v || v.ok || !v.failure) return null;
  const snap = snapshotAt(a, v.checkpoint);
  if (!snap) return null;
  const facts = asRecord(asRecord(v.failure.result)?.facts);
  const off = facts ? offsetOfFacts(facts) : null;
  if (off) return fromOffset(snap, off.object, off.target, off.dx, off.dy, facts, v.checkpoint, 'verdict');
  return fromPredicate(spec, v.failure.predicate, snap, v.checkpoint);
}

/** The first checkpoint that failed: the diagnosis's, else the first verdict that is not ok. */
export function failedCheckpoint(a: AttemptFacts): number | null {
  const d = asRecord(a.diagnosis);
  if (d && Number.isInteger(d.checkpoint)) return d.checkpoint as number;
  return a.verdicts.find((v) => !v.ok)?.checkpoint ?? null;
}

/**
 * Where the failing object should be: the diagnosis's place offset (the object at the
 * failing checkpoint shifted back by its dx, dy; up by an `on`'s gap or down to an
 * `inside`'s floor); else the predicate of the selected checkpoint's failing verdict,
 * else of the first failing verdict (its facts' offset, else the support, container,
 * zone or point it names). Null when nothing states a target.
 */
export function expectedTarget(spec: SceneSpec, a: AttemptFacts, selected: number | null): ExpectedTarget | null {
  const d = asRecord(a.diagnosis);
  const off = asRecord(d?.offset);
  if (d && off && typeof off.object === 'string' && isNum(off.dx) && isNum(off.dy) && Number.isInteger(d.checkpoint)) {
    const snap = snapshotAt(a, d.checkpoint as number);
    const facts = asRecord(asRecord(d.facts)?.unmet);
    const target = typeof off.target === 'string' ? off.target : '';
    const t = snap ? fromOffset(snap, off.object, target, off.dx, off.dy, facts, d.checkpoint as number, 'diagnosis') : null;
    if (t) return t;
  }
  const chosen = selected === null ? undefined : a.verdicts.find((v) => v.checkpoint === selected);
  return (
    fromVerdict(spec, a, chosen) ??
    fromVerdict(
      spec,
      a,
      a.verdicts.find((v) => !v.ok),
    )
  );
}

/** The objects the failing checkpoint names (its verdict's failure.objects), else the diagnosis's first failure's, else its offset's object. */
export function failingObjects(a: AttemptFacts): string[] {
  const cp = failedCheckpoint(a);
  const v = cp === null ? undefined : a.verdicts.find((x) => x.checkpoint === cp && !x.ok);
  if (v?.failure && v.failure.objects.length > 0) return [...v.failure.objects];
  const d = asRecord(a.diagnosis);
  const failures = Array.isArray(d?.failures) ? d.failures : [];
  const objects = asRecord(failures[0])?.objects;
  if (Array.isArray(objects) && objects.length > 0) return objects.filter((o): o is string => typeof o === 'string');
  const off = asRecord(d?.offset);
  return typeof off?.object === 'string' ? [off.object] : [];
}

/**
 * Half the extent of an object at orientation q along the unit world axis (ax, ay, az):
 * exact for boxes and trays (their box), spheres, cylinders and bowls (their outer cylinder).
 */
export function halfExtentAlong(o: ObjectSpec, q: Quat | readonly number[], ax: number, ay: number, az: number): number {
  const [x, y, z, w] = q as Quat;
  // Columns of the rotation matrix: the object's local axes in the world.
  const c0x = 1 - 2 * (y * y + z * z);
  const c0y = 2 * (x * y + w * z);
  const c0z = 2 * (x * z - w * y);
  const c1x = 2 * (x * y - w * z);
  const c1y = 1 - 2 * (x * x + z * z);
  const c1z = 2 * (y * z + w * x);
  const c2x = 2 * (x * z + w * y);
  const c2y = 2 * (y * z - w * x);
  const c2z = 1 - 2 * (x * x + y * y);
  const [sx, sy, sz] = o.size;
  const d2 = c2x * ax + c2y * ay + c2z * az;
  switch (o.shape) {
    case 'sphere':
      return sx / 2;
    case 'cylinder':
    case 'bowl':
      return (sx / 2) * Math.sqrt(Math.max(0, 1 - d2 * d2)) + (sz / 2) * Math.abs(d2);
    default: {
      const d0 = c0x * ax + c0y * ay + c0z * az;
      const d1 = c1x * ax + c1y * ay + c1z * az;
      return (sx / 2) * Math.abs(d0) + (sy / 2) * Math.abs(d1) + (sz / 2) * Math.abs(d2);
    }
  }
}

/** The world-axis-aligned box of an object at a pose, as [minx, miny, minz, maxx, maxy, maxz] written into `out`. */
export function worldBox(o: ObjectSpec, position: readonly number[], q: readonly number[], out: Float64Array | number[]): void {
  for (let i = 0; i < 3; i++) {
    const h = halfExtentAlong(o, q, i === 0 ? 1 : 0, i === 1 ? 1 : 0, i === 2 ? 1 : 0);
    out[i] = position[i]! - h;
    out[i + 3] = position[i]! + h;
  }
}

/**
 * Where the two finger pads touch a held object, written into `out` as [−x pad xyz, +x pad
 * xyz]: on each finger's inner face (closing axis ±width/2 from the TCP, as
 * sim/gripper-geometry.ts places the fingers), at the object's centre across the pad
 * (clamped to the pad's depth) and at the middle of the part of the pad the object spans.
 * Derived from the gripper's state and the object's pose, not read from the engine.
 */
export function contactPoints(
  g: Pick<GripperState, 'position' | 'yaw' | 'approach' | 'width'>,
  o: ObjectSpec,
  pose: { position: readonly number[]; quaternion: readonly number[] },
  out: Float64Array | number[],
): void {
  const c = Math.cos(g.yaw);
  const s = Math.sin(g.yaw);
  // The gripper frame: x closes, z runs from the fingertips (TCP) up the fingers to the palm.
  const xx = c;
  const xy = s;
  const xz = 0;
  const zx = g.approach === 'top' ? 0 : s;
  const zy = g.approach === 'top' ? 0 : -c;
  const zz = g.approach === 'top' ? 1 : 0;
  // y = z × x.
  const yx = zy * xz - zz * xy;
  const yy = zz * xx - zx * xz;
  const yz = zx * xy - zy * xx;
  const px = pose.position[0]! - g.position[0];
  const py = pose.position[1]! - g.position[1];
  const pz = pose.position[2]! - g.position[2];
  const cy = px * yx + py * yy + pz * yz;
  const cz = px * zx + py * zy + pz * zz;
  const hz = halfExtentAlong(o, pose.quaternion, zx, zy, zz);
  const L = GRIPPER.fingerLength;
  const lo = Math.max(0, cz - hz);
  const hi = Math.min(L, cz + hz);
  const along = lo <= hi ? (lo + hi) / 2 : Math.min(Math.max(cz, 0), L);
  const across = Math.min(Math.max(cy, -GRIPPER.fingerDepth / 2), GRIPPER.fingerDepth / 2);
  const half = Math.min(Math.max(g.width, 0), GRIPPER.maxOpening) / 2;
  for (let k = 0; k < 2; k++) {
    const side = k === 0 ? -half : half;
    out[k * 3] = g.position[0] + xx * side + yx * across + zx * along;
    out[k * 3 + 1] = g.position[1] + xy * side + yy * across + zy * along;
    out[k * 3 + 2] = g.position[2] + xz * side + yz * across + zz * along;
  }
}

/** The moment of attempt k−1 shown over attempt k at time t: the same time since each attempt's start, clamped to k−1's span. */
export function ghostTime(t: number, start: number, prevStart: number, prevEnd: number): number {
  return Math.min(Math.max(prevStart + (t - start), prevStart), prevEnd);
}
