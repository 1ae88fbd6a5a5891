// Geometric facts about a world state (docs/architecture.md#predicates). `evaluatePredicate` is pure: it
// reads only the scene and the snapshots of a WorldView, so monitors can run it on a
// recorded or an estimated snapshot. Every result carries a sentence with numbers.

import { z } from 'zod';
import { cm, cmLimit, deg, m, pos } from './format.ts';
import { containerInterior, isContainer, worldAABB, worldToLocal } from './object-geometry.ts';
import { tiltOf } from './pose-math.ts';
import type { ObjectSpec, Pose, Predicate, PredicateResult, Target, Vec3, WorldView } from './types.ts';
import { TABLE } from './types.ts';

// ------------------------------------------------------------------ tolerances

/** `on`: a's bottom may be this far above b's top (m)… */
export const ON_GAP_ABOVE = 0.015;
/** …or this far below it (resting contact sinks a little; more means beside, not on). */
export const ON_GAP_BELOW = 0.01;
/** `on`: how far a's centre may lie outside b's top footprint (m). */
export const ON_EDGE_TOLERANCE = 0.005;
/** `upright`: largest tilt of the local z axis from world z. */
export const UPRIGHT_LIMIT = (15 * Math.PI) / 180;
/** `onTable`: largest distance of the bottom from the table top (m). */
export const ON_TABLE_GAP = 0.01;

// ------------------------------------------------------------------ JSON schema

const Vec2Schema = z.tuple([z.number(), z.number()]);
const Vec3Schema = z.tuple([z.number(), z.number(), z.number()]);
const Id = z.string().min(1);
const TargetSchema = z.union([Id, Vec2Schema, Vec3Schema]);

/** Zod schema of the JSON form of a predicate (tasks, subgoal expectations, the sandbox). */
export const PredicateSchema: z.ZodType<Predicate> = z.lazy(() =>
  z.union([
    z.strictObject({ grasped: Id }),
    z.strictObject({ on: z.tuple([Id, Id]) }),
    z.strictObject({ inside: z.tuple([Id, Id]) }),
    z.strictObject({ above: z.tuple([Id, z.number()]) }),
    z.strictObject({ near: z.tuple([Id, TargetSchema, z.number().nonnegative()]) }),
    z.strictObject({ upright: Id }),
    z.strictObject({ onTable: Id }),
    z.strictObject({ unmoved: z.tuple([Id, z.number().nonnegative()]) }),
    z.strictObject({ inZone: z.tuple([Id, Id]) }),
    z.strictObject({ ordered: z.strictObject({ ids: z.array(Id).min(2), axis: z.enum(['x', 'y']) }) }),
    z.strictObject({ all: z.array(PredicateSchema) }),
    z.strictObject({ any: z.array(PredicateSchema) }),
    z.strictObject({ not: PredicateSchema }),
  ]),
);

/** Object ids a predicate refers to (zones excluded), in order of appearance. */
export function predicateObjectIds(p: Predicate): string[] {
  const out: string[] = [];
  const walk = (q: Predicate): void => {
    if ('grasped' in q) out.push(q.grasped);
    else if ('on' in q) out.push(q.on[0], ...(q.on[1] === 'table' ? [] : [q.on[1]]));
    else if ('inside' in q) out.push(...q.inside);
    else if ('above' in q) out.push(q.above[0]);
    else if ('near' in q) out.push(q.near[0], ...(typeof q.near[1] === 'string' ? [q.near[1]] : []));
    else if ('upright' in q) out.push(q.upright);
    else if ('onTable' in q) out.push(q.onTable);
    else if ('unmoved' in q) out.push(q.unmoved[0]);
    else if ('inZone' in q) out.push(q.inZone[0]);
    else if ('ordered' in q) out.push(...q.ordered.ids);
    else if ('all' in q) q.all.forEach(walk);
    else if ('any' in q) q.any.forEach(walk);
    else walk(q.not);
  };
  walk(p);
  return [...new Set(out)];
}

// ------------------------------------------------------------------ evaluation

class Unknown extends Error {}

interface Obj {
  spec: ObjectSpec;
  pose: Pose;
  min: Vec3;
  max: Vec3;
}

