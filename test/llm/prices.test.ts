import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, costUsd, priceOf, readPriceFile } from '../../llm/prices.ts';
import { summarizeCost, summarizeGroup } from '../../policy/suite/summary.ts';
import type { ResultLine } from '../../policy/suite/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('prices', () => {
  it('finds a model by name or by its dated snapshot, the longest entry first', () => {
    expect(priceOf('gpt-4o', DEFAULT_PRICES)).toEqual({ input: 2.5, output: 10 });
    expect(priceOf('gpt-4o-2024-08-06', DEFAULT_PRICES)).toEqual({ input: 2.5, output: 10 });
    expect(priceOf('gpt-4o-mini-2024-07-18', DEFAULT_PRICES)).toEqual({ input: 0.15, output: 0.6 });
    expect(priceOf('openai/gpt-4.1-mini', DEFAULT_PRICES)).toEqual({ input: 0.4, output: 1.6 });
    expect(priceOf('qwen2.5-coder:32b', DEFAULT_PRICES)).toBeNull();
    expect(costUsd({ input: 2.5, output: 10 }, 1_000_000, 100_000)).toBeCloseTo(3.5, 9);
  });

  it('reads a price file and names what is wrong in one line', () => {
    const dir = tempDir('prices');
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ 'qwen2.5-coder:32b': { input: 0, output: 0.5 } }));
    expect(readPriceFile(good)).toEqual({ 'qwen2.5-coder:32b': { input: 0, output: 0.5 } });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ m: { input: -1, output: 1 } }));
    expect(() => readPriceFile(bad)).toThrow(/bad\.json: m\.input: .*expected \{ "model"/);
    writeFileSync(bad, JSON.stringify({ m: { input: 1, output: 1, cached: 2 } }));
    expect(() => readPriceFile(bad)).toThrow(/bad\.json: m: /);
    writeFileSync(bad, '{ nope');
    expect(() => readPriceFile(bad)).toThrow(/bad\.json is not JSON/);
    expect(() => readPriceFile(join(dir, 'missing.json'))).toThrow(/cannot read .*missing\.json: ENOENT/);
  });

  it('counts code tokens at the code model price and monitor tokens at the vision model price', () => {
    const line = (model: string, tin: number, tout: number, monitor: [number, number]): ResultLine =>
      ({
        model,
        tokensIn: tin,
        tokensOut: tout,
        settings: { vlmModel: 'gpt-4o' },
        attempts: [{ monitorTokensIn: monitor[0], monitorTokensOut: monitor[1] }],
      }) as unknown as ResultLine;
    const lines = [line('gpt-4o-mini', 1_000_000, 0, [0, 0]), line('gpt-4o-mini', 1_000_000, 1_000_000, [1_000_000, 0])];
    const cost = summarizeCost(lines, { table: DEFAULT_PRICES, source: 'defaults' })!;
    // 0.15 + (0.6 code out) + 2.5 monitor in
    expect(cost.totalUsd).toBeCloseTo(0.15 + 0.6 + 2.5, 6);
    expect(cost.perEpisodeUsd).toBeCloseTo((0.15 + 0.6 + 2.5) / 2, 6);
    expect(Object.keys(cost.prices).sort()).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(cost.unpriced).toEqual([]);
    const local = summarizeCost([line('llama3', 10, 10, [0, 0])], { table: DEFAULT_PRICES, source: 'defaults' })!;
    expect(local).toMatchObject({ totalUsd: 0, unpriced: ['llama3'], prices: {} });
    // Per group: unknown, not free.
    expect(summarizeGroup([line('llama3', 10, 10, [0, 0])], 0, undefined, DEFAULT_PRICES).costUsdPerEpisode).toBeUndefined();
    expect(summarizeGroup(lines, 0, undefined, DEFAULT_PRICES).costUsdPerEpisode).toBeCloseTo((0.15 + 0.6 + 2.5) / 2, 6);
    expect(summarizeCost([line('rules', 0, 0, [0, 0])], { table: DEFAULT_PRICES, source: 'd' })).toBeUndefined();
  });
});
