// Signals (issue 15): SIGTERM and SIGINT stop `run` and `suite` promptly with the interrupted
// status (128 + the signal: 143, 130), finished episodes stay recorded, and no Chromium, render
// worker or browser watcher survives; SIGKILL of a command that renders leaves no Chromium behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResults } from '../../policy/suite/index.ts';
import { BIN, ROOT } from './cli-helpers.ts';
import { HAS_BROWSER, NO_BROWSER } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { until } from '../helpers/until.ts';

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function start(args: string[]): Started {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env } });
  let out = '',
    err = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal, at: Date.now() })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Every process whose parent chain leads to `root` (from /proc), with its command line. */
function descendants(root: number): { pid: number; cmd: string }[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      /* gone */
    }
  }
  const out: { pid: number; cmd: string }[] = [];
  for (const pid of parent.keys()) {
    let p = parent.get(pid);
    while (p !== undefined && p > 1 && p !== root) p = parent.get(p);
    if (p === root) {
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        /* gone */
      }
      out.push({ pid, cmd });
    }
  }
  return out;
}

/** Whether a pid runs (a zombie, waiting for its parent to read its status, does not count). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const chromiums = (pid: number): { pid: number; cmd: string }[] => descendants(pid).filter((p) => /chrom/i.test(p.cmd));

function suiteArgs(out: string, monitor: string): string[] {
  return [
    'suite',
    '--tasks',
    'lift_block,red_on_blue,block_in_bowl',
    '--seeds',
    '4',
    '--workers',
    '2',
    '--monitor',
    monitor,
    '--max-repairs',
    '1',
    '--no-kb',
    '--json',
    '--out',
    out,
  ];
}

const episodeLines = (stdout: string): { task: string; seed: number }[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{"task"'))
    .map((l) => JSON.parse(l));

describe('signals', () => {
  it('suite: SIGTERM stops it promptly with status 143, Chromium closed, every finished episode recorded', async (ctx) => {
    ctx.skip(!HAS_BROWSER, NO_BROWSER);
    const out = join(tempDir('signals-suite'), 'out');
    const s = start(suiteArgs(out, 'pixels'));
    await until(() => episodeLines(s.stdout()).length >= 1, 'a first episode', 180_000);
    const browsers = chromiums(s.child.pid!);
    expect(browsers.length).toBeGreaterThan(0);
    const all = descendants(s.child.pid!);
    const sent = Date.now();
    s.child.kill('SIGTERM');
    const { code, at } = await s.exited;
    expect(code, s.stderr()).toBe(143);
    // Promptly: the grace for episodes in flight (5 s) and the cleanup, not the rest of the suite.
    expect(at - sent).toBeLessThan(30_000);
    expect(s.stderr()).toMatch(/interrupted \(SIGTERM\): no new episodes; those in flight get 5 s to finish/);
    const printed = episodeLines(s.stdout()).map((l) => `${l.task}#${l.seed}`);
    const recorded = readResults(join(out, 'results.jsonl')).map((l) => `${l.task}#${l.seed}`);
    expect(recorded.sort()).toEqual(printed.sort());
    expect(recorded.length).toBeLessThan(12);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.overall.episodes).toBe(recorded.length);
    expect(existsSync(join(out, 'suite.lock'))).toBe(false);
    await until(() => all.every((p) => !running(p.pid)), 'the browser and its watcher to end', 10_000);
  }, 300_000);

  it('suite: a second SIGINT stops the episodes in flight at once, status 130; --resume runs the rest', async () => {
    const out = join(tempDir('signals-sigint'), 'out');
    const args = suiteArgs(out, 'state').concat('--no-images');
    const s = start(args);
    await until(() => episodeLines(s.stdout()).length >= 1, 'a first episode', 180_000);
    s.child.kill('SIGINT');
    await until(() => s.stderr().includes('interrupted (SIGINT)'), 'the first interrupt note', 10_000);
    s.child.kill('SIGINT');
    const { code } = await s.exited;
    expect(code, s.stderr()).toBe(130);
    expect(s.stderr()).toContain('interrupted again (SIGINT): stopping the episodes in flight now');
    const printed = episodeLines(s.stdout()).map((l) => `${l.task}#${l.seed}`);
    const recorded = readResults(join(out, 'results.jsonl')).map((l) => `${l.task}#${l.seed}`);
    expect(recorded.sort()).toEqual(printed.sort());
    const resumed = start([...args, '--resume']);
    const r = await resumed.exited;
    expect(r.code, resumed.stderr()).toBe(0);
    const keys = readResults(join(out, 'results.jsonl')).map((l) => `${l.task}#${l.seed}`);
    expect(keys).toHaveLength(12);
    expect(new Set(keys).size).toBe(12);
  }, 400_000);

  it('run: SIGTERM while it renders stops it with status 143 and closes Chromium', async (ctx) => {
    ctx.skip(!HAS_BROWSER, NO_BROWSER);
    const dir = tempDir('signals-run');
    // A long program: many checkpoints for the pixel monitor to render.
    const program = join(dir, 'program.js');
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) lines.push(`moveTo([${i % 2 ? 0.1 : -0.1}, 0, 0.2]);`, `checkpoint('c${i}');`);
    writeFileSync(program, lines.join('\n'));
    const s = start(['run', '--task', 'lift_block', '--program', program, '--monitor', 'pixels', '--no-kb', '--out', join(dir, 'run')]);
    await until(() => chromiums(s.child.pid!).length > 0, 'Chromium to start', 120_000);
    const all = descendants(s.child.pid!);
    s.child.kill('SIGTERM');
    const { code } = await s.exited;
    expect(code, s.stderr()).toBe(143);
    expect(s.stderr()).toContain('policyloop: interrupted (SIGTERM): stopping; the attempts recorded so far are in');
    await until(() => all.every((p) => !running(p.pid)), 'Chromium to end', 10_000);
  }, 300_000);

  for (const kind of ['suite', 'run'] as const) {
    it(`${kind}: SIGKILL leaves no Chromium behind`, async (ctx) => {
      ctx.skip(!HAS_BROWSER, NO_BROWSER);
      const dir = tempDir(`signals-kill-${kind}`);
      const program = join(dir, 'program.js');
      const lines: string[] = [];
      for (let i = 0; i < 60; i++) lines.push(`moveTo([${i % 2 ? 0.1 : -0.1}, 0, 0.2]);`, `checkpoint('c${i}');`);
      writeFileSync(program, lines.join('\n'));
      const s = start(
        kind === 'suite'
          ? suiteArgs(join(dir, 'out'), 'pixels')
          : ['run', '--task', 'lift_block', '--program', program, '--monitor', 'pixels', '--no-kb', '--out', join(dir, 'run')],
      );
      await until(() => chromiums(s.child.pid!).length > 0, 'Chromium to start', 120_000);
      // Let it settle (the suite's page open, the run's renderer warm), then kill without warning.
      await new Promise((r) => setTimeout(r, 1_000));
      const browsers = descendants(s.child.pid!).filter((p) => /chrom|policyloop-browser-reaper/i.test(p.cmd));
      expect(browsers.length).toBeGreaterThan(0);
      s.child.kill('SIGKILL');
      const { signal } = await s.exited;
      expect(signal).toBe('SIGKILL');
      await until(() => browsers.every((p) => !running(p.pid)), `no Chromium left by the killed ${kind}`, 15_000);
    }, 300_000);
  }
});
