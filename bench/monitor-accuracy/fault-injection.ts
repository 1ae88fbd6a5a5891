// Fault injection for the monitor benchmark: named, seeded transformations of a task's
// reference program. Each fault rewrites one action (the k-th pick, place, push or any
// action) by prefixing the program with a one-line wrapper of the API functions, so it
// works on references that compute their targets or loop, and keeps every program line
// where it was (the wrapper is evaluated as separate code, so the trace still names the
// reference's lines). The `subgoal(...)` statements, and so the intended expectations,
// are left untouched: the ground truth is what the reference meant to achieve.

import type { CallEvent, Rng, SceneSpec, Trace, Vec2 } from '../../sim/index.ts';

export const FAULT_NAMES = [
  'wrong-object',
  'wrong-target',
  'offset-2cm',
  'offset-5cm',
  'offset-10cm',
  'missing-release',
  'missing-lift',
  'skip-step',
  'wrong-order',
  'early-release',
  'push-overshoot',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

export type ActionCall = 'pick' | 'place' | 'push';
export const ACTION_CALLS: readonly ActionCall[] = ['pick', 'place', 'push'];

/** One action of a reference run, in order. */
export interface ActionRecord {
  call: ActionCall;
  args: unknown[];
}

export interface FaultSpec {
  name: FaultName;
  /** Which action is changed: the index-th call of `call` ('any' counts all actions). */
  call: ActionCall | 'any';
  index: number;
  /** Fault parameters (a replacement object, an offset, …). */
  params: { object?: string; target?: string; offset?: Vec2; scale?: number; extra?: number };
  /** One line: what the transformation does. */
  description: string;
}

/** The pick/place/push calls a (reference) run made, in order. */
export function actionsOf(trace: Trace): ActionRecord[] {
  return trace.events
    .filter((e): e is CallEvent => e.type === 'call' && (ACTION_CALLS as readonly string[]).includes(e.call))
    .map((e) => ({ call: e.call as ActionCall, args: e.args }));
}

function indicesOf(actions: readonly ActionRecord[], call: ActionCall): number[] {
  const out: number[] = [];
  let k = 0;
  for (const a of actions) if (a.call === call) out.push(k++);
  return out;
}

const GRASPABLE = new Set(['box', 'cylinder', 'sphere']);

/**
 * Plans fault `name` for a reference run (its actions) in a scene; null when the fault
 * does not apply (no place to offset, no push to overshoot, nothing else to pick).
 */
export function planFault(name: FaultName, scene: SceneSpec, actions: readonly ActionRecord[], rng: Rng): FaultSpec | null {
  const picks = indicesOf(actions, 'pick');
  const places = indicesOf(actions, 'place');
  const pushes = indicesOf(actions, 'push');
  const nth = (call: ActionCall, k: number): ActionRecord => actions.filter((a) => a.call === call)[k]!;
  switch (name) {
    case 'wrong-object': {
      const call: ActionCall | null = picks.length > 0 ? 'pick' : pushes.length > 0 ? 'push' : null;
      if (!call) return null;
      const index = rng.pick(call === 'pick' ? picks : pushes);
      const intended = nth(call, index).args[0];
      const others = scene.objects.filter((o) => GRASPABLE.has(o.shape) && o.id !== intended);
      if (others.length === 0) return null;
      const object = rng.pick(others).id;
      return { name, call, index, params: { object }, description: `${call} #${index} takes ${object} instead of ${String(intended)}` };
    }
    case 'wrong-target': {
      if (places.length === 0) return null;
      const index = rng.pick(places);
      const intended = nth('place', index).args[0];
      const held = picks.length > 0 ? nth('pick', Math.min(index, picks.length - 1)).args[0] : null;
      const others = scene.objects.filter((o) => o.shape !== 'sphere' && o.id !== intended && o.id !== held);
      if (others.length === 0) return null;
      const target = rng.pick(others).id;
      return {
        name,
        call: 'place',
        index,
        params: { target },
        description: `place #${index} goes to ${target} instead of ${JSON.stringify(intended)}`,
      };
    }
    case 'offset-2cm':
    case 'offset-5cm':
    case 'offset-10cm': {
      if (places.length === 0) return null;
      const d = name === 'offset-2cm' ? 0.02 : name === 'offset-5cm' ? 0.05 : 0.1;
      const index = rng.pick(places);
      const a = rng.range(0, 2 * Math.PI);
      const offset: Vec2 = [d * Math.cos(a), d * Math.sin(a)];
      return {
        name,
        call: 'place',
        index,
        params: { offset },
        description: `place #${index} shifted ${d * 100} cm toward ${Math.round((a * 180) / Math.PI)}°`,
      };
    }
    case 'missing-release': {
      if (places.length === 0) return null;
      const index = rng.pick(places);
      return {
        name,
        call: 'place',
        index,
        params: {},
        description: `place #${index} carries the object above its target but never opens the fingers`,
      };
    }
    case 'missing-lift': {
      if (picks.length === 0) return null;
      const index = rng.pick(picks);
      return {
        name,
        call: 'pick',
        index,
        params: {},
        description: `pick #${index} does not lift; the next place drags the object at grasp height and lets go`,
      };
    }
    case 'skip-step': {
      if (actions.length === 0) return null;
      const index = rng.int(0, actions.length - 1);
      return { name, call: 'any', index, params: {}, description: `action #${index} (${actions[index]!.call}) is skipped` };
    }
    case 'wrong-order': {
      if (actions.length < 2) return null;
      const index = rng.int(0, actions.length - 2);
      return {
        name,
        call: 'any',
        index,
        params: {},
        description: `actions #${index} (${actions[index]!.call}) and #${index + 1} (${actions[index + 1]!.call}) run in the wrong order`,
      };
    }
    case 'early-release': {
      if (places.length === 0) return null;
      const index = rng.pick(places);
      return { name, call: 'place', index, params: {}, description: `place #${index} opens the fingers mid-air, halfway to the target` };
    }
    case 'push-overshoot': {
      if (pushes.length === 0) return null;
      const index = rng.pick(pushes);
      const scale = rng.range(1.6, 2.2);
      return {
        name,
        call: 'push',
        index,
        params: { scale, extra: 0.04 },
        description: `push #${index} goes ${scale.toFixed(1)}× its distance + 4 cm`,
      };
    }
  }
}

// The wrapper, run by indirect eval so its frames are not program lines. It only uses
// API functions it captured before the program starts.
const WRAPPER = `(function (G, F) {
  var orig = { pick: G.pick, place: G.place, push: G.push, moveTo: G.moveTo, openGripper: G.openGripper,
    getGripper: G.getGripper, getObject: G.getObject, getBBox: G.getBBox };
  var counts = { pick: 0, place: 0, push: 0, any: 0 };
  var deferred = null, dragNext = false;
  function xyOf(t, opts) {
    var p = typeof t === 'string' ? orig.getObject(t).position : t;
    var o = opts && opts.offset ? opts.offset : [0, 0];
    return [p[0] + o[0], p[1] + o[1]];
  }
  function heldHeight() {
    var h = orig.getGripper().holding;
    return h ? orig.getObject(h).size[2] : 0.05;
  }
  function run(name, args) {
    if (name === 'place' && dragNext) {
      dragNext = false;
      var g = orig.getGripper(), xy = xyOf(args[0], args[1]);
      orig.moveTo([xy[0], xy[1], g.position[2]]);
      orig.openGripper();
      return undefined;
    }
    return orig[name].apply(null, args);
  }
  function wrap(name) {
    G[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var k = counts[name]++, a = counts.any++;
      var hit = F.call === 'any' ? F.index === a : (F.call === name && F.index === k);
      var result;
      if (hit) {
        switch (F.name) {
          case 'wrong-object': args[0] = F.params.object; break;
          case 'wrong-target': args[0] = F.params.target; break;
          case 'offset-2cm': case 'offset-5cm': case 'offset-10cm': {
            var off = F.params.offset;
            if (typeof args[0] === 'string') {
              var opts = {};
              if (args[1]) for (var key in args[1]) opts[key] = args[1][key];
              var base = opts.offset || [0, 0];
              opts.offset = [base[0] + off[0], base[1] + off[1]];
              args[1] = opts;
            } else {
              var t = args[0].slice();
              t[0] += off[0]; t[1] += off[1];
              args[0] = t;
            }
            break;
          }
          case 'missing-release': {
            var top = typeof args[0] === 'string' ? orig.getBBox(args[0]).max[2] : 0;
            var xy = xyOf(args[0], args[1]);
            orig.moveTo([xy[0], xy[1], top + heldHeight() + 0.03]);
            return undefined;
          }
          case 'missing-lift': {
            var o2 = {};
            if (args[1]) for (var k2 in args[1]) o2[k2] = args[1][k2];
            o2.liftHeight = 0;
            args[1] = o2;
            dragNext = true;
            return orig.pick.apply(null, args);
          }
          case 'skip-step': return undefined;
          case 'wrong-order': deferred = { name: name, args: args }; return undefined;
          case 'early-release': {
            var g2 = orig.getGripper(), xy2 = xyOf(args[0], args[1]);
            orig.moveTo([(g2.position[0] + xy2[0]) / 2, (g2.position[1] + xy2[1]) / 2, Math.max(g2.position[2], 0.15)]);
            orig.openGripper();
            return undefined;
          }
          case 'push-overshoot': args[2] = args[2] * F.params.scale + F.params.extra; break;
        }
      }
      result = run(name, args);
      if (deferred && !hit) {
        var d = deferred;
        deferred = null;
        run(d.name, d.args);
      }
      return result;
    };
  }
  wrap('pick'); wrap('place'); wrap('push');
})`;

/**
 * The reference program with the fault applied: one line is prepended to the program's
 * first line (no line moves).
 */
export function applyFault(reference: string, fault: FaultSpec): string {
  const spec = JSON.stringify({ name: fault.name, call: fault.call, index: fault.index, params: fault.params });
  const code = `${WRAPPER.replace(/\n\s*/g, ' ')}(globalThis, ${spec});`;
  return `(0, eval)(${JSON.stringify(code)}); ${reference}`;
}
