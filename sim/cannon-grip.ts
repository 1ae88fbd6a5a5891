// The grasp in the cannon-es world (DESIGN §13): cannon's friction does not grow with the
// normal force (each friction equation is capped at μ·g·m whatever presses the bodies
// together), so squeezing an object between two kinematic fingers lifts nothing. Instead a
// contact-conditioned constraint holds it, limited by what friction could carry:
//
// - It forms when both fingers touch the same dynamic object, whose centre of mass lies
//   between their inner faces, press it with their inner faces, and together press into it
//   by at least GRIP.minOverlap, and the object moves with the hand (relative speed under
//   GRIP.maxRelativeSpeed): a lock between the palm and the object at the pads' midpoint.
// - Grip force per finger F = min(GRIP.stiffness × overlap / 2, GRIP.maxFingerForce), the
//   overlap being how far the fingers together press into the object (cannon-geometry.ts). The
//   lock carries at most μ·(F_a + F_b) along each axis and μ·(F_a + F_b)·GRIP.torqueArm of
//   torque about each axis, μ being the contact friction of finger and object (the pads'
//   'min' rule: the object's own friction). Limits are updated every step.
// - It breaks when either finger stops pressing (the hand opens, the object is gone), or
//   when the load exceeded the limit long enough for the object to move GRIP.breakDrift
//   (or turn GRIP.breakAngle) from where it was gripped: gravity, inertia or a collision
//   overcame friction. It can form again once the object moves with the hand.
//
// - While it holds, the held object has no contacts with the palm and fingers (excludes):
//   the lock carries it, and the squeeze is measured geometrically. Let go, it stays out
//   of contact with them until it no longer overlaps them (no explosive push-out).
//
// robot.ts knows nothing of this: holding, slipping and dropping are detected from contacts
// and poses as with Rapier. Limits: the friction box (per axis, not a cone) and a fixed
// torque arm; the squeeze force is a spring on the overlap, not a gripper's force control.

import type * as CANNON from 'cannon-es';
import { type PlacedShape, placedShape, signedDistance } from './cannon-geometry.ts';
import type { BodyHandle } from './physics-world.ts';

export const GRIP = {
  /** Grip force per metre of overlap (N/m): 8 N per finger at the default 1 mm squeeze each. */
  stiffness: 8000,
  /** Most force one finger presses with (N). */
  maxFingerForce: 40,
  /** Radius of the pads' contact patch that resists torque (m). */
  torqueArm: 0.01,
  /** The fingers together must press at least this far into the object to grip it (m)… */
  minOverlap: 0.0004,
  /** …and below this the grip ends (m). */
  releaseOverlap: 0.0001,
  /** Each finger must be within this of the object (m; robot.ts's touch tolerance). */
  touch: 0.0005,
  /** The object must move with the hand, within this speed (m/s), for a grip to form. */
  maxRelativeSpeed: 0.05,
  /** The grip breaks when the object has moved this far from where it was gripped (m)… */
  breakDrift: 0.004,
  /** …or turned this far (rad). */
  breakAngle: 0.1,
} as const;

/** Floats of a grip in the engine state: held body (-1 none), pivots (6), axes (18), released bodies still overlapping the hand (4, -1 none). */
export const GRIP_SNAPSHOT_FLOATS = 25 + 4;
/** Released objects remembered at most (the engine state has room for this many). */
const MAX_GHOSTS = 4;
export type GripSnapshot = Float64Array;

/** What the grip needs of the world (cannon-world.ts). */
export interface GripHost {
  readonly bodyCount: number;
  readonly dt: number;
  bodyKind(body: BodyHandle): 'dynamic' | 'kinematic' | 'fixed';
  cannonBody(body: BodyHandle): CANNON.Body;
  distance(a: BodyHandle, b: BodyHandle, maxDistance: number): number | null;
  pairFriction(a: BodyHandle, b: BodyHandle): number;
  /** A body's collision parts placed in the world (valid until the next call for that body). */
  placeParts(body: BodyHandle): PlacedShape[];
}

