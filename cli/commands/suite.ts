import { Option, type Command } from 'commander';
import {
  ENGINES,
  engineOption,
  knowledgeSettingsFrom,
  perceptionNoiseOption,
  perceptionOption,
  withKnowledgeOptions,
  withModelTimeout,
  outFolderProblem,
  type KnowledgeFlags,
} from './common.ts';
import { onInterrupt, SIGNAL_EXIT_CODES } from '../interrupt.ts';
import { resolve } from 'node:path';
import type { TaskDef } from '../../tasks/index.ts';
import type { SuiteProgress } from '../../policy/suite/index.ts';
import type { SuiteLock } from '../../policy/suite/suite-lock.ts';
import { DEFAULT_EPISODE_TIMEOUT_S, defaultConcurrency, defaultWorkers, INTERRUPT_GRACE_S } from '../../policy/suite/defaults.ts';
// Constants from their defining files, not the folders' index.ts: `--help` must not load
// the controller (docs/architecture.md#imports).
import { PROVIDERS } from '../../policy/programmers/programmer.ts';
import { MONITOR_NAMES, type MonitorName } from '../../monitor/verdict.ts';
import { perceptionLabel } from '../../policy/program/perception-settings.ts';
import type { PerceptionMode, PerceptionNoise } from '../../policy/program/perception-settings.ts';
import { choiceArg, intArg, listArg, parsedArg, UsageError } from '../errors.ts';
import { DEFAULT_MAX_CORRECTIONS } from '../../policy/corrections/simulated-corrector.ts';
import { ProgressBar } from '../progress.ts';
import { accessSync, constants, lstatSync, mkdirSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface SuiteFlags extends KnowledgeFlags {
  suite?: string;
  tasks?: string[];
  taskDir?: string;
  seeds?: number;
  seedList?: number[];
  workers?: number;
  concurrency?: number;
  maxRpm?: number;
  maxTpm?: number;
  maxInflight?: number;
  prices?: string;
  provider: (typeof PROVIDERS)[number];
  model?: string;
  vlmModel?: string;
  monitor: MonitorName;
  maxRepairs: number;
  engine: (typeof ENGINES)[number];
  /** Every episode on each of these engines, compared (policy/suite/engines.ts). */
  engines?: (typeof ENGINES)[number][];
  oracle: boolean;
  perception: PerceptionMode;
  perceptionNoise?: PerceptionNoise;
  out?: string;
  resume?: boolean;
  json?: boolean;
  images?: boolean;
  corrector?: 'simulated';
  maxCorrections?: number;
  /** Episodes go to `policyloop worker`s through this Redis (docs/queue.md). */
  queue?: string;
  queueName?: string;
  /** Wall-clock limit per episode, seconds (0 = none). */
  episodeTimeout: number;
}

// tasks/index.ts loads sim/ and zod (~0.15 s of start-up): imported here, not statically.
export async function selectTasks(f: Pick<SuiteFlags, 'suite' | 'tasks' | 'taskDir'>): Promise<TaskDef[]> {
  const chosen = [f.suite, f.tasks, f.taskDir].filter((x) => x !== undefined).length;
  if (chosen > 1) throw new UsageError('choose one of --suite, --tasks, --task-dir');
  const { getSuite, loadTask } = await import('../../tasks/index.ts');
  if (f.tasks) return f.tasks.map((t) => loadTask(t));
  if (f.taskDir) {
    if (!existsSync(f.taskDir)) throw new UsageError(`--task-dir: no such folder: ${f.taskDir}`);
    if (!statSync(f.taskDir).isDirectory()) throw new UsageError(`--task-dir: not a folder: ${f.taskDir}`);
    const files = readdirSync(f.taskDir)
      .filter((n) => n.endsWith('.json'))
      .sort();
    if (files.length === 0) throw new UsageError(`--task-dir: no .json task files in ${f.taskDir}`);
    return checkedIds(files.map((n) => loadTask(join(f.taskDir!, n))));
  }
  return checkedIds(getSuite(f.suite ?? 'core'));
}

async function checkedIds(tasks: TaskDef[]): Promise<TaskDef[]> {
  const { duplicateTaskProblem } = await import('../../policy/suite/task-ids.ts');
  const problem = duplicateTaskProblem(tasks);
  if (problem) throw new UsageError(problem);
  return tasks;
}

/** `--episode-timeout <s>`: seconds, fractions allowed, 0 = no limit. */
export function parseEpisodeTimeout(text: string): number {
  const n = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 7 * 24 * 3600) throw new Error('Expected seconds from 0 (no limit) to 604800');
  return n;
}

