// Perception modes exact and noisy (docs/architecture.md#perception): what the program's
// queries and the skills' plans come from. Determinism per (task, seed, attempt), the same
// numbers in the programmer's scene facts as in the program's queries, re-drawing after
// an object moves, stated sizes instead of hidden true ones, and actions that aim where
// perception believes the object is.
import { describe, expect, it } from 'vitest';
import { createWorld, quatAngleBetween, setPlanningView, type SceneSpec, type SimWorld } from '../../sim/index.ts';
import { getTask, instantiateScene } from '../../tasks/index.ts';
import { PerceivedWorld, REDRAW_DISTANCE } from '../../policy/program/perception.ts';
import {
  DEFAULT_PERCEPTION_NOISE,
  parsePerceptionLabel,
  parsePerceptionNoise,
  perceptionLabel,
} from '../../policy/program/perception-settings.ts';
import { perceive, programContext } from '../../policy/loop/episode.ts';
import { runAttempt } from '../../policy/program/index.ts';
import { renderSceneFacts, formatPosition } from '../../policy/programmers/prompts/index.ts';
import { StartRequestSchema } from '../../viewer/protocol.ts';

const task = getTask('stack_three');
const noisy = { settings: { mode: 'noisy' as const }, bridge: null };

/** A scene whose red block is stated 4 cm but truly 5.87 × 3.13 × 4 cm. */
function hiddenSizeScene(): SceneSpec {
  return {
    objects: [
      {
        id: 'red_block',
        shape: 'box',
        color: 'red',
        size: [0.0587, 0.0313, 0.04],
        mass: 0.1,
        friction: 0.8,
        position: [0.1, 0.05, 0.02],
        yaw: 0,
        stated: { size: [0.04, 0.04, 0.04] },
      },
      {
        id: 'blue_block',
        shape: 'box',
        color: 'blue',
        size: [0.04, 0.04, 0.04],
        mass: 0.1,
        friction: 0.8,
        position: [-0.1, 0, 0.02],
        yaw: 0,
      },
    ],
    zones: [],
  };
}

async function withWorld<T>(scene: SceneSpec, fn: (w: SimWorld) => T | Promise<T>): Promise<T> {
  const w = await createWorld(scene);
  try {
    return await fn(w);
  } finally {
    w.free();
  }
}

describe('perception settings', () => {
  it('parse "m,deg" and reject bad values with one line naming the option', () => {
    expect(parsePerceptionNoise('0.02,5')).toEqual({ position: 0.02, yawDeg: 5 });
    expect(() => parsePerceptionNoise('1cm')).toThrow(/--perception-noise must be "metres,degrees"/);
    expect(() => parsePerceptionNoise('0.5,3')).toThrow(/position σ must be a number of metres from 0 to 0.1, got "0.5"/);
    expect(() => parsePerceptionNoise('0.01,-1')).toThrow(/yaw σ/);
    expect(perceptionLabel({ mode: 'noisy' })).toBe('noisy 0.01,3');
    expect(parsePerceptionLabel('noisy 0.02,1')).toEqual({ mode: 'noisy', noise: { position: 0.02, yawDeg: 1 } });
    expect(parsePerceptionLabel('pixels')).toEqual({ mode: 'pixels' });
    expect(() => parsePerceptionLabel('blurry')).toThrow(/must be one of exact, noisy, pixels/);
  });

  it("are part of the viewer's start request", () => {
    const start = { type: 'start', task: 'red_on_blue', seed: 0, provider: 'builtin', monitor: 'state', maxRepairs: 2 };
    expect(StartRequestSchema.parse({ ...start, perception: 'noisy', perceptionNoise: '0.02,2' }).perception).toBe('noisy');
    expect(StartRequestSchema.safeParse({ ...start, perception: 'blurry' }).success).toBe(false);
    const bad = StartRequestSchema.safeParse({ ...start, perception: 'noisy', perceptionNoise: '2cm' });
    expect(bad.success ? '' : bad.error.issues[0]!.message).toMatch(/perceptionNoise must be "metres,degrees"/);
  });
});

