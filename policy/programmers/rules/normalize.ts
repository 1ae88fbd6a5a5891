// A normalisation pass over an instruction's tokens, before clauses are split and parsed:
// ways of saying the same thing that the grammar should not have to read everywhere.
//
//   - an arrow between two phrases ("yellow block -> purple bowl") is "to";
//   - qualifiers saying the relation is meant in the camera's image ("in the image", "on
//     the camera image", "(in the picture)", "as the camera sees it", "at the top of the
//     picture") are dropped: sides are always read in the top camera's image;
//   - a possessive side ("on the tray's right", "the blue bowl's left side") becomes "the
//     right of the tray" / "the left side of the blue bowl"; a possessive colour ("the
//     tray's colour") becomes "the same colour as the tray";
//   - with a vocabulary (the scene's own words: its colours, the nouns of its shapes, its
//     ids' words), a word the grammar does not know that is one edit from exactly one of
//     them ("yelow", "bluee", "bowel") is read as that word, and noted;
//   - stress on a place is dropped ("all the way to", "the very middle", "dead centre",
//     "smack in the middle", "the table corner") and "under / underneath / beneath X" is
//     "below X" (the top camera's image);
//   - a comparative of distance after a noun is the superlative ("the one nearer the top");
//   - "counting from the left, the second cube …" is "the second cube from the left …";
//   - a header announcing several stacks before a colon ("make two towers: …") is dropped;
//   - asides and set phrases (`asides`): "ontop", "every single", "a pair of", "a touch left of",
//     "ta very much", a bracket stating how things are, "making sure it stays upright", "except
//     X, which stays out", "the cans, both into X", "block: a little left of X";
//   - lead-ins (`leadIns`): "see the X?", "what's the X?" at a sentence's start name a topic;
//     "on its right"; "nearest the top"; "whatever is …"; "the only thing"; "the corner that's
//     the furthest from X"; "…, on the robot's side" said after below / front; "from the robot
//     to the back"; "corner to corner", "on a slant", "whatever way round".
//
// Nothing here looks at the scene beyond the vocabulary it is given.

import {
  COLORS,
  EXTREMES,
  HEDGES,
  NOUNS,
  NUMBER_WORDS,
  ORDINALS,
  END_MOST,
  ordinalWordOf,
  SIDE_WORDS,
  SIZE_WORDS,
  TOWER_WORDS,
  VERBS,
  isColor,
  pluralOf,
  singularOf,
} from './lexicon.ts';
import { askingForms } from './asking.ts';
import { phrasingForms } from './phrasings.ts';
import { commonForms, tableWords } from './common-forms.ts';
import { compassWords } from './compass.ts';
import { buildWordIds, everydayForms, onItsOwn } from './everyday-forms.ts';
import { holdingForms } from './holding-forms.ts';
import { idNames, idWordOf, idWords } from './id-names.ts';
import { layoutForms } from './layout-forms.ts';
import { plainForms } from './plain-forms.ts';
import { endsSentence, punctBefore, wordAt } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

export interface NormalizeOptions {
  /** The scene's own words (colours, shape nouns, ids' words): typos are folded to these. */
  vocabulary?: readonly string[];
  /** Whether the grammar knows a word (a known word is never folded). */
  known: (word: string) => boolean;
  /** The words the grammar knows: a misspelt one of five letters or more is folded to it ("litle", "diffrent"). */
  words?: () => readonly string[];
  /** The scene's object ids: "the long red one" is `red_long_block` where an id says so. */
  ids?: readonly string[];
  /** The scene marks no zone and has a tray: "the green mat", "per mat" name trays (layout-forms.ts). */
  matsAreTrays?: boolean;
}

export interface Normalized {
  tokens: Token[];
  /** What was read differently from how it was written ("read 'yelow' as 'yellow'"). */
  notes: string[];
}

const isWord = (t: Token | undefined, ...words: string[]): boolean => t?.kind === 'word' && words.includes(t.text);

/** Whether a word names a container: a bowl, a tray or another container ("bowl", "trays", "bin"). */
function containerWord(word: string | undefined): boolean {
  const cls = NOUNS.get(word ?? '')?.cls;
  return cls === 'bowl' || cls === 'tray' || cls === 'container';
}

/** Nouns for the camera's picture: "the image", "the picture", "the camera view". */
const IMAGE_NOUNS = ['image', 'images', 'picture', 'pic', 'photo', 'photograph', 'view', 'frame', 'screen', 'snapshot', 'shot', 'render'];
/** Words before an image noun: "the top camera's image", "the overhead view". */
const IMAGE_ADJECTIVES = ['top', 'overhead', 'camera', 'camera-image', 'birds', 'bird', 'eye', 'aerial', 'robot', 'robots', 'down', 'plan'];

/**
 * The length of a camera qualifier starting at token i, 0 when there is none:
 * "(as seen) in / on / from / of the (top camera's) image", "on camera", "as the camera sees
 * it", "(as) seen from above / from the camera", "from the camera's point of view".
 */
function qualifierAt(tokens: readonly Token[], i: number): number {
  let j = i;
  const w = wordAt(tokens);
  // "as the camera sees it", "as the camera shows them", "as seen by the camera".
  if (
    w(j) === 'as' &&
    ['the', 'a', 'our', 'your'].includes(w(j + 1) ?? '') &&
    w(j + 2) === 'camera' &&
    ['sees', 'shows', 'views'].includes(w(j + 3) ?? '')
  ) {
    j += 4;
    if (['it', 'them', 'things', 'everything', 'the', 'this'].includes(w(j) ?? '')) j++;
    if (IMAGE_NOUNS.includes(w(j) ?? '') || w(j) === 'scene' || w(j) === 'table') j++;
    return j - i;
  }
  const start = j;
  if (w(j) === 'as') j++;
  if (['seen', 'shown', 'viewed', 'looking', 'looked', 'pictured'].includes(w(j) ?? '')) j++;
  const loose = j > start; // "as seen …": "from above", "from the camera" are qualifiers too
  if (loose && w(j) === 'from' && w(j + 1) === 'above') return j + 2 - i;
  if (loose && ['from', 'by'].includes(w(j) ?? '') && w(j + 1) === 'the' && w(j + 2) === 'camera') {
    j += 3;
    if (IMAGE_NOUNS.includes(w(j) ?? '')) j++;
    return j - i;
  }
  if (!['in', 'on', 'from', 'of', 'within', 'at', 'through'].includes(w(j) ?? '')) return 0;
  const prep = w(j);
  j++;
  // "on camera".
  if (prep === 'on' && w(j) === 'camera') return j + 1 - i;
  if (['the', 'this', 'that', 'our', 'your', 'my'].includes(w(j) ?? '')) j++;
  const adjStart = j;
  while (IMAGE_ADJECTIVES.includes(w(j) ?? '') || w(j) === 'eye') j++;
  // "from the camera's point of view", "from the camera's perspective".
  if (
    prep === 'from' &&
    w(j - 1) === 'camera' &&
    (w(j) === 'perspective' || (w(j) === 'point' && w(j + 1) === 'of' && w(j + 2) === 'view'))
  ) {
    return (w(j) === 'point' ? j + 3 : j + 1) - i;
  }
  if (!IMAGE_NOUNS.includes(w(j) ?? '')) return 0;
  // "the view from the top": "view" alone after a preposition other than "in"/"on" is too loose.
  if (w(j) === 'view' && j === adjStart && prep !== 'in' && prep !== 'on' && prep !== 'from') return 0;
  j++;
  if (w(j) === 'view' || w(j) === 'image') j++;
  return j - i;
}

/** Drop camera qualifiers, and the brackets and a comma they leave empty. */
function dropQualifiers(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; ) {
    const n = qualifierAt(tokens, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out.push(tokens[i]!);
    i++;
  }
  // "( )", "[ ]" left empty; ", ," left by ", as the camera sees it,".
  const kept: Token[] = [];
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    const next = out[i + 1];
    if (t.kind === 'punct' && (t.text === '(' || t.text === '[') && next?.kind === 'punct' && (next.text === ')' || next.text === ']')) {
      i++;
      continue;
    }
    if (out.length < tokens.length && t.kind === 'punct' && t.text === ',' && next?.kind === 'punct' && next.text === ',') continue;
    kept.push(t);
  }
  return kept;
}

/** Words that may come before a possessive noun inside its phrase ("the big blue bowl's"). */
function npWord(t: Token): boolean {
  return (
    t.kind === 'word' &&
    (['the', 'a', 'an', 'that', 'this', 'its'].includes(t.text) ||
      COLORS.has(t.text) ||
      ['big', 'small', 'large', 'little', 'tall', 'short'].includes(t.text))
  );
}

/**
 * "on the tray's right" → "on the right of the tray"; "the blue bowl's left side" → "the left
 * side of the blue bowl". Only a possessive noun followed by a side word is moved.
 */
function possessiveSides(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const side = tokens[i + 1];
    // "the bowl that is the tray's colour" → "… the same colour as the tray".
    if (t.kind === 'word' && t.possessive && NOUNS.has(t.text) && isWord(side, 'color')) {
      let from = out.length;
      while (from > 0 && npWord(out[from - 1]!)) {
        from--;
        if (['the', 'a', 'an', 'that', 'this', 'its'].includes(out[from]!.text)) break;
      }
      const np = [...out.splice(from), { ...t, possessive: undefined }];
      const at = np[0]!.start;
      const word = (text: string): Token => ({ kind: 'word', text, start: at, end: at });
      out.push(word('the'), word('same'), { ...side!, text: 'color' }, word('as'), ...np);
      i++;
      continue;
    }
    // "the pink bowl's nearest block" → "the block nearest to the pink bowl"; "the green bowl's closest corner" likewise.
    if (t.kind === 'word' && t.possessive && NOUNS.has(t.text) && isWord(side, 'nearest', 'closest', 'farthest', 'furthest')) {
      let k = i + 2;
      while (
        tokens[k]?.kind === 'word' &&
        (COLORS.has(tokens[k]!.text) || ['big', 'small', 'large', 'little', 'tall', 'short'].includes(tokens[k]!.text))
      )
        k++;
      const head = tokens[k];
      if (head?.kind === 'word' && (NOUNS.has(head.text) || ['corner', 'side', 'edge'].includes(head.text))) {
        let from = out.length;
        while (from > 0 && npWord(out[from - 1]!)) {
          from--;
          if (['the', 'a', 'an', 'that', 'this', 'its'].includes(out[from]!.text)) break;
        }
        const np = [...out.splice(from), { ...t, possessive: undefined }];
        if (!['the', 'a', 'an', 'that', 'this'].includes(np[0]!.text))
          np.unshift({ kind: 'word', text: 'the', start: np[0]!.start, end: np[0]!.start });
        const at = np[0]!.start;
        out.push(
          { kind: 'word', text: 'the', start: at, end: at },
          ...tokens.slice(i + 2, k + 1),
          side!,
          { kind: 'word', text: 'to', start: side!.end, end: side!.end },
          ...np,
        );
        i = k;
        continue;
      }
    }
    if (
      t.kind === 'word' &&
      t.possessive &&
      (NOUNS.has(t.text) || t.text === 'table') &&
      side?.kind === 'word' &&
      SIDE_WORDS[side.text] !== undefined
    ) {
      // The phrase the possessive ends: back over determiners, colours and sizes.
      let from = out.length;
      while (from > 0 && npWord(out[from - 1]!)) {
        from--;
        if (['the', 'a', 'an', 'that', 'this', 'its'].includes(out[from]!.text)) break;
      }
      const np = [...out.splice(from), { ...t, possessive: undefined }];
      const at = np[0]!.start;
      out.push({ kind: 'word', text: 'the', start: at, end: at }, side);
      let j = i + 2;
      // "left hand side", "right side", "far end", "top right corner".
      while (
        isWord(tokens[j], 'hand', 'side', 'edge', 'end', 'corner') ||
        (tokens[j]?.kind === 'word' && SIDE_WORDS[tokens[j]!.text] !== undefined)
      )
        out.push(tokens[j++]!);
      out.push({ kind: 'word', text: 'of', start: side.end, end: side.end }, ...np);
      i = j - 1;
      continue;
    }
    out.push(t);
  }
  return out;
}

/**
 * The grammar's words a misspelling one edit away is folded to ("a litle to the left", "in diffrent
 * bowls", "the midle"): long, common, and far from the words a person might mean otherwise.
 */
const MISSPELT: readonly string[] = [
  'little',
  'different',
  'middle',
  'between',
  'closest',
  'nearest',
  'farthest',
  'furthest',
  'further',
  'farther',
  'bottom',
  'corner',
  'corners',
  'circle',
  'diagonal',
  'horizontal',
  'vertical',
  'everything',
  'except',
  'another',
  'smallest',
  'biggest',
  'largest',
  'tallest',
  'shortest',
  'please',
  'straight',
  'opposite',
  'towards',
  'beside',
  'behind',
  'above',
  'below',
  'front',
  'centre',
  'center',
  'inside',
  'across',
  'around',
  'second',
  'third',
  'fourth',
  'leftmost',
  'rightmost',
  'together',
  'separate',
  'matching',
  'colour',
  'color',
  'same',
  'each',
  'every',
  // (Post hoc, after the thirtieth table: "the can wich matches it".)
  'which',
];

/** Damerau–Levenshtein distance ≤ 1 (one substitution, insertion, deletion or swap of neighbours). */
export function oneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}

/**
 * A word it does not know, one edit from exactly one word of the scene's vocabulary that fits
 * where it stands: before a noun ("the yelow bowl") a colour, elsewhere ("the red blok in …")
 * a noun; the words of ids may be either. "the red bluk" is not read as "the red blue".
 */
function foldTypos(tokens: Token[], opts: NormalizeOptions, notes: string[]): Token[] {
  const vocab = [...new Set(opts.vocabulary ?? [])].filter((v) => v.length >= 3);
  if (vocab.length === 0) return tokens;
  // Words of the grammar's that people misspell, for a misspelling none of the scene's words explains.
  const known = new Set(opts.words?.() ?? []);
  const grammarWords = MISSPELT.filter((v) => known.has(v));
  // (A word the ids spell is a name of the scene's, never another's typo: "toaster" is not "coaster".)
  const named = idWords(opts.ids ?? []);
  return tokens.map((t, i) => {
    if (t.kind !== 'word' || t.text.length < 4 || t.text.includes('_') || opts.known(t.text) || idWordOf(t.text, named)) return t;
    const next = tokens[i + 1];
    const beforeNoun = next?.kind === 'word' && (NOUNS.has(next.text) || next.text === 'one' || next.text === 'ones');
    const fits = (v: string): boolean => (COLORS.has(v) ? beforeNoun : NOUNS.has(v) ? !beforeNoun : true);
    let near = vocab.filter((v) => oneEdit(t.text, v) && fits(v));
    // Where a verb starts a clause ("pls tkae the …", "then pcik up …"): a verb one edit away.
    const prev = tokens[i - 1];
    // (Not a noun — "tower: …" is no "lower" — nor a verb's own ending, "piled", "stacks"; and only
    // before what a verb takes: "the", "a", "it", "up", a colour.)
    const takes =
      next?.kind === 'word' && (['the', 'a', 'an', 'it', 'them', 'up', 'all', 'every', 'each'].includes(next.text) || isColor(next.text));
    if (
      near.length === 0 &&
      takes &&
      !NOUNS.has(t.text) &&
      !TOWER_WORDS.has(t.text.replace(/s$/, '')) &&
      (prev === undefined || prev.kind === 'punct' || VERB_LEADS.has(prev.text))
    )
      near = [...VERBS.keys()].filter((v) => v.length >= 4 && oneEdit(t.text, v) && !t.text.startsWith(v));
    // ("a litle to the left", "in diffrent bowls": a word of the grammar's, one edit away; not a
    // verb's or a noun's own ending, "stacked", "blocks".)
    if (
      near.length === 0 &&
      t.text.length >= 4 &&
      !VERBS.has(t.text) &&
      !NOUNS.has(t.text.replace(/(e?s|ed|ing)$/, '')) &&
      !STACK_WORDS.has(t.text) &&
      // (A word of its own: "closed" is no "closer".)
      !/ed$/.test(t.text)
    )
      // (Not a word inside another: "long" is not "along", "cross" not "across".)
      near = grammarWords.filter((v) => v.length >= 5 && oneEdit(t.text, v) && !t.text.includes(v) && !v.includes(t.text));
    if (near.length !== 1) return t;
    notes.push(`read '${t.text}' as '${near[0]}'`);
    return { ...t, text: near[0]! };
  });
}

/**
 * Distances said roughly: "an inch or so" is an inch; "a centimetre or two" and "two or three
 * centimetres" are midway (1.5 cm, 2.5 cm).
 */
function roughDistances(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const after = tokens[i + 2];
    if (t.kind === 'distance' && isWord(next, 'or') && isWord(after, 'so')) {
      out.push(t);
      i += 2;
      continue;
    }
    // "a centimetre or two": the distance of one unit, and another count of it.
    if (t.kind === 'distance' && isWord(next, 'or') && after?.kind === 'word' && (NUMBER_WORDS[after.text] ?? 0) > 1) {
      const n = NUMBER_WORDS[after.text]!;
      const unit = t.value! / (NUMBER_WORDS[t.text.split(' ')[0]!] ?? 1);
      out.push({ ...t, value: (t.value! + n * unit) / 2, end: after.end });
      i += 2;
      continue;
    }
    // "two or three centimetres": a count, "or", the distance.
    const first = t.kind === 'number' ? t.value : t.kind === 'word' ? NUMBER_WORDS[t.text] : undefined;
    if (first !== undefined && isWord(next, 'or') && after?.kind === 'distance') {
      const said = after.text.split(' ')[0]!;
      const n = NUMBER_WORDS[said] ?? Number(said);
      if (Number.isFinite(n) && n > 0) {
        const unit = after.value! / n;
        out.push({ ...after, value: ((first + n) / 2) * unit, start: t.start });
        i += 2;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/**
 * "as far as you can get from X", "as far away as possible from X" are "farthest from X"; "as
 * close as you can get to X", "as near as possible to X" are "closest to X".
 */
function asFarAs(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    if (w(i) !== 'as') continue;
    const far = ['far', 'distant'].includes(w(i + 1));
    if (!far && !['close', 'near'].includes(w(i + 1))) continue;
    let j = i + 2;
    if (w(j) === 'away' || w(j) === 'off' || w(j) === 'out') j++;
    if (w(j) !== 'as') continue;
    j++;
    if (w(j) === 'possible') j++;
    else if (['you', 'it', 'they', 'we', 'i'].includes(w(j)) && ['can', 'could'].includes(w(j + 1))) {
      j += 2;
      if (['get', 'go', 'manage'].includes(w(j))) j++;
      if (w(j) === 'it' || w(j) === 'them') j++;
    } else continue;
    if (w(j) !== (far ? 'from' : 'to')) continue;
    const at = tokens[i]!;
    // "put the red block as close as possible to the tray": where it goes, right next to it (not
    // "the corner as close as possible to …", which names a place).
    const before = tokens.slice(Math.max(0, i - 5), i);
    const placing =
      !far &&
      before.some((t) => t.kind === 'word' && VERBS.has(t.text)) &&
      !before.some((t) => isWord(t, 'in', 'into', 'to', 'at', 'onto'));
    const said: Token[] = placing
      ? [
          { ...at, text: 'right' },
          { ...at, text: 'next' },
          { ...tokens[j]!, text: 'to' },
        ]
      : [
          { ...at, text: far ? 'farthest' : 'closest' },
          { ...tokens[j]!, text: far ? 'from' : 'to' },
        ];
    // "the corner that's as far …": "the corner farthest from …".
    let from = i;
    if (['is', "'s"].includes(w(i - 1)) && ['that', 'which', 'thats'].includes(w(i - 2))) from = i - 2;
    else if (w(i - 1) === 'thats') from = i - 1;
    return asFarAs([...tokens.slice(0, from), ...said, ...tokens.slice(j + 1)]);
  }
  return tokens;
}

/**
 * "a lot to the right of the green bowl, at the same height as the bowl", "…, level with it", "…,
 * in line with it": beside a thing already means level with it in the picture (the planner puts
 * it straight out to that side), so the phrase is left out, and noted. Only after "left of" /
 * "right of" in the same sentence (level is up and down the picture).
 */
function levelWith(tokens: Token[], notes: string[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 1; i < tokens.length; i++) {
    const pause = tokens[i - 1]!.kind === 'punct' && [',', '-', '('].includes(tokens[i - 1]!.text);
    if (!pause && w(i - 1) !== 'and') continue;
    let j = i;
    if (w(j) === 'at' && w(j + 1) === 'the' && w(j + 2) === 'same' && ['height', 'level'].includes(w(j + 3))) j += 4;
    else if (w(j) === 'level' || w(j) === 'lined' || (w(j) === 'in' && w(j + 1) === 'line')) j += w(j) === 'level' ? 1 : 2;
    else if (w(j) === 'on' && w(j + 1) === 'a' && w(j + 2) === 'level') j += 3;
    else continue;
    if (w(j) === 'up') j++;
    while (j < tokens.length && tokens[j]!.kind === 'word' && !['as', 'with', 'to'].includes(w(j))) {
      // ("at the same height in the picture as the bowl")
      if (!['in', 'the', 'picture', 'image', 'view'].includes(w(j))) break;
      j++;
    }
    if (!['as', 'with', 'to'].includes(w(j))) continue;
    j++;
    let end = j;
    while (end < tokens.length && !(tokens[end]!.kind === 'punct' && tokens[end]!.text !== "'")) end++;
    // Said after beside a thing to the left or right, in this sentence.
    let start = i - 1;
    while (start > 0 && !(tokens[start - 1]!.kind === 'punct' && ['.', '!', '?', ';'].includes(tokens[start - 1]!.text))) start--;
    const beside = tokens.slice(start, i).some((t, k, a) => (t.text === 'left' || t.text === 'right') && a[k + 1]?.text === 'of');
    if (!beside) continue;
    const from = tokens[i - 1]!.kind === 'punct' || w(i - 1) === 'and' ? i - 1 : i;
    const to = tokens[end]?.text === ')' ? end + 1 : end;
    notes.push(
      `left out '${tokens
        .slice(i, end)
        .map((t) => t.text)
        .join(' ')}': beside a thing to its left or right is level with it`,
    );
    return levelWith([...tokens.slice(0, from), ...tokens.slice(to)], notes);
  }
  return tokens;
}

/**
 * "Only one block sits to the left of the bowl. Put it …": said to be sure there is one; "one
 * block sits …" (the grammar then checks it names one).
 */
function onlyOne(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    if (w(i) !== 'only' || !(i === 0 || endsSentence(tokens[i - 1]))) continue;
    if (!['one', 'a'].includes(w(i + 1))) continue;
    let j = i + 2;
    while (isColor(w(j)) || w(j) in SIZE_WORDS) j++;
    if (!NOUNS.has(w(j)) || !['sits', 'is', 'lies', 'stands', 'rests', "'s", 'sitting'].includes(w(j + 1))) continue;
    return [...tokens.slice(0, i), ...tokens.slice(i + 1)];
  }
  return tokens;
}

/**
 * "… in the same corner as the orange bowl (in the bowl is fine too)", "…, on the tray is okay as
 * well": another place that would also do. The place said first is where it goes; the other is
 * left out, and noted.
 */
function alsoFine(tokens: Token[], notes: string[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  const PLACE_WORDS = ['in', 'into', 'on', 'onto', 'inside', 'next', 'beside', 'near', 'by'];
  for (let i = 1; i < tokens.length; i++) {
    const open = tokens[i - 1]!;
    // (Also a sentence of its own after the one that says where: "In the bowl's fine.", "Into the bowl there is fine.")
    const sentence = open.kind === 'punct' && ['.', '!'].includes(open.text) && i > 1;
    if (open.kind !== 'punct' || !(['(', ',', '-'].includes(open.text) || sentence) || !PLACE_WORDS.includes(w(i))) continue;
    let j = i + 1;
    while (
      j < tokens.length &&
      tokens[j]!.kind === 'word' &&
      !['is', 'would', 'will', 'works', 'counts'].includes(w(j)) &&
      !tokens[j]!.possessive
    )
      j++;
    if (tokens[j]?.possessive && ['fine', 'ok', 'okay', 'good', 'alright', 'allowed'].includes(w(j + 1))) {
      // "In the bowl's fine": the possessive is "is".
      const end = j + 2;
      if (!(end >= tokens.length || tokens[end]!.kind === 'punct')) continue;
      notes.push(
        `left out '${tokens
          .slice(i, end)
          .map((t) => t.text)
          .join(' ')}': the place said first is where it goes`,
      );
      return alsoFine([...tokens.slice(0, sentence ? i : i - 1), ...tokens.slice(sentence ? end + 1 : end)], notes);
    }
    const verb = w(j);
    if (verb === 'is' && ['fine', 'ok', 'okay', 'good', 'alright', 'allowed'].includes(w(j + 1))) j += 2;
    else if ((verb === 'would' || verb === 'will') && w(j + 1) === 'do') j += 2;
    else if (verb === 'works' || verb === 'counts') j++;
    else continue;
    if (w(j) === 'too' || w(j) === 'also') j++;
    else if (w(j) === 'as' && w(j + 1) === 'well') j += 2;
    let end = j;
    if (open.text === '(') {
      if (tokens[end]?.text !== ')') continue;
      end++;
    } else if (!(end >= tokens.length || (tokens[end]!.kind === 'punct' && tokens[end]!.text !== "'"))) continue;
    notes.push(
      `left out '${tokens
        .slice(i, j)
        .map((t) => t.text)
        .join(' ')}': the place said first is where it goes`,
    );
    if (sentence) return alsoFine([...tokens.slice(0, i), ...tokens.slice(end + 1)], notes);
    return alsoFine([...tokens.slice(0, i - 1), ...tokens.slice(end)], notes);
  }
  return tokens;
}

/**
 * "blocks in bowls, colours matching", "balls into the bowls - matching colours", "…, colour to
 * colour": after containers, the colours match — "… with matching colours".
 */
function coloursMatching(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  const colour = (x: string): boolean => ['colour', 'colours', 'color', 'colors'].includes(x);
  for (let i = 1; i < tokens.length; i++) {
    if (!containerWord(w(i - 1)) || !(tokens[i]!.kind === 'punct' && [',', '-'].includes(tokens[i]!.text))) continue;
    let j = i + 1;
    if (w(j) === 'with') j++;
    if (w(j) === 'the') j++;
    let end = -1;
    if (colour(w(j)) && ['matching', 'match', 'matched'].includes(w(j + 1))) end = j + 2;
    else if (['matching', 'matched'].includes(w(j)) && colour(w(j + 1))) end = j + 2;
    else if (colour(w(j)) && w(j + 1) === 'to' && colour(w(j + 2))) end = j + 3;
    if (end < 0 || !(end >= tokens.length || tokens[end]!.kind === 'punct')) continue;
    const at = tokens[i]!;
    const said: Token[] = ['with', 'matching', 'colors'].map((text) => ({ ...at, kind: 'word', text }));
    return [...tokens.slice(0, i), ...said, ...tokens.slice(end)];
  }
  return tokens;
}

/** Words for a group of things laid out together ("the row", "the column", "the arch"). */
const GROUP_WORDS: ReadonlySet<string> = new Set([
  'row',
  'column',
  'line',
  'arch',
  'arc',
  'ring',
  'circle',
  'group',
  'bunch',
  'cluster',
  'set',
  'crowd',
  'queue',
  'curve',
  'diagonal',
  'zigzag',
]);

/**
 * "the bowl in the middle of the column", "the block smack in the middle of the row of five", "the
 * can at the top of the arch", "the block at the left end of the line": the middle / topmost /
 * leftmost one of those things ("the middle bowl", "the topmost can"). The group is one of
 * GROUP_WORDS (never the table: "in the middle of the table" is a place).
 */
function ofTheGroup(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let n = 1; n < tokens.length; n++) {
    if (!NOUNS.has(w(n)) && w(n) !== 'one') continue;
    let j = n + 1;
    if (
      ['sitting', 'sits', 'that', "that's", 'thats', 'which', 'is', 'right', 'smack', 'dead', 'bang', 'slap', 'up', 'way'].includes(w(j))
    ) {
      while (
        ['sitting', 'sits', 'that', "that's", 'thats', 'which', 'is', "'s", 'right', 'smack', 'dead', 'bang', 'slap', 'up', 'way'].includes(
          w(j),
        )
      )
        j++;
    }
    if (!['in', 'at'].includes(w(j)) || w(j + 1) !== 'the') continue;
    j += 2;
    if (w(j) === 'very' || w(j) === 'far') j++;
    let word: string | null = null;
    if (['middle', 'centre', 'center'].includes(w(j))) word = 'middle';
    else if (w(j) in END_MOST) word = END_MOST[w(j)]!;
    if (word === null) continue;
    j++;
    if (w(j) === 'end' || w(j) === 'side') j++;
    if (w(j) !== 'of' || w(j + 1) !== 'the') continue;
    let g = j + 2;
    while (NUMBER_WORDS[w(g)] !== undefined || isColor(w(g))) g++;
    if (!GROUP_WORDS.has(w(g))) continue;
    let end = g + 1;
    // "the row of five", "the column of bowls": what the group is of.
    if (w(end) === 'of' && (NUMBER_WORDS[w(end + 1)] !== undefined || NOUNS.has(w(end + 1)) || tokens[end + 1]?.kind === 'number'))
      end += 2;
    // "the two blocks in the middle of the diagonal": the two blocks in the middle (of the things
    // there are, as the grammar reads a count in the middle).
    if (word === 'middle' && NOUNS.get(w(n))?.plural) return ofTheGroup([...tokens.slice(0, j), ...tokens.slice(end)]);
    // The phrase's start: "the" (and colours, sizes) before the noun.
    let d = n;
    while (d > 0 && (isColor(w(d - 1)) || w(d - 1) in SIZE_WORDS)) d--;
    const at = tokens[n]!;
    return ofTheGroup([...tokens.slice(0, d), { ...at, text: word }, ...tokens.slice(d, n + 1), ...tokens.slice(end)]);
  }
  return tokens;
}

/**
 * A count with no noun: "all six in a row", "all three - onto the tray" are "all six things"; "the
 * three of them", "all four of them", "both of them" are "them" (what was named before).
 */
function countsAlone(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  const count = (k: number): boolean => (NUMBER_WORDS[w(k)] ?? 0) >= 2 || (tokens[k]?.kind === 'number' && (tokens[k]!.value ?? 0) >= 2);
  for (let i = 0; i < tokens.length; i++) {
    if (w(i) === 'the' && count(i + 1) && w(i + 2) === 'of' && w(i + 3) === 'them') {
      // ("Put the three of them …" with nothing named before: the three things.)
      const before = tokens.slice(0, i).some((t) => t.kind === 'word' && (NOUNS.has(t.text) || isColor(t.text)));
      const said = before
        ? [{ ...tokens[i + 3]! }]
        : [{ ...tokens[i]!, text: 'the' }, tokens[i + 1]!, { ...tokens[i + 3]!, text: 'things' }];
      return countsAlone([...tokens.slice(0, i), ...said, ...tokens.slice(i + 4)]);
    }
    if (w(i) === 'all' && count(i + 1)) {
      // Only where a place or a pause follows ("all six in a row", "all three - onto the tray"), and
      // nothing was named before it in the sentence ("balls and blocks, all four in a circle" counts those).
      const next = tokens[i + 2];
      const follows =
        next === undefined ||
        next.kind === 'punct' ||
        ['in', 'into', 'on', 'onto', 'to', 'at', 'side', 'along', 'across', 'up'].includes(next.text);
      let s0 = i;
      while (s0 > 0 && !endsSentence(tokens[s0 - 1])) s0--;
      const namedBefore = tokens.slice(s0, i).some((t) => t.kind === 'word' && (NOUNS.has(t.text) || isColor(t.text) || t.text === 'them'));
      if (!follows || namedBefore) continue;
      const at = tokens[i + 1]!;
      return countsAlone([...tokens.slice(0, i + 2), { ...at, kind: 'word', text: 'things' }, ...tokens.slice(i + 2)]);
    }
  }
  return tokens;
}

const RANKS: ReadonlySet<string> = new Set([
  'closest',
  'nearest',
  'farthest',
  'furthest',
  'biggest',
  'largest',
  'smallest',
  'tallest',
  'shortest',
  'highest',
  'lowest',
]);

/**
 * Small forms read as the plain one: "'em" is "them"; "which one's closest" is "which one is
 * closest" (a possessive before a superlative is "is"); "whose colour isn't blue" is "that isn't
 * blue"; "the robot's edge (of the table)", "your edge", "the near edge" are the bottom edge (the
 * robot stands at the bottom of the picture); "X joins the red one on the tray" is "X goes on the
 * tray"; "load / fill the tray (up) with X" is "fill the tray with X".
 */
const PLACE_LEADS_AFTER_ALL: ReadonlySet<string> = new Set(['onto', 'into', 'on', 'in', 'to', 'inside', 'over']);

function smallForms(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const word = (text: string, at: Token = t): Token => ({ ...at, kind: 'word', text, possessive: undefined });
    if (w(i) === 'em' && (i === 0 || tokens[i - 1]!.kind !== 'word' || !['the', 'a'].includes(w(i - 1)))) {
      out.push(word('them'));
      continue;
    }
    // "…, I do NOT want it inside!!", "I don't want it in there": not in it (said again after a place beside).
    if (
      w(i) === 'i' &&
      ((w(i + 1) === 'do' && w(i + 2) === 'not') || ["don't", 'dont'].includes(w(i + 1))) &&
      w(i + (w(i + 1) === 'do' ? 3 : 2)) === 'want' &&
      ['it', 'them'].includes(w(i + (w(i + 1) === 'do' ? 4 : 3)))
    ) {
      const j = i + (w(i + 1) === 'do' ? 5 : 4);
      const inWord = w(j) === 'inside' || (w(j) === 'in' && ['it', 'there', 'the'].includes(w(j + 1)));
      if (inWord && (w(j) === 'inside' ? tokens[j + 1]?.kind !== 'word' : w(j + 1) !== 'the')) {
        out.push(word('not'), word('in'), word('it'));
        i = w(j) === 'inside' ? j : j + 1;
        continue;
      }
    }
    // "Gimme the block …", "lemme see …": give me, let me.
    // ("gimme the block … and drop it in X": take it, then what follows says where.)
    const handed = (w(i) === 'gimme' ? i + 1 : w(i) === 'give' && w(i + 1) === 'me' ? i + 2 : -1) >= 0;
    if (
      handed &&
      tokens
        .slice(i, i + 14)
        .some((x, k, a) => x.text === 'and' && ['drop', 'put', 'place', 'pop', 'set', 'stick'].includes(a[k + 1]?.text ?? ''))
    ) {
      out.push(word('take'));
      if (w(i) === 'give') i++;
      continue;
    }
    if (w(i) === 'gimme' || w(i) === 'lemme') {
      out.push(word(w(i) === 'gimme' ? 'give' : 'let'), word('me'));
      continue;
    }
    // "Would you ever put …": asking, "ever" adds nothing.
    if (w(i) === 'ever' && ['you', 'ya', 'u'].includes(w(i - 1)) && ['would', 'could', 'will', 'can'].includes(w(i - 2))) continue;
    // "One of the two cyan blocks, either one, on the tray", "…, any one, …": which one is free (chosen by the stated rule).
    if (
      t.text === ',' &&
      ['either', 'any'].includes(w(i + 1)) &&
      ['one', 'of'].includes(w(i + 2)) &&
      (w(i + 2) === 'one' ? tokens[i + 3]?.text === ',' : w(i + 3) === 'them' && tokens[i + 4]?.text === ',')
    ) {
      i += w(i + 2) === 'one' ? 2 : 3;
      continue;
    }
    // "everything in the bowl, get it all onto the tray": "it all" after a verb is all of them.
    if (w(i) === 'it' && w(i + 1) === 'all' && VERBS.has(w(i - 1)) && PLACE_LEADS_AFTER_ALL.has(w(i + 2))) {
      out.push(word('them'), tokens[i + 1]!);
      i++;
      continue;
    }
    if (t.kind === 'word' && t.possessive && ['one', 'which', 'that', 'this', 'who'].includes(t.text) && RANKS.has(w(i + 1))) {
      out.push(word(t.text), word('is', t));
      continue;
    }
    // (Only before a colour said: "whose colour doesn't match" and "… is different from …" read as they are.)
    const said = ["isn't", 'isnt', 'is', "aren't", 'are'].includes(w(i + 2)) ? (w(i + 3) === 'not' ? i + 4 : i + 3) : -1;
    if (w(i) === 'whose' && w(i + 1) === 'color' && said > 0 && isColor(w(said))) {
      out.push(word('that'));
      i++;
      continue;
    }
    // "the robot's edge", "the robot's side of the table", "your edge", "the near edge": the bottom one.
    // (Not "on the robot's side of it": beside a thing, the side facing the robot.)
    const ofTable = w(i + 1) !== 'side' || (w(i + 2) === 'of' && w(i + 3) === 'the' && w(i + 4) === 'table');
    if (
      ((w(i) === 'robot' && t.possessive) || w(i) === 'your' || w(i) === 'near') &&
      ['edge', 'side', 'end'].includes(w(i + 1)) &&
      ofTable
    ) {
      if (w(i) === 'your' && w(out.length - 1) !== 'the') out.push(word('the'));
      out.push(word('bottom'));
      continue;
    }
    // "the three loose things": counted, they are the things that are not in a container — what "thing"
    // names already (the grammar reads "the loose ball nearest X", uncounted).
    if (w(i) === 'loose' && NUMBER_WORDS[w(i - 1)] !== undefined && (NOUNS.has(w(i + 1)) || ['ones', 'one'].includes(w(i + 1)))) continue;
    if (['join', 'joins'].includes(w(i))) {
      let j = i + 1;
      while (j < tokens.length && tokens[j]!.kind === 'word' && !PLACE_PREPOSITIONS.has(w(j))) j++;
      if (j < tokens.length && PLACE_PREPOSITIONS.has(w(j)) && j - i <= 5) {
        out.push(word(w(i) === 'joins' ? 'goes' : 'go'));
        i = j - 1;
        continue;
      }
    }
    if (['load', 'fill'].includes(w(i))) {
      let j = i + 1;
      if (w(j) === 'the') j++;
      while (isColor(w(j)) || w(j) in SIZE_WORDS) j++;
      if (containerWord(w(j)) && (w(j + 1) === 'with' || (w(j + 1) === 'up' && w(j + 2) === 'with'))) {
        out.push(word('fill'), ...tokens.slice(i + 1, j + 1));
        i = w(j + 1) === 'up' ? j + 1 : j;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** "in the same corner as the orange bowl": the corner nearest it ("the corner closest to the orange bowl"). */
function sameCornerAs(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    if (w(i) !== 'same' || !['corner', 'side'].includes(w(i + 1)) || w(i + 2) !== 'as' || w(i - 1) !== 'the') continue;
    const at = tokens[i]!;
    return [
      ...tokens.slice(0, i),
      { ...tokens[i + 1]! },
      { ...at, text: 'closest' },
      { ...tokens[i + 2]!, text: 'to' },
      ...tokens.slice(i + 3),
    ];
  }
  return tokens;
}

/** Places things go one to each ("one block per bowl"). */
const SHARED_PLACES: ReadonlySet<string> = new Set([
  'bowl',
  'bowls',
  'tray',
  'trays',
  'corner',
  'corners',
  'container',
  'containers',
  'spot',
  'spots',
]);

/**
 * "no two blocks sharing a bowl", "no sharing", "no doubling up", "no two in the same corner": one
 * to each, said as what must not happen — "one block per bowl" (the place is the one named
 * before in the sentence when it is not said).
 */
function noSharing(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    if (w(i) !== 'no' || !(i === 0 || tokens[i - 1]!.kind === 'punct' || w(i - 1) === 'and' || w(i - 1) === 'with')) continue;
    let j = i + 1;
    let thing: Token | null = null;
    let place: string | null = null;
    if (['two', '2'].includes(w(j)) || tokens[j]?.kind === 'number') {
      j++;
      if (NOUNS.has(w(j)) && !SHARED_PLACES.has(w(j))) thing = tokens[j++]!;
      if (['sharing', 'share', 'in', 'on'].includes(w(j))) {
        j++;
        if (['a', 'one', 'the'].includes(w(j))) j++;
        if (w(j) === 'same') j++;
        if (!SHARED_PLACES.has(w(j))) continue;
        place = w(j).replace(/s$/, '');
        j++;
      } else continue;
    } else if (['sharing', 'share', 'doubling', 'double', 'doubles'].includes(w(j))) {
      // (The tokenizer reads "sharing" as "share", "doubling" as "double".)
      j += w(j + 1) === 'up' ? 2 : 1;
    } else continue;
    if (!(j >= tokens.length || tokens[j]!.kind === 'punct' || w(j) === 'and' || w(j) === 'please')) continue;
    if (place === null) {
      const named = tokens
        .slice(0, i)
        .reverse()
        .find((t) => t.kind === 'word' && SHARED_PLACES.has(t.text));
      if (!named) continue;
      place = named.text.replace(/s$/, '');
    }
    const at = tokens[i]!;
    const word = (text: string): Token => ({ ...at, kind: 'word', text });
    // ("…, and no two blocks sharing a bowl": the "and" goes with it.)
    const from = w(i - 1) === 'and' ? i - 1 : i;
    // Corners: "different corners" already says it (the phrase goes); "in a corner" becomes "in different corners".
    if (place === 'corner') {
      let cut = from;
      while (cut > 0 && tokens[cut - 1]!.kind === 'punct' && tokens[cut - 1]!.text === ',') cut--;
      const head = tokens.slice(0, cut);
      const said = head.some(
        (t, k) => ['different', 'separate', 'each', 'every', 'own'].includes(t.text) && /^corners?$/.test(head[k + 1]?.text ?? ''),
      );
      const a = head.findIndex((t, k) => t.text === 'a' && head[k + 1]?.text === 'corner');
      if (!said && a < 0) continue;
      const rest = said ? head : [...head.slice(0, a), word('different'), { ...head[a + 1]!, text: 'corners' }, ...head.slice(a + 2)];
      return noSharing([...rest, ...tokens.slice(j)]);
    }
    const said = [word('one'), ...(thing ? [{ ...thing, text: singularOf(thing.text) ?? thing.text }] : []), word('per'), word(place)];
    return noSharing([...tokens.slice(0, from), ...said, ...tokens.slice(j)]);
  }
  return tokens;
}

/** Words after which a clause's verb comes ("please take", "then put", "could you grab"). */
const VERB_LEADS: ReadonlySet<string> = new Set([
  'please',
  'pls',
  'plz',
  'plse',
  'now',
  'then',
  'and',
  'just',
  'kindly',
  'you',
  'u',
  'ya',
  'first',
  'next',
  'finally',
  'also',
  'ok',
  'okay',
]);

/** "left most", "left-most", "right most": one word ("leftmost"). */
function joinMost(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.kind === 'word' && isWord(next, 'most') && EXTREMES[`${t.text}most`] !== undefined) {
      out.push({ ...t, text: `${t.text}most`, end: next!.end });
      i++;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** Words a place's intensifier may stand before ("the very middle", "dead centre", "all the way to"). */
const PLACE_HEADS = ['center', 'middle', 'edge', 'corner', 'top', 'bottom', 'left', 'right', 'back', 'front', 'end', 'side', 'far'];
const PLACE_PREPS = ['to', 'into', 'in', 'over', 'across', 'up', 'down', 'on', 'onto', 'at', 'back', 'toward', 'against', 'along'];

/**
 * Ways of stressing a place that say no more than the place: "all the way to the corner" (= "to
 * the corner"), "the very middle", "dead centre" / "smack in the middle" (= "in the centre");
 * "the table corner" (= "the corner"); and "under / underneath / beneath X" (on a table seen
 * from above: below X in the image).
 */
function intensifiedPlaces(tokens: Token[]): Token[] {
  const out: Token[] = [];
  const w = wordAt(tokens);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (w(i) === 'all' && w(i + 1) === 'the' && w(i + 2) === 'way' && PLACE_PREPS.includes(w(i + 3) ?? '')) {
      i += 2;
      continue;
    }
    // "the table corner", "a table edge": a part of the table ("the corner").
    if (w(i) === 'table' && ['corner', 'corners', 'edge', 'edges', 'side', 'sides', 'center', 'middle'].includes(w(i + 1) ?? '')) continue;
    if (w(i) === 'very' && PLACE_HEADS.includes(w(i + 1) ?? '') && ['the', 'its', 'their'].includes(w(i - 1) ?? '')) continue;
    if (['dead', 'smack', 'bang', 'slap'].includes(w(i) ?? '')) {
      let j = i + 1;
      while (['bang', 'dab', 'in', 'on', 'the', 'at'].includes(w(j) ?? '') && j < i + 4) j++;
      if (w(j) === 'center' || w(j) === 'middle') {
        const inside = tokens.slice(i + 1, j).filter((x) => x.text !== 'bang' && x.text !== 'dab');
        const word = (text: string): Token => ({ kind: 'word', text, start: t.start, end: t.start });
        if (['the', 'its'].includes(w(i - 1) ?? '')) out.push(...inside);
        else if (inside.length === 0) out.push(word('in'), word('the'));
        else out.push(...inside);
        i = j - 1;
        continue;
      }
    }
    if (['under', 'underneath', 'beneath'].includes(w(i) ?? '') && tokens[i + 1]?.kind === 'word' && !['a', 'an'].includes(w(i + 1)!)) {
      out.push({ ...t, text: 'below' });
      continue;
    }
    out.push(t);
  }
  return out;
}

/**
 * "the one nearer the top", "the block closer to the bowl", "the ball farther from X": after a
 * noun (or "one"), a comparative of distance picks one as the superlative does ("the one
 * closest to the top"); of two, the same thing.
 */
/**
 * "move the ball closer to the bowl", "bring the can nearer the tray": where it goes (said after
 * a verb of moving, with nothing after the phrase), not which one ("pick up the block closer to
 * the bowl", "put the block closer to the tray in the bowl").
 */
function closerIsWhere(tokens: Token[], i: number): boolean {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  let v = i - 1;
  while (
    v >= 0 &&
    tokens[v]!.kind === 'word' &&
    !['move', 'bring', 'put', 'push', 'slide', 'shift', 'set', 'place', 'get', 'nudge', 'scoot'].includes(w(v))
  )
    v--;
  if (v < 0 || tokens[v]!.kind !== 'word') return false;
  let k = w(i + 1) === 'to' ? i + 2 : i + 1;
  if (!['the', 'that', 'it', 'them'].includes(w(k))) return false;
  if (w(k) === 'the' || w(k) === 'that') {
    k++;
    while (
      k < tokens.length &&
      k < i + 8 &&
      tokens[k]!.kind === 'word' &&
      !['and', 'then', 'please', 'but', 'in', 'into', 'on', 'onto', 'to', 'next', 'beside', 'inside', 'at', 'near'].includes(w(k))
    )
      k++;
  } else k++;
  const t = tokens[k];
  return t === undefined || t.kind === 'punct' || ['and', 'then', 'please', 'but'].includes(w(k));
}

function comparativeRanks(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = out[out.length - 1];
    const afterNoun = prev?.kind === 'word' && (NOUNS.has(prev.text) || prev.text === 'one' || prev.text === 'ones');
    // "the bowl that's further from it", "the block which is nearer the tray": the same.
    if (
      afterNoun &&
      isWord(t, 'that', 'which') &&
      isWord(tokens[i + 1], 'is') &&
      isWord(tokens[i + 2], 'nearer', 'closer', 'farther', 'further', 'nearest', 'closest', 'farthest', 'furthest')
    ) {
      i++;
      continue;
    }
    if (afterNoun && isWord(t, 'nearer', 'closer') && !closerIsWhere(tokens, i)) {
      out.push({ ...t, text: 'closest' });
      if (!isWord(tokens[i + 1], 'to')) out.push({ kind: 'word', text: 'to', start: t.end, end: t.end });
      continue;
    }
    if (afterNoun && isWord(t, 'farther', 'further') && isWord(tokens[i + 1], 'from', 'away')) {
      out.push({ ...t, text: 'farthest' });
      continue;
    }
    out.push(t);
  }
  return out;
}

/**
 * "counting from the left, the second cube goes …", "starting from the bottom, put the third
 * block …": the side counted from moves after the first ordinal's noun ("the second cube from
 * the left goes …"). Left alone when no ordinal follows.
 */
function countingFrom(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && tokens[i - 1]!.kind !== 'punct') continue;
    if (!['counting', 'starting', 'going', 'reading', 'numbering', 'working'].includes(w(i) ?? '') || w(i + 1) !== 'from') continue;
    let j = i + 2;
    if (w(j) === 'the') j++;
    if (SIDE_WORDS[w(j) ?? ''] === undefined) continue;
    const side = tokens[j]!;
    j++;
    if (['side', 'end', 'edge', 'hand'].includes(w(j) ?? '')) j++;
    const end = tokens[j]?.kind === 'punct' && tokens[j]!.text === ',' ? j + 1 : j;
    // The first ordinal after it, and the end of its phrase's head (a noun or "one").
    let k = end;
    while (k < tokens.length && ORDINALS[w(k) ?? ''] === undefined && w(k) !== 'last') k++;
    let h = k + 1;
    while (h < tokens.length && h < k + 4 && !(NOUNS.has(w(h) ?? '') || w(h) === 'one')) h++;
    if (k >= tokens.length || h >= tokens.length || !(NOUNS.has(w(h) ?? '') || w(h) === 'one')) continue;
    const at = tokens[h]!.end;
    const word = (text: string): Token => ({ kind: 'word', text, start: at, end: at });
    return [...tokens.slice(0, i), ...tokens.slice(end, h + 1), word('from'), word('the'), { ...side }, ...tokens.slice(h + 1)];
  }
  return tokens;
}

