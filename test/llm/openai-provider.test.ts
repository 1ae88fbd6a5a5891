// The openai provider, through the real `openai` client, against a real local server.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { z } from 'zod';
import { startOpenAIServer, type OpenAIServer, type ScriptStep, type OpenAIServerOptions } from '../helpers/openai-server.ts';
import {
  createChatModel,
  isModelError,
  ModelError,
  OpenAIChatModel,
  type ChatRequest,
  type OpenAIChatModelOptions,
} from '../../llm/index.ts';
import { jpegHeader, scenePngBase64 } from './png-fixture.ts';

const Verdict = z.object({
  ok: z.boolean(),
  failure: z.enum(['none', 'slipped', 'missed', 'toppled']),
  explanation: z.string(),
});
const GOOD_VERDICT = { ok: false, failure: 'slipped', explanation: 'red_block fell during lift' };

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(script: ScriptStep[], options: OpenAIServerOptions = {}, model: Partial<OpenAIChatModelOptions> = {}) {
  server = await startOpenAIServer(script, options);
  return new OpenAIChatModel({
    model: 'test-model',
    baseURL: server.url,
    apiKey: 'sk-test',
    ...model,
  });
}

const ask = (text: string, extra: Partial<ChatRequest<any>> = {}): ChatRequest<any> => ({
  messages: [
    { role: 'system', content: 'You are a robot programmer.' },
    { role: 'user', content: text },
  ],
  ...extra,
});

async function modelError(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  const modelError = error as ModelError;
  expect(modelError.message).not.toContain('\n');
  return modelError;
}

