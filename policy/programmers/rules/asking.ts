// Requests said as questions, and the group a question or a choice is made in. Each pass rewrites
// the words into a form the grammar reads already; nothing here looks at the scene.
//
//   "Could the blue block sit on the tray?"          → "the blue block could sit on the tray"
//   "which of the balls is the biggest?"             → "which ball is the biggest?"
//   "which block is second from the left?"           → "the block second from the left"
//   "From the blocks on the left, take the lowest"   → "of the blocks on the left, take the lowest"
//   "In that bunch of blocks up top, the one …"      → "of the blocks up top, the one …"
//   "The blocks on the right: which one is …?"       → "of the blocks on the right, which one is …?"
//   "… in the bowl later", "… this afternoon"        → "… in the bowl" (when it is done says nothing of what)

import { NOUNS, ORDINALS, SIDE_WORDS, isColor } from './lexicon.ts';
import type { Token } from './tokenizer.ts';

const word = (text: string, at: Token): Token => ({ kind: 'word', text, start: at.start, end: at.start });

function endsSentence(t: Token | undefined): boolean {
  return t?.kind === 'punct' && ['.', '!', '?', ';'].includes(t.text);
}

/** A noun's singular ("blocks" → "block", "boxes" → "box"), itself when singular, else null. */
function singular(w: string | undefined): string | null {
  const info = w === undefined ? undefined : NOUNS.get(w);
  if (!info) return null;
  if (!info.plural) return w!;
  for (const s of [w!.replace(/es$/, ''), w!.replace(/s$/, '')]) if (NOUNS.get(s)?.plural === false) return s;
  return null;
}

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
  const w = (k: number): string | undefined => (tokens[k]?.kind === 'word' ? tokens[k]!.text : undefined);
  for (let k = 0; k < tokens.length; k++) {
    const starts = k === 0 || endsSentence(tokens[k - 1]) || [',', ':'].includes(tokens[k - 1]!.text);
    if (!starts || w(k) !== 'which') continue;
    const q = tokens.slice(k).find((t) => endsSentence(t));
    if (q?.text !== '?') continue;
    let j = k + 1;
    if (w(j) === 'one' && w(j + 1) === 'of') j++;
    if (
      w(j) === 'of' &&
      w(j + 1) === 'the' &&
      pluralThing(w(j + 2)) &&
      singular(w(j + 2)) !== null &&
      ['is', "'s"].includes(w(j + 3) ?? '')
    ) {
      const one = { ...tokens[j + 2]!, text: singular(w(j + 2))! };
      return whichOfThe([...tokens.slice(0, k + 1), one, ...tokens.slice(j + 3)]);
    }
    // "which block is (the) second from the left?", "which ball's third from the top?".
    const noun = NOUNS.has(w(k + 1) ?? '') ? k + 1 : -1;
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
  const w = (k: number): string | undefined => (tokens[k]?.kind === 'word' ? tokens[k]!.text : undefined);
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
        return groupScopes([...tokens.slice(0, k), of, ...rest, ...tokens.slice(j + 1)]);
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
    return groupScopes([...tokens.slice(0, k), of, ...the, ...tokens.slice(head, comma), ...tokens.slice(comma)]);
  }
  return tokens;
}

/**
 * "move the black block out of that crowd to the bottom side", "black block: out of that
 * cluster and into the corner": where it is now, in the bunch, said on the way to where it goes —
 * left out. "everything in that crowd on the right": all the things lying together there.
 */
function bunches(tokens: Token[]): Token[] {
  const w = (k: number): string | undefined => (tokens[k]?.kind === 'word' ? tokens[k]!.text : undefined);
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
  const w = (k: number): string | undefined => (tokens[k]?.kind === 'word' ? tokens[k]!.text : undefined);
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

/** The passes of this file, in order (normalize.ts runs them before its own). */
export function askingForms(tokens: Token[]): Token[] {
  return timeTails(headingGroups(bunches(groupScopes(whichOfThe(askedPostures(tokens))))));
}
