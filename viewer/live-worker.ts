// The live episode, in a worker thread: physics and the sandbox are synchronous, so they
// run here and the viewer's main thread stays free to serve sockets. Streams pose frames
// (every 1/60 s of simulated time, posted at most ~60 times per wall second), the API
// call now running, trace events and checkpoints as they happen; paces and pauses
// through the shared control block (live-control.ts). Everything it posts is a
// ServerMessage the main thread relays as it is, plus one final LiveWorkerDone.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Checkpoint, GripperState, Pose, SimWorld, Snapshot, Trace, TraceEvent } from '../sim/index.ts';
import { instantiateScene, loadTask } from '../tasks/index.ts';
import { closeRenderBridges, closeRenderer } from '../monitor/index.ts';
import { parsePerceptionNoise } from '../policy/program/perception-settings.ts';
import { runEpisode } from '../policy/loop/index.ts';
import type { EpisodeEvent } from '../policy/loop/index.ts';
import { createProgrammer } from '../policy/programmers/index.ts';
import { loadQuickJS } from '../policy/program/index.ts';
import type { ProgramDraft } from '../policy/programmers/index.ts';
import { ControlBlock, LiveGate } from './live-control.ts';
import { encodeFrame } from './motion-track.ts';
import type { Frame, ServerMessage, StartRequest } from './protocol.ts';
import { draftChat, resultChat } from './loop-messages.ts';
import { readAttemptRecord } from './run-reader.ts';

export interface LiveWorkerData {
  request: StartRequest;
  /** Record folder of this episode (docs/architecture.md#run-records, plus the viewer's frames.json). */
  outDir: string;
  control: SharedArrayBuffer;
}

export interface LiveWorkerDone {
  type: 'worker-done';
  outcome: 'finished' | 'stopped' | 'failed';
  detail?: string;
}

export type LiveWorkerMessage = ServerMessage | LiveWorkerDone;

const FRAME_DT = 1 / 60;
const POST_INTERVAL_MS = 1000 / 60;
const FULL_SNAPSHOT_EVERY = 6;

class StopRequested extends Error {}

function withoutEngineState(s: Snapshot): Snapshot {
  const { engineState: _dropped, ...rest } = s;
  return rest;
}

export function checkpointForWire(cp: Checkpoint): Checkpoint {
  return { ...cp, snapshot: withoutEngineState(cp.snapshot) };
}

