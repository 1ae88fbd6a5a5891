import { Option, type Command } from 'commander';
import {
  type ENGINES,
  engineOption,
  knowledgeSettingsFrom,
  perceptionNoiseOption,
  perceptionOption,
  withKnowledgeOptions,
  withModelTimeout,
  type KnowledgeFlags,
} from './common.ts';
import { resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { Worker } from 'node:worker_threads';
// Constants from their defining files, not the folders' index.ts: `--help` must not load
// the controller (docs/architecture.md#imports).
import { CORRECTION_MODES, PROVIDERS } from '../../policy/programmers/programmer.ts';
import type { CorrectionMode } from '../../policy/programmers/programmer.ts';
import { correctionTextProblem } from '../../policy/corrections/classify.ts';
import { MONITOR_NAMES, type MonitorName } from '../../monitor/verdict.ts';
import type { PerceptionMode, PerceptionNoise } from '../../policy/program/perception-settings.ts';
import { intArg, parsedArg, UsageError } from '../errors.ts';
import { ChatControl, INTERRUPT, RUN } from '../chat-control.ts';
import type { RunReport } from '../chat-format.ts';
import { CHAT_HELP, numberedProgram, showDiff, showRun, sourceLine, statusLine } from '../chat-format.ts';
import type {
  ChatOp,
  ChatRequest,
  ChatWorkerData,
  ChatWorkerMessage,
  CloseReply,
  CorrectionReply,
  RepairReply,
  SessionView,
} from '../chat-worker.ts';
import { defaultRunDir, knowledgeSummary } from './run.ts';

interface ChatFlags extends KnowledgeFlags {
  task: string;
  seed: number;
  provider: (typeof PROVIDERS)[number];
  model?: string;
  vlmModel?: string;
  baseUrl?: string;
  monitor: MonitorName;
  oracle: boolean;
  engine: (typeof ENGINES)[number];
  perception: PerceptionMode;
  perceptionNoise?: PerceptionNoise;
  mode: CorrectionMode;
  out?: string;
  record?: string;
  cassette?: string;
  images?: boolean;
  speed?: number;
}

/** Two Ctrl-C within this many ms quit, even while a program runs. */
const DOUBLE_CTRL_C_MS = 1500;
/** How long a quit waits for the session to save (a model call in flight cannot be cut short) before ending the worker. */
const CLOSE_GRACE_MS = 15_000;

export function registerChatCommand(program: Command): void {
  const cmd = program
    .command('chat')
    .description(
      'a correction session: run the program, interrupt it (Ctrl-C), correct it in plain words; exit 0 when the task is done at the end, 1 not, 2 bad input',
    )
    .requiredOption('--task <task>', 'task id or path to a task file (see `policyloop tasks`)')
    .option('--seed <n>', 'scene seed', intArg(0), 0)
    .addOption(new Option('--provider <p>', 'who writes and rewrites the program').choices(PROVIDERS).default('builtin'))
    .option('--model <name>', 'code model (default $POLICYLOOP_MODEL)')
    .option('--vlm-model <name>', 'vision model for --monitor vlm (default $POLICYLOOP_VLM_MODEL)')
    .option('--base-url <url>', 'OpenAI-compatible server (default $OPENAI_BASE_URL)')
    .addOption(new Option('--monitor <m>', 'checkpoint monitor after each run that ends').choices(MONITOR_NAMES).default('state'))
    .option('--oracle', 'let the monitor, the diagnosis and the programmer use the task check (by default only you see it)', false)
    .addOption(perceptionOption())
    .addOption(perceptionNoiseOption())
    .addOption(engineOption())
    .addOption(
      new Option('--mode <m>', 'how corrections go on: from the world as it is, or from the seed (/continue, /restart)')
        .choices(CORRECTION_MODES)
        .default('continue'),
    )
    .option('--out <dir>', 'record folder (default runs/<time>-<task>-seed<N>)')
    .option('--record <file>', 'record model exchanges to this cassette (JSONL)')
    .option('--cassette <file>', 'cassette to answer from with --provider replay')
    .option('--images', 'record the checkpoint images of failed runs')
    .option(
      '--speed <x>',
      'simulated seconds per wall second while a program runs, 0 = as fast as it can (default 1 at a terminal, 0 with piped stdin)',
      parsedArg(parseSpeed),
    );
  withModelTimeout(cmd);
  withKnowledgeOptions(cmd, { learnFlag: true }).action(async (flags: ChatFlags) => {
    // tasks/index.ts loads sim/ and zod (~0.15 s): imported in the action, not at start-up.
    const { loadTask } = await import('../../tasks/index.ts');
    const task = loadTask(flags.task);
    if (flags.perceptionNoise !== undefined && flags.perception !== 'noisy') {
      throw new UsageError(`--perception-noise applies to --perception noisy only (perception is ${flags.perception})`);
    }
    if (flags.provider === 'replay' && flags.cassette === undefined) throw new UsageError('--provider replay needs --cassette <file>');
    const outDir = resolve(flags.out ?? defaultRunDir(task.id, flags.seed));
    const knowledge = await knowledgeSettingsFrom(flags, true);
    const control = new ChatControl();
    const data: ChatWorkerData = {
      task: flags.task,
      seed: flags.seed,
      provider: flags.provider,
      model: flags.model,
      vlmModel: flags.vlmModel,
      baseUrl: flags.baseUrl,
      record: flags.record,
      cassette: flags.cassette,
      monitor: flags.monitor,
      oracle: flags.oracle,
      engine: flags.engine,
      perception: {
        mode: flags.perception,
        ...(flags.perception === 'noisy' && flags.perceptionNoise ? { noise: flags.perceptionNoise } : {}),
      },
      mode: flags.mode,
      outDir,
      images: flags.images === true,
      speed: flags.speed ?? (process.stdin.isTTY === true ? 1 : 0),
      control: control.buffer,
      knowledge,
    };
    const chat = new ChatSession(data, control, process.stdin.isTTY === true);
    process.exitCode = await chat.done;
  });
}

function parseSpeed(value: string): number {
  const n = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new Error('expected a number from 0 (as fast as it can) to 100');
  return n;
}

type RunState = 'idle' | 'running' | 'paused';

/** An error the worker reported, with its name kept (main.ts exits 2 for bad input: TaskError, ConfigError, …). */
function namedError(e: { name: string; message: string }): Error {
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

/**
 * The terminal side of a correction session: reads lines (a person at a TTY, or a script
 * on piped stdin), turns them into the worker's operations, prints what happens, and
 * pauses / resumes / interrupts the running program through the control block.
 */
class ChatSession {
  readonly done: Promise<number>;
  private resolveDone!: (code: number) => void;
  private rejectDone!: (err: Error) => void;

  private readonly worker: Worker;
  private readonly control: ChatControl;
  private readonly tty: boolean;
  private readonly outDir: string;
  private rl: Interface | null = null;

  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: { value: unknown; view: SessionView }) => void; reject: (e: Error) => void }>();
  private view: SessionView = { program: '', status: 'ready', line: null, success: { ok: false, detail: 'no program has run yet' } };
  private mode: CorrectionMode;
  private runState: RunState = 'idle';
  private runReply: Promise<RunReport> | null = null;
  private pausedAt: { line: number | null; name: string } | null = null;
  private stopWaiters: (() => void)[] = [];
  /** A model call (a correction or a repair) is in flight. */
  private modelBusy = false;

  private readonly lines: (string | null)[] = [];
  private lineWaiter: (() => void) | null = null;
  private ended = false;
  private lastSigint = 0;
  private readonly onSigint = (): void => this.sigint();

  constructor(data: ChatWorkerData, control: ChatControl, tty: boolean) {
    this.control = control;
    this.tty = tty;
    this.outDir = data.outDir;
    this.mode = data.mode;
    this.done = new Promise<number>((res, rej) => {
      this.resolveDone = res;
      this.rejectDone = rej;
    });
    this.worker = new Worker(new URL('../chat-worker-entry.js', import.meta.url), { workerData: data });
    let ready = false;
    this.worker.on('message', (m: ChatWorkerMessage) => {
      if (m.type === 'ready') {
        ready = true;
        this.start(m);
      } else this.message(m);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      if (!this.ended) this.fail(new Error(`the session worker exited (code ${code})${ready ? '' : ' before the session started'}`));
    });
    process.on('SIGINT', this.onSigint);
  }

  private out(s = ''): void {
    process.stdout.write(`${s}\n`);
  }

  private fail(err: Error): void {
    if (this.ended) return;
    this.ended = true;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.cleanUp();
    this.rejectDone(err);
  }

  private cleanUp(): void {
    process.off('SIGINT', this.onSigint);
    this.rl?.close();
    process.stdin.pause();
    void this.worker.terminate();
  }

  // ---------------------------------------------------------------- worker

  private request<T>(req: ChatOp): Promise<T> {
    const id = this.nextId++;
    return new Promise<{ value: unknown; view: SessionView }>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id } as ChatRequest);
    }).then(({ value, view }) => {
      this.view = view;
      return value as T;
    });
  }

  private message(m: Exclude<ChatWorkerMessage, { type: 'ready' }>): void {
    switch (m.type) {
      case 'call':
        this.out(statusLine(m.line, m.call, m.result));
        break;
      case 'paused': {
        this.pausedAt = { line: m.line, name: m.name };
        this.runState = 'paused';
        const src = sourceLine(this.view.program, m.line);
        this.out(
          `interrupted before line ${m.line ?? '?'}${src ? ` \`${src}\`` : ` (${m.name})`}: /continue or an empty line resumes it; a correction replaces it`,
        );
        this.wakeStopWaiters();
        break;
      }
      case 'resumed':
        this.out(`resumed at line ${this.pausedAt?.line ?? '?'}`);
        break;
      case 'run-start': {
        const what = m.correction !== null ? `correction ${m.correction + 1}'s program` : 'the program';
        this.out(`▶ attempt ${m.attempt}: ${what}, ${m.continued ? 'from the world as it is' : 'from the seed'}`);
        break;
      }
      case 'reply': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.ok) p.resolve({ value: m.value, view: m.view });
        else {
          if (m.view) this.view = m.view;
          p.reject(namedError(m.error));
        }
        break;
      }
      case 'fatal':
        this.fail(namedError(m.error));
        break;
    }
  }

  // ---------------------------------------------------------------- start

  private start(m: Extract<ChatWorkerMessage, { type: 'ready' }>): void {
    this.view = { ...this.view, program: m.program };
    this.out(`${m.task} seed ${m.seed} (${m.provider}, ${m.model}): ${m.instruction}`);
    this.out(`record in ${this.outDir}`);
    for (const w of m.warnings) this.out(`warning: ${w}`);
    if (m.knowledge.length > 0) this.out(`knowledge retrieved:\n${m.knowledge.map((k) => `  ${k}`).join('\n')}`);
    for (const n of m.knowledgeNotes) this.out(n);
    if (m.program.trim() === '') this.out(`the programmer wrote no program: ${m.error ?? 'no reason given'}`);
    else this.showProgram(null);
    this.out(
      this.tty
        ? 'Ctrl-C or typing pauses the program at its next API call; /help lists the commands.'
        : 'reading commands and corrections from stdin, one a line (/wait runs the program; EOF ends the session).',
    );
    this.rl = createInterface({ input: process.stdin, output: this.tty ? process.stdout : undefined, terminal: this.tty });
    this.rl.on('line', (line) => this.incoming(line));
    this.rl.on('close', () => this.incoming(null));
    if (this.tty) {
      this.rl.setPrompt('correction> ');
      this.rl.on('SIGINT', this.onSigint);
      // Typing while a program runs pauses it at its next API call (the line is read when it ends).
      process.stdin.on('keypress', (str: string | undefined, key: { ctrl?: boolean; meta?: boolean } | undefined) => {
        if (this.runState === 'running' && str && !key?.ctrl && !key?.meta) this.control.pause();
      });
    }
    void this.loop().catch((err: unknown) => this.fail(err instanceof Error ? err : new Error(String(err))));
  }

  private showProgram(mark: number | null): void {
    const n = this.view.program.replace(/\n$/, '').split('\n').length;
    this.out(`program (${n} lines${mark !== null ? `, ▶ line ${mark}` : ''}):`);
    this.out(numberedProgram(this.view.program, mark));
  }

  // ---------------------------------------------------------------- input

  private incoming(line: string | null): void {
    if (line !== null && this.runState === 'running' && this.tty) this.control.pause();
    if (line !== null && this.modelBusy && this.tty && line.trim() !== '' && !line.trim().startsWith('/')) {
      this.out('queued: the programmer is still writing');
    }
    this.lines.push(line);
    this.lineWaiter?.();
  }

  private async nextLine(): Promise<string | null> {
    while (this.lines.length === 0) {
      if (this.tty && this.runState !== 'running') this.rl?.prompt();
      await new Promise<void>((res) => {
        this.lineWaiter = res;
      });
      this.lineWaiter = null;
    }
    return this.lines.shift() ?? null;
  }

  private async loop(): Promise<void> {
    // A TTY session runs the first program at once; a script says /wait.
    if (this.tty && this.view.program.trim() !== '') await this.runToStop();
    // A quit (Ctrl-C) ends the session wherever the loop is: nothing after it is read.
    while (!this.ended && this.finishing === null) {
      const line = await this.nextLine();
      if (this.ended || this.finishing !== null) return;
      if (line === null) {
        if (!this.tty) this.out('(end of input)');
        await this.finish('done');
        return;
      }
      if (!this.tty) this.out(`correction> ${line}`);
      await this.handle(line);
    }
  }

  // ---------------------------------------------------------------- runs

  private wakeStopWaiters(): void {
    const w = this.stopWaiters;
    this.stopWaiters = [];
    for (const f of w) f();
  }

  /** Resolves when the program is not running: paused, or ended. */
  private untilStopped(): Promise<void> {
    if (this.runState !== 'running') return Promise.resolve();
    return new Promise((res) => this.stopWaiters.push(res));
  }

  private startRun(): void {
    this.control.set(RUN);
    this.runState = 'running';
    this.pausedAt = null;
    this.runReply = this.request<RunReport>({ op: 'run' }).then(
      (report) => {
        this.runState = 'idle';
        this.pausedAt = null;
        // A paused program stopped for a correction was reported when it paused.
        if (!report.interrupted) for (const l of showRun(report, this.view.program)) this.out(l);
        this.wakeStopWaiters();
        return report;
      },
      (err: unknown) => {
        this.runState = 'idle';
        this.pausedAt = null;
        this.out(`the run failed: ${(err as Error).message}`);
        this.wakeStopWaiters();
        throw err;
      },
    );
    this.runReply.catch(() => {});
  }

  /** Runs (or resumes) the program until it ends or is paused. */
  private async runToStop(): Promise<void> {
    if (this.runState === 'paused') {
      this.runState = 'running';
      this.control.set(RUN);
    } else if (this.runState === 'idle') {
      if (this.view.program.trim() === '') {
        this.out('there is no program to run: give a correction, or /repair');
        return;
      }
      this.startRun();
    }
    await this.untilStopped();
  }

  /** Stops a paused program there (before a correction, /undo, /restart, /repair or the end). */
  private async stopPaused(): Promise<void> {
    if (this.runState === 'running') {
      this.control.pause();
      await this.untilStopped();
    }
    if (this.runState !== 'paused') return;
    this.control.set(INTERRUPT);
    await this.runReply?.catch(() => {});
    this.control.set(RUN);
  }

  // ---------------------------------------------------------------- lines

  private async handle(raw: string): Promise<void> {
    const text = raw.trim();
    if (text === '') {
      if (this.runState === 'paused') await this.runToStop();
      else this.out('(an empty line is not a correction: type one, or /help)');
      return;
    }
    if (text.startsWith('/')) {
      const m = /^\/(\w+)\s*(.*)$/s.exec(text);
      const cmd = m?.[1]?.toLowerCase() ?? '';
      const rest = m?.[2]?.trim() ?? '';
      await this.command(cmd, rest, text);
      return;
    }
    await this.correction(text, this.mode);
  }

  private async command(cmd: string, rest: string, text: string): Promise<void> {
    switch (cmd) {
      case 'help':
        for (const l of CHAT_HELP) this.out(l);
        return;
      case 'show': {
        const mark = this.runState === 'paused' ? (this.pausedAt?.line ?? null) : this.view.line;
        this.showProgram(mark);
        return;
      }
      case 'wait':
        await this.runToStop();
        return;
      case 'continue':
        this.mode = 'continue';
        if (rest !== '') {
          await this.correction(rest, 'continue');
          return;
        }
        if (this.runState === 'paused') await this.runToStop();
        else this.out('mode: continue (a correction goes on from the world as it is)');
        return;
      case 'restart':
        this.mode = 'restart';
        if (rest !== '') {
          await this.correction(rest, 'restart');
          return;
        }
        await this.stopPaused();
        await this.request({ op: 'restart' });
        this.out('mode: restart; the world is back to the seed (/wait runs the program from its first line)');
        return;
      case 'undo': {
        await this.stopPaused();
        const before = this.view.program;
        const r = await this.request<{ message: string | null }>({ op: 'undo' });
        if (r.message === null) {
          this.out('nothing to undo: no correction has been applied');
          return;
        }
        this.out(r.message);
        this.out(showDiff(before, this.view.program));
        return;
      }
      case 'repair': {
        await this.stopPaused();
        this.modelBusy = true;
        let r: RepairReply;
        try {
          r = await this.request<RepairReply>({ op: 'repair' });
        } finally {
          this.modelBusy = false;
        }
        if (r.after === null) {
          this.out(r.message);
          return;
        }
        this.out(`repaired from the last diagnosis (the world is back to the seed): ${r.message}`);
        this.out(showDiff(r.before, r.after));
        if (this.tty) await this.runToStop();
        else this.out('/wait runs it');
        return;
      }
      case 'done':
      case 'quit':
        await this.finish(cmd);
        return;
      default:
        this.out(`unknown command ${text.split(/\s/)[0]}: /help lists the commands (text not starting with / is a correction)`);
    }
  }

  private async correction(text: string, mode: CorrectionMode): Promise<void> {
    // A text no programmer will read is refused here, before it stops a paused program.
    const problem = correctionTextProblem(text);
    if (problem) {
      this.out(`refused: ${problem}`);
      return;
    }
    const wasPaused = this.runState !== 'idle';
    await this.stopPaused();
    this.modelBusy = true;
    let r: CorrectionReply;
    try {
      r = await this.request<CorrectionReply>({ op: 'correct', text, mode });
    } finally {
      this.modelBusy = false;
    }
    if (r.kind === 'refused' || !r.record) {
      this.out(`refused: ${r.message}`);
      return;
    }
    const rec = r.record;
    const hint = rec.classHint !== rec.class ? ` (the session read it as ${rec.classHint}-level)` : '';
    const understood = rec.understood || '(nothing said)';
    if (r.kind === 'not-applied' || rec.programAfter === null) {
      // One line: the program stays as it was.
      const stopped = wasPaused
        ? ' (the paused run stopped there: /wait runs the program again from its first line, on the world as it is)'
        : '';
      this.out(`correction ${rec.index + 1} not applied (${rec.class}-level; understood: ${understood}): ${rec.outcome}${stopped}`);
      return;
    }
    this.out(`correction ${rec.index + 1}: ${rec.class}-level${hint}; understood: ${understood}`);
    for (const n of rec.notes.slice(0, 3)) this.out(`  note: ${n}`);
    this.out(showDiff(rec.programBefore, rec.programAfter));
    const how = mode === 'continue' ? 'from the world as it is' : 'from the seed (the world is reset)';
    if (this.tty) await this.runToStop();
    else this.out(`the new program runs ${how}: /wait runs it`);
  }

  // ---------------------------------------------------------------- the end

  private sigint(): void {
    if (this.ended) return;
    const now = Date.now();
    const quick = now - this.lastSigint < DOUBLE_CTRL_C_MS;
    this.lastSigint = now;
    if (this.runState === 'running' && !quick) {
      this.control.pause();
      this.out('\n(Ctrl-C: pausing at the next API call; Ctrl-C again quits)');
      return;
    }
    this.out('\n(Ctrl-C: quitting; the session is saved)');
    void this.finish('quit');
  }

  private finishing: Promise<void> | null = null;

  private finish(endedBy: 'done' | 'quit'): Promise<void> {
    this.finishing ??= this.finishNow(endedBy);
    return this.finishing;
  }

  private async finishNow(endedBy: 'done' | 'quit'): Promise<void> {
    // A paused or running program stops at its next API call; close waits its turn behind it.
    if (this.runState !== 'idle') this.control.set(INTERRUPT);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((res) => {
      timer = setTimeout(() => res(null), CLOSE_GRACE_MS);
    });
    let r: CloseReply | null;
    try {
      r = await Promise.race([this.request<CloseReply>({ op: 'close', endedBy }), timeout]);
    } finally {
      clearTimeout(timer);
    }
    if (this.ended) return;
    this.ended = true;
    this.lineWaiter?.();
    if (r === null) {
      this.out(
        `the session did not close within ${CLOSE_GRACE_MS / 1000} s (a model call in flight); its record so far is in ${this.outDir}`,
      );
      this.cleanUp();
      this.resolveDone(1);
      return;
    }
    const n = r.corrections;
    this.out(
      `session ${endedBy === 'done' ? 'done' : 'quit'}: task ${r.success ? 'done' : 'not done'} — ${r.detail.split('\n')[0]!.replace(/\.$/, '')}; ` +
        `${r.attempts} run${r.attempts === 1 ? '' : 's'}, ${n} correction${n === 1 ? '' : 's'}; record in ${this.outDir}`,
    );
    if (r.knowledge) this.out(knowledgeSummary(r.knowledge).trim());
    this.cleanUp();
    this.resolveDone(r.success ? 0 : 1);
  }
}
