// Everyday forms the normalisation pass rewrites into the grammar's own (twenty-sixth round,
// test/programmers/rule-constructions-23.test.ts): post hoc, after the thirty-second and
// thirty-third tables (measured held out first), and committed before the thirty-fourth and
// thirty-fifth tables were first run. How people name things by the shape they are laid out in:
// - "the blocks above and below the blue bowl", "the ones to the left and right of it": the block
//   above the blue bowl and the block below it (a relation is one side of one thing).
// - "the block at the bottom of the T", "the top of the L": the block at the bottom (the letter is
//   the group of things laid out so; nothing else on the table is a "T").
// - "the top bar" of such a letter: the top row.
// - "move it to the corner but keep it standing up": standing up (how it is put down, not a
//   second step that holds it).
// - "one of the blue things … and the other one …": the other blue thing.
// - "pop it off the big tower onto the short one": the short tower.
// - "the bottom two blocks in the blue bowl and the top two in the yellow one": the top two blocks.
// - "put both of them in the bowl", "all of them", "the pair of them": them.
// - "move the can at the bottom just to the right of the white block": the bottom can.
// - "straighten up the column of blocks": into one vertical line; "one behind the other": in a vertical line.
// - "the green mat", "one block per mat", where the scene marks no zone and has trays: the green
//   tray ("mat" is a zone's word elsewhere, so only there).

import { NOUNS, NUMBER_WORDS, SIZE_WORDS, TOWER_WORDS, VERBS, isColor, singularOf } from './lexicon.ts';
import { endsSentence, punctBefore, wordAt, wordLike } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

/** One side a thing can lie on of another, as a phrase and as what is said for it alone. */
interface Side {
  /** Tokens the side took, from its first word. */
  length: number;
  /** The phrase for it on its own: "to the left of", "above". */
  words: string[];
}

const SIDE_PHRASES: Record<string, string[]> = {
  left: ['to', 'the', 'left', 'of'],
  right: ['to', 'the', 'right', 'of'],
  above: ['above'],
  below: ['below'],
  beneath: ['below'],
  under: ['below'],
  underneath: ['below'],
  behind: ['behind'],
  front: ['in', 'front', 'of'],
};

/**
 * A side at `k` ("above", "to the left", "left of", "on the right of", "in front of"); its "of" is
 * optional where another side follows ("to the left and right of").
 */
function sideAt(w: (k: number) => string | undefined, k: number): Side | null {
  let j = k;
  if ((w(j) === 'to' || w(j) === 'on') && w(j + 1) === 'the') j += 2;
  else if (w(j) === 'in' && w(j + 1) === 'front') j += 1;
  const word = w(j);
  if (word === undefined || !(word in SIDE_PHRASES)) return null;
  // ("above", "below", "behind" take no "to the"; "left", "right", "front" need a word before or an "of" after.)
  if (['left', 'right'].includes(word) && j === k && w(j + 1) !== 'of' && w(j + 1) !== 'and') return null;
  if (word === 'front' && j === k) return null;
  if (!['left', 'right', 'front'].includes(word) && j !== k) return null;
  if (w(j + 1) === 'of') j += 1;
  return { length: j + 1 - k, words: SIDE_PHRASES[word]! };
}

/** The end (exclusive) of a short noun phrase at `k`: "the blue bowl", "it", "the big red one". */
function phraseEnd(w: (k: number) => string | undefined, k: number): number | null {
  if (['it', 'them', 'that', 'this'].includes(w(k) ?? '')) return k + 1;
  if (!['the', 'that', 'this'].includes(w(k) ?? '')) return null;
  for (let j = k + 1; j < k + 5; j++) {
    const word = w(j);
    if (word === undefined) return null;
    if (word === 'one' || NOUNS.has(word)) return j + 1;
  }
  return null;
}

/**
 * "the blocks above and below the blue bowl", "the ones to the left and right of it": the block
 * that is above the blue bowl and the block that is below the blue bowl ("that is": each a
 * thing, not where to put them).
 */
