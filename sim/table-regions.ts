// Named regions of the table (docs/api.md#predicates): corners, sides and the centre, as a
// person looking at the top camera's image would name them (+y is the top of the image, the
// far side from the robot; +x is the right). They need no zone in the scene. The `inRegion`
// predicate, the task files and the rule programmer all read this one declaration.

import type { Vec2 } from './types.ts';

export const TABLE_REGION_NAMES = [
  'top_left_corner',
  'top_right_corner',
  'bottom_left_corner',
  'bottom_right_corner',
  'left_side',
  'right_side',
  'top_side',
  'bottom_side',
  'center',
] as const;

export type TableRegionName = (typeof TABLE_REGION_NAMES)[number];

export interface TableRegion {
  name: TableRegionName;
  /** The region's extent on the table, [x, y] (m); an object is in it when its centre is. */
  min: Vec2;
  max: Vec2;
  /** Where to aim for "put it in the …": the middle of the region, inside the reach. */
  anchor: Vec2;
  /** In words, for docs/api.md. */
  text: string;
}

/** How deep the corner and side bands reach in from the edge of the workspace (m). */
export const REGION_BAND = { x: 0.2, y: 0.17 } as const;
/** Half extents of the centre region (m). */
export const CENTER_HALF = { x: 0.1, y: 0.08 } as const;

// The workspace the gripper reaches: x in [-0.45, 0.45], y in [-0.35, 0.35] (TABLE.workspace).
const X = 0.45;
const Y = 0.35;

function region(name: TableRegionName, min: Vec2, max: Vec2, text: string): TableRegion {
  const anchor: Vec2 = [round((min[0] + max[0]) / 2), round((min[1] + max[1]) / 2)];
  return { name, min, max, anchor, text };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

const bx = X - REGION_BAND.x;
const by = Y - REGION_BAND.y;

export const TABLE_REGIONS: Record<TableRegionName, TableRegion> = {
  top_left_corner: region('top_left_corner', [-X, by], [-bx, Y], 'x ≤ −0.25 and y ≥ 0.18'),
  top_right_corner: region('top_right_corner', [bx, by], [X, Y], 'x ≥ 0.25 and y ≥ 0.18'),
  bottom_left_corner: region('bottom_left_corner', [-X, -Y], [-bx, -by], 'x ≤ −0.25 and y ≤ −0.18'),
  bottom_right_corner: region('bottom_right_corner', [bx, -Y], [X, -by], 'x ≥ 0.25 and y ≤ −0.18'),
  left_side: region('left_side', [-X, -Y], [-bx, Y], 'x ≤ −0.25'),
  right_side: region('right_side', [bx, -Y], [X, Y], 'x ≥ 0.25'),
  top_side: region('top_side', [-X, by], [X, Y], 'y ≥ 0.18'),
  bottom_side: region('bottom_side', [-X, -Y], [X, -by], 'y ≤ −0.18'),
  center: region('center', [-CENTER_HALF.x, -CENTER_HALF.y], [CENTER_HALF.x, CENTER_HALF.y], '|x| ≤ 0.1 and |y| ≤ 0.08'),
};

// Sides are long: aim at the middle of the band, on the centre line.
TABLE_REGIONS.left_side.anchor = [round(-(X + bx) / 2), 0];
TABLE_REGIONS.right_side.anchor = [round((X + bx) / 2), 0];
TABLE_REGIONS.top_side.anchor = [0, round((Y + by) / 2)];
TABLE_REGIONS.bottom_side.anchor = [0, round(-(Y + by) / 2)];

/** Whether an [x, y] point lies in the named region (edges included). */
export function inTableRegion(name: TableRegionName, xy: Vec2 | readonly number[]): boolean {
  const r = TABLE_REGIONS[name];
  return xy[0] >= r.min[0] && xy[0] <= r.max[0] && xy[1] >= r.min[1] && xy[1] <= r.max[1];
}

export function isTableRegionName(s: string): s is TableRegionName {
  return (TABLE_REGION_NAMES as readonly string[]).includes(s);
}

/**
 * What "a little" and "a lot" mean beside something (the `offset` predicate, the rule
 * programmer): the gap between the two footprints along the axis, edge to edge (m).
 */
export const PHRASE_DISTANCES = {
  little: { min: 0.01, max: 0.08 },
  lot: { min: 0.15, max: 0.4 },
} as const;
