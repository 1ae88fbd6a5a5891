// SceneSpec → engine-neutral body descriptors: the table, a floor below it, and one
// body per object (containers as compounds of a floor and walls).

import type { BodyDesc, ColliderPart } from './physics-world.ts';
import { containerInterior } from './object-geometry.ts';
import type { TrayInterior } from './object-geometry.ts';
import { quatFromYaw } from './pose-math.ts';
import type { ObjectSpec, SceneSpec, Vec3 } from './types.ts';
import { TABLE } from './types.ts';

export const TABLE_BODY = 'table';
export const FLOOR_BODY = 'floor';
/** Height of the floor's top surface (m): where things that fall off the table land. */
export const FLOOR_Z = -0.75;
export const TABLE_FRICTION = 0.6;
/** Segments of the wall ring that approximates a bowl. */
export const BOWL_SEGMENTS = 16;

/**
 * Linear and angular damping (1/s) of an object that cannot be lifted (ObjectSpec.fixed).
 * Its z is locked, so the table carries none of its weight and gives no friction; this
 * damping stands in for that friction, so a pushed fixed object stops within a few
 * millimetres of where the pusher leaves it instead of gliding on.
 */
export const PLANAR_DAMPING = 30;

export function tableBody(): BodyDesc {
  const [sx, sy] = TABLE.size;
  const t = TABLE.thickness;
  return {
    name: TABLE_BODY,
    kind: 'fixed',
    position: [0, 0, -t / 2],
    friction: TABLE_FRICTION,
    parts: [{ shape: { type: 'box', halfExtents: [sx / 2, sy / 2, t / 2] } }],
  };
}

export function floorBody(): BodyDesc {
  return {
    name: FLOOR_BODY,
    kind: 'fixed',
    position: [0, 0, FLOOR_Z - 0.05],
    friction: TABLE_FRICTION,
    parts: [{ shape: { type: 'box', halfExtents: [3, 3, 0.05] } }],
  };
}

/** Collider parts of an object in its body frame (origin = bounding-box centre). */
export function objectParts(spec: ObjectSpec): ColliderPart[] {
  const [sx, sy, sz] = spec.size;
  switch (spec.shape) {
    case 'box':
      return [{ shape: { type: 'box', halfExtents: [sx / 2, sy / 2, sz / 2] } }];
    case 'cylinder':
      return [{ shape: { type: 'cylinder', radius: sx / 2, halfHeight: sz / 2 } }];
    case 'sphere':
      return [{ shape: { type: 'sphere', radius: sx / 2 } }];
    case 'bowl': {
      const inner = containerInterior(spec)!;
      const r = sx / 2;
      const wallHalfHeight = (sz - inner.floor) / 2;
      const wallZ = inner.floor / 2;
      // Each segment spans its share of the outer circle so the ring has no gaps.
      const halfChord = r * Math.tan(Math.PI / BOWL_SEGMENTS);
      const parts: ColliderPart[] = [
        {
          shape: { type: 'cylinder', radius: r - inner.wall / 2, halfHeight: inner.floor / 2 },
          position: [0, 0, -sz / 2 + inner.floor / 2],
        },
      ];
      for (let k = 0; k < BOWL_SEGMENTS; k++) {
        const a = (2 * Math.PI * k) / BOWL_SEGMENTS;
        const rm = r - inner.wall / 2;
        parts.push({
          shape: { type: 'box', halfExtents: [inner.wall / 2, halfChord, wallHalfHeight] },
          position: [rm * Math.cos(a), rm * Math.sin(a), wallZ],
          quaternion: quatFromYaw(a),
        });
      }
      return parts;
    }
    case 'tray': {
      const inner = containerInterior(spec) as TrayInterior;
      // The walls at ±x are wx thick, those at ±y wy (thicker than usual with a hidden innerSize).
      const [wx, wy] = inner.walls;
      const wallHalfHeight = (sz - inner.floor) / 2;
      const wallZ = inner.floor / 2;
      return [
        { shape: { type: 'box', halfExtents: [sx / 2, sy / 2, inner.floor / 2] }, position: [0, 0, -sz / 2 + inner.floor / 2] },
        { shape: { type: 'box', halfExtents: [wx / 2, sy / 2, wallHalfHeight] }, position: [sx / 2 - wx / 2, 0, wallZ] },
        { shape: { type: 'box', halfExtents: [wx / 2, sy / 2, wallHalfHeight] }, position: [-sx / 2 + wx / 2, 0, wallZ] },
        { shape: { type: 'box', halfExtents: [sx / 2 - wx, wy / 2, wallHalfHeight] }, position: [0, sy / 2 - wy / 2, wallZ] },
        { shape: { type: 'box', halfExtents: [sx / 2 - wx, wy / 2, wallHalfHeight] }, position: [0, -sy / 2 + wy / 2, wallZ] },
      ];
    }
  }
}

export function objectBody(spec: ObjectSpec): BodyDesc {
  const smallest = Math.min(...spec.size);
  return {
    name: spec.id,
    kind: 'dynamic',
    position: [spec.position[0], spec.position[1], spec.position[2]],
    quaternion: quatFromYaw(spec.yaw),
    parts: objectParts(spec),
    mass: spec.mass,
    friction: spec.friction,
    // Stands in for rolling resistance, which the engines lack: a pushed ball stops.
    angularDamping: spec.fixed ? PLANAR_DAMPING : spec.shape === 'sphere' ? 4 : 0.1,
    ...(spec.fixed ? { linearDamping: PLANAR_DAMPING } : {}),
    ccd: smallest < 0.03,
    // Hidden truth (docs: sim/README.md#hidden-truth): an off-centre mass; an object that cannot be lifted.
    ...(spec.comOffset ? { centerOfMass: [...spec.comOffset] as Vec3 } : {}),
    ...(spec.fixed ? { planar: true } : {}),
  };
}

/** Bodies of the static environment and of every object, in a fixed order. */
export function sceneBodies(scene: SceneSpec): BodyDesc[] {
  return [tableBody(), floorBody(), ...scene.objects.map(objectBody)];
}
