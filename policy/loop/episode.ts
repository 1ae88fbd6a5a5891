// The episode runner (DESIGN §1, §7): attempt 0 from `generate`; after each failed
// attempt, monitor → diagnosis → `repair`; the world reset to the same seed per attempt;
// stop on task success (oracle, default) or on clean monitor verdicts (--no-oracle).
// Reported success is always the task predicate.
import type { AttemptData, EngineName, PredicateResult, SceneSpec, SimWorld, Snapshot } from '../../sim/index.ts';
import { createRng, createWorld, evaluatePredicate } from '../../sim/index.ts';
import type { TaskDef } from '../../tasks/index.ts';
import { instantiateScene } from '../../tasks/index.ts';
import type { Verdict, ViewImages, Diagnosis } from '../../monitor/index.ts';
import type { ChatModel } from '../../llm/index.ts';
import { checkpointFileName, createMonitor, diagnose, getRenderer, VIEW_NAMES } from '../../monitor/index.ts';
import type { HeadlessRenderer } from '../../monitor/index.ts';
import { runAttempt } from '../program/attempt.ts';
import type { AttemptOptions, AttemptOutcome } from '../program/attempt.ts';
import type { ProgramContext, ProgramDraft, Programmer } from '../programmers/programmer.ts';
import type { AttemptRecord, EpisodeRecord, StopReason } from './records.ts';
import { writeAttemptFiles, writeEpisodeRecord } from './records.ts';
import { toolVersions } from './versions.ts';

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
  /** Write the run record here (DESIGN §9); nothing is written when absent. */
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
  knowledge?: string[];
  /** σ (m) of a seeded error in the object positions the programmer is told (default 0). */
  sceneNoise?: number;
  /** Progress callback: one call per stage, for the CLI and the viewer. */
  onEvent?: (e: EpisodeEvent) => void;
  /** Hooks into each attempt while it runs (the live viewer streams, paces and pauses with them). */
  attemptHooks?: AttemptHooks;
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

/**
 * The scene facts a programmer may see: initial objects as getObjects() reports them.
 * With `sceneNoise` σ > 0 (m), each object's reported x and y carry a seeded Gaussian
 * error, fixed for the episode — a perception/calibration error the program cannot see
 * past at generation time and the repair loop has to correct from what it measures.
 */
export async function programContext(
  task: TaskDef, seed: number, scene: SceneSpec, engine: EngineName, knowledge: string[], sceneNoise = 0,
): Promise<ProgramContext> {
  const world = await createWorld(scene, { engine });
  try {
    const objects = world.getObjects();
    if (sceneNoise > 0) {
      const rng = createRng(`${task.id}#${seed}#scene-noise`);
      const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
      for (const o of objects) o.position = [o.position[0] + sceneNoise * gauss(), o.position[1] + sceneNoise * gauss(), o.position[2]];
    }
    return { taskId: task.id, instruction: task.instruction, seed, scene, objects, knowledge };
  } finally {
    world.free();
  }
}

function noProgramOutcome(reason: string): AttemptOutcome {
  return {
    trace: { events: [], subgoals: [], checkpoints: [] },
    error: { kind: 'NoProgramError', message: reason, line: null },
    wallMs: 0, simSeconds: 0, apiCalls: 0,
  };
}

function finalSnapshot(trace: AttemptData['trace'], fallback: Snapshot): Snapshot {
  const cps = trace.checkpoints;
  return cps.length > 0 ? cps[cps.length - 1]!.snapshot : fallback;
}

