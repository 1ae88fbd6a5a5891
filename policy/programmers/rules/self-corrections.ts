// People correct themselves as they speak: "the block above the blue bowl - no wait, the one
// below it - goes in the gray bowl", "the fourth block from the left... I mean the second from
// the right, same thing, into the brown bowl", "the three smallest blocks in a stack, hmm, no -
// just put them in the purple bowl", "moving the red block over to the yellow bowl? in it, I
// mean". What they mean is what they end with. These are rewritten, before the grammar reads
// the words, into what the speaker ended with, and each rewrite is noted:
//
// - a correction that names a thing replaces the thing named just before it ("the one below it"
//   for "the block above the blue bowl": "one" is that phrase's noun, "it" the thing inside it);
// - a correction that names a place replaces the place named just before it;
// - a correction that starts with a verb replaces what was being said; what was named at its
//   start stays as the topic its "it" / "them" points back at;
// - "X, I mean" after a sentence corrects that sentence's place (or thing) the same way.
//
// Nothing here looks at the scene. A marker with nothing it could correct is left as it is (and
// the grammar then says what it cannot read).

import { isColor, NOUNS, VERBS } from './lexicon.ts';
import { punctBefore, wordAt } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

const PLACE_STARTS: ReadonlySet<string> = new Set([
  'in',
  'into',
  'on',
  'onto',
  'to',
  'next',
  'beside',
  'at',
  'under',
  'behind',
  'above',
  'below',
  'near',
  'inside',
  'over',
]);
const DETERMINERS: ReadonlySet<string> = new Set(['the', 'a', 'an', 'that', 'this', 'those', 'these']);

const isWord = (t: Token | undefined, ...ws: string[]): boolean => t?.kind === 'word' && ws.includes(t.text);
const isPunct = (t: Token | undefined, ...ps: string[]): boolean => t?.kind === 'punct' && (ps.length === 0 || ps.includes(t.text));
const words = (ts: Token[]): string =>
  ts
    .map((t) => (t.kind === 'number' ? String(t.value) : t.text))
    .join(' ')
    .replace(/ ([,?.!])/g, '$1');

/** The marker starting at `i` ("no wait", "no,", "i mean", "sorry", "or rather", "make that"): its length, else 0. */
function markerAt(tokens: Token[], i: number): number {
  const w = wordAt(tokens);
  if (w(i) === 'no' && w(i + 1) === 'wait') return 2;
  if (w(i) === 'wait' && w(i + 1) === 'no') return 2;
  if (w(i) === 'i' && w(i + 1) === 'mean') return 2;
  if (w(i) === 'or' && w(i + 1) === 'rather') return 2;
  if (w(i) === 'make' && w(i + 1) === 'that') return 2;
  if (w(i) === 'sorry' || w(i) === 'oops') return 1;
  // "no" alone only between pauses: "…, no - just put them …", "- no, the blue one".
  if (w(i) === 'no' && (isPunct(tokens[i - 1]) || i === 0) && (isPunct(tokens[i + 1], ',', '-') || tokens[i + 1] === undefined)) return 1;
  return 0;
}

/** Where the sentence holding token `i` starts and ends (".", "?", "!", ";"). */
function sentence(tokens: Token[], i: number): [number, number] {
  let from = i;
  while (from > 0 && !isPunct(tokens[from - 1], '.', '?', '!', ';')) from--;
  let to = i;
  while (to < tokens.length && !isPunct(tokens[to], '.', '?', '!', ';')) to++;
  return [from, to];
}

/** The start of the last place phrase in [from, to): its preposition (and a particle before it, "over to"). */
function lastPlace(tokens: Token[], from: number, to: number): number {
  for (let k = to - 1; k >= from; k--) {
    if (tokens[k]?.kind !== 'word' || !PLACE_STARTS.has(tokens[k]!.text)) continue;
    // "next to": from "next".
    let s = k;
    if (isWord(tokens[s - 1], 'next', 'close', 'over', 'up', 'down', 'back') && s - 1 >= from) s--;
    return s;
  }
  return -1;
}

/** The start of the thing named first in [from, to): its determiner, colour or number. */
function firstThing(tokens: Token[], from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.kind === 'number' || (t.kind === 'word' && (DETERMINERS.has(t.text) || isColor(t.text) || NOUNS.has(t.text)))) return k;
    if (t.kind === 'word' && VERBS.has(t.text)) continue;
  }
  return -1;
}

/** The head noun of [from, to) (the first noun word) and the last phrase inside it ("the blue bowl" in "the block above the blue bowl"). */
function headAndInner(tokens: Token[], from: number, to: number): { noun: Token | null; inner: Token[] } {
  const noun = tokens.slice(from, to).find((t) => t.kind === 'word' && NOUNS.has(t.text)) ?? null;
  let inner: Token[] = [];
  for (let k = to - 1; k > from; k--) {
    if (isWord(tokens[k], 'the', 'a') && tokens.slice(k, to).some((t) => NOUNS.has(t.text))) {
      inner = tokens.slice(k, to).filter((t) => t.kind === 'word');
      break;
    }
  }
  return { noun, inner };
}

