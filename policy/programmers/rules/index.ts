// The rule programmer (`--provider builtin`): the public surface. See README.md here for
// how an instruction becomes a program and how repairs change it.

export { RuleProgrammer } from './rule-programmer.ts';
export { planFor, type RulePlan } from './plan.ts';
export { readInstruction, describeIntent, isReadFailure, type Reading, type Intent, type Choices } from './intents.ts';
export {
  readState,
  writeProgram,
  emptyState,
  stepKeys,
  programHash,
  type ProgramState,
  type StepAdjust,
  type PlanAmendments,
  type TriedRemedy,
} from './program-text.ts';
export type { SceneFacts } from './references.ts';
export { findings, describeFinding, type Finding } from './evidence.ts';
