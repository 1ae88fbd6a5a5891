// Appearance features of objects (docs/knowledge.md#appearance): what an object looks like,
// so that a skill lesson learned on one object is retrieved for another of the same build —
// "a tall thin cylinder" learned on a red one applies to a blue one, and not to a cube.
// DROC used CLIP; offline we use what the renderer gives:
//
// - from rendered views (appearanceFromViews, renderAppearance): a colour histogram of the
//   object's pixels (its id-mask region) in the RGB image — HUE_BINS hue bins for saturated
//   pixels, 3 achromatic bins (dark, grey, light) for the rest —, its silhouette extents per
//   view, and its shape class and size from the perceived facts;
// - from the facts alone (appearanceFromFacts), when an episode renders nothing: the same
//   histogram made from the stated colour's RGB (the renderer's palette, COLOR_HEX) spread
//   over the brightness range the renderer's lighting gives a surface.
//
// appearanceSimilarity gates on the shape class and weighs size and proportions most,
// colour little. Pure functions except renderAppearance (one render call).

import { decode } from 'fast-png';
import type { HeadlessRenderer, RenderedView, ViewImages, ViewName } from '../../monitor/index.ts';
import { COLOR_HEX, COLOR_NAMES, SHAPES } from '../../sim/index.ts';
import type { ColorName, ObjectInfo, SceneSpec, Snapshot } from '../../sim/index.ts';
import type { AppearanceFeatures } from './types.ts';

/** Hue bins of the colour histogram (360° / HUE_BINS = 15° each, bin i centred on hue i · 15°; 0° = red). 24 rather than 12: docs/knowledge.md#appearance. */
export const HUE_BINS = 24;
/** The achromatic bins after the hue bins, by value (brightness). */
export const ACHROMATIC_BINS = ['dark', 'grey', 'light'] as const;
/** Length of `AppearanceFeatures.color`. */
export const COLOR_BINS = HUE_BINS + ACHROMATIC_BINS.length;

/**
 * appearanceSimilarity at or above this: the same kind of object (the same shape class and
 * build, whatever its colour). A same-build object of another colour scores ≈ 0.8.
 */
export const APPEARANCE_MATCH = 0.6;

/**
 * The weights of appearanceSimilarity's score, behind the shape gate: size (the extents)
 * and aspect (the proportions) most, colour little — the point is that a lesson learned on
 * a red tall cylinder applies to a blue tall cylinder of the same build.
 */
export const APPEARANCE_WEIGHTS = { size: 0.5, aspect: 0.3, color: 0.2 } as const;
/** Size similarity is exp(−(d / SIZE_SIGMA)²), d the RMS log-ratio of height, width and depth. */
export const SIZE_SIGMA = 0.35;
/** Aspect similarity is exp(−(ln(aspect ratio) / ASPECT_SIGMA)²). */
export const ASPECT_SIGMA = 0.5;

/** The views and resolution renderAppearance renders (one render call for all objects). */
export const APPEARANCE_VIEWS: readonly ViewName[] = ['top', 'front'];
export const APPEARANCE_WIDTH = 256;
export const APPEARANCE_HEIGHT = 192;
/** Fewer visible pixels than this over all views: the object counts as hidden, and its colour comes from the facts. */
export const MIN_OBJECT_PIXELS = 10;

/** A pixel votes for its hue when its saturation and value are at least these (HSV, 0..1). */
const MIN_SATURATION = 0.25;
const MIN_CHROMA_VALUE = 0.15;
/** Values (HSV V) at the centres of the dark, grey and light bins; a pixel in between splits its vote. */
const ACHROMATIC_CENTRES = [0.1, 0.4, 0.75] as const;
/**
 * How the renderer's lighting spreads one surface colour: the HSV value of a lit pixel is
 * about k × the colour's value, hue and saturation unchanged, with k distributed like this
 * (measured over boxes, cylinders, spheres, bowls and trays in the top and front views at
 * 256×192: ≈ 60 % of the pixels on faces toward the light at k ≈ 0.95, the rest on sides and
 * in shadow at k ≈ 0.4–0.85). [k, share].
 */
const SHADING: readonly (readonly [number, number])[] = [
  [0.45, 0.1],
  [0.55, 0.1],
  [0.65, 0.1],
  [0.75, 0.05],
  [0.85, 0.05],
  [0.95, 0.6],
];