/** R, the correction, with "one" as L's noun and "it" as the thing inside L; a missing noun after an ordinal supplied. */
function fill(r: Token[], noun: Token | null, inner: Token[]): Token[] {
  const out: Token[] = [];
  let hasNoun = r.some((t) => t.kind === 'word' && NOUNS.has(t.text));
  for (const [k, t] of r.entries()) {
    if (isWord(t, 'one') && noun && k > 0) {
      out.push({ ...noun, start: t.start, end: t.end });
      hasNoun = true;
      continue;
    }
    if (isWord(t, 'it') && inner.length > 0) {
      out.push(...inner.map((x) => ({ ...x, start: t.start, end: t.end })));
      continue;
    }
    out.push(t);
  }
  // "the second from the right" for "the fourth block from the left": "the second block from the right".
  if (!hasNoun && noun) {
    const k = out.findIndex((t) => isWord(t, 'from', 'of', 'closest', 'nearest', 'farthest', 'furthest', 'to', 'in', 'on'));
    if (k > 0) out.splice(k, 0, { ...noun, start: out[k]!.start, end: out[k]!.start });
  }
  return out;
}

export interface Corrected {
  tokens: Token[];
  notes: string[];
}

/** The instruction as the speaker ended it; unchanged when it holds no self-correction it can follow. */
export function selfCorrections(tokens: Token[], text: (ts: Token[]) => string): Corrected {
  const notes: string[] = [];
  let out = [...tokens];
  for (let guard = 0; guard < 4; guard++) {
    const next = correctOnce(out, text);
    if (!next) break;
    out = next.tokens;
    notes.push(next.note);
  }
  return { tokens: out, notes };
}

function correctOnce(tokens: Token[], text: (ts: Token[]) => string): { tokens: Token[]; note: string } | null {
  for (let m = 0; m < tokens.length; m++) {
    const len = markerAt(tokens, m);
    if (len === 0) continue;
    let [sFrom, sTo] = sentence(tokens, m);
    // The correction R: after the marker (and its commas / dashes) to the next pause.
    let r0 = m + len;
    while (isPunct(tokens[r0], ',', '-')) r0++;
    let r1 = r0;
    while (r1 < sTo && !isPunct(tokens[r1], ',', '-', ')')) r1++;
    // What it corrects, L: before the marker (its pauses left out).
    let l1 = m;
    while (l1 > sFrom && isPunct(tokens[l1 - 1])) l1--;
    // "… ? in it, I mean": the correction comes first, and corrects the sentence before.
    if (r0 >= sTo && isWord(tokens[m], 'i') && sFrom > 0) {
      const r = tokens.slice(sFrom, l1);
      const [pFrom, pTo] = sentence(tokens, sFrom - 1);
      const corrected = replace(tokens, pFrom, pTo, r);
      if (!corrected) continue;
      // The corrected sentence, its end, and the rest after this one.
      const rest = tokens.slice(sTo + 1);
      return {
        tokens: [...corrected.sentence, ...(pTo < tokens.length ? [tokens[pTo]!] : []), ...rest],
        note: `'${text(r)}, ${text(tokens.slice(m, m + len))}': read as '${words(corrected.sentence)}'`,
      };
    }
    // "the fourth block from the left... I mean the second …": the marker starts a sentence; it corrects the one before.
    if (l1 <= sFrom && sFrom > 0 && r0 < r1) {
      let k = sFrom - 1;
      while (k > 0 && isPunct(tokens[k])) k--;
      const [pFrom] = sentence(tokens, k);
      l1 = sFrom;
      while (l1 > pFrom && isPunct(tokens[l1 - 1])) l1--;
      sFrom = pFrom;
    }
    if (r0 >= r1 || l1 <= sFrom) continue;
    const r = tokens.slice(r0, r1);
    const lead = r[0]!;
    // R starts with a verb: what was being said is dropped; its first thing stays as the topic.
    if ((lead.kind === 'word' && VERBS.has(lead.text)) || (isWord(lead, 'just') && VERBS.has(r[1]?.text ?? ''))) {
      const rest = tokens.slice(r0, sTo);
      const points = rest.some((t) => isWord(t, 'it', 'them', 'they', 'its', 'their'));
      const th = firstThing(tokens, sFrom, l1);
      let thEnd = th;
      while (
        thEnd >= 0 &&
        thEnd < l1 &&
        !(tokens[thEnd]!.kind === 'word' && PLACE_STARTS.has(tokens[thEnd]!.text)) &&
        !isPunct(tokens[thEnd])
      )
        thEnd++;
      const topic = points && th >= 0 ? [...tokens.slice(th, thEnd), punctBefore(lead, ',')] : [];
      const sentenceNow = [...topic, ...rest];
      return {
        tokens: [...tokens.slice(0, sFrom), ...sentenceNow, ...tokens.slice(sTo)],
        note: `'${text(tokens.slice(sFrom, r1))}': read as what it ends with, '${words(sentenceNow)}'`,
      };
    }
    const corrected = replace(tokens, sFrom, l1, r);
    if (!corrected) continue;
    // "…, same thing, …": said of the correction; left out.
    let after = r1;
    while (isPunct(tokens[after], ',', '-') && isWord(tokens[after + 1], 'same') && isWord(tokens[after + 2], 'thing')) after += 3;
    // "… - goes in the gray bowl": the pause that closed the correction goes too.
    const says = ['goes', 'go', 'should', 'must', 'needs', 'need', 'has', 'is', 'are', 'belongs', 'gets', 'can', 'will'];
    if (isPunct(tokens[after], '-') || (isPunct(tokens[after], ',') && isWord(tokens[after + 1], ...says))) after++;
    const tail = tokens.slice(after, sTo);
    const sentenceNow = [...corrected.sentence, ...tail];
    return {
      tokens: [...tokens.slice(0, sFrom), ...sentenceNow, ...tokens.slice(sTo)],
      note: `'${text(tokens.slice(sFrom, r1))}': read as what it ends with, '${words(corrected.sentence)}'`,
    };
  }
  return null;
}

