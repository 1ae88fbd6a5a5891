// Steps (+ the adjustments repairs made) → program text in the program API (docs/architecture.md#the-program-api): one
// `subgoal(description, { expect })` per step followed by its action. The programmer's
// state (choices of ambiguous references, per-step adjustments) travels beside the
// program as the draft's memo, so a repair can regenerate the program from the
// instruction and change only what the diagnosis asks for.

import type { Approach, Vec2 } from '../../../sim/index.ts';
import type { PlaceTarget, Step } from './planner.ts';
import type { IntentEdits } from './intent-edits.ts';

/** What a repair changed about one step. */
export interface StepAdjust {
  /** place: added to the target point (world frame, m). */
  offset?: Vec2;
  /** place: height above the support at which the object is let go (m). */
  releaseHeight?: number;
  /** place: heading of the fingers' closing axis at release; null lets the gripper keep its yaw. */
  heading?: number | null;
  /** place: keep the target inside the workspace margin (a ReachError happened). */
  clamp?: boolean;
  /** place: turn the held object by this much (rad) from its yaw as held, instead of any heading. */
  turn?: number;
  /** pick, place, push: the highest speed of the skill's motions (m/s), from a correction ("slower"). */
  speed?: number;
  /** pick: approach direction. */
  approach?: Approach;
  /** pick: lift height (m). */
  liftHeight?: number;
  /** pick: turn the empty gripper to this heading first (chooses which faces the fingers close on). */
  preTurn?: number;
  /** pick: try again once when the grasp fails. */
  retry?: boolean;
  /**
   * pick: grasp from above with the fingers closing along this heading (rad), with moves
   * of the gripper instead of pick() — which always closes across the narrow side.
   */
  graspYaw?: number;
  /** push: contact height (m). */
  pushHeight?: number;
  /** push: extra distance (m), and a corrected direction. */
  pushExtra?: number;
  direction?: Vec2;
  /** Seconds to wait after the action (let things settle). */
  settle?: number;
  /**
   * pick (knowledge `push-if-unliftable`): when the grasp fails — the object will not lift —
   * push it along these instead (the planner's pushes for it), and skip its place.
   */
  orPush?: { direction: Vec2; distance: number }[];
  /** place: only when the pick before it lifted the object (its `orPush` did not run). */
  ifLifted?: boolean;
}

/**
 * Changes to the plan itself, not to one step (planner.ts reads them): objects to push
 * instead of carrying, objects to take off (or out of) another before it is moved, and
 * how far inside a container's stated walls its slots must stay.
 */
export interface PlanAmendments {
  /** Objects that could not be lifted: slide them to a goal on the table instead of carrying. */
  pushInstead: string[];
  /** Object id → what rests on it or in it; those are put on the table before it is moved. */
  clearFirst: Record<string, string[]>;
  /**
   * Container id → its usable inside as a failed placement measured it (the `inside`
   * predicate's facts): a tray's inner half-extents in its own frame, a bowl's inner radius.
   */
  interior: Record<string, { half?: Vec2; radius?: number }>;
  /** Containers whose contents are packed side by side at the centre (a placement into it hit what it already held). */
  pack: string[];
  /** A person's plan-level corrections (intent-edits.ts): applied between reading and planning. */
  edits?: IntentEdits;
}

/** One remedy a repair applied, so it is never applied twice (and a remedy that changed nothing ends its family). */
export interface TriedRemedy {
  /** Family + step + value: the identity of the change. */
  key: string;
  /** What kind of change (`lift`, `aim`, `side`, `push`, …): a family that changed nothing is not tried again at that step. */
  family: string;
  /** The step key it changed (`pick:red_block#0`), or null for a plan-wide change. */
  step: string | null;
  /** The measured problem it answered (`lift-short:red_block`) and its size then (m), to judge it on the next attempt. */
  problem: string;
  measure: number | null;
  /** The attempt whose failure it answered. */
  attempt: number;
}

