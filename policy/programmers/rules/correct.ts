// RuleProgrammer.correct (issue 12, DESIGN §11): a person's correction, read by
// correction-grammar.ts, applied to the rule programmer's memo — plan-level ones as
// IntentEdits (another object, target, order, added steps) or an undo, skill-level ones as
// StepAdjust of one step (approach, lift, release, offset, turn, push distance, speed) —
// and the program written again: for the seed's scene ('restart') or for the world as it
// is now ('continue': the held object is not picked again, steps whose effect holds are
// skipped, a wrongly moved object is put back where it was at the session's start).

import { TABLE_REGIONS, evaluatePredicate, quatFromYaw } from '../../../sim/index.ts';
import type { TableRegionName } from '../../../sim/index.ts';
import type { ObjectInfo, Predicate, SceneSpec, Snapshot, Vec2, WorldView } from '../../../sim/index.ts';
import type { CorrectionClass, CorrectionDraft, CorrectionInput, ProgramContext } from '../programmer.ts';
import { NO_USAGE } from '../programmer.ts';
import { CORRECTION_FORMS, CorrectionReadError, parsePhrase, readCorrection } from './correction-grammar.ts';
import type { CorrectionReading, Phrase, PlanChange, SkillChange } from './correction-grammar.ts';
import { applyIntentEdits, emptyEdits, movedIds } from './intent-edits.ts';
import type { IntentEdits } from './intent-edits.ts';
import { describeIntent, isReadFailure, readInstruction } from './intents.ts';
import type { Dest, Intent, Reading } from './intents.ts';
import { planIntents } from './planner.ts';
import type { PlaceTarget, Step } from './planner.ts';
import { emptyState, programHash, readState, stepKeys, writeProgram } from './program-text.ts';
import type { ProgramState, StepAdjust, WrittenStep } from './program-text.ts';
import { shapesOf } from './lexicon.ts';
import { resolveNp } from './references.ts';
import type { SceneFacts } from './references.ts';

/** An object moved farther than this from where it was at the session's start counts as moved (m). */
const MOVED = 0.015;
/** A continued program whose empty gripper is lower than this (m) rises to RISE_TO first. */
const LOW_GRIPPER = 0.12;
const RISE_TO = 0.2;
/** Default skill speeds (m/s) a "slower" is a fraction of: the robot's 0.4 m/s travel. */
const DEFAULT_SPEED = 0.4;
const NOUN_WORD: Record<ObjectInfo['shape'], string> = { box: 'block', sphere: 'ball', cylinder: 'cylinder', bowl: 'bowl', tray: 'tray' };
const NOUN_CLASS = { box: 'box', sphere: 'sphere', cylinder: 'cylinder', bowl: 'bowl', tray: 'tray' } as const;
const jsString = (t: string): string => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const cm = (m: number): string => `${Math.round(m * 1000) / 10} cm`;
const deg = (r: number): string => `${Math.round((r * 180) / Math.PI)}°`;

class CorrectionError extends Error {}

interface Planned {
  reading: Reading;
  intents: Intent[];
  steps: Step[];
  keys: string[];
  notes: string[];
}

/** What correct() works with. */
interface Job {
  ctx: ProgramContext;
  input: CorrectionInput;
  state: ProgramState;
  /** The scene at the session's start (references are read there), and now (plans are made here). */
  start: SceneFacts;
  now: SceneFacts;
  /** The steps of the program being corrected (keys of its full plan). */
  written: WrittenStep[];
  /** The full plan of the program being corrected, planned on the scene now. */
  before: Planned;
  /** Index into `written` of the step reached, if known. */
  reached: number | null;
  /** How the step reached was found, for `understood`. */
  reachedHow: string;
  notes: string[];
}

function fail(cls: CorrectionClass, understood: string, error: string): CorrectionDraft {
  return { program: '', plan: [], error, usage: { ...NO_USAGE }, promptTokens: 0, class: cls, understood };
}

/** Read the instruction on the session's start scene, apply the edits, plan on the scene now. */
function planOn(job: Pick<Job, 'ctx' | 'start' | 'now'>, state: ProgramState): Planned {
  const reading = readInstruction(state.amend.edits?.instruction ?? job.ctx.instruction, job.start, state.choices);
  const intents = applyIntentEdits(reading.intents, state.amend.edits);
  const plan = planIntents(intents, job.now, state.amend);
  return { reading, intents, steps: plan.steps, keys: stepKeys(plan.steps), notes: [...reading.notes, ...plan.notes] };
}

/** The step list of a written program: the i-th `subgoal(` line is the i-th step. */
export function writtenSteps(program: string, steps: readonly Step[], keys: readonly string[]): WrittenStep[] {
  const lines = program.split('\n');
  const subgoalLines: number[] = [];
  lines.forEach((l, i) => {
    if (l.startsWith('subgoal(')) subgoalLines.push(i + 1);
  });
  return steps.map((s, i) => ({ key: keys[i]!, op: s.op, id: s.id, description: s.description, line: subgoalLines[i] ?? 0 }));
}

const stepName = (w: { op: string; id: string; description: string }, i: number): string => `step ${i + 1} (${w.description})`;

/** Which written step the run reached: by the trace's subgoals when interrupted, the diagnosis' line when it ended. */
function findReached(input: CorrectionInput, written: readonly WrittenStep[]): { index: number | null; how: string } {
  if (written.length === 0 || input.reached === 'not-run') return { index: null, how: 'before it ran' };
  const byLine = (line: number): number | null => {
    let best: number | null = null;
    written.forEach((w, i) => {
      if (w.line > 0 && w.line <= line) best = i;
    });
    return best;
  };
  if (input.reached === 'interrupted') {
    const starts = (input.trace?.events ?? []).filter((e) => e.type === 'subgoal-start');
    let idx = starts.length > 0 ? (starts.at(-1) as { subgoal: number }).subgoal : null;
    if (input.line !== null) {
      // Stopped just before a step's own subgoal() call: that step is the one about to run.
      const next = written.findIndex((w) => w.line === input.line);
      if (next >= 0) idx = next;
      else idx ??= byLine(input.line);
    }
    return { index: idx !== null && idx < written.length ? idx : null, how: 'where it was interrupted' };
  }
  const m = input.diagnosisText ? /\bat line (\d+)/.exec(input.diagnosisText) : null;
  if (m) {
    const idx = byLine(Number(m[1]));
    if (idx !== null) return { index: idx, how: 'where the diagnosis points' };
  }
  return { index: null, how: 'the last one of its kind' };
}

// ---------------------------------------------------------------- the world now

function yawSnapshot(objects: readonly ObjectInfo[], scene: SceneSpec, input: CorrectionInput): Snapshot {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const out: Snapshot['objects'] = {};
  for (const o of scene.objects) {
    const p = byId.get(o.id) ?? o;
    out[o.id] = { position: [...p.position], quaternion: quatFromYaw(p.yaw), linvel: [0, 0, 0], angvel: [0, 0, 0] };
  }
  return { t: 0, step: 0, objects: out, gripper: input.gripper };
}

/** Whether a step's expectation holds on the scene now (scene facts as perceived, the gripper as it is). */
function holdsNow(p: Predicate, job: Job): boolean {
  const view: WorldView = {
    scene: job.ctx.scene,
    state: yawSnapshot(job.now.objects, job.ctx.scene, job.input),
    initial: yawSnapshot(job.start.objects, job.ctx.scene, { ...job.input, gripper: { ...job.input.gripper, holding: null } }),
  };
  try {
    return evaluatePredicate(p, view).ok;
  } catch {
    return false;
  }
}

const objOf = (facts: SceneFacts, id: string): ObjectInfo | undefined => facts.objects.find((o) => o.id === id);

function movedFromStart(job: Job, id: string): boolean {
  const a = objOf(job.start, id);
  const b = objOf(job.now, id);
  if (!a || !b) return false;
  return Math.hypot(a.position[0] - b.position[0], a.position[1] - b.position[1], a.position[2] - b.position[2]) > MOVED;
}

/** The object `id` rested on at the session's start, if any (its bottom on that one's top, over it). */
function supportAtStart(job: Job, id: string): string | null {
  const o = objOf(job.start, id);
  if (!o) return null;
  const bottom = o.position[2] - o.size[2] / 2;
  if (bottom < 0.01) return null;
  for (const s of job.start.objects) {
    if (s.id === id) continue;
    const top = s.position[2] + s.size[2] / 2;
    const over = Math.abs(s.position[0] - o.position[0]) < s.size[0] / 2 && Math.abs(s.position[1] - o.position[1]) < s.size[1] / 2;
    if (over && Math.abs(top - bottom) < 0.02) return s.id;
    if (over && (s.shape === 'bowl' || s.shape === 'tray') && bottom < top) return s.id;
  }
  return null;
}

