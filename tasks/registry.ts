// The bundled tasks: an explicit list of files (no directory scanning, so a stray file
// never becomes a task), and the suites made of them. A duplicate id is an error.

import { resolve } from 'node:path';
import { closestNames } from '../sim/index.ts';
import { packageFile } from '../sim/package-root.ts';
import { readTaskFile } from './task-file.ts';
import { TaskError } from './task-def.ts';
import type { TaskDef } from './task-def.ts';

// The package's tasks/ folder, also when this module runs from the build in dist/.
const TASKS_DIR = packageFile('tasks');

/** The `core` suite, in the order reports list it (paths relative to tasks/). */
export const CORE_TASK_FILES = [
  'core/lift_block.json',
  'core/red_on_blue.json',
  'core/block_in_bowl.json',
  'core/block_in_tray.json',
  'core/stack_three.json',
  'core/blocks_in_tray.json',
  'core/sort_by_color.json',
  'core/line_up.json',
  'core/push_to_zone.json',
  'core/block_to_corner.json',
  'core/swap_blocks.json',
  'core/left_of.json',
  'core/unstack.json',
  'core/ball_in_bowl.json',
  'core/smallest_block.json',
  'core/cylinder_upright.json',
  'core/pyramid.json',
] as const;

export interface SuiteDef {
  name: string;
  description: string;
  /** Task files relative to the registry's base directory. */
  files: readonly string[];
}

/** Suites besides `all`, which every registry has: every task it holds. */
export const BUNDLED_SUITES: readonly SuiteDef[] = [
  { name: 'core', description: 'Basic tabletop skills: pick, place, stack, sort, push, arrange.', files: CORE_TASK_FILES },
  {
    name: 'feedback',
    description:
      'Tasks a sensible first program fails and only execution reveals why: hidden friction, weight, size, inner size and centre of mass, things resting on or in what must move, a target crowded by a taller object, tight tolerances.',
    files: [
      'slippery_bottle',
      'slippery_can_in_tray',
      'heavy_box_to_zone',
      'heavy_crate_to_square',
      'narrow_tray_three_blocks',
      'narrow_tray_two_cans',
      'tall_box_stack',
      'short_plank_end',
      'vase_on_box',
      'can_on_block',
      'cup_with_straw',
      'tray_with_bottle',
      'block_behind_thermos',
      'ball_behind_box',
      'ball_onto_spot',
      'ball_between_blocks',
      'heavy_end_bar',
      'weighted_rod',
    ].map((id) => `feedback/${id}.json`),
  },
  {
    name: 'long',
    description:
      'Long-horizon tasks of 6 to 12 steps: towers of five, sorting six by size and colour, circles, grids, unbuilding, several containers.',
    files: [
      'tower_of_five',
      'sort_by_size_and_color',
      'circle_around_bowl',
      'grid_two_rows',
      'line_by_size',
      'reverse_tower',
      'tower_to_containers',
      'swap_bowls',
      'cans_in_tray',
    ].map((id) => `long/${id}.json`),
  },
  {
    name: 'tabletop',
    description:
      "Code as Policies' tabletop instructions: blocks and bowls named by relation, rank and attribute, table corners and sides, sets, lines, circles and sorting.",
    files: [
      'block_left_of_bowl',
      'above_onto_below',
      'right_of_bowl_to_corner',
      'closest_to_bowl',
      'farthest_onto_nearest',
      'second_from_left',
      'third_from_bottom',
      'corner_side_centre',
      'corners_by_bowl',
      'little_right_of_bowl',
      'lot_left_of_bowl',
      'all_blocks_left_side',
      'matching_bowls',
      'mismatched_bowls',
      'different_corners',
      'stack_on_corner',
      'horizontal_line',
      'vertical_line',
      'diagonal_line',
      'blocks_in_circle',
      'sorted_by_size',
      'two_biggest_blocks',
      'every_red_object',
      'cylinder_not_green',
      'small_red_on_big_blue',
    ].map((id) => `tabletop/${id}.json`),
  },
  {
    name: 'teach',
    description:
      "Tasks that need a person's correction: the instruction leaves out what the person means — which block, which bowl, the order of a stack, a thing to take off first (plan-level); how high to lift, how far to push, how far beside, how gently to let go (skill-level). Each file's `corrections` hints are what the person says (suite --corrector simulated).",
    files: [
      'which_block',
      'which_bowl',
      'stack_order',
      'cup_off_box',
      'lift_high',
      'push_far',
      'place_beside',
      'ball_on_block',
      'which_corner',
    ].map((id) => `teach/${id}.json`),
  },
  {
    name: 'transfer',
    description:
      "The teaching sequence of `policyloop teach` (DROC's protocol; the order is the sequence): families of 2-3 tasks sharing one hidden property or rule on different objects, colours, sizes and layouts — slippery tall cylinders (grasp from the side), something on or in what must move (take it off first), too heavy to lift (push it), pushed balls roll on (push slowly, short) — and two contrast tasks where an earlier lesson must not be applied. See tasks/transfer/README.md.",
    files: [
      'green_thermos_to_mat',
      'box_with_can_to_tray',
      'heavy_chest_to_zone',
      'ball_push_onto_spot',
      'slippery_can_in_bowl',
      'bowl_with_bottle_to_square',
      'squat_tin_out_of_tray',
      'heavy_drum_to_square',
      'slippery_vase_on_board',
      'tray_with_candle_to_zone',
      'ball_push_to_square',
      'light_box_onto_block',
    ].map((id) => `transfer/${id}.json`),
  },
];

