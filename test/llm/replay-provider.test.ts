// Cassettes: record through the real provider, replay offline, fail loudly on a miss.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import {
  canonicalRequest,
  createChatModel,
  MockChatModel,
  ModelError,
  OpenAIChatModel,
  RecordingModel,
  ReplayModel,
  requestHash,
  type ChatRequest,
} from '../../llm/index.ts';
import { scenePngBase64 } from './png-fixture.ts';

const Verdict = z.object({ ok: z.boolean(), explanation: z.string() });

let dir: string;
let server: OpenAIServer | undefined;
beforeEach(() => {
  dir = tempDir('cassette');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const image = scenePngBase64(64, 48);
const requests: ChatRequest<any>[] = [
  { messages: [{ role: 'user', content: 'Put the red block on the blue block.' }], temperature: 0 },
  {
    messages: [
      { role: 'system', content: 'You check robot checkpoints.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Is red_block on blue_block?' },
          { type: 'image', mime: 'image/png', data: image },
        ],
      },
    ],
    schema: Verdict,
    schemaName: 'verdict',
    maxTokens: 200,
  },
];

async function recordBoth(file: string) {
  server = await startOpenAIServer(['pick("red_block"); place("blue_block");', '{"ok":true,"explanation":"stacked"}']);
  const recorder = createChatModel({
    provider: 'openai',
    baseURL: server.url,
    model: 'test-model',
    record: file,
    env: {},
  });
  const recorded = [];
  for (const request of requests) recorded.push(await recorder.complete(request));
  return recorded;
}

describe('record and replay', () => {
  it('replays exactly the responses that were recorded', async () => {
    const file = join(dir, 'nested', 'run.jsonl');
    const recorded = await recordBoth(file);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);

    const replay = createChatModel({ provider: 'replay', cassette: file });
    expect(replay.model).toBe('test-model');
    const replayed = [];
    for (const request of requests) replayed.push(await replay.complete(request));
    expect(replayed).toEqual(recorded);
    expect(replayed[1]!.parsed).toEqual({ ok: true, explanation: 'stacked' });
  });

  it('keys images by content, not by how they were encoded', async () => {
    const file = join(dir, 'run.jsonl');
    await recordBoth(file);
    const replay = new ReplayModel(file);
    const withPrefix = structuredClone({ ...requests[1]!, schema: undefined }) as ChatRequest<any>;
    const part = (withPrefix.messages[1]!.content as any[])[1];
    part.data = `data:image/png;base64,${part.data}`;
    withPrefix.schema = Verdict;
    await expect(replay.complete(withPrefix)).resolves.toMatchObject({ parsed: { ok: true } });
    const line = readFileSync(file, 'utf8').split('\n')[1]!;
    expect(line).not.toContain(image.slice(0, 40));
  });

  it('answers a repeated request with its recordings in order, then the last again', async () => {
    const file = join(dir, 'repeat.jsonl');
    const recorder = new RecordingModel(new MockChatModel(['first', 'second']), file);
    const request = { messages: [{ role: 'user' as const, content: 'again?' }] };
    await recorder.complete(request);
    await recorder.complete(request);
    const replay = new ReplayModel(file);
    const texts = [];
    for (let i = 0; i < 3; i++) texts.push((await replay.complete(request)).text);
    expect(texts).toEqual(['first', 'second', 'second']);
  });

  it('fails a request that was never recorded with replay-miss, its hash and where it differs', async () => {
    const file = join(dir, 'run.jsonl');
    await recordBoth(file);
    const replay = new ReplayModel(file);
    const changed: ChatRequest = {
      messages: [{ role: 'user', content: 'Put the red block on the green block.' }],
      temperature: 0,
    };
    const hash = requestHash(canonicalRequest('test-model', changed));
    const recordedHash = requestHash(canonicalRequest('test-model', requests[0]!));
    const error = await replay.complete(changed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).kind).toBe('replay-miss');
    expect((error as ModelError).message).toBe(
      `no recorded answer for request ${hash} in ${file} (2 exchanges): nearest recorded ${recordedHash} differs in ` +
        `messages[0] (user) at character 25: recorded "ck on the blue block.", now "ck on the green block."`,
    );
  });

  it('names a changed option in the miss hint', async () => {
    const file = join(dir, 'run.jsonl');
    await recordBoth(file);
    const replay = new ReplayModel(file);
    const error = (await replay.complete({ ...requests[0]!, temperature: 0.7 }).catch((e: unknown) => e)) as ModelError;
    expect(error.kind).toBe('replay-miss');
    expect(error.message).toMatch(/differs in temperature: recorded 0, now 0.7$/);
  });

  it('refuses a cassette line that is not an exchange', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"v":1,"hash":"x"}\n');
    expect(() => new ReplayModel(file)).toThrow(/^cassette .*bad\.jsonl line 1 is not an exchange \(request:/);
    expect(() => new ReplayModel(join(dir, 'missing.jsonl'))).toThrow(/does not exist — record one with --record/);
  });

  it('hashes requests stably: key order and undefined options do not matter', () => {
    const a = canonicalRequest('m', { messages: [{ role: 'user', content: 'x' }], temperature: undefined });
    const b = canonicalRequest('m', { messages: [{ content: 'x', role: 'user' }] });
    expect(requestHash(a)).toBe(requestHash(b));
    expect(requestHash(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(requestHash(canonicalRequest('m', { messages: [{ role: 'user', content: 'y' }] }))).not.toBe(requestHash(a));
  });
});

describe('createChatModel settings for cassettes', () => {
  it('needs a cassette to replay', () => {
    expect(() => createChatModel({ provider: 'replay' })).toThrow(/needs a cassette/);
  });

  it('records through any provider into a file that replays', async () => {
    server = await startOpenAIServer(['one']);
    const file = join(dir, 'single.jsonl');
    const model = createChatModel({ provider: 'openai', baseURL: server.url, model: 'test-model', record: file, env: {} });
    expect(model).toBeInstanceOf(RecordingModel);
    expect((model as RecordingModel).provider).toBe('openai');
    const inner = new OpenAIChatModel({ baseURL: server.url, model: 'test-model', apiKey: 'x' });
    expect(inner.provider).toBe('openai');
    await model.complete({ messages: [{ role: 'user', content: 'go' }] });
    const replay = new ReplayModel(file);
    expect((await replay.complete({ messages: [{ role: 'user', content: 'go' }] })).text).toBe('one');
  });
});
