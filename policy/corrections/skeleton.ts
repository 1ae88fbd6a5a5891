// The plan a program carries out, as far as its text shows it: the actions that pick,
// place and push, in order, with what each acts on. A skill-level correction changes how
// steps are done, never which steps or their order (DESIGN §11): the session compares the
// skeletons of the program before and after and refuses a skill-level draft that changes it.

/** The actions that make up a plan step; low-level motions (moveTo, rotateTo, …) are how a step is done. */
const STEP_ACTIONS = ['pick', 'pickAt', 'place', 'push'] as const;

const CALL = new RegExp(`\\b(${STEP_ACTIONS.join('|')})\\s*\\(\\s*(?:(['"\`])((?:(?!\\2)[^\\\\\\n])*)\\2)?`, 'g');

/** Comments and the text of strings other than a call's first argument do not count. */
function withoutComments(program: string): string {
  return program.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1');
}

/**
 * The ordered step actions of a program: `pick red_block`, `place blue_bowl`, `push ball`;
 * an action whose first argument is not a literal string (a position, a variable) is the
 * action alone (`place`), so a skill correction may change a computed target.
 */
export function actionSkeleton(program: string): string[] {
  const out: string[] = [];
  const text = withoutComments(program);
  for (const m of text.matchAll(CALL)) {
    // A helper's definition (`function pickAt(id, …)`) is not a call.
    if (/\bfunction\s+$/.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const name = m[1]!;
    const arg = m[3];
    // pickAt('red_block', yaw, lift) is a pick of red_block done another way.
    out.push(arg !== undefined ? `${name === 'pickAt' ? 'pick' : name} ${arg}` : name);
  }
  return out;
}

function isSubsequence(sub: readonly string[], of: readonly string[]): boolean {
  let i = 0;
  for (const s of of) if (i < sub.length && sub[i] === s) i++;
  return i === sub.length;
}

/**
 * Why a skill-level correction's program changes the plan, or null when it keeps it. With
 * `continue` the new program runs on from where the old one stopped, so it may leave out
 * steps already done: its steps must be the old ones in the old order, some dropped.
 * With `restart` they must be the same.
 */
export function skillChangesPlan(before: string, after: string, mode: 'continue' | 'restart'): string | null {
  const a = actionSkeleton(before);
  const b = actionSkeleton(after);
  const same = a.length === b.length && a.every((s, i) => s === b[i]);
  if (same) return null;
  if (mode === 'continue' && isSubsequence(b, a)) return null;
  const show = (s: string[]): string => (s.length === 0 ? 'none' : s.slice(0, 8).join(', ') + (s.length > 8 ? ', …' : ''));
  return `a skill-level correction may change how steps are done, not which steps run or in what order (steps before: ${show(a)}; after: ${show(b)})`;
}
