// The correction prompt (docs/architecture.md#programmers): a person interrupted or
// commented on a run and said what is wrong; the model rewrites the program from it.
// The same system message as generation and repair, then one user message with: the
// task; whether the robot CONTINUES from the world as it is now (not reset) or RESTARTS
// from the initial scene; the scene (now, or at the start) and the gripper; the program
// being corrected with line numbers and the line reached marked; what ran (the subgoals
// and the last API calls); the last diagnosis; the session's earlier corrections; the
// correction itself, verbatim; the request to classify it as plan- or skill-level (as
// DROC does) with the session's own reading as a hint; and the reply format:
//   Class: plan | skill
//   Understood: <one line>
//   1. <subgoal> …
//   ```javascript … ```
//
// Budget: the text stays within PROMPT_TOKEN_BUDGET, the repair prompts' budget. When it
// would not, in this order: the trace keeps only its last 3 calls, then none (the
// subgoal line stays); the earlier corrections keep only the last two, on shorter lines;
// the diagnosis leaves out lines (its trace first, always keeping the first two); the
// program's stated plan is left out (its subgoal calls say the same); the comment text
// of the program is elided (its lines and numbers stay). The correction, the scene and
// the program are never cut — the model must see all of what it rewrites, and what it
// was told — so a very long program can still end over budget; `truncated` says by how much.

import { countMessageTokens, type ChatMessage } from '../../../llm/index.ts';
import { formatEvent } from '../../../monitor/index.ts';
import type { CallEvent, GripperState, ObjectInfo, Trace } from '../../../sim/index.ts';
import {
  CORRECTION_CLASSES,
  type CorrectionClass,
  type CorrectionInput,
  type EarlierCorrection,
  type ProgramContext,
} from '../programmer.ts';
import { knowledgeSection, PROMPT_TOKEN_BUDGET, systemPrompt } from './generation-prompt.ts';
import { numberLines, shortenDiagnosis } from './repair-prompt.ts';
import { formatPosition, renderSceneFacts } from './scene-facts.ts';

export interface CorrectionPromptOptions {
  /** Text token budget (default PROMPT_TOKEN_BUDGET, as repair prompts). */
  budget?: number;
}

export interface CorrectionPrompt {
  messages: ChatMessage[];
  /** What was shortened to stay in budget (empty when nothing was). */
  truncated: string[];
}

/** What a correction of each class may change, as the prompt words it (DROC's split). */
export const CORRECTION_CLASS_MEANING: Record<CorrectionClass, string> = {
  plan: 'which objects, which steps, in what order, which target',
  skill: 'how a step is done: approach, grasp height or side, lift height, offsets, release height, speed, rotation',
};

/** Objects that moved at least this far since the session started get a "was at" line (continue mode). */
const MOVED_SINCE_START = 0.01;
/** API calls the trace section shows at most (the latest). */
const TRACE_CALLS = 8;
const TRACE_LINE_WIDTH = 200;

function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

function cm(metres: number): string {
  return `${Number((metres * 100).toFixed(1))} cm`;
}

function calls(trace: Readonly<Trace> | null): CallEvent[] {
  return trace ? trace.events.filter((e): e is CallEvent => e.type === 'call') : [];
}

/** The marker put after the reached line, and the sentence that explains it. */
function reachedWords(input: CorrectionInput): { marker: string; sentence: string } {
  const line = input.line;
  if (input.reached === 'not-run') return { marker: '', sentence: 'It has not run yet: the person corrected it before it started.' };
  if (input.reached === 'interrupted') {
    return line === null
      ? { marker: '', sentence: 'The person interrupted it before its first API call.' }
      : {
          marker: '◀ interrupted here: this call did not run',
          sentence: `The person interrupted it before the call on line ${line} ran (marked ◀); the calls before it ran.`,
        };
  }
  const last = calls(input.trace).at(-1);
  if (last?.error) {
    return {
      marker: `◀ stopped here: ${last.error.kind}`,
      sentence: `It ended with ${last.error.kind} at line ${line ?? last.line ?? '?'}${line !== null ? ' (marked ◀)' : ''}.`,
    };
  }
  return line === null
    ? { marker: '', sentence: 'It ran to its end without making an API call.' }
    : { marker: '◀ last call', sentence: `It ran to its end; its last API call was on line ${line} (marked ◀).` };
}

