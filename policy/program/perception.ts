// What a program perceives (docs/architecture.md#perception): `PerceivedWorld` wraps the
// real world and answers the program's scene queries — getObjects, getObject, getPose,
// getBBox, getPoint, distance, evaluate — from a perceived scene: the stated sizes
// (statedScene) and perceived poses. The skills pick, place and push plan from the same
// perceived poses and sizes (sim's PlanningView); what then happens is physics. The
// gripper (getGripper) is proprioception and stays exact; snapshots, `initial` and time
// are the truth, for the trace, the monitors and the success check.
//
//   exact   stated sizes, true poses.
//   noisy   a seeded Gaussian error per object on x, y (σ), z (σ/4), yaw (σ_yaw) and each
//           extent (σ/4, at least 70 % of the stated size), drawn per (task, seed, attempt,
//           object, redraw count) and re-drawn when the object has moved more than 5 mm or
//           turned more than 2° since its last draw; in between it is a fixed offset.
//   pixels  poses and extents estimated from rendered id masks and depth of the three
//           cameras with the pixel monitor's estimator, re-estimated before the first query
//           or planned action (pick, place, push) after an action, when anything (an object
//           or the gripper) moved; motions in between (moveTo, home, …) render nothing.
//           An object no camera sees is not visible: getObjects() leaves it out, and a query,
//           predicate or action naming it throws UnknownObjectError saying it is not visible.

import type {
  MoveOptions,
  ObjectInfo,
  ObjectSpec,
  PickOptions,
  PlaceOptions,
  PlanningView,
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
} from '../../sim/index.ts';
import {
  ArgumentError,
  createRng,
  evaluatePredicate,
  issueText,
  namedPoint,
  POINT_NAMES,
  PredicateSchema,
  predicateObjectIds,
  quatAngleBetween,
  quatFromYaw,
  quatMul,
  setPlanningView,
  statedScene,
  UnknownObjectError,
  worldAABB,
  yawOf,
} from '../../sim/index.ts';
import { estimateSnapshot, snapshotFromScene } from '../../monitor/index.ts';
import type { ObjectObservation, SyncRenderBridge, RenderOptions } from '../../monitor/index.ts';
import { DEFAULT_PERCEPTION_NOISE } from './perception-settings.ts';
import type { PerceptionMode, PerceptionNoise } from './perception-settings.ts';

/** A noisy estimate is re-drawn once the object has moved this far (m) … */
export const REDRAW_DISTANCE = 0.005;
/** … or turned this much (rad) since the last draw. */
export const REDRAW_ANGLE = (2 * Math.PI) / 180;
/** Perceived extents stay at least this fraction of the stated ones. */
const MIN_SIZE_FRACTION = 0.7;
/**
 * The images `pixels` perception estimates from: the pixel monitor's three views at 160×120, a
 * quarter of its pixels, so a render + estimate stays within 60 ms; on the core scenes the
 * estimates stay within 4 mm and about 2° of the truth (test/perception/pixels.test.ts).
 */
export const PIXELS_RENDER: RenderOptions = { rgb: false, ids: true, depth: true, width: 160, height: 120 };
/** Below this change (m, or rad for the gripper's yaw) the world looks the same and is not rendered again. */
const STILL = 1e-4;

export interface PerceptionOptions {
  mode: PerceptionMode;
  /** σ of the noisy mode (default 1 cm, 3°). */
  noise?: PerceptionNoise;
  /** Seeds the noisy mode: the same task, seed and attempt give the same errors. */
  key: { task: string; seed: number; attempt: number };
  /** The pixels mode renders through this (monitor's getRenderBridge). */
  bridge?: SyncRenderBridge | null;
  /** Called after each pixels estimate with its wall time (render + estimate) and the render's part (ms): the bench figure. */
  onEstimate?: (ms: number, renderMs: number) => void;
}

/** One object as perceived: its make-up (stated, with perceived extents) and pose. */
export interface PerceivedObject {
  spec: ObjectSpec;
  pose: Pose;
  yaw: number;
}

/** What pixels perception costs: renders made and the wall time of render + estimate. */
export interface PerceptionStats {
  estimates: number;
  ms: number;
  /** Of `ms`, the time blocked on the render bridge. */
  renderMs: number;
}