/** The scene as it will be once `ids` are back where they were at the session's start. */
function afterPutBack(job: Job, ids: readonly string[]): SceneFacts {
  return { ...job.now, objects: job.now.objects.map((o) => (ids.includes(o.id) ? (objOf(job.start, o.id) ?? o) : o)) };
}

/** A pick and a place that put `id` back where it was at the session's start (no pick when it is held). */
function putBackSteps(job: Job, id: string): Step[] {
  const o = objOf(job.start, id);
  if (!o) throw new CorrectionError(`cannot put ${id} back: it was not seen at the session's start`);
  const on = supportAtStart(job, id);
  const xy: Vec2 = [o.position[0], o.position[1]];
  const target: PlaceTarget = on ? { kind: 'object', id: on } : { kind: 'xy', xy };
  const where = on ? `on ${on}` : `at [${xy.map((v) => Math.round(v * 1000) / 1000).join(', ')}]`;
  const expect: Predicate = on
    ? { on: [id, on] }
    : { near: [id, [Math.round(xy[0] * 1000) / 1000, Math.round(xy[1] * 1000) / 1000], 0.03] };
  const steps: Step[] = [];
  if (job.input.gripper.holding !== id)
    steps.push({ op: 'pick', id, description: `pick up ${id} to put it back`, expect: { grasped: id } });
  steps.push({ op: 'place', id, description: `put ${id} back where it was, ${where}`, expect, target, heading: null });
  return steps;
}

// ---------------------------------------------------------------- resolving phrases

function nounClassOf(o: ObjectInfo): (typeof NOUN_CLASS)[keyof typeof NOUN_CLASS] {
  return NOUN_CLASS[o.shape];
}

/** The objects the program works with, most relevant first: the step reached's, the moved ones, then destinations. */
function planObjects(job: Job): string[] {
  const out: string[] = [];
  const add = (id: string | undefined): void => {
    if (id && !out.includes(id) && objOf(job.start, id)) out.push(id);
  };
  if (job.reached !== null) add(job.written[job.reached]?.id);
  else if (job.input.gripper.holding) add(job.input.gripper.holding);
  if (job.input.reached === 'ended') for (const w of [...job.written].reverse()) if (w.op !== 'hold') add(w.id);
  for (const s of job.before.steps) add(s.id);
  for (const s of job.before.steps) {
    if (s.op !== 'place') continue;
    const t = s.target;
    if (t.kind === 'object' || t.kind === 'relative') add(t.id);
    if (t.kind === 'between') t.ids.forEach(add);
  }
  for (const it of job.before.intents)
    for (const v of Object.values(it)) if (typeof v === 'object' && v && 'id' in v) add((v as { id: string }).id);
  return out;
}

function resolveOne(
  job: Job,
  phrase: Phrase,
  opts: { exclude?: string[]; like?: ObjectInfo; want?: 'thing' | 'container' | 'any' },
): string {
  const notes: string[] = [];
  const want = opts.want ?? (opts.like && (opts.like.shape === 'bowl' || opts.like.shape === 'tray') ? 'container' : 'thing');
  const np = phrase.np;
  if (np.kind === 'id' && np.id && !objOf(job.start, np.id)) {
    // "the thermos" for black_thermos: words of exactly one object's id.
    const words = np.id.split('_');
    const hits = job.start.objects.filter((o) => words.every((w) => o.id.split('_').includes(w)) && !(opts.exclude ?? []).includes(o.id));
    if (hits.length === 1) return hits[0]!.id;
  }
  const r = resolveNp(phrase.np, job.start, {
    want,
    exclude: opts.exclude,
    lastNoun: opts.like ? nounClassOf(opts.like) : null,
    pronoun: job.reached !== null ? [job.written[job.reached]!.id] : [],
    notes,
  });
  if (r.kind !== 'objects' || r.ids.length === 0) throw new CorrectionError(`'${phrase.text}' names no object`);
  job.notes.push(...notes);
  return r.ids[0]!;
}

/** Does `id` fit the kind of thing `phrase` names, the way `like` was named ("the blue one" for a block: a block)? */
function sameKind(job: Job, id: string, like: ObjectInfo, phrase: Phrase): boolean {
  const o = objOf(job.start, id)!;
  if (phrase.np.noun !== null) return true;
  const container = (x: ObjectInfo): boolean => x.shape === 'bowl' || x.shape === 'tray';
  return container(o) === container(like);
}

// ---------------------------------------------------------------- plan changes

interface Applied {
  state: ProgramState;
  understood: string;
  /** Objects to put back first (continue): a wrongly moved object. */
  putBack: string[];
  /** Only put objects back, nothing else ("put it back"). */
  onlyPutBack?: boolean;
}

function withEdits(state: ProgramState, f: (e: IntentEdits) => IntentEdits): ProgramState {
  const e = state.amend.edits ?? emptyEdits();
  return {
    ...state,
    amend: {
      ...state.amend,
      edits: f({ ...e, replace: { ...e.replace }, dest: { ...e.dest }, first: [...e.first], before: [...e.before] }),
    },
  };
}

function applyPlan(job: Job, p: PlanChange): Applied {
  switch (p.kind) {
    case 'object':
      return chooseObject(job, p);
    case 'target':
      return changeTarget(job, p);
    case 'add':
      return addStep(job, p);
    case 'first':
      return doFirst(job, p);
    case 'putBack':
      return putBack(job, p);
    case 'pushInstead':
      return pushInstead(job, p);
  }
}

/** "push it", "slide the crate instead of lifting it": the object is pushed to where it was carried. */
function pushInstead(job: Job, p: Extract<PlanChange, { kind: 'pushInstead' }>): Applied {
  const picked = (id: string): boolean => job.before.steps.some((s) => s.op === 'pick' && s.id === id);
  let id: string;
  if (p.subject) id = resolveOne(job, p.subject, {});
  else {
    const reached = job.reached !== null ? job.written[job.reached]!.id : null;
    const first = job.before.steps.find((s) => s.op === 'pick')?.id;
    const found = (reached && picked(reached) ? reached : null) ?? job.input.gripper.holding ?? first;
    if (!found) throw new CorrectionError('the program carries nothing that could be pushed instead');
    id = found;
  }
  if (!picked(id)) {
    const pushes = job.before.steps.some((s) => s.op === 'push' && s.id === id);
    throw new CorrectionError(`${id} is ${pushes ? 'already pushed' : 'not carried by the program'}: the correction changes nothing`);
  }
  const amend = job.state.amend;
  const state: ProgramState = {
    ...job.state,
    amend: { ...amend, pushInstead: amend.pushInstead.includes(id) ? amend.pushInstead : [...amend.pushInstead, id] },
  };
  const planned = planOn(job, state);
  if (planned.steps.some((s) => s.op === 'pick' && s.id === id))
    throw new CorrectionError(`${id} cannot be pushed to where it goes (${oldDestOf(job, id)}): it has to be lifted`);
  return { state, understood: `push ${id} along the table to ${oldDestOf(job, id)} instead of carrying it`, putBack: [] };
}

