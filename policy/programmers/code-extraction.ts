// Getting the program out of a model's reply. Models wrap code in prose, write several
// blocks (a draft and a fix, or a program in parts), forget the fence, or label the fence
// js / javascript / nothing. This picks the program the model meant, and the numbered
// plan it stated, without ever running the code: the syntax check compiles the text in
// a throwaway QuickJS context (`compileOnly`, nothing is evaluated) — the same parser the
// sandbox uses, so "parses here" means "parses there".
//
// Choosing among fenced blocks:
//   1. candidates are blocks in JavaScript (or unlabelled) that call the program API;
//   2. several candidates are joined when they are clearly parts of one program: a later
//      block uses a name only an earlier block declares, the first block only defines
//      helpers, or the prose labels them as consecutive parts ("Step 2", "Part 2", "next");
//      and nothing contradicts it (a name declared twice, a subgoal repeated, prose that
//      says "corrected"/"final"/"instead");
//   3. otherwise the last complete candidate wins (closed fence and parses), else the last.
//
// A program nested deeper than MAX_PROGRAM_NESTING brackets is no program (its draft error
// says so): QuickJS's parser recurses per level on the host's own stack, and a model reply
// holding a 100,000-deep literal would overflow it. The check counts brackets in one pass
// without recursion; a deep chain without brackets that still overflows the parser is
// caught, reported the same way, and the checker's QuickJS module is replaced.

import { newQuickJSWASMModule, RELEASE_SYNC, type QuickJSWASMModule } from 'quickjs-emscripten';
import { API_NAMES } from '../program/api.ts';
import { loadQuickJS, PROGRAM_FILE } from '../program/sandbox.ts';

export const NO_PROGRAM_ERROR = 'the reply contained no JavaScript program';

/** Deepest nesting of brackets — ( [ { and template `${` — a program may have. */
export const MAX_PROGRAM_NESTING = 100;

export interface SyntaxProblem {
  message: string;
  /** 1-based line in the extracted program; null if the parser did not say. */
  line: number | null;
}

/** Parse-only check of a program; null when it parses. Never runs the code. */
export type SyntaxChecker = (program: string) => SyntaxProblem | null;

export interface ExtractedProgram {
  /** The program text ('' when the reply had none). */
  program: string;
  /** The numbered plan lines the model stated, without their numbers. */
  plan: string[];
  /** Why there is no program ('' program), else null. */
  error: string | null;
  /** The program's syntax error, when a checker was given and it does not parse (the sandbox will report it too). */
  syntaxError: SyntaxProblem | null;
  /** What extraction did beyond copying one block, for the record. */
  notes: string[];
}

export interface ExtractOptions {
  checkSyntax?: SyntaxChecker;
}

interface Block {
  lang: string;
  code: string;
  /** The closing fence was there (a reply cut off at the token limit leaves it open). */
  closed: boolean;
  /** Prose between the previous block (or the start) and this one. */
  before: string;
}

const JS_LANGS = new Set(['', 'js', 'javascript', 'jsx', 'mjs', 'cjs', 'es6', 'node', 'ecmascript', 'ts', 'typescript']);
const API_CALL = new RegExp(`(?<![\\w$.])(?:${API_NAMES.map(escapeRegExp).join('|')})\\s*\\(`);
const SUBGOAL_CALL = /(?<![\w$.])subgoal\s*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
const VERSION_WORDS =
  /\b(correct(?:ed|ion)|fix(?:ed)?|revis(?:ed|ion)|updat(?:ed)|final|full|complete|instead|alternative(?:ly)?|improved|better|simpler|rewritten|version)\b/i;
const PART_WORDS =
  /\b(part|step|stage|subgoal|phase)\s*#?\s*(?:[2-9]|\d{2,}|two|three|four|five)\b|\b(next|then|continued|continuing|after that|finally)\b/i;
const MAX_PLAN_LINES = 30;

// ---------------------------------------------------------------- public

/** The program and plan in a model reply; pure apart from the optional syntax checker. */
export function extractProgram(reply: string, options: ExtractOptions = {}): ExtractedProgram {
  const text = reply.replace(/\r\n?/g, '\n');
  const { blocks } = fencedBlocks(text);
  const notes: string[] = [];
  const plan = planLines(text, blocks);

  let program = '';
  if (blocks.length > 0) {
    // Judge each candidate as it will be run: after the tidying below.
    const check = options.checkSyntax;
    program = chooseFromBlocks(blocks, check && ((code) => check(tidy(code, []))), notes);
  }
  if (program === '') {
    const bare = unfencedCode(blocks.length > 0 ? proseOnly(text) : text);
    if (bare !== '') {
      program = bare;
      notes.push(blocks.length > 0 ? 'the code was outside the fenced blocks' : 'the reply had no code fence; took the code lines');
    }
  }
  if (program === '') return { program: '', plan, error: NO_PROGRAM_ERROR, syntaxError: null, notes };

  program = tidy(program, notes);
  const deep = nestingProblem(program);
  if (deep) return { program: '', plan, error: deep.message, syntaxError: null, notes };
  const syntaxError = options.checkSyntax?.(program) ?? null;
  return { program, plan, error: null, syntaxError, notes };
}

