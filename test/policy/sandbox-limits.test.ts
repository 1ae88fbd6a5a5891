// The sandbox holds its limits against programs written to defeat them (issue 15): a
// built-in that never yields, a promise-job loop, the real clock, NUL bytes, toJSON
// pollution, getters on the thrown value, huge names and strings. Wall-time bounds here
// are generous (the machine is shared); the budgets themselves are what is checked.

import { beforeAll, describe, expect, it } from 'vitest';
import { KILL_GRACE_MS, loadQuickJS, runAttemptSync, runSandboxed, type HostFunction } from '../../policy/program/index.ts';
import type { LogEvent } from '../../sim/index.ts';
import { FakeWorld } from './fake-world.ts';

beforeAll(async () => {
  await loadQuickJS();
});

/** A host function that records the arguments it got. */
function recorder(name: string): HostFunction & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    name,
    calls,
    call(args) {
      calls.push(args);
      return null;
    },
  };
}

const attempt = (program: string, cpuMs = 2_000) => runAttemptSync({ world: new FakeWorld(), program, cpuMs });
const logs = (out: ReturnType<typeof attempt>) => out.trace.events.filter((e): e is LogEvent => e.type === 'log').map((e) => e.message);

describe('a program cannot stall the host', () => {
  it('a built-in that never yields is ended by terminating its thread, and the next program gets a fresh one', () => {
    const t0 = performance.now();
    const stuck = runSandboxed('Array.prototype.includes.call({ length: 2 ** 40 }, 1)', [], { cpuMs: 500 });
    const wall = performance.now() - t0;
    expect(stuck.error).toMatchObject({ kind: 'TimeoutError' });
    expect(stuck.error!.message).toContain('0.5 s of CPU time');
    expect(stuck.error!.message).toContain('built-in');
    expect(stuck.killed).toBe(true);
    expect(wall).toBeGreaterThanOrEqual(500);
    expect(wall).toBeLessThan(500 + KILL_GRACE_MS + 5_000);

    const next = runSandboxed('f(1 + 1)', [{ name: 'f', call: (a) => a[0] }]);
    expect(next).toMatchObject({ error: null, killed: false, hostCalls: 1 });
    expect(next.thread).not.toBe(stuck.thread);
    const again = runSandboxed('f(2)', [{ name: 'f', call: (a) => a[0] }]);
    expect(again.thread).toBe(next.thread);
  });

  it('a backtracking regex is a timeout', () => {
    const r = runSandboxed("/^(a+)+$/.test('a'.repeat(40) + 'b')", [], { cpuMs: 300 });
    expect(r.error).toMatchObject({ kind: 'TimeoutError' });
  });

  it('a promise-job loop burns its budget and ends as a recorded timeout', () => {
    const r = runSandboxed('function again() { Promise.resolve().then(again) }\nagain();', [], { cpuMs: 300 });
    expect(r.error).toMatchObject({ kind: 'TimeoutError' });
    expect(r.killed).toBe(false);
  });

  it('a stop request ends a program stuck in a built-in too', () => {
    const t0 = performance.now();
    const r = runSandboxed('Array.prototype.lastIndexOf.call({ length: 2 ** 40 }, 1)', [], {
      cpuMs: 60_000,
      shouldStop: () => performance.now() - t0 > 200,
    });
    expect(r.error).toMatchObject({ kind: 'InterruptedError' });
    expect(r.killed).toBe(true);
    expect(performance.now() - t0).toBeLessThan(200 + KILL_GRACE_MS + 5_000);
  });

  it('time inside the host functions is not charged to the program, the guest loop around them is', () => {
    const slow: HostFunction = {
      name: 'slow',
      call: () => {
        const until = performance.now() + 20;
        while (performance.now() < until);
        return 1;
      },
    };
    const r = runSandboxed('for (let i = 0; i < 30; i++) slow();', [slow], { cpuMs: 300 });
    expect(r.error).toBeNull();
    expect(r.hostMs).toBeGreaterThanOrEqual(600);
    // Crossing the boundary is charged: endless cheap calls run out of CPU time.
    const cheap = runSandboxed('for (;;) f(1);', [{ name: 'f', call: () => 1 }], { cpuMs: 300 });
    expect(cheap.error).toMatchObject({ kind: 'TimeoutError' });
    expect(cheap.hostCalls).toBeGreaterThan(100);
  }, 30_000);

  it('a deep JSON.parse is a stack overflow, and the sandbox goes on', () => {
    const r = runSandboxed("JSON.parse('['.repeat(1e5))", []);
    expect(r.error).toMatchObject({ kind: 'StackOverflowError' });
    expect(runSandboxed('1', []).error).toBeNull();
  });
});

