import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRun, RunReadError, ServerMessageSchema } from '../../viewer/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { writeSyntheticRun } from './fixtures.ts';

const url = (rel: string): string => `/files/1/${rel}`;

describe('readRun', () => {
  it('turns a run record into the messages a live episode sends', () => {
    const dir = writeSyntheticRun();
    const run = readRun(dir, url);
    expect(run.info).toMatchObject({ source: 'run', task: 'red_on_blue', seed: 0, provider: 'builtin', frames: false });
    expect(run.info.scene.objects.map((o) => o.id)).toContain('red_block');
    for (const m of run.messages) expect(() => ServerMessageSchema.parse(m)).not.toThrow();
    const types = run.messages.map((m) => m.type).filter((t) => t !== 'chat');
    expect(types).toEqual([
      'attempt-start',
      'events',
      'checkpoints',
      'attempt-end',
      'attempt-start',
      'events',
      'checkpoints',
      'attempt-end',
      'episode-end',
    ]);
    const end0 = run.messages.find((m) => m.type === 'attempt-end' && m.attempt === 0);
    expect(end0).toMatchObject({
      success: false,
      error: { kind: 'GraspError', line: 2 },
      diagnosisText: 'The grasp of red_block failed at line 2.',
    });
    expect(run.messages.some((m) => m.type === 'chat' && m.item.kind === 'diagnosis')).toBe(true);
  });

  it('lists checkpoint images as URLs', () => {
    const dir = writeSyntheticRun();
    mkdirSync(join(dir, 'attempt-0', 'checkpoints'));
    writeFileSync(join(dir, 'attempt-0', 'checkpoints', '00-subgoal-0-front.png'), 'png');
    writeFileSync(join(dir, 'attempt-0', 'checkpoints', '00-subgoal-0-front-ids.png'), 'png');
    const end0 = readRun(dir, url).messages.find((m) => m.type === 'attempt-end' && m.attempt === 0);
    expect(end0 && end0.type === 'attempt-end' && end0.images).toEqual([
      { checkpoint: 0, view: 'front', url: '/files/1/attempt-0/checkpoints/00-subgoal-0-front.png' },
    ]);
  });

  it.each([
    ['a missing folder', () => join(tempDir('viewer'), 'nope'), /no such folder/],
    ['a folder that is no record', () => tempDir('viewer'), /no episode\.json or scene\.json/],
    [
      'a suite folder',
      () => {
        const d = tempDir('viewer');
        mkdirSync(join(d, 'episodes', 'lift_block-seed0'), { recursive: true });
        return d;
      },
      /suite folder; open one of its episodes, e\.g\. .*lift_block-seed0/,
    ],
    [
      'a broken episode.json',
      () => {
        const d = tempDir('viewer');
        writeFileSync(join(d, 'episode.json'), '{"task": 3}');
        return d;
      },
      /episode\.json: task/,
    ],
  ])('refuses %s with one line', (_name, make, reason) => {
    const dir = make();
    expect(() => readRun(dir, url)).toThrow(RunReadError);
    expect(() => readRun(dir, url)).toThrow(reason);
  });
});
