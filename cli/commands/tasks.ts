import type { Command } from 'commander';
import { listSuites, listTasks, displayPath } from '../../tasks/index.ts';

export function registerTasksCommand(program: Command): void {
  program
    .command('tasks')
    .description('list bundled tasks and suites')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const tasks = listTasks();
      const suites = listSuites();
      if (opts.json) {
        const out = {
          tasks: tasks.map((t) => ({ id: t.id, instruction: t.instruction, file: displayPath(t.file), tags: t.tags })),
          suites,
        };
        process.stdout.write(JSON.stringify(out, null, 2) + '\n');
        return;
      }
      const width = Math.max(...tasks.map((t) => t.id.length));
      for (const t of tasks) process.stdout.write(`${t.id.padEnd(width)}  ${t.instruction}\n`);
      process.stdout.write('\nsuites:\n');
      for (const s of suites)
        process.stdout.write(`  ${s.name.padEnd(8)} ${String(s.taskIds.length).padStart(3)} tasks  ${s.description}\n`);
    });
}
