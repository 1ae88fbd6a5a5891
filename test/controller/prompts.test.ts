// The generation and repair prompts: what they say, and that they stay within budget.
import { describe, expect, it } from 'vitest';
import { countMessageTokens } from '../../llm/index.ts';
import { createWorld, PREDICATE_KINDS, PredicateSchema } from '../../sim/index.ts';
import { getSuite, getTask } from '../../tasks/index.ts';
import { createMonitor, diagnose } from '../../monitor/index.ts';
import { runAttempt } from '../../policy/program/index.ts';
import { renderApiPrompt } from '../../policy/program/index.ts';
import { API_NAMES } from '../../policy/program/index.ts';
import { buildGenerationPrompt, PROMPT_TOKEN_BUDGET, systemPrompt } from '../../policy/programmers/index.ts';
import { PREDICATE_PROMPT_FORMS, predicateKindsInForms } from '../../policy/programmers/index.ts';
import { buildRepairPrompt, numberLines, promptText, shortenDiagnosis } from '../../policy/programmers/index.ts';
import type { RepairInput } from '../../policy/programmers/index.ts';
import { makeDiagnosis } from '../helpers/diagnosis.ts';
import { taskContext } from '../helpers/program-context.ts';
import { GOOD_PROGRAM, solidPng, WRONG_PROGRAM } from './fixtures.ts';

const userText = (messages: ReturnType<typeof buildGenerationPrompt>) => promptText(messages.slice(1));

