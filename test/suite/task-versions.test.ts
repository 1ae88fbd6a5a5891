// Task versions in suites: every row and episode.json carry the task's hash, the settings
// key of a row includes it, `--resume` re-runs the episodes of a task that changed (and
// only those), and the summary and report count and name the current version only.

import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import runEpisodeJob from '../../policy/suite/episode-worker.ts';
import { currentRows, readResults, resumableEpisodes, runSuite, settingsKey } from '../../policy/suite/index.ts';
import type { ResultLine, SuiteSettings } from '../../policy/suite/index.ts';
import { getTask, readTaskFile } from '../../tasks/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const SETTINGS: SuiteSettings = {
  provider: 'builtin',
  model: 'rules',
  vlmModel: null,
  monitor: 'state',
  maxRepairs: 1,
  engine: 'rapier',
  oracle: true,
  perception: 'exact',
};
const CORE = join(import.meta.dirname, '../../tasks/core');

/** A copy of the bundled lift_block task in its own folder, to edit. */
function liftBlockCopy(): string {
  const dir = tempDir('task-versions');
  copyFileSync(join(CORE, 'lift_block.json'), join(dir, 'lift_block.json'));
  copyFileSync(join(CORE, 'lift_block.js'), join(dir, 'lift_block.js'));
  return dir;
}

describe('suite task versions', () => {
  it('records the version everywhere and re-runs only the episodes of a task that changed on --resume', async () => {
    const taskDir = liftBlockCopy();
    const out = tempDir('suite-versions');
    const other = getTask('red_on_blue');
    const v1 = readTaskFile(join(taskDir, 'lift_block.json'));
    const first = await runSuite({ tasks: [v1, other], seeds: [0], settings: SETTINGS, outDir: out, workers: 2, images: false });
    expect(first.ran).toBe(2);
    const rows = readResults(join(out, 'results.jsonl'));
    for (const r of rows) {
      const hash = r.task === 'lift_block' ? v1.hash : other.hash;
      expect(r.taskHash).toBe(hash);
      expect(r.settingsKey).toBe(settingsKey(SETTINGS, hash));
      expect(JSON.parse(readFileSync(join(out, r.dir, 'episode.json'), 'utf8')).taskHash).toBe(hash);
    }
    expect(first.summary.taskVersions).toEqual({ lift_block: v1.hash, red_on_blue: other.hash });
    expect(readFileSync(first.reportFile, 'utf8')).toContain(`<code>${v1.hash}</code>`);

    // Edit the reference program: a new version of lift_block.
    const js = join(taskDir, 'lift_block.js');
    writeFileSync(js, readFileSync(js, 'utf8').replace('liftHeight: 0.12', 'liftHeight: 0.1'));
    const v2 = readTaskFile(join(taskDir, 'lift_block.json'));
    expect(v2.hash).not.toBe(v1.hash);
    let started: unknown = null;
    const second = await runSuite({
      tasks: [v2, other],
      seeds: [0],
      settings: SETTINGS,
      outDir: out,
      workers: 2,
      images: false,
      resume: true,
      onStart: (info) => {
        started = info;
      },
    });
    expect(second.ran).toBe(1);
    expect(second.skipped).toBe(1);
    expect(second.changed).toEqual([{ task: 'lift_block', from: [v1.hash], to: v2.hash, episodes: ['lift_block#0'] }]);
    expect(started).toMatchObject({ total: 1, skipped: 1, changed: second.changed });
    // The file keeps the old rows (it is only appended to); nothing counts them.
    const all = readResults(join(out, 'results.jsonl'));
    expect(all).toHaveLength(3);
    expect(all.filter((r) => r.task === 'lift_block').map((r) => r.taskHash)).toEqual([v1.hash, v2.hash]);
    expect(second.lines).toHaveLength(2);
    expect(second.summary.overall.episodes).toBe(2);
    expect(second.summary.taskVersions).toEqual({ lift_block: v2.hash, red_on_blue: other.hash });
    const record = JSON.parse(readFileSync(join(out, 'episodes', 'lift_block-seed0', 'episode.json'), 'utf8'));
    expect(record.taskHash).toBe(v2.hash);
    const report = readFileSync(second.reportFile, 'utf8');
    expect(report).toContain(`<code>${v2.hash}</code>`);
    expect(report).not.toContain(v1.hash);

    // Nothing changed since: nothing runs.
    const third = await runSuite({
      tasks: [v2, other],
      seeds: [0],
      settings: SETTINGS,
      outDir: out,
      workers: 1,
      images: false,
      resume: true,
    });
    expect(third.ran).toBe(0);
    expect(third.skipped).toBe(2);
    expect(third.changed).toEqual([]);
  });

  it('refuses two different tasks with one id', async () => {
    const taskDir = liftBlockCopy();
    const js = join(taskDir, 'lift_block.js');
    writeFileSync(js, `${readFileSync(js, 'utf8')}\nwait(0.1);\n`);
    const edited = readTaskFile(join(taskDir, 'lift_block.json'));
    await expect(
      runSuite({
        tasks: [getTask('lift_block'), edited],
        seeds: [0],
        settings: SETTINGS,
        outDir: tempDir('suite-clash'),
        workers: 1,
        images: false,
      }),
    ).rejects.toThrow(/two different tasks have the id "lift_block"/);
  });

  it('a worker refuses a task file that changed after the suite started', async () => {
    const taskDir = liftBlockCopy();
    const file = join(taskDir, 'lift_block.json');
    const before = readTaskFile(file).hash;
    writeFileSync(file, readFileSync(file, 'utf8').replace('"timeLimit": 30', '"timeLimit": 35'));
    const line = await runEpisodeJob({
      taskRef: file,
      taskId: 'lift_block',
      taskHash: before,
      seed: 0,
      settings: SETTINGS,
      outDir: tempDir('suite-changed'),
      dir: 'episodes/lift_block-seed0',
      images: false,
      browserWSEndpoint: null,
    });
    expect(line.error).toMatch(/^the task file changed while the suite ran \(version [0-9a-f]{12} at the start, [0-9a-f]{12} now\)/);
    expect(line.taskHash).toBe(before);
    expect(line.attempts).toEqual([]);
  });
});

