// The floating gripper and its controller: three kinematic bodies moved along
// straight, speed-limited paths; fingers that close until contact and squeeze; grasp
// detection from contacts; slip and collision monitoring while moving; the step loop
// with the time budget. Skills (skills.ts) are sequences of these motions.

import { CollisionError, GraspError, TimeoutError } from './errors.ts';
import { cm, pos } from './format.ts';
import { FINGER_SIZE, GRIPPER_POSE_FLOATS, PALM_SIZE, gripperLowestZ, gripperQuaternion, writeGripperPoses } from './gripper-geometry.ts';
import { halfExtentAlong, worldAABB } from './object-geometry.ts';
import type { BodyDesc, BodyHandle, PhysicsWorld } from './physics-world.ts';
import { quatAngleBetween, rotateInto, slerp, wrapAngle, yawOf } from './pose-math.ts';
import { FLOOR_BODY, TABLE_BODY } from './scene-bodies.ts';
import type { Approach, ObjectSpec, Pose, Quat, SceneSpec, Vec3 } from './types.ts';
import { GRIPPER, TABLE } from './types.ts';

/** Motion limits and grasp tuning. */
export const MOTION = {
  /** Default translation speed limit (m/s). */
  speed: 0.4,
  /** Acceleration (m/s²) with an empty hand, and gentler while holding (less slip). */
  accel: 4.0,
  holdingAccel: 2.0,
  /** Rotation limits (rad/s, rad/s²). */
  angularSpeed: 2.5,
  angularAccel: 10,
  /** Highest speed a program may ask for (m/s). */
  maxSpeed: 1.0,
  /** Rate at which the opening changes when opening (m/s)… */
  fingerSpeed: 0.25,
  /** …when closing onto an object… */
  closingSpeed: 0.15,
  /** …and when pressing past first contact. */
  squeezeSpeed: 0.02,
  /** How far each finger presses past first contact (m). Zero overlap holds nothing. */
  squeeze: 0.001,
  /** Distance at which a finger counts as touching an object (m). */
  touchTolerance: 0.0005,
  /** A held object that moves this far from where the fingers held it has slipped (m). */
  slipTolerance: 0.015,
  /** Steps between slip checks while holding (60 Hz at 240 Hz). */
  slipCheckEvery: 4,
  /** Table penetration that counts as driving the gripper into it (m). */
  tableTolerance: 0.001,
} as const;

export const PALM_BODY = 'gripper_palm';
export const FINGER_BODIES = ['gripper_finger_a', 'gripper_finger_b'] as const;

/** Kinematic bodies of the gripper at a state (for the world and the bare benchmark scene). */
export function gripperBodies(position: Vec3, yaw: number, approach: Approach, width: number): BodyDesc[] {
  const poses = new Float64Array(GRIPPER_POSE_FLOATS);
  writeGripperPoses(position, gripperQuaternion(yaw, approach), width, poses);
  const desc = (name: string, o: number, size: Vec3, friction: number): BodyDesc => ({
    // 'min': the object's own friction decides how well it can be held.
    name,
    kind: 'kinematic',
    friction,
    frictionCombine: 'min',
    position: [poses[o]!, poses[o + 1]!, poses[o + 2]!],
    quaternion: [poses[o + 3]!, poses[o + 4]!, poses[o + 5]!, poses[o + 6]!],
    parts: [{ shape: { type: 'box', halfExtents: [size[0] / 2, size[1] / 2, size[2] / 2] } }],
  });
  return [desc(PALM_BODY, 0, PALM_SIZE, 0.5), desc(FINGER_BODIES[0], 7, FINGER_SIZE, 1.0), desc(FINGER_BODIES[1], 14, FINGER_SIZE, 1.0)];
}

interface Hold {
  id: string;
  body: BodyHandle;
  /** Object centre in the gripper frame when the grasp was made. */
  rel: Vec3;
}

/** Options of one straight-line gripper motion (the API's moveTo options are MoveOptions in types.ts). */
export interface LinearMoveOptions {
  speed?: number;
  /** What the gripper is doing, for error messages: "lifting", "moving to [0.10, 0.00, 0.20]". */
  phase: string;
}

/** Trapezoidal velocity profile: duration and ramp for a distance. */
function trapezoid(distance: number, vmax: number, amax: number): { T: number; ramp: number; vpeak: number } {
  if (distance <= 0) return { T: 0, ramp: 0, vpeak: 0 };
  if (distance >= (vmax * vmax) / amax) {
    const ramp = vmax / amax;
    return { T: distance / vmax + ramp, ramp, vpeak: vmax };
  }
  const ramp = Math.sqrt(distance / amax);
  return { T: 2 * ramp, ramp, vpeak: amax * ramp };
}

