// The vlm monitor through the real `openai` client against a real local server: which
// checkpoints it asks about, what it sends, and how a bad answer becomes a verdict.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatModel, isModelError } from '../../llm/index.ts';
import { createWorld, evaluatePredicate } from '../../sim/index.ts';
import type { AttemptData } from '../../sim/index.ts';
import { getTask, instantiateScene } from '../../tasks/index.ts';
import type { ViewImages } from '../../monitor/index.ts';
import { createVlmMonitor, NOT_INSPECTED_AFTER_FAILURE, NOT_INSPECTED_SUCCESS, VlmVerdictSchema } from '../../monitor/vlm-monitor.ts';
import { runAttempt } from '../../policy/program/index.ts';
import { startOpenAIServer, type OpenAIServer, type ScriptStep } from '../helpers/openai-server.ts';
import { GOOD_PROGRAM, solidPng, WRONG_PROGRAM } from './fixtures.ts';
import { jpegHeader } from '../llm/png-fixture.ts';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function monitor(script: ScriptStep[]) {
  server = await startOpenAIServer(script);
  return createVlmMonitor(
    createChatModel({
      provider: 'openai',
      kind: 'vision',
      baseURL: server.url,
      apiKey: 'sk-test',
      model: 'test-vlm',
      env: {},
    }),
  );
}

async function attempt(program: string): Promise<{ data: AttemptData; ok: boolean }> {
  const task = getTask('red_on_blue');
  const scene = instantiateScene(task, 1);
  const world = await createWorld(scene, { timeLimit: task.timeLimit });
  try {
    const outcome = await runAttempt({ world, program });
    const final = outcome.trace.checkpoints.at(-1)?.snapshot ?? world.initial;
    const ok = evaluatePredicate(task.success, { scene, state: final, initial: world.initial }).ok;
    return { data: { scene, instruction: task.instruction, program, trace: outcome.trace, error: outcome.error }, ok };
  } finally {
    world.free();
  }
}

/** Synthetic rgb images per checkpoint (the monitor does not care how they were made; it sends the JPEG). */
function images(data: AttemptData): ViewImages[] {
  const png = solidPng([120, 160, 90]);
  const rgbJpeg = jpegHeader(32, 24);
  const view = (name: 'front' | 'top' | 'side') => ({
    view: name,
    width: 32,
    height: 24,
    rgbPng: png,
    rgbJpeg,
    idLegend: [],
    camera: undefined as never,
  });
  return data.trace.checkpoints.map(() => ({ front: view('front'), top: view('top'), side: view('side') }));
}

const verdictJson = (ok: boolean, failureKind = 'none', objects: string[] = [], explanation = 'looks fine') =>
  JSON.stringify({ ok, failureKind, objects, explanation });

let wrong: { data: AttemptData; ok: boolean };
let good: { data: AttemptData; ok: boolean };
beforeAll(async () => {
  wrong = await attempt(WRONG_PROGRAM);
  good = await attempt(GOOD_PROGRAM);
});

