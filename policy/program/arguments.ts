// Argument schemas of the program API and the checker that turns a bad argument into
// one ArgumentError sentence: "pick: argument 1 (id) must be a string object id, got
// number 42". Each schema carries its own name, short type and expectation (in
// `argRegistry`), so the docs, the prompt and the messages all read the same words.

import { z } from 'zod';
import { PolicyError, PredicateSchema, issueText } from '../../sim/index.ts';

export interface ArgMeta {
  /** Argument or option name as the docs show it: `id`, `position`, `liftHeight`. */
  name: string;
  /** Short type for signatures: `id`, `[x, y, z?]`, `'top' | 'side'`. */
  type: string;
  /** What a valid value is, completing "must be …": `a string object id`. */
  expected: string;
  /**
   * The schema's own issues say what is wrong in words (the predicate schema's do): the
   * first is appended to the message with its path, `…: all[1].on: expected …`.
   */
  explains?: boolean;
}

export const argRegistry = z.registry<ArgMeta>();

/** A value the guest passed that has no host equivalent (a function, a huge array, …). */
export class OpaqueValue {
  readonly description: string;
  constructor(description: string) {
    this.description = description;
  }
}

/** Attach name, type and expectation to a schema (the schema itself is returned). */
export function arg<T extends z.ZodType>(schema: T, name: string, type: string, expected: string, explains = false): T {
  argRegistry.add(schema, { name, type, expected, ...(explains ? { explains } : {}) });
  return schema;
}

/** Largest magnitude accepted for a coordinate (m): beyond it a value is garbage, not a far target. */
export const MAX_COORD = 100;

const coord = z.number().min(-MAX_COORD).max(MAX_COORD);
const objectIdSchema = () => z.string().min(1).max(100);

export const schemas = {
  objectId: (name = 'id') => arg(objectIdSchema(), name, 'id', 'a string object id'),
  position: (name = 'position') =>
    arg(
      z.array(coord).min(2).max(3) as unknown as z.ZodType<[number, number] | [number, number, number]>,
      name,
      '[x, y, z?]',
      `a position [x, y] or [x, y, z] of finite numbers in metres (|v| ≤ ${MAX_COORD})`,
    ),
  target: (name = 'target') =>
    arg(
      z.union([objectIdSchema(), z.array(coord).min(2).max(3)]) as unknown as z.ZodType<
        string | [number, number] | [number, number, number]
      >,
      name,
      'id | [x, y, z?]',
      `an object id or a position [x, y] or [x, y, z] in metres (|v| ≤ ${MAX_COORD})`,
    ),
  delta: (name = 'delta') =>
    arg(
      z.array(z.number().min(-10).max(10)).min(2).max(3) as unknown as z.ZodType<[number, number] | [number, number, number]>,
      name,
      '[dx, dy, dz?]',
      'an offset [dx, dy] or [dx, dy, dz] of finite numbers in metres (|v| ≤ 10)',
    ),
  direction: (name = 'direction') =>
    arg(
      z.tuple([z.number().min(-10).max(10), z.number().min(-10).max(10)]).refine(([x, y]) => Math.hypot(x, y) > 1e-9),
      name,
      '[dx, dy]',
      'a direction [dx, dy] of finite numbers, not both zero',
    ),
  offset: (name = 'offset') =>
    arg(z.tuple([z.number().min(-1).max(1), z.number().min(-1).max(1)]), name, '[dx, dy]', 'an offset [dx, dy] in metres (|v| ≤ 1)'),
  yaw: (name = 'yaw') => arg(z.number().min(-100).max(100), name, 'rad', 'an angle in radians (a finite number, |yaw| ≤ 100)'),
  metres: (name: string, min: number, max: number, what = 'a length') =>
    arg(z.number().min(min).max(max), name, 'm', `${what} in metres from ${min} to ${max}`),
  seconds: (name = 'seconds') => arg(z.number().min(0).max(600), name, 's', 'a duration in seconds from 0 to 600'),
  speed: (name = 'speed') => arg(z.number().positive().max(10), name, 'm/s', 'a speed in m/s above 0 and at most 10'),
  text: (name: string, max: number, what: string) =>
    arg(z.string().min(1).max(max), name, 'string', `${what} (a non-empty string of at most ${max} characters)`),
  oneOf: <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
    arg(z.enum(values), name, values.map((v) => `'${v}'`).join(' | '), `one of ${values.map((v) => `'${v}'`).join(', ')}`),
  /** A trailing options object; its fields are optional and unknown keys are rejected. */
  options: <S extends Record<string, z.ZodType>>(fields: S, name = 'options') => {
    const shape = Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, s.optional()])) as { [K in keyof S]: z.ZodOptional<S[K]> };
    const type = `{ ${Object.entries(fields)
      .map(([k, s]) => `${k}?: ${argRegistry.get(s)?.type ?? 'any'}`)
      .join(', ')} }`;
    return arg(z.strictObject(shape), name, type, `an options object ${type}`);
  },
  predicate: (name = 'expect') =>
    arg(z.unknown().pipe(PredicateSchema), name, 'Predicate', "a predicate such as { on: ['a', 'b'] } (see the predicate list)", true),
  any: (name = 'value') => arg(z.unknown(), name, 'any', 'any value'),
};

