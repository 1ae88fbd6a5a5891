// Steps (+ the adjustments repairs made) → program text in the program API (docs/architecture.md#the-program-api): one
// `subgoal(description, { expect })` per step followed by its action. The programmer's
// state (choices of ambiguous references, per-step adjustments) travels beside the
// program as the draft's memo, so a repair can regenerate the program from the
// instruction and change only what the diagnosis asks for.

import type { Approach, Vec2 } from '../../../sim/index.ts';
import type { PlaceTarget, Step } from './planner.ts';

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
  /** pick: approach direction. */
  approach?: Approach;
  /** pick: lift height (m). */
  liftHeight?: number;
  /** pick: turn the empty gripper to this heading first (chooses which faces the fingers close on). */
  preTurn?: number;
  /** pick: try again once when the grasp fails. */
  retry?: boolean;
  /** push: contact height (m). */
  pushHeight?: number;
  /** push: extra distance (m), and a corrected direction. */
  pushExtra?: number;
  direction?: Vec2;
  /** Seconds to wait after the action (let things settle). */
  settle?: number;
}

/** The state a program carries for its repairs. */
export interface ProgramState {
  v: 1;
  /** Candidate index per ambiguous phrase (repairs move to the next). */
  choices: Record<string, number>;
  /** Adjustments per step index. */
  adjust: Record<string, StepAdjust>;
  /** Repairs made so far. */
  repairs: number;
}

export function emptyState(): ProgramState {
  return { v: 1, choices: {}, adjust: {}, repairs: 0 };
}

/** The rule programmer's state from a draft's memo; null when another programmer wrote the draft. */
export function readState(memo: unknown): ProgramState | null {
  const s = memo as ProgramState | null | undefined;
  return s && typeof s === 'object' && s.v === 1 && typeof s.adjust === 'object' && typeof s.choices === 'object' ? s : null;
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
  clampXY: [
    '// Keep a table point where the gripper can reach it.',
    'function clampXY(p) {',
    '  const q = [Math.min(0.4, Math.max(-0.4, p[0])), Math.min(0.3, Math.max(-0.3, p[1]))];',
    '  return p.length === 3 ? [q[0], q[1], p[2]] : q;',
    '}',
  ],
} as const;

type HelperName = keyof typeof HELPERS;

function targetExpr(t: PlaceTarget, adj: StepAdjust, use: Set<HelperName>): { target: string; offset: Vec2 | null } {
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
      const opts: Record<string, unknown> = {};
      if (adj.approach) opts.approach = adj.approach;
      const lift = adj.liftHeight ?? step.liftHeight;
      if (lift !== undefined) opts.liftHeight = lift;
      const call = `pick(${str(step.id)}${Object.keys(opts).length ? `, ${jsLiteral(opts)}` : ''});`;
      const heading = adj.preTurn ?? step.heading;
      const turn = heading !== undefined ? [`rotateTo(${headingExpr(heading)});`] : [];
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
      const { target, offset } = targetExpr(step.target, adj, use);
      const opts: string[] = [];
      if (offset) opts.push(`offset: ${jsLiteral(offset)}`);
      const heading = adj.heading === undefined ? step.heading : adj.heading;
      if (heading !== null) {
        use.add('yawFor');
        opts.push(`yaw: yawFor(${headingExpr(heading)})`);
      }
      if (adj.releaseHeight !== undefined) opts.push(`releaseHeight: ${num(adj.releaseHeight)}`);
      return [`place(${target}${opts.length ? `, { ${opts.join(', ')} }` : ''});`];
    }
    case 'push': {
      const dir = adj.direction ?? step.direction;
      const n = Math.hypot(dir[0], dir[1]) || 1;
      const distance = step.distance + (adj.pushExtra ?? 0);
      const opts = adj.pushHeight !== undefined ? `, { height: ${num(adj.pushHeight)} }` : '';
      return [
        `push(${str(step.id)}, ${jsLiteral([dir[0] / n, dir[1] / n].map((v) => Math.round(v * 1000) / 1000))}, ${num(Math.max(0.005, distance))}${opts});`,
      ];
    }
    case 'hold':
      return [`wait(${num(step.seconds)});`];
  }
}

export interface ProgramText {
  program: string;
  plan: string[];
}

/** Write the program for `steps` with the adjustments of `state`. */
export function writeProgram(instruction: string, steps: readonly Step[], state: ProgramState, notes: readonly string[] = []): ProgramText {
  const use = new Set<HelperName>();
  const body: string[] = [];
  steps.forEach((step, i) => {
    const adj = state.adjust[String(i)] ?? {};
    if (i > 0) body.push('');
    body.push(`subgoal(${str(step.description)}, { expect: ${jsLiteral(step.expect)} });`);
    body.push(...actionLines(step, adj, use));
    if (adj.settle) body.push(`wait(${num(adj.settle)});`);
  });
  const plan = steps.map((s, i) => `${i + 1}. ${s.description}`);
  const head: string[] = [
    `// Written by the builtin rule programmer for: ${instruction.replace(/\s+/g, ' ').trim()}`,
    ...notes.map((n) => `// note: ${n}`),
  ];
  const helpers: string[] = [];
  for (const name of ['yawFor', 'at', 'between', 'clampXY'] as const) {
    if (use.has(name)) helpers.push('', ...HELPERS[name]);
  }
  const program = [...head, ...helpers, '', ...body, ''].join('\n');
  return { program, plan };
}
