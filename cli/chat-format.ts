// What `policyloop chat` prints, as plain functions of plain data: the program with
// numbered lines (and the current line marked), one status line per API call, the
// program diff a correction made (changed lines only), and the result of a run. No
// session, no worker: the command (commands/chat.ts) and its worker (chat-worker.ts)
// both use these, and tests read them.

import type { CallEvent } from '../sim/trace.ts';

const MAX_ARG_CHARS = 60;
const MAX_RESULT_CHARS = 70;

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** A value as a program would write it, short: strings quoted, numbers to the millimetre, objects clipped. */
export function showValue(v: unknown, max = MAX_ARG_CHARS): string {
  let s: string;
  if (typeof v === 'string') s = `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  else if (typeof v === 'number') s = String(round(v));
  else if (v === undefined) s = 'undefined';
  else {
    try {
      s = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' ? round(x) : x)) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** `place('blue_bowl', {"approach":"side"})`. */
export function showCall(e: Pick<CallEvent, 'call' | 'args'>): string {
  return `${e.call}(${e.args.map((a) => showValue(a)).join(', ')})`;
}

/** What a call returned, in a few words: `ok`, a value, or its error. */
export function showResult(e: Pick<CallEvent, 'result' | 'error'>): string {
  if (e.error) return `${e.error.kind}: ${e.error.message.split('\n')[0]}`;
  if (e.result === undefined || e.result === null) return 'ok';
  if (Array.isArray(e.result) && e.result.length > 3 && typeof e.result[0] === 'object') return `${e.result.length} items`;
  return showValue(e.result, MAX_RESULT_CHARS);
}

/** One status line: `  12  place('blue_bowl')  → ok`. */
export function statusLine(line: number | null, call: string, result: string): string {
  return `${String(line ?? '?').padStart(4)}  ${call}  → ${result}`;
}

/** The program with numbered lines; `mark` (1-based) gets a `▶`. */
export function numberedProgram(program: string, mark: number | null = null): string {
  const lines = program.replace(/\n$/, '').split('\n');
  const width = String(lines.length).length;
  return lines.map((l, i) => `${i + 1 === mark ? '▶' : ' '} ${String(i + 1).padStart(width)}  ${l}`).join('\n');
}

/** The 1-based source line of a program, trimmed, or '' when there is none. */
export function sourceLine(program: string, line: number | null): string {
  if (line === null) return '';
  return (program.split('\n')[line - 1] ?? '').trim();
}

export interface DiffLine {
  op: '-' | '+';
  /** The line's number in the old program (for -) or the new one (for +). */
  line: number;
  text: string;
}

/** The lines a new program removed and added against the old one (a longest-common-subsequence diff), in order. */
export function programDiff(before: string, after: string): DiffLine[] {
  const a = before.replace(/\n$/, '').split('\n');
  const b = after.replace(/\n$/, '').split('\n');
  // Common prefix and suffix first: corrections usually change a few lines.
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const am = a.slice(p, a.length - s);
  const bm = b.slice(p, b.length - s);
  const n = am.length;
  const m = bm.length;
  // lcs[i][j]: the longest common subsequence of am[i..] and bm[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = am[i] === bm[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Removals before additions within a changed stretch, as a person reads a change.
      out.push({ op: '-', line: p + i + 1, text: am[i]! });
      i++;
    } else {
      out.push({ op: '+', line: p + j + 1, text: bm[j]! });
      j++;
    }
  }
  return out;
}

/** The diff as printed: `  - 3  pick('red_block');` / `  + 3  pick('green_block');`, or a line saying nothing changed. */
export function showDiff(before: string, after: string, maxLines = 40): string {
  const d = programDiff(before, after);
  if (d.length === 0) return '  (the program is unchanged)';
  const width = String(Math.max(...d.map((x) => x.line))).length;
  const lines = d.map((x) => `  ${x.op} ${String(x.line).padStart(width)}  ${x.text}`);
  if (lines.length > maxLines)
    return [...lines.slice(0, maxLines), `  … ${lines.length - maxLines} more changed lines (/show prints the program)`].join('\n');
  return lines.join('\n');
}

/** What the main thread hears about a run that ended or was interrupted (chat-worker.ts builds it from a RunResult). */
export interface RunReport {
  attempt: number;
  interrupted: boolean;
  line: number | null;
  error: { kind: string; message: string; line: number | null } | null;
  success: { ok: boolean; detail: string };
  /** The monitor's first failing checkpoint, when one failed. */
  failing: { checkpoint: number; label: string; kind: string | null; message: string | null } | null;
  /** Whether a monitor judged the run (false when interrupted or none ran). */
  monitored: boolean;
  diagnosis: { kind: string; line: number | null; summary: string } | null;
  /** The diagnosis text's first lines (the whole text is in attempt-N/diagnosis.txt). */
  diagnosisLines: string[];
  calls: number;
  simSeconds: number;
}

/** The result of a run in a few lines: the task check, the monitor's failing checkpoint, the diagnosis in a line or two. */
export function showRun(r: RunReport, program: string): string[] {
  const out: string[] = [];
  if (r.interrupted) {
    const src = sourceLine(program, r.line);
    out.push(
      `interrupted before line ${r.line ?? '?'}${src ? ` \`${src}\`` : ''} (attempt ${r.attempt}, ${r.calls} calls, ${r.simSeconds.toFixed(1)} s)`,
    );
    return out;
  }
  out.push(`attempt ${r.attempt} ended after ${r.calls} calls, ${r.simSeconds.toFixed(1)} s simulated`);
  if (r.error)
    out.push(`program error${r.error.line !== null ? ` at line ${r.error.line}` : ''}: ${r.error.kind}: ${r.error.message.split('\n')[0]}`);
  out.push(`task check: ${r.success.ok ? 'done' : 'not done'} — ${r.success.detail.split('\n')[0]}`);
  if (r.failing) {
    const what = r.failing.kind ? ` (${r.failing.kind}${r.failing.message ? `: ${r.failing.message.split('\n')[0]}` : ''})` : '';
    out.push(`monitor: checkpoint ${r.failing.checkpoint} "${r.failing.label}" failed${what}`);
  } else if (r.monitored) out.push('monitor: every checkpoint passed');
  if (r.diagnosis) {
    out.push(
      `diagnosis: ${r.diagnosis.kind}${r.diagnosis.line !== null ? ` at line ${r.diagnosis.line}` : ''}: ${r.diagnosis.summary.split('\n')[0]}`,
    );
  }
  return out;
}

export const CHAT_HELP = [
  'Type a correction in plain words ("no, the green one", "lift it higher, at least 25 cm"), or a command:',
  '  /wait      run the current program to its end (resumes a paused one)',
  '  /continue  resume a paused program where it stopped; corrections go on from the world as it is (default)',
  '  /restart   corrections from now on start again from the seed; with none waiting, reset the world now',
  '  /show      the program, the current line marked',
  '  /undo      back to the program and the world before the last correction',
  '  /repair    the programmer repairs the program from the last diagnosis',
  '  /done      end the session (accept)       /quit  end it now       /help  this text',
  'Ctrl-C while a program runs pauses it at its next API call; Ctrl-C at the prompt (or twice quickly) quits, the session saved.',
];
