// Suites and runs under faults (issue 15): a results file cut off mid-line, two suites into one
// folder, --out that is a file or cannot be written, a write failure mid-suite, two task files
// with one id, --program given something that is not a program file, and an episode that never
// ends. Each is one line and exit 2 (or a recorded TimeoutError), and nothing written is lost.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, copyFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTask } from '../../tasks/index.ts';
import { readResults, runSuite, type SuiteSettings } from '../../policy/suite/index.ts';
import { LOCK_FILE } from '../../policy/suite/suite-lock.ts';
import { PROGRAM_FILE_MAX_BYTES } from '../../cli/commands/common.ts';
import { BIN, ROOT, cliAsync, type CliResult } from '../cli/cli-helpers.ts';
import { startOpenAIServer } from '../helpers/openai-server.ts';
import { NO_REDIS_REASON, startRedisServer } from '../helpers/redis-server.ts';
import { QueueExecutor, runQueueWorker } from '../../policy/suite/queue/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { until } from '../helpers/until.ts';

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

/** A fast suite's arguments (state monitor, no images, no knowledge base). */
function suiteArgs(out: string, seeds: number, tasks = 'lift_block'): string[] {
  return [
    'suite',
    '--tasks',
    tasks,
    '--seeds',
    String(seeds),
    '--workers',
    '2',
    '--monitor',
    'state',
    '--no-images',
    '--max-repairs',
    '1',
    '--no-kb',
    '--out',
    out,
  ];
}

const oneLine = (r: CliResult): string => {
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  return lines[0]!;
};

