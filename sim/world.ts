// The live simulated world (SimWorld of types.ts): builds the physics from a
// SceneSpec, checks every argument, runs skills, answers queries, takes snapshots.

import { ArgumentError, UnknownObjectError } from './errors.ts';
import { issueText } from './format.ts';
import { gripperQuaternion } from './gripper-geometry.ts';
import { POINT_NAMES, namedPoint } from './object-geometry.ts';
import { BODY_STATE_FLOATS, type PhysicsSettings, type PhysicsSnapshot, type PhysicsWorld } from './physics-world.ts';
import { yawOf } from './pose-math.ts';
import { evaluatePredicate } from './predicates.ts';
import { PredicateSchema, predicateObjectIds } from './predicate-schema.ts';
import { createCannonPhysicsWorld } from './cannon-world.ts';
import { createRapierPhysicsWorld } from './rapier-world.ts';
import { MOTION, type PlanningView, Robot } from './robot.ts';
import { sceneBodies } from './scene-bodies.ts';
import { checkReach, pick, place, push, travelTo } from './skills.ts';
import type {
  EngineName,
  MoveOptions,
  ObjectInfo,
  ObjectState,
  PickOptions,
  PlaceOptions,
  PointName,
  Pose,
  Predicate,
  PredicateResult,
  PushOptions,
  SceneSpec,
  SimWorld,
  Snapshot,
  Target,
  Vec2,
  Vec3,
  WorldOptions,
} from './types.ts';
import { GRIPPER, PHYSICS_HZ, SHAPES, TABLE } from './types.ts';

/** Engine settings shared by the world and the bare benchmark scene. */
export const PHYSICS_SETTINGS: PhysicsSettings = {
  hz: PHYSICS_HZ,
  gravity: [0, 0, -9.81],
  solverIterations: 4,
  // Objects are a few centimetres: tighter contact tolerances than the 1 m default.
  lengthUnit: 0.1,
};

/** Simulated seconds the world settles for at build time. */
export const SETTLE_SECONDS = 0.3;

/** Longest simulated-seconds budget (`timeLimit`) a world takes; task files are held to it too. */
export const MAX_TIME_LIMIT = 1e6;

export interface CreateWorldOptions extends WorldOptions {
  /** How far each finger presses past first contact (m); default MOTION.squeeze. 0 holds nothing. */
  squeeze?: number;
}

// ------------------------------------------------------------------ argument checks

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function vecArg(v: unknown, what: string, lengths: readonly number[]): number[] {
  if (!Array.isArray(v) || !lengths.includes(v.length) || !v.every(isNum)) {
    const shape = lengths.map((n) => (n === 2 ? '[x, y]' : '[x, y, z]')).join(' or ');
    throw new ArgumentError(`${what} must be ${shape} with finite numbers (metres), got ${JSON.stringify(v)}.`);
  }
  return v as number[];
}

function numArg(v: unknown, what: string, min: number, max: number, unit = ''): number {
  if (!isNum(v) || v < min || v > max) {
    throw new ArgumentError(`${what} must be a number from ${min} to ${max}${unit}, got ${JSON.stringify(v)}.`);
  }
  return v;
}

function optionsArg<T extends object>(v: unknown, what: string, keys: readonly string[]): T {
  if (v === undefined || v === null) return {} as T;
  if (typeof v !== 'object' || Array.isArray(v)) throw new ArgumentError(`${what} options must be an object, got ${JSON.stringify(v)}.`);
  for (const k of Object.keys(v)) {
    if (!keys.includes(k)) throw new ArgumentError(`${what} has no option "${k}"; it takes ${keys.join(', ')}.`);
  }
  return v as T;
}