describe('openai provider: completions', () => {
  it('returns the reply text, the server-reported usage, the model and the latency', async () => {
    const model = await setup([{ reply: 'pick("red_block");', usage: { prompt_tokens: 21, completion_tokens: 6 } }]);
    const response = await model.complete(ask('Pick up the red block.', { temperature: 0.2, maxTokens: 300 }));
    expect(response).toMatchObject({
      text: 'pick("red_block");',
      usage: { inputTokens: 21, outputTokens: 6 },
      model: 'test-model',
      warnings: [],
    });
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
    expect(response.parsed).toBeUndefined();
    const [request] = server!.requests;
    expect(request!.path).toBe('/v1/chat/completions');
    expect(request!.headers.authorization).toBe('Bearer sk-test');
    expect(request!.body).toMatchObject({
      model: 'test-model',
      temperature: 0.2,
      max_tokens: 300,
      messages: [
        { role: 'system', content: 'You are a robot programmer.' },
        { role: 'user', content: 'Pick up the red block.' },
      ],
    });
    expect(request!.body.response_format).toBeUndefined();
  });

  it('sends image parts as given: a JPEG as a JPEG data URL, a PNG as PNG, a large one with a warning', async () => {
    const model = await setup(['I see a red block.']);
    const jpeg = jpegHeader(512, 384).toString('base64');
    const small = scenePngBase64(64, 48);
    const large = scenePngBase64(640, 480);
    const response = await model.complete({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is on the table?' },
            { type: 'image', mime: 'image/jpeg', data: jpeg },
            { type: 'image', mime: 'image/png', data: small },
            { type: 'image', mime: 'image/png', data: large },
          ],
        },
      ],
    });
    const content = server!.requests[0]!.body.messages[0].content;
    expect(content).toEqual([
      { type: 'text', text: 'What is on the table?' },
      { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${jpeg}` } },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${small}` } },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${large}` } },
    ]);
    expect(response.warnings).toEqual([
      'a 640×480 PNG was sent at full size (~425 tokens, ~255 within 512 px); the renderer produces model-size JPEGs (render option rgbJpeg)',
    ]);
  });

  it('estimates usage with gpt-tokenizer when the server reports none', async () => {
    const model = await setup([{ reply: 'hello world', usage: null }]);
    const response = await model.complete(ask('hi'));
    expect(response.usage.outputTokens).toBe(2);
    expect(response.usage.inputTokens).toBeGreaterThan(5);
    expect(response.warnings).toEqual(['the server reported no token usage; counted with gpt-tokenizer']);
  });

  it('warns when the reply was cut off at the token limit', async () => {
    const model = await setup([{ reply: 'pick("red', finishReason: 'length' }]);
    const response = await model.complete(ask('go', { maxTokens: 3 }));
    expect(response.warnings).toEqual(['the reply was cut off at the token limit (maxTokens 3)']);
  });
});

describe('openai provider: structured output', () => {
  it('sends the zod schema as response_format json_schema and returns the validated value', async () => {
    const model = await setup([JSON.stringify(GOOD_VERDICT)]);
    const response = await model.complete(ask('Did the grasp hold?', { schema: Verdict, schemaName: 'verdict' }));
    expect(response.parsed).toEqual(GOOD_VERDICT);
    const format = server!.requests[0]!.body.response_format;
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.name).toBe('verdict');
    expect(format.json_schema.strict).toBe(true);
    const { $schema: _ignored, ...expected } = z.toJSONSchema(Verdict) as Record<string, unknown>;
    expect(format.json_schema.schema).toEqual(expected);
  });

  it('sends schemas with optional fields non-strict (OpenAI strict mode would refuse them)', async () => {
    const model = await setup(['{"ok": true}']);
    const response = await model.complete(ask('?', { schema: z.object({ ok: z.boolean(), note: z.string().optional() }) }));
    expect(response.parsed).toEqual({ ok: true });
    expect(server!.requests[0]!.body.response_format.json_schema).toMatchObject({ name: 'response', strict: false });
  });

  it('fails with bad-response naming the zod issue when the JSON does not match the schema', async () => {
    const model = await setup([JSON.stringify({ ok: 'yes', failure: 'slipped', explanation: 'x' })]);
    const error = await modelError(model.complete(ask('?', { schema: Verdict, schemaName: 'verdict' })));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/^the model's verdict does not match its schema: ok: Invalid input: expected boolean, received string/);
  });

  it('fails with bad-response when the reply is not JSON, even after asking in the prompt', async () => {
    const model = await setup(['The block slipped.', 'I think it slipped, sorry.']);
    const error = await modelError(model.complete(ask('?', { schema: Verdict, schemaName: 'verdict' })));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toBe(`the model's verdict is not JSON (reply: "I think it slipped, sorry.")`);
    expect(server!.requests).toHaveLength(2);
  });

  it('fails with bad-response, without asking again, when the JSON was cut off at the token limit', async () => {
    const model = await setup([{ reply: '{"ok": false, "fail', finishReason: 'length' }]);
    const error = await modelError(model.complete(ask('?', { schema: Verdict, schemaName: 'verdict', maxTokens: 8 })));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/^the model's verdict was cut off at the token limit before the JSON was complete \(maxTokens 8\)/);
    expect(server!.requests).toHaveLength(1);
  });

  it('falls back to asking for JSON in the prompt when the server rejects response_format', async () => {
    const model = await setup([`Here you go:\n\`\`\`json\n${JSON.stringify(GOOD_VERDICT)}\n\`\`\``, JSON.stringify(GOOD_VERDICT)], {
      rejectResponseFormat: true,
    });
    const first = await model.complete(ask('Did the grasp hold?', { schema: Verdict, schemaName: 'verdict' }));
    expect(first.parsed).toEqual(GOOD_VERDICT);
    expect(first.warnings[0]).toMatch(/^the server rejected response_format json_schema .*; the schema was sent in the prompt$/);
    const [rejected, retried] = server!.requests;
    expect(rejected!.body.response_format).toBeDefined();
    expect(retried!.body.response_format).toBeUndefined();
    const lastUser: string = retried!.body.messages.at(-1).content;
    expect(lastUser.startsWith('Did the grasp hold?\n\nReply with a single JSON object only')).toBe(true);
    expect(lastUser).toContain('"failure"');

    // The instance remembers: the next structured call goes straight to the prompt form.
    const second = await model.complete(ask('And now?', { schema: Verdict, schemaName: 'verdict' }));
    expect(second.parsed).toEqual(GOOD_VERDICT);
    expect(server!.requests).toHaveLength(3);
    expect(server!.requests[2]!.body.response_format).toBeUndefined();
  });

  it('asks again with the schema in the prompt when the server ignores response_format and answers prose', async () => {
    const model = await setup(['The grasp slipped.', JSON.stringify(GOOD_VERDICT)]);
    const response = await model.complete(ask('?', { schema: Verdict, schemaName: 'verdict' }));
    expect(response.parsed).toEqual(GOOD_VERDICT);
    expect(response.warnings[0]).toMatch(/^the server ignored response_format json_schema/);
    expect(server!.requests[1]!.body.messages.at(-1).content).toContain('Reply with a single JSON object only');
    // Both calls were billed (the test server counts 4 characters a token).
    const billed = (text: string) => Math.ceil(text.length / 4);
    expect(response.usage).toEqual({
      inputTokens: server!.requests.reduce((sum, r) => sum + billed(JSON.stringify(r.body.messages)), 0),
      outputTokens: billed('The grasp slipped.') + billed(JSON.stringify(GOOD_VERDICT)),
    });
  });
});

