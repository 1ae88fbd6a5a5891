// A live episode through the real server and worker thread: pause before the first API
// call, step exactly one call, real-time streaming, then as fast as possible to the end;
// and stop. Kept to the short red_on_blue task (2 cores are shared).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ServerMessageSchema, startViewer } from '../../viewer/index.ts';
import type { ServerMessage, ViewerServer } from '../../viewer/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { until } from '../helpers/until.ts';

interface Received {
  m: ServerMessage;
  at: number;
}

/** How long a step of a live episode may take (2 cores are shared). */
const LIVE_MS = 90_000;

describe('a live episode', () => {
  let viewer: ViewerServer;
  let outRoot: string;
  let ws: WebSocket;
  const got: Received[] = [];
  const send = (m: object): void => ws.send(JSON.stringify(m));
  const last = <T extends ServerMessage['type']>(type: T): Extract<ServerMessage, { type: T }> | undefined =>
    got
      .map((r) => r.m)
      .filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type)
      .at(-1);
  const status = (): string | undefined => last('status')?.status;

  beforeAll(async () => {
    outRoot = tempDir('viewer');
    viewer = await startViewer({ port: 0, outRoot, log: () => {} });
    ws = new WebSocket(`ws://127.0.0.1:${viewer.port}/ws`);
    ws.on('message', (d) => got.push({ m: JSON.parse(d.toString()) as ServerMessage, at: performance.now() }));
    await new Promise((r) => ws.on('open', r));
  });
  afterAll(async () => {
    ws.close();
    await viewer.close();
  });

  it('pauses, steps one API call, streams at real time and records the episode', async () => {
    send({ type: 'start', task: 'red_on_blue', seed: 0, provider: 'builtin', monitor: 'state', maxRepairs: 0, speed: '1x', paused: true });
    await until(() => status() === 'paused' && /line \d+/.test(last('status')?.detail ?? ''), 'the pause before the first call', LIVE_MS);
    const before = last('call')!;
    expect(before.index).toBe(1);

    const mark = got.length;
    send({ type: 'step' });
    await until(
      () => got.slice(mark).some((r) => r.m.type === 'status' && r.m.status === 'paused' && /line/.test(r.m.detail ?? '')),
      'the pause after one step',
      LIVE_MS,
    );
    expect(last('call')!.index).toBe(before.index + 1);

    const resumedAt = got.length;
    send({ type: 'resume' });
    await until(() => got.slice(resumedAt).filter((r) => r.m.type === 'frames').length >= 2, 'frames after resuming', LIVE_MS);
    const windowStart = performance.now();
    await new Promise((r) => setTimeout(r, 1500));
    const window = got.slice(resumedAt).filter((r) => r.m.type === 'frames' && r.at >= windowStart);
    const span = (window.at(-1)!.at - window[0]!.at) / 1000;
    // Streams continuously (about 60 updates/s on an idle machine; the bound is loose because
    // CI machines are shared — speed is a benchmark figure, not a unit-test assertion).
    expect((window.length - 1) / span).toBeGreaterThanOrEqual(10);
    const frames = window.flatMap((r) => (r.m.type === 'frames' ? r.m.frames : []));
    const simRate = (frames.at(-1)!.t - frames[0]!.t) / span;
    // Paced: never faster than real time at 1× (slower is allowed on a loaded machine).
    expect(simRate).toBeGreaterThan(0);
    expect(simRate).toBeLessThan(1.5);

    send({ type: 'speed', speed: 'max' });
    await until(() => status() === 'finished', 'the end of the episode', LIVE_MS);
    for (const { m } of got) expect(() => ServerMessageSchema.parse(m)).not.toThrow();
    expect(last('episode-end')).toMatchObject({ success: true, attempts: 1 });

    const dir = last('episode-end')!.dir!;
    expect(dir.startsWith(outRoot)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['attempt-0', 'episode.json', 'scene.json']);
    expect(existsSync(join(dir, 'attempt-0', 'frames.json'))).toBe(true);

    const mark2 = got.length;
    send({ type: 'open-run', dir });
    await until(() => got.slice(mark2).some((r) => r.m.type === 'episode-end'), 'the replay', LIVE_MS);
    const session = got.slice(mark2).find((r) => r.m.type === 'session')!.m;
    expect(session).toMatchObject({ type: 'session', session: { source: 'run', task: 'red_on_blue', frames: true } });
  });

  it('stops a running episode', async () => {
    const mark = got.length;
    send({ type: 'start', task: 'red_on_blue', seed: 1, provider: 'builtin', monitor: 'none', maxRepairs: 2, speed: '1x' });
    await until(() => got.slice(mark).some((r) => r.m.type === 'frames'), 'the first frames', LIVE_MS);
    send({ type: 'start', task: 'red_on_blue', seed: 1, provider: 'builtin', monitor: 'none', maxRepairs: 2 });
    await until(() => got.slice(mark).some((r) => r.m.type === 'error'), 'the refusal of a second start', LIVE_MS);
    expect(last('error')!.message).toMatch(/an episode is running/);
    send({ type: 'stop' });
    await until(() => status() === 'stopped', 'the stop', 20_000);
    expect(got.slice(mark).some((r) => r.m.type === 'episode-end')).toBe(false);
  });
});
