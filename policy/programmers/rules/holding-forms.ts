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
// Post hoc, after the thirtieth and thirty-first tables (measured held out first): "ontop",
// "inbetween", "they're"; "a different block in each of the three bowls"; "make two stacks, one of the
// red blocks and one of the blue blocks"; "into the blue and green bowls, one in each"; "the ball that
// rolled furthest from the tray"; "the green and blue ones in their own bowls".
// What rests on what ("the can with a ball on it", "the bowl that has nothing in it", "the block
// under the ball", and "not" of each) is read by the grammar (heldThings); "the bowl sitting on the
// tray" where the tray says which bowl, by intents.ts (nestedContainers).

import { NOUNS, VERBS, isColor } from './lexicon.ts';
import { punctBefore, wordAt, wordLike } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

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

// Post hoc, after the thirtieth and thirty-first tables (measured held out first).

/** Words run together: "ontop of", "inbetween" ("infront" is split by the tokenizer). */
const RUN_TOGETHER: Record<string, string[]> = {
  ontop: ['on', 'top'],
  inbetween: ['in', 'between'],
  nextto: ['next', 'to'],
};

/** "they're", "theyre", "you're", "we're": they are. */
const ARE_CONTRACTIONS: Record<string, string[]> = {
  "they're": ['they', 'are'],
  theyre: ['they', 'are'],
  "you're": ['you', 'are'],
  youre: ['you', 'are'],
  "we're": ['we', 'are'],
};

function runTogether(tokens: Token[]): Token[] {
  if (!tokens.some((t) => t.kind === 'word' && (RUN_TOGETHER[t.text] || ARE_CONTRACTIONS[t.text]))) return tokens;
  return tokens.flatMap((t) => {
    const parts = t.kind === 'word' ? (RUN_TOGETHER[t.text] ?? ARE_CONTRACTIONS[t.text]) : undefined;
    if (!parts) return [t];
    // (Each part its own span of the word: "in" and "front" are two words in a row.)
    let at = t.start;
    return parts.map((x, n) => {
      const end = n === parts.length - 1 ? t.end : Math.min(t.end, at + x.length);
      const part: Token = { kind: 'word', text: x, start: at, end };
      at = end;
      return part;
    });
  });
}

/**
 * "put a different block in each of the three bowls": one block in each of the bowls; "in each of
 * the three bowls" is every one of them (the count says how many there are, not which).
 */
function differentInEach(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  let out = tokens;
  for (let k = 0; k + 3 < out.length; k++) {
    if (
      w(k) === 'a' &&
      w(k + 1) === 'different' &&
      NOUNS.has(w(k + 2) ?? '') &&
      ['in', 'into', 'on', 'onto'].includes(w(k + 3) ?? '') &&
      w(k + 4) === 'each'
    ) {
      out = [...out.slice(0, k), wordLike(out[k]!, 'one'), ...out.slice(k + 2)];
      return differentInEach(out);
    }
  }
  const v = wordAt(out);
  for (let k = 0; k + 4 < out.length; k++) {
    if (
      v(k) !== 'each' ||
      v(k + 1) !== 'of' ||
      v(k + 2) !== 'the' ||
      !['two', 'three', 'four', 'five', '2', '3', '4', '5'].includes(v(k + 3) ?? '')
    )
      continue;
    const noun = NOUNS.get(v(k + 4) ?? '');
    if (!noun?.plural || !['bowl', 'tray', 'container'].includes(noun.cls)) continue;
    return differentInEach([...out.slice(0, k + 3), ...out.slice(k + 4)]);
  }
  return out;
}