interface NoiseDraw {
  n: number;
  /** The true pose when this draw was made. */
  at: Pose;
  d: Vec3;
  dyaw: number;
  dsize: Vec3;
}

function gaussian(rng: { next(): number }): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function round(shape: ObjectSpec['shape']): boolean {
  return shape === 'cylinder' || shape === 'sphere' || shape === 'bowl';
}

/** The perceived extents from a pixel observation: horizontal ones from the footprint, the vertical one as stated. */
function observedSize(stated: ObjectSpec, obs: ObjectObservation): Vec3 {
  const s: Vec3 = [...stated.size];
  const fp = obs.footprint;
  if (!fp || obs.upAxis === 'x' || obs.upAxis === 'y') return s;
  const clamp = (v: number, ref: number): number => Math.min(1.5 * ref, Math.max(0.5 * ref, v));
  if (round(stated.shape)) {
    const d = clamp((fp.long + fp.short) / 2, s[0]);
    return stated.shape === 'sphere' ? [d, d, d] : [d, d, s[2]];
  }
  const [long, short] = s[0] >= s[1] ? [0, 1] : [1, 0];
  s[long] = clamp(fp.long, stated.size[long]!);
  s[short] = clamp(fp.short, stated.size[short]!);
  return s;
}

export class PerceivedWorld implements SimWorld {
  readonly mode: PerceptionMode;
  /** The scene as the program is told it (statedScene of the real one). */
  readonly scene: SceneSpec;
  readonly stats: PerceptionStats = { estimates: 0, ms: 0, renderMs: 0 };
  private readonly inner: SimWorld;
  private readonly noise: PerceptionNoise;
  private readonly key: PerceptionOptions['key'];
  private readonly bridge: SyncRenderBridge | null;
  private readonly onEstimate: ((ms: number, renderMs: number) => void) | null;
  private readonly stated: Map<string, ObjectSpec>;
  private readonly ids: string[];
  private readonly draws = new Map<string, NoiseDraw>();
  private estimates = new Map<string, PerceivedObject | null>();
  /** The first estimate (predicates' `initial`: unmoved). */
  private firstEstimates: Map<string, PerceivedObject | null> | null = null;
  /** pixels: an action ran since the last estimate. */
  private dirty = true;
  private lastRendered: Snapshot | null = null;
  private lastEstimate: Snapshot;
  private readonly steering: boolean;

  constructor(inner: SimWorld, opts: PerceptionOptions) {
    this.inner = inner;
    this.mode = opts.mode;
    this.noise = opts.noise ?? DEFAULT_PERCEPTION_NOISE;
    this.key = opts.key;
    this.bridge = opts.bridge ?? null;
    this.onEstimate = opts.onEstimate ?? null;
    if (this.mode === 'pixels' && !this.bridge) throw new Error('pixels perception needs a render bridge (getRenderBridge)');
    this.scene = statedScene(inner.scene);
    this.stated = new Map(this.scene.objects.map((o) => [o.id, o]));
    this.ids = this.scene.objects.map((o) => o.id);
    this.lastEstimate = snapshotFromScene(this.scene);
    const view: PlanningView = {
      pose: (id) => this.estimates.get(id)?.pose ?? null,
      spec: (id) => this.estimates.get(id)?.spec ?? null,
    };
    this.steering = setPlanningView(inner, view);
    this.refresh();
    this.firstEstimates = new Map(this.estimates);
  }

  /** Whether actions plan from perception (false for a world not built by createWorld). */
  get steersActions(): boolean {
    return this.steering;
  }

  get engine(): SimWorld['engine'] {
    return this.inner.engine;
  }
  get time(): number {
    return this.inner.time;
  }
  get initial(): Snapshot {
    return this.inner.initial;
  }
  get onStep(): SimWorld['onStep'] {
    return this.inner.onStep;
  }
  set onStep(fn: SimWorld['onStep']) {
    this.inner.onStep = fn;
  }

  snapshot(): Snapshot {
    return this.inner.snapshot();
  }
  restore(snapshot: Snapshot): void {
    this.inner.restore(snapshot);
    this.dirty = true;
  }
  free(): void {
    setPlanningView(this.inner, null);
    this.inner.free();
  }

