// Estimating a world Snapshot from rendered id masks and depth images only: every pixel
// of an object is unprojected to a 3D surface point; from the points of all views we get
// the object's footprint (minimum-area rectangle of their xy), its top (highest point),
// which face is up (footprint and visible height against the known size) and its yaw.
// The gripper comes from proprioception (the trace), `holding` from where the object
// sits between the fingers. The pixel monitor then runs the same predicates on it.

import {
  closingAxis,
  FLOOR_Z,
  GRIPPER,
  gripperQuaternion,
  halfExtentAlong,
  isContainer,
  quatConjugate,
  quatFromAxisAngle,
  quatFromYaw,
  quatMul,
  rotate,
} from '../sim/index.ts';
import type { GripperState, ObjectSpec, Quat, SceneSpec, Snapshot, Vec3 } from '../sim/index.ts';
import { unprojectPixel } from './render/camera-views.ts';
import type { ViewName } from './render/camera-views.ts';
import type { ViewImages } from './render/headless-renderer.ts';

/** What the images say about one object. */
export interface ObjectObservation {
  id: string;
  /** Pixels of the object per view. */
  pixels: Partial<Record<ViewName, number>>;
  visible: boolean;
  /** Highest and lowest visible surface points (m). */
  top: number;
  lowestVisible: number;
  /** Footprint: centre, side lengths (long, short) and angle of the long side (rad). */
  footprint: { center: [number, number]; long: number; short: number; angle: number } | null;
  /** Which local axis points up in the chosen hypothesis. */
  upAxis: 'z' | 'x' | 'y' | 'any';
  position: Vec3;
  quaternion: Quat;
}

export interface PixelEstimate {
  snapshot: Snapshot;
  observations: Map<string, ObjectObservation>;
}

interface PointCloud {
  xs: number[];
  ys: number[];
  zs: number[];
  perView: Partial<Record<ViewName, number>>;
}

/** Unprojects every object pixel of every view into world points, grouped by object id. */
export function objectPointClouds(scene: SceneSpec, views: ViewImages, stride = 1): Map<string, PointCloud> {
  const clouds = new Map<string, PointCloud>();
  for (const o of scene.objects) clouds.set(o.id, { xs: [], ys: [], zs: [], perView: {} });
  const p: Vec3 = [0, 0, 0];
  for (const [viewName, v] of Object.entries(views) as [ViewName, NonNullable<ViewImages[ViewName]>][]) {
    if (!v.ids || !v.depth) continue;
    const byIndex: (PointCloud | undefined)[] = v.idLegend.map((name) => clouds.get(name));
    const counts = new Map<PointCloud, number>();
    const { width, height, ids, depth } = v;
    for (let row = 0; row < height; row += stride) {
      for (let col = 0, i = row * width; col < width; col += stride, i += stride) {
        const cloud = byIndex[ids[i]!];
        if (!cloud) continue;
        const d = depth[i]!;
        if (!Number.isFinite(d)) continue;
        unprojectPixel(v.camera, col, row, d, p);
        cloud.xs.push(p[0]);
        cloud.ys.push(p[1]);
        cloud.zs.push(p[2]);
        counts.set(cloud, (counts.get(cloud) ?? 0) + 1);
      }
    }
    for (const [cloud, n] of counts) cloud.perView[viewName] = n;
  }
  return clouds;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

/** Convex hull (Andrew's monotone chain) of 2D points. */
function convexHull(pts: [number, number][]): [number, number][] {
  const p = pts.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o: [number, number], a: [number, number], b: [number, number]): number =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: [number, number][] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0) upper.pop();
    upper.push(q);
  }
  upper.pop();
  lower.pop();
  return lower.concat(upper);
}

