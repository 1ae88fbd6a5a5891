// The knowledge base's SQLite store (docs/knowledge.md#storage): entries, their sources,
// shapes, full-text index and embeddings in one file, opened in WAL mode so suite workers can
// read while one process writes. Every write is one transaction; every error a caller can
// cause (a corrupt or newer file, a bad line, an unknown id) is a one-line KnowledgeBaseError
// that names the file.

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { validateAppearance } from './appearance.ts';
import { ExportedEntrySchema, type ExportedEntry, issueText, NewKnowledgeSchema } from './entry-schema.ts';
import {
  type EntryCounters,
  isDuplicate,
  type MergeProbe,
  mergeScopes,
  normalizeText,
  nudged,
  paramsKey,
  posteriorConfidence,
  priorFor,
  sameSource,
} from './merge.ts';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.ts';
import { ftsMatch, indexText, queryTerms } from './text.ts';
import {
  INITIAL_CONFIDENCE,
  type KnowledgeEntry,
  type KnowledgeKind,
  type KnowledgeScope,
  type KnowledgeSource,
  type NewKnowledge,
} from './types.ts';

/** How long a connection waits for another one's write lock before SQLITE_BUSY (ms). */
export const BUSY_TIMEOUT_MS = 5000;
/** Default `limit` of `candidates()`: at most this many by text and this many by shape. */
export const CANDIDATE_LIMIT = 40;
/**
 * candidates() searches with a query's rarest terms while their document counts add up to at
 * most this (docs/knowledge.md#candidates): the cost of an FTS5 query grows with the postings
 * it reads, and a term in thousands of entries barely moves BM25 (its IDF is near 0).
 */
export const TEXT_POSTINGS_BUDGET = 1500;
/** Entries from candidates() and search() carry at most this many sources by default, the oldest (get() has them all). */
export const CANDIDATE_SOURCES = 1;

export type KnowledgeBaseErrorCode = 'missing' | 'corrupt' | 'newer' | 'older' | 'foreign' | 'input' | 'sqlite';

export class KnowledgeBaseError extends Error {
  readonly code: KnowledgeBaseErrorCode;
  constructor(message: string, code: KnowledgeBaseErrorCode) {
    super(message);
    this.name = 'KnowledgeBaseError';
    this.code = code;
  }
}

export interface KnowledgeStats {
  file: string;
  /** The database file plus its write-ahead log. */
  bytes: number;
  schemaVersion: number;
  entries: number;
  plan: number;
  skill: number;
  sources: number;
  /** Entries per scope shape; `any` counts entries whose scope names no shape. */
  byShape: Record<string, number>;
  /** Mean confidence over entries (0 when there are none). */
  meanConfidence: number;
  /** Stored embedding vectors, all models. */
  embeddings: number;
}

export interface Candidate {
  entry: KnowledgeEntry;
  /** SQLite's bm25() of the text match: negative, lower (more negative) is better; null when only the shape matched. */
  bm25: number | null;
}

export interface SearchHit {
  entry: KnowledgeEntry;
  /** SQLite's bm25(): negative, lower (more negative) is better; hits come best first. */
  rank: number;
}

interface EntryRow {
  id: number;
  kind: KnowledgeKind;
  text: string;
  text_key: string;
  skill: string | null;
  params: string | null;
  params_key: string | null;
  scope: string;
  appearance: string | null;
  before_lines: string | null;
  after_lines: string | null;
  confidence: number;
  prior: number | null;
  uses: number;
  successes: number;
  failures: number;
  created: string;
  updated: string;
}

interface SourceRow {
  entry_id: number;
  origin: KnowledgeSource['origin'];
  session: string | null;
  correction: string | null;
  task_id: string;
  seed: number;
  at: string;
  programmer: string;
}

/** `~/.policyloop/knowledge.db`. */
export function defaultKnowledgeFile(): string {
  return join(homedir(), '.policyloop', 'knowledge.db');
}

function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  return path;
}

const OFF_VALUES = new Set(['off', 'none', '0']);

/**
 * The knowledge base file a command uses, or null when it is off: `--kb FILE`, else
 * `--no-kb` (kb: false), else `POLICYLOOP_KB` (a path; `off`, `none` or `0` turn it off),
 * else `~/.policyloop/knowledge.db`.
 */