/** The state a program carries for its repairs. */
export interface ProgramState {
  v: 2;
  /** Candidate index per ambiguous phrase (repairs move to the next). */
  choices: Record<string, number>;
  /** Adjustments per step key (`stepKeys`: `pick:red_block#0`). */
  adjust: Record<string, StepAdjust>;
  /** Changes to the plan. */
  amend: PlanAmendments;
  /** Repairs made so far. */
  repairs: number;
  /** Every remedy applied so far, oldest first. */
  tried: TriedRemedy[];
  /** Hashes of every program written for this episode: a repair never writes one of them again. */
  programs: string[];
  /** The steps of the program last written, in order, with their step keys and subgoal lines (corrections find the step reached). */
  written?: WrittenStep[];
  /** What the knowledge base's entries did to this program (knowledge.ts), kept as program comments. */
  knowledge?: string[];
}

/** One step of a written program (ProgramState.written). */
export interface WrittenStep {
  /** Its step key in the full plan (`pick:red_block#0`); `back:<id>` for a step that puts an object back. */
  key: string;
  op: Step['op'];
  id: string;
  description: string;
  /** 1-based line of its `subgoal(` call. */
  line: number;
}

export function emptyState(): ProgramState {
  return {
    v: 2,
    choices: {},
    adjust: {},
    amend: { pushInstead: [], clearFirst: {}, interior: {}, pack: [] },
    repairs: 0,
    tried: [],
    programs: [],
  };
}

/** The rule programmer's state from a draft's memo; null when another programmer wrote the draft. */
export function readState(memo: unknown): ProgramState | null {
  const s = memo as ProgramState | null | undefined;
  return s &&
    typeof s === 'object' &&
    s.v === 2 &&
    typeof s.adjust === 'object' &&
    typeof s.choices === 'object' &&
    typeof s.amend === 'object' &&
    Array.isArray(s.tried) &&
    Array.isArray(s.programs)
    ? s
    : null;
}

/**
 * A name per step that survives re-planning: op, object and which occurrence of that
 * pair it is (`pick:red_block#0`, `place:red_block#1`). Steps added or removed for other
 * objects (clearing a support, pushing instead of carrying) leave the others' keys alone.
 */
export function stepKeys(steps: readonly Step[]): string[] {
  const seen = new Map<string, number>();
  return steps.map((s) => {
    const base = `${s.op}:${s.id}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}#${n}`;
  });
}

/** A short stable hash of what a program does: its text without comment lines (FNV-1a, 32 bit, hex). */
export function programHash(program: string): string {
  const code = program
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('//'))
    .join('\n');
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    h ^= code.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

// ---------------------------------------------------------------- JavaScript literals

const num = (v: number): string => {
  const r = Math.round(v * 10000) / 10000;
  return Object.is(r, -0) ? '0' : String(r);
};

const str = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, ' ')}'`;

