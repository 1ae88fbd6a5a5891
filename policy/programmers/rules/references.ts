// Noun phrases → object ids (or a zone, or the table), against the scene facts the
// programmer is given: "the red block" is the red box, "the bowl" the only bowl, "the
// smallest block" the box with the least volume, "it" the thing the last clause was
// about. Ambiguity is resolved by a ranked candidate list, so a repair can take the
// next candidate when the first turned out to be the wrong object.

import { TABLE, TABLE_REGIONS, inTableRegion, objectVolume } from '../../../sim/index.ts';
import type { ObjectInfo, Shape, TableRegionName, ZoneSpec } from '../../../sim/index.ts';
import type { NounPhrase } from './grammar.ts';
import { idParts, namesOther } from './id-names.ts';
import { DIRECTIONS, shapesOf } from './lexicon.ts';
import type { ImageSide, NounClass } from './lexicon.ts';

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
  /**
   * What "it" stands for inside this phrase's relation: the object being placed, for its
   * destination ("put the red block on the block below it"). Unset: `pronoun`.
   */
  self?: readonly string[];
  /** Head noun of an earlier phrase, for "the red one". */
  lastNoun?: NounClass | null;
  /** Ids named inside earlier phrases, most recent last: what "it" stands for when nothing was named before it. */
  named?: readonly string[];
  /** Which of several candidates to take for an ambiguous singular phrase (repairs move it on). */
  choice?: number;
  /** Where notes about ambiguity go. */
  notes?: string[];
  /**
   * Ids earlier clauses of the instruction put somewhere: a phrase said of any that fits several,
   * with no rank to choose by ("one", "two blocks", "a block"), takes the others first ("two
   * blocks in the red bowl and one in the green bowl": the one is not one of the two).
   */
  taken?: readonly string[];
}

/** The shapes things are put in or on. */
export const CONTAINERS: readonly Shape[] = ['bowl', 'tray'];

/** How much room a thing takes up, by its shape (a can or a ball is smaller than the box round it), as `ordered` by size measures it. */
export const volume = (o: ObjectInfo): number => objectVolume(o);

function objectList(facts: SceneFacts): string {
  return facts.objects.map((o) => o.id).join(', ') || 'none';
}

