import { describe, expect, it } from 'vitest';
import { applyFault, FAULT_NAMES, planFault } from '../../bench/monitor-accuracy/fault-injection.ts';
import type { ActionRecord } from '../../bench/monitor-accuracy/fault-injection.ts';
import { groundTruth } from '../../bench/monitor-accuracy/monitor-set.ts';
import { scoreMonitor } from '../../bench/monitor-accuracy/eval-monitor.ts';
import { StateMonitor } from '../../monitor/state-monitor.ts';
import { createRng } from '../../sim/rng.ts';
import { redOnBlueAttempt, SCENE } from './fixtures.ts';

const ACTIONS: ActionRecord[] = [
  { call: 'pick', args: ['red_block'] },
  { call: 'place', args: ['blue_block'] },
];
const REFERENCE = "// comment on line 1\nsubgoal('pick', { expect: { grasped: 'red_block' } });\npick('red_block');\n";

describe('fault injection', () => {
  it.each(FAULT_NAMES.filter((f) => f !== 'push-overshoot'))('plans %s deterministically from its seed', (name) => {
    const a = planFault(name, SCENE, ACTIONS, createRng('red_on_blue#0#' + name));
    const b = planFault(name, SCENE, ACTIONS, createRng('red_on_blue#0#' + name));
    expect(a).not.toBeNull();
    expect(a).toEqual(b);
  });

  it('does not plan a push overshoot for a program without a push', () => {
    expect(planFault('push-overshoot', SCENE, ACTIONS, createRng(1))).toBeNull();
  });

  it('keeps every line of the reference where it was', () => {
    const fault = planFault('offset-5cm', SCENE, ACTIONS, createRng(3))!;
    const program = applyFault(REFERENCE, fault);
    const lines = program.split('\n');
    expect(lines).toHaveLength(REFERENCE.split('\n').length);
    expect(lines[0]!.endsWith('// comment on line 1')).toBe(true);
    expect(lines.slice(1)).toEqual(REFERENCE.split('\n').slice(1));
    expect(() => new Function(program)).not.toThrow();
  });
});

describe('ground truth and scoring', () => {
  it('labels an attempt by its intended expectations and the task goal', () => {
    const ok = groundTruth(redOnBlueAttempt([0.1, 0.05, 0.07]), { on: ['red_block', 'blue_block'] });
    expect(ok).toMatchObject({ failed: false, firstFailingSubgoal: null });
    const bad = groundTruth(redOnBlueAttempt([0.17, 0.05, 0.02]), { on: ['red_block', 'blue_block'] });
    expect(bad).toMatchObject({ failed: true, firstFailingSubgoal: 1, firstFailingCheckpoint: 3, taskSuccess: false });
  });

  it('scores a monitor: detection, localisation, false alarms', async () => {
    const goal = { on: ['red_block', 'blue_block'] as [string, string] };
    const set = [
      [0.1, 0.05, 0.07],
      [0.17, 0.05, 0.02],
      [0.1, 0.2, 0.02],
    ].map((p, i) => {
      const attempt = redOnBlueAttempt(p as [number, number, number]);
      return { id: `t#${i}`, task: 't', seed: 0, variant: 'reference' as const, fault: null, attempt, truth: groundTruth(attempt, goal) };
    });
    const report = await scoreMonitor(new StateMonitor(), set);
    expect(report).toMatchObject({ attempts: 3, failed: 2, tp: 2, tn: 1, fp: 0, fn: 0, f1: 1, localisation: 1, falseAlarmRate: 0 });
  });
});
