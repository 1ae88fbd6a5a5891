// Requests said as questions, the group a question or a choice is made in, and other ways of
// saying what the grammar already reads. Each pass rewrites the words into a form the grammar
// reads; nothing here looks at the scene. The passes run in the order of `askingForms`.
//
//   "Could the blue block sit on the tray?"          → "the blue block could sit on the tray"
//   "which of the balls is the biggest?"             → "which ball is the biggest?"
//   "which block is second from the left?"           → "the block second from the left"
//   "What's sitting just above the bowl? Move that"  → "the thing sitting just above the bowl? …"
//   "From the blocks on the left, take the lowest"   → "of the blocks on the left, take the lowest"
//   "In that bunch of blocks up top, the one …"      → "of the clustered blocks up top, the one …"
//   "The blocks on the right: which one is …?"       → "of the blocks on the right, which one is …?"
//   "… in the bowl later", "… this afternoon"        → "… in the bowl" (when it is done says nothing of what)
//   "Orange block, a little above the bowl"          → "orange block a little above the bowl"
//   "Bookend the bowl: A on its left, B on its right" → "A on the left of the bowl, B on the right of the bowl"
//   "Cyan blocks: one stacked on the other"          → "stack the cyan blocks"
//   "the odd one out"                                → "the odd one" (grammar.ts: alone in its shape, else colour)
//   "Straighten the V out into a line"               → "arrange the things in a line"
//   "put A in X (the blue block stays put)"          → "put A in X. the blue block stays put"
//   "Let b be the red block. Put b in the bowl."     → "Put the red block in the bowl."
//   "It would be nice if someone put …", "wee"       → "put …", "little"

import { NOUNS, NUMBER_WORDS, ORDINALS, SIDE_WORDS, VERBS, isColor, singularOf } from './lexicon.ts';
import { endsSentence, wordAt } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

/** A word said in place of `at`'s (a rewrite's own word, at that token's start). */
export const word = (text: string, at: Token): Token => ({ kind: 'word', text, start: at.start, end: at.start });

/** Whether `w` is a plural noun of things (not of containers: "in the bowls, …" says where). */
function pluralThing(w: string | undefined): boolean {
  const info = w === undefined ? undefined : NOUNS.get(w);
  return info?.plural === true && !['bowl', 'tray', 'container', 'zone'].includes(info.cls);
}

const MODALS_ASKING: ReadonlySet<string> = new Set(['can', 'could', 'would', 'will', 'might']);
const POSTURES: ReadonlySet<string> = new Set(['sit', 'stand', 'rest', 'lie']);

/**
 * "Could the blue block sit on the tray?", "Can the can stand next to the bowl?": asked of the
 * thing, its posture says where it is to be — the modal goes before the posture ("the blue block
 * could sit on the tray"), which the grammar reads as a statement of where it belongs.
 */
function askedPostures(tokens: Token[]): Token[] {
  for (let k = 0; k < tokens.length; k++) {
    const starts = k === 0 || endsSentence(tokens[k - 1]) || tokens[k - 1]!.text === ',';
    const t = tokens[k]!;
    if (!starts || t.kind !== 'word' || !MODALS_ASKING.has(t.text)) continue;
    const next = tokens[k + 1];
    if (next?.kind !== 'word' || !['the', 'that', 'this', 'those', 'these', 'all', 'every', 'each'].includes(next.text)) continue;
    let j = k + 2;
    while (j < tokens.length && j - k <= 8 && tokens[j]!.kind === 'word' && !POSTURES.has(tokens[j]!.text)) j++;
    if (!POSTURES.has(tokens[j]?.text ?? '') || tokens[j]!.kind !== 'word') continue;
    // (The thing before the posture ends in its noun: "the red can stand", never "the block on the left sit".)
    const before = tokens[j - 1]!.text;
    if (!(NOUNS.has(before) || before === 'one' || before === 'ones')) continue;
    return askedPostures([...tokens.slice(0, k), ...tokens.slice(k + 1, j), t, ...tokens.slice(j)]);
  }
  return tokens;
}

/**
 * "which of the blocks is lowest?", "which one of the balls is the biggest?": "which block is
 * lowest?" (then read as "whichever", normalize.ts); "which block is (the) second from the left?":
 * "the block second from the left", a topic the next sentence's "it" / "that one" points back at.
 */
