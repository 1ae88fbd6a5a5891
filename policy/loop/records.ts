// Run records (docs/architecture.md#run-records): episode.json and one folder per attempt.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PredicateResult, ProgramError, Trace } from '../../sim/index.ts';
import { traceToJSON } from '../program/trace.ts';
import type { PerceptionMode, PerceptionNoise } from '../program/perception-settings.ts';
import type { KnowledgeUse } from '../knowledge/episode-knowledge.ts';

/** What produced an attempt's program: the first draft, a repair, or a person's correction (docs/corrections.md). */
export type AttemptOrigin = 'generate' | 'repair' | 'correction';

export interface AttemptRecord {
  index: number;
  success: boolean;
  /** The task predicate's detail at the end of the attempt. */
  successDetail: string;
  /** What the programmer was asked to do for this attempt. */
  origin: AttemptOrigin;
  /** With origin 'correction': the 0-based index of the correction (corrections.jsonl) that wrote its program. */
  correction?: number;
  /** True when the attempt ran on from the world an earlier one left (a correction session's continue), not a fresh world. */
  continued?: boolean;
  /** True when a person interrupted it before its program ended. */
  interrupted?: boolean;
  error: ProgramError | null;
  /** Monitor's overall view: all checkpoints ok? null when no monitor ran. */
  monitorOk: boolean | null;
  failingCheckpoint: number | null;
  diagnosisKind: string | null;
  tokensIn: number;
  tokensOut: number;
  promptTokens: number;
  /** Tokens the vlm monitor spent on this attempt (included in tokensIn/tokensOut). */
  monitorTokensIn: number;
  monitorTokensOut: number;
  wallMs: number;
  /** Share of wallMs spent in the model (generation/repair). */
  modelMs: number;
  simSeconds: number;
  apiCalls: number;
  checkpoints: number;
  images: number;
  /** Ids of the knowledge entries the programmer was given (docs/knowledge.md); absent when the knowledge base was off. */
  knowledge?: number[];
  /** The draft's notes: what the programmer changed and why, and which knowledge entries it applied (`knowledge k3 applied: …`); absent when it gave none. */
  notes?: string[];
}

export type StopReason = 'success' | 'monitor-ok' | 'budget' | 'no-program' | 'no-change' | 'person';

export interface EpisodeRecord {
  task: string;
  /** The task file the episode ran (a bundled file or the user's path). */
  taskFile: string;
  /** The task's version (TaskDef.hash): sha256 of its canonical JSON and reference, 12 hex digits. */
  taskHash: string;
  seed: number;
  instruction: string;
  engine: string;
  provider: string;
  model: string;
  monitor: string;
  maxRepairs: number;
  oracle: boolean;
  /** σ (m) of the error in the scene facts given to the programmer. */
  /** What the program perceived (docs/architecture.md#perception): the mode, and σ for noisy. */
  perception: { mode: PerceptionMode; noise?: PerceptionNoise };
  success: boolean;
  successDetail: string;
  /** Index of the first successful attempt, or null. */
  solvedAt: number | null;
  stoppedBy: StopReason;
  attempts: AttemptRecord[];
  tokensIn: number;
  tokensOut: number;
  wallMs: number;
  startedAt: string;
  versions: Record<string, string>;
  warnings: string[];
  /** The knowledge base: what was retrieved for the episode and what it taught; absent when it was off. */
  knowledge?: KnowledgeUse;
}

export function attemptDir(outDir: string, index: number): string {
  return join(outDir, `attempt-${index}`);
}

export interface AttemptFiles {
  program: string;
  trace: Trace;
  verdicts?: unknown;
  diagnosis?: unknown;
  diagnosisText?: string;
  /** Checkpoint images: file name (NN-label-view.png) → PNG bytes. */
  images?: Map<string, Buffer>;
  reply?: string;
}

export function writeAttemptFiles(outDir: string, index: number, files: AttemptFiles, success: PredicateResult): void {
  const dir = attemptDir(outDir, index);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'program.js'), files.program.endsWith('\n') ? files.program : files.program + '\n');
  writeFileSync(join(dir, 'trace.json'), JSON.stringify({ ...traceToJSON(files.trace), success }, null, 1));
  if (files.verdicts !== undefined) writeFileSync(join(dir, 'verdicts.json'), JSON.stringify(files.verdicts, null, 2));
  if (files.diagnosis !== undefined) writeFileSync(join(dir, 'diagnosis.json'), JSON.stringify(files.diagnosis, null, 2));
  if (files.diagnosisText) writeFileSync(join(dir, 'diagnosis.txt'), files.diagnosisText + '\n');
  if (files.reply) writeFileSync(join(dir, 'reply.txt'), files.reply);
  if (files.images && files.images.size > 0) {
    const cp = join(dir, 'checkpoints');
    mkdirSync(cp, { recursive: true });
    for (const [name, png] of files.images) writeFileSync(join(cp, name), png);
  }
}

export function writeEpisodeRecord(outDir: string, record: EpisodeRecord): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'episode.json'), JSON.stringify(record, null, 2) + '\n');
}
