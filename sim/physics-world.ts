// The one interface between the simulated world and a physics engine (docs/architecture.md#modules).
// Everything above this file (world building, gripper, skills, snapshots) talks to
// the engine only through `PhysicsWorld`; `rapier-world.ts` and `cannon-world.ts`
// implement it.

import type { EngineName, Quat, Vec3 } from './types.ts';

/** Collision shapes, in the body's local frame. Cylinders stand along local z. */
export type ShapeDesc =
  | { type: 'box'; halfExtents: Vec3 }
  | { type: 'cylinder'; radius: number; halfHeight: number }
  | { type: 'sphere'; radius: number };

/** One collider of a body; a body with several is a compound. */
export interface ColliderPart {
  shape: ShapeDesc;
  /** Offset from the body origin (local frame). */
  position?: Vec3;
  quaternion?: Quat;
}

export type BodyKind = 'dynamic' | 'kinematic' | 'fixed';

/** Everything needed to create a body; engine-neutral. */
export interface BodyDesc {
  /** Unique name: an object id, or 'table', 'floor', 'gripper_palm', … */
  name: string;
  kind: BodyKind;
  position: Vec3;
  quaternion?: Quat;
  parts: ColliderPart[];
  /** Total mass of a dynamic body (kg), spread over its parts by volume. */
  mass?: number;
  friction: number;
  /**
   * How this body's friction combines with another's: the engine's default is the
   * average; 'min' makes the other body's friction decide (gripper pads). When two
   * bodies disagree, the rule later in average < min < multiply < max wins.
   */
  frictionCombine?: 'average' | 'min' | 'multiply' | 'max';
  restitution?: number;
  linearDamping?: number;
  angularDamping?: number;
  /** Continuous collision detection (small or fast bodies). */
  ccd?: boolean;
  /**
   * Centre of mass in the body frame (m), for a body whose mass is not spread evenly; the
   * inertia about it stays the even spread's. Absent: the centroid of the parts.
   */
  centerOfMass?: Vec3;
  /**
   * Moves only in the horizontal plane: translation along z and tilting are locked, x, y
   * and yaw are free. For objects that cannot be lifted (ObjectSpec.fixed).
   */
  planar?: boolean;
}

/** Dense index of a body, in creation order. */
export type BodyHandle = number;

export interface PhysicsSettings {
  /** Steps per second (fixed timestep 1/hz). */
  hz: number;
  gravity: Vec3;
  /** Velocity solver iterations per step. */
  solverIterations: number;
  /** Typical object size (m); scales the engine's contact tolerances. */
  lengthUnit: number;
}

/** Number of floats per body in `PhysicsSnapshot.bodies`: position 3, quaternion 4, linvel 3, angvel 3. */
export const BODY_STATE_FLOATS = 13;

export interface PhysicsSnapshot {
  engine: EngineName;
  steps: number;
  /** BODY_STATE_FLOATS per body, in handle order. */
  bodies: Float64Array;
  /** Engine's own serialisation (contact caches, warm-start impulses, sleep state): exact restore. */
  engineState?: Uint8Array;
}

export interface Contact {
  body: BodyHandle;
  /** Signed distance between the two bodies' colliders (negative = penetration). */
  distance: number;
}

export interface PhysicsWorld {
  readonly engine: EngineName;
  /** Fixed timestep (s). */
  readonly dt: number;
  /** Steps taken since creation (restored by `restore`). */
  readonly steps: number;
  readonly bodyCount: number;

  /** Called before and after every step; keep them cheap (they run at 240 Hz). */
  beforeStep: (() => void) | null;
  afterStep: (() => void) | null;

  addBody(desc: BodyDesc): BodyHandle;
  bodyName(body: BodyHandle): string;
  findBody(name: string): BodyHandle | undefined;
  bodyKind(body: BodyHandle): BodyKind;

  /** Writes position (3) and quaternion (4) at out[offset..offset+6]; no allocation. */
  readPose(body: BodyHandle, out: Float64Array, offset?: number): void;
  /** Writes linear (3) then angular (3) velocity at out[offset..offset+5]. */
  readVelocity(body: BodyHandle, out: Float64Array, offset?: number): void;
  /** Teleports a body (and zeroes nothing: set velocities separately). */
  setPose(body: BodyHandle, position: Vec3, quaternion: Quat): void;
  setVelocity(body: BodyHandle, linear: Vec3, angular: Vec3): void;
  /** Pose a kinematic body must reach at the end of the next step (the engine derives its velocity). */
  setKinematicTarget(body: BodyHandle, px: number, py: number, pz: number, qx: number, qy: number, qz: number, qw: number): void;

  /** One fixed step: beforeStep, integrate, afterStep. */
  step(): void;

  /** Bodies whose colliders are within maxDistance of `body`'s, with signed distances, closest first. Queried on demand. */
  contacts(body: BodyHandle, maxDistance: number): Contact[];
  /** Signed distance between two bodies' colliders, or null when farther apart than maxDistance. */
  distance(a: BodyHandle, b: BodyHandle, maxDistance: number): number | null;

  /**
   * Optional: the gripper's bodies, registered once by the robot. An engine whose friction
   * cannot carry a squeezed object (cannon-es) holds one by a contact-conditioned,
   * friction-limited constraint between them (cannon-grip.ts); Rapier holds by friction
   * and does not implement it. Holding and slipping are detected by robot.ts either way.
   */
  setGripper?(palm: BodyHandle, fingers: [BodyHandle, BodyHandle]): void;

  snapshot(withEngineState?: boolean): PhysicsSnapshot;
  /** Exact when the snapshot has engineState from the same engine; otherwise poses and velocities only. */
  restore(snapshot: PhysicsSnapshot): void;
  free(): void;
}
