// A task travels in its queue job (docs/queue.md#the-job): no shared disk is assumed, so the
// worker gets the task file's JSON text and its reference program's text, parses them with its
// own code and checks the version (TaskDef.hash) is the one the suite started with.
import { readFileSync } from 'node:fs';
import { isReferencePath, parseTask, stripComments, taskHash, textNestingPath } from '../../../tasks/task-file.ts';
import { TASK_LIMITS } from '../../../tasks/schema.ts';
import type { TaskDef } from '../../../tasks/index.ts';
import type { ShippedTask } from '../episode-job.ts';

function versionOf(json: unknown, reference: string): string {
  return taskHash(stripComments(json), reference);
}

/**
 * The task as a job carries it: the file's text as it is now and the reference as loaded.
 * Throws when the file changed since the suite loaded it (its version would differ).
 */
export function shipTask(task: TaskDef): ShippedTask {
  let json: string;
  try {
    json = readFileSync(task.file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the task file ${task.file} to send it to the queue: ${(err as Error).message}`);
  }
  const shipped = { json, reference: task.reference };
  let version: string;
  try {
    version = versionOf(JSON.parse(json), task.reference);
  } catch {
    version = 'unreadable';
  }
  if (version !== task.hash)
    throw new Error(`the task file ${task.file} changed since the suite loaded it (version ${task.hash} then, ${version} now)`);
  return shipped;
}

/**
 * The worker's side: the TaskDef from a shipped task, named by the coordinator's path
 * (`file`, as episode records name it). Its `hash` is computed from the shipped text, so the
 * episode runner's version check (`task.hash !== job.taskHash`) refuses a task that does not
 * match. A reference given as a path in the file is taken from the shipped reference text.
 */
export function taskFromShipped(shipped: ShippedTask, file: string): TaskDef {
  // A job is untrusted input like a task file: the same size and nesting limits, checked before
  // anything parses or walks it (tasks/TEMPLATE.md#limits).
  if (Buffer.byteLength(shipped.json, 'utf8') > TASK_LIMITS.maxFileBytes)
    throw new Error(`the task sent with the job (${file}) is larger than ${TASK_LIMITS.maxFileBytes} bytes`);
  const deep = textNestingPath(shipped.json);
  if (deep) throw new Error(`the task sent with the job (${file}) is nested more than ${TASK_LIMITS.maxJsonDepth} levels deep`);
  let json: unknown;
  try {
    json = JSON.parse(shipped.json);
  } catch (err) {
    throw new Error(`the task sent with the job (${file}) is not JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error(`the task sent with the job (${file}) is not a task object`);
  const hash = versionOf(json, shipped.reference);
  const ref = (json as { reference?: unknown }).reference;
  const inline = typeof ref === 'string' && isReferencePath(ref) ? { ...json, reference: shipped.reference } : json;
  const task = parseTask(inline, file);
  return { ...task, file, hash };
}
