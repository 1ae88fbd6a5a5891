// Images go to a model exactly as given: the renderer encodes model-size JPEGs in the
// browser (canvas encoders), so re-encoding here would only cost time and quality. The
// header is read for the size alone, to say when an image will cost more tokens than a
// model-size one.
import type { ContentPart, ImageMime } from './chat-model.ts';
import { estimateImageTokens } from './tokens.ts';

export interface ImageOptions {
  /** Long side above which a sent image draws a warning, px (default 512). */
  maxSide?: number;
}

export interface PreparedImage {
  mime: ImageMime;
  /** base64, no `data:` prefix. */
  data: string;
  width: number;
  height: number;
  /** Estimated prompt tokens at OpenAI's "high" detail. */
  tokens: number;
  /** Set when the image is larger than `maxSide`. */
  warning?: string;
}

export const DEFAULT_MAX_SIDE = 512;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Bytes of an image part; tolerates a stray `data:…;base64,` prefix. */
export function imageBytes(part: Extract<ContentPart, { type: 'image' }>): Uint8Array {
  const base64 = part.data.replace(/^data:[^,]*,/, '');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** The file type by its magic bytes (a part's declared mime may be wrong); undefined for others. */
export function imageMime(bytes: Uint8Array): ImageMime | undefined {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

/**
 * Width and height from the file header (PNG IHDR, JPEG SOFn), without decoding pixels.
 * Throws a plain Error for bytes that are neither, or a header that cannot be read.
 */
export function imageSize(bytes: Uint8Array): { mime: ImageMime; width: number; height: number } {
  const mime = imageMime(bytes);
  if (mime === 'image/png') {
    const ihdr = String.fromCharCode(...bytes.subarray(12, 16));
    if (bytes.length < 24 || ihdr !== 'IHDR') throw new Error('PNG without an IHDR header');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { mime, width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (mime === 'image/jpeg') {
    // Segments up to the frame header all carry a length; fill bytes (0xff) may pad markers.
    for (let at = 2; at + 9 < bytes.length; ) {
      if (bytes[at] !== 0xff) break;
      const marker = bytes[at + 1]!;
      if (marker === 0xff) {
        at++;
        continue;
      }
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { mime, height: (bytes[at + 5]! << 8) | bytes[at + 6]!, width: (bytes[at + 7]! << 8) | bytes[at + 8]! };
      }
      at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
    }
    throw new Error('JPEG without a frame header (SOF)');
  }
  throw new Error('image is neither PNG nor JPEG');
}

/**
 * A PNG or JPEG as it is sent: bytes unchanged, mime from the magic bytes. A warning when
 * it is larger than `maxSide`: such images are sent at full size, not resampled.
 */
export function prepareImage(bytes: Uint8Array, options: ImageOptions = {}): PreparedImage {
  const maxSide = options.maxSide ?? DEFAULT_MAX_SIDE;
  const { mime, width, height } = imageSize(bytes);
  const tokens = estimateImageTokens(width, height);
  const scale = maxSide / Math.max(width, height);
  return {
    mime,
    data: Buffer.from(bytes).toString('base64'),
    width,
    height,
    tokens,
    ...(scale < 1 && {
      warning:
        `a ${width}×${height} ${mime === 'image/png' ? 'PNG' : 'JPEG'} was sent at full size (~${tokens} tokens, ` +
        `~${estimateImageTokens(Math.round(width * scale), Math.round(height * scale))} within ${maxSide} px); ` +
        'the renderer produces model-size JPEGs (render option rgbJpeg)',
    }),
  };
}
