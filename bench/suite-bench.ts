// suite.episodesPerMinute: the core suite with the builtin programmer, with and without
// rendering, on a 2-worker pool; and the peak memory of the whole process tree.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSuite } from '../tasks/index.ts';
import { runSuite } from '../policy/suite/index.ts';
import type { SuiteSettings } from '../policy/suite/index.ts';
import { launchSharedBrowser } from '../monitor/index.ts';
import { samplePeakRss } from './process-memory.ts';

export interface SuiteFigure {
  monitor: string;
  episodes: number;
  workers: number;
  wallSeconds: number;
  episodesPerMinute: number;
  asr: number;
  peakMemoryMB: number;
}

export async function suiteFigure(
  monitor: 'state' | 'pixels',
  seeds: number,
  workers: number,
): Promise<SuiteFigure | { monitor: string; skipped: string }> {
  const settings: SuiteSettings = {
    provider: 'builtin',
    model: 'rules',
    vlmModel: null,
    monitor,
    maxRepairs: 3,
    engine: 'rapier',
    oracle: true,
    perception: 'exact',
  };
  const out = mkdtempSync(join(tmpdir(), 'policyloop-bench-suite-'));
  const images = monitor === 'pixels';
  const shared = images ? await launchSharedBrowser() : null;
  if (images && !shared) return { monitor, skipped: 'no browser found' };
  const mem = samplePeakRss();
  const t0 = performance.now();
  try {
    const r = await runSuite({
      tasks: getSuite('core'),
      seeds: Array.from({ length: seeds }, (_, i) => i),
      settings,
      outDir: out,
      workers,
      images,
      browserWSEndpoint: shared?.wsEndpoint ?? null,
    });
    const wall = (performance.now() - t0) / 1000;
    return {
      monitor,
      episodes: r.lines.length,
      workers,
      wallSeconds: Math.round(wall * 10) / 10,
      episodesPerMinute: Math.round((r.lines.length / wall) * 60),
      asr: r.summary.overall.asr,
      peakMemoryMB: Math.round(mem.stop() / 2 ** 20),
    };
  } finally {
    mem.stop();
    await shared?.close();
    rmSync(out, { recursive: true, force: true });
  }
}
