// Everyday forms the normalisation pass rewrites into the grammar's own (twenty-fifth round,
// test/programmers/rule-constructions-22.test.ts): made from the lead's own sentences about things
// resting on and in others, and committed before the thirtieth and thirty-first tables were first run.
// - "every ball that isn't red, orange or yellow": the colours of one list, commas and all.
// - "the back row of blocks", "the top row of balls", "the left column of cans": the blocks in
//   the back row (the grammar reads rows and columns of things after the noun).
// - "just above the middle of the long tray", "in front of the centre of the bowl": above the
//   tray (a relation is measured from the middle of its footprint already).
// - "on whichever stack is closer to it", "in whichever bowl is nearer the ball": the stack closest to it.
// - "the other way up": the other way round; "the two rows of blocks": the blocks.
// - "the balls along the top, put …", "the middle one of the balls along the top in the bowl": at the top.
// What rests on what ("the can with a ball on it", "the bowl that has nothing in it", "the block
// under the ball", and "not" of each) is read by the grammar (heldThings); "the bowl sitting on the
// tray" where the tray says which bowl, by intents.ts (nestedContainers).

import { NOUNS, VERBS, isColor } from './lexicon.ts';
import type { Token } from './tokenizer.ts';

const wordAt =
  (tokens: readonly Token[]) =>
  (k: number): string | undefined =>
    tokens[k]?.kind === 'word' ? tokens[k]!.text : undefined;

/** A word token at the place of `at` (a rewrite's new words take the span of what they replace). */
const wordLike = (at: Token, text: string): Token => ({ kind: 'word', text, start: at.start, end: at.end });

const NEGATIONS = new Set(["isn't", "aren't", 'isnt', 'arent', 'not', 'non']);

/**
 * "that isn't red, orange or yellow", "not red, blue, or green": one list of colours, without the
 * commas (which would otherwise end the phrase before "orange").
 */
function notColourList(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const drop = new Set<number>();
  for (let k = 0; k < tokens.length; k++) {
    if (!NEGATIONS.has(w(k) ?? '') || !isColor(w(k + 1) ?? '')) continue;
    let j = k + 1;
    const commas: number[] = [];
    while (isColor(w(j) ?? '')) {
      const sep = tokens[j + 1];
      if (sep?.kind === 'punct' && sep.text === ',' && isColor(w(j + 2) ?? '')) {
        commas.push(j + 1);
        j += 2;
      } else if (sep?.kind === 'punct' && sep.text === ',' && ['or', 'and', 'nor'].includes(w(j + 2) ?? '') && isColor(w(j + 3) ?? '')) {
        commas.push(j + 1);
        j += 3;
      } else if (['or', 'and', 'nor'].includes(w(j + 1) ?? '') && isColor(w(j + 2) ?? '')) j += 2;
      else break;
    }
    // (Only a list that ends in "or" / "and" before its last colour.)
    if (commas.length > 0 && ['or', 'and', 'nor'].includes(w(j - 1) ?? '')) for (const c of commas) drop.add(c);
  }
  return drop.size === 0 ? tokens : tokens.filter((_, i) => !drop.has(i));
}

/** The words a row or a column of things is said by. */
const LINE_WORDS = new Set(['row', 'column', 'line']);
const LINE_SIDES = new Set([
  'front',
  'back',
  'top',
  'bottom',
  'left',
  'right',
  'first',
  'second',
  'third',
  'last',
  'middle',
  'near',
  'far',
]);

/** "the back row of blocks", "the top row of balls": the blocks in the back row. */
function rowOf(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 4 < tokens.length; k++) {
    if (w(k) !== 'the' || !LINE_SIDES.has(w(k + 1) ?? '') || !LINE_WORDS.has(w(k + 2) ?? '') || w(k + 3) !== 'of') continue;
    const noun = NOUNS.get(w(k + 4) ?? '');
    if (!noun?.plural || ['bowl', 'tray', 'container', 'zone'].includes(noun.cls)) continue;
    const at = tokens[k]!;
    const words = [wordLike(at, 'the'), tokens[k + 4]!, wordLike(at, 'in'), wordLike(at, 'the'), tokens[k + 1]!, tokens[k + 2]!];
    return rowOf([...tokens.slice(0, k), ...words, ...tokens.slice(k + 5)]);
  }
  return tokens;
}

/** Relations measured from another thing ("above X", "to the left of X", "in front of X"). */
const RELATION_ENDS = new Set(['above', 'below', 'behind', 'beside', 'of', 'to', 'near', 'by']);

/** "just above the middle of the long tray": above the long tray. */
function middleOfThing(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k + 3 < tokens.length; k++) {
    if (
      !RELATION_ENDS.has(w(k - 1) ?? '') ||
      w(k) !== 'the' ||
      !['middle', 'centre', 'center'].includes(w(k + 1) ?? '') ||
      w(k + 2) !== 'of'
    )
      continue;
    // ("to the left of the middle of the table" is a place of the table's, read elsewhere; "next to the middle of" too.)
    if (w(k - 1) === 'to' && w(k - 2) === 'next') continue;
    let e = k + 3;
    if (!['the', 'that', 'this'].includes(w(e) ?? '')) continue;
    e++;
    while (e < tokens.length && (isColor(w(e) ?? '') || ['long', 'big', 'small', 'large', 'little', 'wide', 'flat'].includes(w(e) ?? '')))
      e++;
    const noun = NOUNS.get(w(e) ?? '');
    if (!noun || noun.cls === 'zone' || w(e) === 'table') continue;
    return middleOfThing([...tokens.slice(0, k), ...tokens.slice(k + 3)]);
  }
  return tokens;
}

