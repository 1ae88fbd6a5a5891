// Suites across machines on a Redis queue (docs/queue.md): the coordinator's executor and the worker.
export { QueueExecutor, type QueueExecutorOptions, type QueueStatus } from './queue-executor.ts';
export { runQueueWorker, type QueueWorkerOptions, type QueueWorkerResult } from './queue-worker.ts';
export { episodeJobId, queueTiming, JOB_FORMAT, type QueueJobData, type QueueJobResult, type QueueTiming } from './queue-job.ts';
export { parseRedisUrl, checkRedis, checkQueueName, DEFAULT_QUEUE_NAME, QueueError, type RedisTarget } from './redis-url.ts';
export { shipTask, taskFromShipped } from './shipped-task.ts';
export { collectEpisodeFiles, writeEpisodeFiles, MAX_EPISODE_BYTES, MAX_FILE_BYTES } from './episode-files.ts';
