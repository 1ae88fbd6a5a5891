// The correction grammar (policy/programmers/rules/correction-grammar.ts): each family of
// the issue and the paraphrases a person would use, read into a typed CorrectionReading;
// what it cannot read, and corrections that would change nothing, answered in one line.
// The physical outcomes are in rule-correct-plan / rule-correct-skill.

import { describe, expect, it } from 'vitest';
import { readCorrection } from '../../policy/programmers/rules/correction-grammar.ts';
import type { CorrectionReading } from '../../policy/programmers/rules/correction-grammar.ts';
import { RuleProgrammer } from '../../policy/programmers/index.ts';
import type { CorrectionInput, ProgramContext } from '../../policy/programmers/index.ts';
import { sceneContext } from '../helpers/program-context.ts';

/** A reading in one short line: `plan:object the blue one`, `skill:lift to 0.25`. */
function brief(r: CorrectionReading): string {
  if (r.plan) {
    const p = r.plan;
    switch (p.kind) {
      case 'object':
        return `plan:object ${p.phrase?.text ?? 'other'}${p.not ? ` not ${p.not.text}` : ''}`;
      case 'target':
        return `plan:target ${p.clause}${p.subject ? ` for ${p.subject.text}` : ''}`;
      case 'add':
        return `plan:add ${p.rider ? `${p.rider.text} off ${p.support?.text ?? '?'}` : p.clause}`;
      case 'first':
        return `plan:first ${p.phrase.text}`;
      case 'putBack':
        return `plan:putBack ${p.phrase?.text ?? (p.all ? 'all' : 'it')}`;
    }
  }
  return `skill:${r.skill
    .map((c) => {
      switch (c.kind) {
        case 'approach':
          return `approach ${c.approach}`;
        case 'lift':
        case 'release':
        case 'height':
          return `${c.kind} ${c.to !== null ? `to ${c.to}` : c.by !== null ? `${c.sign > 0 ? '+' : '-'}${c.by}` : c.sign > 0 ? 'up' : 'down'}`;
        case 'shift':
          return c.dir ? `shift [${c.dir.join(',')}] ${c.by}` : `shift ${c.away ? 'away from' : 'toward'} ${c.toward!.text} ${c.by}`;
        case 'gentle':
          return 'gentle';
        case 'speed':
          return `speed ${c.factor}`;
        case 'turn':
          return `turn ${Math.round((c.angle * 180) / Math.PI)}`;
        case 'push':
          return `push ${c.by > 0 ? '+' : ''}${c.by}`;
      }
      return '';
    })
    .join(' + ')}`;
}

describe('plan-level phrases', () => {
  it.each([
    ['no, the blue one', 'plan:object the blue one'],
    ['No. The blue one!', 'plan:object the blue one'],
    ['the blue one please', 'plan:object the blue one'],
    ['I meant the green block', 'plan:object the green block'],
    ['use the green block instead', 'plan:object the green block'],
    ['the other bowl', 'plan:object the other bowl'],
    ['wrong one', 'plan:object other'],
    ['nope, the other one', 'plan:object other'],
    ['the smaller one', 'plan:object the smaller one'],
    ['hmm, the bigger one', 'plan:object the larger one'],
    ['not that one, the one on the left', 'plan:object the one on the left'],
    ['not the red one, the blue one', 'plan:object the blue one not the red one'],
    ['in the tray instead', 'plan:target in the tray'],
    ['on the green block', 'plan:target on the green block'],
    ['put it in the red bowl instead', 'plan:target in the red bowl'],
    ['no, put the blue block in the tray', 'plan:target in the tray for the blue block'],
    ['into the other bowl please', 'plan:target into the other bowl'],
    ['first move the red block off', 'plan:add the red block off ?'],
    ['take the cup off the plate before you move the plate', 'plan:add the cup off the plate'],
    ['first take the red block off the blue block', 'plan:add the red block off the blue block'],
    ['do the blue one first', 'plan:first the blue one'],
    ['the green block first', 'plan:first the green block'],
    ['start with the green block', 'plan:first the green block'],
    ['put it back', 'plan:putBack it'],
    ['oops, put it back please', 'plan:putBack it'],
    ['put the red block back', 'plan:putBack the red block'],
    ['put them back where they were', 'plan:putBack all'],
    ['undo that', 'plan:putBack it'],
  ])('%s', (text, want) => {
    const r = readCorrection(text);
    expect(r.class).toBe('plan');
    expect(brief(r)).toBe(want);
  });
});

