// The knowledge base's SQLite schema (docs/knowledge.md#storage): an ordered list of
// migrations, each a block of SQL run inside one transaction by store.ts, which then sets
// `PRAGMA user_version` to the migration's version. A file's user_version is the last
// migration applied; SCHEMA_VERSION is the newest this code knows. Never edit a shipped
// migration: add the next one.

/** `PRAGMA application_id` of a policyloop knowledge base ('PLKB'), set by migration 1. */
export const APPLICATION_ID = 0x504c4b42;

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'entries, their shapes, their sources, and the full-text index',
    sql: `
      PRAGMA application_id = ${APPLICATION_ID};

      CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('plan', 'skill')),
        text TEXT NOT NULL,
        -- the text normalised for merging (lowercase, no punctuation or articles)
        text_key TEXT NOT NULL,
        skill TEXT,
        params TEXT,            -- JSON object or NULL
        -- the params as canonical JSON (sorted keys, numbers to 3 decimals), for merging
        params_key TEXT,
        scope TEXT NOT NULL,    -- JSON KnowledgeScope
        before_lines TEXT,      -- JSON string[] or NULL
        after_lines TEXT,       -- JSON string[] or NULL
        confidence REAL NOT NULL,
        created TEXT NOT NULL,  -- ISO 8601
        updated TEXT NOT NULL
      );
      CREATE INDEX entries_updated ON entries (updated, id);
      CREATE INDEX entries_skill_key ON entries (kind, skill, params_key);
      CREATE INDEX entries_text_key ON entries (kind, text_key);

      -- scope.shapes, one row per shape; '*' for an entry whose scope names no shape (any).
      CREATE TABLE entry_shapes (
        shape TEXT NOT NULL,
        entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        PRIMARY KEY (shape, entry_id)
      ) WITHOUT ROWID;
      CREATE INDEX entry_shapes_entry ON entry_shapes (entry_id);

      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        origin TEXT NOT NULL CHECK (origin IN ('correction', 'repair', 'import')),
        session TEXT,
        correction TEXT,
        task_id TEXT NOT NULL,
        seed INTEGER NOT NULL,
        at TEXT NOT NULL,
        programmer TEXT NOT NULL
      );
      CREATE INDEX sources_entry ON sources (entry_id);

      -- rowid = entries.id. Written by the store in the same transaction as the entry, as
      -- stemmed words (text.ts): the text; the sources' correction texts; scope verbs,
      -- shapes, colours, skill and params. The trigger removes an entry's row whatever
      -- deletes the entry. entries_fts_terms gives each term's document count.
      CREATE VIRTUAL TABLE entries_fts USING fts5 (text, corrections, terms, tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE entries_fts_terms USING fts5vocab (entries_fts, row);
      CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
        DELETE FROM entries_fts WHERE rowid = old.id;
      END;
    `,
  },
  {
    version: 2,
    description: 'appearance, usage counters and the confidence prior; embeddings',
    sql: `
      ALTER TABLE entries ADD COLUMN appearance TEXT;  -- JSON AppearanceFeatures or NULL
      ALTER TABLE entries ADD COLUMN uses INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE entries ADD COLUMN successes INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE entries ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
      -- c0 of the confidence formula (docs/knowledge.md#confidence); v1 entries start from their confidence
      ALTER TABLE entries ADD COLUMN prior REAL;
      UPDATE entries SET prior = confidence;
      CREATE INDEX entries_confidence ON entries (confidence, id);

      CREATE TABLE embeddings (
        entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        dim INTEGER NOT NULL,
        vector BLOB NOT NULL,   -- dim float32 values, little-endian
        PRIMARY KEY (entry_id, model)
      );
      CREATE INDEX embeddings_model ON embeddings (model);
    `,
  },
];

/** The newest schema version this code reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
