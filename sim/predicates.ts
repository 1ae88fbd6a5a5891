// Geometric facts about a world state (docs/architecture.md#predicates). `evaluatePredicate` is pure: it
// reads only the scene and the snapshots of a WorldView, so monitors can run it on a
// recorded or an estimated snapshot. Every result carries a sentence with numbers and
// the numbers themselves (`facts`, typed by kind, with the parts of all / any / not),
// measured once here: the diagnosis and monitors read them, never the sentence. The
// JSON form of a predicate (its schema) is in predicate-schema.ts.

import { cm, cmLimit, deg, m, pos } from './format.ts';
import { containerInterior, isContainer, worldAABB, worldToLocal } from './object-geometry.ts';
import { tiltOf } from './pose-math.ts';
import type { ObjectSpec, Pose, Predicate, PredicateFacts, PredicateResult, Target, Vec2, Vec3, WorldView } from './types.ts';
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
/** `inside`: how far a's centre may lie below the container's bottom (m; it sinks a little into the floor). */
export const INSIDE_BOTTOM_TOLERANCE = 0.005;
/** `row`: largest distance of a centre from the row's line, across the row (m). */
export const ROW_TOLERANCE = 0.02;
/** `circle`: largest difference of a centre's distance from the circle's centre and their mean, as a fraction of the mean. */
export const CIRCLE_RADIUS_TOLERANCE = 0.25;
/** `circle`: the largest angle between neighbours around the centre may be this many times the even spacing (360° / n). */
export const CIRCLE_GAP_FACTOR = 1.5;

// ------------------------------------------------------------------ evaluation

/** A result with its facts: what evaluatePredicate returns. */
type Measured = PredicateResult & { facts: PredicateFacts };
type FactsOf<K extends PredicateFacts['kind']> = Extract<PredicateFacts, { kind: K }>;

/** An id the scene lacks: the predicate is false, with the known ids in its detail and facts. */
class Unknown extends Error {
  readonly facts: FactsOf<'unknown-id'>;
  constructor(message: string, facts: FactsOf<'unknown-id'>) {
    super(message);
    this.facts = facts;
  }
}

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
    const known = view.scene.objects.map((o) => o.id);
    throw new Unknown(`There is no object named "${id}" (known objects: ${known.join(', ') || 'none'}).`, {
      kind: 'unknown-id',
      id,
      what: 'object',
      known,
    });
  }
  const pose: Pose = { position: st.position, quaternion: st.quaternion };
  const { min, max } = worldAABB(spec, pose);
  return { spec, pose, min, max };
}

const result = (ok: boolean, detail: string, facts: PredicateFacts): Measured => ({ ok, detail, facts });

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

function evalOn(view: WorldView, aId: string, bId: string): Measured {
  if (bId === 'table') return evalOnTable(view, aId);
  const a = lookup(view, aId);
  const b = lookup(view, bId);
  const held = heldNote(view, aId);
  const gap = a.min[2] - b.max[2];
  const c = a.pose.position;
  const dx = c[0] - b.pose.position[0],
    dy = c[1] - b.pose.position[1];
  const centreDist = Math.hypot(dx, dy);
  const outside = outsideFootprint(b, c);
  const facts: FactsOf<'on'> = {
    kind: 'on',
    object: aId,
    support: bId,
    dx,
    dy,
    distance: centreDist,
    gap,
    outside,
    held: held !== null,
    gapAbove: ON_GAP_ABOVE,
    gapBelow: ON_GAP_BELOW,
    edgeTolerance: ON_EDGE_TOLERANCE,
  };
  if (held) return result(false, `${aId} is not on ${bId}: ${held}.`, facts);
  if (gap > ON_GAP_ABOVE) {
    return result(false, `${aId} is not on ${bId}: its bottom is ${cm(gap)} above ${bId}'s top (limit ${cmLimit(ON_GAP_ABOVE)}).`, facts);
  }
  if (gap < -ON_GAP_BELOW) {
    return result(
      false,
      `${aId} is not on ${bId}: its bottom is ${cm(-gap)} below ${bId}'s top, so it is beside ${bId}, ${cm(centreDist)} from its top centre.`,
      facts,
    );
  }
  if (outside > ON_EDGE_TOLERANCE) {
    return result(
      false,
      `${aId} is not on ${bId}: its centre is ${cm(centreDist)} from ${bId}'s top centre, ${cm(outside)} past the edge of ${bId}'s top.`,
      facts,
    );
  }
  return result(
    true,
    `${aId} is on ${bId}: its bottom is ${cm(Math.abs(gap))} from ${bId}'s top and its centre ${cm(centreDist)} from the top centre.`,
    facts,
  );
}

