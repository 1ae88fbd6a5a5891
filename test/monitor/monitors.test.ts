import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { StateMonitor } from '../../monitor/state-monitor.ts';
import { PixelMonitor } from '../../monitor/pixel-monitor.ts';
import { NoneMonitor } from '../../monitor/none-monitor.ts';
import { HeadlessRenderer } from '../../monitor/render/headless-renderer.ts';
import type { Monitor, Verdict } from '../../monitor/verdict.ts';
import type { AttemptData } from '../../sim/index.ts';
import { attemptOf, edit, initial, redOnBlueAttempt, RED_ON_BLUE_SUBGOALS, SCENE, tippedX } from './fixtures.ts';
import { HAS_BROWSER, NO_BROWSER } from '../helpers/browser.ts';

// Machines without Chromium skip what needs pictures, reported as skipped with the reason
// (the fallback has its own test).
const renderer = new HeadlessRenderer();
afterAll(() => renderer.close());

const success = (): AttemptData => redOnBlueAttempt([0.1, 0.05, 0.07]);
const missedPlace = (): AttemptData => redOnBlueAttempt([0.17, 0.05, 0.02]);
const toppledNeighbour = (): AttemptData =>
  redOnBlueAttempt([0.1, 0.05, 0.07], { yellow_can: { position: [0.0, 0.2, 0.025], quaternion: tippedX() } });
const dropped = (): AttemptData => {
  const s0 = initial();
  const held = edit(
    s0,
    { red_block: { position: [-0.15, 0.05, 0.12] } },
    { position: [-0.15, 0.05, 0.12], width: 0.04, holding: 'red_block' },
    2,
  );
  const fell = edit(held, { red_block: { position: [-0.05, 0.05, 0.02] } }, { position: [0.0, 0.05, 0.15], width: 0.04, holding: null }, 3);
  return attemptOf(SCENE, RED_ON_BLUE_SUBGOALS, [
    { label: 'pick-red_block', reason: 'action', subgoal: 0, snapshot: held, calls: [{ call: 'pick', args: ['red_block'] }] },
    { label: 'subgoal-0', reason: 'subgoal-end', subgoal: 0, snapshot: held },
    { label: 'moveTo', reason: 'manual', subgoal: 1, snapshot: fell, calls: [{ call: 'moveTo', args: [[0, 0.05, 0.15]] }] },
    { label: 'end', reason: 'end', subgoal: 1, snapshot: fell },
  ]);
};

const summary = (vs: Verdict[]): [string, string | undefined][] => vs.map((v) => [v.label, v.failure?.kind]);

const monitors: [string, () => Monitor, { needsBrowser: boolean }][] = [
  ['state', () => new StateMonitor(), { needsBrowser: false }],
  ['pixels', () => new PixelMonitor({ renderer }), { needsBrowser: true }],
];

describe.each(monitors)('%s monitor', (_name, make, { needsBrowser }) => {
  beforeEach((ctx) => ctx.skip(needsBrowser && !HAS_BROWSER, NO_BROWSER));

  it('passes every checkpoint of a successful attempt', async () => {
    const vs = await make().inspect(success());
    expect(summary(vs)).toEqual([
      ['pick-red_block', undefined],
      ['subgoal-0', undefined],
      ['place-blue_block', undefined],
      ['subgoal-1', undefined],
      ['end', undefined],
    ]);
  });

  it('flags the unmet expectation at the end of the place subgoal', async () => {
    const vs = await make().inspect(missedPlace());
    expect(vs.findIndex((v) => !v.ok)).toBe(3);
    expect(vs[3]!.failure).toMatchObject({ kind: 'expectation-unmet', objects: ['red_block', 'blue_block'] });
    expect(vs[3]!.failure!.explanation).toContain('red_block is not on blue_block');
  });

  it('flags a neighbour that toppled while the subgoal did not name it', async () => {
    const vs = await make().inspect(toppledNeighbour());
    expect(vs[2]!.failure).toMatchObject({ kind: 'toppled', objects: ['yellow_can'] });
  });

  it('flags a held object that fell with no release', async () => {
    const vs = await make().inspect(dropped());
    expect(vs[2]!.failures!.map((f) => f.kind)).toContain('dropped');
    expect(vs[2]!.subgoal).toBe(1);
  });
});

describe('pixel monitor evidence', () => {
  it('reports pixel counts and where the object was seen', async (ctx) => {
    ctx.skip(!HAS_BROWSER, NO_BROWSER);
    const vs = await new PixelMonitor({ renderer }).inspect(success());
    const ev = vs[3]!.evidence!.join('\n');
    expect(ev).toMatch(/red_block: \d+ px front, \d+ px top, \d+ px side; centre \[10\.\d, 5\.\d, 7\.\d\] cm, upright/);
    expect(ev).toContain('holds: red_block is on blue_block');
  });
});

describe('none monitor', () => {
  it('reports only program errors', async () => {
    const a = missedPlace();
    expect((await new NoneMonitor().inspect(a)).every((v) => v.ok)).toBe(true);
    a.trace.events.push({
      type: 'call',
      seq: 99,
      t: 9,
      line: 5,
      call: 'place',
      args: ['blue_block'],
      error: { kind: 'GraspError', message: 'Cannot place: the gripper is not holding anything.' },
      gripper: a.trace.checkpoints[4]!.snapshot.gripper,
    });
    a.trace.checkpoints[4]!.seq = 99;
    const vs = await new NoneMonitor().inspect(a);
    expect(vs[4]!.failure).toMatchObject({ kind: 'program-error' });
    expect(vs[4]!.failure!.explanation).toContain('place() at line 5 raised GraspError');
  });
});
