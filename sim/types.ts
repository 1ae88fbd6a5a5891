// The data contract of the simulated world: units and conventions, scenes, snapshots,
// predicates and the world API (docs/architecture.md, "World conventions"). Every other
// folder reads these types; keep them plain JSON-able data so they can cross threads,
// files and the browser. The trace of an attempt is in trace.ts, errors in errors.ts.

import type { TableRegionName } from './table-regions.ts';

export type Vec2 = [number, number];
export type Vec3 = [number, number, number];
/** Quaternion as [x, y, z, w]. */
export type Quat = [number, number, number, number];

export const COLOR_NAMES = [
  'red',
  'green',
  'blue',
  'yellow',
  'purple',
  'orange',
  'pink',
  'cyan',
  'brown',
  'gray',
  'white',
  'black',
] as const;
export type ColorName = (typeof COLOR_NAMES)[number];

/** Display colours (sRGB hex) used by the renderer and the viewer. */
export const COLOR_HEX: Record<ColorName, number> = {
  red: 0xd62828,
  green: 0x2a9d3f,
  blue: 0x1f5fd1,
  yellow: 0xf2c14e,
  purple: 0x7b3fa0,
  orange: 0xf07f13,
  pink: 0xf28ab2,
  cyan: 0x2ec4d6,
  brown: 0x8b5a2b,
  gray: 0x8d8d8d,
  white: 0xf2f2f2,
  black: 0x222222,
};

export const SHAPES = ['box', 'cylinder', 'sphere', 'bowl', 'tray'] as const;
export type Shape = (typeof SHAPES)[number];
export const CONTAINER_SHAPES: readonly Shape[] = ['bowl', 'tray'];

/** The physics engines behind `PhysicsWorld` (DESIGN §13): Rapier (the default) and cannon-es. */
export const ENGINE_NAMES = ['rapier', 'cannon'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];
export type Approach = 'top' | 'side';

/** One object of a resolved scene (after randomisation). */
export interface ObjectSpec {
  id: string;
  shape: Shape;
  color: ColorName;
  /** Full extents in metres: box [x,y,z]; cylinder [d,d,h]; sphere [d,d,d]; bowl [outer d, outer d, h]; tray [x,y,h]. */
  size: Vec3;
  mass: number;
  friction: number;
  /** Centre of the object's bounding box in the world frame at the start. */
  position: Vec3;
  /** Rotation about z at the start (radians). */
  yaw: number;
  /**
   * Hidden truth (from a task's `hidden` block; never shown to programmers): the centre of
   * mass, offset from the bounding-box centre in the object's own frame (m).
   */
  comOffset?: Vec3;
  /** Hidden truth: the object cannot be lifted (it slides when pushed but never leaves the table). */
  fixed?: boolean;
  /** Hidden truth, bowls and trays: the usable inside [x, y] (m), smaller than `size` implies (thicker walls). */
  innerSize?: Vec2;
  /**
   * What the task file states where it differs from the truth above: programmers, prompts
   * and scene queries see these values (statedScene); the world is built from the truth.
   */
  stated?: StatedProps;
}

/** The stated (told) values of an object whose hidden truth differs. */
export interface StatedProps {
  size?: Vec3;
  mass?: number;
  friction?: number;
}

/** A flat marked area of the table top (no collider). */
export interface ZoneSpec {
  id: string;
  min: Vec2;
  max: Vec2;
  color: ColorName;
}

/** A fully resolved scene: what the world is built from. */
export interface SceneSpec {
  objects: ObjectSpec[];
  zones: ZoneSpec[];
}

export interface Pose {
  position: Vec3;
  quaternion: Quat;
}

export interface ObjectState extends Pose {
  linvel: Vec3;
  angvel: Vec3;
}

export interface GripperState {
  /** Tool centre point: midway between the fingertips. */
  position: Vec3;
  yaw: number;
  approach: Approach;
  /** Current opening between the finger inner faces (m), 0..GRIPPER.maxOpening. */
  width: number;
  /** Id of the object held between the fingers, detected from contacts; null if none. */
  holding: string | null;
}

/**
 * The state of the world at one instant: poses of all bodies and the gripper.
 * `engineState` (when present) lets the engine restore exactly, contact caches
 * included; it never goes into JSON (the trace writer drops it).
 */