/** Minimum-area enclosing rectangle of a point set (rotating the hull's edge directions). */
export function minAreaRect(pts: [number, number][]): { center: [number, number]; long: number; short: number; angle: number } | null {
  const hull = convexHull(pts);
  if (hull.length === 0) return null;
  if (hull.length < 3) {
    const [a, b] = [hull[0]!, hull[hull.length - 1]!];
    return {
      center: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2],
      long: Math.hypot(b[0] - a[0], b[1] - a[1]),
      short: 0,
      angle: Math.atan2(b[1] - a[1], b[0] - a[0]),
    };
  }
  let best: { area: number; angle: number; minU: number; maxU: number; minV: number; maxV: number } | null = null;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!,
      b = hull[(i + 1) % hull.length]!;
    const angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
    const c = Math.cos(angle),
      s = Math.sin(angle);
    let minU = Infinity,
      maxU = -Infinity,
      minV = Infinity,
      maxV = -Infinity;
    for (const q of hull) {
      const u = q[0] * c + q[1] * s,
        v = -q[0] * s + q[1] * c;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (!best || area < best.area) best = { area, angle, minU, maxU, minV, maxV };
  }
  const b = best!;
  const cu = (b.minU + b.maxU) / 2,
    cv = (b.minV + b.maxV) / 2;
  const c = Math.cos(b.angle),
    s = Math.sin(b.angle);
  const center: [number, number] = [cu * c - cv * s, cu * s + cv * c];
  const du = b.maxU - b.minU,
    dv = b.maxV - b.minV;
  return du >= dv ? { center, long: du, short: dv, angle: b.angle } : { center, long: dv, short: du, angle: b.angle + Math.PI / 2 };
}

const X_UP: Quat = quatFromAxisAngle(0, 1, 0, -Math.PI / 2); // local x → world z
const Y_UP: Quat = quatFromAxisAngle(1, 0, 0, Math.PI / 2); // local y → world z

interface Hypothesis {
  up: 'z' | 'x' | 'y';
  base: Quat;
  vertical: number /** local axes lying flat, with their sizes */;
  flat: [Vec3, number][];
}

function hypotheses(spec: ObjectSpec): Hypothesis[] {
  const [sx, sy, sz] = spec.size;
  const up: Hypothesis = {
    up: 'z',
    base: [0, 0, 0, 1],
    vertical: sz,
    flat: [
      [[1, 0, 0], sx],
      [[0, 1, 0], sy],
    ],
  };
  if (spec.shape === 'box') {
    return [
      up,
      {
        up: 'x',
        base: X_UP,
        vertical: sx,
        flat: [
          [[0, 1, 0], sy],
          [[0, 0, 1], sz],
        ],
      },
      {
        up: 'y',
        base: Y_UP,
        vertical: sy,
        flat: [
          [[1, 0, 0], sx],
          [[0, 0, 1], sz],
        ],
      },
    ];
  }
  if (spec.shape === 'cylinder') {
    // Lying on its side: the axis is horizontal (along the footprint's long side).
    return [
      up,
      {
        up: 'x',
        base: X_UP,
        vertical: sx,
        flat: [
          [[0, 1, 0], sy],
          [[0, 0, 1], sz],
        ],
      },
    ];
  }
  return [up];
}

const UPRIGHT_BIAS = 0.004;

/** Chooses the pose hypothesis that best explains an object's points. */
function fitPose(spec: ObjectSpec, cloud: PointCloud): ObjectObservation {
  const n = cloud.zs.length;
  const zs = Float64Array.from(cloud.zs).sort();
  const top = quantile(zs, 0.995);
  const lowestVisible = quantile(zs, 0.005);
  // Footprint from a subsample of the points' xy.
  const step = Math.max(1, Math.floor(n / 4000));
  const pts: [number, number][] = [];
  for (let i = 0; i < n; i += step) pts.push([cloud.xs[i]!, cloud.ys[i]!]);
  const fp = minAreaRect(pts);
  const base: ObjectObservation = {
    id: spec.id,
    pixels: cloud.perView,
    visible: true,
    top,
    lowestVisible,
    footprint: fp,
    upAxis: 'z',
    position: [fp?.center[0] ?? 0, fp?.center[1] ?? 0, top - spec.size[2] / 2],
    quaternion: [0, 0, 0, 1],
  };
  if (!fp) return base;
  if (spec.shape === 'sphere' || spec.shape === 'bowl') {
    base.upAxis = spec.shape === 'sphere' ? 'any' : 'z';
    base.position = [fp.center[0], fp.center[1], top - spec.size[2] / 2];
    return base;
  }
  const visibleHeight = top - lowestVisible;
  let best: { err: number; h: Hypothesis; yaw: number } | null = null;
  for (const h of hypotheses(spec)) {
    const [[a1, s1], [a2, s2]] = h.flat as [[Vec3, number], [Vec3, number]];
    // Which horizontal local axis lies along the footprint's long side?
    const options: [Vec3, number][] =
      s1 >= s2
        ? [
            [a1, s1],
            [a2, s2],
          ]
        : [
            [a2, s2],
            [a1, s1],
          ];
    let err = Math.abs(fp.long - options[0]![1]) + Math.abs(fp.short - options[1]![1]);
    // The visible height cannot exceed the true vertical extent (a little slack for noise).
    err += Math.max(0, visibleHeight - h.vertical - 0.004) * 2;
    if (h.up !== 'z') err += UPRIGHT_BIAS;
    const longAxisWorld = rotate(h.base, options[0]![0]);
    const yaw = fp.angle - Math.atan2(longAxisWorld[1], longAxisWorld[0]);
    if (!best || err < best.err) best = { err, h, yaw };
  }
  const b = best!;
  const round = spec.shape === 'cylinder' && b.h.up === 'z';
  base.upAxis = b.h.up;
  base.quaternion = round ? [0, 0, 0, 1] : quatMul(quatFromYaw(b.yaw), b.h.base);
  base.position = [fp.center[0], fp.center[1], top - b.h.vertical / 2];
  return base;
}