export function knowledgeFileFromEnv(opts: { kb?: string | false }, env: NodeJS.ProcessEnv = process.env): string | null {
  if (opts.kb === false) return null;
  if (typeof opts.kb === 'string') {
    if (opts.kb.trim() === '') throw new KnowledgeBaseError('--kb: expected a file path, got an empty string', 'input');
    return resolve(expandHome(opts.kb));
  }
  const fromEnv = env.POLICYLOOP_KB?.trim();
  if (fromEnv) return OFF_VALUES.has(fromEnv.toLowerCase()) ? null : resolve(expandHome(fromEnv));
  return defaultKnowledgeFile();
}

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function isSqliteError(err: unknown): err is Error & { code: string } {
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/** A user's words as a safe FTS5 query: each distinct stemmed word quoted, ORed; null when there is no word. */
export function ftsQuery(text: string): string | null {
  const terms = queryTerms(text);
  return terms.length === 0 ? null : ftsMatch(terms);
}

function camelWords(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The FTS `terms` column: scope verbs, shapes and colours, the skill, and the params' keys and text values. */
function ftsTerms(entry: Pick<KnowledgeEntry, 'scope' | 'skill' | 'params'>): string {
  const terms = [...entry.scope.verbs, ...entry.scope.shapes, ...(entry.scope.colors ?? [])];
  if (entry.skill) terms.push(entry.skill);
  const visit = (value: unknown, key?: string): void => {
    if (key) terms.push(key, camelWords(key));
    if (typeof value === 'string') terms.push(value);
    else if (Array.isArray(value)) for (const v of value) visit(v);
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  if (entry.params) visit(entry.params);
  return terms.join(' ');
}

function toSource(row: SourceRow): KnowledgeSource {
  return {
    origin: row.origin,
    session: row.session,
    correction: row.correction,
    taskId: row.task_id,
    seed: row.seed,
    at: row.at,
    programmer: row.programmer,
  };
}

function toEntry(row: EntryRow, sources: KnowledgeSource[]): KnowledgeEntry {
  // Built in the type's key order, for readable exports.
  const entry = { id: row.id, kind: row.kind, text: row.text } as KnowledgeEntry;
  if (row.skill !== null) entry.skill = row.skill as KnowledgeEntry['skill'];
  if (row.params !== null) entry.params = JSON.parse(row.params) as Record<string, unknown>;
  entry.scope = JSON.parse(row.scope) as KnowledgeScope;
  if (row.appearance !== null) entry.appearance = JSON.parse(row.appearance) as KnowledgeEntry['appearance'];
  if (row.before_lines !== null) entry.before = JSON.parse(row.before_lines) as string[];
  if (row.after_lines !== null) entry.after = JSON.parse(row.after_lines) as string[];
  entry.sources = sources;
  entry.confidence = row.confidence;
  entry.uses = row.uses;
  entry.successes = row.successes;
  entry.failures = row.failures;
  entry.created = row.created;
  entry.updated = row.updated;
  return entry;
}

function probeOf(row: EntryRow): MergeProbe {
  return {
    kind: row.kind,
    ...(row.skill !== null ? { skill: row.skill } : {}),
    textKey: row.text_key,
    paramsKey: row.params_key,
    scope: JSON.parse(row.scope) as KnowledgeScope,
  };
}

const ENTRY_COLUMNS =
  'id, kind, text, text_key, skill, params, params_key, scope, appearance, before_lines, after_lines, confidence, prior, uses, successes, failures, created, updated';

/** What toEntry reads (not the merge keys or the prior). */
const LOAD_COLUMNS =
  'id, kind, text, skill, params, scope, appearance, before_lines, after_lines, confidence, uses, successes, failures, created, updated';

function prepareAll(db: Database.Database) {
  const p = <R = unknown>(sql: string) => db.prepare<unknown[], R>(sql);
  return {
    insertEntry: p(
      `INSERT INTO entries (${ENTRY_COLUMNS.replace('id, ', '')})
       VALUES (@kind, @text, @text_key, @skill, @params, @params_key, @scope, @appearance, @before_lines, @after_lines,
               @confidence, @prior, @uses, @successes, @failures, @created, @updated)`,
    ),
    updateMerged: p(
      `UPDATE entries SET params = @params, params_key = @params_key, scope = @scope, appearance = @appearance,
         before_lines = @before_lines, after_lines = @after_lines, confidence = @confidence, prior = @prior,
         uses = @uses, successes = @successes, failures = @failures, created = @created, updated = @updated
       WHERE id = @id`,
    ),
    insertSource: p(
      `INSERT INTO sources (entry_id, origin, session, correction, task_id, seed, at, programmer)
       VALUES (@entry_id, @origin, @session, @correction, @task_id, @seed, @at, @programmer)`,
    ),
    deleteShapes: p('DELETE FROM entry_shapes WHERE entry_id = ?'),
    insertShape: p('INSERT OR IGNORE INTO entry_shapes (shape, entry_id) VALUES (?, ?)'),
    ftsDelete: p('DELETE FROM entries_fts WHERE rowid = ?'),
    ftsInsert: p('INSERT INTO entries_fts (rowid, text, corrections, terms) VALUES (?, ?, ?, ?)'),
    entry: p<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id = ?`),
    sources: p<SourceRow>('SELECT * FROM sources WHERE entry_id = ? ORDER BY id'),
    entriesIn: p<EntryRow>(`SELECT ${LOAD_COLUMNS} FROM entries WHERE id IN (SELECT value FROM json_each(?))`),
    sourcesIn: p<SourceRow>('SELECT * FROM sources WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY entry_id, id'),
    oldestSourceIn: p<SourceRow>(
      `SELECT * FROM sources WHERE id IN
         (SELECT min(id) FROM sources WHERE entry_id IN (SELECT value FROM json_each(?)) GROUP BY entry_id)`,
    ),
    // The first @n sources of each entry (an entry taught a hundred times keeps a hundred).
    firstSourcesIn: p<SourceRow>(
      `SELECT s.* FROM json_each(@ids) j
       JOIN sources s ON s.id IN (SELECT id FROM sources WHERE entry_id = j.value ORDER BY id LIMIT @n)
       ORDER BY s.entry_id, s.id`,
    ),
    allEntries: p<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries ORDER BY id`),
    allSources: p<SourceRow>('SELECT * FROM sources ORDER BY entry_id, id'),
    list: p<EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM entries WHERE (@kind IS NULL OR kind = @kind) ORDER BY updated DESC, id DESC LIMIT @limit OFFSET @offset`,
    ),
    dupSkill: p<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE kind = 'skill' AND skill = ? AND params_key = ? ORDER BY id`),
    dupPlanText: p<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE kind = 'plan' AND text_key = ? ORDER BY id LIMIT 1`),
    dupPlanParams: p<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE kind = 'plan' AND params_key = ? ORDER BY id LIMIT 1`),
    // bm25 column weights: the entry's text 3, the corrections that taught it 1, scope terms 2.
    match: p<{ id: number; score: number }>(
      `SELECT rowid AS id, bm25(entries_fts, 3.0, 1.0, 2.0) AS score FROM entries_fts
       WHERE entries_fts MATCH ? ORDER BY bm25(entries_fts, 3.0, 1.0, 2.0) LIMIT ?`,
    ),
    // Entries whose scope names one of the shapes, and skill entries for any shape; most confident first.
    byShape: p<{ id: number }>(
      `SELECT e.id FROM entries e
       WHERE EXISTS (SELECT 1 FROM entry_shapes s WHERE s.entry_id = e.id
                     AND (s.shape IN (SELECT value FROM json_each(@shapes))
                          OR (s.shape = '*' AND (e.kind = 'skill' OR json_extract(e.params, '$.rule') IS NOT NULL))))
       ORDER BY e.confidence DESC, e.id DESC LIMIT @limit`,
    ),
    remove: p('DELETE FROM entries WHERE id = ?'),
    clear: p('DELETE FROM entries'),
    outcome: p(
      `UPDATE entries SET uses = uses + 1, successes = successes + @s, failures = failures + @f,
         confidence = (5.0 * coalesce(prior, confidence) + successes + @s) / (5.0 + uses + 1), updated = @now
       WHERE id = @id`,
    ),
    termDocs: p<{ term: string; doc: number }>('SELECT term, doc FROM entries_fts_terms WHERE term IN (SELECT value FROM json_each(?))'),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    exists: p<{ id: number }>('SELECT id FROM entries WHERE id = ?'),
    setEmbedding: p('INSERT OR REPLACE INTO embeddings (entry_id, model, dim, vector) VALUES (?, ?, ?, ?)'),
    embeddings: p<{ entry_id: number; vector: Buffer }>('SELECT entry_id, vector FROM embeddings WHERE model = ?'),
    embeddingsOf: p<{ entry_id: number; vector: Buffer }>(
      'SELECT entry_id, vector FROM embeddings WHERE model = ? AND entry_id IN (SELECT value FROM json_each(?))',
    ),
    counts: p<{ entries: number; plan: number; skill: number; mean: number | null }>(
      `SELECT count(*) AS entries, coalesce(sum(kind = 'plan'), 0) AS plan, coalesce(sum(kind = 'skill'), 0) AS skill,
              avg(confidence) AS mean FROM entries`,
    ),
    countSources: p<{ n: number }>('SELECT count(*) AS n FROM sources'),
    countEmbeddings: p<{ n: number }>('SELECT count(*) AS n FROM embeddings'),
    shapeCounts: p<{ shape: string; n: number }>('SELECT shape, count(*) AS n FROM entry_shapes GROUP BY shape ORDER BY shape'),
  };
}

