// Ways of saying what the grammar already reads that span sentences or name a set by a word
// of its own: a count said in one sentence and its ordinal in the next, corners one each said
// without a verb, a bowl "that doesn't share its colour", warm and cool colours. Each pass
// rewrites the words; nothing here looks at the scene but its words (the colours it has). The
// passes run in the order of `phrasingForms`.
//
//   "Count from the right: one, two. The second block goes …" → "The second block from the right goes …"
//   "Start at the left edge and count: one, two. Number two …" → "the second one from the left …"
//   "Third one down - in the green bowl"                       → "Third one from the top - in the green bowl"
//   "Four blocks, four corners, one each."                     → "put the four blocks in different corners."
//   "Spread them out so every corner gets exactly one."        → "Spread them out in different corners."
//   "every block sits in a bowl that doesn't share its colour" → "every block goes in a bowl that is not its own colour"
//   "Every block finds the bowl that's its colour"             → "Every block goes in the bowl of its own colour"
//   "in a bowl, but never the bowl of its own colour"          → "in a bowl that is not its own colour"
//   "never two in one bowl", "no two blocks may share a bowl"  → "no two in one bowl", "no two blocks sharing a bowl"
//   "Mix 'em up:", "Colour party!", "Odd-one-out game:"        → (a heading: left out)
//   "the warm colours (red and orange)", "the cold ones"       → "the red and orange things", "the things that are not red, …"
//   "not red, not blue and not white"                          → "not red, blue or white"

import { word } from './asking.ts';
import {
  COLORS,
  END_MOST,
  NOUNS,
  NUMBER_WORDS,
  ORDINALS,
  SIDE_WORDS,
  VERBS,
  isColor,
  ordinalWordOf,
  pluralOf,
  singularOf,
} from './lexicon.ts';
import { stackAndSetSayings } from './stack-and-set-sayings.ts';
import { endsSentence, punctBefore, sentenceEnd, wordLike } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

const startsSentence = (tokens: readonly Token[], k: number): boolean => k === 0 || endsSentence(tokens[k - 1]);
/** The index of the first token of the sentence that holds `k`. */
const sentenceStart = (tokens: readonly Token[], k: number): number => {
  let s = k;
  while (s > 0 && !endsSentence(tokens[s - 1])) s--;
  return s;
};

const LEADS: ReadonlySet<string> = new Set(['so', 'now', 'ok', 'okay', 'right', 'first', 'just', 'and', 'then']);
const SIDE_TAILS: ReadonlySet<string> = new Set(['hand', 'end', 'side', 'edge']);
const WHOLES: ReadonlySet<string> = new Set(['picture', 'table', 'image', 'row', 'line', 'column', 'photo', 'view']);

/**
 * A count said as its own sentence, and the ordinal it gives in the next: "Count from the right:
 * one, two, three, four. The fourth block goes in the white bowl.", "count in from the right-hand
 * end: one, two, three. that third block goes …", "Start at the left edge and count the blocks:
 * one, two. Number two goes on the tray.", "Count the posts from the left. Number three goes …",
 * "count down from the top of the picture; the second block you reach goes …". The count goes;
 * the side it starts from goes after the ordinal's noun ("The fourth block from the right goes
 * …"). "that one" after a spoken count is the last number said.
 */
function countThenOrdinal(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let s = 0; s < tokens.length; s++) {
    if (!startsSentence(tokens, s)) continue;
    let i = s;
    while (LEADS.has(w(i))) i++;
    let side: Token | null = null;
    let noun: string | null = null;
    const sideAt = (k: number): number => {
      // "[the|your|my] right [hand] [end|edge] [of the picture]" → the index after it, or -1.
      let j = k;
      if (['the', 'your', 'my'].includes(w(j))) j++;
      if (SIDE_WORDS[w(j)] === undefined) return -1;
      side = tokens[j]!;
      j++;
      while (SIDE_TAILS.has(w(j))) j++;
      if (w(j) === 'of' && w(j + 1) === 'the' && (WHOLES.has(w(j + 2)) || singularOf(w(j + 2)) !== undefined)) {
        if (singularOf(w(j + 2)) !== undefined && NOUNS.has(w(j + 2))) noun ??= singularOf(w(j + 2))!;
        j += 3;
      }
      return j;
    };
    const countedNoun = (k: number): number => {
      if (w(k) === 'the' && singularOf(w(k + 1)) !== undefined) {
        if (NOUNS.has(w(k + 1))) noun = singularOf(w(k + 1))!;
        return k + 2;
      }
      return k;
    };
    let j: number;
    if (['start', 'starting'].includes(w(i)) && ['at', 'from'].includes(w(i + 1))) {
      // "Start at the left edge and count (the blocks)".
      j = sideAt(i + 2);
      if (j < 0 || w(j) !== 'and' || !['count', 'counting'].includes(w(j + 1))) continue;
      j = countedNoun(j + 2);
    } else if (['count', 'counting'].includes(w(i))) {
      j = countedNoun(i + 1);
      while (['in', 'along', 'across', 'up', 'down', 'off', 'them', 'these', 'it'].includes(w(j))) j++;
      if (w(j) !== 'from' && w(j) !== 'at') continue;
      j = sideAt(j + 1);
      if (j < 0) continue;
    } else continue;
    // The count said aloud: one, two, three …
    let n = 0;
    for (;;) {
      while (tokens[j]?.kind === 'punct' && [',', ':', '-', '…', '...'].includes(tokens[j]!.text)) j++;
      if (w(j) === 'and') j++;
      if (NUMBER_WORDS[w(j)] === n + 1 && w(j) !== 'a' && w(j) !== 'an') {
        n++;
        j++;
        continue;
      }
      break;
    }
    // (Set inside sideAt: TypeScript cannot see it.)
    const sideToken = side as Token | null;
    if (!endsSentence(tokens[j]) || sideToken === null) continue;
    const a = j + 1;
    const b = sentenceEnd(tokens, a);
    // The ordinal of the next sentence: "the fourth block", "that third one", "Number two", "that one".
    for (let p = a; p < b; p++) {
      let ord = ORDINALS[w(p)] !== undefined && w(p) !== 'last' ? w(p) : undefined;
      let from = p;
      let head = -1;
      let said: Token[] = [];
      if (ord !== undefined) {
        if (['that', 'this'].includes(w(p - 1)) && p - 1 >= a) from = p - 1;
        else if (w(p - 1) === 'the') from = p - 1;
        head = p + 1;
        while (head < b && head <= p + 3 && !(NOUNS.has(w(head)) || w(head) === 'one')) head++;
        if (head >= b || !(NOUNS.has(w(head)) || w(head) === 'one')) {
          head = -1;
          said = [word('the', tokens[p]!), word(ord, tokens[p]!), word(noun ?? 'one', tokens[p]!)];
        } else said = [word('the', tokens[p]!), ...tokens.slice(p, head + 1)];
      } else if (w(p) === 'number' && (NUMBER_WORDS[w(p + 1)] !== undefined || tokens[p + 1]?.kind === 'number')) {
        ord = ordinalWordOf(NUMBER_WORDS[w(p + 1)] ?? Number(tokens[p + 1]!.text));
        if (ord === undefined) break;
        said = [word('the', tokens[p]!), word(ord, tokens[p]!), word(noun ?? 'one', tokens[p]!)];
        head = p + 1;
      } else if (n > 0 && ['that', 'this'].includes(w(p)) && (w(p + 1) === 'one' || NOUNS.has(w(p + 1)))) {
        ord = ordinalWordOf(n);
        if (ord === undefined) break;
        said = [word('the', tokens[p]!), word(ord, tokens[p]!), tokens[p + 1]!];
        head = p + 1;
      } else continue;
      let after = head < 0 ? p + 1 : head + 1;
      if (['from', 'counting', 'starting'].includes(w(after))) break;
      // "the second block you reach", "… you come to", "… you get to".
      if (w(after) === 'you' && ['reach', 'come', 'get', 'hit', 'meet'].includes(w(after + 1)))
        after += ['come', 'get'].includes(w(after + 1)) && w(after + 2) === 'to' ? 3 : 2;
      const at = tokens[p]!;
      const sided = [...said, word('from', at), word('the', at), { ...sideToken, start: at.start, end: at.end }];
      return countThenOrdinal([...tokens.slice(0, s), ...tokens.slice(a, from), ...sided, ...tokens.slice(after)]);
    }
  }
  return tokens;
}

