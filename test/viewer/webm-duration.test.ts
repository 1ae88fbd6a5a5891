// webm-duration.ts on a hand-built WebM of the live layout (unknown-size Segment and Cluster,
// no Duration): frames retimed to i/fps and the Duration inserted; and a file that is not WebM.
import { describe, expect, it } from 'vitest';
import { retimeWebm, webmFacts } from '../../viewer/app/webm-duration.ts';

const UNKNOWN = [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const block = (ms: number): number[] => [0xa3, 0x85, 0x81, (ms >> 8) & 0xff, ms & 0xff, 0x80, 0x00];

/** EBML header, Segment (unknown size): Info (1 ms ticks), Cluster (unknown size) at 0 with frames at `times` ms. */
function liveWebm(times: number[]): Uint8Array {
  return new Uint8Array([
    ...[0x1a, 0x45, 0xdf, 0xa3, 0x80],
    ...[0x18, 0x53, 0x80, 0x67, ...UNKNOWN],
    ...[0x15, 0x49, 0xa9, 0x66, 0x87, 0x2a, 0xd7, 0xb1, 0x83, 0x0f, 0x42, 0x40],
    ...[0x1f, 0x43, 0xb6, 0x75, ...UNKNOWN, 0xe7, 0x81, 0x00],
    ...times.flatMap(block),
  ]);
}

describe('retimeWebm', () => {
  it('puts frame i at i/fps and inserts the Duration a live-written file lacks', () => {
    const input = liveWebm([0, 41, 75]);
    expect(webmFacts(input)).toMatchObject({ frames: 3, declared: false });
    const { bytes, frames, durationS } = retimeWebm(input, 25);
    expect([frames, durationS]).toEqual([3, 0.12]);
    expect(webmFacts(bytes)).toEqual({ frames: 3, durationS: 0.12, declared: true });
    expect(bytes.length).toBe(input.length + 11);
    // The last block's time (relative to its cluster at 0): 2 × 40 ms.
    expect((bytes.at(-4)! << 8) | bytes.at(-3)!).toBe(80);
    expect((bytes.at(-11)! << 8) | bytes.at(-10)!).toBe(40);
  });

  it('refuses bytes that are no WebM with one line', () => {
    expect(() => retimeWebm(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x80]), 30)).toThrow(/^WebM: no Segment element/);
    expect(() => retimeWebm(liveWebm([0]), 0)).toThrow('WebM: fps must be a positive number, not 0');
  });
});
