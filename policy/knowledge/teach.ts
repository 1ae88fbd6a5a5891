// The teaching benchmark (DROC's protocol; docs/knowledge.md#the-teaching-benchmark):
// rounds over a task sequence, each episode a correction session taught by the simulated
// person, run in order — round by round, task by task, seed by seed — so what an earlier
// task taught is there for a later one. Two arms on the same seeds: the knowledge base on
// (learning after every session) and off. It reports the corrections needed per round and
// per task, and the episodes solved after at most K corrections.

import { mkdirSync, writeFileSync, appendFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskDef } from '../../tasks/index.ts';
import { CorrectionSession } from '../corrections/session.ts';
import { SimulatedCorrector, teachToEnd } from '../corrections/simulated-corrector.ts';
import type { Programmer } from '../programmers/programmer.ts';
import type { PerceptionSettings } from '../program/perception-settings.ts';
import { closeKnowledge, openKnowledge } from './episode-knowledge.ts';

export type TeachArm = 'on' | 'off';

export interface TeachOptions {
  tasks: readonly TaskDef[];
  seeds: readonly number[];
  rounds: number;
  /** The arms to run (default both: the same episodes with the knowledge base on and off). */
  arms: readonly TeachArm[];
  /** The knowledge base of the `on` arm; it is taught as the rounds go. */
  kbFile: string;
  maxCorrections: number;
  programmer: () => Promise<Programmer>;
  monitor?: string;
  perception?: PerceptionSettings;
  /** Session records go to <outDir>/<arm>/round-<r>/<task>-seed<s>; teach.jsonl and teach.json beside. */
  outDir: string;
  onSession?: (row: TeachRow, progress: { done: number; total: number }) => void;
}

/** One taught episode. */
export interface TeachRow {
  arm: TeachArm;
  round: number;
  task: string;
  seed: number;
  /** Corrections the simulated person gave. */
  corrections: number;
  /** Corrections given before the task check first held (null: it never did). */
  solvedAfter: number | null;
  success: boolean;
  /** Knowledge entries the programmer was given, and the entries the session taught (added or merged into). */
  retrieved: number[];
  learned: number[];
  stop: string;
  dir: string;
  wallMs: number;
}

export interface TeachRoundSummary {
  round: number;
  episodes: number;
  corrections: number;
  /** Corrections of this round over round 1's (1 for round 1; null when round 1 needed none). */
  ofRound1: number | null;
  /** Episodes solved with no correction, and after at most maxCorrections. */
  solvedWithout: number;
  solved: number;
}

export interface TeachSummary {
  tasks: string[];
  seeds: number[];
  rounds: number;
  maxCorrections: number;
  kbFile: string | null;
  arms: Partial<Record<TeachArm, { rounds: TeachRoundSummary[]; perTask: Record<string, number[]> }>>;
  /** Entries in the knowledge base after the last round (arm on). */
  entries: number | null;
  wallMs: number;
}

export function summarizeTeach(
  rows: readonly TeachRow[],
  opts: Pick<TeachOptions, 'tasks' | 'seeds' | 'rounds' | 'maxCorrections'>,
  kbFile: string | null,
  wallMs: number,
): TeachSummary {
  const arms: TeachSummary['arms'] = {};
  for (const arm of ['on', 'off'] as const) {
    const mine = rows.filter((r) => r.arm === arm);
    if (mine.length === 0) continue;
    const rounds: TeachRoundSummary[] = [];
    let first: number | null = null;
    for (let r = 1; r <= opts.rounds; r++) {
      const inRound = mine.filter((x) => x.round === r);
      if (inRound.length === 0) continue;
      const corrections = inRound.reduce((a, x) => a + x.corrections, 0);
      if (r === 1) first = corrections;
      rounds.push({
        round: r,
        episodes: inRound.length,
        corrections,
        ofRound1: first === null || first === 0 ? null : Math.round((corrections / first) * 1000) / 1000,
        solvedWithout: inRound.filter((x) => x.success && x.corrections === 0).length,
        solved: inRound.filter((x) => x.success).length,
      });
    }
    const perTask: Record<string, number[]> = {};
    for (const t of opts.tasks) {
      perTask[t.id] = [];
      for (let r = 1; r <= opts.rounds; r++) {
        perTask[t.id]!.push(mine.filter((x) => x.task === t.id && x.round === r).reduce((a, x) => a + x.corrections, 0));
      }
    }
    arms[arm] = { rounds, perTask };
  }
  let entries: number | null = null;
  if (kbFile && rows.some((r) => r.arm === 'on')) entries = openKnowledge(kbFile).stats().entries;
  return {
    tasks: opts.tasks.map((t) => t.id),
    seeds: [...opts.seeds],
    rounds: opts.rounds,
    maxCorrections: opts.maxCorrections,
    kbFile,
    arms,
    entries,
    wallMs: Math.round(wallMs),
  };
}

