// One attempt: a program run in a fresh sandbox against a given world, everything it
// does recorded in a Trace. The caller builds (or resets) the world; this runs it.

import type { ProgramError, SimWorld, Trace } from '../../sim/index.ts';
import { API_BY_NAME } from './api.ts';
import { bindApi } from './api-bindings.ts';
import { loadQuickJS, runSandboxed, SANDBOX_DEFAULTS } from './sandbox.ts';
import { IdleWorld } from './idle-world.ts';
import { capProgramError, TraceRecorder } from './trace.ts';

export interface AttemptOptions {
  /** The real world: the trace records it (poses and checkpoints are the truth). */
  world: SimWorld;
  /**
   * The world the program's calls go to, when it is not `world` itself: a PerceivedWorld
   * (perception.ts) wrapping `world`, so queries and the skills' plans come from perception.
   */
  programWorld?: SimWorld;
  /** The program: plain JavaScript using the API of api.ts. */
  program: string;
  /** Simulated-seconds budget of the program (the task's timeLimit). Default: none. */
  timeLimitSec?: number;
  /** CPU time of guest execution (ms). Default 10 000. */
  cpuMs?: number;
  /** Memory limit of the sandbox (bytes). Default 64 MiB. */
  memoryBytes?: number;
  /** Max guest stack (bytes), at most (and by default) 256 KiB. */
  maxStackBytes?: number;
  /** Seed of the program's Math.random. Default 0. */
  seed?: number;
  /** API calls after which the program is stopped (bounds the trace). Default 20 000. */
  maxApiCalls?: number;
  /** Checkpoints kept before optional ones are skipped. Default 200. */
  maxCheckpoints?: number;
  /** Polled while the program runs; true stops it with InterruptedError (e.g. the viewer's stop button). */
  shouldStop?: () => boolean;
  /**
   * Called before each API call runs, with the program line that made it and the trace
   * so far (live, read-only). May block: the live viewer pauses and steps here.
   */
  onApiCall?: (call: ApiCallInfo) => void;
}

export interface ApiCallInfo {
  name: string;
  line: number | null;
  /** 1-based number of this call within the attempt. */
  index: number;
  trace: Readonly<Trace>;
}

export interface AttemptOutcome {
  trace: Trace;
  /** Why the program stopped early; null when it ran to its end. */
  error: ProgramError | null;
  wallMs: number;
  /** Simulated seconds the program took. */
  simSeconds: number;
  apiCalls: number;
  /** When a host function failed with a non-PolicyError (a bug, reported as kind 'Error'): the original error. */
  internalError?: unknown;
}

/** runAttempt for callers that already awaited loadQuickJS(). */
export function runAttemptSync(options: AttemptOptions): AttemptOutcome {
  const start = performance.now();
  const { world } = options;
  const t0 = world.time;
  const trace = new TraceRecorder(world, { maxCheckpoints: options.maxCheckpoints });
  const onApiCall = options.onApiCall;
  const bindings = bindApi(options.programWorld ?? world, trace, {
    timeLimitSec: options.timeLimitSec,
    maxApiCalls: options.maxApiCalls,
    ...(onApiCall
      ? { beforeCall: (name: string, line: number | null) => onApiCall({ name, line, index: bindings.apiCalls, trace: trace.trace }) }
      : {}),
  });
  let error: ProgramError | null;
  let internalError: unknown;
  if (options.program.trim() === '') {
    error = { kind: 'NoProgramError', message: 'the program is empty', line: null };
  } else {
    const result = runSandboxed(options.program, bindings.functions, {
      cpuMs: options.cpuMs,
      memoryBytes: options.memoryBytes,
      maxStackBytes: options.maxStackBytes,
      seed: options.seed,
      clockMs: () => (world.time - t0) * 1000,
      consoleTo: 'log',
      shouldStop: options.shouldStop,
    });
    error = capProgramError(result.error);
    internalError = result.hostFault;
  }
  return {
    trace: trace.finish(error),
    error,
    wallMs: performance.now() - start,
    simSeconds: world.time - t0,
    apiCalls: bindings.apiCalls,
    ...(internalError !== undefined ? { internalError } : {}),
  };
}

/** Runs `program` in a fresh sandbox against `world` and records everything it does. */
export async function runAttempt(options: AttemptOptions): Promise<AttemptOutcome> {
  await loadQuickJS();
  return runAttemptSync(options);
}

/**
 * Cost of one API call across the sandbox boundary (wall µs), argument check and trace
 * recording included: guest loops of getGripper() calls against a motionless world.
 * The best of four batches of n/4 calls, so a busy machine disturbs it less.
 */
export async function measureHostCallMicros(n = 20_000): Promise<number> {
  if (!API_BY_NAME.has('getGripper')) throw new Error('measureHostCallMicros needs getGripper in the API');
  await loadQuickJS();
  const batch = Math.max(1, Math.ceil(n / 4));
  const program = `for (let i = 0; i < ${batch}; i++) getGripper();`;
  const once = (): number => {
    const outcome = runAttemptSync({ world: new IdleWorld(), program, maxApiCalls: batch + 1, cpuMs: SANDBOX_DEFAULTS.cpuMs * 6 });
    if (outcome.error) throw new Error(`measureHostCallMicros: ${outcome.error.message}`);
    return (outcome.wallMs * 1000) / batch;
  };
  once(); // warm-up: wasm tier-up and V8 optimisation
  return Math.min(once(), once(), once(), once());
}
