// Intents → steps: one step per subgoal (pick, place, push, hold), each with the
// predicate that should hold when it ends. Placement targets are computed from the
// scene facts: free spots clear of other objects, spots beside an object, slots in a
// container, a row, a pyramid site. A board tracks where every object will be after
// each step, so later targets avoid what earlier steps moved.

import { GRIPPER, TABLE_REGIONS } from '../../../sim/index.ts';
import type { ImageDirection, ObjectInfo, Predicate, TableRegionName, Vec2, ZoneSpec } from '../../../sim/index.ts';
import {
  FINGER_ROOM,
  PLACE_REGION,
  REACH_REGION,
  clampTo,
  clearance,
  discOf,
  dist2,
  extentAlong,
  footprint,
  freeSpot,
  inRegion,
  round,
  roundVec,
} from './geometry.ts';
import type { Disc } from './geometry.ts';
import type { Dest, Intent } from './intents.ts';
import type { Gap } from './grammar.ts';
import { CONTAINERS } from './references.ts';
import type { SceneFacts } from './references.ts';
import type { PlanAmendments } from './program-text.ts';

/** Where a place step puts the held object. */
export type PlaceTarget =
  /**
   * On top of / into an object, optionally offset from its centre (world frame). `room`: into a
   * container that already holds something, the clearance (m) the plan leaves round the slot —
   * when the program runs, a slot that what is in the container by then crowds (a ball rolled,
   * a block slid) gives way to the roomiest spot inside it.
   */
  | { kind: 'object'; id: string; offset?: Vec2; room?: number }
  /** A fixed table point. */
  | { kind: 'xy'; xy: Vec2 }
  /** A point relative to where another object is when the step runs. */
  | { kind: 'relative'; id: string; delta: Vec2 }
  /** Centred on two objects, resting on the higher top (a bridge). */
  | { kind: 'between'; ids: [string, string] };

export type Step =
  | {
      op: 'pick';
      id: string;
      description: string;
      expect: Predicate;
      liftHeight?: number;
      /** Turn the empty gripper to this heading first, so the grasp is the one closest to the heading the place wants. */
      heading?: number;
    }
  | {
      op: 'place';
      id: string;
      description: string;
      expect: Predicate;
      target: PlaceTarget;
      /** Heading the fingers' closing axis should have at release (keeps fingers out of tight gaps); null = any. */
      heading: number | null;
    }
  | { op: 'push'; id: string; description: string; expect: Predicate; direction: Vec2; distance: number; goal: Vec2 }
  | { op: 'hold'; id: string; description: string; expect: Predicate; seconds: number };

export interface Plan {
  steps: Step[];
  notes: string[];
}

/** Gap left between objects placed side by side with the fingers turned out of the way (m). */
const SIDE_GAP = 0.012;

const NOUN: Record<ObjectInfo['shape'], string> = { box: 'block', sphere: 'ball', cylinder: 'cylinder', bowl: 'bowl', tray: 'tray' };

/** Where every object is (its table position) as the plan goes on. */
class Board {
  readonly at = new Map<string, Vec2>();
  /** What each object rests on (another object or container), if anything. */
  readonly support = new Map<string, string | null>();
  /** The container each object sits in at the start (scene facts), until the plan moves it. */
  readonly inAtStart = new Map<string, string | null>();
  readonly facts: SceneFacts;
  constructor(facts: SceneFacts) {
    this.facts = facts;
    for (const o of facts.objects) {
      this.at.set(o.id, [o.position[0], o.position[1]]);
      this.support.set(o.id, null);
    }
    for (const o of facts.objects) this.inAtStart.set(o.id, containerAtStart(facts, o));
  }
  obj(id: string): ObjectInfo {
    const o = this.facts.objects.find((x) => x.id === id);
    if (!o) throw new Error(`unknown object ${id}`);
    return o;
  }
  pos(id: string): Vec2 {
    return this.at.get(id)!;
  }
  /** Discs of everything on the table except the given ids. */
  obstacles(except: readonly string[]): Disc[] {
    return this.facts.objects.filter((o) => !except.includes(o.id)).map((o) => discOf(o, this.pos(o.id)));
  }
  move(id: string, xy: Vec2, support: string | null = null): void {
    this.support.set(id, support);
    this.inAtStart.set(id, null);
    // Whatever rode on it moves with it, keeping its place on it.
    const from = this.at.get(id)!;
    this.at.set(id, xy);
    for (const [other, s] of this.support)
      if (s === id && other !== id) {
        const o = this.at.get(other)!;
        this.at.set(other, [xy[0] + o[0] - from[0], xy[1] + o[1] - from[1]]);
      }
  }
  /** Objects resting in a container, per the plan so far (and those in it at the start, not moved since). */
  contents(container: string): string[] {
    return [...this.support].filter(([id, s]) => s === container || (s === null && this.inAtStart.get(id) === container)).map(([id]) => id);
  }
}

/**
 * The container an object sits in at the start, by the scene facts: its centre within the
 * container's inner footprint and its bottom above the table. Null when none.
 */
function containerAtStart(facts: SceneFacts, o: ObjectInfo): string | null {
  if (CONTAINERS.includes(o.shape)) return null;
  const bottom = o.position[2] - o.size[2] / 2;
  // (A tray's floor is a few millimetres thick: a block on it rests 3–4 mm up; on the table, within 1 mm.)
  if (bottom < 0.002) return null;
  for (const c of facts.objects) {
    if (c.shape !== 'bowl' && c.shape !== 'tray') continue;
    const d: Vec2 = [o.position[0] - c.position[0], o.position[1] - c.position[1]];
    if (c.shape === 'bowl') {
      if (Math.hypot(d[0], d[1]) < c.size[0] / 2 - 0.005) return c.id;
      continue;
    }
    const cos = Math.cos(c.yaw),
      sin = Math.sin(c.yaw);
    const lx = cos * d[0] + sin * d[1],
      ly = -sin * d[0] + cos * d[1];
    if (Math.abs(lx) < c.size[0] / 2 - 0.005 && Math.abs(ly) < c.size[1] / 2 - 0.005) return c.id;
  }
  return null;
}

function nameOf(facts: SceneFacts, id: string): string {
  const o = facts.objects.find((x) => x.id === id)!;
  const same = facts.objects.filter((x) => x.shape === o.shape && x.color === o.color).length;
  return same > 1 ? id : `the ${o.color} ${NOUN[o.shape]}`;
}

const fmt = (v: number): string => (Math.round(v * 1000) / 1000).toString();
const fmtXY = (p: Vec2): string => `[${fmt(p[0])}, ${fmt(p[1])}]`;

const all = (ps: Predicate[]): Predicate => (ps.length === 1 ? ps[0]! : { all: ps });

const NO_AMENDMENTS: PlanAmendments = { pushInstead: [], clearFirst: {}, interior: {}, pack: [] };

/** Destinations a push can reach: places on the table. */
const PUSHABLE: ReadonlySet<Dest['kind']> = new Set(['zone', 'area', 'point', 'beside']);

/** Whether an object headed for `dest` could be slid there instead of carried. */
export function pushable(dest: Dest): boolean {
  return PUSHABLE.has(dest.kind);
}

class Planner {
  readonly steps: Step[] = [];
  readonly notes: string[] = [];
  readonly board: Board;
  readonly facts: SceneFacts;
  readonly amend: PlanAmendments;
  /** Objects whose riders were already taken off. */
  private readonly cleared = new Set<string>();
  /** What the whole plan puts in each container, in the order of its intents (set by planIntents). */
  readonly loads = new Map<string, string[]>();
  constructor(facts: SceneFacts, amend: PlanAmendments = NO_AMENDMENTS) {
    this.facts = facts;
    this.board = new Board(facts);
    this.amend = amend;
  }

  /** Take off (or out of) `id` whatever a repair found resting on it, before `id` is moved. */
  clearRiders(id: string): void {
    if (this.cleared.has(id)) return;
    this.cleared.add(id);
    for (const rider of this.amend.clearFirst[id] ?? []) {
      if (rider === id || !this.facts.objects.some((o) => o.id === rider)) continue;
      const from = this.board.pos(id);
      const xy = this.spot(rider, { near: from, nearWeight: 0.1, avoid: [discOf(this.board.obj(id), from)], ignore: [id] });
      this.pick(rider, { what: `${this.name(rider)} off ${this.name(id)}` });
      this.place(rider, { kind: 'xy', xy }, `put ${this.name(rider)} on the table at ${fmtXY(xy)}, out of the way`, {
        all: [{ onTable: rider }, { not: { on: [rider, id] } }, { not: { inside: [rider, id] } }],
      });
      this.board.move(rider, xy);
    }
  }
  name(id: string): string {
    return nameOf(this.facts, id);
  }

  pick(id: string, opts: { liftHeight?: number; what?: string } = {}): void {
    this.clearRiders(id);
    const step: Step = { op: 'pick', id, description: `pick up ${opts.what ?? this.name(id)}`, expect: { grasped: id } };
    if (opts.liftHeight !== undefined) step.liftHeight = opts.liftHeight;
    const clear = this.clearGrasp(id);
    if (clear !== null) {
      step.heading = clear.heading;
      this.crowdedPicks.set(step, clear.fits);
    }
    this.steps.push(step);
  }

  /**
   * Picks whose heading keeps a finger out from between the object and a neighbour, with the test
   * of another heading: a place's heading replaces it only where the fingers fit that way too
   * (else the held object is turned on the way, as for any grasp the place did not choose).
   */
  private readonly crowdedPicks = new Map<Step, (heading: number) => boolean>();

