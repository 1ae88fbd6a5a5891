// Where the gripper's three boxes are for a given gripper state. Pure: the physics
// places its kinematic bodies with it and the three.js renderer draws with it, so the
// picture and the physics always agree.
//
// Gripper frame (origin = TCP, midway between the fingertips): local x is the closing
// axis, the fingers point along local -z, the palm sits above them. `top` approach:
// the frame is turned by yaw about world z (fingers point down). `side` approach: the
// frame is first turned +90° about x, so the fingers point along +y (away from the
// robot), then by yaw about world z.

import { quatFromYaw, quatMul, rotateInto } from './pose-math.ts';
import type { Approach, GripperState, Pose, Quat, Vec3 } from './types.ts';
import { GRIPPER } from './types.ts';

export type Box = Pose & { size: Vec3 };

export interface GripperGeometry {
  palm: Box;
  /** [-x finger, +x finger] in the gripper frame. */
  fingers: [Box, Box];
}

const SIDE_TILT: Quat = [Math.SQRT1_2, 0, 0, Math.SQRT1_2];

export const PALM_SIZE: Vec3 = [...GRIPPER.palmSize];
export const FINGER_SIZE: Vec3 = [GRIPPER.fingerThickness, GRIPPER.fingerDepth, GRIPPER.fingerLength];

/** Orientation of the gripper frame for a yaw and an approach. */
export function gripperQuaternion(yaw: number, approach: Approach): Quat {
  const q = quatFromYaw(yaw);
  return approach === 'top' ? q : quatMul(q, SIDE_TILT);
}

/** Unit vector along which the fingers point (world frame). */
export function fingerDirection(yaw: number, approach: Approach): Vec3 {
  return approach === 'top' ? [0, 0, -1] : [-Math.sin(yaw), Math.cos(yaw), 0];
}

/** World unit vector of the closing axis (gripper local x). */
export function closingAxis(yaw: number): Vec3 {
  return [Math.cos(yaw), Math.sin(yaw), 0];
}

/** Number of floats written by writeGripperPoses: palm, -x finger, +x finger; each position 3 + quaternion 4. */
export const GRIPPER_POSE_FLOATS = 21;

// Centres of the three boxes in the gripper frame, for a given opening.
function localCentre(part: 0 | 1 | 2, width: number, out: number[]): void {
  const L = GRIPPER.fingerLength;
  if (part === 0) {
    out[0] = 0;
    out[1] = 0;
    out[2] = L + PALM_SIZE[2] / 2;
  } else {
    const s = part === 1 ? -1 : 1;
    out[0] = s * (width / 2 + GRIPPER.fingerThickness / 2);
    out[1] = 0;
    out[2] = L / 2;
  }
}

const scratchLocal = [0, 0, 0];

/** Writes the world poses of palm and fingers into out (GRIPPER_POSE_FLOATS floats); no allocation. */
export function writeGripperPoses(position: Vec3, q: Quat, width: number, out: Float64Array): void {
  for (let part = 0; part < 3; part++) {
    const o = part * 7;
    localCentre(part as 0 | 1 | 2, width, scratchLocal);
    rotateInto(q[0], q[1], q[2], q[3], scratchLocal[0]!, scratchLocal[1]!, scratchLocal[2]!, out, o);
    out[o] += position[0];
    out[o + 1] += position[1];
    out[o + 2] += position[2];
    out[o + 3] = q[0];
    out[o + 4] = q[1];
    out[o + 5] = q[2];
    out[o + 6] = q[3];
  }
}

/** The gripper's palm and fingers as posed boxes (full sizes in their local frames). */
export function gripperGeometry(g: Pick<GripperState, 'position' | 'yaw' | 'approach' | 'width'>): GripperGeometry {
  const out = new Float64Array(GRIPPER_POSE_FLOATS);
  writeGripperPoses(g.position, gripperQuaternion(g.yaw, g.approach), g.width, out);
  const box = (o: number, size: Vec3): Box => ({
    position: [out[o]!, out[o + 1]!, out[o + 2]!],
    quaternion: [out[o + 3]!, out[o + 4]!, out[o + 5]!, out[o + 6]!],
    size: [size[0], size[1], size[2]],
  });
  return { palm: box(0, PALM_SIZE), fingers: [box(7, FINGER_SIZE), box(14, FINGER_SIZE)] };
}

// Lowest z reached by a box of half extents h at centre cz with rotation q.
function boxLowestZ(cz: number, q: Quat, hx: number, hy: number, hz: number): number {
  const [x, y, z, w] = q;
  // Third row of the rotation matrix.
  const r20 = 2 * (x * z - w * y);
  const r21 = 2 * (y * z + w * x);
  const r22 = 1 - 2 * (x * x + y * y);
  return cz - Math.abs(r20) * hx - Math.abs(r21) * hy - Math.abs(r22) * hz;
}

const scratchPoses = new Float64Array(GRIPPER_POSE_FLOATS);

/** Lowest world z of any part of the gripper at this pose (for table-collision checks). */
export function gripperLowestZ(position: Vec3, q: Quat, width: number): number {
  writeGripperPoses(position, q, width, scratchPoses);
  const palm = boxLowestZ(scratchPoses[2]!, q, PALM_SIZE[0] / 2, PALM_SIZE[1] / 2, PALM_SIZE[2] / 2);
  const fa = boxLowestZ(scratchPoses[9]!, q, FINGER_SIZE[0] / 2, FINGER_SIZE[1] / 2, FINGER_SIZE[2] / 2);
  const fb = boxLowestZ(scratchPoses[16]!, q, FINGER_SIZE[0] / 2, FINGER_SIZE[1] / 2, FINGER_SIZE[2] / 2);
  return Math.min(palm, fa, fb);
}
