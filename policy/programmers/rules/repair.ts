// Repair rules of the rule programmer: from what the failed attempt measured
// (evidence.ts: a lift short by s, a placement off by (dx, dy), an object outside a
// container's wall by d, a slip, an object moved by a step not meant to move it, a
// topple, the error's cause) to one change of the programmer's state — a step
// adjustment, a plan amendment (push instead of carry, take a rider off first, keep
// further inside a container) or — when a grasp closed on another object than the step
// named — another reading of an ambiguous phrase. The program is
// then written again from the instruction, so the structure stays one subgoal per step.
//
// Each problem has a ladder of remedy families, tried in order. The memo records every
// remedy applied (`tried`): the same change is never made twice, a family whose last
// change did not shrink the measured problem is not tried again at that step, and a
// repair never writes a program this episode already ran (`programs`). When no remedy
// is left, the repair says so and the episode stops with `no-change`.

import type { PlaceOffset } from '../../../monitor/index.ts';
import type { Vec2 } from '../../../sim/index.ts';
import { defaultInnerSize, wrapAngle } from '../../../sim/index.ts';
import type { ProgramContext, RepairInput } from '../programmer.ts';
import { describeFinding, findings } from './evidence.ts';
import type { DiagnosisView, Finding } from './evidence.ts';
import { clampTo, dist2, round, roundVec } from './geometry.ts';
import type { Dest } from './intents.ts';
import { pushable } from './planner.ts';
import type { Step } from './planner.ts';
import type { RulePlan } from './plan.ts';
import { stepKeys } from './program-text.ts';
import type { ProgramState, StepAdjust, TriedRemedy } from './program-text.ts';

export interface RepairResult {
  changed: boolean;
  state: ProgramState;
  notes: string[];
  error?: string;
}

/** Largest correction one repair applies to a placement (m): a bigger miss is not an aiming error. */
const MAX_CORRECTION = 0.04;
const MAX_PUSH_CORRECTION = 0.1;
const LOW_LIFT = 0.06;
const HIGH_LIFT = 0.15;
/** Added to a measured lift shortfall (m): the grasp sags a little more when lifted higher. */
const LIFT_MARGIN = 0.015;
/** A measured problem that shrank by less than this (m) was not helped by the last remedy. */
const IMPROVED = 0.002;
const MAX_LIFT = 0.3;

/** Index of the step whose subgoal failed: from the diagnosis, else from the error's line. */
function failingStep(d: DiagnosisView, program: string, steps: readonly Step[]): number | null {
  const idx = d.subgoal?.index;
  if (typeof idx === 'number' && idx >= 0 && idx < steps.length) return idx;
  for (const line of [d.line, d.error?.line]) if (typeof line === 'number') return stepAtLine(program, line, steps.length);
  return null;
}

/** The step a program line belongs to: the last `subgoal(` line at or before it. */
function stepAtLine(program: string, line: number, count: number): number | null {
  const n = program
    .split('\n')
    .slice(0, line)
    .filter((l) => l.startsWith('subgoal(')).length;
  return n > 0 && n <= count ? n - 1 : null;
}

/** The pick that holds the object of step i (i itself when it is a pick). */
function pickFor(steps: readonly Step[], i: number, id = steps[i]!.id): number | null {
  for (let k = Math.min(i, steps.length - 1); k >= 0; k--) {
    const s = steps[k]!;
    if (s.op === 'pick' && s.id === id) return k;
  }
  return null;
}

/** The place right after pick i, if any. */
function placeAfter(steps: readonly Step[], i: number): number | null {
  const next = steps[i + 1];
  return next?.op === 'place' && next.id === steps[i]!.id ? i + 1 : null;
}

/** The state being changed, the steps it applies to, and the notes saying what changed. */
class Editor {
  readonly notes: string[] = [];
  readonly state: ProgramState;
  readonly steps: readonly Step[];
  readonly keys: string[];
  constructor(state: ProgramState, steps: readonly Step[]) {
    this.state = state;
    this.steps = steps;
    this.keys = stepKeys(steps);
  }
  adj(i: number): StepAdjust {
    return (this.state.adjust[this.keys[i]!] ??= {});
  }
  has(i: number): StepAdjust {
    return this.state.adjust[this.keys[i]!] ?? {};
  }
  note(i: number, text: string): void {
    this.notes.push(`step ${i + 1} (${this.steps[i]!.description}): ${text}`);
  }
}

/** One change a repair may make. */
interface Remedy {
  family: string;
  /** Index of the step it changes; null for a plan-wide change. */
  step: number | null;
  /** Distinguishes two changes of one family at one step (a new offset, a new lift height). */
  value: string;
  /** The measured problem it answers, and its size (m) when measured. */
  problem: string;
  measure: number | null;
  apply: (e: Editor) => void;
}

interface Scope {
  e: Editor;
  plan: RulePlan;
  ctx: ProgramContext;
  d: DiagnosisView;
  /** The failing step. */
  i: number;
  /** The program that failed. */
  program: string;
  /** Everything measured about this failure. */
  found: Finding[];
}

// ------------------------------------------------------------------ remedies

