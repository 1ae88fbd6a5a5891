// The grammar of instructions: a clause is a verb, its objects (noun phrases) and
// phrases saying where, how and in what order. Recursive descent over the tokens of
// tokenizer.ts; nothing here looks at the scene — noun phrases are resolved to
// object ids later (references.ts), so the same parse serves any scene.

import type { ColorName, Vec2 } from '../../../sim/index.ts';
import { PHRASE_DISTANCES, closestNames } from '../../../sim/index.ts';
import {
  COLORS,
  CONTAINER_CLASSES,
  DIRECTIONS,
  EVERYDAY_NOUNS,
  EXTREMES,
  FILLER,
  HEIGHT_EXTREMES,
  LEADING_FILLER,
  NOUNS,
  NUMBER_WORDS,
  ORDINALS,
  TOWER_WORDS,
  PARTICLES,
  POLITENESS,
  SIDE_WORDS,
  SIZE_WORDS,
  SPELLING,
  UNITS,
  VERBS,
  isColor,
} from './lexicon.ts';
import type { ImageSide, NounClass, VerbClass } from './lexicon.ts';
import { normalizeTokens } from './normalize.ts';
import { listedOrder } from './listed-order.ts';
import { isContent, recoverClause, saidToBe } from './recover.ts';
import { compassConflict } from './compass.ts';
import { selfCorrections, withdrawnWithReason } from './self-corrections.ts';
import { spanText, splitClauses, tokenize } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

export type SizeOrder = 'smallest' | 'largest' | 'tallest' | 'shortest';

/** A reference to objects, as written: resolved against a scene by references.ts. */
export interface NounPhrase {
  /** The words as written in the instruction ("the smallest block"). */
  text: string;
  /** Of a tower: "the tallest stack", "the short pile" — which of several, by how many stand in it. */
  towerSize?: 'tallest' | 'shortest';
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
  /** "the non-blue blocks", "the cylinder that is not green", "other than red": colours it must not have. */
  notColors?: ColorName[];
  /**
   * "the block to the left of / above / below the blue bowl" (sides of the top camera's
   * image: above = +y), "the block closest to / farthest from the yellow bowl", "next to X"
   * (= closest). `np` null: from the gripper ("the nearest block").
   */
  relation?: {
    rel: NpRelation;
    np: NounPhrase | null;
    /** "closest to the top left corner": a part of the table instead of an object. */
    place?: TablePlace;
    /** Said with "that is" / "which are": a modifier, never where the object goes. */
    explicit?: boolean;
    /** "the block between the blue block and the green block": the two it lies between (`np` is the first). */
    between?: NounPhrase[];
    /** "the second closest block to X", "the block that is the third farthest from X": which one counting from the extreme (1 = it). */
    rank?: number;
    /** "the blocks in the corners", "the ones from the corners", "the block in a corner": in any corner of the table (`rel` 'region', no `place`). */
    corners?: boolean;
    /**
     * "all the blocks from the corner", "the block in the right hand corner": in the one corner
     * (on that side of the table, top = back) where things that fit stand (with `corners`).
     */
    oneCorner?: { side?: 'left' | 'right' | 'top' | 'bottom' };
  };
  /**
   * "the second block from the left", "the third from the bottom", "the leftmost block" (n = 1);
   * `height`: "the highest / lowest block" — counted up the stack when objects stand on
   * others, else from that side of the image.
   */
  nth?: { n: number; from: ImageSide; height?: boolean };
  /** "all the blocks except the red one", "other than the blue block": objects left out. */
  except?: NounPhrase[];
  /** "the bowls with mismatched colours", "a bowl of a different colour": each one another colour than what goes in it. */
  mismatchColor?: boolean;
  /** "the red and blue blocks": one of the list said with a plural head; all that fit when several do (else the one). */
  listPlural?: boolean;
  /** "the second largest block": which one counting down the size order (1 = the extreme). */
  sizeRank?: number;
  /** "the medium-sized can", "the two middle-sized blocks": neither the largest nor the smallest (the middle of the size order). */
  middleSize?: boolean;
  /** "the four outer blocks", "the outermost ball": those farthest from the middle of all that fit. */
  outer?: boolean;
  /** "the same bowl", "one bowl", "a single tray": one container for everything that goes there. */
  same?: boolean;
  /** "the same bowl as the blue block": the container that holds that object now. */
  sameAs?: NounPhrase;
  /** "the bowl with the same colour as the red block", "the bowl matching the red block": that object's colour. */
  colorOf?: NounPhrase;
  /** "the blocks bigger than the blue one", "any block that is taller than X": larger (smaller …) than that object. */
  than?: { order: SizeOrder; np: NounPhrase };
  /** "the empty tray", "an empty bowl": a container with nothing in or on it. */
  empty?: boolean;
  /** "the loose ball", "every loose block": one in no container, on nothing and under nothing. */
  loose?: boolean;
  /** "the odd one out": the one whose shape (else colour) no other of them has. */
  odd?: boolean;
  /** "the lone block", "the block on its own" (everyday-forms.ts): the one farthest from any other thing. */
  alone?: boolean;
  /** "that bunch of blocks in the middle": every one of the group lying together where it says (references.ts). */
  cluster?: boolean;
  /** "the smallest of the blocks on the right": chosen among those on that half of the table. */
  half?: ImageSide;
  /** "the block at the end of the bottom row", "the left-hand column" (phrasings.ts): among those of that row or column (references.ts). */
  line?: { axis: 'row' | 'column'; side: ImageSide | 'middle' };
  /** "the block with no bowl of its colour", "blocks that have a matching bowl": whether a container of that kind has its colour. */
  colourHas?: { has: boolean; noun: NounClass };
  /** "the kettle" where an id spells it (id-names.ts): the things whose ids have this word. */
  idWord?: string;
  /** "the drink" where no id spells it but ids spell other names (id-names.ts): not the things those name. */
  nameWord?: string;
}

/** How a noun phrase picks objects by where they are: a side of another object in the image, or nearest / farthest. */
export type NpRelation = ImageSide | 'closest' | 'farthest' | 'in' | 'on' | 'region' | 'between' | 'under';

/** A part of the table a relation can be measured from: a corner, a side (its edge) or the centre. */
export type TablePlace = Extract<Location, { kind: 'corner' | 'side' | 'center' }>;

export type Relation = 'left' | 'right' | 'front' | 'behind' | 'next';

/** "a little to the right of X" (PHRASE_DISTANCES), "5 cm to the left of X": the gap wanted between the two footprints. */
export interface Gap {
  /** The edge-to-edge gap along the axis (m) that counts as meant. */
  min: number;
  max: number;
  /** As written ("a little", "5 cm"). */
  text: string;
}

/** Where something should go, as written. */
export type Location =
  /** `top`: said "on top of" ("on top of it" is the thing last put down, not its container). */
  | { kind: 'on'; np: NounPhrase; top?: boolean }
  | { kind: 'in'; np: NounPhrase }
  | { kind: 'to'; np: NounPhrase }
  | { kind: 'relation'; rel: Relation; np: NounPhrase; gap?: Gap }
  | { kind: 'corner'; x: -1 | 1; y: -1 | 1; text: string }
  /** "the corner closest to the green bowl", "the side farthest from X". */
  | { kind: 'regionBy'; which: 'corner' | 'side'; rank: 'closest' | 'farthest'; np: NounPhrase; text: string }
  /** "in different corners", "one in each corner": every object in a corner (side) of its own. */
  /**
   * "in different corners", "one in each corner", "one per corner": every object in a corner
   * (side) of its own; `container`: "each block in a different bowl", "one block per bowl" —
   * each in a container (of the class `noun`) of its own. `per`: said with "per" ("one
   * block per bowl": as many as there are places).
   */
  | {
      kind: 'distinct';
      which: 'corner' | 'side' | 'container';
      noun?: NounClass;
      per?: boolean;
      of?: { text: string; cls: NounClass };
      /** "in (diagonally) opposite corners", "on opposite sides", "at opposite ends": two objects, facing places. */
      opposite?: 'any' | 'x' | 'y';
      /** "so that no bowl is left empty", "so every bowl gets one": each container at least one (more objects may share). */
      cover?: boolean;
      /** "into the two empty corners": only corners (sides) nothing else stands in; "on the empty trays, one each": containers holding nothing else. */
      empty?: boolean;
      /** "in a corner", "into any corner": one of them, the nearest (all go to the same one). */
      one?: boolean;
      /** "in the two bottom corners": only the corners on that side of the table. */
      onSide?: string;
      /** "one in each of the white bowls", "in separate green bowls": only containers of these colours. */
      colors?: ColorName[];
    }
  /** `onTop`: said "on top" with nothing after (on the stack, when there is one). */
  | { kind: 'side'; axis: 'x' | 'y'; sign: -1 | 1; text: string; onTop?: boolean }
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
  /** "in a row", "in a horizontal / vertical / diagonal line", "in a column" (vertical). */
  | { kind: 'row'; line: 'horizontal' | 'vertical' | 'diagonal' | null }
  /** "in a circle around the bowl", "in a ring", "around X": on a circle (round X, or where they are). */
  | { kind: 'circle'; np: NounPhrase | null; center?: boolean }
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
  /** A keep clause "leave the orange bowl empty": nothing goes into what it names either. */
  empty?: boolean;
  /** For each location, how many objects were named before it: "the red blocks in the red bowl, the blue blocks in the blue bowl" pairs each group with its place. */
  locAt: number[];
  /** "build a pyramid", "make a tower". */
  structure: 'pyramid' | 'tower' | null;
  /** "diagonally from the top left to the bottom right": the diagonal's slope (+1 rises to the right). */
  slope?: 1 | -1;
  /** In a line: "red at the bottom and white at the top", "the red block on the left": which end each goes at. */
  ends?: { np: NounPhrase; side: ImageSide | 'first' | 'last' | 'middle' }[];
  /**
   * A sentence that only names things and asks for nothing ("There are two bowls.", "…. The red
   * one."), read as a 'state' clause: after something was done, it must name what was named.
   */
  remark?: boolean;
}

/** Where in its clause's tokens a reading stopped, for recover.ts. */
export interface ParseStop {
  /** The token reading stopped at. */
  at: number;
  /** No verb where the clause starts (`at` is that token). */
  noVerb?: boolean;
  /** The token at or after `at` that is a word the grammar does not know, if any. */
  unknown?: number;
}

export class ParseError extends Error {
  readonly stop?: ParseStop;
  constructor(message: string, stop?: ParseStop) {
    super(message);
    this.name = 'ParseError';
    this.stop = stop;
  }
}

const isParseError = (e: unknown): e is ParseError => e instanceof ParseError;

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
  /** The whole clause as written. */
  clause(): string {
    return this.text(0, this.tokens.length);
  }
}

// ---------------------------------------------------------------- noun phrases

const DETERMINERS = ['the', 'a', 'an', 'any', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'your', 'my', 'our'];

/** Words after "that" / "those" that make it point at what was named ("put that in the bowl", "those on the tray"). */
const POINTING_ENDS = [
  'in',
  'into',
  'on',
  'onto',
  'to',
  'inside',
  'next',
  'beside',
  'over',
  'up',
  'down',
  'and',
  'please',
  'then',
  'there',
];

function emptyNp(text: string, kind: NounPhrase['kind']): NounPhrase {
  return { text, kind, colors: [], noun: null, plural: false, quantifier: null, size: null, other: false, matchColor: false };
}

/** "it", unwritten: what goes to a place ("the nearest bowl" = the bowl nearest what goes in it). */
function itNp(): NounPhrase {
  const np = emptyNp('it', 'pronoun');
  np.pronoun = 'it';
  return np;
}

/** What a noun phrase may take after it; `relations: false` leaves "to the left of X" to be read as a place. */
interface NpOptions {
  relations?: boolean;
  /** The clause's verb: "take the block in the bowl" names the one in it; "put the block in the bowl" says where. */
  verb?: VerbClass;
  /** The phrase names a place ("in the bowl on the left"): "on the left" after it says which one. */
  inPlace?: boolean;
  /** Said with "whichever" / "whatever": "whichever block is closest to X" — its "is" begins a modifier. */
  whichever?: boolean;
  /** A topic before the clause that acts on it ("which block is closest to X? put it …"): "which" / "what" read as "whichever". */
  topic?: boolean;
}

/** Verbs whose object is never followed by where it goes: "in X" / "on X" after it says which one. */
const PICK_VERBS: ReadonlySet<VerbClass> = new Set(['pick', 'take', 'remove', 'hold', 'unstack', 'swap']);

const COPULA = ['that', 'which', 'who'];
const BE = [
  'is',
  'are',
  'sits',
  'sit',
  'lies',
  'lie',
  'stands',
  'stand',
  'rests',
  'sitting',
  'lying',
  'standing',
  'resting',
  'located',
  'placed',
  'positioned',
  'found',
];
/** "that's sitting next to X", "which is lying closest to X": a participle after "is". */
const BE_PARTICIPLES = [
  'sitting',
  'lying',
  'standing',
  'resting',
  'located',
  'placed',
  'positioned',
  'found',
  'situated',
  'parked',
  'kept',
  'stored',
];
const NEGATED_BE = ["isn't", "aren't", 'isnt', 'arent'];

/** Colours after "not" / "non": "not green", "non-blue", "not red or blue". */
function colorList(c: Cursor): ColorName[] {
  const out: ColorName[] = [];
  for (;;) {
    const save = c.pos;
    // ("that isn't green yellow or red": colours listed without commas too.)
    if (out.length > 0 && !c.accept('or', 'and', 'nor', ',') && !isColor(c.word() ?? '')) break;
    const w = c.word();
    if (w === undefined || !isColor(w)) {
      c.pos = save;
      break;
    }
    out.push(w);
    c.pos++;
    c.accept('colored');
  }
  return out;
}

/** A side word after "from (the)": "left", "the right side", "the back". */
function sideAfter(c: Cursor): ImageSide | null {
  const save = c.pos;
  c.accept('the');
  const w = c.word();
  if (w !== undefined && SIDE_WORDS[w] !== undefined) {
    c.pos++;
    c.accept('side', 'end', 'edge');
    return SIDE_WORDS[w]!;
  }
  c.pos = save;
  return null;
}

/**
 * The phrases after a head noun that narrow it down: where it is ("to the left of X",
 * "above X", "closest to X", "second from the left", "on the left"), colours it must not
 * have ("that is not green"), what is left out ("except the red one").
 */
/**
 * "the can with a ball on it", "the bowl that has the red block in it", "the bowl holding the red
 * block", "the block under the ball"; and not: "the can with no ball on it", "without a ball on
 * it", "that hasn't got a ball on it", "that doesn't have a block in it", "with nothing on it":
 * what rests on (or in) the thing, as a relation `under` (references.ts). The "with" forms need
 * the "on it" / "in it" after them ("put the block with the ball" is not one).
 */
function heldThings(c: Cursor): { has: boolean; ref: NounPhrase } | null {
  const s = c.pos;
  const rel = ['that', 'which', 'who'];
  let has: boolean | null = null;
  // (Whether "on it" / "in it" must follow.)
  let trail = true;
  let nothing = false;
  if (c.seq(rel, ['is', 'are', "'s"], 'not?', ['under', 'underneath', 'beneath']) || c.seq('not?', ['under', 'underneath', 'beneath'])) {
    has = !c.tokens.slice(s, c.pos).some((t) => t.text === 'not');
    trail = false;
  } else if (c.seq(rel, ["isn't", "aren't", 'isnt', 'arent'], ['under', 'underneath', 'beneath'])) {
    has = false;
    trail = false;
  } else if (c.seq(['with', 'having'], 'nothing') || c.seq(rel, ['has', 'have', "'s"], 'got?', 'nothing')) {
    has = false;
    nothing = true;
  } else if (
    c.seq(['with', 'having'], 'no') ||
    c.seq(rel, ['has', 'have'], 'no') ||
    c.seq(rel, ["'s"], 'got', 'no') ||
    c.seq(rel, ["hasn't", "haven't", 'hasnt', 'havent'], 'got?', ['a', 'an', 'any']) ||
    c.seq(rel, ["doesn't", "don't", 'doesnt', 'dont'], 'have', ['a', 'an', 'any']) ||
    c.seq(rel, ['does', 'do'], 'not', 'have', ['a', 'an', 'any']) ||
    c.seq(rel, ['has', 'have'], 'not', 'got', ['a', 'an', 'any'])
  )
    has = false;
  else if (c.seq('without', ['a', 'an', 'any']) || c.seq('not', ['holding', 'containing'])) {
    has = false;
    trail = false;
  } else if (c.seq(rel, ['has', 'have', "'s"], 'got?') || c.seq('with')) has = true;
  else if (c.seq(rel, ['holds', 'hold', 'contains', 'contain']) || c.accept('holding', 'containing')) {
    has = true;
    trail = false;
  }
  if (has === null) {
    c.pos = s;
    return null;
  }
  let ref: NounPhrase | null;
  if (nothing) {
    ref = { ...emptyNp('anything', 'object'), noun: 'thing', plural: true };
  } else {
    const at = c.pos;
    ref = parseSimpleNp(c, { relations: false });
    // (Not a kind of thing: "with no bowl of its colour" is read elsewhere.)
    if (ref?.kind !== 'object' || ref.noun === null || ref.noun === 'zone') {
      c.pos = s;
      return null;
    }
    ref.text = c.text(at);
  }
  // ("with the red block on top" says which one goes on top of a stack: "with" needs "on it".)
  const withWord = ['with', 'having'].includes(c.tokens[s]?.text ?? '');
  const said = c.seq(['on', 'in', 'inside', 'atop'], 'top?', 'of?', ['it', 'them']) || (!withWord && c.seq('on', 'top'));
  // ("without a bowl of its colour" is read elsewhere.)
  if ((trail && !said) || (!said && !has && CONTAINER_CLASSES.has(ref.noun!) && c.tokens[s]?.text === 'without')) {
    c.pos = s;
    return null;
  }
  return { has, ref };
}

/**
 * "that has a bowl of its colour", "with no matching bowl", "without a bowl of its own",
 * "whose colour has a bowl", "that hasn't got a tray to match": whether a container of that
 * kind has its colour. A bowl said to be had with nothing about colour ("that has a bowl") is
 * not read (it may mean the one in it); had not ("with no bowl") is always of its colour.
 */
function containerOfItsColour(c: Cursor): NounPhrase['colourHas'] | null {
  const s = c.pos;
  let has: boolean | null = null;
  if (c.seq(['that', 'which', 'who'], ['has', 'have'], 'no') || c.seq(['with', 'having'], 'no') || c.seq('without', ['a', 'an', 'any']))
    has = false;
  else if (
    c.seq(['that', 'which', 'who'], ["hasn't", "haven't", 'hasnt', 'havent'], 'got?', ['a', 'an', 'any']) ||
    c.seq(['that', 'which', 'who'], ["doesn't", "don't", 'doesnt', 'dont'], 'have', ['a', 'an', 'any'])
  )
    has = false;
  else if (c.seq(['that', 'which', 'who'], ['has', 'have'], 'got?', ['a', 'an']) || c.seq(['with', 'having'], ['a', 'an'])) has = true;
  else if (c.seq('whose', ['color', 'colour'], ['has', 'have'], ['a', 'an'])) {
    const noun = NOUNS.get(c.word() ?? '');
    if (noun && CONTAINER_CLASSES.has(noun.cls)) {
      c.pos++;
      return { has: true, noun: noun.cls };
    }
  }
  if (has === null) {
    c.pos = s;
    return null;
  }
  const matching = c.accept('matching', 'corresponding') !== null;
  const noun = NOUNS.get(c.word() ?? '');
  if (!noun || noun.plural || !CONTAINER_CLASSES.has(noun.cls)) {
    c.pos = s;
    return null;
  }
  c.pos++;
  // ("the tray with no bowl on it": what rests on it, read by heldThings.)
  if (c.seq(['on', 'in', 'inside'], 'top?', 'of?', ['it', 'them'])) {
    c.pos = s;
    return null;
  }
  const colour =
    c.seq(['of', 'in'], ['its', 'their'], 'own?', ['color', 'colour']) ||
    c.seq(['of', 'in'], 'the', 'same', ['color', 'colour']) ||
    c.seq('of', ['its', 'their'], 'own') ||
    c.seq('to', 'match');
  if (!(colour || matching || !has)) {
    c.pos = s;
    return null;
  }
  return { has, noun: noun.cls };
}

