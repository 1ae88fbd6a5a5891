import { describe, expect, it } from 'vitest';
import { diagnose, placementOffset } from '../../monitor/diagnosis.ts';
import type { ErrorCause, ProgramError } from '../../sim/index.ts';
import { StateMonitor } from '../../monitor/state-monitor.ts';
import { attemptOf, edit, initial, redOnBlueAttempt, RED_ON_BLUE_SUBGOALS, SCENE } from './fixtures.ts';

const monitor = new StateMonitor();

describe('diagnosis', () => {
  it('measures the miss of a place: kind, offset, predicate, diff and trace', () => {
    const attempt = redOnBlueAttempt([0.17, 0.03, 0.02]);
    const d = diagnose(attempt, monitor.inspectSync(attempt), { success: { ok: false, detail: 'red_block is not on blue_block.' } });
    expect(d.kind).toBe('missed-place');
    expect(d.checkpoint).toBe(3);
    expect(d.checkpointLabel).toBe('subgoal-1');
    expect(d.subgoal).toMatchObject({ index: 1, description: 'put it on the blue block', line: 4 });
    expect(d.offset!.object).toBe('red_block');
    expect(d.offset!.target).toBe('blue_block');
    expect(d.offset).toMatchObject({ targetKind: 'object', point: null });
    expect(d.offset!.dx).toBeCloseTo(0.07, 5);
    expect(d.offset!.dy).toBeCloseTo(-0.02, 5);
    expect(d.offset!.distance).toBeCloseTo(Math.hypot(0.07, 0.02), 5);
    // The offset is the failing result's measured facts, not a second measurement.
    const facts = d.failures[0]!.result!.facts;
    expect(facts).toMatchObject({ kind: 'on', object: 'red_block', support: 'blue_block', dx: d.offset!.dx, dy: d.offset!.dy });
    expect(d.predicate!.predicate).toEqual({ on: ['red_block', 'blue_block'] });
    expect(d.predicate!.detail).toContain('red_block is not on blue_block');
    expect(d.events.some((e) => e.includes("place('blue_block')"))).toBe(true);
    // The diff spans the failing subgoal, from the end of the one before.
    expect(d.sceneDiffFrom).toEqual({ checkpoint: 1, label: 'subgoal-0' });
    expect(d.sceneDiff!.text).toBe(
      'red_block moved 33.6 cm toward +x and is no longer held (now on the table). The gripper no longer holds red_block.',
    );
    // The failure is pinned on the place() line (5), not the subgoal( line (4).
    expect(d.line).toBe(5);
    expect(d.facts.cause).toMatchObject({ call: 'place', line: 5, source: "place('blue_block');" });
    expect(d.text).toContain(
      'Failure (missed-place) at line 5 `place(\'blue_block\');`, found at checkpoint 3 "subgoal-1", in subgoal 1 "put it on the blue block".',
    );
    // The unmet expectation is stated once.
    expect(d.text.split(d.predicate!.detail).length - 1).toBe(1);
    expect(d.text).toContain('dx +7.0 cm, dy -2.0 cm');
    expect(d.text).toContain('Task check: red_block is not on blue_block.');
    // JSON round trip: diagnosis.json holds the same record.
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('names the error, its program line and its source text', () => {
    const s0 = initial();
    const attempt = attemptOf(
      SCENE,
      RED_ON_BLUE_SUBGOALS,
      [
        {
          label: 'error',
          reason: 'error',
          subgoal: 0,
          snapshot: s0,
          calls: [
            {
              call: 'pick',
              args: ['red_block'],
              line: 2,
              error: { kind: 'GraspError', message: 'The fingers closed on nothing while picking red_block.' },
            },
          ],
        },
        { label: 'end', reason: 'end', subgoal: 0, snapshot: s0 },
      ],
      { kind: 'GraspError', message: 'The fingers closed on nothing while picking red_block.', line: 2 },
      "subgoal('pick up the red block');\npick('red_block');\n",
    );
    const d = diagnose(attempt, monitor.inspectSync(attempt));
    expect(d.kind).toBe('nothing-grasped');
    expect(d.checkpoint).toBe(0);
    expect(d.error).toMatchObject({ kind: 'GraspError', line: 2, source: "pick('red_block');" });
    expect(d.line).toBe(2);
    expect(d.text).toContain("Failure (nothing-grasped) at line 2 `pick('red_block');`");
    // The error's message is stated once (in "What went wrong"), not again as "Program error".
    expect(d.text.split('The fingers closed on nothing').length - 1).toBe(2); // the summary and the trace line
  });

  it.each<[ProgramError['kind'], string, ErrorCause | undefined, string]>([
    ['ReachError', 'The grasp point is outside the workspace.', undefined, 'reach'],
    ['TimeoutError', 'time budget ran out', undefined, 'timeout'],
    ['CollisionError', 'the gripper hit the table', 'table', 'collision'],
    ['GraspError', 'red_block slipped out of the grasp while lifting', 'slipped', 'slipped-grasp'],
    ['GraspError', 'red_block is no longer between the fingers after lifting.', 'slipped', 'slipped-grasp'],
    ['GraspError', 'Cannot pick red_block: the gripper is already holding blue_block; place it first.', 'already-holding', 'program-error'],
    ['GraspError', 'The fingers closed on nothing while picking red_block.', 'nothing-grasped', 'nothing-grasped'],
    // The cause decides, never the words: without one, "slipped" in the message means nothing.
    ['GraspError', 'red_block slipped out of the grasp while lifting', undefined, 'nothing-grasped'],
    ['UnknownObjectError', 'no object named red', undefined, 'program-error'],
  ])('maps %s (%s, cause %s) to %s', (kind, message, cause, expected) => {
    const s0 = initial();
    const error = { kind: kind as 'GraspError', message, ...(cause ? { cause } : {}) };
    const attempt = attemptOf(
      SCENE,
      RED_ON_BLUE_SUBGOALS,
      [{ label: 'error', reason: 'error', subgoal: 0, snapshot: s0, calls: [{ call: 'pick', args: ['red_block'], line: 2, error }] }],
      { kind, message, line: 2, ...(cause ? { cause } : {}) },
    );
    expect(diagnose(attempt, monitor.inspectSync(attempt)).kind).toBe(expected);
  });

  it('measures a miss of a zone or a point from its reference point', () => {
    const s0 = initial();
    const off = edit(s0, { red_block: { position: [0.15, 0.1, 0.02] } });
    const zone = attemptOf(
      SCENE,
      [{ description: 'put the red block in the goal', expect: { all: [{ onTable: 'red_block' }, { inZone: ['red_block', 'goal'] }] } }],
      [{ label: 'subgoal-0', reason: 'subgoal-end', subgoal: 0, snapshot: off, calls: [{ call: 'place', args: [[0.29, 0.21]] }] }],
    );
    const dz = diagnose(zone, monitor.inspectSync(zone));
    expect(dz.kind).toBe('missed-place');
    expect(dz.predicate!.predicate).toEqual({ inZone: ['red_block', 'goal'] });
    expect(dz.offset).toMatchObject({
      object: 'red_block',
      target: 'goal',
      targetKind: 'zone',
      point: [expect.closeTo(0.29, 9), expect.closeTo(0.21, 9)],
    });
    expect(dz.offset!.dx).toBeCloseTo(0.15 - 0.29, 9);
    expect(dz.offset!.dy).toBeCloseTo(0.1 - 0.21, 9);
    const point = attemptOf(
      SCENE,
      [{ description: 'move it', expect: { near: ['red_block', [0.2, 0.1], 0.02] } }],
      [{ label: 'subgoal-0', reason: 'subgoal-end', subgoal: 0, snapshot: off }],
    );
    const dp = diagnose(point, monitor.inspectSync(point));
    expect(dp.offset).toMatchObject({ target: '[0.20, 0.10]', targetKind: 'point', point: [0.2, 0.1] });
    expect(dp.offset!.dx).toBeCloseTo(-0.05, 9);
    expect(dp.offset!.dy).toBeCloseTo(0, 9);
  });

  it('reads no offset from a result without facts (a hand-made or model result)', () => {
    expect(placementOffset({ ok: false, detail: 'red_block is not on blue_block.' })).toBeNull();
    expect(placementOffset(null)).toBeNull();
  });

  it('diagnoses a syntax error with no checkpoint at all', () => {
    const attempt = attemptOf(SCENE, [], [], { kind: 'SyntaxError', message: 'unexpected token', line: 3 }, 'a\nb\npick(;\n');
    const d = diagnose(attempt, []);
    expect(d).toMatchObject({ kind: 'syntax', checkpoint: null, line: 3, error: { line: 3, source: 'pick(;' } });
    expect(d.text.split('\n').slice(0, 2)).toEqual([
      'Failure (syntax) at line 3, before any checkpoint.',
      'What went wrong: The program stopped with SyntaxError at line 3: unexpected token',
    ]);
    expect(d.text).toContain('  line 3: pick(;');
  });

  it('calls a dropped object a slipped grasp and a toppled one knocked over', () => {
    const s0 = initial();
    const held = edit(
      s0,
      { red_block: { position: [-0.15, 0.05, 0.12] } },
      { position: [-0.15, 0.05, 0.12], width: 0.04, holding: 'red_block' },
    );
    const fell = edit(held, { red_block: { position: [-0.05, 0.05, 0.02] } }, { holding: null });
    const attempt = attemptOf(SCENE, RED_ON_BLUE_SUBGOALS, [
      { label: 'subgoal-0', reason: 'subgoal-end', subgoal: 0, snapshot: held, calls: [{ call: 'pick', args: ['red_block'] }] },
      { label: 'moved', reason: 'manual', subgoal: 1, snapshot: fell, calls: [{ call: 'moveTo', args: [[0, 0, 0.15]] }] },
    ]);
    const d = diagnose(attempt, monitor.inspectSync(attempt));
    expect(d.kind).toBe('slipped-grasp');
    expect(d.sceneDiff!.text).toContain('red_block moved');
  });

  it('reports a wrong object moved when the held object is not the one expected', () => {
    const s0 = initial();
    const held = edit(
      s0,
      { purple_ball: { position: [-0.3, -0.12, 0.12] } },
      { position: [-0.3, -0.12, 0.12], width: 0.035, holding: 'purple_ball' },
    );
    const attempt = attemptOf(SCENE, RED_ON_BLUE_SUBGOALS, [
      { label: 'subgoal-0', reason: 'subgoal-end', subgoal: 0, snapshot: held, calls: [{ call: 'pick', args: ['purple_ball'] }] },
    ]);
    expect(diagnose(attempt, monitor.inspectSync(attempt)).kind).toBe('wrong-object-moved');
  });
});
