// Cross-engine results (`suite --engines rapier,cannon`, docs/architecture.md#suite-records):
// the same episodes run on each engine, each engine's suite in its own folder, then compared
// here: per-engine ASR, engine-robust success (solved on every engine), agreement, and the
// episodes only one engine solves with what went wrong on the other — a program whose
// success rests on one engine's contact quirks is brittle.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentRows, episodeKey, readResults } from './results-file.ts';
import type { ResultLine } from './results-file.ts';

export interface EngineFigure {
  engine: string;
  /** Episodes recorded on this engine (of those compared). */
  episodes: number;
  succeeded: number;
  asr: number;
}

/** How an episode went on one engine. */
export interface EngineOutcome {
  engine: string;
  success: boolean;
  attempts: number;
  /** The task check's result, as recorded. */
  successDetail: string;
  /** The last attempt's diagnosis kind (null when it succeeded or had none), or the episode's error. */
  diagnosis: string | null;
  /** Episode folder, relative to the comparison's folder. */
  dir: string;
}

export interface SplitEpisode {
  task: string;
  seed: number;
  outcomes: EngineOutcome[];
}

export interface EngineComparison {
  engines: string[];
  /** Episodes recorded on every engine: the ones compared. */
  episodes: number;
  perEngine: EngineFigure[];
  /** Solved on every engine. */
  robust: { succeeded: number; rate: number };
  /** Same outcome (solved or not) on every engine. */
  agreement: { episodes: number; rate: number };
  /** Solved on some engines and not on others, with each engine's outcome. */
  split: SplitEpisode[];
  /** Episodes recorded on some engines only (an interrupted run): not compared. */
  incomplete: { task: string; seed: number; engines: string[] }[];
}

function outcome(engine: string, line: ResultLine): EngineOutcome {
  const last = line.attempts.at(-1);
  return {
    engine,
    success: line.success,
    attempts: line.attempts.length,
    successDetail: line.successDetail,
    diagnosis: line.error ?? (line.success ? null : (last?.diagnosisKind ?? null)),
    dir: join(engine, line.dir),
  };
}

/** Compares the engines' results, episode by episode (task and seed). `byEngine` in the order to report. */
export function compareEngines(byEngine: ReadonlyMap<string, readonly ResultLine[]>): EngineComparison {
  const engines = [...byEngine.keys()];
  const rows = new Map<string, { task: string; seed: number; by: Map<string, ResultLine> }>();
  for (const [engine, lines] of byEngine) {
    for (const line of lines) {
      const key = episodeKey(line.task, line.seed);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { task: line.task, seed: line.seed, by: new Map() }));
      row.by.set(engine, line);
    }
  }
  const complete = [...rows.values()].filter((r) => r.by.size === engines.length);
  const incomplete = [...rows.values()]
    .filter((r) => r.by.size < engines.length)
    .map((r) => ({ task: r.task, seed: r.seed, engines: engines.filter((e) => r.by.has(e)) }));
  const n = complete.length;
  const rate = (k: number): number => (n === 0 ? 0 : k / n);
  const perEngine = engines.map((engine) => {
    const succeeded = complete.filter((r) => r.by.get(engine)!.success).length;
    return { engine, episodes: n, succeeded, asr: rate(succeeded) };
  });
  const robust = complete.filter((r) => engines.every((e) => r.by.get(e)!.success)).length;
  const agree = complete.filter((r) => new Set(engines.map((e) => r.by.get(e)!.success)).size === 1).length;
  const split = complete
    .filter((r) => new Set(engines.map((e) => r.by.get(e)!.success)).size > 1)
    .sort((a, b) => a.task.localeCompare(b.task) || a.seed - b.seed)
    .map((r) => ({ task: r.task, seed: r.seed, outcomes: engines.map((e) => outcome(e, r.by.get(e)!)) }));
  return {
    engines,
    episodes: n,
    perEngine,
    robust: { succeeded: robust, rate: rate(robust) },
    agreement: { episodes: agree, rate: rate(agree) },
    split,
    incomplete,
  };
}

/**
 * Reads each engine's results (`<outDir>/<engine>/results.jsonl`): the episodes of these tasks
 * (their current versions) and seeds only, as the run asked for them.
 */
