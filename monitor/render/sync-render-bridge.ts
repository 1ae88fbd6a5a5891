// A synchronous door to the asynchronous renderer, for code that cannot await: the
// program sandbox runs synchronously, yet `pixels` perception (policy/program/perception.ts)
// must render the world between two API calls. A worker thread owns a renderer page
// connected to a browser; render() posts a request to it and blocks the calling thread
// with Atomics.wait on a shared flag until the worker has posted the images back, then
// takes them with receiveMessageOnPort. Opening it (async) starts the worker and the page,
// so every later render costs only the render itself.

import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { SceneSpec, Snapshot } from '../../sim/types.ts';
import { TABLE, GRIPPER } from '../../sim/types.ts';
import { findBrowser } from './browser.ts';
import { launchSharedBrowser, RendererUnavailableError } from './headless-renderer.ts';
import type { RenderOptions, SharedBrowser, ViewImages } from './headless-renderer.ts';

export interface BridgeWorkerData {
  port: MessagePort;
  signal: SharedArrayBuffer;
  browserWSEndpoint: string;
  warmSnapshot: Snapshot;
}

export interface BridgeRequest {
  id: number;
  scene: SceneSpec;
  snapshot: Snapshot;
  options: RenderOptions;
}

export type BridgeReply =
  | { id: number; ok: true; images: ViewImages; ms: number; pageMs: number }
  | { id: number; ok: false; message: string };

export interface SyncRenderStats {
  renders: number;
  /** Wall time the callers were blocked in render() (ms). */
  ms: number;
  /** Of `ms`, the time the worker spent on the renders (page call and decoding; ms). */
  workerMs: number;
  /** Of `workerMs`, the time inside the page (render, readback, compression; ms). */
  pageMs: number;
}

/** How long render() blocks before giving up (ms). */
const RENDER_TIMEOUT_MS = 30_000;
const OPEN_TIMEOUT_MS = 60_000;

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}

export class SyncRenderBridge {
  readonly stats: SyncRenderStats = { renders: 0, ms: 0, workerMs: 0, pageMs: 0 };
  private nextId = 1;
  private broken: string | null = null;

  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;
  private readonly ownBrowser: SharedBrowser | null;

  private constructor(worker: Worker, port: MessagePort, flag: Int32Array, ownBrowser: SharedBrowser | null) {
    this.worker = worker;
    this.port = port;
    this.flag = flag;
    this.ownBrowser = ownBrowser;
    worker.on('exit', () => {
      this.broken ??= 'the render worker exited';
    });
    worker.on('error', (err) => {
      this.broken ??= `the render worker failed: ${firstLine(err)}`;
    });
  }

