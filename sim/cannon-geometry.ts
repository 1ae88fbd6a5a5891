// Signed distances between our collision shapes (box, cylinder, sphere) for the cannon-es
// world, which has no distance query of its own (docs: sim/README.md#cannon-es).
//
// - Apart: GJK on the shapes' support functions (a sphere is its centre point, its radius
//   subtracted after), exact to ~1e-9 m for every pair of our convex shapes.
// - Overlapping: the penetration depth is estimated by separating axes: the smallest
//   overlap of the two shapes' projections over a set of candidate axes (the boxes' face
//   normals and their edge cross products, the cylinders' axes and the radial directions
//   between them, the centre-to-centre direction). Exact for two boxes and for a sphere
//   against anything; for a cylinder against a box or a cylinder it can over-estimate
//   the depth when the deepest direction is none of the candidates (a rim edge on a box
//   edge). Only the sign and the first millimetres matter here (touching, squeeze).

import type { ShapeDesc } from './physics-world.ts';

/** A shape placed in the world: centre `p`, rotation `R` (row-major 3×3, world from local), bounding radius. */
export interface PlacedShape {
  shape: ShapeDesc;
  p: Float64Array;
  R: Float64Array;
  bound: number;
}

export function placedShape(shape: ShapeDesc): PlacedShape {
  return { shape, p: new Float64Array(3), R: new Float64Array(9), bound: boundingRadius(shape) };
}

export function boundingRadius(s: ShapeDesc): number {
  switch (s.type) {
    case 'box':
      return Math.hypot(s.halfExtents[0], s.halfExtents[1], s.halfExtents[2]);
    case 'cylinder':
      return Math.hypot(s.radius, s.halfHeight);
    case 'sphere':
      return s.radius;
  }
}

/** Writes the rotation matrix of quaternion (x, y, z, w) into R (row-major). */
export function quatToMatrix(x: number, y: number, z: number, w: number, R: Float64Array): void {
  const xx = x * x,
    yy = y * y,
    zz = z * z,
    xy = x * y,
    xz = x * z,
    yz = y * z,
    wx = w * x,
    wy = w * y,
    wz = w * z;
  R[0] = 1 - 2 * (yy + zz);
  R[1] = 2 * (xy - wz);
  R[2] = 2 * (xz + wy);
  R[3] = 2 * (xy + wz);
  R[4] = 1 - 2 * (xx + zz);
  R[5] = 2 * (yz - wx);
  R[6] = 2 * (xz - wy);
  R[7] = 2 * (yz + wx);
  R[8] = 1 - 2 * (xx + yy);
}

/** Local axis i (0 = x, 1 = y, 2 = z) of a placed shape in world coordinates: column i of R. */
function axis(s: PlacedShape, i: number, out: number[]): void {
  out[0] = s.R[i]!;
  out[1] = s.R[3 + i]!;
  out[2] = s.R[6 + i]!;
}

/** Radius the support function leaves out (a sphere is its centre point plus this margin). */
function margin(s: PlacedShape): number {
  return s.shape.type === 'sphere' ? s.shape.radius : 0;
}

const ax = [0, 0, 0];

/** Support point of the shape's core (spheres: the centre) in direction d, written to out[o..o+2]. */
function support(s: PlacedShape, dx: number, dy: number, dz: number, out: number[], o: number): void {
  const sh = s.shape;
  let x = s.p[0]!,
    y = s.p[1]!,
    z = s.p[2]!;
  if (sh.type === 'box') {
    for (let i = 0; i < 3; i++) {
      axis(s, i, ax);
      const h = sh.halfExtents[i]! * (ax[0]! * dx + ax[1]! * dy + ax[2]! * dz >= 0 ? 1 : -1);
      x += h * ax[0]!;
      y += h * ax[1]!;
      z += h * ax[2]!;
    }
  } else if (sh.type === 'cylinder') {
    axis(s, 2, ax);
    const da = ax[0]! * dx + ax[1]! * dy + ax[2]! * dz;
    const h = da >= 0 ? sh.halfHeight : -sh.halfHeight;
    x += h * ax[0]!;
    y += h * ax[1]!;
    z += h * ax[2]!;
    const rx = dx - da * ax[0]!,
      ry = dy - da * ax[1]!,
      rz = dz - da * ax[2]!;
    const rl = Math.hypot(rx, ry, rz);
    if (rl > 1e-12) {
      x += (sh.radius * rx) / rl;
      y += (sh.radius * ry) / rl;
      z += (sh.radius * rz) / rl;
    }
  }
  out[o] = x;
  out[o + 1] = y;
  out[o + 2] = z;
}

