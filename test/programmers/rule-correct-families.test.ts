// RuleProgrammer.correct, the families added after the simulated corrector's measurements
// (issue 12 follow-up): a push counted from where the object was at the session's start
// (continue) and a push to a side of the table; gaps between objects; a place the
// instruction could not read, named by the correction; the fingers' axis ("from the front
// and back") and keeping clear of a neighbour ("don't hit the box"); "don't … from the
// top"; sliding instead of carrying; observations said with a change ("it's slippery,
// grab it from the side"). Each family is read with its siblings, then run in simulation
// and judged by what the world measured.

import { afterEach, describe, expect, it } from 'vitest';
import { readCorrection } from '../../policy/programmers/rules/correction-grammar.ts';
import type { CorrectionReading } from '../../policy/programmers/rules/correction-grammar.ts';
import { loadTask } from '../../tasks/index.ts';
import { Session, box, calls, task } from './rule-correct-fixtures.ts';

const open: Session[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.free();
});
async function session(...args: Parameters<typeof Session.open>): Promise<Session> {
  const s = await Session.open(...args);
  open.push(s);
  return s;
}

function brief(r: CorrectionReading): string {
  if (r.plan) {
    const p = r.plan;
    if (p.kind === 'target') return `plan:target ${p.clause}`;
    if (p.kind === 'pushInstead') return `plan:pushInstead ${p.subject?.text ?? 'it'}`;
    if (p.kind === 'add') return `plan:add ${p.clause}`;
    return `plan:${p.kind}`;
  }
  return `skill:${r.skill
    .map((c) => {
      switch (c.kind) {
        case 'gap':
          return `gap ${c.to ?? (c.by > 0 ? '+' : '')}${c.to === null ? c.by : ''}${c.dir ? ` dir ${c.dir.join(',')}` : ''}`;
        case 'fingers':
          return `fingers ${c.axis}`;
        case 'avoid':
          return `avoid ${c.phrase.text}`;
        case 'approach':
          return `approach ${c.approach}`;
        case 'push':
          return `push ${c.by}`;
        case 'shift':
          return c.inward ? 'shift inward' : 'shift';
        default:
          return c.kind;
      }
    })
    .join(' + ')}`;
}

