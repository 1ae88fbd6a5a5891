// A task travels in its queue job (docs/queue.md#the-job): no shared disk is assumed, so the
// worker gets the task file's JSON text and its reference program's text, parses them with its
// own code and checks the version (TaskDef.hash) is the one the suite started with.
import { readFileSync } from 'node:fs';
import { isReferencePath, parseTask, taskHash } from '../../../tasks/task-file.ts';
import type { TaskDef } from '../../../tasks/index.ts';
import type { ShippedTask } from '../episode-job.ts';

/**
 * JSON has no comments: keys starting with "//" are dropped before hashing, as task-file.ts
 * does (every other key kept as an own property, "__proto__" included).
 */
function stripComments(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripComments);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v))
    if (!k.startsWith('//'))
      Object.defineProperty(out, k, { value: stripComments(x), enumerable: true, writable: true, configurable: true });
  return out;
}

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
