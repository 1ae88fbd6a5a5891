// The model gate across threads: a suite's worker threads each hold several episodes, and
// all of them must share one set of limits and one 429 back-off. The main thread hosts the
// gate (`GateHost`); every worker thread asks it over a BroadcastChannel (`RemoteModelGate`).
// Messages are small and few (three per model request), so the channel costs nothing next to
// a model's latency.
import { BroadcastChannel, threadId } from 'node:worker_threads';
import { LocalModelGate, type GateStats, type ModelGate, type ModelLimits, type Permit, type RequestOutcome } from './rate-gate.ts';

type ToHost =
  | { t: 'acquire'; id: string; endpoint: string; tokens: number }
  | { t: 'cancel'; id: string }
  | { t: 'release'; id: string; outcome: RequestOutcome };
type ToWorker = { t: 'granted'; id: string };

/** The main thread's side: grants requests from every worker thread against one LocalModelGate. */
export class GateHost {
  readonly channelName: string;
  readonly gate: LocalModelGate;
  private readonly channel: BroadcastChannel;
  private readonly permits = new Map<string, Permit>();
  private readonly pending = new Map<string, AbortController>();

  constructor(
    limits: ModelLimits = {},
    channelName = `policyloop-gate-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  ) {
    this.channelName = channelName;
    this.gate = new LocalModelGate(limits);
    this.channel = new BroadcastChannel(channelName);
    this.channel.onmessage = (event) => this.receive((event as { data: ToHost }).data);
    this.channel.unref();
  }

  stats(): GateStats {
    return this.gate.stats();
  }

  close(): void {
    for (const ac of this.pending.values()) ac.abort();
    this.gate.close();
    this.channel.close();
  }

  private receive(m: ToHost): void {
    if (m.t === 'acquire') {
      const ac = new AbortController();
      this.pending.set(m.id, ac);
      this.gate.acquire(m.endpoint, m.tokens, ac.signal).then(
        (permit) => {
          this.pending.delete(m.id);
          this.permits.set(m.id, permit);
          this.channel.postMessage({ t: 'granted', id: m.id } satisfies ToWorker);
        },
        () => this.pending.delete(m.id),
      );
    } else if (m.t === 'cancel') {
      this.pending.get(m.id)?.abort();
      // Granted before the cancel arrived: give the place back.
      this.permits.get(m.id)?.release({ status: 0, latencyMs: 0, tokens: 0 });
      this.permits.delete(m.id);
    } else {
      this.permits.get(m.id)?.release(m.outcome);
      this.permits.delete(m.id);
    }
  }
}

/** A worker thread's side: the same `ModelGate`, answered by the main thread's host. */
export class RemoteModelGate implements ModelGate {
  private readonly channel: BroadcastChannel;
  private readonly waiting = new Map<string, () => void>();
  private next = 0;

  constructor(channelName: string) {
    this.channel = new BroadcastChannel(channelName);
    this.channel.onmessage = (event) => {
      const m = (event as { data: ToHost | ToWorker }).data;
      if (m.t === 'granted') this.waiting.get(m.id)?.();
    };
    this.channel.unref();
  }

  acquire(endpoint: string, estimatedTokens: number, signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = `${threadId}:${this.next++}`;
    return new Promise<Permit>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiting.delete(id);
        this.channel.postMessage({ t: 'cancel', id } satisfies ToHost);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(id, () => {
        this.waiting.delete(id);
        signal?.removeEventListener('abort', onAbort);
        let released = false;
        resolve({
          release: (outcome) => {
            if (released) return;
            released = true;
            this.channel.postMessage({ t: 'release', id, outcome } satisfies ToHost);
          },
        });
      });
      this.channel.postMessage({ t: 'acquire', id, endpoint, tokens: estimatedTokens } satisfies ToHost);
    });
  }

  close(): void {
    this.channel.close();
  }
}