describe('reading: the new families and their siblings', () => {
  const cases: [string, string][] = [
    // A side or a corner of the table as the new place.
    ['further, all the way to the right side', 'plan:target on the right side of the table'],
    ['push it all the way to the left edge', 'plan:target on the left side of the table'],
    ['all the way to the back', 'plan:target on the top side of the table'],
    ['no, the top right corner', 'plan:target in the top right corner'],
    ['the other corner, far right at the back', 'plan:target in the top right corner'],
    ['put it in the bottom left corner instead', 'plan:target in the bottom left corner'],
    // Gaps between objects, not heights.
    ['leave about 10 cm between them', 'skill:gap 0.1'],
    ['10 cm apart', 'skill:gap 0.1'],
    ['a gap of 5 cm please', 'skill:gap 0.05'],
    ['further to the right, leave about 10 cm between them', 'skill:gap 0.1 dir 1,0'],
    ['further apart', 'skill:gap +0.03'],
    ['they are too close', 'skill:gap +0.03'],
    ['closer together', 'skill:gap -0.02'],
    // The fingers' axis.
    ['grab the ball from the front and back', 'skill:fingers y'],
    ['turn the gripper so the fingers close front to back', 'skill:fingers y'],
    ['grab the block from the left and right sides', 'skill:fingers x'],
    ['grip it side to side', 'skill:fingers x'],
    // Keeping clear of a neighbour.
    ["the ball is right next to the box, don't hit the box", 'skill:avoid the box'],
    ['careful, the block is right behind the thermos', 'skill:avoid the thermos'],
    ['try not to touch the red block', 'skill:avoid the red block'],
    ["don't knock the can over", 'skill:avoid the can'],
    // "don't … from the top / side", "around the middle".
    ["don't grasp it from the top", 'skill:approach side'],
    ["don't pick the bottle up from the top, it slides out", 'skill:approach side'],
    ['hold it around the middle', 'skill:approach side'],
    ["don't grab it from the side", 'skill:approach top'],
    // Slide instead of carrying.
    ['push it', 'plan:pushInstead it'],
    ['slide it along the table instead of picking it up', 'plan:pushInstead it'],
    ['slide the crate instead of lifting it', 'plan:pushInstead the crate'],
    ['that box is too heavy to lift; push it', 'plan:pushInstead it'],
    ['the crate is too heavy to pick up, push it', 'plan:pushInstead it'],
    ['that box is too heavy to lift', 'plan:pushInstead it'],
    // Observations said with a change, and a gentler push.
    ["it's slippery, grasp the bottle from the side", 'skill:approach side'],
    ['the can is slippery, grab it from the side', 'skill:approach side'],
    ['the ball rolls too far, push it less', 'skill:push -0.03'],
    ['it went past the spot, push more gently', 'skill:push -0.03'],
    ['the ball rolls on after you push it; push it less far', 'skill:push -0.03'],
    ['further', 'skill:push 0.03'],
    // Emptying a container first.
    ['empty the tray before moving it', 'plan:add empty the tray'],
    ['empty the cup before you move it', 'plan:add empty the cup'],
    ['empty the bowl first', 'plan:add empty the bowl'],
    // Further onto what it is put on; a time clause is not a step.
    ['it fell off the end; put it further in', 'skill:shift inward'],
    ['more toward the middle', 'skill:shift inward'],
    ['not so close to the edge', 'skill:shift inward'],
    ['lift the block higher before you let go', 'skill:lift'],
  ];
  for (const [text, want] of cases) {
    it(`"${text}" → ${want}`, () => {
      expect(brief(readCorrection(text))).toBe(want);
    });
  }

  it('an observation alone says what it understood and asks what to change', () => {
    for (const text of ['the plank is shorter than that', 'the tray is smaller inside than it looks', 'you knocked the stick over']) {
      expect(() => readCorrection(text)).toThrow(/as what went wrong, not what to change: say what to do differently/);
    }
  });

  it('"leave 10 cm between them" is not a release height, "lift it to 25 cm" still is a lift', () => {
    expect(readCorrection('leave about 10 cm between them').skill.map((c) => c.kind)).toEqual(['gap']);
    expect(readCorrection('lift it to 25 cm').skill.map((c) => c.kind)).toEqual(['lift']);
  });
});

describe('push: counted from the start, and to a side of the table (continue)', () => {
  const pushTask = () =>
    task(
      'Push the red block to the right.',
      [box('red_block', 'red', 0.04, { position: [-0.1, 0.0], yaw: 0 })],
      { near: ['red_block', [0.3, 0], 0.03] },
      { layout: { randomYaw: false } },
    );

  it('"push it 10 cm more" after a push: only what is left, not the whole distance again', async () => {
    const s = await session(pushTask());
    const x0 = s.start.objects[0]!.position[0];
    await s.generate();
    const d0 = s.pos('red_block')[0] - x0;
    expect(d0).toBeGreaterThan(0.04);
    const d = await s.correct('push it 10 cm more', 'continue');
    expect(d.error).toBeNull();
    expect(d.class).toBe('skill');
    const r = await s.run(d);
    const pushed = calls(r.out.trace, 'push')[0]!;
    // The planned push was 10 cm: the whole is 20 cm from the start, less what the first push did.
    expect(pushed.args[2] as number).toBeLessThan(0.2 - d0 + 0.01);
    const d1 = s.pos('red_block')[0] - x0;
    expect(d1).toBeGreaterThan(d0 + 0.04);
    expect(d1).toBeLessThan(0.22);
  });

  it('"further, all the way to the right side" (and "push it all the way to the right edge"): it ends in the right side band', async () => {
    for (const text of ['further, all the way to the right side', 'push it all the way to the right edge']) {
      const s = await session(pushTask());
      await s.generate();
      const d = await s.correct(text, 'continue');
      expect(d.error).toBeNull();
      expect(d.class).toBe('plan');
      expect(d.understood).toMatch(/^push red_block .*right side/);
      const r = await s.run(d);
      expect(r.out.error).toBeNull();
      expect(s.pos('red_block')[0]).toBeGreaterThanOrEqual(0.25);
    }
  });
});

