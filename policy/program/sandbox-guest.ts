// The guest side of the sandbox: one program run in QuickJS (quickjs-emscripten, sync
// release build), a fresh runtime and context per program, every handle disposed. It runs
// in the sandbox thread (sandbox-worker.ts), which the host thread can terminate whatever
// the program does; sandbox.ts is the host side. Only this file touches QuickJS values.
//
// How a call crosses over: each API function is a small guest wrapper (made by the prelude
// below) that captures the program line of the call, encodes its arguments and calls one
// hidden function, `host`. Strings up to MAX_STRING characters without a NUL, finite
// numbers, booleans, null and undefined cross as they are; anything else is encoded to JSON
// text by the prelude's own encoder (a running size budget per call, depth and width caps,
// no `toJSON`, no JSON.stringify of objects). `host` turns the call into one request line
// for the link (the host thread), waits for the reply and hands the guest the result or
// throws the error the reply names.
//
// Limits: CPU time (the interrupt handler: wall time of the run minus the time the host
// spent inside the API functions, so the boundary's own cost counts), memory, stack size,
// and the host's stop flag. What a built-in never yields from is the host thread's to end:
// it terminates this thread.

import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten';

/** File name programs are evaluated under; stack lines `program.js:LINE:COL` give call lines. */
export const PROGRAM_FILE = 'program.js';
const PRELUDE_FILE = 'policyloop-prelude';

/** Longest string an argument carries as it is; longer ones cross as their first MAX_STRING characters and their length. */
export const MAX_STRING = 10_000;
/** Characters one call's arguments may take in all, encoded; past it a value crosses as `{ x: 'big' }`. */
export const MAX_CALL_CHARS = 256 * 1024;
/** Most arguments copied into a call; more are reported, not copied. */
export const MAX_ARGS = 16;
/** Caps on what is read of a thrown value (characters). */
export const THROWN_CAPS = { name: 200, message: 2000, stack: 4000, value: 300 } as const;
/** Simulated epoch of the guest's Date: 2025-01-01T00:00:00Z plus the simulated time. */
export const GUEST_EPOCH_MS = 1735689600000;

/** One program run, as the host thread asks for it. */
export interface GuestJob {
  source: string;
  /** API function names, in the order of their index in requests. */
  names: string[];
  /** Index in `names` that console.* maps to; -1 for none. */
  consoleIndex: number;
  seed: number;
  cpuMs: number;
  memoryBytes: number;
  maxStackBytes: number;
}

/** The guest's way to the host thread. */
export interface GuestLink {
  /** One API call: `[fn, line, types, ...values]` as JSON; returns the reply (see `Reply`). */
  call(request: string): string;
  /** Simulated milliseconds since the start (the guest's clock). */
  clockMs(): number;
  /** Milliseconds the host spent inside API functions so far (not charged to the program). */
  bindingMs(): number;
  /** The host asked the program to stop (viewer stop button, Ctrl-C). */
  stopRequested(): boolean;
}

/**
 * Reply codes, the first character of a reply: `u` undefined; `n` a number (the rest);
 * `t`/`f` true/false; `l` null; `j` JSON text (the rest) the wrapper parses; `e` a
 * catchable error `[kind, message, cause|null]`; `s` the end of the program
 * `[kind, message]` (every later call gets it too, and the interrupt handler stops the run).
 */
export type Reply = string;

/** What ended the program, read from the thrown value without running its getters. */
export interface Thrown {
  error: boolean;
  name?: string;
  message?: string;
  stack?: string;
  /** The error's `cause` when it is a string. */
  cause?: string;
  value?: string;
}

export interface GuestOutcome {
  /** The uncaught value, or null when the program ran to its end. */
  thrown: Thrown | null;
  /** The CPU budget ran out (even if the program swallowed the interrupt). */
  timedOut: boolean;
  /** The host's stop flag ended it. */
  interrupted: boolean;
  /** A reply said `s` (the host ended the program). */
  stoppedByHost: boolean;
  /** The sandbox itself failed (a wasm abort): the message; the module must not be used again. */
  failure: string | null;
  /** Wall time from the start of the program to its end (ms). */
  runMs: number;
  hostCalls: number;
  /** Whether calls took the fast path (see installFastCalls). */
  fastHostCalls: boolean;
}

