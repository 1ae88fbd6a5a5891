// The queue figure (issue 14, "Across machines"; docs/queue.md#figures): a CPU-bound builtin
// suite (the core tasks, --monitor state, no images) through a real redis-server to 1, then
// 2 local `policyloop worker` processes (one thread, one episode at a time each): episodes per
// minute and their ratio. Then the kill check: 2 workers, one SIGKILLed while it holds a job
// mid-episode; every episode must still appear exactly once in results.jsonl.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import { getSuite } from '../tasks/index.ts';
import { readResults, runSuite, type SuiteSettings } from '../policy/suite/index.ts';
import { QueueExecutor } from '../policy/suite/queue/index.ts';
import { packageFile } from '../sim/package-root.ts';

// ---------------------------------------------------------------- a local redis-server

/** The redis-server binary (Debian's package), or null when it is not installed. */
export function redisServerPath(): string | null {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const found = r.stdout.trim();
  return r.status === 0 && found ? found : null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean): void => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once('error', () => done(false));
    s.connect(port, '127.0.0.1', () => s.write('PING\r\n'));
    s.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/** A redis-server on a free loopback port, nothing saved to disk; killed with this process if not stopped. */
export async function startRedisServer(): Promise<RedisServer> {
  const bin = redisServerPath();
  if (!bin) throw new Error('redis-server is not installed (apt-get install redis-server)');
  const port = await freePort();
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => {
    log += d;
  });
  child.stderr!.on('data', (d) => {
    log += d;
  });
  const kill = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', kill);
  const deadline = Date.now() + 10_000;
  while (!(await answers(port))) {
    if (child.exitCode !== null)
      throw new Error(`redis-server exited (${child.exitCode}): ${log.trim().split('\n').slice(-3).join(' | ')}`);
    if (Date.now() > deadline) {
      kill();
      throw new Error(`redis-server did not answer on port ${port} within 10 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    process: child,
    stop: async () => {
      process.off('exit', kill);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const t = setTimeout(kill, 3000);
      await gone;
      clearTimeout(t);
    },
  };
}

// ---------------------------------------------------------------- worker processes

/** node's arguments for `policyloop <args>`: the build when it has the worker command, else the sources through tsx. */
export function policyloopArgs(args: readonly string[]): { args: string[]; entry: 'dist' | 'source' } {
  if (existsSync(packageFile('dist', 'cli', 'commands', 'worker.js')))
    return { args: [packageFile('bin', 'policyloop.js'), ...args], entry: 'dist' };
  const main = pathToFileURL(packageFile('cli', 'main.ts')).href;
  const code = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv);`;
  return { args: ['--import', 'tsx', '--input-type=module', '-e', code, 'policyloop', ...args], entry: 'source' };
}

interface BenchWorker {
  child: ChildProcess;
  episodes: string[];
  ready: Promise<void>;
  exited: Promise<void>;
}

function startBenchWorker(url: string, queueName: string, out: string, env: Record<string, string>): BenchWorker {
  const { args } = policyloopArgs([
    'worker',
    '--queue',
    url,
    '--queue-name',
    queueName,
    '--workers',
    '1',
    '--concurrency',
    '1',
    '--out',
    out,
  ]);
  const child = spawn(process.execPath, args, { env: { ...process.env, POLICYLOOP_KB: 'off', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const episodes: string[] = [];
  let err = '';
  let outBuf = '';
  child.stdout!.on('data', (d: Buffer) => {
    outBuf += d.toString();
    const parts = outBuf.split('\n');
    outBuf = parts.pop()!;
    episodes.push(...parts.filter((l) => /^(ok |FAIL)/.test(l)));
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (/^worker: queue /m.test(err)) resolve();
    });
    void exited.then(() => reject(new Error(`worker exited before it was ready: ${err.trim().slice(-400)}`)));
  });
  return { child, episodes, ready, exited };
}

async function stopAll(ws: BenchWorker[]): Promise<void> {
  for (const w of ws) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  await Promise.all(ws.map((w) => w.exited));
}

// ---------------------------------------------------------------- the figure

export interface QueueThroughput {
  workers: number;
  episodes: number;
  /** Episodes each worker process ran. */
  perWorker: number[];
  wallSeconds: number;
  episodesPerMinute: number;
}

export interface QueueFigure {
  /** What the workers ran: the build (dist) or the sources through tsx. */
  entry: 'dist' | 'source';
  suite: string;
  runs: QueueThroughput[];
  /** 2 workers' episodes per minute over 1 worker's. */
  ratio: number;
  /**
   * The same suite in this process's own pool (no queue), 1 then 2 threads: what 2 cores give
   * on this machine at this moment — the ceiling for the queue's ratio on a shared machine.
   */
  local: { episodesPerMinute: number[]; ratio: number };
  kill: {
    episodes: number;
    /** Rows in results.jsonl and distinct episodes among them: equal to `episodes` when nothing was lost or doubled. */
    rows: number;
    distinct: number;
    /** The episode the killed worker held; the survivor ran it again. */
    killedMidEpisode: string | null;
    rerunBySurvivor: boolean;
    wallSeconds: number;
  };
}

const SETTINGS: SuiteSettings = {
  provider: 'builtin',
  model: 'rules',
  vlmModel: null,
  monitor: 'state',
  maxRepairs: 3,
  engine: 'rapier',
  oracle: true,
  perception: 'exact',
};

export async function queueFigure(seeds = 3, suiteName = 'core'): Promise<QueueFigure | { skipped: string }> {
  if (!redisServerPath()) return { skipped: 'redis-server is not installed' };
  const redis = await startRedisServer();
  const tmp = mkdtempSync(join(tmpdir(), 'policyloop-bench-queue-'));
  const tasks = getSuite(suiteName);
  const seedList = Array.from({ length: seeds }, (_, i) => i);
  const entry = policyloopArgs([]).entry;
  const all: BenchWorker[] = [];
  try {
    const runs: QueueThroughput[] = [];
    for (const n of [1, 2]) {
      const name = `bench${n}`;
      const ws = Array.from({ length: n }, (_, i) => startBenchWorker(redis.url, name, join(tmp, `w${n}-${i}`), {}));
      all.push(...ws);
      await Promise.all(ws.map((w) => w.ready));
      const ex = await QueueExecutor.connect({ url: redis.url, queueName: name, tasks });
      const t0 = performance.now();
      const r = await runSuite({ tasks, seeds: seedList, settings: SETTINGS, outDir: join(tmp, `suite${n}`), executor: ex, images: false });
      const wall = (performance.now() - t0) / 1000;
      runs.push({
        workers: n,
        episodes: r.lines.length,
        perWorker: ws.map((w) => w.episodes.length),
        wallSeconds: round1(wall),
        episodesPerMinute: Math.round((r.lines.length / wall) * 60),
      });
      await stopAll(ws);
    }

    const localEpm: number[] = [];
    for (const threads of [1, 2]) {
      const t0 = performance.now();
      const r = await runSuite({
        tasks,
        seeds: seedList,
        settings: SETTINGS,
        outDir: join(tmp, `local${threads}`),
        workers: threads,
        images: false,
      });
      localEpm.push(Math.round((r.lines.length / ((performance.now() - t0) / 1000)) * 60));
    }

    // The kill check, with short locks so the killed worker's job comes back within seconds.
    const fast = { POLICYLOOP_QUEUE_LOCK_MS: '4000', POLICYLOOP_QUEUE_STALLED_MS: '1000' };
    const saved = { ...process.env };
    Object.assign(process.env, fast, { POLICYLOOP_QUEUE_POLL_MS: '300' });
    const name = 'benchkill';
    const [a, b] = [0, 1].map((i) => startBenchWorker(redis.url, name, join(tmp, `k-${i}`), fast)) as [BenchWorker, BenchWorker];
    all.push(a, b);
    await Promise.all([a.ready, b.ready]);
    const ex = await QueueExecutor.connect({ url: redis.url, queueName: name, tasks });
    process.env = saved;
    const queue = new Queue(name, { connection: { host: '127.0.0.1', port: redis.port } });
    const t0 = performance.now();
    const suite = runSuite({ tasks, seeds: seedList, settings: SETTINGS, outDir: join(tmp, 'kill'), executor: ex, images: false });
    let killed: string | null = null;
    while (killed === null && a.episodes.length < 1000) {
      if (a.episodes.length > 0) {
        // A job A holds and has not finished (a finished one stays active until its result is stored).
        const held = (await queue.getActive()).find(
          (j) =>
            j.processedBy?.endsWith(`:${a.child.pid}`) &&
            !a.episodes.some((l) => l.includes(` ${j.data.episode.taskId} seed ${j.data.episode.seed} `)),
        );
        if (held) {
          a.child.kill('SIGKILL');
          killed = `${held.data.episode.taskId} seed ${held.data.episode.seed}`;
          break;
        }
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const r = await suite;
    const wall = (performance.now() - t0) / 1000;
    await queue.close();
    const rows = readResults(r.resultsFile);
    const kill = {
      episodes: tasks.length * seeds,
      rows: rows.length,
      distinct: new Set(rows.map((l) => `${l.task}#${l.seed}`)).size,
      killedMidEpisode: killed,
      rerunBySurvivor: killed !== null && b.episodes.some((l) => l.includes(` ${killed} `)),
      wallSeconds: round1(wall),
    };
    const [one, two] = runs as [QueueThroughput, QueueThroughput];
    return {
      entry,
      suite: `${suiteName} × ${seeds} seeds, builtin, --monitor state, --max-repairs 3`,
      runs,
      ratio: Math.round((two.episodesPerMinute / one.episodesPerMinute) * 100) / 100,
      local: { episodesPerMinute: localEpm, ratio: Math.round((localEpm[1]! / localEpm[0]!) * 100) / 100 },
      kill,
    };
  } finally {
    await stopAll(all);
    await redis.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** One line for `policyloop bench`. */
export function queueLine(f: QueueFigure | { skipped: string }): string {
  if ('skipped' in f) return `queue: skipped (${f.skipped})`;
  const [one, two] = f.runs as [QueueThroughput, QueueThroughput];
  const k = f.kill;
  return (
    `queue (Redis, ${f.suite}): 1 worker process ${one.episodesPerMinute} episodes/min, 2 workers ${two.episodesPerMinute} (${f.ratio}×; ` +
    `the local pool here and now: 1 thread ${f.local.episodesPerMinute[0]}, 2 threads ${f.local.episodesPerMinute[1]}, ${f.local.ratio}×); ` +
    `one of 2 SIGKILLed mid-episode (${k.killedMidEpisode ?? 'no job held'}${k.rerunBySurvivor ? ', re-run by the other' : ''}): ${k.rows} rows, ${k.distinct} distinct of ${k.episodes} episodes`
  );
}
