// The viewer's start flow in a real Chromium (issue 16): the task list and preview before
// Start, "running" within a second of Start, verdicts streaming with the pixels monitor,
// the start form's program file and settings kept across an opened run, and the run
// browser with its deep links (what report.html's failed episodes link to).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { findBrowser, launchBrowser } from '../../monitor/render/browser.ts';
import type { LaunchedBrowser } from '../../monitor/render/browser.ts';
import { instantiateScene, loadTask } from '../../tasks/index.ts';
import { startViewer } from '../../viewer/index.ts';
import type { ViewerServer } from '../../viewer/index.ts';
import { viewerPage } from '../helpers/viewer-page.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { writeSyntheticRun } from './fixtures.ts';

const browserPath = findBrowser().path;
const OUT = resolve('test-output');

describe.skipIf(browserPath === null)('the viewer start flow in a browser', () => {
  let viewer: ViewerServer;
  let browser: LaunchedBrowser;
  let page: Page;
  let runs: string;
  const pageErrors: string[] = [];

  const { state, frames, connected } = viewerPage(() => page);

  // The page applies each message to its store at once and redraws on the next animation
  // frame (viewer/app/main.ts): what the store says is on the page a frame later.
  const stopAndWait = async (): Promise<void> => {
    if (!(await state<boolean>('v.store.correctable'))) return;
    // Stop is enabled by the frame that draws a correctable status.
    await frames();
    await page.click('#stop');
    await page.waitForFunction(() => ['stopped', 'failed'].includes(window.policyloopViewer!.store.status.status), { timeout: 60_000 });
    // The form as the stop left it (Start enabled, the speed the status says) before the caller uses it:
    // a frame drawn later would set the speed back over the caller's choice.
    await frames();
  };

  beforeAll(async () => {
    runs = tempDir('viewer-runs');
    // A suite folder as run-suite writes it, with one failed episode.
    const suite = join(runs, 'suite-a');
    mkdirSync(join(suite, 'episodes'), { recursive: true });
    writeSyntheticRun(join(suite, 'episodes', 'red_on_blue-seed0'));
    const line = {
      task: 'red_on_blue',
      seed: 0,
      success: false,
      dir: 'episodes/red_on_blue-seed0',
      attempts: [{ index: 1, failingCheckpoint: 1 }],
    };
    writeFileSync(join(suite, 'results.jsonl'), JSON.stringify(line) + '\n');
    writeFileSync(join(suite, 'summary.json'), JSON.stringify({ createdAt: '2020-01-01T00:00:00.000Z' }));
    viewer = await startViewer({ port: 0, outRoot: runs, log: () => {} });
    browser = await launchBrowser(browserPath!);
    browser.setBusy(true);
    page = await browser.browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.setViewport({ width: 1440, height: 900 });
    await page.goto(viewer.url);
    await connected();
  });

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
  });

  it('lists tasks by suite with their instructions, and previews the chosen task at the form’s seed', async () => {
    const groups = await page.$$eval('#task-select optgroup', (g) => g.map((e) => (e as HTMLOptGroupElement).label));
    expect(groups).toContain('core');
    expect(groups.length).toBeGreaterThan(2);
    const option = await page.$eval('#task-select option[value=red_on_blue]', (o) => o.textContent);
    expect(option).toBe(`red_on_blue — ${loadTask('red_on_blue').instruction}`);

    // The first task is previewed as soon as the page is connected.
    await page.waitForSelector('#task-preview:not([hidden])', { timeout: 20_000 });
    await page.select('#task-select', 'red_on_blue');
    await page.$eval('#seed', (e) => {
      (e as HTMLInputElement).value = '5';
      e.dispatchEvent(new Event('input'));
    });
    await page.waitForFunction(() => /red_on_blue · seed 5/.test(document.querySelector('#task-preview')?.textContent ?? ''), {
      timeout: 20_000,
    });
    expect(await page.$eval('#task-preview', (e) => e.textContent)).toContain(loadTask('red_on_blue').instruction);
    // The viewport draws the seeded scene: the preview's objects are the scene builder's.
    const scene = instantiateScene(loadTask('red_on_blue'), 5);
    expect(await page.evaluate(() => document.querySelector('#world-empty')!.hasAttribute('hidden'))).toBe(true);
    const canvas = await state<{ distinctColors: number; lumaRange: number }>('v.canvasStats()');
    expect(canvas.distinctColors).toBeGreaterThan(8);
    expect(scene.objects.length).toBeGreaterThan(1);
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: resolve(OUT, 'viewer-preview.png') });
    expect(pageErrors).toEqual([]);
  });

  it('says running within a second of Start (median of three starts)', async () => {
    const ms: number[] = [];
    for (let i = 0; i < 3; i++) {
      await stopAndWait();
      await page.select('#task-select', 'red_on_blue');
      await page.select('#speed', '1x');
      const t = await page.evaluate(
        () =>
          new Promise<number>((done, fail) => {
            const t0 = performance.now();
            const badge = document.querySelector('#status')!;
            const poll = (): void => {
              if (/^running/.test(badge.textContent ?? '') && window.policyloopViewer!.store.info?.source === 'live')
                done(performance.now() - t0);
              else if (performance.now() - t0 > 30_000) fail(new Error(`status stayed "${badge.textContent}"`));
              else requestAnimationFrame(poll);
            };
            document.querySelector<HTMLButtonElement>('#start')!.click();
            poll();
          }),
      );
      ms.push(t);
    }
    ms.sort((a, b) => a - b);
    console.log(`start → running: ${ms.map((m) => m.toFixed(0)).join(', ')} ms (median ${ms[1]!.toFixed(0)} ms)`);
    // The target is ≤ 1 s; generous here, as the machine is shared.
    expect(ms[1]!).toBeLessThan(5000);
    await stopAndWait();
  });

  it('streams checkpoint verdicts with the pixels monitor before the attempt ends', async () => {
    await page.select('#task-select', 'red_on_blue');
    await page.select('#monitor', 'pixels');
    await page.select('#speed', 'max');
    await page.$eval('#max-repairs', (e) => {
      (e as HTMLInputElement).value = '0';
    });
    await page.click('#start');
    // A card turns green or red while the attempt has not ended: its verdict came alone.
    await page.waitForFunction(
      () => {
        const a = window.policyloopViewer!.store.current;
        return a !== null && a.end === null && document.querySelector('#gallery .verdict.ok, #gallery .verdict.bad') !== null;
      },
      { timeout: 180_000, polling: 20 },
    );
    const early = await page.evaluate(() => ({
      judged: document.querySelectorAll('#gallery .verdict.ok, #gallery .verdict.bad').length,
      cards: document.querySelectorAll('#gallery .cp').length,
      streamed: window.policyloopViewer!.store.current!.verdicts.length,
    }));
    expect(early.judged).toBeGreaterThan(0);
    expect(early.streamed).toBeGreaterThan(0);
    await page.waitForFunction(() => window.policyloopViewer!.store.current?.end != null, { timeout: 180_000, polling: 100 });
    const end = await state<{ streamed: number; final: number }>(
      '({ streamed: v.store.current.verdicts.length, final: v.store.current.end.verdicts.length })',
    );
    expect(end.streamed).toBe(end.final);
    console.log(`pixels monitor: ${early.judged} of ${early.cards} cards judged before the attempt ended (${end.final} checkpoints)`);
    await page.waitForFunction(() => window.policyloopViewer!.store.status.status === 'finished', { timeout: 60_000 });
    await stopAndWait();
    await page.select('#monitor', 'state');
  });

  it('runs a program file as given, and keeps the form when a run is opened', async () => {
    const file = join(tempDir('viewer-program'), 'mine.js');
    const program = "pick('red_block');\nplace([0.3, 0.2]);\n";
    writeFileSync(file, program);
    const input = await page.$('#program-file');
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(file);
    await page.waitForFunction(
      () => /runs mine\.js as given: no repairs/.test(document.querySelector('#program-file-note')?.textContent ?? ''),
      {
        timeout: 10_000,
      },
    );
    expect(await page.$eval('#max-repairs', (e) => (e as HTMLInputElement).disabled)).toBe(true);
    await page.select('#task-select', 'red_on_blue');
    await page.select('#perception', 'noisy');
    await page.type('#perception-noise', '0.02,5');
    await page.click('#start');
    // The new session's end and its attempt (an end seen before the attempt's message was applied made this flaky).
    await page.waitForFunction(
      () => {
        const s = window.policyloopViewer!.store;
        return s.info?.provider === 'given' && s.episodeEnd !== null && s.attempts.length > 0;
      },
      { timeout: 120_000 },
    );
    expect(await state<string>('v.store.info.provider')).toBe('given');
    expect(await state<string>('v.store.attempts[0].program')).toBe(program);
    expect(await state<number>('v.store.attempts.length')).toBe(1);
    await stopAndWait();
    await page.click('#program-clear');
    await page.waitForFunction(() => !document.querySelector<HTMLInputElement>('#max-repairs')!.disabled, { timeout: 5_000 });

    // The form as the person set it…
    await page.select('#task-select', 'block_in_bowl');
    await page.$eval('#seed', (e) => {
      (e as HTMLInputElement).value = '11';
    });
    // …stays so when a run (red_on_blue, seed 0, replay settings) is opened.
    await page.click('[data-tab=runs]');
    await page.waitForFunction(() => window.policyloopViewer!.runBrowser.loaded > 0, { timeout: 10_000 });
    await page.click('#runs li.suite summary');
    await page.click('#runs li.suite .run-episodes button[data-path]');
    await page.waitForFunction(() => window.policyloopViewer!.store.info?.source === 'run', { timeout: 20_000 });
    // The frame that draws the opened run has run (it would be the one to change the form).
    await frames();
    const form = await page.evaluate(() => ({
      task: document.querySelector<HTMLSelectElement>('#task-select')!.value,
      seed: document.querySelector<HTMLInputElement>('#seed')!.value,
      perception: document.querySelector<HTMLSelectElement>('#perception')!.value,
      noise: document.querySelector<HTMLInputElement>('#perception-noise')!.value,
    }));
    expect(form).toEqual({ task: 'block_in_bowl', seed: '11', perception: 'noisy', noise: '0.02,5' });
    await page.select('#perception', 'exact');
  });

  it('lists run and suite folders newest first, opens them, and follows report links to the failing checkpoint', async () => {
    await page.click('#runs-refresh');
    await page.waitForFunction(() => window.policyloopViewer!.runBrowser.loaded > 1, { timeout: 10_000 });
    const rows = await page.$$eval('#runs > li', (li) =>
      li.map((e) => ({
        path: (e as HTMLElement).dataset.path,
        date: e.querySelector('.run-date')?.textContent ?? '',
        text: e.textContent ?? '',
      })),
    );
    // The live episodes of this test, then the suite (dated 2020).
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.at(-1)!.path).toBe('suite-a');
    expect(rows.at(-1)!.text).toMatch(/0\/1 solved/);
    const dates = rows.map((r) => r.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(rows[0]!.text).toMatch(/red_on_blue · seed 5/);
    await page.screenshot({ path: resolve(OUT, 'viewer-runs.png') });

    // Opening a live episode's folder replays it.
    await page.click('#runs > li.run button[data-path]');
    await page.waitForFunction(() => window.policyloopViewer!.store.status.detail?.startsWith('replay of ') === true, { timeout: 20_000 });
    expect(await state<string>('v.store.info.source')).toBe('run');

    // The report's link: /runs/<suite>/<episode>/view?attempt=k&checkpoint=n → the viewer at that checkpoint.
    await page.goto(`http://127.0.0.1:${viewer.port}/runs/suite-a/episodes/red_on_blue-seed0/view?attempt=1&checkpoint=1`);
    expect(page.url()).toBe(`http://127.0.0.1:${viewer.port}/?run=suite-a%2Fepisodes%2Fred_on_blue-seed0&attempt=1&checkpoint=1`);
    await page.waitForFunction(
      () => {
        const s = window.policyloopViewer?.store;
        const cp = s?.attempts[1]?.checkpoints.find((c) => c.index === 1);
        return s?.selected === 1 && cp !== undefined && Math.abs(s.time - cp.t) < 1e-9;
      },
      { timeout: 20_000 },
    );
    // The gallery marks the chosen card when it redraws, a frame after the store.
    await frames();
    expect(await page.$eval('#gallery .cp.selected', (e) => (e as HTMLElement).dataset.checkpoint)).toBe('1');
    expect(pageErrors).toEqual([]);
  });
});
