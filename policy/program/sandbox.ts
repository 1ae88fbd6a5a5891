// Runs one program in QuickJS, in a thread of its own that this (host) thread can
// terminate whatever the program is doing (docs/architecture.md#sandbox). The program sees
// the language built-ins and the functions it is given — nothing of the host.
//
// The host side: runSandboxed posts the job to the sandbox thread (sandbox-worker.ts,
// which runs it with sandbox-guest.ts) and blocks, serving the program's API calls as
// they come through the shared buffer (sandbox-channel.ts): decode the arguments, run the
// function, encode the result or the error. Budgets:
// - CPU: wall time of the run minus the time spent inside the API functions (so the cost
//   of crossing the boundary counts). The thread's interrupt handler ends the program at
//   `cpuMs`; a program inside a built-in that never yields (a 2^40-long `includes`, a
//   backtracking regex) is ended by terminating the thread at `cpuMs + KILL_GRACE_MS`.
// - Memory and stack: QuickJS's own limits, still on while the thrown value is read.
// - The stop request (`shouldStop`): the thread's interrupt handler, then the same kill.
// A thread that was terminated, or whose module aborted, is never used again; the next
// program gets a fresh one. A binding's PolicyError becomes a guest exception whose `name`
// is the error kind, so programs can `catch (e) { if (e.name === 'GraspError') … }`, with
// its typed cause (when the skill knew one) as `e.cause`; an uncaught one keeps that
// cause in the ProgramError.

import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { newQuickJSWASMModule, RELEASE_SYNC, type QuickJSWASMModule } from 'quickjs-emscripten';
import { ERROR_KINDS, PolicyError, causeOf, type ErrorKind, type ProgramError } from '../../sim/index.ts';
import { OpaqueValue } from './arguments.ts';
import {
  awaitChange,
  CLOCK,
  channelViews,
  newChannel,
  readText,
  SLOT,
  signal,
  STATE,
  writeText,
  type ChannelViews,
} from './sandbox-channel.ts';
import {
  MAX_ARGS,
  MAX_STRING,
  programLine,
  runGuest,
  THROWN_CAPS,
  type GuestJob,
  type GuestLink,
  type GuestOutcome,
  type Thrown,
} from './sandbox-guest.ts';
import type { SandboxWorkerData } from './sandbox-worker.ts';

export { PROGRAM_FILE, programLine } from './sandbox-guest.ts';

export const SANDBOX_DEFAULTS = {
  cpuMs: 10_000,
  memoryBytes: 64 * 1024 * 1024,
  /** Larger stacks let deep recursion overrun the wasm stack and corrupt the module. */
  maxStackBytes: 256 * 1024,
  /** Most arguments copied into a call; more are reported, not copied. */
  maxArgs: MAX_ARGS,
} as const;

/** Past the CPU budget, how long a program stuck in a built-in has before its thread is terminated (ms). */
export const KILL_GRACE_MS = 1_000;
/** Native stack of the sandbox thread (MiB). */
const SANDBOX_THREAD_STACK_MB = 64;
/** How long a new sandbox thread may take to load QuickJS (ms). */
const START_TIMEOUT_MS = 60_000;
/** How often a waiting host polls `shouldStop` (ms). */
const STOP_POLL_MS = 20;
/** Spins before sleeping on the sandbox thread's next call (≈ 10–30 µs). */
const CALL_SPINS = 2_000;

// ---------------------------------------------------------------- host side

export interface HostFunction {
  name: string;
  /**
   * Runs one call. `args` are the decoded arguments (at most maxArgs of them), `count`
   * how many the program passed, `line` the program line of the call. Returns a
   * JSON-able value (undefined for none); throws PolicyError for a failure the program
   * may catch, or SandboxStop to end the program.
   */
  call(args: unknown[], count: number, line: number | null): unknown;
}

/** Thrown by a host function to end the program (uncatchable by it) with this error. */
export class SandboxStop extends Error {
  readonly programError: ProgramError;
  constructor(programError: ProgramError) {
    super(programError.message);
    this.programError = programError;
    this.name = 'SandboxStop';
  }
}

