// A motionless SimWorld with one block and no physics: reads answer at once, actions
// only move the gripper. It exists to measure the sandbox's own cost per API call
// (measureHostCallMicros) without a physics engine in the way.

import {
  PolicyError,
  TABLE,
  type ObjectInfo,
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

const BLOCK: ObjectInfo = { id: 'block', shape: 'box', color: 'red', size: [0.04, 0.04, 0.04], position: [0, 0, 0.02], yaw: 0 };

export class IdleWorld implements SimWorld {
  readonly scene: SceneSpec = { objects: [{ ...BLOCK, mass: 0.1, friction: 0.8 }], zones: [] };
  readonly engine = 'rapier' as const;
  time = 0;
  onStep: ((world: SimWorld) => void) | null = null;
  private gripper = { position: [...TABLE.home] as Vec3, yaw: 0, width: 0.08, holding: null as string | null };
  readonly initial: Snapshot = this.snapshot();

  snapshot(): Snapshot {
    return {
      t: this.time,
      step: Math.round(this.time * 240),
      objects: { block: { position: [...BLOCK.position], quaternion: [0, 0, 0, 1], linvel: [0, 0, 0], angvel: [0, 0, 0] } },
      gripper: { ...this.gripper, position: [...this.gripper.position], approach: 'top' },
    };
  }
  restore(s: Snapshot): void {
    this.time = s.t;
  }
  free(): void {}
  private object(id: string): ObjectInfo {
    if (id !== 'block') throw new PolicyError('UnknownObjectError', `no object '${id}'`, [id]);
    return { ...BLOCK, size: [...BLOCK.size], position: [...BLOCK.position] };
  }
  getObjects(): ObjectInfo[] {
    return [this.object('block')];
  }
  getObject(id: string): ObjectInfo {
    return this.object(id);
  }
  getPose(id: string): Pose & { yaw: number } {
    const o = this.object(id);
    return { position: o.position, quaternion: [0, 0, 0, 1], yaw: 0 };
  }
  getBBox(id: string): { min: Vec3; max: Vec3 } {
    const o = this.object(id);
    return { min: [-0.02, -0.02, 0], max: [0.02, 0.02, o.size[2]] };
  }
  getPoint(id: string): Vec3 {
    return this.object(id).position;
  }
  getGripper() {
    return {
      position: [...this.gripper.position] as Vec3,
      yaw: this.gripper.yaw,
      width: this.gripper.width,
      holding: this.gripper.holding,
    };
  }
  getTable(): { min: Vec2; max: Vec2 } {
    return { min: [-0.5, -0.4], max: [0.5, 0.4] };
  }
  distance(a: Target, b: Target): number {
    const p = (t: Target): number[] => (typeof t === 'string' ? this.object(t).position : t);
    const [pa, pb] = [p(a), p(b)];
    return Math.hypot(pa[0]! - pb[0]!, pa[1]! - pb[1]!, (pa[2] ?? 0) - (pb[2] ?? 0));
  }
  evaluate(_p: Predicate): PredicateResult {
    return { ok: false, detail: 'the idle world evaluates no predicates' };
  }
  private step(seconds: number): void {
    this.time += seconds;
  }
  pick(id: string): void {
    this.object(id);
    this.step(1);
  }
  place(): void {
    this.step(1);
  }
  push(id: string): void {
    this.object(id);
    this.step(1);
  }
  moveTo(position: Vec3, opts?: { yaw?: number }): void {
    this.gripper.position = [...position];
    if (opts?.yaw !== undefined) this.gripper.yaw = opts.yaw;
    this.step(0.5);
  }
  moveBy(delta: Vec3): void {
    this.gripper.position = this.gripper.position.map((v, i) => v + delta[i]!) as Vec3;
    this.step(0.5);
  }
  rotateTo(yaw: number): void {
    this.gripper.yaw = yaw;
    this.step(0.25);
  }
  openGripper(): void {
    this.gripper.width = 0.08;
    this.gripper.holding = null;
    this.step(0.25);
  }
  closeGripper(): string | null {
    this.gripper.width = 0;
    this.step(0.25);
    return null;
  }
  home(): void {
    this.gripper.position = [...TABLE.home];
    this.step(0.5);
  }
  wait(seconds: number): void {
    this.step(seconds);
  }
}
