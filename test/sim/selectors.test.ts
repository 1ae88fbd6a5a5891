// Selectors and `{ the: … }` references (sim/selectors.ts): filters, rankings, ties, and
// referents computed on the initial snapshot. Hand-built scenes, no physics.

import { describe, expect, it } from 'vitest';
import {
  PredicateSchema,
  REFERENT_TIE,
  describeSelector,
  evaluatePredicate,
  issueText,
  objectVolume,
  onSide,
  resolveRef,
  selectIds,
} from '../../sim/index.ts';
import type { Predicate, Selector } from '../../sim/index.ts';
import { bowl, cube, factsOf, rest, thing, views } from './predicate-views.ts';

// Three blocks left to right along y = 0, two bowls at the top, a green cylinder and a red ball.
const V = views([
  cube('red_block', 'red', -0.2, 0),
  cube('blue_block', 'blue', 0, 0, 0.05),
  cube('green_block', 'green', 0.2, 0, 0.03),
  bowl('yellow_bowl', 'yellow', -0.25, 0.2),
  bowl('green_bowl', 'green', 0.25, 0.2),
  thing('green_can', 'cylinder', 'green', [0.04, 0.04, 0.08], 0.1, -0.2),
  thing('red_ball', 'sphere', 'red', [0.04, 0.04, 0.04], -0.1, -0.2),
]);
const sel = (s: Selector): string[] => selectIds(s, V.at());

describe('selector filters', () => {
  it('pick by shape, colour, kind, notColor and exclude, in scene order', () => {
    expect(sel({ shape: 'box' })).toEqual(['red_block', 'blue_block', 'green_block']);
    expect(sel({ shape: ['box', 'sphere'], color: 'red' })).toEqual(['red_block', 'red_ball']);
    expect(sel({ kind: 'container' })).toEqual(['yellow_bowl', 'green_bowl']);
    expect(sel({ kind: 'object', color: 'green' })).toEqual(['green_block', 'green_can']);
    expect(sel({ shape: 'cylinder', notColor: 'green' })).toEqual([]);
    expect(sel({ shape: 'box', notColor: ['red', 'blue'] })).toEqual(['green_block']);
    expect(sel({ shape: 'box', exclude: ['blue_block'] })).toEqual(['red_block', 'green_block']);
  });

  it('sameColorAs never picks the object itself; differentColorFrom keeps other colours', () => {
    expect(sel({ sameColorAs: 'green_block' })).toEqual(['green_bowl', 'green_can']);
    expect(sel({ shape: 'bowl', sameColorAs: 'green_block' })).toEqual(['green_bowl']);
    expect(sel({ shape: 'box', differentColorFrom: 'green_bowl' })).toEqual(['red_block', 'blue_block']);
  });

  it('side: the centre lies more along that direction than across it (top = +y, the far side)', () => {
    expect(sel({ shape: 'box', side: { of: 'blue_block', direction: 'left' } })).toEqual(['red_block']);
    expect(sel({ shape: 'box', side: { of: 'blue_block', direction: 'right' } })).toEqual(['green_block']);
    expect(sel({ side: { of: 'blue_block', direction: 'top' } })).toEqual([]); // the bowls are 0.25 across, 0.2 up
    expect(sel({ side: { of: 'green_can', direction: 'top' } })).toEqual(['blue_block', 'green_block', 'yellow_bowl', 'green_bowl']);
    expect(onSide([0.1, 0.1, 0], [0, 0, 0], 'right')).toBe(false); // a 45° diagonal is neither
    expect(onSide([0.1, 0.09, 0], [0, 0, 0], 'right')).toBe(true);
    expect(onSide([0, -0.1, 0], [0, 0, 0], 'bottom')).toBe(true);
  });
});

