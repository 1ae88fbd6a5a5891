// Structured output: one zod schema is both what the model is asked to
// produce (as JSON schema) and what validates its reply.
import { z } from 'zod';
import { ModelError, oneLine } from './chat-model.ts';

export type JsonSchema = Record<string, unknown>;

export interface WireSchema {
  name: string;
  schema: JsonSchema;
  /**
   * OpenAI's strict mode accepts only schemas whose objects list every property as
   * required and forbid extra ones; anything else is sent non-strict (and still
   * validated here).
   */
  strict: boolean;
}

/** OpenAI schema names: `^[a-zA-Z0-9_-]{1,64}$`. */
export function schemaName(name: string | undefined): string {
  const cleaned = (name ?? 'response').replace(/[^a-zA-Z0-9_-]+/g, '_').slice(0, 64);
  return cleaned.length > 0 ? cleaned : 'response';
}

export function wireSchema(schema: z.ZodType, name: string | undefined): WireSchema {
  const json = z.toJSONSchema(schema) as JsonSchema;
  delete json.$schema;
  return { name: schemaName(name), schema: json, strict: isStrictCompatible(json) };
}

function isStrictCompatible(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(isStrictCompatible);
  if (node === null || typeof node !== 'object') return true;
  const record = node as Record<string, unknown>;
  if (record.type === 'object' || record.properties !== undefined) {
    const properties = Object.keys((record.properties as object | undefined) ?? {});
    const required = new Set((record.required as string[] | undefined) ?? []);
    if (record.additionalProperties !== false) return false;
    if (!properties.every((key) => required.has(key))) return false;
  }
  return Object.values(record).every(isStrictCompatible);
}

/** The prompt-side request for JSON, used when the server cannot take `response_format`. */
export function jsonInstruction(wire: WireSchema): string {
  return (
    `Reply with a single JSON object only — no prose, no code fence — named "${wire.name}" ` +
    `and matching this JSON schema:\n${JSON.stringify(wire.schema)}`
  );
}

/**
 * The first JSON value in a reply: the whole text, else a ```json fence, else the
 * first balanced `{…}` or `[…]` that parses. `undefined` when there is none.
 */
export function extractJson(text: string): { value: unknown } | undefined {
  const trimmed = text.trim();
  const whole = tryParse(trimmed);
  if (whole) return whole;
  const fence = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(trimmed);
  if (fence) {
    const fenced = tryParse(fence[1]!.trim());
    if (fenced) return fenced;
  }
  for (let start = 0; start < trimmed.length; start++) {
    const ch = trimmed[start];
    if (ch !== '{' && ch !== '[') continue;
    const end = matchingClose(trimmed, start);
    if (end < 0) continue;
    const found = tryParse(trimmed.slice(start, end + 1));
    if (found) return found;
  }
  return undefined;
}

function tryParse(text: string): { value: unknown } | undefined {
  if (text.length === 0) return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Index of the bracket closing the one at `start`, skipping strings; -1 if unbalanced. */
function matchingClose(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') stack.push('}');
    else if (ch === '[') stack.push(']');
    else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** Validates a JSON value against the schema; a mismatch is a one-line 'bad-response'. */
export function validateStructured<T>(schema: z.ZodType<T>, name: string, value: unknown, text: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ModelError(
    'bad-response',
    `the model's ${name} does not match its schema: ${describeIssues(result.error.issues)} (reply: ${snippet(text)})`,
  );
}

/** Extracts and validates; no JSON at all is a 'bad-response' too. */
export function parseStructured<T>(schema: z.ZodType<T>, name: string, text: string): T {
  const json = extractJson(text);
  if (!json) throw new ModelError('bad-response', `the model's ${name} is not JSON (reply: ${snippet(text)})`);
  return validateStructured(schema, name, json.value, text);
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${path.length > 0 ? path : '(root)'}: ${issue.message}`;
  });
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
  return oneLine(shown.join('; ') + more);
}

export function snippet(text: string, max = 80): string {
  const flat = oneLine(text);
  if (flat.length === 0) return 'empty';
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}
