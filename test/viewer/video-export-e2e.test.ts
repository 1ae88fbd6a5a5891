// Video export in a real browser: a recorded run opened in the viewer, an attempt exported
// from the button (the download caught), the whole episode through the page's hook, and a
// cancel; each video played back in Chromium: its size, its duration (written into the
// file: a MediaRecorder alone leaves it unknown), a drawn middle frame, one frame per 1/fps.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { findBrowser, launchBrowser } from '../../monitor/render/browser.ts';
import type { LaunchedBrowser } from '../../monitor/render/browser.ts';
import { startViewer } from '../../viewer/index.ts';
import type { ViewerServer } from '../../viewer/index.ts';
import { framesFor } from '../../viewer/app/video-export.ts';
import { webmFacts } from '../../viewer/app/webm-duration.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { viewerPage } from '../helpers/viewer-page.ts';
import { writeSyntheticRun } from './fixtures.ts';
import { playInBrowser } from './video-check.ts';

const browserPath = findBrowser().path;

describe.skipIf(browserPath === null)('video export from the viewer page', () => {
  let viewer: ViewerServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const downloads = tempDir('video-downloads');
  const pageErrors: string[] = [];
  let lengths: number[] = [];

  const { frames } = viewerPage(() => page);

  beforeAll(async () => {
    const run = writeSyntheticRun();
    viewer = await startViewer({ port: 0, run, outRoot: tempDir('viewer'), log: () => {} });
    browser = await launchBrowser(browserPath!);
    browser.setBusy(true);
    page = await browser.browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(viewer.url);
    await page.waitForFunction(() => {
      const s = window.policyloopViewer?.store;
      return s !== undefined && s.attempts.length === 2 && s.attempts.every((a) => a.end !== null);
    });
    // The store has the run at once; the Export button is enabled by the next frame (video-export.ts, update()).
    await frames();
    lengths = await page.evaluate(() => window.policyloopViewer!.store.attempts.map((a) => a.track.end - a.track.start));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
  });

  it('exports the attempt on screen from the button as a playable WebM of one frame per 1/30 s', async () => {
    const camera = await page.evaluate(() => window.policyloopViewer!.camera());
    await page.evaluate(() => window.policyloopViewer!.store.select(1));
    await page.select('#export-scope', 'attempt');
    await page.click('#export-video');
    // Progress over the 3D view while it records.
    await page.waitForFunction(
      () =>
        !document.querySelector<HTMLElement>('#export-progress')!.hidden &&
        /frame \d+ of \d+/.test(document.querySelector('#export-progress .export-label')!.textContent ?? ''),
      { timeout: 10_000, polling: 20 },
    );
    await page.waitForFunction(() => window.policyloopViewer!.exporter.last !== null, { timeout: 60_000, polling: 100 });
    const file = join(downloads, 'red_on_blue-seed0-attempt1.webm');
    await expect.poll(() => existsSync(file), { timeout: 10_000 }).toBe(true);
    const bytes = new Uint8Array(readFileSync(file));
    const frames = framesFor(lengths[1]!, 30);
    const facts = webmFacts(bytes);
    expect(facts.frames).toBe(frames);
    expect(Math.abs(facts.durationS - lengths[1]!)).toBeLessThanOrEqual(1 / 30);

    const played = await playInBrowser(browser.browser, bytes);
    const size = await page.evaluate(() => window.policyloopViewer!.canvasStats());
    expect([played.width, played.height]).toEqual([size.width - (size.width % 2), size.height - (size.height % 2)]);
    expect(Number.isFinite(played.duration)).toBe(true);
    expect(Math.abs(played.duration * 30 - lengths[1]! * 30)).toBeLessThanOrEqual(1);
    expect(played.distinctColors).toBeGreaterThan(8);
    expect(played.lumaRange).toBeGreaterThan(60);

    // The live view is back: the progress gone, the camera where it was, the canvas drawn.
    expect(await page.$eval('#export-progress', (e) => (e as HTMLElement).hidden)).toBe(true);
    const after = await page.evaluate(() => window.policyloopViewer!.camera());
    expect(after.preset).toBe(camera.preset);
    for (let i = 0; i < 3; i++) {
      expect(after.position[i]).toBeCloseTo(camera.position[i]!, 6);
      expect(after.target[i]).toBeCloseTo(camera.target[i]!, 6);
    }
    expect(size.distinctColors).toBeGreaterThan(8);
    expect(readdirSync(downloads)).toEqual(['red_on_blue-seed0-attempt1.webm']);
  }, 120_000);

  it('exports the whole episode, its attempts in order, at the size and frame rate asked', async () => {
    const video = await page.evaluate(() =>
      window.policyloopViewer!.exportVideo({ scope: 'episode', fps: 10, width: 320, height: 240, view: 'top' }),
    );
    expect(video.fileName).toBe('red_on_blue-seed0-episode.webm');
    const bytes = new Uint8Array(Buffer.from(video.dataUrl.slice(video.dataUrl.indexOf(',') + 1), 'base64'));
    const frames = framesFor(lengths[0]!, 10) + framesFor(lengths[1]!, 10);
    expect(video.frames).toBe(frames);
    expect(webmFacts(bytes).frames).toBe(frames);
    const played = await playInBrowser(browser.browser, bytes);
    expect([played.width, played.height]).toEqual([320, 240]);
    expect(Math.abs(played.duration - frames / 10)).toBeLessThan(0.01);
    expect(Math.abs(played.duration * 10 - (lengths[0]! + lengths[1]!) * 10)).toBeLessThanOrEqual(2);
    expect(played.lumaRange).toBeGreaterThan(60);
  }, 120_000);

  it('stops at Cancel without saving, and refuses a frame rate out of range', async () => {
    const result = page.evaluate(() =>
      window.policyloopViewer!.exportVideo({ scope: 'episode' }).then(
        () => 'finished',
        (e: Error) => `${e.name}: ${e.message}`,
      ),
    );
    await page.waitForFunction(() => window.policyloopViewer!.exporter.progress.done > 3, { timeout: 30_000, polling: 50 });
    await page.click('#export-cancel');
    expect(await result).toBe('AbortError: the video export was cancelled');
    expect(await page.evaluate(() => window.policyloopViewer!.exporter.busy)).toBe(false);
    expect(readdirSync(downloads)).toHaveLength(1);
    const bad = await page.evaluate(() => window.policyloopViewer!.exportVideo({ fps: 0 }).catch((e: Error) => e.message));
    expect(bad).toBe('fps must be from 1 to 60, not 0');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
