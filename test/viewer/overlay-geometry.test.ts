// The numbers behind the 3D view's overlays: the expected target, the failing objects,
// world boxes, the finger pads' contact points and the ghost's moment.
import { describe, expect, it } from 'vitest';
import { gripperGeometry } from '../../sim/gripper-geometry.ts';
import { GRIPPER } from '../../sim/types.ts';
import type { GripperState, ObjectSpec, Quat, SceneSpec, Snapshot, Vec3 } from '../../sim/types.ts';
import {
  contactPoints,
  expectedTarget,
  failedCheckpoint,
  failingObjects,
  ghostTime,
  halfExtentAlong,
  worldBox,
} from '../../viewer/app/overlay-geometry.ts';
import type { AttemptFacts, VerdictLike } from '../../viewer/app/overlay-geometry.ts';

const yawQuat = (yaw: number): Quat => [0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2)];
const obj = (id: string, shape: ObjectSpec['shape'], size: Vec3): ObjectSpec => ({
  id,
  shape,
  color: 'red',
  size,
  mass: 0.1,
  friction: 0.8,
  position: [0, 0, size[2] / 2],
  yaw: 0,
});
const RED = obj('red_block', 'box', [0.04, 0.04, 0.04]);
const BLUE = obj('blue_block', 'box', [0.05, 0.05, 0.05]);
const SPEC: SceneSpec = {
  objects: [RED, BLUE],
  zones: [{ id: 'goal', min: [0.2, 0.1], max: [0.3, 0.2], color: 'green' }],
};

function snapshot(poses: Record<string, Vec3>, gripper: Partial<GripperState> = {}): Snapshot {
  const objects: Snapshot['objects'] = {};
  for (const [id, p] of Object.entries(poses))
    objects[id] = { position: p, quaternion: yawQuat(0.3), linvel: [0, 0, 0], angvel: [0, 0, 0] };
  return {
    t: 1,
    step: 240,
    objects,
    gripper: { position: [0, 0, 0.3], yaw: 0, approach: 'top', width: 0.08, holding: null, ...gripper },
  };
}

const SNAP = snapshot({ red_block: [0.19, 0.02, 0.02], blue_block: [0.1, 0, 0.025] });
const ON_FACTS = {
  kind: 'on',
  object: 'red_block',
  support: 'blue_block',
  dx: 0.09,
  dy: 0.02,
  distance: Math.hypot(0.09, 0.02),
  gap: -0.05,
};
const failing = (checkpoint: number, failure: VerdictLike['failure']): VerdictLike => ({ checkpoint, ok: false, failure });
const attempt = (diagnosis: unknown, verdicts: VerdictLike[]): AttemptFacts => ({
  diagnosis,
  verdicts,
  checkpoints: [{ index: 3, snapshot: SNAP }],
});

describe('the expected target', () => {
  it("puts the object back by the diagnosis's offset and onto its support by the gap", () => {
    const d = {
      checkpoint: 3,
      offset: { object: 'red_block', target: 'blue_block', dx: 0.09, dy: 0.02, distance: 0.0922 },
      facts: { unmet: ON_FACTS },
    };
    const t = expectedTarget(SPEC, attempt(d, []), null)!;
    expect(t.source).toBe('diagnosis');
    expect(t.object).toBe('red_block');
    expect(t.target).toBe('blue_block');
    expect(t.position[0]).toBeCloseTo(0.1, 9);
    expect(t.position[1]).toBeCloseTo(0, 9);
    expect(t.position[2]).toBeCloseTo(0.07, 9);
    expect(t.from).toEqual([0.19, 0.02, 0.02]);
    expect(t.quaternion).toEqual(yawQuat(0.3));
    expect(t.distance).toBeCloseTo(Math.hypot(0.09, 0.02), 12);
  });

  it("reads a failing verdict's facts when there is no diagnosis", () => {
    const v = failing(3, { objects: ['red_block'], predicate: { on: ['red_block', 'blue_block'] }, result: { facts: ON_FACTS } });
    const t = expectedTarget(SPEC, attempt(null, [v]), 3)!;
    expect(t.source).toBe('verdict');
    expect(t.position.map((x) => Number(x.toFixed(9)))).toEqual([0.1, 0, 0.07]);
  });

  it.each([
    [
      'on: above the support',
      { on: ['red_block', 'blue_block'] },
      [0.1, 0, 0.05 + halfExtentAlong(RED, yawQuat(0.3), 0, 0, 1)],
      'blue_block',
    ],
    ['inZone: the zone centre', { inZone: ['red_block', 'goal'] }, [0.25, 0.15, 0.02], 'goal'],
    ['near a point', { near: ['red_block', [0.3, -0.1], 0.02] }, [0.3, -0.1, 0.02], '[0.30, -0.10]'],
    ['near an object', { near: ['red_block', 'blue_block', 0.02] }, [0.1, 0, 0.025], 'blue_block'],
    ['inside: the container', { inside: ['red_block', 'blue_block'] }, [0.1, 0, 0.02], 'blue_block'],
  ] as const)('without facts, takes the target the predicate names (%s)', (_name, predicate, position, target) => {
    const t = expectedTarget(SPEC, attempt(null, [failing(3, { objects: ['red_block'], predicate })]), 3)!;
    expect(t.target).toBe(target);
    for (let i = 0; i < 3; i++) expect(t.position[i]).toBeCloseTo(position[i]!, 9);
    expect(t.distance).toBeCloseTo(Math.hypot(0.19 - position[0], 0.02 - position[1]), 9);
  });

  it.each([
    ['no failure', []],
    ['a predicate with no target', [failing(3, { objects: ['red_block'], predicate: { upright: 'red_block' } })]],
    ['a quantified object', [failing(3, { objects: [], predicate: { on: [{ the: { color: 'red' } }, 'blue_block'] } })]],
    ['a checkpoint the page lacks', [failing(9, { objects: ['red_block'], predicate: { on: ['red_block', 'blue_block'] } })]],
  ] as const)('states none for %s', (_name, verdicts) => {
    expect(expectedTarget(SPEC, attempt(null, [...verdicts] as VerdictLike[]), 3)).toBeNull();
  });
});