  /**
   * The closing axis that keeps both fingers clear of the things standing close beside `id`
   * (two blocks side by side in a bowl: fingers across the pair, not between them), when the
   * grasp may be either: a cube (both axes as wide) or a round thing, in the container it started
   * in. Null when nothing stands that close, or when either axis leaves room for a finger
   * (thirty-seventh round).
   */
  private clearGrasp(id: string): { heading: number; fits: (heading: number) => boolean } | null {
    const o = this.board.obj(id);
    if (CONTAINERS.includes(o.shape)) return null;
    const at = this.board.pos(id);
    // (Only in a bowl or on a tray, where it started: on the table a neighbour the fingers meet is
    // nudged aside, and turning the grasp would make the place turn what is held, where grasps slip.)
    const home = this.board.inAtStart.get(id);
    if (!home || dist2(at, [o.position[0], o.position[1]]) > 1e-6) return null;
    const moved = (x: ObjectInfo): boolean => {
      const p = this.board.pos(x.id);
      return Math.abs(p[0] - x.position[0]) > 1e-6 || Math.abs(p[1] - x.position[1]) > 1e-6;
    };
    // (Beside it at its own height: not what it stands on or what stands on it, nor what the plan moved up onto something.)
    // (`o` itself has not moved: that returned above.)
    const level = (x: ObjectInfo): boolean =>
      moved(x)
        ? !this.board.support.get(x.id) && !this.board.support.get(id)
        : Math.abs(x.position[2] - o.position[2]) < (x.size[2] + o.size[2]) / 2 - 0.005;
    const near = this.facts.objects.filter(
      (x) =>
        x.id !== id &&
        !CONTAINERS.includes(x.shape) &&
        level(x) &&
        dist2(at, this.board.pos(x.id)) < footprint(o) + footprint(x) + GRASP_OPENING + GRIPPER_FINGER,
    );
    if (near.length === 0) return null;
    const isRound = o.shape !== 'box';
    if (!isRound && Math.abs(o.size[0] - o.size[1]) > 0.001) return null;
    const axes = isRound ? Array.from({ length: 8 }, (_, k) => (k * Math.PI) / 8) : [o.yaw, o.yaw + Math.PI / 2];
    // Room for a finger at each end of the closing axis: from the finger's pad to the nearest neighbour.
    const room = (h: number): number => {
      const u: Vec2 = [Math.cos(h), Math.sin(h)];
      const reach = extentAlong(o, u) + GRASP_OPENING + GRIPPER_FINGER / 2;
      let least = Number.POSITIVE_INFINITY;
      for (const side of [1, -1]) {
        const pad: Vec2 = [at[0] + side * reach * u[0], at[1] + side * reach * u[1]];
        for (const x of near) {
          const xp = this.board.pos(x.id);
          const d: Vec2 = [pad[0] - xp[0], pad[1] - xp[1]];
          const len = Math.hypot(d[0], d[1]);
          const gap = len - (len > 1e-9 ? extentAlong(x, [d[0] / len, d[1] / len]) : 0);
          least = Math.min(least, gap);
        }
      }
      return least;
    };
    const scored = axes.map((h) => ({ h, room: room(h) }));
    const best = scored.reduce((a, b) => (b.room > a.room ? b : a));
    const worst = scored.reduce((a, b) => (b.room < a.room ? b : a));
    const enough = GRIPPER_FINGER / 2 + 0.004;
    if (worst.room >= enough || best.room - worst.room < 0.005) return null;
    // (A cube is grasped along the axis nearest the gripper's heading.)
    const axisFor = (h: number): number =>
      isRound ? h : axes.reduce((a, b) => (Math.abs(halfTurn(b - h)) < Math.abs(halfTurn(a - h)) ? b : a));
    return { heading: round(halfTurn(best.h)), fits: (h) => room(axisFor(h)) >= enough };
  }

  place(id: string, target: PlaceTarget, description: string, expect: Predicate, heading: number | null = null): void {
    // The fingers are symmetric: a heading and its opposite are the same grasp.
    if (heading !== null) heading = round(halfTurn(heading));
    // Into a container that holds something already: the room the plan leaves there, so the
    // program can see when what is in it has moved into the slot.
    // (Not a ball into a bowl: it rolls to the middle wherever it is let go.)
    const cont = target.kind === 'object' ? this.board.obj(target.id).shape : null;
    const ballIntoBowl = cont === 'bowl' && this.board.obj(id).shape === 'sphere';
    if (target.kind === 'object' && target.offset && (cont === 'tray' || (cont === 'bowl' && !ballIntoBowl))) {
      const inside = this.board.contents(target.id).filter((x) => x !== id);
      // (Only where something in it rolls: a ball. Standing things stay where they were set, and a
      // container's true inside may be smaller than its stated size, which the repairs measure.)
      const rolls = inside.some((x) => this.board.obj(x).shape === 'sphere');
      if (inside.length > 0 && rolls) {
        const at = this.board.pos(target.id);
        const slot: Vec2 = [at[0] + target.offset[0], at[1] + target.offset[1]];
        const held = footprint(this.board.obj(id));
        const room = Math.min(...inside.map((x) => dist2(slot, this.board.pos(x)) - held - footprint(this.board.obj(x))));
        target = { ...target, room: round(room) };
      }
    }
    this.steps.push({ op: 'place', id, description, expect, target, heading });
    // Rotating a held object is where grasps slip: choose the grasp whose fingers are nearest the heading instead.
    const pick = this.steps[this.steps.length - 2];
    if (heading !== null && pick?.op === 'pick' && pick.id === id && (this.crowdedPicks.get(pick)?.(heading) ?? true))
      pick.heading = heading;
  }

  /** A clear table spot for `id`, near `near` if given, avoiding other objects (and `avoid`). */
  spot(
    id: string,
    opts: { near?: Vec2; nearWeight?: number; region?: { min: Vec2; max: Vec2 }; avoid?: Disc[]; ignore?: string[] } = {},
  ): Vec2 {
    const o = this.board.obj(id);
    const found = freeSpot({
      r: footprint(o) + FINGER_ROOM,
      obstacles: this.board.obstacles([id, ...(opts.ignore ?? [])]),
      near: opts.near,
      nearWeight: opts.nearWeight,
      region: opts.region,
      avoid: opts.avoid,
    });
    if (!found) return clampTo(opts.near ?? [0, 0]);
    if (found.clearance < 0)
      this.notes.push(`little room for ${id} near ${fmtXY(found.xy)} (${(found.clearance * 100).toFixed(1)} cm overlap)`);
    return found.xy;
  }

  /**
   * A clear spot for `id` in a named region of the table (sim/table-regions.ts): its centre
   * inside the region (1.5 cm in from its edges) and the place region, as near the region's
   * anchor as the room around allows. `r`: the radius to keep clear (default its footprint).
   */
  regionSpot(id: string, region: TableRegionName, r?: number, ignore: readonly string[] = []): Vec2 {
    const reg = TABLE_REGIONS[region];
    const inset = 0.015;
    const box = {
      min: [Math.max(reg.min[0] + inset, REACH_REGION.min[0]), Math.max(reg.min[1] + inset, REACH_REGION.min[1])] as Vec2,
      max: [Math.min(reg.max[0] - inset, REACH_REGION.max[0]), Math.min(reg.max[1] - inset, REACH_REGION.max[1])] as Vec2,
    };
    const anchor = clampTo(reg.anchor, box);
    const found = freeSpot({
      r: (r ?? footprint(this.board.obj(id))) + FINGER_ROOM,
      obstacles: this.board.obstacles([id, ...ignore]),
      near: anchor,
      nearWeight: 0.3,
      region: box,
      step: 0.005,
    });
    if (!found) return roundVec(anchor);
    if (found.clearance < 0)
      this.notes.push(`little room for ${id} in the ${region.replace(/_/g, ' ')} (${(found.clearance * 100).toFixed(1)} cm overlap)`);
    return found.xy;
  }

  /** A clear spot inside a zone (its centre when that is free). */
  zoneSpot(id: string, zone: ZoneSpec): Vec2 {
    const o = this.board.obj(id);
    const r = footprint(o);
    const centre: Vec2 = [(zone.min[0] + zone.max[0]) / 2, (zone.min[1] + zone.max[1]) / 2];
    const inner = {
      min: [Math.min(centre[0], zone.min[0] + r), Math.min(centre[1], zone.min[1] + r)] as Vec2,
      max: [Math.max(centre[0], zone.max[0] - r), Math.max(centre[1], zone.max[1] - r)] as Vec2,
    };
    const obstacles = this.board.obstacles([id]);
    if (clearance(centre, r + FINGER_ROOM, obstacles) > 0) return roundVec(centre);
    const found = freeSpot({ r: r + FINGER_ROOM, obstacles, near: centre, nearWeight: 0.3, region: inner, step: 0.005 });
    return found ? found.xy : roundVec(centre);
  }

  /** A spot beside `ref` on side `dir`, shifted sideways if something is in the way; the fingers close across `dir`. */
  besideSpot(id: string, ref: string, dir: Vec2): { delta: Vec2; xy: Vec2; distance: number; clearance: number } {
    const o = this.board.obj(id);
    const r = this.board.obj(ref);
    const refAt = this.board.pos(ref);
    // Placed axis-aligned with the fingers across dir: its half extent along dir is half its size.
    const mine = (dir[0] !== 0 ? o.size[0] : o.size[1]) / 2;
    const d = extentAlong(r, dir) + mine + SIDE_GAP;
    const perp: Vec2 = [-dir[1], dir[0]];
    const obstacles = this.board.obstacles([id, ref]);
    let best = { delta: [0, 0] as Vec2, xy: refAt, distance: d, clearance: -Infinity };
    for (const s of [0, 0.015, -0.015, 0.03, -0.03]) {
      const delta: Vec2 = roundVec([dir[0] * d + perp[0] * s, dir[1] * d + perp[1] * s]);
      const xy: Vec2 = [refAt[0] + delta[0], refAt[1] + delta[1]];
      let c = clearance(xy, footprint(o) + FINGER_ROOM * 0.6, obstacles);
      if (xy[0] < PLACE_REGION.min[0] || xy[0] > PLACE_REGION.max[0] || xy[1] < PLACE_REGION.min[1] || xy[1] > PLACE_REGION.max[1]) c -= 1;
      if (c > 0.005) return { delta, xy, distance: Math.hypot(delta[0], delta[1]), clearance: c };
      if (c > best.clearance) best = { delta, xy, distance: Math.hypot(delta[0], delta[1]), clearance: c };
    }
    return best;
  }

  // ------------------------------------------------------------ intents

  lift(id: string, hold: boolean, height: number | null): void {
    // A stated height is where its bottom should be: the lift is measured from the grasp
    // point, a little above the bottom, so lift a centimetre more.
    const liftHeight = height !== null ? height + 0.01 : 0.12;
    this.pick(id, { liftHeight: round(Math.min(0.3, Math.max(0.06, liftHeight))) });
    if (hold) {
      this.steps.push({
        op: 'hold',
        id,
        seconds: 0.5,
        description: `hold ${this.name(id)} ${height !== null ? `${round(height * 100)} cm ` : ''}above the table`,
        expect: { all: [{ grasped: id }, { above: [id, height !== null ? round(height) : 0.05] }] },
      });
    }
  }

