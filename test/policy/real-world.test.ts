import { describe, expect, it } from 'vitest';
import { runAttempt, traceToJSON } from '../../policy/program/index.ts';
import { createWorld, type SceneSpec } from '../../sim/index.ts';

const SCENE: SceneSpec = {
  objects: [
    { id: 'red_block', shape: 'box', color: 'red', size: [0.04, 0.04, 0.04], mass: 0.1, friction: 0.8, position: [-0.1, 0, 0.02], yaw: 0 },
    {
      id: 'blue_block',
      shape: 'box',
      color: 'blue',
      size: [0.05, 0.05, 0.05],
      mass: 0.2,
      friction: 0.8,
      position: [0.1, 0.05, 0.025],
      yaw: 0.3,
    },
  ],
  zones: [],
};

const PROGRAM = `subgoal('grasp the red block', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal('put it on the blue block', { expect: { on: ['red_block', 'blue_block'] } });
place('blue_block');
home();`;

describe('runAttempt on the real (Rapier) world', () => {
  it('runs a pick-and-place program to success, deterministically', async () => {
    const run = async () => {
      const world = await createWorld(structuredClone(SCENE));
      try {
        const out = await runAttempt({ world, program: PROGRAM, timeLimitSec: 60 });
        return { out, on: world.evaluate({ on: ['red_block', 'blue_block'] }) };
      } finally {
        world.free();
      }
    };
    const a = await run();
    expect(a.out.error).toBeNull();
    expect(a.on.ok).toBe(true);
    expect(a.out.apiCalls).toBe(5);
    expect(a.out.trace.events.filter((e) => e.type === 'call').map((e) => [e.type === 'call' && e.call, e.line])).toEqual([
      ['pick', 2],
      ['place', 4],
      ['home', 5],
    ]);
    expect(a.out.trace.checkpoints.map((c) => c.label)).toEqual(['pick-red_block', 'subgoal-0', 'place-blue_block', 'subgoal-1', 'end']);
    const pick = a.out.trace.events[1]!;
    expect(pick).toMatchObject({ call: 'pick', gripper: { holding: 'red_block', approach: 'top' } });
    const b = await run();
    expect(JSON.stringify(traceToJSON(b.out.trace))).toBe(JSON.stringify(traceToJSON(a.out.trace)));
  });
});
