// A small PNG decoder (zlib inflate + unfilter), enough to downscale rendered
// checkpoints before they go to a vision model. Handles every standard colour type and
// bit depth, palettes, tRNS transparency and Adam7 interlacing; ignores ancillary chunks.
import { inflateSync } from 'node:zlib';

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row-major, non-premultiplied. */
  data: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Refuse absurd sizes before allocating (a 8k × 5k render is fine). */
const MAX_PIXELS = 40_000_000;

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

interface Header {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

export function decodePng(bytes: Uint8Array): RgbaImage {
  if (!isPng(bytes)) throw new Error('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: Header | undefined;
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (body.length !== length) throw new Error(`PNG chunk ${type} is truncated`);
    offset += 12 + length;
    if (type === 'IHDR') {
      if (length < 13) throw new Error('PNG IHDR chunk is truncated');
      const ihdr = new DataView(body.buffer, body.byteOffset, body.byteLength);
      header = {
        width: ihdr.getUint32(0),
        height: ihdr.getUint32(4),
        bitDepth: body[8]!,
        colorType: body[9]!,
        interlace: body[12]!,
      };
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
  }
  if (!header) throw new Error('PNG has no IHDR chunk');
  const { width, height, bitDepth, colorType, interlace } = header;
  const channels = CHANNELS[colorType];
  if (channels === undefined) throw new Error(`PNG colour type ${colorType} is not valid`);
  if (![1, 2, 4, 8, 16].includes(bitDepth)) throw new Error(`PNG bit depth ${bitDepth} is not valid`);
  if (colorType === 3 && !palette) throw new Error('palette PNG has no PLTE chunk');
  if (width === 0 || height === 0 || width * height > MAX_PIXELS) {
    throw new Error(`PNG size ${width}×${height} is out of range`);
  }
  const raw = new Uint8Array(inflateSync(concat(idat)));

  const out = new Uint8Array(width * height * 4);
  const toRgba = pixelConverter(colorType, bitDepth, palette, transparency);
  const bitsPerPixel = channels * bitDepth;
  const filterBpp = Math.max(1, bitsPerPixel >> 3);
  let cursor = 0;
  const passes = interlace === 1 ? ADAM7 : ([[0, 0, 1, 1]] as const);
  for (const [x0, y0, dx, dy] of passes) {
    const passWidth = Math.ceil((width - x0) / dx);
    const passHeight = Math.ceil((height - y0) / dy);
    if (passWidth <= 0 || passHeight <= 0) continue;
    const rowBytes = Math.ceil((passWidth * bitsPerPixel) / 8);
    let previous = new Uint8Array(rowBytes);
    for (let row = 0; row < passHeight; row++) {
      if (cursor + 1 + rowBytes > raw.length) throw new Error('PNG image data is truncated');
      const filter = raw[cursor]!;
      const line = raw.slice(cursor + 1, cursor + 1 + rowBytes);
      cursor += 1 + rowBytes;
      unfilter(filter, line, previous, filterBpp);
      const y = y0 + row * dy;
      for (let col = 0; col < passWidth; col++) {
        toRgba(line, col, out, (y * width + x0 + col * dx) * 4);
      }
      previous = line;
    }
  }
  return { width, height, data: out };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return joined;
}

function unfilter(filter: number, line: Uint8Array, previous: Uint8Array, bpp: number): void {
  switch (filter) {
    case 0:
      return;
    case 1:
      for (let i = bpp; i < line.length; i++) line[i] = (line[i]! + line[i - bpp]!) & 0xff;
      return;
    case 2:
      for (let i = 0; i < line.length; i++) line[i] = (line[i]! + previous[i]!) & 0xff;
      return;
    case 3:
      for (let i = 0; i < line.length; i++) {
        const left = i >= bpp ? line[i - bpp]! : 0;
        line[i] = (line[i]! + ((left + previous[i]!) >> 1)) & 0xff;
      }
      return;
    case 4:
      for (let i = 0; i < line.length; i++) {
        const a = i >= bpp ? line[i - bpp]! : 0;
        const b = previous[i]!;
        const c = i >= bpp ? previous[i - bpp]! : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        const predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        line[i] = (line[i]! + predictor) & 0xff;
      }
      return;
    default:
      throw new Error(`PNG row filter ${filter} is not valid`);
  }
}

type PixelConverter = (line: Uint8Array, col: number, out: Uint8Array, at: number) => void;

function pixelConverter(
  colorType: number,
  bitDepth: number,
  palette: Uint8Array | undefined,
  trns: Uint8Array | undefined,
): PixelConverter {
  const channels = CHANNELS[colorType]!;
  // Sample `s` of pixel `col`, scaled to 0–255 (16-bit keeps the high byte).
  const sample = (line: Uint8Array, col: number, s: number): number => {
    if (bitDepth === 8) return line[col * channels + s]!;
    if (bitDepth === 16) return line[(col * channels + s) * 2]!;
    const bit = (col * channels + s) * bitDepth;
    const value = (line[bit >> 3]! >> (8 - bitDepth - (bit & 7))) & ((1 << bitDepth) - 1);
    return colorType === 3 ? value : Math.round((value * 255) / ((1 << bitDepth) - 1));
  };
  // Raw (unscaled) sample, for tRNS colour-key comparison.
  const rawSample = (line: Uint8Array, col: number, s: number): number => {
    if (bitDepth === 16) return (line[(col * channels + s) * 2]! << 8) | line[(col * channels + s) * 2 + 1]!;
    if (bitDepth === 8) return line[col * channels + s]!;
    const bit = (col * channels + s) * bitDepth;
    return (line[bit >> 3]! >> (8 - bitDepth - (bit & 7))) & ((1 << bitDepth) - 1);
  };
  const key = (i: number): number => (trns ? (trns[i * 2]! << 8) | trns[i * 2 + 1]! : -1);

  switch (colorType) {
    case 0:
      return (line, col, out, at) => {
        const v = sample(line, col, 0);
        out[at] = out[at + 1] = out[at + 2] = v;
        out[at + 3] = trns && rawSample(line, col, 0) === key(0) ? 0 : 255;
      };
    case 2:
      return (line, col, out, at) => {
        out[at] = sample(line, col, 0);
        out[at + 1] = sample(line, col, 1);
        out[at + 2] = sample(line, col, 2);
        const keyed =
          trns !== undefined &&
          rawSample(line, col, 0) === key(0) &&
          rawSample(line, col, 1) === key(1) &&
          rawSample(line, col, 2) === key(2);
        out[at + 3] = keyed ? 0 : 255;
      };
    case 3:
      return (line, col, out, at) => {
        const index = sample(line, col, 0);
        out[at] = palette![index * 3] ?? 0;
        out[at + 1] = palette![index * 3 + 1] ?? 0;
        out[at + 2] = palette![index * 3 + 2] ?? 0;
        out[at + 3] = trns && index < trns.length ? trns[index]! : 255;
      };
    case 4:
      return (line, col, out, at) => {
        const v = sample(line, col, 0);
        out[at] = out[at + 1] = out[at + 2] = v;
        out[at + 3] = sample(line, col, 1);
      };
    default:
      return (line, col, out, at) => {
        out[at] = sample(line, col, 0);
        out[at + 1] = sample(line, col, 1);
        out[at + 2] = sample(line, col, 2);
        out[at + 3] = sample(line, col, 3);
      };
  }
}