describe('skill-level phrases', () => {
  it.each([
    ['from the side', 'skill:approach side'],
    ['grab it from the side please', 'skill:approach side'],
    ['try a side grasp', 'skill:approach side'],
    ['from the top', 'skill:approach top'],
    ['try from above', 'skill:approach top'],
    ['higher', 'skill:height up'],
    ['lower', 'skill:height down'],
    ['by 5 cm', 'skill:height +0.05'],
    ['higher by 5 cm', 'skill:height +0.05'],
    ['lift it higher', 'skill:lift up'],
    ['lift it higher, at least 25 cm', 'skill:lift to 0.25'],
    ['raise it to 30 cm', 'skill:lift to 0.3'],
    ['lift it 5 cm higher', 'skill:lift +0.05'],
    ['not so high', 'skill:height down'],
    ['further left', 'skill:shift [-1,0] 0.02'],
    ['2 cm to the right', 'skill:shift [1,0] 0.02'],
    ['a bit more to the left', 'skill:shift [-1,0] 0.01'],
    ['3 cm further back', 'skill:shift [0,1] 0.03'],
    ['closer to the bowl', 'skill:shift toward the bowl 0.02'],
    ['a little closer to the red block', 'skill:shift toward the red block 0.01'],
    ['away from the bowl', 'skill:shift away from the bowl 0.02'],
    ['more gently', 'skill:gentle'],
    ['gently please', 'skill:gentle'],
    ['lower it more gently', 'skill:gentle'],
    ['release lower', 'skill:release down'],
    ['drop it from lower', 'skill:release down'],
    ['let go higher', 'skill:release up'],
    ['slower', 'skill:speed 0.5'],
    ['slow down please', 'skill:speed 0.5'],
    ['much slower', 'skill:speed 0.25'],
    ['turn it 90 degrees', 'skill:turn 90'],
    ['rotate it a quarter turn clockwise', 'skill:turn -90'],
    ['turn it 45 degrees counterclockwise', 'skill:turn 45'],
    ['push it further', 'skill:push +0.03'],
    ['push it 3 cm more', 'skill:push +0.03'],
    ['3 cm more', 'skill:push +0.03'],
    ['push it less', 'skill:push -0.03'],
    ['no, push it 2 cm less', 'skill:push -0.02'],
    ['slower and from the side', 'skill:speed 0.5 + approach side'],
  ])('%s', (text, want) => {
    const r = readCorrection(text);
    expect(r.class).toBe('skill');
    expect(brief(r)).toBe(want);
  });
});

describe('what it cannot read: one line, what it understood, the forms it reads', () => {
  it.each([
    ['make it nicer', /^could not read "make it nicer": try "no, the blue one", .*"push it 3 cm more"$/],
    ['hmm', /^could not read "hmm": try /],
    ['from the side and juggle it', /^understood "from the side" but could not read "juggle it": try /],
    ['the blue one and lift it higher', /one at a time/],
  ])('%s', (text, want) => {
    expect(() => readCorrection(text)).toThrow(want);
    try {
      readCorrection(text);
    } catch (e) {
      expect((e as Error).message.split('\n')).toHaveLength(1);
    }
  });
});