function whichOfThe(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    const starts = k === 0 || endsSentence(tokens[k - 1]) || [',', ':'].includes(tokens[k - 1]!.text);
    // "What's sitting straight above the big bowl? Move that …", "what is just left of the tray?": the thing there.
    const what = w(k) === "what's" ? 1 : w(k) === 'what' && w(k + 1) === 'is' ? 2 : 0;
    if (starts && what > 0 && tokens.slice(k).find((t) => endsSentence(t))?.text === '?') {
      let j = k + what;
      if (['sit', 'lie', 'stand', 'rest', 'sitting', 'lying', 'standing', 'placed'].includes(w(j) ?? '')) j++;
      if (['straight', 'right', 'just', 'directly', 'immediately'].includes(w(j) ?? '')) j++;
      if (
        ['above', 'below', 'under', 'behind', 'beside', 'next', 'left', 'right', 'to', 'in', 'on', 'nearest', 'closest'].includes(
          w(j) ?? '',
        )
      )
        return whichOfThe([...tokens.slice(0, k), word('the', tokens[k]!), word('thing', tokens[k]!), ...tokens.slice(k + what)]);
    }
    if (!starts || w(k) !== 'which') continue;
    const q = tokens.slice(k).find((t) => endsSentence(t));
    if (q?.text !== '?') continue;
    let j = k + 1;
    if (w(j) === 'one' && w(j + 1) === 'of') j++;
    if (
      w(j) === 'of' &&
      w(j + 1) === 'the' &&
      pluralThing(w(j + 2)) &&
      singularOf(w(j + 2) ?? '') !== undefined &&
      ['is', "'s"].includes(w(j + 3) ?? '')
    ) {
      const one = { ...tokens[j + 2]!, text: singularOf(w(j + 2)!)! };
      return whichOfThe([...tokens.slice(0, k + 1), one, ...tokens.slice(j + 3)]);
    }
    // "which block is (the) second from the left?", "which ball's third from the top?".
    const noun = NOUNS.has(w(k + 1) ?? '') ? k + 1 : -1;
    // "which bowl has nothing in it? put the white block in that one": "the bowl that has nothing in it" (thirty-sixth round).
    if (noun > 0 && ['has', 'holds', 'contains', 'have', 'hold', 'contain'].includes(w(noun + 1) ?? '') && !tokens[noun]!.possessive)
      return whichOfThe([
        ...tokens.slice(0, k),
        word('the', tokens[k]!),
        tokens[noun]!,
        word('that', tokens[noun]!),
        ...tokens.slice(noun + 1),
      ]);
    if (noun < 0 || (!['is', "'s"].includes(w(noun + 1) ?? '') && !tokens[noun]!.possessive)) continue;
    let s = tokens[noun]!.possessive ? noun + 1 : noun + 2;
    if (w(s) === 'the') s++;
    if (ORDINALS[w(s) ?? ''] === undefined || w(s + 1) !== 'from' || w(s + 2) !== 'the' || SIDE_WORDS[w(s + 3) ?? ''] === undefined)
      continue;
    const thing = { ...tokens[noun]!, possessive: false };
    return whichOfThe([...tokens.slice(0, k), word('the', tokens[k]!), thing, ...tokens.slice(s)]);
  }
  return tokens;
}

/** Words naming a group of things ("that bunch of blocks"): the things themselves. */
const GROUP_WORDS: ReadonlySet<string> = new Set([
  'bunch',
  'group',
  'cluster',
  'huddle',
  'clump',
  'crowd',
  'gaggle',
  'heap',
  'lot',
  'set',
  'collection',
]);

/** Words naming things laid out together ("the column of blocks"): the things, as laid out now. */
const LAID_OUT: ReadonlySet<string> = new Set(['row', 'column', 'line', 'ring', 'circle', 'stack', 'tower', 'pile', 'grid']);

/**
 * "From the blocks on the left, take the lowest one", "In that bunch of blocks in the middle,
 * the one at the very bottom - …", "Within the balls, …": the group the choice is made in, said
 * as "of the blocks on the left, …" (read in grammar.ts). Only a group of things (plural, not
 * containers: "from the yellow bowl, …" says where from) before a comma at the start of a sentence.
 */
function groupScopes(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    const starts = k === 0 || endsSentence(tokens[k - 1]);
    const outOf = w(k) === 'out' && w(k + 1) === 'of';
    if (!starts || !(['from', 'in', 'within', 'amongst'].includes(w(k) ?? '') || outOf)) continue;
    let j = outOf ? k + 2 : k + 1;
    if (!['the', 'that', 'this', 'those', 'these', 'all'].includes(w(j) ?? '')) continue;
    const det = j++;
    if (w(det) === 'all' && w(j) === 'the') j++;
    let group = -1;
    // ("out of that bunch in the middle, …": a bunch of no kind said is of things.)
    if (GROUP_WORDS.has(w(j) ?? '') && w(j + 1) !== 'of' && tokens[j + 1] !== undefined) {
      const of = word('of', tokens[k]!);
      const rest = [word('the', tokens[det]!), word('clustered', tokens[j]!), { ...tokens[j]!, text: 'things' }];
      const comma = tokens.findIndex((t, i) => i > j && t.kind === 'punct');
      if (comma > 0 && tokens[comma]!.text === ',' && comma - j <= 8)
        return groupScopes([...tokens.slice(0, k), of, ...rest, ...tokens.slice(j + 1, comma), ...placedBreak(tokens, j + 1, comma)]);
      continue;
    }
    if (GROUP_WORDS.has(w(j) ?? '') && w(j + 1) === 'of') {
      group = j;
      j += 2;
    } else if (LAID_OUT.has(w(j) ?? '') && w(j + 1) === 'of') j += 2;
    const head = j;
    while (
      j < tokens.length &&
      (isColor(w(j) ?? '') || ['big', 'small', 'little', 'large', 'loose'].includes(w(j) ?? '') || tokens[j]!.kind === 'number')
    )
      j++;
    if (!pluralThing(w(j))) continue;
    const comma = tokens.findIndex((t, i) => i > j && t.kind === 'punct');
    if (comma < 0 || tokens[comma]!.text !== ',' || comma - j > 8 || tokens.slice(j, comma).some((t) => t.kind !== 'word')) continue;
    const of = word('of', tokens[k]!);
    // ("that bunch of blocks": the ones lying together, grammar.ts reads "clustered".)
    const the = group >= 0 ? [word('the', tokens[det]!), word('clustered', tokens[group]!)] : [tokens[det]!];
    return groupScopes([...tokens.slice(0, k), of, ...the, ...tokens.slice(head, comma), ...placedBreak(tokens, head, comma)]);
  }
  return tokens;
}

