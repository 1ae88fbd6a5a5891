// The grammar of instructions: a clause is a verb, its objects (noun phrases) and
// phrases saying where, how and in what order. Recursive descent over the tokens of
// tokenizer.ts; nothing here looks at the scene — noun phrases are resolved to
// object ids later (references.ts), so the same parse serves any scene.

import type { ColorName, Vec2 } from '../../../sim/index.ts';
import { DIRECTIONS, FILLER, LEADING_FILLER, NOUNS, NUMBER_WORDS, PARTICLES, SIZE_WORDS, VERBS, isColor } from './lexicon.ts';
import type { NounClass, VerbClass } from './lexicon.ts';
import { spanText, splitClauses, tokenize } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

export type SizeOrder = 'smallest' | 'largest' | 'tallest' | 'shortest';

/** A reference to objects, as written: resolved against a scene by references.ts. */
export interface NounPhrase {
  /** The words as written in the instruction ("the smallest block"). */
  text: string;
  /** `tower`: "the tower", "the stack" — the objects stacked on one another in the scene. */
  kind: 'object' | 'pronoun' | 'table' | 'id' | 'tower';
  colors: ColorName[];
  noun: NounClass | null;
  plural: boolean;
  /** "all the blocks", "each block", "both blocks". */
  quantifier: 'all' | 'each' | 'both' | null;
  /** "the three blocks", "the two biggest blocks": how many it names. */
  count?: number;
  size: SizeOrder | null;
  /** "the other block": not one named before in the clause. */
  other: boolean;
  /** "the bowl of the same colour", "the matching bowl". */
  matchColor: boolean;
  id?: string;
  pronoun?: 'it' | 'them' | 'both' | 'one' | 'each-other';
  /** For "both" made of a list ("on the red and blue blocks"): the listed phrases. */
  list?: NounPhrase[];
}

export type Relation = 'left' | 'right' | 'front' | 'behind' | 'next';

/** Where something should go, as written. */
export type Location =
  | { kind: 'on'; np: NounPhrase }
  | { kind: 'in'; np: NounPhrase }
  | { kind: 'to'; np: NounPhrase }
  | { kind: 'relation'; rel: Relation; np: NounPhrase }
  | { kind: 'corner'; x: -1 | 1; y: -1 | 1; text: string }
  | { kind: 'side'; axis: 'x' | 'y'; sign: -1 | 1; text: string }
  | { kind: 'center'; text: string }
  | { kind: 'table' }
  | { kind: 'from'; np: NounPhrase }
  | { kind: 'sideBySide' }
  | { kind: 'onBoth'; np: NounPhrase }
  | { kind: 'at'; xy: Vec2 }
  | { kind: 'where'; np: NounPhrase }
  /** "on the right end of the plank": on an object, at one end of its top. */
  | { kind: 'onEnd'; side: 'left' | 'right' | 'front' | 'back'; np: NounPhrase }
  /** "into the gap between A and B", "between A and B": the point midway between two objects. */
  | { kind: 'between'; nps: NounPhrase[] }
  | { kind: 'row' }
  /** "in a circle around the bowl", "in a ring", "around X": on a circle (round X, or where they are). */
  | { kind: 'circle'; np: NounPhrase | null }
  /** "in two rows of three", "in a grid": rows along x, the first named at the back. */
  | { kind: 'grid'; rows: number | null; cols: number | null }
  /** "in the back row", "in the front row", "in the first row": one row of a grid. */
  | { kind: 'gridRow'; which: 'back' | 'front' | number };

export interface StackRole {
  np: NounPhrase;
  role: 'bottom' | 'middle' | 'top';
}

export interface Clause {
  /** The clause as written. */
  text: string;
  verb: VerbClass;
  verbText: string;
  objects: NounPhrase[];
  locations: Location[];
  upright: boolean;
  /** "… and hold it above the table". */
  hold: boolean;
  distance: number | null;
  direction: { vec: Vec2; text: string } | null;
  /** Order along an axis of the objects as listed: x (left→right), y (front→back), z (bottom→top). */
  order: { axis: 'x' | 'y' | 'z'; sign: 1 | -1 } | null;
  /** Order by size: ascending (smallest first) or descending. */
  bySize: 'asc' | 'desc' | null;
  byColor: boolean;
  roles: StackRole[];
  /** "rebuilding it upside down", "in reverse order": a stack in the reverse of its order now. */
  reverse: boolean;
  /** "move the tower …, rebuilding it …": a put clause that rebuilds a stack at its place. */
  rebuild: boolean;
  /** For each location, how many objects were named before it: "the red blocks in the red bowl, the blue blocks in the blue bowl" pairs each group with its place. */
  locAt: number[];
  /** "build a pyramid", "make a tower". */
  structure: 'pyramid' | 'tower' | null;
}

export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseError';
  }
}

const isWordTok = (t: Token | undefined): t is Token => t?.kind === 'word';

/** A cursor over one clause's tokens with the small look-ahead helpers the grammar needs. */
class Cursor {
  pos = 0;
  readonly tokens: readonly Token[];
  readonly source: string;
  constructor(tokens: readonly Token[], source: string) {
    this.tokens = tokens;
    this.source = source;
  }

