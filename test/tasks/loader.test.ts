import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTask, isTaskPath, TaskError } from '../../tasks/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const TASK = {
  id: 'my_task',
  instruction: 'Put the red block in the bowl.',
  scene: {
    objects: [
      { id: 'red_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'red' },
      { id: 'bowl', shape: 'bowl', size: [0.14, 0.14, 0.06], color: 'white' },
    ],
  },
  success: { inside: ['red_block', 'bowl'] },
  reference: 'solution.js',
};

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TaskError);
    return (e as Error).message;
  }
  throw new Error('expected a TaskError');
}

describe('loadTask', () => {
  it('loads a bundled task by id', () => {
    const task = loadTask('red_on_blue');
    expect(task.id).toBe('red_on_blue');
    expect(task.instruction).toBe('Put the red block on the blue block.');
    expect(task.reference).toContain("place('blue_block')");
    expect(task.referenceFile).toMatch(/tasks\/core\/red_on_blue\.js$/);
  });

  it('loads the same task by path', () => {
    expect(loadTask('tasks/core/red_on_blue.json')).toEqual(loadTask('red_on_blue'));
  });

  it('loads any task file, with its reference program relative to the file', () => {
    const dir = tempDir('tasks');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'my_task.json'), JSON.stringify(TASK));
    writeFileSync(join(dir, 'sub', 'solution.js'), "pick('red_block'); place('bowl');\n");
    const task = loadTask(join(dir, 'sub', 'my_task.json'));
    expect(task.id).toBe('my_task');
    expect(task.reference).toBe("pick('red_block'); place('bowl');\n");
    expect(task.file).toBe(join(dir, 'sub', 'my_task.json'));
  });

  it('lists close matches for an unknown id', () => {
    expect(messageOf(() => loadTask('red_on_bleu'))).toBe(
      'unknown task "red_on_bleu" (did you mean "red_on_blue"?); list tasks with "policyloop tasks", or give a path to a .json task file',
    );
  });

  it('names the file of a missing task file', () => {
    expect(messageOf(() => loadTask('/nonexistent/dir/task.json'))).toBe('/nonexistent/dir/task.json: no such task file');
  });

  it('reports invalid JSON with its line and column', () => {
    const file = join(tempDir('tasks'), 'broken.json');
    writeFileSync(file, '{\n  "id": "broken",\n  "instruction": "x",,\n}\n');
    expect(messageOf(() => loadTask(file))).toMatch(/broken\.json: invalid JSON at line 3, column 22: /);
  });

  it('reports a reference file that does not exist', () => {
    const file = join(tempDir('tasks'), 'my_task.json');
    writeFileSync(file, JSON.stringify(TASK));
    expect(messageOf(() => loadTask(file))).toMatch(/my_task\.json: reference: expected a program file; cannot read "solution\.js"/);
  });

  it('reports a schema error with the file, the JSON path and what was expected', () => {
    const file = join(tempDir('tasks'), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...TASK,
        reference: 'x();',
        scene: { objects: [TASK.scene.objects[0], { ...TASK.scene.objects[1], size: [0.14] }] },
      }),
    );
    expect(messageOf(() => loadTask(file))).toBe(`${file}: scene.objects[1].size: expected an array of 3 positive numbers`);
  });

  it.each([
    ['red_on_blue', false],
    ['tasks/core/red_on_blue.json', true],
    ['my_task.json', true],
    ['./x', true],
  ])('treats %s as a path: %s', (ref, isPath) => {
    expect(isTaskPath(ref)).toBe(isPath);
  });

  it('loads the template, which is a valid task', () => {
    const task = loadTask('tasks/TEMPLATE.json');
    expect(task.id).toBe('template');
    expect(task.reference).toContain('subgoal(');
  });
});
