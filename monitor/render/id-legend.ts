// What the values of an id mask mean, shared by the page (which writes them) and Node
// (which reads them) without pulling three.js into Node.

import type { SceneSpec } from '../../sim/types.ts';

/** Fixed entries at the start of every id legend; then zones (`zone:<id>`), then objects. */
export const FIXED_LEGEND = ['background', 'table', 'floor', 'gripper'] as const;
export const ID_BACKGROUND = 0;
export const ID_TABLE = 1;
export const ID_FLOOR = 2;
export const ID_GRIPPER = 3;

/** Depth images travel as 16-bit integers in this unit (m): 0.1 mm, up to 6.55 m. */
export const DEPTH_UNIT = 1e-4;

/** The legend a rig for `spec` has: mask value → name. */
export function legendFor(spec: SceneSpec): string[] {
  return [...FIXED_LEGEND, ...spec.zones.map((z) => `zone:${z.id}`), ...spec.objects.map((o) => o.id)];
}
