// line, inRegion, offset, and the arrangements over selections (ordered by size, row and
// circle with `select`): true and false cases, their facts, and schema errors. Hand-built
// snapshots, no physics.

import { describe, expect, it } from 'vitest';
import { LINE_TOLERANCE, PHRASE_DISTANCES, PredicateSchema, TABLE_REGIONS, evaluatePredicate, issueText } from '../../sim/index.ts';
import type { Predicate, Vec3 } from '../../sim/index.ts';
import { bowl, cube, factsOf, rest, views } from './predicate-views.ts';

const IDS = ['a', 'b', 'c', 'd'];
const V = views([...IDS.map((id, i) => cube(id, 'red', -0.3 + 0.2 * i, -0.25)), bowl('bowl', 'blue', 0, 0.2)]);
const line = (pts: [number, number][]): Record<string, Vec3> => Object.fromEntries(pts.map(([x, y], i) => [IDS[i]!, rest(x, y)]));

describe('line', () => {
  const check = (direction: 'horizontal' | 'vertical' | 'diagonal' | 'any', pts: [number, number][], extra = {}) =>
    evaluatePredicate({ line: { select: { shape: 'box' }, direction, ...extra } }, V.at(line(pts)));

  it('holds for evenly spaced centres on a line of the right heading', () => {
    const h = check('horizontal', [
      [-0.15, 0],
      [-0.05, 0.01],
      [0.05, -0.005],
      [0.15, 0],
    ]);
    expect(h.ok, h.detail).toBe(true);
    const f = factsOf(h, 'line');
    expect(f).toMatchObject({
      direction: 'horizontal',
      tolerance: LINE_TOLERANCE,
      directionOk: true,
      offLine: null,
      unevenGap: null,
      overlap: null,
    });
    expect(f.order).toEqual(['a', 'b', 'c', 'd']);
    expect(
      check('vertical', [
        [0, -0.2],
        [0.01, -0.1],
        [0, 0],
        [-0.01, 0.1],
      ]).ok,
    ).toBe(true);
    expect(
      check('diagonal', [
        [-0.15, -0.15],
        [-0.05, -0.05],
        [0.05, 0.05],
        [0.15, 0.15],
      ]).ok,
    ).toBe(true);
    expect(
      check('diagonal', [
        [-0.15, 0.15],
        [-0.05, 0.05],
        [0.05, -0.05],
        [0.15, -0.15],
      ]).ok,
    ).toBe(true); // the other way
    expect(
      check('any', [
        [-0.2, -0.1],
        [-0.1, -0.05],
        [0, 0],
        [0.1, 0.05],
      ]).ok,
    ).toBe(true); // 27°: neither horizontal nor diagonal
  });

  it('fails on the wrong heading, naming the angle', () => {
    const r = check('horizontal', [
      [-0.2, -0.1],
      [-0.1, -0.05],
      [0, 0],
      [0.1, 0.05],
    ]);
    expect(r.ok).toBe(false);
    expect(r.detail).toBe(
      'a, b, c, d are not in a horizontal line: their best-fit line runs 27° from the x axis (horizontal is within 15° of the x axis).',
    );
    expect(
      check('diagonal', [
        [-0.2, -0.1],
        [-0.1, -0.05],
        [0, 0],
        [0.1, 0.05],
      ]).ok,
    ).toBe(false);
    expect(
      check('vertical', [
        [-0.15, 0],
        [-0.05, 0],
        [0.05, 0],
        [0.15, 0],
      ]).ok,
    ).toBe(false);
  });

  it('fails when a centre is off the fitted line by more than the tolerance', () => {
    const r = check('horizontal', [
      [-0.15, 0],
      [-0.05, 0.035],
      [0.05, 0],
      [0.15, 0],
    ]);
    expect(r.ok).toBe(false);
    const f = factsOf(r, 'line');
    expect(f.offLine).toBe(1);
    expect(r.detail).toMatch(
      /^a, b, c, d are not in a horizontal line: b's centre is 2\.4 cm off their best-fit line \(tolerance 2 cm\)\.$/,
    );
    expect(
      check(
        'horizontal',
        [
          [-0.15, 0],
          [-0.05, 0.035],
          [0.05, 0],
          [0.15, 0],
        ],
        { tolerance: 0.03 },
      ).ok,
    ).toBe(true);
  });

  it('fails when unevenly spaced (a gap more than 50% off the mean) or when neighbours overlap', () => {
    const uneven = check('horizontal', [
      [-0.2, 0],
      [-0.15, 0],
      [0.05, 0],
      [0.15, 0],
    ]);
    expect(uneven.ok).toBe(false);
    expect(uneven.detail).toBe('a, b, c, d are in line but not evenly spaced: b to c is 20.0 cm, the mean gap 11.7 cm (±50% allowed).');
    const overlap = check('horizontal', [
      [-0.1, 0],
      [-0.07, 0],
      [-0.04, 0],
      [-0.01, 0],
    ]);
    expect(overlap.ok).toBe(false);
    expect(factsOf(overlap, 'line').overlap).toEqual(['a', 'b']);
  });

  it('two objects: only heading, overlap and holding count; a held object is not in line yet', () => {
    const two = (pts: [number, number][], holding: string | null = null) =>
      evaluatePredicate({ line: { ids: ['a', 'b'], direction: 'vertical' } }, V.at(line(pts), holding));
    expect(
      two([
        [0, 0],
        [0.02, 0.2],
      ]).ok,
    ).toBe(true);
    expect(
      two([
        [0, 0],
        [0.2, 0.02],
      ]).ok,
    ).toBe(false);
    expect(
      two(
        [
          [0, 0],
          [0.02, 0.2],
        ],
        'b',
      ).detail,
    ).toBe('a, b are not in a vertical line yet: b is still held by the gripper.');
    const one = evaluatePredicate({ line: { select: { shape: 'box', color: 'red', largest: 1 }, direction: 'any' } }, V.at());
    expect(one.ok).toBe(false); // the four cubes tie in size: ambiguous
    expect(factsOf(one, 'referent').reason).toBe('ambiguous');
    const few = evaluatePredicate({ line: { select: { shape: 'box', color: 'blue' }, direction: 'any' } }, V.at());
    expect(few.detail).toBe('A line needs 2 or more objects; the selection (blue box) picks none.');
  });
});