// ---------------------------------------------------------------------------------------
// Colour histogram

/** Adds one pixel's vote (sRGB 0..255) to `hist` (length COLOR_BINS), split between the two nearest bins. */
function voteRgb(hist: Float64Array, r: number, g: number, b: number, weight = 1): void {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const v = max / 255;
  const s = max === 0 ? 0 : (max - min) / max;
  if (s >= MIN_SATURATION && v >= MIN_CHROMA_VALUE) {
    const d = max - min;
    let h = max === r ? (g - b) / d : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    if (h < 0) h += 6;
    voteHue(hist, h * 60, weight);
  } else voteValue(hist, v, weight);
}

function voteHue(hist: Float64Array, hueDeg: number, weight: number): void {
  const pos = (hueDeg / 360) * HUE_BINS;
  const i0 = Math.floor(pos);
  const f = pos - i0;
  hist[((i0 % HUE_BINS) + HUE_BINS) % HUE_BINS]! += weight * (1 - f);
  hist[(i0 + 1) % HUE_BINS]! += weight * f;
}

function voteValue(hist: Float64Array, v: number, weight: number): void {
  const c = ACHROMATIC_CENTRES;
  if (v <= c[0]) hist[HUE_BINS]! += weight;
  else if (v >= c[2]) hist[HUE_BINS + 2]! += weight;
  else {
    const i = v < c[1] ? 0 : 1;
    const f = (v - c[i]!) / (c[i + 1]! - c[i]!);
    hist[HUE_BINS + i]! += weight * (1 - f);
    hist[HUE_BINS + i + 1]! += weight * f;
  }
}

/** Normalised to sum 1, rounded to 4 decimals (compact in records; the sum stays within 1e-3 of 1). */
function normalised(hist: Float64Array): number[] {
  let sum = 0;
  for (const x of hist) sum += x;
  return Array.from(hist, (x) => (sum > 0 ? Math.round((x / sum) * 1e4) / 1e4 : 0));
}

const paletteCache = new Map<ColorName, number[]>();

/** The histogram of a palette colour as the renderer would show it (the facts' colour). */
export function paletteHistogram(color: ColorName): number[] {
  let h = paletteCache.get(color);
  if (h) return h;
  const hex = COLOR_HEX[color];
  if (hex === undefined) throw new Error(`appearance: unknown colour '${color}' (known: ${COLOR_NAMES.join(', ')})`);
  const r = (hex >> 16) & 255;
  const g = (hex >> 8) & 255;
  const b = hex & 255;
  const hist = new Float64Array(COLOR_BINS);
  // Scaling all three channels by k keeps hue and saturation and scales the value by k.
  for (const [k, share] of SHADING) voteRgb(hist, r * k, g * k, b * k, share);
  h = normalised(hist);
  paletteCache.set(color, h);
  return h;
}

/** Histogram intersection Σ min(aᵢ, bᵢ): 1 for the same distribution, 0 for disjoint ones. */
export function histogramIntersection(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) {
    throw new Error(`appearance: colour histograms of ${a.length} and ${b.length} bins cannot be compared (expected ${COLOR_BINS})`);
  }
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.min(a[i]!, b[i]!);
  return Math.min(1, s);
}

/** The palette colours closest to a histogram, best first, with their intersection. */
export function nearestColors(hist: readonly number[]): { color: ColorName; match: number }[] {
  return COLOR_NAMES.map((color) => ({ color, match: histogramIntersection(hist, paletteHistogram(color)) })).sort(
    (x, y) => y.match - x.match,
  );
}

// ---------------------------------------------------------------------------------------
// Features

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Height over the largest horizontal extent. */
function aspectOf(size: readonly number[]): number {
  return round(size[2]! / Math.max(size[0]!, size[1]!, 1e-4), 3);
}

function checkObject(obj: ObjectInfo): void {
  if (!(SHAPES as readonly string[]).includes(obj.shape)) {
    throw new Error(`appearance: object '${obj.id}' has unknown shape '${obj.shape}' (known: ${SHAPES.join(', ')})`);
  }
  if (!Array.isArray(obj.size) || obj.size.length !== 3 || !obj.size.every((x) => Number.isFinite(x) && x > 0)) {
    throw new Error(`appearance: object '${obj.id}' has size ${JSON.stringify(obj.size)}, expected three positive extents (m)`);
  }
}

