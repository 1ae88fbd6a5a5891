// Correction sessions (DESIGN §11, docs/corrections.md): a person — or the simulated
// corrector — teaches an episode in plain language; the programmer rewrites the program
// from each correction and the robot carries on from the world as it is, or from the seed.

export {
  CorrectionSession,
  type SessionOptions,
  type RunHooks,
  type RunResult,
  type CorrectionResult,
  type SessionEvent,
  type SessionStatus,
  type SessionSummary,
} from './session.ts';
export { classifyCorrection, correctionTextProblem, CORRECTION_MAX_CHARS, type CorrectionReading } from './classify.ts';
export { actionSkeleton, skillChangesPlan } from './skeleton.ts';
export { writeCorrections, writeSessionFile, CORRECTIONS_FILE, SESSION_FILE, type CorrectionRecord } from './records.ts';
