// Public surface of sim/: the only file other folders import.

export * from './types.ts';
export * from './trace.ts';
export * from './rng.ts';
export * from './errors.ts';
export * from './failure-kinds.ts';
export { createWorld, MAX_TIME_LIMIT, PHYSICS_SETTINGS, SETTLE_SECONDS, setPlanningView } from './world.ts';
export type { CreateWorldOptions } from './world.ts';
export { evaluatePredicate } from './predicates.ts';
export {
  PREDICATE_DEFINITIONS,
  PREDICATE_FORMS,
  PREDICATE_KINDS,
  PREDICATE_LIMITS,
  PredicateSchema,
  bindVariable,
  predicateObjectIds,
  predicatePlaceIds,
  predicateRefs,
  predicateZoneIds,
  REFERENCE_DEFINITION,
  SELECTOR_DEFINITION,
} from './predicate-schema.ts';
export {
  DEFAULT_VARIABLE,
  REFERENT_TIE,
  SELECTOR_FIELDS,
  SELECTOR_FILTERS,
  SELECTOR_RANKINGS,
  VOLUME_TIE,
  describeRef,
  describeSelector,
  isVariable,
  objectVolume,
  onSide,
  resolveRef,
  selectIds,
} from './selectors.ts';
export type { PredicateKind, PredicateRef } from './predicate-schema.ts';
export { closestNames, editDistance } from './closest-names.ts';
export { statedObject, statedScene, hasHiddenTruth } from './stated-scene.ts';
export { gripperGeometry, gripperQuaternion, fingerDirection, closingAxis } from './gripper-geometry.ts';
export type { Box, GripperGeometry } from './gripper-geometry.ts';
export {
  POINT_NAMES,
  containerInterior,
  defaultInnerSize,
  halfExtentAlong,
  isContainer,
  namedPoint,
  worldAABB,
} from './object-geometry.ts';
export type { ContainerInterior } from './object-geometry.ts';
export { objectParts, FLOOR_Z, BOWL_SEGMENTS } from './scene-bodies.ts';
export { buildBareRapierScene } from './bare-rapier.ts';
export { CANNON_SETTINGS, CANNON_VERSION, createCannonPhysicsWorld, loadCannon } from './cannon-world.ts';
export { GRIP } from './cannon-grip.ts';
export type { BareScene } from './bare-rapier.ts';
export {
  DEFAULT_RAPIER_BUILD,
  RAPIER_BUILDS,
  RAPIER_ENV,
  rapierBuildFromEnv,
  rapierLabel,
  selectedRapierBuild,
  useRapierBuild,
  type RapierBuild,
} from './rapier-module.ts';
export { MOTION } from './robot.ts';
export type { PlanningView } from './robot.ts';
export type { PhysicsWorld, BodyDesc, ShapeDesc, ColliderPart, PhysicsSnapshot } from './physics-world.ts';
// Helpers other folders use for geometry and messages.
export {
  IDENTITY_QUAT,
  quatAngleBetween,
  quatConjugate,
  quatFromAxisAngle,
  quatFromYaw,
  quatMul,
  quatToMatrix,
  rotate,
  slerp,
  tiltOf,
  wrapAngle,
  wrapHalfTurn,
  yawOf,
} from './pose-math.ts';
export { cm, cmLimit, deg, issueText, jsonPath, safeLabel } from './format.ts';
export {
  CIRCLE_GAP_FACTOR,
  CIRCLE_RADIUS_TOLERANCE,
  INSIDE_BOTTOM_TOLERANCE,
  LINE_AXIS_LIMIT,
  LINE_DIAGONAL_MAX,
  LINE_DIAGONAL_MIN,
  LINE_GAP_TOLERANCE,
  LINE_OVERLAP_SLACK,
  LINE_TOLERANCE,
  OFFSET_LATERAL,
  ON_EDGE_TOLERANCE,
  ON_GAP_ABOVE,
  ON_GAP_BELOW,
  ON_TABLE_GAP,
  REGION_REST_HEIGHT,
  ROW_TOLERANCE,
  UPRIGHT_LIMIT,
} from './predicates.ts';
export { FINGER_SIZE, GRIPPER_POSE_FLOATS, PALM_SIZE, writeGripperPoses } from './gripper-geometry.ts';
export {
  TABLE_REGIONS,
  TABLE_REGION_NAMES,
  REGION_BAND,
  CENTER_HALF,
  PHRASE_DISTANCES,
  inTableRegion,
  isTableRegionName,
} from './table-regions.ts';
export type { TableRegion, TableRegionName } from './table-regions.ts';