/** Half-length of the shape's projection on unit axis n. */
function projection(s: PlacedShape, nx: number, ny: number, nz: number): number {
  const sh = s.shape;
  if (sh.type === 'sphere') return sh.radius;
  if (sh.type === 'box') {
    let r = 0;
    for (let i = 0; i < 3; i++) {
      axis(s, i, ax);
      r += sh.halfExtents[i]! * Math.abs(ax[0]! * nx + ax[1]! * ny + ax[2]! * nz);
    }
    return r;
  }
  axis(s, 2, ax);
  const c = Math.abs(ax[0]! * nx + ax[1]! * ny + ax[2]! * nz);
  return sh.halfHeight * c + sh.radius * Math.sqrt(Math.max(0, 1 - c * c));
}

// ------------------------------------------------------------------ GJK

// Simplex points (Minkowski difference A - B), up to 4, 3 floats each.
const simplex = new Array<number>(12).fill(0);
const v = [0, 0, 0];
const w = [0, 0, 0];
const sa = [0, 0, 0];
const sb = [0, 0, 0];

/**
 * Distance between the two shapes' cores (spheres as points), or 0 when they intersect.
 * The closest point of the current simplex to the origin is found by Johnson's
 * sub-algorithm in its barycentric form (Ericson, Real-Time Collision Detection §5.1, §9.5).
 */
function gjkCoreDistance(a: PlacedShape, b: PlacedShape): number {
  let n = 0;
  v[0] = a.p[0]! - b.p[0]!;
  v[1] = a.p[1]! - b.p[1]!;
  v[2] = a.p[2]! - b.p[2]!;
  if (v[0] === 0 && v[1] === 0 && v[2] === 0) v[0] = 1e-9;
  let best = Number.POSITIVE_INFINITY;
  for (let iter = 0; iter < 48; iter++) {
    support(a, -v[0]!, -v[1]!, -v[2]!, sa, 0);
    support(b, v[0]!, v[1]!, v[2]!, sb, 0);
    w[0] = sa[0]! - sb[0]!;
    w[1] = sa[1]! - sb[1]!;
    w[2] = sa[2]! - sb[2]!;
    const vv = v[0]! * v[0]! + v[1]! * v[1]! + v[2]! * v[2]!;
    const vw = v[0]! * w[0]! + v[1]! * w[1]! + v[2]! * w[2]!;
    if (vv - vw <= 1e-18 + 1e-12 * vv || vv < 1e-24) return Math.sqrt(vv);
    simplex[3 * n] = w[0]!;
    simplex[3 * n + 1] = w[1]!;
    simplex[3 * n + 2] = w[2]!;
    n++;
    n = closestOnSimplex(n);
    const d2 = v[0]! * v[0]! + v[1]! * v[1]! + v[2]! * v[2]!;
    if (n === 4 || d2 < 1e-24) return 0;
    // No progress: the distance is as good as it gets.
    if (d2 >= best) return Math.sqrt(Math.min(d2, best));
    best = d2;
  }
  return Math.sqrt(best);
}

const tmp = new Array<number>(12).fill(0);

