// Builds the Programmer a command asked for: `builtin` (offline rules) or an LLM through
// an OpenAI-compatible server or a recorded cassette.
import { createChatModel } from '../../llm/index.ts';
import type { Programmer } from './programmer.ts';
import { RuleProgrammer } from './rules/rule-programmer.ts';
import { LlmProgrammer } from './llm-programmer.ts';

export { PROVIDERS, type ProviderChoice } from './programmer.ts';
import { PROVIDERS } from './programmer.ts';

export interface ProgrammerSettings {
  provider: string;
  model?: string | null;
  baseURL?: string;
  apiKey?: string;
  /** Record model exchanges to this cassette (openai). */
  record?: string;
  /** Answer from this cassette (replay). */
  cassette?: string;
  timeoutMs?: number;
  /** Send the failing checkpoint's images with repair prompts (vision-capable code models). */
  vision?: boolean;
}

export async function createProgrammer(s: ProgrammerSettings): Promise<Programmer> {
  if (s.provider === 'builtin') return new RuleProgrammer();
  if (s.provider === 'openai' || s.provider === 'replay') {
    const model = createChatModel({
      provider: s.provider,
      kind: 'code',
      model: s.model ?? undefined,
      baseURL: s.baseURL,
      apiKey: s.apiKey,
      record: s.record,
      cassette: s.cassette,
      timeoutMs: s.timeoutMs,
    });
    return new LlmProgrammer(model, { provider: s.provider, vision: s.vision ?? false });
  }
  const err = new Error(`--provider: expected one of ${PROVIDERS.join(', ')}, got "${s.provider}"`);
  err.name = 'UsageError';
  throw err;
}