export interface SandboxOptions {
  /** CPU budget (ms): the run's wall time minus time inside the host functions. Default 10 000. */
  cpuMs?: number;
  /** Memory limit of the QuickJS runtime (bytes). Default 64 MiB. */
  memoryBytes?: number;
  /** Max guest stack (bytes), at most 256 KiB. */
  maxStackBytes?: number;
  /** Seed of the guest's Math.random (deterministic). Default 0. */
  seed?: number;
  /** Milliseconds since the start that `Date.now()` and `new Date()` add to a fixed epoch. Default: always 0. */
  clockMs?: () => number;
  /** Host function `console.log/info/warn/error` map to (by name); none by default. */
  consoleTo?: string;
  /** Polled while the program runs; true ends it with InterruptedError. */
  shouldStop?: () => boolean;
  /**
   * Test only: run in this thread with this QuickJS module (a debug build's leak check).
   * Nothing can then end a program stuck inside a built-in.
   */
  module?: QuickJSWASMModule;
}

export interface SandboxResult {
  error: ProgramError | null;
  /** Wall time of the run outside the host functions (ms): the guest and the boundary. */
  guestMs: number;
  /** Wall time spent serving calls in this thread (ms), the host functions included. */
  hostMs: number;
  hostCalls: number;
  /** Whether calls took the fast path (see installFastCalls); false means the library's own dispatcher. */
  fastHostCalls: boolean;
  /** The sandbox thread was terminated (a stuck built-in or an unanswered stop). */
  killed: boolean;
  /** Time this call waited for a sandbox thread to start (ms; 0 when one was ready). */
  startMs: number;
  /** The sandbox thread's id (worker threadId; 0 when run in this thread). */
  thread: number;
  /** A host function failed with something other than PolicyError / SandboxStop (a bug). */
  hostFault?: unknown;
}

// ---------------------------------------------------------------- the module for compile checks

let modulePromise: Promise<QuickJSWASMModule> | null = null;

/**
 * Loads a QuickJS module in this thread (for compile-only syntax checks; programs never
 * run in it) and starts this thread's sandbox thread. Later calls return the same module.
 */
export function loadQuickJS(): Promise<QuickJSWASMModule> {
  modulePromise ??= newQuickJSWASMModule(RELEASE_SYNC);
  return Promise.all([modulePromise, prepareSandbox()]).then(([m]) => m);
}

// ---------------------------------------------------------------- the sandbox thread

const WORKER_ENTRY = new URL('./sandbox-worker-entry.js', import.meta.url);

class SandboxThread {
  readonly views: ChannelViews;
  readonly id: number;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** Why the thread is unusable, once it is. */
  broken: string | null = null;

  constructor() {
    const channel = newChannel();
    this.views = channelViews(channel);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: SandboxWorkerData = { channel, port: port2 };
    this.worker = new Worker(WORKER_ENTRY, {
      workerData: data,
      transferList: [port2],
      stdout: false,
      stderr: false,
      // Room for QuickJS's recursive parser and its wasm frames: its own 256 KiB stack limit
      // must be what a deeply nested program hits, not the thread's.
      resourceLimits: { stackSizeMb: SANDBOX_THREAD_STACK_MB },
    });
    this.id = this.worker.threadId;
    this.worker.on('error', (e) => {
      this.broken ??= `the sandbox thread failed: ${(e as Error)?.message ?? String(e)}`;
    });
    this.worker.on('exit', () => {
      this.broken ??= 'the sandbox thread exited';
    });
    // Neither keeps the process alive.
    this.worker.unref();
    this.port.unref();
  }

  get state(): number {
    return Atomics.load(this.views.i32, SLOT.state);
  }

