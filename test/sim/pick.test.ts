import { describe, expect, it } from 'vitest';
import { createWorld, GRIPPER, type ObjectSpec } from '../../sim/index.ts';
import { obj, redBlock, scene } from './scenes.ts';

const cases: { name: string; spec: ObjectSpec }[] = [
  { name: 'a box', spec: redBlock(0.05, 0.05) },
  { name: 'a cylinder', spec: obj('can', 'cylinder', [0.04, 0.04, 0.07], -0.1, 0.1) },
  { name: 'a sphere', spec: obj('ball', 'sphere', [0.045, 0.045, 0.045], 0.1, -0.1) },
  { name: 'a box turned by 30°', spec: redBlock(0, 0.1, { size: [0.03, 0.06, 0.04], yaw: Math.PI / 6 }) },
];

describe('pick from the top', () => {
  it.each(cases)('lifts $name by 10 cm and still holds it', async ({ spec }) => {
    const world = await createWorld(scene(spec));
    const z0 = world.getPose(spec.id).position[2];
    world.pick(spec.id);
    const g = world.getGripper();
    expect(g.holding).toBe(spec.id);
    expect(world.getPose(spec.id).position[2] - z0).toBeGreaterThan(0.09);
    expect(world.evaluate({ grasped: spec.id }).ok).toBe(true);
    expect(world.evaluate({ above: [spec.id, 0.09] }).ok).toBe(true);
    world.free();
  });

  it('grips a turned box across its narrow side, at the box yaw', async () => {
    const world = await createWorld(scene(redBlock(0, 0.1, { size: [0.03, 0.06, 0.04], yaw: Math.PI / 6 })));
    world.pick('red_block');
    const g = world.getGripper();
    expect(g.yaw).toBeCloseTo(Math.PI / 6, 2);
    expect(g.width).toBeLessThan(0.03);
    world.free();
  });
});

describe('pick from the side', () => {
  it('lifts a box with horizontal fingers and holds it', async () => {
    const world = await createWorld(scene(redBlock(0.1, 0.1)));
    world.pick('red_block', { approach: 'side' });
    expect(world.getGripper().holding).toBe('red_block');
    expect(world.getPose('red_block').position[2]).toBeGreaterThan(0.11);
    world.place([0.2, 0]);
    expect(world.evaluate({ onTable: 'red_block' }).ok).toBe(true);
    expect(world.evaluate({ near: ['red_block', [0.2, 0], 0.01] }).ok).toBe(true);
    world.free();
  });
});

describe('grasping by friction', () => {
  it('does not lift with zero squeeze: the block slips out', async () => {
    const world = await createWorld(scene(redBlock()), { squeeze: 0 });
    expect(() => world.pick('red_block')).toThrowError(/red_block slipped out of the grasp while lifting/);
    expect(world.getGripper().holding).toBe(null);
    world.free();
  });

  it('reports the slip when a slippery block falls during the lift', async () => {
    const world = await createWorld(scene(redBlock(0, 0, { friction: 0.05 })));
    let error: unknown;
    try {
      world.pick('red_block');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'GraspError', kind: 'GraspError', objects: ['red_block'], cause: 'slipped' });
    expect((error as Error).message).toMatch(/^red_block slipped out of the grasp while lifting, now \d+\.\d cm/);
    world.wait(0.5);
    expect(world.evaluate({ onTable: 'red_block' }).ok).toBe(true);
    world.free();
  });

  it('refuses an object wider than the opening', async () => {
    const world = await createWorld(scene(obj('wide', 'box', [0.1, 0.1, 0.03], 0, 0)));
    expect(() => world.pick('wide')).toThrowError(
      `wide is 10.0 cm wide across its narrowest side, too wide for the gripper's ${GRIPPER.maxOpening * 100}.0 cm opening.`,
    );
    expect(() => world.pick('wide')).toThrowError(expect.objectContaining({ cause: 'too-wide' }));
    world.free();
  });

  it('closeGripper returns the id between the fingers, or null', async () => {
    const world = await createWorld(scene(redBlock()));
    world.moveTo([0, 0, 0.01]);
    expect(world.closeGripper()).toBe('red_block');
    world.openGripper();
    expect(world.getGripper().holding).toBe(null);
    world.moveTo([0.2, 0, 0.05]);
    expect(world.closeGripper()).toBe(null);
    expect(world.getGripper().width).toBe(0);
    world.free();
  });
});
