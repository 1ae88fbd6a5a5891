// Ways of saying stacks and sets that the grammar reads in other words: a tower rebuilt the
// other way up, a thing added to a tower, towers of one colour each, the two ends of a row, a
// set "including the ones in the bowl", and what a swap leaves behind. Each pass rewrites the
// words; nothing here looks at the scene. The passes run in the order of `stackAndSetSayings`.
//
//   "rebuild the tower upside down", "build it again the other way up" → "flip the tower"
//   "reverse the order of the stack", "take it apart and restack it in reverse" → "flip the stack"
//   "add the purple block to (the top of) the tower"                    → "put the purple block on top of the tower"
//   "two towers: the reds on each other and the blues on each other"     → "stack the reds, and stack the blues"
//   "stack the reds together and the blues together", "a red tower and a blue tower" → the same
//   "the 2 blocks on the sides", "the end blocks", "the outer blocks"      → "the leftmost block and the rightmost block"
//   "the leftmost and rightmost blocks", "the first and last blocks"     → the same
//   "…, including the one in the bowl", "…, even the ones on the tray"   → (left out: "all" holds them)
//   "swap A and B so each ends up in the other's corner"                  → "swap A and B"
//   "push it down past the fence"                                        → "push it below the fence"

import { word } from './asking.ts';
import { NOUNS, isColor, singularOf } from './lexicon.ts';
import { endsSentence, sentenceEnd } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

const STACK_NOUNS: ReadonlySet<string> = new Set(['tower', 'stack', 'pile']);
const REBUILD_VERBS: ReadonlySet<string> = new Set([
  'rebuild',
  'restack',
  'reassemble',
  'remake',
  'reconstruct',
  'build',
  'stack',
  'make',
  'assemble',
  'put',
]);
const UNDO_VERBS: ReadonlySet<string> = new Set(['take', 'break', 'knock', 'pull', 'unstack', 'dismantle', 'disassemble']);

/** The length of a "the other way up" phrase at `k`, or 0. */
function reversedAt(tokens: readonly Token[], k: number): number {
  const w = (j: number): string => (tokens[j]?.kind === 'word' ? tokens[j]!.text : '');
  if (w(k) === 'upside' && w(k + 1) === 'down') return 2;
  if (w(k) === 'the' && ['other', 'opposite', 'wrong'].includes(w(k + 1)) && w(k + 2) === 'way') {
    if (['up', 'round', 'around'].includes(w(k + 3))) return 4;
    return 3;
  }
  if (w(k) === 'in' && ['reverse', 'reversed', 'opposite'].includes(w(k + 1))) return w(k + 2) === 'order' ? 3 : 2;
  if (['reversed', 'inverted', 'backwards', 'backward'].includes(w(k))) return 1;
  if (w(k) === 'back' && w(k + 1) === 'to' && w(k + 2) === 'front') return 3;
  return 0;
}

/**
 * A tower rebuilt the other way up: "rebuild the tower upside down", "build the stack again the
 * other way up", "take the tower apart and rebuild it upside down", "restack it in reverse
 * order", "reverse the order of the tower", "reverse the tower". Said as "flip the tower", which
 * the grammar reads (the top at the bottom, where the tower stood). "it" stands for a tower only
 * when one was named before it.
 */
function reversedTower(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  const towerNamed = (before: number): string | null => {
    for (let k = before - 1; k >= 0; k--) if (STACK_NOUNS.has(w(k))) return w(k);
    return null;
  };
  // The stack named at `k`: "the tower", "the blue tower", "it", "them" → [end, noun] or null.
  const stackAt = (k: number): [number, string] | null => {
    if (['it', 'them'].includes(w(k))) {
      const noun = towerNamed(k);
      return noun === null ? null : [k + 1, noun];
    }
    if (!['the', 'that', 'this', 'your', 'my'].includes(w(k))) return null;
    let j = k + 1;
    while (isColor(w(j)) || ['whole', 'entire', 'little', 'small', 'big', 'tall'].includes(w(j))) j++;
    return STACK_NOUNS.has(w(j)) ? [j + 1, w(j)] : null;
  };
  for (let i = 0; i < tokens.length; i++) {
    const at = tokens[i]!;
    const flip = (from: number, noun: string, to: number): Token[] =>
      reversedTower([...tokens.slice(0, from), word('flip', at), word('the', at), word(noun, at), ...tokens.slice(to)]);
    // "reverse (the order of) the tower", "invert the order of the stack".
    if (['reverse', 'invert', 'flip', 'swap', 'switch'].includes(w(i))) {
      let j = i + 1;
      const order = w(j) === 'the' && ['order', 'sequence'].includes(w(j + 1)) && w(j + 2) === 'of';
      if (order) j += 3;
      const s = ['reverse', 'invert'].includes(w(i)) ? stackAt(j) : null;
      if (s) return flip(i, s[1], s[0]);
      // "reverse the row", "flip the order of the blocks", "swap the order of the line":
      // the same line, the other way round.
      if (w(j) === 'the' && (order || ['reverse', 'invert'].includes(w(i)))) {
        let e = j + 1;
        while (e < j + 4 && (isColor(w(e)) || ['whole', 'entire', 'five', 'four', 'three'].includes(w(e)))) e++;
        const row = ['row', 'line'].includes(w(e)) || (order && NOUNS.get(w(e))?.plural === true);
        // ("the blocks on the left": which ones, said after.)
        let f = e + 1;
        while (f < tokens.length && f < e + 6 && !endsSentence(tokens[f]) && !['and', 'then', 'please'].includes(w(f))) f++;
        if (row && (f === e + 1 || order)) {
          const at = tokens[i]!;
          return reversedTower([
            ...tokens.slice(0, i),
            word('put', at),
            ...tokens.slice(j, f),
            word('in', at),
            word('reverse', at),
            word('order', at),
            ...tokens.slice(f),
          ]);
        }
      }
    }
    if (!REBUILD_VERBS.has(w(i))) continue;
    const s = stackAt(i + 1);
    if (!s) continue;
    let j = s[0];
    while (['back', 'again', 'up', 'but', 'only', 'just', 'so', 'that', 'it', 'is', "it's", 'stands'].includes(w(j))) j++;
    const n = reversedAt(tokens, j);
    if (n === 0) continue;
    // "take the tower apart (,) and (then) rebuild it …": the flip takes it apart itself.
    let from = i;
    let k = i - 1;
    while (k >= 0 && (['and', 'then', 'now'].includes(w(k)) || tokens[k]!.text === ',')) k--;
    if (['apart', 'down'].includes(w(k)) || UNDO_VERBS.has(w(k - 2))) {
      let v = k;
      while (v > 0 && !UNDO_VERBS.has(w(v)) && !endsSentence(tokens[v - 1])) v--;
      if (UNDO_VERBS.has(w(v))) from = v;
    }
    return flip(from, s[1], j + n);
  }
  return tokens;
}

/** "add the purple block to the tower", "add it to the top of the stack": on top of it. */
function addToStack(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    if (w(i) !== 'add') continue;
    let to = i + 1;
    while (to < tokens.length && w(to) !== 'to' && !endsSentence(tokens[to])) to++;
    if (w(to) !== 'to' || to === i + 1) continue;
    let j = to + 1;
    if (w(j) === 'the' && w(j + 1) === 'top' && w(j + 2) === 'of') j += 3;
    if (!['the', 'that', 'your'].includes(w(j))) continue;
    let k = j + 1;
    while (isColor(w(k))) k++;
    if (!STACK_NOUNS.has(w(k))) continue;
    const at = tokens[i]!;
    return addToStack([
      ...tokens.slice(0, i),
      word('put', at),
      ...tokens.slice(i + 1, to),
      word('on', at),
      word('top', at),
      word('of', at),
      ...tokens.slice(j, k + 1),
      ...tokens.slice(k + 1),
    ]);
  }
  return tokens;
}

/**
 * A tower put on another: "stack the right hand tower on top of the middle one", "put the
 * right-hand stack onto the left-hand one" → "put the right hand tower on top of the middle
 * tower" (the grammar reads "one" after a tower as a thing, and "stack … on top of the middle"
 * as a stack's roles).
 */
function towerOntoTower(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    if (!['stack', 'put', 'move', 'place', 'set', 'lift', 'pile'].includes(w(i)) || w(i + 1) !== 'the') continue;
    let j = i + 2;
    while (j < tokens.length && tokens[j]!.kind === 'word' && !STACK_NOUNS.has(w(j)) && j < i + 6) j++;
    if (!STACK_NOUNS.has(w(j))) continue;
    const noun = w(j);
    let k = j + 1;
    if (w(k) === 'on' && w(k + 1) === 'top' && w(k + 2) === 'of') k += 3;
    else if (['onto', 'on'].includes(w(k))) k++;
    else continue;
    if (w(k) !== 'the') continue;
    let e = k + 1;
    while (e < tokens.length && tokens[e]!.kind === 'word' && !['one', ...STACK_NOUNS].includes(w(e)) && e < k + 5) e++;
    if (w(e) !== 'one' && !STACK_NOUNS.has(w(e))) continue;
    if (w(i) === 'stack' || w(e) === 'one') {
      const at = tokens[i]!;
      return towerOntoTower([
        ...tokens.slice(0, i),
        word('put', at),
        ...tokens.slice(i + 1, j + 1),
        word('on', at),
        word('top', at),
        word('of', at),
        ...tokens.slice(k, e),
        word(STACK_NOUNS.has(w(e)) ? w(e) : noun, at),
        ...tokens.slice(e + 1),
      ]);
    }
  }
  return tokens;
}

