import { describe, expect, it } from 'vitest';
import { diffCheckpoints, diffSnapshots, directionOf } from '../../monitor/scene-diff.ts';
import { redOnBlueAttempt } from './fixtures.ts';
import { SCENE, edit, initial, tippedX } from './fixtures.ts';

describe('scene diff', () => {
  it.each([
    [[0.061, 0, 0], '+x'],
    [[0.03, -0.03, 0], '+x -y'],
    [[0, 0, 0.1], 'up'],
    [[-0.01, 0.05, 0], '+y'],
  ] as const)('names the direction of %j as %s', (d, dir) => {
    expect(directionOf([...d])).toBe(dir);
  });

  it('says an object moved toward +x and is no longer upright', () => {
    const s0 = initial();
    const s1 = edit(s0, { blue_block: { position: [0.161, 0.05, 0.025], quaternion: tippedX() } });
    const diff = diffSnapshots(SCENE, s0, s1);
    expect(diff.changes.map((c) => c.id)).toEqual(['blue_block']);
    expect(diff.changes[0]!.moved).toBeCloseTo(0.061, 3);
    expect(diff.text).toBe('blue_block moved 6.1 cm toward +x and is no longer upright (tilted 90°).');
  });

  it('reports what an object now rests on and what the gripper holds', () => {
    const s0 = initial();
    const held = edit(s0, { red_block: { position: [-0.15, 0.05, 0.12] } }, { holding: 'red_block' });
    const placed = edit(held, { red_block: { position: [0.1, 0.05, 0.07] } }, { holding: null });
    expect(diffSnapshots(SCENE, s0, held).text).toBe(
      'red_block moved 10.0 cm up and is now held by the gripper. The gripper now holds red_block.',
    );
    expect(diffSnapshots(SCENE, held, placed).text).toMatch(
      /^red_block moved 25\.5 cm toward \+x(?: down)? and is no longer held \(now on blue_block\)\. The gripper no longer holds red_block\.$/,
    );
  });

  it('says nothing moved when nothing did', () => {
    expect(diffSnapshots(SCENE, initial(), initial()).text).toBe('Nothing moved.');
  });

  it('notices an object that fell to the floor', () => {
    const s0 = initial();
    const s1 = edit(s0, { purple_ball: { position: [-0.6, -0.2, -0.73] } });
    expect(diffSnapshots(SCENE, s0, s1).text).toContain('purple_ball moved');
    expect(diffSnapshots(SCENE, s0, s1).text).toContain('fell to the floor');
  });

  it('diffs every checkpoint of an attempt from the one before', () => {
    const a = redOnBlueAttempt([0.1, 0.05, 0.07]);
    const diffs = diffCheckpoints(SCENE, a.trace.checkpoints, initial());
    expect(diffs.map((d) => [d.from, d.to, d.diff.changes.map((c) => c.id)])).toEqual([
      [null, 0, ['red_block']],
      [0, 1, []],
      [1, 2, ['red_block']],
      [2, 3, []],
      [3, 4, []],
    ]);
  });
});
