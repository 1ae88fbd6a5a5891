// Public surface of sim/: the only file other folders import.

export * from './types.ts';
export * from './rng.ts';
export * from './errors.ts';
export { createWorld, PHYSICS_SETTINGS, SETTLE_SECONDS } from './world.ts';
export type { CreateWorldOptions } from './world.ts';
export { evaluatePredicate, PredicateSchema, predicateObjectIds } from './predicates.ts';
export { gripperGeometry, gripperQuaternion, fingerDirection, closingAxis } from './gripper-geometry.ts';
export type { Box, GripperGeometry } from './gripper-geometry.ts';
export {
  POINT_NAMES, containerInterior, halfExtentAlong, isContainer, namedPoint, worldAABB,
} from './object-geometry.ts';
export type { ContainerInterior } from './object-geometry.ts';
export { objectParts, FLOOR_Z, BOWL_SEGMENTS } from './scene-bodies.ts';
export { buildBareRapierScene } from './bare-rapier.ts';
export type { BareScene } from './bare-rapier.ts';
export { MOTION } from './robot.ts';
export type { PhysicsWorld, BodyDesc, ShapeDesc, ColliderPart, PhysicsSnapshot } from './physics-world.ts';