function chooseObject(job: Job, p: Extract<PlanChange, { kind: 'object' }>): Applied {
  const objects = planObjects(job);
  let olds = objects;
  if (p.not) {
    const like = objOf(job.start, objects[0] ?? '') ?? job.start.objects[0]!;
    olds = [resolveOne(job, p.not, { like })];
  }
  // "the other bowl" replaces a bowl of the program, "the green block" a block: objects of the phrase's noun first.
  const shapes = p.phrase?.np.noun ? shapesOf(p.phrase.np.noun, false) : null;
  if (shapes)
    olds = [
      ...olds.filter((o) => shapes.includes(objOf(job.start, o)!.shape)),
      ...olds.filter((o) => !shapes.includes(objOf(job.start, o)!.shape)),
    ];
  let found: { old: string; id: string } | null = null;
  const tried: string[] = [];
  for (const old of olds) {
    const like = objOf(job.start, old)!;
    try {
      const phrase = p.phrase ?? parsePhrase(`the other ${NOUN_WORD[like.shape]}`);
      if (!phrase) continue;
      const id = resolveOne(job, phrase, { exclude: [old], like });
      if (id !== old && sameKind(job, id, like, phrase)) {
        found = { old, id };
        break;
      }
    } catch (e) {
      tried.push(e instanceof Error ? e.message : String(e));
      if (p.not) throw e;
    }
  }
  if (!found && p.phrase && olds.length > 0) {
    // "no, the green one" when the program already uses the green one: say so, not "names none".
    let already: string | null = null;
    try {
      already = resolveOne(job, p.phrase, { like: objOf(job.start, olds[0]!)! });
    } catch {
      already = null;
    }
    if (already !== null && objects.includes(already)) {
      throw new CorrectionError(`'${p.phrase.text}' is ${already}, which the program already uses: the correction changes nothing`);
    }
  }
  if (!found) {
    const what = p.phrase ? `'${p.phrase.text}'` : 'another object of the same kind';
    throw new CorrectionError(
      `${what} names none of the objects in the scene in place of ${objects.join(', ') || 'nothing'}${tried.length ? ` (${tried[0]})` : ''}`,
    );
  }
  const { old, id } = found;
  const inPlan = objects.includes(id) && job.before.intents.some((it) => JSON.stringify(it).includes(`"${id}"`));
  const state = withEdits(job.state, (e) => {
    // Compose with earlier replacements: a → old becomes a → id.
    const origin = Object.keys(e.replace).find((k) => e.replace[k] === old) ?? old;
    const swapFrom = Object.keys(e.replace).find((k) => e.replace[k] === id) ?? id;
    e.replace[origin] = id;
    if (inPlan) e.replace[swapFrom] = old;
    for (const k of Object.keys(e.replace)) if (e.replace[k] === k) delete e.replace[k];
    return e;
  });
  const moving = job.before.steps.some((s) => (s.op === 'pick' || s.op === 'push') && s.id === old);
  return {
    state,
    understood: `${moving ? 'pick' : 'use'} ${id} instead of ${old}${inPlan ? ` (and ${old} where ${id} was)` : ''}`,
    putBack: moving && !inPlan ? [old] : [],
  };
}

/** The object a correction about "it" means: the phrase's, or the step reached's, or the last one moved. */
function subjectOf(job: Job, subject: Phrase | null): string {
  if (subject) return resolveOne(job, subject, {});
  if (job.input.gripper.holding) return job.input.gripper.holding;
  if (job.reached !== null) return job.written[job.reached]!.id;
  const moved = [...job.written].reverse().find((w) => w.op === 'place' || w.op === 'push');
  if (moved) return moved.id;
  const any = job.before.steps.find((s) => s.op === 'pick' || s.op === 'push');
  if (!any) throw new CorrectionError('there is no object the program moves to put elsewhere');
  return any.id;
}

function oldDestOf(job: Job, id: string): string {
  const place = [...job.before.steps].reverse().find((s) => s.op === 'place' && s.id === id);
  if (place?.op !== 'place') return 'nowhere';
  const t = place.target;
  return t.kind === 'object'
    ? t.id
    : t.kind === 'xy'
      ? `[${t.xy.map((v) => Math.round(v * 100) / 100).join(', ')}]`
      : t.kind === 'relative'
        ? `beside ${t.id}`
        : `between ${t.ids.join(' and ')}`;
}

function changeTarget(job: Job, p: Extract<PlanChange, { kind: 'target' }>): Applied {
  const id = subjectOf(job, p.subject);
  let dest: Dest;
  const old = oldDestOf(job, id);
  if ((p.location.kind === 'in' || p.location.kind === 'on') && (p.other || p.location.np.pronoun === 'one')) {
    const phrase: Phrase = { text: p.location.np.text, np: p.location.np };
    const like = objOf(job.start, old);
    const target = resolveOne(job, phrase, {
      exclude: [id, ...(p.other && like ? [old] : [])],
      ...(like ? { like } : {}),
      want: p.location.kind === 'in' ? 'container' : 'any',
    });
    dest = { kind: p.location.kind, id: target };
  } else {
    let intents: Intent[];
    try {
      intents = readInstruction(`put ${id} ${p.clause}`, job.start).intents;
    } catch (e) {
      throw new CorrectionError(e instanceof Error ? e.message : String(e));
    }
    const it = intents.find((x) => x.kind === 'place' && x.id === id);
    if (it?.kind !== 'place') throw new CorrectionError(`could not read '${p.clause}' as a place to put ${id}`);
    dest = it.dest;
  }
  if ('id' in dest && dest.id === id) throw new CorrectionError(`cannot put ${id} ${p.clause}: that is ${id} itself`);
  // "put the green block in the tray instead" when the program moves another block: that one is replaced too.
  const movedByPlan = (x: string): boolean => job.before.steps.some((st) => st.id === x && (st.op === 'pick' || st.op === 'push'));
  let replaced: string | null = null;
  if (!movedByPlan(id)) {
    const o = objOf(job.start, id)!;
    const container = (x: ObjectInfo): boolean => x.shape === 'bowl' || x.shape === 'tray';
    replaced = planObjects(job).find((x) => movedByPlan(x) && container(objOf(job.start, x)!) === container(o)) ?? null;
    if (!replaced) throw new CorrectionError(`the program moves nothing ${id} could stand in for`);
  }
  const state = withEdits(job.state, (e) => {
    if (replaced) {
      const origin = Object.keys(e.replace).find((k) => e.replace[k] === replaced) ?? replaced;
      e.replace[origin] = id;
    }
    e.dest[id] = dest;
    return e;
  });
  const where = describeIntent({ kind: 'place', id, dest, upright: false, notOn: null }).replace(/^place \S+ /, '');
  const pushed = job.before.steps.some((st) => st.op === 'push' && st.id === id);
  const was = replaced
    ? `${replaced} ${oldDestOf(job, replaced) === 'nowhere' ? '' : `at ${oldDestOf(job, replaced)}`}`.trim()
    : old === 'nowhere'
      ? 'where the program put it'
      : `at ${old}`;
  return { state, understood: `${pushed ? 'push' : 'put'} ${id} ${where} instead of ${was}`, putBack: replaced ? [replaced] : [] };
}

/** What `id` rests on now (the scene now), if anything. */
function supportNow(job: Job, id: string): string | null {
  const o = objOf(job.now, id);
  if (!o) return null;
  const bottom = o.position[2] - o.size[2] / 2;
  let best: { id: string; d: number } | null = null;
  for (const s of job.now.objects) {
    if (s.id === id) continue;
    const top = s.position[2] + s.size[2] / 2;
    const over =
      Math.abs(s.position[0] - o.position[0]) < s.size[0] / 2 + 0.01 && Math.abs(s.position[1] - o.position[1]) < s.size[1] / 2 + 0.01;
    const d = Math.abs(top - bottom);
    if (over && (d < 0.02 || ((s.shape === 'bowl' || s.shape === 'tray') && bottom < top)) && (!best || d < best.d)) best = { id: s.id, d };
  }
  return best?.id ?? null;
}

/** A support named in a correction ("off the box"): among what the program works with first, then any object. */
function resolvePreferPlan(job: Job, phrase: Phrase, exclude: string[]): string {
  const ids = planObjects(job).filter((id) => !exclude.includes(id));
  const notes: string[] = [];
  const r = resolveNp(
    phrase.np,
    { ...job.start, objects: job.start.objects.filter((o) => ids.includes(o.id)) },
    {
      want: 'any',
      exclude,
      lastNoun: null,
      pronoun: [],
      notes,
    },
  );
  if (r.kind === 'objects' && r.ids.length > 0) return r.ids[0]!;
  return resolveOne(job, phrase, { exclude, want: 'any' });
}

/** "move the thermos out of the way first": put it on the side of the table farthest from what the program works with. */
function moveAside(job: Job, id: string): Applied {
  const o = objOf(job.now, id)!;
  const others = planObjects(job)
    .filter((x) => x !== id)
    .map((x) => objOf(job.now, x))
    .filter((x): x is ObjectInfo => x !== undefined);
  if (others.length === 0) throw new CorrectionError(`the program works with nothing ${id} is in the way of`);
  let best: { region: TableRegionName; score: number } | null = null;
  for (const region of ['left_side', 'right_side', 'top_side', 'bottom_side'] as const) {
    const a = TABLE_REGIONS[region].anchor;
    const clear = Math.min(...others.map((x) => Math.hypot(x.position[0] - a[0], x.position[1] - a[1])));
    const score = clear - 0.5 * Math.hypot(o.position[0] - a[0], o.position[1] - a[1]);
    if (!best || score > best.score) best = { region, score };
  }
  const region = best!.region;
  const state = withEdits(job.state, (e) => {
    e.before.push({
      kind: 'place',
      id,
      dest: { kind: 'area', area: { label: region.replace(/_/g, ' '), region } },
      upright: false,
      notOn: null,
    });
    return e;
  });
  return { state, understood: `first move ${id} out of the way, to the ${region.replace(/_/g, ' ')} of the table`, putBack: [] };
}

