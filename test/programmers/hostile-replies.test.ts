// Model output that used to crash the host (issue 15): a reply holding a 100,000-deep
// literal overflowed the stack in the programmer's syntax check, and a 30 MB error name
// overflowed the repair prompt's token counter — both exit 3. Now the deep program is a
// draft error ("the program is nested too deeply …") and the error text is capped before
// it reaches records and prompts. Against the real OpenAI-protocol test server, the real
// sandbox and world, and the built command line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countTokens, createChatModel } from '../../llm/index.ts';
import { runEpisode } from '../../policy/loop/index.ts';
import { LlmProgrammer } from '../../policy/programmers/index.ts';
import { extractProgram, loadSyntaxChecker, MAX_PROGRAM_NESTING, programNesting } from '../../policy/programmers/code-extraction.ts';
import { boundText, buildRepairPrompt, promptText } from '../../policy/programmers/prompts/repair-prompt.ts';
import { getTask } from '../../tasks/index.ts';
import { cliAsync } from '../cli/cli-helpers.ts';
import { startOpenAIServer, type OpenAIServer, type ScriptStep } from '../helpers/openai-server.ts';
import { taskContext } from '../helpers/program-context.ts';
import { tempDir } from '../helpers/temp-dir.ts';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const fenced = (program: string): string => `1. Pick the red block\n2. Put it on the blue block\n\n\`\`\`javascript\n${program}\n\`\`\`\n`;
const DEEP = `const deep = ${'['.repeat(100_000)}${']'.repeat(100_000)};\npick('red_block');\nplace('blue_block');`;
const GOOD = "pick('red_block');\nplace('blue_block');";
/** Throws an error whose name is 30 MB (the sandbox holds it: 64 MiB). */
const HUGE_NAME = "pick('red_block');\nconst e = new Error('boom');\ne.name = 'N'.repeat(3e7);\nthrow e;";

async function llmProgrammer(script: ScriptStep[]): Promise<LlmProgrammer> {
  server = await startOpenAIServer(script);
  const model = createChatModel({
    provider: 'openai',
    baseURL: server.url,
    apiKey: 'sk-test',
    model: 'test-model',
    timeoutMs: 60_000,
    env: {},
  });
  return new LlmProgrammer(model, { provider: 'openai' });
}

