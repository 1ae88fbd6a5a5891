// The viewer's figures (docs/architecture.md#performance-figures), in headless Chromium
// with SwiftShader at 1440×900: frames the 3D view actually drew per second while a live
// builtin episode streams at 1×; the time from navigation to the first drawn scene with a
// run open; and the WebSocket's bytes per second during the live episode. Counted in the
// page (a script added before the app's own): draw calls on the 3D view's WebGL canvas
// mark an animation frame as drawn, and every message the socket delivers is counted.
// Medians over `reps` runs; the machine's load is part of the figure.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser, launchBrowser } from '../monitor/render/browser.ts';
import { startViewer } from '../viewer/index.ts';
import { median } from './bench.ts';

export interface ViewerFigure {
  viewport: string;
  /** Animation frames per second in which the 3D view drew, over the live episode (target ≥ 30). */
  drawnFps: number;
  /** All animation frames per second over the same time (what the page could have drawn). */
  rafFps: number;
  /** Navigation to the first draw of the scene, a run open (target ≤ 1500). */
  firstSceneMs: number;
  /** WebSocket payload bytes per second during the live episode (target ≤ 50 KB/s = 51200). */
  wsBytesPerSec: number;
  /** WebSocket messages per second over the same time: the world changes only when one arrives. */
  wsMessagesPerSec: number;
  /** Live episode wall time (s) the rates are over. */
  episodeSeconds: number;
  reps: number;
  loadAverage: number;
  targets: { drawnFps: number; firstSceneMs: number; wsBytesPerSec: number };
}

// Runs in the page before its own script: counts drawn frames and socket bytes.
const PROBE = `(() => {
  const p = { drew: false, frames: 0, drawn: 0, bytes: 0, messages: 0, firstDraw: null, counting: false, from: null, to: null };
  window.__viewerBench = p;
  for (const Ctx of [WebGLRenderingContext, WebGL2RenderingContext]) {
    for (const name of ['drawElements', 'drawArrays', 'drawElementsInstanced', 'drawArraysInstanced']) {
      const f = Ctx.prototype[name];
      if (!f) continue;
      Ctx.prototype[name] = function (...args) {
        const c = this.canvas;
        if (c && c.parentElement && c.parentElement.id === 'world') {
          p.drew = true;
          if (p.firstDraw === null) p.firstDraw = performance.now();
        }
        return f.apply(this, args);
      };
    }
  }
  // Counting from the first attempt's start to the end of the episode's run.
  const tick = () => {
    const v = window.policyloopViewer;
    const streaming = v && v.store.attempts.length > 0 && v.store.status.status === 'running';
    if (streaming && p.from === null) { p.from = performance.now(); p.counting = true; }
    if (!streaming && p.counting) { p.to = performance.now(); p.counting = false; }
    if (p.counting) { p.frames++; if (p.drew) p.drawn++; }
    p.drew = false;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const W = window.WebSocket;
  window.WebSocket = class extends W {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', (e) => {
        if (p.counting) p.messages++;
        if (p.counting) p.bytes += typeof e.data === 'string' ? new TextEncoder().encode(e.data).length : (e.data.byteLength ?? e.data.size ?? 0);
      });
    }
  };
})();`;

interface Probe {
  frames: number;
  drawn: number;
  bytes: number;
  messages: number;
  firstDraw: number | null;
  counting: boolean;
  from: number | null;
  to: number | null;
}

export const VIEWER_TARGETS = { drawnFps: 30, firstSceneMs: 1500, wsBytesPerSec: 50 * 1024 };

export interface ViewerBenchOptions {
  reps?: number;
  log?: (s: string) => void;
  /** A script the page runs before the live episode starts (e.g. to close the monitor panel, for comparison). */
  prepare?: string;
}

