// Runs one program in QuickJS (quickjs-emscripten, sync release build): one wasm module
// per process, a fresh runtime and context per program, every handle disposed. The
// program sees the language built-ins and the functions it is given — nothing of the
// host. Limits: CPU time of guest execution (interrupt handler), memory, stack size.
//
// How a call crosses over: each API function is a small guest wrapper (made by the
// prelude below) that captures `new Error().stack` — the program line of the call —
// encodes its arguments to one JSON string and calls a single hidden host function.
// The host function decodes, runs the binding and returns the result as JSON, which
// the wrapper parses. A binding's PolicyError becomes a guest exception whose `name`
// is the error kind, so programs can `catch (e) { if (e.name === 'GraspError') … }`,
// with its typed cause (when the skill knew one) as `e.cause`; an uncaught one keeps
// that cause in the ProgramError.

import {
  newQuickJSWASMModule,
  RELEASE_SYNC,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';
import { ERROR_KINDS, PolicyError, causeOf, type ErrorKind, type ProgramError } from '../../sim/index.ts';
import { OpaqueValue } from './arguments.ts';

/** File name programs are evaluated under; stack lines `program.js:LINE:COL` give call lines. */
export const PROGRAM_FILE = 'program.js';
const PRELUDE_FILE = 'policyloop-prelude';

export const SANDBOX_DEFAULTS = {
  cpuMs: 10_000,
  memoryBytes: 64 * 1024 * 1024,
  /** Larger stacks let deep recursion overrun the wasm stack and corrupt the module. */
  maxStackBytes: 256 * 1024,
  /** Most arguments copied into a call; more are reported, not copied. */
  maxArgs: 16,
} as const;

// ---------------------------------------------------------------- the module, once

let modulePromise: Promise<QuickJSWASMModule> | null = null;
let loadedModule: QuickJSWASMModule | null = null;

/** Loads the QuickJS wasm module (once per process; later calls return the same one). */
export function loadQuickJS(): Promise<QuickJSWASMModule> {
  modulePromise ??= newQuickJSWASMModule(RELEASE_SYNC).then((m) => (loadedModule = m));
  return modulePromise;
}

/** The loaded module, or an error telling the caller to `await loadQuickJS()` first. */
export function quickJS(): QuickJSWASMModule {
  if (!loadedModule) throw new Error('QuickJS is not loaded yet: await loadQuickJS() before running programs synchronously');
  return loadedModule;
}

/** After a wasm abort the module may be unusable: forget it so the next load starts afresh. */
function dropModule(m: QuickJSWASMModule): void {
  if (loadedModule === m) {
    loadedModule = null;
    modulePromise = null;
  }
}

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
  /** CPU time of guest execution (ms, time inside host calls not counted). Default 10 000. */
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
  /** QuickJS module to use (tests pass a debug build); default the shared release one. */
  module?: QuickJSWASMModule;
}

export interface SandboxResult {
  error: ProgramError | null;
  /** Wall time spent executing guest code (ms). */
  guestMs: number;
  /** Wall time spent inside host functions (ms). */
  hostMs: number;
  hostCalls: number;
  /** Whether calls took the fast path (see installFastCalls); false means the library's own dispatcher. */
  fastHostCalls: boolean;
  /** A host function failed with something other than PolicyError / SandboxStop (a bug). */
  hostFault?: unknown;
}

