// Reading past what the grammar does not cover. When a clause cannot be read as written,
// a few small edits are tried, each of which a person would make without thinking, and the
// first edited clause the grammar reads is used, with a note saying what was assumed:
//
// - a clause with no verb that names a thing and then a place is a put ("every ball except
//   the purple one onto the white tray", "Red block. Brown tray.");
// - the words that link a thing to where it ends up are left out ("X should end up on Y",
//   "X is to go in Y");
// - an aside between commas or in brackets that names nothing (no colour, shape, size,
//   number, side or direction: "…, like a clock face") is left out.
//
// Nothing here looks at the scene, and nothing guesses among readings: the edits are tried
// in a fixed order and the first clause that reads is kept. What was left out or assumed is
// a note of the reading, so it reaches the program's `// note:` lines and the user. A word it
// does not know is never left out here: it may be the verb ("juggle"), the thing ("the red bluk")
// or how ("sideways"), and the error names it. (Once the whole reading has failed on it,
// unknown-words.ts may read it where the rest of the phrase says which: "the white shaker".) Two exceptions, both noted: a word in "-ly" that
// only says how ("delicately"), and a verb it does not know that starts a clause which then
// reads as a put with a place ("scoot the red block over to the tray": moved there).

import type { Clause, ParseError } from './grammar.ts';
import { DIRECTIONS, EXTREMES, NOUNS, NUMBER_WORDS, ORDINALS, SIDE_WORDS, SIZE_WORDS, VERBS, isColor } from './lexicon.ts';
import { spanText } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

export interface Recovered {
  clause: Clause;
  /** What was left out or assumed, one line each ("left out 'evenly', a word it does not know"). */
  notes: string[];
}

/** Where a thing may go: every place of a put but where it is now ("from") and a bare "at". */
const DESTINATION_KINDS: ReadonlySet<string> = new Set([
  'on',
  'in',
  'to',
  'relation',
  'corner',
  'distinct',
  'side',
  'center',
  'table',
  'between',
  'where',
  'row',
  'circle',
  'grid',
]);

const ARRANGEMENT_KINDS: ReadonlySet<string> = new Set(['row', 'circle', 'grid']);
const ARRANGEMENT_NOUNS: ReadonlySet<string> = new Set(['row', 'line', 'column', 'circle', 'ring', 'grid', 'square']);

/** Words that change what is meant when left out: never dropped. */
const MEANING_WORDS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'none',
  'neither',
  'nor',
  'never',
  'without',
  'except',
  'excluding',
  'but',
  "don't",
  'dont',
  "isn't",
  "aren't",
  "doesn't",
  'only',
  'each',
  'every',
  'all',
  'both',
  'either',
  // "…, same order", "…, colours matching": what they say changes which or where; never an aside to drop.
  'same',
  'matching',
  'match',
  'matched',
  'different',
  'opposite',
  'reverse',
  'reversed',
]);

/** Words between a thing and where it ends up ("should end up on", "needs to be in", "is to go to"). */
const LINK_WORDS: ReadonlySet<string> = new Set([
  'should',
  'must',
  'will',
  'would',
  'shall',
  'can',
  'could',
  'might',
  'needs',
  'need',
  'has',
  'have',
  'had',
  'ought',
  'gotta',
  'got',
  'is',
  'are',
  'be',
  'been',
  'being',
  'end',
  'ends',
  'ended',
  'wind',
  'winds',
  'finish',
  'finishes',
  'finally',
  'eventually',
  'ideally',
  'really',
  'definitely',
  'up',
  'go',
  'goes',
  'going',
  'get',
  'gets',
  'sit',
  'sits',
  'stay',
  'stays',
  'lie',
  'lies',
  'rest',
  'rests',
  'live',
  'lives',
  'belong',
  'belongs',
  'moved',
  'placed',
  'put',
  'sitting',
  'resting',
]);

