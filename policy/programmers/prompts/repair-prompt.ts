// The repair prompt: the same system message as generation, then one user message with
// the task and scene, the previous program with line numbers, the diagnosis text quoted
// as is, the monitor's verdicts (failing ones in full, ok ones as a count), for vision
// models the failing checkpoint's images, the episode's earlier attempts (one line each:
// what changed, how it ended) when there were any, and the request for the whole
// corrected program in the generation format.
//
// Budget: the text stays within PROMPT_TOKEN_BUDGET (images are on top, at llm's fixed
// per-image estimate). When it would not, in this order: failing verdicts after the
// first become a count; the history keeps only its last two earlier attempts, with
// shorter lines; the diagnosis leaves out its trace lines (oldest first), then
// its later lines, always keeping the first two (what failed and why). The program is
// never cut — the model has to see all of what it is rewriting — so a very long program
// can still end over budget; `truncated` then says by how much.

import { countMessageTokens, countTokens, type ChatMessage, type ContentPart } from '../../../llm/index.ts';
import type { Verdict } from '../../../monitor/index.ts';
import type { AttemptSummary, ProgramContext, RepairInput } from '../programmer.ts';
import { PROMPT_TOKEN_BUDGET, REPAIR_FORMAT, systemPrompt, taskSection } from './generation-prompt.ts';

export interface RepairPromptOptions {
  /** Send the failing checkpoint's images (vision-capable models). */
  vision: boolean;
  /** Text token budget (default PROMPT_TOKEN_BUDGET). */
  budget?: number;
}

export interface RepairPrompt {
  messages: ChatMessage[];
  /** What was shortened to stay in budget (empty when nothing was). */
  truncated: string[];
  /** Images attached. */
  images: number;
}