/**
 * The comma after a group and what comes after it; when the group says where on the table it is
 * ("of the blocks in the top right, the one …"), a sentence's end instead, so that the group is a
 * sentence of its own (read as naming them) and the place is never read as where something goes.
 * "the block" after it is "the one" (one of them).
 */
function placedBreak(tokens: Token[], from: number, comma: number): Token[] {
  const placed = tokens.slice(from, comma).some((t, i, a) => ['in', 'on', 'at'].includes(t.text) && a[i + 1]?.text === 'the');
  if (!placed) return tokens.slice(comma);
  const stop: Token = { ...tokens[comma]!, text: '.' };
  const after = tokens.slice(comma + 1);
  if (after[0]?.text === 'the' && NOUNS.has(after[1]?.text ?? '') && !NOUNS.get(after[1]!.text)!.plural)
    return [stop, after[0]!, { ...after[1]!, text: 'one' }, ...after.slice(2)];
  return [stop, ...after];
}

/**
 * "move the black block out of that crowd to the bottom side", "black block: out of that
 * cluster and into the corner": where it is now, in the bunch, said on the way to where it goes —
 * left out. "everything in that crowd on the right": all the things lying together there.
 */
function bunches(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k < tokens.length; k++) {
    const outOf = w(k) === 'out' && w(k + 1) === 'of' ? 2 : w(k) === 'from' ? 1 : 0;
    const det = k + outOf;
    if (outOf > 0 && ['that', 'the', 'this'].includes(w(det) ?? '') && GROUP_WORDS.has(w(det + 1) ?? '')) {
      let j = det + 2;
      if (w(j) === 'of' && pluralThing(w(j + 1))) j += 2;
      // (After the thing it takes out, before where it goes: "to", "into", "and into", or the end.)
      const thing = tokens[k - 1]!;
      const named = thing.kind === 'word' && (NOUNS.has(thing.text) || thing.text === 'one' || thing.text === 'it' || thing.text === ':');
      const colonBefore = thing.kind === 'punct' && thing.text === ':';
      const next = tokens[j];
      const ends = next === undefined || next.kind === 'punct' || ['to', 'into', 'onto', 'and', 'over', 'across'].includes(next.text);
      // ("… out of that cluster and into the corner": the "and" goes with it; "… and put it …" stays.)
      const and = w(j) === 'and' && ['to', 'into', 'onto', 'in', 'on', 'over', 'across'].includes(w(j + 1) ?? '');
      if ((named || colonBefore) && ends) return bunches([...tokens.slice(0, k), ...tokens.slice(and ? j + 1 : j)]);
    }
    // "everything in that crowd on the right", "all the blocks in that bunch": all the things lying together.
    if (
      ['everything', 'all'].includes(w(k - 1) ?? '') &&
      w(k) === 'in' &&
      ['that', 'the', 'this'].includes(w(k + 1) ?? '') &&
      GROUP_WORDS.has(w(k + 2) ?? '')
    ) {
      let j = k + 3;
      let noun: Token = { ...tokens[k + 2]!, text: 'things' };
      if (w(j) === 'of' && pluralThing(w(j + 1))) {
        noun = tokens[j + 1]!;
        j += 2;
      }
      const at = tokens[k - 1]!;
      return bunches([...tokens.slice(0, k - 1), word('all', at), word('the', at), word('clustered', at), noun, ...tokens.slice(j)]);
    }
  }
  return tokens;
}

/**
 * "The blocks on the right: which one is the smallest?": the heading is the group the question
 * picks from ("of the blocks on the right, which one is the smallest?").
 */