/** Where the object of pick p is headed, if an intent says (a place or a row slot). */
function destOf(plan: RulePlan, id: string): Dest | 'row' | null {
  for (const it of plan.reading.intents) {
    if (it.kind === 'place' && it.id === id) return it.dest;
    if (it.kind === 'lineUp' && it.ids.includes(id)) return 'row';
  }
  return null;
}

function canPushInstead(plan: RulePlan, id: string): boolean {
  const dest = destOf(plan, id);
  return dest === 'row' || (dest !== null && pushable(dest));
}

function pushInstead(s: Scope, p: number, id: string, problem: string, why: string): Remedy | null {
  if (!canPushInstead(s.plan, id) || s.e.state.amend.pushInstead.includes(id)) return null;
  return {
    family: 'push',
    step: p,
    value: id,
    problem,
    measure: null,
    apply: (e) => {
      e.state.amend.pushInstead.push(id);
      e.notes.push(`${id} ${why}: it cannot be lifted, so push it to its goal on the table instead of carrying it`);
    },
  };
}

function sideGrasp(s: Scope, p: number, problem: string, why: string): Remedy | null {
  const pick = s.e.steps[p]!;
  const shape = s.ctx.objects.find((o) => o.id === pick.id)?.shape;
  if (s.e.has(p).approach === 'side' || shape === 'sphere' || shape === 'bowl' || shape === 'tray') return null;
  return {
    family: 'side',
    step: p,
    value: 'side',
    problem,
    measure: null,
    apply: (e) => {
      e.adj(p).approach = 'side';
      e.note(p, `${why}: grasp it from the side`);
      const pl = placeAfter(e.steps, p);
      if (pl !== null && (e.steps[pl] as Extract<Step, { op: 'place' }>).heading !== null && e.has(pl).heading !== null) {
        e.adj(pl).heading = null;
        e.note(pl, 'do not turn the object in the hand on the way');
      }
    },
  };
}

function retryLow(s: Scope, p: number, problem: string): Remedy | null {
  const pick = s.e.steps[p]!;
  const a = s.e.has(p);
  if (a.retry && (a.liftHeight ?? Infinity) <= LOW_LIFT) return null;
  const lift = Math.min(LOW_LIFT, (pick.op === 'pick' ? pick.liftHeight : undefined) ?? LOW_LIFT);
  return {
    family: 'retry-low',
    step: p,
    value: String(lift),
    problem,
    measure: null,
    apply: (e) => {
      const adj = e.adj(p);
      adj.retry = true;
      adj.liftHeight = lift;
      e.note(p, `grasp slipped: lift only ${lift * 100} cm and retry a failed grasp once`);
      const pl = placeAfter(e.steps, p);
      if (pl !== null && (e.steps[pl] as Extract<Step, { op: 'place' }>).heading !== null && e.has(pl).heading !== null) {
        e.adj(pl).heading = null;
        e.note(pl, 'do not turn the object in the hand on the way (turning is where it slipped)');
      }
    },
  };
}

/** The pick's lift height as written (adjusted, else planned, else the API default 10 cm). */
function liftOf(e: Editor, p: number): number {
  const step = e.steps[p]!;
  return e.has(p).liftHeight ?? (step.op === 'pick' ? step.liftHeight : undefined) ?? 0.1;
}

function raiseLift(s: Scope, p: number, short: number, problem: string): Remedy | null {
  const now = liftOf(s.e, p);
  const next = round(Math.min(MAX_LIFT, now + short + LIFT_MARGIN));
  if (next <= now + 1e-6) return null;
  return {
    family: 'lift',
    step: p,
    value: String(next),
    problem,
    measure: short,
    apply: (e) => {
      e.adj(p).liftHeight = next;
      e.note(
        p,
        `it rose ${(short * 100).toFixed(1)} cm too little: lift ${(next * 100).toFixed(1)} cm instead of ${(now * 100).toFixed(1)} cm`,
      );
    },
  };
}

function turnGrasp(s: Scope, p: number, problem: string, why = 'nothing grasped'): Remedy | null {
  const pick = s.e.steps[p] as Extract<Step, { op: 'pick' }>;
  const obj = s.ctx.objects.find((o) => o.id === pick.id);
  if (!obj) return null;
  const [sx, sy] = obj.size;
  if (obj.shape === 'box' && Math.abs(sx - sy) > 0.002) {
    // pick() closes across the narrow side whatever the gripper's heading: close across
    // the long side with moves of the gripper, when it fits between the fingers.
    if (s.e.has(p).graspYaw !== undefined || Math.max(sx, sy) > 0.072) return null;
    const yaw = round(wrapAngle(sx < sy ? obj.yaw + Math.PI / 2 : obj.yaw));
    return {
      family: 'turn-grasp',
      step: p,
      value: `long:${yaw}`,
      problem,
      measure: null,
      apply: (e) => {
        e.adj(p).graspYaw = yaw;
        e.note(p, `${why}: grasp it across its long side instead (fingers closing along ${yaw.toFixed(2)} rad), with moves of the gripper`);
      },
    };
  }
  if (s.e.has(p).preTurn !== undefined) return null;
  // The other of the two grasp headings of a box (its faces are a quarter turn apart).
  const turn = round(wrapAngle((pick.heading ?? obj.yaw) + Math.PI / 2));
  return {
    family: 'turn-grasp',
    step: p,
    value: String(turn),
    problem,
    measure: null,
    apply: (e) => {
      const adj = e.adj(p);
      adj.preTurn = turn;
      adj.retry = true;
      e.note(p, `${why}: turn the gripper to ${turn.toFixed(2)} rad first so it grasps across the other faces, and retry once`);
    },
  };
}

