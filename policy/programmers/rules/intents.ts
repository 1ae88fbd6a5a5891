// Parsed clauses + scene facts → intents: what to do, with every reference resolved
// to an id. One clause is usually one intent; a few clause sequences merge ("pick up X
// and hold it", "take X off Y and put it on the table", "put A and B side by side, then
// put C on top of both" = a pyramid).

import { TABLE_REGIONS, inTableRegion } from '../../../sim/index.ts';
import type { ColorName, ObjectInfo, TableRegionName, Vec2 } from '../../../sim/index.ts';
import { ParseError, parseInstruction } from './grammar.ts';
import type { Clause, Gap, Location, NounPhrase, Relation } from './grammar.ts';
import { CONTAINERS, UnresolvedReference, findTowers, holds, resolveNp, spreadAxis, spreadOf, volume } from './references.ts';
import type { Referent, SceneFacts, Want } from './references.ts';
import { CONTAINER_CLASSES, EVERYDAY_NOUNS, NOUNS, shapesOf } from './lexicon.ts';
import { guessesFor, unknownWordOf } from './unknown-words.ts';
import { idWords } from './id-names.ts';
import type { NounClass } from './lexicon.ts';

/** A named part of the table: a corner, a side, or the centre (sim/table-regions.ts). */
export interface TableArea {
  label: string;
  region: TableRegionName;
}

export type Dest =
  /** On an object; `end`: at that end of its top. */
  | { kind: 'on'; id: string; end?: 'left' | 'right' | 'front' | 'back' }
  | { kind: 'in'; id: string }
  | { kind: 'zone'; zone: string }
  | { kind: 'area'; area: TableArea }
  /** Beside an object; `gap`: the edge-to-edge gap asked for ("a little to the right of", "5 cm left of"). */
  | { kind: 'beside'; rel: Relation; id: string; gap?: Gap }
  | { kind: 'point'; xy: Vec2; label: string }
  | { kind: 'table' };

export type Intent =
  | { kind: 'lift'; id: string; hold: boolean; height: number | null }
  | { kind: 'place'; id: string; dest: Dest; upright: boolean; notOn: string | null }
  /** Bottom first; `at`: where the bottom one goes first ("stack the blocks in the top left corner"). */
  | { kind: 'stack'; ids: string[]; at?: Dest }
  /** `along`: "side by side on the tray, red on the left" — in the order listed along +x / +y inside it. */
  | { kind: 'gather'; ids: string[]; container: string; along?: 'x' | 'y' }
  | { kind: 'sort'; pairs: { id: string; container: string }[] }
  /**
   * In a line, in the order listed, along +axis (x: left to right, y: bottom to top of the
   * image); `line`: the direction asked for (diagonal: from bottom left to top right),
   * checked at the end with the `line` predicate; `ordered`: an order was asked for.
   */
  | {
      kind: 'lineUp';
      ids: string[];
      axis: 'x' | 'y';
      line?: 'horizontal' | 'vertical' | 'diagonal';
      slope?: 1 | -1;
      /** "in a line along the top of the table", "vertically on the left side": every slot in that region. */
      region?: TableRegionName;
      /** "in a line from front to back, just right of the middle": the line's centre near this table point. */
      through?: Vec2;
      /** "line the block and the ball up under the middle bowl": the one (first or last of `ids`) that stays where it is, the line running on from it. */
      anchor?: string;
    }
  /** On a circle around `center` (an object), or around where the objects are now when null. */
  | { kind: 'circle'; ids: string[]; center: string | null; at?: Vec2 }
  /** Rows along x, back row first, each listed left to right. */
  | { kind: 'grid'; rows: string[][] }
  | { kind: 'push'; id: string; dest: Dest }
  | { kind: 'pushBy'; id: string; direction: Vec2; distance: number }
  | { kind: 'swap'; ids: [string, string] }
  | { kind: 'unstack'; id: string; from: string }
  | { kind: 'pyramid'; base: [string, string]; top: string };

export interface Reading {
  intents: Intent[];
  /** What the reader chose where the instruction left room (ambiguity, defaults). */
  notes: string[];
  /** Every ambiguous phrase with its ranked candidates (repairs can pick the next). */
  candidates: Record<string, string[]>;
}

/** Choices of candidates for ambiguous phrases, by phrase text (repairs change these). */
export type Choices = Readonly<Record<string, number>>;

export class ReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadError';
  }
}

/** Default push distance when only a direction is given. */
const DEFAULT_PUSH = 0.1;

interface State {
  facts: SceneFacts;
  notes: string[];
  /** The colours of the last thing named by its size and colour ("the small orange block"). */
  sizedColors?: ColorName[];
  /** What the clause being read moves (its subjects), for "it" in where they go. */
  moving?: string[];
  /** The clause being read puts things somewhere. */
  placing?: boolean;
  /** What the clauses read before put somewhere. */
  moved?: string[];
  candidates: Record<string, string[]>;
  choices: Choices;
  /** Ids the previous clause acted on ("it", "them"). */
  subject: string[];
  /** The previous clause named them with "every" / "each": "it" is each of them. */
  subjectEach?: boolean;
  /** Ids named so far, most recent last. */
  mentioned: string[];
  /** Ids named inside other phrases ("the white bowl" in "the two blocks closest to the white bowl"), most recent last. */
  inner?: string[];
  lastNoun: NounClass | null;
  /** Every noun class named so far, most recent last ("the purple one" may mean an earlier one). */
  nouns: NounClass[];
  /** No phrase of the instruction names a kind of thing to carry: "the red one … the blue one" may be of any kind. */
  noThingNoun?: boolean;
  /** A clause announced a pyramid without naming its blocks. */
  pyramidAnnounced: boolean;
  /** A clause asked for what already holds ("put every block on the table" when they all are). */
  satisfied?: boolean;
  /** "leave the ball where it is", "don't move the bowl": objects no intent may move. */
  keep: Set<string>;
  /** Containers to leave empty ("leave the orange bowl empty"): nothing is put in them. */
  keepEmpty: Set<string>;
  /** The members of a tower an earlier clause took apart: what "every block from it" still means. */
  tower?: string[];
  /** The last stack an earlier clause built, bottom first: what "the tower" then means. */
  built?: string[];
  /** Clauses follow the one being read. */
  more?: boolean;
  /** The things a clause with "every" / "each" / "all" places one by one ("… the corner nearest to it": each). */
  each?: string[];
  /**
   * Several things a sentence before only named ("On the can's right there are two blocks."):
   * "one" in the next clause is one of them ("grab whichever one is lowest", "the red one").
   */
  group?: string[];
  /** The group was named as towers ("There are three little towers."): "the one on the right" is one of the towers. */
  towers?: boolean;
  /** What an earlier clause put into a container, and which ("put the blue block in the bowl and then the green one in with it"). */
  putIn?: Map<string, string>;
}

/** The things an intent moves. */
function intentIds(it: Intent): string[] {
  if (it.kind === 'place' || it.kind === 'push' || it.kind === 'pushBy') return [it.id];
  if (it.kind === 'gather' || it.kind === 'lineUp' || it.kind === 'circle' || it.kind === 'stack') return [...it.ids];
  if (it.kind === 'sort') return it.pairs.map((p) => p.id);
  return [];
}

/** Records what `its` move among what the clauses read so far moved (each id once). */
function noteMoved(st: State, its: readonly Intent[]): void {
  const moved = new Set(st.moved);
  st.moved = [...(st.moved ?? []), ...its.flatMap(intentIds).filter((id) => !moved.has(id) && moved.add(id))];
}

/** The last kind of thing (not a container) named before, if any. */
const thingNoun = (st: State): NounClass | null => [...st.nouns].reverse().find((n) => n !== null && !CONTAINER_CLASSES.has(n)) ?? null;

/**
 * The noun classes "one" may stand for ("the purple one"), in the order tried: the last
 * noun named, then earlier ones, most recent first — a container noun first where a
 * container is wanted ("… in the green bowl and the other block in the purple one"), and
 * a noun of things to carry first where one is wanted ("put the red blocks in the red bowl
 * and the blue ones in the blue bowl": the blue blocks, not the blue bowl).
 */
function oneNouns(st: State, want: Want): (NounClass | null)[] {
  const recent = [...st.nouns].reverse().filter((n, i, all) => all.indexOf(n) === i);
  // ("get the red block out of the green bowl and into the yellow one": a container, when one is wanted and none was named.)
  const containersFirst = recent.some((n) => n !== null && CONTAINER_CLASSES.has(n))
    ? [...recent.filter((n) => CONTAINER_CLASSES.has(n)), ...recent.filter((n) => !CONTAINER_CLASSES.has(n))]
    : (['container', ...recent] as typeof recent);
  const thingsFirst = [...recent.filter((n) => !CONTAINER_CLASSES.has(n)), ...recent.filter((n) => CONTAINER_CLASSES.has(n))];
  const ordered = want === 'container' ? containersFirst : want === 'thing' ? thingsFirst : recent;
  // ("first the red one in the green bowl, then the blue one …": only a bowl was named; a thing of any kind is tried last.)
  if (want === 'thing' && st.noThingNoun && ordered.length > 0 && ordered.every((n) => n !== null && CONTAINER_CLASSES.has(n)))
    return [...ordered, null];
  return ordered.length > 0 ? ordered : [st.lastNoun];
}

function resolve(st: State, np: NounPhrase, want: Want, opts: { exclude?: string[]; pronoun?: string[]; self?: string[] } = {}): Referent {
  // "the other" with no noun stands for the noun named before, as "the other one".
  const like: NounPhrase =
    np.other && np.kind === 'object' && np.noun === null && np.pronoun === undefined
      ? { ...np, pronoun: 'one' }
      : np.kind === 'pronoun' && np.pronoun === 'it' && st.subjectEach && opts.pronoun === undefined
        ? { ...np, pronoun: 'them' }
        : np;
  // "take the tower apart and put its four blocks on the tray": the blocks it was made of.
  if (
    st.tower &&
    np.kind === 'object' &&
    (/^(its|their)\b/i.test(np.text) || (/^the (pieces|parts|bits)$/i.test(np.text) && np.plural)) &&
    (np.count === undefined || np.count === st.tower.length)
  ) {
    st.notes.push(`'${np.text}': the tower taken apart before (${st.tower.join(', ')})`);
    st.mentioned.push(...st.tower);
    return { kind: 'objects', ids: st.tower, candidates: st.tower };
  }
  // "make a tower of …, then set the gray block next to the tower": the one just built.
  if (np.kind === 'tower' && !np.plural && st.built) {
    st.notes.push(`'${np.text}': the stack built before (${st.built.join(', ')})`);
    return { kind: 'objects', ids: st.built, candidates: st.built };
  }
  // "… in one bowl and the blue ones in the other bowl": "the other bowl" is not one named before.
  let exclude = opts.exclude;
  if (
    np.other &&
    np.kind === 'object' &&
    !np.plural &&
    ((np.noun !== null && CONTAINER_CLASSES.has(np.noun)) || (np.noun === null && np.colors.length === 0 && want === 'container'))
  ) {
    const named = st.mentioned.filter((id) => {
      const shape = st.facts.objects.find((o) => o.id === id)?.shape;
      return shape === 'bowl' || shape === 'tray';
    });
    const left = st.facts.objects.filter((o) => (o.shape === 'bowl' || o.shape === 'tray') && !named.includes(o.id));
    if (named.length > 0 && left.length > 0) exclude = [...(opts.exclude ?? []), ...named];
  } else if (np.other && np.kind === 'object' && !np.plural && np.noun === null && np.colors.length > 0) {
    // "… on a blue block, then the other red one on the other blue": not the blue one named before.
    const named = st.mentioned.filter((id) => np.colors.includes(st.facts.objects.find((o) => o.id === id)?.color as never));
    const left = st.facts.objects.filter((o) => np.colors.includes(o.color as never) && !named.includes(o.id));
    if (named.length > 0 && left.length > 0) exclude = [...(opts.exclude ?? []), ...named];
  }
  // "take the tower apart and lay the three blocks in a row": a count that is just what the
  // previous clause moved (of that noun) names those, not any three.
  if (
    np.kind === 'object' &&
    np.count !== undefined &&
    np.count > 1 &&
    /^the\b/i.test(np.text) &&
    np.colors.length === 0 &&
    !np.size &&
    !np.relation &&
    !np.other &&
    !np.notColors?.length &&
    // ("… Put the top two blocks in the yellow bowl": a rank says which, not the two said before.)
    np.nth === undefined &&
    np.noun !== null
  ) {
    const shapes = shapesOf(np.noun, false);
    const prev = st.subject.filter(
      (id) => !(opts.exclude ?? []).includes(id) && shapes?.includes(st.facts.objects.find((o) => o.id === id)?.shape ?? 'box'),
    );
    if (shapes && prev.length === np.count && prev.length === st.subject.length) {
      st.mentioned.push(...prev);
      return { kind: 'objects', ids: prev, candidates: prev };
    }
  }
  const attempt = (lastNoun: NounClass | null, outside: string[] = []): Referent =>
    resolveNp(like, st.facts, {
      want,
      exclude: outside.length > 0 ? [...(exclude ?? []), ...outside] : exclude,
      pronoun: opts.pronoun ?? st.subject,
      named: st.inner,
      self: opts.self,
      lastNoun,
      choice: st.choices[np.text],
      notes: st.notes,
      taken: st.placing ? st.moved : undefined,
    });
  let r: Referent | undefined;
  // "Take the ball out of the bowl, then the block off the tray - both go on the table": "both"
  // after one thing at a time is the last two things named (not containers).
  if (np.kind === 'pronoun' && np.pronoun === 'both' && !np.list && st.subject.length < 2) {
    const things = [...st.mentioned]
      .reverse()
      .filter((id, i, all) => all.indexOf(id) === i && !CONTAINERS.includes(st.facts.objects.find((o) => o.id === id)!.shape));
    if (things.length >= 2) {
      const two = things.slice(0, 2).reverse();
      st.notes.push(`'${np.text}': ${two.join(' and ')}, the last two things named`);
      r = { kind: 'objects', ids: two, candidates: two };
    }
  }
  // "There are two blocks on its right. Grab whichever one is lowest": one of those named just before.
  if (
    r === undefined &&
    like.pronoun === 'one' &&
    like.noun === null &&
    like.kind === 'object' &&
    !like.other &&
    !like.plural &&
    !like.odd &&
    st.group
  ) {
    const group = st.group;
    try {
      r = attempt(
        null,
        st.facts.objects.filter((o) => !group.includes(o.id)).map((o) => o.id),
      );
      st.notes.push(`'${np.text}': one of ${group.join(', ')}, named just before`);
    } catch (e) {
      if (!(e instanceof UnresolvedReference)) throw e;
    }
  }
  // "Blue ball and blue can in the bowl, and the white ones on the tray": plural "ones" after
  // two kinds of thing named last are things of either kind.
  const things = st.nouns.filter((n) => !CONTAINER_CLASSES.has(n) && n !== 'zone' && n !== 'thing');
  const [k1, k2] = [things.at(-1), things.at(-2)];
  if (r === undefined && np.pronoun === 'one' && np.plural && np.noun === null && !np.odd && !np.other && k1 && k2 && k1 !== k2) {
    const both = [k1, k2].map((n) => {
      try {
        return attempt(n);
      } catch (e) {
        if (!(e instanceof UnresolvedReference)) throw e;
        return undefined;
      }
    });
    const ids = both.flatMap((x) => (x?.kind === 'objects' ? x.ids : []));
    if (both.every((x) => x?.kind === 'objects') && ids.length > 0) {
      r = { kind: 'objects', ids, candidates: ids };
      st.notes.push(`'${np.text}': the ${k2} and ${k1} kinds named just before (${ids.join(', ')})`);
    }
  }
  // "first put the small orange block in the bowl, then the big one on the tray": the big orange
  // block, where there is one (a size said against a size is of the same colour), noted.
  if (
    r === undefined &&
    np.kind === 'object' &&
    np.pronoun === 'one' &&
    np.noun === null &&
    np.size !== null &&
    np.colors.length === 0 &&
    !np.other &&
    st.sizedColors !== undefined &&
    thingNoun(st) !== null
  ) {
    try {
      const same = resolveNp({ ...like, noun: thingNoun(st), colors: st.sizedColors, pronoun: undefined } as NounPhrase, st.facts, {
        want,
        // (Not the one named before: "the big blue block …, and the small one" with one blue block is another.)
        exclude: [...(exclude ?? []), ...st.mentioned],
        pronoun: opts.pronoun ?? st.subject,
        self: opts.self,
        lastNoun: thingNoun(st),
        notes: [],
      });
      if (same.kind === 'objects' && same.ids.length === 1) {
        st.notes.push(`'${np.text}': of the same colour as the one named before (${same.ids[0]})`);
        r = same;
      }
    } catch (e) {
      if (!(e instanceof UnresolvedReference)) throw e;
    }
  }
  // "the purple one", and "the other" with no noun ("one ball in the tray and the other in the bowl"): the noun named before.
  // ("the odd one out" is unlike the rest of the table: never "one" of the kind named before.)
  if (
    r === undefined &&
    (np.pronoun === 'one' || (np.other && np.kind === 'object')) &&
    np.noun === null &&
    np.kind !== 'pronoun' &&
    !np.odd
  ) {
    const nouns = oneNouns(st, want);
    for (const [i, noun] of nouns.entries()) {
      try {
        r = attempt(noun);
        break;
      } catch (e) {
        if (!(e instanceof UnresolvedReference) || i === nouns.length - 1) throw e;
      }
    }
  }
  // "line the cans up: white, red, blue": a colour said alone after a kind of thing is one of that
  // kind, where one of that colour is there (as "the white one"); else anything of that colour.
  if (
    r === undefined &&
    np.kind === 'object' &&
    np.noun === null &&
    np.pronoun === undefined &&
    np.colors.length > 0 &&
    !np.other &&
    !np.odd &&
    want !== 'container' &&
    thingNoun(st) !== null
  ) {
    try {
      r = resolveNp({ ...like, noun: thingNoun(st) } as NounPhrase, st.facts, {
        want,
        exclude,
        pronoun: opts.pronoun ?? st.subject,
        named: st.inner,
        self: opts.self,
        lastNoun: st.lastNoun,
        choice: st.choices[np.text],
        notes: st.notes,
        taken: st.placing ? st.moved : undefined,
      });
    } catch (e) {
      if (!(e instanceof UnresolvedReference)) throw e;
    }
  }
  r ??= attempt(st.lastNoun);
  // The nouns named inside the phrase ("the block nearest the yellow bowl") count as named before
  // a later "the green one", the head's last.
  for (const inner of innerPhrases(np)) {
    if (inner.noun === 'zone') continue;
    if (inner.noun !== null) st.nouns.push(inner.noun);
    // What it names, for an "it" with nothing named before ("the two blocks closest to the white bowl go into it").
    if (inner.kind === 'object' && !inner.plural) {
      try {
        // "the red block (under the yellow one)": "one" is the head's noun.
        const ir = resolveNp(inner, st.facts, { want: 'any', lastNoun: np.noun ?? st.lastNoun });
        if (ir.kind === 'objects' && ir.ids.length === 1) st.inner = [...(st.inner ?? []).filter((x) => x !== ir.ids[0]), ir.ids[0]!];
      } catch {
        // it names nothing by itself
      }
    }
  }
  if (np.noun !== null && np.noun !== 'zone') {
    st.lastNoun = np.noun;
    st.nouns.push(np.noun);
    // (Its colour, when a size said which: "the small orange block …, then the big one".)
    if (!CONTAINER_CLASSES.has(np.noun)) st.sizedColors = np.size !== null && np.colors.length > 0 ? np.colors : undefined;
  }
  if (r.kind === 'objects') {
    if (r.candidates.length > 1 && !np.plural && !np.quantifier) st.candidates[np.text] = r.candidates;
    st.mentioned.push(...r.ids);
  }
  return r;
}