/**
 * "Third one down - in the green bowl", "the second block up, into the bowl": an ordinal counted
 * down (from the top) or up (from the bottom), said at the start of a sentence with nothing
 * after the direction but a pause.
 */
function countedDownOrUp(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    if (!startsSentence(tokens, i)) continue;
    const o = w(i) === 'the' ? i + 1 : i;
    if (ORDINALS[w(o)] === undefined || w(o) === 'last') continue;
    const head = o + 1;
    if (!(NOUNS.has(w(head)) || w(head) === 'one')) continue;
    const dir = w(head + 1);
    if ((dir !== 'down' && dir !== 'up') || tokens[head + 2]?.kind !== 'punct') continue;
    // ("the second one up, counting from the bottom": the side is said after it.)
    if (['counting', 'starting', 'from', 'going'].includes(w(head + 3))) continue;
    const at = tokens[head + 1]!;
    const sided = [word('from', at), word('the', at), word(dir === 'down' ? 'top' : 'bottom', at)];
    return [...tokens.slice(0, head + 1), ...sided, ...tokens.slice(head + 2)];
  }
  return tokens;
}

/** Words that may follow "N blocks, N corners" in its sentence and add nothing to it. */
const ONE_EACH: ReadonlySet<string> = new Set([
  'one',
  'each',
  'per',
  'corner',
  'any',
  'in',
  'so',
  'stays',
  'stay',
  'empty',
  'is',
  'left',
  'and',
  'please',
  'doesn\u2019t',
  "doesn't",
  'matter',
  'which',
  'where',
  'goes',
  'go',
  'no',
  'doubling',
  'double',
  'doubled',
  'nothing',
  'up',
]);

/**
 * Corners one each, said without a verb or as what each corner gets: "Four blocks, four corners,
 * one each." → "put the four blocks in different corners."; "Three cans, four corners, so one
 * corner stays empty." (the same); "Spread the four blocks out so that every corner of the table
 * gets exactly one." → "Spread the four blocks out in different corners."
 */
function cornersEach(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  const count = (k: number): boolean => NUMBER_WORDS[w(k)] !== undefined || tokens[k]?.kind === 'number';
  for (let i = 0; i < tokens.length; i++) {
    // "N things, N corners[, one each]".
    if (
      startsSentence(tokens, i) &&
      count(i) &&
      singularOf(w(i + 1)) !== undefined &&
      NOUNS.has(w(i + 1)) &&
      tokens[i + 2]?.text === ',' &&
      count(i + 3) &&
      w(i + 4) === 'corners'
    ) {
      const e = sentenceEnd(tokens, i);
      const rest = tokens.slice(i + 5, e);
      if (!rest.every((t) => t.kind === 'punct' || ONE_EACH.has(t.text) || NOUNS.has(t.text))) continue;
      const at = tokens[i]!;
      // After a sentence that put them in corners ("Put each can in a different corner. Three cans, four corners, …"), it repeats it.
      if (tokens.slice(0, i).some((t) => t.text === 'corner' || t.text === 'corners'))
        return cornersEach([...tokens.slice(0, i), ...tokens.slice(e + 1)]);
      const said = [
        word('put', at),
        word('the', at),
        tokens[i]!,
        tokens[i + 1]!,
        word('in', at),
        word('different', at),
        word('corners', at),
      ];
      return cornersEach([...tokens.slice(0, i), ...said, ...tokens.slice(e)]);
    }
    // "[out] so [that] every corner [of the table] gets [exactly] one [thing]" → "in different corners".
    if (w(i) === 'so') {
      let j = w(i + 1) === 'that' ? i + 2 : i + 1;
      if (!['every', 'each'].includes(w(j)) || w(j + 1) !== 'corner') continue;
      j += 2;
      if (w(j) === 'of' && w(j + 1) === 'the' && w(j + 2) === 'table') j += 3;
      if (!['gets', 'has', 'ends', 'holds'].includes(w(j))) continue;
      j++;
      if (w(j) === 'up' && w(j - 1) === 'ends') j += w(j + 1) === 'with' ? 2 : 1;
      if (['exactly', 'just', 'only'].includes(w(j))) j++;
      if (!['one', 'a'].includes(w(j))) continue;
      j++;
      if (NOUNS.has(w(j))) j++;
      if (j < tokens.length && tokens[j]!.kind !== 'punct') continue;
      const from = w(i - 1) === 'out' ? i - 1 : i;
      const at = tokens[i]!;
      return cornersEach([...tokens.slice(0, from), word('in', at), word('different', at), word('corners', at), ...tokens.slice(j)]);
    }
  }
  return tokens;
}

/** "its own colour's bowl", "the bowl of its own colour", "its own bowl", "its matching bowl": the index after it, or -1. */
function ownBowlAt(tokens: readonly Token[], k: number): number {
  const w = (m: number): string => (tokens[m]?.kind === 'word' ? tokens[m]!.text : '');
  let j = k;
  if (w(j) === 'in' || w(j) === 'into') j++;
  if (w(j) === 'its' && w(j + 1) === 'own' && w(j + 2) === 'color' && ["'s", 's'].includes(w(j + 3)) && w(j + 4) === 'bowl') return j + 5;
  if (w(j) === 'its' && w(j + 1) === 'own' && w(j + 2) === 'color' && w(j + 3) === 'bowl') return j + 4;
  if (w(j) === 'its' && ['own', 'matching'].includes(w(j + 1)) && w(j + 2) === 'bowl') return j + 3;
  if (w(j) === 'the' && ['bowl', 'one'].includes(w(j + 1)) && w(j + 2) === 'of' && w(j + 3) === 'its') {
    const m = w(j + 4) === 'own' ? j + 5 : j + 4;
    if (w(m) === 'color') return m + 1;
  }
  if (
    w(j) === 'the' &&
    ['bowl', 'one'].includes(w(j + 1)) &&
    w(j + 2) === 'that' &&
    ['matches', 'match'].includes(w(j + 3)) &&
    w(j + 4) === 'it'
  )
    return j + 5;
  return -1;
}

