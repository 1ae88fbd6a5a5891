// Predicates are pure functions of (scene, state, initial): these tests build the
// snapshots by hand, no physics involved.

import { describe, expect, it } from 'vitest';
import {
  ON_EDGE_TOLERANCE,
  ON_GAP_ABOVE,
  ON_GAP_BELOW,
  ON_TABLE_GAP,
  PredicateSchema,
  UPRIGHT_LIMIT,
  evaluatePredicate,
  issueText,
} from '../../sim/index.ts';
import type { ObjectState, Predicate, PredicateFacts, PredicateResult, Quat, Snapshot, Vec3, WorldView } from '../../sim/index.ts';
import { blueBlock, greenBowl, grayTray, obj, redBlock, scene } from './scenes.ts';

const SCENE = scene(
  redBlock(0, 0),
  blueBlock(0.1, 0),
  greenBowl(-0.15, 0.05),
  grayTray(-0.15, -0.12),
  obj('ball', 'sphere', [0.04, 0.04, 0.04], 0.2, -0.2),
  obj('green_block', 'box', [0.04, 0.04, 0.04], 0.3, 0),
);

const still = (position: Vec3, quaternion: Quat = [0, 0, 0, 1]): ObjectState => ({
  position,
  quaternion,
  linvel: [0, 0, 0],
  angvel: [0, 0, 0],
});

const INITIAL: Snapshot = {
  t: 0,
  step: 0,
  objects: Object.fromEntries(SCENE.objects.map((o) => [o.id, still(o.position)])),
  gripper: { position: [0, -0.15, 0.3], yaw: 0, approach: 'top', width: 0.08, holding: null },
};

/** A view where some objects have moved (and maybe one is held). */
function view(moved: Record<string, ObjectState>, holding: string | null = null): WorldView {
  return {
    scene: SCENE,
    initial: INITIAL,
    state: { ...INITIAL, t: 1, step: 240, objects: { ...INITIAL.objects, ...moved }, gripper: { ...INITIAL.gripper, holding } },
  };
}

const tiltX = (deg: number): Quat => [Math.sin((deg * Math.PI) / 360), 0, 0, Math.cos((deg * Math.PI) / 360)];
const onBlue = still([0.1, 0, 0.07]);

interface Case {
  name: string;
  p: Predicate;
  v: WorldView;
  ok: boolean;
  detail: string;
}

