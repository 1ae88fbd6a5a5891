import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../monitor/render/browser.ts';
import { HeadlessRenderer, RendererUnavailableError } from '../../monitor/render/headless-renderer.ts';
import { renderInitialScene } from '../../monitor/render/image-files.ts';
import { PixelMonitor } from '../../monitor/pixel-monitor.ts';
import { StateMonitor } from '../../monitor/state-monitor.ts';
import { redOnBlueAttempt, SCENE } from './fixtures.ts';

const env = { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium', POLICYLOOP_NO_BROWSER_SEARCH: '1' };

describe('without a browser', () => {
  it('finds none and says why in one line', () => {
    const found = findBrowser({ env });
    expect(found.path).toBeNull();
    expect(found.tried).toEqual(['/nonexistent/chromium']);
    expect(found.reason).toBe('PUPPETEER_EXECUTABLE_PATH=/nonexistent/chromium does not exist (browser search disabled)');
  });

  it('fails render calls at once with a one-line RendererUnavailableError', async () => {
    const r = new HeadlessRenderer({ env });
    const t0 = performance.now();
    const why = await r.unavailableReason();
    expect(why).toMatch(/^rendering unavailable: PUPPETEER_EXECUTABLE_PATH=\/nonexistent\/chromium does not exist/);
    expect(why).not.toContain('\n');
    await expect(renderInitialScene(SCENE, '/tmp/never-written', { renderer: r })).rejects.toBeInstanceOf(RendererUnavailableError);
    expect(performance.now() - t0).toBeLessThan(10_000); // no hang: no launch is attempted
  });

  it('lets the pixel monitor fall back to the state monitor, with a one-line warning', async () => {
    const warnings: string[] = [];
    const attempt = redOnBlueAttempt([0.17, 0.05, 0.02]);
    const verdicts = await new PixelMonitor({ renderer: new HeadlessRenderer({ env }), warn: (w) => warnings.push(w) }).inspect(attempt);
    expect(verdicts).toEqual(new StateMonitor().inspectSync(attempt));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^rendering unavailable: .*; the pixel monitor falls back to the state monitor$/);
  });

  it('honours the environment of the process when no options are given', () => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      expect(findBrowser().path).toBeNull();
    } finally {
      process.env = saved;
    }
  });
});
