// The viewer camera's poses and limits. The presets are the monitor's own cameras
// (monitor/render/camera-views.ts: the same numbers the checkpoint images are rendered
// from, imported, not copied), so "front" here is what the monitor's front image shows.
// The limits keep the orbit camera above the table top and near the table.

import { VIEWS, VIEW_NAMES } from '../../monitor/render/camera-views.ts';
import type { ViewName } from '../../monitor/render/camera-views.ts';
import { TABLE } from '../../sim/types.ts';
import type { Vec3 } from '../../sim/types.ts';

export type PresetName = ViewName;
export const PRESET_NAMES: readonly PresetName[] = VIEW_NAMES;

export interface CameraPose {
  position: Vec3;
  target: Vec3;
  /** Vertical field of view (degrees). */
  fovY: number;
}

/** A preset's pose: the monitor camera of that name. */
export function presetPose(name: PresetName): CameraPose {
  const v = VIEWS[name];
  return { position: [...v.position], target: [...v.target], fovY: v.fovY };
}

/**
 * The view a page opens with (and Reset returns to): the monitor's front camera moved
 * back 25 cm and up 5 cm, aimed 6 cm further in, so the whole table and the gripper's
 * home above it fit a wide viewport.
 */
export function defaultPose(): CameraPose {
  const v = VIEWS.front;
  return {
    position: [v.position[0], v.position[1] - 0.25, v.position[2] + 0.05],
    target: [v.target[0], v.target[1] + 0.06, v.target[2]],
    fovY: v.fovY,
  };
}

/** How far past the table's edges the orbit target may go (m). */
const TARGET_MARGIN = 0.15;

/**
 * The camera's limits. The orbit target stays over the table (its edges plus a margin,
 * from the table top up to a little above the workspace); the distance to it stays
 * between 0.2 and 3 m; the polar angle (from straight down) stays below 85°, so the
 * camera is always above the target's height, which is never below the table top:
 * it cannot go under the table or the floor.
 */
export const CAMERA_LIMITS = {
  targetMin: [-TABLE.size[0] / 2 - TARGET_MARGIN, -TABLE.size[1] / 2 - TARGET_MARGIN, 0] as Vec3,
  targetMax: [TABLE.size[0] / 2 + TARGET_MARGIN, TABLE.size[1] / 2 + TARGET_MARGIN, TABLE.workspace.max[2] + 0.1] as Vec3,
  minDistance: 0.2,
  maxDistance: 3,
  maxPolarDeg: 85,
} as const;

/** `p` clamped into the target box (a new array). */
export function clampTarget(p: readonly number[]): Vec3 {
  const { targetMin: lo, targetMax: hi } = CAMERA_LIMITS;
  return [Math.min(Math.max(p[0]!, lo[0]), hi[0]), Math.min(Math.max(p[1]!, lo[1]), hi[1]), Math.min(Math.max(p[2]!, lo[2]), hi[2])];
}
