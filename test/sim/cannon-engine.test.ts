// The cannon-es engine (issue 17): each primitive and container behaves as on Rapier
// within stated tolerances, the grasp holds and slips honestly (cannon-grip.ts), and
// snapshots replay the same future bit for bit.

import { describe, expect, it } from 'vitest';
import { createWorld, type EngineName, GRIP, type ObjectSpec, type SimWorld, type Snapshot } from '../../sim/index.ts';
import { grayTray, greenBowl, obj, redBlock, scene } from './scenes.ts';

const ENGINES: EngineName[] = ['rapier', 'cannon'];

/** Runs `act` on a world of each engine; returns what each gave. */
async function onBoth<T>(objects: ObjectSpec[], act: (w: SimWorld) => T): Promise<Record<EngineName, T>> {
  const out = {} as Record<EngineName, T>;
  for (const engine of ENGINES) {
    const w = await createWorld(scene(...objects), { engine });
    try {
      out[engine] = act(w);
    } finally {
      w.free();
    }
  }
  return out;
}

/** Every float of a snapshot's object states and gripper, in order. */
function stateBits(s: Snapshot): Float64Array {
  const xs: number[] = [];
  for (const id of Object.keys(s.objects).sort()) {
    const o = s.objects[id]!;
    xs.push(...o.position, ...o.quaternion, ...o.linvel, ...o.angvel);
  }
  xs.push(...s.gripper.position, s.gripper.width, s.step);
  return new Float64Array(xs);
}

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
}

const primitives: { name: string; spec: ObjectSpec }[] = [
  { name: 'a box', spec: redBlock(0.05, 0.05) },
  { name: 'a cylinder', spec: obj('can', 'cylinder', [0.04, 0.04, 0.07], -0.1, 0.15) },
  { name: 'a sphere', spec: obj('ball', 'sphere', [0.045, 0.045, 0.045], 0.1, -0.1) },
  { name: 'a bowl', spec: greenBowl(-0.2, 0.05) },
  { name: 'a tray', spec: grayTray(0.2, -0.15) },
];

describe('cannon-es: objects at rest', () => {
  it.each(primitives)('$name rests on the table at the height it does on Rapier (≤ 2 mm) and stays put', async ({ spec }) => {
    const r = await onBoth([spec], (w) => {
      w.wait(1);
      return w.getPose(spec.id).position;
    });
    expect(Math.abs(r.cannon[2] - r.rapier[2])).toBeLessThanOrEqual(0.002);
    expect(Math.abs(r.cannon[2] - spec.position[2])).toBeLessThanOrEqual(0.002);
    expect(Math.hypot(r.cannon[0] - spec.position[0], r.cannon[1] - spec.position[1])).toBeLessThanOrEqual(0.001);
  });

  it.each([
    { name: 'a bowl', container: greenBowl(-0.1, 0.05) },
    { name: 'a tray', container: grayTray(-0.1, 0.05) },
  ])('a block dropped from 10 cm into $name ends inside it', async ({ container }) => {
    const block = redBlock(-0.1, 0.05, { position: [-0.1, 0.05, 0.12] });
    const r = await onBoth([container, block], (w) => {
      w.wait(1.5);
      return w.evaluate({ inside: ['red_block', container.id] }).ok;
    });
    expect(r).toEqual({ rapier: true, cannon: true });
  });
});

describe('cannon-es: push', () => {
  it.each(primitives.slice(0, 3))('push moves $name 15 cm as on Rapier (within 1 cm)', async ({ spec }) => {
    const r = await onBoth([spec], (w) => {
      const p0 = w.getPose(spec.id).position;
      w.push(spec.id, [1, 0], 0.15);
      w.wait(1);
      const p = w.getPose(spec.id).position;
      return Math.hypot(p[0] - p0[0], p[1] - p0[1]);
    });
    expect(Math.abs(r.cannon - r.rapier)).toBeLessThanOrEqual(0.01);
    expect(r.cannon).toBeGreaterThan(0.14);
  });
});

