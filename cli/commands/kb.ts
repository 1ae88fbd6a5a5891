// `policyloop kb`: look into and edit the knowledge base (docs/knowledge.md#the-kb-command).
import { type Command, Option } from 'commander';
import { intArg, UsageError } from '../errors.ts';
import { withKnowledgeOptions } from './common.ts';
import type { KnowledgeBase, KnowledgeEntry, KnowledgeStats } from '../../policy/knowledge/index.ts';

type KbModule = typeof import('../../policy/knowledge/store.ts');

interface KbFlags {
  kb?: string | false;
}

const out = (s: string): void => {
  process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
};

/**
 * The store, loaded when a subcommand runs: store.ts itself rather than the knowledge
 * index, which also loads retrieval's model client — a second off `kb list`'s start
 * (docs/architecture.md#imports).
 */
async function kbModule(): Promise<KbModule> {
  return import('../../policy/knowledge/store.ts');
}

/** The file `--kb` / `--no-kb` / POLICYLOOP_KB name, or a one-line UsageError when the knowledge base is off. */
function resolveFile(m: KbModule, cmd: Command, what: string): string {
  const flags = cmd.optsWithGlobals() as KbFlags;
  let file: string | null;
  try {
    file = m.knowledgeFileFromEnv({ kb: flags.kb });
  } catch (err) {
    throw new UsageError(`kb ${what}: ${(err as Error).message}`);
  }
  if (file === null) {
    const why = flags.kb === false ? '--no-kb' : `POLICYLOOP_KB=${process.env.POLICYLOOP_KB ?? ''}`;
    throw new UsageError(`kb ${what}: the knowledge base is off (${why}); name a file with --kb FILE`);
  }
  return file;
}

/**
 * Runs `fn` on the opened knowledge base; null when the file does not exist and the
 * subcommand needs an existing file (nothing is created by looking or removing). Store errors become one line, exit 2.
 */
async function withKb<T>(
  cmd: Command,
  what: string,
  mode: 'existing' | 'create',
  fn: (kb: KnowledgeBase | null, file: string, m: KbModule) => T,
): Promise<T> {
  const m = await kbModule();
  const file = resolveFile(m, cmd, what);
  let kb: KnowledgeBase | null = null;
  try {
    kb = m.KnowledgeBase.open(file, { create: mode === 'create' });
  } catch (err) {
    if (!(err instanceof m.KnowledgeBaseError)) throw err;
    if (err.code !== 'missing' || mode === 'create') throw new UsageError(err.message);
  }
  try {
    return fn(kb, file, m);
  } catch (err) {
    if (err instanceof m.KnowledgeBaseError) throw new UsageError(err.message);
    throw err;
  } finally {
    kb?.close();
  }
}

function entryId(value: string, what: string): number {
  const m = /^k?(\d+)$/i.exec(value.trim());
  if (!m) throw new UsageError(`kb ${what}: expected an entry id like 42 or k42, got '${value}'`);
  return Number(m[1]);
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= n ? one : `${one.slice(0, n - 1)}…`;
}