export async function runEpisode(opts: EpisodeOptions): Promise<EpisodeRecord> {
  const t0 = performance.now();
  const engine = opts.engine ?? 'rapier';
  const hooks = opts.attemptHooks;
  const scene = instantiateScene(opts.task, opts.seed);
  const ctx = await programContext(opts.task, opts.seed, scene, engine, opts.knowledge ?? [], opts.sceneNoise ?? 0);
  const warnings: string[] = [];
  const recordImages = opts.outDir === undefined ? 'none' : opts.recordImages ?? 'all';
  // One renderer for the monitor and the record: the process-wide one, or a page in a
  // browser shared by the suite's workers.
  let renderer: HeadlessRenderer | null = opts.renderer ?? getRenderer(opts.browserWSEndpoint ? { browserWSEndpoint: opts.browserWSEndpoint } : {});
  const requested = await createMonitor(opts.monitor, {
    renderer, vlmModel: opts.vlmModel ?? null, vlmChat: opts.vlmChat ?? null, warn: (w: string) => warnings.push(w),
  });
  if (requested.needsImages || recordImages !== 'none') {
    const why = await renderer.unavailableReason();
    if (why) {
      renderer = null;
      warnings.push(requested.needsImages ? `${why}; the ${requested.name} monitor needs images, falling back to the state monitor` : `${why}; no checkpoint images`);
    }
  }
  const activeMonitor = renderer === null && requested.needsImages ? await createMonitor('state', {}) : requested;

  const attempts: AttemptRecord[] = [];
  let success: PredicateResult = { ok: false, detail: 'no attempt ran' };
  let solvedAt: number | null = null;
  let stoppedBy: StopReason = 'budget';
  let draft: ProgramDraft;
  let origin: 'generate' | 'repair' = 'generate';
  let modelT = performance.now();
  draft = await opts.programmer.generate(ctx);
  let modelMs = performance.now() - modelT;
  opts.onEvent?.({ type: 'draft', attempt: 0, origin, draft });

  for (let k = 0; k <= opts.maxRepairs; k++) {
    const ta = performance.now();
    const world = await createWorld(scene, { engine, timeLimit: opts.task.timeLimit });
    const initial = world.initial;
    hooks?.onWorld?.(world, k);
    let outcome: AttemptOutcome;
    try {
      outcome = draft.program.trim() === ''
        ? noProgramOutcome(draft.error ?? 'the programmer returned no program')
        : await runAttempt({ world, program: draft.program, onApiCall: hooks?.onApiCall, shouldStop: hooks?.shouldStop });
    } finally {
      world.free();
    }
    const final = finalSnapshot(outcome.trace, initial);
    success = evaluatePredicate(opts.task.success, { scene, state: final, initial });
    const attempt: AttemptData = { scene, instruction: opts.task.instruction, program: draft.program, trace: outcome.trace, error: outcome.error };

    // RGB images of every checkpoint, rendered at most once per attempt: for the vlm monitor
    // (only when it will look: a failed or erroring attempt), the record and vision repairs.
    let images: ViewImages[] | null = null;
    let rendered = false;
    const rgbImages = async (): Promise<ViewImages[] | null> => {
      if (rendered) return images;
      rendered = true;
      if (renderer === null || outcome.trace.checkpoints.length === 0) return null;
      try {
        images = await renderer.renderCheckpoints(scene, outcome.trace.checkpoints.map((c) => c.snapshot), { rgb: true, ids: false, depth: false });
      } catch (err) {
        warnings.push(`rendering checkpoint images failed: ${(err as Error).message}`);
      }
      return images;
    };
    // What the monitor may know of the task check: nothing in no-oracle mode (then the
    // vlm monitor looks at every attempt, successful or not).
    const oracleResult = opts.oracle ? success : null;
    const vlmLooks = oracleResult === null || !oracleResult.ok || outcome.error !== null;
    const monitorImages = activeMonitor.name === 'vlm' && vlmLooks ? await rgbImages() : null;
    const usageBefore = { ...activeMonitor.usage };
    const verdicts: Verdict[] = activeMonitor.name === 'none' ? [] : await activeMonitor.inspect(attempt, monitorImages, { success: oracleResult });
    const monitorTokensIn = activeMonitor.usage.inputTokens - usageBefore.inputTokens;
    const monitorTokensOut = activeMonitor.usage.outputTokens - usageBefore.outputTokens;
    const monitorOk = activeMonitor.name === 'none' ? null : verdicts.every((v) => v.ok) && outcome.error === null;
    const failed = !success.ok || monitorOk === false || outcome.error !== null;
    // Whether the loop treats the attempt as failed: with --no-oracle only the program's
    // error and the monitor decide (no monitor: every attempt is diagnosed from the trace).
    const judgedFailed = opts.oracle ? failed : monitorOk !== true;
    let diagnosis: Diagnosis | null = null;
    if (judgedFailed) diagnosis = diagnose(attempt, verdicts, { success: oracleResult });

    const record: AttemptRecord = {
      index: k, success: success.ok, successDetail: success.detail, origin, error: outcome.error,
      monitorOk, failingCheckpoint: diagnosis?.checkpoint ?? null, diagnosisKind: diagnosis?.kind ?? null,
      tokensIn: draft.usage.inputTokens + monitorTokensIn, tokensOut: draft.usage.outputTokens + monitorTokensOut, promptTokens: draft.promptTokens,
      monitorTokensIn, monitorTokensOut,
      wallMs: 0, modelMs: Math.round(modelMs), simSeconds: outcome.simSeconds, apiCalls: outcome.apiCalls,
      checkpoints: outcome.trace.checkpoints.length, images: 0,
    };
    if (recordImages === 'all' || (recordImages === 'failed' && failed)) await rgbImages();
    const files = new Map<string, Buffer>();
    if (images) {
      outcome.trace.checkpoints.forEach((cp, i) => {
        for (const view of VIEW_NAMES) {
          const png = images![i]?.[view]?.rgbPng;
          if (png) files.set(checkpointFileName(cp.index, cp.label, view), png);
        }
      });
    }
    record.images = files.size;
    record.wallMs = Math.round(performance.now() - ta + modelMs);
    attempts.push(record);
    if (opts.outDir) {
      writeAttemptFiles(opts.outDir, k, {
        program: draft.program, trace: outcome.trace, verdicts, diagnosis: diagnosis ?? undefined,
        diagnosisText: diagnosis?.text, images: files, reply: draft.raw,
      }, success);
    }
    opts.onEvent?.({ type: 'attempt', attempt: k, record, verdicts, diagnosisText: diagnosis?.text ?? null });

    if (success.ok && solvedAt === null) solvedAt = k;
    const done = opts.oracle ? success.ok : monitorOk === true;
    if (done) { stoppedBy = opts.oracle ? 'success' : 'monitor-ok'; break; }
    if (k === opts.maxRepairs) { stoppedBy = 'budget'; break; }

    const failing = diagnosis?.checkpoint ?? null;
    let failImages: { view: string; png: Buffer }[] = [];
    const failingCp = failing === null ? undefined : outcome.trace.checkpoints.find((c) => c.index === failing);
    if (failingCp && opts.programmer.wantsImages) {
      const idx = outcome.trace.checkpoints.indexOf(failingCp);
      const views: ViewImages | undefined = (await rgbImages())?.[idx];
      failImages = VIEW_NAMES.flatMap((view) => {
        const png = views?.[view]?.rgbPng;
        return png ? [{ view, png }] : [];
      });
    }
    origin = 'repair';
    modelT = performance.now();
    const next = await opts.programmer.repair(ctx, {
      attempt: k, program: draft.program, memo: draft.memo, diagnosis, diagnosisText: diagnosis?.text ?? (oracleResult?.detail ?? 'no failure was observed'),
      verdicts, images: failImages,
    });
    modelMs = performance.now() - modelT;
    opts.onEvent?.({ type: 'draft', attempt: k + 1, origin, draft: next });
    if (next.program.trim() === '' && draft.program.trim() === '') {
      // Two drafts in a row without code: there is nothing to run or repair.
      stoppedBy = 'no-program';
      warnings.push(`no usable program after attempt ${k} either (${next.error ?? 'empty reply'}); stopping`);
      break;
    } else if (next.program.trim() === '') {
      // No usable code: that attempt fails with the reason, and counts.
    } else if (next.program === draft.program) {
      stoppedBy = 'no-change';
      warnings.push(`repair after attempt ${k} returned the same program (${next.error ?? 'no change'}); stopping`);
      break;
    }
    draft = next;
  }

  const record: EpisodeRecord = {
    task: opts.task.id, taskFile: opts.task.file, seed: opts.seed, instruction: opts.task.instruction, engine,
    provider: opts.programmer.name, model: opts.programmer.model, monitor: activeMonitor.name,
    maxRepairs: opts.maxRepairs, oracle: opts.oracle, sceneNoise: opts.sceneNoise ?? 0,
    success: success.ok, successDetail: success.detail, solvedAt, stoppedBy, attempts,
    tokensIn: attempts.reduce((a, r) => a + r.tokensIn, 0), tokensOut: attempts.reduce((a, r) => a + r.tokensOut, 0),
    wallMs: Math.round(performance.now() - t0), startedAt: new Date(Date.now() - (performance.now() - t0)).toISOString(),
    versions: toolVersions(), warnings,
  };
  if (opts.outDir) writeEpisodeRecord(opts.outDir, record);
  return record;
}
