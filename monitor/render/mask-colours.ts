// How an id mask and a depth image are coloured for a person to look at: the `render
// --masks` previews (image-files.ts) and the viewer's monitor panel use these same
// functions, so both show the same colours. Pure: no three.js, no Node.

/** RGB of mask value `i`: golden-angle hues, so neighbouring ids differ; 0 (background) black. */
export function idColour(i: number): [number, number, number] {
  if (i === 0) return [0, 0, 0];
  const h = (i * 137.508) % 360;
  const f = (n: number): number => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (0.5 - 0.45 * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** Colour of a value outside the legend (never written by a renderer). */
const UNKNOWN_ID: readonly [number, number, number] = [255, 255, 255];

/** An RGBA image (rows as in `ids`) of an id mask whose legend has `legendLength` entries. */
export function idMaskRgba(
  ids: ArrayLike<number>,
  legendLength: number,
  out: Uint8Array | Uint8ClampedArray = new Uint8Array(ids.length * 4),
): Uint8Array | Uint8ClampedArray {
  const palette = Array.from({ length: legendLength }, (_, i) => idColour(i));
  for (let i = 0; i < ids.length; i++) {
    const c = palette[ids[i]!] ?? UNKNOWN_ID;
    out[i * 4] = c[0];
    out[i * 4 + 1] = c[1];
    out[i * 4 + 2] = c[2];
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Nearest and farthest finite depth of an image (Infinity, 0 when nothing was hit). */
export function depthRange(depth: ArrayLike<number>): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < depth.length; i++) {
    const d = depth[i]!;
    if (Number.isFinite(d)) {
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
  }
  return { lo, hi };
}

/** Grey of one depth between the image's nearest (`lo`, white) and farthest (`hi`, dark); black where nothing was hit. */
export function depthGrey(d: number, lo: number, hi: number): number {
  return Number.isFinite(d) ? Math.round(255 * (1 - (d - lo) / Math.max(1e-6, hi - lo))) : 0;
}

/** An RGBA grey-scale image of a depth image (near = bright, each image stretched over its own range). */
export function depthRgba(
  depth: ArrayLike<number>,
  out: Uint8Array | Uint8ClampedArray = new Uint8Array(depth.length * 4),
): Uint8Array | Uint8ClampedArray {
  const { lo, hi } = depthRange(depth);
  for (let i = 0; i < depth.length; i++) {
    const g = depthGrey(depth[i]!, lo, hi);
    out[i * 4] = g;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = g;
    out[i * 4 + 3] = 255;
  }
  return out;
}