async function main(): Promise<void> {
  const data = workerData as LiveWorkerData;
  const port = parentPort!;
  const post = (m: LiveWorkerMessage): void => port.postMessage(m);
  const req = data.request;
  const control = new ControlBlock(data.control);

  const task = loadTask(req.task);
  const scene = instantiateScene(task, req.seed);
  const ids = scene.objects.map((o) => o.id);
  // The sandbox's wasm module compiles while the programmer writes the first program
  // (runAttempt awaits the same promise; a failure surfaces there).
  loadQuickJS().catch(() => {});
  const programmer = await createProgrammer({ provider: req.provider, model: req.model ?? null, cassette: req.cassette });

  let attempt = -1;
  let draft: { origin: 'generate' | 'repair'; draft: ProgramDraft } | null = null;
  let pending: Frame[] = [];
  let attemptFrames: Frame[] = [];
  let lastPost = 0;
  let lastSample = -Infinity;
  let trace: Readonly<Trace> | null = null;
  let sentEvents = 0;
  let sentCheckpoints = 0;
  let call: { index: number; name: string; line: number | null } | null = null;

  const sendTrace = (events: readonly TraceEvent[], checkpoints: readonly Checkpoint[]): void => {
    if (events.length > sentEvents) {
      post({ type: 'events', attempt, events: events.slice(sentEvents) });
      sentEvents = events.length;
    }
    if (checkpoints.length > sentCheckpoints) {
      post({ type: 'checkpoints', attempt, checkpoints: checkpoints.slice(sentCheckpoints).map(checkpointForWire) });
      sentCheckpoints = checkpoints.length;
    }
  };

  const flush = (force: boolean): void => {
    const now = performance.now();
    if (!force && now - lastPost < POST_INTERVAL_MS) return;
    lastPost = now;
    if (pending.length > 0) {
      post({ type: 'frames', attempt, frames: pending });
      pending = [];
    }
    if (trace) sendTrace(trace.events, trace.checkpoints);
    if (call) {
      post({ type: 'call', attempt, ...call });
      call = null;
    }
  };

  const gate = new LiveGate(control, {
    flush,
    paused: (_index, line) =>
      post({ type: 'status', status: 'paused', speed: control.speed, detail: line !== null ? `paused at line ${line}` : 'paused' }),
    resumed: () => post({ type: 'status', status: 'running', speed: control.speed }),
  });

  // Poses read one by one cost a seventh of a full snapshot; the gripper's approach (top
  // or side) is only in snapshots, so every FULL_SNAPSHOT_EVERY-th frame takes one.
  let approach: GripperState['approach'] = 'top';
  let sinceFull = FULL_SNAPSHOT_EVERY;
  const objects: Record<string, Pose> = {};
  const sample = (world: SimWorld): void => {
    let frame: Frame;
    if (++sinceFull >= FULL_SNAPSHOT_EVERY) {
      sinceFull = 0;
      const s = world.snapshot();
      approach = s.gripper.approach;
      frame = encodeFrame(s, ids);
    } else {
      for (const id of ids) objects[id] = world.getPose(id);
      frame = encodeFrame({ t: world.time, objects, gripper: { ...world.getGripper(), approach } }, ids);
    }
    pending.push(frame);
    attemptFrames.push(frame);
  };

  const onWorld = (world: SimWorld, k: number): void => {
    attempt = k;
    trace = null;
    sentEvents = 0;
    sentCheckpoints = 0;
    attemptFrames = [];
    pending = [];
    gate.reanchor();
    const d = draft?.draft;
    post({
      type: 'attempt-start',
      attempt: k,
      origin: draft?.origin ?? 'generate',
      program: d?.program ?? '',
      plan: d?.plan ?? [],
      initial: withoutEngineState(world.initial),
    });
    lastSample = world.time;
    sinceFull = FULL_SNAPSHOT_EVERY;
    sample(world);
    world.onStep = (w) => {
      if (w.time - lastSample >= FRAME_DT - 1e-9) {
        lastSample = w.time;
        sample(w);
      }
      flush(false);
      gate.afterStep(w.time);
    };
  };

  const onEvent = (e: EpisodeEvent): void => {
    if (e.type === 'draft') {
      draft = { origin: e.origin, draft: e.draft };
      post({ type: 'chat', item: draftChat(e.attempt, e.origin, e.draft) });
    } else {
      flush(true);
      const files = readAttemptRecord(data.outDir, e.attempt);
      if (files.trace) sendTrace(files.trace.events, files.trace.checkpoints);
      const r = e.record;
      writeFileSync(join(data.outDir, `attempt-${e.attempt}`, 'frames.json'), JSON.stringify({ ids, frames: attemptFrames }));
      post({
        type: 'attempt-end',
        attempt: e.attempt,
        success: r.success,
        successDetail: r.successDetail,
        error: r.error,
        monitorOk: r.monitorOk,
        verdicts: e.verdicts as never,
        diagnosis: files.diagnosis ?? null,
        diagnosisText: e.diagnosisText,
        images: [],
        tokensIn: r.tokensIn,
        tokensOut: r.tokensOut,
        wallMs: r.wallMs,
      });
      post({ type: 'chat', item: resultChat(e.attempt, r.success, r.successDetail, r.error) });
      if (e.diagnosisText) post({ type: 'chat', item: { role: 'loop', kind: 'diagnosis', attempt: e.attempt, text: e.diagnosisText } });
      trace = null;
    }
    if (gate.stopped) throw new StopRequested('stopped');
  };

  try {
    const record = await runEpisode({
      task,
      seed: req.seed,
      programmer,
      monitor: req.monitor,
      maxRepairs: req.maxRepairs,
      oracle: true,
      perception: {
        mode: req.perception ?? 'exact',
        ...(req.perception === 'noisy' && req.perceptionNoise ? { noise: parsePerceptionNoise(req.perceptionNoise) } : {}),
      },
      outDir: data.outDir,
      recordImages: req.images === true || req.monitor === 'pixels' || req.monitor === 'vlm' ? 'all' : 'none',
      onEvent,
      attemptHooks: {
        onWorld,
        onApiCall: (info) => {
          trace = info.trace;
          call = { index: gate.currentCall + 1, name: info.name, line: info.line };
          flush(false);
          gate.beforeCall(info.line);
        },
        shouldStop: () => gate.stopped,
      },
    });
    for (const w of record.warnings) post({ type: 'chat', item: { role: 'system', kind: 'warning', attempt: null, text: w } });
    post({
      type: 'chat',
      item: {
        role: 'loop',
        kind: 'info',
        attempt: null,
        text: `Episode ${record.success ? 'solved' : 'not solved'} after ${record.attempts.length} attempt(s) (${record.stoppedBy}). Record: ${data.outDir}`,
      },
    });
    post({
      type: 'episode-end',
      success: record.success,
      successDetail: record.successDetail,
      stoppedBy: record.stoppedBy,
      attempts: record.attempts.length,
      dir: data.outDir,
    });
    post({ type: 'worker-done', outcome: 'finished' });
  } catch (err) {
    if (err instanceof StopRequested || gate.stopped) {
      post({ type: 'worker-done', outcome: 'stopped' });
    } else {
      post({ type: 'worker-done', outcome: 'failed', detail: (err as Error)?.message ?? String(err) });
    }
  } finally {
    await closeRenderer();
    await closeRenderBridges();
  }
}

await main().catch((err: unknown) => {
  parentPort?.postMessage({
    type: 'worker-done',
    outcome: 'failed',
    detail: (err as Error)?.message ?? String(err),
  } satisfies LiveWorkerDone);
});
