// PhysicsWorld implemented with cannon-es (DESIGN §13): the second engine behind the same
// interface as rapier-world.ts. The only file that builds cannon-es worlds; the package
// is imported when the first world is built, so importing sim/index.ts loads none of it.
// How it maps our conventions onto cannon-es, and what it approximates, is in
// sim/README.md#cannon-es; the grasp it holds by a constraint is in cannon-grip.ts.

import type * as CANNON from 'cannon-es';
import { CannonGrip, type GripSnapshot, GRIP_SNAPSHOT_FLOATS } from './cannon-grip.ts';
import { type PlacedShape, placedShape, quatToMatrix, signedDistance } from './cannon-geometry.ts';
import type {
  BodyDesc,
  BodyHandle,
  BodyKind,
  ColliderPart,
  Contact,
  PhysicsSettings,
  PhysicsSnapshot,
  PhysicsWorld,
} from './physics-world.ts';
import { BODY_STATE_FLOATS } from './physics-world.ts';
import type { Quat, Vec3 } from './types.ts';

type CannonModule = typeof CANNON;
let cannonModule: CannonModule | null = null;

/** Loads cannon-es once per process (a plain ES module, no WebAssembly). */
export async function loadCannon(): Promise<CannonModule> {
  if (!cannonModule) cannonModule = await import('cannon-es');
  return cannonModule;
}

/** The version of cannon-es, for run records. */
export const CANNON_VERSION = '0.20.0';

/** Settings of the cannon-es solver and sleeping (docs: sim/README.md#cannon-es). */
export const CANNON_SETTINGS = {
  /** Gauss-Seidel iterations: cannon's solver has no warm start or sub-steps; below ~20 a standing can rocks and walks on its polygon base (0.7 mm in 2 s at 12, 0.1 mm at 20). */
  solverIterations: 20,
  /** Sides of the polygon that stands for a cylinder's round side. */
  cylinderSegments: 16,
  /** A body below this speed (m/s, and rad/s) for sleepTime seconds sleeps. */
  sleepSpeed: 0.01,
  sleepTime: 0.3,
  /** Fastest a contact pushes overlapping bodies apart (m/s). */
  maxCorrection: 0.5,
  contactStiffness: 1e7,
  contactRelaxation: 3,
} as const;

// Collision groups: fixed bodies, objects, the gripper. The gripper and the table never
// touch through contacts (robot.ts checks the table geometrically, as with Rapier, where
// kinematic and fixed bodies get no contacts either), nor do the gripper's own parts.
const GROUP_FIXED = 1;
const GROUP_OBJECT = 2;
const GROUP_GRIPPER = 4;

// Cannon's cylinders stand along local y; ours stand along local z.
const Y_TO_Z: Quat = [Math.SQRT1_2, 0, 0, Math.SQRT1_2];

const COMBINE_ORDER = ['average', 'min', 'multiply', 'max'] as const;
type CombineRule = (typeof COMBINE_ORDER)[number];

function combine(rule: CombineRule, a: number, b: number): number {
  switch (rule) {
    case 'average':
      return (a + b) / 2;
    case 'min':
      return Math.min(a, b);
    case 'multiply':
      return a * b;
    case 'max':
      return Math.max(a, b);
  }
}

/** Friction of a pair: the rule later in average < min < multiply < max wins, as in Rapier. */
function combineFriction(a: { friction: number; rule: CombineRule }, b: { friction: number; rule: CombineRule }): number {
  const r = COMBINE_ORDER[Math.max(COMBINE_ORDER.indexOf(a.rule), COMBINE_ORDER.indexOf(b.rule))]!;
  return combine(r, a.friction, b.friction);
}

function mulQuat(a: Quat, b: Quat): Quat {
  return [
    a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1],
    a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0],
    a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3],
    a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2],
  ];
}

function rotate(q: Quat, v: Vec3): Vec3 {
  const [x, y, z, w] = q;
  const [vx, vy, vz] = v;
  const tx = 2 * (y * vz - z * vy),
    ty = 2 * (z * vx - x * vz),
    tz = 2 * (x * vy - y * vx);
  return [vx + w * tx + (y * tz - z * ty), vy + w * ty + (z * tx - x * tz), vz + w * tz + (x * ty - y * tx)];
}

