import { readFileSync } from 'node:fs';
import { encode } from 'gpt-tokenizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_DOCS_PATH, API_NAMES, loadQuickJS, renderApiMarkdown, renderApiPrompt, runAttemptSync } from '../../policy/program/index.ts';
import type { LogEvent } from '../../sim/index.ts';
import { BUILTINS } from './builtins.ts';
import { FakeWorld } from './fake-world.ts';

beforeAll(async () => {
  await loadQuickJS();
});

/** Names of the functions a program actually finds bound in the sandbox (besides the built-ins). */
function boundFunctions(): string[] {
  const program = `log(JSON.stringify(Object.getOwnPropertyNames(globalThis).filter((n) => typeof globalThis[n] === 'function')))`;
  const out = runAttemptSync({ world: new FakeWorld(), program });
  const names = JSON.parse((out.trace.events[0] as LogEvent).message) as string[];
  return names.filter((n) => !BUILTINS.includes(n)).sort();
}

describe('docs and prompt are generated from the one declaration', () => {
  it('docs/api.md is up to date (regenerate: npx tsx policy/program/write-api-docs.ts)', () => {
    expect(readFileSync(API_DOCS_PATH, 'utf8')).toBe(renderApiMarkdown());
  });

  it('the prompt lists exactly the functions bound in the sandbox', () => {
    const listed = [...renderApiPrompt().matchAll(/^(\w+)\(/gm)].map((m) => m[1]!).sort();
    expect(listed).toEqual(boundFunctions());
    expect(listed).toEqual([...API_NAMES].sort());
  });

  it('the docs document every bound function', () => {
    const documented = [...renderApiMarkdown().matchAll(/^### `(\w+)\(/gm)].map((m) => m[1]!).sort();
    expect(documented).toEqual(boundFunctions());
  });

  it('the prompt section stays compact (one line per function, about 600 tokens)', () => {
    const prompt = renderApiPrompt();
    expect(encode(prompt).length).toBeLessThan(720);
    for (const name of API_NAMES) expect(prompt.split('\n').filter((l) => l.startsWith(`${name}(`))).toHaveLength(1);
  });
});