/** How deep `inside` follows a stack of contents (a on b on c … on the container's floor). */
const INSIDE_STACK_DEPTH = 4;

function evalInside(view: WorldView, aId: string, cId: string, depth = 0): Measured {
  const a = lookup(view, aId);
  const c = lookup(view, cId);
  const inner = isContainer(c.spec) ? containerInterior(c.spec) : null;
  const held = heldNote(view, aId);
  const local = worldToLocal(c.pose, a.pose.position);
  const h = c.spec.size[2];
  const radial = Math.hypot(local[0], local[1]);
  const outside = !inner
    ? null
    : inner.kind === 'bowl'
      ? radial - inner.innerRadius
      : Math.max(Math.abs(local[0]) - inner.innerHalf[0], Math.abs(local[1]) - inner.innerHalf[1]);
  // a's bottom, measured in the container's frame, against the top of its floor.
  const bottomLocal = worldToLocal(c.pose, [a.pose.position[0], a.pose.position[1], a.min[2]])[2];
  const aboveFloor = inner ? bottomLocal - (-h / 2 + inner.floor) : null;
  const facts: FactsOf<'inside'> = {
    kind: 'inside',
    object: aId,
    container: cId,
    interior: inner?.kind ?? null,
    dx: a.pose.position[0] - c.pose.position[0],
    dy: a.pose.position[1] - c.pose.position[1],
    distance: radial,
    outside,
    innerRadius: inner?.kind === 'bowl' ? inner.innerRadius : null,
    innerHalf: inner?.kind === 'tray' ? [inner.innerHalf[0], inner.innerHalf[1]] : null,
    belowRim: h / 2 - local[2],
    aboveFloor,
    restsOn: null,
    held: held !== null,
  };
  if (!inner || outside === null || aboveFloor === null)
    return result(false, `${aId} cannot be inside ${cId}: ${cId} is a ${c.spec.shape}, not a bowl or tray.`, facts);
  if (held) return result(false, `${aId} is not inside ${cId} yet: ${held}.`, facts);
  const standsOnFloor = aboveFloor <= ON_GAP_ABOVE && aboveFloor >= -ON_GAP_BELOW;
  if (local[2] > h / 2 && !standsOnFloor) {
    // Taller than the walls: inside when it stands on other contents of the container.
    if (depth < INSIDE_STACK_DEPTH) {
      facts.restsOn =
        view.scene.objects.find(
          (o) => o.id !== aId && o.id !== cId && evalOn(view, aId, o.id).ok && evalInside(view, o.id, cId, depth + 1).ok,
        )?.id ?? null;
    }
    if (!facts.restsOn) {
      return result(
        false,
        `${aId} is not inside ${cId}: its centre is ${cm(local[2] - h / 2)} above ${cId}'s rim and its bottom ${cm(aboveFloor)} above ${cId}'s floor.`,
        facts,
      );
    }
  }
  if (local[2] < -h / 2 - INSIDE_BOTTOM_TOLERANCE)
    return result(false, `${aId} is not inside ${cId}: its centre is ${cm(-h / 2 - local[2])} below ${cId}'s bottom.`, facts);
  if (inner.kind === 'bowl') {
    if (outside > 0) {
      return result(
        false,
        `${aId} is not inside ${cId}: its centre is ${cm(radial)} from ${cId}'s centre, outside the ${cm(inner.innerRadius)} inner radius.`,
        facts,
      );
    }
  } else if (outside > 0) {
    return result(
      false,
      `${aId} is not inside ${cId}: its centre is ${cm(outside)} outside ${cId}'s inner walls (${cm(radial)} from its centre).`,
      facts,
    );
  }
  if (local[2] > h / 2) {
    const where = facts.restsOn ? `stands on ${facts.restsOn} inside ${cId}` : `stands on ${cId}'s floor`;
    return result(
      true,
      `${aId} is inside ${cId}: it ${where}, its centre ${cm(radial)} from ${cId}'s centre (it reaches above the rim).`,
      facts,
    );
  }
  return result(
    true,
    `${aId} is inside ${cId}: its centre is ${cm(radial)} from ${cId}'s centre and ${cm(h / 2 - local[2])} below the rim.`,
    facts,
  );
}

