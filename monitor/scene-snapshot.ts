// A Snapshot of a SceneSpec as laid out (objects at their spec poses, at rest, gripper at
// home, open): what the scene looks like before physics has run. Used to render a scene
// without a world and as the pixel monitor's reference for "since the start".

import { GRIPPER, TABLE } from '../sim/types.ts';
import type { Quat, SceneSpec, Snapshot } from '../sim/types.ts';

export function yawQuat(yaw: number): Quat {
  return [0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2)];
}

export function snapshotFromScene(scene: SceneSpec): Snapshot {
  const objects: Snapshot['objects'] = {};
  for (const o of scene.objects) {
    objects[o.id] = { position: [...o.position], quaternion: yawQuat(o.yaw), linvel: [0, 0, 0], angvel: [0, 0, 0] };
  }
  return {
    t: 0,
    step: 0,
    objects,
    gripper: { position: [...TABLE.home], yaw: 0, approach: 'top', width: GRIPPER.maxOpening, holding: null },
  };
}
