// Everyday forms the normalisation pass rewrites into the grammar's own (twenty-fourth round,
// test/programmers/rule-constructions-21.test.ts): made from the lead's own everyday sentences,
// and committed before the twenty-sixth and twenty-seventh tables were first run.
// - "so it's touching the ball", "so it touches the bowl": next to it.
// - "the block that's on top", "the one on top (in the bowl)", "the block on top of the stack
//   (in the bowl)", "the block at / on the bottom of the tower (in the bowl)": which one of the
//   stack, when a place for it follows (without one, "put the purple one on top" is a place).
// - "all but the purple block", "all except the red one", "them all except the white can":
//   everything except it; "put all the blocks in the bowl but / besides the blue one": except it.
// - "except the can on the left" at the clause's end: except the leftmost can.
// - "each ball in the nearest bowl", "the blue ball in the closest bowl": the bowl closest to it.
// - "the opposite corner to the red block", "the corner opposite the red one": the corner
//   farthest from it.
// - "turn the row into a column", "make the row vertical": a vertical line; "turn the column
//   into a row": a horizontal one.
// - "swap them round", "turn it round": around.
// - "put the red block in the bowl then the blue block": ", then the blue block".
// - "two blocks in the bowl and two on the tray": two blocks there too, not the same two.
// - "every second block": every other one; "the middle two blocks", "the two middle blocks": the
//   two blocks in the middle.

import { NOUNS, NUMBER_WORDS, SIZE_WORDS, VERBS, isColor, pluralOf } from './lexicon.ts';
import { endsSentence, punctBefore, wordAt, wordLike } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

/** Prepositions that start where a thing goes. */
const PLACE_START = new Set(['in', 'into', 'on', 'onto', 'to', 'inside', 'next', 'beside', 'near', 'by', 'over', 'at', 'back']);

/** The words a stack is called by. */
const STACK_WORDS = new Set(['stack', 'tower', 'pile']);

/** The end of the clause that holds `k`: a sentence's end, a comma, or "and" / "then" before a verb-like word. */
function clauseEnd(tokens: readonly Token[], k: number): number {
  for (let j = k; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (endsSentence(t) || (t.kind === 'punct' && t.text === ',')) return j;
    if (t.kind === 'word' && (t.text === 'then' || t.text === 'and')) return j;
  }
  return tokens.length;
}

/** "so it's touching the ball", "so it touches the bowl", "touching the tray": next to it. */
function touching(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    const t = w(k);
    if (t !== 'touching' && t !== 'touches' && t !== 'touch') continue;
    const next = w(k + 1) ?? '';
    if (!['the', 'it', 'its', 'each', 'one', 'that', 'this'].includes(next) && !isColor(next)) continue;
    // "so it touches": "so it is next to"; "touch" only after "so it will / they".
    if (t === 'touch' && !['will', 'they', 'can', 'just'].includes(w(k - 1) ?? '')) continue;
    const head = t === 'touches' && w(k - 1) === 'it' ? [wordLike(tokens[k]!, 'is')] : [];
    return touching([...tokens.slice(0, k), ...head, wordLike(tokens[k]!, 'next'), wordLike(tokens[k]!, 'to'), ...tokens.slice(k + 1)]);
  }
  return tokens;
}

/**
 * "the block that's on top in the bowl", "the one on top (of the stack) into the bowl", "the
 * block at the bottom of the tower in the bowl": which one of the stack, said before where it
 * goes — "the top block (of the stack)", "the bottom block of the tower". With no place after
 * it, "on top" is where it goes ("put the purple one on top") and is left alone.
 */
function stackEnds(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 2; k < tokens.length; k++) {
    // The noun (or "one") the end of the stack is said of.
    const noun = w(k - 1) ?? '';
    if (!(noun === 'one' || (NOUNS.has(noun) && !NOUNS.get(noun)!.plural))) continue;
    if (['bowl', 'tray', 'container'].includes(NOUNS.get(noun)?.cls ?? '')) continue;
    // The determiner and adjectives before the noun.
    let d = k - 2;
    while (d >= 0 && (isColor(w(d) ?? '') || ['big', 'small', 'little', 'large'].includes(w(d) ?? ''))) d--;
    if (w(d) !== 'the') continue;
    let j = k;
    if (['that', 'which'].includes(w(j) ?? '') && w(j + 1) === 'is') j += 2;
    else if (w(j) === 'sitting' || w(j) === 'lying') j += 1;
    const relative = j > k;
    let end: 'top' | 'bottom' | null = null;
    if (w(j) === 'on' && w(j + 1) === 'top') {
      end = 'top';
      j += 2;
    } else if (['at', 'on'].includes(w(j) ?? '') && w(j + 1) === 'the' && ['top', 'bottom'].includes(w(j + 2) ?? '')) {
      end = w(j + 2) as 'top' | 'bottom';
      j += 3;
    }
    if (end === null) continue;
    let of: Token[] = [];
    if (w(j) === 'of' && ['the', 'that', 'this'].includes(w(j + 1) ?? '') && STACK_WORDS.has(w(j + 2) ?? '')) {
      of = tokens.slice(j, j + 3);
      j += 3;
    } else if (w(j) === 'of') continue;
    // "at the bottom" alone says nothing of a stack: only with "of the tower".
    if (end === 'bottom' && of.length === 0) continue;
    // Said before where it goes.
    if (!PLACE_START.has(w(j) ?? '')) continue;
    if (w(j) === 'on' && w(j + 1) === 'top') continue;
    const adjectives = tokens.slice(d + 1, k - 1);
    // ("put the red block on top of the stack in the bowl": where the red block goes, on the
    // stack in the bowl. Said of a coloured one, only "that's on top" says which.)
    if (adjectives.length > 0 && !relative) continue;
    const at = tokens[k]!;
    const rewritten = [wordLike(tokens[d]!, 'the'), wordLike(at, end), ...adjectives, tokens[k - 1]!, ...of];
    return stackEnds([...tokens.slice(0, d), ...rewritten, ...tokens.slice(j)]);
  }
  return tokens;
}