/** The program with right-aligned 1-based line numbers: " 9| pick('a');". */
export function numberLines(program: string, elideComments = false): string {
  const lines = program.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  const width = String(lines.length).length;
  // Eliding keeps every line (the diagnosis cites line numbers) but drops comment text.
  const shown = (line: string): string => (elideComments && /^\s*\/\//.test(line) ? line.replace(/\/\/.*$/, '//…') : line);
  return lines.map((line, i) => `${String(i + 1).padStart(width)}| ${shown(line)}`.trimEnd()).join('\n');
}

function subgoalName(input: RepairInput, index: number | null): string {
  if (index === null) return 'before the first subgoal';
  const sg = input.diagnosis?.subgoal;
  const described = sg && sg.index === index ? `: '${sg.description}'` : '';
  // 0-based, as the monitor's and the diagnosis's texts number subgoals.
  return `subgoal ${index}${described}`;
}

function verdictLine(input: RepairInput, v: Verdict, allFailures: boolean): string {
  const where = `checkpoint ${v.checkpoint}${v.label ? ` '${v.label}'` : ''} (${subgoalName(input, v.subgoal)})`;
  const failures = allFailures && v.failures && v.failures.length > 0 ? v.failures : v.failure ? [v.failure] : [];
  if (failures.length === 0) return `- ${where}: not ok`;
  const parts = failures.map((f) => {
    // The diagnosis usually quotes the first failure already: do not pay for it twice.
    const said = f.explanation.length > 40 && input.diagnosisText.includes(f.explanation);
    return `${f.kind}${f.objects.length > 0 ? ` [${f.objects.join(', ')}]` : ''}: ${said ? '(as in the diagnosis)' : f.explanation}`;
  });
  return `- ${where}: ${parts.join('; ')}`;
}

/** "Monitor verdicts: 4 ok, 2 failing:" and one line per failing verdict (the first `limit`). */
export function verdictSection(input: RepairInput, limit = Infinity, allFailures = true): string {
  const verdicts = input.verdicts;
  if (verdicts.length === 0) return 'Monitor verdicts: none (no checkpoint was reached, or no monitor ran).';
  const failing = verdicts.filter((v) => !v.ok);
  const okCount = verdicts.length - failing.length;
  const head = `Monitor verdicts: ${okCount} checkpoint${okCount === 1 ? '' : 's'} ok, ${failing.length} failing${failing.length > 0 ? ':' : '.'}`;
  const shown = failing.slice(0, limit).map((v) => verdictLine(input, v, allFailures));
  if (failing.length > shown.length) shown.push(`- … and ${failing.length - shown.length} more failing checkpoints`);
  return [head, ...shown].join('\n');
}

/**
 * Shortens a diagnosis to about `maxTokens` by leaving lines out, least useful first:
 * the indented lines listed under a heading ("Trace around it:"), oldest first; then the
 * other lines from the end. The first `keep` lines (what failed, and why) always stay.
 * Each run of left-out lines becomes one "… (N lines omitted) …" line.
 */
export function shortenDiagnosis(text: string, maxTokens: number, keep = 2, count: (s: string) => number = countTokens): string {
  if (count(text) <= maxTokens) return text;
  const lines = text.split('\n');
  const cost = lines.map((l) => count(l) + 1);
  // Listed lines: the indented lines under a heading that ends in ':' ("Trace around it:").
  const listed = new Set<number>();
  for (let i = 1; i < lines.length; i++) {
    if (/^\s/.test(lines[i]!) && (listed.has(i - 1) || /:\s*$/.test(lines[i - 1]!))) listed.add(i);
  }
  const first = [...listed].filter((i) => i >= keep);
  const then = lines.flatMap((_, i) => (i >= keep && !listed.has(i) ? [i] : [])).reverse();
  const order = [...first, ...then];
  const dropped = new Set<number>();
  const render = (): string => {
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (!dropped.has(i)) {
        out.push(lines[i]!);
        continue;
      }
      let j = i;
      while (j + 1 < lines.length && dropped.has(j + 1)) j++;
      const n = j - i + 1;
      out.push(`… (${n} line${n === 1 ? '' : 's'} omitted) …`);
      i = j;
    }
    return out.join('\n');
  };
  // Each run of left-out lines costs a marker line (~8 tokens); runs are few, so a margin covers them.
  let estimate = cost.reduce((a, b) => a + b, 0) + 16;
  for (const i of order) {
    if (estimate <= maxTokens) break;
    dropped.add(i);
    estimate -= cost[i]!;
  }
  let out = render();
  // The estimate can be off by a few tokens: drop more while the real count is over.
  for (const i of order) {
    if (count(out) <= maxTokens) break;
    if (dropped.has(i)) continue;
    dropped.add(i);
    out = render();
  }
  return out;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Most characters of a diagnosis a repair prompt starts from, and of each of its lines. */
export const DIAGNOSIS_TEXT_CAPS = { chars: 20_000, line: 2_000 } as const;

/**
 * `text` with each line cut to DIAGNOSIS_TEXT_CAPS.line characters and the lines past
 * DIAGNOSIS_TEXT_CAPS.chars in all replaced by one line saying how many were left out.
 */
export function boundText(text: string, caps: { chars: number; line: number } = DIAGNOSIS_TEXT_CAPS): string {
  if (text.length <= caps.line && !text.includes('\n')) return text;
  const out: string[] = [];
  let used = 0;
  let start = 0;
  for (;;) {
    if (used >= caps.chars) {
      let left = 1;
      for (let k = text.indexOf('\n', start); k >= 0; k = text.indexOf('\n', k + 1)) left++;
      out.push(`… (${left} more line${left === 1 ? '' : 's'} omitted) …`);
      break;
    }
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    const length = stop - start;
    const line = length <= caps.line ? text.slice(start, stop) : `${text.slice(start, start + caps.line - 1)}… (${length} characters)`;
    out.push(line);
    used += line.length + 1;
    if (end < 0) break;
    start = end + 1;
  }
  return out.join('\n');
}

/**
 * The episode's earlier attempts, one line each, oldest first; the attempt being
 * repaired (the last entry) only says what it changed, since the diagnosis tells the
 * rest. Empty when this is the first repair. `keep` earlier attempts at most (the latest),
 * each outcome cut to `width` characters.
 */
export function historySection(history: readonly AttemptSummary[] | undefined, keep = 6, width = 160): string {
  if (!history || history.length < 2) return '';
  const current = history[history.length - 1]!;
  const earlier = history.slice(0, -1);
  const shown = earlier.slice(-keep);
  const how = (h: AttemptSummary): string => {
    const notes = h.notes.length > 0 ? `; notes: ${clip(h.notes.join('; '), width)}` : '';
    return `${h.origin === 'generate' ? 'written' : 'repaired'}: ${clip(h.change, width)}${notes}`;
  };
  const out = ['Earlier attempts in this episode (oldest first) — do not repeat a change that already failed:'];
  if (shown.length < earlier.length) out.push(`- … ${earlier.length - shown.length} earlier attempts left out`);
  for (const h of shown) out.push(`- attempt ${h.attempt + 1} (${how(h)}) → failed: ${clip(h.outcome, width)}`);
  out.push(`- attempt ${current.attempt + 1}, the program above (${how(current)}) → failed as diagnosed above`);
  return out.join('\n');
}

function textOf(content: string | ContentPart[]): string {
  return typeof content === 'string' ? content : content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n');
}

/** The messages that ask for a corrected program. */
export function buildRepairPrompt(ctx: ProgramContext, input: RepairInput, options: RepairPromptOptions): RepairPrompt {
  const budget = options.budget ?? PROMPT_TOKEN_BUDGET;
  const system: ChatMessage = { role: 'system', content: systemPrompt() };
  const images = options.vision ? input.images.filter((im) => im.bytes.length > 0) : [];
  const truncated: string[] = [];

  let elide = false;
  let history = historySection(input.history);
  const compose = (diagnosis: string, verdicts: string): { before: string; after: string } => ({
    before: [
      taskSection(ctx),
      '',
      `Your previous program (attempt ${input.attempt + 1}) failed. Its lines, numbered for reference (the numbers are not code):`,
      '```text',
      numberLines(input.program, elide),
      '```',
      '',
      'Diagnosis:',
      '"""',
      diagnosis.trim(),
      '"""',
      '',
      verdicts,
      ...(history ? ['', history] : []),
    ].join('\n'),
    after: [
      'Write the whole corrected program, not a patch: fix the cause the diagnosis names and keep the steps that worked.',
      REPAIR_FORMAT,
    ].join('\n'),
  });
  const imageNote =
    images.length > 0
      ? `Images of the failing checkpoint (${images.map((im) => im.view).join(', ')} view${images.length === 1 ? '' : 's'}):`
      : '';
  const textTokens = (parts: { before: string; after: string }): number =>
    countMessageTokens([system, { role: 'user', content: [parts.before, imageNote, parts.after].filter(Boolean).join('\n\n') }]);

  // Bounded before anything counts it: a diagnosis quoting a 30 MB error name must not cost the token counter minutes.
  const diagnosisText = boundText(input.diagnosisText);
  let diagnosis = diagnosisText;
  let verdicts = verdictSection(input);
  let parts = compose(diagnosis, verdicts);
  if (textTokens(parts) > budget) {
    const shorter = verdictSection(input, 1, false);
    if (shorter !== verdicts) {
      verdicts = shorter;
      parts = compose(diagnosis, verdicts);
      truncated.push('failing verdicts after the first');
    }
  }
  if (textTokens(parts) > budget && history) {
    const shorter = historySection(input.history, 2, 80);
    if (shorter !== history) {
      history = shorter;
      parts = compose(diagnosis, verdicts);
      truncated.push('earlier attempts after the last two');
    }
  }
  if (textTokens(parts) > budget) {
    const room = budget - textTokens(compose('', verdicts));
    diagnosis = shortenDiagnosis(diagnosisText, Math.max(0, room));
    parts = compose(diagnosis, verdicts);
    truncated.push('diagnosis lines (the trace first)');
  }
  if (textTokens(parts) > budget) {
    elide = true;
    parts = compose(diagnosis, verdicts);
    truncated.push('comment text of the previous program (its lines and numbers stay)');
  }
  const over = textTokens(parts) - budget;
  if (over > 0) truncated.push(`still ${over} tokens over budget: the program is never cut`);

  let content: string | ContentPart[];
  if (images.length === 0) {
    content = `${parts.before}\n\n${parts.after}`;
  } else {
    content = [
      { type: 'text', text: `${parts.before}\n\n${imageNote}` },
      ...images.map((im): ContentPart => ({ type: 'image', mime: im.mime, data: im.bytes.toString('base64') })),
      { type: 'text', text: parts.after },
    ];
  }
  return { messages: [system, { role: 'user', content }], truncated, images: images.length };
}

/** The text of a prompt's messages joined (for tests and records). */
export function promptText(messages: readonly ChatMessage[]): string {
  return messages.map((m) => textOf(m.content)).join('\n\n');
}
