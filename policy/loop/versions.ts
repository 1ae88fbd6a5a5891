import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

export const VERSION: string = pkg.version;

/** Versions recorded in run records and benchmark output. */
export function toolVersions(): Record<string, string> {
  return {
    policyloop: pkg.version,
    node: process.versions.node,
    rapier: pkg.dependencies['@dimforge/rapier3d-compat'] ?? 'unknown',
    quickjs: pkg.dependencies['quickjs-emscripten'] ?? 'unknown',
    three: pkg.dependencies.three ?? 'unknown',
  };
}
