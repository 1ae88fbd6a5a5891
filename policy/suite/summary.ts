// summary.json: RoboTwin-2.0-comparable metrics per task and overall (docs/architecture.md#suite-records).
import type { ResultLine } from './results-file.ts';
import type { SuiteSettings } from './settings.ts';
import type { CorrectorStop } from '../corrections/simulated-corrector.ts';
import { costUsd, priceOf, type ModelPrice, type PriceTable } from '../../llm/prices.ts';

/** What the suite's tokens cost (a price table: `--prices FILE` or the defaults for OpenAI's models). */
export interface SuiteCost {
  currency: 'USD';
  /** Where the prices came from: the file given, or "defaults (OpenAI list prices as of …)". */
  source: string;
  /** The price per million tokens of each model that spent tokens and has one. */
  prices: Record<string, ModelPrice>;
  totalUsd: number;
  perEpisodeUsd: number;
  /** Models that spent tokens but have no price: their tokens are not in the figures. */
  unpriced: string[];
}

/** The price table a summary uses and where it came from. */
export interface Pricing {
  table: PriceTable;
  source: string;
}

/** With `--corrector simulated`: what the simulated person had to say per task (docs/architecture.md#suite-records). */
export interface CorrectionSummary {
  /** The cap K (`--max-corrections`). */
  maxCorrections: number;
  /** successAfter[c] = share of episodes whose task check held after at most c corrections (c = 0..K). */
  successAfter: number[];
  /** Episodes the task check held in, at some point. */
  solved: number;
  /** Over solved episodes: corrections said before the task check first held (mean, max); null when none was solved. */
  toSolveMean: number | null;
  toSolveMax: number | null;
  /** Phrases said in all, those the session applied (a new program), and those not applied (unread, no program, refused). */
  said: number;
  applied: number;
  notApplied: number;
  /** The programmer's class of each phrase said (refused texts have none). */
  classes: { plan: number; skill: number };
  /** Why the corrector stopped, per episode. */
  stops: Partial<Record<CorrectorStop, number>>;
}

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
  /** With `--corrector simulated` only. */
  corrections?: CorrectionSummary;
  /** Dollars per episode, when the models that spent tokens have prices. */
  costUsdPerEpisode?: number;
}

export interface SuiteSummary {
  settings: SuiteSettings;
  versions: Record<string, string>;
  createdAt: string;
  /** Wall time of the whole suite run (ms); resumed runs count the last run only. */
  suiteWallMs: number;
  workers: number;
  /** Episodes in flight at once (`--concurrency`; absent in summaries written before it). */
  concurrency?: number;
  overall: GroupSummary;
  tasks: Record<string, GroupSummary>;
  /** Each task's version (TaskDef.hash) its episodes ran (comma-separated if a file holds several). */
  taskVersions: Record<string, string>;
  /** Present when model tokens were spent (not with the builtin programmer). */
  cost?: SuiteCost;
}

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

/** The corrections figures of a group of episodes run with the simulated corrector (K = the cap). */
export function summarizeCorrections(lines: readonly ResultLine[], maxCorrections: number): CorrectionSummary {
  const n = lines.length;
  const solvedAfter = lines.map((l) => l.corrector?.solvedAfter ?? null);
  const solved = solvedAfter.filter((c): c is number => c !== null);
  const said = lines.flatMap((l) => l.corrector?.said ?? []);
  const stops: Partial<Record<CorrectorStop, number>> = {};
  for (const l of lines) if (l.corrector) stops[l.corrector.stop] = (stops[l.corrector.stop] ?? 0) + 1;
  return {
    maxCorrections,
    successAfter: Array.from({ length: maxCorrections + 1 }, (_, c) => (n === 0 ? 0 : round(solved.filter((x) => x <= c).length / n))),
    solved: solved.length,
    toSolveMean: solved.length === 0 ? null : round(mean(solved), 3),
    toSolveMax: solved.length === 0 ? null : Math.max(...solved),
    said: said.length,
    applied: said.filter((x) => x.applied).length,
    notApplied: said.filter((x) => !x.applied).length,
    classes: { plan: said.filter((x) => x.class === 'plan').length, skill: said.filter((x) => x.class === 'skill').length },
    stops,
  };
}

/** One episode's dollars: the code model's tokens at its price, the vlm monitor's at the vision model's. */
/** The models that spent an episode's tokens: [model, tokens in, tokens out], the code model's and the vlm monitor's. */
function spendingModels(line: ResultLine): [string | null, number, number][] {
  const monitorIn = line.attempts.reduce((a, r) => a + (r.monitorTokensIn ?? 0), 0);
  const monitorOut = line.attempts.reduce((a, r) => a + (r.monitorTokensOut ?? 0), 0);
  const parts: [string | null, number, number][] = [
    [line.model, line.tokensIn - monitorIn, line.tokensOut - monitorOut],
    [line.settings?.vlmModel ?? null, monitorIn, monitorOut],
  ];
  return parts.filter(([, tin, tout]) => tin + tout > 0);
}

export function episodeCost(line: ResultLine, table: PriceTable): { usd: number; unpriced: string[]; priced: boolean } {
  const parts = spendingModels(line);
  let usd = 0;
  let priced = false;
  const unpriced: string[] = [];
  for (const [model, tin, tout] of parts) {
    const price = model ? priceOf(model, table) : null;
    if (price) {
      usd += costUsd(price, tin, tout);
      priced = true;
    } else unpriced.push(model ?? '(unnamed model)');
  }
  return { usd, unpriced, priced };
}

