// CorrectionSession mechanics in simulation: runs on one world, interruptions before an
// API call, continue vs restart, undo, refusals, skill corrections that would change the
// plan, queued corrections, and the records written as it goes. The programmer here is a
// scripted one (it answers each correction with a program the test names) so that what
// is tested is the session, not a grammar; the builtin's own corrections are tested in
// test/programmers/rule-correct-*.test.ts and end to end in test/cli/chat.test.ts.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorrectionSession } from '../../policy/corrections/index.ts';
import type { CorrectionRecord } from '../../policy/corrections/index.ts';
import type {
  CorrectionClass,
  CorrectionDraft,
  CorrectionInput,
  ProgramContext,
  ProgramDraft,
  Programmer,
} from '../../policy/programmers/index.ts';
import { loadTask } from '../../tasks/index.ts';

const PICK_PLACE = "pick('red_block');\nplace('blue_block');\n";

/** Answers generate with `first` and each correction with what `answer` says (a program, a class). */
class Scripted implements Programmer {
  readonly name = 'scripted';
  readonly model = 'scripted';
  readonly inputs: { ctx: ProgramContext; input: CorrectionInput }[] = [];
  private readonly first: string;
  private readonly answer: (input: CorrectionInput) => { program: string; class: CorrectionClass; error?: string };
  constructor(first: string, answer: Scripted['answer']) {
    this.first = first;
    this.answer = answer;
  }
  async generate(): Promise<ProgramDraft> {
    return { program: this.first, plan: [], error: null, usage: { inputTokens: 0, outputTokens: 0 }, promptTokens: 0 };
  }
  async repair(): Promise<ProgramDraft> {
    return { program: '', plan: [], error: 'no repairs here', usage: { inputTokens: 0, outputTokens: 0 }, promptTokens: 0 };
  }
  async correct(ctx: ProgramContext, input: CorrectionInput): Promise<CorrectionDraft> {
    this.inputs.push({ ctx, input });
    await new Promise((r) => setTimeout(r, 5));
    const a = this.answer(input);
    return {
      program: a.program,
      plan: [],
      error: a.error ?? null,
      usage: { inputTokens: 10, outputTokens: 5 },
      promptTokens: 10,
      class: a.class,
      understood: `as told: ${input.text}`,
    };
  }
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'pl-session-'));
}

