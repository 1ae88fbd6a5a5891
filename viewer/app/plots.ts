// Plots over time for the attempt on screen, on one shared time axis with a cursor at the
// moment on screen: the gripper's opening, which object it holds (a band per object), the
// objects' heights, and the distance of one object to its target — the failing
// diagnosis's place offset (object and target) when there is one, else the objects the
// running subgoal's `expect` names; never the task's success check. Clicking or dragging
// seeks. The series are sampled from the attempt's MotionTrack (one sample per pixel
// column), recomputed when the track grows (at most every RESAMPLE_MS) and redrawn for
// the cursor on every seek.

import { predicateObjectIds, predicateZoneIds } from '../../sim/predicate-schema.ts';
import type { SubgoalEvent, TraceEvent } from '../../sim/trace.ts';
import { COLOR_HEX, GRIPPER } from '../../sim/types.ts';
import type { SceneSpec, Snapshot, Vec2 } from '../../sim/types.ts';
import { scratchSnapshot } from '../motion-track.ts';
import type { MotionTrack } from '../motion-track.ts';
import { byId, el } from './dom.ts';
import type { AttemptView, SessionStore } from './session-store.ts';

/** Least time between resamplings while the track grows (ms). */
export const RESAMPLE_MS = 250;
const SAME_MOMENT = 1e-9;

/** What the distance plot measures: object `a` to another object, a point (a zone's centre, a place target) or the gripper. */
export interface DistancePair {
  a: string;
  b: { object: string } | { point: Vec2 } | { gripper: true };
  /** Horizontal (x, y) distance: a place offset is horizontal; to the gripper it is 3D. */
  planar: boolean;
  /** `red_block ↔ blue_block`, for the plot's label. */
  label: string;
  /** Where the pair comes from: the diagnosis's place offset, or subgoal k's expect. */
  source: string;
}

/** The parts of an attempt the pair is chosen from. */
export interface PairInput {
  events: readonly TraceEvent[];
  end: { success: boolean; diagnosis: unknown } | null;
}