/**
 * "the second one up, counting from the bottom", "block #4, counting from the left end", "block
 * number 3 from the right": the count said after its thing — "the second one from the bottom",
 * "the fourth block from the left".
 */
function countedAfter(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let i = 0; i < tokens.length; i++) {
    let n = ORDINALS[w(i) ?? ''];
    let head = i + 1;
    let rewritten: Token[] | null = null;
    // "block #4", "block number 4", "block no. 4": the fourth block.
    if (n === undefined && NOUNS.has(w(i) ?? '') && !NOUNS.get(w(i)!)!.plural) {
      let j = i + 1;
      if (w(j) === 'number' || (w(j) === 'no' && tokens[j + 1]?.text === '.')) j += w(j) === 'no' ? 2 : 1;
      const k = tokens[j]?.kind === 'number' ? Number(tokens[j]!.text) : NUMBER_WORDS[w(j) ?? ''];
      const word =
        k !== undefined && j > i + 1 ? ordinalWordOf(k) : tokens[j]?.kind === 'number' ? ordinalWordOf(Number(tokens[j]!.text)) : undefined;
      if (word === undefined) continue;
      n = ORDINALS[word];
      rewritten = [{ ...tokens[j]!, kind: 'word', text: word }, tokens[i]!];
      head = j + 1;
    } else if (n === undefined || !(NOUNS.has(w(i + 1) ?? '') || w(i + 1) === 'one')) continue;
    else head = i + 2;
    let j = head;
    if (rewritten && w(j) !== 'from' && tokens[j]?.text !== ',') continue;
    if (['up', 'down', 'along', 'in', 'over', 'across'].includes(w(j) ?? '')) j++;
    if (tokens[j]?.text === ',') j++;
    if (['counting', 'starting', 'going', 'reading', 'numbering'].includes(w(j) ?? '')) j++;
    else if (j === head || tokens[j - 1]?.text === ',') {
      if (rewritten === null) continue;
    }
    if (w(j) !== 'from') continue;
    let s = j + 1;
    if (w(s) === 'the') s++;
    if (SIDE_WORDS[w(s) ?? ''] === undefined) continue;
    let e = s + 1;
    if (['side', 'end', 'edge', 'hand'].includes(w(e) ?? '')) e++;
    if (w(e - 1) === 'hand' && ['side', 'end'].includes(w(e) ?? '')) e++;
    const at = (text: string, t: Token): Token => ({ kind: 'word', text, start: t.start, end: t.start });
    const thing = rewritten ?? tokens.slice(i, i + 2);
    const from = [at('from', tokens[j]!), at('the', tokens[j]!), tokens[s]!];
    const tail = tokens[e]?.text === ',' && tokens.slice(head, j).some((t) => t.text === ',') ? e + 1 : e;
    return countedAfter([...tokens.slice(0, i), ...thing, ...from, ...tokens.slice(tail)]);
  }
  return tokens;
}

/**
 * Counting aloud: "count from the left: one, two, three - that one goes in the bowl", "Count the
 * blocks in from the right-hand end, one, two, three; put that one on the tray" is "the third
 * block from the right. that one goes in the bowl" (the thing named, then what the rest says of
 * it). The count must go one, two, three … in order; its noun is the one named before the
 * count ("count the blocks"), else after it ("that block"), else "one".
 */
function countingAloud(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 0; i < tokens.length; i++) {
    if (!['count', 'counting'].includes(w(i)) || !(i === 0 || tokens[i - 1]!.kind === 'punct' || LEAD_WORDS.has(w(i - 1)))) continue;
    let j = i + 1;
    let noun: string | null = null;
    const named = w(j) === 'the' ? singularOf(w(j + 1)) : undefined;
    if (named) {
      noun = named;
      j += 2;
    }
    while (['in', 'along', 'across', 'up', 'down', 'off', 'them', 'these'].includes(w(j))) j++;
    if (w(j) !== 'from' && w(j) !== 'at') continue;
    j++;
    if (w(j) === 'the' || w(j) === 'your' || w(j) === 'my') j++;
    const side = SIDE_WORDS[w(j)];
    if (side === undefined) continue;
    const sideToken = tokens[j]!;
    j++;
    while (['hand', 'end', 'side', 'edge'].includes(w(j))) j++;
    // The count: one, two, three … (commas, dots, dashes and "and" between).
    let n = 0;
    let k = j;
    for (;;) {
      while (tokens[k]?.kind === 'punct' && [',', '.', '-', ':', '…', '...'].includes(tokens[k]!.text)) k++;
      if (w(k) === 'and') k++;
      if (NUMBER_WORDS[w(k)] === n + 1 && w(k) !== 'a' && w(k) !== 'an') {
        n++;
        k++;
        continue;
      }
      break;
    }
    if (n < 1) continue;
    while (tokens[k]?.kind === 'punct') k++;
    if (noun === null) {
      const end = tokens.findIndex((t, m) => m >= k && t.kind === 'punct' && ['.', ';', '!', '?'].includes(t.text));
      const rest = tokens.slice(k, end < 0 ? tokens.length : end);
      const named = rest.findIndex((t, m) => ['that', 'this'].includes(rest[m - 1]?.text ?? '') && NOUNS.has(t.text));
      noun = named >= 0 ? rest[named]!.text : 'one';
    }
    const ordinal = Object.keys(ORDINALS).find((o) => ORDINALS[o] === n);
    if (!ordinal) continue;
    const at = tokens[i]!;
    const word = (text: string): Token => ({ kind: 'word', text, start: at.start, end: at.end });
    const said = [word('the'), word(ordinal), word(noun), word('from'), word('the'), { ...sideToken }];
    const stop: Token = { kind: 'punct', text: '.', start: tokens[k - 1]!.end, end: tokens[k - 1]!.end };
    return [...tokens.slice(0, i), ...said, ...(k < tokens.length ? [stop] : []), ...tokens.slice(k)];
  }
  return tokens;
}

/** Words a sentence's first word may follow ("so count from …", "now count …"). */
const LEAD_WORDS: ReadonlySet<string> = new Set(['so', 'now', 'just', 'ok', 'okay', 'right', 'and', 'then', 'first']);

/**
 * "make two towers: the small red block on the big green block, and …", "build some stacks: X on
 * Y, Z on W": a header announcing several stacks before a colon; what follows says each one
 * ("X on Y"), so the header goes.
 */
function stacksHeader(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  let i = 0;
  while (['please', 'now', 'can', 'could', 'you', 'i', 'want', 'to', 'ok', 'okay', 'so', 'would', 'like', "i'd"].includes(w(i) ?? '')) i++;
  if (!['make', 'build', 'create', 'form', 'construct', 'stack'].includes(w(i) ?? '')) return tokens;
  let j = i + 1;
  if (
    ['two', 'three', 'four', 'some', 'several', 'a', 'few', 'couple', 'of', '2', '3', '4'].includes(w(j) ?? '') ||
    tokens[j]?.kind === 'number'
  )
    j++;
  while (['few', 'couple', 'of', 'small', 'little', 'separate'].includes(w(j) ?? '')) j++;
  if (!['towers', 'stacks', 'piles'].includes(w(j) ?? '')) return tokens;
  j++;
  if (!(tokens[j]?.kind === 'punct' && tokens[j]!.text === ':') || j + 1 >= tokens.length) return tokens;
  return [...tokens.slice(0, i), ...tokens.slice(j + 1)];
}

/** Sides of the image that "its" / "their" or "closest the …" may stand before. */
const IMAGE_SIDES = ['left', 'right', 'top', 'bottom', 'back', 'front', 'far', 'near'];

/** Sentence frames that say "this is what I want" before it: left out ("Goal:", "End state:", "When you're done,"). */
const FRAME_HEADS: readonly (readonly string[])[] = [
  ['goal'],
  ['the', 'goal', 'is'],
  ['my', 'goal', 'is'],
  ['target'],
  ['objective'],
  ['task'],
  ['end', 'state'],
  ['final', 'state'],
  ['desired', 'state'],
  ['end', 'result'],
  ['result'],
  ['what', 'i', 'want', 'is'],
  ['what', 'we', 'want', 'is'],
  ['when', "you're", 'done'],
  ['when', 'you', 'are', 'done'],
  ['when', "you're", 'finished'],
  ['when', 'you', 'are', 'finished'],
  ['when', 'finished'],
  ['once', "you're", 'done'],
  ['once', "you've", 'finished'],
  ['once', 'you', 'are', 'done'],
  ['at', 'the', 'end'],
  ['in', 'the', 'end'],
  ['by', 'the', 'end'],
  ['afterwards'],
  ['what', "i'd", 'like', 'is'],
  ['what', 'i', 'would', 'like', 'is'],
  ['what', 'i', 'need', 'is'],
  ['before', 'anything', 'else'],
  ['first', 'of', 'all'],
  ['to', 'start', 'with'],
  ['to', 'begin', 'with'],
  ['to', 'start'],
  ['picture', 'the', 'end', 'result'],
  ['picture', 'this'],
  ['imagine', 'this'],
  ['what', 'i', 'want', 'to', 'see'],
  ['what', 'i', "'d", 'like', 'to', 'see'],
  ['i', 'want', 'that'],
  ["i'd", 'like', 'to', 'see'],
  // A wish said with "if": "I'd love it if the red block were in …", "it would be great if …".
  ["i'd", 'love', 'it', 'if'],
  ["i'd", 'like', 'it', 'if'],
  ['i', 'would', 'love', 'it', 'if'],
  ['i', 'would', 'like', 'it', 'if'],
  ["i'd", 'prefer', 'it', 'if'],
  ['it', 'would', 'be', 'great', 'if'],
  ['it', 'would', 'be', 'nice', 'if'],
  ['it', 'would', 'be', 'good', 'if'],
  ["it'd", 'be', 'great', 'if'],
  ["it'd", 'be', 'nice', 'if'],
  ["it'd", 'be', 'good', 'if'],
  ['would', 'be', 'great', 'if'],
  ['would', 'be', 'nice', 'if'],
  ["i'd", 'be', 'happy', 'if'],
  ["i'd", 'be', 'grateful', 'if'],
  ['i', 'would', 'like', 'to', 'see'],
  ['i', 'want', 'to', 'see'],
  ["here's", 'the', 'thing'],
  ['here', 'is', 'the', 'thing'],
  ['here', 'is', 'what', 'i', 'want'],
  ["here's", 'what', 'i', 'want'],
];
/** Headings before a colon that say only that things go back where they belong ("Everything back where it belongs: …"). */
const HOME_HEADINGS: readonly (readonly string[])[] = [
  ['everything', 'back', 'where', 'it', 'belongs'],
  ['everything', 'where', 'it', 'belongs'],
  ['everything', 'back', 'where', 'they', 'belong'],
  ['back', 'where', 'they', 'belong'],
  ['everything', 'goes', 'home'],
  ['everything', 'home'],
  ['everything', 'back', 'home'],
];

/** Asking whether it can be done is asking for it ("Is it possible to put …", "would it be possible for you to …"). */
const POSSIBLE_HEADS: readonly (readonly string[])[] = [
  ['is', 'it', 'possible', 'to'],
  ['is', 'it', 'possible', 'for', 'you', 'to'],
  ['would', 'it', 'be', 'possible', 'to'],
  ['would', 'it', 'be', 'possible', 'for', 'you', 'to'],
  ['is', 'there', 'any', 'way', 'to'],
  ['is', 'there', 'any', 'way', 'you', 'could'],
  ['is', 'there', 'a', 'way', 'to'],
  ['do', 'you', 'think', 'you', 'could'],
  // "(You'll have to lift the yellow one off first.)": what must be done, said as advice.
  ["you'll", 'have', 'to'],
  ["you'll", 'need', 'to'],
  ['you', 'will', 'have', 'to'],
  ['you', 'will', 'need', 'to'],
  ["you'd", 'better'],
  // "Any chance you could pop X in Y?", "Is there any chance X could go in Y?", "Reckon you could …?", "Fancy putting …?".
  ['is', 'there', 'any', 'chance', 'you', 'could'],
  ['is', 'there', 'any', 'chance', 'that'],
  ['is', 'there', 'any', 'chance'],
  ['any', 'chance', 'you', 'could'],
  ['any', 'chance', 'that'],
  ['any', 'chance'],
  ['do', 'you', 'reckon', 'you', 'could'],
  ["d'you", 'reckon', 'you', 'could'],
  ['reckon', 'you', 'could'],
  ['fancy'],
  ['are', 'you', 'able', 'to'],
  ['how', 'about'],
  ['what', 'about'],
  ['why', "don't", 'you'],
  ['why', 'dont', 'you'],
  ['why', 'not'],
  // "Would it be possible for the red block to be placed on …": the thing, then where it is to be.
  ['would', 'it', 'be', 'possible', 'for'],
  ['is', 'it', 'possible', 'for'],
];
/** Phrases that say only where a thing is now or why it moves ("from where it is", "out of the way"): left out. */
const IDLE_PHRASES: readonly (readonly string[])[] = [
  ['from', 'where', 'it', 'is', 'now'],
  ['from', 'where', 'it', 'is'],
  ['from', 'where', 'it', 'sits'],
  ['from', 'where', "it's", 'sitting'],
  ['from', 'its', 'current', 'spot'],
  ['from', 'its', 'current', 'place'],
  ['from', 'its', 'current', 'position'],
  ['from', 'its', 'spot'],
  ['out', 'of', 'the', 'way'],
  ['out', 'of', 'play'],
];

/** Whether the words `phrase` start at token i. */
function wordsAt(tokens: readonly Token[], i: number, phrase: readonly string[]): boolean {
  return phrase.every((p, k) => tokens[i + k]?.kind === 'word' && tokens[i + k]!.text === p);
}

/**
 * A frame before what is wanted, at the start of a sentence ("Goal: the red block inside the
 * pink bowl", "When you're done, the green block should be on the red one", "Is it possible to
 * put …?"), and a phrase that says only where a thing is now or why ("move the red block from
 * where it is to …", "take the red block out of the way, put it …"): left out.
 */
function frames(tokens: Token[]): Token[] {
  const out: Token[] = [];
  // After a goal frame, "the blue block sits in the green bowl" says where it is to be, not where it is.
  let goal = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const starts = i === 0 || (tokens[i - 1]!.kind === 'punct' && ['.', '?', '!', ';', '('].includes(tokens[i - 1]!.text));
    if (starts) {
      // "Move green block. Destination: red bowl.": where the sentence before moves it.
      if (
        i > 0 &&
        isWord(t, 'destination') &&
        tokens[i + 1]?.kind === 'punct' &&
        [':', '-'].includes(tokens[i + 1]!.text) &&
        out.at(-1)?.kind === 'punct' &&
        out.at(-1)!.text === '.'
      ) {
        out.pop();
        out.push({ kind: 'word', text: 'to', start: t.start, end: tokens[i + 1]!.end });
        i++;
        continue;
      }
      // "Musical corners!", "Story time:", "Odd-one-out game:": a heading of at most three words,
      // naming no colour, number or thing, before more: left out.
      let e = i;
      while (e < tokens.length && tokens[e]!.kind === 'word') e++;
      const mark = tokens[e];
      if (
        e > i &&
        e - i <= 3 &&
        mark?.kind === 'punct' &&
        (mark.text === '!' || mark.text === ':') &&
        tokens.slice(e + 1).some((x) => x.kind === 'word') &&
        !FRAME_HEADS.some((h) => wordsAt(tokens, i, h)) &&
        !tokens
          .slice(i, e)
          .some((x) => ARRANGEMENT_NOUNS.has(x.text) || ['pyramid', 'rows', 'columns', 'lines', 'stacks', 'towers'].includes(x.text)) &&
        tokens
          .slice(i, e)
          .every(
            (x) =>
              !isColor(x.text) &&
              NUMBER_WORDS[x.text] === undefined &&
              !VERBS.has(x.text) &&
              !(NOUNS.has(x.text) && NOUNS.get(x.text)!.cls !== 'thing'),
          )
      ) {
        i = e;
        while (tokens[i + 1]?.kind === 'punct' && tokens[i + 1]!.text === '!') i++;
        continue;
      }
      // "Everything back where it belongs: green blocks in the green bowl, …": what follows says it all.
      const home = HOME_HEADINGS.find((h) => wordsAt(tokens, i, h));
      if (home && tokens[i + home.length]?.kind === 'punct' && [':', '!', '-'].includes(tokens[i + home.length]!.text)) {
        i += home.length;
        continue;
      }
      // "Right, so what I'd like is …", "OK so the goal is …": fillers before the frame go with it.
      let f = i;
      while (['right', 'so', 'ok', 'okay', 'well', 'now', 'alright', 'and'].includes(tokens[f]?.kind === 'word' ? tokens[f]!.text : '')) {
        f++;
        if (tokens[f]?.text === ',') f++;
      }
      let head = FRAME_HEADS.find((h) => wordsAt(tokens, f, h));
      let after = head ? tokens[f + head.length] : undefined;
      // "What I want to see when you're done: …": a frame, then more of it, up to its colon.
      if (head && after?.kind === 'word') {
        const colon = tokens.findIndex((x, k) => k > f + head!.length && k <= f + head!.length + 5 && x.kind === 'punct' && x.text === ':');
        if (colon > 0 && tokens.slice(f + head.length, colon).every((x) => x.kind === 'word' && !NOUNS.has(x.text) && !isColor(x.text))) {
          head = tokens.slice(f, colon).map((x) => x.text);
          after = tokens[colon];
        }
      }
      if (head && after?.kind === 'punct' && (after.text === ':' || after.text === ',')) {
        i = f + head.length;
        // "Before anything else," and "To start," say when, not what should hold.
        goal = !['before', 'first', 'to'].includes(head[0]!);
        continue;
      }
      // "I want that the yellow block is going in …", "I'd like to see the red block sitting in …".
      if (head && ['that', 'see', 'if'].includes(head.at(-1)!) && after?.kind === 'word') {
        i = f + head.length - 1;
        goal = true;
        continue;
      }
      // "The goal is that the red block …", "what I want is the blue block in …".
      if (head && head.at(-1) === 'is' && after?.kind === 'word') {
        i = f + head.length - 1 + (after.text === 'that' || after.text === 'for' ? 1 : 0);
        goal = true;
        continue;
      }
      const possible = POSSIBLE_HEADS.find((h) => wordsAt(tokens, i, h));
      if (possible && tokens[i + possible.length]?.kind === 'word') {
        i += possible.length - 1;
        continue;
      }
    }
    if (
      goal &&
      isWord(t, 'is', 'are') &&
      isWord(tokens[i + 1], 'going') &&
      (NOUNS.has(tokens[i - 1]?.text ?? '') || isWord(tokens[i - 1], 'one'))
    ) {
      out.push({ ...t, text: 'should' }, { ...tokens[i + 1]!, text: 'go' });
      i++;
      continue;
    }
    if (
      goal &&
      isWord(t, 'is', 'are', 'was', 'were', 'sits', 'sit', 'sat', 'rests', 'lies', 'stands', 'sitting') &&
      (NOUNS.has(tokens[i - 1]?.text ?? '') || isWord(tokens[i - 1], 'one', 'ones')) &&
      isWord(
        tokens[i + 1],
        'in',
        'inside',
        'on',
        'into',
        'onto',
        'at',
        'next',
        'beside',
        'near',
        'left',
        'right',
        'above',
        'below',
        'stacked',
        'upright',
      )
    ) {
      out.push({ ...t, text: 'should' }, { ...t, text: 'be' });
      continue;
    }
    // "in the corners" (no number): in the four corners, one each.
    if (isWord(t, 'in', 'into', 'to') && isWord(tokens[i + 1], 'the') && isWord(tokens[i + 2], 'corners')) {
      out.push(t, tokens[i + 1]!, { ...tokens[i + 2]!, text: 'four' }, tokens[i + 2]!);
      i += 2;
      continue;
    }
    // "a block in every corner", "one ball in each corner": one per corner.
    if (
      isWord(t, 'a', 'one') &&
      NOUNS.has(tokens[i + 1]?.text ?? '') &&
      isWord(tokens[i + 2], 'in', 'into') &&
      isWord(tokens[i + 3], 'every', 'each') &&
      isWord(tokens[i + 4], 'corner')
    ) {
      out.push({ ...t, text: 'one' }, tokens[i + 1]!, { ...tokens[i + 2]!, text: 'per' }, tokens[i + 4]!);
      i += 4;
      continue;
    }
    // "Every corner gets a block": put one block per corner.
    if (
      starts &&
      isWord(t, 'every', 'each') &&
      isWord(tokens[i + 1], 'corner') &&
      isWord(tokens[i + 2], 'gets', 'has', 'needs', 'should') &&
      (isWord(tokens[i + 3], 'a', 'one') || (isWord(tokens[i + 3], 'get', 'have') && isWord(tokens[i + 4], 'a', 'one')))
    ) {
      const k = isWord(tokens[i + 3], 'a', 'one') ? i + 3 : i + 4;
      const noun = tokens[k + 1];
      if (noun?.kind === 'word' && NOUNS.has(noun.text)) {
        out.push({ ...t, text: 'put' }, { ...t, text: 'one' }, noun, { ...t, text: 'per' }, tokens[i + 1]!);
        i = k + 1;
        continue;
      }
    }
    const idle = IDLE_PHRASES.find((h) => wordsAt(tokens, i, h));
    if (idle && out.some((x) => x.kind === 'word' && NOUNS.has(x.text))) {
      i += idle.length - 1;
      continue;
    }
    out.push(t);
  }
  return out;
}

