// The SimulatedCorrector's choice rules, on hand-made runs: satisfied → nothing; the first
// unsaid hint for the run's kinds (diagnosis kind, failing checkpoints' failure kinds),
// else the next unsaid "any" hint; repeats only when the run changed, never the last
// phrase about the same run; the cap K; why it stopped is recorded.

import { describe, expect, it } from 'vitest';
import { SimulatedCorrector, runKinds } from '../../policy/corrections/simulated-corrector.ts';
import type { CorrectorDecision, RunObservation } from '../../policy/corrections/simulated-corrector.ts';
import type { CorrectionResult } from '../../policy/corrections/index.ts';
import type { CorrectionHint } from '../../tasks/index.ts';

const HINTS: CorrectionHint[] = [
  { when: 'any', say: 'no, the green one' },
  { when: 'slipped-grasp', say: 'hold it tighter' },
  { when: 'missed-place', say: 'put it inside the bowl', mode: 'restart' },
  { when: 'any', say: 'the green block, not that one' },
];

function run(over: Partial<RunObservation> = {}): RunObservation {
  return {
    program: "pick('red_block');\nplace('white_bowl');\n",
    success: { ok: false, detail: 'green_block is not inside white_bowl' },
    diagnosis: null,
    verdicts: [],
    error: null,
    ...over,
  };
}

/** The session's answer to a phrase: applied (a new program) or not. */
function answer(applied: boolean): CorrectionResult {
  const record = { class: 'plan' } as unknown as Extract<CorrectionResult, { kind: 'applied' }>['record'];
  return applied
    ? { kind: 'applied', message: 'plan-level: pick green_block instead of red_block (continue)', record, draft: {} as never }
    : { kind: 'not-applied', message: 'no program: could not read it', record };
}

/** Asks for a phrase, and says it (the session answering `applied`). */
function say(c: SimulatedCorrector, r: RunObservation, applied = false): CorrectorDecision {
  const d = c.next(r);
  if (d.say !== null) c.heard(d, answer(applied));
  return d;
}

