import type { Checkpoint, Snapshot, Trace } from '../../sim/index.ts';
import { instantiateScene, loadTask } from '../../tasks/index.ts';
import { snapshotFromScene } from '../../monitor/index.ts';
import { writeAttemptFiles, writeEpisodeRecord } from '../../policy/loop/index.ts';
import type { AttemptRecord, EpisodeRecord } from '../../policy/loop/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';

function checkpoint(index: number, label: string, t: number, s: Snapshot): Checkpoint {
  return { index, label, reason: index === 0 ? 'subgoal-end' : 'end', subgoal: 0, seq: index, t, snapshot: { ...s, t } };
}

const PROGRAMS = [
  "subgoal('pick up the red block', { expect: { grasped: 'red_block' } });\npick('red_block');\nplace('blue_block');\n",
  "subgoal('pick up the red block', { expect: { grasped: 'red_block' } });\npick('red_block', { approach: 'top' });\nplace('blue_block');\n",
];

function attemptRecord(index: number, success: boolean): AttemptRecord {
  return {
    index,
    success,
    successDetail: success ? 'red_block is on blue_block' : 'red_block is 12 cm from blue_block',
    origin: index === 0 ? 'generate' : 'repair',
    error: success ? null : { kind: 'GraspError', message: 'nothing grasped', line: 2 },
    monitorOk: success,
    failingCheckpoint: success ? null : 0,
    diagnosisKind: success ? null : 'not-grasped',
    tokensIn: 0,
    tokensOut: 0,
    promptTokens: 0,
    monitorTokensIn: 0,
    monitorTokensOut: 0,
    wallMs: 1200,
    modelMs: 0,
    simSeconds: 3,
    apiCalls: 3,
    checkpoints: 2,
    images: 0,
  };
}

/** Writes the record and returns its folder. */
export function writeSyntheticRun(dir = tempDir('viewer-run')): string {
  const task = loadTask('red_on_blue');
  const scene = instantiateScene(task, 0);
  const s0 = snapshotFromScene(scene);
  for (const k of [0, 1]) {
    const trace: Trace = {
      events: [
        {
          type: 'subgoal-start',
          seq: 0,
          t: 0.3,
          line: 1,
          subgoal: 0,
          description: 'pick up the red block',
          expect: { grasped: 'red_block' },
        },
        {
          type: 'call',
          seq: 1,
          t: 2.5,
          line: 2,
          call: 'pick',
          args: ['red_block'],
          gripper: { ...s0.gripper, position: [0.1, 0, 0.1] },
          ...(k === 0 ? { error: { kind: 'GraspError' as const, message: 'nothing grasped' } } : {}),
        },
      ],
      subgoals: [{ index: 0, description: 'pick up the red block', line: 1, tStart: 0.3, tEnd: 2.5 }],
      checkpoints: [checkpoint(0, 'subgoal-0', 2.5, s0), checkpoint(1, 'end', 3, s0)],
    };
    const verdicts = trace.checkpoints.map((cp) => ({
      checkpoint: cp.index,
      label: cp.label,
      subgoal: 0,
      ok: k === 1,
      ...(k === 0 ? { failure: { kind: 'not-grasped', objects: ['red_block'], explanation: 'red_block is not in the hand.' } } : {}),
    }));
    writeAttemptFiles(
      dir,
      k,
      {
        program: PROGRAMS[k]!,
        trace,
        verdicts,
        ...(k === 0 ? { diagnosis: { kind: 'not-grasped' }, diagnosisText: 'The grasp of red_block failed at line 2.' } : {}),
      },
      { ok: k === 1, detail: attemptRecord(k, k === 1).successDetail },
    );
  }
  const record: EpisodeRecord = {
    task: 'red_on_blue',
    taskFile: task.file,
    taskHash: task.hash,
    seed: 0,
    instruction: task.instruction,
    engine: 'rapier',
    provider: 'builtin',
    model: 'rules',
    monitor: 'state',
    maxRepairs: 1,
    oracle: true,
    perception: { mode: 'exact' },
    success: true,
    successDetail: 'red_block is on blue_block',
    solvedAt: 1,
    stoppedBy: 'success',
    attempts: [attemptRecord(0, false), attemptRecord(1, true)],
    tokensIn: 0,
    tokensOut: 0,
    wallMs: 2400,
    startedAt: new Date(0).toISOString(),
    versions: {},
    warnings: [],
  };
  writeEpisodeRecord(dir, record);
  return dir;
}

/**
 * A real correction session's record (CorrectionSession, the rule programmer, physics):
 * attempt 0 interrupted before its third API call; "lift it higher" (skill-level)
 * applied and run on from that world (attempt 1, which succeeds); then a correction the
 * rule programmer cannot read, not applied. Returns its folder.
 */
export async function writeCorrectionSession(dir = tempDir('viewer-session')): Promise<string> {
  const { CorrectionSession } = await import('../../policy/corrections/index.ts');
  const { RuleProgrammer } = await import('../../policy/programmers/index.ts');
  const s = await CorrectionSession.start({
    task: loadTask('red_on_blue'),
    seed: 0,
    programmer: new RuleProgrammer(),
    monitor: 'state',
    outDir: dir,
  });
  let calls = 0;
  await s.run({ interrupt: () => ++calls > 2 });
  await s.correct('lift it higher');
  await s.run();
  await s.correct('sing me a song about zebras');
  await s.close('done');
  return dir;
}
