// The live episode, in a worker thread: physics and the sandbox are synchronous, so they
// run here and the viewer's main thread stays free to serve sockets. The episode is a
// CorrectionSession (policy/corrections/): it runs the program; after a failed run the
// programmer repairs it while repairs remain (the repair loop's stop rule: success or the
// budget ends it); and a person's correction from the chat — read off the correction port
// when the control block says one is waiting — interrupts the program at its next API
// call, is applied, and the episode carries on (from the world as it is, or from the
// seed). When the loop ends the worker waits, so a correction can still go on from the
// final world, until Stop. Streams pose frames (every 1/60 s of simulated time, posted at
// most ~60 times per wall second), the API call now running, trace events and checkpoints
// as they happen; paces and pauses through the shared control block (live-control.ts).
// Everything it posts is a ServerMessage the main thread relays as it is, plus one final
// LiveWorkerDone.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { Checkpoint, GripperState, Pose, SimWorld, Snapshot, Trace, TraceEvent } from '../sim/index.ts';
import { instantiateScene, loadTask } from '../tasks/index.ts';
import { closeRenderBridges, closeRenderer } from '../monitor/index.ts';
import type { Verdict } from '../monitor/index.ts';
import { parsePerceptionNoise } from '../policy/program/perception-settings.ts';
import { CorrectionSession } from '../policy/corrections/index.ts';
import type { SessionEvent } from '../policy/corrections/index.ts';
import { createProgrammer, GivenProgrammer } from '../policy/programmers/index.ts';
import type { KnowledgeSettings } from '../policy/knowledge/index.ts';
import type { CorrectionMode } from '../policy/programmers/index.ts';
import { loadQuickJS } from '../policy/program/index.ts';
import { newCorrectionView, SESSION_ENDED, viewFromRecord } from './correction-view.ts';
import { ControlBlock, LiveGate, PAUSE } from './live-control.ts';
import { encodeFrame } from './motion-track.ts';
import type { AttemptOriginName, CorrectionView, Frame, ServerMessage, StartRequest } from './protocol.ts';
import { draftChat, resultChat } from './loop-messages.ts';
import { readAttemptRecord } from './run-reader.ts';

export interface LiveWorkerData {
  request: StartRequest;
  /** Record folder of this episode (docs/architecture.md#run-records, plus the viewer's frames.json). */
  outDir: string;
  /** The knowledge base the session retrieves from and (learn on) learns into at its end (docs/knowledge.md); null: none. */
  knowledge: KnowledgeSettings | null;
  control: SharedArrayBuffer;
  /** Corrections from the chat arrive here (LiveCorrection), one per ControlBlock.correctionSent(). */
  corrections: MessagePort;
}

