// Finding and launching the headless Chromium the renderer drives. Discovery order:
// PUPPETEER_EXECUTABLE_PATH, the browsers puppeteer installed in its cache, then a
// system Chromium/Chrome. POLICYLOOP_NO_BROWSER_SEARCH=1 limits discovery to the
// environment variable (tests use it to simulate a machine without a browser).

import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import type { Browser } from 'puppeteer-core';

export const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--mute-audio', '--hide-scrollbars',
  // WebGL on SwiftShader without a GPU: Chromium is removing the implicit fallback.
  '--enable-unsafe-swiftshader',
];

export const SYSTEM_BROWSERS = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium',
  '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/usr/bin/chrome', '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export interface BrowserDiscovery {
  path: string | null;
  source: 'env' | 'puppeteer-cache' | 'system' | null;
  /** Every candidate looked at, in order. */
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
  try { return statSync(p).isFile(); } catch { return false; }
}

/** Executables in puppeteer's cache (chrome, chrome-headless-shell), newest build first. */
function puppeteerCacheBrowsers(env: Record<string, string | undefined>): string[] {
  const root = env.PUPPETEER_CACHE_DIR ?? join(homedir(), '.cache', 'puppeteer');
  const layouts: [string, string[]][] = [
    ['chrome-headless-shell', ['chrome-headless-shell-linux64/chrome-headless-shell', 'chrome-headless-shell-mac-x64/chrome-headless-shell', 'chrome-headless-shell-mac-arm64/chrome-headless-shell']],
    ['chrome', ['chrome-linux64/chrome', 'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing', 'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing']],
  ];
  const out: string[] = [];
  for (const [product, rels] of layouts) {
    const dir = join(root, product);
    if (!existsSync(dir)) continue;
    let builds: string[] = [];
    try { builds = readdirSync(dir); } catch { continue; }
    const version = (b: string): number[] => (b.split('-').pop() ?? '').split('.').map((n) => Number(n) || 0);
    builds.sort((a, b) => {
      const va = version(a), vb = version(b);
      for (let i = 0; i < Math.max(va.length, vb.length); i++) if ((va[i] ?? 0) !== (vb[i] ?? 0)) return (vb[i] ?? 0) - (va[i] ?? 0);
      return 0;
    });
    for (const b of builds) for (const rel of rels) out.push(join(dir, b, rel));
  }
  return out;
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
    for (const p of puppeteerCacheBrowsers(env)) {
      tried.push(p);
      if (isFile(p)) return { path: p, source: 'puppeteer-cache', tried };
    }
    for (const p of SYSTEM_BROWSERS) {
      tried.push(p);
      if (isFile(p)) return { path: p, source: 'system', tried };
    }
  }
  const why = explicit
    ? `PUPPETEER_EXECUTABLE_PATH=${explicit} does not exist${search ? ' and no Chromium/Chrome was found in the puppeteer cache or the system paths' : ' (browser search disabled)'}`
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
 * Launches the browser with a fresh user-data dir (removed on close and at process
 * exit). The child process and its pipes are unref'd while idle so that a forgotten
 * close() never keeps a command from exiting; puppeteer kills the browser at exit.
 */
export async function launchBrowser(executablePath: string, timeoutMs = 20_000, opts: { pipe?: boolean } = {}): Promise<LaunchedBrowser> {
  const pipe = opts.pipe ?? true;
  const userDataDir = mkdtempSync(join(tmpdir(), 'policyloop-chromium-'));
  const removeDir = (): void => { try { rmSync(userDataDir, { recursive: true, force: true }); } catch { /* best effort */ } };
  process.once('exit', removeDir);
  let browser: Browser;
  try {
    browser = await withTimeout(puppeteer.launch({
      executablePath,
      headless: true,
      pipe,
      userDataDir,
      args: LAUNCH_ARGS,
      timeout: timeoutMs,
      protocolTimeout: 60_000,
    }), timeoutMs + 2_000, 'browser launch');
  } catch (err) {
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
      if (busy) h.ref?.(); else h.unref?.();
    }
  };
  setBusy(false);
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    setBusy(true);
    try { await withTimeout(browser.close(), 5_000, 'browser close'); } catch { proc?.kill('SIGKILL'); }
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
  const browser = await withTimeout(puppeteer.connect({ browserWSEndpoint: wsEndpoint, protocolTimeout: 60_000 }), timeoutMs, 'browser connect');
  let closed = false;
  return {
    browser, wsEndpoint, executablePath: wsEndpoint, userDataDir: '',
    setBusy: () => undefined,
    close: async () => {
      if (closed) return;
      closed = true;
      try { await withTimeout(browser.disconnect(), 5_000, 'browser disconnect'); } catch { /* already gone */ }
    },
  };
}
