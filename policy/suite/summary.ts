// summary.json: RoboTwin-2.0-comparable metrics per task and overall (docs/architecture.md#suite-records).
import type { ResultLine } from './results-file.ts';
import type { SuiteSettings } from './settings.ts';

export interface GroupSummary {
  episodes: number;
  /** Average success rate (task predicate at the end). */
  asr: number;
  /** successAtK[k] = share of episodes solved within k repairs (k = 0..maxRepairs). */
  successAtK: number[];
  firstAttemptSuccess: number;
  /** Mean attempts used (RoboTwin's CR-Iter). */
  crIter: number;
  tokensInPerEpisode: number;
  tokensOutPerEpisode: number;
  wallMsPerEpisode: number;
  errors: number;
}

export interface SuiteSummary {
  settings: SuiteSettings;
  versions: Record<string, string>;
  createdAt: string;
  /** Wall time of the whole suite run (ms); resumed runs count the last run only. */
  suiteWallMs: number;
  workers: number;
  overall: GroupSummary;
  tasks: Record<string, GroupSummary>;
  /** Each task's version (TaskDef.hash) its episodes ran (comma-separated if a file holds several). */
  taskVersions: Record<string, string>;
}

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

export function summarizeGroup(lines: readonly ResultLine[], maxRepairs: number): GroupSummary {
  const n = lines.length;
  const successAtK: number[] = [];
  for (let k = 0; k <= maxRepairs; k++) {
    successAtK.push(n === 0 ? 0 : round(lines.filter((l) => l.solvedAt !== null && l.solvedAt <= k).length / n));
  }
  return {
    episodes: n,
    asr: n === 0 ? 0 : round(lines.filter((l) => l.success).length / n),
    successAtK,
    firstAttemptSuccess: successAtK[0] ?? 0,
    crIter: round(mean(lines.map((l) => Math.max(1, l.attempts.length))), 3),
    tokensInPerEpisode: Math.round(mean(lines.map((l) => l.tokensIn))),
    tokensOutPerEpisode: Math.round(mean(lines.map((l) => l.tokensOut))),
    wallMsPerEpisode: Math.round(mean(lines.map((l) => l.wallMs))),
    errors: lines.filter((l) => l.error !== null).length,
  };
}

export function summarize(
  lines: readonly ResultLine[],
  meta: { settings: SuiteSettings; versions: Record<string, string>; suiteWallMs: number; workers: number },
): SuiteSummary {
  const byTask = new Map<string, ResultLine[]>();
  for (const l of lines) {
    const list = byTask.get(l.task) ?? [];
    list.push(l);
    byTask.set(l.task, list);
  }
  const tasks: Record<string, GroupSummary> = {};
  const taskVersions: Record<string, string> = {};
  for (const [task, list] of [...byTask].sort(([a], [b]) => a.localeCompare(b))) {
    tasks[task] = summarizeGroup(list, meta.settings.maxRepairs);
    taskVersions[task] = [...new Set(list.map((l) => l.taskHash ?? 'unknown'))].join(',');
  }
  return {
    settings: meta.settings,
    versions: meta.versions,
    createdAt: new Date().toISOString(),
    suiteWallMs: Math.round(meta.suiteWallMs),
    workers: meta.workers,
    overall: summarizeGroup(lines, meta.settings.maxRepairs),
    tasks,
    taskVersions,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;

/** The final table on the terminal. */
export function summaryTable(s: SuiteSummary): string {
  const rows: string[][] = [
    ['task', 'eps', 'ASR', ...s.overall.successAtK.map((_, k) => `@${k}`), 'CR-Iter', 'tok in', 'tok out', 'wall s', 'err'],
  ];
  const row = (name: string, g: GroupSummary): string[] => [
    name,
    String(g.episodes),
    pct(g.asr),
    ...g.successAtK.map(pct),
    g.crIter.toFixed(2),
    String(g.tokensInPerEpisode),
    String(g.tokensOutPerEpisode),
    (g.wallMsPerEpisode / 1000).toFixed(2),
    String(g.errors),
  ];
  for (const [task, g] of Object.entries(s.tasks)) rows.push(row(task, g));
  rows.push(row('overall', s.overall));
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const fmt = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const lines = rows.map(fmt);
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.splice(lines.length - 1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}
