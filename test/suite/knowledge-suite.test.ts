// A suite reads the knowledge base from its worker threads at once (WAL readers), every
// episode records what it was given, nothing is written back, and a resumed suite refuses
// a knowledge base that changed in between (the settings carry its fingerprint).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeKnowledge, distillByRule, KnowledgeBase, knowledgeFingerprint } from '../../policy/knowledge/index.ts';
import { runSuite, type SuiteSettings } from '../../policy/suite/index.ts';
import { getTask } from '../../tasks/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';

afterAll(() => closeKnowledge());

describe('suite with a knowledge base', () => {
  it('every worker retrieves the same entry, episodes name it, the file is not written', async () => {
    const dir = tempDir('kb-suite');
    const file = join(dir, 'knowledge.db');
    const kb = KnowledgeBase.open(file);
    const bottle = {
      id: 'white_bottle',
      shape: 'cylinder' as const,
      color: 'white' as const,
      size: [0.045, 0.045, 0.14] as [number, number, number],
      position: [0, 0, 0.07] as [number, number, number],
      yaw: 0,
    };
    const [entry] = distillByRule({
      taskId: 'slippery_bottle',
      seed: 0,
      instruction: 'Move the white bottle onto the green square.',
      objects: [bottle],
      programmer: 'builtin:rules',
      session: null,
      corrections: [
        {
          text: 'grasp it from the side',
          class: 'skill',
          programBefore: "pick('white_bottle');",
          programAfter: "pick('white_bottle', { approach: 'side' });",
        },
      ],
    });
    const { id } = kb.add(entry!);
    kb.close();
    const print = knowledgeFingerprint(file)!;
    expect(print).toMatch(/^1 entries, [0-9a-f]{12}$/);
    const settings: SuiteSettings = {
      provider: 'builtin',
      model: 'rules',
      vlmModel: null,
      monitor: 'state',
      maxRepairs: 0,
      engine: 'rapier',
      oracle: true,
      perception: 'exact',
      knowledge: print,
    };
    const out = join(dir, 'suite');
    const tasks = [getTask('slippery_can_in_tray'), getTask('slippery_bottle'), getTask('red_on_blue')];
    const r = await runSuite({ tasks, seeds: [0, 1, 2], settings, outDir: out, workers: 2, images: false, knowledgeFile: file });
    expect(r.lines).toHaveLength(9);
    for (const line of r.lines) {
      expect(line.error).toBeNull();
      const given = line.knowledge?.retrieved.map((k) => k.id);
      expect(given).toEqual(line.task === 'red_on_blue' ? [] : [id]);
      expect(line.success).toBe(true);
    }
    // Read only: no use was counted, nothing was added.
    const after = KnowledgeBase.open(file, { readonly: true });
    expect(after.get(id)!.uses).toBe(0);
    expect(after.stats().entries).toBe(1);
    after.close();
    expect(knowledgeFingerprint(file)).toBe(print);

    // A changed knowledge base: resuming under the old settings is refused.
    const w = KnowledgeBase.open(file);
    w.recordOutcome([id], true);
    w.close();
    closeKnowledge();
    const changed = knowledgeFingerprint(file)!;
    expect(changed).not.toBe(print);
    await expect(
      runSuite({
        tasks,
        seeds: [0, 1, 2, 3],
        settings: { ...settings, knowledge: changed },
        outDir: out,
        workers: 2,
        images: false,
        resume: true,
        knowledgeFile: file,
      }),
    ).rejects.toThrow(/knowledge/);
  });
});