/** The CLI as another user than root when the tests run as root (root writes read-only files). */
function cliAs(args: string[], env: Record<string, string> = {}, wrap?: (cmd: string) => string): Promise<CliResult> {
  const asRoot = process.getuid?.() === 0;
  const argv = [process.execPath, BIN, ...args];
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((res) => {
    const child = spawn('/bin/bash', ['-c', wrap ? wrap(`exec ${quoted}`) : `exec ${quoted}`], {
      cwd: ROOT,
      env: { ...process.env, HOME: openFolder('faults-home'), ...env },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => res({ status, stdout, stderr }));
  });
}

/** A folder (and its parents' path) another user may write: mode 777 (the test may run as root). */
function openFolder(prefix: string): string {
  const dir = tempDir(prefix);
  chmodSync(dir, 0o777);
  return dir;
}

// One finished two-episode suite, copied by the tests that need results already written.
let base = '';
beforeAll(async () => {
  base = join(tempDir('faults-base'), 'out');
  const r = await cliAsync(suiteArgs(base, 2));
  expect(r.status, r.stderr).toBe(0);
  expect(readResults(join(base, 'results.jsonl'))).toHaveLength(2);
}, 240_000);

/** A copy of the finished suite, writable by anyone (the commands may run as `nobody`). */
function copyOfBase(prefix: string): string {
  const out = join(openFolder(prefix), 'out');
  cpSync(base, out, { recursive: true });
  spawnSync('chmod', ['-R', 'a+rwX', out]);
  return out;
}

describe('suite under faults', () => {
  it('drops a results line cut off mid-write on --resume, says so in one line, and runs its episode again', async () => {
    const out = copyOfBase('faults-torn');
    const file = join(out, 'results.jsonl');
    const text = readFileSync(file, 'utf8');
    const [first, second] = text.split('\n');
    writeFileSync(file, `${first}\n${second!.slice(0, Math.floor(second!.length / 2))}`);
    // A lock left by a suite that was killed: its process is gone.
    const dead = spawn('/bin/true');
    await new Promise((r) => dead.on('close', r));
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: dead.pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const r = await cliAsync([...suiteArgs(out, 2), '--resume']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^results\.jsonl: dropped a partial last line \(line 2, \d+ bytes, cut off mid-write\); its episode runs again$/m,
    );
    expect(r.stderr).toMatch(
      new RegExp(`^policyloop: note: took over the lock of .* left by pid ${dead.pid} on .*, which is no longer running$`, 'm'),
    );
    expect(r.stderr).toMatch(/resuming: 1 episode\(s\) already in results\.jsonl/);
    const lines = readResults(file);
    expect(lines.map((l) => `${l.task}#${l.seed}`).sort()).toEqual(['lift_block#0', 'lift_block#1']);
    // Every line whole: a plain JSON.parse of each reads the file.
    for (const l of readFileSync(file, 'utf8').trim().split('\n')) expect(() => JSON.parse(l)).not.toThrow();
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  }, 240_000);

  it('refuses a second suite into the same --out while the first runs, in one line, and records each episode once', async () => {
    const out = join(tempDir('faults-lock'), 'out');
    const first = cliAsync(suiteArgs(out, 3));
    await until(() => existsSync(join(out, LOCK_FILE)), 'the first suite to take its lock', 60_000);
    const lock = JSON.parse(readFileSync(join(out, LOCK_FILE), 'utf8'));
    expect(lock).toMatchObject({ host: hostname() });
    expect(typeof lock.pid).toBe('number');
    const second = await cliAsync(suiteArgs(out, 3));
    expect(second.status).toBe(2);
    expect(oneLine(second)).toMatch(
      new RegExp(
        `^policyloop: another suite is writing into .*out \\(pid ${lock.pid} on .* since .*\\); wait for it, stop it, or choose another --out$`,
      ),
    );
    const r = await first;
    expect(r.status, r.stderr).toBe(0);
    const keys = readResults(join(out, 'results.jsonl')).map((l) => `${l.task}#${l.seed}`);
    expect(keys.sort()).toEqual(['lift_block#0', 'lift_block#1', 'lift_block#2']);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  }, 240_000);

  it('refuses an --out that is a file, for suite and run, before any work (no model request)', async () => {
    const dir = tempDir('faults-outfile');
    const file = join(dir, 'results');
    writeFileSync(file, 'mine\n');
    const s = await cliAsync(suiteArgs(file, 1));
    expect(s.status).toBe(2);
    expect(oneLine(s)).toBe(`policyloop: --out ${file} is a file, not a folder; give a folder (it is created when missing)`);
    const server = await startOpenAIServer(['```javascript\nmoveTo([0, 0, 0.2]);\n```']);
    try {
      const r = await cliAsync(
        [
          'run',
          '--task',
          'lift_block',
          '--provider',
          'openai',
          '--base-url',
          server.url,
          '--model',
          'test-model',
          '--no-kb',
          '--out',
          file,
        ],
        { OPENAI_API_KEY: 'sk-test' },
      );
      expect(r.status).toBe(2);
      expect(oneLine(r)).toBe(`policyloop: --out ${file} is a file, not a folder; give a folder (it is created when missing)`);
      expect(server.chatBodies).toHaveLength(0);
    } finally {
      await server.close();
    }
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  }, 120_000);

  it('refuses a read-only results.jsonl and an unwritable --out up front, in one line, changing nothing', async () => {
    // Root writes read-only files: the commands run as `nobody` then.
    const out = copyOfBase('faults-readonly');
    chmodSync(out, 0o777);
    const results = join(out, 'results.jsonl');
    chmodSync(results, 0o444);
    const before = readFileSync(results, 'utf8');
    const r = await cliAs([...suiteArgs(out, 3), '--resume']);
    expect(r.status).toBe(2);
    expect(oneLine(r)).toBe(
      `policyloop: ${results} is read-only: the suite appends a line per episode there; make it writable or choose another --out`,
    );
    expect(readFileSync(results, 'utf8')).toBe(before);

    const closed = tempDir('faults-closed');
    chmodSync(closed, 0o755);
    const suite = await cliAs(suiteArgs(join(closed, 'out'), 1));
    expect(suite.status).toBe(2);
    expect(oneLine(suite)).toBe(`policyloop: --out ${join(closed, 'out')}: cannot create it, ${closed} is not writable`);
    const run = await cliAs(['run', '--task', 'lift_block', '--no-kb', '--out', closed]);
    expect(run.status).toBe(2);
    expect(oneLine(run)).toBe(`policyloop: --out ${closed}: the folder is not writable`);
  }, 120_000);

  it('ends the suite in one line when results.jsonl cannot be written mid-suite, keeping every line written', async () => {
    const out = copyOfBase('faults-full');
    const file = join(out, 'results.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const lineBytes = Math.max(...lines.map((l) => Buffer.byteLength(l) + 1));
    // A file size limit (ulimit -f, KiB) the results file reaches after one more line: the next append fails (EFBIG).
    const limitKiB = 24;
    const room = Math.floor(lineBytes * 1.5);
    const pad = limitKiB * 1024 - room - Buffer.byteLength(readFileSync(file, 'utf8'));
    expect(pad).toBeGreaterThan(0);
    // Pad the first row with a field nothing reads, so the file sits just under the limit.
    const row = JSON.parse(lines[0]!);
    row.padding = 'x'.repeat(pad - ',"padding":""'.length);
    writeFileSync(file, [JSON.stringify(row), ...lines.slice(1)].join('\n') + '\n');
    const r = await cliAs([...suiteArgs(out, 4), '--resume'], {}, (cmd) => `ulimit -f ${limitKiB}; ${cmd}`);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(
      /^policyloop: cannot write .*results\.jsonl: EFBIG: file too large, write; the suite stopped, keeping every line written \(1 episode\(s\) of this run recorded, 1 finished unrecorded\); free the space or fix the file, then --resume$/,
    );
    const kept = readResults(file);
    expect(
      kept
        .map((l) => `${l.task}#${l.seed}`)
        .slice(0, 2)
        .sort(),
    ).toEqual(['lift_block#0', 'lift_block#1']);
    expect(kept).toHaveLength(3);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).overall.episodes).toBe(3);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  }, 240_000);

  it('refuses a --task-dir holding two files with one id, naming both', async () => {
    const dir = tempDir('faults-taskdir');
    for (const name of ['a.json', 'b.json']) copyFileSync(join(ROOT, 'tasks/core/lift_block.json'), join(dir, name));
    copyFileSync(join(ROOT, 'tasks/core/lift_block.js'), join(dir, 'lift_block.js'));
    const r = await cliAsync(['suite', '--task-dir', dir, '--seeds', '1', '--no-kb', '--out', join(dir, 'out')]);
    expect(r.status).toBe(2);
    expect(oneLine(r)).toBe(
      `policyloop: two different tasks have the id "lift_block": ${join(dir, 'a.json')} and ${join(dir, 'b.json')}; give each task its own id`,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 60_000);
});

describe('run --program under faults', () => {
  it('refuses a FIFO, /dev/zero, a folder and a file over the cap, in one line each', async () => {
    const dir = tempDir('faults-program');
    const fifo = join(dir, 'program.fifo');
    const mk = spawn('mkfifo', [fifo]);
    await new Promise((r) => mk.on('close', r));
    const big = join(dir, 'big.js');
    writeFileSync(big, '');
    for (let i = 0; i <= PROGRAM_FILE_MAX_BYTES / 65536; i++) appendFileSync(big, `// ${'x'.repeat(65530)}\n`);
    const cases: [string, string][] = [
      [fifo, `--program: ${fifo} is a FIFO; give a program file (a regular file)`],
      ['/dev/zero', '--program: /dev/zero is a device; give a program file (a regular file)'],
      [dir, `--program: ${dir} is a folder; give a program file (a regular file)`],
      [
        big,
        `--program: ${big} is ${readFileSync(big).length} bytes; a program file may hold at most ${PROGRAM_FILE_MAX_BYTES} bytes (1 MiB)`,
      ],
    ];
    const results = await Promise.all(
      cases.map(([p]) => cliAsync(['run', '--task', 'lift_block', '--no-kb', '--program', p, '--out', join(dir, 'run')])),
    );
    results.forEach((r, i) => {
      expect(r.status, cases[i]![0]).toBe(2);
      expect(oneLine(r)).toBe(`policyloop: ${cases[i]![1]}`);
    });
    expect(existsSync(join(dir, 'run'))).toBe(false);
  }, 60_000);
});

describe('the time limit per episode', () => {
  it('stops an episode that never ends, records a TimeoutError, re-runs the episode that shared its thread, and goes on', async () => {
    const out = tempDir('faults-timeout');
    const r = await runSuite({
      tasks: [getTask('lift_block'), getTask('red_on_blue')],
      seeds: [0],
      settings: SETTINGS,
      outDir: out,
      // One thread holding both episodes: the stuck one blocks its sibling until its thread is stopped.
      workers: 1,
      concurrency: 2,
      images: false,
      episodeTimeoutS: 25,
      workerModule: new URL('./fixtures-faults/hanging-worker.js', import.meta.url),
    });
    expect(r.timedOut).toBe(1);
    const lines = readResults(join(out, 'results.jsonl'));
    expect(lines).toHaveLength(2);
    const byKey = new Map(lines.map((l) => [`${l.task}#${l.seed}`, l]));
    const stuck = byKey.get('lift_block#0')!;
    expect(stuck).toMatchObject({ success: false, errorKind: 'TimeoutError' });
    expect(stuck.error).toBe(
      "TimeoutError: the episode ran past the suite's limit of 25 s per episode (--episode-timeout 25); its thread was stopped",
    );
    expect(stuck.wallMs).toBeGreaterThanOrEqual(25_000);
    const sibling = byKey.get('red_on_blue#0')!;
    expect(sibling.error).toBeNull();
    expect(sibling.success).toBe(true);
    expect(r.summary.overall.errors).toBe(1);
    expect(r.summary.overall.episodes).toBe(2);
    expect(r.summary.overall.asr).toBe(0.5);
  }, 240_000);

  it('suite --episode-timeout records every episode past a tiny limit as a TimeoutError naming it, and finishes', async () => {
    const out = join(tempDir('faults-timeout-cli'), 'out');
    const r = await cliAsync([...suiteArgs(out, 2), '--episode-timeout', '0.05']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^2 episode\(s\) stopped past the limit of 0\.05 s per episode \(TimeoutError\)$/m);
    const lines = readResults(join(out, 'results.jsonl'));
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      expect(l.errorKind).toBe('TimeoutError');
      expect(l.error).toContain('limit of 0.05 s per episode (--episode-timeout 0.05)');
    }
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).overall).toMatchObject({ episodes: 2, errors: 2, asr: 0 });
    const help = await cliAsync(['suite', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('--episode-timeout <s> wall-clock limit per episode in seconds');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('TimeoutError; 0 = none (default: 600)');
    const bad = await cliAsync([...suiteArgs(out, 1), '--episode-timeout', 'soon']);
    expect(bad.status).toBe(2);
    expect(oneLine(bad)).toMatch(/--episode-timeout <s>' argument 'soon' is invalid\. Expected seconds from 0 \(no limit\) to 604800/);
  }, 240_000);

  it.skipIf(NO_REDIS_REASON !== null)(
    'a queue worker stops an episode past the limit the job carries, and records it for the coordinator',
    async () => {
      const redis = await startRedisServer();
      const stopWorker = new AbortController();
      try {
        const tasks = [getTask('lift_block'), getTask('red_on_blue')];
        const worker = runQueueWorker({
          url: redis.url,
          queueName: 'faults-timeout',
          workers: 1,
          concurrency: 2,
          out: tempDir('faults-queue-worker'),
          signal: stopWorker.signal,
          workerModule: new URL('./fixtures-faults/hanging-worker.js', import.meta.url),
        });
        const ex = await QueueExecutor.connect({ url: redis.url, queueName: 'faults-timeout', tasks });
        const out = tempDir('faults-queue');
        const r = await runSuite({ tasks, seeds: [0], settings: SETTINGS, outDir: out, executor: ex, images: false, episodeTimeoutS: 25 });
        stopWorker.abort();
        await worker;
        const byKey = new Map(readResults(join(out, 'results.jsonl')).map((l) => [`${l.task}#${l.seed}`, l]));
        expect(byKey.size).toBe(2);
        expect(byKey.get('lift_block#0')).toMatchObject({ errorKind: 'TimeoutError', success: false });
        expect(byKey.get('lift_block#0')!.error).toContain('limit of 25 s per episode');
        expect(byKey.get('red_on_blue#0')).toMatchObject({ error: null, success: true });
        expect(r.summary.overall.errors).toBe(1);
      } finally {
        stopWorker.abort();
        await redis.stop();
      }
    },
    240_000,
  );
});
