// The knowledge base's storage benchmark (docs/knowledge.md#storage-benchmark): fills a temporary
// database with N SYNTHETIC entries — generated from the sim's real shapes and colours, the
// program API's skills and option values, and plan rules from varied templates; benchmark data
// only, never a real lesson — then times `candidates()` for realistic episode queries (an
// instruction and its objects' descriptions) and measures the file. Issue 13's targets:
// retrieval ≤ 5 ms per episode and ≤ 50 MB at 10,000 entries.
//
//   npx tsx bench/knowledge.ts [--entries 10000] [--queries 300] [--limit 40] [--json]

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { COLOR_NAMES, createRng, type ObjectInfo, type Rng, SHAPES, type Shape } from '../sim/index.ts';
import {
  CANDIDATE_LIMIT,
  COLOR_BINS,
  KnowledgeBase,
  retrieveKnowledge,
  type NewKnowledge,
  type KnowledgeSource,
} from '../policy/knowledge/index.ts';

export interface KnowledgeBenchOptions {
  /** Entries to fill (default 10,000). */
  entries?: number;
  /** Timed candidates() calls (default 300). */
  queries?: number;
  /** candidates()' limit (default CANDIDATE_LIMIT, 40: up to 40 by text and 40 by shape). */
  limit?: number;
  /** Seed of the synthetic data (default 1). */
  seed?: number;
  log?: (s: string) => void;
}

export interface KnowledgeBenchFigures {
  entries: number;
  /** The candidates() limit used. */
  limit: number;
  plan: number;
  skill: number;
  sources: number;
  /** Database file after a checkpoint, MB (2^20 bytes). */
  fileMB: number;
  /** Wall time of filling it (batches of 500 adds per transaction), s. */
  fillSeconds: number;
  /** candidates() per query, wall ms (on a shared machine this includes waiting for a core). */
  candidatesMs: { median: number; p95: number; max: number };
  /** candidates() per query, CPU ms of this process (what the call costs, whatever the load). */
  candidatesCpuMs: { median: number; p95: number };
  /** retrieveKnowledge() per episode (candidates, scene checks, ranking, budget): wall and CPU ms. */
  retrieveMs: { median: number; p95: number };
  retrieveCpuMs: { median: number; p95: number };
  /** Entries retrieved per episode on average. */
  meanRetrieved: number;
  /** Mean candidates returned per query (by text + by shape). */
  meanCandidates: number;
  /** search() of a short user phrase, median ms. */
  searchMedianMs: number;
  /** Opening the file (migration check, statements), median ms. */
  openMs: number;
  machine: { cpu: string; cores: number; loadAverage: number; node: string };
}

const OBJECT_NOUNS: Record<Shape, string[]> = {
  box: ['block', 'cube', 'brick', 'box', 'crate'],
  cylinder: ['bottle', 'can', 'thermos', 'vase', 'cylinder', 'mug', 'jar'],
  sphere: ['ball', 'sphere', 'marble', 'orange'],
  bowl: ['bowl', 'dish', 'basin'],
  tray: ['tray', 'plate', 'board'],
};
const SIZES = ['small', 'large', 'tall', 'short', 'thin', 'wide', 'flat', 'heavy', 'light', 'slippery'];
const REGIONS = ['left side', 'right side', 'far corner', 'near edge', 'centre', 'back', 'front left corner', 'front right corner'];
const PLAN_TEMPLATES: ((r: Rng, a: string, b: string) => string)[] = [
  (_r, a) => `before moving the ${a}, take out what is in it`,
  (_r, a, b) => `stack larger ${a}s under smaller ${b}s`,
  (r, a) => `put the ${a} at the ${pick(r, REGIONS)} of the table first`,
  (_r, a, b) => `move the ${b} out of the way before picking the ${a}`,
  (_r, a, b) => `empty the ${a} into the ${b} before carrying it`,
  (r, a) => `push the ${pick(r, SIZES)} ${a} instead of lifting it`,
  (_r, a, b) => `place the ${a} next to the ${b}, not on top of it`,
  (r, a) => `sort the ${a}s by size from ${pick(r, REGIONS)} to ${pick(r, REGIONS)}`,
  (_r, a, b) => `take the ${a} off the ${b} before moving the ${b}`,
  (r, a) => `leave the ${pick(r, COLOR_NAMES)} ${a} where it is`,
  (_r, a, b) => `put every ${a} in the ${b}, one at a time`,
  (r, a) => `line the ${a}s up along the ${pick(r, REGIONS)}`,
];
const CORRECTIONS = [
  'no, grab it from the side, it slips',
  'lift it higher, it hits the other one',
  'gently, set it down slowly',
  'that is the wrong one, use the other',
  'take the thing out of it first',
  'push it, it is too heavy to lift',
  'put it a bit more to the left',
  'turn it before you put it down',
  'release it lower, it bounces off',
  'go slower near the edge',
];
const VERBS: Record<string, string[]> = { pick: ['pick', 'lift'], place: ['place', 'stack'], push: ['push'] };

