import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getTask, parseTask } from '../../tasks/index.ts';
import { runEpisode } from '../../policy/loop/index.ts';
import { RuleProgrammer } from '../../policy/programmers/index.ts';

describe('an episode whose programmer writes no program', () => {
  it('fails the attempt with the reason and stops after a second empty draft', async () => {
    const base = getTask('red_on_blue');
    const json = {
      ...JSON.parse(readFileSync(base.file, 'utf8')),
      id: 'juggle',
      instruction: 'Juggle the red block.',
      reference: "pick('red_block');",
    };
    const task = parseTask(json, base.file);
    const rec = await runEpisode({ task, seed: 0, programmer: new RuleProgrammer(), monitor: 'state', maxRepairs: 3, oracle: true });
    expect(rec.success).toBe(false);
    expect(rec.stoppedBy).toBe('no-program');
    expect(rec.attempts).toHaveLength(1);
    expect(rec.attempts[0]!.error).toMatchObject({
      kind: 'NoProgramError',
      message: expect.stringMatching(/^could not read "Juggle the red block" at 'Juggle': no known verb; try /),
    });
  });
});