/** The words of a phrase saying where on a stack a thing is now ("from the top of the tower"). */
const SOURCE_WORDS: ReadonlySet<string> = new Set([
  'of',
  'the',
  'a',
  'its',
  'top',
  'middle',
  'bottom',
  'tower',
  'stack',
  'pile',
  'it',
  'them',
  // "off the top edge", "from the left-hand side", "out of the bottom right corner" (edge is side: normalize.ts).
  'left',
  'right',
  'hand',
  'side',
  'corner',
  'table',
]);
const STACK_PARTS: ReadonlySet<string> = new Set(['top', 'middle', 'bottom', 'tower', 'stack', 'pile', 'side', 'corner']);
/** Words of the way it goes after where it is now: "from the bottom edge up to …", "off the top side and down into …". */
const SOURCE_TAILS: ReadonlySet<string> = new Set(['up', 'down', 'over', 'across']);
/** Words a place starts with, after which a phrase saying where a thing is now has ended. */
const PLACE_STARTS: ReadonlySet<string> = new Set(['into', 'in', 'onto', 'on', 'to', 'and', 'then', 'next', 'beside', 'inside']);

/** Whether the clause's words came after "there is / there are" (dropped before reading: normalize.ts). */
export function saidToBe(tokens: readonly Token[], source: string): boolean {
  if (tokens.length === 0) return false;
  if (tokens[0]!.text === 'there' && ['is', 'are', "'s", "'re"].includes(tokens[1]?.text ?? '')) return true;
  const start = tokens[0]!.start;
  return /\bthere(?:'s|'re| is| are)\s*$/i.test(source.slice(Math.max(0, start - 12), start));
}

/** Whether a token says which thing or where: a colour, shape noun, size, number, side, direction or ordinal. */
export function isContent(t: Token): boolean {
  if (t.kind === 'number' || t.kind === 'distance') return true;
  if (t.kind !== 'word') return false;
  const w = t.text;
  return (
    isColor(w) ||
    (NOUNS.has(w) && NOUNS.get(w)!.cls !== 'thing') ||
    w in SIZE_WORDS ||
    NUMBER_WORDS[w] !== undefined ||
    ORDINALS[w] !== undefined ||
    w in SIDE_WORDS ||
    w in EXTREMES ||
    w in DIRECTIONS ||
    MEANING_WORDS.has(w) ||
    ['middle', 'center', 'centre', 'corner', 'corners', 'side', 'sides', 'edge', 'edges', 'table'].includes(w)
  );
}

/** Words of politeness after what is asked ("…, please", "…, thanks"). */
const POLITE: ReadonlySet<string> = new Set(['please', 'pls', 'thank', 'you', 'cheers', 'ta']);

const word = (text: string, at: Token): Token => ({ kind: 'word', text, start: at.start, end: at.start });

interface Edit {
  tokens: Token[];
  note: string;
  /** Whether the clause read after this edit says what the edit assumed (a put must say where). */
  accept?: (clause: Clause) => boolean;
}