  placeAt(id: string, dest: Dest, upright: boolean, notOn: string | null): void {
    if (this.amend.pushInstead.includes(id) && pushable(dest)) {
      this.notes.push(`${id} could not be lifted: it is pushed instead`);
      this.pushTo(id, dest);
      return;
    }
    if (dest.kind === 'in' && !upright && !notOn && this.ballsInTheWay(dest.id, [id]).length > 0) {
      this.gather([id], dest.id);
      return;
    }
    this.pick(id);
    const name = this.name(id);
    const extra: Predicate[] = [];
    if (upright) extra.push({ upright: id });
    if (notOn) extra.push({ not: { on: [id, notOn] } });
    switch (dest.kind) {
      case 'on': {
        if (dest.end) {
          // At one end of the support's top: as far out as the held object's own half allows.
          const dirs: Record<string, Vec2> = { left: [-1, 0], right: [1, 0], front: [0, -1], behind: [0, 1], back: [0, 1] };
          const dir = dirs[dest.end]!;
          const support = this.board.obj(dest.id);
          const held = this.board.obj(id);
          const reach = Math.max(0, extentAlong(support, dir) - extentAlong(held, dir) - 0.005);
          const offset = roundVec([dir[0] * reach, dir[1] * reach]);
          const axis = dir[0] !== 0 ? 'x' : 'y';
          const order = dir[0] + dir[1] > 0 ? [dest.id, id] : [id, dest.id];
          this.place(
            id,
            { kind: 'object', id: dest.id, offset },
            `put ${name} on the ${dest.end} end of ${this.name(dest.id)}`,
            all([{ on: [id, dest.id] }, { ordered: { ids: order, axis } }, ...extra]),
          );
          const at = this.board.pos(dest.id);
          this.board.move(id, [at[0] + offset[0], at[1] + offset[1]], dest.id);
          return;
        }
        this.place(id, { kind: 'object', id: dest.id }, `put ${name} on ${this.name(dest.id)}`, all([{ on: [id, dest.id] }, ...extra]));
        this.board.move(id, this.board.pos(dest.id), dest.id);
        return;
      }
      case 'in': {
        const offset = this.containerSlot(dest.id, [id])[0]!;
        this.place(
          id,
          { kind: 'object', id: dest.id, offset },
          `put ${name} in ${this.name(dest.id)}`,
          all([{ inside: [id, dest.id] }, ...extra]),
        );
        const at = this.board.pos(dest.id);
        this.board.move(id, [at[0] + offset[0], at[1] + offset[1]], dest.id);
        return;
      }
      case 'zone': {
        const zone = this.facts.zones.find((z) => z.id === dest.zone)!;
        const xy = this.zoneSpot(id, zone);
        const onTable: Predicate[] = upright ? [] : [{ onTable: id }];
        this.place(
          id,
          { kind: 'xy', xy },
          `put ${name}${upright ? ' upright' : ''} in ${zone.id.replace(/_/g, ' ')}`,
          all([{ inZone: [id, zone.id] }, ...onTable, ...extra]),
        );
        this.board.move(id, xy);
        return;
      }
      case 'area': {
        const xy = this.regionSpot(id, dest.area.region);
        this.place(
          id,
          { kind: 'xy', xy },
          `put ${name} at the ${dest.area.label} ${fmtXY(xy)}`,
          all([{ inRegion: [id, dest.area.region] }, { onTable: id }, ...extra]),
        );
        this.board.move(id, xy);
        return;
      }
      case 'point': {
        const xy = this.spot(id, {
          near: clampTo(dest.xy),
          nearWeight: 1,
          region: { min: clampTo([dest.xy[0] - 0.03, dest.xy[1] - 0.03]), max: clampTo([dest.xy[0] + 0.03, dest.xy[1] + 0.03]) },
        });
        this.place(id, { kind: 'xy', xy }, `put ${name} ${dest.label} ${fmtXY(xy)}`, all([{ near: [id, xy, 0.02] }, ...extra]));
        this.board.move(id, xy);
        return;
      }
      case 'table': {
        const from = this.board.pos(id);
        const xy = this.spot(id, { near: from, nearWeight: 0.1 });
        this.place(id, { kind: 'xy', xy }, `put ${name} on the table at ${fmtXY(xy)}`, all([{ onTable: id }, ...extra]));
        this.board.move(id, xy);
        return;
      }
      case 'beside': {
        if (dest.gap && dest.rel !== 'next') this.besideBy(id, dest.rel, dest.id, dest.gap, extra);
        else this.beside(id, dest.rel, dest.id, extra);
        return;
      }
    }
  }

  /**
   * "a little to the right of X", "5 cm to the left of X": on that side of `ref` with the
   * gap between the two footprints (edge to edge, along the axis) in the middle of the
   * range asked for — less when the workspace ends sooner — shifted along or across (by
   * at most 3 cm) when something is in the way. Expects the `offset` predicate.
   */
  besideBy(id: string, rel: 'left' | 'right' | 'front' | 'behind', ref: string, gap: Gap, extra: Predicate[] = []): void {
    const dirs: Record<'left' | 'right' | 'front' | 'behind', Vec2> = { left: [-1, 0], right: [1, 0], front: [0, -1], behind: [0, 1] };
    const image: Record<'left' | 'right' | 'front' | 'behind', ImageDirection> = {
      left: 'left',
      right: 'right',
      front: 'bottom',
      behind: 'top',
    };
    const dir = dirs[rel];
    const o = this.board.obj(id);
    const refAt = this.board.pos(ref);
    const k = dir[0] !== 0 ? 0 : 1;
    // Placed with the fingers closing across dir: the larger half-size counts along it, to be safe.
    const mine = Math.max(o.size[0], o.size[1]) / 2;
    const theirs = extentAlong(this.board.obj(ref), dir);
    const edge = dir[k]! > 0 ? REACH_REGION.max[k]! - refAt[k]! : refAt[k]! - REACH_REGION.min[k]!;
    const reach = edge - theirs - mine;
    const aim = (gap.min + gap.max) / 2;
    // Aim inside the range, a centimetre in from its ends; never past the reach of the gripper.
    const lo = Math.min(Math.min(gap.min + 0.005, (gap.min + gap.max) / 2), Math.max(reach, gap.min));
    const hi = Math.max(lo, Math.min(gap.max - 0.01, reach));
    if (reach < gap.min + 0.005) {
      this.notes.push(
        `only ${(Math.max(0, reach) * 100).toFixed(1)} cm of room ${rel === 'front' ? 'below' : rel === 'behind' ? 'above' : `to the ${rel} of`} ${ref} inside the workspace; "${gap.text}" wants ${(gap.min * 100).toFixed(0)}–${(gap.max * 100).toFixed(0)} cm`,
      );
    }
    const want = Math.min(Math.max(aim, lo), hi);
    const perp: Vec2 = [-dir[1], dir[0]];
    const obstacles = this.board.obstacles([id, ref]);
    let best: { delta: Vec2; xy: Vec2; score: number } | null = null;
    // Along the axis anywhere in [lo, hi], across by at most 4.5 cm (the offset allows 6): the
    // clear spot nearest the aim, else the least overlapping.
    const gaps = new Set<number>();
    for (let g = lo; g <= hi + 1e-9; g += 0.005) gaps.add(round(g));
    gaps.add(round(want));
    for (const g of gaps) {
      for (const side of [0, 0.015, -0.015, 0.03, -0.03, 0.045, -0.045]) {
        const d = theirs + mine + g;
        const delta: Vec2 = roundVec([dir[0] * d + perp[0] * side, dir[1] * d + perp[1] * side]);
        const xy: Vec2 = [refAt[0] + delta[0], refAt[1] + delta[1]];
        let c = clearance(xy, footprint(o) + FINGER_ROOM * 0.6, obstacles);
        if (!inRegion(xy, REACH_REGION)) c -= 1;
        const score = (c >= 0 ? 0 : c * 10) - 0.2 * Math.abs(g - want) - 0.15 * Math.abs(side);
        if (!best || score > best.score + 1e-9) best = { delta, xy, score };
      }
    }
    let s = best!;
    if (!inRegion(s.xy, REACH_REGION)) {
      // No spot on that side within reach: as far as the gripper reaches.
      const xy = clampTo(s.xy, REACH_REGION);
      s = { ...s, xy, delta: roundVec([xy[0] - refAt[0], xy[1] - refAt[1]]) };
    }
    const heading = Math.atan2(dir[1], dir[0]) + Math.PI / 2;
    const words = rel === 'front' ? 'below' : rel === 'behind' ? 'above' : `to the ${rel} of`;
    this.place(
      id,
      { kind: 'relative', id: ref, delta: s.delta },
      `put ${this.name(id)} ${gap.text} ${words} ${this.name(ref)}`,
      all([{ offset: { id, from: ref, direction: image[rel], min: round(gap.min), max: round(gap.max) } }, { onTable: id }, ...extra]),
      round(heading),
    );
    this.board.move(id, s.xy);
  }

  beside(id: string, rel: 'left' | 'right' | 'front' | 'behind' | 'next', ref: string, extra: Predicate[] = []): void {
    const dirs: Record<'left' | 'right' | 'front' | 'behind', Vec2> = { left: [-1, 0], right: [1, 0], front: [0, -1], behind: [0, 1] };
    let dir: Vec2;
    if (rel === 'next') {
      // The side with the most room, left/right first on a tie.
      const options = (['left', 'right', 'behind', 'front'] as const).map((k) => ({ k, s: this.besideSpot(id, ref, dirs[k]) }));
      options.sort((a, b) => Math.min(b.s.clearance, 0.03) - Math.min(a.s.clearance, 0.03));
      dir = dirs[options[0]!.k];
    } else dir = dirs[rel];
    const s = this.besideSpot(id, ref, dir);
    const heading = Math.atan2(dir[1], dir[0]) + Math.PI / 2;
    const name = this.name(id);
    const refName = this.name(ref);
    const preds: Predicate[] = [];
    if (rel === 'left') preds.push({ ordered: { ids: [id, ref], axis: 'x' } });
    if (rel === 'right') preds.push({ ordered: { ids: [ref, id], axis: 'x' } });
    if (rel === 'front') preds.push({ ordered: { ids: [id, ref], axis: 'y' } });
    if (rel === 'behind') preds.push({ ordered: { ids: [ref, id], axis: 'y' } });
    preds.push({ near: [id, ref, round(s.distance + 0.025)] }, { onTable: id }, ...extra);
    const words = rel === 'next' ? 'next to' : rel === 'front' ? 'in front of' : rel === 'behind' ? 'behind' : `to the ${rel} of`;
    this.place(id, { kind: 'relative', id: ref, delta: s.delta }, `put ${name} ${words} ${refName}`, all(preds), round(heading));
    this.board.move(id, s.xy);
  }