export interface Snapshot {
  t: number;
  step: number;
  objects: Record<string, ObjectState>;
  gripper: GripperState;
  /**
   * Where the held object's centre sat in the gripper frame when it was grasped (m);
   * slip detection measures from it, so a restore replays the same future. Absent
   * when nothing is held.
   */
  graspOffset?: Vec3;
  engineState?: Uint8Array;
}

/** Gripper dimensions (m). The renderer and the physics build the same shapes from these. */
export const GRIPPER = {
  maxOpening: 0.08,
  fingerLength: 0.06,
  fingerThickness: 0.012,
  fingerDepth: 0.022,
  palmSize: [0.11, 0.03, 0.025] as Vec3,
} as const;

export const TABLE = {
  size: [1.0, 0.8] as Vec2,
  thickness: 0.04,
  /** Reachable TCP workspace. */
  workspace: { min: [-0.45, -0.35, 0] as Vec3, max: [0.45, 0.35, 0.45] as Vec3 },
  /** Home pose of the gripper TCP. */
  home: [0, -0.15, 0.3] as Vec3,
} as const;

export const PHYSICS_HZ = 240;

// ---------------------------------------------------------------- predicates (docs/architecture.md#predicates)

export type Target = string | Vec2 | Vec3;

/** A side of something as the top camera's image shows it: +x is right, +y is top (far from the robot). */
export type ImageDirection = 'left' | 'right' | 'top' | 'bottom';

/**
 * An object named in a predicate: a plain id; a variable bound by an enclosing
 * `every` / `some` (a string starting with `$`); or `{ the: Selector }`, the one object
 * the selector picks from the scene at the start of the episode (WorldView.initial).
 */
export type ObjRef = string | { the: Selector };

/**
 * Objects picked from the scene at the start of the episode (WorldView.initial): the
 * filters (shape, color, notColor, kind, exclude, sameColorAs, differentColorFrom, side)
 * first, then at most one ranking (closestTo, farthestFrom, nth, largest, smallest).
 */
export interface Selector {
  shape?: Shape | Shape[];
  color?: ColorName | ColorName[];
  notColor?: ColorName | ColorName[];
  /** "object": not a bowl or tray; "container": a bowl or tray. */
  kind?: 'object' | 'container';
  exclude?: ObjRef[];
  sameColorAs?: ObjRef;
  differentColorFrom?: ObjRef;
  /** The candidate's centre lies on that side of `of`'s centre (more along that axis than across it). */
  side?: { of: ObjRef; direction: ImageDirection };
  closestTo?: ObjRef;
  farthestFrom?: ObjRef;
  /** The n-th (1-based) counted from that side of the table. */
  nth?: { n: number; from: ImageDirection };
  /** The n largest / smallest by volume. */
  largest?: number;
  smallest?: number;
}

/** A quantifier's body: `holds` with the variable `as` (default "$") bound to each selected object. */
export interface Quantified {
  select: Selector;
  as?: string;
  holds: Predicate;
}

/** Where `distinct` puts objects: a table region name, a zone id or a container id (inside it). */
export type Place = string;

/**
 * A table region by name, or a corner named by how near it is to an object at the start of
 * the episode ("the corner closest to the green bowl"): the corner whose anchor is nearest
 * to (farthest from) that object's centre.
 */
export type RegionRef = TableRegionName | { corner: { closestTo: ObjRef } | { farthestFrom: ObjRef } };

export type LineDirection = 'horizontal' | 'vertical' | 'diagonal' | 'any';

/** The objects of an arrangement: listed (`ids`) or selected (`select`), exactly one of the two. */
export type Members = { ids: ObjRef[]; select?: never } | { select: Selector; ids?: never };

export type Predicate =
  | { grasped: ObjRef }
  | { on: [ObjRef, ObjRef] }
  | { inside: [ObjRef, ObjRef] }
  | { above: [ObjRef, number] }
  | { near: [ObjRef, ObjRef | Vec2 | Vec3, number] }
  | { upright: ObjRef }
  | { onTable: ObjRef }
  | { unmoved: [ObjRef, number] }
  | { inZone: [ObjRef, string] }
  | { inRegion: [ObjRef, RegionRef] }
  | { offset: { id: ObjRef; from: ObjRef; direction: ImageDirection; min: number; max: number; lateral?: number } }
  | { ordered: Members & { axis: 'x' | 'y'; by?: 'size'; descending?: boolean } }
  | { row: Members & { axis: 'x' | 'y' } }
  | { line: Members & { direction: LineDirection; tolerance?: number } }
  | { circle: Members & { center?: ObjRef | Vec2 } }
  | { every: Quantified }
  | { some: Quantified }
  | { distinct: { select: Selector; among: Place[] } }
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate };

