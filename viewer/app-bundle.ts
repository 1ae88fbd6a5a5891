// The browser app: the page and style sheet (viewer/app/index.html, style.css) and the
// script — viewer/app/main.ts with three.js, the shared scene builder and zod — bundled
// at build time into dist/bundles/viewer-app.js (scripts/build.js; docs/architecture.md#build).
// The server only reads them: nothing is bundled or fetched from the network at run time.

import { readFile } from 'node:fs/promises';
import { packageFile } from '../sim/package-root.ts';

export interface AppAssets {
  html: string;
  js: string;
  css: string;
}

/** The app's script, as `npm run build` writes it (relative to the package root). */
export const VIEWER_APP_BUNDLE = 'dist/bundles/viewer-app.js';

async function readAsset(rel: string, what: string): Promise<string> {
  try {
    return await readFile(packageFile(rel), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`the viewer's ${what} ${rel} is ${code === 'ENOENT' ? 'missing' : `unreadable (${code})`}; run \`npm run build\``);
  }
}

let assets: Promise<AppAssets> | null = null;

/** The page, its script and its style sheet, read once per process. */
export function appAssets(): Promise<AppAssets> {
  assets ??= Promise.all([
    readAsset('viewer/app/index.html', 'page'),
    readAsset(VIEWER_APP_BUNDLE, 'browser bundle'),
    readAsset('viewer/app/style.css', 'style sheet'),
  ])
    .then(([html, js, css]) => ({ html, js, css }))
    .catch((err: unknown) => {
      assets = null;
      throw err;
    });
  return assets;
}
