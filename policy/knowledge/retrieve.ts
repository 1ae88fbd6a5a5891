// Retrieval (docs/knowledge.md#retrieval): the entries that apply to one episode, ranked,
// within a prompt budget. Candidates come from the store by text (FTS5/BM25 over the
// instruction and the objects' descriptions) and by shape; each is then checked against
// this scene:
//
// - a skill entry applies to the objects whose shape class is in its scope, whose size is
//   within its size range (widened by SIZE_SLACK) and whose build matches its appearance
//   (appearanceSimilarity's size part ≥ APPEARANCE_MATCH; colour only ranks); none → not retrieved. So a lesson
//   learned on a tall red cylinder reaches a tall blue one, never a cube.
// - a plan rule the builtin can read (`params.rule`) applies when its precondition is in
//   the scene (clear-first: something stands on or in an object of a scope shape); a plan
//   entry in words only applies when its text matches the instruction (BM25) or embeddings
//   say it is close.
//
// With embeddings configured, the entries whose stored vector is closest to the query's
// (cosine ≥ EMBEDDING_MATCH) are candidates too, and a candidate's text score is the
// larger of its BM25 share and its cosine.
//
// Score = 0.45 match (appearance or precondition) + 0.35 text (BM25 normalised, or cosine
// of embeddings when configured) + 0.2 confidence. Entries under MIN_CONFIDENCE (taught,
// then failed again and again) are not used.

import { countTokens } from '../../llm/index.ts';
import { cosine } from '../../llm/embeddings.ts';
import type { ObjectInfo } from '../../sim/index.ts';
import { APPEARANCE_MATCH, appearanceFromFacts, appearanceSimilarity } from './appearance.ts';
import { restsOnOrIn } from './distill.ts';
import type { KnowledgeBase } from './store.ts';
import type { AppearanceFeatures, KnowledgeEntry, KnowledgeItem } from './types.ts';
import { knowledgeLine } from './format.ts';

/** Tokens of knowledge a prompt may carry (the budget). */
export const KNOWLEDGE_TOKEN_BUDGET = 400;
/** Entries below this confidence are not retrieved. */
export const MIN_CONFIDENCE = 0.25;
/** Size ranges are widened by this factor both ways (and 1 cm) before an object is compared. */
export const SIZE_SLACK = 1.3;
/** How many store candidates (per signal: text, shape) are ranked at most; sized for ≤ 5 ms at 10,000 entries. */
const CANDIDATES = 50;
/** Cosine similarity from which an entry found only by its embedding is a candidate, and how many such at most. */
export const EMBEDDING_MATCH = 0.5;
const EMBEDDING_CANDIDATES = 20;

export interface RetrievalQuery {
  instruction: string;
  objects: readonly ObjectInfo[];
  /** Appearance per object id; facts are used for an object without one. */
  appearance?: ReadonlyMap<string, AppearanceFeatures>;
  /** The query's embedding and the model that made it, when embeddings are configured. */
  embedding?: { model: string; vector: Float32Array } | null;
}

export interface RetrievalOptions {
  budgetTokens?: number;
  minConfidence?: number;
}

/** The text the store's full-text search gets: the instruction and every object in words. */
export function queryText(q: Pick<RetrievalQuery, 'instruction' | 'objects'>): string {
  const words = q.objects.map((o) => `${o.color} ${o.shape} ${o.id.replace(/_/g, ' ')}`);
  return [q.instruction, ...words].join(' ');
}

function inRange(v: number, r: [number | null, number | null] | undefined): boolean {
  if (!r) return true;
  const [lo, hi] = r;
  if (lo !== null && v < lo / SIZE_SLACK - 0.01) return false;
  if (hi !== null && v > hi * SIZE_SLACK + 0.01) return false;
  return true;
}

/** How well a skill entry fits each object: the best appearance score per object id that passes its scope. */
function skillMatches(
  e: KnowledgeEntry,
  objects: readonly ObjectInfo[],
  looks: (o: ObjectInfo) => AppearanceFeatures,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const o of objects) {
    if (e.scope.shapes.length > 0 && !e.scope.shapes.includes(o.shape)) continue;
    if (e.scope.colors && e.scope.colors.length > 0 && !e.scope.colors.includes(o.color)) continue;
    const height = o.size[2];
    const width = Math.max(o.size[0], o.size[1]);
    if (!inRange(height, e.scope.sizeRange?.height) || !inRange(width, e.scope.sizeRange?.width)) continue;
    let score = 1;
    if (e.appearance) {
      const sim = appearanceSimilarity(e.appearance, looks(o));
      // The build decides (shape class, extents, proportions); colour only ranks: a lesson
      // learned on a red tall cylinder is for a blue one of the same build too.
      if (!sim.shape || sim.size < APPEARANCE_MATCH) continue;
      score = sim.score;
    }
    out.set(o.id, score);
  }
  return out;
}