/** How many words of the phrase appear in the id ("the ball" ~ orange_ball): a tie-break for ambiguity. */
function idAffinity(np: NounPhrase, id: string): number {
  const parts = new Set(idParts(id).filter(Boolean));
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
 * bottom rests within 1.5 cm of the top of the one below, over it — on the table or in a
 * container.
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
  // A base stands on the table, or in a container (a stack in a bowl), on no other thing.
  const onThing = new Set(things.map((o) => above(o)?.id).filter((id) => id !== undefined));
  for (const base of things.filter((o) => o.position[2] - o.size[2] / 2 < 0.005 || !onThing.has(o.id))) {
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

/**
 * The most things whose centres lie within 5 cm of each other across `axis` (0: a column, by x;
 * 1: a row, by y): the longest line of them there is, in order along it.
 */
function longestRun(things: ObjectInfo[], axis: 0 | 1, within = 0.05): ObjectInfo[] {
  let best: ObjectInfo[] = [];
  for (const o of things) {
    const run = things.filter((u) => Math.abs(u.position[axis] - o.position[axis]) < within);
    if (run.length > best.length) best = run;
  }
  return [...best].sort((a, b) => a.position[1 - axis]! - b.position[1 - axis]!);
}

/** How far `things` spread along axis `k` (0: x, 1: y), from the lowest centre to the highest. */
export function spreadOf(things: readonly ObjectInfo[], k: 0 | 1): number {
  return Math.max(...things.map((o) => o.position[k])) - Math.min(...things.map((o) => o.position[k]));
}

/** The axis along which `things` spread most (0: x, 1: y; x on a tie). */
export function spreadAxis(things: readonly ObjectInfo[]): 0 | 1 {
  return spreadOf(things, 0) >= spreadOf(things, 1) ? 0 : 1;
}

/** `things` in order along the axis they spread most, from the low end (left or bottom). */
function alongRow(things: readonly ObjectInfo[]): { axis: 0 | 1; sorted: ObjectInfo[] } {
  const axis = spreadAxis(things);
  return { axis, sorted: [...things].sort((a, b) => a.position[axis] - b.position[axis]) };
}

/** Footprints closer than this (edge to edge) lie together in one bunch ("that cluster of blocks"). */
const CLUSTER_GAP = 0.065;

/**
 * "that bunch of blocks in the middle", "the cluster of blocks on the right": of `pool`, the
 * group lying together (footprints chained within CLUSTER_GAP) that holds most of `seeds` (those
 * where it says), every member of it, noted — a bunch reaching a little past the place is all of
 * it. `seeds` as they are when no group of two or more holds any.
 */
function clusterAround(pool: ObjectInfo[], seeds: ObjectInfo[], np: NounPhrase, opts: ResolveOptions): ObjectInfo[] {
  const radius = (o: ObjectInfo): number => Math.max(o.size[0], o.size[1]) / 2;
  const near = (a: ObjectInfo, b: ObjectInfo): boolean =>
    Math.hypot(a.position[0] - b.position[0], a.position[1] - b.position[1]) - radius(a) - radius(b) < CLUSTER_GAP;
  const group = new Map<ObjectInfo, number>();
  let groups = 0;
  for (const o of pool) {
    if (group.has(o)) continue;
    const frontier = [o];
    group.set(o, groups);
    while (frontier.length > 0) {
      const u = frontier.pop()!;
      for (const v of pool)
        if (!group.has(v) && near(u, v)) {
          group.set(v, groups);
          frontier.push(v);
        }
    }
    groups++;
  }
  const size = (g: number): number => pool.filter((o) => group.get(o) === g).length;
  const held = (g: number): number => seeds.filter((o) => group.get(o) === g).length;
  let best = -1;
  for (let g = 0; g < groups; g++)
    if (size(g) >= 2 && held(g) > 0 && (best < 0 || held(g) > held(best) || (held(g) === held(best) && size(g) > size(best)))) best = g;
  if (best < 0) return seeds;
  const members = pool.filter((o) => group.get(o) === best);
  opts.notes?.push(`"${np.text}": the ${members.length} lying together there (${members.map((o) => o.id).join(', ')})`);
  return members;
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

/** Words for a container that may be said of a bowl or of a tray. */
const LOOSE_CONTAINERS: ReadonlySet<string> = new Set([
  'basket',
  'baskets',
  'bin',
  'bins',
  'crate',
  'crates',
  'cup',
  'cups',
  'dish',
  'dishes',
  'mug',
  'mugs',
  'tub',
  'tubs',
  'bucket',
  'buckets',
  'pot',
  'pots',
  'pan',
  'pans',
  'saucer',
  'saucers',
  'platter',
  'platters',
  // ("the brown board" where no block is brown: the brown tray, a board to set things on.)
  'board',
  'boards',
]);

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
    // "take the top block off the tower": the tower still holds what is taken off it; only a tower of nothing but excluded things is none.
    const towers = findTowers(facts).filter((t) => !t.every((id) => exclude.has(id)));
    // "turn the column into a row": no stack, so the things lying in a line up the picture (a row: across it), noted.
    const lying = /\b(column|row|line)\b/.exec(np.text)?.[1]?.replace('line', 'row');
    // (A row or a line is never a stack: the things lying along it, stacked or not elsewhere.)
    if ((towers.length === 0 || lying === 'row') && lying && !np.plural) {
      const pool = facts.objects.filter((o) => !CONTAINERS.includes(o.shape) && !exclude.has(o.id));
      const axis = lying === 'column' ? 0 : 1;
      let run = longestRun(pool, axis);
      // "straighten the column": a wobbly one, its centres up to 9 cm apart across it, where no
      // three lie straight, that finds more and they spread along it at least twice as far as across.
      const wobbly = run.length >= 3 ? run : longestRun(pool, axis, 0.09);
      if (wobbly.length > run.length && wobbly.length >= 3 && spreadOf(wobbly, (1 - axis) as 0 | 1) >= 2 * spreadOf(wobbly, axis))
        run = wobbly;
      if (run.length >= 2) {
        opts.notes?.push(
          `'${np.text}': nothing is stacked; read as the ${run.length} things lying in a ${lying} (${run.map((o) => o.id).join(', ')})`,
        );
        const ids = run.map((o) => o.id);
        return { kind: 'objects', ids, candidates: ids };
      }
    }
    // "the leftmost block in that pile", "spread the heap out": nothing stacked, so the things
    // lying together in a bunch (the biggest one), noted.
    if (towers.length === 0 && /\b(pile|heap|bunch|cluster|clump)s?\b/.test(np.text) && !np.plural) {
      const pool = facts.objects.filter((o) => !CONTAINERS.includes(o.shape) && !exclude.has(o.id));
      // "the left heap", "the pile at the back": the bunch of the thing farthest that way.
      const side = /\b(left|right|top|bottom|front|back)\b/.exec(np.text)?.[1];
      const way = side === undefined ? null : side === 'top' ? [0, 1] : side === 'bottom' ? [0, -1] : DIRECTIONS[side]!;
      const along = (o: ObjectInfo): number => (way ? way[0] * o.position[0] + way[1] * o.position[1] : 0);
      const seeds = way && pool.length > 0 ? [pool.reduce((a, b) => (along(b) > along(a) ? b : a))] : pool;
      const members = clusterAround(pool, seeds, np, { ...opts, notes: [] });
      if (members.length >= 2 && members !== pool) {
        opts.notes?.push(
          `'${np.text}': nothing is stacked; read as the ${members.length} things lying together (${members.map((o) => o.id).join(', ')})`,
        );
        const ids = members.map((o) => o.id);
        return { kind: 'objects', ids, candidates: ids };
      }
    }
    if (towers.length === 0)
      throw new UnresolvedReference(`'${np.text}': no objects stand stacked on one another (objects: ${objectList(facts)})`);
    towers.sort((a, b) => b.length - a.length);
    // "the blue and yellow stack": the one those colours stand in.
    if (np.colors.length > 0 && !np.plural) {
      const colorOf = (id: string): string | undefined => facts.objects.find((o) => o.id === id)?.color;
      const fits = towers.filter((t) => np.colors.every((col) => t.some((id) => colorOf(id) === col)));
      if (fits.length === 0)
        throw new UnresolvedReference(
          `'${np.text}': no stack has ${np.colors.join(' and ')} in it (${towers.map((t) => t.join(' < ')).join('; ')})`,
        );
      if (fits.length > 1)
        opts.notes?.push(`'${np.text}' could be any of ${fits.length} stacks; chose the tallest (${fits[0]!.join(', ')})`);
      return { kind: 'objects', ids: fits[0]!, candidates: fits[0]! };
    }
    // "both towers", "all the stacks": every one of them, each bottom first.
    if (np.plural) return { kind: 'objects', ids: towers.flat(), candidates: towers.flat() };
    // "the left tower", "the stack in the middle", "the second pile from the right": by where its base stands.
    if (np.nth) {
      const base = (t: string[]): ObjectInfo => facts.objects.find((o) => o.id === t[0])!;
      const key = sideKey(np.nth.from);
      const ordered = [...towers].sort((a, b) => key(base(a)) - key(base(b)));
      const n = nthPlace(np.nth, ordered.length);
      if ((ordered.length < 2 && np.nth.n !== 1) || n > ordered.length || (np.nth.n === 0 && ordered.length % 2 === 0))
        throw new UnresolvedReference(
          `'${np.text}': there ${ordered.length === 1 ? 'is one stack' : `are ${ordered.length} stacks`} (${ordered.map((t) => t.join(' < ')).join('; ')}), so none is ${np.nth.n === 0 ? 'in the middle' : `number ${n} from the ${np.nth.from}`}`,
        );
      const pick = ordered[n - 1]!;
      return { kind: 'objects', ids: pick, candidates: pick };
    }
    // "the stack closest to the ball", "whichever stack is nearer to it": by where its base stands.
    const near = np.relation;
    if (near && (near.rel === 'closest' || near.rel === 'farthest') && near.np && towers.length > 1) {
      const r = resolveNp(near.np, facts, { want: 'any', lastNoun: null, notes: opts.notes, pronoun: opts.self ?? opts.pronoun });
      if (r.kind === 'objects') {
        const ref = facts.objects.find((o) => o.id === r.ids[0])!;
        const gap = (t: string[]): number => {
          const b = facts.objects.find((o) => o.id === t[0])!;
          return Math.hypot(b.position[0] - ref.position[0], b.position[1] - ref.position[1]);
        };
        const ordered = [...towers].filter((t) => !t.includes(ref.id)).sort((a, b) => gap(a) - gap(b));
        if (near.rel === 'farthest') ordered.reverse();
        const pick = ordered[0];
        if (pick) {
          if (ordered.length > 1 && Math.abs(gap(ordered[0]!) - gap(ordered[1]!)) < 0.01)
            opts.notes?.push(`'${np.text}': two stacks are about as far from ${ref.id}; chose ${pick.join(' < ')}`);
          return { kind: 'objects', ids: pick, candidates: pick };
        }
      }
    }
    // "the tallest stack", "the short pile": by how many stand in it (a tie is no answer).
    if (np.towerSize) {
      const pick = np.towerSize === 'tallest' ? towers[0]! : towers.at(-1)!;
      const tied = towers.filter((t) => t.length === pick.length);
      if (towers.length < 2 || tied.length > 1)
        throw new UnresolvedReference(
          `'${np.text}': ${towers.length < 2 ? 'there is one stack' : `${tied.length} stacks are ${pick.length} high`} (${towers.map((t) => t.join(' < ')).join('; ')})`,
        );
      return { kind: 'objects', ids: pick, candidates: pick };
    }
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
    // "stack them all up", "line them up" with nothing named before: every object there is to move (not the containers), noted.
    if (ids.length === 0 && (opts.pronoun ?? []).length === 0 && np.pronoun === 'them') {
      const all = facts.objects.filter((o) => !CONTAINERS.includes(o.shape) && !exclude.has(o.id)).map((o) => o.id);
      // ("those three" when there are six: not every one.)
      if (all.length >= 2 && (np.count === undefined || np.count === all.length)) {
        opts.notes?.push(`'${np.text}' with nothing named before it: read as every object that is not a container (${all.join(', ')})`);
        return { kind: 'objects', ids: all, candidates: all };
      }
    }
    // "that block", "those balls": of what was named, the ones of that kind; nothing of it named: "the block".
    if (np.noun !== null) {
      const shapes = shapesOf(np.noun, false);
      const kind = shapes === null ? ids : ids.filter((id) => shapes.includes(facts.objects.find((o) => o.id === id)?.shape ?? 'box'));
      if (kind.length === 0) return resolveNp({ ...np, kind: 'object', pronoun: undefined, quantifier: null }, facts, opts);
      return { kind: 'objects', ids: np.pronoun === 'it' ? [kind[0]!] : kind, candidates: kind };
    }
    // "the two blocks closest to the white bowl go into it": nothing was moved before, so "it" is the last thing named inside a phrase.
    const inner = np.pronoun === 'it' ? (opts.named ?? []).filter((id) => !exclude.has(id)).at(-1) : undefined;
    if (ids.length === 0 && (opts.pronoun ?? []).length === 0 && inner !== undefined) {
      opts.notes?.push(`'${np.text}' with nothing named before it: read as ${inner}, named just before`);
      return { kind: 'objects', ids: [inner], candidates: [inner] };
    }
    // "which block is nearest the yellow bowl? that one goes in it": what was named is what
    // moves, so "it" is the last thing named inside a phrase.
    if (ids.length === 0 && inner !== undefined) {
      opts.notes?.push(`'${np.text}': not ${(opts.pronoun ?? []).join(', ')}, which it moves; read as ${inner}, named just before`);
      return { kind: 'objects', ids: [inner], candidates: [inner] };
    }
    if (ids.length === 0) throw new UnresolvedReference(`cannot tell what '${np.text}' refers to: nothing was named before it`);
    const chosen = np.pronoun === 'it' ? [ids[0]!] : ids;
    return { kind: 'objects', ids: chosen, candidates: chosen };
  }

  // "the bowl with the same colour as the red block": that block's colour (or, mismatched, any other).
  if (np.colorOf) {
    const r = resolveNp(np.colorOf, facts, { want: 'any', lastNoun: opts.lastNoun, notes: opts.notes, pronoun: opts.self ?? opts.pronoun });
    if (r.kind !== 'objects') throw new UnresolvedReference(`'${np.colorOf.text}' in '${np.text}' names no object to take a colour from`);
    const color = facts.objects.find((o) => o.id === r.ids[0])!.color;
    const { colorOf: _, ...rest } = np;
    const like: NounPhrase = np.mismatchColor
      ? { ...rest, mismatchColor: false, notColors: [...(np.notColors ?? []), color] }
      : { ...rest, matchColor: false, colors: [color] };
    return resolveNp(like, facts, { ...opts, exclude: [...(opts.exclude ?? []), ...r.ids] });
  }
  // "the same bowl as the blue block": the container that holds it now.
  if (np.sameAs) {
    const r = resolveNp(np.sameAs, facts, {
      want: 'thing',
      lastNoun: opts.lastNoun,
      notes: opts.notes,
      pronoun: opts.self ?? opts.pronoun,
    });
    if (r.kind !== 'objects') throw new UnresolvedReference(`'${np.sameAs.text}' in '${np.text}' names no object`);
    const held = facts.objects.find((o) => o.id === r.ids[0])!;
    const { sameAs: _, ...rest } = np;
    const all = resolveNp({ ...rest, plural: true, same: false }, facts, { ...opts, exclude: [...(opts.exclude ?? []), held.id] });
    const ids = all.kind === 'objects' ? all.ids.filter((id) => holds(facts.objects.find((o) => o.id === id)!, held)) : [];
    if (ids.length === 0) throw new UnresolvedReference(`'${np.text}': ${held.id} is in no ${np.noun ?? 'container'}`);
    return { kind: 'objects', ids: [ids[0]!], candidates: ids };
  }
  const noun = np.noun ?? (np.pronoun === 'one' ? (opts.lastNoun ?? null) : null);
  if (noun === 'zone') {
    const zones = matchZone(np, facts);
    if (zones.length === 0) {
      const unmatched = new UnresolvedReference(
        `no zone matches '${np.text}' (zones: ${facts.zones.map((z) => z.id).join(', ') || 'none'})`,
      );
      // "the red pad", "the blue square" where the scene marks no zone: a tray of that colour (a
      // flat thing to set things on), noted. (Not "the bottom right square": a part of the table.)
      if (np.colors.length === 0 || !facts.objects.some((o) => o.shape === 'tray')) throw unmatched;
      const notes: string[] = [];
      let trays: Referent;
      try {
        trays = resolveNp({ ...np, noun: 'tray' }, facts, { ...opts, notes });
      } catch (e) {
        if (e instanceof UnresolvedReference) throw unmatched;
        throw e;
      }
      opts.notes?.push(`'${np.text}': no zone is marked; read as a tray`, ...notes);
      return trays;
    }
    if (zones.length > 1) opts.notes?.push(`'${np.text}' could be ${zones.map((z) => z.id).join(' or ')}; chose ${zones[0]!.id}`);
    return { kind: 'zone', zone: zones[0]!.id };
  }

  let shapes = noun === null ? null : shapesOf(noun, opts.want === 'container');
  // "take the cup off the saucer": a cup or a mug that is moved, where one stands like a can, is that can.
  // (Also "the left cup", "the two outside cups" said of a row of cans where there is one bowl at
  // most: which of several cups is meant, so the cups are the cans; thirty-ninth round.)
  const cup = noun === 'bowl' && /\b(cups?|mugs?)\b/i.test(np.text);
  const several =
    cup &&
    /\b(left|right|middle|front|back|outside|outer|first|second|third|last|leftmost|rightmost|two|three|both|other)\b/i.test(np.text) &&
    facts.objects.filter((o) => o.shape === 'bowl' && !exclude.has(o.id) && (np.colors.length === 0 || np.colors.includes(o.color)))
      .length < 2;
  if (cup && (opts.want === 'thing' || several)) {
    const standing = facts.objects.filter(
      (o) => o.shape === 'cylinder' && !exclude.has(o.id) && (np.colors.length === 0 || np.colors.includes(o.color)),
    );
    const moved = opts.want === 'thing';
    if (standing.length > (moved ? 0 : 1)) {
      shapes = ['cylinder'];
      opts.notes?.push(
        `'${np.text}': ${moved ? 'a cup that is moved' : 'one of several cups, and there are not several bowls'}; read as a can (${standing.map((o) => o.id).join(', ')})`,
      );
    }
  }
  let found = facts.objects.filter((o) => {
    if (exclude.has(o.id)) return false;
    if (np.colors.length > 0 && !np.colors.includes(o.color)) return false;
    if (shapes !== null) return shapes.includes(o.shape);
    // "object", "thing", or an adjective alone: anything graspable, or a container when one is wanted.
    if (opts.want === 'thing') return !CONTAINERS.includes(o.shape);
    if (opts.want === 'container') return CONTAINERS.includes(o.shape);
    return true;
  });
  // "the kettle", "the cars" where ids spell them (id-names.ts): the things whose ids do, whatever their shape.
  if (np.idWord !== undefined) {
    const word = np.idWord;
    found = facts.objects.filter(
      (o) => !exclude.has(o.id) && (np.colors.length === 0 || np.colors.includes(o.color)) && idParts(o.id).includes(word),
    );
  }
  // "the drink" where ids spell "coaster" and "remote": not those, whatever their shape, if anything else fits.
  if (np.nameWord !== undefined && np.idWord === undefined) {
    const word = np.nameWord;
    const others = found.filter((o) => !namesOther(o.id, word));
    if (others.length > 0 && others.length < found.length) {
      const named = found.filter((o) => !others.includes(o)).map((o) => o.id);
      opts.notes?.push(`'${np.text}': not ${named.join(', ')}, whose ids name another thing`);
      found = others;
    }
  }
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
  // "toss the gray block in the black basket" with a black bowl and no tray: a word for a
  // container that is loosely one kind (a basket, a bin, a crate, a cup, a dish) names the
  // one container of that colour, of the other kind (noted).
  const said = np.text
    .toLowerCase()
    .split(/[^a-z]+/)
    .find((x) => LOOSE_CONTAINERS.has(x));
  if (found.length === 0 && noun !== null && said !== undefined && np.colors.length > 0) {
    const other = facts.objects.filter((o) => !exclude.has(o.id) && CONTAINERS.includes(o.shape) && np.colors.includes(o.color));
    if (other.length === 1) {
      opts.notes?.push(`'${np.text}': no ${said} of that colour; read as ${other[0]!.id}, the only ${np.colors.join(' or ')} container`);
      found = other;
    }
  }
  // "the bin on the right", "the middle bin" said of bowls where there is no tray at all (fortieth
  // round): the containers there are, which the rest of the phrase picks from (noted).
  if (found.length === 0 && noun !== null && said !== undefined && np.colors.length === 0 && shapes !== null) {
    const kind = shapes;
    if (!facts.objects.some((o) => kind.includes(o.shape))) {
      const other = facts.objects.filter((o) => !exclude.has(o.id) && CONTAINERS.includes(o.shape));
      if (other.length > 0) {
        opts.notes?.push(
          `'${np.text}': no ${said} of that kind here; read as one of the containers there are (${other.map((o) => o.id).join(', ')})`,
        );
        found = other;
      }
    }
  }
  // "from the white tray over to the black one": "one" of a kind named earlier in the clause
  // when no thing of the last kind has that colour, and exactly one thing of that colour does.
  if (found.length === 0 && np.pronoun === 'one' && np.noun === null && np.colors.length > 0) {
    const coloured = facts.objects.filter(
      (o) =>
        !exclude.has(o.id) &&
        np.colors.includes(o.color) &&
        (opts.want === 'container' ? CONTAINERS.includes(o.shape) : opts.want === 'thing' ? !CONTAINERS.includes(o.shape) : true),
    );
    if (coloured.length === 1) {
      opts.notes?.push(
        `'${np.text}': no ${noun ?? 'thing'} is ${np.colors.join(' or ')}; read as ${coloured[0]!.id}, the only ${np.colors.join(' or ')} one`,
      );
      found = coloured;
    }
  }
  if (found.length === 0) {
    // A colour with no object may name a zone ("push it into the green").
    if (np.colors.length > 0 && noun === null && opts.want !== 'thing') {
      const zones = matchZone(np, facts);
      if (zones.length === 1) return { kind: 'zone', zone: zones[0]!.id };
    }
    throw new UnresolvedReference(`no object matches '${np.text}' (objects: ${objectList(facts)})`);
  }

  // "not green", "non-blue", "other than red".
  if (np.notColors && np.notColors.length > 0) {
    const not = np.notColors;
    found = found.filter((o) => !not.includes(o.color));
    if (found.length === 0) throw new UnresolvedReference(`no object matches '${np.text}' (objects: ${objectList(facts)})`);
  }
  // "the odd one out": the one thing whose shape no other has, else whose colour no other has (containers aside).
  if (np.odd) {
    const oddOf = (among: ObjectInfo[]): { odd: ObjectInfo[]; by: string; things: ObjectInfo[] } => {
      const things = among.filter((o) => !CONTAINERS.includes(o.shape));
      const alone = (key: (o: ObjectInfo) => string): ObjectInfo[] =>
        things.filter((o) => things.filter((x) => key(x) === key(o)).length === 1);
      const byShape = alone((o) => o.shape);
      const byColour = alone((o) => o.color);
      return byShape.length === 1
        ? { odd: byShape, by: 'shape', things }
        : { odd: byColour.length === 1 ? byColour : [], by: 'colour', things };
    };
    // ("Every block in the bowl, but leave the odd one out": of those alike, none; of everything on the table, the odd one.)
    let r = oddOf(found);
    if (r.odd.length === 0 && np.noun === null) r = oddOf(facts.objects.filter((o) => !exclude.has(o.id)));
    const { odd, by, things } = r;
    if (odd.length === 0)
      throw new UnresolvedReference(`'${np.text}': no one of ${things.map((o) => o.id).join(', ')} is alone in its shape or its colour`);
    opts.notes?.push(`"${np.text}": ${odd[0]!.id}, the only one of its ${by}`);
    found = odd;
  }
  // "the lone block", "the block on its own", "the one by itself": the one whose nearest other thing
  // (containers aside) is farthest away, noted.
  if (np.alone) {
    const things = facts.objects.filter((o) => !CONTAINERS.includes(o.shape));
    const gap = (o: ObjectInfo): number =>
      Math.min(...things.filter((x) => x.id !== o.id).map((x) => Math.hypot(x.position[0] - o.position[0], x.position[1] - o.position[1])));
    const ranked = found.filter((o) => !CONTAINERS.includes(o.shape)).sort((a, b) => gap(b) - gap(a));
    if (ranked.length === 0 || things.length < 2)
      throw new UnresolvedReference(`'${np.text}': nothing stands apart (objects: ${objectList(facts)})`);
    const close = ranked.length > 1 && gap(ranked[0]!) - gap(ranked[1]!) < 0.02;
    opts.notes?.push(
      `"${np.text}": ${ranked[0]!.id}, ${Math.round(gap(ranked[0]!) * 100)} cm from anything else${close ? ` (${ranked[1]!.id} stands nearly as far apart)` : ''}`,
    );
    found = [ranked[0]!];
  }
  // "the block with no bowl of its colour", "the blocks that have a matching bowl".
  if (np.colourHas) {
    const { has, noun } = np.colourHas;
    const holders = facts.objects.filter((c) => (noun === 'container' ? c.shape === 'bowl' || c.shape === 'tray' : c.shape === noun));
    found = found.filter((o) => !holders.includes(o) && holders.some((c) => c.color === o.color) === has);
    if (found.length === 0)
      throw new UnresolvedReference(
        `'${np.text}': none fits (${has ? `no ${noun} has the colour of any of them` : `each has a ${noun} of its colour`})`,
      );
  }
  // "the empty tray", "an empty bowl": a container nothing is in or on.
  if (np.empty) {
    found = found.filter((c) => (c.shape === 'bowl' || c.shape === 'tray') && !facts.objects.some((o) => o.id !== c.id && holds(c, o)));
    if (found.length === 0)
      throw new UnresolvedReference(`'${np.text}': no bowl or tray of that kind is empty (objects: ${objectList(facts)})`);
  }
  // "the loose ball nearest the fruit bowl": in no container, on nothing, under nothing (when one is).
  if (np.loose) {
    const free = found.filter(
      (o) => !facts.objects.some((c) => c.id !== o.id && (holds(c, o) || (!CONTAINERS.includes(o.shape) && holds(o, c)))),
    );
    if (free.length > 0 && free.length < found.length) found = free;
    else if (free.length === 0) opts.notes?.push(`'${np.text}': none of them is loose; read as any of them`);
  }
  // "bigger than the blue one", "taller than the red block": measured against that object.
  if (np.than) {
    const r = resolveNp(np.than.np, facts, {
      want: 'any',
      lastNoun: noun ?? opts.lastNoun ?? null,
      notes: opts.notes,
      pronoun: opts.self ?? opts.pronoun,
    });
    if (r.kind !== 'objects') throw new UnresolvedReference(`'${np.than.np.text}' in '${np.text}' names no object to compare with`);
    const ref = facts.objects.find((o) => o.id === r.ids[0])!;
    const measure = np.than.order === 'tallest' || np.than.order === 'shortest' ? (o: ObjectInfo) => o.size[2] : volume;
    const more = np.than.order === 'largest' || np.than.order === 'tallest';
    found = found.filter((o) => o.id !== ref.id && (more ? measure(o) > measure(ref) : measure(o) < measure(ref)));
    if (found.length === 0)
      throw new UnresolvedReference(`no object matches '${np.text}': none is ${more ? 'larger' : 'smaller'} than ${ref.id}`);
  }
  // "except the red one": what the listed phrases name is left out.
  if (np.except && np.except.length > 0) {
    const out = new Set<string>();
    for (const e of np.except) {
      // "except the red ones", "but the red and blue ones": everything the phrase fits, of the outer kind.
      // ("all the red blocks except the one in the middle": the red one in the middle.)
      const like: NounPhrase =
        e.kind === 'object' && (e.noun === null || e.pronoun === 'one')
          ? { ...e, noun: e.noun ?? noun, pronoun: undefined, colors: e.colors.length > 0 || e.notColors ? e.colors : np.colors }
          : e;
      // ("not on the tray" when nothing is on it: nothing is left out.)
      // ("the thing that isn't a block or a ball" with no ball: no ball is left out.)
      const kindOnly =
        e.kind === 'object' &&
        e.plural &&
        e.noun !== null &&
        e.colors.length === 0 &&
        e.relation === undefined &&
        e.size === null &&
        e.nth === undefined &&
        e.count === undefined;
      const where =
        kindOnly ||
        (e.relation?.explicit === true && (e.relation.rel === 'in' || e.relation.rel === 'on' || e.relation.rel === 'under') && e.plural);
      let r: Referent;
      try {
        r = resolveNp(like, facts, { want: 'any', lastNoun: noun ?? opts.lastNoun ?? null });
      } catch (err) {
        if (!(where && err instanceof UnresolvedReference)) throw err;
        continue;
      }
      // "except the biggest (one)", "but the second from the left": the one it picks, not every candidate.
      const picked = e.size !== null || e.sizeRank !== undefined || e.nth !== undefined || e.relation !== undefined;
      if (r.kind === 'objects') for (const id of picked ? r.ids : r.candidates) out.add(id);
    }
    found = found.filter((o) => !out.has(o.id));
    if (found.length === 0) throw new UnresolvedReference(`no object matches '${np.text}': every match is excepted`);
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
  // Ranked phrases name their objects by the ranking; the rest are ordered by the stated
  // rule for ambiguity: the id's words, then nearest the gripper's home, then leftmost.
  let ranked = false;
  let rankNote: string | null = null;
  // Several plural objects keep the scene's order; one (or a count) out of more is chosen by the rule.
  if (!(np.plural || np.quantifier) || (np.count !== undefined && found.length > np.count)) found = byGripper(found);
  // "the bottom row", "the left-hand column": those of that row (or column) of them.
  if (np.line) {
    // ("the white block in the bottom row" of a grid of red and white blocks: the rows are the
    // grid's, of every thing of that kind; the white one of the bottom row.)
    const kind = facts.objects.filter(
      (o) => !exclude.has(o.id) && (shapes === null ? !CONTAINERS.includes(o.shape) : shapes.includes(o.shape)),
    );
    const ids = new Set(found.map((o) => o.id));
    const ofAll =
      kind.length > found.length && np.colors.length > 0 ? inLine(kind, np, { want: opts.want }).filter((o) => ids.has(o.id)) : [];
    if (ofAll.length > 0)
      opts.notes?.push(
        `"${np.text}": the ${np.line.side} ${np.line.axis} of every ${noun ?? 'thing'} (${ofAll.map((o) => o.id).join(', ')})`,
      );
    found = ofAll.length > 0 ? found.filter((o) => ofAll.includes(o)) : inLine(found, np, opts);
  }
  const pool = found;
  if (np.relation) {
    const r = applyRelation(np, found, facts, opts);
    found = r.found;
    ranked = r.ranked;
    rankNote = r.note;
  }
  // (A bunch on one half of the table, "that crowd on the right", is everything on that half: below.)
  if (np.cluster && np.relation) found = clusterAround(pool, found, np, opts);
  // ("spread the huddle out …" with no place said: the biggest bunch there is.)
  else if (np.cluster && !np.nth) found = clusterAround(pool, pool, np, opts);
  // "the ball at the front of the triangle" (plain-forms.ts: "the front clustered ball"): counted
  // among the biggest bunch of them, the figure, when they lie in more than one and it has three or more.
  else if (np.cluster && np.nth) {
    const notes: string[] = [];
    const bunch = clusterAround(pool, pool, np, { ...opts, notes });
    if (bunch.length >= 3 && bunch.length < pool.length) {
      opts.notes?.push(...notes);
      found = bunch;
    }
  }
  // "the smallest of the blocks on the right": among those on that half of the table, noted.
  if (np.half) {
    const key = sideKey(np.half);
    const half = found.filter((o) => key(o) < 0);
    if (half.length === 0)
      throw new UnresolvedReference(`'${np.text}': none of ${found.map((o) => o.id).join(', ')} is on the ${np.half} half of the table`);
    opts.notes?.push(`"${np.text}": among those on the ${np.half} half of the table (${half.map((o) => o.id).join(', ')})`);
    found = half;
  }
  // "the blocks on the left" (plural, no count): those on that half of the table (sideKey < 0), noted.
  if (np.nth && np.nth.n === 1 && np.plural && np.count === undefined && !np.quantifier && !np.nth.height && !stacked(found)) {
    const key = sideKey(np.nth.from);
    const half = found.filter((o) => key(o) < 0);
    if (half.length === 0)
      throw new UnresolvedReference(
        `'${np.text}': none of ${found.map((o) => o.id).join(', ')} is on the ${np.nth.from} half of the table`,
      );
    opts.notes?.push(`"${np.text}": those on the ${np.nth.from} half of the table (${half.map((o) => o.id).join(', ')})`);
    return { kind: 'objects', ids: half.map((o) => o.id), candidates: found.map((o) => o.id) };
  }
  // "the two top blocks" where two stacks stand: the top block of each, noted (it took the two highest in the picture).
  if (np.nth && np.nth.n === 1 && np.nth.from === 'top' && np.count !== undefined && np.count >= 2 && stacked(found)) {
    const tops = found.filter((o) => found.some((b) => b !== o && restsOn(o, b)) && !facts.objects.some((a) => a !== o && restsOn(a, o)));
    if (tops.length === np.count) {
      opts.notes?.push(`"${np.text}": the top block of each of the ${tops.length} stacks (${tops.map((o) => o.id).join(', ')})`);
      return { kind: 'objects', ids: tops.map((o) => o.id), candidates: found.map((o) => o.id) };
    }
  }
  if (np.nth) {
    let { from } = np.nth;
    // "the middle bowl" of a column: the middle one along the way they spread most (up the picture here).
    if (np.nth.n === 0 && !np.nth.height && found.length >= 3) {
      from = spreadOf(found, 1) > 2 * spreadOf(found, 0) ? 'top' : from;
    }
    const key = np.nth.height && stacked(found) ? heightKey(from) : sideKey(from);
    // "the top block" of a stack, where the picture cannot tell them apart: the highest one.
    const up = (from === 'top' || from === 'bottom') && stacked(found) ? heightKey(from) : null;
    found = [...found].sort((a, b) => (up && Math.abs(key(a) - key(b)) < 0.01 ? up(a) - up(b) : key(a) - key(b)));
    // "put the rightmost block on the second block from the right": counted among all that
    // fit, the one being moved too (unless that would name the moved one itself).
    const counted = countedWithExcluded(np, found, facts, opts, exclude, key);
    if (counted) return counted;
    // n = 0: the middle one ("the middle block"); of an even number, the one left of the middle, noted.
    const n = nthPlace(np.nth, found.length);
    if (np.nth.n === 0 && found.length % 2 === 0)
      opts.notes?.push(`"${np.text}": ${found.length} fit, no one is in the middle; took the one left of it, ${found[n - 1]?.id}`);
    if (found.length < n) {
      throw new UnresolvedReference(
        `'${np.text}': only ${found.length} ${found.length === 1 ? 'object matches' : 'objects match'} (${found.map((o) => o.id).join(', ') || 'none'})`,
      );
    }
    if (!(np.plural || np.quantifier) || np.count === undefined) found = [...found.slice(n - 1), ...found.slice(0, n - 1)];
    ranked = true;
  }
  if (np.size) {
    const key = sizeKey(np.size);
    found = [...found].sort((a, b) => key(a) - key(b));
    const k = (np.sizeRank ?? 1) - 1;
    if (k > 0) {
      if (found.length <= k)
        throw new UnresolvedReference(`'${np.text}': only ${found.length} match (${found.map((o) => o.id).join(', ')})`);
      found = [...found.slice(k), ...found.slice(0, k)];
    }
    ranked = true;
  }
  if (np.middleSize) {
    // "the medium-sized can", "the two middle-sized blocks": the largest and the smallest left out,
    // then (for one, or a count) those nearest the middle of the size order.
    if (found.length < 3) throw new UnresolvedReference(`'${np.text}': only ${found.length} fit, so none is in the middle of the sizes`);
    const bySize = [...found].sort((a, b) => volume(a) - volume(b));
    const middle = bySize.slice(1, -1);
    const want = np.count ?? (np.plural || np.quantifier ? middle.length : 1);
    const mid = (middle.length - 1) / 2;
    const order = middle.map((o, i) => ({ o, d: Math.abs(i - mid) })).sort((a, b) => a.d - b.d);
    if (want < middle.length && order[want - 1]!.d === order[want]!.d)
      opts.notes?.push(
        `"${np.text}": ${middle.map((o) => o.id).join(', ')} are between the largest and the smallest; took ${order
          .slice(0, want)
          .map((x) => x.o.id)
          .join(', ')}`,
      );
    found = order.map((x) => x.o);
    ranked = true;
  }
  if (np.outer) {
    // "the four outer blocks" of an X: farthest first from the middle of all that fit; with no
    // count, all but the innermost.
    const mid = [0, 1].map((k) => found.reduce((a, o) => a + o.position[k]!, 0) / Math.max(1, found.length));
    const out = (o: ObjectInfo): number => Math.hypot(o.position[0] - mid[0]!, o.position[1] - mid[1]!);
    found = [...found].sort((a, b) => out(b) - out(a));
    if ((np.plural || np.quantifier) && np.count === undefined && found.length >= 3) found = found.slice(0, -1);
    opts.notes?.push(`"${np.text}": by how far out from the middle of all that fit, farthest first: ${found.map((o) => o.id).join(', ')}`);
    ranked = true;
  }
  let ids = found.map((o) => o.id);
  // With no rank to choose by, what earlier phrases named comes last.
  let nearest = 'nearest the gripper';
  // (Things to move only: "one of the trays" said for two things is one tray for both.)
  // (Said of any: "two blocks", "one", "a block", "another"; never "the block".)
  const anyOf = np.count !== undefined || np.pronoun === 'one' || /^(a|an|any|one|some|another)\b/i.test(np.text);
  if (!ranked && opts.want === 'thing' && !np.other && opts.taken?.length && anyOf && (!np.plural || np.count !== undefined)) {
    const taken = new Set(opts.taken);
    const fresh = ids.filter((id) => !taken.has(id));
    if (fresh.length > 0 && fresh.length < ids.length) {
      ids = [...fresh, ...ids.filter((id) => taken.has(id))];
      nearest = 'of those not moved before, nearest the gripper';
    }
  }
  if (np.count !== undefined) {
    if (ids.length < np.count) {
      throw new UnresolvedReference(`'${np.text}' names ${np.count} objects but ${ids.length} match (${ids.join(', ') || 'none'})`);
    }
    if (ids.length > np.count) {
      if (!ranked)
        opts.notes?.push(
          `"${np.text}" fits ${ids.join(', ')}: chose ${ids.slice(0, np.count).join(', ')}, ${nearest} (${np.count} of ${ids.length})`,
        );
      ids = ids.slice(0, np.count);
    }
  }
  // ("the two orange blocks" names two, whatever else the phrase's list made of it.)
  if (np.plural || np.quantifier || (np.count ?? 0) > 1) return { kind: 'objects', ids, candidates: ids };
  if (ids.length === 0) throw new UnresolvedReference(`no object matches '${np.text}' (objects: ${objectList(facts)})`);
  if (np.listPlural && ids.length > 1 && !ranked && opts.choice === undefined) {
    opts.notes?.push(`"${np.text}" (said of several): all ${ids.length} that fit, ${ids.join(', ')}`);
    return { kind: 'objects', ids, candidates: ids };
  }
  const choice = Math.min(opts.choice ?? 0, ids.length - 1);
  if (ids.length > 1 && !ranked) {
    const why = choice === 0 ? (rankNote ?? nearest) : `candidate ${choice + 1} of ${ids.length}`;
    opts.notes?.push(`"${np.text}" fits ${ids.join(', ')}: chose ${ids[choice]}, ${why}`);
  }
  return { kind: 'objects', ids: [ids[choice]!], candidates: ids };
}

/**
 * An n-th phrase ("the second block from the right") as a person counts it: among every
 * object that fits, the excluded ones (the object being moved) too. Null when nothing was
 * excluded, or the count lands on an excluded object (then it is counted without them).
 */
function countedWithExcluded(
  np: NounPhrase,
  found: ObjectInfo[],
  facts: SceneFacts,
  opts: ResolveOptions,
  exclude: ReadonlySet<string>,
  key: (o: ObjectInfo) => number,
): Referent | null {
  if (!np.nth || np.nth.n < 2 || exclude.size === 0 || np.plural || np.quantifier || np.relation || np.size) return null;
  let all: Referent;
  try {
    all = resolveNp({ ...np, nth: undefined, plural: true }, facts, { ...opts, exclude: [], notes: [] });
  } catch {
    return null;
  }
  if (all.kind !== 'objects') return null;
  const ordered = all.ids.map((id) => facts.objects.find((o) => o.id === id)!).sort((a, b) => key(a) - key(b));
  const pick = ordered[np.nth.n - 1];
  if (!pick || exclude.has(pick.id) || !found.some((o) => o.id === pick.id)) return null;
  return { kind: 'objects', ids: [pick.id], candidates: [pick.id, ...found.filter((o) => o.id !== pick.id).map((o) => o.id)] };
}

/** Where the gripper waits between tasks (TABLE.home), in the table plane. */
const HOME: readonly [number, number] = [TABLE.home[0], TABLE.home[1]];

/**
 * The stated rule for a phrase that fits several objects: the one nearest the gripper's
 * home position (to the millimetre), then the leftmost.
 */
function byGripper(found: ObjectInfo[]): ObjectInfo[] {
  const d = (o: ObjectInfo): number => Math.hypot(o.position[0] - HOME[0], o.position[1] - HOME[1]);
  return [...found].sort((a, b) => Math.round((d(a) - d(b)) * 1000) || a.position[0] - b.position[0]);
}

/** Sort key counting from a side of the top camera's image: left = smallest x first, top = largest y first. */
/** Centres further apart than this across a row (or a column) start another one. */
const LINE_GAP = 0.05;

/**
 * "the bottom row", "the back row", "the left-hand column", "the middle row": of `found`, those
 * of that row (things at about the same height in the picture) or column (about the same
 * left–right place), rows and columns being runs of centres no more than LINE_GAP apart across
 * them; a run of one is a row only when no run has two or more. Noted.
 */
function inLine(found: ObjectInfo[], np: NounPhrase, opts: ResolveOptions): ObjectInfo[] {
  const { axis, side } = np.line!;
  const k = axis === 'row' ? 1 : 0;
  const sorted = [...found].sort((a, b) => a.position[k]! - b.position[k]!);
  const runs: ObjectInfo[][] = [];
  for (const o of sorted) {
    const last = runs.at(-1);
    if (last && o.position[k]! - last.at(-1)!.position[k]! <= LINE_GAP) last.push(o);
    else runs.push([o]);
  }
  const lines = runs.some((r) => r.length > 1) ? runs.filter((r) => r.length > 1) : runs;
  const what = axis === 'row' ? 'rows' : 'columns';
  const wanted = axis === 'row' ? ['top', 'bottom', 'middle'] : ['left', 'right', 'middle'];
  if (!wanted.includes(side))
    throw new UnresolvedReference(`'${np.text}': a ${axis} is ${axis === 'row' ? 'top, bottom or middle' : 'left, right or middle'}`);
  let chosen: ObjectInfo[] | undefined;
  if (side === 'middle') {
    if (lines.length % 2 === 0)
      throw new UnresolvedReference(`'${np.text}': the ${found.length} objects lie in ${lines.length} ${what}, so none is in the middle`);
    chosen = lines[(lines.length - 1) / 2];
  } else chosen = side === 'top' || side === 'right' ? lines.at(-1) : lines[0];
  if (chosen === undefined) throw new UnresolvedReference(`no object matches '${np.text}' (no ${axis})`);
  opts.notes?.push(
    `"${np.text}": the ${side} ${axis} of ${lines.length} (${chosen.map((o) => o.id).join(', ')}; ${what} are runs of centres within ${Math.round(LINE_GAP * 100)} cm)`,
  );
  return chosen;
}

function sideKey(from: ImageSide): (o: ObjectInfo) => number {
  switch (from) {
    case 'left':
      return (o) => o.position[0];
    case 'right':
      return (o) => -o.position[0];
    case 'top':
      return (o) => -o.position[1];
    case 'bottom':
      return (o) => o.position[1];
  }
}

/** Whether some of the objects stand on others (their bottoms more than 1 cm apart in height). */
/** Which one, counting from 1, `nth` names among `count` in order (n = 0: the middle one; of an even number, the one left of the middle). */
function nthPlace(nth: { n: number }, count: number): number {
  return nth.n === 0 ? Math.floor((count - 1) / 2) + 1 : nth.n;
}

function stacked(objects: readonly ObjectInfo[]): boolean {
  const bottoms = objects.map((o) => o.position[2] - o.size[2] / 2);
  return bottoms.length > 1 && Math.max(...bottoms) - Math.min(...bottoms) > 0.01;
}

/** "the highest block" up a stack: from the top, the highest bottom first; from the bottom, the lowest. */
function heightKey(from: ImageSide): (o: ObjectInfo) => number {
  const bottom = (o: ObjectInfo): number => o.position[2] - o.size[2] / 2;
  return from === 'bottom' ? bottom : (o) => -bottom(o);
}

/** The half extents of the gripper's workspace on the table (TABLE.workspace): corners of "the top left corner". */
const WORKSPACE_HALF: readonly [number, number] = [TABLE.workspace.max[0], TABLE.workspace.max[1]];

/** Whether container `c` holds `o`: its centre over the container's inside, its bottom below the rim. */
/** Whether container (or thing) `c` holds `o`: in it, or resting on it. */
export function holds(c: ObjectInfo, o: ObjectInfo): boolean {
  if (!CONTAINERS.includes(c.shape)) return restsOn(o, c);
  const inside = Math.hypot(o.position[0] - c.position[0], o.position[1] - c.position[1]) < Math.min(c.size[0], c.size[1]) / 2;
  return inside && o.position[2] - o.size[2] / 2 < c.position[2] + c.size[2] / 2;
}

/** Whether `o` rests on `base` (its bottom at the other's top, over it). */
function restsOn(o: ObjectInfo, base: ObjectInfo): boolean {
  const gap = o.position[2] - o.size[2] / 2 - (base.position[2] + base.size[2] / 2);
  return (
    Math.abs(gap) < 0.015 &&
    Math.hypot(o.position[0] - base.position[0], o.position[1] - base.position[1]) < Math.max(...base.size.slice(0, 2)) / 2
  );
}

/**
 * Whether `o` lies on that side of `ref` as the top camera sees it: its centre's offset
 * from ref's centre points that way more than across (left: dx < 0 and |dx| > |dy|).
 * Resting on it counts as above (top), resting under it as below.
 */
export function onSide(o: ObjectInfo, ref: ObjectInfo, side: ImageSide, strict = true): boolean {
  const dx = o.position[0] - ref.position[0];
  const dy = o.position[1] - ref.position[1];
  if (side === 'top' && restsOn(o, ref)) return true;
  if (side === 'bottom' && restsOn(ref, o)) return true;
  const along = side === 'left' ? -dx : side === 'right' ? dx : side === 'top' ? dy : -dy;
  const across = side === 'left' || side === 'right' ? Math.abs(dy) : Math.abs(dx);
  // Not strict: within about 63° of the direction (along at least half of across).
  return along > 0 && (strict ? along > across : along >= across / 2);
}

/**
 * "the block between the blue block and the green block", "the one between the two bowls":
 * what lies between the two, its centre over the segment joining theirs (not beyond either
 * end) and at most half the segment's length off it; the nearest the segment first.
 */
function between(
  np: NounPhrase,
  found: ObjectInfo[],
  facts: SceneFacts,
  opts: ResolveOptions,
): { found: ObjectInfo[]; ranked: boolean; note: string | null } {
  const nps = np.relation!.between!;
  const ends = nps.flatMap((x) => {
    const r = resolveNp(x, facts, {
      want: 'any',
      lastNoun: np.noun ?? opts.lastNoun ?? null,
      notes: opts.notes,
      pronoun: opts.self ?? opts.pronoun,
    });
    if (r.kind !== 'objects')
      throw new UnresolvedReference(`'${x.text}' in '${np.text}' names ${r.kind === 'zone' ? 'a zone' : 'the table'}, not an object`);
    return nps.length === 1 ? r.ids : r.ids.slice(0, 1);
  });
  if (ends.length !== 2)
    throw new UnresolvedReference(`'${np.text}': 'between' needs two objects, got ${ends.length} (${ends.join(', ') || 'none'})`);
  const [a, b] = ends.map((id) => facts.objects.find((o) => o.id === id)!) as [ObjectInfo, ObjectInfo];
  const ux = b.position[0] - a.position[0];
  const uy = b.position[1] - a.position[1];
  const len = Math.hypot(ux, uy);
  const off = (o: ObjectInfo): { t: number; d: number } => {
    const px = o.position[0] - a.position[0];
    const py = o.position[1] - a.position[1];
    return { t: (px * ux + py * uy) / (len * len), d: Math.abs(px * uy - py * ux) / len };
  };
  const fits = found
    .filter((o) => o.id !== a.id && o.id !== b.id)
    .filter((o) => {
      const { t, d } = off(o);
      return t > 0 && t < 1 && d <= len / 2;
    })
    .sort((p, q) => off(p).d - off(q).d);
  if (fits.length === 0)
    throw new UnresolvedReference(
      `no object matches '${np.text}': nothing that fits lies between ${a.id} and ${b.id} (objects: ${objectList(facts)})`,
    );
  return { found: fits, ranked: false, note: `nearest the line from ${a.id} to ${b.id}` };
}

const SIDE_TEXT: Record<ImageSide, string> = { left: 'to the left of', right: 'to the right of', top: 'above', bottom: 'below' };

/** "to the left of X", "above X", "closest to X", "farthest from X": filter or rank `found` against the reference. */
function applyRelation(
  np: NounPhrase,
  found: ObjectInfo[],
  facts: SceneFacts,
  opts: ResolveOptions,
): { found: ObjectInfo[]; ranked: boolean; note: string | null } {
  const rel = np.relation!;
  if (rel.rel === 'between') return between(np, found, facts, opts);
  let at: readonly [number, number] = HOME;
  let refName = 'the gripper';
  let ref: ObjectInfo | null = null;
  let tower: readonly string[] = [];
  let dist = (o: ObjectInfo): number => Math.hypot(o.position[0] - at[0], o.position[1] - at[1]);
  if (rel.place) {
    // A corner: its point at the edge of the workspace; a side: its edge line; the centre: the table's.
    const p = rel.place;
    refName = p.kind === 'center' ? 'the center' : p.text.replace(/^the\s+/i, '');
    if (p.kind === 'corner') at = [p.x * WORKSPACE_HALF[0], p.y * WORKSPACE_HALF[1]];
    else if (p.kind === 'center') at = [0, 0];
    else {
      const k = p.axis === 'x' ? 0 : 1;
      dist = (o) => WORKSPACE_HALF[k]! - p.sign * o.position[k]!;
    }
  }
  // "whatever is in them", after the containers were named inside phrases: those containers.
  if ((rel.rel === 'in' || rel.rel === 'on') && rel.np?.kind === 'pronoun' && rel.np.pronoun === 'them') {
    const isContainer = (id: string): boolean => CONTAINERS.includes(facts.objects.find((o) => o.id === id)?.shape ?? 'box');
    const before = opts.self ?? opts.pronoun ?? [];
    const named = (opts.named ?? []).filter(isContainer);
    if (!before.some(isContainer) && named.length >= 2) {
      const holders = named.map((id) => facts.objects.find((o) => o.id === id)!);
      const fits = found.filter((o) => holders.some((h) => o.id !== h.id && (rel.rel === 'on' ? restsOn(o, h) : holds(h, o))));
      opts.notes?.push(`'${rel.np.text}' in '${np.text}': ${named.join(' and ')}, named before`);
      return { found: fits, ranked: false, note: `${rel.rel} ${named.join(' or ')}` };
    }
  }
  // "the things that aren't in a bowl", "any block in a bowl": in any of them.
  if ((rel.rel === 'in' || rel.rel === 'on') && rel.np?.kind === 'object' && !rel.np.plural && /^(a|an|any)\s/i.test(rel.np.text)) {
    const r = resolveNp(rel.np, facts, { want: 'container', lastNoun: null });
    const holders = r.kind === 'objects' ? r.candidates.map((id) => facts.objects.find((o) => o.id === id)!) : [];
    if (holders.length >= 2) {
      const fits = found.filter(
        (o) =>
          !holders.includes(o) &&
          holders.some((h) => (rel.rel === 'on' ? restsOn(o, h) || (h.shape === 'tray' && holds(h, o)) : holds(h, o))),
      );
      return { found: fits, ranked: false, note: `${rel.rel} any of ${holders.map((h) => h.id).join(', ')}` };
    }
  }
  // "the can with a ball on it", "the bowl that has the red block in it", "the block under the
  // ball": those that something it names rests on or in.
  if (rel.rel === 'under' && rel.np) {
    const r = resolveNp(rel.np, facts, { want: 'any', lastNoun: null, pronoun: opts.self ?? opts.pronoun });
    if (r.kind !== 'objects')
      throw new UnresolvedReference(`'${rel.np.text}' in '${np.text}' names ${r.kind === 'zone' ? 'a zone' : 'the table'}, not an object`);
    // ("the can with the red ball on it" picks by what it says; "a ball", "the ball": any that fits.)
    const picks = rel.np.size !== null || rel.np.nth !== undefined || rel.np.relation !== undefined;
    const tops = (picks ? r.ids : r.candidates).map((id) => facts.objects.find((o) => o.id === id)!);
    const fits = found.filter((o) => tops.some((t) => t.id !== o.id && holds(o, t)));
    if (fits.length === 0)
      throw new UnresolvedReference(
        `no object matches '${np.text}': nothing that fits has ${rel.np.text} on or in it (objects: ${objectList(facts)})`,
      );
    return { found: fits, ranked: false, note: `holding ${tops.map((t) => t.id).join(' or ')}` };
  }
  if (rel.np) {
    const r = resolveNp(rel.np, facts, {
      want: 'any',
      lastNoun: np.noun ?? opts.lastNoun ?? null,
      notes: opts.notes,
      pronoun: opts.self ?? opts.pronoun,
      // ("stack the block closest to the purple can on the one furthest from it": with nothing
      // named before, "it" is what the phrase before named inside it.)
      named: opts.named,
    });
    if (r.kind !== 'objects')
      throw new UnresolvedReference(`'${rel.np.text}' in '${np.text}' names ${r.kind === 'zone' ? 'a zone' : 'the table'}, not an object`);
    // "the leftmost block in that pile": one of the things in the bunch (nothing stacked).
    if ((rel.rel === 'in' || rel.rel === 'on') && rel.np.kind === 'tower' && r.ids.length >= 2) {
      const members = found.filter((o) => r.ids.includes(o.id));
      if (members.length === 0)
        throw new UnresolvedReference(`no object matches '${np.text}': nothing that fits is in ${rel.np.text} (${r.ids.join(', ')})`);
      return { found: members, ranked: false, note: `in ${rel.np.text}` };
    }
    ref = facts.objects.find((o) => o.id === r.ids[0])!;
    at = [ref.position[0], ref.position[1]];
    refName = ref.id;
    // "the loose block nearest the tower": none of the tower's own (measured from its foot).
    if (rel.np.kind === 'tower') tower = r.ids;
  }
  const others = found.filter((o) => o.id !== ref?.id && !tower.includes(o.id));
  if (rel.rel === 'closest' || rel.rel === 'farthest') {
    const sign = rel.rel === 'closest' ? 1 : -1;
    const sorted = [...others].sort((a, b) => sign * (dist(a) - dist(b)));
    // "the second closest": the n-th of the ranking first.
    const k = (rel.rank ?? 1) - 1;
    if (k > 0 && sorted.length <= k)
      throw new UnresolvedReference(`'${np.text}': only ${sorted.length} match (${sorted.map((o) => o.id).join(', ') || 'none'})`);
    return { found: [...sorted.slice(k), ...sorted.slice(0, k)], ranked: true, note: null };
  }
  if (rel.rel === 'region' && rel.corners) {
    // "the blocks in the corners": in any of the four corners of the table.
    const corners = (['top_left_corner', 'top_right_corner', 'bottom_left_corner', 'bottom_right_corner'] as const).filter((r) =>
      others.some((o) => inTableRegion(r, [o.position[0], o.position[1]])),
    );
    let fits = others.filter((o) => corners.some((r) => inTableRegion(r, [o.position[0], o.position[1]])));
    // "all the blocks from the corner", "the block in the right hand corner": the one corner (on that
    // side) where those that fit stand; of several, the one most stand in (noted).
    const one = rel.oneCorner;
    if (one !== undefined) {
      const side = one.side;
      const onSide = corners.filter((r) => side === undefined || r.split('_').includes(side));
      const count = (r: (typeof corners)[number]): number => others.filter((o) => inTableRegion(r, [o.position[0], o.position[1]])).length;
      const most = Math.max(0, ...onSide.map(count));
      // (Corners as full as each other are all kept: which one is then the stated rule's choice.)
      const best = onSide.filter((r) => count(r) === most);
      if (best.length === 0)
        throw new UnresolvedReference(
          `no object matches '${np.text}': nothing that fits is in ${side === undefined ? 'a' : `a ${side}`} corner of the table (objects: ${objectList(facts)})`,
        );
      const names = best.map((r) => r.replace(/_/g, ' ')).join(', ');
      if (onSide.length > best.length)
        opts.notes?.push(`'${np.text.trim()}': things that fit stand in ${onSide.length} corners; took the ${names}, where most do`);
      fits = others.filter((o) => best.some((r) => inTableRegion(r, [o.position[0], o.position[1]])));
      return { found: fits, ranked: false, note: `in the ${names}` };
    }
    if (fits.length === 0)
      throw new UnresolvedReference(
        `no object matches '${np.text}': nothing that fits is in a corner of the table (objects: ${objectList(facts)})`,
      );
    return { found: fits, ranked: false, note: `in the ${corners.map((r) => r.replace(/_/g, ' ')).join(', ')}` };
  }
  if (rel.rel === 'region') {
    // "the block in the top left corner": its centre in that region of the table.
    const p = rel.place!;
    const region: TableRegionName =
      p.kind === 'corner'
        ? (`${p.y > 0 ? 'top' : 'bottom'}_${p.x > 0 ? 'right' : 'left'}_corner` as TableRegionName)
        : p.kind === 'side'
          ? ((p.axis === 'x' ? (p.sign > 0 ? 'right_side' : 'left_side') : p.sign > 0 ? 'top_side' : 'bottom_side') as TableRegionName)
          : 'center';
    // "the left half": that half of the table, not the band along its edge.
    const half = p.kind === 'side' && /\bhalf\b/.test(p.text);
    const fits = others.filter((o) =>
      half && p.kind === 'side' ? p.sign * o.position[p.axis === 'x' ? 0 : 1] > 0 : inTableRegion(region, [o.position[0], o.position[1]]),
    );
    // "the three blocks in the middle" of a row of five (not all of them in the middle of the
    // table): the middle three of the row, along the way they spread most, noted.
    const k = np.count;
    if (region === 'center' && k !== undefined && k >= 2 && fits.length !== k && others.length > k && (others.length - k) % 2 === 0) {
      const { axis, sorted } = alongRow(others);
      const cut = (others.length - k) / 2;
      const mid = sorted.slice(cut, cut + k);
      opts.notes?.push(`'${np.text}': the middle ${k} of ${sorted.map((o) => o.id).join(', ')} (${mid.map((o) => o.id).join(', ')})`);
      return {
        found: [...mid, ...sorted.filter((o) => !mid.includes(o))],
        ranked: true,
        note: `the middle ${k} along ${axis === 0 ? 'x' : 'y'}`,
      };
    }
    // "the red one in the middle" of a grid or a row lying off the table's middle, where what
    // fits the table's middle only sits on its edge: the one at the middle of the group, noted.
    if (region === 'center' && !np.plural && k === undefined && others.length >= 3) {
      const c = TABLE_REGIONS.center;
      const inside = (o: ObjectInfo): number =>
        Math.min(o.position[0] - c.min[0], c.max[0] - o.position[0], o.position[1] - c.min[1], c.max[1] - o.position[1]);
      const xs = others.map((o) => o.position[0]);
      const ys = others.map((o) => o.position[1]);
      const mid: [number, number] = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
      const byMid = [...others].sort(
        (a, b) => Math.hypot(a.position[0] - mid[0], a.position[1] - mid[1]) - Math.hypot(b.position[0] - mid[0], b.position[1] - mid[1]),
      );
      const d0 = Math.hypot(byMid[0]!.position[0] - mid[0], byMid[0]!.position[1] - mid[1]);
      const d1 = Math.hypot(byMid[1]!.position[0] - mid[0], byMid[1]!.position[1] - mid[1]);
      if (d0 < 0.015 && d1 > 0.04 && fits.every((o) => inside(o) < 0.015) && !(fits.length === 1 && fits[0] === byMid[0])) {
        opts.notes?.push(
          `'${np.text}': the middle of the group ${others.map((o) => o.id).join(', ')} (${byMid[0]!.id}); the table's middle only grazes ${fits.map((o) => o.id).join(', ') || 'none of them'}`,
        );
        return { found: byMid, ranked: true, note: 'the middle one of the group' };
      }
    }
    // "the bowl in the middle" of three bowls in a row, none of them in the middle of the table:
    // the middle one of the row (along the way they spread most), as "the middle bowl".
    // ("put the block on the left on top of the one in the middle": of the three, the one said before left out.)
    const kin = facts.objects.filter(
      (o) => others.some((x) => x.shape === o.shape) && (np.colors.length === 0 || np.colors.includes(o.color)),
    );
    const row = others.length % 2 === 0 && kin.length % 2 === 1 && kin.length >= 3 && others.every((o) => kin.includes(o)) ? kin : others;
    const line = fits.length === 0 && region === 'center' && row.length >= 3 && row.length % 2 === 1 ? alongRow(row) : undefined;
    const mid = line?.sorted[(row.length - 1) / 2];
    if (line && mid && others.includes(mid)) {
      const { axis, sorted } = line;
      opts.notes?.push(
        `'${np.text}': none is in the middle of the table; read as the middle one of ${sorted.map((o) => o.id).join(', ')} (${mid.id})`,
      );
      return {
        found: [mid, ...sorted.filter((o) => o !== mid && others.includes(o))],
        ranked: true,
        note: `the middle one of the ${sorted.length} along ${axis === 0 ? 'x' : 'y'}`,
      };
    }
    // "the block on the left" (one), none of them in the band along the left edge: the one
    // farthest that way (for a corner, the one nearest it), noted.
    if (fits.length === 0 && !np.plural && !half && (p.kind === 'side' || p.kind === 'corner') && others.length > 0) {
      const anchor = TABLE_REGIONS[region].anchor;
      const toward = (o: ObjectInfo): number =>
        p.kind === 'side' ? -p.sign * o.position[p.axis === 'x' ? 0 : 1] : Math.hypot(o.position[0] - anchor[0], o.position[1] - anchor[1]);
      const sorted = [...others].sort((a, b) => toward(a) - toward(b));
      opts.notes?.push(`'${np.text}': none is in the ${region.replace(/_/g, ' ')}; read as the one nearest it (${sorted[0]!.id})`);
      return { found: sorted, ranked: true, note: `the one nearest the ${region.replace(/_/g, ' ')}` };
    }
    // "the blocks on the left side of the table", none of them in the band along that edge: those
    // on that half of the table, noted.
    if (fits.length === 0 && (np.plural || np.quantifier === 'all') && p.kind === 'side' && !half) {
      const onHalf = others.filter((o) => p.sign * o.position[p.axis === 'x' ? 0 : 1] > 0.02);
      if (onHalf.length > 0 && onHalf.length < others.length) {
        const name = p.axis === 'x' ? (p.sign > 0 ? 'right' : 'left') : p.sign > 0 ? 'top' : 'bottom';
        opts.notes?.push(
          `'${np.text}': none is in the ${region.replace(/_/g, ' ')}; read as those on the ${name} half of the table (${onHalf.map((o) => o.id).join(', ')})`,
        );
        return { found: onHalf, ranked: false, note: `on the ${name} half of the table` };
      }
    }
    if (fits.length === 0)
      throw new UnresolvedReference(
        `no object matches '${np.text}': nothing that fits is in the ${region.replace(/_/g, ' ')} (objects: ${objectList(facts)})`,
      );
    // "all the stuff in the bottom left" (no "corner" said): that quarter of the table (noted).
    // So too a choice among them: "the lowest block in the top right".
    const among = np.nth !== undefined || np.size !== null || np.sizeRank !== undefined;
    if (p.kind === 'corner' && (np.plural || np.quantifier === 'all' || among) && np.count === undefined && !/\bcorners?\b/.test(p.text)) {
      const quarter = others.filter((o) => p.x * o.position[0] > 0 && p.y * o.position[1] > 0);
      if (quarter.length > fits.length) {
        const name = region.replace(/_corner$/, '').replace(/_/g, ' ');
        opts.notes?.push(`'${np.text}': the ${name} quarter of the table (${quarter.map((o) => o.id).join(', ')})`);
        return { found: quarter, ranked: false, note: `in the ${name} quarter` };
      }
    }
    // "all the stuff in the bottom left corner": the bunch lying there, a little past the corner too (noted).
    if (p.kind === 'corner' && (np.plural || np.quantifier === 'all') && np.count === undefined) {
      const bunch = clusterAround(others, fits, np, opts);
      if (bunch.length > fits.length) return { found: bunch, ranked: false, note: `lying together in the ${region.replace(/_/g, ' ')}` };
    }
    return { found: fits, ranked: false, note: `in the ${region.replace(/_/g, ' ')}` };
  }
  if (!ref) return { found: others, ranked: false, note: null };
  if (rel.rel === 'in' || rel.rel === 'on') {
    // What it rests in or on now, by the scene facts.
    const r = ref;
    // "the green block sitting on the tray": a tray is flat; what is in it is on it.
    let fits = others.filter((o) => (rel.rel === 'on' ? restsOn(o, r) || (r.shape === 'tray' && holds(r, o)) : holds(r, o)));
    // "the red block on top of the tower": none of that kind rests on its base, but higher up the stack.
    if (fits.length === 0 && rel.rel === 'on') {
      const stack = new Set([r]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const o of facts.objects)
          if (!stack.has(o) && [...stack].some((x) => restsOn(o, x))) {
            stack.add(o);
            grew = true;
          }
      }
      fits = others.filter((o) => stack.has(o));
      if (fits.length > 0) opts.notes?.push(`'${np.text}': higher up the stack on ${ref.id}`);
    }
    // "the ball sitting on the can on the right", when nothing is on the can on the right: the
    // ball on the right that sits on a can, noted.
    const inner = rel.np?.relation;
    const which = rel.np?.nth ?? (inner && (inner.rel === 'region' || inner.place !== undefined) ? inner : undefined);
    // ("the ball sitting on the can", one of three cans, the one nearest the gripper bare: on any of them.)
    const picked =
      rel.np !== null && (rel.np.size !== null || rel.np.nth !== undefined || rel.np.relation !== undefined || rel.np.colors.length > 0);
    if (fits.length === 0 && rel.np?.kind === 'object' && ((which && !np.nth) || !picked)) {
      try {
        const kind = resolveNp({ ...rel.np, relation: undefined, nth: undefined, plural: true }, facts, { want: 'any', lastNoun: null });
        const holders = kind.kind === 'objects' ? kind.candidates.map((id) => facts.objects.find((o) => o.id === id)!) : [];
        const held = others.filter((o) =>
          holders.some((h) => h.id !== o.id && (rel.rel === 'on' ? restsOn(o, h) || (h.shape === 'tray' && holds(h, o)) : holds(h, o))),
        );
        let high: ObjectInfo[] = [];
        if (!which) high = holders.length > 1 ? held : [];
        else if (rel.np.nth) {
          const key = sideKey(rel.np.nth.from);
          high = [...held].sort((a, b) => key(a) - key(b)).slice(rel.np.nth.n - 1, rel.np.nth.n);
        } else if (held.length > 0) high = applyRelation({ ...np, relation: inner }, held, facts, opts).found;
        if (high.length > 0) {
          const side = which ? ` ${rel.np.text.replace(/^.*?\b(on|at|in|from)\b/, '$1')}` : '';
          opts.notes?.push(
            `'${np.text}': nothing is ${rel.rel} ${ref.id}; read as ${which ? 'the one' : 'what is'}${side} ${rel.rel} any of ${holders.map((h) => h.id).join(', ')} (${high.map((o) => o.id).join(', ')})`,
          );
          return { found: high, ranked: false, note: null };
        }
      } catch (e) {
        if (!(e instanceof UnresolvedReference)) throw e;
      }
    }
    if (fits.length === 0)
      throw new UnresolvedReference(
        `no object matches '${np.text}': nothing that fits is ${rel.rel} ${ref.id} (objects: ${objectList(facts)})`,
      );
    return { found: fits, ranked: false, note: `${rel.rel} ${ref.id}` };
  }
  const side = rel.rel as ImageSide;
  let fits = others.filter((o) => onSide(o, ref, side));
  if (fits.length === 0) {
    fits = others.filter((o) => onSide(o, ref, side, false));
    if (fits.length > 0)
      opts.notes?.push(`"${np.text}": nothing lies squarely ${SIDE_TEXT[side]} ${ref.id}; took what lies partly ${SIDE_TEXT[side]} it`);
  }
  if (fits.length === 0) {
    throw new UnresolvedReference(
      `no object matches '${np.text}': nothing that fits lies ${SIDE_TEXT[side]} ${ref.id} (${others.map((o) => o.id).join(', ') || 'none'} ${others.length === 1 ? 'does' : 'do'} not)`,
    );
  }
  // Several on that side: the nearest to the reference first.
  return { found: [...fits].sort((a, b) => dist(a) - dist(b)), ranked: false, note: `nearest ${refName}` };
}
