// Task files that used to hang or crash the loader (issue 15), each now one TaskError line
// naming the file and the field, or a task that loads: long `on` chains, deep nesting,
// extreme numbers, reserved ids, FIFOs, devices and folders, oversized files, a timeLimit past
// the simulation's maximum. The limits are TASK_LIMITS (tasks/schema.ts, tasks/TEMPLATE.md).

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorld, MAX_TIME_LIMIT } from '../../sim/index.ts';
import { instantiateScene, loadTask, parseTask, TASK_LIMITS, TaskError } from '../../tasks/index.ts';
import { cliAsync } from '../cli/cli-helpers.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const DIR = tempDir('task-limits');
let n = 0;

function baseTask(): any {
  return {
    id: 'limits',
    instruction: 'Put the red block on the blue block.',
    scene: {
      objects: [
        { id: 'red_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'red' },
        { id: 'blue_block', shape: 'box', size: [0.05, 0.05, 0.05], color: 'blue', position: [0.1, 0.05], jitter: 0.02 },
      ],
      zones: [{ id: 'goal', min: [0.2, 0.1], max: [0.3, 0.2], color: 'yellow' }],
    },
    success: { on: ['red_block', 'blue_block'] },
    timeLimit: 40,
    reference: "pick('red_block'); place('blue_block');",
  };
}

/** Writes the task (an object, or text as it is) to a new file and returns its path. */
function fileOf(task: unknown): string {
  const file = join(DIR, `task_${n++}.json`);
  writeFileSync(file, typeof task === 'string' ? task : JSON.stringify(task));
  return file;
}

/** The one-line TaskError a file gets, checked to be one line naming the file. */
function refusal(file: string): string {
  try {
    loadTask(file);
  } catch (err) {
    expect(err).toBeInstanceOf(TaskError);
    const message = (err as Error).message;
    expect(message).not.toMatch(/[\n\r]/);
    expect(message.startsWith(`${file}: `)).toBe(true);
    return message.slice(file.length + 2);
  }
  throw new Error(`expected ${file} to be refused`);
}

function edited(edit: (t: any) => void): string {
  const t = baseTask();
  edit(t);
  return fileOf(t);
}

/** n boxes, each on the one before. */
function chain(count: number): any[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `block_${i}`,
    shape: 'box',
    size: [0.04, 0.04, 0.04],
    color: 'red',
    ...(i > 0 ? { on: `block_${i - 1}` } : {}),
  }));
}

function withObjects(objects: any[]): string {
  return edited((t) => {
    t.scene.objects = objects;
    t.scene.zones = [];
    t.success = { onTable: objects[0].id };
  });
}

describe('long on chains', () => {
  it.each([3000, 8000])('refuses an on chain %i objects long by the object cap', (count) => {
    expect(refusal(withObjects(chain(count)))).toBe(`scene.objects: expected at most ${TASK_LIMITS.maxObjects} objects (got ${count})`);
  });

  it('refuses a stack taller than the stack cap at its first object too many, naming the stack', () => {
    const objects = chain(TASK_LIMITS.maxObjects);
    expect(refusal(withObjects(objects))).toBe(
      `scene.objects[12].on: expected stacks of at most ${TASK_LIMITS.maxStack} objects; "block_12" would be number 13 in the stack block_0 -> block_1 -> block_2 -> block_3 -> … (7 more) -> block_11 -> block_12`,
    );
  });

  it('loads the tallest stack allowed, in any file order, and lays it out bottom to top', () => {
    const objects = chain(TASK_LIMITS.maxStack).reverse();
    const task = loadTask(withObjects(objects));
    const scene = instantiateScene(task, 3);
    const z = (id: string) => scene.objects.find((o) => o.id === id)!.position[2];
    for (let i = 1; i < TASK_LIMITS.maxStack; i++) expect(z(`block_${i}`)).toBeCloseTo(z(`block_${i - 1}`) + 0.04, 6);
  });

  it('names a stacking cycle from its first member in the file, and cuts a long one short', () => {
    // a on b, b on c, c on b: the cycle is b -> c -> b, reported at b.
    const three = chain(3);
    three[1].on = 'block_2';
    expect(refusal(withObjects(three))).toBe('scene.objects[1].on: stacking cycle block_1 -> block_2 -> block_1');
    const long = chain(TASK_LIMITS.maxObjects);
    long[0].on = `block_${TASK_LIMITS.maxObjects - 1}`;
    expect(refusal(withObjects(long))).toBe(
      'scene.objects[0].on: stacking cycle block_0 -> block_63 -> block_62 -> block_61 -> … (59 more) -> block_1 -> block_0',
    );
  });
});