/** The edits worth trying after `error`, in the order they are tried. */
function editsFor(tokens: Token[], error: ParseError, source: string, topic: boolean): Edit[] {
  const stop = error.stop;
  if (!stop) return [];
  const out: Edit[] = [];
  const at = Math.min(stop.at, tokens.length - 1);
  // A heading that names a place, then what goes "in it" ("gray bowl: all of the blocks in it").
  const colonAt = tokens.findIndex((t) => t.kind === 'punct' && t.text === ':');
  if (colonAt > 0 && colonAt <= 6 && tokens.slice(0, colonAt).some((t) => NOUNS.has(t.text))) {
    const it = tokens.findIndex(
      (t, i) => i > colonAt && t.text === 'it' && ['in', 'into', 'on', 'onto', 'inside'].includes(tokens[i - 1]?.text ?? ''),
    );
    if (it > 0) {
      const heading = tokens.slice(0, colonAt).filter((t) => t.kind === 'word');
      const the = heading[0]?.text === 'the' ? [] : [word('the', heading[0]!)];
      out.push({
        tokens: [...tokens.slice(colonAt + 1, it), ...the, ...heading, ...tokens.slice(it + 1)],
        note: `'it' read as '${spanText(source, heading)}', the heading before the colon`,
        accept: (clause) => clause.objects.length > 0 && clause.locations.length > 0,
      });
    }
  }
  // The words linking a thing to where it ends up ("should end up", "needs to be", "is to go").
  // (Not in a relative clause: "each block that has a bowl …" says which block, not where it goes.)
  if (
    tokens[at]?.kind === 'word' &&
    LINK_WORDS.has(tokens[at]!.text) &&
    !['that', 'which', 'who', 'whose'].includes(tokens[at - 1]?.text ?? '')
  ) {
    let end = at;
    while (
      end < tokens.length &&
      (LINK_WORDS.has(tokens[end]!.text) || (tokens[end]!.text === 'to' && LINK_WORDS.has(tokens[end + 1]?.text ?? '')))
    )
      end++;
    if (end < tokens.length)
      out.push({
        tokens: [...tokens.slice(0, at), ...tokens.slice(end)],
        note: `read '${spanText(source, tokens.slice(at, end))}' as where it goes`,
      });
  }
  // Where it is now, said of a stack ("from the top of the tower", "out of the middle of the stack", "off the top").
  if (['from', 'off', 'out'].includes(tokens[at]?.text ?? '')) {
    let end = at + 1;
    while (end < tokens.length && SOURCE_WORDS.has(tokens[end]!.text)) end++;
    const stackWords = tokens.slice(at, end).filter((t) => STACK_PARTS.has(t.text));
    if (stackWords.length > 0 && SOURCE_TAILS.has(tokens[end]?.text ?? '') && PLACE_STARTS.has(tokens[end + 1]?.text ?? '')) end++;
    const next = tokens[end];
    if (stackWords.length > 0 && (next === undefined || next.kind === 'punct' || PLACE_STARTS.has(next.text)))
      out.push({
        tokens: [...tokens.slice(0, at), ...tokens.slice(end)],
        note: `left out '${spanText(source, tokens.slice(at, end))}', which says where it is now`,
      });
  }
  // No verb: a thing, then where it goes, is a put.
  // (Not a topic the next clause points back at: "the block at the left edge - move it …" names a thing.)
  // (Nor a sentence that said "there is / there are" before the thing: "There are three blocks
  // along the bottom." says where they are, never where they go.)
  if (stop.noVerb && !topic && !saidToBe(tokens, source) && !VERBS.has(tokens[at]?.text ?? '')) {
    // "the black block" alone says nowhere: not a put.
    // An arrangement named ("a row in the corner: …") that the put would not make is no put either.
    const arranged = tokens.some((t) => ['row', 'line', 'column', 'circle', 'ring', 'tower', 'stack', 'pile', 'grid'].includes(t.text));
    const makes = (clause: Clause): boolean =>
      ['stack', 'build', 'lineup'].includes(clause.verb) || clause.locations.some((l) => ['row', 'circle', 'grid'].includes(l.kind));
    const accept = (clause: Clause): boolean =>
      clause.objects.length > 0 &&
      (clause.locations.length > 0 || clause.order !== null || clause.bySize !== null) &&
      (!arranged || makes(clause));
    out.push({
      tokens: [...tokens.slice(0, at), word('put', tokens[at]!), ...tokens.slice(at)],
      note: 'no verb: read as putting what it names where it says',
      accept,
    });
    // "white block, brown bowl": a thing, a comma (or a dash), a container. (The last one:
    // "of the two blocks, the little one - gray tray"; ", please" after the container says no more.)
    let end = tokens.length;
    while (end > at + 1 && (tokens[end - 1]!.kind === 'punct' || POLITE.has(tokens[end - 1]!.text))) end--;
    let comma = -1;
    for (let i = end - 1; i > at && comma < 0; i--)
      if (tokens[i]!.kind === 'punct' && (tokens[i]!.text === ',' || tokens[i]!.text === '-')) comma = i;
    const cls = NOUNS.get(tokens.slice(comma + 1).find((t) => NOUNS.has(t.text))?.text ?? '')?.cls;
    if (
      comma > at &&
      (cls === 'bowl' || cls === 'tray' || cls === 'container') &&
      tokens.slice(comma + 1, end).every((t) => t.kind !== 'punct')
    )
      out.push({
        tokens: [word('put', tokens[at]!), ...tokens.slice(0, comma), word('in', tokens[comma]!), ...tokens.slice(comma + 1, end)],
        note: 'a thing, then a container: read as putting the one in the other',
        accept: (clause) => clause.objects.length > 0 && clause.locations.length === 1,
      });
    // "diagonal line with all 4 blocks": an arrangement named with no verb is one to make.
    if (
      ['diagonal', 'horizontal', 'vertical', 'straight', 'line', 'row', 'column', 'circle', 'ring', 'tower', 'stack', 'pile'].includes(
        tokens[at]?.text ?? '',
      )
    )
      out.push({
        tokens: [...tokens.slice(0, at), word('make', tokens[at]!), word('a', tokens[at]!), ...tokens.slice(at)],
        note: 'no verb: read as making the arrangement it names',
      });
    // "3 biggest blocks in the tray", "2nd from the right -> pink bowl": no article either (the
    // ordinal may have been read as a lead-in, "second, …": then from the clause's start).
    const t = ORDINALS[tokens[0]?.text ?? ''] !== undefined ? tokens[0] : tokens[at];
    const from = t === tokens[0] ? 0 : at;
    if (t && (t.kind === 'number' || ORDINALS[t.text] !== undefined || NUMBER_WORDS[t.text] !== undefined || t.text in SIZE_WORDS))
      out.push({
        tokens: [...tokens.slice(0, from), word('put', t), word('the', t), ...tokens.slice(from)],
        note: 'no verb: read as putting what it names where it says',
        accept,
      });
  }
  // A verb it does not know, then a thing, then where it goes ("scoot the red block over to the
  // tray", "plop the ball in the bowl"): a put, when what follows reads as one with a place.
  if (
    stop.noVerb &&
    stop.unknown === at &&
    tokens[at]?.kind === 'word' &&
    /^[a-z]{3,}$/.test(tokens[at]!.text) &&
    !MEANING_WORDS.has(tokens[at]!.text)
  ) {
    const next = tokens[at + 1];
    const thing =
      next?.kind === 'word' &&
      (['the', 'a', 'an', 'it', 'them', 'that', 'this', 'all', 'every', 'each', 'both'].includes(next.text) ||
        isColor(next.text) ||
        NOUNS.has(next.text));
    if (thing)
      out.push({
        tokens: [...tokens.slice(0, at), word('move', tokens[at]!), ...tokens.slice(at + 1)],
        note: `read '${tokens[at]!.text}', a verb it does not know, as 'move': what it names goes where it says`,
        // An arrangement only when one is named ("space the blocks out in a circle"), not "twirl it around the bowl".
        accept: (clause) =>
          clause.verb === 'put' &&
          clause.objects.length > 0 &&
          clause.locations.some((l) => DESTINATION_KINDS.has(l.kind)) &&
          clause.locations.every((l) => !ARRANGEMENT_KINDS.has(l.kind) || tokens.some((t) => ARRANGEMENT_NOUNS.has(t.text))),
      });
  }
  // A heading before a colon that does not read ("swap colours: both greens into …"): what follows says it all.
  const colon = tokens.findIndex((t) => t.kind === 'punct' && t.text === ':');
  // (Not a heading that says to build: "Stack them into two towers of three: …" says what the rest makes.)
  const builds = tokens.slice(0, colon).some((t) => ['tower', 'towers', 'stack', 'stacks', 'pile', 'piles', 'pyramid'].includes(t.text));
  // (One that names an arrangement goes only when what follows makes one too: "Turn the ring into a
  // straight line: all six blocks side by side across the top" — not "Put all six in one row …:
  // red at the left, then orange, …", whose list alone would put each at the left.)
  const arranges = tokens
    .slice(0, colon)
    .some((t) => ['row', 'rows', 'line', 'lines', 'column', 'columns', 'circle', 'ring', 'grid', 'order', 'diagonal'].includes(t.text));
  if (colon > at && colon < tokens.length - 1 && !builds)
    out.push({
      tokens: tokens.slice(colon + 1),
      note: `left out '${spanText(source, tokens.slice(0, colon))}', a heading before what it says`,
      accept: (clause) =>
        clause.objects.length > 0 &&
        clause.locations.length > 0 &&
        (!arranges || clause.verb === 'lineup' || clause.locations.some((l) => ARRANGEMENT_KINDS.has(l.kind) || l.kind === 'sideBySide')),
    });
  // "…to the left side, anywhere along that side", "…, doesn't matter where": any spot in the place named is fine.
  const loose = tokens.findIndex((_t, k) => k > 0 && tokens[k - 1]!.text === ',' && k <= at + 1 && anySpotFrom(tokens, k));
  if (loose > 0)
    out.push({
      tokens: tokens.slice(0, loose - 1),
      note: `left out '${spanText(source, tokens.slice(loose))}': any spot in the place it names is fine`,
      accept: (clause) => clause.objects.length > 0 && clause.locations.some((l) => DESTINATION_KINDS.has(l.kind)),
    });
  // An aside between commas or in brackets that names nothing.
  const aside = asideAround(tokens, at);
  if (aside) {
    const [from, to] = aside;
    out.push({
      tokens: [...tokens.slice(0, from), ...tokens.slice(to)],
      note: `left out '${spanText(source, tokens.slice(from, to)).replace(/^[\s,(]+|[\s,)]+$/g, '')}', which names no object or place`,
    });
  }
  // A word it does not know that only says how ("put it in delicately"): left out. (Hedges — "um",
  // "maybe" — are left out before the grammar reads the words: normalize.ts.)
  const unknown = stop.unknown === undefined ? undefined : tokens[stop.unknown];
  if (unknown?.kind === 'word' && !MEANING_WORDS.has(unknown.text) && /^[a-z]{3,}ly$/.test(unknown.text))
    out.push({
      tokens: tokens.filter((t) => t !== unknown),
      note: `left out '${unknown.text}', a word it does not know that says only how`,
      accept: (clause) => clause.objects.length > 0,
    });
  // "…, but not the red block" at the end: said to be sure; what comes before names what goes.
  // "…, not the ball" likewise.
  const butNot = tokens.findIndex(
    (t, i) =>
      (t.text === 'but' && tokens[i + 1]?.text === 'not' && tokens[i - 1]?.text === ',') ||
      (t.text === 'not' && tokens[i - 1]?.text === ','),
  );
  if (butNot > 0 && at >= butNot && tokens.slice(butNot).every((t) => t.kind === 'word' || t.text === '.'))
    out.push({
      tokens: tokens.slice(0, butNot - 1),
      note: `left out '${spanText(source, tokens.slice(butNot))}': what comes before names what goes`,
      accept: (clause) => clause.objects.length > 0 && clause.locations.length > 0,
    });
  out.push(...resultEdits(tokens, at, source));
  // "every loose thing (the two blocks, the ball and the can)": the bracket names them; it stands for the phrase before it.
  const open = tokens.findIndex((t) => t.kind === 'punct' && t.text === '(');
  const close = tokens.findIndex((t, i) => i > open && t.kind === 'punct' && t.text === ')');
  const first = tokens[open + 1];
  if (
    open > 0 &&
    close > open + 1 &&
    first &&
    (first.kind === 'number' || ['the', 'a', 'an', 'both', 'all'].includes(first.text) || isColor(first.text)) &&
    // (a noun, or a word it does not know that the brackets define: "the three tiddlers (the smallest blocks)")
    (NOUNS.has(tokens[open - 1]?.text ?? '') || (stop.unknown === open - 1 && tokens[open - 1]?.kind === 'word'))
  ) {
    let from = open - 1;
    while (from > 0 && tokens[from - 1]!.kind === 'word' && !VERBS.has(tokens[from - 1]!.text) && !PLACE_STARTS.has(tokens[from - 1]!.text))
      from--;
    // ("the three tiddlers (the smallest blocks)": the count said before the brackets counts what they name.)
    const isCount = (t: Token): boolean => t.kind === 'number' || (NUMBER_WORDS[t.text] !== undefined && t.text !== 'one');
    const count = tokens.slice(from, open).find(isCount);
    let named = tokens.slice(open + 1, close);
    if (count && !named.some(isCount)) named = named[0]?.text === 'the' ? [named[0], count, ...named.slice(1)] : [count, ...named];
    // ("in the black bowl (the cube, not the red can)": a bracket naming things, not containers, is not the bowl.)
    const holder = (w: string | undefined): boolean | null => {
      const cls = w === undefined ? undefined : NOUNS.get(w)?.cls;
      return cls === undefined || cls === 'thing' ? null : ['bowl', 'tray', 'container', 'zone'].includes(cls);
    };
    const before = holder(tokens[open - 1]?.text);
    const inside = holder(named.find((t) => NOUNS.has(t.text))?.text);
    if (from < open - 1 && !(before !== null && inside !== null && before !== inside))
      out.push({
        tokens: [...tokens.slice(0, from), ...named, ...tokens.slice(close + 1)],
        note: `read '${spanText(source, tokens.slice(from, open))}' as what the brackets name, '${spanText(source, tokens.slice(open + 1, close))}'`,
        accept: (clause) => clause.objects.length > 0,
      });
  }
  // Anything in brackets, last: what is set off in brackets is said by the way.
  for (const [open, close] of bracketSpans(tokens, source)) {
    const kept = tokens.filter((t) => t.start < open || t.start > close);
    if (kept.length === tokens.length || kept.length === 0) continue;
    out.push({
      tokens: kept,
      note: `left out '${source.slice(open, close + 1)}', said in brackets by the way`,
      accept: (clause) => clause.objects.length > 0,
    });
  }
  return out;
}

