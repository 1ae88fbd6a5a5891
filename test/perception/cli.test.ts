// The --perception options of `run` and `suite`: bad values and pixels without a browser
// end with one line and exit 2 (no silent fallback); noisy runs are recorded with σ.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/cli-helpers.ts';

const NO_BROWSER = { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium', POLICYLOOP_NO_BROWSER_SEARCH: '1' };
const dir = mkdtempSync(join(tmpdir(), 'policyloop-perception-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--perception on the command line', () => {
  it('run --perception pixels without a browser: one line, exit 2', () => {
    const r = cli(['run', '--task', 'red_on_blue', '--perception', 'pixels', '--out', join(dir, 'px')], NO_BROWSER);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^policyloop: --perception pixels needs a browser: rendering unavailable: PUPPETEER_EXECUTABLE_PATH=/);
  });

  it('suite --perception pixels without a browser: one line, exit 2', () => {
    const r = cli(
      ['suite', '--tasks', 'red_on_blue', '--seeds', '1', '--monitor', 'state', '--perception', 'pixels', '--out', join(dir, 'sx')],
      NO_BROWSER,
    );
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^policyloop: --perception pixels needs a browser: PUPPETEER_EXECUTABLE_PATH=/);
  });

  it('rejects a bad mode, a bad σ, and σ without noisy, with one line each', () => {
    const bad = cli(['run', '--task', 'red_on_blue', '--perception', 'blurry']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--perception <mode>' argument 'blurry' is invalid. Allowed choices are exact, noisy, pixels/);
    const sigma = cli(['run', '--task', 'red_on_blue', '--perception', 'noisy', '--perception-noise', '2cm']);
    expect(sigma.status).toBe(2);
    expect(sigma.stderr).toMatch(/--perception-noise must be "metres,degrees" such as "0.01,3"/);
    const orphan = cli(['run', '--task', 'red_on_blue', '--perception-noise', '0.02,2']);
    expect(orphan.status).toBe(2);
    expect(orphan.stderr.trim()).toBe('policyloop: --perception-noise applies to --perception noisy only (perception is exact)');
  });

  it('records the mode and σ of a noisy run in episode.json', () => {
    const out = join(dir, 'noisy');
    const r = cli(['run', '--task', 'lift_block', '--perception', 'noisy', '--perception-noise', '0.004,2', '--no-images', '--out', out]);
    expect([0, 1]).toContain(r.status);
    const record = JSON.parse(readFileSync(join(out, 'episode.json'), 'utf8')) as { perception: unknown; sceneNoise?: unknown };
    expect(record.perception).toEqual({ mode: 'noisy', noise: { position: 0.004, yawDeg: 2 } });
    expect(record.sceneNoise).toBeUndefined();
  });

  it('no longer knows --scene-noise', () => {
    const r = cli(['run', '--task', 'red_on_blue', '--scene-noise', '0.01']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--scene-noise'/);
  });
});