export function partVolume(part: ColliderPart): number {
  const s = part.shape;
  switch (s.type) {
    case 'box':
      return 8 * s.halfExtents[0] * s.halfExtents[1] * s.halfExtents[2];
    case 'cylinder':
      return Math.PI * s.radius * s.radius * 2 * s.halfHeight;
    case 'sphere':
      return (4 / 3) * Math.PI * s.radius ** 3;
  }
}

/** Inertia of a part about its own centre along its local axes (diagonal), for mass m. */
function partInertia(part: ColliderPart, m: number): Vec3 {
  const s = part.shape;
  if (s.type === 'box') {
    const [a, b, c] = s.halfExtents.map((h) => 2 * h) as [number, number, number];
    return [(m * (b * b + c * c)) / 12, (m * (a * a + c * c)) / 12, (m * (a * a + b * b)) / 12];
  }
  if (s.type === 'sphere') {
    const i = 0.4 * m * s.radius * s.radius;
    return [i, i, i];
  }
  const r2 = s.radius * s.radius;
  const h = 2 * s.halfHeight;
  const side = (m * (3 * r2 + h * h)) / 12;
  return [side, side, 0.5 * m * r2];
}

/**
 * Centre of mass and the diagonal of the inertia about it (body axes) of parts of even
 * density. Off-diagonal terms are dropped: our compounds (bowls, trays) are symmetric
 * about their axes, so theirs are zero.
 */
function massProperties(parts: ColliderPart[], mass: number): { com: Vec3; inertia: Vec3 } {
  const volumes = parts.map(partVolume);
  const total = volumes.reduce((s, v) => s + v, 0);
  const com: Vec3 = [0, 0, 0];
  parts.forEach((p, i) => {
    const o = p.position ?? [0, 0, 0];
    for (let k = 0; k < 3; k++) com[k] += (o[k]! * volumes[i]!) / total;
  });
  const inertia: Vec3 = [0, 0, 0];
  parts.forEach((p, i) => {
    const m = (mass * volumes[i]!) / total;
    const local = partInertia(p, m);
    // The part's own axes into the body's: |R|² weights of the diagonal (exact for parts turned about one axis by multiples of 90°, the diagonal part otherwise).
    const q: Quat = p.quaternion ?? [0, 0, 0, 1];
    const R = new Float64Array(9);
    quatToMatrix(q[0], q[1], q[2], q[3], R);
    const o = p.position ?? [0, 0, 0];
    const d = [o[0]! - com[0], o[1]! - com[1], o[2]! - com[2]];
    for (let r = 0; r < 3; r++) {
      let v = 0;
      for (let c = 0; c < 3; c++) v += R[3 * r + c]! * R[3 * r + c]! * local[c]!;
      // Parallel axes: m (|d|² - d_r²) about axis r.
      v += m * (d[0]! * d[0]! + d[1]! * d[1]! + d[2]! * d[2]! - d[r]! * d[r]!);
      inertia[r] += v;
    }
  });
  return { com, inertia };
}

interface BodyRecord {
  name: string;
  kind: BodyKind;
  body: CANNON.Body;
  /** Centre of mass in our body frame: cannon's body origin is the centre of mass. */
  com: Vec3;
  /** Our parts, placed for distance queries. */
  parts: ColliderPart[];
  placed: PlacedShape[];
  friction: number;
  /** Next-step target of a kinematic body: position then quaternion, or null. */
  target: Float64Array | null;
}

/** Floats per body in the engine state (beyond BODY_STATE_FLOATS: cannon's own raw fields). */
const ENGINE_BODY_FLOATS = 3 + 4 + 3 + 3 + 3 + 4 + 3 + 3 + 3 + 9 + 8;
const ENGINE_HEADER_FLOATS = 2;

class CannonPhysicsWorld implements PhysicsWorld {
  readonly engine = 'cannon' as const;
  readonly dt: number;
  steps = 0;
  beforeStep: (() => void) | null = null;
  afterStep: (() => void) | null = null;

