// The image path to a vision model: bytes pass through; mime and size come from the header.
import { describe, expect, it } from 'vitest';
import { encode } from 'fast-png';
import { imageBytes, imageMime, imageSize, prepareImage } from '../../llm/images.ts';
import { estimateImageTokens, IMAGE_TOKEN_ESTIMATE } from '../../llm/tokens.ts';
import { jpegHeader, scenePng } from './png-fixture.ts';

const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');

describe('mime from the magic bytes', () => {
  it('tells PNG from JPEG and neither', () => {
    expect(imageMime(scenePng(4, 3))).toBe('image/png');
    expect(imageMime(jpegHeader(4, 3))).toBe('image/jpeg');
    expect(imageMime(GIF)).toBeUndefined();
    expect(imageMime(new Uint8Array([0x89, 0x50]))).toBeUndefined();
  });

  it("trusts the bytes over a part's declared mime, and tolerates a data: prefix", () => {
    const jpeg = jpegHeader(8, 8);
    const bytes = imageBytes({ type: 'image', mime: 'image/png', data: `data:image/png;base64,${jpeg.toString('base64')}` });
    expect(Buffer.from(bytes).equals(jpeg)).toBe(true);
    expect(prepareImage(bytes).mime).toBe('image/jpeg');
  });
});

describe('size from the header', () => {
  it.each([
    ['RGB 8-bit', 13, 9, 3, 8],
    ['RGBA 16-bit', 700, 2, 4, 16],
    ['gray 8-bit', 1, 4000, 1, 8],
  ] as const)("reads a PNG's IHDR (%s)", (_name, width, height, channels, depth) => {
    const data = depth === 16 ? new Uint16Array(width * height * channels) : new Uint8Array(width * height * channels);
    expect(imageSize(encode({ width, height, data, channels, depth }))).toEqual({ mime: 'image/png', width, height });
  });

  it("reads a JPEG's frame header past other segments and fill bytes, baseline or progressive", () => {
    expect(imageSize(jpegHeader(640, 480))).toEqual({ mime: 'image/jpeg', width: 640, height: 480 });
    expect(imageSize(jpegHeader(300, 4100, 0xc2))).toEqual({ mime: 'image/jpeg', width: 300, height: 4100 });
  });

  it('rejects what it cannot read, in one line', () => {
    expect(() => imageSize(GIF)).toThrow('image is neither PNG nor JPEG');
    expect(() => imageSize(scenePng(4, 3).subarray(0, 20))).toThrow('PNG without an IHDR header');
    const noFrame = Buffer.concat([jpegHeader(4, 3).subarray(0, 2 + 18 + 69), Buffer.from([0xff, 0xd9])]);
    expect(() => imageSize(noFrame)).toThrow('JPEG without a frame header (SOF)');
  });
});

describe('token estimate (OpenAI high detail)', () => {
  it.each([
    [512, 384, IMAGE_TOKEN_ESTIMATE],
    [640, 480, 425],
    [2048, 4096, 1105],
    [4096, 512, 85 + 170 * 4],
  ])('%i×%i costs %i tokens', (width, height, tokens) => {
    expect(estimateImageTokens(width, height)).toBe(tokens);
  });
});

describe('preparing images for a vision model', () => {
  it('sends a model-size JPEG as is, without a warning', () => {
    const jpeg = jpegHeader(512, 384);
    expect(prepareImage(jpeg)).toEqual({
      mime: 'image/jpeg',
      data: jpeg.toString('base64'),
      width: 512,
      height: 384,
      tokens: IMAGE_TOKEN_ESTIMATE,
    });
  });

  it('sends a PNG as PNG, byte for byte, never resampled', () => {
    const png = scenePng(64, 48);
    const prepared = prepareImage(png);
    expect(prepared).toMatchObject({ mime: 'image/png', width: 64, height: 48 });
    expect(Buffer.from(prepared.data, 'base64').equals(png)).toBe(true);
    expect(prepared.warning).toBeUndefined();
  });

  it('warns in one line about an image larger than 512 px, and still sends it whole', () => {
    const png = scenePng(640, 480);
    const prepared = prepareImage(png);
    expect(prepared.warning).toBe(
      'a 640×480 PNG was sent at full size (~425 tokens, ~255 within 512 px); the renderer produces model-size JPEGs (render option rgbJpeg)',
    );
    expect(prepared).toMatchObject({ width: 640, height: 480, tokens: 425, data: png.toString('base64') });
    expect(prepareImage(jpegHeader(513, 8)).warning).toMatch(/^a 513×8 JPEG was sent at full size/);
  });

  it('takes the limit from the options', () => {
    expect(prepareImage(scenePng(640, 480), { maxSide: 640 }).warning).toBeUndefined();
    expect(prepareImage(jpegHeader(4096, 1024), { maxSide: 1024 }).warning).toContain('(~765 tokens, ~425 within 1024 px)');
  });
});