describe('gaps between objects (continue)', () => {
  const beside = () =>
    task(
      'Place the red block next to the blue block.',
      [
        box('red_block', 'red', 0.04, { position: [-0.2, -0.1], yaw: 0 }),
        box('blue_block', 'blue', 0.04, { position: [0.05, 0.05], yaw: 0 }),
      ],
      { near: ['red_block', 'blue_block', 0.2] },
      { layout: { randomYaw: false } },
    );
  const edgeGapX = (s: Session): number => Math.abs(s.pos('red_block')[0] - s.pos('blue_block')[0]) - 0.04;

  it('"further to the right, leave about 10 cm between them": right of it, 10 cm edge to edge', async () => {
    const s = await session(beside());
    await s.generate();
    const d = await s.correct('further to the right, leave about 10 cm between them', 'continue');
    expect(d.error).toBeNull();
    expect(d.class).toBe('skill');
    expect(d.understood).toMatch(/^leave 10 cm between red_block and blue_block on its right/);
    await s.run(d);
    expect(s.pos('red_block')[0]).toBeGreaterThan(s.pos('blue_block')[0]);
    expect(edgeGapX(s)).toBeGreaterThan(0.08);
    expect(edgeGapX(s)).toBeLessThan(0.12);
  });

  it('"5 cm apart" then "further apart": the gap is 5 cm, then about 8 cm', async () => {
    const s = await session(beside());
    await s.generate();
    const gap = (): number => {
      const a = s.pos('red_block');
      const b = s.pos('blue_block');
      return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1])) - 0.04;
    };
    const d = await s.correct('5 cm apart', 'continue');
    expect(d.error).toBeNull();
    await s.run(d);
    expect(Math.abs(gap() - 0.05)).toBeLessThan(0.015);
    const more = await s.correct('further apart', 'continue', 1);
    expect(more.error).toBeNull();
    await s.run(more);
    expect(Math.abs(gap() - 0.08)).toBeLessThan(0.015);
  });
});

describe('a place the instruction could not read, named by the correction', () => {
  // ("in a corner" is read now, as the nearest one: a place it cannot read stands in for it.)
  it('"Put the blue block in a nook." + "no, the top right corner" (and its siblings): it goes there', async () => {
    for (const text of ['no, the top right corner', 'the other corner, far right at the back']) {
      const s = await session(
        task('Put the blue block in a nook.', [box('blue_block', 'blue', 0.04, { position: [0.0, 0.0] })], {
          inRegion: ['blue_block', 'top_right_corner'],
        }),
      );
      const draft = await s.programmer.generate(s.start);
      const d = await s.programmer.correct(s.context('continue'), {
        ...s.input(text, 'continue'),
        program: draft.program,
        memo: draft.memo,
        reached: draft.program ? 'ended' : 'not-run',
      });
      expect(d.error).toBeNull();
      expect(d.class).toBe('plan');
      expect(d.understood).toBe('the instruction read as "Put the blue block in the top right corner."');
      await s.run(d);
      const p = s.pos('blue_block');
      expect(p[0]).toBeGreaterThanOrEqual(0.25);
      expect(p[1]).toBeGreaterThanOrEqual(0.18);
    }
  });
});