export interface PredicateResult {
  ok: boolean;
  /** A sentence a person or a model can act on: by how much and where it failed (or held). */
  detail: string;
  /**
   * The numbers the check measured, typed by what it measured (the detail's numbers, and
   * the parts of all / any / not). Every result `evaluatePredicate` returns has them;
   * a result made by hand (a placeholder, a model's judgement, a record written before
   * facts existed) may not.
   */
  facts?: PredicateFacts;
}

/**
 * What a predicate measured, by kind (m, rad, world frame unless noted). Offsets `dx, dy`
 * are always the object's centre minus the reference point, so a placement can be
 * corrected by them. `on` with "table" measures as `onTable`; an id the scene lacks
 * gives `unknown-id`.
 */
export type PredicateFacts =
  | { kind: 'grasped'; object: string; holding: string | null }
  | {
      kind: 'on';
      object: string;
      support: string;
      /** The object's centre minus the support's top centre, horizontally; distance = hypot(dx, dy). */
      dx: number;
      dy: number;
      distance: number;
      /** The object's bottom minus the support's top (> 0: above it). */
      gap: number;
      /** How far the object's centre lies outside the support's top footprint, in its frame (≤ 0: over it). */
      outside: number;
      held: boolean;
      /** The limits used: gap within [-gapBelow, gapAbove], outside ≤ edgeTolerance. */
      gapAbove: number;
      gapBelow: number;
      edgeTolerance: number;
    }
  | {
      kind: 'inside';
      object: string;
      container: string;
      /** The container's interior, or null when it is not a bowl or tray. */
      interior: 'bowl' | 'tray' | null;
      /** The object's centre minus the container's centre, horizontally. */
      dx: number;
      dy: number;
      /** Horizontal distance of the centres in the container's frame (= hypot(dx, dy) when it stands upright). */
      distance: number;
      /** How far the centre lies beyond the inner wall (bowl: radially; tray: the worse axis); ≤ 0 inside; null for a non-container. */
      outside: number | null;
      /** The limit of `outside`'s radial part: the bowl's inner radius, or the tray's inner half-extents. */
      innerRadius: number | null;
      innerHalf: Vec2 | null;
      /** How far the centre lies below the rim (< 0: above it). */
      belowRim: number;
      /** The object's bottom minus the top of the container's floor, in its frame (null for a non-container). */
      aboveFloor: number | null;
      /** For an object taller than the walls: the contents of the container it stands on (null: none, or not measured). */
      restsOn: string | null;
      held: boolean;
    }
  | {
      kind: 'onTable';
      object: string;
      /** The object's centre. */
      x: number;
      y: number;
      /** Height of its bottom above the table top (< 0: below). */
      bottom: number;
      overTable: boolean;
      held: boolean;
      /** The object it rests on when its bottom is too high, or the container it is inside (null: none, or not measured). */
      support: string | null;
      limit: number;
    }
  | { kind: 'above'; object: string; bottom: number; height: number }
  | {
      kind: 'near';
      object: string;
      /** The target object's id; null when the target is a point. */
      target: string | null;
      /** Where the target is (that object's centre, or the point given). */
      point: Vec2 | Vec3;
      /** The object's centre minus the target point (dz is 0 for an [x, y] target). */
      dx: number;
      dy: number;
      dz: number;
      /** The distance compared with the limit: horizontal for an [x, y] target. */
      distance: number;
      horizontal: boolean;
      limit: number;
    }
  | { kind: 'upright'; object: string; tilt: number; limit: number; sphere: boolean }
  | { kind: 'unmoved'; object: string; dx: number; dy: number; dz: number; distance: number; limit: number }
  | {
      kind: 'inZone';
      object: string;
      zone: string;
      /** The object's centre. */
      x: number;
      y: number;
      /** The centre minus the zone's centre. */
      dx: number;
      dy: number;
      /** How far the centre lies outside the zone (0 inside). */
      outside: number;
      min: Vec2;
      max: Vec2;
      held: boolean;
    }
  | {
      kind: 'ordered';
      /** The objects in the order checked (with `by: "size"`: smallest first, equal sizes by position). */
      ids: string[];
      axis: 'x' | 'y';
      values: number[];
      /** Index of the first id not past the one before it; null when in order. */
      outOfOrder: number | null;
      /** Set when the order is by size: each id's volume (m³), in the order of ids. */
      by?: 'size';
      volumes?: number[];
      /** Set when the coordinates must decrease instead. */
      descending?: boolean;
    }
  | {
      kind: 'row';
      ids: string[];
      axis: 'x' | 'y';
      /** The centres' coordinates along the axis, in the order of ids. */
      values: number[];
      /** The row's line: the mean of the centres' coordinates across the axis. */
      line: number;
      /** Each centre's coordinate across the axis minus the line's (the offset to correct). */
      offsets: number[];
      /** Largest |offset| allowed. */
      limit: number;
      /** Index of the first id not past the one before it; null when in order. */
      outOfOrder: number | null;
      /** Index of the id farthest off the line when past the limit; null when all are within it. */
      offLine: number | null;
    }
  | {
      kind: 'circle';
      ids: string[];
      /** The circle's centre: the named object's centre, the point given, or the mean of the ids' centres. */
      center: Vec2;
      /** The object named as the centre; null for a point or the mean. */
      centerId: string | null;
      /** Each centre's horizontal distance from the circle's centre, in the order of ids, and their mean. */
      radii: number[];
      radius: number;
      /** Largest |radius − mean| allowed (m). */
      radiusLimit: number;
      /** Index of the id farthest off the circle when past the limit; null when all are within it. */
      offCircle: number | null;
      /** Largest angle between neighbours around the centre (rad), and the most allowed. */
      largestGap: number;
      gapLimit: number;
    }
  | {
      kind: 'inRegion';
      object: string;
      region: TableRegionName;
      /** The object's centre. */
      x: number;
      y: number;
      /** The centre minus the region's anchor (where "put it in the …" aims). */
      dx: number;
      dy: number;
      /** How far the centre lies outside the region's rectangle (0 inside). */
      outside: number;
      min: Vec2;
      max: Vec2;
      /** Height of the object's bottom above the table top, and the most allowed (it must rest, not hang). */
      bottom: number;
      bottomLimit: number;
      held: boolean;
    }
  | {
      kind: 'offset';
      object: string;
      from: string;
      direction: ImageDirection;
      /** Edge-to-edge gap between the two footprints along the axis, towards `direction` (< 0: overlapping or on the other side). */
      gap: number;
      min: number;
      max: number;
      /** The centres' difference across the axis, and the most allowed. */
      lateral: number;
      lateralLimit: number;
      /** The object's centre minus `from`'s centre. */
      dx: number;
      dy: number;
      held: boolean;
    }
  | {
      kind: 'line';
      ids: string[];
      direction: LineDirection;
      /** Largest distance of a centre from the fitted line (m). */
      tolerance: number;
      /** The best-fit line through the centres: a point on it and its heading from the x axis (rad, in [0, π)). */
      point: Vec2;
      heading: number;
      /** Whether the heading matches `direction`. */
      directionOk: boolean;
      /** Each centre's signed distance from the line, in the order of ids. */
      offsets: number[];
      /** Index of the id farthest off the line when past the tolerance; null when all are within it. */
      offLine: number | null;
      /** The ids in order along the line, the gaps between neighbouring centres, and their mean. */
      order: string[];
      gaps: number[];
      meanGap: number;
      /** Largest |gap − mean| allowed (m). */
      gapLimit: number;
      /** Index into `gaps` of the most uneven gap when past the limit; null when even. */
      unevenGap: number | null;
      /** Two neighbours whose footprints overlap; null when none do. */
      overlap: [string, string] | null;
      /** Objects still held by the gripper. */
      held: string[];
    }
  | ({ kind: 'every' } & QuantifierFacts)
  | ({ kind: 'some' } & QuantifierFacts)
  | {
      kind: 'distinct';
      ids: string[];
      among: string[];
      /** The place each selected object is in (the first of `among` that holds it), or null. */
      places: (string | null)[];
      /** Per selected object: ok when it is in a place no earlier object of the selection is in; the facts are the membership check (inRegion, inZone or inside) of its place or, when it is in none, of the nearest place. */
      parts: PredicateResult[];
      /** The selected objects not in a place of their own. */
      failing: string[];
    }
  | {
      kind: 'referent';
      /** The reference in words ("the box closest to yellow_bowl", "$b"). */
      ref: string;
      /** ambiguous: more than one object fits (ranking ties count); empty: none does; unbound: a variable no every / some binds; too-few: a selection smaller than an arrangement needs. */
      reason: 'ambiguous' | 'empty' | 'unbound' | 'too-few';
      /** The objects that fit (ambiguous, too-few), else []. */
      candidates: string[];
    }
  | { kind: 'all'; parts: PredicateResult[] }
  | { kind: 'any'; parts: PredicateResult[] }
  | { kind: 'not'; parts: [PredicateResult] }
  | { kind: 'unknown-id'; id: string; what: 'object' | 'zone' | 'place'; known: string[] };

