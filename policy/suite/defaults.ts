// How many threads and episodes in flight a suite uses by default. Apart from executor.ts so the
// command line's --help can say them without loading the worker pool.
import { availableParallelism } from 'node:os';

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Episodes in flight by default: a model provider's latency is hidden by many; builtin is CPU-bound. */
export function defaultConcurrency(provider: string, workers: number = defaultWorkers()): number {
  return provider === 'openai' ? 16 : workers;
}

/** Wall-clock limit per episode in a suite, in seconds (`suite --episode-timeout`; 0 = none). */
export const DEFAULT_EPISODE_TIMEOUT_S = 600;

/** Seconds the episodes in flight get to finish after a first Ctrl-C or SIGTERM before they are stopped. */
export const INTERRUPT_GRACE_S = 5;
