// results.jsonl: one line per finished episode, appended and flushed before the next is
// reported, so a crash or Ctrl-C loses nothing finished. `--resume` reads it back.
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import type { EpisodeRecord } from '../loop/records.ts';
import type { CorrectorRecord } from '../corrections/simulated-corrector.ts';
import type { SuiteSettings } from './settings.ts';
import { describeSettingsDifference, settingsKey } from './settings.ts';

export interface ResultLine extends EpisodeRecord {
  settings: SuiteSettings;
  settingsKey: string;
  /** Why the episode could not run to its end (worker exception, browser crash, model error); null otherwise. */
  error: string | null;
  /**
   * What kind of error `error` is, when the suite knows: `TimeoutError` (past `--episode-timeout`; its
   * thread was stopped), `WorkerError` (the worker thread died), else the thrown error's name.
   */
  errorKind?: string;
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

/** What `repairTail` did to a results file whose last line was cut off mid-write. */
export interface DroppedTail {
  /** Bytes of the partial line removed. */
  bytes: number;
  /** Its line number (1-based). */
  line: number;
}

/**
 * Makes a results file end with a whole line before more are appended: a last line cut off
 * mid-write (a crash, a kill, a full disk) is removed, so the next line does not run into it
 * and the episode it was runs again; a complete JSON last line without its newline gets one.
 * Returns what was dropped, or null.
 */
export function repairTail(file: string): DroppedTail | null {
  if (!existsSync(file)) return null;
  const fd = openSync(file, 'r+');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return null;
    // Read backwards until a newline: the tail after it is the last line.
    let end = size;
    let tail = Buffer.alloc(0);
    let start = -1;
    while (end > 0 && start < 0) {
      const n = Math.min(64 * 1024, end);
      const chunk = Buffer.alloc(n);
      readSync(fd, chunk, 0, n, end - n);
      tail = Buffer.concat([chunk, tail]);
      end -= n;
      const nl = chunk.lastIndexOf(0x0a);
      if (nl >= 0) start = end + nl + 1;
    }
    if (start < 0) start = 0;
    const last = tail.subarray(tail.length - (size - start)).toString('utf8');
    if (last.length === 0) return null; // ends with a newline
    try {
      JSON.parse(last);
      writeSync(fd, '\n', size);
      fsyncSync(fd);
      return null;
    } catch {
      ftruncateSync(fd, start);
      fsyncSync(fd);
      const line = start === 0 ? 1 : readFileSync(file, 'utf8').split('\n').length;
      return { bytes: size - start, line };
    }
  } finally {
    closeSync(fd);
  }
}

/** Appending a line failed (a full disk, a file made read-only, an I/O error): the suite stops. */
export class ResultsWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultsFileError';
  }
}

/**
 * Appends lines with an fsync per line: a line is on disk before the episode is reported. A
 * write that fails (or is cut short) leaves no partial line behind: the file is cut back to
 * its last whole line and the append throws a ResultsWriteError.
 */
export class ResultsWriter {
  private fd: number;
  readonly file: string;
  constructor(file: string) {
    this.file = file;
    try {
      this.fd = openSync(file, 'a');
    } catch (err) {
      throw new ResultsWriteError(`cannot write ${file}: ${(err as Error).message}`);
    }
  }
  append(line: ResultLine): void {
    const bytes = Buffer.from(JSON.stringify(line) + '\n', 'utf8');
    let before = -1;
    try {
      before = fstatSync(this.fd).size;
      let off = 0;
      while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
      fsyncSync(this.fd);
    } catch (err) {
      if (before >= 0) {
        try {
          ftruncateSync(this.fd, before);
        } catch {
          /* the tail is repaired on --resume (repairTail) */
        }
      }
      throw new ResultsWriteError(`cannot write ${this.file}: ${(err as Error).message}`);
    }
  }
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
