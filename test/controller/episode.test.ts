// Whole episodes with the LLM programmer: the real world, sandbox and state monitor, the
// real `openai` client and a real local server; then the same episode replayed from the
// cassette recorded on the way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createChatModel, isModelError } from '../../llm/index.ts';
import { getTask } from '../../tasks/index.ts';
import { closeRenderer, findBrowser } from '../../monitor/index.ts';
import { runEpisode, type EpisodeEvent } from '../../policy/loop/index.ts';
import { LlmProgrammer } from '../../policy/programmers/index.ts';
import type { ProgramDraft } from '../../policy/programmers/index.ts';
import { startOpenAIServer, type OpenAIServer, type ScriptStep } from '../helpers/openai-server.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { GOOD_PROGRAM, reply, WRONG_PROGRAM } from './fixtures.ts';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const dir = tempDir('controller');
afterAll(async () => {
  await closeRenderer();
});

interface Run {
  record: Awaited<ReturnType<typeof runEpisode>>;
  drafts: ProgramDraft[];
  diagnoses: (string | null)[];
}

async function episode(programmer: LlmProgrammer, maxRepairs = 2, outDir?: string): Promise<Run> {
  const drafts: ProgramDraft[] = [];
  const diagnoses: (string | null)[] = [];
  const record = await runEpisode({
    task: getTask('red_on_blue'),
    seed: 1,
    programmer,
    monitor: 'state',
    maxRepairs,
    oracle: true,
    ...(outDir ? { outDir, recordImages: 'all' as const } : {}),
    onEvent: (e: EpisodeEvent) => {
      if (e.type === 'draft') drafts.push(e.draft);
      else diagnoses.push(e.diagnosisText);
    },
  });
  return { record, drafts, diagnoses };
}

async function openaiProgrammer(
  script: ScriptStep[],
  extra: { record?: string; timeoutMs?: number; maxRetries?: number; vision?: boolean } = {},
) {
  server = await startOpenAIServer(script);
  const { vision, ...settings } = extra;
  const model = createChatModel({
    provider: 'openai',
    baseURL: server.url,
    apiKey: 'sk-test',
    model: 'test-model',
    env: {},
    ...settings,
  });
  return new LlmProgrammer(model, { provider: 'openai', vision });
}

const TWO_BLOCKS = `First I grasp:\n\`\`\`js\npick('red_block');\n\`\`\`\nThe complete program:\n\`\`\`javascript\n${GOOD_PROGRAM}\n\`\`\`\n`;
const hasBrowser = findBrowser().path !== null;

const lastUser = (body: any): string => body.messages[body.messages.length - 1].content;