function headingGroups(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    const starts = k === 0 || endsSentence(tokens[k - 1]);
    if (!starts || !['the', 'those', 'these', 'all'].includes(w(k) ?? '')) continue;
    const colon = tokens.findIndex((t, i) => i > k && t.kind === 'punct');
    if (colon < 0 || tokens[colon]!.text !== ':' || colon - k > 9 || w(colon + 1) !== 'which') continue;
    if (!tokens.slice(k, colon).some((t) => pluralThing(t.text))) continue;
    const comma: Token = { kind: 'punct', text: ',', start: tokens[colon]!.start, end: tokens[colon]!.end };
    return headingGroups([...tokens.slice(0, k), word('of', tokens[k]!), ...tokens.slice(k, colon), comma, ...tokens.slice(colon + 1)]);
  }
  return tokens;
}

/** When, at the end of what is asked ("… later", "… this afternoon", "… whenever you like"): it says nothing of what. */
const TIME_TAILS: readonly (readonly string[])[] = [
  ['whenever', 'you', 'like'],
  ['whenever', 'you', 'can'],
  ['whenever', 'you', 'want'],
  ['whenever', 'you', 'get', 'a', 'chance'],
  ['when', "you've", 'got', 'a', 'sec'],
  ['when', "you've", 'got', 'a', 'minute'],
  ['when', "you've", 'got', 'a', 'moment'],
  ['at', 'some', 'point'],
  ['in', 'a', 'minute'],
  ['in', 'a', 'moment'],
  ['in', 'a', 'sec'],
  ['in', 'a', 'second'],
  ['in', 'a', 'bit'],
  ['in', 'a', 'jiffy'],
  ['this', 'whole', 'time'],
  ['all', 'along'],
  ['later', 'on'],
  ['later', 'today'],
  ['this', 'morning'],
  ['this', 'afternoon'],
  ['this', 'evening'],
  ['this', 'arvo'],
  ['later'],
  ['today'],
  ['tonight'],
  ['soon'],
];

/** "put the red block in the bowl later", "… this afternoon, please": left out at the end of a clause. */
function timeTails(tokens: Token[]): Token[] {
  for (let k = 1; k < tokens.length; k++) {
    if (tokens[k - 1]!.kind !== 'word') continue;
    const tail = TIME_TAILS.find((p) => p.every((x, i) => tokens[k + i]?.kind === 'word' && tokens[k + i]!.text === x));
    if (!tail) continue;
    const after = tokens[k + tail.length];
    const ends = after === undefined || after.kind === 'punct' || ['please', 'thanks', 'then', 'and'].includes(after.text);
    if (ends) return timeTails([...tokens.slice(0, k), ...tokens.slice(k + tail.length)]);
  }
  return tokens;
}

/** How far, said before a side ("a little", "a bit", "a tad", "just", "slightly"). */
const GAP_LEADS: readonly (readonly string[])[] = [
  ['a', 'little', 'way'],
  ['a', 'little', 'bit'],
  ['a', 'little'],
  ['a', 'bit'],
  ['a', 'tad'],
  ['a', 'touch'],
  ['a', 'smidge'],
  ['a', 'long', 'way'],
  ['a', 'short', 'way'],
  ['just'],
  ['right'],
  ['slightly'],
];
const SIDE_STARTS: ReadonlySet<string> = new Set([
  'above',
  'below',
  'behind',
  'beside',
  'under',
  'over',
  'left',
  'right',
  'in',
  'to',
  'next',
]);

/**
 * "Orange block, a little above the bowl": a thing, a comma, then how far before a side — the
 * comma goes ("orange block a little above the bowl"; else "a little" was a small block);
 * "move it to a little below X", "to just below X": the "to" goes.
 */
function gapsAfter(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const lead = (k: number): number => GAP_LEADS.find((p) => p.every((x, i) => w(k + i) === x))?.length ?? 0;
  for (let k = 1; k < tokens.length; k++) {
    const n = lead(k + 1);
    if (n === 0 || !SIDE_STARTS.has(w(k + 1 + n) ?? '')) continue;
    // (Not "right" alone before "to the left": "right to" is rare; "right next to" / "right above" only.)
    if (w(k + 1) === 'right' && !['next', 'above', 'below', 'behind', 'beside', 'under', 'over'].includes(w(k + 2) ?? '')) continue;
    const prev = w(k - 1) ?? '';
    if (tokens[k]!.text === ',' && (NOUNS.has(prev) || prev === 'one') && !NOUNS.get(prev)?.plural)
      return gapsAfter([...tokens.slice(0, k), ...tokens.slice(k + 1)]);
    if (w(k) === 'to' && (NOUNS.has(prev) || ['it', 'them', 'one'].includes(prev)))
      return gapsAfter([...tokens.slice(0, k), ...tokens.slice(k + 1)]);
  }
  return tokens;
}

/**
 * "Bookend the purple bowl: yellow block on its left, green block on its right", "The tray:
 * red block to its left": a heading naming a thing (after a verb it may not know), then what goes
 * on its sides — "its left" is "the left of the purple bowl", and the heading goes.
 */
