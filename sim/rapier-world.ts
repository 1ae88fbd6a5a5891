// PhysicsWorld implemented with Rapier. The only file, with bare-rapier.ts, that builds
// Rapier worlds; which Rapier build (SIMD or plain WebAssembly) comes from
// rapier-module.ts, and each world keeps the module it was built with.

import type RAPIER from '@dimforge/rapier3d-simd-compat';
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
import { loadedRapier, loadRapier, type RapierBuild, type RapierModule, selectedRapierBuild } from './rapier-module.ts';
import type { Quat, Vec3 } from './types.ts';

/** Loads the selected Rapier build's WebAssembly once per process; later calls share it. */
export async function initRapier(): Promise<void> {
  await loadRapier();
}

const COMBINE = {
  average: 'Average',
  min: 'Min',
  multiply: 'Multiply',
  max: 'Max',
} as const;

// Which build took an engine snapshot: restoring one build's bytes into another's world
// is refused (another engine wrote them). Bytes that crossed a thread boundary are untagged.
const snapshotBuild = new WeakMap<Uint8Array, RapierBuild>();

// Rapier's cylinders stand along local y; ours stand along local z.
const Y_TO_Z: Quat = [Math.SQRT1_2, 0, 0, Math.SQRT1_2];

function mulQuat(a: Quat, b: Quat): Quat {
  return [
    a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1],
    a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0],
    a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3],
    a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2],
  ];
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

// The module each world was built with, for createRapierBody.
const worldModule = new WeakMap<RAPIER.World, RapierModule>();

/**
 * Creates a Rapier world with our settings (shared with the bare benchmark scene), with the
 * selected build's module (loaded: `await initRapier()` first) unless `R` is given.
 */
export function newRapierWorld(settings: PhysicsSettings, R: RapierModule = loadedRapier()): RAPIER.World {
  const [gx, gy, gz] = settings.gravity;
  const world = new R.World({ x: gx, y: gy, z: gz });
  worldModule.set(world, R);
  world.timestep = 1 / settings.hz;
  world.lengthUnit = settings.lengthUnit;
  world.numSolverIterations = settings.solverIterations;
  return world;
}

/** Creates one body and its colliders; returns the body and its colliders' handles. */
export function createRapierBody(world: RAPIER.World, desc: BodyDesc): { body: RAPIER.RigidBody; colliders: RAPIER.Collider[] } {
  const R = worldModule.get(world);
  if (!R) throw new Error('createRapierBody: the world was not made by newRapierWorld');
  const rbDesc =
    desc.kind === 'dynamic'
      ? R.RigidBodyDesc.dynamic()
      : desc.kind === 'kinematic'
        ? R.RigidBodyDesc.kinematicPositionBased()
        : R.RigidBodyDesc.fixed();
  const [px, py, pz] = desc.position;
  const q = desc.quaternion ?? [0, 0, 0, 1];
  rbDesc.setTranslation(px, py, pz).setRotation({ x: q[0], y: q[1], z: q[2], w: q[3] });
  if (desc.kind === 'dynamic') {
    rbDesc.setLinearDamping(desc.linearDamping ?? 0).setAngularDamping(desc.angularDamping ?? 0);
    if (desc.ccd) rbDesc.setCcdEnabled(true);
    if (desc.planar) rbDesc.enabledTranslations(true, true, false);
  }
  const body = world.createRigidBody(rbDesc);
  const totalVolume = desc.parts.reduce((s, p) => s + partVolume(p), 0);
  const density = desc.kind === 'dynamic' && desc.mass !== undefined && totalVolume > 0 ? desc.mass / totalVolume : 1000;
  const colliders: RAPIER.Collider[] = [];
  for (const part of desc.parts) {
    const s = part.shape;
    let cd: RAPIER.ColliderDesc;
    let rot: Quat = part.quaternion ?? [0, 0, 0, 1];
    if (s.type === 'box') cd = R.ColliderDesc.cuboid(s.halfExtents[0], s.halfExtents[1], s.halfExtents[2]);
    else if (s.type === 'sphere') cd = R.ColliderDesc.ball(s.radius);
    else {
      cd = R.ColliderDesc.cylinder(s.halfHeight, s.radius);
      rot = mulQuat(rot, Y_TO_Z);
    }
    const [ox, oy, oz] = part.position ?? [0, 0, 0];
    cd.setTranslation(ox, oy, oz)
      .setRotation({ x: rot[0], y: rot[1], z: rot[2], w: rot[3] })
      .setDensity(density)
      .setFriction(desc.friction)
      .setRestitution(desc.restitution ?? 0);
    if (desc.frictionCombine) cd.setFrictionCombineRule(R.CoefficientCombineRule[COMBINE[desc.frictionCombine]]);
    colliders.push(world.createCollider(cd, body));
  }
  if (desc.kind === 'dynamic' && desc.centerOfMass) moveCenterOfMass(body, colliders, desc.centerOfMass);
  if (desc.kind === 'dynamic' && desc.planar) {
    // Rotation locks act about the principal axes of inertia, which for a cylinder (its
    // collider turned to stand up) are not the body's: free only the axis that is vertical.
    const q = body.principalInertiaLocalFrame();
    const quat: Quat = [q.x, q.y, q.z, q.w];
    const vertical = [0, 1, 2].map((i) => Math.abs(rotateVec(quat, i)));
    const up = vertical.indexOf(Math.max(...vertical));
    body.setEnabledRotations(up === 0, up === 1, up === 2, true);
  }
  return { body, colliders };
}

