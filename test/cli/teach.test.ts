// `policyloop teach` and the knowledge flags of `run`, as a user runs them (real processes):
// the rounds table with the knowledge base on and off, its records, bad input in one line,
// and `run --kb` printing what it used and learned while `--no-kb` uses nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.ts';
import { spawn } from 'node:child_process';
import { BIN, cliAsync, ROOT } from './cli-helpers.ts';

describe('policyloop teach', () => {
  it('prints corrections per round with the knowledge base on and off, and writes its records', async () => {
    const out = join(tempDir('teach'), 'run');
    const r = await cliAsync(['teach', '--tasks', 'green_thermos_to_mat,slippery_vase_on_board', '--rounds', '2', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('corrections needed per round (2 tasks × 1 seed(s), ≤ 3 corrections per episode)');
    const doc = JSON.parse(readFileSync(join(out, 'teach.json'), 'utf8'));
    const on = doc.summary.arms.on.rounds.map((x: { corrections: number }) => x.corrections);
    const off = doc.summary.arms.off.rounds.map((x: { corrections: number }) => x.corrections);
    // The thermos teaches the side grasp; the vase uses it at once; round 2 needs none. Off: nothing changes.
    expect(on).toEqual([1, 0]);
    expect(off).toEqual([2, 2]);
    expect(doc.summary.arms.on.perTask).toEqual({ green_thermos_to_mat: [1, 0], slippery_vase_on_board: [0, 0] });
    expect(doc.rows).toHaveLength(8);
    expect(existsSync(join(out, 'on', 'round-1', 'green_thermos_to_mat-seed0', 'corrections.jsonl'))).toBe(true);
    expect(existsSync(join(out, 'knowledge.db'))).toBe(true);
    const lines = readFileSync(join(out, 'teach.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(8);
  });

  it('refuses bad input in one line', async () => {
    const dir = tempDir('teach-bad');
    const arms = await cliAsync(['teach', '--tasks', 'lift_high', '--arms', 'both', '--out', join(dir, 'a')]);
    expect(arms.status).toBe(2);
    expect(arms.stderr.trim()).toBe('policyloop: --arms: "both" is not an arm (on, off)');
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database, just text '.repeat(200));
    const bad = await cliAsync(['teach', '--tasks', 'lift_high', '--kb', junk, '--out', join(dir, 'b')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(junk);
  });
});

describe('policyloop chat --kb, then kb list (the issue\'s "done when")', () => {
  it('a chat teaching "grasp it from the side" leaves an entry that kb list and kb show print', async () => {
    const dir = tempDir('chat-kb');
    const kb = join(dir, 'k.db');
    const child = spawn(process.execPath, [BIN, 'chat', '--task', 'slippery_bottle', '--kb', kb, '--out', join(dir, 's')], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stdin.end('/wait\ngrasp it from the side\n/wait\n/done\n');
    const code = await new Promise<number | null>((res) => child.on('close', res));
    expect(code, out).toBe(0);
    expect(out).toMatch(/knowledge \(.*k\.db\): nothing retrieved; learned k1/);
    const list = await cliAsync(['kb', '--kb', kb, 'list']);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain('side');
    expect(list.stdout).toContain('slippery_bottle');
    const show = await cliAsync(['kb', '--kb', kb, 'show', '1', '--json']);
    const entry = JSON.parse(show.stdout);
    expect(entry.sources[0]).toMatchObject({ origin: 'correction', correction: 'grasp it from the side', session: join(dir, 's') });
  });
});

describe('policyloop run --kb', () => {
  it('names the entries used and learned; --no-kb uses none', async () => {
    const dir = tempDir('run-kb');
    const kb = join(dir, 'k.db');
    const taught = await cliAsync(['run', '--task', 'slippery_can_in_tray', '--kb', kb, '--no-images', '--out', join(dir, 'r1')]);
    // The repair loop finds the side grasp; the run teaches it.
    expect(taught.status, taught.stderr).toBe(0);
    expect(taught.stderr).toMatch(/knowledge \(.*k\.db\): nothing retrieved; learned k1/);
    const used = await cliAsync([
      'run',
      '--task',
      'slippery_bottle',
      '--kb',
      kb,
      '--max-repairs',
      '0',
      '--no-images',
      '--out',
      join(dir, 'r2'),
    ]);
    expect(used.status, used.stderr).toBe(0);
    expect(used.stderr).toContain('knowledge k1 applied: pick white_bottle approach "side"');
    expect(used.stderr).toMatch(/used k1/);
    const off = await cliAsync([
      'run',
      '--task',
      'slippery_bottle',
      '--no-kb',
      '--max-repairs',
      '0',
      '--no-images',
      '--out',
      join(dir, 'r3'),
    ]);
    expect(off.status).toBe(1);
    expect(off.stderr).not.toContain('knowledge');
  });
});
