// Where an attempt failed, for the panels: its failing checkpoint and the program line
// responsible, for a thrown error and for a failure only the monitor caught; and the
// failure focus that shows it when an attempt ends.

import type { CheckpointFocus } from './checkpoint-focus.ts';
import type { AttemptView, SessionStore } from './session-store.ts';

const SAME_MOMENT = 1e-9;

function diagnosisField(a: AttemptView, field: 'checkpoint' | 'line'): number | null {
  const d = a.end?.diagnosis;
  if (!d || typeof d !== 'object') return null;
  const v = (d as Record<string, unknown>)[field];
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

/**
 * The checkpoint an ended attempt failed at: the diagnosis's (the first failing verdict,
 * else the error's checkpoint), else the first verdict that is not ok, else the error's
 * checkpoint; null for a success, an attempt still running, or a person's interruption.
 */
export function failingCheckpoint(a: AttemptView | null): number | null {
  if (!a?.end || a.end.success || a.end.error?.kind === 'InterruptedError') return null;
  const has = (i: number | null | undefined): i is number => i != null && a.checkpoints.some((c) => c.index === i);
  const fromDiagnosis = diagnosisField(a, 'checkpoint');
  if (has(fromDiagnosis)) return fromDiagnosis;
  const bad = a.end.verdicts.find((v) => !v.ok);
  if (has(bad?.checkpoint)) return bad.checkpoint;
  if (a.end.error) {
    const cp = a.checkpoints.find((c) => c.reason === 'error');
    if (cp) return cp.index;
  }
  return null;
}

export interface FailingLine {
  line: number;
  /** What the program panel writes after the line. */
  note: string;
  /** A thrown error (else a failure the monitor caught). */
  thrown: boolean;
}

/**
 * The program line an attempt failed at. A thrown error: its line (else the first call
 * that raised). A failure only the monitor caught: the line of the call the diagnosis pins
 * it on, else the last call at or before the failing checkpoint.
 */
export function failingLine(store: SessionStore, a: AttemptView | null): FailingLine | null {
  if (!a) return null;
  const thrown = store.failingLine(a);
  if (thrown !== null) {
    const raised = a.events.find((e) => e.type === 'call' && e.error);
    const kind = a.end?.error?.kind ?? (raised?.type === 'call' ? raised.error?.kind : undefined);
    return { line: thrown, note: `◀ failed here${kind ? `: ${kind}` : ''}`, thrown: true };
  }
  const index = failingCheckpoint(a);
  if (index === null) return null;
  const cp = a.checkpoints.find((c) => c.index === index)!;
  const verdict = a.end?.verdicts.find((v) => v.checkpoint === index);
  const what = verdict && !verdict.ok ? (verdict.failure?.kind ?? 'failed') : 'failed';
  const note = `◀ the monitor flagged checkpoint ${index} ${cp.label}: ${what}`;
  const line = diagnosisField(a, 'line');
  if (line !== null) return { line, note, thrown: false };
  let call: number | null = null;
  for (const e of a.events) {
    if (e.seq > cp.seq) break;
    if (e.type === 'call' && e.line !== null) call = e.line;
  }
  return call === null ? null : { line: call, note, thrown: false };
}

/**
 * When an attempt on screen has ended in a failure, shows its failing checkpoint once:
 * seeks there and chooses it (the gallery scrolls its card into view, the program panel
 * marks the line) — unless something already chose a moment inside it. While the page follows a live episode it does not seek (that would stop
 * following): it waits until the person looks at the attempt or the episode ends.
 */
export class FailureFocus {
  private readonly shown = new WeakSet<AttemptView>();
  /** Leaves the attempt on screen as it is: something else chose what to show of it (a deep link). */
  leaveCurrent(): void {
    const a = this.store.current;
    if (a) this.shown.add(a);
  }

  /** Bumped when it showed a failure (the program panel scrolls to the line). */
  rev = 0;

  private readonly store: SessionStore;
  private readonly focus: CheckpointFocus;
  constructor(store: SessionStore, focus: CheckpointFocus) {
    this.store = store;
    this.focus = focus;
  }

  update(): void {
    const s = this.store;
    const a = s.current;
    if (!a?.end || this.shown.has(a)) return;
    if (s.live && s.follow) return;
    this.shown.add(a);
    // Something already chose a moment inside this attempt (a link to a checkpoint, a correction's moment): keep it.
    const atEdge = Math.abs(s.time - a.track.start) <= SAME_MOMENT || Math.abs(s.time - a.track.end) <= SAME_MOMENT;
    if (!atEdge) return;
    const index = failingCheckpoint(a);
    if (index === null) return;
    this.focus.select(index);
    this.rev++;
  }
}
