// The worker side of the synchronous render bridge (sync-render-bridge.ts): owns one
// HeadlessRenderer page connected to a browser, renders each request it is sent on its
// port, posts the images back and wakes the blocked caller through the shared flag.

import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { HeadlessRenderer } from './headless-renderer.ts';
import type { ViewImages } from './headless-renderer.ts';
import type { BridgeReply, BridgeRequest, BridgeWorkerData } from './sync-render-bridge.ts';

const data = workerData as BridgeWorkerData;
const port: MessagePort = data.port;
const flag = new Int32Array(data.signal);
const renderer = new HeadlessRenderer({ browserWSEndpoint: data.browserWSEndpoint, maxPages: 1 });

function transferables(images: ViewImages): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(images)) {
    if (v?.ids) out.push(v.ids.buffer as ArrayBuffer);
    if (v?.depth) out.push(v.depth.buffer as ArrayBuffer);
  }
  return out;
}

function reply(r: BridgeReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(r, transfer);
  Atomics.store(flag, 0, r.id);
  Atomics.notify(flag, 0);
}

port.on('message', (req: BridgeRequest | { type: 'close' }) => {
  if ('type' in req) {
    void renderer.close().finally(() => {
      port.close();
      process.exit(0);
    });
    return;
  }
  const t0 = performance.now();
  const page0 = renderer.stats.pageMs;
  renderer.renderScene(req.scene, req.snapshot, req.options).then(
    (images) =>
      reply({ id: req.id, ok: true, images, ms: performance.now() - t0, pageMs: renderer.stats.pageMs - page0 }, transferables(images)),
    (err: unknown) => reply({ id: req.id, ok: false, message: (err instanceof Error ? err.message : String(err)).split('\n')[0]! }),
  );
});

// Start the page now (browser connection, page script) so the first request is as fast as the rest.
const reason = await renderer.unavailableReason();
if (reason) parentPort!.postMessage({ type: 'error', message: reason });
else {
  try {
    await renderer.renderScene({ objects: [], zones: [] }, data.warmSnapshot, { views: ['top'], width: 16, height: 12, rgb: false });
    parentPort!.postMessage({ type: 'ready' });
  } catch (err) {
    parentPort!.postMessage({ type: 'error', message: (err instanceof Error ? err.message : String(err)).split('\n')[0] });
  }
}
