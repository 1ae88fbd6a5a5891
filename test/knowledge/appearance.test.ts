import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HeadlessRenderer } from '../../monitor/render/headless-renderer.ts';
import { snapshotFromScene } from '../../monitor/scene-snapshot.ts';
import type { ViewImages } from '../../monitor/index.ts';
import { COLOR_NAMES } from '../../sim/index.ts';
import type { ColorName, ObjectInfo, SceneSpec } from '../../sim/index.ts';
import {
  APPEARANCE_HEIGHT,
  APPEARANCE_MATCH,
  APPEARANCE_VIEWS,
  APPEARANCE_WIDTH,
  COLOR_BINS,
  HUE_BINS,
  appearanceFromFacts,
  appearanceFromViews,
  appearanceSimilarity,
  describeAppearance,
  paletteHistogram,
  renderAppearance,
  validateAppearance,
} from '../../policy/knowledge/appearance.ts';
import type { AppearanceFeatures } from '../../policy/knowledge/types.ts';
import { objectInfo, sceneObject } from '../helpers/scene-objects.ts';
import { HAS_BROWSER, NO_BROWSER } from '../helpers/browser.ts';

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

/** Features as the facts give them, for the pure tests. */
function facts(shape: ObjectInfo['shape'], size: [number, number, number], color: ColorName = 'red'): AppearanceFeatures {
  return appearanceFromFacts({ id: 'o', shape, color, size, position: [0, 0, size[2] / 2], yaw: 0 });
}

