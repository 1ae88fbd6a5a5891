// The per-API-call hook the viewer pauses and steps in (policy/attempt.ts onApiCall).
import { describe, expect, it } from 'vitest';
import { runAttempt, IdleWorld } from '../../policy/program/index.ts';

describe('runAttempt onApiCall', () => {
  it('is called before each API call, with its line and the trace so far', async () => {
    const seen: { name: string; line: number | null; index: number; eventsBefore: number }[] = [];
    const outcome = await runAttempt({
      world: new IdleWorld(),
      program: "getGripper();\nlog('a');\n\ngetGripper();\n",
      onApiCall: (c) => seen.push({ name: c.name, line: c.line, index: c.index, eventsBefore: c.trace.events.length }),
    });
    expect(outcome.error).toBeNull();
    expect(seen).toEqual([
      { name: 'getGripper', line: 1, index: 1, eventsBefore: 0 },
      { name: 'log', line: 2, index: 2, eventsBefore: 1 },
      { name: 'getGripper', line: 4, index: 3, eventsBefore: 2 },
    ]);
  });

  it('may stop the program by way of shouldStop', async () => {
    let calls = 0;
    const outcome = await runAttempt({
      world: new IdleWorld(),
      program: 'for (let i = 0; i < 100; i++) getGripper();',
      onApiCall: () => {
        calls++;
      },
      shouldStop: () => calls >= 3,
    });
    expect(outcome.error?.kind).toBe('InterruptedError');
    expect(calls).toBe(3);
  });
});
