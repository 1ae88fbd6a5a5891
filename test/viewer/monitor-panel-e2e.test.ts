// The viewer's monitor panel and plots over time in a real Chromium (issue 16), on a real
// live episode: a program file run as given (physics, the state monitor, the diagnosis,
// checkpoint images recorded by the monitor's renderer). It picks the red block and puts
// it 9 cm beside the blue one — a failure the monitor catches — so the distance plot
// measures the diagnosis's place offset.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { findBrowser, launchBrowser } from '../../monitor/render/browser.ts';
import type { LaunchedBrowser } from '../../monitor/render/browser.ts';
import { cameraModel, projectPoint } from '../../monitor/render/camera-views.ts';
import { idColour } from '../../monitor/render/mask-colours.ts';
import type { Vec3 } from '../../sim/types.ts';
import { startViewer } from '../../viewer/index.ts';
import type { ViewerServer } from '../../viewer/index.ts';
import type { MonitorPanelState } from '../../viewer/app/monitor-panel.ts';
import type { PlotsState } from '../../viewer/app/plots.ts';
import { viewerPage } from '../helpers/viewer-page.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const browserPath = findBrowser().path;
const SHOTS = process.env.POLICYLOOP_SHOTS ?? '/tmp/M-shots';

const PROGRAM = [
  "subgoal('pick up the red block', { expect: { grasped: 'red_block' } });",
  "pick('red_block');",
  "subgoal('put the red block on the blue block', { expect: { on: ['red_block', 'blue_block'] } });",
  "place('blue_block', { offset: [0.09, 0] });",
  '',
].join('\n');