const MIB = 1024 * 1024;
/** Headroom over the memory limit while the thrown value is read (it stays on). */
const EXTRACT_HEADROOM = 4 * MIB;
/** Time allowed for reading the thrown value (its Proxy traps run under it). */
const EXTRACT_MS = 250;

/** 1-based line of the innermost program frame in a QuickJS stack text; null if none. */
export function programLine(stack: string | undefined | null): number | null {
  if (!stack) return null;
  const m = /program\.js:(\d+)/.exec(stack);
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------- guest side

// The prelude: evaluated once per context before the program. Everything it needs is
// captured in its closure first (methods as bound `call`s), so a program that overwrites
// globals (JSON, Error, Array.prototype.push, Function.prototype.call, Object.prototype.toJSON …)
// cannot reach or break the bridge — at worst it garbles its own arguments, which the host
// then rejects.
const PRELUDE = `(function (host, clock, namesJson, consoleIndex, seed) {
  'use strict';
  var E = Error, parse = JSON.parse, stringify = JSON.stringify, isArray = Array.isArray;
  var keysOf = Object.keys, define = Object.defineProperty, ownDesc = Object.getOwnPropertyDescriptor;
  var protoOf = Object.getPrototypeOf, setProto = Object.setPrototypeOf, construct = Reflect.construct;
  var uncurry = Function.prototype.bind.bind(Function.prototype.call);
  var slice = uncurry(String.prototype.slice), indexOf = uncurry(String.prototype.indexOf);
  var hasOwn = uncurry(Object.prototype.hasOwnProperty);
  var imul = Math.imul, G = globalThis;
  var names = parse(namesJson);
  var MAX_ITEMS = 64, MAX_KEYS = 32, MAX_DEPTH = 6, MAX_KEY = 1000;
  var MAX_STRING = ${MAX_STRING}, MAX_ARGS = ${MAX_ARGS}, MAX_CALL = ${MAX_CALL_CHARS};
  var BIG = '{"x":"big"}';
  // A primitive string as JSON text (JSON.stringify consults toJSON only for objects).
  function q(s) { return stringify(s); }
  function num(v) {
    if (v !== v) return '{"x":"NaN"}';
    if (v === 1 / 0) return '{"x":"Infinity"}';
    if (v === -1 / 0) return '{"x":"-Infinity"}';
    if (v === 0 && 1 / v < 0) return '{"x":"-0"}';
    return '' + v;
  }
  // One value as JSON text in the form the host decodes ({ a }, { o }, { x } or a primitive);
  // st.left is the call's remaining budget of characters.
  function enc(v, depth, st) {
    if (st.left <= 0) return BIG;
    switch (typeof v) {
      case 'number':
        return num(v);
      case 'string':
        if (v.length > MAX_STRING) {
          st.left -= MAX_STRING;
          return '{"x":"string","n":' + v.length + ',"s":' + q(slice(v, 0, MAX_STRING)) + '}';
        }
        st.left -= v.length;
        return st.left < 0 ? BIG : q(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'undefined':
        return '{"x":"undefined"}';
      case 'object':
        if (v === null) return 'null';
        if (depth >= MAX_DEPTH) return '{"x":"deep"}';
        try {
          var s, i;
          if (isArray(v)) {
            var n = +v.length;
            if (!(n <= MAX_ITEMS)) return '{"x":"array","n":' + num(n) + '}';
            s = '{"a":[';
            for (i = 0; i < n; i++) s += (i ? ',' : '') + enc(v[i], depth + 1, st);
            return st.left < 0 ? BIG : s + ']}';
          }
          var ks = keysOf(v), m = ks.length;
          if (m > MAX_KEYS) return '{"x":"object","n":' + m + '}';
          s = '{"o":[';
          for (i = 0; i < m; i++) {
            var k = ks[i];
            if (k.length > MAX_KEY) return '{"x":"unreadable"}';
            st.left -= k.length;
            s += (i ? ',' : '') + '[' + q(k) + ',' + enc(v[k], depth + 1, st) + ']';
          }
          return st.left < 0 ? BIG : s + ']}';
        } catch (e) {
          return '{"x":"unreadable"}';
        }
      default:
        return '{"x":' + q(typeof v) + '}';
    }
  }
  function json(v) {
    return enc(v, 0, { left: MAX_CALL });
  }
  function encArgs(args) {
    var n = args.length, st = { left: MAX_CALL }, s = '{"n":' + n + ',"a":[';
    for (var i = 0; i < n && i < MAX_ARGS; i++) s += (i ? ',' : '') + enc(args[i], 0, st);
    return s + ']}';
  }
  // Type code of one argument: short NUL-free strings, finite numbers and the rest of the
  // primitives cross as they are, anything else as JSON text.
  function code(v) {
    switch (typeof v) {
      case 'string': return v.length <= MAX_STRING && indexOf(v, '\\u0000') < 0 ? 's' : 'j';
      case 'number': return v === v && v !== 1 / 0 && v !== -1 / 0 && (v !== 0 || 1 / v > 0) ? 'n' : 'j';
      case 'boolean': return v ? 't' : 'f';
      case 'undefined': return 'u';
      default: return v === null ? 'l' : 'j';
    }
  }
  function out(r) {
    return typeof r === 'string' ? parse(r) : r;
  }
  function where() {
    var s = new E().stack;
    return typeof s === 'string' ? slice(s, 0, 1000) : '';
  }
  // The call crosses as host(stack, codes, ...args): codes = one character naming the
  // function, then one type code per argument (or '*' and all arguments as JSON).
  function bind(index, name) {
    var id = String.fromCharCode(48 + index);
    var f = function (a, b, c, d) {
      var n = arguments.length, s = where(), k;
      switch (n) {
        case 0: return out(host(s, id));
        case 1:
          k = code(a); if (k === 'j') a = json(a);
          return out(host(s, id + k, a));
        case 2: {
          var ka = code(a), kb = code(b);
          if (ka === 'j') a = json(a);
          if (kb === 'j') b = json(b);
          return out(host(s, id + ka + kb, a, b));
        }
        default: {
          if (n > 4) return out(host(s, id + '*', encArgs(arguments)));
          var t = id + code(a) + code(b) + code(c) + (n > 3 ? code(d) : '');
          if (t[1] === 'j') a = json(a);
          if (t[2] === 'j') b = json(b);
          if (t[3] === 'j') c = json(c);
          if (t[4] === 'j') d = json(d);
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
  // Deterministic Math.random (mulberry32); the built-in one is dropped.
  var state = seed >>> 0;
  define(Math, 'random', { writable: true, configurable: true, value: function random() {
    state = (state + 0x6d2b79f5) >>> 0;
    var t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  } });
  // Date on the simulated clock. The built-in constructor is reachable from nothing the
  // program sees: SimDate takes its place as Date.prototype.constructor, does not inherit
  // from it, and builds dates with Reflect.construct. Called without new, it gives the
  // string of the simulated now, as Date() gives the real one.
  var RealDate = Date, EPOCH = ${GUEST_EPOCH_MS};
  var SimDate = function Date(a, b, c, d, e, f, g) {
    var n = arguments.length;
    if (new.target === undefined) return '' + construct(RealDate, [EPOCH + clock()], SimDate);
    switch (n) {
      case 0: return construct(RealDate, [EPOCH + clock()], new.target);
      case 1: return construct(RealDate, [a], new.target);
      default: return construct(RealDate, [a, b, c, d, e, f, g].slice(0, n), new.target);
    }
  };
  define(SimDate, 'length', { value: 7 });
  define(SimDate, 'prototype', { value: RealDate.prototype, writable: false, enumerable: false, configurable: false });
  define(RealDate.prototype, 'constructor', { value: SimDate, writable: true, configurable: true, enumerable: false });
  define(SimDate, 'now', { value: function now() { return EPOCH + clock(); }, writable: true, configurable: true });
  define(SimDate, 'parse', { value: RealDate.parse, writable: true, configurable: true });
  define(SimDate, 'UTC', { value: RealDate.UTC, writable: true, configurable: true });
  define(G, 'Date', { value: SimDate, writable: true, configurable: true, enumerable: false });
  // What ended the program, as JSON text, read from own data properties only (no getters,
  // no toJSON) along at most 8 prototypes, each string capped.
  function field(o, key, cap) {
    for (var d = 0; d < 8 && o !== null && (typeof o === 'object' || typeof o === 'function'); d++) {
      var p = ownDesc(o, key);
      if (p !== undefined) {
        if (!hasOwn(p, 'value')) return undefined;
        var v = p.value;
        return typeof v === 'string' ? slice(v, 0, cap) : v;
      }
      o = protoOf(o);
    }
    return undefined;
  }
  function str(v, cap) {
    switch (typeof v) {
      case 'string': return q(slice(v, 0, cap));
      case 'number': case 'boolean': case 'undefined': return q('' + v);
      default: return v === null ? '"null"' : 'null';
    }
  }
  return function describe(e) {
    try {
      if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
        var name = field(e, 'name', ${THROWN_CAPS.name}), message = field(e, 'message', ${THROWN_CAPS.message});
        var stack = field(e, 'stack', ${THROWN_CAPS.stack}), cause = field(e, 'cause', ${THROWN_CAPS.message});
        return '{"error":true' +
          (typeof name === 'string' ? ',"name":' + q(name) : '') +
          (message !== undefined ? ',"message":' + str(message, ${THROWN_CAPS.message}) : '') +
          (typeof stack === 'string' ? ',"stack":' + q(stack) : '') +
          (typeof cause === 'string' ? ',"cause":' + q(cause) : '') + '}';
      }
      return '{"error":false,"value":' + (typeof e === 'string' ? q(q(slice(e, 0, ${THROWN_CAPS.value}))) : str(e, ${THROWN_CAPS.value})) + '}';
    } catch (x) {
      return '{"error":false,"value":"an unreadable value"}';
    }
  };
})`;

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

// ---------------------------------------------------------------- one run

/**
 * Runs one program in a fresh runtime of `module`. Never throws for anything the program
 * does; `failure` set means the module aborted and must be discarded.
 */
export function runGuest(module: QuickJSWASMModule, job: GuestJob, link: GuestLink): GuestOutcome {
  const cpuMs = job.cpuMs;
  let phase: 'setup' | 'run' | 'extract' = 'setup';
  let runStart = 0;
  let extractDeadline = 0;
  let timedOut = false;
  let interrupted = false;
  let stopReply: string | null = null;
  let hostCalls = 0;
  let fastHostCalls = false;
  let failure: string | null = null;
  let thrown: Thrown | null = null;

  let rt: QuickJSRuntime | null = null;
  try {
    rt = module.newRuntime();
    rt.setMemoryLimit(job.memoryBytes);
    rt.setMaxStackSize(job.maxStackBytes);
    rt.setInterruptHandler(() => {
      if (phase === 'extract') return performance.now() > extractDeadline;
      if (phase !== 'run') return false;
      if (stopReply !== null) return true;
      if (link.stopRequested()) {
        interrupted = true;
        return true;
      }
      if (performance.now() - runStart - link.bindingMs() > cpuMs) {
        timedOut = true;
        return true;
      }
      return false;
    });
    const ctx: QuickJSContext = rt.newContext();
    try {
      thrown = runInContext(rt, ctx);
    } finally {
      ctx.dispose();
    }
  } catch (e) {
    // Only a broken wasm module gets here (an abort).
    failure = (e as Error)?.message ?? String(e);
  } finally {
    try {
      rt?.dispose();
    } catch (e) {
      failure ??= (e as Error)?.message ?? String(e);
    }
  }
  return {
    thrown,
    timedOut,
    interrupted,
    stoppedByHost: stopReply !== null,
    failure,
    runMs: runStart ? performance.now() - runStart : 0,
    hostCalls,
    fastHostCalls,
  };

  function runInContext(rt: QuickJSRuntime, ctx: QuickJSContext): Thrown | null {
    const guestError = (name: string, message: string, cause?: string | null): { error: QuickJSHandle } => {
      const error = ctx.newError({ name, message });
      if (cause !== undefined && cause !== null) {
        // Not enumerable, like the standard `cause`: logging a caught error shows what it did before.
        const value = ctx.newString(cause);
        ctx.defineProp(error, 'cause', { value, configurable: true, enumerable: false });
        value.dispose();
      }
      return { error };
    };
    const fromReply = (reply: string): HostResult => {
      switch (reply.charCodeAt(0)) {
        case 117: // u
          return undefined;
        case 110: // n
          return ctx.newNumber(Number(reply.slice(1)));
        case 116: // t
          return ctx.true;
        case 102: // f
          return ctx.false;
        case 108: // l
          return ctx.null;
        case 106: // j
          return ctx.newString(reply.slice(1));
        case 101: {
          // e
          const [kind, message, cause] = JSON.parse(reply.slice(1)) as [string, string, string | null];
          return guestError(kind, message, cause);
        }
        default: {
          // s
          stopReply = reply;
          const [kind, message] = JSON.parse(reply.slice(1)) as [string, string];
          return guestError(kind, message);
        }
      }
    };
    const host = ctx.newFunction('host', (stackH, codesH, ...argH) => {
      hostCalls++;
      if (stopReply !== null) return fromReply(stopReply);
      const line = programLine(ctx.getString(stackH));
      const codes = ctx.getString(codesH);
      let request = `[${codes.charCodeAt(0) - 48},${line ?? 'null'},${JSON.stringify(codes.slice(1))}`;
      for (let i = 1; i < codes.length; i++) {
        const h = argH[i - 1]!;
        switch (codes[i]) {
          case 's':
          case 'j':
          case '*':
            request += `,${JSON.stringify(ctx.getString(h))}`;
            break;
          case 'n':
            request += `,${ctx.getNumber(h)}`;
            break;
          default:
            request += ',0';
        }
      }
      return fromReply(link.call(`${request}]`));
    });
    const clock = ctx.newFunction('clock', () => ctx.newNumber(link.clockMs()));
    fastHostCalls = installFastCalls(ctx, (e) => {
      failure ??= `the sandbox bridge failed: ${(e as Error)?.message ?? String(e)}`;
      stopReply ??= `s${JSON.stringify(['Error', `internal error: ${(e as Error)?.message ?? String(e)}`])}`;
    });
    let describe: QuickJSHandle | null = null;
    try {
      // Set up the globals.
      const prelude = ctx.evalCode(PRELUDE, PRELUDE_FILE, { type: 'global', strict: true });
      if (prelude.error) {
        prelude.error.dispose();
        throw new Error('the sandbox prelude failed to evaluate');
      }
      const names = ctx.newString(JSON.stringify(job.names));
      const ci = ctx.newNumber(job.consoleIndex);
      const seed = ctx.newNumber(job.seed);
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

      // Run the program, then every promise job it queued, under the same budget. A
      // program whose last statement is a call of an async function (`main();`) ends with
      // that promise: its rejection is the program's uncaught error.
      phase = 'run';
      runStart = performance.now();
      let error: QuickJSHandle | null = null;
      const result = ctx.evalCode(job.source, PROGRAM_FILE, { type: 'global' });
      if (result.error) error = result.error;
      else {
        const completion = result.value;
        const jobs = rt.executePendingJobs();
        if (jobs.error) error = jobs.error;
        else {
          const state = ctx.getPromiseState(completion);
          if (state.type === 'rejected') error = state.error;
          else if (state.type === 'fulfilled' && !state.notAPromise) state.value.dispose();
        }
        completion.dispose();
      }
      if (!error) return null;

      // Read what ended it: the memory limit stays on (with a little headroom for the
      // reading itself), and a short deadline holds a Proxy's traps.
      phase = 'extract';
      extractDeadline = performance.now() + EXTRACT_MS;
      rt.setMemoryLimit(job.memoryBytes + EXTRACT_HEADROOM);
      let info: Thrown = { error: false, value: 'an unreadable value' };
      const described = ctx.callFunction(describe, ctx.undefined, error);
      error.dispose();
      if (described.error) described.error.dispose();
      else {
        try {
          info = JSON.parse(ctx.getString(described.value)) as Thrown;
        } catch {
          /* keep the fallback */
        }
        described.value.dispose();
      }
      return info;
    } finally {
      phase = 'setup';
      describe?.dispose();
      clock.dispose();
      host.dispose();
    }
  }
}
