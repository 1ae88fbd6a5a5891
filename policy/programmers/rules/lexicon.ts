// The words the rule programmer knows: verbs, nouns (object shapes, containers,
// zones), colours, sizes, directions and the filler it may skip. Spelling variants
// are folded here (colour → color, grey → gray, centre → center) so the grammar sees
// one form of each word.

import { COLOR_NAMES } from '../../../sim/index.ts';
import type { ColorName, ImageDirection, Shape } from '../../../sim/index.ts';

/** Spelling variants folded before parsing (British spelling, plurals of odd forms, chat spellings and typos: u, pls, teh, thx). */
export const SPELLING: Readonly<Record<string, string>> = {
  colour: 'color',
  colours: 'colors',
  coloured: 'colored',
  grey: 'gray',
  centre: 'center',
  metre: 'meter',
  metres: 'meters',
  centimetre: 'centimeter',
  centimetres: 'centimeters',
  millimetre: 'millimeter',
  millimetres: 'millimeters',
  organise: 'organize',
  towards: 'toward',
  heap: 'pile',
  heaps: 'piles',
  wichever: 'whichever',
  strait: 'straight',
  tabel: 'table',
  peice: 'piece',
  peices: 'pieces',
  colum: 'column',
  colums: 'columns',
  afterwards: 'then',
  afterward: 'then',
  violet: 'purple',
  magenta: 'pink',
  turquoise: 'cyan',
  teal: 'cyan',
  tan: 'brown',
  silver: 'gray',
  lefthand: 'left',
  righthand: 'right',
  furthest: 'farthest',
  further: 'farther',
  uppermost: 'topmost',
  lowermost: 'bottommost',
  nearest: 'closest',
  mismatching: 'mismatched',
  nonmatching: 'mismatched',
  unmatched: 'mismatched',
  thanks: 'thank',
  // chat spellings and common typos
  u: 'you',
  ya: 'you',
  pls: 'please',
  plz: 'please',
  pleas: 'please',
  teh: 'the',
  da: 'the',
  dat: 'that',
  dis: 'this',
  hte: 'the',
  thx: 'thank',
  thats: 'that is',
  accross: 'across',
  allong: 'along',
  // misspellings of the longer words of places and arrangements
  verticle: 'vertical',
  evey: 'every',
  evry: 'every',
  verticaly: 'vertically',
  verticly: 'vertically',
  vertcal: 'vertical',
  horizantal: 'horizontal',
  horisontal: 'horizontal',
  horizonal: 'horizontal',
  horizontel: 'horizontal',
  horizantally: 'horizontally',
  horizontaly: 'horizontally',
  diagnal: 'diagonal',
  diaganol: 'diagonal',
  diagonaly: 'diagonally',
  hieght: 'height',
  heigth: 'height',
  hight: 'height',
  middel: 'middle',
  midle: 'middle',
  bottem: 'bottom',
  botom: 'bottom',
  rigth: 'right',
  rihgt: 'right',
  oposite: 'opposite',
  opposit: 'opposite',
  cornor: 'corner',
  conrer: 'corner',
  cirlce: 'circle',
  circel: 'circle',
  smalest: 'smallest',
  bigest: 'largest',
  biggst: 'largest',
  largets: 'largest',
  tallets: 'tallest',
  betwen: 'between',
  beween: 'between',
  acros: 'across',
  infront: 'in front',
  seperate: 'separate',
  seperately: 'separately',
  untill: 'until',
  thnx: 'thank',
  thanx: 'thank',
  ty: 'thank',
  biggest: 'largest',
  bigger: 'larger',
  littlest: 'smallest',
  tiniest: 'smallest',
  cubes: 'blocks',
  cube: 'block',
  neighbouring: 'neighboring',
};

export const COLORS: ReadonlySet<string> = new Set<string>(COLOR_NAMES);
export const isColor = (w: string): w is ColorName => COLORS.has(w);

/**
 * What a head noun can name. `thing` is any graspable object (not a container);
 * `container` is a bowl or tray; `box` is a block, or a tray where a container is wanted.
 */