function bothSides(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 4 < tokens.length; k++) {
    const noun = w(k + 1);
    if (w(k) !== 'the' || noun === undefined) continue;
    const one = noun === 'ones' ? 'one' : singularOf(noun);
    if (one === undefined || (one !== 'one' && !NOUNS.has(one))) continue;
    const first = sideAt(w, k + 2);
    if (!first || w(k + 2 + first.length) !== 'and') continue;
    const second = sideAt(w, k + 3 + first.length);
    if (!second) continue;
    const at = k + 3 + first.length + second.length;
    // (The "of" the two share is said once, after the second: "to the left and right of it".)
    const end = phraseEnd(w, at);
    if (end === null) continue;
    const ref = tokens.slice(at, end);
    const like = (t: Token, words: string[]): Token[] => words.map((x) => wordLike(t, x));
    const out = [
      ...tokens.slice(0, k),
      ...like(tokens[k]!, ['the', one, 'that', 'is', ...first.words]),
      ...ref,
      wordLike(tokens[k + 2 + first.length]!, 'and'),
      ...like(tokens[k + 3 + first.length]!, ['the', one, 'that', 'is', ...second.words]),
      ...ref,
      ...tokens.slice(end),
    ];
    return bothSides(out);
  }
  return tokens;
}

/**
 * "the block above the blue bowl and the one below it": below the blue bowl ("it" is what the
 * first one was said to lie by, not the first one).
 */
function theOneBesideIt(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 8 < tokens.length; k++) {
    const noun = w(k + 1) ?? '';
    if (w(k) !== 'the' || !NOUNS.has(noun) || NOUNS.get(noun)!.plural) continue;
    const first = sideAt(w, k + 2);
    if (!first) continue;
    const ref = k + 2 + first.length;
    const end = phraseEnd(w, ref);
    if (end === null || w(ref) !== 'the' || w(end) !== 'and' || w(end + 1) !== 'the' || ![noun, 'one'].includes(w(end + 2) ?? '')) continue;
    const second = sideAt(w, end + 3);
    const it = end + 3 + (second?.length ?? 0);
    if (!second || w(it) !== 'it') continue;
    return theOneBesideIt([
      ...tokens.slice(0, it),
      ...tokens.slice(ref, end).map((x) => wordLike(tokens[it]!, x.text)),
      ...tokens.slice(it + 1),
    ]);
  }
  return tokens;
}

/** Letters and figures people lay things out as ("the T", "the L", "the cross", "the pentagon"). */
const LETTER_SHAPES = new Set([
  't',
  'l',
  'u',
  'v',
  'x',
  'y',
  'h',
  'cross',
  'plus',
  'triangle',
  'pentagon',
  'hexagon',
  'diamond',
  'star',
  'arrow',
]);

/**
 * "the block at the bottom of the T", "the one at the top of the L": the block at the bottom (the
 * letter is the things laid out so); "the top bar (of the T)": the top row.
 */
function letterShapes(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 2 < tokens.length; k++) {
    if (w(k) !== 'of' || w(k + 1) !== 'the' || !LETTER_SHAPES.has(w(k + 2) ?? '')) continue;
    // (Only the letter: "of the cross" before a noun is something else.)
    const next = w(k + 3);
    if (next !== undefined && NOUNS.has(next)) continue;
    if (!['bottom', 'top', 'end', 'middle', 'centre', 'center', 'left', 'right', 'bar', 'stem'].includes(w(k - 1) ?? '')) continue;
    return letterShapes([...tokens.slice(0, k), ...tokens.slice(k + 3)]);
  }
  for (let k = 1; k < tokens.length; k++) {
    if (w(k) === 'bar' && ['top', 'bottom'].includes(w(k - 1) ?? '')) {
      return letterShapes([...tokens.slice(0, k), wordLike(tokens[k]!, 'row'), ...tokens.slice(k + 1)]);
    }
  }
  return tokens;
}

/**
 * "move it to the corner but keep it standing up", "and keep them upright": standing up, said of
 * how it is put down ("keep" alone would hold it).
 */