function parsePostModifiers(c: Cursor, np: NounPhrase, pendingOrdinal: number | null, opts: NpOptions): number | null {
  let ordinal = pendingOrdinal;
  for (;;) {
    const start = c.pos;
    const colourHas = np.colourHas ? null : containerOfItsColour(c);
    if (colourHas) {
      np.colourHas = colourHas;
      continue;
    }
    const held = np.relation ? null : heldThings(c);
    if (held) {
      if (held.has) np.relation = { rel: 'under', np: held.ref, explicit: true };
      else {
        const left = emptyNp(c.text(start), 'object');
        left.plural = true;
        left.relation = { rel: 'under', np: held.ref, explicit: true };
        np.except = [...(np.except ?? []), left];
      }
      continue;
    }
    // "that is", "which are", "sitting" …: optional before any of these.
    const copula = c.accept(...COPULA) !== null;
    const negated = c.accept(...NEGATED_BE) !== null;
    const be = negated ? null : c.accept(...BE);
    // ("that isn't sitting on a can": the posture says nothing more.)
    if (be === 'is' || be === 'are' || negated) c.accept(...BE_PARTICIPLES, 'sit', 'lie', 'stand', 'rest');
    // "the blocks are in the bowls" with no "that": a statement, not a modifier ("whichever block is …" is one).
    if (!copula && !opts.whichever && (negated || be === 'is' || be === 'are')) {
      c.pos = start;
      break;
    }
    const afterBe = c.pos;
    // "the block that's second highest (up)", "the one that is the leftmost", "the ball which is
    // (the) biggest", "the block that is third largest": a rank said after the noun.
    if (copula && be !== null) {
      c.accept('the');
      const n = ORDINALS[c.word() ?? ''];
      if (n !== undefined) c.pos++;
      const w = c.word() ?? '';
      if (EXTREMES[w] !== undefined && !np.nth) {
        c.pos++;
        np.nth = HEIGHT_EXTREMES.has(w) ? { n: n ?? 1, from: EXTREMES[w]!, height: true } : { n: n ?? 1, from: EXTREMES[w]! };
        c.accept('up', 'down');
        c.accept('one');
        continue;
      }
      const size = SIZE_WORDS[w];
      if (size && /(est|most)$/.test(w) && !np.size) {
        c.pos++;
        np.size = size;
        if (n !== undefined && n > 1) np.sizeRank = n;
        c.accept('one');
        continue;
      }
      c.pos = afterBe;
    }
    // "everything that's a block", "the objects that are balls": of that kind.
    if (copula && be !== null && np.noun === 'thing') {
      const s1 = c.pos;
      c.accept('a', 'an');
      const kind = NOUNS.get(c.word() ?? '');
      if (kind && kind.cls !== 'zone' && kind.cls !== 'thing') {
        np.noun = kind.cls;
        c.pos++;
        continue;
      }
      c.pos = s1;
    }
    // "that is red", "which are blue or green": colours it must have.
    if (copula && be !== null && isColor(c.word() ?? '')) {
      const colors = colorList(c);
      np.colors = [...np.colors, ...colors.filter((x) => !np.colors.includes(x))];
      continue;
    }
    // "not green", "not red or blue" (also "that isn't green").
    if (negated || c.accept('not')) {
      // ("that is not sitting on a can".)
      if (!negated) c.accept(...BE_PARTICIPLES, 'sit', 'lie', 'stand', 'rest');
      c.accept('colored');
      const colors = colorList(c);
      if (colors.length > 0) {
        np.notColors = [...(np.notColors ?? []), ...colors];
        continue;
      }
      // "every block that's not on the tray", "the blocks not in a bowl": those in or on it left out.
      {
        const s1 = c.pos;
        const rel = c.seq('on', 'top', 'of') || c.accept('on', 'atop') ? 'on' : c.accept('in', 'inside', 'within') ? 'in' : null;
        const ref = rel ? parseSimpleNp(c, { relations: false }) : null;
        if (rel && ref && ref.kind === 'object' && ref.noun !== null) {
          const left = emptyNp(c.text(s1), 'object');
          left.plural = true;
          left.relation = { rel, np: ref, explicit: true };
          np.except = [...(np.except ?? []), left];
          continue;
        }
        c.pos = s1;
      }
      // "the red objects that aren't balls", "the things that are not cylinders": that kind left out.
      if (negated || copula) {
        c.accept('a', 'an', 'the');
        const kind = NOUNS.get(c.word() ?? '');
        if (kind && kind.cls !== 'zone' && kind.cls !== 'thing') {
          const left = emptyNp(c.text(c.pos, c.pos + 1), 'object');
          left.noun = kind.cls;
          left.plural = true;
          c.pos++;
          np.except = [...(np.except ?? []), left];
          // "the thing that isn't a block or a bowl": neither kind.
          for (;;) {
            const s2 = c.pos;
            if (!c.accept('or', 'nor')) break;
            c.accept('a', 'an', 'the');
            const more = NOUNS.get(c.word() ?? '');
            if (!more || more.cls === 'zone' || more.cls === 'thing') {
              c.pos = s2;
              break;
            }
            const also = emptyNp(c.text(c.pos, c.pos + 1), 'object');
            also.noun = more.cls;
            also.plural = true;
            c.pos++;
            np.except = [...np.except, also];
          }
          continue;
        }
      }
      c.pos = start;
      break;
    }
    // "second from the left", "from the left" after an ordinal: counted from that side.
    {
      const w = c.word();
      const n = w === undefined ? undefined : ORDINALS[w];
      if (n !== undefined) c.pos++;
      const counting = c.accept('counting', 'counted') !== null;
      // "second up from the bottom", "third in from the left", "second along from the right".
      if (n !== undefined || ordinal !== null) c.accept('up', 'in', 'along', 'over', 'down', 'across', 'back');
      if ((n !== undefined || ordinal !== null || counting) && c.accept('from')) {
        const side = sideAfter(c);
        if (side) {
          np.nth = { n: n ?? ordinal ?? 1, from: side };
          ordinal = null;
          continue;
        }
      }
      c.pos = afterBe;
    }
    // "closest to X", "nearest the bowl", "farthest from X", "furthest away from X";
    // "the second closest to X", "third farthest from X": counting from the extreme.
    {
      const s0 = c.pos;
      c.accept('the');
      const nthRank = ORDINALS[c.word() ?? ''];
      if (nthRank !== undefined && ['closest', 'farthest'].includes(c.word(1) ?? '')) {
        c.pos++;
        ordinal = nthRank;
      } else c.pos = s0;
      const rank = c.accept('closest', 'farthest');
      if (rank) {
        // "farthest to the left", "farthest left": the first from that side.
        const save = c.pos;
        c.seq('to', 'the?');
        const w = c.word();
        const placeAhead = (() => {
          const s1 = c.pos;
          c.pos = save;
          c.accept('to', 'from');
          const p = tablePlace(c);
          c.pos = s1;
          return p !== null;
        })();
        // "closest to the left green bowl": the side word says which green bowl, not where.
        const sideOfThing = isColor(c.word(1) ?? '') || (NOUNS.has(c.word(1) ?? '') && !isPlaceWord(c.word(1)));
        if (w !== undefined && SIDE_WORDS[w] !== undefined && c.word(1) !== 'of' && !placeAhead && !sideOfThing) {
          c.pos++;
          np.nth = { n: 1, from: SIDE_WORDS[w]! };
          continue;
        }
        c.pos = save;
        c.accept('away');
        c.accept('to', 'from', 'by');
        if (c.seq('the?', ['robot', 'gripper', 'me', 'you', 'us', 'camera', 'base', 'arm'])) {
          // The robot (and "you", "me" said to it) stands at the bottom of the image: nearest it is
          // nearest that edge. The gripper is where it waits.
          const said = c.tokens[c.pos - 1]!.text;
          np.relation =
            said === 'gripper'
              ? { rel: rank as 'closest' | 'farthest', np: null }
              : {
                  rel: rank as 'closest' | 'farthest',
                  np: null,
                  place: { kind: 'side', axis: 'y', sign: -1, text: `the ${said === 'the' ? 'robot' : said}` },
                };
          continue;
        }
        const place = tablePlace(c);
        if (place) {
          np.relation = { rel: rank as 'closest' | 'farthest', np: null, place };
          continue;
        }
        const ref = parseSimpleNp(c, { relations: false });
        if (ref) {
          refRegion(c, ref, opts.verb ?? 'put');
          np.relation = { rel: rank as 'closest' | 'farthest', np: ref };
          continue;
        }
        // "whichever bowl is closest", "the block that is farthest away": from what goes there
        // (a place), else from the gripper.
        const next = c.peek();
        if (afterBe > start && (next === undefined || next.kind === 'punct' || ['and', 'then', 'please'].includes(next.text))) {
          np.relation = { rel: rank as 'closest' | 'farthest', np: opts.inPlace ? itNp() : null };
          continue;
        }
        c.pos = start;
        break;
      }
      if (c.accept('most')) {
        c.seq('to', 'the?');
        const w = c.word();
        if (w !== undefined && SIDE_WORDS[w] !== undefined) {
          c.pos++;
          np.nth = { n: 1, from: SIDE_WORDS[w]! };
          continue;
        }
        c.pos = afterBe;
      }
    }
    // "bigger than the blue one", "that are smaller than the red block", "taller than X".
    {
      const w = c.word();
      const order = w === undefined ? undefined : COMPARATIVES[w];
      if (order && c.word(1) === 'than') {
        c.pos += 2;
        const ref = parseSimpleNp(c, { relations: false });
        if (ref && ref.kind !== 'table') {
          np.than = { order, np: ref };
          continue;
        }
      }
      c.pos = afterBe;
    }
    // "the middle block of the row", "the last block in the line": the row is the objects themselves.
    if (c.seq(['of', 'in', 'from'], 'the', ['row', 'line', 'column', 'group', 'set', 'lot', 'bunch', 'queue', 'series', 'diagonal']))
      continue;
    c.pos = afterBe;
    // "the block between the blue block and the green block", "the one in between the two bowls".
    if (opts.relations !== false && !np.relation && (c.accept('between') || c.seq('in', 'between'))) {
      const list = parseNpList(c, { relations: false });
      const two = list.length === 2 || (list.length === 1 && list[0]!.plural);
      const which =
        afterBe > start ||
        (opts.verb !== undefined && PICK_VERBS.has(opts.verb)) ||
        destinationAhead(c, opts.verb ?? 'put') ||
        placeAfterComma(c);
      if (two && which && list.every((x) => x.kind !== 'table')) {
        np.relation = { rel: 'between', np: list[0]!, between: list, ...(afterBe > start ? { explicit: true } : {}) };
        continue;
      }
      c.pos = afterBe;
    }
    // "the blocks in the corners in the bowl", "the ones from the corners", "the block that is in
    // a corner": whichever stand in any corner, when that names which (a place of their own follows).
    if (opts.relations !== false && !np.relation) {
      const explicit = c.pos > start;
      const from = c.accept('from', 'off') !== null;
      if (from || c.accept('in', 'at')) {
        const at = c.pos;
        if (
          anyCorner(c) &&
          (from || explicit || (opts.verb !== undefined && PICK_VERBS.has(opts.verb)) || destinationAhead(c, opts.verb ?? 'put'))
        ) {
          np.relation = { rel: 'region', np: null, corners: true, explicit: explicit || from };
          continue;
        }
        c.pos = at;
        const one = theOneCorner(c);
        if (
          one &&
          (from || explicit || (opts.verb !== undefined && PICK_VERBS.has(opts.verb)) || destinationAhead(c, opts.verb ?? 'put'))
        ) {
          np.relation = { rel: 'region', np: null, corners: true, oneCorner: one, explicit: explicit || from };
          continue;
        }
      }
      c.pos = afterBe;
    }
    // Sides of another object in the image, "next to", what it is in or on: only where a
    // place could not be meant.
    if (opts.relations !== false && !np.relation) {
      const explicit = c.pos > start;
      // ("put the orange block just to the right of the bowl in the middle": a gap said before a
      // side after the thing put, and only "in the middle" / "on the left" after what it is beside,
      // which says which one of those: where it goes. "… just right of the bowl in the tray" still
      // names the block.)
      const gapped =
        ['just', 'slightly', 'directly', 'immediately'].includes(c.word() ?? '') ||
        (c.word() === 'a' && ['little', 'bit', 'lot', 'tad'].includes(c.word(1) ?? ''));
      let placing = false;
      if (!explicit && gapped && opts.verb !== undefined && !PICK_VERBS.has(opts.verb) && !opts.inPlace) {
        const probe = new Cursor(c.tokens, c.source);
        probe.pos = c.pos;
        if (c.word() === 'a') probe.pos += 2;
        if (relationWords(probe) !== null && parseSimpleNp(probe, { relations: false }) !== null) {
          const which =
            probe.seq(['in', 'at'], 'the', ['middle', 'center']) ||
            probe.seq(['on', 'at'], 'the', 'far?', ['left', 'right'], 'end?') ||
            probe.seq(['on', 'at'], 'the', ['front', 'back'], 'end?');
          placing = which && (probe.done() || probe.peek()?.kind === 'punct' || ['and', 'then'].includes(probe.word() ?? ''));
        }
      }
      const side = placing ? null : relationWords(c);
      const rel = side ?? containment(c);
      if (rel === 'region') {
        const place = tablePlace(c);
        // "the block in the corner" names which one unless it is where the block goes.
        const which =
          explicit || opts.inPlace || (opts.verb !== undefined && PICK_VERBS.has(opts.verb)) || destinationAhead(c, opts.verb ?? 'put');
        if (place && which) {
          np.relation = { rel, np: null, place, explicit };
          continue;
        }
        c.pos = afterBe;
      } else if (rel) {
        const ref = parseSimpleNp(c, { relations: false });
        refRegion(c, ref, opts.verb ?? 'put');
        // "in X" / "on X" names which one only when said so ("that is in"), after a verb that
        // takes no place, or when a place of its own follows ("put the block in the red bowl in the tray").
        const which =
          side !== null ||
          explicit ||
          (opts.verb !== undefined && PICK_VERBS.has(opts.verb)) ||
          ((rel === 'in' || (rel === 'on' && ref?.noun === 'tray')) && destinationAhead(c, opts.verb ?? 'put', OBJECT_DESTINATIONS));
        if (ref && ref.kind !== 'table' && ref.pronoun !== 'each-other' && which) {
          np.relation = explicit ? { rel, np: ref, explicit } : { rel, np: ref };
          continue;
        }
        c.pos = afterBe;
      }
    }
    const placeFollows = (): boolean => {
      const s1 = c.pos;
      c.pos += 3;
      let ahead = destinationAhead(c, opts.verb ?? 'put');
      // "the block on the right a little to the left of the bowl", "the one on the left just above
      // the tray": a place said of another thing right after the side says which one.
      c.pos = s1;
      if (!ahead && c.seq(['on', 'at'], 'the', ['left', 'right'])) {
        const probe = new Cursor(c.tokens, c.source);
        probe.pos = c.pos;
        try {
          ahead = parseLocation(probe, opts.verb ?? 'put')?.kind === 'relation';
        } catch {
          // Not a place here.
        }
      }
      c.pos = s1;
      return ahead;
    };
    if (!np.nth && (opts.inPlace || (opts.verb !== undefined && PICK_VERBS.has(opts.verb)) || placeFollows())) {
      // "the block on the left", "the one on the right", "the block at the top (of the column)",
      // "the one at the far end": the first from that side ("at the bottom" of a stack is a role, not this).
      const stacking = opts.verb === 'stack' || opts.verb === 'build';
      const sides = stacking ? ['left', 'right'] : ['left', 'right', 'top', 'bottom', 'front', 'back', 'far', 'near'];
      // ("on the far right": the extreme right.)
      if (c.seq(['on', 'at'], 'the', ['far?', 'extreme?', 'very?'], sides)) {
        const w = c.tokens[c.pos - 1]!.text;
        const at = c.pos;
        c.accept('end');
        const group = c.seq(['of', 'in'], 'the', ['row', 'line', 'column', 'stack', 'pile', 'group', 'queue', 'set']);
        if (!group) c.pos = c.tokens[at]?.text === 'end' ? at + 1 : at;
        const next = c.word();
        const place =
          ['of', 'side', 'corner', 'edge', 'half', 'hand', 'part'].includes(next ?? '') || SIDE_ADJECTIVES[next ?? ''] !== undefined;
        if (!place) {
          np.nth = { n: ordinal ?? 1, from: SIDE_ADJECTIVES[w]! };
          ordinal = null;
          continue;
        }
      }
      c.pos = afterBe;
    }
    c.pos = start;
    // "except (for) the red one", "but the green ones", "other than red", "apart from the bowl"
    // (Not after a place named alone: "in the tray except the blue one" leaves something out of what goes there.)
    if (
      (!opts.inPlace || np.plural || np.quantifier !== null) &&
      (c.seq(['except', 'excluding', 'save'], 'for?') ||
        c.seq('other', 'than') ||
        c.seq('apart', 'from') ||
        c.seq('aside', 'from') ||
        (np.quantifier !== null && c.seq('but', 'not?')))
    ) {
      const colors = colorList(c);
      if (colors.length > 0 && !NOUNS.has(c.word() ?? '') && c.word() !== 'one' && c.word() !== 'ones') {
        np.notColors = [...(np.notColors ?? []), ...colors];
        continue;
      }
      if (colors.length > 0) c.pos -= colors.length;
      // "except the one left of the brown bowl": a side says which one; "in" / "on" / "next to" may be where they go.
      const from = c.pos;
      let list = parseNpList(c, { relations: true, verb: opts.verb });
      // ("except the one in the middle on the tray": a part of the table, with where they go after it, says which one;
      // so does "except the one in the orange bowl onto the tray".)
      const placeAfter = ['on', 'onto', 'in', 'into', 'to', 'inside'].includes(c.word() ?? '');
      const sided = (x: NounPhrase): boolean =>
        x.relation === undefined ||
        ((x.relation.rel === 'region' || x.relation.rel === 'in' || x.relation.rel === 'on') && placeAfter) ||
        (['left', 'right', 'top', 'bottom', 'farthest'].includes(x.relation.rel) && x.relation.np !== null) ||
        (x.relation.rel === 'closest' && !/\b(next|beside|near|nearby|alongside|close|adjacent)\b/.test(x.text));
      if (!list.every(sided)) {
        c.pos = from;
        list = parseNpList(c, { relations: false });
      }
      if (list.length > 0) {
        np.except = [...(np.except ?? []), ...list];
        continue;
      }
      c.pos = start;
      break;
    }
    c.pos = start;
    break;
  }
  return ordinal;
}

/** Comparatives after a noun: "bigger than X" (bigger is folded to larger), "smaller than X", "taller than X". */
const COMPARATIVES: Readonly<Record<string, SizeOrder>> = {
  larger: 'largest',
  greater: 'largest',
  smaller: 'smallest',
  taller: 'tallest',
  shorter: 'shortest',
};

/** "…, into the green bowl": a comma, then a place of its own (the phrase before it named which one). */
function placeAfterComma(c: Cursor): boolean {
  if (c.peek()?.text !== ',') return false;
  const probe = new Cursor(c.tokens, c.source);
  probe.pos = c.pos + 1;
  try {
    const loc = parseLocation(probe, 'put');
    // "put the block next to the bowl, on the table": "on the table" only says where beside it is.
    return loc !== null && OWN_DESTINATIONS.has(loc.kind) && loc.kind !== 'table';
  } catch {
    return false;
  }
}

/** Whether "the row", "the column", "the stack" … is named here: the group itself, not another object ("the block at the top of the column"). */
function groupAhead(c: Cursor): boolean {
  return c.word() === 'the' && ['row', 'line', 'column', 'stack', 'pile', 'tower', 'group', 'queue'].includes(c.word(1) ?? '');
}

/** Whether "(the) table" is named k words ahead. */
function tableAhead2(c: Cursor, k: number): boolean {
  const w = c.word(k) === 'the' ? c.word(k + 1) : c.word(k);
  return w === 'table' || w === 'tabletop' || w === 'workspace';
}

/** Whether "the table" is named here ("the top of the table" is a side of the table, not of an object). */
function tableAhead(c: Cursor): boolean {
  const w = c.word() === 'the' ? c.word(1) : c.word();
  return w === 'table' || w === 'tabletop' || w === 'workspace';
}

/** "in X", "inside X", "on X", "on top of X": what holds it now. */
function containment(c: Cursor): NpRelation | null {
  const start = c.pos;
  // "the block in the top left corner", "the blocks on the left side": where on the table it is
  // (not "on the far right": the one farthest that way).
  if (c.accept('in', 'on', 'at') && tablePlaceAhead(c) && !farSide(c)) return 'region';
  c.pos = start;
  if (c.seq('on', 'top', 'of') || c.accept('on', 'atop')) {
    if (tablePlaceAhead(c)) {
      c.pos = start;
      return null;
    }
    return 'on';
  }
  if (c.accept('in', 'inside', 'within') || c.seq('inside', 'of')) {
    const w = c.word() === 'the' ? c.word(1) : c.word();
    if (
      tablePlaceAhead(c) ||
      ['front', 'back', 'a', 'one', 'line', 'row', 'order', 'different', 'separate', 'each', 'two', 'three'].includes(w ?? '') ||
      c.word() === 'a'
    ) {
      c.pos = start;
      return null;
    }
    return 'in';
  }
  c.pos = start;
  return null;
}

/** "the corners", "the four corners", "a corner", "any corner", "one of the corners" (of the table), consumed; else nothing is. */
function anyCorner(c: Cursor): boolean {
  const save = c.pos;
  c.seq('one', 'of');
  const det = c.accept('the', 'a', 'any', 'all');
  c.accept('four', '4');
  const w = c.accept('corners', 'corner');
  if (w === null || (w === 'corner' && det !== 'a' && det !== 'any') || (w === 'corners' && det !== 'the' && det !== 'all')) {
    c.pos = save;
    return false;
  }
  c.seq(['of', 'on'], 'the', ['table', 'workspace', 'tabletop']);
  return true;
}

/**
 * "the corner", "the right hand corner", "the back corner" (one side said, or none: not a corner
 * the table names by two), consumed with the side; else nothing is.
 */
function theOneCorner(c: Cursor): { side?: 'left' | 'right' | 'top' | 'bottom' } | null {
  const save = c.pos;
  if (c.accept('the') === null) return null;
  c.accept('far');
  const said = c.accept('left', 'right', 'top', 'bottom', 'back', 'front');
  if (said !== null) c.accept('hand');
  if (c.accept('corner') === null) {
    c.pos = save;
    return null;
  }
  c.seq(['of', 'on'], 'the', ['table', 'workspace', 'tabletop']);
  if (said === null) return {};
  const side =
    ({ back: 'top', front: 'bottom' } as Record<string, 'top' | 'bottom'>)[said] ?? (said as 'left' | 'right' | 'top' | 'bottom');
  return { side };
}

/** "(the) far right" with no place noun after it. */
function farSide(c: Cursor): boolean {
  const k = c.word() === 'the' ? 1 : 0;
  return (
    ['far', 'extreme', 'very'].includes(c.word(k) ?? '') &&
    SIDE_X[c.word(k + 1) ?? ''] !== undefined &&
    !PLACE_NOUNS.includes(c.word(k + 2) ?? '')
  );
}

/** Whether a corner, side or the centre of the table is named here. */
function tablePlaceAhead(c: Cursor): boolean {
  const save = c.pos;
  const place = parsePlace(c);
  c.pos = save;
  return place !== null;
}

/** "the top left corner", "the left side", "the middle": a part of the table (for "closest to …"). */
function tablePlace(c: Cursor): TablePlace | null {
  const save = c.pos;
  const place = parsePlace(c);
  if (place && (place.kind === 'corner' || place.kind === 'side' || place.kind === 'center')) return place;
  c.pos = save;
  return null;
}

/** Words that only say "exactly" before a relation: "just above X", "right next to X", "directly behind X". */
const INTENSIFIERS = ['just', 'right', 'directly', 'immediately', 'exactly', 'straight'];
/** Words a relation starts with, after an intensifier ("right next to", "just above"). */
const RELATION_STARTS = [
  'to',
  'next',
  'beside',
  'above',
  'below',
  'behind',
  'in',
  'on',
  'by',
  'against',
  'alongside',
  'at',
  'up',
  'under',
  'between',
  'near',
  'close',
  'left',
  'right',
  'inside',
  'into',
  'onto',
];

/** Skip an intensifier before a relation ("just above", "right next to"); "right of X" keeps its "right". */
function skipIntensifier(c: Cursor): boolean {
  const w = c.word();
  if (w !== undefined && INTENSIFIERS.includes(w) && RELATION_STARTS.includes(c.word(1) ?? '')) {
    c.pos++;
    return true;
  }
  return false;
}

/**
 * "left of", "right of", "left-hand side of", "right side of" (of an object, not the table:
 * "the left side of the table" is a part of the table), consumed.
 */
function leftRightOf(c: Cursor): 'left' | 'right' | null {
  const save = c.pos;
  const w = c.accept('left', 'right');
  if (w === null) return null;
  c.accept('hand');
  c.accept('side', 'edge');
  if (c.accept('of') && !tableAhead(c)) return w as 'left' | 'right';
  c.pos = save;
  return null;
}

/** "to the left of", "left of", "on the right of", "above", "below", "in front of", "behind", "next to", "beside", "near". */
function relationWords(c: Cursor): NpRelation | null {
  const start = c.pos;
  skipIntensifier(c);
  const afterIntensifier = c.pos;
  c.seq(['to', 'on', 'at'], 'the?');
  const lr = leftRightOf(c);
  if (lr) return lr;
  c.pos = afterIntensifier;
  if (c.accept('above')) return 'top';
  if (c.accept('below')) return 'bottom';
  if (c.seq(['to', 'at'], 'the', ['top', 'upper', 'north'], 'side?', 'of') && !tableAhead(c) && !groupAhead(c)) return 'top';
  c.pos = afterIntensifier;
  if (c.seq(['to', 'at'], 'the', ['bottom', 'lower', 'south'], 'side?', 'of') && !tableAhead(c) && !groupAhead(c)) return 'bottom';
  c.pos = afterIntensifier;
  if (c.seq('in', 'front', 'of')) return 'bottom';
  if (c.accept('behind') || c.seq('in', 'back', 'of')) return 'top';
  if (c.seq('next', 'to') || c.seq('close', 'to') || c.accept('beside', 'near', 'nearby', 'alongside') || c.seq('adjacent', 'to')) {
    return 'closest';
  }
  c.pos = start;
  return null;
}

/**
 * One noun phrase without conjunctions: determiner/quantifier, adjectives (colour, size,
 * "other", "matching", "non-blue", "leftmost", "second", "closest"), a head noun (or
 * "one"), and post-modifiers ("of the same colour", "to the left of X", "that is not
 * green", "except the red one"); "the largest of the green blocks" reads as one phrase.
 * Adjective-only phrases ("the red" in "the red and the blue block") come back with
 * `noun: null` and get the head of a later phrase.
 */