function validateScene(scene: SceneSpec): void {
  const seen = new Set<string>();
  for (const o of scene.objects) {
    if (typeof o.id !== 'string' || o.id.length === 0) throw new ArgumentError('Every object needs a non-empty id.');
    if (o.id === 'table' || o.id === 'floor' || o.id.startsWith('gripper_')) {
      throw new ArgumentError(`Object id "${o.id}" is reserved; choose another.`);
    }
    if (seen.has(o.id)) throw new ArgumentError(`Object id "${o.id}" appears twice in the scene.`);
    seen.add(o.id);
    if (!SHAPES.includes(o.shape)) throw new ArgumentError(`${o.id} has unknown shape "${o.shape}"; shapes are ${SHAPES.join(', ')}.`);
    if (!o.size.every((s) => isNum(s) && s > 0))
      throw new ArgumentError(`${o.id} has size ${JSON.stringify(o.size)}; sizes must be positive metres.`);
    if (!(isNum(o.mass) && o.mass > 0)) throw new ArgumentError(`${o.id} has mass ${o.mass}; it must be positive (kg).`);
    if (!(isNum(o.friction) && o.friction >= 0)) throw new ArgumentError(`${o.id} has friction ${o.friction}; it must be ≥ 0.`);
    if (!(o.position.length === 3 && o.position.every(isNum) && isNum(o.yaw))) {
      throw new ArgumentError(`${o.id} needs a position [x, y, z] and a yaw; got ${JSON.stringify(o.position)}, ${o.yaw}.`);
    }
  }
}

// ------------------------------------------------------------------ the world

class World implements SimWorld {
  readonly scene: SceneSpec;
  readonly engine: EngineName;
  initial!: Snapshot;
  private readonly physics: PhysicsWorld;
  private readonly robot: Robot;
  private readonly ids: string[];
  private stepHook: ((world: SimWorld) => void) | null = null;
  private freed = false;

  constructor(scene: SceneSpec, engine: EngineName, physics: PhysicsWorld, robot: Robot) {
    this.scene = scene;
    this.engine = engine;
    this.physics = physics;
    this.robot = robot;
    this.ids = scene.objects.map((o) => o.id);
  }

  get onStep(): ((world: SimWorld) => void) | null {
    return this.stepHook;
  }

  set onStep(fn: ((world: SimWorld) => void) | null) {
    this.stepHook = fn;
    this.robot.onStep = fn ? () => fn(this) : null;
  }

  get time(): number {
    return this.robot.time;
  }

  /** What skills plan from (perception); null plans from the truth. */
  setPlanningView(view: PlanningView | null): void {
    this.robot.planning = view;
  }

  // ---------------------------------------------------------------- helpers

  private id(v: unknown, what = 'object id'): string {
    if (typeof v !== 'string')
      throw new ArgumentError(`The ${what} must be a string such as "${this.ids[0] ?? 'red_block'}", got ${JSON.stringify(v)}.`);
    if (!this.robot.specs.has(v)) {
      throw new UnknownObjectError(`There is no object named "${v}". Known objects: ${this.ids.join(', ') || 'none'}.`, [v]);
    }
    return v;
  }

  private target(v: unknown, what: string): Target {
    if (typeof v === 'string') return this.id(v);
    return vecArg(v, what, [2, 3]) as Vec2 | Vec3;
  }

  private alive(): void {
    if (this.freed) throw new Error('This world has been freed.');
  }

  /** Runs an action with its name set for timeout messages. */
  private act<T>(label: string, fn: () => T): T {
    this.alive();
    this.robot.activity = label;
    try {
      return fn();
    } finally {
      this.robot.activity = '';
    }
  }

  private objectState(buf: Float64Array, handleIndex: number): ObjectState {
    const o = handleIndex * BODY_STATE_FLOATS;
    return {
      position: [buf[o]!, buf[o + 1]!, buf[o + 2]!],
      quaternion: [buf[o + 3]!, buf[o + 4]!, buf[o + 5]!, buf[o + 6]!],
      linvel: [buf[o + 7]!, buf[o + 8]!, buf[o + 9]!],
      angvel: [buf[o + 10]!, buf[o + 11]!, buf[o + 12]!],
    };
  }

  /** Current state; engineState only when asked (it is the expensive part). */
  capture(withEngineState: boolean): Snapshot {
    const ps = this.physics.snapshot(withEngineState);
    const objects: Record<string, ObjectState> = {};
    for (const id of this.ids) objects[id] = this.objectState(ps.bodies, this.robot.bodies.get(id)!);
    const r = this.robot;
    const snap: Snapshot = {
      t: r.time,
      step: r.steps,
      objects,
      gripper: {
        position: [r.position[0], r.position[1], r.position[2]],
        yaw: r.yaw,
        approach: r.approach,
        width: r.width,
        holding: r.detectHolding(),
      },
    };
    const offset = r.graspOffset;
    if (offset && snap.gripper.holding === r.heldId) snap.graspOffset = offset;
    if (ps.engineState) snap.engineState = ps.engineState;
    return snap;
  }

