import { describe, expect, it } from 'vitest';
import { createWorld, PolicyError } from '../../sim/index.ts';
import { blueBlock, redBlock, scene } from './scenes.ts';

function thrown(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PolicyError) return e;
    throw e;
  }
  throw new Error('expected a PolicyError, nothing was thrown');
}

describe('errors of the program API', () => {
  it('stops and throws CollisionError when the gripper is driven into the table', async () => {
    const world = await createWorld(scene(redBlock(0.1, 0.1)));
    world.pick('red_block', { approach: 'side' });
    const e = thrown(() => world.moveTo([0.1, 0.1, 0.005]));
    expect(e.name).toBe('CollisionError');
    expect(e.cause).toBe('table');
    expect(e.message).toMatch(
      /^The gripper hit the table while moving to \[0\.1,0\.1,0\.005\]: at \[.*\] its lowest part would be \d\.\d cm below the table top, so it stopped at \[.*\]\.$/,
    );
    // It stopped above the table, palm (1.5 cm below the TCP in a side grasp) clear of it.
    expect(world.getGripper().position[2]).toBeGreaterThan(0.0135);
    world.free();
  });

  it.each([
    {
      call: 'moveTo',
      run: (w: Awaited<ReturnType<typeof createWorld>>) => w.moveTo([0.6, 0, 0.1]),
      message: 'moveTo target [0.600, 0.000, 0.100] is outside the workspace: x = 0.60 m is beyond the limit x ≤ 0.45 m.',
    },
    {
      call: 'moveBy',
      run: (w: Awaited<ReturnType<typeof createWorld>>) => w.moveBy([0, 0, -0.35]),
      message: 'moveBy target [0.000, -0.150, -0.050] is outside the workspace: z = -0.05 m is below the limit z ≥ 0.00 m.',
    },
    {
      call: 'pick',
      run: (w: Awaited<ReturnType<typeof createWorld>>) => w.pick('far_block'),
      message: 'The grasp point of far_block [0.480, 0.000, 0.010] is outside the workspace: x = 0.48 m is beyond the limit x ≤ 0.45 m.',
    },
  ])('throws ReachError with the coordinate and the limit for $call', async ({ run, message }) => {
    const world = await createWorld(scene(redBlock(), redBlock(0.48, 0, { id: 'far_block' })));
    const e = thrown(() => run(world));
    expect(e.name).toBe('ReachError');
    expect(e.message).toBe(message);
    expect(e.cause).toBeUndefined();
    world.free();
  });

  it.each([
    { call: 'pick', run: (w: Awaited<ReturnType<typeof createWorld>>) => w.pick('green_block') },
    { call: 'getPose', run: (w: Awaited<ReturnType<typeof createWorld>>) => w.getPose('green_block') },
    { call: 'distance', run: (w: Awaited<ReturnType<typeof createWorld>>) => w.distance('red_block', 'green_block') },
    { call: 'evaluate', run: (w: Awaited<ReturnType<typeof createWorld>>) => w.evaluate({ on: ['green_block', 'red_block'] }) },
  ])('throws UnknownObjectError naming the known ids from $call', async ({ run }) => {
    const world = await createWorld(scene(redBlock(), blueBlock()));
    const e = thrown(() => run(world));
    expect(e.name).toBe('UnknownObjectError');
    expect(e.message).toBe('There is no object named "green_block". Known objects: red_block, blue_block.');
    expect(e.objects).toEqual(['green_block']);
    world.free();
  });

  it.each([
    {
      what: 'a 2-D moveTo target',
      run: (w: Awaited<ReturnType<typeof createWorld>>) => w.moveTo([0.1, 0.2] as never),
      message: 'moveTo position must be [x, y, z] with finite numbers (metres), got [0.1,0.2].',
    },
    {
      what: 'a zero push direction',
      run: (w: Awaited<ReturnType<typeof createWorld>>) => w.push('red_block', [0, 0], 0.1),
      message: "push's direction [0,0] has zero length.",
    },
    {
      what: 'an unknown approach',
      run: (w: Awaited<ReturnType<typeof createWorld>>) => w.pick('red_block', { approach: 'bottom' as never }),
      message: 'pick\'s approach must be "top" or "side", got "bottom".',
    },
    {
      what: 'an unknown option',
      run: (w: Awaited<ReturnType<typeof createWorld>>) => w.pick('red_block', { lift: 0.1 } as never),
      message: 'pick has no option "lift"; it takes approach, liftHeight, speed.',
    },
    {
      what: 'a point only containers have',
      run: (w: Awaited<ReturnType<typeof createWorld>>) => w.getPoint('red_block', 'inside'),
      message: 'The point "inside" exists only for bowls and trays; red_block is a box.',
    },
  ])('throws ArgumentError for $what', async ({ run, message }) => {
    const world = await createWorld(scene(redBlock()));
    const e = thrown(() => run(world));
    expect(e.name).toBe('ArgumentError');
    expect(e.message).toBe(message);
    world.free();
  });

  it('throws TimeoutError when the simulated time budget runs out', async () => {
    const world = await createWorld(scene(redBlock()), { timeLimit: 1 });
    const e = thrown(() => world.pick('red_block'));
    expect(e.name).toBe('TimeoutError');
    expect(e.message).toBe('The time budget of 1 s of simulated time ran out at t = 1.00 s during pick("red_block").');
    expect(world.time).toBe(1);
    world.free();
  });

  it('refuses to pick a second object while holding one', async () => {
    const world = await createWorld(scene(redBlock(), blueBlock()));
    world.pick('red_block');
    const e = thrown(() => world.pick('blue_block'));
    expect(e.name).toBe('GraspError');
    expect(e.message).toBe('Cannot pick blue_block: the gripper is already holding red_block; place it first.');
    expect(e.cause).toBe('already-holding');
    world.free();
  });
});