/** A group said by its colour: "the reds", "the red blocks", "the red ones", "all the blue" → its end, or -1. */
function colourGroupEnd(tokens: readonly Token[], k: number): number {
  const w = (j: number): string => (tokens[j]?.kind === 'word' ? tokens[j]!.text : '');
  let j = k;
  if (w(j) === 'all') j++;
  if (w(j) !== 'the') return -1;
  j++;
  const c = w(j);
  if (c.endsWith('s') && isColor(c.slice(0, -1))) return j + 1;
  if (!isColor(c)) return -1;
  j++;
  if (w(j) === 'ones' || NOUNS.get(w(j))?.plural === true) return j + 1;
  return -1;
}

const TOGETHER: readonly (readonly string[])[] = [
  ['on', 'top', 'of', 'each', 'other'],
  ['on', 'top', 'of', 'one', 'another'],
  ['on', 'each', 'other'],
  ['on', 'one', 'another'],
  ['together'],
  ['in', 'one', 'tower'],
  ['in', 'a', 'tower'],
  ['in', 'their', 'own', 'tower'],
];

/**
 * Towers of one colour each: "make two little towers, the reds on each other and the blues on
 * each other", "stack the reds together and the blues together", "build a red tower and a blue
 * tower", "a tower of the reds and a tower of the blues". Each group is its own stack clause, so
 * the colours are not stacked into one tower.
 */
function towersByColour(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  const togetherAt = (k: number): number => {
    for (const t of TOGETHER) if (t.every((x, d) => w(k + d) === x)) return k + t.length;
    return -1;
  };
  for (let i = 0; i < tokens.length; i++) {
    if (!['make', 'build', 'stack', 'pile', 'create', 'form'].includes(w(i))) continue;
    const at = tokens[i]!;
    // The groups, each "the reds on each other" / "the red blocks together", joined by "and" or ",".
    const groupsFrom = (start: number): { groups: Token[][]; end: number } => {
      const groups: Token[][] = [];
      let k = start;
      for (;;) {
        const e = colourGroupEnd(tokens, k);
        if (e < 0) break;
        const t = togetherAt(e);
        if (t < 0) break;
        groups.push(tokens.slice(k, e));
        k = t;
        if (tokens[k]?.text === ',') k++;
        if (w(k) === 'and') k++;
      }
      return { groups, end: k };
    };
    const said = (groups: Token[][], end: number): Token[] => {
      const out: Token[] = [...tokens.slice(0, i)];
      groups.forEach((g, n) => {
        if (n > 0) out.push({ ...word(',', at), kind: 'punct' }, word('and', at));
        out.push(word('stack', at), ...g);
      });
      return [...out, ...tokens.slice(end)];
    };
    // "stack the reds together and the blues together".
    {
      const { groups, end } = groupsFrom(i + 1);
      if (groups.length >= 2) return towersByColour(said(groups, end));
    }
    // "make two (little) towers(,|:) the reds on each other and the blues on each other".
    {
      let j = i + 1;
      if (['two', 'three', '2', '3'].includes(w(j))) j++;
      while (['little', 'small', 'separate', 'different', 'short', 'mini'].includes(w(j))) j++;
      if (['towers', 'stacks', 'piles'].includes(w(j))) {
        j++;
        if (tokens[j]?.text === ',' || tokens[j]?.text === ':' || tokens[j]?.text === '-') j++;
        if (w(j) === 'with') j++;
        const { groups, end } = groupsFrom(j);
        if (groups.length >= 2) return towersByColour(said(groups, end));
      }
    }
    // "build a red tower and a blue tower", "a tower of the reds and a tower of the blues".
    {
      const groups: Token[][] = [];
      let k = i + 1;
      for (;;) {
        if (['a', 'one'].includes(w(k)) && isColor(w(k + 1)) && STACK_NOUNS.has(w(k + 2))) {
          groups.push([word('the', at), word(w(k + 1), at), word('blocks', at)]);
          k += 3;
        } else if (['a', 'one'].includes(w(k)) && STACK_NOUNS.has(w(k + 1)) && w(k + 2) === 'of' && colourGroupEnd(tokens, k + 3) > 0) {
          const e = colourGroupEnd(tokens, k + 3);
          groups.push(tokens.slice(k + 3, e));
          k = e;
        } else break;
        if (tokens[k]?.text === ',') k++;
        if (w(k) === 'and') k++;
      }
      if (groups.length >= 2) {
        const end = w(k - 1) === 'and' ? k - 1 : k;
        return towersByColour(said(groups, end));
      }
    }
  }
  return tokens;
}

/**
 * The two ends of a row: "the 2 blocks on the sides", "the blocks at the ends (of the row)",
 * "the two end blocks", "the outer blocks", "the leftmost and rightmost blocks", "the first and
 * last blocks" → "the leftmost block and the rightmost block". The sides (ends) are the row's left
 * and right. Only where the phrase names what moves: something follows it (a verb or a place),
 * so "put the blocks on the sides of the table" still says where.
 */
function endsOfRow(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' || tokens[k]?.kind === 'number' ? tokens[k]!.text : '');
  const FOLLOW = new Set([
    'go',
    'goes',
    'in',
    'into',
    'on',
    'onto',
    'to',
    'and',
    'should',
    'need',
    'needs',
    'must',
    'can',
    'will',
    'move',
    'get',
  ]);
  for (let i = 0; i < tokens.length; i++) {
    if (w(i) !== 'the') continue;
    const at = tokens[i]!;
    // (A column's ends are its top and bottom.)
    const ends = (noun: string, from: number, to: number, column = false): Token[] =>
      endsOfRow([
        ...tokens.slice(0, from),
        word('the', at),
        word(column ? 'top' : 'leftmost', at),
        word(noun, at),
        word('and', at),
        word('the', at),
        word(column ? 'bottom' : 'rightmost', at),
        word(noun, at),
        ...tokens.slice(to),
      ]);
    const singular = (plural: string): string | null => {
      const info = NOUNS.get(plural);
      if (plural === 'ones') return 'one';
      if (!info?.plural) return null;
      for (const [k, v] of NOUNS) if (v.cls === info.cls && !v.plural && plural.startsWith(k)) return k;
      return null;
    };
    // "the leftmost and rightmost blocks", "the first and last blocks".
    if (
      ((w(i + 1) === 'leftmost' && w(i + 3) === 'rightmost') ||
        (w(i + 1) === 'rightmost' && w(i + 3) === 'leftmost') ||
        (w(i + 1) === 'first' && w(i + 3) === 'last')) &&
      w(i + 2) === 'and'
    ) {
      const noun = singular(w(i + 4));
      if (noun !== null) return ends(noun, i, i + 5);
    }
    // "the (two) end blocks", "the (two) outer blocks", "the outermost blocks".
    {
      let j = i + 1;
      if (['two', '2', 'both'].includes(w(j))) j++;
      if (['end', 'outer', 'outermost', 'outside'].includes(w(j))) {
        const noun = singular(w(j + 1));
        if (noun !== null) return ends(noun, i, j + 2);
      }
    }
    // "the (two) blocks on the (two) sides / at (both) ends (of the row)", then what they do.
    {
      let j = i + 1;
      const two = ['two', '2'].includes(w(j));
      if (two) j++;
      const noun = singular(w(j));
      if (noun === null) continue;
      j++;
      if (!['on', 'at'].includes(w(j))) continue;
      j++;
      if (['the', 'both', 'either', 'each'].includes(w(j))) j++;
      if (w(j) === 'two') j++;
      const which = w(j);
      if (!['sides', 'ends', 'side', 'end'].includes(which)) continue;
      if ((which === 'side' || which === 'end') && !['either', 'each', 'both'].includes(w(j - 1))) continue;
      j++;
      const column = w(j) === 'of' && w(j + 1) === 'the' && w(j + 2) === 'column';
      if (w(j) === 'of' && w(j + 1) === 'the' && ['row', 'line', 'table', 'column', 'diagonal'].includes(w(j + 2))) j += 3;
      if (!(two || which.startsWith('end') || FOLLOW.has(w(j)))) continue;
      if (!FOLLOW.has(w(j)) && !(j >= tokens.length || tokens[j]!.kind === 'punct')) continue;
      return ends(noun, i, j, column);
    }
  }
  return tokens;
}

