// The repair prompt: the same system message as generation, then one user message with
// the task and scene, the previous program with line numbers, the diagnosis text quoted
// as is, the monitor's verdicts (failing ones in full, ok ones as a count), for vision
// models the failing checkpoint's images, and the request for the whole corrected
// program in the generation format.
//
// Budget: the text stays within PROMPT_TOKEN_BUDGET (images are on top, at llm's fixed
// per-image estimate). When it would not, in this order: failing verdicts beyond the
// first three become a count; the diagnosis keeps its head and tail with the middle
// (the trace lines) cut; failing verdicts drop their extra failures. The program is
// never cut — the model has to see all of what it is rewriting.

import { countMessageTokens, countTokens, type ChatMessage, type ContentPart } from '../../llm/index.ts';
import type { ProgramContext, RepairInput } from '../programmers/programmer.ts';
import { outputFormat, PROMPT_TOKEN_BUDGET, systemPrompt, taskSection } from './generation-prompt.ts';

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

/** What the prompt reads of a verdict; the monitor's Verdict has this shape. */
interface VerdictLike {
  checkpoint: number;
  label?: string;
  subgoal: number | null;
  ok: boolean;
  failure?: { kind: string; objects: string[]; explanation: string };
  failures?: { kind: string; objects: string[]; explanation: string }[];
}

function isVerdict(v: unknown): v is VerdictLike {
  return typeof v === 'object' && v !== null && typeof (v as VerdictLike).ok === 'boolean'
    && typeof (v as VerdictLike).checkpoint === 'number';
}

/** The program with right-aligned 1-based line numbers: " 9| pick('a');". */
export function numberLines(program: string): string {
  const lines = program.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  const width = String(lines.length).length;
  return lines.map((line, i) => `${String(i + 1).padStart(width)}| ${line}`.trimEnd()).join('\n');
}

function subgoalName(input: RepairInput, index: number | null): string {
  if (index === null) return 'before the first subgoal';
  const d = input.diagnosis as { subgoal?: { index?: unknown; description?: unknown } } | null | undefined;
  const described = d?.subgoal && d.subgoal.index === index && typeof d.subgoal.description === 'string'
    ? `: '${d.subgoal.description}'` : '';
  return `subgoal ${index + 1}${described}`;
}

function verdictLine(input: RepairInput, v: VerdictLike, allFailures: boolean): string {
  const where = `checkpoint ${v.checkpoint}${v.label ? ` '${v.label}'` : ''} (${subgoalName(input, v.subgoal)})`;
  const failures = allFailures && v.failures && v.failures.length > 0 ? v.failures : v.failure ? [v.failure] : [];
  if (failures.length === 0) return `- ${where}: not ok`;
  const parts = failures.map((f) => `${f.kind}${f.objects.length > 0 ? ` [${f.objects.join(', ')}]` : ''}: ${f.explanation}`);
  return `- ${where}: ${parts.join('; ')}`;
}

/** "Monitor verdicts: 4 ok, 2 failing:" and one line per failing verdict (the first `limit`). */
export function verdictSection(input: RepairInput, limit = Infinity, allFailures = true): string {
  const verdicts = input.verdicts.filter(isVerdict);
  if (verdicts.length === 0) return 'Monitor verdicts: none (no checkpoint was reached, or no monitor ran).';
  const failing = verdicts.filter((v) => !v.ok);
  const okCount = verdicts.length - failing.length;
  const head = `Monitor verdicts: ${okCount} checkpoint${okCount === 1 ? '' : 's'} ok, ${failing.length} failing${failing.length > 0 ? ':' : '.'}`;
  const shown = failing.slice(0, limit).map((v) => verdictLine(input, v, allFailures));
  if (failing.length > shown.length) shown.push(`- … and ${failing.length - shown.length} more failing checkpoints`);
  return [head, ...shown].join('\n');
}

