// `policyloop kb`, run as the real command (node bin/policyloop.js) on temporary files, never
// ~/.policyloop. Each process takes seconds to start on a loaded 2-core machine, so the
// independent commands of a test run a few at a time.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase, SCHEMA_VERSION, type KnowledgeSource } from '../../policy/knowledge/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { type CliResult, cliAsync } from '../cli/cli-helpers.ts';

const source = (over: Partial<KnowledgeSource> = {}): KnowledgeSource => ({
  origin: 'correction',
  session: 'runs/20261204-slippery_bottle-seed3',
  correction: 'grab it from the side, it is slippery',
  taskId: 'slippery_bottle',
  seed: 3,
  at: '2026-12-04T10:00:00.000Z',
  programmer: 'builtin',
  ...over,
});

/** A knowledge base with a skill entry (k1, used twice) and a plan entry (k2). */
function fixture(file: string): void {
  const kb = KnowledgeBase.open(file);
  kb.add({
    kind: 'skill',
    text: 'grasp tall thin cylinders from the side',
    skill: 'pick',
    params: { approach: 'side' },
    scope: { shapes: ['cylinder'], sizeRange: { height: [0.12, 0.14] }, verbs: ['pick'], taskIds: ['slippery_bottle'] },
    before: ["pick('white_bottle');"],
    after: ["pick('white_bottle', { approach: 'side' });"],
    sources: [source()],
  });
  kb.add({
    kind: 'plan',
    text: 'before moving a bowl, take out what is in it',
    scope: { shapes: ['bowl'], verbs: ['empty'], taskIds: ['bowl_with_ball'] },
    sources: [source({ taskId: 'bowl_with_ball', correction: 'empty the bowl first', session: null, seed: 1 })],
  });
  kb.recordOutcome([1], true);
  kb.recordOutcome([1], false);
  kb.close();
}

const NO_ENV = { POLICYLOOP_KB: '' };

