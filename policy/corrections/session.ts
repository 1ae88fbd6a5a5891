// CorrectionSession (DESIGN §11, docs/corrections.md): one episode that a person — or the
// SimulatedCorrector — teaches in plain language. The session keeps one world alive for
// its whole life: a program runs on it until its end or until it is interrupted before
// an API call; a correction asks the programmer for a new program (Programmer.correct)
// written for the world as it is now (continue) or for the seed's scene (restart, the
// world reset); /undo puts the program and the world back as they were before the last
// correction. Everything is written as it happens: attempt-N folders (origin
// 'correction' and the correction's index), corrections.jsonl, session.json and
// episode.json. The terminal (policyloop chat), the viewer and the suite's simulated
// corrector drive the same class.

import type { AttemptData, EngineName, PredicateResult, SceneSpec, SimWorld, Snapshot, Trace } from '../../sim/index.ts';
import { createWorld, evaluatePredicate } from '../../sim/index.ts';
import type { TaskDef } from '../../tasks/index.ts';
import { instantiateScene } from '../../tasks/index.ts';
import type { ChatModel } from '../../llm/index.ts';
import type { Diagnosis, HeadlessRenderer, Monitor, Verdict } from '../../monitor/index.ts';
import { diagnose } from '../../monitor/index.ts';
import { runAttempt, SandboxStop } from '../program/index.ts';
import type { ApiCallInfo, AttemptOutcome, PerceptionSettings } from '../program/index.ts';
import { perceivedScene } from '../program/index.ts';
import type {
  CorrectionClass,
  CorrectionDraft,
  CorrectionInput,
  CorrectionMode,
  ProgramContext,
  ProgramDraft,
  Programmer,
} from '../programmers/programmer.ts';
import type { AttemptPerception } from '../loop/episode.ts';
import { contextWithKnowledge, finishKnowledge, perceive, perceptionBridge, perceptionRecord } from '../loop/episode.ts';
import type { KnowledgeSettings, KnowledgeUse, Retrieved } from '../knowledge/episode-knowledge.ts';
import type { KnowledgeItem } from '../knowledge/types.ts';
import { inspect, setUpMonitor } from '../loop/monitoring.ts';
import { judgeAttempt, oracleView } from '../loop/stop-rule.ts';
import { CheckpointImages } from '../loop/checkpoint-images.ts';
import type { AttemptOrigin, AttemptRecord, EpisodeRecord } from '../loop/records.ts';
import { writeAttemptFiles, writeEpisodeRecord } from '../loop/records.ts';
import { toolVersions } from '../loop/versions.ts';
import { classifyCorrection, correctionTextProblem } from './classify.ts';
import type { CorrectionRecord } from './records.ts';
import { writeCorrections, writeSessionFile } from './records.ts';
import { skillChangesPlan } from './skeleton.ts';

export interface SessionOptions {
  task: TaskDef;
  seed: number;
  programmer: Programmer;
  /** Monitor after each run that ends (default `state`): its verdicts and the diagnosis go to the person and the next correction. */
  monitor?: string;
  /**
   * Whether the monitor, the diagnosis and the programmer may use the task's success
   * predicate. Default false: in a correction session the person is the judge, so nothing
   * the programmer sees depends on the task check (as with --no-oracle); the person's own
   * view (RunResult.success, personDiagnosis) always has it.
   */
  oracle?: boolean;
  engine?: EngineName;
  perception?: PerceptionSettings;
  /** How corrections go on unless one says otherwise (default continue). */
  mode?: CorrectionMode;
  /** Write the session's record here (docs/corrections.md#records); nothing is written when absent. */
  outDir?: string;
  /** Checkpoint images in the attempt folders: 'failed' runs, 'all', or 'none' (default). */
  recordImages?: 'all' | 'failed' | 'none';
  renderer?: HeadlessRenderer;
  browserWSEndpoint?: string | null;
  vlmModel?: string | null;
  vlmChat?: ChatModel | null;
  /** The knowledge base to retrieve from at the start and learn into at close (docs/knowledge.md); none when absent. */
  knowledge?: KnowledgeSettings | null;
  onEvent?: (e: SessionEvent) => void;
}

