// results.jsonl: one line per finished episode, appended and flushed before the next is
// reported, so a crash or Ctrl-C loses nothing finished. `--resume` reads it back.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { EpisodeRecord } from '../loop/records.ts';
import type { CorrectorRecord } from '../corrections/simulated-corrector.ts';
import type { SuiteSettings } from './settings.ts';
import { describeSettingsDifference, settingsKey } from './settings.ts';

export interface ResultLine extends EpisodeRecord {
  settings: SuiteSettings;
  settingsKey: string;
  /** Why the episode could not run to its end (worker exception, browser crash, model error); null otherwise. */
  error: string | null;
  /** Episode folder, relative to the suite's output folder. */
  dir: string;
  /** With `--corrector simulated`: the phrases the simulated person said and what came of them. */
  corrector?: CorrectorRecord;
}

export class ResultsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function episodeKey(task: string, seed: number): string {
  return `${task}#${seed}`;
}

/** Reads a results file; a torn last line (a crash mid-write) is ignored, any other bad line is an error. */
export function readResults(file: string): ResultLine[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: ResultLine[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line) as ResultLine);
    } catch {
      const isLast = lines.slice(i + 1).every((l) => l.trim() === '');
      if (!isLast) throw new ResultsFileError(`${file}:${i + 1}: not a JSON line; the results file is damaged`);
    }
  });
  return out;
}

/** A task whose version in the results file is not the current one. */
export interface ChangedTask {
  task: string;
  /** The versions its rows were run with ("unknown" for rows written before task versions). */
  from: string[];
  to: string;
  /** Its episodes (task#seed) in the file, which must run again. */
  episodes: string[];
}

export interface ResumeState {
  /** Keys (task#seed) of the episodes already done at the current settings and task versions. */
  done: Set<string>;
  /** Tasks of this run whose rows in the file are of another version: their episodes run again. */
  changed: ChangedTask[];
}

/**
 * What `--resume` may keep. Earlier rows must have the same settings (else a one-line
 * refusal). A row counts as done only when its settings key — the settings and its task's
 * version — matches the current one (`taskHashes`: task id → TaskDef.hash of this run);
 * rows of another version of a task of this run are reported in `changed` and their
 * episodes run again (the summary then uses only current rows: `currentRows`).
 */
export function resumableEpisodes(file: string, settings: SuiteSettings, taskHashes: ReadonlyMap<string, string> = new Map()): ResumeState {
  const key = settingsKey(settings);
  const done = new Set<string>();
  const changed = new Map<string, ChangedTask>();
  for (const r of readResults(file)) {
    if (r.settings === undefined || settingsKey(r.settings) !== key) {
      const diff = r.settings ? describeSettingsDifference(r.settings, settings) : 'no settings recorded';
      throw new ResultsFileError(
        `${file} holds episodes run with different settings (${diff}); resume with the same settings or choose another --out`,
      );
    }
    const now = taskHashes.get(r.task);
    if (now !== undefined && r.settingsKey !== settingsKey(settings, now)) {
      const c = changed.get(r.task) ?? { task: r.task, from: [], to: now, episodes: [] };
      const was = r.taskHash ?? 'unknown';
      if (!c.from.includes(was)) c.from.push(was);
      c.episodes.push(episodeKey(r.task, r.seed));
      changed.set(r.task, c);
      continue;
    }
    done.add(episodeKey(r.task, r.seed));
  }
  for (const c of changed.values()) c.episodes = c.episodes.filter((e) => !done.has(e));
  return { done, changed: [...changed.values()].filter((c) => c.episodes.length > 0) };
}

/**
 * The rows a summary counts: for a task of this run (`taskHashes`), only rows of its current
 * version; the last row of each episode when one ran more than once. Rows of other tasks stay.
 */
export function currentRows(lines: readonly ResultLine[], taskHashes: ReadonlyMap<string, string>): ResultLine[] {
  const last = new Map<string, ResultLine>();
  for (const l of lines) {
    const now = taskHashes.get(l.task);
    if (now !== undefined && l.taskHash !== now) continue;
    last.set(episodeKey(l.task, l.seed), l);
  }
  return lines.filter((l) => last.get(episodeKey(l.task, l.seed)) === l);
}

/** Appends lines with an fsync per line: a line is on disk before the episode is reported. */
export class ResultsWriter {
  private fd: number;
  readonly file: string;
  constructor(file: string) {
    this.file = file;
    this.fd = openSync(file, 'a');
  }
  append(line: ResultLine): void {
    writeSync(this.fd, JSON.stringify(line) + '\n');
    fsyncSync(this.fd);
  }
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
