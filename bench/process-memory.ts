// Memory of this process and every process it started (the shared Chromium and
// its renderers), sampled while a benchmark runs: the honest peak of a suite.
import { readdirSync, readFileSync } from 'node:fs';

function children(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = map.get(ppid) ?? [];
      list.push(Number(name));
      map.set(ppid, list);
    } catch {
      /* the process ended */
    }
  }
  return map;
}

/**
 * Proportional set size: resident memory with pages shared between processes (Chromium's
 * zygote, shared libraries) divided among them, so a sum over processes counts each page
 * once. Falls back to RSS where smaps_rollup is missing.
 */
function pssBytes(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    /* fall through */
  }
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Memory (PSS) of the process tree rooted at `root` (default: this process). Linux only; 0 elsewhere. */
export function treeRssBytes(root = process.pid): number {
  if (process.platform !== 'linux') return process.memoryUsage().rss;
  const kids = children();
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += pssBytes(pid);
    stack.push(...(kids.get(pid) ?? []));
  }
  return total;
}

/** Samples the tree's memory every `ms` until stopped; returns the peak in bytes. */
export function samplePeakRss(ms = 250): { stop(): number } {
  let peak = treeRssBytes();
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssBytes());
  }, ms);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, treeRssBytes());
      return peak;
    },
  };
}