/**
 * Every block in a bowl not of its own colour, said in other words: "a bowl that doesn't share
 * its colour", "in a bowl, but never the bowl of its own colour", "in a bowl, but no block may go
 * in its own colour's bowl" → "a bowl that is not its own colour"; "never two in one bowl" → "no
 * two in one bowl"; "no two blocks may share a bowl" → "no two blocks sharing a bowl"; "every
 * block sits in …" → "every block goes in …".
 */
function notOwnBowl(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  const notOwn = (at: Token): Token[] => [
    word('that', at),
    word('is', at),
    word('not', at),
    word('its', at),
    word('own', at),
    word('color', at),
  ];
  for (let i = 0; i < tokens.length; i++) {
    // "the bowl that's its colour" → "the bowl of its own colour".
    if (['bowl', 'tray'].includes(w(i)) && w(i - 1) === 'the' && w(i + 1) === 'that' && w(i + 2) === 'is' && w(i + 3) === 'its') {
      const e = w(i + 4) === 'own' ? i + 5 : i + 4;
      if (w(e) !== 'color') continue;
      const at = tokens[i + 1]!;
      return notOwnBowl([
        ...tokens.slice(0, i + 1),
        word('of', at),
        word('its', at),
        word('own', at),
        word('color', at),
        ...tokens.slice(e + 1),
      ]);
    }
    // "a bowl that doesn't share its colour", "a bowl that does not match its colour".
    if (w(i) === 'bowl' && w(i + 1) === 'that') {
      let j = i + 2;
      if (["doesn't", 'doesnt', 'don\u2019t', "don't", 'isn\u2019t'].includes(w(j))) j++;
      else if (w(j) === 'does' && w(j + 1) === 'not') j += 2;
      else continue;
      if (!['share', 'match', 'have'].includes(w(j)) || w(j + 1) !== 'its') continue;
      j += 2;
      if (w(j) === 'own') j++;
      if (w(j) !== 'color') continue;
      return notOwnBowl([...tokens.slice(0, i + 1), ...notOwn(tokens[i + 1]!), ...tokens.slice(j + 1)]);
    }
    // "a bowl, but never its own colour's bowl", "a bowl, but no block may go in the bowl of its own colour".
    if (w(i) === 'bowl' && w(i - 1) === 'a') {
      let j = i + 1;
      if (tokens[j]?.text === ',') j++;
      if (w(j) !== 'but') continue;
      j++;
      if (w(j) === 'never' || w(j) === 'not') j++;
      else if (w(j) === 'no' && NOUNS.has(w(j + 1)) && ['may', 'can', 'should', 'must'].includes(w(j + 2))) {
        j += 3;
        if (['go', 'sit', 'be', 'end'].includes(w(j))) j += w(j) === 'end' && w(j + 1) === 'up' ? 2 : 1;
      } else continue;
      const e = ownBowlAt(tokens, j);
      if (e < 0) continue;
      return notOwnBowl([...tokens.slice(0, i + 1), ...notOwn(tokens[i + 1]!), ...tokens.slice(e)]);
    }
    // "never two in one bowl" → "no two in one bowl" (noSharing reads it).
    if (
      w(i) === 'never' &&
      (w(i + 1) === 'two' || tokens[i + 1]?.text === '2') &&
      (i === 0 || tokens[i - 1]!.kind === 'punct' || w(i - 1) === 'and')
    )
      return notOwnBowl([...tokens.slice(0, i), { ...tokens[i]!, text: 'no' }, ...tokens.slice(i + 1)]);
    // "no two blocks may share a bowl" → "no two blocks sharing a bowl".
    if (
      w(i) === 'no' &&
      w(i + 1) === 'two' &&
      NOUNS.has(w(i + 2)) &&
      ['may', 'can', 'should', 'will'].includes(w(i + 3)) &&
      w(i + 4) === 'share'
    )
      return notOwnBowl([...tokens.slice(0, i + 3), { ...tokens[i + 4]!, text: 'sharing' }, ...tokens.slice(i + 5)]);
    // "every block finds the bowl that's its colour", "… meets the bowl of its own colour" → "… goes in the bowl …".
    if (
      ['every', 'each'].includes(w(i)) &&
      NOUNS.has(w(i + 1)) &&
      ['finds', 'meets', 'joins'].includes(w(i + 2)) &&
      w(i + 3) === 'the' &&
      ['bowl', 'tray'].includes(w(i + 4)) &&
      (i === 0 || tokens[i - 1]!.kind === 'punct')
    )
      return notOwnBowl([
        ...tokens.slice(0, i + 2),
        { ...tokens[i + 2]!, text: 'goes' },
        word('in', tokens[i + 2]!),
        ...tokens.slice(i + 3),
      ]);
    // "every block sits in a bowl …" → "every block goes in a bowl …".
    if (
      ['every', 'each'].includes(w(i)) &&
      NOUNS.has(w(i + 1)) &&
      w(i + 2) === 'sits' &&
      ['in', 'into', 'on', 'onto'].includes(w(i + 3)) &&
      (i === 0 || tokens[i - 1]!.kind === 'punct')
    )
      return notOwnBowl([...tokens.slice(0, i + 2), { ...tokens[i + 2]!, text: 'goes' }, ...tokens.slice(i + 3)]);
  }
  return tokens;
}

const ARRANGEMENTS: ReadonlySet<string> = new Set(['tower', 'stack', 'pile', 'line', 'row', 'column', 'circle', 'ring', 'grid']);
const HEADING_ENDS: ReadonlySet<string> = new Set(['game', 'time', 'party', 'challenge']);

/**
 * A heading before the request: "Mix 'em up: every block …", "Let's mix things up - …", "Colour
 * party! Every block …", "Odd-one-out game: …", "Tower time!! …". It names the game, not what to
 * do; it goes when a request follows it.
 */
function headings(tokens: Token[], notes: string[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    if (!startsSentence(tokens, i)) continue;
    let j = i;
    if (w(j) === "let's" || w(j) === 'lets' || (w(j) === 'let' && w(j + 1) === 'mix')) j++;
    if (w(j) === 'mix' && ['them', 'em', 'things', 'it', 'everything'].includes(w(j + 1))) {
      j += 2;
      if (w(j) === 'all') j++;
      if (w(j) !== 'up') continue;
      j++;
      if (w(j) === 'on' && w(j + 1) === 'purpose') j += 2;
    } else {
      let k = j;
      while (k < tokens.length && k - j < 4 && tokens[k]!.kind === 'word' && !HEADING_ENDS.has(w(k))) k++;
      // ("Tower time!! yellow's the base, …": a heading naming an arrangement says what to make.)
      if (k === j || !HEADING_ENDS.has(w(k)) || tokens.slice(j, k).some((t) => ARRANGEMENTS.has(t.text))) continue;
      j = k + 1;
    }
    const p = tokens[j];
    // (A heading before a colon, "Tidy-up time:", is grammar.ts's: left out and noted when it names nothing.)
    const mix = w(i) === 'mix' || w(i + 1) === 'mix';
    if (p?.kind !== 'punct' || !(mix ? [':', '!', ',', '-'] : ['!', ',', '-']).includes(p.text)) continue;
    let e = j;
    while (tokens[e]?.kind === 'punct') e++;
    if (e >= tokens.length) continue;
    const said = tokens
      .slice(i, j)
      .map((t) => t.text)
      .join(' ');
    notes.push(`left out '${said}', a heading before what it says`);
    return headings([...tokens.slice(0, i), ...tokens.slice(e)], notes);
  }
  return tokens;
}

