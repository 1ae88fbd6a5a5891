// Model server faults (issue 15): each ends the call with a one-line ModelError in bounded
// time, against the real `openai` client and a real local server — a 10 MB reply, a reply
// that drips a byte a second forever, a 200 carrying an error, a 200 that is not JSON,
// broken JSON — with and without the suite's model gate in between.
import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer, type ScriptStep } from '../helpers/openai-server.ts';
import {
  createChatModel,
  MAX_REPLY_BYTES,
  ModelError,
  OpenAIChatModel,
  resolveModelSettings,
  timeoutSecondsProblem,
  type ChatRequest,
  type OpenAIChatModelOptions,
} from '../../llm/index.ts';
import { LocalModelGate, setModelGate } from '../../llm/rate-gate.ts';

let server: OpenAIServer | undefined;
afterEach(async () => {
  setModelGate(null);
  await server?.close();
  server = undefined;
});

async function setup(script: ScriptStep[], model: Partial<OpenAIChatModelOptions> = {}) {
  server = await startOpenAIServer(script);
  return new OpenAIChatModel({ model: 'test-model', baseURL: server.url, apiKey: 'sk-test', ...model });
}

const ask: ChatRequest = { messages: [{ role: 'user', content: 'write the program' }] };

/** The call's ModelError and how long it took to fail. */
async function failure(promise: Promise<unknown>): Promise<{ error: ModelError; ms: number }> {
  const started = performance.now();
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = performance.now() - started;
  expect(error).toBeInstanceOf(ModelError);
  expect((error as ModelError).message).not.toContain('\n');
  expect((error as ModelError).message.length).toBeLessThan(600);
  return { error: error as ModelError, ms };
}

const completion = (content: string) => ({
  id: 'x',
  object: 'chat.completion',
  created: 0,
  model: 'test-model',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 5 },
});