/** Where the object of place step i was meant to end, relative to the diagnosis' target point. */
function intendedOffset(step: Extract<Step, { op: 'place' }>, off: PlaceOffset, plan: RulePlan): Vec2 | null {
  const t = step.target;
  const target = off.target;
  switch (t.kind) {
    case 'object':
      return t.id === target ? (t.offset ?? [0, 0]) : null;
    case 'relative':
      return t.id === target ? t.delta : null;
    case 'xy':
      // A zone (its centre) or a point: the offset was measured from off.point.
      return off.point ? roundVec([t.xy[0] - off.point[0], t.xy[1] - off.point[1]]) : null;
    case 'between': {
      if (!t.ids.includes(target)) return null;
      const other = t.ids[0] === target ? t.ids[1] : t.ids[0];
      // Planned: the two bases are side by side; the bridge sits half-way.
      const pa = plan.plan.steps.find((s) => s.op === 'place' && s.id === other && s.target.kind === 'relative');
      if (pa && pa.op === 'place' && pa.target.kind === 'relative') {
        const d = pa.target.delta;
        return target === pa.target.id ? [d[0] / 2, d[1] / 2] : [-d[0] / 2, -d[1] / 2];
      }
      return null;
    }
  }
}

/** Aim place step i against a measured miss (object − where it should be), at most MAX_CORRECTION per repair. */
function aim(s: Scope, i: number, miss: Vec2, what: string, problem: string): Remedy | null {
  const size = Math.hypot(miss[0], miss[1]);
  if (size <= 0.002) return null;
  const k = size > MAX_CORRECTION ? MAX_CORRECTION / size : 1;
  const old = s.e.has(i).offset ?? [0, 0];
  const offset = roundVec([old[0] - miss[0] * k, old[1] - miss[1] * k]);
  if (dist2(offset, old) < 0.001) return null;
  return {
    family: 'aim',
    step: i,
    value: offset.join(','),
    problem,
    measure: size,
    apply: (e) => {
      const step = e.steps[i] as Extract<Step, { op: 'place' }>;
      const adj = e.adj(i);
      adj.offset = offset;
      e.note(
        i,
        `${what} off by dx ${(miss[0] * 100).toFixed(1)} cm, dy ${(miss[1] * 100).toFixed(1)} cm: place with offset [${offset.join(', ')}]`,
      );
      if (step.target.kind === 'xy') {
        const aimed: Vec2 = [step.target.xy[0] + offset[0], step.target.xy[1] + offset[1]];
        if (dist2(aimed, clampTo(aimed)) > 1e-6) adj.clamp = true;
      }
    },
  };
}

function releaseLow(s: Scope, i: number, problem: string, why: string): Remedy | null {
  const a = s.e.has(i);
  if (s.e.steps[i]!.op !== 'place' || (a.releaseHeight !== undefined && a.releaseHeight <= 0.002 && a.heading === null)) return null;
  return {
    family: 'release-low',
    step: i,
    value: 'low',
    problem,
    measure: null,
    apply: (e) => {
      const adj = e.adj(i);
      adj.releaseHeight = 0.002;
      adj.settle = 0.3;
      if ((e.steps[i] as Extract<Step, { op: 'place' }>).heading !== null) adj.heading = null;
      e.note(i, `${why}: lower it to 2 mm above the support before letting go, do not turn it, and let it settle`);
    },
  };
}

function turnObject(s: Scope, i: number, problem: string, why: string): Remedy | null {
  const a = s.e.has(i);
  if (s.e.steps[i]!.op !== 'place' || a.turn !== undefined) return null;
  return {
    family: 'turn-object',
    step: i,
    value: 'quarter',
    problem,
    measure: null,
    apply: (e) => {
      e.adj(i).turn = round(Math.PI / 2);
      e.note(i, `${why}: set it down turned a quarter turn (another side toward the support's edge)`);
    },
  };
}

function carryHigh(s: Scope, i: number, victim: string, problem: string): Remedy | null {
  const p = pickFor(s.e.steps, i);
  if (p === null || liftOf(s.e, p) >= HIGH_LIFT) return null;
  return {
    family: 'carry-high',
    step: p,
    value: String(HIGH_LIFT),
    problem,
    measure: null,
    apply: (e) => {
      e.adj(p).liftHeight = HIGH_LIFT;
      e.note(p, `${victim} was knocked: lift ${HIGH_LIFT * 100} cm before carrying`);
      const pl = placeAfter(e.steps, p);
      if (pl !== null && e.has(pl).releaseHeight === undefined) {
        e.adj(pl).releaseHeight = 0.01;
        e.note(pl, 'come down to 1 cm above the support before letting go');
      }
    },
  };
}

