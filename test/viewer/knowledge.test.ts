// The knowledge base in the viewer (docs/knowledge.md): run records with knowledge read
// back into the message stream (what was retrieved, what the programmer applied, what was
// learned), GET /api/knowledge/<id> and its refusals — it reads only the knowledge base a
// record the viewer opened names, or the viewer's own — and a live episode that retrieves
// from the viewer's knowledge base and records the outcome in it when the session ends.
import { readFileSync, renameSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { closeKnowledge, KnowledgeBase } from '../../policy/knowledge/index.ts';
import { readRun, ServerMessageSchema, startViewer } from '../../viewer/index.ts';
import type { ServerMessage, ViewerServer } from '../../viewer/index.ts';
import { KnowledgeEntryViewSchema } from '../../viewer/protocol.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { until } from '../helpers/until.ts';
import { writeSyntheticRun } from './fixtures.ts';
import { writeKnowledgeRecords, type KnowledgeRecords } from './knowledge-fixtures.ts';

function get(port: number, path: string): Promise<{ status: number; json: unknown; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(body), type: String(res.headers['content-type']) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const errorOf = (r: { json: unknown }): string => (r.json as { error?: string }).error ?? '';

let rec: KnowledgeRecords;
beforeAll(async () => {
  rec = await writeKnowledgeRecords();
}, 180_000);
afterAll(() => closeKnowledge());

describe('run records with knowledge', () => {
  it('replays what an episode retrieved, what its programmer applied, and what a session learned', () => {
    const run = readRun(rec.runDir, (p) => p);
    for (const m of run.messages) expect(ServerMessageSchema.safeParse(m).success).toBe(true);
    expect(run.knowledgeFile).toBe(rec.kb);
    const k = run.messages.find((m) => m.type === 'knowledge');
    expect(k).toMatchObject({ type: 'knowledge', final: true, knowledge: { file: rec.kb, learned: [], merged: [] } });
    if (k?.type !== 'knowledge') throw new Error('no knowledge message');
    expect(k.knowledge!.retrieved).toEqual([expect.objectContaining({ id: rec.entryId, kind: 'skill', objects: ['yellow_can'] })]);
    const start = run.messages.find((m) => m.type === 'attempt-start');
    if (start?.type !== 'attempt-start') throw new Error('no attempt');
    expect(start.notes?.find((n) => n.startsWith(`knowledge k${rec.entryId} applied:`))).toMatch(/pick yellow_can approach "side"/);

    const taught = readRun(rec.teachDir, (p) => p);
    const tk = taught.messages.find((m) => m.type === 'knowledge');
    expect(tk).toMatchObject({ knowledge: { retrieved: [], learned: [rec.entryId] }, final: true });
  });

  it('says a record without knowledge ran without a knowledge base', () => {
    const run = readRun(writeSyntheticRun(), (p) => p);
    expect(run.knowledgeFile).toBeNull();
    expect(run.messages.find((m) => m.type === 'knowledge')).toEqual({ type: 'knowledge', knowledge: null, final: true });
  });
});

describe('GET /api/knowledge/<id>', () => {
  let viewer: ViewerServer;
  let own: ViewerServer;
  let plain: number;
  beforeAll(async () => {
    viewer = await startViewer({ port: 0, outRoot: tempDir('viewer'), log: () => {} });
    expect(viewer.hub.command({ type: 'open-run', dir: rec.runDir })).toBeNull(); // session 1
    expect(viewer.hub.command({ type: 'open-run', dir: writeSyntheticRun() })).toBeNull(); // session 2
    plain = 2;
    own = await startViewer({ port: 0, outRoot: tempDir('viewer'), log: () => {}, knowledge: { file: rec.kb, learn: false } });
  });
  afterAll(async () => {
    await viewer?.close();
    await own?.close();
  });

  it('answers an entry of the knowledge base a record names, with its sources and which of them can be opened', async () => {
    const r = await get(viewer.port, `/api/knowledge/${rec.entryId}?session=1`);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/application\/json/);
    const v = KnowledgeEntryViewSchema.parse(r.json);
    expect(v.file).toBe(rec.kb);
    expect(v.entry).toMatchObject({ id: rec.entryId, kind: 'skill', skill: 'pick', params: { approach: 'side' } });
    expect(v.entry.sources).toEqual([
      expect.objectContaining({
        origin: 'correction',
        correction: 'grasp it from the side',
        taskId: 'slippery_bottle',
        session: rec.teachDir,
        open: true,
      }),
    ]);
  });

  it('refuses an unknown id, a malformed id, a file parameter, an unknown session and a session without knowledge', async () => {
    const unknown = await get(viewer.port, '/api/knowledge/999?session=1');
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown)).toBe(`no entry k999 in ${rec.kb} (removed, or merged into another)`);

    const bad = await get(viewer.port, '/api/knowledge/..%2F..%2Fetc%2Fpasswd?session=1');
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toMatch(/is not a knowledge entry id/);

    // The client never names a file: any parameter but the session is refused.
    const file = await get(viewer.port, `/api/knowledge/${rec.entryId}?session=1&file=${encodeURIComponent('/etc/passwd')}`);
    expect(file.status).toBe(400);
    expect(errorOf(file)).toMatch(/^unknown parameter "file": only \?session=N is taken/);

    const noSession = await get(viewer.port, `/api/knowledge/${rec.entryId}?session=77`);
    expect(noSession.status).toBe(404);
    expect(errorOf(noSession)).toBe('no session 77 in this viewer');

    const without = await get(viewer.port, `/api/knowledge/${rec.entryId}?session=${plain}`);
    expect(without.status).toBe(404);
    expect(errorOf(without)).toBe(`session ${plain} ran without a knowledge base`);

    // No session: the viewer's own knowledge base, and this one has none.
    const noOwn = await get(viewer.port, `/api/knowledge/${rec.entryId}`);
    expect(noOwn.status).toBe(404);
    expect(errorOf(noOwn)).toMatch(/no knowledge base of its own \(--no-kb\)/);
  });

  it("reads the viewer's own knowledge base without a session, and says so in hello", async () => {
    const r = await get(own.port, `/api/knowledge/${rec.entryId}`);
    expect(r.status).toBe(200);
    expect(KnowledgeEntryViewSchema.parse(r.json).entry.text).toMatch(/side/);
    const hello = await new Promise<ServerMessage>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${own.port}/ws`);
      ws.once('message', (d) => {
        resolve(JSON.parse(d.toString()) as ServerMessage);
        ws.close();
      });
      ws.on('error', reject);
    });
    expect(hello).toMatchObject({ type: 'hello', knowledge: { file: rec.kb, learn: false } });
  });

  it('marks a source whose record folder is gone as not openable', async () => {
    const moved = `${rec.teachDir}-moved`;
    renameSync(rec.teachDir, moved);
    try {
      const v = KnowledgeEntryViewSchema.parse((await get(viewer.port, `/api/knowledge/${rec.entryId}?session=1`)).json);
      expect(v.entry.sources[0]).toMatchObject({ session: rec.teachDir, open: false });
    } finally {
      renameSync(moved, rec.teachDir);
    }
  });
});

describe('a live episode with the viewer’s knowledge base', () => {
  it('retrieves the entry, applies it, shows it, and records the outcome when the session ends', async () => {
    const outRoot = tempDir('viewer');
    const viewer = await startViewer({ port: 0, outRoot, log: () => {}, knowledge: { file: rec.kb, learn: true } });
    const ws = new WebSocket(`ws://127.0.0.1:${viewer.port}/ws`);
    const got: ServerMessage[] = [];
    ws.on('message', (d) => got.push(JSON.parse(d.toString()) as ServerMessage));
    await new Promise((r) => ws.on('open', r));
    try {
      const usesBefore = KnowledgeBase.open(rec.kb, { readonly: true });
      const before = usesBefore.get(rec.entryId)!.uses;
      usesBefore.close();
      ws.send(
        JSON.stringify({
          type: 'start',
          task: 'slippery_can_in_tray',
          seed: 0,
          provider: 'builtin',
          monitor: 'state',
          maxRepairs: 0,
          speed: 'max',
        }),
      );
      const knowledge = (final: boolean) => got.find((m) => m.type === 'knowledge' && m.final === final);
      await until(() => got.some((m) => m.type === 'episode-end'), 'the end of the live episode', 120_000);
      expect(knowledge(false)).toMatchObject({
        knowledge: { file: rec.kb, retrieved: [expect.objectContaining({ id: rec.entryId, objects: ['yellow_can'] })] },
        learn: true,
      });
      const start = got.find((m) => m.type === 'attempt-start');
      expect(start?.type === 'attempt-start' && start.notes?.some((n) => n.startsWith(`knowledge k${rec.entryId} applied:`))).toBe(true);
      expect(got.find((m) => m.type === 'episode-end')).toMatchObject({ success: true });
      ws.send(JSON.stringify({ type: 'stop' }));
      await until(() => knowledge(true) !== undefined, 'the knowledge after the session ended', 60_000);
      for (const m of got) expect(ServerMessageSchema.safeParse(m).success).toBe(true);
      // The session used the entry and ended with the task done: one more use, one more success.
      const kb = KnowledgeBase.open(rec.kb, { readonly: true });
      const after = kb.get(rec.entryId)!;
      kb.close();
      expect(after.uses).toBe(before + 1);
      // The record says the same, for a replay.
      const session = got.find((m) => m.type === 'session');
      if (session?.type !== 'session') throw new Error('no session');
      const episode = JSON.parse(readFileSync(join(session.session.dir!, 'episode.json'), 'utf8')) as {
        knowledge?: { retrieved: { id: number }[] };
      };
      expect(episode.knowledge?.retrieved.map((r) => r.id)).toEqual([rec.entryId]);
      // The entry is served for the live session too.
      const r = await get(viewer.port, `/api/knowledge/${rec.entryId}?session=${session.session.id}`);
      expect(r.status).toBe(200);
    } finally {
      ws.close();
      await viewer.close();
    }
  }, 180_000);
});
