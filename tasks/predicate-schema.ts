// A task's `success` predicate (docs/architecture.md#predicates): sim's PredicateSchema is the definition;
// before it runs, sim's structural walk (predicateFaults) is worded here as one message
// per problem with its JSON path, e.g. `success.all[1].on: expected [object id, object
// id or "table"]` (a zod union alone can only say "Invalid input"). Which ids exist is
// checked later, against the scene (task-file.ts).

import { z } from 'zod';
import { PREDICATE_FORMS, PREDICATE_KINDS, PredicateSchema as SimPredicateSchema, predicateFaults } from '../sim/index.ts';
import type { Predicate, PredicateFault } from '../sim/index.ts';
import { closestNames } from './closest-names.ts';

/** Re-exported from sim/ (predicate-forms.ts), where the kinds and their forms are defined. */
export { PREDICATE_KINDS };

export interface PredicateIssue {
  path: (string | number)[];
  message: string;
}

function issueOf(f: PredicateFault): PredicateIssue {
  const kinds = PREDICATE_KINDS.join(', ');
  switch (f.fault) {
    case 'missing':
      return { path: f.path, message: `missing: expected a predicate, an object with one key of ${kinds}` };
    case 'not-object':
    case 'too-deep': // no depth limit is set here
      return { path: f.path, message: `expected a predicate, an object with one key of ${kinds}` };
    case 'key-count':
      return { path: f.path, message: `expected a predicate with exactly one key of ${kinds} (got ${f.keys.length ? f.keys.join(', ') : 'none'}); combine several with "all"` };
    case 'unknown-kind': {
      const near = closestNames(f.key, PREDICATE_KINDS, 1);
      return { path: f.path, message: `unknown predicate "${f.key}"${near.length ? ` (did you mean "${near[0]}"?)` : ''}; expected one of ${kinds}` };
    }
    case 'arguments':
      return { path: f.path, message: `expected ${PREDICATE_FORMS[f.kind]}` };
  }
}

/** Every structural problem of `value` as a predicate; [] when it is well formed. */
export function checkPredicate(value: unknown, path: (string | number)[] = []): PredicateIssue[] {
  return predicateFaults(value, {}, path).map(issueOf);
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
