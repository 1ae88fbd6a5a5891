// The world is built from the hidden truth of a scene (size, mass, friction, comOffset,
// fixed, innerSize), not from what the task states: each case runs the same actions on the
// true scene and on the stated one (statedScene) and expects them to differ the way the
// truth says.

import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { buildSceneRig } from '../../monitor/render/scene-builder.ts';
import { containerInterior, createWorld, GraspError, objectParts, statedScene } from '../../sim/index.ts';
import type { ObjectSpec, Quat, SceneSpec } from '../../sim/index.ts';
import { instantiateScene, parseTask } from '../../tasks/index.ts';
import { obj, scene } from './scenes.ts';

/** Tilt of an object's up axis from vertical (degrees). */
function tilt(q: Quat): number {
  const c = 1 - 2 * (q[0] ** 2 + q[1] ** 2);
  return (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
}

/** Runs `act` on a fresh world of `spec` and returns what it threw (or null) and the world for inspection. */
async function attempt(spec: SceneSpec, act: (w: Awaited<ReturnType<typeof createWorld>>) => void) {
  const world = await createWorld(spec);
  let error: unknown = null;
  try {
    act(world);
  } catch (e) {
    error = e;
  }
  return { world, error };
}

describe('hidden friction: a slippery tall can, stated as ordinary', () => {
  // Built through a task file, so the truth and the stated value come from `hidden`.
  const task = parseTask(
    {
      id: 'slippery_can',
      instruction: 'Lift the blue can.',
      scene: {
        objects: [
          {
            id: 'blue_can',
            shape: 'cylinder',
            size: [0.04, 0.04, 0.14],
            color: 'blue',
            position: [0.05, 0.05],
            mass: 0.15,
            hidden: { friction: 0.05 },
          },
        ],
      },
      success: { above: ['blue_can', 0.05] },
      reference: "pick('blue_can', { approach: 'side' });",
    },
    '<inline>',
  );
  const truth = instantiateScene(task, 0);

  it('the scene carries the truth, the stated scene the told friction', () => {
    expect(truth.objects[0]).toMatchObject({ friction: 0.05, stated: { friction: 0.8 } });
    expect(statedScene(truth).objects[0]!.friction).toBe(0.8);
  });

  it('slips out of a top grasp in the true world, where the stated friction would hold it', async () => {
    const real = await attempt(truth, (w) => w.pick('blue_can'));
    expect(real.error).toBeInstanceOf(GraspError);
    expect((real.error as GraspError).cause).toBe('slipped');
    expect(real.world.getGripper().holding).toBeNull();
    real.world.free();

    const told = await attempt(statedScene(truth), (w) => w.pick('blue_can'));
    expect(told.error).toBeNull();
    expect(told.world.getGripper().holding).toBe('blue_can');
    told.world.free();
  });

  it('a side grasp holds it in the true world', async () => {
    const real = await attempt(truth, (w) => {
      w.pick('blue_can', { approach: 'side' });
      w.moveBy([0.1, 0, 0]);
    });
    expect(real.error).toBeNull();
    expect(real.world.getGripper().holding).toBe('blue_can');
    expect(real.world.evaluate({ above: ['blue_can', 0.05] }).ok).toBe(true);
    real.world.free();
  });
});

describe('fixed: an object that cannot be lifted, only pushed', () => {
  const heavy = (fixed: boolean): SceneSpec =>
    scene(obj('red_block', 'box', [0.04, 0.04, 0.04], 0.05, 0.05, { friction: 0.8, mass: 2, ...(fixed ? { fixed: true } : {}) }));

  it.each(['top', 'side'] as const)(
    'a %s grasp fails to lift it: the slip check reports it, the block stays on the table',
    async (approach) => {
      const { world, error } = await attempt(heavy(true), (w) => w.pick('red_block', { approach }));
      expect(error).toBeInstanceOf(GraspError);
      expect((error as GraspError).cause).toBe('slipped');
      expect((error as Error).message).toMatch(/red_block slipped out of the grasp while lifting/);
      expect(world.getGripper().holding).toBeNull();
      const p = world.getPose('red_block');
      expect(p.position[2]).toBeCloseTo(0.02, 3);
      expect(tilt(p.quaternion)).toBeLessThan(0.5);
      expect(world.evaluate({ onTable: 'red_block' }).ok).toBe(true);
      world.free();
    },
  );

  it('stays unliftable after a snapshot is restored', async () => {
    const world = await createWorld(heavy(true));
    const snap = world.snapshot();
    world.push('red_block', [1, 0], 0.05);
    world.restore(snap);
    expect(() => world.pick('red_block')).toThrowError(/red_block slipped out of the grasp while lifting/);
    expect(world.getPose('red_block').position[2]).toBeCloseTo(0.02, 3);
    world.free();
  });

  it('the same block without fixed is lifted (mass alone does not stop the friction grasp)', async () => {
    const { world, error } = await attempt(heavy(false), (w) => w.pick('red_block'));
    expect(error).toBeNull();
    expect(world.getGripper().holding).toBe('red_block');
    world.free();
  });

  it('push slides it as far as an ordinary block and it stays where it is left', async () => {
    const ends: number[][] = [];
    for (const fixed of [true, false]) {
      const { world, error } = await attempt(heavy(fixed), (w) => w.push('red_block', [1, 0.3], 0.1));
      expect(error).toBeNull();
      const after = world.getPose('red_block').position;
      world.wait(1);
      const later = world.getPose('red_block').position;
      expect(Math.hypot(later[0] - after[0], later[1] - after[1])).toBeLessThan(0.002);
      expect(later[2]).toBeCloseTo(0.02, 3);
      ends.push(later);
      world.free();
    }
    const [fixedEnd, freeEnd] = ends as [number[], number[]];
    // 10 cm along [1, 0.3] from (0.05, 0.05).
    expect(Math.hypot(fixedEnd[0]! - 0.05, fixedEnd[1]! - 0.05)).toBeGreaterThan(0.085);
    expect(Math.hypot(fixedEnd[0]! - freeEnd[0]!, fixedEnd[1]! - freeEnd[1]!)).toBeLessThan(0.005);
  });

  it('a fixed cylinder slides along the push too (not sideways)', async () => {
    const drum = scene(obj('drum', 'cylinder', [0.06, 0.06, 0.07], 0.06, -0.14, { friction: 0.5, mass: 0.5, fixed: true }));
    const { world, error } = await attempt(drum, (w) => w.push('drum', [0, 1], 0.2));
    expect(error).toBeNull();
    const end = world.getPose('drum').position;
    expect(Math.abs(end[0] - 0.06)).toBeLessThan(0.005);
    expect(end[1] + 0.14).toBeGreaterThan(0.18);
    world.free();
  });

  it('carries what is put on it', async () => {
    const blue = obj('blue_block', 'box', [0.04, 0.04, 0.04], 0.15, -0.05, { color: 'blue', friction: 0.8 });
    const s = scene(obj('red_block', 'box', [0.05, 0.05, 0.05], 0.0, 0.05, { friction: 0.8, fixed: true }), blue);
    const { world, error } = await attempt(s, (w) => {
      w.pick('blue_block');
      w.place('red_block');
      w.wait(1);
    });
    expect(error).toBeNull();
    expect(world.evaluate({ on: ['blue_block', 'red_block'] }).ok).toBe(true);
    world.free();
  });
});

describe('comOffset: an off-centre mass', () => {
  // A 12 cm bar set down centred on a 3 cm pedestal balances only if its mass is centred.
  const bar = (com?: [number, number, number]): SceneSpec =>
    scene(
      obj('pedestal', 'box', [0.03, 0.03, 0.06], 0.0, 0.1, { color: 'blue', friction: 0.8 }),
      obj('bar', 'box', [0.12, 0.03, 0.03], 0.15, -0.05, { friction: 0.8, ...(com ? { comOffset: com } : {}) }),
    );
  const setDown = (w: Awaited<ReturnType<typeof createWorld>>) => {
    w.pick('bar');
    w.place('pedestal');
    w.wait(1.5);
  };

  it('a bar balanced by its shape tips off the pedestal when its mass sits towards one end', async () => {
    const even = await attempt(bar(), setDown);
    expect(even.error).toBeNull();
    expect(even.world.evaluate({ on: ['bar', 'pedestal'] }).ok).toBe(true);
    expect(tilt(even.world.getPose('bar').quaternion)).toBeLessThan(2);
    even.world.free();

    const heavyEnd = await attempt(bar([0.03, 0, 0]), setDown);
    expect(heavyEnd.error).toBeNull();
    expect(heavyEnd.world.evaluate({ on: ['bar', 'pedestal'] }).ok).toBe(false);
    // It fell towards its heavy (+x) end, onto the table.
    const p = heavyEnd.world.getPose('bar').position;
    expect(p[0]).toBeGreaterThan(0.05);
    expect(p[2]).toBeLessThan(0.04);
    heavyEnd.world.free();
  });

  it('an offset that stays inside the footprint keeps an object standing where it starts', async () => {
    const s = scene(obj('red_block', 'box', [0.04, 0.04, 0.04], 0.05, 0.05, { comOffset: [0.015, 0.01, 0.01] }));
    const { world } = await attempt(s, (w) => w.wait(1));
    expect(tilt(world.getPose('red_block').quaternion)).toBeLessThan(0.5);
    expect(world.evaluate({ unmoved: ['red_block', 0.002] }).ok).toBe(true);
    world.free();
  });
});

describe('innerSize: a tray whose usable inside is smaller than stated', () => {
  const tray = (inner?: [number, number]): ObjectSpec =>
    obj('tray', 'tray', [0.2, 0.15, 0.03], -0.1, 0.05, { color: 'gray', mass: 0.3, ...(inner ? { innerSize: inner } : {}) });
  const withCube = (inner?: [number, number]): SceneSpec =>
    scene(tray(inner), obj('cube', 'box', [0.03, 0.03, 0.03], 0.15, -0.1, { friction: 0.8 }));

  it('containerInterior reports the true inside, with thicker walls', () => {
    const told = containerInterior(tray())!;
    const truth = containerInterior(tray([0.12, 0.1]))!;
    expect(told.kind === 'tray' && truth.kind === 'tray').toBe(true);
    if (told.kind !== 'tray' || truth.kind !== 'tray') return;
    expect(told.innerHalf[0]).toBeCloseTo(0.094, 6);
    expect(truth.innerHalf[0]).toBeCloseTo(0.06, 9);
    expect(truth.innerHalf[1]).toBeCloseTo(0.05, 9);
    expect(truth.walls[0]).toBeCloseTo(0.04, 9);
    expect(truth.walls[1]).toBeCloseTo(0.025, 9);
    expect(truth.floor).toBe(told.floor);
  });

  it('a cube set down 7 cm off centre lands on the thick wall, and `inside` agrees with the walls', async () => {
    const place = (w: Awaited<ReturnType<typeof createWorld>>) => {
      w.pick('cube');
      w.place('tray', { offset: [0.07, 0] });
      w.wait(1);
    };
    const told = await attempt(withCube(), place);
    expect(told.error).toBeNull();
    expect(told.world.evaluate({ inside: ['cube', 'tray'] }).ok).toBe(true);
    expect(told.world.getBBox('cube').min[2]).toBeLessThan(0.006);
    told.world.free();

    const real = await attempt(withCube([0.12, 0.1]), place);
    expect(real.error).toBeNull();
    const inside = real.world.evaluate({ inside: ['cube', 'tray'] });
    expect(inside.ok).toBe(false);
    expect(inside.detail).toMatch(/not inside tray/);
    // Resting on the top of the wall, not on the floor.
    expect(real.world.getBBox('cube').min[2]).toBeGreaterThan(0.025);
    real.world.free();
  });

  it('the renderer draws the same walls the physics builds', () => {
    const t = tray([0.12, 0.1]);
    /** Inner faces of the walls (m from the centre along x and y) of a set of axis-aligned boxes above the floor. */
    const innerFaces = (boxes: { center: number[]; half: number[] }[]) => {
      const walls = boxes.filter((b) => b.center[2]! > -0.01);
      const x = Math.min(...walls.filter((b) => Math.abs(b.center[0]!) > 0.01).map((b) => Math.abs(b.center[0]!) - b.half[0]!));
      const y = Math.min(...walls.filter((b) => Math.abs(b.center[1]!) > 0.01).map((b) => Math.abs(b.center[1]!) - b.half[1]!));
      return [x, y];
    };
    const physics = objectParts(t).map((p) => ({
      center: p.position ?? [0, 0, 0],
      half: p.shape.type === 'box' ? p.shape.halfExtents : [0, 0, 0],
    }));
    const rig = buildSceneRig(scene(t));
    const drawn = (rig.objects.get('tray')!.children as THREE.Mesh[]).map((m) => {
      m.geometry.computeBoundingBox();
      const size = m.geometry.boundingBox!.getSize(new THREE.Vector3());
      return { center: m.position.toArray(), half: size.multiplyScalar(0.5).toArray() };
    });
    rig.dispose();
    const [px, py] = innerFaces(physics);
    const [dx, dy] = innerFaces(drawn);
    expect(px).toBeCloseTo(0.06, 6);
    expect(py).toBeCloseTo(0.05, 6);
    expect(dx).toBeCloseTo(px!, 6);
    expect(dy).toBeCloseTo(py!, 6);
  });

  it('the centre of the true inside still takes the cube', async () => {
    const { world, error } = await attempt(withCube([0.12, 0.1]), (w) => {
      w.pick('cube');
      w.place('tray');
      w.wait(1);
    });
    expect(error).toBeNull();
    expect(world.evaluate({ inside: ['cube', 'tray'] }).ok).toBe(true);
    world.free();
  });

  it('a bowl with a true inner diameter has thicker walls in the world too', async () => {
    const bowl = (inner?: [number, number]) =>
      obj('bowl', 'bowl', [0.14, 0.14, 0.05], -0.1, 0.05, { color: 'green', mass: 0.3, ...(inner ? { innerSize: inner } : {}) });
    const b = containerInterior(bowl([0.08, 0.08]))!;
    expect(b.kind === 'bowl' && b.innerRadius).toBeCloseTo(0.04, 9);
    const place = (w: Awaited<ReturnType<typeof createWorld>>) => {
      w.pick('cube');
      w.place('bowl', { offset: [0.045, 0] });
      w.wait(1);
    };
    const cube = obj('cube', 'box', [0.03, 0.03, 0.03], 0.15, -0.1, { friction: 0.8 });
    const told = await attempt(scene(bowl(), cube), place);
    expect(told.world.evaluate({ inside: ['cube', 'bowl'] }).ok).toBe(true);
    told.world.free();
    const real = await attempt(scene(bowl([0.08, 0.08]), cube), place);
    expect(real.world.evaluate({ inside: ['cube', 'bowl'] }).ok).toBe(false);
    expect(real.world.getBBox('cube').min[2]).toBeGreaterThan(0.02);
    real.world.free();
  });
});

describe('hidden size: the world has the true extents', () => {
  it('a can stated 10 cm tall but truly 14 cm stands 14 cm tall', async () => {
    const s = scene(obj('can', 'cylinder', [0.04, 0.04, 0.14], 0.05, 0.05, { stated: { size: [0.04, 0.04, 0.1] } }));
    const { world } = await attempt(s, (w) => w.wait(0.2));
    expect(world.getBBox('can').max[2]).toBeCloseTo(0.14, 3);
    expect(statedScene(s).objects[0]!.size).toEqual([0.04, 0.04, 0.1]);
    world.free();
  });
});
