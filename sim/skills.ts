// High-level skills (docs/architecture.md#the-program-api): pick, place, push, and the travel move they share.
// Each is a sequence of the robot's straight-line motions; arguments are already
// validated by world.ts.

import { ArgumentError, GraspError, ReachError, UnknownObjectError } from './errors.ts';
import { cm, m, pos } from './format.ts';
import { fingerDirection, gripperLowestZ, gripperQuaternion } from './gripper-geometry.ts';
import { containerInterior, halfExtentAlong, namedPoint, worldAABB } from './object-geometry.ts';
import { wrapAngle, wrapHalfTurn, yawOf } from './pose-math.ts';
import type { Robot } from './robot.ts';
import type { Approach, ObjectSpec, PickOptions, PlaceOptions, Pose, PushOptions, Target, Vec2, Vec3 } from './types.ts';
import { GRIPPER, TABLE } from './types.ts';

const AXES = ['x', 'y', 'z'] as const;
/** Vertical clearance kept above obstacles when travelling (m). */
const CLEARANCE = 0.03;
const APPROACH_SPEED = 0.25;
const PUSH_SPEED = 0.1;

/** Throws ReachError if the TCP position is outside the workspace. */
export function checkReach(p: Vec3, what: string, objects: string[] = []): void {
  const { min, max } = TABLE.workspace;
  for (let i = 0; i < 3; i++) {
    const v = p[i]!;
    if (v < min[i]! - 1e-9) {
      throw new ReachError(
        `${what} ${pos(p)} is outside the workspace: ${AXES[i]} = ${m(v)} is below the limit ${AXES[i]} ≥ ${m(min[i]!)}.`,
        objects,
      );
    }
    if (v > max[i]! + 1e-9) {
      throw new ReachError(
        `${what} ${pos(p)} is outside the workspace: ${AXES[i]} = ${m(v)} is beyond the limit ${AXES[i]} ≤ ${m(max[i]!)}.`,
        objects,
      );
    }
  }
}

/**
 * An object as the skill plans from it: its perceived pose and make-up when perception is
 * in the loop (Robot.planning), else the truth. Where the skill aims comes from here;
 * contacts, holding and slip are physics.
 */
function seen(r: Robot, id: string): { spec: ObjectSpec; pose: Pose } {
  const o = r.planned(id);
  if (!o) throw new UnknownObjectError(`${id} is not seen by perception, so there is no pose to plan from.`, [id]);
  return o;
}

function distanceToSegment2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax,
    dy = by - ay;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Moves to `target` by rising to a safe height, travelling level (turning on the way)
 * and descending, so the gripper and a held object pass over everything in between.
 */
export function travelTo(r: Robot, target: Vec3, yaw: number, approach: Approach, phase: string): void {
  const q = gripperQuaternion(yaw, approach);
  const start = r.position;
  const held = r.heldId;
  // How far below the TCP the gripper, or the object in it, reaches.
  let below = Math.max(start[2] - gripperLowestZ(start, r.quaternion, r.width), target[2] - gripperLowestZ(target, q, r.width));
  // The held object and the obstacles as planned from (perceived when perception is set).
  const heldSeen = held ? r.planned(held) : null;
  if (heldSeen) below = Math.max(below, start[2] - worldAABB(heldSeen.spec, heldSeen.pose).min[2]);
  else if (held) below = Math.max(below, 0.1);
  let obstacles = 0;
  const reach = 0.07 + (held ? (heldSeen ? Math.max(...heldSeen.spec.size) : 0.1) : 0);
  for (const id of r.specs.keys()) {
    if (id === held) continue;
    const o = r.planned(id);
    if (!o) continue;
    const spec = o.spec;
    const box = worldAABB(spec, o.pose);
    const radius = Math.hypot(spec.size[0], spec.size[1]) / 2;
    const cx = (box.min[0] + box.max[0]) / 2,
      cy = (box.min[1] + box.max[1]) / 2;
    if (distanceToSegment2(cx, cy, start[0], start[1], target[0], target[1]) > radius + reach) continue;
    obstacles = Math.max(obstacles, box.max[2]);
  }
  const travelZ = Math.min(TABLE.workspace.max[2], Math.max(start[2], target[2], obstacles + CLEARANCE + below));
  const lateral = Math.hypot(target[0] - start[0], target[1] - start[1]);
  if (lateral < 0.005) {
    r.moveLinear(target, q, yaw, approach, { phase });
    return;
  }
  if (start[2] < travelZ - 1e-4) r.moveLinear([start[0], start[1], travelZ], r.quaternion, r.yaw, r.approach, { phase });
  r.moveLinear([target[0], target[1], travelZ], q, yaw, approach, { phase });
  if (travelZ > target[2] + 1e-4) r.moveLinear(target, q, yaw, approach, { phase });
}

