// The sandbox thread: loads QuickJS once, then runs the programs the host thread posts,
// one at a time, each in a fresh runtime (sandbox-guest.ts). API calls go to the host
// thread through the shared buffer and block this thread until the reply is there. The
// host thread terminates this thread when a program overruns its budget inside a
// built-in, and starts another; after a wasm abort this thread ends itself, so a
// module that aborted is never used again.

import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { newQuickJSWASMModule, RELEASE_SYNC } from 'quickjs-emscripten';
import { awaitChange, CLOCK, channelViews, readText, SLOT, signal, STATE, writeText } from './sandbox-channel.ts';
import { runGuest, type GuestJob, type GuestLink } from './sandbox-guest.ts';

export interface SandboxWorkerData {
  channel: SharedArrayBuffer;
  port: MessagePort;
}

const { channel, port } = workerData as SandboxWorkerData;
const views = channelViews(channel);
const { i32, f64 } = views;
/** Spins before sleeping on a reply (≈ 10–30 µs). */
const REPLY_SPINS = 2_000;

const link: GuestLink = {
  call(request) {
    if (!writeText(views, request))
      return `e${JSON.stringify(['ArgumentError', 'the arguments of this call are too large to pass', null])}`;
    signal(i32, STATE.CALL);
    let s = awaitChange(i32, STATE.CALL, Number.POSITIVE_INFINITY, REPLY_SPINS);
    while (s === STATE.CALL) s = awaitChange(i32, STATE.CALL, Number.POSITIVE_INFINITY, 0);
    return readText(views);
  },
  clockMs: () => f64[CLOCK.simMs]!,
  bindingMs: () => f64[CLOCK.bindingMs]!,
  stopRequested: () => Atomics.load(i32, SLOT.stop) !== 0,
};

try {
  const module = await newQuickJSWASMModule(RELEASE_SYNC);
  signal(i32, STATE.READY);
  for (;;) {
    let s = Atomics.load(i32, SLOT.state);
    while (s !== STATE.RUN) {
      Atomics.wait(i32, SLOT.state, s);
      s = Atomics.load(i32, SLOT.state);
    }
    const job = receiveMessageOnPort(port)?.message as GuestJob | undefined;
    if (!job) {
      port.postMessage({ failure: 'the sandbox thread found no job' });
      signal(i32, STATE.DONE);
      continue;
    }
    const outcome = runGuest(module, job, link);
    port.postMessage(outcome);
    signal(i32, STATE.DONE);
    if (outcome.failure !== null) break; // the module is not to be trusted again
  }
} catch (e) {
  port.postMessage({ startFailure: (e as Error)?.message ?? String(e) });
  signal(i32, STATE.FAILED);
}
port.close();
