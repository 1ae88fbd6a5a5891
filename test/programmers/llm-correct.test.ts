// LlmProgrammer.correct through the real `openai` client against a real local
// OpenAI-compatible server (test/helpers/openai-server.ts): the correction prompt (the
// person's words verbatim, continue vs restart, the numbered program with the line
// reached, the scene now with what the gripper holds, the class hint), its budget, the
// class and understood lines read back, model failures, and one correction whose program
// runs in simulation from the world the interrupted run left.
import { afterEach, describe, expect, it } from 'vitest';
import { createChatModel, isModelError } from '../../llm/index.ts';
import { runAttempt } from '../../policy/program/index.ts';
import {
  buildCorrectionPrompt,
  LlmProgrammer,
  NO_PROGRAM_ERROR,
  PROMPT_TOKEN_BUDGET,
  parseCorrectionReply,
  promptText,
} from '../../policy/programmers/index.ts';
import type { CorrectionInput, ProgramContext } from '../../policy/programmers/index.ts';
import { createWorld, type GripperState, type SimWorld, type Trace } from '../../sim/index.ts';
import { getTask, instantiateScene } from '../../tasks/index.ts';
import { startOpenAIServer, type OpenAIServer, type ScriptStep } from '../helpers/openai-server.ts';
import { taskContext } from '../helpers/program-context.ts';

let server: OpenAIServer | undefined;
const worlds: SimWorld[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const w of worlds.splice(0)) w.free();
});

async function programmer(script: ScriptStep[], opts: { maxRetries?: number } = {}): Promise<LlmProgrammer> {
  server = await startOpenAIServer(script);
  const model = createChatModel({
    provider: 'openai',
    baseURL: server.url,
    apiKey: 'sk-test',
    model: 'test-model',
    timeoutMs: 10_000,
    maxRetries: opts.maxRetries,
    env: {},
  });
  return new LlmProgrammer(model, { provider: 'openai' });
}

const userText = (body: any): string => body.messages[body.messages.length - 1].content;

/** Stacks the wrong way round: the blue block onto the red one. */
const WRONG_WAY = [
  "subgoal('grasp the blue block', { expect: { grasped: 'blue_block' } });",
  "pick('blue_block');",
  "subgoal('put the blue block on the red block', { expect: { on: ['blue_block', 'red_block'] } });",
  "place('red_block');",
].join('\n');

const HOME_GRIPPER: GripperState = { position: [0, 0, 0.3], yaw: 0, approach: 'top', width: 0.08, holding: null };

function reply(cls: string, understood: string, program: string, plan = ['Do it']): string {
  return `Class: ${cls}\nUnderstood: ${understood}\n${plan.map((p, i) => `${i + 1}. ${p}`).join('\n')}\n\n\`\`\`javascript\n${program}\n\`\`\`\n`;
}

function input(over: Partial<CorrectionInput> & Pick<CorrectionInput, 'text'>, ctx: ProgramContext): CorrectionInput {
  return {
    index: 0,
    mode: 'continue',
    program: WRONG_WAY,
    plan: ['Grasp the blue block', 'Put it on the red block'],
    reached: 'not-run',
    line: null,
    trace: null,
    gripper: HOME_GRIPPER,
    sessionStart: ctx.objects,
    diagnosisText: null,
    classHint: 'plan',
    earlier: [],
    ...over,
  };
}

/** red_on_blue, seed 1: its world, and the context the session hands the programmer at the start. */
async function startWorld(): Promise<{ world: SimWorld; ctx: ProgramContext }> {
  const task = getTask('red_on_blue');
  const world = await createWorld(instantiateScene(task, 1));
  worlds.push(world);
  return { world, ctx: await taskContext(task, 1) };
}

/** Runs `program` on `world`, stopping it before the first API call after its first successful pick when `interruptAfterPick`. */
async function run(world: SimWorld, program: string, interruptAfterPick = false) {
  let live: Readonly<Trace> | null = null;
  const picked = (): boolean => live?.events.some((e) => e.type === 'call' && e.call === 'pick' && !e.error) ?? false;
  return runAttempt({
    world,
    program,
    timeLimitSec: 40,
    onApiCall: (call) => {
      live = call.trace;
    },
    ...(interruptAfterPick && { shouldStop: picked }),
  });
}

