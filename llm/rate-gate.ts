// The model gate (docs/architecture.md#model-limits): every HTTP request to a model server
// passes through it, so a suite with many episodes in flight respects the server's limits —
// requests in flight (--max-inflight), requests a minute (--max-rpm), tokens a minute
// (--max-tpm) — and a 429 backs off every episode at once, not just the one that got it.
//
// One `RateGate` per endpoint (the server's base URL). In a suite the gate lives in the main
// thread (`GateHost`, gate-channel.ts) and the worker threads ask it over a channel; a
// single-process run uses a local gate. The gate also keeps the model's latency for the
// progress line.

export interface ModelLimits {
  /** Requests in flight at once (per endpoint). */
  maxInflight?: number | null;
  /** Requests started in any 60 s window. */
  maxRpm?: number | null;
  /** Tokens (prompt + completion) in any 60 s window; a request counts its estimate until its usage is known. */
  maxTpm?: number | null;
}

/** What a finished request tells the gate. */
export interface RequestOutcome {
  /** HTTP status; 0 when the connection failed. */
  status: number;
  /** The server's retry-after(-ms), in ms, when it sent one. */
  retryAfterMs?: number | null;
  latencyMs: number;
  /** Tokens the request used (prompt + completion) when the reply said; else the estimate stands. */
  tokens?: number | null;
}

/** A request's place at the gate; release it exactly once. */
export interface Permit {
  release(outcome: RequestOutcome): void;
}

/** Anything a request can wait on: a local gate or the main thread's, over a channel. */
export interface ModelGate {
  acquire(endpoint: string, estimatedTokens: number, signal?: AbortSignal): Promise<Permit>;
}

export interface GateStats {
  inflight: number;
  waiting: number;
  requests: number;
  rateLimited: number;
  /** Median latency of the last 50 answered requests (ms); null before the first. */
  latencyMs: number | null;
  /** ms until the global back-off ends; 0 when none. */
  pausedMs: number;
  /** The most requests in flight at once so far. */
  peakInflight: number;
}

const WINDOW_MS = 60_000;
/** Back-off after a 429 without retry-after: 1 s, doubling per consecutive 429, at most 30 s. */
const BASE_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
const LATENCIES_KEPT = 50;

interface Waiter {
  tokens: number;
  resolve: (p: Permit) => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** The limits of one endpoint, in one thread. */
export class RateGate {
  private readonly limits: ModelLimits;
  private readonly now: () => number;
  private inflight = 0;
  private peak = 0;
  /** Start time and token count of each request in the last minute. */
  private readonly window: { at: number; tokens: number }[] = [];
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  private consecutive429 = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly latencies: number[] = [];
  private requests = 0;
  private rateLimited = 0;

  constructor(limits: ModelLimits = {}, now: () => number = Date.now) {
    for (const [name, v] of Object.entries(limits)) {
      if (v !== null && v !== undefined && !(Number.isFinite(v) && v >= 1)) {
        throw new RangeError(`model limit ${name} must be a number ≥ 1, got ${v}`);
      }
    }
    this.limits = limits;
    this.now = now;
  }

  acquire(estimatedTokens: number, signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Permit>((resolve, reject) => {
      const w: Waiter = { tokens: Math.max(0, Math.round(estimatedTokens)), resolve, reject, signal };
      if (signal) {
        w.onAbort = () => {
          const i = this.queue.indexOf(w);
          if (i >= 0) this.queue.splice(i, 1);
          reject(signal.reason);
          this.pump();
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.queue.push(w);
      this.pump();
    });
  }

  /** Every endpoint's requests wait until `until` (epoch ms); used by a 429 and by tests. */
  pauseUntil(until: number): void {
    if (until > this.pausedUntil) this.pausedUntil = until;
    this.pump();
  }

  stats(): GateStats {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      inflight: this.inflight,
      waiting: this.queue.length,
      requests: this.requests,
      rateLimited: this.rateLimited,
      latencyMs: sorted.length ? sorted[Math.floor(sorted.length / 2)]! : null,
      pausedMs: Math.max(0, this.pausedUntil - this.now()),
      peakInflight: this.peak,
    };
  }

  /** Stops the wake-up timer (waiters stay queued). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Grants queued requests in order while the limits allow; otherwise wakes up when the first could go. */
  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    for (;;) {
      const head = this.queue[0];
      if (!head) return;
      const wait = this.waitFor(head.tokens);
      if (wait === 'inflight') return; // a release pumps again
      if (wait > 0) {
        this.timer = setTimeout(() => this.pump(), wait);
        this.timer.unref?.();
        return;
      }
      this.queue.shift();
      if (head.signal && head.onAbort) head.signal.removeEventListener('abort', head.onAbort);
      head.resolve(this.grant(head.tokens));
    }
  }

  /** 0 when a request of `tokens` may start now; 'inflight' when it waits for a release; else ms to wait. */
  private waitFor(tokens: number): number | 'inflight' {
    const now = this.now();
    if (this.pausedUntil > now) return this.pausedUntil - now;
    const { maxInflight, maxRpm, maxTpm } = this.limits;
    if (maxInflight && this.inflight >= maxInflight) return 'inflight';
    while (this.window.length && this.window[0]!.at <= now - WINDOW_MS) this.window.shift();
    if (maxRpm && this.window.length >= maxRpm) return this.window[0]!.at + WINDOW_MS - now;
    if (maxTpm && this.window.length > 0) {
      // Wait until enough of the window has expired; a single request over the limit still goes alone.
      let used = this.window.reduce((s, r) => s + r.tokens, 0);
      if (used + tokens > maxTpm) {
        for (const r of this.window) {
          used -= r.tokens;
          if (used + tokens <= maxTpm || used === 0) return r.at + WINDOW_MS - now;
        }
      }
    }
    return 0;
  }

