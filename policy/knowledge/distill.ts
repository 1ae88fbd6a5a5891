// Distillation by rule (docs/knowledge.md#distillation): what a correction or a repair
// changed, turned into general knowledge entries. It reads programs, not words, so it works
// on any programmer's programs:
//
// - skill: a pick/place/push of the same object whose literal options changed between the
//   program before and after (approach, lift height, release height, push height, speed) →
//   one entry per object and skill, scoped to the object's shape class and size and carrying
//   its appearance; offsets and headings are left out (they belong to one scene's geometry).
// - plan: the corrected program takes off what rested on or in an object before moving that
//   object, where the program before did not → the rule "take off what stands on it first"
//   (params.rule = 'clear-first'), for any shape: taught on a box, it is needed on a tray or
//   a bowl too (retrieval checks its precondition in each scene).
// - plan: an object the program before carried is pushed instead → "push it if it will not
//   lift" (params.rule = 'push-if-unliftable'): weight does not show, so the builtin applies
//   it as a fallback after a failed pick, never as a choice by looks.
//
// A correction that changed neither (which block, which bowl, a corner) is about one task,
// not knowledge: nothing is distilled from it. The LLM programmer distils with a prompt
// instead (policy/programmers/prompts/distill-prompt.ts) and falls back to this.

import type { ObjectInfo } from '../../sim/index.ts';
import { appearanceFromFacts, describeAppearance } from './appearance.ts';
import { stepCalls, type StepCall } from './program-calls.ts';
import type { AppearanceFeatures, KnowledgeSkill, KnowledgeSource, NewKnowledge } from './types.ts';

/**
 * The options of each skill that knowledge can carry: the program API's option names, and
 * for push `shorten` — how much less far (m; negative: further) than the distance to its
 * goal a push goes, from a corrected distance argument (a pushed ball rolls on).
 */
export const LEARNABLE_OPTIONS: Record<KnowledgeSkill, readonly string[]> = {
  pick: ['approach', 'liftHeight', 'speed'],
  place: ['releaseHeight', 'speed'],
  push: ['height', 'speed', 'shorten'],
};

/** A push distance change smaller than this is not a lesson (m). */
const MIN_SHORTEN = 0.005;

/** One applied correction of a session that ended with the task done. */
export interface DistillCorrection {
  text: string;
  class: 'plan' | 'skill';
  programBefore: string;
  programAfter: string;
  /**
   * continue: the program after was written for the world as the one before left it, so
   * its computed arguments (a push's distance) are not comparable with the one before's;
   * restart (or absent): both start from the same scene.
   */
  mode?: 'continue' | 'restart';
  /** The programmer's memos of the two drafts (its own distiller may read them; opaque here). */
  memoBefore?: unknown;
  memoAfter?: unknown;
}

/** What an episode or session that ended well offers to learn from. */
export interface DistillInput {
  taskId: string;
  seed: number;
  instruction: string;
  /** The objects at the start (as the programmer saw them). */
  objects: readonly ObjectInfo[];
  /** Appearance per object id (rendered when a renderer ran; else from the facts). */
  appearance?: ReadonlyMap<string, AppearanceFeatures>;
  programmer: string;
  /** The record folder, when there is one. */
  session: string | null;
  /** Applied corrections not taken back, in order. */
  corrections: readonly DistillCorrection[];
  /** The first program and the program that solved it, when repairs changed it. */
  repair?: { programBefore: string; programAfter: string; memoBefore?: unknown; memoAfter?: unknown } | null;
  /** Wall-clock time (ISO); now when absent. */
  at?: string;
}

const round3 = (v: unknown): unknown => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v);

/** `{ approach: 'side' }` → "grasp it from the side"; one phrase per option. */
export function paramPhrases(skill: KnowledgeSkill, params: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    const cm = typeof v === 'number' ? `${Math.round(v * 1000) / 10} cm` : String(v);
    if (k === 'approach') out.push(v === 'side' ? 'grasp it from the side' : 'grasp it from above');
    else if (k === 'liftHeight') out.push(`lift it to ${cm}`);
    else if (k === 'releaseHeight') out.push(`let go of it ${cm} above the surface`);
    else if (k === 'height' && skill === 'push') out.push(`push it at ${cm} above the table`);
    else if (k === 'speed') out.push(`move slowly (at most ${v} m/s)`);
    else if (k === 'shorten' && typeof v === 'number')
      out.push(
        v > 0
          ? `push it ${cm} less far than the distance to where it should end (it rolls on)`
          : `push it ${Math.round(-v * 1000) / 10} cm further than the distance to where it should end`,
      );
    else out.push(`${k}: ${JSON.stringify(v)}`);
  }
  return out;
}

const SKILL_WORDS: Record<KnowledgeSkill, string> = { pick: 'picking up', place: 'setting down', push: 'pushing' };

