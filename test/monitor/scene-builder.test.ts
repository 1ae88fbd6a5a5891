import { describe, expect, it } from 'vitest';
import type * as THREE from 'three';
import { buildSceneRig, FIXED_LEGEND, legendFor } from '../../monitor/render/scene-builder.ts';
import { COLOR_HEX } from '../../sim/index.ts';
import { SCENE, edit, initial, tippedX } from './fixtures.ts';

describe('scene builder', () => {
  it('builds one node per object and a legend of fixed entries, zones, then objects', () => {
    const rig = buildSceneRig(SCENE);
    expect(rig.objects.size).toBe(SCENE.objects.length);
    expect(rig.legend).toEqual([...FIXED_LEGEND, 'zone:goal', ...SCENE.objects.map((o) => o.id)]);
    expect(rig.legend).toEqual(legendFor(SCENE));
    rig.dispose();
  });

  it('gives every object its named colour', () => {
    const rig = buildSceneRig(SCENE);
    for (const o of SCENE.objects) {
      const mesh = rig.objects.get(o.id)!.children[0] as THREE.Mesh;
      const mat = mesh.material as THREE.Material & { color: THREE.Color };
      expect(mat.color.getHex(), o.id).toBe(COLOR_HEX[o.color]);
    }
    rig.dispose();
  });

  it('takes object and gripper poses from a snapshot, and hides objects it does not list', () => {
    const rig = buildSceneRig(SCENE);
    const s = edit(
      initial(),
      { red_block: { position: [0.2, -0.1, 0.3], quaternion: tippedX() } },
      { position: [0.1, 0.1, 0.2], width: 0.03 },
    );
    delete s.objects.purple_ball;
    rig.update(s);
    const red = rig.objects.get('red_block')!;
    expect(red.position.toArray()).toEqual([0.2, -0.1, 0.3]);
    expect(red.quaternion.x).toBeCloseTo(Math.SQRT1_2);
    expect(rig.objects.get('purple_ball')!.visible).toBe(false);
    // The gripper's fingers straddle the TCP along x, the width apart (inner faces).
    const meshes = rig.gripper.children as THREE.Mesh[];
    const xs = meshes
      .slice(1)
      .map((m) => m.position.x)
      .sort((a, b) => a - b);
    expect(xs[1]! - xs[0]!).toBeCloseTo(0.03 + 0.012);
    expect((xs[0]! + xs[1]!) / 2).toBeCloseTo(0.1);
    rig.dispose();
  });

  it('switches every mesh between lit colour materials and the id pass', () => {
    const rig = buildSceneRig(SCENE);
    rig.setPass('ids');
    const materials = new Set<string>();
    rig.scene.traverse((o) => {
      if ((o as THREE.Mesh).isMesh) materials.add(((o as THREE.Mesh).material as THREE.Material).type);
    });
    expect([...materials]).toEqual(['ShaderMaterial']);
    rig.setPass('color');
    rig.dispose();
  });
});
