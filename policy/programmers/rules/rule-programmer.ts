// RuleProgrammer (`--provider builtin`): the offline baseline programmer (docs/architecture.md#programmers).
// It reads the instruction with a small grammar (grammar.ts), resolves references
// against the scene facts (references.ts, intents.ts), plans steps with computed
// placement targets (planner.ts; both in plan.ts), writes the program (program-text.ts)
// and repairs it from what the failed attempt measured (evidence.ts, repair.ts). It
// never reads a task's reference program or success predicate, and uses no model. See README.md.

import type { CorrectionDraft, CorrectionInput, ProgramContext, ProgramDraft, Programmer, RepairInput } from '../programmer.ts';
import { NO_USAGE } from '../programmer.ts';
import { describeIntent, isReadFailure } from './intents.ts';
import { planFor, type RulePlan } from './plan.ts';
import { emptyState, programHash, readState, stepKeys, writeProgram } from './program-text.ts';
import type { Step } from './planner.ts';
import type { ProgramState } from './program-text.ts';
import { repairState } from './repair.ts';
import { correctProgram, writtenSteps } from './correct.ts';
import { applyKnowledge, distillWithMemos } from './knowledge.ts';
import type { DistillInput } from '../../knowledge/distill.ts';
import type { NewKnowledge } from '../../knowledge/types.ts';

function draft(program: string, plan: string[], error: string | null, notes?: string[], memo?: ProgramState): ProgramDraft {
  return { program, plan, error, usage: { ...NO_USAGE }, promptTokens: 0, ...(notes ? { notes } : {}), ...(memo ? { memo } : {}) };
}

export class RuleProgrammer implements Programmer {
  readonly name = 'builtin';
  readonly model = 'rules';

  async generate(ctx: ProgramContext): Promise<ProgramDraft> {
    // Knowledge (knowledge.ts): skill entries as step defaults, readable plan rules as amendments.
    const state = emptyState();
    applyKnowledge(ctx, state, (s) => planFor(ctx, s.choices, s.amend));
    return this.write(ctx, state);
  }

  /** A person's correction (correct.ts, README "Corrections"): read, applied to the memo, the program written again. */
  async correct(ctx: ProgramContext, input: CorrectionInput): Promise<CorrectionDraft> {
    return correctProgram(ctx, input);
  }

  /** Knowledge from an episode that ended well: from the program texts and from its memos (knowledge.ts). */
  async distill(input: DistillInput): Promise<NewKnowledge[]> {
    return distillWithMemos(input);
  }

  async repair(ctx: ProgramContext, input: RepairInput): Promise<ProgramDraft> {
    // No program last time (the instruction could not be read): generating again says why.
    if (input.program.trim() === '') return this.generate(ctx);
    const state = readState(input.memo);
    if (!state) return draft(input.program, [], 'no repair rule: the program was not written by the rule programmer');
    let current: RulePlan;
    try {
      current = planFor(ctx, state.choices, state.amend);
    } catch (e) {
      return draft(input.program, [], errorText(e), undefined, state);
    }
    const result = repairState(state, current, input, ctx, {
      write: (s) => {
        try {
          return this.text(ctx, s).program;
        } catch {
          return null;
        }
      },
      hash: programHash,
    });
    if (!result.changed) {
      return draft(
        input.program,
        current.plan.steps.map((s, i) => `${i + 1}. ${s.description}`),
        result.error ?? 'no repair rule applies',
        result.notes,
        state,
      );
    }
    return this.write(ctx, result.state, result.notes);
  }

  /** The program and plan lines for a state; throws when the instruction cannot be read or planned. */
  private text(ctx: ProgramContext, state: ProgramState): { program: string; plan: string[]; comments: string[]; steps: Step[] } {
    const rp = planFor(ctx, state.choices, state.amend);
    const comments = [
      ...rp.reading.intents.map((it) => `intent: ${describeIntent(it)}`),
      ...rp.reading.notes,
      ...rp.plan.notes,
      ...(state.knowledge ?? []),
    ];
    return { ...writeProgram(ctx.instruction, rp.plan.steps, state, comments), comments, steps: rp.plan.steps };
  }

  private write(ctx: ProgramContext, state: ProgramState, notes?: string[]): ProgramDraft {
    let out: { program: string; plan: string[]; comments: string[]; steps: Step[] };
    try {
      out = this.text(ctx, state);
    } catch (e) {
      return draft('', [], errorText(e), notes);
    }
    // Remember every program this episode ran, so no repair writes one of them again.
    const hash = programHash(out.program);
    // The steps as written (keys and subgoal lines), so a correction finds the step a run reached.
    const written = writtenSteps(out.program, out.steps, stepKeys(out.steps));
    const memo: ProgramState = { ...state, written, programs: state.programs.includes(hash) ? state.programs : [...state.programs, hash] };
    return draft(out.program, out.plan, null, notes ?? (out.comments.length ? out.comments : undefined), memo);
  }
}

function errorText(e: unknown): string {
  if (isReadFailure(e)) return e.message;
  return e instanceof Error ? `could not plan the instruction: ${e.message}` : String(e);
}
