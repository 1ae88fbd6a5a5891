// A small deterministic in-memory SimWorld for the policy tests: no physics, objects
// move only when picked, placed or pushed, time advances by fixed rules. Knobs make it
// fail on purpose (a slippery object, a crash inside a skill).

import {
  PolicyError,
  TABLE,
  type GripperState,
  type ObjectInfo,
  type ObjectSpec,
  type PointName,
  type Pose,
  type Predicate,
  type PredicateResult,
  type SceneSpec,
  type SimWorld,
  type Snapshot,
  type Target,
  type Vec2,
  type Vec3,
} from '../../sim/index.ts';

export interface FakeWorldOptions {
  /** Objects whose grasp fails (GraspError). */
  slippery?: string[];
  /** A skill that throws a plain TypeError (a bug in the world) when called. */
  crashIn?: string;
  /** Seconds a pick takes (default 2). */
  pickSeconds?: number;
}

export const FAKE_SCENE: SceneSpec = {
  objects: [
    { id: 'red_block', shape: 'box', color: 'red', size: [0.04, 0.04, 0.04], mass: 0.1, friction: 0.8, position: [-0.1, 0, 0.02], yaw: 0 },
    {
      id: 'blue_block',
      shape: 'box',
      color: 'blue',
      size: [0.05, 0.05, 0.05],
      mass: 0.1,
      friction: 0.8,
      position: [0.1, 0.05, 0.025],
      yaw: 0.3,
    },
    {
      id: 'green_bowl',
      shape: 'bowl',
      color: 'green',
      size: [0.14, 0.14, 0.06],
      mass: 0.3,
      friction: 0.8,
      position: [0.2, -0.1, 0.03],
      yaw: 0,
    },
  ],
  zones: [{ id: 'goal', min: [0.2, 0.1], max: [0.35, 0.25], color: 'green' }],
};

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export class FakeWorld implements SimWorld {
  readonly scene: SceneSpec;
  readonly engine = 'rapier' as const;
  time = 0;
  onStep: ((world: SimWorld) => void) | null = null;
  readonly initial: Snapshot;
  /** Names of the world methods called, in order. */
  readonly calls: string[] = [];
  private objects: Map<string, ObjectSpec>;
  private gripper: GripperState = { position: [...TABLE.home], yaw: 0, approach: 'top', width: 0.08, holding: null };

  private readonly options: FakeWorldOptions;
  constructor(options: FakeWorldOptions = {}, scene: SceneSpec = FAKE_SCENE) {
    this.options = options;
    this.scene = clone(scene);
    this.objects = new Map(this.scene.objects.map((o) => [o.id, clone(o)]));
    this.initial = this.snapshot();
  }

  private enter(name: string): void {
    this.calls.push(name);
    if (this.options.crashIn === name) throw new TypeError(`fake crash in ${name}`);
  }

  private obj(id: string): ObjectSpec {
    const o = this.objects.get(id);
    if (!o) throw new PolicyError('UnknownObjectError', `no object '${id}'`, [id]);
    return o;
  }

  private advance(seconds: number): void {
    // Whole steps at 240 Hz, so times are what a stepped engine would report.
    const steps = Math.max(1, Math.round(seconds * 240));
    for (let i = 0; i < steps; i++) {
      this.time += 1 / 240;
      this.onStep?.(this);
    }
  }

  private reachable(p: Vec3): void {
    const { min, max } = TABLE.workspace;
    if (p.some((v, i) => v < min[i]! || v > max[i]!)) {
      throw new PolicyError('ReachError', `[${p.join(', ')}] is outside the workspace`);
    }
  }

  snapshot(): Snapshot {
    const objects: Snapshot['objects'] = {};
    for (const o of this.objects.values()) {
      objects[o.id] = {
        position: [...o.position],
        quaternion: [0, 0, Math.sin(o.yaw / 2), Math.cos(o.yaw / 2)],
        linvel: [0, 0, 0],
        angvel: [0, 0, 0],
      };
    }
    return {
      t: this.time,
      step: Math.round(this.time * 240),
      objects,
      gripper: clone(this.gripper),
      engineState: new Uint8Array([1, 2, 3]),
    };
  }
  restore(s: Snapshot): void {
    this.time = s.t;
    for (const [id, st] of Object.entries(s.objects)) this.obj(id).position = [...st.position];
    this.gripper = clone(s.gripper);
  }
  free(): void {}

  getObjects(): ObjectInfo[] {
    return [...this.objects.values()].map((o) => this.getObject(o.id));
  }
  getObject(id: string): ObjectInfo {
    const o = this.obj(id);
    return { id: o.id, shape: o.shape, color: o.color, size: [...o.size], position: [...o.position], yaw: o.yaw };
  }
  getPose(id: string): Pose & { yaw: number } {
    const o = this.obj(id);
    return { position: [...o.position], quaternion: [0, 0, Math.sin(o.yaw / 2), Math.cos(o.yaw / 2)], yaw: o.yaw };
  }
  getBBox(id: string): { min: Vec3; max: Vec3 } {
    const o = this.obj(id);
    return { min: o.position.map((v, i) => v - o.size[i]! / 2) as Vec3, max: o.position.map((v, i) => v + o.size[i]! / 2) as Vec3 };
  }
  getPoint(id: string, name: PointName): Vec3 {
    const { min, max } = this.getBBox(id);
    const c = this.obj(id).position;
    switch (name) {
      case 'top':
        return [c[0], c[1], max[2]];
      case 'bottom':
        return [c[0], c[1], min[2]];
      case 'left':
        return [min[0], c[1], c[2]];
      case 'right':
        return [max[0], c[1], c[2]];
      case 'front':
        return [c[0], min[1], c[2]];
      case 'back':
        return [c[0], max[1], c[2]];
      case 'inside':
        return [c[0], c[1], min[2] + 0.01];
      default:
        return [...c];
    }
  }
  getGripper() {
    const g = this.gripper;
    return { position: [...g.position] as Vec3, yaw: g.yaw, width: g.width, holding: g.holding };
  }
  getTable(): { min: Vec2; max: Vec2 } {
    return { min: [-0.5, -0.4], max: [0.5, 0.4] };
  }
  distance(a: Target, b: Target): number {
    const p = (t: Target): number[] => (typeof t === 'string' ? this.obj(t).position : t);
    const pa = p(a);
    const pb = p(b);
    return Math.hypot(pa[0]! - pb[0]!, pa[1]! - pb[1]!, (pa[2] ?? pb[2] ?? 0) - (pb[2] ?? pa[2] ?? 0));
  }
  evaluate(p: Predicate): PredicateResult {
    const r = (ok: boolean, detail: string): PredicateResult => ({ ok, detail });
    if ('grasped' in p) return r(this.gripper.holding === p.grasped, `holding ${this.gripper.holding}`);
    if ('on' in p) {
      const [a, b] = [this.obj(p.on[0] as string), this.obj(p.on[1] as string)];
      const ok =
        Math.abs(a.position[2] - a.size[2] / 2 - (b.position[2] + b.size[2] / 2)) < 0.005 &&
        Math.hypot(a.position[0] - b.position[0], a.position[1] - b.position[1]) < b.size[0] / 2;
      return r(ok, `${a.id} ${ok ? 'is' : 'is not'} on ${b.id}`);
    }
    if ('inside' in p) {
      const [a, c] = [this.obj(p.inside[0] as string), this.obj(p.inside[1] as string)];
      const ok = Math.hypot(a.position[0] - c.position[0], a.position[1] - c.position[1]) < c.size[0] / 2;
      return r(ok, `${a.id} ${ok ? 'is' : 'is not'} inside ${c.id}`);
    }
    if ('upright' in p) return r(true, `${p.upright} is upright`);
    if ('not' in p) {
      const q = this.evaluate(p.not);
      return r(!q.ok, `not (${q.detail})`);
    }
    if ('all' in p) {
      const qs = p.all.map((q) => this.evaluate(q));
      return r(
        qs.every((q) => q.ok),
        qs.map((q) => q.detail).join('; '),
      );
    }
    return r(false, 'not supported by the fake world');
  }

  pick(id: string): void {
    this.enter('pick');
    const o = this.obj(id);
    this.reachable(o.position);
    this.advance(this.options.pickSeconds ?? 2);
    this.gripper.position = [o.position[0], o.position[1], o.position[2] + 0.1];
    if (this.options.slippery?.includes(id)) {
      this.gripper.width = 0;
      throw new PolicyError('GraspError', `${id} slipped out of the fingers while lifting`, [id]);
    }
    this.gripper.holding = id;
    this.gripper.width = o.size[0];
    o.position = [o.position[0], o.position[1], o.position[2] + 0.1];
  }
  place(target: Target): void {
    this.enter('place');
    const held = this.gripper.holding;
    if (!held) throw new PolicyError('GraspError', 'place: nothing is held');
    const o = this.obj(held);
    let p: Vec3;
    if (typeof target === 'string') {
      const t = this.obj(target);
      p = [t.position[0], t.position[1], t.position[2] + t.size[2] / 2 + o.size[2] / 2];
    } else {
      p = [target[0], target[1], o.size[2] / 2];
    }
    this.reachable(p);
    this.advance(1.5);
    o.position = p;
    this.gripper.holding = null;
    this.gripper.width = 0.08;
    this.gripper.position = [p[0], p[1], p[2] + 0.1];
  }
  push(id: string, direction: Vec2, distance: number): void {
    this.enter('push');
    const o = this.obj(id);
    const n = Math.hypot(direction[0], direction[1]);
    o.position = [o.position[0] + (direction[0] / n) * distance, o.position[1] + (direction[1] / n) * distance, o.position[2]];
    this.advance(1);
  }
  moveTo(position: Vec3, opts?: { yaw?: number; speed?: number }): void {
    this.enter('moveTo');
    this.reachable(position);
    const d = Math.hypot(...position.map((v, i) => v - this.gripper.position[i]!));
    this.advance(Math.max(d / (opts?.speed ?? 0.25), 1 / 240));
    this.gripper.position = [...position];
    if (opts?.yaw !== undefined) this.gripper.yaw = opts.yaw;
  }
  moveBy(delta: Vec3): void {
    this.moveTo(this.gripper.position.map((v, i) => v + delta[i]!) as Vec3);
  }
  rotateTo(yaw: number): void {
    this.enter('rotateTo');
    this.advance(0.25);
    this.gripper.yaw = yaw;
  }
  openGripper(): void {
    this.enter('openGripper');
    this.advance(0.25);
    this.gripper.width = 0.08;
    this.gripper.holding = null;
  }
  closeGripper(): string | null {
    this.enter('closeGripper');
    this.advance(0.25);
    this.gripper.width = 0;
    return this.gripper.holding;
  }
  home(): void {
    this.enter('home');
    this.advance(1);
    this.gripper.position = [...TABLE.home];
  }
  wait(seconds: number): void {
    this.enter('wait');
    this.advance(seconds);
  }
}