type Statements = ReturnType<typeof prepareAll>;

/** The SQLite knowledge base (docs/knowledge.md). Open with `KnowledgeBase.open(file)`. */
export class KnowledgeBase {
  /** The path as it was opened. */
  readonly file: string;
  readonly readonly: boolean;
  private readonly db: Database.Database;
  private readonly st: Statements;
  private readonly termDocs = new Map<string, number>();
  private termDocsVersion = -1;

  private constructor(db: Database.Database, file: string, readonly: boolean) {
    this.db = db;
    this.file = file;
    this.readonly = readonly;
    this.st = prepareAll(db);
  }

  /**
   * Opens (and unless `readonly`, creates and migrates) a knowledge base file. `create`
   * (default: true unless readonly) makes the parent folders and the file when absent.
   */
  static open(file: string, opts: { readonly?: boolean; create?: boolean } = {}): KnowledgeBase {
    const readonly = opts.readonly ?? false;
    const create = !readonly && (opts.create ?? true);
    if (existsSync(file)) {
      if (statSync(file).isDirectory()) throw new KnowledgeBaseError(`${file}: is a folder, not a knowledge base file`, 'input');
    } else {
      if (!create) throw new KnowledgeBaseError(`${file}: no knowledge base here (the file does not exist)`, 'missing');
      try {
        mkdirSync(dirname(resolve(file)), { recursive: true });
      } catch (err) {
        throw new KnowledgeBaseError(`${file}: cannot create its folder: ${(err as Error).message}`, 'input');
      }
    }
    let db: Database.Database | undefined;
    try {
      db = new Database(file, { readonly, fileMustExist: !create });
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      // Reading the version and the schema reads the header and page 1: random bytes fail here.
      const version = userVersion(db);
      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      const appId = db.pragma('application_id', { simple: true }) as number;
      if ((appId !== 0 && appId !== APPLICATION_ID) || (version > 0 && appId !== APPLICATION_ID) || (version === 0 && tables.length > 0))
        throw new KnowledgeBaseError(`${file}: an SQLite database, but not a policyloop knowledge base`, 'foreign');
      if (version > SCHEMA_VERSION)
        throw new KnowledgeBaseError(
          `${file}: schema version ${version} is newer than this policyloop understands (${SCHEMA_VERSION}); upgrade policyloop or use --kb with another file`,
          'newer',
        );
      if (readonly) {
        if (version < SCHEMA_VERSION)
          throw new KnowledgeBaseError(
            `${file}: schema version ${version} is older than this policyloop's (${SCHEMA_VERSION}); open it once for writing (e.g. \`policyloop kb stats --kb ${file}\`) to migrate it`,
            'older',
          );
      } else {
        db.pragma('journal_mode = WAL');
        // In WAL mode NORMAL keeps the file consistent on a crash; only a power cut can lose the last commits.
        db.pragma('synchronous = NORMAL');
        migrate(db, file);
      }
      db.pragma('foreign_keys = ON');
      return new KnowledgeBase(db, file, readonly);
    } catch (err) {
      db?.close();
      throw asKbError(err, file, 'open');
    }
  }

