// The command line from the sources, for tests and the queue bench that start `policyloop`
// processes (workers, a coordinator): `node --import tsx test/queue/cli-source.ts worker …`.
// It runs what the working tree holds, whether or not dist/ was rebuilt.
import { join, resolve } from 'node:path';
import { main } from '../../cli/main.ts';

export const ROOT: string = resolve(import.meta.dirname, '../..');
export const CLI_SOURCE: string = join(ROOT, 'test/queue/cli-source.ts');

/** node's arguments to run `policyloop <args>` from the sources. */
export function sourceCli(args: readonly string[]): string[] {
  return ['--import', 'tsx', CLI_SOURCE, ...args];
}

if (process.argv[1] && resolve(process.argv[1]) === CLI_SOURCE) process.exitCode = await main(process.argv);
