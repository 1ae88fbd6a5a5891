// The 3D view's overlays and the ghost of the previous attempt in a real Chromium (issue
// 16), on a real episode: physics, the state monitor and the diagnosis. The programs place
// the red block beside the blue one twice (9 cm, then 5 cm off: failures only the monitor
// catches) and on it the third time. Each overlay is switched on and off and must change
// the picture and draw what the data states.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { findBrowser, launchBrowser } from '../../monitor/render/browser.ts';
import type { LaunchedBrowser } from '../../monitor/render/browser.ts';
import type { Snapshot, Vec3 } from '../../sim/types.ts';
import { startViewer } from '../../viewer/index.ts';
import type { ViewerServer } from '../../viewer/index.ts';
import type { GhostState } from '../../viewer/app/attempt-ghost.ts';
import type { OverlayName, OverlayState } from '../../viewer/app/overlays.ts';
import { viewerPage } from '../helpers/viewer-page.ts';
import { recordScriptedEpisode } from '../helpers/scripted-programmer.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const browserPath = findBrowser().path;
const OUT = resolve('test-output');

/** Offsets of the place, attempt by attempt (m): beside the blue block twice, then on it. */
const OFFSETS: [number, number][] = [
  [0.09, 0.02],
  [0.05, -0.03],
  [0, 0],
];

function programFor(attempt: number): string {
  return [
    "subgoal('pick up the red block', { expect: { grasped: 'red_block' } });",
    "pick('red_block');",
    "subgoal('put the red block on the blue block', { expect: { on: ['red_block', 'blue_block'] } });",
    `place('blue_block', { offset: [${OFFSETS[attempt]!.join(', ')}] });`,
    '',
  ].join('\n');
}

interface Offset {
  object: string;
  target: string;
  dx: number;
  dy: number;
  distance: number;
}

const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((v, i) => v - b[i]!));