function headingSides(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    if (!(k === 0 || endsSentence(tokens[k - 1]))) continue;
    const colon = tokens.findIndex((t, i) => i > k && t.kind === 'punct');
    if (colon < 0 || tokens[colon]!.text !== ':' || colon - k > 6) continue;
    let s = k;
    if (w(s) !== 'the') s++;
    if (w(s) !== 'the') continue;
    const name = tokens.slice(s, colon);
    if (
      !name.every((t) => t.kind === 'word' && (t.text === 'the' || isColor(t.text) || NOUNS.has(t.text))) ||
      !NOUNS.has(w(colon - 1) ?? '')
    )
      continue;
    const end = tokens.findIndex((t, i) => i > colon && endsSentence(t));
    const stop = end < 0 ? tokens.length : end;
    const sides = ['left', 'right', 'top', 'bottom', 'far', 'near', 'front', 'back'];
    if (!tokens.slice(colon + 1, stop).some((t, i, a) => t.text === 'its' && sides.includes(a[i + 1]?.text ?? ''))) continue;
    const body: Token[] = [];
    for (let i = colon + 1; i < stop; i++) {
      const t = tokens[i]!;
      if (t.text === 'its' && sides.includes(w(i + 1) ?? '')) {
        let j = i + 1;
        if (['far', 'near'].includes(w(j)!) && w(j + 1) === 'side') j++;
        body.push(
          word('the', t),
          ...tokens.slice(i + 1, j + 1),
          word('of', t),
          ...name.map((x) => ({ ...x, start: t.start, end: t.start })),
        );
        i = j;
      } else body.push(t);
    }
    return headingSides([...tokens.slice(0, k), ...body, ...tokens.slice(stop)]);
  }
  return tokens;
}

/**
 * "Round things in the orange bowl (that's the ball and the can)": a bracket after where they go,
 * saying which they are, names them — "the ball and the can in the orange bowl".
 */
function bracketSaysWhich(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let open = 1; open < tokens.length; open++) {
    if (tokens[open]!.text !== '(') continue;
    const close = tokens.findIndex((t, i) => i > open && t.text === ')');
    if (close < 0) continue;
    let c = open + 1;
    if (["that's", 'i.e', 'ie', 'namely', 'meaning'].includes(w(c) ?? '')) c++;
    else if (w(c) === 'that' && w(c + 1) === 'is') c += 2;
    else continue;
    const named = tokens.slice(c, close);
    if (!(w(c) === 'the' && named.some((t) => t.text === 'and') && named.every((t) => t.kind === 'word'))) continue;
    // The clause's start: a phrase ending in a plural thing's noun, then where it goes.
    let start = open - 1;
    while (start > 0 && !(tokens[start - 1]!.kind === 'punct')) start--;
    const place = tokens.findIndex((t, i) => i > start && i < open && ['in', 'into', 'on', 'onto', 'to'].includes(t.text));
    if (place < 0 || place === start) continue;
    const head = w(place - 1) ?? '';
    if (!(pluralThing(head) || ['things', 'ones', 'objects', 'items'].includes(head))) continue;
    return bracketSaysWhich([...tokens.slice(0, start), ...named, ...tokens.slice(place, open), ...tokens.slice(close + 1)]);
  }
  return tokens;
}

/**
 * "Cyan blocks: one stacked on the other", "The two balls - one on top of the other": a pair, then
 * one on the other — a stack of them ("stack the cyan blocks").
 */
function oneOnTheOther(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    if (!(k === 0 || endsSentence(tokens[k - 1]))) continue;
    const mark = tokens.findIndex((t, i) => i > k && t.kind === 'punct');
    if (mark < 0 || ![':', '-', ','].includes(tokens[mark]!.text) || !pluralThing(w(mark - 1))) continue;
    const named = tokens.slice(k, mark);
    if (!named.every((t) => t.kind === 'word' && (['the', 'two', 'both'].includes(t.text) || isColor(t.text) || NOUNS.has(t.text))))
      continue;
    let j = mark + 1;
    if (w(j) !== 'one') continue;
    j++;
    if (['stacked', 'sitting', 'resting', 'placed', 'put', 'standing'].includes(w(j) ?? '')) j++;
    if (w(j) !== 'on' && w(j) !== 'atop') continue;
    j++;
    if (w(j) === 'top' && w(j + 1) === 'of') j += 2;
    if (w(j) !== 'the' || !['other', 'other one'].includes(w(j + 1) ?? '')) continue;
    j += 2;
    if (w(j) === 'one') j++;
    const the = w(k) === 'the' ? [] : [word('the', tokens[k]!)];
    return oneOnTheOther([...tokens.slice(0, k), word('stack', tokens[k]!), ...the, ...named, ...tokens.slice(j)]);
  }
  return tokens;
}

/**
 * "the odd one out", "the odd man out", "the one that doesn't belong", "The colour that only turns
 * up once: that block …": the one unlike the rest ("the odd one", grammar.ts).
 */
