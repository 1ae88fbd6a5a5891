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