describe('deep nesting', () => {
  const deepText = (open: string, close: string, depth: number): string =>
    JSON.stringify({ ...baseTask(), success: '__X__' }).replace(
      '"__X__"',
      open.repeat(depth) + '{"onTable":"red_block"}' + close.repeat(depth),
    );

  it('refuses a success predicate nested 10,000 deep before parsing it, naming where', () => {
    expect(refusal(fileOf(deepText('{"not":', '}', 10_000)))).toBe(
      `success.not.not.not.not.not.not.not…: nested more than ${TASK_LIMITS.maxJsonDepth} levels deep (a task file nests arrays and objects at most ${TASK_LIMITS.maxJsonDepth} levels; a predicate at most 16)`,
    );
    expect(refusal(fileOf(deepText('{"all":[', ']}', 10_000)))).toMatch(
      /^success\.all\[0\]\.all\[0\]\.all\[0\]\.all…: nested more than 64/,
    );
  });

  it('refuses 500,000 open brackets (the size cap allows about that many)', () => {
    expect(refusal(fileOf(`{"a":${'['.repeat(500_000)}`))).toMatch(
      /^a\[0\]\[0\]\[0\]\[0\]\[0\]\[0\]\[0\]…: nested more than 64 levels deep/,
    );
  });

  it('refuses a task given as data nested 10,000 deep without recursing', () => {
    let p: unknown = { onTable: 'red_block' };
    for (let i = 0; i < 10_000; i++) p = { not: p };
    const cyclic: any = baseTask();
    cyclic.scene.layout = { self: null };
    cyclic.scene.layout.self = cyclic.scene.layout;
    for (const task of [{ ...baseTask(), success: p }, cyclic]) {
      expect(() => parseTask(task, 'x.json')).toThrow(TaskError);
      expect(() => parseTask(task, 'x.json')).toThrow(/nested more than 64 levels deep/);
    }
  });

  it('refuses a success check wider than its value cap before the schema walks it', () => {
    const leaf = { onTable: 'red_block' };
    const wide = { all: Array(64).fill({ all: Array(64).fill({ all: Array(10).fill(leaf) }) }) };
    const flat = Array(400_000).fill(0);
    for (const success of [wide, flat]) {
      expect(refusal(edited((t) => (t.success = success)))).toBe(
        `success: expected a success check of at most ${TASK_LIMITS.maxSuccessValues} JSON values (objects, arrays, strings, numbers); this one has more`,
      );
    }
  });

  it('leaves moderate nesting to the predicate schema, whose caps name predicates and selectors', () => {
    let p: unknown = { onTable: 'red_block' };
    for (let i = 0; i < 17; i++) p = { not: p };
    expect(refusal(edited((t) => (t.success = p)))).toMatch(/^success(\.not){17}: predicate nested too deeply \(at most 16 levels\)$/);
    let ref: unknown = 'blue_block';
    for (let i = 0; i < 5; i++) ref = { the: { closestTo: ref } };
    expect(refusal(edited((t) => (t.success = { on: [ref, 'table'] })))).toMatch(
      /references nested too deeply \(at most 4 "the" inside one another\)$/,
    );
  });
});