export type NounClass = 'box' | 'sphere' | 'cylinder' | 'bowl' | 'tray' | 'container' | 'thing' | 'zone';

/** The noun classes of things that hold others ("the bowl", "the tray", "the container"). */
export const CONTAINER_CLASSES: ReadonlySet<NounClass> = new Set(['bowl', 'tray', 'container']);

interface NounEntry {
  cls: NounClass;
  plural: boolean;
}

/**
 * Names of everyday things on a table, read as the shape they are most often made as (thirty-seventh
 * round): a book, a phone, a remote are blocks; a skittle, a glass, a drink, a coin, a plant (in a pot) stand like cans;
 * an apple, an egg, a bead are balls; a basin, a sink hold things like a bowl; soap, paper, a
 * toy engine or carriage, a slice of bread are things of any shape. Singular, then plural. Typos are
 * never folded to these (`EVERYDAY_NOUNS`, intents.ts `sceneVocabulary`): "blok" stays one edit from
 * "block" alone. Said before another noun, one names a kind of it ("the soap dish", "the plant pot",
 * "the glass jar": plain-forms.ts `kindNouns`).
 */
const EVERYDAY_BOX: [string[], string[]] = [
  ['book', 'phone', 'remote', 'eraser', 'notebook', 'wallet', 'stapler', 'note', 'notepad', 'ruler', 'calculator', 'car', 'till', 'rubber'],
  [
    'books',
    'phones',
    'remotes',
    'erasers',
    'notebooks',
    'wallets',
    'dice',
    'staplers',
    'notes',
    'notepads',
    'rulers',
    'calculators',
    'cars',
    'tills',
    'rubbers',
  ],
];
const EVERYDAY_CYLINDER: [string[], string[]] = [
  ['skittle', 'glass', 'drink', 'coin', 'tumbler', 'beaker', 'plant', 'glue', 'teapot', 'pepper', 'grinder'],
  ['skittles', 'glasses', 'drinks', 'coins', 'tumblers', 'beakers', 'plants', 'teapots', 'grinders'],
];
const EVERYDAY_SPHERE: [string[], string[]] = [
  ['apple', 'egg', 'bead', 'grape', 'plum', 'pea', 'lemon', 'tomato'],
  ['apples', 'eggs', 'beads', 'grapes', 'plums', 'peas', 'lemons', 'tomatoes'],
];
const EVERYDAY_BOWL: [string[], string[]] = [
  ['basin', 'sink', 'pail', 'tureen'],
  ['basins', 'sinks', 'pails', 'tureens'],
];
const EVERYDAY_THING: [string[], string[]] = [
  [
    'soap',
    'paper',
    'engine',
    'carriage',
    'truck',
    'slice',
    'bread',
    'sandwich',
    'snack',
    'gadget',
    'widget',
    'ornament',
    'trinket',
    'keyring',
    'sample',
    'cardboard',
    'wood',
  ],
  [
    'soaps',
    'papers',
    'engines',
    'carriages',
    'trucks',
    'slices',
    'sandwiches',
    'snacks',
    'samples',
    // (Said of all of it: "put the rubbish in the bins".)
    'rubbish',
    'litter',
    'gadgets',
    'widgets',
    'ornaments',
    'trinkets',
    'keyrings',
    'fruit',
  ],
];

/** The everyday names above: never a target for folding a typo. */
export const EVERYDAY_NOUNS: ReadonlySet<string> = new Set(
  [EVERYDAY_BOX, EVERYDAY_CYLINDER, EVERYDAY_SPHERE, EVERYDAY_BOWL, EVERYDAY_THING].flatMap(([a, b]) => [...a, ...b]),
);