describe('appearance features from the facts (no renderer)', () => {
  it('makes a normalised histogram of HUE_BINS hues + 3 achromatic bins from the palette colour', () => {
    const red = facts('cylinder', [0.04, 0.04, 0.12], 'red');
    expect(red.color).toHaveLength(COLOR_BINS);
    expect(COLOR_BINS).toBe(HUE_BINS + 3);
    expect(sum(red.color)).toBeCloseTo(1, 2);
    expect(red.color[0]).toBeGreaterThan(0.9); // red's hue is 0°: the first bin
    expect(red.aspect).toBe(3);
    expect(red.source).toBe('facts');
    expect(red.silhouette).toBeUndefined();
    // Achromatic colours vote by brightness: black dark, white mostly light.
    const black = paletteHistogram('black');
    const white = paletteHistogram('white');
    expect(sum(black.slice(0, HUE_BINS))).toBe(0);
    expect(black[HUE_BINS]).toBeGreaterThan(0.9);
    expect(white[HUE_BINS + 2]).toBeGreaterThan(white[HUE_BINS]!);
  });

  it('gates on the shape class and weighs size and proportions over colour', () => {
    const redBottle = facts('cylinder', [0.04, 0.04, 0.12], 'red');
    const blueBottle = facts('cylinder', [0.04, 0.04, 0.12], 'blue');
    const redTaller = facts('cylinder', [0.04, 0.04, 0.13], 'red');
    const redCube = facts('box', [0.04, 0.04, 0.04], 'red');
    const redTin = facts('cylinder', [0.08, 0.08, 0.05], 'red');

    const same = appearanceSimilarity(redBottle, blueBottle);
    expect(same.shape).toBe(true);
    expect(same.size).toBe(1);
    expect(same.color).toBeLessThan(0.05);
    expect(same.score).toBeGreaterThan(APPEARANCE_MATCH);
    expect(same.score).toBeCloseTo(0.8, 1);

    // 12 cm vs 13 cm tall: close.
    expect(appearanceSimilarity(redBottle, redTaller).size).toBeGreaterThan(0.9);
    // A 4 cm cube and a 14 cm bottle: another shape class scores 0, and their sizes are far apart.
    const cubeVsBottle = appearanceSimilarity(redCube, facts('cylinder', [0.04, 0.04, 0.14], 'red'));
    expect(cubeVsBottle).toMatchObject({ score: 0, shape: false });
    expect(cubeVsBottle.size).toBeLessThan(0.2);
    // Same colour, same class, another build: below the match threshold.
    expect(appearanceSimilarity(redBottle, redTin).score).toBeLessThan(APPEARANCE_MATCH);
    // A 4 cm and a 14 cm cube of the same colour: the same proportions do not make them alike.
    expect(appearanceSimilarity(redCube, facts('box', [0.14, 0.14, 0.14], 'red')).score).toBeLessThan(APPEARANCE_MATCH);
    // A box turned by 90° about z is the same box.
    expect(appearanceSimilarity(facts('box', [0.08, 0.04, 0.03]), facts('box', [0.04, 0.08, 0.03])).score).toBe(1);
    // Symmetric.
    expect(appearanceSimilarity(redTin, redBottle)).toEqual(appearanceSimilarity(redBottle, redTin));
  });

  it('describes an object in a short phrase', () => {
    expect(describeAppearance(facts('cylinder', [0.04, 0.04, 0.12], 'blue'))).toBe('tall thin cylinder, 12 cm × 4 cm, mostly blue');
    expect(describeAppearance(facts('box', [0.045, 0.045, 0.045], 'green'))).toBe('cube, 4.5 cm × 4.5 cm, mostly green');
    expect(describeAppearance(facts('box', [0.04, 0.06, 0.05], 'yellow'))).toBe('box, 5 cm × 6 cm × 4 cm, mostly yellow');
    expect(describeAppearance(facts('box', [0.04, 0.08, 0.03], 'purple'))).toBe('flat box, 3 cm × 8 cm × 4 cm, mostly purple');
    expect(describeAppearance(facts('cylinder', [0.1, 0.1, 0.03], 'white'))).toBe('flat cylinder, 3 cm × 10 cm, mostly white');
    expect(describeAppearance(facts('bowl', [0.14, 0.14, 0.06], 'gray'))).toBe('bowl, 6 cm × 14 cm, mostly gray');
    // Orange and brown differ only in brightness, which shading blurs: both are named.
    expect(describeAppearance(facts('sphere', [0.05, 0.05, 0.05], 'brown'))).toMatch(
      /^sphere, 5 cm × 5 cm, mostly (orange or brown|brown or orange)$/,
    );
  });

  it('refuses bad input with one line naming the object or the field', () => {
    const bad = { id: 'mug', shape: 'cup', color: 'red', size: [0.05, 0.05, 0.1], position: [0, 0, 0], yaw: 0 } as unknown as ObjectInfo;
    expect(() => appearanceFromFacts(bad)).toThrow("appearance: object 'mug' has unknown shape 'cup'");
    expect(() => appearanceFromFacts({ ...bad, shape: 'cylinder', color: 'teal' as ColorName })).toThrow(
      "appearance: object 'mug' has unknown colour 'teal'",
    );
    expect(() => appearanceFromFacts({ ...bad, shape: 'cylinder', size: [0.05, 0, 0.1] })).toThrow(
      "appearance: object 'mug' has size [0.05,0,0.1], expected three positive extents (m)",
    );
    expect(() => appearanceFromViews({ ...bad, shape: 'cylinder' }, {})).toThrow("appearance of 'mug': no views");

    const good = facts('cylinder', [0.04, 0.04, 0.12]);
    expect(validateAppearance(JSON.parse(JSON.stringify(good)), 'entry 7')).toEqual(good);
    expect(() => validateAppearance({ ...good, color: good.color.slice(0, 15) }, 'entry 7')).toThrow(
      `entry 7: appearance color has 15 bins, expected ${COLOR_BINS}`,
    );
    expect(() => validateAppearance({ ...good, shape: 'cup' }, 'kb.jsonl line 3')).toThrow('kb.jsonl line 3: appearance shape "cup"');
    expect(() => validateAppearance({ ...good, silhouette: { top: [2, 0.1] } }, 'entry 7')).toThrow(
      'entry 7: appearance silhouette.top [2,0.1]',
    );
    expect(() => appearanceSimilarity(good, { ...good, color: [1] })).toThrow('colour histograms of 27 and 1 bins');
  });
});

