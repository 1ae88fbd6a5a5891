// What tokens cost (issue 14): a price table turns a suite's tokens into dollars per episode and
// per suite (summary.json, report.html). `--prices FILE` gives one; otherwise the defaults below
// cover OpenAI's models. Prices move: the defaults are OpenAI's list prices for standard
// (non-batch, uncached) requests as published on 2025-08-07; a file overrides any of them.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

export type PriceTable = Record<string, ModelPrice>;

export const PRICES_AS_OF = '2025-08-07';

export const DEFAULT_PRICES: PriceTable = {
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  o3: { input: 2, output: 8 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'o3-mini': { input: 1.1, output: 4.4 },
};

const PriceFile = z.record(
  z.string().min(1),
  z.strictObject({ input: z.number().finite().nonnegative(), output: z.number().finite().nonnegative() }),
);

export class PriceFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Reads a price file: `{ "model": { "input": usdPerMillion, "output": usdPerMillion }, … }`; one-line errors. */
export function readPriceFile(file: string): PriceTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PriceFileError(`--prices: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PriceFileError(`--prices: ${file} is not JSON: ${(e as Error).message}`);
  }
  const parsed = PriceFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    throw new PriceFileError(
      `--prices: ${file}: ${where}: ${issue.message} (expected { "model": { "input": dollars per 1M tokens, "output": … } })`,
    );
  }
  return parsed.data;
}

/**
 * The price of `model`: an exact entry, else the longest entry that the name starts with
 * followed by a dash (a dated snapshot such as gpt-4o-2024-08-06 costs what gpt-4o costs;
 * gpt-4o-mini has its own entry, which is longer). Null when unknown.
 */
export function priceOf(model: string, table: PriceTable): ModelPrice | null {
  const name = model.replace(/^openai\//, '');
  if (table[name]) return table[name]!;
  let best: string | null = null;
  for (const key of Object.keys(table)) {
    if (name.startsWith(`${key}-`) && (best === null || key.length > best.length)) best = key;
  }
  return best ? table[best]! : null;
}

/** Dollars for these tokens at this price. */
export function costUsd(price: ModelPrice, tokensIn: number, tokensOut: number): number {
  return (tokensIn * price.input + tokensOut * price.output) / 1e6;
}
