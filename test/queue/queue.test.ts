// Suites on a real redis-server (docs/queue.md): round trip against a local run, a worker
// SIGKILLed mid-episode, resume, and the one-line errors for a bad URL or an unreachable server.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTask } from '../../tasks/index.ts';
import { readResults, runSuite, type EpisodeJob, type ResultLine, type SuiteSettings } from '../../policy/suite/index.ts';
import { checkRedis, parseRedisUrl, QueueExecutor } from '../../policy/suite/queue/index.ts';
import { freePort, NO_REDIS_REASON, startRedisServer, type RedisServer } from '../helpers/redis-server.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { FAST_QUEUE_ENV, startWorker, stopWorker, type WorkerProcess } from './queue-helpers.ts';
import { spawn, spawnSync } from 'node:child_process';
import { ROOT, sourceCli } from './cli-source.ts';

const SETTINGS: SuiteSettings = {
  provider: 'builtin',
  model: 'rules',
  vlmModel: null,
  monitor: 'state',
  maxRepairs: 0,
  engine: 'rapier',
  oracle: true,
  perception: 'exact',
};

// The coordinator in this process reads the same short timings as the workers.
Object.assign(process.env, FAST_QUEUE_ENV);

/** A line without what differs between two runs of the same episode (times). */
function comparable(line: ResultLine): unknown {
  return JSON.parse(JSON.stringify(line), (k, v) => (/Ms$/.test(k) || k === 'startedAt' ? undefined : v));
}

const byEpisode = (a: ResultLine, b: ResultLine): number => a.task.localeCompare(b.task) || a.seed - b.seed;

/** Jobs left on a queue in any state. */
async function left(queue: Queue): Promise<number> {
  const c = await queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed', 'prioritized', 'paused');
  return Object.values(c).reduce((a, b) => a + b, 0);
}

function episodeKeys(file: string): string[] {
  return readResults(file)
    .map((l) => `${l.task}#${l.seed}`)
    .sort();
}

