// Offline token accounting, so prompt budgets can be checked without a server.
// Counts use the o200k_base encoding (gpt-4o and later); other model families
// tokenize differently, so treat the numbers as estimates within ~10–20 %.
import { createRequire } from 'node:module';
import type { countTokens as CountTokens } from 'gpt-tokenizer';
import type { ChatMessage } from './chat-model.ts';

/** Per-message framing tokens (role and separators), as in OpenAI's counting recipe. */
export const TOKENS_PER_MESSAGE = 3;
/** Tokens that prime the assistant's reply. */
export const TOKENS_PER_REPLY = 3;
/**
 * Fixed estimate per image: one 512 px tile at OpenAI's "high" detail (85 base + 170
 * per tile). The renderer hands models JPEGs ≤ 512 px, so this is the usual cost; local
 * VLMs differ (often 256–1024 tokens per image).
 */
export const IMAGE_TOKEN_ESTIMATE = 255;

/**
 * One image at OpenAI's "high" detail: fit within 2048 px, shortest side down to 768 px,
 * then 85 + 170 per 512 px tile.
 */
export function estimateImageTokens(width: number, height: number): number {
  if (width <= 0 || height <= 0) return 85;
  const fit = Math.min(1, 2048 / Math.max(width, height));
  const scale = fit * Math.min(1, 768 / (Math.min(width, height) * fit));
  return 85 + 170 * Math.ceil((width * scale) / 512) * Math.ceil((height * scale) / 512);
}

const NO_SPECIAL = { disallowedSpecial: new Set<string>() };

// The tokenizer and its o200k table cost ~0.4 s of start-up; loaded (synchronously) at the
// first count, so a process or suite worker that never counts tokens never pays for it.
let countO200k: typeof CountTokens | null = null;
const tokenizer = (): typeof CountTokens =>
  (countO200k ??= (createRequire(import.meta.url)('gpt-tokenizer') as { countTokens: typeof CountTokens }).countTokens);

/**
 * Longest run of non-space characters counted as one piece. BPE merges within a piece
 * cost time quadratic in its length (100,000 repeated letters took 26 s here), so a longer
 * run — a model's or a program's garbage, never prose — is counted in slices of this many
 * characters: a few tokens more per slice at most, in linear time.
 */
export const MAX_TOKEN_PIECE = 256;

/** Tokens in a piece of text; special-token strings count as plain text. */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  const count = tokenizer();
  let total = 0;
  let from = 0; // start of the text not yet counted
  let run = 0; // start of the current run of non-space characters
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) continue;
    if (i - run > MAX_TOKEN_PIECE) {
      if (run > from) total += count(text.slice(from, run), NO_SPECIAL);
      for (let k = run; k < i; k += MAX_TOKEN_PIECE) total += count(text.slice(k, Math.min(i, k + MAX_TOKEN_PIECE)), NO_SPECIAL);
      from = i;
    }
    run = i + 1;
  }
  if (from < text.length) total += count(from === 0 ? text : text.slice(from), NO_SPECIAL);
  return total;
}

export interface MessageTokenOptions {
  /** Tokens charged per image (default `IMAGE_TOKEN_ESTIMATE`). */
  imageTokens?: number;
}

/** Prompt tokens of a whole conversation: text, a per-message overhead, images at a fixed estimate. */
export function countMessageTokens(messages: readonly ChatMessage[], options: MessageTokenOptions = {}): number {
  const imageTokens = options.imageTokens ?? IMAGE_TOKEN_ESTIMATE;
  let total = TOKENS_PER_REPLY;
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE + countTokens(message.role);
    if (typeof message.content === 'string') {
      total += countTokens(message.content);
      continue;
    }
    for (const part of message.content) {
      total += part.type === 'text' ? countTokens(part.text) : imageTokens;
    }
  }
  return total;
}
