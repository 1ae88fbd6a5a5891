import type { Command } from 'commander';
import { UsageError, intArg } from '../errors.ts';
import { VERSION } from '../version.ts';
import { engineOption, knowledgeSettingsFrom, withKnowledgeOptions, withModelTimeout, type KnowledgeFlags } from './common.ts';
import type { EngineName } from '../../sim/types.ts';

interface ViewFlags extends KnowledgeFlags {
  host: string;
  port: number;
  run?: string;
  out: string;
  runsDir?: string;
  maxClients: number;
  engine: EngineName;
}

export function registerViewCommand(program: Command): void {
  const cmd = program
    .command('view')
    .description('serve the live 3D viewer: watch and drive episodes, replay run records')
    .option('--host <host>', 'address to listen on; anything but loopback requires the token in the printed URL', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', intArg(0, 65535), 8080)
    .option('--run <dir>', 'open this run record (or suite episode folder) at start')
    .option('--out <dir>', 'folder under which live episodes are recorded', 'runs')
    .option('--runs-dir <dir>', 'folder the Runs tab lists and opens from, and whose suite reports it serves (default: --out)')
    .addOption(engineOption())
    .option('--max-clients <n>', 'the most browser connections at once; more are refused', intArg(1, 1000), 16);
  // Live episodes retrieve from the knowledge base and learn into it, as `run` and `chat` do.
  withModelTimeout(cmd);
  withKnowledgeOptions(cmd, { learnFlag: true }).action(async (flags: ViewFlags) => {
    const { port } = flags;
    // --out may not exist yet (the first live episode makes it); a --runs-dir named on purpose must.
    if (flags.runsDir !== undefined) {
      const { statSync } = await import('node:fs');
      const st = statSync(flags.runsDir, { throwIfNoEntry: false });
      if (!st) throw new UsageError(`--runs-dir: ${flags.runsDir} does not exist`);
      if (!st.isDirectory()) throw new UsageError(`--runs-dir: ${flags.runsDir} is not a folder`);
    }
    const knowledge = await knowledgeSettingsFrom(flags, true);
    let viewer: Awaited<ReturnType<typeof import('../../viewer/index.ts')['startViewer']>>;
    try {
      const { startViewer } = await import('../../viewer/index.ts');
      viewer = await startViewer({
        host: flags.host,
        port,
        run: flags.run,
        outRoot: flags.out,
        ...(flags.runsDir !== undefined ? { runsDir: flags.runsDir } : {}),
        version: VERSION,
        knowledge,
        maxClients: flags.maxClients,
        engine: flags.engine,
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UsageError(`--port: ${port} is in use on ${flags.host}; pick another with --port`);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`--host: cannot listen on ${flags.host}`);
      throw err;
    }
    if (viewer.token !== null) {
      process.stderr.write(
        `warning: listening on ${viewer.host}, not loopback: anyone who can reach this port and has the token can run\n` +
          'episodes and read run folders on this machine. Keep the URL private; from another machine, put this\n' +
          "machine's address in place of its host name.\n",
      );
    }
    process.stdout.write(`policyloop viewer: open ${viewer.url}\n`);
    process.stderr.write(
      knowledge
        ? `knowledge base: ${knowledge.file} (${knowledge.learn ? 'live episodes learn into it' : 'read only: --no-learn'})\n`
        : 'knowledge base: off (--no-kb)\n',
    );
    process.stderr.write('(Ctrl-C to stop)\n');
    await new Promise<void>((done) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void viewer.close().then(done);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  });
}
