// Scene randomisation: one task + one seed → one SceneSpec, the same every time.
// Footprints and stacking heights use each object's true size (the world's), so objects
// whose stated size is wrong still do not overlap; `stated` carries what the task tells.
// Objects with a fixed position go first (± jitter), then the others are drawn inside
// the layout, largest first, with their footprint circles `minGap` apart and clear of
// zones; stacked objects sit on their support's top (or a container's floor); distractors take colours no named
// object or zone uses, so "the red block" always means one thing.

import { COLOR_NAMES, containerInterior, createRng } from '../sim/index.ts';
import type { ColorName, ObjectSpec, Rng, SceneSpec, Shape, Vec2, Vec3 } from '../sim/index.ts';
import { DISTRACTOR_PREFIX, defaultFriction, defaultMass } from './task-file.ts';
import { TaskError } from './task-def.ts';
import type { ObjectTemplate, TaskDef } from './task-def.ts';

/** Whole layouts drawn before giving up. */
export const MAX_LAYOUT_TRIES = 60;
/** Positions drawn for one object within one layout try. */
const SAMPLES_PER_OBJECT = 80;
/** An object that starts inside a container is dropped from this high above its floor (m). */
export const CONTAINER_DROP = 0.002;

/** Radius of the circle that covers an object's footprint at any yaw. */
export function footprintRadius(o: { shape: Shape; size: Vec3 }): number {
  const [sx, sy] = o.size;
  return o.shape === 'box' || o.shape === 'tray' ? Math.hypot(sx, sy) / 2 : Math.max(sx, sy) / 2;
}

/** To 0.1 mm (and 0.1 mrad): scenes read well in prompts and compare exactly. */
const round = (v: number): number => Number(v.toFixed(4)) || 0;
const roundVec = <T extends number[]>(v: T): T => v.map(round) as T;

function distractorSize(shape: Shape, rng: Rng): Vec3 {
  const mm = (a: number, b: number) => Number(rng.range(a, b).toFixed(3));
  switch (shape) {
    case 'box': {
      const s = mm(0.03, 0.05);
      return [s, s, s];
    }
    case 'cylinder': {
      const d = mm(0.03, 0.045);
      return [d, d, mm(0.04, 0.07)];
    }
    case 'sphere': {
      const d = mm(0.035, 0.05);
      return [d, d, d];
    }
    case 'bowl': {
      const d = mm(0.12, 0.14);
      return [d, d, 0.05];
    }
    case 'tray':
      return [mm(0.16, 0.2), mm(0.12, 0.15), 0.03];
  }
}

/** Colours a distractor may take: none a named object or a zone of the task uses. */
export function distractorColors(task: Pick<TaskDef, 'sceneTemplate'>): ColorName[] {
  const used = new Set<ColorName>([...task.sceneTemplate.objects.map((o) => o.color), ...task.sceneTemplate.zones.map((z) => z.color)]);
  return COLOR_NAMES.filter((c) => !used.has(c));
}

function makeDistractors(task: Pick<TaskDef, 'id' | 'file' | 'sceneTemplate'>, rng: Rng): ObjectTemplate[] {
  const { count, shapes } = task.sceneTemplate.distractors;
  const n = typeof count === 'number' ? count : rng.int(count[0], count[1]);
  if (n === 0) return [];
  const free = distractorColors(task);
  if (free.length === 0)
    throw new TaskError(task.file, 'scene.distractors', 'no colour left for distractors: the named objects and zones use all of them');
  const colors = rng.shuffle(free);
  return Array.from({ length: n }, (_, i) => {
    const shape = rng.pick(shapes);
    const size = distractorSize(shape, rng);
    return {
      id: `${DISTRACTOR_PREFIX}${i}`,
      shape,
      color: colors[i % colors.length]!,
      size,
      mass: defaultMass(shape, size),
      friction: defaultFriction(shape),
      jitter: 0,
    };
  });
}

interface Disc {
  x: number;
  y: number;
  r: number;
}

function clearOf(d: Disc, placed: Disc[], gap: number): boolean {
  return placed.every((p) => Math.hypot(d.x - p.x, d.y - p.y) >= d.r + p.r + gap);
}

