// Small vector and quaternion helpers for poses. Quaternions are [x, y, z, w].

import type { Quat, Vec3 } from './types.ts';

export const IDENTITY_QUAT: Quat = [0, 0, 0, 1];

/** Wrap an angle to (-π, π]. */
export function wrapAngle(a: number): number {
  let r = a % (2 * Math.PI);
  if (r <= -Math.PI) r += 2 * Math.PI;
  else if (r > Math.PI) r -= 2 * Math.PI;
  return r;
}

/** Wrap an angle to (-π/2, π/2]: the two yaws of a symmetric gripper that close on the same axis. */
export function wrapHalfTurn(a: number): number {
  let r = a % Math.PI;
  if (r <= -Math.PI / 2) r += Math.PI;
  else if (r > Math.PI / 2) r -= Math.PI;
  return r;
}

export function quatFromAxisAngle(ax: number, ay: number, az: number, angle: number): Quat {
  const s = Math.sin(angle / 2);
  return [ax * s, ay * s, az * s, Math.cos(angle / 2)];
}

export function quatFromYaw(yaw: number): Quat {
  return [0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2)];
}

export function quatMul(a: Quat, b: Quat): Quat {
  const [ax, ay, az, aw] = a;
  const [bx, by, bz, bw] = b;
  return [
    aw * bx + ax * bw + ay * bz - az * by,
    aw * by - ax * bz + ay * bw + az * bx,
    aw * bz + ax * by - ay * bx + az * bw,
    aw * bw - ax * bx - ay * by - az * bz,
  ];
}

export function quatConjugate(q: Quat): Quat {
  return [-q[0], -q[1], -q[2], q[3]];
}

/** Rotate v by the unit quaternion (qx, qy, qz, qw); writes into out[o..o+2]. */
export function rotateInto(
  qx: number,
  qy: number,
  qz: number,
  qw: number,
  vx: number,
  vy: number,
  vz: number,
  out: Float64Array | number[],
  o: number,
): void {
  // t = 2 q × v; v' = v + w t + q × t
  const tx = 2 * (qy * vz - qz * vy);
  const ty = 2 * (qz * vx - qx * vz);
  const tz = 2 * (qx * vy - qy * vx);
  out[o] = vx + qw * tx + (qy * tz - qz * ty);
  out[o + 1] = vy + qw * ty + (qz * tx - qx * tz);
  out[o + 2] = vz + qw * tz + (qx * ty - qy * tx);
}

export function rotate(q: Quat, v: Vec3): Vec3 {
  const out: Vec3 = [0, 0, 0];
  rotateInto(q[0], q[1], q[2], q[3], v[0], v[1], v[2], out, 0);
  return out;
}

/** Rotation matrix (row-major 3×3) of a unit quaternion. */
export function quatToMatrix(q: Quat | Float64Array, o = 0): number[] {
  const x = q[o]!,
    y = q[o + 1]!,
    z = q[o + 2]!,
    w = q[o + 3]!;
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - w * z),
    2 * (x * z + w * y),
    2 * (x * y + w * z),
    1 - 2 * (x * x + z * z),
    2 * (y * z - w * x),
    2 * (x * z - w * y),
    2 * (y * z + w * x),
    1 - 2 * (x * x + y * y),
  ];
}

/** Rotation about world z of a pose (the heading of its local x axis projected on the table). */
export function yawOf(q: Quat | Float64Array, o = 0): number {
  const x = q[o]!,
    y = q[o + 1]!,
    z = q[o + 2]!,
    w = q[o + 3]!;
  return Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
}

/** Angle (rad) between the pose's local z axis and world z. */
export function tiltOf(q: Quat): number {
  const [x, y] = q;
  const zz = 1 - 2 * (x * x + y * y);
  return Math.acos(Math.max(-1, Math.min(1, zz)));
}

export function quatAngleBetween(a: Quat, b: Quat): number {
  const d = Math.abs(a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3]);
  return 2 * Math.acos(Math.min(1, d));
}

/** Spherical interpolation along the shortest arc. */
export function slerp(a: Quat, b: Quat, t: number): Quat {
  let [bx, by, bz, bw] = b;
  let cos = a[0] * bx + a[1] * by + a[2] * bz + a[3] * bw;
  if (cos < 0) {
    cos = -cos;
    bx = -bx;
    by = -by;
    bz = -bz;
    bw = -bw;
  }
  let k0: number;
  let k1: number;
  if (cos > 0.9999) {
    k0 = 1 - t;
    k1 = t;
  } else {
    const theta = Math.acos(cos);
    const s = Math.sin(theta);
    k0 = Math.sin((1 - t) * theta) / s;
    k1 = Math.sin(t * theta) / s;
  }
  const q: Quat = [k0 * a[0] + k1 * bx, k0 * a[1] + k1 * by, k0 * a[2] + k1 * bz, k0 * a[3] + k1 * bw];
  const n = Math.hypot(q[0], q[1], q[2], q[3]);
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
}

export function sub3(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

export function add3(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

export function len3(v: Vec3): number {
  return Math.hypot(v[0], v[1], v[2]);
}
