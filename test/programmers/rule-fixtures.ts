// Small scenes for the rule programmer's tests: plain ObjectInfo lists, no physics.

import type { ObjectInfo, Shape, ColorName, ZoneSpec } from '../../sim/index.ts';
import { describeIntent, readInstruction } from '../../policy/programmers/index.ts';
import type { SceneFacts } from '../../policy/programmers/index.ts';
import { objectInfo, sceneObject } from '../helpers/scene-objects.ts';

/** An object as getObjects() reports it; `size` may be a shorthand (see objectSize). */
export function obj(
  id: string,
  shape: Shape,
  color: ColorName,
  size: number | [number, number, number],
  at: [number, number] = [0, 0],
  yaw = 0,
  z?: number,
): ObjectInfo {
  return objectInfo(sceneObject(id, shape, size, { color, at, yaw, z }));
}

export function zone(id: string, color: ColorName, min: [number, number], max: [number, number]): ZoneSpec {
  return { id, color, min, max };
}

/** A table with a bit of everything; every test sentence resolves against it. */
export const MIXED: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.2, 0.1]),
    obj('blue_block', 'box', 'blue', 0.05, [0.1, 0.05]),
    obj('green_block', 'box', 'green', 0.045, [0.2, -0.1]),
    obj('yellow_block', 'box', 'yellow', 0.03, [-0.1, -0.15]),
    obj('orange_ball', 'sphere', 'orange', 0.045, [0.0, 0.2]),
    obj('pink_can', 'cylinder', 'pink', [0.04, 0.04, 0.07], [0.25, 0.15]),
    obj('white_bowl', 'bowl', 'white', 0.14, [-0.25, -0.15]),
    obj('gray_tray', 'tray', 'gray', 0.22, [0.25, -0.2]),
  ],
  zones: [zone('green_zone', 'green', [0.12, -0.08], [0.26, 0.06]), zone('back_left_corner', 'gray', [-0.4, 0.16], [-0.27, 0.29])],
};

/** Three same-colour blocks of different sizes and two bowls of the blocks' colours. */
export const SIZES: SceneFacts = {
  objects: [
    obj('block_1', 'box', 'yellow', 0.05, [-0.2, 0]),
    obj('block_2', 'box', 'yellow', 0.03, [0, 0.1]),
    obj('block_3', 'box', 'yellow', 0.04, [0.2, 0]),
    obj('tall_can', 'cylinder', 'blue', [0.04, 0.04, 0.08], [0, -0.15]),
    obj('short_can', 'cylinder', 'red', [0.04, 0.04, 0.04], [0.15, -0.15]),
    obj('blue_bowl', 'bowl', 'blue', 0.14, [-0.2, -0.2]),
  ],
  zones: [],
};

/** A tower of three (red at the bottom, yellow, green on top) a loose purple block and a blue bowl. */
export const TOWER: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.1, 0.05], 0, 0.02),
    obj('yellow_block', 'box', 'yellow', 0.04, [-0.1, 0.05], 0, 0.06),
    obj('green_block', 'box', 'green', 0.04, [-0.1, 0.05], 0, 0.1),
    obj('purple_block', 'box', 'purple', 0.04, [0.2, -0.15]),
    obj('blue_bowl', 'bowl', 'blue', 0.13, [0.25, 0.2]),
  ],
  zones: [],
};

/** The intents read from `text` on `facts`, described and joined, and the reading's notes. */
export const reading = (text: string, facts: SceneFacts): { intents: string; notes: string[] } => {
  const r = readInstruction(text, facts);
  return { intents: r.intents.map(describeIntent).join(' | '), notes: r.notes };
};
/** The intents read from `text` on `facts`, described and joined. */
export const read = (text: string, facts: SceneFacts): string => reading(text, facts).intents;

/** Blocks, balls, a tray and two bowls (the sixth and later rounds' constructions). */
export const BLOCKS_AND_BALLS: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.25, -0.15]),
    obj('yellow_block', 'box', 'yellow', 0.04, [0.05, 0.2]),
    obj('black_block', 'box', 'black', 0.04, [0.15, -0.2]),
    obj('blue_ball', 'sphere', 'blue', 0.04, [0.3, 0.0]),
    obj('green_ball', 'sphere', 'green', 0.04, [-0.3, 0.02]),
    obj('white_tray', 'tray', 'white', 0.2, [0.02, -0.05]),
    obj('purple_bowl', 'bowl', 'purple', 0.13, [-0.25, 0.18]),
    obj('brown_bowl', 'bowl', 'brown', 0.13, [0.28, 0.2]),
  ],
  zones: [],
};

/** Five blocks in a row across the middle (red, yellow, blue, green, white from the left), a gray tray and a pink bowl. */
export const ROW: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.24, 0.0]),
    obj('yellow_block', 'box', 'yellow', 0.04, [-0.12, 0.0]),
    obj('blue_block', 'box', 'blue', 0.04, [0.0, 0.0]),
    obj('green_block', 'box', 'green', 0.04, [0.12, 0.0]),
    obj('white_block', 'box', 'white', 0.04, [0.24, 0.0]),
    obj('gray_tray', 'tray', 'gray', 0.2, [-0.2, -0.22]),
    obj('pink_bowl', 'bowl', 'pink', 0.13, [0.2, 0.2]),
  ],
  zones: [],
};

