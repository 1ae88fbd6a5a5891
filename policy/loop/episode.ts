// The episode runner: attempt 0 from `generate`; after each failed attempt, monitor →
// diagnosis → `repair`; the world reset to the same seed per attempt. The decisions are
// in stop-rule.ts, the monitor set-up and inspection in monitoring.ts, the images in
// checkpoint-images.ts, the files in records.ts. Reported success is always the task
// predicate.
import type { AttemptData, EngineName, ObjectInfo, PredicateResult, SceneSpec, SimWorld, Snapshot } from '../../sim/index.ts';
import { createWorld, evaluatePredicate } from '../../sim/index.ts';
import type { TaskDef } from '../../tasks/index.ts';
import { instantiateScene } from '../../tasks/index.ts';
import type { Diagnosis, HeadlessRenderer, Verdict } from '../../monitor/index.ts';
import type { ChatModel } from '../../llm/index.ts';
import { diagnose, getRenderBridge } from '../../monitor/index.ts';
import type { SyncRenderBridge } from '../../monitor/index.ts';
import { runAttempt } from '../program/attempt.ts';
import type { AttemptOptions, AttemptOutcome } from '../program/attempt.ts';
import { PerceivedWorld, perceivedScene } from '../program/perception.ts';
import { DEFAULT_PERCEPTION_NOISE } from '../program/perception-settings.ts';
import type { PerceptionSettings } from '../program/perception-settings.ts';
import type { AttemptSummary, ProgramContext, ProgramDraft, Programmer } from '../programmers/programmer.ts';
import { summarizeAttempt } from './repair-history.ts';
import type { AttemptRecord, EpisodeRecord, StopReason } from './records.ts';
import { writeAttemptFiles, writeEpisodeRecord } from './records.ts';
import { toolVersions } from './versions.ts';
import type { KnowledgeItem } from '../knowledge/types.ts';
import type { DistillCorrection, DistillInput } from '../knowledge/distill.ts';
import {
  learnFromEpisode,
  retrieveForEpisode,
  type KnowledgeSettings,
  type KnowledgeUse,
  type Retrieved,
} from '../knowledge/episode-knowledge.ts';
import { CheckpointImages } from './checkpoint-images.ts';
import { inspect, setUpMonitor } from './monitoring.ts';
import { draftStop, judgeAttempt, monitorShouldLook, oracleView } from './stop-rule.ts';

export interface EpisodeOptions {
  task: TaskDef;
  seed: number;
  programmer: Programmer;
  monitor: string;
  vlmModel?: string | null;
  maxRepairs: number;
  /** Stop on the task's success predicate (true) or on the monitor's verdicts alone (false). */
  oracle: boolean;
  engine?: EngineName;
  /** Write the run record here (docs/architecture.md#run-records); nothing is written when absent. */
  outDir?: string;
  /**
   * Which attempts get their checkpoints' RGB images written to the record: 'all' (the
   * `run` command), 'failed' (suites: the report shows failing checkpoints), 'none'.
   * Default 'all' when outDir is set. Monitors render what they need themselves.
   */
  recordImages?: 'all' | 'failed' | 'none';
  /** The model behind `--monitor vlm` (built by the caller from provider settings). */
  vlmChat?: ChatModel | null;
  renderer?: HeadlessRenderer;
  browserWSEndpoint?: string | null;
  /** The knowledge base to retrieve from (and, with `learn`, to write to); null or absent: none (docs/knowledge.md). */
  knowledge?: KnowledgeSettings | null;
  /**
   * What the program's scene queries, its skills' plans and the programmer's scene facts
   * come from (default exact): docs/architecture.md#perception. `pixels` renders through a
   * render bridge to `browserWSEndpoint` (or a browser of its own) and throws without one.
   */
  perception?: PerceptionSettings;
  /** Progress callback: one call per stage, for the CLI and the viewer. */
  onEvent?: (e: EpisodeEvent) => void;
  /** Hooks into each attempt while it runs (the live viewer streams, paces and pauses with them). */
  attemptHooks?: AttemptHooks;
  /** CPU budget of each attempt's program (ms); default the sandbox's (SANDBOX_DEFAULTS.cpuMs). */
  cpuMs?: number;
}

export interface AttemptHooks {
  /** The attempt's fresh world, before the program starts (set world.onStep here). */
  onWorld?: (world: SimWorld, attempt: number) => void;
  onApiCall?: AttemptOptions['onApiCall'];
  shouldStop?: AttemptOptions['shouldStop'];
}

export type EpisodeEvent =
  | { type: 'draft'; attempt: number; origin: 'generate' | 'repair'; draft: ProgramDraft }
  | { type: 'attempt'; attempt: number; record: AttemptRecord; verdicts: Verdict[]; diagnosisText: string | null };