  /**
   * Offsets (world frame) from a container's centre for the given objects: a row along the
   * container's long side (a ring in a bowl) laid out for everything it will hold — what is in
   * it now (put there by the plan, or there at the start) and what later steps of the plan put
   * in it (`loads`) — so the first object in does not take the middle that a later one needs.
   * With something already in it, each new object takes the first slot clear of what is
   * there (where it actually is), else the clearest slot.
   */
  containerSlot(container: string, ids: string[]): Vec2[] {
    const present = this.board.contents(container).filter((x) => !ids.includes(x));
    const later = (this.loads.get(container) ?? []).filter(
      (x) => !ids.includes(x) && !present.includes(x) && this.board.support.get(x) !== container,
    );
    const everything = [...present, ...ids, ...later];
    const layout = this.containerLayout(container, everything.length, everything);
    if (present.length === 0) return layout.slice(0, ids.length);
    const cAt = this.board.pos(container);
    const taken = present.map((x) => {
      const p = this.board.pos(x);
      return { at: [p[0] - cAt[0], p[1] - cAt[1]] as Vec2, r: footprint(this.board.obj(x)) };
    });
    const free = [...layout];
    const out: Vec2[] = [];
    for (const id of ids) {
      const r = footprint(this.board.obj(id));
      const room = (p: Vec2): number => Math.min(...taken.map((t) => dist2(p, t.at) - t.r - r));
      const k0 = free.findIndex((p) => room(p) >= 0.008);
      const k = k0 >= 0 ? k0 : free.reduce((best, p, j) => (room(p) > room(free[best]!) ? j : best), 0);
      let slot = free.splice(k, 1)[0] ?? [0, 0];
      // No slot of the layout is clear of what lies there (a block set in the middle of a long
      // tray): the clearest spot inside, nearest the slot on a tie.
      if (k0 < 0) {
        const inner = this.interiorSpots(container, r);
        const score = (p: Vec2): number => room(p) - 0.002 * dist2(p, slot);
        const best = inner.reduce<Vec2 | null>((b, p) => (b === null || score(p) > score(b) ? p : b), null);
        if (best && room(best) > room(slot) + 0.005) slot = best;
      }
      out.push(slot);
      taken.push({ at: slot, r });
    }
    return out;
  }

  /**
   * Candidate centres (world-frame offsets from its centre, every 5 mm) inside a container for
   * an object of footprint radius `r`: 1.2 cm clear of the wall (the measured inside when a
   * repair measured it).
   */
  private interiorSpots(container: string, r: number): Vec2[] {
    const c = this.board.obj(container);
    const measured = this.amend.interior[container];
    const out: Vec2[] = [];
    if (c.shape === 'tray') {
      const hx = (measured?.half?.[0] ?? c.size[0] / 2) - 0.012 - r;
      const hy = (measured?.half?.[1] ?? c.size[1] / 2) - 0.012 - r;
      const [cos, sin] = [Math.cos(c.yaw), Math.sin(c.yaw)];
      for (let x = -Math.max(0, hx); x <= Math.max(0, hx) + 1e-9; x += 0.005)
        for (let y = -Math.max(0, hy); y <= Math.max(0, hy) + 1e-9; y += 0.005) out.push([x * cos - y * sin, x * sin + y * cos]);
    } else {
      const inner = (measured?.radius ?? c.size[0] / 2 - 0.01) - r;
      for (let x = -Math.max(0, inner); x <= Math.max(0, inner) + 1e-9; x += 0.005)
        for (let y = -Math.max(0, inner); y <= Math.max(0, inner) + 1e-9; y += 0.005) if (Math.hypot(x, y) <= inner) out.push([x, y]);
    }
    return out;
  }

  /** `n` slots (world-frame offsets from the centre) in a container for objects as big as `members`. */
  private containerLayout(container: string, n: number, members: string[]): Vec2[] {
    const c = this.board.obj(container);
    const sizes = members.map((id) => Math.max(...this.board.obj(id).size.slice(0, 2)));
    const size = Math.max(0.03, ...sizes);
    const ids = members;
    // A repair measured the usable inside (smaller than stated): lay the slots out in it.
    const measured = this.amend.interior[container];
    if (n === 1) return [[0, 0]];
    const local: Vec2[] = [];
    if (c.shape === 'tray') {
      const xLong = c.size[0] >= c.size[1];
      const along: Vec2 = xLong ? [1, 0] : [0, 1];
      const across: Vec2 = [-along[1], along[0]];
      // Room for the centres: stated, 1 cm of wall each side; measured, the inside less half
      // an object and a few millimetres each side.
      const half = measured?.half;
      const usable = Math.max(0, half ? 2 * (xLong ? half[0] : half[1]) - size - 0.01 : Math.max(c.size[0], c.size[1]) - 0.02 - size);
      const room = half ? 2 * (xLong ? half[1] : half[0]) - size - 0.01 : Math.min(c.size[0], c.size[1]) - 0.02 - size;
      let cols = n;
      let rows = 1;
      const packed = this.amend.pack.includes(container);
      let pitch = packed ? size + 0.006 : Math.min(size + 0.03, usable / (n - 1));
      let acrossPitch = 0;
      // Too tight for one row: two rows when the short side has room for them.
      if (n > 2 && pitch < size + 0.008 && room >= size + 0.008) {
        rows = 2;
        cols = Math.ceil(n / 2);
        pitch = cols > 1 ? Math.min(size + 0.03, usable / (cols - 1)) : 0;
        acrossPitch = Math.min(size + 0.03, room);
      }
      for (let k = 0; k < n; k++) {
        const col = k % cols;
        const row = Math.floor(k / cols);
        const t = (col - (cols - 1) / 2) * pitch;
        const a = rows === 2 ? (row - 0.5) * acrossPitch : 0;
        local.push([along[0] * t + across[0] * a, along[1] * t + across[1] * a]);
      }
    } else {
      const inner = (measured?.radius ?? c.size[0] / 2 - 0.01) - (measured?.radius ? 0.005 : 0);
      // On a ring, each turned along its radius (slotHeading: the fingers close along the rim),
      // as far out as a box's outer corners stay inside the wall.
      const boxes = ids.some((id) => this.board.obj(id).shape === 'box');
      const ringHi = boxes ? Math.sqrt(Math.max(0, inner * inner - (size / 2) ** 2)) - size / 2 : inner - size / 2;
      // Neighbours on the ring clear of each other (set down face to face), with a centimetre to spare.
      const ringLo = (size + 0.006) / (2 * Math.sin(Math.PI / n));
      let ring = Math.max(0, Math.min(ringHi, Math.max(Math.min(size * 0.75, ringHi), ringLo + 0.01)));
      // Packed: neighbours on the ring just clear of each other.
      if (this.amend.pack.includes(container)) ring = Math.min(ring, ringLo);
      // Sizes far apart (5, 4 and 3 cm): each as far out as its own size allows, with a share of
      // the turn as wide as it is, so the big one does not crowd the rest.
      if (
        n >= 3 &&
        sizes.length === n &&
        !measured &&
        !this.amend.pack.includes(container) &&
        Math.max(...sizes) >= 1.3 * Math.min(...sizes)
      ) {
        const total = sizes.reduce((a, s) => a + s, 0);
        let a = 0;
        sizes.forEach((s, k) => {
          if (k > 0) a += (Math.PI * (sizes[k - 1]! + s)) / total;
          const box = this.board.obj(ids[k]!).shape === 'box';
          const r = Math.max(0, (box ? Math.sqrt(Math.max(0, inner * inner - (s / 2) ** 2)) - s / 2 : inner - s / 2) - 0.004);
          local.push([r * Math.cos(a), r * Math.sin(a)]);
        });
      }
      for (let k = 0; k < n && local.length < n; k++) {
        const a = (2 * Math.PI * k) / n;
        local.push([ring * Math.cos(a), ring * Math.sin(a)]);
      }
    }
    const cos = Math.cos(c.yaw),
      sin = Math.sin(c.yaw);
    return local.map(([x, y]): Vec2 => roundVec([cos * x - sin * y, sin * x + cos * y]));
  }

  /**
   * A ball resting in bowl `container` rolls to its middle, into the way of the fingers
   * lowering anything else in: when something that is not a ball is to go in, the balls
   * come out first, to a free spot nearby. Returns them, to go back in last.
   */
  ballsOut(container: string, incoming: string[]): string[] {
    const balls = this.ballsInTheWay(container, incoming);
    for (const b of balls) {
      const xy = this.spot(b, { near: this.board.pos(container), nearWeight: 0.1 });
      this.pick(b, { what: `${this.name(b)} out of ${this.name(container)}` });
      this.place(
        b,
        { kind: 'xy', xy },
        `take ${this.name(b)} out of ${this.name(container)} for now, to ${fmtXY(xy)}: it would roll under what goes in`,
        {
          onTable: b,
        },
      );
      this.board.move(b, xy);
      this.notes.push(`${b} comes out of ${container} first and goes back in last: a ball rolls into the way of what is lowered in`);
    }
    return balls;
  }

  /** The balls resting in bowl `container` that would be in the way of `incoming` (see ballsOut). */
  ballsInTheWay(container: string, incoming: string[]): string[] {
    if (this.board.obj(container).shape !== 'bowl') return [];
    const rolls = (id: string): boolean => this.board.obj(id).shape === 'sphere';
    if (incoming.every(rolls)) return [];
    return this.board.contents(container).filter(rolls);
  }

  /**
   * Whether `a` stands on `b` (directly, or with `direct` false anywhere above it): both still
   * where the scene put them, or `a` put on `b` by the plan so far ("stack the green block on the
   * white one, then put the pair of them in the bowl": the green one is taken first).
   */
  standsOn(a: string, b: string, direct = true): boolean {
    const unmoved = (id: string): boolean => {
      const o = this.board.obj(id);
      const at = this.board.pos(id);
      return this.board.support.get(id) === null && at[0] === o.position[0] && at[1] === o.position[1];
    };
    // Stacked by the plan so far: on what it was put on (and, not direct, on what that stands on).
    let s = a === b ? null : (this.board.support.get(a) ?? null);
    for (let hops = 0; s !== null && hops < 16; hops++) {
      if (s === b) return true;
      if (direct) break;
      s = this.board.support.get(s) ?? null;
    }
    const oa = this.board.obj(a),
      ob = this.board.obj(b);
    const dz = oa.position[2] - oa.size[2] / 2 - (ob.position[2] + ob.size[2] / 2);
    return (
      a !== b &&
      unmoved(a) &&
      unmoved(b) &&
      (direct ? Math.abs(dz) < 0.01 : oa.position[2] > ob.position[2] + 0.01) &&
      dist2([oa.position[0], oa.position[1]], [ob.position[0], ob.position[1]]) < Math.max(ob.size[0], ob.size[1]) / 2
    );
  }

  /**
   * Reorder `ids` in place so that one standing on another of them (still where the scene
   * put it) is moved first: a tower's blocks top first, whatever order they were named in.
   */
  topsFirst(ids: string[]): void {
    const above = (a: string, b: string): boolean => this.standsOn(a, b, false);
    const rest = [...ids];
    ids.length = 0;
    while (rest.length > 0) {
      const k = rest.findIndex((id) => !rest.some((o) => o !== id && above(o, id)));
      ids.push(...rest.splice(Math.max(0, k), 1));
    }
  }

