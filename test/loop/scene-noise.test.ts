import { describe, expect, it } from 'vitest';
import { getTask, instantiateScene } from '../../tasks/index.ts';
import { programContext } from '../../policy/loop/index.ts';

describe('scene facts given to the programmer', () => {
  const task = getTask('swap_blocks');
  const scene = instantiateScene(task, 3);

  it('are the exact initial objects without scene noise', async () => {
    const ctx = await programContext(task, 3, scene, 'rapier', []);
    for (const o of ctx.objects) {
      const spec = scene.objects.find((s) => s.id === o.id)!;
      expect(Math.hypot(o.position[0] - spec.position[0], o.position[1] - spec.position[1])).toBeLessThan(0.005);
    }
  });

  it('carry a seeded, repeatable xy error with scene noise, leaving z alone', async () => {
    const exact = await programContext(task, 3, scene, 'rapier', []);
    const a = await programContext(task, 3, scene, 'rapier', [], 0.02);
    const b = await programContext(task, 3, scene, 'rapier', [], 0.02);
    expect(a.objects).toEqual(b.objects);
    const shifts = a.objects.map((o, i) =>
      Math.hypot(o.position[0] - exact.objects[i]!.position[0], o.position[1] - exact.objects[i]!.position[1]),
    );
    expect(Math.max(...shifts)).toBeGreaterThan(0.002);
    expect(Math.max(...shifts)).toBeLessThan(0.2);
    a.objects.forEach((o, i) => {
      expect(o.position[2]).toBe(exact.objects[i]!.position[2]);
    });
  });
});