/**
 * Puts a body's centre of mass at `com` (body frame) and keeps its mass and its inertia
 * about the centre of mass as the colliders' even density gives them: the colliders' own
 * mass goes to zero and the body carries the same mass, moved.
 */
function moveCenterOfMass(body: RAPIER.RigidBody, colliders: RAPIER.Collider[], com: Vec3): void {
  body.recomputeMassPropertiesFromColliders();
  const mass = body.mass();
  const inertia = body.principalInertia();
  const frame = body.principalInertiaLocalFrame();
  for (const c of colliders) c.setDensity(0);
  body.setAdditionalMassProperties(mass, { x: com[0], y: com[1], z: com[2] }, inertia, frame, true);
  body.recomputeMassPropertiesFromColliders();
}

interface BodyRecord {
  name: string;
  kind: BodyKind;
  handle: number;
  colliderHandles: number[];
}

class RapierPhysicsWorld implements PhysicsWorld {
  readonly engine = 'rapier' as const;
  readonly dt: number;
  /** The Rapier build this world runs on (rapier-module.ts). */
  readonly build: RapierBuild;
  private readonly R: RapierModule;
  steps = 0;
  beforeStep: (() => void) | null = null;
  afterStep: (() => void) | null = null;

  private world: RAPIER.World;
  private readonly records: BodyRecord[] = [];
  private rigid: RAPIER.RigidBody[] = [];
  private colliders: RAPIER.Collider[][] = [];
  private readonly byName = new Map<string, BodyHandle>();
  private readonly colliderOwner = new Map<number, BodyHandle>();
  // Scratch objects: Rapier copies them, so one of each serves every call.
  private readonly v = { x: 0, y: 0, z: 0 };
  private readonly q = { x: 0, y: 0, z: 0, w: 1 };

  private rawGravity: ReturnType<typeof RAPIER.VectorOps.intoRaw> | null = null;
  private rawStep: () => void = () => {};

  constructor(world: RAPIER.World, build: RapierBuild, R: RapierModule) {
    this.world = world;
    this.build = build;
    this.R = R;
    this.dt = world.timestep;
    this.bindStep();
  }

