// The page's model of the session: everything the server has said, folded into per-
// attempt state, plus what the user is looking at (attempt, moment, follow-live). Panels
// read it and redraw the areas whose revision changed since they last looked.

import type { Snapshot } from '../../sim/types.ts';
import type { Checkpoint, TraceEvent } from '../../sim/trace.ts';
import { MotionTrack } from '../motion-track.ts';
import type {
  AttemptOriginName,
  ChatItem,
  CorrectionView,
  ServerMessage,
  ServerMessageOf,
  SessionInfo,
  SessionStatus,
  Speed,
} from '../protocol.ts';

export type AttemptEnd = ServerMessageOf<'attempt-end'>;
export type KnowledgeState = Omit<ServerMessageOf<'knowledge'>, 'type'>;
export type Hello = ServerMessageOf<'hello'>;

/** One entry of the chat, in arrival order: a loop message, or a correction (its latest state is in `corrections`). */
export type FeedEntry = { chat: ChatItem } | { correction: number };

export interface AttemptView {
  index: number;
  origin: AttemptOriginName;
  /** With origin 'correction': the session index of the correction whose program it runs. */
  correction: number | null;
  /** It ran on from the world the previous attempt left. */
  continued: boolean;
  program: string;
  plan: string[];
  /** The draft's notes (`knowledge k3 applied: …` among them). */
  notes: string[];
  initial: Snapshot;
  track: MotionTrack;
  events: TraceEvent[];
  checkpoints: Checkpoint[];
  /** The API call now running (live). */
  call: { index: number; name: string; line: number | null } | null;
  /** Verdicts as the monitor judged them, before the attempt's end (by checkpoint). */
  verdicts: AttemptEnd['verdicts'];
  end: AttemptEnd | null;
}

export const AREAS = [
  'session',
  'attempts',
  'program',
  'events',
  'checkpoints',
  'track',
  'time',
  'chat',
  'corrections',
  'status',
  'hello',
  'knowledge',
] as const;
export type Area = (typeof AREAS)[number];

export class SessionStore {
  hello: Hello | null = null;
  info: SessionInfo | null = null;
  attempts: AttemptView[] = [];
  chat: ChatItem[] = [];
  /** Corrections by id, latest state. */
  corrections: CorrectionView[] = [];
  /** The chat in arrival order. */
  feed: FeedEntry[] = [];
  status: { status: SessionStatus; speed: Speed; detail?: string } = { status: 'idle', speed: '1x' };
  episodeEnd: ServerMessageOf<'episode-end'> | null = null;
  /** The knowledge base in this session (null until the server has said; `knowledge` null inside: it had none). */
  knowledge: KnowledgeState | null = null;
  /** Attempt on screen. */
  selected = 0;
  /** Moment on screen (simulated seconds of the selected attempt). */
  time = 0;
  /** Keep showing the newest moment of the newest attempt. */
  follow = true;
  readonly rev: Record<Area, number> = Object.fromEntries(AREAS.map((a) => [a, 0])) as Record<Area, number>;

  private bump(...areas: Area[]): void {
    for (const a of areas) this.rev[a]++;
  }

  get current(): AttemptView | null {
    return this.attempts[this.selected] ?? null;
  }

  get live(): boolean {
    return this.info?.source === 'live' && ['starting', 'running', 'paused'].includes(this.status.status);
  }

  /** A live episode takes corrections: while it runs or is paused, and after its loop ended until Stop. */
  get correctable(): boolean {
    return this.info?.source === 'live' && ['starting', 'running', 'paused', 'finished'].includes(this.status.status);
  }

  /** The correction with this session index (corrections.jsonl), if the page has it. */
  correctionByIndex(index: number): CorrectionView | null {
    return this.corrections.find((c) => c.index === index) ?? null;
  }

  /** Shows the moment correction `id` was given: its attempt, at its time. */
  seekCorrection(id: number): void {
    const c = this.corrections[id];
    if (!c || c.attempt === null || c.t === null || !this.attempts[c.attempt]) return;
    this.select(c.attempt);
    this.seek(c.t);
  }

  select(index: number): void {
    if (!this.attempts[index] || index === this.selected) return;
    this.selected = index;
    this.follow = this.live && index === this.attempts.length - 1 && this.follow;
    const a = this.attempts[index]!;
    this.time = this.follow ? a.track.end : a.track.start;
    this.bump('attempts', 'program', 'events', 'checkpoints', 'track', 'time');
  }

  seek(t: number): void {
    this.follow = false;
    this.time = t;
    this.bump('time');
  }

  followLive(): void {
    this.follow = true;
    if (this.attempts.length > 0 && this.selected !== this.attempts.length - 1) this.select(this.attempts.length - 1);
    this.follow = true;
    this.time = this.current?.track.end ?? 0;
    this.bump('time');
  }

  private attempt(k: number): AttemptView | null {
    return this.attempts[k] ?? null;
  }