export async function viewerFigure(opts: ViewerBenchOptions = {}): Promise<ViewerFigure | { skipped: string }> {
  const reps = opts.reps ?? 3;
  const found = findBrowser();
  if (!found.path) return { skipped: found.reason ?? 'no browser' };
  const loadAverage = Math.round(loadavg()[0]! * 100) / 100;
  const runs = mkdtempSync(join(tmpdir(), 'policyloop-bench-viewer-'));
  const browser = await launchBrowser(found.path);
  browser.setBusy(true);
  const first: number[] = [];
  const drawn: number[] = [];
  const raf: number[] = [];
  const bytes: number[] = [];
  const messages: number[] = [];
  const seconds: number[] = [];
  try {
    for (let r = 0; r < reps; r++) {
      // A live episode from the page: frames drawn and bytes received while it runs.
      const live = await startViewer({ port: 0, outRoot: runs, log: () => {} });
      const page = await browser.browser.newPage();
      await page.evaluateOnNewDocument(PROBE);
      await page.setViewport({ width: 1440, height: 900 });
      await page.goto(live.url);
      await page.waitForFunction(() => window.policyloopViewer?.store.hello != null, { timeout: 30_000 });
      if (opts.prepare) await page.evaluate(opts.prepare);
      await page.evaluate(() => {
        window.policyloopViewer!.sendRaw(
          JSON.stringify({
            type: 'start',
            task: 'red_on_blue',
            seed: 0,
            maxRepairs: 0,
            provider: 'builtin',
            monitor: 'state',
            speed: '1x',
          }),
        );
      });
      await page.waitForFunction(() => (window as unknown as { __viewerBench: Probe }).__viewerBench.to !== null, {
        timeout: 180_000,
        polling: 100,
      });
      const probe = await page.evaluate(() => ({ ...(window as unknown as { __viewerBench: Probe }).__viewerBench }));
      const wall = (probe.to! - probe.from!) / 1000;
      await page.close();
      await live.close();
      drawn.push(probe.drawn / wall);
      raf.push(probe.frames / wall);
      bytes.push(probe.bytes / wall);
      messages.push(probe.messages / wall);
      seconds.push(wall);
      opts.log?.(
        `viewer rep ${r + 1}: ${(probe.drawn / wall).toFixed(1)} drawn frames/s, ${(probe.bytes / wall / 1024).toFixed(1)} KB/s over ${wall.toFixed(1)} s`,
      );
    }
    // First drawn scene: the run just recorded, open when the page connects.
    const runDir = readdirSync(runs)
      .map((d) => join(runs, d))
      .find((d) => readdirSync(d).includes('episode.json'));
    if (runDir) {
      for (let r = 0; r < reps; r++) {
        const viewer = await startViewer({ port: 0, outRoot: runs, run: runDir, log: () => {} });
        const page = await browser.browser.newPage();
        await page.evaluateOnNewDocument(PROBE);
        await page.setViewport({ width: 1440, height: 900 });
        await page.goto(viewer.url);
        await page.waitForFunction(() => (window as unknown as { __viewerBench: Probe }).__viewerBench.firstDraw !== null, {
          timeout: 30_000,
          polling: 20,
        });
        first.push(await page.evaluate(() => (window as unknown as { __viewerBench: Probe }).__viewerBench.firstDraw!));
        await page.close();
        await viewer.close();
      }
    }
  } finally {
    await browser.close();
    rmSync(runs, { recursive: true, force: true });
  }
  const round1 = (x: number): number => Math.round(x * 10) / 10;
  return {
    viewport: '1440x900',
    drawnFps: round1(median(drawn)),
    rafFps: round1(median(raf)),
    firstSceneMs: first.length ? Math.round(median(first)) : Number.NaN,
    wsBytesPerSec: Math.round(median(bytes)),
    wsMessagesPerSec: round1(median(messages)),
    episodeSeconds: round1(median(seconds)),
    reps,
    loadAverage,
    targets: VIEWER_TARGETS,
  };
}

export function viewerLine(f: ViewerFigure | { skipped: string }): string {
  if ('skipped' in f) return `viewer: skipped (${f.skipped})`;
  return `viewer (headless Chromium, SwiftShader, ${f.viewport}): ${f.drawnFps} drawn frames/s of ${f.rafFps} animation frames/s during a live 1× episode (target ≥ ${f.targets.drawnFps}); first drawn scene ${f.firstSceneMs} ms after navigation (≤ ${f.targets.firstSceneMs}); WebSocket ${(f.wsBytesPerSec / 1024).toFixed(1)} KB/s (≤ ${f.targets.wsBytesPerSec / 1024}) in ${f.wsMessagesPerSec} messages/s; medians of ${f.reps}, load ${f.loadAverage}`;
}
