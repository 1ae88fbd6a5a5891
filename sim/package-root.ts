// The package's root folder (the one holding policyloop's package.json), whether this
// module runs from the sources (sim/package-root.ts) or from the build
// (dist/sim/package-root.js). Files the program reads at run time — task JSON and reference
// programs under tasks/, docs/api.md, the viewer's page, the browser bundles in
// dist/bundles/ — are found from here, never from the reading module's own folder
// (docs/architecture.md#build). Plain file (node built-ins only): anything may import it.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'policyloop';

let root: string | null = null;

function isPackageRoot(dir: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** The nearest folder at or above this module's that holds policyloop's package.json. */
export function packageRoot(): string {
  if (root !== null) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (isPackageRoot(dir)) return (root = dir);
    if (dirname(dir) === dir) throw new Error(`packageRoot: no package.json of ${PACKAGE_NAME} in ${start} or above`);
  }
}

/** A path inside the package: `packageFile('tasks', 'core')`. */
export function packageFile(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
