// The API declaration (api.ts) bound to one world and one trace: each function
// becomes a sandbox host function that checks its arguments, runs, lands in the trace
// with its program line, takes the checkpoints the contract asks for and enforces the
// program's budgets (simulated time, number of calls).

import { PolicyError, type CallError, type SimWorld } from '../../sim/index.ts';
import { API, type ApiContext, type ApiFunction } from './api.ts';
import { checkArgs, toTraceValue } from './arguments.ts';
import { SandboxStop, type HostFunction } from './sandbox.ts';
import type { TraceRecorder } from './trace.ts';

export interface BindingOptions {
  /** Simulated-seconds budget of the program, counted from the world's time now. */
  timeLimitSec?: number;
  /** API calls after which the program is stopped (bounds the trace). Default 20 000. */
  maxApiCalls?: number;
  /** Called before each API call runs; may block (the live viewer pauses here). */
  beforeCall?: (name: string, line: number | null) => void;
}

export interface ApiBindings {
  functions: HostFunction[];
  /** Calls made so far (every API call, including subgoal and log). */
  readonly apiCalls: number;
}

const DEFAULT_MAX_API_CALLS = 20_000;

function errorOf(e: unknown): CallError {
  if (e instanceof PolicyError) return { kind: e.kind, message: e.message, ...(e.cause !== undefined ? { cause: e.cause } : {}) };
  if (e instanceof SandboxStop) return { kind: e.programError.kind === 'TimeoutError' ? 'TimeoutError' : 'Error', message: e.message };
  return { kind: 'Error', message: (e as Error)?.message ?? String(e) };
}

/** A deep copy of plain data (what a world returns), so the trace does not share arrays with the world. */
export function copyData(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyData(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = copyData(x);
  }
  return out;
}

export function bindApi(
  world: SimWorld,
  trace: TraceRecorder,
  options: BindingOptions = {},
  api: readonly ApiFunction[] = API,
): ApiBindings {
  const t0 = world.time;
  const limit = options.timeLimitSec ?? Infinity;
  const maxCalls = options.maxApiCalls ?? DEFAULT_MAX_API_CALLS;
  let apiCalls = 0;
  const timeLeft = (): number => limit - (world.time - t0);
  const outOfTime = (line: number | null) =>
    new SandboxStop({ kind: 'TimeoutError', message: `the program used up its time budget of ${limit} s of simulated time`, line });

  const bind = (f: ApiFunction): HostFunction => {
    const moves = f.group === 'action' || f.group === 'low-level';
    return {
      name: f.name,
      call(raw, count, line) {
        if (++apiCalls > maxCalls) {
          throw new SandboxStop({ kind: 'Error', message: `the program made more than ${maxCalls} API calls`, line });
        }
        options.beforeCall?.(f.name, line);
        const traceArgs = raw.map((v) => toTraceValue(v));
        let args: unknown[];
        try {
          args = checkArgs(f.name, f.args, raw, count);
          if (moves && timeLeft() <= 0) throw outOfTime(line);
        } catch (e) {
          trace.recordCall(f.name, traceArgs, line, { error: errorOf(e) });
          throw e;
        }
        const ctx: ApiContext = { world, trace, line, timeLeft };
        if (moves) trace.worldChanged();
        let result: unknown;
        try {
          result = copyData(f.run(ctx, ...(args as never[])));
        } catch (e) {
          // A failed motion: the event and its checkpoint share one snapshot.
          const snapshot = moves && trace.wantsCheckpoint() ? world.snapshot() : undefined;
          trace.recordCall(f.name, traceArgs, line, { error: errorOf(e) }, snapshot);
          if (snapshot) trace.checkpoint('error', 'error', false, snapshot);
          if (e instanceof PolicyError && e.kind === 'TimeoutError') {
            throw new SandboxStop({ kind: 'TimeoutError', message: e.message, line });
          }
          throw e;
        }
        if (f.checkpointLabel) {
          const snapshot = trace.wantsCheckpoint() ? world.snapshot() : undefined;
          trace.recordCall(f.name, traceArgs, line, { result }, snapshot);
          if (snapshot) trace.checkpoint('action', f.checkpointLabel(...(args as never[])), false, snapshot);
        } else if (f.traced !== 'self') {
          trace.recordCall(f.name, traceArgs, line, { result });
        }
        if (moves && timeLeft() < 0) throw outOfTime(line);
        return result;
      },
    };
  };

  const functions = api.map(bind);
  return {
    functions,
    get apiCalls() {
      return apiCalls;
    },
  };
}
