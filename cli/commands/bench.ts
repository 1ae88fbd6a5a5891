import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runBench } from '../../bench/bench.ts';
import { parseIntArg } from '../errors.ts';

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('performance figures: physics, sandbox, rendering, episodes, suites (medians, with the machine)')
    .option('--json', 'print JSON')
    .option('--reps <n>', 'repetitions per figure', '5')
    .option('--quick', 'physics, sandbox and episodes only')
    .option('--write <file>', 'also write the JSON to this file')
    .action(async (opts: { json?: boolean; reps: string; quick?: boolean; write?: string }) => {
      const log = (s: string): void => { process.stderr.write(`bench: ${s}\n`); };
      const figures = await runBench({ reps: parseIntArg('--reps', opts.reps, 1), log });
      const text = JSON.stringify(figures, null, 2);
      if (opts.write) { mkdirSync(dirname(opts.write), { recursive: true }); writeFileSync(opts.write, text + '\n'); }
      if (opts.json) process.stdout.write(text + '\n');
      else {
        const p = figures.physics.rapier;
        process.stdout.write([
          `machine: ${figures.machine.cpu}, ${figures.machine.cores} cores, node ${figures.machine.node}`,
          `physics (rapier, 12 objects, 240 Hz): ${p.stepsPerSec} steps/s = ${p.realtimeFactor}× real time; bare Rapier ${p.bareStepsPerSec} steps/s (ours/bare ${p.overheadRatio})`,
          `sandbox: ${figures.sandbox.hostCallMicros} µs per API call`,
          `episode: ${figures.episode.msPerAttempt} ms per core reference attempt (no rendering, ${figures.episode.attempts} attempts)`,
        ].join('\n') + '\n');
      }
    });
}
