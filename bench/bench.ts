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
import type { ViewerFigure } from './viewer-bench.ts';

export interface BenchFigures {
  /** `loadAverage`: the 1-minute load when the bench started (other work on a shared machine slows every figure). */
  machine: { cpu: string; cores: number; memoryGB: number; node: string; platform: string; loadAverage?: number };
  versions: Record<string, string>;
  physics: {
    rapier: { stepsPerSec: number; realtimeFactor: number; bareStepsPerSec: number; overheadRatio: number };
    stepsPerSec: number;
    realtimeFactor: number;
    bareStepsPerSec: number;
  };
  /** Each Rapier build on the same scene, side by side (bench/engines.ts). */
  engines?: EngineFigures;
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
  return { rapier, stepsPerSec, realtimeFactor: rapier.realtimeFactor, bareStepsPerSec };
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
