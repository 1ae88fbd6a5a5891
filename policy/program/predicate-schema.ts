// The JSON predicate (docs/architecture.md#predicates) for `subgoal(…, { expect })`. Validity is sim's
// PredicateSchema (the one the world evaluates); sim's structural walk
// (predicateFaults, with bounds for untrusted input) is worded here as one sentence
// ("on: expected [object id, object id or "table"]") for the ArgumentError. Which ids
// exist is checked against the world by the API (api.ts).

import { z } from 'zod';
import {
  PREDICATE_FORMS, PREDICATE_KINDS, PredicateSchema as SimPredicateSchema, predicateFaults, predicateObjectIds,
  type Predicate, type PredicateFormLimits, type PredicatePath,
} from '../../sim/index.ts';

/** Bounds on a program's predicate, beyond which it is reported as malformed. */
const LIMITS: PredicateFormLimits = { maxIdLength: 100, maxListLength: 64, maxDepth: 16, maxFaults: 1 };

/** `['all', 1, 'on']` → `all[1].on`. */
const pathText = (path: PredicatePath): string =>
  path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');

/** The first structural problem of `value` as a predicate, or null when it is well formed. */
export function predicateProblem(value: unknown): string | null {
  const f = predicateFaults(value, LIMITS)[0];
  if (!f) return null;
  const path = pathText(f.path);
  const at = path ? `${path}: ` : '';
  const kinds = PREDICATE_KINDS.join(', ');
  switch (f.fault) {
    case 'too-deep': return `${at}predicate nested too deeply`;
    case 'missing': case 'not-object': return `${at}expected a predicate, an object with one key of ${kinds}`;
    case 'key-count': return `${at}expected exactly one key of ${kinds} (got ${f.keys.length ? f.keys.join(', ') : 'none'}); combine several with all`;
    case 'unknown-kind': return `${at}unknown predicate '${f.key}'; expected one of ${kinds}`;
    case 'arguments': return `${path}: expected ${PREDICATE_FORMS[f.kind]}`;
  }
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
