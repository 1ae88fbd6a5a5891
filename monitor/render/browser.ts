// Finding and launching the headless Chromium the renderer drives. Discovery order:
// PUPPETEER_EXECUTABLE_PATH, Debian/Ubuntu's chromium, Google Chrome's release channels
// (stable, beta, dev, canary), then the browsers in puppeteer's cache — the last two
// located by @puppeteer/browsers. POLICYLOOP_NO_BROWSER_SEARCH=1 limits discovery to the
// environment variable (tests use it to simulate a machine without a browser).

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type * as PuppeteerBrowsers from '@puppeteer/browsers';
import type { ChromeReleaseChannel } from '@puppeteer/browsers';
import type { Browser } from 'puppeteer-core';

// puppeteer-core and @puppeteer/browsers cost ~0.5 s of start-up: loaded when first needed
// (a launch or connect; a discovery past the system paths), not by every process and suite
// worker that imports the renderer. findBrowser is synchronous, hence require for the latter.
let browsersModule: typeof PuppeteerBrowsers | null = null;
const browsersLib = (): typeof PuppeteerBrowsers =>
  (browsersModule ??= createRequire(import.meta.url)('@puppeteer/browsers') as typeof PuppeteerBrowsers);
const loadPuppeteer = async () => (await import('puppeteer-core')).default;

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--mute-audio',
  '--hide-scrollbars',
  // WebGL on SwiftShader without a GPU: Chromium is removing the implicit fallback.
  '--enable-unsafe-swiftshader',
];

/** Debian/Ubuntu's chromium packages: @puppeteer/browsers only knows Google Chrome's own paths. */
export const SYSTEM_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

// ChromeReleaseChannel's values (STABLE, BETA, DEV, CANARY), without loading the package.
const CHROME_CHANNELS = ['stable', 'beta', 'dev', 'canary'] as ChromeReleaseChannel[];

export interface BrowserDiscovery {
  path: string | null;
  source: 'env' | 'system' | 'chrome-channel' | 'puppeteer-cache' | null;
  /** Every candidate looked at, in order (a Chrome channel as `chrome:<channel>`). */
  tried: string[];
  /** One line: why nothing was found (when path is null). */
  reason?: string;
}

