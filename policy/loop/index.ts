// The repair loop: one episode, attempt after attempt, and its run record.

export { runEpisode, programContext, type EpisodeOptions, type EpisodeEvent, type AttemptHooks } from './episode.ts';
export {
  writeAttemptFiles,
  writeEpisodeRecord,
  attemptDir,
  type AttemptRecord,
  type EpisodeRecord,
  type StopReason,
  type AttemptFiles,
} from './records.ts';
export { toolVersions, VERSION } from './versions.ts';
export { programChange, attemptOutcome, summarizeAttempt } from './repair-history.ts';
