import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/index.ts';
import { blueBlock, grayTray, greenBowl, obj, redBlock, scene } from './scenes.ts';

describe('place', () => {
  it('puts the held block on another block', async () => {
    const world = await createWorld(scene(redBlock(0, 0), blueBlock(0.15, 0.05)));
    world.pick('red_block');
    world.place('blue_block');
    expect(world.evaluate({ on: ['red_block', 'blue_block'] })).toMatchObject({ ok: true });
    expect(world.getGripper().holding).toBe(null);
    expect(world.evaluate({ unmoved: ['blue_block', 0.01] }).ok).toBe(true);
    world.free();
  });

  it.each([
    { name: 'a bowl', container: greenBowl(-0.15, 0.05) },
    { name: 'a tray', container: grayTray(-0.15, -0.12) },
  ])('drops the held block inside $name', async ({ container }) => {
    const world = await createWorld(scene(redBlock(0.1, 0), container));
    world.pick('red_block');
    world.place(container.id);
    world.wait(0.3);
    expect(world.evaluate({ inside: ['red_block', container.id] })).toMatchObject({ ok: true });
    world.free();
  });

  it('puts a cylinder at a table position with an offset', async () => {
    const world = await createWorld(scene(obj('can', 'cylinder', [0.04, 0.04, 0.06], 0, 0)));
    world.pick('can');
    world.place([0.2, -0.1], { offset: [0.02, 0] });
    const p = world.getPose('can').position;
    expect(p[0]).toBeCloseTo(0.22, 2);
    expect(p[1]).toBeCloseTo(-0.1, 2);
    expect(world.evaluate({ upright: 'can' }).ok).toBe(true);
    world.free();
  });

  it('turns the held block to the requested yaw', async () => {
    const world = await createWorld(scene(redBlock(0, 0, { size: [0.03, 0.05, 0.04] })));
    world.pick('red_block');
    world.place([0.1, 0.1], { yaw: 0.5 });
    expect(world.getPose('red_block').yaw).toBeCloseTo(0.5, 1);
    world.free();
  });

  it('goes home afterwards with the fingers pointing down', async () => {
    const world = await createWorld(scene(redBlock(0.1, 0.1)));
    world.pick('red_block', { approach: 'side' });
    world.place([0, 0]);
    world.home();
    expect(world.getGripper()).toMatchObject({ position: [0, -0.15, 0.3], yaw: 0, holding: null });
    expect(world.snapshot().gripper.approach).toBe('top');
    world.free();
  });

  it('needs a held object', async () => {
    const world = await createWorld(scene(redBlock()));
    expect(() => world.place([0.1, 0.1])).toThrowError('Cannot place: the gripper is not holding anything; pick an object first.');
    expect(() => world.place([0.1, 0.1])).toThrowError(expect.objectContaining({ name: 'GraspError', cause: 'not-holding' }));
    world.free();
  });
});

describe('push', () => {
  it.each([
    { direction: [1, 0] as [number, number], distance: 0.1 },
    { direction: [0, 1] as [number, number], distance: 0.08 },
    { direction: [-1, -1] as [number, number], distance: 0.06 },
  ])('moves a block about $distance m along $direction', async ({ direction, distance }) => {
    const world = await createWorld(scene(redBlock(0, 0)));
    world.push('red_block', direction, distance);
    const p = world.getPose('red_block').position;
    const n = Math.hypot(direction[0], direction[1]);
    const along = (p[0] * direction[0] + p[1] * direction[1]) / n;
    expect(along).toBeGreaterThan(distance - 0.01);
    expect(along).toBeLessThan(distance + 0.01);
    expect(world.evaluate({ onTable: 'red_block' }).ok).toBe(true);
    world.free();
  });
});