/** Whether `phrase` could name object `id` (read on the session's start scene with only it). */
function couldName(job: Job, phrase: Phrase, id: string): boolean {
  const o = objOf(job.start, id);
  if (!o) return false;
  try {
    const r = resolveNp(phrase.np, { ...job.start, objects: [o] }, { want: 'any', exclude: [], lastNoun: null, pronoun: [], notes: [] });
    return r.kind === 'objects' && r.ids.includes(id);
  } catch {
    return false;
  }
}

/** "don't hit the box": of the objects the phrase could name, the one nearest `near` (now). */
function nearestNamed(job: Job, phrase: Phrase, near: string): string {
  const me = objOf(job.now, near);
  let named = job.now.objects.filter((o) => o.id !== near && couldName(job, phrase, o.id));
  // "the box" for blue_box over a block that is also a box: the word as its id says it.
  const word = phrase.text.split(' ').at(-1)!;
  const byId = named.filter((o) => o.id.split('_').includes(word));
  if (byId.length > 0) named = byId;
  if (!me || named.length === 0) return resolveOne(job, phrase, { exclude: [near], want: 'any' });
  const d = (o: ObjectInfo): number => Math.hypot(o.position[0] - me.position[0], o.position[1] - me.position[1]);
  return named.sort((a, b) => d(a) - d(b))[0]!.id;
}

function addStep(job: Job, p: Extract<PlanChange, { kind: 'add' }>): Applied {
  if (p.empty && p.support) {
    const support = resolvePreferPlan(job, p.support, []);
    const riders = job.now.objects.map((o) => o.id).filter((id) => id !== support && supportNow(job, id) === support);
    const was = job.start.objects.map((o) => o.id).filter((id) => id !== support && supportAtStart(job, id) === support);
    const all = [...new Set([...riders, ...was])];
    if (all.length === 0) throw new CorrectionError(`nothing rests in or on ${support}: it is empty already`);
    const state = withEdits(job.state, (e) => {
      for (const id of all) e.before.push({ kind: 'place', id, dest: { kind: 'table' }, upright: false, notOn: support });
      return e;
    });
    return {
      state,
      understood: `first take ${all.join(', ')} out of ${support} and put ${all.length > 1 ? 'them' : 'it'} on the table`,
      putBack: [],
    };
  }
  if (p.rider) {
    // "take the stick out of the cup": of the things the words name, one resting on (in) that support.
    const riderPhrase = p.rider;
    const named = p.support ? resolvePreferPlan(job, p.support, []) : null;
    const onIt = named
      ? job.start.objects.filter(
          (o) =>
            o.id !== named && couldName(job, riderPhrase, o.id) && (supportNow(job, o.id) === named || supportAtStart(job, o.id) === named),
        )
      : [];
    const rider = onIt[0]?.id ?? resolveOne(job, p.rider, {});
    const onNow = supportNow(job, rider);
    // The scene now first; a rider the last program disturbed is taken off what it stood on at the start.
    const support = p.support ? resolvePreferPlan(job, p.support, [rider]) : (onNow ?? (p.away ? null : supportAtStart(job, rider)));
    if (!support && p.away) return moveAside(job, rider);
    if (!support) throw new CorrectionError(`${rider} rests on nothing to take it off (it is on the table)`);
    if (job.input.mode === 'continue' && onNow !== support && movedFromStart(job, rider))
      job.notes.push(`${rider} is no longer on ${support} (it moved): it is put on the table clear of ${support}`);
    const moved = job.before.steps.some((s) => s.id === support && (s.op === 'pick' || s.op === 'push'));
    const state = withEdits(job.state, (e) => {
      e.before.push({ kind: 'place', id: rider, dest: { kind: 'table' }, upright: false, notOn: support });
      return e;
    });
    return {
      state,
      understood: `first take ${rider} off ${support} and put it on the table${moved ? `, before ${support} is moved` : ''}`,
      putBack: [],
    };
  }
  let intents: Intent[];
  try {
    intents = readInstruction(p.clause, job.start).intents;
  } catch (e) {
    throw new CorrectionError(`could not read the step to add, "${p.clause}": ${e instanceof Error ? e.message : String(e)}`);
  }
  const state = withEdits(job.state, (e) => {
    e.before.push(...intents);
    return e;
  });
  return { state, understood: `first ${intents.map(describeIntent).join(', then ')}`, putBack: [] };
}

function doFirst(job: Job, p: Extract<PlanChange, { kind: 'first' }>): Applied {
  const objects = planObjects(job);
  const like = objOf(job.start, objects.find((o) => job.before.steps.some((s) => s.id === o && s.op !== 'place')) ?? objects[0] ?? '');
  const id = resolveOne(job, p.phrase, like ? { like } : {});
  if (!job.before.intents.some((it) => movedIds(it).includes(id))) {
    throw new CorrectionError(
      `${id} is not one of the objects the program moves (${[...new Set(job.before.steps.map((s) => s.id))].join(', ')})`,
    );
  }
  const stack = job.before.intents.find((it) => it.kind === 'stack' && it.ids.includes(id));
  if (stack) throw new CorrectionError(`${id} is in a stack, which is built bottom first: its order cannot change`);
  const firstNow = job.before.steps.find((s) => s.op !== 'hold')?.id;
  if (firstNow === id) throw new CorrectionError(`${id} is already done first: the correction changes nothing`);
  const state = withEdits(job.state, (e) => {
    e.first = [id, ...e.first.filter((x) => x !== id)];
    return e;
  });
  return { state, understood: `do ${id} first`, putBack: [] };
}

function putBack(job: Job, p: Extract<PlanChange, { kind: 'putBack' }>): Applied {
  if (job.input.mode === 'restart') throw new CorrectionError("nothing to put back: restart begins again from the seed's scene");
  let ids: string[];
  const moved = job.start.objects.map((o) => o.id).filter((id) => movedFromStart(job, id) || job.input.gripper.holding === id);
  if (p.phrase) ids = [resolveOne(job, p.phrase, {})];
  else if (p.all) ids = moved;
  else {
    const events = job.input.trace?.events ?? [];
    let last: string | null = job.input.gripper.holding;
    for (let i = events.length - 1; i >= 0 && !last; i--) {
      const e = events[i]!;
      if (e.type === 'call' && e.moved) last = e.moved.find((m) => m.intended)?.id ?? null;
    }
    last ??= moved[0] ?? null;
    ids = last ? [last] : [];
  }
  ids = ids.filter((id) => movedFromStart(job, id) || job.input.gripper.holding === id);
  if (ids.length === 0) throw new CorrectionError("nothing to put back: no object has moved from where it was at the session's start");
  return {
    state: job.state,
    understood: `put ${ids.join(', ')} back where ${ids.length > 1 ? 'they were' : 'it was'} at the session's start`,
    putBack: ids,
    onlyPutBack: true,
  };
}

// ---------------------------------------------------------------- skill changes

type Op = Step['op'];

function wantedOps(c: SkillChange, current: Op | null): Op[] {
  switch (c.kind) {
    case 'approach':
    case 'lift':
      return ['pick'];
    case 'release':
    case 'gentle':
    case 'turn':
      return ['place'];
    case 'shift':
      return ['place', 'push'];
    case 'push':
      return ['push'];
    case 'gap':
      return ['place'];
    case 'fingers':
    case 'avoid':
      return ['pick'];
    case 'height':
      return current === 'place' ? ['place'] : current === 'push' ? ['push'] : ['pick'];
    case 'speed':
      return current ? [current === 'hold' ? 'pick' : current] : ['pick', 'place', 'push'];
  }
}