/** "…, including the one in the bowl", "…, even the ones already on the tray": "all" holds them. */
function includingThose(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 1; i < tokens.length; i++) {
    const lead = tokens[i - 1]?.text === ',' || tokens[i - 1]?.text === '(' || tokens[i - 1]?.text === '-';
    let j = i;
    if (['including', 'incl', 'inc'].includes(w(j))) j++;
    else if (w(j) === 'even' && lead) j++;
    else if (w(j) === 'and' && w(j + 1) === 'also' && lead) j += 2;
    else continue;
    if (w(j) === 'the' && ['one', 'ones'].includes(w(j + 1))) j += 2;
    else if (w(j) === 'the' && NOUNS.has(w(j + 1))) j += 2;
    else if (['any', 'those'].includes(w(j)) && ['in', 'on', 'inside', 'already', 'that', 'sitting'].includes(w(j + 1))) j += 1;
    else continue;
    // Only where the sentence already says "all" / "every" / a plural.
    const before = tokens.slice(0, i).map((t) => t.text);
    if (!before.some((t) => ['all', 'every', 'each', 'everything'].includes(t) || NOUNS.get(t)?.plural === true)) continue;
    let e = j;
    while (e < tokens.length && tokens[e]!.kind === 'word' && !['then', 'and'].includes(w(e))) e++;
    const from = lead ? i - 1 : i;
    const close = tokens[e]?.text === ')' ? e + 1 : e;
    return includingThose([...tokens.slice(0, from), ...tokens.slice(close)]);
  }
  return tokens;
}

/** "swap A and B (round) so each ends up in the other's corner / where the other was": the swap says it. */
function swapTails(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  const v = tokens.findIndex((t) => ['swap', 'switch', 'exchange', 'interchange', 'trade'].includes(t.text));
  if (v < 0) return tokens;
  for (let i = v + 2; i < tokens.length; i++) {
    if (endsSentence(tokens[i])) return tokens;
    let j = i;
    if (tokens[j]?.text === ',') j++;
    if (w(j) !== 'so') continue;
    j++;
    if (w(j) === 'that') j++;
    if (!['each', 'they', 'both', 'one', 'it'].includes(w(j))) continue;
    let e = j + 1;
    while (e < tokens.length && tokens[e]!.kind === 'word') e++;
    const tail = tokens.slice(j, e).map((t) => t.text);
    if (!tail.some((t) => ['other', "other's", 'others', 'other’s'].includes(t) || t === 'was' || t === 'were')) continue;
    return [...tokens.slice(0, i), ...tokens.slice(e)];
  }
  return tokens;
}

const PAST_DIRECTIONS: Readonly<Record<string, string[]>> = {
  down: ['below'],
  up: ['above'],
  left: ['to', 'the', 'left', 'of'],
  right: ['to', 'the', 'right', 'of'],
};

/** "push it down past the fence", "slide it left past the bowl": beyond it that way. */
function pastPlace(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 1; i < tokens.length; i++) {
    if (w(i) !== 'past') continue;
    let d = i - 1;
    while (['way', 'well', 'just', 'a', 'bit', 'little', 'further', 'farther', 'all', 'the'].includes(w(d))) d--;
    const dir = PAST_DIRECTIONS[w(d)];
    if (!dir) continue;
    const at = tokens[i]!;
    return pastPlace([...tokens.slice(0, d), ...tokens.slice(d + 1, i), ...dir.map((x) => word(x, at)), ...tokens.slice(i + 1)]);
  }
  return tokens;
}

const SINGULAR_VERBS: Readonly<Record<string, string>> = {
  goes: 'go',
  belongs: 'belong',
  needs: 'need',
  sits: 'sit',
  stays: 'stay',
  gets: 'get',
};

/**
 * "the red, blue and green blocks goes on the tray": a list said with a verb for one. The verb
 * agrees with the list, so the sentence is not read as two clauses.
 */
function listAgreement(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  return tokens.map((t, i) => {
    const plural = SINGULAR_VERBS[w(i)];
    if (plural === undefined || NOUNS.get(w(i - 1))?.plural !== true) return t;
    // A list before it: "A, B and C blocks", "A and B blocks".
    let k = i - 2;
    let listed = false;
    while (k >= 0 && !endsSentence(tokens[k]) && (tokens[k]!.kind !== 'word' || isColor(w(k)) || ['and', 'the', 'both'].includes(w(k)))) {
      if (w(k) === 'and' || tokens[k]!.text === ',') listed = true;
      k--;
    }
    if (!listed || (k >= 0 && !endsSentence(tokens[k]) && !['then', 'now', 'next', 'so', 'and', 'also', 'finally'].includes(w(k))))
      return t;
    return { ...t, text: plural };
  });
}

const LINE_WAYS: ReadonlySet<string> = new Set([
  'vertically',
  'horizontally',
  'diagonally',
  'vertical',
  'horizontal',
  'diagonal',
  'slanted',
  'sideways',
  'crooked',
  'straight',
  'flat',
]);

/**
 * How a line runs, in everyday words: "straight up and down" is vertical, "flat" (after "line
 * … up") horizontal, "on a slant" diagonal; ", instead of on a slant", "rather than
 * diagonally" after the way asked says the way it is now and goes.
 */
function lineWays(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    const at = tokens[i]!;
    // "(in a) straight up and down (line)".
    if (
      w(i) === 'up' &&
      w(i + 1) === 'and' &&
      w(i + 2) === 'down' &&
      (w(i - 1) === 'straight' || w(i + 3) === 'line' || w(i + 3) === 'row')
    ) {
      const from = w(i - 1) === 'straight' ? i - 1 : i;
      const line = ['line', 'row', 'column'].includes(w(i + 3));
      return lineWays([...tokens.slice(0, from), word(line ? 'vertical' : 'vertically', at), ...tokens.slice(i + 3)]);
    }
    // "line them up flat".
    if (w(i) === 'flat' && (w(i - 1) === 'up' || (w(i - 2) === 'up' && ['them', 'it'].includes(w(i - 1)))))
      return lineWays([...tokens.slice(0, i), word('horizontally', at), ...tokens.slice(i + 1)]);
    // "a diagonal line starting at the bottom left corner": from that corner to the one across.
    if (w(i) === 'diagonal' || w(i) === 'diagonally') {
      let j = i + 1;
      if (['line', 'row'].includes(w(j))) j++;
      if (['starting', 'beginning', 'going', 'running', 'that', 'which'].includes(w(j))) j++;
      if (['starts', 'begins', 'goes', 'runs'].includes(w(j))) j++;
      if (!['at', 'from', 'in'].includes(w(j))) continue;
      j++;
      if (w(j) === 'the') j++;
      const v = w(j);
      const h = w(j + 1);
      if (!['top', 'bottom'].includes(v) || !['left', 'right'].includes(h)) continue;
      j += 2;
      if (w(j) === 'corner') j++;
      // (Unless it says where it goes: "from the top left down to the bottom right".)
      if (tokens.slice(j, sentenceEnd(tokens, j)).some((t) => ['to', 'towards', 'toward', 'and'].includes(t.text))) continue;
      const across = [word(v === 'top' ? 'bottom' : 'top', at), word(h === 'left' ? 'right' : 'left', at)];
      const head = tokens.slice(i, ['line', 'row'].includes(w(i + 1)) ? i + 2 : i + 1);
      return lineWays([
        ...tokens.slice(0, i),
        ...head,
        word('from', at),
        word('the', at),
        word(v, at),
        word(h, at),
        word('to', at),
        word('the', at),
        ...across,
        ...tokens.slice(j),
      ]);
    }
    // "by size … with the smallest one first": the order, not a thing done first.
    if (
      w(i) === 'with' &&
      w(i + 1) === 'the' &&
      ['smallest', 'biggest', 'largest', 'tallest', 'shortest'].includes(w(i + 2)) &&
      tokens.slice(0, i).some((t) => t.text === 'size' || t.text === 'sizes')
    ) {
      let j = i + 3;
      if (w(j) === 'one' || NOUNS.has(w(j))) j++;
      if (w(j) === 'first' || w(j) === 'last') {
        const big = ['biggest', 'largest', 'tallest'].includes(w(i + 2));
        const smallFirst = big === (w(j) === 'last');
        const said = [{ ...word(',', at), kind: 'punct' as const }, word(smallFirst ? 'smallest' : 'largest', at), word('first', at)];
        return lineWays([...tokens.slice(0, i), ...said, ...tokens.slice(j + 1)]);
      }
    }
    // ", instead of on a slant", "rather than diagonally": the way it is now.
    if ((w(i) === 'instead' && w(i + 1) === 'of') || (w(i) === 'rather' && w(i + 1) === 'than')) {
      let j = i + 2;
      while (['on', 'in', 'a', 'at', 'an', 'being', 'going', 'the'].includes(w(j))) j++;
      if (!LINE_WAYS.has(w(j)) && !(w(j) === 'slant' || w(j) === 'angle')) continue;
      j++;
      if (['line', 'row'].includes(w(j))) j++;
      const from = tokens[i - 1]?.text === ',' ? i - 1 : i;
      return lineWays([...tokens.slice(0, from), ...tokens.slice(j)]);
    }
  }
  return tokens;
}

