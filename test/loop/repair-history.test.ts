// The repair history: each repair gets a line per earlier attempt of the episode (what
// its program changed, how it ended), and the LLM repair prompt shows it from the second
// repair on, so a model does not try again what already failed. A real episode: world,
// sandbox, state monitor, the LLM programmer on a scripted model.
import { describe, expect, it } from 'vitest';
import { MockChatModel } from '../../llm/index.ts';
import { runEpisode } from '../../policy/loop/index.ts';
import { programChange } from '../../policy/loop/repair-history.ts';
import { buildRepairPrompt, historySection, LlmProgrammer, promptText } from '../../policy/programmers/index.ts';
import type {
  AttemptSummary,
  CorrectionDraft,
  Programmer,
  ProgramContext,
  ProgramDraft,
  RepairInput,
} from '../../policy/programmers/index.ts';
import { getTask } from '../../tasks/index.ts';
import { GOOD_PROGRAM, reply, WRONG_PROGRAM } from '../controller/fixtures.ts';
import { taskContext } from '../helpers/program-context.ts';

/** WRONG_PROGRAM with the block put 9 cm beside its target instead of 12 cm: still a miss. */
const WRONG_AGAIN = WRONG_PROGRAM.replace('b[0] + 0.12', 'b[0] + 0.09');

/** Passes calls to a real programmer and keeps the repair inputs. */
class Keeping implements Programmer {
  readonly inputs: RepairInput[] = [];
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
  generate(ctx: ProgramContext): Promise<ProgramDraft> {
    return this.inner.generate(ctx);
  }
  async correct(): Promise<CorrectionDraft> {
    throw new Error('this test programmer takes no corrections');
  }
  repair(ctx: ProgramContext, input: RepairInput): Promise<ProgramDraft> {
    this.inputs.push(input);
    return this.inner.repair(ctx, input);
  }
}

const userText = (model: MockChatModel, i: number): string => promptText(model.calls[i]!.request.messages);

describe('repair history', () => {
  it('appears in the second repair prompt: what each attempt changed and how it ended', async () => {
    const model = new MockChatModel([reply(WRONG_PROGRAM), reply(WRONG_AGAIN), reply(GOOD_PROGRAM)]);
    const programmer = new Keeping(new LlmProgrammer(model, { provider: 'openai' }));
    const record = await runEpisode({ task: getTask('red_on_blue'), seed: 1, programmer, monitor: 'state', maxRepairs: 2, oracle: true });
    expect(record.attempts.map((a) => a.success)).toEqual([false, false, true]);
    expect(model.calls).toHaveLength(3);

    // The repair inputs: one entry per attempt so far, the one being repaired last.
    const [first, second] = programmer.inputs;
    expect(first!.history).toHaveLength(1);
    expect(second!.history).toHaveLength(2);
    const [h0, h1] = second!.history as [AttemptSummary, AttemptSummary];
    expect(h0).toMatchObject({ attempt: 0, origin: 'generate', change: 'first program (5 lines)', kind: 'missed-place', line: 5 });
    expect(h1).toMatchObject({
      attempt: 1,
      origin: 'repair',
      change: 'line 5 changed: place([b[0] + 0.09, b[1]]);',
      kind: 'missed-place',
      line: 5,
    });
    expect(h0.outcome).toMatch(
      /^missed-place at line 5, off by dx \+12\.0 cm, dy \+0\.0 cm from blue_block: red_block is not on blue_block: /,
    );
    // The first entry of the second repair is the same as the only one of the first.
    expect(h0).toEqual(first!.history![0]);

    // The first repair prompt has no history section (its only attempt is the one diagnosed).
    expect(userText(model, 1)).not.toContain('Earlier attempts');
    // The second shows attempt 1 with its outcome, and what attempt 2 changed.
    const prompt = userText(model, 2);
    expect(prompt).toContain('Earlier attempts in this episode (oldest first) — do not repeat a change that already failed:');
    expect(prompt).toContain(`- attempt 1 (written: first program (5 lines)) → failed: ${h0.outcome}`);
    expect(prompt).toContain(
      '- attempt 2, the program above (repaired: line 5 changed: place([b[0] + 0.09, b[1]]);) → failed as diagnosed above',
    );
    // It comes after the diagnosis and verdicts, before the request.
    expect(prompt.indexOf('Earlier attempts')).toBeGreaterThan(prompt.indexOf('Monitor verdicts'));
    expect(prompt.indexOf('Earlier attempts')).toBeLessThan(prompt.indexOf('Write the whole corrected program'));
  });

  it('describes a change in one line', () => {
    expect(programChange(null, 'a();\nb();\n')).toBe('first program (2 lines)');
    expect(programChange('a();\nb();', 'a();\nb();')).toBe('the same program again');
    expect(programChange('a();\nb();\nc();', 'a();\nx();\ny();\nc();')).toBe('lines 2–3 changed (1 → 2 lines): x();');
    expect(programChange('a();\nc();', 'a();\nb();\nc();')).toBe('line 2 added: b();');
    expect(programChange('a();\nb();\nc();', 'a();\nc();')).toBe('removed lines 2–2 of the previous program');
    expect(programChange('a();', '')).toBe('no program');
  });

  it('keeps to the token budget: the history shrinks to the last two attempts first', async () => {
    const ctx = await taskContext('red_on_blue');
    const history: AttemptSummary[] = Array.from({ length: 6 }, (_, i) => ({
      attempt: i,
      origin: i === 0 ? 'generate' : 'repair',
      change: i === 0 ? 'first program (5 lines)' : `line 5 changed: place([b[0] + 0.0${i}, b[1]]); ${'padding '.repeat(10)}`,
      notes: [],
      kind: 'missed-place',
      line: 5,
      outcome: `missed-place at line 5: red_block is not on blue_block: its centre is ${i + 3}.0 cm from blue_block's top centre. ${'more '.repeat(20)}`,
    }));
    expect(historySection(history.slice(0, 1))).toBe('');
    const full = historySection(history);
    expect(full.split('\n')).toHaveLength(7);
    const input: RepairInput = {
      attempt: 5,
      program: GOOD_PROGRAM,
      diagnosis: null,
      diagnosisText: 'Failure (missed-place) at line 4.\nWhat went wrong: red_block is not on blue_block.',
      verdicts: [],
      images: [],
      history,
    };
    const roomy = buildRepairPrompt(ctx, input, { vision: false });
    expect(roomy.truncated).toEqual([]);
    expect(promptText(roomy.messages)).toContain(full);
    const base = buildRepairPrompt(ctx, { ...input, history: [] }, { vision: false });
    const { countMessageTokens } = await import('../../llm/index.ts');
    const tight = buildRepairPrompt(ctx, input, { vision: false, budget: countMessageTokens(base.messages) + 120 });
    expect(tight.truncated[0]).toBe('earlier attempts after the last two');
    const text = promptText(tight.messages);
    expect(text).toContain('- … 3 earlier attempts left out');
    expect(text).toContain('- attempt 5 (');
    expect(text).not.toContain('- attempt 3 (');
  });
});
