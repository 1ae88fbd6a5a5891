// A scripted ChatModel for tests (vercel/ai's MockLanguageModelV3): give it replies,
// read back every call. Structured requests are validated like the real provider, so
// a test can feed a bad reply and see the 'bad-response' its caller will get.
import { ModelError, type ChatModel, type ChatRequest, type ChatResponse, type TokenUsage } from './chat-model.ts';
import { parseStructured, schemaName, validateStructured } from './structured-output.ts';
import { countMessageTokens, countTokens } from './tokens.ts';

export interface MockReplyObject {
  /** Defaults to `JSON.stringify(parsed)` when `parsed` is given. */
  text?: string;
  /** For structured requests: the value, validated by the request's schema. */
  parsed?: unknown;
  /** Defaults to gpt-tokenizer counts of the request and the text. */
  usage?: Partial<TokenUsage>;
  model?: string;
  warnings?: string[];
  latencyMs?: number;
}

/**
 * A string is the reply text; an object sets fields; an Error is thrown (use a
 * `ModelError` to simulate provider failures); a function computes the reply.
 */
export type MockReply =
  | string
  | MockReplyObject
  | Error
  | ((request: ChatRequest<unknown>, callIndex: number) => MockReply | Promise<MockReply>);

export interface MockCall {
  index: number;
  request: ChatRequest<unknown>;
  /** The response given, or the error thrown. */
  response?: ChatResponse<unknown>;
  error?: unknown;
}

export interface MockChatModelOptions {
  /** Used in order, one per call; or one function answering every call. */
  replies: MockReply[] | ((request: ChatRequest<unknown>, callIndex: number) => MockReply | Promise<MockReply>);
  model?: string;
  provider?: string;
}

export class MockChatModel implements ChatModel {
  readonly specVersion = 'v1' as const;
  readonly provider: string;
  readonly model: string;
  /** Every call, in order, with what it got back. */
  readonly calls: MockCall[] = [];
  private readonly replies: MockChatModelOptions['replies'];

  constructor(replies: MockChatModelOptions | MockChatModelOptions['replies']) {
    const options = Array.isArray(replies) || typeof replies === 'function' ? { replies } : replies;
    this.replies = options.replies;
    this.model = options.model ?? 'mock-model';
    this.provider = options.provider ?? 'mock';
  }

  get lastCall(): MockCall | undefined {
    return this.calls.at(-1);
  }

  /** Replies not used yet (Infinity for a function). */
  get remaining(): number {
    return Array.isArray(this.replies) ? Math.max(0, this.replies.length - this.calls.length) : Infinity;
  }

  async complete<T = unknown>(request: ChatRequest<T>): Promise<ChatResponse<T>> {
    const call: MockCall = { index: this.calls.length, request: request as ChatRequest<unknown> };
    this.calls.push(call);
    try {
      if (request.signal?.aborted) throw request.signal.reason;
      let reply: MockReply | undefined = Array.isArray(this.replies) ? this.replies[call.index] : this.replies;
      if (reply === undefined) {
        throw new ModelError(
          'replay-miss',
          `MockChatModel has no reply for call ${call.index + 1} (${(this.replies as MockReply[]).length} given)`,
        );
      }
      while (typeof reply === 'function') reply = await reply(call.request, call.index);
      if (reply instanceof Error) throw reply;
      const response = this.toResponse(request, typeof reply === 'string' ? { text: reply } : reply);
      call.response = response as ChatResponse<unknown>;
      return response;
    } catch (error) {
      call.error = error;
      throw error;
    }
  }

  private toResponse<T>(request: ChatRequest<T>, reply: MockReplyObject): ChatResponse<T> {
    const text = reply.text ?? (reply.parsed !== undefined ? JSON.stringify(reply.parsed) : '');
    const response: ChatResponse<T> = {
      text,
      usage: {
        inputTokens: reply.usage?.inputTokens ?? countMessageTokens(request.messages),
        outputTokens: reply.usage?.outputTokens ?? countTokens(text),
      },
      latencyMs: reply.latencyMs ?? 0,
      model: reply.model ?? this.model,
      warnings: reply.warnings ?? [],
    };
    if (request.schema) {
      const name = schemaName(request.schemaName);
      response.parsed =
        reply.parsed !== undefined
          ? validateStructured(request.schema, name, reply.parsed, text)
          : parseStructured(request.schema, name, text);
    }
    return response;
  }
}