/** What `every` / `some` measured. */
export interface QuantifierFacts {
  /** The variable bound to each selected object. */
  variable: string;
  /** The selected objects, and the result of `holds` for each (in the same order). */
  ids: string[];
  parts: PredicateResult[];
  /** The selected objects for which `holds` fails. */
  failing: string[];
}

/** What a predicate is evaluated against: the scene, the current state, the state at the start. */
export interface WorldView {
  scene: SceneSpec;
  state: Snapshot;
  initial: Snapshot;
}

// ---------------------------------------------------------------- the world API

export type PointName = 'center' | 'top' | 'bottom' | 'left' | 'right' | 'front' | 'back' | 'inside';

export interface ObjectInfo {
  id: string;
  shape: Shape;
  color: ColorName;
  size: Vec3;
  position: Vec3;
  yaw: number;
}

export interface PickOptions {
  approach?: Approach;
  liftHeight?: number;
  /** Highest speed of the skill's motions (m/s); slower than the defaults only. */
  speed?: number;
}
export interface PlaceOptions {
  offset?: Vec2;
  yaw?: number;
  releaseHeight?: number;
  /** Highest speed of the skill's motions (m/s); slower than the defaults only. */
  speed?: number;
}
export interface PushOptions {
  height?: number;
  /** Highest speed of the skill's motions (m/s); slower than the defaults only. */
  speed?: number;
}
export interface MoveOptions {
  yaw?: number;
  speed?: number;
}