/** "make two stacks, one of the red blocks and one of the blue blocks": stack each group. */
function twoStacksOf(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 12 < tokens.length; k++) {
    if (
      !['make', 'build', 'do'].includes(w(k) ?? '') ||
      !['two', '2'].includes(w(k + 1) ?? '') ||
      !['stacks', 'towers', 'piles'].includes(w(k + 2) ?? '')
    )
      continue;
    let j = k + 3;
    if (tokens[j]?.kind === 'punct' && [',', ':'].includes(tokens[j]!.text)) j++;
    const group = (at: number): [number, number] | null => {
      if (w(at) !== 'one' || !['of', 'from', 'with'].includes(w(at + 1) ?? '')) return null;
      let e = at + 2;
      while (e < tokens.length && tokens[e]!.kind === 'word' && w(e) !== 'and') e++;
      return e > at + 2 ? [at + 2, e] : null;
    };
    const a = group(j);
    if (!a || w(a[1]) !== 'and') continue;
    const b = group(a[1] + 1);
    if (!b) continue;
    const at = tokens[k]!;
    const comma: Token = punctBefore(at, ',');
    // ("one of the red blocks and one of the blue": the blue blocks, the kind the first named.)
    const second = tokens.slice(b[0], b[1]).filter((u) => u.text !== 'ones');
    const kind = tokens.slice(a[0], a[1]).find((u) => NOUNS.get(u.text)?.plural);
    const unnamed = kind !== undefined && !second.some((u) => NOUNS.has(u.text));
    return [
      ...tokens.slice(0, k),
      wordLike(at, 'stack'),
      ...tokens.slice(a[0], a[1]),
      comma,
      wordLike(at, 'then'),
      wordLike(at, 'stack'),
      ...second,
      ...(unnamed ? [wordLike(tokens[b[1] - 1]!, kind.text)] : []),
      ...tokens.slice(b[1]),
    ];
  }
  return tokens;
}

/** "into the blue and green bowls, one in each": one per bowl of those colours. */
function listedBowlsEach(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 7 < tokens.length; k++) {
    if (!['in', 'into'].includes(w(k) ?? '') || w(k + 1) !== 'the' || !isColor(w(k + 2) ?? '')) continue;
    let j = k + 3;
    while (['and', 'or'].includes(w(j) ?? '') || isColor(w(j) ?? '') || tokens[j]?.text === ',') j++;
    const noun = NOUNS.get(w(j) ?? '');
    if (!noun?.plural || !['bowl', 'tray', 'container'].includes(noun.cls)) continue;
    if (tokens[j + 1]?.text !== ',' || w(j + 2) !== 'one' || w(j + 3) !== 'in' || w(j + 4) !== 'each') continue;
    const single = tokens[j]!.text.replace(/e?s$/, '') === 'box' ? 'box' : tokens[j]!.text.replace(/s$/, '');
    return [...tokens.slice(0, j + 3), wordLike(tokens[j + 3]!, 'per'), wordLike(tokens[j + 4]!, single), ...tokens.slice(j + 5)];
  }
  return tokens;
}

/** "the ball that rolled furthest from the tray": the ball furthest from it. */
function thatRolled(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k + 2 < tokens.length; k++) {
    if (!['that', 'which'].includes(w(k) ?? '') || !NOUNS.has(w(k - 1) ?? '')) continue;
    if (!['rolled', 'went', 'landed', 'ended', 'got'].includes(w(k + 1) ?? '')) continue;
    let j = k + 2;
    if (w(j) === 'up') j++;
    if (!['furthest', 'farthest', 'closest', 'nearest'].includes(w(j) ?? '')) continue;
    return thatRolled([...tokens.slice(0, k), ...tokens.slice(j)]);
  }
  return tokens;
}

/**
 * "then the green and blue ones in their own bowls": colours named, so the bowls of their own
 * colour ("put the blocks in their own bowls", no colour named, is still a bowl each).
 */
function theirOwnBowls(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 2; k + 2 < tokens.length; k++) {
    if (!['in', 'into'].includes(w(k) ?? '') || w(k + 1) !== 'their' || w(k + 2) !== 'own') continue;
    const noun = NOUNS.get(w(k + 3) ?? '');
    if (!noun?.plural || !['bowl', 'tray', 'container'].includes(noun.cls)) continue;
    // (The colours named in the clause: "the green and blue ones".)
    let i = k - 1;
    let colours = 0;
    while (i >= 0 && tokens[i]!.text !== ',' && w(i) !== 'then') {
      if (isColor(w(i) ?? '')) colours++;
      i--;
    }
    if (colours < 2) continue;
    const at = tokens[k + 1]!;
    const said = [
      wordLike(at, 'the'),
      tokens[k + 3]!,
      wordLike(at, 'of'),
      wordLike(at, 'their'),
      wordLike(at, 'own'),
      wordLike(at, 'color'),
    ];
    return [...tokens.slice(0, k + 1), ...said, ...tokens.slice(k + 4)];
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
  // Post hoc, after the thirtieth and thirty-first tables.
  out = runTogether(out);
  out = differentInEach(out);
  out = twoStacksOf(out);
  out = listedBowlsEach(out);
  out = thatRolled(out);
  out = theirOwnBowls(out);
  return out;
}
