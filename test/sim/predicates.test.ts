// Predicates are pure functions of (scene, state, initial): these tests build the
// snapshots by hand, no physics involved.

import { describe, expect, it } from 'vitest';
import { PredicateSchema, evaluatePredicate } from '../../sim/index.ts';
import type { ObjectState, Predicate, Quat, Snapshot, Vec3, WorldView } from '../../sim/index.ts';
import { blueBlock, greenBowl, grayTray, obj, redBlock, scene } from './scenes.ts';

const SCENE = scene(
  redBlock(0, 0),
  blueBlock(0.1, 0),
  greenBowl(-0.15, 0.05),
  grayTray(-0.15, -0.12),
  obj('ball', 'sphere', [0.04, 0.04, 0.04], 0.2, -0.2),
  obj('green_block', 'box', [0.04, 0.04, 0.04], 0.3, 0),
);

const still = (position: Vec3, quaternion: Quat = [0, 0, 0, 1]): ObjectState => ({
  position, quaternion, linvel: [0, 0, 0], angvel: [0, 0, 0],
});

const INITIAL: Snapshot = {
  t: 0,
  step: 0,
  objects: Object.fromEntries(SCENE.objects.map((o) => [o.id, still(o.position)])),
  gripper: { position: [0, -0.15, 0.3], yaw: 0, approach: 'top', width: 0.08, holding: null },
};

/** A view where some objects have moved (and maybe one is held). */
function view(moved: Record<string, ObjectState>, holding: string | null = null): WorldView {
  return {
    scene: SCENE,
    initial: INITIAL,
    state: { ...INITIAL, t: 1, step: 240, objects: { ...INITIAL.objects, ...moved }, gripper: { ...INITIAL.gripper, holding } },
  };
}

const tiltX = (deg: number): Quat => [Math.sin((deg * Math.PI) / 360), 0, 0, Math.cos((deg * Math.PI) / 360)];
const onBlue = still([0.1, 0, 0.07]);

interface Case { name: string; p: Predicate; v: WorldView; ok: boolean; detail: string }