function lookup(view: WorldView, id: string, state = view.state): Obj {
  const spec = view.scene.objects.find((o) => o.id === id);
  const st = state.objects[id];
  if (!spec || !st) {
    const known = view.scene.objects.map((o) => o.id).join(', ');
    throw new Unknown(`There is no object named "${id}" (known objects: ${known || 'none'}).`);
  }
  const pose: Pose = { position: st.position, quaternion: st.quaternion };
  const { min, max } = worldAABB(spec, pose);
  return { spec, pose, min, max };
}

const ok = (detail: string): PredicateResult => ({ ok: true, detail });
const fail = (detail: string): PredicateResult => ({ ok: false, detail });

/**
 * How far a point (world) lies outside the top footprint of b (m; ≤ 0 inside), measured
 * in b's own frame so a turned block has a turned footprint.
 */
function outsideFootprint(b: Obj, p: Vec3): number {
  const local = worldToLocal(b.pose, p);
  const [sx, sy] = b.spec.size;
  switch (b.spec.shape) {
    case 'box':
    case 'tray':
      return Math.max(Math.abs(local[0]) - sx / 2, Math.abs(local[1]) - sy / 2);
    case 'cylinder':
    case 'bowl':
      return Math.hypot(local[0], local[1]) - sx / 2;
    case 'sphere':
      // Only a small cap on top of a ball can carry anything.
      return Math.hypot(local[0], local[1]) - sx / 4;
  }
}

function heldNote(view: WorldView, id: string): string | null {
  return view.state.gripper.holding === id ? `${id} is still held by the gripper` : null;
}

function evalOn(view: WorldView, aId: string, bId: string): PredicateResult {
  if (bId === 'table') return evalOnTable(view, aId);
  const a = lookup(view, aId);
  const b = lookup(view, bId);
  const held = heldNote(view, aId);
  if (held) return fail(`${aId} is not on ${bId}: ${held}.`);
  const gap = a.min[2] - b.max[2];
  const c = a.pose.position;
  const centreDist = Math.hypot(c[0] - b.pose.position[0], c[1] - b.pose.position[1]);
  const outside = outsideFootprint(b, c);
  if (gap > ON_GAP_ABOVE) {
    return fail(`${aId} is not on ${bId}: its bottom is ${cm(gap)} above ${bId}'s top (limit ${cmLimit(ON_GAP_ABOVE)}).`);
  }
  if (gap < -ON_GAP_BELOW) {
    return fail(`${aId} is not on ${bId}: its bottom is ${cm(-gap)} below ${bId}'s top, so it is beside ${bId}, ${cm(centreDist)} from its top centre.`);
  }
  if (outside > ON_EDGE_TOLERANCE) {
    return fail(`${aId} is not on ${bId}: its centre is ${cm(centreDist)} from ${bId}'s top centre, ${cm(outside)} past the edge of ${bId}'s top.`);
  }
  return ok(`${aId} is on ${bId}: its bottom is ${cm(Math.abs(gap))} from ${bId}'s top and its centre ${cm(centreDist)} from the top centre.`);
}

function evalInside(view: WorldView, aId: string, cId: string): PredicateResult {
  const a = lookup(view, aId);
  const c = lookup(view, cId);
  const inner = containerInterior(c.spec);
  if (!inner || !isContainer(c.spec)) return fail(`${aId} cannot be inside ${cId}: ${cId} is a ${c.spec.shape}, not a bowl or tray.`);
  const held = heldNote(view, aId);
  if (held) return fail(`${aId} is not inside ${cId} yet: ${held}.`);
  const local = worldToLocal(c.pose, a.pose.position);
  const h = c.spec.size[2];
  const radial = Math.hypot(local[0], local[1]);
  if (local[2] > h / 2) return fail(`${aId} is not inside ${cId}: its centre is ${cm(local[2] - h / 2)} above ${cId}'s rim.`);
  if (local[2] < -h / 2 - 0.005) return fail(`${aId} is not inside ${cId}: its centre is ${cm(-h / 2 - local[2])} below ${cId}'s bottom.`);
  if (inner.kind === 'bowl') {
    if (radial > inner.innerRadius) {
      return fail(`${aId} is not inside ${cId}: its centre is ${cm(radial)} from ${cId}'s centre, outside the ${cm(inner.innerRadius)} inner radius.`);
    }
  } else {
    const over = Math.max(Math.abs(local[0]) - inner.innerHalf[0], Math.abs(local[1]) - inner.innerHalf[1]);
    if (over > 0) return fail(`${aId} is not inside ${cId}: its centre is ${cm(over)} outside ${cId}'s inner walls (${cm(radial)} from its centre).`);
  }
  return ok(`${aId} is inside ${cId}: its centre is ${cm(radial)} from ${cId}'s centre and ${cm(h / 2 - local[2])} below the rim.`);
}

