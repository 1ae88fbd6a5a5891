// Signed distances of the cannon world's own query (cannon-geometry.ts): GJK apart,
// separating axes overlapping, against distances worked out by hand.

import { describe, expect, it } from 'vitest';
import { type PlacedShape, placedShape, quatToMatrix, signedDistance } from '../../sim/cannon-geometry.ts';
import type { ShapeDesc } from '../../sim/physics-world.ts';

function at(shape: ShapeDesc, p: [number, number, number], yaw = 0, tiltX = 0): PlacedShape {
  const s = placedShape(shape);
  s.p.set(p);
  // Yaw about z after a tilt about x.
  const qz = [0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2)];
  const qx = [Math.sin(tiltX / 2), 0, 0, Math.cos(tiltX / 2)];
  const q = [
    qz[3]! * qx[0]! + qz[0]! * qx[3]! + qz[1]! * qx[2]! - qz[2]! * qx[1]!,
    qz[3]! * qx[1]! - qz[0]! * qx[2]! + qz[1]! * qx[3]! + qz[2]! * qx[0]!,
    qz[3]! * qx[2]! + qz[0]! * qx[1]! - qz[1]! * qx[0]! + qz[2]! * qx[3]!,
    qz[3]! * qx[3]! - qz[0]! * qx[0]! - qz[1]! * qx[1]! - qz[2]! * qx[2]!,
  ];
  quatToMatrix(q[0]!, q[1]!, q[2]!, q[3]!, s.R);
  return s;
}

const cube = (h: number): ShapeDesc => ({ type: 'box', halfExtents: [h, h, h] });
const can: ShapeDesc = { type: 'cylinder', radius: 0.02, halfHeight: 0.035 };
const ball: ShapeDesc = { type: 'sphere', radius: 0.02 };

const cases: { name: string; a: PlacedShape; b: PlacedShape; expected: number; tol: number }[] = [
  {
    name: 'two cubes face to face, 3 mm apart',
    a: at(cube(0.02), [0, 0, 0]),
    b: at(cube(0.02), [0.043, 0.01, 0]),
    expected: 0.003,
    tol: 1e-9,
  },
  {
    name: 'two cubes overlapping by 1 mm',
    a: at(cube(0.02), [0, 0, 0]),
    b: at(cube(0.02), [0.039, 0, 0.005]),
    expected: -0.001,
    tol: 1e-9,
  },
  {
    name: 'a cube corner towards another cube, 45° turned',
    a: at(cube(0.02), [0, 0, 0]),
    b: at(cube(0.02), [0.02 + 0.02 * Math.SQRT2 + 0.002, 0, 0], Math.PI / 4),
    expected: 0.002,
    tol: 1e-9,
  },
  { name: 'a ball above a cube', a: at(ball, [0.005, 0, 0.045]), b: at(cube(0.02), [0, 0, 0]), expected: 0.005, tol: 1e-12 },
  { name: 'a ball pressed into a cube face', a: at(ball, [0, 0, 0.039]), b: at(cube(0.02), [0, 0, 0]), expected: -0.001, tol: 1e-12 },
  {
    name: 'a ball beside a cube edge',
    a: at(ball, [0.02 + 0.025 / Math.SQRT2, 0, 0.02 + 0.025 / Math.SQRT2]),
    b: at(cube(0.02), [0, 0, 0]),
    expected: 0.005,
    tol: 1e-9,
  },
  { name: 'a standing can beside a cube', a: at(can, [0, 0, 0]), b: at(cube(0.02), [0.044, 0.005, 0]), expected: 0.004, tol: 1e-9 },
  { name: 'a cube 2 mm above a can', a: at(can, [0, 0, 0]), b: at(cube(0.02), [0.01, 0, 0.057]), expected: 0.002, tol: 1e-9 },
  {
    name: 'a can pressed 0.5 mm into a finger',
    a: at(can, [0, 0, 0]),
    b: at(cube(0.005), [0.0245, 0, 0.01]),
    expected: -0.0005,
    tol: 1e-9,
  },
  {
    name: 'a can lying on its side, 1 mm above a slab',
    a: at(can, [0, 0, 0.021], 0, Math.PI / 2),
    b: at({ type: 'box', halfExtents: [0.1, 0.1, 0.01] }, [0, 0, -0.01]),
    expected: 0.001,
    tol: 1e-9,
  },
  { name: 'two balls 1 cm apart', a: at(ball, [0, 0, 0]), b: at(ball, [0.05, 0, 0]), expected: 0.01, tol: 1e-15 },
];

describe('cannon signed distance', () => {
  it.each(cases)('$name', ({ a, b, expected, tol }) => {
    expect(signedDistance(a, b, 0.05)).toBeCloseTo(expected, -Math.log10(tol) - 1);
    expect(Math.abs(signedDistance(a, b, 0.05)! - expected)).toBeLessThanOrEqual(tol);
    // Symmetric.
    expect(Math.abs(signedDistance(b, a, 0.05)! - expected)).toBeLessThanOrEqual(tol);
  });

  it('is null beyond maxDistance (bounding spheres apart)', () => {
    expect(signedDistance(at(cube(0.02), [0, 0, 0]), at(cube(0.02), [0.2, 0, 0]), 0.01)).toBe(null);
  });
});
