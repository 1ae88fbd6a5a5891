// Performance figures (docs/architecture.md#performance-figures). Medians of repeated measurements; the machine they came
// from is part of the output, because shared machines are noisy.
import { cpus, loadavg, totalmem } from 'node:os';
import type { ModelLatencyFigure } from './concurrency-bench.ts';
import { referenceAttemptTimes } from './reference-attempts.ts';
import { buildBareRapierScene, createWorld, PHYSICS_HZ } from '../sim/index.ts';
import { measureHostCallMicros } from '../policy/program/index.ts';
import { measureSandboxStartup, type SandboxStartupFigures } from '../policy/program/sandbox.ts';
import { toolVersions } from '../policy/loop/index.ts';
import { benchmarkScene } from '../monitor/index.ts';
import type { PerceptionFigure } from './perception-bench.ts';
import type { KnowledgeBenchFigures } from './knowledge.ts';
import { type EngineFigures, engineFigures } from './engines.ts';
import { measureBareCannon, measureWorldSteps, runReferences, type ReferenceRun } from './cannon-engine.ts';
import type { EngineName } from '../sim/index.ts';
import type { ViewerFigure } from './viewer-bench.ts';

export interface BenchFigures {
  /** `loadAverage`: the 1-minute load when the bench started (other work on a shared machine slows every figure). */
  machine: { cpu: string; cores: number; memoryGB: number; node: string; platform: string; loadAverage?: number };
  versions: Record<string, string>;
  physics: {
    rapier: { stepsPerSec: number; realtimeFactor: number; bareStepsPerSec: number; overheadRatio: number };
    /**
     * The cannon-es world on the same scene (issue 17): ours, bare cannon-es with sleeping as
     * ours (`bareStepsPerSec`) and with every body kept awake (the cost of a scene in motion).
     */
    cannon?: { stepsPerSec: number; realtimeFactor: number; bareStepsPerSec: number; bareAwakeStepsPerSec: number; overheadRatio: number };
    stepsPerSec: number;
    realtimeFactor: number;
    bareStepsPerSec: number;
  };
  /** Each Rapier build on the same scene, side by side (bench/engines.ts). */
  engines?: EngineFigures;
  /**
   * Every core reference program on each engine, seeds 0..seeds−1 (bench/cannon-engine.ts):
   * solved per engine, the same outcome on both, and the median wall time of an attempt.
   */
  references?: {
    episodes: number;
    solved: Record<EngineName, number>;
    agreement: number;
    msPerAttempt: Record<EngineName, number>;
    /** Episodes with different outcomes, "task#seed". */
    split: string[];
  };
  sandbox: { hostCallMicros: number } & SandboxStartupFigures;
  render?: { msPerView: number; msPerMaskView: number } | { skipped: string };
  episode: { msPerAttempt: number; attempts: number };
  suite?: { episodesPerMinute: { state: number | null; pixels: number | null }; runs: unknown[] };
  /** A suite against a model server answering after 2 s: episodes in flight (bench/concurrency-bench.ts). */
  modelLatency?: ModelLatencyFigure;
  /** What `--perception pixels` adds per action that moves things (render + estimate). */
  perception?: { pixels: PerceptionFigure };
  /** The knowledge base at 10,000 synthetic entries: file size, retrieval per episode (bench/knowledge.ts). */
  knowledge?: KnowledgeBenchFigures;
  /** The viewer page in headless Chromium at 1440×900: drawn frames/s, first drawn scene, WebSocket bytes/s (bench/viewer-bench.ts). */
  viewer?: ViewerFigure | { skipped: string };
  measuredAt: string;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Steps per second of our world with the gripper idle (`wait`: every body stepped, the
 * objects resting on the table), against bare Rapier stepping the same scene.
 */
async function physicsFigures(reps: number): Promise<BenchFigures['physics']> {
  const scene = benchmarkScene();
  const seconds = 4;
  const ours: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < reps; r++) {
    const world = await createWorld(scene, {});
    const t0 = performance.now();
    world.wait(seconds);
    ours.push((seconds * PHYSICS_HZ) / ((performance.now() - t0) / 1000));
    world.free();
    const b = await buildBareRapierScene(scene);
    const steps = seconds * PHYSICS_HZ;
    const t1 = performance.now();
    for (let i = 0; i < steps; i++) b.step();
    bare.push(steps / ((performance.now() - t1) / 1000));
    b.free();
  }
  const stepsPerSec = Math.round(median(ours));
  const bareStepsPerSec = Math.round(median(bare));
  const rapier = {
    stepsPerSec,
    realtimeFactor: Math.round(stepsPerSec / PHYSICS_HZ),
    bareStepsPerSec,
    overheadRatio: Math.round((stepsPerSec / bareStepsPerSec) * 1000) / 1000,
  };
  // cannon-es on the same scene: ours (reps interleaved with the bare runs), bare with sleeping, bare all awake.
  const cannonOurs: number[] = [];
  for (let r = 0; r < reps; r++) cannonOurs.push((await measureWorldSteps('cannon', 1)).stepsPerSecond);
  const cannonSteps = Math.round(median(cannonOurs));
  const cannonBare = Math.round(await measureBareCannon(true, reps));
  const cannon = {
    stepsPerSec: cannonSteps,
    realtimeFactor: Math.round(cannonSteps / PHYSICS_HZ),
    bareStepsPerSec: cannonBare,
    bareAwakeStepsPerSec: Math.round(await measureBareCannon(false, reps)),
    overheadRatio: Math.round((cannonSteps / cannonBare) * 1000) / 1000,
  };
  return { rapier, cannon, stepsPerSec, realtimeFactor: rapier.realtimeFactor, bareStepsPerSec };
}

