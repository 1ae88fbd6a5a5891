// Video export: an attempt, or the whole episode (its attempts in order), recorded from the
// 3D view as WebM at a fixed frame rate. The replay is driven frame by frame at simulated
// steps of 1/fps, not by the clock: each frame is posed from the recorded track, drawn
// (with a line of text: task, seed, attempt, time) into a 2D canvas, and handed to a
// MediaRecorder through `captureStream(0)` + `requestFrame()`. The recorder runs only for
// 1/fps of wall time after each frame and is paused while the next one is drawn, so the
// frames' timestamps are 1/fps apart however slowly the machine draws: a slow machine
// makes the same video, only more slowly. The exact duration is then written into the
// file (webm-duration.ts). The button (in the scrubber row), `policyloop render --video`
// (through window.policyloopViewer.exportVideo) and the tests all use this one exporter.

import { scratchSnapshot } from '../motion-track.ts';
import type { PresetName } from './camera-presets.ts';
import { byId, el } from './dom.ts';
import type { SceneViewport } from './scene-viewport.ts';
import type { AttemptView, SessionStore } from './session-store.ts';
import { retimeWebm } from './webm-duration.ts';

export const DEFAULT_FPS = 30;
/** Frames per second the exporter accepts. */
export const FPS_RANGE = [1, 60] as const;
/** Largest side of a frame (px). */
export const MAX_FRAME_SIDE = 3840;

export type ExportScope = 'attempt' | 'episode';

export interface ExportOptions {
  /** One attempt (default: the one on screen) or every attempt in order. */
  scope?: ExportScope;
  attempt?: number;
  fps?: number;
  /** Frame size in pixels (even numbers); default: the 3D view's size. */
  width?: number;
  height?: number;
  /** A camera preset, or 'free' for the view the page opens with; default: the camera as it is. */
  view?: PresetName | 'free';
  /** The line of text in the frames (default on). */
  overlay?: boolean;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ExportedVideo {
  blob: Blob;
  fileName: string;
  mimeType: string;
  frames: number;
  durationS: number;
  width: number;
  height: number;
  attempts: number[];
  /** Recordings made: more than 1 when the encoder dropped a frame and it was recorded again, slower. */
  passes: number;
}

const MIME_TYPES = ['video/webm;codecs=vp8', 'video/webm;codecs=vp9', 'video/webm'];

/** Wait before stopping the recorder, for the last frames in its encoder. */
const ENCODER_DRAIN_MS = 500;
/** Wait after starting it, before the first frame. */
const RECORDER_START_MS = 100;
/** Recordings tried, each at half the pace of the last, before giving up on dropped frames. */
const PASSES = 3;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Frames of an attempt `seconds` long: one every 1/fps from its start, the last at its end. */
export function framesFor(seconds: number, fps: number): number {
  return Math.floor(Math.max(seconds, 0) * fps + 1e-9) + 1;
}

function fileStem(task: string): string {
  const base = task.split(/[\\/]/).pop() ?? task;
  return base.replace(/\.(json|ya?ml|ts|js)$/i, '').replace(/[^\w.-]+/g, '_') || 'episode';
}

export class VideoExporter {
  private running: AbortController | null = null;
  private readonly scope: HTMLSelectElement;
  private readonly button: HTMLButtonElement;
  private readonly box: HTMLElement;
  private readonly label: HTMLElement;
  private readonly bar: HTMLProgressElement;
  /** Frames drawn / to draw in the export running (0/0 when none). */
  progress = { done: 0, total: 0 };
  /** The last export's result or error (for the page's status line and the tests). */
  last: { fileName: string; frames: number; durationS: number; bytes: number } | { error: string } | null = null;

  private readonly store: SessionStore;
  private readonly world: SceneViewport;
  constructor(store: SessionStore, world: SceneViewport) {
    this.store = store;
    this.world = world;
    this.scope = el('select', { title: 'what to record' });
    this.scope.id = 'export-scope';
    this.scope.setAttribute('aria-label', 'video of');
    for (const [value, text] of [
      ['attempt', 'this attempt'],
      ['episode', 'all attempts'],
    ] as const) {
      const o = el('option', { text });
      o.value = value;
      this.scope.append(o);
    }
    this.button = el('button', { text: 'Export video', title: `record the chosen attempt(s) as a WebM video at ${DEFAULT_FPS} frames/s` });
    this.button.id = 'export-video';
    this.button.type = 'button';
    this.button.addEventListener('click', () => void this.fromButton());
    byId('scrub-row').append(this.scope, this.button);

    this.label = el('span', { class: 'export-label' });
    this.bar = el('progress');
    this.bar.max = 1;
    this.bar.value = 0;
    const cancel = el('button', { text: 'Cancel', title: 'stop recording (nothing is saved)' });
    cancel.id = 'export-cancel';
    cancel.type = 'button';
    cancel.addEventListener('click', () => this.cancel());
    this.box = el('div', { class: 'export-row' }, this.label, this.bar, cancel);
    this.box.id = 'export-progress';
    this.box.hidden = true;
    byId('world').append(this.box);
  }