/** Hooks into one run (the terminal and the viewer pause, stream and interrupt with them). */
export interface RunHooks {
  /** The world before the program starts (the viewer sets world.onStep here). */
  onWorld?: (world: SimWorld) => void;
  /** Before each API call; may block (pause). */
  onApiCall?: (call: ApiCallInfo) => void;
  /** Checked before each API call, after onApiCall: true stops the program there, the world as it is (an interruption). */
  interrupt?: () => boolean;
  /** Each checkpoint's verdict as the monitor judges it (in order), before the run's end. */
  onVerdict?: (v: Verdict) => void;
}

export type SessionStatus = 'ready' | 'interrupted' | 'ended' | 'closed';

export interface RunResult {
  /** The attempt folder index of this run. */
  attempt: number;
  interrupted: boolean;
  /** The line of the call about to run when interrupted, else of the last call made. */
  line: number | null;
  error: AttemptOutcome['error'];
  /** The task check on the world after the run. */
  success: PredicateResult;
  verdicts: Verdict[];
  /** The diagnosis the programmer gets (without the task check unless the session has the oracle). */
  diagnosis: Diagnosis | null;
  diagnosisText: string | null;
  /**
   * What a person watching with the task in mind sees: the diagnosis with the task check
   * (the same as `diagnosis` with the oracle). For the terminal, the viewer and the
   * simulated corrector — never given to the programmer.
   */
  personDiagnosis: Diagnosis | null;
  record: AttemptRecord;
}

export type CorrectionResult =
  | { kind: 'refused'; message: string }
  | { kind: 'not-applied'; message: string; record: CorrectionRecord }
  | { kind: 'applied'; message: string; record: CorrectionRecord; draft: CorrectionDraft };

export type SessionEvent =
  | { type: 'draft'; origin: AttemptOrigin; correction: number | null; draft: ProgramDraft }
  | { type: 'run-start'; attempt: number; origin: AttemptOrigin; correction: number | null; continued: boolean }
  | { type: 'run-end'; result: RunResult }
  | { type: 'correction'; record: CorrectionRecord }
  | { type: 'refused'; text: string; message: string }
  | { type: 'undo'; correction: number; message: string }
  | { type: 'closed'; record: EpisodeRecord };

interface Current {
  draft: ProgramDraft;
  origin: AttemptOrigin;
  correction: number | null;
}

interface UndoEntry {
  correction: number;
  current: Current;
  snapshot: Snapshot;
  status: SessionStatus;
  fresh: boolean;
  lastRun: RunResult | null;
  lastTrace: Readonly<Trace> | null;
}

const NO_RUN_DETAIL = 'no program has run yet';

export class CorrectionSession {
  readonly task: TaskDef;
  readonly seed: number;
  readonly programmer: Programmer;
  readonly scene: SceneSpec;
  readonly engine: EngineName;
  readonly outDir: string | undefined;
  /** The mode corrections use unless told otherwise; `/restart` and `/continue` set it. */
  mode: CorrectionMode;

  private readonly opts: SessionOptions;
  private world: SimWorld;
  private readonly ctx0: ProgramContext;
  private readonly perception: AttemptPerception;
  private readonly monitor: Monitor;
  private readonly renderer: HeadlessRenderer | null;
  private readonly warnings: string[];
  private current: Current;
  private _status: SessionStatus = 'ready';
  private lastRun: RunResult | null = null;
  private lastTrace: Readonly<Trace> | null = null;
  private readonly attempts: AttemptRecord[] = [];
  private readonly records: CorrectionRecord[] = [];
  private readonly undoStack: UndoEntry[] = [];
  private lastSuccess: PredicateResult = { ok: false, detail: NO_RUN_DETAIL };
  private solvedAt: number | null = null;
  private readonly startedAt = new Date();
  private readonly t0 = performance.now();
  /** Model time of the draft now current, charged to the attempt that runs it first. */
  private pendingModel = { ms: 0, tokensIn: 0, tokensOut: 0, promptTokens: 0 };
  /** Operations run one at a time, in the order asked (a correction typed during a model call waits its turn). */
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  /** The world is as the seed built it (no run since the start or a reset). */
  private fresh = true;

