// The viewer in a real browser (the renderer's Chromium discovery): start a builtin
// episode from the page, watch it to the end, and check what a person would look at;
// then correct a running episode from the chat box, as a person would.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { findBrowser, launchBrowser } from '../../monitor/render/browser.ts';
import type { LaunchedBrowser } from '../../monitor/render/browser.ts';
import { startViewer } from '../../viewer/index.ts';
import type { ViewerServer } from '../../viewer/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { viewerPage } from '../helpers/viewer-page.ts';

const browserPath = findBrowser().path;
const OUT = resolve('test-output');
const DOCS = resolve('docs');

describe.skipIf(browserPath === null)('the viewer page in a browser', () => {
  let viewer: ViewerServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const foreign: string[] = [];
  const pageErrors: string[] = [];

  const { state, frames, connected } = viewerPage(() => page);

  beforeAll(async () => {
    viewer = await startViewer({ port: 0, outRoot: tempDir('viewer'), log: () => {} });
    browser = await launchBrowser(browserPath!);
    browser.setBusy(true);
    page = await browser.browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(`http://127.0.0.1:${viewer.port}/`) && !u.startsWith('data:')) foreign.push(u);
    });
    await page.setViewport({ width: 1400, height: 860 });
    await page.goto(viewer.url);
    await connected();
  });

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
  });

  it('runs a builtin episode live and shows the world, the trace and the verdicts', async () => {
    await page.select('#task-select', 'red_on_blue');
    await page.select('#speed', '1x');
    await page.click('#start');

    // Mid-episode: the gripper is moving, the program line is highlighted.
    await page.waitForFunction(
      () => {
        const a = window.policyloopViewer!.store.current;
        return a !== null && a.events.length >= 2 && a.end === null && document.querySelector('#program .ln.running') !== null;
      },
      { timeout: 120_000, polling: 100 },
    );
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: resolve(OUT, 'viewer-mid.png') });
    // The README's picture: refreshed on request, so test runs leave the work tree alone.
    if (!existsSync(resolve(DOCS, 'viewer.png')) || process.env.POLICYLOOP_UPDATE_DOCS === '1') {
      mkdirSync(DOCS, { recursive: true });
      copyFileSync(resolve(OUT, 'viewer-mid.png'), resolve(DOCS, 'viewer.png'));
    }

    await page.select('#speed', 'max');
    await page.waitForFunction(() => window.policyloopViewer!.store.status.status === 'finished', { timeout: 120_000, polling: 250 });
    // The store takes each message at once and the page draws it on the next frame: the
    // attempt's end can come just before this status, so the panels read below wait a frame.
    await frames();
    // Let the gallery draw its thumbnails.
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('#gallery img')).every((i) => i.src !== ''), {
      timeout: 20_000,
    });
    await page.screenshot({ path: resolve(OUT, 'viewer.png') });

    const canvas = await state<{ width: number; height: number; distinctColors: number; lumaRange: number }>('v.canvasStats()');
    expect(canvas.width).toBeGreaterThan(300);
    expect(canvas.distinctColors).toBeGreaterThan(8);
    expect(canvas.lumaRange).toBeGreaterThan(60);

    const events = await page.$$eval('#events li', (li) => li.map((e) => e.textContent ?? ''));
    expect(events.length).toBeGreaterThan(2);
    expect(events.join('\n')).toMatch(/pick\("red_block"\)/);
    // A call that took time shows when it began and ended, as the scrubber reads them.
    const pick = events.find((e) => /pick\("red_block"\)/.test(e))!;
    const [, began, ended] = /^(\d+\.\d\d)–(\d+\.\d\d)s/.exec(pick) ?? [];
    expect(Number(ended)).toBeGreaterThan(Number(began));
    expect(await page.$$eval('#strip .tick', (t) => t.length)).toBeGreaterThan(0);

    const verdicts = await page.$$eval('#gallery .verdict', (v) => v.map((e) => e.className));
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.every((c) => /\b(ok|bad)\b/.test(c))).toBe(true);

    expect(await page.$eval('#attempts', (e) => e.textContent)).toMatch(/✓ success/);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('keeps the session after a malformed WebSocket message', async () => {
    const before = await state<number>('v.store.attempts.length');
    const errors = await state<number>('v.errors.length');
    await page.evaluate(() => window.policyloopViewer!.sendRaw('{"type":"start","seed":'));
    await page.waitForFunction((n) => window.policyloopViewer!.errors.length > n, { timeout: 10_000 }, errors);
    expect(await page.$eval('#error-line', (e) => e.textContent)).toMatch(/not JSON/);
    expect(await page.$eval('#connection', (e) => e.textContent)).toBe('connected');
    expect(await state<number>('v.store.attempts.length')).toBe(before);

    // The same socket still takes commands.
    await page.select('#speed', '4x');
    await page.waitForFunction(() => window.policyloopViewer!.store.status.speed === '4x', { timeout: 10_000 });
    expect(await state<string>('v.store.status.status')).toBe('finished');
  });

  it('takes a correction typed into the chat while the episode runs, and shows it', async () => {
    // The last episode waits for corrections; starting another ends it.
    await page.select('#task-select', 'red_on_blue');
    await page.select('#speed', '1x');
    await page.click('#start');
    await page.click('[data-tab=chat]');
    await page.waitForFunction(() => !document.querySelector<HTMLInputElement>('#chat-input')!.disabled, { timeout: 60_000 });
    // Typed while the program starts (a loaded machine types slowly), sent once the pick
    // (call 2) has begun: the correction interrupts before the call after it.
    await page.type('#chat-input', 'lift it higher');
    await page.waitForFunction(
      () => {
        const a = window.policyloopViewer!.store.current;
        return a !== null && a.index === 0 && a.call !== null && a.call.name === 'pick' && a.end === null;
      },
      { timeout: 120_000, polling: 50 },
    );
    await page.focus('#chat-input');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#chat li.correction.applied .reading', { timeout: 60_000 });
    expect(await page.$eval('#chat-input', (e) => (e as HTMLInputElement).value)).toBe('');

    const item = await page.$eval('#chat li.correction.applied', (e) => ({
      words: e.querySelector('.words')?.textContent,
      cls: e.querySelector('.class')?.textContent,
      reading: e.querySelector('.reading')?.textContent,
      who: e.querySelector('.who')?.textContent,
      added: e.querySelectorAll('pre.diff .add').length,
      removed: e.querySelectorAll('pre.diff .del').length,
      diffOpen: e.querySelector('details')?.open,
    }));
    expect(item.words).toBe('lift it higher');
    expect(item.cls).toBe('skill-level');
    expect(item.reading).toMatch(/lift/);
    expect(item.who).toMatch(/you · correction 1 · continue · attempt 0, line \d+, t \d+\.\d\d s/);
    expect(item.added).toBeGreaterThan(0);
    expect(item.diffOpen).toBe(true);

    // Attempt 0 was interrupted before its next call.
    expect(await state<string>('v.store.attempts[0].end?.error?.kind')).toBe('InterruptedError');
    expect(await page.$eval('#attempt-tabs', (e) => e.textContent)).toMatch(/Attempt 0 ‖/);
    // A correction that is no correction gets its one line in the chat.
    await page.type('#chat-input', '   ');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#chat li.correction.refused', { timeout: 30_000 });
    expect(await page.$eval('#chat li.correction.refused', (e) => e.textContent)).toMatch(/refused: the correction is empty/);

    // The corrected program runs as attempt 1, on from the world attempt 0 left.
    await page.waitForFunction(() => window.policyloopViewer!.store.attempts[1]?.origin === 'correction', { timeout: 60_000 });
    await page.select('#speed', 'max');
    await page.waitForFunction(() => window.policyloopViewer!.store.status.status === 'finished', { timeout: 120_000, polling: 250 });
    await page.waitForFunction(
      () => /attempt 1: done: /.test(document.querySelector('#chat li.correction.applied .outcome')?.textContent ?? ''),
      {
        timeout: 20_000,
      },
    );
    // Still takes corrections after the end, from the final world.
    expect(await page.$eval('#chat-input', (e) => (e as HTMLInputElement).disabled)).toBe(false);
    expect(await page.$eval('#attempt-tabs', (e) => e.textContent)).toMatch(/Attempt 1 ✎ ✓/);

    // The timeline marks where it was given, on attempt 0; clicking the mark shows that moment.
    const tabs = await page.$$('#attempt-tabs button');
    await tabs[0]!.click();
    await page.waitForSelector('#strip .mark.correction', { timeout: 10_000 });
    const t = await state<number>('v.store.corrections.find((c) => c && c.state === "applied").t');
    await page.evaluate(() => window.policyloopViewer!.store.seek(0));
    await page.click('#strip .mark.correction');
    await page.waitForFunction((want) => Math.abs(window.policyloopViewer!.store.time - want) < 1e-6, { timeout: 10_000 }, t);
    // The picture: the correction with its class, reading, diff and outcome in view.
    await page.$eval('#chat li.correction.applied', (e) => e.scrollIntoView({ block: 'start' }));
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: resolve(OUT, 'viewer-correction.png') });
    const side = await page.$('#side-panel');
    await side!.screenshot({ path: resolve(OUT, 'viewer-correction-chat.png') });
    expect(pageErrors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
