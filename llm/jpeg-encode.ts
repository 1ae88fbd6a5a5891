// A small baseline JPEG encoder (JFIF, 8-bit, 4:4:4, the standard Huffman tables of
// ITU T.81 Annex K). Slow-but-plain separable DCT: a 512 × 384 image takes tens of
// milliseconds, which is nothing beside a model call.

export interface RgbImage {
  width: number;
  height: number;
  /** width × height × 3 bytes, row-major. */
  data: Uint8Array;
}

const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
  28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
  54, 47, 55, 62, 63,
];

// Annex K.1 quantisation tables, natural (row-major) order.
const LUMA_QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51,
  87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101,
  72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_QUANT = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99,
  99, 99, 99, ...new Array<number>(32).fill(99),
];

// Annex K.3 Huffman tables: code counts per length 1..16, then the symbols.
const DC_LUMA = { bits: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], values: range(0, 12) };
const DC_CHROMA = { bits: [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], values: range(0, 12) };
const AC_LUMA = {
  bits: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d],
  values: [
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71,
    0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72,
    0x82, 0x09, 0x0a, ...range(0x16, 0x1b), ...range(0x25, 0x2b), ...range(0x34, 0x3b), ...range(0x43, 0x4b),
    ...range(0x53, 0x5b), ...range(0x63, 0x6b), ...range(0x73, 0x7b), ...range(0x83, 0x8b), ...range(0x92, 0x9b),
    ...range(0xa2, 0xab), ...range(0xb2, 0xbb), ...range(0xc2, 0xcb), ...range(0xd2, 0xdb), ...range(0xe1, 0xeb),
    ...range(0xf1, 0xfb),
  ],
};
const AC_CHROMA = {
  bits: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77],
  values: [
    0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22,
    0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1,
    0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, ...range(0x17, 0x1b), ...range(0x26, 0x2b), ...range(0x35, 0x3b),
    ...range(0x43, 0x4b), ...range(0x53, 0x5b), ...range(0x63, 0x6b), ...range(0x73, 0x7b), ...range(0x82, 0x8b),
    ...range(0x92, 0x9b), ...range(0xa2, 0xab), ...range(0xb2, 0xbb), ...range(0xc2, 0xcb), ...range(0xd2, 0xdb),
    ...range(0xe2, 0xeb), ...range(0xf2, 0xfb),
  ],
};

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

interface HuffmanSpec {
  bits: number[];
  values: number[];
}
/** Canonical codes by symbol: `code[symbol]`, `length[symbol]` (0 = no code). */
interface HuffmanCodes {
  code: Int32Array;
  length: Uint8Array;
}

function buildCodes(spec: HuffmanSpec): HuffmanCodes {
  const table: HuffmanCodes = { code: new Int32Array(256), length: new Uint8Array(256) };
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < spec.bits[length - 1]!; i++) {
      const symbol = spec.values[k++]!;
      table.code[symbol] = code++;
      table.length[symbol] = length;
    }
    code <<= 1;
  }
  return table;
}

const TABLES = {
  dcLuma: buildCodes(DC_LUMA),
  acLuma: buildCodes(AC_LUMA),
  dcChroma: buildCodes(DC_CHROMA),
  acChroma: buildCodes(AC_CHROMA),
};