/** The phrases named inside a phrase: its relation's reference(s), what is left out, the colour or container it is taken from. */
function innerPhrases(np: NounPhrase): NounPhrase[] {
  const out: NounPhrase[] = [];
  const rel = np.relation;
  if (rel?.between) out.push(...rel.between);
  else if (rel?.np) out.push(rel.np);
  if (np.except) out.push(...np.except);
  if (np.colorOf) out.push(np.colorOf);
  if (np.sameAs) out.push(np.sameAs);
  return out.flatMap((x) => [...innerPhrases(x), x]);
}

function objectIds(
  st: State,
  np: NounPhrase,
  want: Want,
  opts: { exclude?: string[]; pronoun?: string[]; self?: string[] } = {},
): string[] {
  const r = resolve(st, np, want, opts);
  if (r.kind === 'objects') return r.ids;
  throw new UnresolvedReference(`'${np.text}' names ${r.kind === 'zone' ? `the zone ${r.zone}` : 'the table'}, not an object to move`);
}

/** The objects a clause acts on, resolved ("the red, green and blue blocks" → three ids). */
function subjects(st: State, clause: Clause, want: Want = 'thing'): string[] {
  const out: string[] = [];
  // A general plural ("the blocks") next to named ones ("with the blue block at the bottom …") adds nothing.
  // Only of the same kind: "the balls and the blue block" are both named ("both balls" too).
  // ("the red block, then the other blocks": "the other blocks" are named too, as the ones not named.)
  const general = (np: NounPhrase): boolean =>
    np.plural &&
    np.colors.length === 0 &&
    np.kind === 'object' &&
    !np.size &&
    np.count === undefined &&
    np.quantifier !== 'both' &&
    !np.other;
  const named = clause.objects.filter(
    (np) =>
      !general(np) ||
      !clause.objects.some(
        (o) => o !== np && !general(o) && (o.kind !== 'object' || o.noun === null || np.noun === null || o.noun === np.noun),
      ),
  );
  const phrases = named.length > 0 && named.length < clause.objects.length ? named : clause.objects;
  // ("line the cans up: white, red, blue": the kind of the general plural left out is named before the colours.)
  if (phrases === named)
    for (const np of clause.objects) if (!named.includes(np) && np.noun !== null && !CONTAINER_CLASSES.has(np.noun)) st.nouns.push(np.noun);
  for (const np of phrases) {
    if (np.pronoun === 'one' && np.quantifier === 'each' && np.noun === null && st.subject.length > 0) {
      // "put each one …" after a clause that named objects: each of them.
      for (const id of st.subject) if (!out.includes(id)) out.push(id);
      continue;
    }
    // "the others", "the rest": not what this clause or an earlier one named.
    // "the other two", "the other blocks", "the other one": not what this clause or an earlier one named.
    const others = np.other && np.kind === 'object' && np.plural ? [...new Set([...st.mentioned, ...st.keep])] : [];
    // "one ball in the tray and the other in the bowl", "the other bowl": not one named before, of the same sort (things or containers).
    if (np.other && np.kind === 'object' && !np.plural) {
      const container = np.noun !== null && CONTAINER_CLASSES.has(np.noun);
      for (const id of st.mentioned) {
        const shape = st.facts.objects.find((o) => o.id === id)?.shape;
        if ((shape === 'bowl' || shape === 'tray') === container) others.push(id);
      }
    }
    // A group ("the blocks", "every block") leaves out what is kept where it is.
    const kept = (np.plural || np.quantifier !== null) && np.kind === 'object' ? [...st.keep] : [];
    // "every other block" with nothing named before: every second one along the way they lie, from the first.
    if (np.other && /\bevery (other|second)\b/i.test(np.text) && st.mentioned.length === 0 && out.length === 0) {
      const all = objectIds(st, { ...np, other: false }, want, { exclude: kept }).map((id) => st.facts.objects.find((o) => o.id === id)!);
      if (all.length >= 3) {
        const k = spreadAxis(all);
        const sorted = [...all].sort((a, b) => (k === 0 ? a.position[0] - b.position[0] : b.position[1] - a.position[1]));
        const picked = sorted.filter((_, i) => i % 2 === 0).map((o) => o.id);
        st.notes.push(`'${np.text}': every second one ${k === 0 ? 'from the left' : 'from the top'} (${picked.join(', ')})`);
        out.push(...picked);
        continue;
      }
    }
    for (const id of objectIds(st, np, want, { exclude: [...(np.other ? [...out, ...others] : []), ...kept] }))
      if (!out.includes(id)) out.push(id);
  }
  st.moving = out;
  return out;
}

/** Zones whose id names the area ("back_left_corner" for the back left corner). */
function zoneForArea(st: State, area: TableArea): string | null {
  const words = area.label
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => ['left', 'right', 'back', 'front', 'far', 'near', 'top', 'bottom', 'center', 'middle'].includes(w));
  const canon = (w: string): string =>
    (({ far: 'back', top: 'back', near: 'front', bottom: 'front', middle: 'center' }) as Record<string, string>)[w] ?? w;
  const want = new Set(words.map(canon));
  if (want.size === 0) return null;
  const zone = st.facts.zones.find((z) => {
    const parts = new Set(
      z.id
        .toLowerCase()
        .split(/[^a-z]+/)
        .map(canon),
    );
    return (
      [...want].every((w) => parts.has(w)) &&
      [...parts].filter((p) => ['left', 'right', 'back', 'front', 'center'].includes(p)).length === want.size
    );
  });
  return zone?.id ?? null;
}

const CORNERS: readonly TableRegionName[] = ['top_left_corner', 'top_right_corner', 'bottom_left_corner', 'bottom_right_corner'];
const SIDES: readonly TableRegionName[] = ['left_side', 'right_side', 'top_side', 'bottom_side'];

/** The table region a corner or a side of the table names ("the top left corner", "the left side"). */
function regionOfPlace(loc: Location): TableRegionName | null {
  if (loc.kind === 'corner') return `${loc.y > 0 ? 'top' : 'bottom'}_${loc.x > 0 ? 'right' : 'left'}_corner` as TableRegionName;
  if (loc.kind === 'side')
    return (loc.axis === 'x' ? (loc.sign > 0 ? 'right_side' : 'left_side') : loc.sign > 0 ? 'top_side' : 'bottom_side') as TableRegionName;
  return null;
}

function areaOf(st: State, loc: Location, id: string): TableArea | null {
  const placed = regionOfPlace(loc);
  if (placed && (loc.kind === 'corner' || loc.kind === 'side')) return { label: loc.text.replace(/^the\s+/i, ''), region: placed };
  if (loc.kind === 'center') return { label: 'center of the table', region: 'center' };
  if (loc.kind === 'regionBy') {
    // "the corner closest to the green bowl": by the distance of each region's anchor from
    // the object's centre at the start.
    // "the corner farthest from it": the object named before; with none, the one being placed.
    const before = lastOther(st, id);
    const self = loc.np.kind === 'pronoun' && loc.np.pronoun === 'it' && (before.every((x) => x === id) || st.each?.includes(id) === true);
    const ref = self ? id : objectIds(st, loc.np, 'any', { exclude: [id], pronoun: before, self: [id] })[0]!;
    const o = st.facts.objects.find((x) => x.id === ref)!;
    const d = (r: TableRegionName): number =>
      Math.hypot(TABLE_REGIONS[r].anchor[0] - o.position[0], TABLE_REGIONS[r].anchor[1] - o.position[1]);
    const sign = loc.rank === 'closest' ? 1 : -1;
    const region = [...(loc.which === 'corner' ? CORNERS : SIDES)].sort((a, b) => sign * (d(a) - d(b)))[0]!;
    return { label: `${loc.which} ${loc.rank} ${loc.rank === 'closest' ? 'to' : 'from'} ${ref} (${region.replace(/_/g, ' ')})`, region };
  }
  return null;
}

/**
 * "in with it", "in the same bowl as the red block", after an earlier clause put that thing in a
 * container: that container (the scene does not have it there yet).
 */
function plannedContainer(st: State, np: NounPhrase, exclude: string[], pronoun: string[]): string | undefined {
  if (!np.sameAs || !st.putIn) return undefined;
  try {
    const held = objectIds(st, np.sameAs, 'thing', { exclude, pronoun })[0];
    return held === undefined ? undefined : st.putIn.get(held);
  } catch {
    // (Read as the scene has it.)
    return undefined;
  }
}

/** Where a location sends the object `id` (which it must not name itself). */
function destOf(st: State, loc: Location, id: string, preferIn: boolean): Dest | null {
  // "put the purple block on top", with one stack on the table (and it not in it): on its top
  // block. ("at the top", "to the top" are the top of the table.)
  if (loc.kind === 'side' && loc.onTop) {
    const towers = findTowers(st.facts).filter((t) => t.length > 1);
    if (towers.length === 1 && !towers[0]!.includes(id)) {
      const top = towers[0]!.at(-1)!;
      st.notes.push(`'on top': on top of the stack, on ${top}`);
      return { kind: 'on', id: top };
    }
  }
  const area = areaOf(st, loc, id);
  if (area) {
    const zone = loc.kind === 'regionBy' ? null : zoneForArea(st, area);
    return zone ? { kind: 'zone', zone } : { kind: 'area', area };
  }
  // "in the same container as it" after a clause put it in one: that container.
  if (loc.kind === 'in' || loc.kind === 'on') {
    const container = plannedContainer(st, loc.np, [id], lastThing(st, id));
    if (container !== undefined) return { kind: 'in', id: container };
  }
  switch (loc.kind) {
    case 'table':
      return { kind: 'table' };
    case 'at':
      return { kind: 'point', xy: loc.xy, label: `[${loc.xy.join(', ')}]` };
    case 'relation': {
      const ids = objectIds(st, loc.np, 'any', { exclude: [id], pronoun: lastOther(st, id), self: [id] });
      if (loc.gap && loc.rel === 'next') return { kind: 'beside', rel: loc.rel, id: ids[0]! };
      return loc.gap ? { kind: 'beside', rel: loc.rel, id: ids[0]!, gap: loc.gap } : { kind: 'beside', rel: loc.rel, id: ids[0]! };
    }
    case 'on':
    case 'in':
    case 'to': {
      // "…, then the second biggest on top of it": what was just put down, not the container it went in.
      const onTopOfIt = loc.kind === 'on' && loc.np.pronoun === 'it' && loc.top === true;
      // ("put the two blocks nearest the tray on it": "it" is not one of the two, it is the tray named inside.)
      const moving = st.moving ?? [];
      const ofGroup =
        loc.np.kind === 'pronoun' &&
        loc.np.pronoun === 'it' &&
        !onTopOfIt &&
        moving.length >= 2 &&
        moving.includes(id) &&
        lastOther(st, id).every((x) => moving.includes(x)) &&
        !!st.inner?.length;
      // ("move the can on the left coaster onto the middle one": what it stands in or on is the kind meant.)
      const self = st.facts.objects.find((o) => o.id === id);
      const fromHolder =
        loc.kind === 'on' &&
        loc.np.kind === 'object' &&
        loc.np.pronoun === 'one' &&
        loc.np.noun === null &&
        self !== undefined &&
        st.facts.objects.some((c) => c.id !== id && CONTAINERS.includes(c.shape) && holds(c, self));
      const r = resolve(st, loc.np, loc.kind === 'in' || preferIn || fromHolder ? 'container' : 'any', {
        exclude: [id],
        pronoun: ofGroup ? [] : onTopOfIt ? lastThing(st, id) : loc.kind === 'in' ? lastContainer(st, id) : lastOther(st, id),
        self: [id],
      });
      if (r.kind === 'table') return { kind: 'table' };
      if (r.kind === 'zone') return { kind: 'zone', zone: r.zone };
      // "on the stack", "on top of the tower": on its top block (a tower resolves bottom first).
      const onTower = loc.kind === 'on' && loc.np.kind === 'tower' && !loc.np.plural;
      const target = st.facts.objects.find((o) => o.id === (onTower ? r.ids.at(-1) : r.ids[0]))!;
      const container = target.shape === 'bowl' || target.shape === 'tray';
      if (container) return { kind: 'in', id: target.id };
      if (loc.kind === 'to') return { kind: 'beside', rel: 'next', id: target.id };
      return { kind: 'on', id: target.id };
    }
    case 'onEnd': {
      const r = resolve(st, loc.np, 'any', { exclude: [id], pronoun: lastOther(st, id), self: [id] });
      if (r.kind !== 'objects') return null;
      // "on the right side of the bowl": a bowl (or a cube, a ball) has no end to stand on — beside it,
      // that side. A tray or a long plank has ("the right end of the plank").
      const o = st.facts.objects.find((x) => x.id === r.ids[0]);
      const long = o !== undefined && Math.max(o.size[0], o.size[1]) >= 2 * Math.min(o.size[0], o.size[1]);
      if (o !== undefined && o.shape !== 'tray' && !long) {
        const rel = ({ left: 'left', right: 'right', front: 'front', back: 'behind' } as const)[loc.side];
        st.notes.push(`read 'the ${loc.side} side of ${r.ids[0]}' as beside it on that side (it has no ${loc.side} end to stand on)`);
        return { kind: 'beside', rel, id: r.ids[0]! };
      }
      return { kind: 'on', id: r.ids[0]!, end: loc.side };
    }
    case 'between': {
      const named = loc.nps.flatMap((np) => {
        const ids = objectIds(st, np, 'any', { exclude: [id], pronoun: lastOther(st, id), self: [id] });
        return loc.nps.length === 1 ? ids : ids.slice(0, 1);
      });
      if (named.length !== 2) throw new ReadError(`'between' needs two objects; '${loc.nps[0]!.text}' names ${named.length}`);
      const [a, b] = named as [string, string];
      const oa = st.facts.objects.find((x) => x.id === a)!;
      const ob = st.facts.objects.find((x) => x.id === b)!;
      const xy: Vec2 = [
        Math.round(((oa.position[0] + ob.position[0]) / 2) * 1000) / 1000,
        Math.round(((oa.position[1] + ob.position[1]) / 2) * 1000) / 1000,
      ];
      return { kind: 'point', xy, label: `between ${a} and ${b}` };
    }
    case 'where': {
      const ids = objectIds(st, loc.np, 'any', { exclude: [id], pronoun: lastOther(st, id), self: [id] });
      const o = st.facts.objects.find((x) => x.id === ids[0])!;
      return { kind: 'point', xy: [o.position[0], o.position[1]], label: `where ${o.id} was` };
    }
    default:
      return null;
  }
}

/** "it" inside a location phrase: the last named thing that is not the moved object. */
function lastOther(st: State, id: string): string[] {
  for (let i = st.mentioned.length - 1; i >= 0; i--) if (st.mentioned[i] !== id) return [st.mentioned[i]!];
  return st.subject;
}

/** Whether the object `x` is a bowl or a tray. */
const isContainer = (st: State, x: string): boolean => CONTAINERS.includes(st.facts.objects.find((o) => o.id === x)?.shape ?? 'box');

/** The last named thing, not `id`, whether it is a container or not, if any. */
function lastNamed(st: State, id: string, container: boolean): string | undefined {
  for (let i = st.mentioned.length - 1; i >= 0; i--) {
    const x = st.mentioned[i]!;
    if (x !== id && isContainer(st, x) === container) return x;
  }
  return undefined;
}

/** The last named thing, not a container, that is not `id` ("on top of it"); else as lastOther. */
function lastThing(st: State, id: string): string[] {
  const x = lastNamed(st, id, false);
  return x !== undefined ? [x] : lastOther(st, id);
}

/**
 * "take the yellow ball out of the bowl and then put both blocks in it": "in it" is the last
 * named container when the last named thing is none (a ball holds nothing); else as lastOther.
 */
function lastContainer(st: State, id: string): string[] {
  const last = lastOther(st, id);
  if (last.length !== 1 || isContainer(st, last[0]!)) return last;
  const x = lastNamed(st, id, true);
  return x !== undefined ? [x] : last;
}

/** Combine several location phrases of one clause: "to the left of Y, next to it" → left of Y. */
function combineDests(dests: Dest[]): Dest | null {
  if (dests.length === 0) return null;
  // "… in front of X … onto the red tray": inside one thing and beside another cannot both hold;
  // neither is taken silently.
  const inside = dests.find((d) => d.kind === 'in' || d.kind === 'on');
  const beside0 = dests.find((d) => d.kind === 'beside');
  if (inside && beside0 && 'id' in inside && inside.id !== beside0.id)
    throw new ReadError(`could not tell where it goes: ${fmtDest(inside)} and ${fmtDest(beside0)} are both said; say one`);
  const specific = dests.find((d) => d.kind === 'beside' && d.rel !== 'next');
  if (specific) return specific;
  // "in the middle, between A and B": the point between them.
  const point = dests.find((d) => d.kind === 'point');
  if (point && dests.every((d) => d.kind === 'point' || (d.kind === 'area' && d.area.region === 'center'))) return point;
  // "on the table beside the bowl": beside it (on the table is where beside puts it).
  const beside = dests.find((d) => d.kind === 'beside');
  if (beside && dests.every((d) => d.kind === 'beside' || d.kind === 'table')) return beside;
  return dests[0]!;
}

/**
 * "Take the green block off the top, then put the yellow block in the bowl": a lift (not held)
 * of a thing standing on another, with more to do after it, takes it off onto the table
 * (noted) — the fingers are needed for what follows.
 */
function liftedOff(st: State, intents: Intent[]): Intent[] {
  return intents.map((it, k) => {
    if (it.kind !== 'lift' || it.hold || k === intents.length - 1) return it;
    const from = supportOf(st, it.id);
    if (from === null) return it;
    st.notes.push(`took ${it.id} off ${from} onto the table: what follows needs the gripper`);
    return { kind: 'unstack', id: it.id, from };
  });
}

/** What "off X" / "out of X" takes `id` from; of a tower ("off the tower", "off its stack"), what it rests on in it. */
function supportFrom(st: State, from: Extract<Location, { kind: 'from' }>, id: string): string | null {
  // (The bottom of a tower rests on nothing.)
  if (from.np.kind === 'tower') return supportOf(st, id);
  return objectIds(st, from.np, 'any', { exclude: [id] })[0]!;
}

