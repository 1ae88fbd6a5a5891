// Distillation: the step calls a program's text shows, skill entries from what a
// correction or repair changed in them (and, for the builtin, in its memo), the
// clear-first plan rule from what a corrected program takes off first, and the LLM
// programmer's distillation through a real OpenAI-protocol server (structured output).
import { afterEach, describe, expect, it } from 'vitest';
import { OpenAIChatModel } from '../../llm/index.ts';
import { distillByRule, literalOptions, stepCalls, type DistillInput } from '../../policy/knowledge/index.ts';
import { LlmProgrammer, RuleProgrammer } from '../../policy/programmers/index.ts';
import type { ObjectInfo } from '../../sim/index.ts';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.ts';
import { taskContext } from '../helpers/program-context.ts';

const bottle: ObjectInfo = {
  id: 'white_bottle',
  shape: 'cylinder',
  color: 'white',
  size: [0.045, 0.045, 0.14],
  position: [0, 0, 0.07],
  yaw: 0,
};
const block: ObjectInfo = { id: 'red_block', shape: 'box', color: 'red', size: [0.04, 0.04, 0.04], position: [0.1, 0.1, 0.02], yaw: 0 };

function input(over: Partial<DistillInput>): DistillInput {
  return {
    taskId: 'slippery_bottle',
    seed: 3,
    instruction: 'Move the white bottle onto the green square.',
    objects: [bottle, block],
    programmer: 'builtin:rules',
    session: '/runs/s1',
    corrections: [],
    at: '2026-12-04T10:00:00.000Z',
    ...over,
  };
}

describe('stepCalls', () => {
  it('reads pick/place/push with literal options, the held object of a place, and skips comments and definitions', () => {
    const program = [
      '// pick("decoy")',
      'function pickAt(id, yaw, lift) { moveTo([0, 0, lift]); }',
      "pick('white_bottle', { approach: 'side', liftHeight: 0.25, speed: getGripper().width });",
      'place([0.15, 0.05], { releaseHeight: 0.005, offset: [0.01, -0.02] });',
      "push('red_block', [1, 0], 0.1, { height: 0.02 });",
      "pickAt('red_block', 0, 0.1);",
    ].join('\n');
    const calls = stepCalls(program);
    expect(calls.map((c) => [c.skill, c.id, c.line])).toEqual([
      ['pick', 'white_bottle', 3],
      ['place', 'white_bottle', 4],
      ['push', 'red_block', 5],
      ['pick', 'red_block', 6],
    ]);
    // An option computed by an expression is left out.
    expect(calls[0]!.options).toEqual({ approach: 'side', liftHeight: 0.25 });
    expect(calls[1]!.options).toEqual({ releaseHeight: 0.005, offset: [0.01, -0.02] });
    expect(calls[2]!.options).toEqual({ height: 0.02 });
    expect(literalOptions('{ \'approach\': "top", nested: { a: 1 } }')).toEqual({ approach: 'top' });
    expect(literalOptions('not an object')).toBeNull();
  });
});