/**
 * A parse-only checker on the sandbox's own QuickJS build (loaded once per process). A
 * parse that overflows the host's stack inside QuickJS leaves that module unusable: the
 * checker then loads a fresh one and, until it is ready, leaves programs unchecked (the
 * sandbox reports their syntax errors when they run).
 */
export async function loadSyntaxChecker(): Promise<SyntaxChecker> {
  let module: QuickJSWASMModule | null = await loadQuickJS();
  return (program) => {
    const deep = nestingProblem(program);
    if (deep) return deep;
    if (!module) return null;
    const broken = module;
    try {
      return compileOnly(broken, program);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      module = null;
      newQuickJSWASMModule(RELEASE_SYNC).then(
        (m) => (module = m),
        () => undefined, // no checker then: the sandbox still parses every program it runs
      );
      return { message: `the program is nested too deeply for the parser (${e.message})`, line: null };
    }
  };
}

/**
 * The program's deepest nesting of brackets (( [ { and template `${`), skipping strings,
 * comments, template text and regular expressions, and the line where it was first
 * reached; one pass, no recursion, whatever the input.
 */
export function programNesting(code: string): { depth: number; line: number } {
  let depth = 0;
  let max = 0;
  let maxLine = 1;
  let line = 1;
  /** For each open `{` or `${`: whether it is a template substitution (its `}` resumes the template). */
  const braces: boolean[] = [];
  /** The last significant character outside strings and comments (decides `/`: division or a regex). */
  let prev = '';
  const open = (): void => {
    depth++;
    if (depth > max) {
      max = depth;
      maxLine = line;
    }
  };
  /** Skips template text from index i (after ` or a substitution's }) to its end or the next `${`; returns the index after. */
  const templateText = (i: number): number => {
    for (; i < code.length; i++) {
      const c = code[i]!;
      if (c === '\\') i++;
      else if (c === '\n') line++;
      else if (c === '`') return i + 1;
      else if (c === '$' && code[i + 1] === '{') {
        braces.push(true);
        open();
        return i + 2;
      }
    }
    return i;
  };
  let i = 0;
  while (i < code.length) {
    const c = code[i]!;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && code[i + 1] === '/') {
      while (i < code.length && code[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      const stop = end < 0 ? code.length : end + 2;
      for (let k = i; k < stop; k++) if (code[k] === '\n') line++;
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      for (i++; i < code.length && code[i] !== c && code[i] !== '\n'; i++) if (code[i] === '\\') i++;
      i++;
      prev = 'a';
      continue;
    }
    if (c === '`') {
      i = templateText(i + 1);
      prev = 'a';
      continue;
    }
    if (c === '/' && !/[\w$)\]}]/.test(prev)) {
      // A regular expression literal: to its closing / (not inside a class), flags after.
      let inClass = false;
      for (i++; i < code.length && code[i] !== '\n'; i++) {
        const r = code[i]!;
        if (r === '\\') i++;
        else if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
      }
      i++;
      prev = 'a';
      continue;
    }
    if (c === '(' || c === '[') open();
    else if (c === '{') {
      braces.push(false);
      open();
    } else if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === '}') {
      depth = Math.max(0, depth - 1);
      if (braces.pop()) {
        i = templateText(i + 1);
        prev = 'a';
        continue;
      }
    }
    prev = c;
    i++;
  }
  return { depth: max, line: maxLine };
}

/** The draft error of a program nested deeper than MAX_PROGRAM_NESTING, else null. */
function nestingProblem(program: string): SyntaxProblem | null {
  const { depth, line } = programNesting(program);
  if (depth <= MAX_PROGRAM_NESTING) return null;
  return {
    message: `the program is nested too deeply: ${depth} levels of brackets by line ${line} (at most ${MAX_PROGRAM_NESTING}); write it flatter`,
    line,
  };
}

// ---------------------------------------------------------------- blocks