export function summarizeGroup(
  lines: readonly ResultLine[],
  maxRepairs: number,
  maxCorrections?: number,
  prices?: PriceTable,
): GroupSummary {
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
    ...(maxCorrections !== undefined ? { corrections: summarizeCorrections(lines, maxCorrections) } : {}),
    ...(prices ? optional('costUsdPerEpisode', groupCost(lines, prices)) : {}),
  };
}

/** Dollars per episode of a group; undefined when no model spent tokens or none of them has a price (unknown, not free). */
function groupCost(lines: readonly ResultLine[], prices: PriceTable): number | undefined {
  const costs = lines.map((l) => episodeCost(l, prices));
  return costs.some((c) => c.priced) ? round(mean(costs.map((c) => c.usd)), 6) : undefined;
}

/** The suite's cost, or undefined when no model spent tokens. */
export function summarizeCost(lines: readonly ResultLine[], pricing: Pricing): SuiteCost | undefined {
  if (!lines.some((l) => l.tokensIn + l.tokensOut > 0)) return undefined;
  const costs = lines.map((l) => episodeCost(l, pricing.table));
  const prices: Record<string, ModelPrice> = {};
  for (const l of lines) {
    for (const [m] of spendingModels(l)) {
      const p = m ? priceOf(m, pricing.table) : null;
      if (m && p) prices[m] = p;
    }
  }
  const total = costs.reduce((a, c) => a + c.usd, 0);
  return {
    currency: 'USD',
    source: pricing.source,
    prices,
    totalUsd: round(total, 6),
    perEpisodeUsd: round(total / lines.length, 6),
    unpriced: [...new Set(costs.flatMap((c) => c.unpriced))].sort(),
  };
}

/** K when the suite ran with the simulated corrector, else undefined. */
function correctionCap(s: SuiteSettings): number | undefined {
  return s.corrector ? (s.maxCorrections ?? 3) : undefined;
}

export function summarize(
  lines: readonly ResultLine[],
  meta: {
    settings: SuiteSettings;
    versions: Record<string, string>;
    suiteWallMs: number;
    workers: number;
    concurrency?: number;
    pricing?: Pricing;
  },
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
    tasks[task] = summarizeGroup(list, meta.settings.maxRepairs, correctionCap(meta.settings), meta.pricing?.table);
    taskVersions[task] = [...new Set(list.map((l) => l.taskHash ?? 'unknown'))].join(',');
  }
  return {
    settings: meta.settings,
    versions: meta.versions,
    createdAt: new Date().toISOString(),
    suiteWallMs: Math.round(meta.suiteWallMs),
    workers: meta.workers,
    ...(meta.concurrency !== undefined ? { concurrency: meta.concurrency } : {}),
    overall: summarizeGroup(lines, meta.settings.maxRepairs, correctionCap(meta.settings), meta.pricing?.table),
    tasks,
    taskVersions,
    ...(meta.pricing ? optional('cost', summarizeCost(lines, meta.pricing)) : {}),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;

/** "$0.0123" with enough digits for small sums. */
export function formatUsd(x: number): string {
  return x >= 100 ? `$${x.toFixed(0)}` : x >= 1 ? `$${x.toFixed(2)}` : `$${x.toPrecision(3)}`;
}

/** One line on the suite's cost, or null when no model spent tokens. */
export function costLine(s: SuiteSummary): string | null {
  const c = s.cost;
  if (!c) return null;
  const missing = c.unpriced.join(', ');
  if (Object.keys(c.prices).length === 0) return `cost: unknown, no price for ${missing} (give --prices FILE)`;
  const unpriced = c.unpriced.length ? `; no price for ${missing} (its tokens not counted; give --prices FILE)` : '';
  return `cost: ${formatUsd(c.totalUsd)} in all, ${formatUsd(c.perEpisodeUsd)} per episode (${c.source})${unpriced}`;
}

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
  const cost = costLine(s);
  if (cost) lines.push('', cost);
  const corrections = correctionsTable(s);
  return corrections ? `${lines.join('\n')}\n\n${corrections}` : lines.join('\n');
}

/** The corrections table (suites run with the simulated corrector), else null. */
export function correctionsTable(s: SuiteSummary): string | null {
  const o = s.overall.corrections;
  if (!o) return null;
  const rows: string[][] = [
    ['task', 'eps', 'solved', ...o.successAfter.map((_, c) => `≤${c}`), 'mean', 'max', 'said', 'applied', 'plan', 'skill'],
  ];
  const row = (name: string, g: GroupSummary): string[] => {
    const c = g.corrections!;
    return [
      name,
      String(g.episodes),
      String(c.solved),
      ...c.successAfter.map(pct),
      c.toSolveMean === null ? '-' : c.toSolveMean.toFixed(2),
      c.toSolveMax === null ? '-' : String(c.toSolveMax),
      String(c.said),
      String(c.applied),
      String(c.classes.plan),
      String(c.classes.skill),
    ];
  };
  for (const [task, g] of Object.entries(s.tasks)) if (g.corrections) rows.push(row(task, g));
  rows.push(row('overall', s.overall));
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const fmt = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const lines = rows.map(fmt);
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.splice(lines.length - 1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return [
    `corrections by the simulated person (at most ${o.maxCorrections} per episode): ≤c = task done after at most c corrections; mean, max = corrections to success over solved episodes; said / applied = phrases given / that produced a new program; plan, skill = their classes`,
    ...lines,
  ].join('\n');
}