/** A JSON-able value as a JavaScript literal in the house style: `{ on: ['a', 'b'] }`. */
export function jsLiteral(v: unknown): string {
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string') return str(v);
  if (typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return `[${v.map(jsLiteral).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : str(k)}: ${jsLiteral(x)}`).join(', ')} }`;
  }
  return 'undefined';
}

const HEADING_NAMES: [number, string][] = [
  [Math.PI / 2, 'Math.PI / 2'],
  [-Math.PI / 2, '-Math.PI / 2'],
  [Math.PI, 'Math.PI'],
  [0, '0'],
];

function headingExpr(h: number): string {
  return HEADING_NAMES.find(([v]) => Math.abs(v - h) < 1e-3)?.[1] ?? num(h);
}

// ---------------------------------------------------------------- helpers the programs may use

const HELPERS = {
  yawFor: [
    '// The yaw to give the held object so the fingers end up closing along `heading`',
    '// (keeps them out of the gap beside a neighbour). The fingers are symmetric, so the',
    '// smallest turn is taken: turning a held object is where grasps slip.',
    'function yawFor(heading) {',
    '  const g = getGripper();',
    '  if (!g.holding) return 0;',
    '  let turn = heading - g.yaw;',
    '  turn -= Math.PI * Math.round(turn / Math.PI);',
    '  return getPose(g.holding).yaw + turn;',
    '}',
  ],
  at: [
    '// A table point relative to where an object is now.',
    'function at(id, dx, dy) {',
    '  const p = getObject(id).position;',
    '  return [p[0] + dx, p[1] + dy];',
    '}',
  ],
  between: [
    '// The point centred on two objects, at the height of the higher top.',
    'function between(a, b) {',
    '  const p = getObject(a).position;',
    '  const q = getObject(b).position;',
    '  return [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2, Math.max(getBBox(a).max[2], getBBox(b).max[2])];',
    '}',
  ],
  clearSpot: [
    '// Where in a container to set the held object down: the planned offset, unless what is in',
    '// the container now (a ball rolled, a block slid) leaves less room there than the plan did —',
    '// then the roomiest spot inside it.',
    'function clearSpot(container, planned, room, held) {',
    '  const c = getObject(container);',
    '  const h = getObject(held);',
    '  const radius = (o) => (o.shape === "box" ? Math.hypot(o.size[0], o.size[1]) : Math.max(o.size[0], o.size[1])) / 2;',
    '  const others = getObjects().filter((o) => o.id !== container && o.id !== held && isInside(o.id, container));',
    '  const roomAt = (d) =>',
    '    Math.min(1, ...others.map((o) => Math.hypot(c.position[0] + d[0] - o.position[0], c.position[1] + d[1] - o.position[1]) - radius(h) - radius(o)));',
    '  const need = Math.min(room, 0.015) - 0.005;',
    '  if (roomAt(planned) >= need) return planned;',
    '  const cos = Math.cos(c.yaw);',
    '  const sin = Math.sin(c.yaw);',
    '  const hx = c.size[0] / 2 - 0.012 - radius(h);',
    '  const hy = c.size[1] / 2 - 0.012 - radius(h);',
    '  let best = planned;',
    '  let most = roomAt(planned);',
    '  for (let x = -hx; x <= hx + 1e-9; x += 0.005)',
    '    for (let y = -hy; y <= hy + 1e-9; y += 0.005) {',
    '      if (c.shape === "bowl" && Math.hypot(x, y) > Math.min(hx, hy)) continue;',
    '      const d = [x * cos - y * sin, x * sin + y * cos];',
    '      const r = roomAt(d) - 0.002 * Math.hypot(d[0] - planned[0], d[1] - planned[1]);',
    '      if (r > most) [best, most] = [d, r];',
    '    }',
    "  log('the slot in', container, 'is crowded now: set down at', best.map((v) => v.toFixed(3)).join(', '));",
    '  return best;',
    '}',
  ],
  pickAt: [
    '// Grasp an object from above with the fingers closing along `yaw` and lift it by',
    "// `lift` (pick() always closes across the object's narrow side).",
    'function pickAt(id, yaw, lift) {',
    '  const p = getObject(id).position;',
    '  const b = getBBox(id);',
    '  const z = Math.max(b.min[2] + 0.25 * (b.max[2] - b.min[2]), b.max[2] - 0.054, 0.005);',
    '  openGripper();',
    '  moveTo([p[0], p[1], Math.max(b.max[2] + 0.06, getGripper().position[2])], { yaw });',
    '  moveTo([p[0], p[1], z], { yaw, speed: 0.1 });',
    '  closeGripper();',
    '  moveTo([p[0], p[1], z + lift], { yaw });',
    '}',
  ],
  clampXY: [
    '// Keep a table point where the gripper can reach it.',
    'function clampXY(p) {',
    '  const q = [Math.min(0.4, Math.max(-0.4, p[0])), Math.min(0.3, Math.max(-0.3, p[1]))];',
    '  return p.length === 3 ? [q[0], q[1], p[2]] : q;',
    '}',
  ],
} as const;

type HelperName = keyof typeof HELPERS;

function targetExpr(
  t: PlaceTarget,
  adj: StepAdjust,
  use: Set<HelperName>,
  held: string,
): { target: string; offset: Vec2 | null; offsetExpr?: string } {
  const off = adj.offset ?? [0, 0];
  const hasOff = Math.abs(off[0]) > 1e-6 || Math.abs(off[1]) > 1e-6;
  const wrap = (e: string): string => {
    if (!adj.clamp) return e;
    use.add('clampXY');
    return `clampXY(${e})`;
  };
  switch (t.kind) {
    case 'object': {
      const o: Vec2 = [(t.offset?.[0] ?? 0) + off[0], (t.offset?.[1] ?? 0) + off[1]];
      // Into a container holding something already (and no repair has moved the slot): checked when it runs.
      if (t.room !== undefined && !hasOff) {
        use.add('clearSpot');
        return { target: str(t.id), offset: o, offsetExpr: `clearSpot(${str(t.id)}, ${jsLiteral(o)}, ${num(t.room)}, ${str(held)})` };
      }
      return { target: str(t.id), offset: Math.abs(o[0]) > 1e-6 || Math.abs(o[1]) > 1e-6 ? o : null };
    }
    case 'xy':
      return { target: wrap(jsLiteral([t.xy[0] + off[0], t.xy[1] + off[1]])), offset: null };
    case 'relative':
      use.add('at');
      return { target: wrap(`at(${str(t.id)}, ${num(t.delta[0] + off[0])}, ${num(t.delta[1] + off[1])})`), offset: null };
    case 'between':
      use.add('between');
      return { target: wrap(`between(${str(t.ids[0])}, ${str(t.ids[1])})`), offset: hasOff ? off : null };
  }
}

function actionLines(step: Step, adj: StepAdjust, use: Set<HelperName>): string[] {
  switch (step.op) {
    case 'pick': {
      if (adj.graspYaw !== undefined) {
        use.add('pickAt');
        return [`pickAt(${str(step.id)}, ${headingExpr(adj.graspYaw)}, ${num(adj.liftHeight ?? step.liftHeight ?? 0.1)});`];
      }
      const opts: Record<string, unknown> = {};
      if (adj.approach) opts.approach = adj.approach;
      const lift = adj.liftHeight ?? step.liftHeight;
      if (lift !== undefined) opts.liftHeight = lift;
      if (adj.speed !== undefined) opts.speed = adj.speed;
      const call = `pick(${str(step.id)}${Object.keys(opts).length ? `, ${jsLiteral(opts)}` : ''});`;
      const heading = adj.preTurn ?? step.heading;
      const turn = heading !== undefined ? [`rotateTo(${headingExpr(heading)});`] : [];
      if (adj.orPush && adj.orPush.length > 0) {
        const flag = pushedFlag(step.id);
        return [
          ...turn,
          `let ${flag} = false;`,
          'try {',
          `  ${call}`,
          '} catch (e) {',
          // Only an object that would not rise: a grasp that missed is not a heavy object.
          "  if (e.name !== 'GraspError' || e.cause !== 'slipped') throw e;",
          `  log('could not lift ${step.id}: pushing it instead');`,
          '  if (getGripper().holding) openGripper();',
          // Out of the way first: the failed grasp left the fingers down at the object.
          '  moveBy([0, 0, Math.max(0, 0.2 - getGripper().position[2])]);',
          ...adj.orPush.map(
            (p) => `  push(${str(step.id)}, ${jsLiteral(unit(p.direction))}, ${num(Math.min(MAX_PUSH, Math.max(0.005, p.distance)))});`,
          ),
          `  ${flag} = true;`,
          '}',
        ];
      }
      if (!adj.retry) return [...turn, call];
      const other: Record<string, unknown> = { ...opts, liftHeight: Math.min(lift ?? 0.1, 0.08) };
      return [
        ...turn,
        'try {',
        `  ${call}`,
        '} catch (e) {',
        "  if (e.name !== 'GraspError') throw e;",
        `  log('grasp failed, trying again:', e.message);`,
        '  if (getGripper().holding) openGripper();',
        `  pick(${str(step.id)}, ${jsLiteral(other)});`,
        '}',
      ];
    }
    case 'place': {
      const { target, offset, offsetExpr } = targetExpr(step.target, adj, use, step.id);
      const opts: string[] = [];
      if (offsetExpr) opts.push(`offset: ${offsetExpr}`);
      else if (offset) opts.push(`offset: ${jsLiteral(offset)}`);
      const heading = adj.heading === undefined ? step.heading : adj.heading;
      if (adj.turn !== undefined) opts.push(`yaw: getPose(${str(step.id)}).yaw + ${headingExpr(adj.turn)}`);
      else if (heading !== null) {
        use.add('yawFor');
        opts.push(`yaw: yawFor(${headingExpr(heading)})`);
      }
      if (adj.releaseHeight !== undefined) opts.push(`releaseHeight: ${num(adj.releaseHeight)}`);
      if (adj.speed !== undefined) opts.push(`speed: ${num(adj.speed)}`);
      const call = `place(${target}${opts.length ? `, { ${opts.join(', ')} }` : ''});`;
      return adj.ifLifted ? [`if (!${pushedFlag(step.id)}) ${call}`] : [call];
    }
    case 'push': {
      const dir = adj.direction ?? step.direction;
      const n = Math.hypot(dir[0], dir[1]) || 1;
      const distance = step.distance + (adj.pushExtra ?? 0);
      const po: Record<string, number> = {};
      if (adj.pushHeight !== undefined) po.height = adj.pushHeight;
      if (adj.speed !== undefined) po.speed = adj.speed;
      const opts = Object.keys(po).length > 0 ? `, ${jsLiteral(po)}` : '';
      return [
        `push(${str(step.id)}, ${jsLiteral([dir[0] / n, dir[1] / n].map((v) => Math.round(v * 1000) / 1000))}, ${num(Math.min(MAX_PUSH, Math.max(0.005, distance)))}${opts});`,
      ];
    }
    case 'hold':
      return [`wait(${num(step.seconds)});`];
  }
}

/** Longest push the API takes (m). */
const MAX_PUSH = 0.6;

/** The program variable that says a pick fell back to pushing (`pushed_black_chest`). */
function pushedFlag(id: string): string {
  return `pushed_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