interface GraspPlan {
  yaw: number;
  /** Object extent across the closing axis (m). */
  width: number;
  grasp: Vec3;
  pre: Vec3;
}

function planGrasp(r: Robot, id: string, approach: Approach): GraspPlan {
  const { spec, pose } = seen(r, id);
  const box = worldAABB(spec, pose);
  const c = pose.position;
  const round = spec.shape === 'sphere' || spec.shape === 'cylinder' || spec.shape === 'bowl';
  const current = wrapHalfTurn(r.yaw);
  const objYaw = yawOf(pose.quaternion);
  const candidates = [wrapHalfTurn(objYaw), wrapHalfTurn(objYaw + Math.PI / 2)];
  if (round) candidates.push(current);
  let best = { yaw: candidates[0]!, width: Infinity };
  for (const yaw of candidates) {
    const width = 2 * halfExtentAlong(spec, pose.quaternion, [Math.cos(yaw), Math.sin(yaw), 0]);
    const better =
      width < best.width - 0.001 ||
      (Math.abs(width - best.width) <= 0.001 && Math.abs(wrapHalfTurn(yaw - current)) < Math.abs(wrapHalfTurn(best.yaw - current)));
    if (better) best = { yaw, width };
  }
  const yaw = best.yaw;
  const bottom = box.min[2],
    top = box.max[2],
    h = top - bottom;
  if (approach === 'top') {
    let z: number;
    if (spec.shape === 'sphere') z = c[2] - spec.size[0] / 4;
    else {
      z = bottom + 0.25 * h;
      // Keep the palm clear of the object's top.
      z = Math.max(z, top - (GRIPPER.fingerLength - 0.006));
    }
    z = Math.max(z, 0.003);
    const grasp: Vec3 = [c[0], c[1], z];
    return { yaw, width: best.width, grasp, pre: [c[0], c[1], Math.max(z, top) + 0.03] };
  }
  const dir = fingerDirection(yaw, 'side');
  const along = halfExtentAlong(spec, pose.quaternion, dir);
  const advance = Math.max(0, Math.min(along * 0.5, GRIPPER.fingerLength - along - 0.008));
  // The palm hangs GRIPPER.palmSize[1] / 2 below the TCP in a side grasp.
  const z = Math.max(c[2], GRIPPER.palmSize[1] / 2 + 0.003);
  const grasp: Vec3 = [c[0] + dir[0] * advance, c[1] + dir[1] * advance, z];
  const back = along + 0.03;
  return { yaw, width: best.width, grasp, pre: [c[0] - dir[0] * back, c[1] - dir[1] * back, z] };
}

