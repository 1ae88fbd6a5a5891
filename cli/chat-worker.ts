// `policyloop chat`'s session, in a worker thread: the physics and the sandbox are
// synchronous, so the CorrectionSession (policy/corrections/) lives here and the main
// thread (commands/chat.ts) keeps readline and Ctrl-C. The main thread asks for one
// operation at a time by message (run, correct, undo, restart, repair, close) and gets
// a reply for each; while a program runs, this thread posts a status line per API call
// and reads the shared control block (chat-control.ts) before every call: PAUSE blocks
// it there (and says so), RUN resumes it exactly where it stopped, INTERRUPT ends it there.

import { parentPort, workerData } from 'node:worker_threads';
import type { KnowledgeSettings, KnowledgeUse } from '../policy/knowledge/episode-knowledge.ts';
import { knowledgeLine } from '../policy/knowledge/format.ts';
import type { CallEvent, Trace } from '../sim/trace.ts';
import type { SimWorld } from '../sim/index.ts';
import type { EngineName } from '../sim/types.ts';
import type { CorrectionMode, ProviderChoice } from '../policy/programmers/programmer.ts';
import type { PerceptionSettings } from '../policy/program/perception-settings.ts';
import { ChatControl, INTERRUPT, PAUSE } from './chat-control.ts';
import type { RunReport } from './chat-format.ts';
import { showCall, showResult, showValue } from './chat-format.ts';

export interface ChatWorkerData {
  /** Task id or task file, as given (the main thread already loaded it once). */
  task: string;
  seed: number;
  provider: ProviderChoice;
  model?: string;
  vlmModel?: string;
  baseUrl?: string;
  record?: string;
  cassette?: string;
  monitor: string;
  oracle: boolean;
  engine: EngineName;
  perception: PerceptionSettings;
  mode: CorrectionMode;
  outDir: string;
  images: boolean;
  /** Simulated seconds per wall second while a program runs (1 = real time); 0 runs as fast as it can. */
  speed: number;
  control: SharedArrayBuffer;
  /** The knowledge base (docs/knowledge.md); null: off. */
  knowledge: KnowledgeSettings | null;
}

export type ChatOp =
  | { op: 'run' }
  | { op: 'correct'; text: string; mode: CorrectionMode }
  | { op: 'undo' }
  | { op: 'restart' }
  | { op: 'repair' }
  | { op: 'close'; endedBy: 'done' | 'quit' };

export type ChatRequest = ChatOp & { id: number };

/** Where the session stands after an operation. */
export interface SessionView {
  program: string;
  status: 'ready' | 'interrupted' | 'ended' | 'closed';
  /** The line reached by the last run (null when the program has not run since it changed). */
  line: number | null;
  success: { ok: boolean; detail: string };
}

export interface CorrectionReply {
  kind: 'refused' | 'not-applied' | 'applied';
  message: string;
  record: {
    index: number;
    class: string;
    classHint: string;
    cues: string[];
    understood: string;
    mode: CorrectionMode;
    programBefore: string;
    programAfter: string | null;
    applied: boolean;
    outcome: string;
    notes: string[];
  } | null;
}

export interface RepairReply {
  message: string;
  before: string;
  after: string | null;
}

export interface CloseReply {
  success: boolean;
  detail: string;
  attempts: number;
  corrections: number;
  /** What the knowledge base gave and learned (absent when it is off). */
  knowledge?: KnowledgeUse;
}

export type ChatWorkerMessage =
  | {
      type: 'ready';
      task: string;
      seed: number;
      instruction: string;
      provider: string;
      model: string;
      program: string;
      plan: string[];
      error: string | null;
      warnings: string[];
      /** The knowledge entries retrieved, as prompts show them, and what the programmer did with them. */
      knowledge: string[];
      knowledgeNotes: string[];
    }
  | { type: 'call'; line: number | null; call: string; result: string }
  | { type: 'paused'; line: number | null; name: string; index: number }
  | { type: 'resumed' }
  | { type: 'run-start'; attempt: number; continued: boolean; correction: number | null }
  | { type: 'reply'; id: number; ok: true; value: unknown; view: SessionView }
  | { type: 'reply'; id: number; ok: false; error: { name: string; message: string }; view: SessionView | null }
  | { type: 'fatal'; error: { name: string; message: string } };