const NOT_WORDS: ReadonlySet<string> = new Set(["aren't", "isn't", 'arent', 'isnt']);

/**
 * Small everyday forms about stacks and sets:
 * - "the two blocks that aren't part of the tower" → "the two blocks except the tower";
 * - "unstack both (and …)" → "unstack both stacks";
 * - "the whole stack", "the entire tower" → "the stack";
 * - "put X in with Y" → "put X in the same container as Y";
 * - "a bowl that doesn't match it" → "a bowl that is not its colour";
 * - "sort … by colour, two in each" → "sort … by colour" (the colours say how many);
 * - "…, same colours" after a thing → "… of the same colour";
 * - "bring the blocks in off the edges and …", "from the edges" → (where they are now: left out);
 * - "move X over next to Y" → "move X next to Y";
 * - "turn the two rows into one long row" → "put them all in one row";
 * - "tidy up a bit and put …" → "put …"; "swap them: X onto A and Y into B" → "X onto A and Y into B".
 */
function everydaySetForms(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  const pause = (k: number): boolean => k >= tokens.length || tokens[k]!.kind === 'punct';
  for (let i = 0; i < tokens.length; i++) {
    const at = tokens[i]!;
    const again = (ts: Token[]): Token[] => everydaySetForms(ts);
    // "that aren't part of the tower", "that are not in the stack".
    if (w(i) === 'that' && (NOUNS.get(w(i - 1))?.plural || (NOUNS.has(w(i - 1)) && ['every', 'each', 'any'].includes(w(i - 2))))) {
      let j = i + 1;
      if (NOT_WORDS.has(w(j))) j++;
      else if (['are', 'is'].includes(w(j)) && w(j + 1) === 'not') j += 2;
      else j = -1;
      if (j > 0 && w(j) === 'part' && w(j + 1) === 'of') j += 2;
      else if (j > 0 && ['in', 'on'].includes(w(j))) j++;
      else j = -1;
      if (j > 0 && ['the', 'that', 'this'].includes(w(j)) && STACK_NOUNS.has(w(j + 1)))
        return again([...tokens.slice(0, i), word('except', at), word('the', at), tokens[j + 1]!, ...tokens.slice(j + 2)]);
    }
    // "anything on the table that isn't orange", "the biggest thing on the table that …": on the table says nothing more.
    if (
      w(i) === 'on' &&
      w(i + 1) === 'the' &&
      w(i + 2) === 'table' &&
      ['that', 'which'].includes(w(i + 3)) &&
      (['anything', 'everything', 'thing', 'things', 'object', 'objects', 'item', 'items'].includes(w(i - 1)) ||
        ['anything', 'everything'].includes(w(i - 2)))
    )
      return again([...tokens.slice(0, i), ...tokens.slice(i + 3)]);
    // "The tiny red block - not the chunky one - …", "the little orange block, not the normal-size one, …",
    // "the two middle-sized balls - not the biggest, not the smallest -": an aside that only says it again.
    if ((at.text === '-' || at.text === ',' || at.text === '(') && w(i + 1) === 'not' && w(i + 2) === 'the' && i > 1) {
      let e = i + 1;
      const asides: number[] = [];
      while (w(e) === 'not' && w(e + 1) === 'the') {
        let k = e + 2;
        while (k < tokens.length && tokens[k]!.kind === 'word' && k < e + 6) k++;
        const last = w(k - 1);
        if (!(last === 'one' || last === 'ones' || SIZE_ENDS.has(last))) break;
        asides.push(k);
        e = k;
        if (tokens[e]?.text === ',' && w(e + 1) === 'not') e++;
      }
      const close = tokens[e]?.text;
      const before = tokens.slice(Math.max(0, i - 5), i).map((t) => t.text);
      const sized = before.some((t) => SIZE_SAYS.has(t));
      if (asides.length > 0 && sized && (close === '-' || close === ',' || close === ')' || (at.text === ',' && e >= tokens.length)))
        return again([...tokens.slice(0, i), ...tokens.slice(close === ')' || close === '-' || close === ',' ? e + 1 : e)]);
    }
    // "get the black block out from under the white one and …", "get X out of that crowd in the middle and …":
    // where it is now (what stands on it comes off first in any case).
    if (
      w(i) === 'out' &&
      ['get', 'take', 'pull', 'fish', 'dig'].some((v) => tokens.slice(Math.max(0, i - 5), i).some((t) => t.text === v))
    ) {
      let j = i + 1;
      if (w(j) === 'from' && w(j + 1) === 'under') j += 2;
      else if (
        w(j) === 'of' &&
        ['that', 'the', 'this'].includes(w(j + 1)) &&
        ['crowd', 'clump', 'bunch', 'group', 'huddle', 'cluster', 'mess', 'pile'].includes(w(j + 2))
      )
        j += 1;
      else continue;
      let e = j;
      while (e < tokens.length && tokens[e]!.kind === 'word' && !['and', 'then'].includes(w(e))) e++;
      if (w(e) === 'and' || w(e) === 'then' || tokens[e]?.text === ',') return again([...tokens.slice(0, i), ...tokens.slice(e)]);
    }
    // "the one corner that's got nothing in it", "the corner with nothing in it", "a corner that is empty": an empty corner.
    if (['corner', 'corners'].includes(w(i)) && ['the', 'a', 'one', 'an'].includes(w(i - 1))) {
      let j = i + 1;
      if (['that', 'which'].includes(w(j))) {
        j++;
        if (['is', 'has', 'are', 'have'].includes(w(j))) j++;
        if (['got', 'still'].includes(w(j))) j++;
      } else if (w(j) === 'with') j++;
      else continue;
      let e = -1;
      if (['empty', 'free', 'clear', 'unoccupied'].includes(w(j))) e = j + 1;
      else if (w(j) === 'nothing' && (w(j + 1) === 'in' || w(j + 1) === 'on')) e = ['it', 'them'].includes(w(j + 2)) ? j + 3 : j + 2;
      else if (w(j) === 'nothing') e = j + 1;
      if (e < 0) continue;
      const from = w(i - 1) === 'one' && w(i - 2) === 'the' ? i - 2 : i - 1;
      const article = w(i - 1) === 'a' || w(i - 1) === 'an' ? 'an' : 'the';
      return again([...tokens.slice(0, from), word(article, at), word('empty', at), tokens[i]!, ...tokens.slice(e)]);
    }
    // "whatever blocks are left of X go …, whatever's right of it …": those (all of them).
    if (w(i) === 'whatever' && (i === 0 || tokens[i - 1]!.kind === 'punct')) {
      const plural = NOUNS.get(w(i + 1))?.plural === true && ['are', 'is'].includes(w(i + 2));
      if (plural) return again([...tokens.slice(0, i), word('the', at), tokens[i + 1]!, ...tokens.slice(i + 3)]);
      if (w(i + 1) === 'is' && tokens.slice(0, i).some((t) => NOUNS.get(t.text)?.plural === true) && !['the', 'a'].includes(w(i + 2)))
        return again([...tokens.slice(0, i), word('the', at), word('ones', at), ...tokens.slice(i + 2)]);
    }
    // "…, small ones first", "big ones first" after a size order.
    if (
      at.text === ',' &&
      ['small', 'smaller', 'little', 'big', 'bigger', 'large', 'larger'].includes(w(i + 1)) &&
      w(i + 2) === 'ones' &&
      w(i + 3) === 'first' &&
      tokens.slice(0, i).some((t) => t.text === 'size')
    ) {
      const small = ['small', 'smaller', 'little'].includes(w(i + 1));
      return again([...tokens.slice(0, i + 1), word(small ? 'smallest' : 'largest', at), word('first', at), ...tokens.slice(i + 4)]);
    }
    // "the red green and blue blocks": a list of colours said without commas.
    if (isColor(w(i)) && isColor(w(i + 1)) && w(i - 1) !== ',' && tokens[i + 1]!.start > at.end) {
      let j = i + 1;
      while (isColor(w(j))) j++;
      if (w(j) === 'and' && isColor(w(j + 1)) && NOUNS.get(w(j + 2))?.plural === true)
        return again([...tokens.slice(0, i + 1), { ...word(',', tokens[i + 1]!), kind: 'punct' }, ...tokens.slice(i + 1)]);
    }
    // "drop it in", "put it in" at the end: in the container just named.
    if (
      ['in', 'into'].includes(w(i)) &&
      (['it', 'them'].includes(w(i - 1)) || NOUNS.has(w(i - 1))) &&
      (i + 1 >= tokens.length || (tokens[i + 1]!.kind === 'punct' && tokens[i + 1]!.text !== ','))
    ) {
      if (tokens.slice(0, i).some((t) => ['bowl', 'tray', 'box', 'container'].includes(t.text)))
        return again([...tokens.slice(0, i + 1), word('there', at), ...tokens.slice(i + 1)]);
    }
    // "in any bowl except the blue one" → "in a bowl that is not blue".
    if (w(i) === 'any' && ['bowl', 'tray'].includes(w(i + 1)) && ['except', 'but', 'other'].includes(w(i + 2))) {
      let j = i + 3;
      if (w(j) === 'than') j++;
      if (w(j) === 'the' && isColor(w(j + 1)) && ['one', 'bowl', 'tray'].includes(w(j + 2)))
        return again([
          ...tokens.slice(0, i),
          word('a', at),
          tokens[i + 1]!,
          word('that', at),
          word('is', at),
          word('not', at),
          tokens[j + 1]!,
          ...tokens.slice(j + 3),
        ]);
    }
    // "each block in a different bowl but not the white one": not in the white bowl.
    if (
      w(i) === 'but' &&
      w(i + 1) === 'not' &&
      w(i + 2) === 'the' &&
      isColor(w(i + 3)) &&
      w(i + 4) === 'one' &&
      ['bowl', 'tray', 'bowls', 'trays'].includes(w(i - 1))
    )
      return again([
        ...tokens.slice(0, i),
        { ...word('.', at), kind: 'punct' },
        word('leave', at),
        word('the', at),
        tokens[i + 3]!,
        word(singularOf(w(i - 1)) ?? w(i - 1), at),
        word('empty', at),
        ...tokens.slice(i + 5),
      ]);
    // ", leave the white one" at the end: it stays out.
    if (at.text === ',' && w(i + 1) === 'leave' && w(i + 2) === 'the' && (isColor(w(i + 3)) || NOUNS.has(w(i + 3)))) {
      let e = i + 4;
      if (w(e) === 'one' || NOUNS.has(w(e))) e++;
      if (e >= tokens.length || (tokens[e]!.kind === 'punct' && tokens[e]!.text !== ',')) {
        // ("the white one": of the things named before, so it is known to stay before anything is counted.)
        const kind = tokens.slice(0, i).find((t) => NOUNS.get(t.text)?.plural === true && !['bowls', 'trays'].includes(t.text));
        const one = w(e - 1) === 'one' && kind ? singularOf(kind.text) : undefined;
        const named = one ? [...tokens.slice(0, e - 1), word(one, at)] : tokens.slice(0, e);
        return again([...named, word('out', at), ...tokens.slice(e)]);
      }
    }
    // "the lower of the two blocks on the left": the lowest of them.
    if (
      ['lower', 'higher', 'upper', 'bigger', 'smaller', 'larger'].includes(w(i)) &&
      w(i - 1) === 'the' &&
      w(i + 1) === 'of' &&
      w(i + 2) === 'the'
    ) {
      const most: Record<string, string> = {
        lower: 'lowest',
        higher: 'highest',
        upper: 'highest',
        bigger: 'largest',
        smaller: 'smallest',
        larger: 'largest',
      };
      return again([...tokens.slice(0, i), word(most[w(i)]!, at), ...tokens.slice(i + 1)]);
    }
    // "a straight line going up the middle of the table": a vertical line there.
    if (w(i) === 'line' && ['going', 'running', 'that', 'goes', 'runs'].includes(w(i + 1))) {
      let j = i + 2;
      if (['goes', 'runs'].includes(w(j))) j++;
      const way = w(j);
      if (['up', 'down', 'across'].includes(way) && w(j + 1) === 'the' && ['middle', 'centre', 'center'].includes(w(j + 2))) {
        let e = j + 3;
        if (w(e) === 'of' && w(e + 1) === 'the' && w(e + 2) === 'table') e += 3;
        const from = w(i - 1) === 'straight' ? i - 1 : i;
        return again([
          ...tokens.slice(0, from),
          word(way === 'across' ? 'horizontal' : 'vertical', at),
          word('line', at),
          word('in', at),
          word('the', at),
          word('middle', at),
          ...tokens.slice(e),
        ]);
      }
    }
    // "break the square up, one block in each corner": spread it out.
    if (['break', 'split'].includes(w(i)) && (i === 0 || endsSentence(tokens[i - 1]) || tokens[i - 1]!.text === ',')) {
      let j = i + 1;
      while (j < i + 5 && tokens[j]?.kind === 'word' && w(j) !== 'up') j++;
      if (w(j) === 'up' && j > i + 1 && !tokens.slice(i + 1, j).some((t) => STACK_NOUNS.has(t.text)))
        return again([...tokens.slice(0, i), word('spread', at), ...tokens.slice(i + 1, j), word('out', at), ...tokens.slice(j + 1)]);
    }
    // "…, then blue on the red, then the white one on top": on what the clause before put down.
    if (w(i) === 'on' && w(i + 1) === 'top' && (i + 2 >= tokens.length || endsSentence(tokens[i + 2]))) {
      let t = i - 1;
      while (t > 0 && w(t) !== 'then' && !endsSentence(tokens[t])) t--;
      let p = t - 1;
      while (p > 0 && w(p) !== 'then' && !endsSentence(tokens[p - 1])) p--;
      if (w(t) === 'then' && w(p) === 'then') {
        const on = tokens.findIndex((x, k) => k > p && k < t && ['on', 'onto'].includes(x.text));
        const moved = on > p + 1 ? tokens.slice(p + 1, on) : [];
        if (moved.length === 1 && isColor(moved[0]!.text))
          return again([...tokens.slice(0, i + 2), word('of', at), word('the', at), moved[0]!, word('one', at), ...tokens.slice(i + 2)]);
        if (moved.length >= 2 && w(p + 1) === 'the')
          return again([...tokens.slice(0, i + 2), word('of', at), ...moved, ...tokens.slice(i + 2)]);
      }
    }
    // "unstack both", "unstack both and …".
    if (w(i) === 'unstack' && w(i + 1) === 'both' && (pause(i + 2) || ['and', 'then'].includes(w(i + 2))))
      return again([...tokens.slice(0, i + 2), word('stacks', at), ...tokens.slice(i + 2)]);
    // "the set of blocks", "the whole collection of cubes": the blocks.
    if (['set', 'collection'].includes(w(i)) && w(i - 1) === 'the' && w(i + 1) === 'of' && NOUNS.get(w(i + 2))?.plural === true)
      return again([...tokens.slice(0, i), ...tokens.slice(i + 2)]);
    // "the whole stack", "the entire row", "the whole lot", "the whole set of blocks".
    const GROUPS = ['row', 'line', 'column', 'group', 'set', 'lot', 'bunch', 'collection', 'cluster', 'heap'];
    if (
      ['whole', 'entire'].includes(w(i)) &&
      ['the', 'this', 'that'].includes(w(i - 1)) &&
      [1, 2, 3].some((k) => STACK_NOUNS.has(w(i + k)) || GROUPS.includes(w(i + k)) || (k === 1 && NOUNS.has(w(i + 1))))
    )
      return again([...tokens.slice(0, i), ...tokens.slice(i + 1)]);
    // "… and then the green block in with it": a clause of its own (it is where the first went).
    if (w(i) === 'then' && w(i + 1) === 'the' && !VERBS_AFTER_TIDY.has(w(i + 2))) {
      let j = i + 2;
      while (j < i + 6 && tokens[j]?.kind === 'word' && w(j) !== 'in') j++;
      if (w(j) === 'in' && w(j + 1) === 'with') return again([...tokens.slice(0, i + 1), word('put', at), ...tokens.slice(i + 1)]);
    }
    // "red, green and blue blocks each into a bowl of another colour": the colour rule says one each.
    if (
      w(i) === 'each' &&
      NOUNS.get(w(i - 1))?.plural === true &&
      ['in', 'into', 'on', 'onto'].includes(w(i + 1)) &&
      w(i + 2) === 'a' &&
      ['bowl', 'tray', 'container'].includes(w(i + 3)) &&
      (w(i + 4) === 'of' || w(i + 4) === 'that')
    )
      return again([...tokens.slice(0, i), ...tokens.slice(i + 1)]);
    // "unstack both stacks and put the two top blocks in …": the top block of each of them.
    if (w(i) === 'the' && tokens.slice(0, i).some((t) => ['stacks', 'towers', 'piles'].includes(t.text))) {
      let j = i + 1;
      if (['two', 'three', 'both', '2', '3'].includes(tokens[j]?.text ?? '')) j++;
      if (w(j) === 'top' && NOUNS.get(w(j + 1))?.plural === true && !['of', 'off', 'from'].includes(w(j + 2))) {
        const stacks = tokens.slice(0, i).find((t) => ['stacks', 'towers', 'piles'].includes(t.text))!;
        return again([
          ...tokens.slice(0, i),
          word('the', at),
          word('top', at),
          tokens[j + 1]!,
          word('of', at),
          word('the', at),
          word(stacks.text, at),
          ...tokens.slice(j + 2),
        ]);
      }
    }
    // "in with the green block", "in with it".
    if (w(i) === 'in' && w(i + 1) === 'with' && ['the', 'it', 'them'].includes(w(i + 2)))
      return again([
        ...tokens.slice(0, i),
        word('in', at),
        word('the', at),
        word('same', at),
        word('container', at),
        word('as', at),
        ...tokens.slice(i + 2),
      ]);
    // "that doesn't match it", "that does not match its colour".
    if (
      w(i) === 'that' &&
      (["doesn't", 'doesnt', "don't", 'dont'].includes(w(i + 1)) || (['does', 'do'].includes(w(i + 1)) && w(i + 2) === 'not'))
    ) {
      const j = ['does', 'do'].includes(w(i + 1)) ? i + 3 : i + 2;
      // ("bowls that don't match": of another colour than what goes in; "… match it", "… match its colour".)
      let e = -1;
      if (w(j) === 'match' && (j + 1 >= tokens.length || tokens[j + 1]!.kind === 'punct')) e = j + 1;
      else if (w(j) === 'match' && ['it', 'them'].includes(w(j + 1))) e = j + 2;
      else if (w(j) === 'match' && ['its', 'their'].includes(w(j + 1)) && ['color', 'colour'].includes(w(j + 2))) e = j + 3;
      if (e > 0)
        return again([...tokens.slice(0, i + 1), word('is', at), word('not', at), word('its', at), word('color', at), ...tokens.slice(e)]);
    }
    // ", two in each" after "by colour".
    if (
      at.text === ',' &&
      ['two', 'three', '2', '3', 'one'].includes(tokens[i + 1]?.text ?? '') &&
      w(i + 2) === 'in' &&
      w(i + 3) === 'each' &&
      tokens.slice(0, i).some((t, k) => t.text === 'by' && ['color', 'colour'].includes(w(k + 1)))
    ) {
      let e = i + 4;
      if (NOUNS.has(w(e))) e++;
      if (pause(e)) return again([...tokens.slice(0, i), ...tokens.slice(e)]);
    }
    // "…, same colours" at the end of a sentence after a thing: of the same colour.
    if (at.text === ',' && w(i + 1) === 'same' && ['color', 'colour', 'colors', 'colours'].includes(w(i + 2)) && pause(i + 3))
      return again([...tokens.slice(0, i), word('of', at), word('the', at), word('same', at), word('color', at), ...tokens.slice(i + 3)]);
    // "in off the edges", "off the edges", "from the edges" after what is brought.
    if (
      ['off', 'from'].includes(w(i)) &&
      w(i + 1) === 'the' &&
      ['edges', 'edge', 'sides', 'outside'].includes(w(i + 2)) &&
      ['bring', 'pull', 'move', 'fetch', 'get'].some((v) => tokens.slice(Math.max(0, i - 6), i).some((t) => t.text === v))
    ) {
      const from = w(i - 1) === 'in' ? i - 1 : i;
      return again([...tokens.slice(0, from), ...tokens.slice(i + 3)]);
    }
    // "the red block on the right next to X": the side of the thing, not "right next to".
    if (
      w(i) === 'on' &&
      w(i + 1) === 'the' &&
      ['left', 'right'].includes(w(i + 2)) &&
      (['beside', 'by', 'near', 'alongside'].includes(w(i + 3)) || (w(i + 3) === 'next' && w(i + 4) === 'to')) &&
      NOUNS.has(w(i - 1))
    )
      return again([
        ...tokens.slice(0, i + 3),
        { ...word('side', at), start: tokens[i + 2]!.end, end: tokens[i + 2]!.end },
        ...tokens.slice(i + 3),
      ]);
    // ", same order", ", in the same order" after a stack moved: it keeps its order.
    if (
      at.text === ',' &&
      ((w(i + 1) === 'same' && w(i + 2) === 'order' && pause(i + 3)) ||
        (w(i + 1) === 'in' && w(i + 2) === 'the' && w(i + 3) === 'same' && w(i + 4) === 'order' && pause(i + 5))) &&
      tokens.slice(0, i).some((t) => STACK_NOUNS.has(t.text)) &&
      tokens.slice(0, i).some((t) => ['move', 'put', 'shift', 'carry', 'slide', 'transfer', 'lift'].includes(t.text))
    )
      return again([...tokens.slice(0, i), ...tokens.slice(w(i + 1) === 'same' ? i + 3 : i + 5)]);
    // "bring the blocks (in) and make a circle of them": what is brought is what "them" says.
    if (['bring', 'fetch'].includes(w(i)) && (i === 0 || endsSentence(tokens[i - 1]))) {
      let a = i + 1;
      while (a < tokens.length && tokens[a]!.kind === 'word' && w(a) !== 'and') a++;
      const named = tokens.slice(i + 1, ['in', 'over'].includes(w(a - 1)) ? a - 1 : a);
      const e = sentenceEnd(tokens, a);
      const them = tokens.findIndex((t, k) => k > a && k < e && (t.text === 'them' || t.text === 'it'));
      // (Not "bring the blocks in from the corners and …": where they come from is said.)
      const fromEdges = named.some(
        (t, k) =>
          t.text === 'off' ||
          (t.text === 'from' && !['farthest', 'furthest', 'closest', 'nearest', 'away', 'far'].includes(named[k - 1]?.text ?? '')),
      );
      if (w(a) === 'and' && named.length > 0 && them > 0 && !fromEdges && !named.some((t) => ['to', 'into', 'onto'].includes(t.text)))
        return again([...tokens.slice(0, i), ...tokens.slice(a + 1, them), ...named, ...tokens.slice(them + 1)]);
    }
    // "…, it's getting too tall", "…, it's a bit crowded": why, not what (left out).
    if (at.text === ',' && (w(i + 1) === "it's" || w(i + 1) === 'its' || (w(i + 1) === 'it' && w(i + 2) === 'is'))) {
      const j = w(i + 1) === 'it' ? i + 3 : i + 2;
      const e = sentenceEnd(tokens, j);
      const words = tokens.slice(j, e).map((t) => t.text);
      if (
        ['get', 'getting', 'too', 'a', 'quite', 'really', 'so', 'way', 'very', 'kind', 'rather'].includes(w(j)) &&
        words.length <= 5 &&
        !words.some((t) => ['in', 'on', 'into', 'onto', 'next', 'left', 'right', 'put', 'move'].includes(t))
      )
        return again([...tokens.slice(0, i), ...tokens.slice(e)]);
    }
    // "over next to", "over beside".
    if (w(i) === 'over' && ['next', 'beside', 'by', 'near', 'alongside', 'against'].includes(w(i + 1)) && w(i - 1) !== 'all')
      return again([...tokens.slice(0, i), ...tokens.slice(i + 1)]);
    // "turn the (two) rows into one (long) row".
    if (
      ['turn', 'make', 'merge', 'combine', 'join'].includes(w(i)) &&
      w(i + 1) === 'the' &&
      (['rows', 'lines', 'columns'].includes(w(i + 2)) ||
        (['two', 'both', '2'].includes(w(i + 2)) && ['rows', 'lines', 'columns'].includes(w(i + 3))))
    ) {
      const j = ['rows', 'lines', 'columns'].includes(w(i + 2)) ? i + 3 : i + 4;
      if (w(j) === 'into' && ['one', 'a', 'a single'].includes(w(j + 1))) {
        let e = j + 2;
        while (['long', 'single', 'big', 'straight'].includes(w(e))) e++;
        if (['row', 'line', 'column'].includes(w(e)))
          return again([
            ...tokens.slice(0, i),
            word('put', at),
            word('them', at),
            word('all', at),
            word('in', at),
            word('one', at),
            tokens[e]!,
            ...tokens.slice(e + 1),
          ]);
      }
    }
    // "tidy up (a bit) and put …": the put says what tidying is.
    if (['tidy', 'clean'].includes(w(i)) && w(i + 1) === 'up' && (i === 0 || endsSentence(tokens[i - 1]))) {
      let j = i + 2;
      if (w(j) === 'a' && w(j + 1) === 'bit') j += 2;
      if (tokens[j]?.text === ',') j++;
      if (w(j) === 'and' && VERBS_AFTER_TIDY.has(w(j + 1))) return again([...tokens.slice(0, i), ...tokens.slice(j + 1)]);
    }
    // "swap them: green block onto the tray and red block into the blue bowl": the places say it.
    if (
      ['swap', 'switch'].includes(w(i)) &&
      (i === 0 || endsSentence(tokens[i - 1])) &&
      ['them', 'these', 'those', 'places', 'round', 'around', 'it', 'em'].includes(w(i + 1))
    ) {
      const k = ['round', 'around', 'over'].includes(w(i + 2)) ? i + 3 : i + 2;
      if (tokens[k]?.text !== ':' && tokens[k]?.text !== '-' && tokens[k]?.text !== ',') continue;
      const rest = tokens.slice(k + 1, sentenceEnd(tokens, k + 1)).map((t) => t.text);
      const places = rest.filter((t) => ['into', 'onto', 'in', 'on', 'to'].includes(t)).length;
      if (places >= 2) return again([...tokens.slice(0, i), ...tokens.slice(k + 1)]);
    }
    // "from the top left down towards the bottom right": to it.
    if (
      ['down', 'up', 'across', 'over'].includes(w(i)) &&
      ['towards', 'toward', 'to'].includes(w(i + 1)) &&
      w(i + 2) === 'the' &&
      ['top', 'bottom'].includes(w(i + 3)) &&
      ['left', 'right'].includes(w(i + 4)) &&
      tokens.slice(0, i).some((t) => t.text === 'from')
    )
      return again([...tokens.slice(0, i), word('to', at), ...tokens.slice(i + 2)]);
    if (
      ['towards', 'toward'].includes(w(i)) &&
      w(i + 1) === 'the' &&
      ['top', 'bottom'].includes(w(i + 2)) &&
      ['left', 'right'].includes(w(i + 3)) &&
      tokens.slice(Math.max(0, i - 6), i).some((t) => t.text === 'from')
    )
      return again([...tokens.slice(0, i), word('to', at), ...tokens.slice(i + 1)]);
  }
  return tokens;
}