/**
 * "put all but the purple block on the tray", "all except the red one", "them all except the
 * white can": everything except it. "put all the blocks in the bowl but the blue one" (a place,
 * then "but" and a thing ending the clause): except it.
 */
function allBut(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    // "all but the", "all except the", "them all except", "all of them except".
    const allOf = w(k) === 'all' && w(k + 1) === 'of' && ['them', 'these', 'those'].includes(w(k + 2) ?? '') ? 3 : 0;
    const themAll = ['them', 'these', 'those'].includes(w(k) ?? '') && w(k + 1) === 'all' ? 2 : 0;
    const bare = w(k) === 'all' && w(k - 1) !== 'them' ? 1 : 0;
    const n = allOf || themAll || bare;
    if (
      n > 0 &&
      ['but', 'except', 'excluding', 'besides'].includes(w(k + n) ?? '') &&
      ['the', 'a', 'that', 'this'].includes(w(k + n + 1) ?? '')
    ) {
      const at = tokens[k]!;
      return allBut([...tokens.slice(0, k), wordLike(at, 'everything'), wordLike(tokens[k + n]!, 'except'), ...tokens.slice(k + n + 1)]);
    }
    // "… in the bowl but the blue one": "but" and a thing at the clause's end, after a place.
    if (!['but', 'besides'].includes(w(k) ?? '') || w(k + 1) !== 'the') continue;
    const start = (() => {
      for (let j = k - 1; j >= 0; j--) if (endsSentence(tokens[j]) || tokens[j]!.text === ',') return j + 1;
      return 0;
    })();
    const before = tokens.slice(start, k).map((t) => t.text);
    if (!before.some((x) => ['all', 'every', 'everything', 'each'].includes(x))) continue;
    if (!before.some((x, i) => i > 0 && PLACE_START.has(x))) continue;
    const end = clauseEnd(tokens, k + 1);
    const thing = tokens.slice(k + 1, end).map((t) => t.text);
    if (thing.some((x) => PLACE_START.has(x) || x === 'not')) continue;
    if (!thing.some((x) => x === 'one' || x === 'ones' || NOUNS.has(x))) continue;
    return allBut([...tokens.slice(0, k), wordLike(tokens[k]!, 'except'), ...tokens.slice(k + 1)]);
  }
  return tokens;
}

/** "except the can on the left" ending the clause: "except the leftmost can". */
function exceptOnSide(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 5 < tokens.length; k++) {
    if (!['except', 'excluding'].includes(w(k) ?? '') || w(k + 1) !== 'the') continue;
    const noun = w(k + 2) ?? '';
    if (noun !== 'one' && !(NOUNS.has(noun) && !NOUNS.get(noun)!.plural)) continue;
    if (!['on', 'at'].includes(w(k + 3) ?? '') || w(k + 4) !== 'the' || !['left', 'right'].includes(w(k + 5) ?? '')) continue;
    const after = tokens[k + 6];
    if (after && !endsSentence(after) && after.text !== ',' && !['please', 'thanks'].includes(after.text)) continue;
    const most = wordLike(tokens[k + 5]!, `${w(k + 5)}most`);
    return exceptOnSide([...tokens.slice(0, k + 2), most, tokens[k + 2]!, ...tokens.slice(k + 6)]);
  }
  return tokens;
}

/**
 * "put each ball in the nearest bowl", "the blue ball in the closest bowl": the bowl closest to
 * the thing put there ("the bowl closest to it"), not to the gripper.
 */
