// The run browser's side of the server: the run and suite folders under the runs directory
// (`view --runs-dir`, default ./runs), newest first, and paths in it resolved with every
// symlink followed and kept inside it. A path a client sends is relative to the runs
// directory; ".." parts, absolute paths, NUL bytes and anything whose resolved path leaves
// the directory's own resolved path get one answer, so a client cannot probe what exists
// elsewhere. Record files are read as regular files only (opened non-blocking: a FIFO
// cannot stall the server) and bounded in size.

import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Folders of the runs directory the browser lists at most (the newest). */
export const MAX_LISTED_RUNS = 500;
/** Largest episode.json / summary.json / results.jsonl read for the listing. */
export const MAX_LISTING_FILE_BYTES = 64 * 1024 * 1024;

export interface ListedEpisode {
  /** Folder relative to the runs directory ('/'-separated): what `open-listed` and `/?run=` take. */
  path: string;
  task: string;
  seed: number | null;
  success: boolean | null;
  /** The failing checkpoint of the last attempt, when the record names one. */
  attempt: number | null;
  checkpoint: number | null;
}

export interface ListedRun {
  path: string;
  kind: 'run' | 'suite';
  /** The task (a run) or the suite's task list, shortened (a suite). */
  task: string;
  /** "solved", "not solved", "unfinished", or "k/n solved" for a suite. */
  result: string;
  /** ISO time: the record's start (a run) or creation (a suite), else the folder's modification time. */
  date: string;
  /** A suite's episodes, in results.jsonl order. */
  episodes?: ListedEpisode[];
  /** A suite's report.html, served by the viewer at /runs/<path>/report.html. */
  report?: boolean;
}

/** A problem with a runs-directory path a client sent, in one line. */
export class RunsPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunsPathError';
  }
}

const toSlash = (p: string): string => p.split(sep).join('/');

/**
 * The real path of `rel` inside `root` (a folder or file), or throws RunsPathError: one
 * answer for anything missing, outside, or reached through a symlink that leads out.
 */
export async function resolveInRuns(root: string, rel: string, want: 'dir' | 'file' = 'dir'): Promise<string> {
  const refuse = (): never => {
    throw new RunsPathError(`no ${want === 'dir' ? 'run folder' : 'file'} "${rel.slice(0, 200)}" in the runs directory`);
  };
  if (rel === '' || rel.includes('\0') || isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) refuse();
  let realRoot: string;
  let real: string;
  try {
    realRoot = await realpath(root);
    real = await realpath(resolve(root, rel));
  } catch {
    return refuse();
  }
  if (!real.startsWith(realRoot + sep)) refuse();
  try {
    const st = await stat(real);
    if (want === 'dir' ? !st.isDirectory() : !st.isFile()) refuse();
  } catch {
    refuse();
  }
  return real;
}

