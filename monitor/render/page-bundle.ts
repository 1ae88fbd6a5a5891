// The page script of the headless renderer (three.js + the scene builder + page-entry.ts)
// as one IIFE string: bundled at build time into dist/bundles/render-page.js
// (scripts/build.js; docs/architecture.md#build), read at first use and kept for the life
// of the process.

import { readFile } from 'node:fs/promises';
import { packageFile } from '../../sim/package-root.ts';

/** The page script, as `npm run build` writes it (relative to the package root). */
export const RENDER_PAGE_BUNDLE = 'dist/bundles/render-page.js';

let bundle: Promise<string> | null = null;

export function pageBundle(): Promise<string> {
  bundle ??= readFile(packageFile(RENDER_PAGE_BUNDLE), 'utf8').catch((err: unknown) => {
    bundle = null;
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      `the renderer's page script ${RENDER_PAGE_BUNDLE} is ${code === 'ENOENT' ? 'missing' : `unreadable (${code})`}; run \`npm run build\``,
    );
  });
  return bundle;
}
