// attacks: Proxies as arguments: an array Proxy reporting a length of 1e9, and one whose traps throw
// must: ArgumentError (the values are refused, nothing hangs)
const lying = new Proxy([0.1, 0, 0.2], {
  get(t, k) {
    return k === 'length' ? 1e9 : t[k];
  },
});
try {
  moveTo(lying);
} catch (e) {
  log('lying proxy:', e.name);
}
const throwing = new Proxy(
  {},
  {
    get() {
      throw new Error('trap');
    },
    ownKeys() {
      throw new Error('trap');
    },
  },
);
pick('red_block', throwing);