  // ---------------------------------------------------------------- estimating

  /** Brings the estimates up to date with the world (called at the start of every call). */
  private refresh(): void {
    if (this.mode === 'pixels') {
      if (this.dirty) this.estimateFromPixels();
      this.dirty = false;
      return;
    }
    for (const id of this.ids) {
      const truth = this.inner.getPose(id);
      const stated = this.stated.get(id)!;
      if (this.mode === 'exact') {
        this.estimates.set(id, { spec: { ...stated, position: truth.position, yaw: truth.yaw }, pose: truth, yaw: truth.yaw });
        continue;
      }
      const draw = this.drawFor(id, truth);
      const q = quatMul(quatFromYaw(draw.dyaw), truth.quaternion);
      const position: Vec3 = [truth.position[0] + draw.d[0], truth.position[1] + draw.d[1], truth.position[2] + draw.d[2]];
      const size = stated.size.map((s, i) => Math.max(MIN_SIZE_FRACTION * s, s + draw.dsize[i]!)) as Vec3;
      const yaw = yawOf(q);
      this.estimates.set(id, { spec: { ...stated, size, position, yaw }, pose: { position, quaternion: q }, yaw });
    }
  }

  /** The object's current noise draw, re-drawn when it moved or turned enough since the last one. */
  private drawFor(id: string, truth: Pose): NoiseDraw {
    const last = this.draws.get(id);
    if (last) {
      const moved = Math.hypot(
        truth.position[0] - last.at.position[0],
        truth.position[1] - last.at.position[1],
        truth.position[2] - last.at.position[2],
      );
      if (moved <= REDRAW_DISTANCE && quatAngleBetween(truth.quaternion, last.at.quaternion) <= REDRAW_ANGLE) return last;
    }
    const n = last ? last.n + 1 : 0;
    const { task, seed, attempt } = this.key;
    const rng = createRng(`${task}#${seed}#${attempt}#${id}#${n}#perception`);
    const sp = this.noise.position;
    const d: Vec3 = [sp * gaussian(rng), sp * gaussian(rng), (sp / 4) * gaussian(rng)];
    const dyaw = ((this.noise.yawDeg * Math.PI) / 180) * gaussian(rng);
    const e: Vec3 = [(sp / 4) * gaussian(rng), (sp / 4) * gaussian(rng), (sp / 4) * gaussian(rng)];
    const shape = this.stated.get(id)!.shape;
    const dsize: Vec3 = shape === 'sphere' ? [e[0], e[0], e[0]] : round(shape) ? [e[0], e[0], e[2]] : e;
    const draw: NoiseDraw = { n, at: { position: [...truth.position], quaternion: [...truth.quaternion] }, d, dyaw, dsize };
    this.draws.set(id, draw);
    return draw;
  }

  /** Renders the world (when it changed since the last render) and estimates every object from the pixels. */
  private estimateFromPixels(): void {
    const truth = this.inner.snapshot();
    if (this.lastRendered && !changed(this.lastRendered, truth)) return;
    const t0 = performance.now();
    const views = this.bridge!.render(this.inner.scene, truth, PIXELS_RENDER);
    const renderMs = performance.now() - t0;
    const est = estimateSnapshot(this.scene, views, truth.gripper, this.lastEstimate, { t: truth.t, step: truth.step });
    const next = new Map<string, PerceivedObject | null>();
    for (const id of this.ids) {
      const obs = est.observations.get(id)!;
      if (!obs.visible) {
        next.set(id, null);
        continue;
      }
      const stated = this.stated.get(id)!;
      const yaw = yawOf(obs.quaternion);
      const pose: Pose = { position: [...obs.position], quaternion: [...obs.quaternion] };
      next.set(id, { spec: { ...stated, size: observedSize(stated, obs), position: pose.position, yaw }, pose, yaw });
    }
    this.estimates = next;
    this.lastEstimate = est.snapshot;
    this.lastRendered = { t: truth.t, step: truth.step, objects: truth.objects, gripper: truth.gripper };
    const ms = performance.now() - t0;
    this.stats.estimates++;
    this.stats.ms += ms;
    this.stats.renderMs += renderMs;
    this.onEstimate?.(ms, renderMs);
  }

