// A word it does not know, where the rest of the phrase says which (thirty-sixth round).
//
// Every fresh table of everyday requests brings names for things the grammar has never seen:
// "the white shaker", "the green book", "the washing up bowl", "the block at the bottom of the
// kite". A person who does not know the word still knows what is meant when the rest of the
// phrase picks the thing out. So when a reading fails on a word it does not know, and only then,
// three edits are tried, in this order, each on that one word:
//
// - a figure's name after "the <part> of": "the block at the bottom of the kite" is read as
//   "the block at the bottom" (the things on the table make the figure);
// - a word between a determiner (or colour, size, count) and a noun it knows is a kind of
//   that noun: "the washing up bowl" is "the bowl", "the shiny red block" is "the red block";
// - a word where the noun goes is a thing of any kind: "the white shaker" is "the white thing",
//   "both books" are "both things".
//
// A word one letter from a colour, noun or size it knows ("the red bluk", "the pinl block") is a
// misspelling, not a new name: it is never guessed past. A guess is kept only if the instruction then reads in full and the phrase it made names
// exactly one thing (or the number said) with no choice left to a tie-break: "the shaker" among
// four things stays unread, and the error still names 'shaker'. What was assumed is a note of
// the reading, so it reaches the program's `// note:` lines. Nothing here looks at a task's
// success check; the scene is read only through the grammar's own references.

import { editDistance } from '../../../sim/index.ts';
import { AFTER_HEAD, idWordOf } from './id-names.ts';
import { COLORS, EVERYDAY_NOUNS, NOUNS, NUMBER_WORDS, SIZE_WORDS, isColor } from './lexicon.ts';
import { tokenize } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

/** One edited instruction to try, and what it assumed. */
export interface Guess {
  text: string;
  note: string;
  /** A word of the edited phrase that must not end up in a phrase read by a tie-break. */
  head: string;
}

/** Words before a noun that open or qualify a phrase: after one, the next word is in the phrase. */
const OPENERS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'both',
  'all',
  'each',
  'every',
  'any',
  'my',
  'your',
  'our',
  'its',
  'their',
  'other',
  'another',
  'only',
  'single',
  'lone',
  'loose',
]);

/** Openers after which a word it does not know is not read as a thing on the table. */
const INDEFINITE: ReadonlySet<string> = new Set(['a', 'an', 'another', 'any', 'some', 'its', 'their', 'all', 'every', 'each', 'other']);

/** Parts of a figure said with "of": "the bottom of the kite", "the tip of the arrow". */
const PARTS: ReadonlySet<string> = new Set([
  'top',
  'bottom',
  'left',
  'right',
  'side',
  'sides',
  'end',
  'ends',
  'middle',
  'centre',
  'center',
  'front',
  'back',
  'tip',
  'corner',
  'corners',
  'edge',
  'edges',
]);

/** (A side word is not one: "the block on the right up next to X" ends its phrase at "right".) */
/** Ordinals, which count among the things of a kind: "the second parked car", "the 3rd spare block". */
const ORDINALS: ReadonlySet<string> = new Set([
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'last',
  '1st',
  '2nd',
  '3rd',
  '4th',
  '5th',
  '6th',
]);

const opensPhrase = (w: string | undefined): boolean =>
  w !== undefined && (OPENERS.has(w) || ORDINALS.has(w) || isColor(w) || w in SIZE_WORDS || NUMBER_WORDS[w] !== undefined);

const isNoun = (w: string | undefined): boolean => w !== undefined && NOUNS.has(w) && NOUNS.get(w)!.cls !== 'zone';

/** The word a read failure names as one it does not know, if it names one. */
export function unknownWordOf(message: string): string | null {
  return /'([a-z][a-z'-]*)' is not a word it knows/.exec(message)?.[1] ?? null;
}

/**
 * A misspelling of a colour, a noun or a size it knows ("bluk", "pinl", "purpel"): one edit from
 * one (two for a colour of six letters or more). Never guessed past: the error names it.
 */