describe.skipIf(NO_REDIS_REASON !== null)('suite on a Redis queue', () => {
  let redis: RedisServer;
  const workers: WorkerProcess[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await redis?.stop();
  });

  it('round trip: a worker process runs the episodes; results, summary and failed-episode images match a local run', async () => {
    const tasks = [getTask('lift_block'), getTask('slippery_bottle')];
    const local = tempDir('queue-local');
    const queued = tempDir('queue-coord');
    const settings = { ...SETTINGS };
    const l = await runSuite({ tasks, seeds: [0, 1], settings, outDir: local, workers: 2, images: true });

    const ex = await QueueExecutor.connect({ url: redis.url, queueName: 'roundtrip', tasks });
    // No worker yet: the progress says so, with the command to start one.
    expect(ex.statusLine()).toMatch(
      /^waiting for workers .*policyloop worker --queue redis:\/\/127\.0\.0\.1:\d+\/0 --queue-name roundtrip/,
    );
    const w = startWorker(redis.url, ['--queue-name', 'roundtrip', '--concurrency', '2', '--workers', '2', '--out', tempDir('queue-w')]);
    workers.push(w);
    const q = await runSuite({ tasks, seeds: [0, 1], settings, outDir: queued, executor: ex, images: true });

    const a = readResults(l.resultsFile).sort(byEpisode);
    const b = readResults(q.resultsFile).sort(byEpisode);
    expect(b).toHaveLength(4);
    expect(b.map(comparable)).toEqual(a.map(comparable));
    expect(b.some((x) => !x.success)).toBe(true);
    expect(
      w.lines.filter((x) => /^(ok |FAIL)/.test(x)),
      w.lines.join('\n'),
    ).toHaveLength(4);
    // The summaries agree but for times and the worker counts.
    const strip = (s: Record<string, unknown>): unknown =>
      JSON.parse(JSON.stringify(s), (k, v) => (/Ms|At$|^workers$|^concurrency$|PerMinute$/.test(k) ? undefined : v));
    const sa = JSON.parse(readFileSync(l.summaryFile, 'utf8'));
    const sb = JSON.parse(readFileSync(q.summaryFile, 'utf8'));
    expect(strip(sb)).toEqual(strip(sa));
    // The failed episodes' files came back: images, diagnosis, program; trace.json stayed on the worker.
    for (const line of b.filter((x) => !x.success)) {
      const cp = join(queued, line.dir, 'attempt-0', 'checkpoints');
      expect(readdirSync(cp).sort()).toEqual(readdirSync(join(local, line.dir, 'attempt-0', 'checkpoints')).sort());
      expect(readFileSync(join(queued, line.dir, 'attempt-0', 'diagnosis.txt'), 'utf8')).toBe(
        readFileSync(join(local, line.dir, 'attempt-0', 'diagnosis.txt'), 'utf8'),
      );
      expect(existsSync(join(queued, line.dir, 'attempt-0', 'trace.json'))).toBe(false);
    }
    for (const line of b.filter((x) => x.success)) {
      expect(existsSync(join(queued, line.dir, 'episode.json'))).toBe(true);
      expect(existsSync(join(queued, line.dir, 'attempt-0', 'checkpoints'))).toBe(false);
    }
    const html = readFileSync(q.reportFile, 'utf8');
    expect(html).toContain('data:image/png;base64,');
    expect(html).toContain('Diagnosis');
    // Collected jobs leave the queue.
    const queue = new Queue('roundtrip', { connection: { host: '127.0.0.1', port: redis.port } });
    expect(await left(queue)).toBe(0);
    await queue.close();
    expect(await stopWorker(w)).toBe(0);
    expect(w.stderr()).toMatch(/worker: stopped after 4 episode\(s\)/);
  });

  it('a worker SIGKILLed mid-episode loses nothing: its job is retried by the other, every episode recorded once', async () => {
    // Enough work that A, once warm, still finds jobs: B may have run many while A's thread started.
    const tasks = [getTask('stack_three'), getTask('red_on_blue')];
    const seeds = [0, 1, 2, 3, 4, 5];
    const out = tempDir('queue-kill');
    const name = 'killtest';
    const a = startWorker(redis.url, ['--queue-name', name, '--concurrency', '1', '--workers', '1', '--out', tempDir('queue-wa')]);
    const b = startWorker(redis.url, ['--queue-name', name, '--concurrency', '1', '--workers', '1', '--out', tempDir('queue-wb')]);
    workers.push(a, b);
    await Promise.all([a.waitFor(/^worker: queue killtest/), b.waitFor(/^worker: queue killtest/)]);
    const ex = await QueueExecutor.connect({ url: redis.url, queueName: name, tasks });
    const queue = new Queue(name, { connection: { host: '127.0.0.1', port: redis.port } });
    const suite = runSuite({ tasks, seeds, settings: SETTINGS, outDir: out, executor: ex, images: false });
    // After A's first episode, wait until it holds the next job, then kill it mid-episode.
    await a.waitFor(/^(ok |FAIL)/);
    let held: EpisodeJob | null = null;
    for (const until = Date.now() + 60_000; held === null && Date.now() < until; ) {
      const active = await queue.getActive();
      // A job A holds and has not finished (a finished one stays active until its result is stored).
      const mine = active.find(
        (j) =>
          j.processedBy?.endsWith(`:${a.child.pid}`) &&
          !a.lines.some((l) => l.includes(` ${j.data.episode.taskId} seed ${j.data.episode.seed} `)),
      );
      held = mine?.data.episode ?? null;
      if (held === null) await new Promise((r) => setTimeout(r, 25));
    }
    a.child.kill('SIGKILL');
    expect(held).not.toBeNull();
    const episode = held!;
    expect(await a.exited).toBe('SIGKILL');
    const r = await suite;
    await queue.close();
    expect(r.ran).toBe(12);
    const keys = episodeKeys(r.resultsFile);
    expect(keys).toEqual([...new Set(keys)]);
    expect(keys).toHaveLength(12);
    expect(readResults(r.resultsFile).every((l) => l.error === null)).toBe(true);
    // The killed worker's episode was run again by B (unless A finished it in the very millisecond before the kill).
    const finishedByA = a.lines.some((l) => l.includes(` ${episode.taskId} seed ${episode.seed} `));
    if (!finishedByA)
      expect(
        b.lines.some((l) => l.includes(` ${episode.taskId} seed ${episode.seed} `)),
        `${episode.taskId}#${episode.seed} not in B's lines:\n${b.lines.join('\n')}\nA's:\n${a.lines.join('\n')}`,
      ).toBe(true);
    expect(await stopWorker(b)).toBe(0);
  });

  it('resume: an interrupted coordinator leaves the rest; --resume enqueues only the missing episodes', async () => {
    const tasks = [getTask('lift_block'), getTask('red_on_blue')];
    const seeds = [0, 1, 2];
    const out = tempDir('queue-resume');
    const name = 'resumetest';
    const w = startWorker(redis.url, ['--queue-name', name, '--concurrency', '1', '--workers', '1', '--out', tempDir('queue-wr')]);
    workers.push(w);
    const ac = new AbortController();
    const ex1 = await QueueExecutor.connect({ url: redis.url, queueName: name, tasks, signal: ac.signal });
    const first = await runSuite({
      tasks,
      seeds,
      settings: SETTINGS,
      outDir: out,
      executor: ex1,
      images: false,
      signal: ac.signal,
      onEpisode: (_l, p) => {
        if (p.done === 2) ac.abort();
      },
    });
    expect(first.interrupted).toBe(true);
    const recorded = episodeKeys(first.resultsFile);
    expect(recorded.length).toBeGreaterThanOrEqual(2);
    expect(recorded.length).toBeLessThan(6);
    const queue = new Queue(name, { connection: { host: '127.0.0.1', port: redis.port } });
    // The waiting jobs were taken off the queue; nothing of this suite is left waiting.
    expect((await queue.getJobCounts('waiting')).waiting).toBe(0);

    let submitted = 0;
    const ex2 = await QueueExecutor.connect({ url: redis.url, queueName: name, tasks });
    const run = ex2.run.bind(ex2);
    ex2.run = (job) => {
      submitted++;
      return run(job);
    };
    const second = await runSuite({ tasks, seeds, settings: SETTINGS, outDir: out, executor: ex2, images: false, resume: true });
    expect(second.skipped).toBe(recorded.length);
    expect(submitted).toBe(6 - recorded.length);
    const keys = episodeKeys(second.resultsFile);
    expect(keys).toHaveLength(6);
    expect(new Set(keys).size).toBe(6);
    expect(second.summary.overall.episodes).toBe(6);
    expect(await left(queue)).toBe(0);
    await queue.close();
    expect(await stopWorker(w)).toBe(0);
  });

  it('the command line: `suite --queue` says it waits for workers, then collects what a worker started later ran', async () => {
    const out = tempDir('queue-cli');
    const args = ['suite', '--tasks', 'lift_block', '--seeds', '2', '--monitor', 'state', '--max-repairs', '0', '--no-images'];
    const coord = spawn(process.execPath, sourceCli([...args, '--queue', redis.url, '--queue-name', 'clitest', '--out', out]), {
      cwd: ROOT,
      env: { ...process.env, ...FAST_QUEUE_ENV },
    });
    let err = '';
    let stdout = '';
    coord.stderr.on('data', (d) => {
      err += d;
    });
    coord.stdout.on('data', (d) => {
      stdout += d;
    });
    const exited = new Promise<number | null>((r) => coord.on('exit', (code) => r(code)));
    for (const until = Date.now() + 60_000; !/waiting for workers/.test(err) && Date.now() < until; )
      await new Promise((r) => setTimeout(r, 100));
    expect(err).toMatch(
      /2 episode\(s\): 1 task\(s\) × 2 seed\(s\), on queue clitest at redis:\/\/127\.0\.0\.1:\d+\/0 \(0 worker\(s\) there now\)/,
    );
    expect(err).toMatch(
      /waiting for workers \(queue clitest: 2 waiting, 0 active\); start one with: policyloop worker --queue redis:\/\/127\.0\.0\.1:\d+\/0 --queue-name clitest/,
    );
    const w = startWorker(redis.url, ['--queue-name', 'clitest', '--workers', '1', '--out', tempDir('queue-wcli')]);
    workers.push(w);
    expect(await exited, err).toBe(0);
    expect(err).toMatch(/queue clitest: \d+ waiting, \d+ active, 1 worker\(s\)/);
    expect(stdout).toMatch(/^results: /m);
    expect(episodeKeys(join(out, 'results.jsonl'))).toEqual(['lift_block#0', 'lift_block#1']);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).workers).toBe(1);
    expect(await stopWorker(w)).toBe(0);
    // The same command again without --resume: refused in one line, and the process exits (its Redis connections closed).
    const again = spawnSync(process.execPath, sourceCli([...args, '--queue', redis.url, '--queue-name', 'clitest', '--out', out]), {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(again.status, again.stderr).toBe(2);
    expect(again.stderr).toMatch(/already holds results; pass --resume/);
    // Local-run options are refused with --queue, in one line.
    const r = spawnSync(process.execPath, sourceCli([...args, '--queue', redis.url, '--concurrency', '4']), {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('policyloop: --concurrency applies to a local run; with --queue, give it to each `policyloop worker`\n');
  });

  it('a bad URL and an unreachable server are one line each, and quick', async () => {
    expect(() => parseRedisUrl('localhost:6379')).toThrow(/^--queue: "localhost:6379" is not a Redis URL: the scheme is "localhost"/);
    expect(() => parseRedisUrl('redis://host:6379/x')).toThrow(/the database "x" is not a number/);
    expect(() => parseRedisUrl('http://host')).toThrow(/not a Redis URL/);
    const closed = await freePort();
    const t0 = performance.now();
    await expect(checkRedis(parseRedisUrl(`redis://127.0.0.1:${closed}/0`))).rejects.toThrow(
      new RegExp(`^cannot reach Redis at redis://127\\.0\\.0\\.1:${closed}/0: ECONNREFUSED`),
    );
    expect(performance.now() - t0).toBeLessThan(3500);
    expect(await checkRedis(parseRedisUrl(redis.url))).toMatch(/^\d+\.\d+/);
    // Through the command line: exit 2 and one line on stderr.
    for (const [args, re] of [
      [['worker', '--queue', 'redis//nohost'], /^policyloop: --queue: not a URL: "redis\/\/nohost"/],
      [['worker', '--queue', `redis://127.0.0.1:${closed}`], /^policyloop: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/],
      [['worker', '--queue', redis.url, '--queue-name', 'a:b'], /^policyloop: --queue-name: "a:b" is not a queue name/],
    ] as const) {
      const r = spawnSync(process.execPath, sourceCli(args), {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, POLICYLOOP_KB: 'off' },
      });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(re);
    }
  });
});