  // ---------------------------------------------------------------- what the program asks

  /** The perceived object, after the same checks the world makes; throws when perception does not see it. */
  private object(v: unknown): PerceivedObject {
    if (typeof v !== 'string') {
      throw new ArgumentError(`The object id must be a string such as "${this.ids[0] ?? 'red_block'}", got ${JSON.stringify(v)}.`);
    }
    if (!this.stated.has(v)) {
      throw new UnknownObjectError(`There is no object named "${v}". Known objects: ${this.ids.join(', ') || 'none'}.`, [v]);
    }
    const o = this.estimates.get(v);
    if (!o) throw this.notVisible(v);
    return o;
  }

  private notVisible(id: string): UnknownObjectError {
    const visible = this.ids.filter((i) => this.estimates.get(i));
    return new UnknownObjectError(
      `${id} is not visible to any camera, so its pose is unknown (pixels perception). Visible objects: ${visible.join(', ') || 'none'}.`,
      [id],
    );
  }

  /** For actions: an id perception does not see fails before the robot moves; other checks are the world's. */
  private requireVisible(v: unknown): void {
    if (typeof v === 'string' && this.stated.has(v) && !this.estimates.get(v)) throw this.notVisible(v);
  }

  private info(o: PerceivedObject): ObjectInfo {
    const s = o.spec;
    return { id: s.id, shape: s.shape, color: s.color, size: [...s.size], position: [...o.pose.position], yaw: o.yaw };
  }

  /** The perceived object (null: not visible), without checks, after bringing estimates up to date. */
  perceived(id: string): PerceivedObject | null {
    this.refresh();
    return this.estimates.get(id) ?? null;
  }

  getObjects(): ObjectInfo[] {
    this.refresh();
    const out: ObjectInfo[] = [];
    for (const id of this.ids) {
      const o = this.estimates.get(id);
      if (o) out.push(this.info(o));
    }
    return out;
  }

  getObject(id: string): ObjectInfo {
    this.refresh();
    return this.info(this.object(id));
  }

  getPose(id: string): Pose & { yaw: number } {
    this.refresh();
    const o = this.object(id);
    return { position: [...o.pose.position], quaternion: [...o.pose.quaternion], yaw: o.yaw };
  }

  getBBox(id: string): { min: Vec3; max: Vec3 } {
    this.refresh();
    const o = this.object(id);
    return worldAABB(o.spec, o.pose);
  }

  getPoint(id: string, name: PointName): Vec3 {
    this.refresh();
    const o = this.object(id);
    if (!POINT_NAMES.includes(name)) {
      throw new ArgumentError(`Unknown point name ${JSON.stringify(name)}; points are ${POINT_NAMES.join(', ')}.`, [id]);
    }
    const p = namedPoint(o.spec, o.pose, name);
    if (!p) throw new ArgumentError(`The point "inside" exists only for bowls and trays; ${id} is a ${o.spec.shape}.`, [id]);
    return p;
  }

  getGripper(): ReturnType<SimWorld['getGripper']> {
    return this.inner.getGripper();
  }

  getTable(): { min: Vec2; max: Vec2 } {
    return this.inner.getTable();
  }

  distance(a: Target, b: Target): number {
    this.refresh();
    const at = (t: Target): Target => (typeof t === 'string' ? this.object(t).pose.position : t);
    // The world checks the vectors and measures (horizontal when either is [x, y]).
    return this.inner.distance(at(a), at(b));
  }

  evaluate(p: Predicate): PredicateResult {
    this.refresh();
    const parsed = PredicateSchema.safeParse(p);
    if (!parsed.success) {
      throw new ArgumentError(
        `Not a valid predicate: ${JSON.stringify(p)} (${parsed.error.issues[0] ? issueText(parsed.error.issues[0]) : 'invalid'}).`,
      );
    }
    for (const id of predicateObjectIds(parsed.data)) this.object(id);
    return evaluatePredicate(parsed.data, this.predicateView(this.inner.getGripper().holding));
  }