const WARM: readonly string[] = ['red', 'orange', 'yellow', 'pink'];
const COOL: readonly string[] = ['green', 'blue', 'purple', 'cyan'];

/** "red", "red and orange", "red, orange and yellow" (or "… or yellow"). */
function colourList(colours: readonly string[], at: Token, last: 'and' | 'or' = 'and'): Token[] {
  const out: Token[] = [];
  colours.forEach((c, k) => {
    if (k > 0) out.push(k === colours.length - 1 ? word(last, at) : punctBefore(at, ','));
    out.push(word(c, at));
  });
  return out;
}

/**
 * Warm and cool colours: "the warm-coloured blocks - red, orange, yellow -", "the warm colours
 * (red and orange)", "the cold ones", "any block in a warm colour (red, orange or yellow)" → "the
 * red, orange and yellow blocks", "the red and orange things", "the green and blue things". A
 * list said with it (in brackets or dashes) is the set; else warm is red, orange, yellow and pink
 * and cool is green, blue, purple and cyan, those of them the scene has.
 */
function warmAndCool(tokens: Token[], vocabulary: readonly string[] | undefined): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    if (!['warm', 'cool', 'cold'].includes(w(i))) continue;
    let j = i + 1;
    let noun: string | null = null;
    if (['color', 'colors', 'colored'].includes(w(j))) j++;
    else if (w(j) !== 'ones') continue;
    if (w(j) === 'ones' || w(j - 1) === 'colors') {
      if (w(j) === 'ones') j++;
    } else if (NOUNS.has(w(j)) && w(j - 1) === 'colored') {
      noun = singularOf(w(j)) ?? w(j);
      j++;
    }
    // The list said with it: "(red, orange or yellow)", ", red, orange, yellow,".
    let listed: string[] = [];
    const open = tokens[j]?.text;
    if (open === '(' || open === ',') {
      let k = j + 1;
      let last = -1;
      const got: string[] = [];
      while (k < tokens.length && (isColor(w(k)) || tokens[k]!.text === ',' || ['and', 'or'].includes(w(k)))) {
        if (isColor(w(k))) {
          got.push(w(k));
          last = k;
        }
        k++;
      }
      k = last + 1;
      const close = tokens[k]?.text;
      if (got.length > 0 && close === (open === '(' ? ')' : ',')) {
        listed = got;
        j = k + 1;
      }
    }
    const set = w(i) === 'warm' ? WARM : COOL;
    // Unlisted, the set is said as what it is not ("the blocks that are not green, blue or white"): a
    // colour of the set the scene has only on a bowl names no block.
    const others =
      listed.length > 0 ? [] : [...COLORS].filter((c) => !set.includes(c) && (vocabulary === undefined || vocabulary.includes(c)));
    // "any block in a warm colour": the noun goes before.
    let from = i;
    if (w(i - 1) === 'a' && w(i - 2) === 'in' && NOUNS.has(w(i - 3))) {
      noun = singularOf(w(i - 3)) ?? w(i - 3);
      from = i - 3;
      if (['any', 'every', 'each', 'all', 'the'].includes(w(from - 1))) from--;
    } else if (['the', 'any', 'every', 'each', 'all'].includes(w(i - 1))) from = i - 1;
    if (noun === null) {
      // The things named before in the sentence ("Split the blocks …: the warm colours …"), else things.
      let b = i - 1;
      while (b >= 0 && !endsSentence(tokens[b])) {
        const s = singularOf(w(b));
        if (s !== undefined && NOUNS.has(w(b)) && !['bowl', 'tray', 'container', 'zone'].includes(NOUNS.get(w(b))!.cls)) {
          noun = s;
          break;
        }
        b--;
      }
    }
    const plural = pluralOf(noun ?? 'thing') ?? 'things';
    const at = tokens[i]!;
    // (Its verb agrees with the list: "… yellow blocks goes on" was read as a clause of its own.)
    const verb = w(j) === 'goes' ? [{ ...tokens[j]!, text: 'go' }] : tokens.slice(j, j + 1);
    const said =
      listed.length > 0
        ? [word('the', at), ...colourList(listed, at), word(plural, at)]
        : [
            word('the', at),
            word(plural, at),
            ...(others.length > 0 ? [word('that', at), word('are', at), word('not', at), ...colourList(others, at, 'or')] : []),
          ];
    return warmAndCool([...tokens.slice(0, from), ...said, ...verb, ...tokens.slice(j + 1)], vocabulary);
  }
  return tokens;
}

/** "not red, not blue and not white" → "not red, blue or white". */
function notList(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    if (w(i) !== 'not' || !isColor(w(i + 1))) continue;
    const colours = [w(i + 1)];
    let j = i + 2;
    let joined = false;
    for (;;) {
      let k = j;
      if (tokens[k]?.text === ',') k++;
      if (['and', 'or', 'nor'].includes(w(k))) {
        k++;
        joined = true;
      }
      if (w(k) === 'not' && isColor(w(k + 1))) {
        colours.push(w(k + 1));
        j = k + 2;
        if (joined) break;
        continue;
      }
      break;
    }
    if (colours.length < 2 || !joined) continue;
    const at = tokens[i]!;
    const list = colourList(colours, at, 'or');
    // (A verb after the list agrees with it: "… or purple goes on" was read as a clause of its own.)
    const verb = w(j) === 'goes' ? [{ ...tokens[j]!, text: 'go' }] : tokens.slice(j, j + 1);
    return notList([...tokens.slice(0, i), tokens[i]!, ...list, ...verb, ...tokens.slice(j + 1)]);
  }
  return tokens;
}

/**
 * "each of the red, green and blue blocks goes …": each of a list of colours is the list ("the red,
 * green and blue blocks"); read as it was, the list broke at its first comma.
 */
function eachOfList(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    const n = w(i) === 'each' ? 1 : w(i) === 'every' && w(i + 1) === 'one' ? 2 : 0;
    if (n === 0 || w(i + n) !== 'of' || w(i + n + 1) !== 'the' || !isColor(w(i + n + 2))) continue;
    let k = i + n + 3;
    let listed = false;
    while (tokens[k]?.text === ',' || ['and', 'or'].includes(w(k)) || isColor(w(k))) {
      if (!isColor(w(k))) listed = true;
      k++;
    }
    if (!listed || singularOf(w(k)) === undefined) continue;
    // (Its verb agrees with the list: "… blue blocks goes on" was read as a clause of its own.)
    const verb = w(k + 1) === 'goes' ? [{ ...tokens[k + 1]!, text: 'go' }] : tokens.slice(k + 1, k + 2);
    return eachOfList([...tokens.slice(0, i), ...tokens.slice(i + n + 1, k + 1), ...verb, ...tokens.slice(k + 2)]);
  }
  return tokens;
}

const HIGHER: Readonly<Record<string, string>> = { higher: 'highest', lower: 'lowest' };

/**
 * "There are two blocks on the right of the bowl. The higher one of those two, into …": of two,
 * "higher" and "lower" pick as "highest" and "lowest" do, and "of those two" (or "of them")
 * names the things just said — the sentences before already say which.
 */