/** Fraction of the path covered at time t of a trapezoid move of duration T. */
function trapezoidFraction(t: number, T: number, ramp: number): number {
  if (t >= T) return 1;
  // Normalised so the full move covers 1: cruise speed v = 1 / (T - ramp).
  const v = 1 / (T - ramp);
  const a = v / ramp;
  if (t < ramp) return 0.5 * a * t * t;
  if (t <= T - ramp) return 0.5 * a * ramp * ramp + v * (t - ramp);
  const r = T - t;
  return 1 - 0.5 * a * r * r;
}

/**
 * What skills plan from when perception is in the loop (policy/program/perception.ts sets
 * it): an object's pose and make-up as perceived, or null for an object perception does
 * not see. Without one, skills plan from the truth. Execution (contacts, holding, slip)
 * is always physics.
 */
export interface PlanningView {
  pose(id: string): Pose | null;
  spec(id: string): ObjectSpec | null;
}

export class Robot {
  readonly physics: PhysicsWorld;
  readonly scene: SceneSpec;
  readonly hz: number;
  readonly specs = new Map<string, ObjectSpec>();
  readonly bodies = new Map<string, BodyHandle>();
  readonly palm: BodyHandle;
  readonly fingers: [BodyHandle, BodyHandle];
  private readonly objectOfBody = new Map<BodyHandle, string>();
  private readonly table: BodyHandle;
  private readonly floor: BodyHandle;

  // Commanded gripper state (the kinematic bodies follow it exactly).
  position: Vec3 = [TABLE.home[0], TABLE.home[1], TABLE.home[2]];
  quaternion: Quat;
  yaw = 0;
  approach: Approach = 'top';
  width: number = GRIPPER.maxOpening;
  squeeze: number = MOTION.squeeze;

  /** Steps of the physics world at t = 0. */
  startSteps = 0;
  timeLimit: number | undefined;
  /** Name of the API call running, for timeout messages. */
  activity = '';
  onStep: (() => void) | null = null;
  /** What skills plan from (null: the truth); see PlanningView. */
  planning: PlanningView | null = null;
  private hold: Hold | null = null;
  /** An object that slipped: still touching the fingers, but no longer moving with them, so not held. */
  private lost: string | null = null;

  private readonly poses = new Float64Array(GRIPPER_POSE_FLOATS);
  private readonly scratch = new Float64Array(7);
  private readonly rel = [0, 0, 0];

  constructor(physics: PhysicsWorld, scene: SceneSpec) {
    this.physics = physics;
    this.scene = scene;
    this.hz = Math.round(1 / physics.dt);
    this.quaternion = gripperQuaternion(this.yaw, this.approach);
    for (const o of scene.objects) {
      const h = physics.findBody(o.id);
      if (h === undefined) throw new Error(`robot: no body for object ${o.id}`);
      this.specs.set(o.id, o);
      this.bodies.set(o.id, h);
      this.objectOfBody.set(h, o.id);
    }
    const [palm, a, b] = gripperBodies(this.position, this.yaw, this.approach, this.width).map((d) => physics.addBody(d));
    this.palm = palm!;
    this.fingers = [a!, b!];
    physics.setGripper?.(this.palm, this.fingers);
    this.table = physics.findBody(TABLE_BODY)!;
    this.floor = physics.findBody(FLOOR_BODY)!;
  }

  // ------------------------------------------------------------------ time and stepping

  get steps(): number {
    return this.physics.steps - this.startSteps;
  }

  get time(): number {
    return this.steps / this.hz;
  }

  /** One physics step, within the time budget. */
  step(): void {
    if (this.timeLimit !== undefined && (this.steps + 1) / this.hz > this.timeLimit + 1e-9) {
      throw new TimeoutError(
        `The time budget of ${this.timeLimit} s of simulated time ran out at t = ${this.time.toFixed(2)} s` +
          (this.activity ? ` during ${this.activity}.` : '.'),
      );
    }
    this.physics.step();
    if (this.onStep) this.onStep();
  }

  /** Steps for a duration; watches the held object. */
  wait(seconds: number, phase = 'waiting'): void {
    const n = Math.round(seconds * this.hz);
    for (let k = 1; k <= n; k++) {
      this.step();
      if (this.hold && k % MOTION.slipCheckEvery === 0) this.checkHold(phase);
    }
  }

