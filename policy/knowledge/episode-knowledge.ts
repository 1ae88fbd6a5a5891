// The knowledge base in an episode's life (docs/knowledge.md#in-an-episode): retrieve at
// the start, learn and update confidences at the end. `run`, `suite`, `chat`, `teach` and
// the viewer all go through here, with KnowledgeSettings from --kb / --no-kb / POLICYLOOP_KB.

import { createHash } from 'node:crypto';
import type { HeadlessRenderer } from '../../monitor/index.ts';
import type { ObjectInfo, SceneSpec, Snapshot } from '../../sim/index.ts';
import { embedderSettingsFromEnv, OpenAIEmbedder, type Embedder } from '../../llm/embeddings.ts';
import { renderAppearance } from './appearance.ts';
import { distillByRule, type DistillInput } from './distill.ts';
import { KnowledgeBase } from './store.ts';
import { queryText, retrieveKnowledge } from './retrieve.ts';
import type { AppearanceFeatures, KnowledgeItem, NewKnowledge } from './types.ts';

export interface KnowledgeSettings {
  /** The database file. */
  file: string;
  /**
   * Whether the episode writes what it teaches (entries distilled from its corrections and
   * repairs) and the outcome of what it used (confidence). Suites read only: the knowledge
   * base is the same for every episode of a suite, whatever the order they run in.
   */
  learn: boolean;
}

/** What an episode retrieved, for its record (EpisodeRecord.knowledge). */
export interface KnowledgeUse {
  file: string;
  retrieved: Array<Pick<KnowledgeItem, 'id' | 'kind' | 'text' | 'objects' | 'score'>>;
  /** Entries this episode added or merged into (learn on). */
  learned: number[];
  merged: number[];
  /** Where the appearance features came from. */
  appearance: 'render' | 'facts' | 'none';
  /** A problem with the knowledge base that did not stop the episode. */
  warning?: string;
}

const open = new Map<string, KnowledgeBase>();

/** The knowledge base at `file`, opened once per thread (KnowledgeBaseError when it cannot be). */
export function openKnowledge(file: string): KnowledgeBase {
  let kb = open.get(file);
  if (!kb) {
    kb = KnowledgeBase.open(file);
    open.set(file, kb);
  }
  return kb;
}

/**
 * The content of a knowledge base in a line — `12 entries, 3f9c0a1b2c3d` (sha256 of every
 * entry's id and update time) — or null when it holds none. A suite's settings carry it.
 */
export function knowledgeFingerprint(file: string): string | null {
  const kb = openKnowledge(file);
  const entries = kb.list({ limit: Number.MAX_SAFE_INTEGER });
  if (entries.length === 0) return null;
  const h = createHash('sha256');
  for (const e of entries.sort((a, b) => a.id - b.id)) h.update(`${e.id}:${e.updated}:${e.confidence}\n`);
  return `${entries.length} entries, ${h.digest('hex').slice(0, 12)}`;
}

/** Close every knowledge base this thread opened (end of a command, tests). */
export function closeKnowledge(): void {
  for (const kb of open.values()) kb.close();
  open.clear();
}

let embedder: Embedder | null | undefined;

function configuredEmbedder(): Embedder | null {
  if (embedder === undefined) {
    const s = embedderSettingsFromEnv();
    embedder = s ? new OpenAIEmbedder(s) : null;
  }
  return embedder;
}

/** Forget the embedder read from the environment (tests change the environment). */
export function resetEmbedder(): void {
  embedder = undefined;
}

export interface RetrieveForEpisode {
  instruction: string;
  objects: readonly ObjectInfo[];
  scene: SceneSpec;
  /** The world at the start, to render the objects' appearance. */
  snapshot: Snapshot;
  /** A renderer already running in this episode; without one appearance comes from the facts. */
  renderer?: HeadlessRenderer | null;
}

export interface Retrieved {
  items: KnowledgeItem[];
  appearance: Map<string, AppearanceFeatures>;
  use: KnowledgeUse;
}

/** The entries for an episode, and the appearance it computed (kept for learning at the end). */
export async function retrieveForEpisode(settings: KnowledgeSettings, q: RetrieveForEpisode): Promise<Retrieved> {
  const kb = openKnowledge(settings.file);
  let appearance = new Map<string, AppearanceFeatures>();
  let source: KnowledgeUse['appearance'] = 'facts';
  let warning: string | undefined;
  if (q.renderer) {
    try {
      appearance = await renderAppearance(q.scene, q.snapshot, q.renderer, [...q.objects]);
      source = 'render';
    } catch (err) {
      warning = `appearance from the scene facts: rendering failed (${(err as Error).message.split('\n')[0]})`;
    }
  }
  let embedding: { model: string; vector: Float32Array } | null = null;
  const emb = configuredEmbedder();
  if (emb) {
    try {
      const [vector] = await emb.embed([queryText(q)]);
      if (vector) embedding = { model: emb.model, vector };
    } catch (err) {
      warning = `knowledge by text only: ${(err as Error).message}`;
    }
  }
  const items = retrieveKnowledge(kb, { instruction: q.instruction, objects: q.objects, appearance, embedding });
  return {
    items,
    appearance,
    use: {
      file: settings.file,
      retrieved: items.map((i) => ({ id: i.id, kind: i.kind, text: i.text, objects: i.objects, score: i.score })),
      learned: [],
      merged: [],
      appearance: source,
      ...(warning && { warning }),
    },
  };
}

/** Something that distils with a model (LlmProgrammer.distill); the rule distiller is used otherwise. */
export interface Distiller {
  distill?(input: DistillInput): Promise<NewKnowledge[] | null>;
}

/**
 * The end of an episode: confidence of what it used moves with the outcome, and what its
 * corrections and repairs taught is written (only when it ended with the task done).
 */
export async function learnFromEpisode(
  settings: KnowledgeSettings,
  use: KnowledgeUse,
  success: boolean,
  input: DistillInput | null,
  distiller?: Distiller,
): Promise<KnowledgeUse> {
  if (!settings.learn) return use;
  const kb = openKnowledge(settings.file);
  const ids = use.retrieved.map((r) => r.id);
  if (ids.length > 0) kb.recordOutcome(ids, success);
  if (!success || !input) return use;
  let entries: NewKnowledge[] | null = null;
  if (distiller?.distill) {
    try {
      entries = await distiller.distill(input);
    } catch {
      entries = null;
    }
  }
  entries ??= distillByRule(input);
  const embed = configuredEmbedder();
  const learned: number[] = [];
  const merged: number[] = [];
  for (const e of entries) {
    const r = kb.add(e);
    (r.merged ? merged : learned).push(r.id);
    if (embed && !r.merged) {
      try {
        const [v] = await embed.embed([e.text]);
        if (v) kb.setEmbedding(r.id, embed.model, v);
      } catch {
        // Text search still finds it; the next `kb` embedding pass can add it.
      }
    }
  }
  return { ...use, learned, merged };
}
