// Writing rendered checkpoints to disk as `NN-<label>-<view>.png` (docs/architecture.md#run-records).

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { safeLabel } from '../../sim/index.ts';
import type { SceneSpec, Snapshot } from '../../sim/index.ts';
import { snapshotFromScene } from '../scene-snapshot.ts';
import { VIEW_NAMES } from './camera-views.ts';
import type { ViewName } from './camera-views.ts';
import { getRenderer } from './headless-renderer.ts';
import { depthRgba, idMaskRgba } from './mask-colours.ts';
import type { HeadlessRenderer, RenderedView, ViewImages } from './headless-renderer.ts';

export function checkpointFileName(index: number, label: string, view: ViewName, suffix = ''): string {
  return `${String(index).padStart(2, '0')}-${safeLabel(label)}-${view}${suffix}.png`;
}

// Previews are looked at, not archived: fast deflate beats a few percent of size.
function png(rgba: Uint8Array, width: number, height: number): Buffer {
  const bytes = encode({ width, height, data: rgba, channels: 4, depth: 8 }, { zlib: { level: 3 } });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A false-colour PNG of an id mask (mask-colours.ts: golden-angle hues; background black). */
export function idMaskPng(v: RenderedView): Buffer {
  if (!v.ids) throw new Error('idMaskPng: the view has no id mask');
  return png(idMaskRgba(v.ids, v.idLegend.length) as Uint8Array, v.width, v.height);
}

/** A grey-scale PNG of a depth image (near = bright), for looking at. */
export function depthPng(v: RenderedView): Buffer {
  if (!v.depth) throw new Error('depthPng: the view has no depth');
  return png(depthRgba(v.depth) as Uint8Array, v.width, v.height);
}

export interface WriteImagesOptions {
  /** Also write `-ids.png` (false colour) and `-depth.png` previews. */
  masks?: boolean;
}

/** Writes every view of every checkpoint; returns the paths written. */
export async function writeCheckpointImages(
  outDir: string,
  checkpoints: readonly { index: number; label: string }[],
  images: readonly ViewImages[],
  opts: WriteImagesOptions = {},
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (let i = 0; i < images.length; i++) {
    const cp = checkpoints[i] ?? { index: i, label: `checkpoint-${i}` };
    for (const view of VIEW_NAMES) {
      const v = images[i]![view];
      if (!v) continue;
      const files: [string, Buffer | undefined][] = [[checkpointFileName(cp.index, cp.label, view), v.rgbPng]];
      if (opts.masks) {
        files.push([checkpointFileName(cp.index, cp.label, view, '-ids'), v.ids ? idMaskPng(v) : undefined]);
        files.push([checkpointFileName(cp.index, cp.label, view, '-depth'), v.depth ? depthPng(v) : undefined]);
      }
      for (const [name, data] of files) {
        if (!data) continue;
        const p = join(outDir, name);
        await writeFile(p, data);
        written.push(p);
      }
    }
  }
  return written;
}

/**
 * Renders a scene from every view and writes `00-initial-<view>.png` into outDir (the
 * `policyloop render` command). `snapshot` defaults to the scene as laid out.
 */
export async function renderInitialScene(
  scene: SceneSpec,
  outDir: string,
  opts: { snapshot?: Snapshot; renderer?: HeadlessRenderer; masks?: boolean } = {},
): Promise<string[]> {
  const renderer = opts.renderer ?? getRenderer();
  const images = await renderer.renderCheckpoints(scene, [opts.snapshot ?? snapshotFromScene(scene)], {
    rgb: true,
    ids: opts.masks ?? false,
    depth: opts.masks ?? false,
  });
  return writeCheckpointImages(outDir, [{ index: 0, label: 'initial' }], images, { masks: opts.masks });
}
