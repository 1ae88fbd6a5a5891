// Instruction text → tokens that remember where they came from, and tokens → clauses.
// Words are lower-cased and spelling-folded (lexicon.ts); "10 cm", "10cm" and
// "ten centimetres" become one distance token in metres; punctuation is kept as tokens
// because commas and colons separate list items and clauses.

import { NOUNS, NUMBER_WORDS, ORDINALS, SIZE_WORDS, SPELLING, UNITS, VERBS, isColor } from './lexicon.ts';

const ORDINAL_SUFFIX = new Set(['st', 'nd', 'rd', 'th']);

export interface Token {
  kind: 'word' | 'number' | 'distance' | 'punct';
  /** Normalised text: lower case, spelling folded; the punctuation character itself. */
  text: string;
  /** Metres for distances, the value for numbers. */
  value?: number;
  /** Character offsets in the instruction. */
  start: number;
  end: number;
  /** The word was written with a possessive "'s" ("the tray's right"): folded away from `text`. */
  possessive?: boolean;
  /** A thing's name the grammar does not know that the scene's ids spell ("kettle" of `white_kettle`; id-names.ts). */
  idWord?: string;
  /** A thing's own name ("drink", "book") that no id spells, where ids spell other names (id-names.ts). */
  nameWord?: string;
}

