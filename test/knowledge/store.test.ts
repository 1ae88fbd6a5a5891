import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  INITIAL_CONFIDENCE,
  KnowledgeBase,
  KnowledgeBaseError,
  MIGRATIONS,
  SCHEMA_VERSION,
  defaultKnowledgeFile,
  knowledgeFileFromEnv,
  type KnowledgeSource,
  type NewKnowledge,
} from '../../policy/knowledge/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { COLOR_BINS } from '../../policy/knowledge/appearance.ts';

/** A colour histogram with all its weight in one bin. */
const histogram = (bin: number): number[] => Array.from({ length: COLOR_BINS }, (_, i) => (i === bin ? 1 : 0));

const source = (over: Partial<KnowledgeSource> = {}): KnowledgeSource => ({
  origin: 'correction',
  session: 'runs/20261204-bottle-seed3',
  correction: 'grab it from the side, it is slippery',
  taskId: 'slippery_bottle',
  seed: 3,
  at: '2026-12-04T10:00:00.000Z',
  programmer: 'builtin',
  ...over,
});

const sideGrasp = (over: Partial<NewKnowledge> = {}): NewKnowledge => ({
  kind: 'skill',
  text: 'grasp tall thin cylinders from the side',
  skill: 'pick',
  params: { approach: 'side' },
  scope: { shapes: ['cylinder'], sizeRange: { height: [0.12, 0.12], width: [0.04, 0.04] }, verbs: ['pick'], taskIds: ['slippery_bottle'] },
  sources: [source()],
  ...over,
});

const emptyFirst = (over: Partial<NewKnowledge> = {}): NewKnowledge => ({
  kind: 'plan',
  text: 'Before moving a bowl, take out what is in it.',
  scope: { shapes: ['bowl'], verbs: ['empty', 'place'], taskIds: ['bowl_with_ball'] },
  sources: [source({ taskId: 'bowl_with_ball', correction: 'empty the bowl first', seed: 1 })],
  ...over,
});

function openNew(name = 'knowledge.db'): { kb: KnowledgeBase; file: string } {
  const file = join(tempDir('kb'), name);
  return { kb: KnowledgeBase.open(file), file };
}

function errorOf(fn: () => unknown): KnowledgeBaseError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KnowledgeBaseError);
    return err as KnowledgeBaseError;
  }
  throw new Error('expected a KnowledgeBaseError');
}