/** Sets v to the point of the simplex closest to the origin and keeps only the points that span it; returns their count (4 = origin inside). */
function closestOnSimplex(n: number): number {
  const s = simplex;
  if (n === 1) {
    v[0] = s[0]!;
    v[1] = s[1]!;
    v[2] = s[2]!;
    return 1;
  }
  if (n === 2) return segment(0, 1);
  if (n === 3) return triangle(0, 1, 2);
  // Tetrahedron: the origin is inside unless it is outside one of the faces.
  let bestD = Number.POSITIVE_INFINITY;
  let bestN = 0;
  const faces = [
    [0, 1, 2, 3],
    [0, 1, 3, 2],
    [0, 2, 3, 1],
    [1, 2, 3, 0],
  ];
  let inside = true;
  const saved = s.slice(0, 12);
  const bestV = [0, 0, 0];
  for (const [i, j, k, l] of faces) {
    if (!outsideFace(saved, i!, j!, k!, l!)) continue;
    inside = false;
    for (let m = 0; m < 12; m++) s[m] = saved[m]!;
    const cnt = triangle(i!, j!, k!);
    const d = v[0]! * v[0]! + v[1]! * v[1]! + v[2]! * v[2]!;
    if (d < bestD) {
      bestD = d;
      bestN = cnt;
      bestV[0] = v[0]!;
      bestV[1] = v[1]!;
      bestV[2] = v[2]!;
      for (let m = 0; m < 3 * cnt; m++) tmp[m] = s[m]!;
    }
  }
  if (inside) {
    v[0] = 0;
    v[1] = 0;
    v[2] = 0;
    return 4;
  }
  for (let m = 0; m < 3 * bestN; m++) s[m] = tmp[m]!;
  v[0] = bestV[0]!;
  v[1] = bestV[1]!;
  v[2] = bestV[2]!;
  return bestN;
}

/** Whether the origin lies on the other side of face (i, j, k) from vertex l. */
function outsideFace(s: number[], i: number, j: number, k: number, l: number): boolean {
  const ax_ = s[3 * j]! - s[3 * i]!,
    ay = s[3 * j + 1]! - s[3 * i + 1]!,
    az = s[3 * j + 2]! - s[3 * i + 2]!;
  const bx = s[3 * k]! - s[3 * i]!,
    by = s[3 * k + 1]! - s[3 * i + 1]!,
    bz = s[3 * k + 2]! - s[3 * i + 2]!;
  const nx = ay * bz - az * by,
    ny = az * bx - ax_ * bz,
    nz = ax_ * by - ay * bx;
  const po = -(s[3 * i]! * nx + s[3 * i + 1]! * ny + s[3 * i + 2]! * nz);
  const pl = (s[3 * l]! - s[3 * i]!) * nx + (s[3 * l + 1]! - s[3 * i + 1]!) * ny + (s[3 * l + 2]! - s[3 * i + 2]!) * nz;
  return po * pl < 0;
}

/** Keeps points (given by index) at the front of the simplex in that order. */
function keep(...idx: number[]): number {
  const s = simplex;
  const vals = idx.flatMap((i) => [s[3 * i]!, s[3 * i + 1]!, s[3 * i + 2]!]);
  for (let m = 0; m < vals.length; m++) s[m] = vals[m]!;
  return idx.length;
}

function segment(i: number, j: number): number {
  const s = simplex;
  const ax_ = s[3 * i]!,
    ay = s[3 * i + 1]!,
    az = s[3 * i + 2]!;
  const abx = s[3 * j]! - ax_,
    aby = s[3 * j + 1]! - ay,
    abz = s[3 * j + 2]! - az;
  const t = -(ax_ * abx + ay * aby + az * abz);
  const len = abx * abx + aby * aby + abz * abz;
  if (t <= 0 || len <= 0) {
    v[0] = ax_;
    v[1] = ay;
    v[2] = az;
    return keep(i);
  }
  if (t >= len) {
    v[0] = s[3 * j]!;
    v[1] = s[3 * j + 1]!;
    v[2] = s[3 * j + 2]!;
    return keep(j);
  }
  const u = t / len;
  v[0] = ax_ + u * abx;
  v[1] = ay + u * aby;
  v[2] = az + u * abz;
  return keep(i, j);
}

