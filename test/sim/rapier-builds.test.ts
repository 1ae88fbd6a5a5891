// The two Rapier builds (sim/rapier-module.ts): each is deterministic on its own, bit for
// bit, in one process with both loaded; restores replay the same future; the build is
// selectable and recorded.
import { afterAll, describe, expect, it } from 'vitest';
import { toolVersions } from '../../policy/loop/versions.ts';
import { type BodyDesc, createWorld, PHYSICS_HZ, type SimWorld, type Snapshot } from '../../sim/index.ts';
import {
  DEFAULT_RAPIER_BUILD,
  RAPIER_BUILDS,
  RAPIER_ENV,
  type RapierBuild,
  rapierBuildFromEnv,
  rapierLabel,
  rapierPackageVersion,
  selectedRapierBuild,
  useRapierBuild,
} from '../../sim/rapier-module.ts';
import { createRapierPhysicsWorld } from '../../sim/rapier-world.ts';
import { PHYSICS_SETTINGS } from '../../sim/world.ts';
import { blueBlock, greenBowl, obj, redBlock, scene } from './scenes.ts';

const SCENE = scene(
  redBlock(0, 0),
  blueBlock(0.15, 0.05),
  greenBowl(-0.15, 0.05),
  obj('ball', 'sphere', [0.04, 0.04, 0.04], 0.1, -0.15),
  obj('can', 'cylinder', [0.05, 0.05, 0.1], -0.05, -0.15),
);

/** Everything but the engine bytes, as exact text (JSON round-trips doubles exactly). */
const exact = (s: Snapshot): string => JSON.stringify({ ...s, engineState: undefined });
const bytes = (s: Snapshot): Buffer => Buffer.from(s.engineState!);

/** A gripper program through the world's API, with a snapshot after every call. */
function program(w: SimWorld): Snapshot[] {
  const out: Snapshot[] = [];
  const steps: Array<() => unknown> = [
    () => w.pick('red_block'),
    () => w.place('blue_block'),
    () => w.push('ball', [0, 1], 0.05),
    () => w.pick('can'),
    () => w.moveBy([0, 0.05, 0.02]),
    () => w.place('green_bowl'),
    () => w.home(),
  ];
  for (const step of steps) {
    step();
    out.push(w.snapshot());
  }
  return out;
}

let before: RapierBuild | null = null;
afterAll(async () => {
  if (before !== null) await useRapierBuild(before);
});

describe.each(RAPIER_BUILDS)('the %s build', (build) => {
  it('runs the worlds created while it is selected', async () => {
    const prev = await useRapierBuild(build);
    before ??= prev;
    expect(selectedRapierBuild()).toBe(build);
    const physics = (await createRapierPhysicsWorld(PHYSICS_SETTINGS)) as unknown as { build: string; free(): void };
    expect(physics.build).toBe(build);
    physics.free();
    expect(toolVersions().rapier).toBe(rapierLabel(build));
  });

  it('adds bodies to a world restored from its engine state', async () => {
    await useRapierBuild(build);
    const physics = await createRapierPhysicsWorld(PHYSICS_SETTINGS);
    const box = (name: string, z: number): BodyDesc => ({
      name,
      kind: 'dynamic',
      position: [0, 0, z],
      parts: [{ shape: { type: 'box', halfExtents: [0.02, 0.02, 0.02] } }],
      friction: 0.5,
    });
    physics.addBody(box('a', 0.1));
    for (let i = 0; i < 10; i++) physics.step();
    const snap = physics.snapshot();
    physics.step();
    physics.restore(snap);
    expect(physics.addBody(box('b', 0.2))).toBe(1);
    physics.step();
    expect(physics.steps).toBe(11);
    physics.free();
  });

  it('gives bit-identical snapshots for the same scene and the same gripper program, twice', async () => {
    await useRapierBuild(build);
    const a = await createWorld(SCENE);
    const runA = program(a);
    const b = await createWorld(SCENE);
    const runB = program(b);
    expect(exact(a.initial)).toBe(exact(b.initial));
    expect(runA).toHaveLength(runB.length);
    for (let i = 0; i < runA.length; i++) {
      expect(exact(runA[i]!)).toBe(exact(runB[i]!));
      expect(bytes(runA[i]!).equals(bytes(runB[i]!))).toBe(true);
    }
    // The program did what it says, so the comparison covers grasps, carries and contacts.
    const end = runA.at(-1)!;
    expect(end.objects.red_block!.position[2]).toBeGreaterThan(0.04);
    expect(end.t).toBeGreaterThan(5);
    a.free();
    b.free();
  });

  it('replays the same future after restoring a snapshot', async () => {
    await useRapierBuild(build);
    const world = await createWorld(SCENE);
    world.pick('red_block');
    const mid = world.snapshot();
    world.place('green_bowl');
    world.push('ball', [1, 0], 0.05);
    world.wait(0.5);
    const first = world.snapshot();
    world.restore(mid);
    expect(exact(world.snapshot())).toBe(exact(mid));
    world.place('green_bowl');
    world.push('ball', [1, 0], 0.05);
    world.wait(0.5);
    const second = world.snapshot();
    expect(exact(second)).toBe(exact(first));
    expect(bytes(second).equals(bytes(first))).toBe(true);
    expect(second.t).toBeCloseTo(first.t, 12);
    expect(second.t).toBeGreaterThan(mid.t + 1 / PHYSICS_HZ);
    world.free();
  });
});

