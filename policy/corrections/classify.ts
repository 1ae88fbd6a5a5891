// What a person's correction is about, before any programmer reads it: plan-level (which
// objects, which steps, in what order, which target) or skill-level (how a step is done:
// approach, heights, offsets, speed, rotation), as DROC splits them. This reading is the
// session's hint (CorrectionInput.classHint); a programmer may decide otherwise and the
// record keeps both. Also the check every correction text passes before anything reads it.

import type { CorrectionClass } from '../programmers/programmer.ts';

/** Longest correction a session accepts (characters): things a person says, not documents. */
export const CORRECTION_MAX_CHARS = 2000;

/** Why a correction cannot be taken, in one line; null when it can. */
export function correctionTextProblem(text: unknown): string | null {
  if (typeof text !== 'string') return `a correction must be text, got ${text === null ? 'null' : typeof text}`;
  const t = text.trim();
  if (t === '') return 'the correction is empty: say what is wrong, e.g. "no, the blue one" or "lift it higher"';
  if (t.length > CORRECTION_MAX_CHARS) {
    return `the correction is ${t.length} characters long; at most ${CORRECTION_MAX_CHARS} (say what is wrong in a sentence or two)`;
  }
  // Control characters other than tab/newline mean binary or a terminal escape, not speech.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is what it looks for
  const control = /[\u0000-\u0008\u000b-\u001f\u007f]/.exec(t);
  if (control) {
    const at = control.index;
    return `the correction holds a control character (U+${control[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}) at character ${at + 1}; type it as plain text`;
  }
  if (!/\p{L}/u.test(t)) return `the correction "${t.slice(0, 40)}" has no words in it`;
  return null;
}

interface Cue {
  cls: CorrectionClass;
  /** What the cue stands for, for the record. */
  name: string;
  re: RegExp;
  weight: number;
}

// Cues, each a family of phrasings. Skill cues are about how; plan cues about what,
// which and when. A distance or an angle is how, unless the words also name a new
// object or place ("put it in the tray instead" is plan; "2 cm to the left" is skill).
const CUES: Cue[] = [
  // skill: approach and grasp
  { cls: 'skill', name: 'approach', re: /\bfrom (the )?(side|top|above|left|right|front|back)\b|\bsideways\b|\bside grasp\b/i, weight: 3 },
  {
    cls: 'skill',
    name: 'grasp',
    re: /\b(grip|grasp|hold|grab)\w* (it )?(lower|higher|tighter|firmer|harder|looser|by the|at the|across|along|lengthwise|the other way)\b/i,
    weight: 3,
  },
  // skill: heights
  {
    cls: 'skill',
    name: 'height',
    re: /\b(higher|lower|lift\w* (it )?(up|more|less)|raise|taller|not so high|too high|too low|clear(ance)?)\b/i,
    weight: 2,
  },
  {
    cls: 'skill',
    name: 'release',
    re: /\b(release|let go|drop (it|them) (from|lower|higher|gently)|set (it|them) down (more )?gently)\b/i,
    weight: 2,
  },
  // skill: offsets and distances
  {
    cls: 'skill',
    name: 'offset',
    re: /\b(further|farther|more|a (bit|little|touch)|slightly|closer|nearer|\d+(\.\d+)? ?(cm|mm|m|centimet(er|re)s?|millimet(er|re)s?|inch(es)?))\b.*\b(left|right|forward|back(ward)?|up|down|in|out|over|to the|toward|towards|closer|center|centre|middle)\b/i,
    weight: 2,
  },
  {
    cls: 'skill',
    name: 'aim',
    re: /\b(off[- ]cent(er|re)|miss(ed)?|not (quite )?(in|on) the (middle|center|centre)|aim|align|centred|centered)\b/i,
    weight: 1,
  },
  // skill: speed, force, rotation
  {
    cls: 'skill',
    name: 'speed',
    re: /\b(slow(er|ly)?|fast(er)?|quick(er|ly)?|gentl[ey]|gentler|careful(ly)?|soft(er|ly)?|smooth(er|ly)?)\b/i,
    weight: 2,
  },
  { cls: 'skill', name: 'rotation', re: /\b(turn|rotat|twist|spin|yaw|angle|degrees?|°|quarter turn|upside|orient)/i, weight: 2 },
  {
    cls: 'skill',
    name: 'push',
    re: /\bpush\w* (it |them )?(\d+(\.\d+)? ?(cm|mm|m|centimet(er|re)s?) )?(further|farther|more|less|harder|softer|lower|higher|again|a (bit|little))\b/i,
    weight: 3,
  },
  // skill: an amount said with a unit is how far, how high or how much
  { cls: 'skill', name: 'amount', re: /\b\d+(\.\d+)? ?(cm|mm|centimet(er|re)s?|millimet(er|re)s?|inch(es)?|degrees?)\b|\d°/i, weight: 1 },
  // plan: which object
  {
    cls: 'plan',
    name: 'object',
    re: /\b(no|nope|not)\b[ ,]*(that|this|the)\b|\b(wrong|other|another|different) (one|block|bowl|object|cup|ball|cylinder|box|tray|plate)\b|\bthe (\w+ )?one\b/i,
    weight: 3,
  },
  {
    cls: 'plan',
    name: 'target',
    re: /\binstead\b|\b(in|into|on|onto) (the|a) \w+( \w+)? (instead|rather)\b|\bwrong (place|bowl|spot|target|container)\b/i,
    weight: 3,
  },
  // plan: steps and order
  {
    cls: 'plan',
    name: 'order',
    re: /\b(first|before|after(wards)?|then|last|next|finally|order|one at a time|start with|begin with)\b/i,
    weight: 2,
  },
  {
    cls: 'plan',
    name: 'step',
    re: /\b(also|too|as well|don'?t|do not|skip|stop|leave|forgot|missing|extra|again|another step|take (it|them|\w+) off|clear)\b/i,
    weight: 2,
  },
  { cls: 'plan', name: 'undo', re: /\b(put (it|them) back|undo|back where|return (it|them)|where (it|they) (was|were))\b/i, weight: 4 },
];

export interface CorrectionReading {
  class: CorrectionClass;
  /** The cue families that decided it, strongest first ("approach", "order", …). */
  cues: string[];
}

/**
 * The session's reading of a correction: the class whose cues weigh more (a tie, or no
 * cue at all, reads as plan-level: a change of what is done, which the programmer then
 * reads in full).
 */
export function classifyCorrection(text: string): CorrectionReading {
  const score: Record<CorrectionClass, number> = { plan: 0, skill: 0 };
  const hits: { name: string; weight: number; cls: CorrectionClass }[] = [];
  for (const c of CUES) {
    if (!c.re.test(text)) continue;
    score[c.cls] += c.weight;
    hits.push({ name: c.name, weight: c.weight, cls: c.cls });
  }
  const cls: CorrectionClass = score.skill > score.plan ? 'skill' : 'plan';
  const cues = hits
    .filter((h) => h.cls === cls)
    .sort((a, b) => b.weight - a.weight)
    .map((h) => h.name);
  return { class: cls, cues };
}
