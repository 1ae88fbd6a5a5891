// The browser app (viewer/app/main.ts with three.js, the shared scene builder and zod)
// bundled by esbuild in memory when the server starts: `npx policyloop view` needs no
// separate build step, and nothing is fetched from the network at run time.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface AppAssets {
  html: string;
  js: string;
  css: string;
}

const appFile = (name: string): string => fileURLToPath(new URL(`./app/${name}`, import.meta.url));

let bundle: Promise<string> | null = null;

function bundleScript(): Promise<string> {
  bundle ??= build({
    entryPoints: [appFile('main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome110',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  })
    .then((r) => r.outputFiles[0]!.text)
    .catch((err: unknown) => {
      bundle = null;
      throw err;
    });
  return bundle;
}

/** The page, its script and its style sheet. The script is bundled once per process. */
export async function appAssets(): Promise<AppAssets> {
  const js = await bundleScript();
  return { html: readFileSync(appFile('index.html'), 'utf8'), js, css: readFileSync(appFile('style.css'), 'utf8') };
}
