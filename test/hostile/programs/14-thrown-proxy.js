// attacks: A thrown Proxy whose every trap loops forever
// must: Error, read without calling the traps, within the budget + 2 s
const loop = () => {
  for (;;) {}
};
throw new Proxy(
  {},
  { get: loop, has: loop, ownKeys: loop, getPrototypeOf: loop, getOwnPropertyDescriptor: loop },
);
