// Table geometry for placement targets: footprints, clearance from other objects, free
// spots, the workspace bounds (docs/architecture.md#world-conventions). Pure functions over plain positions so the
// planner can track where objects will be after each step.

import type { ObjectInfo, Shape, Vec2 } from '../../../sim/index.ts';

/** Reachable workspace of the TCP (docs/architecture.md#world-conventions). */
export const WORKSPACE = { min: [-0.45, -0.35] as Vec2, max: [0.45, 0.35] as Vec2 };
/**
 * Where the planner puts object centres: inset from the workspace so a push can start
 * behind an object and the fingers can open around it.
 */
export const PLACE_REGION = { min: [-0.38, -0.28] as Vec2, max: [0.38, 0.28] as Vec2 };
/**
 * Where a place may put an object's centre when the instruction asks for the edge of the
 * table (a corner, a side, "a lot to the left of X"): the workspace less a few centimetres,
 * so the gripper still reaches it with room to open.
 */
export const REACH_REGION = { min: [-0.43, -0.33] as Vec2, max: [0.43, 0.33] as Vec2 };
/** Room kept between a placed object and its neighbours for the open fingers (m). */
export const FINGER_ROOM = 0.025;

/** A round stand-in for an object on the table. */
export interface Disc {
  id: string;
  x: number;
  y: number;
  r: number;
}

/** Radius of the circle that covers the footprint at any yaw. */
export function footprint(o: { shape: Shape; size: readonly number[] }): number {
  const [sx, sy] = o.size as [number, number];
  return o.shape === 'box' || o.shape === 'tray' ? Math.hypot(sx, sy) / 2 : Math.max(sx, sy) / 2;
}

/** Half extent of the footprint along a unit direction of the table, for the object's yaw. */
export function extentAlong(o: { shape: Shape; size: readonly number[]; yaw: number }, dir: Vec2): number {
  const [sx, sy] = o.size as [number, number];
  if (o.shape !== 'box' && o.shape !== 'tray') return Math.max(sx, sy) / 2;
  const c = Math.cos(o.yaw),
    s = Math.sin(o.yaw);
  // Local axes in world: (c, s) and (-s, c).
  return (Math.abs(dir[0] * c + dir[1] * s) * sx) / 2 + (Math.abs(-dir[0] * s + dir[1] * c) * sy) / 2;
}

export const dist2 = (a: readonly number[], b: readonly number[]): number => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);

/** Smallest gap between a disc of radius r at p and any obstacle (m; negative = overlap). */
export function clearance(p: Vec2, r: number, obstacles: readonly Disc[]): number {
  let c = Infinity;
  for (const o of obstacles) c = Math.min(c, Math.hypot(o.x - p[0], o.y - p[1]) - o.r - r);
  return c;
}

export function inRegion(p: Vec2, region: { min: Vec2; max: Vec2 } = PLACE_REGION): boolean {
  return p[0] >= region.min[0] - 1e-9 && p[0] <= region.max[0] + 1e-9 && p[1] >= region.min[1] - 1e-9 && p[1] <= region.max[1] + 1e-9;
}

export function clampTo(p: Vec2, region: { min: Vec2; max: Vec2 } = PLACE_REGION): Vec2 {
  return [Math.min(region.max[0], Math.max(region.min[0], p[0])), Math.min(region.max[1], Math.max(region.min[1], p[1]))];
}

export interface FreeSpotQuery {
  /** Radius of what goes there. */
  r: number;
  obstacles: readonly Disc[];
  /** Prefer spots close to this point… */
  near?: Vec2;
  /** …by this much score per metre (default 0.1). */
  nearWeight?: number;
  /** Clearance beyond which more room earns nothing (default 0.06). */
  enough?: number;
  /** Search area (default PLACE_REGION). */
  region?: { min: Vec2; max: Vec2 };
  /** Grid step (default 0.01). */
  step?: number;
  /** Points to stay away from with their radius (spots needed later). */
  avoid?: readonly Disc[];
}

/** The grid point with the best trade-off of clearance and closeness; null if the region is empty. */
export function freeSpot(q: FreeSpotQuery): { xy: Vec2; clearance: number } | null {
  const region = q.region ?? PLACE_REGION;
  const step = q.step ?? 0.01;
  const enough = q.enough ?? 0.06;
  const w = q.nearWeight ?? 0.1;
  const all = [...q.obstacles, ...(q.avoid ?? [])];
  let best: { xy: Vec2; clearance: number } | null = null;
  let bestScore = -Infinity;
  const nx = Math.max(0, Math.floor((region.max[0] - region.min[0]) / step + 1e-9));
  const ny = Math.max(0, Math.floor((region.max[1] - region.min[1]) / step + 1e-9));
  const cx = (region.min[0] + region.max[0]) / 2,
    cy = (region.min[1] + region.max[1]) / 2;
  for (let i = 0; i <= nx; i++) {
    for (let j = 0; j <= ny; j++) {
      // When the region is narrower than a step, use its centre line.
      const x = nx === 0 ? cx : region.min[0] + i * step;
      const y = ny === 0 ? cy : region.min[1] + j * step;
      const p: Vec2 = [round(x), round(y)];
      const c = clearance(p, q.r, all);
      const score = Math.min(c, enough) - (q.near ? w * dist2(p, q.near) : 0);
      if (score > bestScore + 1e-12) {
        bestScore = score;
        best = { xy: p, clearance: c };
      }
    }
  }
  return best;
}

/** Millimetre rounding: programs read well and compare exactly. */
export function round(v: number): number {
  return Number(v.toFixed(3)) || 0;
}

export function roundVec(v: readonly number[]): Vec2 {
  return [round(v[0]!), round(v[1]!)];
}

export function discOf(o: ObjectInfo, at?: Vec2): Disc {
  return { id: o.id, x: at ? at[0] : o.position[0], y: at ? at[1] : o.position[1], r: footprint(o) };
}
