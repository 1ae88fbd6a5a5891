// --no-oracle: nothing a monitor or programmer sees may depend on the task's success
// predicate. Each case runs the same episode twice, once with the task's check and once
// with its negation, and requires every model request of the monitor and every input
// of the programmer to be identical; only the reported success may differ.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createChatModel } from '../../llm/index.ts';
import { closeRenderer, findBrowser } from '../../monitor/index.ts';
import { runEpisode } from '../../policy/loop/index.ts';
import { GivenProgrammer, RuleProgrammer } from '../../policy/programmers/index.ts';
import type { CorrectionDraft, Programmer, ProgramContext, ProgramDraft, RepairInput } from '../../policy/programmers/index.ts';
import { getTask, type TaskDef } from '../../tasks/index.ts';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.ts';

/** Passes every call to a real programmer and keeps what it was given. */
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
  get wantsImages(): boolean {
    return this.inner.wantsImages ?? false;
  }
  async generate(ctx: ProgramContext): Promise<ProgramDraft> {
    this.seen.push({ generate: ctx });
    return this.inner.generate(ctx);
  }
  async correct(): Promise<CorrectionDraft> {
    throw new Error('this test programmer takes no corrections');
  }
  async repair(ctx: ProgramContext, input: RepairInput): Promise<ProgramDraft> {
    const images = input.images.map((im) => ({ view: im.view, mime: im.mime, sha: createHash('sha256').update(im.bytes).digest('hex') }));
    this.seen.push({ repair: { ctx, input: { ...input, images } } });
    return this.inner.repair(ctx, input);
  }
}

const inverted = (task: TaskDef): TaskDef => ({ ...task, success: { not: task.success } });

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(async () => {
  await closeRenderer();
});

const hasBrowser = findBrowser().path !== null;
const task = getTask('red_on_blue');

describe('no-oracle episodes see nothing of the task check', () => {
  it.each(['none', 'state'] as const)(
    'the %s monitor and the rule programmer get the same inputs whether the task check holds or not',
    async (monitor) => {
      const runs = [];
      for (const t of [task, inverted(task)]) {
        const programmer = new Recording(new RuleProgrammer());
        const record = await runEpisode({ task: t, seed: 2, programmer, monitor, maxRepairs: 2, oracle: false });
        runs.push({ record, seen: programmer.seen });
      }
      expect(runs[0]!.record.success).not.toBe(runs[1]!.record.success);
      expect(runs[1]!.seen).toEqual(runs[0]!.seen);
      expect(runs[1]!.record.attempts.map((a) => [a.monitorOk, a.diagnosisKind, a.failingCheckpoint])).toEqual(
        runs[0]!.record.attempts.map((a) => [a.monitorOk, a.diagnosisKind, a.failingCheckpoint]),
      );
      expect(runs[1]!.record.stoppedBy).toBe(runs[0]!.record.stoppedBy);
    },
  );

  it.skipIf(!hasBrowser)('the vlm monitor looks at a successful attempt too, and asks the same whichever way the check goes', async () => {
    const verdict = JSON.stringify({
      ok: false,
      failureKind: 'expectation-unmet',
      objects: ['red_block'],
      explanation: 'the red block does not look stacked',
    });
    const bodies: unknown[][] = [];
    const runs = [];
    for (const t of [task, inverted(task)]) {
      server = await startOpenAIServer(() => verdict);
      const vlmChat = createChatModel({
        provider: 'openai',
        kind: 'vision',
        baseURL: server.url,
        apiKey: 'sk-test',
        model: 'vision-test',
        env: {},
      });
      const programmer = new Recording(new GivenProgrammer(task.reference));
      const record = await runEpisode({ task: t, seed: 1, programmer, monitor: 'vlm', vlmChat, maxRepairs: 1, oracle: false });
      runs.push({ record, seen: programmer.seen });
      bodies.push([...server.chatBodies]);
      await server.close();
      server = undefined;
    }
    expect(runs.map((r) => r.record.success)).toEqual([true, false]);
    // The reference program succeeds, yet the monitor was asked: it cannot know.
    expect(bodies[0]!.length).toBeGreaterThan(0);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(runs[1]!.seen).toEqual(runs[0]!.seen);
    expect(runs[0]!.record.attempts[0]!.monitorOk).toBe(false);
  });
});
