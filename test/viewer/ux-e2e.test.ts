// The viewer's camera, keyboard, failures and layout in a real Chromium (issue 16), on a
// real episode: physics, the state monitor and the diagnosis. Its programs place the red
// block beside the blue one five times — failures only the monitor catches, no error is
// thrown — and the sixth puts it on top. Each program starts with the rule programmer's
// header and state comment, which the attempt diffs must leave out.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { findBrowser, launchBrowser } from '../../monitor/render/browser.ts';
import type { LaunchedBrowser } from '../../monitor/render/browser.ts';
import { VIEWS } from '../../monitor/render/camera-views.ts';
import { RULE_PROGRAM_HEADER } from '../../policy/programmers/rules/program-text.ts';
import { startViewer } from '../../viewer/index.ts';
import type { ViewerServer } from '../../viewer/index.ts';
import { CAMERA_LIMITS, clampTarget, defaultPose } from '../../viewer/app/camera-presets.ts';
import type { CameraState } from '../../viewer/app/scene-viewport.ts';
import { viewerPage } from '../helpers/viewer-page.ts';
import { recordScriptedEpisode } from '../helpers/scripted-programmer.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const browserPath = findBrowser().path;
const OUT = resolve('test-output');

/** Offsets of the place, attempt by attempt (m): beside the blue block five times, then on it. */
const OFFSETS = [0.09, 0.088, 0.086, 0.084, 0.082, 0];
const LONG_COMMENT = `// ${'a long comment line that must wrap in the program panel rather than scroll sideways '.repeat(4).trim()}`;

function programFor(attempt: number): string {
  return [
    `${RULE_PROGRAM_HEADER}Put the red block on the blue block.`,
    `// note: attempt ${attempt}: the state the programmer keeps for its repairs (${attempt * 7} tries)`,
    '',
    LONG_COMMENT,
    "subgoal('pick up the red block', { expect: { grasped: 'red_block' } });",
    "pick('red_block');",
    '',
    "subgoal('put the red block on the blue block', { expect: { on: ['red_block', 'blue_block'] } });",
    `place('blue_block', { offset: [${OFFSETS[attempt]}, 0] });`,
    '',
  ].join('\n');
}
/** The 1-based line of the place call in every program. */
const PLACE_LINE = 9;

