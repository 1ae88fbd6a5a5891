import { describe, expect, it } from 'vitest';
import { createWorld, GRIPPER, gripperGeometry, TABLE } from '../../sim/index.ts';
import type { Vec3 } from '../../sim/index.ts';
import { greenBowl, redBlock, scene } from './scenes.ts';

const L = GRIPPER.fingerLength;
const T = GRIPPER.fingerThickness;
const close = (a: number[], b: number[]): void => {
  a.forEach((v, i) => {
    expect(v).toBeCloseTo(b[i]!, 9);
  });
};

describe('gripperGeometry', () => {
  it.each([
    {
      name: 'top, yaw 0: fingers close along x and hang below the palm',
      approach: 'top' as const,
      yaw: 0,
      a: [-0.025 - T / 2, 0, L / 2],
      b: [0.025 + T / 2, 0, L / 2],
      palm: [0, 0, L + GRIPPER.palmSize[2] / 2],
    },
    {
      name: 'top, yaw 90°: fingers close along y',
      approach: 'top' as const,
      yaw: Math.PI / 2,
      a: [0, -0.025 - T / 2, L / 2],
      b: [0, 0.025 + T / 2, L / 2],
      palm: [0, 0, L + GRIPPER.palmSize[2] / 2],
    },
    {
      name: 'side, yaw 0: fingers point along +y from behind',
      approach: 'side' as const,
      yaw: 0,
      a: [-0.025 - T / 2, -L / 2, 0],
      b: [0.025 + T / 2, -L / 2, 0],
      palm: [0, -L - GRIPPER.palmSize[2] / 2, 0],
    },
  ])('$name', ({ approach, yaw, a, b, palm }) => {
    const p: Vec3 = [0.1, 0.2, 0.3];
    const g = gripperGeometry({ position: p, yaw, approach, width: 0.05 });
    const at = (d: number[]): number[] => d.map((v, i) => v + p[i]!);
    close(g.fingers[0].position, at(a));
    close(g.fingers[1].position, at(b));
    close(g.palm.position, at(palm));
    expect(g.fingers[0].size).toEqual([T, GRIPPER.fingerDepth, L]);
    expect(g.palm.size).toEqual([...GRIPPER.palmSize]);
  });

  it('puts the TCP midway between the fingertips', () => {
    const g = gripperGeometry({ position: [0, 0, 0.1], yaw: 0.3, approach: 'top', width: 0.06 });
    const tip = (i: 0 | 1): number[] => {
      const f = g.fingers[i].position;
      return [f[0], f[1], f[2] - L / 2];
    };
    close(
      tip(0).map((v, i) => (v + tip(1)[i]!) / 2),
      [0, 0, 0.1],
    );
    expect(Math.hypot(tip(0)[0]! - tip(1)[0]!, tip(0)[1]! - tip(1)[1]!)).toBeCloseTo(0.06 + T, 9);
  });
});

describe('queries', () => {
  it('answers poses, boxes and named points of a turned block and a bowl', async () => {
    const world = await createWorld(scene(redBlock(0.1, 0, { size: [0.06, 0.02, 0.04], yaw: Math.PI / 2 }), greenBowl(-0.15, 0.05)));
    const pose = world.getPose('red_block');
    expect(pose.yaw).toBeCloseTo(Math.PI / 2, 3);
    const box = world.getBBox('red_block');
    expect(box.max[0] - box.min[0]).toBeCloseTo(0.02, 3);
    expect(box.max[1] - box.min[1]).toBeCloseTo(0.06, 3);
    expect(world.getPoint('red_block', 'top')[2]).toBeCloseTo(0.04, 3);
    expect(world.getPoint('red_block', 'left')[0]).toBeCloseTo(0.09, 3);
    expect(world.getPoint('red_block', 'back')[1]).toBeCloseTo(0.03, 3);
    const inside = world.getPoint('green_bowl', 'inside');
    expect(inside[0]).toBeCloseTo(-0.15, 3);
    expect(inside[2]).toBeGreaterThan(0.01);
    expect(inside[2]).toBeLessThan(0.03);
    expect(world.getObjects().map((o) => o.id)).toEqual(['red_block', 'green_bowl']);
    expect(world.getObject('green_bowl')).toMatchObject({ shape: 'bowl', size: [0.14, 0.14, 0.06] });
    expect(world.distance('red_block', [0.1, 0.1])).toBeCloseTo(0.1, 3);
    expect(world.getTable()).toEqual({ min: [-0.5, -0.4], max: [0.5, 0.4] });
    expect(world.getGripper()).toEqual({ position: [...TABLE.home], yaw: 0, width: GRIPPER.maxOpening, holding: null });
    world.free();
  });

  it('lets dropped objects land on the floor below the table', async () => {
    const world = await createWorld(scene(redBlock(0.55, 0, { position: [0.55, 0, 0.1] })));
    world.wait(1);
    expect(world.getPose('red_block').position[2]).toBeCloseTo(-0.73, 2);
    expect(world.evaluate({ onTable: 'red_block' }).ok).toBe(false);
    world.free();
  });
});