describe('correct() answers in one line when it cannot act, never a silent no-op', () => {
  const facts = {
    objects: [
      {
        id: 'red_block',
        shape: 'box' as const,
        color: 'red' as const,
        size: [0.04, 0.04, 0.04] as [number, number, number],
        position: [-0.1, 0, 0.02] as [number, number, number],
        yaw: 0,
      },
      {
        id: 'blue_block',
        shape: 'box' as const,
        color: 'blue' as const,
        size: [0.04, 0.04, 0.04] as [number, number, number],
        position: [0.1, 0, 0.02] as [number, number, number],
        yaw: 0,
      },
    ],
    zones: [],
  };
  async function answer(
    instruction: string,
    text: string,
  ): Promise<{ error: string | null; program: string; understood: string; cls: string }> {
    const ctx: ProgramContext = sceneContext(instruction, facts);
    const p = new RuleProgrammer();
    const d = await p.generate(ctx);
    const input: CorrectionInput = {
      index: 0,
      text,
      mode: 'restart',
      program: d.program,
      memo: d.memo,
      plan: d.plan,
      reached: 'not-run',
      line: null,
      trace: null,
      gripper: { position: [0, -0.15, 0.3], yaw: 0, approach: 'top', width: 0.08, holding: null },
      sessionStart: ctx.objects,
      diagnosisText: null,
      classHint: 'plan',
      earlier: [],
    };
    const c = await p.correct(ctx, input);
    return { error: c.error, program: c.program, understood: c.understood, cls: c.class };
  }

  it.each([
    ['Put the red block on the blue block.', 'make it nicer', /^could not read "make it nicer": try /],
    ['Put the red block on the blue block.', 'from the top', /already grasped from the top: the correction changes nothing/],
    ['Put the red block on the blue block.', 'push it further', /no push step/],
    ['Push the red block 10 cm to the right.', 'turn it 90 degrees', /no place step/],
    ['Put the red block on the blue block.', 'no, the purple one', /names none of the objects|no object matches/],
    ['Put the red block on the blue block.', 'put it back', /nothing to put back/],
    [
      'Pick up the red block.',
      'no, the red one',
      /'the red one' is red_block, which the program already uses: the correction changes nothing/,
    ],
    ['Put the red block on the blue block.', 'do the red one first', /already done first/],
  ])('%s + "%s"', async (instruction, text, want) => {
    const a = await answer(instruction, text);
    expect(a.program).toBe('');
    expect(a.error).toMatch(want);
    expect(a.error!.split('\n')).toHaveLength(1);
  });

  it('after the run ended, a skill change applies to the step the diagnosis points at', async () => {
    const two: ProgramContext = sceneContext('Put the red block in the tray and the blue block in the tray.', {
      objects: [...facts.objects, { id: 'tray', shape: 'tray', color: 'gray', size: [0.2, 0.16, 0.03], position: [0, 0.2, 0.015], yaw: 0 }],
      zones: [],
    });
    const p = new RuleProgrammer();
    const d = await p.generate(two);
    expect(d.error).toBeNull();
    const lines = d.program.split('\n');
    const firstPlace = lines.findIndex((l) => l.startsWith('place(')) + 1;
    const input: CorrectionInput = {
      index: 0,
      text: 'release lower',
      mode: 'restart',
      program: d.program,
      memo: d.memo,
      plan: d.plan,
      reached: 'ended',
      line: lines.length,
      trace: null,
      gripper: { position: [0, -0.15, 0.3], yaw: 0, approach: 'top', width: 0.08, holding: null },
      sessionStart: two.objects,
      diagnosisText: `Failure (missed-place) at line ${firstPlace} \`${lines[firstPlace - 1]}\`, found at checkpoint 3 "subgoal-1".`,
      classHint: 'skill',
      earlier: [],
    };
    const c = await p.correct(two, input);
    expect(c.error).toBeNull();
    expect(c.understood).toMatch(/at step 2 \(.*\), where the diagnosis points$/);
    // Without a diagnosis: the last place.
    const c2 = await p.correct(two, { ...input, diagnosisText: null });
    expect(c2.understood).toMatch(/at step 4 \(.*\), the last place$/);
    expect(c.program).not.toBe(c2.program);
  });

  it('says what it understood and which step', async () => {
    const a = await answer('Put the red block on the blue block.', 'lift it to 20 cm');
    expect(a.error).toBeNull();
    expect(a.cls).toBe('skill');
    expect(a.understood).toBe('lift 21.5 cm instead of 10 cm at step 1 (pick up the red block), the last pick');
    const b = await answer('Put the red block on the blue block.', 'no, the blue one');
    expect(b.cls).toBe('plan');
    expect(b.understood).toBe('pick blue_block instead of red_block (and red_block where blue_block was)');
  });
});
