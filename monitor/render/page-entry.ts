// The script the headless renderer loads into its Chromium page (bundled with three.js
// by esbuild at first use). It keeps one WebGL renderer and one scene rig per scene,
// and renders a whole attempt's checkpoints per call: one round trip per attempt.

import * as THREE from 'three';
import { buildSceneRig } from './scene-builder.ts';
import type { SceneRig } from './scene-builder.ts';
import type { ViewName } from './camera-views.ts';
import { createIdTarget, createMonitorRenderer, placeViewCamera, readIdTarget, renderIdPass } from './id-depth-pass.ts';
import type { SceneSpec, Snapshot } from '../../sim/types.ts';

export interface PageRenderRequest {
  scene: SceneSpec;
  snapshots: Snapshot[];
  views: ViewName[];
  width: number;
  height: number;
  rgb: boolean;
  /** A downscaled JPEG of the colour image, long side ≤ jpegMaxSide (0 = none). */
  jpegMaxSide: number;
  jpegQuality: number;
  ids: boolean;
  depth: boolean;
}

/**
 * Binary payloads travel as base64 strings (CDP carries JSON, at ~30 MB/s), so the
 * id/depth planes are compressed first.
 */
export interface PageRenderedView {
  /** PNG file bytes, base64. */
  rgb?: string;
  /** JPEG file bytes, base64. */
  jpeg?: string;
  /**
   * zlib (deflate) of: ids (idBytes per pixel, little-endian), then depth as uint16
   * little-endian in DEPTH_UNIT metres (0 = nothing hit), each row delta-coded from its
   * left neighbour (mod 2^16). Rows top to bottom. base64.
   */
  packed?: string;
  idBytes: 1 | 2;
}

export interface PageRenderResult {
  legend: string[];
  /** [checkpoint][view] in request order. */
  frames: PageRenderedView[][];
  msRender: number;
}

declare global {
  interface Window {
    policyloopRender?: (req: PageRenderRequest) => Promise<PageRenderResult>;
    policyloopReady?: boolean;
  }
}

let renderer: THREE.WebGLRenderer | null = null;
let rig: SceneRig | null = null;
let rigKey = '';
let idTarget: THREE.WebGLRenderTarget | null = null;
const cameras = new Map<ViewName, THREE.PerspectiveCamera>();

function ensureRenderer(width: number, height: number): THREE.WebGLRenderer {
  if (!renderer) {
    const canvas = document.createElement('canvas');
    document.body.appendChild(canvas);
    renderer = createMonitorRenderer(canvas);
  }
  const size = renderer.getSize(new THREE.Vector2());
  if (size.x !== width || size.y !== height) {
    renderer.setSize(width, height, false);
    idTarget?.dispose();
    idTarget = null;
  }
  idTarget ??= createIdTarget(width, height);
  return renderer;
}

function cameraFor(view: ViewName, width: number, height: number): THREE.PerspectiveCamera {
  let cam = cameras.get(view);
  if (!cam) {
    cam = new THREE.PerspectiveCamera();
    cameras.set(view, cam);
  }
  return placeViewCamera(cam, view, width, height);
}

function toBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (native) return native.call(bytes);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function canvasPng(canvas: HTMLCanvasElement): string {
  const url = canvas.toDataURL('image/png');
  return url.slice(url.indexOf(',') + 1);
}

/**
 * The canvas's own encoder and a high-quality downscale, so Node never transcodes. Drawing
 * copies the frame at once; encoding then overlaps the next view's render.
 */
function canvasJpeg(src: HTMLCanvasElement, maxSide: number, quality: number): Promise<string> {
  const scale = Math.min(1, maxSide / Math.max(src.width, src.height));
  const c = new OffscreenCanvas(Math.max(1, Math.round(src.width * scale)), Math.max(1, Math.round(src.height * scale)));
  const g = c.getContext('2d')!;
  g.imageSmoothingEnabled = true;
  g.imageSmoothingQuality = 'high';
  g.drawImage(src, 0, 0, c.width, c.height);
  return c.convertToBlob({ type: 'image/jpeg', quality }).then(async (b) => toBase64(new Uint8Array(await b.arrayBuffer())));
}

/** Reads the id target into the packed layout described on PageRenderedView. */
function packIdTarget(r: THREE.WebGLRenderer, width: number, height: number, idBytes: 1 | 2): Uint8Array {
  const px = readIdTarget(r, idTarget!);
  const n = width * height;
  const out = new Uint8Array(n * idBytes + n * 2);
  const dOff = n * idBytes;
  for (let row = 0; row < height; row++) {
    // GL rows start at the bottom; images start at the top.
    let src = (height - 1 - row) * width * 4;
    let prev = 0;
    for (let x = 0, i = row * width; x < width; x++, i++, src += 4) {
      out[i * idBytes] = px[src]!;
      if (idBytes === 2) out[i * 2 + 1] = px[src + 1]!;
      const d = px[src + 2]! | (px[src + 3]! << 8);
      const delta = (d - prev) & 0xffff;
      prev = d;
      out[dOff + i * 2] = delta & 0xff;
      out[dOff + i * 2 + 1] = delta >> 8;
    }
  }
  return out;
}

async function render(req: PageRenderRequest): Promise<PageRenderResult> {
  const t0 = performance.now();
  const r = ensureRenderer(req.width, req.height);
  const key = JSON.stringify(req.scene);
  // The old rig is disposed only after the new one has rendered: its materials keep the
  // shared shader programs alive, so a new scene does not compile them again.
  let retired: SceneRig | null = null;
  if (!rig || key !== rigKey) {
    retired = rig;
    rig = buildSceneRig(req.scene);
    rigKey = key;
  }
  const idBytes: 1 | 2 = rig.legend.length <= 256 ? 1 : 2;
  const pending: Promise<void>[] = [];
  const frames: PageRenderedView[][] = [];
  const colour = req.rgb || req.jpegMaxSide > 0;
  for (const snap of req.snapshots) {
    rig.update(snap);
    rig.scene.updateMatrixWorld();
    r.shadowMap.needsUpdate = colour;
    const views: PageRenderedView[] = [];
    for (const view of req.views) {
      const cam = cameraFor(view, req.width, req.height);
      const out: PageRenderedView = { idBytes };
      if (colour) {
        rig.setPass('color');
        r.setRenderTarget(null);
        r.render(rig.scene, cam);
        if (req.rgb) out.rgb = canvasPng(r.domElement);
        if (req.jpegMaxSide > 0)
          pending.push(
            canvasJpeg(r.domElement, req.jpegMaxSide, req.jpegQuality).then((j) => {
              out.jpeg = j;
            }),
          );
      }
      if (req.ids || req.depth) {
        renderIdPass(r, rig, cam, idTarget!);
        const packed = packIdTarget(r, req.width, req.height, idBytes);
        // Compression runs while the next view renders.
        pending.push(
          deflate(packed).then((z) => {
            out.packed = toBase64(z);
          }),
        );
      }
      views.push(out);
    }
    frames.push(views);
  }
  retired?.dispose();
  await Promise.all(pending);
  return { legend: rig.legend, frames, msRender: performance.now() - t0 };
}

window.policyloopRender = render;
window.policyloopReady = true;
