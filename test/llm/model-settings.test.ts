import { describe, expect, it } from 'vitest';
import { DEFAULT_OPENAI_MODEL, ModelError, resolveModelSettings, type ModelKind } from '../../llm/index.ts';

type Case = [
  name: string,
  kind: ModelKind,
  flags: { model?: string; baseURL?: string; apiKey?: string },
  env: Record<string, string>,
  expected: { model: string; baseURL: string; apiKey: string },
];

const LOCAL = 'http://127.0.0.1:11434/v1';

describe('resolveModelSettings', () => {
  it.each<Case>([
    [
      'OpenAI with a key and the default model',
      'code',
      {},
      { OPENAI_API_KEY: 'sk-1' },
      { model: DEFAULT_OPENAI_MODEL, baseURL: 'https://api.openai.com/v1', apiKey: 'sk-1' },
    ],
    [
      'a local server without a key gets the placeholder key',
      'code',
      {},
      { OPENAI_BASE_URL: `${LOCAL}/`, POLICYLOOP_MODEL: 'llama3.2' },
      { model: 'llama3.2', baseURL: LOCAL, apiKey: 'no-key' },
    ],
    [
      'flags win over the environment',
      'code',
      { model: 'm', baseURL: 'http://127.0.0.1:8000/v1', apiKey: 'flag-key' },
      { OPENAI_BASE_URL: LOCAL, OPENAI_API_KEY: 'env-key', POLICYLOOP_MODEL: 'env-model' },
      { model: 'm', baseURL: 'http://127.0.0.1:8000/v1', apiKey: 'flag-key' },
    ],
    [
      'the vision model reads POLICYLOOP_VLM_MODEL',
      'vision',
      {},
      { OPENAI_BASE_URL: LOCAL, POLICYLOOP_MODEL: 'coder', POLICYLOOP_VLM_MODEL: 'llava' },
      { model: 'llava', baseURL: LOCAL, apiKey: 'no-key' },
    ],
    [
      'the vision model falls back to POLICYLOOP_MODEL',
      'vision',
      {},
      { OPENAI_BASE_URL: LOCAL, POLICYLOOP_MODEL: 'qwen2.5-vl' },
      { model: 'qwen2.5-vl', baseURL: LOCAL, apiKey: 'no-key' },
    ],
    [
      'empty variables count as unset',
      'code',
      {},
      { OPENAI_API_KEY: 'sk-2', OPENAI_BASE_URL: '  ', POLICYLOOP_MODEL: '' },
      { model: DEFAULT_OPENAI_MODEL, baseURL: 'https://api.openai.com/v1', apiKey: 'sk-2' },
    ],
  ])('%s', (_name, kind, flags, env, expected) => {
    expect(resolveModelSettings({ kind, ...flags, env })).toMatchObject(expected);
  });

  it.each<[string, ModelKind, Record<string, string>, RegExp]>([
    ['neither key nor base URL', 'code', {}, /^no model server configured — set OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL/],
    [
      'a local server without a model',
      'code',
      { OPENAI_BASE_URL: LOCAL },
      /^no model named for the server at .* — set POLICYLOOP_MODEL or pass --model$/,
    ],
    ['a local vision server without a model', 'vision', { OPENAI_BASE_URL: LOCAL }, /set POLICYLOOP_VLM_MODEL \(or POLICYLOOP_MODEL\)/],
  ])('fails with config for %s', (_name, kind, env, message) => {
    let error: unknown;
    try {
      resolveModelSettings({ kind, env });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).kind).toBe('config');
    expect((error as ModelError).message).toMatch(message);
  });
});