  private readonly C: CannonModule;
  private readonly world: CANNON.World;
  private readonly records: BodyRecord[] = [];
  private readonly byName = new Map<string, BodyHandle>();
  private readonly materials = new Map<string, CANNON.Material>();
  private readonly materialFriction = new Map<
    CANNON.Material,
    { friction: number; rule: CombineRule; restitution: number; gripper: boolean }
  >();
  private grip: CannonGrip | null = null;
  private freed = false;

  constructor(C: CannonModule, settings: PhysicsSettings) {
    this.C = C;
    this.dt = 1 / settings.hz;
    const [gx, gy, gz] = settings.gravity;
    contactComputeB ??= C.ContactEquation.prototype.computeB;
    const world = new C.World({ gravity: new C.Vec3(gx, gy, gz), allowSleep: true });
    // The naive broadphase visits pairs in body order and keeps no state between steps, so a
    // restored world pairs bodies exactly as the original did (SAP keeps a sorted axis list).
    world.broadphase = new C.NaiveBroadphase();
    const solver = new C.GSSolver();
    solver.iterations = Math.max(settings.solverIterations, CANNON_SETTINGS.solverIterations);
    solver.tolerance = 1e-7;
    world.solver = solver;
    // Cannon caps each friction impulse of a step at μ·|frictionGravity|·m, an impulse, so
    // with the true gravity friction is 1/dt times too strong; g·dt makes it μ·m·g·dt, Coulomb
    // friction under the body's own weight.
    world.frictionGravity = new C.Vec3(0, 0, Math.hypot(gx, gy, gz) * this.dt);
    splitFriction(world, (a, b) => this.grip?.excludes(a, b) ?? false);
    world.quatNormalizeFast = true;
    world.quatNormalizeSkip = 0;
    world.defaultContactMaterial.contactEquationStiffness = CANNON_SETTINGS.contactStiffness;
    world.defaultContactMaterial.contactEquationRelaxation = CANNON_SETTINGS.contactRelaxation;
    this.world = world;
  }

  get bodyCount(): number {
    return this.records.length;
  }

  /**
   * A material per distinct (friction, rule, restitution, gripper or not), with a contact
   * material towards every other. Contacts of the gripper have no cannon friction: cannon
   * caps friction by the body's weight, not by the squeeze, so the grip carries the load
   * instead (cannon-grip.ts).
   */
  private material(friction: number, rule: CombineRule, restitution: number, gripper: boolean): CANNON.Material {
    const key = `${friction}|${rule}|${restitution}|${gripper ? 'gripper' : 'body'}`;
    const known = this.materials.get(key);
    if (known) return known;
    const C = this.C;
    const mat = new C.Material(key);
    const mine = { friction, rule, restitution, gripper };
    this.materials.set(key, mat);
    this.materialFriction.set(mat, mine);
    for (const [other, props] of this.materialFriction) {
      const cm = new C.ContactMaterial(mat, other, {
        friction: gripper || props.gripper ? 0 : combineFriction(mine, props),
        restitution: (restitution + props.restitution) / 2,
        contactEquationStiffness: CANNON_SETTINGS.contactStiffness,
        contactEquationRelaxation: CANNON_SETTINGS.contactRelaxation,
      });
      this.world.addContactMaterial(cm);
    }
    return mat;
  }

  /** The friction coefficient of two bodies by their combine rules (as Rapier combines them). */
  pairFriction(a: BodyHandle, b: BodyHandle): number {
    const pa = this.materialFriction.get(this.records[a]!.body.material!)!;
    const pb = this.materialFriction.get(this.records[b]!.body.material!)!;
    return combineFriction(pa, pb);
  }