function clearOfZones(d: Disc, zones: { min: Vec2; max: Vec2 }[], gap: number): boolean {
  return zones.every((z) => {
    const dx = Math.max(z.min[0] - d.x, 0, d.x - z.max[0]);
    const dy = Math.max(z.min[1] - d.y, 0, d.y - z.max[1]);
    return Math.hypot(dx, dy) >= d.r + gap;
  });
}

interface Spot {
  position: Vec2;
  jitter: number;
}

function byIdOf(objects: readonly ObjectTemplate[], id: string): ObjectTemplate {
  const o = objects.find((x) => x.id === id);
  if (!o?.position) throw new Error(`layout.shuffle: "${id}" is not an object with a fixed position`);
  return o;
}

/** layout.shuffle: each group's spots dealt among its members by the seed (a permutation per group). */
function dealSpots(groups: readonly string[][], rng: Rng, lookup: (id: string) => ObjectTemplate): Map<string, Spot> {
  const out = new Map<string, Spot>();
  for (const group of groups) {
    const spots = group.map((id) => {
      const o = lookup(id);
      return { position: o.position!, jitter: o.jitter };
    });
    const dealt = rng.shuffle(spots);
    for (const [k, id] of group.entries()) out.set(id, dealt[k]!);
  }
  return out;
}

/**
 * Resolve a task's scene for one seed: every object gets a position (bbox centre, so
 * z = half its height on the table) and a yaw. Same task and seed → identical scene.
 * Throws TaskError when the layout cannot fit the objects.
 */