describe('KnowledgeBase: files', () => {
  it('creates the file and its folders, in WAL mode, at the current schema version', () => {
    const file = join(tempDir('kb'), 'a', 'b', 'knowledge.db');
    const kb = KnowledgeBase.open(file);
    kb.add(sideGrasp());
    expect(existsSync(file)).toBe(true);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
    expect(kb.stats()).toMatchObject({ schemaVersion: SCHEMA_VERSION, entries: 1, skill: 1, plan: 0, sources: 1 });
    kb.close();
  });

  it('does not create a file when asked not to, or when read-only', () => {
    const file = join(tempDir('kb'), 'none.db');
    expect(errorOf(() => KnowledgeBase.open(file, { readonly: true })).code).toBe('missing');
    expect(errorOf(() => KnowledgeBase.open(file, { create: false })).message).toBe(
      `${file}: no knowledge base here (the file does not exist)`,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a file with a newer schema in one line', () => {
    const file = join(tempDir('kb'), 'knowledge.db');
    KnowledgeBase.open(file).close();
    const raw = new Database(file);
    raw.pragma('user_version = 7');
    raw.close();
    const err = errorOf(() => KnowledgeBase.open(file));
    expect(err.message).toBe(
      `${file}: schema version 7 is newer than this policyloop understands (${SCHEMA_VERSION}); upgrade policyloop or use --kb with another file`,
    );
    expect(err.code).toBe('newer');
  });

  it('names the file in one line when it is not a database, or truncated', () => {
    const dir = tempDir('kb');
    const random = join(dir, 'random.db');
    writeFileSync(random, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 251)));
    const e1 = errorOf(() => KnowledgeBase.open(random));
    expect(e1.message).toBe(`${random}: not a readable knowledge base (file is not a database)`);
    expect(e1.code).toBe('corrupt');

    const good = join(dir, 'good.db');
    const kb = KnowledgeBase.open(good);
    for (let i = 0; i < 30; i++) kb.add(emptyFirst({ text: `rule number ${i} about bowls and trays ${'x'.repeat(200)}` }));
    kb.checkpoint();
    kb.close();
    const truncated = join(dir, 'truncated.db');
    writeFileSync(truncated, readFileSync(good).subarray(0, 60)); // the header cut short
    const e2 = errorOf(() => KnowledgeBase.open(truncated));
    expect(e2.message.startsWith(`${truncated}: `)).toBe(true);
    expect(e2.message).not.toContain('\n');
    expect(e2.code).toBe('corrupt');

    const other = join(dir, 'other.db');
    const raw = new Database(other);
    raw.exec('CREATE TABLE notes (x)');
    raw.close();
    expect(errorOf(() => KnowledgeBase.open(other)).message).toBe(`${other}: an SQLite database, but not a policyloop knowledge base`);
  });

  it('migrates a real version-1 file: its data survive and version 2 features work', () => {
    const file = join(tempDir('kb'), 'v1.db');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.exec(MIGRATIONS[0]!.sql);
    raw.pragma('user_version = 1');
    const id = Number(
      raw
        .prepare(
          `INSERT INTO entries (kind, text, text_key, skill, params, params_key, scope, before_lines, after_lines, confidence, created, updated)
           VALUES ('skill', 'grasp tall thin cylinders from the side', 'grasp tall thin cylinders from side', 'pick', '{"approach":"side"}',
                   '{"approach":"side"}', ?, '["pick(''b'');"]', '["pick(''b'', { approach: ''side'' });"]', 0.7,
                   '2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z')`,
        )
        .run(JSON.stringify({ shapes: ['cylinder'], verbs: ['pick'], taskIds: ['slippery_bottle'] })).lastInsertRowid,
    );
    raw.prepare("INSERT INTO entry_shapes (shape, entry_id) VALUES ('cylinder', ?)").run(id);
    raw
      .prepare(
        `INSERT INTO sources (entry_id, origin, session, correction, task_id, seed, at, programmer)
         VALUES (?, 'correction', 'runs/old', 'from the side please', 'slippery_bottle', 4, '2026-11-01T00:00:00.000Z', 'builtin')`,
      )
      .run(id);
    raw
      .prepare(
        "INSERT INTO entries_fts (rowid, text, corrections, terms) VALUES (?, 'grasp tall thin cylinder from the sid', 'from the sid pleas', 'pick cylinder')",
      )
      .run(id);
    raw.close();

    const kb = KnowledgeBase.open(file);
    expect(kb.stats().schemaVersion).toBe(SCHEMA_VERSION);
    const e = kb.get(id)!;
    expect(e).toMatchObject({
      kind: 'skill',
      text: 'grasp tall thin cylinders from the side',
      params: { approach: 'side' },
      before: ["pick('b');"],
      confidence: 0.7,
      uses: 0,
      successes: 0,
      failures: 0,
      created: '2026-11-01T00:00:00.000Z',
    });
    expect(e.sources).toEqual([
      source({ session: 'runs/old', correction: 'from the side please', seed: 4, at: '2026-11-01T00:00:00.000Z' }),
    ]);
    expect(kb.search('side grasp')[0]!.entry.id).toBe(id);
    // v2: usage counters (prior = the v1 confidence), embeddings.
    kb.recordOutcome([id], true);
    expect(kb.get(id)!.confidence).toBeCloseTo((5 * 0.7 + 1) / 6, 10);
    kb.setEmbedding(id, 'test-embed', new Float32Array([0.5, -1, 2]));
    expect([...kb.embeddings('test-embed').get(id)!]).toEqual([0.5, -1, 2]);
    // merging still finds the old entry
    expect(kb.add(sideGrasp())).toEqual({ id, merged: true });
    kb.close();
    const again = new Database(file, { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });
});

describe('KnowledgeBase: entries', () => {
  it('gives back every field it was given', () => {
    const { kb } = openNew();
    const entry: NewKnowledge = sideGrasp({
      params: { approach: 'side', liftHeight: 0.12 },
      scope: {
        shapes: ['cylinder'],
        sizeRange: { height: [0.11, 0.13], width: [0.035, null] },
        colors: ['white'],
        verbs: ['pick', 'lift'],
        taskIds: ['slippery_bottle', 'thermos'],
      },
      appearance: {
        shape: 'cylinder',
        size: [0.04, 0.04, 0.12],
        aspect: 3,
        color: histogram(16).map((c, i) => (i === 0 ? 0.25 : c * 0.75)),
        silhouette: { top: [0.05, 0.05], front: [0.04, 0.15] },
        source: 'render',
      },
      before: ["pick('white_bottle');"],
      after: ["pick('white_bottle', { approach: 'side' });"],
      sources: [source(), source({ origin: 'repair', correction: null, session: null, seed: 5, programmer: 'openai:gpt-4o' })],
      confidence: 0.75,
    });
    const { id, merged } = kb.add(entry);
    expect(merged).toBe(false);
    const got = kb.get(id)!;
    const { confidence, ...content } = entry;
    expect(got).toEqual({
      ...content,
      id,
      confidence: 0.75,
      uses: 0,
      successes: 0,
      failures: 0,
      created: got.created,
      updated: got.updated,
    });
    expect(Date.parse(got.created)).toBeGreaterThan(0);
    expect(kb.get(id + 1)).toBeNull();
    kb.add(emptyFirst());
    expect(kb.list().map((e) => e.kind)).toEqual(['plan', 'skill']); // newest first
    expect(kb.list({ kind: 'skill' }).map((e) => e.id)).toEqual([id]);
    expect(kb.list({ limit: 1, offset: 1 }).map((e) => e.id)).toEqual([id]);
    kb.close();
  });

  it('rejects a malformed entry in one line', () => {
    const { kb, file } = openNew();
    const bad = { ...sideGrasp(), scope: { shapes: ['cube'], verbs: [], taskIds: [] } } as unknown as NewKnowledge;
    expect(errorOf(() => kb.add(bad)).message).toMatch(new RegExp(`^${file}: add: scope\\.shapes\\.0: `));
    expect(errorOf(() => kb.add({ ...sideGrasp(), skill: undefined })).message).toContain('skill');
    const looks = {
      shape: 'cylinder' as const,
      size: [0.04, 0.04, 0.12] as [number, number, number],
      aspect: 3,
      color: [1, 0, 0],
      source: 'facts' as const,
    };
    expect(errorOf(() => kb.add(sideGrasp({ appearance: looks }))).message).toBe(
      `${file}: add: appearance color has 3 bins, expected ${COLOR_BINS} (${COLOR_BINS - 3} hues + 3 achromatic)`,
    );
    expect(kb.stats().entries).toBe(0);
    kb.close();
  });

  it('merges a skill entry with the same params and an overlapping scope', () => {
    const { kb } = openNew();
    const a = kb.add(sideGrasp());
    const b = kb.add(
      sideGrasp({
        text: 'pick bottles from the side',
        params: { approach: 'side' },
        scope: {
          shapes: ['cylinder'],
          sizeRange: { height: [0.14, 0.15], width: [0.05, 0.05] },
          verbs: ['pick', 'lift'],
          taskIds: ['thermos'],
        },
        sources: [source({ taskId: 'thermos', correction: 'side grasp, it slips', seed: 8 })],
        confidence: 0.5,
      }),
    );
    expect(b).toEqual({ id: a.id, merged: true });
    const e = kb.get(a.id)!;
    expect(e.text).toBe('grasp tall thin cylinders from the side'); // the first text stays
    expect(e.sources.map((s) => s.taskId)).toEqual(['slippery_bottle', 'thermos']);
    expect(e.scope).toEqual({
      shapes: ['cylinder'],
      sizeRange: { height: [0.12, 0.15], width: [0.04, 0.05] },
      verbs: ['pick', 'lift'],
      taskIds: ['slippery_bottle', 'thermos'],
    });
    // the higher confidence (0.6), nudged up
    expect(e.confidence).toBeCloseTo(INITIAL_CONFIDENCE + (1 - INITIAL_CONFIDENCE) * 0.1, 10);
    // numbers compare to 3 decimals, key order does not matter
    const c = kb.add(sideGrasp({ params: { liftHeight: 0.2000004, approach: 'side' }, sources: [source({ seed: 11 })] }));
    const d = kb.add(sideGrasp({ params: { approach: 'side', liftHeight: 0.2 }, sources: [source({ seed: 12 })] }));
    expect(c.merged).toBe(false);
    expect(d).toEqual({ id: c.id, merged: true });
    expect(kb.stats().entries).toBe(2);
    kb.close();
  });

  it('keeps entries apart when shape, size, params or skill differ', () => {
    const { kb } = openNew();
    const a = kb.add(sideGrasp());
    const notes = [
      kb.add(sideGrasp({ scope: { shapes: ['box'], sizeRange: { height: [0.12, 0.12] }, verbs: ['pick'], taskIds: ['t'] } })),
      kb.add(sideGrasp({ scope: { shapes: ['cylinder'], sizeRange: { height: [0.03, 0.05] }, verbs: ['pick'], taskIds: ['t'] } })),
      kb.add(sideGrasp({ params: { approach: 'top' } })),
      kb.add(sideGrasp({ skill: 'push', params: { approach: 'side' } })),
    ];
    expect(notes.every((n) => !n.merged && n.id !== a.id)).toBe(true);
    expect(kb.stats().entries).toBe(5);
    kb.close();
  });

  it('merges plan entries with the same normalised text, or the same params', () => {
    const { kb } = openNew();
    const a = kb.add(emptyFirst());
    const b = kb.add(
      emptyFirst({
        text: 'before moving bowl — take out what is in it!',
        scope: { shapes: ['tray'], verbs: ['empty'], taskIds: ['tray_with_cup'] },
        sources: [source({ taskId: 'tray_with_cup', correction: 'take the cup off first', seed: 2 })],
      }),
    );
    expect(b).toEqual({ id: a.id, merged: true });
    const e = kb.get(a.id)!;
    expect(e.text).toBe('Before moving a bowl, take out what is in it.');
    expect(e.scope.shapes).toEqual(['bowl', 'tray']);
    expect(e.scope.taskIds).toEqual(['bowl_with_ball', 'tray_with_cup']);
    expect(e.sources).toHaveLength(2);
    const p1 = kb.add(emptyFirst({ text: 'clear the container first', params: { clearFirst: true } }));
    const p2 = kb.add(emptyFirst({ text: 'unload it before carrying it', params: { clearFirst: true }, sources: [source({ seed: 9 })] }));
    expect(p2).toEqual({ id: p1.id, merged: true });
    expect(
      kb.add(emptyFirst({ text: 'stack larger blocks under smaller ones', scope: { shapes: [], verbs: ['stack'], taskIds: [] } })).merged,
    ).toBe(false);
    kb.close();
  });

  it('ranks full-text matches by BM25 over text, corrections and scope', () => {
    const { kb } = openNew();
    const side = kb.add(sideGrasp()).id;
    const bowl = kb.add(emptyFirst()).id;
    const stack = kb.add(
      emptyFirst({
        text: 'stack larger blocks under smaller ones',
        scope: { shapes: ['box'], verbs: ['stack'], taskIds: ['tower'] },
        sources: [source({ correction: 'the big one goes at the bottom', taskId: 'tower' })],
      }),
    ).id;
    expect(kb.search('grasping the slippery bottle from its side').map((h) => h.entry.id)[0]).toBe(side);
    expect(kb.search('empty bowls')[0]!.entry.id).toBe(bowl);
    const hits = kb.search('stacking blocks, big at the bottom');
    expect(hits[0]!.entry.id).toBe(stack);
    expect(hits.every((h, i) => i === 0 || h.rank >= hits[i - 1]!.rank)).toBe(true); // bm25: lower is better
    expect(kb.search('')).toEqual([]);
    expect(kb.search('?! … -- "')).toEqual([]);
    expect(kb.search('NOT AND OR NEAR "*')).toEqual([]); // FTS syntax words are just words
    kb.close();
  });

  it('offers candidates by text and by shape, not a cylinder lesson for a scene of cubes', () => {
    const { kb } = openNew();
    const cyl = kb.add(sideGrasp()).id;
    const anyShape = kb.add(
      sideGrasp({
        text: 'lift things higher over obstacles',
        params: { liftHeight: 0.3 },
        scope: { shapes: [], verbs: ['pick'], taskIds: [] },
      }),
    ).id;
    const generalRule = kb.add(emptyFirst({ text: 'put things down gently', scope: { shapes: [], verbs: ['place'], taskIds: [] } })).id;
    const bowl = kb.add(emptyFirst()).id;

    const cubes = kb.candidates({ text: 'stack the red block on the green block. red box 4 cm, green box 5 cm', shapes: ['box'] });
    const ids = cubes.map((c) => c.entry.id);
    expect(ids).not.toContain(cyl);
    expect(ids).not.toContain(bowl);
    expect(ids).toContain(anyShape); // a skill entry for any shape
    expect(ids).not.toContain(generalRule); // a shape-free plan rule comes only by its words

    const bottle = kb.candidates({ text: 'hand me the water', shapes: ['cylinder', 'box'] });
    expect(bottle.find((c) => c.entry.id === cyl)).toMatchObject({ bm25: null });
    const byText = kb.candidates({ text: 'set the cup down gently', shapes: [] });
    expect(byText[0]!.entry.id).toBe(generalRule);
    expect(byText[0]!.bm25).toBeLessThan(0);
    expect(kb.candidates({ text: 'move the bowl', shapes: ['bowl'], limit: 1 }).length).toBeLessThanOrEqual(2);
    // sources: the first one by default, none on request; get() has them all
    kb.add(sideGrasp({ sources: [source({ seed: 20 })] }));
    expect(kb.get(cyl)!.sources).toHaveLength(2);
    expect(kb.candidates({ text: '', shapes: ['cylinder'] }).find((c) => c.entry.id === cyl)!.entry.sources).toEqual([source()]);
    expect(kb.candidates({ text: '', shapes: ['cylinder'], sources: 0 })[0]!.entry.sources).toEqual([]);
    kb.close();
  });

  it('removes an entry with its sources, index row and embeddings; clear removes all', () => {
    const { kb, file } = openNew();
    const a = kb.add(sideGrasp()).id;
    const b = kb.add(emptyFirst()).id;
    kb.setEmbedding(a, 'm', new Float32Array([1, 2]));
    expect(kb.remove(a)).toBe(true);
    expect(kb.remove(a)).toBe(false);
    expect(kb.get(a)).toBeNull();
    const raw = new Database(file, { readonly: true });
    const count = (sql: string): number => (raw.prepare(sql).pluck().get() as number) ?? 0;
    expect(count(`SELECT count(*) FROM sources WHERE entry_id = ${a}`)).toBe(0);
    expect(count(`SELECT count(*) FROM entry_shapes WHERE entry_id = ${a}`)).toBe(0);
    expect(count(`SELECT count(*) FROM entries_fts WHERE rowid = ${a}`)).toBe(0);
    expect(count('SELECT count(*) FROM embeddings')).toBe(0);
    expect(kb.search('side').map((h) => h.entry.id)).not.toContain(a);
    expect(kb.clear()).toBe(1);
    expect(count('SELECT count(*) FROM sources')).toBe(0);
    expect(count('SELECT count(*) FROM entries_fts')).toBe(0);
    raw.close();
    expect(kb.get(b)).toBeNull();
    kb.close();
  });

  it('moves confidence up on success and down on failure (Beta posterior from the starting confidence)', () => {
    const { kb } = openNew();
    const id = kb.add(sideGrasp({ confidence: 0.6 })).id;
    kb.recordOutcome([id], true);
    let e = kb.get(id)!;
    expect(e).toMatchObject({ uses: 1, successes: 1, failures: 0 });
    expect(e.confidence).toBeCloseTo((3 + 1) / 6, 10);
    kb.recordOutcome([id, id], false); // one outcome per attempt, however often listed
    kb.recordOutcome([id], false);
    e = kb.get(id)!;
    expect(e).toMatchObject({ uses: 3, successes: 1, failures: 2 });
    expect(e.confidence).toBeCloseTo((3 + 1) / 8, 10);
    expect(e.confidence).toBeLessThan(0.6);
    kb.recordOutcome([id, 999], true); // a removed entry is skipped
    expect(kb.get(id)!.uses).toBe(4);
    kb.close();
  });

  it('stores embeddings per model', () => {
    const { kb, file } = openNew();
    const a = kb.add(sideGrasp()).id;
    const b = kb.add(emptyFirst()).id;
    kb.setEmbedding(a, 'small', new Float32Array([0.25, 0.5]));
    kb.setEmbedding(b, 'small', new Float32Array([1, 0]).subarray(0, 2));
    kb.setEmbedding(a, 'large', new Float32Array([3, 4, 5]));
    kb.setEmbedding(a, 'small', new Float32Array([0.75, 0.5])); // replaced
    expect([...kb.embeddings('small').entries()].map(([k, v]) => [k, [...v]]).sort((x, y) => (x[0] as number) - (y[0] as number))).toEqual([
      [a, [0.75, 0.5]],
      [b, [1, 0]],
    ]);
    expect([...kb.embeddings('small', [b]).keys()]).toEqual([b]);
    expect(kb.embeddings('none').size).toBe(0);
    expect(kb.stats().embeddings).toBe(3);
    expect(errorOf(() => kb.setEmbedding(999, 'small', new Float32Array([1]))).message).toBe(`${file}: setEmbedding: no entry 999`);
    kb.close();
  });
});

describe('KnowledgeBase: export and import', () => {
  it('round-trips every field through JSONL into a fresh file', () => {
    const { kb } = openNew('a.db');
    kb.add(
      sideGrasp({
        appearance: { shape: 'cylinder', size: [0.04, 0.04, 0.12], aspect: 3, color: histogram(0), source: 'facts' },
        before: ['a'],
        after: ['b'],
      }),
    );
    const plan = kb.add(emptyFirst()).id;
    kb.recordOutcome([plan], true);
    kb.recordOutcome([plan], false);
    const out = join(tempDir('kb'), 'export.jsonl');
    expect(kb.exportJsonl(out)).toBe(2);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[1]!)).toMatchObject({ id: plan, prior: INITIAL_CONFIDENCE, uses: 2 });

    const { kb: fresh } = openNew('b.db');
    expect(fresh.importJsonl(out)).toEqual({ added: 2, merged: 0 });
    const strip = (es: ReturnType<KnowledgeBase['list']>) =>
      es.map(({ id: _id, ...rest }) => rest).sort((x, y) => x.text.localeCompare(y.text));
    expect(strip(fresh.list())).toEqual(strip(kb.list()));
    // the prior came along: the next outcome moves confidence the same way in both
    fresh.recordOutcome([fresh.search('bowl')[0]!.entry.id], true);
    kb.recordOutcome([plan], true);
    expect(fresh.search('bowl')[0]!.entry.confidence).toBeCloseTo(kb.get(plan)!.confidence, 12);
    // importing the same file again merges without duplicating sources or counts
    expect(fresh.importJsonl(out)).toEqual({ added: 0, merged: 2 });
    expect(fresh.stats()).toMatchObject({ entries: 2, sources: 2 });
    expect(fresh.search('bowl')[0]!.entry.uses).toBe(3);
    kb.close();
    fresh.close();
  });

  it('refuses a file with a bad line, naming FILE:LINE, and writes nothing from it', () => {
    const { kb } = openNew('a.db');
    kb.add(sideGrasp());
    kb.add(emptyFirst());
    const out = join(tempDir('kb'), 'export.jsonl');
    kb.exportJsonl(out);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const bad = JSON.parse(lines[1]!);
    bad.scope.shapes = ['cube'];
    writeFileSync(out, `${lines[0]}\n\n${JSON.stringify(bad)}\n`);
    const { kb: fresh } = openNew('b.db');
    const err = errorOf(() => fresh.importJsonl(out));
    expect(err.message).toMatch(new RegExp(`^${out}:3: scope\\.shapes\\.0: `));
    expect(fresh.stats().entries).toBe(0);
    writeFileSync(out, `${lines[0]}\n{"id": 3,\n`);
    expect(errorOf(() => fresh.importJsonl(out)).message).toMatch(new RegExp(`^${out}:2: not JSON: `));
    expect(errorOf(() => fresh.importJsonl(join(tempDir('kb'), 'missing.jsonl'))).message).toMatch(/missing\.jsonl: no such file$/);
    expect(fresh.stats().entries).toBe(0);
    kb.close();
    fresh.close();
  });
});

