// The build's inputs and its stamp (docs/architecture.md#build). Plain JavaScript: the
// build script, bin/policyloop.js and the tests import it, and none of them may need tsx.
//
// The stamp (dist/build-stamp.json) records the SHA-256 of every input file. The build
// matches the sources when the inputs hash the same; `checkBuild` says which file differs
// (the full check: hashes every input, ~50 ms). `quickStaleCheck` is the command line's
// start-up check: it compares modification times with the stamp's and hashes only the files
// written since the build read them, so it costs a few milliseconds.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The folders compiled into dist/, each file to the same path under dist/. */
export const SOURCE_DIRS = ['sim', 'tasks', 'llm', 'monitor', 'policy', 'viewer', 'cli', 'bench'];

/**
 * Development scripts left out of the build: they run with `npx tsx` and import test/
 * (which the build does not hold).
 */
export const DEV_ONLY = ['bench/paraphrases.ts'];

/** Files besides the sources whose change changes the build. */
export const CONFIG_INPUTS = ['tsconfig.json', 'scripts/build.js', 'scripts/build-stamp.js'];

export const DIST_DIR = 'dist';
export const STAMP_FILE = 'dist/build-stamp.json';
export const STAMP_VERSION = 1;

/**
 * Whether a file under SOURCE_DIRS is a build input: TypeScript (not declarations) and the
 * JavaScript worker entries. Task reference programs (tasks/**\/*.js), task JSON and the
 * viewer's page and style sheet are data, read from the package at run time.
 * @param {string} rel path relative to the package root, with forward slashes
 */
export function isSourceInput(rel) {
  if (DEV_ONLY.includes(rel)) return false;
  if (rel.endsWith('.d.ts')) return false;
  if (rel.endsWith('.ts')) return true;
  return rel.endsWith('.js') && !rel.startsWith('tasks/');
}

/**
 * Every input of the build, sorted, relative to `root` with forward slashes.
 * @param {string} root the package root
 * @returns {string[]}
 */
export function listInputs(root) {
  const out = [];
  for (const dir of SOURCE_DIRS) {
    const abs = join(root, dir);
    if (!existsSync(abs)) continue;
    for (const entry of readdirSync(abs, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const rel = relative(root, join(entry.parentPath ?? entry.path, entry.name))
        .split(sep)
        .join('/');
      if (rel.split('/').includes('node_modules')) continue;
      if (isSourceInput(rel)) out.push(rel);
    }
  }
  for (const rel of CONFIG_INPUTS) if (existsSync(join(root, rel))) out.push(rel);
  return out.sort();
}

/**
 * @param {string} root
 * @param {string} rel
 * @returns {string}
 */
export function hashFile(root, rel) {
  return createHash('sha256')
    .update(readFileSync(join(root, rel)))
    .digest('hex');
}

/**
 * The hash of every input, and of the whole set.
 * @param {string} root
 * @returns {{ files: Record<string, string>, hash: string }}
 */
export function hashInputs(root) {
  /** @type {Record<string, string>} */
  const files = {};
  const all = createHash('sha256');
  for (const rel of listInputs(root)) {
    files[rel] = hashFile(root, rel);
    all.update(`${rel}\0${files[rel]}\n`);
  }
  return { files, hash: all.digest('hex') };
}

/**
 * The stamp the last build wrote, or null when there is none (or it is unreadable).
 * @param {string} root
 * @returns {{ version: number, hash: string, hashedAt: number, builtAt: string, files: Record<string, string> } | null}
 */
export function readStamp(root) {
  try {
    const stamp = JSON.parse(readFileSync(join(root, STAMP_FILE), 'utf8'));
    return stamp && stamp.version === STAMP_VERSION && typeof stamp.files === 'object' ? stamp : null;
  } catch {
    return null;
  }
}

/** @param {string} root @param {string} rel */
function mtimeOf(root, rel) {
  try {
    return statSync(join(root, rel)).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The full check: does dist/ hold the build of these sources?
 * `changed` lists the inputs added, removed or edited since the build, newest first
 * (removed ones last); `message` is one line naming the newest and saying what to run.
 * @param {string} root
 * @returns {{ ok: true } | { ok: false, changed: string[], message: string }}
 */
export function checkBuild(root) {
  const stamp = readStamp(root);
  if (!stamp) {
    return { ok: false, changed: [], message: `no build: ${STAMP_FILE} is missing; run \`npm run build\`` };
  }
  const now = hashInputs(root);
  if (now.hash === stamp.hash) return { ok: true };
  const present = Object.keys(now.files).filter((rel) => stamp.files[rel] !== now.files[rel]);
  present.sort((a, b) => mtimeOf(root, b) - mtimeOf(root, a) || a.localeCompare(b));
  const removed = Object.keys(stamp.files).filter((rel) => !(rel in now.files));
  const changed = [...present, ...removed];
  const first = changed[0];
  const what = present.length > 0 ? `${first} changed` : `${first} was removed`;
  const more = changed.length > 1 ? ` (and ${changed.length - 1} more)` : '';
  return { ok: false, changed, message: `the build in dist/ is stale: ${what} since it was built${more}; run \`npm run build\`` };
}

/**
 * The start-up check of a source checkout: null when the build looks current, else a
 * one-line warning. Compares each input's modification time with the time the build read
 * the inputs and hashes only inputs written since (an unchanged file that git touched does
 * not count). Files added
 * since the build are not looked for: a new module matters only once an input imports it,
 * and that input changed.
 * @param {string} root
 * @returns {string | null}
 */
export function quickStaleCheck(root) {
  const stamp = readStamp(root);
  if (!stamp) return `no build stamp (${STAMP_FILE}, or unreadable); run \`npm run build\``;
  // Files written during the build, after their contents were hashed, must count too; the
  // second's margin covers file-system clocks that lag the process clock.
  const since = (typeof stamp.hashedAt === 'number' ? stamp.hashedAt : 0) - 1000;
  for (const rel of Object.keys(stamp.files)) {
    let mtime;
    try {
      mtime = statSync(join(root, rel)).mtimeMs;
    } catch {
      return `the build in dist/ is stale: ${rel} was removed since it was built; run \`npm run build\``;
    }
    if (mtime > since && hashFile(root, rel) !== stamp.files[rel]) {
      return `the build in dist/ is stale: ${rel} changed since it was built; run \`npm run build\``;
    }
  }
  return null;
}