  private grant(tokens: number): Permit {
    this.inflight++;
    this.peak = Math.max(this.peak, this.inflight);
    this.requests++;
    const entry = { at: this.now(), tokens };
    this.window.push(entry);
    let released = false;
    return {
      release: (o: RequestOutcome) => {
        if (released) return;
        released = true;
        this.inflight--;
        if (o.tokens !== null && o.tokens !== undefined && o.tokens >= 0) entry.tokens = o.tokens;
        if (o.status === 429) {
          this.rateLimited++;
          this.consecutive429++;
          const backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (this.consecutive429 - 1));
          this.pausedUntil = Math.max(this.pausedUntil, this.now() + (o.retryAfterMs ?? backoff));
        } else if (o.status > 0) {
          this.consecutive429 = 0;
          if (o.status < 400) {
            this.latencies.push(o.latencyMs);
            if (this.latencies.length > LATENCIES_KEPT) this.latencies.shift();
          }
        }
        this.pump();
      },
    };
  }
}

/** One gate per endpoint, all with the same limits: the gate of one process or thread. */
export class LocalModelGate implements ModelGate {
  private readonly gates = new Map<string, RateGate>();
  private readonly limits: ModelLimits;
  private readonly now: () => number;
  constructor(limits: ModelLimits = {}, now: () => number = Date.now) {
    new RateGate(limits); // validates the limits now rather than at the first request
    this.limits = limits;
    this.now = now;
  }
  gate(endpoint: string): RateGate {
    let g = this.gates.get(endpoint);
    if (!g) {
      g = new RateGate(this.limits, this.now);
      this.gates.set(endpoint, g);
    }
    return g;
  }
  acquire(endpoint: string, estimatedTokens: number, signal?: AbortSignal): Promise<Permit> {
    return this.gate(endpoint).acquire(estimatedTokens, signal);
  }
  /** All endpoints' figures summed (latency: the median of the busiest endpoint). */
  stats(): GateStats {
    const all = [...this.gates.values()].map((g) => g.stats());
    const busiest = all.reduce<GateStats | null>((b, s) => (b === null || s.requests > b.requests ? s : b), null);
    return {
      inflight: all.reduce((s, g) => s + g.inflight, 0),
      waiting: all.reduce((s, g) => s + g.waiting, 0),
      requests: all.reduce((s, g) => s + g.requests, 0),
      rateLimited: all.reduce((s, g) => s + g.rateLimited, 0),
      latencyMs: busiest?.latencyMs ?? null,
      pausedMs: Math.max(0, ...all.map((g) => g.pausedMs)),
      peakInflight: Math.max(0, ...all.map((g) => g.peakInflight)),
    };
  }
  close(): void {
    for (const g of this.gates.values()) g.close();
  }
}

let current: ModelGate | null = null;

/** The gate this thread's model requests pass through (null: none, requests go straight out). */
export function currentModelGate(): ModelGate | null {
  return current;
}

export function setModelGate(gate: ModelGate | null): void {
  current = gate;
}

/** retry-after-ms, or retry-after in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | null {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const after = headers.get('retry-after');
  if (after === null) return null;
  if (Number.isFinite(Number(after))) return Math.max(0, Number(after) * 1000);
  const at = Date.parse(after);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * A fetch that passes every request through the thread's gate: waits for its turn, then
 * tells the gate the status, latency, retry-after and tokens used. The OpenAI client's own
 * retries come back through here, so they too wait out a global back-off.
 */
export function gatedFetch(endpoint: string, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const gate = current;
    if (!gate) return inner(input, init);
    const permit = await gate.acquire(endpoint, estimateBodyTokens(init?.body), init?.signal ?? undefined);
    const started = performance.now();
    let res: Response;
    try {
      res = await inner(input, init);
    } catch (e) {
      permit.release({ status: 0, latencyMs: performance.now() - started });
      throw e;
    }
    let tokens: number | null = null;
    if (res.ok) {
      try {
        const usage = ((await res.clone().json()) as { usage?: { prompt_tokens?: number; completion_tokens?: number } }).usage;
        if (usage) tokens = (usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0);
      } catch {
        // not JSON: the estimate stands
      }
    }
    permit.release({ status: res.status, retryAfterMs: retryAfterMs(res.headers), latencyMs: performance.now() - started, tokens });
    return res;
  };
}

/**
 * Tokens a request body will cost, before the reply says: the text at about four characters
 * a token, each image as 85 tokens (a low-detail tile), plus its max_tokens.
 */
export function estimateBodyTokens(body: unknown): number {
  if (typeof body !== 'string') return 0;
  let images = 0;
  const text = body.replace(/data:image\/[a-z+]+;base64,[A-Za-z0-9+/=]+/g, () => {
    images++;
    return '';
  });
  const max = /"max(?:_completion)?_tokens"\s*:\s*(\d+)/.exec(text);
  return Math.ceil(text.length / 4) + images * 85 + (max ? Number(max[1]) : 0);
}