function nearestPlace(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k + 2 < tokens.length; k++) {
    if (!['in', 'into', 'on', 'onto', 'to', 'inside'].includes(w(k - 1) ?? '') || w(k) !== 'the') continue;
    if (!['nearest', 'closest'].includes(w(k + 1) ?? '')) continue;
    const noun = w(k + 2) ?? '';
    const cls = NOUNS.get(noun)?.cls;
    if (!(cls === 'bowl' || cls === 'tray' || cls === 'container' || noun === 'corner')) continue;
    // "the nearest bowl to the tray" names what it is nearest to.
    if (['to', 'from', 'of'].includes(w(k + 3) ?? '')) continue;
    const at = tokens[k + 1]!;
    const words = [tokens[k]!, tokens[k + 2]!, wordLike(at, 'closest'), wordLike(at, 'to'), wordLike(at, 'it')];
    return nearestPlace([...tokens.slice(0, k), ...words, ...tokens.slice(k + 3)]);
  }
  return tokens;
}

/** "the opposite corner to / from the red block", "the corner opposite (to) it": the corner farthest from it. */
function oppositeCorner(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 3 < tokens.length; k++) {
    if (w(k) !== 'the') continue;
    let n = 0;
    if (w(k + 1) === 'opposite' && w(k + 2) === 'corner' && ['to', 'from'].includes(w(k + 3) ?? '')) n = 4;
    else if (w(k + 1) === 'corner' && w(k + 2) === 'opposite') n = w(k + 3) === 'to' || w(k + 3) === 'from' ? 4 : 3;
    if (n === 0) continue;
    const at = tokens[k + 1]!;
    const words = [tokens[k]!, wordLike(at, 'corner'), wordLike(at, 'farthest'), wordLike(at, 'from')];
    return oppositeCorner([...tokens.slice(0, k), ...words, ...tokens.slice(k + n)]);
  }
  return tokens;
}

/**
 * "turn the row into a column", "make the row vertical": the things lying in a row set in a
 * vertical line; "turn the column into a row": a horizontal one (a column is a tower only when
 * the things are stacked, and "the column" said of things lying on the table is a line of them).
 */
function rowToColumn(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 3 < tokens.length; k++) {
    if (!['turn', 'make', 'change', 'rotate'].includes(w(k) ?? '')) continue;
    if (!['the', 'that', 'this'].includes(w(k + 1) ?? '')) continue;
    const from = w(k + 2) ?? '';
    if (!['row', 'line', 'column'].includes(from)) continue;
    let j = k + 3;
    // ("the row of blocks": of what it is made.)
    if (w(j) === 'of' && NOUNS.get(w(j + 1) ?? '')?.plural) j += 2;
    else if (w(j) === 'of' && w(j + 1) === 'the' && NOUNS.get(w(j + 2) ?? '')?.plural) j += 3;
    let to: string | undefined;
    if (w(j) === 'into' && ['a', 'one'].includes(w(j + 1) ?? '') && ['row', 'column'].includes(w(j + 2) ?? '')) {
      to = w(j + 2);
      j += 3;
    } else if (['vertical', 'horizontal'].includes(w(j) ?? '')) {
      to = w(j) === 'vertical' ? 'column' : 'row';
      j += 1;
    }
    if (to === undefined) continue;
    // ("… into a column going up and down", "… into a row going across": the line's way, said again.)
    if (['going', 'running'].includes(w(j) ?? '') && ['up', 'across', 'left', 'along'].includes(w(j + 1) ?? '')) {
      j += 2;
      if (w(j) === 'and' && ['down', 'right'].includes(w(j + 1) ?? '')) j += 2;
      else if (w(j) === 'to' && w(j + 1) === 'right') j += 2;
    }
    const axis = to === 'column' ? 'vertical' : 'horizontal';
    if (from === 'column' ? axis === 'vertical' : axis === 'horizontal') continue;
    const at = tokens[k]!;
    // ("the column" of things lying on the table is the line of them.)
    const thing = from === 'column' ? wordLike(tokens[k + 2]!, 'line') : tokens[k + 2]!;
    const words = [wordLike(at, 'put'), tokens[k + 1]!, thing];
    const line = [wordLike(at, 'in'), wordLike(at, 'a'), wordLike(at, axis), wordLike(at, 'line')];
    return rowToColumn([...tokens.slice(0, k), ...words, ...line, ...tokens.slice(j)]);
  }
  return tokens;
}

/**
 * "turn the diagonal into a vertical line", "make the diagonal a straight line going across":
 * the things lying on it (all the things on the table, as "them all" with nothing named) set in
 * that line.
 */
function diagonalInto(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 3 < tokens.length; k++) {
    if (!['turn', 'make', 'change'].includes(w(k) ?? '') || w(k + 1) !== 'the' || w(k + 2) !== 'diagonal') continue;
    const j = w(k + 3) === 'into' ? k + 4 : k + 3;
    if (!['a', 'one'].includes(w(j) ?? '')) continue;
    const at = tokens[k]!;
    const said = { ...tokens[k + 1]!, end: tokens[k + 2]!.end };
    return diagonalInto([
      ...tokens.slice(0, k),
      wordLike(at, 'put'),
      wordLike(said, 'them'),
      wordLike(said, 'all'),
      wordLike(at, 'in'),
      ...tokens.slice(j),
    ]);
  }
  return tokens;
}