/** The features from the stated facts: shape, size and the stated colour's palette histogram. */
export function appearanceFromFacts(obj: ObjectInfo): AppearanceFeatures {
  checkObject(obj);
  if (!(COLOR_NAMES as readonly string[]).includes(obj.color)) {
    throw new Error(`appearance: object '${obj.id}' has unknown colour '${obj.color}' (known: ${COLOR_NAMES.join(', ')})`);
  }
  return {
    shape: obj.shape,
    size: [obj.size[0], obj.size[1], obj.size[2]],
    aspect: aspectOf(obj.size),
    color: [...paletteHistogram(obj.color)],
    source: 'facts',
  };
}

interface Decoded {
  width: number;
  height: number;
  channels: number;
  data: ArrayLike<number>;
}

// One decode per image, however many objects are read from it.
const decodedCache = new WeakMap<Buffer, Decoded>();

function decodedRgb(v: RenderedView): Decoded {
  const png = v.rgbPng!;
  let d = decodedCache.get(png);
  if (d) return d;
  const img = decode(png);
  if (img.depth !== 8 || (img.channels !== 3 && img.channels !== 4)) {
    throw new Error(
      `appearance: the ${v.view} view's colour image is ${img.channels}-channel ${img.depth}-bit, expected 8-bit RGB or RGBA`,
    );
  }
  if (img.width !== v.width || img.height !== v.height) {
    throw new Error(`appearance: the ${v.view} view's colour image is ${img.width}×${img.height}, its id mask ${v.width}×${v.height}`);
  }
  d = { width: img.width, height: img.height, channels: img.channels, data: img.data };
  decodedCache.set(png, d);
  return d;
}

/** The legend's object names (not the fixed entries or zones; see monitor/render/id-legend.ts). */
const FIXED_NAMES = new Set(['background', 'table', 'floor', 'gripper']);
function objectNames(v: RenderedView): string[] {
  return v.idLegend.filter((n) => !FIXED_NAMES.has(n) && !n.startsWith('zone:'));
}

// One pass over a view's id mask, however many objects are read from it: the objects' pixel indices by legend index.
const pixelsCache = new WeakMap<RenderedView, Map<number, number[]>>();

function pixelsByLegend(v: RenderedView): Map<number, number[]> {
  let m = pixelsCache.get(v);
  if (m) return m;
  const ids = v.ids!;
  if (ids.length !== v.width * v.height) {
    throw new Error(`appearance: the ${v.view} view's id mask has ${ids.length} pixels, expected ${v.width}×${v.height}`);
  }
  m = new Map();
  const objects = new Set(objectNames(v).map((name) => v.idLegend.indexOf(name)));
  for (let i = 0; i < ids.length; i++) {
    const k = ids[i]!;
    if (!objects.has(k)) continue;
    let list = m.get(k);
    if (!list) {
      list = [];
      m.set(k, list);
    }
    list.push(i);
  }
  pixelsCache.set(v, m);
  return m;
}

/**
 * The features of one object from the rendered views of one snapshot (views need `rgbPng`
 * and `ids`). Colour: the histogram of the object's pixels over all views. Silhouette: the
 * bounding box of its pixels per view, as fractions of the image. Shape, size and aspect:
 * from `obj` (the perceived facts). An object with fewer than MIN_OBJECT_PIXELS visible
 * pixels (hidden behind others) gets appearanceFromFacts.
 */