/** Closest point of triangle (a, b, c) to the origin (Ericson's ClosestPtPointTriangle). */
function triangle(ia: number, ib: number, ic: number): number {
  const s = simplex;
  const a = [s[3 * ia]!, s[3 * ia + 1]!, s[3 * ia + 2]!];
  const b = [s[3 * ib]!, s[3 * ib + 1]!, s[3 * ib + 2]!];
  const c = [s[3 * ic]!, s[3 * ic + 1]!, s[3 * ic + 2]!];
  const ab = [b[0]! - a[0]!, b[1]! - a[1]!, b[2]! - a[2]!];
  const ac = [c[0]! - a[0]!, c[1]! - a[1]!, c[2]! - a[2]!];
  const ap = [-a[0]!, -a[1]!, -a[2]!];
  const dot = (p: number[], q: number[]) => p[0]! * q[0]! + p[1]! * q[1]! + p[2]! * q[2]!;
  const set = (p: number[]) => {
    v[0] = p[0]!;
    v[1] = p[1]!;
    v[2] = p[2]!;
  };
  const d1 = dot(ab, ap),
    d2 = dot(ac, ap);
  if (d1 <= 0 && d2 <= 0) {
    set(a);
    return keep(ia);
  }
  const bp = [-b[0]!, -b[1]!, -b[2]!];
  const d3 = dot(ab, bp),
    d4 = dot(ac, bp);
  if (d3 >= 0 && d4 <= d3) {
    set(b);
    return keep(ib);
  }
  const vc = d1 * d4 - d3 * d2;
  if (vc <= 0 && d1 >= 0 && d3 <= 0) {
    const t = d1 / (d1 - d3);
    set([a[0]! + t * ab[0]!, a[1]! + t * ab[1]!, a[2]! + t * ab[2]!]);
    return keep(ia, ib);
  }
  const cp = [-c[0]!, -c[1]!, -c[2]!];
  const d5 = dot(ab, cp),
    d6 = dot(ac, cp);
  if (d6 >= 0 && d5 <= d6) {
    set(c);
    return keep(ic);
  }
  const vb = d5 * d2 - d1 * d6;
  if (vb <= 0 && d2 >= 0 && d6 <= 0) {
    const t = d2 / (d2 - d6);
    set([a[0]! + t * ac[0]!, a[1]! + t * ac[1]!, a[2]! + t * ac[2]!]);
    return keep(ia, ic);
  }
  const va = d3 * d6 - d5 * d4;
  if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) {
    const t = (d4 - d3) / (d4 - d3 + (d5 - d6));
    set([b[0]! + t * (c[0]! - b[0]!), b[1]! + t * (c[1]! - b[1]!), b[2]! + t * (c[2]! - b[2]!)]);
    return keep(ib, ic);
  }
  const denom = 1 / (va + vb + vc);
  const vv = vb * denom,
    ww = vc * denom;
  set([a[0]! + ab[0]! * vv + ac[0]! * ww, a[1]! + ab[1]! * vv + ac[1]! * ww, a[2]! + ab[2]! * vv + ac[2]! * ww]);
  return keep(ia, ib, ic);
}

// ------------------------------------------------------------------ penetration

const cand: number[] = [];

function pushAxis(x: number, y: number, z: number): void {
  const l = Math.hypot(x, y, z);
  if (l < 1e-9) return;
  cand.push(x / l, y / l, z / l);
}

/** Candidate separating axes of a shape: its face normals (box) or axis (cylinder). */
function shapeAxes(s: PlacedShape): void {
  if (s.shape.type === 'box') {
    for (let i = 0; i < 3; i++) pushAxis(s.R[i]!, s.R[3 + i]!, s.R[6 + i]!);
  } else if (s.shape.type === 'cylinder') {
    pushAxis(s.R[2]!, s.R[5]!, s.R[8]!);
  }
}

/** Directions from `s`'s axis towards point q, perpendicular to the axis (cylinder side normals). */
function radialAxis(s: PlacedShape, qx: number, qy: number, qz: number): void {
  if (s.shape.type !== 'cylinder') return;
  axis(s, 2, ax);
  const dx = qx - s.p[0]!,
    dy = qy - s.p[1]!,
    dz = qz - s.p[2]!;
  const t = dx * ax[0]! + dy * ax[1]! + dz * ax[2]!;
  pushAxis(dx - t * ax[0]!, dy - t * ax[1]!, dz - t * ax[2]!);
}

/** Corners of a box, for the cylinder-side candidate axes. */
function boxCorners(s: PlacedShape, fn: (x: number, y: number, z: number) => void): void {
  if (s.shape.type !== 'box') return;
  const h = s.shape.halfExtents;
  for (let k = 0; k < 8; k++) {
    const lx = k & 1 ? h[0] : -h[0],
      ly = k & 2 ? h[1] : -h[1],
      lz = k & 4 ? h[2] : -h[2];
    const R = s.R;
    fn(
      s.p[0]! + R[0]! * lx + R[1]! * ly + R[2]! * lz,
      s.p[1]! + R[3]! * lx + R[4]! * ly + R[5]! * lz,
      s.p[2]! + R[6]! * lx + R[7]! * ly + R[8]! * lz,
    );
  }
}

