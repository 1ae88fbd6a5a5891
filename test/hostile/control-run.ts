// Runs the control program in this (fresh) process, once as an attempt and once as an
// episode with its run record, and prints one JSON line: hostile.test.ts compares every
// control run after a hostile program (in its own process, and in suite workers) with it.
// `npx tsx test/hostile/control-run.ts`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlProgram, digest, logLines, runControlEpisode, runProgram } from './corpus.ts';

const run = await runProgram(controlProgram());
const dir = mkdtempSync(join(tmpdir(), 'policyloop-hostile-control-'));
try {
  const episode = await runControlEpisode(dir);
  process.stdout.write(
    `${JSON.stringify({ digest: digest(run.outcome), error: run.outcome.error, logs: logLines(run.outcome.trace), episode })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