  /**
   * Everything in `ids` into `container`, nearest first. `along`: the slots taken in the order
   * of `ids` along +x / +y ("side by side on the tray, red on the left"), checked at the end
   * with `ordered`.
   */
  gather(ids: string[], container: string, along?: 'x' | 'y'): void {
    const listed = [...ids];
    const out = this.ballsOut(container, ids);
    ids = [...ids, ...out.filter((b) => !ids.includes(b))];
    // Nearest first, so carries are short and the far ones are not reached over.
    const cAt = this.board.pos(container);
    // Balls last: one already in rolls toward the middle, into the way of the fingers lowering the next.
    const rolls = (id: string): number => (this.board.obj(id).shape === 'sphere' ? 1 : 0);
    const order = [...ids].sort((a, b) => rolls(a) - rolls(b) || dist2(this.board.pos(a), cAt) - dist2(this.board.pos(b), cAt));
    // A person's "do the blue one first" (a correction's edits) comes before nearest-first.
    const first = this.amend.edits?.first ?? [];
    const rank = (id: string): number => (first.includes(id) ? first.indexOf(id) : first.length);
    order.sort((a, b) => rank(a) - rank(b));
    this.topsFirst(order);
    let offsets = this.containerSlot(container, order);
    if (along) {
      // The slots along the axis, first to last, to the things in the order listed.
      const k = along === 'x' ? 0 : 1;
      const sorted = [...offsets].sort((a, b) => a[k] - b[k]);
      // (A ball taken out first and put back goes after them.)
      const extra = order.filter((id) => !listed.includes(id));
      offsets = order.map((id) => sorted[listed.includes(id) ? listed.indexOf(id) : listed.length + extra.indexOf(id)]!);
    }
    const done: string[] = [];
    const cont = this.board.obj(container);
    order.forEach((id, k) => {
      this.pick(id);
      done.push(id);
      const heading = cont.shape === 'tray' ? round(cont.yaw + (cont.size[0] >= cont.size[1] ? Math.PI / 2 : 0)) : slotHeading(offsets[k]!);
      const preds = done.map((d): Predicate => ({ inside: [d, container] }));
      if (along && k === order.length - 1) preds.push({ ordered: { ids: listed, axis: along } });
      this.place(
        id,
        { kind: 'object', id: container, offset: offsets[k] },
        `put ${this.name(id)} in ${this.name(container)}`,
        all(preds),
        heading,
      );
      this.board.move(id, [cAt[0] + offsets[k]![0], cAt[1] + offsets[k]![1]], container);
    });
  }

  sort(pairs: { id: string; container: string }[]): void {
    // Balls in a bowl that something else goes into come out first and go back in last.
    const back: { id: string; container: string }[] = [];
    for (const container of new Set(pairs.map((p) => p.container))) {
      const incoming = pairs.filter((p) => p.container === container).map((p) => p.id);
      for (const b of this.ballsOut(container, incoming)) if (!incoming.includes(b)) back.push({ id: b, container });
    }
    pairs = [...pairs, ...back];
    // An object still to move that sits in another pair's container (by the scene facts)
    // goes out before anything goes in; when they wait on each other (the contents of two
    // bowls swapped), one is parked on the table first.
    // (Parked on the table: in nothing, wherever the free spot came out.)
    const parked = new Set<string>();
    const sitsIn = (id: string): string | null => {
      if (parked.has(id)) return null;
      if (this.board.support.get(id) !== null) return this.board.support.get(id)!;
      const p = this.board.pos(id);
      const c = pairs.find((q) => {
        const co = this.board.obj(q.container);
        return q.container !== id && dist2(p, this.board.pos(q.container)) < Math.min(co.size[0], co.size[1]) / 2;
      });
      return c?.container ?? null;
    };
    // Every container's slots laid out for all it will hold, before the first goes in. What is
    // in its container already stays where it is, and the slots keep clear of it.
    const slots = new Map<string, Vec2>();
    const moving = pairs.filter((p) => sitsIn(p.id) !== p.container);
    for (const container of new Set(moving.map((p) => p.container))) {
      const ids = moving.filter((p) => p.container === container).map((p) => p.id);
      const offsets = this.containerSlot(container, ids);
      for (let k = 0; k < ids.length; k++) slots.set(ids[k]!, offsets[k]!);
    }
    const pending = [...moving];
    const ordered: { id: string; container: string }[] = [];
    while (pending.length > 0) {
      const free = pending.findIndex((p) => !pending.some((q) => q !== p && sitsIn(q.id) === p.container));
      if (free < 0) {
        // (One that sits in another's container: parking it frees that container.)
        const { id } = pending.find((p) => pending.some((q) => q !== p && sitsIn(p.id) === q.container)) ?? pending[0]!;
        const parking = this.spot(id, { near: this.board.pos(id), nearWeight: 0.5 });
        this.pick(id);
        this.place(id, { kind: 'xy', xy: parking }, `park ${this.name(id)} on a free spot ${fmtXY(parking)}`, {
          near: [id, parking, 0.02],
        });
        this.board.move(id, parking);
        parked.add(id);
        continue;
      }
      const [p] = pending.splice(free, 1);
      ordered.push(p!);
    }
    // Balls last, as in gather: one already in a bowl rolls into the way of the next.
    const rolls = (id: string): number => (this.board.obj(id).shape === 'sphere' ? 1 : 0);
    ordered.sort((a, b) => rolls(a.id) - rolls(b.id));
    const tops = ordered.map((p) => p.id);
    this.topsFirst(tops);
    ordered.sort((a, b) => tops.indexOf(a.id) - tops.indexOf(b.id));
    for (const { id, container } of ordered) {
      const offset = slots.get(id)!;
      this.pick(id);
      const heading = this.board.obj(container).shape === 'bowl' ? slotHeading(offset) : null;
      this.place(
        id,
        { kind: 'object', id: container, offset },
        `put ${this.name(id)} in ${this.name(container)}`,
        { inside: [id, container] },
        heading,
      );
      const at = this.board.pos(container);
      this.board.move(id, [at[0] + offset[0], at[1] + offset[1]], container);
    }
  }

  /**
   * A stack, bottom first. With `at` (a table region, a zone, a point), the bottom one goes
   * there first, to a spot with room for the widest of the stack; the last step then also
   * expects every member low enough to count (bottom under 10 cm) in the region or zone.
   */
  stack(ids: string[], at?: Dest): void {
    // What already stands as asked, from the bottom up, stays; whatever else stands on a member comes off first, top first.
    // A base standing on something comes down to the table too, in its turn.
    // (Not one in a bowl or on a tray: "put the red block in the green bowl, then stack the blue one on it" builds there.)
    const raised = this.facts.objects.some((o) => !CONTAINERS.includes(o.shape) && this.standsOn(ids[0]!, o.id));
    let done = raised ? 0 : 1;
    while (!at && done > 0 && done < ids.length && this.standsOn(ids[done]!, ids[done - 1]!)) done++;
    const riders = this.facts.objects
      .map((o) => o.id)
      .filter((r) => ids.some((m) => this.standsOn(r, m, false)) && !ids.slice(0, done).includes(r));
    if (raised && !at && !riders.includes(ids[0]!)) riders.push(ids[0]!);
    done = Math.max(done, 1);
    this.topsFirst(riders);
    for (const r of riders) {
      const xy = this.spot(r, { near: this.board.pos(r), nearWeight: 0.1 });
      this.pick(r, { what: `${this.name(r)} off the stack it stands on` });
      this.place(r, { kind: 'xy', xy }, `put ${this.name(r)} on the table at ${fmtXY(xy)}, out of the way`, { onTable: r });
      this.board.move(r, xy);
    }
    if (riders.length > 0)
      this.notes.push(`${riders.join(', ')} taken off first: ${riders.length > 1 ? 'they stand' : 'it stands'} on what is stacked`);
    const site: Predicate[] = [];
    // "stack the two blocks in the red bowl", "build a tower on the small tray": the bottom one in it first.
    if (at?.kind === 'in') {
      this.placeAt(ids[0]!, at, false, null);
      site.push({ inside: [ids[0]!, at.id] });
    } else if (at) {
      const base = ids[0]!;
      const r = Math.max(...ids.map((id) => footprint(this.board.obj(id))));
      let xy: Vec2;
      let where: string;
      const inPlace = (id: string): Predicate | null =>
        at.kind === 'area' ? { inRegion: [id, at.area.region] } : at.kind === 'zone' ? { inZone: [id, at.zone] } : null;
      if (at.kind === 'area') {
        xy = this.regionSpot(base, at.area.region, r);
        where = `the ${at.area.label}`;
      } else if (at.kind === 'zone') {
        xy = this.zoneSpot(base, this.facts.zones.find((z) => z.id === at.zone)!);
        where = at.zone.replace(/_/g, ' ');
      } else if (at.kind === 'point') {
        xy = this.spot(base, { near: clampTo(at.xy), nearWeight: 1 });
        where = at.label;
      } else {
        throw new Error(`cannot build a stack ${at.kind} ${'id' in at ? at.id : ''}: a stack goes on the table`);
      }
      const first = inPlace(base);
      this.pick(base);
      this.place(
        base,
        { kind: 'xy', xy },
        `put ${this.name(base)} at ${where} ${fmtXY(xy)}, the bottom of the stack`,
        all([...(first ? [first] : [{ near: [base, xy, 0.02] } as Predicate]), { onTable: base }]),
      );
      this.board.move(base, xy);
      let bottom = 0;
      for (const id of ids) {
        const p = inPlace(id);
        if (p && bottom < 0.095) site.push(p);
        bottom += this.board.obj(id).size[2];
      }
    }
    for (let k = done; k < ids.length; k++) {
      const id = ids[k]!;
      const below = ids[k - 1]!;
      this.pick(id);
      const preds: Predicate[] = [];
      for (let j = k; j >= 1; j--) preds.push({ on: [ids[j]!, ids[j - 1]!] });
      if (k === ids.length - 1) preds.push(...site);
      this.place(id, { kind: 'object', id: below }, `put ${this.name(id)} on ${this.name(below)}`, all(preds));
      this.board.move(id, this.board.pos(below), below);
    }
  }

