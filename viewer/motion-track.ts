// The world of one attempt over time, for scrubbing without re-simulating: keyframes
// from streamed frames, checkpoint snapshots and the gripper states of trace events,
// sampled at any time by interpolating between neighbours. Shared by the browser app
// and the tests; sampleInto() writes into a caller's snapshot and never allocates.

import type { GripperState, ObjectSpec, Pose, Snapshot } from '../sim/types.ts';
import type { Frame } from './protocol.ts';

const POSE = 7;

function round5(v: number): number {
  return Math.round(v * 1e5) / 1e5;
}

/** What a frame is made from: a Snapshot, or poses read one by one. */
export interface FrameSource {
  t: number;
  objects: Record<string, Pose | undefined>;
  gripper: GripperState;
}

/** A world state as a compact frame (see FrameSchema); objects in `ids` order, missing ones at the origin. */
export function encodeFrame(s: FrameSource, ids: readonly string[]): Frame {
  const objects = new Array<number>(ids.length * POSE);
  ids.forEach((id, i) => {
    const o = s.objects[id];
    const o7 = i * POSE;
    for (let k = 0; k < 3; k++) objects[o7 + k] = round5(o?.position[k] ?? 0);
    for (let k = 0; k < 4; k++) objects[o7 + 3 + k] = round5(o?.quaternion[k] ?? (k === 3 ? 1 : 0));
  });
  const g = s.gripper;
  return {
    t: s.t,
    objects,
    gripper: [round5(g.position[0]), round5(g.position[1]), round5(g.position[2]), round5(g.yaw), round5(g.width)],
    approach: g.approach,
    holding: g.holding,
  };
}

/** A snapshot to write samples into (one per consumer, reused every frame). */
export function scratchSnapshot(ids: readonly string[]): Snapshot {
  const objects: Snapshot['objects'] = {};
  for (const id of ids) objects[id] = { position: [0, 0, 0], quaternion: [0, 0, 0, 1], linvel: [0, 0, 0], angvel: [0, 0, 0] };
  return { t: 0, step: 0, objects, gripper: { position: [0, 0, 0], yaw: 0, approach: 'top', width: 0, holding: null } };
}

/** Index of the first key with time > t (keys sorted ascending). */
function upperBound(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts at the sorted position (after equal times); keys almost always arrive in order. */
function sortedInsert<T>(times: number[], values: T[], t: number, v: T): number {
  const at = times.length === 0 || times[times.length - 1]! <= t ? times.length : upperBound(times, t);
  times.splice(at, 0, t);
  values.splice(at, 0, v);
  return at;
}

function angleLerp(a: number, b: number, u: number): number {
  let d = (b - a) % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d < -Math.PI) d += 2 * Math.PI;
  return a + d * u;
}

interface GripKey {
  v: Float64Array;
  approach: GripperState['approach'];
  holding: string | null;
}

export class MotionTrack {
  readonly ids: readonly string[];
  private readonly objTimes: number[] = [];
  private readonly objKeys: Float64Array[] = [];
  private readonly gripTimes: number[] = [];
  private readonly gripKeys: GripKey[] = [];
  /** Lowest gripper key index inserted since consumePathEdits() last ran. */
  private pathEditFrom = Infinity;

  constructor(objects: readonly Pick<ObjectSpec, 'id'>[]) {
    this.ids = objects.map((o) => o.id);
  }

  get empty(): boolean {
    return this.objTimes.length === 0 && this.gripTimes.length === 0;
  }

  /** Time of the first key; 0 when empty. */
  get start(): number {
    const a = this.objTimes[0];
    const b = this.gripTimes[0];
    if (a === undefined) return b ?? 0;
    return b === undefined ? a : Math.min(a, b);
  }

  /** Time of the last key; 0 when empty. */
  get end(): number {
    const a = this.objTimes.at(-1);
    const b = this.gripTimes.at(-1);
    if (a === undefined) return b ?? 0;
    return b === undefined ? a : Math.max(a, b);
  }

  addFrame(f: Frame): void {
    sortedInsert(this.objTimes, this.objKeys, f.t, Float64Array.from(f.objects));
    const at = sortedInsert(this.gripTimes, this.gripKeys, f.t, {
      v: Float64Array.from(f.gripper),
      approach: f.approach,
      holding: f.holding,
    });
    this.pathEditFrom = Math.min(this.pathEditFrom, at);
  }

