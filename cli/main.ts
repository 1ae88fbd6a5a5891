// The `policyloop` command: argument parsing and wiring only (docs/architecture.md#command-line).
import { Command, CommanderError } from 'commander';
import { UsageError } from './errors.ts';
import { registerTasksCommand } from './commands/tasks.ts';
import { registerRunCommand } from './commands/run.ts';
import { registerBenchCommand } from './commands/bench.ts';
import { registerViewCommand } from './commands/view.ts';
import { registerRenderCommand } from './commands/render.ts';
import { registerEvalMonitorCommand } from './commands/eval-monitor.ts';
import { registerSuiteCommand } from './commands/suite.ts';
import { registerChatCommand } from './commands/chat.ts';
import { registerKbCommand } from './commands/kb.ts';
import { registerTeachCommand } from './commands/teach.ts';
import { registerWorkerCommand } from './commands/worker.ts';

import { VERSION } from './version.ts';

export function buildProgram(): Command {
  const program = new Command('policyloop')
    .description('LLM-written robot manipulation programs, run in simulation, monitored and repaired in a closed loop.')
    .version(VERSION)
    .exitOverride()
    // Commander's parse errors (bad choice, argParser throw, missing required option) as one
    // line like every other bad input; subcommands inherit this, main returns 2 for them.
    .configureOutput({
      outputError: (str, write) =>
        write(
          `policyloop: ${str
            .replace(/^error: /, '')
            .trim()
            .replace(/\s*\n\s*/g, ' ')} (run with --help for usage)\n`,
        ),
    });
  registerTasksCommand(program);
  registerRunCommand(program);
  registerSuiteCommand(program);
  registerWorkerCommand(program);
  registerChatCommand(program);
  registerKbCommand(program);
  registerTeachCommand(program);
  registerRenderCommand(program);
  registerEvalMonitorCommand(program);

  registerViewCommand(program);
  registerBenchCommand(program);
  return program;
}

/** Runs the command line; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; parse errors were already printed.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError || isBadInput(err)) {
      process.stderr.write(`policyloop: ${(err as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`policyloop: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 3;
  }
}

/**
 * Errors that mean the user's input or setup is wrong: a task file, a program path, a
 * model setting, an unreachable model server, a rejected key, a missing cassette entry, a
 * corrupt or newer knowledge base file.
 */
function isBadInput(err: unknown): boolean {
  return (
    err instanceof Error &&
    ['TaskError', 'UsageError', 'ConfigError', 'ModelError', 'ResultsFileError', 'KnowledgeBaseError'].includes(err.name)
  );
}
