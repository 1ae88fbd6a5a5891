// The LLM programmer through the real `openai` client against a real local
// OpenAI-compatible server (test/helpers/openai-server.ts): prompts out, programs back,
// and every way a model call can go wrong ending as a draft or a clear error.
import { afterEach, describe, expect, it } from 'vitest';
import { createChatModel, isModelError, type ModelError } from '../../llm/index.ts';
import { LlmProgrammer } from '../../policy/programmers/index.ts';
import { NO_PROGRAM_ERROR } from '../../policy/programmers/index.ts';
import type { ProgramContext, RepairInput } from '../../policy/programmers/index.ts';
import { startOpenAIServer, type OpenAIServer, type ScriptStep } from '../helpers/openai-server.ts';
import { taskContext } from '../helpers/program-context.ts';
import { GOOD_PROGRAM, reply, solidPng, WRONG_PROGRAM } from './fixtures.ts';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

let ctxPromise: Promise<ProgramContext> | undefined;
const context = () => (ctxPromise ??= taskContext('red_on_blue', 1));

async function programmer(script: ScriptStep[], opts: { vision?: boolean; timeoutMs?: number; maxRetries?: number } = {}) {
  server = await startOpenAIServer(script);
  const model = createChatModel({
    provider: 'openai',
    baseURL: server.url,
    apiKey: 'sk-test',
    model: 'test-model',
    timeoutMs: opts.timeoutMs ?? 10_000,
    maxRetries: opts.maxRetries,
    env: {},
  });
  return new LlmProgrammer(model, { provider: 'openai', vision: opts.vision });
}

const DIAGNOSIS_TEXT =
  'Subgoal 1 "put the red block on the blue block" failed: red_block is 11.8 cm from blue_block\'s top centre (limit 2 cm).';

function repairInput(program: string): RepairInput {
  return {
    attempt: 0,
    program,
    diagnosis: null,
    diagnosisText: DIAGNOSIS_TEXT,
    verdicts: [
      {
        checkpoint: 3,
        label: 'subgoal-1',
        subgoal: 1,
        ok: false,
        failure: { kind: 'expectation-unmet', objects: ['red_block'], explanation: 'red_block is beside blue_block.' },
      },
    ],
    images: [
      { view: 'front', mime: 'image/png' as const, bytes: solidPng([220, 30, 30]) },
      { view: 'top', mime: 'image/png' as const, bytes: solidPng([30, 30, 220]) },
    ],
  };
}

const userContent = (body: any): any => body.messages[body.messages.length - 1].content;
const userText = (body: any): string => {
  const c = userContent(body);
  return typeof c === 'string'
    ? c
    : c
        .filter((p: any) => p.type === 'text')
        .map((p: any) => p.text)
        .join('\n');
};