function pushLow(s: Scope, i: number, problem: string, height: number, why: string): Remedy | null {
  if (s.e.steps[i]!.op !== 'push' || s.e.has(i).pushHeight !== undefined) return null;
  return {
    family: 'push-height',
    step: i,
    value: String(height),
    problem,
    measure: null,
    apply: (e) => {
      e.adj(i).pushHeight = height;
      e.note(i, `${why}: push ${(height * 100).toFixed(1)} cm above the table`);
    },
  };
}

/**
 * Let go higher above the support: the held object hit it on the way down, so the
 * support is taller than stated (no measure of how much: `step` at a time, up to 12 cm).
 */
function releaseHigher(s: Scope, i: number, problem: string, step = 0.02): Remedy | null {
  if (s.e.steps[i]!.op !== 'place') return null;
  const now = s.e.has(i).releaseHeight ?? 0.005;
  const next = round(now + step);
  if (next > 0.12) return null;
  return {
    family: 'release-high',
    step: i,
    value: String(next),
    problem,
    measure: null,
    apply: (e) => {
      e.adj(i).releaseHeight = next;
      e.note(
        i,
        `the held object hit its support while being set down (it may be taller than stated): let go ${(next * 100).toFixed(1)} cm above it`,
      );
    },
  };
}

function clearFirst(s: Scope, carrier: string, rider: string, problem: string): Remedy | null {
  const now = s.e.state.amend.clearFirst[carrier] ?? [];
  if (now.includes(rider) || !s.ctx.objects.some((o) => o.id === rider)) return null;
  const p = s.e.steps.findIndex((x) => x.id === carrier);
  return {
    family: 'clear',
    step: p >= 0 ? p : null,
    value: `${carrier}>${rider}`,
    problem,
    measure: null,
    apply: (e) => {
      e.state.amend.clearFirst[carrier] = [...now, rider];
      e.notes.push(`${rider} rested on ${carrier} and moved with it: take ${rider} off and put it on the table before moving ${carrier}`);
    },
  };
}

/**
 * The container's usable inside as the failed placement measured it, when that is
 * smaller than the stated size gives: the slots are laid out again inside it.
 */
function measuredInterior(s: Scope, i: number, f: Extract<Finding, { kind: 'outside-interior' }>, problem: string): Remedy | null {
  const c = s.ctx.objects.find((o) => o.id === f.container);
  const stated = c ? defaultInnerSize(c.shape, c.size) : null;
  if (!c || !stated) return null;
  let interior: { half?: Vec2; radius?: number };
  let text: string;
  if (c.shape === 'tray' && f.innerHalf) {
    const half = roundVec(f.innerHalf);
    if (half[0] > stated[0] / 2 - 0.003 && half[1] > stated[1] / 2 - 0.003) return null;
    interior = { half };
    text = `${(half[0] * 200).toFixed(1)} × ${(half[1] * 200).toFixed(1)} cm inside, not ${(stated[0] * 100).toFixed(1)} × ${(stated[1] * 100).toFixed(1)} cm`;
  } else if (c.shape === 'bowl' && f.innerRadius !== null) {
    const radius = round(f.innerRadius);
    if (radius > stated[0] / 2 - 0.003) return null;
    interior = { radius };
    text = `${(radius * 200).toFixed(1)} cm across inside, not ${(stated[0] * 100).toFixed(1)} cm`;
  } else return null;
  const now = s.e.state.amend.interior[f.container];
  if (now && JSON.stringify(now) === JSON.stringify(interior)) return null;
  return {
    family: 'interior',
    step: i,
    value: `${f.container}:${JSON.stringify(interior)}`,
    problem,
    measure: f.outside,
    apply: (e) => {
      e.state.amend.interior[f.container] = interior;
      e.notes.push(
        `step ${i + 1} (${e.steps[i]!.description}): ${f.object} ended ${(f.outside * 100).toFixed(1)} cm beyond the inner wall of ${f.container}, which measures ${text}: lay the slots out inside that`,
      );
    },
  };
}