describe.skipIf(browserPath === null)('the viewer: overlays and the ghost of the previous attempt', () => {
  let viewer: ViewerServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  const { state, frames } = viewerPage(() => page);
  const overlays = () => state<OverlayState>('v.overlays()');
  const ghost = () => state<GhostState | null>('v.ghost()');
  /** Switches an overlay and counts the 3D view's pixels that changed (the picture drawn at once, before and after). */
  const toggle = (name: OverlayName, on: boolean): Promise<number> =>
    page.evaluate(
      (n, o) => {
        const v = window.policyloopViewer!;
        const before = v.worldPixels();
        v.setOverlay(n as OverlayName, o);
        const after = v.worldPixels();
        let changed = 0;
        for (let i = 0; i < before.length; i += 4)
          if (Math.abs(before[i]! - after[i]!) + Math.abs(before[i + 1]! - after[i + 1]!) + Math.abs(before[i + 2]! - after[i + 2]!) > 24)
            changed++;
        return changed;
      },
      name,
      on,
    );
  const seekCheckpoint = async (index: number): Promise<Snapshot> => {
    await page.evaluate((i) => {
      const v = window.policyloopViewer!;
      v.store.seek(v.store.current!.checkpoints.find((c) => c.index === i)!.t);
    }, index);
    await frames();
    return state<Snapshot>(`v.store.current.checkpoints.find((c) => c.index === ${index}).snapshot`);
  };
  /** Brings the camera close to the blocks: the front camera turned to look from the left, zoomed in on the gripper. */
  const closeUp = async (): Promise<void> => {
    await page.keyboard.press('1');
    const w = await page.$eval('#world canvas', (e) => {
      const r = e.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.keyboard.press('f');
    await frames();
    await page.keyboard.press('f');
    await page.mouse.move(w.x, w.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(w.x + 20 * i, w.y);
    await page.mouse.up();
    for (let i = 0; i < 14; i++) {
      await page.mouse.wheel({ deltaY: -120 });
      await frames();
    }
    for (let i = 0; i < 20; i++) await frames();
  };

  beforeAll(async () => {
    const dir = tempDir('viewer-overlays-run');
    const record = await recordScriptedEpisode(programFor, OFFSETS.length, dir);
    expect(record.attempts.map((a) => a.success)).toEqual([false, false, true]);
    expect(record.attempts.every((a) => a.error === null)).toBe(true);

    viewer = await startViewer({ port: 0, run: dir, outRoot: tempDir('viewer-overlays-out'), log: () => {} });
    browser = await launchBrowser(browserPath!);
    browser.setBusy(true);
    page = await browser.browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.setViewport({ width: 1440, height: 900 });
    await page.goto(viewer.url);
    await page.waitForFunction(
      () => window.policyloopViewer?.store.attempts.length === 3 && window.policyloopViewer.store.episodeEnd !== null,
      { timeout: 60_000 },
    );
    // The failure focus has chosen attempt 0's failing checkpoint.
    await page.waitForFunction(() => window.policyloopViewer!.checkpoint() === 3, { timeout: 10_000 });
    await frames();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
  });

  it("draws the expected target where the diagnosis's offset puts the object back, and the offset as an arrow", async () => {
    const offset = await state<Offset>('v.store.current.end.diagnosis.offset');
    expect(offset).toMatchObject({ object: 'red_block', target: 'blue_block' });
    const cp = await seekCheckpoint(3);
    const o = await overlays();
    // On by default: what a failure needs.
    expect(o.on).toMatchObject({ target: true, offset: true, failing: true, ids: false, boxes: false, contacts: false, ghost: false });
    const at = cp.objects;
    const red = at.red_block!.position;
    const t = o.target!;
    expect(t).toMatchObject({ object: 'red_block', target: 'blue_block', source: 'diagnosis', checkpoint: 3, drawn: true });
    // Within 1 mm of the object − offset, horizontally; on top of the support (the `on` facts' gap).
    expect(Math.abs(t.position[0] - (red[0] - offset.dx))).toBeLessThan(1e-3);
    expect(Math.abs(t.position[1] - (red[1] - offset.dy))).toBeLessThan(1e-3);
    const blue = at.blue_block!.position;
    expect(Math.hypot(t.position[0] - blue[0], t.position[1] - blue[1])).toBeLessThan(0.005);
    expect(t.position[2]).toBeGreaterThan(red[2] + 0.04);

    // The arrow: from the target to the object, as long as the offset, labelled in cm.
    const arrow = o.arrow!;
    expect(Math.abs(arrow.length - offset.distance)).toBeLessThan(1e-6);
    expect(Math.hypot(arrow.from[0] - t.position[0], arrow.from[1] - t.position[1])).toBeLessThan(1e-6);
    expect(Math.hypot(arrow.to[0] - red[0], arrow.to[1] - red[1])).toBeLessThan(1e-6);
    expect(arrow.label).toBe(`${(offset.distance * 100).toFixed(1)} cm`);
    // Before the moment it was measured (the carry) the offset is not drawn; the target is.
    await page.evaluate((t) => window.policyloopViewer!.store.seek(t), cp.t / 2);
    await frames();
    const early = await overlays();
    expect(early.arrow).toBeNull();
    expect(early.target!.drawn).toBe(true);
    await seekCheckpoint(3);

    // Each switch changes the picture, and back.
    expect(await toggle('target', false)).toBeGreaterThan(50);
    expect((await overlays()).target!.drawn).toBe(false);
    expect(await toggle('offset', false)).toBeGreaterThan(50);
    expect((await overlays()).arrow).toBeNull();
    expect(await toggle('offset', true)).toBeGreaterThan(50);
    expect(await toggle('target', true)).toBeGreaterThan(50);
    expect(await page.$eval('#overlay-target', (b) => b.getAttribute('aria-pressed'))).toBe('true');
    expect(pageErrors).toEqual([]);
  });

  it("highlights the objects the failing checkpoint's verdict names", async () => {
    const named = await state<string[]>('v.store.current.end.verdicts.find((x) => !x.ok).failure.objects');
    expect(named).toContain('red_block');
    expect((await overlays()).failing.sort()).toEqual([...named].sort());
    expect(await toggle('failing', false)).toBeGreaterThan(50);
    expect((await overlays()).failing).toEqual([]);
    expect(await toggle('failing', true)).toBeGreaterThan(50);
    // A success has none.
    await page.click('#attempts li[data-attempt="2"]');
    await page.waitForFunction(() => window.policyloopViewer!.store.current!.index === 2);
    await frames();
    const o = await overlays();
    expect(o.failing).toEqual([]);
    expect(o.target).toBeNull();
    expect(o.arrow).toBeNull();
    await page.click('#attempts li[data-attempt="0"]');
    await page.waitForFunction(() => window.policyloopViewer!.store.current!.index === 0);
    await seekCheckpoint(3);
  });

  it('labels every object with its id and draws its world box', async () => {
    const ids = await state<string[]>('v.store.info.scene.objects.map((o) => o.id)');
    expect(await toggle('ids', true)).toBeGreaterThan(100);
    const o = await overlays();
    expect(o.labels.sort()).toEqual([...ids].sort());
    expect(await toggle('boxes', true)).toBeGreaterThan(100);
    const { boxes } = await overlays();
    expect(Object.keys(boxes).sort()).toEqual([...ids].sort());
    const snap = await state<Snapshot>('v.store.current.checkpoints.find((c) => c.index === 3).snapshot');
    const sizes = await state<Record<string, Vec3>>('Object.fromEntries(v.store.info.scene.objects.map((o) => [o.id, o.size]))');
    for (const id of ids) {
      const b = boxes[id]!;
      const c = snap.objects[id]!.position;
      // Centred on the object; as tall as it is (they stand upright on the table).
      for (let i = 0; i < 3; i++) expect(Math.abs((b[i]! + b[i + 3]!) / 2 - c[i]!)).toBeLessThan(1e-6);
      expect(Math.abs(b[5] - b[2] - sizes[id]![2])).toBeLessThan(0.002);
      // A box at least as wide as the object's smaller side, no wider than its diagonal.
      const w = b[3] - b[0];
      expect(w).toBeGreaterThanOrEqual(Math.min(sizes[id]![0], sizes[id]![1]) - 1e-6);
      expect(w).toBeLessThanOrEqual(Math.hypot(sizes[id]![0], sizes[id]![1]) + 1e-6);
    }
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('policyloop.viewer.overlays'))) ?? '{}')).toMatchObject({
      ids: true,
      boxes: true,
    });

    // The screenshot for the README: a monitor-caught failure with the overlays on.
    await closeUp();
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: resolve(OUT, 'viewer-overlays-failure.png') });
    expect(await toggle('ids', false)).toBeGreaterThan(100);
    expect(await toggle('boxes', false)).toBeGreaterThan(100);
    expect(pageErrors).toEqual([]);
  });

  it('marks where the finger pads touch the held object, only while it is held', async () => {
    await page.click('#camera-reset');
    // Not holding at the failing checkpoint: nothing drawn, the picture unchanged.
    expect(await toggle('contacts', true)).toBe(0);
    expect((await overlays()).contacts).toEqual([]);
    // Holding the red block after the pick.
    const cp = await seekCheckpoint(0);
    expect(cp.gripper.holding).toBe('red_block');
    const o = await overlays();
    expect(o.holding).toBe('red_block');
    expect(o.contacts).toHaveLength(2);
    const [a, b] = o.contacts as [Vec3, Vec3];
    // One opening apart, across the closing axis, either side of the block's centre.
    expect(Math.abs(dist(a, b) - cp.gripper.width)).toBeLessThan(1e-6);
    const axis = [Math.cos(cp.gripper.yaw), Math.sin(cp.gripper.yaw), 0];
    expect(Math.abs((b[0] - a[0]) * axis[0]! + (b[1] - a[1]) * axis[1]!) - cp.gripper.width).toBeLessThan(1e-6);
    const red = cp.objects.red_block!.position;
    const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
    expect(dist(mid, red)).toBeLessThan(0.02);
    expect(await toggle('contacts', false)).toBeGreaterThan(10);
    expect((await overlays()).contacts).toEqual([]);
    expect(await toggle('contacts', true)).toBeGreaterThan(10);
    await toggle('contacts', false);
    expect(pageErrors).toEqual([]);
  });

  it("draws attempt k−1's objects where they were at the same time into their attempt, and its gripper path", async () => {
    // Attempt 0 has none before it.
    expect(await page.$eval('#overlay-ghost', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await page.click('#attempts li[data-attempt="1"]');
    await page.waitForFunction(() => window.policyloopViewer!.store.current!.index === 1);
    await frames();
    expect(await page.$eval('#overlay-ghost', (b) => [(b as HTMLButtonElement).disabled, b.textContent])).toEqual([
      false,
      'Ghost of attempt 0',
    ]);
    expect(await ghost()).toBeNull();

    // The moment of attempt 1 as far into it as attempt 0's failing checkpoint was into attempt 0.
    const [t0, start0, start1] = await state<[number, number, number]>(
      '[v.store.attempts[0].checkpoints.find((c) => c.index === 3).t, v.store.attempts[0].track.start, v.store.attempts[1].track.start]',
    );
    await page.evaluate((t) => window.policyloopViewer!.store.seek(t), start1 + (t0 - start0));
    await frames();
    const before = await state<number>('v.worldPixels().length');
    expect(before).toBeGreaterThan(0);
    // The key: G.
    const changed = await page.evaluate(() => {
      const v = window.policyloopViewer!;
      const a = v.worldPixels();
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'g' }));
      const b = v.worldPixels();
      let n = 0;
      for (let i = 0; i < a.length; i += 4)
        if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 24) n++;
      return n;
    });
    expect(changed).toBeGreaterThan(50);
    const g = (await ghost())!;
    expect(g.attempt).toBe(0);
    expect(Math.abs(g.t - t0)).toBeLessThan(1e-9);
    const then = await state<Snapshot>('v.store.attempts[0].checkpoints.find((c) => c.index === 3).snapshot');
    for (const [id, p] of Object.entries(g.objects)) expect(dist(p, then.objects[id]!.position)).toBeLessThan(1e-3);
    expect(Object.keys(g.objects).sort()).toEqual(Object.keys(then.objects).sort());
    expect(dist(g.gripper, then.gripper.position)).toBeLessThan(1e-3);
    expect(g.pathPoints).toBeGreaterThan(1);
    // Where attempt 1 left the red block is not where attempt 0 did.
    const now = await state<Vec3>('v.store.current.checkpoints.at(-1).snapshot.objects.red_block.position');
    expect(dist(now, g.objects.red_block!)).toBeGreaterThan(0.03);
    expect(await page.$eval('#overlay-ghost', (b) => b.getAttribute('aria-pressed'))).toBe('true');

    // Past the end of attempt 0: it stays at its end.
    await page.evaluate((t) => window.policyloopViewer!.store.seek(t), start1 + 1e3);
    await frames();
    expect((await ghost())!.t).toBe(await state<number>('v.store.attempts[0].track.end'));

    // The screenshot for the README: the ghost of attempt 0 over attempt 1.
    await seekCheckpoint(3);
    const quiet = ['target', 'offset', 'failing'] as const;
    for (const n of quiet) await toggle(n, false);
    await closeUp();
    await page.screenshot({ path: resolve(OUT, 'viewer-attempt-ghost.png') });
    for (const n of quiet) await toggle(n, true);

    expect(await toggle('ghost', false)).toBeGreaterThan(50);
    expect(await ghost()).toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