/** "tall thin cylinder, 14 cm × 4.5 cm, mostly white" → "a tall thin cylinder (14 cm × 4.5 cm, mostly white)". */
function objectPhrase(looks: string): string {
  const [head = 'object', ...rest] = looks.split(', ');
  return `${/^[aeiou]/i.test(head) ? 'an' : 'a'} ${head}${rest.length > 0 ? ` (${rest.join(', ')})` : ''}`;
}

function skillText(skill: KnowledgeSkill, params: Record<string, unknown>, looks: string): string {
  return `When ${SKILL_WORDS[skill]} ${objectPhrase(looks)}: ${paramPhrases(skill, params).join(', ')}.`;
}

/**
 * The learnable options that differ between two calls of the same skill on the same object
 * (the after values); a push's distance only when both programs start from the same scene.
 */
function changedOptions(before: StepCall, after: StepCall, sameStart: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (sameStart && after.skill === 'push' && before.distance !== undefined && after.distance !== undefined) {
    const shorten = Math.round((before.distance - after.distance) * 1000) / 1000;
    if (Math.abs(shorten) >= MIN_SHORTEN) out.shorten = shorten;
  }
  for (const k of LEARNABLE_OPTIONS[after.skill]) {
    if (k === 'shorten') continue;
    const a = round3(before.options[k]);
    const b = round3(after.options[k]);
    if (b !== undefined && JSON.stringify(a) !== JSON.stringify(b)) out[k] = b;
  }
  return out;
}

/** Words of the instruction that name actions (scope verbs). */
function instructionVerbs(instruction: string): string[] {
  const verbs = ['pick', 'put', 'place', 'move', 'lift', 'stack', 'push', 'stand', 'lay', 'set', 'drop', 'take', 'empty', 'grab', 'carry'];
  const words = new Set(instruction.toLowerCase().match(/[a-z]+/g) ?? []);
  return verbs.filter((v) => words.has(v));
}

function objectById(objects: readonly ObjectInfo[], id: string | null): ObjectInfo | undefined {
  return id === null ? undefined : objects.find((o) => o.id === id);
}

function skillEntries(
  before: string,
  after: string,
  input: DistillInput,
  source: KnowledgeSource,
  seen: Set<string>,
  sameStart: boolean,
): NewKnowledge[] {
  const b = stepCalls(before);
  const a = stepCalls(after);
  const out: NewKnowledge[] = [];
  for (const call of a) {
    if (call.id === null) continue;
    // The same skill on the same object in the program before (the last one, in program order).
    const prev = [...b].reverse().find((c) => c.skill === call.skill && c.id === call.id);
    const changed = prev ? changedOptions(prev, call, sameStart) : {};
    // A call with learnable options that the program before did not make at all (a step it
    // never reached is not a change of how it is done): nothing to compare, nothing learned.
    if (Object.keys(changed).length === 0) continue;
    const e = skillEntry(input, source, call.skill, call.id, changed, prev ? [prev.text] : [], [call.text], seen);
    if (e) out.push(e);
  }
  return out;
}

/**
 * One skill entry: `skill` on object `id` is done with `params` (the program API's option
 * names and values); scoped to the object's shape class and size, with its appearance.
 * Null when the object is not in the scene or `seen` already holds the same change.
 */
export function skillEntry(
  input: DistillInput,
  source: KnowledgeSource,
  skill: KnowledgeSkill,
  id: string,
  params: Record<string, unknown>,
  before: string[],
  after: string[],
  seen: Set<string>,
): NewKnowledge | null {
  const obj = objectById(input.objects, id);
  if (!obj || Object.keys(params).length === 0) return null;
  const key = `${skill}:${obj.id}:${JSON.stringify(params)}`;
  if (seen.has(key)) return null;
  seen.add(key);
  const appearance = input.appearance?.get(obj.id) ?? appearanceFromFacts(obj);
  const [w, d, h] = obj.size;
  const width = Math.max(w, d);
  return {
    kind: 'skill',
    text: skillText(skill, params, describeAppearance(appearance)),
    skill,
    params,
    scope: {
      shapes: [obj.shape],
      sizeRange: { height: [h, h], width: [width, width] },
      verbs: [...new Set([skill, ...instructionVerbs(input.instruction)])],
      taskIds: [input.taskId],
    },
    appearance,
    before,
    after,
    sources: [source],
  };
}

/** The source of an entry from this episode: a correction's words, or a repair. */
export function distillSource(input: DistillInput, origin: KnowledgeSource['origin'], correction: string | null): KnowledgeSource {
  return {
    origin,
    session: input.session,
    correction,
    taskId: input.taskId,
    seed: input.seed,
    at: input.at ?? new Date().toISOString(),
    programmer: input.programmer,
  };
}