function pushAim(s: Scope, i: number, off: PlaceOffset, problem: string): Remedy | null {
  const step = s.e.steps[i] as Extract<Step, { op: 'push' }>;
  if (off.object !== step.id) return null;
  const a = s.e.has(i);
  // The object stopped off the goal by (dx, dy) relative to the target point of the predicate.
  const goalRef: Vec2 = off.point ?? step.goal;
  const end: Vec2 = [goalRef[0] + off.dx, goalRef[1] + off.dy];
  const measured: Vec2 = [end[0] - step.goal[0], end[1] - step.goal[1]];
  const size = Math.hypot(measured[0], measured[1]);
  if (size <= 0.002) return null;
  // A push may miss by more than a placement, but not by everything: at most MAX_PUSH_CORRECTION a repair.
  const k = size > MAX_PUSH_CORRECTION ? MAX_PUSH_CORRECTION / size : 1;
  const miss: Vec2 = [measured[0] * k, measured[1] * k];
  const along = miss[0] * step.direction[0] + miss[1] * step.direction[1];
  const start: Vec2 = [step.goal[0] - step.direction[0] * step.distance, step.goal[1] - step.direction[1] * step.distance];
  // Aim the push past the goal by the shortfall, and turn it toward the goal by the sideways miss.
  const target: Vec2 = [step.goal[0] - miss[0], step.goal[1] - miss[1]];
  const v: Vec2 = [target[0] - start[0], target[1] - start[1]];
  const n = Math.hypot(v[0], v[1]) || 1;
  const direction = roundVec([v[0] / n, v[1] / n]);
  const extra = round((a.pushExtra ?? 0) - along);
  return {
    family: 'push-aim',
    step: i,
    value: `${direction.join(',')}:${extra}`,
    problem,
    measure: size,
    apply: (e) => {
      const adj = e.adj(i);
      adj.direction = direction;
      adj.pushExtra = extra;
      e.note(
        i,
        `push ended ${(size * 100).toFixed(1)} cm from the goal: push ${(Math.abs(extra) * 100).toFixed(1)} cm ${extra >= 0 ? 'more' : 'less'} than planned, toward [${direction.join(', ')}]`,
      );
    },
  };
}

/**
 * A placement into a container was knocked out of the grasp while it went down, and the
 * container already held something this plan put there: what is inside is not where its
 * slot said (the walls pushed it in), so pack the contents side by side at the centre.
 */
function pack(s: Scope, i: number, problem: string): Remedy | null {
  const step = s.e.steps[i] as Extract<Step, { op: 'place' }>;
  const t = step.target;
  if (t.kind !== 'object' || !t.offset || Math.hypot(t.offset[0], t.offset[1]) < 0.003) return null;
  const c = t.id;
  const before = s.e.steps.slice(0, i).filter((x) => x.op === 'place' && x.target.kind === 'object' && x.target.id === c);
  if (before.length === 0 || s.e.state.amend.pack.includes(c)) return null;
  return {
    family: 'pack',
    step: i,
    value: c,
    problem,
    measure: null,
    apply: (e) => {
      e.state.amend.pack.push(c);
      e.note(
        i,
        `${step.id} was knocked out of the fingers going down into ${c} beside ${before.map((x) => x.id).join(', ')}, though the slots left room: the inside must be smaller than stated, so pack them side by side at its centre`,
      );
    },
  };
}

function isContainer(s: Scope, id: string): boolean {
  const shape = s.ctx.objects.find((o) => o.id === id)?.shape;
  return shape === 'bowl' || shape === 'tray';
}

/** The phrase whose current candidate is `id` moves to its next candidate. */
function nextReadingOf(s: Scope, id: string, problem: string): Remedy | null {
  for (const [phrase, candidates] of Object.entries(s.plan.reading.candidates)) {
    const choice = s.e.state.choices[phrase] ?? 0;
    if (candidates[choice] !== id) continue;
    const next = choice + 1;
    if (next >= candidates.length) return null;
    return readingRemedy(
      phrase,
      next,
      problem,
      `'${phrase}' read as ${candidates[next]} instead of ${id} (candidates: ${candidates.join(', ')})`,
    );
  }
  return null;
}

/** A remedy that moves `phrase` to its candidate number `next`, with the note it leaves. */
function readingRemedy(phrase: string, next: number, problem: string, note: string): Remedy {
  return {
    family: 'reading',
    step: null,
    value: `${phrase}=${next}`,
    problem,
    measure: null,
    apply: (e) => {
      e.state.choices[phrase] = next;
      e.notes.push(note);
    },
  };
}

function clampTargets(s: Scope, i: number): Remedy | null {
  const step = s.e.steps[i]!;
  if (step.op === 'place' && !s.e.has(i).clamp) {
    return {
      family: 'clamp',
      step: i,
      value: 'clamp',
      problem: 'reach',
      measure: null,
      apply: (e) => {
        e.adj(i).clamp = true;
        e.note(i, 'target out of reach: clamp it to x ∈ [-0.4, 0.4], y ∈ [-0.3, 0.3]');
      },
    };
  }
  if (step.op === 'push') {
    const a = s.e.has(i);
    const extra = round((a.pushExtra ?? 0) - 0.03);
    if (extra > -step.distance / 2) {
      return {
        family: 'push-short',
        step: i,
        value: String(extra),
        problem: 'reach',
        measure: null,
        apply: (e) => {
          e.adj(i).pushExtra = extra;
          e.note(i, 'push end out of reach: push 3 cm less');
        },
      };
    }
  }
  return null;
}

function noSettle(s: Scope): Remedy | null {
  const waits = Object.entries(s.e.state.adjust).filter(([, a]) => a.settle);
  if (waits.length === 0) return null;
  return {
    family: 'no-settle',
    step: null,
    value: waits.map(([k]) => k).join(','),
    problem: 'timeout',
    measure: null,
    apply: (e) => {
      for (const [k, a] of Object.entries(e.state.adjust)) {
        if (a.settle) {
          delete a.settle;
          e.notes.push(`${k}: no settling wait (time ran out)`);
        }
      }
    },
  };
}

