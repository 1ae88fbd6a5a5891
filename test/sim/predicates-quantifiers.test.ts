// every / some / distinct over selections, "$" variables, their schema, the ids a task file
// is checked against, the diagnosis's failing leaf, and check() from a program in the sandbox
// (the real simulator, exact and noisy perception).

import { describe, expect, it } from 'vitest';
import { failingLeaf } from '../../monitor/checkpoint-checks.ts';
import { PerceivedWorld } from '../../policy/program/perception.ts';
import { runAttempt } from '../../policy/program/index.ts';
import {
  PredicateSchema,
  bindVariable,
  createWorld,
  evaluatePredicate,
  issueText,
  predicateObjectIds,
  predicatePlaceIds,
  predicateRefs,
} from '../../sim/index.ts';
import type { LogEvent, Predicate } from '../../sim/index.ts';
import { parseTask } from '../../tasks/task-file.ts';
import { bowl, cube, factsOf, rest, views } from './predicate-views.ts';

const CORNERS = ['top_left_corner', 'top_right_corner', 'bottom_left_corner', 'bottom_right_corner'];

// Two blocks and two bowls of their colours, plus a blue block with no bowl of its own.
const V = views(
  [
    cube('red_block', 'red', -0.1, -0.05),
    cube('green_block', 'green', 0.1, -0.05),
    bowl('red_bowl', 'red', 0.25, 0.15),
    bowl('green_bowl', 'green', -0.25, 0.15),
  ],
  [{ id: 'goal', min: [0.2, -0.3], max: [0.4, -0.15], color: 'gray' }],
);
const MATCH: Predicate = {
  every: { select: { shape: 'box' }, holds: { inside: ['$', { the: { shape: 'bowl', sameColorAs: '$' } }] } },
};

describe('every', () => {
  it('holds when each selected object satisfies holds with $ bound to it', () => {
    const r = evaluatePredicate(MATCH, V.at({ red_block: rest(0.25, 0.15), green_block: rest(-0.25, 0.15) }));
    expect(r.ok, r.detail).toBe(true);
    const f = factsOf(r, 'every');
    expect(f).toMatchObject({ variable: '$', ids: ['red_block', 'green_block'], failing: [] });
    expect(f.parts.map((p) => factsOf(p, 'inside').container)).toEqual(['red_bowl', 'green_bowl']);
  });

  it('fails naming the objects that fail, with each part measured', () => {
    const r = evaluatePredicate(MATCH, V.at({ red_block: rest(0.25, 0.15), green_block: rest(0.26, 0.15) }));
    expect(r.ok).toBe(false);
    const f = factsOf(r, 'every');
    expect(f.failing).toEqual(['green_block']);
    expect(r.detail).toMatch(/^It fails for 1 of 2 \(box: green_block\): green_block is not inside green_bowl: its centre is 51\.0 cm/);
    expect(f.parts[0]!.ok).toBe(true);
  });

  it('is false for an empty selection; mismatched colours via differentColorFrom; a named variable', () => {
    const empty = evaluatePredicate({ every: { select: { shape: 'sphere' }, holds: { onTable: '$' } } }, V.at());
    expect(empty.ok).toBe(false);
    expect(empty.detail).toBe('No sphere is in the scene at the start, so "every" has nothing to hold for.');
    const mismatch: Predicate = {
      every: {
        select: { shape: 'box' },
        as: '$b',
        holds: { some: { select: { shape: 'bowl', differentColorFrom: '$b' }, as: '$w', holds: { inside: ['$b', '$w'] } } },
      },
    };
    expect(evaluatePredicate(mismatch, V.at({ red_block: rest(-0.25, 0.15), green_block: rest(0.25, 0.15) })).ok).toBe(true);
    expect(evaluatePredicate(mismatch, V.at({ red_block: rest(0.25, 0.15), green_block: rest(-0.25, 0.15) })).ok).toBe(false);
  });

  it('a referent inside holds that is ambiguous for one object fails that part only', () => {
    const W = views([
      cube('red_block', 'red', -0.1, 0),
      cube('blue_block', 'blue', 0.1, 0),
      bowl('red_bowl', 'red', 0.25, 0.15),
      bowl('blue_a', 'blue', -0.25, 0.15),
      bowl('blue_b', 'blue', 0, 0.25),
    ]);
    const r = evaluatePredicate(MATCH, W.at({ red_block: rest(0.25, 0.15) }));
    const f = factsOf(r, 'every');
    expect(f.parts[0]!.ok).toBe(true);
    expect(factsOf(f.parts[1]!, 'referent')).toMatchObject({ reason: 'ambiguous', candidates: ['blue_a', 'blue_b'] });
  });
});