/** The program numbered, with the reached line marked. */
export function markedProgram(input: CorrectionInput, elideComments = false): string {
  if (input.program.trim() === '') return '(no program: the previous draft had none)';
  const numbered = numberLines(input.program, elideComments).split('\n');
  const { marker } = reachedWords(input);
  const i = (input.line ?? 0) - 1;
  if (marker && i >= 0 && i < numbered.length) numbered[i] = `${numbered[i]}   ${marker}`;
  return numbered.join('\n');
}

/** The gripper in a line: where it is, how open, what it holds and what that means for the next calls. */
export function gripperLine(g: GripperState, mode: CorrectionInput['mode']): string {
  if (mode === 'restart') return 'Gripper at the start: empty and open, at its home pose.';
  const where = `at ${formatPosition(g.position)}, yaw ${g.yaw.toFixed(2)}, approach ${g.approach}, open ${cm(g.width)}`;
  if (!g.holding) return `Gripper now: ${where}, holding nothing.`;
  return `Gripper now: ${where}, HOLDING ${g.holding} (it moves with the gripper; place() puts it down, openGripper() drops it; pick() and push() fail while it is held).`;
}

/** In continue mode: where the objects that have moved since the session started were then ("put it back"). */
export function startSection(input: CorrectionInput, now: readonly ObjectInfo[]): string {
  if (input.mode !== 'continue') return '';
  const at = new Map(now.map((o) => [o.id, o.position]));
  const lines: string[] = [];
  for (const o of input.sessionStart) {
    const p = at.get(o.id);
    if (!p) continue;
    const d = Math.hypot(p[0] - o.position[0], p[1] - o.position[1], p[2] - o.position[2]);
    if (d >= MOVED_SINCE_START) lines.push(`- ${o.id} was at ${formatPosition(o.position)} (${cm(d)} from where it is now)`);
  }
  if (lines.length === 0) return '';
  return ['Where the objects that have moved were at the start of the session:', ...lines].join('\n');
}

/**
 * What the run did, briefly: the subgoals it reached (ended, or running when it stopped)
 * and its last `keep` API calls, one line each (line, call, result or error, what is held).
 * `stopped`: the person interrupted it. Empty when it has not run.
 */
export function traceSection(trace: Readonly<Trace> | null, keep = TRACE_CALLS, stopped = false): string {
  if (!trace) return '';
  const out: string[] = [];
  const all = calls(trace);
  if (trace.subgoals.length > 0) {
    const last = trace.subgoals.length - 1;
    // The recorder closes the running subgoal when the program stops: it did not end by itself.
    const failed = all.at(-1)?.error !== undefined;
    const state = (i: number): string =>
      i < last || (!stopped && !failed) ? 'ended' : stopped ? 'running when it was interrupted' : 'running when the error came';
    const sg = trace.subgoals.map((s, i) => `${s.index} '${clip(s.description, 60)}' ${state(i)}`);
    out.push(`Subgoals reached: ${sg.join('; ')}.`);
  }
  if (all.length === 0) {
    out.push('No API call ran.');
    return out.join('\n');
  }
  const shown = keep > 0 ? all.slice(-keep) : [];
  const head =
    shown.length === all.length
      ? `API calls that ran (${all.length}, oldest first):`
      : shown.length === 0
        ? `${all.length} API calls ran (left out for length).`
        : `API calls that ran: ${all.length}; the last ${shown.length}, oldest first:`;
  out.push(head, ...shown.map((e) => `  ${clip(formatEvent(e), TRACE_LINE_WIDTH)}`));
  return out.join('\n');
}