export function appearanceFromViews(obj: ObjectInfo, views: ViewImages): AppearanceFeatures {
  checkObject(obj);
  const usable = Object.values(views).filter((v): v is RenderedView => v !== undefined && v.rgbPng !== undefined && v.ids !== undefined);
  if (usable.length === 0) {
    const names = Object.keys(views);
    throw new Error(
      `appearance of '${obj.id}': ${names.length === 0 ? 'no views' : `views ${names.join(', ')} lack`} a colour image with an id mask (render with rgb and ids)`,
    );
  }
  const hist = new Float64Array(COLOR_BINS);
  const silhouette: Record<string, [number, number]> = {};
  let pixels = 0;
  let inLegend = false;
  for (const v of usable) {
    const id = v.idLegend.indexOf(obj.id);
    if (id < 0) continue;
    inLegend = true;
    const pixelsOf = pixelsByLegend(v).get(id);
    const n = pixelsOf?.length ?? 0;
    let x0 = v.width;
    let x1 = -1;
    let y0 = v.height;
    let y1 = -1;
    if (pixelsOf && n > 0) {
      const img = decodedRgb(v);
      for (const i of pixelsOf) {
        const o = i * img.channels;
        voteRgb(hist, img.data[o]!, img.data[o + 1]!, img.data[o + 2]!);
        const x = i % v.width;
        const y = (i - x) / v.width;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
    if (n > 0) silhouette[v.view] = [round((x1 - x0 + 1) / v.width, 4), round((y1 - y0 + 1) / v.height, 4)];
    pixels += n;
  }
  if (!inLegend) {
    throw new Error(
      `appearance: object '${obj.id}' is not in the rendered scene (its objects: ${objectNames(usable[0]!).join(', ') || 'none'})`,
    );
  }
  if (pixels < MIN_OBJECT_PIXELS) return appearanceFromFacts(obj);
  return {
    shape: obj.shape,
    size: [obj.size[0], obj.size[1], obj.size[2]],
    aspect: aspectOf(obj.size),
    color: normalised(hist),
    silhouette,
    source: 'render',
  };
}

/**
 * Renders the scene at `snapshot` once (APPEARANCE_VIEWS at APPEARANCE_WIDTH ×
 * APPEARANCE_HEIGHT, colour and ids) and returns every object's features by id. Rejects
 * as the renderer does (RendererUnavailableError without a browser); callers fall back to
 * appearanceFromFacts.
 */
export async function renderAppearance(
  scene: SceneSpec,
  snapshot: Snapshot,
  renderer: Pick<HeadlessRenderer, 'renderScene'>,
  objects: readonly ObjectInfo[],
): Promise<Map<string, AppearanceFeatures>> {
  const out = new Map<string, AppearanceFeatures>();
  if (objects.length === 0) return out;
  const views = await renderer.renderScene(scene, snapshot, {
    views: APPEARANCE_VIEWS,
    width: APPEARANCE_WIDTH,
    height: APPEARANCE_HEIGHT,
    rgb: true,
    ids: true,
    depth: false,
  });
  for (const o of objects) out.set(o.id, appearanceFromViews(o, views));
  return out;
}

// ---------------------------------------------------------------------------------------
// Similarity and description

/** [height, largest horizontal extent, smallest horizontal extent], floored at 1 mm. */
function extents(f: AppearanceFeatures): [number, number, number] {
  const [x, y, z] = f.size;
  return [Math.max(z, 1e-3), Math.max(x, y, 1e-3), Math.max(Math.min(x, y), 1e-3)];
}

/**
 * How alike two objects look, 0..1. `shape`: the same shape class — required for skill
 * transfer: another shape class scores 0. `size`: the build, from the extents (RMS log-ratio
 * of height, width and depth: 12 vs 13 cm tall ≈ 0.97, a 4 cm cube vs a 14 cm one ≈ 0) and
 * the aspect, weighted APPEARANCE_WEIGHTS.size : .aspect. `color`: histogram intersection.
 * score = shape gate × (0.8 · size + 0.2 · color).
 */
export function appearanceSimilarity(
  a: AppearanceFeatures,
  b: AppearanceFeatures,
): { score: number; shape: boolean; size: number; color: number } {
  const ea = extents(a);
  const eb = extents(b);
  let d2 = 0;
  for (let i = 0; i < 3; i++) d2 += Math.log(ea[i]! / eb[i]!) ** 2;
  const sizeSim = Math.exp(-(d2 / 3) / SIZE_SIGMA ** 2);
  const aspectSim = Math.exp(-((Math.log(Math.max(a.aspect, 1e-3) / Math.max(b.aspect, 1e-3)) / ASPECT_SIGMA) ** 2));
  const w = APPEARANCE_WEIGHTS;
  const size = (w.size * sizeSim + w.aspect * aspectSim) / (w.size + w.aspect);
  const color = histogramIntersection(a.color, b.color);
  const shape = a.shape === b.shape;
  const score = shape ? (w.size + w.aspect) * size + w.color * color : 0;
  return { score: round(score, 4), shape, size: round(size, 4), color: round(color, 4) };
}

/** Centimetres without trailing zeros: 12, 4.5. */
function cmShort(m: number): string {
  return String(Number((m * 100).toFixed(1)));
}

/** The colour in words: the palette colour(s) the histogram is closest to. */
export function describeColor(hist: readonly number[]): string {
  const [best, second] = nearestColors(hist);
  if (!best || best.match < 0.25) return 'of mixed colours';
  // Colours of the same hue and saturation (orange and brown) differ only in brightness,
  // which shading blurs: name both when they are this close.
  const name = second && best.match - second.match < 0.05 ? `${best.color} or ${second.color}` : best.color;
  return `${best.match >= 0.5 ? 'mostly' : 'partly'} ${name}`;
}

/**
 * A short phrase for prompts and the kb listing: proportions, shape, height × width (× depth
 * when the horizontal extents differ), colour — "tall thin cylinder, 12 cm × 4 cm, mostly blue".
 */
export function describeAppearance(f: AppearanceFeatures): string {
  const [h, w, d] = extents(f);
  let noun: string = f.shape;
  if (f.shape === 'box' && Math.max(h, w) / Math.min(h, d) < 1.1) noun = 'cube';
  const flatByNature = f.shape === 'bowl' || f.shape === 'tray';
  const form = flatByNature || f.shape === 'sphere' ? '' : f.aspect >= 1.5 ? 'tall thin ' : f.aspect <= 0.5 ? 'flat ' : '';
  const dims = w - d > 0.005 ? `${cmShort(h)} cm × ${cmShort(w)} cm × ${cmShort(d)} cm` : `${cmShort(h)} cm × ${cmShort(w)} cm`;
  return `${form}${noun}, ${dims}, ${describeColor(f.color)}`;
}

/**
 * Checks stored or imported features (a database row, a JSONL line): one-line errors name
 * `where` and the field. Returns the value typed.
 */
export function validateAppearance(x: unknown, where: string): AppearanceFeatures {
  const fail = (msg: string): never => {
    throw new Error(`${where}: appearance ${msg}`);
  };
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return fail(`is ${JSON.stringify(x)}, expected an object`);
  const f = x as Record<string, unknown>;
  if (!(SHAPES as readonly unknown[]).includes(f.shape)) fail(`shape ${JSON.stringify(f.shape)} is not one of ${SHAPES.join(', ')}`);
  const size = f.size;
  if (!Array.isArray(size) || size.length !== 3 || !size.every((s) => typeof s === 'number' && Number.isFinite(s) && s > 0)) {
    fail(`size ${JSON.stringify(size)} is not three positive extents (m)`);
  }
  if (typeof f.aspect !== 'number' || !Number.isFinite(f.aspect) || f.aspect <= 0)
    fail(`aspect ${JSON.stringify(f.aspect)} is not a positive number`);
  const color = f.color;
  if (!Array.isArray(color) || color.length !== COLOR_BINS) {
    fail(
      `color has ${Array.isArray(color) ? `${color.length} bins` : JSON.stringify(color)}, expected ${COLOR_BINS} (${HUE_BINS} hues + 3 achromatic)`,
    );
  }
  if (!(color as unknown[]).every((c) => typeof c === 'number' && Number.isFinite(c) && c >= 0))
    fail('color has a bin that is not a number ≥ 0');
  const sum = (color as number[]).reduce((s, c) => s + c, 0);
  if (Math.abs(sum - 1) > 0.01) fail(`color sums to ${round(sum, 4)}, expected 1`);
  if (f.silhouette !== undefined) {
    const s = f.silhouette;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) fail('silhouette is not an object of [width, height] per view');
    for (const [view, wh] of Object.entries(s as Record<string, unknown>)) {
      if (!Array.isArray(wh) || wh.length !== 2 || !wh.every((n) => typeof n === 'number' && n >= 0 && n <= 1)) {
        fail(`silhouette.${view} ${JSON.stringify(wh)} is not [width, height] as fractions of the image`);
      }
    }
  }
  if (f.source !== 'render' && f.source !== 'facts') fail(`source ${JSON.stringify(f.source)} is not 'render' or 'facts'`);
  return f as unknown as AppearanceFeatures;
}
