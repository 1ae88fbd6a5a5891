// A real redis-server for a test: on a free loopback port, no persistence, stopped by
// `stop()` (and killed with the test process if that dies first). The starter lives with the
// queue bench (bench/queue-bench.ts), which needs one too and cannot import test/.
import { redisServerPath } from '../../bench/queue-bench.ts';

export { freePort, redisServerPath, startRedisServer, type RedisServer } from '../../bench/queue-bench.ts';

/** Why the queue tests are skipped, or null when redis-server is there (CI installs it: .ci/run). */
export const NO_REDIS_REASON: string | null = redisServerPath()
  ? null
  : 'redis-server is not installed (apt-get install redis-server; .ci/run installs it)';
