// The step actions of a program's text with their literal options: what distillation
// compares between a program and its corrected version. `pick('white_bottle', { approach:
// 'side' })` → { skill: 'pick', id: 'white_bottle', options: { approach: 'side' } }. A
// `place` acts on what the program last picked. Only literal values are read (strings,
// numbers, booleans, arrays of numbers); an option computed by an expression is left out.
// The text is never run: programs are untrusted and run only in the sandbox.

import type { KnowledgeSkill } from './types.ts';

export interface StepCall {
  skill: KnowledgeSkill;
  /** pick, push: the object acted on; place: the object held (the last picked), null when unknown. */
  id: string | null;
  /** place: the target argument's text (`'blue_bowl'`, `[0.1, 0.2]`). */
  target: string | null;
  /** The options with literal values. */
  options: Record<string, unknown>;
  /** push: the distance argument when it is a literal number (m). */
  distance?: number;
  /** 1-based line and the call's text. */
  line: number;
  text: string;
}

const CALL = /\b(pick|place|push|pickAt)\s*\(/g;

function stripComments(program: string): string {
  // Keep the length (and so line numbers): comments become spaces.
  return program.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** The argument text of a call starting after its '(' — up to the matching ')', split at top-level commas. */
function callArgs(text: string, from: number): { args: string[]; end: number } | null {
  let depth = 0;
  let quote: string | null = null;
  let start = from;
  const args: string[] = [];
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) {
        if (c !== ')') return null;
        const last = text.slice(start, i).trim();
        if (last.length > 0 || args.length > 0) args.push(last);
        return { args, end: i };
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return null;
}

const STRING = /^(['"`])((?:(?!\1)[^\\]|\\.)*)\1$/;

/** A literal value, or undefined when the text is not one. */
export function literalValue(text: string): unknown {
  const t = text.trim();
  const s = STRING.exec(t);
  if (s) return s[2]!.includes('${') ? undefined : s[2]!.replace(/\\(.)/g, '$1');
  if (/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t.startsWith('[') && t.endsWith(']')) {
    const inner = callArgs(`${t.slice(1, -1)})`, 0);
    if (!inner) return undefined;
    const vals = inner.args.map(literalValue);
    return vals.every((v) => typeof v === 'number') ? vals : undefined;
  }
  return undefined;
}

/** `{ a: 1, b: 'x' }` → the keys with literal values; null when the text is not an object literal. */
export function literalOptions(text: string): Record<string, unknown> | null {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return null;
  const inner = callArgs(`${t.slice(1, -1)})`, 0);
  if (!inner) return null;
  const out: Record<string, unknown> = {};
  for (const prop of inner.args) {
    if (prop === '') continue;
    const m = /^(?:(['"])(\w+)\1|(\w+))\s*:\s*([\s\S]+)$/.exec(prop);
    if (!m) continue;
    const v = literalValue(m[4]!);
    if (v !== undefined) out[m[2] ?? m[3]!] = v;
  }
  return out;
}

/** The pick/place/push calls of a program, in text order. */
export function stepCalls(program: string): StepCall[] {
  const text = stripComments(program);
  const out: StepCall[] = [];
  let held: string | null = null;
  for (const m of text.matchAll(CALL)) {
    if (/\bfunction\s+$/.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const parsed = callArgs(text, m.index + m[0].length);
    if (!parsed) continue;
    const line = text.slice(0, m.index).split('\n').length;
    const callText = text.slice(m.index, parsed.end + 1).replace(/\s+/g, ' ');
    const first = parsed.args[0] !== undefined ? literalValue(parsed.args[0]) : undefined;
    const name = m[1]!;
    if (name === 'pick' || name === 'pickAt') {
      const id = typeof first === 'string' ? first : null;
      held = id;
      const options = name === 'pick' && parsed.args[1] !== undefined ? (literalOptions(parsed.args[1]) ?? {}) : {};
      out.push({ skill: 'pick', id, target: null, options, line, text: callText });
    } else if (name === 'place') {
      const options = parsed.args[1] !== undefined ? (literalOptions(parsed.args[1]) ?? {}) : {};
      out.push({ skill: 'place', id: held, target: parsed.args[0] ?? null, options, line, text: callText });
    } else {
      const id = typeof first === 'string' ? first : null;
      const options = parsed.args[3] !== undefined ? (literalOptions(parsed.args[3]) ?? {}) : {};
      const distance = parsed.args[2] !== undefined ? literalValue(parsed.args[2]) : undefined;
      out.push({ skill: 'push', id, target: null, options, line, text: callText, ...(typeof distance === 'number' && { distance }) });
    }
  }
  return out;
}
