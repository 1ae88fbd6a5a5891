// GET /api/knowledge/<id>[?session=N]: one knowledge base entry in full, for the page's
// knowledge panel (docs/knowledge.md). The file read is never the client's to name: it is
// the knowledge base of session N — the file named by the run record the viewer opened, or
// the one its live episode used — or, without `session`, the viewer's own (`view --kb`).
// The file is opened read-only for the request and closed again (a live episode's worker
// may be writing it; WAL lets it).

import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KnowledgeBase } from '../policy/knowledge/index.ts';
import type { KnowledgeEntryView } from './protocol.ts';

export interface KnowledgeAnswer {
  status: number;
  body: KnowledgeEntryView | { error: string };
}

/** A folder the viewer can open as a run record (what `open-run` would accept). */
export function isRecordFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && (existsSync(join(dir, 'episode.json')) || existsSync(join(dir, 'scene.json')));
  } catch {
    return false;
  }
}

/** The query parameters the endpoint takes (`token` is the viewer's access token). */
const ALLOWED_PARAMS = new Set(['session', 'token']);

/**
 * Answers one request. `fileOf(session)` is the knowledge base of a session this viewer
 * has shown (undefined: no such session; null: it ran without one); `own` the viewer's.
 */
export function answerKnowledge(
  idText: string,
  params: URLSearchParams,
  fileOf: (session: number) => string | null | undefined,
  own: string | null,
): KnowledgeAnswer {
  const fail = (status: number, error: string): KnowledgeAnswer => ({ status, body: { error } });
  for (const key of params.keys()) {
    if (!ALLOWED_PARAMS.has(key))
      return fail(
        400,
        `unknown parameter "${key}": only ?session=N is taken; the knowledge base read is the one the record of session N names, or the viewer's own`,
      );
  }
  if (!/^\d{1,15}$/.test(idText)) return fail(400, `"${idText}" is not a knowledge entry id (a number, e.g. /api/knowledge/3)`);
  const id = Number(idText);
  let file: string | null;
  const sessionText = params.get('session');
  if (sessionText !== null) {
    if (!/^\d{1,9}$/.test(sessionText)) return fail(400, `session "${sessionText}" is not a session number`);
    const f = fileOf(Number(sessionText));
    if (f === undefined) return fail(404, `no session ${sessionText} in this viewer`);
    if (f === null) return fail(404, `session ${sessionText} ran without a knowledge base`);
    file = f;
  } else {
    if (own === null) return fail(404, 'this viewer has no knowledge base of its own (--no-kb); ask with ?session=N');
    file = own;
  }
  if (!existsSync(file)) return fail(404, `knowledge base ${file} no longer exists`);
  let kb: KnowledgeBase;
  try {
    kb = KnowledgeBase.open(file, { readonly: true });
  } catch (err) {
    return fail(409, (err as Error).message.split('\n')[0]!);
  }
  try {
    const entry = kb.get(id);
    if (!entry) return fail(404, `no entry k${id} in ${file} (removed, or merged into another)`);
    return {
      status: 200,
      body: {
        file,
        entry: {
          ...entry,
          sources: entry.sources.map((s) => ({ ...s, open: s.session !== null && isRecordFolder(resolve(s.session)) })),
        },
      },
    };
  } catch (err) {
    return fail(500, (err as Error).message.split('\n')[0]!);
  } finally {
    kb.close();
  }
}
