// The `openai` provider: any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM,
// Ollama, llama.cpp, LM Studio) through the official `openai` client.
//
// What this adds on top of the client:
// - images sent as data URLs as given (mime from the bytes), oversized ones with a warning;
// - structured output through `response_format: json_schema`, falling back to asking
//   for JSON in the prompt on servers that reject or ignore it;
// - options a model refuses (temperature on reasoning models, `max_tokens` renamed)
//   are dropped or renamed with a warning instead of failing the call;
// - every failure (after the client's own retries, `maxRetries`/`timeoutMs` passed through)
//   as a one-line `ModelError`; an abort stops the client's backoff sleep at once;
// - every answer read whole under the per-request deadline and at most MAX_REPLY_BYTES
//   (`boundedFetch`): a reply that drips forever times out, a huge one, a 200 carrying an
//   error, a body that is not JSON or broken JSON end the call with one line, unretried.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type {
  ChatCompletion,
  ChatCompletionContentPart,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { z } from 'zod';
import {
  ModelError,
  oneLine,
  type ChatMessage,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type TokenUsage,
} from './chat-model.ts';
import { imageBytes, prepareImage, type ImageOptions, type PreparedImage } from './images.ts';
import { DEFAULT_TIMEOUT_MS, resolveModelSettings, type ModelKind, type ModelSettingsFlags } from './model-settings.ts';
import { extractJson, jsonInstruction, snippet, validateStructured, wireSchema, type WireSchema } from './structured-output.ts';
import { countMessageTokens, countTokens } from './tokens.ts';
import { gatedFetch } from './rate-gate.ts';

export { DEFAULT_TIMEOUT_MS };
export const DEFAULT_MAX_RETRIES = 3;
/** The largest answer read from a model server (4 MiB); a larger one is a 'bad-response' naming its size. */
export const MAX_REPLY_BYTES = 4 * 1024 * 1024;

export interface OpenAIChatModelOptions {
  model: string;
  baseURL: string;
  apiKey: string;
  /** Which model this is, for error messages that name the right variable (default 'code'). */
  kind?: ModelKind;
  /** Per HTTP request, the reply body included (default 120 s). */
  timeoutMs?: number;
  /**
   * The client's retries after a 408/409/429/5xx answer, a failed connection or a timeout
   * (default 3); its backoff is 0.5 s × 2ⁿ (up to −25 % jitter, cap 8 s) unless the server sends retry-after(-ms).
   */
  maxRetries?: number;
  /** When an image draws a size warning (default: long side > 512 px). */
  images?: ImageOptions;
  /** The largest answer body read (default MAX_REPLY_BYTES). */
  maxReplyBytes?: number;
}

/** What this instance has learned about its server, so a fallback is paid once. */
interface ServerTraits {
  /** 'ignored': accepted the field but answered prose — send it, and ask in the prompt too. */
  jsonSchema: 'unknown' | 'yes' | 'no' | 'ignored';
  temperature: boolean;
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
}

interface Attempt {
  responseFormat: boolean;
  promptJson: boolean;
}

// Every wire response is checked before use: only what we read.
const CompletionWire = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullable().optional(),
          refusal: z.string().nullable().optional(),
        }),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).partial().nullable().optional(),
});
type CompletionWire = z.infer<typeof CompletionWire>;

export class OpenAIChatModel implements ChatModel {
  readonly specVersion = 'v1' as const;
  readonly provider = 'openai';
  readonly model: string;
  readonly baseURL: string;
  private readonly client: OpenAI;
  private readonly options: Required<Omit<OpenAIChatModelOptions, 'images' | 'apiKey'>> & {
    images: ImageOptions;
  };
  private readonly traits: ServerTraits = { jsonSchema: 'unknown', temperature: true, maxTokensField: 'max_tokens' };