  /** Adds an entry, or merges it into the stored entry it duplicates (docs/knowledge.md#merging). */
  add(entry: NewKnowledge): { id: number; merged: boolean } {
    const valid = this.validNew(entry, 'add');
    return this.write('add', () => this.addOne(valid, null));
  }

  /** `add` for several entries in one transaction (all or none: a bad entry names its index). */
  addMany(entries: readonly NewKnowledge[]): { id: number; merged: boolean }[] {
    const valid = entries.map((entry, i) => this.validNew(entry, `add: entry ${i}`));
    return this.write('add', () => valid.map((entry) => this.addOne(entry, null)));
  }

  get(id: number): KnowledgeEntry | null {
    return this.read('get', () => {
      const row = this.st.entry.get(id);
      return row ? toEntry(row, this.st.sources.all(id).map(toSource)) : null;
    });
  }

  /** Entries, most recently updated first. */
  list(opts: { kind?: KnowledgeKind; limit?: number; offset?: number } = {}): KnowledgeEntry[] {
    return this.read('list', () =>
      this.withSources(this.st.list.all({ kind: opts.kind ?? null, limit: opts.limit ?? -1, offset: opts.offset ?? 0 })),
    );
  }

  /** Full-text search (FTS5, BM25) over entry text, the corrections that taught them and their scope terms. */
  search(text: string, limit = 20): SearchHit[] {
    const query = ftsQuery(text);
    if (query === null) return [];
    return this.read('search', () => {
      const hits = this.st.match.all(query, limit);
      const byId = new Map(
        this.load(
          hits.map((h) => h.id),
          CANDIDATE_SOURCES,
        ).map((e) => [e.id, e]),
      );
      return hits.flatMap((h) => {
        const entry = byId.get(h.id);
        return entry ? [{ entry, rank: h.score }] : [];
      });
    });
  }