function higherOfThose(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 1; i < tokens.length; i++) {
    const sup = HIGHER[w(i)];
    if (sup === undefined || w(i - 1) !== 'the' || !(w(i + 1) === 'one' || NOUNS.has(w(i + 1)))) continue;
    let j = i + 2;
    // "of those two", "of these", "of them", "of the two" (when a sentence before names them).
    if (w(j) === 'of' && ['those', 'these', 'them', 'the'].includes(w(j + 1))) {
      let k = j + 2;
      if (['two', 'both', '2'].includes(w(k))) k++;
      const before = tokens.slice(0, i).some((t) => endsSentence(t));
      if (w(j + 1) !== 'them' && k === j + 2) k = j;
      else if (before) j = k;
    }
    return higherOfThose([...tokens.slice(0, i), { ...tokens[i]!, text: sup }, tokens[i + 1]!, ...tokens.slice(j)]);
  }
  return tokens;
}

const DETERMINERS: readonly string[] = ['the', 'a', 'an', 'that', 'this', 'each', 'every'];
const LINE_SIDES: Readonly<Record<string, string>> = {
  top: 'top',
  back: 'top',
  upper: 'top',
  far: 'top',
  bottom: 'bottom',
  front: 'bottom',
  lower: 'bottom',
  near: 'bottom',
  left: 'left',
  right: 'right',
  middle: 'middle',
  centre: 'middle',
  center: 'middle',
};

/**
 * A row or a column of several, named by its side: "the middle bowl of the back row", "the block
 * at the far right end of the bottom row", "fourth one along from the left, bottom row", "Bottom
 * block of the left-hand column", "the column on the right", "that column of blocks down the left
 * edge", "turn the bottom row into …". The row goes; a mark ("row:bottom") before the thing's
 * noun says which row it is among (grammar.ts, references.ts), or, said alone, names the things
 * of that row ("the row:bottom things").
 */
function rowsAndColumns(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let q = 0; q < tokens.length; q++) {
    let side: string | undefined;
    let axis: string | undefined;
    let end = -1;
    let noun: string | null = null;
    // "the bottom row", "the left-hand column", "the right hand column".
    if (LINE_SIDES[w(q)] !== undefined) {
      let k = q + 1;
      if (w(k) === 'hand') k++;
      if (w(k) === 'row' || w(k) === 'column') {
        side = LINE_SIDES[w(q)];
        axis = w(k);
        end = k + 1;
      }
    }
    // "the column on the right", "the row at the top", "that column of blocks down the left edge".
    if (side === undefined && (w(q) === 'row' || w(q) === 'column')) {
      let k = q + 1;
      if (w(k) === 'of' && singularOf(w(k + 1)) !== undefined && NOUNS.has(w(k + 1))) {
        noun = w(k + 1);
        k += 2;
      }
      if (['on', 'at', 'down', 'along', 'across', 'by'].includes(w(k)) && w(k + 1) === 'the' && LINE_SIDES[w(k + 2)] !== undefined) {
        side = LINE_SIDES[w(k + 2)];
        axis = w(q);
        end = k + 3;
        while (['hand', 'side', 'edge', 'end'].includes(w(end))) end++;
      }
    }
    if (side === undefined || axis === undefined) continue;
    // (Rows being made, "in two rows of three: the purple … in the back row", are places, not groups.)
    const sentence = tokens.slice(sentenceStart(tokens, q), sentenceEnd(tokens, q));
    if (sentence.some((t) => ['rows', 'columns', 'grid'].includes(t.text))) continue;
    const ps = ['the', 'that', 'this'].includes(w(q - 1)) ? q - 1 : q;
    if (ps === q && tokens[q - 1]?.text !== ',') continue;
    const at = tokens[q]!;
    const mark = word(`${axis}:${side}`, at);
    // After a thing: "… of / in / from the bottom row", "…, bottom row".
    const link = ps === q ? q - 1 : ps - 1;
    if (['of', 'in', 'from', 'on', 'along', 'within'].includes(w(link)) || tokens[link]?.text === ',') {
      let h = link - 1;
      while (h >= 0 && link - h <= 6 && !(NOUNS.has(w(h)) || w(h) === 'one' || w(h) === 'ones') && tokens[h]!.kind === 'word') h--;
      // (Several containers of a row, "into the three bowls of the back row, one each", are places
      // one each among every container: the row would be lost, so it is not read.)
      if (h >= 0 && NOUNS.get(w(h))?.plural && ['bowl', 'tray', 'container'].includes(NOUNS.get(w(h))!.cls)) continue;
      // ("make one tower out of the front row": what is made of the row's things, not one among them.)
      const made =
        w(link) === 'of' &&
        w(link - 1) === 'out' &&
        tokens.slice(Math.max(0, h), link).some((t) => ['tower', 'stack', 'pile', 'line', 'circle', 'ring'].includes(t.text));
      if (h >= 0 && !made && (NOUNS.has(w(h)) || w(h) === 'one' || w(h) === 'ones')) {
        // The mark goes after the thing's determiner, before its adjectives ("the row:top middle bowl").
        let d = h;
        while (
          d > 0 &&
          h - d < 4 &&
          tokens[d - 1]!.kind === 'word' &&
          !['the', 'a', 'an', 'that', 'this', 'each', 'every'].includes(w(d - 1)) &&
          !VERBS.has(w(d - 1))
        )
          d--;
        // (After a count: "the three bowls of the back row" → "the three row:top bowls".)
        while (d < h && (NUMBER_WORDS[w(d)] !== undefined || tokens[d]!.kind === 'number') && !ORDINALS[w(d)]) d++;
        let rest = tokens.slice(h + 1, link);
        // "the block at (on) the far right end of the bottom row": the rightmost of that row.
        let extreme: Token[] = [];
        const e = rest.findIndex((t, m) => (t.text === 'at' || t.text === 'on') && rest[m + 1]?.text === 'the');
        if (e === 0) {
          let m = 2;
          if (['far', 'very'].includes(rest[m]?.text ?? '')) m++;
          const x = END_MOST[rest[m]?.text ?? ''];
          if (x !== undefined && rest[m + 1]?.text === 'end' && m + 2 === rest.length) {
            extreme = [word(x, at)];
            rest = [];
          }
        }
        if (rest.length === 0 || !rest.some((t) => ['end', 'edge', 'side'].includes(t.text)))
          return rowsAndColumns([...tokens.slice(0, d), mark, ...extreme, ...tokens.slice(d, h + 1), ...rest, ...tokens.slice(end)]);
      }
      if (tokens[link]?.text === ',') continue;
    }
    // Said alone: the things of that row; "From the column on the right, take …": the group it is taken from.
    const things = noun ?? 'things';
    const lead =
      startsSentence(tokens, ps - 1) && ['from', 'in'].includes(w(ps - 1))
        ? 1
        : startsSentence(tokens, ps - 2) && w(ps - 2) === 'out' && w(ps - 1) === 'of'
          ? 2
          : 0;
    if (lead > 0 && tokens[end]?.text === ',') {
      // The thing chosen after the comma is among that row: "…, take the top block" → "take the column:right top block".
      const stop = sentenceEnd(tokens, end);
      const h = tokens.findIndex((t, k) => k > end && k < stop && t.kind === 'word' && (NOUNS.has(t.text) || t.text === 'one'));
      if (h < 0) continue;
      let d = h;
      while (d > end + 1 && tokens[d - 1]!.kind === 'word' && !DETERMINERS.includes(w(d - 1)) && !VERBS.has(w(d - 1))) d--;
      return rowsAndColumns([...tokens.slice(0, ps - lead), ...tokens.slice(end + 1, d), mark, ...tokens.slice(d)]);
    }
    return rowsAndColumns([...tokens.slice(0, ps), word('the', at), mark, word(things, at), ...tokens.slice(end)]);
  }
  return tokens;
}

