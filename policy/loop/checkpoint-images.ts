// RGB images of one attempt's checkpoints, rendered at most once and only when someone
// needs them: a monitor that looks at pictures, the run record, or a vision repair.

import type { HeadlessRenderer, ViewImages } from '../../monitor/index.ts';
import { checkpointFileName, VIEW_NAMES } from '../../monitor/index.ts';
import type { Checkpoint, SceneSpec } from '../../sim/index.ts';
import type { CheckpointView } from '../programmers/programmer.ts';

export class CheckpointImages {
  private images: ViewImages[] | null = null;
  private rendered = false;

  private readonly renderer: HeadlessRenderer | null;
  private readonly scene: SceneSpec;
  private readonly checkpoints: readonly Checkpoint[];
  private readonly warn: (w: string) => void;
  constructor(renderer: HeadlessRenderer | null, scene: SceneSpec, checkpoints: readonly Checkpoint[], warn: (w: string) => void) {
    this.renderer = renderer;
    this.scene = scene;
    this.checkpoints = checkpoints;
    this.warn = warn;
  }

  /** Every checkpoint's views (index-aligned with the checkpoints); null without a renderer or checkpoints. */
  async all(): Promise<ViewImages[] | null> {
    if (this.rendered) return this.images;
    this.rendered = true;
    if (this.renderer === null || this.checkpoints.length === 0) return null;
    try {
      this.images = await this.renderer.renderCheckpoints(
        this.scene,
        this.checkpoints.map((c) => c.snapshot),
        { rgb: true, rgbJpeg: true, ids: false, depth: false },
      );
    } catch (err) {
      this.warn(`rendering checkpoint images failed: ${(err as Error).message}`);
    }
    return this.images;
  }

  /** What has been rendered so far, as record files (NN-label-view.png → PNG); renders nothing. */
  recordFiles(): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    this.checkpoints.forEach((cp, i) => {
      for (const view of VIEW_NAMES) {
        const png = this.images?.[i]?.[view]?.rgbPng;
        if (png) files.set(checkpointFileName(cp.index, cp.label, view), png);
      }
    });
    return files;
  }

  /** The views of one checkpoint (by Checkpoint.index) for a vision model: the renderer's model-size JPEGs. */
  async viewsOf(checkpoint: number): Promise<CheckpointView[]> {
    const i = this.checkpoints.findIndex((c) => c.index === checkpoint);
    if (i < 0) return [];
    const views = (await this.all())?.[i];
    return VIEW_NAMES.flatMap((view): CheckpointView[] => {
      const v = views?.[view];
      if (v?.rgbJpeg) return [{ view, mime: 'image/jpeg', bytes: v.rgbJpeg }];
      return v?.rgbPng ? [{ view, mime: 'image/png', bytes: v.rgbPng }] : [];
    });
  }
}
