// attacks: Re-deriving Math.random: deleting it, other realms via Function, and reading the seeded values
// must: success; the logged values are the same on every run (seeded), never the real generator
const values = [Math.random(), Math.random()];
const viaFunction = Function('return Math.random()')();
const desc = Object.getOwnPropertyDescriptor(Math, 'random');
delete Math.random;
const afterDelete = typeof Math.random;
const fromProto = typeof Object.getPrototypeOf(Math).random;
log('random', values.join(','), viaFunction, afterDelete, fromProto, typeof desc.value);