  addBody(desc: BodyDesc): BodyHandle {
    if (this.byName.has(desc.name)) throw new Error(`physics: a body named ${desc.name} already exists`);
    const C = this.C;
    const dynamic = desc.kind === 'dynamic';
    const totalVolume = desc.parts.reduce((s, p) => s + partVolume(p), 0);
    const mass = dynamic ? (desc.mass ?? 1000 * totalVolume) : 0;
    const props = dynamic ? massProperties(desc.parts, mass) : { com: [0, 0, 0] as Vec3, inertia: [0, 0, 0] as Vec3 };
    const com: Vec3 = dynamic && desc.centerOfMass ? [...desc.centerOfMass] : props.com;
    const type = dynamic ? C.Body.DYNAMIC : desc.kind === 'kinematic' ? C.Body.KINEMATIC : C.Body.STATIC;
    const group = desc.kind === 'fixed' ? GROUP_FIXED : desc.kind === 'kinematic' ? GROUP_GRIPPER : GROUP_OBJECT;
    const mask = desc.kind === 'dynamic' ? GROUP_FIXED | GROUP_OBJECT | GROUP_GRIPPER : GROUP_OBJECT;
    const body = new C.Body({
      mass,
      type,
      material: this.material(desc.friction, desc.frictionCombine ?? 'average', desc.restitution ?? 0, desc.kind === 'kinematic'),
      collisionFilterGroup: group,
      collisionFilterMask: mask,
      // Rapier's damping scales velocity by 1 / (1 + dt c) per step; cannon's by (1 - d)^dt.
      linearDamping: dynamic ? cannonDamping(desc.linearDamping ?? 0, this.dt) : 0,
      angularDamping: dynamic ? cannonDamping(desc.angularDamping ?? 0, this.dt) : 0,
      allowSleep: dynamic,
      sleepSpeedLimit: dynamic ? CANNON_SETTINGS.sleepSpeed : 0,
      sleepTimeLimit: CANNON_SETTINGS.sleepTime,
    });
    for (const part of desc.parts) {
      const s = part.shape;
      let shape: CANNON.Shape;
      let rot: Quat = part.quaternion ?? [0, 0, 0, 1];
      if (s.type === 'box') shape = new C.Box(new C.Vec3(s.halfExtents[0], s.halfExtents[1], s.halfExtents[2]));
      else if (s.type === 'sphere') shape = new C.Sphere(s.radius);
      else {
        shape = new C.Cylinder(s.radius, s.radius, 2 * s.halfHeight, CANNON_SETTINGS.cylinderSegments);
        rot = mulQuat(rot, Y_TO_Z);
      }
      const [ox, oy, oz] = part.position ?? [0, 0, 0];
      body.addShape(shape, new C.Vec3(ox - com[0], oy - com[1], oz - com[2]), new C.Quaternion(rot[0], rot[1], rot[2], rot[3]));
    }
    if (dynamic) {
      // addShape approximates the inertia by the world bounding box; ours is the parts' own.
      body.inertia.set(props.inertia[0], props.inertia[1], props.inertia[2]);
      body.invInertia.set(1 / props.inertia[0], 1 / props.inertia[1], 1 / props.inertia[2]);
      if (desc.planar) {
        // Moves in the table plane only: z translation and tilting locked, yaw free.
        body.linearFactor.set(1, 1, 0);
        body.angularFactor.set(0, 0, 1);
      }
    }
    const q = desc.quaternion ?? [0, 0, 0, 1];
    body.quaternion.set(q[0], q[1], q[2], q[3]);
    const c = rotate(q, com);
    body.position.set(desc.position[0] + c[0], desc.position[1] + c[1], desc.position[2] + c[2]);
    body.previousPosition.copy(body.position);
    body.previousQuaternion.copy(body.quaternion);
    body.updateInertiaWorld(true);
    body.aabbNeedsUpdate = true;
    this.world.addBody(body);
    const index = this.records.length;
    this.records.push({
      name: desc.name,
      kind: desc.kind,
      body,
      com,
      parts: desc.parts,
      placed: desc.parts.map((p) => placedShape(p.shape)),
      friction: desc.friction,
      target: null,
    });
    this.byName.set(desc.name, index);
    return index;
  }

  bodyName(body: BodyHandle): string {
    return this.records[body]!.name;
  }

  findBody(name: string): BodyHandle | undefined {
    return this.byName.get(name);
  }

  bodyKind(body: BodyHandle): BodyKind {
    return this.records[body]!.kind;
  }

  /** The cannon body of a handle (for the grip and tests). */
  cannonBody(body: BodyHandle): CANNON.Body {
    return this.records[body]!.body;
  }