describe('LlmProgrammer', () => {
  it('returns the program, plan, usage and prompt tokens of a correct reply', async () => {
    const p = await programmer([{ reply: reply(GOOD_PROGRAM), usage: { prompt_tokens: 1500, completion_tokens: 80 } }]);
    const draft = await p.generate(await context());
    expect(draft).toMatchObject({
      program: GOOD_PROGRAM,
      plan: ['Grasp the red block', 'Put the red block on the blue block'],
      error: null,
      usage: { inputTokens: 1500, outputTokens: 80 },
      raw: reply(GOOD_PROGRAM),
    });
    expect(draft.promptTokens).toBeGreaterThan(1000);
    expect(draft.promptTokens).toBeLessThanOrEqual(2500);
    expect(p.name).toBe('openai');
    expect(p.model).toBe('test-model');
    const body = server!.chatBodies[0];
    expect(body.messages.map((m: any) => m.role)).toEqual(['system', 'user']);
    expect(body.temperature).toBe(0);
    expect(userText(body)).toContain('Task: Put the red block on the blue block.');
  });

  it('repairs a wrong program: the request quotes the diagnosis, numbers the program and sends the images', async () => {
    const p = await programmer([reply(WRONG_PROGRAM), reply(GOOD_PROGRAM)], { vision: true });
    const ctx = await context();
    const first = await p.generate(ctx);
    expect(first.program).toBe(WRONG_PROGRAM);
    const second = await p.repair(ctx, repairInput(first.program));
    expect(second.program).toBe(GOOD_PROGRAM);
    const body = server!.chatBodies[1];
    const text = userText(body);
    expect(text).toContain(DIAGNOSIS_TEXT);
    expect(text).toContain("1| subgoal('grasp the red block'");
    expect(text).toContain('5| place([b[0] + 0.12, b[1]]);');
    expect(text).toContain('expectation-unmet [red_block]');
    const images = userContent(body).filter((part: any) => part.type === 'image_url');
    expect(images).toHaveLength(2);
    for (const im of images) expect(im.image_url.url).toMatch(/^data:image\/(jpeg|png);base64,/);
  });

  it('sends no images to a model that is not vision-capable', async () => {
    const p = await programmer([reply(GOOD_PROGRAM)]);
    await p.repair(await context(), repairInput(WRONG_PROGRAM));
    expect(typeof userContent(server!.chatBodies[0])).toBe('string');
  });

  it('asks again without images when the server refuses them, and stops sending them', async () => {
    const refuseImages: ScriptStep = (req) =>
      JSON.stringify(req.body.messages).includes('image_url')
        ? { status: 400, message: 'image input is not supported by this model' }
        : reply(GOOD_PROGRAM);
    const p = await programmer([refuseImages, refuseImages, refuseImages], { vision: true });
    const draft = await p.repair(await context(), repairInput(WRONG_PROGRAM));
    expect(draft.program).toBe(GOOD_PROGRAM);
    expect(draft.notes?.join('\n')).toMatch(/refused images/);
    await p.repair(await context(), repairInput(WRONG_PROGRAM));
    expect(server!.chatBodies.map((b) => JSON.stringify(b).includes('image_url'))).toEqual([true, false, false]);
  });

  it('picks the program out of a reply with prose and two code blocks', async () => {
    const text = `Let me think.\n1. Grasp\n2. Place\n\n\`\`\`js\npick('red_block');\n\`\`\`\nThe complete program:\n\`\`\`javascript\n${GOOD_PROGRAM}\n\`\`\`\nGood luck!`;
    const p = await programmer([text]);
    const draft = await p.generate(await context());
    expect(draft).toMatchObject({ program: GOOD_PROGRAM, plan: ['Grasp', 'Place'], error: null });
  });

  it('returns a draft with the no-program error when the reply has no code', async () => {
    const p = await programmer(['I am unable to control robots.']);
    const draft = await p.generate(await context());
    expect(draft).toMatchObject({ program: '', error: NO_PROGRAM_ERROR, raw: 'I am unable to control robots.' });
    expect(draft.usage.outputTokens).toBeGreaterThan(0);
  });

  it('keeps a program with a syntax error (the sandbox reports it) and notes the parse error', async () => {
    const broken = "subgoal('grasp the red block', { expect: { grasped: 'red_block' } });\npick('red_block';";
    const p = await programmer([reply(broken)]);
    const draft = await p.generate(await context());
    expect(draft.program).toBe(broken);
    expect(draft.error).toBeNull();
    expect(draft.notes?.join('\n')).toMatch(/does not parse: SyntaxError: .* at line 2/);
  });

  it('retries an HTTP 500 and returns the program of the next answer', async () => {
    const p = await programmer([{ status: 500 }, reply(GOOD_PROGRAM)]);
    const draft = await p.generate(await context());
    expect(draft.program).toBe(GOOD_PROGRAM);
    expect(server!.chatBodies).toHaveLength(2);
  });

  it('turns a timeout into a draft with the reason instead of throwing', async () => {
    const p = await programmer([{ delayMs: 3000 }], { timeoutMs: 250, maxRetries: 0 }); // the client retries timeouts
    const draft = await p.generate(await context());
    expect(draft).toMatchObject({ program: '', usage: { inputTokens: 0, outputTokens: 0 } });
    expect(draft.error).toMatch(/^the model call failed \(timeout\): the model server at .* did not answer within 250 ms/);
  });

  it('turns server errors that outlast the retries into a draft with the reason', async () => {
    const p = await programmer([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);
    const draft = await p.generate(await context());
    expect(draft.error).toMatch(/^the model call failed \(server\): .*503/);
  });

  it('stops the run on a 401 with the one-line message', async () => {
    const p = await programmer([{ status: 401 }]);
    const error = await p.generate(await context()).catch((e: unknown) => e);
    expect(isModelError(error, 'auth')).toBe(true);
    expect((error as ModelError).message).toMatch(/rejected the API key \(401\)/);
    expect((error as ModelError).message).not.toContain('\n');
  });

  it('stops the run when the server is unreachable on the first request, but not after a success', async () => {
    const p = await programmer([reply(GOOD_PROGRAM)]);
    const url = server!.url;
    const unreachable = async () => {
      const s = await startOpenAIServer([]);
      const gone = s.url;
      await s.close();
      return gone;
    };
    const cold = new LlmProgrammer(
      createChatModel({ provider: 'openai', baseURL: await unreachable(), apiKey: 'k', model: 'm', maxRetries: 1, env: {} }),
      { provider: 'openai' },
    );
    const error = await cold.generate(await context()).catch((e: unknown) => e);
    expect(isModelError(error, 'unreachable')).toBe(true);

    await p.generate(await context());
    await server!.close();
    server = undefined;
    const draft = await p.repair(await context(), repairInput(WRONG_PROGRAM));
    expect(draft.error).toMatch(/^the model call failed \(unreachable\): cannot reach the model server at /);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it('asks afresh when the previous attempt had no program', async () => {
    const p = await programmer([reply(GOOD_PROGRAM)]);
    const draft = await p.repair(await context(), { ...repairInput(''), diagnosisText: 'the reply contained no JavaScript program' });
    expect(draft.program).toBe(GOOD_PROGRAM);
    expect(userText(server!.chatBodies[0])).not.toContain('Your previous program');
  });
});
