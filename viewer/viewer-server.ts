// `policyloop view`: a small HTTP server for the browser app and one WebSocket endpoint
// (/ws) for the session. Loopback by default. Bound elsewhere, it requires a token (in
// the printed URL; the page keeps it in a same-site cookie), because whoever can reach
// it can run episodes and read run folders on this machine. On loopback it refuses
// foreign Host headers (DNS rebinding), and everywhere it refuses WebSocket upgrades from
// other origins (a web page the user happens to have open).
//
// Hardened against hostile requests: a malformed percent-escape or any other handler error
// answers 400/500 and never ends the process; /files/N/… serves only regular files whose
// resolved path (symlinks followed) stays inside session N's record folder; at most
// `maxClients` sockets at once (more are refused with 503); a `start` naming a task file
// reads it off the main thread (session-hub.ts → task-reader.ts).

import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { extname, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { EngineName } from '../sim/types.ts';
import { WebSocketServer } from 'ws';
import type WebSocket from 'ws';
import { displayPath, listSuites, listTasks } from '../tasks/index.ts';
import { appAssets } from './app-bundle.ts';
import type { AppAssets } from './app-bundle.ts';
import { MAX_CLIENT_MESSAGE_BYTES } from './protocol.ts';
import { SessionHub } from './session-hub.ts';
import { answerKnowledge } from './knowledge-api.ts';
import { listRuns, resolveInRuns } from './runs-dir.ts';

/** Largest report.html the viewer serves. */
const MAX_REPORT_BYTES = 256 * 1024 * 1024;
import type { KnowledgeSettings } from '../policy/knowledge/index.ts';

export interface ViewerOptions {
  /** Default 127.0.0.1. Anything but loopback needs a token. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Run record folder to load at start. */
  run?: string;
  /** Folder under which live episodes are recorded. Default ./runs. */
  outRoot?: string;
  /** Folder the run browser lists (GET /api/runs) and opens from. Default: outRoot. */
  runsDir?: string;
  /** The access token; generated when the host is not loopback. Tests may force one. */
  token?: string | null;
  version?: string;
  log?: (line: string) => void;
  /** The knowledge base live episodes retrieve from and learn into (view --kb / --no-kb / --no-learn); null or absent: none. */
  knowledge?: KnowledgeSettings | null;
  /** The most WebSocket connections at once (default DEFAULT_MAX_CLIENTS); more are refused with 503. */
  maxClients?: number;
  /** The engine live episodes run on unless the start form names one (view --engine); default rapier. */
  engine?: EngineName;
}

/** WebSocket connections a viewer takes at once by default (view --max-clients). */
export const DEFAULT_MAX_CLIENTS = 16;

export interface ViewerServer {
  /** The URL to open (with the token, when one is required). */
  url: string;
  host: string;
  port: number;
  token: string | null;
  hub: SessionHub;
  close(): Promise<void>;
}

const TOKEN_COOKIE = 'policyloop_token';
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
};

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return safeDecode(v.join('='));
  }
  return null;
}

/** decodeURIComponent, or null for a malformed escape (`%E0%A4%A`) instead of a URIError. */
function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function sameToken(a: string | null, b: string): boolean {
  if (a === null) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function hostnameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return null;
  }
}

/** The bundled tasks, each with the first bundled suite that lists it (the start form groups by suite). */
function tasksWithSuites(): { id: string; instruction: string; file: string; suite?: string }[] {
  const suiteOf = new Map<string, string>();
  for (const suite of listSuites()) {
    if (suite.name === 'all') continue;
    for (const id of suite.taskIds) if (!suiteOf.has(id)) suiteOf.set(id, suite.name);
  }
  return listTasks().map((t) => {
    const suite = suiteOf.get(t.id);
    return { id: t.id, instruction: t.instruction, file: displayPath(t.file), ...(suite ? { suite } : {}) };
  });
}