const NOUN_FORMS: [NounClass, string[], string[]][] = [
  [
    'box',
    ['block', 'box', 'brick', 'cuboid', 'plank', 'beam', 'board', 'slab', 'chest', 'domino', 'sponge', 'die', ...EVERYDAY_BOX[0]],
    [
      'blocks',
      'boxes',
      'bricks',
      'cuboids',
      'planks',
      'beams',
      'boards',
      'slabs',
      'chests',
      'dominoes',
      'dominos',
      'sponges',
      ...EVERYDAY_BOX[1],
    ],
  ],
  [
    'sphere',
    ['ball', 'sphere', 'marble', 'orb', 'globe', 'bauble', ...EVERYDAY_SPHERE[0]],
    ['balls', 'spheres', 'marbles', 'orbs', 'globes', 'baubles', ...EVERYDAY_SPHERE[1]],
  ],
  [
    'cylinder',
    [
      'cylinder',
      'can',
      'tube',
      'bottle',
      'puck',
      'disc',
      'disk',
      'column',
      'pillar',
      'tin',
      'drum',
      'jar',
      'barrel',
      'canister',
      'vase',
      'thermos',
      'flask',
      'candle',
      'spool',
      ...EVERYDAY_CYLINDER[0],
    ],
    [
      'cylinders',
      'cans',
      'tubes',
      'bottles',
      'pucks',
      'discs',
      'disks',
      'columns',
      'pillars',
      'tins',
      'drums',
      'jars',
      'barrels',
      'canisters',
      'vases',
      'thermoses',
      'flasks',
      'candles',
      'spools',
      ...EVERYDAY_CYLINDER[1],
    ],
  ],
  // A cup or a mug to put things in is a bowl, as is a tub, a bucket, a pot or a pan; a cup or a mug that
  // is moved may stand like a can (references.ts).
  [
    'bowl',
    ['bowl', 'cup', 'dish', 'mug', 'tub', 'bucket', 'pot', 'pan', ...EVERYDAY_BOWL[0]],
    ['bowls', 'cups', 'dishes', 'mugs', 'tubs', 'buckets', 'pots', 'pans', ...EVERYDAY_BOWL[1]],
  ],
  // Flat things to set things on or in: a saucer, a platter, a shelf (a plate is one where the scene marks no zone, layout-forms.ts).
  [
    'tray',
    ['tray', 'bin', 'basket', 'crate', 'box-container', 'coaster', 'saucer', 'platter', 'shelf', 'rack', 'toolbox'],
    ['trays', 'bins', 'baskets', 'crates', 'coasters', 'saucers', 'platters', 'shelves', 'racks', 'toolboxes'],
  ],
  ['container', ['container', 'receptacle', 'holder'], ['containers', 'receptacles', 'holders']],
  [
    'thing',
    // Long things may be made as boxes or cylinders: bars, rods, sticks, poles.
    // Small things whose shape the word does not say: a pebble, a stone; things on a desk or a games
    // table, made as blocks or cans: a pencil, a pen, a crayon, a counter.
    [
      'object',
      'thing',
      'item',
      'piece',
      'shape',
      'toy',
      'bar',
      'rod',
      'stick',
      'pole',
      'pebble',
      'stone',
      'pencil',
      'pen',
      'crayon',
      'counter',
      ...EVERYDAY_THING[0],
    ],
    [
      'objects',
      'things',
      'items',
      'pieces',
      'shapes',
      'toys',
      'bars',
      'rods',
      'sticks',
      'poles',
      'stuff',
      'pebbles',
      'stones',
      'pencils',
      'pens',
      'crayons',
      'counters',
      ...EVERYDAY_THING[1],
    ],
  ],
  [
    'zone',
    [
      'zone',
      'area',
      'square',
      'region',
      'spot',
      'mark',
      'marker',
      'patch',
      'pad',
      'target',
      'goal',
      'rectangle',
      'field',
      'circle',
      'place',
      'mat',
    ],
    [
      'zones',
      'areas',
      'squares',
      'regions',
      'spots',
      'marks',
      'markers',
      'patches',
      'pads',
      'targets',
      'goals',
      'rectangles',
      'fields',
      'circles',
      'mats',
    ],
  ],
];

export const NOUNS: ReadonlyMap<string, NounEntry> = new Map(
  NOUN_FORMS.flatMap(([cls, singular, plural]) => [
    ...singular.map((w): [string, NounEntry] => [w, { cls, plural: false }]),
    ...plural.map((w): [string, NounEntry] => [w, { cls, plural: true }]),
  ]),
);

