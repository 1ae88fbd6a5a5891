// RuleProgrammer (`--provider builtin`): the offline baseline programmer (docs/architecture.md#programmers).
// It reads the instruction with a small grammar (grammar.ts), resolves references
// against the scene facts (references.ts, intents.ts), plans steps with computed
// placement targets (planner.ts; both in plan.ts), writes the program (program-text.ts)
// and repairs it by rules keyed on the diagnosis kind (repair.ts). It never reads a
// task's reference program or success predicate, and uses no model. See README.md.

import type { ProgramContext, ProgramDraft, Programmer, RepairInput } from '../programmer.ts';
import { NO_USAGE } from '../programmer.ts';
import { describeIntent, isReadFailure } from './intents.ts';
import { planFor, type RulePlan } from './plan.ts';
import { emptyState, readState, writeProgram } from './program-text.ts';
import type { ProgramState } from './program-text.ts';
import { repairState } from './repair.ts';

function draft(program: string, plan: string[], error: string | null, notes?: string[], memo?: ProgramState): ProgramDraft {
  return { program, plan, error, usage: { ...NO_USAGE }, promptTokens: 0, ...(notes ? { notes } : {}), ...(memo ? { memo } : {}) };
}

export class RuleProgrammer implements Programmer {
  readonly name = 'builtin';
  readonly model = 'rules';

  async generate(ctx: ProgramContext): Promise<ProgramDraft> {
    return this.write(ctx, emptyState());
  }

  async repair(ctx: ProgramContext, input: RepairInput): Promise<ProgramDraft> {
    // No program last time (the instruction could not be read): generating again says why.
    if (input.program.trim() === '') return this.generate(ctx);
    const state = readState(input.memo);
    if (!state) return draft(input.program, [], 'no repair rule: the program was not written by the rule programmer');
    let current: RulePlan;
    try {
      current = planFor(ctx, state.choices);
    } catch (e) {
      return draft(input.program, [], errorText(e), undefined, state);
    }
    const result = repairState(state, current, input, ctx);
    if (!result.changed) {
      return draft(
        input.program,
        current.plan.steps.map((s, i) => `${i + 1}. ${s.description}`),
        result.error ?? 'no repair rule applies',
        result.notes,
        state,
      );
    }
    const next = this.write(ctx, result.state, result.notes);
    return next;
  }

  private write(ctx: ProgramContext, state: ProgramState, notes?: string[]): ProgramDraft {
    let rp: RulePlan;
    try {
      rp = planFor(ctx, state.choices);
    } catch (e) {
      return draft('', [], errorText(e), notes);
    }
    const comments = [...rp.reading.intents.map((it) => `intent: ${describeIntent(it)}`), ...rp.reading.notes, ...rp.plan.notes];
    const { program, plan } = writeProgram(ctx.instruction, rp.plan.steps, state, comments);
    return draft(program, plan, null, notes ?? (comments.length ? comments : undefined), state);
  }
}

function errorText(e: unknown): string {
  if (isReadFailure(e)) return e.message;
  return e instanceof Error ? `could not plan the instruction: ${e.message}` : String(e);
}
