import type { Command } from 'commander';
import { instantiateScene } from '../../tasks/index.ts';
import { UsageError } from '../errors.ts';
import { requireTask, seedOption } from './common.ts';

export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description('render the initial scene of a task from every view (front, top, side)')
    .option('--task <task>', 'task id or path to a task file')
    .option('--seed <n>', 'scene seed', '0')
    .option('--out <dir>', 'output folder')
    .option('--masks', 'also write the id mask and depth previews')
    .action(async (opts: { task?: string; seed?: string; out?: string; masks?: boolean }) => {
      const task = requireTask(opts.task);
      const seed = seedOption(opts.seed);
      if (!opts.out) throw new UsageError('--out: required (the folder to write images into)');
      const scene = instantiateScene(task, seed);
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
