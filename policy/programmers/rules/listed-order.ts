// An arrangement said as a list of colours in order: "tower of four: green at the bottom, then
// red, then blue, yellow on top", "make a row with the three blocks, left to right: yellow,
// white, red", "rainbow order please, left to right - red, orange, yellow, green, blue, purple",
// "from left to right I want red, then yellow, then blue, all in a neat row". People say these
// in more ways than a grammar of clauses can follow (headings, dashes, "then" chains, "I want"),
// but what they mean is plain: the things of those colours, in that order, along that way.
//
// The instruction is read as one line-up or one stack of the listed colours, in one of the
// grammar's own forms ("line up the yellow block, the white block and the red block from left
// to right", "stack the green block, the red block, … " bottom first), and that text is what
// the grammar then reads (noted). Nothing here looks at the scene: whether each colour names
// one thing is the grammar's and the references' business, as for any text.
//
// It reads only instructions that are nothing else: at least three colours, none repeated, none
// of them a container's ("the blue bowl"), no place besides the arrangement itself (no corner,
// side, container or "next to"; "across the middle" is where the line runs), and which way the order runs said in words — "left to
// right", "bottom to top", "nearest … far", "at the bottom" / "on top" — for a line. A stack
// with no way said is listed bottom first, as the grammar reads "stack A, B and C".

import { isColor, NOUNS, singularOf } from './lexicon.ts';
import type { Token } from './tokenizer.ts';

export interface ListedOrder {
  /** The instruction as the grammar's own form. */
  text: string;
  note: string;
}

const STACK_WORDS: ReadonlySet<string> = new Set(['tower', 'towers', 'stack', 'stacked', 'pile', 'piled']);
const LINE_WORDS: ReadonlySet<string> = new Set(['row', 'line', 'column', 'order', 'sequence', 'lineup']);
/** Words that name a place besides the arrangement: then the list is not all the instruction says. */
const PLACE_WORDS: ReadonlySet<string> = new Set([
  'corner',
  'corners',
  'side',
  'edge',
  'middle',
  'center',
  'centre',
  'next',
  'beside',
  'near',
  'between',
  'around',
  'round',
  'under',
  'underneath',
]);

type Way = 'x+' | 'x-' | 'y+' | 'y-' | 'up' | 'down';

const WAY_TEXT: Record<Way, string> = {
  'x+': 'from left to right',
  'x-': 'from right to left',
  'y+': 'from bottom to top',
  'y-': 'from top to bottom',
  up: '',
  down: '',
};

/** Which way the listed order runs, by the words said; null when no way is said. */
function wayOf(words: string[], colorAt: number[]): Way | null {
  const has = (...ws: string[]): boolean => ws.some((w) => words.includes(w));
  // "left to right", "left-to-right", "from the left to the right".
  const span = (a: string, b: string): boolean => {
    const i = words.indexOf(a);
    const j = words.indexOf(b, i + 1);
    return i >= 0 && j > i && j - i <= 4 && words.slice(i + 1, j).includes('to');
  };
  if (span('left', 'right')) return 'x+';
  if (span('right', 'left')) return 'x-';
  if (span('bottom', 'top') || span('front', 'back') || span('near', 'far') || span('nearest', 'farthest') || span('closest', 'furthest'))
    return 'y+';
  if (span('top', 'bottom') || span('back', 'front') || span('far', 'near')) return 'y-';
  // What the first or the last listed colour is said to be: "green at the bottom", "red nearest", "yellow on top".
  // "… from the left" after the list: counted from that side.
  const from = words.lastIndexOf('from');
  if (from > colorAt[colorAt.length - 1]!) {
    const side = words[from + 1] === 'the' ? words[from + 2] : words[from + 1];
    if (side === 'left') return 'x+';
    if (side === 'right') return 'x-';
  }
  const after = (k: number): string[] => words.slice(k + 1, k + 5);
  const first = after(colorAt[0]!);
  const last = after(colorAt[colorAt.length - 1]!);
  const says = (ws: string[], ...of: string[]): boolean => of.some((w) => ws.includes(w));
  if (says(first, 'nearest', 'closest') || says(last, 'far', 'farthest', 'furthest') || has('away')) return 'y+';
  // "yellow at the left, then blue, green and red", "… and red on the right".
  const atSide = (ws: string[]): string | undefined =>
    ['at', 'on'].includes(ws[0] ?? '')
      ? ws[1] === 'the'
        ? ws[2]
        : ws[1]
      : ws[0] === 'leftmost' || ws[0] === 'rightmost'
        ? ws[0].slice(0, -4)
        : undefined;
  if (says(first, 'leftmost') || says(last, 'rightmost') || atSide(first) === 'left' || atSide(last) === 'right') return 'x+';
  if (says(first, 'rightmost') || says(last, 'leftmost') || atSide(first) === 'right' || atSide(last) === 'left') return 'x-';
  if (says(first, 'bottom', 'base', 'underneath') || says(last, 'top')) return 'up';
  if (says(first, 'top') || says(last, 'bottom', 'base')) return 'down';
  return null;
}

