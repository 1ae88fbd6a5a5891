// Retrieval on a real knowledge base file: skill entries reach objects of the same shape
// class and build whatever their colour, never another shape or build; plan rules reach
// scenes where their precondition holds; low confidence is left out; the prompt budget
// holds; embeddings from a real OpenAI-protocol server (POLICYLOOP_EMBED_MODEL) rank a
// rule in words that shares no word with the instruction.
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  appearanceFromFacts,
  closeKnowledge,
  distillByRule,
  KnowledgeBase,
  KNOWLEDGE_TOKEN_BUDGET,
  knowledgeLine,
  learnFromEpisode,
  resetEmbedder,
  retrieveForEpisode,
  retrieveKnowledge,
  type DistillInput,
} from '../../policy/knowledge/index.ts';
import { countTokens } from '../../llm/index.ts';
import { createWorld, type ObjectInfo, type SceneSpec } from '../../sim/index.ts';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.ts';
import { tempDir } from '../helpers/temp-dir.ts';

afterAll(() => closeKnowledge());

const obj = (
  id: string,
  shape: ObjectInfo['shape'],
  color: string,
  size: [number, number, number],
  at: [number, number] = [0, 0],
  z = size[2] / 2,
): ObjectInfo => ({
  id,
  shape,
  color: color as ObjectInfo['color'],
  size,
  position: [at[0], at[1], z],
  yaw: 0,
});

const redBottle = obj('red_bottle', 'cylinder', 'red', [0.045, 0.045, 0.14]);
const blueBottle = obj('blue_bottle', 'cylinder', 'blue', [0.042, 0.042, 0.13], [0.1, 0]);
const squatCan = obj('squat_can', 'cylinder', 'blue', [0.09, 0.09, 0.05], [-0.1, 0]);
const cube = obj('blue_cube', 'box', 'blue', [0.045, 0.045, 0.13], [0.2, 0.1]);

function sideGraspFrom(o: ObjectInfo): DistillInput {
  return {
    taskId: 'teach_bottle',
    seed: 0,
    instruction: `Move the ${o.color} bottle onto the square.`,
    objects: [o],
    programmer: 'builtin:rules',
    session: null,
    corrections: [
      {
        text: 'grasp it from the side',
        class: 'skill',
        programBefore: `pick('${o.id}');`,
        programAfter: `pick('${o.id}', { approach: 'side' });`,
      },
    ],
  };
}

function freshKb(): KnowledgeBase {
  return KnowledgeBase.open(join(tempDir('kb-retrieve'), 'knowledge.db'));
}

