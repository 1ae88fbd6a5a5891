// Each motion call lists the objects it moved (CallEvent.moved, from poses just before
// and after it), and the diagnosis of a later failure names the call that shoved an
// object: the real world, sandbox and state monitor.
import { describe, expect, it } from 'vitest';
import { diagnose, StateMonitor } from '../../monitor/index.ts';
import { runAttempt } from '../../policy/program/attempt.ts';
import { createWorld, MOVED_DISTANCE_MIN, MOVED_ROTATION_MIN_DEG } from '../../sim/index.ts';
import type { AttemptData, CallEvent, SceneSpec } from '../../sim/index.ts';
import { sceneObject } from '../helpers/scene-objects.ts';

const SCENE: SceneSpec = {
  objects: [
    sceneObject('red_block', 'box', 0.04, { color: 'red', at: [-0.1, 0] }),
    sceneObject('blue_block', 'box', 0.05, { color: 'blue', at: [0, 0] }),
    sceneObject('green_block', 'box', 0.04, { color: 'green', at: [0, -0.15] }),
  ],
  zones: [],
};

// Line 3 pushes red_block into blue_block (the subgoal names the blue block, so no
// checkpoint objects); line 9 then puts green_block where blue_block was at the start.
const PROGRAM = `const blue = getObject('blue_block').position;
subgoal('push the red block up to the blue block', { expect: { near: ['red_block', 'blue_block', 0.1] } });
push('red_block', [1, 0], 0.1);

subgoal('pick up the green block', { expect: { grasped: 'green_block' } });
pick('green_block');

subgoal('put the green block on the blue block', { expect: { on: ['green_block', 'blue_block'] } });
place([blue[0], blue[1]]);
`;

async function run(): Promise<AttemptData> {
  const world = await createWorld(SCENE);
  try {
    const out = await runAttempt({ world, program: PROGRAM });
    return { scene: SCENE, instruction: 'Put the green block on the blue block.', program: PROGRAM, trace: out.trace, error: out.error };
  } finally {
    world.free();
  }
}

const callsOf = (a: AttemptData): CallEvent[] => a.trace.events.filter((e): e is CallEvent => e.type === 'call');

describe('objects moved by each call', () => {
  it('lists what each motion moved, marking the object it was meant to move', async () => {
    const attempt = await run();
    const calls = callsOf(attempt);
    const get = calls.find((c) => c.call === 'getObject')!;
    expect(get.moved).toBeUndefined();
    const push = calls.find((c) => c.call === 'push')!;
    expect(push.moved!.map((m) => [m.id, m.intended])).toEqual([
      ['red_block', true],
      ['blue_block', false],
    ]);
    const red = push.moved![0]!,
      blue = push.moved![1]!;
    expect(red.distance).toBeGreaterThan(0.08);
    expect(blue.distance).toBeGreaterThan(0.03);
    expect(blue.delta[0]).toBeGreaterThan(0.03); // shoved toward +x, the push direction
    expect(blue.distance).toBeCloseTo(Math.hypot(...blue.delta), 12);
    expect(blue.toppled).toBe(false);
    const pick = calls.find((c) => c.call === 'pick')!;
    expect(pick.moved!.find((m) => m.id === 'green_block')).toMatchObject({ intended: true, toppled: false });
    // Nothing below the thresholds is listed.
    for (const c of calls)
      for (const m of c.moved ?? []) expect(m.distance >= MOVED_DISTANCE_MIN || m.rotationDeg >= MOVED_ROTATION_MIN_DEG).toBe(true);
    // Deterministic: the same program on the same scene records the same moves, bit for bit.
    const again = await run();
    expect(JSON.stringify(callsOf(again).map((c) => c.moved ?? null))).toBe(JSON.stringify(calls.map((c) => c.moved ?? null)));
  });

  it('names the push that shoved blue_block when a later checkpoint fails', async () => {
    const attempt = await run();
    const verdicts = new StateMonitor().inspectSync(attempt);
    const d = diagnose(attempt, verdicts);
    const pushCheckpoint = attempt.trace.checkpoints.find((c) => c.label.startsWith('push-'))!;
    // The failure is found two subgoals later.
    expect(d.checkpoint).toBeGreaterThan(pushCheckpoint.index);
    expect(d.subgoal!.index).toBe(2);
    const shove = d.facts.disturbances.find((x) => x.object === 'blue_block' && x.by.call === 'push');
    expect(shove).toMatchObject({ by: { call: 'push', line: 3, source: "push('red_block', [1, 0], 0.1);" }, relevant: true });
    expect(d.text).toMatch(/blue_block was pushed \d+\.\d cm toward \+x by push\(\) at line 3/);
  });
});