// ---------------------------------------------------------------- describing values

function short(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function compact(v: unknown, depth = 0): string {
  if (v instanceof OpaqueValue) return `<${v.description}>`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return String(v);
  if (depth > 3) return '…';
  if (Array.isArray(v))
    return `[${v
      .slice(0, 8)
      .map((x) => compact(x, depth + 1))
      .join(', ')}${v.length > 8 ? ', …' : ''}]`;
  const entries = Object.entries(v as Record<string, unknown>);
  return `{ ${entries
    .slice(0, 6)
    .map(([k, x]) => `${k}: ${compact(x, depth + 1)}`)
    .join(', ')}${entries.length > 6 ? ', …' : ''} }`;
}

/** "number 42", "string \"red\"", "NaN", "an array of 3 items [1, 2, 3]", "a function", … */
export function describeValue(v: unknown): string {
  if (v instanceof OpaqueValue) return v.description;
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? `number ${compact(v)}` : compact(v);
    case 'string':
      return `string ${short(JSON.stringify(v))}`;
    case 'boolean':
      return `boolean ${v}`;
    case 'object':
      if (Array.isArray(v)) return `an array of ${v.length} item${v.length === 1 ? '' : 's'} ${short(compact(v))}`;
      return `object ${short(compact(v))}`;
    default:
      return typeof v;
  }
}

/** A copy of a decoded guest value that survives JSON (NaN, functions, … become strings). */
export function toTraceValue(v: unknown, depth = 0): unknown {
  if (v instanceof OpaqueValue) return `<${v.description}>`;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (v === undefined) return null;
  if (v === null || typeof v !== 'object') return v;
  if (depth > 8) return '<deep>';
  if (Array.isArray(v)) return v.map((x) => toTraceValue(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toTraceValue(x, depth + 1);
  return out;
}

// ---------------------------------------------------------------- checking a call

interface TupleDef {
  items: z.ZodType[];
  rest: z.ZodType | null;
}

function tupleDef(schema: z.ZodType): TupleDef {
  const def = (schema as unknown as { def: { type: string; items?: z.ZodType[]; rest?: z.ZodType | null } }).def;
  if (def.type !== 'tuple' || !def.items) throw new Error('an API args schema must be a z.tuple');
  return { items: def.items, rest: def.rest ?? null };
}

export interface ParamInfo {
  meta: ArgMeta;
  optional: boolean;
  rest: boolean;
  /** For an options object: its fields, in order. */
  fields: ArgMeta[] | null;
  schema: z.ZodType;
}

const paramCache = new WeakMap<z.ZodType, ParamInfo[]>();

function unwrapOptional(s: z.ZodType): { inner: z.ZodType; optional: boolean } {
  return s instanceof z.ZodOptional ? { inner: s.unwrap() as z.ZodType, optional: true } : { inner: s, optional: false };
}

function objectFields(s: z.ZodType): ArgMeta[] | null {
  if (!(s instanceof z.ZodObject)) return null;
  return Object.entries(s.shape as Record<string, z.ZodType>).map(([key, field]) => {
    const meta = argRegistry.get(unwrapOptional(field).inner);
    return meta ? { ...meta, name: key } : { name: key, type: 'any', expected: 'any value' };
  });
}

/** The positional parameters of an API function, read from its args tuple. */
export function paramsOf(args: z.ZodType): ParamInfo[] {
  const cached = paramCache.get(args);
  if (cached) return cached;
  const { items, rest } = tupleDef(args);
  const params: ParamInfo[] = items.map((item, i) => {
    const { inner, optional } = unwrapOptional(item);
    const meta = argRegistry.get(inner) ?? { name: `arg${i + 1}`, type: 'any', expected: 'a value' };
    return { meta, optional, rest: false, fields: objectFields(inner), schema: inner };
  });
  if (rest) {
    const meta = argRegistry.get(rest) ?? { name: 'values', type: 'any', expected: 'any value' };
    params.push({ meta, optional: true, rest: true, fields: null, schema: rest });
  }
  paramCache.set(args, params);
  return params;
}

function argumentError(message: string): PolicyError {
  return new PolicyError('ArgumentError', message);
}

/** `: <path>: <what>` from a schema that explains its issues (ArgMeta.explains); '' otherwise. */
function explanation(meta: ArgMeta, error: z.ZodError): string {
  const issue = error.issues[0];
  return meta.explains && issue ? `: ${issueText(issue)}` : '';
}

/** Whether a decoded argument holds a string with a NUL character (at most 6 levels deep, as the sandbox copies). */
function holdsNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (depth > 6 || typeof v !== 'object' || v === null || v instanceof OpaqueValue) return false;
  if (Array.isArray(v)) return v.some((x) => holdsNul(x, depth + 1));
  return Object.entries(v).some(([k, x]) => k.includes('\u0000') || holdsNul(x, depth + 1));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof OpaqueValue);
}