/** The step a skill phrase applies to (index into job.written), and how it was chosen. */
function stepFor(job: Job, c: SkillChange): { index: number; how: string } {
  const w = job.written;
  const cur = job.reached;
  const ops = wantedOps(c, cur !== null ? w[cur]!.op : null);
  const fits = (i: number): boolean => ops.includes(w[i]!.op);
  if (cur !== null) {
    if (fits(cur)) return { index: cur, how: job.reachedHow };
    const id = w[cur]!.id;
    // The same object's pick before, or its place after.
    for (let i = cur - 1; i >= 0; i--)
      if (w[i]!.id === id && fits(i) && ops.includes('pick')) return { index: i, how: `the pick of ${id}, ${job.reachedHow}` };
    for (let i = cur + 1; i < w.length; i++) if (w[i]!.id === id && fits(i)) return { index: i, how: `the next ${w[i]!.op} of ${id}` };
    for (let i = cur + 1; i < w.length; i++) if (fits(i)) return { index: i, how: `the next ${w[i]!.op}` };
  }
  for (let i = w.length - 1; i >= 0; i--) if (fits(i)) return { index: i, how: `the last ${w[i]!.op}` };
  const what = c.kind === 'push' ? 'push' : ops.join(' or ');
  throw new CorrectionError(`the program has no ${what} step for "${describeSkill(c)}" to change`);
}

function describeSkill(c: SkillChange): string {
  switch (c.kind) {
    case 'approach':
      return `grasp from the ${c.approach}`;
    case 'lift':
    case 'release':
    case 'height':
      return `${c.kind} ${c.to !== null ? `to ${cm(c.to)}` : `${c.sign > 0 ? 'higher' : 'lower'}${c.by !== null ? ` by ${cm(c.by)}` : ''}`}`;
    case 'shift':
      return c.text;
    case 'gentle':
      return 'more gently';
    case 'speed':
      return 'slower';
    case 'turn':
      return `turn ${deg(c.angle)}`;
    case 'push':
      return `push ${c.by >= 0 ? `${cm(c.by)} more` : `${cm(-c.by)} less`}`;
    case 'gap':
      return c.to !== null ? `${cm(c.to)} between them` : c.by > 0 ? 'further apart' : 'closer together';
    case 'fingers':
      return `fingers closing ${c.axis === 'y' ? 'front to back' : 'left to right'}`;
    case 'avoid':
      return `keep clear of ${c.phrase.text}`;
  }
}

function targetPoint(job: Job, step: Step): Vec2 | null {
  if (step.op === 'push') return step.goal;
  if (step.op !== 'place') return null;
  const t = step.target;
  const pos = (id: string): Vec2 | null => {
    const o = objOf(job.now, id);
    return o ? [o.position[0], o.position[1]] : null;
  };
  switch (t.kind) {
    case 'xy':
      return t.xy;
    case 'object': {
      const p = pos(t.id);
      return p ? [p[0] + (t.offset?.[0] ?? 0), p[1] + (t.offset?.[1] ?? 0)] : null;
    }
    case 'relative': {
      const p = pos(t.id);
      return p ? [p[0] + t.delta[0], p[1] + t.delta[1]] : null;
    }
    case 'between': {
      const a = pos(t.ids[0]);
      const b = pos(t.ids[1]);
      return a && b ? [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] : null;
    }
  }
}

const r4 = (v: number): number => Math.round(v * 10000) / 10000;

/** Half the footprint of `o` along the unit direction `u` (its yaw counted). */
function halfAlong(o: ObjectInfo, u: Vec2): number {
  const c = Math.cos(o.yaw ?? 0);
  const s = Math.sin(o.yaw ?? 0);
  return (Math.abs(u[0] * c + u[1] * s) * o.size[0]) / 2 + (Math.abs(-u[0] * s + u[1] * c) * o.size[1]) / 2;
}

/** "leave 10 cm between them", "further apart": the place's aim moved so the edge-to-edge gap to the object beside it is that. */
function adjustGap(job: Job, g: Extract<SkillChange, { kind: 'gap' }>, step: Step, adj: StepAdjust): string {
  if (step.op !== 'place') throw new CorrectionError(`step ${step.description} puts nothing beside anything`);
  const t0 = targetPoint(job, step);
  if (!t0) throw new CorrectionError(`cannot tell where step ${step.description} aims`);
  const was = adj.offset ?? [0, 0];
  const t: Vec2 = [t0[0] + was[0], t0[1] + was[1]];
  const tg = step.target;
  if (tg.kind === 'object') throw new CorrectionError(`step ${step.description} puts ${step.id} on ${tg.id}, not beside it`);
  let candidates = tg.kind === 'relative' ? [tg.id] : tg.kind === 'between' ? [...tg.ids] : job.now.objects.map((o) => o.id);
  candidates = candidates.filter((id) => id !== step.id && objOf(job.now, id));
  const dist = (id: string): number => {
    const o = objOf(job.now, id)!;
    return Math.hypot(o.position[0] - t[0], o.position[1] - t[1]);
  };
  const ref = candidates.sort((a, b) => dist(a) - dist(b))[0];
  if (!ref) throw new CorrectionError(`no object beside ${step.id} to keep a gap to`);
  const r = objOf(job.now, ref)!;
  const me = objOf(job.now, step.id) ?? objOf(job.start, step.id)!;
  const v: Vec2 = [t[0] - r.position[0], t[1] - r.position[1]];
  const n = Math.hypot(v[0], v[1]);
  const u: Vec2 = g.dir ?? (n > 1e-3 ? [v[0] / n, v[1] / n] : [1, 0]);
  const along = v[0] * u[0] + v[1] * u[1];
  const edges = halfAlong(r, u) + halfAlong(me, u);
  const gapNow = along - edges;
  const gap = g.to ?? Math.max(0.005, gapNow + g.by);
  // Keep the aim across the direction; set the distance along it.
  const across: Vec2 = [v[0] - along * u[0], v[1] - along * u[1]];
  const goal: Vec2 = [r.position[0] + across[0] + u[0] * (gap + edges), r.position[1] + across[1] + u[1] * (gap + edges)];
  adj.offset = [r4(goal[0] - t0[0]), r4(goal[1] - t0[1])];
  const side = g.dir ? ` on its ${g.dir[0] > 0 ? 'right' : g.dir[0] < 0 ? 'left' : g.dir[1] > 0 ? 'back' : 'front'}` : '';
  return `leave ${cm(gap)} between ${step.id} and ${ref}${side} (was ${cm(gapNow)}; offset [${adj.offset.join(', ')}])`;
}

