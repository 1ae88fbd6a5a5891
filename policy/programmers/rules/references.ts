// Noun phrases → object ids (or a zone, or the table), against the scene facts the
// programmer is given: "the red block" is the red box, "the bowl" the only bowl, "the
// smallest block" the box with the least volume, "it" the thing the last clause was
// about. Ambiguity is resolved by a ranked candidate list, so a repair can take the
// next candidate when the first turned out to be the wrong object.

import type { ObjectInfo, Shape, ZoneSpec } from '../../../sim/index.ts';
import type { NounPhrase } from './grammar.ts';
import { shapesOf } from './lexicon.ts';
import type { NounClass } from './lexicon.ts';

export class UnresolvedReference extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnresolvedReference';
  }
}

export interface SceneFacts {
  objects: readonly ObjectInfo[];
  zones: readonly ZoneSpec[];
}

/** What a phrase names. */
export type Referent = { kind: 'objects'; ids: string[]; candidates: string[] } | { kind: 'zone'; zone: string } | { kind: 'table' };

/** What the clause wants the phrase to be: something to move, a container, anything. */
export type Want = 'thing' | 'container' | 'any';

export interface ResolveOptions {
  want: Want;
  /** Ids the phrase cannot name (the moved object for its own destination, "the other …"). */
  exclude?: readonly string[];
  /** What "it" / "them" / "both" stand for here. */
  pronoun?: readonly string[];
  /** Head noun of an earlier phrase, for "the red one". */
  lastNoun?: NounClass | null;
  /** Which of several candidates to take for an ambiguous singular phrase (repairs move it on). */
  choice?: number;
  /** Where notes about ambiguity go. */
  notes?: string[];
}

const CONTAINERS: readonly Shape[] = ['bowl', 'tray'];

export const volume = (o: ObjectInfo): number => o.size[0] * o.size[1] * o.size[2];

function objectList(facts: SceneFacts): string {
  return facts.objects.map((o) => o.id).join(', ') || 'none';
}

/** How many words of the phrase appear in the id ("the ball" ~ orange_ball): a tie-break for ambiguity. */
function idAffinity(np: NounPhrase, id: string): number {
  const parts = new Set(
    id
      .toLowerCase()
      .split(/[_\d]+/)
      .filter(Boolean),
  );
  return np.text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 1 && w !== 'the' && parts.has(w)).length;
}

function sizeKey(size: NonNullable<NounPhrase['size']>): (o: ObjectInfo) => number {
  switch (size) {
    case 'smallest':
      return (o) => volume(o);
    case 'largest':
      return (o) => -volume(o);
    case 'tallest':
      return (o) => -o.size[2];
    case 'shortest':
      return (o) => o.size[2];
  }
}

function matchZone(np: NounPhrase, facts: SceneFacts): ZoneSpec[] {
  let zones = facts.zones.filter((z) => np.colors.length === 0 || np.colors.includes(z.color));
  if (zones.length > 1) {
    const scored = zones.map((z) => ({ z, s: idAffinity(np, z.id) }));
    const best = Math.max(...scored.map((x) => x.s));
    zones = scored.filter((x) => x.s === best).map((x) => x.z);
  }
  return zones;
}

