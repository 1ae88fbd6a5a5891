// Diagnoses that name the cause: the call that moved an object even when the failing
// checkpoint comes later, the action line rather than the subgoal( line, the
// all-checkpoints-passed case, measured shortfalls, slips, and each fact stated once.
// Hand-made attempts (test/monitor/fixtures.ts): no physics.
import { describe, expect, it } from 'vitest';
import { diagnose, describeDisturbance, shortfallsOf } from '../../monitor/diagnosis.ts';
import { StateMonitor } from '../../monitor/state-monitor.ts';
import { evaluatePredicate } from '../../sim/index.ts';
import type { MovedObject, Predicate } from '../../sim/index.ts';
import { attemptOf, edit, initial, redOnBlueAttempt, SCENE } from './fixtures.ts';

const monitor = new StateMonitor();

const moved = (id: string, delta: [number, number, number], intended: boolean, extra: Partial<MovedObject> = {}): MovedObject => ({
  id,
  delta,
  distance: Math.hypot(...delta),
  rotationDeg: 0,
  toppled: false,
  intended,
  ...extra,
});

/**
 * Subgoal 0 puts red_block beside blue_block, and its place() (line 3) shoves blue_block
 * 3 cm toward +x — the subgoal names the blue block, so no checkpoint there objects.
 * Subgoal 1 then puts purple_ball where blue_block was at the start (line 7), and its
 * expectation fails at the later checkpoint.
 */
function knockedThenMissed() {
  const s0 = initial();
  const heldRed = edit(
    s0,
    { red_block: { position: [-0.15, 0.05, 0.12], quaternion: [0, 0, 0, 1] } },
    { position: [-0.15, 0.05, 0.12], width: 0.04, holding: 'red_block', yaw: 0 },
    2,
  );
  const placedRed = edit(
    heldRed,
    { red_block: { position: [0.05, 0.05, 0.02] }, blue_block: { position: [0.13, 0.05, 0.025] } },
    { position: [0.05, 0.05, 0.1], width: 0.06, holding: null },
    4,
  );
  const heldBall = edit(
    placedRed,
    { purple_ball: { position: [-0.3, -0.12, 0.12] } },
    { position: [-0.3, -0.12, 0.12], width: 0.035, holding: 'purple_ball' },
    6,
  );
  const placedBall = edit(heldBall, { purple_ball: { position: [0.1, 0.05, 0.02] } }, { position: [0.1, 0.05, 0.1], holding: null }, 8);
  const program = [
    "subgoal('put the red block beside the blue block', { expect: { near: ['red_block', 'blue_block', 0.1] } });",
    "pick('red_block');",
    'place([0.05, 0.05]);',
    '',
    "subgoal('put the ball on the blue block', { expect: { on: ['purple_ball', 'blue_block'] } });",
    "pick('purple_ball');",
    'place([0.1, 0.05]);',
  ].join('\n');
  return attemptOf(
    SCENE,
    [
      { description: 'put the red block beside the blue block', expect: { near: ['red_block', 'blue_block', 0.1] }, line: 1 },
      { description: 'put the ball on the blue block', expect: { on: ['purple_ball', 'blue_block'] }, line: 5 },
    ],
    [
      {
        label: 'pick-red_block',
        reason: 'action',
        subgoal: 0,
        snapshot: heldRed,
        calls: [{ call: 'pick', args: ['red_block'], line: 2, moved: [moved('red_block', [0, 0, 0.1], true)] }],
      },
      {
        label: 'place-0.05_0.05',
        reason: 'action',
        subgoal: 0,
        snapshot: placedRed,
        calls: [
          {
            call: 'place',
            args: [[0.05, 0.05]],
            line: 3,
            moved: [moved('red_block', [0.2, 0, -0.1], true), moved('blue_block', [0.03, 0, 0], false, { rotationDeg: 4 })],
          },
        ],
      },
      { label: 'subgoal-0', reason: 'subgoal-end', subgoal: 0, snapshot: placedRed },
      {
        label: 'pick-purple_ball',
        reason: 'action',
        subgoal: 1,
        snapshot: heldBall,
        calls: [{ call: 'pick', args: ['purple_ball'], line: 6, moved: [moved('purple_ball', [0, 0, 0.1], true)] }],
      },
      {
        label: 'place-0.10_0.05',
        reason: 'action',
        subgoal: 1,
        snapshot: placedBall,
        calls: [{ call: 'place', args: [[0.1, 0.05]], line: 7, moved: [moved('purple_ball', [0.4, 0.17, -0.1], true)] }],
      },
      { label: 'subgoal-1', reason: 'subgoal-end', subgoal: 1, snapshot: placedBall },
      { label: 'end', reason: 'end', subgoal: 1, snapshot: placedBall },
    ],
    null,
    program,
  );
}