/** One skill change applied to the adjustment of a step; returns what changed, in words. */
function adjustStep(job: Job, c: SkillChange, step: Step, adj: StepAdjust): string {
  const kind = c.kind === 'height' ? (step.op === 'place' ? 'release' : 'lift') : c.kind;
  switch (kind) {
    case 'approach': {
      const a = (c as Extract<SkillChange, { kind: 'approach' }>).approach;
      const was = adj.graspYaw !== undefined ? 'top' : (adj.approach ?? 'top');
      if (was === a) throw new CorrectionError(`${step.id} is already grasped from the ${a}: the correction changes nothing`);
      adj.approach = a;
      delete adj.graspYaw;
      return `grasp from the ${a} instead of the ${was}`;
    }
    case 'lift': {
      const h = c as { to: number | null; by: number | null; sign: 1 | -1 };
      if (step.op !== 'pick') throw new CorrectionError(`step ${step.description} lifts nothing`);
      const was = adj.liftHeight ?? step.liftHeight ?? 0.1;
      const next = h.to !== null ? h.to + 0.015 : was + h.sign * (h.by ?? (h.sign > 0 ? 0.05 : 0.03));
      const v = r4(Math.min(0.4, Math.max(0.02, next)));
      if (Math.abs(v - was) < 1e-4) throw new CorrectionError(`the lift is already ${cm(was)}: the correction changes nothing`);
      adj.liftHeight = v;
      return `lift ${cm(v)} instead of ${cm(was)}`;
    }
    case 'release': {
      const h = c as { to: number | null; by: number | null; sign: 1 | -1 };
      const was = adj.releaseHeight ?? 0.005;
      const next = h.to !== null ? h.to : h.by !== null ? was + h.sign * h.by : h.sign < 0 ? 0.001 : was + 0.02;
      const v = r4(Math.min(0.2, Math.max(0, next)));
      if (Math.abs(v - was) < 1e-4)
        throw new CorrectionError(`it is already let go ${cm(was)} above the support: the correction changes nothing`);
      adj.releaseHeight = v;
      return `let go ${cm(v)} above the support instead of ${cm(was)}`;
    }
    case 'gentle': {
      const was = adj.releaseHeight ?? 0.005;
      adj.releaseHeight = Math.min(was, 0.001);
      adj.settle = Math.max(adj.settle ?? 0, 0.5);
      adj.speed = r4(Math.min(adj.speed ?? DEFAULT_SPEED, 0.15));
      return `set it down gently: let go ${cm(adj.releaseHeight)} above the support, at ${adj.speed} m/s, and let it settle`;
    }
    case 'speed': {
      const f = (c as { factor: number }).factor;
      const was = adj.speed ?? DEFAULT_SPEED;
      adj.speed = r4(Math.max(0.02, was * f));
      return `move at most ${adj.speed} m/s instead of ${was} m/s`;
    }
    case 'turn': {
      const a = (c as { angle: number }).angle;
      const was = adj.turn ?? 0;
      adj.turn = r4(was + a);
      adj.heading = null;
      return `turn it ${deg(adj.turn)} before setting it down${was ? ` instead of ${deg(was)}` : ''}`;
    }
    case 'push': {
      if (step.op !== 'push') throw new CorrectionError(`step ${step.description} is not a push`);
      const by = (c as { by: number }).by;
      const was = adj.pushExtra ?? 0;
      const total = step.distance + was + by;
      if (total < 0.005)
        throw new CorrectionError(`a push ${cm(-by)} shorter would not move ${step.id} at all (it is ${cm(step.distance + was)})`);
      adj.pushExtra = r4(was + by);
      return `push ${cm(step.distance + adj.pushExtra)} instead of ${cm(step.distance + was)}`;
    }
    case 'gap':
      return adjustGap(job, c as Extract<SkillChange, { kind: 'gap' }>, step, adj);
    case 'fingers':
    case 'avoid': {
      if (step.op !== 'pick') throw new CorrectionError(`step ${step.description} grasps nothing`);
      let axis: 'x' | 'y';
      let why: string;
      if (c.kind === 'fingers') {
        axis = c.axis;
        why = '';
      } else {
        const a = c as Extract<SkillChange, { kind: 'avoid' }>;
        const other = nearestNamed(job, a.phrase, step.id);
        const o = objOf(job.now, other)!;
        const me = objOf(job.now, step.id)!;
        const v = [o.position[0] - me.position[0], o.position[1] - me.position[1]];
        // The fingers open along the axis they close on: keep that axis away from the other object.
        axis = Math.abs(v[0]) >= Math.abs(v[1]) ? 'y' : 'x';
        why = ` to keep the fingers clear of ${other} (${Math.abs(v[0]) >= Math.abs(v[1]) ? (v[0] > 0 ? 'right of' : 'left of') : v[1] > 0 ? 'behind' : 'in front of'} ${step.id})`;
      }
      const heading = axis === 'y' ? r4(Math.PI / 2) : 0;
      if (adj.graspYaw !== undefined && Math.abs(adj.graspYaw - heading) < 1e-3)
        throw new CorrectionError(
          `${step.id} is already grasped with the fingers closing ${axis === 'y' ? 'front to back' : 'left to right'}: the correction changes nothing`,
        );
      adj.graspYaw = heading;
      delete adj.approach;
      return `grasp ${step.id} from above with the fingers closing ${axis === 'y' ? 'front to back' : 'left to right'}${why}`;
    }
    case 'shift': {
      const s = c as Extract<SkillChange, { kind: 'shift' }>;
      let d: Vec2;
      if (s.dir) d = [s.dir[0] * s.by, s.dir[1] * s.by];
      else if (s.inward) {
        // Toward the middle of what it is put on (or in).
        const t = targetPoint(job, step);
        const on = step.op === 'place' && step.target.kind === 'object' ? objOf(job.now, step.target.id) : undefined;
        if (!t || !on) throw new CorrectionError(`step ${step.description} puts ${step.id} on nothing to move it further onto`);
        const was0 = adj.offset ?? [0, 0];
        const v: Vec2 = [on.position[0] - (t[0] + was0[0]), on.position[1] - (t[1] + was0[1])];
        const n = Math.hypot(v[0], v[1]);
        if (n < 0.005) throw new CorrectionError(`step ${step.description} already aims at the middle of ${on.id}`);
        const by = Math.min(s.by, n);
        d = [(v[0] * by) / n, (v[1] * by) / n];
      } else {
        const ref = resolveOne(job, s.toward!, { want: 'any' });
        const o = objOf(job.now, ref)!;
        const t = targetPoint(job, step);
        if (!t) throw new CorrectionError(`cannot tell where step ${step.description} aims`);
        const v: Vec2 = [o.position[0] - t[0], o.position[1] - t[1]];
        const n = Math.hypot(v[0], v[1]);
        if (n < 0.005) throw new CorrectionError(`step ${step.description} already aims at ${ref}`);
        const by = Math.min(s.by, s.away ? s.by : n);
        d = [((s.away ? -1 : 1) * v[0] * by) / n, ((s.away ? -1 : 1) * v[1] * by) / n];
      }
      if (step.op === 'push') {
        const start: Vec2 = [step.goal[0] - step.direction[0] * step.distance, step.goal[1] - step.direction[1] * step.distance];
        const was = adj.direction ?? step.direction;
        const prevGoal: Vec2 = [
          start[0] + was[0] * (step.distance + (adj.pushExtra ?? 0)),
          start[1] + was[1] * (step.distance + (adj.pushExtra ?? 0)),
        ];
        const goal: Vec2 = [prevGoal[0] + d[0], prevGoal[1] + d[1]];
        const v: Vec2 = [goal[0] - start[0], goal[1] - start[1]];
        const n = Math.hypot(v[0], v[1]);
        adj.direction = [r4(v[0] / n), r4(v[1] / n)];
        adj.pushExtra = r4(n - step.distance);
        return `push toward [${goal.map((x) => Math.round(x * 1000) / 1000).join(', ')}] (${cm(Math.hypot(d[0], d[1]))} ${s.text})`;
      }
      if (step.op !== 'place') throw new CorrectionError(`step ${step.description} puts nothing anywhere`);
      const was = adj.offset ?? [0, 0];
      adj.offset = [r4(was[0] + d[0]), r4(was[1] + d[1])];
      return `aim ${cm(Math.hypot(d[0], d[1]))} ${s.dir || s.inward ? s.text : `${s.away ? 'away from' : 'toward'} ${s.toward!.text}`} (offset [${adj.offset.map((x) => Math.round(x * 1000) / 1000).join(', ')}])`;
    }
  }
  return '';
}

function applySkill(job: Job, changes: SkillChange[]): { state: ProgramState; understood: string; steps: number[] } {
  const adjust: Record<string, StepAdjust> = Object.fromEntries(Object.entries(job.state.adjust).map(([k, v]) => [k, { ...v }]));
  const said: string[] = [];
  const steps: number[] = [];
  for (const c of changes) {
    if (c.kind === 'speed' && job.reached === null) {
      // "slower" with no step reached: every motion step.
      const all = job.written.map((w, i) => ({ w, i })).filter((x) => x.w.op !== 'hold' && !x.w.key.startsWith('back:'));
      for (const { w, i } of all) {
        const step = job.before.steps[job.before.keys.indexOf(w.key)];
        if (!step) continue;
        adjustStep(job, c, step, (adjust[w.key] ??= {}));
        if (!steps.includes(i)) steps.push(i);
      }
      if (all.length === 0) throw new CorrectionError('the program has no step to do slower');
      said.push(`move at most ${adjust[all[0]!.w.key]!.speed} m/s in every step (${all.length})`);
      continue;
    }
    const { index, how } = stepFor(job, c);
    const w = job.written[index]!;
    const step = job.before.steps[job.before.keys.indexOf(w.key)];
    if (!step) throw new CorrectionError(`step ${index + 1} (${w.description}) is no longer in the plan`);
    const adj = (adjust[w.key] ??= {});
    said.push(`${adjustStep(job, c, step, adj)} at ${stepName(w, index)}, ${how}`);
    if (!steps.includes(index)) steps.push(index);
  }
  return { state: { ...job.state, adjust }, understood: said.join('; '), steps };
}

// ---------------------------------------------------------------- writing

