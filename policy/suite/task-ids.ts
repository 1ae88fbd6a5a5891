// A suite's tasks must have distinct ids: episodes, their folders and results.jsonl rows are
// keyed by task id and seed, so a second task with the same id would overwrite the first's
// records and `--resume` would count both as done. Imports nothing: the command line checks it
// before loading the suite.
import type { TaskDef } from '../../tasks/task-def.ts';

/** One line when two of the tasks share an id (their records would overwrite each other), else null. */
export function duplicateTaskProblem(tasks: readonly Pick<TaskDef, 'id' | 'file'>[]): string | null {
  const seen = new Map<string, string>();
  for (const t of tasks) {
    const first = seen.get(t.id);
    if (first === undefined) {
      seen.set(t.id, t.file);
      continue;
    }
    return first === t.file
      ? `the task ${t.file} (id "${t.id}") is given twice; give each task once`
      : `two different tasks have the id "${t.id}": ${first} and ${t.file}; give each task its own id`;
  }
  return null;
}
