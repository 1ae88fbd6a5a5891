import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
// Constants from their defining files, not the folders' index.ts: `--help` must not load
// the controller (docs/architecture.md#imports).
import { PROVIDERS } from '../../policy/programmers/programmer.ts';
import { MONITOR_NAMES, type MonitorName } from '../../monitor/verdict.ts';
import type { PerceptionMode, PerceptionNoise } from '../../policy/program/perception-settings.ts';
import { intArg, UsageError } from '../errors.ts';
import {
  withKnowledgeOptions,
  withModelTimeout,
  type ENGINES,
  engineOption,
  knowledgeSettingsFrom,
  perceptionNoiseOption,
  perceptionOption,
  outFolderProblem,
  readProgramFile,
  type KnowledgeFlags,
} from './common.ts';
import { onInterrupt } from '../interrupt.ts';

interface RunFlags extends KnowledgeFlags {
  task: string;
  seed: number;
  program?: string;
  provider: (typeof PROVIDERS)[number];
  model?: string;
  vlmModel?: string;
  baseUrl?: string;
  monitor: MonitorName;
  maxRepairs?: number;
  oracle: boolean;
  engine: (typeof ENGINES)[number];
  out?: string;
  json?: boolean;
  vision?: boolean;
  perception: PerceptionMode;
  perceptionNoise?: PerceptionNoise;
  record?: string;
  cassette?: string;
  images?: boolean;
}

export function defaultRunDir(task: string, seed: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return resolve('runs', `${stamp}-${task}-seed${seed}`);
}

