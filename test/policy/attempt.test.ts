import { describe, expect, it } from 'vitest';
import { measureHostCallMicros, runAttempt } from '../../policy/program/index.ts';
import type { LogEvent } from '../../sim/index.ts';
import { FakeWorld } from './fake-world.ts';

const logs = (events: { type: string }[]) => events.filter((e): e is LogEvent => e.type === 'log').map((e) => e.message);

describe('runAttempt', () => {
  it('runs a program to its end and reports time and calls', async () => {
    const world = new FakeWorld();
    const out = await runAttempt({ world, program: "pick('red_block');\nplace('blue_block');" });
    expect(out.error).toBeNull();
    expect(out.apiCalls).toBe(2);
    expect(out.simSeconds).toBeCloseTo(3.5, 10);
    expect(out.wallMs).toBeGreaterThan(0);
    expect(world.evaluate({ on: ['red_block', 'blue_block'] }).ok).toBe(true);
  });

  it('an empty program is a NoProgramError', async () => {
    const out = await runAttempt({ world: new FakeWorld(), program: '  \n' });
    expect(out.error).toEqual({ kind: 'NoProgramError', message: 'the program is empty', line: null });
    expect(out.trace.checkpoints.at(-1)!.label).toBe('end');
  });

  it('stops with TimeoutError when the simulated time budget runs out, even if the program catches it', async () => {
    const program = "wait(4);\ntry { wait(4); } catch (e) { log('caught', e.name); }\nlog('after');";
    const world = new FakeWorld();
    const out = await runAttempt({ world, program, timeLimitSec: 6 });
    expect(out.error).toMatchObject({ kind: 'TimeoutError', line: 2 });
    expect(out.simSeconds).toBeCloseTo(6, 6);
    expect(logs(out.trace.events)).toEqual([]);
  });

  it('an action that ends past the budget ends the program', async () => {
    const out = await runAttempt({ world: new FakeWorld({ pickSeconds: 10 }), program: "pick('red_block');\nhome();", timeLimitSec: 5 });
    expect(out.error).toEqual({ kind: 'TimeoutError', message: 'the program used up its time budget of 5 s of simulated time', line: 1 });
    expect(out.trace.events.map((e) => (e.type === 'call' ? e.call : e.type))).toEqual(['pick']);
  });

  it('stops a program that makes too many API calls', async () => {
    const out = await runAttempt({ world: new FakeWorld(), program: 'for (;;) getGripper();', maxApiCalls: 100 });
    expect(out.error).toEqual({ kind: 'Error', message: 'the program made more than 100 API calls', line: 1 });
    expect(out.apiCalls).toBe(101);
  });

  it('shouldStop interrupts a running program', async () => {
    let polls = 0;
    const out = await runAttempt({ world: new FakeWorld(), program: 'for (;;) { getGripper(); }', shouldStop: () => ++polls > 20 });
    expect(out.error).toMatchObject({ kind: 'InterruptedError' });
  });

  it('the world is used as given and left where the program put it', async () => {
    const world = new FakeWorld();
    await runAttempt({ world, program: "pick('red_block');" });
    const out = await runAttempt({ world, program: 'log(getGripper().holding)' });
    expect(logs(out.trace.events)).toEqual(['red_block']);
    expect(out.simSeconds).toBe(0);
  });
});

describe('measureHostCallMicros', () => {
  it('returns the cost of one API call in microseconds', async () => {
    const us = await measureHostCallMicros(2_000);
    expect(us).toBeGreaterThan(0);
    expect(us).toBeLessThan(10_000);
  });
});