function oddOneOut(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    if (w(k) === 'odd' && ['one', 'man'].includes(w(k + 1) ?? '') && w(k + 2) === 'out')
      return oddOneOut([...tokens.slice(0, k), tokens[k]!, { ...tokens[k + 1]!, text: 'one' }, ...tokens.slice(k + 3)]);
    if (w(k) === 'one' && w(k + 1) === 'that' && ["doesn't", 'doesnt'].includes(w(k + 2) ?? '') && w(k + 3) === 'belong')
      return oddOneOut([...tokens.slice(0, k), word('odd', tokens[k]!), tokens[k]!, ...tokens.slice(k + 4)]);
    // "The colour that only turns up once: that block …".
    if (w(k) === 'the' && ['colour', 'color'].includes(w(k + 1) ?? '') && ['that', 'which'].includes(w(k + 2) ?? '')) {
      let j = k + 3;
      if (w(j) === 'only') j++;
      if (['turns', 'shows', 'comes'].includes(w(j) ?? '') && w(j + 1) === 'up') j += 2;
      else if (['appears', 'occurs'].includes(w(j) ?? '')) j++;
      else continue;
      if (w(j) !== 'once') continue;
      j++;
      if (![':', ',', '-'].includes(tokens[j]?.text ?? '') || !['that', 'this'].includes(w(j + 1) ?? '') || !NOUNS.has(w(j + 2) ?? ''))
        continue;
      return oddOneOut([...tokens.slice(0, k), word('the', tokens[k]!), word('odd', tokens[k]!), ...tokens.slice(j + 2)]);
    }
  }
  return tokens;
}

const SHAPES_LAID: ReadonlySet<string> = new Set(['line', 'row', 'column', 'circle', 'ring']);

/**
 * "Straighten the blocks out into one horizontal line", "Straighten this wobbly row of blocks out
 * properly: one horizontal line", "Arrange them: a single vertical line": arranging them, in that
 * shape ("arrange the blocks in one horizontal line"). A wobbly, wonky or crooked row is the row.
 */
function straightenForms(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    if (['wobbly', 'wonky', 'crooked', 'messy', 'untidy', 'uneven', 'ragged'].includes(w(k) ?? '') && LAID_OUT.has(w(k + 1) ?? ''))
      return straightenForms([...tokens.slice(0, k), ...tokens.slice(k + 1)]);
    const verb = w(k);
    if (!(verb === 'straighten' || verb === 'arrange' || verb === 'rearrange' || verb === 'lay')) continue;
    if (!(k === 0 || tokens[k - 1]!.kind === 'punct' || ['please', 'and', 'then', 'now'].includes(w(k - 1) ?? ''))) continue;
    let j = k + 1;
    const particle = w(j) === 'out' ? j++ : -1;
    const np = j;
    while (j < tokens.length && tokens[j]!.kind === 'word' && !['into', 'in', 'to', 'as', 'so'].includes(w(j)!) && j - np < 8) j++;
    // The words after the thing: "out", "properly", "neatly", then ":", "into", or the end of it.
    let e = j;
    while (e > np && ['out', 'properly', 'neatly', 'up', 'nicely', 'again'].includes(w(e - 1) ?? '')) e--;
    if (e === np) continue;
    const mark = tokens[j];
    const into = w(j) === 'into' || w(j) === 'in' || (w(j) === 'to' && w(j + 1) === 'form');
    const colon = mark?.kind === 'punct' && mark.text === ':';
    const shape = colon ? j + 1 : into ? (w(j) === 'to' ? j + 2 : j + 1) : -1;
    if (shape < 0) continue;
    let s = shape;
    while (s < tokens.length && s - shape < 5 && !SHAPES_LAID.has(w(s) ?? '')) s++;
    if (!SHAPES_LAID.has(w(s) ?? '')) continue;
    // ("Straighten out the zigzag: all six in one straight line": what follows says it all.)
    if (colon && tokens.slice(shape, s).some((t) => ['in', 'into'].includes(t.text)))
      return straightenForms([...tokens.slice(0, k), ...tokens.slice(shape)]);
    const lead = verb === 'straighten' ? word('arrange', tokens[k]!) : tokens[k]!;
    const thing = tokens.slice(np, e);
    const rest = colon || w(j) === 'to' ? [word('in', tokens[j]!), ...tokens.slice(shape)] : tokens.slice(j);
    if (particle < 0 && verb !== 'straighten' && !colon && e === j) continue;
    return straightenForms([...tokens.slice(0, k), lead, ...thing, ...rest]);
  }
  return tokens;
}

/** Names for the shape things are laid out in now ("the V", "the plus sign", "the fence", "the huddle"). */
const SHAPE_NAMES: ReadonlySet<string> = new Set([
  'v',
  'l',
  'plus',
  'cross',
  'fence',
  'arch',
  'staircase',
  'zigzag',
  'square',
  'triangle',
  'diamond',
  'huddle',
  'crowd',
  'cluster',
  'bunch',
]);