  /** Resolves when the thread has loaded QuickJS (polling without blocking this thread). */
  async ready(): Promise<void> {
    const t0 = performance.now();
    while (this.state === STATE.STARTING) {
      if (this.broken) throw new Error(this.broken);
      if (performance.now() - t0 > START_TIMEOUT_MS) throw new Error(`the sandbox thread did not start in ${START_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (this.state === STATE.FAILED) throw new Error(this.startFailure());
  }

  /** Blocks until the thread has loaded QuickJS. */
  readySync(): void {
    const deadline = performance.now() + START_TIMEOUT_MS;
    while (this.state === STATE.STARTING) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`the sandbox thread did not start in ${START_TIMEOUT_MS / 1000} s`);
      Atomics.wait(this.views.i32, SLOT.state, STATE.STARTING, Math.min(left, 1_000));
    }
    if (this.state === STATE.FAILED) throw new Error(this.startFailure());
  }

  private startFailure(): string {
    const m = receiveMessageOnPort(this.port)?.message as { startFailure?: string } | undefined;
    return `the sandbox thread could not load QuickJS: ${m?.startFailure ?? 'no reason given'}`;
  }

  start(job: GuestJob): void {
    Atomics.store(this.views.i32, SLOT.stop, 0);
    this.port.postMessage(job);
    signal(this.views.i32, STATE.RUN);
  }

  /** The outcome the thread posted before it said DONE. */
  outcome(): GuestOutcome {
    for (let tries = 0; tries < 1_000; tries++) {
      const got = receiveMessageOnPort(this.port);
      if (got) return got.message as GuestOutcome;
      Atomics.wait(NAP, 0, 0, 1);
    }
    throw new Error('the sandbox thread said it was done but posted no outcome');
  }

  kill(reason: string): void {
    this.broken ??= reason;
    this.worker.terminate().catch(() => {});
    this.port.close();
  }
}

/** Something to sleep on for a millisecond. */
const NAP = new Int32Array(new SharedArrayBuffer(4));

let current: SandboxThread | null = null;
let starting: Promise<void> | null = null;

/** Starts this thread's sandbox thread if there is none and waits for it (without blocking). */
export function prepareSandbox(): Promise<void> {
  if (current && !current.broken && current.state !== STATE.STARTING) return Promise.resolve();
  if (!current || current.broken) current = new SandboxThread();
  const t = current;
  starting ??= t.ready().finally(() => {
    starting = null;
  });
  return starting;
}

/** A ready sandbox thread, started (and waited for) if need be. */
function readyThread(): { thread: SandboxThread; startMs: number } {
  const t0 = performance.now();
  if (!current || current.broken) current = new SandboxThread();
  current.readySync();
  return { thread: current, startMs: performance.now() - t0 };
}

/** Ends this thread's sandbox thread and starts a fresh one (which loads in the background). */
function replaceThread(thread: SandboxThread, reason: string): void {
  thread.kill(reason);
  if (current === thread) current = new SandboxThread();
}

// ---------------------------------------------------------------- serving calls

function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  const o = v as { a?: unknown[]; o?: [string, unknown][]; x?: string; n?: number; s?: string };
  if (Array.isArray(o.a)) return o.a.map(decodeValue);
  if (Array.isArray(o.o)) return Object.fromEntries(o.o.map(([k, x]) => [k, decodeValue(x)]));
  switch (o.x) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
    case 'undefined':
      return undefined;
    case 'string':
      return `${String(o.s ?? '').slice(0, MAX_STRING)}… (${o.n} characters)`; // longer than the prelude copies
    case 'array':
      return new OpaqueValue(`an array of ${o.n} items`);
    case 'object':
      return new OpaqueValue(`an object with ${o.n} keys`);
    case 'deep':
      return new OpaqueValue('a deeply nested value');
    case 'big':
      return new OpaqueValue('a value too large to pass');
    case 'unreadable':
      return new OpaqueValue('an unreadable object');
    default:
      return new OpaqueValue(`a ${typeof o.x === 'string' ? o.x.slice(0, 40) : 'value'}`);
  }
}

function decodeJson(json: unknown): unknown {
  try {
    return decodeValue(JSON.parse(String(json)));
  } catch {
    return new OpaqueValue('an unreadable value');
  }
}

function capString(s: unknown): string {
  const t = String(s);
  return t.length > MAX_STRING ? `${t.slice(0, MAX_STRING)}… (${t.length} characters)` : t;
}

/** Arguments of one call from the request's type codes (see `code` in the prelude). */
function decodeArgs(types: string, values: unknown[]): { count: number; values: unknown[] } {
  if (types === '*') {
    try {
      const { n, a } = JSON.parse(String(values[0])) as { n: number; a: unknown[] };
      return { count: Number(n) || 0, values: a.slice(0, MAX_ARGS).map(decodeValue) };
    } catch {
      return { count: 1, values: [new OpaqueValue('unreadable arguments')] };
    }
  }
  const out: unknown[] = new Array(types.length);
  for (let i = 0; i < types.length; i++) {
    const v = values[i];
    switch (types[i]) {
      case 's':
        out[i] = capString(v);
        break;
      case 'n':
        out[i] = Number(v);
        break;
      case 't':
        out[i] = true;
        break;
      case 'f':
        out[i] = false;
        break;
      case 'u':
        out[i] = undefined;
        break;
      case 'l':
        out[i] = null;
        break;
      default:
        out[i] = decodeJson(v);
    }
  }
  return { count: types.length, values: out };
}

function encodeResult(result: unknown): string {
  switch (typeof result) {
    case 'undefined':
      return 'u';
    case 'number':
      return `n${result}`;
    case 'boolean':
      return result ? 't' : 'f';
    default:
      return result === null ? 'l' : `j${JSON.stringify(result)}`;
  }
}

const stopReply = (e: ProgramError): string => `s${JSON.stringify([e.kind, e.message])}`;

/** The host end of one run: serves its calls and keeps what the run's end needs. */
class HostServer {
  stop: ProgramError | null = null;
  hostFault: unknown;
  bindingMs = 0;
  hostMs = 0;
  hostCalls = 0;
  private readonly functions: readonly HostFunction[];
  private readonly options: SandboxOptions;

  constructor(functions: readonly HostFunction[], options: SandboxOptions) {
    this.functions = functions;
    this.options = options;
  }

  clockMs(): number {
    return this.options.clockMs?.() ?? 0;
  }

  serve(request: string): string {
    const t0 = performance.now();
    this.hostCalls++;
    let line: number | null = null;
    let name = '?';
    try {
      if (this.stop) return stopReply(this.stop);
      const [index, at, types, ...values] = JSON.parse(request) as [number, number | null, string, ...unknown[]];
      line = typeof at === 'number' ? at : null;
      const f = this.functions[index];
      if (!f) return `e${JSON.stringify(['Error', 'unknown host function', null])}`;
      name = f.name;
      if (this.options.shouldStop?.()) throw new SandboxStop({ kind: 'InterruptedError', message: 'the run was stopped', line });
      const args = decodeArgs(String(types), values);
      const tb = performance.now();
      let result: unknown;
      try {
        result = f.call(args.values, args.count, line);
      } finally {
        this.bindingMs += performance.now() - tb;
      }
      return encodeResult(result);
    } catch (e) {
      if (e instanceof SandboxStop) {
        this.stop = { ...e.programError, line: e.programError.line ?? line };
        return stopReply(this.stop);
      }
      if (e instanceof PolicyError) return `e${JSON.stringify([e.kind, e.message, e.cause ?? null])}`;
      this.hostFault = e;
      this.stop = { kind: 'Error', message: `internal error in ${name}(): ${(e as Error)?.message ?? String(e)}`, line };
      return stopReply(this.stop);
    } finally {
      this.hostMs += performance.now() - t0;
    }
  }
}

// ---------------------------------------------------------------- how it ended

const MIB = 1024 * 1024;

/**
 * Where an interrupted program was: QuickJS does not update the current line on a loop's
 * back edge, so the stack of an interrupt names the running function but its line is
 * that function's first one. The function is reported, the line left unknown.
 */
function runningFunction(stack: string | undefined): string {
  const m = /at (\S{1,200}) \(program\.js:/.exec(stack ?? '');
  if (!m) return '';
  return m[1] === '<eval>' ? ' (at the top level of the program)' : ` (in function ${m[1]})`;
}

function cpuTimeout(cpuMs: number, stack: string | undefined, where = ''): ProgramError {
  return {
    kind: 'TimeoutError',
    message: `the program ran longer than ${cpuMs / 1000} s of CPU time${where || runningFunction(stack)}`,
    line: null,
  };
}

function classify(t: Thrown, opts: { cpuMs: number; memoryBytes: number }): ProgramError {
  const line = programLine(t.stack);
  if (!t.error) return { kind: 'Error', message: `the program threw ${String(t.value ?? 'a value').slice(0, THROWN_CAPS.value)}`, line };
  const name = String(t.name ?? 'Error').slice(0, THROWN_CAPS.name);
  const message = String(t.message ?? '').slice(0, THROWN_CAPS.message);
  if (name === 'InternalError' && message === 'out of memory') {
    return { kind: 'MemoryError', message: `the program used more than ${+(opts.memoryBytes / MIB).toFixed(1)} MiB of memory`, line };
  }
  // (JSON.parse reports it as a SyntaxError with the same message.)
  if (message === 'stack overflow' && (name === 'InternalError' || name === 'SyntaxError' || name === 'RangeError')) {
    return { kind: 'StackOverflowError', message: 'the program recursed too deeply (stack overflow)', line };
  }
  if (name === 'InternalError' && message === 'interrupted') return cpuTimeout(opts.cpuMs, t.stack);
  if (name === 'SyntaxError') return { kind: 'SyntaxError', message, line };
  if ((ERROR_KINDS as readonly string[]).includes(name)) {
    const cause = causeOf(name, t.cause);
    return { kind: name as ErrorKind, message, line, ...(cause !== undefined ? { cause } : {}) };
  }
  return { kind: 'Error', message: name === 'Error' ? message : `${name}: ${message}`, line };
}

function programError(outcome: GuestOutcome, server: HostServer, opts: { cpuMs: number; memoryBytes: number }): ProgramError | null {
  if (outcome.failure !== null) return { kind: 'Error', message: `sandbox failure: ${outcome.failure.slice(0, 300)}`, line: null };
  const t = outcome.thrown;
  if (server.stop) {
    const s: ProgramError = server.stop;
    if (s.kind === 'InterruptedError') return { ...s, message: `${s.message}${runningFunction(t?.stack)}` };
    return { ...s, line: s.line ?? programLine(t?.stack) };
  }
  if (outcome.interrupted) return { kind: 'InterruptedError', message: `the run was stopped${runningFunction(t?.stack)}`, line: null };
  // Before the thrown value: a program that swallowed the interrupt (a promise job, a
  // catch) still ran out of time.
  if (outcome.timedOut) return cpuTimeout(opts.cpuMs, t?.stack);
  return t ? classify(t, opts) : null;
}

// ---------------------------------------------------------------- running a program

/**
 * Runs `source` with `functions` bound as globals and returns how it ended. Never
 * throws for anything the program does; every program gets a fresh QuickJS runtime.
 */
export function runSandboxed(source: string, functions: readonly HostFunction[], options: SandboxOptions = {}): SandboxResult {
  if (functions.length > 1000) throw new Error('runSandboxed: at most 1000 host functions');
  const cpuMs = options.cpuMs ?? SANDBOX_DEFAULTS.cpuMs;
  const memoryBytes = options.memoryBytes ?? SANDBOX_DEFAULTS.memoryBytes;
  const job: GuestJob = {
    source,
    names: functions.map((f) => f.name),
    consoleIndex: options.consoleTo === undefined ? -1 : functions.findIndex((f) => f.name === options.consoleTo),
    seed: options.seed ?? 0,
    cpuMs,
    memoryBytes,
    maxStackBytes: Math.min(Math.max(options.maxStackBytes ?? SANDBOX_DEFAULTS.maxStackBytes, 32 * 1024), SANDBOX_DEFAULTS.maxStackBytes),
  };
  const server = new HostServer(functions, options);
  const limits = { cpuMs, memoryBytes };
  let threadId = 0;
  const finish = (outcome: GuestOutcome, killed: boolean, startMs: number): SandboxResult => ({
    error: programError(outcome, server, limits),
    guestMs: Math.max(0, outcome.runMs - server.bindingMs),
    hostMs: server.hostMs,
    hostCalls: outcome.hostCalls || server.hostCalls,
    fastHostCalls: outcome.fastHostCalls,
    killed,
    startMs,
    thread: threadId,
    ...(server.hostFault !== undefined ? { hostFault: server.hostFault } : {}),
  });

  if (options.module) {
    const link: GuestLink = {
      call: (request) => server.serve(request),
      clockMs: () => server.clockMs(),
      bindingMs: () => server.bindingMs,
      stopRequested: () => options.shouldStop?.() ?? false,
    };
    return finish(runGuest(options.module, job, link), false, 0);
  }

  let thread: SandboxThread;
  let startMs: number;
  try {
    ({ thread, startMs } = readyThread());
  } catch (e) {
    const failure = `sandbox failure: ${(e as Error)?.message ?? String(e)}`;
    return { ...finish(emptyOutcome(), false, 0), error: { kind: 'Error', message: failure, line: null } };
  }
  threadId = thread.id;
  const { i32, f64 } = thread.views;
  f64[CLOCK.simMs] = server.clockMs();
  f64[CLOCK.bindingMs] = 0;
  const start = performance.now();
  thread.start(job);
  let stopAskedAt = 0;
  let state: number = STATE.RUN;
  for (;;) {
    if (state === STATE.CALL) {
      const reply = server.serve(readText(thread.views));
      f64[CLOCK.simMs] = server.clockMs();
      f64[CLOCK.bindingMs] = server.bindingMs;
      if (!writeText(thread.views, reply)) {
        server.stop ??= { kind: 'Error', message: 'internal error: the result of a call was too large to pass', line: null };
        writeText(thread.views, stopReply(server.stop));
      }
      signal(i32, STATE.REPLY);
      state = STATE.REPLY;
      continue;
    }
    if (state === STATE.DONE) {
      const outcome = thread.outcome();
      if (outcome.failure !== null) replaceThread(thread, 'its QuickJS module failed');
      return finish(outcome, false, startMs);
    }
    // The program runs: wait for its next call or its end, within the budget.
    const now = performance.now();
    if (!stopAskedAt && options.shouldStop?.()) {
      stopAskedAt = now;
      Atomics.store(i32, SLOT.stop, 1);
    }
    const used = now - start - server.bindingMs;
    const left = stopAskedAt ? stopAskedAt + KILL_GRACE_MS - now : cpuMs + KILL_GRACE_MS - used;
    if (left <= 0 || thread.broken) {
      const outcome = emptyOutcome(now - start);
      const reason = thread.broken;
      replaceThread(thread, 'it overran its budget');
      const result = finish(outcome, true, startMs);
      if (stopAskedAt) result.error = { kind: 'InterruptedError', message: 'the run was stopped (inside a built-in function)', line: null };
      else if (reason) result.error = { kind: 'Error', message: `sandbox failure: ${reason}`, line: null };
      else result.error = server.stop ?? cpuTimeout(cpuMs, undefined, ' (stuck inside a built-in function; its thread was terminated)');
      return result;
    }
    state = awaitChange(i32, state, options.shouldStop ? Math.min(left, STOP_POLL_MS) : left, CALL_SPINS);
  }
}

function emptyOutcome(runMs = 0): GuestOutcome {
  return {
    thrown: null,
    timedOut: false,
    interrupted: false,
    stoppedByHost: false,
    failure: null,
    runMs,
    hostCalls: 0,
    fastHostCalls: true,
  };
}

// ---------------------------------------------------------------- figures for bench

export interface SandboxStartupFigures {
  /** An empty program on a ready sandbox thread: job, fresh runtime and context, prelude, outcome (ms, median). */
  runMs: number;
  /** A fresh sandbox thread, from `new Worker` to QuickJS loaded (ms, median): paid after a thread is terminated. */
  threadStartMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Start-up cost of the sandbox: `runs` empty programs and `threads` fresh threads. */
export async function measureSandboxStartup(runs = 50, threads = 5): Promise<SandboxStartupFigures> {
  await prepareSandbox();
  runSandboxed('0', []); // warm-up
  const run: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = runSandboxed('0', []);
    if (r.error) throw new Error(`measureSandboxStartup: ${r.error.message}`);
    run.push(performance.now() - t0);
  }
  const start: number[] = [];
  for (let i = 0; i < threads; i++) {
    const t0 = performance.now();
    const t = new SandboxThread();
    t.readySync();
    start.push(performance.now() - t0);
    t.kill('measured');
  }
  return { runMs: Math.round(median(run) * 100) / 100, threadStartMs: Math.round(median(start) * 10) / 10 };
}
