// Public surface of tasks/: task files, their schema and loader, scene randomisation, suites.

export { TaskError, displayPath, formatJsonPath, oneLine, TASK_ERROR_MAX_CHARS } from './task-def.ts';
export type { TaskDef, CorrectionHint, SceneTemplate, ObjectTemplate, LayoutSpec, DistractorSpec } from './task-def.ts';
export {
  TaskFileSchema,
  SceneSchema,
  ObjectEntrySchema,
  ZoneEntrySchema,
  LayoutSchema,
  DistractorsSchema,
  HiddenSchema,
  ID_PATTERN,
  CORRECTION_MAX_CHARS,
  CorrectionHintSchema,
  HINT_WHEN_KINDS,
  HINT_MODES,
  TASK_LIMITS,
  RESERVED_IDS,
  RESERVED_ID_PREFIXES,
  reservedIdProblem,
  textProblem,
} from './schema.ts';
export type {
  TaskFile,
  CorrectionHintEntry,
  HintWhen,
  ObjectEntry,
  HiddenEntry,
  ZoneEntry,
  LayoutEntry,
  DistractorsEntry,
} from './schema.ts';
export {
  parseTask,
  readTaskFile,
  readRegularFile,
  textNestingPath,
  valueNestingPath,
  isReferencePath,
  defaultMass,
  defaultFriction,
  DEFAULT_LAYOUT,
  DEFAULT_TIME_LIMIT,
  DEFAULT_DISTRACTOR_SHAPES,
  DISTRACTOR_PREFIX,
  objectTemplate,
  taskHash,
  canonicalJson,
  TASK_HASH_LENGTH,
} from './task-file.ts';
export { loadTask, isTaskPath } from './loader.ts';
export { instantiateScene, footprintRadius, distractorColors, MAX_LAYOUT_TRIES, CONTAINER_DROP } from './layout.ts';
export {
  createRegistry,
  bundledRegistry,
  listTasks,
  listSuites,
  getSuite,
  getTask,
  CORE_TASK_FILES,
  BUNDLED_SUITES,
} from './registry.ts';
export type { TaskRegistry, SuiteDef, SuiteInfo } from './registry.ts';
/** Re-exported from sim/, where it lives (predicate kinds use it too). */
export { closestNames } from '../sim/index.ts';