const COUNT_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const ARRANGEMENT_NOUNS: ReadonlySet<string> = new Set(['line', 'row', 'column', 'circle', 'ring', 'tower', 'stack', 'pile', 'grid']);
/** Arrangements and clusters that name the things making them up ("the ring of blocks", "the blocks in the circle"). */
const GROUP_NOUNS: ReadonlySet<string> = new Set([
  'row',
  'ring',
  'circle',
  'column',
  'line',
  'huddle',
  'cluster',
  'crowd',
  'group',
  'bunch',
]);

/**
 * Everyday forms for what the grammar reads in one way:
 * - "needs moving to", "wants putting in": "should go to";
 * - "towards me", "closer to the robot": toward the robot; "closer to X": next to X;
 * - "as far left as it can go / as possible": to the left edge;
 * - "the top middle of the table": the top side (in its middle);
 * - "in order of colour: red, …": in this order; "a 2 by 2 grid": a grid of two by two;
 * - "the blocks should form a line": put the blocks in a line;
 * - "everything but the ball", "all but X": except;
 * - "grab yellow, drop in the bowl": "drop it in".
 */
/** Shape adjectives, and the nouns they stand for with "one" / "ones". */
const SHAPE_ADJECTIVES: Readonly<Record<string, { one: string; many: string }>> = {
  round: { one: 'ball', many: 'balls' },
  spherical: { one: 'ball', many: 'balls' },
  square: { one: 'block', many: 'blocks' },
  cubic: { one: 'block', many: 'blocks' },
  boxy: { one: 'block', many: 'blocks' },
  cylindrical: { one: 'cylinder', many: 'cylinders' },
};

const NEAR_FAR: ReadonlySet<string> = new Set(['closest', 'nearest', 'furthest', 'farthest']);
/** Comparatives of distance, as the superlatives the grammar reads (the tokenizer reads "nearest" as closest). */
const COMPARED: Readonly<Record<string, string>> = { nearer: 'closest', closer: 'closest', further: 'farthest', farther: 'farthest' };

function looseForms(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const out: Token[] = [];
  const word = (t: Token, text: string): Token => ({ kind: 'word', text, start: t.start, end: t.end });
  // Words said for several: each spans them all, so what a reading quotes is what was written.
  const over = (from: number, to: number, ...texts: string[]): Token[] =>
    texts.map((text) => ({ kind: 'word', text, start: tokens[from]!.start, end: tokens[to]!.end }));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // "The green block please put it …": a thing, then "please" and what to do with it.
    if (
      w(i) === 'please' &&
      (NOUNS.has(w(i - 1) ?? '') || w(i - 1) === 'one') &&
      VERBS.has(w(i + 1) ?? '') &&
      (w(i + 2) === 'it' || w(i + 2) === 'them')
    ) {
      out.push({ kind: 'punct', text: ',', start: t.start, end: t.end });
      continue;
    }
    // "a row of blocks", "the ring of six blocks", "that huddle of blocks": the things that make
    // it up ("There's a ring of blocks round the bowl." names the blocks).
    if (
      ['a', 'the', 'that', 'this'].includes(w(i) ?? '') &&
      GROUP_NOUNS.has(w(i + 1) ?? '') &&
      w(i + 2) === 'of' &&
      (NOUNS.get(w(i + 3) ?? '')?.plural || (NUMBER_WORDS[w(i + 3) ?? ''] !== undefined && NOUNS.get(w(i + 4) ?? '')?.plural))
    ) {
      out.push(over(i, i + 2, 'the')[0]!);
      i += 2;
      continue;
    }
    // "the blocks in the circle", "2nd block from the left in that ring", "the one at the top of
    // the ring": the group the things make; left out, it names them all (a zone called "the circle"
    // would be lost this way: no bundled task has one).
    if (
      ['in', 'of', 'from', 'within', 'around', 'along'].includes(w(i) ?? '') &&
      ['the', 'that', 'this'].includes(w(i + 1) ?? '') &&
      GROUP_NOUNS.has(w(i + 2) ?? '') &&
      w(i + 3) !== 'of' &&
      (NOUNS.has(w(i - 1) ?? '') || ['one', 'ones', 'left', 'right', 'top', 'bottom', 'end', 'middle'].includes(w(i - 1) ?? '')) &&
      !(
        w(i) === 'of' &&
        ['top', 'bottom', 'left', 'right', 'end', 'middle'].includes(w(i - 1) ?? '') &&
        w(i - 2) === 'the' &&
        !['at', 'from'].includes(w(i - 3) ?? '')
      )
    ) {
      i += 2;
      continue;
    }
    // "Step one: …", "step 2 -": a heading that only numbers the steps.
    if (
      w(i) === 'step' &&
      (i === 0 || endsSentence(tokens[i - 1])) &&
      (NUMBER_WORDS[w(i + 1) ?? ''] !== undefined || tokens[i + 1]?.kind === 'number') &&
      tokens[i + 2]?.kind === 'punct'
    ) {
      i += 2;
      continue;
    }
    // "I'm gonna need it on the tray", "I'm going to want them in the bowl": I need, I want.
    if (
      w(i) === "i'm" &&
      ['need', 'want'].includes(w(i + (w(i + 1) === 'gonna' ? 2 : 3)) ?? '') &&
      (w(i + 1) === 'gonna' || (w(i + 1) === 'going' && w(i + 2) === 'to'))
    ) {
      out.push(over(i, i, 'i')[0]!);
      i += w(i + 1) === 'gonna' ? 1 : 2;
      continue;
    }
    // "onto one of the two trays", "in one of the bowls": a tray, a bowl (which one is chosen, noted).
    if (w(i) === 'one' && w(i + 1) === 'of' && w(i + 2) === 'the') {
      const n = NUMBER_WORDS[w(i + 3) ?? ''] !== undefined ? i + 4 : i + 3;
      const one = singularOf(w(n) ?? '');
      if (containerWord(w(n)) && one !== undefined && one !== w(n) && ['on', 'onto', 'in', 'into', 'inside'].includes(w(i - 1) ?? '')) {
        out.push(...over(i, n, 'a', one));
        i = n;
        continue;
      }
    }
    // "a dead straight line": straight.
    if (w(i) === 'dead' && ['straight', 'level', 'flat', 'even'].includes(w(i + 1) ?? '')) continue;
    // "a line running left-right", "a column running from the top down": the line's way, said.
    if ((w(i) === 'running' || w(i) === 'going') && ARRANGEMENT_NOUNS.has(w(i - 1) ?? '')) {
      if (w(i + 1) === 'left' && w(i + 2) === 'right') {
        out.push(...over(i, i + 2, 'left', 'to', 'right'));
        i += 2;
      }
      continue;
    }
    // "the four blocks lined up (straight)": in a (straight) line.
    if (w(i) === 'lined' && w(i + 1) === 'up' && (NOUNS.get(w(i - 1) ?? '')?.plural || w(i - 1) === 'them')) {
      const straight = w(i + 2) === 'straight';
      out.push(...(straight ? over(i, i + 2, 'in', 'a', 'straight', 'line') : over(i, i + 1, 'in', 'a', 'line')));
      i += straight ? 2 : 1;
      continue;
    }
    // "the block perched on the can": sitting on it.
    if (w(i) === 'perched' && ['on', 'atop'].includes(w(i + 1) ?? '')) {
      out.push(word(t, 'sitting'));
      continue;
    }
    // "Pick out red, green and blue": picking, with "out" saying only which.
    if (w(i) === 'out' && w(i - 1) === 'pick' && !['of', 'from'].includes(w(i + 1) ?? '')) continue;
    // "the ball and the can stay exactly where they are": where they are.
    if (w(i) === 'exactly' && w(i + 1) === 'where') continue;
    // "the block is sitting closest to the bowl": is closest to it.
    if (
      ['sitting', 'lying', 'standing', 'sit', 'lie', 'stand'].includes(w(i) ?? '') &&
      ['is', 'are', "'s"].includes(w(i - 1) ?? '') &&
      NEAR_FAR.has(w(i + 1) ?? '')
    )
      continue;
    // "the red block wants to sit by the bowl", "it wants to be in the corner": needs to.
    if (
      (w(i) === 'wants' || w(i) === 'want') &&
      w(i + 1) === 'to' &&
      ['be', 'sit', 'go', 'end', 'stand', 'rest'].includes(w(i + 2) ?? '') &&
      (NOUNS.has(w(i - 1) ?? '') || ['one', 'ones', 'it', 'they'].includes(w(i - 1) ?? ''))
    ) {
      out.push(word(t, w(i) === 'wants' ? 'needs' : 'need'));
      continue;
    }
    // "the blue block must reach the yellow bowl": must go to it.
    if (w(i) === 'reach' && ['must', 'should', 'to', 'will'].includes(w(i - 1) ?? '') && ['the', 'that'].includes(w(i + 1) ?? '')) {
      out.push(...over(i, i, 'go', 'to'));
      continue;
    }
    // "whichever block is the furthest away from the tray": is furthest from it.
    if (
      (w(i) === 'the' && ['is', 'are', "'s"].includes(w(i - 1) ?? '') && NEAR_FAR.has(w(i + 1) ?? '') && w(i + 2) !== 'one') ||
      (w(i) === 'away' && ['furthest', 'farthest', 'further', 'farther'].includes(w(i - 1) ?? '') && w(i + 1) === 'from')
    )
      continue;
    // "whichever bowl is nearer to it", "the one that's further from X" (no "than"): of two, the nearest, the furthest.
    if (
      COMPARED[w(i) ?? ''] !== undefined &&
      ['is', 'are', "'s"].includes(w(i - 1) ?? '') &&
      ['to', 'from'].includes(w(i + 1) ?? '') &&
      !sentenceFrom(tokens, i).some((t) => t.text === 'than')
    ) {
      out.push(word(t, COMPARED[w(i)!]!));
      continue;
    }
    // "the block lowest down in the picture", "whichever is highest up": the lowest, the highest.
    if ((w(i) === 'down' && w(i - 1) === 'lowest') || (w(i) === 'up' && w(i - 1) === 'highest')) continue;
    // "the top edge", "the left-hand edge of the table", "along the bottom edge": that side.
    if (
      (w(i) === 'edge' || w(i) === 'edges') &&
      (['top', 'bottom', 'left', 'right', 'front', 'back', 'near', 'far'].includes(w(i - 1) ?? '') ||
        (w(i - 1) === 'hand' && ['left', 'right'].includes(w(i - 2) ?? '')))
    ) {
      out.push(word(t, w(i) === 'edge' ? 'side' : 'sides'));
      continue;
    }
    // "the green one right at the top of the stack", "right on top of it": "right" only stresses.
    if (
      w(i) === 'right' &&
      ['at', 'on', 'in', 'inside'].includes(w(i + 1) ?? '') &&
      (NOUNS.has(w(i - 1) ?? '') || ['one', 'it', 'them', 'ones'].includes(w(i - 1) ?? ''))
    )
      continue;
    // "Right-o.", "Right-oh": all right.
    if (w(i) === 'right' && ['o', 'oh', 'ho'].includes(w(i + 1) ?? '') && (i + 2 >= tokens.length || tokens[i + 2]!.kind === 'punct')) {
      out.push(over(i, i + 1, 'righto')[0]!);
      i++;
      continue;
    }
    // "Once that's done, then …", "When that's done, …", "once it's done,": then.
    if (
      ['once', 'when', 'after'].includes(w(i) ?? '') &&
      (i === 0 || tokens[i - 1]!.kind === 'punct') &&
      ((["that's", "it's"].includes(w(i + 1) ?? '') && ['done', 'finished'].includes(w(i + 2) ?? '')) ||
        (['that', 'it'].includes(w(i + 1) ?? '') &&
          ['is', 'has'].includes(w(i + 2) ?? '') &&
          ['done', 'finished', 'been'].includes(w(i + 3) ?? '')))
    ) {
      let k = i + (["that's", "it's"].includes(w(i + 1) ?? '') ? 3 : 4);
      if (w(k - 1) === 'been' && w(k) === 'done') k++;
      if (tokens[k]?.text === ',') k++;
      if (w(k) !== 'then') out.push(over(i, k - 1, 'then')[0]!);
      i = k - 1;
      continue;
    }
    // "… might look nice in the pink bowl", "would look good on the tray": where it is to be.
    if (
      ['might', 'would', 'could', 'will'].includes(w(i) ?? '') &&
      w(i + 1) === 'look' &&
      ['nice', 'good', 'great', 'better', 'lovely', 'best', 'nicer'].includes(w(i + 2) ?? '') &&
      (NOUNS.has(w(i - 1) ?? '') || w(i - 1) === 'one' || w(i - 1) === 'it')
    ) {
      out.push(over(i, i + 2, 'should')[0]!, over(i, i + 2, 'be')[0]!);
      i += 2;
      continue;
    }
    // "X is to be removed from the tray and placed in …": where it is now, then where it goes.
    if (['removed', 'taken', 'lifted'].includes(w(i) ?? '') && ['from', 'off', 'out'].includes(w(i + 1) ?? '')) {
      let k = i + 2;
      while (k < tokens.length && k < i + 10 && tokens[k]!.kind === 'word' && w(k) !== 'and') k++;
      if (w(k) === 'and' && ['placed', 'put', 'moved', 'set', 'dropped', 'positioned'].includes(w(k + 1) ?? '')) {
        i = k;
        continue;
      }
    }
    // "… and then the other two in there with it": "with it" says no more than "in there".
    if (['in', 'on'].includes(w(i - 2) ?? '') && w(i - 1) === 'there' && w(i) === 'with' && ['it', 'them'].includes(w(i + 1) ?? '')) {
      i++;
      continue;
    }
    // "the block that's the farthest from X", "which is the closest to it": the superlative alone.
    if (
      w(i) === 'the' &&
      (["that's", "which's", "who's"].includes(w(i - 1) ?? '') || (w(i - 1) === 'is' && ['that', 'which'].includes(w(i - 2) ?? ''))) &&
      ((['closest', 'farthest', 'leftmost', 'rightmost', 'topmost', 'bottommost', 'highest', 'lowest'].includes(w(i + 1) ?? '') &&
        ['to', 'from'].includes(w(i + 2) ?? '')) ||
        (['most', 'least'].includes(w(i + 1) ?? '') && ['distant', 'far', 'remote'].includes(w(i + 2) ?? '')))
    )
      continue;
    // "the most distant from X", "the least distant": farthest, closest.
    if (['most', 'least'].includes(w(i) ?? '') && ['distant', 'far', 'remote'].includes(w(i + 1) ?? '')) {
      out.push(over(i, i + 1, w(i) === 'most' ? 'farthest' : 'closest')[0]!);
      i++;
      continue;
    }
    // "the one with the longest way to the bowl", "the longest way from it": farthest; "shortest way": closest.
    if (
      ['longest', 'shortest'].includes(w(i) ?? '') &&
      ['way', 'distance', 'trip'].includes(w(i + 1) ?? '') &&
      ['to', 'from'].includes(w(i + 2) ?? '')
    ) {
      let k = out.length;
      // "the one with the longest way to", "that's the longest way from": the words before go too.
      if (out[k - 1]?.text === 'the') k--;
      if (out[k - 1]?.text === 'with' || out[k - 1]?.text === 'is' || out[k - 1]?.text === "that's") k--;
      out.length = k;
      out.push(over(i, i + 2, w(i) === 'longest' ? 'farthest' : 'closest')[0]!, over(i, i + 2, w(i) === 'longest' ? 'from' : 'to')[0]!);
      i += 2;
      continue;
    }
    // "one ball to a bowl", "one block to each corner": one per.
    if (
      w(i) === 'one' &&
      NOUNS.has(w(i + 1) ?? '') &&
      w(i + 2) === 'to' &&
      ['a', 'each', 'every'].includes(w(i + 3) ?? '') &&
      NOUNS.has(w(i + 4) ?? '')
    ) {
      out.push(t, tokens[i + 1]!, over(i + 2, i + 3, 'per')[0]!, tokens[i + 4]!);
      i += 4;
      continue;
    }
    // "the gray blocks, one in every corner (of the table)": one per corner.
    if (w(i) === 'one' && ['in', 'into'].includes(w(i + 1) ?? '') && ['every', 'each'].includes(w(i + 2) ?? '') && w(i + 3) === 'corner') {
      out.push(t, over(i + 1, i + 2, 'per')[0]!, tokens[i + 3]!);
      i += 3;
      if (w(i + 1) === 'of' && w(i + 2) === 'the' && ['table', 'tabletop'].includes(w(i + 3) ?? '')) i += 3;
      continue;
    }
    // "…, one to a corner", "one to each bowl" (no thing said after "one"): one per.
    if (
      w(i) === 'one' &&
      w(i + 1) === 'to' &&
      ['a', 'each', 'every'].includes(w(i + 2) ?? '') &&
      (w(i + 3) === 'corner' || (NOUNS.has(w(i + 3) ?? '') && !NOUNS.get(w(i + 3)!)!.plural))
    ) {
      out.push(t, over(i + 1, i + 2, 'per')[0]!, tokens[i + 3]!);
      i += 3;
      continue;
    }
    // A shape said as an adjective: "the round one(s) / thing(s)", "everything round", "the square
    // ones", "the cube-shaped thing": balls, blocks ("round" is a ball; a cylinder is "the can").
    const shapeWord = SHAPE_ADJECTIVES[w(i) ?? ''];
    if (shapeWord) {
      const head = w(i + 1) ?? '';
      if (['one', 'thing', 'object', 'item', 'piece', 'stuff'].includes(head)) {
        out.push(over(i, i + 1, shapeWord.one)[0]!);
        i++;
        continue;
      }
      if (['ones', 'things', 'objects', 'items', 'pieces'].includes(head)) {
        out.push(over(i, i + 1, shapeWord.many)[0]!);
        i++;
        continue;
      }
      // "everything round", "anything square": every one of that shape.
      if (['everything', 'anything'].includes(w(i - 1) ?? '') && out.at(-1)?.text === w(i - 1)) {
        const was = out.pop()!;
        out.push({ ...was, text: w(i - 1) === 'everything' ? 'all' : 'any', end: t.end }, { ...was, text: 'the', end: t.end });
        out.push(over(i, i, shapeWord.many)[0]!);
        continue;
      }
    }
    // "the cube-shaped thing", "the ball-shaped ones": the thing of that shape.
    if (
      w(i) === 'shaped' &&
      NOUNS.has(w(i - 1) ?? '') &&
      ['one', 'thing', 'object', 'ones', 'things', 'objects'].includes(w(i + 1) ?? '')
    ) {
      const plural = (w(i + 1) ?? '').endsWith('s');
      const noun = out.at(-1)!;
      if (plural) out[out.length - 1] = { ...noun, text: `${noun.text}s` };
      i++;
      continue;
    }
    // "on top from the red block" (said by someone whose language puts it so): on top of.
    if (w(i) === 'from' && w(i - 1) === 'top' && w(i - 2) === 'on') {
      out.push(word(t, 'of'));
      continue;
    }
    // "I was thinking", "you know", "I think", "I guess", "like," between commas: said while thinking.
    if (
      (w(i) === 'i' &&
        ['was', 'think', 'guess', 'reckon', 'suppose'].includes(w(i + 1) ?? '') &&
        (w(i + 1) !== 'was' || w(i + 2) === 'thinking')) ||
      (w(i) === 'you' && w(i + 1) === 'know' && (tokens[i + 2]?.kind === 'punct' || tokens[i - 1]?.kind === 'punct'))
    ) {
      const n = w(i + 1) === 'was' ? 3 : 2;
      i += n - 1;
      if (tokens[i + 1]?.text === ',') i++;
      continue;
    }
    if (w(i) === 'like' && tokens[i + 1]?.kind === 'punct' && tokens[i + 1]!.text === ',' && (tokens[i - 1]?.kind === 'punct' || i === 0)) {
      i++;
      continue;
    }
    // "the red block wants to sit on …", "the ball would like to go in …": where it is to be.
    if (
      ['wants', 'want'].includes(w(i) ?? '') &&
      w(i + 1) === 'to' &&
      ['sit', 'go', 'be', 'rest', 'live', 'stay'].includes(w(i + 2) ?? '') &&
      (NOUNS.has(w(i - 1) ?? '') || w(i - 1) === 'one')
    ) {
      out.push(word(t, 'should'));
      i++;
      continue;
    }
    // "the block in front", said of a thing, not "in front of X": the frontmost, as "at the back" is.
    if (w(i) === 'in' && w(i + 1) === 'front' && w(i + 2) !== 'of' && (NOUNS.has(w(i - 1) ?? '') || w(i - 1) === 'one')) {
      out.push(word(t, 'at'), word(t, 'the'), tokens[i + 1]!);
      i++;
      continue;
    }
    // "tidy the blocks away into the bowl", "put the ball away in the tray": where away to.
    if (w(i) === 'away' && ['into', 'in', 'onto', 'on', 'inside'].includes(w(i + 1) ?? '')) continue;
    // "the tray should have all the blocks on it": put them on it.
    if ((i === 0 || tokens[i - 1]!.kind === 'punct') && OBJECT_START_WORDS.has(w(i) ?? '')) {
      let k = i + 1;
      while (isColor(w(k) ?? '')) k++;
      let m = k + 1;
      if (['should', 'must', 'needs', 'need'].includes(w(m) ?? '')) {
        m++;
        if (w(m) === 'to') m++;
      }
      if (containerWord(w(k)) && m > k + 1 && ['have', 'hold', 'contain', 'get'].includes(w(m) ?? '')) {
        let e = m + 1;
        while (e < tokens.length && tokens[e]!.kind === 'word' && !['in', 'on', 'inside', 'into'].includes(w(e)!)) e++;
        const tail = ['in', 'on', 'inside', 'into'].includes(w(e) ?? '') && ['it', 'them'].includes(w(e + 1) ?? '') ? e + 2 : e;
        if (e > m + 1) {
          out.push(word(tokens[m]!, 'put'), ...tokens.slice(m + 1, e), word(tokens[m]!, 'in'), ...tokens.slice(i, k + 1));
          i = tail - 1;
          continue;
        }
      }
    }
    // "it should really be in the green bowl": stress, not a degree ("really close" keeps it).
    if (
      w(i) === 'really' &&
      ['should', 'must', 'needs', 'would', 'could', 'can', 'ought'].includes(w(i - 1) ?? '') &&
      ['be', 'go', 'sit', 'end', 'to'].includes(w(i + 1) ?? '')
    )
      continue;
    // "Right, so, …", "OK, …" at the start of a sentence: said before what is asked.
    if (
      (i === 0 || (tokens[i - 1]!.kind === 'punct' && tokens[i - 1]!.text !== ',')) &&
      ['right', 'ok', 'okay', 'alright', 'so', 'well'].includes(w(i) ?? '') &&
      tokens[i + 1]?.text === ','
    ) {
      i++;
      continue;
    }
    // "grab the green block n put it …": "and" as typed in a hurry.
    if (w(i) === 'n' && tokens[i - 1]?.kind === 'word' && tokens[i + 1]?.kind === 'word') {
      out.push(word(t, 'and'));
      continue;
    }
    // "…, quick as you can", "as fast as you can", "as soon as possible": hurry, not a place.
    {
      let k = i;
      if (w(k) === 'as') k++;
      if (['quick', 'fast', 'soon', 'quickly'].includes(w(k) ?? '') && w(k + 1) === 'as' && ['you', 'possible'].includes(w(k + 2) ?? '')) {
        k += w(k + 2) === 'you' ? (['can', 'could'].includes(w(k + 3) ?? '') ? 4 : 3) : 3;
        if (out.at(-1)?.text === ',') out.pop();
        i = k - 1;
        continue;
      }
    }
    // "leave the tower (exactly) as it is": where it is.
    if (
      w(i) === 'as' &&
      ['it', 'they'].includes(w(i + 1) ?? '') &&
      ['is', 'are'].includes(w(i + 2) ?? '') &&
      (tokens[i + 3] === undefined || tokens[i + 3]!.kind === 'punct')
    ) {
      if (['exactly', 'just'].includes(out.at(-1)?.text ?? '')) out.pop();
      out.push(word(t, 'where'), tokens[i + 1]!, tokens[i + 2]!);
      i += 2;
      continue;
    }
    // "the free ball": not in a stack; said to tell it from the stacked ones, which the place says anyway ("the loose
    // ball" is read: the grammar's `loose`).
    if (
      ['free', 'spare', 'lone'].includes(w(i) ?? '') &&
      ['the', 'a', 'that'].includes(w(i - 1) ?? '') &&
      (NOUNS.has(w(i + 1) ?? '') || isColor(w(i + 1) ?? ''))
    )
      continue;
    // "swap the two blocks round", "swap them around": where they go is each other's place.
    if (
      ['round', 'around', 'over'].includes(w(i) ?? '') &&
      (tokens[i + 1] === undefined || ['.', '!', '?'].includes(tokens[i + 1]!.text)) &&
      out.some((x) => ['swap', 'switch', 'exchange'].includes(x.text))
    )
      continue;
    // "the red block - could it be sat in the yellow bowl?", "…, can it go in the tray": put it there.
    if (
      ['can', 'could', 'would', 'will'].includes(w(i) ?? '') &&
      ['it', 'they'].includes(w(i + 1) ?? '') &&
      tokens[i - 1]?.kind === 'punct' &&
      (['go', 'sit', 'fit'].includes(w(i + 2) ?? '') ||
        (w(i + 2) === 'be' && ['sat', 'put', 'placed', 'set', 'moved'].includes(w(i + 3) ?? '')))
    ) {
      out.push(word(t, 'put'), tokens[i + 1]!);
      i += w(i + 2) === 'be' ? 3 : 2;
      continue;
    }
    // "pop the yellow one off the top": take it off.
    if (w(i) === 'pop' && tokens.slice(i + 1, i + 6).some((x) => x.text === 'off')) {
      out.push(word(t, 'take'));
      continue;
    }
    // "any block that's not green, into the bowl": with a relative clause, "any" is every one that fits.
    if (
      w(i) === 'any' &&
      NOUNS.has(w(i + 1) ?? '') &&
      !NOUNS.get(w(i + 1)!)!.plural &&
      ['that', 'which', 'whose', 'with'].includes(w(i + 2) ?? '')
    ) {
      out.push(word(t, 'every'));
      continue;
    }
    // "the block in the middle of the row / of the five": the middle block.
    if (
      w(i) === 'the' &&
      NOUNS.has(w(i + 1) ?? '') &&
      w(i + 2) === 'in' &&
      w(i + 3) === 'the' &&
      w(i + 4) === 'middle' &&
      w(i + 5) === 'of' &&
      (['row', 'line', 'column', 'five', 'three', 'seven', '5', '3', '7'].includes(tokens[i + 7]?.text ?? '') ||
        ['row', 'line', 'column'].includes(w(i + 6) ?? ''))
    ) {
      const k = ['row', 'line', 'column'].includes(w(i + 6) ?? '') ? i + 6 : i + 7;
      out.push(t, word(tokens[i + 4]!, 'middle'), tokens[i + 1]!);
      i = k;
      continue;
    }
    // "the third block down from the top of that column (on the left)": the third from the top.
    if (
      ['down', 'up', 'in', 'along'].includes(w(i) ?? '') &&
      w(i + 1) === 'from' &&
      (ORDINALS[w(i - 2) ?? ''] !== undefined || ORDINALS[w(i - 1) ?? ''] !== undefined)
    )
      continue;
    if (
      w(i) === 'of' &&
      ['that', 'the', 'this'].includes(w(i + 1) ?? '') &&
      ['column', 'row', 'line', 'diagonal', 'slant'].includes(w(i + 2) ?? '') &&
      ['top', 'bottom', 'left', 'right', 'end'].includes(w(i - 1) ?? '')
    ) {
      let k = i + 3;
      if (['on', 'at'].includes(w(k) ?? '') && w(k + 1) === 'the' && ['left', 'right', 'top', 'bottom'].includes(w(k + 2) ?? '')) k += 3;
      i = k - 1;
      continue;
    }
    // "count four in from the left, and put that block …": the fourth from the left.
    if (
      w(i) === 'count' &&
      NUMBER_WORDS[w(i + 1) ?? ''] !== undefined &&
      ['in', 'along', 'over', 'across'].includes(w(i + 2) ?? '') &&
      w(i + 3) === 'from'
    ) {
      const n = NUMBER_WORDS[w(i + 1)!]!;
      const ord = Object.entries(ORDINALS).find(([, v]) => v === n)?.[0];
      if (ord) {
        out.push(word(t, 'take'), word(t, 'the'), word(t, ord), word(t, 'one'));
        i += 2;
        continue;
      }
    }
    // "Two blocks, any two, in the bowl": the aside says only that any will do.
    if (
      t.kind === 'punct' &&
      t.text === ',' &&
      w(i + 1) === 'any' &&
      NUMBER_WORDS[w(i + 2) ?? ''] !== undefined &&
      tokens[i + 3]?.text === ','
    ) {
      i += 2;
      continue;
    }
    // "all five of those blocks": all five blocks.
    if (
      ['of'].includes(w(i) ?? '') &&
      ['those', 'these'].includes(w(i + 1) ?? '') &&
      NUMBER_WORDS[w(i - 1) ?? ''] !== undefined &&
      NOUNS.get(w(i + 2) ?? '')?.plural
    ) {
      i++;
      continue;
    }
    // "Three blocks, one diagonal line.": in one.
    if (
      t.kind === 'punct' &&
      t.text === ',' &&
      ['one', 'a'].includes(w(i + 1) ?? '') &&
      NOUNS.get(w(i - 1) ?? '')?.plural &&
      (ARRANGEMENT_NOUNS.has(w(i + 2) ?? '') ||
        (['diagonal', 'straight', 'horizontal', 'vertical'].includes(w(i + 2) ?? '') && ARRANGEMENT_NOUNS.has(w(i + 3) ?? '')))
    ) {
      out.push(word(t, 'in'));
      continue;
    }
    // "the block that lives on the right of X", "wants to visit the purple bowl": is there, should go to.
    if (w(i) === 'lives' && ['that', 'which', 'who'].includes(w(i - 1) ?? '')) {
      out.push(word(t, 'is'));
      continue;
    }
    if (
      ['wants', 'needs'].includes(w(i) ?? '') &&
      w(i + 1) === 'to' &&
      ['visit', 'reach', 'join'].includes(w(i + 2) ?? '') &&
      (NOUNS.has(w(i - 1) ?? '') || w(i - 1) === 'one')
    ) {
      out.push(word(t, 'should'), word(t, 'go'), word(t, 'to'));
      i += 2;
      continue;
    }
    // "whatever isn't a ball", "anything that isn't red": every thing that is not.
    if (['whatever', 'anything'].includes(w(i) ?? '') && (w(i + 1) === "isn't" || (w(i + 1) === 'that' && w(i + 2) === "isn't"))) {
      out.push(word(t, 'everything'), word(t, 'that'));
      if (w(i + 1) === 'that') i++;
      continue;
    }
    // "take it there", "bring them there": put them there.
    if (['take', 'bring', 'carry'].includes(w(i) ?? '') && ['it', 'them'].includes(w(i + 1) ?? '') && w(i + 2) === 'there') {
      out.push(word(t, 'put'));
      continue;
    }
    // "a tidy slanting line", "a neat row": the arrangement, said as it should look.
    if (['slanting', 'sloping', 'slanted', 'slanty'].includes(w(i) ?? '') && ARRANGEMENT_NOUNS.has(w(i + 1) ?? '')) {
      out.push(word(t, 'diagonal'));
      continue;
    }
    // ("a nice big ring", "a tight little circle": how it looks, left out too.)
    if (LOOKS.has(w(i) ?? '') && ['a', 'one', 'the'].includes(w(i - 1) ?? '')) {
      let k = i;
      while (LOOKS.has(w(k) ?? '')) k++;
      if (
        ARRANGEMENT_NOUNS.has(w(k) ?? '') ||
        ['straight', 'diagonal', 'horizontal', 'vertical', 'slanting', 'sloping'].includes(w(k) ?? '')
      ) {
        i = k - 1;
        continue;
      }
    }
    // "the tiniest on the left, growing to the biggest on the right": the biggest on the right.
    if (['growing', 'going', 'getting', 'working', 'building', 'rising'].includes(w(i) ?? '')) {
      let k = i + 1;
      if (w(k) === 'up') k++;
      if (
        w(k) === 'to' &&
        w(k + 1) === 'the' &&
        (EXTREMES[w(k + 2) ?? ''] !== undefined ||
          ['biggest', 'largest', 'tallest', 'smallest', 'tiniest', 'shortest'].includes(w(k + 2) ?? ''))
      ) {
        i = k;
        continue;
      }
    }
    // "the right-hand end", "left hand side": the right end.
    if (w(i) === 'hand' && ['left', 'right'].includes(w(i - 1) ?? '') && ['end', 'side', 'edge', 'corner'].includes(w(i + 1) ?? ''))
      continue;
    // "a good 20 cm or so", "pretty much right up against it": how sure, not where.
    if (w(i) === 'good' && w(i - 1) === 'a' && (tokens[i + 1]?.kind === 'distance' || tokens[i + 1]?.kind === 'number')) continue;
    if (w(i) === 'or' && w(i + 1) === 'so' && (tokens[i + 2] === undefined || tokens[i + 2]!.kind === 'punct')) {
      i++;
      continue;
    }
    if (w(i) === 'pretty' && w(i + 1) === 'much') {
      i++;
      continue;
    }
    // "…, one above another", "one on top of the other" after a column or a stack: said by the arrangement.
    if (t.kind === 'punct' && t.text === ',' && w(i + 1) === 'one' && out.some((x) => ARRANGEMENT_NOUNS.has(x.text))) {
      let k = i + 2;
      if (w(k) === 'on' && w(k + 1) === 'top' && w(k + 2) === 'of') k += 3;
      else if (['above', 'below', 'under', 'over', 'after', 'beside', 'behind'].includes(w(k) ?? '')) k++;
      else k = -1;
      if (k > 0 && (w(k) === 'another' || (w(k) === 'the' && w(k + 1) === 'other'))) {
        i = k + (w(k) === 'another' ? 0 : 1);
        continue;
      }
    }
    // "like the numbers on a clock", "like a clock face": how it looks, said by the circle.
    if (w(i) === 'like' && (w(i + 1) === 'a' || w(i + 1) === 'the')) {
      let k = i + 1;
      while (k < tokens.length && tokens[k]!.kind === 'word' && k < i + 8 && w(k) !== 'clock') k++;
      if (w(k) === 'clock') {
        if (w(k + 1) === 'face') k++;
        if (out.at(-1)?.text === ',') out.pop();
        i = k;
        continue;
      }
    }
    // "sort by size, biggest on the left": sort what there is, the blocks.
    if (['sort', 'order', 'arrange', 'rank'].includes(w(i) ?? '') && w(i + 1) === 'by' && (i === 0 || tokens[i - 1]!.kind === 'punct')) {
      out.push(t, word(t, 'the'), word(t, 'blocks'));
      continue;
    }
    // "… on the left side of the table instead.": instead of where it is, which is any move.
    if (w(i) === 'instead' && (tokens[i + 1] === undefined || tokens[i + 1]!.kind === 'punct') && i > 0) continue;
    // "the table itself": the table.
    if (w(i) === 'itself' && w(i - 1) === 'table') continue;
    // "I want all the blocks sitting on the table": where they are to be.
    if (
      (i === 0 || tokens[i - 1]!.kind === 'punct') &&
      ['i', 'we'].includes(w(i) ?? '') &&
      ['want', 'need'].includes(w(i + 1) ?? '') &&
      ['all', 'every', 'the', 'both', 'each'].includes(w(i + 2) ?? '')
    ) {
      let k = i + 2;
      while (k < tokens.length && tokens[k]!.kind === 'word' && !['sitting', 'standing', 'resting', 'lying'].includes(w(k)!)) k++;
      if (['sitting', 'standing', 'resting', 'lying'].includes(w(k) ?? '') && (NOUNS.has(w(k - 1) ?? '') || w(k - 1) === 'ones')) {
        out.push(...tokens.slice(i + 2, k), word(tokens[k]!, 'should'), word(tokens[k]!, 'be'));
        i = k;
        continue;
      }
    }
    // "only the blocks go in the bowl": what goes is named; nothing else moves anyway.
    if (
      w(i) === 'only' &&
      (i === 0 || tokens[i - 1]!.kind === 'punct') &&
      (OBJECT_START_WORDS.has(w(i + 1) ?? '') || isColor(w(i + 1) ?? ''))
    )
      continue;
    // "a row across the middle of the table": in the middle of it.
    if (
      ['across', 'through', 'along', 'down'].includes(w(i) ?? '') &&
      w(i + 1) === 'the' &&
      ['middle', 'centre', 'center'].includes(w(i + 2) ?? '')
    ) {
      out.push(word(t, 'in'));
      continue;
    }
    // "…, largest first", "…, smallest one first", "…, one at a time", "…, one by one": the order of doing, not where.
    const one = w(i + 2) === 'one' ? 1 : 0;
    if (
      tokens[i]?.kind === 'punct' &&
      t.text === ',' &&
      ((['largest', 'biggest', 'smallest', 'tallest', 'shortest', 'heaviest', 'nearest', 'closest', 'farthest', 'furthest'].includes(
        w(i + 1) ?? '',
      ) &&
        ['first', 'last'].includes(w(i + 2 + one) ?? '')) ||
        (w(i + 1) === 'one' && ['by', 'at'].includes(w(i + 2) ?? '')))
    ) {
      const k = w(i + 1) === 'one' ? (w(i + 2) === 'by' ? i + 4 : i + 5) : i + 3 + one;
      const end = tokens[k];
      // (After a row or a line, "…, smallest first" says where each stands: the first is where the row starts.)
      let s0 = i;
      while (s0 > 0 && !endsSentence(tokens[s0 - 1])) s0--;
      const arranged =
        w(i + 1) !== 'one' &&
        tokens.slice(s0, i).some(
          (x, m, all) =>
            ['row', 'line', 'column', 'lineup', 'order', 'arrange'].includes(x.text) ||
            (x.text === 'up' && tokens.some((y) => y.text === 'line')) ||
            // ("sort the blocks by size left to right, biggest first": where each stands too.)
            (x.text === 'size' && all[m - 1]?.text === 'by'),
        );
      // ("…, smallest one first" where each stands: as "smallest first".)
      if (arranged && one === 1 && (end === undefined || end.kind === 'punct')) {
        out.push(t, tokens[i + 1]!);
        i += 2;
        continue;
      }
      if (!arranged && (end === undefined || end.kind === 'punct')) {
        i = k - 1;
        continue;
      }
    }
    // "put 2 blocks in the bowl": as "two blocks".
    if (
      t.kind === 'number' &&
      Number.isInteger(t.value) &&
      (t.value ?? 0) >= 1 &&
      (t.value ?? 0) <= 10 &&
      NOUNS.get(w(i + 1) ?? '')?.plural
    ) {
      out.push(word(t, COUNT_WORDS[t.value! - 1]!));
      continue;
    }
    if (
      ['needs', 'need', 'wants', 'want'].includes(w(i) ?? '') &&
      [
        'moving',
        'putting',
        'placing',
        'shifting',
        'taking',
        'bringing',
        'sliding',
        'move',
        'put',
        'place',
        'shift',
        'take',
        'bring',
        'slide',
      ].includes(w(i + 1) ?? '') &&
      (NOUNS.has(w(i - 1) ?? '') || w(i - 1) === 'one')
    ) {
      out.push(...over(i, i + 1, 'should', 'go'));
      i++;
      continue;
    }
    if (['towards', 'toward'].includes(w(i) ?? '') && ['me', 'us', 'you', 'yourself'].includes(w(i + 1) ?? '')) {
      out.push(...over(i, i + 1, 'toward', 'the', 'robot'));
      i++;
      continue;
    }
    if (
      ['closer', 'nearer'].includes(w(i) ?? '') &&
      w(i + 1) === 'to' &&
      (['me', 'us', 'you'].includes(w(i + 2) ?? '') || (w(i + 2) === 'the' && w(i + 3) === 'robot'))
    ) {
      out.push(...over(i, i + (w(i + 2) === 'the' ? 3 : 2), 'toward', 'the', 'robot'));
      i += w(i + 2) === 'the' ? 3 : 2;
      continue;
    }
    // "as far left as it can go", "as far to the right as possible".
    if (w(i) === 'as' && w(i + 1) === 'far') {
      let k = i + 2;
      if (w(k) === 'to' && w(k + 1) === 'the') k += 2;
      const side = w(k);
      if (side && ['left', 'right', 'back', 'forward', 'up', 'down'].includes(side) && w(k + 1) === 'as') {
        let e = k + 2;
        if (w(e) === 'possible') e++;
        else if (['it', 'they'].includes(w(e) ?? '') && ['can', 'will'].includes(w(e + 1) ?? '') && w(e + 2) === 'go') e += 3;
        else e = -1;
        if (e > 0) {
          const edge = side === 'back' || side === 'up' ? 'top' : side === 'forward' || side === 'down' ? 'bottom' : side;
          out.push(...over(i, e - 1, 'to', 'the', edge, 'edge'));
          i = e - 1;
          continue;
        }
      }
    }
    // "the top middle of the table", "the bottom centre": that side.
    if (['top', 'bottom'].includes(w(i) ?? '') && ['middle', 'centre', 'center'].includes(w(i + 1) ?? '') && w(i - 1) === 'the') {
      out.push(t, word(tokens[i + 1]!, 'side'));
      i++;
      continue;
    }
    if (
      w(i) === 'in' &&
      w(i + 1) === 'order' &&
      w(i + 2) === 'of' &&
      ['colour', 'color', 'colours', 'colors'].includes(w(i + 3) ?? '') &&
      tokens[i + 4]?.text === ':'
    ) {
      out.push(t, word(tokens[i + 1]!, 'this'), tokens[i + 1]!);
      i += 3;
      continue;
    }
    // "a 2 by 2 grid", "a three-by-two grid": a grid of 2 by 2.
    if (['a', 'the'].includes(w(i) ?? '') && w(i + 2) === 'by' && w(i + 4) === 'grid') {
      out.push(t, tokens[i + 4]!, word(t, 'of'), tokens[i + 1]!, tokens[i + 2]!, tokens[i + 3]!);
      i += 4;
      continue;
    }
    // "the blocks should form a line", "the balls must make a circle": put them in it.
    if ((i === 0 || tokens[i - 1]!.kind === 'punct') && OBJECT_START_WORDS.has(w(i) ?? '')) {
      let k = i + 1;
      while (k < tokens.length && tokens[k]!.kind === 'word' && !['should', 'must', 'need', 'needs', 'form', 'make'].includes(w(k)!)) k++;
      const verbAt = ['should', 'must', 'need', 'needs'].includes(w(k) ?? '') ? k + (w(k + 1) === 'to' ? 2 : 1) : k;
      if (k > i + 1 && ['form', 'make'].includes(w(verbAt) ?? '') && ['a', 'an', 'one'].includes(w(verbAt + 1) ?? '')) {
        let n = verbAt + 2;
        while (['straight', 'horizontal', 'vertical', 'diagonal', 'neat', 'big', 'small', 'single', 'tidy'].includes(w(n) ?? '')) n++;
        if (ARRANGEMENT_NOUNS.has(w(n) ?? '') && NOUNS.get(w(k - 1) ?? '')?.plural) {
          out.push(word(t, 'put'), ...tokens.slice(i, k), word(tokens[verbAt]!, 'in'), ...tokens.slice(verbAt + 1, n + 1));
          i = n;
          continue;
        }
      }
    }
    // "everything but the ball", "all but the red one", "every block but the blue one", "all the blocks bar the yellow one": except.
    if (
      (w(i) === 'but' || w(i) === 'bar' || w(i) === 'barring' || w(i) === 'save') &&
      (['everything', 'all', 'anything'].includes(w(i - 1) ?? '') ||
        NOUNS.get(w(i - 1) ?? '')?.plural === true ||
        (w(i - 2) === 'every' && NOUNS.has(w(i - 1) ?? ''))) &&
      (OBJECT_START_WORDS.has(w(i + 1) ?? '') || isColor(w(i + 1) ?? ''))
    ) {
      out.push(word(t, 'except'));
      continue;
    }
    // "grab yellow, drop in pink bowl": a verb of putting with no thing after it puts the one before.
    if (
      ['drop', 'put', 'place', 'set', 'pop', 'stick', 'plonk'].includes(w(i) ?? '') &&
      ['in', 'into', 'on', 'onto', 'inside'].includes(w(i + 1) ?? '') &&
      out.some((x) => x.kind === 'word' && (NOUNS.has(x.text) || isColor(x.text))) &&
      (tokens[i - 1]?.kind === 'punct' || ['and', 'then'].includes(w(i - 1) ?? ''))
    ) {
      out.push(t, word(t, 'it'));
      continue;
    }
    out.push(t);
  }
  return out;
}

