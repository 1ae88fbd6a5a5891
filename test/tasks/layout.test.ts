import { describe, expect, it } from 'vitest';
import { COLOR_NAMES } from '../../sim/index.ts';
import type { SceneSpec } from '../../sim/index.ts';
import { footprintRadius, getSuite, instantiateScene, loadTask, parseTask, TaskError } from '../../tasks/index.ts';
import type { TaskDef } from '../../tasks/index.ts';

const SEEDS = Array.from({ length: 40 }, (_, i) => i);
const TASKS: TaskDef[] = [...getSuite('core'), loadTask('tasks/TEMPLATE.json')];
/** The reach limits the core scenes keep to (a margin inside the gripper workspace). */
const REACH = { x: 0.4, y: 0.3 };

function roots(task: TaskDef, scene: SceneSpec) {
  const stacked = new Set(task.sceneTemplate.objects.filter((o) => o.on).map((o) => o.id));
  return scene.objects.filter((o) => !stacked.has(o.id));
}

describe.each(TASKS.map((t) => [t.id, t] as const))('layout of %s', (_id, task) => {
  it('is the same for the same seed and differs between seeds', () => {
    const scenes = SEEDS.map((s) => JSON.stringify(instantiateScene(task, s)));
    expect(SEEDS.map((s) => JSON.stringify(instantiateScene(task, s)))).toEqual(scenes);
    expect(new Set(scenes).size).toBe(scenes.length);
  });

  it('keeps footprints minGap apart, random objects inside the layout, everything within reach', () => {
    const { layout } = task.sceneTemplate;
    const fixed = new Set(task.sceneTemplate.objects.filter((o) => o.position).map((o) => o.id));
    for (const seed of SEEDS) {
      const scene = instantiateScene(task, seed);
      const base = roots(task, scene);
      for (let i = 0; i < base.length; i++) {
        for (let j = i + 1; j < base.length; j++) {
          const a = base[i]!;
          const b = base[j]!;
          const d = Math.hypot(a.position[0] - b.position[0], a.position[1] - b.position[1]);
          expect(d, `seed ${seed}: ${a.id} and ${b.id}`).toBeGreaterThanOrEqual(
            footprintRadius(a) + footprintRadius(b) + layout.minGap - 1e-9,
          );
        }
      }
      for (const o of base) {
        const r = footprintRadius(o);
        if (!fixed.has(o.id)) {
          expect(o.position[0] - r, `seed ${seed}: ${o.id}`).toBeGreaterThanOrEqual(layout.min[0] - 1e-9);
          expect(o.position[0] + r, `seed ${seed}: ${o.id}`).toBeLessThanOrEqual(layout.max[0] + 1e-9);
          expect(o.position[1] - r, `seed ${seed}: ${o.id}`).toBeGreaterThanOrEqual(layout.min[1] - 1e-9);
          expect(o.position[1] + r, `seed ${seed}: ${o.id}`).toBeLessThanOrEqual(layout.max[1] + 1e-9);
        }
        expect(o.position[2], `seed ${seed}: ${o.id} stands on the table`).toBeCloseTo(o.size[2] / 2, 9);
      }
      for (const o of scene.objects) {
        expect(Math.abs(o.position[0]), `seed ${seed}: ${o.id}`).toBeLessThanOrEqual(REACH.x);
        expect(Math.abs(o.position[1]), `seed ${seed}: ${o.id}`).toBeLessThanOrEqual(REACH.y);
      }
    }
  });

  it('starts stacked objects on their support', () => {
    for (const seed of SEEDS.slice(0, 5)) {
      const scene = instantiateScene(task, seed);
      const byId = new Map(scene.objects.map((o) => [o.id, o]));
      for (const t of task.sceneTemplate.objects.filter((o) => o.on)) {
        const o = byId.get(t.id)!;
        const s = byId.get(t.on!)!;
        if (s.shape === 'bowl' || s.shape === 'tray') continue; // inside: see references.test.ts
        expect(o.position[0]).toBe(s.position[0]);
        expect(o.position[1]).toBe(s.position[1]);
        expect(o.position[2] - o.size[2] / 2).toBeCloseTo(s.position[2] + s.size[2] / 2, 9);
      }
    }
  });

  it('gives distractors their own colours and ids distractor_<n>', () => {
    const named = new Set([...task.sceneTemplate.objects.map((o) => o.color), ...task.sceneTemplate.zones.map((z) => z.color)]);
    for (const seed of SEEDS) {
      const scene = instantiateScene(task, seed);
      const extra = scene.objects.slice(task.sceneTemplate.objects.length);
      extra.forEach((o, i) => {
        expect(o.id).toBe(`distractor_${i}`);
        expect(named.has(o.color), `seed ${seed}: ${o.id} is ${o.color}`).toBe(false);
        expect(COLOR_NAMES).toContain(o.color);
        expect(task.sceneTemplate.distractors.shapes).toContain(o.shape);
      });
      expect(new Set(extra.map((o) => o.color)).size).toBe(extra.length);
    }
  });
});