describe('some', () => {
  it('holds when at least one selected object satisfies holds', () => {
    const p: Predicate = { some: { select: { shape: 'box' }, holds: { inZone: ['$', 'goal'] } } };
    expect(evaluatePredicate(p, V.at()).ok).toBe(false);
    const r = evaluatePredicate(p, V.at({ green_block: rest(0.3, -0.2) }));
    expect(r.ok, r.detail).toBe(true);
    expect(r.detail).toMatch(/^It holds for green_block \(box\): green_block is in zone goal/);
    expect(factsOf(r, 'some').failing).toEqual(['red_block']);
  });
});

describe('distinct', () => {
  const W = views(
    [cube('a', 'red', -0.1, 0), cube('b', 'blue', 0, 0), cube('c', 'green', 0.1, 0), bowl('bowl', 'gray', 0, 0.25)],
    [{ id: 'goal', min: [0.05, -0.1], max: [0.15, 0.1], color: 'gray' }],
  );
  const ALL: Predicate = { distinct: { select: { shape: 'box' }, among: CORNERS } };

  it('holds with every selected object in a corner of its own', () => {
    const r = evaluatePredicate(ALL, W.at({ a: rest(-0.35, 0.3), b: rest(0.35, 0.3), c: rest(0.35, -0.3) }));
    expect(r.ok, r.detail).toBe(true);
    expect(factsOf(r, 'distinct').places).toEqual(['top_left_corner', 'top_right_corner', 'bottom_right_corner']);
    expect(r.detail).toBe('Each box is in a corner of its own: a in top_left_corner, b in top_right_corner, c in bottom_right_corner.');
  });

  it('fails naming the object that shares a corner, and the one in none with its nearest', () => {
    const r = evaluatePredicate(ALL, W.at({ a: rest(-0.35, 0.3), b: rest(-0.3, 0.25), c: rest(0.2, 0) }));
    expect(r.ok).toBe(false);
    const f = factsOf(r, 'distinct');
    expect(f.failing).toEqual(['b', 'c']);
    expect(f.parts[1]!.detail).toBe('b is not in a corner of its own: it shares top_left_corner with a.');
    expect(factsOf(f.parts[1]!, 'inRegion').region).toBe('top_left_corner');
    expect(f.parts[2]!.detail).toMatch(/^c is in no corner of top_left_corner, .*; the nearest: c is not in the top right corner/);
  });

  it('places may be zones and containers; an unknown place is a clear failure', () => {
    const p: Predicate = { distinct: { select: { shape: 'box', exclude: ['c'] }, among: ['goal', 'bowl'] } };
    expect(evaluatePredicate(p, W.at({ a: rest(0.1, 0), b: rest(0, 0.25) })).ok).toBe(true);
    expect(evaluatePredicate(p, W.at({ a: rest(0.1, 0), b: rest(0.12, 0.05) })).ok).toBe(false);
    const bad = evaluatePredicate({ distinct: { select: { shape: 'box' }, among: ['goal', 'nowhere'] } }, W.at());
    expect(bad.ok).toBe(false);
    expect(factsOf(bad, 'unknown-id')).toMatchObject({ id: 'nowhere', what: 'place' });
  });
});

