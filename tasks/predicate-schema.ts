// A task's `success` predicate (DESIGN §5): sim's PredicateSchema is the definition;
// before it runs, a structural check gives one precise message per problem, e.g.
// `success.all[1].on: expected [object id, object id]` (a zod union alone can only say
// "Invalid input"). Which ids exist is checked later, against the scene (task-file.ts).

import { z } from 'zod';
import { PredicateSchema as SimPredicateSchema } from '../sim/index.ts';
import type { Predicate } from '../sim/index.ts';
import { closestNames } from './closest-names.ts';

export const PREDICATE_KINDS = [
  'grasped', 'on', 'inside', 'above', 'near', 'upright', 'onTable', 'unmoved', 'inZone', 'ordered',
  'all', 'any', 'not',
] as const;

export interface PredicateIssue {
  path: (string | number)[];
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPoint = (v: unknown): boolean => Array.isArray(v) && (v.length === 2 || v.length === 3) && v.every(isNum);

const EXPECTED_ARGS: Record<(typeof PREDICATE_KINDS)[number], string> = {
  grasped: 'an object id',
  upright: 'an object id',
  onTable: 'an object id',
  on: '[object id, object id or "table"]',
  inside: '[object id, container id]',
  inZone: '[object id, zone id]',
  above: '[object id, height in metres >= 0]',
  unmoved: '[object id, tolerance in metres > 0]',
  near: '[object id, object id or [x, y] or [x, y, z], distance in metres > 0]',
  ordered: '{ "ids": [2 or more object ids], "axis": "x" or "y" }',
  all: 'a non-empty array of predicates',
  any: 'a non-empty array of predicates',
  not: 'a predicate',
};

function argsOk(kind: (typeof PREDICATE_KINDS)[number], a: unknown): boolean {
  const pair = (n: number) => Array.isArray(a) && a.length === n;
  switch (kind) {
    case 'grasped':
    case 'upright':
    case 'onTable':
      return isId(a);
    case 'on':
    case 'inside':
    case 'inZone':
      return pair(2) && isId((a as unknown[])[0]) && isId((a as unknown[])[1]);
    case 'above': {
      const v = a as unknown[];
      return pair(2) && isId(v[0]) && isNum(v[1]) && v[1] >= 0;
    }
    case 'unmoved': {
      const v = a as unknown[];
      return pair(2) && isId(v[0]) && isNum(v[1]) && v[1] > 0;
    }
    case 'near': {
      const v = a as unknown[];
      return pair(3) && isId(v[0]) && (isId(v[1]) || isPoint(v[1])) && isNum(v[2]) && v[2] > 0;
    }
    case 'ordered': {
      if (!isObject(a) || Object.keys(a).some((k) => k !== 'ids' && k !== 'axis')) return false;
      return Array.isArray(a.ids) && a.ids.length >= 2 && a.ids.every(isId) && (a.axis === 'x' || a.axis === 'y');
    }
    default:
      return true;
  }
}

/** Every structural problem of `value` as a predicate; [] when it is well formed. */
export function checkPredicate(value: unknown, path: (string | number)[] = []): PredicateIssue[] {
  const kinds = PREDICATE_KINDS.join(', ');
  if (value === undefined) return [{ path, message: `missing: expected a predicate, an object with one key of ${kinds}` }];
  if (!isObject(value)) return [{ path, message: `expected a predicate, an object with one key of ${kinds}` }];
  const keys = Object.keys(value);
  if (keys.length !== 1) {
    return [{ path, message: `expected a predicate with exactly one key of ${kinds} (got ${keys.length ? keys.join(', ') : 'none'}); combine several with "all"` }];
  }
  const key = keys[0]!;
  if (!(PREDICATE_KINDS as readonly string[]).includes(key)) {
    const near = closestNames(key, PREDICATE_KINDS, 1);
    return [{ path, message: `unknown predicate "${key}"${near.length ? ` (did you mean "${near[0]}"?)` : ''}; expected one of ${kinds}` }];
  }
  const kind = key as (typeof PREDICATE_KINDS)[number];
  const arg = value[kind];
  const here = [...path, kind];
  if (kind === 'all' || kind === 'any') {
    if (!Array.isArray(arg) || arg.length === 0) return [{ path: here, message: `expected ${EXPECTED_ARGS[kind]}` }];
    return arg.flatMap((p, i) => checkPredicate(p, [...here, i]));
  }
  if (kind === 'not') return checkPredicate(arg, here);
  return argsOk(kind, arg) ? [] : [{ path: here, message: `expected ${EXPECTED_ARGS[kind]}` }];
}

/** Object ids a predicate names, with the JSON path of each mention (for cross-checks). */
export function predicateRefs(p: Predicate, path: (string | number)[] = []): { kind: 'object' | 'zone' | 'container'; id: string; path: (string | number)[] }[] {
  const out: { kind: 'object' | 'zone' | 'container'; id: string; path: (string | number)[] }[] = [];
  const obj = (id: string, at: (string | number)[]) => out.push({ kind: 'object', id, path: at });
  if ('grasped' in p) obj(p.grasped, [...path, 'grasped']);
  else if ('upright' in p) obj(p.upright, [...path, 'upright']);
  else if ('onTable' in p) obj(p.onTable, [...path, 'onTable']);
  else if ('on' in p) p.on.forEach((id, i) => i === 1 && id === 'table' ? undefined : obj(id, [...path, 'on', i]));
  else if ('inside' in p) {
    obj(p.inside[0], [...path, 'inside', 0]);
    out.push({ kind: 'container', id: p.inside[1], path: [...path, 'inside', 1] });
  } else if ('inZone' in p) {
    obj(p.inZone[0], [...path, 'inZone', 0]);
    out.push({ kind: 'zone', id: p.inZone[1], path: [...path, 'inZone', 1] });
  } else if ('above' in p) obj(p.above[0], [...path, 'above', 0]);
  else if ('unmoved' in p) obj(p.unmoved[0], [...path, 'unmoved', 0]);
  else if ('near' in p) {
    obj(p.near[0], [...path, 'near', 0]);
    if (typeof p.near[1] === 'string') obj(p.near[1], [...path, 'near', 1]);
  } else if ('ordered' in p) p.ordered.ids.forEach((id, i) => obj(id, [...path, 'ordered', 'ids', i]));
  else if ('all' in p) p.all.forEach((q, i) => out.push(...predicateRefs(q, [...path, 'all', i])));
  else if ('any' in p) p.any.forEach((q, i) => out.push(...predicateRefs(q, [...path, 'any', i])));
  else if ('not' in p) out.push(...predicateRefs(p.not, [...path, 'not']));
  return out;
}

/** sim's PredicateSchema, preceded by the check above for messages a person can act on. */
export const TaskPredicateSchema: z.ZodType<Predicate> = z
  .unknown()
  .superRefine((value, ctx) => {
    for (const issue of checkPredicate(value)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .pipe(SimPredicateSchema) as unknown as z.ZodType<Predicate>;