describe('exact perception', () => {
  it('reports stated sizes and true poses, never the hidden true size', async () => {
    await withWorld(hiddenSizeScene(), (world) => {
      expect(world.getObject('red_block').size).toEqual([0.0587, 0.0313, 0.04]); // the truth, for monitors
      const seen = new PerceivedWorld(world, { mode: 'exact', key: { task: 't', seed: 0, attempt: 0 } });
      const red = seen.getObject('red_block');
      expect(red.size).toEqual([0.04, 0.04, 0.04]);
      expect(red.position).toEqual(world.getPose('red_block').position);
      expect(seen.getBBox('red_block').max[0] - seen.getBBox('red_block').min[0]).toBeCloseTo(0.04, 5);
      expect(seen.scene.objects.find((o) => o.id === 'red_block')!.size).toEqual([0.04, 0.04, 0.04]);
      expect(JSON.stringify(seen.scene)).not.toMatch(/stated|0\.0587|0\.0313/);
    });
  });

  it('answers program queries through the sandbox with the same numbers', async () => {
    await withWorld(hiddenSizeScene(), async (world) => {
      const seen = new PerceivedWorld(world, { mode: 'exact', key: { task: 't', seed: 0, attempt: 0 } });
      const out = await runAttempt({ world, programWorld: seen, program: 'log(JSON.stringify(getObject("red_block").size));' });
      expect(out.error).toBeNull();
      const logged = out.trace.events.find((e) => e.type === 'log');
      expect(logged && 'message' in logged ? JSON.parse(logged.message) : null).toEqual([0.04, 0.04, 0.04]);
    });
  });
});