describe.skipIf(browserPath === null)('the viewer: monitor panel and plots', () => {
  let viewer: ViewerServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  const { state, frames, connected } = viewerPage(() => page);
  const panel = (): Promise<MonitorPanelState> => state<MonitorPanelState>('v.monitorPanel.state()');
  /** Seeks and waits until the panel has drawn that moment. */
  const seek = async (t: number): Promise<void> => {
    await page.evaluate((x) => window.policyloopViewer!.store.seek(x), t);
    await page.waitForFunction((x) => window.policyloopViewer!.monitorPanel.state().time === x, { timeout: 10_000 }, t);
  };
  /** RGBA of a panel image's pixel (its canvas is the monitor's 640 × 480). */
  const pixelOf = (view: string, u: number, v: number): Promise<number[]> =>
    page.$eval(
      `#monitor-panel .mp-view[data-view=${view}] canvas`,
      (c, x, y) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(x as number, y as number, 1, 1).data),
      Math.floor(u),
      Math.floor(v),
    );
  /** A short digest of a panel image's pixels. */
  const digest = (view: string): Promise<string> =>
    page.$eval(`#monitor-panel .mp-view[data-view=${view}] canvas`, (c) => {
      const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 640, 480).data;
      let h = 2166136261;
      for (let i = 0; i < d.length; i += 7) h = Math.imul(h ^ d[i]!, 16777619);
      return (h >>> 0).toString(16);
    });
  const objectAt = (t: number, id: string): Promise<Vec3> =>
    page.evaluate(
      (x, o) => {
        const a = window.policyloopViewer!.store.current!;
        const snap = JSON.parse(JSON.stringify(a.initial));
        return [...a.track.sampleInto(x as number, snap).objects[o as string]!.position] as Vec3;
      },
      t,
      id,
    );

  beforeAll(async () => {
    const dir = tempDir('viewer-monitor-panel');
    const file = join(dir, 'beside.js');
    writeFileSync(file, PROGRAM);
    viewer = await startViewer({ port: 0, outRoot: join(dir, 'runs'), log: () => {} });
    browser = await launchBrowser(browserPath!);
    browser.setBusy(true);
    page = await browser.browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.setViewport({ width: 1440, height: 900 });
    await page.goto(viewer.url);
    await connected();
    const input = await page.$('#program-file');
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(file);
    await page.waitForFunction(() => /as given/.test(document.querySelector('#program-file-note')?.textContent ?? ''), { timeout: 10_000 });
    await page.select('#task-select', 'red_on_blue');
    await page.select('#monitor', 'state');
    await page.select('#speed', 'max');
    // The monitor's renderer records the checkpoints' images: the panel shows those at a checkpoint.
    await page.$eval('#images', (e) => {
      (e as HTMLInputElement).checked = true;
    });
    await page.click('#start');
    // The episode's end, and the status after it: until then the page follows the live episode,
    // the failure focus waits (failure.ts) and the panel redraws one view per turn, so a frame
    // after the end alone may show a checkpoint with one view recorded and the others not.
    await page.waitForFunction(
      () => {
        const s = window.policyloopViewer!.store;
        return s.episodeEnd !== null && s.attempts[0]?.end != null && s.status.status === 'finished';
      },
      { timeout: 150_000 },
    );
    await frames();
    mkdirSync(SHOTS, { recursive: true });
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
  });

  it('shows the three views beside the 3D view, recorded at a checkpoint and drawn between checkpoints', async () => {
    const a = await state<{ success: boolean; checkpoints: { index: number; t: number; label: string }[]; images: number }>(
      '({ success: v.store.current.end.success, checkpoints: v.store.current.checkpoints.map((c) => ({ index: c.index, t: c.t, label: c.label })), images: v.store.current.end.images.length })',
    );
    expect(a.success).toBe(false);
    expect(a.images).toBeGreaterThan(0);

    // The failing checkpoint is on screen (failure.ts): what the monitor recorded there.
    await page.waitForFunction(() => window.policyloopViewer!.monitorPanel.state().checkpoint !== null, { timeout: 10_000 });
    let s = await panel();
    expect(s.open).toBe(true);
    expect(s.views).toEqual(['front', 'top', 'side']);
    expect(s.sources).toEqual({ front: 'recorded', top: 'recorded', side: 'recorded' });
    const shown = await page.$$eval('#monitor-panel .mp-view:not([hidden])', (f) => f.map((e) => (e as HTMLElement).dataset.view));
    expect(shown).toEqual(['front', 'top', 'side']);
    const src = await page.$eval('#monitor-panel .mp-view[data-view=front] img', (i) => (i as HTMLImageElement).getAttribute('src'));
    expect(src).toMatch(/-front\.png$/);
    expect(await page.$eval('#monitor-panel .mp-note', (e) => e.textContent)).toMatch(/the monitor’s recorded images/);

    // Between checkpoints: drawn in the page.
    const mid = (a.checkpoints[0]!.t + a.checkpoints[1]!.t) / 2 + 0.0123;
    await seek(mid);
    s = await panel();
    expect(s.checkpoint).toBeNull();
    expect(s.sources).toEqual({ front: 'drawn', top: 'drawn', side: 'drawn' });
    expect(await page.$eval('#monitor-panel .mp-note', (e) => e.textContent)).toMatch(/drawn in the page/);

    // Beside the 3D view, which keeps most of the row.
    const world = await page.$eval('#world', (e) => e.getBoundingClientRect().toJSON() as DOMRect);
    const side = await page.$eval('#monitor-panel', (e) => e.getBoundingClientRect().toJSON() as DOMRect);
    expect(Math.abs(side.left - world.right)).toBeLessThan(2);
    expect(Math.abs(side.top - world.top)).toBeLessThan(2);
    expect(side.width).toBeLessThan(world.width / 2);
    await page.screenshot({ path: join(SHOTS, 'monitor-panel-rgb.png') });
  });

  it('switches channel: the id mask names the object at its projected pixel, depth is nearer on a block than on the table', async () => {
    const t0 = await state<number>('v.store.current.track.start');
    await seek(t0 + 0.0007);
    const rgb = await digest('front');
    await page.select('#monitor-channel', 'ids');
    await page.waitForFunction(() => window.policyloopViewer!.monitorPanel.state().channel === 'ids', { timeout: 5_000 });
    await seek(t0 + 0.0003);
    const ids = await digest('front');
    expect(ids).not.toBe(rgb);

    // The blue block's top face centre, projected with the monitor's own top camera.
    const legend = await state<string[]>('v.store.info.scene.objects.map((o) => o.id)');
    expect(legend).toContain('blue_block');
    const blue = await objectAt(t0 + 0.0003, 'blue_block');
    const size = await state<number[]>("v.store.info.scene.objects.find((o) => o.id === 'blue_block').size");
    const top: Vec3 = [blue[0], blue[1], blue[2] + size[2]! / 2 - 0.004];
    const cam = cameraModel('top', 640, 480);
    const p = projectPoint(cam, top);
    const at = await state<{ id: number; name: string; depth: number | null }>(`v.monitorPanel.pixel('top', ${p.u}, ${p.v})`);
    expect(at.name).toBe('blue_block');
    expect(await pixelOf('top', p.u, p.v)).toEqual([...idColour(at.id), 255]);
    // The depth there is the block's top as the camera sees it.
    expect(at.depth).toBeCloseTo(p.depth, 2);

    // Hovering names it.
    const box = await page.$eval('#monitor-panel .mp-view[data-view=top] canvas', (c) => c.getBoundingClientRect().toJSON() as DOMRect);
    await page.mouse.move(box.left + (p.u / 640) * box.width, box.top + (p.v / 480) * box.height);
    await page.waitForFunction(() => /blue_block/.test(document.querySelector('#monitor-panel .mp-tip:not([hidden])')?.textContent ?? ''), {
      timeout: 5_000,
    });
    await page.screenshot({ path: join(SHOTS, 'monitor-panel-ids-hover.png') });

    // Depth: the block's top is nearer (brighter) than the table 12 cm in front of it.
    await page.select('#monitor-channel', 'depth');
    await page.waitForFunction(() => window.policyloopViewer!.monitorPanel.state().channel === 'depth', { timeout: 5_000 });
    await seek(t0 + 0.0005);
    expect(await digest('front')).not.toBe(ids);
    const table = projectPoint(cam, [blue[0], blue[1] - 0.12, 0]);
    const onTable = await state<{ name: string; depth: number }>(`v.monitorPanel.pixel('top', ${table.u}, ${table.v})`);
    expect(onTable.name).toBe('table');
    const onBlock = await state<{ name: string; depth: number }>(`v.monitorPanel.pixel('top', ${p.u}, ${p.v})`);
    expect(onBlock.depth).toBeLessThan(onTable.depth);
    const [greyBlock] = await pixelOf('top', p.u, p.v);
    const [greyTable] = await pixelOf('top', table.u, table.v);
    expect(greyBlock!).toBeGreaterThan(greyTable!);
    await page.screenshot({ path: join(SHOTS, 'monitor-panel-depth.png') });
  });

  it('redraws when scrubbed, enlarges an image and closes it with Esc', async () => {
    await page.select('#monitor-channel', 'ids');
    const end = await state<number>('v.store.current.track.end');
    const start = await state<number>('v.store.current.track.start');
    await seek(start + 0.0011);
    const before = await digest('top');
    const draws = (await panel()).draws;
    await seek(end - 0.0011);
    expect((await panel()).draws).toBeGreaterThan(draws);
    // The red block has moved: the top view's mask differs.
    expect(await digest('top')).not.toBe(before);

    await page.click('#monitor-panel .mp-view[data-view=top]');
    await page.waitForFunction(() => (document.querySelector('#monitor-dialog') as HTMLDialogElement | null)?.open === true, {
      timeout: 5_000,
    });
    expect((await panel()).enlarged).toBe('top');
    const big = await page.$eval('#monitor-dialog canvas', (c) => c.getBoundingClientRect().toJSON() as DOMRect);
    expect(big.width).toBeGreaterThan(600);
    expect(await page.$eval('#monitor-dialog h2', (e) => e.textContent)).toBe('top · ids');
    // Its legend: what the mask shows, each entry in its colour.
    const chips = await page.$$eval('#monitor-dialog .mp-chip', (cs) => cs.map((c) => c.textContent));
    expect(chips).toEqual(expect.arrayContaining(['table', 'red_block', 'blue_block']));
    await page.screenshot({ path: join(SHOTS, 'monitor-panel-enlarged.png') });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => (document.querySelector('#monitor-dialog') as HTMLDialogElement).open === false, { timeout: 5_000 });
    expect((await panel()).enlarged).toBeNull();

    // Hidden and shown again with its toggle.
    await page.click('#monitor-toggle');
    expect(await page.$eval('#monitor-panel', (e) => e.classList.contains('collapsed'))).toBe(true);
    const collapsed = await page.$eval('#monitor-panel', (e) => e.getBoundingClientRect().width);
    expect(collapsed).toBeLessThan(40);
    await page.click('#monitor-toggle');
    expect(await page.$eval('#monitor-panel', (e) => e.classList.contains('collapsed'))).toBe(false);
    await page.select('#monitor-channel', 'rgb');
  });

  it('plots the opening dropping at the grasp, the held band of the red block, and the offset’s distance; a click seeks', async () => {
    await frames();
    const p = await state<PlotsState>('v.plots.state()');
    expect(p.attempt).toBe(0);
    expect(p.rows).toEqual(['opening', 'held', 'heights', 'distance']);
    expect(p.pair).toEqual({ label: 'red_block ↔ blue_block', source: 'the diagnosis’s place offset' });
    expect(p.bands.map((b) => b.object)).toEqual(['red_block']);
    const band = p.bands[0]!;
    const opening = await page.evaluate((from) => {
      const s = window.policyloopViewer!.plots.current()!;
      let before = 0;
      let held = Infinity;
      for (let i = 0; i < s.times.length; i++) {
        if (s.times[i]! < from - 0.05) before = Math.max(before, s.width[i]!);
        else if (s.holding[i] === 'red_block') held = Math.min(held, s.width[i]!);
      }
      return { before, held, first: s.width[0]! };
    }, band.from);
    // Open before the grasp, closed on the block while it is held.
    expect(opening.before).toBeGreaterThan(0.06);
    expect(opening.held).toBeLessThan(opening.before - 0.01);
    // At the failing checkpoint the distance is the diagnosis's offset (9 cm beside).
    const offset = await state<number>('v.store.current.end.diagnosis.offset.distance');
    const dEnd = await page.evaluate(() => {
      const s = window.policyloopViewer!.plots.current()!;
      return s.distance![s.distance!.length - 1]!;
    });
    expect(dEnd).toBeCloseTo(offset, 2);

    // Clicking a plot seeks the store's time there.
    const target = (band.from + band.to) / 2;
    const x = await state<number>(`v.plots.xAt(${target})`);
    const box = await page.$eval('#plots canvas', (c) => c.getBoundingClientRect().toJSON() as DOMRect);
    await page.mouse.click(x, box.top + box.height / 2);
    const t = await state<number>('v.store.time');
    const perPixel = (await state<number>('v.store.current.track.end - v.store.current.track.start')) / box.width;
    expect(Math.abs(t - target)).toBeLessThanOrEqual(perPixel * 1.5);
    // Dragging seeks along.
    await page.mouse.move(x, box.top + 10);
    await page.mouse.down();
    await page.mouse.move(x - box.width / 4, box.top + 10, { steps: 4 });
    await page.mouse.up();
    expect(await state<number>('v.store.time')).toBeLessThan(t - 0.1);
    await frames();
    await page.screenshot({ path: join(SHOTS, 'plots-1440.png') });
    expect(pageErrors).toEqual([]);
  });

  it('keeps the 3D view at least half the height at 1024×700, with the panel and the plots on screen', async () => {
    await page.setViewport({ width: 1024, height: 700 });
    await frames();
    await new Promise((r) => setTimeout(r, 300));
    const world = await page.$eval('#world', (e) => e.getBoundingClientRect().toJSON() as DOMRect);
    expect(world.height).toBeGreaterThanOrEqual(350 - 1);
    expect(world.width).toBeGreaterThan(400);
    await page.screenshot({ path: join(SHOTS, 'monitor-panel-1024.png') });
    const side = await page.$eval('#monitor-panel', (e) => e.getBoundingClientRect().toJSON() as DOMRect);
    expect(side.bottom).toBeLessThanOrEqual(world.bottom + 1);
    // The plots under it keep what fits (here the panel is short: the opening and the held band at least) …
    const plots = await page.$eval('#plots canvas', (e) => e.getBoundingClientRect().toJSON() as DOMRect);
    expect(plots.bottom).toBeLessThanOrEqual(700);
    await frames();
    const rows = (await state<PlotsState>('v.plots.state()')).rows;
    expect(rows.slice(0, 2)).toEqual(['opening', 'held']);
    // … and all four, large, when enlarged.
    await page.click('#plots-enlarge');
    await page.waitForFunction(() => window.policyloopViewer!.plots.state().enlarged, { timeout: 5_000 });
    await frames();
    const big = await page.$eval('#plots-dialog canvas', (e) => e.getBoundingClientRect().toJSON() as DOMRect);
    expect(big.height).toBeGreaterThan(300);
    expect(big.width).toBeGreaterThan(800);
    await page.screenshot({ path: join(SHOTS, 'plots-enlarged-1024.png') });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !window.policyloopViewer!.plots.state().enlarged, { timeout: 5_000 });
    await page.setViewport({ width: 1440, height: 900 });
    expect(pageErrors).toEqual([]);
  });
});