/**
 * The miss of place step i when the diagnosis measured none (the object toppled): where
 * it landed is where the gripper held it at the previous checkpoint plus its
 * displacement since; where it should be comes from the scene facts, when the target
 * has not been moved by an earlier step.
 */
function estimateMiss(s: Scope, i: number): Vec2 | null {
  const step = s.e.steps[i] as Extract<Step, { op: 'place' }>;
  const diff = s.d.sceneDiff;
  const change = diff?.changes.find((c) => c.id === step.id);
  if (!diff || !change || diff.gripper.holdingBefore !== step.id) return null;
  const landed: Vec2 = [diff.gripper.from[0] + change.delta[0], diff.gripper.from[1] + change.delta[1]];
  const movedEarlier = (id: string): boolean => s.e.steps.slice(0, i).some((x) => x.id === id && x.op !== 'pick');
  const t = step.target;
  let want: Vec2 | null = null;
  if (t.kind === 'xy') want = t.xy;
  else if ((t.kind === 'object' || t.kind === 'relative') && !movedEarlier(t.id)) {
    const o = s.ctx.objects.find((x) => x.id === t.id);
    const rel = t.kind === 'object' ? (t.offset ?? [0, 0]) : t.delta;
    if (o) want = [o.position[0] + rel[0], o.position[1] + rel[1]];
  }
  if (!want) return null;
  return [landed[0] - want[0], landed[1] - want[1]];
}

// ------------------------------------------------------------------ ladders

type Ladder = (Remedy | null)[];

