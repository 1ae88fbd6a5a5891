// Changes a person's plan-level correction makes to what the instruction was read as
// (correct.ts): another object for one the reading chose, another destination for an
// object, objects done first, steps added before the others. They live in the memo
// (PlanAmendments.edits) and planFor applies them between reading and planning, so
// later corrections and repairs re-plan the instruction with them.

import type { Dest, Intent } from './intents.ts';

export interface IntentEdits {
  /** Object id → the object used in its place ("no, the blue one"); a swap lists both ways. */
  replace: Record<string, string>;
  /** Moved object id → where it goes instead ("in the tray instead"). */
  dest: Record<string, Dest>;
  /** Objects whose intents come first, in this order ("do the blue one first"). */
  first: string[];
  /** Intents added before the instruction's ("first move the red block off"). */
  before: Intent[];
  /**
   * The instruction as a correction completed it, when it could not be read as given ("in a
   * corner" + "no, the top right corner" → "… in the top right corner").
   */
  instruction?: string;
}

export function emptyEdits(): IntentEdits {
  return { replace: {}, dest: {}, first: [], before: [] };
}

/** Every string of a JSON-like value mapped through `map` when it is a key of it. */
function mapIds<T>(v: T, map: Readonly<Record<string, string>>): T {
  if (typeof v === 'string') return (Object.hasOwn(map, v) ? map[v] : v) as T;
  if (Array.isArray(v)) return v.map((x) => mapIds(x, map)) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = k === 'label' || k === 'kind' ? x : mapIds(x, map);
    return out as T;
  }
  return v;
}

/** The ids an intent moves (not its destinations). */
export function movedIds(it: Intent): string[] {
  switch (it.kind) {
    case 'lift':
    case 'place':
    case 'push':
    case 'pushBy':
    case 'unstack':
      return [it.id];
    case 'stack':
    case 'gather':
    case 'lineUp':
    case 'circle':
      return [...it.ids];
    case 'grid':
      return it.rows.flat();
    case 'sort':
      return it.pairs.map((p) => p.id);
    case 'swap':
      return [...it.ids];
    case 'pyramid':
      return [...it.base, it.top];
  }
}

function withDest(it: Intent, id: string, dest: Dest): Intent[] {
  switch (it.kind) {
    case 'place':
      return it.id === id ? [{ ...it, dest }] : [it];
    case 'push':
      return it.id === id ? [{ ...it, dest }] : [it];
    case 'sort':
      if (dest.kind === 'in' && it.pairs.some((p) => p.id === id))
        return [{ ...it, pairs: it.pairs.map((p) => (p.id === id ? { ...p, container: dest.id } : p)) }];
      break;
    case 'pushBy':
      // "all the way to the right side" after "push it to the right": a push to that place.
      if (it.id === id && (dest.kind === 'area' || dest.kind === 'zone' || dest.kind === 'point')) return [{ kind: 'push', id, dest }];
      if (it.id === id) return [{ kind: 'place', id, dest, upright: false, notOn: null }];
      return [it];
    case 'lift':
    case 'unstack':
      if (it.id === id) return [{ kind: 'place', id, dest, upright: false, notOn: null }];
      return [it];
    case 'gather':
    case 'stack':
    case 'lineUp':
    case 'circle':
      if (it.ids.includes(id)) {
        const rest = it.ids.filter((x) => x !== id);
        const place: Intent = { kind: 'place', id, dest, upright: false, notOn: null };
        return rest.length > 0 ? [{ ...it, ids: rest } as Intent, place] : [place];
      }
      return [it];
    default:
      break;
  }
  return movedIds(it).includes(id) ? [it, { kind: 'place', id, dest, upright: false, notOn: null }] : [it];
}

/** The intents with a correction's edits applied: replacements, destinations, order, added steps. */
export function applyIntentEdits(intents: readonly Intent[], edits: IntentEdits | undefined): Intent[] {
  if (!edits) return [...intents];
  let out: Intent[] = intents.map((it) => mapIds(it, edits.replace));
  for (const [id, dest] of Object.entries(edits.dest)) out = out.flatMap((it) => withDest(it, id, dest));
  if (edits.first.length > 0) {
    const rank = (it: Intent): number => {
      const ids = movedIds(it);
      const r = edits.first.findIndex((f) => ids.includes(f));
      return r < 0 ? edits.first.length : r;
    };
    out = out
      .map((it) => {
        // Inside one intent of several objects (gather, sort), the first ones go first; a stack keeps its order.
        if (it.kind === 'gather') return { ...it, ids: [...it.ids].sort((a, b) => orderOf(edits.first, a) - orderOf(edits.first, b)) };
        if (it.kind === 'sort')
          return { ...it, pairs: [...it.pairs].sort((a, b) => orderOf(edits.first, a.id) - orderOf(edits.first, b.id)) };
        return it;
      })
      .map((it, i) => ({ it, i }))
      .sort((a, b) => rank(a.it) - rank(b.it) || a.i - b.i)
      .map((x) => x.it);
  }
  return [...edits.before, ...out];
}

function orderOf(first: readonly string[], id: string): number {
  const i = first.indexOf(id);
  return i < 0 ? first.length : i;
}