/** Fingers squeeze past first contact and release to a wider opening: tolerances on the opening (m). */
const HOLD_NARROWER = 0.012;
const HOLD_WIDER = 0.006;

/**
 * Whether the gripper (proprioception: pose and opening) holds the object seen at `obs`:
 * the fingers are closed to about the object's width across them, and its centre lies
 * between them.
 */
export function heldBetweenFingers(g: GripperState, spec: ObjectSpec, obs: ObjectObservation): boolean {
  if (!obs.visible || isContainer(spec)) return false;
  if (g.width > GRIPPER.maxOpening - 0.004) return false;
  const across = 2 * halfExtentAlong(spec, obs.quaternion, closingAxis(g.yaw));
  if (g.width < across - HOLD_NARROWER || g.width > across + HOLD_WIDER) return false;
  const c = obs.position;
  const d: Vec3 = [c[0] - g.position[0], c[1] - g.position[1], c[2] - g.position[2]];
  // Into the gripper frame: closing axis x, depth y, from the fingertips toward the palm +z.
  const local = rotate(quatConjugate(gripperQuaternion(g.yaw, g.approach)), d);
  return (
    Math.abs(local[0]) <= 0.012 &&
    Math.abs(local[1]) <= GRIPPER.fingerDepth / 2 + 0.015 &&
    local[2] >= -0.03 &&
    local[2] <= GRIPPER.fingerLength + 0.01
  );
}

/**
 * A Snapshot estimated from one checkpoint's images. `previous` supplies the pose of an
 * object no view shows (it is then assumed to have left the table if it was on it).
 */
export function estimateSnapshot(
  scene: SceneSpec,
  views: ViewImages,
  gripper: GripperState,
  previous: Snapshot,
  meta: { t: number; step: number },
): PixelEstimate {
  const clouds = objectPointClouds(scene, views);
  const observations = new Map<string, ObjectObservation>();
  const objects: Snapshot['objects'] = {};
  for (const spec of scene.objects) {
    const cloud = clouds.get(spec.id)!;
    let obs: ObjectObservation;
    if (cloud.zs.length < 4) {
      const prev = previous.objects[spec.id];
      const p: Vec3 = prev ? [...prev.position] : [...spec.position];
      // Seen by no camera: fell out of view (the cameras cover the whole table top).
      p[2] = FLOOR_Z + spec.size[2] / 2;
      obs = {
        id: spec.id,
        pixels: cloud.perView,
        visible: false,
        top: NaN,
        lowestVisible: NaN,
        footprint: null,
        upAxis: 'z',
        position: p,
        quaternion: prev ? [...prev.quaternion] : [0, 0, 0, 1],
      };
    } else {
      obs = fitPose(spec, cloud);
    }
    observations.set(spec.id, obs);
    objects[spec.id] = { position: obs.position, quaternion: obs.quaternion, linvel: [0, 0, 0], angvel: [0, 0, 0] };
  }
  // Holding: the object between the closed fingers (nearest to the TCP if several).
  let holding: string | null = null;
  let bestD = Infinity;
  for (const spec of scene.objects) {
    const obs = observations.get(spec.id)!;
    if (!heldBetweenFingers(gripper, spec, obs)) continue;
    const d = Math.hypot(
      obs.position[0] - gripper.position[0],
      obs.position[1] - gripper.position[1],
      obs.position[2] - gripper.position[2],
    );
    if (d < bestD) {
      bestD = d;
      holding = spec.id;
    }
  }
  return {
    snapshot: { t: meta.t, step: meta.step, objects, gripper: { ...gripper, holding } },
    observations,
  };
}