function pick<T>(r: Rng, xs: readonly T[]): T {
  return xs[Math.floor(r.next() * xs.length)]!;
}
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function skillParams(r: Rng, skill: 'pick' | 'place' | 'push'): Record<string, unknown> {
  const cm = (lo: number, hi: number): number => round3((lo + Math.floor(r.next() * (hi - lo + 1))) / 100);
  if (skill === 'pick') {
    const p: Record<string, unknown> = { approach: pick(r, ['top', 'side'] as const) };
    if (r.next() < 0.6) p.liftHeight = cm(5, 40);
    if (r.next() < 0.3) p.speed = round3(0.05 + r.next() * 0.3);
    return p;
  }
  if (skill === 'place') {
    const p: Record<string, unknown> = { releaseHeight: cm(0, 8) };
    if (r.next() < 0.4) p.offset = [cm(-3, 3), cm(-3, 3)];
    if (r.next() < 0.3) p.yaw = round3(r.next() * Math.PI);
    if (r.next() < 0.3) p.speed = round3(0.05 + r.next() * 0.3);
    return p;
  }
  return { height: cm(1, 10), speed: round3(0.05 + r.next() * 0.2) };
}

function source(r: Rng, i: number): KnowledgeSource {
  return {
    origin: r.next() < 0.8 ? 'correction' : 'repair',
    session: `runs/synthetic/session-${i}`,
    correction: pick(r, CORRECTIONS),
    taskId: `synthetic_task_${i % 97}`,
    seed: i % 10,
    at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    programmer: r.next() < 0.5 ? 'builtin' : 'openai:synthetic',
  };
}