/** "blocks" → "block", "boxes" → "box": the longest singular of the same noun class that the plural starts with. */
export function singularOf(plural: string): string | undefined {
  const entry = NOUNS.get(plural);
  if (!entry) return undefined;
  if (!entry.plural) return plural;
  let best: string | undefined;
  for (const [w, e] of NOUNS) if (e.cls === entry.cls && !e.plural && plural.startsWith(w) && w.length > (best?.length ?? 0)) best = w;
  return best;
}

/** The plural of a noun of things ("block" → "blocks"), if the lexicon has one. */
export function pluralOf(noun: string): string | undefined {
  for (const [k, v] of NOUNS) if (v.plural && singularOf(k) === noun) return k;
  return undefined;
}

/** Shapes a noun class names when an object (not a zone) is wanted. */
export function shapesOf(cls: NounClass, wantContainer: boolean): Shape[] | null {
  switch (cls) {
    case 'box':
      return wantContainer ? ['tray', 'box'] : ['box'];
    case 'sphere':
      return ['sphere'];
    case 'cylinder':
      return ['cylinder'];
    case 'bowl':
      return ['bowl'];
    case 'tray':
      return ['tray'];
    case 'container':
      return ['bowl', 'tray'];
    case 'thing':
      return null;
    case 'zone':
      return [];
  }
}

/** What a verb (with its particle) asks for, before the rest of the clause refines it. */
export type VerbClass =
  | 'pick'
  | 'hold'
  | 'put'
  | 'stand'
  | 'stack'
  | 'build'
  | 'push'
  | 'swap'
  | 'lineup'
  | 'sort'
  | 'gather'
  | 'remove'
  | 'take'
  | 'unstack'
  /** A statement about objects ("the red and blue blocks are in the wrong bowls"): no verb word, it names what "each one" means next. */
  | 'state'
  /** "leave the ball where it is", "don't move the bowl": these objects stay; the other clauses leave them out. */
  | 'keep';

