// The monitor's own images at the moment on screen, beside the 3D view (as Foxglove's image
// panels sit beside its 3D panel): RGB, id mask or depth, from each of the monitor's
// cameras (front, top, side). Drawn in the page with the monitor's scene builder, cameras,
// renderer settings and id/depth pass (monitor/render/id-depth-pass.ts) at the monitor's
// size, and coloured as `render --masks` colours them (monitor/render/mask-colours.ts) —
// or, at a checkpoint whose images the monitor recorded, those very images. Hovering an id
// mask or depth image names what is under the cursor; clicking an image enlarges it.
//
// Under SwiftShader a redraw of three views costs tens of milliseconds, so the panel
// redraws only when what it shows changed, at most every PLAYING_INTERVAL_MS while the
// episode plays or streams, and at once when paused or scrubbed.

import * as THREE from 'three';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, VIEW_NAMES } from '../../monitor/render/camera-views.ts';
import type { ViewName } from '../../monitor/render/camera-views.ts';
import {
  createIdTarget,
  createMonitorRenderer,
  decodeIdDepth,
  placeViewCamera,
  readIdTarget,
  renderIdPass,
} from '../../monitor/render/id-depth-pass.ts';
import { depthRgba, idColour, idMaskRgba } from '../../monitor/render/mask-colours.ts';
import { buildSceneRig } from '../../monitor/render/scene-builder.ts';
import type { SceneRig } from '../../monitor/render/scene-builder.ts';
import type { SceneSpec, Snapshot } from '../../sim/types.ts';
import { scratchSnapshot } from '../motion-track.ts';
import type { CheckpointFocus } from './checkpoint-focus.ts';
import { byId, el } from './dom.ts';
import type { AttemptView, SessionStore } from './session-store.ts';

export const MONITOR_CHANNELS = ['rgb', 'ids', 'depth'] as const;
export type MonitorChannel = (typeof MONITOR_CHANNELS)[number];
const CHANNEL_LABELS: Record<MonitorChannel, string> = { rgb: 'RGB', ids: 'ids', depth: 'depth' };

/** The monitor renders at this size; so does the panel, so a mask pixel here is the monitor's pixel. */
const WIDTH = DEFAULT_WIDTH;
const HEIGHT = DEFAULT_HEIGHT;
/** Least time between redraws while the episode plays or streams (ms): the 3D view keeps its frame rate. */
export const PLAYING_INTERVAL_MS = 200;
const MAX_PLAYING_INTERVAL_MS = 1000;
/**
 * While playing, the panel takes at most 1/PLAYING_SHARE of the main thread: the 3D view keeps
 * its frame rate (a third, as first written, cost it 20% under SwiftShader: 28 against 35 frames/s).
 */
const PLAYING_SHARE = 10;
const SAME_MOMENT = 1e-9;
/** The column's width: at least this, at most MAX_WIDTH_PX and this share of the row beside the 3D view. */
const MIN_WIDTH_PX = 120;
const MAX_WIDTH_PX = 340;
const MAX_WIDTH_SHARE = 0.3;
/** Room for the note under the images, and between images (px). */
const NOTE_PX = 30;
const GAP_PX = 4;
const STORAGE_KEY = 'policyloop.viewer.monitorPanel';

/** Where a view's picture came from. */
export type ImageSource = 'recorded' | 'drawn' | 'none';

/** What the panel shows, for the tests and the note under the images. */
export interface MonitorPanelState {
  open: boolean;
  channel: MonitorChannel;
  views: ViewName[];
  /** Per view shown: the monitor's recorded image, or drawn in the page. */
  sources: Partial<Record<ViewName, ImageSource>>;
  /** The moment drawn (simulated s) and the attempt; null before anything was drawn. */
  time: number | null;
  attempt: number | null;
  /** The checkpoint whose moment is drawn (its snapshot), else null (a moment between checkpoints). */
  checkpoint: number | null;
  /** Redraws so far, and the last one's time in the page (ms). */
  draws: number;
  lastDrawMs: number;
  enlarged: ViewName | null;
}