/**
 * Why the suite cannot record into `outDir` (one line), checked before any work: not a folder,
 * not writable, or a results.jsonl there that is not a regular file this process can read and append to.
 */
export function suiteOutProblem(outDir: string): string | null {
  const folder = outFolderProblem(outDir);
  if (folder) return folder;
  const results = join(outDir, 'results.jsonl');
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(results);
  } catch {
    return null; // not there yet
  }
  if (st.isSymbolicLink()) {
    try {
      st = statSync(results);
    } catch {
      return `${results} is a broken link; remove it or choose another --out`;
    }
  }
  if (!st.isFile()) return `${results} is not a regular file; remove it or choose another --out`;
  try {
    accessSync(results, constants.R_OK | constants.W_OK);
  } catch {
    return `${results} is read-only: the suite appends a line per episode there; make it writable or choose another --out`;
  }
  return null;
}

export function selectSeeds(f: Pick<SuiteFlags, 'seeds' | 'seedList'>, defaultCount = 3): number[] {
  if (f.seeds !== undefined && f.seedList !== undefined) throw new UsageError('choose one of --seeds, --seed-list');
  if (f.seedList !== undefined) return f.seedList;
  return Array.from({ length: f.seeds ?? defaultCount }, (_, i) => i);
}

export function registerSuiteCommand(program: Command): void {
  const cmd = program
    .command('suite')
    .description('run tasks × seeds in parallel; writes results.jsonl, summary.json and report.html')
    .option('--suite <name>', 'a bundled suite (default core)')
    .option(
      '--tasks <a,b>',
      'task ids or task file paths',
      listArg((t) => t),
    )
    .option('--task-dir <dir>', 'every .json task file in a folder')
    .option('--seeds <n>', 'seeds 0..n-1 (default 3)', intArg(1))
    .option('--seed-list <3,7>', 'these seeds', listArg(intArg(0)))
    .option('--workers <n>', `worker threads (default ${defaultWorkers()}, the number of cores)`, intArg(1))
    .option(
      '--concurrency <n>',
      `episodes in flight at once, interleaved at model calls (default ${defaultConcurrency('openai')} for model providers, the worker count for builtin)`,
      intArg(1),
    )
    .option('--max-rpm <n>', 'model requests per minute, per server, over all episodes', intArg(1))
    .option('--max-tpm <n>', 'model tokens (prompt + reply) per minute, per server, over all episodes', intArg(1))
    .option('--max-inflight <n>', 'model requests in flight at once, per server', intArg(1))
    .option(
      '--prices <file>',
      'dollars per million tokens per model, JSON { "model": { "input": 2.5, "output": 10 } } (default: OpenAI list prices)',
    )
    .addOption(new Option('--provider <p>', 'who writes programs').choices(PROVIDERS).default('builtin'))
    .option('--model <name>', 'code model (default $POLICYLOOP_MODEL)')
    .option('--vlm-model <name>', 'vision model for --monitor vlm')
    .addOption(new Option('--monitor <m>', 'checkpoint monitor').choices(MONITOR_NAMES).default('pixels'))
    .option('--max-repairs <k>', 'repair budget per episode', intArg(0), 3)
    .addOption(
      new Option(
        '--corrector <c>',
        "teach each episode instead of repairing it: a simulated person says the task's corrections hints (no repairs)",
      ).choices(['simulated']),
    )
    .option('--max-corrections <k>', `with --corrector: the most corrections per episode (default ${DEFAULT_MAX_CORRECTIONS})`, intArg(0))
    .addOption(perceptionOption())
    .addOption(perceptionNoiseOption())
    .addOption(engineOption())
    .option(
      '--engines <a,b>',
      `run every episode on each engine (${ENGINES.join(', ')}), each into <out>/<engine>/, and compare: per-engine ASR, engine-robust success, episodes one engine solves only`,
      listArg(choiceArg(ENGINES)),
    )
    .option('--no-oracle', 'stop on the monitor verdicts instead of the task success predicate')
    .option('--no-images', 'do not render checkpoint images unless the monitor needs them')
    .option('--out <dir>', 'output folder (default runs/suite-<time>)')
    .option('--resume', 'skip episodes already in <out>/results.jsonl (same settings only)')
    .option(
      '--episode-timeout <s>',
      `wall-clock limit per episode in seconds; past it the episode is stopped and recorded with a TimeoutError; 0 = none`,
      parsedArg(parseEpisodeTimeout),
      DEFAULT_EPISODE_TIMEOUT_S,
    )
    .option('--json', 'one JSON line per episode, then the summary')
    .option(
      '--queue <url>',
      'enqueue the episodes on Redis for `policyloop worker`s on any machine and collect their results (redis://HOST[:PORT][/DB])',
    )
    .option('--queue-name <name>', 'with --queue: the queue (default policyloop; give the workers the same)');
  withModelTimeout(cmd);
  withKnowledgeOptions(cmd, { learnFlag: false }).action(async (f: SuiteFlags, cmd: Command) => {
    if (f.maxCorrections !== undefined && f.corrector === undefined)
      throw new UsageError('--max-corrections applies to --corrector simulated only');
    if (f.corrector !== undefined && cmd.getOptionValueSource('maxRepairs') === 'cli') {
      throw new UsageError('--max-repairs does not apply with --corrector: a corrected episode is taught, not repaired');
    }
    if (f.queueName !== undefined && f.queue === undefined) throw new UsageError('--queue-name applies with --queue only');
    if (f.queue !== undefined) {
      // Threads, episodes in flight and model limits are each worker process's own (docs/queue.md#limits).
      const local = (['workers', 'concurrency', 'maxRpm', 'maxTpm', 'maxInflight'] as const).find((k) => f[k] !== undefined);
      if (local) {
        const flag = `--${local.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
        throw new UsageError(`${flag} applies to a local run; with --queue, give it to each \`policyloop worker\``);
      }
    }
    if (f.engines !== undefined) {
      if (cmd.getOptionValueSource('engine') === 'cli') throw new UsageError('choose one of --engine, --engines');
      const twice = f.engines.find((e, i) => f.engines!.indexOf(e) !== i);
      if (twice) throw new UsageError(`--engines: ${twice} is named twice`);
    }
    const tasks = await selectTasks(f);
    const seeds = selectSeeds(f);
    // The output folder before any work (no browser, no model): writable, and no other suite writing there.
    const outDir = resolve(f.out ?? join('runs', `suite-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`));
    if (f.engines !== undefined) {
      await runEngineSuites(f, f.engines, tasks, seeds, outDir);
      return;
    }
    const outProblem = suiteOutProblem(outDir);
    if (outProblem) throw new UsageError(outProblem);
    try {
      mkdirSync(outDir, { recursive: true });
    } catch (err) {
      throw new UsageError(`--out ${outDir}: cannot create the folder: ${(err as Error).message}`);
    }
    const { lockSuiteDir } = await import('../../policy/suite/suite-lock.ts');
    const lock = lockSuiteDir(outDir);
    if (lock.tookOver && !f.json) process.stderr.write(`policyloop: note: ${lock.tookOver}\n`);
    try {
      await runSuiteCommand(f, tasks, seeds, outDir, lock);
    } finally {
      lock.release();
    }
  });
}