/** Words that say which by size, before an aside that says it again ("the tiny red block - not the chunky one -"). */
const SIZE_SAYS: ReadonlySet<string> = new Set([
  'tiny',
  'little',
  'small',
  'smaller',
  'big',
  'bigger',
  'large',
  'larger',
  'sized',
  'medium',
  'chunky',
]);
const SIZE_ENDS: ReadonlySet<string> = new Set(['biggest', 'largest', 'smallest', 'tallest', 'shortest']);

const VERBS_AFTER_TIDY: ReadonlySet<string> = new Set([
  'put',
  'place',
  'move',
  'stack',
  'line',
  'gather',
  'get',
  'pop',
  'drop',
  'sort',
  'arrange',
]);

/** The passes of this file, in order. */
const NEAR_WORDS: ReadonlySet<string> = new Set([
  'near',
  'close',
  'next',
  'beside',
  'by',
  'nearby',
  'alongside',
  'against',
  'closer',
  'above',
  'below',
  'behind',
  'front',
  'left',
  'right',
]);

/** "put the red block close to the bowl but not in it", "near the tray, not on it": near says as much; the rest is left out. */
function nearNotIn(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 1; i < tokens.length; i++) {
    const but = w(i) === 'but' || w(i) === 'and';
    const not = but ? i + 1 : i;
    if (w(not) !== 'not' || !['in', 'on', 'inside', 'into', 'onto'].includes(w(not + 1))) continue;
    let start = but ? i : not;
    if (tokens[start - 1]?.text === ',') start--;
    let s = start - 1;
    while (s >= 0 && !endsSentence(tokens[s]) && !NEAR_WORDS.has(w(s))) s--;
    if (s < 0 || !NEAR_WORDS.has(w(s))) continue;
    let end = not + 2;
    if (['it', 'them'].includes(w(end))) end++;
    else if (['the', 'that'].includes(w(end))) {
      end++;
      while (end < tokens.length && end < not + 7 && tokens[end]!.kind === 'word' && !['and', 'then', 'please'].includes(w(end))) end++;
    } else if (!(end >= tokens.length || endsSentence(tokens[end]) || tokens[end]?.text === ',')) continue;
    // ("not touching it but not far off either": read as a whole elsewhere.)
    if (w(end) === 'but' || w(end + 1) === 'but') continue;
    return nearNotIn([...tokens.slice(0, start), ...tokens.slice(end)]);
  }
  return tokens;
}

