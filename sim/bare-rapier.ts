// The same scene stepped by bare Rapier, with none of our wrapper: the benchmark's
// baseline for the wrapper's overhead (docs/architecture.md#performance-figures).

import { createRapierBody, initRapier, newRapierWorld } from './rapier-world.ts';
import { gripperBodies } from './robot.ts';
import { sceneBodies } from './scene-bodies.ts';
import type { SceneSpec } from './types.ts';
import { GRIPPER, PHYSICS_HZ, TABLE } from './types.ts';
import { PHYSICS_SETTINGS, SETTLE_SECONDS } from './world.ts';

export interface BareScene {
  step(): void;
  free(): void;
}

/**
 * Builds the scene (table, floor, objects, gripper at home) in a plain Rapier world and
 * lets it settle as createWorld does. `step()` is rapier.js's ordinary `World.step()`.
 * Note that our wrapper steps Rapier's pipeline directly, skipping the per-step JS
 * bookkeeping of `World.step()` in 0.21, so it can be faster than this baseline.
 */
export async function buildBareRapierScene(scene: SceneSpec): Promise<BareScene> {
  await initRapier();
  const world = newRapierWorld(PHYSICS_SETTINGS);
  const home: [number, number, number] = [TABLE.home[0], TABLE.home[1], TABLE.home[2]];
  for (const desc of [...sceneBodies(scene), ...gripperBodies(home, 0, 'top', GRIPPER.maxOpening)]) createRapierBody(world, desc);
  const settle = Math.round(SETTLE_SECONDS * PHYSICS_HZ);
  for (let i = 0; i < settle; i++) world.step();
  return { step: () => world.step(), free: () => world.free() };
}