  // ---------------------------------------------------------------- snapshots

  snapshot(): Snapshot {
    this.alive();
    return this.capture(true);
  }

  restore(snapshot: Snapshot): void {
    this.alive();
    for (const id of this.ids) {
      if (!snapshot.objects[id]) throw new ArgumentError(`The snapshot has no state for ${id}; it was taken in a different scene.`);
    }
    const g = snapshot.gripper;
    // Poses and velocities for an approximate restore when engineState is absent (e.g. read from JSON).
    const current = this.physics.snapshot(false);
    const bodies = current.bodies;
    for (const id of this.ids) {
      const s = snapshot.objects[id]!;
      const o = this.robot.bodies.get(id)! * BODY_STATE_FLOATS;
      bodies.set([...s.position, ...s.quaternion, ...s.linvel, ...s.angvel], o);
    }
    const ps: PhysicsSnapshot = { engine: this.engine, steps: this.robot.startSteps + snapshot.step, bodies };
    if (snapshot.engineState) ps.engineState = snapshot.engineState;
    this.physics.restore(ps);
    if (snapshot.engineState) {
      const r = this.robot;
      r.position = [g.position[0], g.position[1], g.position[2]];
      r.yaw = g.yaw;
      r.approach = g.approach;
      r.width = g.width;
      r.quaternion = gripperQuaternion(g.yaw, g.approach);
    } else {
      this.robot.teleport(g.position, g.yaw, g.approach, g.width);
    }
    this.robot.syncHold(g.holding, snapshot.graspOffset);
  }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.physics.free();
  }

  // ---------------------------------------------------------------- queries

  private info(id: string): ObjectInfo {
    const spec = this.robot.specs.get(id)!;
    const pose = this.robot.objectPose(id);
    return {
      id,
      shape: spec.shape,
      color: spec.color,
      size: [...spec.size],
      position: pose.position,
      yaw: yawOf(pose.quaternion),
    };
  }

  getObjects(): ObjectInfo[] {
    this.alive();
    return this.ids.map((id) => this.info(id));
  }

  getObject(id: string): ObjectInfo {
    this.alive();
    return this.info(this.id(id));
  }

  getPose(id: string): Pose & { yaw: number } {
    this.alive();
    const pose = this.robot.objectPose(this.id(id));
    return { ...pose, yaw: yawOf(pose.quaternion) };
  }

  getBBox(id: string): { min: Vec3; max: Vec3 } {
    this.alive();
    return this.robot.objectAABB(this.id(id));
  }

  getPoint(id: string, name: PointName): Vec3 {
    this.alive();
    const oid = this.id(id);
    if (!POINT_NAMES.includes(name)) {
      throw new ArgumentError(`Unknown point name ${JSON.stringify(name)}; points are ${POINT_NAMES.join(', ')}.`, [oid]);
    }
    const spec = this.robot.specs.get(oid)!;
    const p = namedPoint(spec, this.robot.objectPose(oid), name);
    if (!p) throw new ArgumentError(`The point "inside" exists only for bowls and trays; ${oid} is a ${spec.shape}.`, [oid]);
    return p;
  }

  getGripper(): { position: Vec3; yaw: number; width: number; holding: string | null } {
    this.alive();
    const r = this.robot;
    return { position: [r.position[0], r.position[1], r.position[2]], yaw: r.yaw, width: r.width, holding: r.detectHolding() };
  }

  getTable(): { min: Vec2; max: Vec2 } {
    return { min: [-TABLE.size[0] / 2, -TABLE.size[1] / 2], max: [TABLE.size[0] / 2, TABLE.size[1] / 2] };
  }

  distance(a: Target, b: Target): number {
    this.alive();
    const pa = this.target(a, 'The first argument of distance');
    const pb = this.target(b, 'The second argument of distance');
    const p = (t: Target): number[] => (typeof t === 'string' ? this.robot.objectPose(t).position : t);
    const va = p(pa),
      vb = p(pb);
    if (va.length === 2 || vb.length === 2) return Math.hypot(va[0]! - vb[0]!, va[1]! - vb[1]!);
    return Math.hypot(va[0]! - vb[0]!, va[1]! - vb[1]!, va[2]! - vb[2]!);
  }

  evaluate(p: Predicate): PredicateResult {
    this.alive();
    const parsed = PredicateSchema.safeParse(p);
    if (!parsed.success) {
      throw new ArgumentError(
        `Not a valid predicate: ${JSON.stringify(p)} (${parsed.error.issues[0] ? issueText(parsed.error.issues[0]) : 'invalid'}).`,
      );
    }
    for (const id of predicateObjectIds(parsed.data)) this.id(id);
    return evaluatePredicate(parsed.data, { scene: this.scene, state: this.capture(false), initial: this.initial });
  }

  // ---------------------------------------------------------------- actions

  pick(id: string, opts?: PickOptions): void {
    this.act(`pick(${JSON.stringify(id)})`, () => {
      const oid = this.id(id);
      const o = optionsArg<PickOptions>(opts, 'pick', ['approach', 'liftHeight', 'speed']);
      if (o.approach !== undefined && o.approach !== 'top' && o.approach !== 'side') {
        throw new ArgumentError(`pick's approach must be "top" or "side", got ${JSON.stringify(o.approach)}.`, [oid]);
      }
      if (o.liftHeight !== undefined) numArg(o.liftHeight, "pick's liftHeight", 0, 0.4, ' m');
      this.slowed(o.speed, "pick's speed", () => pick(this.robot, oid, o));
    });
  }

  place(target: Target, opts?: PlaceOptions): void {
    this.act(`place(${JSON.stringify(target)})`, () => {
      const t = this.target(target, 'The place target');
      const o = optionsArg<PlaceOptions>(opts, 'place', ['offset', 'yaw', 'releaseHeight', 'speed']);
      if (o.offset !== undefined) vecArg(o.offset, "place's offset", [2]);
      if (o.yaw !== undefined) numArg(o.yaw, "place's yaw", -2 * Math.PI, 2 * Math.PI, ' rad');
      if (o.releaseHeight !== undefined) numArg(o.releaseHeight, "place's releaseHeight", 0, 0.2, ' m');
      this.slowed(o.speed, "place's speed", () => place(this.robot, t, o));
    });
  }

  push(id: string, direction: Vec2, distance: number, opts?: PushOptions): void {
    this.act(`push(${JSON.stringify(id)})`, () => {
      const oid = this.id(id);
      const dir = vecArg(direction, "push's direction", [2]) as Vec2;
      if (Math.hypot(dir[0], dir[1]) < 1e-9)
        throw new ArgumentError(`push's direction ${JSON.stringify(direction)} has zero length.`, [oid]);
      numArg(distance, "push's distance", 0.001, 0.6, ' m');
      const o = optionsArg<PushOptions>(opts, 'push', ['height', 'speed']);
      if (o.height !== undefined) numArg(o.height, "push's height", 0, TABLE.workspace.max[2], ' m');
      this.slowed(o.speed, "push's speed", () => push(this.robot, oid, dir, distance, o));
    });
  }

  /** Runs a skill with its motions capped at `speed` (m/s) when given. */
  private slowed(speed: number | undefined, what: string, run: () => void): void {
    if (speed === undefined) {
      run();
      return;
    }
    this.robot.speedLimit = numArg(speed, what, 0.01, MOTION.maxSpeed, ' m/s');
    try {
      run();
    } finally {
      this.robot.speedLimit = null;
    }
  }

  moveTo(position: Vec3, opts?: MoveOptions): void {
    this.act(`moveTo(${JSON.stringify(position)})`, () => {
      const p = vecArg(position, 'moveTo position', [3]) as Vec3;
      const o = optionsArg<MoveOptions>(opts, 'moveTo', ['yaw', 'speed']);
      const yaw = o.yaw === undefined ? this.robot.yaw : numArg(o.yaw, "moveTo's yaw", -2 * Math.PI, 2 * Math.PI, ' rad');
      const speed = o.speed === undefined ? MOTION.speed : numArg(o.speed, "moveTo's speed", 0.001, MOTION.maxSpeed, ' m/s');
      checkReach(p, 'moveTo target');
      const r = this.robot;
      r.moveLinear([p[0], p[1], p[2]], gripperQuaternion(yaw, r.approach), yaw, r.approach, {
        speed,
        phase: `moving to ${JSON.stringify(p)}`,
      });
    });
  }

  moveBy(delta: Vec3): void {
    this.act(`moveBy(${JSON.stringify(delta)})`, () => {
      const d = vecArg(delta, 'moveBy delta', [3]);
      const r = this.robot;
      const p: Vec3 = [r.position[0] + d[0]!, r.position[1] + d[1]!, r.position[2] + d[2]!];
      checkReach(p, 'moveBy target');
      r.moveLinear(p, r.quaternion, r.yaw, r.approach, { phase: `moving by ${JSON.stringify(d)}` });
    });
  }

  rotateTo(yaw: number): void {
    this.act(`rotateTo(${yaw})`, () => {
      const y = numArg(yaw, 'rotateTo yaw', -2 * Math.PI, 2 * Math.PI, ' rad');
      const r = this.robot;
      r.moveLinear([...r.position], gripperQuaternion(y, r.approach), y, r.approach, { phase: `turning to yaw ${y.toFixed(2)} rad` });
    });
  }

  openGripper(): void {
    this.act('openGripper()', () => this.robot.release(GRIPPER.maxOpening));
  }

  closeGripper(): string | null {
    return this.act('closeGripper()', () => this.robot.closeOnObject());
  }

  home(): void {
    this.act('home()', () => {
      const h: Vec3 = [TABLE.home[0], TABLE.home[1], TABLE.home[2]];
      travelTo(this.robot, h, 0, 'top', 'moving home');
    });
  }

  wait(seconds: number): void {
    this.act(`wait(${seconds})`, () => {
      const s = numArg(seconds, 'wait seconds', 0, 600, ' s');
      this.robot.wait(s);
    });
  }
}