export interface DiscoveryOptions {
  env?: Record<string, string | undefined>;
  /** false: only the explicit path / PUPPETEER_EXECUTABLE_PATH is considered. */
  search?: boolean;
  executablePath?: string;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Google Chrome of a release channel where @puppeteer/browsers knows it installs; null if absent. */
function chromeChannel(channel: ChromeReleaseChannel): string | null {
  try {
    const { computeSystemExecutablePath, Browser: BrowserName } = browsersLib();
    return computeSystemExecutablePath({ browser: BrowserName.CHROME, channel });
  } catch {
    return null;
  }
}

/**
 * Executables in puppeteer's cache for this platform: headless shell before Chrome, newest
 * build first. `Cache#getInstalledBrowsers` is the synchronous body of the async
 * `getInstalledBrowsers({ cacheDir })`: findBrowser stays synchronous for its callers.
 * (Its version comparator needs semver, which Chrome's 4-part build ids are not: numeric collation.)
 */
function puppeteerCacheBrowsers(env: Record<string, string | undefined>): string[] {
  const { Browser: BrowserName, Cache, detectBrowserPlatform } = browsersLib();
  const platform = detectBrowserPlatform();
  const order = [BrowserName.CHROMEHEADLESSSHELL, BrowserName.CHROME];
  try {
    return new Cache(env.PUPPETEER_CACHE_DIR ?? join(homedir(), '.cache', 'puppeteer'))
      .getInstalledBrowsers()
      .filter((b) => b.platform === platform && order.includes(b.browser))
      .sort((a, b) => order.indexOf(a.browser) - order.indexOf(b.browser) || b.buildId.localeCompare(a.buildId, 'en', { numeric: true }))
      .map((b) => b.executablePath);
  } catch {
    return []; // an unreadable cache is no browser, not an error
  }
}

export function findBrowser(opts: DiscoveryOptions = {}): BrowserDiscovery {
  const env = opts.env ?? process.env;
  const search = opts.search ?? !['1', 'true', 'yes'].includes((env.POLICYLOOP_NO_BROWSER_SEARCH ?? '').toLowerCase());
  const tried: string[] = [];
  const explicit = opts.executablePath ?? env.PUPPETEER_EXECUTABLE_PATH;
  if (explicit) {
    tried.push(explicit);
    if (isFile(explicit)) return { path: explicit, source: 'env', tried };
  }
  if (search) {
    for (const p of SYSTEM_BROWSERS) {
      tried.push(p);
      if (isFile(p)) return { path: p, source: 'system', tried };
    }
    for (const channel of CHROME_CHANNELS) {
      tried.push(`chrome:${channel}`);
      const p = chromeChannel(channel);
      if (p !== null && isFile(p)) return { path: p, source: 'chrome-channel', tried };
    }
    for (const p of puppeteerCacheBrowsers(env)) {
      tried.push(p);
      if (isFile(p)) return { path: p, source: 'puppeteer-cache', tried };
    }
  }
  const why = explicit
    ? `PUPPETEER_EXECUTABLE_PATH=${explicit} does not exist${search ? ' and no Chromium/Chrome was found in the system paths, the Chrome channels or the puppeteer cache' : ' (browser search disabled)'}`
    : search
      ? 'no Chromium/Chrome found (set PUPPETEER_EXECUTABLE_PATH, or install chromium)'
      : 'no browser: PUPPETEER_EXECUTABLE_PATH is unset and the browser search is disabled';
  return { path: null, source: null, tried, reason: why };
}

export interface LaunchedBrowser {
  browser: Browser;
  /** DevTools WebSocket URL (only when launched with `pipe: false`, for other threads to connect). */
  wsEndpoint: string | null;
  executablePath: string;
  userDataDir: string;
  /** Keep the Node process alive while true (requests in flight); let it exit while idle. */
  setBusy(busy: boolean): void;
  close(): Promise<void>;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export { withTimeout };

/**
 * A browser launched with `pipe: true` talks to us over its fds 3 and 4 and exits when they
 * close, however this process ends (even SIGKILL). One launched for a WebSocket (`pipe: false`,
 * shared by worker threads) does not notice: this watcher — `sh` blocked reading a pipe from us,
 * in its own process group — sees that pipe close when this process ends and kills every process
 * whose command line holds the browser's user-data dir (a fresh temp dir: only that browser's),
 * with its process group, then removes that dir. Started before the browser, so no moment of the
 * launch is uncovered.
 * A normal close() kills the watcher first.
 */
function reapWithParent(userDataDir: string): ChildProcess | null {
  const script = [
    'cat >/dev/null 2>&1',
    'for p in /proc/[0-9]*; do',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a template
    '  pid=${p#/proc/}',
    '  [ "$pid" = "$$" ] && continue',
    // dash's kill takes no `--`: the group (a negative pid) and the process, each on its own.
    '  if grep -qaF -- "$1" "$p/cmdline" 2>/dev/null; then kill -9 "-$pid" 2>/dev/null; kill -9 "$pid" 2>/dev/null; fi',
    'done',
    'rm -rf -- "$1"',
  ].join('\n');
  try {
    const child = spawn('/bin/sh', ['-c', script, 'policyloop-browser-reaper', userDataDir], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    });
    child.on('error', () => undefined);
    child.stdin?.on('error', () => undefined);
    // Never keeps this process alive.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return child;
  } catch {
    return null;
  }
}

/** Ends the watcher without letting it act (the browser was closed normally). */
function dismissReaper(reaper: ChildProcess | null): void {
  if (!reaper) return;
  try {
    reaper.kill('SIGKILL');
  } catch {
    /* gone */
  }
  reaper.stdin?.destroy();
}

/**
 * Launches the browser with a fresh user-data dir (removed on close and at process
 * exit). The child process and its pipes are unref'd while idle so that a forgotten
 * close() never keeps a command from exiting; puppeteer kills the browser at exit.
 * Puppeteer's own SIGINT/SIGTERM/SIGHUP handlers are off: they would close the browser and
 * keep the process running; the commands handle signals (cli/interrupt.ts). The browser never
 * outlives this process: over a pipe it exits when the pipe closes; over a WebSocket a
 * watcher kills it (reapWithParent).
 */
export async function launchBrowser(executablePath: string, timeoutMs = 20_000, opts: { pipe?: boolean } = {}): Promise<LaunchedBrowser> {
  const pipe = opts.pipe ?? true;
  const userDataDir = mkdtempSync(join(tmpdir(), 'policyloop-chromium-'));
  const removeDir = (): void => {
    try {
      rmSync(userDataDir, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
  };
  process.once('exit', removeDir);
  const reaper = pipe ? null : reapWithParent(userDataDir);
  let browser: Browser;
  try {
    browser = await withTimeout(
      (await loadPuppeteer()).launch({
        executablePath,
        headless: true,
        pipe,
        userDataDir,
        args: LAUNCH_ARGS,
        timeout: timeoutMs,
        protocolTimeout: 60_000,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      }),
      timeoutMs + 2_000,
      'browser launch',
    );
  } catch (err) {
    // Whatever the failed launch left running goes with it.
    reaper?.stdin?.destroy();
    removeDir();
    process.removeListener('exit', removeDir);
    throw err;
  }
  const proc: ChildProcess | null = browser.process();
  const setBusy = (busy: boolean): void => {
    if (!proc) return;
    const handles = [proc, ...proc.stdio] as ({ ref?: () => void; unref?: () => void } | null)[];
    for (const h of handles) {
      if (!h) continue;
      if (busy) h.ref?.();
      else h.unref?.();
    }
  };
  setBusy(false);
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    setBusy(true);
    try {
      await withTimeout(browser.close(), 5_000, 'browser close');
    } catch {
      proc?.kill('SIGKILL');
    }
    dismissReaper(reaper);
    removeDir();
    process.removeListener('exit', removeDir);
  };
  return { browser, wsEndpoint: pipe ? null : browser.wsEndpoint(), executablePath, userDataDir, setBusy, close };
}

/**
 * Connects to a browser another thread or process launched (launchSharedBrowser); close()
 * only disconnects.
 */
export async function connectBrowser(wsEndpoint: string, timeoutMs = 20_000): Promise<LaunchedBrowser> {
  const browser = await withTimeout(
    (await loadPuppeteer()).connect({ browserWSEndpoint: wsEndpoint, protocolTimeout: 60_000 }),
    timeoutMs,
    'browser connect',
  );
  let closed = false;
  return {
    browser,
    wsEndpoint,
    executablePath: wsEndpoint,
    userDataDir: '',
    setBusy: () => undefined,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await withTimeout(browser.disconnect(), 5_000, 'browser disconnect');
      } catch {
        /* already gone */
      }
    },
  };
}