  // World.step() of rapier.js 0.21 re-syncs its JS maps of bodies and colliders after
  // every step (a JS callback per body and per collider), which costs 3-4x the physics
  // itself in our scenes. We never add bodies while stepping, so we call the pipeline
  // directly; results are bit-identical. 0.21's pipeline takes the soft-body set (the
  // compat build), 0.20's has none (the simd build).
  private bindStep(): void {
    const w = this.world;
    this.rawGravity?.free();
    const g = this.R.VectorOps.intoRaw(w.gravity);
    this.rawGravity = g;
    const pipeline = w.physicsPipeline.raw;
    const ip = w.integrationParameters.raw,
      islands = w.islands.raw,
      bp = w.broadPhase.raw,
      np = w.narrowPhase.raw;
    const bodies = w.bodies.raw,
      colliders = w.colliders.raw;
    const ij = w.impulseJoints.raw,
      mj = w.multibodyJoints.raw,
      ccd = w.ccdSolver.raw;
    const softSet = (w as { softBodies?: { raw: unknown } }).softBodies;
    if (softSet) {
      const soft = softSet.raw;
      const step = pipeline.step as unknown as (...args: unknown[]) => void;
      this.rawStep = () => step.call(pipeline, g, ip, islands, bp, np, bodies, colliders, soft, ij, mj, ccd);
    } else {
      this.rawStep = () => pipeline.step(g, ip, islands, bp, np, bodies, colliders, ij, mj, ccd);
    }
  }

  get bodyCount(): number {
    return this.records.length;
  }