function keepStanding(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k + 2 < tokens.length; k++) {
    if (w(k) !== 'keep' || !['it', 'them'].includes(w(k + 1) ?? '')) continue;
    const upright = w(k + 2) === 'upright' ? 1 : w(k + 2) === 'standing' ? (w(k + 3) === 'up' ? 2 : 1) : 0;
    if (upright === 0) continue;
    // (Only after the step it qualifies: "Keep it standing." on its own is read as it is.)
    let from = k;
    if (['but', 'and'].includes(w(from - 1) ?? '')) from--;
    if (tokens[from - 1]?.kind === 'punct' && tokens[from - 1]!.text === ',') from--;
    if (from === k || from === 0) continue;
    const comma: Token = punctBefore(tokens[from]!, ',');
    return [
      ...tokens.slice(0, from),
      comma,
      wordLike(tokens[k]!, 'standing'),
      wordLike(tokens[k]!, 'up'),
      ...tokens.slice(k + 2 + upright),
    ];
  }
  return tokens;
}

/**
 * "put one of the blue things in the bowl and the other one on the tray": the other blue thing
 * (of the same two), not any other thing.
 */
function theOtherOfThem(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 3 < tokens.length; k++) {
    if (w(k) !== 'one' || w(k + 1) !== 'of' || w(k + 2) !== 'the') continue;
    let j = k + 3;
    while (j < tokens.length && (isColor(w(j) ?? '') || (w(j) ?? '') in SIZE_WORDS)) j++;
    const one = singularOf(w(j) ?? '');
    if (one === undefined || !NOUNS.has(one)) continue;
    const said = tokens.slice(k + 3, j).map((t) => t.text);
    for (let m = j + 1; m + 1 < tokens.length; m++) {
      if (endsSentence(tokens[m])) break;
      if (w(m) !== 'the' || w(m + 1) !== 'other') continue;
      const next = w(m + 2);
      const span = next === 'one' ? 3 : next === undefined || !NOUNS.has(next) ? 2 : 0;
      if (span === 0) continue;
      const at = tokens[m + 1]!;
      return [...tokens.slice(0, m + 2), ...[...said, one].map((x) => wordLike(at, x)), ...tokens.slice(m + span)];
    }
  }
  return tokens;
}

/** Words for how big or tall a stack is ("the short one"). */
const STACK_SIZES = new Set([
  'short',
  'shorter',
  'shortest',
  'tall',
  'taller',
  'tallest',
  'big',
  'bigger',
  'biggest',
  'small',
  'smaller',
  'smallest',
  'little',
  'low',
  'lower',
  'high',
  'higher',
]);

/**
 * "pop the red block off the big tower onto the short one": the short tower (the last thing named
 * was a tower, and a tower is what is short or tall).
 */
function theShortOne(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 2; k < tokens.length; k++) {
    if (w(k) !== 'one' || !STACK_SIZES.has(w(k - 1) ?? '') || w(k - 2) !== 'the') continue;
    let m = k - 3;
    while (m >= 0 && !endsSentence(tokens[m]) && !(NOUNS.has(w(m) ?? '') || TOWER_WORDS.has(w(m) ?? ''))) m--;
    if (m < 0 || !TOWER_WORDS.has(w(m) ?? '')) continue;
    return theShortOne([...tokens.slice(0, k), wordLike(tokens[k]!, w(m)!), ...tokens.slice(k + 1)]);
  }
  return tokens;
}

/** Words that rank things by where they lie ("the top two", "the last three"). */
const RANK_WORDS = new Set([
  'top',
  'bottom',
  'left',
  'right',
  'front',
  'back',
  'first',
  'last',
  'leftmost',
  'rightmost',
  'topmost',
  'bottommost',
]);

/**
 * "put the bottom two blocks in the blue bowl and the top two in the yellow one": the top two
 * blocks (the things said before in the sentence).
 */
