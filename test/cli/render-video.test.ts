// `policyloop render --run DIR --video OUT.webm`: a real run recorded by `policyloop run`,
// rendered to WebM by headless Chromium and the viewer page's exporter, then played back;
// and each bad input refused with one line and its exit code.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser } from '../../monitor/render/browser.ts';
import type { LaunchedBrowser } from '../../monitor/render/browser.ts';
import { webmFacts } from '../../viewer/app/webm-duration.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { playInBrowser } from '../viewer/video-check.ts';
import { cli } from './cli-helpers.ts';

const browserPath = findBrowser().path;

/** Stderr's lines, without the stale-build warning other work in this checkout may cause. */
const errors = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => l !== '' && !l.startsWith('policyloop: warning: the build in dist/ is stale'));

describe.skipIf(browserPath === null)('policyloop render --video', () => {
  const out = tempDir('render-video');
  const run = join(out, 'run');
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    const r = cli(['run', '--task', 'red_on_blue', '--seed', '0', '--out', run, '--no-kb']);
    expect(r.status, r.stderr).toBe(0);
    browser = await launchBrowser(browserPath!);
    browser.setBusy(true);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('writes a playable WebM of the attempt at the size and frame rate asked, and says what it wrote', async () => {
    const file = join(out, 'attempt0.webm');
    const r = cli(['render', '--run', run, '--attempt', '0', '--video', file, '--fps', '10', '--size', '320x240', '--view', 'top']);
    expect(errors(r.stderr)).toEqual([]);
    expect(r.status).toBe(0);
    const m = /^(.+attempt0\.webm): (\d+) KB, (\d+) frames at 10 fps = ([\d.]+) s, 320×240, attempt 0\n$/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const frames = Number(m![3]);
    const bytes = new Uint8Array(readFileSync(file));
    expect(webmFacts(bytes)).toEqual({ frames, durationS: frames / 10, declared: true });
    const played = await playInBrowser(browser.browser, bytes);
    expect([played.width, played.height]).toEqual([320, 240]);
    expect(played.duration).toBeCloseTo(frames / 10, 2);
    expect(played.distinctColors).toBeGreaterThan(8);
    expect(played.lumaRange).toBeGreaterThan(60);
  }, 240_000);

  const bad = (name: string) => join(out, name);
  it.each([
    ['a missing run folder', ['--run', '/nonexistent/run', '--video', bad('a.webm')], 2, /^policyloop: --run: .*not a run record/],
    ['an attempt out of range', ['--run', run, '--attempt', '7', '--video', bad('b.webm')], 2, /--attempt 7: this run has attempts 0 to 0/],
    [
      'an attempt that is no number',
      ['--run', run, '--attempt', 'last', '--video', bad('c.webm')],
      2,
      /--attempt last: this run has attempts/,
    ],
    [
      'an unwritable output',
      ['--run', run, '--video', '/nonexistent/dir/d.webm'],
      2,
      /--video \/nonexistent\/dir\/d\.webm: cannot write there/,
    ],
    ['an output that is not .webm', ['--run', run, '--video', bad('e.mp4')], 2, /must end in \.webm/],
    ['a frame rate of 0', ['--run', run, '--video', bad('f.webm'), '--fps', '0'], 2, /option '--fps <n>' argument '0' is invalid/],
    ['a size without a height', ['--run', run, '--video', bad('g.webm'), '--size', '1280'], 2, /--size <WxH>.*WIDTHxHEIGHT/],
    [
      'an odd size',
      ['--run', run, '--video', bad('h.webm'), '--size', '641x480'],
      2,
      /Expected each side an even number of pixels from 16 to 3840, not 641/,
    ],
    ['an unknown view', ['--run', run, '--video', bad('i.webm'), '--view', 'under'], 2, /--view.*under/],
    ['--run without --video', ['--run', run], 2, /give the file to write with --video/],
    ['neither --task nor --run', [], 2, /give --task and --out .* or --run and --video/],
  ])('refuses %s with one line', (_what, args, code, message) => {
    const r = cli(['render', ...(args as string[])]);
    expect(r.status).toBe(code);
    expect(r.stdout).toBe('');
    expect(errors(r.stderr)).toHaveLength(1);
    expect(errors(r.stderr)[0]).toMatch(message as RegExp);
    for (const f of ['a', 'b', 'c', 'e', 'f', 'g', 'h', 'i']) expect(existsSync(bad(`${f}.webm`))).toBe(false);
  });

  it('says Chromium is missing with exit code 1', () => {
    const r = cli(['render', '--run', run, '--video', bad('j.webm')], { POLICYLOOP_NO_BROWSER_SEARCH: '1', PUPPETEER_EXECUTABLE_PATH: '' });
    expect(r.status).toBe(1);
    expect(errors(r.stderr)).toHaveLength(1);
    expect(errors(r.stderr)[0]).toMatch(/^policyloop: render --video needs Chromium: no browser/);
    expect(existsSync(bad('j.webm'))).toBe(false);
  });
});