  private constructor(
    opts: SessionOptions,
    world: SimWorld,
    scene: SceneSpec,
    ctx0: ProgramContext,
    perception: AttemptPerception,
    monitor: Monitor,
    renderer: HeadlessRenderer | null,
    warnings: string[],
    first: ProgramDraft,
    firstMs: number,
  ) {
    this.opts = opts;
    this.task = opts.task;
    this.seed = opts.seed;
    this.programmer = opts.programmer;
    this.engine = opts.engine ?? 'rapier';
    this.outDir = opts.outDir;
    this.mode = opts.mode ?? 'continue';
    this.world = world;
    this.scene = scene;
    this.ctx0 = ctx0;
    this.perception = perception;
    this.monitor = monitor;
    this.renderer = renderer;
    this.warnings = warnings;
    this.current = { draft: first, origin: 'generate', correction: null };
    this.pendingModel = {
      ms: firstMs,
      tokensIn: first.usage.inputTokens,
      tokensOut: first.usage.outputTokens,
      promptTokens: first.promptTokens,
    };
  }

  /** Builds the world and asks the programmer for the first program (not run yet). */
  static async start(opts: SessionOptions): Promise<CorrectionSession> {
    const engine = opts.engine ?? 'rapier';
    const scene = instantiateScene(opts.task, opts.seed);
    const settings = opts.perception ?? { mode: 'exact' };
    const perception: AttemptPerception = { settings, bridge: await perceptionBridge(settings, opts.browserWSEndpoint) };
    const warnings: string[] = [];
    const { monitor, renderer } = await setUpMonitor({
      monitor: opts.monitor ?? 'state',
      renderer: opts.renderer,
      browserWSEndpoint: opts.browserWSEndpoint,
      vlmModel: opts.vlmModel,
      vlmChat: opts.vlmChat,
      recordImages: (opts.outDir !== undefined ? (opts.recordImages ?? 'none') : 'none') !== 'none',
      warn: (w) => void warnings.push(w),
    });
    const { ctx: ctx0, retrieved } = await contextWithKnowledge(opts.task, opts.seed, scene, engine, opts.knowledge, perception, renderer);
    // The session's one world; runs are bounded by the task's time limit each (runAttempt's timeLimitSec).
    const world = await createWorld(scene, { engine });
    const tm = performance.now();
    let first: ProgramDraft;
    try {
      first = await opts.programmer.generate(ctx0);
    } catch (e) {
      world.free();
      throw e;
    }
    const session = new CorrectionSession(opts, world, scene, ctx0, perception, monitor, renderer, warnings, first, performance.now() - tm);
    session.retrieved = retrieved;
    session.emit({ type: 'draft', origin: 'generate', correction: null, draft: first });
    session.save();
    return session;
  }

  // ------------------------------------------------------------------ state

  get status(): SessionStatus {
    return this._status;
  }
  /** The program that runs next. */
  get program(): string {
    return this.current.draft.program;
  }
  get draft(): ProgramDraft {
    return this.current.draft;
  }
  /** The line reached by the last run (null before any run, or after a correction before its program ran). */
  get line(): number | null {
    return this._status === 'ready' ? null : (this.lastRun?.line ?? null);
  }
  /** The task check after the last run (false before any). */
  get success(): PredicateResult {
    return this.lastSuccess;
  }
  get corrections(): readonly CorrectionRecord[] {
    return this.records;
  }
  get attemptRecords(): readonly AttemptRecord[] {
    return this.attempts;
  }
  get last(): RunResult | null {
    return this.lastRun;
  }
  /** Operations waiting for an earlier one (a model call) to finish. */
  get queued(): number {
    return this.waiting;
  }
  /** The world as it is now (read-only use: the viewer draws it). */
  get worldNow(): SimWorld {
    return this.world;
  }
  get sessionWarnings(): readonly string[] {
    return this.warnings;
  }