/** The instruction (normalized tokens) as one ordered line-up or stack of listed colours; null when it is not only that. */
export function listedOrder(tokens: readonly Token[], opts: { strict: boolean }): ListedOrder | null {
  // ("move the blocks around so they go …": "around" says nothing of where.)
  const words = tokens
    .filter((t) => t.kind === 'word')
    .map((t) => t.text)
    .filter((w, k, all) => !(['around', 'round'].includes(w) && all[k + 1] === 'so'));
  const colorAt: number[] = [];
  for (const [k, w] of words.entries()) {
    if (!isColor(w)) continue;
    const cls = NOUNS.get(words[k + 1] ?? '')?.cls;
    if (cls === 'bowl' || cls === 'tray' || cls === 'container' || cls === 'zone') return null;
    colorAt.push(k);
  }
  const colors = colorAt.map((k) => words[k]!);
  if (colors.length < 3 || new Set(colors).size !== colors.length) return null;
  // ("in a row across the middle: …", "down the centre of the table": where the line runs, kept.)
  const acrossMiddle = words.findIndex(
    (w, k) =>
      ['across', 'along', 'through', 'down', 'in'].includes(w) &&
      words[k + 1] === 'the' &&
      ['middle', 'centre', 'center'].includes(words[k + 2] ?? ''),
  );
  // (Only for a line: "a tower: red at the bottom, blue in the middle, …" names a place in the stack.)
  const middleAt = acrossMiddle < 0 || words.some((w) => STACK_WORDS.has(w)) ? -1 : acrossMiddle + 2;
  if (
    words.some(
      (w, k) =>
        (PLACE_WORDS.has(w) && k !== middleAt) ||
        ['rows', 'columns', 'grid'].includes(w) ||
        // ("on the shelf", "in the bowls": a container; the grammar reads where the line goes.)
        ['bowl', 'tray', 'container'].includes(NOUNS.get(w)?.cls ?? ''),
    )
  )
    return null;
  // Before the grammar has tried: only colours said alone ("yellow, white, red"), not as the
  // words of one phrase ("the red, green and blue blocks"), which the grammar reads as written.
  if (opts.strict && colorAt.some((k) => adjectival(words, k))) return null;
  // ("on top of the blue and yellow stack": the colours name a stack that stands, not one to make.)
  if (colorAt.some((k) => words[k - 1] === 'the' && namesStack(words, k))) return null;
  const stack = words.some((w) => STACK_WORDS.has(w));
  // ("rearrange the blocks so they go white, blue, red from left to right": a line in that order.)
  // ("sort the blocks so it goes red, yellow, … from left to right": "it" is how the line runs.)
  const soThey = words.some((w, k) => {
    if (w !== 'so') return false;
    const j = words[k + 1] === 'that' ? k + 2 : k + 1;
    return words[j] === 'they' || (words[j] === 'it' && ['goes', 'go', 'reads', 'runs'].includes(words[j + 1] ?? ''));
  });
  // ("stack them up, yellow at the bottom, then …": up is the stack's, not a line's.)
  const line = words.some((w) => LINE_WORDS.has(w)) || (words.includes('up') && !stack) || soThey;
  if (stack === line) return null;
  let way = wayOf(words, colorAt);
  if (stack) {
    if (way === null && opts.strict) return null;
    way ??= 'up';
    if (way !== 'up' && way !== 'down') return null;
  } else if (way === 'up' || way === 'down') {
    // A column whose first or last colour is said to be at the top or the bottom ("a column:
    // red at the top, then yellow, then blue"): listed from that end. (Not "… blue from the top
    // down", which says which way the list runs, not where blue is.)
    const role = (k: number): 'top' | 'bottom' | null => {
      const a = words.slice(k + 1, k + 5);
      let i = a[0] === 'at' || a[0] === 'on' ? 1 : -1;
      if (i > 0 && a[i] === 'the') i++;
      const end = i > 0 ? a[i] : undefined;
      return (end === 'top' || end === 'bottom') && !['down', 'up'].includes(a[i + 1] ?? '') ? end : null;
    };
    const first = role(colorAt[0]!);
    const last = role(colorAt[colorAt.length - 1]!);
    if (!(words.includes('column') || words.includes('vertical')) || (first === null && last === null)) return null;
    way = first === 'top' || last === 'bottom' ? 'y-' : 'y+';
  } else if (way === null) return null;
  // The kind of thing: the first object noun named ("the three blocks"), else any thing.
  const noun = words.find((w) => {
    if (STACK_WORDS.has(w) || LINE_WORDS.has(w) || ['rows', 'columns', 'lines'].includes(w)) return false;
    const cls = NOUNS.get(w)?.cls;
    return cls === 'box' || cls === 'sphere' || cls === 'cylinder' || cls === 'thing';
  });
  const single = noun ? (singularOf(noun) ?? noun.replace(/e?s$/, '')) : 'one';
  const ordered = way === 'down' ? [...colors].reverse() : colors;
  const things = ordered.map((c) => `the ${c} ${single}`);
  const list = `${things.slice(0, -1).join(', ')} and ${things.at(-1)}`;
  // The way said wins over the word for the line ("lay the column out left to right: …" is a row).
  let shape = ['row', 'line', 'column'].find((w) => words.includes(w));
  if (shape === 'column' && (way === 'x+' || way === 'x-')) shape = 'row';
  if (shape === 'row' && (way === 'y+' || way === 'y-')) shape = 'column';
  // "line them up along the top, red green blue white from left to right": along that edge.
  let edge = '';
  for (let k = 0; k + 2 < words.length; k++)
    if (['along', 'across'].includes(words[k]!) && words[k + 1] === 'the') {
      const side = ({ top: 'top', back: 'top', far: 'top', bottom: 'bottom', front: 'bottom', near: 'bottom' } as Record<string, string>)[
        words[k + 2]!
      ];
      if (side && !['to', 'of'].includes(words[k + 3] ?? '')) edge = ` along the ${side} edge`;
    }
  if (middleAt >= 0 && !edge) edge = ' in the middle';
  const text = stack ? `stack ${list}` : `line up ${list}${shape ? ` in a ${shape}` : ''}${edge} ${WAY_TEXT[way]}`;
  return { text, note: `read as '${text}': the colours listed, in the order said` };
}

/** Whether the colour at `k` is a word of a phrase: a run of colours ("red, green and blue") then a noun or "one". */
/** Whether the colours from `k` on are said of a stack ("the blue and yellow stack"). */
function namesStack(words: string[], k: number): boolean {
  let j = k + 1;
  while (j < words.length && (isColor(words[j]!) || words[j] === 'and')) j++;
  return j > k + 1 && STACK_WORDS.has(words[j] ?? '') && words[j + 1] !== 'of';
}

function adjectival(words: string[], k: number): boolean {
  let j = k + 1;
  while (j < words.length && (isColor(words[j]!) || words[j] === 'and' || words[j] === 'or')) j++;
  const next = words[j] ?? '';
  return NOUNS.has(next) || next === 'one' || next === 'ones';
}
