// Figures of the cannon-es engine (issue 17) for the lead to wire into `policyloop bench`:
// steps/s of our world and of bare cannon-es on the benchmark's 12-object scene, and the
// core reference programs run on an engine, seed by seed, with the failure reason.
//
//   npx tsx bench/cannon-engine.ts steps        steps/s, both engines
//   npx tsx bench/cannon-engine.ts refs [seeds] [suite]   a suite's references (core) on cannon and rapier (ENGINES=…)

import { benchmarkScene } from '../monitor/index.ts';
import { perceive } from '../policy/loop/episode.ts';
import { runAttempt } from '../policy/program/index.ts';
import { CANNON_SETTINGS, type EngineName, PHYSICS_HZ, createWorld, loadCannon } from '../sim/index.ts';
import { getSuite, instantiateScene } from '../tasks/index.ts';

export interface StepFigures {
  engine: EngineName;
  /** Steps per wall second of our world with the gripper idle (`wait`), median of the reps. */
  stepsPerSecond: number;
  /** Simulated seconds per wall second. */
  realtimeFactor: number;
}

const SECONDS = 4;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Steps/s of `createWorld` on the 12-object benchmark scene, gripper idle for 4 s, as bench/engines.ts measures Rapier. */
export async function measureWorldSteps(engine: EngineName, reps = 5): Promise<StepFigures> {
  const runs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const world = await createWorld(benchmarkScene(), { engine });
    const t0 = performance.now();
    world.wait(SECONDS);
    runs.push((SECONDS * PHYSICS_HZ) / ((performance.now() - t0) / 1000));
    world.free();
  }
  const best = median(runs);
  return { engine, stepsPerSecond: best, realtimeFactor: best / PHYSICS_HZ };
}

/**
 * Steps/s of plain cannon-es on the same objects (boxes, cylinders as 16-sided prisms,
 * spheres, each container as one box) on a static table, stepped by `World.step`, with
 * the solver iterations and, when `sleep`, the sleeping thresholds of our world, and
 * nothing else of ours (no gripper, no kinematic targets, no grip checks): the
 * denominator of our wrapper's overhead. `sleep: false` keeps every body awake, the cost
 * of a scene in motion.
 */
export async function measureBareCannon(sleep: boolean, reps = 5): Promise<number> {
  const C = await loadCannon();
  const runs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const world = new C.World({ gravity: new C.Vec3(0, 0, -9.81), allowSleep: sleep });
    (world.solver as InstanceType<typeof C.GSSolver>).iterations = CANNON_SETTINGS.solverIterations;
    const table = new C.Body({ mass: 0, type: C.Body.STATIC });
    table.addShape(new C.Box(new C.Vec3(0.5, 0.4, 0.02)));
    table.position.set(0, 0, -0.02);
    world.addBody(table);
    for (const o of benchmarkScene().objects) {
      const body = new C.Body({
        mass: o.mass,
        sleepSpeedLimit: CANNON_SETTINGS.sleepSpeed,
        sleepTimeLimit: CANNON_SETTINGS.sleepTime,
      });
      const [sx, sy, sz] = o.size;
      if (o.shape === 'sphere') body.addShape(new C.Sphere(sx / 2));
      else if (o.shape === 'cylinder') {
        const cyl = new C.Cylinder(sx / 2, sx / 2, sz, CANNON_SETTINGS.cylinderSegments);
        body.addShape(cyl, new C.Vec3(), new C.Quaternion(Math.SQRT1_2, 0, 0, Math.SQRT1_2));
      } else body.addShape(new C.Box(new C.Vec3(sx / 2, sy / 2, sz / 2)));
      body.position.set(o.position[0], o.position[1], o.position[2]);
      world.addBody(body);
    }
    // The same 0.3 s of settling createWorld gives.
    for (let i = 0; i < 72; i++) world.step(1 / PHYSICS_HZ);
    const steps = SECONDS * PHYSICS_HZ;
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) world.step(1 / PHYSICS_HZ);
    runs.push(steps / ((performance.now() - t0) / 1000));
  }
  return median(runs);
}

export interface ReferenceRun {
  task: string;
  seed: number;
  ok: boolean;
  /** The success predicate's detail, and the program's error if it stopped. */
  detail: string;
  ms: number;
}

/** Runs every task's reference program of a suite on `engine` for seeds 0..seeds-1 (exact perception, as the reference tests). */
export async function runReferences(engine: EngineName, seeds: number, suite = 'core'): Promise<ReferenceRun[]> {
  const out: ReferenceRun[] = [];
  for (const task of getSuite(suite)) {
    if (!task.reference) continue;
    for (let seed = 0; seed < seeds; seed++) {
      const t0 = performance.now();
      const world = await createWorld(instantiateScene(task, seed), { timeLimit: task.timeLimit, engine });
      try {
        const programWorld = perceive(world, task, seed, 0, { settings: { mode: 'exact' }, bridge: null });
        const outcome = await runAttempt({ world, programWorld, program: task.reference, timeLimitSec: task.timeLimit });
        if (outcome.internalError) throw outcome.internalError;
        const after = world.evaluate(task.success);
        const error = outcome.error ? ` [stopped: ${outcome.error.kind}: ${outcome.error.message}]` : '';
        out.push({ task: task.id, seed, ok: after.ok, detail: `${after.detail}${error}`, ms: performance.now() - t0 });
      } finally {
        world.free();
      }
    }
  }
  return out;
}

async function main(): Promise<void> {
  const [what, n] = process.argv.slice(2);
  if (what === 'steps') {
    for (const engine of ['rapier', 'cannon'] as const) {
      const f = await measureWorldSteps(engine);
      console.log(`${engine}: ${f.stepsPerSecond.toFixed(0)} steps/s, realtime ${f.realtimeFactor.toFixed(1)}x`);
    }
    for (const sleep of [true, false]) {
      const bare = await measureBareCannon(sleep);
      console.log(
        `bare cannon-es, ${sleep ? 'sleeping' : 'all awake'}: ${bare.toFixed(0)} steps/s, realtime ${(bare / PHYSICS_HZ).toFixed(1)}x`,
      );
    }
  } else if (what === 'refs') {
    const seeds = Number(n ?? 3);
    const suite = process.argv[4] ?? 'core';
    const engines = (process.env.ENGINES ?? 'cannon,rapier').split(',') as EngineName[];
    const results = new Map<EngineName, ReferenceRun[]>();
    for (const engine of engines) results.set(engine, await runReferences(engine, seeds, suite));
    for (const engine of engines) {
      const runs = results.get(engine)!;
      console.log(`\n${engine}: ${runs.filter((r) => r.ok).length}/${runs.length}`);
      for (const r of runs)
        console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.task} seed ${r.seed} ${r.ms.toFixed(0)} ms${r.ok ? '' : ` — ${r.detail}`}`);
    }
  } else {
    console.error('usage: tsx bench/cannon-engine.ts steps | refs [seeds]');
    process.exitCode = 2;
  }
}

if (process.argv[1]?.endsWith('cannon-engine.ts')) await main();