function evalOnTable(view: WorldView, aId: string): Measured {
  const a = lookup(view, aId);
  const held = heldNote(view, aId);
  const [x, y] = a.pose.position;
  const [tx, ty] = [TABLE.size[0] / 2, TABLE.size[1] / 2];
  const overTable = !(Math.abs(x) > tx || Math.abs(y) > ty);
  const bottom = a.min[2];
  const facts: FactsOf<'onTable'> = {
    kind: 'onTable',
    object: aId,
    x,
    y,
    bottom,
    overTable,
    held: held !== null,
    support: null,
    limit: ON_TABLE_GAP,
  };
  if (held) return result(false, `${aId} is not on the table: ${held}.`, facts);
  if (!overTable) {
    return result(
      false,
      `${aId} is off the table: its centre ${pos([x, y])} is outside the table (x within ±${m(tx)}, y within ±${m(ty)}) and its bottom is ${cm(-a.min[2])} below the table top.`,
      facts,
    );
  }
  if (bottom > ON_TABLE_GAP) {
    facts.support = view.scene.objects.find((o) => o.id !== aId && evalOn(view, aId, o.id).ok)?.id ?? null;
    const note = facts.support ? ` (it rests on ${facts.support})` : '';
    return result(false, `${aId} is not on the table: its bottom is ${cm(bottom)} above the table top${note}.`, facts);
  }
  if (bottom < -ON_TABLE_GAP) return result(false, `${aId} is not on the table: its bottom is ${cm(-bottom)} below the table top.`, facts);
  // A container's floor is thinner than the gap: standing in a tray is not standing on the table.
  const container = view.scene.objects.find((o) => o.id !== aId && isContainer(o) && evalInside(view, aId, o.id).ok);
  if (container) {
    facts.support = container.id;
    return result(false, `${aId} is not on the table: it is inside ${container.id}.`, facts);
  }
  return result(true, `${aId} is on the table at ${pos([x, y])}.`, facts);
}

function evalNear(view: WorldView, aId: string, t: Target, limit: number): Measured {
  const a = lookup(view, aId).pose.position;
  const flat = typeof t !== 'string' && t.length === 2;
  const label = typeof t === 'string' ? t : pos(t);
  const p = (typeof t === 'string' ? lookup(view, t).pose.position : t).slice() as Vec2 | Vec3;
  const dx = a[0] - p[0],
    dy = a[1] - p[1],
    dz = flat ? 0 : a[2] - p[2]!;
  const d = flat ? Math.hypot(dx, dy) : Math.hypot(dx, dy, dz);
  const what = flat ? ' horizontally' : '';
  const detail = `${aId} is ${cm(d)} from ${label}${what} (limit ${cmLimit(limit)}).`;
  const target = typeof t === 'string' ? t : null;
  return result(d <= limit, detail, { kind: 'near', object: aId, target, point: p, dx, dy, dz, distance: d, horizontal: flat, limit });
}

