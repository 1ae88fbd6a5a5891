// The one session every browser tab of a viewer watches: the live episode or the loaded
// run, the message log a late-joining tab is caught up from, and the fan-out to all
// sockets. A person's correction is numbered here, refused here in one line when it is
// not a correction at all (empty, too long, no words: the chat shows why), and otherwise
// handed to the live episode's worker, which interrupts, applies and carries on. A client that cannot keep up (its socket buffer grows past
// MAX_BUFFERED_BYTES) is dropped rather than allowed to hold up the simulation; it
// reconnects and catches up from the log.

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { instantiateScene, isTaskPath, loadTask } from '../tasks/index.ts';
import { correctionTextProblem } from '../policy/corrections/index.ts';
import type { CorrectionMode } from '../policy/programmers/index.ts';
import { newCorrectionView, SESSION_ENDED } from './correction-view.ts';
import type { TaskDef } from '../tasks/index.ts';
import type { KnowledgeSettings } from '../policy/knowledge/index.ts';
import { LiveEpisode } from './live-episode.ts';
import type { LiveWorkerDone } from './live-worker.ts';
import {
  MAX_VIEWER_REPAIRS,
  PROTOCOL_VERSION,
  SPEEDS,
  VIEWER_ENGINES,
  VIEWER_MONITORS,
  VIEWER_PROVIDERS,
  parseClientMessage,
} from './protocol.ts';
import type { ClientMessage, ServerMessage, ServerMessageOf, SessionInfo, SessionStatus, Speed, StartRequest } from './protocol.ts';
import type { EngineName } from '../sim/types.ts';
import { checkpointImages, readRun, writeSceneFile } from './run-reader.ts';
import { snapshotFromScene } from '../monitor/scene-snapshot.ts';
import { readViewerTask } from './task-reader.ts';
import { resolveInRuns } from './runs-dir.ts';

/** A socket with more than this queued is too slow to watch a live episode. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Frames per logged `frames` message (consecutive ones are merged for late joiners). */
const LOG_FRAMES_PER_MESSAGE = 600;
/**
 * Sessions whose record folders stay served under /files/N/ and whose knowledge base
 * /api/knowledge answers for (the current one and the ones before it; a tab shows only the
 * current session, an older page's images go 404).
 */
export const SESSIONS_KEPT = 8;

/** The status detail of a live episode from Start until its first attempt begins. */
export const STARTING_DETAIL = 'starting: setting up and writing the first program';

/** What the hub needs of a socket (ws's WebSocket; a fake in tests). */
export interface ClientSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  terminate(): void;
}

export interface HubOptions {
  version: string;
  tasks: { id: string; instruction: string; file: string; suite?: string }[];
  /** Folder under which live episodes are recorded. */
  outRoot: string;
  /** One line of server log (stderr by default). */
  log?: (line: string) => void;
  /** The knowledge base live episodes retrieve from and learn into (view --kb); null or absent: none. */
  knowledge?: KnowledgeSettings | null;
  /** The folder the run browser lists and `open-listed` opens from (view --runs-dir); default outRoot. */
  runsDir?: string;
  /** The engine live episodes run on unless the start form names one (view --engine); default rapier. */
  engine?: EngineName;
}

function recordDirName(task: TaskDef, seed: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return `${stamp}-${task.id}-seed${seed}`;
}

export class SessionHub {
  private readonly clients = new Set<ClientSocket>();
  private log: ServerMessage[] = [];
  private sessionId = 0;
  private readonly dirs = new Map<number, string>();
  /** The knowledge base file of each session shown (null: it ran without one); the only files GET /api/knowledge reads. */
  private readonly knowledgeFiles = new Map<number, string | null>();
  private status: { status: SessionStatus; speed: Speed; detail?: string } = { status: 'idle', speed: '1x' };
  private live: LiveEpisode | null = null;
  /** Next CorrectionView id of this session. */
  private nextCorrection = 0;
  private readonly writeLog: (line: string) => void;
  /** A start is reading its task file (off the main thread); another start waits for it. */
  private loadingTask = false;
  /** A live episode's first program is being written (its status says running, with STARTING_DETAIL). */
  private writingFirst = false;
  private closed = false;