const cases: Case[] = [
  {
    name: 'on holds for a block resting on another',
    p: { on: ['red_block', 'blue_block'] },
    v: view({ red_block: onBlue }),
    ok: true,
    detail: "red_block is on blue_block: its bottom is 0.0 cm from blue_block's top and its centre 0.0 cm from the top centre.",
  },
  {
    name: 'on fails when the block floats above',
    p: { on: ['red_block', 'blue_block'] },
    v: view({ red_block: still([0.1, 0, 0.1]) }),
    ok: false,
    detail: "red_block is not on blue_block: its bottom is 3.0 cm above blue_block's top (limit 1.5 cm).",
  },
  {
    name: 'on fails when the block hangs past the edge',
    p: { on: ['red_block', 'blue_block'] },
    v: view({ red_block: still([0.142, 0, 0.07]) }),
    ok: false,
    detail: "red_block is not on blue_block: its centre is 4.2 cm from blue_block's top centre, 1.7 cm past the edge of blue_block's top.",
  },
  {
    name: 'on fails while the block is still held',
    p: { on: ['red_block', 'blue_block'] },
    v: view({ red_block: onBlue }, 'red_block'),
    ok: false,
    detail: 'red_block is not on blue_block: red_block is still held by the gripper.',
  },
  {
    name: 'inside holds for a block on the bowl floor',
    p: { inside: ['red_block', 'green_bowl'] },
    v: view({ red_block: still([-0.14, 0.05, 0.027]) }),
    ok: true,
    detail: "red_block is inside green_bowl: its centre is 1.0 cm from green_bowl's centre and 3.3 cm below the rim.",
  },
  {
    name: 'inside fails for a block beside the bowl',
    p: { inside: ['red_block', 'green_bowl'] },
    v: view({ red_block: still([-0.05, 0.05, 0.02]) }),
    ok: false,
    detail: "red_block is not inside green_bowl: its centre is 10.0 cm from green_bowl's centre, outside the 6.3 cm inner radius.",
  },
  {
    name: 'inside holds for a block in the tray',
    p: { inside: ['red_block', 'gray_tray'] },
    v: view({ red_block: still([-0.12, -0.12, 0.025]) }),
    ok: true,
    detail: "red_block is inside gray_tray: its centre is 3.0 cm from gray_tray's centre and 0.5 cm below the rim.",
  },
  {
    name: 'inside fails for a non-container',
    p: { inside: ['red_block', 'blue_block'] },
    v: view({}),
    ok: false,
    detail: 'red_block cannot be inside blue_block: blue_block is a box, not a bowl or tray.',
  },
  {
    name: 'above holds for a lifted block',
    p: { above: ['red_block', 0.05] },
    v: view({ red_block: still([0, 0, 0.08]) }),
    ok: true,
    detail: "red_block's bottom is 6.0 cm above the table (needs at least 5 cm).",
  },
  {
    name: 'above fails for a block on the table',
    p: { above: ['red_block', 0.05] },
    v: view({}),
    ok: false,
    detail: "red_block's bottom is 0.0 cm above the table (needs at least 5 cm).",
  },
  {
    name: 'near holds within the limit',
    p: { near: ['red_block', 'blue_block', 0.12] },
    v: view({}),
    ok: true,
    detail: 'red_block is 10.0 cm from blue_block (limit 12 cm).',
  },
  {
    name: 'near fails past the limit',
    p: { near: ['red_block', [0.042, 0], 0.03] },
    v: view({}),
    ok: false,
    detail: 'red_block is 4.2 cm from [0.042, 0.000] horizontally (limit 3 cm).',
  },
  {
    name: 'upright holds for a standing block',
    p: { upright: 'red_block' },
    v: view({ red_block: still([0, 0, 0.02], tiltX(5)) }),
    ok: true,
    detail: 'red_block is tilted 5° from upright (limit 15°).',
  },
  {
    name: 'upright fails for a toppled block',
    p: { upright: 'red_block' },
    v: view({ red_block: still([0, 0, 0.02], tiltX(32)) }),
    ok: false,
    detail: 'red_block is tilted 32° from upright (limit 15°).',
  },
  {
    name: 'onTable holds for a block on the table',
    p: { onTable: 'red_block' },
    v: view({}),
    ok: true,
    detail: 'red_block is on the table at [0.000, 0.000].',
  },
  {
    name: 'onTable fails for a stacked block and names its support',
    p: { onTable: 'red_block' },
    v: view({ red_block: onBlue }),
    ok: false,
    detail: 'red_block is not on the table: its bottom is 5.0 cm above the table top (it rests on blue_block).',
  },
  {
    name: 'onTable fails for a block that fell off',
    p: { onTable: 'red_block' },
    v: view({ red_block: still([0.6, 0, -0.73]) }),
    ok: false,
    detail:
      'red_block is off the table: its centre [0.600, 0.000] is outside the table (x within ±0.50 m, y within ±0.40 m) and its bottom is 75.0 cm below the table top.',
  },
  {
    name: 'unmoved holds for a block that stayed',
    p: { unmoved: ['blue_block', 0.01] },
    v: view({ blue_block: still([0.102, 0, 0.025]) }),
    ok: true,
    detail: 'blue_block moved 0.2 cm since the start (limit 1 cm).',
  },
  {
    name: 'unmoved fails for a pushed block',
    p: { unmoved: ['blue_block', 0.01] },
    v: view({ blue_block: still([0.134, 0, 0.025]) }),
    ok: false,
    detail: 'blue_block moved 3.4 cm since the start (limit 1 cm).',
  },
  {
    name: 'inZone holds inside the zone',
    p: { inZone: ['red_block', 'goal'] },
    v: view({ red_block: still([0.3, 0.2, 0.02]) }),
    ok: true,
    detail: 'red_block is in zone goal: its centre [0.300, 0.200] lies within x 0.20 to 0.35 m, y 0.10 to 0.25 m.',
  },
  {
    name: 'inZone fails outside the zone',
    p: { inZone: ['red_block', 'goal'] },
    v: view({ red_block: still([0.41, 0.2, 0.02]) }),
    ok: false,
    detail: 'red_block is not in zone goal: its centre [0.410, 0.200] is 6.0 cm outside the zone (x 0.20 to 0.35 m, y 0.10 to 0.25 m).',
  },
  {
    name: 'ordered holds for increasing x',
    p: { ordered: { ids: ['red_block', 'blue_block', 'green_block'], axis: 'x' } },
    v: view({}),
    ok: true,
    detail: 'red_block, blue_block, green_block are in increasing x order (x = 0.00, 0.10, 0.30 m).',
  },
  {
    name: 'ordered fails and names the pair out of order',
    p: { ordered: { ids: ['blue_block', 'red_block'], axis: 'x' } },
    v: view({}),
    ok: false,
    detail: 'blue_block, red_block are not in increasing x order: red_block (x = 0.00 m) should be past blue_block (x = 0.10 m).',
  },
  {
    name: 'grasped holds for the held object',
    p: { grasped: 'red_block' },
    v: view({}, 'red_block'),
    ok: true,
    detail: 'red_block is held between the fingers.',
  },
  {
    name: 'grasped fails and says what is held',
    p: { grasped: 'red_block' },
    v: view({}, 'blue_block'),
    ok: false,
    detail: 'red_block is not held: the gripper holds blue_block.',
  },
  {
    name: 'all fails with the failing parts only',
    p: { all: [{ onTable: 'red_block' }, { above: ['blue_block', 0.05] }] },
    v: view({}),
    ok: false,
    detail: "1 of 2 conditions fail: blue_block's bottom is 0.0 cm above the table (needs at least 5 cm).",
  },
  {
    name: 'any holds with the passing alternative',
    p: { any: [{ above: ['blue_block', 0.05] }, { onTable: 'red_block' }] },
    v: view({}),
    ok: true,
    detail: 'red_block is on the table at [0.000, 0.000].',
  },
  {
    name: 'not inverts and explains',
    p: { not: { onTable: 'red_block' } },
    v: view({}),
    ok: false,
    detail: 'Expected the opposite of: red_block is on the table at [0.000, 0.000].',
  },
  {
    name: 'an unknown id fails naming the known ids',
    p: { onTable: 'redd_block' },
    v: view({}),
    ok: false,
    detail: 'There is no object named "redd_block" (known objects: red_block, blue_block, green_bowl, gray_tray, ball, green_block).',
  },
  {
    name: 'a sphere always counts as upright',
    p: { upright: 'ball' },
    v: view({ ball: still([0.2, -0.2, 0.02], tiltX(90)) }),
    ok: true,
    detail: 'ball is a sphere, which counts as upright in any orientation.',
  },
];

