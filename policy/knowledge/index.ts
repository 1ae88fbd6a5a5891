// policy/knowledge/: the knowledge base distilled from corrections (docs/knowledge.md).
export * from './types.ts';
export { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, type Migration } from './schema.ts';
export { ExportedEntrySchema, NewKnowledgeSchema, type ExportedEntry } from './entry-schema.ts';
export { MERGE_NUDGE, PRIOR_STRENGTH, SIZE_TOLERANCE, normalizeText, paramsKey, posteriorConfidence, scopesOverlap } from './merge.ts';
export {
  BUSY_TIMEOUT_MS,
  CANDIDATE_LIMIT,
  CANDIDATE_SOURCES,
  TEXT_POSTINGS_BUDGET,
  KnowledgeBase,
  KnowledgeBaseError,
  defaultKnowledgeFile,
  ftsQuery,
  knowledgeFileFromEnv,
  type Candidate,
  type KnowledgeBaseErrorCode,
  type KnowledgeStats,
  type SearchHit,
} from './store.ts';
export {
  CLEAR_FIRST_TEXT,
  LEARNABLE_OPTIONS,
  distillByRule,
  paramPhrases,
  restsOnOrIn,
  type DistillCorrection,
  type DistillInput,
} from './distill.ts';
export { literalOptions, literalValue, stepCalls, type StepCall } from './program-calls.ts';
export {
  KNOWLEDGE_TOKEN_BUDGET,
  MIN_CONFIDENCE,
  SIZE_SLACK,
  queryText,
  retrieveKnowledge,
  type RetrievalOptions,
  type RetrievalQuery,
} from './retrieve.ts';
export { knowledgeLine } from './format.ts';
export {
  closeKnowledge,
  knowledgeFingerprint,
  learnFromEpisode,
  openKnowledge,
  resetEmbedder,
  retrieveForEpisode,
  type Distiller,
  type KnowledgeSettings,
  type KnowledgeUse,
  type Retrieved,
} from './episode-knowledge.ts';
export { indexText, queryTerms, stem } from './text.ts';
export * from './appearance.ts';
