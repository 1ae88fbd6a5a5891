// Shared option handling (required options and value parsing are commander's: see ../errors.ts).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { KnowledgeSettings } from '../../policy/knowledge/episode-knowledge.ts';
import { PERCEPTION_MODES, parsePerceptionNoise } from '../../policy/program/perception-settings.ts';
import { TIMEOUT_VARIABLE, timeoutSecondsProblem } from '../../llm/model-settings.ts';
import { parsedArg, UsageError } from '../errors.ts';

// The world options `run`, `suite` and `chat` share.
export function perceptionOption(): Option {
  return new Option('--perception <mode>', 'what scene queries and scene facts come from: truth, seeded noise, or camera pixels')
    .choices(PERCEPTION_MODES)
    .default('exact');
}

export function perceptionNoiseOption(): Option {
  return new Option('--perception-noise <m,deg>', 'σ of --perception noisy: metres, degrees (default 0.01,3)').argParser(
    parsedArg(parsePerceptionNoise),
  );
}

export function engineOption(): Option {
  return new Option('--engine <e>', 'physics engine').choices(['rapier']).default('rapier');
}

/** `--timeout <seconds>`: a number of seconds (fractions allowed), one line on anything else. */
export function parseTimeoutSeconds(text: string): number {
  const problem = timeoutSecondsProblem(text);
  if (problem) throw new Error(problem);
  return Number(text.trim());
}

/**
 * `--timeout <seconds>` on a command that calls a model (`run`, `suite`, `chat`, `teach`,
 * `view`): the deadline of each HTTP request to the model server, reply body included. It
 * is handed on as POLICYLOOP_MODEL_TIMEOUT, set before the action runs, so the model clients
 * of this process and of the worker threads it starts (suite workers, the chat worker, the
 * viewer's live episodes) all read it through the model settings.
 */
export function withModelTimeout(cmd: Command): Command {
  cmd.addOption(
    new Option(
      '--timeout <seconds>',
      `deadline of each model request, reply included (default $${TIMEOUT_VARIABLE} or 120); retried requests get it again`,
    ).argParser(parsedArg(parseTimeoutSeconds)),
  );
  cmd.hook('preAction', (command) => {
    const seconds = command.opts().timeout as number | undefined;
    if (seconds !== undefined) process.env[TIMEOUT_VARIABLE] = String(seconds);
  });
  return cmd;
}

export function readProgramFile(path: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new UsageError(`--program: no such file: ${path}`);
  try {
    return readFileSync(abs, 'utf8');
  } catch (err) {
    throw new UsageError(`--program: cannot read ${path}: ${(err as Error).message}`);
  }
}

// The knowledge base options of `run`, `suite`, `chat`, `teach` and `view` (docs/knowledge.md).
export interface KnowledgeFlags {
  /** --kb FILE, or false for --no-kb; undefined: POLICYLOOP_KB or the default file. */
  kb?: string | false;
  /** --no-learn: retrieve, but write nothing back. */
  learn?: boolean;
}

/** `--kb FILE`, `--no-kb` and (with learn) `--no-learn`, for `.addOption`. */
export function knowledgeOptions(opts: { learnFlag: boolean }): Option[] {
  return [
    new Option('--kb <file>', 'knowledge base file (default $POLICYLOOP_KB or ~/.policyloop/knowledge.db)'),
    new Option('--no-kb', 'use no knowledge base: retrieve nothing, learn nothing'),
    ...(opts.learnFlag
      ? [new Option('--no-learn', 'retrieve knowledge but write nothing back (no new entries, no confidence updates)')]
      : []),
  ];
}

/** Adds the knowledge options to a command. */
export function withKnowledgeOptions(cmd: Command, opts: { learnFlag: boolean }): Command {
  for (const o of knowledgeOptions(opts)) cmd.addOption(o);
  return cmd;
}

/**
 * The knowledge base settings of a command, or null when it is off. The file is opened
 * (created when absent, migrated when old) here, so a corrupt or newer file stops the
 * command with one line before any work starts.
 */
export async function knowledgeSettingsFrom(flags: KnowledgeFlags, learnByDefault: boolean): Promise<KnowledgeSettings | null> {
  const { knowledgeFileFromEnv, openKnowledge } = await import('../../policy/knowledge/index.ts');
  const file = knowledgeFileFromEnv({ kb: flags.kb });
  if (file === null) return null;
  try {
    openKnowledge(file);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return { file, learn: flags.learn === false ? false : learnByDefault };
}