function rankedCountAlone(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 2 < tokens.length; k++) {
    if (w(k) !== 'the' || !RANK_WORDS.has(w(k + 1) ?? '') || (NUMBER_WORDS[w(k + 2) ?? ''] ?? 0) < 2) continue;
    const next = w(k + 3);
    if (next !== undefined && (NOUNS.has(next) || isColor(next) || next in SIZE_WORDS || next === 'ones' || next === 'of')) continue;
    let m = k - 1;
    while (m >= 0 && !endsSentence(tokens[m]) && !NOUNS.get(w(m) ?? '')?.plural) m--;
    if (m < 0 || !NOUNS.get(w(m) ?? '')?.plural) continue;
    return rankedCountAlone([...tokens.slice(0, k + 3), wordLike(tokens[k + 2]!, w(m)!), ...tokens.slice(k + 3)]);
  }
  return tokens;
}

/**
 * "take the red block off the blue one, then put both of them in the bowl": both are the one taken
 * and the one it came off — "the red block and the blue one" (`verb` is where the second clause's
 * verb stands); null when the clause before is not a taking off.
 */
function takenOff(tokens: Token[], verb: number): Token[] | null {
  const w = wordAt(tokens);
  let e = verb - 1;
  while (e >= 0 && (w(e) === 'then' || w(e) === 'and' || tokens[e]!.kind === 'punct') && !endsSentence(tokens[e])) e--;
  let s = e;
  while (s > 0 && !(tokens[s - 1]!.kind === 'punct' || w(s - 1) === 'then')) s--;
  if (!['take', 'lift', 'remove', 'pull', 'get', 'pop'].includes(w(s) ?? '')) return null;
  const off = tokens.findIndex((t, k) => k > s + 1 && k < e && t.kind === 'word' && (t.text === 'off' || t.text === 'from'));
  if (off < 0 || w(off + 1) !== 'the' || tokens.slice(off + 1, e + 1).some((t) => t.kind !== 'word' || t.text === 'table')) return null;
  if (w(s + 1) !== 'the' || tokens.slice(s + 1, off).some((t) => t.kind !== 'word')) return null;
  return [...tokens.slice(s + 1, off), wordLike(tokens[off]!, 'and'), ...tokens.slice(off + 1, e + 1)];
}

/** "put both of them in the bowl", "all of them", "the pair of them": them (those said before). */
function bothOfThem(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 2 < tokens.length; k++) {
    const span =
      (w(k) === 'both' || w(k) === 'all') && w(k + 1) === 'of' ? 2 : w(k) === 'the' && w(k + 1) === 'pair' && w(k + 2) === 'of' ? 3 : 0;
    if (span === 0 || !['them', 'these', 'those'].includes(w(k + span) ?? '')) continue;
    // (Only as what a verb takes: "…, both of them onto the tray" is read as it is.)
    if (!VERBS.has(w(k - 1) ?? '')) continue;
    const pair = w(k) === 'both' ? takenOff(tokens, k - 1) : null;
    if (pair) return bothOfThem([...tokens.slice(0, k), ...pair, ...tokens.slice(k + span + 1)]);
    return bothOfThem([...tokens.slice(0, k), wordLike(tokens[k + span]!, 'them'), ...tokens.slice(k + span + 1)]);
  }
  return tokens;
}

/** Words that start where a thing goes, after the thing. */
const PLACE_AFTER = new Set([
  'just',
  'right',
  'to',
  'into',
  'in',
  'on',
  'onto',
  'next',
  'beside',
  'above',
  'below',
  'behind',
  'over',
  'under',
]);

/**
 * "move the can at the bottom just to the right of the white block": the bottom can (a part of
 * the table said after the thing, then where it goes).
 */
function sideBeforePlace(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k + 3 < tokens.length; k++) {
    const noun = NOUNS.get(w(k) ?? '');
    if (!noun || noun.plural || w(k + 1) !== 'at' || w(k + 2) !== 'the') continue;
    const side = w(k + 3);
    if (!['top', 'bottom', 'left', 'right', 'front', 'back'].includes(side ?? '') || !PLACE_AFTER.has(w(k + 4) ?? '')) continue;
    // ("the block at the bottom right": a corner.)
    if (w(k + 4) === 'right' && !['left', 'right'].includes(side!)) continue;
    // ("… at the right end", "at the left of X" are read elsewhere.)
    let d = k;
    while (d > 0 && tokens[d - 1]!.kind === 'word' && (isColor(w(d - 1)!) || w(d - 1)! in SIZE_WORDS)) d--;
    if (w(d - 1) !== 'the') continue;
    return sideBeforePlace([...tokens.slice(0, d), wordLike(tokens[k + 3]!, side!), ...tokens.slice(d, k + 1), ...tokens.slice(k + 4)]);
  }
  return tokens;
}