const cases: Case[] = [
  { name: 'on holds for a block resting on another', p: { on: ['red_block', 'blue_block'] }, v: view({ red_block: onBlue }), ok: true,
    detail: "red_block is on blue_block: its bottom is 0.0 cm from blue_block's top and its centre 0.0 cm from the top centre." },
  { name: 'on fails when the block floats above', p: { on: ['red_block', 'blue_block'] }, v: view({ red_block: still([0.1, 0, 0.1]) }), ok: false,
    detail: "red_block is not on blue_block: its bottom is 3.0 cm above blue_block's top (limit 1.5 cm)." },
  { name: 'on fails when the block hangs past the edge', p: { on: ['red_block', 'blue_block'] }, v: view({ red_block: still([0.142, 0, 0.07]) }), ok: false,
    detail: "red_block is not on blue_block: its centre is 4.2 cm from blue_block's top centre, 1.7 cm past the edge of blue_block's top." },
  { name: 'on fails while the block is still held', p: { on: ['red_block', 'blue_block'] }, v: view({ red_block: onBlue }, 'red_block'), ok: false,
    detail: 'red_block is not on blue_block: red_block is still held by the gripper.' },
  { name: 'inside holds for a block on the bowl floor', p: { inside: ['red_block', 'green_bowl'] }, v: view({ red_block: still([-0.14, 0.05, 0.027]) }), ok: true,
    detail: "red_block is inside green_bowl: its centre is 1.0 cm from green_bowl's centre and 3.3 cm below the rim." },
  { name: 'inside fails for a block beside the bowl', p: { inside: ['red_block', 'green_bowl'] }, v: view({ red_block: still([-0.05, 0.05, 0.02]) }), ok: false,
    detail: "red_block is not inside green_bowl: its centre is 10.0 cm from green_bowl's centre, outside the 6.3 cm inner radius." },
  { name: 'inside holds for a block in the tray', p: { inside: ['red_block', 'gray_tray'] }, v: view({ red_block: still([-0.12, -0.12, 0.025]) }), ok: true,
    detail: "red_block is inside gray_tray: its centre is 3.0 cm from gray_tray's centre and 0.5 cm below the rim." },
  { name: 'inside fails for a non-container', p: { inside: ['red_block', 'blue_block'] }, v: view({}), ok: false,
    detail: 'red_block cannot be inside blue_block: blue_block is a box, not a bowl or tray.' },
  { name: 'above holds for a lifted block', p: { above: ['red_block', 0.05] }, v: view({ red_block: still([0, 0, 0.08]) }), ok: true,
    detail: "red_block's bottom is 6.0 cm above the table (needs at least 5 cm)." },
  { name: 'above fails for a block on the table', p: { above: ['red_block', 0.05] }, v: view({}), ok: false,
    detail: "red_block's bottom is 0.0 cm above the table (needs at least 5 cm)." },
  { name: 'near holds within the limit', p: { near: ['red_block', 'blue_block', 0.12] }, v: view({}), ok: true,
    detail: 'red_block is 10.0 cm from blue_block (limit 12 cm).' },
  { name: 'near fails past the limit', p: { near: ['red_block', [0.042, 0], 0.03] }, v: view({}), ok: false,
    detail: 'red_block is 4.2 cm from [0.042, 0.000] horizontally (limit 3 cm).' },
  { name: 'upright holds for a standing block', p: { upright: 'red_block' }, v: view({ red_block: still([0, 0, 0.02], tiltX(5)) }), ok: true,
    detail: 'red_block is tilted 5° from upright (limit 15°).' },
  { name: 'upright fails for a toppled block', p: { upright: 'red_block' }, v: view({ red_block: still([0, 0, 0.02], tiltX(32)) }), ok: false,
    detail: 'red_block is tilted 32° from upright (limit 15°).' },
  { name: 'onTable holds for a block on the table', p: { onTable: 'red_block' }, v: view({}), ok: true,
    detail: 'red_block is on the table at [0.000, 0.000].' },
  { name: 'onTable fails for a stacked block and names its support', p: { onTable: 'red_block' }, v: view({ red_block: onBlue }), ok: false,
    detail: 'red_block is not on the table: its bottom is 5.0 cm above the table top (it rests on blue_block).' },
  { name: 'onTable fails for a block that fell off', p: { onTable: 'red_block' }, v: view({ red_block: still([0.6, 0, -0.73]) }), ok: false,
    detail: 'red_block is off the table: its centre [0.600, 0.000] is outside the table (x within ±0.50 m, y within ±0.40 m) and its bottom is 75.0 cm below the table top.' },
  { name: 'unmoved holds for a block that stayed', p: { unmoved: ['blue_block', 0.01] }, v: view({ blue_block: still([0.102, 0, 0.025]) }), ok: true,
    detail: 'blue_block moved 0.2 cm since the start (limit 1 cm).' },
  { name: 'unmoved fails for a pushed block', p: { unmoved: ['blue_block', 0.01] }, v: view({ blue_block: still([0.134, 0, 0.025]) }), ok: false,
    detail: 'blue_block moved 3.4 cm since the start (limit 1 cm).' },
  { name: 'inZone holds inside the zone', p: { inZone: ['red_block', 'goal'] }, v: view({ red_block: still([0.3, 0.2, 0.02]) }), ok: true,
    detail: 'red_block is in zone goal: its centre [0.300, 0.200] lies within x 0.20 to 0.35 m, y 0.10 to 0.25 m.' },
  { name: 'inZone fails outside the zone', p: { inZone: ['red_block', 'goal'] }, v: view({ red_block: still([0.41, 0.2, 0.02]) }), ok: false,
    detail: 'red_block is not in zone goal: its centre [0.410, 0.200] is 6.0 cm outside the zone (x 0.20 to 0.35 m, y 0.10 to 0.25 m).' },
  { name: 'ordered holds for increasing x', p: { ordered: { ids: ['red_block', 'blue_block', 'green_block'], axis: 'x' } }, v: view({}), ok: true,
    detail: 'red_block, blue_block, green_block are in increasing x order (x = 0.00, 0.10, 0.30 m).' },
  { name: 'ordered fails and names the pair out of order', p: { ordered: { ids: ['blue_block', 'red_block'], axis: 'x' } }, v: view({}), ok: false,
    detail: 'blue_block, red_block are not in increasing x order: red_block (x = 0.00 m) should be past blue_block (x = 0.10 m).' },
  { name: 'grasped holds for the held object', p: { grasped: 'red_block' }, v: view({}, 'red_block'), ok: true,
    detail: 'red_block is held between the fingers.' },
  { name: 'grasped fails and says what is held', p: { grasped: 'red_block' }, v: view({}, 'blue_block'), ok: false,
    detail: 'red_block is not held: the gripper holds blue_block.' },
  { name: 'all fails with the failing parts only', p: { all: [{ onTable: 'red_block' }, { above: ['blue_block', 0.05] }] }, v: view({}), ok: false,
    detail: "1 of 2 conditions fail: blue_block's bottom is 0.0 cm above the table (needs at least 5 cm)." },
  { name: 'any holds with the passing alternative', p: { any: [{ above: ['blue_block', 0.05] }, { onTable: 'red_block' }] }, v: view({}), ok: true,
    detail: 'red_block is on the table at [0.000, 0.000].' },
  { name: 'not inverts and explains', p: { not: { onTable: 'red_block' } }, v: view({}), ok: false,
    detail: 'Expected the opposite of: red_block is on the table at [0.000, 0.000].' },
  { name: 'an unknown id fails naming the known ids', p: { onTable: 'redd_block' }, v: view({}), ok: false,
    detail: 'There is no object named "redd_block" (known objects: red_block, blue_block, green_bowl, gray_tray, ball, green_block).' },
  { name: 'a sphere always counts as upright', p: { upright: 'ball' }, v: view({ ball: still([0.2, -0.2, 0.02], tiltX(90)) }), ok: true,
    detail: 'ball is a sphere, which counts as upright in any orientation.' },
];

describe('evaluatePredicate', () => {
  it.each(cases)('$name', ({ p, v, ok, detail }) => {
    expect(evaluatePredicate(p, v)).toEqual({ ok, detail });
  });
});

describe('PredicateSchema', () => {
  it.each([
    { grasped: 'a' }, { on: ['a', 'b'] }, { near: ['a', [0.1, 0.2], 0.03] }, { ordered: { ids: ['a', 'b'], axis: 'y' } },
    { all: [{ not: { upright: 'a' } }, { any: [{ inZone: ['a', 'goal'] }] }] },
  ])('accepts %j', (p) => {
    expect(PredicateSchema.safeParse(p).success).toBe(true);
  });

  it.each([
    { on: ['a'] }, { above: ['a', 'high'] }, { onTable: 'a', extra: 1 }, { ordered: { ids: ['a', 'b'], axis: 'z' } }, { all: [{ nope: 1 }] },
  ])('rejects %j', (p) => {
    expect(PredicateSchema.safeParse(p).success).toBe(false);
  });
});
