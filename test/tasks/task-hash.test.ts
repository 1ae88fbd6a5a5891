// A task's version (TaskDef.hash): sha256 of its canonical JSON and its reference program,
// 12 hex digits. It changes with anything that changes the task and nothing else.

import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTask, parseTask, readTaskFile, TASK_HASH_LENGTH } from '../../tasks/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const CORE = join(import.meta.dirname, '../../tasks/core');

function base(): any {
  return {
    id: 'x',
    instruction: 'Put the red block on the green block.',
    scene: {
      objects: [
        { id: 'red_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'red' },
        { id: 'green_block', shape: 'box', size: [0.05, 0.05, 0.05], color: 'green' },
      ],
    },
    success: { on: ['red_block', 'green_block'] },
    reference: "pick('red_block'); place('green_block');",
  };
}

const hashOf = (t: unknown): string => parseTask(t, '<inline>').hash;

describe('task hash', () => {
  it('is 12 hex digits, the same every time, and differs between bundled tasks', () => {
    const h = hashOf(base());
    expect(h).toMatch(new RegExp(`^[0-9a-f]{${TASK_HASH_LENGTH}}$`));
    expect(hashOf(base())).toBe(h);
    expect(getTask('lift_block').hash).not.toBe(getTask('red_on_blue').hash);
    expect(getTask('lift_block').hash).toMatch(/^[0-9a-f]{12}$/);
  });

  it.each<[string, (t: any) => void]>([
    ['the instruction', (t) => (t.instruction = 'Stack the red block on the green one.')],
    ['a size', (t) => (t.scene.objects[0].size = [0.04, 0.04, 0.05])],
    ['the success predicate', (t) => (t.success = { on: ['green_block', 'red_block'] })],
    ['a hidden property', (t) => (t.scene.objects[0].hidden = { friction: 0.1 })],
    ['the corrections', (t) => (t.corrections = ['put it on top'])],
    ['the time limit', (t) => (t.timeLimit = 30)],
    ['the inline reference', (t) => (t.reference = "pick('red_block');\nplace('green_block');")],
  ])('changes when %s changes', (_what, edit) => {
    const t = base();
    edit(t);
    expect(hashOf(t)).not.toBe(hashOf(base()));
  });

  it('does not change with comment keys or key order', () => {
    const t = base();
    t['// note'] = 'a comment';
    t.scene.objects[1]['//'] = 'another';
    expect(hashOf(t)).toBe(hashOf(base()));
    const b = base();
    const reordered = {
      reference: b.reference,
      success: b.success,
      scene: { objects: b.scene.objects },
      instruction: b.instruction,
      id: b.id,
    };
    reordered.scene.objects = b.scene.objects.map((o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse()));
    expect(hashOf(reordered)).toBe(hashOf(base()));
  });

  it('follows the reference program file and the task file on disk', () => {
    const dir = tempDir('task-hash');
    copyFileSync(join(CORE, 'lift_block.json'), join(dir, 'lift_block.json'));
    copyFileSync(join(CORE, 'lift_block.js'), join(dir, 'lift_block.js'));
    const first = readTaskFile(join(dir, 'lift_block.json')).hash;
    // A copy of a bundled task is the same version.
    expect(first).toBe(getTask('lift_block').hash);
    // Whitespace in the JSON is not a change.
    const json = readFileSync(join(dir, 'lift_block.json'), 'utf8');
    writeFileSync(join(dir, 'lift_block.json'), JSON.stringify(JSON.parse(json)));
    expect(readTaskFile(join(dir, 'lift_block.json')).hash).toBe(first);
    // The reference program's text is.
    writeFileSync(join(dir, 'lift_block.js'), readFileSync(join(dir, 'lift_block.js'), 'utf8').replace('0.12', '0.15'));
    const second = readTaskFile(join(dir, 'lift_block.json')).hash;
    expect(second).not.toBe(first);
    // And so is the task file's content.
    writeFileSync(join(dir, 'lift_block.json'), json.replace('"timeLimit": 30', '"timeLimit": 40'));
    expect(readTaskFile(join(dir, 'lift_block.json')).hash).not.toBe(second);
  });
});