function evalUpright(view: WorldView, aId: string): Measured {
  const a = lookup(view, aId);
  const tilt = tiltOf(a.pose.quaternion);
  const sphere = a.spec.shape === 'sphere';
  const facts: FactsOf<'upright'> = { kind: 'upright', object: aId, tilt, limit: UPRIGHT_LIMIT, sphere };
  if (sphere) return result(true, `${aId} is a sphere, which counts as upright in any orientation.`, facts);
  return result(tilt <= UPRIGHT_LIMIT, `${aId} is tilted ${deg(tilt)} from upright (limit ${deg(UPRIGHT_LIMIT)}).`, facts);
}

function evalUnmoved(view: WorldView, aId: string, tol: number): Measured {
  const now = lookup(view, aId).pose.position;
  const then = lookup(view, aId, view.initial).pose.position;
  const dx = now[0] - then[0],
    dy = now[1] - then[1],
    dz = now[2] - then[2];
  const d = Math.hypot(dx, dy, dz);
  const detail = `${aId} moved ${cm(d)} since the start (limit ${cmLimit(tol)}).`;
  return result(d < tol, detail, { kind: 'unmoved', object: aId, dx, dy, dz, distance: d, limit: tol });
}

function evalInZone(view: WorldView, aId: string, zoneId: string): Measured {
  const a = lookup(view, aId);
  const zone = view.scene.zones.find((zn) => zn.id === zoneId);
  if (!zone) {
    const known = view.scene.zones.map((zn) => zn.id);
    return result(false, `There is no zone named "${zoneId}" (known zones: ${known.join(', ') || 'none'}).`, {
      kind: 'unknown-id',
      id: zoneId,
      what: 'zone',
      known,
    });
  }
  const held = heldNote(view, aId);
  const [x, y] = a.pose.position;
  const dx = Math.max(zone.min[0] - x, 0, x - zone.max[0]);
  const dy = Math.max(zone.min[1] - y, 0, y - zone.max[1]);
  const out = Math.hypot(dx, dy);
  const facts: FactsOf<'inZone'> = {
    kind: 'inZone',
    object: aId,
    zone: zoneId,
    x,
    y,
    dx: x - (zone.min[0] + zone.max[0]) / 2,
    dy: y - (zone.min[1] + zone.max[1]) / 2,
    outside: out,
    min: [zone.min[0], zone.min[1]],
    max: [zone.max[0], zone.max[1]],
    held: held !== null,
  };
  const area = `x ${zone.min[0].toFixed(2)} to ${zone.max[0].toFixed(2)} m, y ${zone.min[1].toFixed(2)} to ${zone.max[1].toFixed(2)} m`;
  if (out > 0)
    return result(false, `${aId} is not in zone ${zoneId}: its centre ${pos([x, y])} is ${cm(out)} outside the zone (${area}).`, facts);
  if (held) return result(false, `${aId} is above zone ${zoneId} but not in it yet: ${held}.`, facts);
  return result(true, `${aId} is in zone ${zoneId}: its centre ${pos([x, y])} lies within ${area}.`, facts);
}

function evalOrdered(view: WorldView, ids: string[], axis: 'x' | 'y'): Measured {
  const k = axis === 'x' ? 0 : 1;
  const values = ids.map((id) => lookup(view, id).pose.position[k]!);
  let i = 1;
  while (i < ids.length && values[i]! > values[i - 1]!) i++;
  const facts: FactsOf<'ordered'> = { kind: 'ordered', ids: [...ids], axis, values, outOfOrder: i < ids.length ? i : null };
  if (i < ids.length) {
    return result(
      false,
      `${ids.join(', ')} are not in increasing ${axis} order: ${ids[i]} (${axis} = ${m(values[i]!)}) ` +
        `should be past ${ids[i - 1]} (${axis} = ${m(values[i - 1]!)}).`,
      facts,
    );
  }
  return result(
    true,
    `${ids.join(', ')} are in increasing ${axis} order (${axis} = ${values.map((v) => v.toFixed(2)).join(', ')} m).`,
    facts,
  );
}