function supportOf(st: State, id: string): string | null {
  const o = st.facts.objects.find((x) => x.id === id);
  if (!o) return null;
  const bottom = o.position[2] - o.size[2] / 2;
  if (bottom < 0.003) return null;
  let best: string | null = null;
  for (const s of st.facts.objects) {
    if (s.id === id) continue;
    const top = s.position[2] + s.size[2] / 2;
    const overlap = Math.hypot(s.position[0] - o.position[0], s.position[1] - o.position[1]) < Math.max(s.size[0], s.size[1]) / 2;
    if (overlap && Math.abs(top - bottom) < 0.02) best = s.id;
    if (overlap && (s.shape === 'bowl' || s.shape === 'tray') && bottom < top) best = s.id;
  }
  return best;
}

/**
 * "take the top block off the tower on the right", "the red one off the left stack": one thing
 * said to come off a tower is one of that tower's (the top block of it, not of the picture).
 * Null when the clause names no single thing off a tower, or none of that tower fits.
 */
function offTower(st: State, clause: Clause, from: Extract<Location, { kind: 'from' }> | undefined): string[] | null {
  const np = clause.objects[0];
  // "the top blocks off the three towers", "the top block off each stack": the top of each.
  if (from?.np.kind === 'tower' && from.np.plural && clause.objects.length === 1 && np?.kind === 'object' && np.nth?.from === 'top') {
    const towers = findTowers(st.facts);
    if (towers.length === 0 || (np.count !== undefined && np.count !== towers.length)) return null;
    const tops = towers.map((t) => t.at(-1)!);
    st.notes.push(`'${np.text}' off '${from.np.text}': the top of each stack (${tops.join(', ')})`);
    return tops;
  }
  // "the top two blocks off the tower", "the bottom three of the stack": that many of that tower, from that end.
  if (
    from?.np.kind === 'tower' &&
    !from.np.plural &&
    clause.objects.length === 1 &&
    np?.kind === 'object' &&
    np.count !== undefined &&
    (np.nth?.from === 'top' || np.nth?.from === 'bottom') &&
    np.nth.n === 1
  ) {
    let tower: string[];
    try {
      tower = objectIds(st, from.np, 'any', { exclude: [] });
    } catch {
      return null;
    }
    if (np.count >= tower.length) throw new ReadError(`'${np.text}': the tower has ${tower.length} blocks`);
    const ids = np.nth.from === 'top' ? tower.slice(-np.count).reverse() : tower.slice(0, np.count);
    st.mentioned.push(...tower.filter((id) => !st.mentioned.includes(id)));
    return ids;
  }
  // "the second block from the top of the tower", "the middle block of the stack": of the one
  // tower there is, counted in it (not among every block of the picture).
  if (
    from?.np.kind === 'tower' &&
    !from.np.plural &&
    !from.np.nth &&
    !from.np.towerSize &&
    clause.objects.length === 1 &&
    np?.kind === 'object' &&
    !np.plural &&
    !np.quantifier &&
    np.nth
  ) {
    const towers = findTowers(st.facts);
    if (towers.length !== 1) return null;
    const outside = st.facts.objects.filter((o) => !towers[0]!.includes(o.id)).map((o) => o.id);
    try {
      const ids = objectIds(st, { ...np, nth: { ...np.nth, height: true } }, 'thing', { exclude: outside });
      // (The tower is named: what stands on the one taken comes off first, uncover below.)
      st.mentioned.push(...towers[0]!.filter((id) => !st.mentioned.includes(id)));
      return ids;
    } catch {
      return null;
    }
  }
  // (Of "the tower" among several, the thing named says which: see supportFrom.)
  if (
    from?.np.kind !== 'tower' ||
    from.np.plural ||
    !(from.np.nth || from.np.towerSize) ||
    clause.objects.length !== 1 ||
    np?.kind !== 'object' ||
    np.plural ||
    np.quantifier
  )
    return null;
  // (A tower it cannot find, "the fourth tower from the left" of three, says so.)
  const tower = objectIds(st, from.np, 'any', { exclude: [] });
  const outside = st.facts.objects.filter((o) => !tower.includes(o.id)).map((o) => o.id);
  try {
    // ("the block off the middle stack": not the one at its bottom, unless it says so.)
    return objectIds(st, np, 'thing', { exclude: np.nth ? outside : [...outside, tower[0]!] });
  } catch {
    return null;
  }
}

/**
 * "take everything out of the tray", "remove all the blocks from the bowl", "take the blocks
 * out of the bowl and put them in the tray": a group taken from something is what is in or on it.
 */
function fromContents(st: State, clause: Clause, from: Extract<Location, { kind: 'from' }> | undefined, ids: string[]): string[] {
  if (!from || !clause.objects.some((np) => np.plural || np.quantifier !== null)) return ids;
  // "unstack the tower and put every block from it in the bowl": the blocks it was made of.
  if (st.tower && (from.np.kind === 'tower' || (from.np.kind === 'pronoun' && from.np.pronoun === 'it'))) {
    const members = ids.filter((id) => st.tower!.includes(id));
    if (members.length > 0) {
      st.notes.push(`'${from.np.text}': the tower taken apart before (${members.join(', ')})`);
      st.subject = members;
      return members;
    }
  }
  // "out of the tray and the bowl": out of each.
  const sources = objectIds(st, from.np, 'any', { exclude: [] });
  // ("out of the bowls": out of each of them.)
  const source = from.np.list || from.np.plural || from.np.quantifier !== null ? sources : sources.slice(0, 1);
  // ("off the towers": what rests on another of a tower's own.)
  // ("from the pile" with nothing stacked: the things lying together in it.)
  const heap = from.np.kind === 'tower' && !source.some((id) => source.includes(supportOf(st, id) ?? ''));
  const inside = ids.filter((id) =>
    heap ? source.includes(id) : (from.np.kind === 'tower' || !source.includes(id)) && source.includes(supportOf(st, id) ?? ''),
  );
  if (inside.length === 0) throw new ReadError(`'${clause.text}': nothing that fits is in or on ${source.join(' or ')}`);
  // "all three balls out of the bowls": as many as it says, or it does not read.
  const said = clause.objects.find((np) => np.count !== undefined)?.count;
  if (said !== undefined && said !== inside.length)
    throw new ReadError(
      `'${clause.text}': it says ${said}, but ${inside.length} ${inside.length === 1 ? 'is' : 'are'} in or on ${source.join(' or ')} (${inside.join(', ')})`,
    );
  st.subject = inside;
  return inside;
}

/** Where a stack goes when the clause names a place for it ("in the top left corner", "on the blue square"). */
function stackSite(st: State, clause: Clause, base: string): Dest | null {
  for (const l of clause.locations) {
    if (!['corner', 'side', 'center', 'regionBy', 'to', 'in', 'on'].includes(l.kind)) continue;
    if (l.kind === 'on' && l.np.pronoun === 'each-other') continue;
    let dest: Dest | null;
    try {
      dest = destOf(st, l, base, false);
    } catch {
      continue;
    }
    if (dest && (dest.kind === 'area' || dest.kind === 'zone' || dest.kind === 'point')) return dest;
  }
  return null;
}

/**
 * "stack the two blocks in the red bowl, yellow on top", "build a tower on the small tray: red at
 * the bottom, …": the container the bottom one goes in (named as one: "on red" is no bowl), noted.
 */
function stackHolder(st: State, clause: Clause, ids: string[]): Dest | null {
  for (const l of clause.locations) {
    if ((l.kind !== 'in' && l.kind !== 'on') || l.np.kind !== 'object' || !CONTAINER_CLASSES.has(l.np.noun ?? 'box') || l.np.plural)
      continue;
    let dest: Dest | null;
    try {
      dest = destOf(st, l, ids[0]!, true);
    } catch {
      continue;
    }
    if (dest?.kind !== 'in' && dest?.kind !== 'on') continue;
    const target = st.facts.objects.find((o) => o.id === dest.id);
    if (!target || ids.includes(target.id) || !CONTAINERS.includes(target.shape)) continue;
    st.notes.push(`the stack stands in ${target.id}: ${ids[0]} goes in first`);
    return { kind: 'in', id: target.id };
  }
  return null;
}

/** Bottom-to-top order of a stack clause. */
function stackOrder(st: State, clause: Clause): string[] {
  if (clause.roles.length > 0) {
    const rank = { bottom: 0, middle: 1, top: 2 } as const;
    const withRoles = clause.roles.map((r) => ({ id: objectIds(st, r.np, 'thing')[0]!, rank: rank[r.role] }));
    // "stack the blocks with red on the bottom and blue on top": the group named besides the roles fills the middle.
    const roleNps = new Set(clause.roles.map((r) => r.np));
    const others = clause.objects.filter((np) => !roleNps.has(np));
    // "take the tower apart, then build it again with green at the bottom and red on top": "it"
    // is the whole tower taken apart, the rest of it in between.
    const again = st.tower && others.length === 1 && others[0]!.kind === 'pronoun' && others[0]!.pronoun === 'it' ? st.tower : null;
    if (again) st.notes.push(`'it': the tower taken apart before (${again.join(', ')})`);
    let rest = (again ?? (others.length > 0 ? subjects(st, { ...clause, objects: others }) : [])).filter(
      (id) => !withRoles.some((w) => w.id === id),
    );
    // "build a tower with the red block on top": one role named and nothing else; the tower is of every block.
    if (others.length === 0 && clause.structure === 'tower' && withRoles.length < 2) {
      rest = st.facts.objects
        .filter((o) => o.shape === 'box' && !withRoles.some((w) => w.id === o.id))
        .sort((a, b) => volume(b) - volume(a))
        .map((o) => o.id);
      st.notes.push(`a tower of every block: ${rest.join(', ')} in between, largest lower`);
    }
    // Unnamed members go in the middle, in the order said: from the top down when the list
    // starts at the top ("red on top, then yellow, then green, then blue at the bottom").
    // "stack the red and the blue block with the white one in the middle": the others below and above it.
    const mids = withRoles.filter((w) => w.rank === 1).map((w) => w.id);
    if (mids.length > 0 && mids.length === withRoles.length && rest.length >= 2) {
      const half = Math.floor(rest.length / 2);
      return [...rest.slice(0, half), ...mids, ...rest.slice(half)];
    }
    let middle = [...mids, ...rest];
    if (clause.roles[0]?.role === 'top' && clause.roles.some((r) => r.role === 'bottom')) middle = middle.reverse();
    return [
      ...withRoles.filter((w) => w.rank === 0).map((w) => w.id),
      ...middle,
      ...withRoles.filter((w) => w.rank === 2).map((w) => w.id),
    ];
  }
  const ids = subjects(st, clause);
  const ons = clause.locations.filter((l): l is Extract<Location, { kind: 'on' }> => l.kind === 'on');
  const chain = ons.length > 1 && ons.length === clause.locations.length ? stackChain(st, clause) : null;
  if (chain) return chain;
  if (ons.length > 0) {
    // "stack X on Y (on Z)": the base comes last.
    const bases = ons.map((l) => objectIds(st, l.np, 'thing', { exclude: ids })[0]!);
    return [...bases.reverse(), ...ids.reverse()];
  }
  if (clause.bySize || (clause.order === null && ids.length > 1 && clause.objects.every((np) => np.plural))) {
    // By size: largest at the bottom unless asked otherwise ("from smallest to largest" = smallest at the bottom).
    const objs = ids.map((id) => st.facts.objects.find((o) => o.id === id)!);
    const asc = clause.bySize === 'asc' && clause.order?.axis === 'z' ? true : clause.bySize === 'asc';
    objs.sort((a, b) => (asc ? volume(a) - volume(b) : volume(b) - volume(a)));
    if (!clause.bySize) st.notes.push('no stacking order given: largest at the bottom');
    return objs.map((o) => o.id);
  }
  if (clause.order?.axis === 'z' && clause.order.sign === -1) return ids.reverse();
  if (!clause.order) st.notes.push('stack order read as listed, bottom first');
  return ids;
}

/**
 * "stack the blue block on the red one and then the green block on top of the blue (one)":
 * each group goes on its own place, and a place may be a thing stacked earlier in the clause.
 * Bottom first when the pairs make one chain from a base that stays where it is; null otherwise.
 */
function stackChain(st: State, clause: Clause): string[] | null {
  const onto = new Map<string, string>();
  let from = 0;
  for (const [k, loc] of clause.locations.entries()) {
    const to = clause.locAt[k] ?? -1;
    if (loc.kind !== 'on' || to <= from) return null;
    const ids = subjects(st, { ...clause, objects: clause.objects.slice(from, to) });
    if (ids.length !== 1) return null;
    const base = objectIds(st, loc.np, 'thing', { exclude: ids })[0]!;
    onto.set(ids[0]!, base);
    from = to;
  }
  if (from !== clause.objects.length) return null;
  const bases = [...onto.values()].filter((b) => !onto.has(b));
  if (bases.length !== 1) return null;
  const order = [bases[0]!];
  for (;;) {
    const next = [...onto].filter(([, b]) => b === order.at(-1)).map(([id]) => id);
    if (next.length === 0) break;
    if (next.length > 1 || order.includes(next[0]!)) return null;
    order.push(next[0]!);
  }
  return order.length === onto.size + 1 ? order : null;
}

/** A clause that names no objects ("make a circle") is about all the blocks. */
function withAll(st: State, clause: Clause): Clause {
  if (clause.objects.length > 0) return clause;
  st.notes.push('no objects named: all the blocks');
  const all: NounPhrase = {
    text: 'all the blocks',
    kind: 'object',
    colors: [],
    noun: 'box',
    plural: true,
    quantifier: 'all',
    size: null,
    other: false,
    matchColor: false,
  };
  return { ...clause, objects: [all] };
}

/** "arrange the blocks in a circle around the bowl". */
function circleOf(st: State, clause: Clause, loc: Extract<Location, { kind: 'circle' }>): Extract<Intent, { kind: 'circle' }> {
  // "arrange the other three cylinders in a circle around the white cylinder": "other" than the
  // centre, named after them — the centre is read first when it says which by itself.
  const otherFirst = clause.objects.some((np) => np.other) && loc.np !== null && loc.np.kind === 'object' && loc.np.pronoun === undefined;
  if (otherFirst && loc.np) {
    try {
      const c = objectIds(st, loc.np, 'any')[0]!;
      const ids = subjects(st, clause);
      const members = ids.filter((id) => id !== c);
      if (members.length >= 3 && !ids.includes(c)) return { kind: 'circle', ids: members, center: c };
    } catch (e) {
      if (!(e instanceof UnresolvedReference)) throw e;
    }
  }
  const ids = subjects(st, clause);
  let center: string | null = null;
  // ("…, then make a circle of the four blocks around it": "it" is the last thing named that is not in the circle.)
  const before = st.mentioned.filter((x) => !ids.includes(x)).slice(-1);
  if (loc.np) center = objectIds(st, loc.np, 'any', { exclude: ids, pronoun: before.length ? before : lastOther(st, ids[0] ?? '') })[0]!;
  const members = ids.filter((id) => id !== center);
  if (members.length < 3) throw new ReadError(`a circle needs three or more objects; '${clause.text}' names ${members.length}`);
  // "around the centre of the table": round that point.
  // Also "in a circle in the middle of the table", the middle said as a place of its own.
  if (loc.center || (!center && clause.locations.some((l) => l.kind === 'center')))
    return { kind: 'circle', ids: members, center: null, at: [...TABLE_REGIONS.center.anchor] as Vec2 };
  if (!center) st.notes.push('no centre given: a circle around where the objects are now');
  return { kind: 'circle', ids: members, center };
}

/**
 * "arrange the six blocks in two rows of three: the red, green and blue blocks in the back
 * row from left to right, and the yellow, orange and purple blocks in front of them": each
 * row is the group named before its place; without groups, rows in the order listed.
 */
function gridOf(st: State, clause: Clause, gridAt: number): Extract<Intent, { kind: 'grid' }> {
  const grid = clause.locations[gridAt] as Extract<Location, { kind: 'grid' }>;
  const named: { ids: string[]; where: 'back' | 'front' | number }[] = [];
  let from = clause.locAt[gridAt] ?? 0;
  for (let i = gridAt + 1; i < clause.locations.length; i++) {
    const l = clause.locations[i]!;
    const at = clause.locAt[i] ?? 0;
    let where: 'back' | 'front' | number | null = null;
    if (l.kind === 'gridRow') where = l.which;
    else if (l.kind === 'relation' && (l.rel === 'front' || l.rel === 'behind') && named.length > 0)
      where = l.rel === 'front' ? 'front' : 'back';
    if (where === null || at <= from) continue;
    const ids = subjects(st, { ...clause, objects: clause.objects.slice(from, at) });
    named.push({ ids, where });
    from = at;
  }
  let rows: string[][];
  if (named.length > 0) {
    // Back rows first: "back"/"first" rows, then numbered ones, then "front" ones; "in front of them" after the row before.
    rows = [];
    for (const r of named) {
      if (r.where === 'back' && rows.length > 0 && r !== named[0]) rows.unshift(r.ids);
      else rows.push(r.ids);
    }
  } else {
    const ids = subjects(st, clause);
    const n = grid.rows ?? (grid.cols ? Math.ceil(ids.length / grid.cols) : 2);
    const cols = grid.cols ?? Math.ceil(ids.length / n);
    rows = [];
    for (let k = 0; k < ids.length; k += cols) rows.push(ids.slice(k, k + cols));
    st.notes.push('rows filled in the order listed, the first at the back');
  }
  if (grid.rows !== null && rows.length !== grid.rows)
    throw new ReadError(`'${clause.text}' asks for ${grid.rows} rows but names ${rows.length}`);
  if (clause.order?.axis === 'x' && clause.order.sign === -1) rows = rows.map((r) => [...r].reverse());
  if (rows.some((r) => r.length === 0)) throw new ReadError(`a row of '${clause.text}' names no objects`);
  return { kind: 'grid', rows };
}

/**
 * "line up the red, green and blue blocks from left to right", "put all the blocks in a
 * vertical line sorted by size from top to bottom": the objects in the order they go,
 * along +x (left to right) or +y (bottom to top of the image).
 */