describe('numbers within physical ranges', () => {
  it.each<[string, (t: any) => void, string]>([
    ['jitter 1e308', (t) => (t.scene.objects[1].jitter = 1e308), 'scene.objects[1].jitter: expected at most 0.1 m of jitter'],
    [
      'jitter past the workspace edge',
      (t) => Object.assign(t.scene.objects[1], { position: [0.4, 0], jitter: 0.08 }),
      'scene.objects[1].jitter: expected position ± jitter inside the reachable workspace x in [-0.45, 0.45], y in [-0.35, 0.35] (got [0.4, 0] ± 0.08)',
    ],
    [
      'a size of 1e-300',
      (t) => (t.scene.objects[0].size = [1e-300, 1e-300, 1e-300]),
      'scene.objects[0].size: expected extents of at least 0.005 m (got 1e-300)',
    ],
    [
      'a size of 1e308',
      (t) => (t.scene.objects[0].size = [0.04, 0.04, 1e308]),
      'scene.objects[0].size: expected extents of at most 0.4 m (got 1e+308)',
    ],
    ['a mass of 1e308', (t) => (t.scene.objects[0].mass = 1e308), 'scene.objects[0].mass: expected at most 20 kg'],
    ['a mass of 1e-9', (t) => (t.scene.objects[0].mass = 1e-9), 'scene.objects[0].mass: expected at least 0.001 kg'],
    [
      'a hidden friction of 1e308',
      (t) => (t.scene.objects[0].hidden = { friction: 1e308 }),
      'scene.objects[0].hidden.friction: expected at most 5 (friction coefficient)',
    ],
    [
      'a yaw of 1e308',
      (t) => (t.scene.objects[0].yaw = 1e308),
      'scene.objects[0].yaw: expected a yaw within one turn, -6.2832 to 6.2832 radians',
    ],
    ['a minGap of 1e308', (t) => (t.scene.layout = { minGap: 1e308 }), 'scene.layout.minGap: expected at most 0.2 m'],
    [
      'a zone off the table',
      (t) => (t.scene.zones[0].max = [1e308, 0.2]),
      'scene.zones[0].max: expected a point on the table, x in [-0.5, 0.5], y in [-0.4, 0.4] (got [1e+308,0.2])',
    ],
    [
      'a timeLimit above the simulation maximum',
      (t) => (t.timeLimit = 1e7),
      `timeLimit: expected at most ${MAX_TIME_LIMIT} simulated seconds (the most a world takes)`,
    ],
  ])('refuses %s', (_name, edit, message) => {
    expect(refusal(edited(edit))).toBe(message);
  });

  it('refuses 1e999, which JSON.parse reads as Infinity', () => {
    const text = JSON.stringify(baseTask()).replace('"size":[0.04,0.04,0.04]', '"size":[0.04,0.04,1e999]');
    expect(refusal(fileOf(text))).toBe('scene.objects[0].size: expected an array of 3 positive numbers');
  });

  it('takes a timeLimit of exactly the simulation maximum, which a world accepts', async () => {
    const task = loadTask(edited((t) => (t.timeLimit = MAX_TIME_LIMIT)));
    expect(task.timeLimit).toBe(TASK_LIMITS.maxTimeLimit);
    const world = await createWorld(instantiateScene(task, 0), { timeLimit: task.timeLimit });
    world.free();
    await expect(createWorld(instantiateScene(task, 0), { timeLimit: MAX_TIME_LIMIT * 1.01 })).rejects.toThrow(
      /timeLimit must be a number/,
    );
  });
});

describe('reserved ids', () => {
  it.each(['table', 'floor', 'gripper', 'gripper_palm', 'gripper_finger_a', 'gripper_anything'])('refuses an object named %s', (id) => {
    const file = edited((t) => {
      t.scene.objects[0].id = id;
      t.success = { on: [id, 'blue_block'] };
    });
    expect(refusal(file)).toBe(
      `scene.objects[0].id: the id "${id}" is reserved for the world's own bodies (table, floor, gripper, gripper_*)`,
    );
  });

  it('refuses table region names as object or zone ids', () => {
    const object = edited((t) => {
      t.scene.objects[1].id = 'center';
      t.success = { on: ['red_block', 'center'] };
    });
    expect(refusal(object)).toBe('scene.objects[1].id: the id "center" is reserved: it names a region of the table');
    expect(refusal(edited((t) => (t.scene.zones[0].id = 'top_left_corner')))).toBe(
      'scene.zones[0].id: the id "top_left_corner" is reserved: it names a region of the table',
    );
    expect(refusal(edited((t) => (t.scene.zones[0].id = 'floor')))).toMatch(/^scene\.zones\[0\]\.id: the id "floor" is reserved/);
  });

  it('reserves every id the world itself refuses in a scene', async () => {
    const task = loadTask(edited(() => {}));
    for (const id of ['table', 'floor', 'gripper_palm', 'gripper_finger_b']) {
      const scene = instantiateScene(task, 0);
      scene.objects[0]!.id = id;
      await expect(createWorld(scene)).rejects.toThrow(/reserved/);
      expect(refusal(edited((t) => (t.scene.objects[0].id = id)))).toMatch(/is reserved/);
    }
  });
});