/** Resolve one noun phrase. Throws UnresolvedReference naming the phrase when nothing matches. */
export function resolveNp(np: NounPhrase, facts: SceneFacts, opts: ResolveOptions): Referent {
  const exclude = new Set(opts.exclude ?? []);
  if (np.kind === 'table') return { kind: 'table' };
  if (np.kind === 'id') {
    const id = np.id!;
    if (facts.objects.some((o) => o.id === id)) return { kind: 'objects', ids: [id], candidates: [id] };
    if (facts.zones.some((z) => z.id === id)) return { kind: 'zone', zone: id };
    throw new UnresolvedReference(`no object matches '${np.text}' (objects: ${objectList(facts)})`);
  }
  if (np.kind === 'pronoun' && np.pronoun !== 'one') {
    const list = np.list;
    if (list) {
      const ids = list.flatMap((item) => {
        const r = resolveNp(item, facts, { ...opts, want: 'thing' });
        return r.kind === 'objects' ? r.ids : [];
      });
      return { kind: 'objects', ids, candidates: ids };
    }
    const ids = (opts.pronoun ?? []).filter((id) => !exclude.has(id));
    if (ids.length === 0) throw new UnresolvedReference(`cannot tell what '${np.text}' refers to: nothing was named before it`);
    const chosen = np.pronoun === 'it' ? [ids[0]!] : ids;
    return { kind: 'objects', ids: chosen, candidates: chosen };
  }

  const noun = np.noun ?? (np.pronoun === 'one' ? (opts.lastNoun ?? null) : null);
  if (noun === 'zone') {
    const zones = matchZone(np, facts);
    if (zones.length === 0) {
      throw new UnresolvedReference(`no zone matches '${np.text}' (zones: ${facts.zones.map((z) => z.id).join(', ') || 'none'})`);
    }
    if (zones.length > 1) opts.notes?.push(`'${np.text}' could be ${zones.map((z) => z.id).join(' or ')}; chose ${zones[0]!.id}`);
    return { kind: 'zone', zone: zones[0]!.id };
  }

  const shapes = noun === null ? null : shapesOf(noun, opts.want === 'container');
  let found = facts.objects.filter((o) => {
    if (exclude.has(o.id)) return false;
    if (np.colors.length > 0 && !np.colors.includes(o.color)) return false;
    if (shapes !== null) return shapes.includes(o.shape);
    // "object", "thing", or an adjective alone: anything graspable, or a container when one is wanted.
    if (opts.want === 'thing') return !CONTAINERS.includes(o.shape);
    if (opts.want === 'container') return CONTAINERS.includes(o.shape);
    return true;
  });
  // "the box" as a container: a tray when there is one, else a block.
  if (noun === 'box' && opts.want === 'container') {
    const trays = found.filter((o) => o.shape === 'tray');
    if (trays.length > 0) found = trays;
  }
  if (found.length === 0 && noun !== null) {
    // A noun of another shape's class that the object's id spells out ("the brown crate"
    // made as a box, "brown_crate"): the id says what it is called.
    found = facts.objects.filter(
      (o) => !exclude.has(o.id) && (np.colors.length === 0 || np.colors.includes(o.color)) && idAffinity(np, o.id) > np.colors.length,
    );
  }
  if (found.length === 0) {
    // A colour with no object may name a zone ("push it into the green").
    if (np.colors.length > 0 && noun === null && opts.want !== 'thing') {
      const zones = matchZone(np, facts);
      if (zones.length === 1) return { kind: 'zone', zone: zones[0]!.id };
    }
    throw new UnresolvedReference(`no object matches '${np.text}' (objects: ${objectList(facts)})`);
  }

  if (np.size) {
    const key = sizeKey(np.size);
    found = [...found].sort((a, b) => key(a) - key(b));
  } else {
    found = [...found].sort((a, b) => idAffinity(np, b.id) - idAffinity(np, a.id));
  }
  let ids = found.map((o) => o.id);
  if (np.count !== undefined) {
    if (ids.length < np.count) {
      throw new UnresolvedReference(`'${np.text}' names ${np.count} objects but ${ids.length} match (${ids.join(', ') || 'none'})`);
    }
    if (ids.length > np.count) {
      if (!np.size)
        opts.notes?.push(`'${np.text}' could be any ${np.count} of ${ids.join(', ')}; chose ${ids.slice(0, np.count).join(', ')}`);
      ids = ids.slice(0, np.count);
    }
  }
  if (np.plural || np.quantifier) return { kind: 'objects', ids, candidates: ids };
  const choice = Math.min(opts.choice ?? 0, ids.length - 1);
  if (ids.length > 1 && !np.size) {
    opts.notes?.push(`'${np.text}' could be ${ids.join(', ')}; chose ${ids[choice]}`);
  }
  return { kind: 'objects', ids: [ids[choice]!], candidates: ids };
}
