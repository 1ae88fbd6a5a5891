// A person's correction ("no, the blue one", "lift it higher, at least 25 cm", "from the
// side", "put it back") → a typed CorrectionReading, scene-free (issue 12, DESIGN §11).
// PLAN-level changes say which objects, which target, which steps in which order; SKILL-level
// ones say how a step is done. correct.ts applies a reading to the rule programmer's memo.
// Words come through the instruction tokenizer (spelling folds, "5 cm" as one distance),
// noun phrases through the instruction grammar (parseInstruction), so "the smaller one",
// "the one on the left" and "the other bowl" mean what they mean in an instruction.

import type { Vec2 } from '../../../sim/index.ts';
import type { CorrectionClass } from '../programmer.ts';
import { ParseError, parseInstruction } from './grammar.ts';
import type { Location, NounPhrase } from './grammar.ts';
import { isColor } from './lexicon.ts';
import { tokenize } from './tokenizer.ts';

/** A noun phrase as written in the correction, and parsed by the instruction grammar. */
export interface Phrase {
  text: string;
  np: NounPhrase;
}

export type PlanChange =
  /** Another object for one the program used: "no, the blue one", "the other bowl", "not that one, the one on the left". */
  | { kind: 'object'; phrase: Phrase | null; other: boolean; not: Phrase | null }
  /** Another place for the moved object: "in the tray instead", "on the green block", "put it in the red bowl instead". */
  | { kind: 'target'; subject: Phrase | null; clause: string; location: Location; other: boolean }
  /** A step added before the others: "first move the red block off", "take the cup off the plate before you move the plate". */
  | {
      kind: 'add';
      clause: string;
      rider: Phrase | null;
      support: Phrase | null;
      before: Phrase | null;
      away?: boolean;
      /** "empty the tray first": everything resting in or on `support`. */
      empty?: boolean;
    }
  /** An object the plan moves done first: "do the blue one first", "start with the green block". */
  | { kind: 'first'; phrase: Phrase }
  /** Undo: the object the last program moved (or holds) back where it was at the session's start. */
  | { kind: 'putBack'; phrase: Phrase | null; all: boolean }
  /** Slide it along the table instead of carrying it: "push it", "slide the crate instead of lifting it". */
  | { kind: 'pushInstead'; subject: Phrase | null };

export type SkillChange =
  | { kind: 'approach'; approach: 'top' | 'side' }
  /** The pick's lift: to a height (the bottom that high, m), or by an amount (signed, m). */
  | { kind: 'lift'; to: number | null; by: number | null; sign: 1 | -1 }
  /** The place's release height: to a height above the support, or by an amount (signed). */
  | { kind: 'release'; to: number | null; by: number | null; sign: 1 | -1 }
  /** "higher" / "lower" / "by 5 cm" with no verb: the lift of a pick, the release of a place. */
  | { kind: 'height'; to: number | null; by: number | null; sign: 1 | -1 }
  /** Where a place (or push) ends: a shift in the world frame, or toward / away from an object. */
  | { kind: 'shift'; dir: Vec2 | null; toward: Phrase | null; away: boolean; by: number; text: string; inward?: boolean }
  /** "more gently": let go lower and let it settle. */
  | { kind: 'gentle' }
  /** "slower": this fraction of the skill's speed. */
  | { kind: 'speed'; factor: number }
  /** "turn it 90 degrees": the placed object turned by this (rad, counter-clockwise seen from above). */
  | { kind: 'turn'; angle: number }
  /** "push it further / 3 cm more / less": the push's distance changed by this (m, signed). */
  | { kind: 'push'; by: number }
  /**
   * The edge-to-edge gap between the placed object and the one beside it: "leave 10 cm
   * between them", "5 cm apart", "further apart" (by), "closer together" (by, negative);
   * `dir`: the side, when a direction was said with it ("further to the right, 10 cm apart").
   */
  | { kind: 'gap'; to: number | null; by: number; dir: Vec2 | null }
  /** The fingers close along this axis: "grab it from the front and back" (y), "from the left and right sides" (x). */
  | { kind: 'fingers'; axis: 'x' | 'y' }
  /** Keep the fingers clear of an object next to the one picked: "don't hit the box", "careful, X is right behind Y". */
  | { kind: 'avoid'; phrase: Phrase };

export interface CorrectionReading {
  class: CorrectionClass;
  plan: PlanChange | null;
  skill: SkillChange[];
  /** What was read, per part, for `understood` and the error line. */
  parts: string[];
}

/** The phrasings it handles, for the one-line answer to a correction it cannot read. */
export const CORRECTION_FORMS =
  'try "no, the blue one", "the other bowl", "in the tray instead", "first move the red block off", "do the blue one first", "put it back", "from the side", "higher / lower by 5 cm", "lift it to 25 cm", "2 cm to the left", "closer to the bowl", "more gently", "release lower", "slower", "turn it 90 degrees", "push it 3 cm more"';

export class CorrectionReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorrectionReadError';
  }
}

// ---------------------------------------------------------------- words

/** Chat and politeness that carry nothing ("no,", "hmm", "please", "try", "I meant"). */
const CHAT = new Set([
  'no',
  'nope',
  'nah',
  'hmm',
  'hm',
  'hmmm',
  'um',
  'umm',
  'uh',
  'er',
  'oops',
  'whoops',
  'wait',
  'stop',
  'ok',
  'okay',
  'well',
  'actually',
  'sorry',
  'please',
  'try',
  'again',
  'instead',
  'rather',
  'just',
  'now',
  'maybe',
  'perhaps',
  'thank',
  'you',
  'oh',
  'ah',
  'yes',
  'yeah',
  'right',
  'so',
  'a',
  'bit',
  'little',
  'wrong',
  'next',
  'time',
  'this',
  'that',
  'then',
  'one',
  'robot',
  'hey',
  'can',
  'could',
  'would',
  'should',
  'must',
  'will',
  'i',
  'meant',
  'mean',
  'said',
  'want',
  'wanted',
  'asked',
  'for',
  'it',
  'is',
  "it's",
  'not',
  'do',
  "don't",
  'dont',
  'need',
  'needs',
  'to',
  'be',
  'was',
  'did',
  'the',
  'make',
  'sure',
]);