/** Objects a readable plan rule applies to in this scene (clear-first: the objects something stands on or in). */
function planMatches(e: KnowledgeEntry, objects: readonly ObjectInfo[]): string[] | null {
  const rule = e.params?.rule;
  // A fallback for anything that will be carried: containers aside, every object may turn out too heavy.
  if (rule === 'push-if-unliftable') return objects.filter((o) => o.shape !== 'bowl' && o.shape !== 'tray').map((o) => o.id);
  if (rule === 'clear-first') {
    return objects
      .filter((base) => (e.scope.shapes.length === 0 || e.scope.shapes.includes(base.shape)) && objects.some((o) => restsOnOrIn(o, base)))
      .map((o) => o.id);
  }
  return null;
}

/** The knowledge for one episode, best first, within the token budget. */
export function retrieveKnowledge(kb: KnowledgeBase, q: RetrievalQuery, opts: RetrievalOptions = {}): KnowledgeItem[] {
  const minConfidence = opts.minConfidence ?? MIN_CONFIDENCE;
  const budget = opts.budgetTokens ?? KNOWLEDGE_TOKEN_BUDGET;
  const shapes = [...new Set(q.objects.map((o) => o.shape))];
  const candidates = kb
    .candidates({ text: queryText(q), shapes, limit: CANDIDATES, sources: 0 })
    .filter((c) => c.entry.confidence >= minConfidence);
  const vectors = q.embedding ? kb.embeddings(q.embedding.model) : null;
  if (q.embedding && vectors) {
    // Embeddings find entries that share no word with the query: the closest few join the candidates.
    const have = new Set(candidates.map((c) => c.entry.id));
    const close = [...vectors]
      .filter(([id]) => !have.has(id))
      .map(([id, v]) => ({ id, cos: cosine(q.embedding!.vector, v) }))
      .filter((x) => x.cos >= EMBEDDING_MATCH)
      .sort((a, b) => b.cos - a.cos)
      .slice(0, EMBEDDING_CANDIDATES);
    for (const { id } of close) {
      const entry = kb.get(id);
      if (entry && entry.confidence >= minConfidence) candidates.push({ entry, bm25: null });
    }
  }
  if (candidates.length === 0) return [];
  const looksCache = new Map<string, AppearanceFeatures>();
  const looks = (o: ObjectInfo): AppearanceFeatures => {
    let f = q.appearance?.get(o.id) ?? looksCache.get(o.id);
    if (!f) {
      f = appearanceFromFacts(o);
      looksCache.set(o.id, f);
    }
    return f;
  };
  // BM25 is lower-is-better and unbounded: normalise against the best candidate's.
  const best = Math.min(0, ...candidates.map((c) => c.bm25 ?? 0));
  const scored: KnowledgeItem[] = [];
  for (const { entry: e, bm25 } of candidates) {
    let text = bm25 !== null && best < 0 ? Math.max(0, bm25 / best) : 0;
    const vec = vectors?.get(e.id);
    if (q.embedding && vec) text = Math.max(text, cosine(q.embedding.vector, vec));
    let match = 0;
    let objects: string[] = [];
    let why = '';
    if (e.kind === 'skill') {
      const m = skillMatches(e, q.objects, looks);
      if (m.size === 0) continue;
      objects = [...m.keys()];
      match = Math.max(...m.values());
      why = `looks like ${objects.join(', ')} (${match.toFixed(2)})`;
    } else {
      const m = planMatches(e, q.objects);
      if (m !== null) {
        if (m.length === 0) continue;
        objects = m;
        match = 1;
        why = `applies to ${m.join(', ')}`;
      } else {
        // A rule in words only: it must be about this task's words.
        if (text < 0.3) continue;
        match = text;
        why = 'text';
      }
    }
    const score = 0.45 * match + 0.35 * text + 0.2 * e.confidence;
    scored.push({
      id: e.id,
      kind: e.kind,
      text: e.text,
      ...(e.skill && { skill: e.skill }),
      ...(e.params && { params: e.params }),
      objects,
      confidence: Math.round(e.confidence * 1000) / 1000,
      score: Math.round(score * 1000) / 1000,
      why: `${why}; text ${text.toFixed(2)}; confidence ${e.confidence.toFixed(2)}`,
    });
  }
  scored.sort((a, b) => b.score - a.score || a.id - b.id);
  const out: KnowledgeItem[] = [];
  let used = 0;
  for (const item of scored) {
    const cost = countTokens(knowledgeLine(item)) + 1;
    if (used + cost > budget) continue;
    used += cost;
    out.push(item);
  }
  return out;
}