/** Runs the commands at most `width` at a time; results in order. */
async function runAll(commands: { args: string[]; env?: Record<string, string> }[], width = 4): Promise<CliResult[]> {
  const results: CliResult[] = new Array(commands.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < commands.length) {
      const i = next++;
      results[i] = await cliAsync(commands[i]!.args, commands[i]!.env ?? NO_ENV);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}
const cli = (args: string[], env: Record<string, string> = NO_ENV): Promise<CliResult> => cliAsync(args, env);

describe('policyloop kb', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = tempDir('kb-cli');
    file = join(dir, 'knowledge.db');
    fixture(file);
  });

  it('lists, shows, searches and counts; says so when there is no such entry', async () => {
    const [list, json, show, showJson, missing, bad, search, stats, statsText] = await runAll([
      { args: ['kb', 'list', '--kb', file] },
      { args: ['kb', '--kb', file, 'list', '--json', '--kind', 'plan'] },
      { args: ['kb', 'show', 'k1', '--kb', file] },
      { args: ['kb', 'show', '2', '--json', '--kb', file] },
      { args: ['kb', 'show', '42', '--kb', file] },
      { args: ['kb', 'show', 'forty', '--kb', file] },
      { args: ['kb', 'search', 'slippery', 'bottle', 'side'], env: { POLICYLOOP_KB: file } },
      { args: ['kb', 'stats', '--json'], env: { POLICYLOOP_KB: file } },
      { args: ['kb', 'stats', '--kb', file] },
    ]);
    expect(list!.stderr).toBe('');
    expect(list!.status).toBe(0);
    const lines = list!.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+kind\s+conf\s+uses/);
    expect(lines.find((l) => l.startsWith('k1 '))).toMatch(
      /k1\s+skill\s+0\.\d\d\s+2 \(1\/1\)\s+pick approach=side\s+grasp tall thin cylinders from the side\s+1 · slippery_bottle/,
    );
    expect(lines.find((l) => l.startsWith('k2 '))).toMatch(/plan\s+0\.60\s+0 \(0\/0\)\s+plan\s+before moving a bowl/);

    const entries = JSON.parse(json!.stdout);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: 2, kind: 'plan', sources: [{ taskId: 'bowl_with_ball' }] });

    expect(show!.status).toBe(0);
    for (const part of [
      'k1  skill  pick approach=side',
      'grasp tall thin cylinders from the side',
      'used 2 times: 1 succeeded, 1 failed',
      'shapes cylinder · height 12–14 cm · verbs pick',
      "pick('white_bottle', { approach: 'side' });",
      '1. correction · task slippery_bottle seed 3 · 2026-12-04T10:00:00.000Z · builtin',
      '"grab it from the side, it is slippery"',
      'session runs/20261204-slippery_bottle-seed3',
    ])
      expect(show!.stdout).toContain(part);
    expect(JSON.parse(showJson!.stdout)).toMatchObject({ id: 2, text: 'before moving a bowl, take out what is in it' });
    expect(missing!.status).toBe(2);
    expect(missing!.stderr).toBe(`policyloop: kb show: no entry 42 in ${file}\n`);
    expect(bad!.status).toBe(2);
    expect(bad!.stderr).toBe("policyloop: kb show: expected an entry id like 42 or k42, got 'forty'\n");

    expect(search!.status).toBe(0);
    expect(search!.stdout.trim().split('\n')[1]).toMatch(/^k1\s/);
    expect(JSON.parse(stats!.stdout)).toMatchObject({
      file,
      entries: 2,
      plan: 1,
      skill: 1,
      sources: 2,
      schemaVersion: SCHEMA_VERSION,
      exists: true,
    });
    expect(statsText!.stdout).toContain('entries     2 (1 plan, 1 skill), 2 sources, 0 embeddings');
    expect(statsText!.stdout).toMatch(/by shape {4}bowl 1 · cylinder 1/);
  });

  it('exports and imports, merging on a second import; a bad line changes nothing', async () => {
    const out = join(dir, 'export.jsonl');
    const other = join(dir, 'other.db');
    const e = await cli(['kb', 'export', out, '--kb', file]);
    expect(e.stdout).toBe(`wrote 2 entries of ${file} to ${out}\n`);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const broken = join(dir, 'broken.jsonl');
    const line2 = JSON.parse(lines[1]!);
    delete line2.text;
    writeFileSync(broken, `${lines[0]}\n${JSON.stringify(line2)}\n`);
    const fresh = join(dir, 'fresh.db');

    const [i1, b] = await runAll([{ args: ['kb', 'import', out, '--kb', other] }, { args: ['kb', 'import', broken, '--kb', fresh] }]);
    expect(i1!.stdout).toBe(`${out}: added 2, merged 0 into existing entries of ${other}\n`);
    expect(b!.status).toBe(2);
    expect(b!.stderr).toMatch(new RegExp(`^policyloop: ${broken}:2: text: [^\\n]+\\n$`));
    const kb = KnowledgeBase.open(fresh, { readonly: true });
    expect(kb.stats().entries).toBe(0);
    kb.close();
    const i2 = await cli(['kb', 'import', out, '--kb', other]);
    expect(i2.stdout).toBe(`${out}: added 0, merged 2 into existing entries of ${other}\n`);
  });

  it('removes one entry, and clears only with --yes', async () => {
    const f = join(dir, 'rm.db');
    fixture(f);
    const [rm, refused] = await runAll([{ args: ['kb', 'rm', 'k2', '--kb', f] }, { args: ['kb', 'clear', '--kb', f] }]);
    expect(rm!.stdout).toBe(`removed k2 from ${f}\n`);
    expect(refused!.status).toBe(2);
    expect(refused!.stderr).toMatch(new RegExp(`^policyloop: kb clear: this removes all [12] entries of ${f}; add --yes to do it\\n$`));
    const [again, cleared] = await runAll([{ args: ['kb', 'rm', '2', '--kb', f] }, { args: ['kb', 'clear', '--yes', '--kb', f] }]);
    expect(again!.status).toBe(2);
    expect(again!.stderr).toBe(`policyloop: kb rm: no entry 2 in ${f}\n`);
    expect(cleared!.stdout).toBe(`removed 1 entries from ${f}\n`);
  });

  it('says when the knowledge base is off, missing, corrupt or too new — one line, exit 2 or an empty listing', async () => {
    const missing = join(dir, 'not-yet.db');
    const corrupt = join(dir, 'corrupt.db');
    writeFileSync(corrupt, 'this is not an SQLite file, just some text that is long enough to be read as a header.'.repeat(20));
    const newer = join(dir, 'newer.db');
    KnowledgeBase.open(newer).close();
    const raw = new Database(newer);
    raw.pragma('user_version = 7');
    raw.close();

    const [off, noKb, list, c, n] = await runAll([
      { args: ['kb', 'list'], env: { POLICYLOOP_KB: 'off' } },
      { args: ['kb', 'stats', '--no-kb'] },
      { args: ['kb', 'list', '--kb', missing] },
      { args: ['kb', 'list', '--kb', corrupt] },
      { args: ['kb', 'stats', '--kb', newer] },
    ]);
    expect(off!.status).toBe(2);
    expect(off!.stderr).toBe('policyloop: kb list: the knowledge base is off (POLICYLOOP_KB=off); name a file with --kb FILE\n');
    expect(noKb!.status).toBe(2);
    expect(noKb!.stderr).toContain('the knowledge base is off (--no-kb)');
    expect(list!.status).toBe(0);
    expect(list!.stdout).toBe(`no entries: ${missing} does not exist yet\n`);
    expect(existsSync(missing)).toBe(false);
    expect(c!.status).toBe(2);
    expect(c!.stderr).toBe(`policyloop: ${corrupt}: not a readable knowledge base (file is not a database)\n`);
    expect(n!.status).toBe(2);
    expect(n!.stderr).toBe(
      `policyloop: ${newer}: schema version 7 is newer than this policyloop understands (${SCHEMA_VERSION}); upgrade policyloop or use --kb with another file\n`,
    );
  });
});
