// `policyloop chat` end to end: the real command in a child process, the builtin rule
// programmer, the physics in the session's worker thread. Piped stdin (one command or
// correction a line), Ctrl-C as a real SIGINT to the child.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programDiff, numberedProgram, showResult, statusLine } from '../../cli/chat-format.ts';
import { startOpenAIServer } from '../helpers/openai-server.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { BIN, ROOT } from './cli-helpers.ts';

// An ambiguous task, as a person would teach it: "the block" fits two blocks; the person
// means the green one (the builtin, reading only the instruction, picks the one nearest
// the gripper: the red one, at these fixed spots).
const AMBIGUOUS = {
  id: 'chat_block_in_bowl',
  instruction: 'Put the block in the bowl.',
  description: 'Two blocks, one bowl: the person means the green block.',
  tags: ['pick', 'place', 'container'],
  scene: {
    objects: [
      { id: 'red_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'red', position: [-0.05, -0.08] },
      { id: 'green_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'green', position: [0.2, 0.12] },
      { id: 'blue_bowl', shape: 'bowl', size: [0.14, 0.14, 0.06], color: 'blue', position: [-0.2, 0.12] },
    ],
    layout: { randomYaw: true },
  },
  success: { inside: ['green_block', 'blue_bowl'] },
  timeLimit: 60,
  reference: "pick('green_block');\nplace('blue_bowl');\n",
};

// "Hold it up" where the person means high: a skill-level correction (lift height).
const LIFT = {
  id: 'chat_lift_high',
  instruction: 'Pick up the red block and hold it up.',
  description: 'The person means high: its bottom at least 25 cm above the table.',
  tags: ['pick'],
  scene: {
    objects: [
      { id: 'red_block', shape: 'box', size: [0.04, 0.04, 0.04], color: 'red' },
      { id: 'blue_bowl', shape: 'bowl', size: [0.14, 0.14, 0.06], color: 'blue' },
    ],
    layout: { randomYaw: true },
  },
  success: { all: [{ grasped: 'red_block' }, { above: ['red_block', 0.25] }] },
  timeLimit: 60,
  reference: "pick('red_block', { liftHeight: 0.3 });\n",
};

function taskFile(dir: string, task: object): string {
  const file = join(dir, `${(task as { id: string }).id}.json`);
  writeFileSync(file, JSON.stringify(task, null, 2));
  return file;
}

interface Chat {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when stdout matches `re` (rejects after `ms`). */
  waitFor: (re: RegExp, ms?: number) => Promise<RegExpMatchArray>;
  exit: Promise<number | null>;
}

function chat(args: string[], env: Record<string, string> = {}): Chat {
  const child = spawn(process.execPath, [BIN, 'chat', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  const watchers: (() => void)[] = [];
  child.stdout.on('data', (d) => {
    out += d;
    for (const w of watchers) w();
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const exit = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  const waitFor = (re: RegExp, ms = 90_000): Promise<RegExpMatchArray> =>
    new Promise((res, rej) => {
      const check = (): boolean => {
        const m = out.match(re);
        if (m) res(m);
        return m !== null;
      };
      if (check()) return;
      const timer = setTimeout(() => rej(new Error(`no ${re} in stdout after ${ms} ms:\n${out}\n${err}`)), ms);
      watchers.push(() => {
        if (check()) clearTimeout(timer);
      });
    });
  return { child, stdout: () => out, stderr: () => err, waitFor, exit };
}

/** A piped session: all of `input` written at once, stdin closed. */
async function piped(
  args: string[],
  input: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  const c = chat(args, env);
  c.child.stdin.end(input);
  const code = await c.exit;
  return { code, out: c.stdout(), err: c.stderr() };
}

function jsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function episode(dir: string): { success: boolean; attempts: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(join(dir, 'episode.json'), 'utf8'));
}

function session(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'session.json'), 'utf8'));
}

describe('chat output helpers', () => {
  it('diffs only the changed lines, removals first, with their line numbers', () => {
    const before = "pick('red_block');\nplace('blue_bowl');\nhome();\n";
    const after = "pick('green_block');\nplace('blue_bowl');\nwait(1);\nhome();\n";
    expect(programDiff(before, after)).toEqual([
      { op: '-', line: 1, text: "pick('red_block');" },
      { op: '+', line: 1, text: "pick('green_block');" },
      { op: '+', line: 3, text: 'wait(1);' },
    ]);
    expect(programDiff(before, before)).toEqual([]);
  });

  it('numbers the program and marks the current line; formats a status line', () => {
    expect(numberedProgram('a();\nb();\n', 2)).toBe('  1  a();\n▶ 2  b();');
    expect(statusLine(12, "place('blue_bowl')", 'ok')).toBe("  12  place('blue_bowl')  → ok");
    expect(showResult({ error: { kind: 'UnknownObjectError', message: 'no object "x"' } })).toBe('UnknownObjectError: no object "x"');
    expect(showResult({ result: true })).toBe('true');
  });
});

describe('policyloop chat, piped stdin', () => {
  it('plan-level: "no, the green one" rewrites the program, the new one runs on from the world as it is, the task is done', async () => {
    const dir = tempDir('chat-plan');
    const out = join(dir, 'run');
    const r = await piped(
      ['--task', taskFile(dir, AMBIGUOUS), '--provider', 'builtin', '--out', out],
      '/wait\nno, the green one\n/wait\n/done\n',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // The instruction, the numbered program, a status line per call, the run's result.
    expect(r.out).toContain('Put the block in the bowl.');
    expect(r.out).toMatch(/^ {2}\d+ {2}pick\('red_block'\);$/m);
    expect(r.out).toMatch(/^ +6 {2}pick\('red_block'\) {2}→ ok$/m);
    expect(r.out).toContain('task check: not done — green_block is not inside blue_bowl');
    expect(r.out).toMatch(/monitor: every checkpoint passed/);
    // The correction: its class, what was understood, the diff of changed lines only.
    expect(r.out).toMatch(/correction 1: plan-level; understood: .*green_block/);
    expect(r.out).toMatch(/^ {2}\+ +\d+ {2}pick\('green_block'\);$/m);
    expect(r.out).not.toMatch(/^ {2}[-+] +\d+ {2}place\('blue_bowl'\);$/m);
    expect(r.out).toContain("▶ attempt 1: correction 1's program, from the world as it is");
    expect(r.out).toMatch(/task check: done — green_block is inside blue_bowl/);
    expect(r.out).toMatch(/session done: task done .*1 correction; record in /);
    // The records: the correction with its class, the attempt it started.
    const corrections = jsonl(join(out, 'corrections.jsonl'));
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({
      index: 0,
      text: 'no, the green one',
      class: 'plan',
      mode: 'continue',
      applied: true,
      attempt: 1,
    });
    expect(String(corrections[0]!.outcome)).toMatch(/^done: /);
    const ep = episode(out);
    expect(ep.success).toBe(true);
    expect(ep.attempts).toHaveLength(2);
    expect(ep.attempts[0]).toMatchObject({ origin: 'generate', success: false });
    expect(ep.attempts[1]).toMatchObject({ origin: 'correction', correction: 0, continued: true, success: true });
    expect(existsSync(join(out, 'attempt-1', 'program.js'))).toBe(true);
    expect(session(out)).toMatchObject({ status: 'closed', endedBy: 'done', success: true });
  }, 180_000);

  it('skill-level: "lift it higher, at least 25 cm" keeps the plan and lifts the block past 25 cm', async () => {
    const dir = tempDir('chat-skill');
    const out = join(dir, 'run');
    const r = await piped(
      ['--task', taskFile(dir, LIFT), '--provider', 'builtin', '--out', out],
      '/wait\nlift it higher, at least 25 cm\n/wait\n/done\n',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/task check: not done — .*needs at least 25 cm/);
    expect(r.out).toMatch(/correction 1: skill-level; understood: lift/);
    expect(r.out).toMatch(/task check: done — .*above the table/);
    const [c] = jsonl(join(out, 'corrections.jsonl'));
    expect(c).toMatchObject({ class: 'skill', applied: true, attempt: 1, reached: 'ended' });
    // In simulation: the last checkpoint of the corrected run has the block held past 25 cm.
    const trace = JSON.parse(readFileSync(join(out, 'attempt-1', 'trace.json'), 'utf8'));
    const last = trace.checkpoints[trace.checkpoints.length - 1].snapshot;
    expect(last.gripper.holding).toBe('red_block');
    expect(last.objects.red_block.position[2] - 0.02).toBeGreaterThanOrEqual(0.25);
  }, 180_000);

  it('/undo takes back the correction: the program and the world as before it; /show marks the line reached', async () => {
    const dir = tempDir('chat-undo');
    const out = join(dir, 'run');
    const r = await piped(
      ['--task', taskFile(dir, AMBIGUOUS), '--out', out],
      '/wait\n/show\nno, the green one\n/undo\n/show\n/undo\n/done\n',
    );
    expect(r.code).toBe(1);
    // After the run, /show marks the last line reached (place, line 9).
    expect(r.out).toMatch(/program \(9 lines, ▶ line 9\):\n(.*\n){8}▶ 9 {2}place\('blue_bowl'\);/);
    expect(r.out).toMatch(/undid correction 1 \("no, the green one"\)/);
    // The undo's diff takes the green block's lines out again.
    expect(r.out).toMatch(/^ {2}- +\d+ {2}pick\('green_block'\);$/m);
    // The second /show prints the original program; a second /undo has nothing to undo.
    const shows = r.out.split('correction> /show').slice(1);
    expect(shows[1]).toContain("pick('red_block');");
    expect(shows[1]).not.toContain("pick('green_block')");
    expect(r.out).toContain('nothing to undo');
    const [c] = jsonl(join(out, 'corrections.jsonl'));
    expect(c).toMatchObject({ applied: true, undone: true, attempt: null });
    // The world went back too: the red block is still in the bowl, as the first run left it.
    expect(episode(out).attempts).toHaveLength(1);
  }, 180_000);

  it('/restart runs the corrected program from the seed (not continued); /restart alone resets the world', async () => {
    const dir = tempDir('chat-restart');
    const out = join(dir, 'run');
    const r = await piped(
      ['--task', taskFile(dir, AMBIGUOUS), '--out', out],
      '/wait\n/restart\n/wait\n/restart no, the green one\n/wait\n/done\n',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('the world is back to the seed');
    expect(r.out).toContain('▶ attempt 1: the program, from the seed');
    expect(r.out).toContain("▶ attempt 2: correction 1's program, from the seed");
    const ep = episode(out);
    expect(ep.attempts).toHaveLength(3);
    expect(ep.attempts[1]!.continued).toBeUndefined();
    expect(ep.attempts[2]).toMatchObject({ origin: 'correction', correction: 0, success: true });
    expect(ep.attempts[2]!.continued).toBeUndefined();
    const [c] = jsonl(join(out, 'corrections.jsonl'));
    expect(c).toMatchObject({ mode: 'restart', class: 'plan', applied: true, attempt: 2 });
    // From the seed, the red block was never moved: the program has no step putting it back.
    expect(String(c!.programAfter)).not.toMatch(/put it back|back where/);
  }, 180_000);

  it('bad lines: an empty line is not a correction, a 3,000-character one is refused, an unknown command is named; the session goes on', async () => {
    const dir = tempDir('chat-bad');
    const out = join(dir, 'run');
    const long = 'move it a little to the left '.repeat(110).slice(0, 3000);
    const r = await piped(['--task', taskFile(dir, AMBIGUOUS), '--out', out], `\n${long}\n/frobnicate\n/help\n/done\n`);
    expect(r.code).toBe(1);
    expect(r.out).toContain('(an empty line is not a correction');
    expect(r.out).toMatch(/refused: the correction is 3000 characters long; at most 2000/);
    expect(r.out).toContain('unknown command /frobnicate');
    expect(r.out).toContain('/undo      back to the program and the world before the last correction');
    expect(r.out).toMatch(/session done: task not done/);
    expect(jsonl(join(out, 'corrections.jsonl'))).toEqual([]);
    expect(session(out)).toMatchObject({ endedBy: 'done', attempts: 0 });
  }, 120_000);

  it('a correction the programmer cannot read is answered in one line and the program kept; /repair repairs from the diagnosis', async () => {
    const dir = tempDir('chat-repair');
    const out = join(dir, 'run');
    // --oracle: the diagnosis /repair reads may use the task check (by default only the person sees it).
    const r = await piped(
      ['--task', taskFile(dir, LIFT), '--out', out, '--oracle'],
      '/repair\n/wait\nblorp the flibber\n/repair\n/wait\n/done\n',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('nothing to repair: no run has ended since the program last changed');
    expect(r.out).toMatch(
      /^correction 1 not applied \(\w+-level; understood: .*\): no program: could not read "blorp the flibber": try .*; kept the previous program$/m,
    );
    expect(r.out).toMatch(
      /^repaired from the last diagnosis .*\n {2}- 5 {2}pick\('red_block', \{ liftHeight: 0\.12 \}\);\n {2}\+ 5 {2}pick\('red_block', \{ liftHeight: 0\.2\d+ \}\);$/m,
    );
    const [c] = jsonl(join(out, 'corrections.jsonl'));
    expect(c).toMatchObject({ applied: false, programAfter: null, attempt: null });
    const ep = episode(out);
    expect(ep.attempts.map((a) => a.origin)).toEqual(['generate', 'repair']);
    expect(ep.success).toBe(true);
  }, 180_000);

  it('EOF ends the session like /done', async () => {
    const dir = tempDir('chat-eof');
    const out = join(dir, 'run');
    const r = await piped(['--task', taskFile(dir, AMBIGUOUS), '--out', out], '/wait\n');
    expect(r.code).toBe(1);
    expect(r.out).toContain('(end of input)');
    expect(session(out)).toMatchObject({ endedBy: 'done', attempts: 1, success: false });
  }, 120_000);

  it('bad input on the command line exits 2 with one line naming it', async () => {
    const unknown = await piped(['--task', 'no_such_task_anywhere'], '');
    expect(unknown.code).toBe(2);
    expect(unknown.err.trim().split('\n')).toHaveLength(1);
    expect(unknown.err).toMatch(/no_such_task_anywhere/);
    const mode = await piped(['--task', 'block_in_bowl', '--mode', 'sideways'], '');
    expect(mode.code).toBe(2);
    expect(mode.err).toMatch(/--mode.*sideways/);
    const speed = await piped(['--task', 'block_in_bowl', '--speed', 'fast'], '');
    expect(speed.code).toBe(2);
    expect(speed.err).toMatch(/--speed/);
  }, 120_000);
});

describe('policyloop chat, --provider openai (a local OpenAI-protocol server)', () => {
  it('sends the correction to the model and applies the program of its reply, with the class it states', async () => {
    const code = (lines: string[]): string =>
      `Class: plan\nUnderstood: put the red block back and use the green one\n1. Fix it\n\n\`\`\`javascript\n${lines.join('\n')}\n\`\`\`\n`;
    const server = await startOpenAIServer([
      `1. Put the block in the bowl\n\n\`\`\`javascript\npick('red_block');\nplace('blue_bowl');\n\`\`\`\n`,
      code(["pick('red_block');", 'place([-0.05, -0.08]);', "pick('green_block');", "place('blue_bowl');"]),
    ]);
    try {
      const dir = tempDir('chat-llm');
      const out = join(dir, 'run');
      const r = await piped(
        ['--task', taskFile(dir, AMBIGUOUS), '--provider', 'openai', '--base-url', server.url, '--model', 'test-model', '--out', out],
        '/wait\nno, the green one\n/wait\n/done\n',
        { OPENAI_API_KEY: 'sk-test' },
      );
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(server.requests).toHaveLength(2);
      const prompt = JSON.stringify(server.requests[1]!.body.messages);
      expect(prompt).toContain('no, the green one');
      expect(r.out).toContain('correction 1: plan-level; understood: put the red block back and use the green one');
      expect(r.out).toMatch(/^ {2}\+ 2 {2}place\(\[-0\.05, -0\.08\]\);$/m);
      const [c] = jsonl(join(out, 'corrections.jsonl'));
      expect(c).toMatchObject({ class: 'plan', understood: 'put the red block back and use the green one', applied: true, attempt: 1 });
      expect(Number(c!.tokensIn)).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 180_000);
});

describe('policyloop chat, Ctrl-C', () => {
  const STATUS = /^ +\d+ {2}\w+\(.*\) {2}→ .*$/m;

  it('interrupts the running program at its next API call and opens the prompt; a correction goes on from there', async () => {
    const dir = tempDir('chat-sigint');
    const out = join(dir, 'run');
    // Real-time pacing, so the program is still running when the signal comes.
    const c = chat(['--task', taskFile(dir, AMBIGUOUS), '--out', out, '--speed', '1']);
    c.child.stdin.write('/wait\n');
    await c.waitFor(STATUS);
    c.child.kill('SIGINT');
    const m = await c.waitFor(/interrupted before line (\d+)/);
    const at = Number(m[1]);
    // The prompt opened before the program's end: no result of the first run yet.
    const before = c.stdout().slice(0, c.stdout().indexOf('interrupted before line'));
    expect(before).not.toContain('task check:');
    expect(before).not.toMatch(/^ +9 {2}place\('blue_bowl'\) {2}→/m);
    c.child.stdin.end('no, the green one\n/wait\n/done\n');
    const code = await c.exit;
    expect(c.stderr()).toBe('');
    expect(code).toBe(0);
    const [corr] = jsonl(join(out, 'corrections.jsonl'));
    expect(corr).toMatchObject({ reached: 'interrupted', line: at, class: 'plan', applied: true, attempt: 1 });
    const ep = episode(out);
    expect(ep.attempts[0]).toMatchObject({ interrupted: true, success: false });
    expect(ep.attempts[1]).toMatchObject({ origin: 'correction', correction: 0, continued: true, success: true });
  }, 180_000);

  it('/continue resumes a paused program exactly where it stopped; Ctrl-C at the prompt quits with the session saved', async () => {
    const dir = tempDir('chat-resume');
    const out = join(dir, 'run');
    const c = chat(['--task', taskFile(dir, AMBIGUOUS), '--out', out, '--speed', '1']);
    c.child.stdin.write('/wait\n');
    await c.waitFor(STATUS);
    c.child.kill('SIGINT');
    await c.waitFor(/interrupted before line \d+/);
    c.child.stdin.write('/continue\n');
    await c.waitFor(/task check: not done/);
    // Let the prompt's line be read before the signal (it quits at the prompt).
    await c.waitFor(/monitor: every checkpoint passed/);
    await new Promise((r) => setTimeout(r, 300));
    c.child.kill('SIGINT');
    const code = await c.exit;
    expect(code).toBe(1);
    expect(c.stdout()).toMatch(/resumed at line \d+/);
    expect(c.stdout()).toContain('quitting; the session is saved');
    // One attempt, not interrupted: the same run went on, every call made once.
    const ep = episode(out);
    expect(ep.attempts).toHaveLength(1);
    expect(ep.attempts[0]!.interrupted).toBeUndefined();
    const trace = JSON.parse(readFileSync(join(out, 'attempt-0', 'trace.json'), 'utf8'));
    const calls = trace.events.filter((e: { type: string }) => e.type === 'call').map((e: { call: string }) => e.call);
    expect(calls).toEqual(['pick', 'place']);
    expect(session(out)).toMatchObject({ status: 'closed', endedBy: 'quit' });
  }, 180_000);
});
