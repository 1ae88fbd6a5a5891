// The viewer's server under hostile requests (issue 15), over real HTTP and WebSocket
// connections to a started viewer: a malformed percent-escape answers 400 and the server
// lives on; /files/N/ follows no symlink out of the record folder and serves no FIFO; a
// `start` naming a FIFO, /dev/zero, a folder, a huge file or a foreign non-JSON file is
// refused at once without quoting it, the server answering all along; `open-run` does not
// reveal what exists; sockets are capped; only the last sessions' folders stay served.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SESSIONS_KEPT, startViewer } from '../../viewer/index.ts';
import type { ServerMessage, ViewerServer } from '../../viewer/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { until } from '../helpers/until.ts';
import { writeSyntheticRun } from './fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolveGet, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolveGet({ status: res.statusCode ?? 0, body }));
    });
    req.setTimeout(5_000, () => req.destroy(new Error(`GET ${path}: no answer within 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

interface Client {
  ws: WebSocket;
  messages: ServerMessage[];
  /** Sends a command and resolves with the next `error` message (or rejects after 5 s). */
  refusal(m: object): Promise<string>;
}

function connect(port: number): Promise<Client> {
  return new Promise((resolveConnect, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    const messages: ServerMessage[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as ServerMessage));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
    ws.on('open', () =>
      resolveConnect({
        ws,
        messages,
        refusal: async (m) => {
          const before = messages.length;
          ws.send(JSON.stringify(m));
          await until(() => messages.slice(before).some((x) => x.type === 'error'), 'an error message');
          const error = messages.slice(before).find((x) => x.type === 'error');
          return error?.type === 'error' ? error.message : '';
        },
      }),
    );
  });
}

const start = (task: string) => ({ type: 'start', task, seed: 0, provider: 'builtin', monitor: 'state', maxRepairs: 0 });

describe('viewer hardening', () => {
  let viewer: ViewerServer;
  let run: string;
  let outside: string;
  const sockets: WebSocket[] = [];
  beforeAll(async () => {
    run = writeSyntheticRun();
    outside = tempDir('viewer-outside');
    writeFileSync(join(outside, 'secret.txt'), 'root:x:0:0:the secret first line\n');
    writeFileSync(join(outside, 'secret.json'), '{"secret": true}');
    // Links out of the record folder (a file, a folder), one inside it, a FIFO.
    symlinkSync(join(outside, 'secret.txt'), join(run, 'leak.txt'));
    symlinkSync(outside, join(run, 'outside-dir'));
    symlinkSync(join(run, 'episode.json'), join(run, 'alias.json'));
    execFileSync('mkfifo', [join(run, 'pipe.txt')]);
    viewer = await startViewer({ port: 0, run, outRoot: tempDir('viewer-out'), log: () => {}, maxClients: 3 });
  });
  afterEach(async () => {
    const open = sockets.splice(0).filter((ws) => ws.readyState !== WebSocket.CLOSED);
    const closed = open.map((ws) => new Promise((r) => ws.once('close', r)));
    for (const ws of open) ws.close();
    await Promise.all(closed);
    await until(() => viewer.hub.clientCount === 0, 'the server to see the sockets close');
  });
  afterAll(async () => {
    await viewer.close();
  });

  it('answers a malformed percent-escape with 400 and stays up', async () => {
    expect(await get(viewer.port, '/files/1/%E0%A4%A')).toEqual({ status: 400, body: 'bad percent-escape in the path\n' });
    expect((await get(viewer.port, '/files/1/%')).status).toBe(400);
    // A malformed token cookie is no token, not a crash.
    expect((await get(viewer.port, '/', { cookie: 'policyloop_token=%E0%A4%A' })).status).toBe(200);
    expect((await get(viewer.port, '/files/1/episode.json')).status).toBe(200);
  });

  it('refuses symlinks that lead out of the record folder, and serves one that stays inside', async () => {
    expect((await get(viewer.port, '/files/1/leak.txt')).status).toBe(404);
    expect((await get(viewer.port, '/files/1/outside-dir/secret.txt')).status).toBe(404);
    expect((await get(viewer.port, '/files/1/outside-dir/secret.json')).status).toBe(404);
    expect((await get(viewer.port, '/files/1/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    const alias = await get(viewer.port, '/files/1/alias.json');
    expect(alias.status).toBe(200);
    expect(alias.body).toContain('"task"');
  });

  it('serves no FIFO (and is not stalled by one)', async () => {
    expect((await get(viewer.port, '/files/1/pipe.txt')).status).toBe(404);
    expect((await get(viewer.port, '/')).status).toBe(200);
  });

  it('refuses a start naming a FIFO, /dev/zero, a folder or a missing file at once, with one answer for all', async () => {
    const c = await connect(viewer.port);
    sockets.push(c.ws);
    const fifo = join(tempDir('viewer-fifo'), 'task.json');
    execFileSync('mkfifo', [fifo]);
    const folder = tempDir('viewer-folder');
    for (const path of [fifo, '/dev/zero', folder, join(folder, 'missing.json')]) {
      const message = await c.refusal(start(path));
      expect(message).toBe(`no readable task file at ${JSON.stringify(path)} (a task file is a regular JSON file of at most 1 MiB)`);
    }
    // The main thread never blocked: pages are served and the socket still answers.
    expect((await get(viewer.port, '/')).status).toBe(200);
    expect(await c.refusal({ type: 'pause' })).toBe('no live episode is running (cannot pause)');
  });

  it('refuses a task file over 1 MiB, unread', async () => {
    const c = await connect(viewer.port);
    sockets.push(c.ws);
    const big = join(tempDir('viewer-big'), 'big.json');
    writeFileSync(big, `{"id": "x", "pad": "${'a'.repeat(2 * 1024 * 1024)}"}`);
    expect(await c.refusal(start(big))).toBe(`the task file ${JSON.stringify(big)} is larger than 1 MiB, the most a task file may be`);
  });

  it('does not echo a foreign file it cannot use as a task', async () => {
    const c = await connect(viewer.port);
    sockets.push(c.ws);
    const message = await c.refusal(start(join(outside, 'secret.txt')));
    expect(message).toMatch(/^the task file ".*secret\.txt" is not JSON; a task file is a JSON object/);
    expect(message).not.toContain('root:x');
    expect(message).not.toContain('secret first line');
    const json = await c.refusal(start(join(outside, 'secret.json')));
    expect(json).not.toContain('true');
    expect(json).toContain('secret.json');
  });

  it('gives one answer for a missing folder and a folder that is no record', async () => {
    const c = await connect(viewer.port);
    sockets.push(c.ws);
    const missing = join(tempDir('viewer-probe'), 'nope');
    const empty = tempDir('viewer-probe');
    const a = await c.refusal({ type: 'open-run', dir: missing });
    const b = await c.refusal({ type: 'open-run', dir: empty });
    expect(a.replace(missing, 'DIR')).toBe(b.replace(empty, 'DIR'));
    expect(a).toBe(`${missing}: not a run record folder (no such folder, or no episode.json or scene.json in it)`);
  });

  it('refuses a record whose episode.json is a FIFO, and quotes no record file', async () => {
    const c = await connect(viewer.port);
    sockets.push(c.ws);
    const dir = tempDir('viewer-fifo-run');
    execFileSync('mkfifo', [join(dir, 'episode.json')]);
    expect(await c.refusal({ type: 'open-run', dir })).toBe(`${join(dir, 'episode.json')}: not a regular file`);
    const broken = tempDir('viewer-broken-run');
    writeFileSync(join(broken, 'episode.json'), 'root:x:0:0:the secret first line');
    const message = await c.refusal({ type: 'open-run', dir: broken });
    expect(message).toBe(`${join(broken, 'episode.json')}: not JSON`);
  });

  it('takes at most maxClients sockets, refusing more with 503', async () => {
    const open = [await connect(viewer.port), await connect(viewer.port), await connect(viewer.port)];
    sockets.push(...open.map((c) => c.ws));
    await expect(connect(viewer.port)).rejects.toThrow('HTTP 503');
    open[0]!.ws.close();
    await until(() => viewer.hub.clientCount < 3, 'a socket to close');
    const again = await connect(viewer.port);
    sockets.push(again.ws);
    expect(again.messages.length).toBeGreaterThanOrEqual(0);
  });
  it('starts a live episode from a task file read off the main thread', async () => {
    const c = await connect(viewer.port);
    sockets.push(c.ws);
    const before = c.messages.length;
    c.ws.send(JSON.stringify(start(join(ROOT, 'tasks/core/red_on_blue.json'))));
    await until(() => c.messages.slice(before).some((m) => m.type === 'session'), 'the live session', 10_000);
    const session = c.messages.slice(before).find((m) => m.type === 'session');
    expect(session?.type === 'session' && session.session.source).toBe('live');
    c.ws.send(JSON.stringify({ type: 'stop' }));
    await until(
      () => c.messages.slice(before).some((m) => m.type === 'status' && ['stopped', 'finished', 'failed'].includes(m.status)),
      'the episode to end',
      30_000,
    );
  }, 60_000);
});

describe('sessions kept', () => {
  let viewer: ViewerServer;
  beforeAll(async () => {
    viewer = await startViewer({ port: 0, outRoot: tempDir('viewer-out'), log: () => {} });
  });
  afterAll(async () => {
    await viewer.close();
  });

  it(`serves only the last ${SESSIONS_KEPT} sessions' record folders`, async () => {
    const dir = writeSyntheticRun();
    mkdirSync(join(dir, 'extra'), { recursive: true });
    for (let i = 0; i < SESSIONS_KEPT + 1; i++) expect(await viewer.hub.command({ type: 'open-run', dir })).toBeNull();
    expect((await get(viewer.port, '/files/1/episode.json')).status).toBe(404);
    expect((await get(viewer.port, '/files/2/episode.json')).status).toBe(200);
    expect((await get(viewer.port, `/files/${SESSIONS_KEPT + 1}/episode.json`)).status).toBe(200);
  });
});