describe('openai provider: options the model refuses become warnings', () => {
  it('drops temperature when the model does not take it', async () => {
    const model = await setup([
      { status: 400, message: "Unsupported value: 'temperature' does not support 0.2 with this model.", param: 'temperature' },
      'ok',
      'ok again',
    ]);
    const response = await model.complete(ask('go', { temperature: 0.2 }));
    expect(response.text).toBe('ok');
    expect(response.warnings[0]).toMatch(/^the model does not take temperature 0.2/);
    expect(server!.requests[1]!.body.temperature).toBeUndefined();
    // Remembered: the next call leaves it out at once, and still says so.
    const next = await model.complete(ask('go', { temperature: 0.2 }));
    expect(next.warnings).toEqual(['the model does not take temperature; sent without it']);
    expect(server!.requests).toHaveLength(3);
  });

  it('renames max_tokens to max_completion_tokens when the model asks for it', async () => {
    const model = await setup([
      {
        status: 400,
        message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        param: 'max_tokens',
        code: 'unsupported_parameter',
      },
      'ok',
      'ok again',
    ]);
    expect((await model.complete(ask('go', { maxTokens: 50 }))).text).toBe('ok');
    expect(server!.requests[1]!.body).toMatchObject({ max_completion_tokens: 50 });
    expect(server!.requests[1]!.body.max_tokens).toBeUndefined();
    await model.complete(ask('go', { maxTokens: 50 }));
    expect(server!.requests[2]!.body).toMatchObject({ max_completion_tokens: 50 });
  });
});