/** Perception of one attempt: the settings, the render bridge of pixels mode, the seed of the noise. */
export interface AttemptPerception {
  settings: PerceptionSettings;
  bridge: SyncRenderBridge | null;
}

/**
 * The render bridge pixels perception needs (null for the other modes); rejects with one
 * line when there is no browser.
 */
export async function perceptionBridge(settings: PerceptionSettings, browserWSEndpoint?: string | null): Promise<SyncRenderBridge | null> {
  if (settings.mode !== 'pixels') return null;
  try {
    return await getRenderBridge({ browserWSEndpoint });
  } catch (err) {
    throw new Error(`--perception pixels needs a browser: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
  }
}

/** The world a program of attempt `attempt` talks to: `world` seen through perception. */
export function perceive(world: SimWorld, task: TaskDef, seed: number, attempt: number, p: AttemptPerception): PerceivedWorld {
  return new PerceivedWorld(world, {
    mode: p.settings.mode,
    noise: p.settings.noise,
    key: { task: task.id, seed, attempt },
    bridge: p.bridge,
  });
}

/** The start of an episode as retrieval sees it: the objects as perceived, the true scene and world (for rendering). */
export interface EpisodeStart {
  objects: ObjectInfo[];
  scene: SceneSpec;
  snapshot: Snapshot;
}

/**
 * The scene facts a programmer may see: the stated scene (statedScene: no hidden truth)
 * with the objects where perception puts them at the start of attempt 0, and `objects` as
 * that attempt's getObjects() reports them — the same numbers the program's queries give.
 * `knowledge` is the entries to give, or a function retrieving them for the start.
 */
export async function programContext(
  task: TaskDef,
  seed: number,
  scene: SceneSpec,
  engine: EngineName,
  knowledge: KnowledgeItem[] | ((start: EpisodeStart) => Promise<KnowledgeItem[]>),
  perception: AttemptPerception = { settings: { mode: 'exact' }, bridge: null },
): Promise<ProgramContext> {
  const world = await createWorld(scene, { engine });
  try {
    const seen = perceive(world, task, seed, 0, perception);
    const objects = seen.getObjects();
    const items = typeof knowledge === 'function' ? await knowledge({ objects, scene, snapshot: world.snapshot() }) : knowledge;
    return { taskId: task.id, instruction: task.instruction, seed, scene: perceivedScene(seen), objects, knowledge: items };
  } finally {
    world.free();
  }
}

/**
 * programContext with the episode's knowledge retrieved (when a knowledge base is set):
 * the context, and what was retrieved (for the record and for learning at the end).
 */
export async function contextWithKnowledge(
  task: TaskDef,
  seed: number,
  scene: SceneSpec,
  engine: EngineName,
  settings: KnowledgeSettings | null | undefined,
  perception: AttemptPerception,
  renderer: HeadlessRenderer | null,
): Promise<{ ctx: ProgramContext; retrieved: Retrieved | null }> {
  let retrieved: Retrieved | null = null;
  const ctx = await programContext(
    task,
    seed,
    scene,
    engine,
    settings
      ? async (start) => {
          retrieved = await retrieveForEpisode(settings, { instruction: task.instruction, ...start, renderer });
          return retrieved.items;
        }
      : [],
    perception,
  );
  return { ctx, retrieved };
}

/** The end of an episode for the knowledge base: confidences move, what it taught is written (learn on). */
export async function finishKnowledge(
  settings: KnowledgeSettings | null | undefined,
  retrieved: Retrieved | null,
  programmer: Programmer,
  ctx: ProgramContext,
  end: {
    success: boolean;
    outDir: string | null;
    corrections: readonly DistillCorrection[];
    repair: DistillInput['repair'];
  },
  warn: (w: string) => void,
): Promise<KnowledgeUse | undefined> {
  if (!settings || !retrieved) return undefined;
  if (retrieved.use.warning) warn(retrieved.use.warning);
  try {
    return await learnFromEpisode(
      settings,
      retrieved.use,
      end.success,
      {
        taskId: ctx.taskId,
        seed: ctx.seed,
        instruction: ctx.instruction,
        objects: ctx.objects,
        appearance: retrieved.appearance,
        programmer: programmer.model ? `${programmer.name}:${programmer.model}` : programmer.name,
        session: end.outDir,
        corrections: end.corrections,
        repair: end.repair,
      },
      programmer,
    );
  } catch (err) {
    warn(`knowledge base not updated: ${(err as Error).message.split('\n')[0]}`);
    return retrieved.use;
  }
}

function noProgramOutcome(reason: string): AttemptOutcome {
  return {
    trace: { events: [], subgoals: [], checkpoints: [] },
    error: { kind: 'NoProgramError', message: reason, line: null },
    wallMs: 0,
    simSeconds: 0,
    apiCalls: 0,
  };
}

function finalSnapshot(trace: AttemptData['trace'], fallback: Snapshot): Snapshot {
  const cps = trace.checkpoints;
  return cps.length > 0 ? cps[cps.length - 1]!.snapshot : fallback;
}

export async function runEpisode(opts: EpisodeOptions): Promise<EpisodeRecord> {
  const t0 = performance.now();
  const engine = opts.engine ?? 'rapier';
  const scene = instantiateScene(opts.task, opts.seed);
  const perception: AttemptPerception = {
    settings: opts.perception ?? { mode: 'exact' },
    bridge: await perceptionBridge(opts.perception ?? { mode: 'exact' }, opts.browserWSEndpoint),
  };
  const warnings: string[] = [];
  const warn = (w: string): void => void warnings.push(w);
  const recordImages = opts.outDir === undefined ? 'none' : (opts.recordImages ?? 'all');
  const { monitor, renderer } = await setUpMonitor({
    monitor: opts.monitor,
    renderer: opts.renderer,
    browserWSEndpoint: opts.browserWSEndpoint,
    vlmModel: opts.vlmModel,
    vlmChat: opts.vlmChat,
    recordImages: recordImages !== 'none',
    warn,
  });
  const { ctx, retrieved } = await contextWithKnowledge(opts.task, opts.seed, scene, engine, opts.knowledge, perception, renderer);
  const knowledgeIds = ctx.knowledge.map((k) => k.id);
  const programs: { program: string; memo: unknown }[] = [];

  const attempts: AttemptRecord[] = [];
  let success: PredicateResult = { ok: false, detail: 'no attempt ran' };
  let solvedAt: number | null = null;
  let stoppedBy: StopReason = 'budget';
  let origin: 'generate' | 'repair' = 'generate';
  // One line per attempt for the next repair (RepairInput.history), and the program it ran.
  const history: AttemptSummary[] = [];
  let previousProgram: string | null = null;
  let modelT = performance.now();
  let draft = await opts.programmer.generate(ctx);
  let modelMs = performance.now() - modelT;
  opts.onEvent?.({ type: 'draft', attempt: 0, origin, draft });

  for (let k = 0; k <= opts.maxRepairs; k++) {
    const ta = performance.now();
    const { attempt, outcome } = await runDraft(opts, scene, engine, draft, k, perception);
    success = evaluatePredicate(opts.task.success, {
      scene,
      state: finalSnapshot(outcome.trace, outcome.initial),
      initial: outcome.initial,
    });
    const oracleResult = oracleView(opts.oracle, success);
    const images = new CheckpointImages(renderer, scene, outcome.trace.checkpoints, warn);
    const lookImages = monitor.name === 'vlm' && monitorShouldLook(oracleResult, outcome.error) ? await images.all() : null;
    const seen = await inspect(monitor, attempt, lookImages, oracleResult);
    const judged = judgeAttempt({
      oracle: opts.oracle,
      success,
      monitorOk: seen.monitorOk,
      error: outcome.error,
      lastAttempt: k === opts.maxRepairs,
    });
    const diagnosis: Diagnosis | null = judged.judgedFailed ? diagnose(attempt, seen.verdicts, { success: oracleResult }) : null;
    if (recordImages === 'all' || (recordImages === 'failed' && judged.failed)) await images.all();
    const files = images.recordFiles();

    const record: AttemptRecord = {
      index: k,
      success: success.ok,
      successDetail: success.detail,
      origin,
      error: outcome.error,
      monitorOk: seen.monitorOk,
      failingCheckpoint: diagnosis?.checkpoint ?? null,
      diagnosisKind: diagnosis?.kind ?? null,
      tokensIn: draft.usage.inputTokens + seen.tokensIn,
      tokensOut: draft.usage.outputTokens + seen.tokensOut,
      promptTokens: draft.promptTokens,
      monitorTokensIn: seen.tokensIn,
      monitorTokensOut: seen.tokensOut,
      wallMs: Math.round(performance.now() - ta + modelMs),
      modelMs: Math.round(modelMs),
      simSeconds: outcome.simSeconds,
      apiCalls: outcome.apiCalls,
      checkpoints: outcome.trace.checkpoints.length,
      images: files.size,
      ...(opts.knowledge && { knowledge: knowledgeIds }),
      ...(draft.notes && draft.notes.length > 0 ? { notes: draft.notes } : {}),
    };
    attempts.push(record);
    programs.push({ program: draft.program, memo: draft.memo });
    if (opts.outDir) {
      writeAttemptFiles(
        opts.outDir,
        k,
        {
          program: draft.program,
          trace: outcome.trace,
          verdicts: seen.verdicts,
          diagnosis: diagnosis ?? undefined,
          diagnosisText: diagnosis?.text,
          images: files,
          reply: draft.raw,
        },
        success,
      );
    }
    opts.onEvent?.({ type: 'attempt', attempt: k, record, verdicts: seen.verdicts, diagnosisText: diagnosis?.text ?? null });
    if (success.ok && solvedAt === null) solvedAt = k;
    if (judged.stop) {
      stoppedBy = judged.stop;
      break;
    }

    history.push(
      summarizeAttempt(k, origin, previousProgram, draft, diagnosis, outcome.error, oracleResult?.detail ?? 'no failure was observed'),
    );
    previousProgram = draft.program;
    origin = 'repair';
    modelT = performance.now();
    const failing = diagnosis?.checkpoint ?? null;
    const next = await opts.programmer.repair(ctx, {
      attempt: k,
      program: draft.program,
      memo: draft.memo,
      diagnosis,
      diagnosisText: diagnosis?.text ?? oracleResult?.detail ?? 'no failure was observed',
      verdicts: seen.verdicts,
      images: failing !== null && opts.programmer.wantsImages ? await images.viewsOf(failing) : [],
      history: [...history],
    });
    modelMs = performance.now() - modelT;
    opts.onEvent?.({ type: 'draft', attempt: k + 1, origin, draft: next });
    const ends = draftStop(draft, next, k);
    if (ends) {
      stoppedBy = ends.stop;
      warn(ends.warning);
      break;
    }
    draft = next;
  }

  const knowledge = await finishKnowledge(
    opts.knowledge,
    retrieved,
    opts.programmer,
    ctx,
    {
      success: success.ok,
      outDir: opts.outDir ?? null,
      corrections: [],
      repair:
        solvedAt !== null && solvedAt > 0
          ? {
              programBefore: programs[0]!.program,
              programAfter: programs[solvedAt]!.program,
              memoBefore: programs[0]!.memo,
              memoAfter: programs[solvedAt]!.memo,
            }
          : null,
    },
    warn,
  );
  const record: EpisodeRecord = {
    task: opts.task.id,
    taskFile: opts.task.file,
    taskHash: opts.task.hash,
    seed: opts.seed,
    instruction: opts.task.instruction,
    engine,
    provider: opts.programmer.name,
    model: opts.programmer.model,
    monitor: monitor.name,
    maxRepairs: opts.maxRepairs,
    oracle: opts.oracle,
    perception: perceptionRecord(perception.settings),
    success: success.ok,
    successDetail: success.detail,
    solvedAt,
    stoppedBy,
    attempts,
    tokensIn: attempts.reduce((a, r) => a + r.tokensIn, 0),
    tokensOut: attempts.reduce((a, r) => a + r.tokensOut, 0),
    wallMs: Math.round(performance.now() - t0),
    startedAt: new Date(Date.now() - (performance.now() - t0)).toISOString(),
    versions: toolVersions(),
    warnings,
    ...(knowledge && { knowledge }),
  };
  if (opts.outDir) writeEpisodeRecord(opts.outDir, record);
  return record;
}

/** Runs one draft on a fresh world built from the seed's scene (a draft without code fails with its reason). */
async function runDraft(
  opts: EpisodeOptions,
  scene: SceneSpec,
  engine: EngineName,
  draft: ProgramDraft,
  k: number,
  perception: AttemptPerception,
): Promise<{ attempt: AttemptData; outcome: AttemptOutcome & { initial: Snapshot } }> {
  const hooks = opts.attemptHooks;
  const world = await createWorld(scene, { engine, timeLimit: opts.task.timeLimit });
  const initial = world.initial;
  hooks?.onWorld?.(world, k);
  let outcome: AttemptOutcome;
  try {
    outcome =
      draft.program.trim() === ''
        ? noProgramOutcome(draft.error ?? 'the programmer returned no program')
        : await runAttempt({
            world,
            programWorld: perceive(world, opts.task, opts.seed, k, perception),
            program: draft.program,
            cpuMs: opts.cpuMs,
            onApiCall: hooks?.onApiCall,
            shouldStop: hooks?.shouldStop,
          });
  } finally {
    world.free();
  }
  const attempt: AttemptData = {
    scene,
    instruction: opts.task.instruction,
    program: draft.program,
    trace: outcome.trace,
    error: outcome.error,
  };
  return { attempt, outcome: { ...outcome, initial } };
}

/** How an episode record names its perception: the mode, and σ for noisy. */
export function perceptionRecord(p: PerceptionSettings): EpisodeRecord['perception'] {
  return p.mode === 'noisy' ? { mode: p.mode, noise: p.noise ?? DEFAULT_PERCEPTION_NOISE } : { mode: p.mode };
}
