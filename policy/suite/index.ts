// Batch suites: episodes on a worker pool, results.jsonl, summary.json and report.html.

export { runSuite, type SuiteOptions, type SuiteResult, type SuiteProgress } from './run-suite.ts';
export {
  PoolExecutor,
  defaultWorkers,
  defaultConcurrency,
  DEFAULT_WORKER_MODULE,
  type EpisodeExecutor,
  type PoolExecutorOptions,
} from './executor.ts';
export { settingsKey, describeSettingsDifference, pickSettings, type SuiteSettings } from './settings.ts';
export {
  summarize,
  summarizeGroup,
  summarizeCorrections,
  summaryTable,
  correctionsTable,
  type SuiteSummary,
  type GroupSummary,
  type CorrectionSummary,
} from './summary.ts';
export {
  readResults,
  resumableEpisodes,
  currentRows,
  episodeKey,
  ResultsWriter,
  ResultsFileError,
  type ResultLine,
  type ChangedTask,
  type ResumeState,
} from './results-file.ts';
export { renderReportHtml, writeReport } from './report-html.ts';
export { errorLine, type EpisodeJob } from './episode-job.ts';
