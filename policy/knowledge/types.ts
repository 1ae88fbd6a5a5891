// The knowledge base's data (DESIGN §11, docs/knowledge.md): entries distilled from
// corrections and from repairs that changed how a skill is done, what they apply to, where
// they came from, and how they fared when they were used. The store (store.ts) keeps them
// in SQLite; retrieval (retrieve.ts) ranks them for an episode; programmers receive the
// ranked entries as `KnowledgeItem`s in ProgramContext.knowledge.

import type { Shape } from '../../sim/index.ts';

export type KnowledgeKind = 'plan' | 'skill';

/** The skills a skill-level entry can change the options of (the program API's step actions). */
export const KNOWLEDGE_SKILLS = ['pick', 'place', 'push'] as const;
export type KnowledgeSkill = (typeof KNOWLEDGE_SKILLS)[number];

/** A closed range [min, max] in metres; either end may be null (open). */
export type Range = [number | null, number | null];

/** What an entry applies to. Empty lists mean "any". */
export interface KnowledgeScope {
  /** Object shape classes it applies to (`cylinder`); [] = any shape. */
  shapes: Shape[];
  /** Object sizes it applies to, as observed when it was learned (widened when entries merge). */
  sizeRange?: {
    /** Height (z extent), m. */
    height?: Range;
    /** Largest horizontal extent, m. */
    width?: Range;
  };
  /** Colours, only when the colour itself mattered (rare: appearance is not scope). */
  colors?: string[];
  /** The actions it is about (`pick`, `place`, `push`, `lift`, `stack`, `empty`, …). */
  verbs: string[];
  /** The tasks it was learned on (provenance; not a filter). */
  taskIds: string[];
}

/** Per-object appearance features (appearance.ts): what the renderer shows of an object, or its stated facts when nothing was rendered. */
export interface AppearanceFeatures {
  /** Shape class (the scene's `shape`). */
  shape: Shape;
  /** Extents [x, y, z] in metres (the object's own frame, z up). */
  size: [number, number, number];
  /** Height over the largest horizontal extent: tall thin things are > 1.5. */
  aspect: number;
  /**
   * Colour histogram, normalised to sum 1: HUE_BINS hue bins for saturated pixels, then
   * 3 achromatic bins (dark, grey, light). From the id-mask region of the rendered views,
   * or from the stated colour's RGB when nothing was rendered.
   */
  color: number[];
  /** Silhouette extents in the rendered views, as a fraction of the image (width, height) per view. Absent from facts. */
  silhouette?: Record<string, [number, number]>;
  /** Where the features came from. */
  source: 'render' | 'facts';
}

/** Where an entry came from: one per correction or repair that taught it (merging adds more). */
export interface KnowledgeSource {
  origin: 'correction' | 'repair' | 'import';
  /** The session's or episode's record folder, when it had one. */
  session: string | null;
  /** The person's words; null for a repair. */
  correction: string | null;
  taskId: string;
  seed: number;
  /** ISO 8601 wall-clock time. */
  at: string;
  /** The programmer that wrote the corrected program (`builtin`, `openai:gpt-4o`). */
  programmer: string;
}

/** One entry of the knowledge base. */
export interface KnowledgeEntry {
  /** Stable numeric id (the store assigns it). */
  id: number;
  kind: KnowledgeKind;
  /** The lesson in plain language ("grasp tall thin cylinders from the side"). */
  text: string;
  /** skill entries: which skill and which options changed. */
  skill?: KnowledgeSkill;
  params?: Record<string, unknown>;
  scope: KnowledgeScope;
  /** skill entries: the object's appearance when it was learned. */
  appearance?: AppearanceFeatures;
  /** skill entries: the program lines before and after (a few, for the record and prompts). */
  before?: string[];
  after?: string[];
  sources: KnowledgeSource[];
  /** 0..1: grows when it was retrieved and the attempt succeeded, shrinks when it failed. */
  confidence: number;
  /** Times retrieved for an episode whose outcome was recorded, and how they ended. */
  uses: number;
  successes: number;
  failures: number;
  created: string;
  updated: string;
}

/** What distillation produces: an entry before the store gives it an id and counters. */
export type NewKnowledge = Omit<KnowledgeEntry, 'id' | 'confidence' | 'uses' | 'successes' | 'failures' | 'created' | 'updated'> & {
  /** Starting confidence (default INITIAL_CONFIDENCE). */
  confidence?: number;
};

/** Confidence of a new entry: taught once, not yet confirmed. */
export const INITIAL_CONFIDENCE = 0.6;

/**
 * One retrieved entry as a programmer receives it (ProgramContext.knowledge): the entry's
 * content, which objects of this scene it applies to, and why it was retrieved.
 */
export interface KnowledgeItem {
  id: number;
  kind: KnowledgeKind;
  text: string;
  skill?: KnowledgeSkill;
  params?: Record<string, unknown>;
  /** Objects of this episode's scene it applies to (skill entries); [] for a plan rule that applies to the task as a whole. */
  objects: string[];
  confidence: number;
  /** Retrieval score (higher first) and its parts, for the record. */
  score: number;
  why: string;
}