  /** An export is drawing: the page leaves the 3D view to it. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Enables the button when there is something to record; called every animation frame. */
  update(): void {
    const none = this.store.attempts.length === 0 || this.store.info === null;
    this.button.disabled = none || this.busy;
    this.scope.disabled = this.busy;
  }

  cancel(): void {
    this.running?.abort();
  }

  private async fromButton(): Promise<void> {
    try {
      const video = await this.record({ scope: this.scope.value as ExportScope });
      const url = URL.createObjectURL(video.blob);
      const a = el('a');
      a.href = url;
      a.download = video.fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      if ((err as Error).name !== 'AbortError') console.error(err);
    }
  }

  /** Records the attempt(s) and returns the WebM; rejects with a one-line error (AbortError when cancelled). */
  async record(opts: ExportOptions = {}): Promise<ExportedVideo> {
    if (this.running) throw new Error('a video export is already running');
    const info = this.store.info;
    if (!info || this.store.attempts.length === 0) throw new Error('no attempt to record: start an episode or open a run first');
    const scope = opts.scope ?? 'attempt';
    const index = opts.attempt ?? this.store.selected;
    const attempts: AttemptView[] = scope === 'episode' ? [...this.store.attempts] : [this.store.attempts[index]!].filter(Boolean);
    if (attempts.length === 0) throw new Error(`no attempt ${index}: this session has attempts 0 to ${this.store.attempts.length - 1}`);
    const fps = opts.fps ?? DEFAULT_FPS;
    if (!Number.isFinite(fps) || fps < FPS_RANGE[0] || fps > FPS_RANGE[1]) {
      throw new Error(`fps must be from ${FPS_RANGE[0]} to ${FPS_RANGE[1]}, not ${fps}`);
    }
    const canvas = this.world.renderer.domElement;
    const even = (n: number): number => Math.max(2, Math.floor(n / 2) * 2);
    const width = even(opts.width ?? (canvas.clientWidth || canvas.width));
    const height = even(opts.height ?? (canvas.clientHeight || canvas.height));
    if (width > MAX_FRAME_SIDE || height > MAX_FRAME_SIDE)
      throw new Error(`frame size ${width}×${height} is over ${MAX_FRAME_SIDE} px a side`);
    const mimeType = MIME_TYPES.find((m) => MediaRecorder.isTypeSupported(m));
    if (!mimeType) throw new Error('this browser records no WebM (MediaRecorder)');
    const spec = info.scene;
    const counts = attempts.map((a) => framesFor(a.track.end - a.track.start, fps));
    const total = counts.reduce((n, c) => n + c, 0);

    const out = el('canvas');
    out.width = width;
    out.height = height;
    const ctx = out.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('no 2D canvas for the video frames');
    const controller = new AbortController();
    const onOuterAbort = (): void => controller.abort();
    opts.signal?.addEventListener('abort', onOuterAbort);
    this.running = controller;
    this.progress = { done: 0, total };
    // Not in the document: Chromium captures it all the same, and headless screenshots drew a stray copy of one that was.
    this.box.hidden = false;
    // The session's scene, even if a task preview holds the view; the preview comes back after.
    const shown = this.world.sceneSpec;
    if (shown !== spec) this.world.setScene(spec);
    const renderer = this.world.renderer;
    const pixelRatio = renderer.getPixelRatio();
    const camera = this.world.camera;
    if (opts.view === 'free') this.world.resetCamera();
    else if (opts.view) this.world.setPreset(opts.view);
    const fontPx = Math.max(12, Math.round(height / 36));
    let fixed: ReturnType<typeof retimeWebm> | null = null;
    let passes = 0;
    try {
      renderer.setPixelRatio(1);
      renderer.setSize(width, height, false);
      camera.aspect = width / height;
      camera.updateProjectionMatrix();
      // A frame the encoder dropped (a loaded machine) means a second pass at half the pace.
      for (let pass = 0; pass < PASSES && (fixed === null || fixed.frames < total); pass++) {
        const raw = await this.pass(out, ctx, attempts, counts, fps, 2 ** pass, fontPx, opts, controller.signal);
        fixed = retimeWebm(raw, fps);
        passes = pass + 1;
      }
    } catch (err) {
      this.last = { error: (err as Error).message };
      throw err;
    } finally {
      renderer.setPixelRatio(pixelRatio);
      if (shown !== spec) this.world.setScene(shown);
      this.running = null;
      opts.signal?.removeEventListener('abort', onOuterAbort);
      this.box.hidden = true;
      this.label.textContent = '';
      this.progress = { done: 0, total: 0 };
    }
    const durationS = total / fps;
    if (fixed === null || fixed.frames !== total) {
      const error = `the recorder kept ${fixed?.frames ?? 0} of ${total} frames in ${PASSES} passes (its encoder fell behind); try a smaller size or frame rate`;
      this.last = { error };
      throw new Error(error);
    }
    const blob = new Blob([fixed.bytes as Uint8Array<ArrayBuffer>], { type: 'video/webm' });
    const which = scope === 'episode' ? 'episode' : `attempt${attempts[0]!.index}`;
    const fileName = `${fileStem(info.task)}-seed${info.seed}-${which}.webm`;
    this.last = { fileName, frames: total, durationS, bytes: blob.size };
    return { blob, fileName, mimeType, frames: total, durationS, width, height, attempts: attempts.map((a) => a.index), passes };
  }