/** One synthetic entry (benchmark data, not a lesson). */
export function syntheticEntry(r: Rng, i: number): NewKnowledge {
  const shape = pick(r, SHAPES);
  const noun = pick(r, OBJECT_NOUNS[shape]);
  const height = round3(0.02 + r.next() * 0.2);
  const width = round3(0.03 + r.next() * 0.15);
  const sources = [source(r, i)];
  if (r.next() < 0.2) sources.push(source(r, i + 100_000));
  if (r.next() < 0.45) {
    const other = pick(r, SHAPES);
    const a = `${pick(r, SIZES)} ${noun}`;
    const b = pick(r, OBJECT_NOUNS[other]);
    return {
      kind: 'plan',
      text: `${pick(r, PLAN_TEMPLATES)(r, a, b)} (${pick(r, COLOR_NAMES)} variant ${i})`,
      scope: {
        shapes: r.next() < 0.2 ? [] : [...new Set([shape, other])],
        verbs: [pick(r, ['stack', 'empty', 'place', 'sort', 'push'])],
        taskIds: [sources[0]!.taskId],
      },
      sources,
    };
  }
  const skill = pick(r, ['pick', 'place', 'push'] as const);
  const params = skillParams(r, skill);
  const how = Object.entries(params)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(' ') : v}`)
    .join(', ');
  return {
    kind: 'skill',
    text: `${skill} ${pick(r, SIZES)} ${noun}s with ${how}`,
    skill,
    params,
    scope: {
      shapes: r.next() < 0.05 ? [] : [shape],
      sizeRange: { height: [height, round3(height + 0.01)], width: [width, round3(width + 0.01)] },
      verbs: VERBS[skill]!,
      taskIds: [sources[0]!.taskId],
    },
    appearance: {
      shape,
      size: [width, width, height],
      aspect: round3(height / width),
      color: Array.from({ length: COLOR_BINS }, (_, k) => (k === i % COLOR_BINS ? 1 : 0)),
      source: 'facts',
    },
    before: [`${skill}('${noun}_${i}');`],
    after: [`${skill}('${noun}_${i}', ${JSON.stringify(params)});`],
    sources,
  };
}

/** A realistic retrieval query: an instruction and its scene's object descriptions (and the objects, for full retrieval). */
function syntheticQuery(r: Rng): { text: string; shapes: Shape[]; instruction: string; objects: ObjectInfo[] } {
  const n = 2 + Math.floor(r.next() * 5);
  const objects = Array.from({ length: n }, () => {
    const shape = pick(r, SHAPES);
    return { shape, color: pick(r, COLOR_NAMES), noun: pick(r, OBJECT_NOUNS[shape]), cm: 3 + Math.floor(r.next() * 15) };
  });
  const [a, b] = [objects[0]!, objects[1]!];
  const instruction = pick(r, [
    `put the ${a.color} ${a.noun} in the ${b.color} ${b.noun}`,
    `stack the ${a.noun}s on the ${b.noun}`,
    `move the ${b.color} ${b.noun} to the ${pick(r, REGIONS)}`,
    `pick up the ${a.color} ${a.noun} and place it next to the ${b.noun}`,
    `sort the objects by size`,
  ]);
  const described = objects.map((o) => `${o.color} ${o.shape} ${o.noun} ${o.cm} cm`).join(', ');
  const infos: ObjectInfo[] = objects.map((o, k) => {
    const h = o.cm / 100;
    const w = o.shape === 'sphere' ? h : Math.max(0.03, h / (1 + r.next() * 3));
    return {
      id: `${o.color}_${o.noun}_${k}`,
      shape: o.shape,
      color: o.color as ObjectInfo['color'],
      size: [w, w, h],
      position: [-0.3 + 0.12 * k, 0.05 * (k % 3), h / 2],
      yaw: 0,
    };
  });
  return { text: `${instruction}. ${described}`, shapes: [...new Set(objects.map((o) => o.shape))], instruction, objects: infos };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const ms = (x: number): number => Math.round(x * 1000) / 1000;

export function benchKnowledge(opts: KnowledgeBenchOptions = {}): KnowledgeBenchFigures {
  const target = opts.entries ?? 10_000;
  const queries = opts.queries ?? 300;
  const limit = opts.limit ?? CANDIDATE_LIMIT;
  const log = opts.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'policyloop-kb-bench-'));
  const file = join(dir, 'knowledge.db');
  try {
    const r = createRng(opts.seed ?? 1);
    const kb = KnowledgeBase.open(file);
    log(`filling ${target} synthetic entries…`);
    const t0 = performance.now();
    let i = 0;
    // Duplicates merge, so keep adding until the file holds `target` entries.
    for (let have = 0; have < target; have = kb.stats().entries) {
      const batch = Array.from({ length: Math.min(500, target - have) }, () => syntheticEntry(r, i++));
      kb.addMany(batch);
    }
    const fillSeconds = (performance.now() - t0) / 1000;
    kb.checkpoint();
    const stats = kb.stats();
    kb.close();

    const opens: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      KnowledgeBase.open(file, { readonly: true }).close();
      opens.push(performance.now() - t);
    }

    log(`timing ${queries} candidates() queries…`);
    const reader = KnowledgeBase.open(file, { readonly: true });
    const qs = Array.from({ length: queries }, () => syntheticQuery(r));
    for (const q of qs.slice(0, 20)) reader.candidates({ ...q, limit }); // warm-up: page cache, JIT
    const times: number[] = [];
    const cpu: number[] = [];
    let returned = 0;
    for (const q of qs) {
      const c = process.cpuUsage();
      const t = performance.now();
      returned += reader.candidates({ ...q, limit }).length;
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    // The whole of retrieval as an episode does it: candidates, each checked against the
    // scene (shape, size, appearance from the facts, readable preconditions), ranked, budgeted.
    for (const q of qs.slice(0, 20)) retrieveKnowledge(reader, q);
    const full: number[] = [];
    const fullCpu: number[] = [];
    let retrieved = 0;
    for (const q of qs) {
      const c = process.cpuUsage();
      const t = performance.now();
      retrieved += retrieveKnowledge(reader, q).length;
      full.push(performance.now() - t);
      const used = process.cpuUsage(c);
      fullCpu.push((used.user + used.system) / 1000);
    }
    full.sort((a, b) => a - b);
    fullCpu.sort((a, b) => a - b);
    const searches: number[] = [];
    for (const phrase of ['grasp from the side', 'empty the bowl first', 'lift it higher', 'slippery bottle', 'push heavy crate']) {
      for (let k = 0; k < 10; k++) {
        const t = performance.now();
        reader.search(phrase);
        searches.push(performance.now() - t);
      }
    }
    reader.close();
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    searches.sort((a, b) => a - b);
    opens.sort((a, b) => a - b);
    return {
      entries: stats.entries,
      limit,
      plan: stats.plan,
      skill: stats.skill,
      sources: stats.sources,
      fileMB: Math.round((stats.bytes / 2 ** 20) * 100) / 100,
      fillSeconds: Math.round(fillSeconds * 100) / 100,
      candidatesMs: { median: ms(quantile(times, 0.5)), p95: ms(quantile(times, 0.95)), max: ms(times[times.length - 1]!) },
      candidatesCpuMs: { median: ms(quantile(cpu, 0.5)), p95: ms(quantile(cpu, 0.95)) },
      meanCandidates: Math.round((returned / qs.length) * 10) / 10,
      retrieveMs: { median: ms(quantile(full, 0.5)), p95: ms(quantile(full, 0.95)) },
      retrieveCpuMs: { median: ms(quantile(fullCpu, 0.5)), p95: ms(quantile(fullCpu, 0.95)) },
      meanRetrieved: Math.round((retrieved / qs.length) * 10) / 10,
      searchMedianMs: ms(quantile(searches, 0.5)),
      openMs: ms(quantile(opens, 0.5)),
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        loadAverage: Math.round(loadavg()[0]! * 100) / 100,
        node: process.version,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      entries: { type: 'string' },
      queries: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const usage = 'usage: npx tsx bench/knowledge.ts [--entries 10000] [--queries 300] [--limit 40] [--json]';
  if (values.help) return void console.log(usage);
  const int = (name: string, v: string | undefined, dflt: number): number => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
      console.error(`--${name}: expected a whole number >= 1, got "${v}"\n${usage}`);
      process.exit(2);
    }
    return n;
  };
  const figures = benchKnowledge({
    entries: int('entries', values.entries, 10_000),
    queries: int('queries', values.queries, 300),
    limit: int('limit', values.limit, CANDIDATE_LIMIT),
    log: values.json ? undefined : (s) => console.error(s),
  });
  if (values.json) return void console.log(JSON.stringify(figures, null, 2));
  const f = figures;
  console.log(`knowledge base, ${f.entries} synthetic entries (${f.plan} plan, ${f.skill} skill, ${f.sources} sources)`);
  console.log(`  file            ${f.fileMB} MB   (target ≤ 50 MB at 10,000)`);
  console.log(
    `  candidates()    limit ${f.limit}: median ${f.candidatesMs.median} ms, p95 ${f.candidatesMs.p95} ms, max ${f.candidatesMs.max} ms   (target ≤ 5 ms)`,
  );
  console.log(
    `                  CPU median ${f.candidatesCpuMs.median} ms, p95 ${f.candidatesCpuMs.p95} ms; ${f.meanCandidates} candidates per query`,
  );
  console.log(
    `  retrieval       median ${f.retrieveMs.median} ms, p95 ${f.retrieveMs.p95} ms (CPU median ${f.retrieveCpuMs.median} ms); ${f.meanRetrieved} entries per episode   (target ≤ 5 ms)`,
  );
  console.log(`  search()        median ${f.searchMedianMs} ms`);
  console.log(`  open            median ${f.openMs} ms`);
  console.log(`  fill            ${f.fillSeconds} s`);
  console.log(`  machine         ${f.machine.cpu}, ${f.machine.cores} cores, load ${f.machine.loadAverage}, node ${f.machine.node}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
