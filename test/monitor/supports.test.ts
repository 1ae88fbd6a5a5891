// What an object rests on, when it rests on more than one thing: a plank across two
// blocks, a plank leaning from the table onto a block. Hand-made snapshots, no physics.
import { describe, expect, it } from 'vitest';
import { contactSupports, describeSupport, diffSnapshots, supportOf } from '../../monitor/scene-diff.ts';
import { snapshotFromScene } from '../../monitor/scene-snapshot.ts';
import type { Quat, SceneSpec, Snapshot, Vec3 } from '../../sim/index.ts';
import { sceneObject } from '../helpers/scene-objects.ts';

const SCENE: SceneSpec = {
  objects: [
    sceneObject('left_block', 'box', 0.05, { color: 'blue', at: [-0.05, 0] }),
    sceneObject('right_block', 'box', 0.05, { color: 'green', at: [0.08, 0] }),
    sceneObject('plank', 'box', [0.16, 0.04, 0.02], { color: 'brown', at: [0, 0.2] }),
  ],
  zones: [],
};

function withPlank(position: Vec3, quaternion: Quat = [0, 0, 0, 1], moves: Record<string, Vec3> = {}): Snapshot {
  const s = snapshotFromScene(SCENE);
  s.objects.plank!.position = position;
  s.objects.plank!.quaternion = quaternion;
  for (const [id, p] of Object.entries(moves)) s.objects[id]!.position = p;
  return s;
}

/** A rotation of `deg` about the y axis. */
function aboutY(deg: number): Quat {
  const h = (deg * Math.PI) / 360;
  return [0, Math.sin(h), 0, Math.cos(h)];
}

describe('supports', () => {
  it('says a plank bridging two blocks lies across both, not on nothing', () => {
    // Blocks at x = -0.05 and +0.05, 5 cm tall; the plank's centre over the gap between them.
    const s = withPlank([0, 0, 0.06], [0, 0, 0, 1], { right_block: [0.05, 0, 0.025] });
    expect(contactSupports(SCENE, s, 'plank')).toEqual(['left_block', 'right_block']);
    expect(supportOf(SCENE, s, 'plank')).toBe('across:left_block+right_block');
    expect(describeSupport('across:left_block+right_block')).toBe('lying across left_block and right_block');
    const diff = diffSnapshots(SCENE, withPlank([0, 0.2, 0.01]), s);
    expect(diff.text).toContain('plank moved 20.6 cm toward -y');
    expect(diff.text).toContain('is now lying across left_block and right_block (was on the table)');
    expect(diff.text).not.toContain('not resting on anything');
  });

  it('says a plank leaning from the table onto a block lies across the block and the table', () => {
    // Tilted 17° (over the 15° upright limit): the low end on the table, the high end on right_block.
    const t = (17 * Math.PI) / 180;
    const halfZ = 0.08 * Math.sin(t) + 0.01 * Math.cos(t);
    const s = withPlank([0.0, 0, halfZ], aboutY(-17), { left_block: [-0.3, 0, 0.025] });
    expect(supportOf(SCENE, s, 'plank')).toBe('across:right_block+table');
    expect(describeSupport(supportOf(SCENE, s, 'plank'))).toBe('lying across right_block and the table');
  });

  it('says an object hanging over one block’s edge is partly on it', () => {
    // The plank's centre 5 cm past left_block's top edge, resting on it, nothing else under it.
    const s = withPlank([0.025, 0, 0.06], [0, 0, 0, 1], { right_block: [0.3, 0, 0.025] });
    expect(supportOf(SCENE, s, 'plank')).toBe('partly-on:left_block');
    expect(describeSupport('partly-on:left_block')).toBe('partly on left_block, hanging over its edge');
  });

  it('still calls an upright block on the table, beside another, on the table', () => {
    const s = withPlank([0, 0.2, 0.01]);
    expect(supportOf(SCENE, s, 'left_block')).toBe('table');
    expect(supportOf(SCENE, s, 'plank')).toBe('table');
  });
});