/** "move the ball closer to the bowl", "bring it in a bit nearer the tray": next to it. */
function closerTo(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 1; i < tokens.length; i++) {
    if (!['closer', 'nearer'].includes(w(i))) continue;
    const to = w(i + 1) === 'to' ? i + 2 : i + 1;
    if (!['the', 'that', 'it', 'them', 'your', 'my'].includes(w(to))) continue;
    // Before it: "in", "a bit", "a little", "a touch", "much", "slightly", "right up".
    let s = i;
    while (
      s > 1 &&
      ['in', 'a', 'bit', 'little', 'touch', 'tad', 'much', 'slightly', 'lot', 'way', 'up', 'right', 'over'].includes(w(s - 1))
    )
      s--;
    if (tokens[s - 1]?.kind !== 'word') continue;
    // ("put the block closer to the top in the tray": which block, when a place follows.)
    let e = to + 1;
    while (e < tokens.length && tokens[e]!.kind === 'word' && !['and', 'then', 'please', 'but', 'in', 'into', 'on', 'onto'].includes(w(e)))
      e++;
    if (e < tokens.length && tokens[e]!.kind === 'word' && !['and', 'then', 'please', 'but'].includes(w(e))) continue;
    const at = tokens[i]!;
    return closerTo([...tokens.slice(0, s), word('next', at), word('to', at), ...tokens.slice(to)]);
  }
  return tokens;
}