/**
 * `--engines a,b`: the suite once per engine, into `<out>/<engine>/` (each an ordinary suite
 * folder: results, summary, report, --resume), then the comparison into `<out>/engines.json`
 * and `engines.html`. An interrupted engine stops the rest; the comparison covers what ran.
 */
async function runEngineSuites(
  f: SuiteFlags,
  engines: (typeof ENGINES)[number][],
  tasks: TaskDef[],
  seeds: number[],
  outDir: string,
): Promise<void> {
  const dirs = engines.map((e) => join(outDir, e));
  // Every engine's folder is checked before the first episode runs.
  for (const d of [outDir, ...dirs]) {
    const problem = suiteOutProblem(d);
    if (problem) throw new UsageError(problem);
  }
  const { lockSuiteDir } = await import('../../policy/suite/suite-lock.ts');
  for (const [i, engine] of engines.entries()) {
    try {
      mkdirSync(dirs[i]!, { recursive: true });
    } catch (err) {
      throw new UsageError(`--out ${dirs[i]}: cannot create the folder: ${(err as Error).message}`);
    }
    if (!f.json) process.stderr.write(`\nengine ${engine} (${i + 1} of ${engines.length}): ${dirs[i]}\n`);
    const lock = lockSuiteDir(dirs[i]!);
    if (lock.tookOver && !f.json) process.stderr.write(`policyloop: note: ${lock.tookOver}\n`);
    try {
      await runSuiteCommand({ ...f, engine }, tasks, seeds, dirs[i]!, lock);
    } finally {
      lock.release();
    }
    if (process.exitCode !== undefined && process.exitCode !== 0) break;
  }
  const { compareEngines, engineComparisonTable, readEngineResults, writeEngineComparison } = await import('../../policy/suite/engines.ts');
  const comparison = compareEngines(readEngineResults(outDir, engines, tasks, seeds));
  const files = writeEngineComparison(outDir, comparison);
  if (f.json) process.stdout.write(JSON.stringify({ engines: comparison }) + '\n');
  else process.stdout.write(`\n${engineComparisonTable(comparison)}\n\nengines: ${files.json}\nreport:  ${files.html}\n`);
}

