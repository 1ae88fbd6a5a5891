// Compass words as the sides of the top camera's picture (docs/architecture.md#world-conventions):
// north is the top of the picture (+y, away from the robot), south the bottom, east the right,
// west the left. People who use them often say so ("(north = the top of the picture)", "with
// west meaning the left of the picture"): a definition that agrees is left out (noted); one that
// does not ("north being the robot's side", "east = left") turns the reading off, so the
// definition and the compass words stay as written and the grammar's error names them.
//
//   "north of X" → "above X", "south of X" → "below X", "east of X" → "right of X";
//   "the north-east corner", "the NW corner" → "the top right / top left corner";
//   "the west side / edge / end", "from the east" → "the left side", "from the right";
//   "northernmost", "the most westerly" → "topmost", "leftmost".
//
// A compass word alone after a verb ("slide it a bit east") is a direction the grammar reads
// already (lexicon DIRECTIONS).

import type { Token } from './tokenizer.ts';

const SIDE_OF: Readonly<Record<string, string>> = {
  north: 'top',
  northern: 'top',
  northerly: 'top',
  south: 'bottom',
  southern: 'bottom',
  southerly: 'bottom',
  east: 'right',
  eastern: 'right',
  easterly: 'right',
  west: 'left',
  western: 'left',
  westerly: 'left',
};

const EXTREME_OF: Readonly<Record<string, string>> = {
  northernmost: 'topmost',
  northmost: 'topmost',
  southernmost: 'bottommost',
  southmost: 'bottommost',
  easternmost: 'rightmost',
  eastmost: 'rightmost',
  westernmost: 'leftmost',
  westmost: 'leftmost',
};

/** One-word compounds and their abbreviations ("northeast", "NE"). */
const COMPOUNDS: Readonly<Record<string, [string, string]>> = {
  northeast: ['top', 'right'],
  northwest: ['top', 'left'],
  southeast: ['bottom', 'right'],
  southwest: ['bottom', 'left'],
  ne: ['top', 'right'],
  nw: ['top', 'left'],
  se: ['bottom', 'right'],
  sw: ['bottom', 'left'],
};

/** What a compass word may be defined as, by the side it names. */
const SAID_SIDES: Readonly<Record<string, string>> = {
  top: 'top',
  up: 'top',
  upper: 'top',
  far: 'top',
  back: 'top',
  away: 'top',
  bottom: 'bottom',
  down: 'bottom',
  lower: 'bottom',
  near: 'bottom',
  front: 'bottom',
  right: 'right',
  left: 'left',
};

/** Words a definition of compass words may hold besides them and the sides. */
const DEFINING = new Set([
  'with',
  'where',
  'so',
  'is',
  'are',
  "'s",
  'being',
  'meaning',
  'means',
  'mean',
  'equals',
  'as',
  'the',
  'of',
  'and',
  'picture',
  'image',
  'pic',
  'photo',
  'map',
  'page',
  'camera',
  'view',
  'screen',
  'table',
  'ie',
  'i.e',
  'e',
  'i',
  'that',
  'which',
  'from',
  'you',
  'your',
  'robot',
  "robot's",
  'edge',
  'side',
  'end',
  'assuming',
  'taking',
  'if',
  'like',
  'on',
  'a',
  'to',
  'toward',
  'towards',
  'usual',
  'normal',
  'just',
  'remember',
  'note',
  'by',
  'way',
]);

const isCompass = (w: string): boolean => w in SIDE_OF || w in COMPOUNDS || w in EXTREME_OF;
const opens = (t: Token | undefined): boolean => t === undefined || (t.kind === 'punct' && [',', ';', ':', '-', '(', '.'].includes(t.text));

/**
 * The definitions of compass words in `tokens`: each span [from, to) and whether it agrees with
 * north = top. A span is a bracket, or a phrase from a comma, dash or a sentence's start to the
 * next such mark, holding a compass word, a side and nothing but words of defining.
 */
