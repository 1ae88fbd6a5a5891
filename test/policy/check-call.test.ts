// check(predicate): a program evaluates any predicate the task format allows, with the
// same code and tolerances as the task check, in the real simulator.

import { describe, expect, it } from 'vitest';
import { runAttempt } from '../../policy/program/index.ts';
import { createWorld } from '../../sim/index.ts';
import type { CallEvent, LogEvent } from '../../sim/index.ts';
import { blueBlock, grayTray, obj, redBlock, scene } from '../sim/scenes.ts';

const logs = (events: { type: string }[]) => events.filter((e): e is LogEvent => e.type === 'log').map((e) => e.message);

describe('check(predicate) from a program', () => {
  it('returns { ok, detail } equal to the task check, before and after the work', async () => {
    const world = await createWorld(scene(redBlock(0, 0), blueBlock(0.15, 0.05), grayTray(-0.15, -0.12)));
    try {
      const program = [
        "const goal = { all: [{ on: ['red_block', 'blue_block'] }, { not: { grasped: 'red_block' } }] };",
        'const before = check(goal);',
        'log(JSON.stringify(Object.keys(before)), before.ok, before.detail);',
        "pick('red_block');",
        "place('blue_block');",
        'const after = check(goal);',
        'log(after.ok, after.detail);',
        "log(check({ row: { ids: ['red_block', 'gray_tray'], axis: 'x' } }).ok);",
      ].join('\n');
      const out = await runAttempt({ world, program });
      expect(out.error).toBeNull();
      const [before, after, row] = logs(out.trace.events);
      expect(before).toMatch(/^\["ok","detail"\] false 1 of 2 conditions fail: red_block is not on blue_block/);
      const task = world.evaluate({ all: [{ on: ['red_block', 'blue_block'] }, { not: { grasped: 'red_block' } }] });
      expect(task.ok).toBe(true);
      expect(after).toBe(`true ${task.detail}`);
      expect(row).toBe('false'); // the tray is left of the block: not in increasing x
      const calls = out.trace.events.filter((e): e is CallEvent => e.type === 'call' && e.call === 'check');
      expect(calls).toHaveLength(3);
      expect(calls[1]!.result).toEqual({ ok: true, detail: task.detail });
    } finally {
      world.free();
    }
  });

  it('a bad predicate is an ArgumentError naming the path; an unknown id an UnknownObjectError', async () => {
    const world = await createWorld(scene(redBlock(0, 0), obj('can', 'cylinder', [0.04, 0.04, 0.06], 0.2, 0)));
    try {
      const program = [
        "try { check({ onn: ['red_block', 'can'] }); } catch (e) { log(e.name, e.message); }",
        "try { check({ near: ['red_blok', 'can', 0.05] }); } catch (e) { log(e.name, e.message); }",
        "log(check({ near: ['red_block', 'can', 0.25] }).detail);",
      ].join('\n');
      const out = await runAttempt({ world, program });
      expect(out.error).toBeNull();
      const [bad, unknown, near] = logs(out.trace.events);
      expect(bad).toMatch(/^ArgumentError check: argument 1 \(predicate\).*unknown predicate "onn" \(did you mean "on"\?\)/);
      expect(unknown).toBe("UnknownObjectError check: no object 'red_blok' (did you mean 'red_block'?); the objects are red_block, can");
      expect(near).toBe('red_block is 20.0 cm from can (limit 25 cm).');
    } finally {
      world.free();
    }
  });
});