/** Sentence [from, to) with its last place (R a place) or its first thing (R a thing) replaced by R; null when it has none. */
function replace(tokens: Token[], from: number, to: number, r: Token[]): { sentence: Token[] } | null {
  const lead = r[0];
  if (!lead || (lead.kind !== 'word' && lead.kind !== 'number')) return null;
  if (lead.kind === 'word' && PLACE_STARTS.has(lead.text)) {
    const p = lastPlace(tokens, from, to);
    if (p < 0) return null;
    const inner = headAndInner(tokens, p, to).inner;
    return { sentence: [...tokens.slice(from, p), ...fill(r, null, inner)] };
  }
  if (!(lead.kind === 'number' || DETERMINERS.has(lead.text) || isColor(lead.text) || NOUNS.has(lead.text))) return null;
  const th = firstThing(tokens, from, to);
  if (th < 0) return null;
  const { noun, inner } = headAndInner(tokens, th, to);
  return { sentence: [...tokens.slice(from, th), ...fill(r, noun, inner)] };
}

/** How a reason why not starts, after "no,": "it'd roll off", "that won't fit", "too big". */
const REASON =
  /^(it|that|they|this|which) ?(would|will|might|could|won't|wouldn't|can't|cannot|doesn't|isn't|is|'d|'ll|d)\b|^(it'd|it'll|that'd|that'll|they'd|they'll|itd|thatd|won't|wouldn't|too|can't|doesn't)\b/;

/**
 * "pink ball on the black block? no, it'd roll off. put it in the grey bowl instead": a request,
 * then "no" with the reason why not, then what to do instead. The request and the reason are
 * dropped; the request's first thing stays as the topic its "it" points back at. Null unless
 * all three are there (the sentence after the reason says "instead"). Read on the words as
 * written, before normalize.ts drops "instead".
 */
export function withdrawnWithReason(tokens: Token[], text: (ts: Token[]) => string): { tokens: Token[]; note: string } | null {
  for (let m = 1; m < tokens.length; m++) {
    if (!isWord(tokens[m], 'no', 'nah', 'nope') || !isPunct(tokens[m - 1], '?', '.', '!', '-', ';')) continue;
    let r = m + 1;
    while (isPunct(tokens[r], ',', '-', '.')) r++;
    const [, bTo] = sentence(tokens, r);
    const reason = tokens
      .slice(r, bTo)
      .filter((t) => t.kind === 'word')
      .map((t) => t.text)
      .join(' ');
    if (!REASON.test(reason) || bTo >= tokens.length) continue;
    const [cFrom, cTo] = sentence(tokens, bTo + 1);
    if (!tokens.slice(cFrom, cTo).some((t) => isWord(t, 'instead'))) continue;
    let aTo = m - 1;
    while (aTo > 0 && isPunct(tokens[aTo - 1])) aTo--;
    const [aFrom] = sentence(tokens, Math.max(0, aTo - 1));
    const th = firstThing(tokens, aFrom, aTo);
    if (th < 0) continue;
    let thEnd = th;
    while (thEnd < aTo && !(tokens[thEnd]!.kind === 'word' && PLACE_STARTS.has(tokens[thEnd]!.text)) && !isPunct(tokens[thEnd])) thEnd++;
    const lead = tokens[cFrom]!;
    const topic = [...tokens.slice(th, thEnd), punctBefore(lead, ',')];
    const now = [...topic, ...tokens.slice(cFrom, cTo)];
    return {
      tokens: [...tokens.slice(0, aFrom), ...now, ...tokens.slice(cTo)],
      note: `'${text(tokens.slice(aFrom, bTo))}': withdrawn with its reason; read as what comes instead, '${words(now)}'`,
    };
  }
  return null;
}
