// Text embeddings from an OpenAI-compatible `/embeddings` endpoint (OpenAI, vLLM, Ollama):
// the knowledge base's optional second text signal (docs/knowledge.md#retrieval). Off
// unless POLICYLOOP_EMBED_MODEL names a model; the server is OPENAI_BASE_URL with
// OPENAI_API_KEY, as for chat models (POLICYLOOP_EMBED_BASE_URL overrides the URL).

import { gatedFetch } from './rate-gate.ts';
import OpenAI from 'openai';
import { ModelError } from './chat-model.ts';
import { OPENAI_BASE_URL } from './model-settings.ts';

export interface Embedder {
  /** The model name, stored with each vector (vectors of different models are never compared). */
  readonly model: string;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

export interface EmbedderSettings {
  model: string;
  baseURL: string;
  apiKey: string;
  timeoutMs?: number;
}

/** The embedder the environment configures, or null when POLICYLOOP_EMBED_MODEL is not set. */
export function embedderSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): EmbedderSettings | null {
  const read = (name: string): string | undefined => env[name]?.trim() || undefined;
  const model = read('POLICYLOOP_EMBED_MODEL');
  if (!model) return null;
  const baseURL = (read('POLICYLOOP_EMBED_BASE_URL') ?? read('OPENAI_BASE_URL') ?? OPENAI_BASE_URL).replace(/\/+$/, '');
  const apiKey = read('OPENAI_API_KEY');
  if (!apiKey && baseURL === OPENAI_BASE_URL) {
    throw new ModelError(
      'config',
      'POLICYLOOP_EMBED_MODEL is set but there is no server: set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server',
    );
  }
  return { model, baseURL, apiKey: apiKey ?? 'sk-no-key-needed' };
}

export class OpenAIEmbedder implements Embedder {
  readonly model: string;
  private readonly client: OpenAI;

  constructor(settings: EmbedderSettings) {
    this.model = settings.model;
    this.client = new OpenAI({
      apiKey: settings.apiKey,
      baseURL: settings.baseURL,
      timeout: settings.timeoutMs ?? 30_000,
      maxRetries: 2,
      // Through the thread's model gate, like chat requests (rate-gate.ts).
      fetch: gatedFetch(settings.baseURL.replace(/\/+$/, '')),
    });
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    let res: Awaited<ReturnType<OpenAI['embeddings']['create']>>;
    try {
      res = await this.client.embeddings.create({ model: this.model, input: [...texts], encoding_format: 'float' });
    } catch (err) {
      throw new ModelError('server', `embeddings (${this.model}): ${(err as Error).message.split('\n')[0]}`);
    }
    const rows = [...res.data].sort((a, b) => a.index - b.index);
    if (rows.length !== texts.length)
      throw new ModelError('server', `embeddings (${this.model}): ${rows.length} vectors for ${texts.length} texts`);
    return rows.map((r) => Float32Array.from(r.embedding as number[]));
  }
}

export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
