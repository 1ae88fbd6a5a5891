// Episodes in flight and the model gate (issue 14): several episodes per worker thread,
// interleaved at model calls; --max-inflight / --max-rpm / --max-tpm over all of them; a 429
// backs off every episode. Against the real OpenAI-protocol test server, counting requests.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { getTask } from '../../tasks/index.ts';
import { readResults, runSuite } from '../../policy/suite/index.ts';
import type { SuiteSettings } from '../../policy/suite/index.ts';
import { LocalModelGate, RateGate, estimateBodyTokens, retryAfterMs } from '../../llm/rate-gate.ts';
import { startOpenAIServer, type OpenAIServer, type ScriptStep } from '../helpers/openai-server.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const PROGRAM = [
  'Plan:',
  '1. pick up the red block',
  '```javascript',
  "subgoal('pick up the red block', { expect: { grasped: 'red_block' } });",
  "pick('red_block', { liftHeight: 0.12 });",
  'wait(0.5);',
  '```',
].join('\n');

const SETTINGS: SuiteSettings = {
  provider: 'openai',
  model: 'test-model',
  vlmModel: null,
  monitor: 'state',
  maxRepairs: 0,
  engine: 'rapier',
  oracle: true,
  perception: 'exact',
};

describe('RateGate', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets no more than maxInflight requests through until one is released', async () => {
    const gate = new RateGate({ maxInflight: 2 });
    const granted: number[] = [];
    const permits = [0, 1, 2, 3].map((i) => gate.acquire(10).then((p) => (granted.push(i), p)));
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 1]);
    (await permits[0]!).release({ status: 200, latencyMs: 5 });
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 1, 2]);
    expect(gate.stats()).toMatchObject({ inflight: 2, waiting: 1, peakInflight: 2, latencyMs: 5 });
  });

  it('spreads requests over the minute with maxRpm and maxTpm', async () => {
    const rpm = new RateGate({ maxRpm: 3 });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) void rpm.acquire(1).then((p) => (times.push(Date.now()), p.release({ status: 200, latencyMs: 1 })));
    await vi.advanceTimersByTimeAsync(0);
    expect(times).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(times).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(times).toHaveLength(5);

    const tpm = new RateGate({ maxTpm: 1000 });
    const got: number[] = [];
    const first = await tpm.acquire(600);
    void tpm.acquire(600).then(() => got.push(Date.now()));
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toHaveLength(0);
    // The first used fewer tokens than estimated: the second fits at once.
    first.release({ status: 200, latencyMs: 1, tokens: 300 });
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toHaveLength(1);
    // A request larger than the whole budget still goes, alone.
    const big = new RateGate({ maxTpm: 100 });
    await expect(big.acquire(500)).resolves.toBeDefined();
  });

  it('backs off every request after a 429, for retry-after or doubling without it', async () => {
    const gate = new RateGate();
    const p = await gate.acquire(1);
    p.release({ status: 429, retryAfterMs: 2_000, latencyMs: 1 });
    const at: number[] = [];
    void gate.acquire(1).then((q) => (at.push(Date.now()), q.release({ status: 429, latencyMs: 1 })));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(at).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(at).toEqual([1_002_000]);
    // Second 429 in a row, no header: 2 s (1 s doubled).
    void gate.acquire(1).then(() => at.push(Date.now()));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(at).toEqual([1_002_000, 1_004_000]);
    expect(gate.stats().rateLimited).toBe(2);
  });

  it('gives up a waiting place on abort, and refuses bad limits in one line', async () => {
    const gate = new RateGate({ maxInflight: 1 });
    await gate.acquire(1);
    const ac = new AbortController();
    const waiting = gate.acquire(1, ac.signal);
    ac.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    expect(gate.stats().waiting).toBe(0);
    expect(() => new LocalModelGate({ maxRpm: 0 })).toThrow(/maxRpm must be a number ≥ 1, got 0/);
  });

  it('reads retry-after in all its forms and estimates a body', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }))).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(Date.now() + 5000).toUTCString() }))).toBeGreaterThan(3000);
    expect(retryAfterMs(new Headers({}))).toBeNull();
    const body = JSON.stringify({
      messages: [{ content: 'x'.repeat(400) }, { image_url: `data:image/png;base64,${'A'.repeat(10_000)}` }],
      max_tokens: 100,
    });
    expect(estimateBodyTokens(body)).toBeGreaterThan(100 + 85 + 100);
    expect(estimateBodyTokens(body)).toBeLessThan(400);
  });
});