function definitions(tokens: readonly Token[]): { from: number; to: number; agrees: boolean }[] {
  const out: { from: number; to: number; agrees: boolean }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const bracket = t.kind === 'punct' && t.text === '(';
    if (!bracket && !(t.kind === 'word' && opens(tokens[i - 1]))) continue;
    let j = bracket ? i + 1 : i;
    while (j < tokens.length && tokens[j]!.kind === 'word') j++;
    if (bracket && tokens[j]?.text !== ')') continue;
    if (!bracket && !opens(tokens[j]) && tokens[j]?.text !== ')' && tokens[j]?.text !== '!' && tokens[j]?.text !== '?') continue;
    const words = tokens.slice(bracket ? i + 1 : i, j).map((x) => x.text);
    const compass = words.filter((w) => w in SIDE_OF);
    const sides = words.filter((w) => w in SAID_SIDES);
    if (compass.length === 0) continue;
    if (!words.every((w) => w in SIDE_OF || w in SAID_SIDES || DEFINING.has(w))) continue;
    // Said to be something: "north is …", "north being …", "(north = the …)" (the tokenizer drops "=").
    const defines =
      words.some((w) => ['is', 'are', "'s", 'being', 'meaning', 'means', 'mean', 'equals', 'as'].includes(w)) ||
      words.some((w, k) => w in SIDE_OF && (words[k + 1] === 'the' || (words[k + 1] ?? '') in SAID_SIDES));
    if (!defines) continue;
    // Paired in order: "north is up and east is right".
    // ("north = the robot's side" names no side it reads: it does not agree.)
    let agrees = sides.length > 0 && (compass.length === sides.length || sides.length === 1);
    for (let k = 0; k < compass.length && agrees; k++) {
      const side = SAID_SIDES[sides[Math.min(k, sides.length - 1)]!]!;
      agrees = SIDE_OF[compass[k]!] === side;
    }
    if (compass.length > 1 && sides.length === 1) agrees = false;
    // "near"/"front" said of "you" or "the robot" is the bottom; "far" likewise the top: words only, so nothing more to check.
    let from = i;
    let to = bracket ? j + 1 : j;
    // A phrase set off by commas takes its comma before it with it ("…, with north being the top, …").
    if (!bracket && from > 0 && tokens[from - 1]!.text === ',') from--;
    // A definition that is a whole sentence takes its full stop.
    if (!bracket && tokens[to]?.text === '.' && (from === 0 || tokens[from - 1]?.text === '.')) to++;
    out.push({ from, to, agrees });
    i = to - 1;
  }
  return out;
}

/**
 * A definition of compass words in `tokens` that does not agree with north = top ("(east = the
 * left of the picture)"), as written in `source`; null when there is none.
 */
export function compassConflict(tokens: readonly Token[], source: string): string | null {
  const d = definitions(tokens).find((x) => !x.agrees);
  if (!d) return null;
  const first = tokens[d.from]!.text === ',' ? d.from + 1 : d.from;
  return source.slice(tokens[first]!.start, tokens[d.to - 1]!.end).trim();
}

/** Read compass words as the picture's sides (see the file's head); `notes` says so once. */
export function compassWords(tokens: Token[], notes: string[]): Token[] {
  if (!tokens.some((t) => t.kind === 'word' && isCompass(t.text))) return tokens;
  const defs = definitions(tokens);
  // A definition that does not agree: read nothing as a compass word, so the error names it.
  if (defs.some((d) => !d.agrees)) return tokens;
  let out = tokens.filter((_t, k) => !defs.some((d) => k >= d.from && k < d.to));
  const w = (k: number): string => (out[k]?.kind === 'word' ? out[k]!.text : '');
  const word = (text: string, at: Token): Token => ({ ...at, kind: 'word', text });
  let changed = false;
  const next: Token[] = [];
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    const s = w(i);
    // "north-east", "north east", "northeast", "NE" (before a place word, for the two-letter ones).
    const pair = (s === 'north' || s === 'south') && (w(i + 1) === 'east' || w(i + 1) === 'west');
    if (pair) {
      next.push(word(SIDE_OF[s]!, t), word(SIDE_OF[w(i + 1)]!, out[i + 1]!));
      i++;
      changed = true;
      continue;
    }
    if (s in COMPOUNDS && (s.length > 2 || ['corner', 'corners', 'side'].includes(w(i + 1)))) {
      const [a, b] = COMPOUNDS[s]!;
      next.push(word(a, t), word(b, t));
      changed = true;
      continue;
    }
    if (s in EXTREME_OF) {
      next.push(word(EXTREME_OF[s]!, t));
      changed = true;
      continue;
    }
    // "the most westerly block": the leftmost.
    if (s === 'most' && ['westerly', 'easterly', 'northerly', 'southerly'].includes(w(i + 1))) {
      next.push(word(`${SIDE_OF[w(i + 1)]!}most`, t));
      i++;
      changed = true;
      continue;
    }
    if (s in SIDE_OF) {
      const side = SIDE_OF[s]!;
      if (w(i + 1) === 'of') {
        // "(to the) north of X" → "above X"; "east of X" → "right of X" ("to the" kept).
        if (side === 'top' || side === 'bottom') {
          if (w(next.length - 1) === 'the' && next.at(-2)?.text === 'to') next.length -= 2;
          next.push(word(side === 'top' ? 'above' : 'below', t));
          i++;
        } else next.push(word(side, t));
        changed = true;
        continue;
      }
      // "the west side", "the southern edge", "from the east", "the far north": a side of the table.
      const before = next.at(-1)?.text ?? '';
      if (
        ['side', 'sides', 'edge', 'end', 'half', 'corner', 'corners', 'part', 'wall', 'border', 'rim', 'bit'].includes(w(i + 1)) ||
        ['the', 'far', 'very'].includes(before) ||
        s.endsWith('ern')
      ) {
        next.push(word(side, t));
        changed = true;
        continue;
      }
    }
    next.push(t);
  }
  out = next;
  if (changed || defs.length > 0)
    notes.push(
      `read compass words as the picture's sides (north = top, south = bottom, east = right, west = left)${defs.length > 0 ? ', as the instruction defines them' : ''}`,
    );
  return out;
}