/** The context as it is now: the same task and scene facts, the objects where the world has them. */
function contextNow(start: ProgramContext, world: SimWorld): ProgramContext {
  const objects = world.getObjects();
  const at = new Map(objects.map((o) => [o.id, o]));
  const scene = {
    ...start.scene,
    objects: start.scene.objects.map((o) => (at.has(o.id) ? { ...o, position: at.get(o.id)!.position, yaw: at.get(o.id)!.yaw } : o)),
  };
  return { ...start, scene, objects };
}

describe('LlmProgrammer.correct', () => {
  it('continues from an interrupted run holding the wrong block: the prompt shows the world now, and the new program does what was asked in simulation', async () => {
    const { world, ctx: start } = await startWorld();
    const task = getTask('red_on_blue');
    const outcome = await run(world, WRONG_WAY, true);
    expect(outcome.error?.kind).toBe('InterruptedError');
    const line = outcome.error!.line;
    expect(line).toBe(3); // the subgoal call after the pick did not run
    const gripper = world.snapshot().gripper;
    expect(gripper.holding).toBe('blue_block');

    const ctx = contextNow(start, world);
    const blueStart = start.objects.find((o) => o.id === 'blue_block')!.position;
    const fixed = [
      "subgoal('put the blue block back where it was', { expect: { onTable: 'blue_block' } });",
      `place([${blueStart[0].toFixed(3)}, ${blueStart[1].toFixed(3)}]);`,
      "subgoal('grasp the red block', { expect: { grasped: 'red_block' } });",
      "pick('red_block');",
      "subgoal('put the red block on the blue block', { expect: { on: ['red_block', 'blue_block'] } });",
      "place('blue_block');",
    ].join('\n');
    const text = 'No, not the blue one! Put the RED block on the blue block — "red on blue".';
    const p = await programmer([
      reply('plan', 'put the blue block back, then stack red_block on blue_block', fixed, ['Put blue back', 'Grasp red', 'Red on blue']),
    ]);
    const draft = await p.correct(
      ctx,
      input({ text, reached: 'interrupted', line, trace: outcome.trace, gripper, sessionStart: start.objects, classHint: 'plan' }, ctx),
    );

    const prompt = userText(server!.chatBodies[0]);
    expect(prompt).toContain(`"""\n${text}\n"""`);
    expect(prompt).toContain('CONTINUE from the world as it is now: the world is NOT reset');
    expect(prompt).toContain('Scene now (centre positions in m, sizes in cm):');
    expect(prompt).not.toContain('Scene at the start');
    expect(prompt).toMatch(/Gripper now: at \[[-\d., ]+\], .*HOLDING blue_block/);
    expect(prompt).toMatch(/- blue_block was at \[[-\d., ]+\] \([\d.]+ cm from where it is now\)/);
    // The held block is listed where it is now: lifted off the table.
    const blueNow = ctx.objects.find((o) => o.id === 'blue_block')!;
    expect(blueNow.position[2]).toBeGreaterThan(blueStart[2] + 0.03);
    expect(prompt).toContain(`- blue_block: blue box 5×5×5 cm at [${blueNow.position.map((v) => v.toFixed(3)).join(', ')}]`);
    expect(prompt).toContain("2| pick('blue_block');\n3| subgoal('put the blue block on the red block'");
    expect(prompt).toMatch(/3\| subgoal\('put the blue block on the red block'.*\); {3}◀ interrupted here: this call did not run/);
    expect(prompt).toContain('interrupted it before the call on line 3 ran');
    expect(prompt).toMatch(/line 2 t=[\d.]+s pick\('blue_block'\).*\[holding blue_block\]/);
    expect(prompt).toContain("Subgoals reached: 0 'grasp the blue block' running when it was interrupted.");
    expect(prompt).toContain('The session reads this correction as plan-level; decide for yourself.');
    expect(prompt).toContain('A skill-level correction must not change which steps run or in what order');
    expect(prompt).toMatch(/Class: plan or skill\nUnderstood: /);

    expect(draft).toMatchObject({
      program: fixed,
      error: null,
      class: 'plan',
      understood: 'put the blue block back, then stack red_block on blue_block',
      plan: ['Put blue back', 'Grasp red', 'Red on blue'],
    });
    expect(draft.raw).toContain('Class: plan');
    expect(draft.promptTokens).toBeLessThanOrEqual(PROMPT_TOKEN_BUDGET);

    // Continue: the new program runs on the same world, not reset, with the blue block still in hand.
    expect(world.evaluate(task.success).ok).toBe(false);
    const after = await run(world, draft.program);
    expect(after.error).toBeNull();
    expect(world.evaluate(task.success).ok).toBe(true);
    expect(world.evaluate({ onTable: 'blue_block' }).ok).toBe(true);
  });

  it('says RESTART and shows the scene at the start for a restart; marks the last call of a finished run; quotes the diagnosis and earlier corrections', async () => {
    const { world, ctx } = await startWorld();
    const outcome = await run(world, WRONG_WAY);
    expect(outcome.error).toBeNull();
    const p = await programmer([reply('skill', 'x', "pick('red_block');")]);
    const diagnosisText = "Failure (expectation-unmet) at line 4 `place('red_block');`: blue_block is on red_block.";
    await p.correct(
      ctx,
      input(
        {
          text: 'lift it higher, at least 25 cm',
          mode: 'restart',
          reached: 'ended',
          line: 4,
          trace: outcome.trace,
          gripper: world.snapshot().gripper,
          diagnosisText,
          classHint: 'skill',
          earlier: [{ index: 0, text: 'no, the blue one', class: 'plan', outcome: 'ran to its end; the task check failed' }],
        },
        ctx,
      ),
    );
    const prompt = userText(server!.chatBodies[0]);
    expect(prompt).toContain('RESTART from the initial scene: the world is reset');
    expect(prompt).not.toContain('CONTINUE');
    expect(prompt).toContain('Scene at the start (centre positions in m, sizes in cm):');
    expect(prompt).toContain('Gripper at the start: empty and open, at its home pose.');
    expect(prompt).not.toContain('was at');
    expect(prompt).toMatch(/4\| place\('red_block'\); {3}◀ last call/);
    expect(prompt).toContain('It ran to its end; its last API call was on line 4 (marked ◀).');
    expect(prompt).toContain("Subgoals reached: 0 'grasp the blue block' ended; 1 'put the blue block on the red block' ended.");
    expect(prompt).toContain(`Last diagnosis of that run:\n"""\n${diagnosisText}\n"""`);
    expect(prompt).toContain('- #1 "no, the blue one" (plan) → ran to its end; the task check failed');
    expect(prompt).toContain('"""\nlift it higher, at least 25 cm\n"""');
    expect(prompt).toContain('The session reads this correction as skill-level');
  });

  it('a program corrected before it ran: no trace section, no marker', async () => {
    const { ctx } = await startWorld();
    const prompt = promptText(buildCorrectionPrompt(ctx, input({ text: 'do the red one' }, ctx)).messages);
    expect(prompt).toContain('It has not run yet');
    expect(prompt).not.toContain('◀');
    expect(prompt).not.toContain('API calls that ran');
    expect(prompt).toContain('Gripper now: at [0.000, 0.000, 0.300], yaw 0.00, approach top, open 8 cm, holding nothing.');
  });

  it('marks the line where a run ended with an error, and says the subgoal was running when it came', async () => {
    const { world, ctx } = await startWorld();
    const program =
      "subgoal('put the red block on the blue block', { expect: { on: ['red_block', 'blue_block'] } });\nplace('blue_block');";
    const outcome = await run(world, program);
    expect(outcome.error?.kind).toBe('GraspError');
    const prompt = promptText(
      buildCorrectionPrompt(
        ctx,
        input(
          { text: 'pick it up first', program, reached: 'ended', line: 2, trace: outcome.trace, gripper: world.snapshot().gripper },
          ctx,
        ),
      ).messages,
    );
    expect(prompt).toMatch(/2\| place\('blue_block'\); {3}◀ stopped here: GraspError/);
    expect(prompt).toContain('It ended with GraspError at line 2 (marked ◀).');
    expect(prompt).toContain("Subgoals reached: 0 'put the red block on the blue block' running when the error came.");
    expect(prompt).toMatch(/line 2 t=[\d.]+s place\('blue_block'\) → GraspError: Cannot place: the gripper is not holding anything/);
  });

  it('stays within the repair budget for a huge trace, diagnosis, history and commented program, never cutting the correction or a program line', async () => {
    const { world, ctx } = await startWorld();
    const comment = `// ${'this comment explains the next step at length, '.repeat(6)}`;
    const body: string[] = [];
    for (let i = 0; i < 20; i++) body.push(comment, `log('step ${i}', getPose('red_block').position);`);
    const program = [...body, WRONG_WAY].join('\n');
    const outcome = await run(world, program);
    expect(outcome.error).toBeNull();
    expect(outcome.trace.events.filter((e) => e.type === 'call').length).toBeGreaterThan(20);
    const diagnosisText = [
      "Failure (expectation-unmet) at line 44 `place('red_block');`.",
      'blue_block is on red_block; the task wants red_block on blue_block.',
      'Trace around it:',
      ...Array.from({ length: 150 }, (_, i) => `  #${i} line ${i} getPose('red_block') → {"position":[0.1,0.2,0.02]}`),
      ...Array.from({ length: 60 }, (_, i) => `Scene diff ${i}: red_block moved 0.0 cm, blue_block moved 3.${i} cm toward +x.`),
    ].join('\n');
    const earlier = Array.from({ length: 15 }, (_, i) => ({
      index: i,
      text: `correction number ${i}: ${'please do it differently this time, '.repeat(6)}`,
      class: 'skill' as const,
      outcome: `ended with the task check failing: ${'red_block is beside blue_block, '.repeat(5)}`,
    }));
    const text = `grasp the red block from the side ${'and then put it carefully on the blue block, '.repeat(5)}`.trim();
    const plan = Array.from({ length: 30 }, (_, i) => `step ${i}: ${'a long plan line, '.repeat(4)}`);
    const correction = input(
      {
        text,
        program,
        reached: 'ended',
        line: 44,
        trace: outcome.trace,
        diagnosisText,
        earlier,
        plan,
        mode: 'restart',
        classHint: 'skill',
      },
      ctx,
    );

    const full = buildCorrectionPrompt(ctx, correction, { budget: 1_000_000 });
    expect(full.truncated).toEqual([]);
    const prompt = buildCorrectionPrompt(ctx, correction);
    expect(prompt.truncated.length).toBeGreaterThanOrEqual(4);
    expect(prompt.truncated.join(', ')).toMatch(/trace.*earlier corrections.*diagnosis.*plan.*comment/);
    const shown = promptText(prompt.messages);
    expect(shown).toContain(`"""\n${text}\n"""`);
    for (let n = 1; n <= 44; n++) expect(shown).toMatch(new RegExp(`^ ?${n}\\| `, 'm'));
    expect(shown).toMatch(/44\| place\('red_block'\); {3}◀ last call/);
    expect(shown).toContain('- … 13 earlier corrections left out');
    expect(shown).toContain('Failure (expectation-unmet) at line 44');

    // A program too long for the budget on its own is still shown whole, and the shortfall said.
    const long = Array.from({ length: 300 }, (_, i) => `log('line ${i}', getPose('red_block').position, getPose('blue_block').position);`);
    const over = buildCorrectionPrompt(ctx, { ...correction, program: long.join('\n'), line: 300 });
    expect(over.truncated.at(-1)).toMatch(/^still \d+ tokens over budget: the correction, scene and program are never cut$/);
    expect(promptText(over.messages)).toContain(`300| ${long[299]}   ◀ last call`);

    const p = await programmer([reply('skill', 'grasp from the side', "pick('red_block', { approach: 'side' });")]);
    const draft = await p.correct(ctx, correction);
    expect(draft.promptTokens).toBeLessThanOrEqual(PROMPT_TOKEN_BUDGET);
    expect(draft.promptTokens).toBeGreaterThan(PROMPT_TOKEN_BUDGET * 0.6);
    expect(draft.notes?.[0]).toMatch(/^correction prompt shortened: the trace/);
    expect(draft.class).toBe('skill');
  });

  it('reads the class however the reply writes it', () => {
    const cases: [string, 'plan' | 'skill' | null][] = [
      ['Class: plan\nUnderstood: x', 'plan'],
      ['class: SKILL', 'skill'],
      ['**Class:** skill-level', 'skill'],
      ['**Class**: Plan-level correction', 'plan'],
      ['Class: `skill level` (how the grasp is done)', 'skill'],
      ['- Class — plan', 'plan'],
      ['Correction class: skill', 'skill'],
      ['This is a skill-level correction: only the grasp changes.', 'skill'],
      ['Plan level. It changes the object.', 'plan'],
      ['It is not plan-level; it is skill-level.', null],
      ['Class: both', null],
      ['No class here.', null],
      ['```js\n// Class: plan\n```', null],
    ];
    for (const [text, cls] of cases) expect(parseCorrectionReply(text).class, text).toBe(cls);
    expect(parseCorrectionReply('Class: both').unreadable).toBe('both');
    expect(parseCorrectionReply('**Understood:** pick `blue_block` instead of red_block\nClass: plan').understood).toBe(
      'pick blue_block instead of red_block',
    );
    expect(parseCorrectionReply('Class: plan').understood).toBe('');
  });

  it('parses the class from the reply through the server, and falls back to the hint with a note when there is none', async () => {
    const { ctx } = await startWorld();
    const program = "pick('red_block');\nplace('blue_block');";
    const p = await programmer([
      `**Class:** Skill-level\n**Understood:** grasp lower\n\n\`\`\`js\n${program}\n\`\`\``,
      `Here is the corrected program.\n\n\`\`\`javascript\n${program}\n\`\`\``,
      `Class: both plan and skill\n\n\`\`\`javascript\n${program}\n\`\`\``,
    ]);
    const skill = await p.correct(ctx, input({ text: 'grasp it lower', classHint: 'plan' }, ctx));
    expect(skill).toMatchObject({ class: 'skill', understood: 'grasp lower', program, error: null });
    expect(skill.notes ?? []).toEqual([]);

    const missing = await p.correct(ctx, input({ text: 'the other one', classHint: 'plan' }, ctx));
    expect(missing).toMatchObject({ class: 'plan', understood: '', program, error: null });
    expect(missing.notes).toContain("the reply stated no class; used the session's reading (plan)");

    const unreadable = await p.correct(ctx, input({ text: 'slower', classHint: 'skill' }, ctx));
    expect(unreadable.class).toBe('skill');
    expect(unreadable.notes).toContain(
      `the reply's class "both plan and skill" is neither plan nor skill; used the session's reading (skill)`,
    );
  });

  it('a reply without code is a draft with the no-program error, keeping the class and the reply', async () => {
    const { ctx } = await startWorld();
    const answer = 'Class: plan\nUnderstood: use the blue block\nI cannot write that program.';
    const p = await programmer([answer]);
    const draft = await p.correct(ctx, input({ text: 'no, the blue one' }, ctx));
    expect(draft).toMatchObject({ program: '', error: NO_PROGRAM_ERROR, class: 'plan', understood: 'use the blue block', raw: answer });
  });

  it('a transient server error is a draft with the reason and the hint as class; a rejected key stops the session', async () => {
    const { ctx } = await startWorld();
    const p = await programmer([{ status: 503 }, { status: 401 }], { maxRetries: 0 });
    const draft = await p.correct(ctx, input({ text: 'higher', classHint: 'skill' }, ctx));
    expect(draft).toMatchObject({ program: '', class: 'skill', understood: '', usage: { inputTokens: 0, outputTokens: 0 } });
    expect(draft.error).toMatch(/^the model call failed \(server\): .*503/);
    expect(draft.raw).toBeUndefined();
    const error = await p.correct(ctx, input({ text: 'higher', classHint: 'skill' }, ctx)).catch((e: unknown) => e);
    expect(isModelError(error, 'auth')).toBe(true);
  });
});