describe('openai provider: retries and errors', () => {
  it('retries after HTTP 500 and returns the next answer', async () => {
    const model = await setup([{ status: 500 }, 'recovered']);
    expect((await model.complete(ask('go'))).text).toBe('recovered');
    expect(server!.requests).toHaveLength(2);
  });

  it('retries after HTTP 429, waiting the retry-after the server asks for, and returns the next answer', async () => {
    const model = await setup([{ status: 429, headers: { 'retry-after': '1' } }, 'recovered']);
    const started = performance.now();
    expect((await model.complete(ask('go'))).text).toBe('recovered');
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(server!.requests).toHaveLength(2);
  });

  it('honours retry-after-ms from the server', async () => {
    const model = await setup([{ status: 429, headers: { 'retry-after-ms': '150' } }, 'ok']);
    const started = performance.now();
    await model.complete(ask('go'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('gives up after 3 retries with a server error', async () => {
    const soon = { 'retry-after-ms': '1' }; // skips the client's 0.5 + 1 + 2 s backoff
    const model = await setup([
      { status: 500, headers: soon },
      { status: 500, headers: soon },
      { status: 502, headers: soon },
      { status: 500, message: 'still broken' },
    ]);
    const error = await modelError(model.complete(ask('go')));
    expect(error.kind).toBe('server');
    expect(error.status).toBe(500);
    expect(error.message).toBe('the model server failed (500) after 3 retries: still broken');
    expect(server!.requests).toHaveLength(4);
  });

  it('reports a rate limit that does not clear as rate-limit', async () => {
    const model = await setup([{ status: 429 }, { status: 429 }], {}, { maxRetries: 1 });
    const error = await modelError(model.complete(ask('go')));
    expect(error.kind).toBe('rate-limit');
    expect(error.message).toMatch(/^the model server is rate-limiting requests \(429\) after 1 retries: Rate limit reached/);
  });

  it('times out a server slower than timeoutMs, retries once, then fails with a timeout error', async () => {
    const model = await setup([{ delayMs: 3_000, then: 'too late' }, { delayMs: 3_000 }], {}, { timeoutMs: 200, maxRetries: 1 });
    const error = await modelError(model.complete(ask('go')));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(
      `the model server at ${server!.url} did not answer within 200 ms after 1 retries (for slow local models raise the deadline: --timeout <seconds> or POLICYLOOP_MODEL_TIMEOUT)`,
    );
    expect(server!.requests).toHaveLength(2);
  });

  it('maps 401 to auth with a hint to set OPENAI_API_KEY', async () => {
    const model = await setup([{ status: 401 }]);
    const error = await modelError(model.complete(ask('go')));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('the model server rejected the API key (401) — set OPENAI_API_KEY');
    expect(server!.requests).toHaveLength(1);
  });

  it('maps 404 to config and lists the models the server offers', async () => {
    const model = await setup(
      [{ status: 404, message: 'model "qwen-coder" not found' }],
      { models: ['llama3.2', 'qwen2.5-coder:7b'] },
      { model: 'qwen-coder' },
    );
    const error = await modelError(model.complete(ask('go')));
    expect(error.kind).toBe('config');
    expect(error.message).toBe(
      `the model server at ${server!.url} has no model "qwen-coder" (404) — set POLICYLOOP_MODEL or --model; it offers: llama3.2, qwen2.5-coder:7b`,
    );
  });

  it('reports an unreachable server with its URL and the socket error', async () => {
    const port = await closedPort();
    const model = new OpenAIChatModel({ model: 'm', baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'k', maxRetries: 1 });
    const error = await modelError(model.complete(ask('go')));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(`cannot reach the model server at http://127.0.0.1:${port}/v1 (ECONNREFUSED)`);
  });

  it('says so when fetch refuses the port before connecting (port 9 is on the WHATWG bad-port list)', async () => {
    const model = new OpenAIChatModel({ model: 'm', baseURL: 'http://127.0.0.1:9/v1', apiKey: 'k', maxRetries: 0 });
    const error = await modelError(model.complete(ask('go')));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(
      'cannot reach the model server at http://127.0.0.1:9/v1 (fetch blocks this port as unsafe; use another port)',
    );
  });

  it('rejects with the abort reason when the caller aborts', async () => {
    const model = await setup([{ delayMs: 2_000 }]);
    const controller = new AbortController();
    const pending = model.complete(ask('go', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects at once when the caller aborts during a retry-after wait, and sends nothing more', async () => {
    const model = await setup([{ status: 429, headers: { 'retry-after': '30' } }, 'too late']);
    const controller = new AbortController();
    const started = performance.now();
    const pending = model.complete(ask('go', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(server!.requests).toHaveLength(1);
  });

  it('fails with bad-response when the server answers something that is not a chat completion', async () => {
    const model = await setup([{ body: { choices: [] } }]);
    const error = await modelError(model.complete(ask('go')));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/^the model server's answer is not a chat completion \(choices:/);
  });
});

describe('createChatModel', () => {
  it('fails with config when neither an API key nor a base URL is set', () => {
    let error: unknown;
    try {
      createChatModel({ provider: 'openai', env: {} });
    } catch (e) {
      error = e;
    }
    expect(isModelError(error, 'config')).toBe(true);
    expect((error as Error).message).toMatch(/^no model server configured — set OPENAI_API_KEY .* or OPENAI_BASE_URL/);
  });

  it('talks to a local server without a key, from OPENAI_BASE_URL and POLICYLOOP_MODEL', async () => {
    server = await startOpenAIServer(['hi']);
    const model = createChatModel({
      provider: 'openai',
      env: { OPENAI_BASE_URL: server.url, POLICYLOOP_MODEL: 'llama3.2' },
    });
    expect(model.model).toBe('llama3.2');
    await model.complete(ask('hello'));
    expect(server.requests[0]!.headers.authorization).toBe('Bearer no-key');
    expect(server.requests[0]!.body.model).toBe('llama3.2');
  });

  it('uses POLICYLOOP_VLM_MODEL for the vision model', () => {
    const env = { OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', POLICYLOOP_MODEL: 'coder', POLICYLOOP_VLM_MODEL: 'seer' };
    expect(createChatModel({ provider: 'openai', kind: 'vision', env }).model).toBe('seer');
    expect(createChatModel({ provider: 'openai', kind: 'code', env }).model).toBe('coder');
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