/** Words a segment may start with that say nothing about the change ("no", "please", "could you", "I meant", "try"). */
const LEAD = new Set([
  'no',
  'nope',
  'nah',
  'hmm',
  'hm',
  'um',
  'uh',
  'er',
  'oops',
  'whoops',
  'wait',
  'ok',
  'okay',
  'well',
  'actually',
  'sorry',
  'please',
  'try',
  'just',
  'now',
  'maybe',
  'perhaps',
  'oh',
  'ah',
  'hey',
  'robot',
  'can',
  'could',
  'would',
  'will',
  'you',
  'should',
  'must',
  'i',
  'meant',
  'mean',
  'said',
  'want',
  'wanted',
  'need',
  'to',
  'and',
  'also',
  'but',
  'so',
  'rather',
  'instead',
  'again',
  'kindly',
  'lets',
  "let's",
  'us',
  'me',
  'it',
  'is',
  'was',
  'be',
  'make',
  'sure',
]);
const TAIL = new Set([
  'please',
  'instead',
  'rather',
  'again',
  'then',
  'this',
  'time',
  'thank',
  'you',
  'now',
  'ok',
  'okay',
  'too',
  'as',
  'well',
]);

/** A token list as plain words: distances as `#d`, numbers as themselves. */
interface Seg {
  words: string[];
  /** Metres, per `#d` in order. */
  dists: number[];
  /** The segment as written. */
  text: string;
}

function segments(text: string): Seg[] {
  const toks = tokenize(text);
  const out: Seg[] = [];
  let cur: Seg = { words: [], dists: [], text: '' };
  let start = -1;
  let end = -1;
  const flush = (): void => {
    if (cur.words.length > 0) out.push({ ...cur, text: text.slice(start, end) });
    cur = { words: [], dists: [], text: '' };
    start = -1;
  };
  for (const t of toks) {
    if (t.kind === 'punct') {
      if ([',', ';', '.', '!', '?', ':'].includes(t.text)) flush();
      continue;
    }
    if (start < 0) start = t.start;
    end = t.end;
    if (t.kind === 'distance') {
      cur.words.push('#d');
      cur.dists.push(t.value!);
    } else cur.words.push(t.text);
  }
  flush();
  return out.map(pairWords);
}

/**
 * "from the front and back", "front to back", "left and right sides", "side to side": one
 * word (`#frontback`, `#leftright`) so "and" does not cut the phrase in two.
 */
function pairWords(seg: Seg): Seg {
  const ws = seg.words;
  const out: string[] = [];
  const FB = new Set(['front', 'back', 'forward', 'backward', 'backwards']);
  const LR = new Set(['left', 'right']);
  for (let i = 0; i < ws.length; i++) {
    const a = ws[i]!;
    const j = ws[i + 1] === 'the' ? i + 2 : i + 1;
    const link = ws[j];
    const k = ws[j + 1] === 'the' ? j + 2 : j + 1;
    const b = ws[k];
    if ((link === 'and' || link === 'to') && b !== undefined && a !== b) {
      if (FB.has(a) && FB.has(b)) {
        out.push('#frontback');
        i = ws[k + 1] === 'sides' || ws[k + 1] === 'side' ? k + 1 : k;
        continue;
      }
      if (LR.has(a) && LR.has(b)) {
        out.push('#leftright');
        i = ws[k + 1] === 'sides' || ws[k + 1] === 'side' ? k + 1 : k;
        continue;
      }
    }
    if (a === 'side' && link === 'to' && b === 'side') {
      out.push('#leftright');
      i = k;
      continue;
    }
    out.push(a);
  }
  return { ...seg, words: out };
}

function trimSeg(words: string[]): string[] {
  let a = 0;
  let b = words.length;
  for (;;) {
    const w = words[a];
    if (a >= b || w === undefined) break;
    // "no" before a noun phrase is chat ("no, the blue one"); "not" is kept (a negation).
    if (LEAD.has(w) && !(w === 'it' && ['back', 'higher', 'lower'].includes(words[a + 1] ?? ''))) a++;
    else if (w === 'do' && words[a + 1] === 'it') a += 2;
    else break;
  }
  while (b > a && TAIL.has(words[b - 1]!)) b--;
  return words.slice(a, b);
}

const CHAT_ONLY = (ws: readonly string[]): boolean => ws.every((w) => CHAT.has(w) || w === 'good' || w === 'fine');

const NUM_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fortyfive: 45,
  sixty: 60,
  ninety: 90,
};

// ---------------------------------------------------------------- noun phrases

const NOUN_START = new Set(['the', 'a', 'an', 'that', 'this', 'it', 'them', 'one', 'other', 'another']);

/** Parse a noun phrase as the instruction grammar does: the object of "pick up …"; null when it is not one. */
export function parsePhrase(text: string): Phrase | null {
  const t = text.trim();
  if (!t) return null;
  try {
    const clauses = parseInstruction(`pick up ${t}`);
    const np = clauses.length === 1 ? clauses[0]!.objects[0] : undefined;
    if (!np || clauses[0]!.objects.length !== 1 || clauses[0]!.locations.length > 0) return null;
    return { text: t, np };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    // A word the grammar does not know may be an object's id ("the cup", "the plate").
    // "the black thermos": the words of an id (black_thermos).
    const m = /^(?:the |a |an )?([a-z][a-z0-9_]*(?: [a-z][a-z0-9_]*){0,2})$/.exec(t);
    if (!m || !m[1]!.split(' ').slice(0, -1).every(isColor)) return null;
    const np: NounPhrase = {
      text: t,
      kind: 'id',
      id: m[1]!.replace(/ /g, '_'),
      colors: [],
      noun: null,
      plural: false,
      quantifier: null,
      size: null,
      other: false,
      matchColor: false,
    };
    return { text: t, np };
  }
}

/** Words back to text, distances in cm. */
function wordsText(ws: readonly string[], seg: Seg): string {
  let k = 0;
  return ws.map((w) => (w === '#d' ? `${Math.round((seg.dists[k++] ?? 0) * 1000) / 10} cm` : w)).join(' ');
}

// ---------------------------------------------------------------- skill phrases

const SIDE_DIRS: Record<string, Vec2> = {
  left: [-1, 0],
  right: [1, 0],
  back: [0, 1],
  backward: [0, 1],
  backwards: [0, 1],
  forward: [0, 1],
  forwards: [0, 1],
  away: [0, 1],
  front: [0, -1],
  toward_me: [0, -1],
};

