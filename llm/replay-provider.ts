// Cassettes: record real model exchanges once, replay them offline, byte for byte.
//
// A cassette is a JSONL file, one exchange per line:
//   { "v": 1, "hash": "…", "request": <canonical request>, "response": <ChatResponse sans parsed> }
// keyed by a stable hash of the canonical request: model, messages (images by the
// SHA-256 of their bytes), schema name, temperature and maxTokens. The same request
// asked twice replays the recorded answers in order (then the last one again); a request
// that was never recorded fails with 'replay-miss', naming the hash and how it differs
// from the nearest recorded request. Never silently.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ModelError, type ChatMessage, type ChatModel, type ChatRequest, type ChatResponse } from './chat-model.ts';
import { parseStructured, snippet, validateStructured, schemaName as cleanSchemaName } from './structured-output.ts';

export const CASSETTE_VERSION = 1;

/** What the hash covers, in canonical form (images replaced by their content hash). */
export interface CanonicalRequest {
  model: string;
  messages: { role: string; content: string | ({ type: 'text'; text: string } | { type: 'image'; sha256: string })[] }[];
  schemaName: string | null;
  temperature: number | null;
  maxTokens: number | null;
}

export function canonicalRequest(model: string, request: ChatRequest<unknown>): CanonicalRequest {
  return {
    model,
    messages: request.messages.map(canonicalMessage),
    schemaName: request.schema || request.schemaName ? cleanSchemaName(request.schemaName) : null,
    temperature: request.temperature ?? null,
    maxTokens: request.maxTokens ?? null,
  };
}

function canonicalMessage(message: ChatMessage): CanonicalRequest['messages'][number] {
  if (typeof message.content === 'string') return { role: message.role, content: message.content };
  return {
    role: message.role,
    content: message.content.map((part) =>
      part.type === 'text'
        ? { type: 'text' as const, text: part.text }
        : {
            type: 'image' as const,
            sha256: createHash('sha256')
              .update(Buffer.from(part.data.replace(/^data:[^,]*,/, ''), 'base64'))
              .digest('hex'),
          },
    ),
  };
}

/** JSON with object keys sorted, so equal requests serialise identically. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** First 16 hex digits of the SHA-256 of the canonical request. */
export function requestHash(canonical: CanonicalRequest): string {
  return createHash('sha256').update(canonicalJson(canonical)).digest('hex').slice(0, 16);
}

const CassetteLine = z.object({
  v: z.literal(CASSETTE_VERSION),
  hash: z.string(),
  request: z.object({
    model: z.string(),
    messages: z.array(z.object({ role: z.string(), content: z.union([z.string(), z.array(z.any())]) })),
    schemaName: z.string().nullable(),
    temperature: z.number().nullable(),
    maxTokens: z.number().nullable(),
  }),
  response: z.object({
    text: z.string(),
    parsed: z.unknown().optional(),
    usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }),
    latencyMs: z.number(),
    model: z.string(),
    warnings: z.array(z.string()),
  }),
  recordedAt: z.string().optional(),
});
export type CassetteEntry = z.infer<typeof CassetteLine>;

/** Reads and validates a cassette; a bad line is a 'config' error naming file and line. */
export function readCassette(file: string): CassetteEntry[] {
  if (!existsSync(file)) throw new ModelError('config', `cassette ${file} does not exist — record one with --record ${file}`);
  const entries: CassetteEntry[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim().length === 0) return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new ModelError('config', `cassette ${file} line ${i + 1} is not JSON`);
      }
      const result = CassetteLine.safeParse(json);
      if (!result.success) {
        const issue = result.error.issues[0]!;
        throw new ModelError(
          'config',
          `cassette ${file} line ${i + 1} is not an exchange (${issue.path.join('.') || '(root)'}: ${issue.message})`,
        );
      }
      entries.push(result.data);
    });
  return entries;
}

/** Wraps a model: every successful exchange is appended to `file` (created if missing) as it happens. */
export class RecordingModel implements ChatModel {
  readonly specVersion = 'v1' as const;
  readonly provider: string;
  readonly model: string;

  private readonly inner: ChatModel;
  readonly file: string;
  constructor(inner: ChatModel, file: string) {
    this.inner = inner;
    this.file = file;
    this.provider = inner.provider;
    this.model = inner.model;
    mkdirSync(dirname(file), { recursive: true });
  }

  async complete<T = unknown>(request: ChatRequest<T>): Promise<ChatResponse<T>> {
    const response = await this.inner.complete(request);
    const canonical = canonicalRequest(this.model, request);
    const entry: CassetteEntry = {
      v: CASSETTE_VERSION,
      hash: requestHash(canonical),
      request: canonical,
      response: {
        text: response.text,
        ...(response.parsed !== undefined && { parsed: response.parsed }),
        usage: response.usage,
        latencyMs: response.latencyMs,
        model: response.model,
        warnings: response.warnings,
      },
      recordedAt: new Date().toISOString(),
    };
    // Appended per exchange, so a crash loses nothing recorded.
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    return response;
  }
}

export interface ReplayModelOptions {
  /** The model the requests are keyed by; defaults to the cassette's, if it holds only one. */
  model?: string | undefined;
}

