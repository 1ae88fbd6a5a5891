// Test fixtures: a deliberately plain PNG encoder (every colour type and bit depth,
// optional Adam7, every row filter in turn) so the decoder is checked against pixels we
// chose, and a synthetic "render" to feed the vision path.
import { deflateSync } from 'node:zlib';

export interface FixtureOptions {
  colorType?: 0 | 2 | 3 | 4 | 6;
  bitDepth?: 1 | 2 | 4 | 8 | 16;
  interlace?: boolean;
  /** For colour type 3: palette entries [r, g, b, a][]. Samples are then indices. */
  palette?: [number, number, number, number][];
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * `samples(x, y)` returns the raw channel samples of one pixel at the PNG's bit depth
 * (gray; r g b; index; gray a; r g b a).
 */
export function encodeFixturePng(
  width: number,
  height: number,
  samples: (x: number, y: number) => number[],
  options: FixtureOptions = {},
): Buffer {
  const colorType = options.colorType ?? 6;
  const bitDepth = options.bitDepth ?? 8;
  const channels = CHANNELS[colorType];
  const bitsPerPixel = channels * bitDepth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const passes = options.interlace ? ADAM7 : ([[0, 0, 1, 1]] as const);
  const raw: number[] = [];
  let filterTurn = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const pw = Math.ceil((width - x0) / dx);
    const ph = Math.ceil((height - y0) / dy);
    if (pw <= 0 || ph <= 0) continue;
    const rowBytes = Math.ceil((pw * bitsPerPixel) / 8);
    let previous = new Uint8Array(rowBytes);
    for (let row = 0; row < ph; row++) {
      const line = new Uint8Array(rowBytes);
      let bit = 0;
      for (let col = 0; col < pw; col++) {
        for (const sample of samples(x0 + col * dx, y0 + row * dy)) {
          if (bitDepth === 16) {
            line[bit >> 3] = sample >> 8;
            line[(bit >> 3) + 1] = sample & 0xff;
          } else if (bitDepth === 8) line[bit >> 3] = sample;
          else line[bit >> 3]! |= sample << (8 - bitDepth - (bit & 7));
          bit += bitDepth;
        }
      }
      const filter = filterTurn++ % 5;
      raw.push(filter, ...applyFilter(filter, line, previous, bpp));
      previous = line;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colorType;
  ihdr[12] = options.interlace ? 1 : 0;
  const chunks = [chunk('IHDR', ihdr)];
  if (options.palette) {
    chunks.push(chunk('PLTE', Buffer.from(options.palette.flatMap(([r, g, b]) => [r, g, b]))));
    chunks.push(chunk('tRNS', Buffer.from(options.palette.map(([, , , a]) => a))));
  }
  chunks.push(chunk('tEXt', Buffer.from('Comment\0fixture')));
  const compressed = deflateSync(Buffer.from(raw));
  // Split IDAT in two to exercise concatenation.
  const half = compressed.length >> 1;
  chunks.push(chunk('IDAT', compressed.subarray(0, half)), chunk('IDAT', compressed.subarray(half)));
  chunks.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

function applyFilter(filter: number, line: Uint8Array, previous: Uint8Array, bpp: number): Uint8Array {
  const out = new Uint8Array(line.length);
  for (let i = 0; i < line.length; i++) {
    const a = i >= bpp ? line[i - bpp]! : 0;
    const b = previous[i]!;
    const c = i >= bpp ? previous[i - bpp]! : 0;
    let predictor = 0;
    if (filter === 1) predictor = a;
    else if (filter === 2) predictor = b;
    else if (filter === 3) predictor = (a + b) >> 1;
    else if (filter === 4) {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    out[i] = (line[i]! - predictor) & 0xff;
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** RGB of a synthetic checkpoint render: a gradient table, a red block, a blue disc. */
export function sceneColor(x: number, y: number, width: number, height: number): [number, number, number] {
  const u = x / width;
  const v = y / height;
  if (u > 0.2 && u < 0.35 && v > 0.3 && v < 0.5) return [220, 30, 30];
  if ((u - 0.65) ** 2 + (v - 0.6) ** 2 < 0.012) return [30, 60, 210];
  return [Math.round(120 + 80 * u), Math.round(120 + 60 * v), 110];
}

/** A width × height opaque RGB PNG of `sceneColor`, base64 — what the renderer hands over. */
export function scenePngBase64(width = 640, height = 480): string {
  return encodeFixturePng(width, height, (x, y) => sceneColor(x, y, width, height), { colorType: 2 }).toString(
    'base64',
  );
}
