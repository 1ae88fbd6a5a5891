// The viewer's start flow against the real server (issue 16): task list with suites, the
// preview before Start, "running" at once, verdicts streamed per checkpoint, a given program,
// and the run browser's listing, opening and report links, confined to the runs directory.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { instantiateScene, loadTask } from '../../tasks/index.ts';
import { snapshotFromScene } from '../../monitor/index.ts';
import { startViewer } from '../../viewer/index.ts';
import type { ServerMessage, ViewerServer } from '../../viewer/index.ts';
import { ServerMessageSchema } from '../../viewer/protocol.ts';
import { STARTING_DETAIL } from '../../viewer/session-hub.ts';
import { renderReportHtml, viewerLink } from '../../policy/suite/report-html.ts';
import type { ResultLine } from '../../policy/suite/results-file.ts';
import { summarize } from '../../policy/suite/summary.ts';
import { settingsKey } from '../../policy/suite/settings.ts';
import type { SuiteSettings } from '../../policy/suite/settings.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { until } from '../helpers/until.ts';
import { writeSyntheticRun } from './fixtures.ts';

function get(port: number, path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
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

function connect(url: string): Promise<{ ws: WebSocket; messages: ServerMessage[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const messages: ServerMessage[] = [];
    ws.on('message', (d) => messages.push(ServerMessageSchema.parse(JSON.parse(d.toString()))));
    // Resolves once the catch-up (hello, the session's log, the status last) is in.
    ws.on('open', () => void until(() => messages.some((m) => m.type === 'status'), 'the catch-up').then(() => resolve({ ws, messages })));
    ws.on('error', reject);
  });
}

/** A suite folder as run-suite writes it: results.jsonl, summary.json, report.html and one episode folder. */
function writeSuite(root: string, name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'episodes'), { recursive: true });
  writeSyntheticRun(join(dir, 'episodes', 'red_on_blue-seed0'));
  const line = {
    task: 'red_on_blue',
    seed: 0,
    success: false,
    dir: 'episodes/red_on_blue-seed0',
    attempts: [
      { index: 0, failingCheckpoint: 0 },
      { index: 1, failingCheckpoint: 1 },
    ],
  };
  writeFileSync(join(dir, 'results.jsonl'), JSON.stringify(line) + '\n');
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ createdAt: '2030-01-01T00:00:00.000Z' }));
  writeFileSync(join(dir, 'report.html'), '<!doctype html><p>report</p>');
  return dir;
}