/** Words a thing's phrase starts with, after a lead-in that points at it. */
const OBJECT_START_WORDS: ReadonlySet<string> = new Set(['the', 'that', 'this', 'a', 'an', 'those', 'these']);

/**
 * Where the thing pointed at starts, after a lead-in at `i` that only points at it: "look at",
 * "take a look at", "notice", "check out", "there is / there are", "you see", "do you see" (a
 * sentence ending in "?" with "see" is read above). `i` when there is none.
 */
function focusLead(tokens: readonly Token[], i: number): number {
  const w = wordAt(tokens);
  let j = i;
  while (['ok', 'okay', 'so', 'now', 'first', 'right', 'alright', 'just', 'please', 'and', 'well'].includes(w(j) ?? '')) j++;
  if (tokens[j]?.kind === 'punct' && tokens[j]!.text === ',' && j > i) j++;
  if (['take', 'have'].includes(w(j) ?? '') && w(j + 1) === 'a' && w(j + 2) === 'look' && w(j + 3) === 'at') return j + 4;
  if (w(j) === 'look' && w(j + 1) === 'at') return j + 2;
  if (['notice', 'observe'].includes(w(j) ?? '')) return j + 1;
  if (w(j) === 'check' && w(j + 1) === 'out') return j + 2;
  if (w(j) === 'there' && ['is', 'are'].includes(w(j + 1) ?? '')) return j + 2;
  if (w(j) === 'you' && w(j + 1) === 'see') return j + 2;
  return i;
}

/**
 * Lead-ins and short forms that say no more than the plain phrase:
 *   - a question naming a thing at a sentence's start — "see the blue bowl? take …", "do you
 *     see / notice / spot the X?", "what's / what is / which is the rightmost object? put it …"
 *     — is the thing alone, a topic the next sentence points back at ("it", "its", "that one");
 *   - "on its right", "to their left" is "on the right of it", "to the left of them";
 *   - "nearest the top", "farthest the left" (no "to" / "from") is "closest to the top".
 */
function leadIns(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const starts = i === 0 || (tokens[i - 1]!.kind === 'punct' && ['.', '?', '!'].includes(tokens[i - 1]!.text));
    if (starts) {
      // The question must end its sentence with "?" and name something ("the", "that", a colour …).
      let end = i;
      while (end < tokens.length && !(tokens[end]!.kind === 'punct' && ['.', '!', '?'].includes(tokens[end]!.text))) end++;
      const asks = tokens[end]?.text === '?';
      let j = i;
      if (['do', 'can', 'did'].includes(w(j) ?? '') && w(j + 1) === 'you') j += 2;
      else if (w(j) === 'you') j++;
      // "which of the blocks is closest to X?", "which block's the furthest from X?", "what ball is
      // nearest X?": the one it asks for ("the block closest to X"), a topic as below.
      if (asks && ['which', 'what'].includes(w(i) ?? '')) {
        let k = i + 1;
        if (w(k) === 'of' && w(k + 1) === 'the') k += 2;
        const noun = w(k);
        const single = noun === undefined ? undefined : NOUNS.has(noun.replace(/s$/, '')) ? noun.replace(/s$/, '') : noun;
        if (noun !== undefined && single !== undefined && NOUNS.has(single) && !NOUNS.get(single)!.plural) {
          let m = k + 1;
          const possessive = tokens[k]!.possessive === true;
          if (!possessive && (w(m) === 'is' || w(m) === 'are')) m++;
          else if (!possessive) m = -1;
          if (m > 0 && w(m) === 'the') m++;
          if (
            m > 0 &&
            ['closest', 'farthest', 'leftmost', 'rightmost', 'topmost', 'largest', 'smallest', 'tallest', 'shortest'].includes(w(m) ?? '')
          ) {
            const word = (text: string): Token => ({ kind: 'word', text, start: t.start, end: t.end });
            out.push(word('the'), { ...tokens[k]!, text: single, possessive: false }, ...tokens.slice(m, end));
            i = end - 1;
            continue;
          }
        }
      }
      const see = ['see', 'notice', 'spot', 'spy'].includes(w(j) ?? '');
      const what = (w(j) === 'what' || w(j) === 'which') && w(j + 1) === 'is' && j === i;
      const np = see ? j + 1 : j + 2;
      if (asks && (see || what) && ['the', 'that', 'this'].includes(w(np) ?? '') && end > np + 1) {
        i = np - 1;
        continue;
      }
      // "… ? That goes in the green bowl.": "that" alone before where it goes is "it".
      if (
        ['that', 'this'].includes(w(i) ?? '') &&
        ['goes', 'should', 'needs', 'must', 'belongs', 'can', 'will', 'has', 'gets'].includes(w(i + 1) ?? '')
      ) {
        out.push({ ...t, text: 'it' });
        continue;
      }
      // "Look at the pink bowl.", "Notice the block nearest the tray.", "There's a ball on the
      // left.": a sentence that only points at a thing is the thing alone, a topic as above
      // ("a ball" it introduces is the one meant next: "the ball").
      const look = focusLead(tokens, i);
      if (
        look > i &&
        end > look &&
        (OBJECT_START_WORDS.has(w(look) ?? '') ||
          isColor(w(look) ?? '') ||
          NUMBER_WORDS[w(look) ?? ''] !== undefined ||
          tokens[look]!.kind === 'number')
      ) {
        if (['a', 'an'].includes(w(look) ?? '')) {
          out.push({ ...tokens[look]!, text: 'the' });
          i = look;
        } else i = look - 1;
        continue;
      }
    }
    // "the block just to its right - that's the one (we want)": said to be sure; the phrase before is the thing.
    if (
      t.kind === 'punct' &&
      t.text === ',' &&
      ['that', 'this', 'it'].includes(w(i + 1) ?? '') &&
      w(i + 2) === 'is' &&
      w(i + 3) === 'the' &&
      w(i + 4) === 'one'
    ) {
      let k = i + 5;
      if (['i', 'we', 'you'].includes(w(k) ?? '')) {
        if (['am', 'are', 'were'].includes(w(k + 1) ?? '') && w(k + 2) === 'after') k += 3;
        else if (['want', 'need', 'mean', 'meant', 'like', 'wanted', 'need'].includes(w(k + 1) ?? '')) k += 2;
      }
      const next = tokens[k];
      if (next === undefined || next.kind === 'punct') {
        i = k - 1;
        continue;
      }
    }
    if (isWord(t, 'its', 'their') && isWord(tokens[i - 1], 'on', 'to', 'at', 'toward', 'towards') && IMAGE_SIDES.includes(w(i + 1) ?? '')) {
      const word = (text: string): Token => ({ kind: 'word', text, start: t.start, end: t.end });
      out.push(word('the'), tokens[i + 1]!);
      let j = i + 2;
      while (isWord(tokens[j], 'hand', 'side', 'end')) out.push(tokens[j++]!);
      out.push(word('of'), word(t.text === 'its' ? 'it' : 'them'));
      i = j - 1;
      continue;
    }
    // "move whatever is to the right of X": the thing that is.
    if (isWord(t, 'whatever', 'whichever') && w(i + 1) === 'is' && !NOUNS.has(w(i + 2) ?? '')) {
      const word = (text: string): Token => ({ kind: 'word', text, start: t.start, end: t.end });
      out.push(word('the'), word('thing'), word('that'));
      continue;
    }
    // "the only thing that isn't blue": "the" (more than one fits: the ambiguity rule, noted).
    if (isWord(t, 'only') && isWord(tokens[i - 1], 'the') && (NOUNS.has(w(i + 1) ?? '') || isColor(w(i + 1) ?? ''))) continue;
    // "the corner that's (the) furthest from X": "the corner furthest from X".
    if (
      isWord(t, 'that', 'which') &&
      w(i + 1) === 'is' &&
      ['corner', 'side', 'edge', 'end'].includes(w(i - 1) ?? '') &&
      (['closest', 'farthest'].includes(w(i + 2) ?? '') || (w(i + 2) === 'the' && ['closest', 'farthest'].includes(w(i + 3) ?? '')))
    ) {
      i += w(i + 2) === 'the' ? 2 : 1;
      continue;
    }
    // "…, on the robot's side (of it)", "…, toward the robot", "…, near the robot" after a place
    // that already says so ("below the tray", "along the front"): said twice, read once.
    if (t.kind === 'punct' && t.text === ',') {
      let j = i + 1;
      if (['on', 'toward', 'towards', 'near', 'nearest', 'closest', 'close'].includes(w(j) ?? '')) {
        j++;
        if (w(j) === 'to') j++;
        if (w(j) === 'the' && (w(j + 1) === 'robot' || w(j + 1) === 'robots' || w(j + 1) === 'me')) {
          j += 2;
          if (w(j) === 'side') {
            j++;
            if (w(j) === 'of' && ['it', 'them'].includes(w(j + 1) ?? '')) j += 2;
          }
          const ends = j >= tokens.length || tokens[j]!.kind === 'punct';
          const said = out.some((x) => isWord(x, 'below', 'front', 'bottom', 'down', 'near'));
          if (ends && said) {
            i = j - 1;
            continue;
          }
        }
      }
    }
    // "from the robot to the back (of the table)": the robot stands at the front edge — "from front to back".
    if (isWord(t, 'from') && w(i + 1) === 'the' && ['robot', 'me'].includes(w(i + 2) ?? '') && w(i + 3) === 'to' && w(i + 4) === 'the') {
      const word = (text: string): Token => ({ kind: 'word', text, start: t.start, end: t.end });
      out.push(t, word('front'), word('to'));
      i += 4;
      continue;
    }
    // "diagonally, corner to corner", "on a slant": a diagonal line; "whatever way round", "either way round": any order.
    if (t.kind === 'punct' && t.text === ',' && w(i + 1) === 'corner' && w(i + 2) === 'to' && w(i + 3) === 'corner') {
      i += 3;
      continue;
    }
    if (
      t.kind === 'punct' &&
      t.text === ',' &&
      ['whatever', 'whichever', 'any', 'either'].includes(w(i + 1) ?? '') &&
      w(i + 2) === 'way' &&
      ['round', 'around'].includes(w(i + 3) ?? '')
    ) {
      i += 3;
      continue;
    }
    // ("in a line on the diagonal", "along the diagonal": the same, said of the table.)
    if (
      isWord(t, 'on', 'along') &&
      ['a', 'the'].includes(w(i + 1) ?? '') &&
      ['slant', 'diagonal'].includes(w(i + 2) ?? '') &&
      !['of', 'in', 'on'].includes(w(i + 3) ?? '')
    ) {
      out.push({ ...t, text: 'diagonally' });
      i += 2;
      continue;
    }
    out.push(t);
    // "nearest the top", "biggest nearest the robot", "the block nearest it": no "to" / "from" said.
    if (
      isWord(t, 'closest', 'farthest') &&
      ((w(i + 1) === 'the' &&
        (IMAGE_SIDES.includes(w(i + 2) ?? '') || NOUNS.has(w(i + 2) ?? '') || isColor(w(i + 2) ?? '') || w(i + 2) === 'robot')) ||
        ['it', 'them', 'me', 'you', 'us', 'your', 'my'].includes(w(i + 1) ?? ''))
    ) {
      out.push({ kind: 'word', text: t.text === 'closest' ? 'to' : 'from', start: t.end, end: t.end });
    }
  }
  return out;
}

/**
 * Asides and set phrases that say no more than a plainer form:
 *   - "ontop" is "on top"; "every single" / "each and every" is "every"; "a / the pair of" is
 *     "two" / "the two";
 *   - "thanks / ta very much": "very much" is politeness too;
 *   - a bracketed remark that states how things are ("(there's already a red one in there,
 *     that's fine)", "(it's ok)") is dropped; a bracket that names which one stays;
 *   - "…, making sure it stays standing / upright", "…, keeping it upright" is "upright";
 *   - after "except X", "…, which stays out / where it is" repeats that X stays: dropped.
 */
/** Words a bracket that says where a thing is starts with ("(under the blue one)", "(the one left of the tray)"). */
const BRACKET_RELATIONS: ReadonlySet<string> = new Set([
  'under',
  'underneath',
  'beneath',
  'below',
  'above',
  'behind',
  'left',
  'right',
  'to',
  'next',
  'beside',
  'near',
  'nearest',
  'closest',
  'farthest',
  'furthest',
  'in',
  'inside',
  'on',
  'at',
  'between',
]);

const LINKS = new Set([
  'should',
  'must',
  'may',
  'can',
  'could',
  'will',
  'is',
  'are',
  'be',
  'end',
  'ends',
  'up',
  'go',
  'goes',
  'sit',
  'sits',
  'stay',
  'stays',
  'left',
  'allowed',
  'to',
]);
const OWN_CONTAINERS = new Set(['bowl', 'bowls', 'tray', 'trays', 'container', 'containers']);

/**
 * "none of the balls should be in its own colour's bowl", "no block may end up in the bowl of
 * its own colour", "no ball in a bowl of the same colour": a constraint said as what must not
 * hold — each in a container of another colour ("put every ball in a container of a different
 * colour").
 */
function noneInOwnColor(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let i = 0; i < tokens.length; i++) {
    // After what is done to them: "swap the balls around so none of them is …", "one block per
    // bowl, and none in …" — the clause before says no more than which things and how many a bowl.
    let from = i;
    if (w(i - 1) === 'that' && w(i - 2) === 'so') from = i - 2;
    else if (['so', 'and', 'but'].includes(w(i - 1) ?? '') || (tokens[i - 1]?.text === ',' && w(i + 1) !== 'of')) from = i - 1;
    const after = from < i && w(i) === 'none';
    if (!(i === 0 || tokens[i - 1]!.kind === 'punct' || after)) continue;
    let j = i;
    let noun: string | undefined;
    let before = 0;
    if (after) {
      // The clause before, and the thing it named.
      before = from;
      while (before > 0 && !endsSentence(tokens[before - 1]) && tokens[before - 1]!.text !== ';') before--;
      const named = tokens.slice(before, from).filter((t) => NOUNS.has(t.text) && !OWN_CONTAINERS.has(t.text));
      noun = named.at(-1)?.text;
      if (noun === undefined) continue;
      j = w(i + 1) === 'of' && ['them', 'these', 'those'].includes(w(i + 2) ?? '') ? i + 2 : i;
    } else if (w(j) === 'none' && w(j + 1) === 'of') {
      j += w(j + 2) === 'the' ? 3 : 2;
      noun = w(j);
    } else if (w(j) === 'no') {
      j += 1;
      noun = w(j);
    } else continue;
    if (noun === undefined || !NOUNS.has(noun) || OWN_CONTAINERS.has(noun)) continue;
    let k = j + 1;
    while (LINKS.has(w(k) ?? '')) k++;
    if (!['in', 'into', 'inside', 'on'].includes(w(k) ?? '')) continue;
    k++;
    let container: string | undefined;
    // "its own colour's bowl", "their own colored bowls", "its own bowl".
    if (['its', 'their'].includes(w(k) ?? '') && w(k + 1) === 'own') {
      k += 2;
      if (w(k) === 'color' || w(k) === 'colored') k++;
      container = w(k);
      // ("one block per bowl, none in its own colour": the container the clause before named.)
      if (after && !OWN_CONTAINERS.has(container ?? '') && w(k - 1) === 'color')
        container = tokens
          .slice(before, from)
          .filter((t) => OWN_CONTAINERS.has(t.text))
          .at(-1)?.text;
      else k++;
    } else {
      // "the bowl of its own colour", "a bowl of the same colour", "the same-coloured bowl", "the matching bowl".
      if (['the', 'a', 'an'].includes(w(k) ?? '')) k++;
      if (['same', 'matching'].includes(w(k) ?? '')) {
        k++;
        if (w(k) === 'color' || w(k) === 'colored') k++;
        container = w(k);
        k++;
      } else {
        container = w(k);
        k++;
        if (
          !(
            w(k) === 'of' &&
            (['its', 'their'].includes(w(k + 1) ?? '') ? w(k + 2) === 'own' : w(k + 1) === 'the' && w(k + 2) === 'same') &&
            w(k + 3) === 'color'
          )
        )
          continue;
        k += 4;
      }
    }
    if (container === undefined || !OWN_CONTAINERS.has(container)) continue;
    const at = tokens[i]!;
    const word = (text: string): Token => ({ kind: 'word', text, start: at.start, end: at.start });
    const plural = NOUNS.get(noun)!.plural;
    if (after) {
      const said = tokens.slice(before, from).map((t) => t.text);
      const one = said.includes('per') || said.includes('each') || said.includes('different') || said.includes('separate');
      const single = singularOf(noun) ?? noun;
      const box = container.replace(/s$/, '');
      const put = ['put', 'every', single, 'in', 'a', box, 'of', 'a', 'different', 'color'].map(word);
      const each = one ? [{ ...word(','), kind: 'punct' as const }, ...['one', 'per', box].map(word)] : [];
      return noneInOwnColor([...tokens.slice(0, before), ...put, ...each, ...tokens.slice(k)]);
    }
    const rewritten = [
      word('put'),
      ...(plural ? [word('the')] : [word('every')]),
      tokens[j]!,
      word('in'),
      word('a'),
      word(container.replace(/s$/, '')),
      word('of'),
      word('a'),
      word('different'),
      word('color'),
    ];
    return [...tokens.slice(0, i), ...rewritten, ...tokens.slice(k)];
  }
  return tokens;
}

/** "pleeease", "puuut", "bluuue": a letter said three or more times is said once (or twice), when that is a word it knows. */
function squashRuns(tokens: Token[], known: (w: string) => boolean): Token[] {
  return tokens.map((t) => {
    if (t.kind !== 'word' || !/(.)\1\1/.test(t.text) || known(t.text)) return t;
    for (const n of ['$1', '$1$1']) {
      const w = t.text.replace(/(.)\1{2,}/g, n);
      if (known(w) || isColor(w)) return { ...t, text: w };
    }
    return t;
  });
}

/** "… on top of the blue", "the red and then the green": a colour after "the" with no noun is "the blue one". */
function colorHeads(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    out.push(t);
    const next = tokens[i + 1];
    if (
      t.kind === 'word' &&
      isColor(t.text) &&
      isWord(tokens[i - 1], 'the') &&
      (next === undefined ||
        next.kind === 'punct' ||
        ['and', 'then', 'in', 'into', 'on', 'onto', 'to', 'please', 'next', 'beside'].includes(next.text)) &&
      // ("the blue and yellow stack": colours of one stack.)
      !(
        isWord(next, 'and') &&
        isColor(tokens[i + 2]?.text ?? '') &&
        isWord(tokens[i + 3], 'stack', 'tower', 'pile') &&
        !isWord(tokens[i + 4], 'of')
      )
    )
      out.push({ ...t, text: 'one', start: t.end, end: t.end });
  }
  return out;
}

/** "both greens", "the reds": the things of that colour ("the green things"), not a container of it. */
function colorPlurals(tokens: Token[]): Token[] {
  return tokens.flatMap((t) =>
    t.kind === 'word' && t.text.endsWith('s') && isColor(t.text.slice(0, -1)) && !NOUNS.has(t.text)
      ? [
          { ...t, text: t.text.slice(0, -1) },
          { ...t, text: 'things' },
        ]
      : [t],
  );
}

/**
 * How an arrangement is spaced, said of it, and where its middle is:
 *   - "evenly / equally / regularly (spaced / distributed / apart)", "spaced / spread out": the
 *     line and the circle are evenly spaced anyway, so these say nothing more;
 *   - "a circle with the five blocks, with the purple bowl in the middle (of it)": round the bowl.
 */