  private emit(e: SessionEvent): void {
    this.opts.onEvent?.(e);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    this.waiting++;
    const run = this.queue.then(
      () => {
        this.waiting--;
        return fn();
      },
      () => {
        this.waiting--;
        return fn();
      },
    );
    this.queue = run.catch(() => {});
    return run;
  }

  private alive(): void {
    if (this._status === 'closed') throw new Error('the correction session has ended');
  }

  // ------------------------------------------------------------------ running

  /**
   * Runs the current program on the world as it is (the seed's scene before any run),
   * until its end or an interruption; then the task check, and for a run that ended the
   * monitor and the diagnosis.
   */
  run(hooks: RunHooks = {}): Promise<RunResult> {
    return this.serial(() => this.runNow(hooks));
  }

  private async runNow(hooks: RunHooks): Promise<RunResult> {
    this.alive();
    const k = this.attempts.length;
    const { draft, origin, correction } = this.current;
    const continued = !this.fresh;
    this.fresh = false;
    this.emit({ type: 'run-start', attempt: k, origin, correction, continued });
    const ta = performance.now();
    hooks.onWorld?.(this.world);
    let interruptedAt: number | null = null;
    let outcome: AttemptOutcome;
    if (draft.program.trim() === '') {
      outcome = {
        trace: { events: [], subgoals: [], checkpoints: [] },
        error: { kind: 'NoProgramError', message: draft.error ?? 'the programmer returned no program', line: null },
        wallMs: 0,
        simSeconds: 0,
        apiCalls: 0,
      };
    } else {
      outcome = await runAttempt({
        world: this.world,
        programWorld: perceive(this.world, this.task, this.seed, k, this.perception),
        program: draft.program,
        timeLimitSec: this.task.timeLimit,
        onApiCall: (call) => {
          hooks.onApiCall?.(call);
          if (hooks.interrupt?.()) {
            interruptedAt = call.line;
            throw new SandboxStop({ kind: 'InterruptedError', message: 'interrupted by the person', line: call.line });
          }
        },
      });
    }
    this.world.onStep = null;
    const interrupted = interruptedAt !== null || outcome.error?.kind === 'InterruptedError';
    const state = this.world.snapshot();
    const success = evaluatePredicate(this.task.success, { scene: this.scene, state, initial: this.world.initial });
    const attempt: AttemptData = {
      scene: this.scene,
      instruction: this.task.instruction,
      program: draft.program,
      trace: outcome.trace,
      error: interrupted ? null : outcome.error,
    };
    let verdicts: Verdict[] = [];
    let diagnosis: Diagnosis | null = null;
    let personDiagnosis: Diagnosis | null = null;
    let monitorOk: boolean | null = null;
    let tokensIn = 0;
    let tokensOut = 0;
    const warn = (w: string): void => void this.warnings.push(w);
    const images = new CheckpointImages(this.renderer, this.scene, outcome.trace.checkpoints, warn);
    const oracle = this.opts.oracle ?? false;
    if (!interrupted) {
      const oracleResult = oracleView(oracle, success);
      const lookImages = this.monitor.name === 'vlm' ? await images.all() : null;
      const seen = await inspect(this.monitor, attempt, lookImages, oracleResult, hooks.onVerdict);
      verdicts = seen.verdicts;
      monitorOk = seen.monitorOk;
      tokensIn = seen.tokensIn;
      tokensOut = seen.tokensOut;
      const judged = judgeAttempt({ oracle, success, monitorOk, error: outcome.error, lastAttempt: false });
      if (judged.judgedFailed) diagnosis = diagnose(attempt, verdicts, { success: oracleResult });
      personDiagnosis = oracle ? diagnosis : judged.failed ? diagnose(attempt, verdicts, { success }) : null;
    }
    const line = interrupted ? interruptedAt : lastCallLine(outcome.trace);
    const recordImages = this.outDir === undefined ? 'none' : (this.opts.recordImages ?? 'none');
    const failed = !success.ok || outcome.error !== null;
    if (recordImages === 'all' || (recordImages === 'failed' && failed)) await images.all();
    const files = images.recordFiles();
    const model = this.pendingModel;
    this.pendingModel = { ms: 0, tokensIn: 0, tokensOut: 0, promptTokens: 0 };
    const record: AttemptRecord = {
      index: k,
      success: success.ok,
      successDetail: success.detail,
      origin,
      ...(correction !== null ? { correction } : {}),
      ...(continued ? { continued } : {}),
      ...(interrupted ? { interrupted } : {}),
      error: outcome.error,
      monitorOk,
      failingCheckpoint: diagnosis?.checkpoint ?? null,
      diagnosisKind: diagnosis?.kind ?? null,
      tokensIn: model.tokensIn + tokensIn,
      tokensOut: model.tokensOut + tokensOut,
      promptTokens: model.promptTokens,
      monitorTokensIn: tokensIn,
      monitorTokensOut: tokensOut,
      wallMs: Math.round(performance.now() - ta + model.ms),
      modelMs: Math.round(model.ms),
      simSeconds: outcome.simSeconds,
      apiCalls: outcome.apiCalls,
      checkpoints: outcome.trace.checkpoints.length,
      images: files.size,
      ...(this.opts.knowledge && { knowledge: this.ctx0.knowledge.map((k) => k.id) }),
      ...(draft.notes && draft.notes.length > 0 ? { notes: draft.notes } : {}),
    };
    this.attempts.push(record);
    if (this.outDir) {
      writeAttemptFiles(
        this.outDir,
        k,
        {
          program: draft.program,
          trace: outcome.trace,
          verdicts,
          diagnosis: diagnosis ?? undefined,
          diagnosisText: diagnosis?.text,
          images: files,
          reply: draft.raw,
        },
        success,
      );
    }
    const result: RunResult = {
      attempt: k,
      interrupted,
      line,
      error: outcome.error,
      success,
      verdicts,
      diagnosis,
      diagnosisText: diagnosis?.text ?? null,
      personDiagnosis,
      record,
    };
    this.lastRun = result;
    this.lastTrace = outcome.trace;
    this.lastSuccess = success;
    if (success.ok && this.solvedAt === null) this.solvedAt = k;
    this._status = interrupted ? 'interrupted' : 'ended';
    if (correction !== null) {
      const c = this.records[correction]!;
      if (c.attempt === null) c.attempt = k;
      c.outcome = interrupted
        ? `interrupted at line ${line ?? '?'}`
        : success.ok
          ? `done: ${success.detail}`
          : `failed: ${outcome.error ? `${outcome.error.kind}: ${outcome.error.message}` : (personDiagnosis?.summary ?? success.detail)}`;
    }
    this.emit({ type: 'run-end', result });
    this.save();
    return result;
  }