describe('cannon-es: the grasp holds by a friction-limited constraint', () => {
  it.each(primitives.slice(0, 3))('lifts $name 10 cm and carries it: held', async ({ spec }) => {
    const world = await createWorld(scene(spec), { engine: 'cannon' });
    const z0 = world.getPose(spec.id).position[2];
    world.pick(spec.id);
    expect(world.getPose(spec.id).position[2] - z0).toBeGreaterThan(0.09);
    world.moveTo([0.2, 0.1, 0.2]);
    world.moveTo([-0.15, -0.1, 0.15]);
    expect(world.getGripper().holding).toBe(spec.id);
    expect(world.evaluate({ grasped: spec.id }).ok).toBe(true);
    world.place([-0.15, -0.1]);
    expect(world.evaluate({ near: [spec.id, [-0.15, -0.1], 0.01] }).ok).toBe(true);
    world.free();
  });

  it('holds a rod gripped over its heavy end (the squeezed object stays centred between the pads)', async () => {
    const rod = obj('rod', 'box', [0.19, 0.03, 0.03], 0, 0, { mass: 0.12, comOffset: [-0.06, 0, 0] });
    const world = await createWorld(scene(rod), { engine: 'cannon' });
    world.moveTo([-0.06, 0, 0.2], { yaw: Math.PI / 2 });
    world.moveTo([-0.06, 0, 0.01]);
    expect(world.closeGripper()).toBe('rod');
    world.moveTo([-0.06, 0, 0.2]);
    expect(world.getGripper().holding).toBe('rod');
    expect(world.getPose('rod').position[2]).toBeGreaterThan(0.19);
    world.free();
  });

  it('holds a light block through a shake (±5 cm at 1 m/s)', async () => {
    const world = await createWorld(scene(redBlock()), { engine: 'cannon' });
    world.pick('red_block');
    for (let k = 0; k < 4; k++) {
      world.moveTo([0.05, 0, 0.12], { speed: 1 });
      world.moveTo([-0.05, 0, 0.12], { speed: 1 });
    }
    expect(world.getGripper().holding).toBe('red_block');
    world.free();
  });

  const slips: { name: string; spec: ObjectSpec; squeeze?: number }[] = [
    { name: 'a slippery block (μ 0.05)', spec: redBlock(0, 0, { friction: 0.05 }) },
    { name: 'a heavy block (3 kg, μ 0.5: friction carries 8 N)', spec: redBlock(0, 0, { mass: 3 }) },
    { name: 'a block gripped with zero squeeze', spec: redBlock(), squeeze: 0 },
    { name: 'a fixed block', spec: redBlock(0, 0, { fixed: true }) },
  ];
  it.each(slips)('$name slips out while lifting: detected, not held', async ({ spec, squeeze }) => {
    const world = await createWorld(scene(spec), { engine: 'cannon', ...(squeeze !== undefined ? { squeeze } : {}) });
    const error = thrown(() => world.pick(spec.id));
    expect(error).toMatchObject({ name: 'GraspError', objects: [spec.id], cause: 'slipped' });
    expect((error as Error).message).toMatch(/^red_block slipped out of the grasp while lifting/);
    expect(world.getGripper().holding).toBe(null);
    world.wait(0.5);
    expect(world.evaluate({ onTable: spec.id }).ok).toBe(true);
    world.free();
  });

  it.each([
    { mass: 0.6, held: true },
    { mass: 0.9, held: false },
  ])('the limit is friction × squeeze: μ 0.5 at 1 mm per finger carries 8 N, so $mass kg held: $held', async ({ mass, held }) => {
    // Weights 5.9 N and 8.8 N against μ·2F = 0.5 × 2 × 8 N.
    expect(0.5 * 2 * Math.min(GRIP.stiffness * 0.001, GRIP.maxFingerForce)).toBeCloseTo(8, 9);
    const world = await createWorld(scene(redBlock(0, 0, { mass })), { engine: 'cannon' });
    const error = thrown(() => world.pick('red_block'));
    expect(error === null).toBe(held);
    expect(world.getGripper().holding).toBe(held ? 'red_block' : null);
    world.free();
  });

  it('the same heavy block lifts on Rapier (mass alone does not stop its friction grasp)', async () => {
    const world = await createWorld(scene(redBlock(0, 0, { mass: 3 })), { engine: 'rapier' });
    world.pick('red_block');
    expect(world.getGripper().holding).toBe('red_block');
    world.free();
  });
});

describe('cannon-es: determinism', () => {
  const objects = () => [redBlock(0, 0), obj('ball', 'sphere', [0.045, 0.045, 0.045], 0.12, 0.05), greenBowl(-0.15, 0.05)];

  it('two fresh worlds run the same program to the same bits', async () => {
    const run = async () => {
      const w = await createWorld(scene(...objects()), { engine: 'cannon' });
      w.pick('red_block');
      w.place('green_bowl');
      w.push('ball', [0, 1], 0.05);
      const s = stateBits(w.snapshot());
      w.free();
      return s;
    };
    expect(await run()).toEqual(await run());
  });

  it('a restored snapshot replays the same future bit for bit (holding, sleeping bodies, constraint state)', async () => {
    const w = await createWorld(scene(...objects()), { engine: 'cannon' });
    w.pick('red_block');
    w.moveTo([0.05, 0.1, 0.15]);
    const snap = w.snapshot();
    expect(snap.gripper.holding).toBe('red_block');
    const future = () => {
      w.moveTo([-0.15, 0.05, 0.15]);
      w.place('green_bowl');
      w.push('ball', [0, 1], 0.05);
      return stateBits(w.snapshot());
    };
    const first = future();
    w.restore(snap);
    expect(stateBits(w.snapshot())).toEqual(stateBits(snap));
    const second = future();
    expect(new Uint8Array(second.buffer)).toEqual(new Uint8Array(first.buffer));
    expect(w.evaluate({ inside: ['red_block', 'green_bowl'] }).ok).toBe(true);
    w.free();
  });

  it('refuses an unknown engine with one line naming it', async () => {
    await expect(createWorld(scene(redBlock()), { engine: 'bullet' as EngineName })).rejects.toThrow(
      'Unknown physics engine "bullet"; engines are "rapier" and "cannon".',
    );
  });
});