export function pick(r: Robot, id: string, opts: PickOptions = {}): void {
  const approach = opts.approach ?? 'top';
  const lift = opts.liftHeight ?? 0.1;
  const holding = r.detectHolding();
  if (holding) {
    throw new GraspError(`Cannot pick ${id}: the gripper is already holding ${holding}; place it first.`, [id, holding], 'already-holding');
  }
  r.endHold();
  const plan = planGrasp(r, id, approach);
  const maxOpen = GRIPPER.maxOpening;
  if (plan.width > maxOpen - 0.004) {
    throw new GraspError(
      `${id} is ${cm(plan.width)} wide across its narrowest side, too wide for the gripper's ${cm(maxOpen)} opening.`,
      [id],
      'too-wide',
    );
  }
  checkReach(plan.grasp, `The grasp point of ${id}`, [id]);
  checkReach(plan.pre, `The approach point of ${id}`, [id]);
  const liftTo: Vec3 = [plan.grasp[0], plan.grasp[1], plan.grasp[2] + lift];
  checkReach(liftTo, `Lifting ${id} to`, [id]);
  const q = gripperQuaternion(plan.yaw, approach);
  r.moveFingers(Math.min(maxOpen, plan.width + 0.02));
  travelTo(r, plan.pre, plan.yaw, approach, `moving above ${id}`);
  r.moveLinear(plan.grasp, q, plan.yaw, approach, { speed: APPROACH_SPEED, phase: `reaching for ${id}` });
  const got = r.closeOnObject();
  if (got !== id) {
    const now = r.objectPose(id).position;
    const off = Math.hypot(now[0] - plan.grasp[0], now[1] - plan.grasp[1]);
    if (got === null) {
      throw new GraspError(
        `The fingers closed on nothing while picking ${id}: they closed to ${cm(r.width)} and ${id} is now ${cm(off)} from the grasp point.`,
        [id],
        'nothing-grasped',
      );
    }
    throw new GraspError(
      `The fingers closed on ${got} instead of ${id} (${id} is ${cm(off)} from the grasp point).`,
      [id, got],
      'wrong-object',
    );
  }
  if (lift > 0) r.moveLinear(liftTo, q, plan.yaw, approach, { phase: 'lifting' });
  const after = r.detectHolding();
  if (after !== id) {
    r.endHold();
    throw new GraspError(`${id} is no longer between the fingers after lifting.`, [id], 'slipped');
  }
}

/** Where a held object would be released: the support height and the target point of its centre. */
function resolvePlaceTarget(
  r: Robot,
  target: Target,
  held: string,
): { xy: Vec2; supportZ: number; label: string; obstacle: string | null } {
  if (typeof target === 'string') {
    if (target === held) throw new ArgumentError(`Cannot place ${held} on itself.`, [held]);
    const { spec, pose } = seen(r, target);
    if (containerInterior(spec)) {
      const inside = namedPoint(spec, pose, 'inside')!;
      return { xy: [inside[0], inside[1]], supportZ: inside[2] - 0.01, label: `into ${target}`, obstacle: target };
    }
    const box = worldAABB(spec, pose);
    return { xy: [pose.position[0], pose.position[1]], supportZ: box.max[2], label: `onto ${target}`, obstacle: target };
  }
  const supportZ = target.length === 3 ? target[2] : 0;
  return { xy: [target[0], target[1]], supportZ, label: `at ${pos(target)}`, obstacle: null };
}