describe('grasp: the fingers axis, keeping clear, "don\'t … from the top" (restart)', () => {
  const withBehind = () =>
    task(
      'Put the red block on the green block.',
      [
        box('red_block', 'red', 0.04, { position: [-0.1, 0.0], yaw: 0, jitter: 0 }),
        box('gray_box', 'gray', [0.1, 0.04, 0.12], { position: [-0.1, 0.09], yaw: 0, jitter: 0 }),
        box('green_block', 'green', 0.05, { position: [0.15, -0.05], yaw: 0, jitter: 0 }),
      ],
      { on: ['red_block', 'green_block'] },
      { layout: { randomYaw: false, minGap: 0.005 } },
    );

  for (const [text, axis] of [
    ['grab the block from the left and right sides', 'x'],
    ['grab it from the front and back', 'y'],
  ] as const) {
    it(`"${text}": the fingers close along ${axis}`, async () => {
      const s = await session(withBehind());
      await s.generate();
      const d = await s.correct(text, 'restart');
      expect(d.error).toBeNull();
      expect(d.class).toBe('skill');
      const r = await s.run(d);
      expect(r.out.error).toBeNull();
      const close = r.out.trace.events.find((e) => e.type === 'call' && e.call === 'closeGripper') as { gripper: { yaw: number } };
      expect(close).toBeDefined();
      const yaw = Math.abs(Math.sin(close.gripper.yaw));
      // The fingers close along the gripper's heading: along y is yaw ±90°.
      if (axis === 'y') expect(yaw).toBeGreaterThan(0.95);
      else expect(yaw).toBeLessThan(0.3);
      expect(s.world.evaluate({ on: ['red_block', 'green_block'] }).ok).toBe(true);
    });
  }

  it('"careful, the block is right behind the gray box" / "don\'t hit the gray box": fingers clear of it, it stays put', async () => {
    for (const text of ["don't hit the gray box", 'careful, the red block is right in front of the gray box']) {
      const s = await session(withBehind());
      await s.generate();
      const d = await s.correct(text, 'restart');
      expect(d.error).toBeNull();
      expect(d.understood).toMatch(/fingers closing left to right to keep the fingers clear of gray_box \(behind red_block\)/);
      const boxAt = s.pos('gray_box');
      await s.run(d);
      const now = s.pos('gray_box');
      expect(Math.hypot(now[0] - boxAt[0], now[1] - boxAt[1])).toBeLessThan(0.01);
      expect(s.world.evaluate({ on: ['red_block', 'green_block'] }).ok).toBe(true);
    }
  });

  it('"don\'t grasp it from the top" is a side grasp', async () => {
    const s = await session(withBehind());
    await s.generate();
    const d = await s.correct("don't grasp it from the top", 'restart');
    expect(d.error).toBeNull();
    expect(d.understood).toMatch(/^grasp from the side instead of the top/);
    const r = await s.run(d);
    expect((calls(r.out.trace, 'pick')[0]!.args[1] as { approach: string }).approach).toBe('side');
  });
});