  // ------------------------------------------------------------------ gripper bodies

  /** Sends the commanded pose and opening to the kinematic bodies (reached at the end of the next step). */
  private applyTargets(): void {
    writeGripperPoses(this.position, this.quaternion, this.width, this.poses);
    const p = this.poses;
    this.physics.setKinematicTarget(this.palm, p[0]!, p[1]!, p[2]!, p[3]!, p[4]!, p[5]!, p[6]!);
    this.physics.setKinematicTarget(this.fingers[0], p[7]!, p[8]!, p[9]!, p[10]!, p[11]!, p[12]!, p[13]!);
    this.physics.setKinematicTarget(this.fingers[1], p[14]!, p[15]!, p[16]!, p[17]!, p[18]!, p[19]!, p[20]!);
  }

  /** Puts the gripper bodies at the commanded state at once (restore). */
  teleport(position: Vec3, yaw: number, approach: Approach, width: number): void {
    this.position = [position[0], position[1], position[2]];
    this.yaw = yaw;
    this.approach = approach;
    this.width = width;
    this.quaternion = gripperQuaternion(yaw, approach);
    const descs = gripperBodies(this.position, yaw, approach, width);
    const handles = [this.palm, this.fingers[0], this.fingers[1]];
    descs.forEach((d, i) => {
      this.physics.setPose(handles[i]!, d.position, d.quaternion!);
    });
  }

  // ------------------------------------------------------------------ objects

  objectPose(id: string): Pose {
    this.physics.readPose(this.bodies.get(id)!, this.scratch);
    const s = this.scratch;
    return { position: [s[0]!, s[1]!, s[2]!], quaternion: [s[3]!, s[4]!, s[5]!, s[6]!] };
  }

  objectAABB(id: string): { min: Vec3; max: Vec3 } {
    return worldAABB(this.specs.get(id)!, this.objectPose(id));
  }

  /** An object as skills plan from it: perceived when a planning view is set, else the truth; null when not perceived. */
  planned(id: string): { spec: ObjectSpec; pose: Pose } | null {
    if (!this.planning) return { spec: this.specs.get(id)!, pose: this.objectPose(id) };
    const spec = this.planning.spec(id);
    const pose = this.planning.pose(id);
    return spec && pose ? { spec, pose } : null;
  }

  private isGripperBody(h: BodyHandle): boolean {
    return h === this.palm || h === this.fingers[0] || h === this.fingers[1];
  }

  /** Objects touching a finger (within the touch tolerance), nearest first. */
  private fingerTouches(finger: BodyHandle, maxDistance: number): { id: string; body: BodyHandle; distance: number }[] {
    const out: { id: string; body: BodyHandle; distance: number }[] = [];
    for (const c of this.physics.contacts(finger, maxDistance)) {
      const id = this.objectOfBody.get(c.body);
      if (id !== undefined) out.push({ id, body: c.body, distance: c.distance });
    }
    return out;
  }

  /**
   * The object both fingers touch, detected from contacts; null if none. Uses direct
   * distance queries, so it is right even just after a restore, before any step.
   */
  detectHolding(): string | null {
    const touched = this.touchedByBoth();
    return touched === this.lost ? null : touched;
  }

  private touchedByBoth(): string | null {
    const tol = MOTION.touchTolerance;
    const reach = GRIPPER.maxOpening + GRIPPER.fingerLength;
    for (const [id, body] of this.bodies) {
      this.physics.readPose(body, this.scratch);
      const s = this.scratch;
      const d = Math.hypot(s[0]! - this.position[0], s[1]! - this.position[1], s[2]! - this.position[2]);
      if (d > reach + Math.max(...this.specs.get(id)!.size)) continue;
      const a = this.physics.distance(this.fingers[0], body, tol);
      if (a === null || a > tol) continue;
      const b = this.physics.distance(this.fingers[1], body, tol);
      if (b !== null && b <= tol) return id;
    }
    return null;
  }

  get heldId(): string | null {
    return this.hold?.id ?? null;
  }

  /** Starts watching `id` as held: remembers where it sits in the gripper frame. */
  beginHold(id: string): void {
    const body = this.bodies.get(id)!;
    this.physics.readPose(body, this.scratch);
    this.hold = { id, body, rel: this.relativeToGripper(this.scratch[0]!, this.scratch[1]!, this.scratch[2]!) };
  }

  endHold(): void {
    this.hold = null;
  }

  /** Where the held object sat in the gripper frame at the grasp, if one is watched. */
  get graspOffset(): Vec3 | null {
    return this.hold ? [...this.hold.rel] : null;
  }