  /** Applies one server message. */
  apply(m: ServerMessage): void {
    switch (m.type) {
      case 'hello':
        this.hello = m;
        this.bump('hello');
        break;
      case 'session':
        this.info = m.session;
        this.attempts = [];
        this.chat = [];
        this.corrections = [];
        this.feed = [];
        this.episodeEnd = null;
        this.knowledge = null;
        this.selected = 0;
        this.time = 0;
        this.follow = m.session.source === 'live';
        this.bump(...AREAS);
        break;
      case 'status':
        this.status = { status: m.status, speed: m.speed, ...(m.detail !== undefined ? { detail: m.detail } : {}) };
        this.bump('status');
        break;
      case 'attempt-start': {
        if (!this.info) break;
        const track = new MotionTrack(this.info.scene.objects);
        track.addSnapshot(m.initial);
        this.attempts[m.attempt] = {
          index: m.attempt,
          origin: m.origin,
          correction: m.correction ?? null,
          continued: m.continued === true,
          program: m.program,
          plan: m.plan,
          notes: m.notes ?? [],
          initial: m.initial,
          track,
          events: [],
          checkpoints: [],
          call: null,
          verdicts: [],
          end: null,
        };
        this.bump('attempts', 'knowledge');
        if (this.follow || this.attempts.length === 1) {
          this.selected = m.attempt;
          this.time = track.end;
          this.bump('program', 'events', 'checkpoints', 'track', 'time');
        }
        break;
      }
      case 'frames': {
        const a = this.attempt(m.attempt);
        if (!a) break;
        for (const f of m.frames) a.track.addFrame(f);
        this.touchTrack(m.attempt);
        break;
      }
      case 'call': {
        const a = this.attempt(m.attempt);
        if (!a) break;
        a.call = { index: m.index, name: m.name, line: m.line };
        if (m.attempt === this.selected) this.bump('program');
        break;
      }
      case 'events': {
        const a = this.attempt(m.attempt);
        if (!a) break;
        for (const e of m.events) {
          a.events.push(e);
          if (e.type === 'call') a.track.addGripper(e.t, e.gripper);
        }
        if (!this.info?.frames) this.touchTrack(m.attempt);
        if (m.attempt === this.selected) this.bump('events', 'program');
        break;
      }
      case 'checkpoints': {
        const a = this.attempt(m.attempt);
        if (!a) break;
        for (const cp of m.checkpoints) {
          a.checkpoints.push(cp);
          a.track.addSnapshot(cp.snapshot);
        }
        this.touchTrack(m.attempt);
        if (m.attempt === this.selected) this.bump('checkpoints');
        break;
      }
      case 'verdict': {
        const a = this.attempt(m.attempt);
        if (!a) break;
        a.verdicts.push(m.verdict);
        if (m.attempt === this.selected) this.bump('checkpoints');
        break;
      }
      case 'attempt-end': {
        const a = this.attempt(m.attempt);
        if (!a) break;
        a.end = m;
        a.call = null;
        this.bump('attempts');
        if (m.attempt === this.selected) this.bump('program', 'checkpoints', 'events');
        break;
      }
      case 'chat':
        this.chat.push(m.item);
        this.feed.push({ chat: m.item });
        this.bump('chat');
        break;
      case 'correction': {
        const c = m.correction;
        if (!this.corrections[c.id]) {
          this.feed.push({ correction: c.id });
          this.bump('chat');
        }
        this.corrections[c.id] = c;
        this.bump('corrections');
        break;
      }
      case 'knowledge': {
        const { type: _t, ...rest } = m;
        this.knowledge = rest;
        this.bump('knowledge');
        break;
      }
      case 'episode-end':
        this.episodeEnd = m;
        this.bump('attempts');
        break;
      case 'error':
        break;
    }
  }

  private touchTrack(k: number): void {
    if (k !== this.selected) return;
    this.bump('track');
    if (this.follow) {
      this.time = this.attempts[k]!.track.end;
      this.bump('time');
    }
  }

  /**
   * The program line running at the moment on screen: live, the call now running; else
   * the call that was in progress then (the first that returned at or after it).
   */
  runningLine(): number | null {
    const a = this.current;
    if (!a) return null;
    if (this.follow && a.call && !a.end) return a.call.line;
    const e = this.eventAt(this.time);
    return e?.line ?? null;
  }

  /** The first event that ended at or after time t (the one in progress at t); else the last. */
  eventAt(t: number): TraceEvent | null {
    const events = this.current?.events ?? [];
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (events[mid]!.t < t - 1e-9) lo = mid + 1;
      else hi = mid;
    }
    return events[lo] ?? events.at(-1) ?? null;
  }

  /** The line before which a person interrupted the attempt (for a correction), else null. */
  interruptedLine(a: AttemptView | null = this.current): number | null {
    return a?.end?.error?.kind === 'InterruptedError' ? (a.end.error.line ?? null) : null;
  }

  /** The line where the attempt failed: its program error's line, else the first call that raised. */
  failingLine(a: AttemptView | null = this.current): number | null {
    if (!a) return null;
    // A person's interruption is no failure (interruptedLine marks it).
    if (a.end?.error?.kind === 'InterruptedError') return null;
    if (a.end?.error?.line) return a.end.error.line;
    const raised = a.events.find((e) => e.type === 'call' && e.error);
    return raised?.line ?? null;
  }
}
