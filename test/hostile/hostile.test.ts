// The hostile corpus (test/hostile/README.md, issue 15): every program of programs/ runs as
// an attempt on a real core task (real world, real sandbox) with a 2 s CPU budget and must
// end as corpus.json says — the error kind and message, the logs, within the budget + 2 s,
// trace.json writable and under its budget — without growing this process's memory, and a
// control program run after it in the same process must give exactly what it gives in a
// fresh process. Then the whole corpus runs as a suite in worker threads, a control
// episode after each hostile one, so state carried between episodes in a worker shows too.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResults, runSuite, type SuiteSettings } from '../../policy/suite/index.ts';
import { getTask } from '../../tasks/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import {
  budgetOf,
  CORPUS_TASK,
  HOSTILE_DIR,
  controlProgram,
  digest,
  episodeDigest,
  loadCorpus,
  problems,
  programText,
  runProgram,
  type EpisodeDigest,
  type RunResult,
} from './corpus.ts';

const corpus = loadCorpus();
/** Per program: the hostile run, maybe a second one, and the control after it (generous: a failure shows as a wrong outcome, not a timeout). */
const timeoutOf = (cpuMs: number): number => 3 * (cpuMs + 10_000);
/** Growth of this process's resident memory over the whole corpus that counts as ballooning. */
const MAX_RSS_GROWTH_BYTES = 768 * 1024 * 1024;

interface Reference {
  digest: string;
  error: unknown;
  logs: string[];
  episode: EpisodeDigest;
}

/** The control program's results in a fresh process (control-run.ts). */
async function freshControl(): Promise<Reference> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(HOSTILE_DIR, 'control-run.ts')], {
    maxBuffer: 16 * 1024 * 1024,
    timeout: 180_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Reference;
}

let reference: Reference;
let baseRss = 0;
const figures: string[] = [];

beforeAll(async () => {
  reference = await freshControl();
  expect(reference.error).toBeNull();
  // Warm up this process (QuickJS, the sandbox thread, Rapier) before the memory baseline.
  const first = await runProgram(controlProgram());
  expect(digest(first.outcome)).toBe(reference.digest);
  baseRss = process.memoryUsage().rss;
}, 240_000);

afterAll(() => {
  if (figures.length > 0) console.log(`hostile corpus (wall ms, kind, rss growth MB):\n${figures.join('\n')}`);
});

describe('the hostile corpus, one attempt each in this process', () => {
  it('has at least 40 programs, each with a header saying what it attacks and what must happen', () => {
    expect(corpus.programs.length).toBeGreaterThanOrEqual(40);
    for (const entry of corpus.programs) {
      const head = programText(entry.file).split('\n').slice(0, 2);
      expect(head[0], entry.file).toMatch(/^\/\/ attacks: \S/);
      expect(head[1], entry.file).toMatch(/^\/\/ must: \S/);
      expect(entry.expect.length, entry.file).toBeGreaterThan(0);
    }
  });

  for (const entry of corpus.programs) {
    it(
      entry.file,
      async () => {
        const program = programText(entry.file);
        const cpuMs = budgetOf(entry);
        const run = await runProgram(program, { cpuMs });
        const second: RunResult | undefined = entry.deterministic ? await runProgram(program, { cpuMs }) : undefined;
        const found = problems(entry, corpus, run, second);

        // Nothing leaked: the control gives what it gives in a fresh process.
        const control = await runProgram(controlProgram());
        if (digest(control.outcome) !== reference.digest) {
          const logs = control.outcome.trace.events.filter((e) => e.type === 'log').map((e) => (e as { message: string }).message);
          const differing = logs.filter((l, i) => l !== reference.logs[i]);
          found.push(
            `the control run after it differs from a fresh process: ${control.outcome.error ? `${control.outcome.error.kind}: ${control.outcome.error.message}` : 'no error'}; log lines that differ: ${JSON.stringify(differing).slice(0, 600)}`,
          );
        }
        const growth = process.memoryUsage().rss - baseRss;
        if (growth > MAX_RSS_GROWTH_BYTES) found.push(`this process's memory grew by ${Math.round(growth / 2 ** 20)} MB`);
        figures.push(`${entry.file}\t${Math.round(run.wallMs)}\t${run.outcome.error?.kind ?? 'success'}\t${Math.round(growth / 2 ** 20)}`);
        expect(found).toEqual([]);
      },
      timeoutOf(budgetOf(entry)),
    );
  }
});

describe('the hostile corpus as a suite in worker threads', () => {
  it('records every episode as expected, and each control episode after a hostile one matches a fresh process', async () => {
    const out = tempDir('hostile-suite');
    const settings: SuiteSettings = {
      provider: 'builtin',
      model: 'rules',
      vlmModel: null,
      monitor: 'state',
      maxRepairs: 0,
      engine: 'rapier',
      oracle: true,
      perception: 'exact',
    };
    // Seed 2k is corpus program k, seed 2k + 1 the control after it (hostile-episode.ts).
    const seeds = corpus.programs.flatMap((_, k) => [2 * k, 2 * k + 1]);
    const t0 = performance.now();
    const result = await runSuite({
      tasks: [getTask(CORPUS_TASK)],
      seeds,
      settings,
      outDir: out,
      workers: 2,
      images: false,
      workerModule: new URL('./hostile-worker.js', import.meta.url),
    });
    const wallMs = performance.now() - t0;
    const rows = readResults(result.resultsFile);
    expect(rows).toHaveLength(seeds.length);
    const found: string[] = [];
    for (const row of rows) {
      const entry = corpus.programs[Math.floor(row.seed / 2)]!;
      const name = row.seed % 2 === 0 ? entry.file : `control after ${entry.file}`;
      if (row.error) {
        found.push(`${name}: the episode did not finish: ${row.error}`);
        continue;
      }
      if (row.seed % 2 === 0) {
        const error = row.attempts[0]?.error ?? null;
        const kind = error?.kind ?? 'success';
        if (!entry.expect.includes(kind))
          found.push(`${name}: ended as ${kind}${error ? `: ${error.message.slice(0, 200)}` : ''}; expected ${entry.expect.join(' or ')}`);
      } else {
        const got = episodeDigest(join(out, row.dir), row);
        if (JSON.stringify(got) !== JSON.stringify(reference.episode)) {
          found.push(`${name}: differs from a fresh process (${JSON.stringify(got)} vs ${JSON.stringify(reference.episode)})`);
        }
      }
    }
    figures.push(`suite of ${seeds.length} episodes on 2 workers\t${Math.round(wallMs)}`);
    expect(found).toEqual([]);
  }, 900_000);
});
