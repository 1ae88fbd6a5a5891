// results.jsonl: one line per finished episode, appended and flushed before the next is
// reported, so a crash or Ctrl-C loses nothing finished. `--resume` reads it back.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { EpisodeRecord } from '../loop/records.ts';
import type { SuiteSettings } from './settings.ts';
import { describeSettingsDifference, settingsKey } from './settings.ts';

export interface ResultLine extends EpisodeRecord {
  settings: SuiteSettings;
  settingsKey: string;
  /** Why the episode could not run to its end (worker exception, browser crash, model error); null otherwise. */
  error: string | null;
  /** Episode folder, relative to the suite's output folder. */
  dir: string;
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

/**
 * Checks that earlier results were run with the same settings; returns the keys of the
 * episodes already done. Throws a one-line refusal when settings differ.
 */
export function resumableEpisodes(file: string, settings: SuiteSettings): Set<string> {
  const key = settingsKey(settings);
  const done = new Set<string>();
  for (const r of readResults(file)) {
    if (r.settingsKey !== key) {
      throw new ResultsFileError(
        `${file} holds episodes run with different settings (${describeSettingsDifference(r.settings, settings)}); ` +
          'resume with the same settings or choose another --out',
      );
    }
    done.add(episodeKey(r.task, r.seed));
  }
  return done;
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
