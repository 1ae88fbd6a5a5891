// Whether this machine has a browser for the tests that need pictures, and why not.
// Tests without one must skip visibly — `ctx.skip(!HAS_BROWSER, NO_BROWSER)` reports the
// reason next to the skipped test — never drop their cases silently.

import { findBrowser } from '../../monitor/render/browser.ts';

const found = findBrowser();

export const HAS_BROWSER = found.path !== null;

/** The skip note when there is no browser: what discovery tried. */
export const NO_BROWSER = `no browser for rendering (${found.reason ?? 'none found'})`;