  addSnapshot(s: Snapshot): void {
    const pose = new Float64Array(this.ids.length * POSE);
    this.ids.forEach((id, i) => {
      const o = s.objects[id];
      if (!o) {
        pose[i * POSE + 6] = 1;
        return;
      }
      pose.set(o.position, i * POSE);
      pose.set(o.quaternion, i * POSE + 3);
    });
    sortedInsert(this.objTimes, this.objKeys, s.t, pose);
    this.addGripper(s.t, s.gripper);
  }

  /** A gripper-only key (trace events carry the gripper state when each call returned). */
  addGripper(t: number, g: GripperState): void {
    const v = Float64Array.of(g.position[0], g.position[1], g.position[2], g.yaw, g.width);
    const at = sortedInsert(this.gripTimes, this.gripKeys, t, { v, approach: g.approach, holding: g.holding });
    this.pathEditFrom = Math.min(this.pathEditFrom, at);
  }

  /** Number of gripper keys with time ≤ t: how much of the gripper's path has been travelled at t. */
  pathCountAt(t: number): number {
    return upperBound(this.gripTimes, t);
  }

  /**
   * The lowest path index that changed since the last call (keys may arrive out of
   * order), or pathLength when nothing before the end did. For the one path drawer.
   */
  consumePathEdits(): number {
    const from = Math.min(this.pathEditFrom, this.gripTimes.length);
    this.pathEditFrom = Infinity;
    return from;
  }

  get pathLength(): number {
    return this.gripTimes.length;
  }

  /** Writes gripper key i's position into out[offset..offset+3]. */
  pathPoint(i: number, out: Float32Array, offset: number): void {
    const v = this.gripKeys[i]!.v;
    out[offset] = v[0]!;
    out[offset + 1] = v[1]!;
    out[offset + 2] = v[2]!;
  }

  /** The world at time t (clamped to the track), interpolated between neighbouring keys, written into `out`. */
  sampleInto(t: number, out: Snapshot): Snapshot {
    out.t = t;
    const n = this.objTimes.length;
    if (n > 0) {
      const hi = Math.min(upperBound(this.objTimes, t), n - 1);
      const lo = Math.max(hi - 1, 0);
      const t0 = this.objTimes[lo]!;
      const t1 = this.objTimes[hi]!;
      const u = t1 > t0 ? Math.min(Math.max((t - t0) / (t1 - t0), 0), 1) : 1;
      const a = this.objKeys[lo]!;
      const b = this.objKeys[hi]!;
      for (let i = 0; i < this.ids.length; i++) {
        const o = out.objects[this.ids[i]!];
        if (!o) continue;
        const k = i * POSE;
        for (let j = 0; j < 3; j++) o.position[j] = a[k + j]! + (b[k + j]! - a[k + j]!) * u;
        // Normalised lerp along the shorter arc: close enough between keys 1/60 s apart.
        const dot = a[k + 3]! * b[k + 3]! + a[k + 4]! * b[k + 4]! + a[k + 5]! * b[k + 5]! + a[k + 6]! * b[k + 6]!;
        const sign = dot < 0 ? -1 : 1;
        let len = 0;
        for (let j = 0; j < 4; j++) {
          const q = a[k + 3 + j]! + (sign * b[k + 3 + j]! - a[k + 3 + j]!) * u;
          o.quaternion[j] = q;
          len += q * q;
        }
        len = Math.sqrt(len) || 1;
        for (let j = 0; j < 4; j++) o.quaternion[j] = o.quaternion[j]! / len;
      }
    }
    const m = this.gripTimes.length;
    if (m > 0) {
      const hi = Math.min(upperBound(this.gripTimes, t), m - 1);
      const lo = Math.max(hi - 1, 0);
      const t0 = this.gripTimes[lo]!;
      const t1 = this.gripTimes[hi]!;
      const u = t1 > t0 ? Math.min(Math.max((t - t0) / (t1 - t0), 0), 1) : 1;
      const a = this.gripKeys[lo]!;
      const b = this.gripKeys[hi]!;
      const g = out.gripper;
      for (let j = 0; j < 3; j++) g.position[j] = a.v[j]! + (b.v[j]! - a.v[j]!) * u;
      g.yaw = angleLerp(a.v[3]!, b.v[3]!, u);
      g.width = a.v[4]! + (b.v[4]! - a.v[4]!) * u;
      const held = u < 1 ? a : b;
      g.approach = held.approach;
      g.holding = held.holding;
    }
    return out;
  }
}