  constructor(options: OpenAIChatModelOptions) {
    this.model = options.model;
    this.baseURL = options.baseURL.replace(/\/+$/, '');
    this.options = {
      model: options.model,
      baseURL: this.baseURL,
      kind: options.kind ?? 'code',
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
      images: options.images ?? {},
      maxReplyBytes: options.maxReplyBytes ?? MAX_REPLY_BYTES,
    };
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: this.baseURL,
      timeout: this.options.timeoutMs,
      maxRetries: this.options.maxRetries,
      // Through the thread's model gate when there is one (suites: limits and a global 429 back-off);
      // under it, every answer is read whole, bounded in size, while the client's timeout runs.
      fetch: gatedFetch(this.baseURL, boundedFetch(this.options.maxReplyBytes)),
    });
  }

  async complete<T = unknown>(request: ChatRequest<T>): Promise<ChatResponse<T>> {
    const started = performance.now();
    throwIfAborted(request.signal);
    const warnings: string[] = [];
    const messages = toWireMessages(request.messages, this.options.images, warnings);
    const wire = request.schema ? wireSchema(request.schema, request.schemaName) : undefined;

    let attempt: Attempt = {
      responseFormat: wire !== undefined && this.traits.jsonSchema !== 'no',
      promptJson: wire !== undefined && (this.traits.jsonSchema === 'no' || this.traits.jsonSchema === 'ignored'),
    };
    if (wire && this.traits.jsonSchema === 'no') {
      warnings.push('the server does not take response_format json_schema; the schema was sent in the prompt');
    }
    if (request.temperature !== undefined && !this.traits.temperature) {
      warnings.push(`the model does not take temperature; sent without it`);
    }
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
    let completion: CompletionWire;
    ({ completion, attempt } = await this.send(messages, request, wire, attempt, warnings));
    addUsage(usage, completion, request.messages, warnings);

    let text = replyText(completion);
    let parsed: T | undefined;
    if (wire && request.schema) {
      let json = extractJson(text);
      const limit = request.maxTokens ? ` (maxTokens ${request.maxTokens})` : '';
      if (!json && completion.choices[0]!.finish_reason === 'length') {
        throw new ModelError(
          'bad-response',
          `the model's ${wire.name} was cut off at the token limit before the JSON was complete${limit} (reply: ${snippet(text)})`,
        );
      }
      if (!json && attempt.responseFormat && !attempt.promptJson) {
        // The server took response_format but answered prose (some ignore the field).
        warnings.push(
          `the server ignored response_format json_schema (reply: ${snippet(text, 40)}); asked again with the schema in the prompt`,
        );
        this.traits.jsonSchema = 'ignored';
        const promptOnly = { responseFormat: false, promptJson: true };
        ({ completion, attempt } = await this.send(messages, request, wire, promptOnly, warnings));
        addUsage(usage, completion, request.messages, warnings);
        text = replyText(completion);
        json = extractJson(text);
      }
      if (!json) {
        throw new ModelError('bad-response', `the model's ${wire.name} is not JSON (reply: ${snippet(text)})`);
      }
      if (attempt.responseFormat && this.traits.jsonSchema === 'unknown') this.traits.jsonSchema = 'yes';
      parsed = validateStructured(request.schema, wire.name, json.value, text);
    }

    if (completion.choices[0]!.finish_reason === 'length') {
      warnings.push(`the reply was cut off at the token limit${request.maxTokens ? ` (maxTokens ${request.maxTokens})` : ''}`);
    }
    return {
      text,
      ...(parsed !== undefined && { parsed }),
      usage,
      latencyMs: Math.round(performance.now() - started),
      model: completion.model ?? this.model,
      warnings,
    };
  }

  /**
   * One logical request (the client retries transient failures): on a 400 that names an option
   * the server refuses, adapts the request (dropping or renaming the option, or moving
   * the schema into the prompt) and sends it again, each at most once.
   */
  private async send(
    messages: ChatCompletionMessageParam[],
    request: ChatRequest<unknown>,
    wire: WireSchema | undefined,
    attempt: Attempt,
    warnings: string[],
  ): Promise<{ completion: CompletionWire; attempt: Attempt }> {
    const adapted = new Set<string>();
    for (;;) {
      const body = this.buildBody(messages, request, wire, attempt);
      try {
        const raw = await untilAborted(this.client.chat.completions.create(body, { signal: request.signal }), request.signal);
        return { completion: checkCompletion(raw), attempt };
      } catch (error) {
        const refused = error instanceof APIError && (error.status === 400 || error.status === 422);
        const adaptation = refused ? this.adaptTo(error, body, attempt, adapted, warnings) : undefined;
        if (!adaptation) throw await this.toModelError(error, request.signal);
        adapted.add(adaptation.key);
        attempt = adaptation.attempt;
      }
    }
  }

  private adaptTo(
    error: APIError,
    body: ChatCompletionCreateParamsNonStreaming,
    attempt: Attempt,
    adapted: Set<string>,
    warnings: string[],
  ): { key: string; attempt: Attempt } | undefined {
    const message = serverMessage(error);
    const about = (pattern: RegExp): boolean => pattern.test(error.param ?? '') || pattern.test(message);

    const formatRefused = about(/response_format|json_schema|json schema|structured output/i);
    if (body.response_format && !adapted.has('response_format') && formatRefused) {
      this.traits.jsonSchema = 'no';
      warnings.push(`the server rejected response_format json_schema (${snippet(message, 60)}); the schema was sent in the prompt`);
      return { key: 'response_format', attempt: { responseFormat: false, promptJson: true } };
    }
    const wantsRename = about(/max_tokens/) && /max_completion_tokens/.test(message);
    if (body.max_tokens !== undefined && !adapted.has('max_tokens') && wantsRename) {
      this.traits.maxTokensField = 'max_completion_tokens';
      return { key: 'max_tokens', attempt };
    }
    if (body.temperature !== undefined && !adapted.has('temperature') && about(/temperature/i)) {
      this.traits.temperature = false;
      warnings.push(`the model does not take temperature ${body.temperature} (${snippet(message, 60)}); sent without it`);
      return { key: 'temperature', attempt };
    }
    return undefined;
  }

  private buildBody(
    messages: ChatCompletionMessageParam[],
    request: ChatRequest<unknown>,
    wire: WireSchema | undefined,
    attempt: Attempt,
  ): ChatCompletionCreateParamsNonStreaming {
    const body: ChatCompletionCreateParamsNonStreaming = {
      model: this.model,
      messages: wire && attempt.promptJson ? withJsonInstruction(messages, jsonInstruction(wire)) : messages,
    };
    if (request.temperature !== undefined && this.traits.temperature) body.temperature = request.temperature;
    if (request.maxTokens !== undefined) body[this.traits.maxTokensField] = request.maxTokens;
    if (wire && attempt.responseFormat) {
      body.response_format = {
        type: 'json_schema',
        json_schema: { name: wire.name, schema: wire.schema, strict: wire.strict },
      };
    }
    return body;
  }

  private async toModelError(error: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    if (error instanceof ModelError) return error;
    if (error instanceof APIUserAbortError || signal?.aborted) return abortReason(signal);
    const fault = error instanceof APIError ? error.headers?.get(FAULT_HEADER) : null;
    if (fault) {
      const kind = fault === 'error-body' ? 'server' : 'bad-response';
      return new ModelError(kind, `${serverMessage(error as APIError)} (from ${this.baseURL})`, { cause: error });
    }
    const where = this.baseURL;
    const retried = this.options.maxRetries > 0 ? ` after ${this.options.maxRetries} retries` : '';
    if (error instanceof APIConnectionTimeoutError) {
      return new ModelError(
        'timeout',
        `the model server at ${where} did not answer within ${formatMs(this.options.timeoutMs)}${retried} (for slow local models raise the deadline: --timeout <seconds> or POLICYLOOP_MODEL_TIMEOUT)`,
        { cause: error },
      );
    }
    if (error instanceof APIConnectionError) {
      return new ModelError('unreachable', `cannot reach the model server at ${where} (${connectionCode(error)})`, {
        cause: error,
      });
    }
    if (!(error instanceof APIError) || error.status === undefined) return error;
    const status = error.status;
    const message = serverMessage(error);
    const options = { status, cause: error };
    if (status === 401) {
      return new ModelError('auth', 'the model server rejected the API key (401) — set OPENAI_API_KEY', options);
    }
    if (status === 403) {
      return new ModelError('auth', `the model server refused access (403): ${message}`, options);
    }
    if (status === 404) return new ModelError('config', await this.notFoundMessage(message), options);
    if (status === 429) {
      return new ModelError('rate-limit', `the model server is rate-limiting requests (429)${retried}: ${message}`, options);
    }
    if (status === 408 || status === 409 || status >= 500) {
      return new ModelError('server', `the model server failed (${status})${retried}: ${message}`, options);
    }
    return new ModelError('config', `the model server refused the request (${status}): ${message}`, options);
  }

  /** A 404 is almost always a wrong model name or a base URL without /v1: say which. */
  private async notFoundMessage(message: string): Promise<string> {
    const variable = this.options.kind === 'vision' ? 'POLICYLOOP_VLM_MODEL' : 'POLICYLOOP_MODEL';
    let offered: string[] | undefined;
    try {
      const page = await this.client.models.list({ timeout: Math.min(5_000, this.options.timeoutMs), maxRetries: 0 });
      offered = page.data.map((m) => m.id);
    } catch {
      offered = undefined;
    }
    if (offered && !offered.includes(this.model)) {
      const list = offered.length > 0 ? offered.slice(0, 12).join(', ') + (offered.length > 12 ? ', …' : '') : 'none';
      return `the model server at ${this.baseURL} has no model "${this.model}" (404) — set ${variable} or --model; it offers: ${list}`;
    }
    return `the model server at ${this.baseURL} answered 404 for model "${this.model}": ${message} — check the model name (${variable} / --model) and that the base URL ends in /v1`;
  }
}

