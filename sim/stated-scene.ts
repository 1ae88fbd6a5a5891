// The scene as a programmer is told it: the stated size, mass and friction of each object
// and none of the hidden truth (centre of mass, fixed, true inner size). The world is
// built from the full SceneSpec; everything a programmer, prompt or program query sees
// about an object's make-up comes from statedObject / statedScene.

import type { ObjectSpec, SceneSpec } from './types.ts';

/** One object as stated: hidden fields dropped, stated values in place of the truth. */
export function statedObject(o: ObjectSpec): ObjectSpec {
  const { comOffset: _c, fixed: _f, innerSize: _i, stated, ...rest } = o;
  if (!stated) return { ...rest, size: [...rest.size] };
  return {
    ...rest,
    size: stated.size ? [...stated.size] : [...rest.size],
    mass: stated.mass ?? rest.mass,
    friction: stated.friction ?? rest.friction,
  };
}

/** The scene as stated (a copy; the input is not changed). */
export function statedScene(scene: SceneSpec): SceneSpec {
  return { objects: scene.objects.map(statedObject), zones: scene.zones.map((z) => ({ ...z })) };
}

/** Whether any object of the scene has hidden truth. */
export function hasHiddenTruth(scene: SceneSpec): boolean {
  return scene.objects.some((o) => o.stated !== undefined || o.comOffset !== undefined || o.fixed === true || o.innerSize !== undefined);
}