describe('diagnoses name the cause', () => {
  it('names the earlier call that moved an object when a later checkpoint fails', () => {
    const attempt = knockedThenMissed();
    const verdicts = monitor.inspectSync(attempt);
    // Nothing objected when blue_block was shoved: the subgoal names it.
    expect(verdicts.slice(0, 3).every((v) => v.ok)).toBe(true);
    const d = diagnose(attempt, verdicts);
    expect(d.checkpoint).toBe(5);
    expect(d.kind).toBe('missed-place');
    expect(d.facts.disturbances).toEqual([
      expect.objectContaining({
        object: 'blue_block',
        by: { seq: 1, call: 'place', line: 3, source: 'place([0.05, 0.05]);' },
        distance: expect.closeTo(0.03, 9),
        relevant: true,
        movedOnPurposeLater: false,
      }),
    ]);
    // The shove came before the ball was placed, so the failure is pinned on the place()
    // that missed (line 7), and the shove is told beside it.
    expect(d.facts.cause).toMatchObject({ call: 'place', line: 7 });
    expect(d.line).toBe(7);
    expect(d.text).toContain('Moved by calls not meant to move them: blue_block was pushed 3.0 cm toward +x by place() at line 3.');
    expect(d.text.split('\n')[0]).toBe(
      'Failure (missed-place) at line 7 `place([0.1, 0.05]);`, found at checkpoint 5 "subgoal-1", in subgoal 1 "put the ball on the blue block".',
    );
    expect(describeDisturbance(d.facts.disturbances[0]!)).toBe('blue_block was pushed 3.0 cm toward +x by place() at line 3');
    // The shortfall of the unmet expectation, as numbers.
    expect(d.facts.unmet).toMatchObject({ kind: 'on', object: 'purple_ball', support: 'blue_block' });
    // (Its bottom is level with the table, far below blue_block's top: it is beside it.)
    expect(d.facts.shortfalls).toEqual([
      expect.objectContaining({ object: 'purple_ball', quantity: 'gap', relativeTo: 'blue_block', bound: 'min', limit: -0.01 }),
    ]);
    expect(d.facts.shortfalls[0]!.measured).toBeCloseTo(-0.05, 6);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('pins a failure on a later call that knocked an arrangement apart', () => {
    // The ball is put on blue_block (line 3); then place() of red_block (line 6) knocks it off.
    const s0 = initial();
    const ballOn = edit(s0, { purple_ball: { position: [0.1, 0.05, 0.07] } }, { holding: null }, 3);
    const heldRed = edit(
      ballOn,
      { red_block: { position: [-0.15, 0.05, 0.12], quaternion: [0, 0, 0, 1] } },
      { position: [-0.15, 0.05, 0.12], width: 0.04, holding: 'red_block', yaw: 0 },
      5,
    );
    const knocked = edit(
      heldRed,
      { red_block: { position: [0.05, 0.05, 0.02] }, purple_ball: { position: [0.16, 0.05, 0.02] } },
      { position: [0.05, 0.05, 0.1], width: 0.06, holding: null },
      7,
    );
    const program = [
      "subgoal('put the ball on the blue block', { expect: { on: ['purple_ball', 'blue_block'] } });",
      "pick('purple_ball');",
      "place('blue_block');",
      "subgoal('put the red block beside the ball on the blue block', { expect: { on: ['purple_ball', 'blue_block'] } });",
      "pick('red_block');",
      'place([0.05, 0.05]);',
    ].join('\n');
    const attempt = attemptOf(
      SCENE,
      [
        { description: 'put the ball on the blue block', expect: { on: ['purple_ball', 'blue_block'] }, line: 1 },
        { description: 'put the red block beside the ball on the blue block', expect: { on: ['purple_ball', 'blue_block'] }, line: 4 },
      ],
      [
        {
          label: 'subgoal-0',
          reason: 'subgoal-end',
          subgoal: 0,
          snapshot: ballOn,
          calls: [
            { call: 'pick', args: ['purple_ball'], line: 2, moved: [moved('purple_ball', [0, 0, 0.1], true)] },
            { call: 'place', args: ['blue_block'], line: 3, moved: [moved('purple_ball', [0.4, 0.17, -0.05], true)] },
          ],
        },
        {
          label: 'subgoal-1',
          reason: 'subgoal-end',
          subgoal: 1,
          snapshot: knocked,
          calls: [
            { call: 'pick', args: ['red_block'], line: 5, moved: [moved('red_block', [0, 0, 0.1], true)] },
            {
              call: 'place',
              args: [[0.05, 0.05]],
              line: 6,
              moved: [moved('red_block', [0.2, 0, -0.1], true), moved('purple_ball', [0.06, 0, -0.05], false)],
            },
          ],
        },
      ],
      null,
      program,
    );
    const verdicts = monitor.inspectSync(attempt);
    expect(verdicts[0]!.ok).toBe(true);
    const d = diagnose(attempt, verdicts);
    expect(d.checkpoint).toBe(1);
    expect(d.facts.cause).toMatchObject({ call: 'place', line: 6 });
    expect(d.text).toContain('purple_ball was pushed 6.0 cm toward +x and 5.0 cm down by place() at line 6');
  });

  it('pins a failure on the action line, not the subgoal( line', () => {
    const attempt = redOnBlueAttempt([0.17, 0.03, 0.02]);
    const d = diagnose(attempt, monitor.inspectSync(attempt));
    expect(d.subgoal!.line).toBe(4);
    expect(d.line).toBe(5);
    expect(d.text.split('\n')[0]).toContain("at line 5 `place('blue_block');`");
  });

  it('says plainly when every checkpoint passed and only the task check failed, with the numbers', () => {
    const attempt = redOnBlueAttempt([0.1, 0.05, 0.07]);
    for (const c of attempt.trace.events)
      if (c.type === 'call') c.moved = [moved('red_block', c.call === 'pick' ? [0, 0, 0.07] : [0.25, 0, -0.05], true)];
    const verdicts = monitor.inspectSync(attempt);
    expect(verdicts.every((v) => v.ok)).toBe(true);
    const goal: Predicate = { all: [{ on: ['red_block', 'blue_block'] }, { near: ['red_block', [0.3, 0.05], 0.02] }] };
    const last = attempt.trace.checkpoints.at(-1)!.snapshot;
    const success = evaluatePredicate(goal, { scene: attempt.scene, state: last, initial: initial() });
    expect(success.ok).toBe(false);
    const d = diagnose(attempt, verdicts, { success });
    expect(d.facts.allCheckpointsPassed).toBe(true);
    expect(d.kind).toBe('missed-place');
    expect(d.summary).toBe(
      'Every checkpoint passed and the program raised no error, but the task check failed: red_block is 20.0 cm from [0.300, 0.050] horizontally (limit 2 cm).',
    );
    expect(d.text.split('\n')[0]).toBe("Failure (missed-place) at line 5 `place('blue_block');`, found by the task check at the end.");
    expect(d.offset).toMatchObject({ object: 'red_block', targetKind: 'point', dx: expect.closeTo(-0.2, 6) });
    expect(d.facts.task).toHaveLength(1);
    expect(d.facts.shortfalls).toEqual([
      expect.objectContaining({ object: 'red_block', quantity: 'distance', measured: expect.closeTo(0.2, 6), limit: 0.02, bound: 'max' }),
    ]);
    // The task check's detail appears once.
    expect(d.text.split('red_block is 20.0 cm from').length - 1).toBe(1);
    // Without the oracle the same attempt has nothing to diagnose.
    const blind = diagnose(attempt, verdicts, { success: null });
    expect(blind.summary).toBe('No failure found: every checkpoint passed.');
    expect(blind.facts.allCheckpointsPassed).toBe(false);
    expect(blind.text).not.toContain('task');
  });

  it('says when the object a failing check is about was never moved, and blames no other call', () => {
    const attempt = redOnBlueAttempt([0.1, 0.05, 0.07]);
    for (const c of attempt.trace.events)
      if (c.type === 'call') c.moved = [moved('red_block', c.call === 'pick' ? [0, 0, 0.07] : [0.25, 0, -0.05], true)];
    const last = attempt.trace.checkpoints.at(-1)!.snapshot;
    const success = evaluatePredicate(
      { all: [{ on: ['red_block', 'blue_block'] }, { near: ['purple_ball', [0.3, 0.05], 0.02] }] },
      { scene: attempt.scene, state: last, initial: initial() },
    );
    const d = diagnose(attempt, monitor.inspectSync(attempt), { success });
    expect(d.facts.untouched).toEqual(['purple_ball']);
    expect(d.facts.cause).toBeNull();
    expect(d.line).toBeNull();
    expect(d.text.split('\n')[0]).toBe('Failure (missed-place), found by the task check at the end.');
    expect(d.text).toContain('purple_ball was never moved by any call of the program.');
  });

  it('measures a lift that fell short as a shortfall', () => {
    const s0 = initial();
    const lifted = edit(
      s0,
      { red_block: { position: [-0.15, 0.05, 0.135], quaternion: [0, 0, 0, 1] } },
      { position: [-0.15, 0.05, 0.135], width: 0.04, holding: 'red_block' },
    );
    const attempt = attemptOf(
      SCENE,
      [{ description: 'lift the red block', expect: { above: ['red_block', 0.12] }, line: 1 }],
      [
        {
          label: 'subgoal-0',
          reason: 'subgoal-end',
          subgoal: 0,
          snapshot: lifted,
          calls: [{ call: 'pick', args: ['red_block', { liftHeight: 0.12 }], line: 2, moved: [moved('red_block', [0, 0, 0.115], true)] }],
        },
      ],
      null,
      "subgoal('lift the red block', { expect: { above: ['red_block', 0.12] } });\npick('red_block', { liftHeight: 0.12 });\n",
    );
    const d = diagnose(attempt, monitor.inspectSync(attempt));
    expect(d.line).toBe(2);
    expect(d.facts.shortfalls).toEqual([
      {
        object: 'red_block',
        predicate: 'above',
        quantity: 'height',
        relativeTo: 'table',
        measured: expect.closeTo(0.115, 9),
        limit: 0.12,
        bound: 'min',
        unit: 'm',
        excess: expect.closeTo(0.005, 9),
        text: "red_block's bottom is 11.5 cm above the table, needs at least 12.0 cm",
      },
    ]);
  });

  it('records a held object lost without a release as a slip, with its phase', () => {
    const s0 = initial();
    const held = edit(
      s0,
      { red_block: { position: [-0.15, 0.05, 0.12] } },
      { position: [-0.15, 0.05, 0.12], width: 0.04, holding: 'red_block' },
    );
    const fell = edit(held, { red_block: { position: [-0.05, 0.05, 0.02] } }, { holding: null });
    const attempt = attemptOf(
      SCENE,
      [
        { description: 'pick up the red block', expect: { grasped: 'red_block' }, line: 1 },
        { description: 'carry it over the blue block', line: 3 },
      ],
      [
        { label: 'subgoal-0', reason: 'subgoal-end', subgoal: 0, snapshot: held, calls: [{ call: 'pick', args: ['red_block'], line: 2 }] },
        {
          label: 'moved',
          reason: 'manual',
          subgoal: 1,
          snapshot: fell,
          calls: [{ call: 'moveTo', args: [[0.1, 0.05, 0.15]], line: 4, moved: [moved('red_block', [0.1, 0, -0.1], true)] }],
        },
      ],
      null,
      "subgoal('pick up the red block');\npick('red_block');\nsubgoal('carry it over the blue block');\nmoveTo([0.1, 0.05, 0.15]);\n",
    );
    const d = diagnose(attempt, monitor.inspectSync(attempt));
    expect(d.kind).toBe('slipped-grasp');
    expect(d.facts.slips).toEqual([
      {
        object: 'red_block',
        by: { seq: 1, call: 'moveTo', line: 4, source: 'moveTo([0.1, 0.05, 0.15]);' },
        phase: 'carry',
        cause: 'dropped',
        drop: expect.closeTo(0.1, 9),
      },
    ]);
    expect(d.line).toBe(4);
    expect(d.text).toContain('red_block left the grasp without a release during moveTo() at line 4 (carry), falling 10.0 cm');
  });

  it('records a slip the skill reported during a pick, whose object was never held before the call', () => {
    const s0 = initial();
    const error = { kind: 'GraspError' as const, message: 'red_block slipped out of the grasp while lifting', cause: 'slipped' as const };
    const attempt = attemptOf(
      SCENE,
      [{ description: 'pick up the red block', expect: { grasped: 'red_block' }, line: 1 }],
      [{ label: 'error', reason: 'error', subgoal: 0, snapshot: s0, calls: [{ call: 'pick', args: ['red_block'], line: 2, error }] }],
      { ...error, line: 2 },
      "subgoal('pick up the red block', { expect: { grasped: 'red_block' } });\npick('red_block');\n",
    );
    const d = diagnose(attempt, monitor.inspectSync(attempt));
    expect(d.kind).toBe('slipped-grasp');
    expect(d.facts.slips).toEqual([
      {
        object: 'red_block',
        by: { seq: 0, call: 'pick', line: 2, source: "pick('red_block');" },
        phase: 'pick',
        cause: 'slipped',
        drop: null,
      },
    ]);
  });

  it('reads shortfalls from facts alone, every failing part of an all', () => {
    const s0 = initial();
    const r = evaluatePredicate(
      { all: [{ onTable: 'red_block' }, { upright: 'yellow_can' }, { inZone: ['red_block', 'goal'] }] },
      { scene: SCENE, state: s0, initial: s0 },
    );
    const sf = shortfallsOf(r);
    expect(sf.map((s) => [s.predicate, s.quantity])).toEqual([['inZone', 'outside']]);
    expect(sf[0]!.measured).toBeGreaterThan(0.3);
    expect(shortfallsOf({ ok: false, detail: 'hand-made' })).toEqual([]);
  });
});
