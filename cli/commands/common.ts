// Shared option handling (required options and value parsing are commander's: see ../errors.ts).
import { accessSync, closeSync, constants, fstatSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { KnowledgeSettings } from '../../policy/knowledge/episode-knowledge.ts';
import { PERCEPTION_MODES, parsePerceptionNoise } from '../../policy/program/perception-settings.ts';
import { TIMEOUT_VARIABLE, timeoutSecondsProblem } from '../../llm/model-settings.ts';
import { readCappedText } from '../../tasks/capped-read.ts';
import { ENGINE_NAMES } from '../../sim/types.ts';
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

/** The physics engines (DESIGN §13): Rapier is the default. */
export const ENGINES = ENGINE_NAMES;

export function engineOption(): Option {
  return new Option('--engine <e>', 'physics engine').choices(ENGINES).default('rapier');
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

/** The largest `--program` file read (1 MiB): a program is text a person or a model wrote. */
export const PROGRAM_FILE_MAX_BYTES = 1024 * 1024;

/** What a path that is not a regular file is, for an error line. */
function fileKind(st: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads `run --program FILE`: a regular file of at most PROGRAM_FILE_MAX_BYTES, else one line.
 * Opened without blocking (a FIFO with no writer does not hang) and checked on the open file;
 * never read past the cap (a file that grows, /dev/zero).
 */
export function readProgramFile(path: string): string {
  const abs = resolve(path);
  const max = PROGRAM_FILE_MAX_BYTES;
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `--program: no such file: ${path}` : `--program: cannot read ${path} (${code ?? (err as Error).message})`,
    );
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new UsageError(`--program: ${path} is ${fileKind(st)}; give a program file (a regular file)`);
    const tooBig = (size: string): never => {
      throw new UsageError(`--program: ${path} is ${size} bytes; a program file may hold at most ${max} bytes (1 MiB)`);
    };
    if (st.size > max) tooBig(String(st.size));
    return readCappedText(fd, max, tooBig);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--program: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Why `--out DIR` cannot be written, in one line (null when it can): a path that exists and is
 * not a folder, a folder this process may not write, or — when DIR does not exist yet — a nearest
 * existing parent that is not a writable folder. Checked before any work (no model token spent).
 */
export function outFolderProblem(dir: string, flag = '--out'): string | null {
  let st: ReturnType<typeof statSync> | undefined;
  try {
    st = statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return `${flag} ${dir}: cannot use it (${code ?? (err as Error).message})`;
  }
  if (st) {
    if (!st.isDirectory()) {
      const what = st.isFile() ? 'a file' : fileKind(st);
      return `${flag} ${dir} is ${what}, not a folder; give a folder (it is created when missing)`;
    }
    return writable(dir) ? null : `${flag} ${dir}: the folder is not writable`;
  }
  // Missing: the nearest existing parent must be a folder we can write (mkdir -p creates the rest).
  let parent = dirname(dir);
  for (;;) {
    try {
      const p = statSync(parent);
      if (!p.isDirectory()) return `${flag} ${dir}: ${parent} is a file, not a folder`;
      return writable(parent) ? null : `${flag} ${dir}: cannot create it, ${parent} is not writable`;
    } catch {
      const up = dirname(parent);
      if (up === parent) return null;
      parent = up;
    }
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
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
