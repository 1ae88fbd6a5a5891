// The vlm monitor inside a whole episode: real world, real renderer, the real `openai`
// client against a local OpenAI-protocol server that plays the vision model.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createChatModel } from '../../llm/index.ts';
import { getTask } from '../../tasks/index.ts';
import { closeRenderer, findBrowser } from '../../monitor/index.ts';
import { runEpisode } from '../../policy/loop/index.ts';
import { GivenProgrammer } from '../../policy/programmers/index.ts';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.ts';
import { WRONG_PROGRAM } from './fixtures.ts';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(async () => {
  await closeRenderer();
});

const hasBrowser = findBrowser().path !== null;

describe.skipIf(!hasBrowser)('vlm monitor in an episode', () => {
  it('sends checkpoint images of a failed attempt and records its verdict and tokens', async () => {
    const verdict = JSON.stringify({
      ok: false,
      failureKind: 'expectation-unmet',
      objects: ['red_block'],
      explanation: 'the red block lies on the table beside the blue block',
    });
    server = await startOpenAIServer(() => verdict);
    const vlmChat = createChatModel({
      provider: 'openai',
      kind: 'vision',
      baseURL: server.url,
      apiKey: 'sk-test',
      model: 'vision-test',
      env: {},
    });
    const record = await runEpisode({
      task: getTask('red_on_blue'),
      seed: 1,
      programmer: new GivenProgrammer(WRONG_PROGRAM),
      monitor: 'vlm',
      vlmChat,
      maxRepairs: 0,
      oracle: true,
    });
    expect(record.monitor).toBe('vlm');
    expect(record.success).toBe(false);
    const attempt = record.attempts[0]!;
    expect(attempt.monitorOk).toBe(false);
    expect(attempt.monitorTokensIn).toBeGreaterThan(0);
    expect(attempt.tokensIn).toBe(attempt.monitorTokensIn);
    const body = server.chatBodies[0] as { messages: { content: unknown }[] };
    expect(JSON.stringify(body.messages)).toContain('data:image/jpeg;base64,');
  });

  it('does not call the model when the task succeeded without an error', async () => {
    server = await startOpenAIServer([]);
    const vlmChat = createChatModel({
      provider: 'openai',
      kind: 'vision',
      baseURL: server.url,
      apiKey: 'sk-test',
      model: 'vision-test',
      env: {},
    });
    const task = getTask('red_on_blue');
    const record = await runEpisode({
      task,
      seed: 1,
      programmer: new GivenProgrammer(task.reference),
      monitor: 'vlm',
      vlmChat,
      maxRepairs: 0,
      oracle: true,
    });
    expect(record.success).toBe(true);
    expect(server.chatBodies).toHaveLength(0);
    expect(record.attempts[0]!.monitorTokensIn).toBe(0);
  });
});
