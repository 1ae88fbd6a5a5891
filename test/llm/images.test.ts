// The image path to a vision model: PNG decode, box downscale, JPEG encode.
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../llm/png-decode.ts';
import { encodeJpeg, jpegSize } from '../../llm/jpeg-encode.ts';
import { boxDownscale, fitWithin, flattenOnWhite, prepareImage } from '../../llm/image-downscale.ts';
import { encodeFixturePng, sceneColor, type FixtureOptions } from './png-fixture.ts';

const W = 13;
const H = 9;
const PALETTE: [number, number, number, number][] = [
  [255, 0, 0, 255],
  [0, 255, 0, 128],
  [0, 0, 255, 0],
  [10, 20, 30, 255],
];

/** Per case: raw samples of pixel (x, y) and the RGBA the decoder must produce. */
type Case = [name: string, options: FixtureOptions, samples: (x: number, y: number) => number[], rgba: (x: number, y: number) => number[]];

const cases: Case[] = [
  ['RGB 8-bit', { colorType: 2 }, (x, y) => [x * 10, y * 20, 7], (x, y) => [x * 10, y * 20, 7, 255]],
  ['RGBA 8-bit, interlaced', { colorType: 6, interlace: true }, (x, y) => [x, y, x + y, 200], (x, y) => [x, y, x + y, 200]],
  ['RGBA 16-bit', { colorType: 6, bitDepth: 16 }, (x, y) => [x * 5000, y * 7000, 65535, 32768], (x, y) => [(x * 5000) >> 8, (y * 7000) >> 8, 255, 128]],
  ['gray 8-bit', { colorType: 0 }, (x) => [x * 19], (x) => [x * 19, x * 19, x * 19, 255]],
  ['gray 1-bit', { colorType: 0, bitDepth: 1 }, (x, y) => [(x + y) & 1], (x, y) => Array(3).fill((x + y) & 1 ? 255 : 0).concat(255)],
  ['gray 4-bit, interlaced', { colorType: 0, bitDepth: 4, interlace: true }, (x) => [x], (x) => Array(3).fill(x * 17).concat(255)],
  ['gray+alpha 8-bit', { colorType: 4 }, (x, y) => [x * 3, y * 9], (x, y) => [x * 3, x * 3, x * 3, y * 9]],
  ['palette 2-bit with transparency', { colorType: 3, bitDepth: 2, palette: PALETTE }, (x, y) => [(x + 2 * y) % 4], (x, y) => PALETTE[(x + 2 * y) % 4]!],
  ['palette 8-bit, interlaced', { colorType: 3, bitDepth: 8, palette: PALETTE, interlace: true }, (x) => [x % 4], (x) => PALETTE[x % 4]!],
];

describe('PNG decoding', () => {
  it.each(cases)('decodes %s', (_name, options, samples, rgba) => {
    const image = decodePng(new Uint8Array(encodeFixturePng(W, H, samples, options)));
    expect([image.width, image.height]).toEqual([W, H]);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const at = (y * W + x) * 4;
        expect(Array.from(image.data.subarray(at, at + 4)), `pixel ${x},${y}`).toEqual(rgba(x, y));
      }
    }
  });

  it('rejects bytes that are not a PNG', () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3]))).toThrow('not a PNG file');
  });
});

describe('downscaling', () => {
  it.each([
    [640, 480, 512, 512, 384],
    [480, 640, 512, 384, 512],
    [2000, 10, 512, 512, 3],
    [300, 200, 512, 300, 200],
  ])('fits %i×%i within %i px as %i×%i', (w, h, max, ow, oh) => {
    expect(fitWithin(w, h, max)).toEqual({ width: ow, height: oh });
  });

  it('averages the area under each output pixel', () => {
    // 4×2 → 2×1: each output pixel is the mean of a 2×2 block.
    const data = Uint8Array.from([
      0, 0, 0, 255, 100, 100, 100, 255, 200, 0, 0, 255, 200, 0, 0, 255,
      100, 100, 100, 255, 200, 200, 200, 255, 0, 0, 200, 255, 0, 0, 200, 255,
    ]);
    const out = boxDownscale({ width: 4, height: 2, data }, 2);
    expect(Array.from(out.data)).toEqual([100, 100, 100, 255, 100, 0, 100, 255]);
  });

  it('does not let transparent pixels bleed their colour, and flattens onto white', () => {
    const data = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 0]);
    const out = boxDownscale({ width: 2, height: 1, data }, 1);
    expect(Array.from(out.data)).toEqual([255, 0, 0, 128]);
    expect(Array.from(flattenOnWhite(out).data)).toEqual([255, 127, 127]);
  });
});

describe('preparing images for a vision model', () => {
  it('turns a 640×480 PNG render into a 512×384 JPEG', () => {
    const png = encodeFixturePng(640, 480, (x, y) => sceneColor(x, y, 640, 480), { colorType: 2 });
    const prepared = prepareImage(new Uint8Array(png));
    expect(prepared).toMatchObject({ mime: 'image/jpeg', width: 512, height: 384 });
    expect(prepared.warning).toBeUndefined();
    const jpeg = new Uint8Array(Buffer.from(prepared.data, 'base64'));
    expect(jpegSize(jpeg)).toEqual({ width: 512, height: 384 });
    expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
  });

  it('passes a small JPEG through and warns about a large one', () => {
    const small = encodeJpeg({ width: 8, height: 8, data: new Uint8Array(8 * 8 * 3).fill(128) });
    expect(prepareImage(small)).toMatchObject({ width: 8, height: 8, data: Buffer.from(small).toString('base64') });
    const large = encodeJpeg({ width: 600, height: 8, data: new Uint8Array(600 * 8 * 3).fill(128) });
    expect(prepareImage(large).warning).toBe('a 600×8 JPEG was sent at full size (only PNG images are downscaled)');
  });

  it('encodes partial edge blocks and extreme colours without losing markers', () => {
    const data = new Uint8Array(11 * 5 * 3);
    for (let i = 0; i < data.length; i++) data[i] = i % 2 ? 255 : 0;
    for (const quality of [1, 50, 100]) {
      const jpeg = encodeJpeg({ width: 11, height: 5, data }, quality);
      expect(jpegSize(jpeg)).toEqual({ width: 11, height: 5 });
      expect([jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd9]);
    }
  });
});