  readPose(body: BodyHandle, out: Float64Array, offset = 0): void {
    const r = this.records[body]!;
    const b = r.body;
    const q = b.quaternion;
    let x = b.position.x,
      y = b.position.y,
      z = b.position.z;
    if (r.com[0] !== 0 || r.com[1] !== 0 || r.com[2] !== 0) {
      const c = rotate([q.x, q.y, q.z, q.w], r.com);
      x -= c[0];
      y -= c[1];
      z -= c[2];
    }
    out[offset] = x;
    out[offset + 1] = y;
    out[offset + 2] = z;
    out[offset + 3] = q.x;
    out[offset + 4] = q.y;
    out[offset + 5] = q.z;
    out[offset + 6] = q.w;
  }

  readVelocity(body: BodyHandle, out: Float64Array, offset = 0): void {
    const b = this.records[body]!.body;
    out[offset] = b.velocity.x;
    out[offset + 1] = b.velocity.y;
    out[offset + 2] = b.velocity.z;
    out[offset + 3] = b.angularVelocity.x;
    out[offset + 4] = b.angularVelocity.y;
    out[offset + 5] = b.angularVelocity.z;
  }

  setPose(body: BodyHandle, position: Vec3, quaternion: Quat): void {
    const r = this.records[body]!;
    const b = r.body;
    const c = rotate(quaternion, r.com);
    b.position.set(position[0] + c[0], position[1] + c[1], position[2] + c[2]);
    b.quaternion.set(quaternion[0], quaternion[1], quaternion[2], quaternion[3]);
    b.previousPosition.copy(b.position);
    b.previousQuaternion.copy(b.quaternion);
    b.aabbNeedsUpdate = true;
    b.updateInertiaWorld(true);
    r.target = null;
    if (r.kind === 'dynamic') b.wakeUp();
  }

  setVelocity(body: BodyHandle, linear: Vec3, angular: Vec3): void {
    const r = this.records[body]!;
    if (r.kind !== 'dynamic') return;
    r.body.velocity.set(linear[0], linear[1], linear[2]);
    r.body.angularVelocity.set(angular[0], angular[1], angular[2]);
    r.body.wakeUp();
  }

  setKinematicTarget(body: BodyHandle, px: number, py: number, pz: number, qx: number, qy: number, qz: number, qw: number): void {
    const r = this.records[body]!;
    if (!r.target) r.target = new Float64Array(7);
    const t = r.target;
    t[0] = px;
    t[1] = py;
    t[2] = pz;
    t[3] = qx;
    t[4] = qy;
    t[5] = qz;
    t[6] = qw;
  }

  setGripper(palm: BodyHandle, fingers: [BodyHandle, BodyHandle]): void {
    this.grip = new CannonGrip(this, this.C, palm, fingers);
  }

  /** Number of dynamic bodies asleep (for tests and the benchmark). */
  get sleeping(): number {
    let n = 0;
    for (const r of this.records) if (r.body.sleepState === this.C.Body.SLEEPING) n++;
    return n;
  }

  /** The object the cannon grip holds by its constraint, or null (tests; robot.ts detects holding itself). */
  get gripped(): BodyHandle | null {
    return this.grip?.held ?? null;
  }

  /** The grip's current force and torque limits (N, N·m), or null without a grip. */
  get gripLimits(): { force: number; torque: number } | null {
    return this.grip?.limits ?? null;
  }

  /** Kinematic bodies: a velocity that reaches the target over one step (as Rapier's next kinematic position). */
  private driveKinematic(): void {
    const dt = this.dt;
    for (const r of this.records) {
      if (r.kind !== 'kinematic') continue;
      const b = r.body;
      const t = r.target;
      if (!t) {
        b.velocity.set(0, 0, 0);
        b.angularVelocity.set(0, 0, 0);
        continue;
      }
      b.velocity.set((t[0]! - b.position.x) / dt, (t[1]! - b.position.y) / dt, (t[2]! - b.position.z) / dt);
      // Rotation from the current orientation to the target: dq = qt * conj(q), as axis × angle / dt.
      const q = b.quaternion;
      let [dx, dy, dz, dw] = mulQuat([t[3]!, t[4]!, t[5]!, t[6]!], [-q.x, -q.y, -q.z, q.w]);
      if (dw < 0) {
        dx = -dx;
        dy = -dy;
        dz = -dz;
        dw = -dw;
      }
      const s = Math.hypot(dx, dy, dz);
      if (s < 1e-15) b.angularVelocity.set(0, 0, 0);
      else {
        const k = (2 * Math.atan2(s, dw)) / s / dt;
        b.angularVelocity.set(dx * k, dy * k, dz * k);
      }
    }
  }