function arrangementWords(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const out: Token[] = [];
  const circle = tokens.some((t) => isWord(t, 'circle', 'ring', 'clock'));
  const word = (t: Token, text: string): Token => ({ kind: 'word', text, start: t.start, end: t.end });
  const line = tokens.some((t) => isWord(t, 'line', 'row', 'column', 'order', 'arrange', 'sort', 'rank'));
  const ends = (k: number): boolean => k >= tokens.length || tokens[k]!.kind === 'punct' || ['and', 'then', 'please'].includes(w(k) ?? '');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // "a left to right line", "in a front-to-back row": "a line from left to right".
    if (
      isWord(t, 'a') &&
      SIDE_WORDS[w(i + 1) ?? ''] !== undefined &&
      w(i + 2) === 'to' &&
      SIDE_WORDS[w(i + 3) ?? ''] !== undefined &&
      ['line', 'row', 'column'].includes(w(i + 4) ?? '')
    ) {
      out.push(t, tokens[i + 4]!, word(t, 'from'), tokens[i + 1]!, tokens[i + 2]!, tokens[i + 3]!);
      i += 4;
      continue;
    }
    // In a line, "red on the far left", "the largest at the left end": that end of it.
    if (
      line &&
      isWord(t, 'far', 'extreme', 'very') &&
      ['left', 'right'].includes(w(i + 1) ?? '') &&
      isWord(tokens[i - 1], 'the') &&
      ends(i + 2)
    )
      continue;
    if (line && isWord(t, 'end', 'ends') && ['left', 'right', 'top', 'bottom', 'front', 'back'].includes(w(i - 1) ?? '') && ends(i + 1))
      continue;
    // "balls and blocks, all four in a circle": the count said again.
    if (
      t.kind === 'punct' &&
      t.text === ',' &&
      ['all', 'both'].includes(w(i + 1) ?? '') &&
      NUMBER_WORDS[w(i + 2) ?? ''] !== undefined &&
      ['in', 'into', 'on', 'onto', 'to', 'around', 'round'].includes(w(i + 3) ?? '')
    ) {
      i += 2;
      continue;
    }
    // "…, all standing", "standing up": upright.
    if (isWord(t, 'standing') && (isWord(tokens[i - 1], 'all', 'each', 'both') || w(i + 1) === 'up' || tokens[i - 1]?.kind === 'punct')) {
      if (isWord(out[out.length - 1], 'all', 'each', 'both')) out.pop();
      out.push(word(t, 'upright'));
      if (w(i + 1) === 'up') i++;
      continue;
    }
    if (isWord(t, 'evenly', 'equally', 'regularly', 'uniformly')) {
      if (['spaced', 'distributed', 'apart', 'separated'].includes(w(i + 1) ?? '')) i++;
      // "an evenly spaced line": "a line".
      const prev = out[out.length - 1];
      if (prev && isWord(prev, 'an')) out[out.length - 1] = { ...prev, text: 'a' };
      continue;
    }
    if (isWord(t, 'spaced', 'spread') && w(i + 1) === 'out') {
      i++;
      continue;
    }
    // "with the purple bowl in the middle (of it / of them / of the circle)": round the bowl.
    if (circle && isWord(t, 'with') && (w(i + 1) === 'the' || isColor(w(i + 1) ?? ''))) {
      let j = i + 1;
      while (j < tokens.length && tokens[j]!.kind === 'word' && !isWord(tokens[j], 'in', 'at')) j++;
      if (isWord(tokens[j], 'in', 'at') && w(j + 1) === 'the' && ['middle', 'center'].includes(w(j + 2) ?? '') && j > i + 1) {
        let end = j + 3;
        if (w(end) === 'of' && ['it', 'them', 'the'].includes(w(end + 1) ?? '')) end += w(end + 1) === 'the' ? 3 : 2;
        if (end >= tokens.length || tokens[end]!.kind === 'punct') {
          out.push({ ...t, text: 'around' }, ...tokens.slice(i + 1, j));
          i = end - 1;
          continue;
        }
      }
    }
    out.push(t);
  }
  return out;
}

/**
 * Counts, groups and asides said loosely, each read as the plain form:
 *   - "(not the bowl or the tray)" after what is meant: "except the bowl and the tray";
 *   - "the left-hand green bowl": "the left green bowl";
 *   - "the biggest two": "the two biggest ones"; "the larger one underneath": "at the bottom";
 *   - "… and keep it upright": set down upright;
 *   - "the middle block of the five", "its own corner of the table": the group or place plainly;
 *   - "a different bowl for each": "one per bowl"; "give X a corner each" / "give X its own
 *     corner": "put X in different corners" / "put X in its own corner".
 */
function countsAndGroups(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const out: Token[] = [];
  const word = (t: Token, text: string): Token => ({ kind: 'word', text, start: t.start, end: t.end });
  const ends = (k: number): boolean => k >= tokens.length || tokens[k]!.kind === 'punct' || ['and', 'then', 'please'].includes(w(k) ?? '');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // "(not the bowl or the tray)" after what is meant: what is left out.
    if (t.kind === 'punct' && t.text === '(' && w(i + 1) === 'not' && NOUNS.get(w(i - 1) ?? '')?.plural) {
      const close = tokens.findIndex((x, k) => k > i && x.kind === 'punct' && x.text === ')');
      if (close > i + 2) {
        out.push(word(t, 'except'), ...tokens.slice(i + 2, close).map((x) => (isWord(x, 'or', 'nor') ? word(x, 'and') : x)));
        i = close;
        continue;
      }
    }
    // "the left-hand green bowl", "the right hand one": the left / right one.
    if (
      isWord(t, 'hand') &&
      ['left', 'right'].includes(w(i - 1) ?? '') &&
      (isColor(w(i + 1) ?? '') || NOUNS.has(w(i + 1) ?? '') || w(i + 1) === 'one')
    )
      continue;
    // "the biggest two on the tray", "the smallest three": the count is the head.
    if (
      (NUMBER_WORDS[t.text] ?? 0) >= 2 &&
      t.kind === 'word' &&
      (EXTREMES[w(i - 1) ?? ''] !== undefined ||
        ['biggest', 'largest', 'smallest', 'tallest', 'shortest', 'littlest'].includes(w(i - 1) ?? '')) &&
      (i + 1 >= tokens.length ||
        tokens[i + 1]!.kind === 'punct' ||
        ['in', 'into', 'on', 'onto', 'to', 'and', 'then'].includes(w(i + 1) ?? ''))
    ) {
      const size = out.pop()!;
      out.push(t, size, word(t, 'ones'));
      continue;
    }
    // "stack the two biggest blocks, the larger one underneath": at the bottom.
    if (
      isWord(t, 'underneath', 'beneath') &&
      (i + 1 >= tokens.length || tokens[i + 1]!.kind === 'punct') &&
      NOUNS.has(w(i - 1) ?? '') === false
    ) {
      out.push(word(t, 'at'), word(t, 'the'), word(t, 'bottom'));
      continue;
    }
    // "… on the tray and keep it upright / standing": set down upright, not held.
    if (
      isWord(t, 'and') &&
      w(i + 1) === 'keep' &&
      ['it', 'them'].includes(w(i + 2) ?? '') &&
      ['upright', 'standing', 'vertical'].includes(w(i + 3) ?? '') &&
      ends(i + 4)
    ) {
      out.push(word(t, 'upright'));
      i += 3;
      continue;
    }
    // "the middle block of the five", "the second one of the three blocks": the group it is counted in, all of that kind.
    if (
      isWord(t, 'of') &&
      w(i + 1) === 'the' &&
      NUMBER_WORDS[w(i + 2) ?? ''] !== undefined &&
      (NOUNS.has(w(i - 1) ?? '') || w(i - 1) === 'one')
    ) {
      i += 2;
      // ("one of the two cyan blocks": one cyan block — the colours say which kind, the count goes.)
      let j = i + 1;
      while (isColor(w(j) ?? '')) j++;
      const single = j > i + 1 && NOUNS.get(w(j) ?? '')?.plural ? singularOf(w(j)!) : undefined;
      if (single !== undefined && out.at(-1)?.text === 'one') {
        const one = out.pop()!;
        out.push(...tokens.slice(i + 1, j), { ...tokens[j]!, text: single, start: one.start });
        i = j;
        continue;
      }
      if (NOUNS.get(w(i + 1) ?? '')?.plural) i++;
      continue;
    }
    // "its own corner of the table", "a different side of the table": every corner is.
    if (
      isWord(t, 'of') &&
      w(i + 1) === 'the' &&
      w(i + 2) === 'table' &&
      ['corner', 'corners', 'side', 'sides'].includes(w(i - 1) ?? '') &&
      ['own', 'different', 'separate'].includes(w(i - 2) ?? '')
    ) {
      i += 2;
      continue;
    }
    // "…, a different bowl for each", "a separate corner for each one": one place each.
    if (
      isWord(t, 'a') &&
      ['different', 'separate'].includes(w(i + 1) ?? '') &&
      NOUNS.has(w(i + 2) ?? '') &&
      w(i + 3) === 'for' &&
      w(i + 4) === 'each'
    ) {
      out.push(word(t, 'one'), word(t, 'per'), tokens[i + 2]!);
      i += 4;
      if (w(i + 1) === 'one') i++;
      continue;
    }
    // "give the red, green and blue blocks a corner each": each in a different corner.
    if (isWord(t, 'give') && (i === 0 || tokens[i - 1]!.kind === 'punct')) {
      const each = tokens.findIndex(
        (x, k) =>
          k > i + 1 &&
          isWord(x, 'a', 'one') &&
          ['corner', 'side', 'bowl', 'tray', 'container'].includes(w(k + 1) ?? '') &&
          ['each', 'apiece'].includes(w(k + 2) ?? ''),
      );
      if (each > 0) {
        const place = tokens[each + 1]!;
        out.push(word(t, 'put'), ...tokens.slice(i + 1, each), word(place, 'in'), word(place, 'different'), word(place, `${place.text}s`));
        i = each + 2;
        continue;
      }
    }
    // "give each of the four blocks its own corner": each in a corner of its own.
    if (isWord(t, 'give') && (i === 0 || tokens[i - 1]!.kind === 'punct')) {
      const own = tokens.findIndex((x, k) => k > i + 1 && isWord(x, 'its', 'their') && w(k + 1) === 'own');
      const between = own > 0 ? tokens.slice(i + 1, own) : [];
      if (
        own > 0 &&
        between.every((x) => !(x.kind === 'word' && ['bowl', 'bowls', 'tray', 'trays', 'container', 'containers'].includes(x.text)))
      ) {
        out.push(word(t, 'put'), ...between, word(tokens[own]!, 'in'));
        i = own - 1;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

const POLITE_END: ReadonlySet<string> = new Set(['please', 'pls', 'plz', 'thanks', 'ta', 'cheers']);

function asides(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const out: Token[] = [];
  const word = (t: Token, text: string): Token => ({ kind: 'word', text, start: t.start, end: t.end });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (w(i) === 'ontop') {
      out.push(word(t, 'on'), word(t, 'top'));
      continue;
    }
    if (w(i) === 'every' && w(i + 1) === 'single') {
      out.push(t);
      i++;
      continue;
    }
    if (w(i) === 'each' && w(i + 1) === 'and' && w(i + 2) === 'every') continue;
    // "the red block (under the blue one) …", "the ball (the one next to the tray)": a bracket
    // right after a thing that says where it is says which one, as "that is under …".
    if (t.kind === 'punct' && t.text === '(' && (NOUNS.has(w(i - 1) ?? '') || w(i - 1) === 'one')) {
      const close = tokens.findIndex((x, k) => k > i && x.kind === 'punct' && x.text === ')');
      let k = i + 1;
      if (w(k) === 'the' && w(k + 1) === 'one') k += 2;
      if (['that', 'which', 'thats', "that's"].includes(w(k) ?? '')) k++;
      if (w(k) === 'is' || w(k) === 'sits' || w(k) === 'sitting') k++;
      if (close > k && BRACKET_RELATIONS.has(w(k) ?? '')) {
        out.push(word(t, 'that'), word(t, 'is'), ...tokens.slice(k, close));
        i = close;
        continue;
      }
    }
    // "the red stuff (the block, the ball and the can)": a bracket after a group of one colour
    // that only lists the kinds of thing in it says what the group holds; the group says which.
    if (t.kind === 'punct' && t.text === '(' && (NOUNS.get(w(i - 1) ?? '')?.plural || w(i - 1) === 'stuff')) {
      const close = tokens.findIndex((x, k) => k > i && x.kind === 'punct' && x.text === ')');
      const inside = tokens.slice(i + 1, close);
      let k = i - 1;
      while (k > 0 && tokens[k - 1]!.kind === 'word' && !isColor(w(k - 1)!) && !VERBS.has(w(k - 1)!)) k--;
      const coloured = k > 0 && isColor(w(k - 1) ?? '');
      if (
        close > i + 1 &&
        coloured &&
        inside.some((x) => NOUNS.has(x.text)) &&
        inside.every(
          (x) =>
            x.text === ',' ||
            ['the', 'a', 'an', 'and', 'or', 'both'].includes(x.text) ||
            (NOUNS.has(x.text) && NOUNS.get(x.text)!.cls !== 'thing'),
        )
      ) {
        i = close;
        continue;
      }
    }
    // "a touch / a tad / a smidge left of X": a little.
    if (w(i - 1) === 'a' && ['touch', 'tad', 'smidge', 'smidgen'].includes(w(i) ?? '')) {
      out.push(word(t, 'little'));
      continue;
    }
    // "the two green cans, both into the purple bowl", "the red blocks, all in the tray": one phrase.
    if (
      t.kind === 'punct' &&
      t.text === ',' &&
      ['both', 'all'].includes(w(i + 1) ?? '') &&
      ['in', 'into', 'on', 'onto', 'to'].includes(w(i + 2) ?? '') &&
      // "the largest cylinder and the smallest ball, both in the yellow bowl": a list says several too.
      out.some((x) => x.kind === 'word' && (NOUNS.get(x.text)?.plural || x.text === 'and'))
    ) {
      i++;
      continue;
    }
    // "the white and purple blocks both into the orange bowl": no comma either.
    if (
      isWord(t, 'both', 'all') &&
      NOUNS.get(w(i - 1) ?? '')?.plural === true &&
      ['in', 'into', 'on', 'onto', 'go', 'goes', 'belong'].includes(w(i + 1) ?? '')
    )
      continue;
    // "whichever ball is not the red one: green bowl": a thing, a colon, a container alone: in it.
    if (t.kind === 'punct' && t.text === ':' && (NOUNS.has(w(i - 1) ?? '') || w(i - 1) === 'one')) {
      let k = i + 1;
      if (w(k) === 'the') k++;
      while (isColor(w(k) ?? '')) k++;
      const ends =
        k + 1 >= tokens.length || (tokens[k + 1]!.kind === 'punct' && tokens[k + 1]!.text !== ',') || POLITE_END.has(w(k + 1) ?? '');
      if (k > i + 1 && containerWord(w(k)) && ends) {
        out.push(word(t, 'in'));
        continue;
      }
    }
    // "tray: yellow block", "the pink bowl: the two red blocks": a container, a colon, what goes in it.
    if (t.kind === 'punct' && t.text === ':' && containerWord(w(i - 1)) && out.length <= 4) {
      let k = i + 1;
      while (k < tokens.length && tokens[k]!.kind === 'word' && !['in', 'into', 'on', 'onto', 'and', 'then'].includes(w(k)!)) k++;
      if (k > i + 1 && (k >= tokens.length || (tokens[k]!.kind === 'punct' && tokens[k]!.text !== ',')) && NOUNS.has(w(k - 1) ?? '')) {
        const head = out.splice(0);
        out.push(word(t, 'put'), ...tokens.slice(i + 1, k), word(t, 'in'), ...head);
        i = k - 1;
        continue;
      }
    }
    // "brown block: just a little left of the white bowl", "the ball: into the tray": the colon
    // between a thing and where it goes (no verb) joins them.
    if (
      t.kind === 'punct' &&
      t.text === ':' &&
      NOUNS.has(w(i - 1) ?? '') &&
      ['just', 'right', 'a', 'slightly', 'in', 'into', 'on', 'onto', 'to', 'next', 'beside', 'behind', 'above', 'below'].includes(
        w(i + 1) ?? '',
      )
    ) {
      continue;
    }
    if ((w(i) === 'a' || w(i) === 'the') && w(i + 1) === 'pair' && w(i + 2) === 'of') {
      if (w(i) === 'the') out.push(t);
      out.push(word(tokens[i + 1]!, 'two'));
      i += 2;
      continue;
    }
    if (w(i) === 'very' && w(i + 1) === 'much' && isWord(tokens[i - 1], 'ta', 'thanks', 'thank', 'you', 'cheers')) {
      i++;
      continue;
    }
    if (t.kind === 'punct' && t.text === '(' && ((w(i + 1) === 'there' && w(i + 2) === 'is') || (w(i + 1) === 'it' && w(i + 2) === 'is'))) {
      let j = i + 1;
      while (j < tokens.length && !(tokens[j]!.kind === 'punct' && tokens[j]!.text === ')')) j++;
      if (j < tokens.length) {
        i = j;
        continue;
      }
    }
    if (t.kind === 'punct' && t.text === ',') {
      let j = i + 1;
      if ((w(j) === 'making' || w(j) === 'make') && w(j + 1) === 'sure' && ['it', 'they'].includes(w(j + 2) ?? '')) j += 3;
      else if ((w(j) === 'keeping' || w(j) === 'keep') && ['it', 'them'].includes(w(j + 1) ?? '')) j += 2;
      else j = -1;
      if (j > 0) {
        if (['stays', 'stay', 'remains', 'remain', 'is', 'are', 'ends'].includes(w(j) ?? '')) j++;
        if (w(j) === 'up') j++;
        if (['standing', 'upright', 'vertical'].includes(w(j) ?? '')) {
          out.push(word(tokens[j]!, 'upright'));
          i = j;
          continue;
        }
      }
      const except = out.some((x) => isWord(x, 'except', 'excluding'));
      if (except && w(i + 1) === 'which' && ['stays', 'remains', 'stay'].includes(w(i + 2) ?? '')) {
        let k = i + 3;
        if (w(k) === 'out' || w(k) === 'put') k++;
        else if (w(k) === 'where' && ['it', 'they'].includes(w(k + 1) ?? '') && ['is', 'are'].includes(w(k + 2) ?? '')) k += 3;
        else k = -1;
        if (k > 0) {
          i = k - 1;
          continue;
        }
      }
    }
    out.push(t);
  }
  return out;
}

/**
 * The normalisation pass: arrows, stressed places, comparatives of distance, "counting from",
 * a stacks header, typos against the scene's words, camera qualifiers, possessive sides.
 */
export function normalizeTokens(tokens: readonly Token[], opts: NormalizeOptions): Normalized {
  const notes: string[] = [];
  let out: Token[] = tokens.map((t) => (t.kind === 'punct' && t.text === '->' ? { ...t, kind: 'word', text: 'to' } : t));
  out = compassWords(out, notes);
  out = tableWords(out, opts.ids ?? []);
  out = askingForms(out);
  out = buildWordIds(out, opts.ids ?? []);
  out = everydayForms(out);
  out = holdingForms(out);
  out = plainForms(out);
  out = commonForms(out, opts.ids ?? [], opts.known);
  out = layoutForms(out, opts.matsAreTrays ?? false);
  out = anyContainer(out);
  out = groupedAt(out);
  out = phrasingForms(out, notes, opts.vocabulary);
  out = thatBowlOfItsColour(out);
  out = extremeAfterNoun(out);
  out = roughDistances(out);
  out = asFarAs(out);
  out = noSharing(out);
  out = levelWith(out, notes);
  out = onlyOne(out);
  out = alsoFine(out, notes);
  out = sameCornerAs(out);
  out = coloursMatching(out);
  out = ofTheGroup(out);
  out = countsAlone(out);
  out = smallForms(out);
  out = groupBreaks(out);
  out = looseForms(out);
  out = colorPlurals(out);
  out = colorHeads(out);
  out = squashRuns(out, opts.known);
  out = joinMost(out);
  out = callForms(out);
  out = roundUp(out);
  out = theOneWanted(out);
  out = staysPut(out);
  out = notInAgain(out);
  out = staysApart(out);
  out = checkWhich(out);
  out = whicheverOf(out);
  out = comparativeSides(out);
  out = superlativeClauses(out);
  out = neitherNor(out);
  out = notOfKinds(out);
  out = notInSet(out);
  out = bringOver(out);
  out = dashContainer(out, notes);
  out = placeThereAre(out);
  out = asides(out);
  out = intensifiedPlaces(out);
  out = comparativeRanks(out);
  out = countingAloud(out);
  out = countingFrom(out);
  out = countedAfter(out);
  out = stacksHeader(out);
  out = rolesAsStack(out);
  // Twice: "the bleu blokc" — the noun's typo first, then the colour's before it.
  out = foldTypos(foldTypos(out, opts, notes), opts, notes);
  // (After the folds, so "the kettel" is the kettle; foldTypos leaves a word the ids spell as it is.)
  out = idNames(out, opts.ids ?? [], opts.known, notes);
  out = dropQualifiers(out);
  out = possessiveSides(out);
  out = frames(out);
  out = firstAtEnd(out);
  out = whereClefts(out);
  out = resumptives(out);
  out = eachAfter(out);
  out = endsInOrder(out);
  out = knockDown(out);
  out = offTowers(out);
  out = sortHeadings(out);
  out = modalCan(out);
  out = soThatOne(out);
  out = ownColour(out);
  out = fromWhere(out);
  out = middleOfGrid(out);
  out = splitGroups(out);
  out = everyOneOfThem(out);
  out = straightAcross(out);
  out = oneInEach(out);
  out = furtherThan(out);
  out = shapesOfGroups(out);
  out = soItsIs(out);
  out = anyColourAside(out);
  out = colourRuns(out);
  out = putBeforeKeep(out);
  out = clearRegion(out);
  out = fromRegion(out);
  out = notContainers(out);
  out = wholeTable(out);
  out = uprightSentences(out);
  out = wishedPostures(out);
  out = offYouGo(out);
  out = leadIns(out);
  out = countsAndGroups(out);
  out = arrangementWords(out);
  out = noneInOwnColor(out);
  out = placeOnes(out);
  out = bothSides(out);
  out = placeParticles(out);
  out = hedges(out);
  out = thatOne(out);
  out = placeWords(out);
  out = onItsOwn(out);
  return { tokens: out, notes };
}

/** What a thing named first does, after "those" / "it" points back at it: "…, those go on the tray". */
const RESUMED_VERBS = new Set([
  'go',
  'goes',
  'need',
  'needs',
  'should',
  'must',
  'can',
  'could',
  'belong',
  'belongs',
  'get',
  'gets',
  'have',
  'has',
  'will',
  'are',
  'is',
]);

/**
 * "The two biggest blocks, those go on the tray", "the red block - it goes in the bowl": the
 * thing named first, then a pronoun for it as the subject. Read without the pronoun, when the
 * words before it have no verb.
 */
function resumptives(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  let start = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (endsSentence(t)) start = k + 1;
    if (t.kind !== 'punct' || (t.text !== ',' && t.text !== ':') || k === start) continue;
    if (!['those', 'these', 'they', 'it'].includes(w(k + 1) ?? '')) continue;
    const n = NUMBER_WORDS[w(k + 2) ?? ''] !== undefined && w(k + 1) !== 'it' ? 1 : 0;
    const before = tokens.slice(start, k);
    // "Red, orange and yellow - those three into the cyan bowl": a list of colours, then what they do.
    const colours =
      w(k + 1) !== 'it' &&
      before.filter((b) => isColor(b.text)).length >= 2 &&
      before.every(
        (b, i) => isColor(b.text) || [',', 'and', '&', 'the'].includes(b.text) || (i === before.length - 1 && NOUNS.get(b.text)?.plural),
      );
    // ("those four" after three colours is not them: left for the grammar to refuse.)
    const said = n === 1 ? NUMBER_WORDS[w(k + 2)!] : undefined;
    if (colours && (said === undefined || said === before.filter((b) => isColor(b.text)).length))
      return resumptives([...tokens.slice(0, k), ...tokens.slice(k + 2 + n)]);
    if (!RESUMED_VERBS.has(w(k + 2 + n) ?? '')) continue;
    if (before.some((b) => b.kind === 'word' && VERBS.has(b.text)) || !before.some((b) => NOUNS.has(b.text))) continue;
    return resumptives([...tokens.slice(0, k), ...tokens.slice(k + 2 + n)]);
  }
  return tokens;
}

const PLACE_PREPOSITIONS = new Set(['in', 'into', 'on', 'onto', 'to', 'inside']);

/**
 * "the red and green blocks: each into the bowl that matches it", "put them each in a corner":
 * "each" after the things it spreads over says what the plural already says; left out.
 */
function eachAfter(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k < tokens.length; k++) {
    if (w(k) !== 'each') continue;
    let p = k - 1;
    if (tokens[p]!.kind === 'punct' && [',', ':'].includes(tokens[p]!.text)) p--;
    const plural = (NOUNS.get(w(p) ?? '')?.plural ?? false) || w(p) === 'them';
    let end = k + 1;
    if (w(end) === 'one') end++;
    else if (w(end) === 'of' && w(end + 1) === 'them') end += 2;
    // (Only before one place named for them all, or one the rest says is each one's own ("each in a bowl
    // that is not its own colour, one per bowl"): "each in a corner" may mean one corner each.)
    const rest = tokens
      .slice(end)
      .map((t) => t.text)
      .join(' ');
    const own = /\b(its own|their own|one per|one each|different|matching|matches|match|same colou?r)\b/.test(rest);
    if (!plural || !PLACE_PREPOSITIONS.has(w(end) ?? '') || !(['the', 'their', 'its'].includes(w(end + 1) ?? '') || own)) continue;
    return eachAfter([...tokens.slice(0, k), ...tokens.slice(end)]);
  }
  return tokens;
}

const OPPOSITE_SIDES: Readonly<Record<string, string>> = { left: 'right', right: 'left', top: 'bottom', bottom: 'top' };

/**
 * "Smallest block at the far left, biggest at the far right, and the rest in size order in
 * between": the two ends and the order between them — read as "the blocks in size order,
 * smallest on the left" (a line in that order). Only with the words for the rest between.
 */
function endsInOrder(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const stop = (k: number): boolean => endsSentence(tokens[k]);
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && !stop(i)) continue;
    const words = tokens
      .slice(start, i)
      .filter((t) => t.kind === 'word')
      .map((t) => t.text);
    const between = words.join(' ');
    const ends: { sup: number; side: string; noun?: string }[] = [];
    for (let k = start; k < i; k++) {
      if (!SUPERLATIVES.has(w(k) ?? '')) continue;
      let j = k + 1;
      const noun = NOUNS.has(w(j) ?? '') ? w(j++) : w(j) === 'one' ? (j++, undefined) : undefined;
      if (!['at', 'on', 'to'].includes(w(j) ?? '') || w(j + 1) !== 'the') continue;
      j += 2;
      if (['far', 'very', 'extreme'].includes(w(j) ?? '')) j++;
      if (OPPOSITE_SIDES[w(j) ?? ''] === undefined) continue;
      ends.push({ sup: k, side: w(j)!, noun });
    }
    const rest = /\b(in between|in order|size order|in size)\b/.test(between);
    if (ends.length === 2 && rest && OPPOSITE_SIDES[ends[0]!.side] === ends[1]!.side && w(ends[0]!.sup) !== w(ends[1]!.sup)) {
      const at = tokens[ends[0]!.sup]!;
      const word = (text: string): Token => ({ kind: 'word', text, start: at.start, end: at.start });
      const noun = ends[0]!.noun ?? ends[1]!.noun;
      const plural =
        noun === undefined || NOUNS.get(noun)?.plural
          ? (noun ?? 'things')
          : ([`${noun}s`, `${noun}es`].find((p) => NOUNS.get(p)?.plural) ?? 'things');
      // What came before the first end ("Put the", "Line up the") stays only if it has a verb.
      const lead = tokens.slice(start, ends[0]!.sup).filter((t) => !(t.kind === 'word' && ['the', 'and'].includes(t.text)));
      const verb = lead.some((t) => VERBS.has(t.text)) ? lead : [word('put')];
      const phrase = [
        word('the'),
        word(plural),
        word('in'),
        word('size'),
        word('order'),
        { ...at, kind: 'punct' as const, text: ',' },
        tokens[ends[0]!.sup]!,
        word('on'),
        word('the'),
        word(ends[0]!.side),
      ];
      return [...tokens.slice(0, start), ...verb, ...phrase, ...endsInOrder(tokens.slice(i))];
    }
    start = i + 1;
  }
  return tokens;
}

const STACK_WORDS = new Set(['tower', 'towers', 'stack', 'stacks', 'pile', 'piles']);

/** Words between "of" and a tower word that say which tower(s): "of the left-hand", "of each", "of all three". */
const TOWER_PICKS: ReadonlySet<string> = new Set([
  'the',
  'that',
  'this',
  'each',
  'every',
  'all',
  'both',
  'two',
  'three',
  'four',
  'left',
  'right',
  'hand',
  'middle',
  'centre',
  'center',
  'far',
  'second',
  'third',
  'fourth',
  // "the top block of the tallest stack" (grammar.ts reads which stack by its height).
  'tallest',
  'tall',
  'taller',
  'highest',
  'shortest',
  'short',
  'shorter',
  'lowest',
  'biggest',
  'smallest',
]);

/**
 * "the top block of the middle tower", "the red one of the left stack": a thing of one tower is
 * a thing off it ("the top block off the middle tower"), which says which tower it is taken from;
 * "the top blocks of the three towers", "the top block of each stack": one off each; "the three
 * blocks of the right-hand tower" (no part said): that tower. Never "on top of the tower" (where
 * it goes).
 */
function offTowers(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const out = [...tokens];
  for (let k = 1; k < tokens.length; k++) {
    // ("all the blocks from the tower": the tower itself, as "of".)
    const from = w(k) === 'from' && NOUNS.get(w(k - 1) ?? '')?.plural === true;
    if (w(k) !== 'of' && !from) continue;
    const head = w(k - 1) ?? '';
    // ("the second block from the top of the tower": counted from its top, and taken off it.)
    // (Counted: "the green one from the top of the tower" says where it is taken from, read as it is.)
    const counted =
      ['top', 'bottom'].includes(head) &&
      w(k - 2) === 'the' &&
      w(k - 3) === 'from' &&
      tokens.slice(Math.max(0, k - 7), k - 3).some((t) => t.kind === 'word' && (ORDINALS[t.text] ?? 0) > 1);
    if (!(head === 'one' || head === 'ones' || NOUNS.has(head) || counted)) continue;
    let j = k + 1;
    while (j < tokens.length && j - k < 7 && TOWER_PICKS.has(w(j) ?? '')) j++;
    if (j === k + 1 || !STACK_WORDS.has(w(j) ?? '')) continue;
    // ("the three blocks of the right-hand tower", "all the blocks of that stack": the tower itself.)
    let s = k - 2;
    while (s >= 0 && (['the', 'all', 'both'].includes(w(s) ?? '') || NUMBER_WORDS[w(s) ?? ''] !== undefined)) s--;
    const said = tokens.slice(s + 1, k - 1).map((t) => t.text);
    if (NOUNS.get(head)?.plural && said.includes('the') && TOWER_WORDS.has(w(j)!))
      return offTowers([...tokens.slice(0, s + 1), ...tokens.slice(k + 1)]);
    if (from) continue;
    out[k] = { ...tokens[k]!, text: 'off' };
  }
  return out;
}

/** "knock both stacks down", "topple the tower over", "knock down the pile": take it apart (unstack, top first). */
function knockDown(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    // ("take the tower down", "pull down the stack": only with "down".)
    const downOnly = ['take', 'pull', 'bring'].includes(w(k) ?? '');
    if (!['knock', 'topple', 'tip', 'flatten', 'demolish', 'dismantle', 'break'].includes(w(k) ?? '') && !downOnly) continue;
    let j = k + 1;
    const particleFirst = (downOnly ? ['down'] : ['down', 'over']).includes(w(j) ?? '') ? j++ : -1;
    const np = j;
    while (j < tokens.length && j - np < 4 && !STACK_WORDS.has(w(j) ?? '') && tokens[j]!.kind === 'word') j++;
    if (!STACK_WORDS.has(w(j) ?? '')) continue;
    const noun = j++;
    const particle = particleFirst < 0 && (downOnly ? ['down'] : ['down', 'over', 'up']).includes(w(j) ?? '') ? j : -1;
    if (downOnly && particleFirst < 0 && particle < 0) continue;
    if (particleFirst < 0 && particle < 0 && !['demolish', 'dismantle', 'flatten'].includes(w(k)!)) continue;
    const at = (text: string, t: Token): Token => ({ ...t, kind: 'word', text });
    const rewritten = [at('take', tokens[k]!), ...tokens.slice(np, noun + 1), at('apart', tokens[noun]!)];
    return knockDown([...tokens.slice(0, k), ...rewritten, ...tokens.slice(particle >= 0 ? particle + 1 : noun + 1)]);
  }
  return tokens;
}

/** How an arrangement should look ("a tidy row", "a nice big ring", "a tight little circle"): it is the arrangement all the same. */
const LOOKS = new Set([
  'tidy',
  'neat',
  'proper',
  'nice',
  'perfect',
  'single',
  'little',
  'small',
  'tight',
  'big',
  'wide',
  'large',
  'even',
  'round',
  'lovely',
  'pretty',
  'long',
  'flat',
  'level',
]);

/**
 * "Sort by colour: reds on the yellow tray, blues in the grey bowl", "Separate them by shape:
 * balls in the bowl, blocks on the tray": a heading, then what goes where, said in full — the
 * list says it; the heading goes (else "sort by colour" would match each to its colour).
 */
