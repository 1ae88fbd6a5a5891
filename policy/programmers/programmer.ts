// The Programmer interface: something that writes a program for a task and rewrites it
// from a diagnosis. LLM-backed and rule-based implementations live beside it.
import type { ImageMime, TokenUsage } from '../../llm/index.ts';
import type { Diagnosis, DiagnosisKind, Verdict } from '../../monitor/index.ts';
import type { GripperState, ObjectInfo, SceneSpec, Trace } from '../../sim/index.ts';
import type { DistillInput } from '../knowledge/distill.ts';
import type { KnowledgeItem, NewKnowledge } from '../knowledge/types.ts';

export type { TokenUsage };

/** One rendered view of a checkpoint, ready to send to a model. */
export interface CheckpointView {
  view: string;
  mime: ImageMime;
  bytes: Buffer;
}

/** What a programmer knows about the task: never the reference program or the success predicate. */
export interface ProgramContext {
  taskId: string;
  instruction: string;
  seed: number;
  scene: SceneSpec;
  /** The objects as the program API's getObjects() reports them at the start. */
  objects: ObjectInfo[];
  /**
   * Entries of the knowledge base that apply to this episode (docs/knowledge.md), best
   * first: lessons distilled from earlier corrections and repairs, each with the objects of
   * this scene it applies to. Empty when the knowledge base is off or has nothing that applies.
   */
  knowledge: KnowledgeItem[];
}

export interface ProgramDraft {
  /** The program text; empty when the programmer produced no usable code (see `error`). */
  program: string;
  /** The numbered subgoal decomposition the programmer stated, if any. */
  plan: string[];
  /** Why there is no usable program, when there is none. */
  error: string | null;
  usage: TokenUsage;
  /** Tokens in the prompt as counted offline (budget check). */
  promptTokens: number;
  /** Raw reply of the model (for the record), when a model was used. */
  raw?: string;
  /** Free-form notes of what the programmer changed and why (repairs). */
  notes?: string[];
  /**
   * The programmer's own state for its next repair of this program (the rule programmer's
   * plan, say). Opaque to everyone else: never shown to a model, never part of the program.
   */
  memo?: unknown;
}

/** One earlier attempt of the episode, in a line or two (RepairInput.history). */
export interface AttemptSummary {
  /** 0-based attempt index. */
  attempt: number;
  origin: 'generate' | 'repair';
  /** What its program changed against the previous attempt's, in one line ("first program (12 lines)" for attempt 0). */
  change: string;
  /** The notes the programmer left with that draft (at most 3, short). */
  notes: string[];
  /** Its diagnosis kind and the program line it was pinned on; null when it has none. */
  kind: DiagnosisKind | null;
  line: number | null;
  /** How it ended, in one line: the diagnosis (kind, line, summary) or the program error. */
  outcome: string;
}

export interface RepairInput {
  /** Index of the attempt that failed. */
  attempt: number;
  program: string;
  /** The memo of the draft that produced `program`, if the programmer left one. */
  memo?: unknown;
  /** The fused diagnosis; null when there is none (a model answered nothing runnable). */
  diagnosis: Diagnosis | null;
  diagnosisText: string;
  verdicts: Verdict[];
  /** Images of the failing checkpoint, one per view (model-size JPEGs), for vision-capable models. */
  images: CheckpointView[];
  /**
   * The attempts of this episode so far, oldest first, the failed one being repaired
   * last (its entry repeats `diagnosis` in one line). Absent when the caller keeps none.
   */
  history?: AttemptSummary[];
}

export interface Programmer {
  readonly name: string;
  /** Model name (or "rules"/"given") for the record. */
  readonly model: string;
  /** True when repair() uses the failing checkpoint's images (vision-capable models). */
  readonly wantsImages?: boolean;
  generate(ctx: ProgramContext): Promise<ProgramDraft>;
  repair(ctx: ProgramContext, input: RepairInput): Promise<ProgramDraft>;
  /**
   * A new program from a person's correction (docs/corrections.md). With `mode:
   * 'continue'`, `ctx` describes the world as it is now (ctx.objects, ctx.scene's poses)
   * and the program must be written for it; with 'restart', the seed's scene.
   */
  correct(ctx: ProgramContext, input: CorrectionInput): Promise<CorrectionDraft>;
  /**
   * Knowledge entries from an episode that ended well after corrections or repairs
   * (docs/knowledge.md#distillation). Absent, or null returned: the rule distiller is used.
   */
  distill?(input: DistillInput): Promise<NewKnowledge[] | null>;
}