const TOKEN_RE =
  /(\d+(?:\.\d+)?|\.\d+)\s*(cm|mm|m|centimeters?|centimetres?|millimeters?|millimetres?|meters?|metres?|inch(?:es)?)\b|(\d+(?:\.\d+)?|\.\d+)|([a-z_](?:[a-z0-9_'’]|-(?=[a-z0-9]))*)|(-+>|=+>|>>+|[→⟶➔➜])|([,;:.!?()[\]])/gi;

/** -ing forms that are words of their own, not a verb ("standing" upright, "matching" colours). */
const NOT_GERUNDS = new Set(['standing', 'matching', 'holding']);

function fold(word: string): string {
  const w = word.toLowerCase().replace(/[’]/g, "'").replace(/'s$/, '');
  const folded = SPELLING[w] ?? colorIsh(w) ?? w;
  return VERBS.has(folded) || NOT_GERUNDS.has(folded) ? folded : (verbOfGerund(folded) ?? folded);
}

/** "reddish" → red, "bluish" → blue, "greyish" → gray, "purplish" → purple: a colour word with -ish. */
function colorIsh(w: string): string | null {
  if (!w.endsWith('ish') || w.length < 6) return null;
  const stem = w.slice(0, -3);
  for (const c of [stem, `${stem}e`, stem.slice(0, -1)]) {
    const color = SPELLING[c] ?? c;
    if (isColor(color)) return color;
  }
  return null;
}

/** "putting" → put, "placing" → place, "moving" → move, "picking" → pick: a verb's -ing form as the verb. */
function verbOfGerund(w: string): string | null {
  if (!w.endsWith('ing') || w.length < 6) return null;
  const stem = w.slice(0, -3);
  for (const v of [stem, `${stem}e`, stem.slice(0, -1)]) {
    if (VERBS.has(v) && (v !== stem.slice(0, -1) || stem.at(-1) === stem.at(-2))) return v;
  }
  return null;
}

/**
 * Pronouns and question words whose "'s" is "is", not a possessive ("it's", "that's", "where's");
 * written without the apostrophe too where no word is spelt that way ("thats", "theres", "whats").
 */
const CONTRACTED_IS = /^(?:(it|that|what|whatever|whichever|there|here|who|where|which|this|he|she)'s|(that|what|there|here|where)s)$/;

/** Tokenise an instruction; unknown characters (quotes, dashes between words) are skipped. */
export function tokenize(text: string): Token[] {
  const raw: Token[] = [];
  // A dash standing between words ("… as it - the white block can stay …", "–", "—") separates as a comma does.
  const dashed = text.replace(
    /\s-{1,2}\s|[–—]/g,
    (m) => `${' '.repeat(Math.floor((m.length - 1) / 2))},${' '.repeat(Math.ceil((m.length - 1) / 2))}`,
  );
  for (const m of dashed.matchAll(TOKEN_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] !== undefined) {
      const unit = fold(m[2]!);
      raw.push({
        kind: 'distance',
        text: m[0].toLowerCase(),
        value: Number(m[1]) * (UNITS[unit] ?? UNITS[unit.replace(/s$/, '')] ?? 1),
        start,
        end,
      });
    } else if (m[3] !== undefined) {
      raw.push({ kind: 'number', text: m[3], value: Number(m[3]), start, end });
    } else if (m[4] !== undefined) {
      // Hyphenated words split into parts ("back-left" → back, left), ids keep underscores.
      let offset = start;
      for (const part of m[4].split('-')) {
        // "it's", "that's", "there's": the word and "is" ("so it's next to", "the bowl that's red").
        const contraction = CONTRACTED_IS.exec(part.toLowerCase().replace(/[’]/g, "'"));
        if (contraction) {
          const word = contraction[1] ?? contraction[2]!;
          const end = offset + word.length;
          raw.push({ kind: 'word', text: word, start: offset, end });
          raw.push({ kind: 'word', text: 'is', start: end, end: offset + part.length });
        } else if (part.length > 0) {
          const possessive = /['’]s$/i.test(part) && part.length > 2;
          const folded = fold(part);
          // ("infront": two words, "in" and "front", each with its part of the span.)
          if (folded.includes(' ')) {
            const words = folded.split(' ');
            let at = offset;
            for (const [n, x] of words.entries()) {
              const end = n === words.length - 1 ? offset + part.length : Math.min(offset + part.length, at + x.length);
              raw.push({ kind: 'word', text: x, start: at, end });
              at = end;
            }
          } else raw.push({ kind: 'word', text: folded, start: offset, end: offset + part.length, ...(possessive ? { possessive } : {}) });
        }
        offset += part.length + 1;
      }
    } else if (m[5] !== undefined) {
      // An arrow between two phrases ("yellow block -> purple bowl"): kept as a token of its own (grammar.ts reads it as "to").
      raw.push({ kind: 'punct', text: '->', start, end });
    } else {
      raw.push({ kind: 'punct', text: m[6]!, start, end });
    }
  }
  // Number words and numbers followed by a unit word become distances.
  const out: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    const next = raw[i + 1];
    // "2nd", "3rd": ordinal words.
    if (t.kind === 'number' && next?.kind === 'word' && next.start === t.end && ORDINAL_SUFFIX.has(next.text)) {
      const word = Object.keys(ORDINALS).find((w) => ORDINALS[w] === t.value);
      if (word) {
        out.push({ kind: 'word', text: word, start: t.start, end: next.end });
        i++;
        continue;
      }
    }
    // ("an inch to the left", "a centimetre or two": one of the unit.)
    const value =
      t.kind === 'number'
        ? t.value!
        : t.kind === 'word'
          ? (NUMBER_WORDS[t.text] ?? (t.text === 'a' || t.text === 'an' ? 1 : undefined))
          : undefined;
    if (value !== undefined && next?.kind === 'word' && UNITS[next.text] !== undefined && next.text !== 'in') {
      out.push({ kind: 'distance', text: `${t.text} ${next.text}`, value: value * UNITS[next.text]!, start: t.start, end: next.end });
      i++;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** Whether a token ends a sentence: ".", "!", "?" or ";". */
export function endsSentence(t: Token | undefined): boolean {
  return t?.kind === 'punct' && ['.', '!', '?', ';'].includes(t.text);
}

/** The index of the token ending the sentence that holds `k` (or the length). */
export function sentenceEnd(tokens: readonly Token[], k: number): number {
  let e = k;
  while (e < tokens.length && !endsSentence(tokens[e])) e++;
  return e;
}

/** The word at index `k` of `tokens` (undefined for a number, punctuation, or past either end). */
export const wordAt =
  (tokens: readonly Token[]) =>
  (k: number): string | undefined =>
    tokens[k]?.kind === 'word' ? tokens[k]!.text : undefined;

/** A word token at the place of `at` (a rewrite's new words take the span of what they replace). */
export const wordLike = (at: Token, text: string): Token => ({ kind: 'word', text, start: at.start, end: at.end });

/** A punctuation mark put in just before `at` (no width: it stands for nothing the user wrote). */
export const punctBefore = (at: Token, text: string): Token => ({ kind: 'punct', text, start: at.start, end: at.start });

/** The instruction text a run of tokens came from. */
export function spanText(text: string, tokens: readonly Token[]): string {
  if (tokens.length === 0) return '';
  // Normalisation may reorder tokens ("the tray's right" → "the right of the tray"): the span covers them all.
  let start = tokens[0]!.start;
  let end = tokens[tokens.length - 1]!.end;
  for (const t of tokens) {
    start = Math.min(start, t.start);
    end = Math.max(end, t.end);
  }
  return text.slice(start, end);
}

const isWord = (t: Token | undefined, ...words: string[]): boolean => t?.kind === 'word' && words.includes(t.text);

/** Verb words that are also nouns ("in that order", "a row", "the place"). */
const NOUN_LIKE_VERBS = new Set([
  'order',
  'row',
  'line',
  'set',
  'place',
  'form',
  'match',
  'group',
  'switch',
  'return',
  'stand',
  'drop',
  'pack',
  'position',
  'stack',
  'pile',
  'make',
  'trade',
  'shift',
  'lower',
  'hold',
  'pop',
  'stick',
  'slot',
  'park',
  'dump',
  'throw',
  'lob',
]);
/** Words a verb's object can start with. */
const OBJECT_START = new Set([
  'the',
  'a',
  'an',
  'it',
  'them',
  'all',
  'each',
  'every',
  'both',
  'this',
  'that',
  'these',
  'those',
  'up',
  'down',
  'its',
  'their',
  // "… and make one line of them", "… and stack two blocks".
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
]);

/** Whether a verb starts at token i (after "then", "also", …): where "and" or a comma starts a new clause. */
function verbAt(tokens: readonly Token[], i: number): boolean {
  let j = i;
  // "…, but leave the ball where it is", "… and don't touch the bowl": a clause of its own.
  for (;;) {
    if (
      isWord(
        tokens[j],
        'then',
        'also',
        'finally',
        'next',
        'please',
        'afterwards',
        'but',
        "don't",
        'dont',
        'never',
        'do',
        'not',
        'now',
        'just',
        'kindly',
      ) ||
      isWord(tokens[j], 'first', 'firstly', 'lastly', 'later', 'before', 'beforehand', 'after', 'that', 'this')
    )
      j++;
    // "…, can you put it in the bowl", "…, could you please drop it in …".
    else if (isWord(tokens[j], 'can', 'could', 'would', 'will') && isWord(tokens[j + 1], 'you')) j += 2;
    else break;
  }
  const verb = tokens[j];
  // "…, do not touch the bowl": a negated verb that is no verb of ours still starts a clause.
  if (j > i && isWord(tokens[j - 1], "don't", 'dont', 'never', 'not') && isWord(verb, 'touch', 'disturb', 'bother')) return true;
  if (verb?.kind !== 'word' || !VERBS.has(verb.text)) return false;
  if (!NOUN_LIKE_VERBS.has(verb.text)) return true;
  // "… and place it on …" is a verb; "… in that order" is not.
  const after = tokens[j + 1];
  return (
    after !== undefined &&
    after.kind === 'word' &&
    (OBJECT_START.has(after.text) || isColor(after.text) || NOUNS.has(after.text) || after.text.includes('_'))
  );
}

/**
 * Whether the phrase from i goes on to say where it goes before the next comma, "and" or
 * "then" ("then the yellow ball can go in the tray", "then the red one should be on top"):
 * a clause of its own, not the next item of a list.
 */
function statementAhead(tokens: readonly Token[], i: number): boolean {
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind === 'punct' || isWord(t, 'and', 'then')) return false;
    if (isWord(t, 'goes', 'belongs', 'should', 'must', 'needs', 'stays', 'remains')) return true;
    // "…, green bowl gets the blue block", "and the tray holds the balls": the container as subject.
    if (isWord(t, 'gets', 'receives', 'holds', 'contains') && j > i) {
      const noun = tokens[j - 1];
      const cls = noun?.kind === 'word' ? NOUNS.get(noun.text)?.cls : undefined;
      if (cls === 'bowl' || cls === 'tray' || cls === 'container') return true;
    }
    if (isWord(t, 'ends') && isWord(tokens[j + 1], 'up')) return true;
    if (isWord(t, 'can', 'could', 'will', 'has', 'have', 'may') && isWord(tokens[j + 1], 'go', 'be', 'to', 'end', 'sit', 'stay', 'remain'))
      return true;
  }
  return false;
}

/**
 * Whether a wish starts at i: "I want …", "I need …", "I'd like …", "I would like …", "we need …"
 * ("the green ball, I want it in the bowl"): a clause of its own, whatever follows.
 */
function wishAt(tokens: readonly Token[], i: number): boolean {
  let j = i;
  if (isWord(tokens[j], 'so', 'and', 'now', 'then')) j++;
  if (isWord(tokens[j], "i'd", "we'd")) return isWord(tokens[j + 1], 'like', 'love', 'prefer');
  if (!isWord(tokens[j], 'i', 'we')) return false;
  if (isWord(tokens[j + 1], 'would', 'should')) return isWord(tokens[j + 2], 'like', 'love', 'prefer');
  return isWord(tokens[j + 1], 'want', 'need', 'wish');
}

/** Words of a plain list of things: "the red block, the green", "the two big balls". */
// ("every block except the leftmost block and the rightmost block goes …": which ones, said by where they lie.)
const SUBJECT_WORDS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'both',
  'all',
  'each',
  'every',
  'one',
  'ones',
  'except',
  'leftmost',
  'rightmost',
  'topmost',
  'bottommost',
  'middle',
]);

/**
 * Whether a clause so far is only things named, a list with no verb and no place ("the red block
 * and the green block should go in different bowls"): what follows says where they all go, not a
 * clause of its own.
 */
function bareSubject(cur: readonly Token[]): boolean {
  const words = cur.filter((t) => t.kind === 'word');
  return (
    words.length > 0 &&
    startsObject(words[0]) &&
    cur.every(
      (t) =>
        (t.kind === 'punct' && t.text === ',') ||
        (t.kind === 'word' &&
          (SUBJECT_WORDS.has(t.text) ||
            isColor(t.text) ||
            NOUNS.has(t.text) ||
            SIZE_WORDS[t.text] !== undefined ||
            NUMBER_WORDS[t.text] !== undefined)),
    )
  );
}

/** Whether a token starts a noun phrase ("the", a colour, a noun, an id). */
function startsObject(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'word' && (OBJECT_START.has(t.text) || isColor(t.text) || NOUNS.has(t.text) || t.text.includes('_'));
}

const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(['to', 'into', 'onto', 'in', 'on', 'inside']);
/** The place words after which a list would run on into the next put ("to the pink bowl, blue block to …"); "in" pairs are read whole (`locAt`). */
const TO_PLACES: ReadonlySet<string> = new Set(['to', 'into', 'onto']);
/** Words between a place preposition and the noun it names ("in the big green bowl"). */
const BEFORE_NOUN: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'that',
  'this',
  'big',
  'small',
  'large',
  'little',
  'top',
  'bottom',
  'left',
  'right',
]);

/** Where the phrase from i ends: at the next comma, "then" or other punctuation, and at "and" unless `atAnd` is false. */
function segmentEnd(tokens: readonly Token[], i: number, atAnd = true): number {
  let j = i;
  while (j < tokens.length && tokens[j]!.kind !== 'punct' && !isWord(tokens[j], 'then') && !(atAnd && isWord(tokens[j], 'and'))) j++;
  return j;
}

/** Words of an arrangement or an order, in which later phrases say where each part goes ("…, and the red block on top"). */
const ARRANGING: ReadonlySet<string> = new Set([
  'row',
  'rows',
  'line',
  'lines',
  'column',
  'columns',
  'grid',
  'circle',
  'ring',
  'tower',
  'stack',
  'pile',
  'order',
  'bottom',
  'middle',
  'rebuilding',
  'pyramid',
]);

/**
 * Whether a clause so far says where something goes: a place word after its first word ("on the
 * tray", "to the left of X"). Not within an arrangement, nor "between X" still waiting for "and Y".
 */
function hasPlace(tokens: readonly Token[]): boolean {
  if (tokens.some((t) => t.kind === 'word' && ARRANGING.has(t.text))) return false;
  const between = tokens.findIndex((t) => isWord(t, 'between'));
  if (between >= 0 && !tokens.slice(between).some((t) => isWord(t, 'and'))) return false;
  return (
    placeIn(tokens, 1) ||
    tokens.some(
      (t, j) =>
        j > 1 &&
        isWord(t, 'beside', 'next', 'behind', 'left', 'right', 'front', 'above', 'below', 'near', 'between', 'corner', 'side') &&
        !describedAt(tokens, j),
    )
  );
}

/** Whether the word at `j` says which thing, after "that is" ("the block that is above the bowl"). */
function describedAt(tokens: readonly Token[], j: number): boolean {
  for (let k = j - 1; k >= Math.max(1, j - 4); k--) {
    if (isWord(tokens[k], 'is', 'are') && isWord(tokens[k - 1], 'that', 'which')) return true;
  }
  return false;
}

/**
 * Whether a phrase names a thing and then a place by the thing before ("the blue block to its
 * right", "yellow block beside it", "the yellow one on top"): a put of its own.
 */
function placeByIt(tokens: readonly Token[]): boolean {
  if (!startsObject(tokens[0]) || isWord(tokens[0], 'it', 'them', 'both', 'all', 'each', 'every')) return false;
  const n = tokens.length;
  if (isWord(tokens[n - 2], 'on') && isWord(tokens[n - 1], 'top')) return n > 2;
  return tokens.some((t, j) => {
    if (j < 2 || !isWord(t, 'it', 'its', 'them', 'their')) return false;
    const before = tokens[j - 1];
    // "beside it", "next to it", "on top of it", "to the left of it", "to its right".
    if (isWord(before, 'beside', 'behind', 'near', 'by', 'onto', 'above', 'below', 'under', 'into')) return true;
    if (isWord(before, 'to')) return isWord(tokens[j - 2], 'next', 'close') || t.text === 'its' || t.text === 'their';
    if (isWord(before, 'of')) return isWord(tokens[j - 2], 'top', 'left', 'right', 'front');
    return isWord(before, 'on') && (t.text === 'its' || t.text === 'their');
  });
}

/**
 * Whether the number at i marks an item of a numbered list: "1)" / "(1)" where a clause starts,
 * or "1." at the start or after a sentence's end, with a word after it.
 */
function listMark(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const starts = prev === undefined || prev.kind === 'punct' || (prev.kind === 'word' && /[a-z]/.test(prev.text));
  if (next?.text === ')' && tokens[i + 2]?.kind === 'word') return starts;
  if (next?.text === '.' && tokens[i + 2]?.kind === 'word')
    return prev === undefined || (prev.kind === 'punct' && ['.', ':', ';'].includes(prev.text));
  return false;
}

/** Whether the phrase ending at `end` ends in "too", "as well" or "also" ("…, and the yellow one as well"): the same again. */
function alsoAt(tokens: readonly Token[], end: number): boolean {
  return isWord(tokens[end - 1], 'too', 'also') || (isWord(tokens[end - 2], 'as') && isWord(tokens[end - 1], 'well'));
}

/**
 * Whether the tokens name a thing and then where it goes, a place word (of `words`) after the
 * `from`-th token followed by a noun ("red to the pink bowl", "the blue one in the top left corner"): in
 * "red to the pink bowl, blue to the green bowl" each half is a put of its own. "the one on the
 * left" names no noun after "on", so stays one phrase.
 */
function placeIn(tokens: readonly Token[], from: number, words: ReadonlySet<string> = PLACE_PREPOSITIONS): boolean {
  for (let j = from; j < tokens.length; j++) {
    if (!isWord(tokens[j], ...words)) continue;
    let k = j + 1;
    while (k < tokens.length && (isWord(tokens[k], ...BEFORE_NOUN) || isColor(tokens[k]!.text))) k++;
    const noun = tokens[k];
    if (noun?.kind === 'word' && (NOUNS.has(noun.text) || ['corner', 'side', 'middle', 'centre', 'center', 'edge'].includes(noun.text)))
      return true;
  }
  return false;
}

/**
 * Split tokens into clauses: at sentence ends, semicolons, "then", and at "and" or a
 * comma followed by a verb ("… and put it on the table"). A colon splits only when a
 * verb follows ("Build a pyramid: put …"), so "in this order: red, green" stays whole.
 */
export function splitClauses(tokens: readonly Token[]): Token[][] {
  const clauses: Token[][] = [];
  let cur: Token[] = [];
  const flush = (): void => {
    if (cur.some((t) => t.kind !== 'punct')) clauses.push(cur);
    cur = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // A numbered list, "1) … 2) …", "(1) …", "1. … 2. …": each item a clause of its own.
    if (t.kind === 'number' && Number.isInteger(t.value) && (t.value ?? 0) < 10 && listMark(tokens, i)) {
      flush();
      if (tokens[i - 1]?.text === '(') cur.pop();
      i++;
      continue;
    }
    if (t.kind === 'punct' && (t.text === '.' || t.text === ';' || t.text === '!' || t.text === '?')) {
      flush();
      continue;
    }
    if (
      t.kind === 'punct' &&
      t.text === ':' &&
      (verbAt(tokens, i + 1) || isWord(tokens[i + 1], 'that', 'this', 'it', 'those', 'these', 'they'))
    ) {
      // The colon stays at the end of its clause: a clause that is only a noun phrase and
      // a colon ("the red block: put it in the tray") names what the next one acts on.
      cur.push(t);
      flush();
      continue;
    }
    // After "then", a list may run on with "and" ("then the blue and cyan ones onto the brown tray").
    const seg = tokens.slice(i + 1, segmentEnd(tokens, i + 1, false));
    if (
      isWord(t, 'then') &&
      cur.length > 0 &&
      !verbAt(tokens, i + 1) &&
      startsObject(tokens[i + 1]) &&
      !statementAhead(tokens, i + 1) &&
      // "put the red block on the tray, then the yellow one on top": a put of its own.
      !(hasPlace(cur) && (placeIn(seg, 1) || placeByIt(seg)))
    ) {
      // "the red block at the bottom, then the green block": a list, not a new clause.
      cur.push({ ...t, kind: 'punct', text: ',' });
      continue;
    }
    if (isWord(t, 'then') && cur.length > 0) {
      // ", then" / "and then": drop the separator before it too.
      while (cur.length > 0 && (cur[cur.length - 1]!.text === ',' || isWord(cur[cur.length - 1], 'and'))) cur.pop();
      flush();
      continue;
    }
    // A comma or "and" before a verb, a wish, or a phrase that says where it goes or that it stays
    // ("…, the white block can stay where it is", "… and the ball goes in the tray").
    const subjectFirst =
      startsObject(tokens[i + 1]) &&
      !isWord(tokens[i + 1], 'then') &&
      (statementAhead(tokens, i + 1) ||
        (hasPlace(cur) &&
          (placeIn(tokens.slice(i + 1, segmentEnd(tokens, i + 1)), 1, TO_PLACES) ||
            placeByIt(tokens.slice(i + 1, segmentEnd(tokens, i + 1))) ||
            alsoAt(tokens, segmentEnd(tokens, i + 1)))));
    if (
      (isWord(t, 'and', 'but') || (t.kind === 'punct' && t.text === ',')) &&
      cur.length > 0 &&
      (verbAt(tokens, i + 1) || wishAt(tokens, i + 1) || (subjectFirst && !bareSubject(cur)))
    ) {
      flush();
      continue;
    }
    cur.push(t);
  }
  flush();
  return clauses;
}