function lineOrder(st: State, clause: Clause): Extract<Intent, { kind: 'lineUp' }> {
  // "put the two blocks and the two balls in a row, left to right: red block, blue block, red ball,
  // blue ball": the things listed one by one after the counted groups are those groups, in order.
  const counted = clause.objects.filter((np) => np.count !== undefined && (np.plural || np.quantifier));
  const lastCounted = clause.objects.reduce((last, np, k) => (counted.includes(np) ? k : last), -1);
  const listed = clause.objects.slice(lastCounted + 1);
  if (
    counted.length > 0 &&
    lastCounted === counted.length - 1 &&
    listed.length >= 2 &&
    listed.every((np) => !np.plural && !np.quantifier && np.kind === 'object') &&
    counted.reduce((n, np) => n + np.count!, 0) === listed.length &&
    // (Each group's kind as many times as it counts: "the two blocks, the ball and the can" are four things.)
    // (A colour alone, "white, red, yellow", is of the one group's kind.)
    counted.every((g) => listed.filter((np) => np.noun === g.noun || (np.noun === null && counted.length === 1)).length === g.count)
  ) {
    st.notes.push(`${counted.map((np) => `'${np.text}'`).join(' and ')}: the ${listed.length} listed after, in that order`);
    clause = { ...clause, objects: listed };
  }
  const ends = (clause.ends ?? []).map((e) => ({ id: objectIds(st, e.np, 'thing')[0]!, side: e.side, text: e.np.text }));
  const atStart = (side: string): boolean => side === 'left' || side === 'bottom' || side === 'first';
  let ids = clause.objects.length > 0 ? subjects(st, clause) : [];
  for (const e of ends) if (!ids.includes(e.id)) ids.push(e.id);
  const row = clause.locations.find((l): l is Extract<Location, { kind: 'row' }> => l.kind === 'row');
  // A line along a side of the table with no direction of its own runs along that side.
  const side = clause.locations.find((l): l is Extract<Location, { kind: 'side' }> => l.kind === 'side');
  // "line the white block and the black ball up under the middle bowl", "in a row to the left of the
  // tray": the line runs on from the thing named, away from it that way; it stays where it is, at
  // that end (in a line the other way, or with a place of the table, it says nothing of the line).
  // (One thing named, not "the can of the same colour" for each, not "the bowls".)
  const beside = clause.locations.find(
    (l): l is Extract<Location, { kind: 'relation' }> =>
      l.kind === 'relation' &&
      l.rel !== 'next' &&
      !l.gap &&
      !l.np.plural &&
      !l.np.matchColor &&
      l.np.colorOf === undefined &&
      !clause.objects.some((np) => np.quantifier === 'each'),
  );
  const besideLine = beside ? (beside.rel === 'left' || beside.rel === 'right' ? 'horizontal' : 'vertical') : null;
  const anchored =
    beside &&
    !side &&
    !clause.locations.some((l) => ['corner', 'center', 'at', 'in', 'on'].includes(l.kind)) &&
    (row?.line ?? besideLine) === besideLine &&
    // ("in a row in front of the ball": a row runs across, placed there; not read.)
    !(besideLine === 'vertical' && /\brows?\b/.test(clause.text))
      ? beside
      : null;
  const line = row?.line ?? (side ? (side.axis === 'x' ? 'vertical' : 'horizontal') : anchored ? besideLine : null);
  // In a line on the table, "top to bottom" is along the image (y), not a height.
  let order = clause.order ? { axis: clause.order.axis === 'z' ? ('y' as const) : clause.order.axis, sign: clause.order.sign } : null;
  let axis: 'x' | 'y' = line === 'vertical' ? 'y' : line === 'horizontal' || line === 'diagonal' ? 'x' : (order?.axis ?? 'x');
  if (order && line !== 'diagonal' && order.axis !== axis) {
    st.notes.push(`a ${line} line cannot run ${order.axis === 'x' ? 'left to right' : 'top to bottom'}: ordered along the line instead`);
    order = { axis, sign: order.sign };
  }
  if (line === 'diagonal' && order) axis = 'x';
  const obj = (id: string): ObjectInfo => st.facts.objects.find((o) => o.id === id)!;
  const named = clause.objects.filter((np) => !(np.plural || np.quantifier)).length;
  if (clause.bySize) {
    const objs = ids.map(obj);
    objs.sort((a, b) => (clause.bySize === 'asc' ? volume(a) - volume(b) : volume(b) - volume(a)));
    ids = objs.map((o) => o.id);
  } else if (named === 0) {
    // "the blocks" in a line, no order of their own: in the order they stand along it (shortest carries).
    const k = axis === 'x' ? 0 : 1;
    ids = [...ids].sort((a, b) => obj(a).position[k] - obj(b).position[k]);
  }
  // "turn the column into a row, same order, with the red block on the left": things lying in a
  // line across the new one, none named alone, keep their order along it, from the end one is pinned to.
  const pin = ends.find((e) => ids.includes(e.id));
  const alone = clause.objects.filter(
    (np) => !(np.plural || np.quantifier || np.kind === 'tower' || /\b(column|row|line)\b/.test(np.text)),
  );
  if (pin && !clause.bySize && !order && alone.length === 0 && ids.length >= 3) {
    const k = axis === 'x' ? 0 : 1;
    const was = (1 - k) as 0 | 1;
    const objs = ids.map(obj);
    // (A line: centres within 10 cm across it, twice as long as that; the pinned one at an end of it.)
    const along = [...ids].sort((a, b) => obj(a).position[was] - obj(b).position[was]);
    const at = along.indexOf(pin.id);
    if (spreadOf(objs, k) <= 0.1 && spreadOf(objs, was) >= 2 * spreadOf(objs, k) && (at === 0 || at === along.length - 1)) {
      ids = along;
      if (at === 0 ? !atStart(pin.side) : atStart(pin.side)) ids.reverse();
      st.notes.push(`the things lie in a line the other way: kept in that order, from ${pin.text}'s end (${ids.join(', ')})`);
    }
  }
  // "put the blocks in reverse order", "reverse the row": along the way they lie now, the other way round.
  if (clause.reverse && !clause.bySize && !order && ids.length >= 2) {
    if (line === null) axis = spreadAxis(ids.map(obj)) === 0 ? 'x' : 'y';
    const k = axis === 'x' ? 0 : 1;
    ids = [...ids].sort((a, b) => obj(b).position[k] - obj(a).position[k]);
    st.notes.push(`in reverse order: ${ids.join(', ')} along ${axis === 'x' ? 'left to right' : 'bottom to top'}`);
  }
  if (order && order.sign === -1 && (named > 0 || clause.bySize)) {
    // Along a diagonal, "top to bottom" starts at its left end when it falls to the right.
    if (!(line === 'diagonal' && clause.order?.axis !== 'x')) ids = [...ids].reverse();
  }
  if (!order && (named > 0 || clause.bySize) && ends.length === 0)
    st.notes.push(`row direction not given: ${axis === 'x' ? 'left to right' : 'bottom to top'}`);
  // "red at the bottom and white at the top": those at that end of the line (left / bottom = its start).
  if (ends.length > 0) {
    const first: string[] = [];
    const last: string[] = [];
    const middle: string[] = [];
    for (const e of ends) {
      if (e.side === 'middle') {
        middle.push(e.id);
        continue;
      }
      const along = e.side === 'left' || e.side === 'right' ? 'x' : e.side === 'first' || e.side === 'last' ? axis : 'y';
      if (along !== axis && line !== 'diagonal') {
        st.notes.push(`'${e.text}' at the ${e.side} of a line along ${axis}: read as its ${atStart(e.side) ? 'start' : 'end'}`);
      }
      (atStart(e.side) ? first : last).push(e.id);
    }
    ids = [...first, ...ids.filter((id) => !first.includes(id) && !last.includes(id) && !middle.includes(id)), ...last];
    // ("… with the orange one in the middle": at the middle place of the line.)
    if (middle.length > 0) ids.splice(Math.floor((ids.length - middle.length + 1) / 2), 0, ...middle);
  }
  const intent: Extract<Intent, { kind: 'lineUp' }> = { kind: 'lineUp', ids, axis };
  if (anchored) {
    // ("the four things in a column behind the blue block", the blue block one of them: it stays, at the near end.)
    const own = resolve(st, anchored.np, 'any');
    const inLine = own.kind === 'objects' && own.ids.length === 1 && ids.includes(own.ids[0]!) ? own.ids[0]! : null;
    const anchor = inLine ?? objectIds(st, anchored.np, 'any', { exclude: ids })[0]!;
    // Below it (in front, the image's bottom) or to its left: it ends the line; above or to its right: it starts it.
    const last = anchored.rel === 'front' || anchored.rel === 'left';
    intent.ids = last ? [...ids.filter((id) => id !== anchor), anchor] : [anchor, ...ids.filter((id) => id !== anchor)];
    intent.anchor = anchor;
    st.notes.push(`the ${line} line runs on from ${anchor}, which stays where it is`);
  }
  // "in a line along the top of the table", "vertically on the left side": the line in that region.
  const area = clause.locations.map((l) => (['corner', 'side', 'center'].includes(l.kind) ? areaOf(st, l, ids[0]!) : null)).find((a) => a);
  if (area) intent.region = area.region;
  const at = clause.locations.find((l) => l.kind === 'at');
  if (at) intent.through = at.xy;
  if (line) intent.line = line;
  else if (row) intent.line = axis === 'x' ? 'horizontal' : 'vertical';
  if (clause.slope) {
    intent.line = 'diagonal';
    intent.axis = 'x';
    intent.slope = clause.slope;
  }
  return intent;
}

/**
 * The one bowl or tray a straight row (not a diagonal, not along a table region) is asked to
 * lie in ("… side by side in the bowl"), when one is named with "in" or "on"; else null.
 */
function lineContainer(st: State, locs: Location[], line: Extract<Intent, { kind: 'lineUp' }>): string | null {
  if (line.line === 'diagonal' || line.region || line.through) return null;
  const loc = locs.find((l): l is Extract<Location, { kind: 'in' | 'on' }> => l.kind === 'in' || l.kind === 'on');
  if (!loc || loc.np.plural || loc.np.quantifier) return null;
  const r = resolve(st, loc.np, 'container', { exclude: line.ids });
  if (r.kind !== 'objects' || r.ids.length !== 1) return null;
  const target = st.facts.objects.find((o) => o.id === r.ids[0]);
  return target?.shape === 'bowl' || target?.shape === 'tray' ? target.id : null;
}

/**
 * A line asked to lie in one bowl or tray (lineContainer): the things gathered in it in the line's
 * order, noted as `what` ("a line", "a row", "side by side"); else null.
 */
function lineInside(st: State, locs: Location[], line: Extract<Intent, { kind: 'lineUp' }>, what: string): Intent | null {
  const within = lineContainer(st, locs, line);
  if (!within) return null;
  st.notes.push(
    `${what} in ${within}: ${line.ids.join(', ')} in that order along ${line.axis === 'x' ? 'left to right' : 'bottom to top'}`,
  );
  return { kind: 'gather', ids: line.ids, container: within, along: line.axis };
}

/** Each object to a container of another colour, one container each, the shortest carries overall. */
function mismatchPairs(st: State, ids: string[], containerNp: NounPhrase, oneEach = false): { id: string; container: string }[] {
  const containers = st.facts.objects.filter((o) => {
    if (!(o.shape === 'bowl' || o.shape === 'tray') || ids.includes(o.id)) return false;
    if (containerNp.noun === 'bowl') return o.shape === 'bowl';
    if (containerNp.noun === 'tray') return o.shape === 'tray';
    return true;
  });
  const objs = ids.map((id) => st.facts.objects.find((o) => o.id === id)!);
  if (containers.length < objs.length && (oneEach || containers.length === 0)) {
    throw new ReadError(
      `'${containerNp.text}': ${objs.length} objects need a ${containerNp.noun ?? 'container'} each, of another colour, but there ${containers.length === 1 ? 'is' : 'are'} ${containers.length}`,
    );
  }
  // One each when there are enough; fewer: they share, as evenly as they can ("every block in the bowl of the other colour").
  const share = Math.ceil(objs.length / containers.length);
  if (share > 1) st.notes.push(`${objs.length} objects, ${containers.length} ${containerNp.noun ?? 'container'}s: up to ${share} in each`);
  const slots = containers.flatMap((c) => Array.from({ length: share }, () => c));
  const pick = cheapestAssignment(
    objs.map((o) => o.position),
    slots.map((c) => c.position),
    (k, j) => slots[j]!.color !== objs[k]!.color,
  );
  const found = pick?.map((j) => containers.indexOf(slots[j]!)) ?? null;
  if (!found) {
    throw new ReadError(
      `'${containerNp.text}': cannot give each of ${ids.join(', ')} its own ${containerNp.noun ?? 'container'} of another colour`,
    );
  }
  st.notes.push(
    share > 1
      ? `mismatched colours: each to a ${containerNp.noun ?? 'container'} of another colour, shared evenly, the shortest carries overall`
      : `mismatched colours: each to a different ${containerNp.noun ?? 'container'} of another colour, the shortest carries overall`,
  );
  return objs.map((o, k) => ({ id: o.id, container: containers[found[k]!]!.id }));
}

/**
 * The objects a distinct assignment places. "one block per bowl" names one block but means
 * one for each place: every object of that kind, as many as there are places (the ones the
 * ambiguity rule puts first, noted); otherwise the objects named.
 */
function perObjects(st: State, clause: Clause, ids: string[], distinct: Extract<Location, { kind: 'distinct' }>): string[] {
  const np = clause.objects[0];
  if (!distinct.per || ids.length !== 1 || clause.objects.length !== 1 || !np || np.plural || np.quantifier) return ids;
  const places =
    distinct.which === 'corner'
      ? CORNERS.length
      : distinct.which === 'side'
        ? SIDES.length
        : containersOf(st, distinct.noun ?? 'container', distinct.colors).length;
  const r = resolveNp({ ...np, plural: true, count: undefined, text: np.text }, st.facts, { want: 'thing', lastNoun: st.lastNoun });
  const found = r.kind === 'objects' ? r.ids : ids;
  // ("one block in each corner, leave the white one in the middle": not one that stays.)
  const all = found.some((id) => !st.keep.has(id)) ? found.filter((id) => !st.keep.has(id)) : found;
  const chosen = all.slice(0, Math.max(1, places));
  if (all.length > chosen.length) st.notes.push(`'${clause.text}': ${all.length} fit, ${places} places; chose ${chosen.join(', ')}`);
  return chosen;
}

/**
 * "put three blocks on each tray", "two balls in every bowl": that many in each container, the
 * shortest carries overall (which of them go is part of it when more fit). Null when not said so.
 */
function countEach(
  st: State,
  clause: Clause,
  ids: string[],
  distinct: Extract<Location, { kind: 'distinct' }>,
): { id: string; container: string }[] | null {
  const np = clause.objects[0];
  const n = np?.count;
  if (!distinct.per || distinct.cover || clause.objects.length !== 1 || !np || n === undefined || n < 2 || ids.length !== n) return null;
  const containers = containersOf(st, distinct.noun ?? 'container', distinct.colors).filter((o) => !st.keepEmpty.has(o.id));
  if (containers.length < 2) return null;
  const r = resolveNp({ ...np, count: undefined, plural: true }, st.facts, { want: 'thing', lastNoun: st.lastNoun });
  const all = (r.kind === 'objects' ? r.ids : ids).filter((id) => !containers.some((c) => c.id === id));
  const name = distinct.noun === 'container' || distinct.noun === undefined ? 'container' : distinct.noun;
  const need = n * containers.length;
  if (all.length < need)
    throw new ReadError(
      `'${clause.text}': ${n} in each of ${containers.length} ${name}s needs ${need}, but ${all.length} fit (${all.join(', ')})`,
    );
  const objs = all.map((id) => st.facts.objects.find((o) => o.id === id)!);
  const slots = containers.flatMap((c) => Array.from({ length: n }, () => c));
  // Each slot takes an object of its own (the objects left over stay where they are).
  const pick = cheapestAssignment(
    slots.map((c) => c.position),
    objs.map((o) => o.position),
  );
  if (!pick) return null;
  st.notes.push(`${n} in each ${name}: ${need} of ${all.length}, the shortest carries overall`);
  return slots.map((c, k) => ({ id: objs[pick[k]!]!.id, container: c.id }));
}

function containersOf(st: State, noun: NounClass, colors?: readonly string[]): ObjectInfo[] {
  return st.facts.objects.filter(
    (o) =>
      (noun === 'bowl' ? o.shape === 'bowl' : noun === 'tray' ? o.shape === 'tray' : o.shape === 'bowl' || o.shape === 'tray') &&
      (colors === undefined || colors.length === 0 || colors.includes(o.color)),
  );
}

/** "each block in a different bowl", "one block per bowl": a container of its own each, the shortest carries overall. */
function distinctContainers(
  st: State,
  ids: string[],
  noun: NounClass,
  text: string,
  cover = false,
  colors?: readonly string[],
  empty = false,
): { id: string; container: string }[] {
  // (Not one that is to stay empty: "…, and leave the white bowl empty"; "on the empty trays, one
  // each": only those with nothing in or on them but what moves.)
  const holdsOther = (c: ObjectInfo): boolean => st.facts.objects.some((o) => o.id !== c.id && !ids.includes(o.id) && holds(c, o));
  const containers = containersOf(st, noun, colors).filter(
    (o) => !ids.includes(o.id) && !st.keepEmpty.has(o.id) && !(empty && holdsOther(o)),
  );
  const name = noun === 'container' ? 'container' : noun;
  if (cover) return coverContainers(st, ids, containers, name, text);
  if (ids.length > containers.length) {
    throw new ReadError(
      `'${text}': ${ids.length} objects need a ${name} each, but there ${containers.length === 1 ? 'is' : 'are'} ${containers.length}`,
    );
  }
  const objs = ids.map((id) => st.facts.objects.find((o) => o.id === id)!);
  const found = cheapestAssignment(
    objs.map((o) => o.position),
    containers.map((c) => c.position),
  )!;
  st.notes.push(`a ${name} each: each to a ${name} of its own, the shortest carries overall`);
  return objs.map((o, k) => ({ id: o.id, container: containers[found[k]!]!.id }));
}

/**
 * "so that no bowl is left empty": every container gets one at least, the rest share as
 * evenly as they can; the shortest carries overall. An error when there are fewer objects
 * than containers.
 */
function coverContainers(
  st: State,
  ids: string[],
  containers: ObjectInfo[],
  name: string,
  text: string,
): { id: string; container: string }[] {
  if (containers.length === 0) throw new ReadError(`'${text}': there is no ${name}`);
  if (ids.length < containers.length)
    throw new ReadError(
      `'${text}': ${containers.length} ${name}s to fill but only ${ids.length} object${ids.length === 1 ? '' : 's'} (${ids.join(', ')})`,
    );
  const share = Math.ceil(ids.length / containers.length);
  const slots = containers.flatMap((c) => Array.from({ length: share }, () => c));
  const objs = ids.map((id) => st.facts.objects.find((o) => o.id === id)!);
  const pick = cheapestAssignment(
    objs.map((o) => o.position),
    slots.map((c) => c.position),
    undefined,
    (p) => containers.every((c) => p.some((j) => slots[j] === c)),
  );
  if (!pick) throw new ReadError(`'${text}': cannot give every ${name} one of ${ids.join(', ')}`);
  st.notes.push(`no ${name} empty: each ${name} gets one at least, the shortest carries overall`);
  return objs.map((o, k) => ({ id: o.id, container: slots[pick[k]!]!.id }));
}

/**
 * The one-to-one assignment of objects (at `from`) to places (at `to`) with the shortest
 * carries overall, by a bounded branch-and-bound search: `pick[k]` is the place of object k;
 * null when no assignment keeps to `allowed`. Among equal totals the first found wins.
 */