describe('resumableEpisodes and currentRows', () => {
  const row = (task: string, seed: number, taskHash: string | undefined, settings = SETTINGS): ResultLine =>
    ({
      task,
      seed,
      ...(taskHash === undefined ? {} : { taskHash }),
      settings,
      settingsKey: settingsKey(settings, taskHash),
      attempts: [],
    }) as unknown as ResultLine;
  const write = (rows: ResultLine[]): string => {
    const file = join(tempDir('resume-rows'), 'results.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return file;
  };

  it('counts a row done only at the current version; rows written before versions run again', () => {
    const file = write([row('a', 0, 'aaaaaaaaaaaa'), row('a', 1, 'old111111111'), row('b', 0, undefined), row('c', 0, 'cccccccccccc')]);
    const hashes = new Map([
      ['a', 'aaaaaaaaaaaa'],
      ['b', 'bbbbbbbbbbbb'],
    ]);
    const { done, changed } = resumableEpisodes(file, SETTINGS, hashes);
    // c is not part of this run: its row stays done whatever its version.
    expect([...done].sort()).toEqual(['a#0', 'c#0']);
    expect(changed).toEqual([
      { task: 'a', from: ['old111111111'], to: 'aaaaaaaaaaaa', episodes: ['a#1'] },
      { task: 'b', from: ['unknown'], to: 'bbbbbbbbbbbb', episodes: ['b#0'] },
    ]);
  });

  it('still refuses rows of other settings, naming the difference', () => {
    const file = write([row('a', 0, 'aaaaaaaaaaaa', { ...SETTINGS, monitor: 'pixels' })]);
    expect(() => resumableEpisodes(file, SETTINGS, new Map([['a', 'aaaaaaaaaaaa']]))).toThrow(
      /holds episodes run with different settings \(monitor: pixels vs state\)/,
    );
  });

  it('keeps the current version of each episode, the last row when one ran twice', () => {
    const rows = [row('a', 0, 'old111111111'), row('a', 0, 'aaaaaaaaaaaa'), row('c', 0, 'cccccccccccc')];
    const again = row('a', 0, 'aaaaaaaaaaaa');
    const kept = currentRows([...rows, again], new Map([['a', 'aaaaaaaaaaaa']]));
    expect(kept).toEqual([rows[2], again]);
  });
});