/** "in whichever bowl is closest to it", "on whichever stack is nearer the ball": the bowl closest to it. */
function whicheverIs(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 3 < tokens.length; k++) {
    if (
      w(k) !== 'whichever' ||
      !(NOUNS.has(w(k + 1) ?? '') || ['stack', 'tower', 'pile'].includes(w(k + 1) ?? '')) ||
      !['is', "'s", 'are'].includes(w(k + 2) ?? '')
    )
      continue;
    // (Only where something goes: "on top of whichever stack is closer"; a fronted "whichever block is …, put it" is read elsewhere.)
    if (!['of', 'on', 'onto', 'in', 'into', 'to', 'by', 'beside', 'near'].includes(w(k - 1) ?? '')) continue;
    const rank = w(k + 3) ?? '';
    const close = ['closer', 'closest', 'nearer', 'nearest'].includes(rank);
    const far = ['farther', 'farthest', 'further', 'furthest'].includes(rank);
    if (!close && !far) continue;
    const at = tokens[k]!;
    const words = [wordLike(at, 'the'), tokens[k + 1]!, wordLike(at, close ? 'closest' : 'farthest')];
    return whicheverIs([...tokens.slice(0, k), ...words, ...tokens.slice(k + 4)]);
  }
  return tokens;
}

/** "rebuild the tower the other way up": the other way round (upside down). */
function otherWayUp(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  return tokens.map((t, k) =>
    w(k) === 'up' && w(k - 1) === 'way' && w(k - 2) === 'other' && w(k - 3) === 'the' ? wordLike(t, 'round') : t,
  );
}

/** "turn the two rows of blocks into one long row", "both rows of balls": the blocks (of every row). */
function rowsOf(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 3 < tokens.length; k++) {
    if (w(k) !== 'the') continue;
    const j = ['two', 'three', 'both', '2', '3'].includes(w(k + 1) ?? '') ? k + 2 : k + 1;
    if (!['rows', 'columns', 'lines'].includes(w(j) ?? '') || w(j + 1) !== 'of') continue;
    const noun = NOUNS.get(w(j + 2) ?? '');
    if (!noun?.plural || ['bowl', 'tray', 'container', 'zone'].includes(noun.cls)) continue;
    return rowsOf([...tokens.slice(0, k + 1), ...tokens.slice(j + 2)]);
  }
  return tokens;
}

/**
 * "the balls along the top", "the blocks along the left edge": those at the top (a part of the
 * table said after things, not where a line goes: "in a line along the top" is left as it is).
 */
function thingsAlong(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k + 2 < tokens.length; k++) {
    if (w(k) !== 'along' || w(k + 1) !== 'the' || !['top', 'bottom', 'back', 'front', 'left', 'right'].includes(w(k + 2) ?? '')) continue;
    const noun = NOUNS.get(w(k - 1) ?? '');
    if (!noun || ['bowl', 'tray', 'container', 'zone'].includes(noun.cls) || LINE_WORDS.has(w(k - 1) ?? '')) continue;
    const after = w(k + 3);
    const edge = after === 'edge' || after === 'side' ? 1 : 0;
    const next = tokens[k + 3 + edge];
    // Only where what follows says where they go ("… along the top in the bowl", "…, put it"):
    // else "along the top" is where ("put the blocks along the top").
    const placeAfter =
      next !== undefined && (next.text === ',' || ['in', 'into', 'on', 'onto', 'go', 'goes', 'to', 'and', 'should'].includes(next.text));
    // ("put the blocks along the top, then …": where they go, still.)
    let clauseStart = k - 1;
    while (clauseStart >= 0 && tokens[clauseStart]!.kind !== 'punct' && tokens[clauseStart]!.text !== 'then') clauseStart--;
    const verbAt = tokens.slice(clauseStart + 1, k).findIndex((t) => t.kind === 'word' && (VERBS.has(t.text) || t.text === 'line'));
    const whereSaid = tokens.slice(clauseStart + 1, k).some((t) => ['in', 'into', 'on', 'onto', 'to'].includes(t.text));
    if (
      !placeAfter ||
      (verbAt >= 0 && !whereSaid && next!.text !== 'in' && next!.text !== 'into' && next!.text !== 'on' && next!.text !== 'onto')
    )
      continue;
    return thingsAlong([...tokens.slice(0, k), wordLike(tokens[k]!, 'at'), ...tokens.slice(k + 1, k + 3), ...tokens.slice(k + 3 + edge)]);
  }
  return tokens;
}

export function holdingForms(tokens: Token[]): Token[] {
  let out = notColourList(tokens);
  out = rowOf(out);
  out = middleOfThing(out);
  out = whicheverIs(out);
  out = otherWayUp(out);
  out = rowsOf(out);
  out = thingsAlong(out);
  return out;
}