function evalOnTable(view: WorldView, aId: string): PredicateResult {
  const a = lookup(view, aId);
  const held = heldNote(view, aId);
  if (held) return fail(`${aId} is not on the table: ${held}.`);
  const [x, y] = a.pose.position;
  const [tx, ty] = [TABLE.size[0] / 2, TABLE.size[1] / 2];
  if (Math.abs(x) > tx || Math.abs(y) > ty) {
    return fail(`${aId} is off the table: its centre ${pos([x, y])} is outside the table (x within ±${m(tx)}, y within ±${m(ty)}) and its bottom is ${cm(-a.min[2])} below the table top.`);
  }
  const bottom = a.min[2];
  if (bottom > ON_TABLE_GAP) {
    const support = view.scene.objects.find((o) => o.id !== aId && evalOn(view, aId, o.id).ok);
    const note = support ? ` (it rests on ${support.id})` : '';
    return fail(`${aId} is not on the table: its bottom is ${cm(bottom)} above the table top${note}.`);
  }
  if (bottom < -ON_TABLE_GAP) return fail(`${aId} is not on the table: its bottom is ${cm(-bottom)} below the table top.`);
  return ok(`${aId} is on the table at ${pos([x, y])}.`);
}

function targetPoint(view: WorldView, t: Target): { p: number[]; label: string; flat: boolean } {
  if (typeof t === 'string') return { p: lookup(view, t).pose.position, label: t, flat: false };
  return { p: t, label: pos(t), flat: t.length === 2 };
}

function evalNear(view: WorldView, aId: string, t: Target, limit: number): PredicateResult {
  const a = lookup(view, aId).pose.position;
  const target = targetPoint(view, t);
  const d = target.flat
    ? Math.hypot(a[0] - target.p[0]!, a[1] - target.p[1]!)
    : Math.hypot(a[0] - target.p[0]!, a[1] - target.p[1]!, a[2] - target.p[2]!);
  const what = target.flat ? ' horizontally' : '';
  const detail = `${aId} is ${cm(d)} from ${target.label}${what} (limit ${cmLimit(limit)}).`;
  return d <= limit ? ok(detail) : fail(detail);
}

function evalUpright(view: WorldView, aId: string): PredicateResult {
  const a = lookup(view, aId);
  if (a.spec.shape === 'sphere') return ok(`${aId} is a sphere, which counts as upright in any orientation.`);
  const tilt = tiltOf(a.pose.quaternion);
  const detail = `${aId} is tilted ${deg(tilt)} from upright (limit ${deg(UPRIGHT_LIMIT)}).`;
  return tilt <= UPRIGHT_LIMIT ? ok(detail) : fail(detail);
}

function evalUnmoved(view: WorldView, aId: string, tol: number): PredicateResult {
  const now = lookup(view, aId).pose.position;
  const then = lookup(view, aId, view.initial).pose.position;
  const d = Math.hypot(now[0] - then[0], now[1] - then[1], now[2] - then[2]);
  const detail = `${aId} moved ${cm(d)} since the start (limit ${cmLimit(tol)}).`;
  return d < tol ? ok(detail) : fail(detail);
}