/** Particles a person puts between a thing and "so it's …" ("slide the red block over so it's …"). */
const SO_PARTICLES: ReadonlySet<string> = new Set(['over', 'across', 'along', 'back', 'around', 'round', 'up', 'down']);

/**
 * "…, so (that) it's just right of the tray": the place after "so it is" is where it goes; "…,
 * so the three are in a line": a result said after what to do, left out when what comes
 * before reads with a place of its own.
 */
function resultEdits(tokens: Token[], at: number, source: string): Edit[] {
  const so = tokens.findIndex((t, i) => i > 0 && t.kind === 'word' && t.text === 'so' && tokens[i + 1]?.text !== 'much');
  if (so < 0 || at > tokens.length) return [];
  const out: Edit[] = [];
  let k = so + 1;
  if (tokens[k]?.text === 'that') k++;
  if (['it', 'they'].includes(tokens[k]?.text ?? '')) {
    k++;
    while (k < tokens.length && LINK_WORDS.has(tokens[k]!.text)) k++;
    let from = so;
    while (from > 0 && SO_PARTICLES.has(tokens[from - 1]!.text)) from--;
    if (tokens[from - 1]?.text === ',') from--;
    if (k < tokens.length && at <= k)
      out.push({
        tokens: [...tokens.slice(0, from), ...tokens.slice(k)],
        note: `read '${spanText(source, tokens.slice(from, k))}' as where it goes`,
        accept: (clause) => clause.objects.length > 0 && clause.locations.length > 0,
      });
  }
  if (at >= so) {
    const from = tokens[so - 1]?.text === ',' ? so - 1 : so;
    const end = tokens.findIndex((t, i) => i > so && t.kind === 'punct' && t.text !== ',');
    const to = end < 0 ? tokens.length : end;
    out.push({
      tokens: [...tokens.slice(0, from), ...tokens.slice(to)],
      note: `left out '${spanText(source, tokens.slice(so, to))}', which says what it comes to`,
      accept: (clause) => clause.objects.length > 0 && (clause.locations.length > 0 || clause.order !== null),
    });
  }
  return out;
}