export interface SuiteInfo {
  name: string;
  description: string;
  taskIds: string[];
}

export interface TaskRegistry {
  /** Every task, in registration order. */
  listTasks(): TaskDef[];
  hasTask(id: string): boolean;
  /** Throws TaskError naming close matches when the id is unknown. */
  getTask(id: string): TaskDef;
  listSuites(): SuiteInfo[];
  /** The tasks of a suite; throws TaskError when the suite is unknown. */
  getSuite(name: string): TaskDef[];
}

/**
 * A registry over task files (relative to `baseDir`). Loads and validates every file
 * now, and refuses two files with the same task id.
 */
export function createRegistry(suites: readonly SuiteDef[], baseDir = TASKS_DIR): TaskRegistry {
  const byId = new Map<string, TaskDef>();
  const byFile = new Map<string, TaskDef>();
  const suiteIds = new Map<string, { description: string; ids: string[] }>();
  for (const suite of suites) {
    if (suite.name === 'all' || suiteIds.has(suite.name)) throw new TaskError(null, null, `duplicate suite name "${suite.name}"`);
    const ids: string[] = [];
    for (const rel of suite.files) {
      const file = resolve(baseDir, rel);
      let task = byFile.get(file);
      if (!task) {
        task = readTaskFile(file);
        const other = byId.get(task.id);
        if (other) throw new TaskError(file, 'id', `duplicate task id "${task.id}" (already defined by ${other.file})`);
        byId.set(task.id, task);
        byFile.set(file, task);
      }
      if (!ids.includes(task.id)) ids.push(task.id);
    }
    suiteIds.set(suite.name, { description: suite.description, ids });
  }
  suiteIds.set('all', { description: 'Every bundled task.', ids: [...byId.keys()] });

  const getTask = (id: string): TaskDef => {
    const task = byId.get(id);
    if (task) return task;
    const near = closestNames(id, byId.keys());
    const hint = near.length
      ? ` (did you mean ${near.map((n) => `"${n}"`).join(', ')}?)`
      : byId.size <= 30
        ? ` (tasks: ${[...byId.keys()].join(', ')})`
        : '';
    throw new TaskError(null, null, `unknown task "${id}"${hint}; list tasks with "policyloop tasks", or give a path to a .json task file`);
  };
  return {
    listTasks: () => [...byId.values()],
    hasTask: (id) => byId.has(id),
    getTask,
    listSuites: () => [...suiteIds].map(([name, s]) => ({ name, description: s.description, taskIds: [...s.ids] })),
    getSuite: (name) => {
      const s = suiteIds.get(name);
      if (!s) {
        const near = closestNames(name, suiteIds.keys(), 1);
        throw new TaskError(
          null,
          null,
          `unknown suite "${name}"${near.length ? ` (did you mean "${near[0]}"?)` : ''}; suites: ${[...suiteIds.keys()].join(', ')}`,
        );
      }
      return s.ids.map(getTask);
    },
  };
}

let bundled: TaskRegistry | null = null;

/** The registry of bundled tasks (loaded on first use). */
export function bundledRegistry(): TaskRegistry {
  bundled ??= createRegistry(BUNDLED_SUITES);
  return bundled;
}

export const listTasks = (): TaskDef[] => bundledRegistry().listTasks();
export const listSuites = (): SuiteInfo[] => bundledRegistry().listSuites();
export const getSuite = (name: string): TaskDef[] => bundledRegistry().getSuite(name);
export const getTask = (id: string): TaskDef => bundledRegistry().getTask(id);
