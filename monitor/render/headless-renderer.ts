// Checkpoint renderer: puppeteer driving one long-lived headless Chromium per process,
// pages reused. All checkpoints of an attempt go to the page in one round trip.
// When no browser can be found or started, `available()` says so in one line and every
// render call rejects with RendererUnavailableError (callers fall back to the state
// monitor); launch and every page call have timeouts, so nothing hangs.

import { inflateSync } from 'node:zlib';
import type { Page } from 'puppeteer-core';
import type { SceneSpec, Snapshot } from '../../sim/types.ts';
import { cameraModel, DEFAULT_HEIGHT, DEFAULT_WIDTH, VIEW_NAMES } from './camera-views.ts';
import type { CameraModel, ViewName } from './camera-views.ts';
import { connectBrowser, findBrowser, launchBrowser, withTimeout } from './browser.ts';
import type { DiscoveryOptions, LaunchedBrowser } from './browser.ts';
import { pageBundle } from './page-bundle.ts';
import { DEPTH_UNIT, ID_BACKGROUND } from './id-legend.ts';
import type { PageRenderRequest, PageRenderResult } from './page-entry.ts';

/** One view of one checkpoint. */
export interface RenderedView {
  view: ViewName;
  width: number;
  height: number;
  /** PNG bytes of the lit, shadowed colour image (when rgb was requested). */
  rgbPng?: Buffer;
  /** The same image as a model-ready JPEG, long side ≤ 512 px (when rgbJpeg was requested). */
  rgbJpeg?: Buffer;
  /** Per pixel index into idLegend (0 = background), row 0 at the top; exact, no antialiasing. */
  ids?: Uint8Array | Uint16Array;
  idLegend: string[];
  /** Per pixel depth along the optical axis (m); Infinity where nothing was hit. */
  depth?: Float32Array;
  camera: CameraModel;
}

/** The views of one checkpoint, by name (only the requested ones). */
export type ViewImages = Partial<Record<ViewName, RenderedView>>;

export interface RenderOptions {
  views?: readonly ViewName[];
  width?: number;
  height?: number;
  /** Defaults: everything. The pixel monitor asks for ids + depth only, a VLM for rgb only. */
  rgb?: boolean;
  ids?: boolean;
  depth?: boolean;
  /**
   * Also (or, with rgb: false, only) a JPEG of the colour image, downscaled and encoded in
   * the browser, for vision models (default false).
   */
  rgbJpeg?: boolean;
}

/** Vision models bill by 512 px tiles; at this size one tile holds the whole view. */
export const JPEG_MAX_SIDE = 512;
export const JPEG_QUALITY = 0.85;

export interface RendererOptions extends DiscoveryOptions {
  /** Connect to this already running browser (launchSharedBrowser) instead of launching one. */
  browserWSEndpoint?: string | null;
  launchTimeoutMs?: number;
  /** Per page call; a render of N snapshots gets callTimeoutMs + N * perSnapshotMs. */
  callTimeoutMs?: number;
  perSnapshotMs?: number;
  maxPages?: number;
}

export class RendererUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RendererUnavailableError';
  }
}

export interface RenderStats {
  views: number;
  snapshots: number;
  /** Wall time spent in render calls (ms). */
  ms: number;
  /** Of which inside the page (render, readback, encoding), excluding transfer (ms). */
  pageMs: number;
  /** Bytes received from the page (base64 text). */
  bytes: number;
}

function stripSnapshot(s: Snapshot): Snapshot {
  // engineState is engine-private bytes; the page needs poses only.
  return { t: s.t, step: s.step, objects: s.objects, gripper: s.gripper };
}

function decode(b64: string): Buffer {
  return Buffer.from(b64, 'base64');
}

/** Inverse of the page's packing (see PageRenderedView.packed). */
function unpackIdsAndDepth(
  buf: Buffer,
  width: number,
  height: number,
  idBytes: 1 | 2,
): { ids: Uint8Array | Uint16Array; depth: Float32Array } {
  const n = width * height;
  if (buf.length !== n * (idBytes + 2)) throw new Error(`render: packed image has ${buf.length} bytes, expected ${n * (idBytes + 2)}`);
  const ids = idBytes === 1 ? new Uint8Array(n) : new Uint16Array(n);
  if (idBytes === 1) ids.set(buf.subarray(0, n));
  else for (let i = 0; i < n; i++) ids[i] = buf[2 * i]! | (buf[2 * i + 1]! << 8);
  const depth = new Float32Array(n);
  const off = n * idBytes;
  for (let row = 0; row < height; row++) {
    let d = 0;
    for (let x = 0, i = row * width; x < width; x++, i++) {
      d = (d + (buf[off + 2 * i]! | (buf[off + 2 * i + 1]! << 8))) & 0xffff;
      depth[i] = ids[i] === ID_BACKGROUND || d === 0 ? Infinity : d * DEPTH_UNIT;
    }
  }
  return { ids, depth };
}