describe.skipIf(browserPath === null)('the viewer: camera, keyboard, failures, layout', () => {
  let viewer: ViewerServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  const { state, frames } = viewerPage(() => page);
  const camera = (): Promise<CameraState> => state<CameraState>('v.camera()');
  const rect = (selector: string) =>
    page.$eval(selector, (e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    });

  beforeAll(async () => {
    const dir = tempDir('viewer-ux-run');
    const record = await recordScriptedEpisode(programFor, OFFSETS.length, dir);
    expect(record.attempts.map((a) => a.success)).toEqual([false, false, false, false, false, true]);
    // Monitor-caught: no attempt threw.
    expect(record.attempts.every((a) => a.error === null)).toBe(true);

    viewer = await startViewer({ port: 0, run: dir, outRoot: tempDir('viewer-ux-out'), log: () => {} });
    browser = await launchBrowser(browserPath!);
    browser.setBusy(true);
    page = await browser.browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.setViewport({ width: 1440, height: 900 });
    await page.goto(viewer.url);
    await page.waitForFunction(
      () => window.policyloopViewer?.store.attempts.length === 6 && window.policyloopViewer.store.episodeEnd !== null,
      {
        timeout: 60_000,
      },
    );
    await frames();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
  });

  it('shows a monitor-caught failure at once: its checkpoint chosen and in view, its marker on top, its line marked', async () => {
    // The run opens on attempt 0, which failed at checkpoint 3 (the end of subgoal 1), at the same moment as `end`.
    const failing = await state<{ index: number; label: string; t: number }>(
      'v.store.current.checkpoints.find((c) => c.index === v.store.current.end.verdicts.find((x) => !x.ok).checkpoint)',
    );
    expect(failing.label).toBe('subgoal-1');
    const end = await state<{ index: number; t: number }>('v.store.current.checkpoints.at(-1)');
    expect(end.t).toBe(failing.t);
    await page.waitForFunction((i) => window.policyloopViewer!.checkpoint() === i, { timeout: 10_000 }, failing.index);
    expect(await state<number>('v.store.time')).toBe(failing.t);
    // The run opened at start keeps the view: the task preview asked for on connecting does not cover it.
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.$eval('#task-preview', (e) => (e as HTMLElement).hidden)).toBe(true);

    // Its card: selected, marked failing, scrolled into the gallery's view.
    const card = `#gallery .cp[data-checkpoint="${failing.index}"]`;
    expect(await page.$eval(card, (e) => e.className)).toMatch(/\bselected\b.*\bfailing\b|\bfailing\b.*\bselected\b/);
    const [g, c] = [await rect('#gallery'), await rect(card)];
    expect(c.left).toBeGreaterThanOrEqual(g.left - 1);
    expect(c.right).toBeLessThanOrEqual(g.right + 1);

    // Its marker is the one on top at that moment, and clicking it chooses it (not `end`).
    const tick = await rect(`#strip .tick[data-checkpoint="${failing.index}"]`);
    const x = tick.left + tick.width / 2;
    const y = tick.top + tick.height / 2;
    expect(await page.evaluate((px, py) => (document.elementFromPoint(px, py) as HTMLElement | null)?.dataset.checkpoint, x, y)).toBe(
      String(failing.index),
    );
    await page.keyboard.press(']');
    await page.waitForFunction((i) => window.policyloopViewer!.checkpoint() === i, { timeout: 5_000 }, end.index);
    await page.mouse.click(x, y);
    await page.waitForFunction((i) => window.policyloopViewer!.checkpoint() === i, { timeout: 5_000 }, failing.index);

    // The responsible line (the place call), marked though nothing was thrown.
    const line = await page.$eval('#program .ln.failing', (e) => ({
      index: Array.from(e.parentElement!.children).indexOf(e) + 1,
      note: (e as HTMLElement).dataset.note,
      monitor: e.classList.contains('monitor'),
    }));
    expect(line).toEqual({
      index: PLACE_LINE,
      note: `◀ the monitor flagged checkpoint ${failing.index} subgoal-1: expectation-unmet`,
      monitor: true,
    });
    const [p, l] = [await rect('#program'), await rect('#program .ln.failing')];
    expect(l.top).toBeGreaterThanOrEqual(p.top - 1);
    expect(l.bottom).toBeLessThanOrEqual(p.bottom + 1);

    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: resolve(OUT, 'viewer-monitor-failure.png') });

    // Another failed attempt, looked at for the first time: its own failing checkpoint is chosen.
    await page.click('#attempts li[data-attempt="2"]');
    await page.waitForFunction(
      () => {
        const v = window.policyloopViewer!;
        const a = v.store.current!;
        return a.index === 2 && v.checkpoint() === a.end!.verdicts.find((x) => !x.ok)!.checkpoint;
      },
      { timeout: 5_000 },
    );
    expect(pageErrors).toEqual([]);
  });

  it('puts the camera at the monitor’s front, top and side cameras, resets it, and follows the gripper', async () => {
    const close = (a: readonly number[], b: readonly number[], tol = 1e-6) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);
    for (const [name, key] of [
      ['front', '1'],
      ['top', '2'],
      ['side', '3'],
    ] as const) {
      await page.click('#camera-reset');
      await page.click(`#camera-${name}`);
      let cam = await camera();
      expect(cam.preset).toBe(name);
      expect(close(cam.target, VIEWS[name].target)).toBe(true);
      // Straight down is a pole of the orbit: the top camera sits a hair off it, at the same height and distance.
      expect(close(cam.position, VIEWS[name].position, name === 'top' ? 1e-5 : 1e-6)).toBe(true);
      expect(cam.fovY).toBe(VIEWS[name].fovY);
      expect(await page.$eval(`#camera-${name}`, (e) => e.getAttribute('aria-pressed'))).toBe('true');
      await page.click('#camera-reset');
      await page.keyboard.press(key);
      cam = await camera();
      expect(cam.preset).toBe(name);
      expect(close(cam.position, VIEWS[name].position, name === 'top' ? 1e-5 : 1e-6)).toBe(true);
      await frames();
      const world = await page.$('#world');
      await world!.screenshot({ path: resolve(OUT, `viewer-camera-${name}.png`) });
      if (name === 'side') await page.screenshot({ path: resolve(OUT, 'viewer-camera-presets.png') });
    }
    await page.click('#camera-reset');
    const reset = await camera();
    const home = defaultPose();
    expect(reset.preset).toBe('default');
    expect(close(reset.position, home.position)).toBe(true);
    expect(close(reset.target, home.target)).toBe(true);

    // Follow the gripper: the orbit target moves to it, wherever the scrubber goes.
    await page.click('#camera-follow');
    expect((await camera()).follow).toBe(true);
    for (const cp of [0, 3]) {
      await page.evaluate((i) => window.policyloopViewer!.store.seek(window.policyloopViewer!.store.current!.checkpoints[i]!.t), cp);
      await frames();
      const grip = await state<[number, number, number]>(`v.store.current.checkpoints[${cp}].snapshot.gripper.position`);
      expect(close((await camera()).target, clampTarget(grip), 1e-6)).toBe(true);
    }
    await page.keyboard.press('f');
    expect((await camera()).follow).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('keeps the camera above the table and near it, whatever the mouse does', async () => {
    await page.click('#camera-reset');
    const w = await rect('#world canvas');
    const cx = w.left + w.width / 2;
    const cy = w.top + w.height / 2;
    const drag = async (dx: number, dy: number, button: 'left' | 'right' = 'left') => {
      await page.mouse.move(cx, cy);
      await page.mouse.down({ button });
      for (let i = 1; i <= 10; i++) await page.mouse.move(cx + (dx * i) / 10, cy + (dy * i) / 10);
      await page.mouse.up({ button });
      for (let i = 0; i < 30; i++) await frames();
    };
    const check = async () => {
      const cam = await camera();
      expect(cam.polarDeg).toBeLessThanOrEqual(CAMERA_LIMITS.maxPolarDeg + 1e-6);
      expect(cam.position[2]).toBeGreaterThan(cam.target[2]);
      expect(cam.target[2]).toBeGreaterThanOrEqual(0);
      expect(cam.distance).toBeGreaterThanOrEqual(CAMERA_LIMITS.minDistance - 1e-6);
      expect(cam.distance).toBeLessThanOrEqual(CAMERA_LIMITS.maxDistance + 1e-6);
      for (let i = 0; i < 3; i++) {
        expect(cam.target[i]).toBeGreaterThanOrEqual(CAMERA_LIMITS.targetMin[i]! - 1e-9);
        expect(cam.target[i]).toBeLessThanOrEqual(CAMERA_LIMITS.targetMax[i]! + 1e-9);
      }
      return cam;
    };
    // The recipe for getting under the table: one drag, five wheel notches.
    await drag(0, -400);
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 5; i++) await page.mouse.wheel({ deltaY: -300 });
    for (let i = 0; i < 30; i++) await frames();
    const low = await check();
    expect(low.polarDeg).toBeGreaterThan(CAMERA_LIMITS.maxPolarDeg - 1);
    await drag(0, 900);
    await check();
    // Far out, far in, far sideways.
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 40; i++) await page.mouse.wheel({ deltaY: 400 });
    for (let i = 0; i < 30; i++) await frames();
    expect((await check()).distance).toBeCloseTo(CAMERA_LIMITS.maxDistance, 3);
    await drag(3000, 1500, 'right');
    await drag(-6000, -3000, 'right');
    await check();
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 60; i++) await page.mouse.wheel({ deltaY: -400 });
    for (let i = 0; i < 30; i++) await frames();
    expect((await check()).distance).toBeCloseTo(CAMERA_LIMITS.minDistance, 3);
    await page.click('#camera-reset');
    expect(pageErrors).toEqual([]);
  });

  it('takes the keyboard: play/pause, API calls, checkpoints, cameras, help; not while typing', async () => {
    await page.click('#attempts li[data-attempt="0"]');
    await page.evaluate(() => window.policyloopViewer!.store.seek(window.policyloopViewer!.store.current!.track.start));
    await page.focus('#strip');
    const calls = await state<number[]>('v.store.current.events.filter((e) => e.type === "call").map((e) => e.t)');
    expect(calls.length).toBe(2);
    await page.keyboard.press('ArrowRight');
    expect(await state<number>('v.store.time')).toBe(calls[0]);
    await page.keyboard.press('ArrowRight');
    expect(await state<number>('v.store.time')).toBe(calls[1]);
    await page.keyboard.press('ArrowLeft');
    expect(await state<number>('v.store.time')).toBe(calls[0]);

    // [ and ]: checkpoint by checkpoint, also among those at one moment.
    const cps = await state<{ index: number; t: number }[]>('v.store.current.checkpoints.map((c) => ({ index: c.index, t: c.t }))');
    await page.evaluate(() => window.policyloopViewer!.store.seek(window.policyloopViewer!.store.current!.track.start));
    for (const cp of cps) {
      await page.keyboard.press(']');
      expect(await state<number>('v.checkpoint()')).toBe(cp.index);
      expect(await state<number>('v.store.time')).toBe(cp.t);
    }
    for (const cp of cps.slice(0, -1).reverse()) {
      await page.keyboard.press('[');
      expect(await state<number>('v.checkpoint()')).toBe(cp.index);
    }

    // Space plays the replay and pauses it.
    await page.keyboard.press('Space');
    await frames();
    expect(await page.$eval('#play', (e) => e.textContent)).toBe('❚❚');
    await page.keyboard.press('Space');
    await frames();
    expect(await page.$eval('#play', (e) => e.textContent)).toBe('▶');
    // Also with the ▶ button focused (clicked): one toggle per press, not two.
    await page.click('#play');
    await frames();
    expect(await page.$eval('#play', (e) => e.textContent)).toBe('❚❚');
    await page.keyboard.press('Space');
    await frames();
    expect(await page.$eval('#play', (e) => e.textContent)).toBe('▶');

    // Camera keys, and the overlay.
    await page.keyboard.press('3');
    expect((await camera()).preset).toBe('side');
    await page.keyboard.press('0');
    expect((await camera()).preset).toBe('default');
    expect(await page.$eval('#keys-help', (e) => (e as HTMLElement).hidden)).toBe(true);
    await page.keyboard.press('?');
    expect(await page.$eval('#keys-help', (e) => (e as HTMLElement).hidden)).toBe(false);
    const help = await page.$eval('#keys-help', (e) => e.textContent ?? '');
    for (const k of ['Space', '← / →', '[ / ]', '1 / 2 / 3']) expect(help).toContain(k);
    await page.keyboard.press('Escape');
    expect(await page.$eval('#keys-help', (e) => (e as HTMLElement).hidden)).toBe(true);
    await page.click('#keys-button');
    expect(await page.$eval('#keys-help', (e) => (e as HTMLElement).hidden)).toBe(false);
    await page.keyboard.press('Escape');

    // Typing in a field is typing.
    const before = await state<number>('v.store.time');
    await page.click('#model', { count: 3 });
    await page.keyboard.type('2 ]');
    await page.keyboard.press('ArrowLeft');
    expect(await page.$eval('#model', (e) => (e as HTMLInputElement).value)).toBe('2 ]');
    expect((await camera()).preset).toBe('default');
    expect(await state<number>('v.store.time')).toBe(before);
    await page.$eval('#model', (e) => {
      (e as HTMLInputElement).value = '';
      (e as HTMLInputElement).blur();
    });
    expect(pageErrors).toEqual([]);
  });

  it('lists every attempt, shows diffs without the state comment, and wraps program lines', async () => {
    // No cap: the list is not a box of its own, and its last attempt scrolls into view.
    expect(await page.$eval('#attempts', (e) => getComputedStyle(e).maxHeight)).toBe('none');
    expect(await page.$$eval('#attempts li[data-attempt]', (l) => l.length)).toBe(6);
    await page.$eval('#attempts li[data-attempt="5"]', (e) => e.scrollIntoView({ block: 'nearest' }));
    const [tab, last] = [await rect('#attempts-tab'), await rect('#attempts li[data-attempt="5"]')];
    expect(last.bottom).toBeLessThanOrEqual(tab.bottom + 1);
    expect(last.top).toBeGreaterThanOrEqual(tab.top - 1);
    await page.click('#attempts li[data-attempt="5"]');
    await page.waitForFunction(() => window.policyloopViewer!.store.selected === 5, { timeout: 5_000 });
    // The detail is drawn after the selection (a frame later on a busy machine).
    await page.waitForFunction(() => /Program changes from attempt 4/.test(document.querySelector('#attempt-detail')?.textContent ?? ''), {
      timeout: 10_000,
    });

    const diff = await page.$$eval('#attempt-detail pre.diff span', (s) => s.map((e) => `${e.className}|${e.textContent}`));
    const changed = diff.filter((d) => d.startsWith('add|') || d.startsWith('del|'));
    expect(changed).toEqual([
      `del|- place('blue_block', { offset: [${OFFSETS[4]}, 0] });`,
      `add|+ place('blue_block', { offset: [${OFFSETS[5]}, 0] });`,
    ]);
    expect(diff.join('\n')).not.toContain('// note');
    expect(diff.join('\n')).not.toContain(RULE_PROGRAM_HEADER.trim());
    expect(await page.$eval('#attempt-detail', (e) => e.textContent)).toMatch(/Program changes from attempt 4 \(2 lines\)/);

    // The long line wraps: the program panel does not scroll sideways.
    const program = await page.$eval('#program', (e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(program.scroll).toBeLessThanOrEqual(program.client + 1);
    const long = await page.$eval('#program .ln:nth-child(4)', (e) => e.getBoundingClientRect().height);
    const short = await page.$eval('#program .ln:nth-child(6)', (e) => e.getBoundingClientRect().height);
    expect(long).toBeGreaterThan(short * 1.5);
    expect(pageErrors).toEqual([]);
  });

  it('opens the diff side by side, old beside new, wide enough to read, folded or whole', async () => {
    await page.setViewport({ width: 1440, height: 900 });
    await page.click('#attempts li[data-attempt="5"]');
    await page.waitForSelector('#attempt-detail button[data-split-diff]', { timeout: 10_000 });
    await page.click('#attempt-detail button[data-split-diff]');
    await page.waitForSelector('#diff-dialog[open] table.split-diff', { timeout: 5_000 });
    const rows = (): Promise<string[]> =>
      page.$$eval('#diff-dialog table.split-diff tbody tr', (trs) =>
        trs.map((tr) =>
          Array.from(tr.querySelectorAll('td'))
            .map((td) => `${td.className}:${td.textContent}`)
            .join(' | '),
        ),
      );
    const folded = await rows();
    // Without the three lines of the state comment, the place call is line PLACE_LINE − 3 of both.
    const changedRow = `num:${PLACE_LINE - 3} | del:place('blue_block', { offset: [${OFFSETS[4]}, 0] }); | num:${PLACE_LINE - 3} | add:place('blue_block', { offset: [${OFFSETS[5]}, 0] });`;
    expect(folded).toContain(changedRow);
    expect(folded.join('\n')).not.toContain('// note');
    expect(folded.some((r) => /unchanged line/.test(r))).toBe(true);
    // Room to read: the dialog takes most of the window, and the code is not cut off.
    const dialog = await rect('#diff-dialog');
    expect(dialog.width).toBeGreaterThan(1440 * 0.8);
    const body = await page.$eval('#diff-dialog-body', (e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(body.scroll).toBeLessThanOrEqual(body.client + 1);
    // All lines: nothing folded, every line of both programs numbered.
    await page.click('#diff-all');
    await page.waitForFunction(() => !/unchanged line/.test(document.querySelector('#diff-dialog-body')?.textContent ?? ''), {
      timeout: 5_000,
    });
    const whole = await rows();
    expect(whole).toContain(changedRow);
    // Both programs have the same number of lines: one row each, less the state comment and the final newline.
    expect(whole.length).toBe(programFor(5).split('\n').length - 4);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#diff-dialog')?.hasAttribute('open'), { timeout: 5_000 });
    await page.$eval('#diff-all', (e) => {
      (e as HTMLInputElement).checked = false;
    });
    expect(pageErrors).toEqual([]);
  });

  it('gives the 3D view at least half the height from 1024×700 to 2560×1440, cuts nothing off, and keeps dragged sizes', async () => {
    await page.click('#attempts li[data-attempt="0"]');
    for (const [width, height] of [
      [1024, 700],
      [1280, 800],
      [1440, 900],
      [1920, 1080],
      [2560, 1440],
    ] as const) {
      await page.setViewport({ width, height });
      await frames();
      await frames();
      const world = await rect('#world');
      expect(world.height, `${width}×${height}`).toBeGreaterThanOrEqual(height / 2);
      const canvas = await rect('#world canvas');
      expect(Math.abs(canvas.height - world.height)).toBeLessThanOrEqual(1);
      // Every panel inside the window, and every card shows its title and verdict.
      for (const id of ['#controls', '#world-panel', '#bottom-panel', '#program-panel', '#side-panel', '#camera-tools']) {
        const r = await rect(id);
        expect(r.height, `${id} at ${width}×${height}`).toBeGreaterThan(0);
        expect(r.right, `${id} at ${width}×${height}`).toBeLessThanOrEqual(width + 0.5);
        expect(r.bottom, `${id} at ${width}×${height}`).toBeLessThanOrEqual(height + 0.5);
      }
      const cut = await page.$$eval(
        '#gallery .cp',
        (cards) =>
          cards.filter((card) => {
            const c = card.getBoundingClientRect();
            if (c.bottom > card.parentElement!.getBoundingClientRect().bottom + 0.5) return true;
            return Array.from(card.querySelectorAll('img, .cp-title, .verdict')).some((e) => {
              const r = e.getBoundingClientRect();
              return r.height < 8 || r.bottom > c.bottom + 0.5;
            });
          }).length,
      );
      expect(cut, `cards cut off at ${width}×${height}`).toBe(0);
      if (width === 1024) await page.screenshot({ path: resolve(OUT, 'viewer-1024x700.png') });
    }

    // Drag the column splitter 120 px left: the right column widens, and a reload keeps it.
    await page.setViewport({ width: 1440, height: 900 });
    await frames();
    const before = await rect('#right-col');
    const handle = await rect('.splitter[data-split="side"]');
    const hx = handle.left + handle.width / 2;
    const hy = handle.top + handle.height / 2;
    await page.mouse.move(hx, hy);
    await page.mouse.down();
    await page.mouse.move(hx - 60, hy);
    await page.mouse.move(hx - 120, hy);
    await page.mouse.up();
    await frames();
    const after = await rect('#right-col');
    expect(after.width).toBeGreaterThan(before.width + 110);
    expect(after.width).toBeLessThan(before.width + 130);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('policyloop.viewer.layout') ?? '{}'));
    expect(stored.side).toBeCloseTo(after.width / ((await page.$eval('main', (e) => e.clientWidth)) - 12), 2);

    // The bottom splitter dragged far up: the panel grows only as far as the 3D view's half lets it.
    const bottomHandle = await rect('.splitter[data-split="bottom"]');
    const bx = bottomHandle.left + bottomHandle.width / 2;
    const by = bottomHandle.top + bottomHandle.height / 2;
    await page.mouse.move(bx, by);
    await page.mouse.down();
    await page.mouse.move(bx, 40);
    await page.mouse.up();
    await frames();
    expect((await rect('#world')).height).toBeGreaterThanOrEqual(450);
    const bottomAfter = (await rect('#bottom-panel')).height;

    await page.reload();
    await page.waitForFunction(() => window.policyloopViewer?.store.attempts.length === 6, { timeout: 30_000 });
    await frames();
    expect(Math.abs((await rect('#right-col')).width - after.width)).toBeLessThanOrEqual(2);
    expect(Math.abs((await rect('#bottom-panel')).height - bottomAfter)).toBeLessThanOrEqual(2);

    // Double-click: back to the default.
    const again = await rect('.splitter[data-split="side"]');
    await page.mouse.click(again.left + again.width / 2, again.top + again.height / 2, { count: 2 });
    await frames();
    expect(Math.abs((await rect('#right-col')).width - before.width)).toBeLessThanOrEqual(2);
    expect(pageErrors).toEqual([]);
  });
});
