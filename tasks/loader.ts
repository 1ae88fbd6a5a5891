// loadTask: the one entry point for "a task the user named" — a bundled id or a file.

import { existsSync, statSync } from 'node:fs';
import { bundledRegistry } from './registry.ts';
import { readTaskFile } from './task-file.ts';
import type { TaskDef } from './task-def.ts';

/** True when `ref` names a file rather than a bundled task id. */
export function isTaskPath(ref: string): boolean {
  if (/\.json$/i.test(ref) || ref.includes('/') || ref.includes('\\')) return true;
  return existsSync(ref) && statSync(ref).isFile();
}

/**
 * Load a task by bundled id ("red_on_blue") or by path to a JSON task file
 * ("tasks/core/red_on_blue.json", "./my-task.json"). Throws TaskError with one line:
 * the file, the JSON path and what was expected; an unknown id lists close matches.
 */
export function loadTask(ref: string): TaskDef {
  return isTaskPath(ref) ? readTaskFile(ref) : bundledRegistry().getTask(ref);
}