describe('episodes with the LLM programmer', () => {
  it('solves the task at once with a correct program', async () => {
    const { record } = await episode(await openaiProgrammer([reply(GOOD_PROGRAM)]));
    expect(record).toMatchObject({ success: true, solvedAt: 0, stoppedBy: 'success', provider: 'openai', model: 'test-model' });
    expect(record.attempts).toHaveLength(1);
    expect(record.attempts[0]!.tokensIn).toBeGreaterThan(0);
    expect(record.attempts[0]!.promptTokens).toBeLessThanOrEqual(2500);
  });

  it('repairs a wrong program from the diagnosis', async () => {
    const run = await episode(await openaiProgrammer([reply(WRONG_PROGRAM), reply(GOOD_PROGRAM)]));
    expect(run.record).toMatchObject({ success: true, solvedAt: 1, stoppedBy: 'success' });
    expect(run.record.attempts.map((a) => [a.origin, a.success])).toEqual([
      ['generate', false],
      ['repair', true],
    ]);
    const repairPrompt = lastUser(server!.chatBodies[1]);
    expect(run.diagnoses[0]).toBeTruthy();
    expect(repairPrompt).toContain(run.diagnoses[0]!.trim());
    expect(repairPrompt).toContain('5| place([b[0] + 0.12, b[1]]);');
    expect(run.record.attempts[1]!.promptTokens).toBeLessThanOrEqual(2500);
  });

  it.each([
    ['a reply without code', ['I cannot write that.', reply(GOOD_PROGRAM)], /NoProgramError/],
    ['a program with a syntax error', [reply("pick('red_block';"), reply(GOOD_PROGRAM)], /SyntaxError/],
    ['an HTTP 500 before the answer', [{ status: 500 }, reply(GOOD_PROGRAM)], null],
    ['a reply with prose and two code blocks', [TWO_BLOCKS], null],
  ] as [string, ScriptStep[], RegExp | null][])('ends %s as a well-formed attempt record', async (_name, script, firstError) => {
    const { record } = await episode(await openaiProgrammer(script));
    expect(record.success).toBe(true);
    if (firstError) {
      expect(record.attempts).toHaveLength(2);
      expect(record.attempts[0]!.error?.kind).toMatch(firstError);
      expect(record.attempts[0]!.success).toBe(false);
    } else {
      expect(record.attempts).toHaveLength(1);
    }
  });

  it.skipIf(!hasBrowser)('sends the failing checkpoint images to a vision model with the repair request', async () => {
    const out = join(dir, 'vision');
    const run = await episode(await openaiProgrammer([reply(WRONG_PROGRAM), reply(GOOD_PROGRAM)], { vision: true }), 2, out);
    expect(run.record).toMatchObject({ success: true, solvedAt: 1 });
    expect(run.record.attempts[0]!.images).toBeGreaterThan(0);
    const content = server!.chatBodies[1].messages[1].content;
    const urls = content.filter((p: any) => p.type === 'image_url').map((p: any) => p.image_url.url as string);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^data:image\/jpeg;base64,\/9j\//);
    expect(content[0].text).toContain('Images of the failing checkpoint');
  });

  it('ends a model timeout as a failed attempt with the reason, and carries on', async () => {
    const programmer = await openaiProgrammer([{ delayMs: 2000 }, reply(GOOD_PROGRAM)], { timeoutMs: 250, maxRetries: 0 }); // the client retries timeouts
    const { record } = await episode(programmer);
    expect(record.attempts[0]!.error).toMatchObject({
      kind: 'NoProgramError',
      message: expect.stringMatching(/model call failed \(timeout\)/),
    });
    expect(record).toMatchObject({ success: true, solvedAt: 1 });
  });

  it('stops with the auth error on a 401', async () => {
    const error = await episode(await openaiProgrammer([{ status: 401 }])).catch((e: unknown) => e);
    expect(isModelError(error, 'auth')).toBe(true);
  });

  it('replays a recorded episode from its cassette with the same result', async () => {
    const cassette = join(dir, 'red_on_blue.jsonl');
    const recorded = await episode(await openaiProgrammer([reply(WRONG_PROGRAM), reply(GOOD_PROGRAM)], { record: cassette }));
    await server!.close();
    server = undefined;
    expect(readFileSync(cassette, 'utf8').trim().split('\n')).toHaveLength(2);

    const replay = new LlmProgrammer(createChatModel({ provider: 'replay', cassette }), { provider: 'replay' });
    const replayed = await episode(replay);
    const outcome = (r: Run) => ({
      success: r.record.success,
      solvedAt: r.record.solvedAt,
      stoppedBy: r.record.stoppedBy,
      model: r.record.model,
      tokensIn: r.record.tokensIn,
      tokensOut: r.record.tokensOut,
      attempts: r.record.attempts.map((a) => ({
        success: a.success,
        error: a.error,
        diagnosisKind: a.diagnosisKind,
        simSeconds: a.simSeconds,
        promptTokens: a.promptTokens,
      })),
      programs: r.drafts.map((d) => d.program),
    });
    expect(outcome(replayed)).toEqual(outcome(recorded));
    expect(replayed.record.provider).toBe('replay');
  });
});
