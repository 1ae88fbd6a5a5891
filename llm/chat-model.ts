// The one model interface of policyloop. The code model (programmer) and the vision
// monitor both talk to a `ChatModel`; providers (openai, replay, mock) implement it.
//
// Versioned like vercel/ai's LanguageModelV3: a breaking change to the request or
// response shape gets a new `specVersion`, so callers can refuse a model they do not
// understand instead of failing halfway through an episode.
import type { z } from 'zod';

export type ChatRole = 'system' | 'user' | 'assistant';

export type ImageMime = 'image/png' | 'image/jpeg';

export type ContentPart =
  | { type: 'text'; text: string }
  /** `data` is the image file, base64-encoded (no `data:` prefix). */
  | { type: 'image'; mime: ImageMime; data: string };

export interface ChatMessage {
  role: ChatRole;
  content: string | ContentPart[];
}

export interface ChatRequest<T = unknown> {
  messages: ChatMessage[];
  /**
   * Structured output: the same zod schema is sent to the model as JSON schema and
   * validates the reply (wrap arrays and enums in an object). The validated value is
   * `ChatResponse.parsed`.
   */
  schema?: z.ZodType<T>;
  /** Name of the structured output, e.g. `verdict` (letters, digits, `_`, `-`). */
  schemaName?: string;
  temperature?: number;
  maxTokens?: number;
  /** Aborting rejects `complete` with the signal's reason. */
  signal?: AbortSignal;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatResponse<T = unknown> {
  /** The reply as the model wrote it. */
  text: string;
  /** Present when the request had a schema: the reply, validated by it. */
  parsed?: T;
  usage: TokenUsage;
  /** Wall time of `complete`, retries and fallbacks included. */
  latencyMs: number;
  /** The model that answered, as the server names it. */
  model: string;
  /** Options the provider could not honour, fallbacks it took, truncation — never fatal. */
  warnings: string[];
}

export interface ChatModel {
  readonly specVersion: 'v1';
  /** `openai`, `replay`, `mock`, … — for run records. */
  readonly provider: string;
  /** The model asked for (the answering model is in `ChatResponse.model`). */
  readonly model: string;
  complete<T = unknown>(request: ChatRequest<T>): Promise<ChatResponse<T>>;
}

export const MODEL_ERROR_KINDS = [
  'unreachable',
  'auth',
  'rate-limit',
  'server',
  'timeout',
  'bad-response',
  'replay-miss',
  'config',
] as const;

export type ModelErrorKind = (typeof MODEL_ERROR_KINDS)[number];

/**
 * Every failure of a model call, as a kind a caller can branch on and a one-line
 * message a person can act on ("cannot reach the model server at … (ECONNREFUSED)").
 */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly kind: ModelErrorKind;
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;

  constructor(kind: ModelErrorKind, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(oneLine(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = options.status;
  }
}

export function isModelError(error: unknown, kind?: ModelErrorKind): error is ModelError {
  return error instanceof ModelError && (kind === undefined || error.kind === kind);
}

/** Collapses whitespace runs (newlines included) to single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