/** "next to the tray on its left", "beside the bowl, on the right side of it": to the left (right) of it. */
function besideOnItsSide(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    const n = w(i) === 'next' && w(i + 1) === 'to' ? 2 : ['beside', 'by'].includes(w(i)) ? 1 : 0;
    if (n === 0 || w(i + n) !== 'the') continue;
    let k = i + n + 1;
    while (k < i + n + 5 && tokens[k]?.kind === 'word' && w(k) !== 'on') k++;
    let j = k + (tokens[k]?.text === ',' ? 1 : 0);
    if (w(j) !== 'on' || !['its', 'the'].includes(w(j + 1)) || !['left', 'right'].includes(w(j + 2))) continue;
    const its = w(j + 1) === 'its';
    const side = tokens[j + 2]!;
    j += 3;
    if (w(j) === 'side' || w(j) === 'hand') j++;
    if (w(j) === 'side') j++;
    // ("next to the bowl on the right" names which bowl; "on the right side of it" says where.)
    const ofIt = w(j) === 'of' && w(j + 1) === 'it';
    if (ofIt) j += 2;
    if (!its && !ofIt) continue;
    // ("next to the ball on the right of the tray": another place, not its side.)
    if (w(j) === 'of') continue;
    const at = tokens[i]!;
    return besideOnItsSide([
      ...tokens.slice(0, i),
      word('to', at),
      word('the', at),
      side,
      word('of', at),
      ...tokens.slice(i + n, k),
      ...tokens.slice(j),
    ]);
  }
  return tokens;
}

/** "can in the left bowl", "can on the tray": a can, at the start, where a preposition follows (not "can you …"). */
function canFirst(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    if (w(i) !== 'can' || !(i === 0 || endsSentence(tokens[i - 1]))) continue;
    if (!['in', 'into', 'on', 'onto', 'next', 'beside', 'inside', 'to', 'near', 'by', 'behind'].includes(w(i + 1))) continue;
    return canFirst([...tokens.slice(0, i), word('the', tokens[i]!), ...tokens.slice(i)]);
  }
  return tokens;
}

const PLEASED = [
  'great',
  'nice',
  'lovely',
  'perfect',
  'ideal',
  'good',
  'awesome',
  'brilliant',
  'fantastic',
  'amazing',
  'helpful',
  'cool',
  'grand',
  'super',
  'wonderful',
];

/**
 * Everyday endings and asides: "… would be great" (left out), "blocks in the bowls but not their own
 * colour" (that are not their colour), "… into the bowls that match" (that match them), "flip the
 * tower so the green block ends up at the bottom" (the flip says it), "…, no stacks" (left out: the
 * place said before says it).
 */