function sortHeadings(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  let start = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (endsSentence(t)) start = k + 1;
    if (k !== start || !['sort', 'separate', 'group', 'split', 'organise', 'organize', 'divide'].includes(w(k) ?? '')) continue;
    const colon = tokens.findIndex((u, j) => j > k && j <= k + 7 && u.kind === 'punct' && u.text === ':');
    // ("Sort them: red and orange blocks into the yellow bowl, green and blue ones onto the tray": no "by", two places said.)
    if (colon < 0) continue;
    let j = colon + 1;
    if (w(j) === 'the') j++;
    const first = w(j) ?? '';
    const names = isColor(first) || isColor(first.replace(/s$/, '')) || NOUNS.has(first);
    let end = colon + 1;
    while (end < tokens.length && !endsSentence(tokens[end])) end++;
    const places = tokens.slice(colon + 1, end).filter((u) => PLACE_PREPOSITIONS.has(u.text)).length;
    if (!names || places < 2) continue;
    const put: Token = { kind: 'word', text: 'put', start: tokens[colon]!.end, end: tokens[colon]!.end };
    return [...tokens.slice(0, k), put, ...sortHeadings(tokens.slice(colon + 1))];
  }
  return tokens;
}

/**
 * "… into the yellow bowl, green, blue and white ones onto the tray": after a container, a comma
 * and a new list of colours going somewhere else starts a new group (a ";"), not more of the
 * container's phrase ("the yellow bowl and green and blue").
 */
function groupBreaks(tokens: Token[]): Token[] {
  const w = (k: number): string => (tokens[k]?.kind === 'word' ? tokens[k]!.text : '');
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'punct' || tokens[i]!.text !== ',') continue;
    if (!containerWord(w(i - 1))) continue;
    let j = i + 1;
    if (w(j) === 'the') j++;
    if (!isColor(w(j))) continue;
    // (A list of two colours or more: "the black one in the brown bowl" alone reads as it is.)
    let colours = 0;
    while (isColor(w(j)) || w(j) === 'and' || tokens[j]?.text === ',') if (isColor(w(j++))) colours++;
    if (colours < 2 || !(NOUNS.has(w(j)) || w(j) === 'ones' || w(j) === 'one')) continue;
    j++;
    while (['go', 'goes', 'should', 'must', 'need', 'to', 'be', 'are', 'all'].includes(w(j))) j++;
    if (!PLACE_PREPOSITIONS.has(w(j))) continue;
    return groupBreaks([...tokens.slice(0, i), { ...tokens[i]!, text: ';' }, ...tokens.slice(i + 1)]);
  }
  return tokens;
}

/** Verbs that follow "can" the modal ("the yellow one can stay where it is", "the ball can go in the bowl"). */
const AFTER_MODAL = new Set([
  'stay',
  'go',
  'be',
  'remain',
  'sit',
  'just',
  'now',
  'stop',
  'also',
  'then',
  'move',
  'get',
  'come',
  'rest',
  'live',
  'wait',
  'keep',
]);

/** "the yellow one can stay", "the red block can go in X": "can" as "could" there, not a can (a cylinder). */
function modalCan(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  return tokens.map((t, k) =>
    w(k) === 'can' &&
    AFTER_MODAL.has(w(k + 1) ?? '') &&
    (['one', 'it', 'they', 'that', 'this', 'ones'].includes(w(k - 1) ?? '') || NOUNS.has(w(k - 1) ?? ''))
      ? { ...t, text: 'could' }
      : t,
  );
}

/**
 * "The white one hasn't got a bowl, so that one stays put", "the ball is in the way, so it goes
 * on the tray": why, then what — read as what the thing named first does ("the white one stays put").
 */
function soThatOne(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  let start = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (endsSentence(t)) start = k + 1;
    if (!(t.kind === 'punct' && t.text === ',' && w(k + 1) === 'so')) continue;
    const p = k + 2;
    const n =
      ['that', 'this'].includes(w(p) ?? '') && ['one', 'block', 'ball', 'can', 'thing'].includes(w(p + 1) ?? '')
        ? 2
        : ['it', 'they'].includes(w(p) ?? '')
          ? 1
          : 0;
    if (n === 0) continue;
    // The thing named first: a determiner, colours and sizes, then a noun or "one".
    let e = start;
    if (['the', 'that', 'this'].includes(w(e) ?? '')) e++;
    while (isColor(w(e) ?? '') || ['big', 'small', 'little', 'large', 'tall', 'short'].includes(w(e) ?? '')) e++;
    // ("White has no bowl, so it stays put": a colour alone is the one of that colour.)
    if (e === start + 1 && isColor(w(start) ?? '') && !(NOUNS.has(w(e) ?? '') || w(e) === 'one')) {
      const the: Token = { kind: 'word', text: 'the', start: tokens[start]!.start, end: tokens[start]!.start };
      const one: Token = { kind: 'word', text: 'one', start: tokens[start]!.end, end: tokens[start]!.end };
      return soThatOne([...tokens.slice(0, start), the, tokens[start]!, one, ...tokens.slice(p + n)]);
    }
    if (!(NOUNS.has(w(e) ?? '') || w(e) === 'one') || e === start) continue;
    return soThatOne([...tokens.slice(0, start), ...tokens.slice(start, e + 1), ...tokens.slice(p + n)]);
  }
  return tokens;
}

/**
 * "into their own colour bowls", "in its own coloured bowl": the matching bowls; ", both of
 * each" after a swap of colours only says the plural again.
 */
function ownColour(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    if (
      ['its', 'their'].includes(w(k) ?? '') &&
      w(k + 1) === 'own' &&
      ['color', 'colour', 'colored', 'coloured'].includes(w(k + 2) ?? '')
    ) {
      if (containerWord(w(k + 3))) {
        const at = (text: string): Token => ({ ...tokens[k]!, text });
        return ownColour([...tokens.slice(0, k), at('the'), at('matching'), ...tokens.slice(k + 3)]);
      }
    }
    // "the bowl that's its own colour", "the bowls which are their own colours": the matching one.
    if (
      NOUNS.get(w(k) ?? '')?.cls === 'bowl' &&
      ['that', 'which'].includes(w(k + 1) ?? '') &&
      ['is', 'are'].includes(w(k + 2) ?? '') &&
      ['its', 'their'].includes(w(k + 3) ?? '') &&
      w(k + 4) === 'own' &&
      ['color', 'colour', 'colors', 'colours'].includes(w(k + 5) ?? '') &&
      w(k - 1) === 'the'
    ) {
      const at = (text: string): Token => ({ ...tokens[k - 1]!, text });
      return ownColour([...tokens.slice(0, k), at('matching'), tokens[k]!, ...tokens.slice(k + 6)]);
    }
    // "make one line out of the four blocks": a line of them.
    if (w(k) === 'out' && w(k + 1) === 'of' && ARRANGEMENT_NOUNS.has(w(k - 1) ?? ''))
      return ownColour([...tokens.slice(0, k), ...tokens.slice(k + 1)]);
    if (
      tokens[k]!.kind === 'punct' &&
      tokens[k]!.text === ',' &&
      ['both', 'all'].includes(w(k + 1) ?? '') &&
      w(k + 2) === 'of' &&
      w(k + 3) === 'each' &&
      (k + 4 >= tokens.length || tokens[k + 4]!.kind === 'punct')
    )
      return ownColour([...tokens.slice(0, k), ...tokens.slice(k + 4)]);
  }
  return tokens;
}

const TAKE_VERBS = new Set(['take', 'lift', 'get', 'pull', 'bring', 'remove', 'grab', 'pick', 'fish']);

/**
 * Where a thing is taken from, said before where it goes: "take the red one back out and leave
 * it in the corner", "take the blue block out of the ring and put it …", "bring the red block
 * in from its corner and …". What it is and where it goes say it all; the words go. ("out of
 * the bowl" stays: a container can tell which thing is meant.)
 */
function fromWhere(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const nextStep = (k: number): boolean =>
    (w(k) === 'and' || w(k) === 'then' || tokens[k]?.text === ',') &&
    [w(k + 1), w(k + 2)].some((x) => x !== undefined && VERBS.has(x) && x !== 'and' && x !== 'then');
  for (let k = 1; k < tokens.length; k++) {
    // "take it off", "lift the black block off, then …": off what it stands on (the top of it).
    if (
      w(k) === 'off' &&
      (k + 1 >= tokens.length || tokens[k + 1]!.kind === 'punct' || ['and', 'then', 'first'].includes(w(k + 1) ?? '')) &&
      tokens.slice(Math.max(0, k - 6), k).some((t) => TAKE_VERBS.has(t.text))
    ) {
      const at = (text: string): Token => ({ ...tokens[k]!, text, start: tokens[k]!.end });
      return fromWhere([...tokens.slice(0, k + 1), at('the'), at('top'), ...tokens.slice(k + 1)]);
    }
    // The take verb a few words before, with nothing but the thing between.
    let v = k - 1;
    while (v > 0 && k - v < 10 && tokens[v]!.kind === 'word' && !TAKE_VERBS.has(w(v)!)) v--;
    if (!TAKE_VERBS.has(w(v) ?? '') || v === k - 1) continue;
    let j = k;
    if (w(j) === 'back' && w(j + 1) === 'out') j++;
    if (w(j) === 'out') {
      j++;
      if (w(j) === 'of' && ['the', 'its', 'their', 'that'].includes(w(j + 1) ?? '') && GROUP_NOUNS.has(w(j + 2) ?? '')) j += 3;
      else if (w(j) === 'of') continue;
    } else if (w(j) === 'in' && w(j + 1) === 'from' && ['its', 'their', 'the', 'that'].includes(w(j + 2) ?? '')) {
      j += 3;
      while (j < tokens.length && tokens[j]!.kind === 'word' && !['and', 'then'].includes(w(j)!) && j - k < 8) j++;
    } else continue;
    if (!nextStep(j)) continue;
    // ("bring X" then where: "take X", as "bring" alone asks where to.)
    const verb = w(v) === 'bring' ? [{ ...tokens[v]!, text: 'take' }] : [tokens[v]!];
    return fromWhere([...tokens.slice(0, v), ...verb, ...tokens.slice(v + 1, k), ...tokens.slice(j)]);
  }
  return tokens;
}

/**
 * "the block in the (very) middle of the grid": the middle one of the grid's middle row ("the
 * middle block of the middle row", marked as phrasings.ts marks a row), not the one nearest the
 * middle of the table.
 */
function middleOfGrid(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k < tokens.length; k++) {
    if (!(NOUNS.has(w(k) ?? '') && !NOUNS.get(w(k)!)!.plural) && w(k) !== 'one') continue;
    let j = k + 1;
    if (!['in', 'at'].includes(w(j) ?? '') || w(j + 1) !== 'the') continue;
    j += 2;
    if (['very', 'exact', 'dead'].includes(w(j) ?? '')) j++;
    if (!['middle', 'centre', 'center'].includes(w(j) ?? '') || w(j + 1) !== 'of' || w(j + 2) !== 'the') continue;
    if (!['grid', 'square', 'checkerboard', 'board'].includes(w(j + 3) ?? '')) continue;
    // The row's mark (as phrasings.ts writes it) after the thing's determiner, before its adjectives.
    let d = k;
    while (
      d > 0 &&
      k - d < 3 &&
      tokens[d - 1]!.kind === 'word' &&
      !['the', 'a', 'an', 'that', 'this'].includes(w(d - 1)!) &&
      !VERBS.has(w(d - 1)!)
    )
      d--;
    const at = (text: string): Token => ({ kind: 'word', text, start: tokens[d]!.start, end: tokens[d]!.start });
    return middleOfGrid([...tokens.slice(0, d), at('row:middle'), at('middle'), ...tokens.slice(d, k + 1), ...tokens.slice(j + 4)]);
  }
  return tokens;
}

/** Words of a part of the table before its head ("the top right corner", "the left-hand side"). */
const REGION_SIDES: ReadonlySet<string> = new Set([
  'top',
  'bottom',
  'left',
  'right',
  'upper',
  'lower',
  'front',
  'back',
  'far',
  'hand',
  '-',
]);
/** The heads of a part of the table, and the preposition a thing in it takes. */
const REGION_HEADS: Readonly<Record<string, string>> = {
  corner: 'in',
  corners: 'in',
  half: 'in',
  middle: 'in',
  centre: 'in',
  center: 'in',
  side: 'on',
  edge: 'on',
};

/**
 * A part of the table named at `i` ("the top right corner", "that corner", "the left side",
 * "the middle (of the table)"), as its end and the words that name it where a thing is ("in a
 * corner" for "that corner": which one was pointed at is not in the words); null when the
 * phrase goes on to name something else ("the left side of the bowl").
 */
function regionAt(tokens: readonly Token[], i: number): { end: number; words: string[] } | null {
  const w = (k: number): string | undefined => (tokens[k]?.kind === 'word' || tokens[k]?.text === '-' ? tokens[k]!.text : undefined);
  const det = w(i);
  if (!['the', 'that', 'this'].includes(det ?? '')) return null;
  let j = i + 1;
  const sides: string[] = [];
  while (REGION_SIDES.has(w(j) ?? '') && j - i < 5) sides.push(w(j++)!);
  const head = w(j);
  // "the top right" said alone: a corner's part of the table (never one side alone: "the
  // second from the left" counts).
  const vertical = sides.some((x) => ['top', 'bottom', 'upper', 'lower', 'front', 'back'].includes(x));
  const across = sides.some((x) => x === 'left' || x === 'right');
  if ((head === undefined || REGION_HEADS[head] === undefined) && vertical && across && !NOUNS.has(head ?? ''))
    return { end: j, words: ['in', 'the', ...sides] };
  if (head === undefined || REGION_HEADS[head] === undefined) return null;
  j++;
  // ("off the middle pile": the middle one of the piles, not a part of the table.)
  if (NOUNS.has(w(j) ?? '') || TOWER_WORDS.has(w(j) ?? '') || ['one', 'ones'].includes(w(j) ?? '')) return null;
  if (w(j) === 'of') {
    if (w(j + 1) === 'the' && ['table', 'tabletop', 'workspace'].includes(w(j + 2) ?? '')) j += 3;
    else return null;
  }
  const named = sides.filter((x) => x !== '-' && x !== 'hand');
  if (named.length === 0 && (head === 'side' || head === 'edge' || head === 'half')) return null;
  const article = det !== 'the' && named.length === 0 && head === 'corner' ? 'a' : 'the';
  return { end: j, words: [REGION_HEADS[head]!, article, ...sides, head] };
}

/**
 * Where a thing stands now, said of a part of the table: "get the blue ball out of that corner
 * and …", "all the blocks from the top right corner onto the tray", "the cans off the left side".
 * It says which thing is meant, as "that is in the top right corner" does; after "it" or "them",
 * or as "that corner" (pointing at a corner the words do not name), it says nothing more, and goes.
 */
function fromRegion(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k < tokens.length; k++) {
    const from = w(k);
    if (from !== 'from' && from !== 'off' && from !== 'out') continue;
    let start = from === 'out' && w(k + 1) === 'of' ? k + 2 : from === 'out' ? -1 : k + 1;
    if (start < 0) continue;
    // "from that pile in the top right": the pile says no more than where it lies.
    if (
      ['the', 'that', 'this'].includes(w(start) ?? '') &&
      ['pile', 'group', 'bunch', 'cluster', 'heap', 'huddle', 'lot'].includes(w(start + 1) ?? '') &&
      ['in', 'at', 'on'].includes(w(start + 2) ?? '')
    )
      start += 3;
    const region = regionAt(tokens, start);
    if (region === null) continue;
    const before = w(k - 1) ?? '';
    const at = (text: string): Token => ({ kind: 'word', text, start: tokens[k]!.start, end: tokens[k]!.start });
    if (['it', 'them', 'they'].includes(before)) return fromRegion([...tokens.slice(0, k), ...tokens.slice(region.end)]);
    const noun = NOUNS.has(before) || before === 'one' || before === 'ones' || before === 'everything' || before === 'things';
    if (!noun) continue;
    // "out of that corner": it points, and the words do not say which corner; the thing named says which.
    if (region.words[1] === 'a' && before !== 'everything') return fromRegion([...tokens.slice(0, k), ...tokens.slice(region.end)]);
    const plural = before === 'ones' || before === 'things' || (NOUNS.has(before) && singularOf(before) !== before);
    return fromRegion([...tokens.slice(0, k), at('that'), at(plural ? 'are' : 'is'), ...region.words.map(at), ...tokens.slice(region.end)]);
  }
  return tokens;
}

/**
 * Where it goes, said as any one of several containers: "in any of the bowls", "into one of the
 * trays" are "in any bowl", "in some bowl" is "in a bowl"; "any bowl other than / but the red one"
 * is "any bowl except the red one".
 */
function anyContainer(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    if (!['in', 'into', 'on', 'onto'].includes(w(k) ?? '')) continue;
    const at = (text: string): Token => ({ kind: 'word', text, start: tokens[k + 1]!.start, end: tokens[k + 1]!.start });
    let end = -1;
    let noun: string | undefined;
    if (['any', 'one', 'either', 'some'].includes(w(k + 1) ?? '') && w(k + 2) === 'of' && w(k + 3) === 'the' && containerWord(w(k + 4))) {
      noun = NOUNS.get(w(k + 4)!)!.plural ? singularOf(w(k + 4)!) : undefined;
      end = k + 5;
    } else if (w(k + 1) === 'some' && containerWord(w(k + 2)) && !NOUNS.get(w(k + 2)!)!.plural) {
      noun = w(k + 2);
      end = k + 3;
    }
    if (noun === undefined || end < 0) continue;
    const rest = tokens.slice(end);
    // "… other than the red one", "… but the red one": except it.
    let other = 0;
    if (w(end) === 'other' && w(end + 1) === 'than') other = 2;
    else if (w(end) === 'but' && ['the', 'not'].includes(w(end + 1) ?? '')) other = 1;
    const except = other > 0 ? [at('except'), ...rest.slice(other)] : rest;
    // ("any" spans the words it stands for: what the phrase says is read from them.)
    // ("some bowl that isn't blue": "a bowl …", which a relative clause may follow.)
    const any: Token = {
      kind: 'word',
      text: end === k + 3 && other === 0 ? 'a' : 'any',
      start: tokens[k + 1]!.start,
      end: tokens[end - 1]!.end,
    };
    const head: Token = { kind: 'word', text: noun, start: tokens[end - 1]!.end, end: tokens[end - 1]!.end };
    return anyContainer([...tokens.slice(0, k + 1), any, head, ...except]);
  }
  return tokens;
}

/**
 * "take the two top blocks off and put one in each bowl", "… put one of them on each tray": the
 * things named before, one in each ("put them one in each bowl").
 */
function oneInEach(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k < tokens.length; k++) {
    if (!['put', 'place', 'drop', 'set', 'pop'].includes(w(k) ?? '') || w(k + 1) !== 'one') continue;
    const n = w(k + 2) === 'of' && ['them', 'these', 'those'].includes(w(k + 3) ?? '') ? 2 : 0;
    const p = k + 2 + n;
    if (!['in', 'into', 'on', 'onto'].includes(w(p) ?? '') || !['each', 'every'].includes(w(p + 1) ?? '')) continue;
    // Things said before, in the plural.
    if (!tokens.slice(0, k).some((t) => NOUNS.get(t.text)?.plural && !containerWord(t.text))) continue;
    const at = (text: string): Token => ({ kind: 'word', text, start: tokens[k + 1]!.start, end: tokens[k + 1]!.start });
    return oneInEach([...tokens.slice(0, k + 1), at('them'), tokens[k + 1]!, ...tokens.slice(p)]);
  }
  return tokens;
}

/** The shape a group of things makes, named as a group: "the left end of the cross", "the top of the plus sign", "from the diamond". */
const GROUP_SHAPES: ReadonlySet<string> = new Set([
  'cross',
  'plus',
  'diamond',
  'triangle',
  'pattern',
  'formation',
  'arrangement',
  'shape',
  'x',
]);

function shapesOfGroups(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (GROUP_SHAPES.has(w(k) ?? '') && w(k - 1) === 'the' && ['of', 'from'].includes(w(k - 2) ?? '')) {
      out.push({ ...t, text: 'group' });
      if (w(k) === 'plus' && w(k + 1) === 'sign') k++;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** "a lot further right than the red one", "further left than X": "a lot to the right of the red one"; "further up than X": above it. */
function furtherThan(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    if (!['further', 'farther', 'more'].includes(w(k) ?? '') || w(k + 2) !== 'than') continue;
    const side = w(k + 1) ?? '';
    const said =
      side === 'left' || side === 'right' ? ['to', 'the', side, 'of'] : side === 'up' ? ['above'] : side === 'down' ? ['below'] : null;
    if (said === null) continue;
    const at = (text: string): Token => ({ kind: 'word', text, start: tokens[k]!.start, end: tokens[k]!.start });
    return furtherThan([...tokens.slice(0, k), ...said.map(at), ...tokens.slice(k + 3)]);
  }
  return tokens;
}

/** "line the blocks up straight (across the table)": "straight" says how, as a line is; left out ("a straight line" stays). */
function straightAcross(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  return tokens.filter(
    (t, k) =>
      !(
        t.text === 'straight' &&
        t.kind === 'word' &&
        (w(k - 1) === 'up' || ['across', 'along', 'down', 'up'].includes(w(k + 1) ?? '')) &&
        tokens.slice(Math.max(0, k - 6), k).some((x) => ['line', 'lined', 'lining', 'row', 'arrange', 'set'].includes(x.text))
      ),
  );
}

/**
 * Several things kept together where they go: "put the red and the green block next to each other
 * in the middle", "side by side in the top left corner", "(close) together in the middle": a row
 * there. "in a square" of things is a 2 by 2 grid; "the corner blocks" are the blocks in the
 * corners; "onto the top of the stack" is on top of it; "…, starting with the red one" after a put
 * of several is the order of doing, left out.
 */
function groupedAt(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const at = (text: string, t: Token): Token => ({ kind: 'word', text, start: t.start, end: t.start });
  for (let k = 1; k < tokens.length; k++) {
    let n = 0;
    if (w(k) === 'next' && w(k + 1) === 'to' && w(k + 2) === 'each' && w(k + 3) === 'other') n = 4;
    else if (w(k) === 'side' && w(k + 1) === 'by' && w(k + 2) === 'side') n = 3;
    else if (w(k) === 'close' && w(k + 1) === 'together') n = 2;
    else if (
      w(k) === 'together' &&
      !['group', 'grouped', 'bunch', 'cluster', 'gather'].some((v) => tokens.slice(Math.max(0, k - 8), k).some((t) => t.text === v))
    )
      n = 1;
    if (n > 0 && ['in', 'at', 'on'].includes(w(k + n) ?? '') && w(k + n + 1) === 'the') {
      const place = tokens.slice(k + n + 2, k + n + 6).map((t) => t.text);
      const region = ['middle', 'centre', 'center', 'corner', 'top', 'bottom', 'left', 'right', 'front', 'back'].some((x) =>
        place.includes(x),
      );
      if (region && !place.some(containerWord))
        return groupedAt([...tokens.slice(0, k), at('in', tokens[k]!), at('a', tokens[k]!), at('row', tokens[k]!), ...tokens.slice(k + n)]);
    }
    // "gather the blocks in the top left corner", "collect them at the left side": a row there (a
    // gathering verb with a part of the table, not a container).
    if (
      ['gather', 'collect', 'cluster', 'bunch', 'herd', 'round'].includes(w(k - 1) ?? '') &&
      (k - 1 === 0 || endsSentence(tokens[k - 2]) || tokens[k - 2]!.text === ',' || ['please', 'and', 'then'].includes(w(k - 2) ?? ''))
    ) {
      let e = k;
      while (e < tokens.length && tokens[e]!.kind === 'word' && !['in', 'into', 'at', 'to', 'on', 'onto'].includes(w(e)!)) e++;
      const place = tokens.slice(e + 1, e + 6).map((t) => t.text);
      const region = ['middle', 'centre', 'center', 'corner', 'side', 'edge'].some((x) => place.includes(x));
      if (
        e < tokens.length &&
        w(e + 1) === 'the' &&
        region &&
        !place.some(containerWord) &&
        !tokens.slice(k, e).some((t) => t.text === 'row' || t.text === 'line')
      )
        return groupedAt([
          ...tokens.slice(0, k - 1),
          at('put', tokens[k - 1]!),
          ...tokens.slice(k, e),
          at('in', tokens[e]!),
          at('a', tokens[e]!),
          at('row', tokens[e]!),
          at('in', tokens[e]!),
          ...tokens.slice(e + 1),
        ]);
    }
    // "in a square": four things, two by two.
    if (
      w(k) === 'in' &&
      w(k + 1) === 'a' &&
      w(k + 2) === 'square' &&
      (k + 3 >= tokens.length || tokens[k + 3]!.kind === 'punct' || w(k + 3) === 'please')
    ) {
      const two: Token = { kind: 'number', text: '2', value: 2, start: tokens[k + 2]!.start, end: tokens[k + 2]!.start };
      return groupedAt([
        ...tokens.slice(0, k + 2),
        two,
        at('by', tokens[k + 2]!),
        two,
        { ...tokens[k + 2]!, text: 'grid' },
        ...tokens.slice(k + 3),
      ]);
    }
    // "the corner blocks": the blocks in the corners.
    if (w(k - 1) === 'the' && w(k) === 'corner' && NOUNS.get(w(k + 1) ?? '')?.plural)
      return groupedAt([
        ...tokens.slice(0, k),
        tokens[k + 1]!,
        at('in', tokens[k]!),
        at('the', tokens[k]!),
        { ...tokens[k]!, text: 'corners' },
        ...tokens.slice(k + 2),
      ]);
    // "onto the top of the stack": on top of it.
    if (
      ['onto', 'on'].includes(w(k) ?? '') &&
      w(k + 1) === 'the' &&
      w(k + 2) === 'top' &&
      w(k + 3) === 'of' &&
      TOWER_WORDS.has(w(k + 5) ?? '')
    )
      return groupedAt([...tokens.slice(0, k), at('on', tokens[k]!), at('top', tokens[k]!), ...tokens.slice(k + 3)]);
    // "…, starting with the red one" / "starting from the left" after what several do: the order of doing.
    if (w(k) === 'starting' && ['with', 'from'].includes(w(k + 1) ?? '')) {
      let e = k + 2;
      while (e < tokens.length && tokens[e]!.kind === 'word' && !['and', 'then'].includes(w(e)!)) e++;
      const from = tokens[k - 1]?.text === ',' ? k - 1 : k;
      if (e > k + 2) return groupedAt([...tokens.slice(0, from), ...tokens.slice(e)]);
    }
  }
  return tokens;
}

/** "…, red green blue from left to right": three or more colours said in a run, with no commas, are a list ("red, green, blue"). */
function colourRuns(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    let e = k;
    while (e < tokens.length && isColor(w(e) ?? '')) e++;
    if (e - k < 3) {
      k = e;
      continue;
    }
    const next = tokens[e];
    if (
      !(
        next === undefined ||
        next.kind === 'punct' ||
        ['from', 'left', 'right', 'top', 'bottom', 'then', 'and', 'going'].includes(next.text)
      )
    ) {
      k = e;
      continue;
    }
    const out: Token[] = [...tokens.slice(0, k)];
    for (let j = k; j < e; j++) {
      if (j > k) out.push(punctBefore(tokens[j]!, ','));
      out.push(tokens[j]!);
    }
    return [...out, ...tokens.slice(e)];
  }
  return tokens;
}

/** "so its just to the right of X" (no apostrophe): "so it is …". */
function soItsIs(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const k = tokens.findIndex(
    (t, i) =>
      t.text === 'its' &&
      w(i - 1) === 'so' &&
      [
        'just',
        'right',
        'next',
        'to',
        'in',
        'on',
        'beside',
        'near',
        'a',
        'at',
        'directly',
        'exactly',
        'between',
        'above',
        'below',
        'behind',
      ].includes(w(i + 1) ?? ''),
  );
  if (k < 0) return tokens;
  const t = tokens[k]!;
  return [...tokens.slice(0, k), { ...t, text: 'it', end: t.start + 2 }, { ...t, text: 'is', start: t.start + 2 }, ...tokens.slice(k + 1)];
}

/** "every ball, black or white, into …": colours said between commas after "every" / "all" are every colour there is; left out. */
function anyColourAside(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 2; k < tokens.length; k++) {
    if (tokens[k - 1]?.text !== ',' || !NOUNS.get(w(k - 2) ?? '')) continue;
    if (!tokens.slice(Math.max(0, k - 5), k - 1).some((t) => ['every', 'all', 'each', 'any'].includes(t.text))) continue;
    let e = k;
    while (e < tokens.length && (isColor(w(e) ?? '') || ['or', 'and'].includes(w(e) ?? ''))) e++;
    if (e - k < 3 || tokens[e]?.text !== ',' || !['or', 'and'].includes(w(e - 2) ?? '')) continue;
    return anyColourAside([...tokens.slice(0, k - 1), ...tokens.slice(e + 1)]);
  }
  return tokens;
}

/** "I want every one of them sitting on the table", "I'd like each of them in …": "them all". */
function everyOneOfThem(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k < tokens.length; k++) {
    if (!['want', 'need', 'like', 'have', 'get'].includes(w(k - 1) ?? '')) continue;
    const n =
      w(k) === 'every' && w(k + 1) === 'one'
        ? 2
        : w(k) === 'each' && w(k + 1) === 'one'
          ? 2
          : ['each', 'all', 'both'].includes(w(k) ?? '')
            ? 1
            : 0;
    if (n === 0 || w(k + n) !== 'of' || !['them', 'these', 'those'].includes(w(k + n + 1) ?? '')) continue;
    const at = (text: string): Token => ({ kind: 'word', text, start: tokens[k]!.start, end: tokens[k]!.start });
    return everyOneOfThem([...tokens.slice(0, k), at('them'), at('all'), ...tokens.slice(k + n + 2)]);
  }
  return tokens;
}

/**
 * "black things on the tray, but leave the black ball where it is": a thing and where it goes,
 * with no verb, before what is kept, is a put (it was read as a topic for what is kept).
 */
function putBeforeKeep(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const comma = tokens.findIndex((t) => t.kind === 'punct' && t.text === ',');
  if (comma < 3) return tokens;
  let k = comma + 1;
  if (['but', 'and', 'just'].includes(w(k) ?? '')) k++;
  if (!['leave', 'keep'].includes(w(k) ?? '')) return tokens;
  const head = tokens.slice(0, comma);
  if (head.some((t) => t.kind !== 'word' || VERBS.has(t.text))) return tokens;
  const at = head.findIndex((t, i) => i > 0 && ['in', 'on', 'into', 'onto'].includes(t.text));
  const container = head.slice(at + 1).find((t) => NOUNS.has(t.text));
  if (at < 1 || !container || !containerWord(container.text)) return tokens;
  if (!head.slice(0, at).some((t) => NOUNS.has(t.text) || isColor(t.text) || t.text === 'everything')) return tokens;
  return [{ kind: 'word', text: 'put', start: tokens[0]!.start, end: tokens[0]!.start }, ...tokens];
}

/**
 * "split the pairs up, one block in each corner", "break up the clumps and …": what lies together
 * is the things themselves, and where they go next says how they part.
 */
function splitGroups(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  return tokens.map((t, k) => {
    if (!['pairs', 'couples', 'clumps', 'clusters', 'bunches', 'huddles'].includes(t.text) || w(k + 1) === 'of' || w(k - 1) !== 'the')
      return t;
    let v = k - 2;
    if (['up', 'apart'].includes(w(v) ?? '')) v--;
    return ['split', 'separate', 'break', 'pull', 'spread'].includes(w(v) ?? '') ? { ...t, text: 'things' } : t;
  });
}

/**
 * "Clear the top right corner onto the tray", "empty that corner, all the blocks onto the tray":
 * what is in that part of the table goes where it is said to ("everything" unless the next
 * words name which things). With nowhere said, the words stay as they are (and the grammar asks).
 */
function clearRegion(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    if (w(k) !== 'clear' && w(k) !== 'empty') continue;
    if (k > 0 && tokens[k - 1]!.kind === 'word' && !['please', 'and', 'then', 'you', 'now', 'first', 'just'].includes(w(k - 1)!)) continue;
    let r = k + 1;
    if (['off', 'out', 'up'].includes(w(r) ?? '')) r++;
    const region = regionAt(tokens, r);
    if (region === null) continue;
    const at = (text: string): Token => ({ kind: 'word', text, start: tokens[k]!.start, end: tokens[k]!.start });
    const whence = tokens.slice(r, region.end);
    const next = region.end;
    const intoWords = ['into', 'onto', 'in', 'on', 'to', 'over'];
    if (intoWords.includes(w(next) ?? ''))
      return [...tokens.slice(0, k), at('put'), at('everything'), at('from'), ...whence, ...tokens.slice(next)];
    if (tokens[next]?.text !== ',' && w(next) !== 'and') continue;
    // ", all the blocks onto the tray": which things, then where, with no verb of its own.
    let e = next + 1;
    while (e < tokens.length && !endsSentence(tokens[e]!) && !VERBS.has(w(e) ?? '') && !intoWords.includes(w(e) ?? '')) e++;
    if (!intoWords.includes(w(e) ?? '') || e === next + 1) continue;
    let noun = -1;
    for (let j = next + 1; j < e; j++) if (NOUNS.has(w(j) ?? '') || ['everything', 'ones'].includes(w(j) ?? '')) noun = j;
    if (noun < 0) continue;
    return [...tokens.slice(0, k), at('put'), ...tokens.slice(next + 1, noun + 1), at('from'), ...whence, ...tokens.slice(noun + 1)];
  }
  return tokens;
}

/**
 * "Everything that's not red, and not a bowl or tray, onto the tray": "everything" never takes
 * the containers, so ", and not a bowl or tray" says nothing more; left out.
 */