  /**
   * On a circle around `center` (an object; else the objects' centroid): evenly spaced
   * slots, the radius clear of the centre object and wide enough for the fingers between
   * neighbours, turned so the slots are clearest of everything else; nearest slot each.
   */
  circle(ids: string[], center: string | null, point?: Vec2): void {
    const objs = ids.map((id) => this.board.obj(id));
    const n = ids.length;
    const c0: Vec2 = center
      ? this.board.pos(center)
      : (point ?? [ids.reduce((a, id) => a + this.board.pos(id)[0], 0) / n, ids.reduce((a, id) => a + this.board.pos(id)[1], 0) / n]);
    let c: Vec2 = c0;
    const widest = Math.max(...objs.map((o) => footprint(o)));
    const hub = center ? footprint(this.board.obj(center)) : 0;
    const radius = round(Math.max(hub + widest + 0.03, (2 * widest + FINGER_ROOM + 0.01) / (2 * Math.sin(Math.PI / n))));
    const others = this.board.obstacles(center ? [...ids, center] : ids);
    const slotsAt = (phase: number, at: Vec2 = c, r: number = radius): Vec2[] =>
      ids.map((_, k) => {
        const a = phase + (2 * Math.PI * k) / n;
        return roundVec([at[0] + r * Math.cos(a), at[1] + r * Math.sin(a)]);
      });
    // Around no object: the circle may shift (up to 10 cm, a little cost per cm) to clear what stands in its way.
    const centres: Vec2[] = [c0];
    if (!center)
      for (let dx = -0.1; dx <= 0.1001; dx += 0.02)
        for (let dy = -0.1; dy <= 0.1001; dy += 0.02)
          if (Math.abs(dx) + Math.abs(dy) > 1e-9) centres.push(roundVec([c0[0] + dx, c0[1] + dy]));
    // Round a point named ("the centre of the table"), the circle may widen (up to 12 cm) to clear what stands there.
    const radii = point ? [0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12].map((d) => round(radius + d)) : [radius];
    let best: { phase: number; at: Vec2; r: number; score: number } | null = null;
    for (const r of radii)
      for (const at of centres) {
        for (let step = 0; step < 36; step++) {
          const phase = (step / 36) * ((2 * Math.PI) / n);
          const slots = slotsAt(phase, at, r);
          // Round a point named, a shift costs ten times as much; a wider circle a little.
          let score =
            Math.min(...slots.map((p) => Math.min(clearance(p, widest + FINGER_ROOM, others), 0.04))) -
            (point ? 1 : 0.1) * dist2(at, c0) -
            0.3 * (r - radius);
          if (!slots.every(inside)) score -= 1;
          if (!best || score > best.score + 1e-9) best = { phase, at, r, score };
        }
      }
    c = best?.at ?? c0;
    const phase = best?.phase ?? 0;
    const slots = slotsAt(phase, c, best?.r ?? radius);
    // Nearest free slot for each object, the closest pairs first.
    const slotOf = new Map<string, number>();
    const pairs = ids.flatMap((id) => slots.map((p, k) => ({ id, k, d: dist2(this.board.pos(id), p) }))).sort((a, b) => a.d - b.d);
    for (const p of pairs) if (!slotOf.has(p.id) && ![...slotOf.values()].includes(p.k)) slotOf.set(p.id, p.k);
    // Objects standing on someone else's slot move first.
    const blocks = (id: string): boolean =>
      ids.some((o) => o !== id && dist2(this.board.pos(id), slots[slotOf.get(o)!]!) < widest * 2 + 0.01);
    const order = [...ids].sort((a, b) => Number(blocks(b)) - Number(blocks(a)));
    const label = center ? this.name(center) : `[${fmtXY(c)}]`;
    const centerRef = center ?? roundVec(c);
    order.forEach((id, k) => {
      const slot = slots[slotOf.get(id)!]!;
      const a = phase + (2 * Math.PI * slotOf.get(id)!) / n;
      const preds: Predicate[] = [{ near: [id, slot, 0.02] }, { onTable: id }];
      if (k === n - 1) preds.push({ circle: { ids, center: centerRef } });
      if (this.amend.pushInstead.includes(id)) {
        this.push(id, slot, `push ${this.name(id)} to its place on the circle around ${label} at ${fmtXY(slot)}`, all(preds));
        return;
      }
      this.pick(id);
      this.place(
        id,
        { kind: 'xy', xy: slot },
        `put ${this.name(id)} on the circle around ${label} at ${fmtXY(slot)}`,
        all(preds),
        round(halfTurn(a)),
      );
      this.board.move(id, slot);
    });
  }

  /**
   * Rows along x, the first at the back (+y), each filled left to right: a grid of evenly
   * spaced slots at the clear place nearest the objects (as a row is placed).
   */
  grid(rows: string[][]): void {
    const ids = rows.flat();
    const objs = ids.map((id) => this.board.obj(id));
    const pitchX = round(Math.max(...objs.map((o) => o.size[0])) + 0.035);
    const pitchY = round(Math.max(...objs.map((o) => o.size[1])) + 0.035 + FINGER_ROOM);
    const cols = Math.max(...rows.map((r) => r.length));
    const local = new Map<string, Vec2>();
    rows.forEach((r, i) => {
      r.forEach((id, j) => {
        local.set(id, [(j - (cols - 1) / 2) * pitchX, ((rows.length - 1) / 2 - i) * pitchY]);
      });
    });
    const n = ids.length;
    const centroid: Vec2 = [
      ids.reduce((a, id) => a + this.board.pos(id)[0], 0) / n,
      ids.reduce((a, id) => a + this.board.pos(id)[1], 0) / n,
    ];
    const others = this.board.obstacles(ids);
    const slotAt = (c: Vec2, id: string): Vec2 => roundVec([c[0] + local.get(id)![0], c[1] + local.get(id)![1]]);
    let best: { c: Vec2; score: number } | null = null;
    for (let x = PLACE_REGION.min[0]; x <= PLACE_REGION.max[0] + 1e-9; x += 0.01) {
      for (let y = PLACE_REGION.min[1]; y <= PLACE_REGION.max[1] + 1e-9; y += 0.01) {
        const c: Vec2 = [round(x), round(y)];
        if (!ids.every((id) => inside(slotAt(c, id)))) continue;
        let worst = Infinity;
        ids.forEach((id, k) => {
          const slot = slotAt(c, id);
          worst = Math.min(worst, clearance(slot, footprint(objs[k]!) + FINGER_ROOM, others));
          for (let j = k + 1; j < n; j++) {
            worst = Math.min(worst, dist2(slot, this.board.pos(ids[j]!)) - footprint(objs[k]!) - footprint(objs[j]!) - FINGER_ROOM);
          }
        });
        const score = Math.min(worst, 0.04) - 0.05 * dist2(c, centroid) - 0.02 * Math.hypot(c[0], c[1]);
        if (!best || score > best.score) best = { c, score };
      }
    }
    const c = best?.c ?? [0, 0];
    const columns: string[][] = [];
    for (let j = 0; j < cols; j++) {
      const col = rows
        .map((r) => r[j])
        .filter((id): id is string => id !== undefined)
        .reverse();
      if (col.length >= 2) columns.push(col);
    }
    rows.forEach((r, i) => {
      r.forEach((id, j) => {
        const slot = slotAt(c, id);
        const preds: Predicate[] = [{ near: [id, slot, 0.02] }, { onTable: id }];
        if (j === r.length - 1 && r.length >= 2) preds.push({ row: { ids: r, axis: 'x' } });
        if (i === rows.length - 1 && j === r.length - 1) for (const col of columns) preds.push({ row: { ids: col, axis: 'y' } });
        const where = `row ${i + 1} of ${rows.length}, place ${j + 1}`;
        if (this.amend.pushInstead.includes(id)) {
          this.push(id, slot, `push ${this.name(id)} into the grid (${where}) at ${fmtXY(slot)}`, all(preds));
          return;
        }
        this.pick(id);
        this.place(
          id,
          { kind: 'xy', xy: slot },
          `put ${this.name(id)} in the grid (${where}) at ${fmtXY(slot)}`,
          all(preds),
          round(Math.PI / 2),
        );
        this.board.move(id, slot);
      });
    });
  }

  /** The best centre and direction for a line of `ids` with slots `pitch` apart in `bounds` (null if none fits). */
  private bestLine(
    ids: string[],
    directions: Vec2[],
    bounds: { min: Vec2; max: Vec2 },
    inBounds: boolean,
    half: number,
    pitch: number,
    centroid: Vec2,
    others: ReturnType<Board['obstacles']>,
  ): { c: Vec2; u: Vec2; score: number } | null {
    const objs = ids.map((id) => this.board.obj(id));
    const n = ids.length;
    let best: { c: Vec2; u: Vec2; score: number } | null = null;
    for (const u of directions) {
      for (let x = bounds.min[0]; x <= bounds.max[0] + 1e-9; x += 0.01) {
        for (let y = bounds.min[1]; y <= bounds.max[1] + 1e-9; y += 0.01) {
          const c: Vec2 = [round(x), round(y)];
          const first: Vec2 = [c[0] - u[0] * half, c[1] - u[1] * half];
          const last: Vec2 = [c[0] + u[0] * half, c[1] + u[1] * half];
          if (inBounds ? !inRegion(first, bounds) || !inRegion(last, bounds) : !inside(first) || !inside(last)) continue;
          let worst = Infinity;
          for (let k = 0; k < n; k++) {
            const slot: Vec2 = [first[0] + u[0] * pitch * k, first[1] + u[1] * pitch * k];
            const r = footprint(objs[k]!) + FINGER_ROOM;
            worst = Math.min(worst, clearance(slot, r, others));
            // Objects placed later must not be in the way of this slot, nor this one's slot in theirs.
            for (let j = k + 1; j < n; j++) {
              const p = this.board.pos(ids[j]!);
              worst = Math.min(worst, dist2(slot, p) - footprint(objs[k]!) - footprint(objs[j]!) - FINGER_ROOM);
            }
          }
          const score = Math.min(worst, 0.04) - 0.05 * dist2(c, centroid) - 0.02 * Math.hypot(c[0], c[1]);
          if (!best || score > best.score) best = { c, u, score };
        }
      }
    }
    return best;
  }