  /**
   * After a restore: watch the object the snapshot says is held, from the offset it was
   * grasped at; anything else touching both fingers is a lost grasp.
   */
  syncHold(holding: string | null, offset?: Vec3): void {
    this.lost = null;
    if (holding) {
      this.beginHold(holding);
      if (offset) this.hold!.rel = [offset[0], offset[1], offset[2]];
    } else {
      this.hold = null;
      this.lost = this.touchedByBoth();
    }
  }

  private relativeToGripper(x: number, y: number, z: number): Vec3 {
    const q = this.quaternion;
    rotateInto(-q[0], -q[1], -q[2], q[3], x - this.position[0], y - this.position[1], z - this.position[2], this.rel, 0);
    return [this.rel[0]!, this.rel[1]!, this.rel[2]!];
  }

  /** Throws if the held object has left the fingers (slip, knock, or pushed into the table). */
  private checkHold(phase: string): void {
    const hold = this.hold!;
    this.physics.readPose(hold.body, this.scratch);
    const q = this.quaternion;
    const s = this.scratch;
    rotateInto(-q[0], -q[1], -q[2], q[3], s[0]! - this.position[0], s[1]! - this.position[1], s[2]! - this.position[2], this.rel, 0);
    const dx = this.rel[0]! - hold.rel[0],
      dy = this.rel[1]! - hold.rel[1],
      dz = this.rel[2]! - hold.rel[2];
    const drift = Math.hypot(dx, dy, dz);
    if (drift <= MOTION.slipTolerance) return;
    this.hold = null;
    const id = hold.id;
    this.lost = id;
    const others = this.physics.contacts(hold.body, MOTION.touchTolerance).filter((c) => !this.isGripperBody(c.body));
    const knocker = others.find((c) => this.objectOfBody.has(c.body));
    if (knocker) {
      const other = this.objectOfBody.get(knocker.body)!;
      throw new CollisionError(
        `${id} was knocked out of the grasp by ${other} while ${phase}; it is now ${cm(drift)} from where the fingers held it.`,
        [id, other],
        'knocked-away',
      );
    }
    // Gripper frame +z points from the fingertips to the palm: the object was pushed up into the hand.
    const onTable = others.some((c) => c.body === this.table || c.body === this.floor);
    if (onTable && dz > 0) {
      throw new CollisionError(
        `${id} was driven into the table while ${phase} and pushed ${cm(drift)} out of the grasp.`,
        [id],
        'held-into-table',
      );
    }
    const spec = this.specs.get(id)!;
    const pose = this.objectPose(id);
    const top = worldAABB(spec, pose).max[2];
    const tipZ = this.approach === 'top' ? this.position[2] : this.position[2] - GRIPPER.fingerDepth / 2;
    const where = top < tipZ ? `now ${cm(tipZ - top)} below the fingertips` : `now ${cm(drift)} from where the fingers held it`;
    throw new GraspError(`${id} slipped out of the grasp while ${phase}, ${where}.`, [id], 'slipped');
  }

  // ------------------------------------------------------------------ motions

  /** A cap on every linear motion's speed while a skill asked to go slower (pick/place/push `speed`); null: none. */
  speedLimit: number | null = null;

