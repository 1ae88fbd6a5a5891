// The WebM a MediaRecorder writes, given exact frame times and made to say how long it is.
// Chromium's recorder stamps frames with wall-clock time (the export paces frames by pausing
// the recorder, close to 1/fps but not exact, least of all around the encoder's start), and
// writes a Duration of that clock, or, in older builds, none at all, so players show
// "Infinity". retimeWebm puts frame i at i/fps and setWebmDuration writes the exact duration of the frames
// the exporter drew into the EBML Duration element: in place when the element exists,
// else inserted into Info (only in a file with no SeekHead or Cues whose offsets it would
// move — the live layout those builds write). It also counts the video frames (Block and
// SimpleBlock elements). Hand-written because neither the platform nor a dependency edits
// EBML; only the few elements named here are read.

const ID = {
  segment: 0x18538067,
  seekHead: 0x114d9b74,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  cluster: 0x1f43b675,
  cues: 0x1c53bb6b,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  timecode: 0xe7,
  cuePoint: 0xbb,
  cueTime: 0xb3,
} as const;

interface Element {
  id: number;
  /** Offset of the element's id. */
  start: number;
  /** Offset of its data. */
  data: number;
  /** Data size; null when the size is "unknown" (a live-written Segment or Cluster). */
  size: number | null;
  /** Bytes of the size field. */
  sizeLength: number;
}

export interface WebmFacts {
  /** Video frames (Block and SimpleBlock elements). */
  frames: number;
  /** Duration the file now declares, in seconds. */
  durationS: number;
}

function readVint(b: Uint8Array, p: number, keepMarker: boolean): { value: number; length: number } {
  const first = b[p];
  if (first === undefined) throw new Error(`WebM: truncated at byte ${p}`);
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8) throw new Error(`WebM: bad variable-length integer at byte ${p}`);
  if (p + length > b.length) throw new Error(`WebM: truncated at byte ${p}`);
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + b[p + i]!;
  return { value, length };
}

function readElement(b: Uint8Array, p: number): Element {
  const id = readVint(b, p, true);
  const size = readVint(b, p + id.length, false);
  const unknown = size.value === 2 ** (7 * size.length) - 1;
  return { id: id.value, start: p, data: p + id.length + size.length, size: unknown ? null : size.value, sizeLength: size.length };
}

/** The children of the element at `parent` (to the end of `b` when its size is unknown). */
function children(b: Uint8Array, parent: Element): Element[] {
  const end = parent.size === null ? b.length : parent.data + parent.size;
  const out: Element[] = [];
  let p = parent.data;
  while (p < end) {
    const e = readElement(b, p);
    out.push(e);
    if (e.size === null) break; // an unknown-size child runs to the end
    p = e.data + e.size;
  }
  return out;
}

function readUint(b: Uint8Array, e: Element): number {
  let v = 0;
  for (let i = 0; i < (e.size ?? 0); i++) v = v * 256 + b[e.data + i]!;
  return v;
}

function encodeSize(n: number, length: number): Uint8Array {
  if (n >= 2 ** (7 * length) - 1) throw new Error(`WebM: ${n} does not fit a ${length}-byte size`);
  const out = new Uint8Array(length);
  let v = n;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  out[0]! |= 0x80 >> (length - 1);
  return out;
}

/** Frames in the clusters (top-level Clusters of an unknown-size Segment follow one another). */
function countFrames(b: Uint8Array, segment: Element): number {
  let frames = 0;
  const visit = (cluster: Element): void => {
    for (const c of children(b, cluster)) {
      if (c.id === ID.simpleBlock) frames++;
      else if (c.id === ID.blockGroup) frames += children(b, c).filter((g) => g.id === ID.block).length;
      else if (c.id === ID.cluster) visit(c); // an unknown-size cluster "contains" the next one
    }
  };
  for (const e of children(b, segment)) if (e.id === ID.cluster) visit(e);
  return frames;
}

function writeUint(b: Uint8Array, e: Element, value: number): boolean {
  const size = e.size ?? 0;
  if (value < 0 || value >= 2 ** (8 * size)) return false;
  let v = value;
  for (let i = size - 1; i >= 0; i--) {
    b[e.data + i] = v % 256;
    v = Math.floor(v / 256);
  }
  return true;
}

/**
 * Sets every frame's timestamp (in timecode-scale ticks) to `frame × 1/fps`, in place:
 * each block's signed 16-bit time relative to its cluster is rewritten (the cluster times
 * stay; the recorder's times are within a fraction of a second of these), and each cue's
 * time follows its keyframe. Returns the frames seen.
 */
function retimeFrames(b: Uint8Array, segment: Element, ticksPerFrame: number): number {
  let frame = 0;
  const moved = new Map<number, number>();
  const retime = (block: Element, clusterTime: number): void => {
    const track = readVint(b, block.data, false);
    const at = block.data + track.length;
    const view = new DataView(b.buffer, b.byteOffset + at, 2);
    const was = clusterTime + view.getInt16(0);
    const now = Math.round(frame * ticksPerFrame);
    const rel = now - clusterTime;
    if (rel < -32768 || rel > 32767) throw new Error(`WebM: frame ${frame} is too far from its cluster's time to retime`);
    view.setInt16(0, rel);
    if (!moved.has(was)) moved.set(was, now);
    frame++;
  };
  const visit = (cluster: Element): void => {
    let clusterTime = 0;
    for (const c of children(b, cluster)) {
      if (c.id === ID.timecode) clusterTime = readUint(b, c);
      else if (c.id === ID.simpleBlock) retime(c, clusterTime);
      else if (c.id === ID.blockGroup) {
        for (const g of children(b, c)) if (g.id === ID.block) retime(g, clusterTime);
      } else if (c.id === ID.cluster) visit(c);
    }
  };
  const top = children(b, segment);
  for (const e of top) if (e.id === ID.cluster) visit(e);
  for (const cues of top.filter((e) => e.id === ID.cues)) {
    for (const point of children(b, cues)) {
      if (point.id !== ID.cuePoint) continue;
      const time = children(b, point).find((e) => e.id === ID.cueTime);
      const now = time ? moved.get(readUint(b, time)) : undefined;
      if (time && now !== undefined) writeUint(b, time, now);
    }
  }
  return frame;
}