/** Settings from flags or the environment, then the model (`resolveModelSettings` rules). */
export function createOpenAIChatModel(
  flags: ModelSettingsFlags & Omit<OpenAIChatModelOptions, 'model' | 'baseURL' | 'apiKey' | 'kind'>,
): OpenAIChatModel {
  const { kind, model, baseURL, apiKey, env, timeoutMs, ...rest } = flags;
  const settings = resolveModelSettings({ kind, model, baseURL, apiKey, timeoutMs, ...(env && { env }) });
  return new OpenAIChatModel({
    ...rest,
    kind,
    model: settings.model,
    baseURL: settings.baseURL,
    apiKey: settings.apiKey,
    timeoutMs: settings.timeoutMs,
  });
}

function toWireMessages(messages: readonly ChatMessage[], images: ImageOptions, warnings: string[]): ChatCompletionMessageParam[] {
  return messages.map((message, m): ChatCompletionMessageParam => {
    if (typeof message.content === 'string') {
      return { role: message.role, content: message.content } as ChatCompletionMessageParam;
    }
    const parts = message.content;
    const imageCount = parts.filter((p) => p.type === 'image').length;
    const joinedText = parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n');
    // Servers differ on array content: send plain strings whenever there is no image.
    if (imageCount === 0) return { role: message.role, content: joinedText } as ChatCompletionMessageParam;
    if (message.role !== 'user') {
      warnings.push(`images are sent in user messages only; ${imageCount} image(s) of a ${message.role} message were dropped`);
      return { role: message.role, content: joinedText } as ChatCompletionMessageParam;
    }
    const content = parts.map((part, p): ChatCompletionContentPart => {
      if (part.type === 'text') return { type: 'text', text: part.text };
      let prepared: PreparedImage;
      try {
        prepared = prepareImage(imageBytes(part), images);
      } catch (error) {
        throw new ModelError('config', `image in message ${m + 1}, part ${p + 1} cannot be sent: ${(error as Error).message}`, {
          cause: error,
        });
      }
      if (prepared.warning) warnings.push(prepared.warning);
      return { type: 'image_url', image_url: { url: `data:${prepared.mime};base64,${prepared.data}` } };
    });
    return { role: 'user', content };
  });
}