/** Keeps the first and last lines of a text, cutting the middle to about `maxTokens`. */
export function truncateMiddle(text: string, maxTokens: number, count: (s: string) => number = countTokens): string {
  if (count(text) <= maxTokens) return text;
  const lines = text.split('\n');
  // Per-line counts (+1 for the newline) make the search cheap; the result is checked whole.
  const cost = lines.map((l) => count(l) + 1);
  const build = (h: number, t: number): string => {
    const omitted = lines.length - h - t;
    return [...lines.slice(0, h), `… (${omitted} line${omitted === 1 ? '' : 's'} omitted) …`, ...lines.slice(lines.length - t)].join('\n');
  };
  let head = 0;
  let tail = 0;
  let used = 12; // the "omitted" line
  // Take lines alternately from the start and the end while they fit.
  for (let turn = 0; head + tail < lines.length; turn++) {
    const fromHead = turn % 2 === 0 || tail >= lines.length - head;
    const i = fromHead ? head : lines.length - 1 - tail;
    if (used + cost[i]! > maxTokens) break;
    used += cost[i]!;
    if (fromHead) head++;
    else tail++;
  }
  let out = build(head, tail);
  while (count(out) > maxTokens && head + tail > 0) {
    if (head > tail) head--;
    else tail--;
    out = build(head, tail);
  }
  // A single huge line: cut characters instead.
  while (count(out) > maxTokens && out.length > 200) out = `${out.slice(0, Math.floor(out.length * 0.8))} …`;
  return out;
}

function textOf(content: string | ContentPart[]): string {
  return typeof content === 'string' ? content : content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n');
}

/** The messages that ask for a corrected program. */
export function buildRepairPrompt(ctx: ProgramContext, input: RepairInput, options: RepairPromptOptions): RepairPrompt {
  const budget = options.budget ?? PROMPT_TOKEN_BUDGET;
  const system: ChatMessage = { role: 'system', content: systemPrompt() };
  const images = options.vision ? input.images.filter((im) => im.png.length > 0) : [];
  const truncated: string[] = [];

  const compose = (diagnosis: string, verdicts: string): { before: string; after: string } => ({
    before: [
      taskSection(ctx),
      '',
      `Your previous program (attempt ${input.attempt + 1}) failed. Its lines, numbered for reference (the numbers are not code):`,
      '```text',
      numberLines(input.program),
      '```',
      '',
      'Diagnosis:',
      '"""',
      diagnosis.trim(),
      '"""',
      '',
      verdicts,
    ].join('\n'),
    after: [
      'Write the whole corrected program, not a patch: fix the cause the diagnosis names and keep the steps that worked.',
      outputFormat(),
    ].join('\n'),
  });
  const imageNote = images.length > 0
    ? `Images of the failing checkpoint (${images.map((im) => im.view).join(', ')} view${images.length === 1 ? '' : 's'}):`
    : '';
  const textTokens = (parts: { before: string; after: string }): number =>
    countMessageTokens([system, { role: 'user', content: [parts.before, imageNote, parts.after].filter(Boolean).join('\n\n') }]);

  let diagnosis = input.diagnosisText;
  let verdicts = verdictSection(input);
  let parts = compose(diagnosis, verdicts);
  if (textTokens(parts) > budget) {
    verdicts = verdictSection(input, 3);
    parts = compose(diagnosis, verdicts);
    if (verdicts !== verdictSection(input)) truncated.push('failing verdicts beyond the first three');
  }
  if (textTokens(parts) > budget) {
    const room = budget - textTokens(compose('', verdicts));
    diagnosis = truncateMiddle(input.diagnosisText, Math.max(60, room));
    parts = compose(diagnosis, verdicts);
    truncated.push('the middle of the diagnosis');
  }
  if (textTokens(parts) > budget) {
    verdicts = verdictSection(input, 3, false);
    parts = compose(diagnosis, verdicts);
    truncated.push('extra failures per checkpoint');
  }

  let content: string | ContentPart[];
  if (images.length === 0) {
    content = `${parts.before}\n\n${parts.after}`;
  } else {
    content = [
      { type: 'text', text: `${parts.before}\n\n${imageNote}` },
      ...images.map((im): ContentPart => ({ type: 'image', mime: 'image/png', data: im.png.toString('base64') })),
      { type: 'text', text: parts.after },
    ];
  }
  return { messages: [system, { role: 'user', content }], truncated, images: images.length };
}

/** The text of a prompt's messages joined (for tests and records). */
export function promptText(messages: readonly ChatMessage[]): string {
  return messages.map((m) => textOf(m.content)).join('\n\n');
}