  /** One recording of every frame, `slow` × 1/fps of wall time apart; the recorder's bytes. */
  private async pass(
    out: HTMLCanvasElement,
    ctx: CanvasRenderingContext2D,
    attempts: AttemptView[],
    counts: number[],
    fps: number,
    slow: number,
    fontPx: number,
    opts: ExportOptions,
    signal: AbortSignal,
  ): Promise<Uint8Array> {
    const { width, height } = out;
    const canvas = this.world.renderer.domElement;
    const spec = this.store.info!.scene;
    const scratch = scratchSnapshot(spec.objects.map((o) => o.id));
    const total = counts.reduce((n, c) => n + c, 0);
    const stream = out.captureStream(0);
    const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack;
    const mimeType = MIME_TYPES.find((m) => MediaRecorder.isTypeSupported(m))!;
    const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: Math.max(2e6, Math.round(width * height * fps * 0.12)) });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    const stopped = new Promise<void>((r) => {
      recorder.onstop = () => r();
    });
    try {
      recorder.start();
      // The recorder takes frames once it has started; the first one is not lost to that.
      await sleep(RECORDER_START_MS);
      let frame = 0;
      for (let k = 0; k < attempts.length; k++) {
        const a = attempts[k]!;
        const n = counts[k]!;
        const t0 = a.track.start;
        for (let i = 0; i < n; i++) {
          if (signal.aborted) throw Object.assign(new Error('the video export was cancelled'), { name: 'AbortError' });
          const t = i === n - 1 ? a.track.end : Math.min(t0 + i / fps, a.track.end);
          this.world.show(a.track.sampleInto(t, scratch), a.track);
          this.world.renderNow();
          // Same task as the render: the WebGL drawing buffer is still there to copy.
          ctx.drawImage(canvas, 0, 0, width, height);
          if (opts.overlay !== false) this.caption(ctx, width, height, fontPx, a, t - t0);
          track.requestFrame();
          frame++;
          // At most real time: the recorder's encoder keeps up (it drops frames it is handed too fast).
          await sleep((slow * 1000) / fps);
          this.progress = { done: frame, total };
          this.label.textContent = `recording${attempts.length > 1 ? ` attempt ${a.index}` : ''}: frame ${frame} of ${total}${slow > 1 ? ' (again, slower)' : ''}`;
          this.bar.value = frame / total;
          opts.onProgress?.(frame, total);
        }
      }
      // The encoder finishes the frames it holds before the recorder stops.
      await sleep(ENCODER_DRAIN_MS);
      recorder.stop();
      await stopped;
    } finally {
      if (recorder.state !== 'inactive') recorder.stop();
      for (const t of stream.getTracks()) t.stop();
    }
    return new Uint8Array(await new Blob(chunks).arrayBuffer());
  }

  /** The line of text at the bottom of a frame: task, seed, attempt (and its outcome), time. */
  private caption(ctx: CanvasRenderingContext2D, width: number, height: number, fontPx: number, a: AttemptView, t: number): void {
    const info = this.store.info!;
    const outcome = a.end ? (a.end.success ? ' ✓' : ' ✗') : '';
    const text = `${info.task} · seed ${info.seed} · attempt ${a.index}${outcome} · ${t.toFixed(2)} s`;
    const pad = Math.round(fontPx * 0.4);
    ctx.font = `${fontPx}px system-ui, sans-serif`;
    const w = Math.min(ctx.measureText(text).width + 2 * pad, width);
    ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
    ctx.fillRect(0, height - fontPx - 2 * pad, w, fontPx + 2 * pad);
    ctx.fillStyle = '#fff';
    ctx.textBaseline = 'bottom';
    ctx.fillText(text, pad, height - pad);
  }
}