/** Adds the JSON request to the last user message (keeps role alternation intact). */
function withJsonInstruction(messages: ChatCompletionMessageParam[], instruction: string): ChatCompletionMessageParam[] {
  const copy = [...messages];
  for (let i = copy.length - 1; i >= 0; i--) {
    const message = copy[i]!;
    if (message.role !== 'user') continue;
    copy[i] =
      typeof message.content === 'string'
        ? { role: 'user', content: `${message.content}\n\n${instruction}` }
        : { role: 'user', content: [...message.content, { type: 'text', text: instruction }] };
    return copy;
  }
  return [...copy, { role: 'user', content: instruction }];
}

function checkCompletion(raw: ChatCompletion | unknown): CompletionWire {
  const result = CompletionWire.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const got = typeof raw === 'string' ? snippet(raw) : snippet(JSON.stringify(raw) ?? String(raw));
  throw new ModelError(
    'bad-response',
    `the model server's answer is not a chat completion (${issue.path.join('.') || '(root)'}: ${issue.message}): ${got}`,
  );
}

function replyText(completion: CompletionWire): string {
  const message = completion.choices[0]!.message;
  if (message.content === null || message.content === undefined) {
    if (message.refusal) throw new ModelError('bad-response', `the model refused: ${message.refusal}`);
    return '';
  }
  return message.content;
}

function addUsage(usage: TokenUsage, completion: CompletionWire, messages: readonly ChatMessage[], warnings: string[]): void {
  const input = completion.usage?.prompt_tokens;
  const output = completion.usage?.completion_tokens;
  if (input !== undefined && output !== undefined) {
    usage.inputTokens += input;
    usage.outputTokens += output;
    return;
  }
  // Estimate what the server did not report (images at the fixed estimate).
  usage.inputTokens += input ?? countMessageTokens(messages);
  usage.outputTokens += output ?? countTokens(completion.choices[0]!.message.content ?? '');
  if (!warnings.some((w) => w.startsWith('the server reported no token usage'))) {
    warnings.push('the server reported no token usage; counted with gpt-tokenizer');
  }
}

/** The server's own error text, without the client's status prefix. */
function serverMessage(error: APIError): string {
  const body = error.error as unknown;
  if (typeof body === 'string') return oneLine(body);
  if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
    return oneLine((body as { message: string }).message);
  }
  return oneLine(error.message.replace(/^\d{3}\s+/, ''));
}

