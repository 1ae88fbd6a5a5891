// RuleProgrammer.correct, skill-level corrections in simulation: how a step is done —
// approach, lift height, release, aim, turn, push distance, speed — changed at the step
// the run reached (or the last step of its kind), with the plan's steps kept (the
// session's own skeleton check, policy/corrections), judged by what the run measured.

import { afterEach, describe, expect, it } from 'vitest';
import { skillChangesPlan } from '../../policy/corrections/index.ts';
import { Session, box, calls, task, yawOf } from './rule-correct-fixtures.ts';

const open: Session[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.free();
});
async function session(...args: Parameters<typeof Session.open>): Promise<Session> {
  const s = await Session.open(...args);
  open.push(s);
  return s;
}

const tray = (extra: object = {}) => ({
  id: 'tray',
  shape: 'tray',
  color: 'gray',
  size: [0.2, 0.16, 0.03],
  position: [0.12, 0.1],
  ...extra,
});
const bottom = (s: Session, id: string): number => s.world.getBBox(id).min[2];

describe('lift', () => {
  const lift = () =>
    task('Lift the red block and hold it.', [box('red_block', 'red', 0.04, { position: [0.05, 0.0] })], { above: ['red_block', 0.25] });

  it('"lift it higher, at least 25 cm" after the run (continue, still held): raised, not picked again', async () => {
    const s = await session(lift());
    await s.generate();
    expect(s.world.getGripper().holding).toBe('red_block');
    expect(bottom(s, 'red_block')).toBeLessThan(0.2);
    const d = await s.correct('lift it higher, at least 25 cm', 'continue');
    expect(d.error).toBeNull();
    expect(d.class).toBe('skill');
    expect(d.understood).toMatch(/^lift 26\.5 cm instead of 1\d(\.\d)? cm at step 1 \(pick up the red block\)/);
    expect(skillChangesPlan(s.last!.program, d.program, 'continue')).toBeNull();
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    expect(s.world.getGripper().holding).toBe('red_block');
    expect(bottom(s, 'red_block')).toBeGreaterThan(0.25);
  });

  it('"raise it 8 cm higher" (restart): the pick lifts 8 cm more, the trace shows it', async () => {
    const s = await session(lift());
    await s.generate();
    const before = bottom(s, 'red_block');
    const d = await s.correct('raise it 8 cm higher please', 'restart');
    expect(d.error).toBeNull();
    expect(skillChangesPlan(s.last!.program, d.program, 'restart')).toBeNull();
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    expect(bottom(s, 'red_block') - before).toBeGreaterThan(0.07);
    expect(bottom(s, 'red_block') - before).toBeLessThan(0.09);
    const pick = calls(r.out.trace, 'pick')[0]!;
    expect((pick.args[1] as { liftHeight: number }).liftHeight).toBeCloseTo(0.2, 3);
  });
});

