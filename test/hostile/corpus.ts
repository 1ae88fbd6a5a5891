// The hostile corpus (test/hostile/README.md): the manifest, running one program as an
// attempt on a real core task, and checking the outcome against what the manifest
// expects. Used by hostile.test.ts (in-process and as a suite), control-run.ts (the
// control program in a fresh process) and hostile-episode.ts (the suite worker).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEpisode } from '../../policy/loop/episode.ts';
import { runAttempt, traceToJSON, type AttemptOutcome } from '../../policy/program/index.ts';
import { GivenProgrammer } from '../../policy/programmers/programmer.ts';
import { createWorld, type CallEvent, type LogEvent, type Trace } from '../../sim/index.ts';
import { getTask, instantiateScene } from '../../tasks/index.ts';

export const HOSTILE_DIR = dirname(fileURLToPath(import.meta.url));
export const PROGRAMS_DIR = join(HOSTILE_DIR, 'programs');

/** The task and seed every corpus program runs on, and the CPU budget of its attempt. */
export const CORPUS_TASK = 'red_on_blue';
export const CORPUS_SEED = 1;
export const CORPUS_CPU_MS = 2000;

export interface CorpusEntry {
  file: string;
  /** ProgramError kinds accepted; 'success' means no error. */
  expect: string[];
  /** Regex (case-insensitive) the error message must match. */
  message?: string;
  /** Regexes each of which some log line must match. */
  logs?: string[];
  /** Regexes no log line may match. */
  noLogs?: string[];
  /** Every `date N` log line holds the simulated epoch plus at most the simulated time. */
  dates?: boolean;
  /** Two runs give the same logs and the same trace. */
  deterministic?: boolean;
  /** CPU budget of this program's attempt (ms), when not CORPUS_CPU_MS. */
  cpuMs?: number;
}

/** The CPU budget `entry` runs with. */
export function budgetOf(entry: CorpusEntry): number {
  return entry.cpuMs ?? CORPUS_CPU_MS;
}

export interface CorpusChecks {
  wallMsOverBudget: number;
  argStringMaxChars: number;
  logMaxChars: number;
  errorMessageMaxChars: number;
  traceJsonMaxBytes: number;
  notMessage: string;
}

export interface Corpus {
  always: CorpusChecks;
  simEpochMs: number;
  programs: CorpusEntry[];
}

export function loadCorpus(): Corpus {
  return JSON.parse(readFileSync(join(HOSTILE_DIR, 'corpus.json'), 'utf8')) as Corpus;
}

export function programText(file: string): string {
  return readFileSync(join(PROGRAMS_DIR, file), 'utf8');
}

/** The control program: run after every hostile one, it must give what it gives in a fresh process. */
export function controlProgram(): string {
  return readFileSync(join(HOSTILE_DIR, 'control.js'), 'utf8');
}

export interface RunResult {
  outcome: AttemptOutcome;
  /** Wall time of runAttempt alone (ms). */
  wallMs: number;
  /** trace.json as the run record writes it (bytes), or the error writing it threw. */
  traceJsonBytes: number | string;
}

/** Runs `program` as one attempt of the corpus task (a fresh world), as an episode's attempt does. */
export async function runProgram(program: string, opts: { cpuMs?: number } = {}): Promise<RunResult> {
  const task = getTask(CORPUS_TASK);
  const world = await createWorld(instantiateScene(task, CORPUS_SEED), { timeLimit: task.timeLimit });
  try {
    const t0 = performance.now();
    const outcome = await runAttempt({ world, program, cpuMs: opts.cpuMs ?? CORPUS_CPU_MS, seed: CORPUS_SEED });
    const wallMs = performance.now() - t0;
    return { outcome, wallMs, traceJsonBytes: traceJsonSize(outcome.trace) };
  } finally {
    world.free();
  }
}