function evalRow(view: WorldView, ids: string[], axis: 'x' | 'y'): Measured {
  const k = axis === 'x' ? 0 : 1;
  const across = axis === 'x' ? 'y' : 'x';
  const centres = ids.map((id) => lookup(view, id).pose.position);
  const values = centres.map((c) => c[k]!);
  const cross = centres.map((c) => c[1 - k]!);
  const line = cross.reduce((s, v) => s + v, 0) / cross.length;
  const offsets = cross.map((v) => v - line);
  let i = 1;
  while (i < ids.length && values[i]! > values[i - 1]!) i++;
  let worst = 0;
  for (let j = 1; j < ids.length; j++) if (Math.abs(offsets[j]!) > Math.abs(offsets[worst]!)) worst = j;
  const offLine = Math.abs(offsets[worst]!) > ROW_TOLERANCE ? worst : null;
  const facts: FactsOf<'row'> = {
    kind: 'row',
    ids: [...ids],
    axis,
    values,
    line,
    offsets,
    limit: ROW_TOLERANCE,
    outOfOrder: i < ids.length ? i : null,
    offLine,
  };
  const list = ids.join(', ');
  if (i < ids.length) {
    return result(
      false,
      `${list} are not a row in increasing ${axis}: ${ids[i]} (${axis} = ${m(values[i]!)}) should be past ${ids[i - 1]} (${axis} = ${m(values[i - 1]!)}).`,
      facts,
    );
  }
  if (offLine !== null) {
    return result(
      false,
      `${list} are not in a straight row: ${ids[offLine]}'s centre is ${cm(Math.abs(offsets[offLine]!))} off the row's line ${across} = ${m(line)} (limit ${cmLimit(ROW_TOLERANCE)}).`,
      facts,
    );
  }
  const spread = Math.max(...offsets.map(Math.abs));
  return result(
    true,
    `${list} stand in a row along ${axis} at ${across} = ${m(line)}, every centre within ${cm(spread)} of the line.`,
    facts,
  );
}

function evalCircle(view: WorldView, ids: string[], center: string | Vec2 | undefined): Measured {
  const centres = ids.map((id) => lookup(view, id).pose.position);
  const c: Vec2 =
    center === undefined
      ? [centres.reduce((s, p) => s + p[0], 0) / centres.length, centres.reduce((s, p) => s + p[1], 0) / centres.length]
      : typeof center === 'string'
        ? [lookup(view, center).pose.position[0], lookup(view, center).pose.position[1]]
        : [center[0], center[1]];
  const radii = centres.map((p) => Math.hypot(p[0] - c[0], p[1] - c[1]));
  const radius = radii.reduce((s, r) => s + r, 0) / radii.length;
  const radiusLimit = CIRCLE_RADIUS_TOLERANCE * radius;
  let worst = 0;
  for (let j = 1; j < ids.length; j++) if (Math.abs(radii[j]! - radius) > Math.abs(radii[worst]! - radius)) worst = j;
  const offCircle = Math.abs(radii[worst]! - radius) > radiusLimit ? worst : null;
  const angles = centres.map((p) => Math.atan2(p[1] - c[1], p[0] - c[0])).sort((a, b) => a - b);
  let largestGap = angles[0]! + 2 * Math.PI - angles[angles.length - 1]!;
  for (let j = 1; j < angles.length; j++) largestGap = Math.max(largestGap, angles[j]! - angles[j - 1]!);
  const gapLimit = (CIRCLE_GAP_FACTOR * 2 * Math.PI) / ids.length;
  const centerLabel = typeof center === 'string' ? center : center ? pos(center) : `their middle ${pos(c)}`;
  const facts: FactsOf<'circle'> = {
    kind: 'circle',
    ids: [...ids],
    center: c,
    centerId: typeof center === 'string' ? center : null,
    radii,
    radius,
    radiusLimit,
    offCircle,
    largestGap,
    gapLimit,
  };
  const list = ids.join(', ');
  if (offCircle !== null) {
    return result(
      false,
      `${list} are not on a circle around ${centerLabel}: ${ids[offCircle]} is ${cm(radii[offCircle]!)} from it, the others ${cm(radius)} on average (limit ±${cm(radiusLimit)}).`,
      facts,
    );
  }
  if (largestGap > gapLimit) {
    return result(
      false,
      `${list} are not spread around ${centerLabel}: there is a ${deg(largestGap)} gap between neighbours (limit ${deg(gapLimit)} for ${ids.length}).`,
      facts,
    );
  }
  return result(
    true,
    `${list} stand on a circle around ${centerLabel}: ${cm(radius)} from it (±${cm(Math.max(...radii.map((r) => Math.abs(r - radius))))}), at most ${deg(largestGap)} apart.`,
    facts,
  );
}