describe('vlm monitor', () => {
  it('does not ask the model about an attempt that succeeded without error', async () => {
    const m = await monitor([]);
    expect(good.ok).toBe(true);
    const verdicts = await m.inspect(good.data, images(good.data), { success: { ok: true, detail: 'done' } });
    expect(server!.chatBodies).toHaveLength(0);
    expect(verdicts).toHaveLength(good.data.trace.checkpoints.length);
    for (const v of verdicts) expect(v).toMatchObject({ ok: true, evidence: [NOT_INSPECTED_SUCCESS] });
  });

  it('asks per subgoal end with the subgoal, its expectation and the images, and stops at the first failure', async () => {
    const m = await monitor([
      verdictJson(true, 'none', ['red_block'], 'The red block is between the fingers.'),
      verdictJson(
        false,
        'expectation-unmet',
        ['red_block', 'blue_block'],
        'The red block lies on the table 12 cm right of the blue block.',
      ),
    ]);
    expect(wrong.ok).toBe(false);
    const verdicts = await m.inspect(wrong.data, images(wrong.data), { success: { ok: false, detail: 'not on' } });
    expect(server!.chatBodies).toHaveLength(2);

    const body = server!.chatBodies[1];
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'verdict' } });
    const parts = body.messages[1].content;
    const text = parts
      .filter((p: any) => p.type === 'text')
      .map((p: any) => p.text)
      .join('\n');
    expect(text).toContain('"put the red block on the blue block"');
    expect(text).toContain('{"on":["red_block","blue_block"]}');
    expect(parts.filter((p: any) => p.type === 'image_url').map((p: any) => p.image_url.url.slice(0, 15))).toEqual([
      'data:image/jpeg',
      'data:image/jpeg',
    ]);

    const cps = wrong.data.trace.checkpoints;
    const failing = verdicts.find((v) => !v.ok)!;
    expect(cps[failing.checkpoint]!.reason).toBe('subgoal-end');
    expect(failing.failure).toMatchObject({ kind: 'expectation-unmet', objects: ['red_block', 'blue_block'] });
    expect(failing.failure!.explanation).toContain('12 cm right of the blue block');
    expect(failing.evidence?.[0]).toMatch(/^vlm \(test-vlm, front\+top\): expectation-unmet/);
    for (const v of verdicts.filter((x) => x.checkpoint > failing.checkpoint))
      expect(v).toMatchObject({ ok: true, evidence: [NOT_INSPECTED_AFTER_FAILURE] });
    expect(m.usage.inputTokens).toBeGreaterThan(0);
  });

  it('checks the end against the whole task when every subgoal looked done', async () => {
    const m = await monitor([
      verdictJson(true),
      verdictJson(true),
      verdictJson(false, 'expectation-unmet', [], 'The red block is not on the blue block.'),
    ]);
    const verdicts = await m.inspect(wrong.data, images(wrong.data), { success: null });
    expect(server!.chatBodies).toHaveLength(3);
    const last = server!.chatBodies[2].messages[1].content[0].text;
    expect(last).toContain('Judge whether the whole task is done');
    expect(verdicts.at(-1)).toMatchObject({ ok: false, failure: { kind: 'expectation-unmet', objects: ['red_block', 'blue_block'] } });
  });

  it.each([
    ['prose instead of JSON', 'The block looks fine to me.'],
    ['JSON that does not match the schema', JSON.stringify({ ok: 'yes', failureKind: 'slipped' })],
  ])('turns %s into a monitor-error verdict', async (_name, bad) => {
    // The provider asks once more with the schema in the prompt before giving up.
    const m = await monitor([bad, bad]);
    const verdicts = await m.inspect(wrong.data, images(wrong.data), { success: { ok: false, detail: 'x' } });
    const failing = verdicts.find((v) => !v.ok)!;
    expect(failing.failure).toMatchObject({ kind: 'monitor-error' });
    expect(failing.failure!.explanation).toMatch(/the vision model gave no usable verdict \(bad-response: /);
  });

  it('turns missing images into a monitor-error verdict without asking', async () => {
    const m = await monitor([]);
    const verdicts = await m.inspect(wrong.data, null, { success: { ok: false, detail: 'x' } });
    expect(server!.chatBodies).toHaveLength(0);
    expect(verdicts.find((v) => !v.ok)!.failure).toMatchObject({
      kind: 'monitor-error',
      explanation: 'the checkpoint has no rgb images to look at',
    });
  });

  it('rethrows an auth error so the run stops with its message', async () => {
    const m = await monitor([{ status: 401 }]);
    const error = await m.inspect(wrong.data, images(wrong.data), { success: { ok: false, detail: 'x' } }).catch((e: unknown) => e);
    expect(isModelError(error, 'auth')).toBe(true);
  });

  it('validates verdicts with one zod schema that is sent as JSON schema', () => {
    expect(VlmVerdictSchema.safeParse({ ok: true, failureKind: 'none', objects: [], explanation: 'ok' }).success).toBe(true);
    expect(VlmVerdictSchema.safeParse({ ok: false, failureKind: 'program-error', objects: [], explanation: 'x' }).success).toBe(false);
  });
});