/** The remedies for one finding, in the order they should be tried. */
function ladder(s: Scope, f: Finding): Ladder {
  const { e, i } = s;
  const step = e.steps[i]!;
  switch (f.kind) {
    case 'lift-short': {
      const p = pickFor(e.steps, i, f.object);
      if (p === null) return [];
      const problem = `lift-short:${f.object}`;
      // Higher while the lift helps; a grasp that loses height as it rises is slipping.
      return [
        raiseLift(s, p, f.needed - f.bottom, problem),
        sideGrasp(s, p, problem, 'it sank in the grasp as it rose'),
        pushInstead(s, p, f.object, problem, 'would not rise with the gripper'),
      ];
    }
    case 'slip': {
      const p = pickFor(e.steps, i, f.object || step.id);
      if (p === null) return [];
      const id = e.steps[p]!.id;
      const problem = `slip:${id}`;
      const notRisen = f.rose !== null && f.rose < 0.003;
      const push = pushInstead(s, p, id, problem, notRisen ? 'did not rise while the gripper rose' : 'slipped from every grasp tried');
      // Not risen at all while the fingers rose: it is held down (too heavy, fixed), not slippery.
      if (notRisen) return [push, sideGrasp(s, p, problem, 'it did not rise with the fingers')];
      return [sideGrasp(s, p, problem, `${id} slipped from the fingers`), push, retryLow(s, p, problem)];
    }
    case 'grasp-miss': {
      const p = pickFor(e.steps, i, f.object ?? step.id);
      if (p === null) return [];
      const id = e.steps[p]!.id;
      const problem = `grasp:${id}`;
      if (f.cause === 'wrong-object')
        return [nextReadingOf(s, id, problem), turnGrasp(s, p, problem), sideGrasp(s, p, problem, 'the fingers took a neighbour')];
      if (f.cause === 'too-wide')
        return [pushInstead(s, p, id, problem, 'is too wide for the gripper'), sideGrasp(s, p, problem, 'too wide from above')];
      return [turnGrasp(s, p, problem), sideGrasp(s, p, problem, 'nothing grasped again')];
    }
    case 'miss': {
      const off = f.offset;
      const problem = `miss:${off.object}`;
      if (step.op === 'push') return [pushAim(s, i, off, problem)];
      if (step.op !== 'place') return [carryHigh(s, i, off.object, problem)];
      // An object no step moves: only the task check names it; nothing here to correct.
      if (!e.steps.some((x) => x.id === off.object)) return [];
      // The miss is measured at the end (the task check) or at a later step: the place that
      // set this object down is the last one of it at or before the failing step.
      let k = i;
      while (k >= 0 && !(e.steps[k]!.op === 'place' && e.steps[k]!.id === off.object)) k--;
      if (k < 0) return [];
      const placed = e.steps[k]!;
      if (placed.op !== 'place') return [];
      const intended = intendedOffset(placed, off, s.plan);
      const out: Ladder = [];
      if (intended) {
        let miss: Vec2 = [off.dx - intended[0], off.dy - intended[1]];
        // Hanging past the edge of its support: aim in by at least that much (the aimed-for
        // spot itself may be past the true edge).
        const edge = s.found.find((x) => x.kind === 'off-edge' && x.object === off.object);
        if (edge && edge.kind === 'off-edge') {
          const n = Math.hypot(edge.dx, edge.dy);
          const scale = n > 1e-6 ? (edge.outside + 0.012) / n : 0;
          const inward: Vec2 = [edge.dx * scale, edge.dy * scale];
          if (Math.hypot(inward[0], inward[1]) > Math.hypot(miss[0], miss[1])) miss = inward;
        }
        out.push(aim(s, k, miss, 'landed', problem));
      }
      out.push(releaseLow(s, k, problem, 'it moved after it was let go'));
      return out;
    }
    case 'outside-interior': {
      if (step.op !== 'place' || step.id !== f.object) return [];
      const problem = `outside:${f.object}:${f.container}`;
      const slot = step.target.kind === 'object' && step.target.id === f.container ? (step.target.offset ?? [0, 0]) : null;
      // Aimed off-centre (one of several slots): the slots must keep further in. Aimed at
      // the centre: the miss correction (the `miss` finding) moves it back.
      if (slot && Math.hypot(slot[0], slot[1]) > 0.003) return [measuredInterior(s, i, f, problem)];
      return [];
    }
    case 'off-edge': {
      // Its centre ended past the edge of the support's top (the support is smaller than
      // stated, or it slid off): aim further in, toward the support's centre, by that much.
      if (step.op !== 'place' || step.id !== f.object) return [];
      const n = Math.hypot(f.dx, f.dy);
      if (n < 1e-6) return [];
      const k = (f.outside + 0.012) / n;
      return [
        aim(
          s,
          i,
          [f.dx * k, f.dy * k],
          `it hung ${(f.outside * 100).toFixed(1)} cm past the edge of ${f.support}: aim further in,`,
          `edge:${f.object}`,
        ),
      ];
    }
    case 'toppled': {
      const problem = `toppled:${f.object}`;
      if (f.placed && step.op === 'place' && step.id === f.object) {
        const miss = estimateMiss(s, i);
        return [
          miss && Math.hypot(miss[0], miss[1]) > 0.008 ? aim(s, i, miss, 'toppled: it landed', problem) : null,
          releaseLow(s, i, problem, `${f.object} toppled when set down`),
          turnObject(s, i, problem, `${f.object} toppled again when set down low`),
        ];
      }
      if (step.op === 'push') return [pushLow(s, i, problem, 0.01, `${f.object} tipped over`)];
      return [carryHigh(s, i, f.object, problem)];
    }
    case 'disturbed': {
      const problem = `disturbed:${f.object}`;
      if (f.rider && f.carrier) return [clearFirst(s, f.carrier, f.object, problem)];
      // The step whose call moved it (else the failing one).
      const k = (f.line !== null ? stepAtLine(s.program, f.line, e.steps.length) : null) ?? i;
      const mover = e.steps[k]!;
      if (f.by === 'pick' && mover.op === 'pick') {
        // The fingers came down on a neighbour: close across the other pair of faces, else from the side.
        return [turnGrasp(s, k, problem, `the fingers knocked ${f.object}`), sideGrasp(s, k, problem, `the fingers knocked ${f.object}`)];
      }
      if (mover.op === 'push') return [pushLow(s, k, problem, 0.01, `${f.object} was knocked`)];
      // Setting an object down on a support knocked the support itself: it is taller than stated.
      if (mover.op === 'place' && mover.target.kind === 'object' && mover.target.id === f.object) {
        // A container nudged by what was put into it is no failure of the placement.
        if (isContainer(s, f.object) && !f.toppled) return [];
        return [releaseHigher(s, k, problem, 0.04), carryHigh(s, k, f.object, problem)];
      }
      return [
        carryHigh(s, k, f.object, problem),
        mover.op === 'place' ? releaseLow(s, k, problem, `${f.object} was knocked while setting down`) : null,
      ];
    }
    case 'collision': {
      const problem = `collision:${step.id}`;
      if (step.op === 'push') return [pushLow(s, i, problem, 0.015, 'collision while pushing')];
      if (step.op === 'pick') {
        const p = i;
        return [turnGrasp(s, p, problem), sideGrasp(s, p, problem, 'the fingers collided reaching for it')];
      }
      if (step.op === 'place' && f.cause === 'held-into-table') return [releaseHigher(s, i, problem), carryHigh(s, i, step.id, problem)];
      if (step.op === 'place' && f.cause === 'knocked-away') {
        const onObject = step.target.kind === 'object' && !isContainer(s, step.target.id);
        return [pack(s, i, problem), onObject ? releaseHigher(s, i, problem, 0.04) : null, carryHigh(s, i, step.id, problem)];
      }
      return [carryHigh(s, i, step.id, problem)];
    }
    case 'reach':
      return [clampTargets(s, i)];
    case 'timeout':
      return [noSettle(s)];
  }
}

/** Findings for a diagnosis that carries none of the measures (a hand-made or bare one): from its kind alone. */
function fromKind(s: Scope): Finding[] {
  const { d, e, i } = s;
  const id = e.steps[i]!.id;
  const victim = d.failures?.[0]?.objects?.[0];
  switch (d.kind) {
    case 'slipped-grasp':
      return [{ kind: 'slip', object: id, phase: 'unknown', rose: null }];
    case 'nothing-grasped':
      return [{ kind: 'grasp-miss', object: id, cause: 'nothing-grasped' }];
    case 'knocked-over':
      return [{ kind: 'toppled', object: victim ?? id, placed: (victim ?? id) === id }];
    case 'wrong-object-moved':
      return [{ kind: 'disturbed', object: victim ?? id, distance: 0, carrier: null, rider: false, by: null, line: null, toppled: false }];
    case 'collision':
      return [{ kind: 'collision', cause: d.error?.cause ?? null }];
    case 'reach':
      return [{ kind: 'reach' }];
    case 'timeout':
      return [{ kind: 'timeout' }];
    default:
      return [];
  }
}