function cheapestAssignment(
  from: readonly (readonly number[])[],
  to: readonly (readonly number[])[],
  allowed: (k: number, j: number) => boolean = () => true,
  complete: (pick: readonly number[]) => boolean = () => true,
): number[] | null {
  let best: { cost: number; pick: number[] } | null = null;
  const used = new Set<number>();
  const pick: number[] = [];
  let visited = 0;
  const search = (k: number, cost: number): void => {
    if (best && cost >= best.cost) return;
    if (++visited > 200000) return;
    if (k === from.length) {
      if (complete(pick)) best = { cost, pick: [...pick] };
      return;
    }
    const p = from[k]!;
    to.forEach((q, j) => {
      if (used.has(j) || !allowed(k, j)) return;
      used.add(j);
      pick.push(j);
      search(k + 1, cost + Math.hypot(q[0]! - p[0]!, q[1]! - p[1]!));
      pick.pop();
      used.delete(j);
    });
  };
  search(0, 0);
  return (best as { cost: number; pick: number[] } | null)?.pick ?? null;
}

/** "in different corners": each object to a corner (side) of its own, the shortest carries overall. */
function distinctAreas(
  st: State,
  ids: string[],
  which: 'corner' | 'side',
  text: string,
  opposite?: 'any' | 'x' | 'y',
  empty?: boolean,
  onSide?: string,
  pins?: ReadonlyMap<string, TableRegionName>,
): Dest[] {
  let regions = which === 'corner' ? CORNERS : SIDES;
  if (onSide) regions = regions.filter((r) => r.split('_').includes(onSide));
  if (empty) {
    // "the empty corners": those no other object stands in (what moves may already be in one).
    const others = st.facts.objects.filter((o) => !ids.includes(o.id));
    regions = regions.filter((r) => !others.some((o) => inTableRegion(r, o.position)));
    st.notes.push(`empty ${which}s: ${regions.map((r) => r.replace(/_/g, ' ')).join(', ') || 'none'}`);
    if (ids.length > regions.length)
      throw new ReadError(`'${text}': ${ids.length} objects but ${regions.length === 0 ? 'no' : `only ${regions.length}`} empty ${which}s`);
  }
  if (ids.length > regions.length) throw new ReadError(`'${text}': ${ids.length} objects but only ${regions.length} ${which}s`);
  if (opposite && ids.length !== 2) throw new ReadError(`'${text}': opposite ${which}s are for two objects, not ${ids.length}`);
  const objs = ids.map((id) => st.facts.objects.find((o) => o.id === id)!);
  // Opposite: corners across the diagonal (their anchors mirrored through the centre); sides
  // facing each other (left–right; top–bottom unless the ends of the table were asked for).
  const facing = (a: TableRegionName, b: TableRegionName): boolean => {
    const [pa, pb] = [TABLE_REGIONS[a].anchor, TABLE_REGIONS[b].anchor];
    const mirrored = Math.abs(pa[0] + pb[0]) < 1e-6 && Math.abs(pa[1] + pb[1]) < 1e-6;
    return mirrored && (opposite !== 'x' || Math.abs(pa[1]) < 1e-6);
  };
  const chosen = cheapestAssignment(
    objs.map((o) => o.position),
    regions.map((r) => TABLE_REGIONS[r].anchor),
    (k, j) => pins?.get(ids[k]!) === undefined || pins.get(ids[k]!) === regions[j],
    (p) => !opposite || facing(regions[p[0]!]!, regions[p[1]!]!),
  );
  if (!chosen) throw new ReadError(`'${text}': no ${which} each keeps to the ones said`);
  if (opposite)
    st.notes.push(`opposite ${which}s: ${chosen.map((j) => regions[j]!.replace(/_/g, ' ')).join(' and ')}, the shortest carries`);
  return chosen.map((j) => {
    const region = regions[j]!;
    const area: TableArea = { label: region.replace(/_/g, ' '), region };
    const zone = zoneForArea(st, area);
    return zone ? { kind: 'zone', zone } : { kind: 'area', area };
  });
}

/**
 * "put A and B in the same bowl", "… in one bowl": one container for them all, the one that
 * needs the shortest carries (what is in it already stays), noted.
 */
function sameContainer(st: State, np: NounPhrase, ids: string[]): Referent {
  const all = resolve(st, { ...np, same: false, plural: true, quantifier: 'all' }, 'container', { exclude: ids });
  if (all.kind !== 'objects' || all.ids.length === 0) return all;
  const carry = (c: string): number => {
    const to = st.facts.objects.find((o) => o.id === c)!;
    return ids.reduce((sum, id) => {
      if (supportOf(st, id) === c) return sum;
      const o = st.facts.objects.find((x) => x.id === id)!;
      return sum + Math.hypot(o.position[0] - to.position[0], o.position[1] - to.position[1]);
    }, 0);
  };
  const best = [...all.ids].sort((a, b) => carry(a) - carry(b))[0]!;
  if (all.ids.length > 1) st.notes.push(`'${np.text}': ${all.ids.join(', ')} would do; chose ${best}, the shortest carries`);
  // Only the chosen one was named: "… in one bowl and the blue ones in the other bowl".
  st.mentioned = [...st.mentioned.filter((id) => !all.ids.includes(id)), best];
  return { kind: 'objects', ids: [best], candidates: all.ids };
}

/** Whether an object rests on the table itself (by the scene facts: its bottom at the table, in no container). */
function restsOnTable(st: State, id: string): boolean {
  const o = st.facts.objects.find((x) => x.id === id)!;
  return o.position[2] - o.size[2] / 2 < 0.003 && supportOf(st, id) === null;
}

/** "the big block of the same colour": a thing (not a container or a zone) of the colour of what is put on it. */
function namesTwin(np: NounPhrase): boolean {
  // ("the big ones of the same colour": things of a size, of no kind named.)
  if (np.noun === null) return np.matchColor && !np.colorOf && np.pronoun === 'one' && np.size !== null;
  return np.matchColor && !np.colorOf && !CONTAINER_CLASSES.has(np.noun) && np.noun !== 'zone';
}

/**
 * "put each small block on (top of) the big block of the same colour": each of `ids` on another
 * thing of the phrase's kind and its own colour — the biggest (smallest) of them when the phrase
 * says a size, else the only one — and none of them is one that moves. Noted.
 */
/** The thing of `id`'s colour that `np` names ("the big block of the same colour", "the can that's the same colour"). */
function twinOf(st: State, id: string, ids: string[], np: NounPhrase): string {
  const shapes = np.noun === null ? null : shapesOf(np.noun, false);
  const o = st.facts.objects.find((x) => x.id === id)!;
  const twins = st.facts.objects.filter(
    (x) =>
      x.id !== id &&
      !ids.includes(x.id) &&
      x.color === o.color &&
      (shapes === null ? x.shape !== 'bowl' && x.shape !== 'tray' : shapes.includes(x.shape)),
  );
  if (twins.length === 0) throw new UnresolvedReference(`'${np.text}': nothing else has the colour of ${id} (${o.color})`);
  let twin = twins[0]!;
  if (twins.length > 1) {
    if (np.size === null)
      throw new UnresolvedReference(`'${np.text}': ${twins.map((x) => x.id).join(', ')} all have the colour of ${id}; say which`);
    const bigger = np.size === 'largest' || np.size === 'tallest';
    twin = [...twins].sort((a, b) => (bigger ? volume(b) - volume(a) : volume(a) - volume(b)))[0]!;
  }
  return twin.id;
}

/**
 * "put each block just in front of the can that's the same colour": each beside its own twin,
 * as the relation says (noted).
 */
function besideTwins(st: State, ids: string[], loc: Extract<Location, { kind: 'relation' }>): Intent[] {
  const out: Intent[] = [];
  const pairs: string[] = [];
  for (const id of ids) {
    const twin = twinOf(st, id, ids, loc.np);
    const dest = destOf(st, { ...loc, np: { ...loc.np, kind: 'id', id: twin, text: twin, matchColor: false } }, id, false);
    if (!dest) throw new ReadError(`could not read where '${loc.np.text}' puts ${id}`);
    out.push({ kind: 'place', id, dest, upright: false, notOn: null });
    pairs.push(`${id} by ${twin}`);
  }
  st.notes.push(`'${loc.np.text}': each beside its own (${pairs.join(', ')})`);
  return out;
}

function ontoTwins(st: State, ids: string[], np: NounPhrase): Intent[] {
  const out: Intent[] = [];
  for (const id of ids) {
    out.push({ kind: 'place', id, dest: { kind: 'on', id: twinOf(st, id, ids, np) }, upright: false, notOn: null });
  }
  st.notes.push(
    `'${np.text}': ${out.map((x) => (x.kind === 'place' && x.dest.kind === 'on' ? `${x.id} on ${x.dest.id}` : '')).join(', ')}`,
  );
  return out;
}

function sortPairs(st: State, ids: string[], containerNp: NounPhrase | null, oneEach = false): { id: string; container: string }[] {
  if (containerNp?.mismatchColor) return mismatchPairs(st, ids, containerNp, oneEach);
  const containers = st.facts.objects.filter((o) => {
    if (!(o.shape === 'bowl' || o.shape === 'tray')) return false;
    if (containerNp?.noun === 'bowl') return o.shape === 'bowl';
    if (containerNp?.noun === 'tray') return o.shape === 'tray';
    return true;
  });
  const pairs: { id: string; container: string }[] = [];
  for (const id of ids) {
    const o = st.facts.objects.find((x) => x.id === id)!;
    const match = containers.find((c) => c.color === o.color);
    if (match) pairs.push({ id, container: match.id });
    else st.notes.push(`no ${containerNp?.noun ?? 'container'} has the colour of ${id}; left it`);
  }
  if (pairs.length === 0) throw new UnresolvedReference(`no ${containerNp?.noun ?? 'container'} matches the colour of ${ids.join(', ')}`);
  return pairs;
}

/** Places that may each follow their own group of objects in one clause. */
const GROUP_PLACES: ReadonlySet<Location['kind']> = new Set([
  'in',
  'on',
  'to',
  // ("put the cans in a row and the balls in the bowl".)
  'row',
  'circle',
  'corner',
  'side',
  'center',
  'regionBy',
  'relation',
  'table',
]);

/**
 * "Sort the blocks: the small red blocks go in the red bowl, the small blue blocks in the
 * blue bowl, and the big blocks in the tray": several places, each after its own group of
 * objects. Returns one put clause per group, or null when the clause is not like that.
 */
function groupClauses(clause: Clause): Clause[] | null {
  // Also "move the red block to the top left corner, the green block to the bottom side and the blue one to the middle".
  // "stack the red block on the yellow block and the blue block on the green block": two puts on.
  // ("build the yellow one on it and the red one on top of that": each on the one before, as "stack".)
  if (!(clause.verb === 'sort' || clause.verb === 'put' || clause.verb === 'gather' || clause.verb === 'stack' || clause.verb === 'build'))
    return null;
  if ((clause.verb === 'stack' || clause.verb === 'build') && !clause.locations.every((l) => l.kind === 'on')) return null;
  const places = clause.locations.map((l, i) => ({ l, at: clause.locAt[i] ?? 0 }));
  if (places.length < 2 || !places.every((p) => GROUP_PLACES.has(p.l.kind))) return null;
  // A row or a circle only beside containers ("put the cans in a row and the balls in the bowl"), once.
  const shaped = places.filter((p) => p.l.kind === 'row' || p.l.kind === 'circle');
  if (shaped.length > 1 || (shaped.length === 1 && !places.every((p) => p === shaped[0] || ['in', 'on', 'to'].includes(p.l.kind))))
    return null;
  const groups: Clause[] = [];
  let from = 0;
  for (const p of places) {
    // "put the blue block on the table to the left of the red one, then the yellow one …": the table, and where on it.
    const last = groups.at(-1);
    if (p.at === from && last && last.locations.length === 1 && last.locations[0]!.kind === 'table' && p.l.kind === 'relation') {
      last.locations = [...last.locations, p.l];
      last.locAt = [...last.locAt, last.locAt[0]!];
      continue;
    }
    if (p.at <= from) return null;
    // "stack the yellow block on it and the red block on top of that": on the one the group before put down.
    const before = last?.objects.length === 1 && last.objects[0]!.kind === 'object' ? last.objects[0]! : null;
    // ("put the yellow block on the green one, then the blue one on that, and the red one on top": after
    // a group put on something, "on that" and "on top" are on the one it put down.)
    const stacking = last?.locations.length === 1 && last.locations[0]!.kind === 'on';
    const onThat =
      p.l.kind === 'on' && p.l.np.kind === 'pronoun' && p.l.np.pronoun === 'it' && (p.l.top === true || stacking) && before !== null;
    const onTop = p.l.kind === 'side' && p.l.onTop === true && stacking && before !== null;
    const l: Location = onThat && p.l.kind === 'on' ? { ...p.l, np: before! } : onTop ? { kind: 'on', np: before!, top: true } : p.l;
    groups.push({ ...clause, verb: 'put', objects: clause.objects.slice(from, p.at), locations: [l], locAt: [p.at - from] });
    from = p.at;
  }
  return from === clause.objects.length && groups.length > 1 ? groups : null;
}