  /** The perceived scene and state predicates are evaluated on (objects not visible left out). */
  private predicateView(holding: string | null): { scene: SceneSpec; state: Snapshot; initial: Snapshot } {
    const visible = this.ids.filter((id) => this.estimates.get(id));
    const stateOf = (m: Map<string, PerceivedObject | null>, fallback: Map<string, PerceivedObject | null>): Snapshot['objects'] => {
      const out: Snapshot['objects'] = {};
      for (const id of visible) {
        const o = (m.get(id) ?? fallback.get(id))!;
        out[id] = { position: [...o.pose.position], quaternion: [...o.pose.quaternion], linvel: [0, 0, 0], angvel: [0, 0, 0] };
      }
      return out;
    };
    const g = this.inner.getGripper();
    const gripper = { position: g.position, yaw: g.yaw, width: g.width, holding, approach: this.inner.initial.gripper.approach };
    const first = this.firstEstimates ?? this.estimates;
    return {
      scene: { objects: visible.map((id) => this.estimates.get(id)!.spec), zones: this.scene.zones },
      state: { t: this.inner.time, step: 0, objects: stateOf(this.estimates, this.estimates), gripper },
      initial: { t: 0, step: 0, objects: stateOf(first, this.estimates), gripper },
    };
  }

  // ---------------------------------------------------------------- actions (planned from perception)

  /**
   * Runs an action; `plans` (pick, place, push: they plan from the perceived poses) brings the
   * estimates up to date first. The other actions use no perception, so the world is rendered
   * again only when the program next asks about it or plans from it, not after every motion.
   */
  private act<T>(fn: () => T, plans = false): T {
    if (plans) this.refresh();
    try {
      return fn();
    } finally {
      this.dirty = true;
    }
  }

  pick(id: string, opts?: PickOptions): void {
    this.act(() => {
      this.requireVisible(id);
      this.inner.pick(id, opts);
    }, true);
  }

  place(target: Target, opts?: PlaceOptions): void {
    this.act(() => {
      this.requireVisible(target);
      this.inner.place(target, opts);
    }, true);
  }

  push(id: string, direction: Vec2, distance: number, opts?: PushOptions): void {
    this.act(() => {
      this.requireVisible(id);
      this.inner.push(id, direction, distance, opts);
    }, true);
  }

  moveTo(position: Vec3, opts?: MoveOptions): void {
    this.act(() => this.inner.moveTo(position, opts));
  }
  moveBy(delta: Vec3): void {
    this.act(() => this.inner.moveBy(delta));
  }
  rotateTo(yaw: number): void {
    this.act(() => this.inner.rotateTo(yaw));
  }
  openGripper(): void {
    this.act(() => this.inner.openGripper());
  }
  closeGripper(): string | null {
    return this.act(() => this.inner.closeGripper());
  }
  home(): void {
    this.act(() => this.inner.home());
  }
  wait(seconds: number): void {
    this.act(() => this.inner.wait(seconds));
  }
}

/** Whether anything the cameras see moved between two states. */
function changed(a: Snapshot, b: Snapshot): boolean {
  const ga = a.gripper,
    gb = b.gripper;
  if (
    ga.approach !== gb.approach ||
    Math.abs(ga.width - gb.width) > STILL ||
    Math.abs(ga.yaw - gb.yaw) > STILL ||
    ga.position.some((v, i) => Math.abs(v - gb.position[i]!) > STILL)
  )
    return true;
  for (const [id, s] of Object.entries(b.objects)) {
    const p = a.objects[id];
    if (!p) return true;
    if (s.position.some((v, i) => Math.abs(v - p.position[i]!) > STILL)) return true;
    if (quatAngleBetween(s.quaternion, p.quaternion) > STILL) return true;
  }
  return false;
}

/**
 * The scene facts of a perceived world: the stated scene with each visible object at its
 * perceived pose and size, objects no camera sees left out (prompts and queries agree).
 */
export function perceivedScene(world: PerceivedWorld): SceneSpec {
  const objects: ObjectSpec[] = [];
  for (const o of world.scene.objects) {
    const p = world.perceived(o.id);
    if (p) objects.push({ ...p.spec, size: [...p.spec.size], position: [...p.pose.position], yaw: p.yaw });
  }
  return { objects, zones: world.scene.zones.map((z) => ({ ...z })) };
}
