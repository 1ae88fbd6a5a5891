// Object references and selections in predicates (docs/architecture.md#predicates): which
// object "the block closest to the yellow bowl" is, which objects "every red object" means.
// A reference is a plain id, a variable bound by an enclosing every / some ("$", "$b"), or
// `{ the: Selector }`; a selector picks objects from the scene AT THE START of the episode
// (WorldView.initial), so a referent does not change while the program moves things. Pure
// over a WorldView, like predicates.ts, which evaluates with it.

import { TABLE_REGIONS } from './table-regions.ts';
import type { TableRegionName } from './table-regions.ts';
import type {
  ColorName,
  ImageDirection,
  ObjectSpec,
  ObjRef,
  PredicateFacts,
  RegionRef,
  Selector,
  Shape,
  Vec3,
  WorldView,
} from './types.ts';
import { CONTAINER_SHAPES } from './types.ts';

// ------------------------------------------------------------------ tolerances

/**
 * Rankings by position (closestTo, farthestFrom, nth): the chosen object must beat the
 * next one by more than this (m), else the choice is ambiguous.
 */
export const REFERENT_TIE = 0.002;
/** Rankings by size (largest, smallest): volumes within this fraction of each other tie. */
export const VOLUME_TIE = 0.02;

/** Selector fields that filter, and those that rank (at most one ranking per selector). */
export const SELECTOR_FILTERS = ['shape', 'color', 'notColor', 'kind', 'exclude', 'sameColorAs', 'differentColorFrom', 'side'] as const;
export const SELECTOR_RANKINGS = ['closestTo', 'farthestFrom', 'nth', 'largest', 'smallest'] as const;
export const SELECTOR_FIELDS = [...SELECTOR_FILTERS, ...SELECTOR_RANKINGS] as const;

/** The variable every / some bind when `as` is not given. */
export const DEFAULT_VARIABLE = '$';

/** Variables a quantifier binds: "$" followed by letters, digits or "_". */
export const VARIABLE_PATTERN = /^\$[A-Za-z0-9_]*$/;

export function isVariable(ref: ObjRef): ref is string {
  return typeof ref === 'string' && ref.startsWith('$');
}

/** Variables bound by enclosing every / some: name → object id. */
export type Bindings = ReadonlyMap<string, string>;
export const NO_BINDINGS: Bindings = new Map();

// ------------------------------------------------------------------ errors (the predicate is false with these facts)

type FactsOf<K extends PredicateFacts['kind']> = Extract<PredicateFacts, { kind: K }>;

/** An id the scene lacks. */
export class UnknownIdError extends Error {
  readonly facts: FactsOf<'unknown-id'>;
  constructor(message: string, facts: FactsOf<'unknown-id'>) {
    super(message);
    this.facts = facts;
  }
}

/** A reference that picks no object, or more than one, or an unbound variable. */
export class ReferentError extends Error {
  readonly facts: FactsOf<'referent'>;
  constructor(message: string, facts: FactsOf<'referent'>) {
    super(message);
    this.facts = facts;
  }
}

export function unknownObject(view: WorldView, id: string): UnknownIdError {
  const known = view.scene.objects.map((o) => o.id);
  return new UnknownIdError(`There is no object named "${id}" (known objects: ${known.join(', ') || 'none'}).`, {
    kind: 'unknown-id',
    id,
    what: 'object',
    known,
  });
}

// ------------------------------------------------------------------ measures

/** An object's volume (m³) from its full extents and shape (bowls and trays by their outer size). */
export function objectVolume(spec: Pick<ObjectSpec, 'shape' | 'size'>): number {
  const [x, y, z] = spec.size;
  switch (spec.shape) {
    case 'box':
    case 'tray':
      return x * y * z;
    case 'cylinder':
    case 'bowl':
      return Math.PI * (x / 2) * (y / 2) * z;
    case 'sphere':
      return (4 / 3) * Math.PI * (x / 2) * (y / 2) * (z / 2);
  }
}

