// The task-file fuzzer (issue 15): 600 seeded mutations of every bundled task file (type
// changes, missing and extra fields, extreme numbers, unicode and NUL, deep nesting, long
// `on` chains, cycles, reserved ids, broken JSON). Each must load, or be refused with one
// TaskError line naming the file; what loads must lay out (or be refused the same way) and
// build a world. A seeded sample of 30 goes through the real command line, which must exit
// 0, 1 or 2 — with exactly one line on stderr for 2 — and never print a stack trace.

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../sim/index.ts';
import { displayPath, instantiateScene, isReferencePath, listTasks, loadTask, TaskError } from '../../tasks/index.ts';
import { BIN, ROOT } from '../cli/cli-helpers.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { mutations, OPERATOR_NAMES, prng } from './task-mutations.ts';

const COUNT = 600;
const SEED = 15;
const CLI_SAMPLE = 30;

/** Every bundled task file and the template, with references made absolute (the mutants live elsewhere). */
function bundledFiles(): { name: string; text: string }[] {
  const files = [...new Set([...listTasks().map((t) => t.file), resolve(ROOT, 'tasks/TEMPLATE.json')])];
  return files.map((file) => {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { reference?: unknown };
    if (typeof json.reference === 'string' && isReferencePath(json.reference)) json.reference = resolve(dirname(file), json.reference);
    return { name: file, text: JSON.stringify(json) };
  });
}

type Outcome = 'runs' | 'refused' | 'refused-at-layout';

interface Result {
  file: string;
  kind: string;
  detail: string;
  outcome: Outcome | 'crash';
  message: string;
  ms: number;
}

/** A refusal must be one line, naming the file, without a stack trace. */
function badMessage(file: string, message: string): string | null {
  if (message.includes('\n') || message.includes('\r')) return 'more than one line';
  if (!message.startsWith(`${displayPath(file)}: `)) return 'does not start with the file';
  if (message.length > 2000) return 'longer than 2000 characters';
  return null;
}

describe('task-file fuzzer', () => {
  const dir = tempDir('fuzz');
  const mutants = mutations(bundledFiles(), COUNT, SEED).map((m, i) => {
    const file = join(dir, `mutant_${String(i).padStart(3, '0')}.json`);
    writeFileSync(file, m.text);
    return { ...m, path: file };
  });

  it(`loads or refuses in one line each of ${COUNT} seeded mutations of every bundled task`, async () => {
    expect(mutants.length).toBeGreaterThanOrEqual(500);
    const results: Result[] = [];
    for (const m of mutants) {
      const t0 = performance.now();
      let outcome: Result['outcome'] = 'crash';
      let message = '';
      try {
        const task = loadTask(m.path);
        try {
          const scene = instantiateScene(task, 0);
          const world = await createWorld(scene, { timeLimit: task.timeLimit });
          world.free();
          outcome = 'runs';
        } catch (err) {
          message = err instanceof Error ? (err.stack ?? err.message) : String(err);
          if (err instanceof TaskError) [outcome, message] = ['refused-at-layout', err.message];
        }
      } catch (err) {
        message = err instanceof Error ? (err.stack ?? err.message) : String(err);
        if (err instanceof TaskError) [outcome, message] = ['refused', err.message];
      }
      results.push({ file: m.path, kind: m.kind, detail: m.detail, outcome, message, ms: performance.now() - t0 });
    }

    const crashes = results.filter((r) => r.outcome === 'crash').map((r) => `${r.kind} (${r.detail}): ${r.message.slice(0, 300)}`);
    expect(crashes).toEqual([]);
    const badLines = results
      .filter((r) => r.outcome.startsWith('refused'))
      .map((r) => ({ r, why: badMessage(r.file, r.message) }))
      .filter((x) => x.why)
      .map(({ r, why }) => `${why}: ${r.kind} (${r.detail}): ${JSON.stringify(r.message.slice(0, 300))}`);
    expect(badLines).toEqual([]);

    // Every operator ran, and each of these is refused whatever it lands on.
    const byKind = new Map<string, Result[]>();
    for (const r of results) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
    expect([...byKind.keys()].sort()).toEqual([...OPERATOR_NAMES].sort());
    for (const kind of ['reserved-id', 'duplicate-id', 'cycle', 'deep-nesting']) {
      expect(
        byKind
          .get(kind)!
          .filter((r) => r.outcome === 'runs')
          .map((r) => r.detail),
      ).toEqual([]);
    }
    // Most mutants are refused, and some still run: the fuzzer reaches past the schema too.
    const runs = results.filter((r) => r.outcome === 'runs').length;
    expect(runs).toBeGreaterThan(0);
    expect(runs).toBeLessThan(COUNT / 2);

    const slowest = results.reduce((a, b) => (b.ms > a.ms ? b : a));
    const counts = Object.fromEntries(
      ['runs', 'refused', 'refused-at-layout'].map((o) => [o, results.filter((r) => r.outcome === o).length]),
    );
    console.info(
      `task fuzzer: ${COUNT} mutants, ${JSON.stringify(counts)}; slowest ${slowest.ms.toFixed(0)} ms (${slowest.kind}: ${slowest.detail.slice(0, 80)})`,
    );
  });

  it(`runs a seeded sample of ${CLI_SAMPLE} mutants through the command line: exit 0, 1 or 2, one line for 2, no stack trace`, async () => {
    const rand = prng(SEED + 1);
    const order = mutants.map((m) => ({ m, key: rand() })).sort((a, b) => a.key - b.key);
    const sample = order.slice(0, CLI_SAMPLE).map((x) => x.m);
    const out = tempDir('fuzz-runs');
    const failures: string[] = [];
    const codes: number[] = [];
    const runOne = (m: (typeof mutants)[number], k: number): Promise<void> =>
      new Promise((done) => {
        const args = ['run', '--task', m.path, '--provider', 'builtin', '--monitor', 'none', '--max-repairs', '0', '--no-images'];
        const child = spawn(process.execPath, [BIN, ...args, '--out', join(out, `run_${k}`)], {
          cwd: ROOT,
          env: { ...process.env, POLICYLOOP_KB: 'off' },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => {
          stdout += d;
        });
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        // A hang is a failure: a refusal takes seconds, an episode of the builtin programmer well under a minute.
        const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
        child.on('close', (status) => {
          clearTimeout(timer);
          const what = `${m.kind} (${m.detail.slice(0, 80)})`;
          // A build made stale by someone editing sources during the test says so on a line of its own.
          const lines = stderr.split('\n').filter((l) => l.trim() && !l.startsWith('policyloop: warning: the build in dist/ is stale'));
          codes.push(status ?? -1);
          if (status === null) failures.push(`${what}: killed after 180 s`);
          else if (![0, 1, 2].includes(status)) failures.push(`${what}: exit ${status}: ${stderr.slice(0, 400)}`);
          else if (/^\s+at /m.test(stderr) || /^\s+at /m.test(stdout)) failures.push(`${what}: a stack trace: ${stderr.slice(0, 400)}`);
          else if (status === 2 && lines.length !== 1)
            failures.push(`${what}: exit 2 with ${lines.length} stderr lines: ${stderr.slice(0, 400)}`);
          done();
        });
      });
    const queue = sample.map((m, k) => [m, k] as const);
    await Promise.all(
      [0, 1, 2].map(async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await runOne(next[0], next[1]);
      }),
    );
    expect(failures).toEqual([]);
    expect(codes).toHaveLength(CLI_SAMPLE);
    expect(codes).toContain(2);
  }, 900_000);
});
