import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTask } from '../../tasks/index.ts';
import { runSuite } from '../../policy/suite/index.ts';
import { readResults } from '../../policy/suite/index.ts';
import type { SuiteSettings } from '../../policy/suite/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { cliAsync } from '../cli/cli-helpers.ts';
import { spawn } from 'node:child_process';
import { BIN, ROOT } from '../cli/cli-helpers.ts';

const SETTINGS: SuiteSettings = {
  provider: 'builtin',
  model: 'rules',
  vlmModel: null,
  monitor: 'state',
  maxRepairs: 1,
  engine: 'rapier',
  oracle: true,
  perception: 'exact',
};
const TASKS = ['lift_block', 'red_on_blue', 'block_in_bowl'].map((id) => getTask(id));

describe('suite', () => {
  it('writes consistent results.jsonl, summary.json and report.html for 3 tasks × 2 seeds', async () => {
    const out = tempDir('suite');
    const r = await runSuite({ tasks: TASKS, seeds: [0, 1], settings: SETTINGS, outDir: out, workers: 2, images: false });
    const lines = readResults(join(out, 'results.jsonl'));
    expect(lines).toHaveLength(6);
    expect(new Set(lines.map((l) => `${l.task}#${l.seed}`)).size).toBe(6);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.overall.episodes).toBe(6);
    expect(summary.overall.asr).toBeCloseTo(lines.filter((l) => l.success).length / 6, 4);
    expect(summary.overall.successAtK).toHaveLength(2);
    expect(summary.overall.successAtK[1]).toBeGreaterThanOrEqual(summary.overall.successAtK[0]);
    expect(Object.keys(summary.tasks).sort()).toEqual(['block_in_bowl', 'lift_block', 'red_on_blue']);
    const html = readFileSync(r.reportFile, 'utf8');
    expect(html).toContain('<table>');
    expect(html).toContain('lift_block');
    expect(html).not.toMatch(/<script|(src|href)="https?:/); // self-contained, no network
    for (const l of lines) expect(existsSync(join(out, l.dir, 'episode.json'))).toBe(true);
  });

  it('records a worker that throws or dies as an episode with an error and goes on', async () => {
    const out = tempDir('suite-fault');
    await runSuite({
      tasks: TASKS.slice(0, 2),
      seeds: [0, 1],
      settings: SETTINGS,
      outDir: out,
      workers: 2,
      images: false,
      // The real worker, but lift_block#1 throws and red_on_blue#0 exits its thread.
      workerModule: new URL('./faulty-worker.js', import.meta.url),
    });
    const lines = readResults(join(out, 'results.jsonl'));
    expect(lines).toHaveLength(4);
    const byKey = new Map(lines.map((l) => [`${l.task}#${l.seed}`, l]));
    expect(byKey.get('lift_block#1')!.error).toMatch(/injected fault/);
    expect(byKey.get('red_on_blue#0')!.error).toMatch(/worker died/);
    expect(byKey.get('lift_block#0')!.error).toBeNull();
    expect(byKey.get('red_on_blue#1')!.error).toBeNull();
  });

  it('refuses to resume a results file made with different settings', async () => {
    const out = tempDir('suite-settings');
    await runSuite({ tasks: TASKS.slice(0, 1), seeds: [0], settings: SETTINGS, outDir: out, workers: 1, images: false });
    await expect(
      runSuite({
        tasks: TASKS.slice(0, 1),
        seeds: [0, 1],
        settings: { ...SETTINGS, maxRepairs: 2 },
        outDir: out,
        workers: 1,
        resume: true,
        images: false,
      }),
    ).rejects.toThrow(/different settings \(maxRepairs: 1 vs 2\)/);
  });

  it('ends with each episode exactly once after being killed mid-way and resumed', async () => {
    const out = tempDir('suite-kill');
    const args = [
      'suite',
      '--tasks',
      'lift_block,red_on_blue,block_in_bowl',
      '--seeds',
      '3',
      '--workers',
      '2',
      '--monitor',
      'state',
      '--no-images',
      '--max-repairs',
      '1',
      '--out',
      out,
      '--json',
    ];
    await new Promise<void>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
      let seen = 0;
      child.stdout.on('data', (d: Buffer) => {
        seen += d
          .toString()
          .split('\n')
          .filter((l) => l.includes('"seed"')).length;
        if (seen >= 2) child.kill('SIGKILL');
      });
      child.on('close', () => resolve());
    });
    const partial = readResults(join(out, 'results.jsonl'));
    expect(partial.length).toBeGreaterThanOrEqual(2);
    expect(partial.length).toBeLessThan(9);
    const r = await cliAsync([...args, '--resume']);
    expect(r.status).toBe(0);
    const lines = readResults(join(out, 'results.jsonl'));
    const keys = lines.map((l) => `${l.task}#${l.seed}`);
    expect(keys).toHaveLength(9);
    expect(new Set(keys).size).toBe(9);
  });
});
