// Geometric facts about a world state (docs/architecture.md#predicates). `evaluatePredicate` is pure: it
// reads only the scene and the snapshots of a WorldView, so monitors can run it on a
// recorded or an estimated snapshot. Every result carries a sentence with numbers and
// the numbers themselves (`facts`, typed by kind, with the parts of all / any / not),
// measured once here: the diagnosis and monitors read them, never the sentence. The
// JSON form of a predicate (its schema) is in predicate-schema.ts.

import { cm, cmLimit, deg, m, pos } from './format.ts';
import { containerInterior, isContainer, worldAABB, worldToLocal } from './object-geometry.ts';
import { tiltOf } from './pose-math.ts';
import {
  type Bindings,
  DEFAULT_VARIABLE,
  describeSelector,
  NO_BINDINGS,
  objectVolume,
  ReferentError,
  resolveRef,
  resolveRegion,
  selectIds,
  UnknownIdError,
  unknownObject,
  VOLUME_TIE,
} from './selectors.ts';
import { isTableRegionName, TABLE_REGION_NAMES, TABLE_REGIONS, type TableRegionName } from './table-regions.ts';
import type {
  ImageDirection,
  LineDirection,
  ObjectSpec,
  ObjRef,
  Pose,
  Predicate,
  PredicateFacts,
  PredicateResult,
  Quantified,
  Selector,
  Target,
  Vec2,
  Vec3,
  WorldView,
} from './types.ts';
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
/** `line`: default largest distance of a centre from the fitted line (m). */
export const LINE_TOLERANCE = 0.02;
/** `line`: "horizontal" / "vertical" allow the line this far off the x / y axis. */
export const LINE_AXIS_LIMIT = (15 * Math.PI) / 180;
/** `line`: "diagonal" is a heading between these angles from the x axis (either way). */
export const LINE_DIAGONAL_MIN = (30 * Math.PI) / 180;
export const LINE_DIAGONAL_MAX = (60 * Math.PI) / 180;
/** `line`: each gap between neighbouring centres may differ from the mean gap by this fraction of it. */
export const LINE_GAP_TOLERANCE = 0.5;
/** `line`: neighbours' footprints may overlap by this much (m) before they count as overlapping. */
export const LINE_OVERLAP_SLACK = 0.001;
/** `inRegion`: an object rests in a region when its bottom is below this height (m): on the table, in a bowl, on a low stack. */
export const REGION_REST_HEIGHT = 0.1;
/** `offset`: default largest difference of the centres across the axis (m). */
export const OFFSET_LATERAL = 0.06;

// ------------------------------------------------------------------ evaluation

/** A result with its facts: what evaluatePredicate returns. */
type Measured = PredicateResult & { facts: PredicateFacts };
type FactsOf<K extends PredicateFacts['kind']> = Extract<PredicateFacts, { kind: K }>;

interface Obj {
  spec: ObjectSpec;
  pose: Pose;
  min: Vec3;
  max: Vec3;
}

