import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRun, RunReadError, ServerMessageSchema } from '../../viewer/index.ts';
import { correctionAttempts, readCorrections } from '../../viewer/run-reader.ts';
import type { CorrectionRecord } from '../../policy/corrections/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { writeCorrectionSession, writeSyntheticRun } from './fixtures.ts';

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
      'knowledge',
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

describe('readRun of a correction session', () => {
  it('shows each correction where it was given, with its class, programs and outcome, and the attempts it wrote', {
    timeout: 120_000,
  }, async () => {
    const dir = await writeCorrectionSession();
    const run = readRun(dir, url);
    for (const m of run.messages) expect(() => ServerMessageSchema.parse(m)).not.toThrow();
    const shown = run.messages
      .filter((m) => m.type === 'attempt-start' || m.type === 'attempt-end' || m.type === 'correction' || m.type === 'episode-end')
      .map((m) =>
        m.type === 'correction' ? `correction ${m.correction.id}` : m.type === 'episode-end' ? m.type : `${m.type} ${m.attempt}`,
      );
    expect(shown).toEqual([
      'attempt-start 0',
      'attempt-end 0',
      'correction 0',
      'attempt-start 1',
      'attempt-end 1',
      'correction 1',
      'episode-end',
    ]);

    const corrections = run.messages.flatMap((m) => (m.type === 'correction' ? [m.correction] : []));
    expect(corrections[0]).toMatchObject({
      index: 0,
      text: 'lift it higher',
      state: 'applied',
      class: 'skill',
      mode: 'continue',
      attempt: 0,
      ranIn: 1,
      outcome: expect.stringMatching(/^done: red_block is on blue_block/),
    });
    expect(corrections[0]!.line).toBeGreaterThan(0);
    expect(corrections[0]!.understood).toMatch(/lift/);
    expect(corrections[0]!.programAfter).not.toEqual(corrections[0]!.programBefore);
    expect(corrections[1]).toMatchObject({ index: 1, state: 'not-applied', attempt: 1, ranIn: null, programAfter: null });
    expect(corrections[1]!.message).toMatch(/^no program: could not read "sing me a song about zebras"/);

    // The world of a continued attempt starts where the interrupted one left it: the red block held.
    const start1 = run.messages.find((m) => m.type === 'attempt-start' && m.attempt === 1);
    expect(start1).toMatchObject({ origin: 'correction', correction: 0, continued: true });
    if (start1?.type === 'attempt-start') expect(start1.initial.gripper.holding).toBe('red_block');
    const end0 = run.messages.find((m) => m.type === 'attempt-end' && m.attempt === 0);
    expect(end0).toMatchObject({ error: { kind: 'InterruptedError' } });
    expect(run.messages.some((m) => m.type === 'chat' && /Attempt 0 interrupted for a correction before line \d+/.test(m.item.text))).toBe(
      true,
    );
  });

  it('refuses an unreadable corrections.jsonl line naming the file and line', () => {
    const dir = writeSyntheticRun();
    const good: Partial<CorrectionRecord> = {
      index: 0,
      t: 1,
      line: 2,
      reached: 'ended',
      text: 'no, the blue one',
      class: 'plan',
      classHint: 'plan',
      mode: 'continue',
      understood: 'x',
      programBefore: 'a',
      programAfter: 'b',
      applied: true,
      outcome: 'pending',
      attempt: 1,
    };
    writeFileSync(join(dir, 'corrections.jsonl'), `${JSON.stringify(good)}\n${JSON.stringify({ ...good, index: 1, class: 'vibes' })}\n`);
    expect(() => readRun(dir, url)).toThrow(RunReadError);
    expect(() => readRun(dir, url)).toThrow(/corrections\.jsonl:2: class: /);
    writeFileSync(join(dir, 'corrections.jsonl'), `${JSON.stringify(good)}\n{"index":`);
    expect(() => readCorrections(dir)).toThrow(/corrections\.jsonl:2: not JSON/);
    expect(readFileSync(join(dir, 'corrections.jsonl'), 'utf8')).toContain('no, the blue one');
  });
});

describe('correctionAttempts', () => {
  const rec = (attempt: number | null): CorrectionRecord => ({ attempt }) as CorrectionRecord;
  it('places each correction in the attempt before the one that ran its program, or the next one that ran', () => {
    // 0 ran in attempt 1; 1 was overtaken by 2 before it ran; 2 ran in attempt 3; 3 was not applied.
    expect(correctionAttempts([rec(1), rec(null), rec(3), rec(null)], 3)).toEqual([0, 2, 2, 3]);
  });
  it('has none before the first attempt, and the last attempt for trailing ones', () => {
    expect(correctionAttempts([rec(0), rec(null)], 0)).toEqual([null, 0]);
    expect(correctionAttempts([rec(null)], null)).toEqual([null]);
  });
});
