import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../sim/index.ts';
import { MotionTrack, encodeFrame, scratchSnapshot } from '../../viewer/motion-track.ts';

const IDS = ['a', 'b'];

function snap(t: number, ax: number, yaw = 0, holding: string | null = null): Snapshot {
  return {
    t,
    step: Math.round(t * 240),
    objects: {
      a: { position: [ax, 0, 0.02], quaternion: [0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2)], linvel: [0, 0, 0], angvel: [0, 0, 0] },
      b: { position: [0, 0.1, 0.02], quaternion: [0, 0, 0, 1], linvel: [0, 0, 0], angvel: [0, 0, 0] },
    },
    gripper: { position: [ax, 0, 0.2], yaw, approach: 'top', width: 0.08, holding },
  };
}

describe('MotionTrack', () => {
  it('encodes a snapshot as 7 numbers per object and the gripper as 5', () => {
    const f = encodeFrame(snap(1, 0.123456789), IDS);
    expect(f.objects).toHaveLength(14);
    expect(f.objects.slice(0, 3)).toEqual([0.12346, 0, 0.02]);
    expect(f.gripper).toEqual([0.12346, 0, 0.2, 0, 0.08]);
  });

  it('interpolates positions and rotations between neighbouring frames', () => {
    const track = new MotionTrack(IDS.map((id) => ({ id })));
    track.addFrame(encodeFrame(snap(0, 0), IDS));
    track.addFrame(encodeFrame(snap(1, 0.2, Math.PI / 2), IDS));
    const out = track.sampleInto(0.5, scratchSnapshot(IDS));
    expect(out.objects.a!.position[0]).toBeCloseTo(0.1, 5);
    expect(out.gripper.position[0]).toBeCloseTo(0.1, 5);
    expect(out.gripper.yaw).toBeCloseTo(Math.PI / 4, 5);
    const q = out.objects.a!.quaternion;
    expect(Math.hypot(...q)).toBeCloseTo(1, 6);
  });

  it('clamps to the first and the last key', () => {
    const track = new MotionTrack(IDS.map((id) => ({ id })));
    track.addSnapshot(snap(1, 0.1));
    track.addSnapshot(snap(2, 0.3));
    const out = scratchSnapshot(IDS);
    expect(track.sampleInto(0, out).objects.a!.position[0]).toBeCloseTo(0.1);
    expect(track.sampleInto(9, out).objects.a!.position[0]).toBeCloseTo(0.3);
    expect([track.start, track.end]).toEqual([1, 2]);
  });

  it('keeps keys in time order when a checkpoint arrives after later frames', () => {
    const track = new MotionTrack(IDS.map((id) => ({ id })));
    track.addFrame(encodeFrame(snap(0, 0), IDS));
    track.addFrame(encodeFrame(snap(2, 0.2), IDS));
    track.consumePathEdits();
    track.addSnapshot(snap(1, 0.5, 0, 'a'));
    expect(track.consumePathEdits()).toBe(1);
    expect(track.sampleInto(1, scratchSnapshot(IDS)).objects.a!.position[0]).toBeCloseTo(0.5);
    expect(track.sampleInto(1, scratchSnapshot(IDS)).gripper.holding).toBe('a');
    expect(track.pathCountAt(1.5)).toBe(2);
  });

  it('samples without allocating a new snapshot', () => {
    const track = new MotionTrack(IDS.map((id) => ({ id })));
    track.addFrame(encodeFrame(snap(0, 0), IDS));
    const out = scratchSnapshot(IDS);
    const position = out.objects.a!.position;
    expect(track.sampleInto(0, out)).toBe(out);
    expect(out.objects.a!.position).toBe(position);
  });
});
