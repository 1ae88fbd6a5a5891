import { beforeAll, describe, expect, it } from 'vitest';
import { loadQuickJS, runAttemptSync, traceToJSON } from '../../policy/program/index.ts';
import { safeLabel } from '../../sim/index.ts';
import type { CallEvent, TraceEvent } from '../../sim/index.ts';
import { FakeWorld } from './fake-world.ts';

beforeAll(async () => {
  await loadQuickJS();
});

const PROGRAM = [
  "subgoal('grasp the red block', { expect: { grasped: 'red_block' } });", // 1
  'function lift(id) {', // 2
  '  pick(id);', // 3
  '  return getGripper();', // 4
  '}', // 5
  "lift('red_block');", // 6
  "subgoal('put it on the blue block');", // 7
  'for (let i = 0; i < 2; i++) {', // 8
  "  log('step', i);", // 9
  '}', // 10
  "place('blue_block'); checkpoint('after place!');", // 11
  'const held = closeGripper();', // 12
].join('\n');

/** [type or call name, line] of every event. */
const shape = (events: TraceEvent[]) => events.map((e) => [e.type === 'call' ? e.call : e.type, e.line]);

describe('every call lands in the trace with its program line', () => {
  it('records lines inside helper functions and loops', () => {
    const out = runAttemptSync({ world: new FakeWorld(), program: PROGRAM });
    expect(out.error).toBeNull();
    expect(shape(out.trace.events)).toEqual([
      ['subgoal-start', 1],
      ['pick', 3],
      ['getGripper', 4],
      ['subgoal-end', 7],
      ['subgoal-start', 7],
      ['log', 9],
      ['log', 9],
      ['place', 11],
      ['checkpoint', 11],
      ['closeGripper', 12],
      ['subgoal-end', null],
    ]);
    expect(out.trace.events.map((e) => e.seq)).toEqual(out.trace.events.map((_, i) => i));
    expect(out.apiCalls).toBe(9);
  });

  it('keeps arguments, results, the gripper and the subgoal expectation', () => {
    const out = runAttemptSync({ world: new FakeWorld(), program: PROGRAM });
    const [start, pick, grip] = out.trace.events as [TraceEvent, CallEvent, CallEvent];
    expect(start).toMatchObject({
      type: 'subgoal-start',
      subgoal: 0,
      description: 'grasp the red block',
      expect: { grasped: 'red_block' },
    });
    expect(pick).toMatchObject({ call: 'pick', args: ['red_block'], gripper: { holding: 'red_block', approach: 'top' } });
    expect(pick).not.toHaveProperty('result');
    expect(grip.result).toEqual({ position: [-0.1, 0, 0.02 + 0.1], yaw: 0, width: 0.04, holding: 'red_block' });
    expect(pick.t).toBeCloseTo(2, 10);
    expect(out.trace.subgoals).toEqual([
      { index: 0, description: 'grasp the red block', expect: { grasped: 'red_block' }, line: 1, tStart: 0, tEnd: pick.t },
      expect.objectContaining({
        index: 1,
        description: 'put it on the blue block',
        line: 7,
        tStart: pick.t,
        tEnd: out.trace.events.at(-1)!.t,
      }),
    ]);
  });

  it('lists the failing call with its line and error', () => {
    const out = runAttemptSync({ world: new FakeWorld({ slippery: ['red_block'] }), program: PROGRAM });
    expect(out.error).toEqual({ kind: 'GraspError', message: 'red_block slipped out of the fingers while lifting', line: 3 });
    expect(out.trace.events[1]).toMatchObject({ call: 'pick', line: 3, error: { kind: 'GraspError' } });
  });
});