/** "swap them round", "turn it round so …": around. ("the other way round" is left alone.) */
function roundAbout(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const k = tokens.findIndex(
    (t, i) =>
      t.kind === 'word' &&
      t.text === 'round' &&
      ['them', 'it', 'these', 'those', 'over'].includes(w(i - 1) ?? '') &&
      w(i - 2) !== 'way' &&
      (w(i + 1) === 'so' || tokens[i + 1] === undefined || tokens[i + 1]!.kind === 'punct'),
  );
  if (k < 0) return tokens;
  return [...tokens.slice(0, k), wordLike(tokens[k]!, 'around'), ...tokens.slice(k + 1)];
}

/**
 * "put the red block in the bowl then the blue block": "then" with no comma before it starts a
 * clause as ", then" does (the second thing was dropped).
 */
function thenClause(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const k = tokens.findIndex(
    (t, i) =>
      t.kind === 'word' &&
      t.text === 'then' &&
      i > 2 &&
      tokens[i - 1]!.kind === 'word' &&
      !['and', 'but', 'or', 'so', 'just', 'only', 'first'].includes(w(i - 1) ?? '') &&
      ['the', 'a', 'an', 'that', 'those', 'this', 'these', 'its', 'their'].includes(w(i + 1) ?? ''),
  );
  if (k < 0) return tokens;
  const at = tokens[k]!;
  return thenClause([...tokens.slice(0, k), punctBefore(at, ','), ...tokens.slice(k)]);
}

/**
 * "put two blocks in the bowl and two on the tray", "three balls on the tray, the other two in
 * the bowl": a count with no noun after "and" or a comma, where it goes next, is of the kind the
 * count before it named ("two blocks").
 */
function countAgain(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  // ("… and one in the green bowl" is read already: "one" stands for the kind named before.)
  const count = (k: number): boolean =>
    (NUMBER_WORDS[w(k) ?? ''] ?? 0) >= 2 || (tokens[k]?.kind === 'number' && (tokens[k]!.value ?? 0) >= 2);
  for (let k = 1; k + 1 < tokens.length; k++) {
    if (!count(k) || !PLACE_START.has(w(k + 1) ?? '') || w(k + 1) === 'back') continue;
    let j = k - 1;
    if (['other', 'remaining'].includes(w(j) ?? '')) j--;
    if (w(j) === 'the') j--;
    if (!(w(j) === 'and' || tokens[j]?.text === ',')) continue;
    // The counted kind before it: "two blocks", "three red balls".
    let noun: string | undefined;
    for (let i = j - 1; i > 0 && noun === undefined; i--) {
      if (endsSentence(tokens[i])) break;
      const n = w(i) ?? '';
      if (NOUNS.get(n)?.plural && !['bowl', 'tray', 'container'].includes(NOUNS.get(n)!.cls)) {
        let c = i - 1;
        while (c > 0 && (isColor(w(c) ?? '') || SIZE_WORDS[w(c) ?? ''] !== undefined)) c--;
        if (count(c)) noun = n;
        else break;
      }
    }
    if (noun === undefined) continue;
    return countAgain([...tokens.slice(0, k + 1), wordLike(tokens[k]!, noun), ...tokens.slice(k + 1)]);
  }
  return tokens;
}

/** "put every second block in the bowl": every other one. */
function everySecond(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  return tokens.map((t, k) =>
    t.kind === 'word' && t.text === 'second' && w(k - 1) === 'every' && NOUNS.has(w(k + 1) ?? '') ? { ...t, text: 'other' } : t,
  );
}

/** "the middle two blocks", "the two middle blocks": "the two blocks in the middle" (the middle two of their row). */
function middleCount(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const count = (k: number): boolean =>
    (NUMBER_WORDS[w(k) ?? ''] ?? 0) >= 2 || (tokens[k]?.kind === 'number' && (tokens[k]!.value ?? 0) >= 2);
  for (let k = 0; k + 3 < tokens.length; k++) {
    if (w(k) !== 'the') continue;
    const n = w(k + 1) === 'middle' && count(k + 2) ? k + 2 : count(k + 1) && w(k + 2) === 'middle' ? k + 1 : -1;
    if (n < 0 || !NOUNS.get(w(k + 3) ?? '')?.plural) continue;
    const at = tokens[k + 3]!;
    const words = [tokens[k]!, tokens[n]!, at, wordLike(at, 'in'), wordLike(at, 'the'), wordLike(at, 'middle')];
    return middleCount([...tokens.slice(0, k), ...words, ...tokens.slice(k + 4)]);
  }
  return tokens;
}

/**
 * "every purple or orange thing", "all the red or blue blocks": colours joined by "or" in a
 * phrase said of every one are both ("and"). ("the red or blue block", one of them, is left.)
 */