/** Answers from a cassette only; an unrecorded request is a 'replay-miss'. */
export class ReplayModel implements ChatModel {
  readonly specVersion = 'v1' as const;
  readonly provider = 'replay';
  readonly model: string;
  private readonly byHash = new Map<string, CassetteEntry[]>();
  private readonly served = new Map<string, number>();
  private readonly entries: CassetteEntry[];

  readonly file: string;
  constructor(file: string, options: ReplayModelOptions = {}) {
    this.file = file;
    this.entries = readCassette(file);
    for (const entry of this.entries) {
      const list = this.byHash.get(entry.hash) ?? [];
      list.push(entry);
      this.byHash.set(entry.hash, list);
    }
    const models = [...new Set(this.entries.map((e) => e.request.model))];
    if (options.model) this.model = options.model;
    else if (models.length === 1) this.model = models[0]!;
    else if (models.length === 0) this.model = 'unknown';
    else {
      throw new ModelError(
        'config',
        `cassette ${file} holds exchanges with ${models.length} models (${models.join(', ')}) — name one with --model`,
      );
    }
  }

  async complete<T = unknown>(request: ChatRequest<T>): Promise<ChatResponse<T>> {
    if (request.signal?.aborted) throw request.signal.reason;
    const canonical = canonicalRequest(this.model, request);
    const hash = requestHash(canonical);
    const recorded = this.byHash.get(hash);
    if (!recorded) {
      throw new ModelError(
        'replay-miss',
        `no recorded answer for request ${hash} in ${this.file} (${this.entries.length} exchanges): ${this.missHint(canonical)}`,
      );
    }
    const index = this.served.get(hash) ?? 0;
    this.served.set(hash, index + 1);
    const { response } = recorded[Math.min(index, recorded.length - 1)]!;
    const result: ChatResponse<T> = {
      text: response.text,
      usage: { ...response.usage },
      latencyMs: response.latencyMs,
      model: response.model,
      warnings: [...response.warnings],
    };
    if (request.schema) {
      // Re-validate: the schema may have changed since recording (and transforms re-run).
      const name = cleanSchemaName(request.schemaName);
      result.parsed =
        response.parsed !== undefined
          ? validateStructured(request.schema, name, response.parsed, response.text)
          : parseStructured(request.schema, name, response.text);
    }
    return result;
  }

  /** How the request differs from the nearest recorded one, in a phrase. */
  private missHint(request: CanonicalRequest): string {
    if (this.entries.length === 0) return 'the cassette is empty';
    let best: { entry: CassetteEntry; score: number } | undefined;
    for (const entry of this.entries) {
      const score = similarity(request, entry.request as CanonicalRequest);
      if (!best || score > best.score) best = { entry, score };
    }
    const nearest = best!.entry;
    return `nearest recorded ${nearest.hash} differs in ${describeDifference(request, nearest.request as CanonicalRequest)}`;
  }
}

/** Higher is nearer: equal fields, then the length of the common message prefix in characters. */
function similarity(a: CanonicalRequest, b: CanonicalRequest): number {
  let score = 0;
  if (a.model === b.model) score += 1e9;
  if (a.schemaName === b.schemaName) score += 1e8;
  if (a.messages.length === b.messages.length) score += 1e7;
  const count = Math.min(a.messages.length, b.messages.length);
  for (let i = 0; i < count; i++) {
    const x = canonicalJson(a.messages[i]);
    const y = canonicalJson(b.messages[i]);
    score += x === y ? 1e5 : commonPrefix(x, y) / Math.max(x.length, y.length, 1);
  }
  return score;
}

function describeDifference(now: CanonicalRequest, was: CanonicalRequest): string {
  if (now.model !== was.model) return `model: recorded ${JSON.stringify(was.model)}, now ${JSON.stringify(now.model)}`;
  if (now.schemaName !== was.schemaName) {
    return `schema name: recorded ${JSON.stringify(was.schemaName)}, now ${JSON.stringify(now.schemaName)}`;
  }
  if (now.temperature !== was.temperature) return `temperature: recorded ${was.temperature}, now ${now.temperature}`;
  if (now.maxTokens !== was.maxTokens) return `maxTokens: recorded ${was.maxTokens}, now ${now.maxTokens}`;
  const count = Math.min(now.messages.length, was.messages.length);
  for (let i = 0; i < count; i++) {
    const a = now.messages[i]!;
    const b = was.messages[i]!;
    if (a.role !== b.role) return `messages[${i}] role: recorded ${b.role}, now ${a.role}`;
    const x = messageText(a);
    const y = messageText(b);
    if (x !== y) {
      const at = commonPrefix(x, y);
      return (
        `messages[${i}] (${a.role}) at character ${at}: recorded ${snippet(y.slice(Math.max(0, at - 10), at + 30), 50)}, ` +
        `now ${snippet(x.slice(Math.max(0, at - 10), at + 30), 50)}`
      );
    }
  }
  return `message count: recorded ${was.messages.length}, now ${now.messages.length}`;
}

/** A message as one comparable string; images appear as `[image <sha256 prefix>]`. */
function messageText(message: CanonicalRequest['messages'][number]): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.map((p) => (p.type === 'text' ? p.text : `[image ${p.sha256.slice(0, 12)}]`)).join('\n');
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