/** Verbs by their first word; `particles` are words right after it that belong to it. */
export const VERBS: ReadonlyMap<string, VerbClass> = new Map<string, VerbClass>([
  ['pick', 'pick'],
  ['lift', 'pick'],
  ['grab', 'pick'],
  ['grasp', 'pick'],
  ['raise', 'pick'],
  ['grip', 'pick'],
  ['seize', 'pick'],
  ['get', 'take'],
  ['fetch', 'pick'],
  // British: "nick the blue one and lob it in the bowl".
  ['nick', 'take'],
  // "pull the white block off its tower", "pluck the ball out of the bowl".
  ['pull', 'take'],
  ['pluck', 'take'],
  ['yank', 'take'],
  ['hold', 'hold'],
  ['keep', 'hold'],
  ['take', 'take'],
  ['put', 'put'],
  ['place', 'put'],
  ['set', 'put'],
  ['move', 'put'],
  ['drop', 'put'],
  ['lay', 'put'],
  ['bring', 'put'],
  ['carry', 'put'],
  ['transfer', 'put'],
  ['position', 'put'],
  ['relocate', 'put'],
  ['leave', 'put'],
  ['deposit', 'put'],
  ['load', 'put'],
  ['insert', 'put'],
  ['return', 'put'],
  ['shift', 'put'],
  ['lower', 'put'],
  ['reposition', 'put'],
  ['stick', 'put'],
  // ("plant it in the corner"; "the plant" is a thing, as "stick" is both.)
  ['plant', 'put'],
  ['pop', 'put'],
  ['toss', 'put'],
  // Casual ways of saying put: "chuck it in the bowl", "plonk it on the tray", "dump them in the bin".
  ['chuck', 'put'],
  ['throw', 'put'],
  ['fling', 'put'],
  ['lob', 'put'],
  ['plonk', 'put'],
  ['plunk', 'put'],
  ['whack', 'put'],
  ['bung', 'put'],
  ['plop', 'put'],
  ['dump', 'put'],
  ['stash', 'put'],
  ['store', 'put'],
  ['hide', 'put'],
  ['settle', 'put'],
  ['perch', 'put'],
  ['stow', 'put'],
  ['tuck', 'put'],
  ['park', 'put'],
  ['slot', 'put'],
  ['nestle', 'put'],
  ['shunt', 'put'],
  ['ferry', 'put'],
  ['haul', 'put'],
  ['transport', 'put'],
  ['situate', 'put'],
  ['sit', 'put'],
  ['nest', 'put'],
  ['balance', 'put'],
  ['sling', 'put'],
  ['assign', 'put'],
  ['allocate', 'put'],
  // "split / divide / share the blocks between the bowls": each bowl some (grammar.ts reads "between" after them).
  ['split', 'put'],
  ['divide', 'put'],
  ['share', 'put'],
  // "give each bowl one block", "fill the tray with the balls": the container first (grammar.ts reorders them).
  ['give', 'put'],
  ['fill', 'put'],
  // "empty the bowl (into the tray)": everything in it out (grammar.ts).
  ['empty', 'put'],
  ['spread', 'put'],
  ['distribute', 'put'],
  ['scatter', 'put'],
  ['send', 'put'],
  ['stand', 'stand'],
  ['erect', 'stand'],
  ['upend', 'stand'],
  ['stack', 'stack'],
  ['pile', 'stack'],
  ['heap', 'stack'],
  // "flip the tower", "turn the stack upside down": the stack rebuilt in reverse (grammar.ts).
  ['flip', 'stack'],
  ['invert', 'stack'],
  ['reverse', 'stack'],
  ['turn', 'stack'],
  ['build', 'build'],
  ['make', 'build'],
  ['construct', 'build'],
  ['form', 'build'],
  ['create', 'build'],
  ['assemble', 'build'],
  ['push', 'push'],
  ['slide', 'push'],
  ['shove', 'push'],
  ['nudge', 'push'],
  ['scoot', 'push'],
  ['scooch', 'push'],
  ['budge', 'push'],
  ['drag', 'push'],
  ['sweep', 'push'],
  ['poke', 'push'],
  ['roll', 'push'],
  ['swap', 'swap'],
  ['exchange', 'swap'],
  ['switch', 'swap'],
  ['interchange', 'swap'],
  ['trade', 'swap'],
  ['line', 'lineup'],
  ['arrange', 'lineup'],
  ['align', 'lineup'],
  ['order', 'lineup'],
  ['organize', 'lineup'],
  ['rearrange', 'lineup'],
  ['reorder', 'lineup'],
  ['rank', 'lineup'],
  ['row', 'lineup'],
  ['sort', 'sort'],
  ['match', 'sort'],
  ['group', 'sort'],
  ['separate', 'sort'],
  ['classify', 'sort'],
  ['gather', 'gather'],
  ['collect', 'gather'],
  ['pack', 'gather'],
  ['tidy', 'gather'],
  ['clear', 'gather'],
  ['cluster', 'gather'],
  ['bunch', 'gather'],
  ['herd', 'gather'],
  ['remove', 'remove'],
  ['unload', 'remove'],
  ['unstack', 'unstack'],
  // "find the yellow block and put it in the bowl": it names what "it" means next.
  ['find', 'state'],
  ['locate', 'state'],
  ['identify', 'state'],
  ['spot', 'state'],
  ['pinpoint', 'state'],
  ['unpile', 'unstack'],
  ['dismantle', 'unstack'],
  ['disassemble', 'unstack'],
  ['destack', 'unstack'],
]);

/** Words after a verb that belong to it ("pick up", "line up", "set down"). */
export const PARTICLES: ReadonlySet<string> = new Set(['up', 'down', 'over']);

