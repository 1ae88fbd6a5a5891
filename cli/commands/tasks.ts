import type { Command } from 'commander';

export function registerTasksCommand(program: Command): void {
  program
    .command('tasks')
    .description('list bundled tasks and suites')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      // tasks/index.ts loads sim/ and zod (~0.15 s): imported in the action, not at start-up.
      const { listSuites, listTasks, displayPath } = await import('../../tasks/index.ts');
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