function interpretClause(st: State, clause: Clause, out: Intent[]): void {
  // (Only a clause that puts things somewhere chooses others than those named before: "Just one"
  // after "any one red block …" says the same one again.)
  st.placing = clause.verb === 'put' && clause.locations.length > 0;
  const grouped = groupClauses(clause);
  if (grouped) {
    for (const g of grouped) {
      const before = out.length;
      interpretClause(st, g, out);
      noteMoved(st, out.slice(before));
    }
    return;
  }
  // "There are three little towers. Take the top block off the one on the right": "one" of towers is a tower.
  if (st.towers && st.group) {
    const oneOf = (np: NounPhrase): boolean => np.kind === 'object' && np.pronoun === 'one' && np.noun === null && !np.plural;
    // ("the one in the middle": the middle one of them.)
    const tower = (np: NounPhrase): NounPhrase =>
      np.relation?.rel === 'region' && np.relation.place?.kind === 'center' && !np.nth
        ? { ...np, kind: 'tower', relation: undefined, nth: { n: 0, from: 'left' } }
        : { ...np, kind: 'tower' };
    if (clause.locations.some((l) => l.kind === 'from' && oneOf(l.np)))
      clause = {
        ...clause,
        locations: clause.locations.map((l) => (l.kind === 'from' && oneOf(l.np) ? { ...l, np: tower(l.np) } : l)),
      };
  }
  const locs = clause.locations;
  const has = (k: Location['kind']): boolean => locs.some((l) => l.kind === k);
  const containerLoc = locs.find((l) => l.kind === 'in' || l.kind === 'on' || l.kind === 'to') as
    | Extract<Location, { kind: 'in' | 'on' | 'to' }>
    | undefined;
  const needObjects = (): void => {
    if (clause.objects.length === 0) throw new ReadError(`could not read what to ${clause.verbText} in '${clause.text}'`);
  };
  const setSubject = (ids: string[]): void => {
    st.subject = ids;
    // "take every ball that isn't white and put it in the bowl": "it" after "every" / "each" is each one.
    // So is "it" after "everything that's red" / "all the balls" (each of them).
    st.subjectEach =
      ids.length > 1 && clause.objects.some((np) => np.kind === 'object' && (np.quantifier === 'each' || np.quantifier === 'all'));
  };

  switch (clause.verb) {
    case 'keep': {
      // "leave the ball where it is", "don't move the bowl": no intent moves these (readInstruction).
      // "… and leave it there / alone" of what was just moved says only that it stays: nothing is left out.
      if (clause.objects.every((np) => np.kind === 'pronoun')) {
        st.notes.push(`read '${clause.text}' as leaving ${st.subject.join(', ') || 'it'} where it ends up`);
        return;
      }
      const named = [...st.mentioned];
      // "leave the rest / the others alone" names no noun: everything the instruction did not name.
      const rest = (np: NounPhrase): string[] | null =>
        /^(the )?(rest|others|other ones)( of (them|it))?$/.test(np.text.toLowerCase())
          ? st.facts.objects.map((o) => o.id).filter((id) => !named.includes(id))
          : null;
      // "The two big blocks onto the tray, the little ones stay put": "ones" are of the kind just moved.
      const shapes = new Set(st.subject.map((id) => st.facts.objects.find((o) => o.id === id)?.shape));
      const kind = shapes.size === 1 ? ([...shapes][0] as NounPhrase['noun']) : null;
      const ofKind = (np: NounPhrase): NounPhrase =>
        np.kind === 'object' && np.pronoun === 'one' && np.noun === null && !np.odd && kind && !CONTAINERS.includes(kind as never)
          ? { ...np, noun: kind }
          : np;
      for (const np of clause.objects.map(ofKind))
        for (const id of rest(np) ?? objectIds(st, np, 'any')) {
          // "… but leave everything else alone", "the rest": not what the instruction named.
          if ((np.other || /\b(else|rest)\b/.test(np.text)) && named.includes(id)) continue;
          st.keep.add(id);
          if (clause.empty) st.keepEmpty.add(id);
        }
      return;
    }
    case 'state': {
      const named = [...st.mentioned];
      const ids = subjects(st, clause);
      if (clause.remark) {
        // After something was done, a phrase alone says again what was meant: it must be what was named.
        // "drop the blue ball in the RED bowl. the red one, not the blue one.": the red one named is the bowl.
        const sameColour = named.filter((id) => {
          const o = st.facts.objects.find((x) => x.id === id);
          return o !== undefined && clause.objects.every((np) => np.colors.length > 0 && np.colors.every((c) => o.color === c));
        });
        if (out.length > 0 && ids.some((id) => !named.includes(id)) && sameColour.length === 1) {
          st.notes.push(`read '${clause.text}' as a remark naming ${sameColour[0]}, named before; it asks for nothing`);
          return;
        }
        if (out.length > 0 && ids.some((id) => !named.includes(id)))
          throw new ReadError(
            `could not tell what '${clause.text}' asks for: it names ${ids.join(', ')}, which the instruction did not name before; say what to do with it`,
          );
        st.notes.push(`read '${clause.text}' as a remark naming ${ids.join(', ')}; it asks for nothing`);
        if (out.length === 0) setSubject(ids);
        if (out.length === 0 && ids.length > 1) {
          st.group = ids;
          st.towers = clause.objects.every((np) => np.kind === 'tower' && np.plural);
        }
        return;
      }
      st.notes.push(`read '${clause.text}' as naming ${ids.join(', ')}; what it says of them is not checked`);
      setSubject(ids);
      if (ids.length > 1) {
        st.group = ids;
        st.towers = false;
      }
      return;
    }
    case 'build':
    case 'stack': {
      // "make a circle with the blocks", "form a line of the blocks": an arrangement, not a stack.
      // ("turn the ring into a straight line", "turn them into a circle": "turn" is a stack verb, but into an arrangement it makes that.)
      const arranges = clause.verb === 'build' || (clause.verb === 'stack' && locs.every((l) => l.kind !== 'on'));
      const ring = arranges ? (locs.find((l) => l.kind === 'circle') as Extract<Location, { kind: 'circle' }> | undefined) : undefined;
      if (ring) {
        const intent = circleOf(st, withAll(st, clause), ring);
        out.push(intent);
        setSubject(intent.ids);
        return;
      }
      if (arranges && has('row')) {
        const intent = lineOrder(st, withAll(st, clause));
        if (intent.ids.length < 2) throw new ReadError(`a line needs two or more objects; '${clause.text}' names ${intent.ids.length}`);
        out.push(intent);
        setSubject(intent.ids);
        return;
      }
      // "stack each of the little blocks on the big block of the same colour": each on its own twin.
      const twinNp = (locs.find((l) => l.kind === 'on') as Extract<Location, { kind: 'on' }> | undefined)?.np;
      const each = clause.objects.some((o) => o.quantifier === 'each' || o.quantifier === 'all' || o.plural);
      if (each && twinNp && namesTwin(twinNp)) {
        const ids = subjects(st, clause);
        out.push(...ontoTwins(st, ids, twinNp));
        setSubject(ids);
        return;
      }
      if (clause.structure === 'pyramid') {
        if (clause.objects.length === 0) {
          // "Build a pyramid:" — the clauses after it say which blocks go where.
          st.pyramidAnnounced = true;
          return;
        }
        let ids = subjects(st, clause);
        const top = clause.roles.find((r) => r.role === 'top');
        let topId = top ? objectIds(st, top.np, 'thing')[0]! : null;
        if (!topId) {
          // The widest block bridges the other two.
          const objs = ids.map((id) => st.facts.objects.find((o) => o.id === id)!).sort((a, b) => volume(b) - volume(a));
          topId = objs[0]!.id;
        }
        ids = ids.filter((id) => id !== topId);
        if (ids.length !== 2)
          throw new ReadError(`a pyramid needs two base blocks and one on top; '${clause.text}' names ${ids.length + 1}`);
        out.push({ kind: 'pyramid', base: [ids[0]!, ids[1]!], top: topId });
        setSubject([...ids, topId]);
        return;
      }
      if (clause.objects.length === 0) {
        // "build a tower" with no objects: every block.
        const ids = st.facts.objects
          .filter((o) => o.shape === 'box')
          .sort((a, b) => volume(b) - volume(a))
          .map((o) => o.id);
        if (ids.length < 2) throw new ReadError(`could not read what to stack in '${clause.text}'`);
        st.notes.push('no blocks named: stacking every block, largest at the bottom');
        out.push({ kind: 'stack', ids });
        st.built = ids;
        return;
      }
      const ids = stackOrder(st, clause);
      if (ids.length < 2) throw new ReadError(`a stack needs two or more objects; '${clause.text}' names ${ids.length}`);
      const at = stackSite(st, clause, ids[0]!) ?? stackHolder(st, clause, ids);
      out.push(at ? { kind: 'stack', ids, at } : { kind: 'stack', ids });
      st.built = ids;
      setSubject(ids);
      return;
    }
    case 'swap': {
      needObjects();
      const ids = subjects(st, clause);
      if (ids.length !== 2)
        throw new ReadError(`a swap needs two objects; '${clause.text}' names ${ids.length === 0 ? 'none' : ids.join(', ')}`);
      out.push({ kind: 'swap', ids: [ids[0]!, ids[1]!] });
      setSubject(ids);
      return;
    }
    case 'lineup': {
      needObjects();
      const ring = locs.find((l) => l.kind === 'circle') as Extract<Location, { kind: 'circle' }> | undefined;
      if (ring) {
        const intent = circleOf(st, clause, ring);
        out.push(intent);
        setSubject(intent.ids);
        return;
      }
      const gridAt = locs.findIndex((l) => l.kind === 'grid');
      if (gridAt >= 0) {
        const intent = gridOf(st, clause, gridAt);
        out.push(intent);
        setSubject(intent.rows.flat());
        return;
      }
      const intent = lineOrder(st, clause);
      if (intent.ids.length < 2) throw new ReadError(`a row needs two or more objects; '${clause.text}' names ${intent.ids.length}`);
      // "line the three blocks up on the shelf, blue yellow red from left to right": in that order inside it.
      out.push(lineInside(st, locs, intent, 'a line') ?? intent);
      setSubject(intent.ids);
      return;
    }
    case 'sort': {
      if ((clause.bySize || clause.order) && !locs.some((l) => l.kind === 'in' || l.kind === 'to' || l.kind === 'on')) {
        // "sort the blocks by size from left to right": a line in that order.
        needObjects();
        const intent = lineOrder(st, clause);
        out.push(intent);
        setSubject(intent.ids);
        return;
      }
      // "match the blocks with the bowls of the same colour": the containers named as an object are where they go.
      const isContainerNp = (np: NounPhrase): boolean => np.noun === 'bowl' || np.noun === 'tray' || np.noun === 'container';
      const named = clause.objects.filter((np) => !isContainerNp(np));
      const containerObject = clause.objects.find(isContainerNp);
      const ids =
        named.length > 0
          ? subjects(st, { ...clause, objects: named })
          : st.facts.objects.filter((o) => o.shape !== 'bowl' && o.shape !== 'tray').map((o) => o.id);
      const inLoc = locs.find((l) => l.kind === 'in' || l.kind === 'to') as Extract<Location, { kind: 'in' | 'to' }> | undefined;
      const oneEach = locs.some((l) => l.kind === 'distinct' && l.which === 'container');
      // "sort the red and orange blocks into the yellow bowl": one container named by itself is where they all go.
      const one =
        inLoc && !oneEach && inLoc.np.kind === 'object' && !inLoc.np.plural && inLoc.np.quantifier === null && inLoc.np.colors.length > 0
          ? inLoc.np
          : null;
      if (one && named.length > 0) {
        let r: Referent | null = null;
        try {
          r = resolve(st, one, 'container');
        } catch {
          r = null;
        }
        if (r?.kind === 'objects' && r.ids.length === 1) {
          out.push({ kind: 'gather', ids, container: r.ids[0]! });
          setSubject(ids);
          return;
        }
      }
      out.push({ kind: 'sort', pairs: sortPairs(st, ids, inLoc?.np ?? containerObject ?? null, oneEach) });
      setSubject(ids);
      return;
    }
    case 'push': {
      needObjects();
      const ids = subjects(st, clause);
      const id = ids[0]!;
      const dest = combineDests(locs.map((l) => destOf(st, l, id, false)).filter((d): d is Dest => d !== null));
      // "shove the green block in the purple bowl": a push cannot lift it in or onto anything; it is put there (noted).
      if (dest && (dest.kind === 'in' || dest.kind === 'on')) {
        st.notes.push(`'${clause.text}': a push only slides along the table, so ${id} is lifted ${dest.kind} ${dest.id}`);
        for (const i of ids) out.push({ kind: 'place', id: i, dest, upright: false, notOn: null });
      } else if (dest && ids.length > 1 && (dest.kind === 'zone' || dest.kind === 'area')) {
        // "shove all the blocks over to the right side": slid one by one they would push each other
        // about, so each is set down there, side by side (noted).
        st.notes.push(`'${clause.text}': ${ids.length} things are moved there one by one, each set down beside the last`);
        for (const i of ids) out.push({ kind: 'place', id: i, dest, upright: false, notOn: null });
        setSubject(ids);
        return;
      } else if (dest) out.push({ kind: 'push', id, dest });
      else if (clause.direction) {
        const distance = clause.distance ?? DEFAULT_PUSH;
        if (clause.distance === null) st.notes.push(`no distance given: pushing ${DEFAULT_PUSH * 100} cm`);
        out.push({ kind: 'pushBy', id, direction: clause.direction.vec, distance });
      } else throw new ReadError(`could not read where to push ${id} in '${clause.text}'`);
      setSubject([id]);
      return;
    }
    case 'remove':
    case 'unstack': {
      needObjects();
      const from = locs.find((l) => l.kind === 'from') as Extract<Location, { kind: 'from' }> | undefined;
      const off = offTower(st, clause, from);
      let ids = off ?? subjects(st, clause);
      // "take the tower apart and lay the three blocks / them in a row": the whole tower is named.
      const whole = clause.objects.some((np) => np.kind === 'tower') ? ids : null;
      if (whole) {
        // "take the tower apart": every object off the one below it, from the top down.
        const z = (id: string): number => st.facts.objects.find((o) => o.id === id)!.position[2];
        ids = ids.filter((id) => supportOf(st, id) !== null).sort((a, b) => z(b) - z(a));
        st.notes.push(`taking the tower apart: ${ids.join(', ')} onto the table, top first`);
        st.tower = whole;
      }
      if (!off) ids = fromContents(st, clause, from, ids);
      // "unstack everything", "unstack them all": what stands on something comes off, top first; the bottoms stay.
      const group = clause.objects.some((np) => np.plural || np.quantifier !== null || np.pronoun === 'them');
      if (!whole && !from && clause.verb === 'unstack' && group && ids.length > 1) {
        const z = (id: string): number => st.facts.objects.find((o) => o.id === id)!.position[2];
        const stacked = ids.filter((id) => supportOf(st, id) !== null).sort((a, b) => z(b) - z(a));
        if (stacked.length > 0 && stacked.length < ids.length) {
          st.notes.push(`unstacking: ${stacked.join(', ')} off what they stand on, top first (the rest stand on the table)`);
          ids = stacked;
        }
      }
      for (const id of ids) {
        const support = from ? supportFrom(st, from, id) : supportOf(st, id);
        if (!support) throw new ReadError(`'${clause.text}': ${id} is not on anything`);
        const rest = locs.filter((l) => l.kind !== 'from');
        const dest = combineDests(rest.map((l) => destOf(st, l, id, false)).filter((d): d is Dest => d !== null));
        if (dest && dest.kind !== 'table') out.push({ kind: 'place', id, dest, upright: false, notOn: support });
        else out.push({ kind: 'unstack', id, from: support });
      }
      setSubject(whole ?? ids);
      return;
    }
    case 'gather': {
      needObjects();
      const ids = subjects(st, clause);
      // "Gather up the blocks and drop them on the tray": what the next clause puts down.
      if (!containerLoc && clause.locations.length === 0 && st.more) {
        st.notes.push(`read '${clause.text}' as naming ${ids.join(', ')}, which what follows puts down`);
        setSubject(ids);
        return;
      }
      if (!containerLoc) throw new ReadError(`could not read where to ${clause.verbText} ${ids.join(', ')} in '${clause.text}'`);
      const c = objectIds(st, containerLoc.np, 'container', { exclude: ids })[0]!;
      out.push({ kind: 'gather', ids: ids.filter((i) => i !== c), container: c });
      setSubject(ids);
      return;
    }
    case 'hold': {
      const ids = clause.objects.length > 0 ? subjects(st, clause) : st.subject;
      const prev = out[out.length - 1];
      if (prev?.kind === 'lift' && prev.id === ids[0]) prev.hold = true;
      else out.push({ kind: 'lift', id: ids[0]!, hold: true, height: clause.distance });
      setSubject(ids);
      return;
    }
    case 'pick':
    case 'take':
    case 'put':
    case 'stand': {
      needObjects();
      if (clause.rebuild) {
        // "move the tower to X, rebuilding it (upside down): A at the bottom, …": the new
        // bottom goes to X, the rest onto it in order.
        let ids = clause.roles.length > 0 ? stackOrder(st, clause) : subjects(st, clause);
        if (clause.roles.length === 0 && clause.reverse) ids = [...ids].reverse();
        const place = locs.find((l) => l.kind !== 'from');
        // "flip the tower" says no place: rebuilt on the table (a free spot), noted.
        if (!place) st.notes.push(`no place said for the rebuilt stack: ${ids[0]} goes on the table, the rest on it`);
        const dest: Dest | null = place ? destOf(st, place, ids[0]!, false) : { kind: 'table' };
        if (!dest) throw new ReadError(`could not read where to rebuild ${ids.join(', ')} in '${clause.text}'`);
        out.push({ kind: 'place', id: ids[0]!, dest, upright: false, notOn: null });
        out.push({ kind: 'stack', ids });
        st.built = ids;
        setSubject(ids);
        return;
      }
      // "put the right-hand stack on top of the left-hand stack": one tower, the first on the second, in its order.
      const onto = locs.length === 1 && locs[0]!.kind === 'on' ? locs[0]!.np : null;
      const np0 = clause.objects[0];
      // "move the whole stack on top of the purple block": the stack rebuilt on it, in its order.
      const thingOnto =
        onto !== null &&
        onto.kind === 'object' &&
        !onto.plural &&
        onto.noun !== null &&
        !CONTAINER_CLASSES.has(onto.noun) &&
        onto.noun !== 'zone';
      if (clause.objects.length === 1 && np0?.kind === 'tower' && !np0.plural && ((onto?.kind === 'tower' && !onto.plural) || thingOnto)) {
        const upper = objectIds(st, np0, 'thing', { exclude: [] });
        const lower =
          onto!.kind === 'tower'
            ? objectIds(st, onto!, 'thing', { exclude: [] })
            : objectIds(st, onto!, 'thing', { exclude: upper }).slice(0, 1);
        if (upper.length > 1 && lower.length >= (thingOnto ? 1 : 2) && !lower.some((id) => upper.includes(id))) {
          const ids = [...lower, ...upper];
          st.notes.push(`'${np0.text}' on '${onto.text}': one tower, ${ids.join(' < ')}`);
          out.push({ kind: 'stack', ids });
          st.built = ids;
          setSubject(upper);
          return;
        }
      }
      // "move the whole tower to the right side", "move the stack next to the bowl": taken there
      // and built again in its order (a tower moved stays a tower), noted.
      if (
        clause.objects.length === 1 &&
        np0?.kind === 'tower' &&
        !np0.plural &&
        locs.length === 1 &&
        ['corner', 'side', 'center', 'regionBy', 'relation', 'at', 'between'].includes(locs[0]!.kind)
      ) {
        const ids = objectIds(st, np0, 'thing', { exclude: [] });
        if (ids.length >= 2 && ids.slice(1).every((id) => supportOf(st, id) !== null)) {
          const dest = destOf(st, locs[0]!, ids[0]!, false);
          if (dest && dest.kind !== 'table') {
            st.notes.push(`'${np0.text}' moved: built again there, ${ids.join(' < ')}`);
            out.push({ kind: 'place', id: ids[0]!, dest, upright: false, notOn: null });
            out.push({ kind: 'stack', ids });
            st.built = ids;
            setSubject(ids);
            return;
          }
        }
      }
      const from = locs.find((l) => l.kind === 'from') as Extract<Location, { kind: 'from' }> | undefined;
      const off = offTower(st, clause, from);
      // "put the blocks in the four corners, biggest in the top left": a corner each, the ones said after pinned to theirs.
      const dAt = locs.findIndex((l) => l.kind === 'distinct');
      const dLoc = dAt >= 0 ? (locs[dAt] as Extract<Location, { kind: 'distinct' }>) : null;
      const pinLocs = locs.slice(dAt + 1);
      if (
        dLoc &&
        dLoc.which !== 'container' &&
        !dLoc.one &&
        !dLoc.opposite &&
        pinLocs.length > 0 &&
        pinLocs.every((l) => l.kind === 'corner' || l.kind === 'side') &&
        (clause.locAt[dAt] ?? 0) >= 1 &&
        clause.locAt.slice(dAt + 1).every((at, i) => at > (clause.locAt[dAt + i] ?? 0))
      ) {
        const all = subjects(st, { ...clause, objects: clause.objects.slice(0, clause.locAt[dAt]) });
        const pins = new Map<string, TableRegionName>();
        let at = clause.locAt[dAt]!;
        for (const [i, l] of pinLocs.entries()) {
          const to = clause.locAt[dAt + 1 + i]!;
          const region = regionOfPlace(l);
          for (const np of clause.objects.slice(at, to)) {
            const id = objectIds(st, np, 'thing', { exclude: [] })[0];
            if (id !== undefined && region !== null) pins.set(id, region);
          }
          at = to;
        }
        if (pins.size > 0 && [...pins.keys()].every((id) => all.includes(id))) {
          const dests = distinctAreas(st, all, dLoc.which, clause.text, undefined, dLoc.empty, dLoc.onSide, pins);
          st.notes.push(`a ${dLoc.which} each, ${[...pins].map(([id, r]) => `${id} in the ${r.replace(/_/g, ' ')}`).join(', ')}`);
          all.forEach((id, k) => {
            out.push({ kind: 'place', id, dest: dests[k]!, upright: clause.upright, notOn: null });
          });
          setSubject(all);
          return;
        }
      }
      const ids = off ?? fromContents(st, clause, from, subjects(st, clause));
      // Sorting by colour: "put each block in the bowl of the same colour", "… by colour".
      const matchNp = containerLoc?.np;
      // "put each small block on the big block of the same colour": each on another thing of its colour.
      if (matchNp && namesTwin(matchNp)) {
        out.push(...ontoTwins(st, ids, matchNp));
        setSubject(ids);
        return;
      }
      // ("each block in front of the bowl of its colour": beside a container of its colour too.)
      const twinRel =
        locs.length === 1 &&
        locs[0]!.kind === 'relation' &&
        (namesTwin(locs[0]!.np) || (locs[0]!.np.matchColor && !locs[0]!.np.colorOf && locs[0]!.np.noun !== 'zone'))
          ? locs[0]!
          : null;
      if (twinRel?.kind === 'relation' && ids.length > 1) {
        out.push(...besideTwins(st, ids, twinRel));
        setSubject(ids);
        return;
      }
      // "put each ball on top of a can": each on a thing of its own, the shortest carries overall (noted).
      const onAny = locs.length === 1 && locs[0]!.kind === 'on' ? locs[0]!.np : null;
      if (
        onAny?.kind === 'object' &&
        ids.length >= 2 &&
        !onAny.plural &&
        /^(a|an|any)\b/i.test(onAny.text) &&
        onAny.noun !== null &&
        !CONTAINER_CLASSES.has(onAny.noun) &&
        onAny.noun !== 'zone' &&
        clause.objects.some((np) => np.quantifier === 'each' || np.quantifier === 'all' || np.plural)
      ) {
        const r = resolveNp({ ...onAny, plural: true }, st.facts, { want: 'thing', lastNoun: st.lastNoun, exclude: ids });
        const bases = (r.kind === 'objects' ? r.ids : [])
          .filter((id) => !ids.includes(id))
          .map((id) => st.facts.objects.find((o) => o.id === id)!);
        if (bases.length >= ids.length) {
          const objs = ids.map((id) => st.facts.objects.find((o) => o.id === id)!);
          const pick = cheapestAssignment(
            objs.map((o) => o.position),
            bases.map((o) => o.position),
          );
          if (pick) {
            st.notes.push(`'${onAny.text}' for each: a ${onAny.noun} of its own, the shortest carries overall`);
            ids.forEach((id, k) => {
              out.push({ kind: 'place', id, dest: { kind: 'on', id: bases[pick[k]!]!.id }, upright: clause.upright, notOn: null });
            });
            setSubject(ids);
            return;
          }
        }
      }
      if (matchNp && !matchNp.colorOf && (matchNp.matchColor || matchNp.mismatchColor || clause.byColor)) {
        // "…, one block per bowl": one each, said again (the colours assign one each when there are enough).
        const oneEach = locs.some((l) => l.kind === 'distinct' && l.which === 'container');
        out.push({ kind: 'sort', pairs: sortPairs(st, ids, matchNp, oneEach) });
        setSubject(ids);
        return;
      }
      const ring = locs.find((l) => l.kind === 'circle') as Extract<Location, { kind: 'circle' }> | undefined;
      if (ring) {
        const intent = circleOf(st, clause, ring);
        out.push(intent);
        setSubject(intent.ids);
        return;
      }
      if (has('grid')) {
        const intent = gridOf(
          st,
          clause,
          locs.findIndex((l) => l.kind === 'grid'),
        );
        out.push(intent);
        setSubject(intent.rows.flat());
        return;
      }
      // "put the cylinders in order of size with the biggest on the left": an order and no place is a line.
      const ordered =
        (clause.bySize !== null || (clause.order !== null && clause.order.axis !== 'z')) &&
        ids.length >= 2 &&
        !clause.direction &&
        locs.every((l) => l.kind === 'corner' || l.kind === 'side' || l.kind === 'center');
      // "move the whole row to the back": a line again, there.
      const rowMoved =
        np0 !== undefined &&
        clause.objects.length === 1 &&
        ((np0.kind === 'tower' && /\b(row|line)\b/.test(np0.text)) || (np0.kind === 'object' && np0.line !== undefined)) &&
        ids.length >= 2 &&
        !clause.direction &&
        locs.length > 0 &&
        locs.every((l) => l.kind === 'corner' || l.kind === 'side' || l.kind === 'center');
      if (rowMoved) st.notes.push(`'${np0.text}' moved: lined up again there`);
      if (has('row') || ordered || rowMoved) {
        if (!has('row')) st.notes.push('an order and no place: a line in that order');
        const intent = lineOrder(st, clause);
        if (intent.ids.length < 2) throw new ReadError(`a line needs two or more objects; '${clause.text}' names ${intent.ids.length}`);
        // "put the two balls side by side on the white tray, red on the left": in that order inside it.
        out.push(lineInside(st, locs, intent, 'a row') ?? intent);
        setSubject(intent.ids);
        return;
      }
      // "put all the blocks in different corners": a corner (side) each.
      const distinct = locs.find((l): l is Extract<Location, { kind: 'distinct' }> => l.kind === 'distinct');
      // ("the red and blue blocks in the bowls, one apiece", two of each and two bowls: one of each colour after all.)
      if (
        distinct &&
        clause.objects.some((np) => np.listPlural) &&
        ids.length >
          (distinct.which === 'container'
            ? containersOf(st, distinct.noun ?? 'container', distinct.colors).length
            : distinct.which === 'corner'
              ? CORNERS.length
              : SIDES.length)
      ) {
        interpretClause(st, { ...clause, objects: clause.objects.map((np) => ({ ...np, listPlural: false })) }, out);
        return;
      }
      const each = distinct?.which === 'container' ? countEach(st, clause, ids, distinct) : null;
      if (each) {
        out.push({ kind: 'sort', pairs: each });
        setSubject(each.map((p) => p.id));
        return;
      }
      if (distinct?.which === 'container') {
        const pairs = distinctContainers(
          st,
          perObjects(st, clause, ids, distinct),
          distinct.noun ?? 'container',
          clause.text,
          distinct.cover,
          distinct.colors,
          distinct.empty,
        );
        out.push({ kind: 'sort', pairs });
        setSubject(pairs.map((p) => p.id));
        return;
      }
      if (distinct) {
        const which = distinct.which;
        let placed = perObjects(st, clause, ids, distinct);
        // "put the five blocks one in each corner and one in the middle": the one nearest the middle
        // of the table goes there, the rest a corner (side) each.
        const middle = locs.find((l) => l.kind === 'center');
        if (middle && !distinct.one && placed.length === 5 && clause.objects.at(-1)?.pronoun === 'one') {
          const out0 = (id: string): number => {
            const p = st.facts.objects.find((o) => o.id === id)!.position;
            const c = TABLE_REGIONS.center.anchor;
            return Math.hypot(p[0] - c[0], p[1] - c[1]);
          };
          const inner = [...placed].sort((a, b) => out0(a) - out0(b))[0]!;
          st.notes.push(`one in the middle: ${inner}, the nearest it; the rest a ${which} each`);
          out.push({
            kind: 'place',
            id: inner,
            dest: { kind: 'area', area: areaOf(st, middle, inner)! },
            upright: clause.upright,
            notOn: null,
          });
          placed = placed.filter((id) => id !== inner);
        }
        // "put the blocks in a corner": one corner, the nearest to the first, for them all.
        let dests: Dest[];
        if (distinct.one) {
          const d = distinctAreas(st, placed.slice(0, 1), which, clause.text, undefined, distinct.empty, distinct.onSide)[0]!;
          const label = d.kind === 'area' ? d.area.label : d.kind === 'zone' ? d.zone : '';
          st.notes.push(distinct.empty ? `'the empty ${which}': ${label}, for them all` : `'a ${which}': the nearest, ${label}`);
          dests = placed.map(() => d);
        } else dests = distinctAreas(st, placed, which, clause.text, distinct.opposite, distinct.empty, distinct.onSide);
        placed.forEach((id, k) => {
          out.push({ kind: 'place', id, dest: dests[k]!, upright: clause.upright, notOn: null });
        });
        setSubject(placed);
        return;
      }
      // "put the blocks on top of each other (in the corner)": a stack, largest at the bottom.
      const onEachOther = locs.some((l) => l.kind === 'on' && l.np.pronoun === 'each-other');
      if (onEachOther && ids.length >= 2) {
        const stacked = [...ids].sort(
          (a, b) => volume(st.facts.objects.find((o) => o.id === b)!) - volume(st.facts.objects.find((o) => o.id === a)!),
        );
        st.notes.push('on top of each other: a stack, largest at the bottom');
        const at = stackSite(st, clause, stacked[0]!);
        out.push(at ? { kind: 'stack', ids: stacked, at } : { kind: 'stack', ids: stacked });
        st.built = stacked;
        setSubject(stacked);
        return;
      }
      // Pyramid parts: "put A and B side by side", "put C on top of both".
      if (has('sideBySide')) {
        // Three or more side by side: a row, left to right, where the clause says.
        if (ids.length > 2) {
          const area = locs.map((l) => (['corner', 'side', 'center'].includes(l.kind) ? areaOf(st, l, ids[0]!) : null)).find((a) => a);
          st.notes.push(`'side by side' for ${ids.length}: a row, left to right`);
          out.push(
            area
              ? { kind: 'lineUp', ids, axis: 'x', line: 'horizontal', region: area.region }
              : { kind: 'lineUp', ids, axis: 'x', line: 'horizontal' },
          );
          setSubject(ids);
          return;
        }
        if (ids.length !== 2) throw new ReadError(`'side by side' needs two objects; '${clause.text}' names ${ids.length}`);
        // "put the green block and the pink can side by side on the blue tray, green on the left": both in it, in that order.
        const pair = lineOrder(st, clause);
        const inside = lineInside(st, locs, pair, 'side by side');
        if (inside) {
          out.push(inside);
          setSubject(pair.ids);
          return;
        }
        out.push({ kind: 'place', id: ids[1]!, dest: { kind: 'beside', rel: 'next', id: ids[0]! }, upright: false, notOn: null });
        setSubject(ids);
        return;
      }
      const onBoth = locs.find((l) => l.kind === 'onBoth') as Extract<Location, { kind: 'onBoth' }> | undefined;
      if (onBoth) {
        const base = objectIds(st, onBoth.np, 'thing', { exclude: ids, pronoun: st.subject });
        if (base.length !== 2) throw new ReadError(`'${onBoth.np.text}' in '${clause.text}' should name two objects`);
        out.push({ kind: 'pyramid', base: [base[0]!, base[1]!], top: ids[0]! });
        setSubject(ids);
        return;
      }
      // "put each block into the bowl nearest to it", "every block in the bowl straight behind it",
      // "the red, green and blue blocks in the bowls above them": "it" is each of them in turn, each
      // to its own ("them" so, where the bowls are many).
      const rel = containerLoc?.np.relation;
      if (
        ids.length > 1 &&
        containerLoc &&
        rel &&
        ['closest', 'farthest', 'left', 'right', 'top', 'bottom'].includes(rel.rel) &&
        rel.np?.kind === 'pronoun' &&
        ((rel.np.pronoun === 'it' && clause.objects.some((np) => np.quantifier === 'each' || np.quantifier === 'all')) ||
          (rel.np.pronoun === 'them' && containerLoc.np.plural && rel.rel !== 'closest' && rel.rel !== 'farthest'))
      ) {
        for (const id of ids) {
          const c = objectIds(st, containerLoc.np, 'container', { exclude: ids, pronoun: [id], self: [id] })[0]!;
          out.push({
            kind: 'place',
            id,
            dest: { kind: containerLoc.kind === 'on' ? 'on' : 'in', id: c },
            upright: clause.upright,
            notOn: null,
          });
        }
        st.notes.push(`'${containerLoc.np.text}': for each of ${ids.join(', ')} in turn`);
        setSubject(ids);
        return;
      }
      // ("…, then put the blue ones in with them": where those went.)
      const planned = containerLoc && ids.length > 1 ? plannedContainer(st, containerLoc.np, ids, st.subject) : undefined;
      if (planned !== undefined) {
        out.push({ kind: 'gather', ids, container: planned });
        setSubject(ids);
        return;
      }
      if (ids.length > 1 && containerLoc && containerLoc.kind !== 'on') {
        const r =
          containerLoc.np.same && !containerLoc.np.sameAs
            ? sameContainer(st, containerLoc.np, ids)
            : resolve(st, containerLoc.np, 'container', { exclude: ids });
        if (r.kind === 'objects') {
          const target = st.facts.objects.find((o) => o.id === r.ids[0]);
          if (target?.shape === 'bowl' || target?.shape === 'tray') {
            out.push({ kind: 'gather', ids, container: target.id });
            setSubject(ids);
            return;
          }
        }
      }
      const rest = locs.filter((l) => l.kind !== 'from');
      // "move every block to the corner nearest to it": "it" is each of them in turn.
      st.each = ids.length > 1 && clause.objects.some((np) => np.quantifier !== null) ? ids : undefined;
      for (const id of ids) {
        const dest = combineDests(rest.map((l) => destOf(st, l, id, false)).filter((d): d is Dest => d !== null));
        if (dest?.kind === 'table' && ids.length > 1 && !from && restsOnTable(st, id)) {
          st.notes.push(`${id} is on the table already: left where it is`);
          st.satisfied = true;
          continue;
        }
        if (dest) {
          out.push({
            kind: 'place',
            id,
            dest,
            upright: clause.upright,
            notOn: from ? supportFrom(st, from, id) : null,
          });
        } else if (clause.direction && (clause.verb === 'put' || clause.verb === 'take')) {
          const distance = clause.distance ?? DEFAULT_PUSH;
          const o = st.facts.objects.find((x) => x.id === id)!;
          const xy: Vec2 = [o.position[0] + clause.direction.vec[0] * distance, o.position[1] + clause.direction.vec[1] * distance];
          out.push({
            kind: 'place',
            id,
            dest: { kind: 'point', xy, label: `${(distance * 100).toFixed(0)} cm ${clause.direction.text}` },
            upright: false,
            notOn: null,
          });
        } else if (from) {
          const support = supportFrom(st, from, id);
          if (!support) throw new ReadError(`'${clause.text}': ${id} is not on anything`);
          out.push({ kind: 'unstack', id, from: support });
        } else if (clause.verb === 'pick' || clause.verb === 'take') {
          out.push({ kind: 'lift', id, hold: clause.hold, height: clause.distance });
        } else {
          throw new ReadError(`could not read where to ${clause.verbText} ${id} in '${clause.text}'`);
        }
      }
      st.each = undefined;
      setSubject(ids);
      return;
    }
  }
}

