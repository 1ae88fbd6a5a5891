// Reading an attempt's trace around a checkpoint: which calls ran since the previous
// checkpoint, which objects the running subgoal names, where the gripper was. Every
// monitor reads the trace the same way; only how they see the world differs.

import { GRIPPER, TABLE, predicateObjectIds } from '../sim/index.ts';
import type { CallEvent, Checkpoint, GripperState, SceneSpec, SubgoalInfo, Trace, TraceEvent } from '../sim/index.ts';

/** Calls with previous.seq < seq ≤ cp.seq (all calls up to cp when previous is null). */
export function callsBetween(trace: Trace, previous: Checkpoint | null, cp: Checkpoint): CallEvent[] {
  const from = previous?.seq ?? -1;
  return trace.events.filter((e): e is CallEvent => e.type === 'call' && e.seq > from && e.seq <= cp.seq);
}

/** Calls that open the fingers on purpose. */
export const RELEASING_CALLS: ReadonlySet<string> = new Set(['openGripper', 'place', 'push']);

export function releasedOnPurpose(calls: readonly CallEvent[]): boolean {
  return calls.some((c) => RELEASING_CALLS.has(c.call));
}

/** The error raised by a call since the previous checkpoint, if any (the last one). */
export function errorBetween(calls: readonly CallEvent[]): CallEvent | null {
  for (let i = calls.length - 1; i >= 0; i--) if (calls[i]!.error) return calls[i]!;
  return null;
}

export function subgoalOf(trace: Trace, cp: Checkpoint): SubgoalInfo | null {
  return cp.subgoal === null ? null : (trace.subgoals[cp.subgoal] ?? null);
}

const SHAPE_WORDS: Record<string, string[]> = {
  box: ['block', 'box', 'cube'],
  cylinder: ['cylinder', 'can'],
  sphere: ['ball', 'sphere'],
  bowl: ['bowl'],
  tray: ['tray'],
};

/** Objects a text names: by id, or as "<colour> <shape word>" when that is unique in the scene. */
export function mentionedObjects(scene: SceneSpec, text: string): string[] {
  const lower = text.toLowerCase();
  const out = new Set<string>();
  for (const o of scene.objects) {
    if (new RegExp(`(^|[^a-z0-9_])${o.id.toLowerCase()}($|[^a-z0-9_])`).test(lower)) out.add(o.id);
  }
  for (const o of scene.objects) {
    for (const word of SHAPE_WORDS[o.shape] ?? []) {
      if (!lower.includes(`${o.color} ${word}`)) continue;
      const same = scene.objects.filter((p) => p.color === o.color && (SHAPE_WORDS[p.shape] ?? []).includes(word));
      if (same.length === 1) out.add(o.id);
    }
  }
  return [...out];
}

/**
 * Objects the checkpoint's subgoal is about: those its expectation and description name.
 * Before the first subgoal, or for a subgoal that names nothing, the objects the calls
 * since the previous checkpoint were given instead.
 */
export function namedObjects(scene: SceneSpec, subgoal: SubgoalInfo | null, calls: readonly CallEvent[]): Set<string> {
  const named = new Set<string>();
  if (subgoal) {
    if (subgoal.expect) for (const id of predicateObjectIds(subgoal.expect)) named.add(id);
    for (const id of mentionedObjects(scene, subgoal.description)) named.add(id);
  }
  if (named.size === 0) {
    const ids = new Set(scene.objects.map((o) => o.id));
    for (const c of calls) for (const a of c.args) if (typeof a === 'string' && ids.has(a)) named.add(a);
  }
  return named;
}

/**
 * The gripper as the robot itself knows it at a checkpoint (proprioception: pose and
 * opening from the last call's record), without `holding`, which comes from contacts.
 */
export function proprioception(trace: Trace, cp: Checkpoint): GripperState {
  let last: CallEvent | null = null;
  for (const e of trace.events) {
    if (e.seq > cp.seq) break;
    if (e.type === 'call') last = e;
  }
  if (!last) return { position: [...TABLE.home], yaw: 0, approach: 'top', width: GRIPPER.maxOpening, holding: null };
  return { ...last.gripper, position: [...last.gripper.position], holding: null };
}

/** A one-line rendering of a trace event, for diagnoses: `#12 line 4 pick('red_block') → GraspError: …`. */
/** JSON with numbers cut to millimetres (and angles to milliradians): what a reader needs, in fewer tokens. */
function compactJson(v: unknown): string | undefined {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isInteger(x) ? Math.round(x * 1000) / 1000 : x));
}

export function formatEvent(e: TraceEvent): string {
  const where = `#${e.seq}${e.line !== null ? ` line ${e.line}` : ''} t=${e.t.toFixed(2)}s`;
  if (e.type === 'call') {
    const args = e.args
      .map((a) => compactJson(a) ?? String(a))
      .join(', ')
      .replace(/"/g, "'");
    const out = e.error ? ` → ${e.error.kind}: ${e.error.message}` : e.result !== undefined ? ` → ${compactJson(e.result)}` : '';
    const held = e.gripper.holding ? ` [holding ${e.gripper.holding}]` : '';
    return `${where} ${e.call}(${args})${out}${held}`;
  }
  if (e.type === 'log') return `${where} log: ${e.message}`;
  return `${where} ${e.type} ${e.subgoal} "${e.description}"`;
}
