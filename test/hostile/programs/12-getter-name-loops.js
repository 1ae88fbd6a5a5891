// attacks: An Error whose name getter loops forever
// must: Error naming the message 'boom', read without running the getter
const e = new Error('boom');
Object.defineProperty(e, 'name', {
  get() {
    for (;;) {}
  },
});
throw e;
