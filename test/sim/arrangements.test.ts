// The arrangement predicates (`row`, `circle`), `onTable` for things in containers, and
// the predicate definitions docs/api.md is generated from. Hand-built snapshots, no physics.

import { describe, expect, it } from 'vitest';
import {
  CIRCLE_RADIUS_TOLERANCE,
  PREDICATE_DEFINITIONS,
  PREDICATE_FORMS,
  PREDICATE_KINDS,
  PredicateSchema,
  ROW_TOLERANCE,
  evaluatePredicate,
  issueText,
  predicateObjectIds,
} from '../../sim/index.ts';
import type { ObjectState, PredicateFacts, PredicateResult, Snapshot, Vec3, WorldView } from '../../sim/index.ts';
import { renderApiMarkdown } from '../../policy/program/index.ts';
import { grayTray, greenBowl, obj, scene } from './scenes.ts';

const IDS = ['a', 'b', 'c', 'd', 'e', 'f'];
const SCENE = scene(
  ...IDS.map((id, i) => obj(id, 'box', [0.04, 0.04, 0.04], -0.3 + 0.1 * i, -0.25)),
  greenBowl(0, 0.1),
  grayTray(0.25, 0.15),
);

const still = (position: Vec3): ObjectState => ({ position, quaternion: [0, 0, 0, 1], linvel: [0, 0, 0], angvel: [0, 0, 0] });
const INITIAL: Snapshot = {
  t: 0,
  step: 0,
  objects: Object.fromEntries(SCENE.objects.map((o) => [o.id, still(o.position)])),
  gripper: { position: [0, -0.15, 0.3], yaw: 0, approach: 'top', width: 0.08, holding: null },
};
const view = (moved: Record<string, ObjectState>): WorldView => ({
  scene: SCENE,
  initial: INITIAL,
  state: { ...INITIAL, objects: { ...INITIAL.objects, ...moved } },
});
function factsOf<K extends PredicateFacts['kind']>(r: PredicateResult, kind: K): Extract<PredicateFacts, { kind: K }> {
  if (r.facts?.kind !== kind) throw new Error(`expected ${kind} facts, got ${r.facts?.kind}: ${r.detail}`);
  return r.facts as Extract<PredicateFacts, { kind: K }>;
}

/** The six blocks on a circle of radius r around (cx, cy), the i-th at angle i·step + phase. */
function ring(r: number, cx = 0, cy = 0.1, step = Math.PI / 3, radii: number[] = []): Record<string, ObjectState> {
  return Object.fromEntries(
    IDS.map((id, i) => [id, still([cx + (radii[i] ?? r) * Math.cos(i * step), cy + (radii[i] ?? r) * Math.sin(i * step), 0.02])]),
  );
}

describe('row', () => {
  it('holds for blocks in increasing x within the tolerance of their line', () => {
    const r = evaluatePredicate({ row: { ids: ['a', 'b', 'c'], axis: 'x' } }, view({ b: still([-0.2, -0.25 + 0.015, 0.02]) }));
    expect(r.ok, r.detail).toBe(true);
    const f = factsOf(r, 'row');
    expect(f.line).toBeCloseTo(-0.245, 9);
    expect(f.offsets[1]).toBeCloseTo(0.01, 9);
    expect(f).toMatchObject({ limit: ROW_TOLERANCE, outOfOrder: null, offLine: null });
  });

  it('fails for a block off the line, naming it and by how much', () => {
    const r = evaluatePredicate({ row: { ids: ['a', 'b', 'c'], axis: 'x' } }, view({ b: still([-0.2, -0.25 + 0.06, 0.02]) }));
    expect(r.ok).toBe(false);
    expect(r.detail).toBe("a, b, c are not in a straight row: b's centre is 4.0 cm off the row's line y = -0.23 m (limit 2 cm).");
    expect(factsOf(r, 'row').offLine).toBe(1);
  });

  it('fails out of order, like ordered', () => {
    const r = evaluatePredicate({ row: { ids: ['c', 'b', 'a'], axis: 'x' } }, view({}));
    expect(r.ok).toBe(false);
    expect(factsOf(r, 'row').outOfOrder).toBe(1);
    expect(r.detail).toMatch(/^c, b, a are not a row in increasing x: b/);
  });

  it('a grid is rows along x plus rows along y', () => {
    const at = (x: number, y: number): ObjectState => still([x, y, 0.02]);
    const grid = view({ a: at(-0.1, 0), b: at(0, 0.005), c: at(0.1, 0), d: at(-0.1, 0.1), e: at(0.005, 0.1), f: at(0.1, 0.1) });
    const p = {
      all: [
        { row: { ids: ['a', 'b', 'c'], axis: 'x' as const } },
        { row: { ids: ['d', 'e', 'f'], axis: 'x' as const } },
        { row: { ids: ['a', 'd'], axis: 'y' as const } },
        { row: { ids: ['b', 'e'], axis: 'y' as const } },
        { row: { ids: ['c', 'f'], axis: 'y' as const } },
      ],
    };
    expect(evaluatePredicate(p, grid).ok).toBe(true);
  });
});