/** The session's earlier corrections, one line each, oldest first; `keep` at most (the latest), each cut to `width`. */
export function earlierSection(earlier: readonly EarlierCorrection[], keep = 6, width = 160): string {
  if (earlier.length === 0) return '';
  const shown = earlier.slice(-keep);
  const out = ['Earlier corrections in this session (oldest first):'];
  if (shown.length < earlier.length) out.push(`- … ${earlier.length - shown.length} earlier corrections left out`);
  for (const c of shown) {
    out.push(`- #${c.index + 1} "${clip(c.text, width)}" (${c.class ?? 'unclassified'}) → ${clip(c.outcome, width)}`);
  }
  return out.join('\n');
}

function modeSection(input: CorrectionInput): string {
  if (input.mode === 'continue') {
    return [
      'The robot will CONTINUE from the world as it is now: the world is NOT reset.',
      'Write the new program for the scene NOW (the poses below are where the objects are now; the gripper may be holding something).',
      'Do not redo what is already done: start from here and do what remains, as the person asks.',
    ].join(' ');
  }
  return 'The robot will RESTART from the initial scene: the world is reset to the scene below and the new program runs from the start.';
}

function classSection(hint: CorrectionClass): string {
  return [
    'First classify the correction, as DROC does:',
    `- plan: it changes ${CORRECTION_CLASS_MEANING.plan};`,
    `- skill: it changes ${CORRECTION_CLASS_MEANING.skill}.`,
    'A skill-level correction must not change which steps run or in what order: change only how the step it is about is done.',
    `The session reads this correction as ${hint}-level; decide for yourself.`,
  ].join('\n');
}

export const CORRECTION_FORMAT = [
  'Reply in this format:',
  'Class: plan or skill',
  'Understood: <what the correction asks, in one line>',
  '1. <first subgoal>',
  '…',
  '```javascript',
  "subgoal('<first subgoal>', { expect: <predicate> });",
  '<its actions>',
  '```',
  "Then ONE javascript block with the whole new program (not a patch), every step a subgoal('…', { expect: … }) call followed by its actions.",
].join('\n');

/** The messages that ask for a program rewritten from a person's correction. */
export function buildCorrectionPrompt(
  ctx: ProgramContext,
  input: CorrectionInput,
  options: CorrectionPromptOptions = {},
): CorrectionPrompt {
  const budget = options.budget ?? PROMPT_TOKEN_BUDGET;
  const system: ChatMessage = { role: 'system', content: systemPrompt() };
  const truncated: string[] = [];
  const now = input.mode === 'continue';
  const knowledge = knowledgeSection(ctx.knowledge);
  const since = startSection(input, ctx.objects);
  const { sentence } = reachedWords(input);

  let traceKeep = TRACE_CALLS;
  let earlier = earlierSection(input.earlier);
  let diagnosis = input.diagnosisText?.trim() ?? '';
  let showPlan = input.plan.length > 0;
  let elide = false;

  const compose = (): string =>
    [
      `Task: ${ctx.instruction.trim()}`,
      '',
      modeSection(input),
      '',
      now ? 'Scene now (centre positions in m, sizes in cm):' : 'Scene at the start (centre positions in m, sizes in cm):',
      renderSceneFacts(ctx),
      gripperLine(input.gripper, input.mode),
      ...(since ? [since] : []),
      ...(knowledge ? ['', knowledge] : []),
      '',
      `The program being corrected, its lines numbered for reference (the numbers are not code). ${sentence}`,
      '```text',
      markedProgram(input, elide),
      '```',
      ...(showPlan ? [`Its plan: ${input.plan.map((p, i) => `${i + 1}. ${clip(p, 100)}`).join(' ')}`] : []),
      ...(input.trace ? ['', traceSection(input.trace, traceKeep, input.reached === 'interrupted')] : []),
      ...(diagnosis ? ['', 'Last diagnosis of that run:', '"""', diagnosis, '"""'] : []),
      ...(earlier ? ['', earlier] : []),
      '',
      "The person's correction (verbatim):",
      '"""',
      input.text.trim(),
      '"""',
      '',
      classSection(input.classHint),
      '',
      CORRECTION_FORMAT,
    ].join('\n');
  const tokens = (text: string): number => countMessageTokens([system, { role: 'user', content: text }]);

  let text = compose();
  if (tokens(text) > budget && input.trace && calls(input.trace).length > 3) {
    traceKeep = 3;
    text = compose();
    if (tokens(text) > budget) {
      traceKeep = 0;
      text = compose();
      truncated.push('the trace (its API calls)');
    } else {
      truncated.push('the trace before its last 3 calls');
    }
  }
  if (tokens(text) > budget && earlier) {
    const shorter = earlierSection(input.earlier, 2, 80);
    if (shorter !== earlier) {
      earlier = shorter;
      text = compose();
      truncated.push('earlier corrections after the last two');
    }
  }
  if (tokens(text) > budget && diagnosis) {
    const full = diagnosis;
    diagnosis = '';
    const room = budget - tokens(compose());
    diagnosis = shortenDiagnosis(full, Math.max(0, room - 12));
    text = compose();
    truncated.push('diagnosis lines (the trace first)');
  }
  if (tokens(text) > budget && showPlan) {
    showPlan = false;
    text = compose();
    truncated.push("the program's stated plan");
  }
  if (tokens(text) > budget) {
    elide = true;
    text = compose();
    truncated.push('comment text of the program (its lines and numbers stay)');
  }
  const over = tokens(text) - budget;
  if (over > 0) truncated.push(`still ${over} tokens over budget: the correction, scene and program are never cut`);
  return { messages: [system, { role: 'user', content: text }], truncated };
}