export class CannonGrip {
  private readonly host: GripHost;
  private readonly C: typeof CANNON;
  private readonly palm: BodyHandle;
  private readonly fingers: [BodyHandle, BodyHandle];
  private constraint: CANNON.LockConstraint | null = null;
  private heldBody: CANNON.Body | null = null;
  /** Palm and fingers: handles and bodies. */
  private readonly hand: BodyHandle[];
  private readonly handBodies: CANNON.Body[];
  private world: CANNON.World;
  held: BodyHandle | null = null;
  limits: { force: number; torque: number } | null = null;
  private readonly tmp: CANNON.Vec3;
  private readonly shifted: PlacedShape = placedShape({ type: 'sphere', radius: 0 });
  private readonly tmp2: CANNON.Vec3;

  constructor(host: GripHost, C: typeof CANNON, palm: BodyHandle, fingers: [BodyHandle, BodyHandle]) {
    this.host = host;
    this.C = C;
    this.palm = palm;
    this.fingers = fingers;
    this.world = host.cannonBody(palm).world!;
    this.hand = [palm, fingers[0], fingers[1]];
    this.handBodies = this.hand.map((h) => host.cannonBody(h));
    this.tmp = new C.Vec3();
    this.tmp2 = new C.Vec3();
  }

  /**
   * Whether contacts between two bodies are off while the grip holds: the fingers and the
   * held object. An object squeezed between two kinematic fingers has no exact contact
   * solution; cannon's Gauss-Seidel solver then lets the finger solved first sink in
   * (2 mm against 0.1 mm) and pushes the object sideways against the lock. The lock
   * carries the object; its limits come from the overlap measured geometrically.
   */
  excludes(a: CANNON.Body, b: CANNON.Body): boolean {
    if (this.held === null && this.ghosts.length === 0) return false;
    const aHand = this.handBodies.includes(a);
    const bHand = this.handBodies.includes(b);
    if (aHand === bHand) return false;
    const other = aHand ? b : a;
    return other === this.heldBody || this.ghostBodies.includes(other);
  }

  /**
   * Objects let go of (the grip broke or the hand opened) that still overlap the palm or a
   * fingers: their contacts with the hand stay off until they are apart, so cannon does not
   * throw them out of a millimetre-deep overlap at metres per second.
   */
  private ghosts: BodyHandle[] = [];
  private ghostBodies: CANNON.Body[] = [];

  private pruneGhosts(): void {
    if (this.ghosts.length === 0) return;
    const keep = this.ghosts.filter((g) => {
      if (g === this.held) return false;
      for (const part of this.hand) {
        const d = this.host.distance(part, g, 0);
        if (d !== null && d < 0) return true;
      }
      return false;
    });
    this.setGhosts(keep);
  }

  private setGhosts(list: BodyHandle[]): void {
    this.ghosts = list.slice(-MAX_GHOSTS);
    this.ghostBodies = this.ghosts.map((g) => this.host.cannonBody(g));
  }

  /**
   * How far the two fingers together press into a body (m), or -1 when either is farther
   * than GRIP.touch from it. The sum, not each finger's own: the squeeze is the opening
   * closed past the object's width, wherever the object sits between the pads.
   */
  private overlap(body: BodyHandle): number {
    const a = this.host.distance(this.fingers[0], body, GRIP.touch);
    if (a === null || a > GRIP.touch) return -1;
    const b = this.host.distance(this.fingers[1], body, GRIP.touch);
    if (b === null || b > GRIP.touch) return -1;
    return Math.max(0, -a) + Math.max(0, -b);
  }

  /** Before each step: end, update or form the grip. */
  beforeStep(): void {
    if (this.held !== null) this.update();
    this.pruneGhosts();
    if (this.held === null) this.tryForm();
    if (this.held !== null) this.host.cannonBody(this.held).wakeUp();
  }

  private update(): void {
    const body = this.held!;
    const overlap = this.overlap(body);
    if (overlap < GRIP.releaseOverlap || this.drifted()) {
      const released = this.held!;
      this.reset();
      this.setGhosts([...this.ghosts.filter((g) => g !== released), released]);
      return;
    }
    this.setLimits(body, overlap);
  }

