// Small hand-written scenes for the sim tests.

import type { ObjectSpec, SceneSpec, Shape, Vec3 } from '../../sim/index.ts';
import { sceneObject } from '../helpers/scene-objects.ts';

/** A red object resting at (x, y) with friction 0.5; `extra` overrides any field as given (z stays from `size`). */
export function obj(id: string, shape: Shape, size: Vec3, x: number, y: number, extra: Partial<ObjectSpec> = {}): ObjectSpec {
  return { ...sceneObject(id, shape, size, { at: [x, y], friction: 0.5 }), ...extra };
}

export function scene(...objects: ObjectSpec[]): SceneSpec {
  return { objects, zones: [{ id: 'goal', min: [0.2, 0.1], max: [0.35, 0.25], color: 'green' }] };
}

export const redBlock = (x = 0, y = 0, extra: Partial<ObjectSpec> = {}): ObjectSpec =>
  obj('red_block', 'box', [0.04, 0.04, 0.04], x, y, extra);
export const blueBlock = (x = 0.15, y = 0.05, extra: Partial<ObjectSpec> = {}): ObjectSpec =>
  obj('blue_block', 'box', [0.05, 0.05, 0.05], x, y, { color: 'blue', ...extra });
export const greenBowl = (x = -0.15, y = 0.05): ObjectSpec =>
  obj('green_bowl', 'bowl', [0.14, 0.14, 0.06], x, y, { color: 'green', mass: 0.3 });
export const grayTray = (x = -0.15, y = -0.12): ObjectSpec =>
  obj('gray_tray', 'tray', [0.16, 0.12, 0.03], x, y, { color: 'gray', mass: 0.3 });