describe('SimulatedCorrector', () => {
  it('says nothing when the task check holds, and records that it was satisfied after 0 corrections', () => {
    const c = new SimulatedCorrector(HINTS);
    const d = c.next(run({ success: { ok: true, detail: 'green_block is inside white_bowl' } }));
    expect(d).toEqual({ say: null, stop: 'satisfied', why: 'the task check holds: green_block is inside white_bowl' });
    expect(c.record()).toMatchObject({ kind: 'simulated', said: [], solvedAfter: 0, stop: 'satisfied' });
  });

  it('prefers the first unsaid hint for the run kind over "any" hints, in file order, with its mode', () => {
    const c = new SimulatedCorrector(HINTS, { maxCorrections: 5 });
    const missed = run({ diagnosis: { kind: 'missed-place' } });
    expect(say(c, missed)).toMatchObject({ say: 'put it inside the bowl', mode: 'restart', matched: 'missed-place' });
    // Said already: the first unsaid "any" hint next, in continue mode (the default).
    expect(say(c, missed)).toMatchObject({ say: 'no, the green one', mode: 'continue', matched: 'any' });
    expect(say(c, missed)).toMatchObject({ say: 'the green block, not that one', matched: 'any' });
  });

  it("matches the failing checkpoints' failure kinds as well as the diagnosis kind", () => {
    const r = run({
      diagnosis: { kind: 'slipped-grasp' },
      verdicts: [{ ok: true }, { ok: false, failure: { kind: 'dropped', objects: ['red_block'], explanation: '' } }],
    });
    expect(runKinds(r)).toEqual(['slipped-grasp', 'dropped']);
    expect(new SimulatedCorrector(HINTS).next(r)).toMatchObject({ say: 'hold it tighter', matched: 'slipped-grasp' });
    const dropped = new SimulatedCorrector([{ when: 'dropped', say: 'you dropped it' }, ...HINTS]);
    expect(dropped.next(r)).toMatchObject({ say: 'you dropped it', matched: 'dropped' });
    expect(runKinds(run({ error: { kind: 'GraspError', message: 'x' } }))).toEqual(['program-error']);
  });

  it('never says the same phrase twice in a row about the same run, but repeats it when the run changed', () => {
    const c = new SimulatedCorrector([{ when: 'any', say: 'higher' }], { maxCorrections: 5 });
    const low = run({ success: { ok: false, detail: 'bottom 12 cm above the table, needs 25 cm' } });
    expect(say(c, low, false).say).toBe('higher');
    // Not applied (the programmer could not use it): the run is the same, so nothing more to say.
    const d = c.next(low);
    expect(d).toMatchObject({ say: null, stop: 'nothing-left' });
    // A new program ran and ended another way: the same phrase again.
    const c2 = new SimulatedCorrector([{ when: 'any', say: 'higher' }], { maxCorrections: 5 });
    expect(say(c2, low, true).say).toBe('higher');
    const higher = run({
      program: "pick('red_block', { liftHeight: 0.2 });",
      success: { ok: false, detail: 'bottom 19 cm above the table, needs 25 cm' },
    });
    expect(say(c2, higher, true).say).toBe('higher');
  });

  it('when every fitting hint was said, repeats the one said longest ago, not the last', () => {
    const c = new SimulatedCorrector(
      [
        { when: 'any', say: 'a' },
        { when: 'any', say: 'b' },
      ],
      { maxCorrections: 6 },
    );
    const said: (string | null)[] = [];
    for (let i = 0; i < 4; i++) said.push(say(c, run({ program: `p${i}` }), true).say);
    expect(said).toEqual(['a', 'b', 'a', 'b']);
    // Same run as the last phrase ("b"): "a" (said longest ago) is still allowed.
    expect(say(c, run({ program: 'p3' })).say).toBe('a');
  });

  it('stops at the cap K and says why', () => {
    const c = new SimulatedCorrector(HINTS, { maxCorrections: 2 });
    say(c, run({ program: '1' }), true);
    say(c, run({ program: '2' }), true);
    const d = c.next(run({ program: '3' }));
    expect(d).toMatchObject({ say: null, stop: 'limit' });
    expect(c.record()).toMatchObject({
      said: [{ text: 'no, the green one' }, { text: 'the green block, not that one' }],
      solvedAfter: null,
      stop: 'limit',
    });
    expect(new SimulatedCorrector(HINTS, { maxCorrections: 0 }).next(run())).toMatchObject({ say: null, stop: 'limit' });
    expect(() => new SimulatedCorrector(HINTS, { maxCorrections: -1 })).toThrow(/maxCorrections: expected a whole number ≥ 0, got -1/);
  });

  it('says nothing for a task without hints, or when no hint fits and none is for any failure', () => {
    expect(new SimulatedCorrector([]).next(run())).toMatchObject({
      say: null,
      stop: 'nothing-left',
      why: 'the task has no corrections hints',
    });
    const d = new SimulatedCorrector([{ when: 'dropped', say: 'hold it tighter' }]).next(run({ diagnosis: { kind: 'missed-place' } }));
    expect(d).toMatchObject({ say: null, stop: 'nothing-left' });
    expect((d as { why: string }).why).toMatch(/no hint is for this run \(missed-place\)/);
  });

  it('records each phrase with its class, whether it was applied, and whether its run did the task', () => {
    const c = new SimulatedCorrector(HINTS);
    say(c, run({ program: 'a' }), false);
    say(c, run({ program: 'a' }), true);
    c.ranAfter(true);
    expect(c.next(run({ program: 'b', success: { ok: true, detail: 'done' } }))).toMatchObject({ stop: 'satisfied' });
    const rec = c.record();
    expect(rec.solvedAfter).toBe(2);
    expect(rec.said.map((s) => [s.text, s.class, s.applied, s.solved])).toEqual([
      ['no, the green one', 'plan', false, null],
      ['the green block, not that one', 'plan', true, true],
    ]);
  });

  it('is deterministic: the same hints and runs give the same phrases', () => {
    const seq = (): (string | null)[] => {
      const c = new SimulatedCorrector(HINTS, { maxCorrections: 4 });
      return [0, 1, 2, 3].map(
        (i) => say(c, run({ program: `p${i}`, diagnosis: { kind: i % 2 ? 'slipped-grasp' : 'missed-place' } }), true).say,
      );
    };
    expect(seq()).toEqual(seq());
    expect(seq()).toEqual(['put it inside the bowl', 'hold it tighter', 'no, the green one', 'the green block, not that one']);
  });
});
