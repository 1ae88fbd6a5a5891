// The knowledge base, as the rule programmer uses it (docs/knowledge.md#how-programmers-use-it):
// skill entries become the default options of the steps they apply to (a StepAdjust, as a
// correction would make), and the plan rules it can read — `clear-first` — become plan
// amendments. Every entry applied is named in the program's notes; an entry it cannot
// read (a rule in words only, an option it has no field for) is named as not applied.

import {
  CLEAR_FIRST_TEXT,
  distillByRule,
  distillSource,
  pushIfUnliftableEntry,
  restsOnOrIn,
  skillEntry,
  type DistillInput,
} from '../../knowledge/distill.ts';
import { stepCalls } from '../../knowledge/program-calls.ts';
import type { KnowledgeItem, KnowledgeSkill, NewKnowledge } from '../../knowledge/types.ts';
import type { ProgramContext } from '../programmer.ts';
import type { RulePlan } from './plan.ts';
import type { ProgramState, StepAdjust } from './program-text.ts';
import { readState, stepKeys } from './program-text.ts';

/** Option name of the program API → the StepAdjust field the rule programmer writes it from, per skill. */
const OPTION_FIELDS: Record<string, Record<string, keyof StepAdjust>> = {
  pick: { approach: 'approach', liftHeight: 'liftHeight', speed: 'speed' },
  place: { releaseHeight: 'releaseHeight', speed: 'speed' },
  push: { height: 'pushHeight', speed: 'speed', shorten: 'pushExtra' },
};

/** The StepAdjust value of an option's value (shorten is a negative extra distance), and back. */
const toField = (option: string, v: unknown): unknown => (option === 'shorten' && typeof v === 'number' ? -v : v);
const fromField = (option: string, v: unknown): unknown => (option === 'shorten' && typeof v === 'number' ? -v : v);

function validValue(field: keyof StepAdjust, v: unknown): boolean {
  if (field === 'approach') return v === 'side' || v === 'top';
  if (field === 'pushExtra') return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 0.2;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 10;
}

/** What rests on or stands in `baseId` at the start (ctx.objects geometry). */
function ridersOf(ctx: ProgramContext, baseId: string): string[] {
  const base = ctx.objects.find((o) => o.id === baseId);
  return base ? ctx.objects.filter((o) => restsOnOrIn(o, base)).map((o) => o.id) : [];
}

/**
 * push-if-unliftable: every object the plan picks and then places on the table gets a
 * fallback — when its pick fails, the planner's pushes to the same goal (planned as if it
 * were pushed instead) — and its place runs only when it was lifted. Objects the planner
 * cannot push to their goal (into a container, onto another object) get none.
 */
function pushFallbacks(current: RulePlan, state: ProgramState, plan: (s: ProgramState) => RulePlan, k: KnowledgeItem): string[] {
  const steps = current.plan.steps;
  const keys = stepKeys(steps);
  const done: string[] = [];
  steps.forEach((step, i) => {
    if (step.op !== 'pick' || !k.objects.includes(step.id) || state.amend.pushInstead.includes(step.id)) return;
    const placeAt = steps.findIndex((s, j) => j > i && s.op === 'place' && s.id === step.id);
    if (placeAt < 0) return;
    let alt: RulePlan;
    try {
      alt = plan({ ...state, amend: { ...state.amend, pushInstead: [...state.amend.pushInstead, step.id] } });
    } catch {
      return;
    }
    const pushes = alt.plan.steps.filter((s): s is Extract<typeof s, { op: 'push' }> => s.op === 'push' && s.id === step.id);
    if (pushes.length === 0) return;
    const pickAdj: StepAdjust = (state.adjust[keys[i]!] ??= {});
    const placeAdj: StepAdjust = (state.adjust[keys[placeAt]!] ??= {});
    if (pickAdj.orPush || pickAdj.retry || pickAdj.graspYaw !== undefined) return;
    pickAdj.orPush = pushes.map((p) => ({ direction: p.direction, distance: p.distance }));
    placeAdj.ifLifted = true;
    done.push(step.id);
  });
  return done;
}

/**
 * Applies `ctx.knowledge` to a fresh state: plan rules first (they change the steps), then
 * skill defaults for the steps of the resulting plan. Returns the notes (one per entry).
 */
