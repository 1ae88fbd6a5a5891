// Hand-made scenes and snapshots for the monitor tests: no physics needed.

import type { ObjectSpec, SceneSpec, Snapshot, Vec3, Quat } from '../../sim/types.ts';
import { snapshotFromScene } from '../../monitor/scene-snapshot.ts';

export function obj(id: string, shape: ObjectSpec['shape'], color: ObjectSpec['color'], size: Vec3, xy: [number, number], yaw = 0): ObjectSpec {
  return { id, shape, color, size, mass: 0.1, friction: 0.8, position: [xy[0], xy[1], size[2] / 2], yaw };
}

export const SCENE: SceneSpec = {
  objects: [
    obj('red_block', 'box', 'red', [0.04, 0.04, 0.04], [-0.15, 0.05], 0.3),
    obj('blue_block', 'box', 'blue', [0.05, 0.05, 0.05], [0.1, 0.05]),
    obj('yellow_can', 'cylinder', 'yellow', [0.05, 0.05, 0.08], [0.0, 0.2]),
    obj('green_bowl', 'bowl', 'green', [0.14, 0.14, 0.06], [0.25, -0.15]),
    obj('purple_ball', 'sphere', 'purple', [0.04, 0.04, 0.04], [-0.3, -0.12]),
    obj('gray_tray', 'tray', 'gray', [0.16, 0.12, 0.03], [-0.28, 0.2]),
  ],
  zones: [{ id: 'goal', min: [0.2, 0.12], max: [0.38, 0.3], color: 'cyan' }],
};

export function initial(scene: SceneSpec = SCENE): Snapshot {
  return snapshotFromScene(scene);
}

/** A copy of `s` with some objects moved / rotated and the gripper changed. */
export function edit(s: Snapshot, changes: Record<string, { position?: Vec3; quaternion?: Quat }>, gripper?: Partial<Snapshot['gripper']>, t = s.t + 1): Snapshot {
  const out: Snapshot = structuredClone({ ...s, engineState: undefined });
  delete out.engineState;
  out.t = t;
  for (const [id, c] of Object.entries(changes)) {
    const o = out.objects[id]!;
    if (c.position) o.position = [...c.position];
    if (c.quaternion) o.quaternion = [...c.quaternion];
  }
  if (gripper) out.gripper = { ...out.gripper, ...gripper };
  return out;
}

/** Quaternion for a rotation of `angle` about the x axis (a box lying on its side). */
export function tippedX(angle = Math.PI / 2): Quat {
  return [Math.sin(angle / 2), 0, 0, Math.cos(angle / 2)];
}