export function isContainerShape(shape: Shape): boolean {
  return CONTAINER_SHAPES.includes(shape);
}

// ------------------------------------------------------------------ words

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const ordinal = (n: number): string => {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
};
const SIDE_WORDS: Record<ImageDirection, string> = {
  left: 'left of',
  right: 'right of',
  top: 'above (top of the image)',
  bottom: 'below (bottom of the image)',
};

/** A reference in words: its id, its variable, or "the red box closest to yellow_bowl". */
export function describeRef(ref: ObjRef): string {
  if (typeof ref === 'string') return ref;
  return `the ${describeSelector(ref.the)}`;
}

/** A selector in words, without an article: "red box closest to yellow_bowl", "2 largest boxes". */
export function describeSelector(sel: Selector): string {
  const colors = list(sel.color);
  const shapes = list(sel.shape);
  const plural = (sel.largest ?? sel.smallest ?? 1) > 1;
  const noun =
    shapes.length > 0
      ? shapes.map((s) => (plural ? `${s === 'box' ? 'boxe' : s}s` : s)).join(' or ')
      : sel.kind === 'container'
        ? plural
          ? 'containers'
          : 'container'
        : plural
          ? 'objects'
          : 'object';
  const words: string[] = [];
  if (sel.largest !== undefined) words.push(`${sel.largest} largest`);
  if (sel.smallest !== undefined) words.push(`${sel.smallest} smallest`);
  if (sel.nth) words.push(ordinal(sel.nth.n));
  if (colors.length) words.push(colors.join(' or '));
  words.push(noun);
  if (sel.nth) words.push(`from the ${sel.nth.from}`);
  const notColors = list(sel.notColor);
  if (notColors.length) words.push(`that is not ${notColors.join(' or ')}`);
  if (sel.sameColorAs !== undefined) words.push(`of the same colour as ${describeRef(sel.sameColorAs)}`);
  if (sel.differentColorFrom !== undefined) words.push(`of a different colour from ${describeRef(sel.differentColorFrom)}`);
  if (sel.side) words.push(`${SIDE_WORDS[sel.side.direction]} ${describeRef(sel.side.of)}`);
  if (sel.exclude?.length) words.push(`other than ${sel.exclude.map(describeRef).join(', ')}`);
  if (sel.closestTo !== undefined) words.push(`closest to ${describeRef(sel.closestTo)}`);
  if (sel.farthestFrom !== undefined) words.push(`farthest from ${describeRef(sel.farthestFrom)}`);
  return words.join(' ');
}

// ------------------------------------------------------------------ resolution

interface Candidate {
  spec: ObjectSpec;
  /** Centre at the start of the episode. */
  at: Vec3;
}

/** The objects at the start of the episode, in scene order (those the initial snapshot lacks are left out). */
function startingObjects(view: WorldView): Candidate[] {
  const out: Candidate[] = [];
  for (const spec of view.scene.objects) {
    const st = view.initial.objects[spec.id];
    if (st) out.push({ spec, at: st.position });
  }
  return out;
}

function startOf(view: WorldView, id: string): Candidate {
  const spec = view.scene.objects.find((o) => o.id === id);
  const st = view.initial.objects[id];
  if (!spec || !st) throw unknownObject(view, id);
  return { spec, at: st.position };
}

/**
 * The object id a reference names. Plain ids come back as they are (the predicate looks
 * them up and reports an unknown one); variables from the bindings; `{ the }` must pick
 * exactly one object. Throws ReferentError (unbound variable, empty or ambiguous referent)
 * or UnknownIdError (an id inside the selector the scene lacks).
 */
