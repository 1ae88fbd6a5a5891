// attacks: An Error subclass with stack, message and toString getters that loop and allocate
// must: Error, read without running the getters, within the budget + 2 s
class Nasty extends Error {
  get stack() {
    for (;;) {}
  }
  get message() {
    return 'y'.repeat(1e6) + this.message;
  }
  toString() {
    for (;;) {}
  }
}
throw new Nasty('ignored');