describe('knowledgeFileFromEnv', () => {
  it('resolves --kb, --no-kb and POLICYLOOP_KB in that order', () => {
    expect(defaultKnowledgeFile()).toBe(join(homedir(), '.policyloop', 'knowledge.db'));
    expect(knowledgeFileFromEnv({}, {})).toBe(defaultKnowledgeFile());
    expect(knowledgeFileFromEnv({ kb: '/tmp/x.db' }, { POLICYLOOP_KB: 'off' })).toBe('/tmp/x.db');
    expect(knowledgeFileFromEnv({ kb: false }, { POLICYLOOP_KB: '/tmp/y.db' })).toBeNull();
    expect(knowledgeFileFromEnv({}, { POLICYLOOP_KB: '/tmp/y.db' })).toBe('/tmp/y.db');
    expect(knowledgeFileFromEnv({}, { POLICYLOOP_KB: '~/kb/z.db' })).toBe(join(homedir(), 'kb', 'z.db'));
    for (const off of ['off', 'none', '0', 'OFF']) expect(knowledgeFileFromEnv({}, { POLICYLOOP_KB: off })).toBeNull();
    expect(knowledgeFileFromEnv({}, { POLICYLOOP_KB: '  ' })).toBe(defaultKnowledgeFile());
  });
});