/** What is under one pixel of a view's last id/depth image. */
export interface PixelInfo {
  id: number;
  name: string;
  /** Along the optical axis (m); null where nothing was hit. */
  depth: number | null;
}

interface ViewFigure {
  view: ViewName;
  root: HTMLElement;
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
  img: HTMLImageElement;
  label: HTMLElement;
  /** The last id/depth read back for this view (kept for hovering). */
  ids: Uint16Array | null;
  depth: Float32Array | null;
  source: ImageSource;
  /** The moment and channel its picture shows ('' when it must be drawn again). */
  key: string;
}

interface Saved {
  open: boolean;
  channel: MonitorChannel;
  views: ViewName[];
}

function readSaved(): Saved {
  const fallback: Saved = { open: true, channel: 'rgb', views: [...VIEW_NAMES] };
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Saved>;
    const channel = MONITOR_CHANNELS.includes(raw.channel as MonitorChannel) ? (raw.channel as MonitorChannel) : fallback.channel;
    const views = Array.isArray(raw.views) ? VIEW_NAMES.filter((v) => raw.views!.includes(v)) : fallback.views;
    return { open: raw.open !== false, channel, views: views.length > 0 ? views : fallback.views };
  } catch {
    return fallback;
  }
}

export class MonitorPanel {
  private readonly root = byId('monitor-panel');
  private readonly figures: ViewFigure[] = [];
  private readonly note = el('div', { class: 'mp-note' });
  private readonly tip = el('div', { class: 'mp-tip' });
  private readonly channelSelect = el('select');
  private readonly viewButtons = new Map<ViewName, HTMLButtonElement>();
  private readonly toggle = el('button', { class: 'mp-toggle' });
  private readonly dialog = el('dialog');
  private readonly dialogCanvas = el('canvas');
  private readonly dialogTitle = el('h2');
  private readonly dialogNote = el('div', { class: 'mp-note' });

  private open: boolean;
  private channel: MonitorChannel;
  private views: ViewName[];
  private enlarged: ViewName | null = null;

  private renderer: THREE.WebGLRenderer | null = null;
  private idTarget: THREE.WebGLRenderTarget | null = null;
  private readonly camera = new THREE.PerspectiveCamera();
  private readonly pixels = new Uint8Array(WIDTH * HEIGHT * 4);
  private readonly imageData: ImageData;
  private rig: SceneRig | null = null;
  private spec: SceneSpec | null = null;
  private scratch: Snapshot | null = null;

  /** When the last redraw ran (performance.now()). */
  private lastDrawAt = -Infinity;
  /** Time of one view's redraw (ms), and the view whose turn it is while playing. */
  private lastViewMs = 0;
  private turn = 0;
  private drawn: { time: number | null; attempt: number | null; checkpoint: number | null } = {
    time: null,
    attempt: null,
    checkpoint: null,
  };
  private draws = 0;
  private lastDrawMs = 0;

  private readonly store: SessionStore;
  private readonly focus: CheckpointFocus;
  private readonly playing: () => boolean;
  constructor(store: SessionStore, focus: CheckpointFocus, playing: () => boolean) {
    this.store = store;
    this.focus = focus;
    this.playing = playing;
    const saved = readSaved();
    this.open = saved.open;
    this.channel = saved.channel;
    this.views = saved.views;
    this.imageData = new ImageData(WIDTH, HEIGHT);
    this.build();
    this.applyOpen();
    this.syncViews();
    const row = this.root.parentElement;
    if (row) new ResizeObserver(() => this.fit()).observe(row);
  }

  /**
   * Sizes the column so its images fill the 3D view's height (4:3 each, one under the
   * other), within MIN_WIDTH_PX and MAX_WIDTH_SHARE of the row: the 3D view keeps the rest.
   */
  private fit(): void {
    const row = this.root.parentElement;
    if (!row) return;
    const head = this.root.firstElementChild as HTMLElement | null;
    const chrome = 8 + (head?.offsetHeight ?? 24) + NOTE_PX + GAP_PX * (this.views.length + 1);
    const perImage = Math.max(0, row.clientHeight - chrome) / this.views.length;
    const max = Math.min(MAX_WIDTH_PX, row.clientWidth * MAX_WIDTH_SHARE);
    const w = Math.max(MIN_WIDTH_PX, Math.min(max, Math.floor((perImage * 4) / 3) + 8));
    this.root.style.setProperty('--mp-w', `${w}px`);
  }