/**
 * "Put the red things in the bowl, but leave the ball where it is": every intent without the
 * kept objects — their own moves dropped, left out of groups (a stack, a line, a circle, a
 * sort), a swap or pyramid with one of them dropped whole. Noted.
 */
function withoutKept(st: State, intents: Intent[]): Intent[] {
  const keep = st.keep;
  const out: Intent[] = [];
  const dropped: string[] = [];
  const keepOut = (ids: string[]): string[] => {
    for (const id of ids) if (keep.has(id) && !dropped.includes(id)) dropped.push(id);
    return ids.filter((id) => !keep.has(id));
  };
  const intoEmpty = (container: string, id: string): boolean => {
    if (!st.keepEmpty.has(container)) return false;
    if (!dropped.includes(id)) dropped.push(id);
    return true;
  };
  for (const it of intents) {
    if (it.kind === 'place' && (it.dest.kind === 'in' || it.dest.kind === 'on') && intoEmpty(it.dest.id, it.id)) continue;
    if (it.kind === 'gather' && st.keepEmpty.has(it.container)) {
      for (const id of it.ids) intoEmpty(it.container, id);
      continue;
    }
    if (it.kind === 'sort') {
      const pairs = it.pairs.filter((p) => !intoEmpty(p.container, p.id));
      if (pairs.length > 0) out.push(...withoutKeptOne({ ...it, pairs }));
      continue;
    }
    out.push(...withoutKeptOne(it));
  }
  function withoutKeptOne(it: Intent): Intent[] {
    const out: Intent[] = [];
    switch (it.kind) {
      case 'lift':
      case 'place':
      case 'push':
      case 'pushBy':
      case 'unstack':
        if (keepOut([it.id]).length > 0) out.push(it);
        break;
      case 'stack':
      case 'lineUp': {
        const ids = keepOut(it.ids);
        if (ids.length >= 2) out.push({ ...it, ids });
        break;
      }
      case 'circle': {
        const ids = keepOut(it.ids);
        if (ids.length >= 3) out.push({ ...it, ids });
        break;
      }
      case 'gather': {
        const ids = keepOut(it.ids);
        if (ids.length > 0) out.push({ ...it, ids });
        break;
      }
      case 'sort': {
        const pairs = it.pairs.filter((p) => keepOut([p.id]).length > 0);
        if (pairs.length > 0) out.push({ ...it, pairs });
        break;
      }
      case 'grid': {
        const rows = it.rows.map((r) => keepOut(r)).filter((r) => r.length > 0);
        if (rows.length > 0) out.push({ ...it, rows });
        break;
      }
      case 'swap':
        if (keepOut([...it.ids]).length === 2) out.push(it);
        break;
      case 'pyramid':
        if (keepOut([...it.base, it.top]).length === 3) out.push(it);
        break;
    }
    return out;
  }
  st.notes.push(
    dropped.length > 0
      ? `kept where they are: ${[...keep].join(', ')} (left out of what moves ${dropped.join(', ')})`
      : `kept where they are: ${[...keep].join(', ')}`,
  );
  if (out.length === 0 && intents.length > 0) st.satisfied = true;
  return out;
}

/** The objects an intent moves. */
function movedBy(it: Intent): string[] {
  switch (it.kind) {
    case 'lift':
    case 'place':
    case 'push':
    case 'pushBy':
    case 'unstack':
      return [it.id];
    case 'gather':
    case 'stack':
    case 'lineUp':
    case 'circle':
    case 'swap':
      return [...it.ids];
    case 'sort':
      return it.pairs.map((p) => p.id);
    case 'grid':
      return it.rows.flat();
    case 'pyramid':
      return [...it.base, it.top];
  }
}

/**
 * "put both balls and the blue block in the tray": of places one after another into the same
 * container, the balls go in last — a ball already in rolls into the way of the fingers
 * lowering the next thing (as a gather orders them).
 */
function ballsLast(intents: Intent[], facts: SceneFacts): Intent[] {
  const ball = (id: string): boolean => facts.objects.find((o) => o.id === id)?.shape === 'sphere';
  /** The container a place intent puts its object in, else null. */
  const into = (it: Intent | undefined): string | null => (it?.kind === 'place' && it.dest.kind === 'in' ? it.dest.id : null);
  const out = [...intents];
  for (let i = 0; i < out.length; ) {
    const container = into(out[i]);
    let j = i + 1;
    if (container !== null) while (into(out[j]) === container) j++;
    const run = out.slice(i, j) as Extract<Intent, { kind: 'place' }>[];
    if (run.length > 1) out.splice(i, run.length, ...run.filter((x) => !ball(x.id)), ...run.filter((x) => ball(x.id)));
    i = j;
  }
  return out;
}

/**
 * "put the red block (the one under the blue block) on the white block": what rests on an
 * object at the start, when the instruction names it, goes onto the table first, top first,
 * when the object is to be picked up by itself (a place, a lift) and nothing before has moved
 * what rests on it. Noted. What rests there unnamed is left to the person to point out (a
 * correction: "take the cup off first").
 */
function uncover(intents: Intent[], facts: SceneFacts, notes: string[], named: ReadonlySet<string>): Intent[] {
  const below = new Map<string, string>();
  const onTop = new Map<string, string>();
  for (const tower of findTowers(facts))
    for (let i = 1; i < tower.length; i++) {
      below.set(tower[i]!, tower[i - 1]!);
      onTop.set(tower[i - 1]!, tower[i]!);
    }
  if (below.size === 0) return intents;
  const out: Intent[] = [];
  const moved = new Set<string>();
  for (const it of intents) {
    if ((it.kind === 'place' || it.kind === 'lift') && !moved.has(it.id)) {
      // What stands on it, top first.
      let above: string[] = [];
      for (let cur = it.id; ; ) {
        const next = onTop.get(cur);
        if (next === undefined || moved.has(next) || above.includes(next)) break;
        above.unshift(next);
        cur = next;
      }
      if (!above.some((id) => named.has(id))) above = [];
      for (const id of above) {
        out.push({ kind: 'unstack', id, from: below.get(id)! });
        moved.add(id);
      }
      if (above.length > 0) notes.push(`${above.join(', ')} ${above.length > 1 ? 'rest' : 'rests'} on ${it.id}: moved to the table first`);
    }
    out.push(it);
    for (const id of movedBy(it)) moved.add(id);
  }
  return out;
}

/**
 * "stack the black block on the white one and the white one on the gray one": a thing put on
 * another that a later step moves would be carried off with it, or knocked off; the one under
 * it is moved first (noted), when nothing between touches either and it does not go onto the
 * thing put on it.
 */
function basesFirst(intents: Intent[], notes: string[]): Intent[] {
  const out = [...intents];
  const touches = (it: Intent, id: string): boolean =>
    movedBy(it).includes(id) ||
    (it.kind === 'place' && 'id' in it.dest && it.dest.id === id) ||
    (it.kind === 'stack' && it.at !== undefined && 'id' in it.at && it.at.id === id);
  for (let i = 0, guard = 0; i < out.length && guard < 4 * out.length; i++, guard++) {
    const it = out[i]!;
    if (it.kind !== 'place' || it.dest.kind !== 'on') continue;
    const base = it.dest.id;
    const j = out.findIndex((o, k) => k > i && o.kind === 'place' && o.id === base);
    if (j < 0) continue;
    const later = out[j] as Extract<Intent, { kind: 'place' }>;
    if ('id' in later.dest && later.dest.id === it.id) continue;
    if (out.slice(i + 1, j).some((o) => touches(o, base) || touches(o, it.id))) continue;
    out.splice(j, 1);
    out.splice(i, 0, later);
    notes.push(`${base} is moved before ${it.id} is put on it`);
    // (What moved up is looked at again.)
    i--;
  }
  return out;
}