  /**
   * Starts the worker and its page. With `browserWSEndpoint` it connects to that browser
   * (a suite's shared one); without, it launches one for this bridge. Rejects with
   * RendererUnavailableError (one line) when there is no browser.
   */
  static async open(opts: { browserWSEndpoint?: string | null } = {}): Promise<SyncRenderBridge> {
    let ws = opts.browserWSEndpoint ?? null;
    let own: SharedBrowser | null = null;
    if (!ws) {
      const found = findBrowser();
      if (!found.path) throw new RendererUnavailableError(`rendering unavailable: ${found.reason}`);
      own = await launchSharedBrowser();
      if (!own) throw new RendererUnavailableError(`rendering unavailable: could not start ${found.path}`);
      ws = own.wsEndpoint;
    }
    const channel = new MessageChannel();
    const signal = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const warmSnapshot: Snapshot = {
      t: 0,
      step: 0,
      objects: {},
      gripper: { position: [...TABLE.home], yaw: 0, approach: 'top', width: GRIPPER.maxOpening, holding: null },
    };
    const data: BridgeWorkerData = { port: channel.port2, signal, browserWSEndpoint: ws, warmSnapshot };
    const worker = new Worker(new URL('./render-bridge-entry.js', import.meta.url), { workerData: data, transferList: [channel.port2] });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the render worker did not start in ${OPEN_TIMEOUT_MS / 1000} s`)),
          OPEN_TIMEOUT_MS,
        );
        const done = (f: () => void): void => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('exit', onExit);
          worker.off('error', onError);
          f();
        };
        const onMessage = (m: { type: string; message?: string }): void => {
          if (m.type === 'ready') done(resolve);
          else if (m.type === 'error') done(() => reject(new RendererUnavailableError(m.message ?? 'rendering unavailable')));
        };
        const onExit = (code: number): void => done(() => reject(new Error(`the render worker exited with code ${code}`)));
        const onError = (err: Error): void => done(() => reject(new Error(`the render worker failed: ${firstLine(err)}`)));
        worker.on('message', onMessage);
        worker.on('exit', onExit);
        worker.on('error', onError);
      });
    } catch (err) {
      await worker.terminate();
      await own?.close();
      throw err;
    }
    // Neither the worker nor its port keeps the process alive; closeRenderBridges() ends them.
    worker.unref();
    channel.port1.unref();
    return new SyncRenderBridge(worker, channel.port1, new Int32Array(signal), own);
  }

  /** Renders one state of the scene and blocks until the images are here (throws on failure). */
  render(scene: SceneSpec, snapshot: Snapshot, options: RenderOptions): ViewImages {
    if (this.broken) throw new RendererUnavailableError(`rendering unavailable: ${this.broken}`);
    const t0 = performance.now();
    const id = this.nextId++;
    const last = Atomics.load(this.flag, 0);
    const strip: Snapshot = { t: snapshot.t, step: snapshot.step, objects: snapshot.objects, gripper: snapshot.gripper };
    this.port.postMessage({ id, scene, snapshot: strip, options } satisfies BridgeRequest);
    const deadline = t0 + RENDER_TIMEOUT_MS;
    while (Atomics.load(this.flag, 0) !== id) {
      const left = deadline - performance.now();
      if (left <= 0 || this.broken) {
        this.broken ??= `a render took longer than ${RENDER_TIMEOUT_MS / 1000} s`;
        throw new RendererUnavailableError(`rendering unavailable: ${this.broken}`);
      }
      Atomics.wait(this.flag, 0, last, Math.min(left, 1_000));
    }
    // The reply was posted before the flag was set; take it (skipping any stale one).
    let reply: BridgeReply | undefined;
    for (let tries = 0; tries < 1_000; tries++) {
      const got = receiveMessageOnPort(this.port);
      if (got && (got.message as BridgeReply).id === id) {
        reply = got.message as BridgeReply;
        break;
      }
      if (!got) Atomics.wait(this.flag, 0, id, 1);
    }
    if (!reply) throw new Error('render bridge: the reply to a render was lost');
    this.stats.renders++;
    this.stats.ms += performance.now() - t0;
    if (!reply.ok) throw new RendererUnavailableError(`rendering failed: ${reply.message}`);
    this.stats.workerMs += reply.ms;
    this.stats.pageMs += reply.pageMs;
    return reply.images;
  }

  async close(): Promise<void> {
    this.broken ??= 'the render bridge was closed';
    this.port.postMessage({ type: 'close' });
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    const timer = setTimeout(() => void this.worker.terminate(), 5_000);
    await exited;
    clearTimeout(timer);
    this.port.close();
    await this.ownBrowser?.close();
  }
}

const bridges = new Map<string, Promise<SyncRenderBridge>>();

/**
 * The thread's render bridge to `browserWSEndpoint` (or to a browser of its own), opened
 * once and reused. A failed open is not cached, so a later call retries.
 */
export function getRenderBridge(opts: { browserWSEndpoint?: string | null } = {}): Promise<SyncRenderBridge> {
  const key = opts.browserWSEndpoint ?? '';
  let b = bridges.get(key);
  if (!b) {
    b = SyncRenderBridge.open(opts);
    bridges.set(key, b);
    b.catch(() => bridges.delete(key));
  }
  return b;
}

/** Closes every render bridge of this thread (and the browsers they launched). */
export async function closeRenderBridges(): Promise<void> {
  const all = [...bridges.values()];
  bridges.clear();
  await Promise.all(all.map((b) => b.then((x) => x.close()).catch(() => undefined)));
}