  /**
   * The entries retrieval ranks for an episode: up to `limit` matching `text` by full text
   * (best BM25 first), then up to `limit` more whose scope names one of `shapes` or that are
   * skill entries for any shape (most confident first). Each entry once, carrying its first
   * `sources` sources (default CANDIDATE_SOURCES = 1; 0 for none — loading them is a third of
   * the cost). The text part searches with the query's rarest terms (TEXT_POSTINGS_BUDGET).
   */
  candidates(query: { text: string; shapes: readonly string[]; limit?: number; sources?: number }): Candidate[] {
    const limit = query.limit ?? CANDIDATE_LIMIT;
    const sources = query.sources ?? CANDIDATE_SOURCES;
    const terms = queryTerms(query.text);
    return this.read('candidates', () => {
      const scores = new Map<number, number | null>();
      const selected = terms.length ? this.selectTerms(terms, TEXT_POSTINGS_BUDGET) : [];
      if (selected.length) for (const hit of this.st.match.all(ftsMatch(selected), limit)) scores.set(hit.id, hit.score);
      for (const { id } of this.st.byShape.all({ shapes: JSON.stringify(query.shapes), limit })) if (!scores.has(id)) scores.set(id, null);
      const byId = new Map(this.load([...scores.keys()], sources).map((e) => [e.id, e]));
      const out: Candidate[] = [];
      for (const [id, bm25] of scores) {
        const entry = byId.get(id);
        if (entry) out.push({ entry, bm25 });
      }
      return out;
    });
  }

  /** Removes an entry (its sources, shapes, index row and embeddings go with it); false when there was none. */
  remove(id: number): boolean {
    return this.write('remove', () => this.st.remove.run(id).changes > 0);
  }

  /** Removes every entry; returns how many. */
  clear(): number {
    return this.write('clear', () => this.st.clear.run().changes);
  }

  /**
   * Records that these entries were used in an attempt that succeeded or failed: uses + 1,
   * successes or failures + 1, confidence = (5·c0 + successes) / (5 + uses). Ids no longer
   * stored (removed meanwhile) are skipped.
   */
  recordOutcome(ids: readonly number[], success: boolean): void {
    const now = new Date().toISOString();
    this.write('recordOutcome', () => {
      for (const id of new Set(ids)) this.st.outcome.run({ id, s: success ? 1 : 0, f: success ? 0 : 1, now });
    });
  }

