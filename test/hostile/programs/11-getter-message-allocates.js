// attacks: A thrown object whose message getter allocates without end
// must: Error, read without running the getter (no memory blow-up, no hang)
throw {
  name: 'Error',
  get message() {
    let s = 'x';
    for (;;) s += s;
  },
};