/** Runs the rounds, arm by arm; writes teach.jsonl as it goes and teach.json at the end. */
export async function runTeach(opts: TeachOptions): Promise<{ rows: TeachRow[]; summary: TeachSummary }> {
  const t0 = performance.now();
  mkdirSync(opts.outDir, { recursive: true });
  const lines = join(opts.outDir, 'teach.jsonl');
  if (existsSync(lines)) rmSync(lines);
  const rows: TeachRow[] = [];
  const total = opts.arms.length * opts.rounds * opts.tasks.length * opts.seeds.length;
  for (const arm of opts.arms) {
    for (let round = 1; round <= opts.rounds; round++) {
      for (const task of opts.tasks) {
        for (const seed of opts.seeds) {
          const ts = performance.now();
          const dir = join(arm, `round-${round}`, `${task.id}-seed${seed}`);
          const session = await CorrectionSession.start({
            task,
            seed,
            programmer: await opts.programmer(),
            monitor: opts.monitor ?? 'state',
            oracle: false,
            ...(opts.perception && { perception: opts.perception }),
            outDir: join(opts.outDir, dir),
            knowledge: arm === 'on' ? { file: opts.kbFile, learn: true } : null,
          });
          const { corrector, record: ep } = await teachToEnd(
            session,
            new SimulatedCorrector(task.corrections, { maxCorrections: opts.maxCorrections }),
          );
          const row: TeachRow = {
            arm,
            round,
            task: task.id,
            seed,
            corrections: corrector.said.length,
            solvedAfter: corrector.solvedAfter,
            success: ep.success,
            retrieved: ep.knowledge?.retrieved.map((k) => k.id) ?? [],
            learned: [...(ep.knowledge?.learned ?? []), ...(ep.knowledge?.merged ?? [])],
            stop: corrector.stop,
            dir,
            wallMs: Math.round(performance.now() - ts),
          };
          rows.push(row);
          appendFileSync(lines, JSON.stringify(row) + '\n');
          opts.onSession?.(row, { done: rows.length, total });
        }
      }
    }
  }
  const summary = summarizeTeach(rows, opts, opts.arms.includes('on') ? opts.kbFile : null, performance.now() - t0);
  writeFileSync(join(opts.outDir, 'teach.json'), JSON.stringify({ summary, rows }, null, 2) + '\n');
  closeKnowledge();
  return { rows, summary };
}

/** The rounds table, as `teach` prints it. */
export function formatTeach(s: TeachSummary): string {
  const out: string[] = [];
  const on = s.arms.on;
  const off = s.arms.off;
  const pct = (v: number | null): string => (v === null ? '—' : `${Math.round(v * 100)}%`);
  out.push(
    `corrections needed per round (${s.tasks.length} tasks × ${s.seeds.length} seed(s), ≤ ${s.maxCorrections} corrections per episode)`,
  );
  out.push('round | kb on: corrections (of round 1), solved without / solved | kb off: corrections (of round 1), solved without / solved');
  for (let r = 1; r <= s.rounds; r++) {
    const a = on?.rounds.find((x) => x.round === r);
    const b = off?.rounds.find((x) => x.round === r);
    const cell = (x: TeachRoundSummary | undefined): string =>
      x ? `${String(x.corrections).padStart(3)} (${pct(x.ofRound1).padStart(4)}), ${x.solvedWithout}/${x.solved} of ${x.episodes}` : '—';
    out.push(`${String(r).padStart(5)} | ${cell(a).padEnd(38)} | ${cell(b)}`);
  }
  out.push('');
  out.push('corrections per task and round (kb on | kb off):');
  const w = Math.max(...s.tasks.map((t) => t.length));
  for (const t of s.tasks) {
    const a = on?.perTask[t]?.join(' ') ?? '—';
    const b = off?.perTask[t]?.join(' ') ?? '—';
    out.push(`  ${t.padEnd(w)}  ${a.padEnd(2 * s.rounds)} | ${b}`);
  }
  if (s.entries !== null) out.push('', `knowledge base ${s.kbFile}: ${s.entries} entries after the last round`);
  return out.join('\n');
}
