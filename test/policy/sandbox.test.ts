import { DEBUG_SYNC, newQuickJSWASMModule } from 'quickjs-emscripten';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES } from '../../policy/program/index.ts';
import { loadQuickJS, runAttemptSync, runSandboxed, type HostFunction } from '../../policy/program/index.ts';
import { GraspError } from '../../sim/index.ts';
import type { CallEvent, LogEvent } from '../../sim/index.ts';
import { BUILTINS } from './builtins.ts';
import { FakeWorld } from './fake-world.ts';

beforeAll(async () => {
  await loadQuickJS();
});

const run = (program: string, opts: { cpuMs?: number; memoryBytes?: number; maxStackBytes?: number } = {}) =>
  runAttemptSync({ world: new FakeWorld(), program, cpuMs: opts.cpuMs ?? 2_000, ...opts });

const logs = (out: ReturnType<typeof run>) => out.trace.events.filter((e): e is LogEvent => e.type === 'log').map((e) => e.message);

describe('the sandbox exposes the API and the language, nothing of the host', () => {
  it('has no globals besides the built-ins, the API and console', () => {
    const out = run('log(JSON.stringify(Object.getOwnPropertyNames(globalThis)))');
    const globals = JSON.parse(logs(out)[0]!) as string[];
    expect(globals.filter((g) => !BUILTINS.includes(g) && !API_NAMES.includes(g)).sort()).toEqual(['console']);
    for (const name of API_NAMES) expect(globals).toContain(name);
  });

  it.each([
    'require',
    'process',
    'module',
    'exports',
    'fetch',
    'setTimeout',
    'setInterval',
    'setImmediate',
    'queueMicrotask',
    'WebAssembly',
    'Buffer',
    'global',
    'std',
    'os',
    'print',
    'scriptArgs',
    '__dirname',
    'XMLHttpRequest',
    'importScripts',
  ])('%s is not defined', (name) => {
    expect(logs(run(`log(typeof ${name})`))).toEqual(['undefined']);
  });

  it('console has only the logging methods, mapped to log', () => {
    const out = run("console.log('a', 1); console.warn('b'); log(Object.keys(console).sort().join())");
    expect(logs(out)).toEqual(['a 1', 'b', 'debug,error,info,log,warn']);
  });

  it.each([
    ["this.constructor.constructor('return process')()", "ReferenceError: 'process' is not defined"],
    ["pick.constructor('return typeof require')() === 'undefined' ? log('none') : log('found')", null],
    ["Function('return this')().process.exit(1)", "TypeError: cannot read property 'exit' of undefined"],
    ["import('fs')", null],
  ])('%s reaches nothing of the host', (program, message) => {
    const out = run(program);
    if (message) expect(out.error).toEqual({ kind: 'Error', message, line: 1 });
    else expect(out.error === null || out.error.kind === 'Error' || out.error.kind === 'SyntaxError').toBe(true);
    expect(logs(out).filter((l) => l === 'found')).toEqual([]);
  });

  it('Math.random is seeded and Date follows simulated time', () => {
    const program = 'log(Math.random(), Date.now()); wait(1); log(new Date().toISOString())';
    const a = run(program);
    const b = run(program);
    expect(logs(a)).toEqual(logs(b));
    expect(logs(a)[1]).toBe('2025-01-01T00:00:01.000Z');
  });
});

