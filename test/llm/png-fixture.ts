// Test images: a synthetic "render" as a real PNG (fast-png), and JPEG headers. Nothing in
// llm/ decodes JPEG pixels, so a header with the markers a real file has before its frame
// header is all the image path reads.
import { encode } from 'fast-png';

/** RGB of a synthetic checkpoint render: a gradient table, a red block, a blue disc. */
export function sceneColor(x: number, y: number, width: number, height: number): [number, number, number] {
  const u = x / width;
  const v = y / height;
  if (u > 0.2 && u < 0.35 && v > 0.3 && v < 0.5) return [220, 30, 30];
  if ((u - 0.65) ** 2 + (v - 0.6) ** 2 < 0.012) return [30, 60, 210];
  return [Math.round(120 + 80 * u), Math.round(120 + 60 * v), 110];
}

/** A width × height opaque RGB PNG of `sceneColor`. */
export function scenePng(width = 640, height = 480): Buffer {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(sceneColor(x, y, width, height), (y * width + x) * 3);
  return Buffer.from(encode({ width, height, data, channels: 3, depth: 8 }));
}

/** `scenePng`, base64 — what the renderer hands over. */
export function scenePngBase64(width = 640, height = 480): string {
  return scenePng(width, height).toString('base64');
}

/**
 * SOI, a JFIF APP0, a quantisation table, then the frame header (SOF0 baseline, or SOF2
 * progressive) preceded by fill bytes, then EOI.
 */
export function jpegHeader(width: number, height: number, sof: 0xc0 | 0xc2 = 0xc0): Buffer {
  const segment = (marker: number, body: number[]): number[] => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...Array<number>(64).fill(1)]),
    0xff,
    0xff,
    ...segment(sof, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    0xff,
    0xd9,
  ]);
}