function evalInner(p: Predicate, view: WorldView): Measured {
  if ('grasped' in p) {
    lookup(view, p.grasped);
    const h = view.state.gripper.holding;
    const facts: FactsOf<'grasped'> = { kind: 'grasped', object: p.grasped, holding: h };
    if (h === p.grasped) return result(true, `${p.grasped} is held between the fingers.`, facts);
    return result(false, `${p.grasped} is not held: the gripper ${h ? `holds ${h}` : 'holds nothing'}.`, facts);
  }
  if ('on' in p) return evalOn(view, p.on[0], p.on[1]);
  if ('inside' in p) return evalInside(view, p.inside[0], p.inside[1]);
  if ('above' in p) {
    const [id, h] = p.above;
    const bottom = lookup(view, id).min[2];
    const detail = `${id}'s bottom is ${cm(bottom)} above the table (needs at least ${cmLimit(h)}).`;
    return result(bottom >= h, detail, { kind: 'above', object: id, bottom, height: h });
  }
  if ('near' in p) return evalNear(view, p.near[0], p.near[1], p.near[2]);
  if ('upright' in p) return evalUpright(view, p.upright);
  if ('onTable' in p) return evalOnTable(view, p.onTable);
  if ('unmoved' in p) return evalUnmoved(view, p.unmoved[0], p.unmoved[1]);
  if ('inZone' in p) return evalInZone(view, p.inZone[0], p.inZone[1]);
  if ('ordered' in p) return evalOrdered(view, p.ordered.ids, p.ordered.axis);
  if ('row' in p) return evalRow(view, p.row.ids, p.row.axis);
  if ('circle' in p) return evalCircle(view, p.circle.ids, p.circle.center);
  if ('all' in p) {
    const parts = p.all.map((q) => evaluatePredicate(q, view));
    const failed = parts.filter((r) => !r.ok);
    if (failed.length === 0) return result(true, parts.map((r) => r.detail).join(' ') || 'No conditions to check.', { kind: 'all', parts });
    return result(false, `${failed.length} of ${parts.length} conditions fail: ${failed.map((r) => r.detail).join(' ')}`, {
      kind: 'all',
      parts,
    });
  }
  if ('any' in p) {
    const parts = p.any.map((q) => evaluatePredicate(q, view));
    const passed = parts.find((r) => r.ok);
    if (passed) return result(true, passed.detail, { kind: 'any', parts });
    return result(false, `None of ${parts.length} alternatives holds: ${parts.map((r) => r.detail).join(' ')}`, { kind: 'any', parts });
  }
  const inner = evaluatePredicate(p.not, view);
  return inner.ok
    ? result(false, `Expected the opposite of: ${inner.detail}`, { kind: 'not', parts: [inner] })
    : result(true, `As required, this does not hold: ${inner.detail}`, { kind: 'not', parts: [inner] });
}

/**
 * Evaluates a predicate on a world view, with the facts it measured; never throws for
 * unknown ids (the detail names them, the facts are `unknown-id`).
 */
export function evaluatePredicate(p: Predicate, view: WorldView): PredicateResult & { facts: PredicateFacts } {
  try {
    return evalInner(p, view);
  } catch (e) {
    if (e instanceof Unknown) return result(false, e.message, e.facts);
    throw e;
  }
}