export interface WorldOptions {
  engine?: EngineName;
  /** Simulated-seconds budget; a skill that would run past it throws TimeoutError. */
  timeLimit?: number;
}

/**
 * A live simulated world. All actions are synchronous: they step the physics until
 * they complete, and throw PolicyError on failure.
 */
export interface SimWorld {
  readonly scene: SceneSpec;
  readonly engine: EngineName;
  /** Simulated seconds since the world was built. */
  readonly time: number;
  /** Snapshot taken right after the world settled at build time. */
  readonly initial: Snapshot;
  /** Called after every physics step (used by the live viewer); null by default. */
  onStep: ((world: SimWorld) => void) | null;

  snapshot(): Snapshot;
  restore(snapshot: Snapshot): void;
  free(): void;

  getObjects(): ObjectInfo[];
  getObject(id: string): ObjectInfo;
  getPose(id: string): Pose & { yaw: number };
  getBBox(id: string): { min: Vec3; max: Vec3 };
  getPoint(id: string, name: PointName): Vec3;
  getGripper(): { position: Vec3; yaw: number; width: number; holding: string | null };
  getTable(): { min: Vec2; max: Vec2 };
  distance(a: Target, b: Target): number;
  evaluate(p: Predicate): PredicateResult;

  pick(id: string, opts?: PickOptions): void;
  place(target: Target, opts?: PlaceOptions): void;
  push(id: string, direction: Vec2, distance: number, opts?: PushOptions): void;
  moveTo(position: Vec3, opts?: MoveOptions): void;
  moveBy(delta: Vec3): void;
  rotateTo(yaw: number): void;
  openGripper(): void;
  closeGripper(): string | null;
  home(): void;
  wait(seconds: number): void;
}
