// loadTask: the one entry point for "a task the user named" — a bundled id or a file.

import { statSync } from 'node:fs';
import { bundledRegistry } from './registry.ts';
import { readTaskFile } from './task-file.ts';
import type { TaskDef } from './task-def.ts';

/**
 * True when `ref` names a file rather than a bundled task id: it looks like a path (a
 * `.json` name or a folder separator), or something other than a folder of that name
 * exists here — a regular file, but also a FIFO or a device, which readTaskFile then
 * refuses in one line without opening anything that could block. A folder named like a
 * task id (a run's `--out`, say) does not hide the bundled task.
 */
export function isTaskPath(ref: string): boolean {
  if (/\.json$/i.test(ref) || ref.includes('/') || ref.includes('\\')) return true;
  try {
    return !statSync(ref).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Load a task by bundled id ("red_on_blue") or by path to a JSON task file
 * ("tasks/core/red_on_blue.json", "./my-task.json"). Throws TaskError with one line:
 * the file, the JSON path and what was expected; an unknown id lists close matches.
 * Only a regular file of at most 1 MiB is read (TASK_LIMITS in schema.ts).
 */
export function loadTask(ref: string): TaskDef {
  return isTaskPath(ref) ? readTaskFile(ref) : bundledRegistry().getTask(ref);
}
