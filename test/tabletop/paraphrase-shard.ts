// One shard of the paraphrase table run in simulation (paraphrases-shard-N.test.ts): every
// SHARDS-th run of the table, so each shard holds every family. Each shard prints the
// per-family table and its failures, and asserts its own share is solved at ≥ FLOOR_RATE.
//
// FLOOR_RATE is a regression guard, not the target: issue 11 asks for TARGET_RATE (95%); the
// first measurement of the finished grammar on this table, which its authors never read, was
// 72.4% overall; after generic fixes made with its failures known, 80.7% (shards 77–86%) —
// reported in the README as missed. Raise the floor as the builtin improves; never lower it
// to pass.

import { describe, expect, it } from 'vitest';
import { formatReport, loadTable, runTable, shardRuns, summarize, tableRuns } from './paraphrase-harness.ts';

export const SHARDS = 4;
/** Issue 11's target: solved at the first attempt in simulation, exact perception. */
export const TARGET_RATE = 0.95;
/** What each shard must keep: under the shards' measured 100% (2026-12-04 21:30 UTC; 77–86% before the later grammar work). */
export const FLOOR_RATE = 0.9;

export function paraphraseShard(k: number): void {
  describe(`paraphrase table, shard ${k} of ${SHARDS}`, () => {
    it(`the builtin programmer solves >= ${FLOOR_RATE * 100}% of the runs at the first attempt in simulation (target ${TARGET_RATE * 100}%)`, async () => {
      const table = loadTable();
      const runs = shardRuns(tableRuns(table), k, SHARDS);
      const results = await runTable(table, runs);
      const report = formatReport(results);
      console.log(`paraphrase table, shard ${k} of ${SHARDS}\n${report}`);
      const { overall } = summarize(results);
      expect(overall.runs).toBe(runs.length);
      expect(overall.rate, report).toBeGreaterThanOrEqual(FLOOR_RATE);
    }, 900_000);
  });
}
