// When two knowledge entries are the same lesson, and what the merged entry is
// (docs/knowledge.md#merging). Pure functions; store.ts applies them in its transactions.

import type { KnowledgeEntry, KnowledgeKind, KnowledgeScope, KnowledgeSource, Range } from './types.ts';

/** Size ranges within this much of each other (m) still overlap. */
export const SIZE_TOLERANCE = 0.02;
/** Pseudo-observations of the confidence prior: a0 + b0 (docs/knowledge.md#confidence). */
export const PRIOR_STRENGTH = 5;
/** A merge (the lesson taught again) moves the confidence this fraction of the way to 1. */
export const MERGE_NUDGE = 0.1;

const ARTICLES = new Set(['a', 'an', 'the']);

/** Plan text as merging compares it: lowercase, punctuation and articles removed, single spaces. */
export function normalizeText(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !ARTICLES.has(w)).join(' ');
}

function canonical(value: unknown): unknown {
  if (typeof value === 'number') {
    const r = Math.round(value * 1000) / 1000;
    return Object.is(r, -0) ? 0 : r;
  }
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/** Params as merging compares them: JSON with sorted keys and numbers rounded to 3 decimals; null when absent or empty. */
export function paramsKey(params: Record<string, unknown> | undefined): string | null {
  if (params === undefined || Object.keys(params).length === 0) return null;
  return JSON.stringify(canonical(params));
}

const lo = (r: Range): number => r[0] ?? Number.NEGATIVE_INFINITY;
const hi = (r: Range): number => r[1] ?? Number.POSITIVE_INFINITY;

/** Two ranges overlap, or their ends are within `tolerance` of each other. */
export function rangesTouch(a: Range, b: Range, tolerance = SIZE_TOLERANCE): boolean {
  const slack = tolerance + 1e-9; // 0.12 + 0.02 is 0.13999…
  return lo(a) <= hi(b) + slack && lo(b) <= hi(a) + slack;
}

/** Skill-entry scopes overlap: shape sets intersect (or either is any) and the size ranges overlap or touch. */
export function scopesOverlap(a: KnowledgeScope, b: KnowledgeScope): boolean {
  if (a.shapes.length > 0 && b.shapes.length > 0 && !a.shapes.some((s) => b.shapes.includes(s))) return false;
  for (const dim of ['height', 'width'] as const) {
    const ra = a.sizeRange?.[dim];
    const rb = b.sizeRange?.[dim];
    if (ra && rb && !rangesTouch(ra, rb)) return false;
  }
  return true;
}

/** The union of two lists where [] means "any": any if either is any. */
function unionAny<T>(a: readonly T[], b: readonly T[]): T[] {
  if (a.length === 0 || b.length === 0) return [];
  return [...new Set([...a, ...b])];
}

function widen(a: Range | undefined, b: Range | undefined): Range | undefined {
  if (!a || !b) return undefined;
  return [a[0] === null || b[0] === null ? null : Math.min(a[0], b[0]), a[1] === null || b[1] === null ? null : Math.max(a[1], b[1])];
}

/**
 * The scope of a merged entry: everything either applied to. A missing or empty part means
 * "any", so it stays any (shapes, verbs, colours, a size dimension); task ids are provenance
 * and simply unite.
 */
export function mergeScopes(a: KnowledgeScope, b: KnowledgeScope): KnowledgeScope {
  let sizeRange: KnowledgeScope['sizeRange'];
  if (a.sizeRange && b.sizeRange) {
    const height = widen(a.sizeRange.height, b.sizeRange.height);
    const width = widen(a.sizeRange.width, b.sizeRange.width);
    if (height || width) sizeRange = { ...(height ? { height } : {}), ...(width ? { width } : {}) };
  }
  return {
    shapes: unionAny(a.shapes, b.shapes),
    ...(sizeRange ? { sizeRange } : {}),
    ...(a.colors && b.colors ? { colors: unionAny(a.colors, b.colors) } : {}),
    verbs: unionAny(a.verbs, b.verbs),
    taskIds: [...new Set([...a.taskIds, ...b.taskIds])],
  };
}

/** What decides whether a new entry is a duplicate of a stored one. */
export interface MergeProbe {
  kind: KnowledgeKind;
  skill?: string;
  textKey: string;
  paramsKey: string | null;
  scope: KnowledgeScope;
}

/** A stored entry is the same lesson as `probe` (the stored side carries its keys). */
export function isDuplicate(probe: MergeProbe, stored: MergeProbe): boolean {
  if (probe.kind !== stored.kind) return false;
  if (probe.kind === 'skill')
    return probe.skill === stored.skill && probe.paramsKey === stored.paramsKey && scopesOverlap(probe.scope, stored.scope);
  return probe.textKey === stored.textKey || (probe.paramsKey !== null && probe.paramsKey === stored.paramsKey);
}

/** Confidence from the prior c0 and the recorded outcomes: (a0 + successes) / (a0 + b0 + uses), a0 = 5·c0, b0 = 5·(1 − c0). */
export function posteriorConfidence(prior: number, successes: number, uses: number): number {
  return (PRIOR_STRENGTH * prior + successes) / (PRIOR_STRENGTH + uses);
}

/** The prior c0 that gives `confidence` after these outcomes (clamped to 0..1). */
export function priorFor(confidence: number, successes: number, uses: number): number {
  return Math.min(1, Math.max(0, (confidence * (PRIOR_STRENGTH + uses) - successes) / PRIOR_STRENGTH));
}

/** The confidence of a lesson taught once more. */
export function nudged(confidence: number): number {
  return confidence + (1 - confidence) * MERGE_NUDGE;
}

/** The same source (a re-import of an exported entry brings its sources again). */
export function sameSource(a: KnowledgeSource, b: KnowledgeSource): boolean {
  return (
    a.origin === b.origin &&
    a.session === b.session &&
    a.correction === b.correction &&
    a.taskId === b.taskId &&
    a.seed === b.seed &&
    a.at === b.at &&
    a.programmer === b.programmer
  );
}

/** The counters and confidence part of an entry. */
export type EntryCounters = Pick<KnowledgeEntry, 'confidence' | 'uses' | 'successes' | 'failures'> & { prior: number };