function unit(d: Vec2): Vec2 {
  const n = Math.hypot(d[0], d[1]) || 1;
  return [Math.round((d[0] / n) * 1000) / 1000, Math.round((d[1] / n) * 1000) / 1000];
}

export interface ProgramText {
  program: string;
  plan: string[];
}

/** The first line of every program the rule programmer writes; its state comment block (`// note: …` lines) follows it. The viewer's diffs leave the block out. */
export const RULE_PROGRAM_HEADER = '// Written by the builtin rule programmer for: ';

/** Write the program for `steps` with the adjustments of `state`. */
export function writeProgram(instruction: string, steps: readonly Step[], state: ProgramState, notes: readonly string[] = []): ProgramText {
  const use = new Set<HelperName>();
  const body: string[] = [];
  const keys = stepKeys(steps);
  steps.forEach((step, i) => {
    const adj = state.adjust[keys[i]!] ?? {};
    if (i > 0) body.push('');
    body.push(`subgoal(${str(step.description)}, { expect: ${jsLiteral(step.expect)} });`);
    body.push(...actionLines(step, adj, use));
    if (adj.settle) body.push(`wait(${num(adj.settle)});`);
  });
  const plan = steps.map((s, i) => `${i + 1}. ${s.description}`);
  const head: string[] = [`${RULE_PROGRAM_HEADER}${instruction.replace(/\s+/g, ' ').trim()}`, ...notes.map((n) => `// note: ${n}`)];
  const helpers: string[] = [];
  for (const name of ['yawFor', 'at', 'between', 'clearSpot', 'pickAt', 'clampXY'] as const) {
    if (use.has(name)) helpers.push('', ...HELPERS[name]);
  }
  const program = [...head, ...helpers, '', ...body, ''].join('\n');
  return { program, plan };
}
