// The program API (docs/architecture.md#the-program-api), declared once. The sandbox bindings, the argument
// checks, docs/api.md and the prompt's API section are all generated from API below.
// To add a function, add one entry here; nothing else lists the functions.

import { z } from 'zod';
import {
  CONTAINER_SHAPES,
  PolicyError,
  closestNames,
  predicateObjectIds,
  predicatePlaceIds,
  predicateZoneIds,
  type Predicate,
  type SimWorld,
  type Target,
  type Vec2,
  type Vec3,
} from '../../sim/index.ts';
import { schemas as s, toTraceValue } from './arguments.ts';
import { actionLabel, type TraceRecorder } from './trace.ts';

export type ApiGroup = 'scene' | 'predicate' | 'action' | 'low-level' | 'structure';

export const API_GROUPS: { group: ApiGroup; title: string }[] = [
  { group: 'scene', title: 'Reading the scene' },
  { group: 'predicate', title: 'Predicates' },
  { group: 'action', title: 'High-level actions' },
  { group: 'low-level', title: 'Low-level actions' },
  { group: 'structure', title: 'Structure and feedback' },
];

/** What a function's `run` gets besides its arguments. */
export interface ApiContext {
  world: SimWorld;
  trace: TraceRecorder;
  /** 1-based program line of the call; null if unknown. */
  line: number | null;
  /** Simulated seconds left in the program's time budget (Infinity without one). */
  timeLeft(): number;
}

export interface ApiFunction<Args extends z.ZodTuple = z.ZodTuple> {
  name: string;
  group: ApiGroup;
  /** One line, imperative, no trailing period. */
  description: string;
  /** Positional arguments; a trailing options object where the function has options. */
  args: Args;
  /** Short text of what the call returns (empty when it returns nothing). */
  returns: string;
  /** One line of JavaScript using the function. */
  example: string;
  /**
   * How the call lands in the trace: `call` (a call event, the default) or `self`
   * (`run` writes its own subgoal or log event).
   */
  traced?: 'call' | 'self';
  /** For high-level actions: the label of the checkpoint taken after the call. */
  checkpointLabel?: (...args: z.output<Args>) => string;
  run(ctx: ApiContext, ...args: z.output<Args>): unknown;
}

/** `z.tuple([], rest)`: zod's types want at least one fixed item. */
function restTuple<R extends z.ZodType>(rest: R): z.ZodTuple<[], R> {
  return (z.tuple as unknown as (items: [], rest: R) => z.ZodTuple<[], R>)([], rest);
}

/** Keeps each entry's `run` typed by its own `args`. */
function fn<Args extends z.ZodTuple>(f: ApiFunction<Args>): ApiFunction {
  return f as unknown as ApiFunction;
}

// ---------------------------------------------------------------- shared checks

function unknownId(call: string, kind: 'object' | 'zone' | 'place', id: string, known: string[]): PolicyError {
  const close = closestNames(id, known, 1);
  const hint = close.length > 0 ? ` (did you mean '${close[0]}'?)` : '';
  const list = known.length > 0 ? `; the ${kind}s are ${known.join(', ')}` : `; there are no ${kind}s`;
  return new PolicyError('UnknownObjectError', `${call}: no ${kind} '${id}'${hint}${list}`, [id]);
}

function requireObject(ctx: ApiContext, call: string, id: string): void {
  if (!ctx.world.scene.objects.some((o) => o.id === id)) {
    throw unknownId(
      call,
      'object',
      id,
      ctx.world.scene.objects.map((o) => o.id),
    );
  }
}

function requireTarget(ctx: ApiContext, call: string, target: Target): void {
  if (typeof target === 'string') requireObject(ctx, call, target);
}

function requireContainer(ctx: ApiContext, call: string, id: string, position: number): void {
  requireObject(ctx, call, id);
  const obj = ctx.world.scene.objects.find((o) => o.id === id)!;
  if (!CONTAINER_SHAPES.includes(obj.shape)) {
    throw new PolicyError(
      'ArgumentError',
      `${call}: argument ${position} must be a container (${CONTAINER_SHAPES.join(' or ')}); ${id} is a ${obj.shape}`,
      [id],
    );
  }
}

/**
 * The plain ids a predicate names must exist (ids inside selectors too; what a `{ the }`
 * reference picks is resolved when it is evaluated); a `distinct` place that is not a table
 * region must be a zone or an object (a container).
 */
