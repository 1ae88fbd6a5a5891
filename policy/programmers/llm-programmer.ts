// The LLM-backed Programmer (docs/architecture.md#programmers): builds the generation / repair / correction prompt, asks a
// ChatModel, and pulls the program and plan out of the reply.
//
// When the model call fails (ModelError), the rule is:
//   - The run stops (the error is rethrown, and the CLI prints its one-line message) for
//     errors no later attempt can fix: 'auth' and 'config' (wrong key, model or URL, a
//     request the server refuses), 'replay-miss' (the cassette does not hold this
//     exchange — carrying on would silently diverge from the recording), and
//     'unreachable' when no request of this programmer has succeeded yet (the server was
//     never there: a wrong base URL or a server that is not running).
//   - Anything else is transient for this attempt — 'timeout', 'server' and 'rate-limit'
//     after the provider's retries, 'bad-response', and 'unreachable' after an earlier
//     success (the server went away mid-run): the draft carries `error`, the attempt
//     fails with that reason, and the loop goes on to its next attempt.
//   - Errors that are not ModelErrors (an abort, a bug) are rethrown unchanged.
// A repair whose images a text-only server refuses (a 400 'config' error) is asked once
// more without images, and this programmer stops sending images.

import { countMessageTokens, isModelError, type ChatMessage, type ChatModel, type ModelError } from '../../llm/index.ts';
import { buildGenerationPrompt } from './prompts/generation-prompt.ts';
import { buildRepairPrompt } from './prompts/repair-prompt.ts';
import { buildCorrectionPrompt, parseCorrectionReply } from './prompts/correction-prompt.ts';
import { extractProgram, loadSyntaxChecker, type SyntaxChecker } from './code-extraction.ts';
import type { CorrectionDraft, CorrectionInput, ProgramContext, ProgramDraft, Programmer, RepairInput, TokenUsage } from './programmer.ts';
import { buildDistillPrompt, DISTILLED_SCHEMA, toNewKnowledge } from './prompts/distill-prompt.ts';
import type { DistillInput } from '../knowledge/distill.ts';
import type { NewKnowledge } from '../knowledge/types.ts';

export const DEFAULT_CODE_TEMPERATURE = 0;
/** Room for a long program plus the plan; reasoning models count their thinking here too. */
export const DEFAULT_CODE_MAX_TOKENS = 4096;

const FATAL_KINDS = new Set(['auth', 'config', 'replay-miss']);

export interface LlmProgrammerOptions {
  /** Provider name for the record (`openai`, `replay`, …). */
  provider: string;
  temperature?: number;
  maxTokens?: number;
  /** Send the failing checkpoint's images with repair requests (vision-capable models). Default false. */
  vision?: boolean;
}

export class LlmProgrammer implements Programmer {
  readonly name: string;
  readonly model: string;
  private readonly temperature: number;
  private readonly maxTokens: number;
  private vision: boolean;
  get wantsImages(): boolean {
    return this.vision;
  }
  private answered = false;
  private checker: Promise<SyntaxChecker> | null = null;

  private readonly chat: ChatModel;
  constructor(chat: ChatModel, opts: LlmProgrammerOptions) {
    this.chat = chat;
    this.name = opts.provider;
    this.model = chat.model;
    this.temperature = opts.temperature ?? DEFAULT_CODE_TEMPERATURE;
    this.maxTokens = opts.maxTokens ?? DEFAULT_CODE_MAX_TOKENS;
    this.vision = opts.vision ?? false;
  }

  async generate(ctx: ProgramContext): Promise<ProgramDraft> {
    return this.ask(buildGenerationPrompt(ctx), []);
  }