export function resolveRef(ref: ObjRef, view: WorldView, env: Bindings = NO_BINDINGS): string {
  if (typeof ref === 'string') {
    if (!isVariable(ref)) return ref;
    const id = env.get(ref);
    if (id === undefined) {
      throw new ReferentError(`The variable "${ref}" is not bound: use it inside an every or some that binds it (as "${ref}").`, {
        kind: 'referent',
        ref,
        reason: 'unbound',
        candidates: [],
      });
    }
    return id;
  }
  const ids = selectIds(ref.the, view, env);
  const text = describeRef(ref);
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0) {
    throw new ReferentError(`There is no ${describeSelector(ref.the)} in the scene at the start, so "${text}" names nothing.`, {
      kind: 'referent',
      ref: text,
      reason: 'empty',
      candidates: [],
    });
  }
  throw new ReferentError(`"${text}" is ambiguous: ${ids.length} objects fit (${ids.join(', ')}), it must pick exactly one.`, {
    kind: 'referent',
    ref: text,
    reason: 'ambiguous',
    candidates: ids,
  });
}

const CORNERS = ['top_left_corner', 'top_right_corner', 'bottom_left_corner', 'bottom_right_corner'] as const;

/**
 * The table region a region reference names: a name as it is; `{ corner: { closestTo | farthestFrom } }`
 * the corner whose anchor is nearest to (farthest from) the object's centre at the start. Corners
 * whose distances differ by at most REFERENT_TIE make it ambiguous (ReferentError).
 */
export function resolveRegion(r: RegionRef, view: WorldView, env: Bindings = NO_BINDINGS): TableRegionName {
  if (typeof r === 'string') return r;
  const far = 'farthestFrom' in r.corner;
  const objRef = 'farthestFrom' in r.corner ? r.corner.farthestFrom : r.corner.closestTo;
  const at = startOf(view, resolveRef(objRef, view, env)).at;
  const score = (c: TableRegionName): number => {
    const d = Math.hypot(TABLE_REGIONS[c].anchor[0] - at[0], TABLE_REGIONS[c].anchor[1] - at[1]);
    return far ? -d : d;
  };
  const sorted = [...CORNERS].sort((a, b) => score(a) - score(b));
  const best = sorted[0]!;
  const text = `the corner ${far ? 'farthest from' : 'closest to'} ${describeRef(objRef)}`;
  const ties = sorted.filter((c) => c !== best && score(c) - score(best) <= REFERENT_TIE);
  if (ties.length) {
    throw new ReferentError(
      `"${text}" is ambiguous: ${[best, ...ties].join(' and ')} are equally ${far ? 'far' : 'near'} (within ${mm(REFERENT_TIE)}).`,
      {
        kind: 'referent',
        ref: text,
        reason: 'ambiguous',
        candidates: [best, ...ties],
      },
    );
  }
  return best;
}