/** A small record file's text, or null: regular files only, opened non-blocking, at most MAX_LISTING_FILE_BYTES. */
async function readSmall(file: string): Promise<string | null> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile() || st.size > MAX_LISTING_FILE_BYTES) return null;
    return (await handle.readFile()).toString('utf8');
  } catch {
    return null;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function readJsonObject(file: string): Promise<Record<string, unknown> | null> {
  const text = await readSmall(file);
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** The last attempt's index and failing checkpoint of an episode record (episode.json or a results line). */
function failingPoint(rec: Record<string, unknown>): { attempt: number | null; checkpoint: number | null } {
  const attempts = Array.isArray(rec.attempts) ? (rec.attempts as Record<string, unknown>[]) : [];
  const last = attempts.at(-1);
  if (!last || typeof last !== 'object') return { attempt: null, checkpoint: null };
  return { attempt: int(last.index), checkpoint: int(last.failingCheckpoint) };
}

async function listRun(root: string, rel: string, mtime: Date): Promise<ListedRun | null> {
  const dir = join(root, rel);
  const episode = await readJsonObject(join(dir, 'episode.json'));
  if (episode) {
    const success = typeof episode.success === 'boolean' ? episode.success : null;
    return {
      path: toSlash(rel),
      kind: 'run',
      task: `${str(episode.task) ?? '?'}${int(episode.seed) !== null ? ` · seed ${episode.seed}` : ''}`,
      result: success === null ? 'unfinished' : success ? 'solved' : 'not solved',
      date: str(episode.startedAt) ?? mtime.toISOString(),
    };
  }
  const scene = await readJsonObject(join(dir, 'scene.json'));
  if (scene) {
    return {
      path: toSlash(rel),
      kind: 'run',
      task: `${str(scene.task) ?? '?'}${int(scene.seed) !== null ? ` · seed ${scene.seed}` : ''}`,
      result: 'unfinished',
      date: mtime.toISOString(),
    };
  }
  const results = await readSmall(join(dir, 'results.jsonl'));
  const summary = await readJsonObject(join(dir, 'summary.json'));
  if (results === null && summary === null) return null;
  const episodes: ListedEpisode[] = [];
  for (const line of (results ?? '').split('\n')) {
    if (line.trim() === '') continue;
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const epDir = str(r.dir);
    if (!epDir || epDir.split(/[\\/]/).includes('..') || isAbsolute(epDir)) continue;
    episodes.push({
      path: toSlash(join(rel, epDir)),
      task: str(r.task) ?? '?',
      seed: int(r.seed),
      success: typeof r.success === 'boolean' ? r.success : null,
      ...failingPoint(r),
    });
  }
  const tasks = [...new Set(episodes.map((e) => e.task))];
  const solved = episodes.filter((e) => e.success).length;
  let report = false;
  try {
    report = (await lstat(join(dir, 'report.html'))).isFile();
  } catch {
    report = false;
  }
  return {
    path: toSlash(rel),
    kind: 'suite',
    task: tasks.length <= 3 ? tasks.join(', ') : `${tasks.slice(0, 3).join(', ')} and ${tasks.length - 3} more`,
    result: `${solved}/${episodes.length} solved${summary === null ? ' (unfinished)' : ''}`,
    date: str(summary?.createdAt) ?? mtime.toISOString(),
    episodes,
    report,
  };
}

/**
 * The run and suite folders directly under `root`, newest first (at most MAX_LISTED_RUNS).
 * Symlinked entries are skipped: a listing never leads out of the runs directory.
 */
/**
 * A `suite --engines` folder (engines.json): each engine's suite folder in it, in the
 * comparison's order, its task label naming the engine. Nothing when it is not one.
 */
async function listEngineSuites(root: string, rel: string, mtime: Date): Promise<ListedRun[]> {
  const comparison = await readJsonObject(join(root, rel, 'engines.json'));
  const engines = Array.isArray(comparison?.engines) ? comparison.engines : [];
  const out: ListedRun[] = [];
  for (const engine of engines) {
    // Engine names only: nothing in the file leads the listing out of the folder.
    if (typeof engine !== 'string' || !/^[a-z][a-z0-9-]{0,31}$/.test(engine)) continue;
    // A real folder, as the top level's: a symlink is not followed.
    const st = await lstat(join(root, rel, engine)).catch(() => null);
    if (!st?.isDirectory()) continue;
    const run = await listRun(root, `${rel}/${engine}`, mtime);
    if (run) out.push({ ...run, task: `${run.task} · ${engine}` });
  }
  return out;
}

export async function listRuns(root: string): Promise<ListedRun[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const folders: { name: string; mtime: Date }[] = [];
  for (const name of names) {
    try {
      const st = await lstat(join(root, name));
      if (st.isDirectory()) folders.push({ name, mtime: st.mtime });
    } catch {
      /* gone since readdir */
    }
  }
  folders.sort((a, b) => b.mtime.getTime() - a.mtime.getTime());
  const listed: ListedRun[] = [];
  for (const f of folders.slice(0, MAX_LISTED_RUNS)) {
    const run = await listRun(root, f.name, f.mtime);
    if (run) listed.push(run);
    else listed.push(...(await listEngineSuites(root, f.name, f.mtime)));
  }
  return listed.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/** `abs` relative to `root`, '/'-separated (for the session's link back to the run browser). */
export function runsRelative(root: string, abs: string): string | null {
  const rel = relative(root, abs);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? null : toSlash(rel);
}