/**
 * ECONNREFUSED, ENOTFOUND, … from the error's cause chain; else the innermost message.
 * fetch refuses the WHATWG "bad ports" (9, 6000, 6665–6669, …) before connecting.
 */
function connectionCode(error: Error): string {
  const seen = new Set<unknown>();
  let current: unknown = error;
  let innermost = error.message;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    const nested = (current as { errors?: unknown[] }).errors;
    if (Array.isArray(nested)) {
      for (const inner of nested) {
        const innerCode = (inner as { code?: unknown })?.code;
        if (typeof innerCode === 'string') return innerCode;
      }
    }
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && message.length > 0) innermost = message;
    current = (current as { cause?: unknown }).cause;
  }
  if (innermost === 'bad port') return 'fetch blocks this port as unsafe; use another port';
  return oneLine(innermost || 'connection failed');
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

/**
 * The client's backoff sleep ignores the signal (it checks it only before the next try, and
 * sends nothing then): reject as soon as the caller aborts instead of after a long retry-after.
 */
function untilAborted<R>(call: Promise<R>, signal: AbortSignal | undefined): Promise<R> {
  if (!signal) return call;
  return new Promise<R>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    void call.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Marks a synthetic answer of `boundedFetch`: its value is the fault, its body's error.message the line. */
const FAULT_HEADER = 'x-policyloop-fault';
type ReplyFault = 'reply-too-large' | 'not-json' | 'error-body';

/**
 * The fetch under the client: reads each answer whole before handing it over, so the client's
 * per-request timeout (which it clears once fetch returns) covers the body too — a server
 * that drips a byte a second times out like one that never answers. An answer over
 * `maxBytes`, a 2xx body that is not JSON, and a 2xx JSON error (`{ "error": … }` without
 * `choices`) become a synthetic 502 with `x-should-retry: false` (the client does not pay
 * for them again) and FAULT_HEADER; `toModelError` turns it into one line.
 */
export function boundedFetch(maxBytes: number = MAX_REPLY_BYTES, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    const read = await readCapped(res, maxBytes);
    if ('tooLarge' in read) {
      return faultResponse(
        'reply-too-large',
        `the model server's answer is larger than the ${formatBytes(maxBytes)} a reply may be (${read.tooLarge})`,
      );
    }
    const nullBody = res.status === 204 || res.status === 205 || res.status === 304;
    if (!res.ok || nullBody) {
      return new Response(nullBody ? null : read.bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
    }
    const text = new TextDecoder().decode(read.bytes);
    const contentType = res.headers.get('content-type') ?? 'no content-type';
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const what = /json/i.test(contentType)
        ? `is not valid JSON (${oneLine((error as Error).message)})`
        : `is not JSON (${contentType.split(';')[0]}, ${formatBytes(read.bytes.byteLength)})`;
      return faultResponse('not-json', `the model server answered ${res.status} with a body that ${what}: ${clip(text, 100)}`);
    }
    if (json !== null && typeof json === 'object' && !Array.isArray(json) && 'error' in json && !('choices' in json)) {
      return faultResponse('error-body', `the model server answered ${res.status} with an error: ${errorBodyMessage(json.error)}`);
    }
    // JSON whatever the server called it, so the client parses it (some send text/plain).
    const headers = new Headers(res.headers);
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(read.bytes, { status: res.status, statusText: res.statusText, headers });
  };
}

/** The body, at most `maxBytes` (a declared larger Content-Length is refused unread). */
async function readCapped(res: Response, maxBytes: number): Promise<{ bytes: Uint8Array<ArrayBuffer> } | { tooLarge: string }> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return { tooLarge: `Content-Length ${formatBytes(declared)}` };
  }
  if (!res.body) return { bytes: new Uint8Array(0) };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: `more than ${formatBytes(maxBytes)} read, the rest not read` };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes };
}

function faultResponse(fault: ReplyFault, message: string): Response {
  return new Response(JSON.stringify({ error: { message: oneLine(message), type: fault } }), {
    status: 502,
    headers: { 'content-type': 'application/json', 'x-should-retry': 'false', [FAULT_HEADER]: fault },
  });
}

function errorBodyMessage(error: unknown): string {
  if (typeof error === 'string') return clip(error, 200);
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return clip((error as { message: string }).message, 200);
  }
  return clip(JSON.stringify(error) ?? String(error), 200);
}

/** The start of a server's text on one line, unquoted: `empty`, or at most `max` characters and `…`. */
function clip(text: string, max: number): string {
  const flat = oneLine(text.slice(0, max * 4));
  if (flat.length === 0) return 'empty';
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