/** Five blocks lying together round the middle (the black one a little below the rest), a white block apart, a cyan bowl and a gray tray. */
export const BUNCH: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.05, 0.05]),
    obj('orange_block', 'box', 'orange', 0.04, [0.04, 0.05]),
    obj('green_block', 'box', 'green', 0.04, [-0.05, -0.04]),
    obj('blue_block', 'box', 'blue', 0.04, [0.04, -0.04]),
    obj('black_block', 'box', 'black', 0.04, [0.0, -0.13]),
    obj('white_block', 'box', 'white', 0.04, [-0.3, -0.2]),
    obj('cyan_bowl', 'bowl', 'cyan', 0.13, [0.3, -0.2]),
    obj('gray_tray', 'tray', 'gray', 0.2, [0.28, 0.2]),
  ],
  zones: [],
};

/** Four blocks of four sizes (red 6 cm, green 5, blue 4, yellow 3), loose. */
export const LOOSE_SIZES: SceneFacts = {
  objects: [
    obj('big_block', 'box', 'red', 0.06, [0.1, 0.15]),
    obj('mid_block', 'box', 'green', 0.05, [-0.2, -0.1]),
    obj('small_block', 'box', 'blue', 0.04, [0.25, -0.12]),
    obj('tiny_block', 'box', 'yellow', 0.03, [-0.05, 0.05]),
  ],
  zones: [],
};

/** Red, green and blue blocks below red, green and blue bowls. */
export const MATCH: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.2, -0.1]),
    obj('green_block', 'box', 'green', 0.04, [0, -0.1]),
    obj('blue_block', 'box', 'blue', 0.04, [0.2, -0.1]),
    obj('red_bowl', 'bowl', 'red', 0.13, [-0.25, 0.18]),
    obj('green_bowl', 'bowl', 'green', 0.13, [0, 0.18]),
    obj('blue_bowl', 'bowl', 'blue', 0.13, [0.25, 0.18]),
  ],
  zones: [],
};

/** Six blocks of six colours in a row, a gray and a brown tray, and a pink bowl (pink only on the bowl). */
export const RAINBOW: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.2, 0.05]),
    obj('orange_block', 'box', 'orange', 0.04, [-0.1, 0.05]),
    obj('yellow_block', 'box', 'yellow', 0.04, [0, 0.05]),
    obj('green_block', 'box', 'green', 0.04, [0.1, 0.05]),
    obj('blue_block', 'box', 'blue', 0.04, [0.2, 0.05]),
    obj('purple_block', 'box', 'purple', 0.04, [0.3, 0.05]),
    obj('gray_tray', 'tray', 'gray', 0.2, [-0.2, -0.2]),
    obj('brown_tray', 'tray', 'brown', 0.2, [0.2, -0.2]),
    obj('pink_bowl', 'bowl', 'pink', 0.13, [0, 0.22]),
  ],
  zones: [],
};

/** A red block in the top left corner, a white one in the bottom right, green and blue in the middle, a yellow bowl. */
export const TWO_CORNERS: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.04, [-0.3, 0.22]),
    obj('white_block', 'box', 'white', 0.04, [0.3, -0.22]),
    obj('green_block', 'box', 'green', 0.04, [0.0, 0.0]),
    obj('blue_block', 'box', 'blue', 0.04, [0.08, 0.05]),
    obj('yellow_bowl', 'bowl', 'yellow', 0.13, [-0.15, -0.05]),
  ],
  zones: [],
};

/** Three cans and three balls, a black bowl and a yellow tray. */
export const CANS_AND_BALLS: SceneFacts = {
  objects: [
    obj('red_can', 'cylinder', 'red', [0.04, 0.04, 0.07], [-0.2, -0.07]),
    obj('blue_can', 'cylinder', 'blue', [0.04, 0.04, 0.07], [-0.13, 0.0]),
    obj('white_can', 'cylinder', 'white', [0.04, 0.04, 0.07], [-0.31, 0.14]),
    obj('red_ball', 'sphere', 'red', 0.04, [-0.08, 0.18]),
    obj('blue_ball', 'sphere', 'blue', 0.04, [0.14, 0.08]),
    obj('white_ball', 'sphere', 'white', 0.04, [-0.23, 0.15]),
    obj('black_bowl', 'bowl', 'black', 0.13, [-0.25, -0.22]),
    obj('yellow_tray', 'tray', 'yellow', 0.2, [0.25, -0.22]),
  ],
  zones: [],
};

/** Four blocks of four sizes (yellow biggest, then blue, green, red), a black bowl and a white tray. */
export const FOUR_SIZES: SceneFacts = {
  objects: [
    obj('red_block', 'box', 'red', 0.03, [0.15, 0.1]),
    obj('blue_block', 'box', 'blue', 0.045, [-0.2, -0.05]),
    obj('green_block', 'box', 'green', 0.04, [0.05, -0.15]),
    obj('yellow_block', 'box', 'yellow', 0.055, [-0.05, 0.12]),
    obj('black_bowl', 'bowl', 'black', 0.13, [-0.27, 0.17]),
    obj('white_tray', 'tray', 'white', 0.2, [0.26, -0.15]),
  ],
  zones: [],
};