  // ------------------------------------------------------------------ corrections

  /** The programmer's view of the world now: the objects where they are, perceived as a program would see them. */
  private contextNow(): ProgramContext {
    const seen = perceive(this.world, this.task, this.seed, this.attempts.length, this.perception);
    return { ...this.ctx0, objects: seen.getObjects(), scene: perceivedScene(seen) };
  }

  /**
   * A person's correction: refused in one line when it is not a correction (empty, too
   * long, not text); otherwise classified, given to the programmer with the program, the
   * line reached, the trace, the scene and the last diagnosis, and — when the programmer
   * returns a usable program that respects its class — made the program that runs next.
   * With mode 'restart' the world goes back to the seed. Recorded either way.
   */
  correct(text: unknown, opts: { mode?: CorrectionMode } = {}): Promise<CorrectionResult> {
    const problem = correctionTextProblem(text);
    if (problem) {
      this.emit({ type: 'refused', text: typeof text === 'string' ? text.slice(0, 200) : String(text), message: problem });
      return Promise.resolve({ kind: 'refused', message: problem });
    }
    return this.serial(() => this.correctNow((text as string).trim(), opts.mode ?? this.mode));
  }

  private async correctNow(text: string, mode: CorrectionMode): Promise<CorrectionResult> {
    this.alive();
    const index = this.records.length;
    const hint = classifyCorrection(text);
    const reached: CorrectionInput['reached'] =
      this._status === 'ready' ? 'not-run' : this._status === 'interrupted' ? 'interrupted' : 'ended';
    const snapshot = this.world.snapshot();
    const line = this.line;
    const input: CorrectionInput = {
      index,
      text,
      mode,
      program: this.current.draft.program,
      memo: this.current.draft.memo,
      plan: this.current.draft.plan,
      reached,
      line,
      trace: reached === 'not-run' ? null : this.lastTrace,
      gripper: { ...snapshot.gripper },
      sessionStart: this.ctx0.objects,
      diagnosisText: reached === 'ended' ? (this.lastRun?.diagnosisText ?? null) : null,
      classHint: hint.class,
      earlier: this.records.map((r) => ({ index: r.index, text: r.text, class: r.class, outcome: r.outcome })),
    };
    const ctx = mode === 'continue' ? this.contextNow() : this.ctx0;
    const tm = performance.now();
    const draft = await this.programmer.correct(ctx, input);
    const modelMs = performance.now() - tm;
    const record: CorrectionRecord = {
      index,
      t: Math.round(snapshot.t * 1000) / 1000,
      at: new Date().toISOString(),
      line,
      reached,
      text,
      class: draft.class,
      classHint: hint.class,
      cues: hint.cues,
      mode,
      understood: draft.understood,
      programBefore: this.current.draft.program,
      programAfter: draft.program.trim() === '' ? null : draft.program,
      applied: false,
      outcome: 'pending',
      attempt: null,
      ...(draft.notes && draft.notes.length > 0 ? { notes: draft.notes } : {}),
      tokensIn: draft.usage.inputTokens,
      tokensOut: draft.usage.outputTokens,
      modelMs: Math.round(modelMs),
    };
    this.records.push(record);
    this.memos.set(index, { before: this.current.draft.memo, after: draft.memo });
    const refuse = (why: string): CorrectionResult => {
      record.outcome = why;
      this.emit({ type: 'correction', record });
      this.save();
      return { kind: 'not-applied', message: why, record };
    };
    if (draft.program.trim() === '') {
      return refuse(`no program: ${draft.error ?? 'the programmer returned none'}; kept the previous program`);
    }
    if (draft.class === 'skill') {
      const why = skillChangesPlan(this.current.draft.program, draft.program, mode);
      if (why) return refuse(`refused: ${why}; kept the previous program`);
    }
    this.undoStack.push({
      correction: index,
      current: this.current,
      snapshot,
      status: this._status,
      fresh: this.fresh,
      lastRun: this.lastRun,
      lastTrace: this.lastTrace,
    });
    if (mode === 'restart') {
      this.world.restore(this.world.initial);
      this.fresh = true;
      this.lastTrace = null;
    }
    this.current = { draft, origin: 'correction', correction: index };
    this.pendingModel = {
      ms: modelMs,
      tokensIn: draft.usage.inputTokens,
      tokensOut: draft.usage.outputTokens,
      promptTokens: draft.promptTokens,
    };
    this._status = 'ready';
    record.applied = true;
    this.emit({ type: 'correction', record });
    this.emit({ type: 'draft', origin: 'correction', correction: index, draft });
    this.save();
    const understood = draft.understood ? `: ${draft.understood}` : '';
    return { kind: 'applied', message: `${draft.class}-level${understood} (${mode})`, record, draft };
  }

