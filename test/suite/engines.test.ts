// The cross-engine comparison of `suite --engines` (policy/suite/engines.ts) on results lines
// as the suite writes them: per-engine ASR, engine-robust success, agreement, split episodes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareEngines, engineComparisonTable, readEngineResults, writeEngineComparison } from '../../policy/suite/engines.ts';
import type { ResultLine } from '../../policy/suite/results-file.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** A results line with the fields the comparison reads. */
function line(task: string, seed: number, success: boolean, diagnosisKind: string | null = null, taskHash = 'h1'): ResultLine {
  return {
    task,
    seed,
    taskHash,
    success,
    successDetail: success ? 'on(red_block, blue_block): yes' : 'on(red_block, blue_block): no, 3.1 cm off',
    dir: `${task}-seed${seed}`,
    error: null,
    attempts: [{ index: 0, success, diagnosisKind }],
  } as unknown as ResultLine;
}

describe('compareEngines', () => {
  const rapier = [line('a', 0, true), line('a', 1, true), line('b', 0, false, 'place-offset'), line('c', 0, true)];
  const cannon = [line('a', 0, true), line('a', 1, false, 'grasp-slip'), line('b', 0, false, 'place-offset'), line('c', 0, true)];

  it('gives each engine its ASR, the episodes solved on both, and how often they agree', () => {
    const c = compareEngines(
      new Map([
        ['rapier', rapier],
        ['cannon', cannon],
      ]),
    );
    expect(c.episodes).toBe(4);
    expect(c.perEngine).toEqual([
      { engine: 'rapier', episodes: 4, succeeded: 3, asr: 0.75 },
      { engine: 'cannon', episodes: 4, succeeded: 2, asr: 0.5 },
    ]);
    expect(c.robust).toEqual({ succeeded: 2, rate: 0.5 });
    expect(c.agreement).toEqual({ episodes: 3, rate: 0.75 });
    expect(c.split).toHaveLength(1);
    expect(c.split[0]!.task).toBe('a');
    expect(c.split[0]!.seed).toBe(1);
    expect(c.split[0]!.outcomes.map((o) => [o.engine, o.success, o.diagnosis, o.dir])).toEqual([
      ['rapier', true, null, join('rapier', 'a-seed1')],
      ['cannon', false, 'grasp-slip', join('cannon', 'a-seed1')],
    ]);
    const table = engineComparisonTable(c);
    expect(table).toContain('engine-robust success 50.0% (2/4');
    expect(table).toContain('a seed 1: solved on rapier; cannon: grasp-slip');
  });

  it('compares only episodes recorded on every engine, and names the others', () => {
    const c = compareEngines(
      new Map([
        ['rapier', rapier],
        ['cannon', cannon.slice(0, 2)],
      ]),
    );
    expect(c.episodes).toBe(2);
    expect(c.incomplete).toEqual([
      { task: 'b', seed: 0, engines: ['rapier'] },
      { task: 'c', seed: 0, engines: ['rapier'] },
    ]);
    expect(engineComparisonTable(c)).toContain('not on every engine (not compared): b seed 0, c seed 0');
  });

  it('reads each engine folder, keeps the run’s tasks, seeds and task versions, and writes the JSON and the page', () => {
    const tmp = tempDir('engines');
    const write = (engine: string, lines: ResultLine[]): void => {
      mkdirSync(join(tmp, engine), { recursive: true });
      writeFileSync(join(tmp, engine, 'results.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    };
    // An older version of task a (h0) and a task not in this run (z) are left out.
    write('rapier', [line('a', 0, false, null, 'h0'), ...rapier, line('z', 0, true)]);
    write('cannon', cannon);
    const read = readEngineResults(
      tmp,
      ['rapier', 'cannon'],
      ['a', 'b', 'c'].map((id) => ({ id, hash: 'h1' })),
      [0, 1],
    );
    expect(read.get('rapier')!.map((l) => `${l.task}${l.seed}`)).toEqual(['a0', 'a1', 'b0', 'c0']);
    const c = compareEngines(read);
    expect(c.robust.succeeded).toBe(2);
    const files = writeEngineComparison(tmp, c);
    expect(JSON.parse(readFileSync(files.json, 'utf8')).robust).toEqual({ succeeded: 2, rate: 0.5 });
    const html = readFileSync(files.html, 'utf8');
    expect(html).toContain('Engine-robust success 50.0%');
    expect(html).toContain('href="rapier/report.html"');
    expect(html).toContain(`href="${join('cannon', 'a-seed1')}/"`);
  });
});
