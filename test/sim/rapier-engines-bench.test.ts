// bench/engines.ts measures every Rapier build and leaves the process as it found it.
// (Speeds are checked by `policyloop bench`, never here.)
import { describe, expect, it } from 'vitest';
import { engineFigures, engineLines } from '../../bench/engines.ts';
import { DEFAULT_RAPIER_BUILD, PHYSICS_HZ, RAPIER_BUILDS, rapierLabel, selectedRapierBuild, useRapierBuild } from '../../sim/index.ts';

describe('engineFigures', () => {
  it('measures each build on the same scene, side by side, and restores the selected build', { timeout: 120_000 }, async () => {
    const before = await useRapierBuild('compat');
    try {
      const f = await engineFigures(1);
      expect(selectedRapierBuild()).toBe('compat');
      expect(f.default).toBe(DEFAULT_RAPIER_BUILD);
      expect(f.reps).toBe(1);
      expect(f.builds.map((b) => b.build)).toEqual([...RAPIER_BUILDS]);
      for (const b of f.builds) {
        expect(b.label).toBe(rapierLabel(b.build));
        expect(b.stepsPerSec).toBeGreaterThan(0);
        expect(b.bareStepsPerSec).toBeGreaterThan(0);
        expect(b.msPerAttempt).toBeGreaterThan(0);
        expect(b.realtimeFactor).toBe(Math.round(b.stepsPerSec / PHYSICS_HZ));
      }
      const simd = f.builds.find((b) => b.build === 'simd')!;
      const compat = f.builds.find((b) => b.build === 'compat')!;
      expect(f.simdSpeedup.steps).toBeCloseTo(simd.stepsPerSec / compat.stepsPerSec, 2);
      const lines = engineLines(f);
      expect(lines).toHaveLength(RAPIER_BUILDS.length + 1);
      expect(lines.join('\n')).toContain(`rapier ${rapierLabel(DEFAULT_RAPIER_BUILD)} (default)`);
    } finally {
      await useRapierBuild(before);
    }
  });

  it('names a bad repetition count', async () => {
    await expect(engineFigures(0)).rejects.toThrow('engineFigures: reps must be a whole number ≥ 1, got 0');
  });
});
