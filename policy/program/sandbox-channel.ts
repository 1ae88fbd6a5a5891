// The shared memory between the host thread (sandbox.ts) and the sandbox thread
// (sandbox-worker.ts): a state word both sides wait on, a stop flag, two clocks and one
// buffer for a call's request or its reply. Jobs and outcomes, which are larger and rare,
// go over a MessagePort; API calls, which are many and small, go through this buffer.

/** Values of the state word. */
export const STATE = {
  /** The thread is starting. */
  STARTING: 0,
  /** The thread has loaded QuickJS and waits for a job. */
  READY: 1,
  /** A job was posted on the port (host → thread); the program is running. */
  RUN: 2,
  /** The program made an API call: the request is in the buffer (thread → host). */
  CALL: 3,
  /** The reply is in the buffer (host → thread). */
  REPLY: 4,
  /** The outcome was posted on the port (thread → host). */
  DONE: 5,
  /** The thread could not start: the message was posted on the port. */
  FAILED: 6,
} as const;

/** Int32 slots. */
export const SLOT = { state: 0, length: 1, stop: 2 } as const;
/** Float64 slots (after the Int32 header). */
export const CLOCK = { simMs: 0, bindingMs: 1 } as const;

const HEADER_BYTES = 16;
const CLOCK_BYTES = 16;
/** Room for one request or reply (bytes): a call's arguments are capped well below it. */
export const BUFFER_BYTES = 2 * 1024 * 1024;

export interface ChannelViews {
  i32: Int32Array;
  f64: Float64Array;
  bytes: Buffer;
}

export function newChannel(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + CLOCK_BYTES + BUFFER_BYTES);
}

export function channelViews(sab: SharedArrayBuffer): ChannelViews {
  return {
    i32: new Int32Array(sab, 0, HEADER_BYTES / 4),
    f64: new Float64Array(sab, HEADER_BYTES, CLOCK_BYTES / 8),
    bytes: Buffer.from(sab, HEADER_BYTES + CLOCK_BYTES, BUFFER_BYTES),
  };
}

/** Writes `text` into the buffer; false when it does not fit. */
export function writeText(v: ChannelViews, text: string): boolean {
  if (text.length * 3 > BUFFER_BYTES && Buffer.byteLength(text) > BUFFER_BYTES) return false;
  Atomics.store(v.i32, SLOT.length, v.bytes.write(text, 0, 'utf8'));
  return true;
}

export function readText(v: ChannelViews): string {
  return v.bytes.toString('utf8', 0, Atomics.load(v.i32, SLOT.length));
}

/**
 * Waits until the state word leaves `from`, spinning briefly first (a reply to a quick
 * call usually comes within microseconds, and a futex wake costs more). `timeoutMs`
 * bounds the wait; returns the state seen.
 */
export function awaitChange(i32: Int32Array, from: number, timeoutMs: number, spins: number): number {
  for (let i = 0; i < spins; i++) {
    const s = Atomics.load(i32, SLOT.state);
    if (s !== from) return s;
  }
  Atomics.wait(i32, SLOT.state, from, timeoutMs);
  return Atomics.load(i32, SLOT.state);
}

/** Sets the state word and wakes the other side. */
export function signal(i32: Int32Array, state: number): void {
  Atomics.store(i32, SLOT.state, state);
  Atomics.notify(i32, SLOT.state);
}
