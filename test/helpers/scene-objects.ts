// One builder for the objects of hand-made test scenes (the sim, rule-programmer and
// monitor fixtures). It returns an ObjectSpec; what getObjects() reports (ObjectInfo) is a
// subset of it — objectInfo() drops the physics fields for scenes that need no physics.

import type { ColorName, ObjectInfo, ObjectSpec, Shape, Vec3 } from '../../sim/index.ts';

export interface SceneObjectOptions {
  /** Table position of the object's centre, [x, y] (m). Default [0, 0]. */
  at?: readonly [number, number];
  /** Height of the centre (m). Default: half the height, i.e. resting on the table. */
  z?: number;
  /** Default 'red'. */
  color?: ColorName;
  /** Rotation about z (rad). Default 0. */
  yaw?: number;
  /** kg. Default 0.1. */
  mass?: number;
  /** Default 0.8. */
  friction?: number;
}

/**
 * Full extents from a size or its shorthand: a number `s` is a cube of side s, a sphere or
 * cylinder of diameter and height s, a bowl s wide and 6 cm high, a tray s × 0.7 s, 3 cm high.
 */
export function objectSize(shape: Shape, size: number | Vec3): Vec3 {
  if (typeof size !== 'number') return [...size];
  if (shape === 'bowl') return [size, size, 0.06];
  if (shape === 'tray') return [size, size * 0.7, 0.03];
  return [size, size, size];
}

/** An object of a hand-made scene; see SceneObjectOptions for the defaults. */
export function sceneObject(id: string, shape: Shape, size: number | Vec3, opts: SceneObjectOptions = {}): ObjectSpec {
  const s = objectSize(shape, size);
  const [x, y] = opts.at ?? [0, 0];
  return {
    id,
    shape,
    color: opts.color ?? 'red',
    size: s,
    mass: opts.mass ?? 0.1,
    friction: opts.friction ?? 0.8,
    position: [x, y, opts.z ?? s[2] / 2],
    yaw: opts.yaw ?? 0,
  };
}

/** The object as getObjects() reports it: the spec without mass and friction. */
export function objectInfo(o: ObjectSpec): ObjectInfo {
  return { id: o.id, shape: o.shape, color: o.color, size: [...o.size], position: [...o.position], yaw: o.yaw };
}
