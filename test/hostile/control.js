// The control program: run after every hostile program in the same process (and in the
// same suite worker), it must give exactly what it gives in a fresh process. It logs what
// a leak would change — the built-ins' own properties, the globals, Math.random, Date,
// JSON, Array.prototype.push — then picks the red block (the physics and the API).
const facts = [
  `objectProto=${Object.getOwnPropertyNames(Object.prototype).sort().join(',')}`,
  `arrayProto=${Object.getOwnPropertyNames(Array.prototype).length}`,
  `functionProto=${Object.getOwnPropertyNames(Function.prototype).sort().join(',')}`,
  `globals=${Object.getOwnPropertyNames(globalThis).sort().join(',')}`,
  `frozen=${Object.isFrozen(Object.prototype)},${Object.isFrozen(Array.prototype)}`,
  `x=${typeof {}.x},${typeof {}.then},${typeof {}.toJSON}`,
  `random=${Math.random()},${Math.random()}`,
  // biome-ignore lint/complexity/useDateNow: the constructor's clock is what is checked
  `date=${Date.now()},${new Date().getTime()}`,
  `json=${JSON.stringify({ a: [1, 'two', null] })},${JSON.parse('[3]')[0]}`,
  `isArray=${Array.isArray([])}`,
  `slice=${'control'.slice(1, 3)}`,
];
const pushed = [];
pushed.push(1, 2, 3);
facts.push(`push=${pushed.length}`);
for (const f of facts) log(f);
subgoal('grasp the red block', { expect: { grasped: 'red_block' } });
pick('red_block');
log('control end', typeof place, typeof Promise);
