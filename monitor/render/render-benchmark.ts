// The render figure (docs/architecture.md#performance-figures): milliseconds per 640×480 RGB view (PNG included)
// with a warm browser, on a 12-object scene.

import type { SceneSpec } from '../../sim/types.ts';
import { COLOR_NAMES } from '../../sim/types.ts';
import { snapshotFromScene } from '../scene-snapshot.ts';
import { VIEW_NAMES } from './camera-views.ts';
import { getRenderer } from './headless-renderer.ts';
import type { HeadlessRenderer } from './headless-renderer.ts';

/** A fixed 12-object scene (boxes, cylinders, spheres, a bowl, a tray) for timing. */
export function benchmarkScene(): SceneSpec {
  const shapes = ['box', 'cylinder', 'sphere', 'box', 'cylinder', 'box', 'sphere', 'box', 'cylinder', 'box'] as const;
  const objects: SceneSpec['objects'] = shapes.map((shape, i) => {
    const size: [number, number, number] = shape === 'cylinder' ? [0.045, 0.045, 0.07] : [0.045, 0.045, 0.045];
    const x = -0.3 + (i % 5) * 0.15;
    const y = i < 5 ? -0.05 : 0.12;
    return {
      id: `${shape}_${i}`,
      shape,
      color: COLOR_NAMES[i % COLOR_NAMES.length]!,
      size,
      mass: 0.1,
      friction: 0.8,
      position: [x, y, size[2] / 2],
      yaw: i * 0.3,
    };
  });
  objects.push({
    id: 'bowl',
    shape: 'bowl',
    color: 'white',
    size: [0.14, 0.14, 0.06],
    mass: 0.3,
    friction: 0.8,
    position: [0.25, -0.22, 0.03],
    yaw: 0,
  });
  objects.push({
    id: 'tray',
    shape: 'tray',
    color: 'brown',
    size: [0.2, 0.15, 0.03],
    mass: 0.3,
    friction: 0.8,
    position: [-0.22, -0.22, 0.015],
    yaw: 0,
  });
  return { objects, zones: [{ id: 'goal', min: [0.2, 0.2], max: [0.35, 0.3], color: 'green' }] };
}

export interface RenderTiming {
  /** Wall ms per RGB view, PNG transfer included, warm browser. */
  msPerView: number;
  /** Wall ms per id+depth view (the pixel monitor's images). */
  msPerMaskView: number;
  views: number;
}

/** Times `rounds` batches of 4 snapshots × 3 views after one warm-up batch. */
export async function measureRenderMsPerView(opts: { renderer?: HeadlessRenderer; rounds?: number } = {}): Promise<RenderTiming> {
  const renderer = opts.renderer ?? getRenderer();
  const scene = benchmarkScene();
  const base = snapshotFromScene(scene);
  const snaps = [0, 1, 2, 3].map((k) => {
    const s = structuredClone(base);
    s.gripper.position = [-0.2 + 0.1 * k, -0.1, 0.15];
    return s;
  });
  await renderer.renderCheckpoints(scene, snaps, { rgb: true, ids: true, depth: true });
  const rounds = opts.rounds ?? 3;
  let t = performance.now();
  for (let r = 0; r < rounds; r++) await renderer.renderCheckpoints(scene, snaps, { rgb: true, ids: false, depth: false });
  const msPerView = (performance.now() - t) / (rounds * snaps.length * VIEW_NAMES.length);
  t = performance.now();
  for (let r = 0; r < rounds; r++) await renderer.renderCheckpoints(scene, snaps, { rgb: false, ids: true, depth: true });
  const msPerMaskView = (performance.now() - t) / (rounds * snaps.length * VIEW_NAMES.length);
  return { msPerView, msPerMaskView, views: rounds * snaps.length * VIEW_NAMES.length * 2 };
}
