// Repair rules of the rule programmer, keyed on the diagnosis kind of monitor/diagnosis.ts.
// A rule changes the programmer state (per-step adjustments, choices of ambiguous
// references) and the program is written again from the instruction, so the structure
// stays one subgoal per step. Rules escalate: a second failure of the same kind at the
// same step tries the next remedy; when none is left the repair says so.

import type { Diagnosis, DiagnosisKind, PlaceOffset } from '../../../monitor/index.ts';
import type { Vec2 } from '../../../sim/index.ts';
import type { ProgramContext, RepairInput } from '../programmer.ts';
import { wrapAngle } from '../../../sim/index.ts';
import { clampTo, dist2, round, roundVec } from './geometry.ts';
import type { Step } from './planner.ts';
import type { ProgramState, StepAdjust } from './program-text.ts';
import type { RulePlan } from './plan.ts';

export interface RepairResult {
  changed: boolean;
  state: ProgramState;
  notes: string[];
  error?: string;
}

/** The diagnosis fields the rules read (tests build just these). */
type DiagnosisView = Pick<Diagnosis, 'kind'> &
  Partial<Pick<Diagnosis, 'subgoal' | 'offset' | 'failures' | 'error' | 'predicate' | 'sceneDiff'>>;

/** Largest correction one repair applies to a placement (m): a bigger miss is not an aiming error. */
const MAX_CORRECTION = 0.04;
const LOW_LIFT = 0.06;
const HIGH_LIFT = 0.15;

/** Index of the step whose subgoal failed: from the diagnosis, else from the error's line. */
function failingStep(d: DiagnosisView, program: string, steps: readonly Step[]): number | null {
  const idx = d.subgoal?.index;
  if (typeof idx === 'number' && idx >= 0 && idx < steps.length) return idx;
  const line = d.error?.line;
  if (typeof line === 'number') {
    const lines = program.split('\n').slice(0, line);
    const n = lines.filter((l) => l.startsWith('subgoal(')).length;
    if (n > 0 && n <= steps.length) return n - 1;
  }
  return null;
}