async function runSuiteCommand(f: SuiteFlags, tasks: TaskDef[], seeds: number[], outDir: string, lock: SuiteLock): Promise<void> {
  // From here on (the browser's launch included), SIGINT / SIGTERM / SIGHUP: no new episodes; those in flight get INTERRUPT_GRACE_S to finish
  // and be recorded, then are stopped (a second signal stops them at once); the summary is
  // written from what is recorded, and the exit status is 128 + the signal's number.
  const ac = new AbortController();
  const stop = new AbortController();
  let grace: NodeJS.Timeout | null = null;
  const interrupts = onInterrupt((signal, count) => {
    if (count === 1) {
      ac.abort();
      grace = setTimeout(() => stop.abort(), INTERRUPT_GRACE_S * 1000);
      grace.unref();
      process.stderr.write(
        `\ninterrupted (${signal}): no new episodes; those in flight get ${INTERRUPT_GRACE_S} s to finish (${signal === 'SIGINT' ? 'Ctrl-C' : 'a signal'} again stops them now); finished ones are in results.jsonl, --resume runs the rest\n`,
      );
    } else {
      stop.abort();
      process.stderr.write(`interrupted again (${signal}): stopping the episodes in flight now\n`);
    }
  });
  const workers = f.workers ?? defaultWorkers();
  const concurrency = f.concurrency ?? defaultConcurrency(f.provider, workers);
  const pricing = f.prices ? { table: (await import('../../llm/prices.ts')).readPriceFile(f.prices), source: f.prices } : undefined;
  const modelLimits = { maxRpm: f.maxRpm ?? null, maxTpm: f.maxTpm ?? null, maxInflight: f.maxInflight ?? null };
  const { monitor, provider } = f;
  if (f.perceptionNoise !== undefined && f.perception !== 'noisy') {
    throw new UsageError(`--perception-noise applies to --perception noisy only (perception is ${f.perception})`);
  }
  const perception = perceptionLabel({ mode: f.perception, ...(f.perceptionNoise ? { noise: f.perceptionNoise } : {}) });
  const settings = {
    provider,
    model: f.model ?? (provider === 'builtin' ? 'rules' : (process.env.POLICYLOOP_MODEL ?? '')),
    vlmModel: f.vlmModel ?? process.env.POLICYLOOP_VLM_MODEL ?? null,
    monitor,
    maxRepairs: f.corrector ? 0 : f.maxRepairs,
    engine: f.engine,
    oracle: f.oracle,
    perception,
    ...(f.corrector ? { corrector: f.corrector, maxCorrections: f.maxCorrections ?? DEFAULT_MAX_CORRECTIONS } : {}),
  };
  // Suites read the knowledge base only (docs/knowledge.md#in-suites); an empty one counts as none.
  const kb = await knowledgeSettingsFrom(f, false);
  const { knowledgeFingerprint } = await import('../../policy/knowledge/index.ts');
  const kbPrint = kb ? knowledgeFingerprint(kb.file) : null;
  if (kbPrint) Object.assign(settings, { knowledge: kbPrint });
  // Fail fast on model settings (missing key or server, missing cassette) before any worker starts.
  const { createProgrammer } = await import('../../policy/programmers/index.ts');
  // (With --queue the workers run the model, with their own settings; this process needs none.)
  if (!f.queue) await createProgrammer({ provider, model: f.model ?? null });
  const images = f.images === false ? monitor === 'pixels' || monitor === 'vlm' : true;
  const tty = Boolean(process.stderr.isTTY) && !f.json;
  let bar: ProgressBar | null = null;
  const { launchSharedBrowser } = await import('../../monitor/index.ts');
  const pixels = f.perception === 'pixels';
  // With --queue every worker renders with its own browser.
  const shared = !f.queue && (images || pixels) ? await launchSharedBrowser() : null;
  // pixels perception renders between API calls: without a browser, say so and stop (no silent fallback).
  if (pixels && shared === null && !f.queue) {
    const { findBrowser } = await import('../../monitor/index.ts');
    throw new UsageError(`--perception pixels needs a browser: ${findBrowser().reason ?? 'the browser did not start'}`);
  }
  if (images && shared === null && !f.queue)
    process.stderr.write('policyloop: no browser found for checkpoint images; episodes use the state monitor\n');
  const { runSuite, summaryTable } = await import('../../policy/suite/index.ts');
  const note = (text: string): void => {
    if (f.json) return;
    if (bar) (bar as ProgressBar).note(text);
    else process.stderr.write(`${text}\n`);
  };
  const { QueueExecutor } = f.queue ? await import('../../policy/suite/queue/index.ts') : { QueueExecutor: null };
  const executor = QueueExecutor
    ? await QueueExecutor.connect({
        url: f.queue!,
        queueName: f.queueName,
        tasks,
        signal: ac.signal,
        concurrency: tasks.length * seeds.length,
        onNote: (text) => note(`queue: ${text}`),
      })
    : undefined;
  let queueWorkers = -1;
  // With --queue the progress line shows the queue (waiting, active, workers) instead of this process's episodes.
  const status = (p: SuiteProgress): string => (executor ? executor.statusLine() : liveStatus(p));
  try {
    const result = await runSuite({
      executor,
      tasks,
      seeds,
      settings,
      outDir,
      workers,
      concurrency,
      modelLimits,
      pricing,
      resume: f.resume,
      images,
      browserWSEndpoint: shared?.wsEndpoint ?? null,
      signal: ac.signal,
      stop: stop.signal,
      lock,
      episodeTimeoutS: f.episodeTimeout,
      knowledgeFile: kbPrint ? kb!.file : null,
      onStart: ({ total, skipped, changed, dropped, workers: threads, concurrency: inFlight }) => {
        if (dropped && !f.json)
          process.stderr.write(
            `results.jsonl: dropped a partial last line (line ${dropped.line}, ${dropped.bytes} bytes, cut off mid-write); its episode runs again\n`,
          );
        if (skipped > 0 && !f.json) process.stderr.write(`resuming: ${skipped} episode(s) already in results.jsonl\n`);
        for (const c of f.json ? [] : changed)
          process.stderr.write(
            `${c.task} changed since its results (version ${c.from.join(', ')} -> ${c.to}): re-running ${c.episodes.length} episode(s)\n`,
          );
        if (!f.json)
          process.stderr.write(
            `${total} episode(s): ${tasks.length} task(s) × ${seeds.length} seed(s), ${executor ? `on queue ${executor.queueName} at ${executor.status().url} (${threads} worker(s) there now)` : `${threads} worker(s) × up to ${Math.ceil(inFlight / threads)} episodes each (concurrency ${inFlight})`}, provider ${provider}, monitor ${monitor}, perception ${perception}${settings.corrector ? `, corrector ${settings.corrector} (≤ ${settings.maxCorrections} corrections)` : ''}\n`,
          );
        if (tty) bar = new ProgressBar(total);
      },
      onEpisode: (line, p) => {
        const said = line.corrector ? `  corrections ${line.corrector.said.length}` : '';
        const text = `${line.success ? 'ok  ' : 'FAIL'} ${line.task} seed ${line.seed}  attempts ${line.attempts.length}${said}  ${(line.wallMs / 1000).toFixed(2)}s${line.error ? `  error: ${line.error}` : ''}`;
        if (f.json)
          process.stdout.write(
            JSON.stringify({
              task: line.task,
              seed: line.seed,
              success: line.success,
              attempts: line.attempts.length,
              solvedAt: line.solvedAt,
              ...(line.corrector
                ? {
                    corrections: line.corrector.said.map((c) => ({ text: c.text, class: c.class, applied: c.applied })),
                    solvedAfter: line.corrector.solvedAfter,
                  }
                : {}),
              wallMs: line.wallMs,
              error: line.error,
            }) + '\n',
          );
        else if (bar) {
          if (!line.success) bar.note(text);
          bar.update(p.done, p.succeeded, status(p));
        } else process.stderr.write(`[${p.done}/${p.total}] ${text}\n`);
      },
      onTick: (p) => {
        (bar as ProgressBar | null)?.update(p.done, p.succeeded, status(p));
        // Without a TTY: a line when the queue's workers come or go (and at the start, with none).
        if (executor && !bar && executor.status().workers !== queueWorkers) note(executor.statusLine());
        if (executor) queueWorkers = executor.status().workers;
      },
    });
    (bar as ProgressBar | null)?.finish();
    if (f.json) process.stdout.write(JSON.stringify(result.summary) + '\n');
    else {
      process.stdout.write(summaryTable(result.summary) + '\n\n');
      process.stdout.write(`results: ${result.resultsFile}\nsummary: ${result.summaryFile}\nreport:  ${result.reportFile}\n`);
    }
    if (result.timedOut > 0 && !f.json)
      process.stderr.write(`${result.timedOut} episode(s) stopped past the limit of ${f.episodeTimeout} s per episode (TimeoutError)\n`);
    process.exitCode = result.interrupted || interrupts.exitCode !== null ? (interrupts.exitCode ?? SIGNAL_EXIT_CODES.SIGINT) : 0;
  } finally {
    if (grace) clearTimeout(grace);
    interrupts.dispose();
    await shared?.close();
    // runSuite closes it, unless it refused to start (e.g. results there without --resume).
    await executor?.close();
  }
}

/** The progress line's live part: episodes in flight and, with a model, its requests, latency and back-off. */
export function liveStatus(p: SuiteProgress): string {
  const parts = [`in flight ${p.inFlight}`];
  const m = p.model;
  if (m) {
    parts.push(`model ${m.inflight} req${m.waiting > 0 ? ` +${m.waiting} waiting` : ''}`);
    if (m.latencyMs !== null) parts.push(`latency ${(m.latencyMs / 1000).toFixed(1)}s`);
    if (m.pausedMs > 0) parts.push(`429 back-off ${(m.pausedMs / 1000).toFixed(0)}s`);
  }
  return parts.join('  ');
}
