// What the viewer's browser tests ask of the page: its state through the test hook
// (`window.policyloopViewer`, viewer/app/main.ts), and waiting until it has drawn.
import type { Page } from 'puppeteer-core';

export interface ViewerPage {
  /** Evaluates `expression` in the page with `v` bound to `window.policyloopViewer`. */
  state<T>(expression: string): Promise<T>;
  /** Two animation frames: the page has drawn what the last input changed. */
  frames(): Promise<void>;
  /**
   * The page has the server's hello and has drawn the form from it: the store gets the hello
   * at once, the task list on a later frame (late on a loaded machine).
   */
  connected(): Promise<void>;
}

/** Helpers on the page `get()` returns when called (tests assign their page in `beforeAll`). */
export function viewerPage(get: () => Page): ViewerPage {
  return {
    state: <T>(expression: string) =>
      get().evaluate(`(() => { const v = window.policyloopViewer; return ${expression}; })()`) as Promise<T>,
    frames: () =>
      get().evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))) as Promise<void>,
    connected: async () => {
      await get().waitForFunction(() => window.policyloopViewer?.store.hello != null, { timeout: 30_000 });
      await get().waitForSelector('#task-select optgroup option', { timeout: 30_000 });
    },
  };
}
