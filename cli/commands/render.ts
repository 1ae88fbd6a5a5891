import type { Command } from 'commander';
import { intArg } from '../errors.ts';

export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description('render the initial scene of a task from every view (front, top, side)')
    .requiredOption('--task <task>', 'task id or path to a task file (see `policyloop tasks`)')
    .option('--seed <n>', 'scene seed', intArg(0), 0)
    .requiredOption('--out <dir>', 'the folder to write images into')
    .option('--masks', 'also write the id mask and depth previews')
    .action(async (opts: { task: string; seed: number; out: string; masks?: boolean }) => {
      // tasks/index.ts loads sim/ and zod (~0.15 s): imported in the action, not at start-up.
      const { instantiateScene, loadTask } = await import('../../tasks/index.ts');
      const scene = instantiateScene(loadTask(opts.task), opts.seed);
      const { closeRenderer, renderInitialScene } = await import('../../monitor/index.ts');
      try {
        const files = await renderInitialScene(scene, opts.out, { masks: opts.masks });
        for (const f of files) process.stdout.write(f + '\n');
      } catch (err) {
        if ((err as Error).name === 'RendererUnavailableError') {
          process.stderr.write(`policyloop: ${(err as Error).message}\n`);
          process.exitCode = 1;
          return;
        }
        throw err;
      } finally {
        await closeRenderer();
      }
    });
}