  /** After the step: kinematic bodies sit exactly at their targets (cannon integrates to first order). */
  private settleKinematic(): void {
    for (const r of this.records) {
      if (r.kind !== 'kinematic' || !r.target) continue;
      const t = r.target;
      r.body.position.set(t[0]!, t[1]!, t[2]!);
      r.body.quaternion.set(t[3]!, t[4]!, t[5]!, t[6]!);
      r.body.aabbNeedsUpdate = true;
      r.target = null;
    }
  }

  step(): void {
    if (this.freed) throw new Error('physics: the world has been freed');
    if (this.beforeStep) this.beforeStep();
    this.driveKinematic();
    if (this.grip) this.grip.beforeStep();
    this.world.step(this.dt);
    this.settleKinematic();
    this.steps++;
    if (this.afterStep) this.afterStep();
  }

  /** Places body `h`'s parts in the world (for distance queries). */
  placeParts(h: BodyHandle): PlacedShape[] {
    const r = this.records[h]!;
    const b = r.body;
    const q = b.quaternion;
    const bq: Quat = [q.x, q.y, q.z, q.w];
    for (let i = 0; i < r.parts.length; i++) {
      const part = r.parts[i]!;
      const ps = r.placed[i]!;
      const o = part.position ?? [0, 0, 0];
      const c = rotate(bq, [o[0] - r.com[0], o[1] - r.com[1], o[2] - r.com[2]]);
      ps.p[0] = b.position.x + c[0];
      ps.p[1] = b.position.y + c[1];
      ps.p[2] = b.position.z + c[2];
      const pq = part.quaternion ? mulQuat(bq, part.quaternion) : bq;
      quatToMatrix(pq[0], pq[1], pq[2], pq[3], ps.R);
    }
    return r.placed;
  }

  contacts(body: BodyHandle, maxDistance: number): Contact[] {
    const out: Contact[] = [];
    for (let other = 0; other < this.records.length; other++) {
      if (other === body || !this.collides(body, other)) continue;
      const d = this.distance(body, other, maxDistance);
      if (d !== null) out.push({ body: other, distance: d });
    }
    out.sort((a, b) => a.distance - b.distance || a.body - b.body);
    return out;
  }

  /** Whether two bodies' colliders can touch at all (Rapier's contact pairs: not fixed/kinematic with each other). */
  private collides(a: BodyHandle, b: BodyHandle): boolean {
    return this.records[a]!.kind === 'dynamic' || this.records[b]!.kind === 'dynamic';
  }

  distance(a: BodyHandle, b: BodyHandle, maxDistance: number): number | null {
    const ra = this.records[a]!.body;
    const rb = this.records[b]!.body;
    const gap = ra.position.distanceTo(rb.position) - ra.boundingRadius - rb.boundingRadius;
    if (gap > maxDistance) return null;
    const pa = this.placeParts(a);
    const pb = this.placeParts(b);
    let best: number | null = null;
    for (const sa of pa) {
      for (const sb of pb) {
        const d = signedDistance(sa, sb, maxDistance);
        if (d !== null && d <= maxDistance && (best === null || d < best)) best = d;
      }
    }
    return best;
  }

  snapshot(withEngineState = true): PhysicsSnapshot {
    const n = this.records.length;
    const bodies = new Float64Array(n * BODY_STATE_FLOATS);
    for (let i = 0; i < n; i++) {
      this.readPose(i, bodies, i * BODY_STATE_FLOATS);
      this.readVelocity(i, bodies, i * BODY_STATE_FLOATS + 7);
    }
    const snap: PhysicsSnapshot = { engine: 'cannon', steps: this.steps, bodies };
    if (withEngineState) snap.engineState = this.engineState();
    return snap;
  }

