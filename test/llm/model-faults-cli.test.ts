// Model server faults through the command line (issue 15): `policyloop run` against a real
// local server that answers badly ends with exit 1 and one line per failed model call —
// never exit 3 with a stack trace — and `--timeout` bounds a reply that drips forever.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildProgram } from '../../cli/main.ts';
import { cliAsync, type CliResult } from '../cli/cli-helpers.ts';
import { startOpenAIServer, type OpenAIServer, type ScriptStep } from '../helpers/openai-server.ts';
import { tempDir } from '../helpers/temp-dir.ts';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runAgainst(step: ScriptStep, extra: string[] = []): Promise<CliResult & { ms: number }> {
  server = await startOpenAIServer(() => step);
  const dir = tempDir('model-fault');
  const started = performance.now();
  const r = await cliAsync([
    'run',
    '--task',
    'red_on_blue',
    '--provider',
    'openai',
    '--base-url',
    server.url,
    '--model',
    'test-model',
    '--max-repairs',
    '1',
    '--monitor',
    'none',
    '--no-images',
    '--no-kb',
    '--out',
    join(dir, 'run'),
    ...extra,
  ]);
  return { ...r, ms: performance.now() - started };
}

/** Exit 1, the failed call as one line, no stack trace. */
function expectCleanFailure(r: CliResult, line: RegExp): void {
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/i);
  const failed = r.stderr.split('\n').filter((l) => l.includes('gave no usable program'));
  expect(failed.length).toBeGreaterThan(0);
  expect(failed[0]).toMatch(line);
}

describe('policyloop run against a faulty model server', () => {
  it('a 200 whose body is not JSON: exit 1, one line naming it', async () => {
    const r = await runAgainst({ body: '<html><h1>502 Bad Gateway</h1></html>', contentType: 'text/html' });
    expectCleanFailure(
      r,
      /the model server answered 200 with a body that is not JSON \(text\/html, \d+ bytes\): <html><h1>502 Bad Gateway/,
    );
  }, 60_000);

  it('invalid JSON: exit 1, one line naming it', async () => {
    const r = await runAgainst({ body: '{"choices": [{', contentType: 'application/json' });
    expectCleanFailure(r, /the model server answered 200 with a body that is not valid JSON \(/);
  }, 60_000);

  it('a 200 with an error body: exit 1, the server error quoted', async () => {
    const r = await runAgainst({ body: { error: { message: 'model is loading' } } });
    expectCleanFailure(r, /the model call failed \(server\): the model server answered 200 with an error: model is loading/);
  }, 60_000);

  it('a 10 MB reply: exit 1, the size named', async () => {
    const r = await runAgainst({ reply: 'x'.repeat(10_000_000) });
    expectCleanFailure(r, /the model server's answer is larger than the 4 MiB a reply may be/);
  }, 60_000);

  it('a reply dripping a byte a second ends within --timeout (per request, retries included)', async () => {
    const r = await runAgainst({ drip: '{"choices"' }, ['--timeout', '1']);
    expectCleanFailure(r, /did not answer within 1 s after 3 retries \(for slow local models raise the deadline: --timeout <seconds>/);
    // 2 model calls × 4 tries × 1 s, plus the client's backoff (≤ 3.5 s a call) and start-up.
    expect(r.ms).toBeLessThan(45_000);
  }, 90_000);

  it('a bad --timeout: exit 2 with one line', async () => {
    const r = await cliAsync(['run', '--task', 'red_on_blue', '--timeout', 'soon']);
    expect(r.status).toBe(2);
    // (A build warning may come first while others edit the sources and rebuild.)
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('policyloop: warning:'));
    expect(lines).toHaveLength(1);
    expect(r.stderr).toContain("option '--timeout <seconds>' argument 'soon' is invalid. expected a number of seconds, e.g. 300");
  }, 30_000);
});

describe('--timeout', () => {
  it('is an option of run, suite, chat, teach and view', () => {
    const program = buildProgram();
    for (const name of ['run', 'suite', 'chat', 'teach', 'view']) {
      const command = program.commands.find((c) => c.name() === name);
      expect(
        command?.options.map((o) => o.long),
        name,
      ).toContain('--timeout');
    }
  });
});
