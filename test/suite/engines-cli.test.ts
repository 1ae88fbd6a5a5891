// `--engine cannon` and `suite --engines rapier,cannon` from the command line: every episode on
// both engines, each engine's suite folder, and the comparison written from what they recorded.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResults } from '../../policy/suite/index.ts';
import { cli, cliAsync } from '../cli/cli-helpers.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('engines on the command line', () => {
  it('runs an episode on cannon-es and records the engine', () => {
    const out = tempDir('run-cannon');
    const r = cli(['run', '--task', 'lift_block', '--engine', 'cannon', '--no-kb', '--out', out, '--json']);
    expect(r.stderr).not.toMatch(/error/i);
    const record = JSON.parse(readFileSync(join(out, 'episode.json'), 'utf8'));
    expect(record.engine).toBe('cannon');
    expect(r.status).toBe(record.success ? 0 : 1);
  });

  it('runs every episode on both engines and compares them', async () => {
    const out = tempDir('suite-engines');
    const tasks = ['lift_block', 'red_on_blue', 'slippery_bottle'];
    const r = await cliAsync([
      'suite',
      '--tasks',
      tasks.join(','),
      '--seeds',
      '2',
      '--engines',
      'rapier,cannon',
      '--monitor',
      'state',
      '--max-repairs',
      '1',
      '--workers',
      '2',
      '--no-kb',
      '--out',
      out,
    ]);
    expect(r.status).toBe(0);
    const byEngine = new Map(['rapier', 'cannon'].map((e) => [e, readResults(join(out, e, 'results.jsonl'))]));
    for (const [engine, lines] of byEngine) {
      expect(lines).toHaveLength(6);
      expect(lines.every((l) => l.engine === engine && l.settings.engine === engine)).toBe(true);
      expect(existsSync(join(out, engine, 'report.html'))).toBe(true);
    }
    // The comparison agrees with the two results files, episode by episode.
    const outcome = (engine: string, task: string, seed: number): boolean =>
      byEngine.get(engine)!.find((l) => l.task === task && l.seed === seed)!.success;
    const episodes = tasks.flatMap((task) => [0, 1].map((seed) => ({ task, seed })));
    const both = episodes.filter((e) => outcome('rapier', e.task, e.seed) && outcome('cannon', e.task, e.seed));
    const split = episodes.filter((e) => outcome('rapier', e.task, e.seed) !== outcome('cannon', e.task, e.seed));
    const c = JSON.parse(readFileSync(join(out, 'engines.json'), 'utf8'));
    expect(c.engines).toEqual(['rapier', 'cannon']);
    expect(c.episodes).toBe(6);
    expect(c.robust.succeeded).toBe(both.length);
    expect(c.perEngine.map((f: { succeeded: number }) => f.succeeded)).toEqual(
      ['rapier', 'cannon'].map((e) => byEngine.get(e)!.filter((l) => l.success).length),
    );
    expect(c.split.map((s: { task: string; seed: number }) => `${s.task}#${s.seed}`)).toEqual(split.map((e) => `${e.task}#${e.seed}`));
    expect(r.stdout).toContain(`engine-robust success`);
    expect(readFileSync(join(out, 'engines.html'), 'utf8')).toContain('Engine-robust success');
  });

  it.each([
    ['--engine with --engines', ['--engine', 'cannon', '--engines', 'rapier,cannon'], 'choose one of --engine, --engines'],
    ['an engine named twice', ['--engines', 'rapier,rapier'], '--engines: rapier is named twice'],
    [
      'an unknown engine',
      ['--engines', 'rapier,bullet'],
      "option '--engines <a,b>' argument 'rapier,bullet' is invalid. Allowed choices are rapier, cannon.",
    ],
  ])('refuses %s in one line', (_name, args, message) => {
    const r = cli(['suite', '--tasks', 'lift_block', '--seeds', '1', '--no-kb', '--out', tempDir('suite-engines-bad'), ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });
});