/** A correction the person typed, as the hub hands it to the worker. */
export interface LiveCorrection {
  /** The hub's number for it (CorrectionView.id). */
  id: number;
  text: string;
  mode: CorrectionMode;
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
/** How long a correction announced in the control block may take to arrive on its port. */
const PORT_GRACE_MS = 2000;

function withoutEngineState(s: Snapshot): Snapshot {
  const { engineState: _dropped, ...rest } = s;
  return rest;
}

export function checkpointForWire(cp: Checkpoint): Checkpoint {
  return { ...cp, snapshot: withoutEngineState(cp.snapshot) };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const data = workerData as LiveWorkerData;
  const port = parentPort!;
  const post = (m: LiveWorkerMessage): void => port.postMessage(m);
  const req = data.request;
  const control = new ControlBlock(data.control);
  const correctionPort = data.corrections;

  const task = loadTask(req.task);
  const scene = instantiateScene(task, req.seed);
  const ids = scene.objects.map((o) => o.id);
  // The sandbox's wasm module compiles while the programmer writes the first program
  // (runAttempt awaits the same promise; a failure surfaces there).
  loadQuickJS().catch(() => {});
  // A program from the start form runs as `run --program` does: never repaired, no knowledge.
  const given = req.program !== undefined;
  const programmer = given
    ? new GivenProgrammer(req.program!)
    : await createProgrammer({ provider: req.provider, model: req.model ?? null, cassette: req.cassette, vision: req.vision ?? false });

  let attempt = -1;
  let pending: Frame[] = [];
  let attemptFrames: Frame[] = [];
  let lastPost = 0;
  let lastSample = -Infinity;
  let trace: Readonly<Trace> | null = null;
  let sentEvents = 0;
  let sentCheckpoints = 0;
  let call: { index: number; name: string; line: number | null } | null = null;
  let runStart: { origin: AttemptOriginName; correction: number | null; continued: boolean } | null = null;
  let session: CorrectionSession | null = null;

  // ------------------------------------------------------------ corrections in

  /** What the worker is doing: a correction that arrives while the programmer writes is queued. */
  let phase: 'writing' | 'running' | 'idle' = 'writing';
  const inbox: LiveCorrection[] = [];
  const views = new Map<number, CorrectionView>();
  /** Session correction index → the hub's id. */
  const idOfIndex = new Map<number, number>();
  let correcting: LiveCorrection | null = null;
  const postView = (v: CorrectionView): void => {
    views.set(v.id, v);
    post({ type: 'correction', correction: v });
  };
  const accept = (c: LiveCorrection): void => {
    inbox.push(c);
    if (phase === 'writing') {
      postView({
        ...(views.get(c.id) ?? newCorrectionView(c.id, c.text, c.mode, 'queued', '')),
        state: 'queued',
        message: 'queued: the programmer is writing; your correction is read as soon as it is done',
      });
    }
  };
  correctionPort.on('message', accept);
  /** Reads what is on the port now (the event loop may not have run: the physics is synchronous). */
  const drain = (): void => {
    for (let m = receiveMessageOnPort(correctionPort); m; m = receiveMessageOnPort(correctionPort)) accept(m.message as LiveCorrection);
  };
  /** Corrections sent (the control block) but not on hand yet. */
  const inFlight = (): number => control.sent - control.taken - inbox.length;
  const awaitInFlight = async (): Promise<void> => {
    const until = performance.now() + PORT_GRACE_MS;
    drain();
    while (inFlight() > 0 && performance.now() < until) {
      await sleep(5);
      drain();
    }
  };

  // ------------------------------------------------------------ streaming out

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
  const status = (s: 'running' | 'finished', detail?: string): void =>
    post({ type: 'status', status: s, speed: control.speed, ...(detail !== undefined ? { detail } : {}) });
  const info = (text: string): void => post({ type: 'chat', item: { role: 'loop', kind: 'info', attempt: null, text } });

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

  const onWorld = (world: SimWorld): void => {
    trace = null;
    sentEvents = 0;
    sentCheckpoints = 0;
    attemptFrames = [];
    pending = [];
    gate.reanchor();
    const d = session!.draft;
    const start = runStart ?? { origin: 'generate' as const, correction: null, continued: false };
    post({
      type: 'attempt-start',
      attempt,
      origin: start.origin,
      ...(start.correction !== null ? { correction: start.correction } : {}),
      ...(start.continued ? { continued: true } : {}),
      program: d.program,
      plan: d.plan,
      ...(d.notes && d.notes.length > 0 ? { notes: d.notes } : {}),
      // The world as this attempt finds it: the seed's, or where the last one left it (continue).
      initial: withoutEngineState(world.snapshot()),
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

  const refreshView = (index: number | null | undefined): void => {
    if (index === null || index === undefined || !session) return;
    const id = idOfIndex.get(index);
    const r = session.corrections[index];
    const v = id !== undefined ? views.get(id) : undefined;
    if (r && v) postView(viewFromRecord(v, r, v.attempt));
  };

  const onEvent = (e: SessionEvent): void => {
    switch (e.type) {
      case 'draft':
        // A correction's program shows with the correction (class, understanding, diff).
        if (e.origin !== 'correction') post({ type: 'chat', item: draftChat(session?.attemptRecords.length ?? 0, e.origin, e.draft) });
        break;
      case 'run-start':
        attempt = e.attempt;
        runStart = { origin: e.origin, correction: e.correction, continued: e.continued };
        break;
      case 'run-end': {
        flush(true);
        const k = e.result.attempt;
        const files = readAttemptRecord(data.outDir, k);
        if (files.trace) sendTrace(files.trace.events, files.trace.checkpoints);
        const r = e.result.record;
        writeFileSync(join(data.outDir, `attempt-${k}`, 'frames.json'), JSON.stringify({ ids, frames: attemptFrames }));
        post({
          type: 'attempt-end',
          attempt: k,
          success: r.success,
          successDetail: r.successDetail,
          error: r.error,
          monitorOk: r.monitorOk,
          verdicts: e.result.verdicts as never,
          diagnosis: e.result.diagnosis ?? null,
          diagnosisText: e.result.diagnosisText,
          images: [],
          tokensIn: r.tokensIn,
          tokensOut: r.tokensOut,
          wallMs: r.wallMs,
        });
        if (e.result.interrupted) {
          const why = gate.stopped ? 'stopped' : 'interrupted for a correction';
          post({
            type: 'chat',
            item: {
              role: 'loop',
              kind: 'info',
              attempt: k,
              text: `Attempt ${k} ${why} before line ${e.result.line ?? '?'} (at ${e.result.record.simSeconds.toFixed(2)} s of its run).`,
            },
          });
        } else {
          post({ type: 'chat', item: resultChat(k, r.success, r.successDetail, r.error) });
          if (e.result.diagnosisText)
            post({ type: 'chat', item: { role: 'loop', kind: 'diagnosis', attempt: k, text: e.result.diagnosisText } });
        }
        trace = null;
        refreshView(r.correction);
        break;
      }
      case 'correction': {
        if (!correcting) break;
        idOfIndex.set(e.record.index, correcting.id);
        const v = views.get(correcting.id) ?? newCorrectionView(correcting.id, correcting.text, correcting.mode, 'correcting', '');
        postView(viewFromRecord(v, e.record, v.attempt));
        break;
      }
      case 'refused':
        if (correcting) {
          postView({
            ...(views.get(correcting.id) ?? newCorrectionView(correcting.id, correcting.text, correcting.mode, 'refused', e.message)),
            state: 'refused',
            message: e.message,
            outcome: e.message,
          });
        }
        break;
      case 'undo':
      case 'closed':
        break;
    }
  };

  // ------------------------------------------------------------ the episode

  const hooks = {
    onWorld,
    onApiCall: (c: { trace: Readonly<Trace>; name: string; line: number | null }) => {
      trace = c.trace;
      call = { index: gate.currentCall + 1, name: c.name, line: c.line };
      flush(false);
      gate.beforeCall(c.line);
    },
    interrupt: () => gate.stopped || control.correctionPending,
    // Each verdict as it is judged, after the checkpoints it speaks of (the trace's last ones
    // are sent first: the program has ended, so no step flushed them).
    onVerdict: (v: Verdict) => {
      if (trace) sendTrace(trace.events, trace.checkpoints);
      post({ type: 'verdict', attempt, verdict: v as never });
    },
  };

  /** Hands every correction on hand to the session, in order; true when one made a new program. */
  const takeCorrections = async (s: CorrectionSession): Promise<boolean> => {
    let applied = false;
    await awaitInFlight();
    while (inbox.length > 0 && !gate.stopped) {
      const c = inbox.shift()!;
      correcting = c;
      phase = 'writing';
      postView({
        ...(views.get(c.id) ?? newCorrectionView(c.id, c.text, c.mode, 'correcting', '')),
        state: 'correcting',
        message: `the programmer is reading it (${c.mode})`,
        attempt: attempt >= 0 ? attempt : null,
        t: Math.round(s.worldNow.time * 1000) / 1000,
      });
      try {
        const result = await s.correct(c.text, { mode: c.mode });
        if (result.kind === 'applied') applied = true;
      } finally {
        correcting = null;
        control.correctionTaken();
      }
      drain();
    }
    return applied;
  };

  let repairsLeft = given ? 0 : req.maxRepairs;
  let warningsPosted = 0;
  const episodeEnd = (s: CorrectionSession, stoppedBy: string): void => {
    const rec = s.episodeRecord();
    for (const w of s.sessionWarnings.slice(warningsPosted))
      post({ type: 'chat', item: { role: 'system', kind: 'warning', attempt: null, text: w } });
    warningsPosted = s.sessionWarnings.length;
    info(
      `Episode ${rec.success ? 'solved' : 'not solved'} after ${rec.attempts.length} attempt(s) (${stoppedBy}). Record: ${data.outDir}. ` +
        'Type a correction to go on from here, or Stop to end.',
    );
    post({
      type: 'episode-end',
      success: rec.success,
      successDetail: rec.successDetail,
      stoppedBy,
      attempts: rec.attempts.length,
      dir: data.outDir,
    });
  };

  try {
    session = await CorrectionSession.start({
      task,
      seed: req.seed,
      programmer,
      monitor: req.monitor,
      oracle: true,
      engine: req.engine ?? 'rapier',
      perception: {
        mode: req.perception ?? 'exact',
        ...(req.perception === 'noisy' && req.perceptionNoise ? { noise: parsePerceptionNoise(req.perceptionNoise) } : {}),
      },
      outDir: data.outDir,
      recordImages: req.images === true || req.monitor === 'pixels' || req.monitor === 'vlm' ? 'all' : 'none',
      knowledge: given ? null : data.knowledge,
      onEvent,
    });
    const s = session;
    const knowledgeMessage = (final: boolean): LiveWorkerMessage => ({
      type: 'knowledge',
      knowledge: s.knowledgeRecord ?? null,
      final,
      ...(data.knowledge ? { learn: data.knowledge.learn } : {}),
    });
    post(knowledgeMessage(false));
    for (;;) {
      await takeCorrections(s);
      if (gate.stopped) break;
      if (s.status !== 'ready') {
        // Nothing new to run (the loop has ended, or a correction was not applied): wait
        // for a correction or Stop.
        phase = 'idle';
        status(
          'finished',
          s.status === 'interrupted'
            ? `interrupted at line ${s.line ?? '?'}; type a correction to go on, or Stop`
            : 'type a correction to go on from the final world, or Stop to end',
        );
        while (!gate.stopped && inbox.length === 0 && inFlight() <= 0) {
          const gen = control.gen;
          drain();
          if (inbox.length > 0) break;
          await control.waitChangeAsync(gen, 1000);
        }
        continue;
      }
      phase = 'running';
      if (control.state !== PAUSE) status('running');
      const result = await s.run(hooks);
      if (gate.stopped) break;
      if (result.interrupted) continue;
      // A correction sent during the last calls (none came after it to interrupt) goes first.
      drain();
      if (inbox.length > 0 || control.correctionPending) continue;
      phase = 'writing';
      if (result.success.ok) {
        episodeEnd(s, 'success');
        continue;
      }
      if (repairsLeft <= 0) {
        episodeEnd(s, 'budget');
        continue;
      }
      repairsLeft--;
      const repaired = await s.repair();
      if (!repaired.draft) {
        info(repaired.message);
        episodeEnd(s, 'no-change');
      }
    }
    // Stop while waiting for a correction ends the session as the person's "done".
    const ended = phase === 'idle';
    await s.close(ended ? 'done' : 'stopped');
    // What the session taught (learned at close, when it ended with the task done).
    post(knowledgeMessage(true));
    post({ type: 'worker-done', outcome: 'stopped', ...(ended ? { detail: SESSION_ENDED } : {}) });
  } catch (err) {
    if (gate.stopped) {
      post({ type: 'worker-done', outcome: 'stopped' });
    } else {
      post({ type: 'worker-done', outcome: 'failed', detail: (err as Error)?.message ?? String(err) });
    }
    await session?.close('stopped').catch(() => {});
  } finally {
    correctionPort.close();
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
