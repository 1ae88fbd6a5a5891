// The repair history of an episode (RepairInput.history): one short entry per attempt so
// far — what its program changed against the one before, and how it ended — so the next
// repair does not try again what already failed. Built from the drafts and diagnoses the
// loop has anyway; with --no-oracle nothing here depends on the task's success check,
// because the diagnosis it quotes does not (stop-rule.ts oracleView).

import type { Diagnosis } from '../../monitor/index.ts';
import type { ProgramError } from '../../sim/index.ts';
import type { AttemptSummary, ProgramDraft } from '../programmers/programmer.ts';

/** Longest line kept in a summary (characters). */
const LINE_MAX = 160;

function clip(text: string, max = LINE_MAX): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

function signedCm(m: number): string {
  const v = Math.abs(m) < 0.0005 ? 0 : m * 100;
  return `${v >= 0 ? '+' : ''}${v.toFixed(1)} cm`;
}

function lines(program: string): string[] {
  return program.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
}

/**
 * What `next` changed against `previous`, in one line: the span of lines that differ
 * (by common prefix and suffix) and the first changed line of the new program, e.g.
 * "lines 9–10 changed (2 → 3 lines): place('blue_block', { offset: [0.01, 0] });".
 */
export function programChange(previous: string | null, next: string): string {
  if (next.trim() === '') return 'no program';
  if (previous === null) return `first program (${lines(next).length} lines)`;
  if (previous === next) return 'the same program again';
  const a = lines(previous),
    b = lines(next);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const removed = a.length - head - tail,
    added = b.length - head - tail;
  if (added === 0) return `removed lines ${head + 1}–${head + removed} of the previous program`;
  const span = added === 1 ? `line ${head + 1}` : `lines ${head + 1}–${head + added}`;
  const first = b.slice(head, head + added).find((l) => l.trim() !== '' && !/^\s*\/\//.test(l)) ?? b[head]!;
  const verb = removed === 0 ? 'added' : 'changed';
  return clip(`${span} ${verb}${removed !== added && removed > 0 ? ` (${removed} → ${added} lines)` : ''}: ${first.trim()}`);
}

/** How an attempt ended, in one line: the diagnosis kind, line and summary, else the error. */
export function attemptOutcome(diagnosis: Diagnosis | null, error: ProgramError | null, fallback: string): string {
  if (diagnosis) {
    const at = diagnosis.line !== null ? ` at line ${diagnosis.line}` : '';
    const o = diagnosis.offset;
    const off = o ? `, off by dx ${signedCm(o.dx)}, dy ${signedCm(o.dy)} from ${o.target}` : '';
    // The unmet predicate's own sentence when the summary only wraps it ("Subgoal 1 … expected …: <detail>").
    const p = diagnosis.predicate;
    const what = p && diagnosis.summary.includes(p.detail) ? p.detail : diagnosis.summary;
    return clip(`${diagnosis.kind}${at}${off}: ${what}`);
  }
  if (error) return clip(`${error.kind}${error.line !== null ? ` at line ${error.line}` : ''}: ${error.message}`);
  return clip(fallback);
}

/** One history entry for attempt `index`, run from `draft` (the previous attempt ran `previous`). */
export function summarizeAttempt(
  index: number,
  origin: 'generate' | 'repair',
  previous: string | null,
  draft: ProgramDraft,
  diagnosis: Diagnosis | null,
  error: ProgramError | null,
  fallback: string,
): AttemptSummary {
  return {
    attempt: index,
    origin,
    change: programChange(previous, draft.program),
    notes: (draft.notes ?? []).slice(0, 3).map((n) => clip(n, 120)),
    kind: diagnosis?.kind ?? null,
    line: diagnosis?.line ?? error?.line ?? null,
    outcome: attemptOutcome(diagnosis, error, fallback),
  };
}
