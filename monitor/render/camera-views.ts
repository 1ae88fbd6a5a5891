// The three camera views every checkpoint is rendered from, and the pinhole model that
// maps pixels back to the world. Pure math (no three.js) so the Node side can unproject
// id/depth images without a scene, and the page uses the very same numbers.

import type { Vec3 } from '../../sim/types.ts';

export const VIEW_NAMES = ['front', 'top', 'side'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export const DEFAULT_WIDTH = 640;
export const DEFAULT_HEIGHT = 480;

export interface ViewSpec {
  view: ViewName;
  position: Vec3;
  target: Vec3;
  up: Vec3;
  /** Vertical field of view (degrees). */
  fovY: number;
}

/**
 * front: the robot's eye, above and behind the table's near edge (negative y), looking
 * toward +y and down. top: straight down, +y up in the image. side: from the robot's
 * right (+x), looking toward -x.
 */
export const VIEWS: Record<ViewName, ViewSpec> = {
  front: { view: 'front', position: [0, -0.72, 0.78], target: [0, -0.06, 0], up: [0, 0, 1], fovY: 48 },
  top: { view: 'top', position: [0, 0, 1.25], target: [0, 0, 0], up: [0, 1, 0], fovY: 44 },
  side: { view: 'side', position: [0.98, 0, 0.62], target: [0, 0, 0.02], up: [0, 0, 1], fovY: 46 },
};

/** Camera clipping planes (m); the depth images are valid in between. */
export const NEAR = 0.05;
export const FAR = 6;

/**
 * A calibrated pinhole camera in the OpenCV convention: camera axes x right, y down,
 * z forward; pixel (u, v) has its centre at (u + 0.5, v + 0.5); depth is the distance
 * along the optical axis (camera z), in metres.
 */
export interface CameraModel {
  view: ViewName;
  width: number;
  height: number;
  fovY: number;
  position: Vec3;
  target: Vec3;
  up: Vec3;
  intrinsics: { fx: number; fy: number; cx: number; cy: number };
  /** 4×4 row-major camera-to-world transform (OpenCV camera axes). */
  cameraToWorld: number[];
  /** 4×4 row-major world-to-camera transform. */
  worldToCamera: number[];
}

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function normalize(a: Vec3): Vec3 {
  const n = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / n, a[1] / n, a[2] / n];
}
function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function cameraModel(view: ViewName | ViewSpec, width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT): CameraModel {
  const spec = typeof view === 'string' ? VIEWS[view] : view;
  const f = normalize(sub(spec.target, spec.position));
  const r = normalize(cross(f, spec.up));
  const d = cross(f, r);
  const p = spec.position;
  const fy = height / 2 / Math.tan((spec.fovY * Math.PI) / 360);
  // Columns of the rotation are the camera axes in world coordinates.
  const cameraToWorld = [r[0], d[0], f[0], p[0], r[1], d[1], f[1], p[1], r[2], d[2], f[2], p[2], 0, 0, 0, 1];
  const worldToCamera = [r[0], r[1], r[2], -dot(r, p), d[0], d[1], d[2], -dot(d, p), f[0], f[1], f[2], -dot(f, p), 0, 0, 0, 1];
  return {
    view: spec.view,
    width,
    height,
    fovY: spec.fovY,
    position: [...spec.position],
    target: [...spec.target],
    up: [...spec.up],
    intrinsics: { fx: fy, fy, cx: width / 2, cy: height / 2 },
    cameraToWorld,
    worldToCamera,
  };
}

/** World point of pixel (u, v) (integer pixel indices, row 0 at the top) at optical-axis depth `depth`. */
export function unprojectPixel(cam: CameraModel, u: number, v: number, depth: number, out: Vec3 = [0, 0, 0]): Vec3 {
  const { fx, fy, cx, cy } = cam.intrinsics;
  const xc = ((u + 0.5 - cx) / fx) * depth;
  const yc = ((v + 0.5 - cy) / fy) * depth;
  const m = cam.cameraToWorld;
  out[0] = m[0]! * xc + m[1]! * yc + m[2]! * depth + m[3]!;
  out[1] = m[4]! * xc + m[5]! * yc + m[6]! * depth + m[7]!;
  out[2] = m[8]! * xc + m[9]! * yc + m[10]! * depth + m[11]!;
  return out;
}

/** Pixel coordinates (continuous, centre of pixel i at i + 0.5) and depth of a world point. */
export function projectPoint(cam: CameraModel, p: Vec3): { u: number; v: number; depth: number } {
  const m = cam.worldToCamera;
  const xc = m[0]! * p[0] + m[1]! * p[1] + m[2]! * p[2] + m[3]!;
  const yc = m[4]! * p[0] + m[5]! * p[1] + m[6]! * p[2] + m[7]!;
  const zc = m[8]! * p[0] + m[9]! * p[1] + m[10]! * p[2] + m[11]!;
  const { fx, fy, cx, cy } = cam.intrinsics;
  return { u: (fx * xc) / zc + cx, v: (fy * yc) / zc + cy, depth: zc };
}
