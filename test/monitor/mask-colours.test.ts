// How id masks and depth images are coloured for people (render --masks and the viewer's
// monitor panel share monitor/render/mask-colours.ts).
import { describe, expect, it } from 'vitest';
import { depthGrey, depthRange, depthRgba, idColour, idMaskRgba } from '../../monitor/render/mask-colours.ts';

describe('mask colours', () => {
  it('paints the background black and every other id a different colour', () => {
    expect(idColour(0)).toEqual([0, 0, 0]);
    const colours = Array.from({ length: 40 }, (_, i) => idColour(i).join(','));
    expect(new Set(colours).size).toBe(40);
  });

  it('writes RGBA per pixel, white for a value outside the legend', () => {
    const out = idMaskRgba(Uint16Array.of(0, 4, 9), 5);
    expect(Array.from(out)).toEqual([0, 0, 0, 255, ...idColour(4), 255, 255, 255, 255, 255]);
  });

  it('shades depth from white (nearest) to black (farthest), black where nothing was hit', () => {
    const depth = Float32Array.of(1, 1.5, 2, Infinity);
    expect(depthRange(depth)).toEqual({ lo: 1, hi: 2 });
    expect(Array.from(depthRgba(depth)).filter((_, i) => i % 4 === 0)).toEqual([255, 128, 0, 0]);
    expect(depthGrey(0.5, 0.5, 0.5)).toBe(255);
  });
});