describe('the clock and the dice are simulated, with no way back to the real ones', () => {
  it('Date is the simulated clock, whatever path reaches the constructor', () => {
    const out = runAttemptSync({
      world: new FakeWorld(),
      program: [
        'log(new Date().toISOString(), Date.now(), Date().slice(0, 15));',
        'log(Date.prototype.constructor === Date, new Date(0).getTime(), new Date(2020, 1, 2).getUTCMonth(), new Date() instanceof Date);',
        'let escaped = "no";',
        'try { new (Object.getPrototypeOf(Date))(); escaped = "yes"; } catch (e) { }',
        'try { const D = Object.getPrototypeOf(new Date()).constructor; if (new D().getFullYear() !== 2025) escaped = "yes"; } catch (e) { }',
        'try { if (Reflect.construct(Date, []).getFullYear() !== 2025) escaped = "yes"; } catch (e) { }',
        'log(escaped);',
      ].join('\n'),
    });
    expect(out.error).toBeNull();
    expect(logs(out)).toEqual(['2025-01-01T00:00:00.000Z 1735689600000 Wed Jan 01 2025', 'true 0 1 true', 'no']);
  });

  it('Math.random is the seeded generator', () => {
    const a = runAttemptSync({ world: new FakeWorld(), program: 'log(Math.random(), Math.random())', seed: 7 });
    const b = runAttemptSync({ world: new FakeWorld(), program: 'log(Math.random(), Math.random())', seed: 7 });
    expect(logs(a)).toEqual(logs(b));
    expect(logs(runAttemptSync({ world: new FakeWorld(), program: 'log(Math.random())', seed: 8 }))[0]).not.toBe(logs(a)[0]!.split(' ')[0]);
  });
});

describe('values cross capped and whole', () => {
  it('a NUL in an id is an ArgumentError, not a silently cut id', () => {
    const out = attempt("getObject('red_block\\u0000anything')");
    expect(out.error).toMatchObject({ kind: 'ArgumentError', line: 1 });
    expect(out.error!.message).toContain('NUL');
    const logged = attempt("log('a\\u0000b'); log('done')");
    expect(logged.error).toBeNull();
    expect(logs(logged).at(-1)).toBe('done');
  });

  it('Object.prototype.toJSON cannot forge or swell arguments', () => {
    const f = recorder('f');
    const r = runSandboxed("Object.prototype.toJSON = function () { return 'x'.repeat(1e6) };\nf({ a: 1, b: [2, 3] }, 'id');", [f]);
    expect(r.error).toBeNull();
    expect(f.calls).toEqual([[{ a: 1, b: [2, 3] }, 'id']]);
  });

  it('a 40 MB string passed on every call crosses as its first 10 000 characters', () => {
    const f = recorder('f');
    const t0 = performance.now();
    const r = runSandboxed("const s = 'y'.repeat(4e7);\nfor (let i = 0; i < 20; i++) f(s);", [f], { memoryBytes: 128 * 1024 * 1024 });
    expect(r.error).toBeNull();
    expect(f.calls).toHaveLength(20);
    expect(f.calls[0]![0]).toMatch(/^y{10000}… \(40000000 characters\)$/);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('one call carries at most a bounded amount, however it is nested', () => {
    const f = recorder('f');
    const r = runSandboxed("const s = 'z'.repeat(9999);\nconst a = []; for (let i = 0; i < 60; i++) a.push([s, s, s]);\nf(a);", [f]);
    expect(r.error).toBeNull();
    expect(JSON.stringify(f.calls[0]).length).toBeLessThan(400_000);
  });
});

describe('the thrown value is read without running the program', () => {
  it('its getters are not called', () => {
    const f = recorder('f');
    const r = runSandboxed("throw { get message() { f(); let s = 'x'; for (;;) s += s; }, name: 'Boom' };", [f]);
    expect(f.calls).toHaveLength(0);
    expect(r.error).toMatchObject({ kind: 'Error' });
    expect(r.error!.message).toMatch(/^Boom/);
  });

  it('a 30 MB error name is capped', () => {
    const r = runSandboxed("const e = new Error('m'); e.name = 'N'.repeat(3e7); throw e;", [], { memoryBytes: 128 * 1024 * 1024 });
    expect(r.error!.kind).toBe('Error');
    expect(r.error!.message.length).toBeLessThan(2_500);
  });

  it('a thrown Proxy whose traps loop is read under the short deadline', () => {
    const t0 = performance.now();
    const r = runSandboxed('throw new Proxy({}, { getOwnPropertyDescriptor() { for (;;); } });', [], { cpuMs: 500 });
    expect(r.error).toMatchObject({ kind: 'Error' });
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
