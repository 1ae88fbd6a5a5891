import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { decode } from 'fast-png';
import { imageSize } from '../../llm/index.ts';
import { HeadlessRenderer } from '../../monitor/render/headless-renderer.ts';
import { renderInitialScene, writeCheckpointImages } from '../../monitor/render/image-files.ts';
import { projectPoint, unprojectPixel } from '../../monitor/render/camera-views.ts';
import type { Vec3 } from '../../sim/index.ts';
import { SCENE, edit, initial } from './fixtures.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { HAS_BROWSER, NO_BROWSER } from '../helpers/browser.ts';

/** RGBA of a rendered PNG, whether Chromium wrote it with or without alpha. */
function decodeRgba(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  const img = decode(png);
  expect(img.depth).toBe(8);
  if (img.channels === 4) return { width: img.width, height: img.height, rgba: Uint8Array.from(img.data) };
  expect(img.channels).toBe(3);
  const rgba = new Uint8Array(img.width * img.height * 4).fill(255);
  for (let i = 0, j = 0; i < img.data.length; i += 3, j += 4) rgba.set(img.data.subarray(i, i + 3), j);
  return { width: img.width, height: img.height, rgba };
}

// Machines without Chromium skip what needs pictures, with the reason (the fallback has its own test).
const renderer = new HeadlessRenderer();
afterAll(() => renderer.close());

describe('headless renderer', () => {
  beforeEach((ctx) => ctx.skip(!HAS_BROWSER, NO_BROWSER));

  it('renders every view of every checkpoint in one call: rgb, exact ids, metric depth', async () => {
    const s0 = initial();
    const s1 = edit(s0, { red_block: { position: [0.1, 0.05, 0.07] } });
    const images = await renderer.renderCheckpoints(SCENE, [s0, s1]);
    expect(images).toHaveLength(2);
    for (const frame of images) {
      for (const view of ['front', 'top', 'side'] as const) {
        const v = frame[view]!;
        expect(v.width).toBe(640);
        expect(v.height).toBe(480);
        // The colour image is not blank: many distinct colours.
        const { rgba } = decodeRgba(v.rgbPng!);
        const colours = new Set<number>();
        for (let i = 0; i < rgba.length; i += 4 * 37) colours.add((rgba[i]! << 16) | (rgba[i + 1]! << 8) | rgba[i + 2]!);
        expect(colours.size, view).toBeGreaterThan(50);
        // The id mask decodes to legend entries only and shows the table.
        const seen = new Set(v.ids!);
        for (const id of seen) expect(id).toBeLessThan(v.idLegend.length);
        expect(seen.has(v.idLegend.indexOf('table'))).toBe(true);
      }
    }
    // Top view: every object is visible, each mask pixel unprojects onto its object.
    const top = images[0]!.top!;
    const p: Vec3 = [0, 0, 0];
    for (const o of SCENE.objects) {
      const k = top.idLegend.indexOf(o.id);
      let n = 0,
        zMax = -Infinity;
      for (let i = 0; i < top.ids!.length; i++) {
        if (top.ids![i] !== k) continue;
        n++;
        unprojectPixel(top.camera, i % top.width, Math.floor(i / top.width), top.depth![i]!, p);
        zMax = Math.max(zMax, p[2]);
        expect(Math.hypot(p[0] - o.position[0], p[1] - o.position[1])).toBeLessThan(Math.hypot(o.size[0], o.size[1]) / 2 + 0.005);
      }
      expect(n, o.id).toBeGreaterThan(30);
      expect(zMax, o.id).toBeCloseTo(o.size[2], 2);
    }
    // The moved block is on top of blue_block in the second checkpoint.
    const front1 = images[1]!.front!;
    const c = projectPoint(front1.camera, [0.1, 0.05, 0.085]);
    expect(front1.idLegend[front1.ids![Math.floor(c.v) * 640 + Math.floor(c.u)]!]).toBe('red_block');
  });

  it('draws shadows: the table right behind a block, away from the light, is darker than open table', async () => {
    const v = (await renderer.renderScene(SCENE, initial(), { views: ['top'], ids: true, depth: false })).top!;
    const { rgba } = decodeRgba(v.rgbPng!);
    const lum = (x: Vec3): number => {
      const q = projectPoint(v.camera, x);
      const i = (Math.floor(q.v) * v.width + Math.floor(q.u)) * 4;
      return rgba[i]! + rgba[i + 1]! + rgba[i + 2]!;
    };
    // The sun stands at -x, -y, high (direction ∝ [0.6, 0.5, -1.6]): the 8 cm yellow can at
    // [0, 0.2] throws its shadow toward +x, +y, up to [0.03, 0.225] ± its 2.5 cm radius.
    expect(lum([0.028, 0.238, 0])).toBeLessThan(0.8 * lum([-0.06, 0.2, 0]));
  });

  it('adds a model-size JPEG when asked, encoded in the page, alone or beside the PNG', async () => {
    const both = await renderer.renderScene(SCENE, initial(), { views: ['front', 'top'], rgbJpeg: true, ids: false, depth: false });
    for (const v of [both.front!, both.top!]) {
      const jpeg = v.rgbJpeg!;
      expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]);
      expect(imageSize(jpeg)).toEqual({ mime: 'image/jpeg', width: 512, height: 384 });
      // A flat frame encodes to ~2 kB; the scene's to ~8–11 kB, less than half its PNG.
      expect(jpeg.length).toBeGreaterThan(5_000);
      expect(jpeg.length).toBeLessThan(v.rgbPng!.length / 2);
      expect(decodeRgba(v.rgbPng!).width).toBe(640);
    }
    // Not asked for: not made. Asked for alone: no PNG; a portrait view fits by its height.
    expect((await renderer.renderScene(SCENE, initial(), { views: ['top'], ids: false, depth: false })).top!.rgbJpeg).toBeUndefined();
    const only = (
      await renderer.renderScene(SCENE, initial(), {
        views: ['side'],
        width: 480,
        height: 640,
        rgb: false,
        rgbJpeg: true,
        ids: false,
        depth: false,
      })
    ).side!;
    expect(only.rgbPng).toBeUndefined();
    expect(imageSize(only.rgbJpeg!)).toEqual({ mime: 'image/jpeg', width: 384, height: 512 });
  });

  it('writes NN-<label>-<view>.png files', async () => {
    const dir = tempDir('render');
    const images = await renderer.renderCheckpoints(SCENE, [initial()], { views: ['front', 'top'], ids: false, depth: false });
    const files = await writeCheckpointImages(dir, [{ index: 3, label: 'place blue_block' }], images);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['03-place_blue_block-front.png', '03-place_blue_block-top.png']);
    const written = await renderInitialScene(SCENE, dir, { renderer, masks: true });
    expect(written).toHaveLength(9);
    expect(readdirSync(dir)).toContain('00-initial-side-ids.png');
  });
});
