// A correction as the viewer's chat shows it (protocol.ts CorrectionView), made once for
// the hub (a correction just sent, or refused), the live worker (queued, being read,
// applied, and its run's outcome) and the run reader (corrections.jsonl). Plain data: no
// Node, no physics.

import type { CorrectionMode } from '../policy/programmers/index.ts';
import type { CorrectionRecord } from '../policy/corrections/index.ts';
import type { CorrectionState, CorrectionView } from './protocol.ts';

/** LiveWorkerDone.detail of a Stop given while a live episode waited for a correction. */
export const SESSION_ENDED = 'session ended';

/** A correction nobody has read yet. */
export function newCorrectionView(id: number, text: string, mode: CorrectionMode, state: CorrectionState, message: string): CorrectionView {
  return {
    id,
    index: null,
    text,
    mode,
    state,
    attempt: null,
    t: null,
    line: null,
    class: null,
    classHint: null,
    understood: '',
    message,
    programBefore: null,
    programAfter: null,
    outcome: state === 'refused' ? message : 'pending',
    ranIn: null,
  };
}

/** The one line the chat shows for a record the session wrote: what was applied, or why nothing was. */
export function recordMessage(r: CorrectionRecord): string {
  if (!r.applied) return r.outcome;
  const how = r.mode === 'restart' ? 'restarting from the seed' : 'going on from the world as it is';
  return `applied (${r.class}-level), ${how}${r.undone ? '; later undone' : ''}`;
}

/** A view updated from the session's record of the correction (its index, class, programs and outcome). */
export function viewFromRecord(view: CorrectionView, r: CorrectionRecord, attempt: number | null): CorrectionView {
  return {
    ...view,
    index: r.index,
    text: r.text,
    mode: r.mode,
    state: r.applied ? 'applied' : 'not-applied',
    attempt,
    t: r.t,
    line: r.line,
    class: r.class,
    classHint: r.classHint,
    understood: r.understood,
    message: recordMessage(r),
    programBefore: r.programBefore,
    programAfter: r.programAfter,
    outcome: r.outcome,
    ranIn: r.attempt,
  };
}