  /**
   * A line of objects in the given order along +axis (a diagonal runs left to right, up or
   * down, whichever has more room): evenly spaced slots on one straight line at the clear
   * place nearest the objects, filled first to last, the fingers closing across the line.
   * Expects `ordered` at the end, and the `line` predicate when a line was asked for.
   */
  lineUp(
    ids: string[],
    axis: 'x' | 'y',
    line?: 'horizontal' | 'vertical' | 'diagonal',
    slope?: 1 | -1,
    region?: TableRegionName,
    through?: Vec2,
    anchor?: string,
  ): void {
    // "in a line along the top of the table": every slot in that region (1.5 cm in), within reach; expects `inRegion`.
    const reg = region ? TABLE_REGIONS[region] : null;
    // The region `m` in from its edges, within reach.
    const inset = (r: { min: Vec2; max: Vec2 }, m: number): { min: Vec2; max: Vec2 } => ({
      min: [Math.max(r.min[0] + m, REACH_REGION.min[0]), Math.max(r.min[1] + m, REACH_REGION.min[1])],
      max: [Math.min(r.max[0] - m, REACH_REGION.max[0]), Math.min(r.max[1] - m, REACH_REGION.max[1])],
    });
    const bounds = reg ? inset(reg, 0.015) : PLACE_REGION;
    const h = Math.SQRT1_2;
    const diagonals: Vec2[] = slope
      ? [[h, slope * h]]
      : [
          [h, h],
          [h, -h],
        ];
    const directions: Vec2[] = line === 'diagonal' ? diagonals : [axis === 'x' ? [1, 0] : [0, 1]];
    const objs = ids.map((id) => this.board.obj(id));
    // Each is set down with its grasp axis across the line: the larger half-size lies along it, at worst.
    const halfAlong = (o: ObjectInfo): number =>
      (line === 'diagonal' ? Math.max(o.size[0], o.size[1]) : axis === 'x' ? o.size[0] : o.size[1]) / 2;
    let pitch = 0;
    for (let k = 1; k < objs.length; k++) {
      // Along a diagonal a box is set down turned 45° to the table's axes: keep even the
      // neighbours' axis-aligned bounds apart (each reaches its footprint radius along x and y).
      const need =
        line === 'diagonal'
          ? Math.SQRT2 * (footprint(objs[k - 1]!) + footprint(objs[k]!)) + 0.012
          : halfAlong(objs[k - 1]!) + halfAlong(objs[k]!) + 0.035;
      pitch = Math.max(pitch, need);
    }
    pitch = round(pitch);
    const n = ids.length;
    const centroid: Vec2 = [0, 0];
    for (const id of ids) {
      centroid[0] += this.board.pos(id)[0] / n;
      centroid[1] += this.board.pos(id)[1] / n;
    }
    const others = this.board.obstacles(ids);
    let half = ((n - 1) / 2) * pitch;
    const k0 = axis === 'x' ? 0 : 1;
    // "…, just right of the middle": the centre within 3 cm of that point, when a line fits there.
    // "… up under the middle bowl": the line placed so the one it runs on from keeps its place.
    const fixed = anchor !== undefined ? ids.indexOf(anchor) : -1;
    if (fixed >= 0 && line !== 'diagonal') {
      const u = directions[0]!;
      const at = this.board.pos(anchor!);
      const c: Vec2 = roundVec([at[0] - u[0] * (pitch * fixed - half), at[1] - u[1] * (pitch * fixed - half)]);
      const found = this.bestLine(ids, directions, { min: c, max: c }, false, half, pitch, c, others);
      if (!found) throw new Error(`a line of ${n} running on from ${anchor} does not fit in the workspace`);
      this.fillLine(ids, found, half, pitch, axis, line, undefined, false, anchor);
      return;
    }
    let best = through
      ? this.bestLine(
          ids,
          directions,
          { min: [through[0] - 0.03, through[1] - 0.03], max: [through[0] + 0.03, through[1] + 0.03] },
          false,
          half,
          pitch,
          through,
          others,
        )
      : null;
    if (through && !best) this.notes.push(`no line of ${n} fits around ${fmtXY(through)}: it goes where there is room`);
    if (through && best) this.notes.push(`the line's middle at ${fmtXY(best.c)}`);
    best ??= this.bestLine(ids, directions, bounds, reg !== null, half, pitch, centroid, others);
    // A straight line longer than its region ("a vertical line of four down the middle"): the
    // region holds it across, and it runs on along its axis as far as it must (noted).
    let held = reg !== null;
    // Too long for its region at the usual spacing: closer together (2 cm apart, the fingers
    // close across the line, never between neighbours), centres up to 0.5 cm inside the region.
    if (!best && reg && line !== 'diagonal') {
      const tight = round(Math.max(...objs.slice(1).map((o, k) => halfAlong(objs[k]!) + halfAlong(o) + 0.02)));
      const closer = this.bestLine(ids, directions, inset(reg, 0.005), true, ((n - 1) / 2) * tight, tight, centroid, others);
      // (Only with room to spare around it: a crowded middle keeps the usual spacing, running past the region.)
      if (closer && closer.score >= 0 && tight < pitch) {
        best = closer;
        pitch = tight;
        half = ((n - 1) / 2) * pitch;
        this.notes.push(`a line of ${n} fits the ${region!.replace(/_/g, ' ')} only closer together: ${(tight * 100).toFixed(1)} cm apart`);
      }
    }
    if (!best && reg && line !== 'diagonal') {
      const wide = { min: [...bounds.min] as Vec2, max: [...bounds.max] as Vec2 };
      wide.min[k0] = Math.max(PLACE_REGION.min[k0], REACH_REGION.min[k0]);
      wide.max[k0] = Math.min(PLACE_REGION.max[k0], REACH_REGION.max[k0]);
      best = this.bestLine(ids, directions, wide, true, half, pitch, centroid, others);
      if (best) {
        held = false;
        this.notes.push(
          `a line of ${n} is ${((n - 1) * pitch * 100).toFixed(0)} cm long, longer than the ${region!.replace(/_/g, ' ')}: it runs past it ${axis === 'x' ? 'left and right' : 'up and down'}`,
        );
      }
    }
    // A diagonal longer than its region ("a diagonal line through the middle"): centred in the
    // region, its ends running out of it (noted).
    if (!best && reg && line === 'diagonal') {
      const mid: Vec2 = [(reg.min[0] + reg.max[0]) / 2, (reg.min[1] + reg.max[1]) / 2];
      const near = { min: [mid[0] - 0.03, mid[1] - 0.03] as Vec2, max: [mid[0] + 0.03, mid[1] + 0.03] as Vec2 };
      best = this.bestLine(ids, directions, near, false, half, pitch, mid, others);
      if (best) {
        held = false;
        this.notes.push(
          `a diagonal line of ${n} is ${((n - 1) * pitch * 100).toFixed(0)} cm long, longer than the ${region!.replace(/_/g, ' ')}: centred in it, its ends run past it`,
        );
      }
    }
    if (!best) {
      throw new Error(
        `a line of ${n} objects ${(pitch * 100).toFixed(1)} cm apart (${((n - 1) * pitch * 100).toFixed(0)} cm long) does not fit in the ${region ? region.replace(/_/g, ' ') : 'workspace'}`,
      );
    }
    this.fillLine(ids, best, half, pitch, axis, line, region, held);
  }

  /** Each object to its slot of the line `best` (centre, direction), first to last; `anchor` stays where it is. */
  private fillLine(
    ids: string[],
    best: { c: Vec2; u: Vec2; score: number },
    half: number,
    pitch: number,
    axis: 'x' | 'y',
    line: 'horizontal' | 'vertical' | 'diagonal' | undefined,
    region: TableRegionName | undefined,
    held: boolean,
    anchor?: string,
  ): void {
    const { c, u } = best;
    if (best.score < 0) this.notes.push(`little room for the line: ${(best.score * 100).toFixed(1)} cm short of clear`);
    const heading = round(halfTurn(Math.atan2(u[1], u[0]) + Math.PI / 2));
    const what = line === 'diagonal' || line === 'vertical' ? `${line} line` : 'row';
    const moved = ids.filter((id) => id !== anchor);
    ids.forEach((id, k) => {
      if (id === anchor) return;
      const slot: Vec2 = roundVec([c[0] - u[0] * half + u[0] * pitch * k, c[1] - u[1] * half + u[1] * pitch * k]);
      const preds: Predicate[] = [{ near: [id, slot, 0.02] }];
      if (region && held) preds.push({ inRegion: [id, region] });
      if (id === moved.at(-1) && ids.length >= 2) {
        preds.push({ ordered: { ids, axis } });
        if (line) preds.push({ line: { ids, direction: line } });
      }
      if (this.amend.pushInstead.includes(id)) {
        this.push(id, slot, `push ${this.name(id)} into the ${what} at ${fmtXY(slot)}`, all([...preds, { onTable: id }]));
        return;
      }
      this.pick(id);
      this.place(id, { kind: 'xy', xy: slot }, `put ${this.name(id)} in the ${what} at ${fmtXY(slot)}`, all(preds), heading);
      this.board.move(id, slot);
    });
  }

  push(id: string, goal: Vec2, description: string, expect: Predicate): void {
    this.clearRiders(id);
    const from = this.board.pos(id);
    const d: Vec2 = [goal[0] - from[0], goal[1] - from[1]];
    const distance = Math.hypot(d[0], d[1]);
    if (distance < 0.005) {
      this.notes.push(`${id} is already at ${fmtXY(goal)}; nothing to push`);
      return;
    }
    const direction: Vec2 = [round(d[0] / distance), round(d[1] / distance)];
    this.steps.push({ op: 'push', id, description, expect, direction, distance: round(distance), goal: roundVec(goal) });
    this.board.move(id, goal);
  }

  /**
   * Whether sliding `id` straight to `goal` would run into another object on the way (its
   * footprint within the other's, centre to centre along the path); the first such object.
   */
  pathBlocked(id: string, goal: Vec2, beside?: string): string | null {
    const from = this.board.pos(id);
    if (beside) {
      // The object it ends beside, as the box it is: the path may end just clear of it, not cross it.
      const at = this.board.pos(beside);
      const o = this.board.obj(beside);
      const half = Math.max(...this.board.obj(id).size.slice(0, 2)) / 2 - 0.003;
      const cos = Math.cos(o.yaw),
        sin = Math.sin(o.yaw);
      for (let t = 0; t < 1; t += 0.02) {
        const x = from[0] + t * (goal[0] - from[0]) - at[0];
        const y = from[1] + t * (goal[1] - from[1]) - at[1];
        if (Math.abs(cos * x + sin * y) < o.size[0] / 2 + half && Math.abs(-sin * x + cos * y) < o.size[1] / 2 + half) return beside;
      }
    }
    const r = footprint(this.board.obj(id));
    const d: Vec2 = [goal[0] - from[0], goal[1] - from[1]];
    const len2 = d[0] * d[0] + d[1] * d[1];
    if (len2 < 1e-6) return null;
    for (const ob of this.board.obstacles(beside ? [id, beside] : [id])) {
      const t = Math.max(0, Math.min(1, ((ob.x - from[0]) * d[0] + (ob.y - from[1]) * d[1]) / len2));
      const gap = Math.hypot(from[0] + t * d[0] - ob.x, from[1] + t * d[1] - ob.y) - ob.r - r;
      if (gap < 0) return ob.id;
    }
    return null;
  }

  /** Slide `id` to `goal`, or, when something is in the way, lift it there instead (noted). */
  private slideOrCarry(id: string, goal: Vec2, dest: Dest, description: string, expect: Predicate): void {
    const blocked = this.amend.pushInstead.includes(id) ? null : this.pathBlocked(id, goal, dest.kind === 'beside' ? dest.id : undefined);
    if (blocked) {
      this.notes.push(`${blocked} is in the way of sliding ${id}: it is picked up and put there instead`);
      this.placeAt(id, dest, false, null);
      return;
    }
    this.push(id, goal, description, expect);
  }