export function applyKnowledge(ctx: ProgramContext, state: ProgramState, plan: (s: ProgramState) => RulePlan): string[] {
  if (ctx.knowledge.length === 0) return [];
  const notes: string[] = [];
  const used = new Set<number>();
  let current: RulePlan;
  try {
    current = plan(state);
  } catch {
    return [];
  }
  for (const k of ctx.knowledge.filter((i) => i.kind === 'plan')) {
    if (k.params?.rule === 'push-if-unliftable') {
      const done = pushFallbacks(current, state, plan, k);
      if (done.length > 0) {
        notes.push(`knowledge k${k.id} applied: push ${done.join(', ')} instead if it will not lift (${k.text})`);
        used.add(k.id);
      }
      continue;
    }
    if (k.params?.rule !== 'clear-first') continue;
    const picked = new Set(current.plan.steps.filter((s) => s.op === 'pick').map((s) => s.id));
    for (const base of k.objects) {
      if (!picked.has(base)) continue;
      const riders = ridersOf(ctx, base).filter((r) => !(state.amend.clearFirst[base] ?? []).includes(r));
      if (riders.length === 0) continue;
      state.amend.clearFirst[base] = [...(state.amend.clearFirst[base] ?? []), ...riders];
      notes.push(`knowledge k${k.id} applied: take ${riders.join(', ')} off ${base} first (${k.text})`);
      used.add(k.id);
    }
  }
  if (used.size > 0) {
    try {
      current = plan(state);
    } catch {
      return notes;
    }
  }
  const keys = stepKeys(current.plan.steps);
  for (const k of ctx.knowledge.filter((i) => i.kind === 'skill')) {
    const fields = k.skill ? OPTION_FIELDS[k.skill] : undefined;
    if (!fields || !k.params) continue;
    const applied: string[] = [];
    current.plan.steps.forEach((step, i) => {
      if (step.op !== k.skill || !k.objects.includes(step.id)) return;
      const adj: StepAdjust = (state.adjust[keys[i]!] ??= {});
      for (const [option, value] of Object.entries(k.params ?? {})) {
        const field = fields[option];
        const fieldValue = toField(option, value);
        if (!field || !validValue(field, fieldValue) || adj[field] !== undefined) continue;
        (adj as Record<string, unknown>)[field] = fieldValue;
        applied.push(`${step.op} ${step.id} ${option} ${JSON.stringify(value)}`);
      }
    });
    if (applied.length > 0) {
      notes.push(`knowledge k${k.id} applied: ${[...new Set(applied)].join('; ')} (${k.text})`);
      used.add(k.id);
    }
  }
  for (const k of ctx.knowledge) {
    if (!used.has(k.id))
      notes.push(
        `knowledge k${k.id} not applied: ${k.kind === 'plan' ? 'a rule the rule programmer cannot read' : 'no step it applies to'} (${k.text})`,
      );
  }
  state.knowledge = notes;
  return notes;
}

/** Every string inside a JSON-like value (the ids an intent names). */
function stringsIn(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) stringsIn(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) stringsIn(x, out);
  return out;
}

/** Option values as distillation stores them (3 decimals). */
const round3 = (v: unknown): unknown => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v);

/**
 * The rule programmer's own distillation (Programmer.distill): the generic one from the
 * program texts (distillByRule), plus what its memos say a correction or repair changed
 * about a step that the program text does not show as an option — a continued program
 * lifts what it already holds with a move, but the memo's step adjustment says "lift to
 * 26.5 cm" for the next time that object is picked.
 */
export function distillWithMemos(input: DistillInput): NewKnowledge[] {
  const seen = new Set<string>();
  const out = distillByRule(input, seen);
  const pairs = [
    ...input.corrections.map((c) => ({
      before: c.memoBefore,
      after: c.memoAfter,
      programBefore: c.programBefore,
      programAfter: c.programAfter,
      source: distillSource(input, 'correction', c.text),
    })),
    ...(input.repair
      ? [{ ...input.repair, before: input.repair.memoBefore, after: input.repair.memoAfter, source: distillSource(input, 'repair', null) }]
      : []),
  ];
  let cleared = out.some((e) => e.params?.rule === 'clear-first');
  let pushFallback = out.some((e) => e.params?.rule === 'push-if-unliftable');
  for (const p of pairs) {
    const a = readState(p.after);
    if (!a) continue;
    const b = readState(p.before);
    // Plan: the memo now takes something off (or out of) an object the program picks — an
    // added step before the instruction's ("take the can off first") or a repair's
    // clear-first amendment — where the continued program no longer shows it (the rider
    // had already fallen off by then).
    if (!pushFallback) {
      const was = new Set(b?.amend.pushInstead ?? []);
      const now = a.amend.pushInstead.filter((id) => !was.has(id) && input.objects.some((o) => o.id === id));
      if (now.length > 0) {
        out.push(pushIfUnliftableEntry(input, p.source));
        pushFallback = true;
      }
    }
    if (!cleared) {
      const added = new Set([...stringsIn(a.amend.edits?.before ?? []), ...Object.values(a.amend.clearFirst).flat()]);
      for (const id of [...stringsIn(b?.amend.edits?.before ?? []), ...Object.values(b?.amend.clearFirst ?? {}).flat()]) added.delete(id);
      const picked = new Set(
        [...stepCalls(p.programBefore), ...stepCalls(p.programAfter)].filter((c) => c.skill === 'pick').map((c) => c.id),
      );
      const base = input.objects.find((o) => picked.has(o.id) && input.objects.some((r) => added.has(r.id) && restsOnOrIn(r, o)));
      if (base) {
        out.push({
          kind: 'plan',
          text: CLEAR_FIRST_TEXT,
          params: { rule: 'clear-first' },
          scope: { shapes: [], verbs: ['move'], taskIds: [input.taskId] },
          before: [],
          after: [],
          sources: [p.source],
        });
        cleared = true;
      }
    }
    for (const [key, adj] of Object.entries(a.adjust)) {
      const m = /^(pick|place|push):(.+)#\d+$/.exec(key);
      if (!m) continue;
      const skill = m[1] as KnowledgeSkill;
      const id = m[2]!;
      const was = b?.adjust[key] ?? {};
      const params: Record<string, unknown> = {};
      for (const [option, field] of Object.entries(OPTION_FIELDS[skill] ?? {})) {
        const v = round3(adj[field]);
        if (v === undefined || JSON.stringify(v) === JSON.stringify(round3(was[field]))) continue;
        // A push's extra distance is learned as the change this correction made.
        if (option === 'shorten') {
          const change = round3(-((adj.pushExtra ?? 0) - (was.pushExtra ?? 0))) as number;
          if (Math.abs(change) >= 0.005) params.shorten = change;
        } else params[option] = fromField(option, v);
      }
      const line = (program: string): string[] =>
        stepCalls(program)
          .filter((c) => c.skill === skill && c.id === id)
          .slice(0, 1)
          .map((c) => c.text);
      const e = skillEntry(input, p.source, skill, id, params, line(p.programBefore), line(p.programAfter), seen);
      if (e) out.push(e);
    }
  }
  return out;
}