/** The steps a continued program runs: the held object not picked again, what already holds skipped, wrongly moved objects put back. */
function continueSteps(
  job: Job,
  planned: Planned,
  opts: { putBack: string[]; redoFrom: string | null; regrasp: boolean; state: ProgramState },
): { steps: Step[]; keys: string[]; skipped: string[]; pre: PreStep | null } {
  const held = job.input.gripper.holding;
  const skipped: string[] = [];
  let steps = planned.steps.map((s, i) => ({ s, key: planned.keys[i]! }));
  const redo = opts.redoFrom ? steps.findIndex((x) => x.key === opts.redoFrom) : -1;
  const keep: typeof steps = [];
  for (let i = 0; i < steps.length; i++) {
    const { s } = steps[i]!;
    const next = steps[i + 1]?.s;
    const mustRun = redo >= 0 && i >= redo;
    // A pick whose place is corrected runs again too (the object is picked up from where it lies now).
    if (
      !mustRun &&
      !(redo >= 0 && i + 1 >= redo) &&
      s.op === 'pick' &&
      next?.op === 'place' &&
      next.id === s.id &&
      held !== s.id &&
      holdsNow(next.expect, job)
    ) {
      skipped.push(s.description, next.description);
      i++;
      continue;
    }
    if (!mustRun && s.op === 'push' && holdsNow(s.expect, job)) {
      skipped.push(s.description);
      continue;
    }
    keep.push(steps[i]!);
  }
  steps = keep;
  const front: { s: Step; key: string }[] = [];
  let pre: PreStep | null = null;
  let holding = held;
  for (const id of opts.putBack) {
    if (steps.some((x) => x.s.id === id) && id !== held) continue;
    for (const s of putBackSteps(job, id)) front.push({ s, key: `back:${id}` });
    if (id === holding) holding = null;
  }
  if (holding) {
    const i = steps.findIndex((x) => x.s.id === holding);
    const first = steps[i];
    if (i === 0 && first?.s.op === 'pick') {
      if (opts.regrasp) {
        // The grasp itself was corrected: set it down where it was picked (gripper moves,
        // not a step of the plan), then pick it again as told.
        pre = setDown(job, holding);
      } else {
        // Every pick of it before it is set down is done already (a plan may lift it twice);
        // a corrected lift on any of them raises it where it is.
        let lift: number | undefined;
        while (steps[0]?.s.op === 'pick' && steps[0].s.id === holding) {
          const done = steps.shift()!;
          skipped.push(`${done.s.description} (already held)`);
          lift = opts.state.adjust[done.key]?.liftHeight ?? lift;
        }
        if (lift !== undefined) pre = raise(holding, lift);
      }
    } else if (!(i === 0 && first?.s.op === 'place')) {
      // Held but not wanted next: put it down where it was first.
      for (const s of putBackSteps(job, holding)) front.push({ s, key: `back:${holding}` });
    }
  }
  const all = [...front, ...steps];
  return { steps: all.map((x) => x.s), keys: all.map((x) => x.key), skipped, pre };
}

/** Gripper moves written before the steps of a continued program (not steps of the plan). */
interface PreStep {
  id: string;
  description: string;
  expect: Predicate;
  lines: string[];
}

/** The held object raised so its bottom is `lift` above the table (a corrected lift, already held). */
function raise(id: string, lift: number): PreStep {
  return {
    id,
    description: `lift ${id} (already held) so its bottom is ${cm(lift)} above the table`,
    expect: { grasped: id },
    lines: [`moveBy([0, 0, Math.max(0, Math.min(${lift} - getBBox('${id}').min[2], 0.44 - getGripper().position[2]))]);`],
  };
}

/** The held object set down where it was at the session's start, to be grasped again another way. */
function setDown(job: Job, id: string): PreStep {
  const o = objOf(job.start, id)!;
  const xy = [Math.round(o.position[0] * 1000) / 1000, Math.round(o.position[1] * 1000) / 1000];
  return {
    id,
    description: `set ${id} down where it was, to grasp it again`,
    expect: { onTable: id },
    lines: [
      `moveTo([${xy[0]}, ${xy[1]}]);`,
      `moveBy([0, 0, -Math.max(0, getBBox('${id}').min[2] - 0.003)]);`,
      'openGripper();',
      'moveBy([0, 0, 0.06]);',
    ],
  };
}

/** The program for `steps` (keys of the full plan) with the state's adjustments. */
function write(
  job: Job,
  state: ProgramState,
  steps: Step[],
  keys: string[],
  comments: string[],
  pre: PreStep | null,
): { program: string; plan: string[]; written: WrittenStep[] } {
  // writeProgram keys its adjustments by its own step keys: move them over from the full plan's.
  const ownKeys = stepKeys(steps);
  const adjust: Record<string, StepAdjust> = {};
  keys.forEach((k, i) => {
    const a = state.adjust[k];
    if (a && !k.startsWith('back:')) adjust[ownKeys[i]!] = a;
  });
  const out = writeProgram(job.ctx.instruction, steps, { ...state, adjust }, comments);
  let program = out.program;
  let plan = out.plan;
  const g = job.input.gripper;
  if (job.input.mode === 'continue' && job.input.reached !== 'not-run' && !g.holding && g.position[2] < LOW_GRIPPER) {
    // Continued with an empty gripper left low (a grasp that failed among the objects): rise
    // clear first, so the next skill does not start by dragging the fingers through them.
    const lines = program.split('\n');
    const at = lines.findIndex((l) => l.startsWith('subgoal('));
    if (at >= 0) {
      lines.splice(at, 0, `moveBy([0, 0, Math.max(0, ${RISE_TO} - getGripper().position[2])]);`, '');
      program = lines.join('\n');
    }
  }
  if (pre) {
    const lines = program.split('\n');
    const at = lines.findIndex((l) => l.startsWith('subgoal('));
    const idx = at < 0 ? lines.length - 1 : at;
    lines.splice(
      idx,
      0,
      `subgoal(${jsString(pre.description)}, { expect: ${JSON.stringify(pre.expect).replace(/"/g, "'")} });`,
      ...pre.lines,
      ...(at < 0 ? [] : ['']),
    );
    program = lines.join('\n');
    plan = [`1. ${pre.description}`, ...plan.map((p, i) => p.replace(/^\d+\./, `${i + 2}.`))];
    // The written steps: the pre-step (keyed as the held object's pick), then the plan's.
    const preLine = idx + 1;
    const rest = writtenSteps(lines.map((l, i) => (i + 1 === preLine ? '' : l)).join('\n'), steps, keys);
    const pickKey = job.before.keys.find((k) => k.startsWith(`pick:${pre.id}#`)) ?? `pick:${pre.id}#0`;
    return { program, plan, written: [{ key: pickKey, op: 'pick', id: pre.id, description: pre.description, line: preLine }, ...rest] };
  }
  const written = writtenSteps(program, steps, keys);
  return { program, plan, written };
}

/**
 * Continue: a push "by a distance" counts from where its object was at the session's start,
 * so "push it 20 cm more" after a push that already moved it pushes only what is left
 * (the goal as planned on the start scene, plus the corrections' extra), not 20 cm on top
 * of the whole distance again. Only for the written program; the memo keeps the totals.
 */
function pushesFromNow(job: Job, state: ProgramState, steps: Step[], keys: readonly string[]): ProgramState {
  let fromStart: Planned;
  try {
    fromStart = planOn({ ctx: job.ctx, start: job.start, now: job.start }, state);
  } catch {
    return state;
  }
  const adjust = { ...state.adjust };
  steps.forEach((st, i) => {
    if (st.op !== 'push') return;
    const k = keys[i]!;
    const s0 = fromStart.steps[fromStart.keys.indexOf(k)];
    if (s0?.op !== 'push' || s0.id !== st.id) return;
    // A push to a fixed place plans the same goal from anywhere: nothing to count.
    if (Math.hypot(s0.goal[0] - st.goal[0], s0.goal[1] - st.goal[1]) < 0.01) return;
    const now = objOf(job.now, st.id);
    if (!now) return;
    const a = adjust[k] ?? {};
    const dir = a.direction ?? s0.direction;
    const n = Math.hypot(dir[0], dir[1]) || 1;
    const u: Vec2 = [dir[0] / n, dir[1] / n];
    const origin: Vec2 = [s0.goal[0] - s0.direction[0] * s0.distance, s0.goal[1] - s0.direction[1] * s0.distance];
    const total = s0.distance + (a.pushExtra ?? 0);
    const goal: Vec2 = [origin[0] + u[0] * total, origin[1] + u[1] * total];
    const left = (goal[0] - now.position[0]) * u[0] + (goal[1] - now.position[1]) * u[1];
    adjust[k] = { ...a, direction: [r4(u[0]), r4(u[1])], pushExtra: r4(Math.max(0.005, left) - st.distance) };
    // Its checkpoint expects the goal counted from the session's start too.
    const g: Vec2 = [r4(goal[0]), r4(goal[1])];
    steps[i] = {
      ...st,
      goal: g,
      expect: { all: [{ near: [st.id, g, r4(Math.max(0.025, total * 0.25))] }, { onTable: st.id }] },
    };
  });
  return { ...state, adjust };
}