function requirePredicateIds(ctx: ApiContext, call: string, p: Predicate): void {
  for (const id of predicateObjectIds(p)) requireObject(ctx, call, id);
  const zoneIds = ctx.world.scene.zones.map((z) => z.id);
  for (const id of predicateZoneIds(p)) if (!zoneIds.includes(id)) throw unknownId(call, 'zone', id, zoneIds);
  const objectIds = ctx.world.scene.objects.map((o) => o.id);
  for (const id of predicatePlaceIds(p)) {
    if (!zoneIds.includes(id) && !objectIds.includes(id)) throw unknownId(call, 'place', id, [...zoneIds, ...objectIds]);
  }
}

const holds = (ctx: ApiContext, p: Predicate): boolean => ctx.world.evaluate(p).ok;

// ---------------------------------------------------------------- the API

const pointName = s.oneOf('name', ['center', 'top', 'bottom', 'left', 'right', 'front', 'back', 'inside']);

export const API: readonly ApiFunction[] = [
  // --- reading the scene
  fn({
    name: 'getObjects',
    group: 'scene',
    description: 'Every object with its current pose',
    args: z.tuple([]),
    returns: '[{ id, shape, color, size, position, yaw }]',
    example: "const cubes = getObjects().filter((o) => o.shape === 'box');",
    run: (ctx) => ctx.world.getObjects(),
  }),
  fn({
    name: 'getObject',
    group: 'scene',
    description: 'One object (size = full extents, m)',
    args: z.tuple([s.objectId()]),
    returns: '{ id, shape, color, size, position, yaw }',
    example: "const h = getObject('red_block').size[2];",
    run: (ctx, id) => (requireObject(ctx, 'getObject', id), ctx.world.getObject(id)),
  }),
  fn({
    name: 'getPose',
    group: 'scene',
    description: 'Centre position, quaternion and yaw of an object',
    args: z.tuple([s.objectId()]),
    returns: '{ position, quaternion, yaw }',
    example: "const { position, yaw } = getPose('red_block');",
    run: (ctx, id) => (requireObject(ctx, 'getPose', id), ctx.world.getPose(id)),
  }),
  fn({
    name: 'getBBox',
    group: 'scene',
    description: 'World-frame bounding box of an object',
    args: z.tuple([s.objectId()]),
    returns: '{ min: [x, y, z], max: [x, y, z] }',
    example: "const top = getBBox('blue_block').max[2];",
    run: (ctx, id) => (requireObject(ctx, 'getBBox', id), ctx.world.getBBox(id)),
  }),
  fn({
    name: 'getPoint',
    group: 'scene',
    description: 'A named point of an object: center, top, bottom, left, right, front, back, inside (containers)',
    args: z.tuple([s.objectId(), pointName]),
    returns: '[x, y, z]',
    example: "const p = getPoint('green_bowl', 'inside');",
    run: (ctx, id, name) => {
      if (name === 'inside') requireContainer(ctx, 'getPoint', id, 1);
      else requireObject(ctx, 'getPoint', id);
      return ctx.world.getPoint(id, name);
    },
  }),
  fn({
    name: 'getGripper',
    group: 'scene',
    description: 'TCP position, yaw, finger opening (m) and held id',
    args: z.tuple([]),
    returns: '{ position, yaw, width, holding: id | null }',
    example: 'if (getGripper().holding === null) pick(id);',
    run: (ctx) => {
      const g = ctx.world.getGripper();
      return { position: g.position, yaw: g.yaw, width: g.width, holding: g.holding };
    },
  }),
  fn({
    name: 'getTable',
    group: 'scene',
    description: 'The table top extents; its surface is z = 0',
    args: z.tuple([]),
    returns: '{ min: [x, y], max: [x, y] }',
    example: 'const { min, max } = getTable();',
    run: (ctx) => ctx.world.getTable(),
  }),
  // --- predicates
  fn({
    name: 'isOn',
    group: 'predicate',
    description: 'Whether a rests on top of b',
    args: z.tuple([s.objectId('a'), s.objectId('b')]),
    returns: 'boolean',
    example: "if (!isOn('red_block', 'blue_block')) place('blue_block');",
    run: (ctx, a, b) => (requireObject(ctx, 'isOn', a), requireObject(ctx, 'isOn', b), holds(ctx, { on: [a, b] })),
  }),
  fn({
    name: 'isInside',
    group: 'predicate',
    description: 'Whether a is inside a container (bowl or tray)',
    args: z.tuple([s.objectId('a'), s.objectId('container')]),
    returns: 'boolean',
    example: "isInside('red_block', 'green_bowl')",
    run: (ctx, a, container) => {
      requireObject(ctx, 'isInside', a);
      requireContainer(ctx, 'isInside', container, 2);
      return holds(ctx, { inside: [a, container] });
    },
  }),
  fn({
    name: 'isGrasped',
    group: 'predicate',
    description: 'Whether the gripper holds the object',
    args: z.tuple([s.objectId()]),
    returns: 'boolean',
    example: "if (!isGrasped('red_block')) pick('red_block');",
    run: (ctx, id) => (requireObject(ctx, 'isGrasped', id), holds(ctx, { grasped: id })),
  }),
  fn({
    name: 'isUpright',
    group: 'predicate',
    description: 'Whether the object stands upright',
    args: z.tuple([s.objectId()]),
    returns: 'boolean',
    example: "isUpright('bottle')",
    run: (ctx, id) => (requireObject(ctx, 'isUpright', id), holds(ctx, { upright: id })),
  }),
  fn({
    name: 'check',
    group: 'predicate',
    description: 'Evaluate any predicate exactly as the task check does (same code and tolerances)',
    args: z.tuple([s.predicate('predicate')]),
    returns: '{ ok, detail }',
    example: "const r = check({ inside: ['can', 'gray_tray'] }); if (!r.ok) log(r.detail);",
    run: (ctx, p) => {
      const predicate = p as Predicate;
      requirePredicateIds(ctx, 'check', predicate);
      const r = ctx.world.evaluate(predicate);
      return { ok: r.ok, detail: r.detail };
    },
  }),
  fn({
    name: 'distance',
    group: 'predicate',
    description: 'Distance (m) between objects (centres) or positions',
    args: z.tuple([s.target('a'), s.target('b')]),
    returns: 'number (m)',
    example: "if (distance('red_block', [0.1, 0.2]) > 0.02) push('red_block', [1, 0], 0.05);",
    run: (ctx, a, b) => (requireTarget(ctx, 'distance', a), requireTarget(ctx, 'distance', b), ctx.world.distance(a, b)),
  }),
  // --- high-level actions
  fn({
    name: 'pick',
    group: 'action',
    description: 'Approach, grasp and lift an object (GraspError if not held)',
    args: z.tuple([
      s.objectId(),
      s
        .options({
          approach: s.oneOf('approach', ['top', 'side']),
          liftHeight: s.metres('liftHeight', 0, 0.45, 'a lift height'),
          speed: s.speed(),
        })
        .optional(),
    ]),
    returns: '',
    example: "pick('red_block', { approach: 'top', liftHeight: 0.1 });",
    checkpointLabel: (id) => actionLabel('pick', id),
    run: (ctx, id, opts) => (requireObject(ctx, 'pick', id), ctx.world.pick(id, opts)),
  }),
  fn({
    name: 'place',
    group: 'action',
    description: 'Put the held object on/in an object, or at [x, y] on the table, and let go',
    args: z.tuple([
      s.target(),
      s
        .options({
          offset: s.offset(),
          yaw: s.yaw(),
          releaseHeight: s.metres('releaseHeight', 0, 0.45, 'a release height above the surface'),
          speed: s.speed(),
        })
        .optional(),
    ]),
    returns: '',
    example: "place('blue_block', { offset: [0, 0.01], releaseHeight: 0.005 });",
    checkpointLabel: (target) => actionLabel('place', target),
    run: (ctx, target, opts) => (requireTarget(ctx, 'place', target), ctx.world.place(target, opts)),
  }),
  fn({
    name: 'push',
    group: 'action',
    description: 'Push an object along a direction [dx, dy] by a distance (m)',
    args: z.tuple([
      s.objectId(),
      s.direction(),
      s.metres('distance', 0, 2, 'a distance'),
      s.options({ height: s.metres('height', 0, 0.45, 'a contact height'), speed: s.speed() }).optional(),
    ]),
    returns: '',
    example: "push('red_block', [1, 0], 0.1);",
    checkpointLabel: (id) => actionLabel('push', id),
    run: (ctx, id, direction, distance, opts) => (requireObject(ctx, 'push', id), ctx.world.push(id, direction as Vec2, distance, opts)),
  }),
  // --- low-level actions
  fn({
    name: 'moveTo',
    group: 'low-level',
    description: 'Move the TCP in a straight line ([x, y] keeps the current height)',
    args: z.tuple([s.position(), s.options({ yaw: s.yaw(), speed: s.speed() }).optional()]),
    returns: '',
    example: 'moveTo([0.1, 0.05, 0.2], { yaw: Math.PI / 2 });',
    run: (ctx, position, opts) => {
      const p: Vec3 = position.length === 3 ? [...position] : [position[0], position[1], ctx.world.getGripper().position[2]];
      ctx.world.moveTo(p, opts);
    },
  }),
  fn({
    name: 'moveBy',
    group: 'low-level',
    description: 'Move the TCP by an offset ([dx, dy] keeps the height)',
    args: z.tuple([s.delta()]),
    returns: '',
    example: 'moveBy([0, 0, 0.05]);',
    run: (ctx, delta) => ctx.world.moveBy(delta.length === 3 ? [...delta] : [delta[0], delta[1], 0]),
  }),
  fn({
    name: 'rotateTo',
    group: 'low-level',
    description: 'Turn the gripper to a yaw about z (rad)',
    args: z.tuple([s.yaw()]),
    returns: '',
    example: "rotateTo(getPose('red_block').yaw);",
    run: (ctx, yaw) => ctx.world.rotateTo(yaw),
  }),
  fn({
    name: 'openGripper',
    group: 'low-level',
    description: 'Open the fingers fully (releases what is held)',
    args: z.tuple([]),
    returns: '',
    example: 'openGripper();',
    run: (ctx) => ctx.world.openGripper(),
  }),
  fn({
    name: 'closeGripper',
    group: 'low-level',
    description: 'Close the fingers until contact',
    args: z.tuple([]),
    returns: 'id now held | null',
    example: "if (closeGripper() !== 'red_block') throw new Error('missed');",
    run: (ctx) => ctx.world.closeGripper(),
  }),
  fn({
    name: 'home',
    group: 'low-level',
    description: 'Move the gripper back to its home pose',
    args: z.tuple([]),
    returns: '',
    example: 'home();',
    run: (ctx) => ctx.world.home(),
  }),
  fn({
    name: 'wait',
    group: 'low-level',
    description: 'Let the simulation run without moving',
    args: z.tuple([s.seconds()]),
    returns: '',
    example: 'wait(0.5);',
    run: (ctx, seconds) => {
      const left = ctx.timeLeft();
      if (seconds <= left) return ctx.world.wait(seconds);
      ctx.world.wait(Math.max(0, left));
      throw new PolicyError(
        'TimeoutError',
        `wait: waiting ${seconds} s would overrun the program's time budget (${left.toFixed(2)} s were left)`,
      );
    },
  }),
  // --- structure and feedback
  fn({
    name: 'subgoal',
    group: 'structure',
    description: 'Start a subgoal (ends the previous one); expect: predicate that should hold at its end',
    args: z.tuple([s.text('description', 500, 'a description'), s.options({ expect: s.predicate('expect') }).optional()]),
    returns: '',
    example: "subgoal('grasp the red block', { expect: { grasped: 'red_block' } });",
    traced: 'self',
    run: (ctx, description, opts) => {
      const expect = opts?.expect as Predicate | undefined;
      if (expect) requirePredicateIds(ctx, 'subgoal', expect);
      ctx.trace.startSubgoal(description, expect, ctx.line);
    },
  }),
  fn({
    name: 'checkpoint',
    group: 'structure',
    description: 'Take an extra snapshot for the monitor',
    args: z.tuple([s.text('label', 48, 'a short label')]),
    returns: '',
    example: "checkpoint('after-lift');",
    run: (ctx, label) => void ctx.trace.checkpoint('manual', label),
  }),
  fn({
    name: 'log',
    group: 'structure',
    description: 'Write values to the trace (console.log does the same)',
    args: restTuple(s.any('values')),
    returns: '',
    example: "log('gap', distance('red_block', 'blue_block'));",
    traced: 'self',
    run: (ctx, ...values) => void ctx.trace.log(formatLog(values), ctx.line),
  }),
];

/** The API by name. */
export const API_BY_NAME: ReadonlyMap<string, ApiFunction> = new Map(API.map((f) => [f.name, f]));

/** Names of the functions bound in the sandbox, in declaration order. */
export const API_NAMES: readonly string[] = API.map((f) => f.name);

const MAX_LOG = 2000;

function formatLogValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  const safe = toTraceValue(v);
  return typeof safe === 'string' ? safe : JSON.stringify(safe);
}

/** console.log-style text of logged values, at most 2000 characters. */
export function formatLog(values: readonly unknown[]): string {
  const text = values.map(formatLogValue).join(' ');
  return text.length > MAX_LOG ? `${text.slice(0, MAX_LOG - 1)}…` : text;
}