describe('the viewer start flow on the real server', () => {
  let viewer: ViewerServer;
  let wsUrl: string;
  let runs: string;
  const outside = tempDir('viewer-outside');

  beforeAll(async () => {
    runs = tempDir('viewer-runs');
    writeSyntheticRun(join(runs, 'old-run'));
    writeSuite(runs, 'suite-a');
    // A `suite --engines` folder: one suite folder per engine and the comparison.
    mkdirSync(join(runs, 'engines-b'));
    writeSuite(join(runs, 'engines-b'), 'rapier');
    writeSuite(join(runs, 'engines-b'), 'cannon');
    symlinkSync(join(outside, 'secret-run'), join(runs, 'engines-b', 'linked'));
    writeFileSync(join(runs, 'engines-b', 'engines.json'), JSON.stringify({ engines: ['rapier', 'cannon', 'linked', '../x'] }));
    // Symlinks out of the runs directory: never listed, never opened.
    writeSyntheticRun(join(outside, 'secret-run'));
    symlinkSync(join(outside, 'secret-run'), join(runs, 'linked-out'));
    viewer = await startViewer({ port: 0, outRoot: tempDir('viewer-out'), runsDir: runs, log: () => {} });
    wsUrl = `ws://127.0.0.1:${viewer.port}/ws`;
  });
  afterAll(async () => {
    await viewer?.close();
  });

  it('lists every task with its instruction and suite', async () => {
    const { ws, messages } = await connect(wsUrl);
    await until(() => messages.some((m) => m.type === 'hello'), 'hello');
    const hello = messages.find((m) => m.type === 'hello')!;
    if (hello.type !== 'hello') throw new Error('no hello');
    const red = hello.tasks.find((t) => t.id === 'red_on_blue')!;
    expect(red.suite).toBe('core');
    expect(red.instruction).toBe(loadTask('red_on_blue').instruction);
    expect(new Set(hello.tasks.map((t) => t.suite)).size).toBeGreaterThan(2);
    ws.close();
  });

  it('answers a preview with the seeded scene, to the asking client alone', async () => {
    const a = await connect(wsUrl);
    const b = await connect(wsUrl);
    a.ws.send(JSON.stringify({ type: 'preview', task: 'red_on_blue', seed: 7 }));
    await until(() => a.messages.some((m) => m.type === 'preview'), 'a preview');
    const p = a.messages.find((m) => m.type === 'preview')!;
    if (p.type !== 'preview') throw new Error('no preview');
    const scene = instantiateScene(loadTask('red_on_blue'), 7);
    expect(p.scene).toEqual(scene);
    expect(p.initial).toEqual(snapshotFromScene(scene));
    expect(p.instruction).toBe(loadTask('red_on_blue').instruction);
    // Another seed lays the scene out elsewhere.
    expect(instantiateScene(loadTask('red_on_blue'), 8)).not.toEqual(scene);
    a.ws.send(JSON.stringify({ type: 'preview', task: 'no_such_task', seed: 0 }));
    await until(() => a.messages.some((m) => m.type === 'error'), 'an error');
    expect(a.messages.find((m) => m.type === 'error')).toMatchObject({
      message: expect.stringMatching(/^preview: unknown task "no_such_task"/),
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(b.messages.some((m) => m.type === 'preview' || m.type === 'error')).toBe(false);
    a.ws.close();
    b.ws.close();
  });

  it('says running at once, then streams each verdict before the attempt ends', async () => {
    const { ws, messages } = await connect(wsUrl);
    await until(() => messages.some((m) => m.type === 'hello'), 'hello');
    ws.send(
      JSON.stringify({ type: 'start', task: 'red_on_blue', seed: 0, provider: 'builtin', monitor: 'state', maxRepairs: 0, speed: 'max' }),
    );
    await until(() => messages.some((m) => m.type === 'episode-end'), 'the episode end', 120_000);
    const session = messages.findIndex((m) => m.type === 'session');
    const firstStatus = messages.slice(session).find((m) => m.type === 'status');
    expect(firstStatus).toMatchObject({ status: 'running', detail: STARTING_DETAIL });
    const end = messages.findIndex((m) => m.type === 'attempt-end');
    const endMsg = messages[end]!;
    if (endMsg.type !== 'attempt-end') throw new Error('no end');
    const streamed = messages.slice(0, end).filter((m) => m.type === 'verdict');
    expect(streamed.length).toBe(endMsg.verdicts.length);
    expect(streamed.length).toBeGreaterThan(1);
    expect(streamed.map((m) => (m.type === 'verdict' ? m.verdict : null))).toEqual(endMsg.verdicts);
    // Each verdict comes after its checkpoint.
    for (const m of streamed) {
      if (m.type !== 'verdict') continue;
      const at = messages.indexOf(m);
      const cps = messages.slice(0, at).flatMap((x) => (x.type === 'checkpoints' ? x.checkpoints : []));
      expect(cps.some((c) => c.index === m.verdict.checkpoint)).toBe(true);
    }
    ws.send(JSON.stringify({ type: 'stop' }));
    await until(() => messages.some((m) => m.type === 'status' && m.status === 'stopped'), 'stopped', 30_000);
    ws.close();
  });

  it('runs a given program as run --program does: no repairs', async () => {
    const { ws, messages } = await connect(wsUrl);
    await until(() => messages.some((m) => m.type === 'hello'), 'hello');
    const program = "pick('red_block');\nplace([0.3, 0.2]);\n";
    const before = messages.length;
    ws.send(
      JSON.stringify({
        type: 'start',
        task: 'red_on_blue',
        seed: 0,
        provider: 'builtin',
        monitor: 'state',
        maxRepairs: 3,
        speed: 'max',
        program,
        programName: 'mine.js',
      }),
    );
    const mine = (): ServerMessage[] => messages.slice(before);
    await until(() => mine().some((m) => m.type === 'episode-end'), 'the episode end', 120_000);
    expect(mine().find((m) => m.type === 'session')).toMatchObject({ session: { provider: 'given', model: 'mine.js', maxRepairs: 0 } });
    expect(mine().find((m) => m.type === 'attempt-start')).toMatchObject({ program });
    expect(mine().find((m) => m.type === 'episode-end')).toMatchObject({ success: false, attempts: 1, stoppedBy: 'budget' });
    ws.send(JSON.stringify({ type: 'stop' }));
    await until(() => mine().some((m) => m.type === 'status' && m.status === 'stopped'), 'stopped', 30_000);
    // An empty program file is refused in one line.
    ws.send(
      JSON.stringify({ type: 'start', task: 'red_on_blue', seed: 0, provider: 'builtin', monitor: 'state', maxRepairs: 0, program: '' }),
    );
    await until(() => messages.some((m) => m.type === 'error'), 'an error');
    expect(messages.find((m) => m.type === 'error')).toMatchObject({ message: 'bad "start" message: program: the program file is empty' });
    ws.close();
  });

  it('lists run and suite folders newest first, never through a symlink out', async () => {
    const res = await get(viewer.port, '/api/runs');
    expect(res.status).toBe(200);
    const { runs: listed } = JSON.parse(res.body) as {
      runs: { path: string; kind: string; result: string; date: string; episodes?: unknown[] }[];
    };
    const order = listed.map((r) => r.path);
    // The engines' suites (same date as suite-a) side by side; never the symlink or the path out.
    expect(order.slice(0, 3).sort()).toEqual(['engines-b/cannon', 'engines-b/rapier', 'suite-a']);
    expect(order.indexOf('engines-b/rapier')).toBe(order.indexOf('engines-b/cannon') - 1);
    expect(order.slice(3)).toEqual(['old-run']);
    const suiteA = listed.find((r) => r.path === 'suite-a')!;
    expect(suiteA).toMatchObject({ kind: 'suite', result: '0/1 solved', date: '2030-01-01T00:00:00.000Z', report: true });
    expect(suiteA.episodes).toEqual([
      { path: 'suite-a/episodes/red_on_blue-seed0', task: 'red_on_blue', seed: 0, success: false, attempt: 1, checkpoint: 1 },
    ]);
    const cannon = listed.find((r) => r.path === 'engines-b/cannon')!;
    expect(cannon).toMatchObject({ kind: 'suite', result: '0/1 solved', report: true });
    expect((cannon as { task?: string }).task).toMatch(/ · cannon$/);
    expect((cannon.episodes as { path: string }[])[0]!.path).toBe('engines-b/cannon/episodes/red_on_blue-seed0');
    expect(listed.find((r) => r.path === 'old-run')).toMatchObject({ kind: 'run', task: 'red_on_blue · seed 0' });
  });

  it('opens a listed run by its path in the runs directory, and refuses paths that leave it', async () => {
    const { ws, messages } = await connect(wsUrl);
    await until(() => messages.some((m) => m.type === 'hello'), 'hello');
    const start = messages.length;
    ws.send(JSON.stringify({ type: 'open-listed', path: 'suite-a/episodes/red_on_blue-seed0' }));
    await until(
      () => messages.slice(start).some((m) => (m.type === 'status' && m.status === 'finished') || m.type === 'error'),
      'the replay',
    );
    expect(messages.slice(start).find((m) => m.type === 'error')).toBeUndefined();
    expect(messages.slice(start).find((m) => m.type === 'session')).toMatchObject({ session: { source: 'run', task: 'red_on_blue' } });
    for (const path of ['linked-out', '../viewer-outside', join(outside, 'secret-run'), 'suite-a/../../x', 'no-such-run']) {
      const before = messages.length;
      ws.send(JSON.stringify({ type: 'open-listed', path }));
      await until(() => messages.slice(before).some((m) => m.type === 'error'), `the refusal of ${path}`);
      expect(messages.slice(before).find((m) => m.type === 'error')).toMatchObject({
        message: `no run folder "${path}" in the runs directory`,
      });
    }
    ws.close();
  });

  it("serves a suite's report and redirects its viewer links to the failing checkpoint", async () => {
    const report = await get(viewer.port, '/runs/suite-a/report.html');
    expect(report.status).toBe(200);
    expect(report.body).toContain('<p>report</p>');
    expect(String(report.headers['content-security-policy'])).toMatch(/default-src 'none'/);
    const link = await get(viewer.port, '/runs/suite-a/episodes/red_on_blue-seed0/view?attempt=1&checkpoint=0');
    expect(link.status).toBe(302);
    expect(link.headers.location).toBe('/?run=suite-a%2Fepisodes%2Fred_on_blue-seed0&attempt=1&checkpoint=0');
    for (const bad of ['/runs/linked-out/view', '/runs/../etc/view', '/runs/%2e%2e/x/report.html', '/runs/old-run/episode.json']) {
      expect((await get(viewer.port, bad)).status, bad).toBe(404);
    }
  });
});

describe("report.html's links into the viewer", () => {
  const line = {
    task: 'red_on_blue',
    seed: 2,
    dir: 'episodes/red_on_blue-seed2',
    attempts: [{ index: 0, failingCheckpoint: 3 }],
  } as unknown as ResultLine;

  it('links relative (served by the viewer) or absolute (a viewer URL), at the failing checkpoint', () => {
    expect(viewerLink('/x/runs/suite-b', line)).toBe('episodes/red_on_blue-seed2/view?attempt=0&checkpoint=3');
    expect(viewerLink('/x/runs/suite-b', line, { viewerUrl: 'http://127.0.0.1:8080/' })).toBe(
      'http://127.0.0.1:8080/runs/suite-b/episodes/red_on_blue-seed2/view?attempt=0&checkpoint=3',
    );
  });

  it("puts the link on each failed episode's section", () => {
    const suite = tempDir('report');
    const epDir = writeSyntheticRun(join(suite, 'episodes', 'red_on_blue-seed0'));
    const record = JSON.parse(readFileSync(join(epDir, 'episode.json'), 'utf8')) as Record<string, unknown>;
    const settings: SuiteSettings = {
      provider: 'builtin',
      model: 'rules',
      vlmModel: null,
      monitor: 'state',
      maxRepairs: 1,
      engine: 'x',
      oracle: true,
      perception: 'exact',
    };
    const failed = {
      ...record,
      success: false,
      settings,
      settingsKey: settingsKey(settings),
      error: null,
      dir: 'episodes/red_on_blue-seed0',
    } as unknown as ResultLine;
    const summary = summarize([failed], { settings, versions: {}, suiteWallMs: 1000, workers: 1 });
    const html = renderReportHtml(suite, summary, [failed]);
    const last = failed.attempts.at(-1)!;
    expect(html).toContain(
      `<a class="viewer" href="episodes/red_on_blue-seed0/view?attempt=${last.index}${last.failingCheckpoint !== null ? `&amp;checkpoint=${last.failingCheckpoint}` : ''}"`,
    );
  });
});