export function place(r: Robot, target: Target, opts: PlaceOptions = {}): void {
  const held = r.detectHolding();
  if (!held) throw new GraspError('Cannot place: the gripper is not holding anything; pick an object first.', [], 'not-holding');
  if (r.heldId !== held) r.beginHold(held);
  const releaseHeight = opts.releaseHeight ?? 0.005;
  const [ox, oy] = opts.offset ?? [0, 0];
  const t = resolvePlaceTarget(r, target, held);
  const heldSeen = seen(r, held);
  const pose = heldSeen.pose;
  const box = worldAABB(heldSeen.spec, pose);
  // Yaw: `opts.yaw` is the held object's final yaw; the gripper turns by the difference.
  const yaw = opts.yaw === undefined ? r.yaw : wrapAngle(r.yaw + wrapAngle(opts.yaw - yawOf(pose.quaternion)));
  // Offset of the object's centre from the TCP, carried round by the turn.
  const relX = pose.position[0] - r.position[0],
    relY = pose.position[1] - r.position[1];
  const turn = wrapAngle(yaw - r.yaw);
  const cos = Math.cos(turn),
    sin = Math.sin(turn);
  const rx = cos * relX - sin * relY,
    ry = sin * relX + cos * relY;
  const hang = r.position[2] - box.min[2];
  const release: Vec3 = [t.xy[0] + ox - rx, t.xy[1] + oy - ry, t.supportZ + releaseHeight + hang];
  checkReach(release, `Releasing ${held} ${t.label} needs the gripper at`, [held]);
  const q = gripperQuaternion(yaw, r.approach);
  const above: Vec3 = [release[0], release[1], Math.min(TABLE.workspace.max[2], release[2] + 0.03)];
  travelTo(r, above, yaw, r.approach, `carrying ${held} ${t.label}`);
  r.moveLinear(release, q, yaw, r.approach, { speed: APPROACH_SPEED, phase: `lowering ${held} ${t.label}` });
  r.release(Math.min(GRIPPER.maxOpening, r.width + 0.02));
  retreat(r, 0.05);
}

/** Backs the fingers away from what they just let go: up for a top grasp, back then up for a side grasp. */
function retreat(r: Robot, up: number): void {
  const p = r.position;
  if (r.approach === 'side') {
    const d = fingerDirection(r.yaw, 'side');
    const back: Vec3 = [p[0] - d[0] * 0.05, p[1] - d[1] * 0.05, p[2]];
    r.moveLinear(back, r.quaternion, r.yaw, r.approach, { phase: 'backing away' });
  }
  const q = r.position;
  const to: Vec3 = [q[0], q[1], Math.min(TABLE.workspace.max[2], q[2] + up)];
  r.moveLinear(to, r.quaternion, r.yaw, r.approach, { phase: 'retreating' });
}

export function push(r: Robot, id: string, direction: Vec2, distance: number, opts: PushOptions = {}): void {
  const holding = r.detectHolding();
  if (holding) throw new GraspError(`Cannot push ${id} while holding ${holding}; place it first.`, [id, holding], 'already-holding');
  r.endHold();
  const n = Math.hypot(direction[0], direction[1]);
  const u: Vec3 = [direction[0] / n, direction[1] / n, 0];
  const { spec, pose } = seen(r, id);
  const box = worldAABB(spec, pose);
  const c = pose.position;
  const extent = halfExtentAlong(spec, pose.quaternion, u);
  // Closing axis across the push direction: the closed fingers present their flat side.
  const yaw = wrapHalfTurn(Math.atan2(u[1], u[0]) + Math.PI / 2);
  const h = box.max[2] - box.min[2];
  const z = opts.height ?? Math.max(0.005, box.min[2] + Math.min(0.01, 0.25 * h));
  const contact = extent + GRIPPER.fingerDepth / 2;
  const start: Vec3 = [c[0] - u[0] * (contact + 0.03), c[1] - u[1] * (contact + 0.03), z];
  const end: Vec3 = [c[0] + u[0] * (distance - contact), c[1] + u[1] * (distance - contact), z];
  checkReach(start, `The start of the push behind ${id}`, [id]);
  checkReach(end, `The end of the push of ${id}`, [id]);
  const q = gripperQuaternion(yaw, 'top');
  r.moveFingers(0);
  travelTo(r, start, yaw, 'top', `moving behind ${id}`);
  r.moveLinear(end, q, yaw, 'top', { speed: PUSH_SPEED, phase: `pushing ${id}` });
  const back: Vec3 = [end[0] - u[0] * 0.02, end[1] - u[1] * 0.02, end[2]];
  r.moveLinear(back, q, yaw, 'top', { speed: PUSH_SPEED, phase: 'backing away' });
  retreat(r, 0.06);
}
