// A correction session's files (docs/corrections.md#records), besides the usual attempt
// folders and episode.json: corrections.jsonl, one line per correction, rewritten whole
// (through a temporary file and a rename) whenever one changes, so a crash never leaves
// half a line and an outcome known later still lands on its correction's line; and
// session.json, the session's state after every step.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorrectionClass, CorrectionMode } from '../programmers/programmer.ts';

export interface CorrectionRecord {
  /** 0-based, in the order the person gave them. */
  index: number;
  /** Simulated seconds of the session's world when it was given. */
  t: number;
  /** Wall-clock time (ISO 8601). */
  at: string;
  /** The program line reached when it was given (null before the first call). */
  line: number | null;
  /** How far the corrected program had got: not-run, interrupted, ended. */
  reached: 'not-run' | 'interrupted' | 'ended';
  text: string;
  /** The programmer's class (or the session's reading when there was no program). */
  class: CorrectionClass;
  /** The session's own reading (classifyCorrection) and its cues. */
  classHint: CorrectionClass;
  cues: string[];
  mode: CorrectionMode;
  /** What the programmer understood, in a line. */
  understood: string;
  programBefore: string;
  /** The new program; null when none was taken (see outcome). */
  programAfter: string | null;
  /** Whether the new program replaced the old one. */
  applied: boolean;
  /**
   * How it went, in a line: `pending` until its program runs; then `done: …`, `failed: …`,
   * `interrupted at line N`; or why nothing was applied (`no program: …`, `refused: …`).
   */
  outcome: string;
  /** The attempt folder (attempt-N) its program ran first in; null until it runs. */
  attempt: number | null;
  /** True when an /undo took it back. */
  undone?: boolean;
  notes?: string[];
  tokensIn: number;
  tokensOut: number;
  modelMs: number;
}

export const CORRECTIONS_FILE = 'corrections.jsonl';
export const SESSION_FILE = 'session.json';

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export function writeCorrections(outDir: string, records: readonly CorrectionRecord[]): void {
  mkdirSync(outDir, { recursive: true });
  writeAtomically(join(outDir, CORRECTIONS_FILE), records.map((r) => JSON.stringify(r)).join('\n') + (records.length > 0 ? '\n' : ''));
}

export function writeSessionFile(outDir: string, session: unknown): void {
  mkdirSync(outDir, { recursive: true });
  writeAtomically(join(outDir, SESSION_FILE), JSON.stringify(session, null, 2) + '\n');
}
