// Programmers: what writes and rewrites programs. The interface, the LLM-backed
// programmer with its prompts and code extraction, the offline rule programmer, and the
// factory the commands use.

export {
  GivenProgrammer,
  NO_USAGE,
  PROVIDERS,
  type Programmer,
  type ProgramContext,
  type CheckpointView,
  type ProgramDraft,
  type RepairInput,
  CORRECTION_CLASSES,
  CORRECTION_MODES,
  type CorrectionClass,
  type CorrectionMode,
  type CorrectionInput,
  type CorrectionDraft,
  type EarlierCorrection,
  type AttemptSummary,
  type ProviderChoice,
  type TokenUsage,
} from './programmer.ts';
export { createProgrammer, type ProgrammerSettings } from './factory.ts';
export { LlmProgrammer, DEFAULT_CODE_MAX_TOKENS, DEFAULT_CODE_TEMPERATURE, type LlmProgrammerOptions } from './llm-programmer.ts';
export {
  extractProgram,
  loadSyntaxChecker,
  subgoalTexts,
  NO_PROGRAM_ERROR,
  type ExtractedProgram,
  type ExtractOptions,
  type SyntaxChecker,
  type SyntaxProblem,
} from './code-extraction.ts';
export * from './prompts/index.ts';
export * from './rules/index.ts';