/** Depth (≥ 0) of overlapping shapes by separating axes (see the header for where it is exact). */
function penetrationDepth(a: PlacedShape, b: PlacedShape): number {
  cand.length = 0;
  const dx = b.p[0]! - a.p[0]!,
    dy = b.p[1]! - a.p[1]!,
    dz = b.p[2]! - a.p[2]!;
  pushAxis(dx, dy, dz);
  shapeAxes(a);
  shapeAxes(b);
  const na = a.shape.type === 'box' ? 3 : a.shape.type === 'cylinder' ? 1 : 0;
  const nb = b.shape.type === 'box' ? 3 : b.shape.type === 'cylinder' ? 1 : 0;
  const ia = a.shape.type === 'box' ? [0, 1, 2] : [2];
  const ib = b.shape.type === 'box' ? [0, 1, 2] : [2];
  if (na > 0 && nb > 0) {
    const ea = [0, 0, 0],
      eb = [0, 0, 0];
    for (const i of ia) {
      axis(a, i, ea);
      for (const j of ib) {
        axis(b, j, eb);
        pushAxis(ea[1]! * eb[2]! - ea[2]! * eb[1]!, ea[2]! * eb[0]! - ea[0]! * eb[2]!, ea[0]! * eb[1]! - ea[1]! * eb[0]!);
      }
    }
  }
  // Sides of cylinders: towards the other shape's centre and corners.
  radialAxis(a, b.p[0]!, b.p[1]!, b.p[2]!);
  radialAxis(b, a.p[0]!, a.p[1]!, a.p[2]!);
  boxCorners(b, (x, y, z) => radialAxis(a, x, y, z));
  boxCorners(a, (x, y, z) => radialAxis(b, x, y, z));
  if (a.shape.type === 'sphere' && b.shape.type === 'box') sphereBoxAxis(a, b);
  if (b.shape.type === 'sphere' && a.shape.type === 'box') sphereBoxAxis(b, a);
  let depth = Number.POSITIVE_INFINITY;
  for (let k = 0; k < cand.length; k += 3) {
    const nx = cand[k]!,
      ny = cand[k + 1]!,
      nz = cand[k + 2]!;
    const d = projection(a, nx, ny, nz) + projection(b, nx, ny, nz) - Math.abs(nx * dx + ny * dy + nz * dz);
    if (d < depth) depth = d;
  }
  return Math.max(0, depth);
}

/** For a sphere whose centre is outside a box: the direction from the closest box point to the centre. */
function sphereBoxAxis(s: PlacedShape, box: PlacedShape): void {
  if (box.shape.type !== 'box') return;
  const h = box.shape.halfExtents;
  const R = box.R;
  const dx = s.p[0]! - box.p[0]!,
    dy = s.p[1]! - box.p[1]!,
    dz = s.p[2]! - box.p[2]!;
  let cx = 0,
    cy = 0,
    cz = 0;
  for (let i = 0; i < 3; i++) {
    const t = Math.max(-h[i]!, Math.min(h[i]!, R[i]! * dx + R[3 + i]! * dy + R[6 + i]! * dz));
    cx += t * R[i]!;
    cy += t * R[3 + i]!;
    cz += t * R[6 + i]!;
  }
  pushAxis(dx - cx, dy - cy, dz - cz);
}

/**
 * Signed distance between two placed shapes (negative = penetration depth), or null when
 * their bounding spheres are farther apart than maxDistance.
 */
export function signedDistance(a: PlacedShape, b: PlacedShape, maxDistance: number): number | null {
  const cd = Math.hypot(a.p[0]! - b.p[0]!, a.p[1]! - b.p[1]!, a.p[2]! - b.p[2]!);
  if (cd - a.bound - b.bound > maxDistance) return null;
  const m = margin(a) + margin(b);
  let d: number;
  if (a.shape.type === 'sphere' && b.shape.type === 'sphere') d = cd - m;
  else {
    const core = gjkCoreDistance(a, b);
    if (core > 1e-9) d = core - m;
    else d = -penetrationDepth(a, b);
    // A sphere's core touching the other shape: the margin is the depth at least.
    if (core <= 1e-9 && m > 0) d = Math.min(d, -m + core);
  }
  return d;
}
