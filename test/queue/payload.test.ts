// What a queue job carries and brings back, without Redis: the shipped task and its version
// check, and the episode files (what is sent, the limits, paths that would leave the folder).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTask, loadTask } from '../../tasks/index.ts';
import {
  collectEpisodeFiles,
  episodeJobId,
  MAX_FILE_BYTES,
  shipTask,
  taskFromShipped,
  writeEpisodeFiles,
} from '../../policy/suite/queue/index.ts';
import runEpisodeJob from '../../policy/suite/episode-worker.ts';
import type { EpisodeJob, SuiteSettings } from '../../policy/suite/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const SETTINGS: SuiteSettings = {
  provider: 'builtin',
  model: 'rules',
  vlmModel: null,
  monitor: 'state',
  maxRepairs: 0,
  engine: 'rapier',
  oracle: true,
  perception: 'exact',
};

describe('the task in a queue job', () => {
  it('a shipped task parses to the same task and version, its reference file inlined', () => {
    const task = getTask('red_on_blue');
    expect(task.referenceFile).not.toBeNull();
    const shipped = shipTask(task);
    expect(shipped.json).toBe(readFileSync(task.file, 'utf8'));
    const back = taskFromShipped(shipped, '/elsewhere/red_on_blue.json');
    expect(back.hash).toBe(task.hash);
    expect(back.file).toBe('/elsewhere/red_on_blue.json');
    const { file: _a, referenceFile: _b, ...rest } = back;
    const { file: _c, referenceFile: _d, ...orig } = task;
    expect(rest).toEqual(orig);
  });

  it('a hostile job is refused in one line before it is parsed or walked: too deep, too big', () => {
    const deep = { json: `{"success":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, reference: '' };
    expect(() => taskFromShipped(deep, 'deep.json')).toThrow(/deep\.json\) is nested more than 64 levels deep$/);
    const big = { json: `{"instruction":"${'x'.repeat(2 * 1024 * 1024)}"}`, reference: '' };
    expect(() => taskFromShipped(big, 'big.json')).toThrow(/big\.json\) is larger than 1048576 bytes$/);
  });

  it('a task file edited on the way gets another version, and the worker records an error instead of running it', async () => {
    const task = getTask('lift_block');
    const shipped = shipTask(task);
    const edited = { ...shipped, json: shipped.json.replace(/"instruction":\s*"[^"]*"/, '"instruction": "Lift the block very high."') };
    expect(edited.json).not.toBe(shipped.json);
    expect(taskFromShipped(edited, task.file).hash).not.toBe(task.hash);
    const out = tempDir('queue-shipped');
    const job: EpisodeJob = {
      taskRef: '/no/such/dir/lift_block.json',
      taskId: task.id,
      taskHash: task.hash,
      seed: 0,
      settings: SETTINGS,
      outDir: out,
      dir: 'episodes/lift_block-seed0',
      images: false,
      browserWSEndpoint: null,
      task: edited,
    };
    const bad = await runEpisodeJob(job);
    expect(bad.error).toMatch(/the task file changed while the suite ran/);
    // The same job with the task as shipped runs, though its path exists nowhere here.
    const good = await runEpisodeJob({ ...job, task: shipped });
    expect(good.error).toBeNull();
    expect(good.taskFile).toBe('/no/such/dir/lift_block.json');
    expect(good.taskHash).toBe(task.hash);
  });

  it('a task file changed since the suite loaded it is refused at the coordinator', () => {
    const dir = tempDir('queue-ship-changed');
    const file = join(dir, 'mine.json');
    const text = readFileSync(getTask('lift_block').file, 'utf8').replace(
      /"reference":\s*"[^"]*"/,
      `"reference": ${JSON.stringify(getTask('lift_block').reference)}`,
    );
    writeFileSync(file, text);
    const task = loadTask(file);
    expect(() => shipTask(task)).not.toThrow();
    writeFileSync(file, text.replace(/"instruction":\s*"[^"]*"/, '"instruction": "Something else."'));
    expect(() => shipTask(task)).toThrow(/changed since the suite loaded it/);
  });

  it('job ids: one per settings, task version, task and seed', () => {
    const job = { settings: SETTINGS, taskHash: 'abc', taskId: 'lift_block', seed: 0 };
    expect(episodeJobId(job)).toMatch(/^[0-9a-f]{32}$/);
    expect(episodeJobId({ ...job })).toBe(episodeJobId(job));
    for (const other of [
      { ...job, seed: 1 },
      { ...job, taskHash: 'abd' },
      { ...job, settings: { ...SETTINGS, maxRepairs: 1 } },
    ])
      expect(episodeJobId(other)).not.toBe(episodeJobId(job));
  });
});

describe('the files that come back', () => {
  function folder(): string {
    const d = tempDir('queue-files');
    mkdirSync(join(d, 'attempt-0', 'checkpoints'), { recursive: true });
    mkdirSync(join(d, 'attempt-1', 'checkpoints'), { recursive: true });
    writeFileSync(join(d, 'episode.json'), '{}');
    writeFileSync(join(d, 'attempt-0', 'program.js'), 'pick("a");\n');
    writeFileSync(join(d, 'attempt-0', 'trace.json'), '{"events":[]}');
    writeFileSync(join(d, 'attempt-0', 'checkpoints', '00-end-front.png'), Buffer.alloc(1000, 1));
    writeFileSync(join(d, 'attempt-1', 'diagnosis.txt'), 'slipped\n');
    writeFileSync(join(d, 'attempt-1', 'checkpoints', '00-end-front.png'), Buffer.alloc(2000, 2));
    return d;
  }

  it('text records always, images only for a failed episode, never trace.json', () => {
    const d = folder();
    const ok = collectEpisodeFiles(d, false);
    expect([...ok.files.keys()].sort()).toEqual(['attempt-0/program.js', 'attempt-1/diagnosis.txt', 'episode.json']);
    const failed = collectEpisodeFiles(d, true);
    expect([...failed.files.keys()]).toEqual([
      'attempt-0/program.js',
      'attempt-1/diagnosis.txt',
      'episode.json',
      'attempt-1/checkpoints/00-end-front.png',
      'attempt-0/checkpoints/00-end-front.png',
    ]);
    expect(failed.bytes).toBe(2 + 11 + 8 + 1000 + 2000);
    const back = tempDir('queue-files-back');
    expect(writeEpisodeFiles(back, failed.files)).toBe(5);
    expect(readFileSync(join(back, 'attempt-1', 'checkpoints', '00-end-front.png'))).toEqual(Buffer.alloc(2000, 2));
  });

  it('a file over the limit stays on the worker and is named', () => {
    const d = folder();
    writeFileSync(join(d, 'attempt-0', 'reply.txt'), Buffer.alloc(MAX_FILE_BYTES + 1, 65));
    const c = collectEpisodeFiles(d, true);
    expect(c.left).toEqual(['attempt-0/reply.txt']);
    expect(c.files.has('attempt-0/reply.txt')).toBe(false);
  });

  it('refuses a path that leaves the episode folder', () => {
    const back = tempDir('queue-files-evil');
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a\\..\\x', ''])
      expect(() => writeEpisodeFiles(back, [[bad, Buffer.from('x')]])).toThrow(/outside the episode folder/);
  });
});