function parseSimpleNp(c: Cursor, opts: NpOptions = {}): NounPhrase | null {
  // "both towers", "the two stacks", "all the piles", "each tower": every stack there is.
  {
    const s0 = c.pos;
    let k = 0;
    while (
      k < 4 &&
      (['the', 'both', 'all', 'these', 'those', 'little', 'small', 'big', 'tall', 'short'].includes(c.word(k) ?? '') ||
        NUMBER_WORDS[c.word(k) ?? ''] !== undefined)
    )
      k++;
    const each = k === 0 && ['each', 'every'].includes(c.word() ?? '') && TOWER_WORDS.has(c.word(1) ?? '');
    if (each || (k > 0 && ['towers', 'stacks', 'piles'].includes(c.word(k) ?? ''))) {
      c.pos += each ? 2 : k + 1;
      return { ...emptyNp(c.text(s0), 'tower'), plural: true };
    }
  }
  const start = c.pos;
  const w = c.word();
  if (w === undefined) return null;
  // Pronouns.
  if (w === 'it' || w === 'them' || (w === 'both' && !isNounish(c.word(1)) && !['of', 'the', 'these', 'those'].includes(c.word(1) ?? ''))) {
    c.pos++;
    const np = emptyNp(c.text(start), 'pronoun');
    np.pronoun = w === 'both' ? 'both' : w;
    np.plural = w !== 'it';
    // "them all", "them both", "them each": all of what "them" names.
    if (w === 'them') c.accept('all', 'both', 'each');
    return np;
  }
  // "that one", "this one", "that" / "this" alone ("put that in the bowl"): what was just named, as "it";
  // "those", "these", "those ones": as "them".
  {
    const next = c.peek(1);
    const ends = next === undefined || next.kind === 'punct' || POINTING_ENDS.includes(next.text);
    const single = (w === 'that' || w === 'this') && ((c.word(1) === 'one' && !isNounish(c.word(2))) || ends);
    // "those two", "these three": as "them" too.
    const counted =
      NUMBER_WORDS[c.word(1) ?? ''] !== undefined &&
      (c.peek(2) === undefined || c.peek(2)!.kind === 'punct' || POINTING_ENDS.includes(c.peek(2)!.text));
    const plural = (w === 'those' || w === 'these') && (c.word(1) === 'ones' || ends || counted);
    if (single || plural) {
      const count = plural && counted ? NUMBER_WORDS[c.word(1)!] : undefined;
      c.pos += c.word(1) === 'one' || c.word(1) === 'ones' || count !== undefined ? 2 : 1;
      const np = emptyNp(c.text(start), 'pronoun');
      np.pronoun = single ? 'it' : 'them';
      np.plural = plural;
      if (count !== undefined) np.count = count;
      return np;
    }
    // "that block goes in the bowl", "put this ball in the tray", "those blocks, …": a demonstrative
    // with a bare noun points back at what was just named of that kind (else it is "the block").
    const noun = NOUNS.get(c.word(1) ?? '');
    const after = c.peek(2);
    const pointEnd =
      after === undefined ||
      after.kind === 'punct' ||
      POINTING_ENDS.includes(after.text) ||
      MODALS.includes(after.text) ||
      MOVE_WORDS.includes(after.text);
    if (
      noun &&
      noun.cls !== 'zone' &&
      pointEnd &&
      (((w === 'that' || w === 'this') && !noun.plural) || ((w === 'those' || w === 'these') && noun.plural))
    ) {
      c.pos += 2;
      const np = emptyNp(c.text(start), 'pronoun');
      np.pronoun = noun.plural ? 'them' : 'it';
      np.plural = noun.plural;
      np.noun = noun.cls;
      return np;
    }
  }
  if ((w === 'each' && c.word(1) === 'other') || (w === 'one' && c.word(1) === 'another')) {
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
  // "everything", "anything", "everything else", "everything that isn't red": every object (not a container).
  if (w === 'everything' || w === 'anything' || (['every', 'each', 'any'].includes(w) && c.word(1) === 'thing')) {
    c.pos += w.endsWith('thing') ? 1 : 2;
    const np = emptyNp('', 'object');
    np.noun = 'thing';
    np.plural = true;
    np.quantifier = 'all';
    if (c.accept('else')) np.other = true;
    // "everything red", "anything blue or green", "everything else that's red": of those colours.
    if (isColor(c.word() ?? '') && !NOUNS.has(c.word(1) ?? '') && c.word(1) !== 'one' && c.word(1) !== 'ones') np.colors = colorList(c);
    parsePostModifiers(c, np, null, opts);
    np.text = c.text(start);
    return np;
  }
  // "the others", "the rest (of them)": every object of the kind named before, but those named.
  if ((w === 'the' || w === 'all') && ['others', 'rest'].includes(c.word(1) ?? '')) {
    c.pos += 2;
    c.seq('of', ['them', 'the', 'it']);
    if (c.tokens[c.pos - 1]?.text === 'the') {
      const n = NOUNS.get(c.word() ?? '');
      if (n) c.pos++;
    }
    const np = emptyNp(c.text(start), 'object');
    np.pronoun = 'one';
    np.plural = true;
    np.quantifier = 'all';
    np.other = true;
    return np;
  }
  let quantifier: NounPhrase['quantifier'] = null;
  // "one block in each corner": every block, one per place.
  if (
    w === 'one' &&
    NOUNS.has(c.word(1) ?? '') &&
    ['in', 'on', 'at', 'to', 'into'].includes(c.word(2) ?? '') &&
    ['each', 'every'].includes(c.word(3) ?? '')
  ) {
    c.pos++;
    const np = parseSimpleNp(c, opts);
    if (np) {
      np.quantifier = 'each';
      np.plural = true;
      np.text = c.text(start);
      return np;
    }
    c.pos = start;
  }
  if (c.seq(['all', 'every', 'each', 'both'], 'of?', 'the?')) {
    const q = c.tokens[start]!.text;
    quantifier = q === 'every' || q === 'each' ? 'each' : q === 'both' ? 'both' : 'all';
  }
  let det = c.accept(...DETERMINERS);
  // "whichever block is closest to the bowl", "whatever object is on the left": the one that is.
  if (
    det === null &&
    (w === 'whichever' || w === 'whatever' || (opts.topic && (w === 'which' || w === 'what'))) &&
    (isNounish(c.word(1)) || (c.word(1) === 'one' && c.word(2) === 'is'))
  ) {
    c.pos++;
    det = 'the';
    opts = { ...opts, whichever: true };
  }
  // "one bowl", "a single tray": one of them (with "same", one for all that go there).
  let single = false;
  if (det === null && w === 'one' && NOUNS.has(c.word(1) ?? '') && c.word(2) !== 'per') {
    c.pos++;
    det = 'one';
    single = true;
  }
  // "take one red block", "into one green bowl": a red block, a green bowl (not "one", then "red block").
  if (det === null && w === 'one' && (isColor(c.word(1) ?? '') || SIZE_WORDS[c.word(1) ?? ''] !== undefined) && headAfterAdjectives(c, 1)) {
    c.pos++;
    det = 'a';
  }
  if ((det === 'a' || det === 'one') && c.accept('single')) single = true;
  // "the tallest stack", "the short tower", "the bigger pile": which of several stacks, by height.
  const towerSize = det === 'the' && ['tower', 'stack', 'pile'].includes(c.word(1) ?? '') ? TOWER_SIZES[c.word() ?? ''] : undefined;
  if (towerSize) {
    c.pos++;
    if (c.word(1) !== 'of') {
      c.pos++;
      return { ...emptyNp(c.text(start), 'tower'), towerSize };
    }
    c.pos--;
  }
  // "the blue and yellow stack", "the red-and-green tower": the stack those colours stand in.
  if (det === 'the' && isColor(c.word() ?? '')) {
    const s = c.pos;
    const colors: ColorName[] = [];
    while (isColor(c.word() ?? '')) {
      colors.push(c.tokens[c.pos++]!.text as ColorName);
      if (!c.accept('and', '/', '-')) break;
    }
    if (colors.length >= 2 && ['tower', 'stack', 'pile'].includes(c.word() ?? '') && c.word(1) !== 'of') {
      c.pos++;
      return { ...emptyNp(c.text(start), 'tower'), colors };
    }
    c.pos = s;
  }
  // ("the column": the blocks standing one on another, as the tower; "in a column" is a line.)
  if (
    (det === 'the' || det === 'this' || det === 'that') &&
    (['tower', 'stack', 'pile', 'column'].includes(c.word() ?? '') ||
      // ("move the row to the back": the things lying in a row.)
      (['row', 'line'].includes(c.word() ?? '') && !['up', 'them', 'it'].includes(c.word(1) ?? ''))) &&
    c.word(1) !== 'of'
  ) {
    c.pos++;
    const np = emptyNp(c.text(start), 'tower');
    // "the tower on the right", "the stack in the middle": which of several, by where it stands.
    const at = towerPlaceAfter(c);
    if (at) {
      np.nth = at;
      np.text = c.text(start);
    }
    // "the stack closest to it", "the tower nearest the ball", "the pile farthest from the bowl": by where it stands.
    else if (['stack', 'tower', 'pile'].includes(c.word(-1) ?? '') && ['closest', 'farthest'].includes(c.word() ?? '')) {
      const rel = c.accept('closest', 'farthest') as 'closest' | 'farthest';
      const s1 = c.pos;
      c.accept('to', 'from');
      const ref = parseSimpleNp(c, { relations: false });
      if (ref && (ref.kind === 'object' || ref.kind === 'pronoun')) {
        np.relation = { rel, np: ref };
        np.text = c.text(start);
      } else c.pos = s1 - 1;
    }
    return np;
  }
  // "the left tower", "the right-hand stack", "the middle pile", "the second tower from the left".
  if (det === 'the') {
    const at = towerPlaceBefore(c);
    if (at) {
      const np = emptyNp(c.text(start), 'tower');
      np.nth = at;
      return np;
    }
  }

  if (det && (c.word() === 'table' || c.word() === 'tabletop')) {
    c.pos++;
    return emptyNp(c.text(start), 'table');
  }
  // A count: "the three blocks", "all five blocks", "the two biggest blocks" (not "one");
  // "a couple of blocks", "a pair of balls": two.
  let count: number | undefined;
  /** "the other two": the count stands for the head ("ones"). */
  let countIsHead = false;
  let middleSize = false;
  let outer = false;
  if (det === 'a' && c.seq(['couple', 'pair'], 'of', 'the?') && isNounish(c.word())) count = 2;
  // "the two top blocks", "the three left cubes": a count before a side word and the noun.
  const sideNext = (SIDE_ADJECTIVES[c.word(1) ?? ''] !== undefined || EXTREMES[c.word(1) ?? ''] !== undefined) && headAfterAdjectives(c, 2);
  if (
    count === undefined &&
    countAt(c) !== undefined &&
    (isNounish(c.word(1)) ||
      sideNext ||
      headAfterAdjectives(c, 1) ||
      (c.word(1) === 'middle' && c.word(2) === 'sized') ||
      (['outer', 'outermost', 'outside'].includes(c.word(1) ?? '') && headAfterAdjectives(c, 2)))
  ) {
    count = countAt(c);
    c.pos++;
  } else if (
    // "the two on the left", "the three nearest the bowl", "the two in the corners": the count stands for the head.
    count === undefined &&
    det === 'the' &&
    (countAt(c) ?? 0) >= 2 &&
    [
      'on',
      'in',
      'at',
      'nearest',
      'closest',
      'farthest',
      'furthest',
      'next',
      'by',
      'near',
      'from',
      'to',
      'left',
      'right',
      'above',
      'below',
      'behind',
    ].includes(c.word(1) ?? '')
  ) {
    count = countAt(c);
    countIsHead = true;
    c.pos++;
  }
  const colors: ColorName[] = [];
  const notColors: ColorName[] = [];
  let size: SizeOrder | null = null;
  let other = false;
  let matchColor = det === 'its' || det === 'their';
  let mismatch = false;
  let nth: NounPhrase['nth'];
  let ordinal: number | null = null;
  let rank: 'closest' | 'farthest' | null = null;
  let corner: TablePlace | null = null;
  let consumedAdjective = false;
  let empty = false;
  let loose = false;
  let clustered = false;
  let odd = false;
  let alone = false;
  let line: NounPhrase['line'];
  for (;;) {
    const a = c.word();
    if (a === undefined) break;
    const lineMark = LINE_MARK.exec(a);
    if (lineMark && line === undefined) {
      // "the bottom row", "the column on the left" (phrasings.ts marks them): among that row's things.
      line = { axis: lineMark[1] as 'row' | 'column', side: lineMark[2] as ImageSide | 'middle' };
      c.pos++;
      continue;
    }
    if (isColor(a)) {
      colors.push(a);
      c.pos++;
      c.accept('colored');
    } else if (a === 'non' && isColor(c.word(1) ?? '')) {
      c.pos++;
      notColors.push(...colorList(c));
    } else if (a === 'non' && c.word(1) === 'matching') {
      mismatch = true;
      c.pos += 2;
    } else if (
      a === 'mismatched' ||
      (['different', 'differently', 'wrong', 'other'].includes(a) && (c.word(1) === 'colored' || c.word(1) === 'color')) ||
      (a === 'wrong' && ['bowl', 'bowls', 'container', 'containers', 'tray', 'trays'].includes(c.word(1) ?? ''))
    ) {
      if (a === 'wrong' && c.word(1) !== 'colored' && c.word(1) !== 'color') {
        mismatch = true;
        c.pos++;
        consumedAdjective = true;
        continue;
      }
      mismatch = true;
      c.pos += a === 'mismatched' ? 1 : 2;
      c.accept('colored');
    } else if (count === undefined && consumedAdjective && countAt(c) !== undefined && isNounish(c.word(1))) {
      // "the largest two blocks", "the red three balls": a count after an adjective.
      count = countAt(c);
      c.pos++;
    } else if (a === 'lone' && !alone && (c.word(1) === 'one' || headAfterAdjectives(c, 1))) {
      // "the lone block", "the block on its own" (everyday-forms.ts): the one standing apart.
      alone = true;
      c.pos++;
    } else if (a === 'odd' && !odd && (c.word(1) === 'one' || headAfterAdjectives(c, 1))) {
      // "the odd one out" (asking.ts): the one unlike the rest.
      odd = true;
      c.pos++;
    } else if (a === 'clustered' && !clustered && (headAfterAdjectives(c, 1) || isColor(c.word(1) ?? ''))) {
      // "that bunch of blocks in the middle" (asking.ts): the things that lie together there.
      clustered = true;
      c.pos++;
    } else if (
      a === 'loose' &&
      !loose &&
      (headAfterAdjectives(c, 1) || isColor(c.word(1) ?? '')) &&
      // ("every loose thing (the black block and the blue ball)": the brackets say which, recover.ts.)
      c.peek(2)?.text !== '('
    ) {
      // "the loose ball nearest the fruit bowl": not one in the bowl.
      loose = true;
      c.pos++;
    } else if (a === 'empty' && !empty && (headAfterAdjectives(c, 1) || isColor(c.word(1) ?? ''))) {
      // "the empty tray", "the empty blue bowl".
      empty = true;
      c.pos++;
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
    } else if (EXTREMES[a] !== undefined) {
      // "the second highest block", "the third leftmost": counted from that side.
      const n = ordinal ?? 1;
      ordinal = null;
      nth = HEIGHT_EXTREMES.has(a) ? { n, from: EXTREMES[a]!, height: true } : { n, from: EXTREMES[a]! };
      c.pos++;
    } else if (a === 'last' && (SIDE_ADJECTIVES[c.word(1) ?? ''] !== undefined || headAfterAdjectives(c, 1))) {
      // "the last block on the right": the first from that side.
      ordinal = 1;
      c.pos++;
    } else if (ORDINALS[a] !== undefined) {
      // "blue first" (at the end of a phrase): an order, not "the first …".
      const nx = c.peek(1);
      if (consumedAdjective && (nx === undefined || nx.kind === 'punct' || ['and', 'then', 'please'].includes(nx.text))) break;
      ordinal = ORDINALS[a]!;
      c.pos++;
    } else if (
      ((a === 'middle' || a === 'medium' || a === 'mid') && (c.word(1) === 'sized' || c.word(1) === 'size')) ||
      (a === 'medium' && (NOUNS.has(c.word(1) ?? '') || c.word(1) === 'one' || c.word(1) === 'ones' || isColor(c.word(1) ?? '')))
    ) {
      // "the medium-sized can", "the two middle-sized blocks", "the medium block": the middle of the size order.
      middleSize = true;
      c.pos++;
      c.accept('sized', 'size');
    } else if ((a === 'outer' || a === 'outermost' || a === 'outside') && headAfterAdjectives(c, 1)) {
      // "the four outer blocks": those farthest out from the middle of the group.
      outer = true;
      c.pos++;
    } else if (
      (a === 'middle' || a === 'center') &&
      // ("the middle red one": a colour between.)
      (NOUNS.has(c.word(1) ?? '') ||
        c.word(1) === 'one' ||
        (c.word(1) === 'clustered' && NOUNS.has(c.word(2) ?? '')) ||
        (isColor(c.word(1) ?? '') && (NOUNS.has(c.word(2) ?? '') || c.word(2) === 'one'))) &&
      !isPlaceWord(c.word(1))
    ) {
      // "the middle block": the one in the middle counting from the left (0 = the middle).
      nth = { n: 0, from: 'left' };
      c.pos++;
    } else if (['far', 'extreme', 'very'].includes(a) && SIDE_X[c.word(1) ?? ''] !== undefined && headAfterAdjectives(c, 2) && !nth) {
      // "the far left block", "the very right one": the first from that side.
      nth = { n: 1, from: c.word(1) as 'left' | 'right' };
      c.pos += 2;
    } else if (cornerAdjective(c) && !nth && !rank) {
      // "the bottom left block", "the top right one": the one closest to that corner of the table.
      const x = SIDE_X[c.word(1)!] ?? SIDE_X[a]!;
      const y = SIDE_Y[a] ?? SIDE_Y[c.word(1)!]!;
      corner = { kind: 'corner', x, y, text: `${a} ${c.word(1)}` };
      c.pos += 2;
    } else if (SIDE_ADJECTIVES[a] !== undefined && headAfterAdjectives(c, 1) && !nth) {
      // "the left block", "the right bowl", "the top block" (the top of the image: farthest from the robot),
      // "the left green cylinder", "the far red block", "the front one": the first from that side.
      nth = { n: 1, from: SIDE_ADJECTIVES[a]! };
      c.pos++;
    } else if (a === 'closest' || a === 'farthest') {
      rank = a;
      c.pos++;
    } else if (a === 'other' || a === 'remaining') {
      other = true;
      c.pos++;
      // "the other two", "the remaining three": that many of what is left, no noun.
      const n = countAt(c);
      if (
        n !== undefined &&
        count === undefined &&
        !isNounish(c.word(1)) &&
        c.word(1) !== 'one' &&
        c.word(1) !== 'ones' &&
        c.word(1) !== 'of'
      ) {
        count = n;
        countIsHead = true;
        c.pos++;
      }
    } else if (a === 'matching' || a === 'corresponding') {
      matchColor = true;
      c.pos++;
      c.accept('colored', 'color');
    } else if (a === 'same' && (c.word(1) === 'color' || c.word(1) === 'colored')) {
      matchColor = true;
      c.pos += 2;
      // "the bowl of the same colour as it": "it" is what goes in it.
      c.seq('as', ['it', 'them', 'itself', 'themselves', 'its', 'theirs']);
    } else if (a === 'own') {
      c.pos++;
    } else if (a === 'same' && (NOUNS.has(c.word(1) ?? '') || c.word(1) === 'one')) {
      // "the same bowl", "the same one as the blue block".
      single = true;
      c.pos++;
    } else if (a === 'single' || a === 'one') {
      if (!NOUNS.has(c.word(1) ?? '')) break;
      single = true;
      c.pos++;
    } else break;
    consumedAdjective = true;
  }
  const h = c.word();
  let noun: NounClass | null = null;
  let plural = false;
  let headIsOne = false;
  let idWord: string | undefined;
  let nameWord: string | undefined;
  if (h !== undefined && NOUNS.has(h) && !(h === 'place' && !consumedAdjective)) {
    const entry = NOUNS.get(h)!;
    noun = entry.cls;
    plural = entry.plural;
    idWord = c.peek()?.idWord;
    nameWord = c.peek()?.nameWord;
    c.pos++;
  } else if (h === 'one' || h === 'ones') {
    headIsOne = true;
    plural = h === 'ones';
    c.pos++;
  } else if (h === 'table' && !consumedAdjective) {
    c.pos++;
    return emptyNp(c.text(start), 'table');
  } else if (countIsHead) {
    headIsOne = true;
    plural = true;
  }
  if (!consumedAdjective && noun === null && !headIsOne) {
    c.pos = start;
    return null;
  }
  const np = emptyNp('', 'object');
  // "the largest of the green blocks", "one of the bowls": the group it is taken from.
  if (noun === null && c.word() === 'of' && ['the', 'these', 'those', 'all', 'its', 'their'].includes(c.word(1) ?? '')) {
    const save = c.pos;
    c.pos++;
    c.accept('all');
    const group = parseSimpleNp(c, opts);
    if (group && group.kind === 'object' && group.noun !== null) {
      noun = group.noun;
      idWord ??= group.idWord;
      colors.push(...group.colors.filter((x) => !colors.includes(x)));
      notColors.push(...(group.notColors ?? []));
      if (group.relation) np.relation = group.relation;
      if (group.except) np.except = group.except;
      // ("the smallest of the blocks on the right": of those on that half of the table, the smallest.)
      const half = group.plural && group.nth?.n === 1 && !group.nth.height && group.count === undefined && !group.quantifier;
      if (half) np.half = group.nth!.from;
      else if (group.nth && !nth) nth = group.nth;
      if (group.mismatchColor) mismatch = true;
      plural = false;
      headIsOne = false;
    } else c.pos = save;
  }
  // Post-modifiers: "of the same colour", "with the same colour", "of its colour", "that matches its colour".
  const save = c.pos;
  // The object whose colour it has (or, mismatched, has not): "as the red block", "different from the blue one".
  let colorRef: NounPhrase | null = null;
  if (
    c.seq(
      ['of', 'with', 'in', 'having'],
      ['the', 'its', 'their', 'a', 'matching?'],
      ['same?', 'own?', 'matching?'],
      ['color', 'colors', 'colored'],
    ) &&
    !NOUNS.has(c.word() ?? '')
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
  } else if (c.seq(['that', 'which'], ['matches', 'match'], ['it', 'them']) || c.seq(['it', 'they'], ['matches', 'match'])) {
    // "the bowl that matches it", "the bowl it matches": of the colour of what goes there.
    matchColor = true;
    c.accept('color', 'colors');
  } else if (
    c.seq(
      ['of', 'with', 'in', 'having'],
      ['a?', 'an?', 'the?'],
      ['different', 'another', 'other', 'mismatched', 'wrong'],
      ['color', 'colors'],
    ) ||
    c.seq(['of', 'with', 'in', 'having'], ['a', 'an'], 'color', ['different', 'other'], 'than', ['its', 'their', 'theirs', 'it', 'them'])
  ) {
    mismatch = true;
    if (c.accept('from', 'than', 'to')) colorRef = colorRefTail(c);
  } else if (
    c.seq(['that', 'which'], ['does', 'do'], 'not', 'match', ['its', 'their', 'the?'], ['color', 'colors', 'own?']) ||
    c.seq(['that', 'which'], ["doesn't", "don't", 'doesnt', 'dont'], 'match', ['its', 'their', 'the?'], ['color', 'colors', 'own?']) ||
    c.seq(['that', 'which'], ['is', 'are'], ['not', 'a'], ['matching', 'different'], ['color?', 'colors?']) ||
    // "the bowl that is not its colour", "a bowl that isn't their colour", "not the same colour as it".
    c.seq(['that', 'which'], ['is', 'are'], 'not', ['its', 'their'], 'own?', ['color', 'colors']) ||
    c.seq(['that', 'which'], NEGATED_BE, ['its', 'their'], 'own?', ['color', 'colors']) ||
    c.seq(['that', 'which'], ['is', 'are'], 'not', 'of?', 'the', 'same', ['color', 'colors'], 'as', ['it', 'them']) ||
    c.seq(['that', 'which'], NEGATED_BE, 'of?', 'the', 'same', ['color', 'colors'], 'as', ['it', 'them'])
  ) {
    mismatch = true;
    c.accept('color', 'colors');
    if (c.accept('from', 'than', 'to')) colorRef = colorRefTail(c);
  } else if (whoseColorMatches(c)) {
    // "the bowl whose colour matches the green block", "… is the same as the ball's": that object's colour.
    matchColor = true;
    const ref = parseSimpleNp(c, { relations: false });
    if (ref && ref.kind === 'object') colorRef = ref;
  } else if (c.seq('whose', ['color', 'colors'], ['matches', 'match', 'is', 'are'], ['its', 'their', 'it', 'them', 'theirs'])) {
    // "the bowl whose colour matches it".
    matchColor = true;
    c.accept('color', 'colors', 'own');
  } else if (
    c.seq('whose', ['color', 'colors'], ['is', 'are'], 'not?', ['different', 'other'], ['from', 'than', 'to']) ||
    c.seq('whose', ['color', 'colors'], ['differs', 'differ'], 'from') ||
    c.seq('whose', ['color', 'colors'], ["doesn't", "don't", 'doesnt', 'dont'], 'match') ||
    c.seq('whose', ['color', 'colors'], ['does', 'do'], 'not', 'match') ||
    c.seq(['that', 'which'], ['is', 'are'], ['a', 'of?'], ['different', 'another'], ['color', 'colors'], ['from', 'than', 'to'])
  ) {
    // "a bowl whose colour is different from the block's", "… differs from it", "that is a different colour from it".
    mismatch = true;
    colorRef = colorRefTail(c);
  } else if (
    c.seq(['that', 'which'], ['is', 'are'], 'of?', 'the', 'same', ['color', 'colored']) ||
    c.seq('the', 'same', ['color', 'colored'], 'as') ||
    c.seq('in', 'the', 'same', ['color', 'colored'])
  ) {
    // "the bowl that is the same colour as it", "a bowl the same colour as the red block".
    if (c.tokens[c.pos - 1]?.text === 'as') c.pos--;
    matchColor = true;
  } else c.pos = save;
  // "… the same colour as it": "it" is what goes there; "… as the red block": that block's colour.
  let colorOf: NounPhrase | undefined = colorRef ?? undefined;
  if ((matchColor || mismatch) && !colorOf) {
    if (!c.seq('as', ['it', 'them', 'itself', 'themselves', 'its', 'theirs', 'their']) && c.word() === 'as') {
      const s2 = c.pos;
      c.pos++;
      const ref = parseSimpleNp(c, { relations: false });
      if (ref && ref.kind !== 'table' && ref.kind !== 'pronoun') colorOf = ref;
      else c.pos = s2;
    }
  }
  // "the bowl matching the red block", "the bowl that matches the blue block": that block's colour.
  if (!matchColor && !mismatch) {
    const s2 = c.pos;
    if (c.accept('matching') || c.seq(['that', 'which'], ['matches', 'match'])) {
      const ref = parseSimpleNp(c, { relations: false });
      if (ref && ref.kind !== 'table' && ref.kind !== 'pronoun' && ref.noun !== null) {
        matchColor = true;
        colorOf = ref;
      } else c.pos = s2;
    }
  }
  np.colors = colors;
  np.noun = noun;
  if (idWord !== undefined) np.idWord = idWord;
  if (nameWord !== undefined) np.nameWord = nameWord;
  np.plural = plural || (quantifier === 'all' && noun === null);
  np.quantifier = quantifier;
  np.size = size;
  np.other = other;
  np.matchColor = matchColor;
  if (notColors.length > 0) np.notColors = notColors;
  if (empty) np.empty = true;
  if (loose) np.loose = true;
  if (clustered) np.cluster = true;
  if (line) np.line = line;
  if (odd) np.odd = true;
  if (alone) np.alone = true;
  if (mismatch) np.mismatchColor = true;
  if (colorOf) np.colorOf = colorOf;
  if (single) np.same = true;
  // "the same bowl as the blue block": the one that holds it.
  if (single && c.word() === 'as') {
    const s2 = c.pos;
    c.pos++;
    const ref = parseSimpleNp(c, { relations: false });
    if (ref && ref.kind !== 'table') np.sameAs = ref;
    else c.pos = s2;
  }
  if (nth) np.nth = nth;
  if (middleSize) np.middleSize = true;
  if (outer) np.outer = true;
  if (headIsOne) np.pronoun = 'one';
  if (quantifier === 'each' || quantifier === 'both') np.plural = true;
  // "both big blocks": the two of them that are biggest (a size said with "both" ranks, as "the two big blocks").
  if (quantifier === 'both' && count === undefined && np.size !== null) count = 2;
  if (count !== undefined) {
    np.count = count;
    np.plural = true;
  }
  if (corner) np.relation = { rel: 'closest', np: null, place: corner };
  if (rank) {
    // "the closest block to the bowl", "the farthest one from X"; alone: from the gripper.
    const s2 = c.pos;
    if (c.accept('to', 'from')) {
      const place = tablePlace(c);
      const ref = place ? null : parseSimpleNp(c, { relations: false });
      refRegion(c, ref, opts.verb ?? 'put');
      if (place) np.relation = { rel: rank, np: null, place };
      else if (ref && ref.kind !== 'table') np.relation = { rel: rank, np: ref };
      else c.pos = s2;
    }
    np.relation ??= { rel: rank, np: null };
  }
  ordinal = parsePostModifiers(c, np, ordinal, opts);
  // "the second closest block to X", "the third farthest one from X".
  if (ordinal !== null && !np.nth && (np.relation?.rel === 'closest' || np.relation?.rel === 'farthest')) {
    np.relation.rank = ordinal;
    ordinal = null;
  }
  if (ordinal !== null && np.size && !np.nth) {
    np.sizeRank = ordinal;
    ordinal = null;
  }
  if (ordinal !== null) {
    if (ordinal === 2 && !np.nth) np.other = true;
    else if (ordinal !== 1 && !np.nth) {
      throw new ParseError(
        `could not read "${c.clause()}" at '${c.text(start)}': counted from which side? try "the ${ordinalWord(ordinal)} ${np.noun === null ? 'one' : 'block'} from the left"`,
      );
    }
  }
  np.text = c.text(start);
  return np;
}

/**
 * "the block closest to the yellow bowl in the middle goes into the red bowl": a part of the
 * table right after the reference, with a place of the clause's own still ahead, says which
 * reference (the yellow bowl in the middle) — not where the thing goes.
 */
function refRegion(c: Cursor, ref: NounPhrase | null, verb: VerbClass): void {
  if (ref?.kind !== 'object' || ref.relation || ref.plural) return;
  const s = c.pos;
  if (c.accept('in', 'on', 'at') !== null && tablePlaceAhead(c)) {
    const place = tablePlace(c);
    if (place && destinationAhead(c, verb)) {
      ref.relation = { rel: 'region', np: null, place, explicit: false };
      ref.text = `${ref.text} ${c.text(s)}`;
      return;
    }
  }
  c.pos = s;
}

/** A count at the cursor: a whole number of two or more ("two", "3"), not consumed. */
function countAt(c: Cursor): number | undefined {
  const n = c.peek();
  const v = n?.kind === 'number' ? n.value : n?.kind === 'word' ? NUMBER_WORDS[n.text] : undefined;
  return v !== undefined && v >= 2 && Number.isInteger(v) ? v : undefined;
}

/** "whose colour matches" / "whose colour is the same as", then an object (not "it"): consumed up to the object. */
function whoseColorMatches(c: Cursor): boolean {
  const save = c.pos;
  if (
    (c.seq('whose', ['color', 'colors'], ['matches', 'match']) ||
      c.seq('whose', ['color', 'colors'], ['is', 'are'], 'the', 'same', 'as')) &&
    !['its', 'their', 'it', 'them', 'theirs'].includes(c.word() ?? '')
  )
    return true;
  c.pos = save;
  return false;
}

/**
 * After "different from" / "differs from": what it differs from, consumed. "It", "theirs",
 * "the block's" (no colour: the object that goes there) → null; "the red block" → that phrase.
 */
function colorRefTail(c: Cursor): NounPhrase | null {
  if (c.accept('it', 'its', 'them', 'theirs', 'their', 'itself', 'themselves')) {
    c.accept('color', 'colors', 'own');
    return null;
  }
  const save = c.pos;
  const ref = parseSimpleNp(c, { relations: false });
  if (!ref) c.pos = save;
  c.accept('color', 'colors');
  return ref && ref.kind === 'object' && (ref.colors.length > 0 || ref.relation || ref.nth) ? ref : null;
}

/**
 * "the left tower", "the right-hand stack", "the far left pile", "the middle tower", "the second
 * tower from the right": which tower by where it stands (`nth`, 0 = the middle one). Moves the
 * cursor past the tower word; null (cursor kept) otherwise.
 */
function towerPlaceBefore(c: Cursor): NounPhrase['nth'] | null {
  const s = c.pos;
  let n = 1;
  if (ORDINALS[c.word() ?? ''] !== undefined && ORDINALS[c.word()!]! > 1) n = ORDINALS[c.word()!]!;
  if (n > 1) c.pos++;
  c.accept('far', 'very');
  const w = c.word() ?? '';
  let from: ImageSide | 'middle' | null = null;
  if (w === 'left' || w === 'right' || w === 'leftmost' || w === 'rightmost') from = w.startsWith('left') ? 'left' : 'right';
  else if (w === 'middle' || w === 'centre' || w === 'center' || w === 'central') from = 'middle';
  if (from !== null) {
    c.pos++;
    if (from !== 'middle') c.accept('hand');
    if (TOWER_WORDS.has(c.word() ?? '')) {
      c.pos++;
      if (from !== 'middle') return { n, from };
      if (n === 1) return { n: 0, from: 'left' };
    }
  } else if (n > 1 && TOWER_WORDS.has(w)) {
    c.pos++;
    const after = towerPlaceAfter(c, true);
    if (after && after.n === 1) return { n, from: after.from };
  }
  c.pos = s;
  return null;
}

/**
 * After a tower word: "on the right", "on the left-hand side", "in the middle"; after a count,
 * "from the left". Never "to the right" ("move the tower to the right" says where it goes).
 * Moves the cursor past it; null (cursor kept) otherwise.
 */
function towerPlaceAfter(c: Cursor, counted = false): NounPhrase['nth'] | null {
  const s = c.pos;
  if (counted ? c.seq('from', 'the') : c.seq(['on', 'at'], 'the', 'far?')) {
    const w = c.word() ?? '';
    if (w === 'left' || w === 'right') {
      c.pos++;
      c.accept('hand');
      c.accept('side', 'end');
      return { n: 1, from: w };
    }
  } else if (!counted && c.seq(['in', 'at'], 'the', ['middle', 'centre', 'center'])) {
    return { n: 0, from: 'left' };
  }
  c.pos = s;
  return null;
}

/** "left", "far", "front" … before a noun: counted from that side of the image ("the left green cylinder"). */
const SIDE_ADJECTIVES: Readonly<Record<string, ImageSide>> = {
  left: 'left',
  right: 'right',
  top: 'top',
  bottom: 'bottom',
  upper: 'top',
  lower: 'bottom',
  far: 'top',
  back: 'top',
  rear: 'top',
  near: 'bottom',
  front: 'bottom',
};

/** "bottom left", "top right", "back left" before a head noun: a corner of the table as an adjective. */
function cornerAdjective(c: Cursor): boolean {
  const a = c.word() ?? '';
  const b = c.word(1) ?? '';
  const pair = (SIDE_Y[a] !== undefined && SIDE_X[b] !== undefined) || (SIDE_X[a] !== undefined && SIDE_Y[b] !== undefined);
  return pair && headAfterAdjectives(c, 2, false);
}

/** Whether a head noun (or "one") follows `k` words ahead, past colours and size words: "left [green] cylinder". */
/** The mark phrasings.ts puts before a thing of a row or a column: "row:bottom", "column:left". */
const LINE_MARK = /^(row|column):(top|bottom|left|right|middle)$/;

function headAfterAdjectives(c: Cursor, k: number, zones = true): boolean {
  let i = k;
  for (;;) {
    const w = c.word(i);
    if (w === undefined) return false;
    // "the top two blocks": a count between the side word and the noun.
    if (
      isColor(w) ||
      SIZE_WORDS[w] !== undefined ||
      w === 'colored' ||
      // ("the front clustered ball": plain-forms.ts marks a figure's things so.)
      (w === 'clustered' && NOUNS.has(c.word(i + 1) ?? '')) ||
      LINE_MARK.test(w) ||
      (i === k && NUMBER_WORDS[w] !== undefined && NUMBER_WORDS[w]! >= 2)
    ) {
      i++;
      continue;
    }
    return (NOUNS.has(w) || w === 'one' || w === 'ones') && !isPlaceWord(w) && (zones || NOUNS.get(w)?.cls !== 'zone');
  }
}

function ordinalWord(n: number): string {
  return Object.keys(ORDINALS).find((w) => ORDINALS[w] === n) ?? String(n);
}

function isPlaceWord(w: string | undefined): boolean {
  return w !== undefined && ['side', 'corner', 'edge', 'end', 'half', 'part', 'hand', 'area', 'quadrant'].includes(w);
}

function invert(s: SizeOrder): SizeOrder {
  return ({ smallest: 'largest', largest: 'smallest', tallest: 'shortest', shortest: 'tallest' } as const)[s];
}

function isNounish(w: string | undefined): boolean {
  return (
    w !== undefined &&
    (NOUNS.has(w) ||
      isColor(w) ||
      SIZE_WORDS[w] !== undefined ||
      EXTREMES[w] !== undefined ||
      ['other', 'closest', 'farthest', 'non', 'mismatched', 'medium', 'mid'].includes(w))
  );
}

/**
 * A list of noun phrases: "the red block and the blue block", "the red, green and blue
 * blocks", "red, green, blue". Adjective-only items take the head noun of the item
 * after them; a plural head shared by a list of colours names one object per colour.
 */
function parseNpList(c: Cursor, opts: NpOptions = {}): NounPhrase[] {
  const items: NounPhrase[] = [];
  // "both the green block and the yellow block", "either the red or the blue one": the list itself.
  if (['both', 'either'].includes(c.word() ?? '') && c.word(1) === 'the' && listAhead(c)) c.pos++;
  for (;;) {
    const save = c.pos;
    const np = parseSimpleNp(c, opts);
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
    // ", one block per bowl", ", one per corner", ", each in its own corner": a distinct
    // assignment after the list, not another item of it.
    const peek = (k: number): string | undefined => c.word(k);
    const distinctAfter =
      ((next === 'one' || next === 'each') &&
        (peek(1) === 'per' || peek(2) === 'per' || (peek(1) === 'in' && (peek(2) === 'its' || peek(2) === 'their')))) ||
      // ", one each", ", one apiece", "one for each".
      (next === 'one' && (peek(1) === 'each' || peek(1) === 'apiece' || (peek(1) === 'for' && peek(2) === 'each')));
    if (distinctAfter) {
      c.pos = sep;
      break;
    }
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
    // ("the red and blue balls": "the red" is a ball too, not a red one of any kind.)
    if (np.kind !== 'object' || np.noun !== null || (np.pronoun === 'one' && (/\bones?\b/.test(np.text) || np.colors.length !== 1)))
      continue;
    const donor = items.slice(i + 1).find((o) => o.kind === 'object' && o.noun !== null);
    if (donor) {
      np.noun = donor.noun;
      np.plural = false;
      if (np.pronoun === 'one') np.pronoun = undefined;
    }
  }
  if (items.length > 1) {
    // ("the red and blue blocks": the red one and the blue one, or all of a colour when there are several.)
    const last = items[items.length - 1]!;
    const pluralHead = last.kind === 'object' && last.plural && last.noun !== null;
    for (const np of items) {
      if (np.kind === 'object' && np.plural && np.colors.length === 1 && np.quantifier === null) {
        np.plural = false;
        if (pluralHead) np.listPlural = true;
      } else if (
        pluralHead &&
        np.kind === 'object' &&
        !np.plural &&
        np.colors.length === 1 &&
        np.quantifier === null &&
        np.noun === last.noun
      )
        np.listPlural = true;
    }
  }
  // "the red and blue blocks" as one phrase with two colours never happens (commas/and split), but
  // "the red blue block" would: keep the last colour.
  return items;
}

/** Whether an "and" follows in the clause before any place word: "both the red block and …" is a list. */
function listAhead(c: Cursor): boolean {
  for (let i = c.pos + 1; i < c.tokens.length; i++) {
    const t = c.tokens[i]!.text;
    if (t === 'and' || t === 'or') return true;
    if (['in', 'into', 'on', 'onto', 'to', ',', 'next', 'beside'].includes(t)) return false;
  }
  return false;
}

// ---------------------------------------------------------------- places

const SIDE_X: Record<string, -1 | 1> = { left: -1, right: 1 };
const SIDE_Y: Record<string, -1 | 1> = { back: 1, far: 1, top: 1, rear: 1, upper: 1, front: -1, near: -1, bottom: -1, lower: -1 };

/** "(the) back left corner (of the table)", "the left side", "the middle of the table", "the front edge". */
function parsePlace(c: Cursor): Location | null {
  const start = c.pos;
  // "whichever corner is closest to X", "whatever side is farthest from X".
  if (!c.accept('the') && ['whichever', 'whatever'].includes(c.word() ?? '') && ['corner', 'side', 'edge'].includes(c.word(1) ?? ''))
    c.pos++;
  const a = c.word();
  const b = c.word(1);
  const ofTable = (): void => {
    c.seq(['of', 'on'], 'the', ['table', 'workspace', 'tabletop', 'workspace']);
  };
  // "the corner closest to the green bowl", "the nearest corner to X", "the side farthest from X".
  {
    const s = c.pos;
    let rank = c.accept('closest', 'farthest');
    const which = c.accept('corner', 'side', 'edge');
    if (which) {
      ofTable();
      if (!rank) {
        const s1 = c.pos;
        c.accept(...COPULA);
        c.accept('is');
        rank = c.accept('closest', 'farthest');
        // "whichever corner the brown bowl is closest to", "the side that X is farthest from": the object first.
        if (!rank) {
          c.pos = s1;
          c.accept(...COPULA);
          const ref = parseSimpleNp(c, { relations: false });
          if (ref && ref.kind !== 'table' && ref.kind !== 'pronoun') {
            c.accept('is', 'lies', 'sits', 'stands', 'are');
            const r = c.accept('closest', 'farthest');
            if (r && c.accept('to', 'from') !== null)
              return {
                kind: 'regionBy',
                which: which === 'corner' ? 'corner' : 'side',
                rank: r as 'closest' | 'farthest',
                np: ref,
                text: c.text(start),
              };
          }
          c.pos = s1;
        }
      }
      if (rank) {
        c.accept('away');
        c.accept('to', 'from');
        // "the side of the table closest to the robot / to me": the front side (the bottom of the image); farthest: the back.
        if (which !== 'corner' && c.seq('the?', ['robot', 'me', 'you', 'us', 'camera', 'base', 'arm', 'gripper'])) {
          return { kind: 'side', axis: 'y', sign: rank === 'closest' ? -1 : 1, text: c.text(start) };
        }
        const ref = parseSimpleNp(c, { relations: false });
        if (ref && ref.kind !== 'table') {
          return {
            kind: 'regionBy',
            which: which === 'corner' ? 'corner' : 'side',
            rank: rank as 'closest' | 'farthest',
            np: ref,
            text: c.text(start),
          };
        }
      }
    }
    c.pos = s;
  }
  // "the corner at the top right", "the corner on the bottom left (of the table)".
  if (c.accept('corner')) {
    const s = c.pos;
    if (c.accept('at', 'on', 'in', 'to')) {
      c.accept('the');
      const x = SIDE_X[c.word(1) ?? ''] ?? SIDE_X[c.word() ?? ''];
      const y = SIDE_Y[c.word() ?? ''] ?? SIDE_Y[c.word(1) ?? ''];
      if (x !== undefined && y !== undefined && SIDE_X[c.word() ?? ''] !== SIDE_X[c.word(1) ?? '']) {
        c.pos += 2;
        c.accept('hand');
        ofTable();
        return { kind: 'corner', x, y, text: c.text(start) };
      }
    }
    c.pos = s - 1;
  }
  // Corners: "back left", "left back", "top right", with or without "corner".
  if (a !== undefined && b !== undefined) {
    const y = SIDE_Y[a] ?? SIDE_Y[b];
    const x = SIDE_X[b] ?? SIDE_X[a];
    const twoWords = (SIDE_Y[a] !== undefined && SIDE_X[b] !== undefined) || (SIDE_X[a] !== undefined && SIDE_Y[b] !== undefined);
    if (twoWords && x !== undefined && y !== undefined && !headAfterAdjectives(c, 2, false)) {
      c.pos += 2;
      c.accept('hand');
      c.accept('corner', 'side', 'end', 'part', 'quadrant', 'area');
      ofTable();
      return { kind: 'corner', x, y, text: c.text(start) };
    }
  }
  if (a !== undefined && (SIDE_X[a] !== undefined || SIDE_Y[a] !== undefined)) {
    const hand = c.word(1) === 'hand' ? 1 : 0;
    const after = c.word(1 + hand);
    if (after === 'side' || after === 'edge' || after === 'end' || after === 'half' || after === 'border' || after === 'part') {
      c.pos += 2 + hand;
      ofTable();
      return SIDE_X[a] !== undefined
        ? { kind: 'side', axis: 'x', sign: SIDE_X[a]!, text: c.text(start) }
        : { kind: 'side', axis: 'y', sign: SIDE_Y[a]!, text: c.text(start) };
    }
  }
  // "the top of the table", "the left of the table": that side.
  if (a !== undefined && (SIDE_X[a] !== undefined || SIDE_Y[a] !== undefined) && c.word(1) === 'of' && tableAhead2(c, 2)) {
    c.pos++;
    ofTable();
    return SIDE_X[a] !== undefined
      ? { kind: 'side', axis: 'x', sign: SIDE_X[a]!, text: c.text(start) }
      : { kind: 'side', axis: 'y', sign: SIDE_Y[a]!, text: c.text(start) };
  }
  // "the middle of the far edge (of the table)", "the centre of the left side": that side (its anchor is its middle).
  if ((a === 'middle' || a === 'center') && b === 'of') {
    const at = c.pos;
    c.pos += 2;
    c.accept('the');
    const side = parsePlace(c);
    if (side?.kind === 'side') return { ...side, text: c.text(start) };
    c.pos = at;
  }
  // "the centre" alone or "the centre of the table" (not "the centre of the tray").
  const ofTableAfter = c.word(1) === 'of' && ['table', 'workspace', 'tabletop'].includes(c.word(3) ?? '');
  // "the middle bowl", "the centre block": which one, not a place.
  // ("… the left coaster onto the middle one": the middle coaster, where a holder was named before.)
  const holderBefore = (): boolean => c.tokens.slice(0, c.pos).some((t) => CONTAINER_CLASSES.has(NOUNS.get(t.text)?.cls ?? 'thing'));
  const thingAfter =
    (NOUNS.has(c.word(1) ?? '') && NOUNS.get(c.word(1)!)!.cls !== 'zone' && !['table', 'tabletop', 'workspace'].includes(c.word(1)!)) ||
    (c.word(1) === 'one' && holderBefore());
  if ((a === 'middle' || a === 'center') && (c.word(1) !== 'of' || ofTableAfter) && !thingAfter) {
    c.pos++;
    ofTable();
    return { kind: 'center', text: c.text(start) };
  }
  c.pos = start;
  return null;
}

/** Words that say which of several stacks by height ("the tallest stack", "the short pile"). */
const TOWER_SIZES: Record<string, 'tallest' | 'shortest'> = {
  tallest: 'tallest',
  tall: 'tallest',
  taller: 'tallest',
  highest: 'tallest',
  high: 'tallest',
  higher: 'tallest',
  biggest: 'tallest',
  big: 'tallest',
  bigger: 'tallest',
  largest: 'tallest',
  shortest: 'shortest',
  short: 'shortest',
  shorter: 'shortest',
  lowest: 'shortest',
  low: 'shortest',
  lower: 'shortest',
  smallest: 'shortest',
  small: 'shortest',
  smaller: 'shortest',
  little: 'shortest',
};

/** Words after "top left" … that make it a part of the table. */
const PLACE_NOUNS = ['corner', 'side', 'end', 'part', 'quadrant', 'area', 'hand', 'edge', 'half', 'of'];

/** "on the left", "at the back" with nothing after: that side of the table. */
function loneSide(c: Cursor): Location | null {
  const start = c.pos;
  const onTop = c.tokens[start - 1]?.text === 'on' && c.word() === 'top';
  c.accept('the');
  const w = c.word();
  const next = c.peek(1);
  // ("in a row along the top with the orange one in the middle": how the line goes follows.)
  const along = ['along', 'across', 'against'].includes(c.tokens[start - 1]?.text ?? '');
  const end =
    next === undefined || next.kind === 'punct' || ['and', 'then', 'please'].includes(next.text) || (along && next.text === 'with');
  if (w !== undefined && end && (SIDE_X[w] !== undefined || (SIDE_Y[w] !== undefined && w !== 'near' && w !== 'far'))) {
    c.pos++;
    if (onTop) return { kind: 'side', axis: 'y', sign: 1, text: c.text(start), onTop };
    return SIDE_X[w] !== undefined
      ? { kind: 'side', axis: 'x', sign: SIDE_X[w]!, text: c.text(start) }
      : { kind: 'side', axis: 'y', sign: SIDE_Y[w]!, text: c.text(start) };
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

/** "a little", "a lot", "5 cm", "slightly", "far": how far beside (PHRASE_DISTANCES; a length ± 2 cm). */
function parseGap(c: Cursor): Gap | null {
  const start = c.pos;
  c.accept('about', 'around', 'roughly', 'approximately', 'some', 'maybe');
  const t = c.peek();
  if (t?.kind === 'distance') {
    c.pos++;
    const d = t.value!;
    return { min: Math.max(0, d - 0.02), max: d + 0.02, text: c.text(start) };
  }
  // "a few centimetres", "a couple of cm", "several inches": a small distance, as "a little".
  {
    const s = c.pos;
    if (c.seq('a', ['few', 'couple'], 'of?') || c.accept('several', 'few') !== null) {
      const unit = c.word();
      if (unit !== undefined && UNITS[unit] !== undefined && unit !== 'in' && unit !== 'm' && UNITS[unit]! <= 0.0254) {
        c.pos++;
        return { ...PHRASE_DISTANCES.little, text: c.text(start) };
      }
    }
    c.pos = s;
  }
  if (
    c.seq('a', ['short', 'small'], ['distance', 'way', 'gap']) ||
    c.seq('a', ['little', 'bit', 'tad', 'touch', 'smidge', 'smidgen', 'hair', 'whisker', 'fraction'], 'bit?') ||
    c.seq('a', ['tiny', 'wee', 'teeny', 'small', 'little'], ['bit', 'tad', 'touch', 'smidge', 'smidgen', 'fraction']) ||
    c.seq('just', 'a', ['little', 'bit'], 'bit?') ||
    c.accept('slightly', 'somewhat') !== null ||
    // "just to the right of X", "right above X", "directly behind X": close by.
    (['just', 'right', 'directly', 'immediately'].includes(c.word() ?? '') &&
      c.word(1) !== 'a' &&
      c.word(1) !== 'of' &&
      c.accept(c.word()!) !== null)
  ) {
    return { ...PHRASE_DISTANCES.little, text: c.text(start) };
  }
  if (
    c.seq('a', ['lot', 'long', 'good'], ['way?', 'distance?', 'bit?', 'deal?', 'ways?']) ||
    c.seq(['some', 'a'], ['fair?', 'big?', 'large?'], ['distance', 'ways']) ||
    (c.tokens[c.pos - 1]?.text === 'some' && c.pos > start && c.accept('distance', 'ways') !== null) ||
    c.seq('quite', 'a', ['lot', 'bit', 'way']) ||
    c.seq(['very', 'quite', 'really'], 'far') ||
    c.accept('far', 'well', 'much', 'way') !== null
  ) {
    return { ...PHRASE_DISTANCES.lot, text: c.text(start) };
  }
  c.pos = start;
  return null;
}

/** The side a relation place names: "to the left of", "right of", "above", "below", "in front of", "behind". */
function placeRelation(c: Cursor): Relation | null {
  const start = c.pos;
  c.seq(['to', 'on', 'at', 'off'], 'the?');
  const lr = leftRightOf(c);
  if (lr) return lr;
  c.pos = start;
  // "to the top of X", "to the bottom side of X": sides of the image.
  if (c.seq(['to', 'at'], 'the', ['top', 'upper', 'north'], 'side?', 'of') && !tableAhead(c)) return 'behind';
  c.pos = start;
  if (c.seq(['to', 'at'], 'the', ['bottom', 'lower', 'south'], 'side?', 'of') && !tableAhead(c)) return 'front';
  c.pos = start;
  if (c.seq('in', 'front', 'of') || c.seq(['to', 'at'], 'the', 'front', 'of') || c.accept('below')) return 'front';
  if (c.accept('behind', 'above') || c.seq(['to', 'at'], 'the', 'back', 'of') || c.seq('in', 'back', 'of')) return 'behind';
  c.pos = start;
  return null;
}

/** Words that say a distance is small ("a tiny bit", "close"), large ("a good long way", "miles"), or only carry those ("quite", "down"). */
const LITTLE_WORDS = new Set([
  'little',
  'tad',
  'touch',
  'smidge',
  'smidgen',
  'hair',
  'whisker',
  'slightly',
  'somewhat',
  'tiny',
  'wee',
  'teeny',
  'fraction',
  'short',
  'small',
  'close',
  'closely',
  'just',
]);
const LOT_WORDS = new Set([
  'lot',
  'lots',
  'long',
  'good',
  'far',
  'farther',
  'further',
  'well',
  'much',
  'big',
  'large',
  'fair',
  'way',
  'ways',
  'miles',
  'loads',
  'distance',
]);
const DEGREE_CARRIERS = new Set([
  'a',
  'bit',
  'very',
  'quite',
  'really',
  'pretty',
  'rather',
  'so',
  'super',
  'some',
  'more',
  'over',
  'down',
  'up',
  'out',
  'across',
]);

/**
 * A run of degree words with no fixed form ("way down", "a good long way", "quite far",
 * "really very close"): a little if any word says small, else a lot if any says large, else
 * ("a bit") a little. Null, and nothing consumed, when no word of the run says how far.
 */
function degreeRun(c: Cursor): Gap | null {
  const start = c.pos;
  let little = false;
  let lot = false;
  let bit = false;
  while (!c.done()) {
    const w = c.word();
    if (w === undefined) break;
    if (LITTLE_WORDS.has(w)) little = true;
    else if (LOT_WORDS.has(w)) lot = true;
    else if (w === 'bit') bit = true;
    else if (!DEGREE_CARRIERS.has(w)) break;
    c.pos++;
  }
  if (!(little || lot || bit)) {
    c.pos = start;
    return null;
  }
  return { ...(little || (bit && !lot) ? PHRASE_DISTANCES.little : PHRASE_DISTANCES.lot), text: c.text(start) };
}

/**
 * How far, said after the place: "quite far from it", "really close (to it)", "a long way off",
 * "about 20 cm away", "say 20 cm or so", "not far, just under it", "a long way out, not just
 * beside it". Null, and nothing consumed, unless the words run to the end or a full stop.
 */
function gapPhrase(c: Cursor): Gap | null {
  const g0 = c.pos;
  c.accept('say', 'like', 'ideally');
  // "with only a small gap between them", "leave a small gap", "keeping a good 20 cm".
  if (c.accept('with', 'leave', 'leaving', 'keep', 'keeping') !== null) c.accept('only', 'just');
  // "a good 20 cm or so": about 20 cm.
  if (c.word() === 'a' && c.word(1) === 'good' && c.peek(2)?.kind === 'distance') c.pos += 2;
  else if (c.word() === 'a' && c.peek(1)?.kind === 'distance') c.pos++;
  let gap: Gap | null;
  const first = c.peek();
  const range = first?.kind === 'number' && ['or', 'to'].includes(c.word(1) ?? '') && c.peek(2)?.kind === 'distance';
  if (range) {
    // "3 or 4 cm (of space)": from the one to the other, in the unit said last.
    const last = c.peek(2)!;
    const unit = last.value! / Number.parseFloat(last.text);
    c.pos += 3;
    gap = { min: Math.max(0, first.value! * unit - 0.01), max: last.value! + 0.01, text: '' };
  } else if (c.seq('close', 'but', 'not', ['touching', 'touch'])) {
    gap = { ...PHRASE_DISTANCES.little, text: '' };
  } else if (c.accept('not') !== null) {
    // "not far", "not too far", "not miles away": a little (and "not too close": a lot).
    c.accept('too', 'that', 'so');
    const said = degreeRun(c);
    gap = said && { ...(said.min === PHRASE_DISTANCES.little.min ? PHRASE_DISTANCES.lot : PHRASE_DISTANCES.little), text: '' };
  } else {
    const numeric = c.peek()?.kind === 'distance' || ['about', 'around', 'roughly', 'approximately'].includes(c.word() ?? '');
    gap = (numeric ? parseGap(c) : null) ?? degreeRun(c);
  }
  if (gap) {
    // "a small gap (between them)", "3 or 4 cm of space", "a smidge of gap".
    if (c.seq('of?', ['gap', 'space', 'room', 'clearance'])) {
      const b = c.pos;
      if (!(c.accept('between', 'from') !== null && (c.accept('them', 'it') !== null || parseSimpleNp(c, { relations: false }) !== null)))
        c.pos = b;
    }
    c.accept('away', 'off', 'out', 'apart');
    if (c.seq('or', 'so')) c.accept('away', 'off');
    const f = c.pos;
    if (c.accept('from', 'to') !== null && !parseSimpleNp(c, { relations: false })) c.pos = f;
    c.seq('or', 'so');
    restated(c);
    if (c.pos > g0 && (c.done() || c.peek()?.kind === 'punct')) return { ...gap, text: c.text(g0) };
  }
  c.pos = g0;
  return null;
}

/** Whether `gap` says again, or narrows, the gap `said` ("just right of X. Like 3 or 4 cm of space."). */
function sameOrNarrower(said: Gap, gap: Gap): boolean {
  return gap.min >= said.min - 1e-9 && gap.max <= said.max + 1e-9;
}

/** Words of "…, not just beside it", "…, just under it", "…, not miles": the place said again, loosely. */
const RESTATED = new Set(
  'not just only simply right beside next to by near under over below above underneath behind alongside miles away off of the left right side'.split(
    ' ',
  ),
);

/** ", not just beside it", ", just under it": consumed when it runs to the end and ends on "it"/"them"/"miles". */
function restated(c: Cursor): void {
  const s = c.pos;
  if (c.word() === undefined && c.peek()?.text !== ',') return;
  c.accept(',');
  let last = '';
  while (!c.done() && c.peek()?.kind !== 'punct' && (RESTATED.has(c.word() ?? '') || ['it', 'them'].includes(c.word() ?? ''))) {
    last = c.word()!;
    c.pos++;
  }
  if (!(['it', 'them', 'miles'].includes(last) && (c.done() || c.peek()?.kind === 'punct'))) c.pos = s;
}

/** "to the left of the bowl, quite far from it", "…, about 20 cm away", "…, not far": how far, said after the place. */
function trailingGap(c: Cursor, clause: Clause): boolean {
  const rel = clause.locations.at(-1);
  // (", with only a small gap": "with" was read as a link, "only" as filler.)
  let b = c.pos - 1;
  while (b > 0 && ['with', 'only', 'just'].includes(c.tokens[b]?.text ?? '')) b--;
  if (rel?.kind !== 'relation' || c.tokens[b]?.text !== ',') return false;
  const s = c.pos;
  const gap = gapPhrase(c);
  // A gap already said stands, unless this one says it again or narrows it ("well over to the right of X,
  // a good 20 cm or so"); another is not read here.
  if (gap && rel.gap && !sameOrNarrower(rel.gap, gap)) {
    c.pos = s;
    return false;
  }
  if (gap) rel.gap = gap;
  return gap !== null;
}

/** "a little to the right of X", "a lot to the left of X", "5 cm to the left of X", "10 cm above X" (in the image). */
function parseGapRelation(c: Cursor): Location | null {
  const start = c.pos;
  // The fixed forms first ("a little", "5 cm", "far"), then any run of degree words ("way down", "a good long way").
  const fixed = parseGapRelationWith(c, parseGap(c));
  if (fixed) return fixed;
  // (the fixed form's words were read; go back for the loose one)
  c.pos = start;
  const loose = parseGapRelationWith(c, degreeRun(c));
  if (!loose) c.pos = start;
  return loose;
}

function parseGapRelationWith(c: Cursor, gap: Gap | null): Location | null {
  const start = c.pos;
  if (!gap) return null;
  // "way over to the right of X", "a lot further to the left of X".
  c.accept('over', 'across', 'out', 'farther', 'off');
  const rel = placeRelation(c);
  // "just right of the middle", "a little to the left of the centre of the table": a point that
  // far from the table's centre (the gap's middle, and half a block, from it).
  if (rel && rel !== 'next') {
    const s = c.pos;
    // (Only the middle itself, the clause ending there: "the middle white block" is a thing.)
    const ends = (): boolean => c.done() || c.peek()?.kind === 'punct' || ['and', 'then', 'please'].includes(c.word() ?? '');
    if (c.seq('the?', ['middle', 'center']) && (c.seq('of', 'the', 'table') || true) && ends()) {
      const d = Math.round(((gap.min + gap.max) / 2 + 0.02) * 1000) / 1000;
      const dir: Record<Exclude<Relation, 'next'>, Vec2> = { left: [-d, 0], right: [d, 0], front: [0, -d], behind: [0, d] };
      return { kind: 'at', xy: dir[rel] };
    }
    c.pos = s;
  }
  if (rel) {
    // (A place, as after a relation without a gap: "just above the bowl on the right" says which bowl.)
    const list = parseNpList(c, { inPlace: true });
    if (list.length === 1 && list[0]!.kind !== 'table') return { kind: 'relation', rel, np: list[0]!, gap };
  }
  c.pos = start;
  return null;
}

/** A corner / side / container noun at the cursor, consumed: "corner", "sides", "bowls". */
function distinctPlace(c: Cursor): { which: 'corner' | 'side' | 'container'; noun?: NounClass; plural: boolean } | null {
  const w = c.word();
  if (w === 'corner' || w === 'corners' || w === 'side' || w === 'sides') {
    c.pos++;
    return { which: w.startsWith('corner') ? 'corner' : 'side', plural: w.endsWith('s') };
  }
  const entry = w === undefined ? undefined : NOUNS.get(w);
  if (entry && CONTAINER_CLASSES.has(entry.cls)) {
    c.pos++;
    return { which: 'container', noun: entry.cls, plural: entry.plural };
  }
  return null;
}

/**
 * A clause that only names objects ("the red block is …", "the red block: …"): `each one` / `it` means them next.
 * Also the blank every parsed clause starts from.
 */
function statement(text: string, verbText: string, objects: NounPhrase[]): Clause {
  return {
    text,
    verb: 'state',
    verbText,
    objects,
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

/**
 * "in different corners", "one in each corner", "in all four corners", "on separate sides",
 * "one per corner", "each in its own corner", "in a different bowl", "one block per bowl".
 */
function parseDistinct(c: Cursor): Location | null {
  const start = c.pos;
  {
    // "one per corner", "one block per bowl", "per bowl" (after "put one block").
    // "one block per bowl" with no object named before: the objects are those of that noun (`of`).
    c.accept('one');
    const w = c.word();
    const of = w !== undefined && w !== 'per' && NOUNS.has(w) && !NOUNS.get(w)!.plural ? { text: w, cls: NOUNS.get(w)!.cls } : null;
    if (of || w === 'each') c.pos++;
    if (c.accept('per')) {
      const place = distinctPlace(c);
      if (place && !place.plural) {
        c.seq(['of', 'on'], 'the', ['table', 'workspace', 'tabletop']);
        const loc: Location =
          place.which === 'container'
            ? { kind: 'distinct', which: 'container', noun: place.noun, per: true }
            : { kind: 'distinct', which: place.which, per: true };
        if (of && loc.kind === 'distinct') loc.of = of;
        return loc;
      }
    }
    c.pos = start;
  }
  // "each block in a different bowl", "in their own bowls", "in separate trays", "one in each bowl".
  c.accept('one', 'each');
  // "on different trays", "in three different bowls", "into two separate bowls".
  if (c.accept('in', 'into', 'to', 'on', 'onto')) {
    c.accept('the', 'a', 'its', 'their', 'all');
    if (
      ['different', 'separate', 'distinct'].includes(c.word(1) ?? '') &&
      (NUMBER_WORDS[c.word() ?? ''] !== undefined || c.peek()?.kind === 'number')
    )
      c.pos++;
    const word = c.accept('different', 'separate', 'distinct', 'individual', 'own', 'each', 'every');
    if (word !== null) {
      c.accept('own');
      // "in each of the white bowls", "in separate green bowls": of those colours only.
      const eachOf = (word === 'each' || word === 'every') && c.seq('of', 'the');
      const colors: ColorName[] = [];
      while (isColor(c.word() ?? '')) colors.push(c.tokens[c.pos++]!.text as ColorName);
      const place = distinctPlace(c);
      // "a block in each bowl": one for each of them, as "one block per bowl".
      const per = word === 'each' || word === 'every';
      if (place?.which === 'container' && (!eachOf || place.plural))
        return {
          kind: 'distinct',
          which: 'container',
          noun: place.noun,
          ...(per ? { per } : {}),
          ...(colors.length > 0 ? { colors } : {}),
        };
    }
  }
  c.pos = start;
  // "in a corner of its own", "each in a bowl of their own".
  c.accept('one', 'each');
  if (c.accept('in', 'into', 'to', 'on', 'onto', 'at') && c.accept('a', 'an')) {
    const place = distinctPlace(c);
    if (place && !place.plural && c.seq('of', ['its', 'their'], 'own')) {
      return place.which === 'container'
        ? { kind: 'distinct', which: 'container', noun: place.noun }
        : { kind: 'distinct', which: place.which };
    }
  }
  c.pos = start;
  // "in (diagonally) opposite corners", "on opposite sides of the table", "at opposite ends", "at either end".
  c.accept('one', 'each');
  if (c.accept('in', 'into', 'to', 'on', 'onto', 'at')) {
    c.accept('the', 'two');
    const diagonal = c.accept('diagonally') !== null;
    if (c.accept('opposite') || (!diagonal && c.accept('either', 'both'))) {
      c.accept('diagonal');
      const w = c.accept('corners', 'corner', 'sides', 'side', 'ends', 'end', 'edges', 'edge');
      if (w) {
        c.seq(['of', 'on'], 'the', ['table', 'workspace', 'tabletop']);
        const corner = w.startsWith('corner');
        // Opposite ends of the table: its left and right ends (the long way); opposite sides: either pair.
        const opposite = corner ? 'any' : w.startsWith('end') ? 'x' : 'any';
        return { kind: 'distinct', which: corner ? 'corner' : 'side', opposite };
      }
    }
  }
  c.pos = start;
  c.accept('one', 'each');
  if (c.accept('in', 'into', 'to', 'on', 'onto', 'at', 'across')) {
    // "in a corner", "into any corner": whichever one (the nearest).
    const any = c.accept('the', 'a', 'an', 'its', 'their', 'all', 'any');
    c.accept('four', '4', 'two', 'three');
    // "into the two empty corners", "in the free corners": corners nothing stands in yet.
    const empty = c.accept('empty', 'free', 'unoccupied', 'vacant', 'open', 'remaining', 'spare', 'unused', 'clear') !== null;
    // "in the two bottom corners", "the top corners": those on that side.
    const SIDE_OF: Record<string, string> = {
      top: 'top',
      bottom: 'bottom',
      left: 'left',
      right: 'right',
      back: 'top',
      far: 'top',
      front: 'bottom',
      near: 'bottom',
    };
    const onSide = SIDE_OF[c.word() ?? ''] !== undefined && c.word(1) === 'corners' ? SIDE_OF[c.tokens[c.pos++]!.text]! : null;
    const own = c.accept('own') !== null;
    const distinctWord = c.accept('different', 'separate', 'distinct', 'individual', 'own', 'each', 'every') !== null || own;
    c.accept('four', '4');
    const which = c.accept('corners', 'corner', 'sides', 'side');
    const plural = which === 'corners' || which === 'sides';
    const wordsBefore = c.tokens.slice(start, c.pos).map((t) => t.text);
    const each = wordsBefore.includes('each') || wordsBefore.includes('every');
    const all = wordsBefore.includes('all') || wordsBefore.includes('four') || wordsBefore.includes('4');
    // "in the corners, one each": the plural place and what follows it say one each.
    const j = c.tokens[c.pos]?.text === ',' ? c.pos + 1 : c.pos;
    const oneEach = plural && c.tokens[j]?.text === 'one' && ['each', 'apiece'].includes(c.tokens[j + 1]?.text ?? '');
    if (which && (distinctWord || (plural && all) || each || oneEach || empty || onSide || ((any === 'a' || any === 'any') && !plural))) {
      if (!plural || distinctWord || all || empty || onSide) {
        c.seq(['of', 'on'], 'the', ['table', 'workspace', 'tabletop']);
        c.accept('each');
        if (empty && c.peek()?.text === ',' && c.word(1) === 'one' && ['each', 'apiece'].includes(c.word(2) ?? '')) c.pos += 3;
        // ("the blocks that are in a corner": where they are, not where they go.)
        const said = c.tokens[start - 1]?.text ?? '';
        if (!plural && !distinctWord && !each && ['is', 'are', 'sitting', 'already', 'standing', 'lying'].includes(said)) {
          c.pos = start;
          return null;
        }
        // ("move the red and blue blocks over to the empty corner": the one corner, for them all.)
        const one = !plural && !distinctWord && !each && (any === 'a' || any === 'any' || (empty && any === 'the'));
        // ("put one small ball in each corner": one for each of them, as "one block per corner".)
        const per = !plural && wordsBefore.includes('each');
        return {
          kind: 'distinct',
          which: which.startsWith('corner') ? 'corner' : 'side',
          ...(empty ? { empty } : {}),
          ...(one ? { one } : {}),
          ...(onSide ? { onSide } : {}),
          ...(per ? { per } : {}),
        };
      }
    }
  }
  c.pos = start;
  return null;
}

/**
 * A location phrase: on/in/to/next to/left of … a noun phrase, a corner, side or the
 * centre of the table, "side by side", "on top of both".
 */
const IMAGE_WORDS = ['table', 'picture', 'image', 'page', 'screen', 'view'];
const NEAR_END = ['robot', 'front', 'bottom', 'near', 'me', 'you', 'us', 'camera', 'base'];
const FAR_END = ['back', 'top', 'far', 'rear', 'end'];

/**
 * Which way a line runs, after "going" / "running" / "that runs" (or alone): "across (the
 * table)", "sideways", "horizontally", "left to right" (horizontal); "up / down (the
 * picture)", "vertically", "away (from the robot)", "from the robot toward the back", "front
 * to back", "top to bottom", "toward the back" (vertical); "diagonally" (diagonal). Consumed;
 * null (and nothing consumed) when none.
 */
function lineDirection(c: Cursor): 'horizontal' | 'vertical' | 'diagonal' | null {
  const s = c.pos;
  const w = c.accept(
    'across',
    'sideways',
    'horizontally',
    'crosswise',
    'crossways',
    'diagonally',
    'vertically',
    'up',
    'down',
    'away',
    'forward',
    'forwards',
  );
  if (w) {
    if (w === 'up' || w === 'down' || w === 'across') c.seq('the', IMAGE_WORDS);
    if (w === 'away') c.seq('from', 'the?', NEAR_END);
    return w === 'diagonally'
      ? 'diagonal'
      : ['across', 'sideways', 'horizontally', 'crosswise', 'crossways'].includes(w)
        ? 'horizontal'
        : 'vertical';
  }
  // "from the robot toward(s) the back", "front to back", "from top to bottom", "left to right".
  c.accept('from');
  c.accept('the');
  const a = c.word();
  if (a !== undefined && c.word(1) !== undefined && ['to', 'toward', 'towards', 'into'].includes(c.word(1)!)) {
    const ends = (x: string): 'near' | 'far' | 'side' | null =>
      NEAR_END.includes(x) ? 'near' : FAR_END.includes(x) ? 'far' : x === 'left' || x === 'right' ? 'side' : null;
    const ea = ends(a);
    c.pos += 2;
    c.accept('the');
    const b = c.word();
    const eb = b === undefined ? null : ends(b);
    const vertical = (ea === 'near' && eb === 'far') || (ea === 'far' && eb === 'near');
    if (vertical || (ea === 'side' && eb === 'side' && a !== b)) {
      c.pos++;
      c.accept('edge', 'side', 'end', 'of');
      if (c.tokens[c.pos - 1]?.text === 'of') c.seq('the', IMAGE_WORDS);
      return ea === 'side' ? 'horizontal' : 'vertical';
    }
  }
  c.pos = s;
  // "toward the back", "towards the top".
  if (c.seq(['toward', 'towards'], 'the', FAR_END)) return 'vertical';
  c.pos = s;
  return null;
}

function parseLocation(c: Cursor, verb: VerbClass): Location | null {
  const start = c.pos;
  const np = (): NounPhrase | null => {
    const from = c.pos;
    // "in the white tray, the red one on the left": the place is one thing; after the comma, an
    // end of the line or pair (read by the clause), not a second place.
    const first = parseSimpleNp(c);
    if (first && c.peek()?.text === ',') {
      const at = c.pos;
      c.pos++;
      const end = lineEnd(c);
      const over = c.done() || c.peek()?.kind === 'punct' || ['and', 'then', 'please'].includes(c.word() ?? '');
      c.pos = at;
      if (end && over) return first;
    }
    c.pos = from;
    const list = parseNpList(c, { inPlace: true });
    if (list.length === 0) return null;
    if (list.length > 1 && [...GROUP_ENDS, 'together', ...MODALS.filter((m) => m !== 'is' && m !== 'are')].includes(c.word() ?? '')) {
      // "in the red bowl and the blue blocks in the blue bowl": the list ends at the place; the rest is the next group.
      c.pos = from;
      return parseSimpleNp(c);
    }
    // "left of the purple bowl and the green block right of it": a thing with a side after the
    // first is the next group and where it goes, not a second thing to be beside.
    if (
      list.length > 1 &&
      list
        .slice(1)
        .some(
          (x) => x.kind === 'object' && x.relation && !['in', 'on', 'closest', 'farthest', 'region', 'between'].includes(x.relation.rel),
        )
    ) {
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

  const distinct = parseDistinct(c);
  if (distinct) return distinct;
  const gapped = parseGapRelation(c);
  if (gapped) return gapped;
  // "right next to X", "just in the bowl", "directly between A and B".
  skipIntensifier(c);
  // "along the bottom edge (of the table)", "against the back edge": that side.
  {
    const s = c.pos;
    if (c.accept('along', 'against', 'alongside', 'across') || c.seq('up', 'against')) {
      const place = parsePlace(c) ?? loneSide(c);
      if (place && (place.kind === 'side' || place.kind === 'corner')) return place;
    }
    c.pos = s;
  }

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
    c.seq('in', 'between') ||
    c.accept('between')
  ) {
    if (c.tokens[c.pos - 1]?.text !== 'between' && !c.accept('between')) return fail();
    const list = parseNpList(c);
    // "between the red and blue bowls", "between the two bowls": two objects.
    if (!(list.length === 2 || (list.length === 1 && list[0]!.plural))) return fail();
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
    const lr = leftRightOf(c);
    if (lr) {
      const target = np();
      if (target) return { kind: 'relation', rel: lr, np: target };
    }
    c.pos = s;
    // "to the top of X" / "to the bottom of X": the top / bottom of the image.
    if (c.seq(['to', 'at'], 'the', ['top', 'upper', 'north', 'bottom', 'lower', 'south'], 'side?', 'of') && !tableAhead(c)) {
      const rel = ['top', 'upper', 'north'].includes(c.tokens[s + 2]!.text) ? 'behind' : 'front';
      const target = np();
      if (target && target.kind !== 'table') return { kind: 'relation', rel, np: target };
    }
    c.pos = s;
    // ("at the front of the table", "at the back of the table": that side, read below.)
    if ((c.seq('in', 'front', 'of') || c.seq(['to', 'at'], 'the', 'front', 'of')) && !tableAhead(c)) {
      const target = np();
      if (target) return { kind: 'relation', rel: 'front', np: target };
      return fail();
    }
    c.pos = s;
    if ((c.seq('behind') || c.seq(['to', 'at'], 'the', 'back', 'of') || c.seq('in', 'back', 'of')) && !tableAhead(c)) {
      const target = np();
      if (target) return { kind: 'relation', rel: 'behind', np: target };
      return fail();
    }
    // "above X" / "below X" on the table: the top / bottom of the top camera's image (+y is
    // the top). "Above the table" is a height, read elsewhere.
    c.pos = s;
    if (c.accept('above', 'below')) {
      const rel = c.tokens[c.pos - 1]!.text === 'above' ? 'behind' : 'front';
      const target = np();
      if (target && target.kind !== 'table') return { kind: 'relation', rel, np: target };
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
      // "near the top edge", "close to the bottom left corner", "by the right side": in that part of the table.
      const place = parsePlace(c);
      if (place) return place;
      const target = np();
      if (target) return { kind: 'relation', rel: 'next', np: target };
      return fail();
    }
    c.pos = s;
  }
  // "on top of both / them" (bridging), "on top of X", "on X", "onto X", "atop X", "over X".
  const onFrom = c.pos;
  if ((c.seq('on', 'the', 'top', 'of') && !tableAhead(c)) || c.seq('on', 'top', 'of') || c.accept('onto', 'atop', 'upon', 'over', 'on')) {
    const onTop = c.pos - onFrom > 1 || c.tokens[onFrom]?.text === 'atop';
    if (c.word() === 'both' || (c.word() === 'them' && verb !== 'stack')) {
      const p = parseSimpleNp(c)!;
      return { kind: 'onBoth', np: p };
    }
    // ("on the middle tower", "on top of the left stack": a tower, not a part of the table.)
    const towerNext = c.word() === 'the' && TOWER_WORDS.has(c.word(2) ?? '') && !['corner', 'side', 'edge'].includes(c.word(2) ?? '');
    const place = towerNext ? null : (parsePlace(c) ?? loneSide(c));
    if (place) return place;
    const targetAt = c.pos;
    const target = np();
    if (!target) return fail();
    if (target.kind === 'table') return { kind: 'table' };
    // ("put the red block on the tray and the ball beside the bowl": nothing bridges a tray and
    // a ball; the tray is where it goes and the rest is a clause of its own.)
    if (target.pronoun === 'both' && target.list?.some((x) => x.noun === 'bowl' || x.noun === 'tray' || x.noun === 'container')) {
      c.pos = targetAt;
      const first = parseSimpleNp(c);
      if (first) return onTop ? { kind: 'on', np: first, top: true } : { kind: 'on', np: first };
      c.pos = targetAt;
    }
    if (target.pronoun === 'both' && target.list) return { kind: 'onBoth', np: target };
    return onTop ? { kind: 'on', np: target, top: true } : { kind: 'on', np: target };
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
      // "around the centre of the table", "round the middle": the table's centre.
      const s1 = c.pos;
      c.accept('the');
      const place = tablePlace(c);
      if (place?.kind === 'center') return { kind: 'circle', np: null, center: true };
      c.pos = s1;
      const target = np();
      if (target && target.kind !== 'table') return { kind: 'circle', np: target };
      c.pos = s;
    } else if (shape) return { kind: 'circle', np: null };
    c.pos = s;
  }
  // "in front of" is handled above; "in a row / line", "in the corner", "in X", "into X", "inside (of) X".
  {
    const s = c.pos;
    if (c.seq(['in', 'into', 'on', 'along', 'as', 'like'], ['a', 'one', 'the'])) {
      c.accept('straight', 'single', 'neat', 'nice');
      const dir = c.accept('horizontal', 'vertical', 'diagonal', 'straight');
      const noun = c.accept('row', 'line', 'column', 'diagonal');
      if (noun || dir === 'diagonal') {
        c.accept('line', 'row');
        const line =
          dir === 'horizontal' || dir === 'vertical' || dir === 'diagonal'
            ? dir
            : noun === 'column'
              ? 'vertical'
              : noun === 'diagonal'
                ? 'diagonal'
                : null;
        return { kind: 'row', line };
      }
    }
    c.pos = s;
    if (c.seq('in', 'line')) return { kind: 'row', line: null };
    const adv = c.accept('horizontally', 'vertically', 'diagonally');
    if (adv && verb !== 'stand' && verb !== 'pick') {
      // "diagonally across the table", "horizontally across": the adverb says it all.
      if (adv !== 'vertically') c.seq('across', 'the?', 'table?');
      return { kind: 'row', line: adv === 'horizontally' ? 'horizontal' : adv === 'vertically' ? 'vertical' : 'diagonal' };
    }
    c.pos = s;
    // "line the blocks up going up the picture", "arrange them running across the table": a line's direction alone.
    if (verb === 'lineup') {
      c.accept('going', 'running', 'heading');
      const line = lineDirection(c);
      if (line) return { kind: 'row', line };
    }
    c.pos = s;
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
    // "at the back", "to the left": that side of the table ("at the back left" is a corner, read by parsePlace).
    const place = parsePlace(c) ?? loneSide(c);
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
  // "from the top left to the bottom right (corner)": a diagonal, and which way along it.
  const going = c.accept('going', 'running') !== null;
  if (c.accept('from') !== null || going) {
    const a = parsePlace(c);
    if (a?.kind === 'corner' && c.accept('to', 'toward')) {
      const b = parsePlace(c);
      if (b?.kind === 'corner' && b.x !== a.x && b.y !== a.y) {
        clause.order = { axis: 'x', sign: b.x > a.x ? 1 : -1 };
        clause.slope = (b.y - a.y) * (b.x - a.x) > 0 ? 1 : -1;
        return true;
      }
    }
    c.pos = start;
  }
  c.accept('going', 'running');
  c.accept('from');
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
  // "in a row from the left: red, green, blue", "line them up starting from the back": the order named starts at that side.
  if (clause.verb === 'lineup' || clause.locations.some((l) => l.kind === 'row')) {
    c.accept('starting', 'going', 'counting', 'reading');
    if (c.accept('from')) {
      c.accept('the');
      const side = SIDE_WORDS[c.word() ?? ''];
      if (side !== undefined && !['to', 'toward', 'towards'].includes(c.word(1) ?? '') && c.word(1) !== 'of') {
        c.pos++;
        c.accept('side', 'end', 'edge');
        clause.order =
          side === 'left'
            ? { axis: 'x', sign: 1 }
            : side === 'right'
              ? { axis: 'x', sign: -1 }
              : side === 'bottom'
                ? { axis: 'y', sign: 1 }
                : { axis: 'y', sign: -1 };
        return true;
      }
    }
    c.pos = start;
  }
  // "from the smallest on the left to the largest on the right": by size along a side.
  {
    c.accept('going', 'running');
    c.accept('from');
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
  // "(with the) largest at the top", "smallest on the left": by size along that side (not a stack's roles;
  // "make a row of …, the small ones on the left" builds a row, not a stack).
  if (clause.verb !== 'stack' && (clause.verb !== 'build' || clause.locations.some((l) => l.kind === 'row'))) {
    const withThe = c.seq('with', 'the?');
    const the = c.accept('the');
    const sz = c.word() === undefined ? undefined : SIZE_WORDS[c.word()!];
    // ("put the smallest block at the top right": the thing to move, and where; not an order.)
    const thing = the && !withThe && clause.objects.length === 0 && ['one', 'block', 'object'].includes(c.word(1) ?? '');
    if (sz && !thing) {
      c.pos++;
      c.accept('one', 'ones', 'block', 'blocks', 'object', 'objects', 'first');
      // "smallest nearest to the robot", "biggest farthest away (from you)": the front / back of the image.
      const byRobot = ((): string | null => {
        const s = c.pos;
        const rank = c.accept('closest', 'farthest');
        if (rank) {
          c.accept('away');
          const named = c.seq(['to', 'from', 'by'], 'the?', ['robot', 'me', 'you', 'us', 'camera', 'gripper', 'base', 'arm']);
          const next = c.peek();
          if (named || next === undefined || next.kind === 'punct' || next.text === 'and' || next.text === 'then')
            return rank === 'closest' ? 'front' : 'back';
        }
        c.pos = s;
        return null;
      })();
      // (Not "the smallest block on top of the largest one": a place, read elsewhere.)
      if (
        byRobot ||
        (c.seq(['on', 'at', 'to'], 'the?', ['left', 'right', 'top', 'bottom', 'front', 'back']) &&
          c.word() !== 'of' &&
          // ("… at the top right": a corner, a place.)
          !(['top', 'bottom', 'front', 'back'].includes(c.tokens[c.pos - 1]!.text) && ['left', 'right', 'corner'].includes(c.word() ?? '')))
      ) {
        const side = byRobot ?? c.tokens[c.pos - 1]!.text;
        const big = sz === 'largest' || sz === 'tallest';
        const axis = side === 'left' || side === 'right' ? 'x' : 'y';
        const positiveEnd = side === 'right' || side === 'top' || side === 'back';
        // Ascending along +axis puts the largest at the positive end.
        clause.bySize = big === positiveEnd ? 'asc' : 'desc';
        clause.order = { axis, sign: 1 };
        return true;
      }
    }
    c.pos = start;
  }
  if (c.seq('bottom', 'up') || c.seq('from', 'the', 'bottom', 'up')) {
    clause.order = { axis: 'z', sign: 1 };
    return true;
  }
  if (c.seq('top', 'down') || c.seq('from', 'the', 'top', 'down')) {
    clause.order = { axis: 'z', sign: -1 };
    return true;
  }
  if (
    c.seq(['by', 'according'], 'to?', ['size', 'height', 'volume']) ||
    c.seq('in', 'order', 'of', ['size', 'height']) ||
    c.seq(['in', 'by'], ['size', 'height'], 'order') ||
    c.seq('by', 'order', 'of', ['size', 'height'])
  ) {
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
  // "on the bottom right corner", "at the top left": a place, not a role.
  const place = (k: number): boolean => SIDE_X[c.word(k) ?? ''] !== undefined || isPlaceWord(c.word(k));
  if (['at', 'on', 'in'].includes(c.word() ?? '') && (c.word(1) === 'the' ? place(3) : place(2))) return null;
  // "in the middle of the table": the centre of the table, not the middle of the stack.
  if (c.word(1) === 'the' && c.word(3) === 'of' && ['table', 'workspace', 'tabletop'].includes(c.word(5) ?? c.word(4) ?? '')) return null;
  // "stack the top block on the bottom one": the thing at the bottom, not a role.
  const thing = (k: number): boolean =>
    ['one', 'ones'].includes(c.word(k) ?? '') || (NOUNS.has(c.word(k) ?? '') && !isPlaceWord(c.word(k)));
  if (c.word() === 'on' && c.word(1) === 'the' && ['bottom', 'top'].includes(c.word(2) ?? '') && thing(3)) return null;
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
    (c.accept('upright', 'standing', 'vertical', 'vertically', 'erect') !== null && (c.accept('up'), true)) ||
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
  // "make a circle with the blocks", "form a line": an arrangement, read as a place.
  {
    const s = c.pos;
    if (c.accept('a', 'one')) {
      c.accept('straight', 'single', 'neat');
      const dir = c.accept('horizontal', 'vertical', 'diagonal');
      const what = c.accept('circle', 'ring', 'line', 'row', 'column', 'diagonal');
      if (what === 'circle' || what === 'ring') {
        clause.locations.push({ kind: 'circle', np: null });
        clause.locAt.push(clause.objects.length);
        return true;
      }
      if (what) {
        const line =
          dir === 'horizontal' || dir === 'vertical' || dir === 'diagonal'
            ? dir
            : what === 'column'
              ? 'vertical'
              : what === 'diagonal'
                ? 'diagonal'
                : null;
        clause.locations.push({ kind: 'row', line });
        clause.locAt.push(clause.objects.length);
        return true;
      }
    }
    c.pos = s;
  }
  if (c.seq(['a', 'the'], ['pyramid', 'triangle']) || c.accept('pyramid')) {
    clause.structure = 'pyramid';
    return true;
  }
  if (c.seq(['a', 'the', 'one'], ['single?', 'big?', 'tall?', 'neat?'], ['tower', 'stack', 'pile']) || c.accept('tower')) {
    clause.structure = 'tower';
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- clauses

/** Words after a later group of objects that end it: "…, the blue blocks in / go in / should go in …". */
const GROUP_ENDS = ['in', 'into', 'on', 'onto', 'go', 'goes', 'belong', 'belongs'];
const MODALS = ['should', 'must', 'needs', 'need', 'has', 'have', 'ought', 'is', 'are', 'will', 'shall', 'can', 'could', 'would'];
const MOVE_WORDS = [
  'go',
  'goes',
  'belongs',
  'belong',
  'moved',
  'put',
  'placed',
  'set',
  'sent',
  'end',
  'ends',
  'gets',
  'get',
  'brought',
  'dropped',
  'transferred',
  'relocated',
  'stacked',
  'piled',
  'shifted',
  'carried',
  'taken',
  'laid',
  'positioned',
  // "the black block has to move to the tray", "the ball moves into the bowl", "the red one heads to …".
  'move',
  'moves',
  'travel',
  'travels',
  'head',
  'heads',
  'hop',
  'hops',
  'slide',
  'slides',
  'shift',
  'shifts',
  'come',
  'comes',
];

/**
 * After a noun phrase with no verb before it: the words that say it is to be somewhere
 * ("goes", "should go", "needs to be", "is to go", "moved", "should end up"). Bare "is" /
 * "are" is a statement of where it is, not where it goes.
 */
function statementMove(c: Cursor): boolean {
  const save = c.pos;
  // "the orange and pink blocks both go in …", "the balls all need to be in …": a floating quantifier.
  c.accept('both', 'all', 'each');
  const modal = c.accept(...MODALS);
  c.accept('to');
  const be = c.accept('be', 'get');
  const move = c.accept(...MOVE_WORDS);
  // "the red block should sit / needs to rest slightly left of X", "the can should stand next to X": where it is to be.
  const posture =
    move === null && be === null && modal !== null && modal !== 'is' && modal !== 'are' && c.accept('sit', 'rest', 'lie', 'stand') !== null;
  if (move !== null || posture || (modal !== null && be !== null && modal !== 'is' && modal !== 'are')) {
    c.accept('up', 'back');
    return true;
  }
  c.pos = save;
  return false;
}

/**
 * `placedNext`: the next clause places what this one names ("take the block below the bowl
 * and put it in the tray"): a relation after the object says which one.
 */
function parseClause(tokens: Token[], source: string, placedNext = false, topicNext = false): Clause {
  const c = new Cursor(tokens, source);
  const clauseText = c.text(0, tokens.length);
  // Leading filler: "please", "then", "I want you to", "can you", "first".
  while (!c.done()) {
    const w = c.word();
    // "first", "second" lead a clause ("first, put …") unless they count objects ("second block from the left, …").
    const counts = w !== undefined && ORDINALS[w] !== undefined && (isNounish(c.word(1)) || c.word(1) === 'one');
    // "that block goes in the bowl", "this one, put it …": a demonstrative, not filler.
    const pointing = (w === 'that' || w === 'this') && (NOUNS.has(c.word(1) ?? '') || c.word(1) === 'one');
    if (w !== undefined && LEADING_FILLER.has(w) && !(VERBS.has(w) && w !== 'go') && !counts && !pointing) c.pos++;
    else if (c.peek()?.kind === 'punct') c.pos++;
    else break;
  }
  // "out of all the blocks, put the biggest one in the tray", "of the blocks, the smallest goes in
  // the bowl", "among the balls, …": the group the first phrase without a noun is taken from.
  {
    const s0 = c.pos;
    if (c.seq('out', 'of') || c.accept('of', 'among', 'amongst') !== null) {
      const g0 = c.pos;
      // "of the two blocks right of the blue bowl, …": the group may say where it is.
      let one = parseSimpleNp(c, { verb: 'pick' });
      if (!(c.done() || c.peek()?.kind === 'punct')) {
        c.pos = g0;
        one = parseSimpleNp(c, { relations: false });
      }
      // ("out of the huddle in the top right, the block …": the group says where on the table it is.)
      let placedAt = -1;
      if (one && one.kind === 'object' && one.plural && !one.relation) {
        const s1 = c.pos;
        const place = c.accept('in', 'on', 'at') !== null ? tablePlace(c) : null;
        if (place && c.peek()?.text === ',') {
          one.relation = { rel: 'region', np: null, place, explicit: false };
          placedAt = s1;
        } else c.pos = s1;
      }
      const group = one ? [one] : [];
      const g1 = c.pos;
      while (c.peek()?.kind === 'punct' && c.pos < tokens.length - 1 && c.peek()?.text !== ',') c.pos++;
      // "out of all the blocks, put the biggest one …" split at the verb: this clause only names the group.
      if (
        group.length > 0 &&
        group[0]!.kind === 'object' &&
        group[0]!.plural &&
        (c.done() || (c.peek()?.kind === 'punct' && c.pos === tokens.length - 1))
      )
        return statement(clauseText, c.text(s0, s0 + 1), group);
      if (group.length > 0 && group.every((g) => g.kind === 'object' && g.plural) && c.accept(',')) {
        const rest = tokens.slice(c.pos);
        const probe = new Cursor(rest, source);
        for (let k = 0; k < rest.length; k++) {
          probe.pos = k;
          const np = rest[k]!.kind === 'word' ? parseSimpleNp(probe, { relations: false }) : null;
          // ("of the blocks in the top right, the block nearest X: …": the same noun again is "the one".)
          if (np && np.kind === 'object' && np.noun !== null && !np.plural && (np.noun === group[0]!.noun || group[0]!.noun === 'thing')) {
            const head = rest.findIndex((t, i) => i >= k && i < probe.pos && NOUNS.get(t.text)?.cls === np.noun);
            if (head >= 0) {
              const one: Token = { ...rest[head]!, text: 'one' };
              return parseClause(
                [...tokens.slice(0, c.pos), ...rest.slice(0, head), one, ...rest.slice(head + 1)],
                source,
                placedNext,
                topicNext,
              );
            }
          }
          if (np && np.kind === 'object' && np.noun === null) {
            const of: Token = { kind: 'word', text: 'of', start: tokens[g0]!.start, end: tokens[g0]!.start };
            // (A group said with where it is, "of the blocks in the top right, the one …", is read below, in its own sentence.)
            if (placedAt > 0) break;
            return parseClause(
              [...tokens.slice(0, s0), ...rest.slice(0, probe.pos), of, ...tokens.slice(g0, g1), ...rest.slice(probe.pos)],
              source,
              placedNext,
              topicNext,
            );
          }
          if (np) k = probe.pos - 1;
        }
      }
    }
    c.pos = s0;
  }
  // "make sure (that) the red block ends up in the bowl", "ensure the block is in …": what follows is the task.
  if (c.seq('make', 'sure', 'that?') || c.seq('ensure', 'that?') || c.seq('see', 'to', 'it', 'that')) {
    return parseClause(tokens.slice(c.pos), source, placedNext, topicNext);
  }
  // "don't move the bowl", "do not touch the red block", "never lift the ball": these stay where they are.
  const negated = c.accept("don't", 'dont', 'never') !== null || c.seq('do', 'not');
  if (negated) return keepClause(c, clauseText);
  const verbTok = c.peek();
  if (!isWordTok(verbTok) || !VERBS.has(verbTok.text)) {
    const at = c.pos;
    // A topic: "the black block, stick it in the brown bowl", "the second largest block, put it
    // on the tray", "which block is furthest from the bowl? put that one in the tray",
    // "whichever block is on the left, …": a phrase alone, which the next clause's "it" /
    // "that one" / "them" points back at. Everything in it says which one (nothing is a place).
    if (topicNext) {
      // "for each block, put it in the tray", "as for the ball, drop it in the bowl".
      c.seq('as?', 'for');
      const topic = parseNpList(c, { verb: 'pick', topic: true });
      // "what's the rightmost object on the table? put it …": on the table, as everything is.
      c.seq(['on', 'in'], 'the', ['table', 'tabletop', 'workspace']);
      while (c.peek()?.kind === 'punct') c.pos++;
      if (topic.length > 0 && c.done() && topic.every((np) => np.kind !== 'pronoun'))
        return statement(clauseText, c.text(at, at + 1), topic);
      c.pos = at;
    }
    // "I'd like a tower of the green, purple and yellow blocks in the corner", "a stack of the
    // blocks on the tray, please": the structure named with no verb is to be built.
    {
      const s0 = c.pos;
      if (
        c.seq(['a', 'one'], ['single?', 'tall?', 'neat?'], ['tower', 'stack', 'pile'], ['made?', 'built?'], ['of', 'from', 'using', 'with'])
      ) {
        const first = tokens[at]!;
        const stack: Token = { kind: 'word', text: 'stack', start: first.start, end: first.start };
        try {
          return parseClause([...tokens.slice(0, at), stack, ...tokens.slice(c.pos)], source, placedNext, topicNext);
        } catch {
          // not a stack after all
        }
      }
      c.pos = s0;
    }
    // A statement: "the red and blue blocks are in the wrong bowls" names the objects the
    // next clause acts on ("put each one …"); what it says of them is not read.
    const list = parseNpList(c);
    // "each bowl should hold the blocks of its own colour", "the tray must contain the balls", "the
    // red bowl gets the red block": the container first, as "fill X with Y".
    if (list.length === 1 && list[0]!.kind === 'object' && list[0]!.noun !== null && CONTAINER_CLASSES.has(list[0]!.noun)) {
      const npEnd = c.pos;
      c.accept(...MODALS);
      c.accept('only');
      if (c.accept('hold', 'holds', 'contain', 'contains', 'get', 'gets', 'have', 'has', 'receive', 'receives', 'take', 'takes')) {
        const first = tokens[at]!;
        const word = (text: string): Token => ({ kind: 'word', text, start: first.start, end: first.start });
        const rewritten = [...tokens.slice(0, at), word('fill'), ...tokens.slice(at, npEnd), word('with'), ...tokens.slice(c.pos)];
        try {
          return parseClause(rewritten, source, placedNext, topicNext);
        } catch {
          // not what it holds after all
        }
      }
      c.pos = npEnd;
    }
    // "the red block and the blue block each need a corner of their own", "each ball needs a bowl of
    // its own", "the blocks want to be in the tray": where they go, said as what they need.
    if (list.length > 0 && list.every((np) => np.kind === 'object' || np.kind === 'id' || np.kind === 'pronoun')) {
      const npEnd = c.pos;
      c.accept('each', 'both', 'all');
      if (
        c.accept('need', 'needs', 'want', 'wants', 'get', 'gets', 'deserve', 'deserves') &&
        ['a', 'an', 'its', 'their', 'one', 'the'].includes(c.word() ?? '')
      ) {
        const first = tokens[at]!;
        const word = (text: string): Token => ({ kind: 'word', text, start: first.start, end: first.start });
        const rewritten = [
          ...tokens.slice(0, at),
          word('put'),
          ...tokens.slice(at, npEnd),
          word('each'),
          word('in'),
          ...tokens.slice(c.pos),
        ];
        try {
          return parseClause(rewritten, source, placedNext, topicNext);
        } catch {
          // not a place after all
        }
      }
      c.pos = npEnd;
    }
    // "the white block can stay where it is", "the bowls stay put", "the ball should remain in place": kept.
    if (list.length > 0 && list.every((np) => np.kind === 'object' || np.kind === 'id')) {
      const npEnd = c.pos;
      c.accept(...MODALS);
      c.accept('just');
      if (c.accept('stay', 'stays', 'remain', 'remains')) {
        // "stay in the ring where they are", "stay there in the row": where they are now, said twice.
        const s = c.pos;
        c.accept('there');
        if (!(c.seq('in', 'the', ['ring', 'row', 'line', 'circle', 'column', 'group', 'cluster', 'bunch']) && c.word() === 'where'))
          c.pos = s;
        const stays =
          c.seq('where', ['it', 'they'], ['is', 'are', 'was', 'were']) ||
          c.seq('as', ['it', 'they'], ['is', 'are']) ||
          c.seq('in', ['its', 'their'], ['place', 'spot', 'position']) ||
          c.seq('in', 'place') ||
          c.accept('put', 'there', 'still') !== null ||
          c.done();
        while (!c.done() && (c.peek()?.kind === 'punct' || POLITENESS.has(c.word() ?? ''))) c.pos++;
        if (stays && c.done()) return { ...statement(clauseText, 'stay', list), verb: 'keep' };
      }
      c.pos = npEnd;
    }
    // "the largest block goes in the tray", "X should go in Y", "I need X moved to Y",
    // "X has to be in Y": a statement of where it belongs, read as "put X in Y".
    if (list.length > 0 && list.every((np) => np.kind === 'object' || np.kind === 'id' || np.kind === 'tower' || np.kind === 'pronoun')) {
      const npEnd = c.pos;
      if (statementMove(c)) {
        const rest = c.pos;
        let located = false;
        try {
          // "… should go in the bowl", "… should move a little to the left".
          located = parseLocation(c, 'put') !== null;
          if (!located) {
            c.pos = rest;
            if (c.peek()?.kind === 'distance') c.pos++;
            parseGap(c);
            located = parseDirection(c) !== null;
          }
        } catch {
          located = false;
        }
        if (located) {
          const first = tokens[at]!;
          const put: Token = { kind: 'word', text: 'put', start: first.start, end: first.start };
          return parseClause([...tokens.slice(0, at), put, ...tokens.slice(at, npEnd), ...tokens.slice(rest)], source);
        }
      }
      c.pos = npEnd;
    }
    // "the red block: put it in the tray": the phrase before the colon names what "it" is.
    const colon = list.length > 0 && c.peek()?.kind === 'punct' && c.peek()?.text === ':' && c.pos === tokens.length - 1;
    // ("whichever block is …": what follows "is" says which one; unread, the phrase says nothing.)
    const asks = list.some((np) => /^(whichever|whatever|which)\b/i.test(np.text));
    if (colon || (list.length > 0 && !asks && c.accept('is', 'are'))) {
      c.pos = tokens.length;
      return statement(clauseText, c.text(at, at + 1), list);
    }
    // "the red block in the bowl, please": a thing and a place with no verb means put it there;
    // so does "it" after a wish ("the green ball, I want it in the bowl"). Not after "there are"
    // ("There are three blocks along the bottom.": where they are).
    if (
      list.length > 0 &&
      !saidToBe(tokens, source) &&
      list.every((np) => np.kind === 'object' || np.kind === 'id' || np.kind === 'pronoun')
    ) {
      while (c.peek()?.text === ',') c.pos++;
      let located = false;
      try {
        located = parseLocation(c, 'put') !== null;
      } catch {
        located = false;
      }
      if (located) {
        const first = tokens[at]!;
        const put: Token = { kind: 'word', text: 'put', start: first.start, end: first.start };
        return parseClause([...tokens.slice(0, at), put, ...tokens.slice(at)], source);
      }
    }
    c.pos = at;
    const word = c.word() ?? c.peek()?.text ?? '';
    const near = knownWords().includes(word) ? [] : closestNames(word, VERBS.keys(), 2);
    throw new ParseError(
      `could not read "${clauseText}" at '${c.text(at, at + 1)}': no known verb${near.length > 0 ? ` (did you mean ${near.map((v) => `"${v}"`).join(' or ')}?)` : ''}; try ${VERB_FORMS}`,
      { at, noVerb: true, unknown: knownWords().includes(word) ? undefined : at },
    );
  }
  // "leave the red ball where it is", "keep the bowl in place", "leave the others alone".
  if (verbTok.text === 'leave' || verbTok.text === 'keep') {
    const kept = keepClause(c, clauseText, true);
    if (kept) return kept;
  }
  // "empty the bowl (into the tray)": everything in it goes out (onto the table unless a place is said).
  if (verbTok.text === 'empty') {
    const emptied = emptyContainer(c, tokens);
    if (emptied) return parseClause(emptied, source, placedNext, topicNext);
  }
  // "flip the tower", "turn the stack upside down", "invert the tower (over)": moved and rebuilt in reverse.
  if (FLIP_VERBS.has(verbTok.text)) {
    const rest = tokens.slice(c.pos + 1);
    const probe = new Cursor(rest, source);
    const np = parseSimpleNp(probe);
    // ("turn the column into a row": it makes the row, it does not turn the stack over.)
    if (np?.kind === 'tower' && !(verbTok.text === 'turn' && probe.word() === 'into')) {
      const at = (text: string): Token => ({ kind: 'word', text, start: verbTok.start, end: verbTok.start });
      const tail = rest.slice(probe.pos);
      const k = tail.findIndex((t, i) => (t.text === 'upside' && tail[i + 1]?.text === 'down') || t.text === 'over' || t.text === 'around');
      const after = k < 0 ? tail : [...tail.slice(0, k), ...tail.slice(k + (tail[k]!.text === 'upside' ? 2 : 1))];
      const rebuilt = [
        ...tokens.slice(0, c.pos),
        at('move'),
        ...rest.slice(0, probe.pos),
        { ...at(','), kind: 'punct' as const },
        at('rebuilding'),
        at('it'),
        at('upside'),
        at('down'),
        ...after,
      ];
      return parseClause(rebuilt, source, placedNext, topicNext);
    }
  }
  // "give each bowl one block", "fill the tray with the balls": the container first, then what goes in it.
  if (verbTok.text === 'give' || verbTok.text === 'fill') {
    const reordered = recipientFirst(c, tokens, verbTok.text);
    if (reordered) return parseClause(reordered, source, placedNext, topicNext);
  }
  c.pos++;
  let verb = VERBS.get(verbTok.text)!;
  // Particles and two-word verbs.
  while (c.word() !== undefined && PARTICLES.has(c.word()!) && !(c.word() === 'over' && verb !== 'pick')) c.pos++;
  if (verb === 'take' && c.accept('off', 'out', 'away', 'down')) verb = 'remove';
  if (verbTok.text === 'set' && c.word() === 'up') c.pos++;

  const clause: Clause = {
    ...statement(clauseText, verbTok.text, []),
    verb,
    upright: verbTok.text === 'stand' || verbTok.text === 'erect',
    hold: verb === 'hold',
  };

  let pendingRoleNp: NounPhrase | null = null;
  // "put them in a row: red, orange, yellow": how many objects were named before the colon.
  let colonAt: number | null = null;
  while (!c.done()) {
    const t = c.peek()!;
    if (t.kind === 'punct') {
      if (t.text === ':') colonAt ??= clause.objects.length;
      c.pos++;
      continue;
    }
    // "…, whichever you like", "any one you want", "your choice", "it doesn't matter which": a free choice (the ambiguity rule chooses, noted).
    if (
      clause.locations.length > 0 &&
      (c.seq(['whichever', 'whatever', 'any'], ['one?', 'ones?'], 'you', ['like', 'want', 'prefer', 'choose', 'pick', 'fancy']) ||
        c.seq('your', 'choice') ||
        c.seq(['i', 'we'], ["don't", 'dont'], ['mind', 'care'], 'which', ['one?', 'ones?']) ||
        c.seq('it?', ["doesn't", 'doesnt'], 'matter', 'which', 'one?'))
    )
      continue;
    // "send the blocks to the four corners, one each", "in the bowls, one apiece": one place each.
    {
      const s = c.pos;
      const last = clause.locations.at(-1);
      if (
        last !== undefined &&
        (c.seq('one', ['each', 'apiece']) ||
          c.seq('a', 'piece') ||
          c.seq('one', ['for', 'in', 'to'], 'each') ||
          c.seq('one', 'per', ['corner', 'bowl', 'tray', 'container', 'side']))
      ) {
        if (last.kind === 'distinct') continue;
        const noun = (last.kind === 'in' || last.kind === 'to' || last.kind === 'on') && last.np.plural ? last.np.noun : null;
        if (noun === 'bowl' || noun === 'tray' || noun === 'container') {
          const np = (last as { np: NounPhrase }).np;
          // ("on the empty coasters, one each", "in the white bowls, one apiece": only those.)
          const each: Location = {
            kind: 'distinct',
            which: 'container',
            noun,
            per: true,
            ...(np.empty ? { empty: true } : {}),
            ...(np.colors.length > 0 ? { colors: np.colors } : {}),
          };
          // "in bowls that aren't their colour, one each": the colours still say which, one bowl each.
          if (np.mismatchColor || np.matchColor || (np.notColors?.length ?? 0) > 0) {
            clause.locations.push(each);
            clause.locAt.push(clause.locAt.at(-1) ?? clause.objects.length);
          } else clause.locations[clause.locations.length - 1] = each;
          continue;
        }
      }
      c.pos = s;
    }
    // "…, into the green bowl with it", "in the tray with them": what was named, said again.
    {
      const s = c.pos;
      if (
        clause.objects.length > 0 &&
        clause.locations.length > 0 &&
        c.seq('with', ['it', 'them']) &&
        (c.done() || c.peek()?.kind === 'punct')
      )
        continue;
      c.pos = s;
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
    // "put the blocks in reverse order", "line them up in the opposite order": a line, the other way round.
    if (
      (verb === 'put' || verb === 'lineup') &&
      clause.objects.length > 0 &&
      c.seq('in', 'the?', ['reverse', 'reversed', 'opposite'], 'order')
    ) {
      clause.reverse = true;
      if (!clause.locations.some((l) => l.kind === 'row')) {
        clause.locations.push({ kind: 'row', line: null });
        clause.locAt.push(clause.objects.length);
      }
      continue;
    }
    if (c.seq(['the', 'their', 'its'], ['positions', 'places', 'position', 'place', 'spots', 'locations', 'spot'], 'of')) continue;
    if (trailingGap(c, clause)) continue;
    // "split the blocks between the two bowls", "share the balls among the trays": each container some.
    if (SHARE_VERBS.has(clause.verbText) && ['between', 'among', 'amongst', 'across'].includes(c.word() ?? '')) {
      const s = c.pos;
      c.pos++;
      const np = parseSimpleNp(c, { relations: false });
      if (np?.kind === 'object' && np.plural && np.noun !== null && CONTAINER_CLASSES.has(np.noun)) {
        clause.locations.push({ kind: 'in', np }, { kind: 'distinct', which: 'container', noun: np.noun, cover: true });
        clause.locAt.push(clause.objects.length, clause.objects.length);
        continue;
      }
      c.pos = s;
    }
    {
      // "move the red block back a little", "to the right a bit", "up a bit": that far, the way said.
      const s0 = c.pos;
      const ud = clause.direction === null && clause.objects.length > 0 ? c.accept('up', 'down') : null;
      const gap = (ud !== null || (clause.direction !== null && clause.distance === null)) && t.kind !== 'distance' ? parseGap(c) : null;
      if (gap && (c.done() || ['and', 'then', 'please'].includes(c.word() ?? '') || c.peek()?.kind === 'punct')) {
        if (ud !== null) clause.direction = { vec: ud === 'up' ? [0, 1] : [0, -1], text: ud };
        clause.distance = Math.round(((gap.min + gap.max) / 2) * 1000) / 1000;
        clause.direction = { ...clause.direction!, text: `${clause.direction!.text} ${gap.text}` };
        continue;
      }
      c.pos = s0;
    }
    {
      // "a little to the right of X", "5 cm to the left of X".
      const gapped = parseGapRelation(c);
      if (gapped) {
        clause.locations.push(gapped);
        clause.locAt.push(clause.objects.length);
        continue;
      }
      // "move the red block a little to the left": that far from where it is (the middle of the range).
      const s0 = c.pos;
      const gap = t.kind === 'distance' ? null : parseGap(c);
      if (gap) {
        const dir = parseDirection(c);
        if (dir) {
          clause.distance = Math.round(((gap.min + gap.max) / 2) * 1000) / 1000;
          clause.direction = { vec: dir.vec, text: `${gap.text} ${dir.text}` };
          continue;
        }
        c.pos = s0;
      }
    }
    if (t.kind === 'distance') {
      clause.distance = t.value!;
      c.pos++;
      // "move it 10 cm to the right": that far that way (not "to the right side" with a distance lost).
      const dir = clause.direction === null ? parseDirection(c) : null;
      if (dir) clause.direction = dir;
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
    // "put all the blocks in a stack on the corner", "put them into one pile": a stack.
    if (
      verb === 'put' &&
      clause.objects.length > 0 &&
      c.seq(['in', 'into', 'as'], ['a', 'one'], ['single?', 'neat?', 'tall?'], ['stack', 'pile', 'tower'])
    ) {
      verb = 'stack';
      clause.verb = 'stack';
      clause.structure = 'tower';
      continue;
    }
    // "stack the blocks into a tower", "pile them up into one stack", "stack them in a single column"
    // ("make them into a column" is a line up the picture: a column is a tower only when stacked).
    const towerAt = c.pos;
    if (
      (verb === 'stack' || verb === 'build') &&
      c.seq(
        ['into', 'in', 'as', 'to', 'forming'],
        ['a', 'one', 'the'],
        ['single?', 'big?', 'tall?', 'neat?'],
        ['tower', 'stack', 'pile', 'column'],
      ) &&
      !(verb === 'build' && c.tokens[c.pos - 1]?.text === 'column')
    ) {
      clause.structure ??= 'tower';
      continue;
    }
    c.pos = towerAt;
    // "stack the blocks (on top of each other)": what stacking is.
    if (
      (verb === 'stack' || verb === 'build') &&
      (c.seq('on', 'top', 'of', ['each', 'one'], ['other', 'another']) ||
        c.seq(['on', 'onto'], ['each', 'one'], ['other', 'another']) ||
        c.seq('one', 'on', 'top', 'of', 'another'))
    )
      continue;
    if (parseOrder(c, clause)) continue;
    if (verb === 'stack' || verb === 'build') {
      const s0 = c.pos;
      const role = parseRole(c);
      const np = pendingRoleNp ?? clause.objects[clause.objects.length - 1];
      // "stack them all up in the middle": a group has no role in its own stack; "in the middle" is where.
      if (role && np && (np.plural || np.kind === 'pronoun') && !(role === 'top' && c.done())) c.pos = s0;
      else if (role) {
        if (np) clause.roles.push({ np, role });
        pendingRoleNp = null;
        continue;
      }
    }
    if (c.seq('for', 'me') || c.seq('if', 'you', ['can', 'could', 'would', 'may'], 'please?')) continue;
    // "one by one", "one at a time", "one after another", "individually": how, not what.
    if (
      c.seq('one', ['by', 'after'], ['one', 'another', 'the?'], 'other?') ||
      c.seq('one', 'at', 'a', 'time') ||
      c.accept('individually', 'separately') !== null
    )
      continue;
    // "beside the red one, on its left", "next to it, to its right": which side of it.
    {
      const rel = clause.locations.at(-1);
      const s = c.pos;
      if (rel?.kind === 'relation' && rel.rel === 'next' && c.seq(['on', 'to', 'at'], ['its', 'the'], ['left', 'right'], 'side?')) {
        rel.rel = c.tokens.slice(s, c.pos).some((x) => x.text === 'left') ? 'left' : 'right';
        continue;
      }
      c.pos = s;
    }
    // "… real quick", "right now", "right away", "asap", "when you can", "if possible": when, not what.
    if (
      c.seq('real', 'quick') ||
      c.seq('right', ['now', 'away']) ||
      c.accept('asap', 'quick') !== null ||
      c.seq('when', 'you', ['can', 'get', 'have'], 'a?', ['chance?', 'moment?', 'sec?', 'second?', 'minute?']) ||
      c.seq('if', ['possible', 'poss'])
    )
      continue;
    // "to the right of the bowl, (but) not too far (away)": close by, as "a little".
    {
      const rel = clause.locations.at(-1);
      const s = c.pos;
      c.accept('but');
      if (rel?.kind === 'relation' && !rel.gap && c.seq('not', ['too', 'so'], 'far', 'away?')) {
        rel.gap = { ...PHRASE_DISTANCES.little, text: c.text(s) };
        continue;
      }
      c.pos = s;
    }
    // "put all blocks in the tray except the blue one": what is left out, said after the place.
    if (clause.objects.length > 0) {
      const s = c.pos;
      if (
        c.seq(['except', 'excluding', 'save'], 'for?') ||
        c.seq('other', 'than') ||
        c.seq(['apart', 'aside'], 'from') ||
        c.seq('but', 'not')
      ) {
        const last = clause.objects[clause.objects.length - 1]!;
        const colors = colorList(c);
        if (colors.length > 0 && !NOUNS.has(c.word() ?? '') && c.word() !== 'one' && c.word() !== 'ones') {
          last.notColors = [...(last.notColors ?? []), ...colors];
          continue;
        }
        c.pos -= colors.length;
        // "… on the tray except the one in the middle": with nothing after it, a relation says which one.
        const from = c.pos;
        let list = parseNpList(c, { relations: true, verb: 'pick' });
        const ends = c.done() || c.peek()!.kind === 'punct' || ['and', 'then', 'please'].includes(c.word() ?? '');
        if (!ends || !list.every((x) => x.relation !== undefined && x.relation.rel !== 'in' && x.relation.rel !== 'on')) {
          c.pos = from;
          list = parseNpList(c, { relations: false });
        }
        if (list.length > 0 && (last.plural || last.quantifier !== null)) {
          // "the blue one": of the kind of what it is left out of.
          for (const e of list) if (e.noun === null && e.kind === 'object') e.noun = last.noun;
          // "all the blocks in the yellow bowl except the one closest to it": "it" is the place just named.
          const place = clause.locations.at(-1);
          const named = place && 'np' in place && place.np?.kind === 'object' && !place.np.plural ? place.np : null;
          for (const e of list) {
            if (named && e.relation?.np?.kind === 'pronoun' && e.relation.np.pronoun === 'it') e.relation = { ...e.relation, np: named };
          }
          last.except = [...(last.except ?? []), ...list];
          continue;
        }
      }
      c.pos = s;
    }
    // "…, both of them", "all three of them", "each of them": the objects said again.
    if (
      clause.objects.length > 0 &&
      (c.seq(['both', 'all', 'each', 'the'], ['two?', 'three?', 'four?', 'five?', 'six?'], 'of', ['them', 'these', 'those']) ||
        c.seq(['both', 'all', 'each', 'every'], 'one', 'of', ['them', 'these', 'those']))
    )
      continue;
    // "in one straight line, any direction", "in any direction you like": no direction asked for.
    if (
      clause.locations.some((l) => l.kind === 'row') &&
      c.seq('in?', ['any', 'either', 'whichever', 'whatever'], ['direction', 'orientation', 'way', 'angle'], 'you?', [
        'like?',
        'want?',
        'prefer?',
      ])
    )
      continue;
    // "shift it over to the right side", "move it across to the tray": "over" / "across" say nothing more.
    if (
      ['over', 'across'].includes(c.word() ?? '') &&
      ['to', 'toward', 'into', 'onto', 'next', 'beside', 'by', 'in', 'on', 'near'].includes(c.word(1) ?? '') &&
      verb !== 'pick'
    ) {
      c.pos++;
      continue;
    }
    {
      // "so that no bowl is left empty", "so every bowl gets one", "so that each bowl has a block": a container each, at least.
      const cover = coverPhrase(c);
      if (cover) {
        clause.locations.push(cover);
        clause.locAt.push(clause.objects.length);
        continue;
      }
      // "so (that) it's right next to X", "so they end up in the bowl", "such that it sits on X": where it goes follows.
      if (soThatAhead(c)) continue;
    }
    // "in a row going across", "in a line running from left to right", "a column going up".
    {
      const last = clause.locations.at(-1);
      // ("in a column, one behind the other, going away …": the line named before.)
      const row = last?.kind === 'row' ? last : [...clause.locations].reverse().find((l) => l.kind === 'row');
      const s = c.pos;
      if (row?.kind === 'row') {
        c.accept('going', 'running', 'heading', 'that', 'which');
        c.accept('goes', 'go', 'runs', 'run', 'heads');
        const line = lineDirection(c);
        // "in a column, going away from the robot": the same direction said again.
        if (line && (row.line === null || row.line === line)) {
          row.line = line;
          continue;
        }
        c.pos = s;
      }
      // "in one straight line diagonally across the table": the direction said again.
      if (row?.kind === 'row' && row.line !== null && c.seq('across', 'the', 'table')) continue;
      c.pos = s;
    }
    // "drop the block off in the bowl", "drop it off at the corner": "off" before a place says nothing more.
    if (
      verb === 'put' &&
      clause.objects.length > 0 &&
      c.word() === 'off' &&
      ['in', 'into', 'at', 'on', 'onto', 'next', 'by', 'beside', 'near', 'inside', 'to'].includes(c.word(1) ?? '')
    ) {
      c.pos++;
      continue;
    }
    // "spread the blocks out to the corners": "out" says nothing more.
    if (verb === 'put' && c.word() === 'out' && c.word(1) !== 'of') {
      c.pos++;
      continue;
    }
    if (!(verb === 'lineup' && ['vertical', 'vertically'].includes(c.word() ?? '')) && parseUpright(c)) {
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
    if ((verb === 'stand' || verb === 'lineup' || verb === 'stack') && c.word() === 'up') {
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
    // "move the ball from the table into the bowl": where it is now says nothing more.
    if (loc?.kind === 'from' && loc.np.kind === 'table') continue;
    if (loc) {
      // "a ring of blocks round the purple bowl", "in a circle … around X": one circle, round X.
      const ring = clause.locations.find((l) => l.kind === 'circle' && l.np === null);
      if (loc.kind === 'circle' && loc.np !== null && ring?.kind === 'circle') {
        ring.np = loc.np;
        continue;
      }
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
    const npStart = c.pos;
    // In a line: "red at the bottom and white at the top", "the blue block on the left (end)": which end each goes at.
    if (verb === 'lineup' || clause.locations.some((l) => l.kind === 'row' || l.kind === 'sideBySide')) {
      const end = lineEnd(c);
      if (end) {
        (clause.ends ??= []).push(end);
        continue;
      }
    }
    let list = parseNpList(c, { verb });
    if (
      list.length > 0 &&
      DEST_VERBS.has(verb) &&
      !(placedNext && (verb === 'take' || verb === 'remove')) &&
      list.some((np) => placeLike(np, verb)) &&
      !destinationAhead(c, verb, PLACES_AHEAD) &&
      !placeAfterComma(c)
    ) {
      // "put the block to the left of the bowl": where it goes, not which block.
      c.pos = npStart;
      list = parseNpList(c, { relations: false, verb });
    }
    if (list.length > 0) {
      if (verb === 'stack' || verb === 'build') {
        // "with the blue block at the bottom, the green block in the middle ..."
        const roleAt = c.pos;
        const role = parseRole(c);
        // ("stack the blocks in the middle": where, when it is said of them all.)
        const last = list[list.length - 1]!;
        if (role === 'middle' && clause.objects.length === 0 && list.length === 1 && (last.plural || last.quantifier !== null)) {
          c.pos = roleAt;
          const place = parseLocation(c, verb);
          if (place?.kind === 'center') {
            clause.objects.push(...list);
            clause.locations.push(place);
            clause.locAt.push(clause.objects.length);
            continue;
          }
          c.pos = roleAt;
          parseRole(c);
        }
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
    // "… and the red block goes to the bottom right corner": a later group's own "goes" / "should go".
    if ((verb === 'put' || verb === 'sort' || verb === 'gather') && clause.objects.length > 0 && statementMove(c)) continue;
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
    // Unreadable: name the words up to the next separator, and the forms it can read there.
    const from = c.pos;
    while (
      !c.done() &&
      c.peek()!.kind !== 'punct' &&
      !(c.pos > from && ['and', 'with', 'on', 'in', 'into', 'to', 'next', 'then'].includes(c.word() ?? ''))
    )
      c.pos++;
    // The hint names the first word in the span it does not know ("in the yelow bowl": 'yelow').
    const u = c.tokens.slice(from, c.pos).findIndex((x) => x.kind === 'word' && !knownWords().includes(x.text));
    const unknown = u >= 0 ? c.tokens[from + u]! : c.tokens[from]!;
    throw new ParseError(`could not read "${clauseText}" at '${c.text(from)}': ${hintFor(unknown, clause)}`, {
      at: from,
      unknown: u >= 0 ? from + u : undefined,
    });
  }
  sizeRoles(clause);
  // "put them in a row from left to right: red, orange, yellow": "them" is the list after the colon.
  if (
    colonAt !== null &&
    colonAt > 0 &&
    clause.objects.length > colonAt &&
    clause.objects.slice(0, colonAt).every((np) => np.kind === 'pronoun' && np.pronoun === 'them')
  ) {
    const n = colonAt;
    clause.objects = clause.objects.slice(n);
    clause.locAt = clause.locAt.map((at) => Math.max(0, at - n));
    clause.roles = clause.roles.filter((r) => clause.objects.includes(r.np));
  }
  return clause;
}

/** Verbs that share things out among containers ("split the blocks between the bowls"). */
const SHARE_VERBS: ReadonlySet<string> = new Set(['split', 'divide', 'share', 'distribute', 'spread', 'scatter']);

/** Verbs that turn a stack over ("flip the tower"): with a stack as their object, a rebuild in reverse. */
const FLIP_VERBS: ReadonlySet<string> = new Set(['flip', 'invert', 'reverse', 'turn']);

/**
 * "give each bowl one block" → "put one block in each bowl"; "give the red bowl the blue
 * block" → "put the blue block in the red bowl"; "fill the tray with the balls" → "put the
 * balls in the tray". Null (nothing consumed) when the first phrase is no container: "give
 * the block to the bowl" is a put as it stands.
 */
function recipientFirst(c: Cursor, tokens: Token[], verb: string): Token[] | null {
  const at = c.pos;
  c.pos++;
  const r0 = c.pos;
  const recipient = parseSimpleNp(c, { relations: false });
  const r1 = c.pos;
  const container = recipient !== null && recipient.noun !== null && CONTAINER_CLASSES.has(recipient.noun);
  // "give every ball a bowl of a different colour", "give the red block its own bowl": the thing
  // named first goes into the container named second.
  if (recipient !== null && !container && recipient.noun !== null && verb === 'give') {
    const g0 = c.pos;
    const given = parseSimpleNp(c, { relations: false });
    const g1 = c.pos;
    c.pos = at;
    if (given?.noun && CONTAINER_CLASSES.has(given.noun)) {
      const v = tokens[at]!;
      const into: Token = { kind: 'word', text: 'in', start: tokens[g0]!.start, end: tokens[g0]!.start };
      return [...tokens.slice(0, at), { ...v, text: 'put' }, ...tokens.slice(r0, r1), into, ...tokens.slice(g0, g1), ...tokens.slice(g1)];
    }
    return null;
  }
  if (!container || (verb === 'fill' && !c.accept('with', 'using'))) {
    c.pos = at;
    return null;
  }
  const g0 = c.pos;
  const given = parseNpList(c, { relations: false });
  const g1 = c.pos;
  c.pos = at;
  if (given.length === 0) return null;
  const v = tokens[at]!;
  const word = (text: string, t: Token): Token => ({ kind: 'word', text, start: t.start, end: t.start });
  // "each of the bowls", "all the bowls", "every bowl": "in each bowl" (one of what is given for each).
  const each = recipient.quantifier !== null && recipient.noun !== null;
  // "fill each bowl with the (two) blocks of its own colour", "give every bowl the balls that match it":
  // every such thing into the container of its colour ("put all the blocks in the matching bowls").
  const g = given[0]!;
  if (each && given.length === 1 && g.kind === 'object' && g.noun !== null && (g.matchColor || g.colorOf?.kind === 'pronoun')) {
    const things = [...NOUNS].find(([, e]) => e.cls === g.noun && e.plural)?.[0];
    const places = [...NOUNS].find(([, e]) => e.cls === recipient.noun && e.plural)?.[0];
    if (things && places) {
      const t0 = tokens[g0]!;
      return [
        ...tokens.slice(0, at),
        { ...v, text: 'put' },
        word('all', t0),
        word('the', t0),
        word(things, t0),
        word('in', t0),
        word('the', t0),
        word('matching', t0),
        word(places, t0),
        ...tokens.slice(g1),
      ];
    }
  }
  const singular = [...NOUNS].find(([, e]) => e.cls === recipient.noun && !e.plural)?.[0] ?? 'container';
  const place = each ? [word('each', tokens[r0]!), word(singular, tokens[r1 - 1]!)] : tokens.slice(r0, r1);
  return [...tokens.slice(0, at), { ...v, text: 'put' }, ...tokens.slice(g0, g1), word('in', tokens[r0]!), ...place, ...tokens.slice(g1)];
}

/**
 * "empty the bowl" → "put everything in the bowl on the table"; "empty the tray into the
 * bowl" → "put everything in the tray into the bowl". Null when no container follows.
 */
function emptyContainer(c: Cursor, tokens: Token[]): Token[] | null {
  const at = c.pos;
  c.pos++;
  c.accept('out');
  const r0 = c.pos;
  const container = parseSimpleNp(c, { relations: false });
  let r1 = c.pos;
  // "empty the tray and the bowl": both.
  let second: [number, number] | null = null;
  if (c.word() === 'and') {
    c.pos++;
    const s0 = c.pos;
    const other = parseSimpleNp(c, { relations: false });
    if (other?.noun && CONTAINER_CLASSES.has(other.noun)) second = [s0, c.pos];
    else c.pos = r1;
  }
  const r2 = c.pos;
  c.accept('out');
  const rest = c.pos;
  c.pos = at;
  if (container === null || container.noun === null || !CONTAINER_CLASSES.has(container.noun)) return null;
  const v = tokens[at]!;
  const word = (text: string): Token => ({ kind: 'word', text, start: v.start, end: v.start });
  let placed = false;
  const probe = new Cursor(tokens, c.source);
  probe.pos = rest;
  while (probe.peek()?.kind === 'punct') probe.pos++;
  try {
    placed = !probe.done() && parseLocation(probe, 'put') !== null;
  } catch {
    placed = false;
  }
  const end = tokens[r2 - 1]!;
  const onTable: Token[] = placed ? [] : ['on', 'the', 'table'].map((w) => ({ kind: 'word', text: w, start: end.end, end: end.end }));
  const everythingIn = (from: number, to: number): Token[] => [
    word('everything'),
    word('that'),
    word('is'),
    word('in'),
    ...tokens.slice(from, to),
  ];
  if (second) r1 = r2;
  return [
    ...tokens.slice(0, at),
    { ...v, text: 'put' },
    ...everythingIn(r0, second ? second[0] - 1 : r1),
    ...(second ? [word('and'), ...everythingIn(second[0], second[1])] : []),
    ...onTable,
    ...tokens.slice(rest),
  ];
}

/** "red at the bottom", "the blue block on the left end (of the line)": an object and the end of a line it goes at (consumed). */
function lineEnd(c: Cursor): { np: NounPhrase; side: ImageSide | 'first' | 'last' | 'middle' } | null {
  const start = c.pos;
  const np = parseSimpleNp(c, { relations: false });
  // "blue first", "the red block last": the start / end of the line.
  if (np && np.kind === 'object' && !np.plural && (c.word() === 'first' || c.word() === 'last')) {
    const next = c.word(1);
    if (next === undefined || next === 'and' || c.peek(1)?.kind === 'punct')
      return { np, side: c.tokens[c.pos++]!.text as 'first' | 'last' };
  }
  // "… with the orange one in the middle": the middle of the line (not "in the middle of the table").
  if (np && np.kind === 'object' && !np.plural && c.seq(['in', 'at'], 'the', ['middle', 'centre', 'center'])) {
    if (c.word() !== 'of') return { np, side: 'middle' };
    c.pos = start;
    return null;
  }
  if (np && np.kind === 'object' && !np.plural && c.seq(['at', 'on', 'to'], 'the?')) {
    const w = c.word();
    const side = w === undefined ? undefined : SIDE_ADJECTIVES[w];
    if (side !== undefined) {
      c.pos++;
      c.accept('end');
      c.seq(['of', 'in'], 'the', ['line', 'row', 'column']);
      if (!['of', 'side', 'corner', 'edge', 'half'].includes(c.word() ?? '') && SIDE_ADJECTIVES[c.word() ?? ''] === undefined) {
        return { np, side };
      }
    }
  }
  c.pos = start;
  return null;
}

/** "so that no bowl is left empty", "so (that) every / each bowl gets / has one": a container each at least (consumed). */
function coverPhrase(c: Cursor): Location | null {
  const start = c.pos;
  // "…, neither one left empty", "…, no bowl empty": said after a comma with no "so".
  const bare = c.tokens[c.pos - 1]?.text === ',' && ['neither', 'no', 'none'].includes(c.word() ?? '');
  if (!(bare || c.accept('so') || c.seq('such', 'that') || c.seq(['making', 'make'], 'sure'))) return null;
  c.accept('that');
  // "so no bowl is left empty", "so neither bowl is empty", "so that none of the bowls stays empty".
  const none = c.accept('no', 'none', 'neither') !== null;
  if (!none) c.accept('every', 'each', 'all', 'both');
  c.seq('of', 'the', 'two?');
  // "neither one left empty": one of the containers just named.
  const place = none && c.accept('one') ? { which: 'container' as const, noun: undefined, plural: false } : distinctPlace(c);
  if (place?.which === 'container') {
    const done = none
      ? c.seq(['is?', 'are?', 'stays?', 'remains?', 'gets?', 'ends?'], ['left?', 'still?', 'up?'], 'empty')
      : c.seq(
          ['has', 'have', 'gets', 'get', 'holds', 'hold', 'contains', 'receives', 'ends'],
          'up?',
          'with?',
          'at?',
          ['least?', 'exactly?'],
          ['one', 'a', 'an', 'something', 'some'],
        );
    if (done) {
      if (!none) parseSimpleNp(c, { relations: false });
      return { kind: 'distinct', which: 'container', noun: place.noun, cover: true };
    }
  }
  c.pos = start;
  return null;
}

/** "so (that) it is", "so they end up", "such that it sits": skipped when a place follows. */
function soThatAhead(c: Cursor): boolean {
  const start = c.pos;
  if (!(c.accept('so') || c.seq('such', 'that'))) return false;
  c.accept('that');
  if (c.accept('it', 'they', 'both', 'each', 'all') !== null) {
    c.accept('one', 'of');
    c.accept('them');
    c.accept(
      'is',
      'are',
      'sits',
      'sit',
      'stands',
      'stand',
      'lies',
      'lie',
      'rests',
      'rest',
      'ends',
      'end',
      'gets',
      'get',
      'goes',
      'go',
      'will',
      'would',
    );
    c.accept('up', 'be', 'sitting', 'standing', 'lying', 'resting');
    // "… in the bowl so it's inside", "so that it stays there": nothing more than the place said.
    const probe = c.pos;
    if (c.seq(['inside', 'there', 'in', 'within', 'on', 'secure', 'securely']) && (c.done() || c.peek()!.kind === 'punct')) return true;
    c.pos = probe;
    try {
      if (parseLocation(c, 'put') !== null) {
        c.pos = probe;
        return true;
      }
    } catch {
      // not a place
    }
  }
  c.pos = start;
  return false;
}

/**
 * A clause that keeps objects where they are: "don't move X" (at the verb after the
 * negation: any verb, its objects, the rest not read) or, with `tail`, "leave / keep X where
 * it is / alone / in place / untouched / as it is" (null when no such tail ends the clause).
 */
function keepClause(c: Cursor, clauseText: string): Clause;
function keepClause(c: Cursor, clauseText: string, tail: true): Clause | null;
function keepClause(c: Cursor, clauseText: string, tail?: true): Clause | null {
  const start = c.pos;
  const verbTok = c.peek();
  if (!isWordTok(verbTok) || !(VERBS.has(verbTok.text) || ['touch', 'disturb', 'bother'].includes(verbTok.text))) {
    if (tail) return null;
    throw new ParseError(
      `could not read "${clauseText}" at '${c.text(c.pos, c.pos + 1)}': not to do what? try "don't move X", "leave X where it is"`,
    );
  }
  c.pos++;
  while (c.word() !== undefined && PARTICLES.has(c.word()!)) c.pos++;
  const objects = parseNpList(c, { relations: false });
  if (objects.length === 0) {
    c.pos = start;
    if (tail) return null;
    throw new ParseError(`could not read "${clauseText}" at '${c.text(start)}': not to move what? try "don't move the red block"`);
  }
  if (tail) {
    const rest = c.pos;
    const stays =
      c.seq('where', ['it', 'they', 'he', 'she'], ['is', 'are', 'was', 'were', 'stands', 'sits', 'lies', 'stand', 'sit', 'lie']) ||
      c.seq('as', ['it', 'they'], ['is', 'are', 'was', 'were']) ||
      c.seq('as', 'is') ||
      c.seq('in', ['its', 'their'], ['place', 'spot', 'position']) ||
      c.seq('in', 'place') ||
      c.seq('where', 'it', 'belongs') ||
      c.seq(['be', 'alone', 'untouched', 'unmoved', 'put']) ||
      // "leave the white block out", "keep the ball out of it": not one of those that move.
      c.seq('out', 'of?', ['it', 'this', 'that']) ||
      c.seq('out') ||
      // "… and leave it there": of what was just moved, it stays ("keep it there" after lifting is holding it).
      (verbTok.text === 'leave' && objects.every((np) => np.kind === 'pronoun') && c.accept('there') !== null) ||
      // "…, and leave the rest", "leave the ball": nothing said of where, so it stays.
      (verbTok.text === 'leave' && objects.every((np) => np.kind !== 'pronoun') && (c.done() || c.peek()!.kind === 'punct'));
    // "leave the orange bowl empty": it stays, and nothing goes into it.
    const empty = !stays && c.accept('empty') !== null;
    const end = c.done() || c.peek()!.kind === 'punct' || POLITENESS.has(c.word() ?? '');
    if (empty && end) {
      c.pos = c.tokens.length;
      return { ...statement(clauseText, verbTok.text, objects), verb: 'keep', empty: true };
    }
    if (!stays || !end) {
      c.pos = rest;
      c.pos = start;
      return null;
    }
  }
  c.pos = c.tokens.length;
  return { ...statement(clauseText, verbTok.text, objects), verb: 'keep' };
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

export interface ParseOptions {
  /** The scene's own words (colours, shape nouns, ids' words): a word it does not know one edit from one of them is read as it. */
  vocabulary?: readonly string[];
  /** The scene's object ids ("the long red one" where an id says "long"). */
  ids?: readonly string[];
  /** The scene marks no zone and has a tray: "the green mat" is a tray. */
  matsAreTrays?: boolean;
  /** Where to record what was read differently from how it was written ("read 'yelow' as 'yellow'"). */
  notes?: string[];
  /** The text is already a listed order's reading (listed-order.ts): not read as one again. */
  listed?: boolean;
  /** A sentence of several that nothing reads, and that names nothing and asks for nothing it knows, is left out (noted). */
  asides?: boolean;
}

/** Parse an instruction into clauses. Throws ParseError naming the phrase it could not read. */
export function parseInstruction(text: string, opts: ParseOptions = {}): Clause[] {
  // "X? no, it'd roll off. Put it in Y instead.": the request withdrawn with its reason (self-corrections.ts).
  const withdrawn = withdrawnWithReason(tokenize(text), (ts) => spanText(text, ts));
  const normalized = normalizeTokens(withdrawn?.tokens ?? tokenize(text), {
    vocabulary: opts.vocabulary,
    known: (w) => knownWords().includes(w),
    words: knownWords,
    ids: opts.ids,
    matsAreTrays: opts.matsAreTrays,
  });
  if (withdrawn) normalized.notes.unshift(withdrawn.note);
  // "the block above the blue bowl - no wait, the one below it - …": what the speaker ended with (self-corrections.ts).
  const corrected = selfCorrections(normalized.tokens, (ts) => spanText(text, ts));
  normalized.notes.push(...corrected.notes);
  const tokens = corrected.tokens;
  if (tokens.length === 0)
    throw new ParseError(
      text.trim() === ''
        ? 'could not read the instruction: it is empty'
        : `could not read "${text.trim()}": it asks for nothing; try ${VERB_FORMS}`,
    );
  // An arrangement said as a list of colours in order (listed-order.ts): read in the grammar's own form.
  const listed = (strict: boolean): Clause[] | null => {
    const l = opts.listed ? null : listedOrder(tokens, { strict });
    if (!l) return null;
    const notes: string[] = [];
    try {
      const clauses = parseInstruction(l.text, { ...opts, notes, listed: true });
      opts.notes?.push(...normalized.notes, l.note, ...notes);
      return clauses;
    } catch (e) {
      if (e instanceof ParseError) return null;
      throw e;
    }
  };
  const first = listed(true);
  if (first) return first;
  try {
    const notes: string[] = [];
    const clauses = parseClauses(text, tokens, { ...opts, notes });
    opts.notes?.push(...normalized.notes, ...notes);
    return clauses;
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    const late = listed(false);
    if (late) return late;
    // A compass word defined otherwise than the picture's sides: say why it was not read.
    const conflict = compassConflict(tokenize(text), text);
    if (conflict && !opts.listed)
      throw new ParseError(
        `${e.message}; compass words are read as the picture's sides (north = top, east = right), and '${conflict}' says otherwise: say the side instead`,
        e.stop,
      );
    throw e;
  }
}

function parseClauses(text: string, tokens: Token[], opts: ParseOptions): Clause[] {
  // "Thank you!", "thanks a lot", "if you can": politeness alone asks for nothing; nor does "any order", "doesn't matter which".
  const clauses = splitClauses(tokens)
    .filter((t) => !saysNoMatter(t))
    .filter((t) => {
      if (!comment(t)) return true;
      opts.notes?.push(`left out '${spanText(text, t).replace(/[.!?]+$/, '')}', which comments and asks for nothing`);
      return false;
    })
    .filter((t) => !t.every((x) => x.kind === 'punct' || POLITENESS.has(x.text) || (LEADING_FILLER.has(x.text) && !VERBS.has(x.text))));
  if (clauses.length === 0) throw new ParseError(`could not read "${text.trim()}": it asks for nothing; try ${VERB_FORMS}`);
  const ordered = inTimeOrder(clauses);
  const out: Clause[] = [];
  const skipped: { text: string; error: ParseError }[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const { tokens: written, before } = ordered[i]!;
    // "… wants to visit the purple bowl. Take it there.": said again of what the clause before put there.
    const words = written.filter((t) => t.kind === 'word').map((t) => t.text);
    const prev = out.at(-1);
    if (
      prev?.verb === 'put' &&
      prev.locations.length > 0 &&
      words.length === 3 &&
      ['put', 'take', 'bring', 'move', 'carry'].includes(words[0]!) &&
      ['it', 'them'].includes(words[1]!) &&
      words[2] === 'there'
    ) {
      opts.notes?.push(`read '${spanText(text, written).replace(/[.!?]+$/, '')}' as saying again where the clause before puts it`);
      continue;
    }
    const t = out.at(-1)?.verb === 'put' ? onTopOfIt(written) : written;
    const placed = placesIt(ordered[i + 1]?.tokens);
    const topic = refersBack(ordered[i + 1]?.tokens);
    let read: Clause;
    try {
      read = parseClause(t, text, placed, topic);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      // What the grammar does not cover: a few edits a person would make (recover.ts), noted; else the error as written.
      const recovered =
        recoverClause(t, e, text, (u) => parseClause(u, text, placed, topic), isParseError, topic) ??
        placeThenThere(t, ordered[i + 1]?.tokens, e, text) ??
        thingThenPlace(t, ordered[i + 1]?.tokens, e, text) ??
        thereBefore(
          t,
          ordered.slice(0, i).flatMap((o) => o.tokens),
          e,
          text,
          (u) => parseClause(u, text, placed, topic),
        );
      if (!recovered) {
        const asTopic = (u: Token[]): Clause => parseClause(u, text, placed, true);
        const same = sameAgain(t, out.at(-1), asTopic);
        if (same) {
          opts.notes?.push(
            `read '${spanText(text, t).replace(/[.!?]+$/, '')}' as doing the same with ${same.objects.map((o) => `'${o.text}'`).join(', ')}`,
          );
          out.push(same);
          continue;
        }
        // "Put X to the left of Y. A long way out, not just beside it.": how far, said again after.
        if (gapAgain(t, out.at(-1), text)) {
          opts.notes?.push(`read '${spanText(text, t).replace(/[.!?]+$/, '')}' as how far the clause before puts it`);
          continue;
        }
        const remark = remarkOf(t, e, ordered.length, asTopic);
        if (remark) {
          out.push(remark);
          continue;
        }
        // A sentence of several that names nothing and asks for nothing it knows ("Hey, so, you see,
        // I'm in a hurry."): said by the way, left out (noted) when the others ask for something.
        if (opts.asides && ordered.length > 1 && (namesNothing(t) || headingOnly(t, i, ordered.length))) {
          skipped.push({ text: spanText(text, t).replace(/[.!?:]+$/, ''), error: e });
          continue;
        }
        throw verblessError(t, e, text) ?? e;
      }
      opts.notes?.push(...recovered.notes);
      read = recovered.clause;
      if ('both' in recovered) i++;
    }
    let clause = perObject(tableThenPlace(read));
    // "biggest to smallest, left to right. The blocks, I mean.": an order with nothing named takes what the next sentence names alone.
    if (clause.verb === 'put' && clause.objects.length === 0 && (clause.bySize !== null || clause.order !== null)) {
      const named = namedAlone(ordered[i + 1]?.tokens, text);
      if (named) {
        clause = { ...clause, objects: named };
        opts.notes?.push(
          `read '${spanText(text, ordered[i + 1]!.tokens).replace(/[.!?]+$/, '')}' as naming what the sentence before orders`,
        );
        i++;
      } else {
        // Said of nothing: every thing on the table that is not a container (noted).
        const every: NounPhrase = { ...emptyNp('everything', 'object'), noun: 'thing', plural: true, quantifier: 'all' };
        clause = { ...clause, objects: [every] };
        opts.notes?.push(`'${clause.text}' names nothing to order: read as every object that is not a container`);
      }
    }
    // "before you move the blue block, …" says no place for it: it only names what the rest comes before.
    if (before && clause.verb === 'put' && clause.locations.length === 0 && clause.direction === null)
      out.push({ ...clause, verb: 'state' as const });
    else out.push(clause);
  }
  if (skipped.length > 0) {
    if (!out.some((c) => c.verb !== 'state')) throw skipped[0]!.error;
    for (const s of skipped) opts.notes?.push(`left out '${s.text}', which names no object or place and asks for nothing it knows`);
  }
  return out;
}

/**
 * A clause with no verb that says where ("every block - not the ball, but the cans - into the
 * bowl") is read as a put; when that reading stops further in, its error names the phrase it
 * could not read, rather than "no known verb". Null when it stops no further in.
 */
function verblessError(tokens: Token[], error: ParseError, source: string): ParseError | null {
  const at = error.stop?.noVerb ? error.stop.at : -1;
  if (at < 0 || !tokens.slice(at).some((t) => t.kind === 'word' && ['into', 'onto', 'in', 'on', 'to', 'inside'].includes(t.text)))
    return null;
  const put: Token = { kind: 'word', text: 'put', start: tokens[at]!.start, end: tokens[at]!.start };
  try {
    parseClause([...tokens.slice(0, at), put, ...tokens.slice(at)], source);
    return null;
  } catch (e) {
    if (!(e instanceof ParseError) || !e.stop || e.stop.noVerb || e.stop.at <= at + 1) return null;
    return new ParseError(e.message.replace(/^could not read "put /, 'could not read "'), { ...e.stop, at: e.stop.at - 1 });
  }
}

/** A sentence that only names things ("The blocks, I mean."): its phrases, else null. */
function namedAlone(tokens: Token[] | undefined, source: string): NounPhrase[] | null {
  if (!tokens) return null;
  const c = new Cursor(tokens, source);
  const list = parseNpList(c);
  c.accept(',');
  c.seq('i', 'mean');
  c.seq('that', 'is');
  c.accept('please');
  while (c.peek()?.kind === 'punct') c.pos++;
  return list.length > 0 && c.done() && list.every((np) => np.kind === 'object') ? list : null;
}

/** A sentence that only says how far ("A long way out, not just beside it."), given to the last relation of the clause before when it says none. */
function gapAgain(tokens: Token[], before: Clause | undefined, source: string): boolean {
  const rel = before?.locations.at(-1);
  if (rel?.kind !== 'relation') return false;
  let k = 0;
  while (
    k < tokens.length &&
    (tokens[k]!.kind === 'punct' || ['like', 'so', 'and', 'but', 'oh', 'i', 'mean', 'ok', 'okay'].includes(tokens[k]!.text))
  )
    k++;
  const c = new Cursor(tokens.slice(k), source);
  const gap = gapPhrase(c);
  if (!gap) return false;
  // A gap already said stands only when this one says it again or narrows it ("way over to the right of X.
  // A good long way.", "just right of X. Like 3 or 4 cm of space between them.").
  if (rel.gap && !sameOrNarrower(rel.gap, gap))
    throw new ParseError(
      `could not read "${spanText(source, tokens).replace(/[.!?]+$/, '')}": it says another distance than '${rel.gap.text}' said before; say one`,
    );
  rel.gap = gap;
  return true;
}

/** Whether a clause names no object, place, number or side, says no "not"/"only", and has no verb of its own. */
function namesNothing(tokens: Token[]): boolean {
  return tokens.every((t) => t.kind === 'punct' || (!isContent(t) && !VERBS.has(t.text) && !NEGATIONS.has(t.text)));
}

/**
 * A heading before a colon that names no thing, colour, number or place, with more after it
 * ("Tidy-up time:", "Recipe for a neat table:", "Colour-match time:"): it may hold a verb used as a
 * noun ("match"), and "table", but nothing that picks a thing or says where.
 */
function headingOnly(tokens: Token[], i: number, count: number): boolean {
  const last = tokens.at(-1);
  if (i === count - 1 || last?.kind !== 'punct' || last.text !== ':') return false;
  const words = tokens.filter((t) => t.kind === 'word');
  return (
    words.length > 0 &&
    words.every(
      (t) =>
        t.text === 'table' ||
        (!isContent(t) &&
          !NEGATIONS.has(t.text) &&
          !['it', 'them', 'they', 'these', 'those', 'this', 'that', 'one', 'ones', 'there', 'here'].includes(t.text) &&
          !TOWER_WORDS.has(t.text.replace(/s$/, ''))),
    )
  );
}

/** Words that make a sentence say what must not happen, even with no thing named ("Don't.", "never there"). */
const NEGATIONS: ReadonlySet<string> = new Set(['not', 'no', "don't", 'dont', 'never', 'only', 'except', 'but', 'unless', 'instead']);

/**
 * "just to the right of the brown bowl, put the white block there", "in the top left corner:
 * the red block goes there", "which corner is the cyan bowl closest to? move the yellow block
 * there": a clause that only names a place (or asks which one), then a clause that puts
 * something "there" — the place goes where "there" is (noted). Null unless both read that way.
 */
/**
 * "… . The red one too.", "also the ball", "same for the green block", "do the same with the
 * yellow one": the clause before, done again with what this names instead. Null when it says
 * none of these, or there is no clause before that acts.
 */
function sameAgain(tokens: Token[], before: Clause | undefined, asTopic: (t: Token[]) => Clause): Clause | null {
  if (!before || ['state', 'keep', 'swap'].includes(before.verb) || before.locations.length === 0) return null;
  const words = tokens.filter((t) => t.kind === 'word' || t.text === ',');
  const w = (i: number): string | undefined => words[i]?.text;
  let from = 0;
  let to = words.length;
  while (to > from && (w(to - 1) === ',' || w(to - 1) === 'please')) to--;
  let said = false;
  if (w(to - 1) === 'too' || w(to - 1) === 'also') {
    to--;
    said = true;
  } else if (w(to - 2) === 'as' && w(to - 1) === 'well') {
    to -= 2;
    said = true;
  }
  while (from < to && ['and', 'now', 'then', 'please', 'ok', 'okay'].includes(w(from) ?? '')) from++;
  if (w(from) === 'also') {
    from++;
    said = true;
  }
  if (w(from) === 'do') from++;
  if (w(from) === 'the' && w(from + 1) === 'same') from++;
  if (w(from) === 'same') {
    from++;
    if (w(from) === 'goes' || w(from) === 'thing') from++;
    if (!['for', 'with', 'to'].includes(w(from) ?? '')) return null;
    from++;
    said = true;
  }
  while (to > from && words[to - 1]!.text === ',') to--;
  if (!said || from >= to) return null;
  try {
    const clause = asTopic(words.slice(from, to));
    if (clause.verb !== 'state' || clause.objects.length === 0 || clause.objects.some((np) => np.kind === 'pronoun')) return null;
    // "put the green can in the green bowl, then do the same with the blue can and the blue bowl": the
    // thing and the container both said again.
    const last = clause.objects.at(-1)!;
    const into = before.locations.length === 1 && before.locations[0]!.kind === 'in' ? before.locations[0]! : null;
    if (
      into?.kind === 'in' &&
      before.objects.length === 1 &&
      clause.objects.length === 2 &&
      last.noun !== null &&
      CONTAINER_CLASSES.has(last.noun)
    )
      return {
        ...before,
        text: clause.text,
        objects: [clause.objects[0]!],
        locations: [{ ...into, np: last }],
        locAt: before.locAt.map(() => 1),
      };
    // "stack the small red block on the big red one, then do the same with the blue ones": the
    // colour both named said again, the sizes kept.
    const thing = before.objects.length === 1 ? before.objects[0]! : null;
    const onto = before.locations.length === 1 ? before.locations[0]! : null;
    if (
      thing?.kind === 'object' &&
      (onto?.kind === 'on' || onto?.kind === 'in') &&
      onto.np.kind === 'object' &&
      thing.colors.length === 1 &&
      onto.np.colors.length === 1 &&
      thing.colors[0] === onto.np.colors[0] &&
      clause.objects.length === 1 &&
      last.kind === 'object' &&
      last.colors.length === 1 &&
      last.plural &&
      last.size === null
    ) {
      const recolour = (np: NounPhrase): NounPhrase => ({
        ...np,
        colors: [...last.colors],
        text: np.text.replace(thing.colors[0]!, last.colors[0]!),
      });
      return { ...before, text: clause.text, objects: [recolour(thing)], locations: [{ ...onto, np: recolour(onto.np) }] };
    }
    return { ...before, text: clause.text, objects: clause.objects, locAt: before.locAt.map(() => clause.objects.length) };
  } catch (e) {
    if (e instanceof ParseError) return null;
    throw e;
  }
}

/** Subjects of a sentence said of the job or the scene as a whole ("it's too crowded", "this one's fiddly"). */
const DUMMY_SUBJECTS: ReadonlySet<string> = new Set(['it', 'everything', 'things', 'this']);

/**
 * A sentence that comments and asks for nothing: "That's it, that's the job.", "It's too crowded
 * in the middle.", "Everything's bunched up on the right.", "this one's a bit fiddly, so bear
 * with me", "Night night, ball.", "Good luck, agent.", "3... 2... 1...", "The ball and the can
 * don't matter." — said of the job or the scene as a whole, naming no colour, thing, number or
 * verb of its own. (Never "that's the red one", "it's in the bowl".)
 */
function comment(all: Token[]): boolean {
  const said = all
    .filter((t) => t.kind === 'word')
    .map((t) => t.text)
    .join(' ');
  if (/^(that is|thats) (it|all|everything|the (job|lot|task|whole (job|thing)))( that is (it|all|the job))?$/.test(said)) return true;
  // "The middle of the table is too crowded.", "The right side's a bit of a mess.": said of a part of the table.
  // (Not "… is empty": that names a place the next sentence puts something "there".)
  if (
    /^(the|that) (middle|centre|center|left|right|top|bottom|table|corner|area|space)( (side|half|bit|part|end|corner|area|hand side))?( of the table)?( (is|looks|seems|feels|gets))?( getting)?( (too|very|a bit|a little|really|pretty|quite|so|rather|way too|a tad))* (crowded|busy|full|cluttered|messy|a mess|of a mess|tight|packed|cramped|jammed|bunched( up)?)$/.test(
      said,
    )
  )
    return true;
  // "Count from the left: one, two, three. That's the one.": said of the thing just named.
  if (/^(that is|thats|that's) (the one|him|her|your (one|guy|target|man))$/.test(said)) return true;
  if (/^(job done|all done|night night|nighty night|sleep tight|good luck)\b/.test(said)) return true;
  // Sign-offs of a recipe or a ticket: "Season to taste.", "Serves one.", "Ticket can be closed once done.", "The end.", "QED."
  if (
    /^(season to taste|serves (one|two|\d+)|the end|qed|ticket can be closed( once (done|it is done))?|close the ticket( once done)?)$/.test(
      said,
    )
  )
    return true;
  // "Can, ball, block, whatever it turns out to be.": any kind will do.
  if (/^(\w+ )?(\w+ ){0,3}whatever it (turns out to be|is|happens to be)$/.test(said) && !/\b(put|move|place)\b/.test(said)) return true;
  // "Nothing in the middle, just a ring of blocks.", "No bowl in the middle, just the five balls.": a ring with its middle left empty, as a ring is.
  if (
    /^(nothing|no \w+) (in|at) the (middle|centre|center)( of (it|the (ring|circle)))?( just (a (ring|circle) of (the )?\w+|the( \w+)? \w+))?$/.test(
      said,
    )
  )
    return true;
  // Sign-offs and call signs: "Make it so.", "Over.", "Over and out.", "Roger that.", "Robot, this is base.".
  if (/^(make it so|engage|over|over and out|out|roger|roger that|copy|copy that|10 4|ten four)$/.test(said)) return true;
  if (
    /^(robot )?this is (base|control|mission control|ground control|command|hq|headquarters|your (captain|operator|boss|controller))$/.test(
      said,
    )
  )
    return true;
  // "3... 2... 1...": a countdown; "The ball and the can don't matter.": where they end up is free.
  if (all.every((t) => t.kind === 'punct' || t.kind === 'number')) return all.some((t) => t.kind === 'number');
  if (/ (don't|doesn't|do not|does not) matter$/.test(said) && !/\b(which|where|how|what)\b/.test(said)) return true;
  // ("Okay, this one's a bit fiddly": after a word that only leads in.)
  let lead = 0;
  while (
    lead < all.length &&
    (all[lead]!.kind === 'punct' || LEADING_FILLER.has(all[lead]!.text) || POLITENESS.has(all[lead]!.text)) &&
    !DUMMY_SUBJECTS.has(all[lead]!.text)
  )
    lead++;
  const tokens = all.slice(lead);
  const s = tokens
    .filter((t) => t.kind === 'word')
    .map((t) => t.text)
    .join(' ');
  const subject = /^(it is|everything is|everything|things are|this one is|this one|this is|this bit is|this bit) /.exec(s);
  if (!subject) return false;
  const words = subject[1]!.split(' ').length;
  let k = 0;
  for (let n = 0; n < words; k++) if (tokens[k]!.kind === 'word') n++;
  return tokens
    .slice(k)
    .every(
      (t) =>
        t.kind === 'punct' ||
        (t.kind === 'word' &&
          !isColor(t.text) &&
          !(NOUNS.has(t.text) && NOUNS.get(t.text)!.cls !== 'zone') &&
          !VERBS.has(t.text) &&
          (NUMBER_WORDS[t.text] === undefined || t.text === 'a' || t.text === 'an') &&
          !['into', 'onto', 'inside', 'where', 'there', 'here', 'one', 'ones'].includes(t.text)),
    );
}

/** "Any order.", "Doesn't matter which blocks.", "anywhere is fine", "I'm not fussy": leave the choice to the reader. */
function saysNoMatter(tokens: Token[]): boolean {
  const w = tokens.filter((t) => t.kind === 'word').map((t) => t.text);
  const s = w.join(' ');
  return (
    /^(in )?(any|whatever) order( is fine| is ok)?$/.test(s) ||
    // "…, order doesn't matter", "the order is up to you".
    /^(the )?order (doesn't|does not|doesnt|don't|dont) matter$/.test(s) ||
    /^(the )?order is up to you$/.test(s) ||
    /^(it )?(doesn't|does not|doesnt) matter( which| where| how| what)?\b/.test(s) ||
    /^(no matter )?(anywhere|wherever)( is| there is| here is)? (fine|ok|okay|good)\b/.test(s) ||
    // "Anywhere along the top is fine.", "anywhere in that corner will do": the place said before, any spot in it.
    /^(anywhere|wherever|any ?where|any spot|any place)\b.*\b((is|'s) (fine|ok|okay|good|great|perfect|alright)|will do|works)$/.test(s) ||
    /^i'?m not fussy\b/.test(s) ||
    /^(i )?(don't|do not|dont) care (which|where|what|how)\b/.test(s) ||
    // "not around anything, just a circle", "same colour, makes sense": said by the way.
    /^not around anything\b/.test(s) ||
    /^(same colou?r|(that )?makes sense)\b/.test(s) ||
    /^if (you )?(don't|dont|do not) mind$/.test(s)
  );
}

/**
 * "put the red block on the tray, then the yellow one on top": a clause after a put that ends
 * "on top" means on top of what was just put down ("on top of it"), not the top of the table.
 */
function onTopOfIt(tokens: Token[]): Token[] {
  let n = tokens.length;
  while (n > 0 && (tokens[n - 1]!.kind === 'punct' || ['please', 'pls', 'thanks'].includes(tokens[n - 1]!.text))) n--;
  if (n < 3 || tokens[n - 2]!.text !== 'on' || tokens[n - 1]!.text !== 'top') return tokens;
  // "make a tower of them, smallest on top": where in the tower, not on what.
  if (tokens.some((t) => ['tower', 'stack', 'pile', 'underneath', 'bottom', 'middle'].includes(t.text))) return tokens;
  const at = tokens[n - 1]!;
  const word = (text: string): Token => ({ kind: 'word', text, start: at.end, end: at.end });
  return [...tokens.slice(0, n), word('of'), word('it'), ...tokens.slice(n)];
}

/** Words that make a phrase alone ask for something after all ("the blue one too", "also the ball"). */
const MORE_WORDS: ReadonlySet<string> = new Set(['too', 'also', 'as', 'again', 'next', 'then', 'and', 'plus', 'aswell']);

/**
 * A sentence of an instruction of several that names things and nothing else ("There are two
 * bowls.", "put the pink block in the white bowl. the pink one."): a remark, read as naming
 * them (intents.ts checks a remark after a deed names what was named). Null when it is the only
 * sentence, asks for more ("the blue one too") or is no phrase alone.
 */
function remarkOf(tokens: Token[], error: ParseError, clauses: number, asTopic: (t: Token[]) => Clause): Clause | null {
  if (clauses < 2 || !error.stop?.noVerb) return null;
  // "The red one, not the blue one.": what it is not only says so again.
  const not = tokens.findIndex((t, i) => t.text === 'not' && tokens[i - 1]?.text === ',');
  let named = not > 0 ? tokens.slice(0, not - 1) : tokens;
  // "Two balls here, a big one and a small one.": the things, then how they differ (not checked).
  const comma = named.findIndex((t) => t.text === ',');
  const apposition = named.slice(comma + 1);
  if (
    comma > 1 &&
    apposition.some((t) => t.text === 'one') &&
    apposition.every(
      (t) => t.kind === 'punct' || ['a', 'an', 'the', 'one', 'and', 'or'].includes(t.text) || isColor(t.text) || t.text in SIZE_WORDS,
    )
  )
    named = named.slice(0, comma);
  if (named.some((t) => t.kind === 'word' && (MORE_WORDS.has(t.text) || t.text === 'not' || t.text === 'but'))) return null;
  // "the tray looks empty", "the red block is in the wrong place": what is said of it is a remark too.
  const says = named.findIndex((t, i) => i > 0 && ['is', 'are', 'looks', 'look', 'seems', 'seem', 'was', 'feels'].includes(t.text));
  const rest = says > 0 ? named.slice(says + 1) : [];
  const placed = rest.some(
    (t, i) =>
      ['in', 'on', 'into', 'onto', 'inside', 'next', 'beside', 'near'].includes(t.text) &&
      NOUNS.has(rest[i + 2]?.text ?? rest[i + 1]?.text ?? ''),
  );
  // "There are three blocks along the bottom.": the things, then where they are (not checked).
  if (named[0]?.text === 'there' && ['is', 'are', "'s"].includes(named[1]?.text ?? '')) named = named.slice(2);
  const where = named.findIndex(
    (t, i) => i > 1 && ['along', 'in', 'on', 'at', 'near', 'by', 'around', 'round', 'across', 'beside'].includes(t.text),
  );
  // ("whichever block is farthest to the left …": what follows "is" says which one; never left out.)
  const defines = ['whichever', 'whatever', 'which'].includes(named[0]?.text ?? '');
  const tries = says > 0 && !placed && !defines ? [named, named.slice(0, says)] : [named];
  if (where > 0 && says < 0) tries.push(named.slice(0, where));
  // ("… here", "… over there": where they are, said of the speaker's view.)
  const bare = (ws: Token[]): Token[] => {
    let e = ws.length;
    while (
      e > 1 &&
      (ws[e - 1]!.kind === 'punct' || ['here', 'there'].includes(ws[e - 1]!.text) || (ws[e - 1]!.text === 'over' && e === ws.length - 1))
    )
      e--;
    return ws.slice(0, e);
  };
  for (const words of tries.flatMap((ws) => (bare(ws).length < ws.length ? [ws, bare(ws)] : [ws]))) {
    try {
      const clause = asTopic(words);
      if (clause.verb === 'state' && clause.objects.length > 0) return { ...clause, remark: true };
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
    }
  }
  return null;
}

function placeThenThere(
  place: Token[],
  next: Token[] | undefined,
  error: ParseError,
  source: string,
): { clause: Clause; notes: string[]; both: true } | null {
  if (!next || !error.stop?.noVerb) return null;
  const there = next.findIndex((t, i) => t.kind === 'word' && t.text === 'there' && !['is', 'are', "'s"].includes(next[i + 1]?.text ?? ''));
  if (there < 0) return null;
  let words = place.filter((t, i) => !(t.kind === 'punct' && (i === place.length - 1 || t.text === '?')));
  words = askedPlace(words) ?? words;
  // "…, in the top left corner": a place said with its preposition keeps it; a bare place takes "to".
  const lead = words[0]?.text ?? '';
  const preposition = [
    'in',
    'into',
    'on',
    'onto',
    'to',
    'at',
    'next',
    'beside',
    'near',
    'just',
    'right',
    'a',
    'behind',
    'above',
    'below',
  ].includes(lead);
  const at = (text: string, t: Token): Token => ({ kind: 'word', text, start: t.start, end: t.start });
  const tokens = [...next.slice(0, there), ...(preposition ? [] : [at('to', next[there]!)]), ...words, ...next.slice(there + 1)];
  try {
    const clause = parseClause(tokens, source);
    if (clause.objects.length === 0 || clause.locations.length === 0) return null;
    return { clause, notes: [`'there' read as '${spanText(source, words)}', said before`], both: true };
  } catch (e) {
    if (e instanceof ParseError) return null;
    throw e;
  }
}

/**
 * "whichever block is closest to the yellow bowl - drop it in there": "there" after "in" /
 * "on" is the last container named before (noted). Null unless the clause then reads.
 */
function thereBefore(
  tokens: Token[],
  before: Token[],
  error: ParseError,
  source: string,
  parse: (tokens: Token[]) => Clause,
): { clause: Clause; notes: string[] } | null {
  const there = tokens.findIndex(
    (t, i) => t.kind === 'word' && t.text === 'there' && ['in', 'into', 'on', 'onto', 'inside'].includes(tokens[i - 1]?.text ?? ''),
  );
  if (there < 0 || (error.stop && error.stop.at > there)) return null;
  // "put the red block in the bowl and then the other two in there": named before in the clause too.
  before = [...before, ...tokens.slice(0, there - 1)];
  let head = -1;
  for (let i = before.length - 1; i >= 0 && head < 0; i--) {
    const cls = NOUNS.get(before[i]!.text)?.cls;
    if (before[i]!.kind === 'word' && (cls === 'bowl' || cls === 'tray' || cls === 'container') && !NOUNS.get(before[i]!.text)!.plural)
      head = i;
  }
  if (head < 0) return null;
  let from = head;
  while (from > 0 && before[from - 1]!.kind === 'word' && (isColor(before[from - 1]!.text) || before[from - 1]!.text in SIZE_WORDS)) from--;
  const words = before.slice(from, head + 1);
  const at = (text: string, t: Token): Token => ({ kind: 'word', text, start: t.start, end: t.start });
  try {
    const clause = parse([...tokens.slice(0, there), at('the', tokens[there]!), ...words, ...tokens.slice(there + 1)]);
    if (clause.locations.length === 0) return null;
    return { clause, notes: [`'there' read as 'the ${spanText(source, words)}', named before`] };
  } catch (e) {
    if (e instanceof ParseError) return null;
    throw e;
  }
}

/**
 * "which corner (of the table) is the cyan bowl closest to" → "the corner closest to the cyan
 * bowl"; "what side is the ball farthest from" → "the side farthest from the ball". Null when
 * the words are not such a question.
 */
function askedPlace(words: Token[]): Token[] | null {
  if (!['which', 'what'].includes(words[0]?.text ?? '')) return null;
  const be = words.findIndex((t) => t.text === 'is' || t.text === 'are');
  const rank = words.findIndex((t) => ['closest', 'nearest', 'farthest', 'furthest'].includes(t.text));
  if (be < 2 || rank < be + 2) return null;
  let head = words.slice(1, be);
  // "of the table": every corner is.
  const of = head.findIndex((t) => t.text === 'of');
  if (of > 0) head = head.slice(0, of);
  const subject = words.slice(be + 1, rank);
  const rankWord = words[rank]!;
  const toFrom = ['to', 'from'].includes(words[rank + 1]?.text ?? '') ? words[rank + 1]! : null;
  const at = (text: string, t: Token): Token => ({ kind: 'word', text, start: t.start, end: t.start });
  const near = ['closest', 'nearest'].includes(rankWord.text);
  return [at('the', words[0]!), ...head, rankWord, toFrom ?? at(near ? 'to' : 'from', rankWord), ...subject];
}

/**
 * "Red block. Brown tray.": a sentence that only names a thing, then one that only names a
 * place, is putting the thing there (noted). Null unless both read that way.
 */
function thingThenPlace(
  thing: Token[],
  place: Token[] | undefined,
  error: ParseError,
  source: string,
): { clause: Clause; notes: string[]; both: true } | null {
  if (!place || !error.stop?.noVerb) return null;
  const words = (ts: Token[]): Token[] => ts.filter((t) => t.kind !== 'punct');
  const a = words(thing);
  const b = words(place);
  if (a.length === 0 || b.length === 0 || [...a, ...b].some((t) => VERBS.has(t.text))) return null;
  // "Two red blocks. The one closer to the tray …", "Two blocks. The red one goes in …": one of
  // them, not where they go; a sentence that says where something goes is a clause of its own.
  const head = b.findIndex((t) => !(['the', 'that', 'this'].includes(t.text) || isColor(t.text) || t.text in SIZE_WORDS));
  if (['one', 'ones'].includes(b[head]?.text ?? '')) return null;
  if (b.some((t) => MOVE_WORDS.includes(t.text) || (MODALS.includes(t.text) && !['is', 'are'].includes(t.text)))) return null;
  const at = (text: string, t: Token): Token => ({ kind: 'word', text, start: t.start, end: t.start });
  // "The red ball? In the black bowl, please.": the place keeps its own preposition.
  const said = ['in', 'into', 'on', 'onto', 'to', 'inside', 'next', 'beside', 'behind', 'above', 'below'].includes(b[0]!.text);
  try {
    const clause = parseClause([at('put', a[0]!), ...a, ...(said ? [] : [at('in', b[0]!)]), ...b], source);
    // "Yellow block. Beside the black tray.": read as the thing beside the tray, it is where it goes.
    const obj = clause.objects[0];
    if (
      clause.locations.length === 0 &&
      clause.objects.length === 1 &&
      obj?.relation?.rel === 'closest' &&
      obj.relation.np &&
      ['beside', 'next'].includes(b[0]!.text)
    ) {
      const { relation, ...rest } = obj;
      const moved: Clause = {
        ...clause,
        objects: [{ ...rest, text: spanText(source, a) }],
        locations: [{ kind: 'relation', rel: 'next', np: relation.np! }],
        locAt: [1],
      };
      return {
        clause: moved,
        notes: [`'${spanText(source, a)}' then '${spanText(source, b)}': read as putting the one there`],
        both: true,
      };
    }
    if (clause.objects.length === 0 || clause.locations.length !== 1) return null;
    return { clause, notes: [`'${spanText(source, a)}' then '${spanText(source, b)}': read as putting the one in the other`], both: true };
  } catch (e) {
    if (e instanceof ParseError) return null;
    throw e;
  }
}

/** The words a clause starts with, past punctuation and "and" / "but". */
function leadWord(tokens: readonly Token[]): string | undefined {
  return tokens.find((t) => !(t.kind === 'punct' || (t.kind === 'word' && ['and', 'but', 'so', 'please'].includes(t.text))))?.text;
}

/**
 * Clauses in the order they are to be done: "…, but first put the red block in the bowl"
 * goes first; "before you move the blue block, put …" goes after the clause it comes before.
 */
function inTimeOrder(clauses: Token[][]): { tokens: Token[]; before: boolean }[] {
  const out = clauses.map((tokens) => ({ tokens, before: false }));
  for (let i = 1; i < out.length; i++) {
    if (['first', 'firstly', 'beforehand'].includes(leadWord(out[i]!.tokens) ?? '')) out.unshift(...out.splice(i, 1));
  }
  for (let i = out.length - 2; i >= 0; i--) {
    if (leadWord(out[i]!.tokens) === 'before') {
      const [b] = out.splice(i, 1);
      out.splice(i + 1, 0, { ...b!, before: true });
    }
  }
  return out;
}

/**
 * Whether a clause points back at what the one before it named: "it", "them", "that one",
 * "this one", "those" as an object ("…, put it in the tray", "…? put that one in the bowl").
 */
function refersBack(tokens: readonly Token[] | undefined): boolean {
  if (!tokens) return false;
  return tokens.some((t, i) => {
    if (t.kind !== 'word') return false;
    const next = tokens[i + 1];
    // "see the blue bowl? take the cube on its right": "its" / "their" point back too.
    if (t.text === 'it' || t.text === 'them' || t.text === 'its' || t.text === 'their') return true;
    const ends = next === undefined || next.kind === 'punct' || POINTING_ENDS.includes(next.text);
    // "that one", "put that in …", "that block goes …" (a demonstrative with a bare noun).
    const bare = next?.kind === 'word' && NOUNS.has(next.text) && NOUNS.get(next.text)!.cls !== 'zone';
    if (t.text === 'that' || t.text === 'this')
      return next?.kind === 'word' && (next.text === 'one' || ends || (bare && !NOUNS.get(next.text)!.plural));
    return (t.text === 'those' || t.text === 'these') && (ends || !isNounish(next.text) || (bare && NOUNS.get(next.text)!.plural));
  });
}

/** Whether a clause starts by placing "it" / "them" ("put it in the tray", "and drop them on the table", "stand it on …"). */
function placesIt(tokens: readonly Token[] | undefined): boolean {
  if (!tokens) return false;
  let i = 0;
  while (i < tokens.length && (tokens[i]!.kind === 'punct' || (LEADING_FILLER.has(tokens[i]!.text) && !VERBS.has(tokens[i]!.text)))) i++;
  const verb = VERBS.get(tokens[i]?.text ?? '');
  let j = i + 1;
  while (j < tokens.length && PARTICLES.has(tokens[j]!.text)) j++;
  // ("…, and stand it on the tray": stood there.)
  return (verb === 'put' || verb === 'stack' || verb === 'push' || verb === 'stand') && ['it', 'them'].includes(tokens[j]?.text ?? '');
}

/** "put one block per bowl": no object before the place; the object is every block (one per place, chosen when planning). */
/** Words between a thing and a place that make the place where it is now ("the blocks down in …", "that are on …"). */
const WHERE_NOW: ReadonlySet<string> = new Set([
  'down',
  'up',
  'over',
  'out',
  'back',
  'that',
  'which',
  'are',
  'is',
  "that's",
  'sitting',
  'currently',
  'right',
  'now',
]);

/** Whether `text` says `thing`, then only WHERE_NOW words, then "in" / "at" / "on" `place`. */
function saysWhereNow(text: string, thing: string, place: string): boolean {
  const lower = text.toLowerCase();
  const a = lower.indexOf(thing.toLowerCase());
  const b = a < 0 ? -1 : lower.indexOf(place.toLowerCase(), a + thing.length);
  if (b < 0) return false;
  const between = lower
    .slice(a + thing.length, b)
    .trim()
    .split(/\s+/);
  return ['in', 'at', 'on'].includes(between.at(-1) ?? '') && between.slice(0, -1).every((w) => WHERE_NOW.has(w));
}

/**
 * "put the biggest thing on the table into the pink bowl": "on the table" says which thing (they
 * all are), the place after it where it goes.
 */
function tableThenPlace(clause: Clause): Clause {
  const [first, second] = clause.locations;
  // "The block in the top right corner should end up on the left side": the first place, said
  // right after the thing, says which one; the second is where it goes.
  const np = clause.objects[0];
  if (
    clause.verb === 'put' &&
    clause.objects.length === 1 &&
    np &&
    !np.relation &&
    clause.locations.length === 2 &&
    first &&
    second &&
    ['corner', 'side', 'center'].includes(first.kind) &&
    ['corner', 'side', 'center', 'in', 'on', 'to', 'relation', 'table'].includes(second.kind) &&
    clause.locAt[0] === 1 &&
    clause.locAt[1] === 1 &&
    // ("the blocks down in the bottom left corner, onto the tray", "the ones that are on the right, …": where they are now.)
    saysWhereNow(clause.text, np.text, (first as TablePlace).text)
  ) {
    const place = first as TablePlace;
    return {
      ...clause,
      objects: [{ ...np, text: `${np.text} in ${place.text}`, relation: { rel: 'region', np: null, place, explicit: false } }],
      locations: [second],
      locAt: [1],
    };
  }
  if (clause.verb !== 'put' || !first || !second || first.kind !== 'table') return clause;
  if (!['in', 'on', 'to'].includes(second.kind) || clause.locAt[0] !== clause.locAt[1]) return clause;
  return { ...clause, locations: clause.locations.slice(1), locAt: clause.locAt.slice(1) };
}

function perObject(clause: Clause): Clause {
  const per = clause.locations.find((l): l is Extract<Location, { kind: 'distinct' }> => l.kind === 'distinct' && l.of !== undefined);
  if (!per?.of || clause.objects.length > 0) return clause;
  const np = emptyNp(`one ${per.of.text}`, 'object');
  np.noun = per.of.cls;
  clause.objects.push(np);
  clause.locAt = clause.locAt.map(() => 0);
  return clause;
}

// ---------------------------------------------------------------- errors

/** Verbs whose objects are followed by where they go: there a relation after the object is the place. */
const DEST_VERBS: ReadonlySet<VerbClass> = new Set(['put', 'stand', 'push', 'take', 'remove', 'lineup', 'stack', 'gather']);

/** A phrase whose modifier could instead be read as where it goes ("the block to the left of the bowl"). */
function placeLike(np: NounPhrase, verb: VerbClass): boolean {
  const r = np.relation;
  if (r === undefined || r.np === null || r.explicit || r.rel === 'farthest') return false;
  // ("move the ball closer to the bowl", read as next to it.)
  if (r.rel === 'closest') return /\b(next|beside|near|nearby|alongside|close|adjacent|closer|nearer)\b/.test(np.text);
  // "take the block in the bowl": the one in it; "put the block in the bowl": where it goes.
  if (r.rel === 'in' || r.rel === 'on') return verb !== 'take' && verb !== 'remove';
  return true;
}

/** Places that say where the object goes by themselves (not beside something). */
const OWN_DESTINATIONS: ReadonlySet<Location['kind']> = new Set([
  'on',
  'in',
  'to',
  'corner',
  'side',
  'center',
  'regionBy',
  'distinct',
  'table',
  'row',
  'circle',
  'grid',
  'where',
  'between',
  'onEnd',
  'onBoth',
]);

/** Places after a phrase with a relation that make the relation say which one: "put the cylinder below the tray next to the ball". */
const PLACES_AHEAD: ReadonlySet<Location['kind']> = new Set([...OWN_DESTINATIONS, 'relation']);

/** Places that are objects: "put the block in the green bowl in the tray" names the block in the green bowl. */
const OBJECT_DESTINATIONS: ReadonlySet<Location['kind']> = new Set(['on', 'in', 'to']);

/**
 * Whether the rest of the clause names a destination of its own (in / on / into X, to a
 * corner, in a row …); `kinds`: only these kinds of place count.
 */
function destinationAhead(c: Cursor, verb: VerbClass, kinds: ReadonlySet<Location['kind']> = OWN_DESTINATIONS): boolean {
  for (let i = c.pos; i < c.tokens.length; i++) {
    const t = c.tokens[i]!;
    // The next item of a list starts its own group ("… in the tray and the small ones in the bowl").
    if ((t.kind === 'punct' && t.text === ',') || (t.kind === 'word' && (t.text === 'and' || t.text === 'then'))) return false;
    if (t.kind !== 'word' || !['in', 'into', 'on', 'onto', 'inside', 'atop', 'within', 'to', 'toward', 'at', 'upon'].includes(t.text))
      continue;
    // "next to X", "close to X": beside something, read at the word before; "at least one" is no place.
    if (['next', 'close', 'closest', 'farthest', 'adjacent', 'up', 'away'].includes(c.tokens[i - 1]?.text ?? '')) continue;
    if (t.text === 'at' && ['least', 'most'].includes(c.tokens[i + 1]?.text ?? '')) continue;
    const probe = new Cursor(c.tokens, c.source);
    probe.pos = i;
    try {
      const loc = parseLocation(probe, verb);
      // A bare "on the right" may as well say which one: not a place of its own.
      const bare = loc?.kind === 'side' && !/\b(side|edge|end|half|part|border|table)\b/.test(loc.text);
      if (loc && kinds.has(loc.kind) && !bare) return true;
    } catch {
      // Not a place here.
    }
  }
  return false;
}

const VERB_FORMS = '"put X in Y", "pick up X", "stack X on Y", "move X to the top left corner"';

let vocabulary: string[] | null = null;

/** Every word the grammar reads, for "did you mean …?". */
function knownWords(): string[] {
  vocabulary ??= [
    ...new Set([
      ...VERBS.keys(),
      ...NOUNS.keys(),
      ...COLORS,
      ...Object.keys(SIZE_WORDS),
      ...Object.keys(DIRECTIONS),
      ...Object.keys(ORDINALS),
      ...Object.keys(NUMBER_WORDS),
      ...Object.keys(EXTREMES),
      ...Object.keys(SIDE_WORDS),
      ...Object.values(SPELLING),
      ...FILLER,
      ...LEADING_FILLER,
      ...GRAMMAR_WORDS,
    ]),
  ];
  return vocabulary;
}

const GRAMMAR_WORDS = [
  'loose',
  'outer',
  'outermost',
  'outside',
  'the',
  'a',
  'an',
  'all',
  'every',
  'each',
  'both',
  'of',
  'to',
  'in',
  'into',
  'on',
  'onto',
  'at',
  'from',
  'off',
  'out',
  'next',
  'beside',
  'near',
  'behind',
  'front',
  'above',
  'below',
  'between',
  'around',
  'closest',
  'farthest',
  'corner',
  'corners',
  'side',
  'sides',
  'middle',
  'center',
  'row',
  'line',
  'column',
  'circle',
  'ring',
  'grid',
  'horizontal',
  'vertical',
  'diagonal',
  'upright',
  'except',
  'not',
  'non',
  'other',
  'than',
  'matching',
  'mismatched',
  'different',
  'same',
  'color',
  'colors',
  'colored',
  'size',
  'order',
  'top',
  'bottom',
  'left',
  'right',
  'table',
  'little',
  'lot',
  'slightly',
  'one',
  'ones',
  // "the can with a ball on it", "the bowl that has nothing in it", "the block under the ball" (heldThings).
  'with',
  'without',
  'has',
  'have',
  'having',
  'got',
  'holding',
  'containing',
  'holds',
  'contains',
  'nothing',
  'under',
  'underneath',
  'beneath',
  // ("the can wich matches it": a misspelling of it is read as it, normalize.ts.)
  'which',
];

/** What to say about an unreadable phrase starting at `t`: a near known word, or the forms readable there. */
function hintFor(t: Token, clause: Clause): string {
  const forms =
    clause.objects.length === 0
      ? 'try "the red block", "all the blocks", "the block closest to X", "the second block from the left"'
      : clause.locations.length === 0
        ? 'try "next to X", "to the left of X", "closest to X", "in X", "on X", "in the top left corner"'
        : 'try "in X", "on X", "next to X", "a little to the left of X", "in a horizontal line", "from left to right"';
  if (t.kind === 'word' && !knownWords().includes(t.text)) {
    // (Not an everyday name, lexicon.ts: "what" is not "whatsit".)
    const near = closestNames(t.text, knownWords(), 4)
      .filter((w) => w !== t.text && w.length >= 3 && !EVERYDAY_NOUNS.has(w))
      .slice(0, 2);
    const mean = near.length > 0 ? ` (did you mean ${near.map((w) => `"${w}"`).join(' or ')}?)` : '';
    return `'${t.text}' is not a word it knows${mean}; ${forms}`;
  }
  return forms;
}