export function registerRunCommand(program: Command): void {
  const cmd = program
    .command('run')
    .description('run one episode: generate (or take) a program, run it, monitor, repair; exit 0 success, 1 task failed, 2 bad input')
    .requiredOption('--task <task>', 'task id or path to a task file (see `policyloop tasks`)')
    .option('--seed <n>', 'scene seed', intArg(0), 0)
    .option('--program <file>', 'run this program instead of asking a programmer (no repairs)')
    .addOption(new Option('--provider <p>', 'who writes the program').choices(PROVIDERS).default('builtin'))
    .option('--model <name>', 'code model (default $POLICYLOOP_MODEL)')
    .option('--vlm-model <name>', 'vision model for --monitor vlm (default $POLICYLOOP_VLM_MODEL)')
    .option('--base-url <url>', 'OpenAI-compatible server (default $OPENAI_BASE_URL)')
    .addOption(new Option('--monitor <m>', 'checkpoint monitor').choices(MONITOR_NAMES).default('state'))
    .option('--max-repairs <k>', 'repair budget (default 3; 0 with --program)', intArg(0))
    .option('--no-oracle', 'stop on the monitor verdicts instead of the task success predicate')
    .addOption(perceptionOption())
    .addOption(perceptionNoiseOption())
    .addOption(engineOption())
    .option('--out <dir>', 'record folder (default runs/<time>-<task>-seed<N>)')
    .option('--vision', 'send the failing checkpoint images with repair prompts (vision-capable code models)')
    .option('--record <file>', 'record model exchanges to this cassette (JSONL)')
    .option('--cassette <file>', 'cassette to answer from with --provider replay')
    .option('--no-images', 'do not render checkpoint images (unless the monitor needs them)')
    .option('--json', 'print the episode record as JSON');
  withModelTimeout(cmd);
  withKnowledgeOptions(cmd, { learnFlag: true }).action(async (flags: RunFlags) => {
    // Where the record goes, the task and the program are checked first: before any model token is spent.
    const outProblem = flags.out !== undefined ? outFolderProblem(resolve(flags.out)) : null;
    if (outProblem) throw new UsageError(outProblem);
    const { runEpisode } = await import('../../policy/loop/index.ts');
    const { createProgrammer, GivenProgrammer } = await import('../../policy/programmers/index.ts');
    const { closeRenderer, closeRenderBridges } = await import('../../monitor/index.ts');
    const { perceptionBridge } = await import('../../policy/loop/episode.ts');
    // tasks/index.ts loads sim/ and zod (~0.15 s): imported in the action, not at start-up.
    const { loadTask } = await import('../../tasks/index.ts');
    const task = loadTask(flags.task);
    const given = flags.program !== undefined ? readProgramFile(flags.program) : null;
    if (flags.perceptionNoise !== undefined && flags.perception !== 'noisy') {
      throw new UsageError(`--perception-noise applies to --perception noisy only (perception is ${flags.perception})`);
    }
    const perception = {
      mode: flags.perception,
      ...(flags.perception === 'noisy' && flags.perceptionNoise ? { noise: flags.perceptionNoise } : {}),
    };
    // pixels perception renders between API calls: without a browser, say so and stop (no silent fallback).
    await perceptionBridge(perception).catch((err: unknown) => {
      throw new UsageError((err as Error).message);
    });
    const { seed, monitor, engine } = flags;
    const provider = given !== null ? 'given' : flags.provider;
    const maxRepairs = flags.maxRepairs ?? (given !== null ? 0 : 3);
    const programmer =
      given !== null
        ? new GivenProgrammer(given)
        : await createProgrammer({
            provider,
            model: flags.model,
            baseURL: flags.baseUrl,
            record: flags.record,
            cassette: flags.cassette,
            vision: flags.vision,
          });
    // The vision model shares the provider settings (a cassette holds both models' exchanges).
    let vlmChat = null;
    if (monitor === 'vlm') {
      const { createChatModel } = await import('../../llm/index.ts');
      vlmChat = createChatModel({
        provider: provider === 'replay' ? 'replay' : 'openai',
        kind: 'vision',
        model: flags.vlmModel,
        baseURL: flags.baseUrl,
        record: provider === 'replay' ? undefined : flags.record,
        cassette: provider === 'replay' ? flags.cassette : undefined,
      });
    }
    // A given program ignores knowledge and teaches nothing (it is never repaired).
    const knowledge = given !== null ? null : await knowledgeSettingsFrom(flags, true);
    const outDir = resolve(flags.out ?? defaultRunDir(task.id, seed));
    const defaultProblem = flags.out === undefined ? outFolderProblem(outDir) : null;
    if (defaultProblem) throw new UsageError(defaultProblem);
    const log = (s: string): void => {
      if (!flags.json) process.stderr.write(s + '\n');
    };
    // SIGINT / SIGTERM / SIGHUP: stop now — the browser and render workers closed, the attempts
    // recorded so far kept — and exit with 128 + the signal's number.
    const interrupts = onInterrupt((signal, count) => {
      if (count > 1) return;
      process.stderr.write(`\npolicyloop: interrupted (${signal}): stopping; the attempts recorded so far are in ${outDir}\n`);
      const exit = (): never => process.exit(interrupts.exitCode!);
      const closing = Promise.allSettled([closeRenderer(), closeRenderBridges()]);
      const limit = new Promise((res) => setTimeout(res, 3_000).unref());
      void Promise.race([closing, limit]).then(exit, exit);
    });
    log(`${task.id} seed ${seed}: ${task.instruction}`);
    try {
      const record = await runEpisode({
        task,
        seed,
        programmer,
        monitor,
        vlmModel: flags.vlmModel ?? null,
        vlmChat,
        maxRepairs,
        perception,
        oracle: flags.oracle,
        engine,
        outDir,
        recordImages: flags.images === false ? 'none' : 'all',
        knowledge,
        onEvent: (e) => {
          if (e.type === 'draft' && e.attempt === 0) {
            for (const n of e.draft.notes ?? []) if (n.startsWith('knowledge ')) log(`  ${n}`);
          }
          if (e.type === 'draft' && e.draft.error) log(`  attempt ${e.attempt}: ${e.origin} gave no usable program: ${e.draft.error}`);
          if (e.type !== 'attempt') return;
          const r = e.record;
          const err = r.error ? ` — ${r.error.kind}${r.error.line ? ` at line ${r.error.line}` : ''}: ${r.error.message}` : '';
          const kind = r.diagnosisKind ? ` (${r.diagnosisKind})` : '';
          const mon =
            r.monitorOk === null
              ? ''
              : r.monitorOk
                ? ', monitor ok'
                : r.failingCheckpoint === null
                  ? `, monitor flagged the attempt${kind}`
                  : `, monitor flagged checkpoint ${r.failingCheckpoint}${kind}`;
          log(`  attempt ${r.index}: ${r.success ? 'success' : 'failed'}${mon}${err}`);
          if (!r.success) log(`    ${r.successDetail}`);
        },
      });
      for (const w of record.warnings) log(`  warning: ${w}`);
      if (record.knowledge) log(knowledgeSummary(record.knowledge));
      if (flags.json) process.stdout.write(JSON.stringify({ ...record, dir: outDir }, null, 2) + '\n');
      else log(`${record.success ? 'SUCCESS' : 'FAILED'} after ${record.attempts.length} attempt(s) — record in ${outDir}`);
      process.exitCode = record.success ? 0 : 1;
    } finally {
      await closeRenderer();
      await closeRenderBridges();
      interrupts.dispose();
    }
  });
}

/** One line on what the knowledge base gave and took: `knowledge (FILE): used k3, k7; learned k12; merged into k3`. */
export function knowledgeSummary(k: { file: string; retrieved: { id: number }[]; learned: number[]; merged: number[] }): string {
  const ids = (xs: number[]): string => xs.map((i) => `k${i}`).join(', ');
  const parts = [
    k.retrieved.length > 0 ? `used ${ids(k.retrieved.map((r) => r.id))}` : 'nothing retrieved',
    ...(k.learned.length > 0 ? [`learned ${ids(k.learned)}`] : []),
    ...(k.merged.length > 0 ? [`merged into ${ids(k.merged)}`] : []),
  ];
  return `  knowledge (${k.file}): ${parts.join('; ')}`;
}