function errorOf(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message.split('\n')[0] ?? err.message };
  return { name: 'Error', message: String(err) };
}

async function main(): Promise<void> {
  const data = workerData as ChatWorkerData;
  const port = parentPort!;
  const post = (m: ChatWorkerMessage): void => port.postMessage(m);
  const control = new ChatControl(data.control);

  const { loadTask } = await import('../tasks/index.ts');
  const { CorrectionSession } = await import('../policy/corrections/index.ts');
  const { createProgrammer } = await import('../policy/programmers/index.ts');
  const { perceptionBridge } = await import('../policy/loop/episode.ts');
  const { loadQuickJS } = await import('../policy/program/index.ts');
  const { closeRenderer, closeRenderBridges } = await import('../monitor/index.ts');

  const task = loadTask(data.task);
  // pixels perception needs a browser: one line, never a silent fallback (as `run`).
  await perceptionBridge(data.perception).catch((err: unknown) => {
    const e = new Error((err as Error).message);
    e.name = 'UsageError';
    throw e;
  });
  loadQuickJS().catch(() => {});
  const programmer = await createProgrammer({
    provider: data.provider,
    model: data.model,
    baseURL: data.baseUrl,
    record: data.record,
    cassette: data.cassette,
  });
  let vlmChat = null;
  if (data.monitor === 'vlm') {
    const { createChatModel } = await import('../llm/index.ts');
    vlmChat = createChatModel({
      provider: data.provider === 'replay' ? 'replay' : 'openai',
      kind: 'vision',
      model: data.vlmModel,
      baseURL: data.baseUrl,
      record: data.provider === 'replay' ? undefined : data.record,
      cassette: data.provider === 'replay' ? data.cassette : undefined,
    });
  }
  const session = await CorrectionSession.start({
    task,
    seed: data.seed,
    programmer,
    monitor: data.monitor,
    oracle: data.oracle,
    engine: data.engine,
    perception: data.perception,
    mode: data.mode,
    outDir: data.outDir,
    recordImages: data.images ? 'failed' : 'none',
    vlmModel: data.vlmModel ?? null,
    vlmChat,
    knowledge: data.knowledge,
    onEvent: (e) => {
      if (e.type === 'run-start') post({ type: 'run-start', attempt: e.attempt, continued: e.continued, correction: e.correction });
    },
  });
  post({
    type: 'ready',
    task: task.id,
    seed: data.seed,
    instruction: task.instruction,
    provider: programmer.name,
    model: programmer.model,
    program: session.program,
    plan: session.draft.plan,
    error: session.draft.error,
    warnings: [...session.sessionWarnings],
    knowledge: session.knowledge.map((k) => knowledgeLine(k)),
    knowledgeNotes: (session.draft.notes ?? []).filter((n) => n.startsWith('knowledge ')),
  });

  const view = (): SessionView => ({
    program: session.program,
    status: session.status,
    line: session.line,
    success: { ok: session.success.ok, detail: session.success.detail },
  });

  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const run = async (): Promise<RunReport> => {
    let trace: Readonly<Trace> | null = null;
    let sent = 0;
    const sendCalls = (): void => {
      if (!trace) return;
      const events = trace.events;
      for (; sent < events.length; sent++) {
        const e = events[sent]!;
        if (e.type === 'call') post({ type: 'call', line: e.line, call: showCall(e as CallEvent), result: showResult(e as CallEvent) });
        else if (e.type === 'subgoal-start')
          post({ type: 'call', line: e.line, call: `subgoal(${showValue(e.description)})`, result: 'started' });
      }
    };
    // Real-time pacing (--speed): the physics waits for the wall clock, so a person can
    // see where the program is and stop it in time.
    let anchor: { wall: number; sim: number } | null = null;
    const onWorld = (world: SimWorld): void => {
      if (data.speed <= 0) return;
      world.onStep = (w) => {
        const now = performance.now();
        if (!anchor) {
          anchor = { wall: now, sim: w.time };
          return;
        }
        const due = anchor.wall + ((w.time - anchor.sim) * 1000) / data.speed;
        if (now - due > 250) anchor = { wall: now, sim: w.time };
        else if (due - now > 1) Atomics.wait(sleeper, 0, 0, due - now);
      };
    };
    const result = await session.run({
      onWorld,
      onApiCall: (call) => {
        trace = call.trace;
        sendCalls();
        if (control.state === PAUSE) {
          post({ type: 'paused', line: call.line, name: call.name, index: call.index });
          if (control.waitWhilePaused() !== INTERRUPT) post({ type: 'resumed' });
          anchor = null;
        }
      },
      interrupt: () => control.state === INTERRUPT,
    });
    sendCalls();
    const failing = result.verdicts.find((v) => !v.ok) ?? null;
    return {
      attempt: result.attempt,
      interrupted: result.interrupted,
      line: result.line,
      error: result.interrupted ? null : result.error,
      success: { ok: result.success.ok, detail: result.success.detail },
      failing: failing
        ? {
            checkpoint: failing.checkpoint,
            label: failing.label,
            kind: failing.failure?.kind ?? null,
            message: failing.failure?.explanation ?? null,
          }
        : null,
      monitored: !result.interrupted && result.record.monitorOk !== null,
      diagnosis: result.personDiagnosis
        ? { kind: result.personDiagnosis.kind, line: result.personDiagnosis.line, summary: result.personDiagnosis.summary }
        : null,
      diagnosisLines: (result.personDiagnosis?.text ?? '').split('\n').slice(0, 3),
      calls: result.record.apiCalls,
      simSeconds: result.record.simSeconds,
    };
  };

  const handle = async (req: ChatRequest): Promise<unknown> => {
    switch (req.op) {
      case 'run':
        return run();
      case 'correct': {
        const r = await session.correct(req.text, { mode: req.mode });
        const rec = r.kind === 'refused' ? null : r.record;
        return {
          kind: r.kind,
          message: r.message,
          record: rec
            ? {
                index: rec.index,
                class: rec.class,
                classHint: rec.classHint,
                cues: rec.cues,
                understood: rec.understood,
                mode: rec.mode,
                programBefore: rec.programBefore,
                programAfter: rec.programAfter,
                applied: rec.applied,
                outcome: rec.outcome,
                notes: rec.notes ?? [],
              }
            : null,
        } satisfies CorrectionReply;
      }
      case 'undo':
        return { message: await session.undo() };
      case 'restart':
        await session.restart();
        return {};
      case 'repair': {
        const before = session.program;
        const r = await session.repair();
        return { message: r.message, before, after: r.draft ? r.draft.program : null } satisfies RepairReply;
      }
      case 'close': {
        const record = await session.close(req.endedBy);
        // The renderer and render bridges (if any) go with the session.
        await closeRenderer().catch(() => {});
        await closeRenderBridges().catch(() => {});
        return {
          success: record.success,
          detail: record.successDetail,
          attempts: record.attempts.length,
          corrections: session.corrections.length,
          ...(record.knowledge && { knowledge: record.knowledge }),
        } satisfies CloseReply;
      }
    }
  };

  port.on('message', (req: ChatRequest) => {
    handle(req).then(
      (value) => post({ type: 'reply', id: req.id, ok: true, value, view: view() }),
      (err: unknown) =>
        post({ type: 'reply', id: req.id, ok: false, error: errorOf(err), view: session.status === 'closed' ? null : view() }),
    );
  });
}

await main().catch((err: unknown) => {
  parentPort?.postMessage({ type: 'fatal', error: errorOf(err) } satisfies ChatWorkerMessage);
});