describe('inRegion', () => {
  it('holds for a resting object whose centre is in the region, corners inside their sides', () => {
    const r = evaluatePredicate({ inRegion: ['a', 'top_left_corner'] }, V.at({ a: rest(-0.35, 0.3) }));
    expect(r.ok, r.detail).toBe(true);
    expect(r.detail).toBe('a is in the top left corner: its centre [-0.350, 0.300] lies within x ≤ −0.25 and y ≥ 0.18.');
    const f = factsOf(r, 'inRegion');
    expect(f.dx).toBeCloseTo(-0.35 - TABLE_REGIONS.top_left_corner.anchor[0], 9);
    expect(evaluatePredicate({ inRegion: ['a', 'left_side'] }, V.at({ a: rest(-0.35, 0.3) })).ok).toBe(true);
    expect(evaluatePredicate({ inRegion: ['a', 'top_side'] }, V.at({ a: rest(-0.35, 0.3) })).ok).toBe(true);
    expect(evaluatePredicate({ inRegion: ['a', 'center'] }, V.at({ a: rest(0.05, -0.05) })).ok).toBe(true);
    // In a bowl standing in the corner counts: it rests there.
    expect(evaluatePredicate({ inRegion: ['a', 'top_right_corner'] }, V.at({ bowl: [0.35, 0.27, 0.03], a: rest(0.35, 0.27) })).ok).toBe(
      true,
    );
  });

  it('fails outside the region (by how far), held, or hanging above it', () => {
    const out = evaluatePredicate({ inRegion: ['a', 'top_left_corner'] }, V.at({ a: rest(-0.2, 0.3) }));
    expect(out.ok).toBe(false);
    expect(out.detail).toBe('a is not in the top left corner (x ≤ −0.25 and y ≥ 0.18): its centre [-0.200, 0.300] is 5.0 cm outside it.');
    expect(factsOf(out, 'inRegion').outside).toBeCloseTo(0.05, 9);
    expect(evaluatePredicate({ inRegion: ['a', 'top_left_corner'] }, V.at({ a: rest(-0.35, 0.3) }, 'a')).detail).toBe(
      'a is over the top left corner but not in it yet: a is still held by the gripper.',
    );
    expect(evaluatePredicate({ inRegion: ['a', 'top_left_corner'] }, V.at({ a: [-0.35, 0.3, 0.2] })).detail).toMatch(
      /^a is over the top left corner but not resting there: its bottom is 18\.0 cm above the table \(limit 10 cm\)\.$/,
    );
    expect(evaluatePredicate({ inRegion: ['a', 'bottom_side'] }, V.at()).ok).toBe(true); // a starts at y = -0.25
  });
});