/** 1-based line of the innermost program frame in a QuickJS stack text; null if none. */
export function programLine(stack: string | undefined | null): number | null {
  if (!stack) return null;
  const m = /program\.js:(\d+)/.exec(stack);
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------- guest side

// The prelude: evaluated once per context before the program. Everything it needs is
// captured in its closure first, so a program that overwrites globals (JSON, Error,
// Array.prototype.push …) cannot reach or break the bridge — at worst it garbles its
// own arguments, which the host then rejects.
const PRELUDE = `(function (host, clock, namesJson, consoleIndex, seed) {
  'use strict';
  var E = Error, parse = JSON.parse, stringify = JSON.stringify, isArray = Array.isArray;
  var keysOf = Object.keys, define = Object.defineProperty, imul = Math.imul, G = globalThis;
  var names = parse(namesJson);
  var MAX_ITEMS = 64, MAX_KEYS = 32, MAX_DEPTH = 6, MAX_STRING = 10000, MAX_ARGS = ${SANDBOX_DEFAULTS.maxArgs};
  function enc(v, depth) {
    switch (typeof v) {
      case 'number':
        if (v !== v) return { x: 'NaN' };
        if (v === 1 / 0) return { x: 'Infinity' };
        if (v === -1 / 0) return { x: '-Infinity' };
        if (v === 0 && 1 / v < 0) return { x: '-0' };
        return v;
      case 'string':
        return v.length > MAX_STRING ? { x: 'string', n: v.length, s: String.prototype.slice.call(v, 0, MAX_STRING) } : v;
      case 'boolean':
        return v;
      case 'undefined':
        return { x: 'undefined' };
      case 'object':
        if (v === null) return null;
        if (depth >= MAX_DEPTH) return { x: 'deep' };
        try {
          if (isArray(v)) {
            var n = v.length;
            if (n > MAX_ITEMS) return { x: 'array', n: n };
            var a = [];
            for (var i = 0; i < n; i++) a[i] = enc(v[i], depth + 1);
            return { a: a };
          }
          var ks = keysOf(v);
          if (ks.length > MAX_KEYS) return { x: 'object', n: ks.length };
          var o = [];
          for (var j = 0; j < ks.length; j++) o[j] = [ks[j], enc(v[ks[j]], depth + 1)];
          return { o: o };
        } catch (e) {
          return { x: 'unreadable' };
        }
      default:
        return { x: typeof v };
    }
  }
  function encArgs(args) {
    var n = args.length, list = [];
    for (var i = 0; i < n && i < MAX_ARGS; i++) list[i] = enc(args[i], 0);
    return stringify({ n: n, a: list });
  }
  // Type code of one argument: primitives cross as they are, anything else as JSON.
  function code(v) {
    switch (typeof v) {
      case 'string': return 's';
      case 'number': return 'n';
      case 'boolean': return v ? 't' : 'f';
      case 'undefined': return 'u';
      default: return v === null ? 'l' : 'j';
    }
  }
  function out(r) {
    return typeof r === 'string' ? parse(r) : r;
  }
  // The call crosses as host(stack, codes, ...args): codes = one character naming the
  // function, then one type code per argument (or '*' and all arguments as JSON).
  function bind(index, name) {
    var id = String.fromCharCode(48 + index);
    var f = function (a, b, c, d) {
      var n = arguments.length, s = new E().stack, k;
      switch (n) {
        case 0: return out(host(s, id));
        case 1:
          k = code(a); if (k === 'j') a = stringify(enc(a, 0));
          return out(host(s, id + k, a));
        case 2: {
          var ka = code(a), kb = code(b);
          if (ka === 'j') a = stringify(enc(a, 0));
          if (kb === 'j') b = stringify(enc(b, 0));
          return out(host(s, id + ka + kb, a, b));
        }
        default: {
          if (n > 4) return out(host(s, id + '*', encArgs(arguments)));
          var t = id + code(a) + code(b) + code(c) + (n > 3 ? code(d) : '');
          if (t[1] === 'j') a = stringify(enc(a, 0));
          if (t[2] === 'j') b = stringify(enc(b, 0));
          if (t[3] === 'j') c = stringify(enc(c, 0));
          if (t[4] === 'j') d = stringify(enc(d, 0));
          return n > 3 ? out(host(s, t, a, b, c, d)) : out(host(s, t, a, b, c));
        }
      }
    };
    define(f, 'name', { value: name });
    return f;
  }
  for (var k = 0; k < names.length; k++) {
    define(G, names[k], { value: bind(k, names[k]), writable: true, configurable: true, enumerable: false });
  }
  if (consoleIndex >= 0) {
    var log = bind(consoleIndex, 'log'), con = {};
    ['log', 'info', 'warn', 'error', 'debug'].forEach(function (m) { con[m] = log; });
    define(G, 'console', { value: con, writable: true, configurable: true, enumerable: false });
  }
  // Deterministic Math.random (mulberry32) and a Date whose clock is simulated time.
  var state = seed >>> 0;
  define(Math, 'random', { writable: true, configurable: true, value: function random() {
    state = (state + 0x6d2b79f5) >>> 0;
    var t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  } });
  var RealDate = Date, EPOCH = 1735689600000;
  class SimDate extends RealDate {
    constructor() {
      if (arguments.length === 0) super(EPOCH + clock());
      else super(...arguments);
    }
    static now() { return EPOCH + clock(); }
  }
  define(SimDate, 'name', { value: 'Date' });
  define(G, 'Date', { value: SimDate, writable: true, configurable: true, enumerable: false });
  // What ended the program, as JSON, read without trusting the thrown value.
  return function describe(e) {
    try {
      if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
        var name = e.name, message = e.message, stack = e.stack, cause = e.cause;
        return stringify({
          error: true,
          name: typeof name === 'string' ? name : undefined,
          message: typeof message === 'string' ? message : message === undefined ? undefined : String(message),
          stack: typeof stack === 'string' ? stack : undefined,
          cause: typeof cause === 'string' ? cause : undefined,
        });
      }
      return stringify({ error: false, value: typeof e === 'string' ? stringify(e) : String(e) });
    } catch (x) {
      return '{"error":false,"value":"an unreadable value"}';
    }
  };
})`;

interface Thrown {
  error: boolean;
  name?: string;
  message?: string;
  stack?: string;
  /** The error's `cause` when it is a string (checked against the kind's causes in classify). */
  cause?: string;
  value?: string;
}

// ---------------------------------------------------------------- the fast call path

/** The private parts of a QuickJSContext the fast path uses (quickjs-emscripten 0.32). */
interface ContextInternals {
  cToHostCallbacks?: { callFunction?: (ctx: number, thisPtr: number, argc: number, argv: number, fnId: number) => number };
  ffi?: {
    QTS_ArgvGetJSValueConstPointer?: (argv: number, index: number) => number;
    QTS_DupValuePointer?: (ctx: number, value: number) => number;
    QTS_Throw?: (ctx: number, error: number) => number;
  };
  getFunction?: (fnId: number) => (...args: QuickJSHandle[]) => unknown;
}

type HostResult = QuickJSHandle | { error: QuickJSHandle } | undefined;

/**
 * Routes guest→host calls of `ctx` past quickjs-emscripten's generic dispatcher, which
 * wraps every call in a generator, a Scope and one Lifetime per argument (≈ 7 µs a
 * call; this path ≈ 1 µs). Our host functions only borrow their argument handles for
 * the duration of the call and return a fresh handle, a static one, { error } or
 * nothing, so the dispatch reduces to: borrow, call, dup the result or throw.
 * Returns false (and changes nothing) if the library's internals are not as expected.
 */
function installFastCalls(ctx: QuickJSContext, onFault: (e: unknown) => void): boolean {
  const c = ctx as unknown as ContextInternals;
  const ffi = c.ffi;
  const cb = c.cToHostCallbacks;
  const argvAt = ffi?.QTS_ArgvGetJSValueConstPointer;
  const dup = ffi?.QTS_DupValuePointer;
  const raise = ffi?.QTS_Throw;
  const lookup = c.getFunction;
  if (!cb || typeof cb.callFunction !== 'function' || !argvAt || !dup || !raise || typeof lookup !== 'function') return false;
  cb.callFunction = (ctxPtr, _thisPtr, argc, argv, fnId) => {
    try {
      const fn = lookup.call(ctx, fnId);
      const args = new Array<QuickJSHandle>(argc);
      for (let i = 0; i < argc; i++) args[i] = { value: argvAt.call(ffi, argv, i) } as unknown as QuickJSHandle;
      const result = fn(...args) as HostResult;
      if (!result) return 0;
      if ('error' in result) {
        const p = raise.call(ffi, ctxPtr, result.error.value as unknown as number);
        result.error.dispose();
        return p;
      }
      const p = dup.call(ffi, ctxPtr, result.value as unknown as number);
      result.dispose();
      return p;
    } catch (e) {
      // Never let a host exception unwind through wasm: hand the guest an error instead.
      onFault(e);
      try {
        const err = ctx.newError({ name: 'Error', message: `internal error: ${(e as Error)?.message ?? String(e)}` });
        const p = raise.call(ffi, ctxPtr, err.value as unknown as number);
        err.dispose();
        return p;
      } catch {
        return 0; // (the guest sees undefined; the fault already stops the program)
      }
    }
  };
  return true;
}

function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  const o = v as { a?: unknown[]; o?: [string, unknown][]; x?: string; n?: number; s?: string };
  if (o.a) return o.a.map(decodeValue);
  if (o.o) return Object.fromEntries(o.o.map(([k, x]) => [k, decodeValue(x)]));
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
      return `${o.s ?? ''}… (${o.n} characters)`; // longer than the prelude copies
    case 'array':
      return new OpaqueValue(`an array of ${o.n} items`);
    case 'object':
      return new OpaqueValue(`an object with ${o.n} keys`);
    case 'deep':
      return new OpaqueValue('a deeply nested value');
    case 'unreadable':
      return new OpaqueValue('an unreadable object');
    default:
      return new OpaqueValue(`a ${o.x ?? 'value'}`);
  }
}