const SIZE_TOPS: Readonly<Record<string, string>> = { biggest: 'smallest', largest: 'smallest', smallest: 'biggest' };

/**
 * Post hoc, after the fourteenth table:
 * - "the big block the same colour" → "the big block of the same colour";
 * - "Build a tower with the biggest block at the bottom and the smallest at the top" → "stack all
 *   the blocks from biggest to smallest" (every block in size order; it stacked the two named);
 * - "put green on red and then blue on top" → "… then blue on top of it" (on what was just put
 *   there; "on top" alone was read as the top side of the table, or the first one's base);
 * - "make a tower in the middle of the tray, green at the bottom then yellow" → "make a tower,
 *   the tray at the bottom, green then yellow" (the tray is where it stands: it was stacked).
 */
function towerForms(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    // "the big block the same colour".
    if ((NOUNS.has(w(i)) || w(i) === 'one') && w(i + 1) === 'the' && w(i + 2) === 'same' && w(i + 3) === 'color' && w(i - 1) !== 'of')
      return towerForms([...tokens.slice(0, i + 1), word('of', tokens[i + 1]!), ...tokens.slice(i + 1)]);
    // "a tower with the biggest (block) at the bottom and the smallest at the top".
    if (
      ['tower', 'stack', 'pile'].includes(w(i)) &&
      ['a', 'one'].includes(w(i - 1)) &&
      (w(i + 1) === 'with' || tokens[i + 1]?.text === ',' || tokens[i + 1]?.text === ':')
    ) {
      let j = i + 2;
      if (w(j) === 'the') j++;
      const big = w(j);
      const other = SIZE_TOPS[big];
      if (other !== undefined) {
        j++;
        const noun = NOUNS.has(w(j)) && !NOUNS.get(w(j))!.plural ? w(j) : null;
        if (noun !== null || w(j) === 'one') j++;
        if (w(j) === 'at' && w(j + 1) === 'the' && w(j + 2) === 'bottom' && ['and', ','].includes(tokens[j + 3]?.text ?? '')) {
          let k = j + 4;
          if (w(k) === 'the') k++;
          if (w(k) === other) {
            k++;
            if (w(k) === 'one' || w(k) === noun) k++;
            // ("… and the smallest on top": the same.)
            const onTop = w(k) === 'on' && w(k + 1) === 'top' ? 2 : 0;
            const top = onTop || (w(k) === 'at' && w(k + 1) === 'the' && ['top', 'peak'].includes(w(k + 2)) ? 3 : 0);
            if (top > 0 && (k + top >= tokens.length || tokens[k + top]!.kind === 'punct')) {
              let v = i - 1;
              while (v > 0 && !VERBS.has(w(v)) && !endsSentence(tokens[v - 1])) v--;
              const at = tokens[i]!;
              const plural = pluralOf(noun ?? 'block') ?? 'blocks';
              const said = [
                word('stack', at),
                word('all', at),
                word('the', at),
                word(plural, at),
                word('from', at),
                word(big, at),
                word('to', at),
                word(other, at),
              ];
              return towerForms([...tokens.slice(0, VERBS.has(w(v)) ? v : i - 1), ...said, ...tokens.slice(k + top)]);
            }
          }
        }
      }
    }
    // "… and then blue on top", "…, then the blue one on top" after a clause that put something on something.
    if (w(i) === 'on' && w(i + 1) === 'top' && (i + 2 >= tokens.length || tokens[i + 2]!.kind === 'punct') && w(i - 1) !== 'it') {
      let b = i - 1;
      while (b > 0 && tokens[b]!.kind === 'word' && w(b) !== 'then' && w(b) !== 'and') b--;
      // ("stack A on B and C on top": "and" too, after a stack.)
      if (w(b) === 'and' && w(b + 1) === 'then') b++;
      // The clause before it: from the last "then" or comma (or the start).
      let c0 = b - 1;
      while (c0 > 0 && !(tokens[c0 - 1]!.kind === 'punct' || w(c0 - 1) === 'then')) c0--;
      if (c0 < 0) c0 = 0;
      const lead = tokens.slice(0, c0);
      const before = tokens.slice(c0, w(b - 1) === 'and' && w(b) === 'then' ? b - 1 : b);
      const next = (k: number): string => (before[k + 1]?.kind === 'word' ? before[k + 1]!.text : '');
      const stacked = before.some(
        (t, k) => ['on', 'onto'].includes(t.text) && (isColor(next(k)) || next(k) === 'the' || next(k) === 'top'),
      );
      // "put A on B (and) then C on top" → "stack C on A on B" (the one sentence a stack of three).
      const v = before.findIndex((t) => ['put', 'place', 'stack', 'set'].includes(t.text));
      const on = before.findIndex((t, k) => k > v && ['on', 'onto'].includes(t.text));
      const tail = tokens.slice(b + 1, i);
      const clean = (ts: Token[]): Token[] => ts.filter((t, k) => !(t.text === ',' || (t.text === 'and' && k === ts.length - 1)));
      const base = clean(before.slice(on + 1));
      // (On a container, "put the red block on the tray and then the yellow one on top", it already reads.)
      const onContainer = base.some((t) => ['bowl', 'tray', 'table'].includes(t.text));
      const andStack = w(b) === 'and' && before[0]?.text === 'stack';
      // ("first the green block on the blue one, then the red block on top": no verb, said as a first step.)
      const firstStep = v === -1 && before[0]?.text === 'first';
      // ("first stack the green block on the blue one, then …": the same, with its verb.)
      const firstVerb = v === 1 && before[0]?.text === 'first';
      if (
        (w(b) === 'then' || andStack) &&
        stacked &&
        (v === 0 || firstStep || firstVerb) &&
        on > 1 &&
        !onContainer &&
        !tokens.some((t) => t.text === 'bottom')
      ) {
        const a = before.slice(Math.max(v, 0) + 1, on);
        const at = tokens[i]!;
        return towerForms([...lead, word('stack', at), ...tail, word('on', at), ...a, word('on', at), ...base, ...tokens.slice(i + 2)]);
      }
    }
    // "a tower in the middle of the tray, green at the bottom then yellow".
    if (['tower', 'stack', 'pile'].includes(w(i)) && ['a', 'one'].includes(w(i - 1))) {
      let j = i + 1;
      if (['in', 'at'].includes(w(j)) && w(j + 1) === 'the' && ['middle', 'centre', 'center'].includes(w(j + 2)) && w(j + 3) === 'of')
        j += 4;
      else if (['on', 'in', 'onto'].includes(w(j))) j++;
      else continue;
      if (w(j) !== 'the' || !['tray', 'bowl'].includes(w(j + 1)) || ![',', ':'].includes(tokens[j + 2]?.text ?? '')) continue;
      const e = sentenceEnd(tokens, j);
      const rest = tokens.slice(j + 3, e);
      const b = rest.findIndex((t, k) => t.text === 'at' && rest[k + 1]?.text === 'the' && rest[k + 2]?.text === 'bottom');
      if (b < 1 || b > 3) continue;
      const at = tokens[j]!;
      const comma: Token = punctBefore(at, ',');
      const said = [comma, tokens[j]!, tokens[j + 1]!, word('at', at), word('the', at), word('bottom', at), comma];
      return towerForms([...tokens.slice(0, i + 1), ...said, ...rest.slice(0, b), ...rest.slice(b + 3), ...tokens.slice(e)]);
    }
  }
  return tokens;
}

