import { readFileSync } from 'node:fs';
import { packageFile } from '../../sim/package-root.ts';
// Directly, not through sim/index.ts: this light file loads no Rapier, and `--version` reads it.
import { rapierLabel } from '../../sim/rapier-module.ts';

const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

export const VERSION: string = pkg.version;

/** Versions recorded in run records and benchmark output. */
export function toolVersions(): Record<string, string> {
  return {
    policyloop: pkg.version,
    node: process.versions.node,
    // The build worlds of this process run on, e.g. "compat 0.21.0" (sim/rapier-module.ts).
    rapier: rapierLabel(),
    quickjs: pkg.dependencies['quickjs-emscripten'] ?? 'unknown',
    three: pkg.dependencies.three ?? 'unknown',
  };
}
