import { describe, expect, it } from 'vitest';
import { createWorld, type SimWorld, type Snapshot } from '../../sim/index.ts';
import { blueBlock, greenBowl, obj, redBlock, scene } from './scenes.ts';

const SCENE = scene(redBlock(0, 0), blueBlock(0.15, 0.05), greenBowl(-0.15, 0.05), obj('ball', 'sphere', [0.04, 0.04, 0.04], 0.1, -0.15));

/** Everything but the engine bytes, as exact text (JSON round-trips doubles exactly). */
const exact = (s: Snapshot): string => JSON.stringify({ ...s, engineState: undefined });
const bytes = (s: Snapshot): Buffer => Buffer.from(s.engineState!);

function script(w: SimWorld): void {
  w.pick('red_block');
  w.place('blue_block');
  w.push('ball', [0, 1], 0.05);
}

describe('determinism', () => {
  it('gives bit-identical snapshots for the same scene and the same calls', async () => {
    const a = await createWorld(SCENE);
    const b = await createWorld(SCENE);
    expect(exact(a.initial)).toBe(exact(b.initial));
    script(a);
    script(b);
    const sa = a.snapshot();
    const sb = b.snapshot();
    expect(exact(sa)).toBe(exact(sb));
    expect(bytes(sa).equals(bytes(sb))).toBe(true);
    a.free();
    b.free();
  });
});

describe('snapshot and restore', () => {
  it('replays exactly the same future after a restore', async () => {
    const world = await createWorld(SCENE);
    world.pick('red_block');
    const mid = world.snapshot();
    world.place('green_bowl');
    world.push('ball', [1, 0], 0.05);
    const first = world.snapshot();
    world.restore(mid);
    expect(world.time).toBe(mid.t);
    expect(exact(world.snapshot())).toBe(exact(mid));
    world.place('green_bowl');
    world.push('ball', [1, 0], 0.05);
    const second = world.snapshot();
    expect(exact(second)).toBe(exact(first));
    expect(bytes(second).equals(bytes(first))).toBe(true);
    world.free();
  });

  it('records where the held object was grasped, and only while it is held', async () => {
    const world = await createWorld(SCENE);
    expect(world.initial.graspOffset).toBeUndefined();
    world.pick('red_block');
    const held = world.snapshot();
    expect(held.gripper.holding).toBe('red_block');
    expect(held.graspOffset).toHaveLength(3);
    world.place('blue_block');
    expect(world.snapshot().graspOffset).toBeUndefined();
    world.free();
  });

  it('goes back to the start with restore(initial)', async () => {
    const world = await createWorld(SCENE);
    world.pick('red_block');
    world.restore(world.initial);
    expect(world.time).toBe(0);
    expect(world.getGripper().holding).toBe(null);
    expect(world.getPose('red_block').position).toEqual(world.initial.objects.red_block!.position);
    world.free();
  });

  it('restores approximately from a JSON snapshot without engine state', async () => {
    const world = await createWorld(SCENE);
    world.pick('red_block');
    const json = JSON.parse(JSON.stringify({ ...world.snapshot(), engineState: undefined })) as Snapshot;
    world.place([0.2, -0.1]);
    world.restore(json);
    expect(world.getGripper().holding).toBe('red_block');
    world.place('blue_block');
    expect(world.evaluate({ on: ['red_block', 'blue_block'] }).ok).toBe(true);
    world.free();
  });

  it('calls onStep after every physics step', async () => {
    const world = await createWorld(SCENE);
    let calls = 0;
    world.onStep = () => {
      calls++;
    };
    world.wait(0.5);
    expect(calls).toBe(120);
    world.onStep = null;
    world.wait(0.1);
    expect(calls).toBe(120);
    world.free();
  });
});
