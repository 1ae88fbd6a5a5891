// A programmer that writes the program a test gives for each attempt (a stand-in for a
// programmer that repairs badly, or well), so a real episode runs programs the test chose.
import { runEpisode } from '../../policy/loop/index.ts';
import { NO_USAGE } from '../../policy/programmers/index.ts';
import { loadTask } from '../../tasks/index.ts';
import type { CorrectionDraft, ProgramDraft, Programmer, RepairInput } from '../../policy/programmers/index.ts';

export class ScriptedProgrammer implements Programmer {
  readonly name = 'scripted';
  readonly model = 'scripted';
  private readonly programFor: (attempt: number) => string;
  constructor(programFor: (attempt: number) => string) {
    this.programFor = programFor;
  }
  private draft(attempt: number): ProgramDraft {
    return { program: this.programFor(attempt), plan: [], error: null, usage: { ...NO_USAGE }, promptTokens: 0 };
  }
  async generate(): Promise<ProgramDraft> {
    return this.draft(0);
  }
  async repair(_ctx: unknown, input: RepairInput): Promise<ProgramDraft> {
    return this.draft(input.attempt + 1);
  }
  async correct(): Promise<CorrectionDraft> {
    throw new Error('not used');
  }
}

/**
 * Records a real `red_on_blue` episode (state monitor, the oracle's stop rule) whose attempts run
 * `programFor(0)`, `programFor(1)`, … — at most `attempts` of them — into `outDir`.
 */
export async function recordScriptedEpisode(programFor: (attempt: number) => string, attempts: number, outDir: string) {
  return runEpisode({
    task: loadTask('red_on_blue'),
    seed: 0,
    programmer: new ScriptedProgrammer(programFor),
    monitor: 'state',
    maxRepairs: attempts - 1,
    oracle: true,
    outDir,
    recordImages: 'none',
  });
}