function notContainers(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k < tokens.length; k++) {
    // (Also "anything that is not gray and not a container", "every thing that's not green and not a bowl or tray".)
    const comma = tokens[k]!.text === ',';
    if (!((comma && (w(k + 1) === 'not' || (w(k + 1) === 'and' && w(k + 2) === 'not'))) || (w(k) === 'and' && w(k + 1) === 'not')))
      continue;
    if (!tokens.slice(0, k).some((t) => ['everything', 'anything', 'things', 'objects', 'thing'].includes(t.text))) continue;
    let j = comma ? k + (w(k + 1) === 'and' ? 3 : 2) : k + 2;
    let named = 0;
    while (j < tokens.length) {
      if (['a', 'an', 'or', 'and', 'nor'].includes(w(j) ?? '') || tokens[j]!.text === ',') j++;
      else if (containerWord(w(j))) {
        named++;
        j++;
      } else break;
    }
    while (j > k && tokens[j - 1]!.text === ',') j--;
    if (named === 0 || (comma && tokens[j]?.text !== ',')) continue;
    return notContainers([...tokens.slice(0, k), ...tokens.slice(j)]);
  }
  return tokens;
}

/** "the block farthest to the left on the whole table", "the biggest of the entire table": the table is where everything is; left out. */
function wholeTable(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++)
    if (
      ['on', 'of', 'in', 'across'].includes(w(k) ?? '') &&
      w(k + 1) === 'the' &&
      ['whole', 'entire'].includes(w(k + 2) ?? '') &&
      w(k + 3) === 'table'
    )
      return wholeTable([...tokens.slice(0, k), ...tokens.slice(k + 4)]);
  return tokens;
}

const UPRIGHT_SAID = [
  /^(keep|leave|have) (it|them) (standing( up)?|upright|vertical|up|(the )?right way up|on (its|their) ends?)$/,
  /^(stand|set|keep) (it|them) (up|upright|up straight|on (its|their) ends?)$/,
  /^(don't|dont|do not|never) (lay|put|tip|knock|set) (it|them) (down|flat|over|on (its|their) sides?)( flat)?$/,
  /^not (lying|laid|laying) (down|flat)$/,
  /^not on (its|their) sides?$/,
];

/** "Put it in the bowl. Keep it there.": said of where it was just put — it asks for nothing more. */
const LEAVE_IT_SAID = /^(keep|leave) (it|them) (there|in there|on there|where (it is|they are)|like that)$/;

/**
 * "The yellow can goes on the tray. Stand it up, don't lay it down.", "Blue can: a little left of
 * the tray. Keep it standing.", "… - keep it the right way up": words that only say to keep it
 * upright belong to what was said before — read as ", upright" there (not "keep holding it").
 * "Keep it there." after that says nothing more and goes.
 */
function uprightSentences(tokens: Token[]): Token[] {
  const stop = (k: number): boolean => endsSentence(tokens[k]);
  const words = (ts: Token[]): string =>
    ts
      .filter((t) => t.kind === 'word' && !['please', 'pls', 'and', 'then', 'also', 'but', 'just'].includes(t.text))
      .map((t) => t.text)
      .join(' ');
  const upright = (ts: Token[]): boolean => UPRIGHT_SAID.some((re) => re.test(words(ts)));
  let prevEnd = -1;
  for (let start = 0, i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && !stop(i)) continue;
    // The sentence's parts between commas and dashes; the trailing ones that only say "upright".
    const cuts = [start - 1];
    // (", and keep it standing up" too: "and" before a part that only says upright.)
    for (let k = start; k < i; k++)
      if (
        (tokens[k]!.kind === 'punct' && [',', '-'].includes(tokens[k]!.text)) ||
        (tokens[k]!.kind === 'word' && tokens[k]!.text === 'and' && k > start && tokens[k - 1]!.kind === 'word')
      )
        cuts.push(k);
    cuts.push(i);
    let from = cuts.length - 1;
    while (
      from > 0 &&
      words(tokens.slice(cuts[from - 1]! + 1, cuts[from]!)) !== '' &&
      upright(tokens.slice(cuts[from - 1]! + 1, cuts[from]!))
    )
      from--;
    const at = tokens[Math.max(start - 1, 0)]!;
    const word = (text: string, kind: 'word' | 'punct' = 'word'): Token => ({ kind, text, start: at.start, end: at.start });
    if (from < cuts.length - 1) {
      // All of the sentence: to the sentence before (if any); else its tail, after what it says first.
      if (from === 0 && prevEnd >= 0)
        return [...tokens.slice(0, prevEnd), word(',', 'punct'), word('upright'), ...uprightSentences(tokens.slice(i))];
      if (from > 0) return [...tokens.slice(0, cuts[from]!), word(',', 'punct'), word('upright'), ...uprightSentences(tokens.slice(i))];
    }
    if (prevEnd >= 0 && LEAVE_IT_SAID.test(words(tokens.slice(start, i))))
      return [...tokens.slice(0, prevEnd), ...uprightSentences(tokens.slice(i))];
    if (i < tokens.length) prevEnd = i;
    start = i + 1;
  }
  return tokens;
}

const POSTURES = new Set(['sitting', 'sit', 'sat', 'resting', 'rest', 'placed', 'snuggled', 'nestled', 'perched', 'parked']);
const POSTURE_PLACES = new Set([
  'in',
  'into',
  'on',
  'onto',
  'inside',
  'next',
  'beside',
  'by',
  'at',
  'near',
  'just',
  'right',
  'up',
  'to',
  'over',
  'under',
  'below',
  'above',
  'behind',
  'a',
]);

/**
 * What the speaker wants to see, said with a posture: "What I'd like at the end is the blue block
 * sitting in the yellow bowl", "if you could get that ball sat on the tray", "move it so it's sat
 * next to X": the posture word goes ("I want the blue block in the yellow bowl"). Also lead-ins
 * that ask for nothing ("when you get a sec", "cheers mate,", "pretty please").
 */
function wishedPostures(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const at = (text: string, t: Token): Token => ({ ...t, kind: 'word', text });
  for (let k = 0; k < tokens.length; k++) {
    // "What I'd like (at the end) is …": "I want …".
    if (w(k) === 'what' && (w(k + 1) === 'i' || w(k + 1) === "i'd")) {
      let j = k + 2;
      if (w(k + 1) === 'i' && w(j) === 'would') j++;
      if (['like', 'want', 'need', 'wanna'].includes(w(j) ?? '')) {
        j++;
        if (['at', 'in'].includes(w(j) ?? '') && w(j + 1) === 'the' && w(j + 2) === 'end') j += 3;
        else if (w(j) === 'to' && w(j + 1) === 'see') j += 2;
        if (w(j) === 'is')
          return wishedPostures([...tokens.slice(0, k), at('i', tokens[k]!), at('want', tokens[k]!), ...tokens.slice(j + 1)]);
      }
    }
    // "when you get a sec,", "if you get a chance": asks for nothing.
    if (
      ['when', 'whenever', 'if'].includes(w(k) ?? '') &&
      w(k + 1) === 'you' &&
      ['get', 'have', 'got'].includes(w(k + 2) ?? '') &&
      w(k + 3) === 'a'
    ) {
      if (['sec', 'second', 'chance', 'moment', 'minute', 'mo', 'min'].includes(w(k + 4) ?? '')) {
        const end = tokens[k + 5]?.text === ',' ? k + 6 : k + 5;
        return wishedPostures([...tokens.slice(0, k), ...tokens.slice(end)]);
      }
    }
    if (w(k) === 'pretty' && w(k + 1) === 'please') return wishedPostures([...tokens.slice(0, k), ...tokens.slice(k + 1)]);
    if (
      k === 0 &&
      ['cheers', 'ta'].includes(w(k) ?? '') &&
      (tokens[k + 1]?.text === ',' || (w(k + 1) === 'mate' && tokens[k + 2]?.text === ','))
    ) {
      const end = tokens[k + 1]?.text === ',' ? k + 2 : k + 3;
      return wishedPostures(tokens.slice(end));
    }
    // The posture before where: after a thing ("the blue block sitting in"), or "it's sat next to".
    if (POSTURES.has(w(k) ?? '') && POSTURE_PLACES.has(w(k + 1) ?? '') && w(k - 1) !== 'to') {
      let j = k + 1;
      if (w(k) === 'snuggled' && w(j) === 'up') j++;
      const before = tokens
        .slice(0, k)
        .filter((t) => t.kind === 'word')
        .map((t) => t.text);
      const wish = before.some(
        (x, i) =>
          (x === 'want' || x === 'like' || x === 'need' || x === 'love') && ['i', "i'd", 'would', 'd'].includes(before[i - 1] ?? ''),
      );
      // ("get the block sitting on the tray and put it in the bowl": "get" picks it there, the posture says which.)
      let end = j;
      while (end < tokens.length && !endsSentence(tokens[end])) end++;
      const more = tokens.slice(j, end).some((t) => t.kind === 'word' && VERBS.has(t.text) && !['and', 'then'].includes(t.text));
      const getIt = !more && before.some((x) => x === 'get' || x === 'have');
      const soIts = ['is', 'are'].includes(w(k - 1) ?? '') && ['it', 'they', 'them'].includes(w(k - 2) ?? '') && w(k - 3) === 'so';
      // ("get that ball sat on the tray": put it there.)
      let get = -1;
      if (getIt && !wish && !soIts) for (let i = 0; i < k; i++) if (w(i) === 'get' || w(i) === 'have') get = i;
      const lead = get >= 0 ? [...tokens.slice(0, get), at('put', tokens[get]!), ...tokens.slice(get + 1, k)] : tokens.slice(0, k);
      if (wish || getIt || soIts) return wishedPostures([...lead, ...tokens.slice(j)]);
    }
  }
  return tokens;
}

/**
 * "Yellow block, purple bowl, in you go.", "orange ball, cyan tray, off you go": a thing, a
 * container, and the word to go — the thing into the container.
 */
function offYouGo(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const stop = (k: number): boolean => k >= tokens.length || endsSentence(tokens[k]);
  for (let k = 2; k < tokens.length; k++) {
    if (!(['in', 'off', 'away', 'on', 'there'].includes(w(k) ?? '') && w(k + 1) === 'you' && w(k + 2) === 'go' && stop(k + 3))) continue;
    if (tokens[k - 1]!.text !== ',') continue;
    let start = k - 1;
    while (start > 0 && !stop(start - 1)) start--;
    const part = tokens.slice(start, k - 1);
    const commas = part.map((t, i) => (t.text === ',' ? i : -1)).filter((i) => i >= 0);
    const last = part.at(-1);
    const container = containerWord(last?.text);
    if (commas.length !== 1 || !container || part.some((t) => VERBS.has(t.text))) continue;
    const into: Token = { ...part[commas[0]!]!, kind: 'word', text: 'into' };
    return offYouGo([...tokens.slice(0, start), ...part.slice(0, commas[0]!), into, ...part.slice(commas[0]! + 1), ...tokens.slice(k + 3)]);
  }
  return tokens;
}

const SUPERLATIVES = new Set(['smallest', 'largest', 'biggest', 'tallest', 'shortest', 'littlest', 'tiniest', 'heaviest', 'lightest']);
/** "which tray is bigger?": the superlative it asks for. */
const COMPARATIVE_SIZES: Readonly<Record<string, string>> = {
  bigger: 'biggest',
  larger: 'largest',
  smaller: 'smallest',
  taller: 'tallest',
  shorter: 'shortest',
  littler: 'littlest',
  tinier: 'tiniest',
  heavier: 'heaviest',
  lighter: 'lightest',
  higher: 'highest',
  lower: 'lowest',
};

/**
 * "any block whose colour has a bowl goes in that bowl", "blocks that have a bowl of the same
 * colour go in it": the bowl meant is the one of its colour ("… goes in the bowl of its colour").
 */
function thatBowlOfItsColour(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  let start = 0;
  for (let k = 0; k < tokens.length; k++) {
    if (endsSentence(tokens[k])) start = k + 1;
    if (!['in', 'into', 'on', 'onto', 'inside'].includes(w(k) ?? '')) continue;
    const one =
      w(k + 1) === 'it' || w(k + 1) === 'them' ? 1 : w(k + 1) === 'that' && (containerWord(w(k + 2)) || w(k + 2) === 'one') ? 2 : 0;
    if (one === 0) continue;
    const next = tokens[k + 1 + one];
    if (!(next === undefined || next.kind === 'punct' || ['and', 'then', 'please'].includes(next.text))) continue;
    // (What was said before names a container had for its colour.)
    const before = tokens.slice(start, k).map((t) => t.text);
    const had = before.findIndex(
      (x, i) =>
        ['has', 'have', 'got'].includes(x) &&
        ['a', 'an'].includes(before[i + 1] ?? '') &&
        before.slice(i + 2, i + 4).some((y) => containerWord(y)),
    );
    if (had < 0 || !(before.includes('whose') || before.includes('colour') || before.includes('color') || before.includes('matching')))
      continue;
    const noun = before.slice(had + 2, had + 4).find((y) => containerWord(y))!;
    const at = (text: string): Token => ({ kind: 'word', text, start: tokens[k + 1]!.start, end: tokens[k + one]!.end });
    const single = NOUNS.get(noun)?.plural ? noun.replace(/s$/, '') : noun;
    return thatBowlOfItsColour([
      ...tokens.slice(0, k + 1),
      at('the'),
      at(single),
      at('of'),
      at('its'),
      at('color'),
      ...tokens.slice(k + 1 + one),
    ]);
  }
  return tokens;
}

/**
 * "take the green one off first", "lift the red block first, then …": "first" at the end of a
 * clause, after what it acts on, says when — it leads the clause ("first take the green one
 * off"), where the grammar reads it, never a thing ("the first").
 */
function firstAtEnd(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  let start = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'punct' && ['.', '!', '?', ';', ',', '(', ')'].includes(t.text)) start = k + 1;
    if (w(k) === 'then' || w(k) === 'and' || w(k) === 'but') start = k + 1;
    if (w(k) !== 'first' || k === start) continue;
    const next = tokens[k + 1];
    if (!(next === undefined || next.kind === 'punct' || ['then', 'and', 'before'].includes(next.text))) continue;
    const prev = w(k - 1) ?? '';
    if (!(NOUNS.has(prev) || ['one', 'ones', 'it', 'them', 'off', 'out', 'up', 'away', 'down', 'aside'].includes(prev))) continue;
    // (A verb must lead the clause: "the red one first" alone is a choice, left as it is.)
    let s = start;
    while (['please', 'you', 'just'].includes(w(s) ?? '')) s++;
    if (!VERBS.has(w(s) ?? '')) continue;
    return firstAtEnd([...tokens.slice(0, s), t, ...tokens.slice(s, k), ...tokens.slice(k + 1)]);
  }
  return tokens;
}

/** An extreme said after its noun, and its word before the noun ("the block furthest up" → "the topmost block"). */
const EXTREME_AFTER: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  highest: { up: 'highest', '': 'highest' },
  lowest: { down: 'lowest', '': 'lowest' },
  furthest: { up: 'topmost', down: 'bottommost', left: 'leftmost', right: 'rightmost' },
  farthest: { up: 'topmost', down: 'bottommost', left: 'leftmost', right: 'rightmost' },
};
const PICTURE_WORDS: ReadonlySet<string> = new Set(['picture', 'image', 'photo', 'view']);

/**
 * "the block highest up in the picture", "the one lowest down", "the ball furthest left": the
 * extreme before its noun ("the topmost block", "the lowest one", "the leftmost ball"); "in the
 * picture" says it is up the picture, not up a stack.
 */
function extremeAfterNoun(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k < tokens.length; k++) {
    const forms = EXTREME_AFTER[w(k) ?? ''];
    const head = w(k - 1) ?? '';
    if (!forms || !(NOUNS.has(head) || head === 'one')) continue;
    const way = w(k + 1) ?? '';
    const said = forms[way] !== undefined && way !== '' ? way : '';
    let extreme = forms[said];
    if (extreme === undefined) continue;
    let end = said === '' ? k + 1 : k + 2;
    if (['in', 'on'].includes(w(end) ?? '') && w(end + 1) === 'the' && PICTURE_WORDS.has(w(end + 2) ?? '')) {
      end += 3;
      if (extreme === 'highest') extreme = 'topmost';
      if (extreme === 'lowest') extreme = 'bottommost';
    }
    // (Only where the phrase ends: "the block furthest up the table from X" says more than an extreme.)
    const next = tokens[end];
    if (
      !(
        next === undefined ||
        next.kind === 'punct' ||
        ['goes', 'go', 'should', 'into', 'in', 'onto', 'on', 'to', 'and', 'is', "'s"].includes(next.text)
      )
    )
      continue;
    if (said === '' && !(next === undefined || next.kind === 'punct' || ['goes', 'go', 'should', 'is'].includes(next.text))) continue;
    const rewritten = [{ ...tokens[k]!, text: extreme }, tokens[k - 1]!];
    return extremeAfterNoun([...tokens.slice(0, k - 1), ...rewritten, ...tokens.slice(end)]);
  }
  return tokens;
}

/**
 * A superlative said as a clause: "whichever two blocks are the biggest" is "the two biggest
 * blocks"; "the cans that aren't the tallest (one)" are "the cans other than the tallest one".
 */
function superlativeClauses(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const at = (text: string, t: Token): Token => ({ kind: 'word', text, start: t.start, end: t.start });
  for (let k = 0; k < tokens.length; k++) {
    // ("which block is lowest? that one goes …": a question that names the thing, as "whichever".)
    // (Also after the group it is of: "Out of all the red blocks, which one's closest to the tray?")
    const asked = w(k) === 'which' && (k === 0 || endsSentence(tokens[k - 1]) || tokens[k - 1]?.text === ',');
    if (w(k) === 'whichever' || w(k) === 'whatever' || asked) {
      let j = k + 1;
      // ("whichever one is …": "one" is the thing, not a count.)
      const count = (NUMBER_WORDS[w(j) ?? ''] !== undefined && w(j) !== 'one') || tokens[j]?.kind === 'number' ? j++ : -1;
      const head = j;
      while (isColor(w(j) ?? '')) j++;
      const noun = NOUNS.has(w(j) ?? '') || w(j) === 'one' ? j++ : -1;
      // ("whichever block is lowest", "whichever ball sits leftmost": an extreme of place too.)
      // ("whichever block's the closest to X": the possessive is "is".)
      const owned = noun >= 0 && tokens[noun]!.possessive === true;
      if (noun < 0 || (!owned && !['is', 'are', 'sits', 'sit', "'s"].includes(w(j) ?? ''))) continue;
      if (owned) j--;
      const s = w(j + 1) === 'the' ? j + 2 : j + 1;
      // ("Which tray is bigger?": of the two, the bigger is the biggest.)
      const comparative = COMPARATIVE_SIZES[w(s) ?? ''];
      const sup = comparative ?? w(s) ?? '';
      // "which one is closest to the tray?", "whichever block is nearest the bowl": "the one closest to the tray".
      // (Of a thing, not a side: "farthest to the left" is the leftmost, read below.)
      const ofThing =
        w(s + 1) === 'from' ||
        w(s + 1) === 'away' ||
        (w(s + 1) === 'to' && !(w(s + 2) === 'the' && SIDE_WORDS[w(s + 3) ?? ''] !== undefined)) ||
        (['closest', 'nearest'].includes(sup) && w(s + 1) === 'the' && SIDE_WORDS[w(s + 2) ?? ''] === undefined);
      if (['closest', 'nearest', 'farthest', 'furthest'].includes(sup) && ofThing) {
        const q = tokens.slice(s).find((t) => endsSentence(t));
        if (asked && q?.text !== '?') continue;
        const the = at('the', tokens[k]!);
        const rewritten = [the, ...(count >= 0 ? [tokens[count]!] : []), ...tokens.slice(head, noun + 1), ...tokens.slice(s)];
        return superlativeClauses([...tokens.slice(0, k), ...rewritten]);
      }
      if (!(SUPERLATIVES.has(sup) || sup in EXTREMES) || (s === j + 1 && !(sup in EXTREMES) && w(j) !== 'is' && w(j) !== 'are')) continue;
      let end = s + 1;
      if (['one', 'ones'].includes(w(end) ?? '')) end++;
      if (
        !(
          end >= tokens.length ||
          tokens[end]!.kind === 'punct' ||
          ['and', 'then', 'goes', 'go', 'into', 'onto', 'in', 'on', 'to'].includes(w(end) ?? '')
        ) ||
        (asked && tokens.slice(end).find((t) => endsSentence(t))?.text !== '?')
      )
        continue;
      const the = at('the', tokens[k]!);
      const said = comparative ? { ...tokens[s]!, text: comparative } : tokens[s]!;
      const rewritten = [the, ...(count >= 0 ? [tokens[count]!] : []), said, ...tokens.slice(head, noun + 1)];
      return superlativeClauses([...tokens.slice(0, k), ...rewritten, ...tokens.slice(end)]);
    }
    // "the pair of blocks that are biggest", "the block which is smallest": "the biggest blocks".
    if (
      NOUNS.has(w(k) ?? '') &&
      ['that', 'which'].includes(w(k + 1) ?? '') &&
      ['is', 'are'].includes(w(k + 2) ?? '') &&
      SUPERLATIVES.has(w(k + 3) ?? '') &&
      (k + 4 >= tokens.length ||
        tokens[k + 4]!.kind === 'punct' ||
        ['and', 'then', 'into', 'onto', 'in', 'on', 'to', 'go', 'goes'].includes(w(k + 4) ?? ''))
    ) {
      // ("the pair of blocks that are biggest": the two biggest blocks.)
      const pair = w(k - 1) === 'of' && ['pair', 'couple'].includes(w(k - 2) ?? '') ? k - 2 : k;
      const two = pair < k ? [at('two', tokens[pair]!)] : [];
      return superlativeClauses([...tokens.slice(0, pair), ...two, tokens[k + 3]!, tokens[k]!, ...tokens.slice(k + 4)]);
    }
    // "that aren't", "which is not".
    const not = ['that', 'which', 'who'].includes(w(k) ?? '')
      ? ["isn't", "aren't", 'isnt', 'arent'].includes(w(k + 1) ?? '')
        ? k + 2
        : ['is', 'are'].includes(w(k + 1) ?? '') && w(k + 2) === 'not'
          ? k + 3
          : -1
      : -1;
    if (not > 0 && w(not) === 'the' && SUPERLATIVES.has(w(not + 1) ?? '')) {
      let end = not + 2;
      const one = ['one', 'ones'].includes(w(end) ?? '') || NOUNS.has(w(end) ?? '') ? tokens[end++]! : at('one', tokens[not + 1]!);
      const rewritten = [at('other', tokens[k]!), at('than', tokens[k]!), tokens[not]!, tokens[not + 1]!, one];
      return superlativeClauses([...tokens.slice(0, k), ...rewritten, ...tokens.slice(end)]);
    }
  }
  return tokens;
}

/**
 * "The top left corner - that's where the red block needs to end up", "the white bowl is where
 * the ball goes": the place first, then what goes there — read as "… . the red block needs to
 * end up there" (the grammar puts a place said before at "there").
 */
function whereClefts(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const stop = (k: number): boolean => endsSentence(tokens[k]);
  for (let k = 1; k < tokens.length - 2; k++) {
    let from = -1;
    if (['that', 'this', 'which'].includes(w(k) ?? '') && w(k + 1) === 'is' && w(k + 2) === 'where' && tokens[k - 1]!.kind === 'punct')
      from = k - 1;
    else if (w(k) === 'is' && w(k + 1) === 'where' && w(k - 1) !== undefined && !VERBS.has(w(k - 1)!)) from = k;
    if (from < 0) continue;
    const to = tokens[from]!.text === 'is' ? k + 2 : k + 3;
    let end = to;
    while (end < tokens.length && !stop(end)) end++;
    let at = end;
    while (at > to && ['please', 'pls', 'thanks', 'ta'].includes(w(at - 1) ?? '')) at--;
    if (at - to < 2) continue;
    const mark = tokens[from]!;
    const period: Token = punctBefore(mark, '.');
    const there: Token = { kind: 'word', text: 'there', start: tokens[at - 1]!.end, end: tokens[at - 1]!.end };
    return whereClefts([...tokens.slice(0, from), period, ...tokens.slice(to, at), there, ...tokens.slice(at)]);
  }
  return tokens;
}

/** Whether a token ends a sentence: a full stop, "!", "?" or ";". */
/** The tokens from `i` to the end of its sentence. */
function sentenceFrom(tokens: Token[], i: number): Token[] {
  const end = tokens.findIndex((t, k) => k > i && endsSentence(t));
  return tokens.slice(i, end < 0 ? tokens.length : end);
}

/**
 * "yellow on top, blue in the middle and red underneath them both", "I want red at the bottom and
 * green on top": a sentence of places in a stack, with no verb, is a stack ("stack them: …").
 * At least two roles, one of them "on top" / "underneath" / "at the base" (not "on top of X").
 */
function rolesAsStack(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const out: Token[] = [];
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const end = i === tokens.length || endsSentence(tokens[i]);
    if (!end) continue;
    const part = tokens.slice(start, i);
    let roles = 0;
    let vertical = false;
    let verb = false;
    for (let k = start; k < i; k++) {
      const next = w(k + 2);
      if (w(k) === 'on' && w(k + 1) === 'top' && w(k + 2) !== 'of') {
        roles++;
        vertical = true;
      } else if (
        ['in', 'at', 'on'].includes(w(k) ?? '') &&
        w(k + 1) === 'the' &&
        ['middle', 'bottom', 'base'].includes(next ?? '') &&
        w(k + 3) !== 'of'
      ) {
        roles++;
        if (next === 'base') vertical = true;
      } else if (
        ['underneath', 'beneath', 'below', 'under'].includes(w(k) ?? '') &&
        (w(k + 1) === undefined || ['them', 'it', 'both', 'all'].includes(w(k + 1) ?? '') || tokens[k + 1]?.kind === 'punct')
      ) {
        roles++;
        vertical = true;
      }
      if (VERBS.has(w(k) ?? '') && !['want', 'need', 'like'].includes(w(k) ?? '')) verb = true;
      if (['tower', 'stack', 'pile', 'table', 'tray', 'bowl', 'corner', 'side', 'row', 'line'].includes(w(k) ?? '')) verb = true;
    }
    if (roles >= 2 && vertical && !verb && part.some((t) => isColor(t.text))) {
      let k = 0;
      // "I want …", "I'd like …": the wish goes; the roles say it.
      if (w(start) === 'i' && ['want', 'need'].includes(w(start + 1) ?? '')) k = 2;
      else if (w(start) === "i'd" && w(start + 1) === 'like') k = 2;
      const at = part[k] ?? part[0]!;
      const word = (text: string): Token => ({ kind: 'word', text, start: at.start, end: at.start });
      out.push(word('stack'), word('them'), punctBefore(at, ':'), ...part.slice(k));
      // "underneath them both": at the bottom.
      for (let m = out.length - part.length + k; m < out.length; m++) {
        if (
          ['underneath', 'beneath', 'below', 'under'].includes(out[m]!.text) &&
          (m + 1 >= out.length || out[m + 1]!.kind === 'punct' || ['them', 'it', 'both', 'all'].includes(out[m + 1]!.text))
        ) {
          const u = out[m]!;
          const rest = ['them', 'it', 'both', 'all'].includes(out[m + 1]?.text ?? '')
            ? out[m + 2]?.text === 'both' || out[m + 2]?.text === 'all'
              ? 3
              : 2
            : 1;
          out.splice(m, rest, { ...u, text: 'at' }, { ...u, text: 'the' }, { ...u, text: 'bottom' });
        }
      }
    } else out.push(...part);
    if (i < tokens.length) out.push(tokens[i]!);
    start = i + 1;
  }
  return out;
}

/**
 * "in a circle, centred on the middle of the table": centred there is in the middle; "lower than
 * the pink bowl" is below it, "higher than" above; "the most near of X" is the nearest to X.
 */
function placeWords(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const out: Token[] = [];
  const word = (t: Token, text: string): Token => ({ kind: 'word', text, start: t.start, end: t.end });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (['centred', 'centered'].includes(w(i) ?? '') && ['on', 'at', 'around', 'round', 'in'].includes(w(i + 1) ?? '')) {
      if (out.at(-1)?.kind === 'punct' && out.at(-1)!.text === ',') out.pop();
      out.push(word(t, 'in'));
      i++;
      continue;
    }
    // "tallest on the left down to the shortest on the right", "smallest on the left through to the biggest": the way to the other end.
    if (
      ['down', 'up', 'through', 'thru', 'across'].includes(w(i) ?? '') &&
      w(i + 1) === 'to' &&
      ['left', 'right', 'top', 'bottom', 'end'].includes(w(i - 1) ?? '')
    )
      continue;
    if (['lower', 'higher'].includes(w(i) ?? '') && w(i + 1) === 'than') {
      out.push(word(t, w(i) === 'lower' ? 'below' : 'above'));
      i++;
      continue;
    }
    // "in a line near the top", "by the left": the band along that edge of the table.
    if (
      ['near', 'by', 'toward', 'towards'].includes(w(i) ?? '') &&
      w(i + 1) === 'the' &&
      ['top', 'bottom', 'left', 'right', 'front', 'back'].includes(w(i + 2) ?? '') &&
      (i + 3 >= tokens.length || tokens[i + 3]!.kind === 'punct' || ['and', 'then', 'please', 'with', 'so'].includes(w(i + 3) ?? ''))
    ) {
      out.push(t, tokens[i + 1]!, tokens[i + 2]!, word(tokens[i + 2]!, 'edge'));
      i += 2;
      continue;
    }
    if (w(i) === 'most' && ['near', 'close', 'far'].includes(w(i + 1) ?? '')) {
      out.push(word(t, w(i + 1) === 'far' ? 'farthest' : 'closest'));
      i++;
      if (w(i + 1) === 'of') {
        out.push(word(tokens[i + 1]!, 'to'));
        i++;
      }
      continue;
    }
    out.push(t);
  }
  return out;
}

/** "erm, the yellow ball, …", "uh, the block …", "um put …": a hedge said on the way, with its comma, is left out. */
function hedges(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word' && HEDGES.has(t.text)) {
      if (tokens[i + 1]?.kind === 'punct' && tokens[i + 1]!.text === ',') i++;
      continue;
    }
    // "the blocks sitting in corners right now", "whatever's on the tray at the moment": now, said again.
    const now =
      isWord(t, 'right') && isWord(tokens[i + 1], 'now')
        ? 2
        : isWord(t, 'at') && isWord(tokens[i + 1], 'the') && isWord(tokens[i + 2], 'moment')
          ? 3
          : isWord(t, 'at') && isWord(tokens[i + 1], 'present')
            ? 2
            : 0;
    const ends = (k: number): boolean =>
      k >= tokens.length ||
      tokens[k]!.kind === 'punct' ||
      ['and', 'then', 'into', 'onto', 'to', 'goes', 'go', 'should', 'must', 'needs'].includes(tokens[k]!.text);
    // ("move the red block right now" keeps its "right": only after where a thing is, "in corners right now".)
    const afterPlace =
      now !== 2 || !isWord(t, 'right') || tokens.slice(Math.max(0, i - 4), i).some((x) => isWord(x, 'in', 'on', 'at', 'inside'));
    if (now > 0 && i > 0 && afterPlace && ends(i + now)) {
      i += now - 1;
      continue;
    }
    out.push(t);
  }
  return out;
}

/**
 * "the block sitting up in the top left corner", "the block right out at the left edge", "the
 * blue block down in the corner": a particle (and "right" / "way" before it) between a thing
 * and where it is says nothing more; left out.
 */
function placeParticles(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const drop = new Set<number>();
  for (let i = 1; i < tokens.length; i++) {
    if (!['up', 'down', 'out', 'over', 'back'].includes(w(i) ?? '')) continue;
    if (!['at', 'in', 'on', 'by', 'near', 'there', 'here'].includes(w(i + 1) ?? '')) continue;
    let k = i - 1;
    const extra: number[] = [];
    while (k > 0 && ['right', 'way', 'all', 'the'].includes(w(k) ?? '')) extra.push(k--);
    if (['sitting', 'sit', 'standing', 'stand', 'lying', 'lie', 'resting', 'rest', 'placed', 'parked'].includes(w(k) ?? '')) k--;
    const head = w(k) ?? '';
    if (!(NOUNS.has(head) || head === 'one' || head === 'ones')) continue;
    // "the ones all the way": only "right" / "all the way" / "way" as a run before the particle.
    const said = extra
      .map((x) => w(x))
      .reverse()
      .join(' ');
    if (said !== '' && !['right', 'way', 'all the way', 'right the way'].includes(said)) continue;
    drop.add(i);
    for (const x of extra) drop.add(x);
  }
  // "the green block that's sitting on the tray": "that is on the tray".
  for (let i = 1; i < tokens.length; i++)
    if (
      ['sitting', 'sit', 'standing', 'stand', 'lying', 'lie', 'resting', 'rest'].includes(w(i) ?? '') &&
      ['is', 'are'].includes(w(i - 1) ?? '') &&
      ['at', 'in', 'on', 'by', 'near', 'inside', 'next', 'beside'].includes(w(i + 1) ?? '')
    )
      drop.add(i);
  return drop.size === 0 ? tokens : tokens.filter((_, k) => !drop.has(k));
}

/**
 * "the blocks to the left and to the right of the brown bowl", "the balls above and below the
 * tray": one of that kind on each side named, as "the block to the left of the brown bowl and
 * the block to the right of the brown bowl".
 */
