import { describe, expect, it } from 'vitest';
import { ControlBlock, LiveGate, PAUSE, RUN, STEP, STOP } from '../../viewer/live-control.ts';

const sink = { flush: () => {}, paused: () => {}, resumed: () => {} };

/** Wall milliseconds to step `seconds` of simulated time at 240 Hz through the gate. */
function wallMsFor(gate: LiveGate, seconds: number): number {
  const t0 = performance.now();
  for (let i = 0; i <= seconds * 240; i++) gate.afterStep(i / 240);
  return performance.now() - t0;
}

describe('LiveGate', () => {
  // Pacing waits are lower bounds on wall time; upper bounds would depend on the machine's load.
  it.each([
    ['1x', 0.2, 180],
    ['4x', 0.4, 80],
  ] as const)('paces the simulation at %s', (speed, seconds, minMs) => {
    const control = new ControlBlock();
    control.setSpeed(speed);
    const ms = wallMsFor(new LiveGate(control, sink), seconds);
    expect(ms).toBeGreaterThanOrEqual(minMs);
  });

  it('does not wait at "as fast as possible", nor once stopped', () => {
    const control = new ControlBlock();
    control.setSpeed('max');
    // 2 s of simulated time: paced at 1× it would take 2000 ms.
    expect(wallMsFor(new LiveGate(control, sink), 2)).toBeLessThan(1000);
    control.setSpeed('1x');
    control.setState(STOP);
    const gate = new LiveGate(control, sink);
    expect(wallMsFor(gate, 2)).toBeLessThan(1000);
    expect(gate.stopped).toBe(true);
  });

  it('lets one API call through on a step request, and pauses before the next', () => {
    const control = new ControlBlock();
    control.setState(PAUSE);
    control.requestStep();
    expect(control.state).toBe(STEP);
    const paused: number[] = [];
    const gate = new LiveGate(control, {
      ...sink,
      paused: (index) => {
        paused.push(index);
        control.setState(STOP);
      },
    });
    gate.beforeCall(3);
    expect(paused).toEqual([]);
    gate.afterStep(0.1);
    gate.beforeCall(4);
    expect(paused).toEqual([2]);
  });

  it('runs on after a resume', () => {
    const control = new ControlBlock();
    control.setState(RUN);
    const gate = new LiveGate(control, sink);
    gate.beforeCall(1);
    gate.beforeCall(2);
    expect(gate.currentCall).toBe(2);
  });

  it('lets a paused program run on to its next API call while a correction waits, and pauses again once it is taken', () => {
    const control = new ControlBlock();
    control.setState(PAUSE);
    const paused: number[] = [];
    const gate = new LiveGate(control, {
      ...sink,
      paused: (index) => {
        paused.push(index);
        // Nothing else would wake this thread: stop so the test cannot hang.
        control.setState(STOP);
      },
    });
    control.correctionSent();
    expect(control.correctionPending).toBe(true);
    // Mid-motion and at the call: neither blocks while the correction waits.
    gate.afterStep(0.1);
    gate.beforeCall(5);
    expect(paused).toEqual([]);
    expect(control.state).toBe(PAUSE);
    // Taken: the pause holds again at the next call (the corrected program starts paused).
    control.correctionTaken();
    expect(control.correctionPending).toBe(false);
    gate.beforeCall(6);
    expect(paused).toEqual([2]);
  });

  it('wakes an asynchronous waiter when a correction is sent', async () => {
    const control = new ControlBlock();
    const gen = control.gen;
    const t0 = performance.now();
    setTimeout(() => control.correctionSent(), 20);
    await control.waitChangeAsync(gen, 5000);
    expect(performance.now() - t0).toBeLessThan(4000);
    expect(control.sent).toBe(1);
    expect(control.taken).toBe(0);
  });
});
