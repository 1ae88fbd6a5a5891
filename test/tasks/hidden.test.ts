// The `hidden` block of a task object and task-level `corrections`: strict schema with one-line
// errors, the truth in the instantiated scene, the told values in `stated`, and nothing hidden
// in the stated scene.

import { describe, expect, it } from 'vitest';
import { containerInterior, hasHiddenTruth, statedScene } from '../../sim/index.ts';
import { TaskError, instantiateScene, parseTask } from '../../tasks/index.ts';

const FILE = 'tasks/feedback/x.json';

/** A valid task with one hidden property of each kind. */
function hiddenTask(): any {
  return {
    id: 'x',
    instruction: 'Put the red block in the white tray.',
    scene: {
      objects: [
        { id: 'red_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'red', hidden: { mass: 2.5, fixed: true } },
        { id: 'blue_can', shape: 'cylinder', size: [0.04, 0.04, 0.1], color: 'blue', hidden: { friction: 0.1, size: [0.04, 0.04, 0.12] } },
        { id: 'green_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'green', hidden: { comOffset: [0.015, 0, 0.01] } },
        { id: 'white_tray', shape: 'tray', size: [0.2, 0.15, 0.03], color: 'white', hidden: { innerSize: [0.12, 0.1] } },
        { id: 'pink_cube', shape: 'box', size: [0.03, 0.03, 0.03], color: 'pink', on: 'blue_can' },
      ],
      distractors: { count: 2 },
    },
    success: { inside: ['red_block', 'white_tray'] },
    corrections: ['it is too heavy, push it', 'grasp it from the side'],
    reference: "push('red_block', getPoint('white_tray', 'center'));",
  };
}

function errorOf(edit: (t: any) => void): string {
  const t = hiddenTask();
  edit(t);
  try {
    parseTask(t, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(TaskError);
    return (e as Error).message;
  }
  throw new Error('expected the task to be rejected');
}

const cases: [string, (t: any) => void, string][] = [
  [
    'an unknown key in hidden',
    (t) => {
      t.scene.objects[0].hidden.frictoin = 0.2;
    },
    'scene.objects[0].hidden: unknown key "frictoin" (did you mean "friction"? allowed: friction, mass, size, comOffset, fixed, innerSize)',
  ],
  [
    'a negative hidden friction',
    (t) => {
      t.scene.objects[1].hidden.friction = -0.1;
    },
    'scene.objects[1].hidden.friction: expected a non-negative number',
  ],
  [
    'a zero hidden mass',
    (t) => {
      t.scene.objects[0].hidden.mass = 0;
    },
    'scene.objects[0].hidden.mass: expected a positive number (kg)',
  ],
  [
    'fixed given as text',
    (t) => {
      t.scene.objects[0].hidden.fixed = 'yes';
    },
    'scene.objects[0].hidden.fixed: expected true or false',
  ],
  [
    'a hidden cylinder size that is not [d, d, h]',
    (t) => {
      t.scene.objects[1].hidden.size = [0.04, 0.05, 0.12];
    },
    'scene.objects[1].hidden.size: expected [d, d, h] for a cylinder (the first two must be equal)',
  ],
  [
    'a comOffset with two numbers',
    (t) => {
      t.scene.objects[2].hidden.comOffset = [0.01, 0];
    },
    'scene.objects[2].hidden.comOffset: expected an array [x, y, z] of 3 numbers (metres, in the object frame)',
  ],
  [
    'a comOffset outside a box',
    (t) => {
      t.scene.objects[2].hidden.comOffset = [0.025, 0, 0];
    },
    'scene.objects[2].hidden.comOffset: expected a centre of mass inside the box: within ±2 cm, ±2 cm, ±2 cm of the centre (got [0.025, 0, 0])',
  ],
  [
    'a comOffset outside a cylinder (inside its bounding box)',
    (t) => {
      t.scene.objects[1].hidden.comOffset = [0.016, 0.016, 0];
    },
    'scene.objects[1].hidden.comOffset: expected a centre of mass inside the cylinder: within 2 cm of the axis and 6 cm of the mid-height (got [0.016, 0.016, 0])',
  ],
  [
    'a fixed object stacked on another',
    (t) => {
      t.scene.objects[4].hidden = { fixed: true };
    },
    'scene.objects[4].hidden.fixed: a fixed object must start on the table, not on "blue_can"',
  ],
  [
    'innerSize on a block',
    (t) => {
      t.scene.objects[0].hidden.innerSize = [0.02, 0.02];
    },
    'scene.objects[0].hidden.innerSize: expected innerSize only on a bowl or tray; "red_block" is a box',
  ],
  [
    'an innerSize larger than the stated size gives',
    (t) => {
      t.scene.objects[3].hidden.innerSize = [0.19, 0.1];
    },
    'scene.objects[3].hidden.innerSize: expected an inside smaller than the 18.8 cm x 13.8 cm a tray of size [0.2, 0.15, 0.03] has (got [0.19, 0.1])',
  ],
  [
    'an innerSize equal to what the size gives',
    (t) => {
      t.scene.objects[3].hidden.innerSize = [0.188, 0.138];
    },
    'scene.objects[3].hidden.innerSize: expected an inside smaller than the 18.8 cm x 13.8 cm a tray of size [0.2, 0.15, 0.03] has (got [0.188, 0.138])',
  ],
  [
    'a non-positive innerSize',
    (t) => {
      t.scene.objects[3].hidden.innerSize = [0.1, 0];
    },
    'scene.objects[3].hidden.innerSize: expected an array [x, y] of 2 positive numbers (metres)',
  ],
  [
    'a bowl innerSize that is not [d, d]',
    (t) => {
      t.scene.objects.push({ id: 'gray_bowl', shape: 'bowl', size: [0.14, 0.14, 0.05], color: 'gray', hidden: { innerSize: [0.1, 0.09] } });
    },
    'scene.objects[5].hidden.innerSize: expected [d, d] for a bowl (the two must be equal)',
  ],
  [
    'corrections that are not an array',
    (t) => {
      t.corrections = 'push it';
    },
    'corrections: expected an array of phrases or { when, say, mode? } hints',
  ],
  [
    'an empty correction',
    (t) => {
      t.corrections = ['push it', '  '];
    },
    'corrections[1]: expected a short phrase, not an empty string',
  ],
  [
    'a correction that is a paragraph',
    (t) => {
      t.corrections = ['x'.repeat(121)];
    },
    'corrections[0]: expected a short phrase of at most 120 characters',
  ],
];

describe('task schema: hidden truth and corrections', () => {
  it.each(cases)('rejects %s', (_name, edit, message) => {
    expect(errorOf(edit)).toBe(`${FILE}: ${message}`);
  });

  it('keeps corrections on the TaskDef, and none when the file has none', () => {
    expect(parseTask(hiddenTask(), FILE).corrections).toEqual([
      { when: 'any', say: 'it is too heavy, push it' },
      { when: 'any', say: 'grasp it from the side' },
    ]);
    const t = hiddenTask();
    delete t.corrections;
    expect(parseTask(t, FILE).corrections).toEqual([]);
  });

  it('the template holds the truth and what is stated where it differs', () => {
    const [red, can, green, tray, pink] = parseTask(hiddenTask(), FILE).sceneTemplate.objects;
    expect(red).toMatchObject({ mass: 2.5, friction: 0.8, fixed: true, stated: { mass: 0.051 } });
    expect(red!.stated).toEqual({ mass: 0.051 });
    // A mass left out defaults from the size it belongs to: stated from stated, true from true.
    expect(can).toMatchObject({ size: [0.04, 0.04, 0.12], friction: 0.1, stated: { size: [0.04, 0.04, 0.1], friction: 0.8 } });
    expect(can!.mass).toBeGreaterThan(can!.stated!.mass!);
    expect(green).toMatchObject({ comOffset: [0.015, 0, 0.01] });
    expect(green!.stated).toBeUndefined();
    expect(tray).toMatchObject({ innerSize: [0.12, 0.1] });
    expect(tray!.stated).toBeUndefined();
    expect(pink!.stated).toBeUndefined();
    expect(pink!.comOffset ?? pink!.fixed ?? pink!.innerSize).toBeUndefined();
  });
});

describe('instantiateScene with hidden truth', () => {
  const task = parseTask(hiddenTask(), FILE);

  it('builds ObjectSpecs from the truth, with the told values in stated', () => {
    const scene = instantiateScene(task, 3);
    const byId = new Map(scene.objects.map((o) => [o.id, o]));
    expect(byId.get('red_block')).toMatchObject({ mass: 2.5, fixed: true, stated: { mass: 0.051 } });
    expect(byId.get('blue_can')).toMatchObject({ size: [0.04, 0.04, 0.12], friction: 0.1, position: expect.anything() });
    expect(byId.get('blue_can')!.position[2]).toBeCloseTo(0.06, 6); // stands at its true half height
    expect(byId.get('green_block')!.comOffset).toEqual([0.015, 0, 0.01]);
    expect(byId.get('white_tray')!.innerSize).toEqual([0.12, 0.1]);
    for (const o of scene.objects.filter((x) => x.id.startsWith('distractor_'))) {
      expect(o.stated ?? o.comOffset ?? o.fixed ?? o.innerSize).toBeUndefined();
    }
    expect(hasHiddenTruth(scene)).toBe(true);
  });

  it('stacks on the true size: the cube rests on the can at its true height', () => {
    for (const seed of [0, 1, 2, 3, 4]) {
      const scene = instantiateScene(task, seed);
      const can = scene.objects.find((o) => o.id === 'blue_can')!;
      const cube = scene.objects.find((o) => o.id === 'pink_cube')!;
      expect(cube.position[2] - cube.size[2] / 2).toBeCloseTo(can.position[2] + can.size[2] / 2, 4);
    }
  });

  it('lays out footprints by the true size, so a larger true size never overlaps a neighbour', () => {
    const t = hiddenTask();
    // Stated tiny, truly wide: with stated footprints these would overlap.
    t.scene.objects = [
      { id: 'red_block', shape: 'box', size: [0.03, 0.03, 0.03], color: 'red', hidden: { size: [0.12, 0.12, 0.03] } },
      { id: 'gray_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'gray' },
      { id: 'white_tray', shape: 'tray', size: [0.2, 0.15, 0.03], color: 'white' },
    ];
    t.scene.layout = { min: [-0.3, -0.22], max: [0.3, 0.22], minGap: 0 };
    t.scene.distractors = { count: 2 };
    const wide = parseTask(t, FILE);
    for (let seed = 0; seed < 20; seed++) {
      const objs = instantiateScene(wide, seed).objects;
      for (let i = 0; i < objs.length; i++)
        for (let j = i + 1; j < objs.length; j++) {
          const a = objs[i]!;
          const b = objs[j]!;
          const r = (o: typeof a) => (o.shape === 'box' || o.shape === 'tray' ? Math.hypot(o.size[0], o.size[1]) / 2 : o.size[0] / 2);
          expect(Math.hypot(a.position[0] - b.position[0], a.position[1] - b.position[1])).toBeGreaterThanOrEqual(r(a) + r(b) - 1e-3);
        }
    }
  });

  it('the stated scene has no hidden values at all', () => {
    const scene = instantiateScene(task, 7);
    const told = statedScene(scene);
    expect(hasHiddenTruth(told)).toBe(false);
    const text = JSON.stringify(told);
    for (const key of ['comOffset', 'fixed', 'innerSize', 'stated']) expect(text).not.toContain(key);
    const byId = new Map(told.objects.map((o) => [o.id, o]));
    expect(byId.get('red_block')!.mass).toBe(0.051);
    expect(byId.get('blue_can')).toMatchObject({ size: [0.04, 0.04, 0.1], friction: 0.8 });
    // No true value of a hidden property appears among the told numbers.
    for (const v of ['2.5', '0.12,', '0.1,0.0', '0.015']) expect(text.includes(`"mass":${v}`)).toBe(false);
    expect(byId.get('blue_can')!.mass).toBe(task.sceneTemplate.objects[1]!.stated!.mass);
    // The told tray's interior is the one its stated size gives, not the true one.
    const toldTray = containerInterior(byId.get('white_tray')!)!;
    const trueTray = containerInterior(scene.objects.find((o) => o.id === 'white_tray')!)!;
    expect(toldTray.kind === 'tray' && trueTray.kind === 'tray').toBe(true);
    if (toldTray.kind === 'tray' && trueTray.kind === 'tray') {
      expect(toldTray.innerHalf[0]).toBeCloseTo(0.094, 6);
      expect(trueTray.innerHalf).toEqual([0.06, 0.05]);
    }
  });
});