  pushTo(id: string, dest: Dest): void {
    const name = this.name(id);
    switch (dest.kind) {
      case 'zone': {
        const zone = this.facts.zones.find((z) => z.id === dest.zone)!;
        const goal = this.zoneSpot(id, zone);
        this.slideOrCarry(id, goal, dest, `push ${name} into ${zone.id.replace(/_/g, ' ')}`, {
          all: [{ inZone: [id, zone.id] }, { onTable: id }],
        });
        return;
      }
      case 'area': {
        const goal = this.regionSpot(id, dest.area.region);
        this.slideOrCarry(id, goal, dest, `push ${name} to the ${dest.area.label}`, {
          all: [{ inRegion: [id, dest.area.region] }, { onTable: id }],
        });
        return;
      }
      case 'point': {
        this.slideOrCarry(id, clampTo(dest.xy), dest, `push ${name} ${dest.label}`, {
          all: [{ near: [id, clampTo(dest.xy), 0.03] }, { onTable: id }],
        });
        return;
      }
      case 'beside': {
        // "push X a lot below Y", "push X 10 cm to the left of Y": the gap asked for (it was pushed next to Y).
        const dirs: Record<string, Vec2> = { left: [-1, 0], right: [1, 0], front: [0, -1], behind: [0, 1] };
        const refAt = this.board.pos(dest.id);
        const from = this.board.pos(id);
        if (dest.gap && dest.rel !== 'next') {
          const gap = dest.gap;
          const along = dirs[dest.rel]!;
          const image = { left: 'left', right: 'right', front: 'bottom', behind: 'top' } as const;
          const k = along[0] !== 0 ? 0 : 1;
          const theirs = extentAlong(this.board.obj(dest.id), along);
          const mine = footprint(this.board.obj(id));
          const edge = along[k]! > 0 ? REACH_REGION.max[k]! - refAt[k]! : refAt[k]! - REACH_REGION.min[k]!;
          const g = Math.max(gap.min + 0.005, Math.min((gap.min + gap.max) / 2, edge - theirs - mine));
          const goal = clampTo(
            roundVec([refAt[0] + along[0] * (theirs + mine + g), refAt[1] + along[1] * (theirs + mine + g)]),
            REACH_REGION,
          );
          const words = dest.rel === 'front' ? 'below' : dest.rel === 'behind' ? 'above' : `to the ${dest.rel} of`;
          this.slideOrCarry(id, goal, dest, `push ${name} ${gap.text} ${words} ${this.name(dest.id)}`, {
            all: [{ offset: { id, from: dest.id, direction: image[dest.rel], min: round(gap.min), max: round(gap.max) } }, { onTable: id }],
          });
          return;
        }
        let dir = dirs[dest.rel];
        if (!dir) {
          // Next to: the side facing the object.
          const v: Vec2 = [from[0] - refAt[0], from[1] - refAt[1]];
          dir = Math.abs(v[0]) >= Math.abs(v[1]) ? [Math.sign(v[0]) || 1, 0] : [0, Math.sign(v[1]) || 1];
        }
        const d = extentAlong(this.board.obj(dest.id), dir) + footprint(this.board.obj(id)) + 0.01;
        const goal: Vec2 = roundVec([refAt[0] + dir[0] * d, refAt[1] + dir[1] * d]);
        this.slideOrCarry(id, goal, dest, `push ${name} next to ${this.name(dest.id)}`, {
          all: [{ near: [id, dest.id, round(d + 0.04)] }, { onTable: id }],
        });
        return;
      }
      case 'in':
      case 'on':
      case 'table':
        throw new Error(
          `cannot push ${id} ${dest.kind === 'table' ? 'onto the table' : `${dest.kind} ${dest.id}`}: pushing only slides objects across the table`,
        );
    }
  }

  swap(a: string, b: string): void {
    const aAt = this.board.pos(a);
    const bAt = this.board.pos(b);
    const ra = footprint(this.board.obj(a)) + FINGER_ROOM,
      rb = footprint(this.board.obj(b)) + FINGER_ROOM;
    const parking = this.spot(a, {
      avoid: [
        { id: 'spot-a', x: aAt[0], y: aAt[1], r: rb },
        { id: 'spot-b', x: bAt[0], y: bAt[1], r: ra },
      ],
      ignore: [b],
      near: [(aAt[0] + bAt[0]) / 2, (aAt[1] + bAt[1]) / 2],
      nearWeight: 0.05,
    });
    const an = this.name(a),
      bn = this.name(b);
    this.pick(a);
    this.place(a, { kind: 'xy', xy: parking }, `park ${an} on a free spot ${fmtXY(parking)}`, { near: [a, parking, 0.02] });
    this.board.move(a, parking);
    this.pick(b);
    const aSpot = roundVec(aAt),
      bSpot = roundVec(bAt);
    this.place(b, { kind: 'xy', xy: aSpot }, `put ${bn} where ${an} was ${fmtXY(aSpot)}`, { near: [b, aSpot, 0.02] });
    this.board.move(b, aSpot);
    this.pick(a, { what: `${an} again` });
    this.place(a, { kind: 'xy', xy: bSpot }, `put ${an} where ${bn} was ${fmtXY(bSpot)}`, {
      all: [{ near: [a, bSpot, 0.02] }, { near: [b, aSpot, 0.02] }],
    });
    this.board.move(a, bSpot);
  }

  unstack(id: string, from: string): void {
    const fromAt = this.board.pos(from);
    const xy = this.spot(id, { near: fromAt, nearWeight: 0.1, ignore: [] });
    this.pick(id, { what: `${this.name(id)} off ${this.name(from)}` });
    this.place(id, { kind: 'xy', xy }, `put ${this.name(id)} on the table at ${fmtXY(xy)}`, {
      all: [{ onTable: id }, { not: { on: [id, from] } }],
    });
    this.board.move(id, xy);
  }

  /**
   * Two base blocks side by side at a clear site (along x, the fingers closing along y
   * so they stay out of the gap), then the top block centred on both.
   */
  pyramid(base: [string, string], top: string): void {
    const [a, b] = base;
    const oa = this.board.obj(a),
      ob = this.board.obj(b),
      ot = this.board.obj(top);
    const gap = 0.005;
    const span = oa.size[0] / 2 + ob.size[0] / 2 + gap;
    const need = Math.max(span / 2 + Math.max(footprint(oa), footprint(ob)), footprint(ot)) + FINGER_ROOM;
    const centroid: Vec2 = [(this.board.pos(a)[0] + this.board.pos(b)[0]) / 2, (this.board.pos(a)[1] + this.board.pos(b)[1]) / 2];
    const found = freeSpot({
      r: need,
      obstacles: this.board.obstacles([a, b]),
      near: centroid,
      nearWeight: 0.05,
      avoid: [discOf(ot, this.board.pos(top))],
    });
    const site = found?.xy ?? [0, 0];
    const aSpot: Vec2 = roundVec([site[0] - span / 2, site[1]]);
    const heading = round(Math.PI / 2);
    if (Math.abs(oa.size[2] - ob.size[2]) > 0.005) this.notes.push(`${a} and ${b} differ in height; the top may tilt`);
    this.pick(a);
    this.place(
      a,
      { kind: 'xy', xy: aSpot },
      `put ${this.name(a)} at the pyramid site ${fmtXY(aSpot)}`,
      { all: [{ onTable: a }, { near: [a, aSpot, 0.02] }] },
      heading,
    );
    this.board.move(a, aSpot);
    this.pick(b);
    this.place(
      b,
      { kind: 'relative', id: a, delta: [round(span), 0] },
      `put ${this.name(b)} beside ${this.name(a)}`,
      { all: [{ onTable: b }, { near: [b, a, round(span + 0.01)] }] },
      heading,
    );
    this.board.move(b, [aSpot[0] + span, aSpot[1]]);
    this.pick(top);
    this.place(top, { kind: 'between', ids: [a, b] }, `put ${this.name(top)} on top of both`, {
      all: [{ on: [top, a] }, { on: [top, b] }, { onTable: a }, { onTable: b }],
    });
    this.board.move(top, site, a);
  }
}

/**
 * In a bowl, a slot off the centre is set down with the fingers closing across the line
 * from the centre (along the rim), so neither fingertip reaches over the wall as it opens.
 */
function slotHeading(offset: Vec2): number | null {
  if (Math.hypot(offset[0], offset[1]) < 0.003) return null;
  return round(Math.atan2(offset[1], offset[0]) + Math.PI / 2);
}

/** A finger's thickness, and how far the fingers open past each side of what they grasp (sim/skills.ts pick: width + 2 cm). */
const GRIPPER_FINGER = GRIPPER.fingerThickness;
const GRASP_OPENING = 0.01;

/** An angle wrapped to (-π/2, π/2]. */
function halfTurn(a: number): number {
  let x = a % Math.PI;
  if (x > Math.PI / 2 + 1e-3) x -= Math.PI;
  if (x <= -Math.PI / 2 + 1e-3) x += Math.PI;
  return x;
}

function inside(p: Vec2): boolean {
  return (
    p[0] >= PLACE_REGION.min[0] - 1e-9 &&
    p[0] <= PLACE_REGION.max[0] + 1e-9 &&
    p[1] >= PLACE_REGION.min[1] - 1e-9 &&
    p[1] <= PLACE_REGION.max[1] + 1e-9
  );
}

/** Turn intents into steps against the scene. Throws Error with a sentence when an intent cannot be carried out. */
export function planIntents(intents: readonly Intent[], facts: SceneFacts, amend?: PlanAmendments): Plan {
  const p = new Planner(facts, amend);
  const load = (container: string, id: string): void => {
    const l = p.loads.get(container) ?? [];
    if (!l.includes(id)) l.push(id);
    p.loads.set(container, l);
  };
  for (const it of intents) {
    if (it.kind === 'place' && it.dest.kind === 'in') load(it.dest.id, it.id);
    else if (it.kind === 'gather') for (const id of it.ids) load(it.container, id);
    else if (it.kind === 'sort') for (const q of it.pairs) load(q.container, q.id);
  }
  for (const it of intents) {
    switch (it.kind) {
      case 'lift':
        p.lift(it.id, it.hold, it.height);
        break;
      case 'place':
        p.placeAt(it.id, it.dest, it.upright, it.notOn);
        break;
      case 'stack':
        p.stack(it.ids, it.at);
        break;
      case 'gather':
        p.gather(it.ids, it.container, it.along);
        break;
      case 'sort':
        p.sort(it.pairs);
        break;
      case 'lineUp':
        p.lineUp(it.ids, it.axis, it.line, it.slope, it.region, it.through, it.anchor);
        break;
      case 'circle':
        p.circle(it.ids, it.center, it.at);
        break;
      case 'grid':
        p.grid(it.rows);
        break;
      case 'push':
        p.pushTo(it.id, it.dest);
        break;
      case 'pushBy': {
        const from = p.board.pos(it.id);
        const goal = clampTo([from[0] + it.direction[0] * it.distance, from[1] + it.direction[1] * it.distance]);
        p.push(it.id, goal, `push ${p.name(it.id)} ${(it.distance * 100).toFixed(0)} cm`, {
          all: [{ near: [it.id, goal, round(Math.max(0.02, it.distance * 0.25))] }, { onTable: it.id }],
        });
        break;
      }
      case 'swap':
        p.swap(it.ids[0], it.ids[1]);
        break;
      case 'unstack':
        p.unstack(it.id, it.from);
        break;
      case 'pyramid':
        p.pyramid(it.base, it.top);
        break;
    }
  }
  return { steps: p.steps, notes: p.notes };
}
