import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MockChatModel, ModelError, countTokens, type ChatRequest } from '../../llm/index.ts';

const user = (content: string): ChatRequest => ({ messages: [{ role: 'user', content }] });
const Verdict = z.object({ ok: z.boolean() });

describe('MockChatModel', () => {
  it('answers with its replies in order and records every call', async () => {
    const model = new MockChatModel(['first', 'second']);
    expect(model.specVersion).toBe('v1');
    expect((await model.complete(user('a'))).text).toBe('first');
    expect((await model.complete({ ...user('b'), temperature: 0.3 })).text).toBe('second');
    expect(model.calls.map((c) => c.request.messages[0]!.content)).toEqual(['a', 'b']);
    expect(model.calls[1]!.request.temperature).toBe(0.3);
    expect(model.lastCall!.response!.text).toBe('second');
    expect(model.remaining).toBe(0);
  });

  it('fails loudly when it runs out of replies', async () => {
    const model = new MockChatModel(['only']);
    await model.complete(user('a'));
    await expect(model.complete(user('b'))).rejects.toThrow('MockChatModel has no reply for call 2 (1 given)');
    expect(model.calls).toHaveLength(2);
    expect(model.calls[1]!.error).toBeInstanceOf(ModelError);
  });

  it('computes replies from a function of the request', async () => {
    const model = new MockChatModel((request, index) => `${index}:${String(request.messages.at(-1)!.content).toUpperCase()}`);
    expect((await model.complete(user('hi'))).text).toBe('0:HI');
    expect((await model.complete(user('yo'))).text).toBe('1:YO');
  });

  it('throws a given error, as a failing provider would', async () => {
    const model = new MockChatModel([new ModelError('timeout', 'the model server did not answer')]);
    await expect(model.complete(user('a'))).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('validates structured replies with the request schema', async () => {
    const model = new MockChatModel(['{"ok": true}', { parsed: { ok: false } }, '{"ok": "no"}']);
    const request = { ...user('?'), schema: Verdict, schemaName: 'verdict' };
    expect((await model.complete(request)).parsed).toEqual({ ok: true });
    const second = await model.complete(request);
    expect(second).toMatchObject({ parsed: { ok: false }, text: '{"ok":false}' });
    await expect(model.complete(request)).rejects.toMatchObject({ kind: 'bad-response' });
  });

  it('counts usage with the tokenizer unless told otherwise', async () => {
    const model = new MockChatModel(['hello world', { text: 'x', usage: { inputTokens: 7, outputTokens: 9 } }]);
    const first = await model.complete(user('hi'));
    expect(first.usage.outputTokens).toBe(countTokens('hello world'));
    expect(first.usage.inputTokens).toBeGreaterThan(0);
    expect((await model.complete(user('hi'))).usage).toEqual({ inputTokens: 7, outputTokens: 9 });
  });

  it('takes a model name and provider for run records', () => {
    const model = new MockChatModel({ replies: [], model: 'gpt-test', provider: 'scripted' });
    expect([model.provider, model.model]).toEqual(['scripted', 'gpt-test']);
  });
});
