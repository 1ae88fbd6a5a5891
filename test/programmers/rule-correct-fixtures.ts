// Correction tests of the rule programmer in simulation (rule-correct-*.test.ts): a
// hand-made task, the builtin's first program run in a world (to its end, or interrupted
// after N API calls), a person's correction given to RuleProgrammer.correct with the
// CorrectionInput a session would build — for 'continue' the context of the world as it is
// now (perceive().getObjects(), perceivedScene), for 'restart' the seed's — and the new
// program run on the same world (continue) or a fresh one (restart). The predicates that
// judge the outcome are written in the tests; the programmer never sees them.

import { createWorld, setPlanningView } from '../../sim/index.ts';
import type { SimWorld, Trace } from '../../sim/index.ts';
import { perceive } from '../../policy/loop/index.ts';
import { perceivedScene, runAttempt } from '../../policy/program/index.ts';
import type { AttemptOutcome } from '../../policy/program/index.ts';
import { RuleProgrammer } from '../../policy/programmers/index.ts';
import type { CorrectionDraft, CorrectionInput, CorrectionMode, ProgramContext, ProgramDraft } from '../../policy/programmers/index.ts';
import type { TaskDef } from '../../tasks/index.ts';
import { taskContext } from '../helpers/program-context.ts';

export { box, bowl, cylinder, task } from './rule-sim-fixtures.ts';

export interface Run {
  program: string;
  draft: ProgramDraft;
  out: AttemptOutcome;
  /** The line of the call it was stopped before, when interrupted. */
  line: number | null;
  reached: CorrectionInput['reached'];
}

export class Session {
  readonly def: TaskDef;
  readonly seed: number;
  readonly start: ProgramContext;
  world: SimWorld;
  readonly programmer = new RuleProgrammer();
  last: Run | null = null;
  constructor(def: TaskDef, seed: number, start: ProgramContext, world: SimWorld) {
    this.def = def;
    this.seed = seed;
    this.start = start;
    this.world = world;
  }

  static async open(def: TaskDef, seed = 0): Promise<Session> {
    const ctx = await taskContext(def, seed);
    return new Session(def, seed, ctx, await createWorld(ctx.scene, { timeLimit: 600 }));
  }

  /** Run a draft's program on the world as it is; `stopAfter`: interrupt before API call N + 1. */
  async run(draft: ProgramDraft, stopAfter?: number): Promise<Run> {
    if (draft.error || !draft.program) throw new Error(`no program: ${draft.error}`);
    let calls = 0;
    const out = await runAttempt({
      world: this.world,
      program: draft.program,
      timeLimitSec: 300,
      onApiCall: () => {
        calls++;
      },
      shouldStop: () => stopAfter !== undefined && calls >= stopAfter,
    });
    const interrupted = out.error?.kind === 'InterruptedError';
    this.last = {
      program: draft.program,
      draft,
      out,
      line: interrupted ? out.error!.line : lastLine(out.trace),
      reached: interrupted ? 'interrupted' : 'ended',
    };
    return this.last;
  }

  async generate(stopAfter?: number): Promise<Run> {
    return this.run(await this.programmer.generate(this.start), stopAfter);
  }

  /** The context of the world now (continue) or the seed's (restart). */
  context(mode: CorrectionMode): ProgramContext {
    if (mode === 'restart') return this.start;
    const seen = perceive(this.world, this.def, this.seed, 0, { settings: { mode: 'exact' }, bridge: null });
    const ctx = { ...this.start, scene: perceivedScene(seen), objects: seen.getObjects() };
    // The perceived view steers the world's skills while set: the next run talks to the world itself.
    setPlanningView(this.world, null);
    return ctx;
  }

  input(text: string, mode: CorrectionMode, index = 0): CorrectionInput {
    const r = this.last;
    return {
      index,
      text,
      mode,
      program: r?.program ?? '',
      memo: r?.draft.memo,
      plan: r?.draft.plan ?? [],
      reached: r ? r.reached : 'not-run',
      line: r?.line ?? null,
      trace: r?.out.trace ?? null,
      gripper: { ...this.world.snapshot().gripper },
      sessionStart: this.start.objects,
      diagnosisText: null,
      classHint: 'plan',
      earlier: [],
    };
  }

  /** Correct the last program; with 'restart' a fresh world of the seed's scene. */
  async correct(text: string, mode: CorrectionMode, index = 0): Promise<CorrectionDraft> {
    const input = this.input(text, mode, index);
    const draft = await this.programmer.correct(this.context(mode), input);
    if (mode === 'restart') {
      this.world.free();
      this.world = await createWorld(this.start.scene, { timeLimit: 600 });
    }
    return draft;
  }

  pos(id: string): [number, number, number] {
    return this.world.getObject(id).position as [number, number, number];
  }

  free(): void {
    this.world.free();
  }
}

function lastLine(trace: Trace): number | null {
  for (let i = trace.events.length - 1; i >= 0; i--) {
    const e = trace.events[i]!;
    if (e.type === 'call' && e.line !== null) return e.line;
  }
  return null;
}

/** The ordered action calls with their first argument (what a skill correction must keep). */
export function skeleton(program: string): string[] {
  return [...program.matchAll(/^\s*(pick|place|push|pickAt)\(([^,)]*)/gm)].map((m) => `${m[1]}(${m[2]})`);
}

/** The action calls a run made, with their arguments. */
export function calls(trace: Trace, name: string): { args: unknown[]; t: number; seq: number }[] {
  return trace.events.filter((e) => e.type === 'call' && e.call === name).map((e) => e as { args: unknown[]; t: number; seq: number });
}

/** Yaw (rad) of an object's quaternion. */
export function yawOf(q: readonly number[]): number {
  const [x, y, z, w] = q as [number, number, number, number];
  return Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
}
