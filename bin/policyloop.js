#!/usr/bin/env node
// Entry point: runs the compiled command line in dist/ (`npm run build`, which `npm ci`
// runs; docs/architecture.md#build). No TypeScript loader at run time.
//
// From a source checkout (the sources sit next to dist/), it first checks in a few
// milliseconds that the build matches them, and says so in one line on stderr when not.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const mainModule = new URL('../dist/cli/main.js', import.meta.url);

if (!existsSync(mainModule)) {
  process.stderr.write(`policyloop: no build: ${fileURLToPath(mainModule)} is missing; run \`npm run build\` in ${root}\n`);
  process.exit(1);
}
const stampModule = new URL('../scripts/build-stamp.js', import.meta.url);
// POLICYLOOP_NO_STALE_CHECK=1 skips it (the tests set it: their global setup builds first,
// and a file edited while they run must not change every command's stderr).
const check = !['1', 'true', 'yes'].includes((process.env.POLICYLOOP_NO_STALE_CHECK ?? '').toLowerCase());
if (check && existsSync(stampModule) && existsSync(new URL('../cli/main.ts', import.meta.url))) {
  const { quickStaleCheck } = await import(stampModule.href);
  const warning = quickStaleCheck(root);
  if (warning) process.stderr.write(`policyloop: warning: ${warning}\n`);
}
const { main } = await import(mainModule.href);
process.exitCode = await main(process.argv);
