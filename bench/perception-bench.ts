// The pixels-perception figure (docs/architecture.md#performance-figures): what `--perception
// pixels` adds per action that moves things — one render of the three id + depth views
// through the synchronous render bridge plus the estimate — measured on the core
// reference programs run with pixels perception. Each attempt's first look (made when the
// PerceivedWorld is built, before any action; it also builds the scene in the page) is
// reported apart as `initialMs`.

import { loadavg } from 'node:os';
import { createWorld } from '../sim/index.ts';
import { getSuite, instantiateScene } from '../tasks/index.ts';
import { runAttempt } from '../policy/program/index.ts';
import { PerceivedWorld } from '../policy/program/perception.ts';
import { getRenderBridge } from '../monitor/index.ts';
import { median } from './bench.ts';

export type PerceptionFigure =
  | {
      /** Mean wall ms per re-estimate after an action (render + estimate), i.e. per action that moved something. */
      msPerMovingAction: number;
      /** Median and 90th percentile of the same. */
      medianMs: number;
      p90Ms: number;
      /** Of the mean: the render through the bridge, and the estimate from the images. */
      renderMs: number;
      estimateMs: number;
      /** Re-estimates after an action (the figures above). */
      estimates: number;
      /** Mean wall ms of each attempt's first look, before any action (render + estimate). */
      initialMs: number;
      attempts: number;
      /** Reference attempts that succeeded with pixels perception, and the ones that did not. */
      succeeded: number;
      failed: string[];
      /** The machine's 1-minute load when the figure was taken (renders slow down under load). */
      loadAverage: number;
    }
  | { skipped: string };

/** Runs every core reference program on `seeds` seeds with pixels perception and times its estimates. */
export async function perceptionFigure(seeds = 1, opts: { browserWSEndpoint?: string | null } = {}): Promise<PerceptionFigure> {
  let bridge: Awaited<ReturnType<typeof getRenderBridge>>;
  try {
    bridge = await getRenderBridge(opts);
  } catch (err) {
    return { skipped: (err instanceof Error ? err.message : String(err)).split('\n')[0]! };
  }
  const loadAverage = Math.round(loadavg()[0]! * 100) / 100;
  const times: number[] = [];
  const initial: number[] = [];
  let renderMs = 0;
  const failed: string[] = [];
  let attempts = 0;
  let succeeded = 0;
  for (const task of getSuite('core')) {
    for (let seed = 0; seed < seeds; seed++) {
      const world = await createWorld(instantiateScene(task, seed), { timeLimit: task.timeLimit });
      try {
        let first = true;
        const seen = new PerceivedWorld(world, {
          mode: 'pixels',
          key: { task: task.id, seed, attempt: 0 },
          bridge,
          onEstimate: (ms, render) => {
            if (first) {
              first = false;
              initial.push(ms);
              return;
            }
            times.push(ms);
            renderMs += render;
          },
        });
        const out = await runAttempt({ world, programWorld: seen, program: task.reference });
        attempts++;
        if (!out.error && world.evaluate(task.success).ok) succeeded++;
        else failed.push(`${task.id}#${seed}${out.error ? ` (${out.error.kind}: ${out.error.message})` : ''}`);
      } finally {
        world.free();
      }
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const r1 = (x: number): number => Math.round(x * 10) / 10;
  const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
  return {
    msPerMovingAction: r1(mean),
    medianMs: r1(median(times)),
    p90Ms: r1(sorted[Math.floor(0.9 * (sorted.length - 1))] ?? 0),
    renderMs: r1(renderMs / Math.max(1, times.length)),
    estimateMs: r1(mean - renderMs / Math.max(1, times.length)),
    estimates: times.length,
    initialMs: r1(initial.reduce((a, b) => a + b, 0) / Math.max(1, initial.length)),
    attempts,
    succeeded,
    failed,
    loadAverage,
  };
}
