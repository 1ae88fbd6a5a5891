import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { isLoopback, startViewer } from '../../viewer/index.ts';
import type { ServerMessage, ViewerServer } from '../../viewer/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { writeSyntheticRun } from './fixtures.ts';
import { until } from '../helpers/until.ts';

function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket; resolves with it and the messages it receives, or rejects with the refusal's HTTP status. */
function connect(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: ServerMessage[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: ServerMessage[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as ServerMessage));
    ws.on('open', () => resolve({ ws, messages }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['localhost', true],
    ['::1', true],
    ['127.1.2.3', true],
    ['0.0.0.0', false],
    ['192.168.1.5', false],
    ['::', false],
    ['example.com', false],
  ])('%s → %s', (host, loopback) => expect(isLoopback(host)).toBe(loopback));
});

describe('the viewer server on loopback', () => {
  let viewer: ViewerServer;
  let wsUrl: string;
  beforeAll(async () => {
    viewer = await startViewer({ port: 0, run: writeSyntheticRun(), outRoot: tempDir('viewer'), log: () => {} });
    wsUrl = `ws://127.0.0.1:${viewer.port}/ws`;
  });
  afterAll(async () => {
    await viewer.close();
  });

  it('prints a URL without a token', () => {
    expect(viewer.url).toBe(`http://127.0.0.1:${viewer.port}/`);
    expect(viewer.token).toBeNull();
  });

  it('serves the page, its script and its style sheet itself: nothing from the network', async () => {
    const page = await get(viewer.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="app.js">');
    expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const js = await get(viewer.port, '/app.js');
    expect(js.status).toBe(200);
    expect(js.body.length).toBeGreaterThan(100_000);
    expect((await get(viewer.port, '/app.css')).status).toBe(200);
    expect((await get(viewer.port, '/nothing-here')).status).toBe(404);
  });

  it('serves files of the open run, and nothing outside it', async () => {
    expect((await get(viewer.port, '/files/1/attempt-0/program.js')).body).toContain("pick('red_block')");
    expect((await get(viewer.port, '/files/1/..%2F..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await get(viewer.port, '/files/1/episode.json.bak')).status).toBe(404);
    expect((await get(viewer.port, '/files/9/attempt-0/program.js')).status).toBe(404);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    expect((await get(viewer.port, '/', { Host: 'evil.example:80' })).status).toBe(421);
  });

  it('catches a new tab up on the session it opens with', async () => {
    const { ws, messages } = await connect(wsUrl);
    await until(() => messages.some((m) => m.type === 'status'), 'the first status message');
    expect(messages[0]).toMatchObject({ type: 'hello', protocol: 2 });
    expect(messages.map((m) => m.type)).toContain('episode-end');
    ws.close();
  });

  it('refuses a WebSocket from a page of another origin', async () => {
    await expect(connect(wsUrl, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    const same = await connect(wsUrl, { Origin: `http://127.0.0.1:${viewer.port}` });
    same.ws.close();
  });

  it('refuses a message over 1 MiB by closing that socket, and keeps serving the others', async () => {
    const big = await connect(wsUrl);
    const other = await connect(wsUrl);
    const closed = new Promise<number>((r) => big.ws.on('close', (code) => r(code)));
    big.ws.send(JSON.stringify({ type: 'open-run', dir: 'x'.repeat(1024 * 1024 + 10) }));
    expect(await closed).toBe(1009);
    other.ws.send('{"type":"speed","speed":"4x"}');
    await until(() => other.messages.some((m) => m.type === 'status' && m.speed === '4x'), "the other client's status at speed 4x");
    other.ws.close();
  });
});

describe('the viewer server with a token (as when bound beyond loopback)', () => {
  let viewer: ViewerServer;
  beforeAll(async () => {
    viewer = await startViewer({ port: 0, token: 'secret-token', outRoot: tempDir('viewer'), log: () => {} });
  });
  afterAll(async () => {
    await viewer.close();
  });

  it('puts the token in the printed URL', () => {
    expect(viewer.url).toBe(`http://127.0.0.1:${viewer.port}/?token=secret-token`);
  });

  it('refuses the page and the socket without the token', async () => {
    expect((await get(viewer.port, '/')).status).toBe(401);
    expect((await get(viewer.port, '/?token=wrong')).status).toBe(401);
    await expect(connect(`ws://127.0.0.1:${viewer.port}/ws`)).rejects.toThrow('HTTP 401');
  });

  it('accepts the token in the URL, then from the cookie it sets', async () => {
    const page = await get(viewer.port, '/?token=secret-token');
    expect(page.status).toBe(200);
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toBe('policyloop_token=secret-token');
    expect((await get(viewer.port, '/app.css', { Cookie: cookie })).status).toBe(200);
    const { ws } = await connect(`ws://127.0.0.1:${viewer.port}/ws?token=secret-token`);
    ws.close();
  });
});
