// The shared test server itself (other suites rely on it): plain fetch, no client.
import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.ts';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const chat = (body: object, headers: Record<string, string> = {}) =>
  fetch(`${server!.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('startOpenAIServer', () => {
  it('answers chat completions in the OpenAI shape and records the request', async () => {
    server = await startOpenAIServer(['hello']);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const response = await chat({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: 2, total_tokens: expect.any(Number) },
    });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(typeof body.created).toBe('number');
    expect(server.chatBodies).toEqual([{ model: 'm', messages: [{ role: 'user', content: 'hi' }] }]);
    expect(server.remaining).toBe(0);
  });

  it('lists models, scripts errors with OpenAI-style bodies and says when the script ran out', async () => {
    server = await startOpenAIServer([{ status: 429, headers: { 'retry-after': '1' } }], { models: ['a', 'b'] });
    const models = await (await fetch(`${server.url}/models`)).json();
    expect(models.data.map((m: { id: string }) => m.id)).toEqual(['a', 'b']);
    const limited = await chat({ model: 'm', messages: [] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await limited.json()).error).toMatchObject({ type: 'rate_limit_exceeded', message: expect.any(String) });
    const exhausted = await chat({ model: 'm', messages: [] });
    expect(exhausted.status).toBe(500);
    expect((await exhausted.json()).error.message).toBe('openai-server: script exhausted at request 1');
  });

  it('answers from a function, checks the key, and rejects response_format when asked to', async () => {
    server = await startOpenAIServer((request) => `echo ${request.body.messages[0].content}`, {
      apiKey: 'secret',
      rejectResponseFormat: true,
    });
    expect((await chat({ messages: [{ content: 'x' }] })).status).toBe(401);
    const ok = await chat({ messages: [{ content: 'x' }] }, { authorization: 'Bearer secret' });
    expect((await ok.json()).choices[0].message.content).toBe('echo x');
    const rejected = await chat({ messages: [], response_format: { type: 'json_schema' } }, { authorization: 'Bearer secret' });
    expect(rejected.status).toBe(400);
    expect((await rejected.json()).error.param).toBe('response_format');
  });

  it('closes promptly even while a delayed answer is pending', async () => {
    server = await startOpenAIServer([{ delayMs: 60_000 }]);
    const pending = chat({ messages: [] }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await server.close();
    server = undefined;
    expect(performance.now() - started).toBeLessThan(10_000); // the pending answer would take 60 s
    expect(await pending).toBe('aborted');
  });
});
