// What changed between two snapshots, as data and as a sentence a repair prompt can
// quote: "blue_block moved 6.1 cm toward +x and is no longer upright".

import { evaluatePredicate, FLOOR_Z, ON_TABLE_GAP, worldAABB } from '../sim/index.ts';
import type { SceneSpec, Snapshot, Vec3 } from '../sim/index.ts';
import { tiltOf, yawOf, wrapAngle } from '../sim/index.ts';
import { UPRIGHT_LIMIT } from '../sim/index.ts';
import { isOffTable } from './checkpoint-checks.ts';

/**
 * What an object rests on: 'held', 'table', 'floor', 'off-table', 'air', 'on:<id>',
 * 'inside:<id>'; 'across:<a>+<b>…' when it lies across several supports (objects, or an
 * object and the table: "table" among them), 'partly-on:<id>' when one object alone
 * carries it but it hangs past that object's edge (or tilts) so it is not on it.
 */
export type Support =
  | 'held'
  | 'table'
  | 'floor'
  | 'off-table'
  | 'air'
  | `on:${string}`
  | `inside:${string}`
  | `across:${string}`
  | `partly-on:${string}`;

/** How far below an object's bottom another's top may lie and still carry it (m). */
const CONTACT_GAP = 0.01;
/** Horizontal slack when testing whether two footprints overlap (m). */
const CONTACT_MARGIN = 0.005;

/**
 * The objects (and "table") an object not squarely on anything touches from below, from
 * their world bounding boxes: the footprints overlap, a support's top lies between the
 * object's bottom (less CONTACT_GAP) and its top, and the support's centre is lower than
 * the object's.
 */
export function contactSupports(scene: SceneSpec, s: Snapshot, id: string): string[] {
  const spec = scene.objects.find((o) => o.id === id);
  const st = s.objects[id];
  if (!spec || !st) return [];
  const a = worldAABB(spec, { position: st.position, quaternion: st.quaternion });
  const out: string[] = [];
  for (const o of scene.objects) {
    const ost = s.objects[o.id];
    if (o.id === id || !ost) continue;
    const b = worldAABB(o, { position: ost.position, quaternion: ost.quaternion });
    const overlaps =
      a.min[0] < b.max[0] + CONTACT_MARGIN &&
      b.min[0] < a.max[0] + CONTACT_MARGIN &&
      a.min[1] < b.max[1] + CONTACT_MARGIN &&
      b.min[1] < a.max[1] + CONTACT_MARGIN;
    if (overlaps && b.max[2] >= a.min[2] - CONTACT_GAP && b.max[2] < a.max[2] && ost.position[2] < st.position[2]) out.push(o.id);
  }
  if (a.min[2] <= ON_TABLE_GAP && !isOffTable(scene, id, s)) out.push('table');
  return out;
}

export function supportOf(scene: SceneSpec, s: Snapshot, id: string): Support {
  if (s.gripper.holding === id) return 'held';
  const view = { scene, state: s, initial: s };
  for (const o of scene.objects) {
    if (o.id === id) continue;
    if ((o.shape === 'bowl' || o.shape === 'tray') && evaluatePredicate({ inside: [id, o.id] }, view).ok) return `inside:${o.id}`;
  }
  for (const o of scene.objects) {
    if (o.id !== id && evaluatePredicate({ on: [id, o.id] }, view).ok) return `on:${o.id}`;
  }
  const st = s.objects[id];
  const spec = scene.objects.find((o) => o.id === id);
  const tilted = !!st && !!spec && spec.shape !== 'sphere' && tiltOf(st.quaternion) > UPRIGHT_LIMIT;
  const onTable = evaluatePredicate({ onTable: id }, view).ok;
  // Standing upright on the table, a neighbour's top beside it is no support; lying
  // tilted, or raised off the table, whatever lies under it is.
  if (tilted || !onTable) {
    const under = contactSupports(scene, s, id);
    const objects = under.filter((u) => u !== 'table');
    if (objects.length > 0 && under.length >= 2) return `across:${under.join('+')}`;
    if (objects.length === 1 && !onTable) return `partly-on:${objects[0]}`;
    // Touching the table and nothing else (pressed a little into it, say): on the table.
    if (under.length === 1 && under[0] === 'table') return 'table';
  }
  if (onTable) return 'table';
  if (isOffTable(scene, id, s)) return (s.objects[id]?.position[2] ?? 0) < FLOOR_Z + 0.2 ? 'floor' : 'off-table';
  return 'air';
}

