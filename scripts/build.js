#!/usr/bin/env node
// `npm run build` (also npm's `prepare`, so `npm ci` builds): the JavaScript the command
// line and its worker threads run, and the two browser bundles (docs/architecture.md#build).
//
// - Every TypeScript input under SOURCE_DIRS → dist/<same path>.js, one file each, with its
//   relative imports rewritten from `.ts` to `.js` and packages left as imports. esbuild
//   strips the types file by file, the transform tsx applied at run time before, so the
//   compiled code behaves as the sources did under tsx; the type check stays `npm run
//   typecheck` (tsc): a tsc emit would add ~35 s here, esbuild takes 3–9 s (whole build).
// - The worker entries (*-entry.js) are copied as they are: each loads its compiled sibling
//   when one sits next to it, and registers tsx only as the source copy.
// - dist/vendor/<package>.js: zod, openai, commander and fast-png, each in one file, which
//   the compiled modules import (VENDOR below).
// - dist/bundles/viewer-app.js (the viewer's three.js app) and dist/bundles/render-page.js
//   (the headless renderer's page script), minified, read by the runtime as they are.
// - dist/build-stamp.json last: the hash of every input (scripts/build-stamp.js).
//
// Usage: node scripts/build.js [--if-stale] [--quiet]
//   --if-stale  build only when dist/ does not match the sources (the test setup uses it)

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { checkBuild, DIST_DIR, hashInputs, SOURCE_DIRS, STAMP_FILE, STAMP_VERSION } from './build-stamp.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The browser bundles: output (under dist/), entry and esbuild format. The runtime reads the outputs. */
export const BUNDLES = [
  { out: 'bundles/viewer-app.js', entry: 'viewer/app/main.ts', format: 'esm' },
  { out: 'bundles/render-page.js', entry: 'monitor/render/page-entry.ts', format: 'iife' },
];

/**
 * Pure-JavaScript packages of many small files that processes and suite workers load at
 * start-up, each bundled into one file dist/vendor/<name>.js that the compiled modules import
 * instead: zod is ~220 files, openai ~150, and one file loads in a fraction of the time
 * (zod ~130 → ~70 ms of CPU here, openai ~150 → ~30 ms). Only our modules import these
 * packages, and in the build all of them take the vendored copy, so a process never mixes
 * two instances of one (an `instanceof` across them would fail).
 */
export const VENDOR = [
  { name: 'zod', hasDefault: true },
  { name: 'openai', hasDefault: true },
  { name: 'commander', hasDefault: false },
  { name: 'fast-png', hasDefault: false },
];

const toPosix = (p) => p.split(sep).join('/');

/**
 * Imports of a VENDOR package → its bundled copy, by a relative path from the importing
 * module's place in dist/.
 */
function vendorImports() {
  const filter = new RegExp(`^(${VENDOR.map((v) => v.name.replace(/[/.-]/g, '\\$&')).join('|')})$`);
  return {
    name: 'vendor-imports',
    setup(b) {
      b.onResolve({ filter }, (args) => {
        const from = dirname(join(ROOT, DIST_DIR, relative(ROOT, args.importer)));
        let path = toPosix(relative(from, join(ROOT, DIST_DIR, 'vendor', `${args.path}.js`)));
        if (!path.startsWith('.')) path = `./${path}`;
        return { path, external: true };
      });
    },
  };
}

/**
 * Leaves every relative import an import of the compiled sibling (`./x.ts` → `./x.js`),
 * and refuses one that leaves the build (e.g. a runtime module importing test/).
 * @param {Set<string>} inputs
 */
function relativeImports(inputs) {
  return {
    name: 'relative-imports',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const target = toPosix(relative(ROOT, resolve(args.resolveDir, args.path)));
        if (!inputs.has(target)) {
          const from = toPosix(relative(ROOT, args.importer));
          return {
            errors: [{ text: `${from} imports ${args.path} (${target}), which is not part of the build (scripts/build-stamp.js)` }],
          };
        }
        return { path: args.path.replace(/\.ts$/, '.js'), external: true };
      });
    },
  };
}

/** Writes a file so that a reader never sees it half written (concurrent builds write the same bytes). */
function writeAtomic(file, contents) {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

/** Removes files under dist/ that this build did not write (sources deleted or renamed since). */
function removeStale(dist, keep) {
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    if (!keep.has(file) && !file.endsWith('.tmp')) rmSync(file, { force: true });
  }
}