describe('evaluatePredicate', () => {
  it.each(cases)('$name', ({ p, v, ok, detail }) => {
    const r = evaluatePredicate(p, v);
    expect(r).toMatchObject({ ok, detail });
    expect(Object.keys(r).sort()).toEqual(['detail', 'facts', 'ok']);
    // The facts cross JSON unchanged (traces and diagnoses carry them).
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

/** The facts of a result, narrowed to one kind (fails the test otherwise). */
function factsOf<K extends PredicateFacts['kind']>(r: PredicateResult, kind: K): Extract<PredicateFacts, { kind: K }> {
  expect(r.facts?.kind).toBe(kind);
  return r.facts as Extract<PredicateFacts, { kind: K }>;
}

describe('the facts a predicate measured', () => {
  it("on: the offset from the support's top centre, the gap and the limits", () => {
    const f = factsOf(evaluatePredicate({ on: ['red_block', 'blue_block'] }, view({ red_block: still([0.142, -0.01, 0.07]) })), 'on');
    expect(f).toMatchObject({
      object: 'red_block',
      support: 'blue_block',
      held: false,
      gapAbove: ON_GAP_ABOVE,
      gapBelow: ON_GAP_BELOW,
      edgeTolerance: ON_EDGE_TOLERANCE,
    });
    expect(f.dx).toBeCloseTo(0.042, 9);
    expect(f.dy).toBeCloseTo(-0.01, 9);
    expect(f.distance).toBeCloseTo(Math.hypot(0.042, 0.01), 9);
    expect(f.gap).toBeCloseTo(0, 9);
    expect(f.outside).toBeCloseTo(0.017, 9);
    const floating = factsOf(
      evaluatePredicate({ on: ['red_block', 'blue_block'] }, view({ red_block: still([0.1, 0, 0.1]) }, 'red_block')),
      'on',
    );
    expect(floating.gap).toBeCloseTo(0.03, 9);
    expect(floating.held).toBe(true);
  });

  it('on the table measures as onTable, with the support it rests on', () => {
    const f = factsOf(evaluatePredicate({ on: ['red_block', 'table'] }, view({ red_block: onBlue })), 'onTable');
    expect(f).toMatchObject({
      object: 'red_block',
      x: 0.1,
      y: 0,
      overTable: true,
      held: false,
      support: 'blue_block',
      limit: ON_TABLE_GAP,
    });
    expect(f.bottom).toBeCloseTo(0.05, 9);
  });

  it('near: the target point, the offset, the distance and the limit', () => {
    const f = factsOf(evaluatePredicate({ near: ['red_block', [0.042, 0.01], 0.03] }, view({})), 'near');
    expect(f).toMatchObject({ object: 'red_block', target: null, point: [0.042, 0.01], dz: 0, horizontal: true, limit: 0.03 });
    expect(f.dx).toBeCloseTo(-0.042, 9);
    expect(f.dy).toBeCloseTo(-0.01, 9);
    expect(f.distance).toBeCloseTo(Math.hypot(0.042, 0.01), 9);
    const toBlock = factsOf(evaluatePredicate({ near: ['red_block', 'blue_block', 0.12] }, view({})), 'near');
    expect(toBlock).toMatchObject({ target: 'blue_block', horizontal: false, limit: 0.12 });
    const [red, blue] = ['red_block', 'blue_block'].map((id) => SCENE.objects.find((o) => o.id === id)!.position);
    expect(toBlock.point).toEqual(blue);
    expect([toBlock.dx, toBlock.dy, toBlock.dz]).toEqual([red![0] - blue![0], red![1] - blue![1], red![2] - blue![2]]);
    expect(toBlock.distance).toBeCloseTo(Math.hypot(toBlock.dx, toBlock.dy, toBlock.dz), 12);
  });

  it("inside: the offset from the container's centre, how far past the inner wall, the depth below the rim", () => {
    const bowl = factsOf(
      evaluatePredicate({ inside: ['red_block', 'green_bowl'] }, view({ red_block: still([-0.05, 0.06, 0.02]) })),
      'inside',
    );
    expect(bowl).toMatchObject({ object: 'red_block', container: 'green_bowl', interior: 'bowl', innerHalf: null, held: false });
    expect(bowl.dx).toBeCloseTo(0.1, 9);
    expect(bowl.dy).toBeCloseTo(0.01, 9);
    expect(bowl.distance).toBeCloseTo(Math.hypot(0.1, 0.01), 9);
    expect(bowl.outside).toBeCloseTo(bowl.distance - bowl.innerRadius!, 9);
    expect(bowl.outside).toBeGreaterThan(0);
    const tray = factsOf(
      evaluatePredicate({ inside: ['red_block', 'gray_tray'] }, view({ red_block: still([-0.12, -0.12, 0.025]) })),
      'inside',
    );
    expect(tray).toMatchObject({ interior: 'tray', innerRadius: null });
    expect(tray.outside).toBeLessThan(0);
    expect(tray.belowRim).toBeCloseTo(0.005, 9);
    const box = factsOf(evaluatePredicate({ inside: ['red_block', 'blue_block'] }, view({})), 'inside');
    expect(box).toMatchObject({ interior: null, outside: null });
  });

  it("inZone: the offset from the zone's centre and how far outside it", () => {
    const f = factsOf(evaluatePredicate({ inZone: ['red_block', 'goal'] }, view({ red_block: still([0.41, 0.2, 0.02]) })), 'inZone');
    expect(f).toMatchObject({ object: 'red_block', zone: 'goal', x: 0.41, y: 0.2, min: [0.2, 0.1], max: [0.35, 0.25], held: false });
    expect(f.dx).toBeCloseTo(0.135, 9);
    expect(f.dy).toBeCloseTo(0.025, 9);
    expect(f.outside).toBeCloseTo(0.06, 9);
  });

  it('upright, unmoved, above, ordered and grasped', () => {
    const tilt = factsOf(evaluatePredicate({ upright: 'red_block' }, view({ red_block: still([0, 0, 0.02], tiltX(32)) })), 'upright');
    expect(tilt).toMatchObject({ object: 'red_block', limit: UPRIGHT_LIMIT, sphere: false });
    expect(tilt.tilt).toBeCloseTo((32 * Math.PI) / 180, 9);
    const moved = factsOf(evaluatePredicate({ unmoved: ['blue_block', 0.01] }, view({ blue_block: still([0.134, 0, 0.025]) })), 'unmoved');
    expect(moved).toMatchObject({ object: 'blue_block', limit: 0.01, dy: 0 });
    expect(moved.dx).toBeCloseTo(0.034, 9);
    expect(moved.distance).toBeCloseTo(0.034, 9);
    expect(factsOf(evaluatePredicate({ above: ['red_block', 0.05] }, view({ red_block: still([0, 0, 0.08]) })), 'above')).toMatchObject({
      object: 'red_block',
      height: 0.05,
      bottom: expect.closeTo(0.06, 9),
    });
    expect(factsOf(evaluatePredicate({ ordered: { ids: ['blue_block', 'red_block'], axis: 'x' } }, view({})), 'ordered')).toEqual({
      kind: 'ordered',
      ids: ['blue_block', 'red_block'],
      axis: 'x',
      values: [0.1, 0],
      outOfOrder: 1,
    });
    expect(factsOf(evaluatePredicate({ grasped: 'red_block' }, view({}, 'blue_block')), 'grasped')).toEqual({
      kind: 'grasped',
      object: 'red_block',
      holding: 'blue_block',
    });
  });

  it('all, any and not carry their parts, in order', () => {
    const all = evaluatePredicate({ all: [{ onTable: 'red_block' }, { above: ['blue_block', 0.05] }] }, view({}));
    const parts = factsOf(all, 'all').parts;
    expect(parts.map((r) => [r.ok, r.facts?.kind])).toEqual([
      [true, 'onTable'],
      [false, 'above'],
    ]);
    expect(parts[1]!.detail).toBe("blue_block's bottom is 0.0 cm above the table (needs at least 5 cm).");
    const any = factsOf(
      evaluatePredicate({ any: [{ above: ['blue_block', 0.05] }, { near: ['red_block', 'blue_block', 0.05] }] }, view({})),
      'any',
    );
    expect(any.parts.map((r) => r.facts?.kind)).toEqual(['above', 'near']);
    expect(any.parts.every((r) => !r.ok)).toBe(true);
    const not = factsOf(evaluatePredicate({ not: { onTable: 'red_block' } }, view({})), 'not');
    expect(not.parts).toHaveLength(1);
    expect(not.parts[0]).toMatchObject({ ok: true, facts: { kind: 'onTable', object: 'red_block' } });
  });

  it('an unknown id or zone: which, and the ones that exist', () => {
    expect(evaluatePredicate({ onTable: 'redd_block' }, view({})).facts).toEqual({
      kind: 'unknown-id',
      id: 'redd_block',
      what: 'object',
      known: SCENE.objects.map((o) => o.id),
    });
    expect(evaluatePredicate({ inZone: ['red_block', 'gaol'] }, view({})).facts).toEqual({
      kind: 'unknown-id',
      id: 'gaol',
      what: 'zone',
      known: ['goal'],
    });
  });
});

describe('PredicateSchema', () => {
  it.each([
    { grasped: 'a' },
    { on: ['a', 'b'] },
    { near: ['a', [0.1, 0.2], 0.03] },
    { ordered: { ids: ['a', 'b'], axis: 'y' } },
    { all: [{ not: { upright: 'a' } }, { any: [{ inZone: ['a', 'goal'] }] }] },
  ])('accepts %j', (p) => {
    expect(PredicateSchema.safeParse(p).success).toBe(true);
  });

  it.each([
    { on: ['a'] },
    { above: ['a', 'high'] },
    { onTable: 'a', extra: 1 },
    { ordered: { ids: ['a', 'b'], axis: 'z' } },
    { all: [{ nope: 1 }] },
  ])('rejects %j', (p) => {
    expect(PredicateSchema.safeParse(p).success).toBe(false);
  });

  const KINDS =
    'grasped, on, inside, above, near, upright, onTable, unmoved, inZone, inRegion, offset, ordered, row, line, circle, every, some, distinct, all, any, not';
  /** The first issue as one line with its path. */
  const problem = (v: unknown): string | null => {
    const r = PredicateSchema.safeParse(v);
    return r.success ? null : issueText(r.error.issues[0]!);
  };

  it.each<[unknown, string]>([
    [{ on: ['a'] }, 'on: expected [object id, object id or "table"]'],
    [{ on: ['a', 7] }, 'on[1]: expected [object id, object id or "table"]'],
    [
      { all: [{ grasped: 'a' }, { near: ['a', 'b'] }] },
      'all[1].near: expected [object id, object id or [x, y] or [x, y, z], distance in metres > 0]',
    ],
    [{ not: { unmoved: ['a', 0] } }, 'not.unmoved[1]: expected [object id, tolerance in metres > 0]'],
    [{ onn: ['a', 'b'] }, `unknown predicate "onn" (did you mean "on"?); expected one of ${KINDS}`],
    [
      { on: ['a', 'b'], near: ['a', 'b', 0.1] },
      `expected a predicate with exactly one key of ${KINDS} (got on, near); combine several with "all"`,
    ],
    [{}, `expected a predicate with exactly one key of ${KINDS} (got none); combine several with "all"`],
    ['on', `expected a predicate, an object with one key of ${KINDS}`],
    [undefined, `missing: expected a predicate, an object with one key of ${KINDS}`],
    [{ any: [] }, 'any: expected a non-empty array of predicates'],
    [
      { ordered: { ids: ['a', 'b'], axis: 'z' } },
      'ordered.axis: expected { "ids": [2 or more object ids] or "select": selector, "axis": "x" or "y", "by"?: "size", "descending"?: true or false }',
    ],
  ])('words %j as one line with its path', (v, message) => {
    expect(problem(v)).toBe(message);
  });

  it("bounds ids, lists and nesting (a program's expect is untrusted)", () => {
    expect(problem({ grasped: 'a'.repeat(100) })).toBeNull();
    expect(problem({ grasped: 'a'.repeat(101) })).toBe('grasped: expected an id of at most 100 characters');
    expect(problem({ all: Array.from({ length: 64 }, () => ({ grasped: 'a' })) })).toBeNull();
    expect(problem({ all: Array.from({ length: 65 }, () => ({ grasped: 'a' })) })).toBe('all: expected at most 64 predicates');
    const nest = (n: number): unknown => {
      let p: unknown = { grasped: 'a' };
      for (let i = 0; i < n; i++) p = i % 2 ? { not: p } : { all: [p] };
      return p;
    };
    expect(problem(nest(16))).toBeNull();
    expect(problem(nest(17))).toMatch(/: predicate nested too deeply \(at most 16 levels\)$/);
    // Far deeper than any stack: refused at depth 17, never walked further.
    expect(problem(nest(200_000))).toMatch(/too deeply/);
  });

  it('accepts plain data only', () => {
    class Opaque {
      description = 'a deeply nested value';
    }
    expect(problem({ not: new Opaque() })).toBe(`not: expected a predicate, an object with one key of ${KINDS}`);
  });
});