/** Every core reference program on both engines: what BenchFigures['references'] says. */
async function referenceFigures(seeds: number): Promise<NonNullable<BenchFigures['references']>> {
  const engines = ['rapier', 'cannon'] as const;
  const runs = new Map<EngineName, ReferenceRun[]>();
  for (const e of engines) runs.set(e, await runReferences(e, seeds));
  const key = (r: ReferenceRun): string => `${r.task}#${r.seed}`;
  const cannonOk = new Map(runs.get('cannon')!.map((r) => [key(r), r.ok]));
  const rapierRuns = runs.get('rapier')!;
  const split = rapierRuns.filter((r) => cannonOk.get(key(r)) !== r.ok).map(key);
  const solved = Object.fromEntries(engines.map((e) => [e, runs.get(e)!.filter((r) => r.ok).length])) as Record<EngineName, number>;
  const ms = Object.fromEntries(engines.map((e) => [e, Math.round(median(runs.get(e)!.map((r) => r.ms)) * 10) / 10])) as Record<
    EngineName,
    number
  >;
  return {
    episodes: rapierRuns.length,
    solved,
    agreement: Math.round(((rapierRuns.length - split.length) / rapierRuns.length) * 1000) / 1000,
    msPerAttempt: ms,
    split,
  };
}

/** Mean wall time of a core reference-program attempt with no rendering (world build included). */
async function episodeFigures(seeds: number): Promise<BenchFigures['episode']> {
  const times = await referenceAttemptTimes(seeds);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return { msPerAttempt: Math.round(mean * 10) / 10, attempts: times.length };
}

export interface BenchOptions {
  reps?: number;
  seeds?: number;
  render?: () => Promise<BenchFigures['render']>;
  suite?: () => Promise<NonNullable<BenchFigures['suite']>>;
  modelLatency?: () => Promise<ModelLatencyFigure>;
  perception?: () => Promise<PerceptionFigure>;
  knowledge?: () => Promise<KnowledgeBenchFigures>;
  viewer?: () => Promise<ViewerFigure | { skipped: string }>;
  log?: (s: string) => void;
}

export async function runBench(opts: BenchOptions = {}): Promise<BenchFigures> {
  const log = opts.log ?? (() => {});
  const cpu = cpus()[0]?.model ?? 'unknown';
  const loadAverage = Math.round(loadavg()[0]! * 100) / 100;
  log('physics…');
  const physics = await physicsFigures(opts.reps ?? 5);
  log('rapier builds…');
  const engines = await engineFigures(opts.reps ?? 5);
  log('references on both engines…');
  await runReferences('cannon', 1); // warm-up
  const references = await referenceFigures(opts.seeds ?? 3);
  log('sandbox…');
  const hostCalls: number[] = [];
  for (let r = 0; r < (opts.reps ?? 5); r++) hostCalls.push(await measureHostCallMicros(20_000));
  const sandboxStartup = await measureSandboxStartup();
  log('episodes…');
  await episodeFigures(1); // warm-up: wasm modules, JIT
  const episode = await episodeFigures(opts.seeds ?? 3);
  const figures: BenchFigures = {
    machine: {
      cpu,
      cores: cpus().length,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadAverage,
    },
    versions: toolVersions(),
    physics,
    engines,
    references,
    sandbox: { hostCallMicros: Math.round(median(hostCalls) * 100) / 100, ...sandboxStartup },
    episode,
    measuredAt: new Date().toISOString(),
  };
  if (opts.render) {
    log('render…');
    figures.render = await opts.render();
  }
  if (opts.perception) {
    log('pixels perception…');
    figures.perception = { pixels: await opts.perception() };
  }
  if (opts.viewer) {
    log('viewer page…');
    figures.viewer = await opts.viewer();
  }
  if (opts.knowledge) {
    log('knowledge base…');
    figures.knowledge = await opts.knowledge();
  }
  if (opts.suite) {
    log('suite…');
    figures.suite = await opts.suite();
  }
  if (opts.modelLatency) {
    log('suite against a 2 s model…');
    figures.modelLatency = await opts.modelLatency();
  }
  return figures;
}
