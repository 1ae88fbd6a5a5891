// Repair rules: diagnosis → adjusted programmer state (placeholder until the monitor's
// diagnosis lands; replaced below).

import type { ProgramContext, RepairInput } from './programmer.ts';
import type { ProgramState } from './rule-program-text.ts';
import type { RulePlan } from './rule-programmer.ts';

export interface RepairResult {
  changed: boolean;
  state: ProgramState;
  notes: string[];
  error?: string;
}

export function repairState(state: ProgramState, _plan: RulePlan, input: RepairInput, _ctx: ProgramContext): RepairResult {
  const kind = (input.diagnosis as { kind?: string } | null)?.kind ?? 'unknown';
  return { changed: false, state, notes: [], error: `no repair rule for ${kind}` };
}