describe('KnowledgeBase: concurrent readers', () => {
  it('worker threads read with candidates() while the main thread writes, without SQLITE_BUSY, seeing whole batches', async () => {
    const file = join(tempDir('kb'), 'shared.db');
    const writer = KnowledgeBase.open(file);
    const BATCH = 5;
    const batch = (k: number): NewKnowledge[] =>
      Array.from({ length: BATCH }, (_, j) =>
        sideGrasp({
          text: `grasp slippery bottle number ${k}-${j} from the side`,
          params: { approach: 'side', liftHeight: 0.05 + (k * BATCH + j) / 1000 },
          sources: [source({ seed: k * BATCH + j })],
        }),
      );
    for (let k = 0; k < 10; k++) writer.addMany(batch(k));
    const initial = writer.stats().entries;
    expect(initial).toBe(50);
    const stop = new SharedArrayBuffer(8);
    const flags = new Int32Array(stop);
    const workers = Array.from(
      { length: 3 },
      () => new Worker(new URL('./kb-reader-worker.mjs', import.meta.url), { workerData: { file, stop, batch: BATCH, initial } }),
    );
    const results = workers.map(
      (w) =>
        new Promise<{ iterations: number; errors: string[]; last: number; candidates: number }>((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
        }),
    );
    const started = Date.now();
    while (Atomics.load(flags, 1) < workers.length && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20));
    expect(Atomics.load(flags, 1)).toBe(workers.length); // every reader is reading before the writes start
    for (let k = 10; k < 50; k++) {
      writer.addMany(batch(k));
      writer.recordOutcome([k], k % 2 === 0);
      await new Promise((r) => setTimeout(r, 5));
    }
    Atomics.store(flags, 0, 1);
    const done = await Promise.all(results);
    await Promise.all(workers.map((w) => w.terminate()));
    expect(writer.stats().entries).toBe(250);
    writer.close();
    for (const r of done) {
      if (process.env.KB_TEST_VERBOSE) console.log(r);
      expect(r.errors).toEqual([]);
      expect(r.iterations).toBeGreaterThanOrEqual(20);
      expect(r.candidates).toBeGreaterThan(0);
      expect(r.last).toBeGreaterThanOrEqual(initial);
      expect(r.last).toBeLessThanOrEqual(250);
    }
  }, 60_000);
});
