import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { getTask } from '../../tasks/index.ts';
import { buildMonitorSet, evalMonitor, formatMonitorReports } from '../../bench/monitor-accuracy/index.ts';
import { StateMonitor } from '../../monitor/state-monitor.ts';
import { PixelMonitor } from '../../monitor/pixel-monitor.ts';
import { HeadlessRenderer } from '../../monitor/render/headless-renderer.ts';
import { HAS_BROWSER, NO_BROWSER } from '../helpers/browser.ts';

// Machines without Chromium skip what needs pictures, with the reason (the fallback has its own test).
const renderer = new HeadlessRenderer();
afterAll(() => renderer.close());

describe('monitor benchmark', () => {
  beforeEach((ctx) => ctx.skip(!HAS_BROWSER, NO_BROWSER));

  it('labels the reference and its faulty variants, and scores both monitors on the same set', async () => {
    const tasks = [getTask('red_on_blue')];
    const set = await buildMonitorSet({ tasks, seeds: [0], faults: ['offset-10cm', 'wrong-order', 'missing-release'] });
    expect(set.map((a) => a.id)).toEqual([
      'red_on_blue#0/reference',
      'red_on_blue#0/offset-10cm',
      'red_on_blue#0/wrong-order',
      'red_on_blue#0/missing-release',
    ]);
    expect(set.map((a) => [a.truth.failed, a.truth.firstFailingSubgoal])).toEqual([
      [false, null],
      [true, 1],
      [true, 0],
      [true, 1],
    ]);
    // Variants keep the reference's lines: the failing call is reported at the reference's line.
    const ref = set[0]!.attempt.program.split('\n');
    expect(set[1]!.attempt.program.split('\n').slice(1)).toEqual(ref.slice(1));

    const state = await evalMonitor({ monitor: new StateMonitor(), tasks, seeds: [0], set });
    const pixels = await evalMonitor({ monitor: new PixelMonitor({ renderer }), tasks, seeds: [0], set, renderer });
    for (const r of [state, pixels]) expect(r).toMatchObject({ attempts: 4, tp: 3, tn: 1, f1: 1, localisation: 1, falseAlarmRate: 0 });
    expect(pixels.imagesRendered).toBeGreaterThan(0);
    expect(pixels.imagesPerSecond).toBeGreaterThan(0);
    expect(formatMonitorReports([state, pixels])).toMatch(/^monitor .*\nstate .*\npixels .*$/);
  });
});