export interface ParsedCorrectionReply {
  /** The class the reply states; null when it states none that reads as plan or skill. */
  class: CorrectionClass | null;
  /** What the reply said it stated, when it stated something unreadable ("both"). */
  unreadable: string | null;
  /** The reply's "Understood:" line, or ''. */
  understood: string;
}

const CLASS_LINE = /^[\s>*_#-]*(?:correction\s+)?class(?:ification)?\s*[*_]*\s*[:=–—-]+\s*[*_`"']*\s*(.*)$/i;
const UNDERSTOOD_LINE = /^[\s>*_#-]*understood\s*[*_]*\s*[:=–—-]+\s*[*_`"']*\s*(.*)$/i;

/** Markdown emphasis and code marks off a reply's line, keeping ids' underscores. */
function unmark(text: string): string {
  return text
    .replace(/\*\*|__|`/g, '')
    .replace(/^[*_"'\s]+|[*_"'\s]+$/g, '')
    .trim();
}

/** The class a `Class:` line's value states: its first word, else the one kind it names; null when it names none or both. */
function classOf(value: string): CorrectionClass | null {
  const text = unmark(value).toLowerCase();
  const first = /^(plan|skill)\b/.exec(text);
  if (first) return first[1] as CorrectionClass;
  const named = new Set([...text.matchAll(/\b(plan|skill)\b/g)].map((m) => m[1]!));
  return named.size === 1 ? ([...named][0] as CorrectionClass) : null;
}

/**
 * The class and the understood line of a correction reply, read from its prose (before
 * the first code fence): a `Class:` line (any case, markdown bold, "plan-level", "skill
 * level"); without one, a single kind named "plan-level" / "skill-level" in the prose.
 */
export function parseCorrectionReply(reply: string): ParsedCorrectionReply {
  const prose = reply.replace(/\r\n?/g, '\n').split(/^\s*```/m)[0] ?? '';
  const lines = prose.split('\n');
  let cls: CorrectionClass | null = null;
  let unreadable: string | null = null;
  let understood = '';
  for (const line of lines) {
    const c = CLASS_LINE.exec(line);
    if (c && cls === null && unreadable === null) {
      cls = classOf(c[1]!);
      if (cls === null) unreadable = clip(unmark(c[1]!), 40) || '(empty)';
    }
    const u = UNDERSTOOD_LINE.exec(line);
    if (u && !understood) understood = clip(unmark(u[1]!), 300);
  }
  if (cls === null && unreadable === null) {
    const named = new Set([...prose.matchAll(/\b(plan|skill)[\s-]level\b/gi)].map((m) => m[1]!.toLowerCase()));
    if (named.size === 1) cls = [...named][0] as CorrectionClass;
  }
  if (cls !== null && !CORRECTION_CLASSES.includes(cls)) cls = null;
  return { class: cls, unreadable: cls === null ? unreadable : null, understood };
}
