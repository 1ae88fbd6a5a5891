import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BenchFigures } from '../../bench/index.ts';
import { intArg } from '../errors.ts';

async function renderFigure(): Promise<BenchFigures['render']> {
  const { closeRenderer, getRenderer, measureRenderMsPerView } = await import('../../monitor/index.ts');
  const renderer = getRenderer();
  const why = await renderer.unavailableReason();
  if (why) return { skipped: why };
  try {
    const t = await measureRenderMsPerView({ renderer, rounds: 5 });
    return { msPerView: Math.round(t.msPerView * 10) / 10, msPerMaskView: Math.round(t.msPerMaskView * 10) / 10 };
  } finally {
    await closeRenderer();
  }
}

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('performance figures: physics, sandbox, rendering, episodes, suites (medians, with the machine)')
    .option('--json', 'print JSON')
    .option('--reps <n>', 'repetitions per figure', intArg(1), 5)
    .option('--seeds <n>', 'seeds per core task in the episode and suite figures', intArg(1), 3)
    .option('--quick', 'physics, sandbox and episodes only (no browser, no suites)')
    .option('--write <file>', 'also write the JSON to this file')
    .action(async (opts: { json?: boolean; reps: number; seeds: number; quick?: boolean; write?: string }) => {
      const log = (s: string): void => {
        process.stderr.write(`bench: ${s}\n`);
      };
      const { runBench, suiteFigure, perceptionFigure, engineLines, startupFigure } = await import('../../bench/index.ts');
      const { seeds } = opts;
      log('startup…');
      // First: the other figures leave this process loaded and the machine warm.
      const startup = await startupFigure();
      const figures = await runBench({
        reps: opts.reps,
        seeds,
        log,
        render: opts.quick ? undefined : renderFigure,
        perception: opts.quick
          ? undefined
          : async () => {
              const { closeRenderBridges } = await import('../../monitor/index.ts');
              try {
                return await perceptionFigure(1);
              } finally {
                await closeRenderBridges();
              }
            },
        viewer: opts.quick
          ? undefined
          : async () => {
              const { viewerFigure } = await import('../../bench/viewer-bench.ts');
              return viewerFigure({ reps: Math.min(opts.reps, 3), log });
            },
        knowledge: opts.quick
          ? undefined
          : async () => {
              const { benchKnowledge } = await import('../../bench/knowledge.ts');
              return benchKnowledge({ entries: 10_000, queries: 200 });
            },
        suite: opts.quick
          ? undefined
          : async () => {
              const state = await suiteFigure('state', seeds, 2);
              const pixels = await suiteFigure('pixels', seeds, 2);
              const epm = (f: typeof state): number | null => ('episodesPerMinute' in f ? f.episodesPerMinute : null);
              return { episodesPerMinute: { state: epm(state), pixels: epm(pixels) }, runs: [state, pixels] };
            },
        modelLatency: opts.quick
          ? undefined
          : async () => {
              const { modelLatencyFigure } = await import('../../bench/index.ts');
              return modelLatencyFigure({ episodes: 200, delayMs: 2000, concurrency: 32, workers: 2 });
            },
      });
      // The Redis queue: 1 vs 2 worker processes, and a worker SIGKILLed mid-run (bench/queue-bench.ts).
      const { queueFigure, queueLine } = await import('../../bench/queue-bench.ts');
      if (!opts.quick) log('queue…');
      const queue = opts.quick ? undefined : await queueFigure(seeds);
      const text = JSON.stringify({ ...figures, startup, ...(queue ? { queue } : {}) }, null, 2);
      if (opts.write) {
        mkdirSync(dirname(opts.write), { recursive: true });
        writeFileSync(opts.write, text + '\n');
      }
      if (opts.json) {
        process.stdout.write(text + '\n');
        return;
      }
      const p = figures.physics.rapier;
      const lines = [
        `machine: ${figures.machine.cpu}, ${figures.machine.cores} cores, ${figures.machine.memoryGB} GB, node ${figures.machine.node}, load ${figures.machine.loadAverage ?? '-'} at the start`,
        `startup: policyloop --version ${startup.version.wallMs} ms, peak RSS ${startup.version.maxRssMB} MB; a suite worker ready in ${startup.worker.readyMs} ms (medians of ${startup.version.runs})`,
        `physics (rapier, 12 objects, 240 Hz): ${p.stepsPerSec} steps/s = ${p.realtimeFactor}× real time; bare Rapier ${p.bareStepsPerSec} steps/s (ours/bare ${p.overheadRatio})`,
        ...(figures.physics.cannon
          ? [
              `physics (cannon-es, same scene): ${figures.physics.cannon.stepsPerSec} steps/s = ${figures.physics.cannon.realtimeFactor}× real time; bare cannon-es ${figures.physics.cannon.bareStepsPerSec} steps/s (ours/bare ${figures.physics.cannon.overheadRatio}), every body awake ${figures.physics.cannon.bareAwakeStepsPerSec} steps/s`,
            ]
          : []),
        ...(figures.references
          ? [
              `core references, ${figures.references.episodes} episodes per engine: rapier ${figures.references.solved.rapier}, cannon ${figures.references.solved.cannon} solved; agreement ${(figures.references.agreement * 100).toFixed(1)}%${figures.references.split.length ? ` (differ: ${figures.references.split.join(', ')})` : ''}; median attempt ${figures.references.msPerAttempt.rapier} ms / ${figures.references.msPerAttempt.cannon} ms`,
            ]
          : []),
        ...(figures.engines ? engineLines(figures.engines) : []),
        `sandbox: ${figures.sandbox.hostCallMicros} µs per API call; an empty program ${figures.sandbox.runMs} ms; a fresh sandbox thread ${figures.sandbox.threadStartMs} ms`,
        `episode: ${figures.episode.msPerAttempt} ms per core reference attempt (no rendering, ${figures.episode.attempts} attempts)`,
      ];
      if (figures.render)
        lines.push(
          'msPerView' in figures.render
            ? `render: ${figures.render.msPerView} ms per 640×480 RGB view, ${figures.render.msPerMaskView} ms per id+depth view`
            : `render: skipped (${figures.render.skipped})`,
        );
      const px = figures.perception?.pixels;
      if (px)
        lines.push(
          'msPerMovingAction' in px
            ? `pixels perception: ${px.msPerMovingAction} ms per action that moves things (render ${px.renderMs} + estimate ${px.estimateMs}; median ${px.medianMs}, p90 ${px.p90Ms}; ${px.estimates} estimates over ${px.attempts} core reference attempts, first look ${px.initialMs} ms, ${px.succeeded} succeeded)`
            : `pixels perception: skipped (${px.skipped})`,
        );
      if (figures.viewer) {
        const { viewerLine } = await import('../../bench/viewer-bench.ts');
        lines.push(viewerLine(figures.viewer));
      }
      if (figures.knowledge) {
        const k = figures.knowledge;
        lines.push(
          `knowledge base: ${k.entries} entries in ${k.fileMB} MB; retrieval ${k.retrieveMs.median} ms per episode (p95 ${k.retrieveMs.p95} ms, CPU ${k.retrieveCpuMs.median} ms)`,
        );
      }
      if (figures.suite)
        lines.push(
          `suite (core, builtin, 2 workers): ${figures.suite.episodesPerMinute.state ?? '-'} episodes/min with --monitor state, ${figures.suite.episodesPerMinute.pixels ?? '-'} with --monitor pixels`,
        );
      if (figures.modelLatency) {
        const m = figures.modelLatency;
        lines.push(
          `suite against a model answering in ${m.delayMs / 1000} s (lift_block, 1 attempt, --monitor state): ${m.episodesPerMinute} episodes/min at --concurrency ${m.concurrency} on ${m.workers} workers (latency bound ${m.latencyBoundPerMinute}), peak memory ${m.peakMemoryMB} MB, at most ${m.peakEpisodesInFlight} episodes and ${m.peakRequestsAtServer} requests in flight; ${m.succeeded}/${m.episodes} solved`,
        );
      }
      if (queue) lines.push(queueLine(queue));
      process.stdout.write(lines.join('\n') + '\n');
    });
}