// Machines without Chromium skip what needs pictures, reported as skipped with the reason.
const renderer = new HeadlessRenderer();
afterAll(() => renderer.close());

describe('appearance features from rendered views', () => {
  beforeEach((ctx) => ctx.skip(!HAS_BROWSER, NO_BROWSER));

  // Two bottles of one build in two colours, a short wide tin, a cube and a can of about the
  // cube's size, and a bead hidden inside the cube (no physics: the snapshot is the layout).
  const scene: SceneSpec = {
    objects: [
      sceneObject('red_bottle', 'cylinder', [0.04, 0.04, 0.12], { color: 'red', at: [-0.25, 0.12] }),
      sceneObject('blue_bottle', 'cylinder', [0.04, 0.04, 0.12], { color: 'blue', at: [0.22, 0.05] }),
      sceneObject('red_tin', 'cylinder', [0.08, 0.08, 0.05], { color: 'red', at: [0.0, 0.2] }),
      sceneObject('red_cube', 'box', [0.05, 0.05, 0.05], { color: 'red', at: [-0.1, -0.1] }),
      sceneObject('red_can', 'cylinder', [0.05, 0.05, 0.05], { color: 'red', at: [0.1, -0.12] }),
      sceneObject('yellow_bead', 'sphere', [0.02, 0.02, 0.02], { color: 'yellow', at: [-0.1, -0.1], z: 0.025 }),
    ],
    zones: [{ id: 'goal', min: [0.25, -0.3], max: [0.4, -0.15], color: 'green' }],
  };
  const infos = scene.objects.map(objectInfo);
  let looks = new Map<string, AppearanceFeatures>();
  const get = (id: string): AppearanceFeatures => looks.get(id)!;

  beforeAll(async () => {
    if (HAS_BROWSER) looks = await renderAppearance(scene, snapshotFromScene(scene), renderer, infos);
  });

  it('reads colour and silhouette from the id-mask region, shape and size from the facts', () => {
    expect([...looks.keys()]).toEqual(infos.map((o) => o.id));
    for (const id of ['red_bottle', 'blue_bottle', 'red_tin', 'red_cube', 'red_can']) {
      const f = get(id);
      expect(f.source, id).toBe('render');
      expect(f.color).toHaveLength(COLOR_BINS);
      expect(sum(f.color)).toBeCloseTo(1, 2);
      expect(Object.keys(f.silhouette!).sort(), id).toEqual([...APPEARANCE_VIEWS].sort());
      for (const [w, h] of Object.values(f.silhouette!)) {
        expect(w).toBeGreaterThan(0);
        expect(w).toBeLessThan(0.2);
        expect(h).toBeGreaterThan(0);
        expect(h).toBeLessThan(0.3);
      }
    }
    expect(get('red_bottle')).toMatchObject({ shape: 'cylinder', size: [0.04, 0.04, 0.12], aspect: 3 });
    expect(get('red_bottle').color[0]).toBeGreaterThan(0.8); // red hue
    // blue (0x1f5fd1) has hue 218°: bins 14 and 15 of 24
    const blue = get('blue_bottle').color;
    expect(blue[Math.floor((218 / 360) * HUE_BINS)]! + blue[Math.ceil((218 / 360) * HUE_BINS)]!).toBeGreaterThan(0.8);
    // The front view (looking down at ≈ 50°) sees the bottle taller than wide, the tin's outline far squatter.
    const px = (id: string): [number, number] => {
      const [w, h] = get(id).silhouette!.front!;
      return [w * APPEARANCE_WIDTH, h * APPEARANCE_HEIGHT];
    };
    expect(px('red_bottle')[1]).toBeGreaterThan(1.5 * px('red_bottle')[0]);
    const ratio = (id: string): number => px(id)[1] / px(id)[0];
    expect(ratio('red_tin')).toBeLessThan(0.7 * ratio('red_bottle'));
  });

  it('finds a red and a blue cylinder of the same build alike, above APPEARANCE_MATCH', () => {
    const s = appearanceSimilarity(get('red_bottle'), get('blue_bottle'));
    expect(s.shape).toBe(true);
    expect(s.size).toBe(1);
    expect(s.color).toBeLessThan(0.1);
    expect(s.score).toBeGreaterThan(APPEARANCE_MATCH);
  });

  it('scores a cylinder against a cube of similar size 0', () => {
    const s = appearanceSimilarity(get('red_can'), get('red_cube'));
    expect(s).toMatchObject({ score: 0, shape: false });
    // Same size and colour: only the shape class keeps them apart.
    expect(s.size).toBe(1);
    expect(s.color).toBeGreaterThan(0.8);
  });

  it('keeps a tall thin cylinder and a short wide one of the same colour below the threshold', () => {
    const s = appearanceSimilarity(get('red_bottle'), get('red_tin'));
    expect(s.shape).toBe(true);
    expect(s.color).toBeGreaterThan(0.8);
    expect(s.score).toBeLessThan(APPEARANCE_MATCH);
  });

  it('falls back to the facts for an object no view shows', () => {
    const bead = get('yellow_bead');
    expect(bead.source).toBe('facts');
    expect(bead.silhouette).toBeUndefined();
    expect(bead).toEqual(appearanceFromFacts(infos.find((o) => o.id === 'yellow_bead')!));
    expect(bead.color).toEqual(paletteHistogram('yellow'));
  });

  it('names an object the views do not have, and views without colour or ids', async () => {
    const views: ViewImages = await renderer.renderScene(scene, snapshotFromScene(scene), {
      views: ['top'],
      width: 64,
      height: 48,
      depth: false,
    });
    const ghost: ObjectInfo = { ...infos[0]!, id: 'green_mug' };
    expect(() => appearanceFromViews(ghost, views)).toThrow(
      "appearance: object 'green_mug' is not in the rendered scene (its objects: red_bottle, blue_bottle, red_tin, red_cube, red_can, yellow_bead)",
    );
    const noIds: ViewImages = { top: { ...views.top!, ids: undefined } };
    expect(() => appearanceFromViews(infos[0]!, noIds)).toThrow(
      "appearance of 'red_bottle': views top lack a colour image with an id mask",
    );
  });

  it('agrees with the facts: facts-vs-render of the same object beats facts-vs-render of another colour', async () => {
    // One cylinder of every palette colour, same build, on a 4 × 3 grid.
    const palette: SceneSpec = {
      objects: COLOR_NAMES.map((c, i) =>
        sceneObject(`${c}_can`, 'cylinder', [0.05, 0.05, 0.09], { color: c, at: [-0.3 + (i % 4) * 0.2, -0.2 + Math.floor(i / 4) * 0.2] }),
      ),
      zones: [],
    };
    const objs = palette.objects.map(objectInfo);
    const rendered = await renderAppearance(palette, snapshotFromScene(palette), renderer, objs);
    // Orange and brown share hue and saturation and differ in brightness, which shading spreads
    // over the same range: the one pair the histogram cannot tell apart (docs/knowledge.md#appearance).
    const confusable = (a: ColorName, b: ColorName): boolean =>
      a !== b && ['orange', 'brown'].includes(a) && ['orange', 'brown'].includes(b);
    for (const o of objs) {
      const f = appearanceFromFacts(o);
      const self = appearanceSimilarity(f, rendered.get(o.id)!);
      expect(self.color, o.color).toBeGreaterThan(0.75);
      for (const p of objs) {
        if (p === o || confusable(o.color, p.color)) continue;
        const other = appearanceSimilarity(f, rendered.get(p.id)!);
        expect(self.score, `${o.color} facts vs ${p.color} render`).toBeGreaterThan(other.score);
        expect(self.color - other.color, `${o.color} facts vs ${p.color} render`).toBeGreaterThan(0.3);
      }
    }
  });
});