describe('approach, release, speed', () => {
  const onBlue = () =>
    task(
      'Put the red block on the blue block.',
      [box('red_block', 'red', 0.04, { position: [-0.12, 0.0] }), box('blue_block', 'blue', 0.05, { position: [0.12, 0.05] })],
      { on: ['red_block', 'blue_block'] },
    );

  it('"grab it from the side" interrupted before the pick (continue): the pick uses a side approach', async () => {
    const s = await session(onBlue());
    const r0 = await s.generate(1);
    expect(r0.reached).toBe('interrupted');
    const d = await s.correct('hmm, grab it from the side', 'continue');
    expect(d.error).toBeNull();
    expect(d.class).toBe('skill');
    expect(d.understood).toMatch(/grasp from the side instead of the top at step 1 \(pick up the red block\), where it was interrupted/);
    expect(skillChangesPlan(s.last!.program, d.program, 'continue')).toBeNull();
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    expect(calls(r.out.trace, 'pick')[0]!.args[1]).toMatchObject({ approach: 'side' });
    expect(s.world.evaluate({ on: ['red_block', 'blue_block'] }).ok).toBe(true);
  });

  it('"from the side" while holding the block (continue): set down by gripper moves, picked again from the side', async () => {
    const s = await session(onBlue());
    await s.generate(2);
    expect(s.world.getGripper().holding).toBe('red_block');
    const d = await s.correct('from the side', 'continue');
    expect(d.error).toBeNull();
    expect(skillChangesPlan(s.last!.program, d.program, 'continue')).toBeNull();
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    expect(calls(r.out.trace, 'pick')[0]!.args[1]).toMatchObject({ approach: 'side' });
    expect(s.world.evaluate({ on: ['red_block', 'blue_block'] }).ok).toBe(true);
  });

  it('"release lower" while holding (continue): no second pick, let go 1 mm above the support', async () => {
    const s = await session(onBlue());
    await s.generate(3);
    expect(s.world.getGripper().holding).toBe('red_block');
    const d = await s.correct('release lower', 'continue');
    expect(d.error).toBeNull();
    expect(d.understood).toMatch(/let go 0\.1 cm above the support instead of 0\.5 cm at step 2 \(put the red block on the blue block\)/);
    expect(d.program).not.toMatch(/pick\(/);
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    expect(calls(r.out.trace, 'place')[0]!.args[1]).toMatchObject({ releaseHeight: 0.001 });
    expect(s.world.evaluate({ on: ['red_block', 'blue_block'] }).ok).toBe(true);
  });

  it('"slower" and "more gently" (restart): the corrected step takes longer in simulated time', async () => {
    const s = await session(onBlue());
    const r0 = await s.generate();
    const took = (r: typeof r0, name: string): number => {
      const ev = r.out.trace.events;
      const i = ev.findIndex((e) => e.type === 'call' && e.call === name);
      return ev[i]!.t - ev[i - 1]!.t;
    };
    const pick0 = took(r0, 'pick');
    const place0 = took(r0, 'place');
    // Ended: "slower" applies to the step the diagnosis points at, else all of them.
    const d = await s.correct('please go slower', 'restart');
    expect(d.error).toBeNull();
    expect(d.class).toBe('skill');
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    expect(took(r, 'pick')).toBeGreaterThan(pick0 * 1.3);
    s.last = r;
    const g = await s.correct('more gently', 'restart', 1);
    expect(g.error).toBeNull();
    expect(g.understood).toContain('gently');
    const r2 = await s.run(g);
    expect(r2.out.error).toBeNull();
    expect(took(r2, 'place')).toBeGreaterThan(place0 * 1.3);
    expect(s.world.evaluate({ on: ['red_block', 'blue_block'] }).ok).toBe(true);
  });
});

describe('aim and turn', () => {
  const inTray = () =>
    task(
      'Put the red block in the tray.',
      [box('red_block', 'red', [0.06, 0.03, 0.03], { position: [-0.15, -0.02], yaw: 0 }), tray()],
      { inside: ['red_block', 'tray'] },
      { layout: { randomYaw: false } },
    );

  it('"2 cm to the left" and "a bit further back" (restart): the block lands that much off the first aim', async () => {
    const s = await session(inTray());
    await s.generate();
    const p0 = s.pos('red_block');
    const d = await s.correct('2 cm to the left', 'restart');
    expect(d.error).toBeNull();
    expect(skillChangesPlan(s.last!.program, d.program, 'restart')).toBeNull();
    await s.run(d);
    const p1 = s.pos('red_block');
    expect(p1[0] - p0[0]).toBeCloseTo(-0.02, 2);
    expect(Math.abs(p1[1] - p0[1])).toBeLessThan(0.006);
    s.last = { ...s.last!, program: d.program, draft: d };
    const d2 = await s.correct('a bit further back', 'restart', 1);
    expect(d2.error).toBeNull();
    await s.run(d2);
    const p2 = s.pos('red_block');
    expect(p2[1] - p1[1]).toBeGreaterThan(0.005);
    expect(p2[0] - p1[0]).toBeCloseTo(0, 2);
  });

  it('"3 cm further left" after the run (continue): picked up again from the tray and set down 3 cm to the left', async () => {
    const s = await session(inTray());
    await s.generate();
    const p0 = s.pos('red_block');
    const d = await s.correct('hmm, 3 cm further left', 'continue');
    expect(d.error).toBeNull();
    expect(d.understood).toMatch(/at step 2 \(put the red block in the gray tray\), the last place$/);
    expect(skillChangesPlan(s.last!.program, d.program, 'continue')).toBeNull();
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    const p1 = s.pos('red_block');
    expect(p1[0] - p0[0]).toBeCloseTo(-0.03, 2);
    expect(s.world.evaluate({ inside: ['red_block', 'tray'] }).ok).toBe(true);
  });

  it('"turn it 90 degrees" (restart): the placed block is turned a quarter turn', async () => {
    const s = await session(inTray());
    await s.generate();
    const y0 = yawOf(s.world.getPose('red_block').quaternion);
    const d = await s.correct('turn it 90 degrees', 'restart');
    expect(d.error).toBeNull();
    expect(d.understood).toMatch(/turn it 90° before setting it down at step 2/);
    expect(skillChangesPlan(s.last!.program, d.program, 'restart')).toBeNull();
    await s.run(d);
    const y1 = yawOf(s.world.getPose('red_block').quaternion);
    // A box's yaw is defined up to a half turn.
    const diff = Math.abs(((((y1 - y0 + Math.PI / 2) % Math.PI) + Math.PI) % Math.PI) - Math.PI / 2);
    expect(Math.abs(diff - Math.PI / 2)).toBeLessThan((12 * Math.PI) / 180);
    expect(s.world.evaluate({ inside: ['red_block', 'tray'] }).ok).toBe(true);
  });
});

describe('push', () => {
  const pushTask = () =>
    task(
      'Push the red block 10 cm to the right.',
      [box('red_block', 'red', 0.04, { position: [-0.1, 0.0], yaw: 0 })],
      { near: ['red_block', [0, 0], 0.03] },
      { layout: { randomYaw: false } },
    );

  it('"push it 3 cm more" and "push it less" (restart): it travels ~3 cm further, then shorter', async () => {
    const s = await session(pushTask());
    const start = s.start.objects[0]!.position;
    await s.generate();
    const d0 = s.pos('red_block')[0] - start[0];
    const d = await s.correct('push it 3 cm more', 'restart');
    expect(d.error).toBeNull();
    expect(d.understood).toMatch(/^push 13 cm instead of 10 cm at step 1/);
    expect(skillChangesPlan(s.last!.program, d.program, 'restart')).toBeNull();
    await s.run(d);
    const d1 = s.pos('red_block')[0] - start[0];
    expect(d1 - d0).toBeGreaterThan(0.02);
    expect(d1 - d0).toBeLessThan(0.04);
    s.last = { ...s.last!, program: d.program, draft: d };
    const less = await s.correct('no, push it less', 'restart', 1);
    expect(less.error).toBeNull();
    await s.run(less);
    expect(s.pos('red_block')[0] - start[0]).toBeLessThan(d1 - 0.02);
  });

  it('"push it further" after the run (continue): pushed on from where it is', async () => {
    const s = await session(pushTask());
    const start = s.start.objects[0]!.position;
    await s.generate();
    const d0 = s.pos('red_block')[0] - start[0];
    const d = await s.correct('push it further', 'continue');
    expect(d.error).toBeNull();
    expect(d.class).toBe('skill');
    await s.run(d);
    expect(s.pos('red_block')[0] - start[0]).toBeGreaterThan(d0 + 0.02);
  });
});
