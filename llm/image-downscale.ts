// Images leave policyloop small: PNG renders are decoded, box-filtered down to at most
// `maxSide` pixels on the long side, flattened onto white and sent as JPEG. Vision
// models bill and attend by pixel count, and a 640 × 480 PNG checkpoint is ~10× the
// bytes of the JPEG that a model sees no difference in.
import type { ContentPart } from './chat-model.ts';
import { decodePng, isPng, type RgbaImage } from './png-decode.ts';
import { encodeJpeg, isJpeg, jpegSize, type RgbImage } from './jpeg-encode.ts';

export interface DownscaleOptions {
  /** Longest side of the sent image, px (default 512). */
  maxSide?: number;
  /** JPEG quality 1–100 (default 85). */
  quality?: number;
}

export interface PreparedImage {
  mime: 'image/jpeg' | 'image/png';
  /** base64, no `data:` prefix. */
  data: string;
  width: number;
  height: number;
  /** Set when the image could not be brought within bounds. */
  warning?: string;
}

export const DEFAULT_MAX_SIDE = 512;
export const DEFAULT_JPEG_QUALITY = 85;

/** Bytes of an image part; tolerates a stray `data:…;base64,` prefix. */
export function imageBytes(part: Extract<ContentPart, { type: 'image' }>): Uint8Array {
  const base64 = part.data.replace(/^data:[^,]*,/, '');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/**
 * PNG (any size) → JPEG within `maxSide`. A JPEG already within bounds passes through;
 * a larger JPEG is sent unchanged with a warning (there is no JPEG decoder here).
 * Throws a plain Error for bytes that are neither PNG nor JPEG.
 */
export function prepareImage(bytes: Uint8Array, options: DownscaleOptions = {}): PreparedImage {
  const maxSide = options.maxSide ?? DEFAULT_MAX_SIDE;
  const quality = options.quality ?? DEFAULT_JPEG_QUALITY;
  if (isPng(bytes)) {
    const image = flattenOnWhite(boxDownscale(decodePng(bytes), maxSide));
    return {
      mime: 'image/jpeg',
      data: Buffer.from(encodeJpeg(image, quality)).toString('base64'),
      width: image.width,
      height: image.height,
    };
  }
  if (isJpeg(bytes)) {
    const size = jpegSize(bytes) ?? { width: 0, height: 0 };
    const tooLarge = Math.max(size.width, size.height) > maxSide;
    return {
      mime: 'image/jpeg',
      data: Buffer.from(bytes).toString('base64'),
      ...size,
      ...(tooLarge && {
        warning: `a ${size.width}×${size.height} JPEG was sent at full size (only PNG images are downscaled)`,
      }),
    };
  }
  throw new Error('image is neither PNG nor JPEG');
}

/** Output size keeping the aspect ratio, long side ≤ maxSide, never upscaled. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * Area-averaging downscale: each output pixel is the coverage-weighted mean of the
 * source pixels under it (colour weighted by alpha, so transparent pixels do not
 * bleed their hidden colour).
 */
export function boxDownscale(image: RgbaImage, maxSide: number): RgbaImage {
  const { width: outW, height: outH } = fitWithin(image.width, image.height, maxSide);
  if (outW === image.width && outH === image.height) return image;
  const xTaps = taps(image.width, outW);
  const yTaps = taps(image.height, outH);
  // Horizontal pass into premultiplied floats, then vertical.
  const src = image.data;
  const rows = new Float32Array(image.height * outW * 4);
  for (let y = 0; y < image.height; y++) {
    for (let ox = 0; ox < outW; ox++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let t = xTaps.start[ox]!; t < xTaps.start[ox + 1]!; t++) {
        const at = (y * image.width + xTaps.index[t]!) * 4;
        const alpha = src[at + 3]! * xTaps.weight[t]!;
        r += src[at]! * alpha;
        g += src[at + 1]! * alpha;
        b += src[at + 2]! * alpha;
        a += alpha;
      }
      const o = (y * outW + ox) * 4;
      rows[o] = r;
      rows[o + 1] = g;
      rows[o + 2] = b;
      rows[o + 3] = a;
    }
  }
  const out = new Uint8Array(outW * outH * 4);
  const acc = new Float64Array(outW * 4);
  for (let oy = 0; oy < outH; oy++) {
    acc.fill(0);
    for (let t = yTaps.start[oy]!; t < yTaps.start[oy + 1]!; t++) {
      const w = yTaps.weight[t]!;
      const rowAt = yTaps.index[t]! * outW * 4;
      for (let i = 0; i < acc.length; i++) acc[i]! += rows[rowAt + i]! * w;
    }
    for (let ox = 0; ox < outW; ox++) {
      const i = ox * 4;
      const a = acc[i + 3]!;
      const o = (oy * outW + ox) * 4;
      if (a > 0) {
        out[o] = Math.round(acc[i]! / a);
        out[o + 1] = Math.round(acc[i + 1]! / a);
        out[o + 2] = Math.round(acc[i + 2]! / a);
      }
      out[o + 3] = Math.round(a);
    }
  }
  return { width: outW, height: outH, data: out };
}

/**
 * For each output index o, the source indices it covers are `index[start[o] … start[o+1])`
 * with coverage weights summing to 1.
 */
function taps(sourceSize: number, outSize: number): { start: Int32Array; index: Int32Array; weight: Float64Array } {
  const ratio = sourceSize / outSize;
  const start = new Int32Array(outSize + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let o = 0; o < outSize; o++) {
    start[o] = index.length;
    const from = o * ratio;
    const to = from + ratio;
    for (let s = Math.floor(from); s < Math.min(sourceSize, Math.ceil(to)); s++) {
      const cover = Math.min(to, s + 1) - Math.max(from, s);
      if (cover > 1e-9) {
        index.push(s);
        weight.push(cover / ratio);
      }
    }
  }
  start[outSize] = index.length;
  return { start, index: Int32Array.from(index), weight: Float64Array.from(weight) };
}

/** JPEG has no alpha: composite onto white. */
export function flattenOnWhite(image: RgbaImage): RgbImage {
  const { width, height, data } = image;
  const out = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    const alpha = data[i + 3]! / 255;
    out[j] = Math.round(data[i]! * alpha + 255 * (1 - alpha));
    out[j + 1] = Math.round(data[i + 1]! * alpha + 255 * (1 - alpha));
    out[j + 2] = Math.round(data[i + 2]! * alpha + 255 * (1 - alpha));
  }
  return { width, height, data: out };
}