function evalInZone(view: WorldView, aId: string, zoneId: string): PredicateResult {
  const a = lookup(view, aId);
  const zone = view.scene.zones.find((zn) => zn.id === zoneId);
  if (!zone) {
    const known = view.scene.zones.map((zn) => zn.id).join(', ');
    return fail(`There is no zone named "${zoneId}" (known zones: ${known || 'none'}).`);
  }
  const held = heldNote(view, aId);
  const [x, y] = a.pose.position;
  const dx = Math.max(zone.min[0] - x, 0, x - zone.max[0]);
  const dy = Math.max(zone.min[1] - y, 0, y - zone.max[1]);
  const out = Math.hypot(dx, dy);
  const area = `x ${zone.min[0].toFixed(2)} to ${zone.max[0].toFixed(2)} m, y ${zone.min[1].toFixed(2)} to ${zone.max[1].toFixed(2)} m`;
  if (out > 0) return fail(`${aId} is not in zone ${zoneId}: its centre ${pos([x, y])} is ${cm(out)} outside the zone (${area}).`);
  if (held) return fail(`${aId} is above zone ${zoneId} but not in it yet: ${held}.`);
  return ok(`${aId} is in zone ${zoneId}: its centre ${pos([x, y])} lies within ${area}.`);
}

function evalOrdered(view: WorldView, ids: string[], axis: 'x' | 'y'): PredicateResult {
  const k = axis === 'x' ? 0 : 1;
  const values = ids.map((id) => lookup(view, id).pose.position[k]!);
  for (let i = 1; i < ids.length; i++) {
    if (!(values[i]! > values[i - 1]!)) {
      return fail(
        `${ids.join(', ')} are not in increasing ${axis} order: ${ids[i]} (${axis} = ${m(values[i]!)}) ` +
        `should be past ${ids[i - 1]} (${axis} = ${m(values[i - 1]!)}).`,
      );
    }
  }
  return ok(`${ids.join(', ')} are in increasing ${axis} order (${axis} = ${values.map((v) => v.toFixed(2)).join(', ')} m).`);
}

function evalInner(p: Predicate, view: WorldView): PredicateResult {
  if ('grasped' in p) {
    lookup(view, p.grasped);
    const h = view.state.gripper.holding;
    if (h === p.grasped) return ok(`${p.grasped} is held between the fingers.`);
    return fail(`${p.grasped} is not held: the gripper ${h ? `holds ${h}` : 'holds nothing'}.`);
  }
  if ('on' in p) return evalOn(view, p.on[0], p.on[1]);
  if ('inside' in p) return evalInside(view, p.inside[0], p.inside[1]);
  if ('above' in p) {
    const [id, h] = p.above;
    const bottom = lookup(view, id).min[2];
    const detail = `${id}'s bottom is ${cm(bottom)} above the table (needs at least ${cmLimit(h)}).`;
    return bottom >= h ? ok(detail) : fail(detail);
  }
  if ('near' in p) return evalNear(view, p.near[0], p.near[1], p.near[2]);
  if ('upright' in p) return evalUpright(view, p.upright);
  if ('onTable' in p) return evalOnTable(view, p.onTable);
  if ('unmoved' in p) return evalUnmoved(view, p.unmoved[0], p.unmoved[1]);
  if ('inZone' in p) return evalInZone(view, p.inZone[0], p.inZone[1]);
  if ('ordered' in p) return evalOrdered(view, p.ordered.ids, p.ordered.axis);
  if ('all' in p) {
    const results = p.all.map((q) => evaluatePredicate(q, view));
    const failed = results.filter((r) => !r.ok);
    if (failed.length === 0) return ok(results.map((r) => r.detail).join(' ') || 'No conditions to check.');
    return fail(`${failed.length} of ${results.length} conditions fail: ${failed.map((r) => r.detail).join(' ')}`);
  }
  if ('any' in p) {
    const results = p.any.map((q) => evaluatePredicate(q, view));
    const passed = results.find((r) => r.ok);
    if (passed) return ok(passed.detail);
    return fail(`None of ${results.length} alternatives holds: ${results.map((r) => r.detail).join(' ')}`);
  }
  const inner = evaluatePredicate(p.not, view);
  return inner.ok
    ? fail(`Expected the opposite of: ${inner.detail}`)
    : ok(`As required, this does not hold: ${inner.detail}`);
}

/** Evaluates a predicate on a world view; never throws for unknown ids (the detail names them). */
export function evaluatePredicate(p: Predicate, view: WorldView): PredicateResult {
  try {
    return evalInner(p, view);
  } catch (e) {
    if (e instanceof Unknown) return fail(e.message);
    throw e;
  }
}
