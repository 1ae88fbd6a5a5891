// A live episode through the real server and worker thread: pause before the first API
// call, step exactly one call, real-time streaming, then as fast as possible to the end;
// stop; and corrections from the chat — while running, while paused, refused, and after
// the end — applied by the builtin programmer through the CorrectionSession. Kept to the
// short red_on_blue task (2 cores are shared).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ServerMessageSchema, startViewer } from '../../viewer/index.ts';
import type { ServerMessage, ViewerServer } from '../../viewer/index.ts';
import type { CorrectionView } from '../../viewer/protocol.ts';
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
    expect(readdirSync(dir).sort()).toEqual(['attempt-0', 'corrections.jsonl', 'episode.json', 'scene.json', 'session.json']);
    expect(readFileSync(join(dir, 'corrections.jsonl'), 'utf8')).toBe('');
    expect(existsSync(join(dir, 'attempt-0', 'frames.json'))).toBe(true);

    const mark2 = got.length;
    send({ type: 'open-run', dir });
    await until(() => got.slice(mark2).some((r) => r.m.type === 'episode-end'), 'the replay', LIVE_MS);
    const session = got.slice(mark2).find((r) => r.m.type === 'session')!.m;
    expect(session).toMatchObject({ type: 'session', session: { source: 'run', task: 'red_on_blue', frames: true } });
  });

  it('runs a live episode on cannon-es when the start names it, and says so in the session and the record', async () => {
    const mark = got.length;
    send({
      type: 'start',
      task: 'red_on_blue',
      seed: 0,
      provider: 'builtin',
      monitor: 'state',
      maxRepairs: 0,
      speed: 'max',
      engine: 'cannon',
    });
    await until(() => got.slice(mark).some((r) => r.m.type === 'episode-end'), 'the end of the cannon-es episode', LIVE_MS);
    const session = got.slice(mark).find((r) => r.m.type === 'session')!.m;
    expect(session).toMatchObject({ type: 'session', session: { source: 'live', engine: 'cannon' } });
    const dir = last('episode-end')!.dir!;
    expect(JSON.parse(readFileSync(join(dir, 'episode.json'), 'utf8')).engine).toBe('cannon');
    // The hello offers both engines, rapier the default (view --engine).
    const hello = got.find((r) => r.m.type === 'hello')!.m;
    expect(hello).toMatchObject({ engines: ['rapier', 'cannon'], engine: 'rapier' });
    send({ type: 'stop' });
    await until(() => status() === 'stopped' || status() === 'idle', 'the end of the session', 20_000);
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

  /** The latest state of each correction since message `mark`, by id. */
  const corrections = (mark: number): CorrectionView[] => {
    const out: CorrectionView[] = [];
    for (const r of got.slice(mark)) if (r.m.type === 'correction') out[r.m.correction.id] = r.m.correction;
    return out;
  };
  const since = <T extends ServerMessage['type']>(mark: number, type: T): Extract<ServerMessage, { type: T }>[] =>
    got
      .slice(mark)
      .map((r) => r.m)
      .filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);

  it('interrupts a running program at its next API call for a correction, applies it and goes on from the world as it is', async () => {
    const mark = got.length;
    send({ type: 'start', task: 'red_on_blue', seed: 0, provider: 'builtin', monitor: 'state', maxRepairs: 0, speed: '1x' });
    // The pick (call 2) has begun: the next call is the subgoal before the place.
    await until(() => since(mark, 'call').some((c) => c.index === 2), 'the pick', LIVE_MS);
    send({ type: 'correct', text: '   ' });
    send({ type: 'correct', text: 'lift it higher' });
    await until(() => corrections(mark)[1]?.state === 'applied', 'the correction applied', LIVE_MS);
    await until(() => status() === 'finished', 'the end of the corrected run', LIVE_MS);
    for (const r of got.slice(mark)) expect(() => ServerMessageSchema.parse(r.m)).not.toThrow();

    const [refused, c] = corrections(mark);
    expect(refused).toMatchObject({ id: 0, state: 'refused', index: null, message: expect.stringMatching(/^the correction is empty/) });
    expect(c).toMatchObject({
      id: 1,
      index: 0,
      text: 'lift it higher',
      state: 'applied',
      class: 'skill',
      mode: 'continue',
      attempt: 0,
      ranIn: 1,
    });
    expect(c!.understood).toMatch(/lift/);
    expect(c!.programAfter).not.toBe(c!.programBefore);
    expect(c!.outcome).toMatch(/^done: red_block is on blue_block/);
    // It passed through pending (sent) and correcting (read by the programmer).
    const states = got.slice(mark).flatMap((r) => (r.m.type === 'correction' && r.m.correction.id === 1 ? [r.m.correction.state] : []));
    expect(states.slice(0, 3)).toEqual(['pending', 'correcting', 'applied']);

    // Attempt 0 stopped before the call after the pick, holding the block; attempt 1 went on from there.
    const ends = since(mark, 'attempt-end');
    expect(ends[0]).toMatchObject({ attempt: 0, error: { kind: 'InterruptedError', line: c!.line } });
    const starts = since(mark, 'attempt-start');
    expect(starts.map((a) => [a.attempt, a.origin, a.continued ?? false])).toEqual([
      [0, 'generate', false],
      [1, 'correction', true],
    ]);
    expect(starts[1]!.correction).toBe(0);
    expect(starts[1]!.initial.gripper.holding).toBe('red_block');
    expect(starts[1]!.initial.t).toBeCloseTo(c!.t!, 3);
    expect(ends[1]).toMatchObject({ attempt: 1, success: true });
    expect(since(mark, 'episode-end').at(-1)).toMatchObject({ success: true, attempts: 2, stoppedBy: 'success' });

    // The record: the session's files, the correction with its class and the attempt it wrote.
    const dir = since(mark, 'episode-end').at(-1)!.dir!;
    const lines = readFileSync(join(dir, 'corrections.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([
      { index: 0, text: 'lift it higher', class: 'skill', applied: true, attempt: 1 },
    ]);
    const episode = JSON.parse(readFileSync(join(dir, 'episode.json'), 'utf8'));
    expect(episode.attempts[1]).toMatchObject({ origin: 'correction', correction: 0, continued: true });
    expect(episode.attempts[0]).toMatchObject({ interrupted: true });

    // After the end the episode waits: Pause is refused, a correction goes on from the final world.
    const mark2 = got.length;
    send({ type: 'pause' });
    await until(() => since(mark2, 'error').length > 0, 'the refusal of a pause', LIVE_MS);
    expect(last('error')!.message).toMatch(/the episode has ended \(cannot pause\)/);
    send({ type: 'correct', text: 'sing me a song about zebras', mode: 'restart' });
    await until(() => corrections(mark)[2]?.state === 'not-applied', 'the unreadable correction', LIVE_MS);
    expect(corrections(mark)[2]!.message).toMatch(/^no program: could not read/);
    await until(() => status() === 'finished', 'the wait after it', LIVE_MS);
    expect(since(mark2, 'attempt-start')).toEqual([]);

    // The replay of the folder shows the same corrections.
    const mark3 = got.length;
    send({ type: 'open-run', dir });
    await until(() => since(mark3, 'episode-end').length > 0, 'the replay', LIVE_MS);
    expect(since(mark3, 'correction').map((m) => [m.correction.text, m.correction.state, m.correction.class])).toEqual([
      ['lift it higher', 'applied', 'skill'],
      ['sing me a song about zebras', 'not-applied', 'plan'],
    ]);
  });

  it('takes a correction while paused: the program runs on to its next call, and the new one starts paused', async () => {
    const mark = got.length;
    send({ type: 'start', task: 'red_on_blue', seed: 0, provider: 'builtin', monitor: 'state', maxRepairs: 0, speed: '1x', paused: true });
    await until(() => status() === 'paused' && /line \d+/.test(last('status')?.detail ?? ''), 'the pause before the first call', LIVE_MS);
    send({ type: 'correct', text: 'from the side' });
    await until(() => since(mark, 'attempt-start').length === 2, 'the corrected attempt', LIVE_MS);
    await until(() => status() === 'paused', 'the pause in the corrected attempt', LIVE_MS);
    const c = corrections(mark)[0]!;
    expect(c).toMatchObject({ state: 'applied', class: 'skill', attempt: 0, t: expect.any(Number) });
    expect(c.understood).toMatch(/side/);
    expect(since(mark, 'attempt-end')[0]).toMatchObject({ attempt: 0, error: { kind: 'InterruptedError' } });
    // Paused before the first call of the corrected program, which nothing has run yet.
    await new Promise((r) => setTimeout(r, 500));
    expect(status()).toBe('paused');
    expect(since(mark, 'attempt-end')).toHaveLength(1);
    send({ type: 'speed', speed: 'max' });
    send({ type: 'resume' });
    await until(() => status() === 'finished', 'the end of the corrected run', LIVE_MS);
    expect(since(mark, 'attempt-end')[1]).toMatchObject({ attempt: 1 });
    expect(corrections(mark)[0]!.outcome).not.toBe('pending');
    send({ type: 'stop' });
    await until(() => status() === 'stopped', 'the end of the session', 20_000);
  });

  it('queues a correction given while the programmer writes, and applies it before the first run', async () => {
    const mark = got.length;
    send({ type: 'start', task: 'red_on_blue', seed: 0, provider: 'builtin', monitor: 'state', maxRepairs: 0, speed: 'max' });
    send({ type: 'correct', text: 'slower' });
    await until(() => status() === 'finished', 'the end of the episode', LIVE_MS);
    const states = got.slice(mark).flatMap((r) => (r.m.type === 'correction' ? [r.m.correction] : []));
    expect(states[0]).toMatchObject({ state: 'pending', message: 'queued: the programmer is writing the first program' });
    expect(states.map((c) => c.state)).toContain('correcting');
    const c = states.at(-1)!;
    expect(c).toMatchObject({ index: 0, state: 'applied', class: 'skill', attempt: null, ranIn: 0 });
    // No run before it: the first attempt runs the corrected program, on the seed's world.
    const starts = since(mark, 'attempt-start');
    expect(starts[0]).toMatchObject({ attempt: 0, origin: 'correction', correction: 0 });
    expect(starts[0]!.continued).toBeUndefined();
    expect(starts[0]!.program).toBe(c.programAfter);
    // Stop while it waits for a correction ends the session as done, and says so.
    send({ type: 'stop' });
    await until(() => status() === 'stopped', 'the end of the session', 20_000);
    expect(since(mark, 'chat').at(-1)!.item.text).toBe('Session ended.');
    const dir = since(mark, 'episode-end').at(-1)!.dir!;
    expect(JSON.parse(readFileSync(join(dir, 'session.json'), 'utf8'))).toMatchObject({ status: 'closed', endedBy: 'done', success: true });
  });

  it('applies two corrections sent together in turn before running again', async () => {
    const mark = got.length;
    send({ type: 'start', task: 'red_on_blue', seed: 0, provider: 'builtin', monitor: 'state', maxRepairs: 0, speed: '1x' });
    await until(() => since(mark, 'call').some((c) => c.index === 2), 'the pick', LIVE_MS);
    send({ type: 'correct', text: 'lift it higher' });
    send({ type: 'correct', text: 'release lower' });
    await until(
      () => corrections(mark).filter((c) => c.state === 'applied' || c.state === 'not-applied').length === 2,
      'both corrections',
      LIVE_MS,
    );
    send({ type: 'speed', speed: 'max' });
    await until(() => status() === 'finished', 'the end of the corrected run', LIVE_MS);
    const [first, second] = corrections(mark);
    expect(first).toMatchObject({ index: 0, state: 'applied', class: 'skill', attempt: 0 });
    // The second was read after the first, before any run: it corrects the first one's program.
    expect(second).toMatchObject({ index: 1, class: 'skill', attempt: 0 });
    expect(second!.programBefore).toBe(first!.programAfter);
    // One interruption, then one run of the program both made (or of the first's, when the second was not applied).
    const starts = since(mark, 'attempt-start');
    expect(starts.map((a) => a.attempt)).toEqual([0, 1]);
    expect(starts[1]!.correction).toBe(second!.state === 'applied' ? 1 : 0);
    expect(starts[1]!.continued).toBe(true);
    send({ type: 'stop' });
    await until(() => status() === 'stopped', 'the end of the session', 20_000);
  });
});