const PLACE_AFTER_ITS: ReadonlySet<string> = new Set([
  'next',
  'beside',
  'near',
  'in',
  'on',
  'inside',
  'behind',
  'above',
  'below',
  'left',
  'right',
  'touching',
]);
const NEUTRALS: readonly string[] = ['white', 'black', 'gray'];
const CRAMMED: ReadonlySet<string> = new Set([
  'crammed',
  'crowded',
  'squashed',
  'squished',
  'bunched',
  'cramped',
  'packed',
  'jammed',
  'cluttered',
]);
const UNIT_WORDS: readonly string[] = ['cm', 'centimetres', 'centimeters', 'mm', 'm'];

/**
 * Post hoc, after the fourteenth table, other ways of saying what the grammar reads:
 * - "Give each bowl one block", "put one block in each bowl" → "put a block in each bowl";
 * - "…, at least one in each bowl" → "…, so that no bowl is left empty";
 * - "one of the red blocks in the bowl, either one" → (", either one" goes: one of them is any one);
 * - "Which one is the smallest green block? Put that …" → "the smallest green block? Put that …";
 * - "way down, a good bit below X" → "a lot below X"; "about 20cm up from it" → "about 20 cm above it";
 * - "in a row across the top" → "in a row along the top edge";
 * - "just behind the bowl, on the far side from me" → "just behind the bowl" (it says it again);
 * - "The white one doesn't have a bowl, just leave it." → "The white one has no bowl, so it stays put.";
 * - "the coloured blocks" → "the blocks that are not white, black or gray";
 * - "so its next to X" → "so it is next to X"; "all the stuff" → "all the things"; "all the things up to the top
 *   edge" → "… to the top edge"; "…, it's all crammed at the bottom" (why, not what: it goes).
 */