function supportName(id: string): string {
  return id === 'table' ? 'the table' : id;
}

export function describeSupport(s: Support): string {
  if (s === 'held') return 'held by the gripper';
  if (s === 'table') return 'on the table';
  if (s === 'floor') return 'on the floor';
  if (s === 'off-table') return 'off the table';
  if (s === 'air') return 'not resting on anything';
  if (s.startsWith('on:')) return `on ${s.slice(3)}`;
  if (s.startsWith('across:')) {
    const parts = s.slice(7).split('+').map(supportName);
    return `lying across ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  }
  if (s.startsWith('partly-on:')) return `partly on ${s.slice(10)}, hanging over its edge`;
  return `inside ${s.slice(7)}`;
}

export interface ObjectChange {
  id: string;
  /** Displacement of the centre (m) and its length. */
  delta: Vec3;
  moved: number;
  /** "+x", "+x -y", "up", …: the dominant directions of the displacement. */
  direction: string;
  /** Change of heading about z (rad, wrapped). */
  yawChange: number;
  tiltBefore: number;
  tiltAfter: number;
  /** null for spheres (no up). */
  uprightBefore: boolean | null;
  uprightAfter: boolean | null;
  supportBefore: Support;
  supportAfter: Support;
}

export interface SceneDiff {
  changes: ObjectChange[];
  gripper: {
    moved: number;
    from: Vec3;
    to: Vec3;
    widthBefore: number;
    widthAfter: number;
    holdingBefore: string | null;
    holdingAfter: string | null;
  };
  /** One sentence per change; "Nothing moved." when nothing did. */
  text: string;
}

export interface DiffOptions {
  /** Smallest displacement reported (m). Default 5 mm. */
  moveThreshold?: number;
  /** Smallest turn about z reported (rad). Default 15°. */
  turnThreshold?: number;
}

function fmtCm(m: number): string {
  return `${(Math.abs(m) < 0.0005 ? 0 : m * 100).toFixed(1)} cm`;
}

export function directionOf(d: Vec3): string {
  const [dx, dy, dz] = d;
  const horiz = Math.hypot(dx, dy);
  const parts: string[] = [];
  if (horiz >= 0.5 * Math.abs(dz)) {
    if (Math.abs(dx) >= 0.38 * horiz) parts.push(dx > 0 ? '+x' : '-x');
    if (Math.abs(dy) >= 0.38 * horiz) parts.push(dy > 0 ? '+y' : '-y');
  }
  if (Math.abs(dz) >= 0.5 * horiz) parts.push(dz > 0 ? 'up' : 'down');
  return parts.join(' ');
}

function isUpright(shape: string, tilt: number): boolean | null {
  return shape === 'sphere' ? null : tilt <= UPRIGHT_LIMIT;
}

export function diffSnapshots(scene: SceneSpec, before: Snapshot, after: Snapshot, opts: DiffOptions = {}): SceneDiff {
  const moveMin = opts.moveThreshold ?? 0.005;
  const turnMin = opts.turnThreshold ?? (15 * Math.PI) / 180;
  const changes: ObjectChange[] = [];
  for (const o of scene.objects) {
    const a = before.objects[o.id],
      b = after.objects[o.id];
    if (!a || !b) continue;
    const delta: Vec3 = [b.position[0] - a.position[0], b.position[1] - a.position[1], b.position[2] - a.position[2]];
    const moved = Math.hypot(...delta);
    const tiltBefore = tiltOf(a.quaternion),
      tiltAfter = tiltOf(b.quaternion);
    const yawChange = o.shape === 'sphere' ? 0 : wrapAngle(yawOf(b.quaternion) - yawOf(a.quaternion));
    const supportBefore = supportOf(scene, before, o.id),
      supportAfter = supportOf(scene, after, o.id);
    const uprightBefore = isUpright(o.shape, tiltBefore),
      uprightAfter = isUpright(o.shape, tiltAfter);
    const changed =
      moved >= moveMin ||
      supportBefore !== supportAfter ||
      uprightBefore !== uprightAfter ||
      (uprightAfter === true && Math.abs(yawChange) >= turnMin);
    if (!changed) continue;
    changes.push({
      id: o.id,
      delta,
      moved,
      direction: moved >= moveMin ? directionOf(delta) : '',
      yawChange,
      tiltBefore,
      tiltAfter,
      uprightBefore,
      uprightAfter,
      supportBefore,
      supportAfter,
    });
  }
  changes.sort((p, q) => q.moved - p.moved);
  const g0 = before.gripper,
    g1 = after.gripper;
  const diff: SceneDiff = {
    changes,
    gripper: {
      moved: Math.hypot(g1.position[0] - g0.position[0], g1.position[1] - g0.position[1], g1.position[2] - g0.position[2]),
      from: [...g0.position],
      to: [...g1.position],
      widthBefore: g0.width,
      widthAfter: g1.width,
      holdingBefore: g0.holding,
      holdingAfter: g1.holding,
    },
    text: '',
  };
  diff.text = describeSceneDiff(diff);
  return diff;
}

/** The diff of every checkpoint from the one before it (the first from the scene as laid out). */
export function diffCheckpoints(
  scene: SceneSpec,
  checkpoints: readonly { index: number; snapshot: Snapshot }[],
  start: Snapshot,
  opts?: DiffOptions,
): { from: number | null; to: number; diff: SceneDiff }[] {
  return checkpoints.map((cp, i) => ({
    from: i > 0 ? checkpoints[i - 1]!.index : null,
    to: cp.index,
    diff: diffSnapshots(scene, i > 0 ? checkpoints[i - 1]!.snapshot : start, cp.snapshot, opts),
  }));
}

export function describeChange(c: ObjectChange): string {
  const clauses: string[] = [];
  if (c.direction) clauses.push(`moved ${fmtCm(c.moved)} toward ${c.direction}`.replace('toward up', 'up').replace('toward down', 'down'));
  if (c.uprightBefore === true && c.uprightAfter === false)
    clauses.push(`is no longer upright (tilted ${Math.round((c.tiltAfter * 180) / Math.PI)}°)`);
  else if (c.uprightBefore === false && c.uprightAfter === true) clauses.push('is upright again');
  else if (c.uprightAfter && Math.abs(c.yawChange) >= (15 * Math.PI) / 180)
    clauses.push(`turned ${Math.round((c.yawChange * 180) / Math.PI)}°`);
  if (c.supportBefore !== c.supportAfter) {
    if (c.supportAfter === 'held') clauses.push('is now held by the gripper');
    else if (c.supportAfter === 'floor') clauses.push('fell to the floor');
    else if (c.supportAfter === 'off-table') clauses.push('left the table');
    else if (c.supportBefore === 'held') clauses.push(`is no longer held (now ${describeSupport(c.supportAfter)})`);
    else clauses.push(`is now ${describeSupport(c.supportAfter)} (was ${describeSupport(c.supportBefore)})`);
  }
  if (clauses.length === 0) return `${c.id} did not change`;
  const last = clauses.pop()!;
  return `${c.id} ${clauses.length ? `${clauses.join(', ')} and ${last}` : last}`;
}

export function describeSceneDiff(diff: SceneDiff): string {
  const lines = diff.changes.map((c) => describeChange(c) + '.');
  const g = diff.gripper;
  if (g.holdingBefore !== g.holdingAfter) {
    lines.push(
      g.holdingAfter
        ? `The gripper now holds ${g.holdingAfter}${g.holdingBefore ? ` (it held ${g.holdingBefore})` : ''}.`
        : `The gripper no longer holds ${g.holdingBefore}.`,
    );
  }
  return lines.length > 0 ? lines.join(' ') : 'Nothing moved.';
}
