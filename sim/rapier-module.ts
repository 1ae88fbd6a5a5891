// Which Rapier build the worlds of this process use (sim/README.md#which-rapier-build), and
// loading it. The one place that names Rapier's packages; it loads them lazily (dynamic
// import), so importing this file costs nothing (`policyloop --version` reads the label).
//
// Two builds of the same API are installed:
// - `simd`: @dimforge/rapier3d-simd-compat, WebAssembly with 128-bit SIMD;
// - `compat`: @dimforge/rapier3d-compat, plain WebAssembly.
// The build is DEFAULT_RAPIER_BUILD unless the environment variable POLICYLOOP_RAPIER names
// another (for measurement), or `useRapierBuild()` switches it (the benchmark, tests).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// Types only (erased): both builds expose this API; the calls we make are common to both.
import type RAPIER from '@dimforge/rapier3d-simd-compat';

export type RapierModule = typeof RAPIER;

export const RAPIER_BUILDS = ['simd', 'compat'] as const;
export type RapierBuild = (typeof RAPIER_BUILDS)[number];

/** The build used when POLICYLOOP_RAPIER is unset (sim/README.md says why). */
export const DEFAULT_RAPIER_BUILD: RapierBuild = 'compat';

/** The environment variable that picks the build for a process (and its worker threads). */
export const RAPIER_ENV = 'POLICYLOOP_RAPIER';

export const RAPIER_PACKAGES: Readonly<Record<RapierBuild, string>> = {
  simd: '@dimforge/rapier3d-simd-compat',
  compat: '@dimforge/rapier3d-compat',
};

/** A bad build name: named ConfigError, so the command line prints its one line (exit 2). */
export class RapierBuildError extends Error {
  override name = 'ConfigError';
}

function isBuild(s: string): s is RapierBuild {
  return (RAPIER_BUILDS as readonly string[]).includes(s);
}

/** Reads the build named by POLICYLOOP_RAPIER (trimmed, any case); undefined when unset or empty. */
export function rapierBuildFromEnv(env: NodeJS.ProcessEnv = process.env): RapierBuild | undefined {
  const raw = env[RAPIER_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  const name = raw.trim().toLowerCase();
  if (!isBuild(name))
    throw new RapierBuildError(`${RAPIER_ENV}=${JSON.stringify(raw)} is not a Rapier build; use ${RAPIER_BUILDS.join(' or ')}`);
  return name;
}

let override: RapierBuild | null = null;

/** The build new worlds use: the last `useRapierBuild`, else POLICYLOOP_RAPIER, else the default. */
export function selectedRapierBuild(): RapierBuild {
  return override ?? rapierBuildFromEnv() ?? DEFAULT_RAPIER_BUILD;
}

const versions = new Map<RapierBuild, string>();

/** The installed version of a build's package (read from its package.json, without loading it). */
export function rapierPackageVersion(build: RapierBuild): string {
  let v = versions.get(build);
  if (v === undefined) {
    try {
      // The packages export no ./package.json; their main file sits in dist/.
      const main = createRequire(import.meta.url).resolve(RAPIER_PACKAGES[build]);
      v = (JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
    } catch {
      v = 'not installed';
    }
    versions.set(build, v);
  }
  return v;
}

/** What run records call the engine: "simd-compat 0.20.0" or "compat 0.21.0". */
export function rapierLabel(build: RapierBuild = selectedRapierBuild()): string {
  return `${build === 'simd' ? 'simd-compat' : 'compat'} ${rapierPackageVersion(build)}`;
}

const loading = new Map<RapierBuild, Promise<RapierModule>>();
const loaded = new Map<RapierBuild, RapierModule>();

async function importBuild(build: RapierBuild): Promise<RapierModule> {
  // Literal specifiers, so bundlers and the type checker see both packages.
  const mod =
    build === 'simd'
      ? (await import('@dimforge/rapier3d-simd-compat')).default
      : ((await import('@dimforge/rapier3d-compat')).default as unknown as RapierModule);
  await mod.init();
  loaded.set(build, mod);
  return mod;
}

/** Loads a build's module and its WebAssembly once per process (thread); later calls share it. */
export function loadRapier(build: RapierBuild = selectedRapierBuild()): Promise<RapierModule> {
  let p = loading.get(build);
  if (!p) {
    p = importBuild(build);
    loading.set(build, p);
    p.catch(() => loading.delete(build));
  }
  return p;
}

/** A build's module once `loadRapier` has resolved; throws before that. */
export function loadedRapier(build: RapierBuild = selectedRapierBuild()): RapierModule {
  const mod = loaded.get(build);
  if (!mod) throw new Error(`Rapier (${build}) is not loaded yet: await loadRapier() first`);
  return mod;
}

/**
 * Makes worlds created from now on in this process (thread) use `build`, loading it first;
 * null goes back to POLICYLOOP_RAPIER or the default. Worlds already built keep theirs.
 * Returns the build that was selected before. For the benchmark and tests, which compare
 * builds in one process; everything else follows POLICYLOOP_RAPIER.
 */
export async function useRapierBuild(build: RapierBuild | null): Promise<RapierBuild> {
  const before = selectedRapierBuild();
  if (build !== null) {
    if (!isBuild(build))
      throw new RapierBuildError(`useRapierBuild: ${JSON.stringify(build)} is not a Rapier build; use ${RAPIER_BUILDS.join(' or ')}`);
    await loadRapier(build);
  }
  override = build;
  return before;
}
