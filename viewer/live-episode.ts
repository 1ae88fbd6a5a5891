// The main-thread side of a live episode: starts the worker (live-worker.ts), relays what
// it posts, and drives it through the shared control block. A correction goes to the
// worker over its own message port, then the control block says one is waiting, so the
// worker — deep in synchronous physics or paused — interrupts the program at its next API
// call and reads it off the port (receiveMessageOnPort). Stop asks politely first
// (the program is interrupted at its next API call, the loop ends at its next stage)
// and terminates the worker if it has not ended within STOP_GRACE_MS (a model call in
// flight cannot be interrupted).

import { MessageChannel, Worker } from 'node:worker_threads';
import { ControlBlock, PAUSE, RUN, STOP } from './live-control.ts';
import type { LiveCorrection, LiveWorkerData, LiveWorkerDone, LiveWorkerMessage } from './live-worker.ts';
import type { ServerMessage, Speed, StartRequest } from './protocol.ts';
import type { KnowledgeSettings } from '../policy/knowledge/index.ts';

export const STOP_GRACE_MS = 5000;

export interface LiveEpisodeOptions {
  request: StartRequest;
  outDir: string;
  /** The knowledge base to retrieve from and learn into (null: none). */
  knowledge: KnowledgeSettings | null;
  speed: Speed;
  onMessage: (m: ServerMessage) => void;
  onDone: (done: LiveWorkerDone) => void;
}

export class LiveEpisode {
  readonly control = new ControlBlock();
  private readonly worker: Worker;
  private readonly corrections = new MessageChannel();
  private done = false;
  private killTimer: NodeJS.Timeout | null = null;

  private readonly opts: LiveEpisodeOptions;
  constructor(opts: LiveEpisodeOptions) {
    this.opts = opts;
    this.control.setSpeed(opts.speed);
    this.control.setState(opts.request.paused ? PAUSE : RUN);
    const data: LiveWorkerData = {
      request: opts.request,
      outDir: opts.outDir,
      knowledge: opts.knowledge,
      control: this.control.buffer,
      corrections: this.corrections.port2,
    };
    this.worker = new Worker(new URL('./live-worker-entry.js', import.meta.url), {
      workerData: data,
      transferList: [this.corrections.port2],
    });
    this.worker.on('message', (m: LiveWorkerMessage) => {
      if (m.type === 'worker-done') this.finish(m);
      else if (!this.done) opts.onMessage(m);
    });
    this.worker.on('error', (err) => this.finish({ type: 'worker-done', outcome: 'failed', detail: err.message }));
    this.worker.on('exit', (code) => {
      this.finish({
        type: 'worker-done',
        outcome: this.control.state === STOP ? 'stopped' : 'failed',
        detail: `the episode worker exited (code ${code})`,
      });
    });
  }

  get running(): boolean {
    return !this.done;
  }

  /** Stop was asked; the worker is winding down. */
  get stopping(): boolean {
    return this.control.state === STOP;
  }

  pause(): void {
    if (this.control.state !== STOP) this.control.setState(PAUSE);
  }
  resume(): void {
    if (this.control.state !== STOP) this.control.setState(RUN);
  }
  step(): void {
    this.control.requestStep();
  }
  setSpeed(speed: Speed): void {
    this.control.setSpeed(speed);
  }

  /** Hands a correction to the worker: it interrupts the program at its next API call (or takes it when the programmer is done). */
  correct(c: LiveCorrection): void {
    if (this.done || this.control.state === STOP) return;
    this.corrections.port1.postMessage(c);
    this.control.correctionSent();
  }

  stop(): void {
    if (this.done) return;
    this.control.setState(STOP);
    this.killTimer ??= setTimeout(() => {
      void this.worker.terminate();
    }, STOP_GRACE_MS);
  }

  /** Ends the worker now (server shutdown). */
  async terminate(): Promise<void> {
    this.control.setState(STOP);
    await this.worker.terminate();
  }

  private finish(done: LiveWorkerDone): void {
    if (this.done) return;
    this.done = true;
    if (this.killTimer) clearTimeout(this.killTimer);
    this.corrections.port1.close();
    void this.worker.terminate();
    this.opts.onDone(done);
  }
}
