// layout.shuffle: fixed spots dealt among a group's members per seed, so which object is the
// answer to "the block closest to the bowl" changes with the seed while the spots stay clear.

import { describe, expect, it } from 'vitest';
import { TaskError, instantiateScene, parseTask } from '../../tasks/index.ts';

const FILE = 'shuffle.json';
const task = (layout: Record<string, unknown>, extra: Record<string, unknown>[] = []) => ({
  id: 'shuffle_test',
  instruction: 'Put the block closest to the bowl in the bowl.',
  scene: {
    objects: [
      { id: 'bowl', shape: 'bowl', size: [0.13, 0.13, 0.05], color: 'green', position: [0, 0.15] },
      { id: 'a', shape: 'box', size: [0.04, 0.04, 0.04], color: 'red', position: [-0.2, 0], jitter: 0.01 },
      { id: 'b', shape: 'box', size: [0.04, 0.04, 0.04], color: 'blue', position: [0, -0.05] },
      { id: 'c', shape: 'box', size: [0.04, 0.04, 0.04], color: 'yellow', position: [0.25, -0.2] },
      ...extra,
    ],
    layout,
  },
  success: { inside: [{ the: { shape: 'box', closestTo: 'bowl' } }, 'bowl'] },
  reference: 'home();',
});

describe('layout.shuffle', () => {
  it('deals the group its own spots, a different deal on different seeds, the same on the same seed', () => {
    const t = parseTask(task({ shuffle: [['a', 'b', 'c']] }), FILE);
    const spots = [
      [-0.2, 0],
      [0, -0.05],
      [0.25, -0.2],
    ];
    const closest = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const scene = instantiateScene(t, seed);
      expect(JSON.stringify(instantiateScene(t, seed))).toBe(JSON.stringify(scene));
      const at = (id: string) => scene.objects.find((o) => o.id === id)!.position;
      // Every member stands on one of the spots (within its jitter), each spot taken once.
      const taken = ['a', 'b', 'c'].map((id) => spots.findIndex(([x, y]) => Math.hypot(at(id)[0] - x!, at(id)[1] - y!) <= 0.015));
      expect(taken.every((k) => k >= 0)).toBe(true);
      expect(new Set(taken).size).toBe(3);
      expect(at('bowl')).toEqual([0, 0.15, 0.025]);
      const d = (id: string) => Math.hypot(at(id)[0] - 0, at(id)[1] - 0.15);
      closest.add(['a', 'b', 'c'].sort((x, y) => d(x) - d(y))[0]!);
    }
    expect(closest.size).toBe(3);
  });

  it('leaves scenes without it as they were', () => {
    const plain = parseTask(task({}), FILE);
    const scene = instantiateScene(plain, 3);
    expect(scene.objects.find((o) => o.id === 'b')!.position.slice(0, 2)).toEqual([0, -0.05]);
  });

  it('rejects unknown ids, objects without a fixed position and ids in two groups, naming the path', () => {
    const bad = (layout: Record<string, unknown>, extra: Record<string, unknown>[] = []) => {
      try {
        parseTask(task(layout, extra), FILE);
        return 'ok';
      } catch (e) {
        expect(e).toBeInstanceOf(TaskError);
        return (e as Error).message;
      }
    };
    expect(bad({ shuffle: [['a', 'bb']] })).toMatch(/scene\.layout\.shuffle\[0\]\[1\].*unknown object "bb" \(did you mean "b"\?\)/);
    expect(bad({ shuffle: [['a', 'free']] }, [{ id: 'free', shape: 'box', size: [0.04, 0.04, 0.04], color: 'pink' }])).toMatch(
      /shuffle\[0\]\[1\].*"free" has no fixed position/,
    );
    expect(
      bad({
        shuffle: [
          ['a', 'b'],
          ['b', 'c'],
        ],
      }),
    ).toMatch(/shuffle\[1\]\[0\].*"b" is in more than one shuffled group/);
    expect(bad({ shuffle: [['a']] })).toMatch(/shuffle\[0\].*2 or more object ids/);
  });
});