// COS[x * 8 + u] = C(u) / 2 · cos((2x + 1) u π / 16): one 1-D DCT pass is out[u] = Σx in[x] · COS[x, u].
const COS = new Float64Array(64);
for (let x = 0; x < 8; x++) {
  for (let u = 0; u < 8; u++) {
    COS[x * 8 + u] = (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  }
}

function scaledQuant(base: number[], quality: number): Int32Array {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? 5000 / q : 200 - q * 2;
  return Int32Array.from(base, (v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
}

class BitWriter {
  private out = new Uint8Array(1 << 16);
  private size = 0;
  private buffer = 0;
  private count = 0;

  byte(value: number): void {
    if (this.size === this.out.length) {
      const grown = new Uint8Array(this.out.length * 2);
      grown.set(this.out);
      this.out = grown;
    }
    this.out[this.size++] = value & 0xff;
  }

  word(value: number): void {
    this.byte(value >> 8);
    this.byte(value);
  }

  /** Appends the low `length` (≤ 16) bits of `code`, MSB first, stuffing a 0 after each 0xFF. */
  bits(code: number, length: number): void {
    this.buffer = (this.buffer << length) | (code & ((1 << length) - 1));
    this.count += length;
    while (this.count >= 8) {
      const b = (this.buffer >> (this.count - 8)) & 0xff;
      this.byte(b);
      if (b === 0xff) this.byte(0);
      this.count -= 8;
    }
    this.buffer &= (1 << this.count) - 1;
  }

  /** Pads the last byte with 1 bits. */
  flushBits(): void {
    if (this.count > 0) this.bits((1 << (8 - this.count)) - 1, 8 - this.count);
  }

  result(): Uint8Array {
    return this.out.slice(0, this.size);
  }
}

/** Encodes an RGB image as a baseline JPEG; `quality` 1–100 (IJG scale). */
export function encodeJpeg(image: RgbImage, quality = 85): Uint8Array {
  const { width, height, data } = image;
  if (width < 1 || height < 1 || width > 65535 || height > 65535) {
    throw new Error(`cannot encode a ${width}×${height} JPEG`);
  }
  const lumaQ = scaledQuant(LUMA_QUANT, quality);
  const chromaQ = scaledQuant(CHROMA_QUANT, quality);
  const out = new BitWriter();

  out.word(0xffd8); // SOI
  out.word(0xffe0); // APP0 JFIF 1.1, no density
  out.word(16);
  for (const b of [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]) out.byte(b);

  out.word(0xffdb); // DQT, both tables, in zigzag order
  out.word(2 + 2 * 65);
  for (const [id, table] of [[0, lumaQ], [1, chromaQ]] as const) {
    out.byte(id);
    for (let k = 0; k < 64; k++) out.byte(table[ZIGZAG[k]!]!);
  }

  out.word(0xffc0); // SOF0: 8-bit, 3 components, no subsampling
  out.word(17);
  out.byte(8);
  out.word(height);
  out.word(width);
  out.byte(3);
  for (const [id, table] of [[1, 0], [2, 1], [3, 1]]) {
    out.byte(id!);
    out.byte(0x11);
    out.byte(table!);
  }

  out.word(0xffc4); // DHT
  const specs: [number, HuffmanSpec][] = [[0x00, DC_LUMA], [0x10, AC_LUMA], [0x01, DC_CHROMA], [0x11, AC_CHROMA]];
  out.word(2 + specs.reduce((n, [, s]) => n + 17 + s.values.length, 0));
  for (const [id, spec] of specs) {
    out.byte(id);
    for (const n of spec.bits) out.byte(n);
    for (const v of spec.values) out.byte(v);
  }

  out.word(0xffda); // SOS
  out.word(12);
  out.byte(3);
  for (const [id, tables] of [[1, 0x00], [2, 0x11], [3, 0x11]]) {
    out.byte(id!);
    out.byte(tables!);
  }
  out.byte(0);
  out.byte(63);
  out.byte(0);

  const y = new Float64Array(64);
  const cb = new Float64Array(64);
  const cr = new Float64Array(64);
  const scratch = new Float64Array(64);
  const coefficients = new Int32Array(64);
  let dcY = 0;
  let dcCb = 0;
  let dcCr = 0;
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let row = 0; row < 8; row++) {
        const sy = Math.min(by + row, height - 1); // replicate edges into partial blocks
        for (let col = 0; col < 8; col++) {
          const sx = Math.min(bx + col, width - 1);
          const at = (sy * width + sx) * 3;
          const r = data[at]!;
          const g = data[at + 1]!;
          const b = data[at + 2]!;
          const k = row * 8 + col;
          y[k] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
          cb[k] = -0.168736 * r - 0.331264 * g + 0.5 * b;
          cr[k] = 0.5 * r - 0.418688 * g - 0.081312 * b;
        }
      }
      dcY = encodeBlock(out, y, lumaQ, dcY, TABLES.dcLuma, TABLES.acLuma, scratch, coefficients);
      dcCb = encodeBlock(out, cb, chromaQ, dcCb, TABLES.dcChroma, TABLES.acChroma, scratch, coefficients);
      dcCr = encodeBlock(out, cr, chromaQ, dcCr, TABLES.dcChroma, TABLES.acChroma, scratch, coefficients);
    }
  }
  out.flushBits();
  out.word(0xffd9); // EOI
  return out.result();
}

/** DCT, quantise, entropy-code one 8 × 8 block; returns its DC value for the next block's prediction. */
function encodeBlock(
  out: BitWriter,
  block: Float64Array,
  quant: Int32Array,
  previousDc: number,
  dcCodes: HuffmanCodes,
  acCodes: HuffmanCodes,
  scratch: Float64Array,
  coefficients: Int32Array,
): number {
  for (let row = 0; row < 8; row++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let x = 0; x < 8; x++) sum += block[row * 8 + x]! * COS[x * 8 + u]!;
      scratch[row * 8 + u] = sum;
    }
  }
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let sum = 0;
      for (let yy = 0; yy < 8; yy++) sum += scratch[yy * 8 + u]! * COS[yy * 8 + v]!;
      const k = v * 8 + u;
      // ±1023 keeps DC differences within category 11 and AC values within size 10.
      coefficients[k] = Math.max(-1023, Math.min(1023, Math.round(sum / quant[k]!)));
    }
  }

  const dc = coefficients[0]!;
  writeValue(out, dcCodes, 0, dc - previousDc);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const value = coefficients[ZIGZAG[k]!]!;
    if (value === 0) {
      run++;
      continue;
    }
    while (run >= 16) {
      emit(out, acCodes, 0xf0); // ZRL
      run -= 16;
    }
    writeValue(out, acCodes, run, value);
    run = 0;
  }
  if (run > 0) emit(out, acCodes, 0x00); // EOB
  return dc;
}

function emit(out: BitWriter, codes: HuffmanCodes, symbol: number): void {
  const length = codes.length[symbol]!;
  if (length === 0) throw new Error(`JPEG Huffman table has no symbol ${symbol}`);
  out.bits(codes.code[symbol]!, length);
}

/** Writes (run, size) then the value's `size` magnitude bits (one's complement for negatives). */
function writeValue(out: BitWriter, codes: HuffmanCodes, run: number, value: number): void {
  const magnitude = Math.abs(value);
  let size = 0;
  while (magnitude >> size) size++;
  emit(out, codes, (run << 4) | size);
  if (size > 0) out.bits(value < 0 ? value + (1 << size) - 1 : value, size);
}

/** Width and height from a JPEG's first SOF marker, or undefined if there is none. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      return { height: (bytes[at + 5]! << 8) | bytes[at + 6]!, width: (bytes[at + 7]! << 8) | bytes[at + 8]! };
    }
    at += 2 + length;
  }
  return undefined;
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}