function everyColourOr(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k + 1 < tokens.length; k++) {
    if (w(k) !== 'or' || !isColor(w(k - 1) ?? '') || !isColor(w(k + 1) ?? '')) continue;
    let e = k + 2;
    while (isColor(w(e) ?? '') || w(e) === 'or' || tokens[e]?.text === ',') e++;
    const noun = w(e) ?? '';
    let b = k - 2;
    while (b >= 0 && (isColor(w(b) ?? '') || tokens[b]?.text === ',')) b--;
    const every = ['every', 'all', 'each', 'any'].includes(w(b) ?? '') || (w(b) === 'the' && ['all', 'every'].includes(w(b - 1) ?? ''));
    const plural = NOUNS.get(noun)?.plural === true || ['stuff', 'things'].includes(noun);
    if (!(every || (plural && w(b) !== 'a'))) continue;
    return everyColourOr([...tokens.slice(0, k), wordLike(tokens[k]!, 'and'), ...tokens.slice(k + 1)]);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Post hoc, after the twenty-ninth table (measured held out first).

/** Words for a thing's build that a scene's ids may carry ("red_long_block"). */
const BUILD_WORDS = new Set(['long', 'flat', 'wide', 'narrow', 'tall', 'short', 'thin']);

/**
 * "the long red one", "the long blue block", where the scene's ids say "long" ("red_long_block"):
 * the one object whose id has that word and those colours, read as its id. Run by normalize.ts
 * before the other rewrites ("the long tray" with no "long" in any id is only a tray).
 */
export function buildWordIds(tokens: Token[], ids: readonly string[]): Token[] {
  if (ids.length === 0) return tokens;
  const w = wordAt(tokens);
  for (let k = 0; k + 1 < tokens.length; k++) {
    const word = w(k) ?? '';
    if (!BUILD_WORDS.has(word)) continue;
    let j = k + 1;
    const colours: string[] = [];
    while (isColor(w(j) ?? '')) colours.push(w(j++)!);
    const noun = w(j) ?? '';
    if (!(noun === 'one' || (NOUNS.has(noun) && !NOUNS.get(noun)!.plural))) continue;
    const parts = (id: string): string[] => id.split('_');
    const fits = ids.filter((id) => parts(id).includes(word) && colours.every((c) => parts(id).includes(c)));
    if (fits.length !== 1) continue;
    const from = w(k - 1) === 'the' ? k - 1 : k;
    return buildWordIds([...tokens.slice(0, from), wordLike(tokens[k]!, fits[0]!), ...tokens.slice(j + 1)], ids);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Post hoc, after the twenty-sixth and twenty-seventh tables (measured held out first).

/** Words for how a thing lies or is shaped that say nothing of which it is: "the wonky red block", "the long tray". */
const LOOKS = new Set([
  'long',
  'wide',
  'narrow',
  'flat',
  'shallow',
  'deep',
  'wonky',
  'tilted',
  'crooked',
  'skewed',
  'slanted',
  'wobbly',
  'rotated',
  'angled',
]);

/** "pop the wonky red block on the long tray": the red block on the tray (noted nowhere: nothing is chosen by it). */
function looks(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const k = tokens.findIndex(
    (t, i) =>
      t.kind === 'word' &&
      LOOKS.has(t.text) &&
      ['the', 'a', 'an', 'that', 'this', 'one'].includes(w(i - 1) ?? '') &&
      w(i + 1) !== 'way' &&
      (isColor(w(i + 1) ?? '') || NOUNS.has(w(i + 1) ?? '') || ['row', 'line', 'column'].includes(w(i + 1) ?? '')),
  );
  return k < 0 ? tokens : looks([...tokens.slice(0, k), ...tokens.slice(k + 1)]);
}

/** "then the one nearest the blue bowl in that one", "… into that bowl": in the container named last (by its colour). */
const CONTAINER_CLASSES_OF: ReadonlySet<string> = new Set(['bowl', 'tray', 'container']);

function inThatOne(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 2; k + 1 < tokens.length; k++) {
    // ("move the block furthest from the cyan bowl into that bowl": the cyan bowl, named inside.)
    const noun = NOUNS.get(w(k + 1) ?? '');
    const thatBox = noun !== undefined && !noun.plural && CONTAINER_CLASSES_OF.has(noun.cls);
    if (!['in', 'into', 'on', 'onto'].includes(w(k - 1) ?? '') || w(k) !== 'that' || !(w(k + 1) === 'one' || thatBox)) continue;
    for (let j = k - 2; j > 0; j--) {
      const cls = NOUNS.get(w(j) ?? '')?.cls;
      if (!(cls === 'bowl' || cls === 'tray' || cls === 'container')) continue;
      let d = j - 1;
      while (d >= 0 && isColor(w(d) ?? '')) d--;
      const named = tokens.slice(d + 1, j + 1).map((t) => wordLike(tokens[k]!, t.text));
      // ("The bowl nearest the ball - put the white block in that one": a container named by no
      // colour is the one just named, "that bowl", not any bowl.)
      if (thatBox && (named.length === 1 || NOUNS.get(w(j) ?? '')?.cls !== noun.cls)) break;
      const lead = named.length === 1 ? 'that' : 'the';
      return inThatOne([...tokens.slice(0, k), wordLike(tokens[k]!, lead), ...named, ...tokens.slice(k + 2)]);
    }
  }
  return tokens;
}

/**
 * "stack the block nearest the bowl on top of the one furthest from it", with nothing moved
 * before it: "it" is the container named inside the first phrase.
 */
function itTheContainer(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 3; k < tokens.length; k++) {
    if (
      w(k) !== 'it' ||
      !['from', 'to'].includes(w(k - 1) ?? '') ||
      !['furthest', 'farthest', 'closest', 'nearest'].includes(w(k - 2) ?? '')
    )
      continue;
    // The relation's container said first: "the block nearest the (blue) bowl".
    const before = tokens.slice(0, k - 2);
    const rel = before.findIndex((t) => ['nearest', 'closest', 'furthest', 'farthest'].includes(t.text));
    if (rel < 0) continue;
    let j = rel + 1;
    if (['to', 'from'].includes(w(j) ?? '')) j++;
    if (w(j) !== 'the') continue;
    let e = j + 1;
    while (isColor(w(e) ?? '')) e++;
    const cls = NOUNS.get(w(e) ?? '')?.cls;
    if (!(cls === 'bowl' || cls === 'tray' || cls === 'container') || e >= k - 2) continue;
    const named = tokens.slice(j, e + 1).map((t) => wordLike(tokens[k]!, t.text));
    return itTheContainer([...tokens.slice(0, k), ...named, ...tokens.slice(k + 1)]);
  }
  return tokens;
}

/** "every block goes in the bowl it's closest to", "the bowl it is nearest to": the bowl closest to it. */
function itsClosestTo(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k + 3 < tokens.length; k++) {
    if (!NOUNS.has(w(k - 1) ?? '') || w(k) !== 'it' || w(k + 1) !== 'is') continue;
    if (!['closest', 'nearest', 'near', 'close'].includes(w(k + 2) ?? '') || w(k + 3) !== 'to') continue;
    const at = tokens[k]!;
    const words = [wordLike(at, 'closest'), wordLike(at, 'to'), wordLike(at, 'it')];
    return itsClosestTo([...tokens.slice(0, k), ...words, ...tokens.slice(k + 4)]);
  }
  return tokens;
}