export async function startViewer(opts: ViewerOptions = {}): Promise<ViewerServer> {
  const host = opts.host ?? '127.0.0.1';
  const loopback = isLoopback(host);
  const token = opts.token !== undefined ? opts.token : loopback ? null : randomBytes(18).toString('base64url');
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const assets: AppAssets = await appAssets();
  const hub = new SessionHub({
    version: opts.version ?? 'dev',
    tasks: tasksWithSuites(),
    outRoot: resolve(opts.outRoot ?? 'runs'),
    runsDir: resolve(opts.runsDir ?? opts.outRoot ?? 'runs'),
    log,
    knowledge: opts.knowledge ?? null,
    ...(opts.engine ? { engine: opts.engine } : {}),
  });

  /** null when the request may proceed; otherwise the status to refuse it with. */
  const refusal = (req: IncomingMessage, url: URL): number | null => {
    if (loopback && !LOOPBACK_NAMES.has(hostnameOf(req.headers.host) ?? '')) return 421;
    if (token !== null && !sameToken(url.searchParams.get('token'), token) && !sameToken(cookieValue(req, TOKEN_COOKIE), token)) return 401;
    return null;
  };

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void => {
    res.writeHead(status, { 'Content-Type': type, ...SECURITY_HEADERS, ...extra });
    res.end(body);
  };

  /**
   * A file of session `sessionId`'s record folder: only when its path, resolved with every
   * symlink followed, is inside the folder's own resolved path, and it is a regular file
   * (opened non-blocking: a FIFO cannot stall the server). Anything else is a 404.
   */
  const serveRunFile = async (req: IncomingMessage, res: ServerResponse, sessionId: number, rel: string): Promise<void> => {
    const notFound = (): void => send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    const dir = hub.sessionDir(sessionId);
    const type = CONTENT_TYPES[extname(rel).toLowerCase()];
    if (!dir || !type || rel.includes('\0')) return notFound();
    const lexical = resolve(dir, rel);
    if (!lexical.startsWith(dir + sep)) return notFound();
    let real: string;
    let realDir: string;
    try {
      [real, realDir] = await Promise.all([realpath(lexical), realpath(dir)]);
    } catch {
      return notFound();
    }
    if (!real.startsWith(realDir + sep)) return notFound();
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch {
      return notFound();
    }
    let size: number;
    try {
      const st = await handle.stat();
      if (!st.isFile()) {
        await handle.close();
        return notFound();
      }
      size = st.size;
    } catch {
      await handle.close().catch(() => undefined);
      return notFound();
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(size), ...SECURITY_HEADERS });
    if (req.method === 'HEAD') {
      await handle.close();
      res.end();
      return;
    }
    const stream = handle.createReadStream({ end: Math.max(0, size - 1) });
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy()); // a client gone mid-file frees the handle now
    stream.pipe(res);
  };

  /**
   * Under /runs/: a suite's report.html (`/runs/<path>/report.html`, its own styles allowed,
   * no scripts) and the report's links into the viewer (`/runs/<path>/view?attempt=k&checkpoint=n`
   * redirects to `/?run=<path>&attempt=k&checkpoint=n`). Paths are the runs directory's, resolved
   * with symlinks followed and kept inside it; anything else is 404.
   */
  const serveRunsPath = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const notFound = (): void => send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    const rel = safeDecode(url.pathname.slice('/runs/'.length));
    if (rel === null) return send(res, 400, 'text/plain; charset=utf-8', 'bad percent-escape in the path\n');
    if (rel.endsWith('/view')) {
      const run = rel.slice(0, -'/view'.length);
      try {
        await resolveInRuns(hub.runsDir, run);
      } catch {
        return notFound();
      }
      const q = new URLSearchParams({ run });
      for (const k of ['attempt', 'checkpoint']) {
        const v = url.searchParams.get(k);
        if (v !== null && /^\d{1,6}$/.test(v)) q.set(k, v);
      }
      res.writeHead(302, { Location: `/?${q.toString()}`, ...SECURITY_HEADERS });
      res.end();
      return;
    }
    if (!rel.endsWith('/report.html')) return notFound();
    let file: string;
    try {
      file = await resolveInRuns(hub.runsDir, rel, 'file');
    } catch {
      return notFound();
    }
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch {
      return notFound();
    }
    try {
      const st = await handle.stat();
      if (!st.isFile() || st.size > MAX_REPORT_BYTES) return notFound();
      const body = req.method === 'HEAD' ? '' : await handle.readFile();
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        ...SECURITY_HEADERS,
        'Content-Security-Policy': "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'",
      });
      res.end(body);
    } finally {
      await handle.close().catch(() => undefined);
    }
  };

  const server = createServer((req, res) => {
    try {
      handleRequest(req, res);
    } catch (err) {
      log(`viewer: ${req.method} request failed: ${(err as Error).message}`);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    }
  });

  const handleRequest = (req: IncomingMessage, res: ServerResponse): void => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://viewer.invalid');
    } catch {
      send(res, 400, 'text/plain; charset=utf-8', 'bad request path\n');
      return;
    }
    const refused = refusal(req, url);
    if (refused !== null) {
      send(
        res,
        refused,
        'text/plain; charset=utf-8',
        refused === 401 ? 'this viewer needs the token from the URL it printed\n' : 'wrong host\n',
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    const cookie: Record<string, string> =
      token !== null ? { 'Set-Cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/` } : {};
    const path = url.pathname;
    if (path === '/' || path === '/index.html') send(res, 200, 'text/html; charset=utf-8', assets.html, cookie);
    else if (path === '/app.js') send(res, 200, 'text/javascript; charset=utf-8', assets.js);
    else if (path === '/app.css') send(res, 200, 'text/css; charset=utf-8', assets.css);
    else if (path === '/favicon.ico') send(res, 204, 'text/plain', '');
    else if (path === '/api/runs') {
      listRuns(hub.runsDir).then(
        (runs) => send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ runs })),
        (err: unknown) => {
          log(`viewer: listing ${hub.runsDir} failed: ${(err as Error).message}`);
          send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
        },
      );
    } else if (path.startsWith('/runs/')) {
      serveRunsPath(req, res, url).catch((err: unknown) => {
        log(`viewer: serving ${path} failed: ${(err as Error).message}`);
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
        else res.destroy();
      });
    } else if (path.startsWith('/api/knowledge/')) {
      const answer = answerKnowledge(
        path.slice('/api/knowledge/'.length),
        url.searchParams,
        (id) => hub.knowledgeFile(id),
        hub.ownKnowledgeFile,
      );
      send(res, answer.status, 'application/json; charset=utf-8', JSON.stringify(answer.body));
    } else {
      const m = /^\/files\/(\d+)\/(.+)$/.exec(path);
      const rel = m ? safeDecode(m[2]!) : null;
      if (m && rel === null) send(res, 400, 'text/plain; charset=utf-8', 'bad percent-escape in the path\n');
      else if (m && rel !== null) {
        serveRunFile(req, res, Number(m[1]), rel).catch((err: unknown) => {
          log(`viewer: serving ${path} failed: ${(err as Error).message}`);
          if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
          else res.destroy();
        });
      } else send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
  };

  const maxClients = opts.maxClients ?? DEFAULT_MAX_CLIENTS;
  if (!Number.isInteger(maxClients) || maxClients < 1) throw new Error(`maxClients: expected a whole number ≥ 1, got ${maxClients}`);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const reject = (status: number, text: string, body = ''): void => {
      socket.end(
        `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    try {
      upgrade(req, socket, head, reject);
    } catch (err) {
      log(`viewer: WebSocket upgrade failed: ${(err as Error).message}`);
      reject(500, 'Internal Server Error');
    }
  });

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer, reject: (status: number, text: string, body?: string) => void) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://viewer.invalid');
    } catch {
      return reject(400, 'Bad Request');
    }
    if (url.pathname !== '/ws') return reject(404, 'Not Found');
    const refused = refusal(req, url);
    if (refused !== null) return reject(refused, refused === 401 ? 'Unauthorized' : 'Misdirected Request');
    const origin = req.headers.origin;
    if (origin !== undefined) {
      let originHost: string | null = null;
      try {
        originHost = new URL(origin).host;
      } catch {
        /* refused below */
      }
      if (originHost !== req.headers.host) return reject(403, 'Forbidden');
    }
    if (wss.clients.size >= maxClients) {
      return reject(503, 'Service Unavailable', `this viewer takes at most ${maxClients} connections at once (view --max-clients)\n`);
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      hub.attach(ws);
      ws.on('message', (data, isBinary) => {
        try {
          if (isBinary) hub.refuse(ws, 'binary frames are not accepted; send JSON text');
          else hub.receive(ws, data.toString());
        } catch (err) {
          // A command that fails unexpectedly is that client's error, never the server's end.
          log(`viewer: a message failed: ${(err as Error).message}`);
          hub.refuse(ws, `the viewer could not do that: ${(err as Error).message.split('\n')[0]}`);
        }
      });
      ws.on('close', () => hub.detach(ws));
      ws.on('error', () => hub.detach(ws));
    });
  };

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(opts.port ?? 8080, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // A wildcard address is not one to open: this machine answers to localhost there too.
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  const urlHost = wildcard ? 'localhost' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}/${token !== null ? `?token=${token}` : ''}`;

  if (opts.run) {
    const error = await hub.command({ type: 'open-run', dir: opts.run });
    if (error) {
      server.close();
      throw Object.assign(new Error(`--run: ${error}`), { name: 'UsageError' });
    }
  }

  let closed = false;
  return {
    url,
    host,
    port,
    token,
    hub,
    async close() {
      if (closed) return;
      closed = true;
      await hub.close();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
