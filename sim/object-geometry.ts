// Geometry of scene objects as pure functions of (spec, pose): extents, world boxes,
// named points (docs/architecture.md#world-conventions), container interiors. Used by the world's queries, the
// skills and the predicates, so they all agree on what "top" or "inside" means.

import { quatToMatrix, rotate } from './pose-math.ts';
import type { ObjectSpec, PointName, Pose, Vec2, Vec3 } from './types.ts';

export const POINT_NAMES: readonly PointName[] = ['center', 'top', 'bottom', 'left', 'right', 'front', 'back', 'inside'];

export interface BowlInterior {
  kind: 'bowl';
  wall: number;
  floor: number;
  innerRadius: number;
}
export interface TrayInterior {
  kind: 'tray';
  wall: number;
  floor: number;
  innerHalf: Vec2;
}
export type ContainerInterior = BowlInterior | TrayInterior;

export function isContainer(spec: ObjectSpec): boolean {
  return spec.shape === 'bowl' || spec.shape === 'tray';
}

/** Wall and floor thickness and the usable interior of a bowl or tray; null for other shapes. */
export function containerInterior(spec: ObjectSpec): ContainerInterior | null {
  const [sx, sy, sz] = spec.size;
  const floor = Math.min(0.01, Math.max(0.004, sz * 0.15));
  if (spec.shape === 'bowl') {
    const wall = Math.min(0.01, Math.max(0.004, sx * 0.05));
    return { kind: 'bowl', wall, floor, innerRadius: sx / 2 - wall };
  }
  if (spec.shape === 'tray') {
    const wall = Math.min(0.01, Math.max(0.004, Math.min(sx, sy) * 0.04));
    return { kind: 'tray', wall, floor, innerHalf: [sx / 2 - wall, sy / 2 - wall] };
  }
  return null;
}

function isRound(spec: ObjectSpec): boolean {
  return spec.shape === 'cylinder' || spec.shape === 'bowl';
}

/**
 * Half of the object's extent along a world unit direction (its support width), for
 * its current orientation: how far it reaches from its centre along ±dir.
 */
export function halfExtentAlong(spec: ObjectSpec, quaternion: Pose['quaternion'], dir: Vec3): number {
  const [hx, hy, hz] = [spec.size[0] / 2, spec.size[1] / 2, spec.size[2] / 2];
  if (spec.shape === 'sphere') return hx;
  const m = quatToMatrix(quaternion);
  // Local axes in world frame are the matrix columns.
  const dx = dir[0] * m[0]! + dir[1] * m[3]! + dir[2] * m[6]!;
  const dy = dir[0] * m[1]! + dir[1] * m[4]! + dir[2] * m[7]!;
  const dz = dir[0] * m[2]! + dir[1] * m[5]! + dir[2] * m[8]!;
  if (isRound(spec)) {
    return Math.abs(dz) * hz + hx * Math.sqrt(Math.max(0, 1 - dz * dz));
  }
  return Math.abs(dx) * hx + Math.abs(dy) * hy + Math.abs(dz) * hz;
}

/** World axis-aligned bounding box of the object's rotated shape. */
export function worldAABB(spec: ObjectSpec, pose: Pose): { min: Vec3; max: Vec3 } {
  const ex = halfExtentAlong(spec, pose.quaternion, [1, 0, 0]);
  const ey = halfExtentAlong(spec, pose.quaternion, [0, 1, 0]);
  const ez = halfExtentAlong(spec, pose.quaternion, [0, 0, 1]);
  const [x, y, z] = pose.position;
  return { min: [x - ex, y - ey, z - ez], max: [x + ex, y + ey, z + ez] };
}

/** A point given in the object's local frame, in world frame. */
export function localToWorld(pose: Pose, local: Vec3): Vec3 {
  const r = rotate(pose.quaternion, local);
  return [pose.position[0] + r[0], pose.position[1] + r[1], pose.position[2] + r[2]];
}

/** World point expressed in the object's local frame. */
export function worldToLocal(pose: Pose, world: Vec3): Vec3 {
  const [x, y, z, w] = pose.quaternion;
  return rotate([-x, -y, -z, w], [world[0] - pose.position[0], world[1] - pose.position[1], world[2] - pose.position[2]]);
}

/** Height of the container floor's top surface above the container's bottom. */
export function insideHeight(spec: ObjectSpec): number {
  return containerInterior(spec)?.floor ?? 0;
}

/**
 * Named point in world frame. Face points are the centres of the faces of the object's
 * world bounding box; `inside` (containers only) is 1 cm above the top of the floor.
 * Returns null for `inside` of a non-container.
 */
export function namedPoint(spec: ObjectSpec, pose: Pose, name: PointName): Vec3 | null {
  const c = pose.position;
  const { min, max } = worldAABB(spec, pose);
  switch (name) {
    case 'center':
      return [c[0], c[1], c[2]];
    case 'top':
      return [c[0], c[1], max[2]];
    case 'bottom':
      return [c[0], c[1], min[2]];
    case 'left':
      return [min[0], c[1], c[2]];
    case 'right':
      return [max[0], c[1], c[2]];
    case 'front':
      return [c[0], min[1], c[2]];
    case 'back':
      return [c[0], max[1], c[2]];
    case 'inside': {
      const inner = containerInterior(spec);
      if (!inner) return null;
      return localToWorld(pose, [0, 0, -spec.size[2] / 2 + inner.floor + 0.01]);
    }
  }
}

/** The object's local z axis in world frame (for uprightness). */
export function upAxis(pose: Pose): Vec3 {
  return rotate(pose.quaternion, [0, 0, 1]);
}