function otherSayings(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  const pause = (k: number): boolean => k >= tokens.length || tokens[k]!.kind === 'punct';
  for (let i = 0; i < tokens.length; i++) {
    const at = tokens[i]!;
    // "Give each bowl one block".
    if (
      w(i) === 'give' &&
      ['each', 'every'].includes(w(i + 1)) &&
      ['bowl', 'tray'].includes(w(i + 2)) &&
      ['one', 'a'].includes(w(i + 3)) &&
      NOUNS.has(w(i + 4))
    )
      return otherSayings([
        ...tokens.slice(0, i),
        word('put', at),
        word('a', at),
        tokens[i + 4]!,
        word('in', at),
        word('each', at),
        tokens[i + 2]!,
        ...tokens.slice(i + 5),
      ]);
    // "one block in each bowl" (after a verb).
    if (
      w(i) === 'one' &&
      NOUNS.has(w(i + 1)) &&
      !NOUNS.get(w(i + 1))!.plural &&
      ['in', 'on', 'into'].includes(w(i + 2)) &&
      ['each', 'every'].includes(w(i + 3)) &&
      VERBS.has(w(i - 1))
    )
      return otherSayings([...tokens.slice(0, i), { ...at, text: 'a' }, ...tokens.slice(i + 1)]);
    // ", at least one in each bowl".
    if (
      w(i) === 'at' &&
      w(i + 1) === 'least' &&
      w(i + 2) === 'one' &&
      ['in', 'on'].includes(w(i + 3)) &&
      ['each', 'every'].includes(w(i + 4)) &&
      ['bowl', 'tray'].includes(w(i + 5)) &&
      pause(i + 6)
    )
      return otherSayings([
        ...tokens.slice(0, i),
        word('so', at),
        word('that', at),
        word('no', at),
        tokens[i + 5]!,
        word('is', at),
        word('left', at),
        word('empty', at),
        ...tokens.slice(i + 6),
      ]);
    // ", either one" after "one of the …".
    if (
      tokens[i]?.text === ',' &&
      ['either', 'any'].includes(w(i + 1)) &&
      w(i + 2) === 'one' &&
      pause(i + 3) &&
      tokens.slice(0, i).some((t, k) => t.text === 'one' && w(k + 1) === 'of')
    )
      return otherSayings([...tokens.slice(0, i), ...tokens.slice(i + 3)]);
    // "Which one is the …?"
    if (
      startsSentence(tokens, i) &&
      w(i) === 'which' &&
      ((w(i + 1) === 'one' && w(i + 2) === 'is') || w(i + 1) === 'is') &&
      w(i + (w(i + 1) === 'one' ? 3 : 2)) === 'the'
    ) {
      const e = sentenceEnd(tokens, i);
      if (tokens[e]?.text === '?' && tokens.slice(e + 1).some((t) => ['that', 'it'].includes(t.text)))
        return otherSayings([...tokens.slice(0, i), ...tokens.slice(i + (w(i + 1) === 'one' ? 2 : 1) + 1)]);
    }
    // "way down, a good bit below X".
    if (w(i) === 'way' && ['down', 'up', 'over', 'across'].includes(w(i + 1)) && tokens[i + 2]?.text === ',')
      return otherSayings([...tokens.slice(0, i), ...tokens.slice(i + 3)]);
    if (w(i) === 'a' && w(i + 1) === 'good' && ['bit', 'way', 'distance'].includes(w(i + 2)))
      return otherSayings([...tokens.slice(0, i), at, { ...tokens[i + 1]!, end: tokens[i + 2]!.end, text: 'lot' }, ...tokens.slice(i + 3)]);
    // "Move all the things up to the top edge": "up" says nothing more.
    if (w(i) === 'up' && w(i + 1) === 'to' && w(i + 2) === 'the' && (NOUNS.has(w(i - 1)) || w(i - 1) === 'it' || w(i - 1) === 'them'))
      return otherSayings([...tokens.slice(0, i), ...tokens.slice(i + 1)]);
    // "20cm up from it", "10 cm down from the bowl".
    const measured = tokens[i]?.kind !== 'word' && /^\d+(\.\d+)?\s*(cm|mm|m)$/.test(tokens[i]?.text ?? '') ? i + 1 : -1;
    const counted = (tokens[i]?.kind === 'number' || NUMBER_WORDS[w(i)] !== undefined) && UNIT_WORDS.includes(w(i + 1));
    const unit = measured > 0 ? measured : counted ? i + 2 : -1;
    if (unit > 0 && ['up', 'down'].includes(w(unit)) && w(unit + 1) === 'from')
      return otherSayings([
        ...tokens.slice(0, unit),
        { ...tokens[unit]!, text: w(unit) === 'up' ? 'above' : 'below' },
        ...tokens.slice(unit + 2),
      ]);
    // "…, it's all crammed at the bottom": why, not what.
    if (
      tokens[i]?.text === ',' &&
      ['it', 'they', 'everything'].includes(w(i + 1)) &&
      ['is', 'are'].includes(w(i + 2)) &&
      CRAMMED.has(w(i + 3) === 'all' ? w(i + 4) : w(i + 3))
    ) {
      const e = sentenceEnd(tokens, i);
      return otherSayings([...tokens.slice(0, i), ...tokens.slice(e)]);
    }
    // "the white one stays in the middle where it is": it stays where it is.
    if (['stays', 'stay'].includes(w(i)) && ['in', 'on', 'at'].includes(w(i + 1))) {
      const e = sentenceEnd(tokens, i);
      const k = tokens.findIndex((t, m) => m > i + 1 && m < e && t.text === 'where' && w(m + 1) === 'it' && w(m + 2) === 'is');
      if (k > 0 && k - i <= 7) return otherSayings([...tokens.slice(0, i + 1), ...tokens.slice(k)]);
    }
    // "in a row across the top".
    if (
      ['row', 'line'].includes(w(i)) &&
      w(i + 1) === 'across' &&
      w(i + 2) === 'the' &&
      ['top', 'bottom'].includes(w(i + 3)) &&
      pause(i + 4)
    )
      return otherSayings([
        ...tokens.slice(0, i + 1),
        word('along', at),
        ...tokens.slice(i + 2, i + 4),
        word('edge', at),
        ...tokens.slice(i + 4),
      ]);
    // "behind X, on the far side from me".
    if (
      tokens[i]?.text === ',' &&
      w(i + 1) === 'on' &&
      w(i + 2) === 'the' &&
      w(i + 3) === 'far' &&
      w(i + 4) === 'side' &&
      w(i + 5) === 'from' &&
      ['me', 'you', 'us', 'the'].includes(w(i + 6)) &&
      tokens.slice(0, i).some((t) => t.text === 'behind')
    ) {
      const e = w(i + 6) === 'the' ? i + 8 : i + 7;
      return otherSayings([...tokens.slice(0, i), ...tokens.slice(e)]);
    }
    // "The white one doesn't have a bowl, just leave it."
    if (
      (NOUNS.has(w(i)) || w(i) === 'one') &&
      ["doesn't", 'doesnt'].includes(w(i + 1)) &&
      w(i + 2) === 'have' &&
      w(i + 3) === 'a' &&
      ['bowl', 'tray'].includes(w(i + 4))
    ) {
      let e = i + 5;
      if (tokens[e]?.text === ',' && ['just', 'so'].includes(w(e + 1)) && w(e + 2) === 'leave' && w(e + 3) === 'it') e += 4;
      else if (tokens[e]?.text === ',' && w(e + 1) === 'leave' && w(e + 2) === 'it') e += 3;
      return otherSayings([
        ...tokens.slice(0, i + 1),
        word('has', at),
        word('no', at),
        tokens[i + 4]!,
        punctBefore(at, ','),
        word('so', at),
        word('it', at),
        word('stays', at),
        word('put', at),
        ...tokens.slice(e),
      ]);
    }
    // "the coloured blocks": not white, black or gray.
    if (
      w(i) === 'colored' &&
      !isColor(w(i - 1)) &&
      !['warm', 'cool', 'cold', 'different', 'same', 'wrong', 'other'].includes(w(i - 1)) &&
      NOUNS.has(w(i + 1))
    )
      return otherSayings([
        ...tokens.slice(0, i),
        tokens[i + 1]!,
        word('that', at),
        word(NOUNS.get(w(i + 1))!.plural ? 'are' : 'is', at),
        word('not', at),
        ...colourList(NEUTRALS, at, 'or'),
        ...tokens.slice(i + 2),
      ]);
    // "so its next to X".
    if (w(i) === 'its' && ['so', 'that'].includes(w(i - 1)) && PLACE_AFTER_ITS.has(w(i + 1)))
      return otherSayings([...tokens.slice(0, i), word('it', at), word('is', at), ...tokens.slice(i + 1)]);
    // "one block in the bowl and one on the tray", "… and another on the tray": a second one, not the same one again
    // ("one block" again: of those that fit equally, one no earlier clause moved).
    const second = w(i) === 'another' ? 1 : w(i) === 'one' && w(i - 1) === 'and' ? 1 : 0;
    if (second > 0 && ['in', 'on', 'into', 'onto', 'to'].includes(w(i + 1))) {
      const k = tokens.findIndex((t, m) => m < i && t.text === 'one' && NOUNS.has(w(m + 1)) && !NOUNS.get(w(m + 1))!.plural);
      if (k >= 0 && (w(i) === 'another' || k < i - 1))
        // (Spanning the word said, so the phrase reads as said of any: "one", "another".)
        return otherSayings([...tokens.slice(0, i), wordLike(tokens[i]!, 'one'), wordLike(tokens[i]!, w(k + 1)), ...tokens.slice(i + 1)]);
    }
    // "…, doesn't matter which ones": which.
    if (w(i) === 'matter' && w(i + 1) === 'which' && ['ones', 'one'].includes(w(i + 2)) && pause(i + 3))
      return otherSayings([...tokens.slice(0, i + 2), ...tokens.slice(i + 3)]);
    // "put the two blocks side by side in the middle": in a row.
    if (
      w(i) === 'side' &&
      w(i + 1) === 'by' &&
      w(i + 2) === 'side' &&
      NOUNS.get(w(i - 1))?.plural &&
      !tokens.some((t) => t.text === 'next')
    )
      return otherSayings([...tokens.slice(0, i), word('in', at), word('a', at), word('row', at), ...tokens.slice(i + 3)]);
    // "pop the block off the top of the tower into …": the top block of the tower.
    if (
      w(i) === 'the' &&
      NOUNS.has(w(i + 1)) &&
      w(i + 2) === 'off' &&
      w(i + 3) === 'the' &&
      w(i + 4) === 'top' &&
      w(i + 5) === 'of' &&
      w(i + 6) === 'the' &&
      ['tower', 'stack', 'pile'].includes(w(i + 7))
    )
      return otherSayings([
        ...tokens.slice(0, i + 1),
        word('top', at),
        tokens[i + 1]!,
        word('of', at),
        word('the', at),
        tokens[i + 7]!,
        ...tokens.slice(i + 8),
      ]);
    // "all the stuff".
    if (w(i) === 'stuff' && ['the', 'that', 'this'].includes(w(i - 1)))
      return otherSayings([...tokens.slice(0, i), { ...at, text: 'things' }, ...tokens.slice(i + 1)]);
  }
  return tokens;
}

/** The passes of this file, in order. */
export function phrasingForms(tokens: Token[], notes: string[], vocabulary?: readonly string[]): Token[] {
  let out = headings(tokens, notes);
  for (const pass of [
    countThenOrdinal,
    countedDownOrUp,
    rowsAndColumns,
    cornersEach,
    notOwnBowl,
    notList,
    eachOfList,
    higherOfThose,
    towerForms,
    otherSayings,
    stackAndSetSayings,
  ])
    out = pass(out);
  return warmAndCool(out, vocabulary);
}