  /** Resets the world to the seed (the program stays): `/restart` with nothing to correct. */
  restart(): Promise<void> {
    return this.serial(async () => {
      this.alive();
      this.world.restore(this.world.initial);
      this.fresh = true;
      this.lastTrace = null;
      this._status = 'ready';
      this.save();
    });
  }

  /**
   * Takes back the last correction that was applied: its program and the world go back to
   * how they were when it was given. Returns what was undone, or null when there is nothing.
   */
  undo(): Promise<string | null> {
    return this.serial(async () => {
      this.alive();
      const entry = this.undoStack.pop();
      if (!entry) return null;
      this.world.restore(entry.snapshot);
      this.current = entry.current;
      this._status = entry.status;
      this.fresh = entry.fresh;
      this.lastRun = entry.lastRun;
      this.lastTrace = entry.lastTrace;
      const rec = this.records[entry.correction]!;
      rec.undone = true;
      const message = `undid correction ${entry.correction + 1} ("${rec.text}"): the program and the world are as they were before it`;
      this.emit({ type: 'undo', correction: entry.correction, message });
      this.save();
      return message;
    });
  }

  /**
   * The programmer's own repair of the last run from its diagnosis (as the repair loop
   * does), made the program that runs next with the world reset to the seed. Returns the
   * draft, or null (and why) when there is nothing to repair.
   */
  repair(): Promise<{ draft: ProgramDraft | null; message: string }> {
    return this.serial(async () => {
      this.alive();
      const last = this.lastRun;
      if (!last || last.interrupted) return { draft: null, message: 'nothing to repair: no run has ended since the program last changed' };
      if (last.success.ok && last.error === null && last.diagnosis === null)
        return { draft: null, message: 'nothing to repair: the last run did its task' };
      const tm = performance.now();
      const draft = await this.programmer.repair(this.ctx0, {
        attempt: last.attempt,
        program: this.current.draft.program,
        memo: this.current.draft.memo,
        diagnosis: last.diagnosis,
        diagnosisText: last.diagnosisText ?? last.success.detail,
        verdicts: last.verdicts,
        images: [],
      });
      if (draft.program.trim() === '' || draft.program === this.current.draft.program) {
        return { draft: null, message: `the repair changed nothing (${draft.error ?? 'the same program'}); kept the program` };
      }
      this.world.restore(this.world.initial);
      this.fresh = true;
      this.lastTrace = null;
      this._status = 'ready';
      this.current = { draft, origin: 'repair', correction: null };
      this.pendingModel = {
        ms: performance.now() - tm,
        tokensIn: draft.usage.inputTokens,
        tokensOut: draft.usage.outputTokens,
        promptTokens: draft.promptTokens,
      };
      this.emit({ type: 'draft', origin: 'repair', correction: null, draft });
      this.save();
      return { draft, message: (draft.notes ?? []).slice(0, 2).join('; ') || 'repaired' };
    });
  }