describe('retrieveKnowledge', () => {
  it('a side grasp learned on a red bottle reaches a blue bottle of the same build, not a squat can or a box', () => {
    const kb = freshKb();
    const [entry] = distillByRule(sideGraspFrom(redBottle));
    const { id } = kb.add(entry!);
    const q = (objects: ObjectInfo[]) => retrieveKnowledge(kb, { instruction: 'Put the bottle in the bowl.', objects });
    const items = q([blueBottle, squatCan, cube]);
    expect(items.map((i) => [i.id, i.objects])).toEqual([[id, ['blue_bottle']]]);
    expect(items[0]!.why).toMatch(/looks like blue_bottle/);
    expect(q([squatCan, cube])).toEqual([]);
    kb.close();
  });

  it('rendered appearance counts when given: the same build in another colour still matches', () => {
    const kb = freshKb();
    kb.add(distillByRule(sideGraspFrom(redBottle))[0]!);
    const appearance = new Map([[blueBottle.id, appearanceFromFacts(blueBottle)]]);
    expect(retrieveKnowledge(kb, { instruction: 'Stand it up.', objects: [blueBottle], appearance })).toHaveLength(1);
    kb.close();
  });

  it('a clear-first rule reaches a scene where something stands on an object of its shape, and only then', () => {
    const kb = freshKb();
    const box = obj('brown_box', 'box', 'brown', [0.08, 0.08, 0.05]);
    const vase = obj('pink_vase', 'cylinder', 'pink', [0.04, 0.04, 0.1], [0.005, 0], 0.05 + 0.05);
    kb.add({
      kind: 'plan',
      text: 'Before moving an object, take off whatever stands on it or in it and set that on the table first.',
      params: { rule: 'clear-first' },
      scope: { shapes: ['box'], verbs: ['move'], taskIds: ['cup_off_box'] },
      sources: [
        {
          origin: 'correction',
          session: null,
          correction: 'take the cup off first',
          taskId: 'cup_off_box',
          seed: 0,
          at: '2026-12-04T00:00:00Z',
          programmer: 'builtin:rules',
        },
      ],
    });
    const items = retrieveKnowledge(kb, { instruction: 'Put the brown box in the tray.', objects: [box, vase] });
    expect(items.map((i) => i.objects)).toEqual([['brown_box']]);
    const apart = { ...vase, position: [0.3, 0.2, 0.05] as [number, number, number] };
    expect(retrieveKnowledge(kb, { instruction: 'Put the brown box in the tray.', objects: [box, apart] })).toEqual([]);
    kb.close();
  });

  it('leaves out entries whose confidence fell below the floor, and keeps within the token budget', () => {
    const kb = freshKb();
    const { id } = kb.add(distillByRule(sideGraspFrom(redBottle))[0]!);
    for (let i = 0; i < 12; i++) kb.recordOutcome([id], false);
    expect(kb.get(id)!.confidence).toBeLessThan(0.25);
    expect(retrieveKnowledge(kb, { instruction: 'Move the bottle.', objects: [blueBottle] })).toEqual([]);
    // Many long rules that all match by text: the budget cuts them.
    for (let i = 0; i < 40; i++) {
      kb.add({
        kind: 'plan',
        text: `Bottle rule ${i}: move every bottle slowly and keep it upright, checking ${'its footing and its neighbours '.repeat(3)}before letting go number ${i}.`,
        scope: { shapes: [], verbs: ['move'], taskIds: ['t'] },
        sources: [{ origin: 'import', session: null, correction: null, taskId: 't', seed: 0, at: '2026-12-04T00:00:00Z', programmer: 'x' }],
      });
    }
    const items = retrieveKnowledge(kb, { instruction: 'Move the bottle upright.', objects: [blueBottle] });
    expect(items.length).toBeGreaterThan(3);
    expect(items.length).toBeLessThan(40);
    const tokens = items.reduce((a, i) => a + countTokens(knowledgeLine(i)) + 1, 0);
    expect(tokens).toBeLessThanOrEqual(KNOWLEDGE_TOKEN_BUDGET);
    kb.close();
  });
});

describe('embeddings (real HTTP server)', () => {
  let server: OpenAIServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
    delete process.env.POLICYLOOP_EMBED_MODEL;
    delete process.env.POLICYLOOP_EMBED_BASE_URL;
    resetEmbedder();
  });

  it('ranks a rule in words by embedding similarity when no word is shared, and stores the vector when learning', async () => {
    // A toy but real embedding: counts of a few concept words, so "tumbler" and "cup" are close.
    const concepts = [
      ['cup', 'tumbler', 'mug'],
      ['tray', 'platter'],
      ['drop', 'spill'],
    ];
    server = await startOpenAIServer([], {
      embed: (texts) => texts.map((t) => concepts.map((words) => words.filter((w) => t.toLowerCase().includes(w)).length + 0.01)),
    });
    process.env.POLICYLOOP_EMBED_MODEL = 'test-embed';
    process.env.POLICYLOOP_EMBED_BASE_URL = server.url;
    resetEmbedder();
    const file = join(tempDir('kb-embed'), 'knowledge.db');
    const kb = KnowledgeBase.open(file);
    const { id } = kb.add({
      kind: 'plan',
      text: 'Carry a mug level so nothing spills.',
      scope: { shapes: [], verbs: [], taskIds: ['t'] },
      sources: [{ origin: 'import', session: null, correction: null, taskId: 't', seed: 0, at: '2026-12-04T00:00:00Z', programmer: 'x' }],
    });
    kb.setEmbedding(id, 'test-embed', Float32Array.from([1.01, 0.01, 1.01]));
    kb.close();
    const scene: SceneSpec = { objects: [], zones: [] } as unknown as SceneSpec;
    const world = await createWorld(scene);
    const r = await retrieveForEpisode(
      { file, learn: false },
      { instruction: 'Bring the tumbler over to the platter without a drop.', objects: [], scene, snapshot: world.snapshot() },
    );
    world.free();
    expect(r.items.map((i) => i.id)).toEqual([id]);
    expect(server.requests.some((q) => q.path === '/v1/embeddings')).toBe(true);
    // Learning embeds each new entry's text and stores the vector under the model's name.
    const learned = await learnFromEpisode({ file, learn: true }, r.use, true, sideGraspFrom(redBottle));
    expect(learned.learned).toHaveLength(1);
    const stored = KnowledgeBase.open(file);
    expect([...stored.embeddings('test-embed').keys()].sort()).toEqual([id, learned.learned[0]].sort());
    stored.close();
  });
});