function everydayEndings(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  const pause = (k: number): boolean =>
    k >= tokens.length || endsSentence(tokens[k]) || tokens[k]?.text === ',' || ['and', 'then', 'please', 'thank'].includes(w(k));
  for (let i = 0; i < tokens.length; i++) {
    const at = tokens[i]!;
    // "ball on the tray would be great", "… would be really nice, thanks".
    if (w(i) === 'would' && w(i + 1) === 'be' && i > 1) {
      let j = i + 2;
      if (['really', 'so', 'just', 'very', 'pretty'].includes(w(j))) j++;
      if (PLEASED.includes(w(j)) && pause(j + 1) && tokens[i - 1]?.kind === 'word' && w(i - 1) !== 'that' && w(i - 1) !== 'it')
        return everydayEndings([...tokens.slice(0, i), ...tokens.slice(j + 1)]);
    }
    // "in the bowls so none of them is in the bowl of its own colour": that are not their colour.
    if (w(i) === 'so' && ['bowls', 'trays', 'containers'].includes(w(i - 1))) {
      let j = i + 1;
      if (w(j) === 'that') j++;
      if (w(j) === 'none') {
        let k = j + 1;
        while (k < j + 10 && tokens[k]?.kind === 'word' && !['its', 'their'].includes(w(k))) k++;
        let e = k + 1;
        if (w(e) === 'own') e++;
        if (['its', 'their'].includes(w(k)) && ['color', 'colour'].includes(w(e)) && pause(e + 1))
          return everydayEndings([
            ...tokens.slice(0, i),
            word('that', at),
            word('are', at),
            word('not', at),
            word('their', at),
            word('color', at),
            ...tokens.slice(e + 1),
          ]);
      }
    }
    // "but not their own colour": that are not their colour.
    if (w(i) === 'but' && w(i + 1) === 'not') {
      let j = i + 2;
      if (w(j) === 'in' || w(j) === 'into') j++;
      if (
        ['their', 'its'].includes(w(j)) &&
        (w(j + 1) === 'own' ? ['color', 'colour', 'colors', 'colours'].includes(w(j + 2)) : ['color', 'colour'].includes(w(j + 1)))
      ) {
        const e = w(j + 1) === 'own' ? j + 3 : j + 2;
        if (pause(e) && ['bowls', 'trays', 'containers'].includes(w(i - 1)))
          return everydayEndings([
            ...tokens.slice(0, i),
            word('that', at),
            word('are', at),
            word('not', at),
            word(w(j), at),
            word('color', at),
            ...tokens.slice(e),
          ]);
      }
    }
    // "into the bowls that match": that match them.
    if (
      w(i) === 'that' &&
      ['match', 'matches'].includes(w(i + 1)) &&
      pause(i + 2) &&
      ['bowls', 'trays', 'containers', 'bowl', 'tray'].includes(w(i - 1))
    )
      return everydayEndings([...tokens.slice(0, i + 2), word(w(i - 1).endsWith('s') ? 'them' : 'it', at), ...tokens.slice(i + 2)]);
    // "flip the tower so the green block ends up at the bottom": what a flip does, said again.
    if (w(i) === 'so' && tokens.slice(0, i).some((t) => ['flip', 'upside', 'reverse', 'invert', 'reversed', 'inverted'].includes(t.text))) {
      let j = i + 1;
      if (w(j) === 'that') j++;
      if (w(j) === 'the' || w(j) === 'it') {
        let k = j + 1;
        while (k < j + 5 && tokens[k]?.kind === 'word' && !['ends', 'end', 'winds', 'comes'].includes(w(k))) k++;
        if (!['ends', 'end', 'winds', 'comes'].includes(w(k))) continue;
        let e = k + 1;
        if (w(e) === 'up') e++;
        if (w(e) === 'on' && w(e + 1) === 'top') e += 2;
        else if (['at', 'on'].includes(w(e)) && w(e + 1) === 'the' && ['top', 'bottom'].includes(w(e + 2))) e += 3;
        else if (w(e) === 'underneath') e++;
        else e = -1;
        if (e > 0 && pause(e) && w(e) !== 'and')
          return everydayEndings([...tokens.slice(0, i - (tokens[i - 1]?.text === ',' ? 1 : 0)), ...tokens.slice(e)]);
      }
    }
    // "…, no stacks", "no stacking please": what was said before puts everything down.
    if (w(i) === 'no' && ['stacks', 'stacking', 'towers', 'piles'].includes(w(i + 1)) && i > 0 && tokens[i - 1]?.text === ',') {
      let e = i + 2;
      if (w(e) === 'please') e++;
      if (pause(e)) return everydayEndings([...tokens.slice(0, i - 1), ...tokens.slice(e)]);
    }
  }
  return tokens;
}

/**
 * Everyday ways to ask for a group (twenty-first round): "the tower's top block" (the top block of the
 * tower), "build the tower again next to the bowl" (move it there: it is built again), "make a row of the
 * blocks, biggest on the left" (put them in a row), "group the blocks together in the middle" (side by
 * side there), "tidy up by putting …" (put …), "stack the blocks in the middle" (the middle is where).
 */
function groupForms(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    const at = tokens[i]!;
    // "the tower's top block", "the stack's bottom one".
    if (STACK_NOUNS.has(w(i)) && at.possessive && w(i - 1) === 'the') {
      let e = i + 1;
      while (e < i + 4 && tokens[e]?.kind === 'word' && !NOUNS.has(w(e)) && w(e) !== 'one') e++;
      if (NOUNS.has(w(e)) || w(e) === 'one')
        return groupForms([
          ...tokens.slice(0, i),
          ...tokens.slice(i + 1, e + 1),
          word('of', at),
          word('the', at),
          { ...at, possessive: false },
          ...tokens.slice(e + 1),
        ]);
    }
    // "build the tower again next to the bowl", "rebuild the stack over by the tray": moved there.
    if (['build', 'rebuild', 'make', 'put'].includes(w(i)) && w(i + 1) === 'the' && STACK_NOUNS.has(w(i + 2)) && w(i + 3) === 'again') {
      const next = w(i + 4);
      if (['next', 'beside', 'by', 'in', 'on', 'at', 'to', 'over', 'near', 'behind', 'left', 'right', 'above', 'below'].includes(next))
        return groupForms([...tokens.slice(0, i), word('move', at), ...tokens.slice(i + 1, i + 3), ...tokens.slice(i + 4)]);
    }
    // "make a row of the blocks", "form a line out of them", "make a circle with the blocks": put them in a row (a circle).
    if (
      ['make', 'form', 'create', 'build'].includes(w(i)) &&
      ['a', 'one'].includes(w(i + 1)) &&
      ['row', 'line', 'column', 'circle', 'ring'].includes(w(i + 2))
    ) {
      let j = i + 3;
      if (w(j) === 'out') j++;
      if ((w(j) === 'of' || w(j) === 'with' || w(j) === 'using') && ['the', 'all', 'them', 'those', 'these'].includes(w(j + 1))) {
        let e = j + 1;
        if (w(e) !== 'them') {
          while (e < tokens.length && tokens[e]!.kind === 'word' && !NOUNS.get(w(e))?.plural) e++;
          if (!NOUNS.get(w(e))?.plural) continue;
        }
        return groupForms([
          ...tokens.slice(0, i),
          word('put', at),
          ...tokens.slice(j + 1, e + 1),
          word('in', at),
          word('a', at),
          tokens[i + 2]!,
          ...tokens.slice(e + 1),
        ]);
      }
    }
    // "group the blocks together in the middle", "bunch them up together by the bowl": side by side there.
    if (['group', 'bunch', 'cluster', 'gather', 'huddle'].includes(w(i))) {
      let e = i + 1;
      while (e < i + 6 && tokens[e]?.kind === 'word' && w(e) !== 'together') e++;
      if (w(e) === 'together' && e > i + 1 && ['in', 'at', 'on', 'near', 'by', 'next'].includes(w(e + 1)))
        return groupForms([
          ...tokens.slice(0, i),
          word('put', at),
          ...tokens.slice(i + 1, e).filter((t) => t.text !== 'up'),
          word('side', at),
          word('by', at),
          word('side', at),
          ...tokens.slice(e + 1),
        ]);
    }
    // "lined up from the top of the table to the bottom": from top to bottom.
    if (
      w(i) === 'from' &&
      w(i + 1) === 'the' &&
      ['top', 'bottom', 'left', 'right', 'back', 'front'].includes(w(i + 2)) &&
      w(i + 3) === 'of' &&
      w(i + 4) === 'the' &&
      w(i + 5) === 'table' &&
      w(i + 6) === 'to'
    ) {
      const e = w(i + 7) === 'the' ? i + 8 : i + 7;
      if (['top', 'bottom', 'left', 'right', 'back', 'front'].includes(w(e)))
        return groupForms([
          ...tokens.slice(0, i + 1),
          tokens[i + 2]!,
          word('to', at),
          tokens[e]!,
          ...tokens.slice(e + (w(e + 1) === 'side' || w(e + 1) === 'edge' ? 2 : 1)),
        ]);
    }
    // "tidy up by putting all the blocks on the tray", "clean up by moving …": put ….
    if (
      w(i) === 'by' &&
      ['putting', 'moving', 'placing', 'stacking', 'lining', 'put', 'move', 'place', 'stack', 'line'].includes(w(i + 1)) &&
      ['up', 'tidy', 'clean', 'help'].includes(w(i - 1))
    ) {
      let v = i - 1;
      while (v > 0 && !['tidy', 'clean', 'help', 'sort'].includes(w(v))) v--;
      const verb =
        ({ putting: 'put', moving: 'move', placing: 'place', stacking: 'stack', lining: 'line' } as Record<string, string>)[w(i + 1)] ??
        w(i + 1);
      return groupForms([...tokens.slice(0, v), word(verb, at), ...tokens.slice(i + 2)]);
    }
  }
  return tokens;
}

export function stackAndSetSayings(tokens: Token[]): Token[] {
  let out = tokens;
  for (const pass of [
    everydaySetForms,
    reversedTower,
    addToStack,
    towerOntoTower,
    towersByColour,
    endsOfRow,
    includingThose,
    swapTails,
    pastPlace,
    listAgreement,
    lineWays,
    nearNotIn,
    groupForms,
    canFirst,
    everydayEndings,
    closerTo,
    besideOnItsSide,
  ])
    out = pass(out);
  return out;
}
