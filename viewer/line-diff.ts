// Line diff between two programs (the attempt list shows what a repair changed): the
// longest common subsequence of lines, after trimming the common head and tail.

export interface DiffLine {
  op: 'same' | 'add' | 'del';
  text: string;
  /** 1-based line in the old program (same, del) and in the new one (same, add). */
  oldLine: number | null;
  newLine: number | null;
}

/** Above this many cells the middle is shown as all-deleted then all-added. */
const MAX_CELLS = 4_000_000;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ op: 'same', text: a[i]!, oldLine: i + 1, newLine: i + 1 });

  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n * m > MAX_CELLS) {
    for (let i = 0; i < n; i++) out.push({ op: 'del', text: a[head + i]!, oldLine: head + i + 1, newLine: null });
    for (let j = 0; j < m; j++) out.push({ op: 'add', text: b[head + j]!, oldLine: null, newLine: head + j + 1 });
  } else {
    // lcs[i][j]: LCS length of a[head+i..] and b[head+j..], in one flat array.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = a[head + i] === b[head + j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] === b[head + j]) {
        out.push({ op: 'same', text: a[head + i]!, oldLine: head + i + 1, newLine: head + j + 1 });
        i++;
        j++;
      } else if (i < n && (j === m || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
        // Deletions before additions, as diff(1) shows a changed line.
        out.push({ op: 'del', text: a[head + i]!, oldLine: head + i + 1, newLine: null });
        i++;
      } else {
        out.push({ op: 'add', text: b[head + j]!, oldLine: null, newLine: head + j + 1 });
        j++;
      }
    }
  }
  for (let k = tail; k > 0; k--) {
    out.push({ op: 'same', text: a[a.length - k]!, oldLine: a.length - k + 1, newLine: b.length - k + 1 });
  }
  return out;
}

/** One side of a side-by-side row: a line of the old (left) or the new (right) program. */
export interface DiffCell {
  line: number;
  text: string;
  /** 'del' on the left and 'add' on the right mark a changed line; 'same' an unchanged one. */
  op: DiffLine['op'];
}

/** A row of a side-by-side diff: the old line beside the new one; null where a side has none. */
export type SideBySideRow = { left: DiffCell | null; right: DiffCell | null } | { fold: number };

/**
 * Pairs a line diff into side-by-side rows, as split diff views show it: each run of deleted
 * lines sits beside the run of added lines that follows it (the i-th deleted beside the i-th
 * added; the longer run's rest beside nothing), unchanged lines beside themselves. Unchanged
 * stretches more than `context` lines from any change are folded into one `{ fold: n }` row
 * (`context` Infinity: nothing folded).
 */
export function sideBySide(diff: readonly DiffLine[], context = Infinity): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  let i = 0;
  while (i < diff.length) {
    const d = diff[i]!;
    if (d.op === 'same') {
      rows.push({ left: { line: d.oldLine!, text: d.text, op: 'same' }, right: { line: d.newLine!, text: d.text, op: 'same' } });
      i++;
      continue;
    }
    const dels: DiffLine[] = [];
    const adds: DiffLine[] = [];
    while (i < diff.length && diff[i]!.op === 'del') dels.push(diff[i++]!);
    while (i < diff.length && diff[i]!.op === 'add') adds.push(diff[i++]!);
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) {
      const l = dels[k];
      const r = adds[k];
      rows.push({
        left: l ? { line: l.oldLine!, text: l.text, op: 'del' } : null,
        right: r ? { line: r.newLine!, text: r.text, op: 'add' } : null,
      });
    }
  }
  if (!Number.isFinite(context)) return rows;
  const changed = (r: SideBySideRow): boolean => !('fold' in r) && (r.left?.op !== 'same' || r.right?.op !== 'same');
  const keep = rows.map(() => false);
  rows.forEach((r, k) => {
    if (!changed(r)) return;
    for (let j = Math.max(0, k - context); j <= Math.min(rows.length - 1, k + context); j++) keep[j] = true;
  });
  const out: SideBySideRow[] = [];
  let folded = 0;
  rows.forEach((r, k) => {
    if (keep[k]) {
      if (folded > 0) out.push({ fold: folded });
      folded = 0;
      out.push(r);
    } else folded++;
  });
  if (folded > 0) out.push({ fold: folded });
  return out;
}
