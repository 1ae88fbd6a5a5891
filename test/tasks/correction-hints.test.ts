// A task's `corrections` hints: a phrase (said on any failure) or { when, say, mode? },
// validated with one-line errors at their own JSON path, normalised on the TaskDef, and
// never part of what a programmer is told.

import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_KINDS, FAILURE_KINDS } from '../../monitor/index.ts';
import { CORRECTION_MODES } from '../../policy/programmers/programmer.ts';
import { programContext } from '../../policy/loop/index.ts';
import { HINT_MODES, HINT_WHEN_KINDS, TaskError, getSuite, instantiateScene, parseTask } from '../../tasks/index.ts';

const FILE = 'tasks/teach/x.json';

function task(corrections: unknown): any {
  return {
    id: 'x',
    instruction: 'Put the block in the bowl.',
    scene: {
      objects: [
        { id: 'green_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'green' },
        { id: 'white_bowl', shape: 'bowl', size: [0.14, 0.14, 0.05], color: 'white' },
      ],
    },
    success: { inside: ['green_block', 'white_bowl'] },
    corrections,
    reference: "pick('green_block'); place('white_bowl');",
  };
}

function errorOf(corrections: unknown): string {
  try {
    parseTask(task(corrections), FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(TaskError);
    return (e as Error).message;
  }
  throw new Error('expected the task to be rejected');
}

describe('correction hints in a task file', () => {
  it('names exactly the failure kinds, the diagnosis kinds and "any"; the modes are the session modes', () => {
    expect([...HINT_WHEN_KINDS].sort()).toEqual([...new Set(['any', ...FAILURE_KINDS, ...DIAGNOSIS_KINDS])].sort());
    expect([...HINT_MODES]).toEqual([...CORRECTION_MODES]);
  });

  it('normalises strings to { when: "any" } and keeps { when, say, mode }', () => {
    const t = parseTask(
      task([
        'no, the green one',
        { when: 'missed-place', say: 'put it inside the bowl, not on the rim' },
        { when: 'dropped', say: 'hold it tighter', mode: 'restart' },
      ]),
      FILE,
    );
    expect(t.corrections).toEqual([
      { when: 'any', say: 'no, the green one' },
      { when: 'missed-place', say: 'put it inside the bowl, not on the rim' },
      { when: 'dropped', say: 'hold it tighter', mode: 'restart' },
    ]);
    expect(parseTask(task(undefined), FILE).corrections).toEqual([]);
  });

  it.each([
    [
      'a misspelt kind',
      [{ when: 'droped', say: 'x' }],
      'corrections[0].when: expected a failure or diagnosis kind, or "any": any, expectation-unmet,',
    ],
    ['the misspelt kind is named', [{ when: 'droped', say: 'x' }], '(got "droped"; did you mean "dropped"?)'],
    ['no phrase', ['ok', { when: 'any' }], 'corrections[1].say: missing: expected a short phrase'],
    ['an empty phrase', [{ when: 'any', say: '   ' }], 'corrections[0].say: expected a short phrase, not an empty string'],
    ['a long phrase', [`${'x'.repeat(121)}`], 'corrections[0]: expected a short phrase of at most 120 characters'],
    ['a bad mode', [{ when: 'any', say: 'x', mode: 'reset' }], 'corrections[0].mode: expected a mode: continue, restart (got "reset")'],
    [
      'an unknown key',
      [{ when: 'any', say: 'x', sya: 'y' }],
      'corrections[0]: unknown key "sya" (did you mean "say"? allowed: when, say, mode)',
    ],
    ['a number', ['fine', 3], 'corrections[1]: expected a phrase or { when, say, mode? } (got 3)'],
    ['not an array', 'push it', 'corrections: expected an array of phrases or { when, say, mode? } hints'],
  ])('refuses %s in one line', (_what, corrections, message) => {
    const m = errorOf(corrections);
    expect(m).toContain(message);
    expect(m.startsWith(`${FILE}: corrections`)).toBe(true);
    expect(m).not.toContain('\n');
  });

  it('never shows the hints to a programmer: not in the ProgramContext of any teach task', async () => {
    for (const t of getSuite('teach')) {
      const ctx = await programContext(t, 0, instantiateScene(t, 0), 'rapier', []);
      const told = JSON.stringify(ctx);
      for (const h of t.corrections) expect(told, `${t.id}: "${h.say}"`).not.toContain(h.say);
      expect(Object.keys(ctx).sort()).toEqual(['instruction', 'knowledge', 'objects', 'scene', 'seed', 'taskId']);
    }
  });
});