  /** Cannon keeps its state in the bodies (the solver starts from zero each step): every field a step reads. */
  private engineState(): Uint8Array {
    const n = this.records.length;
    const f = new Float64Array(ENGINE_HEADER_FLOATS + n * ENGINE_BODY_FLOATS + GRIP_SNAPSHOT_FLOATS);
    f[0] = this.world.time;
    f[1] = this.world.stepnumber;
    let o = ENGINE_HEADER_FLOATS;
    const vec = (v: CANNON.Vec3) => {
      f[o++] = v.x;
      f[o++] = v.y;
      f[o++] = v.z;
    };
    const quat = (q: CANNON.Quaternion) => {
      f[o++] = q.x;
      f[o++] = q.y;
      f[o++] = q.z;
      f[o++] = q.w;
    };
    for (const r of this.records) {
      const b = r.body;
      vec(b.position);
      quat(b.quaternion);
      vec(b.velocity);
      vec(b.angularVelocity);
      vec(b.previousPosition);
      quat(b.previousQuaternion);
      vec(b.force);
      vec(b.torque);
      f[o++] = b.sleepState;
      f[o++] = b.timeLastSleepy;
      f[o++] = b.wakeUpAfterNarrowphase ? 1 : 0;
      for (let k = 0; k < 9; k++) f[o++] = b.invInertiaWorld.elements[k]!;
      f[o++] = r.target ? 1 : 0;
      for (let k = 0; k < 7; k++) f[o++] = r.target ? r.target[k]! : 0;
    }
    (this.grip?.snapshot() ?? emptyGrip()).forEach((x, k) => {
      f[o + k] = x;
    });
    return new Uint8Array(f.buffer);
  }

  restore(snapshot: PhysicsSnapshot): void {
    const n = this.records.length;
    if (snapshot.bodies.length !== n * BODY_STATE_FLOATS) {
      throw new Error(`physics: snapshot has ${snapshot.bodies.length / BODY_STATE_FLOATS} bodies, the world has ${n}`);
    }
    if (snapshot.engineState && snapshot.engine === 'cannon') {
      this.restoreEngineState(snapshot.engineState);
    } else {
      const s = snapshot.bodies;
      for (let i = 0; i < n; i++) {
        if (this.records[i]!.kind === 'fixed') continue;
        const o = i * BODY_STATE_FLOATS;
        this.setPose(i, [s[o]!, s[o + 1]!, s[o + 2]!], [s[o + 3]!, s[o + 4]!, s[o + 5]!, s[o + 6]!]);
        this.setVelocity(i, [s[o + 7]!, s[o + 8]!, s[o + 9]!], [s[o + 10]!, s[o + 11]!, s[o + 12]!]);
      }
      this.grip?.clear();
    }
    this.steps = snapshot.steps;
  }

  private restoreEngineState(bytes: Uint8Array): void {
    const n = this.records.length;
    const expected = (ENGINE_HEADER_FLOATS + n * ENGINE_BODY_FLOATS + GRIP_SNAPSHOT_FLOATS) * 8;
    if (bytes.byteLength !== expected) {
      throw new Error(`physics: the cannon engine state has ${bytes.byteLength} bytes, this world's has ${expected}`);
    }
    const f = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    this.world.time = f[0]!;
    this.world.stepnumber = f[1]!;
    let o = ENGINE_HEADER_FLOATS;
    const vec = (v: CANNON.Vec3) => {
      v.set(f[o]!, f[o + 1]!, f[o + 2]!);
      o += 3;
    };
    const quat = (q: CANNON.Quaternion) => {
      q.set(f[o]!, f[o + 1]!, f[o + 2]!, f[o + 3]!);
      o += 4;
    };
    for (const r of this.records) {
      const b = r.body;
      vec(b.position);
      quat(b.quaternion);
      vec(b.velocity);
      vec(b.angularVelocity);
      vec(b.previousPosition);
      quat(b.previousQuaternion);
      vec(b.force);
      vec(b.torque);
      b.sleepState = f[o++]! as 0 | 1 | 2;
      b.timeLastSleepy = f[o++]!;
      b.wakeUpAfterNarrowphase = f[o++]! === 1;
      for (let k = 0; k < 9; k++) b.invInertiaWorld.elements[k] = f[o++]!;
      const has = f[o++]! === 1;
      if (has) {
        r.target = new Float64Array(7);
        for (let k = 0; k < 7; k++) r.target[k] = f[o + k]!;
      } else r.target = null;
      o += 7;
      b.aabbNeedsUpdate = true;
    }
    this.grip?.restore(f.subarray(o, o + GRIP_SNAPSHOT_FLOATS));
  }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    for (const r of [...this.records]) this.world.removeBody(r.body);
  }
}

