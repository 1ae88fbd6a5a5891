// Hand-built world views for the predicate tests: a scene, its initial snapshot (every object
// at its scene position, at rest) and a current state with some objects moved. No physics.

import type {
  ObjectSpec,
  ObjectState,
  PredicateFacts,
  PredicateResult,
  SceneSpec,
  Shape,
  Snapshot,
  Vec3,
  WorldView,
} from '../../sim/index.ts';
import type { ColorName } from '../../sim/index.ts';
import { obj } from './scenes.ts';

export const still = (position: Vec3): ObjectState => ({ position, quaternion: [0, 0, 0, 1], linvel: [0, 0, 0], angvel: [0, 0, 0] });

/** A cube of side s (default 4 cm) resting on the table at (x, y). */
export const cube = (id: string, color: ColorName, x: number, y: number, s = 0.04): ObjectSpec =>
  obj(id, 'box', [s, s, s], x, y, { color });
export const bowl = (id: string, color: ColorName, x: number, y: number): ObjectSpec =>
  obj(id, 'bowl', [0.14, 0.14, 0.06], x, y, { color, mass: 0.3 });
export const thing = (id: string, shape: Shape, color: ColorName, size: Vec3, x: number, y: number): ObjectSpec =>
  obj(id, shape, size, x, y, { color });

export interface Views {
  scene: SceneSpec;
  initial: Snapshot;
  /** The view with these objects' centres moved (the rest where they started); `holding` held by the gripper. */
  at(moved?: Record<string, Vec3>, holding?: string | null): WorldView;
}

export function views(objects: ObjectSpec[], zones: SceneSpec['zones'] = []): Views {
  const scene: SceneSpec = { objects, zones };
  const initial: Snapshot = {
    t: 0,
    step: 0,
    objects: Object.fromEntries(objects.map((o) => [o.id, still(o.position)])),
    gripper: { position: [0, -0.15, 0.3], yaw: 0, approach: 'top', width: 0.08, holding: null },
  };
  return {
    scene,
    initial,
    at: (moved = {}, holding = null) => ({
      scene,
      initial,
      state: {
        ...initial,
        objects: { ...initial.objects, ...Object.fromEntries(Object.entries(moved).map(([id, p]) => [id, still(p)])) },
        gripper: { ...initial.gripper, holding },
      },
    }),
  };
}

/** A resting position for an object of height h at (x, y). */
export const rest = (x: number, y: number, h = 0.04): Vec3 => [x, y, h / 2];

export function factsOf<K extends PredicateFacts['kind']>(r: PredicateResult, kind: K): Extract<PredicateFacts, { kind: K }> {
  if (r.facts?.kind !== kind) throw new Error(`expected ${kind} facts, got ${r.facts?.kind}: ${r.detail}`);
  return r.facts as Extract<PredicateFacts, { kind: K }>;
}
