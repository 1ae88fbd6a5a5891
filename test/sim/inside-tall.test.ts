// `inside` for objects taller than the container's walls (issue 10): a 6 cm cylinder
// standing on the floor of a 3 cm tray is inside it, though its centre is above the rim.
// Hand-built snapshots for the geometry, then the real simulator for the physics.

import { describe, expect, it } from 'vitest';
import { ON_GAP_ABOVE, containerInterior, createWorld, evaluatePredicate } from '../../sim/index.ts';
import type { ObjectState, PredicateFacts, PredicateResult, Snapshot, Vec3, WorldView } from '../../sim/index.ts';
import { grayTray, greenBowl, obj, redBlock, scene } from './scenes.ts';

const TRAY = grayTray(-0.15, -0.12); // 16 × 12 cm, 3 cm high
const FLOOR_TOP = containerInterior(TRAY)!.floor; // its floor's top, above the table
const CAN_H = 0.06;
const SCENE = scene(
  TRAY,
  greenBowl(0.15, 0.1),
  obj('can', 'cylinder', [0.04, 0.04, CAN_H], 0.2, -0.15),
  redBlock(0.3, 0.2),
  obj('tall_box', 'box', [0.04, 0.04, 0.1], -0.3, 0.2),
);

const still = (position: Vec3): ObjectState => ({ position, quaternion: [0, 0, 0, 1], linvel: [0, 0, 0], angvel: [0, 0, 0] });
const INITIAL: Snapshot = {
  t: 0,
  step: 0,
  objects: Object.fromEntries(SCENE.objects.map((o) => [o.id, still(o.position)])),
  gripper: { position: [0, -0.15, 0.3], yaw: 0, approach: 'top', width: 0.08, holding: null },
};
function view(moved: Record<string, ObjectState>, holding: string | null = null): WorldView {
  return {
    scene: SCENE,
    initial: INITIAL,
    state: { ...INITIAL, objects: { ...INITIAL.objects, ...moved }, gripper: { ...INITIAL.gripper, holding } },
  };
}
const insideFacts = (r: PredicateResult): Extract<PredicateFacts, { kind: 'inside' }> => {
  if (r.facts?.kind !== 'inside') throw new Error(`expected inside facts, got ${r.facts?.kind}`);
  return r.facts;
};

/** The can standing on the tray's floor at (x, y), its bottom `lift` above the floor. */
const canInTray = (x: number, y: number, lift = 0): ObjectState => still([x, y, FLOOR_TOP + lift + CAN_H / 2]);

describe('inside: objects taller than the walls', () => {
  it('a 6 cm cylinder standing on the floor of a 3 cm tray is inside it', () => {
    const r = evaluatePredicate({ inside: ['can', 'gray_tray'] }, view({ can: canInTray(-0.14, -0.11) }));
    expect(r.ok, r.detail).toBe(true);
    expect(r.detail).toBe(
      "can is inside gray_tray: it stands on gray_tray's floor, its centre 1.4 cm from gray_tray's centre (it reaches above the rim).",
    );
    const f = insideFacts(r);
    expect(f.belowRim).toBeLessThan(0); // its centre is above the rim…
    expect(f.aboveFloor).toBeCloseTo(0, 9); // …but it stands on the floor
    expect(f.restsOn).toBe(null);
  });

  it('is not inside when held, lifted off the floor, or standing outside the walls', () => {
    const held = evaluatePredicate({ inside: ['can', 'gray_tray'] }, view({ can: canInTray(-0.15, -0.12) }, 'can'));
    expect(held).toMatchObject({ ok: false, detail: 'can is not inside gray_tray yet: can is still held by the gripper.' });
    const hovering = evaluatePredicate({ inside: ['can', 'gray_tray'] }, view({ can: canInTray(-0.15, -0.12, ON_GAP_ABOVE + 0.01) }));
    expect(hovering.ok).toBe(false);
    expect(hovering.detail).toBe(
      "can is not inside gray_tray: its centre is 2.9 cm above gray_tray's rim and its bottom 2.5 cm above gray_tray's floor.",
    );
    // Beside the tray on the table: its bottom is level with the floor, but it is outside the walls.
    const beside = evaluatePredicate({ inside: ['can', 'gray_tray'] }, view({ can: still([-0.15, 0.0, CAN_H / 2]) }));
    expect(beside.ok).toBe(false);
    expect(beside.detail).toMatch(/outside gray_tray's inner walls/);
  });

  it('a tall object standing on a block that is inside the tray is inside too', () => {
    const block = still([-0.15, -0.12, FLOOR_TOP + 0.02]);
    const onBlock = still([-0.15, -0.12, FLOOR_TOP + 0.04 + 0.05]);
    const r = evaluatePredicate({ inside: ['tall_box', 'gray_tray'] }, view({ red_block: block, tall_box: onBlock }));
    expect(r.ok, r.detail).toBe(true);
    expect(insideFacts(r).restsOn).toBe('red_block');
    expect(r.detail).toMatch(/stands on red_block inside gray_tray/);
    // The same stack beside the tray is not inside it.
    const out = evaluatePredicate(
      { inside: ['tall_box', 'gray_tray'] },
      view({ red_block: still([0.3, 0.2, 0.02]), tall_box: still([0.3, 0.2, 0.09]) }),
    );
    expect(out.ok).toBe(false);
  });

  it('things in bowls keep their meaning: centre within the inner radius and below the rim', () => {
    const inBowl = evaluatePredicate({ inside: ['red_block', 'green_bowl'] }, view({ red_block: still([0.16, 0.1, 0.03]) }));
    expect(inBowl.ok, inBowl.detail).toBe(true);
    expect(inBowl.detail).toMatch(/below the rim\.$/);
    const lifted = evaluatePredicate({ inside: ['red_block', 'green_bowl'] }, view({ red_block: still([0.15, 0.1, 0.1]) }));
    expect(lifted.ok).toBe(false);
  });

  it('in the simulator: a 6 cm cylinder placed in a 3 cm tray is inside it, and stays inside when the robot leaves', async () => {
    const world = await createWorld(scene(grayTray(-0.15, -0.12), obj('can', 'cylinder', [0.04, 0.04, CAN_H], 0.15, -0.1)));
    try {
      expect(world.evaluate({ inside: ['can', 'gray_tray'] }).ok).toBe(false);
      world.pick('can');
      world.place('gray_tray');
      world.home();
      world.wait(0.3);
      const r = world.evaluate({ inside: ['can', 'gray_tray'] });
      expect(r.ok, r.detail).toBe(true);
      expect(world.evaluate({ upright: 'can' }).ok).toBe(true);
      expect(world.getBBox('can').max[2]).toBeGreaterThan(0.03 + 0.02); // it does reach above the rim
    } finally {
      world.free();
    }
  });
});