export async function runBuild({ quiet = false } = {}) {
  const t0 = performance.now();
  const dist = join(ROOT, DIST_DIR);
  const hashedAt = Date.now();
  const { files, hash } = hashInputs(ROOT);
  const inputs = new Set(Object.keys(files));
  const sources = [...inputs].filter((rel) => SOURCE_DIRS.includes(rel.split('/')[0]));
  // The old stamp stays until the new one replaces it: a build that fails half way leaves
  // a stamp that does not match the sources (that is why it ran), so checks still say stale;
  // and a command started meanwhile does not see "no build".

  const common = { absWorkingDir: ROOT, write: false, logLevel: 'silent', charset: 'utf8' };
  const modules = build({
    ...common,
    entryPoints: sources.filter((rel) => rel.endsWith('.ts')),
    outdir: dist,
    outbase: '.',
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [relativeImports(inputs), vendorImports()],
  });
  const vendor = VENDOR.map(({ name, hasDefault }) =>
    build({
      ...common,
      stdin: {
        contents: `export * from '${name}';\n${hasDefault ? `export { default } from '${name}';\n` : ''}`,
        resolveDir: ROOT,
        sourcefile: `vendor-${name}.js`,
      },
      outfile: join(dist, 'vendor', `${name}.js`),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Whitespace and syntax only (names kept, for stack traces): ~15 % less to parse.
      minifyWhitespace: true,
      minifySyntax: true,
      legalComments: 'inline',
      // CommonJS inside a package (commander) requires Node's modules: give the bundle a require.
      banner: { js: "import { createRequire as __vendorRequire } from 'node:module';\nconst require = __vendorRequire(import.meta.url);" },
    }),
  );
  const bundles = BUNDLES.map((b) =>
    build({
      ...common,
      entryPoints: [b.entry],
      outfile: join(dist, b.out),
      bundle: true,
      format: b.format,
      platform: 'browser',
      target: 'chrome110',
      minify: true,
      legalComments: 'none',
    }),
  );
  const results = await Promise.all([modules, ...vendor, ...bundles]);

  const written = new Set();
  for (const r of results) {
    for (const f of r.outputFiles) {
      writeAtomic(f.path, f.contents);
      written.add(f.path);
    }
  }
  for (const rel of sources.filter((r) => r.endsWith('.js'))) {
    const file = join(dist, rel);
    writeAtomic(file, readFileSync(join(ROOT, rel)));
    written.add(file);
  }
  const stampPath = join(ROOT, STAMP_FILE);
  written.add(stampPath);
  removeStale(dist, written);
  const stamp = { version: STAMP_VERSION, hash, hashedAt, builtAt: new Date().toISOString(), files };
  writeAtomic(stampPath, JSON.stringify(stamp, null, 1) + '\n');
  const ms = Math.round(performance.now() - t0);
  if (!quiet)
    process.stderr.write(`build: ${sources.length} modules and ${BUNDLES.length} browser bundles into ${DIST_DIR}/ in ${ms} ms\n`);
  return { ms, modules: sources.length };
}

function esbuildErrorText(err) {
  const errors = err && Array.isArray(err.errors) ? err.errors : null;
  if (!errors || errors.length === 0) return err instanceof Error ? err.message : String(err);
  return errors
    .map((e) => {
      const at = e.location ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: ` : '';
      return `${at}${e.text}`;
    })
    .join('\n');
}

async function cli(argv) {
  const args = new Set(argv);
  for (const a of args) {
    if (a !== '--if-stale' && a !== '--quiet') {
      process.stderr.write(`build: unknown argument ${a} (usage: node scripts/build.js [--if-stale] [--quiet])\n`);
      return 2;
    }
  }
  const quiet = args.has('--quiet');
  if (args.has('--if-stale') && checkBuild(ROOT).ok) {
    if (!quiet) process.stderr.write('build: dist/ is up to date\n');
    return 0;
  }
  try {
    await runBuild({ quiet });
    return 0;
  } catch (err) {
    process.stderr.write(`build failed:\n${esbuildErrorText(err)}\n`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await cli(process.argv.slice(2));
}