describe('quantifier schema and references', () => {
  const problem = (p: unknown): string => {
    const r = PredicateSchema.safeParse(p);
    return r.success ? 'ok' : r.error.issues.map(issueText).join(' | ');
  };
  it('a variable must be bound by an enclosing every / some', () => {
    expect(problem({ onTable: '$' })).toBe(
      'onTable: the variable $ is not bound here: use it inside an every or some (their "as", default "$")',
    );
    expect(problem({ every: { select: { shape: 'box' }, as: '$b', holds: { inside: ['$', 'bowl'] } } })).toBe(
      'every.holds.inside[0]: the variable $ is not bound here: the enclosing every / some bind $b',
    );
    // The selector of a quantifier is outside its own binding.
    expect(problem({ every: { select: { shape: 'box', closestTo: '$' }, holds: { onTable: '$' } } })).toMatch(
      /^every\.select\.closestTo: the variable \$ is not bound/,
    );
    expect(problem({ every: { select: { shape: 'box' }, as: 'b', holds: { onTable: 'b' } } })).toBe(
      'every.as: expected a variable name: "$" followed by letters, digits or _',
    );
    expect(problem({ onTable: '$a b' })).toMatch(/^onTable: "\$a b" is not a variable name/);
    expect(problem({ distinct: { select: { shape: 'box' }, among: [] } })).toMatch(/^distinct\.among: expected \{ "select"/);
    expect(problem(MATCH)).toBe('ok');
  });

  it('predicateRefs lists plain ids (inside selectors too) with paths; places not regions; no variables', () => {
    const p: Predicate = {
      all: [
        {
          every: {
            select: { shape: 'box', exclude: ['blue_block'] },
            holds: { inside: ['$', { the: { shape: 'bowl', closestTo: 'goal_marker' } }] },
          },
        },
        { distinct: { select: { color: 'red' }, among: ['top_left_corner', 'goal', 'tray'] } },
      ],
    };
    expect(predicateRefs(p)).toEqual([
      { kind: 'object', id: 'blue_block', path: ['all', 0, 'every', 'select', 'exclude', 0] },
      { kind: 'object', id: 'goal_marker', path: ['all', 0, 'every', 'holds', 'inside', 1, 'the', 'closestTo'] },
      { kind: 'place', id: 'goal', path: ['all', 1, 'distinct', 'among', 1] },
      { kind: 'place', id: 'tray', path: ['all', 1, 'distinct', 'among', 2] },
    ]);
    expect(predicateObjectIds(p)).toEqual(['blue_block', 'goal_marker']);
    expect(predicatePlaceIds(p)).toEqual(['goal', 'tray']);
  });

  it('a task file with a misspelt id inside a selector is a one-line error naming the path', () => {
    const task = (success: unknown) => ({
      id: 'sel',
      instruction: 'Put the block closest to the bowl in the bowl.',
      scene: {
        objects: [
          { id: 'red_block', shape: 'box', color: 'red', size: [0.04, 0.04, 0.04], position: [0, 0] },
          { id: 'bowl', shape: 'bowl', color: 'green', size: [0.14, 0.14, 0.06], position: [0.2, 0.1] },
        ],
      },
      success,
      reference: "pick('red_block'); place('bowl');",
    });
    expect(() => parseTask(task({ inside: [{ the: { shape: 'box', closestTo: 'bowll' } }, 'bowl'] }), 'x.json')).toThrow(
      /^x\.json: success\.inside\[0\]\.the\.closestTo: unknown object "bowll" \(did you mean "bowl"\?/,
    );
    expect(() => parseTask(task({ distinct: { select: { shape: 'box' }, among: ['top_left_corner', 'red_block'] } }), 'x.json')).toThrow(
      'x.json: success.distinct.among[1]: expected a place (table region, zone or container); "red_block" is a box',
    );
    expect(() => parseTask(task({ every: { select: { shape: 'bok' }, holds: { onTable: '$' } } }), 'x.json')).toThrow(
      'x.json: success.every.select.shape: "bok" is not a shape (did you mean "box"?); expected one of box, cylinder, sphere, bowl, tray',
    );
    expect(parseTask(task(MATCH), 'x.json').success).toEqual(MATCH);
  });

  it('the diagnosis leaf of a failing every is its holds for the failing object; of distinct, the membership check', () => {
    const r = evaluatePredicate(MATCH, V.at({ red_block: rest(0.25, 0.15) }));
    const leaf = failingLeaf(MATCH, r)!;
    expect(leaf.predicate).toEqual({ inside: ['green_block', { the: { shape: 'bowl', sameColorAs: 'green_block' } }] });
    expect(factsOf(leaf.result, 'inside').object).toBe('green_block');
    expect(bindVariable({ every: { select: { sameColorAs: '$' }, holds: { onTable: '$' } } }, '$', 'x')).toEqual({
      every: { select: { sameColorAs: 'x' }, holds: { onTable: '$' } },
    });
    const W = views([cube('a', 'red', -0.35, 0.3), cube('b', 'blue', -0.3, 0.25)]);
    const d: Predicate = { distinct: { select: { shape: 'box' }, among: CORNERS } };
    expect(failingLeaf(d, evaluatePredicate(d, W.at()))!.predicate).toEqual({ inRegion: ['b', 'top_left_corner'] });
  });
});

const logs = (events: { type: string }[]) => events.filter((e): e is LogEvent => e.type === 'log').map((e) => e.message);

describe('check() from a program', () => {
  const SCENE = {
    objects: [
      cube('red_block', 'red', -0.15, -0.1),
      cube('green_block', 'green', 0.15, -0.1),
      bowl('red_bowl', 'red', 0.2, 0.15),
      bowl('green_bowl', 'green', -0.2, 0.15),
    ],
    zones: [],
  };
  const PROGRAM = [
    "const match = { every: { select: { shape: 'box' }, holds: { inside: ['$', { the: { shape: 'bowl', sameColorAs: '$' } }] } } };",
    "const closest = { inside: [{ the: { shape: 'box', closestTo: 'red_bowl' } }, 'green_bowl'] };",
    'log(check(match).ok, check(closest).ok);',
    "pick('red_block'); place('red_bowl');",
    "pick('green_block'); place('green_bowl');",
    'const r = check(match);',
    'log(r.ok, check(closest).ok, r.detail);',
    "try { check({ every: { select: { shape: 'box', closestTo: 'gren_bowl' }, holds: { onTable: '$' } } }); } catch (e) { log(e.name, e.message); }",
    "try { check({ onTable: '$b' }); } catch (e) { log(e.name, e.message); }",
  ].join('\n');

  it('evaluates referents and quantifiers as the task check does (exact)', async () => {
    const world = await createWorld(SCENE);
    try {
      const out = await runAttempt({ world, program: PROGRAM });
      expect(out.error).toBeNull();
      const [before, after, unknown, unbound] = logs(out.trace.events);
      expect(before).toBe('false false');
      // green_block started closest to red_bowl, so it stays the referent after red_block is put in red_bowl.
      expect(after).toMatch(/^true true It holds for all 2 \(box: red_block, green_block\): red_block is inside red_bowl/);
      expect(after!.slice('true true '.length)).toBe(world.evaluate(MATCH).detail);
      expect(unknown).toBe(
        "UnknownObjectError check: no object 'gren_bowl' (did you mean 'green_bowl'?); the objects are red_block, green_block, red_bowl, green_bowl",
      );
      expect(unbound).toMatch(/^ArgumentError check: argument 1 \(predicate\).*onTable: the variable \$b is not bound here/);
    } finally {
      world.free();
    }
  });

  it('evaluates them on the perceived world under noisy perception (referents from the first estimate)', async () => {
    const world = await createWorld(SCENE);
    try {
      const seen = new PerceivedWorld(world, { mode: 'noisy', key: { task: 'quantifiers', seed: 0, attempt: 0 } });
      const out = await runAttempt({ world, programWorld: seen, program: PROGRAM });
      expect(out.error).toBeNull();
      const [before, after] = logs(out.trace.events);
      expect(before).toBe('false false');
      expect(after).toMatch(/^true true It holds for all 2/);
      expect(world.evaluate(MATCH).ok).toBe(true);
    } finally {
      world.free();
    }
  });
});
