// The attempt list: outcome, error and cost of each attempt; for the one selected, the
// diagnosis (or the person's correction) that led to it and the diff from the previous
// program (without the rule programmer's state comment block; long unchanged stretches
// folded), and its own diagnosis. The tab scrolls as one column: every attempt is reachable.

import { RULE_PROGRAM_HEADER } from '../../policy/programmers/rules/program-text.ts';
import { diffLines } from '../line-diff.ts';
import type { DiffLine } from '../line-diff.ts';
import { planStep } from '../loop-messages.ts';
import { byId, el } from './dom.ts';
import type { AttemptView, SessionStore } from './session-store.ts';

function outcome(a: AttemptView): string {
  if (!a.end) return 'running…';
  if (a.end.error?.kind === 'InterruptedError') return `‖ interrupted${a.end.error.line ? ` before line ${a.end.error.line}` : ''}`;
  const err = a.end.error ? ` · ${a.end.error.kind}${a.end.error.line ? ` (line ${a.end.error.line})` : ''}` : '';
  const mon = a.end.monitorOk === null ? '' : a.end.monitorOk ? ' · monitor ok' : ' · monitor flagged';
  return `${a.end.success ? '✓ success' : '✗ failed'}${err}${mon}`;
}

/**
 * The program without the state comment the rule programmer writes at its top (its
 * header line, the `// note: …` lines after it, and the blank lines that follow): the
 * programmer's bookkeeping, not what the repair changed.
 */
export function withoutStateComment(program: string): string {
  const lines = program.split('\n');
  if (!lines[0]?.startsWith(RULE_PROGRAM_HEADER)) return program;
  let i = 1;
  while (i < lines.length && lines[i]!.trimStart().startsWith('//')) i++;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  return lines.slice(i).join('\n');
}

/** Unchanged lines kept on each side of a change; longer unchanged stretches are folded. */
const CONTEXT = 2;

function diffView(diff: DiffLine[]): HTMLElement[] {
  const out: HTMLElement[] = [];
  const near = diff.map(() => false);
  diff.forEach((d, i) => {
    if (d.op === 'same') return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(diff.length - 1, i + CONTEXT); j++) near[j] = true;
  });
  let folded = 0;
  const flush = (): void => {
    if (folded > 0) out.push(el('span', { class: 'gap', text: `  ⋯ ${folded} unchanged line${folded === 1 ? '' : 's'}` }));
    folded = 0;
  };
  diff.forEach((d, i) => {
    if (d.op === 'same' && !near[i]) {
      folded++;
      return;
    }
    flush();
    out.push(el('span', { class: d.op, text: `${d.op === 'add' ? '+' : d.op === 'del' ? '-' : ' '} ${d.text}` }));
  });
  flush();
  return out;
}

export class AttemptsPanel {
  private readonly list = byId('attempts');
  private readonly detail = byId('attempt-detail');
  private readonly seen = { attempts: -1, session: -1, corrections: -1 };
  private selectedShown = -1;

  private readonly store: SessionStore;
  constructor(store: SessionStore) {
    this.store = store;
    this.list.addEventListener('click', (e) => {
      const li = (e.target as HTMLElement).closest('li');
      if (li?.dataset.attempt) this.store.select(Number(li.dataset.attempt));
    });
  }

  update(): void {
    const s = this.store;
    if (
      s.rev.attempts === this.seen.attempts &&
      s.rev.session === this.seen.session &&
      s.rev.corrections === this.seen.corrections &&
      this.selectedShown === s.selected
    )
      return;
    this.seen.attempts = s.rev.attempts;
    this.seen.corrections = s.rev.corrections;
    this.seen.session = s.rev.session;
    this.selectedShown = s.selected;
    this.list.replaceChildren(
      ...s.attempts.map((a) => {
        const cost = a.end ? `${a.end.tokensIn + a.end.tokensOut} tokens · ${(a.end.wallMs / 1000).toFixed(1)} s` : '';
        return el(
          'li',
          { class: a.index === s.selected ? 'selected' : '', data: { attempt: String(a.index) } },
          el('strong', { text: `#${a.index}` }),
          el('span', {
            text: `${a.origin === 'correction' ? `correction ${(a.correction ?? 0) + 1}${a.continued ? ' (continued)' : ' (restart)'}` : a.origin} · ${outcome(a)}`,
          }),
          el('span', { class: 'meta', text: cost }),
        );
      }),
    );
    const end = s.episodeEnd;
    if (end) {
      this.list.append(
        el('li', {
          class: 'meta',
          text: `Episode ${end.success ? 'solved' : 'not solved'} after ${end.attempts} attempt(s) (${end.stoppedBy}). ${end.successDetail}`,
        }),
      );
    }
    this.renderDetail(s.current, s.attempts[s.selected - 1] ?? null);
  }

  private renderDetail(a: AttemptView | null, previous: AttemptView | null): void {
    const parts: HTMLElement[] = [];
    if (a) {
      const correction = a.origin === 'correction' && a.correction !== null ? this.store.correctionByIndex(a.correction) : null;
      if (correction) {
        parts.push(
          el('h3', {
            text: `Correction ${a.correction! + 1} that led to this program (${correction.class ?? '?'}-level, ${correction.mode})`,
          }),
        );
        parts.push(el('pre', { text: `“${correction.text}”\n${correction.understood}` }));
      }
      if (previous) {
        if (!correction) {
          parts.push(el('h3', { text: `Diagnosis of attempt ${previous.index} that led to this repair` }));
          parts.push(el('pre', { text: previous.end?.diagnosisText ?? previous.end?.successDetail ?? '—' }));
        }
        const diff = diffLines(withoutStateComment(previous.program), withoutStateComment(a.program));
        const changed = diff.filter((d) => d.op !== 'same').length;
        parts.push(el('h3', { text: `Program changes from attempt ${previous.index} (${changed} line${changed === 1 ? '' : 's'})` }));
        parts.push(el('pre', { class: 'diff' }, ...diffView(diff)));
      } else if (a.plan.length > 0) {
        parts.push(el('h3', { text: 'Plan' }));
        parts.push(el('pre', { text: a.plan.map((p, i) => `${i + 1}. ${planStep(p)}`).join('\n') }));
      }
      if (a.end?.diagnosisText) {
        parts.push(el('h3', { text: `Diagnosis of attempt ${a.index}` }));
        parts.push(el('pre', { text: a.end.diagnosisText }));
      } else if (a.end) {
        parts.push(el('h3', { text: `Attempt ${a.index}: ${a.end.success ? 'success' : 'failed'}` }));
        parts.push(el('pre', { text: a.end.successDetail }));
      }
    }
    this.detail.replaceChildren(...parts);
  }
}