function readCorrections(dir: string): CorrectionRecord[] {
  return readFileSync(join(dir, 'corrections.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as CorrectionRecord);
}

const task = loadTask('red_on_blue');

describe('CorrectionSession', () => {
  it('continues from the world as the last run left it, and restarts from the seed', async () => {
    const out = tmp();
    const prog = new Scripted(PICK_PLACE, (input) =>
      input.text.includes('lift')
        ? { program: "pick('red_block', { liftHeight: 0.2 });\nplace('blue_block');\n", class: 'skill' }
        : { program: "pick('red_block');\nplace('blue_block', { offset: [0.12, 0.1] });\n", class: 'plan' },
    );
    const s = await CorrectionSession.start({ task, seed: 1, programmer: prog, outDir: out });
    const start = s.worldNow.getPose('red_block').position;
    const r0 = await s.run();
    expect(r0.interrupted).toBe(false);
    expect(r0.success.ok).toBe(true);
    expect(r0.record.continued).toBeUndefined();
    const afterFirst = s.worldNow.getPose('red_block').position;
    expect(Math.hypot(afterFirst[0] - start[0], afterFirst[1] - start[1])).toBeGreaterThan(0.03);

    // Continue: the program is written for the world now (the red block on the blue one).
    const c0 = await s.correct('no, put it next to the blue block instead');
    expect(c0.kind).toBe('applied');
    const seen = prog.inputs[0]!;
    expect(seen.input.mode).toBe('continue');
    expect(seen.input.reached).toBe('ended');
    expect(seen.input.trace?.events.length).toBeGreaterThan(0);
    expect(seen.input.sessionStart.find((o) => o.id === 'red_block')!.position[0]).toBeCloseTo(start[0], 3);
    // ctx.objects are where things are now, not where the seed put them.
    const redNow = seen.ctx.objects.find((o) => o.id === 'red_block')!;
    expect(redNow.position[0]).toBeCloseTo(afterFirst[0], 2);
    const r1 = await s.run();
    expect(r1.record.origin).toBe('correction');
    expect(r1.record.correction).toBe(0);
    expect(r1.record.continued).toBe(true);
    expect(r1.success.ok).toBe(false);
    const moved = s.worldNow.getPose('red_block').position;
    expect(Math.hypot(moved[0] - afterFirst[0], moved[1] - afterFirst[1])).toBeGreaterThan(0.08);

    // Restart: the world goes back to the seed before the new program runs.
    const c1 = await s.correct('lift it higher', { mode: 'restart' });
    expect(c1.kind).toBe('applied');
    expect(s.worldNow.getPose('red_block').position[0]).toBeCloseTo(start[0], 4);
    const r2 = await s.run();
    expect(r2.record.continued).toBeUndefined();
    expect(r2.success.ok).toBe(true);
    await s.close('done');

    const recs = readCorrections(out);
    expect(recs.map((r) => [r.index, r.class, r.classHint, r.mode, r.applied])).toEqual([
      [0, 'plan', 'plan', 'continue', true],
      [1, 'skill', 'skill', 'restart', true],
    ]);
    expect(recs[0]!.outcome).toMatch(/^failed: /);
    expect(recs[1]!.outcome).toMatch(/^done: /);
    expect(recs[0]!.programBefore).toBe(PICK_PLACE);
    expect(recs[1]!.attempt).toBe(2);
    const episode = JSON.parse(readFileSync(join(out, 'episode.json'), 'utf8'));
    expect(episode.attempts.map((a: { origin: string }) => a.origin)).toEqual(['generate', 'correction', 'correction']);
    expect(episode.success).toBe(true);
    const session = JSON.parse(readFileSync(join(out, 'session.json'), 'utf8'));
    expect(session).toMatchObject({ kind: 'correction-session', status: 'closed', endedBy: 'done', attempts: 3 });
    expect(existsSync(join(out, 'attempt-1', 'program.js'))).toBe(true);
  }, 60_000);

  it('interrupts before an API call, with the world as it stands and the gripper holding what it holds', async () => {
    const prog = new Scripted(PICK_PLACE, () => ({ program: "place('blue_block');\n", class: 'plan' }));
    const s = await CorrectionSession.start({ task, seed: 2, programmer: prog });
    let calls = 0;
    // Let pick run; stop before place.
    const r0 = await s.run({ onApiCall: () => void calls++, interrupt: () => calls >= 2 });
    expect(r0.interrupted).toBe(true);
    expect(r0.line).toBe(2);
    expect(r0.record.interrupted).toBe(true);
    expect(r0.verdicts).toEqual([]);
    expect(s.status).toBe('interrupted');
    expect(s.line).toBe(2);
    expect(s.worldNow.getGripper().holding).toBe('red_block');
    const c = await s.correct('now put it on the blue block');
    expect(c.kind).toBe('applied');
    expect(prog.inputs[0]!.input).toMatchObject({ reached: 'interrupted', line: 2, gripper: { holding: 'red_block' } });
    const r1 = await s.run();
    expect(r1.record.continued).toBe(true);
    expect(r1.success.ok).toBe(true);
    await s.close();
  }, 60_000);

  it('an interruption at the very first call leaves the world untouched', async () => {
    const prog = new Scripted(PICK_PLACE, () => ({ program: PICK_PLACE, class: 'plan' }));
    const s = await CorrectionSession.start({ task, seed: 3, programmer: prog });
    const before = s.worldNow.snapshot();
    const r = await s.run({ interrupt: () => true });
    expect(r.interrupted).toBe(true);
    expect(r.line).toBe(1);
    expect(r.record.apiCalls).toBe(1);
    const after = s.worldNow.snapshot();
    expect(after.objects.red_block!.position).toEqual(before.objects.red_block!.position);
    await s.close();
  }, 30_000);

  it('undo puts the program and the world back as they were before the last correction', async () => {
    const out = tmp();
    const prog = new Scripted(PICK_PLACE, () => ({ program: "pick('red_block');\nplace([0.12, -0.1]);\n", class: 'plan' }));
    const s = await CorrectionSession.start({ task, seed: 4, programmer: prog, outDir: out });
    await s.run();
    const snap = s.worldNow.snapshot();
    await s.correct('put it somewhere else instead');
    await s.run();
    expect(s.worldNow.getPose('red_block').position[0]).toBeCloseTo(0.12, 1);
    const msg = await s.undo();
    expect(msg).toMatch(/undid correction 1/);
    expect(s.program).toBe(PICK_PLACE);
    expect(s.status).toBe('ended');
    expect(s.worldNow.snapshot().objects.red_block!.position).toEqual(snap.objects.red_block!.position);
    expect(await s.undo()).toBeNull();
    await s.close();
    expect(readCorrections(out)[0]!.undone).toBe(true);
  }, 60_000);

  it('refuses what is not a correction in one line, and goes on', async () => {
    const out = tmp();
    const prog = new Scripted(PICK_PLACE, () => ({ program: PICK_PLACE, class: 'plan' }));
    const s = await CorrectionSession.start({ task, seed: 5, programmer: prog, outDir: out });
    for (const bad of ['', '   ', 'x'.repeat(2001), 42, null, '\u0007beep', '12345 !!!']) {
      const r = await s.correct(bad);
      expect(r.kind).toBe('refused');
      if (r.kind === 'refused') expect(r.message).not.toContain('\n');
    }
    expect(prog.inputs).toHaveLength(0);
    expect(s.corrections).toHaveLength(0);
    const r = await s.run();
    expect(r.success.ok).toBe(true);
    await s.close();
  }, 30_000);

  it('keeps the previous program when a correction yields none, or a skill correction would change the plan', async () => {
    const out = tmp();
    const prog = new Scripted(PICK_PLACE, (input) =>
      input.index === 0
        ? { program: '', class: 'plan', error: 'could not read "zorp"' }
        : { program: "pick('blue_block');\nplace('red_block');\n", class: 'skill' },
    );
    const s = await CorrectionSession.start({ task, seed: 6, programmer: prog, outDir: out });
    const a = await s.correct('zorp');
    expect(a.kind).toBe('not-applied');
    expect(a.message).toMatch(/^no program: could not read "zorp"; kept the previous program$/);
    const b = await s.correct('do it more gently');
    expect(b.kind).toBe('not-applied');
    expect(b.message).toMatch(/^refused: a skill-level correction may change how steps are done, not which steps run/);
    expect(s.program).toBe(PICK_PLACE);
    expect(s.status).toBe('ready');
    // Two corrections before anything ran: both saw the program as not run.
    expect(prog.inputs.map((i) => i.input.reached)).toEqual(['not-run', 'not-run']);
    expect(prog.inputs[1]!.input.earlier).toEqual([{ index: 0, text: 'zorp', class: 'plan', outcome: a.message }]);
    await s.close();
    const recs = readCorrections(out);
    expect(recs.map((r) => r.applied)).toEqual([false, false]);
    expect(recs[1]!.programAfter).toContain("pick('blue_block')");
  }, 30_000);

  it('queues a correction given while another is with the programmer, and applies both in order', async () => {
    const prog = new Scripted(PICK_PLACE, (input) => ({
      program: `// correction ${input.index}\n${PICK_PLACE}`,
      class: 'plan',
    }));
    const s = await CorrectionSession.start({ task, seed: 7, programmer: prog });
    const first = s.correct('no, the blue one');
    const second = s.correct('no wait, the red one after all');
    expect(s.queued).toBeGreaterThan(0);
    const [a, b] = await Promise.all([first, second]);
    expect(a.kind).toBe('applied');
    expect(b.kind).toBe('applied');
    expect(s.program.startsWith('// correction 1')).toBe(true);
    expect(prog.inputs[1]!.input.program.startsWith('// correction 0')).toBe(true);
    await s.close();
    await expect(s.correct('more')).rejects.toThrow(/ended/);
  }, 30_000);
  it('the programmer sees no task check unless the session has the oracle; the person always does', async () => {
    const miss = "pick('red_block');\nplace([0.15, 0.1]);\n";
    for (const oracle of [false, true]) {
      const prog = new Scripted(miss, () => ({ program: PICK_PLACE, class: 'plan' }));
      const s = await CorrectionSession.start({ task, seed: 8, programmer: prog, ...(oracle ? { oracle } : {}) });
      const r = await s.run();
      expect(r.success.ok).toBe(false);
      // The person's view names what the task wanted.
      expect(r.personDiagnosis?.text).toMatch(/red_block is not on blue_block/);
      await s.correct('no, put it on the blue block');
      const seen = prog.inputs[0]!.input;
      if (oracle) expect(seen.diagnosisText).toMatch(/red_block is not on blue_block/);
      else {
        expect(r.diagnosis?.text ?? '').not.toMatch(/not on blue_block|task check/);
        expect(JSON.stringify(seen)).not.toMatch(/not on blue_block|task check/);
      }
      await s.close();
    }
  }, 60_000);
});