describe('distillByRule', () => {
  it('a skill correction becomes one skill entry: the changed option, the object’s shape, size and appearance, the provenance', () => {
    const entries = distillByRule(
      input({
        corrections: [
          {
            text: 'grasp it from the side',
            class: 'skill',
            programBefore: "pick('white_bottle');\nplace([0.15, 0.05]);",
            programAfter: "pick('white_bottle', { approach: 'side' });\nplace([0.15, 0.05]);",
          },
        ],
      }),
    );
    expect(entries).toHaveLength(1);
    const e = entries[0]!;
    expect(e).toMatchObject({
      kind: 'skill',
      skill: 'pick',
      params: { approach: 'side' },
      scope: { shapes: ['cylinder'], sizeRange: { height: [0.14, 0.14], width: [0.045, 0.045] }, taskIds: ['slippery_bottle'] },
      before: ["pick('white_bottle')"],
      after: ["pick('white_bottle', { approach: 'side' })"],
      sources: [
        {
          origin: 'correction',
          correction: 'grasp it from the side',
          taskId: 'slippery_bottle',
          seed: 3,
          session: '/runs/s1',
          programmer: 'builtin:rules',
        },
      ],
    });
    expect(e.scope.verbs).toContain('pick');
    expect(e.scope.verbs).toContain('move');
    expect(e.appearance).toMatchObject({ shape: 'cylinder', source: 'facts' });
    expect(e.text).toMatch(/^When picking up a tall thin cylinder .*: grasp it from the side\.$/);
    expect(e.text).not.toContain('white_bottle');
  });

  it('learns nothing from a correction that only chose another object or place', () => {
    const entries = distillByRule(
      input({
        corrections: [
          {
            text: 'no, the other square',
            class: 'plan',
            programBefore: "pick('white_bottle');\nplace('green_square');",
            programAfter: "pick('white_bottle');\nplace('red_square');",
          },
        ],
      }),
    );
    expect(entries).toEqual([]);
  });

  it('a repair that changed how a skill is done is learned as a repair; offsets and headings are not', () => {
    const entries = distillByRule(
      input({
        repair: {
          programBefore: "pick('red_block');\nplace('white_bottle', { offset: [0, 0] });",
          programAfter:
            "pick('red_block', { liftHeight: 0.2 });\nplace('white_bottle', { offset: [0.02, 0], yaw: 1.2, releaseHeight: 0.01 });",
        },
      }),
    );
    expect(entries.map((e) => [e.skill, e.params, e.sources[0]!.origin])).toEqual([
      ['pick', { liftHeight: 0.2 }, 'repair'],
      ['place', { releaseHeight: 0.01 }, 'repair'],
    ]);
    expect(entries[1]!.scope.shapes).toEqual(['box']); // the place is of the held block
  });

  it('a push corrected to go less far is learned as "shorten" — only when both programs start from the same scene', () => {
    const ball: ObjectInfo = { id: 'red_ball', shape: 'sphere', color: 'red', size: [0.04, 0.04, 0.04], position: [0, 0, 0.02], yaw: 0 };
    const c = {
      text: 'it rolled past; push it more gently',
      class: 'skill' as const,
      programBefore: "push('red_ball', [1, 0], 0.12);",
      programAfter: "push('red_ball', [1, 0], 0.09);",
    };
    const restart = distillByRule(input({ objects: [ball], corrections: [{ ...c, mode: 'restart' }] }));
    expect(restart.map((e) => [e.skill, e.params])).toEqual([['push', { shorten: 0.03 }]]);
    expect(restart[0]!.text).toContain('push it 3 cm less far');
    // Continued from where the first push left the ball: its distance is not comparable.
    expect(distillByRule(input({ objects: [ball], corrections: [{ ...c, mode: 'continue' }] }))).toEqual([]);
  });

  it('a plan correction that takes off what stood on the moved object first becomes the clear-first rule', async () => {
    const ctx = await taskContext('cup_off_box', 0);
    const entries = distillByRule(
      input({
        taskId: 'cup_off_box',
        instruction: ctx.instruction,
        objects: ctx.objects,
        corrections: [
          {
            text: 'take the cup off first',
            class: 'plan',
            programBefore: "pick('green_box');\nplace('gray_tray');",
            programAfter: "pick('white_cup');\nplace([0.1, -0.2]);\npick('green_box');\nplace('gray_tray');",
          },
        ],
      }),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'plan', params: { rule: 'clear-first' }, scope: { shapes: [] } });
    // Already taken off in the program before (a continued program that starts later): nothing new.
    expect(
      distillByRule(
        input({
          objects: ctx.objects,
          corrections: [
            {
              text: 'go on',
              class: 'plan',
              programBefore: "pick('white_cup');\nplace([0.1, -0.2]);\npick('green_box');",
              programAfter: "pick('white_cup');\nplace([0.1, -0.2]);\npick('green_box');\nplace('gray_tray');",
            },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('the builtin also learns from its memo what a continued program does with moves (lift higher)', async () => {
    const ctx = await taskContext('lift_high', 0);
    const p = new RuleProgrammer();
    const first = await p.generate(ctx);
    const corrected = await p.correct(ctx, {
      index: 0,
      text: 'lift it higher, at least 25 cm',
      mode: 'restart',
      program: first.program,
      memo: first.memo,
      plan: first.plan,
      reached: 'ended',
      line: null,
      trace: { events: [], subgoals: [], checkpoints: [] },
      gripper: { position: [0, 0, 0.3], yaw: 0, width: 0.08, holding: null },
      diagnosisText: '',
      classHint: 'skill',
      earlier: [],
    } as never);
    const d = input({
      taskId: 'lift_high',
      instruction: ctx.instruction,
      objects: ctx.objects,
      corrections: [
        {
          text: 'lift it higher, at least 25 cm',
          class: 'skill',
          programBefore: first.program,
          programAfter: corrected.program,
          memoBefore: first.memo,
          memoAfter: corrected.memo,
        },
      ],
    });
    const learned = await p.distill(d);
    const lift = learned.find((e) => e.skill === 'pick');
    expect(lift?.params?.liftHeight).toBeGreaterThanOrEqual(0.25);
    expect(lift?.scope.shapes).toEqual(['box']);
  });
});

describe('LlmProgrammer.distill (real HTTP server, structured output)', () => {
  let server: OpenAIServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });
  const correction = {
    text: 'grab the bottle from the side, it is slippery',
    class: 'skill' as const,
    programBefore: "pick('white_bottle');\nplace([0.15, 0.05]);",
    programAfter: "pick('white_bottle', { approach: 'side' });\nplace([0.15, 0.05]);",
  };

  it('turns the model’s lessons into entries, dropping those about objects not in the scene', async () => {
    const lesson = (o: object) => ({
      kind: 'skill',
      text: 'Grasp tall thin cylinders from the side; they slip from a top grasp.',
      skill: 'pick',
      object: 'white_bottle',
      approach: 'side',
      liftHeight: null,
      releaseHeight: null,
      pushHeight: null,
      pushShorten: null,
      speed: null,
      rule: 'none',
      shapes: ['cylinder'],
      from: 0,
      ...o,
    });
    server = await startOpenAIServer([
      JSON.stringify({
        entries: [
          lesson({}),
          lesson({ object: 'purple_unicorn' }),
          {
            ...lesson({}),
            kind: 'plan',
            text: 'Check whether something stands in a container before moving it.',
            skill: 'none',
            object: '',
            approach: null,
            rule: 'clear-first',
            shapes: ['tray'],
          },
        ],
      }),
    ]);
    const p = new LlmProgrammer(new OpenAIChatModel({ baseURL: server.url, apiKey: 'test', model: 'test-model' }), { provider: 'openai' });
    const entries = (await p.distill(input({ corrections: [correction] })))!;
    expect(entries.map((e) => e.kind)).toEqual(['skill', 'plan']);
    expect(entries[0]).toMatchObject({
      skill: 'pick',
      params: { approach: 'side' },
      text: 'Grasp tall thin cylinders from the side; they slip from a top grasp.',
      scope: { shapes: ['cylinder'] },
    });
    expect(entries[0]!.sources[0]).toMatchObject({ correction: correction.text, origin: 'correction' });
    expect(entries[1]).toMatchObject({ params: { rule: 'clear-first' }, scope: { shapes: ['tray'] } });
    const body = server.chatBodies[0];
    expect(body.response_format?.type).toBe('json_schema');
    expect(JSON.stringify(body.messages)).toContain('grab the bottle from the side');
    expect(JSON.stringify(body.messages)).toContain("+ pick('white_bottle', { approach: 'side' })");
  });

  it('a reply that is not valid gives null (the rule distiller is used instead)', async () => {
    server = await startOpenAIServer([
      '{"entries": [{"kind": "maybe"}]}',
      '{"entries": [{"kind": "maybe"}]}',
      '{"entries": [{"kind": "maybe"}]}',
    ]);
    const p = new LlmProgrammer(new OpenAIChatModel({ baseURL: server.url, apiKey: 'test', model: 'test-model', maxRetries: 0 }), {
      provider: 'openai',
    });
    expect(await p.distill(input({ corrections: [correction] }))).toBeNull();
  });
});