export class HeadlessRenderer {
  readonly options: RendererOptions;
  readonly stats: RenderStats = { views: 0, snapshots: 0, ms: 0, pageMs: 0, bytes: 0 };
  private launched: Promise<LaunchedBrowser> | null = null;
  private unavailable: string | null = null;
  private idle: Page[] = [];
  private pages = 0;
  private busy = 0;
  private waiters: ((p: Page) => void)[] = [];

  constructor(options: RendererOptions = {}) {
    this.options = options;
  }

  /** Finds and starts the browser if needed; `{ ok: false, message }` is one line. */
  async available(): Promise<{ ok: true; executablePath: string } | { ok: false; message: string }> {
    try {
      const b = await this.browser();
      return { ok: true, executablePath: b.executablePath };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  }

  /** null when rendering works; else the one-line reason (and the browser is not retried). */
  async unavailableReason(): Promise<string | null> {
    const a = await this.available();
    return a.ok ? null : a.message;
  }

  private browser(): Promise<LaunchedBrowser> {
    if (this.unavailable) return Promise.reject(new RendererUnavailableError(this.unavailable));
    this.launched ??= (async () => {
      const ws = this.options.browserWSEndpoint;
      if (ws) {
        try {
          return await connectBrowser(ws, this.options.launchTimeoutMs ?? 20_000);
        } catch (err) {
          const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0];
          throw new RendererUnavailableError(`rendering unavailable: could not connect to the shared browser: ${msg}`);
        }
      }
      const found = findBrowser(this.options);
      if (!found.path) throw new RendererUnavailableError(`rendering unavailable: ${found.reason}`);
      try {
        return await launchBrowser(found.path, this.options.launchTimeoutMs ?? 20_000);
      } catch (err) {
        const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0];
        throw new RendererUnavailableError(`rendering unavailable: could not start ${found.path}: ${msg}`);
      }
    })().catch((err: unknown) => {
      this.unavailable = err instanceof Error ? err.message : String(err);
      this.launched = null;
      throw err;
    });
    return this.launched;
  }

  private async newPage(b: LaunchedBrowser): Promise<Page> {
    const timeout = this.options.callTimeoutMs ?? 30_000;
    const page = await withTimeout(b.browser.newPage(), timeout, 'new page');
    page.setDefaultTimeout(timeout);
    await withTimeout(page.setContent('<!doctype html><html><body style="margin:0;background:#000"></body></html>'), timeout, 'page setup');
    const script = await pageBundle();
    await withTimeout(page.evaluate(script), timeout, 'page script');
    const ready = await page.evaluate(() => window.policyloopReady === true);
    if (!ready) throw new Error('page script did not initialise');
    return page;
  }

  private async acquire(b: LaunchedBrowser, timeoutMs: number): Promise<Page> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.pages < (this.options.maxPages ?? 2)) {
      this.pages++;
      try {
        return await this.newPage(b);
      } catch (err) {
        this.pages--;
        throw err;
      }
    }
    // All pages busy: wait for one, but not forever.
    let waiter: ((p: Page) => void) | null = null;
    const got = new Promise<Page>((resolve) => {
      waiter = resolve;
      this.waiters.push(resolve);
    });
    try {
      return await withTimeout(got, timeoutMs, 'waiting for a free page');
    } catch (err) {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      throw err;
    }
  }

  private release(page: Page): void {
    const w = this.waiters.shift();
    if (w) w(page);
    else this.idle.push(page);
  }

  /** A page was dropped: a waiting call gets a fresh one instead. */
  private replace(b: LaunchedBrowser): void {
    const w = this.waiters.shift();
    if (!w) return;
    this.pages++;
    this.newPage(b).then(w, () => {
      this.pages--;
    });
  }

  /** Renders every snapshot from every requested view, in one page call. */
  async renderCheckpoints(scene: SceneSpec, snapshots: readonly Snapshot[], opts: RenderOptions = {}): Promise<ViewImages[]> {
    const views = [...(opts.views ?? VIEW_NAMES)];
    const width = opts.width ?? DEFAULT_WIDTH;
    const height = opts.height ?? DEFAULT_HEIGHT;
    const req: PageRenderRequest = {
      scene,
      snapshots: snapshots.map(stripSnapshot),
      views,
      width,
      height,
      rgb: opts.rgb ?? true,
      ids: opts.ids ?? true,
      depth: opts.depth ?? true,
      jpegMaxSide: opts.rgbJpeg ? JPEG_MAX_SIDE : 0,
      jpegQuality: JPEG_QUALITY,
    };
    if (snapshots.length === 0 || views.length === 0) return snapshots.map(() => ({}));
    const t0 = performance.now();
    const b = await this.browser();
    this.busy++;
    b.setBusy(true);
    let result: PageRenderResult;
    let page: Page | null = null;
    try {
      const timeout = (this.options.callTimeoutMs ?? 30_000) + snapshots.length * views.length * (this.options.perSnapshotMs ?? 2_000);
      page = await this.acquire(b, timeout);
      const p = page;
      result = await withTimeout(
        p.evaluate((r) => window.policyloopRender!(r), req),
        timeout,
        'render call',
      );
      this.release(p);
    } catch (err) {
      // A page that timed out or crashed is not reused; a broken browser is restarted next time.
      if (page) {
        this.pages--;
        void page.close().catch(() => undefined);
        if (b.browser.connected) this.replace(b);
      }
      if (!b.browser.connected) await this.close();
      throw err;
    } finally {
      this.busy--;
      if (this.busy === 0) b.setBusy(false);
    }
    const cams = new Map(views.map((v) => [v, cameraModel(v, width, height)]));
    const out = result.frames.map((frame) => {
      const images: ViewImages = {};
      frame.forEach((f, i) => {
        const view = views[i]!;
        const rv: RenderedView = { view, width, height, idLegend: result.legend, camera: cams.get(view)! };
        if (f.rgb) rv.rgbPng = decode(f.rgb);
        if (f.jpeg) rv.rgbJpeg = decode(f.jpeg);
        if (f.packed) {
          const unpacked = unpackIdsAndDepth(inflateSync(decode(f.packed)), width, height, f.idBytes);
          if (req.ids) rv.ids = unpacked.ids;
          if (req.depth) rv.depth = unpacked.depth;
        }
        images[view] = rv;
      });
      return images;
    });
    this.stats.views += snapshots.length * views.length;
    this.stats.snapshots += snapshots.length;
    this.stats.ms += performance.now() - t0;
    this.stats.pageMs += result.msRender;
    for (const frame of result.frames)
      for (const f of frame) this.stats.bytes += (f.rgb?.length ?? 0) + (f.jpeg?.length ?? 0) + (f.packed?.length ?? 0);
    return out;
  }

  async renderScene(scene: SceneSpec, snapshot: Snapshot, opts: RenderOptions = {}): Promise<ViewImages> {
    return (await this.renderCheckpoints(scene, [snapshot], opts))[0]!;
  }

  async close(): Promise<void> {
    const l = this.launched;
    this.launched = null;
    this.idle = [];
    this.pages = 0;
    if (l) await (await l.catch(() => null))?.close();
  }
}

