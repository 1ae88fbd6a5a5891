// The JSON predicate of DESIGN §5 for `subgoal(…, { expect })`. Validity is sim's
// PredicateSchema (the one the world evaluates); this adds one precise sentence per
// problem ("on: expected [object id, object id]") for the ArgumentError. Which ids
// exist is checked against the world by the API (policy/api.ts).

import { z } from 'zod';
import { PredicateSchema as SimPredicateSchema, predicateObjectIds, type Predicate } from '../sim/index.ts';

const KINDS = ['grasped', 'on', 'inside', 'above', 'near', 'upright', 'onTable', 'unmoved', 'inZone', 'ordered', 'all', 'any', 'not'] as const;
type Kind = (typeof KINDS)[number];

/** What each predicate kind takes (also listed in docs/api.md). */
export const PREDICATE_FORMS: Record<Kind, string> = {
  grasped: 'an object id', upright: 'an object id', onTable: 'an object id',
  on: '[object id, object id]', inside: '[object id, container id]', inZone: '[object id, zone id]',
  above: '[object id, height in metres >= 0]', unmoved: '[object id, tolerance in metres > 0]',
  near: '[object id, object id or [x, y] or [x, y, z], distance in metres > 0]',
  ordered: '{ ids: [2 or more object ids], axis: "x" or "y" }',
  all: 'a non-empty array of predicates', any: 'a non-empty array of predicates', not: 'a predicate',
};

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPoint = (v: unknown): boolean => Array.isArray(v) && (v.length === 2 || v.length === 3) && v.every(isNum);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function argOk(kind: Kind, a: unknown): boolean {
  const v = Array.isArray(a) ? a : [];
  switch (kind) {
    case 'grasped': case 'upright': case 'onTable': return isId(a);
    case 'on': case 'inside': case 'inZone': return v.length === 2 && isId(v[0]) && isId(v[1]);
    case 'above': return v.length === 2 && isId(v[0]) && isNum(v[1]) && v[1] >= 0;
    case 'unmoved': return v.length === 2 && isId(v[0]) && isNum(v[1]) && v[1] > 0;
    case 'near': return v.length === 3 && isId(v[0]) && (isId(v[1]) || isPoint(v[1])) && isNum(v[2]) && v[2] > 0;
    case 'ordered':
      return isObj(a) && Object.keys(a).every((k) => k === 'ids' || k === 'axis') && Array.isArray(a.ids)
        && a.ids.length >= 2 && a.ids.every(isId) && (a.axis === 'x' || a.axis === 'y');
    default: return true;
  }
}

/** The first structural problem of `value` as a predicate, or null when it is well formed. */
export function predicateProblem(value: unknown, path = '', depth = 0): string | null {
  const at = path ? `${path}: ` : '';
  if (depth > 16) return `${at}predicate nested too deeply`;
  if (!isObj(value)) return `${at}expected a predicate, an object with one key of ${KINDS.join(', ')}`;
  const keys = Object.keys(value);
  if (keys.length !== 1) return `${at}expected exactly one key of ${KINDS.join(', ')} (got ${keys.length ? keys.join(', ') : 'none'}); combine several with all`;
  const kind = keys[0] as Kind;
  if (!KINDS.includes(kind)) return `${at}unknown predicate '${keys[0]}'; expected one of ${KINDS.join(', ')}`;
  const a = value[kind];
  const here = path ? `${path}.${kind}` : kind;
  if (kind === 'all' || kind === 'any') {
    if (!Array.isArray(a) || a.length === 0 || a.length > 64) return `${here}: expected ${PREDICATE_FORMS[kind]}`;
    for (let i = 0; i < a.length; i++) {
      const problem = predicateProblem(a[i], `${here}[${i}]`, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (kind === 'not') return predicateProblem(a, here, depth + 1);
  return argOk(kind, a) ? null : `${here}: expected ${PREDICATE_FORMS[kind]}`;
}

export const PredicateSchema: z.ZodType<Predicate> = z.unknown().superRefine((value, ctx) => {
  if (SimPredicateSchema.safeParse(value).success) return;
  ctx.addIssue({ code: 'custom', message: predicateProblem(value) ?? 'not a valid predicate' });
}) as unknown as z.ZodType<Predicate>;

/** Ids a predicate mentions: objects (containers included; not 'table') and zones. */
export function predicateIds(p: Predicate): { objects: string[]; zones: string[] } {
  const zones: string[] = [];
  const walk = (q: Predicate): void => {
    if ('inZone' in q) zones.push(q.inZone[1]);
    else if ('all' in q) q.all.forEach(walk);
    else if ('any' in q) q.any.forEach(walk);
    else if ('not' in q) walk(q.not);
  };
  walk(p);
  return { objects: predicateObjectIds(p), zones };
}
