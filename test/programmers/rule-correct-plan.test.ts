// RuleProgrammer.correct, plan-level corrections in simulation: another object, another
// target, a step added first, an order changed, put it back — in continue mode (the new
// program runs on the world as the last one left it) and restart mode (a fresh world).
// The outcomes are judged by predicates written here; the programmer never sees them.

import { afterEach, describe, expect, it } from 'vitest';
import { Session, bowl, box, calls, task } from './rule-correct-fixtures.ts';

const open: Session[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.free();
});
async function session(...args: Parameters<typeof Session.open>): Promise<Session> {
  const s = await Session.open(...args);
  open.push(s);
  return s;
}
const dist2 = (a: readonly number[], b: readonly number[]): number => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);

const twoBlocks = () =>
  task(
    'Put the red block in the bowl.',
    [
      box('red_block', 'red', 0.04, { position: [-0.15, 0.05] }),
      box('green_block', 'green', 0.04, { position: [0.15, 0.05] }),
      bowl('bowl', 'white', { position: [0, 0.15] }),
    ],
    { inside: ['green_block', 'bowl'] },
  );

describe('another object', () => {
  it('"no, the green one" after the run (continue): the green block in the bowl, the red one back where it was', async () => {
    const s = await session(twoBlocks());
    await s.generate();
    expect(s.world.evaluate({ inside: ['red_block', 'bowl'] }).ok).toBe(true);
    const redStart = s.start.objects.find((o) => o.id === 'red_block')!.position;
    const d = await s.correct('no, the green one', 'continue');
    expect(d.error).toBeNull();
    expect(d.class).toBe('plan');
    expect(d.understood).toContain('green_block instead of red_block');
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    expect(s.world.evaluate({ inside: ['green_block', 'bowl'] }).ok).toBe(true);
    expect(s.world.evaluate({ onTable: 'red_block' }).ok).toBe(true);
    expect(dist2(s.pos('red_block'), redStart)).toBeLessThan(0.03);
  });

  it('"hmm, not that one, the one on the right please" (restart): the program moves the green block', async () => {
    const s = await session(twoBlocks());
    await s.generate();
    const d = await s.correct('hmm, not that one, the one on the right please', 'restart');
    expect(d.error).toBeNull();
    expect(d.understood).toContain('green_block');
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    expect(s.world.evaluate({ all: [{ inside: ['green_block', 'bowl'] }, { unmoved: ['red_block', 0.01] }] }).ok).toBe(true);
  });

  it('"the other bowl" and "the smaller one"', async () => {
    const def = task(
      'Put the red block in the bowl.',
      [
        box('red_block', 'red', 0.05, { position: [-0.15, 0.0] }),
        box('small_red', 'red', 0.03, { position: [0.15, -0.05] }),
        bowl('bowl_a', 'white', { position: [-0.1, 0.18] }),
        bowl('bowl_b', 'white', { position: [0.12, 0.18] }),
      ],
      { inside: ['small_red', 'bowl_b'] },
    );
    const s = await session(def);
    const first = await s.programmer.generate(s.start);
    const bowlUsed = /place\('(bowl_[ab])'/.exec(first.program)![1]!;
    const other = bowlUsed === 'bowl_a' ? 'bowl_b' : 'bowl_a';
    const blockUsed = /pick\('(\w+)'/.exec(first.program)![1]!;
    s.last = {
      program: first.program,
      draft: first,
      out: { trace: { events: [], subgoals: [], checkpoints: [] }, error: null, wallMs: 0, simSeconds: 0, apiCalls: 0 },
      line: null,
      reached: 'not-run',
    };
    const d1 = await s.correct('the other bowl', 'restart');
    expect(d1.error).toBeNull();
    expect(d1.understood).toContain(`${other} instead of ${bowlUsed}`);
    const r1 = await s.run(d1);
    expect(r1.out.error).toBeNull();
    expect(s.world.evaluate({ inside: [blockUsed, other] }).detail).toMatch(/inside/);
    expect(s.world.evaluate({ inside: [blockUsed, other] }).ok).toBe(true);
    // Then the other of the two red blocks, on top of the first correction (the memo keeps the bowl).
    s.last = { ...s.last!, reached: 'not-run' };
    const otherBlock = blockUsed === 'small_red' ? 'red_block' : 'small_red';
    const d2 = await s.correct(otherBlock === 'small_red' ? 'no, the smaller one' : 'no, the bigger one', 'restart', 1);
    expect(d2.error).toBeNull();
    expect(d2.understood).toContain(`${otherBlock} instead of ${blockUsed}`);
    await s.run(d2);
    expect(s.world.evaluate({ all: [{ inside: [otherBlock, other] }, { unmoved: [blockUsed, 0.01] }] }).ok).toBe(true);
  });

  it('interrupted while holding the wrong block (continue): it is put back, then the right one moved', async () => {
    const s = await session(twoBlocks());
    // Stop after the pick: subgoal, pick, then stop before the second subgoal.
    const r0 = await s.generate(2);
    expect(r0.reached).toBe('interrupted');
    expect(s.world.getGripper().holding).toBe('red_block');
    const d = await s.correct('No, the green one.', 'continue');
    expect(d.error).toBeNull();
    // The held block is not picked again: the program starts by putting it back.
    expect(d.program).not.toMatch(/pick\('red_block'/);
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    expect(s.world.evaluate({ all: [{ inside: ['green_block', 'bowl'] }, { onTable: 'red_block' }] }).ok).toBe(true);
  });
});

describe('another target', () => {
  const scene = () =>
    task(
      'Put the red block in the bowl.',
      [
        box('red_block', 'red', 0.04, { position: [-0.15, 0.0] }),
        bowl('bowl', 'white', { position: [0.0, 0.18] }),
        { id: 'tray', shape: 'tray', color: 'gray', size: [0.16, 0.12, 0.03], position: [0.18, -0.02] },
        box('green_block', 'green', 0.04, { position: [-0.2, 0.2] }),
      ],
      { inside: ['red_block', 'tray'] },
    );

  it('"in the tray instead" after the run (continue): taken out of the bowl and put in the tray', async () => {
    const s = await session(scene());
    await s.generate();
    expect(s.world.evaluate({ inside: ['red_block', 'bowl'] }).ok).toBe(true);
    const d = await s.correct('in the tray instead', 'continue');
    expect(d.error).toBeNull();
    expect(d.class).toBe('plan');
    expect(d.understood).toMatch(/red_block in tray instead of at bowl/);
    await s.run(d);
    expect(s.world.evaluate({ inside: ['red_block', 'tray'] }).ok).toBe(true);
  });

  it('"put the green block in the tray instead" after the run (continue): the red block back, the green one in the tray', async () => {
    const s = await session(scene());
    await s.generate();
    const d = await s.correct('no, put the green block in the tray instead', 'continue');
    expect(d.error).toBeNull();
    expect(d.understood).toBe('put green_block in tray instead of red_block at bowl');
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    const start = s.start.objects.find((o) => o.id === 'red_block')!.position;
    expect(s.world.evaluate({ all: [{ inside: ['green_block', 'tray'] }, { onTable: 'red_block' }] }).ok).toBe(true);
    expect(dist2(s.pos('red_block'), start)).toBeLessThan(0.03);
  });

  it('"put it on the green block instead" (restart)', async () => {
    const s = await session(scene());
    await s.generate();
    const d = await s.correct('put it on the green block instead', 'restart');
    expect(d.error).toBeNull();
    await s.run(d);
    expect(s.world.evaluate({ on: ['red_block', 'green_block'] }).ok).toBe(true);
  });
});

describe('steps added and reordered', () => {
  it('"first move the red block off" before moving the block it sits on', async () => {
    const def = task(
      'Put the blue block in the bowl.',
      [
        box('blue_block', 'blue', 0.05, { position: [-0.12, 0.02] }),
        box('red_block', 'red', 0.04, { on: 'blue_block' }),
        bowl('bowl', 'white', { position: [0.12, 0.15] }),
      ],
      { all: [{ inside: ['blue_block', 'bowl'] }, { onTable: 'red_block' }] },
    );
    const s = await session(def);
    await s.generate(1);
    const d = await s.correct('first move the red block off', 'restart');
    expect(d.error).toBeNull();
    expect(d.class).toBe('plan');
    expect(d.understood).toContain('red_block off blue_block');
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    expect(s.world.evaluate({ all: [{ inside: ['blue_block', 'bowl'] }, { onTable: 'red_block' }] }).ok).toBe(true);
    // The red block was picked before the blue one.
    const picks = calls(r.out.trace, 'pick').map((c) => c.args[0]);
    expect(picks).toEqual(['red_block', 'blue_block']);
  });

  it('"take the cylinder off the white block before you move the white block"', async () => {
    const def = task(
      'Put the white block in the top left corner.',
      [
        { id: 'plate', shape: 'box', color: 'white', size: [0.06, 0.06, 0.02], position: [0.1, 0.05] },
        { id: 'cup', shape: 'cylinder', color: 'red', size: [0.04, 0.04, 0.06], on: 'plate' },
      ],
      { onTable: 'cup' },
    );
    const s = await session(def);
    const d0 = await s.programmer.generate(s.start);
    expect(d0.error).toBeNull();
    s.last = {
      program: d0.program,
      draft: d0,
      out: { trace: { events: [], subgoals: [], checkpoints: [] }, error: null, wallMs: 0, simSeconds: 0, apiCalls: 0 },
      line: null,
      reached: 'not-run',
    };
    const d = await s.correct('take the cylinder off the white block before you move the white block', 'restart');
    expect(d.error).toBeNull();
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    expect(calls(r.out.trace, 'pick').map((c) => c.args[0])).toEqual(['cup', 'plate']);
    expect(s.world.evaluate({ all: [{ onTable: 'cup' }, { onTable: 'plate' }, { inRegion: ['plate', 'top_left_corner'] }] }).ok).toBe(true);
  });

  it('"do the blue one first" (restart): the blue block is moved before the red one', async () => {
    const def = task(
      'Put the red block and the blue block in the bowl.',
      [
        box('red_block', 'red', 0.04, { position: [-0.15, 0.0] }),
        box('blue_block', 'blue', 0.04, { position: [0.15, 0.0] }),
        bowl('bowl', 'white', { size: [0.16, 0.16, 0.06], position: [0, 0.17] }),
      ],
      { inside: ['blue_block', 'bowl'] },
    );
    const s = await session(def);
    const r0 = await s.generate();
    const order = calls(r0.out.trace, 'pick').map((c) => c.args[0] as string);
    expect([...order].sort()).toEqual(['blue_block', 'red_block']);
    const second = order[1]!;
    const d = await s.correct(`no, do the ${second.replace('_block', '')} one first`, 'restart');
    expect(d.error).toBeNull();
    expect(d.understood).toBe(`do ${second} first`);
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    expect(calls(r.out.trace, 'pick').map((c) => c.args[0])).toEqual([second, order[0]]);
    expect(s.world.evaluate({ all: [{ inside: ['red_block', 'bowl'] }, { inside: ['blue_block', 'bowl'] }] }).ok).toBe(true);
  });
});

describe('put it back', () => {
  it('"put it back" after the run (continue): the block returns to where it was at the start', async () => {
    const s = await session(twoBlocks());
    await s.generate();
    const d = await s.correct('oops, put it back please', 'continue');
    expect(d.error).toBeNull();
    expect(d.class).toBe('plan');
    expect(d.understood).toContain('red_block back');
    await s.run(d);
    const start = s.start.objects.find((o) => o.id === 'red_block')!.position;
    expect(dist2(s.pos('red_block'), start)).toBeLessThan(0.03);
    expect(s.world.evaluate({ onTable: 'red_block' }).ok).toBe(true);
  });

  it('"put it back" with restart, or when nothing moved, says so in one line', async () => {
    const s = await session(twoBlocks());
    await s.generate(1);
    const d = await s.correct('put it back', 'continue');
    expect(d.program).toBe('');
    expect(d.error).toMatch(/nothing to put back/);
    expect(d.error!.split('\n')).toHaveLength(1);
  });
});