function capString(s: string): string {
  return s.length > 10_000 ? `${s.slice(0, 10_000)}… (${s.length} characters)` : s;
}

/** Arguments of one call from the wrapper's type codes (see `code` in the prelude). */
function readArgs(ctx: QuickJSContext, types: string, handles: QuickJSHandle[]): { count: number; values: unknown[] } {
  if (types === '*') return decodeArgs(ctx.getString(handles[0]!));
  const values: unknown[] = new Array(types.length);
  for (let i = 0; i < types.length; i++) {
    const h = handles[i]!;
    switch (types[i]) {
      case 's':
        values[i] = capString(ctx.getString(h));
        break;
      case 'n':
        values[i] = ctx.getNumber(h);
        break;
      case 't':
        values[i] = true;
        break;
      case 'f':
        values[i] = false;
        break;
      case 'u':
        values[i] = undefined;
        break;
      case 'l':
        values[i] = null;
        break;
      default:
        values[i] = decodeJson(ctx.getString(h));
    }
  }
  return { count: types.length, values };
}

function decodeJson(json: string): unknown {
  try {
    return decodeValue(JSON.parse(json));
  } catch {
    return new OpaqueValue('an unreadable value');
  }
}

/** A host result as a guest value: numbers, booleans and null directly, the rest as JSON for the wrapper to parse. */
function toGuest(ctx: QuickJSContext, result: unknown): QuickJSHandle | undefined {
  switch (typeof result) {
    case 'undefined':
      return undefined;
    case 'number':
      return ctx.newNumber(result);
    case 'boolean':
      return result ? ctx.true : ctx.false;
    default:
      return result === null ? ctx.null : ctx.newString(JSON.stringify(result));
  }
}