describe('a hostile program ends in a recorded error and the next sandbox works', () => {
  const next = () => expect(logs(run("log('still fine', getGripper().holding)"))).toEqual(['still fine null']);

  it.each([
    [
      'infinite loop',
      'let i = 0;\nwhile (true) { i++; }',
      { kind: 'TimeoutError', message: 'the program ran longer than 0.3 s of CPU time (at the top level of the program)', line: null },
    ],
    [
      'infinite loop in a function',
      'function spin() {\n  for (;;) {}\n}\nspin();',
      { kind: 'TimeoutError', message: 'the program ran longer than 0.3 s of CPU time (in function spin)', line: null },
    ],
    ['infinite loop that catches everything', 'for (;;) { try { while (true) {} } catch (e) {} }', { kind: 'TimeoutError' }],
    [
      'unbounded allocation',
      'const a = [];\nwhile (true) a.push({ n: a.length });',
      { kind: 'MemoryError', message: 'the program used more than 8 MiB of memory', line: 2 },
    ],
    ['deep recursion', 'function down(n) { return down(n + 1) + 1; }\ndown(0);', { kind: 'StackOverflowError', line: 1 }],
    [
      'deep recursion through the API',
      'function down(n) { getGripper(); return down(n + 1); }\ndown(0);',
      { kind: 'StackOverflowError', line: 1 },
    ],
    ['a throw of a non-error', 'throw 42', { kind: 'Error', message: 'the program threw 42', line: null }],
    ['a thrown proxy that loops when read', 'throw new Proxy({}, { get() { for (;;) {} } })', { kind: 'Error' }],
    ['a syntax error', 'pick("red_block");\nplace("blue_block"', { kind: 'SyntaxError', line: 2 }],
  ])('%s', (_name, program, error) => {
    // Loops get 0.3 s; the others room to reach their limit on a busy machine.
    const out = run(program, { cpuMs: /loop/.test(_name) ? 300 : 20_000, memoryBytes: 8 * 1024 * 1024, maxStackBytes: 64 * 1024 });
    expect(out.error).toMatchObject(error);
    expect(out.trace.checkpoints.at(-1)?.label).toBe('end');
    next();
  });

  it('overwriting the built-ins the bridge uses breaks nothing', () => {
    const out = run(
      'JSON.parse = null; JSON.stringify = null; Error = null; Array.isArray = null; Object.keys = null;\nlog(getGripper().position[2], getObjects().length)',
    );
    expect(out.error).toBeNull();
    expect(logs(out)).toEqual(['0.3 3']);
  });

  it('survives a hundred and fifty sandboxes in a row', () => {
    for (let i = 0; i < 150; i++) {
      const program =
        i % 3 === 0 ? 'pick(1)' : i % 3 === 1 ? "try { pick('nope') } catch (e) { log(e.name) }" : 'getObjects().map((o) => o.id)';
      const out = run(program);
      expect(out.error?.kind ?? null).toBe(i % 3 === 0 ? 'ArgumentError' : null);
    }
    next();
  });

  it('disposes every handle (debug build leak check)', async () => {
    const module = await newQuickJSWASMModule(DEBUG_SYNC);
    const fns: HostFunction[] = [
      { name: 'get', call: () => ({ a: [1, 2] }) },
      {
        name: 'fail',
        call: () => {
          throw new Error('host bug');
        },
      },
    ];
    const programs = [
      'get(1, "a", [1], {b: 2}, 5)',
      'fail()',
      'while (true) {}',
      'throw new Error("x")',
      'syntax error(',
      'Promise.resolve().then(() => get())',
      'new Promise(() => {}); Promise.reject(new Error("never handled"));',
      'const r = new FinalizationRegistry(() => get()); r.register({}, 1); new WeakRef({});',
      'async function main() { await null; fail(); } main();',
    ];
    for (const program of programs) {
      const r = runSandboxed(program, fns, { module, cpuMs: 100 });
      expect(r.error === null || typeof r.error.kind === 'string').toBe(true);
    }
    // (TestQuickJSWASMModule's runtime count misses runtimes made by newRuntime in 0.32; ask the leak sanitizer directly.)
    expect(module.getFFI().QTS_RecoverableLeakCheck()).toBe(0);
  });
});

