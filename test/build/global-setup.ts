// Vitest global setup: brings dist/ up to date before any test runs (`node scripts/build.js
// --if-stale`: hashes the inputs, builds only when they differ from the stamp). Tests that
// spawn bin/policyloop.js, and the viewer and renderer that read the browser bundles, then
// run what the sources say. test/build/build.test.ts checks the stamp itself.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..');
  const r = spawnSync(process.execPath, ['scripts/build.js', '--if-stale', '--quiet'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm run build failed before the tests:\n${(r.stderr || r.stdout || String(r.error)).trim()}`);
}