export function instantiateScene(task: Pick<TaskDef, 'id' | 'file' | 'sceneTemplate'>, seed: number): SceneSpec {
  const t = task.sceneTemplate;
  const rng = createRng(`${task.id}#${seed}`);
  const yawRng = rng.fork('yaw');
  const distractors = makeDistractors(task, rng.fork('distractors'));
  const placeRng = rng.fork('place');
  const spotOf = dealSpots(t.layout.shuffle, rng.fork('shuffle'), (id) => byIdOf(t.objects, id));
  const all = [...t.objects, ...distractors];
  const byId = new Map(all.map((o) => [o.id, o]));
  const { layout } = t;

  // Yaw: fixed, else random for boxes when asked (a square's yaw repeats every 90°, a rectangle's every 180°).
  const yaw = new Map<string, number>();
  for (const o of all) {
    let y = o.yaw ?? 0;
    if (o.yaw === undefined && o.shape === 'box' && layout.randomYaw) {
      const half = o.size[0] === o.size[1] ? Math.PI / 4 : Math.PI / 2;
      y = yawRng.range(-half, half);
    }
    yaw.set(o.id, round(y));
  }

  // A stack occupies the footprint of its widest member. Roots are memoised and found without
  // recursion, so a scene costs time linear in its objects however its stacks are chained
  // (the loader has refused cycles and stacks taller than TASK_LIMITS.maxStack).
  const roots = new Map<string, ObjectTemplate>();
  const rootOf = (o: ObjectTemplate): ObjectTemplate => {
    const chain: ObjectTemplate[] = [];
    let cur = o;
    while (cur.on && !roots.has(cur.id)) {
      chain.push(cur);
      if (chain.length > all.length) throw new TaskError(task.file, 'scene.objects', `stacking cycle through "${o.id}"`);
      cur = byId.get(cur.on)!;
    }
    const root = roots.get(cur.id) ?? cur;
    for (const c of chain) roots.set(c.id, root);
    return root;
  };
  const radius = new Map<string, number>();
  for (const o of all) {
    const root = rootOf(o);
    radius.set(root.id, Math.max(radius.get(root.id) ?? 0, footprintRadius(o)));
  }
  const bottoms = all.filter((o) => !o.on);
  const fixed = bottoms.filter((o) => o.position);
  const free = bottoms.filter((o) => !o.position).sort((a, b) => radius.get(b.id)! - radius.get(a.id)!);

  for (const o of free) {
    const r = radius.get(o.id)!;
    if (layout.min[0] + r > layout.max[0] - r || layout.min[1] + r > layout.max[1] - r) {
      throw new TaskError(
        task.file,
        'scene.layout',
        `"${o.id}" (footprint radius ${r.toFixed(3)} m) does not fit in the layout [${layout.min}]..[${layout.max}]`,
      );
    }
  }

  let centres: Map<string, Disc> | null = null;
  let blocker = '';
  for (let attempt = 0; attempt < MAX_LAYOUT_TRIES && !centres; attempt++) {
    const placed = new Map<string, Disc>();
    let ok = true;
    for (const o of fixed) {
      const spot = spotOf.get(o.id) ?? { position: o.position!, jitter: o.jitter };
      const j = spot.jitter;
      const d: Disc = {
        x: round(spot.position[0] + (j > 0 ? placeRng.range(-j, j) : 0)),
        y: round(spot.position[1] + (j > 0 ? placeRng.range(-j, j) : 0)),
        r: radius.get(o.id)!,
      };
      if (!clearOf(d, [...placed.values()], layout.minGap)) {
        ok = false;
        blocker = o.id;
        break;
      }
      placed.set(o.id, d);
    }
    for (const o of ok ? free : []) {
      const r = radius.get(o.id)!;
      let spot: Disc | null = null;
      for (let k = 0; k < SAMPLES_PER_OBJECT && !spot; k++) {
        const d: Disc = {
          x: round(placeRng.range(layout.min[0] + r, layout.max[0] - r)),
          y: round(placeRng.range(layout.min[1] + r, layout.max[1] - r)),
          r,
        };
        if (clearOf(d, [...placed.values()], layout.minGap) && clearOfZones(d, t.zones, layout.minGap / 2)) spot = d;
      }
      if (!spot) {
        ok = false;
        blocker = o.id;
        break;
      }
      placed.set(o.id, spot);
    }
    if (ok) centres = placed;
  }
  if (!centres) {
    throw new TaskError(
      task.file,
      'scene',
      `cannot place "${blocker}" without overlaps (layout [${layout.min}]..[${layout.max}], minGap ${layout.minGap} m, ${all.length} objects) after ${MAX_LAYOUT_TRIES} tries with seed ${seed}; enlarge scene.layout, lower minGap, or use fewer objects or distractors`,
    );
  }

  // Heights: roots stand on the table; stacked objects on their support's top (or a container's floor).
  const position = new Map<string, Vec3>();
  const resolve = (o: ObjectTemplate): Vec3 => {
    const known = position.get(o.id);
    if (known) return known;
    let p: Vec3;
    if (!o.on) {
      const c = centres!.get(o.id)!;
      p = [c.x, c.y, o.size[2] / 2];
    } else {
      const s = byId.get(o.on)!;
      const sp = resolve(s);
      const inner = containerInterior(s);
      const base = inner ? sp[2] - s.size[2] / 2 + inner.floor + CONTAINER_DROP : sp[2] + s.size[2] / 2;
      p = [sp[0], sp[1], base + o.size[2] / 2];
    }
    p = roundVec(p);
    position.set(o.id, p);
    return p;
  };

  // The truth the world is built from (size, mass, friction, comOffset, fixed, innerSize) and
  // what the task states where it differs (`stated`); statedScene() is what programmers see.
  const objects: ObjectSpec[] = all.map((o) => ({
    id: o.id,
    shape: o.shape,
    color: o.color,
    size: [...o.size] as Vec3,
    mass: o.mass,
    friction: o.friction,
    position: resolve(o),
    yaw: yaw.get(o.id)!,
    ...(o.comOffset ? { comOffset: [...o.comOffset] as Vec3 } : {}),
    ...(o.fixed ? { fixed: true } : {}),
    ...(o.innerSize ? { innerSize: [...o.innerSize] as Vec2 } : {}),
    ...(o.stated ? { stated: { ...o.stated, ...(o.stated.size ? { size: [...o.stated.size] as Vec3 } : {}) } } : {}),
  }));
  const zones = t.zones.map((z) => ({ id: z.id, min: [...z.min] as Vec2, max: [...z.max] as Vec2, color: z.color }));
  return { objects, zones };
}