/** "in a row across the back": along it (the band along that edge). */
function acrossTheEdge(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  return tokens.map((t, k) =>
    t.kind === 'word' && t.text === 'across' && w(k + 1) === 'the' && ['back', 'front', 'top', 'bottom'].includes(w(k + 2) ?? '')
      ? { ...t, text: 'along' }
      : t,
  );
}

/** "unstack the cans and stand all four in a row": all four of the kind named before ("all four cans"). */
function allCountAgain(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 2; k + 2 < tokens.length; k++) {
    if (w(k) !== 'all' || (NUMBER_WORDS[w(k + 1) ?? ''] ?? 0) < 2) continue;
    if (!['in', 'into', 'on', 'onto', 'to', 'up', 'along', 'across'].includes(w(k + 2) ?? '')) continue;
    // A verb right before, and things named before it in the sentence.
    let s = k - 1;
    while (s > 0 && !endsSentence(tokens[s - 1])) s--;
    const named = tokens
      .slice(s, k)
      .some((t) => NOUNS.get(t.text)?.plural && !['bowl', 'tray', 'container'].includes(NOUNS.get(t.text)!.cls));
    if (!named || !['stand', 'put', 'line', 'set', 'place', 'arrange', 'get', 'move'].includes(w(k - 1) ?? '')) continue;
    // The kind named last: "all four cans".
    const noun = [...tokens.slice(s, k)]
      .reverse()
      .find((t) => NOUNS.get(t.text)?.plural && !['bowl', 'tray', 'container'].includes(NOUNS.get(t.text)!.cls))!;
    return allCountAgain([...tokens.slice(0, k + 2), wordLike(tokens[k + 1]!, noun.text), ...tokens.slice(k + 2)]);
  }
  return tokens;
}

/**
 * "put all the cans on the table, no stacking", "flatten the stacks so no block is on top of
 * another", "unstack everything so nothing is stacked": what the rest says again, left out.
 */
