// The repair loop: one episode, attempt after attempt, and its run record.

export {
  runEpisode,
  programContext,
  perceive,
  perceptionBridge,
  perceptionRecord,
  type EpisodeOptions,
  type EpisodeEvent,
  type AttemptHooks,
  type AttemptPerception,
} from './episode.ts';
export { setUpMonitor, inspect, type Inspection, type MonitorSetup } from './monitoring.ts';
export { oracleView, judgeAttempt, monitorShouldLook } from './stop-rule.ts';
export { CheckpointImages } from './checkpoint-images.ts';
export {
  writeAttemptFiles,
  writeEpisodeRecord,
  attemptDir,
  type AttemptRecord,
  type AttemptOrigin,
  type EpisodeRecord,
  type StopReason,
  type AttemptFiles,
} from './records.ts';
export { toolVersions, VERSION } from './versions.ts';
export { programChange, attemptOutcome, summarizeAttempt } from './repair-history.ts';