function paramValue(v: unknown): string {
  if (typeof v === 'number') return String(Math.round(v * 1000) / 1000);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(paramValue).join(',')}]`;
  return JSON.stringify(v);
}

/** `pick approach=side liftHeight=0.12`, or `plan`. */
export function skillLabel(e: Pick<KnowledgeEntry, 'kind' | 'skill' | 'params'>): string {
  const params = Object.entries(e.params ?? {})
    .map(([k, v]) => `${k}=${paramValue(v)}`)
    .join(' ');
  if (e.kind === 'plan') return params ? `plan ${params}` : 'plan';
  return [e.skill ?? '?', params].filter(Boolean).join(' ');
}

/** The compact table of `list` and `search`. */
export function entryTable(entries: readonly KnowledgeEntry[]): string {
  const rows = entries.map((e) => [
    `k${e.id}`,
    e.kind,
    e.confidence.toFixed(2),
    `${e.uses} (${e.successes}/${e.failures})`,
    clip(skillLabel(e), 32),
    clip(e.text, 56),
    `${e.sources.length} · ${e.sources[0]?.taskId ?? '-'}`,
  ]);
  const head = ['id', 'kind', 'conf', 'uses (ok/failed)', 'skill / params', 'text', 'sources · first task'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

function cm(r: [number | null, number | null]): string {
  const f = (x: number | null): string => (x === null ? '…' : `${Math.round(x * 1000) / 10}`);
  return `${f(r[0])}–${f(r[1])} cm`;
}

/** Everything about one entry, for `show`; `describe` phrases its appearance (appearance.ts). */
export function entryDetails(e: KnowledgeEntry, describe?: (a: NonNullable<KnowledgeEntry['appearance']>) => string): string {
  const lines: string[] = [];
  lines.push(`k${e.id}  ${e.kind}  ${skillLabel(e)}`);
  lines.push(`  text        ${e.text}`);
  lines.push(
    `  confidence  ${e.confidence.toFixed(3)}  used ${e.uses} time${e.uses === 1 ? '' : 's'}: ${e.successes} succeeded, ${e.failures} failed`,
  );
  const s = e.scope;
  const scope = [
    `shapes ${s.shapes.length ? s.shapes.join(', ') : 'any'}`,
    ...(s.sizeRange?.height ? [`height ${cm(s.sizeRange.height)}`] : []),
    ...(s.sizeRange?.width ? [`width ${cm(s.sizeRange.width)}`] : []),
    ...(s.colors ? [`colours ${s.colors.length ? s.colors.join(', ') : 'any'}`] : []),
    `verbs ${s.verbs.length ? s.verbs.join(', ') : 'any'}`,
  ];
  lines.push(`  scope       ${scope.join(' · ')}`);
  lines.push(`  tasks       ${s.taskIds.join(', ') || '-'}`);
  if (e.params) lines.push(`  params      ${JSON.stringify(e.params)}`);
  if (e.appearance) {
    const a = e.appearance;
    const size = a.size.map((x) => Math.round(x * 1000) / 10).join(' × ');
    const phrase = describe ? describe(a) : `${a.shape}, ${size} cm`;
    lines.push(`  appearance  ${phrase} (aspect ${a.aspect.toFixed(2)}, from the ${a.source === 'render' ? 'rendered views' : 'facts'})`);
  }
  for (const [label, prog] of [
    ['before', e.before],
    ['after', e.after],
  ] as const) {
    for (const [i, l] of (prog ?? []).entries()) lines.push(`  ${(i === 0 ? label : '').padEnd(10)}  ${l}`);
  }
  lines.push(`  created     ${e.created}   updated ${e.updated}`);
  lines.push(`  sources (${e.sources.length}):`);
  e.sources.forEach((src, i) => {
    lines.push(`    ${i + 1}. ${src.origin} · task ${src.taskId} seed ${src.seed} · ${src.at} · ${src.programmer}`);
    if (src.correction !== null) lines.push(`       "${src.correction}"`);
    if (src.session !== null) lines.push(`       session ${src.session}`);
  });
  return lines.join('\n');
}

function statsText(s: KnowledgeStats): string {
  const mb = s.bytes >= 2 ** 20 ? `${(s.bytes / 2 ** 20).toFixed(1)} MB` : `${Math.ceil(s.bytes / 1024)} KB`;
  const shapes = Object.entries(s.byShape)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(' · ');
  return [
    `knowledge base ${s.file} (schema ${s.schemaVersion}, ${mb})`,
    `  entries     ${s.entries} (${s.plan} plan, ${s.skill} skill), ${s.sources} sources, ${s.embeddings} embeddings`,
    `  confidence  mean ${s.meanConfidence.toFixed(2)}`,
    `  by shape    ${shapes || '-'}`,
  ].join('\n');
}

export function registerKbCommand(program: Command): void {
  const kb = program
    .command('kb')
    .description('look into and edit the knowledge base distilled from corrections (docs/knowledge.md)')
    .addHelpText('after', '\nThe file: --kb FILE, else $POLICYLOOP_KB (off, none or 0: off), else ~/.policyloop/knowledge.db.');
  withKnowledgeOptions(kb, { learnFlag: false });

  kb.command('list')
    .description('the entries, most recently updated first')
    .option('--json', 'print JSON (an array of entries)')
    .addOption(new Option('--kind <kind>', 'only plan or skill entries').choices(['plan', 'skill']))
    .option('--limit <n>', 'at most this many', intArg(1))
    .action((opts: { json?: boolean; kind?: 'plan' | 'skill'; limit?: number }, cmd: Command) =>
      withKb(cmd, 'list', 'existing', (db, file) => {
        const entries = db ? db.list({ kind: opts.kind, limit: opts.limit }) : [];
        if (opts.json) return out(JSON.stringify(entries, null, 2));
        if (entries.length === 0) return out(db ? `no entries in ${file}` : `no entries: ${file} does not exist yet`);
        out(entryTable(entries));
      }),
    );

  kb.command('show')
    .description('one entry with all its sources')
    .argument('<id>', 'entry id (42 or k42)')
    .option('--json', 'print JSON')
    .action(async (idText: string, opts: { json?: boolean }, cmd: Command) => {
      const { describeAppearance } = await import('../../policy/knowledge/appearance.ts');
      return withKb(cmd, 'show', 'existing', (db, file) => {
        const id = entryId(idText, 'show');
        const entry = db?.get(id) ?? null;
        if (!entry) throw new UsageError(`kb show: no entry ${id} in ${file}`);
        out(opts.json ? JSON.stringify(entry, null, 2) : entryDetails(entry, describeAppearance));
      });
    });

  kb.command('search')
    .description('full-text search over entry text, the corrections that taught them and their scope')
    .argument('<text...>', 'words to look for')
    .option('--json', 'print JSON ([{ entry, rank }], rank: SQLite bm25, lower is better)')
    .option('--limit <n>', 'at most this many', intArg(1), 20)
    .action((words: string[], opts: { json?: boolean; limit: number }, cmd: Command) =>
      withKb(cmd, 'search', 'existing', (db, file) => {
        const text = words.join(' ');
        const hits = db ? db.search(text, opts.limit) : [];
        if (opts.json) return out(JSON.stringify(hits, null, 2));
        if (hits.length === 0) return out(`nothing in ${file} matches "${text}"`);
        out(entryTable(hits.map((h) => h.entry)));
      }),
    );

  kb.command('rm')
    .description('remove one entry (and its sources and embeddings)')
    .argument('<id>', 'entry id (42 or k42)')
    .action((idText: string, _opts: unknown, cmd: Command) =>
      withKb(cmd, 'rm', 'existing', (db, file) => {
        const id = entryId(idText, 'rm');
        if (!db?.remove(id)) throw new UsageError(`kb rm: no entry ${id} in ${file}`);
        out(`removed k${id} from ${file}`);
      }),
    );

  kb.command('clear')
    .description('remove every entry (needs --yes)')
    .option('--yes', 'really remove them all')
    .action((opts: { yes?: boolean }, cmd: Command) =>
      withKb(cmd, 'clear', 'existing', (db, file) => {
        const n = db?.stats().entries ?? 0;
        if (n === 0) return out(`no entries in ${file}; nothing to clear`);
        if (!opts.yes) throw new UsageError(`kb clear: this removes all ${n} entries of ${file}; add --yes to do it`);
        out(`removed ${db!.clear()} entries from ${file}`);
      }),
    );

  kb.command('export')
    .description('write every entry as one JSON line (ids kept for reference; import reassigns them)')
    .argument('<file>', 'the .jsonl file to write')
    .action((target: string, _opts: unknown, cmd: Command) =>
      withKb(cmd, 'export', 'existing', (db, file) => {
        if (!db) throw new UsageError(`kb export: ${file} does not exist yet; nothing to export`);
        const n = db.exportJsonl(target);
        out(`wrote ${n} entr${n === 1 ? 'y' : 'ies'} of ${file} to ${target}`);
      }),
    );

  kb.command('import')
    .description('add the entries of an exported .jsonl file, merging duplicates (all lines or none)')
    .argument('<file>', 'the .jsonl file to read')
    .action((source: string, _opts: unknown, cmd: Command) =>
      withKb(cmd, 'import', 'create', (db, file) => {
        const { added, merged } = db!.importJsonl(source);
        out(`${source}: added ${added}, merged ${merged} into existing entries of ${file}`);
      }),
    );

  kb.command('stats')
    .description('counts, size and schema version')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }, cmd: Command) =>
      withKb(cmd, 'stats', 'existing', (db, file) => {
        if (!db) {
          if (opts.json) return out(JSON.stringify({ file, exists: false, entries: 0 }, null, 2));
          return out(`no knowledge base yet: ${file} does not exist (it is created when something is learned)`);
        }
        const s = db.stats();
        out(opts.json ? JSON.stringify({ ...s, exists: true }, null, 2) : statsText(s));
      }),
    );
}