/** Words at the start of a clause that say nothing about the task. */
export const LEADING_FILLER: ReadonlySet<string> = new Set([
  'please',
  'now',
  'first',
  'firstly',
  'next',
  'finally',
  'lastly',
  'then',
  'and',
  'also',
  'so',
  'just',
  'kindly',
  'sorry',
  'righto',
  'robot',
  'ok',
  'okay',
  'go',
  'ahead',
  'try',
  'to',
  'you',
  'should',
  'must',
  'can',
  'could',
  'would',
  'will',
  'i',
  'want',
  'need',
  'let',
  'lets',
  "let's",
  'us',
  'me',
  'we',
  'after',
  'that',
  'this',
  'second',
  'third',
  'carefully',
  'gently',
  'slowly',
  'quickly',
  "i'd",
  "i'm",
  'like',
  'love',
  'was',
  'wondering',
  'mind',
  'if',
  'hey',
  'hi',
  'hello',
  'yo',
  'oi',
  // "ayy can the orange block go in …", "wanna put the pink block …", "gonna need it on the tray".
  'ayy',
  'ay',
  // "Por favor, the yellow ball onto the gray tray."
  'por',
  'favor',
  'wanna',
  'gonna',
  'alright',
  'pls',
  'plz',
  'but',
  'before',
  'beforehand',
  // "would you be so kind as to put …", "would you be able to put …".
  'be',
  'kind',
  'as',
  'able',
  'possibly',
]);

/**
 * A clause made only of these is politeness ("Thank you!", "thanks a lot", "if you can"):
 * it asks for nothing and is skipped.
 */
export const POLITENESS: ReadonlySet<string> = new Set([
  'thank',
  'you',
  'please',
  'cheers',
  'a',
  'lot',
  'much',
  'so',
  'very',
  'for',
  'me',
  'if',
  'can',
  'could',
  'possible',
  'ok',
  'okay',
  'great',
  'awesome',
  'in',
  'advance',
  'that',
  'would',
  'be',
  'nice',
  'kind',
  'of',
  'mate',
  'robot',
  // British thanks: "…, ta", "cheers".
  'ta',
  'thankyou',
  'thanks',
  'bunch',
  'heaps',
  'loads',
  'million',
  'appreciated',
  // "…. quick", "… go.": hurry, not a request of its own.
  'quick',
  'quickly',
  'asap',
  'go',
  'now',
  // "Done.", "That's all.", "that's it", "finished": the end of what is asked.
  'done',
  'finished',
  // "…, can you fix that?", "if that's alright": asking, not a request of its own.
  'fix',
  'alright',
  'fine',
  'all',
  'is',
  'it',
]);
/** Words that hedge or fill, said on the way: "um", "actually", "maybe". */
export const HEDGES: ReadonlySet<string> = new Set([
  'um',
  'umm',
  'uh',
  'uhh',
  'erm',
  'er',
  'hmm',
  'hm',
  'ah',
  'oh',
  'actually',
  'basically',
  'literally',
  'honestly',
  'maybe',
  'perhaps',
  'probably',
  'anyway',
  'anyways',
  'somehow',
  'yeah',
  'yep',
  'yup',
  // "the block already sitting in the bowl", "the ball currently on the tray": where it is now, said again.
  'already',
  'currently',
  'presently',
  // "There's exactly one ball here.": the count is checked anyway.
  'exactly',
]);

export const FILLER: ReadonlySet<string> = new Set([
  'please',
  // Said to the robot: "… in the bowl mate", "cheers buddy".
  'mate',
  'buddy',
  'pal',
  'dude',
  'carefully',
  'gently',
  'slowly',
  'quickly',
  'there',
  'down',
  'back',
  'again',
  'neatly',
  'then',
  'too',
  'also',
  'as',
  'well',
  'so',
  'it',
  'stays',
  'stay',
  'exactly',
  'just',
  'nicely',
  'securely',
  'safely',
  'properly',
  'now',
  'together',
  'somewhere',
  'instead',
  'pls',
  'plz',
  'thank',
  'cheers',
  'sorted',
  'ordered',
  'ta',
  // Chat endings: "… in the bowl lol", "… please period".
  'lol',
  'haha',
  'hehe',
  'lmao',
  'period',
  'xx',
]);