describe('instantiateScene', () => {
  const base = {
    id: 'crowded',
    instruction: 'Put the red block in the bowl.',
    scene: {
      objects: [
        { id: 'red_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'red' },
        ...['a', 'b', 'c', 'd', 'e', 'f'].map((s) => ({ id: `bowl_${s}`, shape: 'bowl', size: [0.14, 0.14, 0.06], color: 'white' })),
      ],
      layout: { min: [-0.2, -0.2], max: [0.2, 0.2] },
    },
    success: { inside: ['red_block', 'bowl_a'] },
    reference: 'x();',
  };

  it('fails clearly when the layout cannot fit the objects', () => {
    const task = parseTask(base, 'tasks/core/crowded.json');
    expect(() => instantiateScene(task, 0)).toThrow(TaskError);
    expect(() => instantiateScene(task, 0)).toThrow(
      /^tasks\/core\/crowded\.json: scene: cannot place "bowl_\w" without overlaps \(layout \[-0\.2,-0\.2\]\.\.\[0\.2,0\.2\], minGap 0\.04 m, 7 objects\) after \d+ tries with seed 0; enlarge scene\.layout, lower minGap, or use fewer objects or distractors$/,
    );
  });

  it('places fixed objects at their position within the jitter', () => {
    const task = parseTask(
      { ...base, scene: { objects: [{ ...base.scene.objects[0], position: [0.1, -0.05], jitter: 0.02 }, base.scene.objects[1]] } },
      '<inline>',
    );
    for (const seed of SEEDS) {
      const [red] = instantiateScene(task, seed).objects;
      expect(Math.abs(red!.position[0] - 0.1)).toBeLessThanOrEqual(0.02 + 1e-9);
      expect(Math.abs(red!.position[1] + 0.05)).toBeLessThanOrEqual(0.02 + 1e-9);
    }
  });

  it('turns boxes only when randomYaw is set, and never turns round objects', () => {
    const turned = parseTask(
      { ...base, scene: { ...base.scene, objects: base.scene.objects.slice(0, 2), layout: { randomYaw: true } } },
      '<inline>',
    );
    const still = parseTask({ ...base, scene: { ...base.scene, objects: base.scene.objects.slice(0, 2), layout: {} } }, '<inline>');
    const yaws = SEEDS.map((s) => instantiateScene(turned, s).objects[0]!.yaw);
    expect(new Set(yaws).size).toBeGreaterThan(30);
    expect(yaws.every((y) => Math.abs(y) <= Math.PI / 4)).toBe(true);
    expect(SEEDS.every((s) => instantiateScene(turned, s).objects[1]!.yaw === 0)).toBe(true);
    expect(SEEDS.every((s) => instantiateScene(still, s).objects[0]!.yaw === 0)).toBe(true);
  });

  it('fails when no colour is left for distractors', () => {
    const colors = ['red', 'green', 'blue', 'yellow', 'purple', 'orange', 'pink', 'cyan', 'brown', 'gray', 'white', 'black'];
    const task = parseTask(
      {
        ...base,
        scene: {
          objects: colors.map((c, i) => ({ id: `b${i}`, shape: 'box', size: [0.03, 0.03, 0.03], color: c })),
          layout: { minGap: 0.01 },
          distractors: { count: 1 },
        },
        success: { grasped: 'b0' },
      },
      'tasks/core/rainbow.json',
    );
    expect(() => instantiateScene(task, 0)).toThrow(
      'tasks/core/rainbow.json: scene.distractors: no colour left for distractors: the named objects and zones use all of them',
    );
  });
});