  private readonly opts: HubOptions;
  constructor(opts: HubOptions) {
    this.opts = opts;
    this.writeLog = opts.log ?? ((line) => process.stderr.write(line + '\n'));
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /**
   * The knowledge base of session `id`: the file its record names or its live episode
   * used; null when it had none; undefined when there is no such session, or its record
   * has no episode.json yet.
   */
  knowledgeFile(id: number): string | null | undefined {
    return this.knowledgeFiles.get(id);
  }

  /** The viewer's own knowledge base file (view --kb), or null. */
  get ownKnowledgeFile(): string | null {
    return this.opts.knowledge?.file ?? null;
  }

  /** The record folder of session `id` (for serving its checkpoint images), if it has one. */
  sessionDir(id: number): string | undefined {
    return this.dirs.get(id);
  }

  // ---------------------------------------------------------------- sockets

  /** Sends one message; drops the client when it is too far behind. */
  private sendText(ws: ClientSocket, text: string): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.writeLog(`viewer: dropped a client that fell ${(ws.bufferedAmount / 1048576).toFixed(1)} MiB behind`);
      this.clients.delete(ws);
      ws.terminate();
      return;
    }
    ws.send(text);
  }

  private send(ws: ClientSocket, m: ServerMessage): void {
    this.sendText(ws, JSON.stringify(m));
  }

  private broadcast(m: ServerMessage): void {
    const text = JSON.stringify(m);
    for (const ws of [...this.clients]) this.sendText(ws, text);
  }

  attach(ws: ClientSocket): void {
    this.clients.add(ws);
    this.send(ws, {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      version: this.opts.version,
      tasks: this.opts.tasks,
      providers: [...VIEWER_PROVIDERS],
      monitors: [...VIEWER_MONITORS],
      speeds: [...SPEEDS],
      maxRepairs: MAX_VIEWER_REPAIRS,
      engines: [...VIEWER_ENGINES],
      engine: this.opts.engine ?? 'rapier',
      knowledge: this.opts.knowledge ?? null,
    });
    for (const m of this.log) this.send(ws, m);
    this.send(ws, { type: 'status', ...this.status });
  }

  detach(ws: ClientSocket): void {
    this.clients.delete(ws);
  }

  /** One text frame from a client: a command, or an error back to that client alone. */
  receive(ws: ClientSocket, text: string): void {
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      this.send(ws, { type: 'error', message: parsed.error });
      return;
    }
    if (parsed.message.type === 'preview') {
      const { task, seed } = parsed.message;
      void this.preview(task, seed).then((answer) =>
        this.send(ws, typeof answer === 'string' ? { type: 'error', message: answer } : answer),
      );
      return;
    }
    const result = this.command(parsed.message);
    if (typeof result === 'string') this.send(ws, { type: 'error', message: result });
    else if (result instanceof Promise) {
      void result.then((error) => {
        if (error) this.send(ws, { type: 'error', message: error });
      });
    }
  }

  refuse(ws: ClientSocket, message: string): void {
    this.send(ws, { type: 'error', message });
  }

  // ---------------------------------------------------------------- session state

  /** Logs (for late joiners) and broadcasts one message of the current session. */
  private publish(m: ServerMessage): void {
    this.broadcast(m);
    const last = this.log.at(-1);
    if (m.type === 'frames' && last?.type === 'frames' && last.attempt === m.attempt && last.frames.length < LOG_FRAMES_PER_MESSAGE) {
      this.log[this.log.length - 1] = { ...last, frames: last.frames.concat(m.frames) };
    } else {
      this.log.push(m);
    }
  }

  private setStatus(status: SessionStatus, detail?: string): void {
    this.status = { status, speed: this.status.speed, ...(detail !== undefined ? { detail } : {}) };
    this.broadcast({ type: 'status', ...this.status });
  }

  private newSession(info: Omit<SessionInfo, 'id'>): number {
    const id = ++this.sessionId;
    this.log = [];
    this.nextCorrection = 0;
    if (info.dir) this.dirs.set(id, info.dir);
    // Only the last SESSIONS_KEPT sessions keep their folders and knowledge files reachable.
    this.dirs.delete(id - SESSIONS_KEPT);
    this.knowledgeFiles.delete(id - SESSIONS_KEPT);
    this.publish({ type: 'session', session: { id, ...info } });
    return id;
  }

  /** The live episode's loop has ended and its worker waits for a correction or Stop. */
  private get idle(): boolean {
    return this.live?.running === true && this.status.status === 'finished';
  }

  private get busy(): boolean {
    return this.live?.running === true && !this.idle;
  }

  /** Ends a live episode that only waits for corrections, before another session replaces it. */
  private endIdle(): void {
    if (this.idle) this.live!.stop();
  }

  /**
   * A task's scene for a seed before Start: the scene builder the episode uses
   * (instantiateScene) and its snapshot as laid out; a task file is read as a start reads it
   * (task-reader.ts). Returns the answer, or one line saying what is wrong.
   */
  async preview(ref: string, seed: number): Promise<ServerMessageOf<'preview'> | string> {
    let task: TaskDef;
    try {
      task = await readViewerTask(ref);
    } catch (err) {
      return `preview: ${(err as Error).message}`;
    }
    try {
      const scene = instantiateScene(task, seed);
      return { type: 'preview', task: task.id, seed, instruction: task.instruction, scene, initial: snapshotFromScene(scene) };
    } catch (err) {
      return `preview: cannot lay out ${task.id} with seed ${seed}: ${(err as Error).message}`;
    }
  }

  /**
   * Applies a command; returns an error message for the sender, or null — later (a promise)
   * for a start whose task is a file, read off the main thread.
   */
  command(m: ClientMessage): string | null | Promise<string | null> {
    switch (m.type) {
      case 'start':
        return this.start(m);
      case 'open-run':
        return this.openRun(m.dir);
      case 'open-listed':
        return this.openListed(m.path);
      case 'preview':
        return 'a preview is answered to the client that asks (send it over the socket)';
      case 'correct':
        return this.correct(m.text, m.mode ?? 'continue');
      case 'speed':
        this.status.speed = m.speed;
        this.live?.setSpeed(m.speed);
        this.setStatus(this.status.status, this.status.detail);
        return null;
      default: {
        if (!this.live?.running) return `no live episode is running (cannot ${m.type})`;
        if (this.idle && m.type !== 'stop') {
          return `the episode has ended (cannot ${m.type}): type a correction to go on from the final world, or Stop to end it`;
        }
        if (m.type === 'pause') {
          this.live.pause();
          this.setStatus('paused', 'pausing at the next physics step or API call');
        }
        if (m.type === 'resume') {
          this.live.resume();
          this.setStatus('running');
        }
        if (m.type === 'step') {
          this.live.step();
          this.setStatus('running', 'stepping one API call');
        }
        if (m.type === 'stop') {
          this.live.stop();
          this.setStatus(this.status.status, 'stopping');
        }
        return null;
      }
    }
  }

  /**
   * A person's correction: refused in the chat with one line when it is not one; else
   * shown as pending and handed to the worker (which interrupts the program at its next
   * API call, or queues it while the programmer writes).
   */
  private correct(text: string, mode: CorrectionMode): string | null {
    const live = this.live;
    if (!live?.running) {
      return this.info?.source === 'run'
        ? 'this is a replay: corrections go to a live episode (start one)'
        : 'no live episode to correct: start one first';
    }
    if (live.stopping) return 'the episode is stopping: corrections go to a running episode';
    const id = this.nextCorrection++;
    const problem = correctionTextProblem(text);
    if (problem) {
      this.publish({ type: 'correction', correction: newCorrectionView(id, text.slice(0, 200), mode, 'refused', problem) });
      return null;
    }
    const st = this.status.status;
    const message =
      this.writingFirst && st === 'running'
        ? 'queued: the programmer is writing the first program'
        : st === 'paused'
          ? 'interrupting at the next API call (the run goes on to it; the new program starts paused)'
          : st === 'finished'
            ? mode === 'restart'
              ? 'starting over from the seed'
              : 'going on from where the episode stopped'
            : 'interrupting at the next API call';
    this.publish({ type: 'correction', correction: newCorrectionView(id, text.trim(), mode, 'pending', message) });
    // The episode is busy again: a Start now must not end the worker under the programmer.
    if (st === 'finished') this.setStatus('running', 'the programmer is reading your correction');
    live.correct({ id, text, mode });
    return null;
  }

  private get info(): SessionInfo | null {
    const first = this.log[0];
    return first?.type === 'session' ? first.session : null;
  }

  /** Why a start cannot go ahead now, or null. */
  private startRefusal(req: StartRequest): string | null {
    if (this.closed) return 'the viewer is shutting down';
    if (this.busy) return 'an episode is running; stop it before starting another';
    if (this.loadingTask) return 'another start is reading its task file; try again in a moment';
    if (req.provider === 'replay' && !req.cassette && req.program === undefined) return 'the replay provider needs a cassette file';
    return null;
  }

  /**
   * A bundled task starts at once; a task file is read off the main thread (a regular file of
   * at most 1 MiB: task-reader.ts) and the episode starts when it has been read.
   */
  private start(req: StartRequest): string | null | Promise<string | null> {
    const refused = this.startRefusal(req);
    if (refused) return refused;
    if (!isTaskPath(req.task)) {
      let task: TaskDef;
      try {
        task = loadTask(req.task);
      } catch (err) {
        return (err as Error).message;
      }
      return this.launch(req, task);
    }
    this.loadingTask = true;
    const read = readViewerTask(req.task);
    return read.then(
      (task) => {
        this.loadingTask = false;
        try {
          return this.startRefusal(req) ?? this.launch(req, task);
        } catch (err) {
          return `cannot start ${task.id}: ${(err as Error).message}`;
        }
      },
      (err: unknown) => {
        this.loadingTask = false;
        return (err as Error).message;
      },
    );
  }

  private launch(req: StartRequest, task: TaskDef): string | null {
    let scene: ReturnType<typeof instantiateScene>;
    try {
      scene = instantiateScene(task, req.seed);
    } catch (err) {
      return `cannot lay out ${task.id} with seed ${req.seed}: ${(err as Error).message}`;
    }
    this.endIdle();
    // A program from the start form runs as `run --program` does: provider "given", no repairs.
    const given = req.program !== undefined;
    const provider = given ? 'given' : req.provider;
    const model = given ? (req.programName ?? 'program') : (req.model ?? '');
    const maxRepairs = given ? 0 : req.maxRepairs;
    const engine = req.engine ?? this.opts.engine ?? 'rapier';
    const dir = resolve(join(this.opts.outRoot, recordDirName(task, req.seed)));
    try {
      mkdirSync(dir, { recursive: true });
      writeSceneFile(dir, {
        task: task.id,
        taskFile: task.file,
        seed: req.seed,
        instruction: task.instruction,
        provider,
        model,
        monitor: req.monitor,
        maxRepairs,
        scene,
      });
    } catch (err) {
      return `cannot write the episode record under ${this.opts.outRoot}: ${(err as Error).message}`;
    }
    if (req.speed) this.status.speed = req.speed;
    const id = this.newSession({
      source: 'live',
      task: task.id,
      seed: req.seed,
      instruction: task.instruction,
      provider,
      model,
      monitor: req.monitor,
      maxRepairs,
      engine,
      dir,
      scene,
      frames: true,
    });
    this.publish({
      type: 'chat',
      item: {
        role: 'system',
        kind: 'info',
        attempt: null,
        text: `Starting ${task.id}, seed ${req.seed}${engine !== 'rapier' ? `, on ${engine}` : ''}${req.perception && req.perception !== 'exact' ? `, ${req.perception} perception` : ''}${given ? `, running the given program ${model} (no repairs)` : ''}: "${task.instruction}"`,
      },
    });
    // Running from the moment the worker is asked for: the worker's start-up, the monitor's
    // renderer and the first program take seconds, and the status says which it is on.
    this.writingFirst = true;
    this.setStatus('running', STARTING_DETAIL);
    const knowledge = this.opts.knowledge ?? null;
    this.knowledgeFiles.set(id, knowledge?.file ?? null);
    this.live = new LiveEpisode({
      request: { ...req, engine },
      outDir: dir,
      knowledge,
      speed: this.status.speed,
      onMessage: (msg) => this.fromWorker(id, dir, msg),
      onDone: (done) => this.workerDone(id, done),
    });
    this.writeLog(`viewer: live episode ${task.id} seed ${req.seed} → ${dir}`);
    return null;
  }

  private fromWorker(id: number, dir: string, m: ServerMessage): void {
    if (id !== this.sessionId) return;
    if (m.type === 'status') {
      // The worker confirms pauses and resumptions; a stop in progress stays visible.
      this.setStatus(m.status, m.detail);
      return;
    }
    if (m.type === 'attempt-start' && this.writingFirst) {
      this.writingFirst = false;
      if (this.status.status === 'running' && this.status.detail === STARTING_DETAIL) this.setStatus('running');
    }
    if (m.type === 'attempt-end') {
      this.publish({ ...m, images: checkpointImages(dir, m.attempt, (rel) => `/files/${id}/${rel}`) });
      return;
    }
    this.publish(m);
  }

  private workerDone(id: number, done: LiveWorkerDone): void {
    if (id !== this.sessionId) return;
    if (done.outcome === 'failed') {
      this.publish({
        type: 'chat',
        item: { role: 'system', kind: 'error', attempt: null, text: `The episode failed: ${done.detail ?? 'unknown error'}` },
      });
    }
    if (done.outcome === 'stopped') {
      const text = done.detail === SESSION_ENDED ? 'Session ended.' : 'Stopped.';
      this.publish({ type: 'chat', item: { role: 'system', kind: 'info', attempt: null, text } });
    }
    this.setStatus(done.outcome, done.detail);
  }

  /** The run browser's folder (view --runs-dir). */
  get runsDir(): string {
    return this.opts.runsDir ?? this.opts.outRoot;
  }

  /** A folder of the runs directory, by its path there: resolved with symlinks followed, refused when it leaves the directory. */
  private openListed(path: string): Promise<string | null> {
    return resolveInRuns(this.runsDir, path).then(
      (dir) => this.openRun(dir),
      (err: unknown) => (err as Error).message,
    );
  }

  private openRun(dir: string): string | null {
    if (this.busy) return 'an episode is running; stop it before opening a run';
    try {
      const id = this.sessionId + 1;
      const run = readRun(dir, (rel) => `/files/${id}/${rel}`);
      this.endIdle();
      this.newSession(run.info);
      if (run.messages.some((m) => m.type === 'knowledge')) this.knowledgeFiles.set(id, run.knowledgeFile);
      for (const m of run.messages) this.publish(m);
      this.setStatus('finished', `replay of ${run.info.dir}`);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.live?.terminate();
    for (const ws of this.clients) ws.terminate();
    this.clients.clear();
  }
}
