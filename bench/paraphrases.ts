// The paraphrase table's score (issue 11; test/tabletop/README.md): every row of
// test/tabletop/paraphrases/instructions.json (or, with --table 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
// 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58 or 59, the second, third, fourth, fifth, sixth, seventh, eighth, ninth, tenth, eleventh, twelfth, thirteenth,
// fourteenth, fifteenth, sixteenth, seventeenth, eighteenth, nineteenth, twentieth, twenty-first, twenty-second, twenty-third, twenty-fourth, twenty-fifth, twenty-sixth, twenty-seventh, twenty-eighth, twenty-ninth, thirtieth, thirty-first, thirty-second, thirty-third, thirty-fourth, thirty-fifth, thirty-sixth, thirty-seventh, thirty-eighth, thirty-ninth, fortieth, forty-first, forty-second, forty-third, forty-fourth, forty-fifth, forty-sixth, forty-seventh, forty-eighth, forty-ninth, fiftieth, fifty-first, fifty-second, fifty-third, fifty-fourth, fifty-fifth, fifty-sixth, fifty-seventh, fifty-eighth or fifty-ninth held-out table, instructions-2.json,
// -3.json, -4.json, -5.json, -6.json, -7.json, -8.json, -9.json, -10.json, -11.json, -12.json, -13.json, -14.json, -15.json,
// -16.json, -17.json, -18.json, -19.json, -20.json, -21.json, -22.json, -23.json, -24.json, -25.json, -26.json, -27.json, -28.json, -29.json, -30.json, -31.json, -32.json, -33.json, -34.json, -35.json, -36.json, -37.json, -38.json, -39.json, -40.json, -41.json, -42.json, -43.json, -44.json, -45.json, -46.json, -47.json, -48.json, -49.json, -50.json, -51.json, -52.json, -53.json, -54.json, -55.json, -56.json, -57.json, -58.json or -59.json) on every seed
// of its scene, as a first attempt of the builtin programmer in simulation with exact
// perception. Prints a per-family table, the overall rate and every failure with its reason.
//
//   npx tsx bench/paraphrases.ts [--table 1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|18|19|20|21|22|23|24|25|26|27|28|29|30|31|32|33|34|35|36|37|38|39|40|41|42|43|44|45|46|47|48|49|50|51|52|53|54|55|56|57|58|59] [--family F] [--scene S] [--workers N] [--json out.json]
//   npm run bench:paraphrases
//
// The table and its harness live in test/tabletop/ (the one place bench/ imports test/: the
// table is test data, and this script is its command-line runner).

import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  FAMILIES,
  formatReport,
  loadTable,
  runTable,
  TABLES,
  shardRuns,
  summarize,
  TableError,
  tableRuns,
} from '../test/tabletop/paraphrase-harness.ts';
import type { Family, RowResult, TableNumber } from '../test/tabletop/paraphrase-harness.ts';

const USAGE =
  'usage: npx tsx bench/paraphrases.ts [--table 1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|18|19|20|21|22|23|24|25|26|27|28|29|30|31|32|33|34|35|36|37|38|39|40|41|42|43|44|45|46|47|48|49|50|51|52|53|54|55|56|57|58|59] [--family F] [--scene S] [--workers N] [--json out.json]';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  const { values } = args;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const family = values.family;
  if (family !== undefined && !(FAMILIES as readonly string[]).includes(family))
    fail(`--family: expected one of ${FAMILIES.join(', ')}, got "${family}"`);
  const workers = values.workers === undefined ? Math.min(2, availableParallelism()) : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) fail(`--workers: expected a whole number >= 1, got "${values.workers}"`);

  const which = values.table ?? '1';
  if (
    ![
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
      '20',
      '21',
      '22',
      '23',
      '24',
      '25',
      '26',
      '27',
      '28',
      '29',
      '30',
      '31',
      '32',
      '33',
      '34',
      '35',
      '36',
      '37',
      '38',
      '39',
      '40',
      '41',
      '42',
      '43',
      '44',
      '45',
      '46',
      '47',
      '48',
      '49',
      '50',
      '51',
      '52',
      '53',
      '54',
      '55',
      '56',
      '57',
      '58',
      '59',
    ].includes(which)
  )
    fail(
      `--table: expected 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58 or 59, got "${which}"`,
    );
  let table: ReturnType<typeof loadTable>;
  try {
    table = loadTable(undefined, TABLES[Number(which) as TableNumber]);
  } catch (e) {
    if (e instanceof TableError) fail(e.message);
    throw e;
  }
  if (values.scene !== undefined && !table.scenes.has(values.scene))
    fail(`--scene: no scene "${values.scene}"; the scenes are ${[...table.scenes.keys()].join(', ')}`);
  let runs = tableRuns(
    table,
    (r) => (family === undefined || r.family === (family as Family)) && (values.scene === undefined || r.scene === values.scene),
  );
  if (values.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(values.shard);
    if (!m) fail(`--shard: expected k/n, got "${values.shard}"`);
    runs = shardRuns(runs, Number(m[1]), Number(m[2]));
  }

  const t0 = performance.now();
  let results: RowResult[];
  if (values.worker !== undefined) {
    // A child of a run with --workers: run this shard quietly and hand the results back.
    results = await runTable(table, runs);
    writeFileSync(values.worker, JSON.stringify(results));
    return;
  }
  if (workers === 1 || runs.length < 2) {
    results = await runTable(table, runs, (r) => process.stderr.write(r.solved ? '.' : 'x'));
  } else {
    results = await inWorkers(runs.length, workers, values);
    // Back in table order.
    results.sort((a, b) => a.row - b.row || a.seed - b.seed);
  }
  process.stderr.write('\n');
  const wallMs = Math.round(performance.now() - t0);
  console.log(formatReport(results));
  const s = summarize(results);
  console.log(
    `\n${table.rowsFile}: ${table.rows.length} rows over ${new Set(table.rows.map((r) => r.scene)).size} scenes; ${results.length} runs in ${(wallMs / 1000).toFixed(1)} s (${workers} worker${workers > 1 ? 's' : ''})`,
  );
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify({ summary: s, wallMs, workers, results }, null, 2)}\n`);
    console.log(`wrote ${values.json}`);
  }
}

function parse() {
  return parseArgs({
    options: {
      table: { type: 'string' },
      family: { type: 'string' },
      scene: { type: 'string' },
      workers: { type: 'string' },
      json: { type: 'string' },
      shard: { type: 'string' },
      worker: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
}

/** Run the selection in `n` child processes, shard k/n each, and gather their results. */
async function inWorkers(count: number, n: number, values: ReturnType<typeof parse>['values']): Promise<RowResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'policyloop-paraphrases-'));
  const script = fileURLToPath(import.meta.url);
  try {
    const shards = Array.from({ length: Math.min(n, count) }, (_, i) => i + 1);
    const parts = await Promise.all(
      shards.map(
        (k) =>
          new Promise<RowResult[]>((resolve, reject) => {
            const out = join(dir, `shard-${k}.json`);
            const args = ['--shard', `${k}/${shards.length}`, '--worker', out, '--workers', '1'];
            if (values.table) args.push('--table', values.table);
            if (values.family) args.push('--family', values.family);
            if (values.scene) args.push('--scene', values.scene);
            const child = fork(script, args, { stdio: 'inherit' });
            child.on('error', reject);
            child.on('exit', (code) => {
              if (code !== 0) reject(new Error(`shard ${k}/${shards.length} exited with code ${code}`));
              else resolve(JSON.parse(readFileSync(out, 'utf8')) as RowResult[]);
            });
          }),
      ),
    );
    return parts.flat();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(3);
  },
);