describe('offset', () => {
  const off = (
    pos: Vec3,
    direction: 'left' | 'right' | 'top' | 'bottom',
    d: { min: number; max: number } = PHRASE_DISTANCES.little,
    holding: string | null = null,
  ) => evaluatePredicate({ offset: { id: 'a', from: 'bowl', direction, min: d.min, max: d.max } }, V.at({ a: pos }, holding));

  it('"a little to the right of": the edge-to-edge gap along the axis within the phrase distances', () => {
    // bowl: 14 cm across at x = 0; a: 4 cm cube. Centre at 0.12 → gap 0.12 - 0.02 - 0.07 = 3 cm.
    const r = off(rest(0.12, 0.2), 'right');
    expect(r.ok, r.detail).toBe(true);
    expect(factsOf(r, 'offset').gap).toBeCloseTo(0.03, 9);
    expect(r.detail).toBe('a is 3.0 cm right of bowl edge to edge (1 cm to 8 cm edge to edge), 0.0 cm off its centre line.');
    expect(off(rest(0.12, 0.2), 'left').ok).toBe(false);
    expect(off(rest(-0.12, 0.2), 'left').ok).toBe(true);
    expect(off(rest(0, 0.32), 'top').ok).toBe(true);
    expect(off(rest(0, 0.08), 'bottom').ok).toBe(true);
  });

  it('"a lot" is farther; too near, too far, off to the side and overlapping fail with numbers', () => {
    expect(off(rest(0.3, 0.2), 'right', PHRASE_DISTANCES.lot).ok).toBe(true);
    expect(off(rest(0.12, 0.2), 'right', PHRASE_DISTANCES.lot).detail).toBe(
      'a is 3.0 cm right of bowl edge to edge, needs 15 cm to 40 cm edge to edge.',
    );
    expect(off(rest(0.3, 0.2), 'right').ok).toBe(false);
    const side = off(rest(0.12, 0.28), 'right');
    expect(side.ok).toBe(false);
    expect(side.detail).toBe('a is 3.0 cm right of bowl edge to edge but 8.0 cm off to the side across the axis (limit 6 cm).');
    expect(off(rest(0.06, 0.2), 'right').detail).toMatch(/^a is not right of bowl: its footprint overlaps bowl's along x/);
    expect(off(rest(0.12, 0.2), 'right', PHRASE_DISTANCES.little, 'a').ok).toBe(false);
  });
});

describe('arrangements over selections', () => {
  const S = views([
    cube('small', 'red', 0.2, 0, 0.03),
    cube('mid', 'blue', 0, 0, 0.04),
    cube('big', 'green', -0.2, 0, 0.05),
    bowl('bowl', 'gray', 0, 0.25),
  ]);
  const BY_SIZE: Predicate = { ordered: { select: { shape: 'box' }, axis: 'x', by: 'size' } };

  it('ordered by size: "sorted by size from left to right", and right to left with descending', () => {
    const before = evaluatePredicate(BY_SIZE, S.at());
    expect(before.ok).toBe(false);
    expect(before.detail).toMatch(
      /^small, mid, big are not sorted by size along x \(smallest first, increasing x\): mid \(64 cm³, x = 0\.00 m\) should be right of the smaller small/,
    );
    const sorted = S.at({ small: rest(-0.2, 0, 0.03), big: rest(0.2, 0, 0.05) });
    const r = evaluatePredicate(BY_SIZE, sorted);
    expect(r.ok, r.detail).toBe(true);
    expect(factsOf(r, 'ordered')).toMatchObject({ ids: ['small', 'mid', 'big'], by: 'size', outOfOrder: null });
    expect(evaluatePredicate({ ordered: { select: { shape: 'box' }, axis: 'x', by: 'size', descending: true } }, S.at()).ok).toBe(true);
    expect(evaluatePredicate({ ordered: { ids: ['big', 'mid', 'small'], axis: 'x', descending: true } }, sorted).ok).toBe(true);
    // Equal sizes may stand in either order.
    const T = views([cube('p', 'red', 0.1, 0), cube('q', 'red', -0.1, 0), cube('r', 'red', 0.2, 0, 0.05)]);
    expect(evaluatePredicate({ ordered: { select: { shape: 'box' }, axis: 'x', by: 'size' } }, T.at()).ok).toBe(true);
  });

  it('row and circle take a selection', () => {
    expect(evaluatePredicate({ row: { select: { shape: 'box' }, axis: 'x' } }, S.at()).ok).toBe(true);
    expect(evaluatePredicate({ row: { select: { shape: 'box' }, axis: 'x' } }, S.at({ mid: rest(0, 0.05) })).ok).toBe(false);
    const ring = { small: rest(0.1, 0.25, 0.03), mid: rest(-0.05, 0.337, 0.04), big: rest(-0.05, 0.163, 0.05) };
    const c = evaluatePredicate({ circle: { select: { shape: 'box' }, center: 'bowl' } }, S.at(ring));
    expect(c.ok, c.detail).toBe(true);
    expect(factsOf(c, 'circle').ids).toEqual(['small', 'mid', 'big']);
    expect(evaluatePredicate({ circle: { select: { shape: 'box', exclude: ['big'] }, center: 'bowl' } }, S.at(ring)).detail).toBe(
      'A circle needs 3 or more objects; the selection (box other than big) picks small, mid.',
    );
  });
});

describe('schema', () => {
  const problem = (p: unknown): string => {
    const r = PredicateSchema.safeParse(p);
    return r.success ? 'ok' : r.error.issues.map(issueText).join(' | ');
  };
  it('rejects unknown regions, bad directions, ids with select, and offsets with max below min', () => {
    expect(problem({ inRegion: ['a', 'top_left'] })).toMatch(
      /^inRegion\[1\]: "top_left" is not a table region \(did you mean "top_left_corner"\?\); expected one of top_left_corner, /,
    );
    expect(problem({ line: { ids: ['a', 'b'], direction: 'sideways' } })).toBe(
      'line.direction: "sideways" is not a line direction; expected one of horizontal, vertical, diagonal, any',
    );
    expect(problem({ line: { ids: ['a', 'b'], select: { shape: 'box' }, direction: 'any' } })).toMatch(
      /^line: expected "ids" or "select", not both/,
    );
    expect(problem({ row: { axis: 'x' } })).toMatch(/^row: expected "ids" \(a list of objects\) or "select" \(a selector\)/);
    expect(problem({ ordered: { select: { shape: 'box' }, axis: 'x' } })).toMatch(/^ordered: ordered with "select" needs "by": "size"/);
    expect(problem({ offset: { id: 'a', from: 'b', direction: 'up', min: 0, max: 0.1 } })).toMatch(
      /^offset\.direction: "up" is not a direction/,
    );
    expect(problem({ offset: { id: 'a', from: 'b', direction: 'left', min: 0.1, max: 0.05 } })).toBe(
      'offset.max: expected max >= min (0.1)',
    );
    expect(problem({ line: { ids: ['a', 'b'], direction: 'any', tolerance: 0 } })).toMatch(/^line\.tolerance: expected/);
    expect(
      problem({ offset: { id: { the: { shape: 'box', closestTo: 'bowl' } }, from: 'bowl', direction: 'left', min: 0.01, max: 0.08 } }),
    ).toBe('ok');
  });
});
