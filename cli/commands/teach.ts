// `policyloop teach`: the teaching benchmark (DROC's protocol, docs/knowledge.md#the-teaching-benchmark).
import { Option, type Command } from 'commander';
import { resolve, join } from 'node:path';
import { existsSync } from 'node:fs';
import { PROVIDERS } from '../../policy/programmers/programmer.ts';
import { MONITOR_NAMES, type MonitorName } from '../../monitor/verdict.ts';
import { DEFAULT_MAX_CORRECTIONS } from '../../policy/corrections/simulated-corrector.ts';
import { intArg, listArg, UsageError } from '../errors.ts';
import { ProgressBar } from '../progress.ts';
import { knowledgeSettingsFrom, withModelTimeout, type KnowledgeFlags } from './common.ts';
import { selectSeeds, selectTasks } from './suite.ts';

/** The sequence `teach` runs without --suite or --tasks. */
export const DEFAULT_TEACH_SUITE = 'transfer';

interface TeachFlags extends KnowledgeFlags {
  suite?: string;
  tasks?: string[];
  taskDir?: string;
  seeds?: number;
  seedList?: number[];
  rounds: number;
  corrector: 'simulated';
  maxCorrections: number;
  provider: (typeof PROVIDERS)[number];
  model?: string;
  monitor: MonitorName;
  arms?: string[];
  out?: string;
  json?: boolean;
}

export function registerTeachCommand(program: Command): void {
  const cmd = program
    .command('teach')
    .description(
      `the teaching benchmark: rounds of correction sessions over a task sequence (default suite ${DEFAULT_TEACH_SUITE}), in order, with the knowledge base on and off; prints corrections needed per round`,
    )
    .option('--suite <name>', `a bundled suite, in its order (default ${DEFAULT_TEACH_SUITE})`)
    .option(
      '--tasks <a,b>',
      'task ids or task file paths, in this order',
      listArg((t) => t),
    )
    .option('--task-dir <dir>', 'every .json task file in a folder, by name')
    .option('--seeds <n>', 'seeds 0..n-1 (default 1)', intArg(1))
    .option('--seed-list <3,7>', 'these seeds', listArg(intArg(0)))
    .option('--rounds <r>', 'rounds over the sequence', intArg(1), 3)
    .addOption(new Option('--corrector <c>', 'who corrects').choices(['simulated']).default('simulated'))
    .option('--max-corrections <k>', 'the most corrections per episode', intArg(0), DEFAULT_MAX_CORRECTIONS)
    .addOption(new Option('--provider <p>', 'who writes programs').choices(PROVIDERS).default('builtin'))
    .option('--model <name>', 'code model (default $POLICYLOOP_MODEL)')
    .addOption(new Option('--monitor <m>', 'checkpoint monitor after each run').choices(MONITOR_NAMES).default('state'))
    .option(
      '--arms <on,off>',
      'which arms to run: on (knowledge base), off, or both (default on,off; off only with --no-kb)',
      listArg((a) => a),
    )
    .option('--out <dir>', 'output folder (default runs/teach-<time>)')
    .option('--json', 'print the summary as JSON');
  withModelTimeout(cmd);
  cmd
    .option('--kb <file>', 'the knowledge base the "on" arm uses and teaches (default: a new <out>/knowledge.db)')
    .option('--no-kb', 'run the "off" arm only')
    .action(async (f: TeachFlags) => {
      const tasks = await selectTasks({ ...f, suite: f.suite ?? (f.tasks || f.taskDir ? undefined : DEFAULT_TEACH_SUITE) });
      const seeds = selectSeeds(f, 1);
      const arms = (f.arms ?? (f.kb === false ? ['off'] : ['on', 'off'])).map((a) => {
        if (a !== 'on' && a !== 'off') throw new UsageError(`--arms: "${a}" is not an arm (on, off)`);
        return a;
      });
      if (arms.includes('on') && f.kb === false) throw new UsageError('--arms on needs a knowledge base: drop --no-kb');
      const outDir = resolve(f.out ?? join('runs', `teach-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`));
      if (existsSync(join(outDir, 'teach.json'))) throw new UsageError(`${outDir} already holds a teach run; choose another --out`);
      // The benchmark starts from an empty knowledge base of its own unless --kb names one (which it then teaches).
      const kbFile = typeof f.kb === 'string' ? f.kb : join(outDir, 'knowledge.db');
      if (arms.includes('on')) {
        if (typeof f.kb !== 'string' && existsSync(kbFile)) throw new UsageError(`${kbFile} exists; choose another --out or pass --kb`);
        await knowledgeSettingsFrom({ kb: kbFile }, true);
      }
      const { createProgrammer } = await import('../../policy/programmers/index.ts');
      await createProgrammer({ provider: f.provider, model: f.model ?? null });
      const { runTeach, formatTeach } = await import('../../policy/knowledge/teach.ts');
      const tty = Boolean(process.stderr.isTTY) && !f.json;
      const total = arms.length * f.rounds * tasks.length * seeds.length;
      process.stderr.write(
        `teach: ${tasks.length} task(s) × ${seeds.length} seed(s) × ${f.rounds} round(s), arms ${arms.join(', ')}: ${total} session(s); records in ${outDir}\n`,
      );
      const bar = tty ? new ProgressBar(total) : null;
      let solved = 0;
      const { summary } = await runTeach({
        tasks,
        seeds,
        rounds: f.rounds,
        arms: arms as ('on' | 'off')[],
        kbFile: resolve(kbFile),
        maxCorrections: f.maxCorrections,
        programmer: () => createProgrammer({ provider: f.provider, model: f.model ?? null }),
        monitor: f.monitor,
        outDir,
        onSession: (row, p) => {
          const line = `kb ${row.arm} round ${row.round} ${row.task} seed ${row.seed}: ${row.corrections} correction(s), ${row.success ? 'done' : 'not done'}${row.retrieved.length ? `, used ${row.retrieved.map((i) => `k${i}`).join(' ')}` : ''}${row.learned.length ? `, taught ${row.learned.map((i) => `k${i}`).join(' ')}` : ''}`;
          if (row.success) solved++;
          if (bar) bar.update(p.done, solved, line.slice(0, 60));
          else if (!f.json) process.stderr.write(`[${p.done}/${p.total}] ${line}\n`);
        },
      });
      bar?.finish();
      if (f.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else process.stdout.write(formatTeach(summary) + '\n');
    });
}