describe('checkpoints', () => {
  it('are taken after high-level actions, at subgoal ends, on request and at the end', () => {
    const out = runAttemptSync({ world: new FakeWorld(), program: PROGRAM });
    const cps = out.trace.checkpoints.map(({ index, label, reason, subgoal, seq }) => ({ index, label, reason, subgoal, seq }));
    expect(cps).toEqual([
      { index: 0, label: 'pick-red_block', reason: 'action', subgoal: 0, seq: 1 },
      { index: 1, label: 'subgoal-0', reason: 'subgoal-end', subgoal: 0, seq: 3 },
      { index: 2, label: 'place-blue_block', reason: 'action', subgoal: 1, seq: 7 },
      { index: 3, label: 'after_place', reason: 'manual', subgoal: 1, seq: 7 },
      { index: 4, label: 'subgoal-1', reason: 'subgoal-end', subgoal: 1, seq: 10 },
      { index: 5, label: 'end', reason: 'end', subgoal: 1, seq: 10 },
    ]);
    const red = out.trace.checkpoints[2]!.snapshot.objects.red_block!;
    expect(red.position).toEqual([0.1, 0.05, 0.07]);
    expect(out.trace.checkpoints.every((cp) => cp.t === cp.snapshot.t)).toBe(true);
  });

  it('on an error: an error checkpoint where it failed, the subgoal closed without one, then end', () => {
    const out = runAttemptSync({ world: new FakeWorld({ slippery: ['red_block'] }), program: PROGRAM });
    expect(out.trace.checkpoints.map((c) => [c.label, c.reason, c.subgoal])).toEqual([
      ['error', 'error', 0],
      ['end', 'end', 0],
    ]);
    expect(out.trace.events.at(-1)).toMatchObject({ type: 'subgoal-end', subgoal: 0 });
  });

  it('an error outside any action still gets its checkpoint', () => {
    const out = runAttemptSync({ world: new FakeWorld(), program: "home();\nthrow new Error('give up');" });
    expect(out.error).toEqual({ kind: 'Error', message: 'give up', line: 2 });
    expect(out.trace.checkpoints.map((c) => [c.label, c.subgoal])).toEqual([
      ['error', null],
      ['end', null],
    ]);
  });

  it('a program that catches errors in a loop cannot pile up snapshots', () => {
    const program = "for (let i = 0; i < 50; i++) { try { pick('nope'); } catch (e) {} try { moveTo([5, 0, 0]); } catch (e) {} }";
    const out = runAttemptSync({ world: new FakeWorld(), program, maxCheckpoints: 10 });
    expect(out.trace.checkpoints).toHaveLength(11);
    expect(out.trace.checkpoints.at(-1)!.label).toBe('end');
  });

  it.each([
    ['after place!', 'after_place'],
    ['../../etc/passwd', 'etc_passwd'],
    ['   ', 'checkpoint'],
    ['x'.repeat(100), 'x'.repeat(48)],
  ])('label %j is file-name safe: %j', (text, label) => {
    expect(safeLabel(text)).toBe(label);
  });
});

describe('traceToJSON', () => {
  it('drops engine state and rounds nothing: equal runs give equal JSON, bit for bit', () => {
    const a = runAttemptSync({ world: new FakeWorld(), program: PROGRAM });
    const b = runAttemptSync({ world: new FakeWorld(), program: PROGRAM });
    expect(a.trace.checkpoints[0]!.snapshot.engineState).toBeInstanceOf(Uint8Array);
    const json = JSON.stringify(traceToJSON(a.trace));
    expect(json).not.toContain('engineState');
    expect(json).toBe(JSON.stringify(traceToJSON(b.trace)));
    // Times are sums of 1/240 steps: kept exactly, not rounded.
    const t = (JSON.parse(json) as { events: { t: number }[] }).events[1]!.t;
    expect(t).toBe(a.trace.events[1]!.t);
    expect(String(t)).toMatch(/^\d\.\d{10,}$/);
    // The original keeps its engine state.
    expect(a.trace.checkpoints[0]!.snapshot.engineState).toBeInstanceOf(Uint8Array);
  });
});