describe('generation prompt', () => {
  it('stays within the token budget for every core task (reports the max)', async () => {
    const sizes: Record<string, number> = {};
    for (const task of getSuite('core')) {
      for (const seed of [1, 2]) {
        const messages = buildGenerationPrompt(await taskContext(task, seed));
        sizes[`${task.id}#${seed}`] = Math.max(sizes[`${task.id}#${seed}`] ?? 0, countMessageTokens(messages));
      }
    }
    const max = Math.max(...Object.values(sizes));
    const worst = Object.entries(sizes).find(([, n]) => n === max)![0];
    console.log(
      `generation prompt tokens over ${Object.keys(sizes).length} core task instances: max ${max} (${worst}), min ${Math.min(...Object.values(sizes))}`,
    );
    expect(max).toBeLessThanOrEqual(PROMPT_TOKEN_BUDGET);
  });

  it('carries the API section generated from the one declaration, listing every bound function', () => {
    const system = systemPrompt();
    expect(system).toContain(renderApiPrompt());
    for (const name of API_NAMES) expect(system).toMatch(new RegExp(`^${name}\\(`, 'm'));
  });

  it('states the world conventions and the rules', () => {
    const system = systemPrompt();
    for (const fact of [
      'z is up',
      'table top is z = 0',
      "+x is to the robot's right",
      '+y is away from the robot',
      'max opening 8 cm',
      "subgoal('",
      'metres',
    ]) {
      expect(system).toContain(fact);
    }
  });

  it('lists every predicate form the task schema knows', () => {
    expect(new Set(predicateKindsInForms())).toEqual(new Set(PREDICATE_KINDS));
    expect(systemPrompt()).toContain(PREDICATE_PROMPT_FORMS);
  });

  it('gives predicate examples the schema accepts', () => {
    // Each `{kind:…}` written as a literal (not a form with placeholders like `P` or `[x,y]`) must parse.
    const literals: string[] = [];
    for (const m of PREDICATE_PROMPT_FORMS.matchAll(/(?<![:\w])\{\w+:/g)) {
      let depth = 0,
        end = m.index;
      do depth += PREDICATE_PROMPT_FORMS[end] === '{' ? 1 : PREDICATE_PROMPT_FORMS[end] === '}' ? -1 : 0;
      while (depth > 0 && ++end < PREDICATE_PROMPT_FORMS.length);
      const text = PREDICATE_PROMPT_FORMS.slice(m.index, end + 1);
      let value: unknown;
      try {
        value = new Function(`return (${text});`)();
      } catch {
        continue;
      }
      literals.push(text);
      expect(PredicateSchema.safeParse(value).success, text).toBe(true);
    }
    expect(literals.length).toBeGreaterThanOrEqual(9);
  });

  it('states the instruction, one line per object with size in cm and a named point, and the output format', async () => {
    const ctx = await taskContext('block_in_bowl', 3);
    const text = userText(buildGenerationPrompt(ctx));
    expect(text).toContain('Task: Put the yellow block in the green bowl.');
    expect(text).toMatch(/^- yellow_block: yellow box 4×4×4 cm at \[-?\d\.\d{3}, -?\d\.\d{3}, 0\.0\d\d\](, yaw -?\d\.\d\d)?; top \[/m);
    expect(text).toMatch(/^- green_bowl: green bowl Ø14×6 cm at .*; inside \[/m);
    for (const o of ctx.objects) expect(text.split('\n').filter((l) => l.startsWith(`- ${o.id}:`))).toHaveLength(1);
    expect(text).toContain('```javascript');
    expect(text).toContain('ONE javascript block');
  });

  it('lists zones with their extents', async () => {
    const ctx = await taskContext('push_to_zone', 1);
    expect(userText(buildGenerationPrompt(ctx))).toMatch(/Zones .*\n- \w+: green area x -?\d\.\d{3}…-?\d\.\d{3}, y /);
  });

  it('leaves the knowledge section out when there is none, and includes it when there is', async () => {
    const none = await taskContext('red_on_blue', 1);
    expect(userText(buildGenerationPrompt(none))).not.toContain('Relevant knowledge');
    const some = {
      ...none,
      knowledge: [
        {
          id: 7,
          kind: 'plan' as const,
          text: 'Lift the red block at least 12 cm before carrying it.',
          objects: [],
          confidence: 0.6,
          score: 0.5,
          why: 'text',
        },
      ],
    };
    expect(userText(buildGenerationPrompt(some))).toContain(
      'Relevant knowledge (lessons from earlier corrections; follow them unless this task says otherwise):\n- [k7] Lift the red block at least 12 cm',
    );
  });
});

const DIAGNOSIS = [
  'Subgoal 1 "put the red block on the blue block" failed at checkpoint 3 (place-_0_12_0_04_):',
  "red_block is 11.8 cm from blue_block's top centre (limit 2 cm).",
  'Scene change since the previous checkpoint: red_block moved 14 cm.',
].join('\n');

function repairInput(extra: Partial<RepairInput> = {}): RepairInput {
  return {
    attempt: 0,
    program: WRONG_PROGRAM,
    diagnosis: makeDiagnosis({
      kind: 'missed-place',
      subgoal: { index: 1, description: 'put the red block on the blue block', line: null },
    }),
    diagnosisText: DIAGNOSIS,
    verdicts: [
      { checkpoint: 0, label: 'pick-red_block', subgoal: 0, ok: true },
      { checkpoint: 1, label: 'subgoal-0', subgoal: 0, ok: true },
      {
        checkpoint: 3,
        label: 'subgoal-1',
        subgoal: 1,
        ok: false,
        failure: {
          kind: 'expectation-unmet' as const,
          objects: ['red_block', 'blue_block'],
          explanation: "red_block is 11.8 cm from blue_block's top centre.",
        },
      },
    ],
    images: [
      { view: 'front', mime: 'image/png' as const, bytes: solidPng([200, 40, 40]) },
      { view: 'top', mime: 'image/png' as const, bytes: solidPng([40, 40, 200]) },
    ],
    ...extra,
  };
}

describe('repair prompt', () => {
  it('quotes the diagnosis as is and shows the previous program with line numbers', async () => {
    const ctx = await taskContext();
    const { messages, truncated } = buildRepairPrompt(ctx, repairInput(), { vision: false });
    const text = promptText(messages);
    expect(text).toContain(`"""\n${DIAGNOSIS}\n"""`);
    expect(text).toContain(numberLines(WRONG_PROGRAM));
    expect(text).toContain('5| place([b[0] + 0.12, b[1]]);');
    expect(text).toContain('Write the whole corrected program');
    expect(truncated).toEqual([]);
  });

  it('lists failing verdicts in full and ok ones as a count', async () => {
    const text = promptText(buildRepairPrompt(await taskContext(), repairInput(), { vision: false }).messages);
    expect(text).toContain('Monitor verdicts: 2 checkpoints ok, 1 failing:');
    expect(text).toContain(
      "- checkpoint 3 'subgoal-1' (subgoal 1: 'put the red block on the blue block'): expectation-unmet [red_block, blue_block]: red_block is 11.8 cm",
    );
    expect(text).not.toContain('pick-red_block');
  });

  it('attaches the failing checkpoint images as image parts for a vision model only', async () => {
    const ctx = await taskContext();
    const vision = buildRepairPrompt(ctx, repairInput(), { vision: true });
    const parts = vision.messages[1]!.content;
    expect(Array.isArray(parts)).toBe(true);
    expect((parts as { type: string }[]).filter((p) => p.type === 'image')).toHaveLength(2);
    expect(vision.images).toBe(2);
    const text = buildRepairPrompt(ctx, repairInput(), { vision: false });
    expect(typeof text.messages[1]!.content).toBe('string');
  });

  it('stays within budget by leaving out trace lines of a long diagnosis, never the program', async () => {
    const ctx = await taskContext();
    const trace = Array.from({ length: 400 }, (_, i) => `  #${i} line ${i} t=${(i * 0.1).toFixed(1)}s moveTo([0.1, 0.2, 0.3])`);
    const longDiagnosis = [
      'Failure (missed-place) at checkpoint 3.',
      'What went wrong: the red block slipped.',
      'Trace around it:',
      ...trace,
      'Task check: it ended 12 cm away.',
    ].join('\n');
    const failing = Array.from({ length: 12 }, (_, i) => ({
      checkpoint: i + 2,
      label: `subgoal-${i}`,
      subgoal: i,
      ok: false,
      failure: { kind: 'disturbed' as const, objects: ['blue_block'], explanation: 'blue_block moved 3 cm.' },
    }));
    const input = repairInput({ diagnosisText: longDiagnosis, verdicts: failing, program: GOOD_PROGRAM });
    const { messages, truncated } = buildRepairPrompt(ctx, input, { vision: false });
    const text = promptText(messages);
    expect(countMessageTokens(messages)).toBeLessThanOrEqual(PROMPT_TOKEN_BUDGET);
    expect(truncated).toEqual(['failing verdicts after the first', 'diagnosis lines (the trace first)']);
    expect(text).toContain('What went wrong: the red block slipped.');
    expect(text).toContain('Task check: it ended 12 cm away.');
    expect(text).toContain('  #399 line 399');
    expect(text).not.toContain('  #0 line 0');
    expect(text).toMatch(/Trace around it:\n… \(\d+ lines omitted\) …\n {2}#/);
    expect(text).toContain('… and 11 more failing checkpoints');
    expect(text).toContain(numberLines(GOOD_PROGRAM));
  });

  it('stays within budget for real failing attempts of the core tasks with the longest programs (reports the max)', async () => {
    const monitor = await createMonitor('state');
    const sizes: Record<string, number> = {};
    for (const id of ['swap_blocks', 'left_of', 'sort_by_color', 'pyramid']) {
      const task = getTask(id);
      const ctx = await taskContext(task, 1);
      const scene = ctx.scene;
      const world = await createWorld(scene, { timeLimit: task.timeLimit });
      // The reference program, broken: everything is set down 6 cm off to the right.
      const program = `${task.reference.replace(/\bplace\(/g, 'placeOff(')}\nfunction placeOff(t, o) { const p = typeof t === 'string' ? getPose(t).position : t; place([p[0] + 0.06, p[1]], o); }`;
      const outcome = await runAttempt({ world, program });
      world.free();
      const attempt = { scene, instruction: task.instruction, program, trace: outcome.trace, error: outcome.error };
      const verdicts = await monitor.inspect(attempt);
      const diagnosis = diagnose(attempt, verdicts, {});
      const { messages, truncated } = buildRepairPrompt(
        ctx,
        { attempt: 0, program, diagnosis, diagnosisText: diagnosis.text, verdicts, images: [] },
        { vision: false },
      );
      const text = promptText(messages);
      sizes[id] = countMessageTokens(messages);
      // Every line of the program is there, numbered; over budget, comment text is elided first.
      expect(text).toContain(
        numberLines(
          program,
          truncated.some((t) => t.startsWith('comment text')),
        ),
      );
      expect(text).toContain(diagnosis.text.split('\n').slice(0, 2).join('\n'));
      // Only a program too long to leave room may end over budget, and then it says so.
      if (sizes[id]! > PROMPT_TOKEN_BUDGET) expect(truncated.at(-1)).toMatch(/over budget: the program is never cut/);
      if (countMessageTokens([{ role: 'user', content: program }]) < 600) expect(sizes[id]).toBeLessThanOrEqual(PROMPT_TOKEN_BUDGET);
    }
    console.log(`repair prompt tokens: ${JSON.stringify(sizes)}`);
  });

  it('shortenDiagnosis keeps a short text untouched', () => {
    expect(shortenDiagnosis('a\nb\nc', 100)).toBe('a\nb\nc');
  });
});