describe('circle', () => {
  it('holds for six blocks evenly around the bowl', () => {
    const r = evaluatePredicate({ circle: { ids: IDS, center: 'green_bowl' } }, view(ring(0.12)));
    expect(r.ok, r.detail).toBe(true);
    const f = factsOf(r, 'circle');
    expect(f.radius).toBeCloseTo(0.12, 9);
    expect(f.largestGap).toBeCloseTo(Math.PI / 3, 9);
    expect(f.gapLimit).toBeCloseTo(Math.PI / 2, 9);
    expect(f.centerId).toBe('green_bowl');
    expect(f.radiusLimit).toBeCloseTo(CIRCLE_RADIUS_TOLERANCE * 0.12, 9);
  });

  it('without a centre, measures around the middle of the blocks', () => {
    const r = evaluatePredicate({ circle: { ids: IDS } }, view(ring(0.1, 0.05, -0.05)));
    expect(r.ok, r.detail).toBe(true);
    expect(factsOf(r, 'circle').center[0]).toBeCloseTo(0.05, 9);
  });

  it('fails for one block too far out, naming it', () => {
    const r = evaluatePredicate({ circle: { ids: IDS, center: [0, 0.1] } }, view(ring(0.1, 0, 0.1, Math.PI / 3, [0.1, 0.1, 0.1, 0.16])));
    expect(r.ok).toBe(false);
    expect(factsOf(r, 'circle').offCircle).toBe(3);
    expect(r.detail).toMatch(/^a, b, c, d, e, f are not on a circle around \[0.000, 0.100\]: d is 16.0 cm from it/);
  });

  it('fails for blocks bunched on one side (a half circle is not a circle)', () => {
    const r = evaluatePredicate({ circle: { ids: IDS, center: 'green_bowl' } }, view(ring(0.12, 0, 0.1, Math.PI / 6)));
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/not spread around green_bowl: there is a 210° gap between neighbours \(limit 90° for 6\)/);
  });

  it('the schema wants 3 or more ids and an id or [x, y] centre; the centre counts as a named object', () => {
    const bad = PredicateSchema.safeParse({ circle: { ids: ['a', 'b'] } });
    expect(bad.success).toBe(false);
    expect(issueText(bad.error!.issues[0]!)).toBe(
      'circle.ids: expected { "ids": [3 or more object ids] or "select": selector, "center"?: object id or [x, y] }',
    );
    expect(PredicateSchema.safeParse({ circle: { ids: ['a', 'b', 'c'], center: [0, 0, 0] } }).success).toBe(false);
    expect(predicateObjectIds({ circle: { ids: ['a', 'b', 'c'], center: 'green_bowl' } })).toEqual(['a', 'b', 'c', 'green_bowl']);
  });
});

describe('onTable and containers', () => {
  it('a block standing in a tray is inside it, not on the table', () => {
    const inTray = view({ a: still([0.25, 0.15, 0.0045 + 0.02]) });
    expect(evaluatePredicate({ inside: ['a', 'gray_tray'] }, inTray).ok).toBe(true);
    const r = evaluatePredicate({ onTable: 'a' }, inTray);
    expect(r).toMatchObject({ ok: false, detail: 'a is not on the table: it is inside gray_tray.' });
    expect(factsOf(r, 'onTable').support).toBe('gray_tray');
    expect(evaluatePredicate({ onTable: 'a' }, view({})).ok).toBe(true);
  });
});

describe('predicate definitions', () => {
  it('every kind has a form and a definition, and docs/api.md shows each with its tolerances', () => {
    const md = renderApiMarkdown();
    for (const kind of PREDICATE_KINDS) {
      expect(PREDICATE_FORMS[kind], kind).toBeTruthy();
      expect(PREDICATE_DEFINITIONS[kind].length, kind).toBeGreaterThan(20);
      expect(md).toContain(`### \`${kind}\`\n\nValue: ${PREDICATE_FORMS[kind]}.\n\n${PREDICATE_DEFINITIONS[kind]}\n`);
    }
    // The numbers are the constants evaluatePredicate uses, not copies.
    expect(PREDICATE_DEFINITIONS.on).toContain('at most 1.5 cm above');
    expect(PREDICATE_DEFINITIONS.upright).toContain('15°');
    expect(PREDICATE_DEFINITIONS.row).toContain(`within ${ROW_TOLERANCE * 100} cm`);
    expect(PREDICATE_DEFINITIONS.circle).toContain(`±${CIRCLE_RADIUS_TOLERANCE * 100}%`);
  });
});
