// Hidden task properties never reach a programmer: a task with hidden friction, mass,
// true size, centre-of-mass offset, fixed and a tray's true inner size (unusual numbers
// a scan can find) runs whole episodes — generation and repair — with the LLM programmer
// (every prompt it sends) and the rule programmer (every context and repair input it is
// given), in exact and noisy perception; no hidden value and no hidden field may appear.
// A control scan of the true scene proves the scanner finds them when they are there.
import { describe, expect, it } from 'vitest';
import { MockChatModel } from '../../llm/index.ts';
import { runEpisode } from '../../policy/loop/index.ts';
import { LlmProgrammer, RuleProgrammer } from '../../policy/programmers/index.ts';
import type { CorrectionDraft, Programmer, ProgramContext, ProgramDraft, RepairInput } from '../../policy/programmers/index.ts';
import type { PerceptionMode } from '../../policy/program/perception-settings.ts';
import { instantiateScene, parseTask } from '../../tasks/index.ts';

const TASK = parseTask(
  {
    id: 'hidden_probe',
    instruction: 'Put the red block in the brown tray.',
    scene: {
      objects: [
        {
          id: 'red_block',
          shape: 'box',
          size: [0.04, 0.04, 0.04],
          color: 'red',
          position: [0.12, 0.08],
          jitter: 0,
          hidden: { friction: 0.123, size: [0.0587, 0.0313, 0.04], comOffset: [0.0137, -0.0091, 0.0043] },
        },
        {
          id: 'gray_block',
          shape: 'box',
          size: [0.045, 0.045, 0.045],
          color: 'gray',
          position: [-0.02, 0.15],
          jitter: 0,
          hidden: { mass: 4.56, fixed: true },
        },
        {
          id: 'brown_tray',
          shape: 'tray',
          size: [0.2, 0.15, 0.03],
          color: 'brown',
          position: [-0.18, -0.12],
          jitter: 0,
          hidden: { innerSize: [0.0777, 0.0555] },
        },
      ],
    },
    success: { inside: ['red_block', 'brown_tray'] },
    timeLimit: 40,
    reference: "pick('red_block');\nplace('brown_tray');",
  },
  'inline/hidden_probe.json',
);

/** Every form a hidden value could take in text: raw, 3-decimal metres, centimetres, field names. */
const HIDDEN: [string, RegExp][] = [
  ['friction 0.123', /(?<![\d.])0\.123(?!\d)/],
  ['mass 4.56', /(?<![\d.])4\.56(?!\d)/],
  ['true size x 0.0587', /(?<![\d.])(0\.0587|5\.87)(?!\d)|(?<![\d.])5\.9×|×5\.9(?!\d)/],
  ['true size y 0.0313', /(?<![\d.])(0\.0313|3\.13)(?!\d)|(?<![\d.])3\.1×|×3\.1(?!\d)/],
  ['comOffset', /(?<![\d.])(0\.0137|0\.0091|0\.0043|1\.37)(?!\d)/],
  ['innerSize', /(?<![\d.])(0\.0777|7\.77|0\.0555|5\.55)(?!\d)/],
  ['hidden field names', /comOffset|innerSize|"fixed"|"hidden"|"stated"/],
];

function leaks(text: string): string[] {
  return HIDDEN.filter(([, re]) => re.test(text)).map(
    ([name, re]) => `${name}: …${text.slice(Math.max(0, text.search(re) - 60), text.search(re) + 40)}…`,
  );
}

/** A program that runs and fails (the block lands beside the tray), so a repair prompt follows. */
const FAILING = [
  "subgoal('pick up the red block', { expect: { grasped: 'red_block' } });",
  "pick('red_block');",
  "subgoal('put it in the tray', { expect: { inside: ['red_block', 'brown_tray'] } });",
  'place([0.2, -0.2]);',
  "push('gray_block', [1, 0], 0.03);",
].join('\n');

class Recording implements Programmer {
  readonly seen: unknown[] = [];
  private readonly inner: Programmer;
  constructor(inner: Programmer) {
    this.inner = inner;
  }
  get name(): string {
    return this.inner.name;
  }
  get model(): string {
    return this.inner.model;
  }
  async generate(ctx: ProgramContext): Promise<ProgramDraft> {
    this.seen.push({ generate: ctx });
    return this.inner.generate(ctx);
  }
  async correct(): Promise<CorrectionDraft> {
    throw new Error('this test programmer takes no corrections');
  }
  async repair(ctx: ProgramContext, input: RepairInput): Promise<ProgramDraft> {
    this.seen.push({ repair: { ctx, input } });
    return this.inner.repair(ctx, input);
  }
}

describe('hidden task properties never reach a programmer', () => {
  it('the scanner finds them in the true scene (control)', () => {
    const truth = JSON.stringify(instantiateScene(TASK, 0));
    const found = HIDDEN.filter(([, re]) => re.test(truth)).map(([name]) => name);
    expect(found).toEqual(expect.arrayContaining(['friction 0.123', 'mass 4.56', 'true size x 0.0587', 'comOffset', 'innerSize']));
  });

  it.each(['exact', 'noisy'] as PerceptionMode[])('%s perception: no prompt of the LLM programmer holds a hidden value', async (mode) => {
    const reply = `Plan:\n1. pick the red block\n2. put it down\n\n\`\`\`js\n${FAILING}\n\`\`\``;
    const chat = new MockChatModel(() => reply);
    const programmer = new Recording(new LlmProgrammer(chat, { provider: 'mock' }));
    const record = await runEpisode({
      task: TASK,
      seed: 0,
      programmer,
      monitor: 'state',
      maxRepairs: 2,
      oracle: true,
      perception: { mode },
    });
    const repairs = chat.calls.filter((c) => c.index > 0);
    expect(chat.calls.length).toBeGreaterThanOrEqual(2);
    expect(repairs.length).toBeGreaterThanOrEqual(1);
    expect(record.attempts[0]!.success).toBe(false);
    for (const call of chat.calls) {
      const text = call.request.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
      expect(leaks(text), `prompt ${call.index}`).toEqual([]);
    }
    // The repair prompt quotes a diagnosis (it is a real one, measured in the world).
    const repairText = JSON.stringify(repairs[0]!.request.messages);
    expect(repairText).toMatch(/red_block/);
    for (const s of programmer.seen) expect(leaks(JSON.stringify(s))).toEqual([]);
  });

  it.each(['exact', 'noisy'] as PerceptionMode[])(
    '%s perception: no context or repair input of the rule programmer holds a hidden value',
    async (mode) => {
      const programmer = new Recording(new RuleProgrammer());
      await runEpisode({ task: TASK, seed: 0, programmer, monitor: 'state', maxRepairs: 3, oracle: true, perception: { mode } });
      expect(programmer.seen.length).toBeGreaterThanOrEqual(1);
      for (const s of programmer.seen) expect(leaks(JSON.stringify(s))).toEqual([]);
      const ctx = (programmer.seen[0] as { generate: ProgramContext }).generate;
      expect(ctx.objects.find((o) => o.id === 'red_block')!.size.map((v) => Math.round(v * 100))).toEqual(
        [4, 4, 4].map((v) => (mode === 'exact' ? v : expect.any(Number))) as number[],
      );
    },
  );
});