/**
 * Check the arguments of one call against its tuple schema and return the parsed values.
 * Throws ArgumentError naming the function, the argument and what was expected.
 * `count` is how many arguments the program passed (it may exceed `raw.length` when the
 * sandbox did not copy them all).
 */
export function checkArgs(fn: string, args: z.ZodType, raw: readonly unknown[], count = raw.length): unknown[] {
  const params = paramsOf(args);
  const hasRest = params.at(-1)?.rest === true;
  const fixed = hasRest ? params.length - 1 : params.length;
  if (!hasRest && count > fixed) {
    const names = params.map((p) => p.meta.name).join(', ');
    throw argumentError(
      fixed === 0
        ? `${fn}: takes no arguments, got ${count}`
        : `${fn}: takes at most ${fixed} argument${fixed === 1 ? '' : 's'} (${names}), got ${count}`,
    );
  }
  const out: unknown[] = [];
  for (let i = 0; i < raw.length || i < fixed; i++) {
    const p = params[Math.min(i, params.length - 1)]!;
    const v = raw[i];
    const where = `${fn}: argument ${i + 1} (${p.meta.name})`;
    if (v === undefined && i >= raw.length) {
      if (p.optional) break;
      throw argumentError(`${where} must be ${p.meta.expected}, got nothing`);
    }
    if (v === undefined && p.optional && !p.rest) {
      out.push(undefined);
      continue;
    }
    // Ids and texts are compared and shown as they are: a NUL would cut them short in C
    // strings and logs, so no argument an API function reads may hold one.
    if (p.meta.type !== 'any' && holdsNul(v)) throw argumentError(`${where} contains a NUL character (\\u0000)`);
    if (p.fields) {
      if (!isPlainObject(v)) throw argumentError(`${where} must be ${p.meta.expected}, got ${describeValue(v)}`);
      const known = p.fields.map((f) => f.name);
      const unknown = Object.keys(v).filter((k) => !known.includes(k));
      if (unknown.length > 0) {
        throw argumentError(`${fn}: unknown option '${unknown[0]}' (the options are ${known.join(', ')})`);
      }
      const shape = (p.schema as z.ZodObject).shape as Record<string, z.ZodType>;
      const parsed: Record<string, unknown> = {};
      for (const f of p.fields) {
        if (v[f.name] === undefined) continue;
        const r = shape[f.name]!.safeParse(v[f.name]);
        if (!r.success) {
          throw argumentError(`${fn}: option ${f.name} must be ${f.expected}, got ${describeValue(v[f.name])}${explanation(f, r.error)}`);
        }
        parsed[f.name] = r.data;
      }
      out.push(parsed);
      continue;
    }
    const r = p.schema.safeParse(v);
    if (!r.success) throw argumentError(`${where} must be ${p.meta.expected}, got ${describeValue(v)}${explanation(p.meta, r.error)}`);
    out.push(r.data);
  }
  return out;
}