/** DROC's two kinds of correction: which objects / steps / order / target, or how a step is done. */
export const CORRECTION_CLASSES = ['plan', 'skill'] as const;
export type CorrectionClass = (typeof CORRECTION_CLASSES)[number];
/** Go on from the world as the interruption left it, or reset to the seed and run from the start. */
export const CORRECTION_MODES = ['continue', 'restart'] as const;
export type CorrectionMode = (typeof CORRECTION_MODES)[number];

/** An earlier correction of the same session, in a line (CorrectionInput.earlier). */
export interface EarlierCorrection {
  index: number;
  text: string;
  class: CorrectionClass | null;
  /** How the program it produced ended, in one line (or why there was none). */
  outcome: string;
}

/** Everything a programmer gets with a person's correction, besides the ProgramContext. */
export interface CorrectionInput {
  /** 0-based index of this correction within the session. */
  index: number;
  /** What the person said, trimmed (1–2,000 characters). */
  text: string;
  mode: CorrectionMode;
  /** The program being corrected, and the memo and plan of its draft. */
  program: string;
  memo?: unknown;
  plan: string[];
  /**
   * How far that program got: 'not-run' (corrected before it ran), 'interrupted' (stopped
   * before the API call on `line`), 'ended' (ran to its end or failed with an error).
   */
  reached: 'not-run' | 'interrupted' | 'ended';
  /** The 1-based program line reached (the call about to run when interrupted; the last call otherwise); null when none. */
  line: number | null;
  /** The trace of the run being corrected, so far (null when it has not run). */
  trace: Readonly<Trace> | null;
  /** The gripper now (with mode 'continue' it may hold an object). */
  gripper: GripperState;
  /**
   * The objects as they were at the start of the session (the seed's scene, as perceived),
   * so that "put it back" and a changed choice of object can return what an earlier
   * program moved to where it was.
   */
  sessionStart: ObjectInfo[];
  /** The last diagnosis of that run, when the run ended and a failure was diagnosed. */
  diagnosisText: string | null;
  /** The session's own reading of the class (classifyCorrection); a programmer may decide otherwise. */
  classHint: CorrectionClass;
  /** Earlier corrections of this session, oldest first. */
  earlier: EarlierCorrection[];
}

export interface CorrectionDraft extends ProgramDraft {
  /** The class the programmer gave the correction (its own reading, or the hint). */
  class: CorrectionClass;
  /** What it understood the correction to ask, in one line ("pick blue_block instead of red_block"). */
  understood: string;
}

export const PROVIDERS = ['builtin', 'openai', 'replay'] as const;
export type ProviderChoice = (typeof PROVIDERS)[number];

export const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0 };

/** A programmer that always returns a program it was given (`run --program F`). */
export class GivenProgrammer implements Programmer {
  readonly name = 'given';
  readonly model = 'given';
  private readonly program: string;
  constructor(program: string) {
    this.program = program;
  }
  async generate(): Promise<ProgramDraft> {
    return { program: this.program, plan: [], error: null, usage: { ...NO_USAGE }, promptTokens: 0 };
  }
  async repair(): Promise<ProgramDraft> {
    return { program: this.program, plan: [], error: 'a given program is not repaired', usage: { ...NO_USAGE }, promptTokens: 0 };
  }
  async correct(_ctx: ProgramContext, input: CorrectionInput): Promise<CorrectionDraft> {
    return {
      program: '',
      plan: [],
      error: 'a given program (run --program) is not rewritten from corrections; use --provider builtin or openai',
      usage: { ...NO_USAGE },
      promptTokens: 0,
      class: input.classHint,
      understood: 'nothing: this programmer only runs the program it was given',
    };
  }
}
