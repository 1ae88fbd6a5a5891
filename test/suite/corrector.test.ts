// `suite --corrector simulated`: every episode a correction session the SimulatedCorrector
// teaches with the task's hints (no repairs), its records in the episode folder, and the
// corrections figures per task in summary.json, the printed table and report.html.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTask } from '../../tasks/index.ts';
import { correctionsTable, readResults, runSuite, settingsKey, summarize } from '../../policy/suite/index.ts';
import type { ResultLine, SuiteSettings } from '../../policy/suite/index.ts';
import type { CorrectorRecord } from '../../policy/corrections/simulated-corrector.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { cliAsync } from '../cli/cli-helpers.ts';

const SETTINGS: SuiteSettings = {
  provider: 'builtin',
  model: 'rules',
  vlmModel: null,
  monitor: 'state',
  maxRepairs: 0,
  engine: 'rapier',
  oracle: true,
  perception: 'exact',
  corrector: 'simulated',
  maxCorrections: 3,
};

describe('suite --corrector simulated', () => {
  it('teaches 2 teach tasks × 2 seeds with the builtin: records, corrections.jsonl, figures', async () => {
    const out = tempDir('suite-corrector');
    const tasks = [getTask('which_block'), getTask('lift_high')];
    const r = await runSuite({ tasks, seeds: [0, 1], settings: SETTINGS, outDir: out, workers: 2, images: false });
    const lines = readResults(join(out, 'results.jsonl'));
    expect(lines).toHaveLength(4);
    for (const l of lines) {
      expect(l.error, `${l.task}#${l.seed}`).toBeNull();
      const c = l.corrector!;
      expect(c.kind).toBe('simulated');
      expect(c.said.length).toBeLessThanOrEqual(3);
      // No automatic repairs: every attempt after the first was written from a correction.
      expect(l.attempts.slice(1).every((a) => a.origin === 'correction')).toBe(true);
      expect(l.attempts[0]!.origin).toBe('generate');
      expect(l.maxRepairs).toBe(0);
      // The session's records are in the episode folder, one corrections.jsonl line per phrase said.
      const dir = join(out, l.dir);
      expect(existsSync(join(dir, 'session.json'))).toBe(true);
      const said = existsSync(join(dir, 'corrections.jsonl'))
        ? readFileSync(join(dir, 'corrections.jsonl'), 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((x) => JSON.parse(x))
        : [];
      expect(said.map((x) => x.text)).toEqual(c.said.map((x) => x.text));
      expect(said.map((x) => x.class)).toEqual(c.said.map((x) => x.class));
      // Success and solvedAfter agree: the corrector stops as soon as the task check holds.
      expect(l.success).toBe(c.solvedAfter !== null);
      if (l.success) expect(c.stop).toBe('satisfied');
    }
    // "Put the block in the bowl": the builtin picks a block by its own rule; "no, the green one" fixes it.
    const block = lines.filter((l) => l.task === 'which_block');
    for (const l of block) {
      expect(l.success, `which_block#${l.seed}: ${l.successDetail}`).toBe(true);
      if (l.corrector!.said.length > 0)
        expect(l.corrector!.said[0]).toMatchObject({ text: 'no, the green one', class: 'plan', applied: true });
    }
    // "Lift it up": 25 cm is not what the builtin lifts to; the first thing said is the hint, a skill correction.
    for (const l of lines.filter((x) => x.task === 'lift_high')) {
      expect(l.corrector!.said[0]).toMatchObject({ text: 'lift it higher, at least 25 cm', class: 'skill' });
    }
    const s = r.summary;
    const c = s.overall.corrections!;
    expect(c.maxCorrections).toBe(3);
    expect(c.successAfter).toHaveLength(4);
    for (let k = 1; k < 4; k++) expect(c.successAfter[k]).toBeGreaterThanOrEqual(c.successAfter[k - 1]!);
    expect(c.successAfter[3]).toBeCloseTo(lines.filter((l) => l.success).length / 4, 4);
    expect(c.said).toBe(lines.reduce((n, l) => n + l.corrector!.said.length, 0));
    expect(c.classes.plan + c.classes.skill).toBe(c.said);
    expect(s.tasks.which_block!.corrections!.solved).toBe(2);
    const html = readFileSync(r.reportFile, 'utf8');
    expect(html).toContain('Corrections (simulated person, at most 3 per episode)');
    // The held block is raised where it is after "lift it higher, at least 25 cm": one correction.
    expect(s.tasks.lift_high!.corrections!.solved).toBe(2);
    expect(s.tasks.lift_high!.corrections!.toSolveMax).toBe(1);
    expect(correctionsTable(s)).toMatch(/which_block +2 +2 /);
  }, 300_000);

  it('keys its settings apart from the repair loop, and keeps old keys for suites without it', () => {
    const plain: SuiteSettings = { ...SETTINGS, maxRepairs: 3 };
    delete plain.corrector;
    delete plain.maxCorrections;
    // The key of a settings set without a corrector is what it was before correctors existed
    // (the hash of the eight keys alone), so older results files still resume.
    const keys = ['provider', 'model', 'vlmModel', 'monitor', 'maxRepairs', 'engine', 'oracle', 'perception'] as const;
    const before = createHash('sha256')
      .update(JSON.stringify(keys.map((k) => [k, plain[k]])))
      .digest('hex')
      .slice(0, 12);
    expect(settingsKey(plain)).toBe(before);
    expect(settingsKey(plain)).toBe(settingsKey({ ...plain, corrector: undefined, maxCorrections: undefined }));
    expect(settingsKey(SETTINGS)).not.toBe(settingsKey({ ...SETTINGS, maxCorrections: 2 }));
    expect(settingsKey(SETTINGS)).not.toBe(settingsKey({ ...SETTINGS, corrector: undefined, maxCorrections: undefined }));
  });

  it('refuses --max-corrections without --corrector, and --max-repairs with it, in one line (exit 2)', async () => {
    const a = await cliAsync(['suite', '--tasks', 'lift_high', '--seeds', '1', '--max-corrections', '2', '--out', tempDir('x')]);
    expect(a.status).toBe(2);
    expect(a.stderr.trim()).toMatch(/--max-corrections applies to --corrector simulated only$/);
    const b = await cliAsync([
      'suite',
      '--tasks',
      'lift_high',
      '--seeds',
      '1',
      '--corrector',
      'simulated',
      '--max-repairs',
      '2',
      '--out',
      tempDir('y'),
    ]);
    expect(b.status).toBe(2);
    expect(b.stderr.trim()).toMatch(/--max-repairs does not apply with --corrector/);
    expect(b.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});

describe('the corrections figures', () => {
  /** A result row with the corrector's record (the rest of the episode record does not matter here). */
  function row(
    task: string,
    seed: number,
    solvedAfter: number | null,
    said: [string, 'plan' | 'skill' | null, boolean][],
    stop: CorrectorRecord['stop'],
  ): ResultLine {
    return {
      task,
      seed,
      success: solvedAfter !== null,
      solvedAt: solvedAfter === null ? null : 0,
      attempts: [],
      tokensIn: 0,
      tokensOut: 0,
      wallMs: 1000,
      error: null,
      corrector: {
        kind: 'simulated',
        maxCorrections: 2,
        said: said.map(([text, cls, applied]) => ({
          text,
          mode: 'continue',
          matched: 'any',
          class: cls,
          applied,
          message: '',
          solved: null,
        })),
        solvedAfter,
        stop,
        why: '',
      },
    } as unknown as ResultLine;
  }

  it('gives per task success after ≤ c corrections, corrections to success (mean, max over solved), classes and stops', () => {
    const lines = [
      row('a', 0, 0, [], 'satisfied'),
      row(
        'a',
        1,
        2,
        [
          ['no, the green one', 'plan', false],
          ['the green block', 'plan', true],
        ],
        'satisfied',
      ),
      row(
        'a',
        2,
        null,
        [
          ['x', 'skill', true],
          ['y', 'skill', true],
        ],
        'limit',
      ),
      row('b', 0, 1, [['higher', 'skill', true]], 'satisfied'),
    ];
    const s = summarize(lines, { settings: { ...SETTINGS, maxCorrections: 2 }, versions: {}, suiteWallMs: 1, workers: 1 });
    expect(s.tasks.a!.corrections).toEqual({
      maxCorrections: 2,
      successAfter: [0.3333, 0.3333, 0.6667],
      solved: 2,
      toSolveMean: 1,
      toSolveMax: 2,
      said: 4,
      applied: 3,
      notApplied: 1,
      classes: { plan: 2, skill: 2 },
      stops: { satisfied: 2, limit: 1 },
    });
    expect(s.overall.corrections).toMatchObject({ successAfter: [0.25, 0.5, 0.75], solved: 3, toSolveMean: 1, toSolveMax: 2, said: 5 });
    const table = correctionsTable(s)!;
    expect(table).toContain('≤0');
    expect(table).toMatch(/^a +3 +2 +33% +33% +67% +1\.00 +2 +4 +3 +2 +2$/m);
    // Without a corrector there are no corrections figures.
    const plain = summarize(lines, {
      settings: { ...SETTINGS, corrector: undefined, maxCorrections: undefined },
      versions: {},
      suiteWallMs: 1,
      workers: 1,
    });
    expect(plain.overall.corrections).toBeUndefined();
    expect(correctionsTable(plain)).toBeNull();
  });
});