function saidAgain(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k < tokens.length; k++) {
    let e = -1;
    // "…, order doesn't matter", "…, any order": how it need not be, said by the way.
    if (tokens[k - 1]?.text === ',' && (w(k) === 'order' || (w(k) === 'the' && w(k + 1) === 'order'))) {
      const o = w(k) === 'order' ? k + 1 : k + 2;
      const neg = ["doesn't", 'doesnt', "don't", 'dont'].includes(w(o) ?? '') ? 1 : w(o) === 'does' && w(o + 1) === 'not' ? 2 : 0;
      if (neg > 0 && w(o + neg) === 'matter') e = o + neg + 1;
    }
    // (The tokenizer reads "stacking" as "stack".)
    if (tokens[k - 1]?.text === ',' && w(k) === 'no' && (/ing$/.test(w(k + 1) ?? '') || VERBS.has(w(k + 1) ?? ''))) e = k + 2;
    if (w(k) === 'so' && ['no', 'nothing', 'none'].includes(w(k + 1) ?? '')) {
      const rest = tokens.slice(k + 2).map((t) => t.text);
      const end = rest.findIndex((x) => ['.', ';', '!', ','].includes(x));
      const said = end < 0 ? rest : rest.slice(0, end);
      const stacked =
        said.includes('stacked') ||
        (said.includes('on') && said.includes('top') && said.some((x) => ['another', 'other', 'anything'].includes(x)));
      if (stacked && said.length <= 7) e = k + 2 + said.length;
    }
    if (e < 0) continue;
    const end = e < tokens.length && !endsSentence(tokens[e]) && tokens[e]!.text !== ',' ? -1 : e;
    if (end < 0) continue;
    const from = tokens[k - 1]?.text === ',' ? k - 1 : k;
    return saidAgain([...tokens.slice(0, from), ...tokens.slice(end)]);
  }
  return tokens;
}

/** "both top cans", "both bottom blocks": the two top ones. */
function bothEnds(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const k = tokens.findIndex(
    (t, i) => t.kind === 'word' && t.text === 'both' && ['top', 'bottom'].includes(w(i + 1) ?? '') && NOUNS.get(w(i + 2) ?? '')?.plural,
  );
  if (k < 0) return tokens;
  return [...tokens.slice(0, k), wordLike(tokens[k]!, 'the'), wordLike(tokens[k]!, 'two'), ...tokens.slice(k + 1)];
}

/** "tidy those five blocks into a straight line": put them in it. */
function tidyInto(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const k = tokens.findIndex((t) => t.kind === 'word' && ['tidy', 'neaten', 'straighten', 'organise', 'organize'].includes(t.text));
  if (k < 0) return tokens;
  const into = tokens.findIndex((t, i) => i > k && ['into', 'in'].includes(t.text) && ['a', 'one'].includes(w(i + 1) ?? ''));
  if (into < 0) return tokens;
  const shape = tokens.slice(into + 2, into + 5).map((t) => t.text);
  if (!shape.some((x) => ['line', 'row', 'column', 'circle', 'stack', 'pile', 'tower'].includes(x))) return tokens;
  const up = w(k + 1) === 'up' ? 1 : 0;
  return [...tokens.slice(0, k), wordLike(tokens[k]!, 'put'), ...tokens.slice(k + 1 + up)];
}

/** ", but never in the bowl of their own colour": none in the bowl of its own colour. */
function neverOwn(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const k = tokens.findIndex((t, i) => t.kind === 'word' && t.text === 'never' && ['in', 'into', 'on'].includes(w(i + 1) ?? ''));
  if (k < 0) return tokens;
  const own = tokens.slice(k).findIndex((t) => t.text === 'own');
  if (own < 0) return tokens;
  const b = w(k - 1) === 'but' ? k - 1 : k;
  const words = tokens.slice(k + 1).map((t) => (t.text === 'their' ? { ...t, text: 'its' } : t));
  return [...tokens.slice(0, b), wordLike(tokens[k]!, 'none'), ...words];
}

/**
 * "drop the red block in the white bowl on the tray", "put the red block in the bowl sitting on
 * the tray": where the bowl stands, said after it, is no second place for the block.
 */
function containerOnContainer(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 2; k + 2 < tokens.length; k++) {
    if (NOUNS.get(w(k - 1) ?? '')?.cls !== 'bowl') continue;
    let p = k - 2;
    while (p > 0 && isColor(w(p) ?? '')) p--;
    if (w(p) !== 'the' || !['in', 'into', 'inside'].includes(w(p - 1) ?? '')) continue;
    let j = k;
    if (['sitting', 'standing', 'resting', 'sit', 'stand', 'rest'].includes(w(j) ?? '')) j++;
    else if (['that', 'which'].includes(w(j) ?? '') && w(j + 1) === 'is') j += 2;
    if (!['on', 'in'].includes(w(j) ?? '') || w(j + 1) !== 'the') continue;
    let e = j + 2;
    while (isColor(w(e) ?? '')) e++;
    if (NOUNS.get(w(e) ?? '')?.cls !== 'tray') continue;
    const end = tokens[e + 1];
    if (end && !endsSentence(end) && end.text !== ',' && !['please', 'pls', 'thanks', 'and', 'then'].includes(end.text)) continue;
    // ("the bowl sitting on the tray" with no colour says which bowl: the one that is on it.)
    // ("into": the block goes in it, never "the block in the bowl".)
    if (p === k - 2) return [...tokens.slice(0, p - 1), wordLike(tokens[p - 1]!, 'into'), ...tokens.slice(p, k), ...tokens.slice(j)];
    return containerOnContainer([...tokens.slice(0, k), ...tokens.slice(e + 1)]);
  }
  return tokens;
}