let shared: HeadlessRenderer | null = null;
const connected = new Map<string, HeadlessRenderer>();

/**
 * The process-wide renderer (one browser per process), or, with `browserWSEndpoint`, the
 * renderer of this thread connected to a shared browser.
 */
export function getRenderer(opts: { browserWSEndpoint?: string | null } = {}): HeadlessRenderer {
  const ws = opts.browserWSEndpoint;
  if (ws) {
    let r = connected.get(ws);
    // A suite worker renders one episode at a time: one page of the shared browser is enough.
    if (!r) {
      r = new HeadlessRenderer({ browserWSEndpoint: ws, maxPages: 1 });
      connected.set(ws, r);
    }
    return r;
  }
  shared ??= new HeadlessRenderer();
  return shared;
}

/** Closes the process-wide browser and disconnects from shared ones. */
export async function closeRenderer(): Promise<void> {
  const all = [shared, ...connected.values()];
  shared = null;
  connected.clear();
  await Promise.all(all.map((r) => r?.close()));
}

export interface SharedBrowser {
  wsEndpoint: string;
  executablePath: string;
  close(): Promise<void>;
}

/**
 * Launches one browser for several worker threads (suites): they pass `wsEndpoint` to
 * getRenderer(). Resolves to null when no browser can be found or started.
 */
export async function launchSharedBrowser(opts: DiscoveryOptions & { launchTimeoutMs?: number } = {}): Promise<SharedBrowser | null> {
  const found = findBrowser(opts);
  if (!found.path) return null;
  try {
    const b = await launchBrowser(found.path, opts.launchTimeoutMs ?? 20_000, { pipe: false });
    // The browser opens with an about:blank tab nobody renders in; its renderer process costs memory.
    for (const page of await b.browser.pages()) await page.close().catch(() => {});
    return { wsEndpoint: b.wsEndpoint!, executablePath: b.executablePath, close: b.close };
  } catch {
    return null;
  }
}

export function renderCheckpoints(scene: SceneSpec, snapshots: readonly Snapshot[], opts?: RenderOptions): Promise<ViewImages[]> {
  return getRenderer().renderCheckpoints(scene, snapshots, opts);
}

export function renderScene(scene: SceneSpec, snapshot: Snapshot, opts?: RenderOptions): Promise<ViewImages> {
  return getRenderer().renderScene(scene, snapshot, opts);
}
