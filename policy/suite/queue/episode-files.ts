// The files of an episode's run folder that travel back from a worker to the coordinator
// (docs/queue.md#what-comes-back). No shared disk: the worker keeps its whole run folder, and
// sends what the suite's report and a reader of <out>/<dir>/ need — episode.json, each
// attempt's program, diagnosis, verdicts and reply; for a failed episode also its checkpoint
// images (what a local run writes with recordImages 'failed'). trace.json stays on the worker.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';

/** Files larger than this are not sent (trace.json of a long attempt; a stray dump). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** All the files of one episode together: beyond it, checkpoint images are left on the worker. */
export const MAX_EPISODE_BYTES = 24 * 1024 * 1024;

const NEVER = new Set(['trace.json']);

export interface EpisodeFiles {
  /** Path relative to the episode folder ('/'-separated) → content. */
  files: Map<string, Buffer>;
  bytes: number;
  /** Files left on the worker because of the limits (relative paths). */
  left: string[];
}

function walk(dir: string, rel = ''): string[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, rel)).sort();
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const n of names) {
    const r = rel ? `${rel}/${n}` : n;
    const st = statSync(join(dir, r));
    if (st.isDirectory()) out.push(...walk(dir, r));
    else if (st.isFile()) out.push(r);
  }
  return out;
}

const isImage = (rel: string): boolean => /\.(png|jpe?g)$/i.test(rel);

/**
 * The files to send for an episode folder: text records always, images only when the episode
 * failed; the last attempt's images first, so the report's failing checkpoint is the last to go.
 */
export function collectEpisodeFiles(episodeDir: string, failed: boolean): EpisodeFiles {
  const all = walk(episodeDir).filter((r) => !NEVER.has(r.split('/').pop()!));
  const attemptOf = (r: string): number => Number(/^attempt-(\d+)\//.exec(r)?.[1] ?? -1);
  const texts = all.filter((r) => !isImage(r));
  const images = failed ? all.filter(isImage).sort((a, b) => attemptOf(b) - attemptOf(a) || a.localeCompare(b)) : [];
  const files = new Map<string, Buffer>();
  const left: string[] = [];
  let bytes = 0;
  for (const r of [...texts, ...images]) {
    const size = statSync(join(episodeDir, r)).size;
    if (size > MAX_FILE_BYTES || bytes + size > MAX_EPISODE_BYTES) {
      left.push(r);
      continue;
    }
    files.set(r, readFileSync(join(episodeDir, r)));
    bytes += size;
  }
  return { files, bytes, left };
}

/** A relative path that stays inside the episode folder, or null. */
export function safeRelative(rel: string): string | null {
  if (rel === '' || isAbsolute(rel) || rel.includes('\0') || rel.includes('\\')) return null;
  const n = normalize(rel);
  if (n.startsWith('..') || n.split(sep).includes('..') || isAbsolute(n)) return null;
  return n;
}

/** Writes received files under the coordinator's episode folder; refuses paths that leave it. */
export function writeEpisodeFiles(episodeDir: string, files: Iterable<[string, Buffer]>): number {
  let n = 0;
  for (const [rel, content] of files) {
    const safe = safeRelative(rel);
    if (safe === null) throw new Error(`a worker sent a file outside the episode folder: "${rel}"`);
    const path = join(episodeDir, safe);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    n++;
  }
  return n;
}