// ------------------------------------------------------------------ choosing a remedy

const keyOf = (r: Remedy, keys: readonly string[]): string => `${r.family}@${r.step === null ? '*' : keys[r.step]}=${r.value}`;

/**
 * A family is spent at a step for a problem when it was applied there for that problem
 * and the problem came back no smaller (by IMPROVED), or unmeasured.
 */
function spent(tried: readonly TriedRemedy[], r: Remedy, stepKey: string | null): boolean {
  const last = [...tried].reverse().find((t) => t.family === r.family && t.step === stepKey && t.problem === r.problem);
  if (!last) return false;
  if (last.measure === null || r.measure === null) return true;
  return r.measure > last.measure - IMPROVED;
}

export interface RepairOptions {
  /** Writes the program of a state (re-plans with its choices and amendments); null when it cannot be planned. */
  write: (state: ProgramState) => string | null;
  /** Hash of a program's code (program-text.ts programHash). */
  hash: (program: string) => string;
}

/**
 * Choose and apply one remedy for the failure the input describes: the first, over the
 * findings in order and each finding's ladder in order, that was never applied, whose
 * family is not spent at its step, and whose program this episode has not already run.
 */
export function repairState(
  state: ProgramState,
  plan: RulePlan,
  input: RepairInput,
  ctx: ProgramContext,
  opts: RepairOptions,
): RepairResult {
  const d: DiagnosisView | null = input.diagnosis;
  const unchanged = (error: string): RepairResult => ({ changed: false, state, notes: [], error });
  if (!d) return unchanged('no repair rule: there is no diagnosis to go on');
  if (d.kind === 'syntax' || d.kind === 'program-error') return unchanged(`no repair rule for ${d.kind}`);
  const steps = plan.plan.steps;
  const located = failingStep(d, input.program, steps);
  const anywhere = d.kind === 'timeout' || d.kind === 'unknown';
  if (located === null && !anywhere) return unchanged(`no repair rule for ${d.kind}: the failure is not in any step of the program`);
  const i = located ?? 0;
  const keys = stepKeys(steps);
  const ran = new Set([...state.programs, opts.hash(input.program)]);

  const probe = new Editor(structuredClone(state), steps);
  const scope: Scope = { e: probe, plan, ctx, d, i, program: input.program, found: [] };
  const measured = findings(d, input.verdicts, {
    stepObject: steps[i]?.id ?? null,
    objectAtLine: (line) => {
      const k = line === null ? null : stepAtLine(input.program, line, steps.length);
      return k === null ? null : steps[k]!.id;
    },
    objects: ctx.objects,
  });
  const found = measured.length > 0 ? measured : fromKind(scope);
  scope.found = found;
  const candidates: Remedy[] = [];
  for (const f of found) for (const r of ladder(scope, f)) if (r) candidates.push(r);
  // Nothing measured (every checkpoint passed, only the task check failed): no change. Taking
  // another reading of an ambiguous phrase here would be trying candidates against the
  // success predicate until one passes; readings change only on measured evidence (a grasp
  // that closed on a different object than the step named).

  const tried = new Set(state.tried.map((t) => t.key));
  let skipped = 0;
  for (const r of candidates) {
    const key = keyOf(r, keys);
    const stepKey = r.step === null ? null : (keys[r.step] ?? null);
    if (tried.has(key) || spent(state.tried, r, stepKey)) {
      skipped++;
      continue;
    }
    const next = structuredClone(state);
    const editor = new Editor(next, steps);
    r.apply(editor);
    const program = opts.write(next);
    if (program === null || ran.has(opts.hash(program))) {
      skipped++;
      continue;
    }
    next.repairs = state.repairs + 1;
    next.tried = [...state.tried, { key, family: r.family, step: stepKey, problem: r.problem, measure: r.measure, attempt: input.attempt }];
    next.programs = [...ran];
    const why = measured.length > 0 ? [`measured: ${measured.map(describeFinding).join('; ')}`] : [];
    return { changed: true, state: next, notes: [...editor.notes, ...why] };
  }
  const where = located !== null ? ` at step ${i + 1} (${steps[i]!.description})` : '';
  const what = measured.length > 0 ? measured.map(describeFinding).join('; ') : d.kind;
  const problems = new Set(candidates.map((r) => r.problem));
  const triedHere = state.tried.some((t) => problems.has(t.problem) || (located !== null && t.step === keys[i]));
  return unchanged(
    skipped > 0 || triedHere
      ? `no repair left to try for ${what}${where}: every remedy was tried before or would write a program already run`
      : `no repair rule for ${what}${where}`,
  );
}
