// llm/: model access. The public surface; other folders import only from here.
import { ModelError, type ChatModel } from './chat-model.ts';
import type { ImageOptions } from './images.ts';
import type { ModelKind } from './model-settings.ts';
import { createOpenAIChatModel } from './openai-provider.ts';
import { RecordingModel, ReplayModel } from './replay-provider.ts';

export {
  ModelError,
  MODEL_ERROR_KINDS,
  isModelError,
  type ChatMessage,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type ChatRole,
  type ContentPart,
  type ImageMime,
  type ModelErrorKind,
  type TokenUsage,
} from './chat-model.ts';
export {
  OpenAIChatModel,
  createOpenAIChatModel,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_RETRIES,
  MAX_REPLY_BYTES,
  type OpenAIChatModelOptions,
} from './openai-provider.ts';
export {
  resolveModelSettings,
  DEFAULT_OPENAI_MODEL,
  PLACEHOLDER_API_KEY,
  MAX_TIMEOUT_SECONDS,
  TIMEOUT_VARIABLE,
  timeoutSecondsProblem,
  type ModelKind,
  type ModelSettings,
  type ModelSettingsFlags,
} from './model-settings.ts';
export {
  RecordingModel,
  ReplayModel,
  readCassette,
  requestHash,
  canonicalRequest,
  type CassetteEntry,
  type CanonicalRequest,
} from './replay-provider.ts';
export { MockChatModel, type MockCall, type MockReply, type MockReplyObject } from './mock-model.ts';
export {
  countTokens,
  countMessageTokens,
  estimateImageTokens,
  IMAGE_TOKEN_ESTIMATE,
  TOKENS_PER_MESSAGE,
  type MessageTokenOptions,
} from './tokens.ts';
export { imageMime, imageSize, prepareImage, type ImageOptions, type PreparedImage } from './images.ts';
export { extractJson } from './structured-output.ts';

export type ProviderName = 'openai' | 'replay';

export interface CreateChatModelOptions {
  provider: ProviderName;
  /** 'code' (default) reads POLICYLOOP_MODEL; 'vision' reads POLICYLOOP_VLM_MODEL first. */
  kind?: ModelKind;
  model?: string | undefined;
  baseURL?: string | undefined;
  apiKey?: string | undefined;
  /** openai only: append every exchange to this cassette (JSONL). */
  record?: string | undefined;
  /** replay only: the cassette to answer from. */
  cassette?: string | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  images?: ImageOptions | undefined;
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
}

/** The one way the rest of policyloop gets a model. Bad settings throw ModelError 'config'. */
export function createChatModel(options: CreateChatModelOptions): ChatModel {
  const kind = options.kind ?? 'code';
  if (options.provider === 'replay') {
    if (options.record) throw new ModelError('config', 'cannot record while replaying — drop --record or use --provider openai');
    if (!options.cassette) throw new ModelError('config', 'the replay provider needs a cassette file (--cassette FILE)');
    return new ReplayModel(options.cassette, { model: options.model });
  }
  if (options.provider !== 'openai') {
    throw new ModelError('config', `unknown model provider "${String(options.provider)}" (expected openai or replay)`);
  }
  if (options.cassette) {
    throw new ModelError('config', 'a cassette is replayed with --provider replay; to record one, use --record FILE');
  }
  const model = createOpenAIChatModel({
    kind,
    model: options.model,
    baseURL: options.baseURL,
    apiKey: options.apiKey,
    ...(options.env && { env: options.env }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.maxRetries !== undefined && { maxRetries: options.maxRetries }),
    ...(options.images && { images: options.images }),
  });
  return options.record ? new RecordingModel(model, options.record) : model;
}