  addBody(desc: BodyDesc): BodyHandle {
    if (this.byName.has(desc.name)) throw new Error(`physics: a body named ${desc.name} already exists`);
    const { body, colliders } = createRapierBody(this.world, desc);
    const index = this.records.length;
    this.records.push({ name: desc.name, kind: desc.kind, handle: body.handle, colliderHandles: colliders.map((c) => c.handle) });
    this.rigid.push(body);
    this.colliders.push(colliders);
    this.byName.set(desc.name, index);
    for (const c of colliders) this.colliderOwner.set(c.handle, index);
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

  readPose(body: BodyHandle, out: Float64Array, offset = 0): void {
    const rb = this.rigid[body]!;
    const t = rb.translation(this.v);
    out[offset] = t.x;
    out[offset + 1] = t.y;
    out[offset + 2] = t.z;
    const r = rb.rotation(this.q);
    out[offset + 3] = r.x;
    out[offset + 4] = r.y;
    out[offset + 5] = r.z;
    out[offset + 6] = r.w;
  }

  readVelocity(body: BodyHandle, out: Float64Array, offset = 0): void {
    const rb = this.rigid[body]!;
    const l = rb.linvel(this.v);
    out[offset] = l.x;
    out[offset + 1] = l.y;
    out[offset + 2] = l.z;
    const a = rb.angvel(this.v);
    out[offset + 3] = a.x;
    out[offset + 4] = a.y;
    out[offset + 5] = a.z;
  }

  setPose(body: BodyHandle, position: Vec3, quaternion: Quat): void {
    const rb = this.rigid[body]!;
    this.v.x = position[0];
    this.v.y = position[1];
    this.v.z = position[2];
    this.q.x = quaternion[0];
    this.q.y = quaternion[1];
    this.q.z = quaternion[2];
    this.q.w = quaternion[3];
    rb.setTranslation(this.v, true);
    rb.setRotation(this.q, true);
    if (this.records[body]!.kind === 'kinematic') {
      rb.setNextKinematicTranslation(this.v);
      rb.setNextKinematicRotation(this.q);
    }
    // Colliders follow at the next step; queries before it must see the new pose.
    this.world.propagateModifiedBodyPositionsToColliders();
  }

  setVelocity(body: BodyHandle, linear: Vec3, angular: Vec3): void {
    const rb = this.rigid[body]!;
    if (!rb.isDynamic()) return;
    this.v.x = linear[0];
    this.v.y = linear[1];
    this.v.z = linear[2];
    rb.setLinvel(this.v, true);
    this.v.x = angular[0];
    this.v.y = angular[1];
    this.v.z = angular[2];
    rb.setAngvel(this.v, true);
  }

  setKinematicTarget(body: BodyHandle, px: number, py: number, pz: number, qx: number, qy: number, qz: number, qw: number): void {
    const rb = this.rigid[body]!;
    this.v.x = px;
    this.v.y = py;
    this.v.z = pz;
    this.q.x = qx;
    this.q.y = qy;
    this.q.z = qz;
    this.q.w = qw;
    rb.setNextKinematicTranslation(this.v);
    rb.setNextKinematicRotation(this.q);
  }

  step(): void {
    if (this.beforeStep) this.beforeStep();
    this.rawStep();
    this.steps++;
    if (this.afterStep) this.afterStep();
  }

  contacts(body: BodyHandle, maxDistance: number): Contact[] {
    const best = new Map<BodyHandle, number>();
    for (const c of this.colliders[body]!) {
      this.world.contactPairsWith(c, (other) => {
        const owner = this.colliderOwner.get(other.handle);
        if (owner === undefined || owner === body) return;
        const hit = c.contactCollider(other, maxDistance);
        if (!hit) return;
        const prev = best.get(owner);
        if (prev === undefined || hit.distance < prev) best.set(owner, hit.distance);
      });
    }
    const out: Contact[] = [];
    for (const [b, distance] of best) out.push({ body: b, distance });
    out.sort((a, b) => a.distance - b.distance || a.body - b.body);
    return out;
  }

  distance(a: BodyHandle, b: BodyHandle, maxDistance: number): number | null {
    let best: number | null = null;
    for (const ca of this.colliders[a]!) {
      for (const cb of this.colliders[b]!) {
        const hit = ca.contactCollider(cb, maxDistance);
        if (hit && (best === null || hit.distance < best)) best = hit.distance;
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
    const snap: PhysicsSnapshot = { engine: 'rapier', steps: this.steps, bodies };
    if (withEngineState) {
      const bytes = this.world.takeSnapshot();
      snapshotBuild.set(bytes, this.build);
      snap.engineState = bytes;
    }
    return snap;
  }

  restore(snapshot: PhysicsSnapshot): void {
    const n = this.records.length;
    if (snapshot.bodies.length !== n * BODY_STATE_FLOATS) {
      throw new Error(`physics: snapshot has ${snapshot.bodies.length / BODY_STATE_FLOATS} bodies, the world has ${n}`);
    }
    if (snapshot.engineState && snapshot.engine === 'rapier') {
      const taken = snapshotBuild.get(snapshot.engineState);
      if (taken !== undefined && taken !== this.build) {
        throw new Error(
          `physics: the snapshot's engine state was taken by the ${taken} Rapier build; this world runs the ${this.build} build`,
        );
      }
      const restored = this.R.World.restoreSnapshot(snapshot.engineState);
      worldModule.set(restored, this.R);
      this.world.free();
      this.world = restored;
      this.rigid = this.records.map((r) => restored.getRigidBody(r.handle));
      this.colliders = this.records.map((r) => r.colliderHandles.map((h) => restored.getCollider(h)));
      this.bindStep();
    } else {
      const s = snapshot.bodies;
      for (let i = 0; i < n; i++) {
        if (this.records[i]!.kind === 'fixed') continue;
        const o = i * BODY_STATE_FLOATS;
        this.setPose(i, [s[o]!, s[o + 1]!, s[o + 2]!], [s[o + 3]!, s[o + 4]!, s[o + 5]!, s[o + 6]!]);
        this.setVelocity(i, [s[o + 7]!, s[o + 8]!, s[o + 9]!], [s[o + 10]!, s[o + 11]!, s[o + 12]!]);
      }
    }
    this.steps = snapshot.steps;
  }

  free(): void {
    this.rawGravity?.free();
    this.rawGravity = null;
    this.rawStep = () => {
      throw new Error('physics: the world has been freed');
    };
    this.world.free();
    this.rigid = [];
    this.colliders = [];
  }
}

/** A physics world on the selected Rapier build (rapier-module.ts), loading it if needed. */
export async function createRapierPhysicsWorld(settings: PhysicsSettings): Promise<PhysicsWorld> {
  const build = selectedRapierBuild();
  const R = await loadRapier(build);
  return new RapierPhysicsWorld(newRapierWorld(settings, R), build, R);
}

/** The z component of principal axis `i` (0 = x, 1 = y, 2 = z) rotated by `q`. */
function rotateVec(q: Quat, i: number): number {
  const [x, y, z, w] = q;
  // Third row of the rotation matrix of q.
  const row = [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)];
  return row[i]!;
}
