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

/**
 * The stacks in the scene, each bottom first: chains of objects (not containers) whose
 * bottom rests within 1.5 cm of the top of the one below, over it.
 */
export function findTowers(facts: SceneFacts): string[][] {
  const things = facts.objects.filter((o) => !CONTAINERS.includes(o.shape));
  const above = (o: ObjectInfo): ObjectInfo | undefined =>
    things.find(
      (u) =>
        u.id !== o.id &&
        Math.abs(u.position[2] - u.size[2] / 2 - (o.position[2] + o.size[2] / 2)) < 0.015 &&
        Math.hypot(u.position[0] - o.position[0], u.position[1] - o.position[1]) < Math.max(o.size[0], o.size[1]) / 2,
    );
  const towers: string[][] = [];
  for (const base of things.filter((o) => o.position[2] - o.size[2] / 2 < 0.005)) {
    const chain = [base.id];
    let cur: ObjectInfo | undefined = above(base);
    while (cur && !chain.includes(cur.id)) {
      chain.push(cur.id);
      cur = above(cur);
    }
    if (chain.length > 1) towers.push(chain);
  }
  return towers;
}

/** The volume between the two size classes of a set (its widest gap, by ratio ≥ 1.3), or null when there is none. */
function sizeSplit(volumes: number[]): number | null {
  const v = [...volumes].sort((a, b) => a - b);
  let best = 1.3;
  let at: number | null = null;
  for (let i = 1; i < v.length; i++) {
    const r = v[i]! / Math.max(v[i - 1]!, 1e-12);
    if (r > best) {
      best = r;
      at = (v[i]! + v[i - 1]!) / 2;
    }
  }
  return at;
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
  if (np.kind === 'tower') {
    const towers = findTowers(facts).filter((t) => !t.some((id) => exclude.has(id)));
    if (towers.length === 0)
      throw new UnresolvedReference(`'${np.text}': no objects stand stacked on one another (objects: ${objectList(facts)})`);
    towers.sort((a, b) => b.length - a.length);
    if (towers.length > 1)
      opts.notes?.push(`'${np.text}' could be any of ${towers.length} stacks; chose the tallest (${towers[0]!.join(', ')})`);
    return { kind: 'objects', ids: towers[0]!, candidates: towers[0]! };
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

  if (np.size && (np.plural || np.quantifier) && np.count === undefined) {
    // "the small red blocks", "the big blocks": a size class, not one extreme. The class is
    // set among every object of the noun's kind (any colour) at the widest gap in volume.
    const kind = facts.objects.filter((o) => (shapes !== null ? shapes.includes(o.shape) : !CONTAINERS.includes(o.shape)));
    const split = sizeSplit(kind.map(volume));
    if (split === null) opts.notes?.push(`'${np.text}': every ${noun ?? 'object'} is about the same size; took them all`);
    else {
      const small = np.size === 'smallest' || np.size === 'shortest';
      found = found.filter((o) => volume(o) < split === small);
      if (found.length === 0) throw new UnresolvedReference(`no object matches '${np.text}' (objects: ${objectList(facts)})`);
    }
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
