// `policyloop view`'s refusals before it listens: each bad flag in one line, exit 2, no server left running.
import { describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.ts';

describe('policyloop view with bad input', () => {
  it.each([
    ['a --runs-dir that does not exist', ['--runs-dir', '/nonexistent/runs'], '--runs-dir: /nonexistent/runs does not exist'],
    ['a --runs-dir that is a file', ['--runs-dir', 'package.json'], '--runs-dir: package.json is not a folder'],
    [
      'a --run that is not a run record',
      ['--run', '/nonexistent/run'],
      '--run: /nonexistent/run: not a run record folder (no such folder, or no episode.json or scene.json in it)',
    ],
  ])('refuses %s in one line', (_name, args, message) => {
    const r = cli(['view', '--port', '0', '--no-kb', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`policyloop: ${message}`);
    expect(r.stdout).toBe('');
  });
});