function decodeArgs(json: string): { count: number; values: unknown[] } {
  try {
    const { n, a } = JSON.parse(json) as { n: number; a: unknown[] };
    return { count: n, values: a.map(decodeValue) };
  } catch {
    return { count: 1, values: [new OpaqueValue('unreadable arguments')] };
  }
}

const MIB = 1024 * 1024;

/**
 * Where an interrupted program was: QuickJS does not update the current line on a loop's
 * back edge, so the stack of an interrupt names the running function but its line is
 * that function's first one. The function is reported, the line left unknown.
 */
function runningFunction(stack: string | undefined): string {
  const m = /at (\S+) \(program\.js:/.exec(stack ?? '');
  if (!m) return '';
  return m[1] === '<eval>' ? ' (at the top level of the program)' : ` (in function ${m[1]})`;
}

function cpuTimeout(cpuMs: number, stack: string | undefined): ProgramError {
  return {
    kind: 'TimeoutError',
    message: `the program ran longer than ${cpuMs / 1000} s of CPU time${runningFunction(stack)}`,
    line: null,
  };
}

function classify(t: Thrown, opts: { cpuMs: number; memoryBytes: number }): ProgramError {
  const line = programLine(t.stack);
  if (!t.error) return { kind: 'Error', message: `the program threw ${t.value ?? 'a value'}`, line };
  const name = t.name ?? 'Error';
  const message = (t.message ?? '').slice(0, 2000);
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

/**
 * Runs `source` with `functions` bound as globals and returns how it ended. Never
 * throws for anything the program does; the next call gets a fresh sandbox.
 */
export function runSandboxed(source: string, functions: readonly HostFunction[], options: SandboxOptions = {}): SandboxResult {
  if (functions.length > 1000) throw new Error('runSandboxed: at most 1000 host functions');
  const module = options.module ?? quickJS();
  const cpuMs = options.cpuMs ?? SANDBOX_DEFAULTS.cpuMs;
  const memoryBytes = options.memoryBytes ?? SANDBOX_DEFAULTS.memoryBytes;
  const maxStack = Math.min(Math.max(options.maxStackBytes ?? SANDBOX_DEFAULTS.maxStackBytes, 32 * 1024), SANDBOX_DEFAULTS.maxStackBytes);
  const clockMs = options.clockMs ?? (() => 0);
  const consoleIndex = options.consoleTo === undefined ? -1 : functions.findIndex((f) => f.name === options.consoleTo);

  let stop: ProgramError | null = null;
  let hostFault: unknown;
  let hostMs = 0;
  let hostCalls = 0;
  let phase: 'setup' | 'run' | 'extract' = 'setup';
  let runStart = 0;
  let extractDeadline = 0;
  let timedOut = false;
  let fastHostCalls = false;

  const rt: QuickJSRuntime = module.newRuntime();
  let error: ProgramError | null = null;
  try {
    rt.setMemoryLimit(memoryBytes);
    rt.setMaxStackSize(maxStack);
    rt.setInterruptHandler(() => {
      const now = performance.now();
      if (phase === 'extract') return now > extractDeadline;
      if (phase !== 'run') return false;
      if (stop) return true;
      if (options.shouldStop?.()) {
        stop = { kind: 'InterruptedError', message: 'the run was stopped', line: null };
        return true;
      }
      if (now - runStart - hostMs > cpuMs) {
        timedOut = true;
        return true;
      }
      return false;
    });
    const ctx: QuickJSContext = rt.newContext();
    try {
      error = runInContext(ctx);
    } finally {
      ctx.dispose();
    }
  } catch (e) {
    // Only a broken wasm module gets here (an abort); report it and start afresh next time.
    dropModule(module);
    error = { kind: 'Error', message: `sandbox failure: ${(e as Error)?.message ?? String(e)}`, line: null };
  } finally {
    try {
      rt.dispose();
    } catch (e) {
      dropModule(module);
      error ??= { kind: 'Error', message: `sandbox failure: ${(e as Error)?.message ?? String(e)}`, line: null };
    }
  }
  const total = runStart ? performance.now() - runStart : 0;
  return {
    error,
    guestMs: Math.max(0, total - hostMs),
    hostMs,
    hostCalls,
    fastHostCalls,
    ...(hostFault !== undefined ? { hostFault } : {}),
  };

  function runInContext(ctx: QuickJSContext): ProgramError | null {
    const guestError = (name: string, message: string, cause?: string): { error: QuickJSHandle } => {
      const error = ctx.newError({ name, message });
      if (cause !== undefined) {
        // Not enumerable, like the standard `cause`: logging a caught error shows what it did before.
        const value = ctx.newString(cause);
        ctx.defineProp(error, 'cause', { value, configurable: true, enumerable: false });
        value.dispose();
      }
      return { error };
    };
    const host = ctx.newFunction('host', (stackH, codesH, ...argH) => {
      const t0 = performance.now();
      hostCalls++;
      let line: number | null = null;
      let name = '?';
      try {
        line = programLine(ctx.getString(stackH));
        if (stop) return guestError(stop.kind, stop.message);
        const codes = ctx.getString(codesH);
        const f = functions[codes.charCodeAt(0) - 48];
        if (!f) return guestError('Error', 'unknown host function');
        name = f.name;
        if (options.shouldStop?.()) throw new SandboxStop({ kind: 'InterruptedError', message: 'the run was stopped', line });
        const { count, values } = readArgs(ctx, codes.slice(1), argH);
        return toGuest(ctx, f.call(values, count, line));
      } catch (e) {
        if (e instanceof SandboxStop) {
          stop = { ...e.programError, line: e.programError.line ?? line };
          return guestError(stop.kind, stop.message);
        }
        if (e instanceof PolicyError) return guestError(e.kind, e.message, e.cause);
        hostFault = e;
        stop = { kind: 'Error', message: `internal error in ${name}(): ${(e as Error)?.message ?? String(e)}`, line };
        return guestError('Error', stop.message);
      } finally {
        hostMs += performance.now() - t0;
      }
    });
    const clock = ctx.newFunction('clock', () => ctx.newNumber(clockMs()));
    fastHostCalls = installFastCalls(ctx, (e) => {
      hostFault ??= e;
      stop ??= { kind: 'Error', message: `internal error: ${(e as Error)?.message ?? String(e)}`, line: null };
    });
    let describe: QuickJSHandle | null = null;
    try {
      // Set up the globals.
      const prelude = ctx.evalCode(PRELUDE, PRELUDE_FILE, { type: 'global', strict: true });
      if (prelude.error) {
        prelude.error.dispose();
        throw new Error('the sandbox prelude failed to evaluate');
      }
      const names = ctx.newString(JSON.stringify(functions.map((f) => f.name)));
      const ci = ctx.newNumber(consoleIndex);
      const seed = ctx.newNumber(options.seed ?? 0);
      const made = ctx.callFunction(prelude.value, ctx.undefined, host, clock, names, ci, seed);
      prelude.value.dispose();
      names.dispose();
      ci.dispose();
      seed.dispose();
      if (made.error) {
        made.error.dispose();
        throw new Error('the sandbox prelude failed to run');
      }
      describe = made.value;

      // Run the program, then any promise jobs it queued. A program whose last statement
      // is a call of an async function (`main();`) ends with that promise: its rejection
      // is the program's uncaught error.
      phase = 'run';
      runStart = performance.now();
      let thrown: QuickJSHandle | null = null;
      const result = ctx.evalCode(source, PROGRAM_FILE, { type: 'global' });
      if (result.error) thrown = result.error;
      else {
        const completion = result.value;
        const jobs = rt.executePendingJobs();
        if (jobs.error) thrown = jobs.error;
        else {
          const state = ctx.getPromiseState(completion);
          if (state.type === 'rejected') thrown = state.error;
          else if (state.type === 'fulfilled' && !state.notAPromise) state.value.dispose();
        }
        completion.dispose();
      }
      if (!thrown) {
        phase = 'setup';
        return stop;
      }

      // Read what ended it, with room to allocate and a short deadline for hostile getters.
      phase = 'extract';
      extractDeadline = performance.now() + 250;
      rt.setMemoryLimit(-1);
      let info: Thrown = { error: false, value: 'an unreadable value' };
      const described = ctx.callFunction(describe, ctx.undefined, thrown);
      thrown.dispose();
      if (described.error) described.error.dispose();
      else {
        try {
          info = JSON.parse(ctx.getString(described.value)) as Thrown;
        } catch {
          /* keep the fallback */
        }
        described.value.dispose();
      }
      phase = 'setup';
      if (stop) {
        const s: ProgramError = stop;
        if (s.kind === 'InterruptedError') return { ...s, message: `${s.message}${runningFunction(info.stack)}` };
        return { ...s, line: s.line ?? programLine(info.stack) };
      }
      if (timedOut) return cpuTimeout(cpuMs, info.stack);
      return classify(info, { cpuMs, memoryBytes });
    } finally {
      phase = 'setup';
      describe?.dispose();
      clock.dispose();
      host.dispose();
    }
  }
}