/** Merge intents that a sequence of clauses split: pick-then-place, unstack-then-put-down, pyramid parts. */
function merge(intents: Intent[]): Intent[] {
  const out: Intent[] = [];
  for (const it of intents) {
    // "pick up the balls and put them in the bowl", "take the blocks out of the bowl and put them
    // in the tray": the lifts (taking out) of a group that the next intent moves anyway are part of it.
    if (it.kind !== 'lift' && it.kind !== 'unstack' && it.kind !== 'place') {
      const moved = new Set(movedBy(it));
      let k = out.length;
      while (
        k > 0 &&
        ((out[k - 1]!.kind === 'lift' && !(out[k - 1] as { hold: boolean }).hold) || out[k - 1]!.kind === 'unstack') &&
        moved.has(movedBy(out[k - 1]!)[0]!)
      )
        k--;
      if (out.length - k >= 2) out.splice(k);
    }
    // "take X … and stack it on Y", "take the two small blocks and put them on the tray": a
    // lift (not held) of an object that this intent moves is its pick, whatever lies between
    // (the lifts of the rest of the group, the places of the ones before it). Kept, the plan
    // would pick it twice, or pick the next one with this one still in the fingers.
    if (it.kind !== 'lift' && it.kind !== 'unstack') {
      const moved = new Set(movedBy(it));
      for (let j = out.length - 1; j >= 0; j--) {
        const o = out[j]!;
        if (o.kind === 'lift' && !o.hold) {
          if (moved.has(o.id) && !(j === out.length - 1 && it.kind === 'place' && it.id === o.id)) out.splice(j, 1);
          continue;
        }
        if (o.kind === 'place' || o.kind === 'push' || o.kind === 'pushBy') continue;
        break;
      }
    }
    const prev = out[out.length - 1];
    if (prev?.kind === 'lift' && !prev.hold && (it.kind === 'place' || it.kind === 'push' || it.kind === 'pushBy') && it.id === prev.id) {
      out[out.length - 1] = it;
      continue;
    }
    if (prev?.kind === 'unstack' && it.kind === 'place' && it.id === prev.id) {
      out[out.length - 1] = it.dest.kind === 'table' ? prev : { ...it, notOn: prev.from };
      continue;
    }
    // "pick up X and lift it up", "pick X up and raise it (10 cm)": one lift, held if either says so.
    if (prev?.kind === 'lift' && it.kind === 'lift' && it.id === prev.id) {
      out[out.length - 1] = { ...prev, hold: prev.hold || it.hold, height: it.height ?? prev.height };
      continue;
    }
    if (it.kind === 'pyramid') {
      // "put A and B side by side" + "put C on top of both": the side-by-side placement is part of the pyramid.
      if (
        prev?.kind === 'place' &&
        prev.dest.kind === 'beside' &&
        prev.dest.rel === 'next' &&
        it.base.includes(prev.id) &&
        it.base.includes(prev.dest.id)
      ) {
        out.pop();
      }
    }
    out.push(it);
  }
  return out;
}

/**
 * Read an instruction against the scene: clauses → intents with resolved ids.
 * Throws ReadError / ParseError / UnresolvedReference with a sentence naming the phrase.
 */
/**
 * The scene's own words, for reading a misspelt word as one of them ("yelow" → yellow): the
 * objects' colours, the nouns of the shapes there are, the words of the ids and zones.
 */
export function sceneVocabulary(facts: SceneFacts): string[] {
  const words = new Set<string>();
  const shapes = new Set(facts.objects.map((o) => o.shape));
  for (const o of facts.objects) {
    words.add(o.color);
    for (const part of o.id.split('_')) if (/^[a-z]+$/.test(part)) words.add(part);
  }
  for (const z of facts.zones) for (const part of z.id.split('_')) if (/^[a-z]+$/.test(part)) words.add(part);
  for (const [word, entry] of NOUNS) {
    // (Not the everyday names, lexicon.ts: "blok" is one edit from "block" and "book".)
    if (EVERYDAY_NOUNS.has(word)) continue;
    const named = shapesOf(entry.cls, true);
    if (named?.some((s) => shapes.has(s))) words.add(word);
  }
  return [...words];
}

/**
 * "…, leave the white one in the middle" said of a thing that is in the middle already: it
 * stays (a keep), not a put. Of things elsewhere "leave X in the middle" still puts them there.
 */
function leftWhereTheyAre(clauses: Clause[], facts: SceneFacts, notes: string[], kept: Set<string>): Clause[] {
  return clauses.map((clause) => {
    if (clause.verb !== 'put' || clause.verbText !== 'leave' || clause.locations.length !== 1 || clauses.length < 2) return clause;
    const loc = clause.locations[0]!;
    const region: TableRegionName | null = loc.kind === 'center' ? 'center' : regionOfPlace(loc);
    if (region === null) return clause;
    const ids: string[] = [];
    for (const np of clause.objects) {
      try {
        const r = resolveNp(np, facts, { want: 'thing' });
        if (r.kind !== 'objects') return clause;
        ids.push(...r.ids);
      } catch {
        return clause;
      }
    }
    const at = (id: string) => facts.objects.find((o) => o.id === id)!.position;
    if (ids.length === 0 || !ids.every((id) => inTableRegion(region, at(id)))) return clause;
    notes.push(
      `'${clause.text}': ${ids.join(', ')} ${ids.length > 1 ? 'are' : 'is'} there already, so ${ids.length > 1 ? 'they stay' : 'it stays'}`,
    );
    for (const id of ids) kept.add(id);
    return { ...clause, verb: 'keep', locations: [], locAt: [] };
  });
}

/**
 * "put the red block in the bowl sitting on the tray", "into the bowl on the tray": the tray says
 * which bowl (the one standing on it), where one of the bowls does; not a second place.
 */
function nestedContainers(clauses: Clause[], facts: SceneFacts, notes: string[]): Clause[] {
  return clauses.map((clause) => {
    const [a, b] = clause.locations;
    if (clause.verb !== 'put' || clause.locations.length !== 2 || a?.kind !== 'in' || (b?.kind !== 'on' && b?.kind !== 'in')) return clause;
    if (!CONTAINER_CLASSES.has(a.np.noun ?? 'box') || !CONTAINER_CLASSES.has(b.np.noun ?? 'box') || a.np.relation || a.np.plural)
      return clause;
    const inner: NounPhrase = { ...a.np, relation: { rel: 'on', np: b.np, explicit: true } };
    try {
      const all = resolveNp(a.np, facts, { want: 'container' });
      const r = resolveNp(inner, facts, { want: 'container' });
      if (all.kind !== 'objects' || r.kind !== 'objects' || r.candidates.length !== 1 || all.candidates.length < 2) return clause;
      notes.push(`'${a.np.text}' is ${r.ids[0]}, the one on ${b.np.text}`);
    } catch {
      return clause;
    }
    return { ...clause, locations: [{ kind: 'in', np: inner }], locAt: clause.locAt.slice(0, 1) };
  });
}

/**
 * "put the orange and yellow blocks in the bowls that aren't blue, one in each": one in each of
 * those bowls (the colours of the ones that fit), not of every bowl.
 */
function eachOfThose(clauses: Clause[], facts: SceneFacts): Clause[] {
  return clauses.map((clause) => {
    const [a, b] = clause.locations;
    if (clause.verb !== 'put' || clause.locations.length !== 2 || a?.kind !== 'in' || b?.kind !== 'distinct') return clause;
    if (b.which !== 'container' || b.colors?.length || !a.np.plural) return clause;
    // ("into the blue and green bowls, one in each": a list of them.)
    const listed = a.np.pronoun === 'both' && a.np.list?.every((x) => x.kind === 'object' && CONTAINER_CLASSES.has(x.noun ?? 'box'));
    if (!listed && !(a.np.notColors?.length || a.np.relation || a.np.size)) return clause;
    if (!listed && !CONTAINER_CLASSES.has(a.np.noun ?? 'box')) return clause;
    try {
      const ids: string[] = [];
      for (const np of listed ? a.np.list! : [a.np]) {
        const r = resolveNp(listed ? { ...np, plural: false } : np, facts, { want: 'container' });
        if (r.kind !== 'objects' || r.ids.length === 0) return clause;
        ids.push(...r.ids);
      }
      const colors = [...new Set(ids.map((id) => facts.objects.find((o) => o.id === id)!.color))];
      // (Only where the colours say exactly those: another bowl of one of them would join in.)
      const shape = facts.objects.find((x) => x.id === ids[0])!.shape;
      const same = facts.objects.filter((o) => o.shape === shape && colors.includes(o.color));
      if (same.length !== new Set(ids).size) return clause;
      const noun = listed ? a.np.list![0]!.noun! : a.np.noun!;
      // (Said "one in each" of the list — holding-forms.ts has it "one per bowl" for the grammar — one each.)
      return { ...clause, locations: [{ ...b, noun, colors, per: listed ? undefined : b.per }], locAt: clause.locAt.slice(1) };
    } catch {
      return clause;
    }
  });
}

/**
 * The instruction's reading. When it fails on a word it does not know, the edits of unknown-words.ts
 * are tried (up to three words, one at a time); a guess is kept only if the whole instruction then
 * reads and no phrase it touched was settled by a tie-break. Else the first failure stands.
 */
export function readInstruction(instruction: string, facts: SceneFacts, choices: Choices = {}): Reading {
  try {
    return readAsSaid(instruction, facts, choices);
  } catch (e) {
    if (!isReadFailure(e)) throw e;
    const guessed = readGuessing(instruction, facts, choices, e, [], 3);
    if (guessed) return guessed;
    throw e;
  }
}

function readGuessing(text: string, facts: SceneFacts, choices: Choices, e: Error, notes: string[], depth: number): Reading | null {
  const unknown = unknownWordOf(e.message);
  const word = unknown ?? absentNounOf(e.message, facts);
  if (word === null || depth === 0) return null;
  for (const g of guessesFor(text, word, idWords(facts.objects.map((o) => o.id)), unknown === null)) {
    let reading: Reading;
    try {
      reading = readAsSaid(g.text, facts, choices);
    } catch (again) {
      if (!isReadFailure(again)) throw again;
      const deeper = unknownWordOf(again.message) !== word && readGuessing(g.text, facts, choices, again, [...notes, g.note], depth - 1);
      if (deeper) return deeper;
      continue;
    }
    // (A tie-break notes '"the white thing" fits A, B: chose A, …' (references.ts): then the rest did not say which.)
    const head = new RegExp(`^"[^"]*\\b${g.head}\\b[^"]*" fits .*: chose `);
    if (reading.notes.some((n) => head.test(n))) continue;
    return { ...reading, notes: [...notes, g.note, ...reading.notes] };
  }
  return null;
}

/**
 * A container's noun the grammar knows that a failed reading stopped at ("at 'of the rack'", "no
 * object matches 'the rack'") where nothing of its kind is on the table: the rack of a pool table
 * is the balls in it (fortieth round). Null otherwise.
 */
function absentNounOf(message: string, facts: SceneFacts): string | null {
  const word = /(?:at 'of the |no object matches 'the )([a-z]+)'?/.exec(message)?.[1];
  const entry = word === undefined ? undefined : NOUNS.get(word);
  if (entry === undefined || !CONTAINER_CLASSES.has(entry.cls)) return null;
  const shapes = shapesOf(entry.cls, true);
  return shapes === null || facts.objects.some((o) => shapes.includes(o.shape)) ? null : word!;
}

function readAsSaid(instruction: string, facts: SceneFacts, choices: Choices = {}): Reading {
  const notes: string[] = [];
  const left = new Set<string>();
  const clauses = leftWhereTheyAre(
    eachOfThose(
      nestedContainers(
        parseInstruction(instruction, {
          vocabulary: sceneVocabulary(facts),
          ids: facts.objects.map((o) => o.id),
          matsAreTrays: facts.zones.length === 0 && facts.objects.some((o) => o.shape === 'tray'),
          notes,
          asides: true,
        }),
        facts,
        notes,
      ),
      facts,
    ),
    facts,
    notes,
    left,
  );
  const st: State = {
    facts,
    notes,
    candidates: {},
    choices,
    subject: [],
    mentioned: [],
    lastNoun: null,
    nouns: [],
    pyramidAnnounced: false,
    keep: left,
    keepEmpty: new Set(),
  };
  st.noThingNoun = !clauses.some((c) => c.objects.some((np) => np.noun !== null && !CONTAINER_CLASSES.has(np.noun) && np.noun !== 'zone'));
  let intents: Intent[] = [];
  // What stays is known before anything moves: "put the blocks in the bowls, one each, leaving
  // the white block out" counts the blocks without it.
  // Only phrases that say which by themselves ("the white block"): "the other one" waits for what came before.
  for (const clause of clauses) {
    if (clause.verb !== 'keep') continue;
    for (const np of clause.objects) {
      if (!(np.kind === 'object' || np.kind === 'id') || np.other || np.pronoun !== undefined || (np.kind === 'object' && np.noun === null))
        continue;
      let r: ReturnType<typeof resolveNp>;
      try {
        r = resolveNp(np, facts, { want: 'any' });
      } catch {
        continue;
      }
      if (r.kind !== 'objects') continue;
      for (const id of r.ids) {
        st.keep.add(id);
        if (clause.empty) st.keepEmpty.add(id);
      }
    }
  }
  for (const [k, clause] of clauses.entries()) {
    st.more = k < clauses.length - 1;
    const group = st.group;
    const before = intents.length;
    interpretClause(st, clause, intents);
    noteMoved(st, intents.slice(before));
    // What went into which container, for "in with it" after it.
    for (const it of intents.slice(before)) {
      st.putIn ??= new Map();
      if (it.kind === 'place' && it.dest.kind === 'in') st.putIn.set(it.id, it.dest.id);
      // (On a tray is in it: "put the red blocks on the tray, then the blue ones in with them".)
      if (
        it.kind === 'place' &&
        it.dest.kind === 'on' &&
        st.facts.objects.find((o) => o.id === (it.dest as { id: string }).id)?.shape === 'tray'
      )
        st.putIn.set(it.id, it.dest.id);
      if (it.kind === 'gather') for (const id of it.ids) st.putIn.set(id, it.container);
      if (it.kind === 'sort') for (const p of it.pairs) st.putIn.set(p.id, p.container);
    }
    // (A group is for the clause right after the one that named it.)
    if (st.group === group) st.group = undefined;
  }
  if (st.keep.size > 0) intents = withoutKept(st, intents);
  // (A tower named as one, "the block at the bottom of the pile", names what stands in it.)
  const towerNamed = /\b(the|that|this) (tower|stack|pile)\b/i.test(instruction) ? findTowers(facts).flat() : [];
  const named = new Set([...st.mentioned, ...(st.inner ?? []), ...towerNamed]);
  const merged = liftedOff(st, ballsLast(basesFirst(uncover(merge(intents), facts, st.notes, named), st.notes), facts));
  if (st.pyramidAnnounced && !merged.some((x) => x.kind === 'pyramid')) {
    // "Build a pyramid." and nothing else: the widest block on two of the others.
    const blocks = facts.objects.filter((o) => o.shape === 'box').sort((a, b) => volume(b) - volume(a));
    if (merged.length > 0 || blocks.length < 3) {
      throw new ReadError(`could not read which blocks make the pyramid in '${instruction.trim()}'`);
    }
    st.notes.push(`no blocks named for the pyramid: ${blocks[0]!.id} on top of ${blocks[1]!.id} and ${blocks[2]!.id}`);
    merged.push({ kind: 'pyramid', base: [blocks[1]!.id, blocks[2]!.id], top: blocks[0]!.id });
  }
  // A stack that names one thing twice is a misreading, never a plan ("green on green").
  for (const it of merged)
    if (it.kind === 'stack' && new Set(it.ids).size < it.ids.length) {
      const twice = it.ids.find((id, k) => it.ids.indexOf(id) !== k)!;
      throw new ReadError(`could not read '${instruction.trim()}': it reads as a stack with ${twice} in it twice`);
    }
  if (merged.length === 0 && !st.satisfied) throw new ReadError(`could not read '${instruction.trim()}': nothing to do`);
  if (merged.length === 0) st.notes.push('nothing to move: what was asked for already holds');
  // (A phrase resolved twice notes its reading once.)
  return { intents: merged, notes: [...new Set(st.notes)], candidates: st.candidates };
}

export function isReadFailure(e: unknown): e is Error {
  return e instanceof ParseError || e instanceof ReadError || e instanceof UnresolvedReference;
}

const fmtDest = (d: Dest): string => {
  switch (d.kind) {
    case 'on':
      return `on ${d.id}`;
    case 'in':
      return `in ${d.id}`;
    case 'zone':
      return `in zone ${d.zone}`;
    case 'area':
      return `to the ${d.area.label}${d.area.label.includes(d.area.region.replace(/_/g, ' ')) || d.area.label.includes('(') ? '' : ` (${d.area.region})`}`;
    case 'beside':
      return `${d.gap ? `${d.gap.text} ` : ''}${d.rel === 'next' ? 'next to' : d.rel === 'front' ? 'in front of' : d.rel === 'behind' ? 'behind' : `${d.rel} of`} ${d.id}`;
    case 'point':
      return `at ${d.label}`;
    case 'table':
      return 'on the table';
  }
};

/** One line per intent, for plans, notes and the tests' table of cases. */
export function describeIntent(it: Intent): string {
  switch (it.kind) {
    case 'lift':
      return `lift ${it.id}${it.hold ? ' and hold' : ''}`;
    case 'place':
      return `place ${it.id}${it.upright ? ' upright' : ''} ${fmtDest(it.dest)}${it.notOn ? ` (off ${it.notOn})` : ''}`;
    case 'stack':
      return `stack ${it.ids.join(' < ')}${it.at ? ` ${fmtDest(it.at)}` : ''}`;
    case 'gather':
      return `gather ${it.ids.join(', ')} in ${it.container}${it.along ? ` in that order along +${it.along}` : ''}`;
    case 'grid':
      return `grid ${it.rows.map((r) => r.join(', ')).join(' / ')}`;
    case 'circle':
      return `circle ${it.ids.join(', ')} around ${it.center ?? (it.at ? `the point [${it.at.join(', ')}]` : 'their centre')}`;
    case 'sort':
      return `sort ${it.pairs.map((p) => `${p.id}→${p.container}`).join(', ')}`;
    case 'lineUp':
      return `line up ${it.ids.join(', ')} along +${it.axis}${it.line ? ` (${it.line} line)` : ''}${it.region ? ` in the ${it.region.replace(/_/g, ' ')}` : ''}${it.through ? ` through [${it.through.join(', ')}]` : ''}${it.anchor ? ` from ${it.anchor}` : ''}`;
    case 'push':
      return `push ${it.id} ${fmtDest(it.dest)}`;
    case 'pushBy':
      return `push ${it.id} ${(it.distance * 100).toFixed(0)} cm toward [${it.direction.join(', ')}]`;
    case 'swap':
      return `swap ${it.ids[0]} and ${it.ids[1]}`;
    case 'unstack':
      return `unstack ${it.id} from ${it.from}`;
    case 'pyramid':
      return `pyramid ${it.base[0]} + ${it.base[1]} under ${it.top}`;
  }
}
