// One shard of the second, held-out paraphrase table (instructions-2.json) run in simulation
// (paraphrases-2-shard-N.test.ts): every SHARDS_2-th run, so each shard holds every family.
// Each shard prints the per-family table and its failures, and asserts its own share is
// solved at ≥ FLOOR_RATE_2.
//
// FLOOR_RATE_2 is a regression guard, not the target: issue 11 asks for TARGET_RATE (95%).
// The table was written without reading the builtin's grammar and measured once held out:
// 67.0% overall (shards 65.9% and 68.2%, 2026-12-04 15:19 UTC); at the end of that session,
// after the grammar's further work by an author who had not seen the table, 76.1% (shards
// 75.0% and 77.3%, 16:46 UTC; test/tabletop/README.md). Raise the floor as the builtin
// improves; never lower it to pass.

import { describe, expect, it } from 'vitest';
import { formatReport, loadTable, runTable, shardRuns, summarize, TABLES, tableRuns } from './paraphrase-harness.ts';
import { TARGET_RATE } from './paraphrase-shard.ts';

export const SHARDS_2 = 2;
/**
 * What each shard must keep: under the shards' 100% measured post hoc after the grammar's
 * constructions work (2026-12-04 21:30 UTC; 75.0% and 77.3% at 16:46 UTC; 65.9% and 68.2% held out).
 */
export const FLOOR_RATE_2 = 0.9;

export function paraphraseShard2(k: number): void {
  describe(`paraphrase table 2 (held out), shard ${k} of ${SHARDS_2}`, () => {
    it(`the builtin programmer solves >= ${FLOOR_RATE_2 * 100}% of the runs at the first attempt in simulation (target ${TARGET_RATE * 100}%)`, async () => {
      const table = loadTable(undefined, TABLES[2]);
      const runs = shardRuns(tableRuns(table), k, SHARDS_2);
      const results = await runTable(table, runs);
      const report = formatReport(results);
      console.log(`paraphrase table 2, shard ${k} of ${SHARDS_2}\n${report}`);
      const { overall } = summarize(results);
      expect(overall.runs).toBe(runs.length);
      expect(overall.rate, report).toBeGreaterThanOrEqual(FLOOR_RATE_2);
    }, 900_000);
  });
}
