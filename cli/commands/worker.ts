// `policyloop worker --queue redis://…`: takes a suite's episodes from a Redis queue and runs
// them here (docs/queue.md). Start one on each machine of a sweep; stop it with Ctrl-C.
import type { Command } from 'commander';
import { intArg } from '../errors.ts';
import { knowledgeSettingsFrom, withKnowledgeOptions, withModelTimeout, type KnowledgeFlags } from './common.ts';

interface WorkerFlags extends KnowledgeFlags {
  queue: string;
  queueName?: string;
  concurrency?: number;
  workers?: number;
  out?: string;
  json?: boolean;
  maxRpm?: number;
  maxTpm?: number;
  maxInflight?: number;
}

export function registerWorkerCommand(program: Command): void {
  const cmd = program
    .command('worker')
    .description('run suite episodes from a Redis queue (the other side of `suite --queue`); stop with Ctrl-C')
    .requiredOption('--queue <url>', 'the Redis the suite enqueues on: redis://HOST[:PORT][/DB]')
    .option('--queue-name <name>', 'the queue (default policyloop; the same as the suite’s --queue-name)')
    .option('--concurrency <n>', 'episodes in flight at once in this process (default: the thread count)', intArg(1))
    .option('--workers <n>', 'worker threads (default: the number of cores, never more than --concurrency)', intArg(1))
    .option('--max-rpm <n>', "this worker's model requests per minute, per server (a server's budget divided among the workers)", intArg(1))
    .option('--max-tpm <n>', "this worker's model tokens per minute, per server", intArg(1))
    .option('--max-inflight <n>', "this worker's model requests in flight at once, per server", intArg(1))
    .option('--out <dir>', 'where run folders go (default runs/worker-<host>-<pid>)')
    .option('--json', 'one JSON line per episode');
  withModelTimeout(cmd);
  withKnowledgeOptions(cmd, { learnFlag: false }).action(async (f: WorkerFlags) => {
    // The suite fingerprints its knowledge base; a worker must read the same one (copy the file).
    const kb = await knowledgeSettingsFrom(f, false);
    const { knowledgeFingerprint } = kb ? await import('../../policy/knowledge/index.ts') : { knowledgeFingerprint: null };
    const kbFile = kb && knowledgeFingerprint?.(kb.file) ? kb.file : null;
    const { runQueueWorker } = await import('../../policy/suite/queue/queue-worker.ts');
    const ac = new AbortController();
    let lockS = 30;
    const onSignal = (sig: NodeJS.Signals): void => {
      if (ac.signal.aborted) {
        process.stderr.write(`\nworker: stopped now; the jobs it held go back to the queue within ${lockS} s\n`);
        process.exit(130);
      }
      ac.abort();
      process.stderr.write(
        `\nworker: ${sig}: finishing the episodes in flight, taking no new ones (${sig === 'SIGINT' ? 'Ctrl-C' : sig} again to stop now)\n`,
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const { queueTiming } = await import('../../policy/suite/queue/queue-job.ts');
      lockS = Math.ceil(queueTiming().lockDurationMs / 1000);
      const result = await runQueueWorker({
        url: f.queue,
        queueName: f.queueName,
        concurrency: f.concurrency,
        workers: f.workers,
        out: f.out,
        modelLimits: { maxRpm: f.maxRpm ?? null, maxTpm: f.maxTpm ?? null, maxInflight: f.maxInflight ?? null },
        knowledgeFile: kbFile,
        signal: ac.signal,
        onReady: (i) =>
          process.stderr.write(
            `worker: queue ${i.queue} on ${i.url} (redis ${i.redis}), ${i.concurrency} episode(s) at once on ${i.threads} thread(s), run folders in ${i.out}; stop with Ctrl-C or SIGTERM\n`,
          ),
        onEpisode: (line, info) => {
          if (f.json)
            process.stdout.write(
              JSON.stringify({
                task: line.task,
                seed: line.seed,
                success: line.success,
                attempts: line.attempts.length,
                wallMs: line.wallMs,
                error: line.error,
                job: info.jobId,
                files: info.files,
                bytes: info.bytes,
              }) + '\n',
            );
          else
            process.stdout.write(
              `${line.success ? 'ok  ' : 'FAIL'} ${line.task} seed ${line.seed}  attempts ${line.attempts.length}  ${(line.wallMs / 1000).toFixed(2)}s  sent ${info.files} file(s), ${(info.bytes / 1024).toFixed(0)} KiB${info.left > 0 ? ` (${info.left} left here: over the limit)` : ''}${line.error ? `  error: ${line.error}` : ''}\n`,
            );
        },
        onNote: (text) => process.stderr.write(`worker: ${text}\n`),
      });
      process.stderr.write(`worker: stopped after ${result.ran} episode(s); run folders in ${result.out}\n`);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  });
}