/**
 * "line the balls up one behind the other", "one above the other", "one in front of the other":
 * in a vertical line.
 */
function oneBehindTheOther(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let m = 0; m + 3 < tokens.length; m++) {
    if (w(m) !== 'one') continue;
    const front = w(m + 1) === 'in' && w(m + 2) === 'front' && w(m + 3) === 'of' ? 2 : 0;
    if (!(front > 0 || ['behind', 'above', 'below', 'under'].includes(w(m + 1) ?? ''))) continue;
    if (w(m + 2 + front) !== 'the' || w(m + 3 + front) !== 'other') continue;
    const at = tokens[m]!;
    return oneBehindTheOther([
      ...tokens.slice(0, m),
      ...['in', 'a', 'vertical', 'line'].map((x) => wordLike(at, x)),
      ...tokens.slice(m + 4 + front),
    ]);
  }
  return tokens;
}

/**
 * "straighten up the column of blocks", "straighten the column up so its a proper vertical line":
 * arrange the column in one vertical line (a row: horizontal).
 */
function straightenLine(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const k = tokens.findIndex((t) => t.kind === 'word' && t.text === 'straighten');
  if (k < 0) return tokens;
  let j = k + 1;
  if (['up', 'out'].includes(w(j) ?? '')) j++;
  const np = j;
  if (!['the', 'this', 'that'].includes(w(j) ?? '')) return tokens;
  while (j < np + 4 && w(j) !== undefined && !['column', 'row'].includes(w(j)!)) j++;
  const shape = w(j);
  if (shape !== 'column' && shape !== 'row') return tokens;
  let e = j + 1;
  if (w(e) === 'of' && NOUNS.get(w(e + 1) ?? '')?.plural) e += 2;
  const thing = tokens.slice(np, e);
  while (['up', 'out', 'properly', 'again', 'neatly'].includes(w(e) ?? '')) e++;
  // ("… so its a proper vertical line": says the same.)
  let tail = e;
  if (w(e) === 'so') while (tail < tokens.length && !endsSentence(tokens[tail])) tail++;
  if (!(tail === tokens.length || endsSentence(tokens[tail]) || tokens[tail]!.kind === 'punct')) return tokens;
  const at = tokens[k]!;
  const line = ['into', 'one', shape === 'column' ? 'vertical' : 'horizontal', 'line'].map((x) => wordLike(at, x));
  return [...tokens.slice(0, k), wordLike(at, 'arrange'), ...thing, ...line, ...tokens.slice(tail)];
}

/** Words for a flat thing to set things on that name a zone where the scene marks one. */
const MAT_WORDS: Record<string, string> = {
  mat: 'tray',
  mats: 'trays',
  placemat: 'tray',
  placemats: 'trays',
  plate: 'tray',
  plates: 'trays',
};

/** "the green mat", "one block per mat", where the scene marks no zone but has trays: the green tray. */
function matsAsTrays(tokens: Token[], matsAreTrays: boolean): Token[] {
  if (!matsAreTrays) return tokens;
  return tokens.map((t) => (t.kind === 'word' && t.text in MAT_WORDS ? wordLike(t, MAT_WORDS[t.text]!) : t));
}

/** The layout forms, in order; `matsAreTrays` when the scene marks no zone and has a tray. */
export function layoutForms(tokens: Token[], matsAreTrays: boolean): Token[] {
  let out = matsAsTrays(tokens, matsAreTrays);
  out = bothSides(out);
  out = theOneBesideIt(out);
  out = letterShapes(out);
  out = keepStanding(out);
  out = theOtherOfThem(out);
  out = theShortOne(out);
  out = rankedCountAlone(out);
  out = bothOfThem(out);
  out = sideBeforePlace(out);
  out = oneBehindTheOther(out);
  out = straightenLine(out);
  return out;
}
