// The build (docs/architecture.md#build): dist/ matches the sources; the stale-build checks
// name what changed; a copy of the package builds from nothing and runs — command line,
// suite worker threads, resource files — with neither tsx nor esbuild installed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuild, hashInputs, listInputs, quickStaleCheck, readStamp, STAMP_FILE, STAMP_VERSION } from '../../scripts/build-stamp.js';
import { VERSION } from '../../policy/loop/versions.ts';
import { ROOT } from '../cli/cli-helpers.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** Writes the stamp a build of `root`'s current inputs would write. */
function stampNow(root: string): void {
  const { files, hash } = hashInputs(root);
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(
    join(root, STAMP_FILE),
    JSON.stringify({ version: STAMP_VERSION, hash, hashedAt: Date.now(), builtAt: new Date().toISOString(), files }),
  );
}

/** Sets a file's modification time `secondsAhead` from now (later edits look newer). */
function touch(file: string, secondsAhead: number): void {
  const t = Date.now() / 1000 + secondsAhead;
  utimesSync(file, t, t);
}

function write(root: string, rel: string, text: string): void {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), text);
}

describe('the build', () => {
  it('dist/ matches the sources (else run `npm run build`)', () => {
    const r = checkBuild(ROOT);
    if (!r.ok) expect.fail(r.message);
    const stamp = readStamp(ROOT)!;
    for (const rel of ['cli/main.ts', 'policy/suite/worker-entry.js', 'tsconfig.json', 'scripts/build.js'])
      expect(stamp.files).toHaveProperty([rel]);
    for (const out of [
      'dist/cli/main.js',
      'dist/policy/suite/worker-entry.js',
      'dist/policy/suite/episode-worker.js',
      'dist/bundles/viewer-app.js',
      'dist/bundles/render-page.js',
    ])
      expect(existsSync(join(ROOT, out)), out).toBe(true);
  });

  it('inputs are the TypeScript and worker entries, not task data nor development scripts', () => {
    const inputs = listInputs(ROOT);
    expect(inputs).toContain('sim/world.ts');
    expect(inputs).toContain('viewer/live-worker-entry.js');
    expect(inputs).toContain('viewer/app/main.ts');
    expect(inputs).not.toContain('bench/paraphrases.ts');
    expect(inputs.some((f) => f.startsWith('tasks/') && f.endsWith('.js'))).toBe(false);
    expect(inputs.some((f) => f.endsWith('.json') && f !== 'tsconfig.json')).toBe(false);
    expect(inputs.some((f) => f.startsWith('test/'))).toBe(false);
  });

  it('the stale-build checks name the newest changed, removed file and say what to run', () => {
    const root = tempDir('stamp');
    write(root, 'package.json', '{"name":"policyloop"}');
    write(root, 'tsconfig.json', '{}');
    write(root, 'sim/a.ts', 'export const a = 1;\n');
    write(root, 'cli/b.ts', 'export const b = 2;\n');
    write(root, 'cli/x-entry.js', "await import('./b.ts');\n");
    write(root, 'tasks/core/t.js', 'pick("a");\n');
    expect(checkBuild(root)).toEqual({
      ok: false,
      changed: [],
      message: 'no build: dist/build-stamp.json is missing; run `npm run build`',
    });
    expect(quickStaleCheck(root)).toMatch(/^no build stamp .*run `npm run build`$/);

    stampNow(root);
    expect(checkBuild(root)).toEqual({ ok: true });
    expect(quickStaleCheck(root)).toBeNull();

    // Touched but unchanged (a git checkout), or data that is read at run time: still current.
    touch(join(root, 'sim/a.ts'), 5);
    write(root, 'tasks/core/t.js', 'pick("b");\n');
    write(root, 'tasks/core/t.json', '{}');
    expect(checkBuild(root)).toEqual({ ok: true });
    expect(quickStaleCheck(root)).toBeNull();

    write(root, 'cli/b.ts', 'export const b = 3;\n');
    touch(join(root, 'cli/b.ts'), 10);
    const one = checkBuild(root);
    expect(one).toEqual({
      ok: false,
      changed: ['cli/b.ts'],
      message: 'the build in dist/ is stale: cli/b.ts changed since it was built; run `npm run build`',
    });
    expect(quickStaleCheck(root)).toBe('the build in dist/ is stale: cli/b.ts changed since it was built; run `npm run build`');

    write(root, 'sim/a.ts', 'export const a = 4;\n');
    touch(join(root, 'sim/a.ts'), 20);
    write(root, 'sim/new.ts', 'export {};\n');
    touch(join(root, 'sim/new.ts'), 15);
    rmSync(join(root, 'cli/x-entry.js'));
    const many = checkBuild(root);
    expect(many.ok).toBe(false);
    if (!many.ok) {
      expect(many.changed).toEqual(['sim/a.ts', 'sim/new.ts', 'cli/b.ts', 'cli/x-entry.js']);
      expect(many.message).toBe('the build in dist/ is stale: sim/a.ts changed since it was built (and 3 more); run `npm run build`');
    }
    // The start-up check stops at the first input in the stamp's order that differs.
    expect(quickStaleCheck(root)).toBe('the build in dist/ is stale: cli/b.ts changed since it was built; run `npm run build`');
    write(root, 'cli/b.ts', 'export const b = 2;\n');
    expect(quickStaleCheck(root)).toBe('the build in dist/ is stale: cli/x-entry.js was removed since it was built; run `npm run build`');
    // A changed tsconfig.json changes the build too.
    stampNow(root);
    write(root, 'tsconfig.json', '{"compilerOptions":{}}');
    touch(join(root, 'tsconfig.json'), 30);
    expect(quickStaleCheck(root)).toBe('the build in dist/ is stale: tsconfig.json changed since it was built; run `npm run build`');
  });

  it('a copy of the package builds from nothing and runs without tsx or esbuild; a stale build is named on stderr', () => {
    const pkg = tempDir('package');
    for (const entry of ['bin', 'cli', 'sim', 'tasks', 'llm', 'monitor', 'policy', 'viewer', 'bench', 'scripts', 'docs'])
      cpSync(join(ROOT, entry), join(pkg, entry), { recursive: true, filter: (src) => !src.includes('node_modules') });
    for (const file of ['package.json', 'tsconfig.json']) cpSync(join(ROOT, file), join(pkg, file));
    // node_modules: every installed package, by link, and the development-only ones removable.
    mkdirSync(join(pkg, 'node_modules'));
    for (const name of readdirSync(join(ROOT, 'node_modules'))) {
      if (name === '.bin' || name === 'tsx') continue;
      symlinkSync(join(ROOT, 'node_modules', name), join(pkg, 'node_modules', name));
    }
    const node = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, args, {
        cwd: pkg,
        encoding: 'utf8',
        timeout: 240_000,
        env: { ...process.env, POLICYLOOP_NO_STALE_CHECK: '', ...env },
      });

    const built = node(['scripts/build.js']);
    expect(built.stderr).toMatch(/^build: \d+ modules and 2 browser bundles into dist\/ in \d+ ms\n$/);
    expect(built.status).toBe(0);
    expect(checkBuild(pkg)).toEqual({ ok: true });
    expect(node(['scripts/build.js', '--if-stale']).stderr).toBe('build: dist/ is up to date\n');
    // The build holds no TypeScript import and no loader.
    const main = readFileSync(join(pkg, 'dist/cli/main.js'), 'utf8');
    expect(main).toContain('from "./commands/run.js"');
    expect(main).not.toMatch(/\.ts["']/);
    rmSync(join(pkg, 'node_modules/esbuild'));

    const version = node(['bin/policyloop.js', '--version']);
    expect({ status: version.status, stdout: version.stdout, stderr: version.stderr }).toEqual({
      status: 0,
      stdout: `${VERSION}\n`,
      stderr: '',
    });
    // Task files are read from the package (tasks/), not from next to the compiled module.
    const tasks = node(['bin/policyloop.js', 'tasks']);
    expect(tasks.status).toBe(0);
    expect(tasks.stdout).toContain('lift_block');
    // A suite: the worker thread loads dist/policy/suite/worker-entry.js → episode-worker.js.
    const out = join(pkg, 'out');
    const suite = node(['bin/policyloop.js', 'suite', '--tasks', 'lift_block', '--seeds', '1', '--workers', '1', '--out', out, '--json']);
    expect(suite.stderr).not.toMatch(/error|warning/i);
    expect(suite.status).toBe(0);
    const rows = readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!)).toMatchObject({ task: 'lift_block', seed: 0, success: true });

    // Edited after the build: the command still runs, and says in one line that it runs old code.
    writeFileSync(join(pkg, 'cli/errors.ts'), readFileSync(join(pkg, 'cli/errors.ts'), 'utf8') + '\n// edited\n');
    touch(join(pkg, 'cli/errors.ts'), 5);
    const stale = node(['bin/policyloop.js', '--version']);
    expect(stale.status).toBe(0);
    expect(stale.stderr).toBe(
      'policyloop: warning: the build in dist/ is stale: cli/errors.ts changed since it was built; run `npm run build`\n',
    );
    expect(node(['bin/policyloop.js', '--version'], { POLICYLOOP_NO_STALE_CHECK: '1' }).stderr).toBe('');

    // No build at all: one line saying what to run.
    rmSync(join(pkg, 'dist'), { recursive: true });
    const none = node(['bin/policyloop.js', '--version']);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/^policyloop: no build: .*dist\/cli\/main\.js is missing; run `npm run build` in .*\n$/);
  });
});