/**
 * "Straighten the V out into a line", "Rearrange the plus into a ring", "Spread the huddle out in a
 * circle": the shape named is the things laid out in it — every thing on the table that is not a
 * container ("the things"). Not "the tip of the V" (a part of it) nor "the V's left arm".
 */
function shapeNames(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k < tokens.length; k++) {
    if (!SHAPE_NAMES.has(w(k) ?? '') || !['the', 'that', 'this'].includes(w(k - 1) ?? '') || tokens[k]!.possessive) continue;
    let e = k + 1;
    if (w(k) === 'plus' && w(e) === 'sign') e++;
    if (w(e) === 'of' || w(k - 2) === 'of') continue;
    // ("the square ones", "the square block": a shape said of a thing, not the shape things make.)
    if (['one', 'ones'].includes(w(e) ?? '') || (NOUNS.has(w(e) ?? '') && !['square', 'triangle', 'diamond'].includes(w(e) ?? '')))
      continue;
    // (As what is acted on: after a verb, before where or how it goes.)
    const acting = (x: string | undefined): boolean =>
      VERBS.has(x ?? '') || ['straighten', 'squash', 'spread', 'flatten', 'break', 'split'].includes(x ?? '');
    if (!acting(w(k - 2)) && !(['out', 'up'].includes(w(k - 2) ?? '') && acting(w(k - 3)))) continue;
    // (A huddle, crowd, cluster or bunch is the things lying together, grammar.ts "clustered".)
    const bunch = ['huddle', 'crowd', 'cluster', 'bunch'].includes(w(k)!) ? [word('clustered', tokens[k]!)] : [];
    return shapeNames([
      ...tokens.slice(0, k - 1),
      word('the', tokens[k - 1]!),
      ...bunch,
      { ...tokens[k]!, text: 'things' },
      ...tokens.slice(e),
    ]);
  }
  return tokens;
}

/**
 * "put the red block in the bowl (the blue block stays put)", "… (the black block stays out of
 * it)": a bracket saying what stays is a sentence of its own (else its thing was read as one more
 * thing to move).
 */
function bracketedStays(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let open = 1; open < tokens.length; open++) {
    if (tokens[open]!.text !== '(') continue;
    const close = tokens.findIndex((t, i) => i > open && t.text === ')');
    if (close < 0) continue;
    const stays = tokens.findIndex(
      (t, i) => i > open + 1 && i < close && ['stays', 'stay', 'remains', 'remain'].includes(t.text) && NOUNS.has(w(i - 1) ?? ''),
    );
    if (stays < 0 || !['the', 'that', 'this'].includes(w(open + 1) ?? '')) continue;
    const stop = (t: Token): Token => ({ ...t, kind: 'punct', text: '.' });
    const after = tokens[close + 1];
    const end = after === undefined || (after.kind === 'punct' && ['.', '!', '?'].includes(after.text)) ? [] : [stop(tokens[close]!)];
    return bracketedStays([
      ...tokens.slice(0, open),
      stop(tokens[open]!),
      ...tokens.slice(open + 1, close),
      ...end,
      ...tokens.slice(close + 1),
    ]);
  }
  return tokens;
}

/**
 * "Let b be the block farthest from the yellow bowl. First pick up b, then place b on the tray.",
 * "Let x be the gray block. Put x on the tray.": a name given to a thing; the sentence goes and
 * the name, after it, is the thing ("… pick up the block farthest from the yellow bowl …").
 */
function letBe(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    if (!(k === 0 || endsSentence(tokens[k - 1])) || w(k) !== 'let' || w(k + 2) !== 'be' || !['the', 'a', 'that'].includes(w(k + 3) ?? ''))
      continue;
    const name = w(k + 1);
    if (name === undefined || NOUNS.has(name) || isColor(name) || ['it', 'them', 'me', 'us'].includes(name)) continue;
    const end = tokens.findIndex((t, i) => i > k + 3 && endsSentence(t));
    if (end < 0) continue;
    const thing = tokens.slice(k + 3, end);
    const rest = tokens.slice(end + 1);
    if (!rest.some((t) => t.kind === 'word' && t.text === name)) continue;
    const named = rest.flatMap((t) =>
      t.kind === 'word' && t.text === name ? thing.map((x) => ({ ...x, start: t.start, end: t.end })) : [t],
    );
    return letBe([...tokens.slice(0, k), ...named]);
  }
  return tokens;
}

/** Lead-ins that wish or wait rather than ask: left out, what follows is what is wanted. */
const WISH_LEADS: readonly (readonly string[])[] = [
  ['it', 'would', 'be', 'nice', 'if', 'someone', 'finally'],
  ['it', 'would', 'be', 'nice', 'if', 'someone'],
  ['it', 'would', 'be', 'nice', 'if', 'you'],
  ['it', "would've", 'been', 'nice', 'if', 'someone'],
  ["it'd", 'be', 'nice', 'if', 'someone'],
  ["it'd", 'be', 'nice', 'if', 'you'],
  ['i', 'wish', 'someone', 'would'],
  ['i', 'wish', 'you', 'would'],
  ['by', 'the', 'time', "i'm", 'back', 'from', 'lunch'],
  ['by', 'the', 'time', "i'm", 'back'],
  ['by', 'the', 'time', 'i', 'get', 'back'],
  ['when', 'i', 'get', 'back'],
  ['when', "i'm", 'back'],
];