  private build(): void {
    this.toggle.type = 'button';
    this.toggle.id = 'monitor-toggle';
    this.toggle.addEventListener('click', () => this.setOpen(!this.open));

    this.channelSelect.id = 'monitor-channel';
    this.channelSelect.title = 'what the images show: colour, the id mask (one colour per object), or depth (near = bright)';
    this.channelSelect.setAttribute('aria-label', 'monitor image channel');
    for (const c of MONITOR_CHANNELS) {
      const o = el('option', { text: CHANNEL_LABELS[c] });
      o.value = c;
      this.channelSelect.append(o);
    }
    this.channelSelect.value = this.channel;
    this.channelSelect.addEventListener('change', () => this.setChannel(this.channelSelect.value as MonitorChannel));

    const viewBar = el('span', { class: 'mp-views' });
    for (const view of VIEW_NAMES) {
      const b = el('button', { text: view[0]!.toUpperCase(), title: `show the monitor's ${view} camera` });
      b.type = 'button';
      b.dataset.view = view;
      b.addEventListener('click', () => this.toggleView(view));
      this.viewButtons.set(view, b);
      viewBar.append(b);
    }

    const list = el('div', { class: 'mp-images' });
    for (const view of VIEW_NAMES) {
      const canvas = el('canvas');
      canvas.width = WIDTH;
      canvas.height = HEIGHT;
      const img = el('img');
      img.alt = `the monitor's ${view} image`;
      img.hidden = true;
      const label = el('span', { class: 'mp-label' });
      const root = el('figure', { class: 'mp-view', data: { view } }, canvas, img, label);
      root.title = 'click to enlarge';
      const fig: ViewFigure = {
        view,
        root,
        canvas,
        ctx: canvas.getContext('2d')!,
        img,
        label,
        ids: null,
        depth: null,
        source: 'none',
        key: '',
      };
      root.addEventListener('click', () => this.enlarge(view));
      root.addEventListener('pointermove', (e) => this.hover(fig, e));
      root.addEventListener('pointerleave', () => {
        this.tip.hidden = true;
      });
      this.figures.push(fig);
      list.append(root);
    }
    this.tip.hidden = true;

    this.root.replaceChildren(el('div', { class: 'mp-head' }, this.toggle, this.channelSelect, viewBar), list, this.note, this.tip);

    // The enlarged image: the monitor's full 640 × 480, Esc (the dialog's own) or Close shuts it.
    this.dialog.id = 'monitor-dialog';
    this.dialogCanvas.width = WIDTH;
    this.dialogCanvas.height = HEIGHT;
    const close = el('button', { text: 'Close', title: 'close (Esc)' });
    close.type = 'button';
    close.addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => {
      this.enlarged = null;
      this.tip.hidden = true;
    });
    this.dialogCanvas.addEventListener('pointermove', (e) => {
      const fig = this.figures.find((f) => f.view === this.enlarged);
      if (fig) this.hover(fig, e, this.dialogCanvas);
    });
    this.dialogCanvas.addEventListener('pointerleave', () => {
      this.tip.hidden = true;
    });
    this.dialog.append(el('div', { class: 'dialog-head' }, this.dialogTitle, close), this.dialogCanvas, this.dialogNote);
    document.body.append(this.dialog);
  }

  /** Shows or hides the images (the toggle stays). */
  setOpen(open: boolean): void {
    this.open = open;
    this.applyOpen();
    this.save();
  }

  setChannel(channel: MonitorChannel): void {
    if (!MONITOR_CHANNELS.includes(channel)) throw new Error(`monitor panel: no channel "${channel}" (rgb, ids or depth)`);
    this.channel = channel;
    this.channelSelect.value = channel;
    this.save();
  }

  private toggleView(view: ViewName): void {
    const on = this.views.includes(view);
    // At least one view stays.
    if (on && this.views.length === 1) return;
    this.views = VIEW_NAMES.filter((v) => (v === view ? !on : this.views.includes(v)));
    this.syncViews();
    this.save();
  }

  private syncViews(): void {
    for (const [view, b] of this.viewButtons) b.setAttribute('aria-pressed', String(this.views.includes(view)));
    for (const f of this.figures) f.root.hidden = !this.views.includes(f.view);
    this.fit();
  }

  /** Enlarges one view's image in a dialog (null closes it). */
  enlarge(view: ViewName | null): void {
    if (view === null) {
      if (this.dialog.open) this.dialog.close();
      return;
    }
    this.enlarged = view;
    if (!this.dialog.open) this.dialog.showModal();
    this.copyToDialog();
  }

  private applyOpen(): void {
    this.root.classList.toggle('collapsed', !this.open);
    this.toggle.textContent = this.open ? 'Monitor ▸' : '◂ Monitor';
    this.toggle.title = this.open ? 'hide the monitor’s images' : 'show the monitor’s images: RGB, id mask and depth from its cameras';
    this.toggle.setAttribute('aria-expanded', String(this.open));
    for (const f of this.figures) f.key = '';
  }

  private save(): void {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ open: this.open, channel: this.channel, views: this.views }));
    } catch {
      // Storage off: the choice lasts until the page closes.
    }
  }

  state(): MonitorPanelState {
    const sources: Partial<Record<ViewName, ImageSource>> = {};
    for (const f of this.figures) if (this.views.includes(f.view)) sources[f.view] = f.source;
    return {
      open: this.open,
      channel: this.channel,
      views: [...this.views],
      sources,
      ...this.drawn,
      draws: this.draws,
      lastDrawMs: this.lastDrawMs,
      // The dialog's own state: its 'close' event (which clears `enlarged`) comes a task after Esc shut it.
      enlarged: this.dialog.open ? this.enlarged : null,
    };
  }

  /** What is under pixel (u, v) of a view's last drawn id/depth image (640 × 480, row 0 at the top); null without one. */
  pixel(view: ViewName, u: number, v: number): PixelInfo | null {
    const f = this.figures.find((x) => x.view === view);
    if (!f?.ids || !f.depth || !this.rig) return null;
    const x = Math.floor(u);
    const y = Math.floor(v);
    if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT) return null;
    const i = y * WIDTH + x;
    const id = f.ids[i]!;
    const d = f.depth[i]!;
    return { id, name: this.rig.legend[id] ?? `id ${id}`, depth: Number.isFinite(d) ? d : null };
  }

  /** Called every animation frame; redraws when the moment, attempt or choice changed, throttled while playing. */
  update(now: number = performance.now()): void {
    const s = this.store;
    const spec = s.info?.scene ?? null;
    if (spec !== this.spec) this.setScene(spec);
    const a = s.current;
    if (!this.open || !a || !this.spec) {
      const empty = 'No episode yet: the monitor’s images appear here.';
      if ((!a || !this.spec) && this.note.textContent !== empty) this.note.textContent = empty;
      return;
    }
    const cp = this.checkpointAt(a);
    const key = [s.rev.session, a.index, s.time, cp?.index ?? -1, a.end ? 1 : 0, this.channel].join('|');
    const stale = this.figures.filter((f) => this.views.includes(f.view) && f.key !== key);
    if (stale.length === 0) return;
    const live = this.playing() || (s.follow && s.live);
    if (!live) {
      this.draw(a, cp, stale, key, now);
      return;
    }
    // Playing: one view per turn, in turn, and the panel at most a tenth of the main thread
    // (a first draw compiling its shaders waits no longer than MAX_PLAYING_INTERVAL_MS).
    const interval = Math.min(MAX_PLAYING_INTERVAL_MS, Math.max(PLAYING_INTERVAL_MS, PLAYING_SHARE * this.lastViewMs));
    if (now - this.lastDrawAt < interval) return;
    const next = stale.find((f) => VIEW_NAMES.indexOf(f.view) >= this.turn) ?? stale[0]!;
    this.turn = (VIEW_NAMES.indexOf(next.view) + 1) % VIEW_NAMES.length;
    this.draw(a, cp, [next], key, now);
  }

  /** The checkpoint whose moment is on screen: the one chosen (checkpoint-focus.ts) if the time is its time. */
  private checkpointAt(a: AttemptView): AttemptView['checkpoints'][number] | null {
    const index = this.focus.current();
    const cp = a.checkpoints.find((c) => c.index === index);
    return cp && Math.abs(cp.t - this.store.time) <= SAME_MOMENT ? cp : null;
  }

  private setScene(spec: SceneSpec | null): void {
    this.rig?.dispose();
    this.rig = null;
    this.spec = spec;
    this.scratch = spec ? scratchSnapshot(spec.objects.map((o) => o.id)) : null;
    for (const f of this.figures) {
      f.ids = null;
      f.depth = null;
      f.source = 'none';
      f.key = '';
      f.ctx.clearRect(0, 0, WIDTH, HEIGHT);
      f.img.hidden = true;
      f.canvas.hidden = false;
      f.label.textContent = f.view;
    }
  }

  private ensureRenderer(): THREE.WebGLRenderer {
    if (!this.renderer) {
      this.renderer = createMonitorRenderer(document.createElement('canvas'));
      this.renderer.setSize(WIDTH, HEIGHT, false);
      this.idTarget = createIdTarget(WIDTH, HEIGHT);
    }
    return this.renderer;
  }

  private draw(a: AttemptView, cp: AttemptView['checkpoints'][number] | null, figures: ViewFigure[], key: string, now: number): void {
    const t0 = performance.now();
    const r = this.ensureRenderer();
    this.rig ??= buildSceneRig(this.spec!);
    const rig = this.rig;
    // At a checkpoint: its snapshot, exactly what the monitor judged; else the track sampled at the moment.
    const snapshot = cp ? cp.snapshot : a.track.sampleInto(this.store.time, this.scratch!);
    rig.update(snapshot);
    rig.scene.updateMatrixWorld();
    r.shadowMap.needsUpdate = true;
    const recorded = new Map<string, string>();
    if (cp) for (const i of a.end?.images ?? []) if (i.checkpoint === cp.index) recorded.set(i.view, i.url);

    for (const f of figures) {
      f.key = key;
      placeViewCamera(this.camera, f.view, WIDTH, HEIGHT);
      const url = this.channel === 'rgb' ? recorded.get(f.view) : undefined;
      if (url) {
        // What the monitor's renderer wrote for this checkpoint.
        if (f.img.getAttribute('src') !== url) f.img.src = url;
        f.img.hidden = false;
        f.canvas.hidden = true;
        f.source = 'recorded';
      } else {
        f.img.hidden = true;
        f.canvas.hidden = false;
        f.source = 'drawn';
        if (this.channel === 'rgb') {
          r.setRenderTarget(null);
          r.render(rig.scene, this.camera);
          f.ctx.drawImage(r.domElement, 0, 0);
        } else {
          this.drawIdDepth(r, rig, f);
        }
      }
      f.label.textContent = `${f.view} · ${f.source === 'recorded' ? 'recorded' : 'drawn'}`;
      f.label.title =
        f.source === 'recorded'
          ? 'the image the monitor’s renderer wrote at this checkpoint'
          : 'drawn in the page with the monitor’s scene, camera and passes';
    }
    // A picture for hovering is only as fresh as its channel: RGB keeps no ids.
    if (this.channel === 'rgb')
      for (const f of figures) {
        f.ids = null;
        f.depth = null;
      }
    this.draws++;
    this.lastDrawMs = performance.now() - t0;
    this.lastViewMs = this.lastDrawMs / figures.length;
    this.lastDrawAt = now;
    this.drawn = { time: this.store.time, attempt: a.index, checkpoint: cp?.index ?? null };
    const where = cp ? `#${cp.index} ${cp.label}` : `${this.store.time.toFixed(2)} s`;
    const anyRecorded = this.figures.some((f) => this.views.includes(f.view) && f.source === 'recorded');
    this.note.textContent = anyRecorded ? `${where} — the monitor’s recorded images` : `${where} — drawn in the page`;
    this.note.title = anyRecorded
      ? 'the images the monitor’s renderer wrote at this checkpoint'
      : `drawn here with the monitor’s scene builder, cameras and passes${cp && this.channel !== 'rgb' ? ' (the monitor keeps no id or depth files)' : ''}`;
    this.copyToDialog();
  }

  private drawIdDepth(r: THREE.WebGLRenderer, rig: SceneRig, f: ViewFigure): void {
    renderIdPass(r, rig, this.camera, this.idTarget!);
    readIdTarget(r, this.idTarget!, this.pixels);
    f.ids ??= new Uint16Array(WIDTH * HEIGHT);
    f.depth ??= new Float32Array(WIDTH * HEIGHT);
    decodeIdDepth(this.pixels, WIDTH, HEIGHT, f.ids, f.depth);
    const out = this.imageData.data;
    if (this.channel === 'ids') idMaskRgba(f.ids, rig.legend.length, out);
    else depthRgba(f.depth, out);
    f.ctx.putImageData(this.imageData, 0, 0);
  }

  private copyToDialog(): void {
    const f = this.figures.find((x) => x.view === this.enlarged);
    if (!f || !this.dialog.open) return;
    const g = this.dialogCanvas.getContext('2d')!;
    if (f.source === 'recorded') {
      const draw = (): void => {
        g.drawImage(f.img, 0, 0, WIDTH, HEIGHT);
      };
      if (f.img.complete && f.img.naturalWidth > 0) draw();
      else f.img.addEventListener('load', draw, { once: true });
    } else g.drawImage(f.canvas, 0, 0);
    this.dialogTitle.textContent = `${f.view} · ${CHANNEL_LABELS[this.channel]}`;
    this.dialogNote.textContent = `${this.note.textContent ?? ''} — ${WIDTH} × ${HEIGHT}, the monitor’s size`;
    // An id mask's legend: the entries this view shows, each with its colour.
    if (this.channel === 'ids' && f.ids && this.rig) {
      const seen = new Set<number>();
      for (const id of f.ids) if (id !== 0) seen.add(id);
      const legend = el('div', { class: 'mp-legend' });
      for (const id of [...seen].sort((x, y) => x - y)) {
        const swatch = el('span', { class: 'mp-swatch' });
        swatch.style.background = `rgb(${idColour(id).join(',')})`;
        legend.append(el('span', { class: 'mp-chip', data: { id: String(id) } }, swatch, this.rig.legend[id] ?? `id ${id}`));
      }
      this.dialogNote.append(legend);
    }
  }

  /** Names the object under the cursor (id mask and depth images). */
  private hover(f: ViewFigure, e: PointerEvent, over: HTMLElement = f.canvas): void {
    if (this.channel === 'rgb' || !f.ids) {
      this.tip.hidden = true;
      return;
    }
    const rect = over.getBoundingClientRect();
    const u = ((e.clientX - rect.left) / rect.width) * WIDTH;
    const v = ((e.clientY - rect.top) / rect.height) * HEIGHT;
    const p = this.pixel(f.view, u, v);
    if (!p) {
      this.tip.hidden = true;
      return;
    }
    this.tip.textContent = p.depth === null ? p.name : `${p.name} · ${p.depth.toFixed(3)} m`;
    this.tip.hidden = false;
    // The tip follows the cursor, in the dialog when the image is enlarged.
    const host = over === f.canvas ? this.root : this.dialog;
    if (this.tip.parentElement !== host) host.append(this.tip);
    const h = host.getBoundingClientRect();
    this.tip.style.left = `${e.clientX - h.left + 12}px`;
    this.tip.style.top = `${e.clientY - h.top + 12}px`;
  }
}