function emptyGrip(): GripSnapshot {
  return new Float64Array(GRIP_SNAPSHOT_FLOATS).fill(0).map((_, i) => (i === 0 ? -1 : 0));
}

/**
 * Wraps cannon's contact generation: drops the pairs `excluded` names, and shares friction.
 * Cannon gives every contact point of a manifold its own friction pair, each capped at the
 * whole μ·m·g (four times the friction for a box on the table, sixteen for a cylinder).
 * Cannon's alternative, one averaged pair per manifold, resists no twisting, and a standing
 * cylinder then spins and walks on its polygon base (10 mm in 2 s). So: one pair per
 * contact point, the cap shared among the points of each pair of bodies.
 */
function splitFriction(world: CANNON.World, excluded: (a: CANNON.Body, b: CANNON.Body) => boolean): void {
  const np = world.narrowphase;
  const getContacts = np.getContacts.bind(np);
  const count = new Map<number, number>();
  np.getContacts = (p1, p2, w, result, oldcontacts, frictionResult, frictionPool) => {
    // Pairs the grip takes out of contact (its fingers and the object they hold).
    for (let k = p1.length - 1; k >= 0; k--) {
      if (excluded(p1[k]!, p2[k]!)) {
        p1.splice(k, 1);
        p2.splice(k, 1);
      }
    }
    getContacts(p1, p2, w, result, oldcontacts, frictionResult, frictionPool);
    for (const c of result) c.computeB = cappedComputeB;
    count.clear();
    for (const f of frictionResult) {
      const k = f.bi.index * 65536 + f.bj.index;
      count.set(k, (count.get(k) ?? 0) + 1);
    }
    for (const f of frictionResult) {
      // Two equations (tangents) per point.
      const n = count.get(f.bi.index * 65536 + f.bj.index)! / 2;
      if (n > 1) {
        f.maxForce /= n;
        f.minForce /= n;
      }
    }
  };
}

/**
 * Cannon's contact equation with its push-out speed capped at CANNON_SETTINGS.maxCorrection:
 * cannon corrects a penetration g at 4g / (dt (1 + 4 d)) per step, so an object squeezed deep
 * into the table by a kinematic finger, then let go, left at 3 m/s. Rapier caps the same
 * correction; ours is the same formula with the position term limited.
 */
function cappedComputeB(this: CANNON.ContactEquation, h: number): number {
  const B = contactComputeB!.call(this, h);
  const n = this.ni;
  const bi = this.bi;
  const bj = this.bj;
  const g =
    n.x * (bj.position.x + this.rj.x - bi.position.x - this.ri.x) +
    n.y * (bj.position.y + this.rj.y - bi.position.y - this.ri.y) +
    n.z * (bj.position.z + this.rj.z - bi.position.z - this.ri.z);
  const push = -g * this.a;
  return push > CANNON_SETTINGS.maxCorrection ? B - push + CANNON_SETTINGS.maxCorrection : B;
}

let contactComputeB: ((h: number) => number) | null = null;

/** Cannon's damping d (velocity × (1 - d)^dt per step) that matches Rapier's coefficient c (× 1 / (1 + dt c)). */
export function cannonDamping(c: number, dt: number): number {
  if (c <= 0) return 0;
  return 1 - (1 / (1 + dt * c)) ** (1 / dt);
}

export type { CannonPhysicsWorld };

/** A physics world on cannon-es, loading it if needed. */
export async function createCannonPhysicsWorld(settings: PhysicsSettings): Promise<CannonPhysicsWorld> {
  const C = await loadCannon();
  return new CannonPhysicsWorld(C, settings);
}
