// The page script (three.js + the scene builder + page-entry.ts) as one IIFE string,
// bundled with esbuild at first use and kept for the life of the process.

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

let bundle: Promise<string> | null = null;

export function pageBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('./page-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    minify: true,
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
