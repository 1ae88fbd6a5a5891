import { describe, expect, it } from 'vitest';
import { MAX_BUFFERED_BYTES, SessionHub, ServerMessageSchema } from '../../viewer/index.ts';
import type { ClientSocket, ServerMessage } from '../../viewer/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { writeSyntheticRun } from './fixtures.ts';

class FakeSocket implements ClientSocket {
  readyState = 1;
  bufferedAmount = 0;
  terminated = false;
  readonly sent: ServerMessage[] = [];
  send(data: string): void {
    this.sent.push(ServerMessageSchema.parse(JSON.parse(data)));
  }
  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
  }
  types(): string[] {
    return this.sent.map((m) => m.type);
  }
}

function hub(): SessionHub {
  return new SessionHub({
    version: 'test',
    tasks: [{ id: 'red_on_blue', instruction: 'x', file: 'f' }],
    outRoot: tempDir('viewer'),
    log: () => {},
  });
}

describe('SessionHub', () => {
  it('greets a client with hello and the status', () => {
    const h = hub();
    const ws = new FakeSocket();
    h.attach(ws);
    expect(ws.types()).toEqual(['hello', 'status']);
  });

  it('answers a malformed message with an error to its sender only, and changes nothing', () => {
    const h = hub();
    const [a, b] = [new FakeSocket(), new FakeSocket()];
    h.attach(a);
    h.attach(b);
    h.receive(a, '{"type":"start","task":');
    h.receive(a, '{"type":"launch"}');
    expect(a.sent.slice(-2).map((m) => m.type)).toEqual(['error', 'error']);
    expect(b.types()).toEqual(['hello', 'status']);
  });

  it.each(['pause', 'resume', 'step', 'stop'])('refuses %s when no live episode runs', (type) => {
    const h = hub();
    const ws = new FakeSocket();
    h.attach(ws);
    h.receive(ws, JSON.stringify({ type }));
    expect(ws.sent.at(-1)).toEqual({ type: 'error', message: `no live episode is running (cannot ${type})` });
  });

  it('refuses to start an unknown task, naming close matches', () => {
    const h = hub();
    const ws = new FakeSocket();
    h.attach(ws);
    h.receive(ws, JSON.stringify({ type: 'start', task: 'red_on_blu', seed: 0, provider: 'builtin', monitor: 'state', maxRepairs: 0 }));
    expect(ws.sent.at(-1)).toMatchObject({ type: 'error', message: expect.stringMatching(/unknown task "red_on_blu".*red_on_blue/) });
  });

  it('shows an opened run to every tab, and catches up a tab that joins later', () => {
    const h = hub();
    const a = new FakeSocket();
    h.attach(a);
    h.receive(a, JSON.stringify({ type: 'open-run', dir: writeSyntheticRun() }));
    expect(a.types()).toContain('episode-end');
    const late = new FakeSocket();
    h.attach(late);
    const sessionPart = (ws: FakeSocket): string[] =>
      ws
        .types()
        .slice(ws.types().indexOf('session'))
        .filter((t) => t !== 'status');
    expect(sessionPart(late)).toEqual(sessionPart(a));
    expect(late.sent.at(-1)).toMatchObject({ type: 'status', status: 'finished' });
  });

  it('drops a client that falls too far behind, and keeps serving the others', () => {
    const h = hub();
    const [slow, fast] = [new FakeSocket(), new FakeSocket()];
    h.attach(slow);
    h.attach(fast);
    slow.bufferedAmount = MAX_BUFFERED_BYTES + 1;
    h.receive(fast, JSON.stringify({ type: 'speed', speed: '4x' }));
    expect(slow.terminated).toBe(true);
    expect(h.clientCount).toBe(1);
    expect(fast.sent.at(-1)).toMatchObject({ type: 'status', speed: '4x' });
  });

  it('refuses a correction when no live episode runs, saying why', () => {
    const h = hub();
    const ws = new FakeSocket();
    h.attach(ws);
    h.receive(ws, JSON.stringify({ type: 'correct', text: 'no, the blue one' }));
    expect(ws.sent.at(-1)).toEqual({ type: 'error', message: 'no live episode to correct: start one first' });
    h.receive(ws, JSON.stringify({ type: 'open-run', dir: writeSyntheticRun() }));
    h.receive(ws, JSON.stringify({ type: 'correct', text: 'no, the blue one' }));
    expect(ws.sent.at(-1)).toEqual({ type: 'error', message: 'this is a replay: corrections go to a live episode (start one)' });
  });
});