/** Where the brackets of the clause's source open and close, as [open, close] offsets into the source. */
function bracketSpans(tokens: Token[], source: string): [number, number][] {
  if (tokens.length === 0) return [];
  const lo = tokens[0]!.start;
  const hi = tokens[tokens.length - 1]!.end;
  const out: [number, number][] = [];
  for (let i = source.indexOf('(', lo); i >= 0 && i < hi; i = source.indexOf('(', i + 1)) {
    const close = source.indexOf(')', i);
    if (close > i) out.push([i, close]);
  }
  return out;
}

/** The span [from, to) of the comma- or bracket-bounded part of the clause holding token `at`, if it names nothing. */
function asideAround(tokens: Token[], at: number): [number, number] | null {
  const isOpen = (t: Token | undefined): boolean => t?.kind === 'punct' && (t.text === ',' || t.text === '(');
  const isClose = (t: Token | undefined): boolean => t?.kind === 'punct' && (t.text === ',' || t.text === ')');
  let from = at;
  while (from > 0 && !isOpen(tokens[from - 1])) from--;
  let to = at;
  while (to < tokens.length && !isClose(tokens[to])) to++;
  // Only a part set off by punctuation: the clause's head is never an aside.
  if (from === 0) return null;
  const part = tokens.slice(from, to);
  if (part.length === 0 || part.length > 8 || part.some(isContent)) return null;
  // The opening comma goes too; a closing bracket goes with its opening one.
  const start = from - 1;
  const end = tokens[to]?.text === ')' ? to + 1 : to;
  return [start, end];
}