describe('what the loader reads', () => {
  const fifo = join(DIR, 'fifo.json');
  const folder = join(DIR, 'folder.json');
  execFileSync('mkfifo', [fifo]);
  mkdirSync(folder);

  it('refuses a FIFO, a device and a folder without blocking or reading them', () => {
    expect(refusal(fifo)).toBe('is not a regular file (it is a FIFO); expected a task file');
    expect(refusal('/dev/zero')).toBe('is not a regular file (it is a device); expected a task file');
    expect(refusal('/dev/null')).toBe('is not a regular file (it is a device); expected a task file');
    expect(refusal(folder)).toBe('is a folder, not a task file');
  });

  it('refuses a reference program that is a FIFO or a folder', () => {
    const program = join(DIR, 'program_fifo.js');
    execFileSync('mkfifo', [program]);
    expect(refusal(edited((t) => (t.reference = program)))).toBe(
      `reference: expected a program file; cannot read "${program}" (looked for ${program}): is not a regular file (it is a FIFO)`,
    );
  });

  it('refuses a file over 1 MiB by its size, and reads one of exactly 1 MiB', () => {
    const text = JSON.stringify(baseTask());
    const exact = `${text}${' '.repeat(TASK_LIMITS.maxFileBytes - text.length)}`;
    expect(loadTask(fileOf(exact)).id).toBe('limits');
    expect(refusal(fileOf(`${exact} `))).toBe(
      `the task file is ${TASK_LIMITS.maxFileBytes + 1} bytes; at most ${TASK_LIMITS.maxFileBytes} bytes (1 MiB) are read`,
    );
  });

  it('refuses "__proto__" as an unknown key instead of taking it as the prototype', () => {
    const text = JSON.stringify(baseTask()).replace('{"id":"limits",', '{"__proto__":{"timeLimit":5},"id":"limits",');
    expect(refusal(fileOf(text))).toMatch(/^\(root\): unknown key "__proto__"/);
  });

  it('keeps a message on one line whatever the file holds', () => {
    const key = edited((t) => (t.scene['line\nbreak\r\n    at evil (x.js:1:1)'] = 1));
    expect(refusal(key)).toMatch(/^scene: unknown key "line\\nbreak\\u000d\\n {4}at evil/);
    expect(refusal(edited((t) => (t.instruction = 'Put it\u0000 there.')))).toBe(
      'instruction: expected text without control characters (found U+0000 at character 7)',
    );
    expect(refusal(edited((t) => (t.scene.objects[0].id = 'red\u0000block')))).toMatch(
      /^scene\.objects\[0\]\.id: expected an id of lowercase letters/,
    );
    const strange = join(DIR, 'two\nlines.json');
    writeFileSync(strange, '{');
    try {
      loadTask(strange);
      throw new Error('expected a refusal');
    } catch (err) {
      expect((err as Error).message).toMatch(/^\S*two\\nlines\.json: invalid JSON/);
    }
  });
});

describe('the command line on files that used to hang it', () => {
  const fifo = join(DIR, 'cli_fifo.json');
  const taskDir = join(DIR, 'task_dir');
  execFileSync('mkfifo', [fifo]);
  mkdirSync(taskDir);
  execFileSync('mkfifo', [join(taskDir, 'b_fifo.json')]);
  writeFileSync(join(taskDir, 'a_task.json'), JSON.stringify(baseTask()));

  const common = ['--provider', 'builtin', '--monitor', 'none', '--max-repairs', '0', '--no-images'];
  it.each<[string, string[], RegExp]>([
    ['run --task <FIFO>', ['run', '--task', fifo, ...common], /cli_fifo\.json: is not a regular file \(it is a FIFO\)/],
    ['run --task /dev/zero', ['run', '--task', '/dev/zero', ...common], /\/dev\/zero: is not a regular file \(it is a device\)/],
    ['run --task <folder>', ['run', '--task', DIR, ...common], /: is a folder, not a task file/],
    ['suite --tasks /dev/zero', ['suite', '--tasks', '/dev/zero', ...common], /\/dev\/zero: is not a regular file/],
    [
      'suite --task-dir <folder with a FIFO>',
      ['suite', '--task-dir', taskDir, ...common],
      /b_fifo\.json: is not a regular file \(it is a FIFO\)/,
    ],
    ['suite --task-dir <a device>', ['suite', '--task-dir', '/dev/zero', ...common], /--task-dir: not a folder: \/dev\/zero/],
  ])('%s: exit 2 with one line', async (_name, args, message) => {
    const r = await cliAsync([...args, '--out', join(DIR, `out_${n++}`)], { POLICYLOOP_KB: 'off' });
    const lines = r.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('policyloop: warning: the build in dist/ is stale'));
    expect(r.status).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});