/** Bytes of trace.json as writeAttemptFiles writes it, or the message of what made it unwritable. */
export function traceJsonSize(trace: Trace): number | string {
  try {
    return Buffer.byteLength(JSON.stringify({ ...traceToJSON(trace), success: { ok: false } }, null, 1), 'utf8');
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

export function logLines(trace: Trace): string[] {
  return trace.events.filter((e): e is LogEvent => e.type === 'log').map((e) => e.message);
}

/** What a control episode's record holds that must not depend on what ran before it. */
export interface EpisodeDigest {
  /** sha256 of the events of attempt-0/trace.json. */
  events: string;
  error: string | null;
  success: boolean;
}

/** The digest of an episode's record folder (attempt 0). */
export function episodeDigest(
  dir: string,
  record: { success: boolean; attempts: { error: { kind: string; message: string } | null }[] },
): EpisodeDigest {
  const trace = JSON.parse(readFileSync(join(dir, 'attempt-0', 'trace.json'), 'utf8')) as Trace;
  const error = record.attempts[0]?.error ?? null;
  return {
    events: createHash('sha256').update(JSON.stringify(trace.events)).digest('hex'),
    error: error ? `${error.kind}: ${error.message}` : null,
    success: record.success,
  };
}

/** The control program as one episode (the given programmer, the state monitor, no repairs) recorded into `dir`. */
export async function runControlEpisode(dir: string): Promise<EpisodeDigest> {
  const record = await runEpisode({
    task: getTask(CORPUS_TASK),
    seed: CORPUS_SEED,
    programmer: new GivenProgrammer(controlProgram()),
    monitor: 'state',
    maxRepairs: 0,
    oracle: true,
    outDir: dir,
    recordImages: 'none',
    cpuMs: CORPUS_CPU_MS,
  });
  return episodeDigest(dir, record);
}

/** Every string in a value (call arguments), for the per-string cap check. */
function strings(v: unknown, out: string[] = [], depth = 0): string[] {
  if (typeof v === 'string') out.push(v);
  else if (v && typeof v === 'object' && depth < 64) for (const x of Object.values(v)) strings(x, out, depth + 1);
  return out;
}

/** What the trace and outcome say, reduced to what must be equal between two equal runs. */
export function digest(outcome: AttemptOutcome): string {
  const json = JSON.stringify({ error: outcome.error, trace: traceToJSON(outcome.trace) });
  return createHash('sha256').update(json).digest('hex');
}

/**
 * Everything wrong with a run of `entry`, one line each (empty when it is as expected).
 * `second` is another run of the same program, for `deterministic` entries.
 */
export function problems(entry: CorpusEntry, corpus: Corpus, run: RunResult, second?: RunResult): string[] {
  const out: string[] = [];
  const { outcome } = run;
  const always = corpus.always;
  const kind = outcome.error ? outcome.error.kind : 'success';
  const said = outcome.error ? `${outcome.error.kind}: ${outcome.error.message.slice(0, 300)}` : 'success';
  if (!entry.expect.includes(kind)) out.push(`ended as ${said}; expected ${entry.expect.join(' or ')}`);
  const message = outcome.error?.message ?? '';
  if (entry.message && !new RegExp(entry.message, 'i').test(message)) {
    out.push(`the error message does not match /${entry.message}/: ${JSON.stringify(message.slice(0, 300))}`);
  }
  if (new RegExp(always.notMessage, 'i').test(message))
    out.push(`the error message reports a host fault: ${JSON.stringify(message.slice(0, 300))}`);
  if (message.length > always.errorMessageMaxChars)
    out.push(`the error message has ${message.length} characters (at most ${always.errorMessageMaxChars})`);
  const budget = budgetOf(entry) + always.wallMsOverBudget;
  if (run.wallMs > budget) out.push(`took ${Math.round(run.wallMs)} ms (budget ${budgetOf(entry)} ms + ${always.wallMsOverBudget} ms)`);
  if (outcome.internalError !== undefined)
    out.push(`a host function failed: ${String((outcome.internalError as Error)?.message ?? outcome.internalError)}`);

  const logs = logLines(outcome.trace);
  for (const re of entry.logs ?? [])
    if (!logs.some((l) => new RegExp(re).test(l))) out.push(`no log line matches /${re}/ (logs: ${JSON.stringify(logs.slice(0, 8))})`);
  for (const re of entry.noLogs ?? []) {
    const hit = logs.find((l) => new RegExp(re).test(l));
    if (hit !== undefined) out.push(`a log line matches /${re}/: ${JSON.stringify(hit.slice(0, 200))}`);
  }
  const longLog = logs.find((l) => l.length > always.logMaxChars);
  if (longLog) out.push(`a log line has ${longLog.length} characters (at most ${always.logMaxChars})`);
  if (entry.dates) {
    const simMs = outcome.simSeconds * 1000;
    for (const l of logs) {
      const m = /^date (-?\d+)$/.exec(l);
      if (!m) continue;
      const ms = Number(m[1]);
      if (ms < corpus.simEpochMs || ms > corpus.simEpochMs + simMs + 1) {
        out.push(`logged date ${ms} (${new Date(ms).toISOString()}) is not the simulated epoch plus simulated time`);
      }
    }
  }

  const calls = outcome.trace.events.filter((e): e is CallEvent => e.type === 'call');
  for (const c of calls) {
    const long = strings(c.args).find((s) => s.length > always.argStringMaxChars);
    if (long !== undefined) {
      out.push(`call ${c.seq} (${c.call}) has an argument string of ${long.length} characters (at most ${always.argStringMaxChars})`);
      break;
    }
  }
  const seqs = outcome.trace.events.map((e) => e.seq);
  if (seqs.some((s, i) => s !== i)) out.push('the trace events are not numbered 0, 1, 2, … in order');

  if (typeof run.traceJsonBytes === 'string') out.push(`trace.json cannot be written: ${run.traceJsonBytes}`);
  else if (run.traceJsonBytes > always.traceJsonMaxBytes)
    out.push(`trace.json would be ${run.traceJsonBytes} bytes (budget ${always.traceJsonMaxBytes})`);

  if (entry.deterministic && second) {
    if (JSON.stringify(logLines(second.outcome.trace)) !== JSON.stringify(logs)) out.push('a second run logged other lines');
    else if (digest(second.outcome) !== digest(outcome)) out.push('a second run gave another trace');
  }
  return out;
}