const MAX_EDITS = 4;
const MAX_TRIES = 40;

/**
 * Read `tokens` with `parse` after the first error, trying the edits above (at most
 * MAX_EDITS on one reading, MAX_TRIES readings in all). Null when none reads: the caller
 * reports the first error, which names the phrase as written.
 */
export function recoverClause(
  tokens: Token[],
  error: ParseError,
  source: string,
  parse: (tokens: Token[]) => Clause,
  isParseError: (e: unknown) => e is ParseError,
  topic = false,
): Recovered | null {
  let tries = 0;
  const seen = new Set<string>();
  const search = (toks: Token[], err: ParseError, notes: string[], depth: number): Recovered | null => {
    if (depth >= MAX_EDITS) return null;
    for (const edit of editsFor(toks, err, source, topic)) {
      const key = edit.tokens.map((t) => t.text).join(' ');
      if (seen.has(key) || tries >= MAX_TRIES) continue;
      seen.add(key);
      tries++;
      const now = [...notes, edit.note];
      try {
        const clause = parse(edit.tokens);
        if (edit.accept && !edit.accept(clause)) continue;
        return { clause, notes: now };
      } catch (e) {
        if (!isParseError(e)) throw e;
        const found = search(edit.tokens, e, now, depth + 1);
        if (found) return found;
      }
    }
    return null;
  };
  return search(tokens, error, [], 0);
}

/** Whether the words from `k` to the end only leave the spot free: "anywhere along that side", "doesn't matter where (exactly)". */
function anySpotFrom(tokens: Token[], k: number): boolean {
  const w = tokens
    .slice(k)
    .filter((t) => t.kind === 'word')
    .map((t) => t.text);
  if (['anywhere', 'wherever', 'anyplace'].includes(w[0] ?? '')) return true;
  const s = w.join(' ');
  return (
    /^(it )?(doesn't|does not|doesnt|don't|dont|do not) (matter|care|mind) where( exactly)?( it goes| in it| on it)?$/.test(s) ||
    /^i (don't|dont|do not) (mind|care) where\b/.test(s)
  );
}