const LIFT_VERBS = new Set(['lift', 'raise', 'carry', 'hold', 'bring', 'pick', 'grab', 'take']);
const RELEASE_VERBS = new Set(['release', 'drop', 'let', 'set', 'lower', 'put', 'place', 'letting', 'dropping']);

/** The first distance in the words (the segment's `dists` are the words' own, in order). */
function distIn(ws: readonly string[], seg: Seg): { value: number; at: number } | null {
  const at = ws.indexOf('#d');
  return at < 0 ? null : { value: seg.dists[0] ?? 0, at };
}

/** "at least 25 cm", "to 25 cm", "25 cm high / above the table", "25 cm off the table": an absolute height. */
function absoluteHeight(ws: readonly string[], seg: Seg): number | null {
  const d = distIn(ws, seg);
  if (!d) return null;
  const prev = ws[d.at - 1] ?? '';
  const prev2 = ws[d.at - 2] ?? '';
  const next = ws[d.at + 1] ?? '';
  if (prev === 'least' || prev === 'to' || prev === 'of' || prev === 'about' || (prev === 'up' && prev2 !== 'by')) return d.value;
  if (['high', 'up', 'above', 'off', 'tall'].includes(next) && !['higher', 'more', 'lower', 'less'].includes(next)) return d.value;
  if (prev === 'reach' || prev === 'reaches' || prev === 'height') return d.value;
  return null;
}

function relativeAmount(ws: readonly string[], seg: Seg): number | null {
  const d = distIn(ws, seg);
  return d ? d.value : null;
}

const has = (ws: readonly string[], ...any: string[]): boolean => any.some((w) => ws.includes(w));
const seq = (ws: readonly string[], phrase: string): boolean => {
  const p = phrase.split(' ');
  for (let i = 0; i + p.length <= ws.length; i++) if (p.every((w, k) => ws[i + k] === w)) return true;
  return false;
};

function angleOf(ws: readonly string[]): number | null {
  if (seq(ws, 'quarter turn') || seq(ws, 'right angle')) return 90;
  if (seq(ws, 'half turn') || seq(ws, 'half way round') || seq(ws, 'around')) return 180;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const n = /^\d+(\.\d+)?$/.test(w) ? Number(w) : NUM_WORDS[w];
    if (n === undefined) continue;
    const unit = ws[i + 1];
    if (unit === undefined || unit === 'degrees' || unit === 'degree' || unit === 'deg' || unit === 'more' || unit === 'clockwise')
      return n;
    if (unit === 'counterclockwise' || unit === 'anticlockwise' || unit === 'counter') return n;
  }
  return null;
}

