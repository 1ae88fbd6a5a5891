// Extracting the program and plan from model replies: one case per habit of real models.
import { beforeAll, describe, expect, it } from 'vitest';
import { extractProgram, loadSyntaxChecker, NO_PROGRAM_ERROR, type SyntaxChecker } from '../../policy/programmers/index.ts';

let checkSyntax: SyntaxChecker;
beforeAll(async () => {
  checkSyntax = await loadSyntaxChecker();
});

const PICK = "subgoal('grasp the red block', { expect: { grasped: 'red_block' } });\npick('red_block');";
const PLACE = "subgoal('put it on the blue block', { expect: { on: ['red_block', 'blue_block'] } });\nplace('blue_block');";
const FULL = `${PICK}\n${PLACE}`;

const fence = (code: string, lang = 'javascript') => `\`\`\`${lang}\n${code}\n\`\`\``;

interface Case {
  name: string;
  reply: string;
  program: string;
  plan?: string[];
  note?: RegExp;
}

const CASES: Case[] = [
  { name: 'takes a ```javascript block', reply: fence(FULL), program: FULL },
  { name: 'takes a ```js block', reply: fence(FULL, 'js'), program: FULL },
  { name: 'takes an unlabelled ``` block', reply: fence(FULL, ''), program: FULL },
  { name: 'takes a ~~~ block', reply: `~~~js\n${FULL}\n~~~`, program: FULL },
  {
    name: 'reads the numbered plan and ignores prose around the block',
    reply: `Sure! Here is my plan.\n\n1. Grasp the red block\n2) **Put it on the blue block**\n\n${fence(FULL)}\n\nThis should work.`,
    program: FULL,
    plan: ['Grasp the red block', 'Put it on the blue block'],
  },
  {
    name: 'takes the last complete block when a later block is a corrected version',
    reply: `1. Grasp\n2. Place\n\n${fence(PICK)}\n\nHere is the corrected full program:\n\n${fence(FULL)}`,
    program: FULL,
    plan: ['Grasp', 'Place'],
    note: /block 2 of 2/,
  },
  {
    name: 'skips a block that does not call the API (a JSON or bash block)',
    reply: `${fence('{ "grasped": "red_block" }', 'json')}\n${fence(FULL)}\n${fence('npx policyloop run', 'bash')}`,
    program: FULL,
  },
  {
    name: 'joins blocks that are consecutive parts (a later block uses a name an earlier one declares)',
    reply: `Step 1:\n${fence(`const target = 'blue_block';\n${PICK}`)}\nStep 2:\n${fence("subgoal('place', { expect: { on: ['red_block', target] } });\nplace(target);")}`,
    program: `const target = 'blue_block';\n${PICK}\nsubgoal('place', { expect: { on: ['red_block', target] } });\nplace(target);`,
    note: /joined 2/,
  },
  {
    name: 'joins a block of helper functions with the main block',
    reply: `${fence('function grasp(id) {\n  pick(id);\n}')}\nThen:\n${fence("subgoal('grasp', { expect: { grasped: 'red_block' } });\ngrasp('red_block');")}`,
    program: "function grasp(id) {\n  pick(id);\n}\nsubgoal('grasp', { expect: { grasped: 'red_block' } });\ngrasp('red_block');",
  },
  {
    name: 'does not join two versions that declare the same names',
    reply: `${fence(`const id = 'red_block';\npick(id);`)}\nor better:\n${fence(`const id = 'red_block';\n${FULL}`)}`,
    program: `const id = 'red_block';\n${FULL}`,
  },
  {
    name: 'prefers a complete block to a later one cut off at the token limit',
    reply: `${fence(FULL)}\nA variant with a check:\n\`\`\`javascript\nsubgoal('grasp the red block', { expect: { grasped: 'red_block' } });\nif (!isGrasped('red_block')) {`,
    program: FULL,
  },
  {
    name: 'takes the code of a reply that is only code (no fence)',
    reply: `${FULL}\n`,
    program: FULL,
    note: /no code fence/,
  },
  {
    name: 'takes the code lines between prose when there is no fence',
    reply: `Here is the program:\n${FULL}\nThat should do it.`,
    program: FULL,
  },
  {
    name: 'removes import lines and await before API calls, keeping line numbers',
    reply: fence(`import { pick, place } from 'policyloop';\nawait pick('red_block');\nplace('blue_block');`),
    program: "// (import removed: the API functions are globals)\npick('red_block');\nplace('blue_block');",
  },
  {
    name: 'strips line numbers the model copied from the repair prompt',
    reply: fence(" 1| subgoal('grasp', { expect: { grasped: 'red_block' } });\n 2| pick('red_block');"),
    program: "subgoal('grasp', { expect: { grasped: 'red_block' } });\npick('red_block');",
  },
  {
    name: 'normalises CRLF line endings',
    reply: fence(FULL).replace(/\n/g, '\r\n'),
    program: FULL,
  },
];

describe('extractProgram', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const out = extractProgram(c.reply, { checkSyntax });
      expect(out.error).toBeNull();
      expect(out.program).toBe(c.program);
      expect(out.syntaxError).toBeNull();
      if (c.plan) expect(out.plan).toEqual(c.plan);
      if (c.note) expect(out.notes.join('\n')).toMatch(c.note);
    });
  }

  it.each([
    ['prose only', 'I am sorry, I cannot help with that.'],
    ['an empty reply', ''],
    ['a python block', fence("robot.pick('red_block')", 'python')],
    ['a JSON block', fence('{ "ok": true }', 'json')],
  ])('reports no program for %s', (_name, text) => {
    const out = extractProgram(text, { checkSyntax });
    expect(out).toMatchObject({ program: '', error: NO_PROGRAM_ERROR });
  });

  it('keeps a program with a syntax error and reports the error with its line', () => {
    const out = extractProgram(fence("subgoal('grasp', { expect: { grasped: 'red_block' } });\npick('red_block';"), { checkSyntax });
    expect(out.error).toBeNull();
    expect(out.program).toContain("pick('red_block';");
    expect(out.syntaxError).toEqual({ message: expect.stringMatching(/^SyntaxError: /), line: 2 });
  });

  it('checks syntax without running the code', () => {
    // Would loop forever (and throw) if it were executed.
    expect(checkSyntax('while (true) {}\nthrow new Error("ran")')).toBeNull();
    expect(checkSyntax('return 1;')).toMatchObject({ line: 1 });
  });
});

describe('extractProgram, more layouts', () => {
  it('finds unfenced code after an unrelated fenced block', async () => {
    const checkSyntax = await loadSyntaxChecker();
    const out = extractProgram(
      'The predicate:\n```json\n{ "grasped": "red_block" }\n```\nProgram:\npick(\'red_block\');\nplace(\'blue_block\');',
      { checkSyntax },
    );
    expect(out.program).toBe("pick('red_block');\nplace('blue_block');");
    expect(out.notes).toContain('the code was outside the fenced blocks');
  });
});
