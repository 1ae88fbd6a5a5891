// Geometry of scene objects as pure functions of (spec, pose): extents, world boxes,
// named points (docs/architecture.md#world-conventions), container interiors. Used by the world's queries, the
// skills and the predicates, so they all agree on what "top" or "inside" means.

import { quatToMatrix, rotate } from './pose-math.ts';
import type { ObjectSpec, PointName, Pose, Vec2, Vec3 } from './types.ts';

export const POINT_NAMES: readonly PointName[] = ['center', 'top', 'bottom', 'left', 'right', 'front', 'back', 'inside'];

export interface BowlInterior {
  kind: 'bowl';
  /** Wall thickness (m). */
  wall: number;
  /** Floor thickness (m). */
  floor: number;
  innerRadius: number;
}
export interface TrayInterior {
  kind: 'tray';
  /** The thinner wall's thickness (m). */
  wall: number;
  /** Thickness of the walls across x (the two at ±x) and across y (the two at ±y) (m). */
  walls: Vec2;
  floor: number;
  innerHalf: Vec2;
}
export type ContainerInterior = BowlInterior | TrayInterior;

export function isContainer(spec: Pick<ObjectSpec, 'shape'>): boolean {
  return spec.shape === 'bowl' || spec.shape === 'tray';
}

/** Wall thickness of a bowl or tray built to its size, without a hidden `innerSize` (m). */
function defaultWall(shape: 'bowl' | 'tray', size: Vec3): number {
  return shape === 'bowl'
    ? Math.min(0.01, Math.max(0.004, size[0] * 0.05))
    : Math.min(0.01, Math.max(0.004, Math.min(size[0], size[1]) * 0.04));
}

/**
 * Wall and floor thickness and the usable interior of a bowl or tray; null for other
 * shapes. A hidden `innerSize` (the true usable inside, smaller than the size gives) makes
 * the walls thicker: the walls the world builds, the renderer draws and `inside` measures
 * all come from here, so they agree.
 */
export function containerInterior(spec: Pick<ObjectSpec, 'shape' | 'size' | 'innerSize'>): ContainerInterior | null {
  const [sx, sy, sz] = spec.size;
  const floor = Math.min(0.01, Math.max(0.004, sz * 0.15));
  if (spec.shape === 'bowl') {
    const wall = spec.innerSize ? (sx - spec.innerSize[0]) / 2 : defaultWall('bowl', spec.size);
    return { kind: 'bowl', wall, floor, innerRadius: sx / 2 - wall };
  }
  if (spec.shape === 'tray') {
    const d = defaultWall('tray', spec.size);
    const walls: Vec2 = spec.innerSize ? [(sx - spec.innerSize[0]) / 2, (sy - spec.innerSize[1]) / 2] : [d, d];
    return { kind: 'tray', wall: Math.min(walls[0], walls[1]), walls, floor, innerHalf: [sx / 2 - walls[0], sy / 2 - walls[1]] };
  }
  return null;
}

/** The usable inside [x, y] (m) of a bowl or tray of this size as built without a hidden `innerSize`; null for other shapes. */
export function defaultInnerSize(shape: ObjectSpec['shape'], size: Vec3): Vec2 | null {
  if (shape !== 'bowl' && shape !== 'tray') return null;
  const w = defaultWall(shape, size);
  return [size[0] - 2 * w, size[1] - 2 * w];
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
export function insideHeight(spec: Pick<ObjectSpec, 'shape' | 'size' | 'innerSize'>): number {
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