  /** Stores (or replaces) an entry's embedding for one model. */
  setEmbedding(id: number, model: string, vector: Float32Array): void {
    if (vector.length === 0 || !vector.every(Number.isFinite))
      throw new KnowledgeBaseError(`${this.file}: setEmbedding: entry ${id}: the vector is empty or not finite`, 'input');
    this.write('setEmbedding', () => {
      if (!this.st.exists.get(id)) throw new KnowledgeBaseError(`${this.file}: setEmbedding: no entry ${id}`, 'input');
      this.st.setEmbedding.run(id, model, vector.length, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
    });
  }

  /** The stored embeddings of one model, by entry id: every entry's, or only those of `ids` (e.g. the candidates'). */
  embeddings(model: string, ids?: readonly number[]): Map<number, Float32Array> {
    return this.read('embeddings', () => {
      const out = new Map<number, Float32Array>();
      const rows = ids ? this.st.embeddingsOf.all(model, JSON.stringify(ids)) : this.st.embeddings.all(model);
      for (const row of rows) {
        // Copy: a Buffer from SQLite need not be 4-byte aligned.
        out.set(
          row.entry_id,
          new Float32Array(row.vector.buffer.slice(row.vector.byteOffset, row.vector.byteOffset + row.vector.byteLength)),
        );
      }
      return out;
    });
  }

  /** Writes every entry as one JSON line (a KnowledgeEntry plus `prior`), by id; returns how many. */
  exportJsonl(file: string): number {
    const lines = this.read('export', () => {
      const rows = this.st.allEntries.all();
      const prior = new Map(rows.map((r) => [r.id, r.prior ?? r.confidence]));
      return this.withSources(rows).map((e) => {
        const { confidence, uses, successes, failures, created, updated, ...content } = e;
        return JSON.stringify({ ...content, confidence, prior: prior.get(e.id), uses, successes, failures, created, updated });
      });
    });
    try {
      mkdirSync(dirname(resolve(file)), { recursive: true });
      writeFileSync(file, lines.length ? `${lines.join('\n')}\n` : '');
    } catch (err) {
      throw new KnowledgeBaseError(`${file}: cannot write: ${(err as Error).message}`, 'input');
    }
    return lines.length;
  }

  /**
   * Reads an exported file and adds its entries, merging duplicates; ids are reassigned.
   * Every line is checked before anything is written: a bad line fails the whole import.
   */
  importJsonl(file: string): { added: number; merged: number } {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new KnowledgeBaseError(
        code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read: ${(err as Error).message}`,
        'input',
      );
    }
    const entries: ExportedEntry[] = [];
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw new KnowledgeBaseError(`${file}:${i + 1}: not JSON: ${(err as Error).message}`, 'input');
      }
      const parsed = ExportedEntrySchema.safeParse(value);
      if (!parsed.success) throw new KnowledgeBaseError(`${file}:${i + 1}: ${issueText(parsed.error)}`, 'input');
      checkAppearance(parsed.data.appearance, `${file}:${i + 1}`);
      entries.push(parsed.data);
    });
    return this.write('import', () => {
      let added = 0;
      let merged = 0;
      for (const e of entries) {
        if (this.addOne(e as unknown as NewKnowledge, e).merged) merged++;
        else added++;
      }
      return { added, merged };
    });
  }

  stats(): KnowledgeStats {
    return this.read('stats', () => {
      const c = this.st.counts.get()!;
      const byShape: Record<string, number> = {};
      for (const { shape, n } of this.st.shapeCounts.all()) byShape[shape === '*' ? 'any' : shape] = n;
      return {
        file: resolve(this.file),
        bytes: fileSize(this.file) + fileSize(`${this.file}-wal`),
        schemaVersion: userVersion(this.db),
        entries: c.entries,
        plan: c.plan,
        skill: c.skill,
        sources: this.st.countSources.get()!.n,
        byShape,
        meanConfidence: c.mean ?? 0,
        embeddings: this.st.countEmbeddings.get()!.n,
      };
    });
  }

  /** Folds the write-ahead log into the database file (so its size is the data's). */
  checkpoint(): void {
    if (!this.readonly) this.read('checkpoint', () => this.db.pragma('wal_checkpoint(TRUNCATE)'));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ── internals ──

  private read<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw asKbError(err, this.file, what);
    }
  }

  private write<T>(what: string, fn: () => T): T {
    if (this.readonly) throw new KnowledgeBaseError(`${this.file}: ${what}: opened read-only`, 'input');
    this.termDocsVersion = -1;
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      throw asKbError(err, this.file, what);
    }
  }

  private validNew(entry: NewKnowledge, what: string): NewKnowledge {
    const parsed = NewKnowledgeSchema.safeParse(entry);
    if (!parsed.success) throw new KnowledgeBaseError(`${this.file}: ${what}: ${issueText(parsed.error)}`, 'input');
    checkAppearance(parsed.data.appearance, `${this.file}: ${what}`);
    return parsed.data as NewKnowledge;
  }

  /** The query terms some entry has, rarest first, while their document counts add up to at most `budget`. */
  private selectTerms(terms: readonly string[], budget: number): string[] {
    // Document counts are cached until this connection writes or another one commits.
    const version = this.st.dataVersion.get() as number;
    if (version !== this.termDocsVersion) {
      this.termDocs.clear();
      this.termDocsVersion = version;
    }
    const unknown = terms.filter((t) => !this.termDocs.has(t));
    if (unknown.length) {
      for (const t of unknown) this.termDocs.set(t, 0);
      for (const { term, doc } of this.st.termDocs.all(JSON.stringify(unknown))) this.termDocs.set(term, doc);
    }
    const counted = terms
      .map((term) => ({ term, doc: this.termDocs.get(term)! }))
      .filter((t) => t.doc > 0)
      .sort((a, b) => a.doc - b.doc || a.term.localeCompare(b.term));
    const out: string[] = [];
    let postings = 0;
    for (const { term, doc } of counted) {
      if (postings + doc > budget) break;
      postings += doc;
      out.push(term);
    }
    return out;
  }

  private withSources(rows: EntryRow[], maxSources?: number): KnowledgeEntry[] {
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((r) => r.id));
    const all =
      maxSources === 0
        ? []
        : maxSources === 1
          ? this.st.oldestSourceIn.all(ids)
          : maxSources !== undefined
            ? this.st.firstSourcesIn.all({ ids, n: maxSources })
            : rows.length > 200
              ? this.st.allSources.all()
              : this.st.sourcesIn.all(ids);
    const byEntry = new Map<number, KnowledgeSource[]>();
    for (const s of all) {
      let list = byEntry.get(s.entry_id);
      if (!list) byEntry.set(s.entry_id, (list = []));
      list.push(toSource(s));
    }
    return rows.map((r) => toEntry(r, byEntry.get(r.id) ?? []));
  }

  private load(ids: number[], maxSources?: number): KnowledgeEntry[] {
    if (ids.length === 0) return [];
    return this.withSources(this.st.entriesIn.all(JSON.stringify(ids)), maxSources);
  }

  private findDuplicate(probe: MergeProbe): EntryRow | null {
    if (probe.kind === 'skill') {
      if (probe.skill === undefined || probe.paramsKey === null) return null;
      return this.st.dupSkill.all(probe.skill, probe.paramsKey).find((row) => isDuplicate(probe, probeOf(row))) ?? null;
    }
    return (
      this.st.dupPlanText.get(probe.textKey) ?? (probe.paramsKey !== null ? this.st.dupPlanParams.get(probe.paramsKey) : undefined) ?? null
    );
  }

  /** Inside a write transaction: adds `entry` or merges it; `imported` carries an exported entry's counters and times. */
  private addOne(entry: NewKnowledge, imported: ExportedEntry | null): { id: number; merged: boolean } {
    const probe: MergeProbe = {
      kind: entry.kind,
      ...(entry.skill !== undefined ? { skill: entry.skill } : {}),
      textKey: normalizeText(entry.text),
      paramsKey: paramsKey(entry.params),
      scope: entry.scope,
    };
    const dup = this.findDuplicate(probe);
    if (dup) {
      this.mergeInto(dup, entry, imported);
      return { id: dup.id, merged: true };
    }
    const now = new Date().toISOString();
    const confidence = imported?.confidence ?? entry.confidence ?? INITIAL_CONFIDENCE;
    const uses = imported?.uses ?? 0;
    const successes = imported?.successes ?? 0;
    const id = Number(
      this.st.insertEntry.run({
        kind: entry.kind,
        text: entry.text,
        text_key: probe.textKey,
        skill: entry.skill ?? null,
        params: json(entry.params),
        params_key: probe.paramsKey,
        scope: JSON.stringify(entry.scope),
        appearance: json(entry.appearance),
        before_lines: json(entry.before),
        after_lines: json(entry.after),
        confidence,
        prior: imported ? (imported.prior ?? priorFor(confidence, successes, uses)) : confidence,
        uses,
        successes,
        failures: imported?.failures ?? 0,
        created: imported?.created ?? now,
        updated: imported?.updated ?? now,
      }).lastInsertRowid,
    );
    for (const s of entry.sources) this.insertSource(id, s);
    this.index(id, entry, entry.sources);
    return { id, merged: false };
  }

  private mergeInto(row: EntryRow, incoming: NewKnowledge, imported: ExportedEntry | null): void {
    const existing = toEntry(row, this.st.sources.all(row.id).map(toSource));
    const fresh = incoming.sources.filter((s) => !existing.sources.some((e) => sameSource(e, s)));
    const scope = mergeScopes(existing.scope, incoming.scope);
    const mine: EntryCounters = { ...existing, prior: row.prior ?? row.confidence };
    let counters: EntryCounters;
    if (fresh.length === 0) {
      // The same teaching seen again (a re-import): keep the copy with more recorded uses.
      counters =
        imported && imported.uses > existing.uses
          ? { ...imported, prior: imported.prior ?? priorFor(imported.confidence, imported.successes, imported.uses) }
          : mine;
    } else {
      // Taught once more: outcomes add up, and the confidence is the higher one, nudged up.
      const uses = existing.uses + (imported?.uses ?? 0);
      const successes = existing.successes + (imported?.successes ?? 0);
      const failures = existing.failures + (imported?.failures ?? 0);
      const target = nudged(Math.max(existing.confidence, imported?.confidence ?? incoming.confidence ?? INITIAL_CONFIDENCE));
      const prior = priorFor(target, successes, uses);
      counters = { uses, successes, failures, prior, confidence: posteriorConfidence(prior, successes, uses) };
    }
    const params = existing.params ?? incoming.params;
    const created = imported && imported.created < existing.created ? imported.created : existing.created;
    // Seen again without a new source, the entry changed only if the imported copy was used more.
    let updated = new Date().toISOString();
    if (fresh.length === 0) updated = counters === mine || !imported ? existing.updated : imported.updated;
    this.st.updateMerged.run({
      id: row.id,
      params: json(params),
      params_key: paramsKey(params),
      scope: JSON.stringify(scope),
      appearance: json(existing.appearance ?? incoming.appearance),
      before_lines: json(existing.before ?? incoming.before),
      after_lines: json(existing.after ?? incoming.after),
      confidence: counters.confidence,
      prior: counters.prior,
      uses: counters.uses,
      successes: counters.successes,
      failures: counters.failures,
      created,
      updated,
    });
    for (const s of fresh) this.insertSource(row.id, s);
    this.index(row.id, { scope, skill: existing.skill, params, text: existing.text }, [...existing.sources, ...fresh]);
  }

  private insertSource(entryId: number, s: KnowledgeSource): void {
    this.st.insertSource.run({
      entry_id: entryId,
      origin: s.origin,
      session: s.session,
      correction: s.correction,
      task_id: s.taskId,
      seed: s.seed,
      at: s.at,
      programmer: s.programmer,
    });
  }

  /** The entry's shape rows and full-text row, rewritten. */
  private index(id: number, entry: Pick<KnowledgeEntry, 'scope' | 'skill' | 'params' | 'text'>, sources: readonly KnowledgeSource[]): void {
    this.st.deleteShapes.run(id);
    for (const shape of entry.scope.shapes.length ? entry.scope.shapes : ['*']) this.st.insertShape.run(shape, id);
    this.st.ftsDelete.run(id);
    const corrections = sources.flatMap((s) => (s.correction ? [s.correction] : [])).join('\n');
    this.st.ftsInsert.run(id, indexText(entry.text), indexText(corrections), indexText(ftsTerms(entry)));
  }
}

/** Appearance features as appearance.ts computes them (the histogram's bins, its sum), or a one-line error. */
function checkAppearance(appearance: unknown, where: string): void {
  if (appearance === undefined) return;
  try {
    validateAppearance(appearance, where);
  } catch (err) {
    throw new KnowledgeBaseError((err as Error).message, 'input');
  }
}

/** Applies the migrations a file lacks, in one transaction that holds the write lock. */
function migrate(db: Database.Database, file: string): void {
  if (userVersion(db) >= SCHEMA_VERSION) return;
  db.transaction(() => {
    // Another process may have migrated it while this one waited for the lock.
    const from = userVersion(db);
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      try {
        db.exec(m.sql);
      } catch (err) {
        throw new KnowledgeBaseError(`${file}: migrating to schema version ${m.version} failed: ${(err as Error).message}`, 'sqlite');
      }
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}

function asKbError(err: unknown, file: string, what: string): Error {
  if (err instanceof KnowledgeBaseError) return err;
  if (isSqliteError(err)) {
    if (err.code === 'SQLITE_NOTADB' || err.code.startsWith('SQLITE_CORRUPT'))
      return new KnowledgeBaseError(`${file}: not a readable knowledge base (${err.message})`, 'corrupt');
    return new KnowledgeBaseError(`${file}: ${what}: ${err.message} (${err.code})`, 'sqlite');
  }
  if (err instanceof Error && what === 'open') return new KnowledgeBaseError(`${file}: cannot open: ${err.message}`, 'sqlite');
  return err instanceof Error ? err : new Error(String(err));
}
