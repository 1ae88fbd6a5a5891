// bench/: the performance figures of `policyloop bench` (physics, sandbox, render, viewer page,
// episode, pixels perception, knowledge base, suite) and, in monitor-accuracy/, the monitor accuracy benchmark of
// `eval-monitor`. Both run programs, so bench/ sits above policy/.

export { runBench, median, type BenchFigures, type BenchOptions } from './bench.ts';
export { engineFigures, engineLines, type EngineFigure, type EngineFigures } from './engines.ts';
export { suiteFigure, type SuiteFigure } from './suite-bench.ts';
export { queueFigure, queueLine, type QueueFigure, type QueueThroughput } from './queue-bench.ts';
export { modelLatencyFigure, type ModelLatencyFigure } from './concurrency-bench.ts';
export { perceptionFigure, type PerceptionFigure } from './perception-bench.ts';
export { samplePeakRss, treeRssBytes } from './process-memory.ts';
export { startupFigure, suiteWorkerEntry, workerReadyMs, type StartupFigure, type StartupOptions } from './startup.ts';
export * from './monitor-accuracy/index.ts';
export { viewerFigure, viewerLine, VIEWER_TARGETS, type ViewerFigure } from './viewer-bench.ts';
export { benchKnowledge, type KnowledgeBenchFigures, type KnowledgeBenchOptions } from './knowledge.ts';