describe('suite --concurrency with a model', () => {
  let server: OpenAIServer | null = null;
  const saved = { base: process.env.OPENAI_BASE_URL, key: process.env.OPENAI_API_KEY };
  afterEach(async () => {
    await server?.close();
    server = null;
    process.env.OPENAI_BASE_URL = saved.base ?? '';
    process.env.OPENAI_API_KEY = saved.key ?? '';
  });

  /** A server answering the program after `delayMs`, counting chat requests in flight. */
  async function slowServer(delayMs: number, first?: (n: number) => ScriptStep | null) {
    const counts = { now: 0, max: 0, times: [] as number[] };
    server = await startOpenAIServer(async (req) => {
      counts.times.push(Date.now());
      const special = first?.(req.index);
      if (special) return special;
      counts.now++;
      counts.max = Math.max(counts.max, counts.now);
      await new Promise((r) => setTimeout(r, delayMs));
      counts.now--;
      return PROGRAM;
    });
    process.env.OPENAI_BASE_URL = server.url;
    process.env.OPENAI_API_KEY = 'test';
    return counts;
  }

  it('holds several episodes per thread at model calls, never more than --concurrency', async () => {
    const counts = await slowServer(400);
    const out = tempDir('suite-concurrency');
    const r = await runSuite({
      tasks: [getTask('lift_block')],
      seeds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      settings: SETTINGS,
      outDir: out,
      workers: 2,
      concurrency: 5,
      images: false,
    });
    const lines = readResults(join(out, 'results.jsonl'));
    expect(lines).toHaveLength(10);
    expect(lines.every((l) => l.success && l.error === null)).toBe(true);
    // Two threads, yet more than two requests waited on the model at once: episodes interleave.
    expect(counts.max).toBeGreaterThan(2);
    expect(counts.max).toBeLessThanOrEqual(5);
    expect(r.summary.concurrency).toBe(5);
    expect(r.summary.workers).toBe(2);
    // The test model has no default price: the suite says so rather than counting it free.
    expect(r.summary.cost).toMatchObject({ currency: 'USD', totalUsd: 0, unpriced: ['test-model'] });
  });

  it('keeps model requests within --max-inflight over all threads, and prices the tokens', async () => {
    const counts = await slowServer(300);
    const r = await runSuite({
      tasks: [getTask('lift_block')],
      seeds: [0, 1, 2, 3, 4, 5],
      settings: SETTINGS,
      outDir: tempDir('suite-inflight'),
      workers: 2,
      concurrency: 6,
      modelLimits: { maxInflight: 2 },
      pricing: { table: { 'test-model': { input: 1, output: 2 } }, source: 'prices.json' },
      images: false,
    });
    expect(counts.times).toHaveLength(6);
    expect(counts.max).toBe(2);
    const tokens = r.lines.reduce((a, l) => a + l.tokensIn + 2 * l.tokensOut, 0);
    expect(tokens).toBeGreaterThan(0);
    expect(r.summary.cost).toMatchObject({ source: 'prices.json', unpriced: [], prices: { 'test-model': { input: 1, output: 2 } } });
    expect(r.summary.cost!.totalUsd).toBeCloseTo(tokens / 1e6, 6);
    expect(r.summary.overall.costUsdPerEpisode).toBeCloseTo(tokens / 1e6 / 6, 6);
    expect(readFileSync(r.reportFile, 'utf8')).toMatch(/\$ \/ ep.*cost: \$[0-9.e-]+ in all/s);
  });

  it('backs off every episode when one request gets a 429 with retry-after', async () => {
    const counts = await slowServer(100, (n) => (n === 0 ? { status: 429, headers: { 'retry-after-ms': '1500' } } : null));
    const ticks: number[] = [];
    await runSuite({
      tasks: [getTask('lift_block')],
      seeds: [0, 1, 2, 3],
      settings: SETTINGS,
      outDir: tempDir('suite-429'),
      workers: 2,
      concurrency: 4,
      images: false,
      onTick: (p) => {
        if (p.model && p.model.pausedMs > 0) ticks.push(p.model.pausedMs);
      },
    });
    // Requests that were already on the wire may land just after the 429; none starts later
    // until the back-off ends (the first request's retry included).
    const t429 = counts.times[0]!;
    const started = counts.times.slice(1).sort((a, b) => a - b);
    const during = started.filter((t) => t > t429 + 250 && t < t429 + 1400);
    expect(during).toEqual([]);
    expect(started.filter((t) => t >= t429 + 1400).length).toBeGreaterThanOrEqual(1);
    expect(counts.times).toHaveLength(5); // four episodes, one request retried
  });
});