describe.each([
  ['without a model gate', false],
  ['through the suite model gate', true],
])('model server faults, %s', (_name, gated) => {
  const gate = () => {
    if (gated) setModelGate(new LocalModelGate({ maxInflight: 2 }));
  };

  it('refuses a 10 MB reply as a bad-response naming the size, without retrying it', async () => {
    gate();
    const model = await setup([{ reply: 'x'.repeat(10_000_000) }, 'never asked']);
    const { error } = await failure(model.complete(ask));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/^the model server's answer is larger than the 4 MiB a reply may be \(Content-Length 9\.5 MiB\)/);
    expect(server!.requests).toHaveLength(1);
  });

  it('refuses a 10 MB reply sent without a Content-Length once 4 MiB are read', async () => {
    gate();
    // A raw body goes out chunked (no Content-Length): the cap is counted while reading.
    const model = await setup([{ body: JSON.stringify(completion('y'.repeat(10_000_000))) }, 'never asked']);
    const { error } = await failure(model.complete(ask));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/larger than the 4 MiB a reply may be \(more than 4 MiB read, the rest not read\)/);
  });

  it('ends a reply that drips one byte a second within the per-request deadline', async () => {
    gate();
    const model = await setup([{ drip: '{"choices": [' }], { timeoutMs: 1_500, maxRetries: 0 });
    const { error, ms } = await failure(model.complete(ask));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(
      `the model server at ${server!.url} did not answer within 1.5 s (for slow local models raise the deadline: --timeout <seconds> or POLICYLOOP_MODEL_TIMEOUT)`,
    );
    expect(ms).toBeLessThan(10_000);
  });

  it('retries a dripping reply as a timeout, each try under its own deadline', async () => {
    gate();
    const model = await setup(
      [
        { drip: 'x', everyMs: 200 },
        { drip: 'x', everyMs: 200 },
      ],
      { timeoutMs: 800, maxRetries: 1 },
    );
    const { error } = await failure(model.complete(ask));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('did not answer within 800 ms after 1 retries');
    expect(server!.requests).toHaveLength(2);
  });

  it('reports HTTP 200 with an error body as a server error with its message, once', async () => {
    gate();
    const model = await setup([
      { body: { error: { message: 'CUDA out of memory while loading the model', type: 'server_error' } } },
      'never asked',
    ]);
    const { error } = await failure(model.complete(ask));
    expect(error.kind).toBe('server');
    expect(error.message).toBe(
      `the model server answered 200 with an error: CUDA out of memory while loading the model (from ${server!.url})`,
    );
    expect(server!.requests).toHaveLength(1);
  });

  it('reports HTTP 200 with a string error body', async () => {
    gate();
    const model = await setup([{ body: { error: 'model "x" not loaded' } }]);
    const { error } = await failure(model.complete(ask));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('answered 200 with an error: model "x" not loaded');
  });

  it('reports HTTP 200 with an HTML body as not JSON, quoting its start', async () => {
    gate();
    const model = await setup([{ body: '<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>', contentType: 'text/html' }]);
    const { error } = await failure(model.complete(ask));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(
      /^the model server answered 200 with a body that is not JSON \(text\/html, 6\d bytes\): <html><body><h1>502 Bad Gateway<\/h1> <p>nginx/,
    );
  });

  it('reports an empty 200 body as not JSON', async () => {
    gate();
    const model = await setup([{ body: '', contentType: 'text/plain' }]);
    const { error } = await failure(model.complete(ask));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/^the model server answered 200 with a body that is not JSON \(text\/plain, 0 bytes\): empty/);
  });

  it('reports invalid JSON under a JSON content type as not valid JSON, with the parser message', async () => {
    gate();
    const model = await setup([{ body: '{"choices": [{"message": {"content": "pick(', contentType: 'application/json' }]);
    const { error } = await failure(model.complete(ask));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(
      /^the model server answered 200 with a body that is not valid JSON \(Unterminated string in JSON at position 43\): \{"choices": \[\{"message": \{"content": "pick\( \(from http/,
    );
  });

  it('still reads a good reply, and JSON sent as text/plain', async () => {
    gate();
    const model = await setup(['pick("red_block");', { body: JSON.stringify(completion('home();')), contentType: 'text/plain' }]);
    expect((await model.complete(ask)).text).toBe('pick("red_block");');
    expect((await model.complete(ask)).text).toBe('home();');
  });

  it('reads a reply just under the cap', async () => {
    gate();
    const content = 'z'.repeat(MAX_REPLY_BYTES - 1000);
    const model = await setup([{ body: completion(content) }]);
    expect((await model.complete(ask)).text.length).toBe(content.length);
  });
});

describe('the model timeout setting', () => {
  const env = { OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', POLICYLOOP_MODEL: 'm' };

  it('is 120 s by default, POLICYLOOP_MODEL_TIMEOUT seconds from the environment, and the flag first', () => {
    expect(resolveModelSettings({ kind: 'code', env }).timeoutMs).toBe(120_000);
    const fromEnv = resolveModelSettings({ kind: 'code', env: { ...env, POLICYLOOP_MODEL_TIMEOUT: '2.5' } });
    expect(fromEnv.timeoutMs).toBe(2_500);
    expect(fromEnv.source.timeout).toBe('POLICYLOOP_MODEL_TIMEOUT');
    const fromFlag = resolveModelSettings({ kind: 'code', timeoutMs: 7_000, env: { ...env, POLICYLOOP_MODEL_TIMEOUT: '2.5' } });
    expect(fromFlag.timeoutMs).toBe(7_000);
    expect(fromFlag.source.timeout).toBe('flag');
  });

  it('refuses a bad POLICYLOOP_MODEL_TIMEOUT with one line naming it', () => {
    expect(() => resolveModelSettings({ kind: 'code', env: { ...env, POLICYLOOP_MODEL_TIMEOUT: 'soon' } })).toThrow(
      'POLICYLOOP_MODEL_TIMEOUT="soon": expected a number of seconds, e.g. 300',
    );
    expect(timeoutSecondsProblem('0')).toBe('the timeout must be at least 0.001 s');
    expect(timeoutSecondsProblem('100000')).toBe('the timeout must be at most 86400 s (a day)');
    expect(timeoutSecondsProblem('-3')).toBe('expected a number of seconds, e.g. 300');
    expect(timeoutSecondsProblem('300')).toBeNull();
    expect(timeoutSecondsProblem('0.5')).toBeNull();
  });

  it('reaches the model createChatModel builds: POLICYLOOP_MODEL_TIMEOUT bounds a dripping reply', async () => {
    server = await startOpenAIServer([{ drip: '{' }]);
    const model = createChatModel({
      provider: 'openai',
      maxRetries: 0,
      env: { OPENAI_BASE_URL: server.url, POLICYLOOP_MODEL: 'test-model', POLICYLOOP_MODEL_TIMEOUT: '1' },
    });
    const { error, ms } = await failure(model.complete(ask));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('did not answer within 1 s');
    expect(ms).toBeLessThan(8_000);
  });
});