function isVec2(v: unknown): v is Vec2 {
  return Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** The failing diagnosis's place offset, read defensively (it travels as unknown). */
function diagnosisOffset(end: PairInput['end']): DistancePair | null {
  if (!end || end.success || !end.diagnosis || typeof end.diagnosis !== 'object') return null;
  const o = (end.diagnosis as { offset?: unknown }).offset;
  if (!o || typeof o !== 'object') return null;
  const { object, target, targetKind, point } = o as Record<string, unknown>;
  if (typeof object !== 'string' || typeof target !== 'string') return null;
  const source = 'the diagnosis’s place offset';
  if (targetKind === 'object') return { a: object, b: { object: target }, planar: true, label: `${object} ↔ ${target}`, source };
  if (isVec2(point)) return { a: object, b: { point }, planar: true, label: `${object} ↔ ${target}`, source };
  return null;
}

/**
 * What the distance plot measures at `time`: the failing diagnosis's place offset (object
 * and target), else the objects the subgoal running at `time` expects (two objects; an
 * object and a zone's centre; one object and the gripper), else null.
 */
export function distancePair(a: PairInput, time: number, scene: SceneSpec | null): DistancePair | null {
  const fromDiagnosis = diagnosisOffset(a.end);
  if (fromDiagnosis) return fromDiagnosis;
  const starts = a.events.filter((e): e is SubgoalEvent => e.type === 'subgoal-start');
  // The last subgoal begun by `time`; before the first, the first.
  let running = starts[0];
  for (const e of starts) if (e.t <= time + SAME_MOMENT) running = e;
  const expect = running?.expect;
  if (!running || !expect) return null;
  const source = `subgoal ${running.subgoal}’s expect`;
  const ids = predicateObjectIds(expect);
  const first = ids[0];
  if (first === undefined) return null;
  const second = ids[1];
  if (second !== undefined) return { a: first, b: { object: second }, planar: true, label: `${first} ↔ ${second}`, source };
  const zone = scene?.zones.find((z) => z.id === predicateZoneIds(expect)[0]);
  if (zone) {
    const point: Vec2 = [(zone.min[0] + zone.max[0]) / 2, (zone.min[1] + zone.max[1]) / 2];
    return { a: first, b: { point }, planar: true, label: `${first} ↔ ${zone.id}`, source };
  }
  return { a: first, b: { gripper: true }, planar: false, label: `${first} ↔ gripper`, source };
}

export interface PlotSeries {
  /** The time axis: track start and end (s), and the sample times. */
  t0: number;
  t1: number;
  times: Float64Array;
  /** Gripper opening (m). */
  width: Float32Array;
  /** Object held at each sample (null: none). */
  holding: (string | null)[];
  /** Height (z of the centre, m) of each object, by id. */
  heights: Map<string, Float32Array>;
  /** Distance of the pair (m), NaN where an object is missing; null without a pair. */
  distance: Float32Array | null;
}

function pairDistance(s: Snapshot, pair: DistancePair): number {
  const a = s.objects[pair.a];
  if (!a) return Number.NaN;
  let p: readonly number[];
  if ('object' in pair.b) {
    const b = s.objects[pair.b.object];
    if (!b) return Number.NaN;
    p = b.position;
  } else if ('point' in pair.b) p = pair.b.point;
  else p = s.gripper.position;
  const dx = a.position[0] - p[0]!;
  const dy = a.position[1] - p[1]!;
  const dz = pair.planar ? 0 : a.position[2] - p[2]!;
  return Math.hypot(dx, dy, dz);
}

/** Samples `track` at `n` evenly spaced times from its start to its end (one snapshot reused; nothing kept per frame). */
export function samplePlotSeries(track: MotionTrack, n: number, pair: DistancePair | null, scratch?: Snapshot): PlotSeries {
  if (!Number.isInteger(n) || n < 2) throw new Error(`plots: need at least 2 samples, got ${n}`);
  const t0 = track.start;
  const t1 = track.end;
  const snap = scratch ?? scratchSnapshot(track.ids);
  const times = new Float64Array(n);
  const width = new Float32Array(n);
  const holding: (string | null)[] = new Array(n);
  const heights = new Map(track.ids.map((id) => [id, new Float32Array(n)]));
  const distance = pair ? new Float32Array(n) : null;
  for (let i = 0; i < n; i++) {
    const t = t0 + ((t1 - t0) * i) / (n - 1);
    times[i] = t;
    track.sampleInto(t, snap);
    width[i] = snap.gripper.width;
    holding[i] = snap.gripper.holding;
    for (const [id, h] of heights) h[i] = snap.objects[id]?.position[2] ?? Number.NaN;
    if (distance) distance[i] = pairDistance(snap, pair!);
  }
  return { t0, t1, times, width, holding, heights, distance };
}

export interface HeldBand {
  object: string;
  /** First and last sample time it was held (s). */
  from: number;
  to: number;
}

/** The stretches during which each object was held, in time order. */
export function heldBands(s: PlotSeries): HeldBand[] {
  const out: HeldBand[] = [];
  let open: HeldBand | null = null;
  for (let i = 0; i < s.times.length; i++) {
    const h = s.holding[i] ?? null;
    if (open && open.object !== h) open = null;
    if (h !== null && !open) {
      open = { object: h, from: s.times[i]!, to: s.times[i]! };
      out.push(open);
    }
    if (open) open.to = s.times[i]!;
  }
  return out;
}

/** One plot row's place on the canvas (CSS px). */
interface Row {
  name: 'opening' | 'held' | 'heights' | 'distance';
  top: number;
  height: number;
}

const ROW_ORDER: Row['name'][] = ['opening', 'held', 'heights', 'distance'];
/** Which rows stay when the plots are short: the first that fit, at least MIN_ROW_PX each. */
const ROW_PRIORITY: Row['name'][] = ['opening', 'held', 'distance', 'heights'];
const ROW_WEIGHT: Record<Row['name'], number> = { opening: 1, held: 0.45, heights: 1.3, distance: 1 };
const MIN_ROW_PX = 14;
const AXIS_PX = 14;
/** Shorter than this, the time axis's labels go (the timeline above has them). */
const AXIS_BELOW_PX = 70;
const ROW_GAP_PX = 3;
const LABEL_FONT = '10px system-ui, sans-serif';
const MUTED = '#6b7280';
const CURSOR = '#1f5fd1';
const GRID = '#eceef1';

function cssColour(hex: number): string {
  return `#${hex.toString(16).padStart(6, '0')}`;
}

/** What the plots show, for the tests. */
export interface PlotsState {
  attempt: number | null;
  samples: number;
  /** The pair the distance plot measures, and where it comes from. */
  pair: { label: string; source: string } | null;
  bands: HeldBand[];
  /** The rows drawn in the panel (short panels keep the first of ROW_PRIORITY that fit). */
  rows: Row['name'][];
  enlarged: boolean;
  draws: number;
  resamples: number;
}

/** A canvas the plots are drawn on: the panel's, or the enlarged dialog's. */
interface Surface {
  host: HTMLElement;
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
  rows: Row[];
  width: number;
  height: number;
}

export class Plots {
  private readonly panel: Surface;
  private readonly big: Surface;
  private readonly dialog = el('dialog');
  private series: PlotSeries | null = null;
  private bands: HeldBand[] = [];
  private pair: DistancePair | null = null;
  private attempt: AttemptView | null = null;
  private scratch: Snapshot | null = null;
  private readonly seen = { session: -1, track: -1, time: -1, pairKey: '', ended: false };
  private lastResample = -Infinity;
  private dragging = false;
  private draws = 0;
  private resamples = 0;
  private redrawBig = false;

  private readonly store: SessionStore;
  private readonly onSeek: () => void;
  /** `onSeek`: called when a click or drag on a plot seeks (the timeline stops playing). */
  constructor(store: SessionStore, onSeek: () => void = () => {}) {
    this.store = store;
    this.onSeek = onSeek;
    this.panel = this.surface(byId('plots'));
    const enlarge = el('button', { class: 'plots-enlarge', text: '⤢', title: 'enlarge the plots' });
    enlarge.type = 'button';
    enlarge.id = 'plots-enlarge';
    enlarge.addEventListener('click', () => this.enlarge(true));
    this.panel.host.append(enlarge);

    // The enlarged plots: the same drawing, as large as the window allows; Esc or Close shuts it.
    this.dialog.id = 'plots-dialog';
    this.dialog.setAttribute('aria-label', 'plots over time');
    const close = el('button', { text: 'Close', title: 'close (Esc)' });
    close.type = 'button';
    close.addEventListener('click', () => this.dialog.close());
    const bigHost = el('div', { class: 'plots-big' });
    this.dialog.append(el('div', { class: 'dialog-head' }, el('h2', { text: 'Plots over time' }), close), bigHost);
    document.body.append(this.dialog);
    this.big = this.surface(bigHost);
  }

  private surface(host: HTMLElement): Surface {
    const canvas = document.createElement('canvas');
    canvas.setAttribute('aria-label', 'plots over time: gripper opening, held object, heights, distance to target');
    canvas.setAttribute('role', 'img');
    host.append(canvas);
    canvas.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      this.dragging = true;
      canvas.setPointerCapture(e.pointerId);
      this.seekTo(canvas, e.clientX);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (this.dragging && canvas.hasPointerCapture(e.pointerId)) this.seekTo(canvas, e.clientX);
    });
    const end = (e: PointerEvent): void => {
      this.dragging = false;
      if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    return { host, canvas, ctx: canvas.getContext('2d')!, rows: [], width: 0, height: 0 };
  }

  /** Opens (or closes) the enlarged plots. */
  enlarge(open: boolean): void {
    if (!open) {
      if (this.dialog.open) this.dialog.close();
      return;
    }
    if (!this.dialog.open) this.dialog.showModal();
    this.redrawBig = true;
  }

  /** Client x of time t on the panel's plots (the tests click there to seek). */
  xAt(t: number): number | null {
    const s = this.series;
    if (!s) return null;
    const r = this.panel.canvas.getBoundingClientRect();
    return r.left + (s.t1 > s.t0 ? ((t - s.t0) / (s.t1 - s.t0)) * r.width : 0);
  }

  private seekTo(canvas: HTMLCanvasElement, clientX: number): void {
    const s = this.series;
    if (!s) return;
    const r = canvas.getBoundingClientRect();
    const u = Math.min(Math.max((clientX - r.left) / Math.max(1, r.width), 0), 1);
    this.onSeek();
    this.store.seek(s.t0 + (s.t1 - s.t0) * u);
  }

  state(): PlotsState {
    return {
      attempt: this.attempt?.index ?? null,
      samples: this.series?.times.length ?? 0,
      pair: this.pair ? { label: this.pair.label, source: this.pair.source } : null,
      bands: this.bands.map((b) => ({ ...b })),
      rows: this.panel.rows.map((r) => r.name),
      enlarged: this.dialog.open,
      draws: this.draws,
      resamples: this.resamples,
    };
  }

  /** The series drawn (for the tests). */
  current(): PlotSeries | null {
    return this.series;
  }

  update(now: number = performance.now()): void {
    const s = this.store;
    const a = s.current;
    const panel = this.panel;
    const big = this.dialog.open ? this.big : null;
    const w = panel.host.clientWidth;
    const h = panel.host.clientHeight;
    const sized = w !== panel.width || h !== panel.height;
    const bigSized = big !== null && (big.host.clientWidth !== big.width || big.host.clientHeight !== big.height);
    const switched = a !== this.attempt || s.rev.session !== this.seen.session;
    if (switched) {
      this.attempt = a;
      this.scratch = a ? scratchSnapshot(a.track.ids) : null;
    }
    const pair = a ? distancePair(a, s.time, s.info?.scene ?? null) : null;
    const pairKey = pair ? `${pair.label}|${pair.source}` : '';
    const ended = a?.end != null;
    const grew = s.rev.track !== this.seen.track || ended !== this.seen.ended;
    // One sample per pixel column of the wider surface on screen.
    const samples = Math.max(2, Math.round(Math.max(w, big?.host.clientWidth ?? 0)));
    const resample =
      switched ||
      (sized && w > 0) ||
      bigSized ||
      (this.redrawBig && (this.series?.times.length ?? 0) < samples) ||
      pairKey !== this.seen.pairKey ||
      (grew && now - this.lastResample >= RESAMPLE_MS);
    if (resample) {
      this.pair = pair;
      this.series = a && !a.track.empty ? samplePlotSeries(a.track, samples, pair, this.scratch!) : null;
      this.bands = this.series ? heldBands(this.series) : [];
      this.lastResample = now;
      this.resamples++;
      this.seen.track = s.rev.track;
      this.seen.ended = ended;
      this.seen.pairKey = pairKey;
    }
    const moved = s.rev.time !== this.seen.time;
    if (w > 0 && h > 0 && (resample || moved)) this.draw(panel, w, h);
    if (big && (resample || moved || this.redrawBig)) this.draw(big, big.host.clientWidth, big.host.clientHeight);
    this.redrawBig = false;
    this.seen.session = s.rev.session;
    this.seen.time = s.rev.time;
  }

  /** The rows that fit in height h, each at least MIN_ROW_PX, in their drawing order. */
  private layout(h: number, axis: number): Row[] {
    const heldRows = Math.max(1, new Set(this.bands.map((b) => b.object)).size);
    const weight = (n: Row['name']): number => (n === 'held' ? Math.min(ROW_WEIGHT.held * heldRows, 1) : ROW_WEIGHT[n]);
    let keep = ROW_PRIORITY.length;
    const room = (k: number): number => h - axis - ROW_GAP_PX * k;
    const fits = (k: number): boolean => {
      const names = ROW_PRIORITY.slice(0, k);
      const total = names.reduce((n, x) => n + weight(x), 0);
      return names.every((n) => (room(k) * weight(n)) / total >= MIN_ROW_PX * (n === 'held' ? 0.5 : 1));
    };
    while (keep > 1 && !fits(keep)) keep--;
    const names = ROW_ORDER.filter((n) => ROW_PRIORITY.slice(0, keep).includes(n));
    const total = names.reduce((n, x) => n + weight(x), 0);
    let top = 0;
    return names.map((name) => {
      const height = Math.max(8, (room(names.length) * weight(name)) / total);
      const row = { name, top, height };
      top += height + ROW_GAP_PX;
      return row;
    });
  }

  private draw(surface: Surface, w: number, h: number): void {
    const { canvas, ctx: g } = surface;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
    }
    surface.width = w;
    surface.height = h;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    this.draws++;
    const s = this.series;
    const a = this.attempt;
    g.font = LABEL_FONT;
    g.textBaseline = 'top';
    if (!s || !a) {
      surface.rows = [];
      g.fillStyle = MUTED;
      g.fillText('Plots of the attempt on screen appear here.', 4, 4);
      return;
    }
    const axis = h < AXIS_BELOW_PX ? 0 : AXIS_PX;
    surface.rows = this.layout(h, axis);
    const span = Math.max(s.t1 - s.t0, 1e-9);
    const x = (t: number): number => ((t - s.t0) / span) * (w - 1);
    const snap = a.track.sampleInto(this.store.time, this.scratch!);
    const colours = new Map((this.store.info?.scene.objects ?? []).map((o) => [o.id, cssColour(COLOR_HEX[o.color])]));

    for (const row of surface.rows) {
      g.fillStyle = '#fafbfc';
      g.fillRect(0, row.top, w, row.height);
      g.strokeStyle = GRID;
      g.strokeRect(0.5, row.top + 0.5, w - 1, row.height - 1);
      if (row.name === 'opening') this.drawOpening(surface, row, w, snap);
      else if (row.name === 'held') this.drawHeld(surface, row, x, snap, colours);
      else if (row.name === 'heights') this.drawHeights(surface, row, w, snap, colours);
      else this.drawDistance(surface, row, w, snap);
    }

    // Time axis and the cursor.
    const bottom = h - axis;
    if (axis > 0) {
      g.fillStyle = MUTED;
      g.textBaseline = 'top';
      const step = niceStep(span, Math.max(2, Math.floor(w / 70)));
      for (let t = Math.ceil(s.t0 / step) * step; t <= s.t1 + 1e-9; t += step) {
        const px = x(t);
        g.fillRect(Math.round(px), bottom, 1, 3);
        const text = `${t.toFixed(step < 1 ? 1 : 0)} s`;
        const tw = g.measureText(text).width;
        g.fillText(text, Math.min(Math.max(px - tw / 2, 0), w - tw), bottom + 3);
      }
    }
    const cx = Math.round(x(Math.min(Math.max(this.store.time, s.t0), s.t1))) + 0.5;
    g.strokeStyle = CURSOR;
    g.lineWidth = 1.5;
    g.beginPath();
    g.moveTo(cx, 0);
    g.lineTo(cx, bottom);
    g.stroke();
    g.lineWidth = 1;
  }

  /** Gripper opening: 0 to fully open. */
  private drawOpening(surface: Surface, row: Row, w: number, snap: Snapshot): void {
    this.line(surface, this.series!.width, 0, GRIPPER.maxOpening, row, w, '#374151');
    this.label(surface, row, `gripper opening ${(snap.gripper.width * 100).toFixed(1)} cm`);
  }

  /** Held object: a band per object id, in the object's colour. */
  private drawHeld(surface: Surface, row: Row, x: (t: number) => number, snap: Snapshot, colours: Map<string, string>): void {
    const g = surface.ctx;
    const heldIds = [...new Set(this.bands.map((b) => b.object))];
    const bandH = heldIds.length > 0 ? Math.max(3, (row.height - 2) / heldIds.length) : 0;
    this.label(surface, row, `holding ${snap.gripper.holding ?? 'nothing'}`);
    for (const b of this.bands) {
      const i = heldIds.indexOf(b.object);
      const bx = x(b.from);
      const bw = Math.max(1, x(b.to) - bx);
      const by = row.top + 1 + i * bandH;
      g.fillStyle = colours.get(b.object) ?? '#888';
      g.globalAlpha = 0.8;
      g.fillRect(bx, by, bw, bandH - 1);
      g.globalAlpha = 1;
      // The band names its object when it is wide and tall enough.
      if (bandH >= 11 && g.measureText(b.object).width + 6 < bw) {
        g.fillStyle = '#fff';
        g.fillText(b.object, bx + 3, by + (bandH - 11) / 2);
      }
    }
  }

  /** Heights of the objects (z of the centre) on one shared scale; the ones that moved drawn thicker, on top, and named. */
  private drawHeights(surface: Surface, row: Row, w: number, snap: Snapshot, colours: Map<string, string>): void {
    const s = this.series!;
    let lo = Infinity;
    let hi = -Infinity;
    const moved: string[] = [];
    for (const [id, hs] of s.heights) {
      let mn = Infinity;
      let mx = -Infinity;
      for (const v of hs)
        if (Number.isFinite(v)) {
          mn = Math.min(mn, v);
          mx = Math.max(mx, v);
        }
      lo = Math.min(lo, mn);
      hi = Math.max(hi, mx);
      if (mx - mn > 0.005) moved.push(id);
    }
    if (Number.isFinite(lo))
      for (const [id, hs] of [...s.heights].sort(([p], [q]) => Number(moved.includes(p)) - Number(moved.includes(q))))
        this.line(surface, hs, lo, hi, row, w, colours.get(id) ?? '#888', moved.includes(id) ? 1.5 : 0.75);
    const zNow = moved.map((id) => `${id} ${((snap.objects[id]?.position[2] ?? Number.NaN) * 100).toFixed(1)}`).join(', ');
    this.label(surface, row, `height z (cm)${zNow ? `: ${zNow}` : ''}`);
  }

  /** Distance of the pair, from 0. */
  private drawDistance(surface: Surface, row: Row, w: number, snap: Snapshot): void {
    const s = this.series!;
    if (!s.distance || !this.pair) {
      this.label(surface, row, 'distance to target: the running subgoal expects no placement');
      return;
    }
    let dmax = 0;
    for (const v of s.distance) if (Number.isFinite(v)) dmax = Math.max(dmax, v);
    this.line(surface, s.distance, 0, Math.max(dmax, 0.01), row, w, '#b45309');
    const now = pairDistance(snap, this.pair);
    this.label(
      surface,
      row,
      `${this.pair.label}${this.pair.planar ? ' (xy)' : ''} ${Number.isFinite(now) ? `${(now * 100).toFixed(1)} cm` : '—'}`,
      `from ${this.pair.source}`,
    );
  }

  /** A series as a line across `row`, scaled from lo (bottom) to hi (top). */
  private line(surface: Surface, v: Float32Array, lo: number, hi: number, row: Row, w: number, colour: string, width = 1.25): void {
    const g = surface.ctx;
    const n = v.length;
    const pad = 2;
    const y = (val: number): number => row.top + row.height - pad - ((val - lo) / Math.max(hi - lo, 1e-9)) * (row.height - 2 * pad);
    g.strokeStyle = colour;
    g.lineWidth = width;
    g.beginPath();
    let pen = false;
    for (let i = 0; i < n; i++) {
      const val = v[i]!;
      if (!Number.isFinite(val)) {
        pen = false;
        continue;
      }
      const px = (i / (n - 1)) * (w - 1);
      if (pen) g.lineTo(px, y(val));
      else g.moveTo(px, y(val));
      pen = true;
    }
    g.stroke();
    g.lineWidth = 1;
  }

  /** A row's label (top left) and an aside (top right, left of the enlarge button), on a light backing. */
  private label(surface: Surface, row: Row, text: string, aside = ''): void {
    const g = surface.ctx;
    g.font = LABEL_FONT;
    g.textBaseline = 'top';
    const w = g.measureText(text).width;
    g.fillStyle = 'rgba(250, 251, 252, 0.85)';
    g.fillRect(2, row.top + 1, w + 4, 12);
    g.fillStyle = '#1d2129';
    g.fillText(text, 4, row.top + 2);
    if (aside) {
      const aw = g.measureText(aside).width;
      const right = surface.width - (surface === this.panel ? 26 : 6);
      if (right - aw > w + 16) {
        g.fillStyle = 'rgba(250, 251, 252, 0.85)';
        g.fillRect(right - aw - 2, row.top + 1, aw + 4, 12);
        g.fillStyle = MUTED;
        g.fillText(aside, right - aw, row.top + 2);
      }
    }
  }
}

/** The smallest round tick step (1, 2 or 5 × 10^k) giving at most `count` ticks over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}