  peek(k = 0): Token | undefined {
    return this.tokens[this.pos + k];
  }
  word(k = 0): string | undefined {
    const t = this.peek(k);
    return t?.kind === 'word' ? t.text : undefined;
  }
  done(): boolean {
    return this.pos >= this.tokens.length;
  }
  /** Consume one token if it is one of the words (or punctuation). */
  accept(...words: string[]): string | null {
    const t = this.peek();
    if (t && (t.kind === 'word' || t.kind === 'punct') && words.includes(t.text)) {
      this.pos++;
      return t.text;
    }
    return null;
  }
  /** Consume a sequence of words, each position a word or a set of alternatives; `?` suffix = optional. */
  seq(...parts: (string | string[])[]): boolean {
    const save = this.pos;
    for (const part of parts) {
      const alts = typeof part === 'string' ? [part] : part;
      const optional = alts.every((a) => a.endsWith('?'));
      const words = alts.map((a) => a.replace(/\?$/, ''));
      if (!this.accept(...words) && !optional) {
        this.pos = save;
        return false;
      }
    }
    return true;
  }
  text(from: number, to = this.pos): string {
    return spanText(this.source, this.tokens.slice(from, to));
  }
}

// ---------------------------------------------------------------- noun phrases

const DETERMINERS = ['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'your', 'my', 'our'];

function emptyNp(text: string, kind: NounPhrase['kind']): NounPhrase {
  return { text, kind, colors: [], noun: null, plural: false, quantifier: null, size: null, other: false, matchColor: false };
}

/**
 * One noun phrase without conjunctions: determiner/quantifier, adjectives (colour, size,
 * "other", "matching"), a head noun (or "one"), and post-modifiers ("of the same colour").
 * Adjective-only phrases ("the red" in "the red and the blue block") come back with
 * `noun: null` and get the head of a later phrase.
 */
function parseSimpleNp(c: Cursor): NounPhrase | null {
  const start = c.pos;
  const w = c.word();
  if (w === undefined) return null;
  // Pronouns.
  if (w === 'it' || w === 'them' || (w === 'both' && !isNounish(c.word(1)) && c.word(1) !== 'of')) {
    c.pos++;
    const np = emptyNp(c.text(start), 'pronoun');
    np.pronoun = w === 'both' ? 'both' : w;
    np.plural = w !== 'it';
    return np;
  }
  if (w === 'each' && c.word(1) === 'other') {
    c.pos += 2;
    const np = emptyNp(c.text(start), 'pronoun');
    np.pronoun = 'each-other';
    np.plural = true;
    return np;
  }
  if (w.includes('_')) {
    c.pos++;
    const np = emptyNp(c.text(start), 'id');
    np.id = w;
    return np;
  }
  let quantifier: NounPhrase['quantifier'] = null;
  if (c.seq(['all', 'every', 'each', 'both'], 'of?', 'the?')) {
    const q = c.tokens[start]!.text;
    quantifier = q === 'every' || q === 'each' ? 'each' : q === 'both' ? 'both' : 'all';
  }
  const det = c.accept(...DETERMINERS);
  if ((det === 'the' || det === 'this' || det === 'that') && ['tower', 'stack', 'pile'].includes(c.word() ?? '')) {
    c.pos++;
    return emptyNp(c.text(start), 'tower');
  }
  if (det && (c.word() === 'table' || c.word() === 'tabletop')) {
    c.pos++;
    return emptyNp(c.text(start), 'table');
  }
  // A count: "the three blocks", "all five blocks", "the two biggest blocks" (not "one").
  let count: number | undefined;
  const n = c.peek();
  const nValue = n?.kind === 'number' ? n.value : n?.kind === 'word' ? NUMBER_WORDS[n.text] : undefined;
  if (nValue !== undefined && nValue >= 2 && Number.isInteger(nValue) && isNounish(c.word(1))) {
    count = nValue;
    c.pos++;
  }
  const colors: ColorName[] = [];
  let size: SizeOrder | null = null;
  let other = false;
  let matchColor = det === 'its' || det === 'their';
  let consumedAdjective = false;
  for (;;) {
    const a = c.word();
    if (a === undefined) break;
    if (isColor(a)) {
      colors.push(a);
      c.pos++;
      c.accept('colored');
    } else if (SIZE_WORDS[a] && !(a === 'short' && c.word(1) === 'side')) {
      size = SIZE_WORDS[a]!;
      c.pos++;
      c.accept('sized');
    } else if (a === 'most' || a === 'least') {
      // "the least tall": treat as shortest.
      const b = c.word(1);
      if (b && SIZE_WORDS[b]) {
        size = a === 'least' ? invert(SIZE_WORDS[b]!) : SIZE_WORDS[b]!;
        c.pos += 2;
      } else break;
    } else if (a === 'other' || a === 'remaining' || a === 'second') {
      other = true;
      c.pos++;
    } else if (a === 'matching' || a === 'corresponding') {
      matchColor = true;
      c.pos++;
    } else if (a === 'same' && (c.word(1) === 'color' || c.word(1) === 'colored')) {
      matchColor = true;
      c.pos += 2;
    } else if (a === 'own') {
      c.pos++;
    } else break;
    consumedAdjective = true;
  }
  const h = c.word();
  let noun: NounClass | null = null;
  let plural = false;
  let headIsOne = false;
  if (h !== undefined && NOUNS.has(h) && !(h === 'place' && !consumedAdjective)) {
    const entry = NOUNS.get(h)!;
    noun = entry.cls;
    plural = entry.plural;
    c.pos++;
  } else if (h === 'one' || h === 'ones') {
    headIsOne = true;
    plural = h === 'ones';
    c.pos++;
  } else if (h === 'table' && !consumedAdjective) {
    c.pos++;
    return emptyNp(c.text(start), 'table');
  }
  if (!consumedAdjective && noun === null && !headIsOne) {
    c.pos = start;
    return null;
  }
  // Post-modifiers: "of the same colour", "with the same colour", "of its colour", "that matches its colour".
  const save = c.pos;
  if (
    c.seq(
      ['of', 'with', 'in', 'having'],
      ['the', 'its', 'their', 'a', 'matching?'],
      ['same?', 'own?', 'matching?'],
      ['color', 'colors', 'colored'],
    )
  ) {
    matchColor = true;
  } else if (
    c.seq(
      ['that', 'which'],
      ['match', 'matches', 'has', 'have', 'shares', 'share'],
      ['its', 'their', 'the'],
      ['same?', 'own?'],
      ['color', 'colors'],
    )
  ) {
    matchColor = true;
  } else if (c.seq(['of', 'with'], ['matching', 'corresponding'], ['color', 'colors'])) {
    matchColor = true;
  } else c.pos = save;
  const np = emptyNp(c.text(start), 'object');
  np.colors = colors;
  np.noun = noun;
  np.plural = plural || (quantifier === 'all' && noun === null);
  np.quantifier = quantifier;
  np.size = size;
  np.other = other;
  np.matchColor = matchColor;
  if (headIsOne) np.pronoun = 'one';
  if (quantifier === 'each' || quantifier === 'both') np.plural = true;
  if (count !== undefined) {
    np.count = count;
    np.plural = true;
  }
  return np;
}

function invert(s: SizeOrder): SizeOrder {
  return ({ smallest: 'largest', largest: 'smallest', tallest: 'shortest', shortest: 'tallest' } as const)[s];
}

function isNounish(w: string | undefined): boolean {
  return w !== undefined && (NOUNS.has(w) || isColor(w) || SIZE_WORDS[w] !== undefined || w === 'other');
}

/**
 * A list of noun phrases: "the red block and the blue block", "the red, green and blue
 * blocks", "red, green, blue". Adjective-only items take the head noun of the item
 * after them; a plural head shared by a list of colours names one object per colour.
 */
function parseNpList(c: Cursor): NounPhrase[] {
  const items: NounPhrase[] = [];
  for (;;) {
    const save = c.pos;
    const np = parseSimpleNp(c);
    if (!np) {
      c.pos = save;
      break;
    }
    items.push(np);
    const sep = c.pos;
    // Separators: ",", "and", ", and", "as well as", "plus".
    const comma = c.accept(',');
    const and = c.accept('and', 'plus', '&');
    if (!comma && !and) break;
    const next = c.word();
    if (
      next === undefined ||
      !(
        isNounish(next) ||
        next === 'the' ||
        next === 'a' ||
        next === 'it' ||
        next === 'one' ||
        next.includes('_') ||
        next === 'all' ||
        next === 'each'
      )
    ) {
      c.pos = sep;
      break;
    }
    // "and the red one" is fine; "and then" is a clause break (handled by the splitter).
  }
  if (items.length === 0) return items;
  // Shared heads: "the red, green and blue blocks" → three blocks.
  for (let i = items.length - 1; i >= 0; i--) {
    const np = items[i]!;
    if (np.kind !== 'object' || np.noun !== null || np.pronoun === 'one') continue;
    const donor = items.slice(i + 1).find((o) => o.kind === 'object' && o.noun !== null);
    if (donor) {
      np.noun = donor.noun;
      np.plural = false;
    }
  }
  if (items.length > 1) {
    for (const np of items) {
      if (np.kind === 'object' && np.plural && np.colors.length === 1 && np.quantifier === null) np.plural = false;
    }
  }
  // "the red and blue blocks" as one phrase with two colours never happens (commas/and split), but
  // "the red blue block" would: keep the last colour.
  return items;
}

// ---------------------------------------------------------------- places

const SIDE_X: Record<string, -1 | 1> = { left: -1, right: 1 };
const SIDE_Y: Record<string, -1 | 1> = { back: 1, far: 1, top: 1, rear: 1, front: -1, near: -1, bottom: -1 };

/** "(the) back left corner (of the table)", "the left side", "the middle of the table", "the front edge". */
function parsePlace(c: Cursor): Location | null {
  const start = c.pos;
  c.accept('the');
  const a = c.word();
  const b = c.word(1);
  const ofTable = (): void => {
    c.seq(['of', 'on'], 'the', ['table', 'workspace', 'tabletop', 'workspace']);
  };
  // Corners: "back left", "left back", "top right", with or without "corner".
  if (a !== undefined && b !== undefined) {
    const y = SIDE_Y[a] ?? SIDE_Y[b];
    const x = SIDE_X[b] ?? SIDE_X[a];
    const twoWords = (SIDE_Y[a] !== undefined && SIDE_X[b] !== undefined) || (SIDE_X[a] !== undefined && SIDE_Y[b] !== undefined);
    if (twoWords && x !== undefined && y !== undefined) {
      c.pos += 2;
      c.accept('hand');
      c.accept('corner', 'side', 'end', 'part', 'quadrant', 'area');
      ofTable();
      return { kind: 'corner', x, y, text: c.text(start) };
    }
  }
  if (a !== undefined && (SIDE_X[a] !== undefined || SIDE_Y[a] !== undefined)) {
    const after = c.word(1);
    if (after === 'side' || after === 'edge' || after === 'end' || after === 'half' || after === 'border' || after === 'part') {
      c.pos += 2;
      ofTable();
      return SIDE_X[a] !== undefined
        ? { kind: 'side', axis: 'x', sign: SIDE_X[a]!, text: c.text(start) }
        : { kind: 'side', axis: 'y', sign: SIDE_Y[a]!, text: c.text(start) };
    }
  }
  // "the centre" alone or "the centre of the table" (not "the centre of the tray").
  const ofTableAfter = c.word(1) === 'of' && ['table', 'workspace', 'tabletop'].includes(c.word(3) ?? '');
  if ((a === 'middle' || a === 'center') && (c.word(1) !== 'of' || ofTableAfter)) {
    c.pos++;
    ofTable();
    return { kind: 'center', text: c.text(start) };
  }
  c.pos = start;
  return null;
}

/** "left"/"to the left"/"forward"/"away from the robot"/"toward the robot". */
function parseDirection(c: Cursor): { vec: Vec2; text: string } | null {
  const start = c.pos;
  if (c.seq(['away'], 'from', ['the', 'you?'], ['robot', 'gripper', 'me', 'you', 'camera', 'viewer', 'base'])) {
    return { vec: [0, 1], text: c.text(start) };
  }
  if (
    c.seq(['toward', 'to', 'closer'], 'to?', ['the', 'me?', 'you?'], ['robot', 'gripper', 'me', 'you', 'camera', 'viewer', 'base', 'front'])
  ) {
    return { vec: [0, -1], text: c.text(start) };
  }
  c.pos = start;
  c.seq(['to', 'toward'], 'the?');
  const w = c.word();
  if (w !== undefined && DIRECTIONS[w]) {
    // Not "to the left of X" (a relation) and not "the left side" (a place).
    const after = c.word(1);
    if (after === 'of' || after === 'side' || after === 'edge' || after === 'corner' || after === 'end' || after === 'half') {
      c.pos = start;
      return null;
    }
    c.pos++;
    return { vec: DIRECTIONS[w]!, text: c.text(start) };
  }
  c.pos = start;
  return null;
}

/**
 * A location phrase: on/in/to/next to/left of … a noun phrase, a corner, side or the
 * centre of the table, "side by side", "on top of both".
 */
function parseLocation(c: Cursor, verb: VerbClass): Location | null {
  const start = c.pos;
  const np = (): NounPhrase | null => {
    const from = c.pos;
    const list = parseNpList(c);
    if (list.length === 0) return null;
    if (list.length > 1 && ['in', 'into', 'on', 'onto', 'go', 'goes', 'belong', 'belongs'].includes(c.word() ?? '')) {
      // "in the red bowl and the blue blocks in the blue bowl": the list ends at the place; the rest is the next group.
      c.pos = from;
      return parseSimpleNp(c);
    }
    if (list.length === 1) return list[0]!;
    // "on the red and blue blocks": keep the phrase as "both".
    const both = emptyNp(list.map((l) => l.text).join(' and '), 'pronoun');
    both.pronoun = 'both';
    both.plural = true;
    both.list = list;
    return both;
  };
  const fail = (): null => {
    c.pos = start;
    return null;
  };

  // "on the right end of the plank" (not "the right end of the table": a table area).
  {
    const s = c.pos;
    c.seq(['on', 'at', 'onto', 'to'], 'the?');
    const w = c.word();
    const ends: Record<string, 'left' | 'right' | 'front' | 'back'> = {
      left: 'left',
      right: 'right',
      front: 'front',
      back: 'back',
      near: 'front',
      far: 'back',
    };
    const tableWords = ['table', 'workspace', 'tabletop'];
    if (
      w !== undefined &&
      ends[w] &&
      ['end', 'side', 'edge', 'half', 'part'].includes(c.word(1) ?? '') &&
      c.word(2) === 'of' &&
      !tableWords.includes(c.word(3) ?? '') &&
      !tableWords.includes(c.word(4) ?? '')
    ) {
      c.pos += 3;
      const target = np();
      if (target && target.kind !== 'table') return { kind: 'onEnd', side: ends[w]!, np: target };
    }
    c.pos = s;
  }
  // "into the gap between A and B", "(halfway) between A and B".
  if (
    c.seq(['into', 'in', 'to', 'at', 'inside', 'through'], 'the?', ['gap', 'space', 'middle', 'opening', 'spot', 'point'], 'between') ||
    c.seq(['halfway', 'midway', 'right', 'exactly']) ||
    c.accept('between')
  ) {
    if (c.tokens[c.pos - 1]?.text !== 'between' && !c.accept('between')) return fail();
    const list = parseNpList(c);
    if (list.length !== 2) return fail();
    return { kind: 'between', nps: list };
  }
  // "side by side", "next to each other", "beside each other".
  if (
    c.seq('side', 'by', 'side') ||
    c.seq(['next', 'close'], 'to', 'each', 'other') ||
    c.seq(['beside', 'alongside'], 'each', 'other') ||
    c.seq('adjacent', 'to', 'each', 'other')
  ) {
    return { kind: 'sideBySide' };
  }
  // Relations: "to the left of X", "left of X", "on the right of X", "in front of X", "behind X", "next to X".
  {
    const s = c.pos;
    c.seq(['to', 'on', 'at'], 'the?');
    const w = c.word();
    if ((w === 'left' || w === 'right') && c.word(1) === 'of') {
      c.pos += 2;
      const target = np();
      if (target) return { kind: 'relation', rel: w, np: target };
    }
    c.pos = s;
    if (c.seq('in', 'front', 'of') || c.seq(['to', 'at'], 'the', 'front', 'of')) {
      const target = np();
      if (target) return { kind: 'relation', rel: 'front', np: target };
      return fail();
    }
    c.pos = s;
    if (c.seq('behind') || c.seq(['to', 'at'], 'the', 'back', 'of') || c.seq('in', 'back', 'of')) {
      const target = np();
      if (target) return { kind: 'relation', rel: 'behind', np: target };
      return fail();
    }
    c.pos = s;
    if (
      c.seq('next', 'to') ||
      c.seq(['beside', 'besides', 'alongside', 'near', 'by', 'nearby']) ||
      c.seq('close', ['to', 'by']) ||
      c.seq('adjacent', 'to') ||
      c.seq('up', 'against') ||
      c.seq('against')
    ) {
      const target = np();
      if (target) return { kind: 'relation', rel: 'next', np: target };
      return fail();
    }
    c.pos = s;
  }
  // "on top of both / them" (bridging), "on top of X", "on X", "onto X", "atop X", "over X".
  if (c.seq('on', 'top', 'of') || c.accept('onto', 'atop', 'upon', 'over', 'on')) {
    if (c.word() === 'both' || (c.word() === 'them' && verb !== 'stack')) {
      const p = parseSimpleNp(c)!;
      return { kind: 'onBoth', np: p };
    }
    const place = parsePlace(c);
    if (place) return place;
    const target = np();
    if (!target) return fail();
    if (target.kind === 'table') return { kind: 'table' };
    if (target.pronoun === 'both' && target.list) return { kind: 'onBoth', np: target };
    return { kind: 'on', np: target };
  }
  // "in two rows (of three)", "in a grid (of two by three)", "in the back row", "in the second row".
  {
    const s = c.pos;
    const count = (k: number): number | undefined => {
      const t = c.peek(k);
      return t?.kind === 'number' ? t.value : t?.kind === 'word' ? NUMBER_WORDS[t.text] : undefined;
    };
    if (c.accept('in', 'into')) {
      const rows = count(0);
      if (rows !== undefined && rows >= 2 && ['rows', 'lines'].includes(c.word(1) ?? '')) {
        c.pos += 2;
        let cols: number | null = null;
        if (c.accept('of') && count(0) !== undefined) {
          cols = count(0)!;
          c.pos++;
          c.accept('each');
        }
        return { kind: 'grid', rows, cols };
      }
      if (c.seq(['a', 'the'], ['grid', 'matrix'])) {
        let rows: number | null = null;
        let cols: number | null = null;
        if (c.accept('of') && count(0) !== undefined && ['by', 'x'].includes(c.word(1) ?? '') && count(2) !== undefined) {
          rows = count(0)!;
          cols = count(2)!;
          c.pos += 3;
        }
        return { kind: 'grid', rows, cols };
      }
      if (c.accept('the')) {
        const w = c.word();
        const ord: Record<string, 'back' | 'front' | number> = {
          back: 'back',
          rear: 'back',
          far: 'back',
          front: 'front',
          near: 'front',
          first: 1,
          second: 2,
          third: 3,
          last: 'front',
        };
        if (w !== undefined && ord[w] !== undefined && ['row', 'line'].includes(c.word(1) ?? '')) {
          c.pos += 2;
          return { kind: 'gridRow', which: ord[w]! };
        }
      }
    }
    c.pos = s;
  }
  // "in a circle (around X)", "in a ring round X", "around X", "in a circle".
  {
    const s = c.pos;
    const shape = c.seq(['in', 'into', 'on'], ['a', 'one'], ['circle', 'ring']);
    if (c.accept('around', 'round', 'surrounding', 'encircling') || (shape && c.seq(['centered', 'centred'], ['on', 'at']))) {
      const target = np();
      if (target && target.kind !== 'table') return { kind: 'circle', np: target };
      c.pos = s;
    } else if (shape) return { kind: 'circle', np: null };
    c.pos = s;
  }
  // "in front of" is handled above; "in a row / line", "in the corner", "in X", "into X", "inside (of) X".
  if (c.seq('in', ['a', 'one'], ['row', 'line', 'straight', 'column']) || c.seq('in', 'line')) {
    c.accept('line', 'row');
    return { kind: 'row' };
  }
  if (c.accept('in', 'into', 'inside', 'within', 'amongst')) {
    c.accept('of', 'to');
    const place = parsePlace(c);
    if (place) return place;
    const target = np();
    if (!target) return fail();
    if (target.kind === 'table') return { kind: 'table' };
    return { kind: 'in', np: target };
  }
  // "off (of) X", "from X", "out of X", "away from X".
  if (c.seq('off', 'of?') || c.accept('from') || c.seq('out', 'of') || c.seq('away', 'from')) {
    const target = np();
    if (!target) return fail();
    return { kind: 'from', np: target };
  }
  // "where the X is/was", "to the position of X", "to X's place/spot".
  if (c.accept('where')) {
    const target = np();
    if (!target) return fail();
    c.accept('is', 'was', 'stands', 'stood', 'sits', 'sat', 'started', 'is', 'lies', 'lay');
    return { kind: 'where', np: target };
  }
  if (c.seq(['to', 'into', 'at', 'onto'], 'the', ['position', 'place', 'spot', 'location'], 'of')) {
    const target = np();
    if (!target) return fail();
    return { kind: 'where', np: target };
  }
  // "to the back left corner", "to the left side", "to the center", "to X", "toward X".
  if (c.accept('to', 'toward', 'at', 'until')) {
    const place = parsePlace(c);
    if (place) return place;
    const target = np();
    if (target) {
      if (target.kind === 'table') return { kind: 'table' };
      return { kind: 'to', np: target };
    }
    return fail();
  }
  // A bare place: "the back left corner" after "move it".
  const place = parsePlace(c);
  if (place && place.kind !== 'center') return place;
  return fail();
}

// ---------------------------------------------------------------- modifiers

/** "from left to right", "left to right", "bottom to top", "from smallest to largest", "by size". */
function parseOrder(c: Cursor, clause: Clause): boolean {
  const start = c.pos;
  c.accept('from', 'going');
  const a = c.word();
  if (a !== undefined && c.word(1) === 'to') {
    const b = c.word(2);
    const pairs: Record<string, Clause['order']> = {
      'left right': { axis: 'x', sign: 1 },
      'right left': { axis: 'x', sign: -1 },
      'front back': { axis: 'y', sign: 1 },
      'back front': { axis: 'y', sign: -1 },
      'near far': { axis: 'y', sign: 1 },
      'far near': { axis: 'y', sign: -1 },
      'bottom top': { axis: 'z', sign: 1 },
      'top bottom': { axis: 'z', sign: -1 },
    };
    const key = `${a} ${b}`;
    if (pairs[key]) {
      clause.order = pairs[key]!;
      c.pos += 3;
      return true;
    }
    const sa = SIZE_WORDS[a];
    const sb = b === undefined ? undefined : SIZE_WORDS[b];
    if (sa && sb) {
      clause.bySize = sa === 'smallest' || sa === 'shortest' ? 'asc' : 'desc';
      c.pos += 3;
      return true;
    }
  }
  c.pos = start;
  // "from the smallest on the left to the largest on the right": by size along a side.
  {
    c.accept('from', 'going');
    c.accept('the');
    const s1 = c.word() === undefined ? undefined : SIZE_WORDS[c.word()!];
    if (s1) {
      c.pos++;
      c.accept('one', 'ones', 'block', 'blocks', 'object', 'objects');
      const side = (): 'left' | 'right' | 'front' | 'back' | null => {
        if (!c.seq(['on', 'at'], 'the?')) return null;
        const w = c.word();
        if (w === 'left' || w === 'right' || w === 'front' || w === 'back') {
          c.pos++;
          return w;
        }
        return null;
      };
      const a = side();
      if (c.accept('to')) {
        c.accept('the');
        const s2 = c.word() === undefined ? undefined : SIZE_WORDS[c.word()!];
        if (s2) {
          c.pos++;
          c.accept('one', 'ones', 'block', 'blocks', 'object', 'objects');
          const b = side();
          const small = s1 === 'smallest' || s1 === 'shortest';
          clause.bySize = small ? 'asc' : 'desc';
          const first = a ?? (b === 'right' ? 'left' : b === 'left' ? 'right' : b === 'back' ? 'front' : b === 'front' ? 'back' : null);
          if (first)
            clause.order = {
              axis: first === 'left' || first === 'right' ? 'x' : 'y',
              sign: first === 'left' || first === 'front' ? 1 : -1,
            };
          return true;
        }
      }
    }
  }
  c.pos = start;
  if (c.seq('bottom', 'up') || c.seq('from', 'the', 'bottom', 'up')) {
    clause.order = { axis: 'z', sign: 1 };
    return true;
  }
  if (c.seq('top', 'down') || c.seq('from', 'the', 'top', 'down')) {
    clause.order = { axis: 'z', sign: -1 };
    return true;
  }
  if (c.seq(['by', 'according'], 'to?', ['size', 'height', 'volume']) || c.seq('in', 'order', 'of', ['size', 'height'])) {
    clause.bySize ??= 'asc';
    // "by size, largest first"
    return true;
  }
  if (c.seq(['largest', 'tallest'], 'first') || c.seq('in', ['descending', 'decreasing'], 'order?', 'of?', 'size?')) {
    clause.bySize = 'desc';
    return true;
  }
  if (c.seq(['smallest', 'shortest'], 'first') || c.seq('in', ['ascending', 'increasing'], 'order?', 'of?', 'size?')) {
    clause.bySize = 'asc';
    return true;
  }
  if (c.seq(['by', 'according'], 'to?', ['their?', 'its?', 'the?'], ['color', 'colors']) || c.seq('by', 'matching', ['color', 'colors'])) {
    clause.byColor = true;
    return true;
  }
  if (
    c.seq('in', ['that', 'this', 'the'], 'order', 'given?') ||
    c.seq('in', 'the', 'same', 'order') ||
    c.seq('in', 'order') ||
    c.accept('respectively') ||
    c.seq('in', 'the', 'given', 'order') ||
    c.seq('in', 'the', 'order', ['given', 'listed', 'named'])
  ) {
    return true;
  }
  c.pos = start;
  return false;
}

/** "at the bottom", "in the middle", "on top", "at the top", "as the base". */
function parseRole(c: Cursor): StackRole['role'] | null {
  if (c.seq(['at', 'on', 'as', 'for', 'in'], 'the', ['bottom', 'base', 'foundation']) || c.seq('at', 'bottom')) return 'bottom';
  if (c.seq(['in', 'at'], 'the', ['middle', 'center']) || c.seq('in', 'between')) return 'middle';
  if (c.seq(['on', 'at'], 'the?', ['top', 'peak', 'summit']) || c.seq('on', 'top')) {
    if (c.word() === 'of') {
      c.pos -= 2;
      if (c.word() !== 'on') c.pos--;
      return null;
    }
    return 'top';
  }
  return null;
}

/** "upright", "standing", "up" (stand it up), "vertical(ly)", "on its end". */
function parseUpright(c: Cursor): boolean {
  return (
    c.accept('upright', 'standing', 'vertical', 'vertically', 'erect') !== null ||
    c.seq('on', 'its', ['end', 'base', 'bottom']) ||
    c.seq('right', 'side', 'up')
  );
}

/** "above the table", "in the air", "up high", "off the table", "aloft", "lifted". */
function parseHold(c: Cursor): boolean {
  return (
    c.seq('above', 'the', ['table', 'tabletop', 'ground']) ||
    c.seq('in', 'the', 'air') ||
    c.seq('up', 'high') ||
    c.seq('off', 'the', ['table', 'ground']) ||
    c.accept('aloft', 'lifted', 'raised', 'high', 'up', 'steady', 'still') !== null ||
    c.seq('for', 'a', ['moment', 'second', 'while'])
  );
}

/** The structure a build verb makes: "a pyramid", "a tower", "a stack". */
function parseStructure(c: Cursor, clause: Clause): boolean {
  if (c.seq(['a', 'the'], ['pyramid', 'triangle']) || c.accept('pyramid')) {
    clause.structure = 'pyramid';
    return true;
  }
  if (c.seq(['a', 'the'], ['tower', 'stack', 'pile']) || c.accept('tower')) {
    clause.structure = 'tower';
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- clauses

function parseClause(tokens: Token[], source: string): Clause {
  const c = new Cursor(tokens, source);
  const clauseText = c.text(0, tokens.length);
  // Leading filler: "please", "then", "I want you to", "can you", "first".
  while (!c.done()) {
    const w = c.word();
    if (w !== undefined && LEADING_FILLER.has(w) && !(VERBS.has(w) && w !== 'go')) c.pos++;
    else if (c.peek()?.kind === 'punct') c.pos++;
    else break;
  }
  const verbTok = c.peek();
  if (!isWordTok(verbTok) || !VERBS.has(verbTok.text)) {
    // A statement: "the red and blue blocks are in the wrong bowls" names the objects the
    // next clause acts on ("put each one …"); what it says of them is not read.
    const at = c.pos;
    const list = parseNpList(c);
    if (list.length > 0 && c.accept('is', 'are')) {
      c.pos = tokens.length;
      return {
        text: clauseText,
        verb: 'state',
        verbText: c.text(at, at + 1),
        objects: list,
        locations: [],
        upright: false,
        hold: false,
        distance: null,
        direction: null,
        order: null,
        bySize: null,
        byColor: false,
        roles: [],
        reverse: false,
        rebuild: false,
        locAt: [],
        structure: null,
      };
    }
    c.pos = at;
    throw new ParseError(`could not read '${clauseText}': no known verb`);
  }
  c.pos++;
  let verb = VERBS.get(verbTok.text)!;
  // Particles and two-word verbs.
  while (c.word() !== undefined && PARTICLES.has(c.word()!) && !(c.word() === 'over' && verb !== 'pick')) c.pos++;
  if (verb === 'take' && c.accept('off', 'out', 'away', 'down')) verb = 'remove';
  if (verbTok.text === 'set' && c.word() === 'up') c.pos++;

  const clause: Clause = {
    text: clauseText,
    verb,
    verbText: verbTok.text,
    objects: [],
    locations: [],
    upright: verbTok.text === 'stand' || verbTok.text === 'erect',
    hold: verb === 'hold',
    distance: null,
    direction: null,
    order: null,
    bySize: null,
    byColor: false,
    roles: [],
    reverse: false,
    rebuild: false,
    locAt: [],
    structure: null,
  };

  let pendingRoleNp: NounPhrase | null = null;
  while (!c.done()) {
    const t = c.peek()!;
    if (t.kind === 'punct') {
      c.pos++;
      continue;
    }
    if (c.accept('and', 'with', 'using', 'plus')) continue;
    // "take the tower apart": unstack it.
    if ((verb === 'take' || verb === 'pick' || verb === 'remove') && c.accept('apart')) {
      verb = 'unstack';
      clause.verb = verb;
      continue;
    }
    // "move the tower to X, rebuilding it upside down: …": from here on a stack, built at X.
    if (verb === 'put' && c.accept('rebuilding', 'rebuild', 'rebuilt', 'reassembling', 'reassemble', 'restacking', 'restack')) {
      verb = 'stack';
      clause.rebuild = true;
      c.accept('it', 'them');
      continue;
    }
    if ((verb === 'stack' || verb === 'build') && (c.seq('upside', 'down') || c.seq('in', 'reverse', 'order?') || c.accept('reversed'))) {
      clause.reverse = true;
      continue;
    }
    if (c.seq(['the', 'their', 'its'], ['positions', 'places', 'position', 'place', 'spots', 'locations', 'spot'], 'of')) continue;
    if (t.kind === 'distance') {
      clause.distance = t.value!;
      c.pos++;
      continue;
    }
    {
      const save = c.pos;
      if (
        c.seq(['by', 'about', 'around', 'roughly', 'approximately'], ['about?', 'around?', 'roughly?', 'approximately?']) &&
        c.peek()?.kind === 'distance'
      ) {
        clause.distance = c.peek()!.value!;
        c.pos++;
        continue;
      }
      c.pos = save;
    }
    if ((verb === 'build' || verb === 'stack') && parseStructure(c, clause)) continue;
    if (parseOrder(c, clause)) continue;
    if (verb === 'stack' || verb === 'build') {
      const role = parseRole(c);
      if (role) {
        const np = pendingRoleNp ?? clause.objects[clause.objects.length - 1];
        if (np) clause.roles.push({ np, role });
        pendingRoleNp = null;
        continue;
      }
    }
    if (parseUpright(c)) {
      clause.upright = true;
      continue;
    }
    if ((verb === 'build' || verb === 'stack') && c.word() !== undefined && ['from', 'of', 'out'].includes(c.word()!)) {
      // "a pyramid from/of/out of the red, green and blue blocks": what it is made of.
      const save = c.pos;
      c.seq(['from', 'of', 'out'], 'of?');
      const list = parseNpList(c);
      if (list.length > 0) {
        clause.objects.push(...list);
        continue;
      }
      c.pos = save;
    }
    if (verb === 'pick' && c.word() === 'up') {
      c.pos++;
      continue;
    }
    // "stand the cans up in the tray", "line the blocks up in a row": a split particle.
    if ((verb === 'stand' || verb === 'lineup') && c.word() === 'up') {
      c.pos++;
      if (verb === 'stand') clause.upright = true;
      continue;
    }
    if ((verb === 'pick' || verb === 'hold' || verb === 'take') && parseHold(c)) {
      clause.hold = true;
      continue;
    }
    if (verb === 'push' || verb === 'pick') {
      const dir = parseDirection(c);
      if (dir) {
        clause.direction = dir;
        continue;
      }
    }
    const loc = parseLocation(c, verb);
    if (loc) {
      clause.locations.push(loc);
      clause.locAt.push(clause.objects.length);
      continue;
    }
    if (verb === 'put' || verb === 'remove' || verb === 'take') {
      const dir = parseDirection(c);
      if (dir) {
        clause.direction = dir;
        continue;
      }
    }
    const list = parseNpList(c);
    if (list.length > 0) {
      if (verb === 'stack' || verb === 'build') {
        // "with the blue block at the bottom, the green block in the middle ..."
        const role = parseRole(c);
        if (role && list.length >= 1) {
          clause.roles.push({ np: list[list.length - 1]!, role });
          clause.objects.push(...list);
          continue;
        }
        pendingRoleNp = list[list.length - 1]!;
      }
      clause.objects.push(...list);
      continue;
    }
    const w = c.word();
    if (
      w !== undefined &&
      (FILLER.has(w) ||
        LEADING_FILLER.has(w) ||
        w.endsWith('ly') ||
        [
          'the',
          'a',
          'an',
          'is',
          'are',
          'be',
          'one',
          'row',
          'line',
          'order',
          'positions',
          'position',
          'places',
          'place',
          'spots',
          'locations',
        ].includes(w))
    ) {
      c.pos++;
      continue;
    }
    // Unreadable: name the words up to the next separator.
    const from = c.pos;
    while (
      !c.done() &&
      c.peek()!.kind !== 'punct' &&
      !(c.pos > from && ['and', 'with', 'on', 'in', 'into', 'to', 'next', 'then'].includes(c.word() ?? ''))
    )
      c.pos++;
    throw new ParseError(`could not read '${c.text(from)}' in '${clauseText}'`);
  }
  sizeRoles(clause);
  return clause;
}

/**
 * "Stack all five blocks, the biggest at the bottom and the smallest on top": roles held
 * by bare size words ("the biggest") over a plural group order the group by size.
 */
function sizeRoles(clause: Clause): void {
  const bare = (np: NounPhrase): boolean => np.size !== null && np.colors.length === 0 && np.kind === 'object' && !np.plural;
  const roles = clause.roles.filter((r) => bare(r.np));
  if (roles.length === 0 || roles.length !== clause.roles.length || !clause.objects.some((o) => o.plural)) return;
  const bottom = roles.find((r) => r.role === 'bottom')?.np.size;
  const top = roles.find((r) => r.role === 'top')?.np.size;
  const big = (s: SizeOrder | null | undefined): boolean => s === 'largest' || s === 'tallest';
  if (bottom !== undefined) clause.bySize = big(bottom) ? 'desc' : 'asc';
  else if (top !== undefined) clause.bySize = big(top) ? 'asc' : 'desc';
  else return;
  const drop = new Set(roles.map((r) => r.np));
  clause.objects = clause.objects.filter((o) => !drop.has(o));
  clause.roles = [];
}

/** Parse an instruction into clauses. Throws ParseError naming the phrase it could not read. */
export function parseInstruction(text: string): Clause[] {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new ParseError('could not read the instruction: it is empty');
  return splitClauses(tokens).map((t) => parseClause(t, text));
}