describe('errors cross as named guest exceptions', () => {
  it('a program can catch a GraspError by name and go on', () => {
    const world = new FakeWorld({ slippery: ['red_block'] });
    const out = runAttemptSync({
      world,
      program: "try { pick('red_block'); } catch (e) {\n  log(e.name, e instanceof Error, e.message);\n}\npick('blue_block');",
    });
    expect(out.error).toBeNull();
    expect(out.trace.events.find((e) => e.type === 'log')).toMatchObject({
      message: 'GraspError true red_block slipped out of the fingers while lifting',
      line: 2,
    });
  });

  it('an uncaught one ends the attempt with its kind, message and line', () => {
    const out = runAttemptSync({ world: new FakeWorld({ slippery: ['red_block'] }), program: "home();\n\npick('red_block');\nhome();" });
    expect(out.error).toEqual({ kind: 'GraspError', message: 'red_block slipped out of the fingers while lifting', line: 3 });
  });

  describe('with the typed cause the skill gave it', () => {
    /** A world whose pick of red_block slips, as the real robot reports it. */
    class SlipWorld extends FakeWorld {
      override pick(id: string): void {
        if (id === 'red_block')
          throw new GraspError(
            'red_block slipped out of the grasp while lifting, now 2.0 cm from where the fingers held it.',
            [id],
            'slipped',
          );
        super.pick(id);
      }
    }

    it('in the trace, the program error and as e.cause (name and message unchanged, cause not enumerable)', () => {
      const out = runAttemptSync({ world: new SlipWorld(), program: "home();\npick('red_block');" });
      expect(out.error).toEqual({
        kind: 'GraspError',
        message: 'red_block slipped out of the grasp while lifting, now 2.0 cm from where the fingers held it.',
        line: 2,
        cause: 'slipped',
      });
      const call = out.trace.events.find((e): e is CallEvent => e.type === 'call' && e.call === 'pick')!;
      expect(call.error).toEqual({ kind: 'GraspError', message: out.error!.message, cause: 'slipped' });
      const caught = runAttemptSync({
        world: new SlipWorld(),
        program: "try { pick('red_block'); } catch (e) { log(e.name, e.cause, Object.keys(e).join('+')); throw e; }",
      });
      expect(logs(caught)).toEqual(['GraspError slipped name+message']);
      expect(caught.error).toMatchObject({ kind: 'GraspError', cause: 'slipped', line: 1 });
    });

    it('errors without a cause have none, and a program cannot claim one its kind lacks', () => {
      const out = runAttemptSync({ world: new FakeWorld({ slippery: ['red_block'] }), program: "pick('red_block');" });
      expect(out.error).not.toHaveProperty('cause');
      const forged = run("throw { name: 'GraspError', message: 'x', cause: 'knocked-away' };");
      expect(forged.error).toEqual({ kind: 'GraspError', message: 'x', line: null });
      const fine = run("throw { name: 'CollisionError', message: 'x', cause: 'knocked-away' };");
      expect(fine.error).toEqual({ kind: 'CollisionError', message: 'x', line: null, cause: 'knocked-away' });
    });
  });

  it('a bug in the world ends the attempt as an internal error, even if the program catches it', () => {
    const out = runAttemptSync({ world: new FakeWorld({ crashIn: 'home' }), program: 'try { home(); } catch (e) {}\ngetGripper();' });
    expect(out.error).toEqual({ kind: 'Error', message: 'internal error in home(): fake crash in home', line: 1 });
    expect(out.internalError).toBeInstanceOf(TypeError);
  });

  it('programs can use promises and the jobs run before the end', () => {
    const out = run("Promise.resolve('job').then((v) => log(v));\nlog('main');");
    expect(logs(out)).toEqual(['main', 'job']);
  });

  it('an async main() that throws ends the attempt with its error and line', () => {
    const out = run("async function main() {\n  await null;\n  pick('nope');\n}\nmain();");
    expect(out.error).toMatchObject({ kind: 'UnknownObjectError', line: 3 });
  });

  it('an API name can be reused as a variable', () => {
    const out = run('const distance = 0.1;\nlog(distance);');
    expect(out.error).toBeNull();
    expect(logs(out)).toEqual(['0.1']);
  });
});

describe('host calls', () => {
  it('take the fast path past the library dispatcher (breaks loudly on a quickjs-emscripten upgrade)', () => {
    const r = runSandboxed('f(1)', [{ name: 'f', call: () => 2 }]);
    expect(r).toMatchObject({ error: null, hostCalls: 1, fastHostCalls: true });
  });
});