describe('slide instead of carrying', () => {
  it('"slide it along the table instead of picking it up" / "that box is too heavy to lift; push it": pushed into the zone, never lifted', async () => {
    for (const text of ['slide it along the table instead of picking it up', 'that box is too heavy to lift; push it']) {
      const s = await session(
        task(
          'Move the gray box into the yellow zone.',
          [box('gray_box', 'gray', 0.05, { position: [-0.15, -0.05], yaw: 0 })],
          { inZone: ['gray_box', 'yellow_zone'] },
          { zones: [{ id: 'yellow_zone', min: [0.02, -0.1], max: [0.14, 0.02], color: 'yellow' }], layout: { randomYaw: false } },
        ),
      );
      const first = await s.programmer.generate(s.start);
      expect(first.program).toMatch(/pick\('gray_box'/);
      s.last = null;
      const d = await s.programmer.correct(s.start, { ...s.input(text, 'restart'), program: first.program, memo: first.memo });
      expect(d.error).toBeNull();
      expect(d.class).toBe('plan');
      expect(d.understood).toMatch(/^push gray_box along the table to .* instead of carrying it/);
      expect(d.program).not.toMatch(/pick\(/);
      const r = await s.run(d);
      expect(calls(r.out.trace, 'push').length).toBeGreaterThan(0);
      expect(s.world.evaluate({ inZone: ['gray_box', 'yellow_zone'] }).ok).toBe(true);
    }
  });
});

describe('a rider the first program disturbed, taken off first (continue)', () => {
  it('"take the cup off first" and its siblings after the box pick pressed the cup down: the gripper rises clear, the cup goes to the table, the box in the tray', async () => {
    for (const text of ['take the cup off first', 'first move the white cup off the green box', 'put the cup on the table first']) {
      const s = await session(loadTask('tasks/teach/cup_off_box.json'), 0);
      const r0 = await s.generate();
      // The first program picks the box with the cup on it: the grasp fails among them, the gripper is left low.
      expect(r0.out.error?.kind).toBe('GraspError');
      expect(s.world.getGripper().position[2]).toBeLessThan(0.12);
      const d = await s.correct(text, 'continue');
      expect(d.error).toBeNull();
      expect(d.class).toBe('plan');
      expect(d.program).toMatch(/^moveBy\(\[0, 0, Math\.max\(0, 0\.2 - getGripper\(\)\.position\[2\]\)\]\);$/m);
      const r = await s.run(d);
      expect(r.out.error).toBeNull();
      expect(s.world.evaluate({ onTable: 'white_cup' }).ok).toBe(true);
      expect(s.world.evaluate({ inside: ['green_box', 'gray_tray'] }).ok).toBe(true);
    }
  });
});

describe('taking something off or out of the way first', () => {
  it('reads "it" from what was said with it, and "out of the way"', () => {
    const add = (t: string) => readCorrection(t).plan as Extract<CorrectionReading['plan'], { kind: 'add' }>;
    expect([
      add("there's a can on the block, take it off first").rider?.text,
      add("there's a can on the block, take it off first").support?.text,
    ]).toEqual(['a can', 'the block']);
    expect(add('you knocked the vase over; move it out of the way before picking up the box').rider?.text).toBe('the vase');
    expect(add('move the thermos out of the way first')).toMatchObject({ rider: { text: 'the thermos' }, support: null, away: true });
    expect(add('first move the red block out of the way')).toMatchObject({ rider: { text: 'the red block' }, away: true });
  });

  const behind = () =>
    task(
      'Put the red block in the white bowl.',
      [
        box('red_block', 'red', 0.04, { position: [-0.1, 0.0], yaw: 0, jitter: 0 }),
        { id: 'black_thermos', shape: 'cylinder', color: 'black', size: [0.05, 0.05, 0.14], position: [-0.1, -0.08], jitter: 0 },
        { id: 'white_bowl', shape: 'bowl', color: 'white', size: [0.13, 0.13, 0.06], position: [0.15, 0.05], jitter: 0 },
      ],
      { inside: ['red_block', 'white_bowl'] },
      { layout: { randomYaw: false, minGap: 0.005 } },
    );

  it('"move the thermos out of the way first" (a word of its id; restart): the thermos is moved aside, upright, then the block goes in the bowl', async () => {
    for (const text of ['move the thermos out of the way first', 'first move the black thermos out of the way']) {
      const s = await session(behind());
      await s.generate();
      const d = await s.correct(text, 'restart');
      expect(d.error).toBeNull();
      expect(d.class).toBe('plan');
      expect(d.understood).toMatch(/^first move black_thermos out of the way, to the \w+ side of the table$/);
      const r = await s.run(d);
      expect(r.out.error).toBeNull();
      const t = s.pos('black_thermos');
      const b = s.pos('red_block');
      expect(Math.hypot(t[0] - -0.1, t[1] - -0.08)).toBeGreaterThan(0.1);
      expect(s.world.evaluate({ upright: 'black_thermos' }).ok).toBe(true);
      expect(s.world.evaluate({ inside: ['red_block', 'white_bowl'] }).ok).toBe(true);
      expect(b).toBeDefined();
    }
  });

  it('"there\'s a can on the block, take it off first" (restart): the can goes to the table before the block is carried', async () => {
    const s = await session(
      task(
        'Put the green block in the blue bowl.',
        [
          box('green_block', 'green', 0.05, { position: [-0.12, -0.05], yaw: 0, jitter: 0 }),
          { id: 'yellow_can', shape: 'cylinder', color: 'yellow', size: [0.035, 0.035, 0.06], on: 'green_block' },
          { id: 'blue_bowl', shape: 'bowl', color: 'blue', size: [0.13, 0.13, 0.06], position: [0.15, 0.05], jitter: 0 },
        ],
        { inside: ['green_block', 'blue_bowl'] },
        { layout: { randomYaw: false } },
      ),
    );
    const d = await s.correct("there's a can on the block, take it off first", 'restart');
    expect(d.error).toBeNull();
    expect(d.understood).toMatch(/^first take yellow_can off green_block and put it on the table/);
    const r = await s.run(d);
    expect(r.out.error).toBeNull();
    expect(s.world.evaluate({ onTable: 'yellow_can' }).ok).toBe(true);
    expect(s.world.evaluate({ inside: ['green_block', 'blue_bowl'] }).ok).toBe(true);
  });
});

describe('emptying a container first (restart)', () => {
  it('"empty the tray before moving it" / "empty the tray first": what is in it goes to the table, then the tray is moved', async () => {
    for (const text of ['empty the tray before moving it', 'empty the tray first']) {
      const s = await session(
        task(
          'Put the orange tray in the blue zone.',
          [
            { id: 'orange_tray', shape: 'tray', color: 'orange', size: [0.12, 0.07, 0.03], position: [-0.15, -0.05], jitter: 0 },
            box('red_block', 'red', 0.04, { on: 'orange_tray' }),
          ],
          { inZone: ['orange_tray', 'blue_zone'] },
          { zones: [{ id: 'blue_zone', min: [0.05, -0.05], max: [0.3, 0.15], color: 'blue' }], layout: { randomYaw: false } },
        ),
      );
      const d = await s.correct(text, 'restart');
      expect(d.error).toBeNull();
      expect(d.class).toBe('plan');
      expect(d.understood).toBe('first take red_block out of orange_tray and put it on the table');
      const r = await s.run(d);
      expect(r.out.error).toBeNull();
      expect(s.world.evaluate({ onTable: 'red_block' }).ok).toBe(true);
      expect(s.world.evaluate({ inZone: ['orange_tray', 'blue_zone'] }).ok).toBe(true);
    }
  });

  it('"empty the tray first" when nothing is in it: says so', async () => {
    const s = await session(
      task(
        'Put the orange tray in the blue zone.',
        [{ id: 'orange_tray', shape: 'tray', color: 'orange', size: [0.16, 0.12, 0.03], position: [-0.15, -0.05], jitter: 0 }],
        { inZone: ['orange_tray', 'blue_zone'] },
        { zones: [{ id: 'blue_zone', min: [0.05, -0.05], max: [0.3, 0.15], color: 'blue' }] },
      ),
    );
    const d = await s.correct('empty the tray first', 'restart');
    expect(d.program).toBe('');
    expect(d.error).toMatch(/nothing rests in or on orange_tray: it is empty already/);
  });
});

describe('further onto what it is put on (continue)', () => {
  it('"put it further in" / "more toward the middle": the block moves toward the plank\'s middle', async () => {
    for (const text of ['it fell off the end; put it further in', 'more toward the middle']) {
      const s = await session(
        task(
          'Put the blue block on the right end of the gray plank.',
          [
            box('gray_plank', 'gray', [0.24, 0.06, 0.02], { position: [0.05, 0.0], yaw: 0, jitter: 0 }),
            box('blue_block', 'blue', 0.03, { position: [-0.2, -0.12], yaw: 0, jitter: 0 }),
          ],
          { on: ['blue_block', 'gray_plank'] },
          { layout: { randomYaw: false } },
        ),
      );
      await s.generate();
      const x0 = s.pos('blue_block')[0];
      expect(x0).toBeGreaterThan(0.1);
      const d = await s.correct(text, 'continue');
      expect(d.error).toBeNull();
      expect(d.class).toBe('skill');
      expect(d.understood).toMatch(/^aim 2 cm .* \(offset \[-0\.02, 0\]\)/);
      const r = await s.run(d);
      expect(r.out.error).toBeNull();
      const x1 = s.pos('blue_block')[0];
      expect(x0 - x1).toBeGreaterThan(0.01);
      expect(x0 - x1).toBeLessThan(0.03);
      expect(s.world.evaluate({ on: ['blue_block', 'gray_plank'] }).ok).toBe(true);
    }
  });
});