  /**
   * Moves the TCP in a straight line to `target` while turning to `quaternion`, with a
   * speed-limited trapezoidal profile. Stops and throws CollisionError before any part
   * of the gripper would go into the table; watches the held object.
   */
  moveLinear(target: Vec3, quaternion: Quat, yaw: number, approach: Approach, opts: LinearMoveOptions): void {
    const start: Vec3 = [this.position[0], this.position[1], this.position[2]];
    const startQ = this.quaternion;
    const startYaw = this.yaw;
    const startApproach = this.approach;
    const dx = target[0] - start[0],
      dy = target[1] - start[1],
      dz = target[2] - start[2];
    const dist = Math.hypot(dx, dy, dz);
    const angle = quatAngleBetween(startQ, quaternion);
    const v = Math.min(opts.speed ?? MOTION.speed, this.speedLimit ?? Number.POSITIVE_INFINITY);
    const lin = trapezoid(dist, v, this.hold ? MOTION.holdingAccel : MOTION.accel);
    const rot = trapezoid(angle, MOTION.angularSpeed, MOTION.angularAccel);
    const prof = lin.T >= rot.T ? lin : rot;
    const dyaw = wrapAngle(yaw - startYaw);
    if (prof.T === 0) {
      this.yaw = yaw;
      this.approach = approach;
      this.quaternion = quaternion;
      return;
    }
    const n = Math.max(1, Math.ceil(prof.T * this.hz - 1e-9));
    const rotating = angle > 1e-12;
    const p: Vec3 = [0, 0, 0];
    for (let k = 1; k <= n; k++) {
      const s = k === n ? 1 : trapezoidFraction((k / n) * prof.T, prof.T, prof.ramp);
      p[0] = start[0] + s * dx;
      p[1] = start[1] + s * dy;
      p[2] = start[2] + s * dz;
      const q = rotating ? (k === n ? quaternion : slerp(startQ, quaternion, s)) : startQ;
      const lowest = gripperLowestZ(p, q, this.width);
      if (lowest < -MOTION.tableTolerance && this.overTable(p)) {
        throw new CollisionError(
          `The gripper hit the table while ${opts.phase}: at ${pos(p)} its lowest part would be ${cm(-lowest)} ` +
            `below the table top, so it stopped at ${pos(this.position)}.`,
          [],
          'table',
        );
      }
      this.position[0] = p[0];
      this.position[1] = p[1];
      this.position[2] = p[2];
      this.quaternion = q;
      this.yaw = wrapAngle(startYaw + s * dyaw);
      this.approach = s < 0.5 ? startApproach : approach;
      this.applyTargets();
      this.step();
      if (this.hold && k % MOTION.slipCheckEvery === 0) this.checkHold(opts.phase);
    }
    this.yaw = wrapAngle(yaw);
    this.approach = approach;
    this.quaternion = quaternion;
    if (this.hold) this.checkHold(opts.phase);
  }

  private overTable(p: Vec3): boolean {
    const margin = 0.1;
    return Math.abs(p[0]) <= TABLE.size[0] / 2 + margin && Math.abs(p[1]) <= TABLE.size[1] / 2 + margin;
  }

  /** Changes the opening at `speed` (m/s), without looking for contacts. */
  moveFingers(width: number, speed: number = MOTION.fingerSpeed): void {
    const target = Math.max(0, Math.min(GRIPPER.maxOpening, width));
    const rate = speed / this.hz;
    while (Math.abs(this.width - target) > 1e-12) {
      const d = target - this.width;
      this.width = Math.abs(d) <= rate ? target : this.width + Math.sign(d) * rate;
      this.applyTargets();
      this.step();
    }
  }

  /**
   * Closes until both fingers touch the same object, then squeezes `squeeze` further
   * per finger and holds that opening. Returns the object now held (from contacts) or
   * null if the fingers closed on nothing.
   */
  closeOnObject(): string | null {
    const eps = 5e-5;
    const rate = MOTION.closingSpeed / this.hz;
    const lookAhead = 0.004;
    this.lost = null;
    while (this.width > 0) {
      const a = this.fingerTouches(this.fingers[0], lookAhead);
      const b = this.fingerTouches(this.fingers[1], lookAhead);
      let inc = rate;
      const shared = a.find((ta) => b.some((tb) => tb.body === ta.body));
      if (shared) {
        const da = shared.distance;
        const db = b.find((tb) => tb.body === shared.body)!.distance;
        if (da <= eps && db <= eps) {
          // Zero overlap at width - (da + db); press `squeeze` past it with each finger.
          const target = Math.max(0, this.width - (da + db) - 2 * this.squeeze);
          // Slowly: a sudden millimetre of overlap in one step upsets the contact solver.
          this.moveFingers(target, MOTION.squeezeSpeed);
          this.wait(0.04, 'closing the fingers');
          break;
        }
        const near = Math.min(da, db);
        const far = Math.max(da, db);
        inc = Math.min(rate, near > eps ? near : Math.max(far / 2, 2e-5));
      }
      this.width = Math.max(0, this.width - inc);
      this.applyTargets();
      this.step();
    }
    const held = this.detectHolding();
    if (held) this.beginHold(held);
    else this.hold = null;
    return held;
  }

  /** Opens to `width` and stops watching the released object. */
  release(width: number = GRIPPER.maxOpening): void {
    this.hold = null;
    this.lost = null;
    this.moveFingers(width);
  }

  /** Extent (m) of an object across the closing axis at a yaw. */
  widthAcross(id: string, yaw: number): number {
    return 2 * halfExtentAlong(this.specs.get(id)!, this.objectPose(id).quaternion, [Math.cos(yaw), Math.sin(yaw), 0]);
  }

  /** Current yaw of an object about z. */
  objectYaw(id: string): number {
    return yawOf(this.objectPose(id).quaternion);
  }
}
