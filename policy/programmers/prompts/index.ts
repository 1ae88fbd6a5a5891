// The prompts the LLM programmer sends: generation, repair, correction, scene facts, predicate forms.

export {
  PROMPT_TOKEN_BUDGET,
  REPAIR_FORMAT,
  buildGenerationPrompt,
  promptTokens,
  systemPrompt,
  knowledgeSection,
  taskSection,
  outputFormat,
} from './generation-prompt.ts';
export {
  buildRepairPrompt,
  numberLines,
  promptText,
  shortenDiagnosis,
  verdictSection,
  historySection,
  type RepairPrompt,
  type RepairPromptOptions,
} from './repair-prompt.ts';
export {
  buildCorrectionPrompt,
  parseCorrectionReply,
  markedProgram,
  CORRECTION_CLASS_MEANING,
  CORRECTION_FORMAT,
  type CorrectionPrompt,
  type CorrectionPromptOptions,
  type ParsedCorrectionReply,
} from './correction-prompt.ts';
export { renderSceneFacts, formatPosition, formatSize, type SceneFactsInput } from './scene-facts.ts';
export { PREDICATE_PROMPT_FORMS, predicateKindsInForms } from './predicate-forms.ts';