describe('a reply holding a 100,000-deep literal', () => {
  it('is a draft error naming the nesting, and the syntax checker keeps working', async () => {
    const check = await loadSyntaxChecker();
    const extracted = extractProgram(fenced(DEEP), { checkSyntax: check });
    expect(extracted.program).toBe('');
    expect(extracted.error).toBe(
      `the program is nested too deeply: 100000 levels of brackets by line 1 (at most ${MAX_PROGRAM_NESTING}); write it flatter`,
    );
    // The checker itself refuses it the same way, without parsing.
    expect(check(DEEP)?.message).toMatch(/^the program is nested too deeply: 100000 levels/);
    expect(check(GOOD)).toBeNull();
    expect(check('pick(;')?.message).toMatch(/^SyntaxError/);
    // At the limit it is a program like any other.
    const atLimit = `const x = ${'['.repeat(MAX_PROGRAM_NESTING)}${']'.repeat(MAX_PROGRAM_NESTING)};\n${GOOD}`;
    expect(check(atLimit)).toBeNull();
    expect(extractProgram(fenced(atLimit), { checkSyntax: check }).program).toBe(atLimit);
  });

  it('deep chains without brackets never throw out of the checker, which still works after them', async () => {
    const check = await loadSyntaxChecker();
    for (const chain of [
      `const a = ${'!'.repeat(100_000)}1;`,
      `const b = ${'- '.repeat(100_000)}1;`,
      `const c = ${'1 ? '.repeat(50_000)}1${' : 1'.repeat(50_000)};`,
      `const d = ${'typeof '.repeat(50_000)}1;`,
      `const f = ${'() => '.repeat(50_000)}1;`,
    ]) {
      const problem = check(`${chain}\n${GOOD}`);
      // Parsed, refused by the parser, or reported as too deep: never an exception.
      if (problem) expect(problem.message).toMatch(/^(SyntaxError|InternalError|RangeError|the program is nested too deeply)/);
    }
    expect(check(GOOD)).toBeNull();
  });

  it('counts brackets outside strings, comments, regular expressions and template text', () => {
    expect(programNesting('f([{ a: (1) }]);')).toEqual({ depth: 4, line: 1 });
    expect(programNesting(`const s = '((((((('; // [[[[[[\n/* {{{{{{ */ const r = /[(((]/g;`).depth).toBe(0);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: program text holding a template literal
    expect(programNesting('const t = `(((( ${ f([1]) } ))))`;').depth).toBe(3);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: program text holding a template literal
    expect(programNesting('const t = `a ${ `b ${ [1] }` }`;').depth).toBe(3);
    expect(programNesting('x = a / (b / c);\n\nif (x) {\n  y([1]);\n}')).toEqual({ depth: 3, line: 4 });
  });

  it('through the LLM programmer and an episode: no program, the reason recorded, no crash', async () => {
    const programmer = await llmProgrammer([fenced(DEEP), fenced(GOOD)]);
    const record = await runEpisode({ task: getTask('red_on_blue'), seed: 1, programmer, monitor: 'state', maxRepairs: 1, oracle: true });
    const first = record.attempts[0]!;
    expect(first.error?.kind).toBe('NoProgramError');
    expect(first.error?.message).toMatch(/the program is nested too deeply: 100000 levels of brackets/);
    expect(record.attempts).toHaveLength(2);
    expect(record.attempts[1]!.error).toBeNull();
  });

  it('`policyloop run` ends with exit 1 and the reason, never exit 3', async () => {
    server = await startOpenAIServer(() => fenced(DEEP));
    const dir = tempDir('hostile-reply');
    const r = await cliAsync([
      'run',
      '--task',
      'red_on_blue',
      '--provider',
      'openai',
      '--base-url',
      server.url,
      '--model',
      'test-model',
      '--max-repairs',
      '1',
      '--monitor',
      'none',
      '--no-images',
      '--no-kb',
      '--out',
      join(dir, 'run'),
    ]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(`${r.stdout}\n${r.stderr}`).toMatch(/nested too deeply/);
  });
});

describe('an attempt error with a 30 MB name', () => {
  it('is capped in the record, and the repair prompt sent to the model stays small', async () => {
    const programmer = await llmProgrammer([fenced(HUGE_NAME), fenced(GOOD)]);
    const record = await runEpisode({ task: getTask('red_on_blue'), seed: 1, programmer, monitor: 'state', maxRepairs: 1, oracle: true });
    const error = record.attempts[0]!.error!;
    expect(error.kind).toBe('Error');
    expect(error.message.length).toBeLessThanOrEqual(2300);
    expect(error.message).toMatch(/boom/);
    expect(server!.requests).toHaveLength(2);
    const repair = JSON.stringify(server!.requests[1]!.body);
    expect(repair.length).toBeLessThan(100_000);
    expect(repair).toContain('boom');
  });

  it('the repair prompt builder bounds a 30 MB diagnosis and history line before counting tokens', async () => {
    const name = 'N'.repeat(30_000_000);
    const diagnosisText = `Program error: Error at line 3: ${name}: boom\nTrace around it:\n  pick('red_block')`;
    const prompt = buildRepairPrompt(
      await taskContext('red_on_blue', 1),
      {
        attempt: 1,
        program: HUGE_NAME,
        diagnosis: null,
        diagnosisText,
        verdicts: [],
        images: [],
        history: [
          {
            attempt: 0,
            origin: 'generate',
            change: 'first program (4 lines)',
            notes: [],
            kind: null,
            line: 3,
            outcome: `Error at line 3: ${name}`,
          },
          { attempt: 1, origin: 'repair', change: 'line 3 changed', notes: [], kind: null, line: 3, outcome: `Error at line 3: ${name}` },
        ],
      },
      { vision: false },
    );
    const text = promptText(prompt.messages);
    expect(text.length).toBeLessThan(60_000);
    expect(text).toContain('Trace around it:');
    expect(countTokens(text)).toBeGreaterThan(100);
  });

  it('boundText cuts long lines and long texts, keeping short ones as they are', () => {
    expect(boundText('short\ntext')).toBe('short\ntext');
    const cut = boundText(`${'x'.repeat(5000)}\nnext`);
    expect(cut).toBe(`${'x'.repeat(1999)}… (5000 characters)\nnext`);
    const many = boundText(Array.from({ length: 10_000 }, (_, i) => `line ${i} ${'y'.repeat(20)}`).join('\n'));
    expect(many.length).toBeLessThan(21_000);
    expect(many).toMatch(/\n… \(\d+ more lines omitted\) …$/);
  });

  it('the token counter counts a 30 MB run of one letter in linear time', () => {
    // BPE over one 30 MB piece is quadratic (hours); in 256-character slices it is seconds.
    expect(countTokens('x'.repeat(30_000_000))).toBe(3_750_000);
    expect(countTokens('the quick brown fox jumps over the lazy dog')).toBe(9);
  });
});

describe('the run record of the 30 MB name', () => {
  it('is written with the capped error', async () => {
    const programmer = await llmProgrammer([fenced(HUGE_NAME)]);
    const dir = tempDir('hostile-record');
    const record = await runEpisode({
      task: getTask('red_on_blue'),
      seed: 1,
      programmer,
      monitor: 'state',
      maxRepairs: 0,
      oracle: true,
      outDir: dir,
      recordImages: 'none',
    });
    expect(record.attempts[0]!.error!.message.length).toBeLessThanOrEqual(2300);
    const episode = readFileSync(join(dir, 'episode.json'), 'utf8');
    expect(episode.length).toBeLessThan(200_000);
  });
});