  /** Ends the session: the final records are written and the world freed. Safe to call twice. */
  close(endedBy: 'done' | 'quit' | 'stopped' | 'limit' = 'done'): Promise<EpisodeRecord> {
    return this.serial(async () => {
      if (this._status !== 'closed') {
        this.endedBy = endedBy;
        this._status = 'closed';
        this.knowledgeUse = await finishKnowledge(
          this.opts.knowledge,
          this.retrieved,
          this.programmer,
          this.ctx0,
          {
            success: this.lastSuccess.ok,
            outDir: this.outDir ?? null,
            corrections: this.records
              .filter((r) => r.applied && !r.undone && r.programAfter !== null)
              .map((r) => ({
                text: r.text,
                class: r.class,
                programBefore: r.programBefore,
                programAfter: r.programAfter!,
                mode: r.mode,
                memoBefore: this.memos.get(r.index)?.before,
                memoAfter: this.memos.get(r.index)?.after,
              })),
            repair: null,
          },
          (w) => void this.warnings.push(w),
        );
        this.save();
        this.world.free();
      }
      const record = this.episodeRecord();
      this.emit({ type: 'closed', record });
      return record;
    });
  }

  private endedBy: 'done' | 'quit' | 'stopped' | 'limit' | null = null;
  /** What was retrieved for the session (set by start), and what it taught (set by close). */
  private retrieved: Retrieved | null = null;
  /** The programmer's memos before and after each correction (for its own distillation; not in corrections.jsonl). */
  private readonly memos = new Map<number, { before: unknown; after: unknown }>();
  private knowledgeUse: KnowledgeUse | undefined;