  /** Whether the object has moved or turned past the break limits from where it was gripped. */
  private drifted(): boolean {
    const c = this.constraint!;
    const a = c.bodyA;
    const b = c.bodyB;
    a.pointToWorldFrame(c.pivotA, this.tmp);
    b.pointToWorldFrame(c.pivotB, this.tmp2);
    if (this.tmp.distanceTo(this.tmp2) > GRIP.breakDrift) return true;
    // The gripped x axes of both bodies, compared in the world (the lock keeps them together).
    a.vectorToWorldFrame(c.xA, this.tmp);
    b.vectorToWorldFrame(c.xB, this.tmp2);
    const cx = Math.min(1, Math.max(-1, this.tmp.dot(this.tmp2)));
    a.vectorToWorldFrame(c.zA, this.tmp);
    b.vectorToWorldFrame(c.zB, this.tmp2);
    const cz = Math.min(1, Math.max(-1, this.tmp.dot(this.tmp2)));
    return Math.acos(cx) > GRIP.breakAngle || Math.acos(cz) > GRIP.breakAngle;
  }

  private setLimits(body: BodyHandle, overlap: number): void {
    // Each finger presses with the force of half the total squeeze.
    const perFinger = Math.min((GRIP.stiffness * overlap) / 2, GRIP.maxFingerForce);
    const mu = this.host.pairFriction(this.fingers[0], body);
    const force = mu * 2 * perFinger;
    const torque = force * GRIP.torqueArm;
    this.limits = { force, torque };
    // The solver clamps impulses per step: force × dt.
    const dt = this.host.dt;
    const eqs = this.constraint!.equations;
    for (let k = 0; k < eqs.length; k++) {
      const lim = (k < 3 ? force : torque) * dt;
      eqs[k]!.minForce = -lim;
      eqs[k]!.maxForce = lim;
    }
  }

  private tryForm(): void {
    const [fa, fb] = this.fingers;
    const A = this.host.cannonBody(fa);
    const B = this.host.cannonBody(fb);
    const mid = this.tmp;
    A.position.vadd(B.position, mid);
    mid.scale(0.5, mid);
    const reach = A.position.distanceTo(B.position) / 2 + A.boundingRadius;
    for (let h = 0; h < this.host.bodyCount; h++) {
      if (this.host.bodyKind(h) !== 'dynamic') continue;
      const body = this.host.cannonBody(h);
      if (body.position.distanceTo(mid) > reach + body.boundingRadius) continue;
      if (!this.between(body, A, B) || !this.pressedInward(h, A, B)) continue;
      const overlap = this.overlap(h);
      if (overlap < GRIP.minOverlap) continue;
      if (this.relativeSpeed(body) > GRIP.maxRelativeSpeed) continue;
      this.form(h, mid.clone());
      this.setLimits(h, overlap);
      return;
    }
  }

  /**
   * Whether the object's centre of mass lies between the fingers' inner faces along the
   * closing axis: it is held across, not pushed by closed fingers side by side.
   */
  private between(body: CANNON.Body, A: CANNON.Body, B: CANNON.Body): boolean {
    const ab = B.position.vsub(A.position);
    const len = ab.length();
    if (len < 1e-9) return false;
    const t = body.position.vsub(A.position).dot(ab) / len;
    // A millimetre inside each face: closed fingers (centre exactly between them) hold nothing.
    const inner = (A.shapes[0] as CANNON.Box).halfExtents.x + 0.001;
    return t > inner && t < len - inner;
  }