/**
 * Small forms: "wee" (little), "intae" (into), "roundy" (round); "drop it off
 * 5 cm to the right of X" (drop it); "X should have been in Y" (should be in Y); "I wish X were
 * sitting in Y" (X should sit in Y); "It would be nice if someone finally put …", "By the time I'm
 * back from lunch, I want …" (what is wanted).
 */
function smallSayings(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const starts = i === 0 || endsSentence(tokens[i - 1]) || tokens[i - 1]!.text === ',';
    const lead = starts ? WISH_LEADS.find((p) => p.every((x, k) => w(i + k) === x)) : undefined;
    if (lead) {
      i += lead.length - 1;
      if (tokens[i + 1]?.text === ',') i++;
      continue;
    }
    const swap: Record<string, string> = { wee: 'little', intae: 'into', roundy: 'round', teeny: 'tiny', loner: 'one' };
    if (swap[w(i) ?? ''] && !(w(i) === 'loner' && !isColor(w(i - 1) ?? ''))) {
      out.push({ ...t, text: swap[w(i)!]! });
      continue;
    }
    // "drop it off 5 cm to the right of X", "drop the block off about 5 centimetres …": "off" there only says it is let go.
    if (w(i) === 'off' && ['it', 'them'].includes(w(i - 1) ?? '') && ['drop', 'dropped', 'dropping'].includes(w(i - 2) ?? '')) continue;
    // "should have been in", "ought to have been in": should be in.
    if (w(i) === 'have' && w(i + 1) === 'been' && ['should', 'must', 'ought'].includes(w(i - 1) ?? w(i - 2) ?? '')) {
      out.push({ ...t, text: 'be' });
      i++;
      continue;
    }
    // "I wish X were sitting inside it": X should sit inside it.
    if (starts && w(i) === 'i' && w(i + 1) === 'wish') {
      const were = tokens.findIndex((x, k) => k > i + 2 && k < i + 12 && ['were', 'was'].includes(x.text));
      if (were > 0) {
        let j = were + 1;
        const posture = ['sitting', 'standing', 'resting', 'lying'].includes(w(j) ?? '') ? j++ : -1;
        const verb =
          posture >= 0
            ? w(posture)!
                .replace(/ting$|ding$|ing$/, '')
                .replace(/^sit$|^stand$|^rest$|^ly$/, (m) => (m === 'ly' ? 'lie' : m))
            : 'be';
        out.push(...tokens.slice(i + 2, were), { ...tokens[were]!, text: 'should' }, { ...tokens[were]!, text: verb });
        i = j - 1;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/**
 * "The ball, the can and the green block: all three into the bowl", "Put the ball and the can, both
 * of them, in the bowl": the count after a list says again that it is all of them — a colon there
 * and the count go, as does the count between commas.
 */
function allOfList(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k < tokens.length; k++) {
    if (![':', ','].includes(tokens[k]!.text) || !NOUNS.has(w(k - 1) ?? '')) continue;
    let start = k - 1;
    while (start > 0 && !endsSentence(tokens[start - 1]) && tokens[start - 1]!.text !== ':') start--;
    if (!tokens.slice(start, k).some((t) => t.text === 'and')) continue;
    let j = k + 1;
    if (w(j) === 'all' && (NUMBER_WORDS[w(j + 1) ?? ''] !== undefined || tokens[j + 1]?.kind === 'number')) j += 2;
    else if (w(j) === 'both' || (w(j) === 'all' && w(j + 1) === 'of' && w(j + 2) === 'them')) j += w(j) === 'both' ? 1 : 3;
    else continue;
    if (w(j) === 'of' && w(j + 1) === 'them') j += 2;
    if (tokens[k]!.text === ':') return allOfList([...tokens.slice(0, k), ...tokens.slice(j)]);
    if (tokens[j]?.text === ',') return allOfList([...tokens.slice(0, k), ...tokens.slice(j + 1)]);
  }
  return tokens;
}

/** The passes of this file, in order (normalize.ts runs them before its own). */
export function askingForms(tokens: Token[]): Token[] {
  const passes = [
    askedPostures,
    whichOfThe,
    groupScopes,
    bunches,
    headingGroups,
    timeTails,
    gapsAfter,
    headingSides,
    bracketSaysWhich,
    oneOnTheOther,
    oddOneOut,
    shapeNames,
    straightenForms,
    bracketedStays,
    letBe,
    smallSayings,
    allOfList,
  ];
  return passes.reduce((out, pass) => pass(out), tokens);
}