export function readEngineResults(
  outDir: string,
  engines: readonly string[],
  tasks: readonly { id: string; hash: string }[],
  seeds: readonly number[],
): Map<string, ResultLine[]> {
  const hashes = new Map(tasks.map((t) => [t.id, t.hash]));
  const wanted = new Set(seeds);
  return new Map(
    engines.map((e) => [
      e,
      currentRows(readResults(join(outDir, e, 'results.jsonl')), hashes).filter((l) => hashes.has(l.task) && wanted.has(l.seed)),
    ]),
  );
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** The comparison as text for the terminal. */
export function engineComparisonTable(c: EngineComparison): string {
  const lines = [`engines: ${c.engines.join(', ')} · ${c.episodes} episode(s) on every engine`];
  for (const f of c.perEngine) lines.push(`  ${f.engine.padEnd(8)} ASR ${pct(f.asr).padStart(6)}  (${f.succeeded}/${f.episodes})`);
  lines.push(`  engine-robust success ${pct(c.robust.rate)} (${c.robust.succeeded}/${c.episodes}: solved on every engine)`);
  lines.push(`  agreement ${pct(c.agreement.rate)} (${c.agreement.episodes}/${c.episodes}: the same outcome on every engine)`);
  if (c.split.length > 0) {
    lines.push(`solved on some engines only (${c.split.length}):`);
    for (const s of c.split) {
      const on = s.outcomes.filter((o) => o.success).map((o) => o.engine);
      const off = s.outcomes.filter((o) => !o.success);
      lines.push(
        `  ${s.task} seed ${s.seed}: solved on ${on.join(', ')}; ${off.map((o) => `${o.engine}: ${o.diagnosis ?? 'failed'} — ${o.successDetail}`).join('; ')}`,
      );
    }
  }
  if (c.incomplete.length > 0)
    lines.push(`not on every engine (not compared): ${c.incomplete.map((i) => `${i.task} seed ${i.seed}`).join(', ')}`);
  return lines.join('\n');
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A small HTML page: the table, and links to each engine's report and to the split episodes' folders. */
export function renderEngineReport(c: EngineComparison, createdAt: string): string {
  const rows = c.perEngine
    .map(
      (f) =>
        `<tr><td><a href="${esc(f.engine)}/report.html">${esc(f.engine)}</a></td><td>${pct(f.asr)}</td><td>${f.succeeded}/${f.episodes}</td></tr>`,
    )
    .join('');
  const split = c.split
    .map(
      (s) =>
        `<tr><td>${esc(s.task)}</td><td>${s.seed}</td>${s.outcomes
          .map(
            (o) =>
              `<td class="${o.success ? 'ok' : 'fail'}"><a href="${esc(o.dir)}/">${o.success ? '✓' : '✗'} ${o.attempts} attempt(s)</a>${o.success ? '' : `<br><small>${esc(o.diagnosis ?? 'failed')}: ${esc(o.successDetail)}</small>`}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>policyloop engines: ${esc(c.engines.join(', '))}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1f2430}table{border-collapse:collapse;margin:8px 0 18px}td,th{border:1px solid #d8dce3;padding:4px 10px;text-align:left;vertical-align:top}th{background:#f4f6f8}.ok{background:#eef8f0}.fail{background:#fdf0f0}small{color:#5b6472}td a{white-space:nowrap}</style></head>
<body><h1>Engines: ${esc(c.engines.join(', '))}</h1>
<p>${c.episodes} episode(s) ran on every engine · ${esc(createdAt)}</p>
<table><tr><th>engine</th><th>ASR</th><th>solved</th></tr>${rows}</table>
<p><strong>Engine-robust success ${pct(c.robust.rate)}</strong> (${c.robust.succeeded}/${c.episodes}: solved on every engine) · agreement ${pct(c.agreement.rate)} (${c.agreement.episodes}/${c.episodes}: the same outcome on every engine)</p>
<h2>Solved on some engines only (${c.split.length})</h2>
${c.split.length === 0 ? '<p>None.</p>' : `<table><tr><th>task</th><th>seed</th>${c.engines.map((e) => `<th>${esc(e)}</th>`).join('')}</tr>${split}</table>`}
${c.incomplete.length === 0 ? '' : `<p>Not on every engine (not compared): ${esc(c.incomplete.map((i) => `${i.task} seed ${i.seed}`).join(', '))}</p>`}
</body></html>
`;
}

/** Writes `engines.json` and `engines.html` into the comparison's folder; returns their paths. */
export function writeEngineComparison(outDir: string, c: EngineComparison): { json: string; html: string } {
  const createdAt = new Date().toISOString();
  const json = join(outDir, 'engines.json');
  const html = join(outDir, 'engines.html');
  writeFileSync(json, JSON.stringify({ ...c, createdAt }, null, 2) + '\n');
  writeFileSync(html, renderEngineReport(c, createdAt));
  return { json, html };
}
