// The task a viewer `start` names, read without blocking the server's main thread: a bundled
// id from the registry; a path only when it is a regular file of at most
// MAX_TASK_FILE_BYTES, opened non-blocking (a FIFO never stalls the open) and read on libuv's
// thread pool. Errors name the problem and the path the client sent, never the file's bytes
// (a start naming a system file must not echo its first line back), and a path that is
// missing, unreadable or not a file gets one answer, so a client cannot probe what exists.

import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isTaskPath, loadTask, parseTask, TASK_LIMITS, TaskError, textNestingPath } from '../tasks/index.ts';
import type { TaskDef } from '../tasks/index.ts';

/** The largest task file a viewer reads: the task loader's own limit (1 MiB). */
export const MAX_TASK_FILE_BYTES = TASK_LIMITS.maxFileBytes;

/** A problem with the task a client named, in one line for that client. */
export class TaskReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskReadError';
  }
}

/** The task `ref` names: a bundled id (synchronously, from the registry) or a task file, read off the main thread. */
export async function readViewerTask(ref: string): Promise<TaskDef> {
  if (!isTaskPath(ref)) {
    try {
      return loadTask(ref);
    } catch (err) {
      throw new TaskReadError((err as Error).message);
    }
  }
  const file = resolve(ref);
  const shown = JSON.stringify(ref.length > 200 ? `${ref.slice(0, 200)}…` : ref);
  const text = await readBoundedFile(file, shown);
  if (textNestingPath(text)) throw new TaskReadError(`the task file ${shown} is nested more than ${TASK_LIMITS.maxJsonDepth} levels deep`);
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    // V8's message quotes the text: say where only.
    const at = /position (\d+)/.exec((err as Error).message);
    let where = '';
    if (at) {
      const before = text.slice(0, Number(at[1]));
      where = ` (at line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')})`;
    }
    throw new TaskReadError(`the task file ${shown} is not JSON${where}; a task file is a JSON object (see docs/tasks.md)`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TaskReadError(`the task file ${shown} is not a JSON object; a task file is one (see docs/tasks.md)`);
  }
  try {
    return parseTask(json, file);
  } catch (err) {
    if (err instanceof TaskError) throw new TaskReadError(err.message);
    throw err;
  }
}

async function readBoundedFile(file: string, shown: string): Promise<string> {
  const unreadable = (): TaskReadError =>
    new TaskReadError(`no readable task file at ${shown} (a task file is a regular JSON file of at most 1 MiB)`);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    throw unreadable();
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw unreadable();
    const tooBig = (): TaskReadError => new TaskReadError(`the task file ${shown} is larger than 1 MiB, the most a task file may be`);
    if (st.size > MAX_TASK_FILE_BYTES) throw tooBig();
    // To the end, never past the cap (the size can change while it is read).
    const buf = Buffer.alloc(MAX_TASK_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, length, buf.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_TASK_FILE_BYTES) throw tooBig();
    }
    return buf.toString('utf8', 0, length);
  } catch (err) {
    if (err instanceof TaskReadError) throw err;
    throw unreadable();
  } finally {
    await handle.close().catch(() => undefined);
  }
}
