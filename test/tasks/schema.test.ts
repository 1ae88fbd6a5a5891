import { describe, expect, it } from 'vitest';
import { parseTask, TaskError } from '../../tasks/index.ts';

const FILE = 'tasks/core/x.json';

/** A valid task; each case below breaks one thing in a copy of it. */
function goodTask(): any {
  return {
    id: 'x',
    instruction: 'Put the red block on the green block.',
    scene: {
      objects: [
        { id: 'red_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'red' },
        { id: 'green_block', shape: 'box', size: [0.05, 0.05, 0.05], color: 'green', position: [0.1, 0.05], jitter: 0.02 },
        { id: 'white_bowl', shape: 'bowl', size: [0.14, 0.14, 0.06], color: 'white' },
      ],
      zones: [{ id: 'goal', min: [0.2, 0.1], max: [0.3, 0.2], color: 'yellow' }],
      layout: { min: [-0.3, -0.2], max: [0.3, 0.2], minGap: 0.03, randomYaw: true },
      distractors: { count: 2, shapes: ['box', 'cylinder'] },
    },
    success: { on: ['red_block', 'green_block'] },
    timeLimit: 60,
    reference: "pick('red_block'); place('green_block');",
  };
}

function errorOf(edit: (t: any) => void): string {
  const t = goodTask();
  edit(t);
  try {
    parseTask(t, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(TaskError);
    return (e as Error).message;
  }
  throw new Error('expected the task to be rejected');
}

const OBJECTS = 'objects: red_block, green_block, white_bowl';

const cases: [string, (t: any) => void, string][] = [
  [
    'a size with two numbers',
    (t) => {
      t.scene.objects[2].size = [0.14, 0.06];
    },
    'scene.objects[2].size: expected an array of 3 positive numbers',
  ],
  [
    'a negative size',
    (t) => {
      t.scene.objects[0].size = [0.04, -0.04, 0.04];
    },
    'scene.objects[0].size: expected an array of 3 positive numbers',
  ],
  [
    'a size given as text',
    (t) => {
      t.scene.objects[0].size = '4cm';
    },
    'scene.objects[0].size: expected an array of 3 positive numbers',
  ],
  [
    'a missing instruction',
    (t) => {
      delete t.instruction;
    },
    'instruction: missing: expected the instruction, a sentence',
  ],
  [
    'an empty instruction',
    (t) => {
      t.instruction = '  ';
    },
    'instruction: expected the instruction, a sentence',
  ],
  [
    'an id with capitals',
    (t) => {
      t.id = 'RedOnBlue';
    },
    'id: expected an id of lowercase letters, digits and underscores, e.g. "red_block"',
  ],
  [
    'a colour not in the palette',
    (t) => {
      t.scene.objects[0].color = 'grey';
    },
    'scene.objects[0].color: expected a colour name: red, green, blue, yellow, purple, orange, pink, cyan, brown, gray, white, black (got "grey"; did you mean "gray"?)',
  ],
  [
    'an unknown shape',
    (t) => {
      t.scene.objects[0].shape = 'cube';
    },
    'scene.objects[0].shape: expected a shape: box, cylinder, sphere, bowl, tray (got "cube")',
  ],
  [
    'an unknown key in an object',
    (t) => {
      t.scene.objects[1].weight = 0.1;
    },
    'scene.objects[1]: unknown key "weight" (allowed: id, shape, size, color, position, jitter, on, yaw, mass, friction, hidden)',
  ],
  [
    'a misspelt top-level key',
    (t) => {
      t.timelimit = 60;
    },
    '(root): unknown key "timelimit" (did you mean "timeLimit"? allowed: id, instruction, description, tags, scene, success, timeLimit, corrections, reference)',
  ],
  [
    'a position with one number',
    (t) => {
      t.scene.objects[1].position = [0.1];
    },
    'scene.objects[1].position: expected an array [x, y] of 2 numbers (metres)',
  ],
  [
    'a negative jitter',
    (t) => {
      t.scene.objects[1].jitter = -0.01;
    },
    'scene.objects[1].jitter: expected a non-negative number (metres)',
  ],
  [
    'no objects',
    (t) => {
      t.scene.objects = [];
    },
    'scene.objects: expected at least one object',
  ],
  [
    'a non-positive time limit',
    (t) => {
      t.timeLimit = 0;
    },
    'timeLimit: expected a positive number of seconds',
  ],
  [
    'a missing reference',
    (t) => {
      delete t.reference;
    },
    'reference: missing: expected a program (JavaScript) or a path to a .js file',
  ],
  [
    'a bad distractor count',
    (t) => {
      t.scene.distractors.count = 2.5;
    },
    'scene.distractors.count: expected a whole number 0..12, or [min, max] of two whole numbers 0..12',
  ],
  [
    'a malformed predicate',
    (t) => {
      t.success = { on: ['red_block'] };
    },
    'success.on: expected [object id, object id or "table"]',
  ],
  [
    'an unknown predicate',
    (t) => {
      t.success = { onto: ['red_block', 'green_block'] };
    },
    'success: unknown predicate "onto" (did you mean "on"?); expected one of grasped, on, inside, above, near, upright, onTable, unmoved, inZone, inRegion, offset, ordered, row, line, circle, every, some, distinct, all, any, not',
  ],
  [
    'a nested malformed predicate',
    (t) => {
      t.success = { all: [{ grasped: 'red_block' }, { near: ['red_block', 'green_block'] }] };
    },
    'success.all[1].near: expected [object id, object id or [x, y] or [x, y, z], distance in metres > 0]',
  ],
  [
    'an empty "all"',
    (t) => {
      t.success = { all: [] };
    },
    'success.all: expected a non-empty array of predicates',
  ],
  // cross-references, checked after the schema
  [
    'a duplicate object id',
    (t) => {
      t.scene.objects[2].id = 'red_block';
    },
    'scene.objects[2].id: duplicate object id "red_block" (also at scene.objects[0])',
  ],
  [
    'a reserved distractor id',
    (t) => {
      t.scene.objects[2].id = 'distractor_0';
    },
    'scene.objects[2].id: ids starting with "distractor_" are reserved for generated distractors',
  ],
  [
    '"on" an unknown object',
    (t) => {
      t.scene.objects[0].on = 'purple_block';
    },
    `scene.objects[0].on: unknown object "purple_block" (${OBJECTS})`,
  ],
  [
    '"on" a misspelt object',
    (t) => {
      t.scene.objects[0].on = 'gren_block';
    },
    `scene.objects[0].on: unknown object "gren_block" (did you mean "green_block"? ${OBJECTS})`,
  ],
  [
    '"on" itself',
    (t) => {
      t.scene.objects[0].on = 'red_block';
    },
    'scene.objects[0].on: "red_block" cannot rest on itself',
  ],
  [
    'a stacking cycle',
    (t) => {
      t.scene.objects[0].on = 'white_bowl';
      t.scene.objects[2].on = 'red_block';
    },
    'scene.objects[0].on: stacking cycle red_block -> white_bowl -> red_block',
  ],
  [
    'both "on" and "position"',
    (t) => {
      t.scene.objects[1].on = 'red_block';
    },
    'scene.objects[1].on: an object either starts "on" another or at a "position", not both',
  ],
  [
    'jitter without a position',
    (t) => {
      t.scene.objects[0].jitter = 0.01;
    },
    'scene.objects[0].jitter: expected "position" with "jitter" (jitter moves a fixed position)',
  ],
  [
    'a position out of reach',
    (t) => {
      t.scene.objects[1].position = [0.6, 0];
    },
    'scene.objects[1].position: expected a point in the reachable workspace x in [-0.45, 0.45], y in [-0.35, 0.35] (got [0.6, 0])',
  ],
  [
    'a sphere that is not round',
    (t) => {
      t.scene.objects[2].shape = 'sphere';
    },
    'scene.objects[2].size: expected [d, d, d] for a sphere (all three equal)',
  ],
  [
    'a zone with min above max',
    (t) => {
      t.scene.zones[0].max = [0.1, 0.3];
    },
    'scene.zones[0].max: expected max greater than min on both axes',
  ],
  [
    'a layout with min above max',
    (t) => {
      t.scene.layout.min = [0.4, -0.2];
    },
    'scene.layout.max: expected max greater than min on both axes',
  ],
  [
    'a predicate naming an unknown object',
    (t) => {
      t.success = { on: ['red_block', 'gren_block'] };
    },
    `success.on[1]: unknown object "gren_block" (did you mean "green_block"? ${OBJECTS})`,
  ],
  [
    'a predicate naming an unknown zone',
    (t) => {
      t.success = { all: [{ inZone: ['red_block', 'gaol'] }] };
    },
    'success.all[0].inZone[1]: unknown zone "gaol" (did you mean "goal"? zones: goal)',
  ],
  [
    '"inside" a block',
    (t) => {
      t.success = { inside: ['red_block', 'green_block'] };
    },
    'success.inside[1]: expected a container (bowl or tray); "green_block" is a box',
  ],
  [
    'a predicate naming a distractor',
    (t) => {
      t.success = { not: { grasped: 'distractor_0' } };
    },
    `success.not.grasped: unknown object "distractor_0" (${OBJECTS})`,
  ],
];

describe('task schema: a bad task file fails with one line naming the file, the JSON path and what was expected', () => {
  it('accepts the valid base task', () => {
    const task = parseTask(goodTask(), FILE);
    expect(task.id).toBe('x');
    expect(task.sceneTemplate.objects.map((o) => o.id)).toEqual(['red_block', 'green_block', 'white_bowl']);
  });

  it.each(cases)('rejects %s', (_name, edit, message) => {
    expect(errorOf(edit)).toBe(`${FILE}: ${message}`);
  });

  it('reports one line and counts the other problems', () => {
    const msg = errorOf((t) => {
      t.scene.objects[0].size = [1];
      t.scene.objects[1].color = 'mauve';
    });
    expect(msg.split('\n')).toHaveLength(1);
    expect(msg).toMatch(
      /^tasks\/core\/x\.json: scene\.objects\[0\]\.size: expected an array of 3 positive numbers \(and 1 more problem\)$/,
    );
  });

  it('ignores "//" comment keys at any depth', () => {
    const t = goodTask();
    t['// note'] = 'a comment';
    t.scene.objects[0]['//'] = ['also a comment'];
    expect(parseTask(t, FILE).id).toBe('x');
  });

  it('fills in defaults: mass from the size, friction, layout, time limit, tags', () => {
    const t = goodTask();
    delete t.scene.layout;
    delete t.timeLimit;
    const task = parseTask(t, FILE);
    const [red, green, bowl] = task.sceneTemplate.objects;
    expect(red!.mass).toBeGreaterThanOrEqual(0.05);
    expect(green!.mass).toBeGreaterThan(red!.mass);
    expect(green!.mass).toBeLessThanOrEqual(0.2);
    expect(red!.friction).toBe(0.8);
    expect(bowl!.friction).toBeGreaterThan(0);
    expect(task.sceneTemplate.layout).toEqual({ min: [-0.35, -0.25], max: [0.35, 0.25], minGap: 0.04, randomYaw: false, shuffle: [] });
    expect(task.timeLimit).toBe(60);
    expect(task.tags).toEqual([]);
    expect(task.referenceFile).toBeNull();
  });
});
