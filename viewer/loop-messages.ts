// The loop's messages in the chat panel (generation, results, repairs), worded once for
// live episodes and replays alike.

import type { ProgramError } from '../sim/index.ts';
import type { ProgramDraft } from '../policy/programmers/index.ts';
import type { ChatItem } from './protocol.ts';

function lineCount(program: string): number {
  return program.trim() === '' ? 0 : program.trimEnd().split('\n').length;
}

/** A plan step without the numbering a model may already have put on it. */
export function planStep(step: string): string {
  return step.replace(/^\s*\d+[.)]\s*/, '');
}

export function draftChat(
  attempt: number,
  origin: 'generate' | 'repair',
  d: Pick<ProgramDraft, 'program' | 'plan' | 'error' | 'usage' | 'notes'>,
): ChatItem {
  if (d.program.trim() === '') {
    return {
      role: 'loop',
      kind: 'error',
      attempt,
      text: `The programmer gave no usable program for attempt ${attempt}: ${d.error ?? 'no reason given'}.`,
    };
  }
  const tokens = d.usage.inputTokens + d.usage.outputTokens > 0 ? ` (${d.usage.inputTokens} tokens in, ${d.usage.outputTokens} out)` : '';
  const head = `${origin === 'generate' ? 'Generated' : 'Repaired'} the program for attempt ${attempt}: ${lineCount(d.program)} lines${tokens}.`;
  const plan = d.plan.length > 0 ? `\nPlan:\n${d.plan.map((p, i) => `${i + 1}. ${planStep(p)}`).join('\n')}` : '';
  const notes = d.notes && d.notes.length > 0 ? `\nChanges:\n${d.notes.map((n) => `- ${n}`).join('\n')}` : '';
  return { role: 'loop', kind: origin === 'generate' ? 'generation' : 'repair', attempt, text: head + plan + notes };
}

export function resultChat(attempt: number, ok: boolean, detail: string, error: ProgramError | null): ChatItem {
  const err = error ? ` — ${error.kind}${error.line ? ` at line ${error.line}` : ''}: ${error.message}` : '';
  return { role: 'loop', kind: 'result', attempt, ok, text: `Attempt ${attempt} ${ok ? 'succeeded' : 'failed'}: ${detail}${err}` };
}