/** Whether `a` rests on `b` or stands in it at the start (its centre over b's footprint, its bottom within b's height band). */
export function restsOnOrIn(a: ObjectInfo, b: ObjectInfo): boolean {
  if (a.id === b.id) return false;
  const dx = a.position[0] - b.position[0];
  const dy = a.position[1] - b.position[1];
  const c = Math.cos(-b.yaw);
  const s = Math.sin(-b.yaw);
  const lx = c * dx - s * dy;
  const ly = s * dx + c * dy;
  if (Math.abs(lx) > b.size[0] / 2 || Math.abs(ly) > b.size[1] / 2) return false;
  const aBottom = a.position[2] - a.size[2] / 2;
  const bBottom = b.position[2] - b.size[2] / 2;
  const bTop = b.position[2] + b.size[2] / 2;
  return aBottom > bBottom - 0.005 && aBottom < bTop + 0.015 && a.position[2] > b.position[2];
}

/** Object ids the program moves off `base` (picks, then places) before its first pick of `base`. */
function clearedBefore(calls: readonly StepCall[], base: string, riders: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const c of calls) {
    if (c.skill === 'pick' && c.id === base) break;
    if (c.skill === 'pick' && c.id !== null && riders.has(c.id)) out.push(c.id);
  }
  return out;
}

export const CLEAR_FIRST_TEXT = 'Before moving an object, take off whatever stands on it or in it and set that on the table first.';
export const PUSH_IF_UNLIFTABLE_TEXT =
  'When an object will not lift (too heavy: the grasp slips as it rises), push it along the table to where it should go instead.';

/** The push-if-unliftable rule: weight does not show, so it is a fallback for any object, not a choice by looks. */
export function pushIfUnliftableEntry(input: DistillInput, source: KnowledgeSource): NewKnowledge {
  return {
    kind: 'plan',
    text: PUSH_IF_UNLIFTABLE_TEXT,
    params: { rule: 'push-if-unliftable' },
    scope: { shapes: [], verbs: ['move', 'push'], taskIds: [input.taskId] },
    sources: [source],
  };
}

function planEntries(before: string, after: string, input: DistillInput, source: KnowledgeSource): NewKnowledge[] {
  const a = stepCalls(after);
  const b = stepCalls(before);
  const out: NewKnowledge[] = [];
  // Carried before, pushed now (and no longer picked): the object would not lift.
  const pushedNow = a.filter((c) => c.skill === 'push' && c.id !== null).map((c) => c.id!);
  if (pushedNow.some((id) => b.some((c) => c.skill === 'pick' && c.id === id) && !a.some((c) => c.skill === 'pick' && c.id === id))) {
    out.push(pushIfUnliftableEntry(input, source));
  }
  for (const base of input.objects) {
    if (!a.some((c) => c.skill === 'pick' && c.id === base.id)) continue;
    const riders = new Set(input.objects.filter((o) => restsOnOrIn(o, base)).map((o) => o.id));
    if (riders.size === 0) continue;
    const nowCleared = clearedBefore(a, base.id, riders);
    const wasCleared = new Set(clearedBefore(b, base.id, riders));
    // A continued program may start after steps already done: an object the program
    // before had already moved off counts as cleared before too.
    if (nowCleared.length === 0 || nowCleared.every((id) => wasCleared.has(id))) continue;
    out.push({
      kind: 'plan',
      text: CLEAR_FIRST_TEXT,
      params: { rule: 'clear-first' },
      scope: {
        shapes: [],
        verbs: [...new Set(['move', ...instructionVerbs(input.instruction)])],
        taskIds: [input.taskId],
      },
      before: b.slice(0, 3).map((c) => c.text),
      after: a.slice(0, 3).map((c) => c.text),
      sources: [source],
    });
  }
  return out;
}

/** Knowledge entries from an episode's corrections and repairs, by rule. */
export function distillByRule(input: DistillInput, seen: Set<string> = new Set()): NewKnowledge[] {
  const at = input.at ?? new Date().toISOString();
  const out: NewKnowledge[] = [];
  const src = (origin: KnowledgeSource['origin'], correction: string | null): KnowledgeSource =>
    distillSource({ ...input, at }, origin, correction);
  for (const c of input.corrections) {
    const source = src('correction', c.text);
    out.push(...skillEntries(c.programBefore, c.programAfter, input, source, seen, c.mode !== 'continue'));
    if (c.class === 'plan') out.push(...planEntries(c.programBefore, c.programAfter, input, source));
  }
  if (input.repair) {
    const source = src('repair', null);
    out.push(...skillEntries(input.repair.programBefore, input.repair.programAfter, input, source, seen, true));
    out.push(...planEntries(input.repair.programBefore, input.repair.programAfter, input, source));
  }
  // One plan rule per episode however many objects showed it.
  const plans = new Set<string>();
  return out.filter((e) => {
    if (e.kind !== 'plan') return true;
    const k = JSON.stringify(e.params);
    if (plans.has(k)) return false;
    plans.add(k);
    return true;
  });
}