/** "take the block off the top of the tallest stack": the top block off it. */
function offTheTopOf(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 2; k + 4 < tokens.length; k++) {
    if (!(w(k) === 'off' && w(k + 1) === 'the' && w(k + 2) === 'top' && w(k + 3) === 'of')) continue;
    const noun = w(k - 1) ?? '';
    if (!(noun === 'one' || (NOUNS.has(noun) && !NOUNS.get(noun)!.plural))) continue;
    // ("lift the red block off the top of the blue one": a thing named by its colour is that one, off the blue one.)
    if (isColor(w(k - 2) ?? '')) return offTheTopOf([...tokens.slice(0, k + 1), ...tokens.slice(k + 4)]);
    if (w(k - 2) !== 'the') continue;
    const at = tokens[k - 1]!;
    return offTheTopOf([...tokens.slice(0, k - 1), wordLike(at, 'top'), at, tokens[k]!, ...tokens.slice(k + 4)]);
  }
  return tokens;
}

/** "push the green block back into line with the others", "put the green block back in line": the blocks in a line. */
function backInLine(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 6 < tokens.length; k++) {
    if (!['put', 'push', 'move', 'get', 'slide', 'nudge'].includes(w(k) ?? '') || w(k + 1) !== 'the') continue;
    let n = k + 2;
    while (isColor(w(n) ?? '')) n++;
    const noun = w(n) ?? '';
    if (
      !NOUNS.has(noun) ||
      NOUNS.get(noun)!.plural ||
      w(n + 1) !== 'back' ||
      !['in', 'into'].includes(w(n + 2) ?? '') ||
      w(n + 3) !== 'line'
    )
      continue;
    let e = n + 4;
    if (w(e) === 'with' && w(e + 1) === 'the' && ['others', 'rest', 'row'].includes(w(e + 2) ?? '')) e += 3;
    const plural = pluralOf(noun);
    if (plural === undefined) continue;
    const at = tokens[k]!;
    const words = [
      wordLike(at, 'line'),
      wordLike(at, 'up'),
      wordLike(at, 'the'),
      wordLike(tokens[n]!, plural),
      wordLike(at, 'in'),
      wordLike(at, 'a'),
      wordLike(at, 'row'),
    ];
    return backInLine([...tokens.slice(0, k), ...words, ...tokens.slice(e)]);
  }
  return tokens;
}

/**
 * "the block on its own", "the one that's by itself", "the block sitting all alone": "the lone
 * block" (grammar.ts: the one farthest from any other thing). Run last by normalize.ts (earlier
 * passes drop adjectives they do not know).
 */
export function onItsOwn(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 2; k < tokens.length; k++) {
    const noun = w(k - 1) ?? '';
    if (!(noun === 'one' || (NOUNS.has(noun) && !NOUNS.get(noun)!.plural && !['bowl', 'tray', 'container'].includes(NOUNS.get(noun)!.cls))))
      continue;
    let d = k - 2;
    while (d >= 0 && (isColor(w(d) ?? '') || SIZE_WORDS[w(d) ?? ''] !== undefined)) d--;
    if (w(d) !== 'the') continue;
    let j = k;
    if (['that', 'which'].includes(w(j) ?? '') && w(j + 1) === 'is') j += 2;
    else if (['sitting', 'standing', 'lying', 'sit', 'stand', 'lie'].includes(w(j) ?? '')) j++;
    if (w(j) === 'all') j++;
    let e = -1;
    if (w(j) === 'on' && w(j + 1) === 'its' && w(j + 2) === 'own') e = j + 3;
    else if (w(j) === 'by' && w(j + 1) === 'itself') e = j + 2;
    // ("leave the red block alone" keeps it: "alone" only after "that's", "sitting", "all".)
    else if (w(j) === 'alone' && j > k) e = j + 1;
    if (e < 0) continue;
    return onItsOwn([...tokens.slice(0, d + 1), wordLike(tokens[d + 1]!, 'lone'), ...tokens.slice(d + 1, k), ...tokens.slice(e)]);
  }
  return tokens;
}

/** The twenty-fourth round's rewrites, in order (normalize.ts runs them before the phrasings). */
export function everydayForms(tokens: Token[]): Token[] {
  let out = thenClause(tokens);
  out = touching(out);
  out = stackEnds(out);
  out = allBut(out);
  out = exceptOnSide(out);
  out = nearestPlace(out);
  out = oppositeCorner(out);
  out = rowToColumn(out);
  out = diagonalInto(out);
  out = roundAbout(out);
  out = countAgain(out);
  out = everySecond(out);
  out = middleCount(out);
  out = everyColourOr(out);
  // Post hoc, after the twenty-sixth and twenty-seventh tables.
  out = looks(out);
  out = inThatOne(out);
  out = itTheContainer(out);
  out = itsClosestTo(out);
  out = acrossTheEdge(out);
  out = allCountAgain(out);
  out = saidAgain(out);
  out = bothEnds(out);
  out = tidyInto(out);
  out = neverOwn(out);
  out = containerOnContainer(out);
  out = offTheTopOf(out);
  out = backInLine(out);
  return out;
}