  /** The knowledge entries the programmer was given. */
  get knowledge(): readonly KnowledgeItem[] {
    return this.ctx0.knowledge;
  }
  /** What the session taught the knowledge base (after close), or what it retrieved. */
  get knowledgeRecord(): KnowledgeUse | undefined {
    return this.knowledgeUse ?? this.retrieved?.use;
  }

  // ------------------------------------------------------------------ records

  /** The session as an episode record (episode.json), so suites, reports and the viewer read it as any episode. */
  episodeRecord(): EpisodeRecord {
    const a = this.attempts;
    return {
      task: this.task.id,
      taskFile: this.task.file,
      taskHash: this.task.hash,
      seed: this.seed,
      instruction: this.task.instruction,
      engine: this.engine,
      provider: this.programmer.name,
      model: this.programmer.model,
      monitor: this.monitor.name,
      maxRepairs: 0,
      oracle: this.opts.oracle ?? false,
      perception: perceptionRecord(this.perception.settings),
      success: this.lastSuccess.ok,
      successDetail: this.lastSuccess.detail,
      solvedAt: this.solvedAt,
      stoppedBy: this.lastSuccess.ok ? 'success' : 'person',
      attempts: [...a],
      tokensIn: a.reduce((s, r) => s + r.tokensIn, 0) + this.records.filter((r) => !r.applied).reduce((s, r) => s + r.tokensIn, 0),
      tokensOut: a.reduce((s, r) => s + r.tokensOut, 0) + this.records.filter((r) => !r.applied).reduce((s, r) => s + r.tokensOut, 0),
      wallMs: Math.round(performance.now() - this.t0),
      startedAt: this.startedAt.toISOString(),
      versions: toolVersions(),
      warnings: [...this.warnings],
      ...(this.knowledgeRecord && { knowledge: this.knowledgeRecord }),
    };
  }

  /** session.json: what the session is, where it stands, its corrections in brief. */
  summary(): SessionSummary {
    return {
      kind: 'correction-session',
      task: this.task.id,
      seed: this.seed,
      instruction: this.task.instruction,
      provider: this.programmer.name,
      model: this.programmer.model,
      engine: this.engine,
      monitor: this.monitor.name,
      mode: this.mode,
      status: this._status,
      endedBy: this.endedBy,
      success: this.lastSuccess.ok,
      successDetail: this.lastSuccess.detail,
      attempts: this.attempts.length,
      corrections: this.records.map((r) => ({
        index: r.index,
        text: r.text,
        class: r.class,
        mode: r.mode,
        applied: r.applied,
        ...(r.undone ? { undone: true } : {}),
        outcome: r.outcome,
      })),
      startedAt: this.startedAt.toISOString(),
    };
  }

  private save(): void {
    if (!this.outDir) return;
    writeCorrections(this.outDir, this.records);
    writeSessionFile(this.outDir, this.summary());
    writeEpisodeRecord(this.outDir, this.episodeRecord());
  }
}

export interface SessionSummary {
  kind: 'correction-session';
  task: string;
  seed: number;
  instruction: string;
  provider: string;
  model: string;
  engine: string;
  monitor: string;
  mode: CorrectionMode;
  status: SessionStatus;
  endedBy: 'done' | 'quit' | 'stopped' | 'limit' | null;
  success: boolean;
  successDetail: string;
  attempts: number;
  corrections: {
    index: number;
    text: string;
    class: CorrectionClass;
    mode: CorrectionMode;
    applied: boolean;
    undone?: boolean;
    outcome: string;
  }[];
  startedAt: string;
}

function lastCallLine(trace: Readonly<Trace>): number | null {
  for (let i = trace.events.length - 1; i >= 0; i--) {
    const e = trace.events[i]!;
    if ('line' in e && typeof e.line === 'number') return e.line;
  }
  return null;
}