// ---------------------------------------------------------------- an instruction completed by a correction

/** The instruction with its unreadable place ("at 'in a corner'" in the read error) replaced by the correction's. */
function completeInstruction(instruction: string, err: unknown, clause: string): string | null {
  const msg = err instanceof Error ? err.message : String(err);
  const m = /\bat '([^']+)'/.exec(msg);
  if (!m) return null;
  const bad = m[1]!;
  const i = instruction.toLowerCase().indexOf(bad.toLowerCase());
  if (i < 0) return null;
  return `${instruction.slice(0, i)}${clause}${instruction.slice(i + bad.length)}`;
}

/** The whole program for the completed instruction (continue: on the world now; the held object is placed, not picked). */
function writeCompleted(
  ctx: ProgramContext,
  input: CorrectionInput,
  state: ProgramState,
  planned: Planned,
  instruction: string,
  notes: string[],
): CorrectionDraft {
  let steps = planned.steps;
  if (input.mode === 'continue' && input.gripper.holding) {
    const held = input.gripper.holding;
    while (steps[0]?.op === 'pick' && steps[0].id === held) steps = steps.slice(1);
  }
  const understood = `the instruction read as "${instruction}"`;
  const keys = stepKeys(steps);
  const out = writeProgram(ctx.instruction, steps, state, [
    `correction ${input.index + 1} (plan, ${input.mode}): "${input.text.replace(/\s+/g, ' ').slice(0, 200)}"`,
    `understood: ${understood}`,
    ...planned.notes,
    ...notes,
  ]);
  const hash = programHash(out.program);
  const memo: ProgramState = { ...state, written: writtenSteps(out.program, steps, keys), programs: [...state.programs, hash] };
  return {
    program: out.program,
    plan: out.plan,
    error: null,
    usage: { ...NO_USAGE },
    promptTokens: 0,
    notes: [`plan: ${understood}`, ...notes],
    memo,
    class: 'plan',
    understood,
  };
}

// ---------------------------------------------------------------- the entry point

/** RuleProgrammer.correct: read the correction, change the memo, write the program for the world it will run in. */
export function correctProgram(ctx: ProgramContext, input: CorrectionInput): CorrectionDraft {
  let reading: CorrectionReading;
  try {
    reading = readCorrection(input.text);
  } catch (e) {
    if (e instanceof CorrectionReadError) return fail(input.classHint, 'nothing it could read', e.message);
    throw e;
  }
  const cls = reading.class;
  const prior = readState(input.memo);
  const notes: string[] = [];
  if (!prior && input.program.trim() !== '')
    notes.push('the program was not written by the rule programmer: planned again from the instruction');
  let state = prior ?? emptyState();
  const start: SceneFacts = {
    objects: input.mode === 'continue' && input.sessionStart.length > 0 ? input.sessionStart : ctx.objects,
    zones: ctx.scene.zones,
  };
  const now: SceneFacts = { objects: ctx.objects, zones: ctx.scene.zones };
  const base = { ctx, start, now };
  let before: Planned;
  try {
    // The program being corrected, as planned for the scene at the session's start (its step lines), and now.
    before = planOn(base, state);
  } catch (e) {
    // An instruction it cannot read ("in a corner") completed by a correction that names the place: read that instead.
    const completed =
      reading.plan?.kind === 'target' && !reading.plan.subject ? completeInstruction(ctx.instruction, e, reading.plan.clause) : null;
    if (completed) {
      try {
        const st: ProgramState = {
          ...state,
          amend: { ...state.amend, edits: { ...(state.amend.edits ?? emptyEdits()), instruction: completed } },
        };
        const planned = planOn(base, st);
        state = st;
        notes.push(`the instruction could not be read as given: read as "${completed}"`);
        const fresh = { ...reading, plan: null, class: 'plan' as const };
        void fresh;
        return writeCompleted(ctx, input, state, planned, completed, notes);
      } catch {
        // fall through to the one-line answer
      }
    }
    return fail(
      cls,
      reading.parts.join('; '),
      `cannot correct: the instruction cannot be planned (${isReadFailure(e) || e instanceof Error ? e.message : String(e)})`,
    );
  }
  let written = prior?.written;
  if (!written || written.length === 0) {
    try {
      const orig = planOn({ ctx, start, now: start }, state);
      written = writtenSteps(input.program, orig.steps, orig.keys);
    } catch {
      written = writtenSteps(input.program, before.steps, before.keys);
    }
  }
  const r = findReached(input, written);
  const job: Job = { ctx, input, state, start, now, written, before, reached: r.index, reachedHow: r.how, notes };
  try {
    let next: ProgramState;
    let understood: string;
    let putBack: string[] = [];
    let redoFrom: string | null = null;
    let regrasp = false;
    let onlyPutBack = false;
    if (reading.plan) {
      const a = applyPlan(job, reading.plan);
      next = a.state;
      understood = a.understood;
      putBack = a.putBack;
      onlyPutBack = a.onlyPutBack ?? false;
    } else {
      const a = applySkill(job, reading.skill);
      next = a.state;
      understood = a.understood;
      const first = Math.min(...a.steps);
      redoFrom = job.written[first]!.key;
      regrasp = reading.skill.some((c) => c.kind === 'approach') && job.written[first]!.op === 'pick';
    }
    // Objects the new program first puts back are planned around where they will be.
    const planned = planOn(putBack.length > 0 ? { ...job, now: afterPutBack(job, putBack) } : job, next);
    if (cls === 'skill') {
      // A skill correction changes how steps are done, never which steps in which order.
      const skel = (ps: Planned): string => ps.steps.map((s, i) => `${s.op}:${s.id}:${ps.keys[i]}`).join(' ');
      if (skel(planned) !== skel(before)) throw new CorrectionError("the skill change would change the plan's steps");
    }
    let steps: Step[];
    let keys: string[];
    let skipped: string[] = [];
    let pre: PreStep | null = null;
    if (onlyPutBack) {
      steps = [];
      keys = [];
      for (const id of putBack) for (const s of putBackSteps(job, id)) steps.push(s), keys.push(`back:${id}`);
    } else if (input.mode === 'continue' && input.reached !== 'not-run') {
      const c = continueSteps(job, planned, {
        putBack: putBack.filter((id) => movedFromStart(job, id) || input.gripper.holding === id),
        redoFrom,
        regrasp,
        state: next,
      });
      ({ steps, keys, skipped, pre } = c);
    } else {
      steps = planned.steps;
      keys = planned.keys;
    }
    if (steps.length === 0 && !pre) {
      return fail(
        cls,
        understood,
        `nothing left to do after "${input.text}": ${understood}, and every step already holds in the scene now`,
      );
    }
    const comments = [
      `correction ${input.index + 1} (${cls}, ${input.mode}): "${input.text.replace(/\s+/g, ' ').slice(0, 200)}"`,
      `understood: ${understood}`,
      ...(skipped.length ? [`skipped (already done): ${skipped.join('; ')}`] : []),
      ...planned.intents.map((it) => `intent: ${describeIntent(it)}`),
      ...planned.notes,
      ...notes,
    ];
    const toWrite = input.mode === 'continue' && input.reached !== 'not-run' ? pushesFromNow(job, next, steps, keys) : next;
    const out = write(job, toWrite, steps, keys, comments, pre);
    const hash = programHash(out.program);
    if (hash === programHash(input.program)) {
      return fail(cls, understood, `the correction changes nothing in the program (${understood})`);
    }
    const memo: ProgramState = {
      ...next,
      written: out.written,
      programs: next.programs.includes(hash) ? next.programs : [...next.programs, hash],
    };
    return {
      program: out.program,
      plan: out.plan,
      error: null,
      usage: { ...NO_USAGE },
      promptTokens: 0,
      notes: [`${cls}: ${understood}`, ...(skipped.length ? [`skipped, already done: ${skipped.join('; ')}`] : []), ...notes],
      memo,
      class: cls,
      understood,
    };
  } catch (e) {
    if (e instanceof CorrectionError || isReadFailure(e)) {
      return fail(cls, reading.parts.join('; '), `understood "${reading.parts.join('", "')}" but ${e.message}; ${CORRECTION_FORMS}`);
    }
    throw e;
  }
}

export { CORRECTION_FORMS };