describe('selector rankings', () => {
  it('closestTo / farthestFrom by horizontal centre distance, never the anchor itself', () => {
    expect(sel({ shape: 'box', closestTo: 'yellow_bowl' })).toEqual(['red_block']);
    expect(sel({ shape: 'box', farthestFrom: 'yellow_bowl' })).toEqual(['green_block']);
    expect(sel({ kind: 'container', closestTo: 'yellow_bowl' })).toEqual(['green_bowl']);
  });

  it('nth counts centres from a side of the table', () => {
    expect(sel({ shape: 'box', nth: { n: 2, from: 'left' } })).toEqual(['blue_block']);
    expect(sel({ shape: 'box', nth: { n: 1, from: 'right' } })).toEqual(['green_block']);
    expect(sel({ shape: 'box', nth: { n: 4, from: 'left' } })).toEqual([]);
    expect(sel({ kind: 'container', nth: { n: 1, from: 'left' } })).toEqual(['yellow_bowl']);
    expect(() => sel({ kind: 'container', nth: { n: 1, from: 'top' } })).toThrow(/ambiguous: yellow_bowl and green_bowl tie/);
  });

  it('largest / smallest n by volume', () => {
    expect(sel({ shape: 'box', largest: 2 })).toEqual(['blue_block', 'red_block']);
    expect(sel({ shape: 'box', smallest: 1 })).toEqual(['green_block']);
    expect(sel({ shape: 'box', largest: 5 })).toEqual(['blue_block', 'red_block', 'green_block']); // fewer when fewer fit
    expect(objectVolume({ shape: 'box', size: [0.05, 0.05, 0.05] })).toBeCloseTo(1.25e-4, 12);
    expect(objectVolume({ shape: 'sphere', size: [0.04, 0.04, 0.04] })).toBeCloseTo((4 / 3) * Math.PI * 0.02 ** 3, 12);
  });

  it('a tie in a ranking is ambiguous, not silently the first', () => {
    // green_can and red_ball are both at y = -0.2: "the first from the bottom" has two answers.
    const r = evaluatePredicate({ onTable: { the: { kind: 'object', nth: { n: 1, from: 'bottom' } } } }, V.at());
    expect(r.ok).toBe(false);
    expect(factsOf(r, 'referent')).toMatchObject({ reason: 'ambiguous', candidates: expect.arrayContaining(['green_can', 'red_ball']) });
    expect(r.detail).toBe(
      '"the 1st object from the bottom" is ambiguous: green_can and red_ball tie (they are within 2 mm of each other from the bottom).',
    );
    // Two blocks the same distance from the bowl, and two the same size.
    const W = views([cube('a', 'red', -0.1, 0), cube('b', 'red', 0.1, 0), bowl('o', 'blue', 0, 0.2)]);
    expect(() => selectIds({ shape: 'box', closestTo: 'o' }, W.at())).toThrow(
      /ambiguous: a and b tie \(their distances differ by at most 2 mm\)/,
    );
    expect(() => selectIds({ shape: 'box', largest: 1 }, W.at())).toThrow(/a and b tie \(they are the same size/);
    const X = views([cube('a', 'red', -0.1, 0), cube('b', 'red', 0.1 + 5 * REFERENT_TIE, 0), bowl('o', 'blue', 0, 0.2)]);
    expect(selectIds({ shape: 'box', closestTo: 'o' }, X.at())).toEqual(['a']);
  });
});

describe('references', () => {
  it('{ the } picks exactly one object; none or several make the predicate false with a clear detail', () => {
    expect(resolveRef({ the: { shape: 'box', closestTo: 'yellow_bowl' } }, V.at())).toBe('red_block');
    const many = evaluatePredicate({ onTable: { the: { shape: 'box' } } }, V.at());
    expect(many.ok).toBe(false);
    expect(many.detail).toBe('"the box" is ambiguous: 3 objects fit (red_block, blue_block, green_block), it must pick exactly one.');
    expect(factsOf(many, 'referent')).toEqual({
      kind: 'referent',
      ref: 'the box',
      reason: 'ambiguous',
      candidates: ['red_block', 'blue_block', 'green_block'],
    });
    const none = evaluatePredicate({ onTable: { the: { shape: 'cylinder', color: 'purple' } } }, V.at());
    expect(none.ok).toBe(false);
    expect(none.detail).toBe('There is no purple cylinder in the scene at the start, so "the purple cylinder" names nothing.');
    expect(factsOf(none, 'referent').reason).toBe('empty');
  });

  it('are computed on the initial snapshot: a block that moved is still "the block closest to the bowl"', () => {
    const p: Predicate = { inside: [{ the: { shape: 'box', closestTo: 'yellow_bowl' } }, 'green_bowl'] };
    // red_block (closest to yellow_bowl at the start) now sits in green_bowl; blue_block was moved right next to yellow_bowl.
    const after = V.at({ red_block: rest(0.25, 0.2), blue_block: rest(-0.25, 0.12, 0.05) });
    const r = evaluatePredicate(p, after);
    expect(r.ok, r.detail).toBe(true);
    expect(factsOf(r, 'inside').object).toBe('red_block');
    // Moving blue_block into green_bowl instead does not count: it is not the block that was closest.
    const wrong = evaluatePredicate(p, V.at({ blue_block: rest(0.25, 0.2, 0.05) }));
    expect(wrong.ok).toBe(false);
    expect(wrong.detail).toMatch(/^red_block is not inside green_bowl/);
  });

  it('nest: the bowl of the same colour as the block closest to the yellow bowl', () => {
    const W = views([
      cube('red_block', 'red', -0.2, 0.1),
      cube('blue_block', 'blue', 0.2, 0),
      bowl('yellow_bowl', 'yellow', -0.3, 0.25),
      bowl('red_bowl', 'red', 0.3, -0.2),
    ]);
    const ref = { the: { shape: 'bowl' as const, sameColorAs: { the: { shape: 'box' as const, closestTo: 'yellow_bowl' } } } };
    expect(resolveRef(ref, W.at())).toBe('red_bowl');
    expect(describeSelector(ref.the)).toBe('bowl of the same colour as the box closest to yellow_bowl');
  });

  it('an id inside a selector the scene lacks is an unknown id, with the known ids', () => {
    const r = evaluatePredicate({ onTable: { the: { shape: 'box', closestTo: 'yelow_bowl' } } }, V.at());
    expect(r.ok).toBe(false);
    expect(factsOf(r, 'unknown-id')).toMatchObject({ id: 'yelow_bowl', what: 'object' });
  });
});

describe('selector schema', () => {
  const problem = (p: unknown): string => {
    const r = PredicateSchema.safeParse(p);
    return r.success ? 'ok' : issueText(r.error.issues[0]!);
  };
  it('names the bad field or value and the nearest good one, at its path', () => {
    expect(problem({ every: { select: { shape: 'bok' }, holds: { onTable: '$' } } })).toBe(
      'every.select.shape: "bok" is not a shape (did you mean "box"?); expected one of box, cylinder, sphere, bowl, tray',
    );
    expect(problem({ onTable: { the: { shape: ['box', 'sphere'], color: ['red', 'gren'] } } })).toMatch(
      /^onTable\.the\.color\[1\]: "gren" is not a colour \(did you mean "green"\?\)/,
    );
    expect(problem({ onTable: { the: { colour: 'red' } } })).toMatch(
      /^onTable\.the: unknown selector field "colour" \(did you mean "color"\?\)/,
    );
    expect(problem({ onTable: { the: { closestTo: 'a', largest: 2 } } })).toBe(
      'onTable.the: expected at most one ranking of closestTo, farthestFrom, nth, largest, smallest (got closestTo, largest)',
    );
    expect(problem({ onTable: { the: { nth: { n: 0, from: 'left' } } } })).toBe('onTable.the.nth.n: expected a whole number >= 1');
    expect(problem({ onTable: { the: { side: { of: 'a', direction: 'up' } } } })).toMatch(
      /^onTable\.the\.side\.direction: "up" is not a direction/,
    );
    expect(problem({ onTable: { tha: { shape: 'box' } } })).toBe(
      'onTable: expected an object id, a "$variable" bound by every / some, or { "the": selector } (got an object with "tha")',
    );
    expect(problem({ onTable: { the: { shape: 'box', closestTo: { the: { shape: 'bowl' } } } } })).toBe('ok');
  });

  it('bounds how deep references nest', () => {
    let ref: unknown = 'a';
    for (let i = 0; i < 6; i++) ref = { the: { closestTo: ref } };
    expect(problem({ onTable: ref })).toMatch(/references nested too deeply \(at most 4/);
  });
});