/**
 * Gives a recorded WebM exact frame times: frame i at i/fps (retimeFrames), and its
 * Duration the frames × 1/fps. Returns the new bytes and the frames. Throws a one-line
 * error on a file that is not a WebM this function can edit.
 */
export function retimeWebm(input: Uint8Array, fps: number): { bytes: Uint8Array } & WebmFacts {
  if (!(fps > 0) || !Number.isFinite(fps)) throw new Error(`WebM: fps must be a positive number, not ${fps}`);
  const bytes = input.slice();
  const segment = findSegment(bytes);
  const info = children(bytes, segment).find((e) => e.id === ID.info);
  const scaleEl = info ? children(bytes, info).find((e) => e.id === ID.timecodeScale) : undefined;
  const scaleNs = scaleEl ? readUint(bytes, scaleEl) : 1_000_000;
  const frames = retimeFrames(bytes, segment, 1e9 / fps / scaleNs);
  return setWebmDuration(bytes, frames / fps);
}

function findSegment(input: Uint8Array): Element {
  let p = 0;
  while (p < input.length) {
    const e = readElement(input, p);
    if (e.id === ID.segment) return e;
    if (e.size === null) break;
    p = e.data + e.size;
  }
  throw new Error('WebM: no Segment element (is this a WebM file?)');
}

/**
 * Returns the WebM with its Duration set to `durationS` (and the frames it holds). Throws a
 * one-line error on a file that is not a WebM this function can edit.
 */
export function setWebmDuration(input: Uint8Array, durationS: number): { bytes: Uint8Array } & WebmFacts {
  if (!(durationS > 0) || !Number.isFinite(durationS))
    throw new Error(`WebM: duration must be a positive number of seconds, not ${durationS}`);
  const segment = findSegment(input);
  const top = children(input, segment);
  const info = top.find((e) => e.id === ID.info);
  if (!info || info.size === null) throw new Error('WebM: no Info element in the Segment');
  const fields = children(input, info);
  const scaleEl = fields.find((e) => e.id === ID.timecodeScale);
  const scaleNs = scaleEl ? readUint(input, scaleEl) : 1_000_000;
  const ticks = (durationS * 1e9) / scaleNs;
  const frames = countFrames(input, segment);
  const existing = fields.find((e) => e.id === ID.duration);
  if (existing && (existing.size === 4 || existing.size === 8)) {
    const bytes = input.slice();
    const view = new DataView(bytes.buffer, bytes.byteOffset + existing.data, existing.size);
    if (existing.size === 4) view.setFloat32(0, ticks);
    else view.setFloat64(0, ticks);
    return { bytes, frames, durationS };
  }
  if (top.some((e) => e.id === ID.seekHead || e.id === ID.cues)) {
    throw new Error('WebM: Info has no Duration and the file has a SeekHead or Cues whose offsets an insertion would move');
  }
  // Duration: id 0x4489, size 8, a float64 of timecode-scale ticks.
  const element = new Uint8Array(11);
  element.set([0x44, 0x89, 0x88]);
  new DataView(element.buffer).setFloat64(3, ticks);
  const infoSize = info.size + element.length;
  const infoHead = input.subarray(info.start, info.data - info.sizeLength);
  const infoEnd = info.data + info.size;
  const parts: Uint8Array[] = [];
  if (segment.size === null) parts.push(input.subarray(0, info.start));
  else {
    const segmentIdEnd = segment.data - segment.sizeLength;
    parts.push(
      input.subarray(0, segmentIdEnd),
      encodeSize(segment.size + element.length, segment.sizeLength),
      input.subarray(segment.data, info.start),
    );
  }
  parts.push(infoHead, encodeSize(infoSize, info.sizeLength), input.subarray(info.data, infoEnd), element, input.subarray(infoEnd));
  const bytes = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
  let at = 0;
  for (const x of parts) {
    bytes.set(x, at);
    at += x.length;
  }
  return { bytes, frames, durationS };
}

/** The frames and declared duration of a WebM (tests and the CLI's report). */
export function webmFacts(input: Uint8Array): WebmFacts & { declared: boolean } {
  const segment = findSegment(input);
  const info = children(input, segment).find((e) => e.id === ID.info);
  const fields = info ? children(input, info) : [];
  const scaleEl = fields.find((e) => e.id === ID.timecodeScale);
  const scaleNs = scaleEl ? readUint(input, scaleEl) : 1_000_000;
  const d = fields.find((e) => e.id === ID.duration);
  let durationS = Number.NaN;
  if (d && (d.size === 4 || d.size === 8)) {
    const view = new DataView(input.buffer, input.byteOffset + d.data, d.size);
    durationS = ((d.size === 4 ? view.getFloat32(0) : view.getFloat64(0)) * scaleNs) / 1e9;
  }
  return { frames: countFrames(input, segment), durationS, declared: d !== undefined };
}