  /**
   * Whether each finger presses the object with its inner face (towards the other finger):
   * moved 1 mm outward it presses less. Fingers opened inside a hollow object (a narrow
   * tray's walls) press with their outer faces and hold nothing.
   */
  private pressedInward(h: BodyHandle, A: CANNON.Body, B: CANNON.Body): boolean {
    const ab = B.position.vsub(A.position);
    const len = ab.length();
    if (len < 1e-9) return false;
    const parts = this.host.placeParts(h);
    for (const [finger, body, sign] of [
      [this.fingers[0], A, -1],
      [this.fingers[1], B, 1],
    ] as const) {
      const shape = this.host.placeParts(finger)[0]!;
      const moved = this.shifted;
      moved.shape = shape.shape;
      moved.bound = shape.bound;
      moved.R.set(shape.R);
      const k = (sign * 0.001) / len;
      moved.p[0] = body.position.x + k * ab.x;
      moved.p[1] = body.position.y + k * ab.y;
      moved.p[2] = body.position.z + k * ab.z;
      let here = Number.POSITIVE_INFINITY;
      let out = Number.POSITIVE_INFINITY;
      for (const part of parts) {
        here = Math.min(here, signedDistance(shape, part, 0.01) ?? Number.POSITIVE_INFINITY);
        out = Math.min(out, signedDistance(moved, part, 0.01) ?? Number.POSITIVE_INFINITY);
      }
      if (!(out > here)) return false;
    }
    return true;
  }

  /** Speed of the object relative to the palm's motion at the object's centre of mass. */
  private relativeSpeed(body: CANNON.Body): number {
    const palm = this.host.cannonBody(this.palm);
    const r = body.position.vsub(palm.position);
    const v = palm.velocity.vadd(palm.angularVelocity.cross(r));
    return body.velocity.vsub(v).length();
  }

  private form(h: BodyHandle, pivot: CANNON.Vec3): void {
    const C = this.C;
    const palm = this.host.cannonBody(this.palm);
    const body = this.host.cannonBody(h);
    const c = new C.LockConstraint(palm, body, { maxForce: 0 });
    palm.pointToLocalFrame(pivot, c.pivotA);
    body.pointToLocalFrame(pivot, c.pivotB);
    // The palm and the fingers (excludes) leave the held object to the lock.
    c.collideConnected = false;
    this.world.addConstraint(c);
    this.constraint = c;
    this.held = h;
    this.heldBody = body;
  }

  /** Ends the grip (hand opened, object gone, limit exceeded, or a restore without engine state). */
  reset(): void {
    this.releaseLock();
  }

  /** Forgets everything: a restore without engine state. */
  clear(): void {
    this.releaseLock();
    this.setGhosts([]);
  }

  private releaseLock(): void {
    if (this.constraint) this.world.removeConstraint(this.constraint);
    this.constraint = null;
    this.held = null;
    this.heldBody = null;
    this.limits = null;
  }

  snapshot(): GripSnapshot {
    const f = new Float64Array(GRIP_SNAPSHOT_FLOATS);
    f[0] = this.held ?? -1;
    const c = this.constraint;
    if (c) {
      const vs = [c.pivotA, c.pivotB, c.xA, c.xB, c.yA, c.yB, c.zA, c.zB];
      vs.forEach((v, i) => {
        f[1 + 3 * i] = v.x;
        f[2 + 3 * i] = v.y;
        f[3 + 3 * i] = v.z;
      });
    }
    for (let k = 0; k < MAX_GHOSTS; k++) f[25 + k] = this.ghosts[k] ?? -1;
    return f;
  }

  restore(f: Float64Array): void {
    this.clear();
    const ghosts: BodyHandle[] = [];
    for (let k = 0; k < MAX_GHOSTS; k++) if (f[25 + k]! >= 0) ghosts.push(f[25 + k]!);
    this.setGhosts(ghosts);
    const h = f[0]!;
    if (h < 0) return;
    const C = this.C;
    const palm = this.host.cannonBody(this.palm);
    const body = this.host.cannonBody(h);
    const c = new C.LockConstraint(palm, body, { maxForce: 0 });
    const vs = [c.pivotA, c.pivotB, c.xA, c.xB, c.yA, c.yB, c.zA, c.zB];
    vs.forEach((v, i) => {
      v.set(f[1 + 3 * i]!, f[2 + 3 * i]!, f[3 + 3 * i]!);
    });
    c.collideConnected = false;
    this.world.addConstraint(c);
    this.constraint = c;
    this.held = h;
    this.heldBody = body;
    // Limits are set again from the overlaps before the next step.
  }
}