/** One segment as skill changes, or null when it is not a skill phrase. */
function readSkill(allWords: string[], seg: Seg): SkillChange[] | null {
  // "lift the block higher before you let go": the time clause says when, not what.
  const when = allWords.findIndex((w, i) => ['before', 'until', 'when', 'while'].includes(w) && allWords[i + 1] === 'you' && i > 0);
  const ws = when > 0 ? allWords.slice(0, when) : allWords;
  const out: SkillChange[] = [];
  const s = ws.join(' ');
  // "put it further in", "further onto the plank", "more toward the middle": toward the middle of what it is put on.
  if (
    /\b(further|farther|more) (in|inside|onto it|on it|toward the (middle|center|centre))$|\btoward the (middle|center|centre)$|\bnot so close to the (edge|end)$/.test(
      s,
    )
  ) {
    const d = distIn(ws, seg);
    return [{ kind: 'shift', dir: null, toward: null, away: false, by: d?.value ?? 0.02, text: wordsText(ws, seg), inward: true }];
  }
  // Grasp orientation: "grab it from the front and back", "fingers close left to right".
  if (has(ws, '#frontback', '#leftright')) return [{ kind: 'fingers', axis: has(ws, '#frontback') ? 'y' : 'x' }];
  // Gaps between objects: "leave 10 cm between them", "5 cm apart", "a gap of 5 cm", "further apart", "closer together".
  const gap = gapOf(ws, seg);
  if (gap) return [gap];
  // "further" alone (after a push): a longer push.
  if (/^(a (bit|little|lot) )?(further|farther|more|keep going|keep pushing|not far enough|not enough)$/.test(s)) {
    return [{ kind: 'push', by: seq(ws, 'a lot') ? 0.06 : 0.03 }];
  }
  const negated = /^(don'?t|do not|never|not|stop)\b/.test(s);
  const avoid =
    /^(?:don'?t|do not|never|without|avoid|careful not to|try not to|not to|not) (?:hit|hitting|touch|touching|bump|bumping|knock|knocking|brush|brushing)(?: into| against)? (.+?)(?: over)?$/.exec(
      s,
    );
  if (avoid) {
    const phrase = parsePhrase(avoid[1]!);
    if (phrase) return [{ kind: 'avoid', phrase }];
  }
  // Approach.
  if (negated && /\bfrom (the )?(top|above)\b/.test(s)) return [{ kind: 'approach', approach: 'side' }];
  if (negated && /\bfrom (the )?sides?\b/.test(s)) return [{ kind: 'approach', approach: 'top' }];
  // "push more gently", "push it softer": a shorter push.
  if (has(ws, 'push', 'shove', 'nudge') && /\bgentl(e|y|er)\b|\bsoft(ly|er)?\b|\bnot so hard\b|\bless hard\b/.test(s))
    return [{ kind: 'push', by: -0.03 }];
  if (
    /\b(around|by|in|at) the middle\b|\baround (it|its|the) (middle|waist|body)\b/.test(s) &&
    /\b(hold|grab|grasp|grip|pick|take)\b/.test(s)
  ) {
    // "hold it around the middle": a side grasp holds it around its middle.
    out.push({ kind: 'approach', approach: 'side' });
  } else if (/\b(from|at|by|on|to) (the )?sides?\b|\bsideways\b|\bside (grasp|grip|approach|on)\b|\bhorizontally\b/.test(s)) {
    out.push({ kind: 'approach', approach: 'side' });
  } else if (/\bfrom (the )?(top|above|overhead)\b|\btop (grasp|grip|down)\b|\bstraight down\b|\bfrom up above\b|\bvertically\b/.test(s)) {
    out.push({ kind: 'approach', approach: 'top' });
  }
  // Speed.
  if (/\bslow(er|ly)?\b|\bless fast\b|\bnot so fast\b|\btoo fast\b|\bslow down\b|\btake (your|more) time\b/.test(s)) {
    out.push({ kind: 'speed', factor: /\bmuch slower\b|\bvery slow/.test(s) ? 0.25 : 0.5 });
  }
  // Gently.
  if (/\bgentl(e|y|er)\b|\bsoft(ly|er)?\b|\bcareful(ly)?\b|\bdon'?t drop it\b|\bdo not drop it\b/.test(s)) out.push({ kind: 'gentle' });
  // Turn.
  if (/\b(turn|rotate|twist|spin|rotated|turned)\b/.test(s) && !/\bturn (it )?(over|upside)\b/.test(s)) {
    const a = angleOf(ws) ?? 90;
    const cw = /\bclockwise\b/.test(s) && !/\b(counter|anti) ?clockwise\b|\bcounterclockwise\b|\banticlockwise\b/.test(s);
    out.push({ kind: 'turn', angle: ((cw ? -1 : 1) * a * Math.PI) / 180 });
  }
  // Push further / less.
  const pushy = has(ws, 'push', 'shove', 'slide', 'nudge');
  const more = /\b(farther|more|longer|harder|beyond|past)\b/.test(s);
  const less = /\b(less|shorter|not as far|not so far|too far|too much|back off)\b/.test(s);
  const dir = directionOf(ws);
  const toward = /\b(closer|nearer) to\b|\btoward\b|\bcloser\b.*\bto\b/.test(s);
  const away = /\baway from\b|\bfarther from\b/.test(s);
  const heightWord = /\b(higher|lower|up|down|taller|high|low)\b/.test(s);
  if (pushy && !dir && !toward && !away) {
    const by = relativeAmount(ws, seg) ?? (seq(ws, 'a lot') || has(ws, 'much') ? 0.06 : 0.03);
    if (less) out.push({ kind: 'push', by: -by });
    else out.push({ kind: 'push', by });
  } else if (!pushy && !dir && !toward && !away && !heightWord && (more || less) && distIn(ws, seg) && !has(ws, 'turn', 'rotate')) {
    // "3 cm more": a push's distance (correct.ts refuses it when there is no push).
    const by = relativeAmount(ws, seg)!;
    out.push({ kind: 'push', by: less ? -by : by });
  }
  // Shift: "2 cm to the left", "further left", "closer to the bowl", "away from the red block".
  if (dir || toward || away) {
    const amt =
      relativeAmount(ws, seg) ??
      (seq(ws, 'a lot') || has(ws, 'much') ? 0.05 : has(ws, 'slightly') || seq(ws, 'a little') || seq(ws, 'a bit') ? 0.01 : 0.02);
    let phrase: Phrase | null = null;
    if (toward || away) {
      const m = /\b(?:closer to|nearer to|nearer|toward|away from|farther from|closer)\s+(.+)$/.exec(s);
      phrase = m ? parsePhrase(m[1]!.replace(/#d/g, '').trim()) : null;
      if (!phrase) return null;
    }
    if (pushy && !toward && !away && dir && !has(ws, 'left', 'right', 'front', 'back', 'forward', 'backward', 'away')) {
      // "push it further" read as +y: no, push further is a longer push.
    }
    out.push({ kind: 'shift', dir: toward || away ? null : dir, toward: phrase, away, by: amt, text: wordsText(ws, seg) });
  }
  // "by 5 cm" alone: a height change by that much (up), for the step it applies to.
  if (/^(up |higher )?by #d$/.test(s)) return [...out, { kind: 'height', to: null, by: distIn(ws, seg)!.value, sign: 1 }];
  // Heights: lift / release / bare.
  const h = s.replace(/\bslow down\b/g, 'slower');
  const down = /\b(lower|down|less high|not so high|not as high|too high|closer to the (table|surface|bottom))\b/.test(h);
  const up =
    !/\b(less high|not so high|not as high|too high)\b/.test(h) &&
    (/\b(higher|up|taller|more height|high|raise|raised)\b/.test(h) || /\bat least\b/.test(h));
  const liftVerb = ws.some((w) => LIFT_VERBS.has(w)) && !has(ws, 'release', 'drop', 'let');
  const releaseVerb = ws.some((w) => RELEASE_VERBS.has(w)) || seq(ws, 'let go') || seq(ws, 'let it go');
  if (
    (up || down || (absoluteHeight(ws, seg) !== null && !out.some((c) => c.kind === 'push'))) &&
    !dir &&
    !toward &&
    !away &&
    !out.some((c) => c.kind === 'turn')
  ) {
    const to = absoluteHeight(ws, seg);
    const by = to === null ? relativeAmount(ws, seg) : null;
    const sign: 1 | -1 = down && !up ? -1 : 1;
    const kind: 'lift' | 'release' | 'height' =
      releaseVerb && !(ws[0] === 'lower' && !has(ws, 'release', 'drop', 'let')) ? 'release' : liftVerb ? 'lift' : 'height';
    if (up || down || to !== null) {
      if (!(kind === 'height' && to === null && by === null && out.length > 0 && !up && !down)) out.push({ kind, to, by, sign });
    }
  } else if (releaseVerb && /\bsooner|earlier|closer\b/.test(s) && !dir && !toward) {
    out.push({ kind: 'release', to: null, by: null, sign: -1 });
  }
  return out.length > 0 ? out : null;
}

/** "leave about 10 cm between them", "10 cm apart", "a gap of 5 cm", "further apart", "closer together", "too close". */
function gapOf(ws: readonly string[], seg: Seg): SkillChange | null {
  const s = ws.join(' ');
  const d = distIn(ws, seg);
  if (d && /\b(between (them|the two|both|it and)|apart|gap|space|spacing|distance between)\b/.test(s))
    return { kind: 'gap', to: d.value, by: 0, dir: null };
  if (/\b(further|farther|more) apart\b|\b(more|bigger|larger|wider) (gap|space)\b|\btoo close\b|\bspread (them|it) out\b/.test(s))
    return { kind: 'gap', to: null, by: seq(ws, 'a lot') || has(ws, 'much') ? 0.06 : 0.03, dir: null };
  if (/\bcloser together\b|\b(less|smaller|narrower) (gap|space)\b|\btoo far apart\b|\bnot so far apart\b/.test(s))
    return { kind: 'gap', to: null, by: has(ws, 'slightly') || seq(ws, 'a bit') || seq(ws, 'a little') ? -0.01 : -0.02, dir: null };
  return null;
}

function directionOf(ws: readonly string[]): Vec2 | null {
  const s = ws.join(' ');
  if (/\btoward me\b|\bcloser to me\b|\btoward (the )?robot\b|\btoward you\b/.test(s)) return SIDE_DIRS.toward_me!;
  for (const [w, v] of Object.entries(SIDE_DIRS)) {
    if (w === 'toward_me') continue;
    if (!ws.includes(w)) continue;
    // "put it back" is not a direction; "further back" / "to the back" / "more back" is.
    if (w === 'back' && !/\b(the|farther|more|further|bit|little|cm|#d) back\b/.test(s) && !/\bback(ward)?s?\b.*\b(cm|#d)\b/.test(s))
      continue;
    if (w === 'away' && /\baway from\b/.test(s)) continue;
    if (w === 'front' && /\bin front of\b/.test(s)) continue;
    return v;
  }
  return null;
}

// ---------------------------------------------------------------- plan phrases

const PREPS: Record<string, 'in' | 'on'> = { in: 'in', into: 'in', inside: 'in', on: 'on', onto: 'on' };
const MOVE_VERBS = new Set(['put', 'place', 'move', 'set', 'drop', 'stick', 'toss', 'bring', 'take', 'carry', 'stack', 'it', 'them']);

function readPlan(ws: string[], seg: Seg, negated: Phrase | null): PlanChange | null {
  const s = ws.join(' ');
  // Undo: "put it back", "put the red block back", "undo that", "put them back where they were".
  if (/\bundo\b|\bback where\b|\b(put|move|place|set|bring|take) (.+ )?back\b|\breturn (it|them|the .+)\b|\bput back\b/.test(s)) {
    const m = /\b(?:put|move|place|set|bring|take|return) (.+?) back\b/.exec(s) ?? /\breturn (.+?)( to .*)?$/.exec(s);
    const np = m && !/^(it|that|this|them|those|everything|all|all of them)$/.test(m[1]!) ? parsePhrase(m[1]!) : null;
    const all = /\b(them|everything|all|those)\b/.test(s);
    return { kind: 'putBack', phrase: np, all };
  }
  // Slide instead of carrying: "push it", "slide the crate instead of lifting it", "push it along the table".
  const slide = /^(?:push|slide|shove|drag) (.+?)(?: (?:along|across|over) (?:the )?table)?(?: instead(?: of .*)?)?$/.exec(s);
  if (
    slide &&
    !/\b(further|farther|more|less|harder|far|#d|left|right|back|front|forward|toward|away|into|onto|to|in|on)\b/.test(slide[1]!)
  ) {
    const subjText = slide[1]!;
    const subject = /^(it|them|that|this)$/.test(subjText) ? null : parsePhrase(subjText);
    if (subject || /^(it|them|that|this)$/.test(subjText)) return { kind: 'pushInstead', subject };
  }
  // A part of the table: "the top right corner", "all the way to the right side", "far right at the back".
  const place = tablePlace(ws);
  if (place) {
    const loc = parseInstruction(`put the block ${place}`)[0]?.locations[0];
    if (loc) return { kind: 'target', subject: null, clause: place, location: loc, other: false };
  }
  // A step added first: "first move the red block off", "take the cup off the plate before you move the plate".
  const before =
    /^(.+?) (before|first before) (you )?(move|moving|pick|picking|lift|lifting|take|taking|put|putting|carry|carrying)? ?(.*)$/.exec(s);
  const firstLead = ws[0] === 'first' || ws[0] === 'before' || seq(ws, 'you need to first') || ws.at(-1) === 'first';
  // "empty the tray before moving it", "empty the cup first": what is in it goes to the table first.
  const empty = /^(?:empty|clear|unload|clean out) (?:out )?(.+?)(?: (?:first|before .*))?$/.exec(s);
  if (empty && (before || firstLead || /^(empty|unload)\b/.test(s))) {
    const support = parsePhrase(empty[1]!.replace(/ out$/, ''));
    if (support) return { kind: 'add', clause: `empty ${support.text}`, rider: null, support, before: null, empty: true };
  }
  if (before && /^(lift|raise|hold|carry|bring) .*\b(higher|lower|up|#d)\b/.test(before[1]!)) return null;
  if (before || firstLead) {
    const body = before ? before[1]! : ws.filter((w, i) => !(w === 'first' && (i === 0 || i === ws.length - 1))).join(' ');
    const beforeNp = before ? parsePhrase(before[5]!.replace(/\b(it|that)$/, '').trim() || 'it') : null;
    const bw = body.split(' ').filter((w) => w !== 'that' || true);
    const verbed = /^(move|take|get|lift|remove|pick|clear|put|place|set|push|grab|unstack)\b/.test(body);
    if (verbed) {
      const off = /^(?:move|take|get|lift|remove|pick|grab|clear)(?: up)? (.+?)(?: (off|out of|from|away from|off of|out) ?(.*))?$/.exec(
        body,
      );
      if (off && (off[2] || /^(clear|remove)\b/.test(body))) {
        const rider = parsePhrase(off[1]!);
        // "move the thermos out of the way": off whatever it is on, or aside on the table.
        const away = /^(the|my|your) way$/.test(off[3] ?? '') || /^(aside|away)$/.test(off[3] ?? '');
        const support = off[3] && !away ? parsePhrase(off[3]) : null;
        if (rider) return { kind: 'add', clause: body, rider, support, before: beforeNp, ...(away ? { away } : {}) };
      }
      return { kind: 'add', clause: body, rider: null, support: null, before: beforeNp };
    }
    // "do the blue one first", "the blue one first", "start with the green block".
    const np = parsePhrase(bw.filter((w) => !['do', 'go', 'with'].includes(w)).join(' '));
    if (np) return { kind: 'first', phrase: np };
  }
  const start = /^(start|begin) with (.+)$/.exec(s);
  if (start) {
    const np = parsePhrase(start[2]!);
    if (np) return { kind: 'first', phrase: np };
  }
  // Another target: "in the tray instead", "on the green block", "put it in the red bowl", "into the other bowl".
  const tgt =
    /^(?:(put|place|move|set|drop|stick|toss|bring|take|carry|stack|it|them)\b ?(.*?) )?(in|into|inside|on|onto|on top of|in the middle of) (.+)$/.exec(
      s,
    );
  if (tgt && (tgt[1] === undefined || MOVE_VERBS.has(tgt[1]))) {
    const subjText = (tgt[2] ?? '').trim();
    const subject = subjText && !/^(it|them|that|this)$/.test(subjText) ? parsePhrase(subjText) : null;
    if (subjText && !subject && !/^(it|them|that|this)$/.test(subjText)) return null;
    const prep = tgt[3] === 'on top of' ? 'on' : (PREPS[tgt[3]!] ?? 'on');
    const npText = tgt[4]!;
    const clause = `put it ${prep} ${npText}`;
    const phrase = parsePhrase(npText);
    if (!phrase) {
      // A place other than an object ("in the top left corner"): read by the instruction reader in correct.ts.
      try {
        const cl = parseInstruction(`put the block ${tgt[3]} ${npText}`);
        const loc = cl[0]?.locations[0];
        if (loc) return { kind: 'target', subject, clause: `${tgt[3]} ${npText}`, location: loc, other: false };
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
      }
      return null;
    }
    void clause;
    return {
      kind: 'target',
      subject,
      clause: `${tgt[3]} ${npText}`,
      location: prep === 'in' ? { kind: 'in', np: phrase.np } : { kind: 'on', np: phrase.np },
      other: phrase.np.other,
    };
  }
  // Another object: "the blue one", "the other bowl", "the smaller one", "use the green block", "I meant the one on the left".
  const obj = /^(?:(?:use|take|pick|grab|get|move|pick up|choose|go for|want|meant|mean) )?(.+)$/.exec(s);
  if (obj) {
    const text = obj[1]!.replace(/^(it's|it is|its) /, '');
    if (/^(the )?(wrong|other) (one|block|object|thing)$/.test(text) || /^(another|other) one$/.test(text)) {
      return { kind: 'object', phrase: null, other: true, not: negated };
    }
    if (/^(the |a |an |that |this |other |another |one |[a-z]+ one$)/.test(text) || NOUN_START.has(text.split(' ')[0]!)) {
      const np = parsePhrase(text.startsWith('another ') ? `the other ${text.slice(8)}` : text);
      if (np) return { kind: 'object', phrase: np, other: np.np.other || text.startsWith('another'), not: negated };
    }
    const np = parsePhrase(text);
    if (np && (np.np.colors.length > 0 || np.np.noun !== null || np.np.size !== null || np.np.relation || np.np.nth)) {
      return { kind: 'object', phrase: np, other: np.np.other, not: negated };
    }
  }
  void seg;
  return null;
}

const PLACE_WORDS = new Set([
  'all',
  'the',
  'way',
  'to',
  'toward',
  'towards',
  'over',
  'into',
  'in',
  'on',
  'at',
  'of',
  'table',
  'far',
  'very',
  'corner',
  'side',
  'edge',
  'end',
  'right',
  'left',
  'top',
  'back',
  'rear',
  'bottom',
  'front',
  'near',
  'go',
  'goes',
  'it',
  'put',
  'move',
  'push',
  'slide',
  'further',
  'farther',
  'there',
  'one',
  'upper',
  'lower',
]);

/**
 * A part of the table said as a place, with no object in it: a corner ("the top right
 * corner", "far right at the back", "back left") or a side ("all the way to the right
 * side", "to the left edge"); as a location clause the instruction grammar reads.
 */
export function tablePlace(ws: readonly string[]): string | null {
  if (ws.length === 0 || !ws.every((w) => PLACE_WORDS.has(w))) return null;
  const h = has(ws, 'right') ? 'right' : has(ws, 'left') ? 'left' : null;
  const v = has(ws, 'top', 'back', 'rear', 'upper') ? 'top' : has(ws, 'bottom', 'front', 'lower') ? 'bottom' : null;
  const cornerWord = has(ws, 'corner');
  const sideWord = has(ws, 'side', 'edge', 'end') || seq(ws, 'all the way');
  if (h && v && (cornerWord || has(ws, 'far', 'at', 'in') || ws.length <= 3)) return `in the ${v} ${h} corner`;
  if (cornerWord) return null;
  const one = h ?? v;
  if (one && sideWord) return `on the ${one} side of the table`;
  return null;
}

// ---------------------------------------------------------------- reading

/**
 * Read a correction. Throws CorrectionReadError with one line — what it understood, what it
 * could not read, and the phrasings it handles — when any part of it cannot be read.
 */
export function readCorrection(text: string): CorrectionReading {
  const segs = segments(text);
  const parts: string[] = [];
  const skill: SkillChange[] = [];
  let plan: PlanChange | null = null;
  let negated: Phrase | null = null;
  const unread: string[] = [];
  let notThat = false;
  const observed: string[] = [];
  for (const seg of segs) {
    // A segment may hold several changes joined by "and" ("from the side and slower").
    const pieces = splitAnd(seg.words, (ws) => readSkill(trimSeg(ws), { words: ws, dists: [], text: '' }) !== null);
    for (const piece of pieces) {
      let ws = trimSeg(piece);
      if (ws.length === 0) continue;
      // "not that one", "not the red one", "wrong one": what was wrong (names the object replaced).
      if (
        ws[0] === 'not' ||
        (ws[0] === 'wrong' && ws.length <= 2) ||
        (ws.includes('wrong') && /\b(one|block|object|thing)$/.test(ws.join(' ')) && ws.length <= 4)
      ) {
        const rest = ws.slice(1).join(' ');
        if (/^(that|this|it|the one|that one|this one|one|block|object)$/.test(rest) || rest === '' || ws[0] !== 'not') {
          notThat = true;
          parts.push('not that one');
          continue;
        }
        const np = parsePhrase(rest);
        if (np && !readSkill(ws, { ...seg, words: ws })) {
          negated = np;
          parts.push(`not ${np.text}`);
          continue;
        }
        // "not so high", "not as far": the negation belongs to the skill phrase.
        if (!readSkill(ws, { ...seg, words: ws })) ws = ws.slice(1);
      }
      if (CHAT_ONLY(ws)) continue;
      // "the crate is too heavy to pick up", "it's slippery": what is so, not a lift or a grasp to change.
      if (
        (isObservation(piece) && piece[0] === 'there') ||
        (isObservation(piece) && SUBJECTS.has(piece[0]!) && OUTCOME_VERBS.has(piece.find((w) => STATE_VERBS.has(w)) ?? '')) ||
        (isObservation(piece) &&
          /\btoo heavy\b|\bslippery\b|\bheavier\b|\b(is|are) (right |just |very |really )?(next to|behind|in front of|beside|close to|near|against)\b/.test(
            piece.join(' '),
          ))
      ) {
        observed.push(piece.join(' '));
        continue;
      }
      const sub: Seg = { words: ws, dists: distsOf(seg, piece, ws), text: seg.text };
      const p = readPlan(ws, sub, negated);
      // "the one on the left" names an object; "2 cm to the left" / "more to the left" moves the aim.
      const objectFirst = p?.kind === 'object' && (NOUN_START.has(ws[0]!) || isColor(ws[0]!) || ws.includes('one'));
      if (p && (objectFirst || !(p.kind === 'object' && readSkill(ws, sub)))) {
        if (plan && !(plan.kind === 'object' && p.kind === 'object')) {
          unread.push(`"${ws.join(' ')}" (one plan change at a time)`);
          continue;
        }
        plan = p;
        parts.push(describePlanChange(p));
        continue;
      }
      const k = readSkill(ws, sub);
      if (k) {
        for (const c of k) addSkill(skill, c);
        parts.push(
          ws
            .join(' ')
            .replace(/#d/g, '…')
            .replace(/#frontback/g, 'front and back')
            .replace(/#leftright/g, 'left and right'),
        );
        continue;
      }
      if (isObservation(piece) || isObservation(ws)) {
        observed.push(piece.join(' ').replace(/#d/g, '…'));
        continue;
      }
      unread.push(`"${piece.join(' ').replace(/#d/g, '…')}"`);
    }
  }
  // "too heavy to lift" said with nothing else: slide it instead.
  if (!plan && skill.length === 0 && unread.length === 0 && observed.some((o) => /\btoo heavy\b|\bcannot lift\b|\bcan'?t lift\b/.test(o))) {
    plan = { kind: 'pushInstead', subject: null };
    parts.push(describePlanChange(plan));
  }
  // "the other corner, far right at the back": the place said names the corner meant.
  if (plan?.kind === 'target') {
    for (let i = unread.length - 1; i >= 0; i--) {
      if (/^"(the )?other (corner|side|place|spot|end)"$/.test(unread[i]!)) observed.push(unread.splice(i, 1)[0]!.slice(1, -1));
    }
  }
  // A place on the table said with "further" ("further, all the way to the right side"): the place is what is meant.
  if (plan?.kind === 'target' && skill.length > 0 && skill.every((k) => k.kind === 'push' && k.by > 0)) {
    skill.splice(0);
    for (let i = parts.length - 1; i >= 0; i--)
      if (/^(a (bit|little|lot) )?(farther|further|more|keep going)$/.test(parts[i]!)) parts.splice(i, 1);
  }
  // A gap said with a direction ("further to the right, leave 10 cm between them"): the gap, on that side.
  const gapAt = skill.findIndex((k) => k.kind === 'gap');
  const shiftAt = skill.findIndex((k) => k.kind === 'shift' && k.dir !== null);
  if (gapAt >= 0 && shiftAt >= 0) {
    const g = skill[gapAt] as Extract<SkillChange, { kind: 'gap' }>;
    const sh = skill[shiftAt] as Extract<SkillChange, { kind: 'shift' }>;
    skill[gapAt] = { ...g, dir: sh.dir, by: g.to === null && g.by === 0 ? sh.by : g.by };
    skill.splice(shiftAt, 1);
  }
  // "careful, the block is right behind the thermos": keep the fingers clear of the thermos.
  if (!plan && skill.every((k) => k.kind === 'gentle')) {
    for (const o of observed) {
      const m = /\b(?:is|are) (?:right |just |very |really )?(?:next to|behind|in front of|beside|close to|near|against) (.+)$/.exec(o);
      const phrase = m ? parsePhrase(m[1]!) : null;
      if (phrase) {
        (skill as SkillChange[]).splice(0, skill.length, { kind: 'avoid', phrase } as SkillChange);
        for (let i = parts.length - 1; i >= 0; i--) if (/^careful(ly)?$/.test(parts[i]!)) parts.splice(i, 1);
        break;
      }
    }
  }
  // "there's a can on the block, take it off first": "it" is the thing said to be on the other.
  if (plan?.kind === 'add' && plan.rider && /^(it|that|this|them)$/.test(plan.rider.text)) {
    for (const o of observed) {
      const m = /^there (?:is|are|'s) (.+?) (?:on top of|on|in|inside) (.+)$/.exec(o);
      const rider = m ? parsePhrase(m[1]!) : null;
      const support = m ? parsePhrase(m[2]!) : null;
      if (rider && support) {
        plan = { ...plan, rider, support: plan.support ?? support };
        break;
      }
      // "you knocked the vase over; move it out of the way": the thing knocked.
      const k = /\b(?:knocked|hit|bumped|dropped|toppled|tipped) (.+?)(?: over| off| down)?$/.exec(o);
      const knocked = k ? parsePhrase(k[1]!) : null;
      if (knocked) {
        plan = { ...plan, rider: knocked };
        break;
      }
    }
  }
  if (observed.length > 0) parts.push(...observed.map((o) => `noted: ${o}`));
  if (!plan && skill.length === 0 && unread.length === 0 && observed.length > 0) {
    throw new CorrectionReadError(
      `understood "${observed.join('", "')}" as what went wrong, not what to change: say what to do differently, e.g. ${CORRECTION_FORMS.replace(/^try /, '')}`,
    );
  }
  if (!plan && notThat) plan = { kind: 'object', phrase: null, other: true, not: null };
  if (plan?.kind === 'object' && negated && !plan.not) plan = { ...plan, not: negated };
  if (!plan && negated) unread.push(`"not ${negated.text}" names what was wrong but not what to use`);
  if (unread.length > 0 || (!plan && skill.length === 0)) {
    const got = parts.length > 0 ? `understood ${parts.map((p) => `"${p}"`).join(', ')} but ` : '';
    const what = unread.length > 0 ? `could not read ${unread.join(', ')}` : `could not read "${text.trim().slice(0, 80)}"`;
    throw new CorrectionReadError(`${got}${what}: ${CORRECTION_FORMS}`);
  }
  if (plan && skill.length > 0) {
    throw new CorrectionReadError(
      `understood a plan change (${describePlanChange(plan)}) and a skill change (${parts.filter((p) => p !== describePlanChange(plan)).join(', ')}) in one correction: say one at a time`,
    );
  }
  return { class: plan ? 'plan' : 'skill', plan, skill, parts };
}

/** Words of what happened or how things are, not of what to change ("it's slippery", "the ball rolls too far", "you knocked the vase over"). */
const STATE_VERBS = new Set([
  'is',
  'are',
  'was',
  'were',
  "it's",
  "they're",
  'theyre',
  "there's",
  'theres',
  'look',
  'looks',
  'seem',
  'seems',
  'roll',
  'rolls',
  'rolled',
  'went',
  'go',
  'goes',
  'slide',
  'slides',
  'slid',
  'slip',
  'slips',
  'slipped',
  'tip',
  'tips',
  'tipped',
  'fell',
  'fall',
  'falls',
  'knock',
  'knocked',
  'hit',
  'landing',
  'land',
  'lands',
  'landed',
  'topple',
  'toppled',
  'has',
  'have',
  'keeps',
]);
/** Verbs of what happened to a thing (not copulas): a sentence with one first tells, it does not order. */
const OUTCOME_VERBS = new Set([
  'roll',
  'rolls',
  'rolled',
  'went',
  'goes',
  'slides',
  'slid',
  'slips',
  'slipped',
  'tips',
  'tipped',
  'fell',
  'falls',
  'knocked',
  'landing',
  'lands',
  'landed',
  'toppled',
]);
const SUBJECTS = new Set([
  'it',
  'its',
  "it's",
  'they',
  "they're",
  'theyre',
  'there',
  "there's",
  'theres',
  'the',
  'that',
  'this',
  'you',
  'one',
  'he',
  'she',
]);

/** A statement of what happened or how things are (a subject, then a verb of state or outcome), not an order. */
export function isObservation(ws: readonly string[]): boolean {
  if (ws.length < 2) return false;
  const first = ws[0]!;
  if (!SUBJECTS.has(first) && !isColor(first) && !STATE_VERBS.has(first)) return false;
  return ws.some((w, i) => (i > 0 || first.includes("'")) && STATE_VERBS.has(w)) || /^(it'?s|it is|they'?re) /.test(ws.join(' '));
}

const HEIGHTS = new Set(['lift', 'release', 'height']);

/**
 * Add a skill change, merging heights said in two parts ("lift it higher, at least 25 cm":
 * a lift to 25 cm) and dropping a bare "lower" a "more gently" already means.
 */
function addSkill(list: SkillChange[], c: SkillChange): void {
  if (HEIGHTS.has(c.kind)) {
    const h = c as Extract<SkillChange, { kind: 'lift' | 'release' | 'height' }>;
    const i = list.findIndex((x) => HEIGHTS.has(x.kind));
    if (i >= 0) {
      const prev = list[i] as Extract<SkillChange, { kind: 'lift' | 'release' | 'height' }>;
      const kind = prev.kind !== 'height' ? prev.kind : h.kind;
      const vague = (x: typeof h): boolean => x.to === null && x.by === null;
      if (vague(prev) || vague(h)) {
        const num = vague(h) ? prev : h;
        list[i] = { kind, to: num.to, by: num.by, sign: num.to !== null ? 1 : h.sign === prev.sign ? h.sign : num.sign };
        return;
      }
    }
    if (h.sign < 0 && h.to === null && h.by === null && h.kind !== 'lift' && list.some((x) => x.kind === 'gentle')) return;
  }
  if (c.kind === 'gentle') {
    const i = list.findIndex((x) => (x.kind === 'height' || x.kind === 'release') && x.sign < 0 && x.to === null && x.by === null);
    if (i >= 0) list.splice(i, 1);
  }
  list.push(c);
}

function distsOf(seg: Seg, piece: readonly string[], ws: readonly string[]): number[] {
  // Distances of this piece, in order (pieces and trimming keep the order of `#d`s).
  const pieceStart = indexOfSub(seg.words, piece);
  const before = seg.words.slice(0, pieceStart).filter((w) => w === '#d').length;
  const trimmedStart = indexOfSub(piece, ws);
  const before2 = piece.slice(0, Math.max(0, trimmedStart)).filter((w) => w === '#d').length;
  const n = ws.filter((w) => w === '#d').length;
  return seg.dists.slice(before + before2, before + before2 + n);
}

function indexOfSub(a: readonly string[], b: readonly string[]): number {
  if (b.length === 0) return 0;
  for (let i = 0; i + b.length <= a.length; i++) if (b.every((w, k) => a[i + k] === w)) return i;
  return 0;
}

/** "from the side and slower" → two pieces; "the red and blue blocks" stays one (no verb or skill word after "and"). */
function splitAnd(words: readonly string[], isSkill: (ws: string[]) => boolean): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words.slice(i + 1).join(' ');
    // After a skill phrase anything joined by "and" is a part of its own ("from the side and juggle it").
    if ((w === 'and' || w === 'but' || w === 'then') && cur.length > 0 && (startsChange(next) || isSkill(cur))) {
      out.push(cur);
      cur = [];
      continue;
    }
    cur.push(w);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

function startsChange(s: string): boolean {
  return /^(also |please |then )?(from|slow|slower|more|less|lift|raise|release|let|drop|turn|rotate|push|higher|lower|gently|move|put|take|go|do|carry|hold|#d|a bit|a little|further|farther|closer|not)\b/.test(
    s,
  );
}

export function describePlanChange(p: PlanChange): string {
  switch (p.kind) {
    case 'object':
      return p.phrase ? `use ${p.phrase.text}${p.not ? ` instead of ${p.not.text}` : ''}` : 'another object';
    case 'target':
      return `${p.subject ? `${p.subject.text} ` : ''}${p.clause}`;
    case 'add':
      return `first ${p.clause}`;
    case 'first':
      return `${p.phrase.text} first`;
    case 'putBack':
      return p.phrase ? `put ${p.phrase.text} back` : p.all ? 'put them back' : 'put it back';
    case 'pushInstead':
      return `push ${p.subject ? p.subject.text : 'it'} along the table instead of carrying it`;
  }
}
