// The attempt list: outcome, error and cost of each attempt; for the one selected, the
// diagnosis (or the person's correction) that led to it and the diff from the previous
// program (without the rule programmer's state comment block; long unchanged stretches
// folded), and its own diagnosis. The tab scrolls as one column: every attempt is reachable.
// "Side by side" opens the two programs in a wide dialog, old beside new, line by line.

import { RULE_PROGRAM_HEADER } from '../../policy/programmers/rules/program-text.ts';
import { diffLines, sideBySide } from '../line-diff.ts';
import type { DiffCell, DiffLine } from '../line-diff.ts';
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

function cells(c: DiffCell | null): HTMLElement[] {
  if (!c) return [el('td', { class: 'num none' }), el('td', { class: 'none' })];
  return [el('td', { class: 'num', text: String(c.line) }), el('td', { class: c.op, text: c.text })];
}

function foldCell(n: number): HTMLElement {
  const td = el('td', { text: `⋯ ${n} unchanged line${n === 1 ? '' : 's'}` });
  td.colSpan = 4;
  return td;
}

/** The two programs side by side, as a table: line number and text of the old one, then of the new one. */
export function splitDiffTable(oldLabel: string, newLabel: string, diff: DiffLine[], all: boolean): HTMLElement {
  const rows = sideBySide(diff, all ? Infinity : CONTEXT + 1);
  return el(
    'table',
    { class: 'split-diff' },
    el('colgroup', {}, el('col', { class: 'num' }), el('col', {}), el('col', { class: 'num' }), el('col', {})),
    el(
      'thead',
      {},
      el('tr', {}, el('th', { text: '' }), el('th', { text: oldLabel }), el('th', { text: '' }), el('th', { text: newLabel })),
    ),
    el(
      'tbody',
      {},
      ...rows.map((r) => ('fold' in r ? el('tr', { class: 'fold' }, foldCell(r.fold)) : el('tr', {}, ...cells(r.left), ...cells(r.right)))),
    ),
  );
}

export class AttemptsPanel {
  private readonly list = byId('attempts');
  private readonly detail = byId('attempt-detail');
  private readonly seen = { attempts: -1, session: -1, corrections: -1 };
  private selectedShown = -1;
  private readonly dialog = byId<HTMLDialogElement>('diff-dialog');
  private readonly showAll = byId<HTMLInputElement>('diff-all');
  /** The attempt whose changes the dialog shows. */
  private dialogAttempt = -1;

  private readonly store: SessionStore;
  constructor(store: SessionStore) {
    this.store = store;
    this.detail.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('button[data-split-diff]')) this.openDialog(this.store.selected);
    });
    byId('diff-close').addEventListener('click', () => this.dialog.close());
    this.showAll.addEventListener('change', () => this.openDialog(this.dialogAttempt));
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
        parts.push(
          el(
            'div',
            { class: 'diff-head' },
            el('h3', { text: `Program changes from attempt ${previous.index} (${changed} line${changed === 1 ? '' : 's'})` }),
            el('button', { text: 'Side by side', title: 'the two programs side by side, in a wide window', data: { splitDiff: '' } }),
          ),
        );
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
    if (this.dialog.open && a?.index !== this.dialogAttempt) this.dialog.close();
  }

  /** Shows attempt `index`'s program beside its predecessor's (re-drawn when "all lines" changes). */
  private openDialog(index: number): void {
    const a = this.store.attempts[index];
    const previous = this.store.attempts[index - 1];
    if (!a || !previous) return;
    this.dialogAttempt = index;
    const diff = diffLines(withoutStateComment(previous.program), withoutStateComment(a.program));
    byId('diff-dialog-title').textContent = `Program changes: attempt ${previous.index} → attempt ${a.index}`;
    byId('diff-dialog-body').replaceChildren(splitDiffTable(`attempt ${previous.index}`, `attempt ${a.index}`, diff, this.showAll.checked));
    if (!this.dialog.open) this.dialog.showModal();
  }
}
