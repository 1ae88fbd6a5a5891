// policy/program/: the program API (declared once), its argument checks and docs, the
// QuickJS sandbox, the bindings to a world, the trace recorder, running one attempt, and
// what the program perceives (perception.ts).

export { API, API_BY_NAME, API_GROUPS, API_NAMES, formatLog } from './api.ts';
export type { ApiContext, ApiFunction, ApiGroup } from './api.ts';
export { renderApiMarkdown, renderApiPrompt, signature, writeApiDocs, API_DOCS_PATH } from './api-docs.ts';
export { checkArgs, describeValue } from './arguments.ts';
export { bindApi } from './api-bindings.ts';
export type { ApiBindings, BindingOptions } from './api-bindings.ts';
export { KILL_GRACE_MS, loadQuickJS, runSandboxed, programLine, PROGRAM_FILE, SANDBOX_DEFAULTS, SandboxStop } from './sandbox.ts';
export type { HostFunction, SandboxOptions, SandboxResult } from './sandbox.ts';
export { TraceRecorder, traceToJSON, actionLabel } from './trace.ts';
export type { TraceRecorderOptions } from './trace.ts';
export { runAttempt, runAttemptSync, measureHostCallMicros } from './attempt.ts';
export type { ApiCallInfo, AttemptOptions, AttemptOutcome } from './attempt.ts';
export { IdleWorld } from './idle-world.ts';
export { PerceivedWorld, perceivedScene, PIXELS_RENDER, REDRAW_ANGLE, REDRAW_DISTANCE } from './perception.ts';
export type { PerceivedObject, PerceptionOptions, PerceptionStats } from './perception.ts';
export {
  DEFAULT_PERCEPTION_NOISE,
  PERCEPTION_MODES,
  formatPerceptionNoise,
  parsePerceptionLabel,
  parsePerceptionMode,
  parsePerceptionNoise,
  perceptionLabel,
} from './perception-settings.ts';
export type { PerceptionMode, PerceptionNoise, PerceptionSettings } from './perception-settings.ts';