describe('the failing objects', () => {
  it("are the failing checkpoint's verdict's objects", () => {
    const a = attempt({ checkpoint: 3 }, [{ checkpoint: 2, ok: true }, failing(3, { objects: ['red_block', 'blue_block'] })]);
    expect(failedCheckpoint(a)).toBe(3);
    expect(failingObjects(a)).toEqual(['red_block', 'blue_block']);
  });
  it("fall back to the diagnosis's first failure, then its offset", () => {
    expect(failingObjects(attempt({ checkpoint: null, failures: [{ objects: ['blue_block'] }] }, []))).toEqual(['blue_block']);
    expect(failingObjects(attempt({ checkpoint: null, offset: { object: 'red_block' } }, []))).toEqual(['red_block']);
    expect(failingObjects(attempt(null, []))).toEqual([]);
  });
});

describe('world boxes', () => {
  it.each([
    ['an upright box', obj('b', 'box', [0.04, 0.02, 0.06]), [0, 0, 0, 1], [0.02, 0.01, 0.03]],
    ['a box turned 90° about z', obj('b', 'box', [0.04, 0.02, 0.06]), yawQuat(Math.PI / 2), [0.01, 0.02, 0.03]],
    ['a box turned 45° about z', obj('b', 'box', [0.04, 0.04, 0.06]), yawQuat(Math.PI / 4), [0.02 * Math.SQRT2, 0.02 * Math.SQRT2, 0.03]],
    ['a sphere, however turned', obj('s', 'sphere', [0.05, 0.05, 0.05]), [0.3, 0.1, 0.2, 0.927], [0.025, 0.025, 0.025]],
    ['a cylinder lying along x', obj('c', 'cylinder', [0.04, 0.04, 0.1]), [0, Math.SQRT1_2, 0, Math.SQRT1_2], [0.05, 0.02, 0.02]],
  ] as const)('bound %s', (_name, o, q, half) => {
    const out = new Float64Array(6);
    worldBox(o, [0.1, 0.2, 0.3], q, out);
    const centre = [0.1, 0.2, 0.3];
    for (let i = 0; i < 3; i++) {
      expect(out[i]).toBeCloseTo(centre[i]! - half[i]!, 6);
      expect(out[i + 3]).toBeCloseTo(centre[i]! + half[i]!, 6);
    }
  });
});

describe('contact points', () => {
  const pads = (g: Pick<GripperState, 'position' | 'yaw' | 'approach' | 'width'>, o: ObjectSpec, p: Vec3) => {
    const out = new Float64Array(6);
    contactPoints(g, o, { position: p, quaternion: yawQuat(g.yaw) }, out);
    return [Array.from(out.subarray(0, 3)), Array.from(out.subarray(3))];
  };

  it.each([
    ['from above', 'top', 0],
    ['from above, turned', 'top', 0.7],
    ['from the side', 'side', 0.4],
  ] as const)("lie on the fingers' inner faces, one width apart (%s)", (_name, approach, yaw) => {
    const width = 0.04;
    const g = { position: [0.1, 0.05, 0.03] as Vec3, yaw, approach, width };
    const [a, b] = pads(g, RED, g.position);
    expect(Math.hypot(a![0]! - b![0]!, a![1]! - b![1]!, a![2]! - b![2]!)).toBeCloseTo(width, 9);
    // Each pad touches the inner face of its finger: half a finger's thickness from the finger box's centre, on the closing axis.
    const fingers = gripperGeometry(g).fingers;
    const axis = [Math.cos(yaw), Math.sin(yaw), 0];
    [a!, b!].forEach((p, k) => {
      const f = fingers[k]!.position;
      const along = (p[0]! - f[0]) * axis[0]! + (p[1]! - f[1]) * axis[1]! + (p[2]! - f[2]) * axis[2]!;
      expect(along).toBeCloseTo((k === 0 ? 1 : -1) * (GRIPPER.fingerThickness / 2), 9);
    });
  });

  it('sit at the middle of the part of the pads the object spans', () => {
    // A 4 cm cube centred 1 cm above the fingertips spans 0..3 cm of the 6 cm pads.
    const g = { position: [0, 0, 0.1] as Vec3, yaw: 0, approach: 'top' as const, width: 0.04 };
    const [a, b] = pads(g, RED, [0, 0, 0.11]);
    expect(a![2]).toBeCloseTo(0.115, 9);
    expect(b![2]).toBeCloseTo(0.115, 9);
    expect(a![0]).toBeCloseTo(-0.02, 9);
    expect(b![0]).toBeCloseTo(0.02, 9);
  });
});

describe("the ghost's moment", () => {
  it.each([
    [5, 2, 1, 10, 4],
    [2, 2, 1, 10, 1],
    [30, 2, 1, 10, 10],
    [1, 2, 0, 10, 0],
  ])('at %s s of an attempt from %s s, attempt k−1 (from %s s to %s s) is at %s s', (t, start, prevStart, prevEnd, want) => {
    expect(ghostTime(t, start, prevStart, prevEnd)).toBe(want);
  });
});