/**
 * Makes the skills of a world built by createWorld plan from `view` (perceived poses and
 * sizes, policy/program/perception.ts); null restores planning from the truth. Returns
 * false for another SimWorld, whose skills are not ours to steer.
 */
export function setPlanningView(world: SimWorld, view: PlanningView | null): boolean {
  if (!(world instanceof World)) return false;
  world.setPlanningView(view);
  return true;
}

/** Builds a world from a resolved scene, lets it settle and records `initial`. */
export async function createWorld(scene: SceneSpec, opts: CreateWorldOptions = {}): Promise<SimWorld> {
  const engine = opts.engine ?? 'rapier';
  if (engine !== 'rapier' && engine !== 'cannon') {
    throw new ArgumentError(`Unknown physics engine ${JSON.stringify(engine)}; engines are "rapier" and "cannon".`);
  }
  validateScene(scene);
  if (opts.timeLimit !== undefined) numArg(opts.timeLimit, 'timeLimit', 0, MAX_TIME_LIMIT, ' s');
  if (opts.squeeze !== undefined) numArg(opts.squeeze, 'squeeze', 0, 0.005, ' m');
  const spec: SceneSpec = structuredClone(scene);
  const physics = engine === 'cannon' ? await createCannonPhysicsWorld(PHYSICS_SETTINGS) : await createRapierPhysicsWorld(PHYSICS_SETTINGS);
  for (const body of sceneBodies(spec)) physics.addBody(body);
  const robot = new Robot(physics, spec);
  if (opts.squeeze !== undefined) robot.squeeze = opts.squeeze;
  const settle = Math.round(SETTLE_SECONDS * PHYSICS_HZ);
  for (let i = 0; i < settle; i++) physics.step();
  robot.startSteps = physics.steps;
  robot.timeLimit = opts.timeLimit;
  const world = new World(spec, engine, physics, robot);
  world.initial = world.capture(true);
  return world;
}
