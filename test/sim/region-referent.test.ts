// "The corner closest to / farthest from X": inRegion with a corner named by an object,
// resolved from where that object stood at the start of the attempt.

import { describe, expect, it } from 'vitest';
import { PredicateSchema, evaluatePredicate, predicateRefs } from '../../sim/index.ts';
import type { Predicate } from '../../sim/index.ts';
import { bowl, cube, rest, views } from './predicate-views.ts';

describe('inRegion with a corner named by an object', () => {
  const V = views([cube('a', 'red', 0, 0), bowl('green_bowl', 'green', 0.2, -0.15)]);

  it('picks the corner nearest the object at the start, even after the object moved', () => {
    const p: Predicate = { inRegion: ['a', { corner: { closestTo: 'green_bowl' } }] };
    expect(evaluatePredicate(p, V.at({ a: rest(0.35, -0.27) })).ok).toBe(true);
    expect(evaluatePredicate(p, V.at({ a: rest(-0.35, 0.27) })).ok).toBe(false);
    // The bowl is carried to the far corner afterwards: the corner is still the one it was near.
    expect(evaluatePredicate(p, V.at({ a: rest(0.35, -0.27), green_bowl: rest(-0.35, 0.27, 0.06) })).ok).toBe(true);
  });

  it('picks the farthest corner with farthestFrom', () => {
    const p: Predicate = { inRegion: ['a', { corner: { farthestFrom: 'green_bowl' } }] };
    const r = evaluatePredicate(p, V.at({ a: rest(-0.35, 0.27) }));
    expect(r.ok).toBe(true);
    expect(r.detail).toContain('top left corner');
    expect(evaluatePredicate(p, V.at({ a: rest(0.35, 0.27) })).ok).toBe(false);
  });

  it('fails as ambiguous when two corners are equally near', () => {
    const W = views([cube('a', 'red', 0, 0), bowl('green_bowl', 'green', 0, -0.2)]);
    const r = evaluatePredicate({ inRegion: ['a', { corner: { closestTo: 'green_bowl' } }] }, W.at({ a: rest(0.35, -0.27) }));
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/ambiguous: bottom_(left|right)_corner and bottom_(left|right)_corner/);
  });

  it('is validated by the schema and its object is a checked reference', () => {
    expect(PredicateSchema.safeParse({ inRegion: ['a', { corner: { closestTo: 'green_bowl' } }] }).success).toBe(true);
    const bad = PredicateSchema.safeParse({ inRegion: ['a', { corner: { nearest: 'green_bowl' } }] });
    expect(bad.success).toBe(false);
    const refs = predicateRefs({ inRegion: ['a', { corner: { farthestFrom: 'green_bowl' } }] }, ['success']);
    expect(refs.map((r) => [r.id, r.path.join('.')])).toContainEqual(['green_bowl', 'success.inRegion.1.corner.farthestFrom']);
  });
});