function misspelt(word: string, nouns = true): boolean {
  const stem = word.replace(/'s$/, '');
  for (const c of COLORS) if (editDistance(stem, c) <= (c.length >= 6 ? 2 : 1)) return true;
  if (!nouns) return false;
  // (Not the everyday names, lexicon.ts: "the green carrage" is still read as the green thing.)
  for (const n of [...NOUNS.keys(), ...Object.keys(SIZE_WORDS)]) if (!EVERYDAY_NOUNS.has(n) && editDistance(stem, n) <= 1) return true;
  return false;
}

/** The edits to try for `word` (folded, as the error names it) in `text`, best first. */
export function guessesFor(text: string, word: string, names: ReadonlySet<string> = new Set(), absent = false): Guess[] {
  // (A word just before a noun it knows is never that noun misspelt — "the test tubes" is no "nest
  // tubes" — but may still be a colour: "the bleu block".)
  if (!absent && misspelt(word, false)) return [];
  const typo = !absent && misspelt(word);
  const tokens = tokenize(text);
  const k = tokens.findIndex((t) => t.kind === 'word' && t.text === word);
  if (k < 0) return [];
  const w = (i: number): string | undefined => (tokens[i]?.kind === 'word' ? tokens[i]!.text : undefined);
  const t = tokens[k]!;
  const next = tokens[k + 1];
  const ends = next === undefined || next.kind === 'punct' || AFTER_HEAD.has(next.text);
  const out: Guess[] = [];
  const cut = (from: Token, to: Token, by: string): string =>
    `${text.slice(0, from.start).replace(/\s+$/, '')}${by ? ` ${by}` : ''}${text.slice(to.end)}`.replace(/\s+([,.;:!?])/g, '$1');
  // "the bottom of the kite", "the tip of the arrow": the part of what is on the table.
  if (typo && !isNoun(w(k + 1))) return [];
  if (w(k - 1) === 'the' && w(k - 2) === 'of' && PARTS.has(w(k - 3) ?? '') && (ends || w(k + 1) === 'and')) {
    out.push({
      text: cut(tokens[k - 2]!, t, ''),
      note: `${absent ? `there is no ${word} here` : `'${word}' is not a word it knows`}: 'the ${w(k - 3)} of the ${raw(text, t)}' read as the ${w(k - 3)} of what is on the table`,
      head: w(k - 3)!,
    });
    return out;
  }
  // (A noun it knows with nothing of its kind here, "the top of the rack" of a pool table: only the part, above.)
  if (absent) return [];
  // "the face's left eye": the figure's name said as a possessive, left out the same way.
  if (t.possessive && w(k - 1) === 'the') {
    out.push({
      text: cut(tokens[k - 1]!, t, 'the'),
      note: `'${word}' is not a word it knows: '${raw(text, t)}' left out, the rest read as said`,
      head: w(k + 1) ?? word,
    });
  }
  if (!opensPhrase(w(k - 1))) return out;
  // "the washing up bowl", "the shiny red block": a kind of the noun after it.
  // (Or a thing the scene's ids name, id-names.ts: "the second parked car" where ids spell car.)
  const named = (j: number): boolean => isNoun(w(j)) || idWordOf(w(j) ?? '', names) !== null;
  const kinds = [k + 1, k + 2].find((j) => named(j) && (j === k + 1 || ['up', 'out'].includes(w(k + 1) ?? '')));
  if (kinds !== undefined) {
    out.push({
      text: cut(tokens[k - 1]!, tokens[kinds - 1]!, w(k - 1)!),
      note: `'${word}' is not a word it knows: read as a kind of ${w(kinds)} ('${raw(text, tokens[k - 1]!, tokens[kinds]!)}')`,
      head: w(kinds)!,
    });
  } else if (isColor(w(k + 1) ?? '') || (w(k + 1) ?? '') in SIZE_WORDS) {
    out.push({
      text: cut(tokens[k - 1]!, t, w(k - 1)!),
      note: `'${word}' is not a word it knows: left out of '${raw(text, tokens[k - 1]!, next!)} …'`,
      head: w(k + 1)!,
    });
  } else if (ends) {
    // "the white shaker", "both books": a thing of any kind, which the rest of the phrase picks out.
    const plural = word.length > 3 && word.endsWith('s') && !word.endsWith('ss');
    const head = plural ? 'things' : 'thing';
    // (Several only when counted: "both books" are two things, "the three books" three; "the books" alone are not all things.)
    const from = phraseStart(tokens, k);
    const counted = tokens.slice(from, k).some((x) => x.kind === 'word' && (NUMBER_WORDS[x.text] ?? 0) >= 2);
    if (plural && w(k - 1) !== 'both' && !counted) return out;
    // (Only a definite phrase names a thing there: not "a small gap", "its big twin", "all the fruit".)
    const opened = tokens.slice(from, k).map((x) => x.text);
    if (opened.some((x) => INDEFINITE.has(x))) return out;
    out.push({
      text: plural && w(k - 1) === 'both' ? cut(tokens[k - 1]!, t, 'the two things') : cut(t, t, head),
      note: `'${word}' is not a word it knows: '${raw(text, tokens[from]!, t)}' read as ${plural ? 'the things' : 'the one thing'} the rest of the phrase names`,
      head,
    });
  }
  return out;
}

/** Where the phrase ending at `k` starts: back over the words that open and qualify it. */
function phraseStart(tokens: Token[], k: number): number {
  let j = k;
  while (j > 0 && tokens[j - 1]!.kind === 'word' && opensPhrase(tokens[j - 1]!.text)) j--;
  return j;
}

/** The instruction's own words from `a` to `b` (or just `a`). */
function raw(text: string, a: Token, b: Token = a): string {
  return text.slice(a.start, b.end);
}