/** The pick that holds the object of step i (i itself when it is a pick). */
function pickFor(steps: readonly Step[], i: number): number | null {
  const id = steps[i]!.id;
  for (let k = i; k >= 0; k--) {
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

class Editor {
  readonly notes: string[] = [];
  readonly state: ProgramState;
  readonly steps: readonly Step[];
  constructor(state: ProgramState, steps: readonly Step[]) {
    this.state = state;
    this.steps = steps;
  }
  adj(i: number): StepAdjust {
    return (this.state.adjust[String(i)] ??= {});
  }
  has(i: number): StepAdjust {
    return this.state.adjust[String(i)] ?? {};
  }
  note(i: number, text: string): void {
    this.notes.push(`step ${i + 1} (${this.steps[i]!.description}): ${text}`);
  }
}

/** A grasp that slipped: lift lower and retry in the program, no turning in the hand; then from the side. */
function slipped(e: Editor, i: number, ctx: ProgramContext): boolean {
  const p = pickFor(e.steps, i);
  if (p === null) return false;
  const pick = e.steps[p]!;
  const a = e.has(p);
  if (!a.retry) {
    const adj = e.adj(p);
    adj.retry = true;
    adj.liftHeight = Math.min(LOW_LIFT, (pick.op === 'pick' ? pick.liftHeight : undefined) ?? LOW_LIFT);
    e.note(p, `grasp slipped: lift only ${adj.liftHeight * 100} cm and retry a failed grasp once`);
    const pl = placeAfter(e.steps, p);
    if (pl !== null && (e.steps[pl] as Extract<Step, { op: 'place' }>).heading !== null && e.has(pl).heading !== null) {
      e.adj(pl).heading = null;
      e.note(pl, 'do not turn the object in the hand on the way (turning is where it slipped)');
    }
    return true;
  }
  const shape = ctx.objects.find((o) => o.id === pick.id)?.shape;
  if (a.approach !== 'side' && shape !== 'sphere') {
    e.adj(p).approach = 'side';
    e.note(p, 'grasp slipped again: grasp it from the side');
    return true;
  }
  return false;
}

/** Nothing between the fingers: retry with the other grasp heading; then from the side. */
function missedGrasp(e: Editor, i: number, ctx: ProgramContext): boolean {
  const p = pickFor(e.steps, i);
  if (p === null) return false;
  const pick = e.steps[p] as Extract<Step, { op: 'pick' }>;
  const a = e.has(p);
  const obj = ctx.objects.find((o) => o.id === pick.id);
  if (a.preTurn === undefined && obj) {
    const adj = e.adj(p);
    // The other of the two grasp headings of a box (its faces are a quarter turn apart).
    const base = pick.heading ?? obj.yaw;
    adj.preTurn = round(wrapAngle(base + Math.PI / 2));
    adj.retry = true;
    e.note(
      p,
      `nothing grasped: turn the gripper to ${adj.preTurn.toFixed(2)} rad first so it grasps across the other faces, and retry once`,
    );
    return true;
  }
  if (a.approach !== 'side' && obj?.shape !== 'sphere') {
    e.adj(p).approach = 'side';
    e.note(p, 'nothing grasped again: grasp it from the side');
    return true;
  }
  return false;
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
function applyCorrection(e: Editor, i: number, miss: Vec2, what: string): void {
  const step = e.steps[i] as Extract<Step, { op: 'place' }>;
  let [mx, my] = miss;
  const size = Math.hypot(mx, my);
  if (size > MAX_CORRECTION) {
    mx *= MAX_CORRECTION / size;
    my *= MAX_CORRECTION / size;
  }
  const adj = e.adj(i);
  const old = adj.offset ?? [0, 0];
  adj.offset = roundVec([old[0] - mx, old[1] - my]);
  e.note(
    i,
    `${what} off by dx ${(miss[0] * 100).toFixed(1)} cm, dy ${(miss[1] * 100).toFixed(1)} cm: place with offset [${adj.offset.join(', ')}]`,
  );
  if (step.target.kind === 'xy') {
    const aimed: Vec2 = [step.target.xy[0] + adj.offset[0], step.target.xy[1] + adj.offset[1]];
    if (dist2(aimed, clampTo(aimed)) > 1e-6) adj.clamp = true;
  }
}

/**
 * The miss of place step i when the diagnosis measured none (the object toppled): where
 * it landed is where the gripper held it at the previous checkpoint plus its
 * displacement since; where it should be comes from the scene facts, when the target
 * has not been moved by an earlier step.
 */
function estimateMiss(e: Editor, i: number, d: DiagnosisView, ctx: ProgramContext): Vec2 | null {
  const step = e.steps[i] as Extract<Step, { op: 'place' }>;
  const diff = d.sceneDiff;
  const change = diff?.changes.find((c) => c.id === step.id);
  if (!diff || !change || diff.gripper.holdingBefore !== step.id) return null;
  const landed: Vec2 = [diff.gripper.from[0] + change.delta[0], diff.gripper.from[1] + change.delta[1]];
  const movedEarlier = (id: string): boolean => e.steps.slice(0, i).some((s) => s.id === id && s.op !== 'pick');
  const t = step.target;
  let want: Vec2 | null = null;
  if (t.kind === 'xy') want = t.xy;
  else if ((t.kind === 'object' || t.kind === 'relative') && !movedEarlier(t.id)) {
    const o = ctx.objects.find((x) => x.id === t.id);
    const rel = t.kind === 'object' ? (t.offset ?? [0, 0]) : t.delta;
    if (o) want = [o.position[0] + rel[0], o.position[1] + rel[1]];
  }
  if (!want) return null;
  return [landed[0] - want[0], landed[1] - want[1]];
}

/** A placement that missed: aim off by the measured miss; a miss with no measure: release lower and let it settle. */
function missedPlace(e: Editor, i: number, d: DiagnosisView, plan: RulePlan, ctx: ProgramContext): boolean {
  const step = e.steps[i]!;
  if (step.op === 'push') return missedPush(e, i, d);
  if (step.op !== 'place') {
    // A place predicate failing at a pick: the earlier placement was undone while grasping; lift higher.
    return knocked(e, i, d, ctx);
  }
  const off = d.offset;
  if (off && !e.steps.some((s) => s.id === off.object) && otherReading(e, d, plan)) return true;
  if (off && off.object === step.id) {
    const intended = intendedOffset(step, off, plan);
    if (intended) {
      const miss: Vec2 = [off.dx - intended[0], off.dy - intended[1]];
      if (Math.hypot(miss[0], miss[1]) > 0.002) {
        applyCorrection(e, i, miss, 'landed');
        return true;
      }
    }
  }
  // No usable measure (or already on target): let go lower and give it time to settle.
  const a = e.has(i);
  if (a.releaseHeight === undefined || a.releaseHeight > 0.002) {
    const adj = e.adj(i);
    adj.releaseHeight = 0.002;
    adj.settle = 0.3;
    e.note(i, 'placement missed with no measured offset: release it 2 mm above the support and let it settle');
    return true;
  }
  return false;
}

function missedPush(e: Editor, i: number, d: DiagnosisView): boolean {
  const step = e.steps[i] as Extract<Step, { op: 'push' }>;
  const off = d.offset;
  if (!off || off.object !== step.id) return false;
  // The object stopped off the goal by (dx, dy) relative to the target point of the predicate.
  const goalRef: Vec2 = off.point ?? step.goal;
  const end: Vec2 = [goalRef[0] + off.dx, goalRef[1] + off.dy];
  const miss: Vec2 = [end[0] - step.goal[0], end[1] - step.goal[1]];
  const along = miss[0] * step.direction[0] + miss[1] * step.direction[1];
  const adj = e.adj(i);
  const start: Vec2 = [step.goal[0] - step.direction[0] * step.distance, step.goal[1] - step.direction[1] * step.distance];
  // Aim the push past the goal by the shortfall, and turn it toward the goal by the sideways miss.
  const aim: Vec2 = [step.goal[0] - miss[0], step.goal[1] - miss[1]];
  const v: Vec2 = [aim[0] - start[0], aim[1] - start[1]];
  const n = Math.hypot(v[0], v[1]) || 1;
  adj.direction = roundVec([v[0] / n, v[1] / n]);
  adj.pushExtra = round((adj.pushExtra ?? 0) - along);
  const extra = adj.pushExtra;
  e.note(
    i,
    `push ended ${(Math.hypot(miss[0], miss[1]) * 100).toFixed(1)} cm from the goal: push ${(Math.abs(extra) * 100).toFixed(1)} cm ${extra >= 0 ? 'more' : 'less'} than planned, toward [${adj.direction.join(', ')}]`,
  );
  return true;
}

/** Something toppled: its own placement → release lower and settle; a neighbour → carry higher. */
function knocked(e: Editor, i: number, d: DiagnosisView, ctx: ProgramContext): boolean {
  const step = e.steps[i]!;
  const victim = d.failures?.[0]?.objects?.[0];
  if (step.op === 'place' && (victim === undefined || victim === step.id)) {
    // Toppled off the edge of its support: correct the aim first when the miss can be measured.
    const miss = estimateMiss(e, i, d, ctx);
    if (miss && Math.hypot(miss[0], miss[1]) > 0.008) {
      applyCorrection(e, i, miss, 'toppled: it landed');
      return true;
    }
    const a = e.has(i);
    if (a.releaseHeight === undefined || a.heading !== null) {
      const adj = e.adj(i);
      adj.releaseHeight = 0.002;
      adj.settle = 0.3;
      adj.heading = null;
      e.note(i, `${step.id} toppled when set down: lower it to 2 mm before letting go, do not turn it, and let it settle`);
      return true;
    }
  }
  const p = pickFor(e.steps, i);
  if (p !== null && (e.has(p).liftHeight ?? 0) < HIGH_LIFT) {
    e.adj(p).liftHeight = HIGH_LIFT;
    e.note(p, `${victim ?? 'an object'} was knocked over: lift ${HIGH_LIFT * 100} cm before carrying`);
    const pl = placeAfter(e.steps, p);
    if (pl !== null && e.has(pl).releaseHeight === undefined) {
      e.adj(pl).releaseHeight = 0.01;
      e.note(pl, 'come down to 1 cm above the support before letting go');
    }
    return true;
  }
  if (step.op === 'push' && e.has(i).pushHeight === undefined) {
    e.adj(i).pushHeight = 0.01;
    e.note(i, 'push lower on the object so it slides instead of tipping');
    return true;
  }
  return false;
}

/** The gripper hit the table or an object. */
function collided(e: Editor, i: number, d: DiagnosisView, ctx: ProgramContext): boolean {
  const step = e.steps[i]!;
  if (step.op === 'push') {
    const a = e.has(i);
    if (a.pushHeight === undefined) {
      e.adj(i).pushHeight = 0.015;
      e.note(i, 'collision while pushing: push 1.5 cm above the table');
      return true;
    }
    return false;
  }
  if (step.op === 'pick') return missedGrasp(e, i, ctx) || knocked(e, i, d, ctx);
  return knocked(e, i, d, ctx);
}

/** A target out of reach: keep placement points inside the workspace margin. */
function outOfReach(e: Editor, i: number): boolean {
  const step = e.steps[i]!;
  if (step.op === 'place' && !e.has(i).clamp) {
    e.adj(i).clamp = true;
    e.note(i, 'target out of reach: clamp it to x ∈ [-0.4, 0.4], y ∈ [-0.3, 0.3]');
    return true;
  }
  if (step.op === 'push') {
    const a = e.has(i);
    if ((a.pushExtra ?? 0) > -step.distance / 2) {
      e.adj(i).pushExtra = round((a.pushExtra ?? 0) - 0.03);
      e.note(i, 'push end out of reach: push 3 cm less');
      return true;
    }
  }
  return false;
}

/** The wrong object was moved: take the next candidate of the phrase that named it. */
function wrongObject(e: Editor, i: number, d: DiagnosisView, plan: RulePlan, ctx: ProgramContext): boolean {
  const id = e.steps[i]!.id;
  for (const [phrase, candidates] of Object.entries(plan.reading.candidates)) {
    const choice = e.state.choices[phrase] ?? 0;
    if (candidates[choice] !== id) continue;
    const next = choice + 1;
    if (next >= candidates.length) return false;
    e.state.choices[phrase] = next;
    e.notes.push(`'${phrase}' read as ${candidates[next]} instead of ${id} (candidates: ${candidates.join(', ')})`);
    return true;
  }
  // Not a reading problem: the fingers took a neighbour. Grasp differently.
  return missedGrasp(e, i, ctx) || knocked(e, i, d, ctx);
}

/** Ran out of time: drop the settling waits. */
function tooSlow(e: Editor): boolean {
  let changed = false;
  for (const [k, a] of Object.entries(e.state.adjust)) {
    if (a.settle) {
      delete a.settle;
      changed = true;
      e.notes.push(`step ${Number(k) + 1}: no settling wait (time ran out)`);
    }
  }
  return changed;
}

const RULES: Partial<Record<DiagnosisKind, (e: Editor, i: number, d: DiagnosisView, plan: RulePlan, ctx: ProgramContext) => boolean>> = {
  'slipped-grasp': (e, i, _d, _p, ctx) => slipped(e, i, ctx),
  'nothing-grasped': (e, i, _d, _p, ctx) => missedGrasp(e, i, ctx),
  'knocked-over': (e, i, d, _p, ctx) => knocked(e, i, d, ctx),
  'missed-place': (e, i, d, p, ctx) => missedPlace(e, i, d, p, ctx),
  'wrong-object-moved': (e, i, d, p, ctx) => wrongObject(e, i, d, p, ctx),
  collision: (e, i, d, _p, ctx) => collided(e, i, d, ctx),
  reach: (e, i) => outOfReach(e, i),
  timeout: (e) => tooSlow(e),
  unknown: (e, _i, d, p) => otherReading(e, d, p),
};

/**
 * Every step did what it expected and the task is still not done: the reading may be
 * wrong. Take the next candidate of an ambiguous phrase (the one the failure names, if any).
 */
function otherReading(e: Editor, d: DiagnosisView, plan: RulePlan): boolean {
  const named = new Set([...(d.failures ?? []).flatMap((f) => f.objects ?? []), ...(d.offset ? [d.offset.object] : [])]);
  const entries = Object.entries(plan.reading.candidates);
  const pick = entries.find(([, c]) => c.some((id) => named.has(id))) ?? entries[0];
  if (!pick) return false;
  const [phrase, candidates] = pick;
  const choice = e.state.choices[phrase] ?? 0;
  const wanted = candidates.findIndex((id, k) => k !== choice && named.has(id));
  const next = wanted >= 0 ? wanted : choice + 1;
  if (next >= candidates.length) return false;
  e.state.choices[phrase] = next;
  e.notes.push(
    `the task is not done though each step was: read '${phrase}' as ${candidates[next]} instead of ${candidates[choice]} (candidates: ${candidates.join(', ')})`,
  );
  return true;
}

/** Apply the rule for the diagnosis to a copy of the state. */
export function repairState(state: ProgramState, plan: RulePlan, input: RepairInput, ctx: ProgramContext): RepairResult {
  const d: DiagnosisView | null = input.diagnosis;
  const kind = d?.kind ?? 'unknown';
  const next: ProgramState = structuredClone(state);
  const unchanged = (error: string): RepairResult => ({ changed: false, state, notes: [], error });
  if (!d) return unchanged('no repair rule: there is no diagnosis to go on');
  const rule = RULES[d.kind];
  if (!rule) return unchanged(`no repair rule for ${kind}`);
  const steps = plan.plan.steps;
  const i =
    d.kind === 'timeout' || d.kind === 'unknown' ? (failingStep(d, input.program, steps) ?? 0) : failingStep(d, input.program, steps);
  if (i === null) return unchanged(`no repair rule for ${kind}: the failure is not in any step of the program`);
  const editor = new Editor(next, steps);
  if (!rule(editor, i, d, plan, ctx)) {
    return unchanged(`no repair rule for ${kind} left to try at step ${i + 1} (${steps[i]!.description})`);
  }
  next.repairs = state.repairs + 1;
  return { changed: true, state: next, notes: editor.notes };
}
