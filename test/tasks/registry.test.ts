import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry, getSuite, listSuites, listTasks, getTask, TaskError, CORE_TASK_FILES } from '../../tasks/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';

function taskJson(id: string): string {
  return JSON.stringify({
    id,
    instruction: 'Pick up the red block.',
    scene: { objects: [{ id: 'red_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'red' }] },
    success: { grasped: 'red_block' },
    reference: "pick('red_block');",
  });
}

describe('task registry', () => {
  it('refuses two files with the same task id', () => {
    const dir = tempDir('registry');
    writeFileSync(join(dir, 'a.json'), taskJson('same'));
    writeFileSync(join(dir, 'b.json'), taskJson('same'));
    expect(() => createRegistry([{ name: 'mine', description: '', files: ['a.json', 'b.json'] }], dir)).toThrow(TaskError);
    expect(() => createRegistry([{ name: 'mine', description: '', files: ['a.json', 'b.json'] }], dir)).toThrow(
      `b.json: id: duplicate task id "same" (already defined by ${join(dir, 'a.json')})`,
    );
  });

  it('lets a file belong to several suites', () => {
    const dir = tempDir('registry');
    writeFileSync(join(dir, 'a.json'), taskJson('a'));
    const reg = createRegistry(
      [
        { name: 's1', description: '', files: ['a.json'] },
        { name: 's2', description: '', files: ['a.json'] },
      ],
      dir,
    );
    expect(reg.getSuite('s1').map((t) => t.id)).toEqual(['a']);
    expect(reg.getSuite('s2').map((t) => t.id)).toEqual(['a']);
    expect(reg.getSuite('all').map((t) => t.id)).toEqual(['a']);
  });

  it('bundles at least 16 core tasks, each in core/<id>.json with its reference in core/<id>.js', () => {
    const core = getSuite('core');
    expect(core.length).toBeGreaterThanOrEqual(16);
    expect(core).toHaveLength(CORE_TASK_FILES.length);
    for (const task of core) {
      expect(basename(task.file)).toBe(`${task.id}.json`);
      expect(task.referenceFile).toBe(task.file.replace(/\.json$/, '.js'));
      expect(existsSync(task.referenceFile!)).toBe(true);
      expect(task.reference).toMatch(/subgoal\(/);
      expect(task.reference).toMatch(/expect:/);
    }
  });

  it('has the suites core, feedback, long, tabletop, teach, transfer and all; all holds every task', () => {
    expect(listSuites().map((s) => s.name)).toEqual(['core', 'feedback', 'long', 'tabletop', 'teach', 'transfer', 'all']);
    expect(getSuite('all').map((t) => t.id)).toEqual(listTasks().map((t) => t.id));
  });

  it('names the known suites for an unknown suite', () => {
    expect(() => getSuite('cor')).toThrow(
      'unknown suite "cor" (did you mean "core"?); suites: core, feedback, long, tabletop, teach, transfer, all',
    );
  });

  it('gives every task a distinct instruction', () => {
    const instructions = listTasks().map((t) => t.instruction);
    expect(new Set(instructions).size).toBe(instructions.length);
  });

  it('looks tasks up by id', () => {
    expect(getTask('stack_three').tags).toContain('stack');
  });
});