function bothSides(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const sideAt = (k: number): { side: string; end: number } | null => {
    let j = k;
    if (w(j) === 'to') j++;
    if (w(j) === 'the') j++;
    const side = w(j);
    if (side === 'left' || side === 'right') return w(j + 1) === 'of' ? { side, end: j + 2 } : { side, end: j + 1 };
    if (side === 'above' || side === 'below' || side === 'under') return { side, end: j + 1 };
    return null;
  };
  for (let i = 1; i < tokens.length; i++) {
    const head = NOUNS.get(w(i - 1) ?? '');
    if (!head?.plural || head.cls === 'bowl' || head.cls === 'tray' || head.cls === 'container') continue;
    const a = sideAt(i);
    if (!a || w(a.end) !== 'and') continue;
    const b = sideAt(a.end + 1);
    if (!b || b.side === a.side || !(w(b.end - 1) === 'of' || ['above', 'below', 'under'].includes(b.side))) continue;
    // The thing both sides are of: "the", colours and sizes, then its noun.
    let k = b.end;
    if (w(k) === 'the') k++;
    while (k < tokens.length && (isColor(w(k) ?? '') || ['big', 'small', 'large', 'little'].includes(w(k) ?? ''))) k++;
    if (!NOUNS.has(w(k) ?? '')) continue;
    const ref = tokens.slice(b.end, k + 1);
    const single = singularOf(w(i - 1)!);
    if (!single) continue;
    let from = i - 1;
    while (from > 0 && ['the', 'both', 'two'].includes(w(from - 1) ?? '')) from--;
    const at = tokens[from]!;
    const word = (text: string): Token => ({ kind: 'word', text, start: at.start, end: at.start });
    const phrase = (side: string): Token[] => [
      word('the'),
      word(single),
      ...(side === 'left' || side === 'right' ? [word('to'), word('the'), word(side), word('of')] : [word(side)]),
      ...ref,
    ];
    return [...tokens.slice(0, from), ...phrase(a.side), word('and'), ...phrase(b.side), ...bothSides(tokens.slice(k + 1))];
  }
  return tokens;
}

/**
 * "… in the bottom right corner, the red block in the top left one": "one" after the words of
 * a corner, with a corner named before, is that corner (not a thing there).
 */
function placeOnes(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  return tokens.map((t, i) =>
    w(i) === 'one' &&
    ['left', 'right'].includes(w(i - 1) ?? '') &&
    ['top', 'bottom', 'upper', 'lower', 'far', 'near', 'back', 'front'].includes(w(i - 2) ?? '') &&
    tokens.slice(0, i - 2).some((x) => isWord(x, 'corner', 'corners'))
      ? { ...t, text: 'corner' }
      : t,
  );
}

/** Words a place starts with: after them a clause says where, not what. */
const PLACE_START = new Set(['in', 'into', 'on', 'onto', 'to', 'inside', 'beside', 'next', 'near', 'by', 'at', 'over', 'under']);

/**
 * "the ball that's neither red nor blue", "the block that isn't red and isn't blue", "…not
 * red and not blue": what is none of them, said as the grammar reads it ("not red or blue").
 */
function neitherNor(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const neg = (k: number): number => {
    if (['not', "isn't", "aren't", 'neither'].includes(w(k) ?? '')) return 1;
    if (['is', 'are'].includes(w(k) ?? '') && w(k + 1) === 'not') return 2;
    return 0;
  };
  const attribute = (x: string | undefined): boolean => x !== undefined && (isColor(x) || x in SIZE_WORDS);
  for (let k = 0; k < tokens.length; k++) {
    const n = neg(k);
    if (n === 0 || !attribute(w(k + n))) continue;
    const j = k + n + 1;
    if (!['and', 'nor', 'or'].includes(w(j) ?? '')) continue;
    const m = neg(j + 1);
    if (w(k) === 'neither' ? w(j) !== 'nor' || m !== 0 : m === 0) continue;
    if (!attribute(w(j + 1 + m))) continue;
    const at = (text: string, t: Token): Token => ({ ...t, kind: 'word', text });
    const head = w(k) === 'neither' ? [at('not', tokens[k]!)] : tokens.slice(k, k + n);
    return neitherNor([...tokens.slice(0, k), ...head, tokens[k + n]!, at('or', tokens[j]!), ...tokens.slice(j + 1 + m)]);
  }
  return tokens;
}

/**
 * "everything that isn't a block or a ball", "all the things that are not cans or bowls": what
 * is none of those kinds, said as the grammar reads it ("everything except the blocks and
 * balls").
 */
function notOfKinds(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const neg = (k: number): number => {
    if (["isn't", "aren't"].includes(w(k) ?? '')) return 1;
    if (['is', 'are', "'s", "'re"].includes(w(k) ?? '') && w(k + 1) === 'not') return 2;
    return 0;
  };
  const kind = (k: number): [string, number] | null => {
    const a = ['a', 'an', 'the'].includes(w(k) ?? '') ? 1 : 0;
    const x = w(k + a);
    if (x === undefined || !NOUNS.has(x) || NOUNS.get(x)!.cls === 'thing') return null;
    const plural = NOUNS.get(x)!.plural ? x : pluralOf(x);
    return plural === undefined ? null : [plural, k + a + 1];
  };
  for (let k = 1; k < tokens.length; k++) {
    if (w(k) !== 'that' && w(k) !== 'which') continue;
    if (!tokens.slice(Math.max(0, k - 4), k).some((t) => ['everything', 'anything', 'things', 'stuff', 'objects', 'all'].includes(t.text)))
      continue;
    const n = neg(k + 1);
    if (n === 0) continue;
    const kinds: string[] = [];
    let e = k + 1 + n;
    for (;;) {
      const got = kind(e);
      if (got === null) break;
      kinds.push(got[0]);
      e = got[1];
      if (!['or', 'nor', 'and'].includes(w(e) ?? '') && !(tokens[e]?.text === ',' && kind(e + 1) !== null)) break;
      if (kind(e + 1) === null) break;
      e++;
    }
    if (kinds.length < 2) continue;
    const at = (text: string): Token => ({ kind: 'word', text, start: tokens[k]!.start, end: tokens[k]!.start });
    const except: Token[] = [at('except')];
    for (const [i, x] of kinds.entries()) except.push(at(i > 0 ? 'and' : 'the'), at(x));
    // "… goes in the bowl", "… should go on the tray": said as a put, so the list is not read as two things.
    let g = e;
    if (['should', 'must', 'can', 'will'].includes(w(g) ?? '')) g++;
    else if (['need', 'needs', 'has', 'have'].includes(w(g) ?? '') && w(g + 1) === 'to') g += 2;
    if (['go', 'goes', 'belong', 'belongs'].includes(w(g) ?? '')) {
      let q = k;
      while (q > 0 && !endsSentence(tokens[q - 1]) && !(tokens[q - 1]!.kind === 'punct' && tokens[q - 1]!.text === ',')) q--;
      if (!tokens.slice(q, k).some((t) => VERBS.has(t.text)))
        return notOfKinds([...tokens.slice(0, q), at('put'), ...tokens.slice(q, k), ...except, ...tokens.slice(g + 1)]);
    }
    return notOfKinds([...tokens.slice(0, k), ...except, ...tokens.slice(e)]);
  }
  return tokens;
}

/**
 * "every block - not the ball, not the cans - into the white bowl", "all the blocks, not the
 * green one, onto the tray": what is named after "not" between a set and where it goes is left
 * out of the set ("every block except the ball and the cans into …").
 */
function notInSet(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const opens = (k: number): boolean => tokens[k]?.kind === 'punct' && [',', '-'].includes(tokens[k]!.text);
  const setWord = (x: string | undefined): boolean =>
    x !== undefined &&
    (['the', 'all', 'every', 'each', 'single', 'of', 'other', 'remaining', 'everything', 'these', 'those', 'your'].includes(x) ||
      isColor(x) ||
      x in SIZE_WORDS ||
      NUMBER_WORDS[x] !== undefined ||
      NOUNS.has(x));
  for (let k = 1; k < tokens.length; k++) {
    if (!opens(k)) continue;
    let j = k + 1;
    if (w(j) === 'but') j++;
    if (w(j) !== 'not') continue;
    // The set, back from the comma: a noun phrase that says all of a kind.
    let q = k;
    while (q > 0 && setWord(w(q - 1))) q--;
    const set = tokens.slice(q, k).map((t) => t.text);
    const plural = NOUNS.get(set.at(-1) ?? '')?.plural === true;
    if (!(set.some((x) => ['all', 'every', 'each', 'everything'].includes(x)) || plural)) continue;
    if (q > 0 && !endsSentence(tokens[q - 1]) && !VERBS.has(w(q - 1) ?? '')) continue;
    // The things left out: "not X", each up to five words, between commas.
    const left: Token[][] = [];
    let end = j;
    while (w(end) === 'not') {
      let e = end + 1;
      while (
        e < tokens.length &&
        tokens[e]!.kind === 'word' &&
        e - end <= 5 &&
        !PLACE_START.has(w(e)!) &&
        !VERBS.has(w(e)!) &&
        !['not', 'but'].includes(w(e)!)
      )
        e++;
      if (e === end + 1 || tokens[e]?.kind !== 'punct') break;
      left.push(tokens.slice(end + 1, e));
      end = e;
      if (tokens[end]!.text === ',' && ['not', 'or', 'nor', 'and'].includes(w(end + 1) ?? '')) {
        end++;
        if (w(end) !== 'not') end++;
      } else break;
    }
    if (left.length === 0 || !opens(end)) continue;
    // Then where they go.
    const rest = tokens.slice(end + 1);
    const stop = rest.findIndex((t) => endsSentence(t));
    const clause = stop < 0 ? rest : rest.slice(0, stop);
    if (!clause.some((t) => t.kind === 'word' && (PLACE_START.has(t.text) || VERBS.has(t.text)))) continue;
    const at = (text: string, t: Token): Token => ({ ...t, kind: 'word', text });
    const except: Token[] = [at('except', tokens[k]!)];
    left.forEach((ws, i) => {
      if (i > 0) except.push(at('and', ws[0]!));
      except.push(...ws);
    });
    return notInSet([...tokens.slice(0, k), ...except, ...tokens.slice(end + 1)]);
  }
  return tokens;
}

/** Comparatives of where a thing is, and the superlative they mean of two or of a group. */
const COMPARATIVE_SIDES: Readonly<Record<string, string>> = {
  higher: 'highest',
  lower: 'lowest',
};
const FURTHER_SIDES: ReadonlySet<string> = new Set(['left', 'right', 'up', 'down']);

/** Verbs that move a thing by a comparative ("move it further left", "put it higher up"): not a choice among things. */
const MOVES_BY = new Set(['move', 'slide', 'push', 'nudge', 'shift', 'scoot', 'put', 'place', 'set', 'lift', 'raise', 'lower', 'drag']);

/**
 * "the one that's higher up (in the picture)", "the block that's lower down", "the block
 * further left": of two (or of a group), the one that is most so — "the one that's highest",
 * "the block furthest left". Only after a thing ("the block", "the one that's"), never of what
 * a verb moves ("move the block further left" moves it), nor before "than" ("higher than the
 * bowl" compares with a thing).
 */
function comparativeSides(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const at = (text: string, t: Token): Token => ({ ...t, kind: 'word', text });
  const ofAThing = (k: number): boolean => {
    const prev = w(k - 1);
    if (prev === undefined) return false;
    if (['is', "'s", 'are', 'sits', 'sit'].includes(prev))
      return (
        ['one', 'ones', 'that', 'which'].includes(w(k - 2) ?? '') || w(k - 2) === undefined || NOUNS.has(w(k - 2)!) || w(k - 3) === 'that'
      );
    if (!(prev === 'one' || prev === 'ones' || NOUNS.has(prev))) return false;
    // The verb before the thing's phrase, if any.
    let v = k - 2;
    while (v >= 0 && tokens[v]!.kind === 'word' && !VERBS.has(w(v)!) && k - v <= 5) v--;
    return !MOVES_BY.has(w(v) ?? '');
  };
  for (let k = 1; k < tokens.length; k++) {
    const x = w(k);
    if (x === undefined) continue;
    if (x in COMPARATIVE_SIDES && ofAThing(k)) {
      let e = k + 1;
      if (['up', 'down'].includes(w(e) ?? '')) e++;
      if (w(e) === 'than') continue;
      return comparativeSides([...tokens.slice(0, k), at(COMPARATIVE_SIDES[x]!, tokens[k]!), ...tokens.slice(e)]);
    }
    if (['further', 'farther'].includes(x) && FURTHER_SIDES.has(w(k + 1) ?? '') && !['than', 'of'].includes(w(k + 2) ?? '') && ofAThing(k))
      return comparativeSides([...tokens.slice(0, k), at('farthest', tokens[k]!), ...tokens.slice(k + 1)]);
  }
  return tokens;
}

const BRINGS = new Set(['bring', 'carry', 'fetch']);

/**
 * "bring the ball over and put it in the bowl", "Bring it over. Put it …": to bring a thing
 * over, before saying where it goes, is to take it.
 */
function bringOver(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    if (!BRINGS.has(w(k) ?? '')) continue;
    let o = k + 1;
    while (o < tokens.length && o - k <= 5 && tokens[o]!.kind === 'word' && w(o) !== 'over' && !PLACE_START.has(w(o)!)) o++;
    if (o === k + 1 || w(o) !== 'over') continue;
    let e = o + 1;
    if (['here', 'there'].includes(w(e) ?? '')) e++;
    const next = tokens[e];
    const more = e + 1 < tokens.length;
    if (!(['and', 'then'].includes(w(e) ?? '') || ((next?.text === ',' || endsSentence(next)) && more))) continue;
    return bringOver([...tokens.slice(0, k), { ...tokens[k]!, text: 'take' }, ...tokens.slice(k + 1, o), ...tokens.slice(e)]);
  }
  return tokens;
}

/**
 * "Of the two blocks, the little one - gray tray.", "the biggest ball, blue bowl please",
 * "Rightmost block: purple bowl.": a sentence with no verb and no place word that names a
 * thing, then, after its last comma, dash or colon, only a container — the thing goes into the
 * container.
 */
/** "at the top", "at the far left end": where a thing is among the others, after its noun. */
const AT_EXTREMES: ReadonlySet<string> = new Set(['top', 'bottom', 'left', 'right', 'middle', 'centre', 'center', 'far', 'front', 'back']);

function dashContainer(tokens: Token[], notes: string[]): Token[] {
  const w = wordAt(tokens);
  let start = 0;
  for (let k = 0; k <= tokens.length; k++) {
    if (k < tokens.length && !endsSentence(tokens[k])) continue;
    let end = k;
    while (end > start && (POLITE_END.has(w(end - 1) ?? '') || tokens[end - 1]!.text === ',')) end--;
    let j = end - 1;
    if (containerWord(w(j))) {
      j--;
      while (j > start && (isColor(w(j) ?? '') || w(j) === 'big' || w(j) === 'small')) j--;
      if (['the', 'a', 'that'].includes(w(j) ?? '')) j--;
      const mark = tokens[j];
      // ("Of the blocks in the middle, the one at the bottom - cyan bowl": the group it is chosen from says where they are.)
      const ofGroup = w(start) === 'of' || (w(start) === 'out' && w(start + 1) === 'of');
      const comma = ofGroup ? tokens.findIndex((t, i) => i > start && i < j && t.kind === 'punct' && t.text === ',') : -1;
      const before = tokens.slice(comma > 0 ? comma + 1 : start, j);
      if (
        mark?.kind === 'punct' &&
        (mark.text === '-' || mark.text === ',' || mark.text === ':') &&
        before.some((t) => NOUNS.has(t.text) || t.text === 'one' || t.text === 'ones') &&
        !before.some(
          (t, i) =>
            t.kind === 'word' &&
            (VERBS.has(t.text) ||
              (PLACE_START.has(t.text) &&
                !['closest', 'nearest', 'farthest', 'furthest', 'next', 'close', 'near'].includes(before[i - 1]?.text ?? '') &&
                // ("the block at the very top - white bowl": which block, where it is; never "in the bowl, …".)
                !(
                  t.text === 'at' &&
                  before[i + 1]?.text === 'the' &&
                  AT_EXTREMES.has((['very', 'far'].includes(before[i + 2]?.text ?? '') ? before[i + 3] : before[i + 2])?.text ?? '')
                )) ||
              t.text === 'there' ||
              t.text === 'here'),
        )
      ) {
        const note = 'a thing, then a container: read as putting the one in the other';
        if (!notes.includes(note)) notes.push(note);
        const into: Token[] = [
          ...(comma > 0 ? [{ ...mark, kind: 'word' as const, text: 'goes' }] : []),
          { ...mark, kind: 'word', text: 'into' },
        ];
        return dashContainer([...tokens.slice(0, j), ...into, ...tokens.slice(j + 1)], notes);
      }
    }
    start = k + 1;
  }
  return tokens;
}

const PLACE_LEADS = new Set([
  'on',
  'in',
  'at',
  'to',
  'by',
  'near',
  'next',
  'beside',
  'behind',
  'along',
  'around',
  'round',
  'left',
  'right',
  'over',
  'up',
  'down',
  'inside',
]);

/**
 * "On the can's right there are two blocks.", "In the corner there's a tower": where, then
 * "there is / there are" and what — read in the usual order ("there are two blocks on the
 * can's right"), a sentence that says where things are.
 */
function placeThereAre(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  let start = 0;
  for (let k = 0; k <= tokens.length; k++) {
    if (k < tokens.length && !endsSentence(tokens[k])) continue;
    if (PLACE_LEADS.has(w(start) ?? '')) {
      let p = start + 1;
      while (p < k && p - start <= 8 && tokens[p]!.kind === 'word' && w(p) !== 'there') p++;
      if (p > start + 1 && p < k && w(p) === 'there' && ['is', 'are', "'s", "'re"].includes(w(p + 1) ?? '')) {
        let e = p + 2;
        while (e < k && tokens[e]!.kind === 'word' && !VERBS.has(w(e)!)) e++;
        if (e === k && e > p + 2) {
          let place = tokens.slice(start, p);
          // ("Down the right-hand side there's …", "Along the top there are …": on that side.)
          if (
            ['down', 'up', 'along', 'across', 'over'].includes(w(start)!) &&
            w(start + 1) === 'the' &&
            SIDE_WORDS[w(start + 2) ?? ''] !== undefined
          )
            place = [{ ...place[0]!, text: 'on' }, ...place.slice(1)];
          // (A comma after the place goes: "In the corner, there's …".)
          while (place.length > 0 && place.at(-1)!.kind === 'punct') place = place.slice(0, -1);
          const rewritten = [...tokens.slice(p, k), ...place];
          return placeThereAre([...tokens.slice(0, start), ...rewritten, ...tokens.slice(k)]);
        }
      }
    }
    start = k + 1;
  }
  return tokens;
}

/**
 * "whichever of the balls is closest to the tray", "whichever one of them sits lowest": the
 * one of a group said first — "whichever ball is …", "whichever one is …" (the group named
 * before is what "one" stands for).
 */
function whicheverOf(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const at = (text: string, t: Token): Token => ({ ...t, kind: 'word', text });
  for (let k = 0; k < tokens.length; k++) {
    if (!['whichever', 'whatever'].includes(w(k) ?? '')) continue;
    let j = k + 1;
    if (w(j) === 'one') j++;
    if (w(j) !== 'of') continue;
    j++;
    let head: Token;
    if (['them', 'those', 'these'].includes(w(j) ?? '')) head = at('one', tokens[j]!);
    else {
      if (!['the', 'those', 'these'].includes(w(j) ?? '')) continue;
      j++;
      if (NUMBER_WORDS[w(j) ?? ''] !== undefined) j++;
      const noun = w(j);
      const single = noun === undefined || !NOUNS.get(noun)?.plural ? undefined : singularOf(noun);
      if (single === undefined) continue;
      head = at(single, tokens[j]!);
    }
    j++;
    const verb = w(j);
    if (!['is', "'s", 'sits', 'lies', 'stands'].includes(verb ?? '')) continue;
    return whicheverOf([...tokens.slice(0, k + 1), head, at('is', tokens[j]!), ...tokens.slice(j + 1)]);
  }
  return tokens;
}

/**
 * "check which block is nearest to it, then move that block …", "work out which ball is
 * lowest and put it …": to find out which is to find it — "find whichever block is …".
 */
function checkWhich(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const at = (text: string, t: Token): Token => ({ ...t, kind: 'word', text });
  for (let k = 0; k < tokens.length; k++) {
    let j = -1;
    if (['check', 'see', 'spot', 'find'].includes(w(k) ?? '')) j = k + 1;
    else if (['work', 'figure', 'find'].includes(w(k) ?? '') && w(k + 1) === 'out') j = k + 2;
    if (j < 0 || w(j) !== 'which' || !(NOUNS.has(w(j + 1) ?? '') || w(j + 1) === 'one' || w(j + 1) === 'of')) continue;
    return checkWhich([...tokens.slice(0, k), at('find', tokens[k]!), at('whichever', tokens[j]!), ...tokens.slice(j + 1)]);
  }
  return tokens;
}

/**
 * "… whichever block's nearest the green bowl... that one, stack it on …": "that one" at the
 * start of a sentence, before a verb, only says again what the sentence before named; left out
 * ("it" then stands for that).
 */
function thatOne(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 1; k < tokens.length; k++) {
    if (!endsSentence(tokens[k - 1])) continue;
    let j = k;
    if (['that', 'this'].includes(w(j) ?? '') && w(j + 1) === 'one') j += 2;
    else if (w(j) === "that's" && w(j + 1) === 'the' && w(j + 2) === 'one') j += 3;
    else continue;
    if (tokens[j]?.text !== ',' || !VERBS.has(w(j + 1) ?? '') || !['it', 'that'].includes(w(j + 2) ?? '')) continue;
    return thatOne([...tokens.slice(0, k), ...tokens.slice(j + 1)]);
  }
  return tokens;
}

/**
 * "Whichever block is furthest from the tray, that's the one I want on the tray", "the fourth
 * block is the one I'd like in the brown bowl", "… is the one that goes in X": the thing named
 * goes there ("that one goes on the tray", "the fourth block goes in the brown bowl").
 */
function theOneWanted(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    let j: number;
    let that = false;
    if (w(k) === "that's" && w(k + 1) === 'the' && w(k + 2) === 'one') {
      j = k + 3;
      that = true;
    } else if (w(k) === 'that' && w(k + 1) === 'is' && w(k + 2) === 'the' && w(k + 3) === 'one') {
      j = k + 4;
      that = true;
    } else if (w(k) === 'is' && w(k + 1) === 'the' && w(k + 2) === 'one' && k > 0 && tokens[k - 1]!.kind === 'word') j = k + 3;
    else continue;
    // ("… that's the one that stays" is not a put: only wanting it somewhere or its going there.)
    const s = j;
    if (['that', 'which'].includes(w(j) ?? '')) j++;
    if (['i', 'we', "i'd", "we'd"].includes(w(j) ?? '')) {
      j++;
      if (['would', 'really'].includes(w(j) ?? '')) j++;
      if (!['want', 'like', 'need', 'wanted'].includes(w(j) ?? '')) continue;
      j++;
      if (['moved', 'put', 'placed'].includes(w(j) ?? '')) j++;
      else if (w(j) === 'to' && ['go', 'be', 'end', 'sit'].includes(w(j + 1) ?? '')) j += w(j + 1) === 'end' && w(j + 2) === 'up' ? 3 : 2;
    } else if (j > s && ['goes', 'should', 'needs', 'has'].includes(w(j) ?? '')) {
      if (w(j) === 'goes') j++;
      else if (w(j) === 'should' && w(j + 1) === 'go') j += 2;
      else if (['needs', 'has'].includes(w(j)!) && w(j + 1) === 'to' && w(j + 2) === 'go') j += 3;
      else continue;
    } else if (w(j) === 'to' && w(j + 1) === 'go') j += 2;
    else continue;
    if (!['in', 'into', 'on', 'onto', 'inside', 'to', 'next', 'beside', 'at'].includes(w(j) ?? '')) continue;
    const t = tokens[k]!;
    const at = (text: string): Token => ({ kind: 'word', text, start: t.start, end: t.end });
    const head = that ? [at('that'), at('one'), at('goes')] : [at('goes')];
    return theOneWanted([...tokens.slice(0, k), ...head, ...tokens.slice(j)]);
  }
  return tokens;
}

/**
 * "The green one doesn't move.", "the bowl shouldn't be moved", "(Ignore the white block.)":
 * it stays where it is ("the green one stays put", "leave the white block alone").
 */
function staysPut(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  const ends = (k: number): boolean => k >= tokens.length || (tokens[k]!.kind === 'punct' && tokens[k]!.text !== ',');
  const at = (text: string, t: Token): Token => ({ kind: 'word', text, start: t.start, end: t.end });
  // ("ignore the white block": at a clause's start, a thing, then the sentence's end.)
  for (let i = 0; i < tokens.length; i++) {
    if (w(i) !== 'ignore' || (i > 0 && tokens[i - 1]!.kind !== 'punct')) continue;
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.kind === 'word' && j - i < 6) j++;
    if (j > i + 1 && ends(j) && (NOUNS.has(w(j - 1) ?? '') || w(j - 1) === 'one' || w(j - 1) === 'ones'))
      return staysPut([
        ...tokens.slice(0, i),
        at('leave', tokens[i]!),
        ...tokens.slice(i + 1, j),
        at('alone', tokens[j - 1]!),
        ...tokens.slice(j),
      ]);
  }
  // "the white one stays out (of it)", "white sits this one out", "it sits it out": left out of
  // what the others do, where it is ("stays put").
  for (let k = 1; k < tokens.length; k++) {
    if (!['stays', 'stay', 'sits', 'sit', 'keeps', 'keep'].includes(w(k) ?? '')) continue;
    let j = k + 1;
    if (['sits', 'sit'].includes(w(k)!) && ['this', 'it'].includes(w(j) ?? '')) j += w(j) === 'this' && w(j + 1) === 'one' ? 2 : 1;
    if (w(j) !== 'out') continue;
    j++;
    if (w(j) === 'of' && ['it', 'this', 'that'].includes(w(j + 1) ?? '')) j += 2;
    if (!ends(j) || !(NOUNS.has(w(k - 1) ?? '') || isColor(w(k - 1) ?? '') || ['one', 'ones', 'it', 'they'].includes(w(k - 1) ?? '')))
      continue;
    const stays = ['stay', 'sit', 'keep'].includes(w(k)!) ? 'stay' : 'stays';
    return staysPut([...tokens.slice(0, k), at(stays, tokens[k]!), at('put', tokens[j - 1]!), ...tokens.slice(j)]);
  }
  for (let k = 1; k < tokens.length; k++) {
    let j = -1;
    if (
      ["doesn't", 'dont', "don't", "won't", "shouldn't", "mustn't", 'never'].includes(w(k) ?? '') &&
      ['move', 'moves', 'budge', 'budges', 'shift'].includes(w(k + 1) ?? '')
    )
      j = k + 2;
    else if (['does', 'do', 'should', 'must', 'will'].includes(w(k) ?? '') && w(k + 1) === 'not' && w(k + 2) === 'move') j = k + 3;
    else if (["shouldn't", "mustn't", "can't", 'cannot'].includes(w(k) ?? '') && w(k + 1) === 'be' && w(k + 2) === 'moved') j = k + 3;
    if (j < 0 || !ends(j)) continue;
    // (Said of a thing named just before: "the green one doesn't move", not "don't move" alone.)
    if (!(NOUNS.has(w(k - 1) ?? '') || ['one', 'ones', 'it', 'they'].includes(w(k - 1) ?? ''))) continue;
    // ("the ball and the can don't budge": "don't" says there are several.)
    const several = w(k - 1) === 'they' || NOUNS.get(w(k - 1) ?? '')?.plural || w(k - 1) === 'ones' || ["don't", 'dont'].includes(w(k)!);
    return staysPut([...tokens.slice(0, k), at(several ? 'stay' : 'stays', tokens[k]!), at('put', tokens[j - 1]!), ...tokens.slice(j)]);
  }
  return tokens;
}

/** Words that put a thing beside another ("next to", "beside", "to the left of"): "not in it" after them only says so again. */
const BESIDE_WORDS: ReadonlySet<string> = new Set([
  'next',
  'beside',
  'besides',
  'alongside',
  'by',
  'near',
  'left',
  'right',
  'above',
  'below',
]);

/** Words before "not in it" that only say the place again: "on the table, not in it", "beside, I said, not in". */
const RESTATING: ReadonlySet<string> = new Set([
  'on',
  'the',
  'table',
  'beside',
  'next',
  'to',
  'i',
  'said',
  'but',
  'and',
  'just',
  'alongside',
]);

/**
 * "next to the pink bowl - on the table, not in the bowl -", "… next to the pink bowl. not in
 * it", "Beside, I said, not in.": after a place beside a thing, "not in (it)" says again that it
 * goes beside, not in; left out (the place said first stays).
 */
function notInAgain(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    if (w(k) !== 'not' || !['in', 'inside', 'into'].includes(w(k + 1) ?? '')) continue;
    // What it is not in: "it", "the (pink) bowl", or nothing.
    let end = k + 2;
    if (w(end) === 'it' || w(end) === 'them') end++;
    else if (w(end) === 'the') {
      let j = end + 1;
      while (isColor(w(j) ?? '') || SIZE_WORDS[w(j) ?? ''] !== undefined) j++;
      if (!containerWord(w(j))) continue;
      end = j + 1;
    }
    if (end < tokens.length && !(tokens[end]!.kind === 'punct')) continue;
    // ("Not in it, just on the table beside it.": what follows it says the same again.)
    if (tokens[end]?.text === ',') {
      let j = end + 1;
      while (j < tokens.length && tokens[j]!.kind === 'word' && (RESTATING.has(w(j)!) || ['it', 'them', 'alongside', 'by'].includes(w(j)!)))
        j++;
      if (
        j > end + 1 &&
        (j >= tokens.length || endsSentence(tokens[j])) &&
        tokens.slice(end + 1, j).some((t) => ['beside', 'next', 'alongside', 'table'].includes(t.text))
      )
        end = j;
    }
    // Back to where this part starts: a sentence's end or a word that says more; "on the table",
    // "beside", "I said" and commas (dashes read as commas) may come before it there.
    let start = k;
    while (start > 0 && (RESTATING.has(w(start - 1) ?? '') || tokens[start - 1]!.text === ',')) start--;
    // A place beside a thing said before it, in this sentence or the one before.
    let beside = false;
    for (let j = start - 1, sentences = 0; j >= 0 && sentences < 2; j--) {
      if (endsSentence(tokens[j])) sentences++;
      const x = w(j) ?? '';
      // ("to the left of X", not "the left one".)
      if (BESIDE_WORDS.has(x) && (!['left', 'right'].includes(x) || w(j + 1) === 'of')) beside = true;
    }
    if (!beside) continue;
    const keep = start > 0 && endsSentence(tokens[start - 1]) ? end + 1 : end;
    return notInAgain([...tokens.slice(0, start), ...tokens.slice(keep)]);
  }
  return tokens;
}

/**
 * "…onto the yellow tray, the little ones stay put": what stays is a sentence of its own;
 * "The orange ball, into the green bowl it goes.": it goes there.
 */
function staysApart(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k]!.kind === 'punct' && tokens[k]!.text === ',' && ['the', 'both', 'all'].includes(w(k + 1) ?? '')) {
      let j = k + 2;
      while (j < tokens.length && j - k < 7 && tokens[j]!.kind === 'word' && !['stay', 'stays', 'remain', 'remains'].includes(w(j)!)) j++;
      if (
        !['stay', 'stays', 'remain', 'remains'].includes(w(j) ?? '') ||
        !['put', 'where', 'there', 'still', 'in'].includes(w(j + 1) ?? '')
      )
        continue;
      if (!tokens.slice(0, k).some((t) => t.kind === 'word' && ['in', 'into', 'on', 'onto', 'to'].includes(t.text))) continue;
      return staysApart([...tokens.slice(0, k), { ...tokens[k]!, text: '.' }, ...tokens.slice(k + 1)]);
    }
    // ("into the green bowl it goes": the place, then "it goes" at the sentence's end.)
    if (['in', 'into', 'on', 'onto', 'inside'].includes(w(k) ?? '') && (k === 0 || tokens[k - 1]!.kind === 'punct')) {
      let j = k + 1;
      while (
        j < tokens.length &&
        tokens[j]!.kind === 'word' &&
        !(['it', 'they'].includes(w(j)!) && ['goes', 'go'].includes(w(j + 1) ?? ''))
      )
        j++;
      // (Not "In it goes.": what "it" is there is not said in the sentence.)
      if (j >= tokens.length || j < k + 2 || tokens[j]!.kind !== 'word' || !(j + 2 >= tokens.length || tokens[j + 2]!.kind === 'punct'))
        continue;
      return staysApart([...tokens.slice(0, k), tokens[j]!, tokens[j + 1]!, ...tokens.slice(k, j), ...tokens.slice(j + 2)]);
    }
  }
  return tokens;
}

/** "Round up the red things into the bowl": at a clause's start, "round up" is to gather. */
function roundUp(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k < tokens.length; k++) {
    const starts = k === 0 || tokens[k - 1]!.kind === 'punct' || ['and', 'then', 'please'].includes(w(k - 1) ?? '');
    if (starts && w(k) === 'round' && w(k + 1) === 'up')
      return roundUp([...tokens.slice(0, k), { ...tokens[k]!, text: 'gather' }, ...tokens.slice(k + 2)]);
  }
  return tokens;
}

/**
 * "pick(blue ball) then place(black tray)": a verb called as a function is the verb and its
 * words; a put with only a container in its brackets puts what is held there.
 */
function callForms(tokens: Token[]): Token[] {
  const w = wordAt(tokens);
  for (let k = 0; k + 2 < tokens.length; k++) {
    const open = tokens[k + 1]!;
    if (!VERBS.has(w(k) ?? '') || open.text !== '(' || open.start !== tokens[k]!.end) continue;
    const close = tokens.findIndex((t, i) => i > k + 1 && t.text === ')');
    if (close < 0 || tokens.slice(k + 2, close).some((t) => t.kind === 'punct' && t.text !== ',')) continue;
    const args = tokens.slice(k + 2, close);
    const last = args.at(-1)?.text ?? '';
    const into =
      ['put', 'place', 'drop', 'release', 'set'].includes(w(k)!) &&
      containerWord(last) &&
      !args.some((t) => ['in', 'into', 'on', 'onto', 'it'].includes(t.text));
    const at = (text: string): Token => ({ ...open, kind: 'word', text });
    const the = args[0] && !['the', 'a', 'it', 'them'].includes(args[0].text) ? [at('the')] : [];
    const words = into ? [at('it'), at('in'), ...the, ...args] : [...the, ...args];
    return callForms([...tokens.slice(0, k + 1), ...words, ...tokens.slice(close + 1)]);
  }
  return tokens;
}