function lookup(view: WorldView, id: string, state = view.state): Obj {
  const spec = view.scene.objects.find((o) => o.id === id);
  const st = state.objects[id];
  if (!spec || !st) throw unknownObject(view, id);
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

function evalOrdered(view: WorldView, listed: string[], axis: 'x' | 'y', by: 'size' | undefined, descending: boolean): Measured {
  const k = axis === 'x' ? 0 : 1;
  const at = (id: string): number => lookup(view, id).pose.position[k]!;
  const volume = (id: string): number => objectVolume(lookup(view, id).spec);
  let ids = [...listed];
  if (by === 'size') {
    // Smallest first; objects of equal volume (within VOLUME_TIE) may stand in either order.
    ids.sort((a, b) => volume(a) - volume(b));
    const groups: string[][] = [];
    for (const id of ids) {
      const g = groups[groups.length - 1];
      if (g && volume(id) - volume(g[0]!) <= VOLUME_TIE * volume(id)) g.push(id);
      else groups.push([id]);
    }
    ids = groups.flatMap((g) => g.sort((a, b) => (descending ? at(b) - at(a) : at(a) - at(b))));
  }
  const values = ids.map(at);
  const past = (i: number): boolean => (descending ? values[i]! < values[i - 1]! : values[i]! > values[i - 1]!);
  let i = 1;
  while (i < ids.length && past(i)) i++;
  const facts: FactsOf<'ordered'> = { kind: 'ordered', ids, axis, values, outOfOrder: i < ids.length ? i : null };
  if (by === 'size') {
    facts.by = 'size';
    facts.volumes = ids.map(volume);
  }
  if (descending) facts.descending = true;
  const way = descending ? 'decreasing' : 'increasing';
  const side = axis === 'x' ? (descending ? 'left' : 'right') : descending ? 'in front' : 'behind';
  if (by === 'size') {
    const cm3 = (v: number): string => `${(v * 1e6).toFixed(0)} cm³`;
    if (i < ids.length) {
      return result(
        false,
        `${ids.join(', ')} are not sorted by size along ${axis} (smallest first, ${way} ${axis}): ${ids[i]} (${cm3(facts.volumes![i]!)}, ${axis} = ${m(values[i]!)}) ` +
          `should be ${side} of the smaller ${ids[i - 1]} (${cm3(facts.volumes![i - 1]!)}, ${axis} = ${m(values[i - 1]!)}).`,
        facts,
      );
    }
    return result(
      true,
      `${ids.join(', ')} are sorted by size, smallest first, in ${way} ${axis} (${axis} = ${values.map((v) => v.toFixed(2)).join(', ')} m).`,
      facts,
    );
  }
  if (i < ids.length) {
    return result(
      false,
      `${ids.join(', ')} are not in ${way} ${axis} order: ${ids[i]} (${axis} = ${m(values[i]!)}) ` +
        `should be ${descending ? 'before' : 'past'} ${ids[i - 1]} (${axis} = ${m(values[i - 1]!)}).`,
      facts,
    );
  }
  return result(true, `${ids.join(', ')} are in ${way} ${axis} order (${axis} = ${values.map((v) => v.toFixed(2)).join(', ')} m).`, facts);
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

const regionWords = (r: TableRegionName): string => (r === 'center' ? 'centre of the table' : r.replace(/_/g, ' '));

function evalInRegion(view: WorldView, aId: string, region: TableRegionName): Measured {
  const a = lookup(view, aId);
  const r = TABLE_REGIONS[region];
  const held = heldNote(view, aId);
  const [x, y] = a.pose.position;
  const ox = Math.max(r.min[0] - x, 0, x - r.max[0]);
  const oy = Math.max(r.min[1] - y, 0, y - r.max[1]);
  const outside = Math.hypot(ox, oy);
  const bottom = a.min[2];
  const facts: FactsOf<'inRegion'> = {
    kind: 'inRegion',
    object: aId,
    region,
    x,
    y,
    dx: x - r.anchor[0],
    dy: y - r.anchor[1],
    outside,
    min: [r.min[0], r.min[1]],
    max: [r.max[0], r.max[1]],
    bottom,
    bottomLimit: REGION_REST_HEIGHT,
    held: held !== null,
  };
  const name = `the ${regionWords(region)}`;
  if (outside > 0) {
    return result(false, `${aId} is not in ${name} (${r.text}): its centre ${pos([x, y])} is ${cm(outside)} outside it.`, facts);
  }
  if (held) return result(false, `${aId} is over ${name} but not in it yet: ${held}.`, facts);
  if (bottom >= REGION_REST_HEIGHT) {
    return result(
      false,
      `${aId} is over ${name} but not resting there: its bottom is ${cm(bottom)} above the table (limit ${cmLimit(REGION_REST_HEIGHT)}).`,
      facts,
    );
  }
  return result(true, `${aId} is in ${name}: its centre ${pos([x, y])} lies within ${r.text}.`, facts);
}

const DIRECTION_WORDS: Record<ImageDirection, string> = { left: 'left of', right: 'right of', top: 'above', bottom: 'below' };

function evalOffset(
  view: WorldView,
  aId: string,
  bId: string,
  direction: ImageDirection,
  min: number,
  max: number,
  lateralLimit: number,
): Measured {
  const a = lookup(view, aId);
  const b = lookup(view, bId);
  const k = direction === 'left' || direction === 'right' ? 0 : 1;
  const positive = direction === 'right' || direction === 'top';
  const gap = positive ? a.min[k]! - b.max[k]! : b.min[k]! - a.max[k]!;
  const dx = a.pose.position[0] - b.pose.position[0];
  const dy = a.pose.position[1] - b.pose.position[1];
  const lateral = Math.abs(k === 0 ? dy : dx);
  const held = heldNote(view, aId);
  const facts: FactsOf<'offset'> = {
    kind: 'offset',
    object: aId,
    from: bId,
    direction,
    gap,
    min,
    max,
    lateral,
    lateralLimit,
    dx,
    dy,
    held: held !== null,
  };
  const rel = `${DIRECTION_WORDS[direction]} ${bId}`;
  const wanted = `${cmLimit(min)} to ${cmLimit(max)} edge to edge`;
  if (held) return result(false, `${aId} is not ${rel} yet: ${held}.`, facts);
  if (gap < 0) {
    return result(
      false,
      `${aId} is not ${rel}: its footprint ${-gap <= a.max[k]! - a.min[k]! + (b.max[k]! - b.min[k]!) ? 'overlaps' : 'is on the other side of'} ${bId}'s along ${k === 0 ? 'x' : 'y'} (gap ${cm(gap)}; needs ${wanted}).`,
      facts,
    );
  }
  if (gap < min || gap > max) {
    return result(false, `${aId} is ${cm(gap)} ${rel} edge to edge, needs ${wanted}.`, facts);
  }
  if (lateral > lateralLimit) {
    return result(
      false,
      `${aId} is ${cm(gap)} ${rel} edge to edge but ${cm(lateral)} off to the side across the axis (limit ${cmLimit(lateralLimit)}).`,
      facts,
    );
  }
  return result(true, `${aId} is ${cm(gap)} ${rel} edge to edge (${wanted}), ${cm(lateral)} off its centre line.`, facts);
}

function evalLine(view: WorldView, ids: string[], direction: LineDirection, tolerance: number): Measured {
  const objs = ids.map((id) => lookup(view, id));
  const c = objs.map((o) => [o.pose.position[0], o.pose.position[1]] as Vec2);
  const n = c.length;
  const mx = c.reduce((s, p) => s + p[0], 0) / n;
  const my = c.reduce((s, p) => s + p[1], 0) / n;
  let sxx = 0,
    syy = 0,
    sxy = 0;
  for (const p of c) {
    sxx += (p[0] - mx) ** 2;
    syy += (p[1] - my) ** 2;
    sxy += (p[0] - mx) * (p[1] - my);
  }
  // The principal axis of the centres: the line of least perpendicular distance.
  let heading = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  if (heading < 0) heading += Math.PI;
  if (heading >= Math.PI) heading -= Math.PI;
  const u: Vec2 = [Math.cos(heading), Math.sin(heading)];
  const offsets = c.map((p) => -(p[0] - mx) * u[1] + (p[1] - my) * u[0]);
  const along = c.map((p) => (p[0] - mx) * u[0] + (p[1] - my) * u[1]);
  const fromX = Math.min(heading, Math.PI - heading);
  const directionOk =
    direction === 'any' ||
    (direction === 'horizontal' && fromX <= LINE_AXIS_LIMIT) ||
    (direction === 'vertical' && fromX >= Math.PI / 2 - LINE_AXIS_LIMIT) ||
    (direction === 'diagonal' && fromX >= LINE_DIAGONAL_MIN && fromX <= LINE_DIAGONAL_MAX);
  let worst = 0;
  for (let j = 1; j < n; j++) if (Math.abs(offsets[j]!) > Math.abs(offsets[worst]!)) worst = j;
  const offLine = Math.abs(offsets[worst]!) > tolerance ? worst : null;
  // Order along the line from left to right (bottom to top for a vertical one).
  const forward = Math.abs(u[0]) > 1e-9 ? Math.sign(u[0]) : Math.sign(u[1]) || 1;
  const orderIdx = ids.map((_, j) => j).sort((p, q) => forward * (along[p]! - along[q]!));
  const order = orderIdx.map((j) => ids[j]!);
  const gaps = orderIdx.slice(1).map((j, g) => Math.abs(along[j]! - along[orderIdx[g]!]!));
  const meanGap = gaps.length ? gaps.reduce((s, g) => s + g, 0) / gaps.length : 0;
  const gapLimit = LINE_GAP_TOLERANCE * meanGap;
  let uneven = 0;
  for (let g = 1; g < gaps.length; g++) if (Math.abs(gaps[g]! - meanGap) > Math.abs(gaps[uneven]! - meanGap)) uneven = g;
  const unevenGap = gaps.length && Math.abs(gaps[uneven]! - meanGap) > gapLimit ? uneven : null;
  let overlap: [string, string] | null = null;
  for (let g = 0; g + 1 < orderIdx.length && !overlap; g++) {
    const p = objs[orderIdx[g]!]!,
      q = objs[orderIdx[g + 1]!]!;
    const ox = Math.min(p.max[0], q.max[0]) - Math.max(p.min[0], q.min[0]);
    const oy = Math.min(p.max[1], q.max[1]) - Math.max(p.min[1], q.min[1]);
    if (ox > LINE_OVERLAP_SLACK && oy > LINE_OVERLAP_SLACK) overlap = [p.spec.id, q.spec.id];
  }
  const held = ids.filter((id) => view.state.gripper.holding === id);
  const facts: FactsOf<'line'> = {
    kind: 'line',
    ids: [...ids],
    direction,
    tolerance,
    point: [mx, my],
    heading,
    directionOk,
    offsets,
    offLine,
    order,
    gaps,
    meanGap,
    gapLimit,
    unevenGap,
    overlap,
    held,
  };
  const list = ids.join(', ');
  const kindText = direction === 'any' ? 'a straight line' : `a ${direction} line`;
  if (held.length) return result(false, `${list} are not in ${kindText} yet: ${held[0]} is still held by the gripper.`, facts);
  if (!directionOk) {
    const want =
      direction === 'horizontal'
        ? `within ${deg(LINE_AXIS_LIMIT)} of the x axis`
        : direction === 'vertical'
          ? `within ${deg(LINE_AXIS_LIMIT)} of the y axis`
          : `${deg(LINE_DIAGONAL_MIN)} to ${deg(LINE_DIAGONAL_MAX)} from the x axis`;
    return result(
      false,
      `${list} are not in ${kindText}: their best-fit line runs ${deg(fromX)} from the x axis (${direction} is ${want}).`,
      facts,
    );
  }
  if (offLine !== null) {
    return result(
      false,
      `${list} are not in ${kindText}: ${ids[offLine]}'s centre is ${cm(Math.abs(offsets[offLine]!))} off their best-fit line (tolerance ${cmLimit(tolerance)}).`,
      facts,
    );
  }
  if (overlap) return result(false, `${list} are not in ${kindText}: ${overlap[0]} and ${overlap[1]} overlap.`, facts);
  if (unevenGap !== null) {
    return result(
      false,
      `${list} are in line but not evenly spaced: ${order[unevenGap]} to ${order[unevenGap + 1]} is ${cm(gaps[unevenGap]!)}, the mean gap ${cm(meanGap)} (±${pct(LINE_GAP_TOLERANCE)} allowed).`,
      facts,
    );
  }
  const spread = Math.max(...offsets.map(Math.abs));
  return result(
    true,
    `${list} stand in ${kindText}, ${deg(fromX)} from the x axis, every centre within ${cm(spread)} of it` +
      (gaps.length ? `, spaced ${cm(Math.min(...gaps))} to ${cm(Math.max(...gaps))}.` : '.'),
    facts,
  );
}

const pct = (f: number): string => `${Math.round(f * 100)}%`;

function evalQuantified(kind: 'every' | 'some', q: Quantified, view: WorldView, env: Bindings): Measured {
  const ids = selectIds(q.select, view, env);
  const variable = q.as ?? DEFAULT_VARIABLE;
  const parts = ids.map((id) => evaluate(q.holds, view, new Map(env).set(variable, id)));
  const failing = ids.filter((_, i) => !parts[i]!.ok);
  const facts: FactsOf<'every' | 'some'> = { kind, variable, ids, parts, failing };
  const what = describeSelector(q.select);
  if (ids.length === 0) return result(false, `No ${what} is in the scene at the start, so "${kind}" has nothing to hold for.`, facts);
  if (kind === 'every') {
    if (failing.length === 0)
      return result(true, `It holds for all ${ids.length} (${what}: ${ids.join(', ')}): ${parts.map((r) => r.detail).join(' ')}`, facts);
    return result(
      false,
      `It fails for ${failing.length} of ${ids.length} (${what}: ${failing.join(', ')}): ${parts
        .filter((r) => !r.ok)
        .map((r) => r.detail)
        .join(' ')}`,
      facts,
    );
  }
  const i = parts.findIndex((r) => r.ok);
  if (i >= 0) return result(true, `It holds for ${ids[i]} (${what}): ${parts[i]!.detail}`, facts);
  return result(
    false,
    `It holds for none of the ${ids.length} (${what}: ${ids.join(', ')}): ${parts.map((r) => r.detail).join(' ')}`,
    facts,
  );
}

/** How far outside a place a membership check found the object (0 in it; Infinity when not measured). */
function outsideOf(r: Measured): number {
  const f = r.facts;
  if (f.kind === 'inRegion' || f.kind === 'inZone') return f.outside;
  if (f.kind === 'inside') return f.outside === null ? Number.POSITIVE_INFINITY : Math.max(f.outside, 0);
  return Number.POSITIVE_INFINITY;
}

function evalDistinct(view: WorldView, sel: Selector, among: string[], env: Bindings): Measured {
  const ids = selectIds(sel, view, env);
  const zones = new Set(view.scene.zones.map((z) => z.id));
  const objects = new Set(view.scene.objects.map((o) => o.id));
  for (const place of among) {
    if (!isTableRegionName(place) && !zones.has(place) && !objects.has(place)) {
      const known = [...TABLE_REGION_NAMES, ...zones, ...view.scene.objects.filter(isContainer).map((o) => o.id)];
      throw new UnknownIdError(`There is no place named "${place}" (table regions, zones and containers: ${known.join(', ')}).`, {
        kind: 'unknown-id',
        id: place,
        what: 'place',
        known,
      });
    }
  }
  const membership = (id: string, place: string): Measured =>
    isTableRegionName(place) ? evalInRegion(view, id, place) : zones.has(place) ? evalInZone(view, id, place) : evalInside(view, id, place);
  const noun = among.every((p) => p.endsWith('_corner')) ? 'corner' : among.every((p) => p.endsWith('_side')) ? 'side' : 'place';
  const owner = new Map<string, string>();
  const places: (string | null)[] = [];
  const parts: PredicateResult[] = [];
  for (const id of ids) {
    const checks = among.map((place) => membership(id, place));
    const i = checks.findIndex((r) => r.ok);
    if (i < 0) {
      let near = 0;
      for (let j = 1; j < checks.length; j++) if (outsideOf(checks[j]!) < outsideOf(checks[near]!)) near = j;
      places.push(null);
      parts.push(result(false, `${id} is in no ${noun} of ${among.join(', ')}; the nearest: ${checks[near]!.detail}`, checks[near]!.facts));
      continue;
    }
    const place = among[i]!;
    places.push(place);
    const first = owner.get(place);
    if (first !== undefined) {
      parts.push(result(false, `${id} is not in a ${noun} of its own: it shares ${place} with ${first}.`, checks[i]!.facts));
      continue;
    }
    owner.set(place, id);
    parts.push(checks[i]!);
  }
  const failing = ids.filter((_, i) => !parts[i]!.ok);
  const facts: FactsOf<'distinct'> = { kind: 'distinct', ids, among: [...among], places, parts, failing };
  const what = describeSelector(sel);
  if (ids.length === 0) return result(false, `No ${what} is in the scene at the start, so "distinct" has nothing to place.`, facts);
  if (failing.length) {
    return result(
      false,
      `Not every ${what} is in a ${noun} of its own: ${parts
        .filter((r) => !r.ok)
        .map((r) => r.detail)
        .join(' ')}`,
      facts,
    );
  }
  return result(true, `Each ${what} is in a ${noun} of its own: ${ids.map((id, i) => `${id} in ${places[i]}`).join(', ')}.`, facts);
}

/** The objects an arrangement names: its ids resolved, or what its selector picks (with `axis`: by their centres along it). */
function membersOf(m: { ids?: ObjRef[]; select?: Selector }, view: WorldView, env: Bindings, axis?: 'x' | 'y'): string[] {
  if (m.ids) return m.ids.map((r) => resolveRef(r, view, env));
  const ids = selectIds(m.select!, view, env);
  if (axis === undefined) return ids;
  const k = axis === 'x' ? 0 : 1;
  return ids.sort((a, b) => lookup(view, a).pose.position[k]! - lookup(view, b).pose.position[k]!);
}

/** A selection with fewer objects than an arrangement needs. */
function tooFew(kind: string, m: { select?: Selector }, ids: string[], min: number): Measured | null {
  if (ids.length >= min || !m.select) return null;
  const what = describeSelector(m.select);
  return result(false, `A ${kind} needs ${min} or more objects; the selection (${what}) picks ${ids.length ? ids.join(', ') : 'none'}.`, {
    kind: 'referent',
    ref: `the ${what}`,
    reason: 'too-few',
    candidates: ids,
  });
}

function evalInner(p: Predicate, view: WorldView, env: Bindings): Measured {
  const ref = (r: ObjRef): string => resolveRef(r, view, env);
  if ('grasped' in p) {
    const id = ref(p.grasped);
    lookup(view, id);
    const h = view.state.gripper.holding;
    const facts: FactsOf<'grasped'> = { kind: 'grasped', object: id, holding: h };
    if (h === id) return result(true, `${id} is held between the fingers.`, facts);
    return result(false, `${id} is not held: the gripper ${h ? `holds ${h}` : 'holds nothing'}.`, facts);
  }
  if ('on' in p) return evalOn(view, ref(p.on[0]), ref(p.on[1]));
  if ('inside' in p) return evalInside(view, ref(p.inside[0]), ref(p.inside[1]));
  if ('above' in p) {
    const id = ref(p.above[0]);
    const h = p.above[1];
    const bottom = lookup(view, id).min[2];
    const detail = `${id}'s bottom is ${cm(bottom)} above the table (needs at least ${cmLimit(h)}).`;
    return result(bottom >= h, detail, { kind: 'above', object: id, bottom, height: h });
  }
  if ('near' in p) {
    const t = p.near[1];
    return evalNear(view, ref(p.near[0]), Array.isArray(t) ? (t as Vec2 | Vec3) : ref(t as ObjRef), p.near[2]);
  }
  if ('upright' in p) return evalUpright(view, ref(p.upright));
  if ('onTable' in p) return evalOnTable(view, ref(p.onTable));
  if ('unmoved' in p) return evalUnmoved(view, ref(p.unmoved[0]), p.unmoved[1]);
  if ('inZone' in p) return evalInZone(view, ref(p.inZone[0]), p.inZone[1]);
  if ('inRegion' in p) return evalInRegion(view, ref(p.inRegion[0]), resolveRegion(p.inRegion[1], view, env));
  if ('offset' in p) {
    const o = p.offset;
    return evalOffset(view, ref(o.id), ref(o.from), o.direction, o.min, o.max, o.lateral ?? OFFSET_LATERAL);
  }
  if ('ordered' in p) {
    const o = p.ordered;
    const ids = membersOf(o, view, env, o.by ? undefined : o.axis);
    return tooFew('sorted order', o, ids, 2) ?? evalOrdered(view, ids, o.axis, o.by, o.descending === true);
  }
  if ('row' in p) {
    const ids = membersOf(p.row, view, env, p.row.axis);
    return tooFew('row', p.row, ids, 2) ?? evalRow(view, ids, p.row.axis);
  }
  if ('line' in p) {
    const ids = membersOf(p.line, view, env);
    return tooFew('line', p.line, ids, 2) ?? evalLine(view, ids, p.line.direction, p.line.tolerance ?? LINE_TOLERANCE);
  }
  if ('circle' in p) {
    const ids = membersOf(p.circle, view, env);
    const c = p.circle.center;
    const center = c === undefined ? undefined : Array.isArray(c) ? (c as Vec2) : ref(c as ObjRef);
    return tooFew('circle', p.circle, ids, 3) ?? evalCircle(view, ids, center);
  }
  if ('every' in p) return evalQuantified('every', p.every, view, env);
  if ('some' in p) return evalQuantified('some', p.some, view, env);
  if ('distinct' in p) return evalDistinct(view, p.distinct.select, p.distinct.among, env);
  if ('all' in p) {
    const parts = p.all.map((q) => evaluate(q, view, env));
    const failed = parts.filter((r) => !r.ok);
    if (failed.length === 0) return result(true, parts.map((r) => r.detail).join(' ') || 'No conditions to check.', { kind: 'all', parts });
    return result(false, `${failed.length} of ${parts.length} conditions fail: ${failed.map((r) => r.detail).join(' ')}`, {
      kind: 'all',
      parts,
    });
  }
  if ('any' in p) {
    const parts = p.any.map((q) => evaluate(q, view, env));
    const passed = parts.find((r) => r.ok);
    if (passed) return result(true, passed.detail, { kind: 'any', parts });
    return result(false, `None of ${parts.length} alternatives holds: ${parts.map((r) => r.detail).join(' ')}`, { kind: 'any', parts });
  }
  const inner = evaluate(p.not, view, env);
  return inner.ok
    ? result(false, `Expected the opposite of: ${inner.detail}`, { kind: 'not', parts: [inner] })
    : result(true, `As required, this does not hold: ${inner.detail}`, { kind: 'not', parts: [inner] });
}

/** Evaluates with variables bound; an unknown id or an unresolvable reference makes this predicate (only) false. */
function evaluate(p: Predicate, view: WorldView, env: Bindings): Measured {
  try {
    return evalInner(p, view, env);
  } catch (e) {
    if (e instanceof UnknownIdError || e instanceof ReferentError) return result(false, e.message, e.facts);
    throw e;
  }
}

/**
 * Evaluates a predicate on a world view, with the facts it measured; never throws for
 * unknown ids (the detail names them, the facts are `unknown-id`) nor for references
 * that pick no object or several (the facts are `referent`). `{ "the": … }` references
 * and selections are resolved on `view.initial`.
 */
export function evaluatePredicate(p: Predicate, view: WorldView): PredicateResult & { facts: PredicateFacts } {
  return evaluate(p, view, NO_BINDINGS);
}
