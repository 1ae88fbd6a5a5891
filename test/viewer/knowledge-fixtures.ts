// Real records with knowledge (the flow, builtin programmer, physics): a correction
// session teaches "grasp it from the side" on the white slippery bottle into a fresh
// knowledge base, then an episode of the yellow slippery can in the tray retrieves that
// entry, applies it and succeeds on its first attempt.
import { join } from 'node:path';
import { CorrectionSession } from '../../policy/corrections/index.ts';
import type { KnowledgeSettings } from '../../policy/knowledge/index.ts';
import { runEpisode } from '../../policy/loop/index.ts';
import { RuleProgrammer } from '../../policy/programmers/index.ts';
import { loadTask } from '../../tasks/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';

export interface KnowledgeRecords {
  /** The knowledge base file. */
  kb: string;
  /** The teaching session's record folder. */
  teachDir: string;
  /** The later episode's record folder. */
  runDir: string;
  /** The entry the session taught and the episode retrieved. */
  entryId: number;
}

export async function writeKnowledgeRecords(root = tempDir('viewer-kb')): Promise<KnowledgeRecords> {
  const kb: KnowledgeSettings = { file: join(root, 'knowledge.db'), learn: true };
  const teachDir = join(root, 'teach-slippery_bottle');
  const session = await CorrectionSession.start({
    task: loadTask('slippery_bottle'),
    seed: 0,
    programmer: new RuleProgrammer(),
    monitor: 'state',
    knowledge: kb,
    outDir: teachDir,
  });
  await session.run();
  const r = await session.correct('grasp it from the side');
  if (r.kind !== 'applied') throw new Error(`the correction was not applied: ${r.kind}`);
  await session.run();
  const taught = await session.close('done');
  const entryId = taught.knowledge?.learned[0] ?? taught.knowledge?.merged[0];
  if (entryId === undefined) throw new Error(`the session taught nothing: ${JSON.stringify(taught.knowledge)}`);

  const runDir = join(root, 'run-slippery_can_in_tray');
  const record = await runEpisode({
    task: loadTask('slippery_can_in_tray'),
    seed: 0,
    programmer: new RuleProgrammer(),
    monitor: 'state',
    maxRepairs: 0,
    oracle: true,
    knowledge: { ...kb, learn: false },
    outDir: runDir,
    recordImages: 'none',
  });
  if (!record.success) throw new Error(`slippery_can_in_tray failed with the knowledge: ${record.successDetail}`);
  return { kb: kb.file, teachDir, runDir, entryId };
}
