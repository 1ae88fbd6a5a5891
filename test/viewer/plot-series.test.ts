// The plots' pure parts (viewer/app/plots.ts): which pair the distance plot measures, the
// series sampled from a MotionTrack, the held bands, and the time axis's tick step.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../sim/index.ts';
import type { SceneSpec } from '../../sim/types.ts';
import type { TraceEvent } from '../../sim/trace.ts';
import { MotionTrack, encodeFrame } from '../../viewer/motion-track.ts';
import { distancePair, heldBands, niceStep, samplePlotSeries } from '../../viewer/app/plots.ts';
import type { PairInput } from '../../viewer/app/plots.ts';

const IDS = ['red', 'blue'];

function snap(t: number, redX: number, redZ: number, width: number, holding: string | null): Snapshot {
  const pose = (x: number, y: number, z: number) => ({
    position: [x, y, z] as [number, number, number],
    quaternion: [0, 0, 0, 1] as [number, number, number, number],
    linvel: [0, 0, 0] as [number, number, number],
    angvel: [0, 0, 0] as [number, number, number],
  });
  return {
    t,
    step: Math.round(t * 240),
    objects: { red: pose(redX, 0, redZ), blue: pose(0.3, 0.4, 0.025) },
    gripper: { position: [redX, 0, redZ + 0.1], yaw: 0, approach: 'top', width, holding },
  };
}

/** Open until 1 s, closed on red from 1 s to 3 s (lifted, carried 0.3 m along x), released at 3 s. */
function track(): MotionTrack {
  const t = new MotionTrack(IDS.map((id) => ({ id })));
  t.addFrame(encodeFrame(snap(0, 0, 0.025, 0.08, null), IDS));
  t.addFrame(encodeFrame(snap(1, 0, 0.025, 0.05, 'red'), IDS));
  t.addFrame(encodeFrame(snap(2, 0.15, 0.2, 0.05, 'red'), IDS));
  t.addFrame(encodeFrame(snap(3, 0.3, 0.025, 0.08, null), IDS));
  return t;
}

const SCENE: SceneSpec = {
  objects: [],
  zones: [{ id: 'goal', min: [0.1, 0.1], max: [0.3, 0.2], color: 'green' }],
};

function subgoal(t: number, index: number, expect?: unknown): TraceEvent {
  return { type: 'subgoal-start', seq: index * 10, t, line: index + 1, subgoal: index, description: `step ${index}`, expect } as TraceEvent;
}

const EVENTS: TraceEvent[] = [
  subgoal(0, 0, { grasped: 'red' }),
  subgoal(1.5, 1, { on: ['red', 'blue'] }),
  subgoal(2.5, 2, { inZone: ['red', 'goal'] }),
  subgoal(2.8, 3),
];

describe('the distance plot’s pair', () => {
  const running = (t: number, end: PairInput['end'] = null) => distancePair({ events: EVENTS, end }, t, SCENE);

  it.each([
    [0, 'red ↔ gripper', false, 'subgoal 0’s expect'],
    [1.49, 'red ↔ gripper', false, 'subgoal 0’s expect'],
    [1.5, 'red ↔ blue', true, 'subgoal 1’s expect'],
    [2.6, 'red ↔ goal', true, 'subgoal 2’s expect'],
  ])('at %s s measures %s (planar %s) from %s', (t, label, planar, source) => {
    expect(running(t)).toMatchObject({ label, planar, source });
  });

  it('measures a zone to its centre', () => {
    expect(running(2.6)!.b).toEqual({ point: [0.2, 0.15000000000000002] });
  });

  it('is null while a subgoal without expect runs, and before any subgoal the first one counts', () => {
    expect(running(2.9)).toBeNull();
    expect(distancePair({ events: [subgoal(1, 0, { grasped: 'red' })], end: null }, 0, SCENE)?.label).toBe('red ↔ gripper');
    expect(distancePair({ events: [], end: null }, 0, SCENE)).toBeNull();
  });

  it('takes the failing diagnosis’s place offset over the subgoal, never a succeeded attempt’s', () => {
    const offset = { object: 'red', target: 'blue', targetKind: 'object', point: null, dx: 0.09, dy: 0, distance: 0.09 };
    const failed = { success: false, diagnosis: { offset } };
    expect(running(0, failed)).toMatchObject({ a: 'red', b: { object: 'blue' }, planar: true, source: 'the diagnosis’s place offset' });
    const zone = { success: false, diagnosis: { offset: { ...offset, target: 'goal', targetKind: 'zone', point: [0.2, 0.15] } } };
    expect(running(0, zone)).toMatchObject({ label: 'red ↔ goal', b: { point: [0.2, 0.15] } });
    expect(running(0, { success: true, diagnosis: { offset } })?.source).toBe('subgoal 0’s expect');
    expect(running(0, { success: false, diagnosis: { offset: null } })?.source).toBe('subgoal 0’s expect');
    expect(running(0, { success: false, diagnosis: 'garbled' })?.source).toBe('subgoal 0’s expect');
  });
});

describe('plot series', () => {
  it('samples the opening, the held object, the heights and the distance evenly over the track', () => {
    const pair = distancePair({ events: EVENTS, end: null }, 1.5, SCENE)!;
    const s = samplePlotSeries(track(), 7, pair);
    expect([s.t0, s.t1]).toEqual([0, 3]);
    expect(Array.from(s.times)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
    expect(Array.from(s.width).map((w) => Math.round(w * 1000) / 1000)).toEqual([0.08, 0.065, 0.05, 0.05, 0.05, 0.065, 0.08]);
    expect(s.holding).toEqual([null, null, 'red', 'red', 'red', 'red', null]);
    expect(s.heights.get('red')![4]).toBeCloseTo(0.2, 6);
    expect(s.heights.get('blue')![4]).toBeCloseTo(0.025, 6);
    // red ↔ blue, horizontally: from (0, 0) to (0.3, 0.4) is 0.5 m; at 3 s (0.3, 0) it is 0.4 m.
    expect(s.distance![0]).toBeCloseTo(0.5, 5);
    expect(s.distance![6]).toBeCloseTo(0.4, 5);
  });

  it('measures to the gripper in 3D', () => {
    const s = samplePlotSeries(track(), 2, distancePair({ events: EVENTS, end: null }, 0, SCENE));
    expect(s.distance![0]).toBeCloseTo(0.1, 5);
  });

  it('has no distance without a pair, and refuses fewer than two samples', () => {
    expect(samplePlotSeries(track(), 3, null).distance).toBeNull();
    expect(() => samplePlotSeries(track(), 1, null)).toThrow('plots: need at least 2 samples, got 1');
  });

  it('finds the held stretches, one band per stretch', () => {
    const t = track();
    t.addFrame(encodeFrame(snap(4, 0.3, 0.025, 0.05, 'blue'), IDS));
    t.addFrame(encodeFrame(snap(5, 0.3, 0.025, 0.08, null), IDS));
    const s = samplePlotSeries(t, 11, null);
    expect(heldBands(s)).toEqual([
      { object: 'red', from: 1, to: 2.5 },
      { object: 'blue', from: 4, to: 4.5 },
    ]);
  });
});

describe('the time axis', () => {
  it.each([
    [4.1, 5, 1],
    [4.1, 20, 0.5],
    [4.1, 25, 0.2],
    [60, 6, 10],
    [0.3, 3, 0.1],
    [12, 5, 5],
  ])('over %s s with at most %s ticks steps %s s', (span, count, step) => {
    expect(niceStep(span, count)).toBeCloseTo(step, 9);
  });
});