describe('switching builds in one process', () => {
  it("refuses to restore one build's engine state into the other's world", async () => {
    const [one, other] = RAPIER_BUILDS;
    await useRapierBuild(one);
    const a = await createWorld(SCENE);
    a.pick('red_block');
    const snap = a.snapshot();
    await useRapierBuild(other);
    const b = await createWorld(SCENE);
    expect(() => b.restore(snap)).toThrow(
      `the snapshot's engine state was taken by the ${one} Rapier build; this world runs the ${other} build`,
    );
    // A snapshot without engine state (as read from JSON) restores poses across builds.
    b.restore({ ...snap, engineState: undefined });
    expect(b.getGripper().holding).toBe('red_block');
    a.free();
    b.free();
  });

  it('keeps each world on the build it was created with', async () => {
    await useRapierBuild('compat');
    const a = await createWorld(SCENE);
    await useRapierBuild('simd');
    const b = await createWorld(SCENE);
    await useRapierBuild('compat');
    const c = await createWorld(SCENE);
    // a and c run one build, b the other; a and c stay bit-identical while b steps in between.
    a.pick('red_block');
    b.pick('red_block');
    c.pick('red_block');
    expect(exact(a.snapshot())).toBe(exact(c.snapshot()));
    expect(bytes(a.snapshot()).equals(bytes(c.snapshot()))).toBe(true);
    for (const w of [a, b, c]) w.free();
  });
});

describe('choosing the build', () => {
  it(`reads ${RAPIER_ENV}, in any case, and names a bad value`, () => {
    expect(rapierBuildFromEnv({})).toBeUndefined();
    expect(rapierBuildFromEnv({ [RAPIER_ENV]: '' })).toBeUndefined();
    expect(rapierBuildFromEnv({ [RAPIER_ENV]: ' SIMD ' })).toBe('simd');
    expect(rapierBuildFromEnv({ [RAPIER_ENV]: 'compat' })).toBe('compat');
    expect(() => rapierBuildFromEnv({ [RAPIER_ENV]: 'cannon' })).toThrow(
      'POLICYLOOP_RAPIER="cannon" is not a Rapier build; use simd or compat',
    );
    // Named ConfigError, so the command line prints the line and exits 2 (cli/main.ts).
    expect(() => rapierBuildFromEnv({ [RAPIER_ENV]: 'cannon' })).toThrow(expect.objectContaining({ name: 'ConfigError' }));
  });

  it('falls back from the override to the environment to the default', async () => {
    const prev = await useRapierBuild(null);
    const saved = process.env[RAPIER_ENV];
    try {
      delete process.env[RAPIER_ENV];
      expect(selectedRapierBuild()).toBe(DEFAULT_RAPIER_BUILD);
      process.env[RAPIER_ENV] = 'compat';
      expect(selectedRapierBuild()).toBe('compat');
      process.env[RAPIER_ENV] = 'simd';
      expect(selectedRapierBuild()).toBe('simd');
      await useRapierBuild('compat');
      expect(selectedRapierBuild()).toBe('compat');
      await expect(useRapierBuild('fast' as RapierBuild)).rejects.toThrow(
        'useRapierBuild: "fast" is not a Rapier build; use simd or compat',
      );
    } finally {
      if (saved === undefined) delete process.env[RAPIER_ENV];
      else process.env[RAPIER_ENV] = saved;
      await useRapierBuild(prev);
    }
  });

  it('labels a build with its package and installed version', () => {
    expect(rapierLabel('simd')).toBe(`simd-compat ${rapierPackageVersion('simd')}`);
    expect(rapierLabel('compat')).toBe(`compat ${rapierPackageVersion('compat')}`);
    expect(rapierPackageVersion('simd')).toMatch(/^\d+\.\d+\.\d+$/);
    expect(rapierPackageVersion('compat')).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
