import { beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../policy/program/index.ts';
import { OpaqueValue, paramsOf } from '../../policy/program/arguments.ts';
import { loadQuickJS, runAttemptSync } from '../../policy/program/index.ts';
import type { CallEvent } from '../../sim/index.ts';
import { FakeWorld } from './fake-world.ts';

beforeAll(async () => {
  await loadQuickJS();
});

/** Runs `program` on a fresh fake world and returns the outcome. */
function run(program: string, world = new FakeWorld()) {
  return runAttemptSync({ world, program, cpuMs: 5_000 });
}

/** The error of the first call event, as the program saw it (the program stops there). */
function firstError(program: string): string {
  const out = run(program);
  expect(out.error, `program: ${program}`).not.toBeNull();
  return `${out.error!.kind}: ${out.error!.message}`;
}

describe('argument errors name the function, the argument and what was expected', () => {
  it.each([
    ['pick(42)', 'ArgumentError: pick: argument 1 (id) must be a string object id, got number 42'],
    ['pick()', 'ArgumentError: pick: argument 1 (id) must be a string object id, got nothing'],
    ["pick('')", 'ArgumentError: pick: argument 1 (id) must be a string object id, got string ""'],
    [
      "pick('red_block', { approach: 'diagonal' })",
      "ArgumentError: pick: option approach must be one of 'top', 'side', got string \"diagonal\"",
    ],
    [
      "pick('red_block', { approch: 'top' })",
      "ArgumentError: pick: unknown option 'approch' (the options are approach, liftHeight, speed)",
    ],
    [
      "pick('red_block', { liftHeight: NaN })",
      'ArgumentError: pick: option liftHeight must be a lift height in metres from 0 to 0.45, got NaN',
    ],
    [
      "pick('red_block', 'top')",
      "ArgumentError: pick: argument 2 (options) must be an options object { approach?: 'top' | 'side', liftHeight?: m, speed?: m/s }, got string \"top\"",
    ],
    ["pick('red_block', {}, 3)", 'ArgumentError: pick: takes at most 2 arguments (id, options), got 3'],
    ['getGripper(1)', 'ArgumentError: getGripper: takes no arguments, got 1'],
    [
      'moveTo([0.1, Infinity, 0.2])',
      'ArgumentError: moveTo: argument 1 (position) must be a position [x, y] or [x, y, z] of finite numbers in metres (|v| ≤ 100), got an array of 3 items [0.1, Infinity, 0.2]',
    ],
    [
      'moveTo([1e9, 0, 0])',
      'ArgumentError: moveTo: argument 1 (position) must be a position [x, y] or [x, y, z] of finite numbers in metres (|v| ≤ 100), got an array of 3 items [1000000000, 0, 0]',
    ],
    [
      'moveTo(new Array(100000).fill(0))',
      'ArgumentError: moveTo: argument 1 (position) must be a position [x, y] or [x, y, z] of finite numbers in metres (|v| ≤ 100), got an array of 100000 items',
    ],
    [
      'moveTo([0, 0, 0, 0])',
      'ArgumentError: moveTo: argument 1 (position) must be a position [x, y] or [x, y, z] of finite numbers in metres (|v| ≤ 100), got an array of 4 items [0, 0, 0, 0]',
    ],
    [
      "push('red_block', [0, 0], 0.1)",
      'ArgumentError: push: argument 2 (direction) must be a direction [dx, dy] of finite numbers, not both zero, got an array of 2 items [0, 0]',
    ],
    ['wait(-1)', 'ArgumentError: wait: argument 1 (seconds) must be a duration in seconds from 0 to 600, got number -1'],
    [
      'rotateTo(() => 1)',
      'ArgumentError: rotateTo: argument 1 (yaw) must be an angle in radians (a finite number, |yaw| ≤ 100), got a function',
    ],
    [
      "subgoal('grasp', { expect: { onn: ['red_block', 'blue_block'] } })",
      'ArgumentError: subgoal: option expect must be a predicate such as { on: [\'a\', \'b\'] } (see the predicate list), got object { onn: ["red_block", "blue_block"] }: unknown predicate "onn" (did you mean "on"?); expected one of grasped, on, inside, above, near, upright, onTable, unmoved, inZone, inRegion, offset, ordered, row, line, circle, every, some, distinct, all, any, not',
    ],
    [
      "subgoal('x', { expect: { all: [{ grasped: 'red_block' }, { near: ['red_block', 'blue_block'] }] } })",
      'ArgumentError: subgoal: option expect must be a predicate such as { on: [\'a\', \'b\'] } (see the predicate list), got object { all: [{ grasped: "red_block" }, { near: ["red_block", "bl…: all[1].near: expected [object id, object id or [x, y] or [x, y, z], distance in metres > 0]',
    ],
    ["isInside('red_block', 'blue_block')", 'ArgumentError: isInside: argument 2 must be a container (bowl or tray); blue_block is a box'],
    ["getPoint('red_block', 'inside')", 'ArgumentError: getPoint: argument 1 must be a container (bowl or tray); red_block is a box'],
  ])('%s', (program, message) => {
    expect(firstError(program)).toBe(message);
  });
});

describe('unknown ids are UnknownObjectError with the ids that exist', () => {
  it.each([
    [
      "pick('red_blok')",
      "UnknownObjectError: pick: no object 'red_blok' (did you mean 'red_block'?); the objects are red_block, blue_block, green_bowl",
    ],
    ["place('table')", "UnknownObjectError: place: no object 'table'; the objects are red_block, blue_block, green_bowl"],
    [
      "subgoal('x', { expect: { inZone: ['red_block', 'gaol'] } })",
      "UnknownObjectError: subgoal: no zone 'gaol' (did you mean 'goal'?); the zones are goal",
    ],
  ])('%s', (program, message) => {
    expect(firstError(program)).toBe(message);
  });
});

// Garbage for every parameter of every function, generated from the declaration: each
// candidate the parameter's schema rejects must come back as an ArgumentError naming
// the function, and leave the sandbox working.
const GARBAGE: [string, unknown][] = [
  ['42', 42],
  ["'x'", 'x'],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-1e308', -1e308],
  ['null', null],
  ['true', true],
  ['{}', {}],
  ['[]', []],
  ['[1, 2]', [1, 2]],
  ['[NaN, 0, 0]', [NaN, 0, 0]],
  ['new Array(1e5).fill(1)', new OpaqueValue('an array of 100000 items')],
  ['() => 0', new OpaqueValue('a function')],
  ["Symbol('s')", new OpaqueValue('a symbol')],
];

/** A valid value for a parameter, so only the one under test is garbage. */
function validFor(type: string): string {
  if (type === 'id' || type === 'id | [x, y, z?]') return "'red_block'";
  if (type.startsWith('{')) return '{}';
  if (type === 'string') return "'text'";
  if (type.includes("'")) return type.split(' | ')[0]!;
  if (type.startsWith('[dx, dy')) return '[1, 0]';
  if (type.startsWith('[x')) return '[0.1, 0, 0.2]';
  return '0.1';
}

describe('garbage arguments to every API function end in ArgumentError', () => {
  for (const f of API) {
    const params = paramsOf(f.args).filter((p) => !p.rest);
    if (params.length === 0) continue;
    it(`${f.name}: each parameter rejects garbage`, () => {
      const lines: string[] = [];
      let expected = 0;
      params.forEach((p, i) => {
        for (const [code, value] of GARBAGE) {
          const ok = value instanceof OpaqueValue ? false : p.schema.safeParse(value).success;
          if (ok) continue;
          const args = params.map((q, j) => (j === i ? code : validFor(q.meta.type)));
          lines.push(
            `try { ${f.name}(${args.join(', ')}); log('no error for ${i}:${code.replace(/'/g, '')}'); } catch (e) { log(e.name, e.message); }`,
          );
          expected++;
        }
      });
      expect(expected).toBeGreaterThan(0);
      const out = run(lines.join('\n'));
      expect(out.error).toBeNull();
      const logs = out.trace.events.filter((e) => e.type === 'log').map((e) => (e as { message: string }).message);
      expect(logs).toHaveLength(expected);
      for (const message of logs) expect(message).toMatch(new RegExp(`^ArgumentError ${f.name}: `));
      // Every failed call is in the trace with its line and the error.
      const failed = out.trace.events.filter((e): e is CallEvent => e.type === 'call' && e.call === f.name);
      expect(failed).toHaveLength(expected);
      expect(failed.every((e) => e.error?.kind === 'ArgumentError' && e.line === failed.indexOf(e) + 1)).toBe(true);
    });
  }

  it('the trace keeps garbage arguments JSON-safe', () => {
    const out = run(
      'try { moveTo([NaN, 1, 2]) } catch (e) {}\ntry { rotateTo(() => 1) } catch (e) {}\ntry { moveTo(new Array(1e5)) } catch (e) {}',
    );
    const args = out.trace.events.map((e) => (e as CallEvent).args);
    expect(args).toEqual([[['NaN', 1, 2]], ['<a function>'], ['<an array of 100000 items>']]);
    expect(() => JSON.stringify(out.trace.events)).not.toThrow();
  });

  it('more arguments than the sandbox copies are still counted', () => {
    expect(firstError('getTable(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20)')).toBe(
      'ArgumentError: getTable: takes no arguments, got 20',
    );
  });

  it('log takes any values, many of them', () => {
    const out = run("log('a', 1, NaN, null, undefined, [1, 2], { b: 2 }, () => 1, 'x'.repeat(3))");
    expect(out.error).toBeNull();
    expect(out.trace.events[0]).toMatchObject({ type: 'log', line: 1, message: 'a 1 NaN null undefined [1,2] {"b":2} <a function> xxx' });
  });
});
