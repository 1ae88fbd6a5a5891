import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSuite } from '../../tasks/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { cli } from './cli-helpers.ts';
import { main } from '../../cli/main.ts';

describe('policyloop run with a given program', () => {
  it('exits 0 for every core task run with its reference program', async () => {
    // In-process through the same entry point as the binary (spawning 17 processes is slow on 2 cores).
    const failures: string[] = [];
    for (const [i, t] of getSuite('core').entries()) {
      const dir = tempDir('ref');
      const prog = join(dir, 'ref.js');
      writeFileSync(prog, t.reference);
      process.exitCode = undefined;
      const code = await main([
        'node',
        'policyloop',
        'run',
        '--task',
        t.id,
        '--seed',
        String(3 + i),
        '--program',
        prog,
        '--out',
        join(dir, 'run'),
        '--monitor',
        'state',
        '--no-images',
      ]);
      if (code !== 0) failures.push(`${t.id}: exit ${code}`);
    }
    process.exitCode = undefined;
    expect(failures).toEqual([]);
  }, 400_000);

  it('exits 1 and records the failing predicate when the program places on the wrong object', () => {
    const dir = tempDir('wrong');
    const prog = join(dir, 'wrong.js');
    writeFileSync(prog, "pick('red_block');\nplace([0.2, -0.2]);\n");
    const r = cli([
      'run',
      '--task',
      'red_on_blue',
      '--seed',
      '1',
      '--program',
      prog,
      '--out',
      join(dir, 'run'),
      '--monitor',
      'none',
      '--no-images',
    ]);
    expect(r.status).toBe(1);
    const ep = JSON.parse(readFileSync(join(dir, 'run', 'episode.json'), 'utf8'));
    expect(ep.success).toBe(false);
    expect(ep.successDetail).toMatch(/red_block.*blue_block/);
    expect(existsSync(join(dir, 'run', 'attempt-0', 'program.js'))).toBe(true);
    const trace = JSON.parse(readFileSync(join(dir, 'run', 'attempt-0', 'trace.json'), 'utf8'));
    expect(trace.events.map((e: { call?: string }) => e.call).filter(Boolean)).toEqual(['pick', 'place']);
  });

  it.each([
    [['run', '--task', 'no_such_task', '--program', 'x.js'], /no_such_task/],
    [['run', '--task', 'red_on_blue', '--program', '/nonexistent/prog.js'], /--program: no such file/],
    [['run', '--task', 'red_on_blue', '--seed', 'abc'], /option '--seed <n>' argument 'abc' is invalid\. Expected an integer ≥ 0/],
    [
      ['run', '--task', 'red_on_blue', '--monitor', 'magic'],
      /option '--monitor <m>' argument 'magic' is invalid\. Allowed choices are state, pixels, vlm, none/,
    ],
    [['run', '--seed', '1'], /required option '--task <task>' not specified/],
    [['suite', '--workers', '0'], /option '--workers <n>' argument '0' is invalid\. Expected an integer ≥ 1/],
    [['suite', '--concurrency', '0'], /option '--concurrency <n>' argument '0' is invalid\. Expected an integer ≥ 1/],
    [['suite', '--max-rpm', 'lots'], /option '--max-rpm <n>' argument 'lots' is invalid/],
    [
      ['suite', '--tasks', 'lift_block', '--prices', '/nonexistent/prices.json'],
      /--prices: cannot read \/nonexistent\/prices\.json: ENOENT/,
    ],
    [['run', '--task', '/nonexistent/task.json'], /task\.json/],
  ])('exits 2 with a one-line message for bad input %j', (args, message) => {
    const r = cli(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
  });

  it.each([
    [['run', '--task', 'red_on_blue', '--provider', 'openai'], /no model server configured/],
    [['run', '--task', 'red_on_blue', '--provider', 'replay', '--cassette', '/nonexistent/c.jsonl'], /cassette .* does not exist/],
    [['suite', '--tasks', 'red_on_blue', '--provider', 'openai'], /no model server configured/],
  ])('exits 2 with one line when the model settings are unusable: %j', (args, message) => {
    const r = cli(args as string[], { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' });
    expect(r.status).toBe(2);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('policyloop:')),
    ).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
  });

  it('exits 2 naming the file and JSON path of an invalid task file', () => {
    const dir = tempDir('badtask');
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'bad',
        instruction: 'x',
        scene: { objects: [{ id: 'a', shape: 'box', size: [1, -2], color: 'red' }] },
        success: { onTable: 'a' },
        reference: "pick('a')",
      }),
    );
    const r = cli(['run', '--task', file, '--program', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: scene\.objects\[0\]\.size/);
  });

  it('prints the episode record with --json', () => {
    const dir = tempDir('json');
    const prog = join(dir, 'p.js');
    writeFileSync(prog, "subgoal('lift', { expect: { grasped: 'red_block' } });\npick('red_block');\n");
    const r = cli([
      'run',
      '--task',
      'lift_block',
      '--program',
      prog,
      '--out',
      join(dir, 'run'),
      '--json',
      '--monitor',
      'state',
      '--no-images',
    ]);
    const ep = JSON.parse(r.stdout);
    expect(ep.task).toBe('lift_block');
    expect(ep.attempts).toHaveLength(1);
    expect(r.status).toBe(ep.success ? 0 : 1);
  });
});

describe('policyloop tasks', () => {
  it('lists every core task and the suites as JSON', () => {
    const r = cli(['tasks', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.tasks.length).toBeGreaterThanOrEqual(16);
    expect(out.suites.find((s: { name: string }) => s.name === 'core').taskIds.length).toBeGreaterThanOrEqual(16);
  });
});