export const SIZE_WORDS: Readonly<Record<string, 'smallest' | 'largest' | 'tallest' | 'shortest'>> = {
  smallest: 'smallest',
  small: 'smallest',
  smaller: 'smallest',
  tiny: 'smallest',
  little: 'smallest',
  least: 'smallest',
  largest: 'largest',
  large: 'largest',
  larger: 'largest',
  big: 'largest',
  huge: 'largest',
  biggest: 'largest',
  greatest: 'largest',
  tallest: 'tallest',
  tall: 'tallest',
  taller: 'tallest',
  shortest: 'shortest',
  short: 'shortest',
  shorter: 'shortest',
  flat: 'shortest',
};

/** Number words for distances written out ("ten centimetres"). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  half: 0.5,
};

/** Length units, in metres per unit. */
export const UNITS: Readonly<Record<string, number>> = {
  m: 1,
  meter: 1,
  meters: 1,
  cm: 0.01,
  centimeter: 0.01,
  centimeters: 0.01,
  mm: 0.001,
  millimeter: 0.001,
  millimeters: 0.001,
  in: 0.0254,
  inch: 0.0254,
  inches: 0.0254,
};

/** Horizontal directions in the world frame (+x right, +y away from the robot: docs/architecture.md#world-conventions). */
export const DIRECTIONS: Readonly<Record<string, [number, number]>> = {
  left: [-1, 0],
  leftward: [-1, 0],
  leftwards: [-1, 0],
  west: [-1, 0],
  right: [1, 0],
  rightward: [1, 0],
  rightwards: [1, 0],
  east: [1, 0],
  forward: [0, 1],
  forwards: [0, 1],
  away: [0, 1],
  back: [0, 1],
  north: [0, 1],
  further: [0, 1],
  farther: [0, 1],
  ahead: [0, 1],
  backward: [0, -1],
  backwards: [0, -1],
  closer: [0, -1],
  nearer: [0, -1],
  south: [0, -1],
  front: [0, -1],
};

/** Ordinal words ("the second block from the left"); "2nd", "3rd" become these in the tokenizer. */
export const ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

/** The ordinal word for `n` ("second" for 2), if the lexicon has one. */
export function ordinalWordOf(n: number): string | undefined {
  return Object.keys(ORDINALS).find((k) => ORDINALS[k] === n && /(st|nd|rd|th)$/.test(k) && !/^\d/.test(k));
}

/** The thing at that end of a group: "the top of the column" is its topmost one. */
export const END_MOST: Readonly<Record<string, string>> = { top: 'topmost', bottom: 'bottommost', left: 'leftmost', right: 'rightmost' };

/**
 * Sides of the table as the top camera's image shows them: +y (far from the robot) is the
 * top, +x the right (docs/architecture.md#world-conventions).
 */
export type ImageSide = ImageDirection;

/** Words naming a side of the image ("from the left", "from the back" = from the top). */
export const SIDE_WORDS: Readonly<Record<string, ImageSide>> = {
  left: 'left',
  right: 'right',
  top: 'top',
  bottom: 'bottom',
  back: 'top',
  far: 'top',
  rear: 'top',
  front: 'bottom',
  near: 'bottom',
};

/** "the leftmost block": the first counted from that side. */
/** A tower's words, one of it: "the left tower", "the middle stack", "the top block of the pile". */
export const TOWER_WORDS: ReadonlySet<string> = new Set(['tower', 'stack', 'pile']);

export const EXTREMES: Readonly<Record<string, ImageSide>> = {
  leftmost: 'left',
  rightmost: 'right',
  topmost: 'top',
  bottommost: 'bottom',
  frontmost: 'bottom',
  backmost: 'top',
  rearmost: 'top',
  // Up a stack when objects stand on others, else up the image (grammar.ts marks these `height`).
  highest: 'top',
  lowest: 'bottom',
};

/** Extremes that mean up a stack when something stands on something else ("the highest block"), else up the image. */
export const HEIGHT_EXTREMES: ReadonlySet<string> = new Set(['highest', 'lowest']);