  /**
   * A program rewritten from a person's correction (prompts/correction-prompt.ts). The
   * reply's `Class:` line gives the class (the session's `classHint` when it has none
   * that reads as plan or skill, with a note), its `Understood:` line `understood`.
   * Model failures are handled as in generate and repair.
   */
  async correct(ctx: ProgramContext, input: CorrectionInput): Promise<CorrectionDraft> {
    const prompt = buildCorrectionPrompt(ctx, input);
    const notes = prompt.truncated.length > 0 ? [`correction prompt shortened: ${prompt.truncated.join(', ')}`] : [];
    const draft = await this.ask(prompt.messages, notes);
    if (draft.raw === undefined) return { ...draft, class: input.classHint, understood: '' };
    const parsed = parseCorrectionReply(draft.raw);
    const extra: string[] = [];
    if (parsed.class === null) {
      extra.push(
        parsed.unreadable !== null
          ? `the reply's class "${parsed.unreadable}" is neither plan nor skill; used the session's reading (${input.classHint})`
          : `the reply stated no class; used the session's reading (${input.classHint})`,
      );
    }
    const allNotes = [...(draft.notes ?? []), ...extra];
    return {
      ...draft,
      ...(allNotes.length > 0 && { notes: allNotes }),
      class: parsed.class ?? input.classHint,
      understood: parsed.understood,
    };
  }

  /**
   * Lessons from an episode that ended well (prompts/distill-prompt.ts), as structured
   * output; null when the model fails or replies nothing valid (the rule distiller is used).
   */
  async distill(input: DistillInput): Promise<NewKnowledge[] | null> {
    if (input.corrections.length === 0 && !input.repair) return [];
    try {
      const response = await this.chat.complete({
        messages: buildDistillPrompt(input),
        temperature: 0,
        maxTokens: 1200,
        schema: DISTILLED_SCHEMA,
        schemaName: 'lessons',
      });
      return response.parsed ? toNewKnowledge(input, response.parsed) : null;
    } catch (error) {
      if (!isModelError(error) || this.isFatal(error)) throw error;
      return null;
    }
  }

  async repair(ctx: ProgramContext, input: RepairInput): Promise<ProgramDraft> {
    // The previous attempt had no program (the model failed or wrote none): there is
    // nothing to repair, so ask afresh.
    if (input.program.trim() === '') {
      return this.ask(buildGenerationPrompt(ctx), ['the previous attempt had no program; asked for a new one']);
    }
    const prompt = buildRepairPrompt(ctx, input, { vision: this.vision });
    const notes = prompt.truncated.length > 0 ? [`repair prompt shortened: ${prompt.truncated.join(', ')}`] : [];
    if (prompt.images === 0) return this.ask(prompt.messages, notes);
    try {
      return await this.ask(prompt.messages, notes);
    } catch (error) {
      if (!isModelError(error, 'config') || error.status !== 400) throw error;
      this.vision = false;
      const textOnly = buildRepairPrompt(ctx, input, { vision: false });
      return this.ask(textOnly.messages, [...notes, `the server refused images (${error.message}); asked without them`]);
    }
  }

  private async ask(messages: ChatMessage[], notes: string[]): Promise<ProgramDraft> {
    const promptTokens = countMessageTokens(messages);
    let text: string;
    let usage: TokenUsage;
    let warnings: string[];
    try {
      const response = await this.chat.complete({ messages, temperature: this.temperature, maxTokens: this.maxTokens });
      ({ text, usage, warnings } = response);
      this.answered = true;
    } catch (error) {
      if (!isModelError(error) || this.isFatal(error)) throw error;
      return {
        program: '',
        plan: [],
        error: `the model call failed (${error.kind}): ${error.message}`,
        usage: { inputTokens: 0, outputTokens: 0 },
        promptTokens,
        notes,
      };
    }
    const extracted = extractProgram(text, { checkSyntax: await this.syntaxChecker() });
    const draftNotes = [...notes, ...extracted.notes, ...warnings];
    if (extracted.syntaxError) {
      const at = extracted.syntaxError.line !== null ? ` at line ${extracted.syntaxError.line}` : '';
      draftNotes.push(`the program does not parse: ${extracted.syntaxError.message}${at}`);
    }
    return {
      program: extracted.program,
      plan: extracted.plan,
      error: extracted.error,
      usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens },
      promptTokens,
      raw: text,
      ...(draftNotes.length > 0 && { notes: draftNotes }),
    };
  }

  private isFatal(error: ModelError): boolean {
    if (FATAL_KINDS.has(error.kind)) return true;
    return error.kind === 'unreachable' && !this.answered;
  }

  private syntaxChecker(): Promise<SyntaxChecker> {
    this.checker ??= loadSyntaxChecker();
    return this.checker;
  }
}
