// suite.modelLatency (issue 14): a suite against an OpenAI-protocol server that answers every
// request after a fixed delay, as a model server does — episodes per minute, the peak memory
// of the process, and the most episodes and model requests ever in flight, against the limit.
//
//   npx tsx bench/concurrency-bench.ts [--episodes 200] [--delay-ms 2000] [--concurrency 32] [--workers 2]
//
// The server (node:http on 127.0.0.1, a free port) answers every chat completion with the same
// program for lift_block, after the delay; one attempt per episode (--max-repairs 0), the
// state monitor, so the figure is the suite machinery's, not a model's or a renderer's.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getTask } from '../tasks/index.ts';
import { runSuite } from '../policy/suite/index.ts';
import type { SuiteSettings } from '../policy/suite/index.ts';
import { samplePeakRss } from './process-memory.ts';

const REPLY = [
  'Plan:',
  '1. pick up the red block and hold it',
  '```javascript',
  "subgoal('pick up the red block', { expect: { grasped: 'red_block' } });",
  "pick('red_block', { liftHeight: 0.12 });",
  'wait(0.5);',
  '```',
].join('\n');

export interface ModelLatencyFigure {
  episodes: number;
  delayMs: number;
  concurrency: number;
  workers: number;
  wallSeconds: number;
  episodesPerMinute: number;
  /** Episodes without an error that solved the task (the fixed program solves lift_block). */
  succeeded: number;
  peakMemoryMB: number;
  /** The most episodes in flight the suite ever had, and the most requests the server saw at once. */
  peakEpisodesInFlight: number;
  peakRequestsAtServer: number;
  /** The best possible at this delay and concurrency: concurrency / delay. */
  latencyBoundPerMinute: number;
}

/** A model server that answers every chat completion with `reply` after `delayMs`; counts requests in flight. */
export async function startSlowModelServer(delayMs: number, reply: string = REPLY) {
  const counts = { now: 0, max: 0, total: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      counts.total++;
      counts.now++;
      counts.max = Math.max(counts.max, counts.now);
      const body = Buffer.concat(chunks).toString('utf8');
      setTimeout(() => {
        counts.now--;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: `bench-${counts.total}`,
            object: 'chat.completion',
            created: 0,
            model: 'bench-model',
            choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }],
            usage: { prompt_tokens: Math.ceil(body.length / 4), completion_tokens: Math.ceil(reply.length / 4) },
          }),
        );
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    counts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function modelLatencyFigure(
  opts: { episodes?: number; delayMs?: number; concurrency?: number; workers?: number } = {},
): Promise<ModelLatencyFigure> {
  const episodes = opts.episodes ?? 200;
  const delayMs = opts.delayMs ?? 2000;
  const concurrency = opts.concurrency ?? 32;
  const workers = opts.workers ?? 2;
  const server = await startSlowModelServer(delayMs);
  const saved = { base: process.env.OPENAI_BASE_URL, key: process.env.OPENAI_API_KEY };
  process.env.OPENAI_BASE_URL = server.url;
  process.env.OPENAI_API_KEY = 'bench';
  const settings: SuiteSettings = {
    provider: 'openai',
    model: 'bench-model',
    vlmModel: null,
    monitor: 'state',
    maxRepairs: 0,
    engine: 'rapier',
    oracle: true,
    perception: 'exact',
  };
  const out = mkdtempSync(join(tmpdir(), 'policyloop-bench-latency-'));
  const mem = samplePeakRss();
  let peakInFlight = 0;
  const t0 = performance.now();
  try {
    const r = await runSuite({
      tasks: [getTask('lift_block')],
      seeds: Array.from({ length: episodes }, (_, i) => i),
      settings,
      outDir: out,
      workers,
      concurrency,
      images: false,
      onTick: (p) => {
        peakInFlight = Math.max(peakInFlight, p.inFlight);
      },
      // Reported while the finished episode still counts as in flight.
      onEpisode: (_l, p) => {
        peakInFlight = Math.max(peakInFlight, p.inFlight);
      },
    });
    const wall = (performance.now() - t0) / 1000;
    return {
      episodes: r.lines.length,
      delayMs,
      concurrency,
      workers: r.summary.workers,
      wallSeconds: Math.round(wall * 10) / 10,
      episodesPerMinute: Math.round((r.lines.length / wall) * 60),
      succeeded: r.lines.filter((l) => l.success && l.error === null).length,
      peakMemoryMB: Math.round(mem.stop() / 2 ** 20),
      peakEpisodesInFlight: peakInFlight,
      peakRequestsAtServer: server.counts.max,
      latencyBoundPerMinute: Math.round((concurrency / (delayMs / 1000)) * 60),
    };
  } finally {
    mem.stop();
    process.env.OPENAI_BASE_URL = saved.base ?? '';
    process.env.OPENAI_API_KEY = saved.key ?? '';
    await server.close();
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      episodes: { type: 'string' },
      'delay-ms': { type: 'string' },
      concurrency: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  const num = (v: string | undefined, name: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
      console.error(`--${name}: expected a whole number >= 1, got "${v}"`);
      process.exit(2);
    }
    return n;
  };
  const figure = await modelLatencyFigure({
    episodes: num(values.episodes, 'episodes'),
    delayMs: num(values['delay-ms'], 'delay-ms'),
    concurrency: num(values.concurrency, 'concurrency'),
    workers: num(values.workers, 'workers'),
  });
  console.log(JSON.stringify(figure, null, 2));
}