/** The fenced blocks of a reply, and the prose after the last one. */
function fencedBlocks(text: string): { blocks: Block[]; trailing: string } {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let prose: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s{0,3}(`{3,}|~{3,})\s*([\w+#-]*)[^\n`]*$/.exec(lines[i]!);
    if (!open) {
      prose.push(lines[i]!);
      continue;
    }
    const fence = open[1]!;
    const body: string[] = [];
    let closed = false;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (new RegExp(`^\\s{0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(line)) {
        closed = true;
        break;
      }
      body.push(line);
    }
    blocks.push({ lang: open[2]!.toLowerCase(), code: body.join('\n'), closed, before: prose.join('\n') });
    prose = [];
    i = j;
  }
  return { blocks, trailing: prose.join('\n') };
}

function isCandidate(b: Block): boolean {
  return JS_LANGS.has(b.lang) && API_CALL.test(b.code);
}

function chooseFromBlocks(blocks: Block[], check: SyntaxChecker | undefined, notes: string[]): string {
  const candidates = blocks.filter(isCandidate);
  if (candidates.length === 0) return '';
  if (candidates.length === 1) {
    if (blocks.length > 1) notes.push(`took the one code block of ${blocks.length} that calls the program API`);
    if (!candidates[0]!.closed) notes.push('the code block was not closed (the reply may have been cut off)');
    return candidates[0]!.code;
  }
  if (areParts(candidates)) {
    const joined = candidates.map((b) => b.code.trimEnd()).join('\n');
    if (!check || check(joined) === null) {
      notes.push(`joined ${candidates.length} code blocks that are parts of one program`);
      return joined;
    }
  }
  const complete = candidates.filter((b) => b.closed && (!check || check(b.code) === null));
  const chosen = complete.length > 0 ? complete[complete.length - 1]! : candidates[candidates.length - 1]!;
  const index = candidates.indexOf(chosen) + 1;
  notes.push(
    `took code block ${index} of ${candidates.length} that call the program API (the last ${complete.length > 0 ? 'complete one' : 'one'})`,
  );
  return chosen.code;
}

/** Whether consecutive blocks are pieces of one program rather than versions of it. */
function areParts(blocks: Block[]): boolean {
  const declared = blocks.map((b) => topLevelDeclarations(b.code));
  const seen = new Set<string>();
  for (const names of declared) {
    for (const n of names) {
      if (seen.has(n)) return false; // declared twice: a rewrite, and joining would not parse
    }
    for (const n of names) seen.add(n);
  }
  const subgoals = blocks.map((b) => subgoalTexts(b.code).map(normalise));
  const allSubgoals = subgoals.flat();
  if (new Set(allSubgoals).size !== allSubgoals.length) return false; // a subgoal repeated: versions
  if (blocks.slice(1).some((b) => VERSION_WORDS.test(lastSentences(b.before)))) return false;

  const helpersFirst = !API_CALL.test(stripDeclaredFunctions(blocks[0]!.code)) && declared[0]!.length > 0;
  const usesEarlier = blocks.slice(1).some((b, k) => {
    const earlier = new Set(declared.slice(0, k + 1).flat());
    const own = new Set(declared[k + 1]);
    return [...earlier].some((n) => !own.has(n) && new RegExp(`(?<![\\w$.])${escapeRegExp(n)}(?![\\w$])`).test(b.code));
  });
  const labelledParts = blocks.slice(1).every((b) => PART_WORDS.test(lastSentences(b.before)));
  return helpersFirst || usesEarlier || labelledParts;
}

function topLevelDeclarations(code: string): string[] {
  const names: string[] = [];
  const re = /^(?:const|let|var|function\*?|class|async\s+function)\s+([A-Za-z_$][\w$]*)/gm;
  for (const m of code.matchAll(re)) names.push(m[1]!);
  return names;
}

/** The code with top-level function bodies removed (rough: up to the matching brace). */
function stripDeclaredFunctions(code: string): string {
  let out = code;
  for (;;) {
    const m = /^(?:async\s+)?function\*?\s+[A-Za-z_$][\w$]*\s*\([^)]*\)\s*\{/m.exec(out);
    if (!m) return out;
    const end = matchingBrace(out, m.index + m[0].length - 1);
    if (end < 0) return out;
    out = out.slice(0, m.index) + out.slice(end + 1);
  }
}

function matchingBrace(code: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < code.length; i++) {
    const ch = code[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

export function subgoalTexts(code: string): string[] {
  return [...code.matchAll(SUBGOAL_CALL)].map((m) => m[2]!);
}

// ---------------------------------------------------------------- unfenced code

/** The text outside fenced blocks (for replies that put code after an unrelated block). */
function proseOnly(text: string): string {
  const { blocks, trailing } = fencedBlocks(text);
  return [...blocks.map((b) => b.before), trailing].join('\n');
}

const CODE_START =
  /^\s*(\/\/|\/\*|\*|const\s|let\s|var\s|function[\s*]|async\s|class\s|for\s*\(|while\s*\(|if\s*\(|else\b|try\b|catch\b|finally\b|do\b|switch\s*\(|return\b|throw\b|break;|continue;|[}\])]|\{\s*$)/;
const CODE_CALL = /^\s*(?:await\s+)?[A-Za-z_$][\w$.]*\s*(\(|=[^=]|\+\+|--|\+=|-=)/;

function looksLikeCode(line: string): boolean {
  if (line.trim() === '') return false;
  if (/^\s*\d+[.)]\s/.test(line)) return false; // a numbered plan line
  if (CODE_START.test(line)) return true;
  if (CODE_CALL.test(line) && /[;{}(),]\s*(\/\/.*)?$/.test(line.trimEnd())) return true;
  return false;
}

/** The span of code lines in a reply without fences: first to last line that looks like code. */
function unfencedCode(text: string): string {
  if (!API_CALL.test(text)) return '';
  const lines = text.split('\n');
  let first = -1;
  let last = -1;
  lines.forEach((line, i) => {
    if (!looksLikeCode(line)) return;
    if (first < 0) first = i;
    last = i;
  });
  if (first < 0) return '';
  const code = lines.slice(first, last + 1).join('\n');
  return API_CALL.test(code) ? code : '';
}

// ---------------------------------------------------------------- tidying

/**
 * Small, line-preserving fixes for habits the sandbox would reject: `import` lines
 * (the API is global), `export` keywords, and `await` before an API call (calls are
 * synchronous). Line numbers stay the same so the sandbox's lines match the reply.
 */
function tidy(code: string, notes: string[]): string {
  let out = code.replace(/^(?:[ \t]*\n)+/, '').replace(/\s+$/, '');
  const imports =
    /^\s*import\s[^\n]*?from\s*['"][^'"]*['"];?\s*$|^\s*import\s*['"][^'"]*['"];?\s*$|^\s*(?:const|let|var)\s*\{[^}]*\}\s*=\s*require\([^)]*\);?\s*$/gm;
  if (imports.test(out)) {
    out = out.replace(imports, '// (import removed: the API functions are globals)');
    notes.push('removed import/require lines');
  }
  const lines = out.split('\n');
  const numbered = /^\s*\d+\s*[|:]\s?/;
  if (lines.length > 1 && lines.every((l) => l.trim() === '' || numbered.test(l))) {
    out = lines.map((l) => l.replace(numbered, '')).join('\n');
    notes.push('removed line numbers copied from the prompt');
  }
  if (/^export\s+(default\s+)?/m.test(out)) {
    out = out.replace(/^export\s+(default\s+)?/gm, '');
    notes.push('removed export keywords');
  }
  const awaitApi = new RegExp(`\\bawait\\s+(?=(?:${API_NAMES.map(escapeRegExp).join('|')})\\s*\\()`, 'g');
  if (awaitApi.test(out)) {
    out = out.replace(awaitApi, '');
    notes.push('removed await before API calls (they are synchronous)');
  }
  return out;
}

// ---------------------------------------------------------------- plan

/** Numbered lines ("1. …", "2) …", "Step 3: …") of the prose, before the program where possible. */
function planLines(text: string, blocks: Block[]): string[] {
  const prose = blocks.length > 0 ? blocks.map((b) => b.before).join('\n') : text;
  const lines: string[] = [];
  for (const line of prose.split('\n')) {
    const m = /^\s*(?:[-*]\s*)?(?:\*\*)?(?:(?:step|subgoal)\s*)?(\d{1,2})\s*[.):](?:\*\*)?\s+(.+)$/i.exec(line);
    if (!m) continue;
    const item = m[2]!.replace(/\*\*/g, '').replace(/`/g, '').trim();
    if (item.length > 0) lines.push(item);
    if (lines.length >= MAX_PLAN_LINES) break;
  }
  return lines;
}

// ---------------------------------------------------------------- syntax

function compileOnly(module: QuickJSWASMModule, program: string): SyntaxProblem | null {
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(32 * 1024 * 1024);
  runtime.setMaxStackSize(256 * 1024);
  const context = runtime.newContext();
  try {
    const result = context.evalCode(program, PROGRAM_FILE, { type: 'global', compileOnly: true });
    if (!result.error) {
      result.value.dispose();
      return null;
    }
    const dumped = context.dump(result.error) as { name?: unknown; message?: unknown; lineNumber?: unknown; stack?: unknown };
    result.error.dispose();
    const name = typeof dumped?.name === 'string' ? dumped.name : 'SyntaxError';
    const message = typeof dumped?.message === 'string' ? dumped.message : String(dumped);
    let line: number | null = typeof dumped?.lineNumber === 'number' ? dumped.lineNumber : null;
    if (line === null && typeof dumped?.stack === 'string') {
      const m = new RegExp(`${escapeRegExp(PROGRAM_FILE)}:(\\d+)`).exec(dumped.stack);
      if (m) line = Number(m[1]);
    }
    return { message: `${name}: ${message}`, line };
  } finally {
    context.dispose();
    runtime.dispose();
  }
}

// ---------------------------------------------------------------- text helpers

function normalise(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function lastSentences(prose: string): string {
  const lines = prose
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return lines.slice(-2).join(' ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