/** Objects a selector picks, on the initial snapshot; ranked selections in rank order, others in scene order. */
export function selectIds(sel: Selector, view: WorldView, env: Bindings = NO_BINDINGS): string[] {
  const ref = (r: ObjRef): Candidate => startOf(view, resolveRef(r, view, env));
  const shapes = list(sel.shape);
  const colors = list<ColorName>(sel.color);
  const notColors = list<ColorName>(sel.notColor);
  const excluded = new Set(list(sel.exclude).map((r) => resolveRef(r, view, env)));
  const same = sel.sameColorAs !== undefined ? ref(sel.sameColorAs) : null;
  const different = sel.differentColorFrom !== undefined ? ref(sel.differentColorFrom) : null;
  const side = sel.side ? { of: ref(sel.side.of), direction: sel.side.direction } : null;
  let picked = startingObjects(view).filter((c) => {
    const o = c.spec;
    if (shapes.length && !shapes.includes(o.shape)) return false;
    if (colors.length && !colors.includes(o.color)) return false;
    if (notColors.includes(o.color)) return false;
    if (sel.kind === 'object' && isContainerShape(o.shape)) return false;
    if (sel.kind === 'container' && !isContainerShape(o.shape)) return false;
    if (excluded.has(o.id)) return false;
    if (same && (o.id === same.spec.id || o.color !== same.spec.color)) return false;
    if (different && o.color === different.spec.color) return false;
    if (side && !onSide(c.at, side.of.at, side.direction)) return false;
    return true;
  });
  const describe = (): string => describeSelector(sel);
  if (sel.closestTo !== undefined || sel.farthestFrom !== undefined) {
    const far = sel.closestTo === undefined;
    const anchor = ref((far ? sel.farthestFrom : sel.closestTo)!);
    picked = picked.filter((c) => c.spec.id !== anchor.spec.id);
    const dist = (c: Candidate): number => Math.hypot(c.at[0] - anchor.at[0], c.at[1] - anchor.at[1]);
    return pickOne(picked, (c) => (far ? -dist(c) : dist(c)), REFERENT_TIE, describe);
  }
  if (sel.nth) {
    const { n, from } = sel.nth;
    const key = (c: Candidate): number =>
      from === 'left' ? c.at[0] : from === 'right' ? -c.at[0] : from === 'bottom' ? c.at[1] : -c.at[1];
    const sorted = [...picked].sort((a, b) => key(a) - key(b));
    if (n > sorted.length) return [];
    const chosen = sorted[n - 1]!;
    const ties = sorted.filter((c) => c !== chosen && Math.abs(key(c) - key(chosen)) <= REFERENT_TIE);
    if (ties.length) throw tie(describe(), [chosen, ...ties], `they are within ${mm(REFERENT_TIE)} of each other from the ${from}`);
    return [chosen.spec.id];
  }
  if (sel.largest !== undefined || sel.smallest !== undefined) {
    const n = (sel.largest ?? sel.smallest)!;
    const sign = sel.largest !== undefined ? -1 : 1;
    const vol = (c: Candidate): number => objectVolume(c.spec);
    const sorted = [...picked].sort((a, b) => sign * (vol(a) - vol(b)));
    if (n > sorted.length) return sorted.map((c) => c.spec.id);
    const last = sorted[n - 1];
    const next = sorted[n];
    if (last && next && Math.abs(vol(last) - vol(next)) <= VOLUME_TIE * Math.max(vol(last), vol(next))) {
      const tied = sorted.filter((c) => Math.abs(vol(c) - vol(last)) <= VOLUME_TIE * Math.max(vol(c), vol(last)));
      throw tie(describe(), tied, `they are the same size (volumes within ${Math.round(VOLUME_TIE * 100)}%)`);
    }
    return sorted.slice(0, n).map((c) => c.spec.id);
  }
  return picked.map((c) => c.spec.id);
}

/** Whether point p lies on that side of o, in the top camera's image (more along the axis than across it). */
export function onSide(p: Vec3 | readonly number[], o: Vec3 | readonly number[], direction: ImageDirection): boolean {
  const dx = p[0]! - o[0]!;
  const dy = p[1]! - o[1]!;
  switch (direction) {
    case 'left':
      return dx < 0 && Math.abs(dx) > Math.abs(dy);
    case 'right':
      return dx > 0 && Math.abs(dx) > Math.abs(dy);
    case 'top':
      return dy > 0 && Math.abs(dy) > Math.abs(dx);
    case 'bottom':
      return dy < 0 && Math.abs(dy) > Math.abs(dx);
  }
}

const mm = (v: number): string => `${Math.round(v * 1000)} mm`;

function pickOne(picked: Candidate[], score: (c: Candidate) => number, margin: number, describe: () => string): string[] {
  if (picked.length === 0) return [];
  const sorted = [...picked].sort((a, b) => score(a) - score(b));
  const best = sorted[0]!;
  const ties = sorted.filter((c) => c !== best && score(c) - score(best) <= margin);
  if (ties.length) throw tie(describe(), [best, ...ties], `their distances differ by at most ${mm(margin)}`);
  return [best.spec.id];
}

function tie(what: string, tied: Candidate[], why: string): ReferentError {
  const ids = tied.map((c) => c.spec.id);
  return new ReferentError(`"the ${what}" is ambiguous: ${ids.join(' and ')} tie (${why}).`, {
    kind: 'referent',
    ref: `the ${what}`,
    reason: 'ambiguous',
    candidates: ids,
  });
}
