// The Rapier builds side by side (sim/README.md#which-rapier-build): steps per second of
// our world and of bare Rapier on the benchmark's 12-object scene, and the wall time of
// the core reference attempts, for each build in one process. Reps alternate the builds
// (compat, simd, compat, …) so a shared machine's load drifts over both alike; each
// figure is the median of its reps, after one warm-up rep of each build.
import { benchmarkScene } from '../monitor/index.ts';
import { referenceAttemptTimes } from './reference-attempts.ts';
import {
  buildBareRapierScene,
  createWorld,
  DEFAULT_RAPIER_BUILD,
  PHYSICS_HZ,
  RAPIER_BUILDS,
  type RapierBuild,
  rapierLabel,
  type SceneSpec,
  useRapierBuild,
} from '../sim/index.ts';

export interface EngineFigure {
  build: RapierBuild;
  /** Package and version, as run records show it: "simd-compat 0.20.0". */
  label: string;
  /** Our world, gripper idle (`wait`), every body stepped: the physics figure's measurement. */
  stepsPerSec: number;
  realtimeFactor: number;
  /** The same scene stepped by rapier.js's ordinary `World.step()`. */
  bareStepsPerSec: number;
  /** Mean wall time of one core reference attempt (world build included, no rendering). */
  msPerAttempt: number;
}

export interface EngineFigures {
  /** The build worlds use unless POLICYLOOP_RAPIER says otherwise. */
  default: RapierBuild;
  builds: EngineFigure[];
  /** simd ÷ compat: steps per second of our world, and attempts per second. */
  simdSpeedup: { steps: number; attempts: number };
  reps: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const SECONDS = 4;

async function ourStepsPerSec(scene: SceneSpec): Promise<number> {
  const world = await createWorld(scene, {});
  try {
    const t0 = performance.now();
    world.wait(SECONDS);
    return (SECONDS * PHYSICS_HZ) / ((performance.now() - t0) / 1000);
  } finally {
    world.free();
  }
}

async function bareStepsPerSec(scene: SceneSpec): Promise<number> {
  const bare = await buildBareRapierScene(scene);
  try {
    const steps = SECONDS * PHYSICS_HZ;
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) bare.step();
    return steps / ((performance.now() - t0) / 1000);
  } finally {
    bare.free();
  }
}

/** Mean ms per core reference attempt, one seed per task. */
async function attemptMs(): Promise<number> {
  const times = await referenceAttemptTimes(1);
  return times.reduce((a, b) => a + b, 0) / times.length;
}

/**
 * Measures every installed Rapier build (RAPIER_BUILDS) on the same scene, `reps` times
 * each, alternating. Leaves the process on the build it was on.
 */
export async function engineFigures(reps = 5): Promise<EngineFigures> {
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`engineFigures: reps must be a whole number ≥ 1, got ${reps}`);
  const scene = benchmarkScene();
  const samples = new Map<RapierBuild, { ours: number[]; bare: number[]; attempt: number[] }>();
  for (const b of RAPIER_BUILDS) samples.set(b, { ours: [], bare: [], attempt: [] });
  const before = await useRapierBuild(RAPIER_BUILDS[0]);
  try {
    for (let r = -1; r < reps; r++) {
      // Alternate which build goes first, so neither always runs on a warmer (or busier) machine.
      const order = r % 2 === 0 ? [...RAPIER_BUILDS] : [...RAPIER_BUILDS].reverse();
      for (const build of order) {
        await useRapierBuild(build);
        const ours = await ourStepsPerSec(scene);
        const bare = await bareStepsPerSec(scene);
        const ms = await attemptMs();
        if (r < 0) continue; // warm-up: the WebAssembly modules, the JIT
        const s = samples.get(build)!;
        s.ours.push(ours);
        s.bare.push(bare);
        s.attempt.push(ms);
      }
    }
  } finally {
    await useRapierBuild(before);
  }
  const builds: EngineFigure[] = RAPIER_BUILDS.map((build) => {
    const s = samples.get(build)!;
    const stepsPerSec = Math.round(median(s.ours));
    return {
      build,
      label: rapierLabel(build),
      stepsPerSec,
      realtimeFactor: Math.round(stepsPerSec / PHYSICS_HZ),
      bareStepsPerSec: Math.round(median(s.bare)),
      msPerAttempt: Math.round(median(s.attempt) * 10) / 10,
    };
  });
  const of = (b: RapierBuild): EngineFigure => builds.find((f) => f.build === b)!;
  const ratio = (x: number): number => Math.round(x * 100) / 100;
  return {
    default: DEFAULT_RAPIER_BUILD,
    builds,
    simdSpeedup: {
      steps: ratio(of('simd').stepsPerSec / of('compat').stepsPerSec),
      attempts: ratio(of('compat').msPerAttempt / of('simd').msPerAttempt),
    },
    reps,
  };
}

/** One line per build for `policyloop bench`'s text output. */
export function engineLines(f: EngineFigures): string[] {
  return [
    ...f.builds.map(
      (b) =>
        `rapier ${b.label}${b.build === f.default ? ' (default)' : ''}: ${b.stepsPerSec} steps/s = ${b.realtimeFactor}× real time, bare ${b.bareStepsPerSec} steps/s; ${b.msPerAttempt} ms per core reference attempt`,
    ),
    `rapier simd ÷ compat: ${f.simdSpeedup.steps}× the steps, ${f.simdSpeedup.attempts}× the attempts per second (medians of ${f.reps} alternating reps)`,
  ];
}
