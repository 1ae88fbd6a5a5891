// Hand-made scenes and snapshots for the monitor tests: no physics needed.

import type { SceneSpec, Snapshot, Vec3, Quat } from '../../sim/index.ts';
import { snapshotFromScene } from '../../monitor/scene-snapshot.ts';
import { sceneObject } from '../helpers/scene-objects.ts';

export const SCENE: SceneSpec = {
  objects: [
    sceneObject('red_block', 'box', [0.04, 0.04, 0.04], { color: 'red', at: [-0.15, 0.05], yaw: 0.3 }),
    sceneObject('blue_block', 'box', [0.05, 0.05, 0.05], { color: 'blue', at: [0.1, 0.05] }),
    sceneObject('yellow_can', 'cylinder', [0.05, 0.05, 0.08], { color: 'yellow', at: [0.0, 0.2] }),
    sceneObject('green_bowl', 'bowl', [0.14, 0.14, 0.06], { color: 'green', at: [0.25, -0.15] }),
    sceneObject('purple_ball', 'sphere', [0.04, 0.04, 0.04], { color: 'purple', at: [-0.3, -0.12] }),
    sceneObject('gray_tray', 'tray', [0.16, 0.12, 0.03], { color: 'gray', at: [-0.28, 0.2] }),
  ],
  zones: [{ id: 'goal', min: [0.2, 0.12], max: [0.38, 0.3], color: 'cyan' }],
};

export function initial(scene: SceneSpec = SCENE): Snapshot {
  return snapshotFromScene(scene);
}

/** A copy of `s` with some objects moved / rotated and the gripper changed. */
export function edit(
  s: Snapshot,
  changes: Record<string, { position?: Vec3; quaternion?: Quat }>,
  gripper?: Partial<Snapshot['gripper']>,
  t = s.t + 1,
): Snapshot {
  const out: Snapshot = structuredClone({ ...s, engineState: undefined });
  delete out.engineState;
  out.t = t;
  for (const [id, c] of Object.entries(changes)) {
    const o = out.objects[id]!;
    if (c.position) o.position = [...c.position];
    if (c.quaternion) o.quaternion = [...c.quaternion];
  }
  if (gripper) out.gripper = { ...out.gripper, ...gripper };
  return out;
}

/** Quaternion for a rotation of `angle` about the x axis (a box lying on its side). */
export function tippedX(angle = Math.PI / 2): Quat {
  return [Math.sin(angle / 2), 0, 0, Math.cos(angle / 2)];
}

import type {
  AttemptData,
  CallEvent,
  Checkpoint,
  CheckpointReason,
  MovedObject,
  Predicate,
  ProgramError,
  SubgoalInfo,
  TraceEvent,
} from '../../sim/index.ts';

export interface StepSpec {
  label: string;
  reason: CheckpointReason;
  subgoal: number | null;
  snapshot: Snapshot;
  /** Calls made since the previous checkpoint (their gripper is the checkpoint's). */
  calls?: {
    call: string;
    args: unknown[];
    line?: number;
    error?: { kind: 'GraspError' | 'ReachError' | 'Error'; message: string };
    /** What the call moved (CallEvent.moved), as the trace recorder lists it. */
    moved?: MovedObject[];
  }[];
}

/** An attempt from hand-made checkpoints: no physics, no sandbox. */
export function attemptOf(
  scene: SceneSpec,
  subgoals: { description: string; expect?: Predicate; line?: number }[],
  steps: StepSpec[],
  error: ProgramError | null = null,
  program = '',
): AttemptData {
  const events: TraceEvent[] = [];
  const checkpoints: Checkpoint[] = [];
  let seq = 0;
  steps.forEach((s, i) => {
    for (const c of s.calls ?? []) {
      const e: CallEvent = {
        type: 'call',
        seq: seq++,
        t: s.snapshot.t,
        line: c.line ?? null,
        call: c.call,
        args: c.args,
        gripper: structuredClone(s.snapshot.gripper),
      };
      if (c.error) e.error = c.error;
      if (c.moved) e.moved = c.moved;
      events.push(e);
    }
    checkpoints.push({
      index: i,
      label: s.label,
      reason: s.reason,
      subgoal: s.subgoal,
      seq: seq - 1,
      t: s.snapshot.t,
      snapshot: s.snapshot,
    });
  });
  const infos: SubgoalInfo[] = subgoals.map((g, i) => ({
    index: i,
    description: g.description,
    line: g.line ?? null,
    tStart: i,
    tEnd: i + 1,
    ...(g.expect ? { expect: g.expect } : {}),
  }));
  return { scene, instruction: 'Put the red block on the blue block.', program, trace: { events, subgoals: infos, checkpoints }, error };
}

export const RED_ON_BLUE_SUBGOALS = [
  { description: 'pick up the red block', expect: { grasped: 'red_block' } as Predicate, line: 1 },
  { description: 'put it on the blue block', expect: { on: ['red_block', 'blue_block'] } as Predicate, line: 4 },
];

/** red_block picked and put down at `placeAt` (its centre); the rest of the scene as laid out. */
export function redOnBlueAttempt(placeAt: Vec3, extra: Record<string, { position?: Vec3; quaternion?: Quat }> = {}): AttemptData {
  const s0 = initial();
  const held = edit(
    s0,
    { red_block: { position: [-0.15, 0.05, 0.12], quaternion: [0, 0, 0, 1] } },
    { position: [-0.15, 0.05, 0.12], width: 0.04, holding: 'red_block', yaw: 0 },
    2,
  );
  const placed = edit(
    held,
    { red_block: { position: placeAt }, ...extra },
    { position: [placeAt[0], placeAt[1], placeAt[2] + 0.08], width: 0.06, holding: null },
    5,
  );
  return attemptOf(
    SCENE,
    RED_ON_BLUE_SUBGOALS,
    [
      { label: 'pick-red_block', reason: 'action', subgoal: 0, snapshot: held, calls: [{ call: 'pick', args: ['red_block'], line: 2 }] },
      { label: 'subgoal-0', reason: 'subgoal-end', subgoal: 0, snapshot: held },
      {
        label: 'place-blue_block',
        reason: 'action',
        subgoal: 1,
        snapshot: placed,
        calls: [{ call: 'place', args: ['blue_block'], line: 5 }],
      },
      { label: 'subgoal-1', reason: 'subgoal-end', subgoal: 1, snapshot: placed },
      { label: 'end', reason: 'end', subgoal: 1, snapshot: placed },
    ],
    null,
    "subgoal('pick up the red block', { expect: { grasped: 'red_block' } });\npick('red_block');\n\nsubgoal('put it on the blue block', { expect: { on: ['red_block', 'blue_block'] } });\nplace('blue_block');\n",
  );
}