describe('noisy perception', () => {
  it('is deterministic per task, seed and attempt, and differs between attempts', async () => {
    const scene = instantiateScene(task, 2);
    const read = (attempt: number): Promise<unknown> =>
      withWorld(scene, (w) => new PerceivedWorld(w, { mode: 'noisy', key: { task: task.id, seed: 2, attempt } }).getObjects());
    const [a0, b0, a1] = [await read(0), await read(0), await read(1)];
    expect(b0).toEqual(a0);
    expect(a1).not.toEqual(a0);
    const other = await withWorld(scene, (w) =>
      new PerceivedWorld(w, { mode: 'noisy', key: { task: task.id, seed: 3, attempt: 0 } }).getObjects(),
    );
    expect(other).not.toEqual(a0);
  });

  it('errs by about σ (1 cm, 3°) on positions, and keeps the same error while nothing moves', async () => {
    const scene = instantiateScene(task, 0);
    await withWorld(scene, (world) => {
      const errs: number[] = [];
      const yawErrs: number[] = [];
      for (let attempt = 0; attempt < 12; attempt++) {
        const seen = new PerceivedWorld(world, { mode: 'noisy', key: { task: task.id, seed: 0, attempt } });
        for (const o of seen.getObjects()) {
          const truth = world.getPose(o.id);
          errs.push(o.position[0] - truth.position[0], o.position[1] - truth.position[1]);
          yawErrs.push(quatAngleBetween(seen.getPose(o.id).quaternion, truth.quaternion));
          expect(seen.getObject(o.id)).toEqual(o); // asked again: the same estimate
        }
      }
      const rms = Math.sqrt(errs.reduce((a, e) => a + e * e, 0) / errs.length);
      expect(rms).toBeGreaterThan(0.006);
      expect(rms).toBeLessThan(0.015);
      expect(Math.max(...errs.map(Math.abs))).toBeLessThan(0.05);
      const yawRms = Math.sqrt(yawErrs.reduce((a, e) => a + e * e, 0) / yawErrs.length);
      expect(yawRms).toBeGreaterThan((1.5 * Math.PI) / 180);
      expect(yawRms).toBeLessThan((5 * Math.PI) / 180);
    });
  });

  it("gives the programmer the same numbers as the program's queries (scene facts and getObjects)", async () => {
    const scene = instantiateScene(task, 4);
    const ctx = await programContext(task, 4, scene, 'rapier', [], noisy);
    const facts = renderSceneFacts(ctx);
    await withWorld(scene, async (world) => {
      const seen = perceive(world, task, 4, 0, noisy);
      const out = await runAttempt({ world, programWorld: seen, program: 'log(JSON.stringify(getObjects()));' });
      const logged = out.trace.events.find((e) => e.type === 'log');
      const queried = JSON.parse(logged && 'message' in logged ? logged.message : 'null') as typeof ctx.objects;
      expect(queried).toEqual(JSON.parse(JSON.stringify(ctx.objects)));
      for (const o of queried) {
        expect(facts).toContain(formatPosition(o.position));
        const truth = world.getPose(o.id).position;
        expect(facts).not.toContain(formatPosition(truth));
        const inScene = ctx.scene.objects.find((s) => s.id === o.id)!;
        expect(inScene.position).toEqual(o.position);
        expect(inScene.size).toEqual(o.size);
      }
    });
  });

  it('re-draws the error of an object that moved, and only of that one', async () => {
    const scene = instantiateScene(task, 1);
    await withWorld(scene, (world) => {
      const seen = new PerceivedWorld(world, { mode: 'noisy', key: { task: task.id, seed: 1, attempt: 0 } });
      const error = (id: string): number[] => {
        const p = seen.getPose(id).position;
        const t = world.getPose(id).position;
        return [p[0] - t[0], p[1] - t[1], p[2] - t[2]];
      };
      const before = { red: error('red_block'), blue: error('blue_block') };
      const target = world.getPose('blue_block').position;
      seen.pick('red_block');
      seen.place([target[0] - 0.12, target[1] + 0.1]);
      const moved = Math.hypot(...world.getPose('red_block').position.map((v, i) => v - world.initial.objects.red_block!.position[i]!));
      expect(moved).toBeGreaterThan(REDRAW_DISTANCE);
      const after = { red: error('red_block'), blue: error('blue_block') };
      expect(after.red).not.toEqual(before.red);
      expect(Math.hypot(...after.red.map((v, i) => v - before.red[i]!))).toBeGreaterThan(1e-4);
      // blue_block did not move (or less than the re-draw limit): the same error.
      expect(after.blue[0]).toBeCloseTo(before.blue[0]!, 3);
      expect(after.blue[1]).toBeCloseTo(before.blue[1]!, 3);
    });
  });

  it('makes pick aim where perception believes the object is', async () => {
    const scene = instantiateScene(task, 0);
    await withWorld(scene, (world) => {
      const seen = new PerceivedWorld(world, { mode: 'noisy', key: { task: task.id, seed: 0, attempt: 3 } });
      expect(seen.steersActions).toBe(true);
      const believed = seen.getPose('red_block').position;
      const truth = world.getPose('red_block').position;
      const off = Math.hypot(believed[0] - truth[0], believed[1] - truth[1]);
      expect(off).toBeGreaterThan(0.002);
      try {
        seen.pick('red_block');
      } catch {
        // A miss is a possible outcome of aiming off; where the gripper went is the point.
      }
      // A top pick descends to the grasp point above the perceived centre and lifts straight up.
      const g = world.getGripper().position;
      expect(Math.hypot(g[0] - believed[0], g[1] - believed[1])).toBeLessThan(0.001);
      expect(Math.hypot(g[0] - truth[0], g[1] - truth[1])).toBeCloseTo(off, 3);
    });
  });

  it('evaluates predicates called by programs on the perceived scene', async () => {
    const scene = instantiateScene(task, 0);
    await withWorld(scene, (world) => {
      const seen = new PerceivedWorld(world, { mode: 'noisy', key: { task: task.id, seed: 0, attempt: 0 } });
      const truth = world.getPose('red_block').position;
      const believed = seen.getPose('red_block').position;
      expect(world.evaluate({ near: ['red_block', [truth[0], truth[1]], 0.001] }).ok).toBe(true);
      expect(seen.evaluate({ near: ['red_block', [truth[0], truth[1]], 0.001] }).ok).toBe(false);
      expect(seen.evaluate({ near: ['red_block', [believed[0], believed[1]], 0.001] }).ok).toBe(true);
      expect(seen.distance('red_block', [believed[0], believed[1], believed[2]])).toBeCloseTo(0, 9);
      expect(() => seen.evaluate({ upright: 'nothing_here' })).toThrow(/There is no object named "nothing_here"/);
    });
  });

  it('leaves the world planning from the truth once freed of perception', async () => {
    await withWorld(instantiateScene(task, 0), (world) => {
      const seen = new PerceivedWorld(world, {
        mode: 'noisy',
        key: { task: task.id, seed: 0, attempt: 0 },
        noise: DEFAULT_PERCEPTION_NOISE,
      });
      expect(seen.steersActions).toBe(true);
      expect(setPlanningView(world, null)).toBe(true);
      const truth = world.getPose('red_block').position;
      world.pick('red_block');
      const g = world.getGripper().position;
      expect(Math.hypot(g[0] - truth[0], g[1] - truth[1])).toBeLessThan(0.002);
    });
  });

  it('needs a render bridge for pixels', async () => {
    await withWorld(hiddenSizeScene(), (world) => {
      expect(() => new PerceivedWorld(world, { mode: 'pixels', key: { task: 't', seed: 0, attempt: 0 } })).toThrow(/render bridge/);
    });
  });
});
