// What the scene's ids call things (thirty-eighth round, post hoc on tables 56-57). The program
// API names every object by an id the scene's author gave it ("white_kettle", "red_car_2"), and
// getObjects() shows those ids to any programmer. A word the grammar does not know for a thing —
// "the kettle", "the car on the far left", "both knives" — that an id spells is read as the things
// whose ids spell it: the word becomes "thing" ("things" for a plural), and the token carries the
// word (`Token.idWord`), which `references.ts` narrows the things by. A name the lexicon reads as a
// shape ("the book", a block; "the candles", cans; "the mug", a bowl) is narrowed the same way
// where an id spells it.
//
// Never a noun that says only a shape or a kind of container (`GENERIC`: "block", "ball", "can",
// "bowl", "tray", "thing"…) nor any other word the grammar reads: those keep their meaning whatever
// the ids say (a first try at narrowing by any word an id spells, in the thirty-fifth round, caught
// "everything that isn't a block"). Said before a noun ("the cue ball", "the spare block") the
// word narrows that noun and is dropped. A typo is never folded onto another id's word: "the
// toaster" is not "the coaster" where an id spells toaster (normalize.ts `foldTypos`).

import { NOUNS } from './lexicon.ts';
import { wordLike } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

/** Words that may follow a head noun: the end of its phrase. */
export const AFTER_HEAD: ReadonlySet<string> = new Set([
  'in',
  'on',
  'onto',
  'into',
  'to',
  'at',
  'off',
  'from',
  'out',
  'up',
  'down',
  'over',
  'next',
  'by',
  'beside',
  'near',
  'nearest',
  'closest',
  'farthest',
  'furthest',
  'that',
  'which',
  'with',
  'and',
  'then',
  'so',
  'is',
  'are',
  'goes',
  'go',
  'should',
  'please',
  'behind',
  'under',
  'between',
  'of',
  'back',
  'away',
  'across',
  'along',
  'left',
  'right',
  'first',
]);

/** Nouns that say only a shape or a kind of container: never narrowed by what an id spells ("everything that isn't a block"). */
const GENERIC: ReadonlySet<string> = new Set(
  [
    'block',
    'box',
    'brick',
    'cube',
    'cuboid',
    'ball',
    'sphere',
    'cylinder',
    'can',
    'bowl',
    'tray',
    'container',
    'object',
    'thing',
    'item',
    'piece',
    'shape',
  ].flatMap((w) => [w, `${w}s`, `${w}es`]),
);

/** A noun the lexicon reads as a shape that is also a thing's own name ("book", "candle", "mug", "coaster"). */
const isName = (word: string): boolean => NOUNS.has(word) && NOUNS.get(word)!.cls !== 'zone' && !GENERIC.has(word);

/** Whether an id spells a thing's own name other than `word` ("white_coaster" for "drink"): then it is not what `word` names. */
export function namesOther(id: string, word: string): boolean {
  return idParts(id).some((part) => part !== word && isName(part) && idWordOf(word, new Set([part])) === null);
}

/** The words an id is made of ("red_car_2" → red, car). */
export const idParts = (id: string): string[] => id.toLowerCase().split(/[_\d]+/);

/** The words of the objects' ids that could name a thing: letters only, three or more. */
export function idWords(ids: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const id of ids) for (const part of idParts(id)) if (/^[a-z]{3,}$/.test(part)) words.add(part);
  return words;
}

/** The id word a word names, singular or plural ("cars" → car, "knives" → knife, "batteries" → battery), or null. */
export function idWordOf(word: string, words: ReadonlySet<string>): { word: string; plural: boolean } | null {
  if (words.has(word)) return { word, plural: false };
  const singulars = [
    word.replace(/s$/, ''),
    word.replace(/es$/, ''),
    word.replace(/ies$/, 'y'),
    word.replace(/ves$/, 'fe'),
    word.replace(/ves$/, 'f'),
  ];
  for (const s of singulars) if (s !== word && words.has(s)) return { word: s, plural: true };
  return null;
}

/**
 * Words for things the grammar does not know that the scene's ids spell, read as those things
 * (see the file's header); each such reading is noted.
 */
export function idNames(tokens: Token[], ids: readonly string[], known: (word: string) => boolean, notes: string[]): Token[] {
  const words = idWords(ids);
  if (words.size === 0) return tokens;
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const everyday = isName(t.text);
    if (t.kind !== 'word' || t.idWord !== undefined || (known(t.text) && !everyday) || t.text.includes('_')) {
      out.push(t);
      continue;
    }
    const named = idWordOf(t.text, words);
    if (named === null) {
      // ("the drink" where ids spell coaster and remote: not the coaster, whatever its shape.)
      out.push(everyday ? { ...t, nameWord: t.text } : t);
      continue;
    }
    const which = ids.filter((id) => idParts(id).includes(named.word));
    const next = tokens[k + 1];
    if (everyday) {
      out.push({ ...t, idWord: named.word });
    } else if (next?.kind === 'word' && NOUNS.has(next.text) && NOUNS.get(next.text)!.cls !== 'zone' && next.idWord === undefined) {
      // "the cue ball", "the spare block": the word says which of that kind.
      notes.push(`'${t.text}' is not a word it knows: read as the ${next.text} whose id says ${named.word} (${which.join(', ')})`);
      out.push({ ...next, idWord: named.word });
      k++;
    } else if (next === undefined || next.kind === 'punct' || AFTER_HEAD.has(next.text)) {
      // (Where a noun ends its phrase: "the medium sized can" is no "medium" thing.)
      notes.push(
        `'${t.text}' is not a word it knows: read as the thing${named.plural ? 's' : ''} whose id says ${named.word} (${which.join(', ')})`,
      );
      out.push({ ...wordLike(t, named.plural ? 'things' : 'thing'), idWord: named.word });
    } else out.push(t);
  }
  return out;
}
