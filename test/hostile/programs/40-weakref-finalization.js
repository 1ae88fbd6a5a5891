// attacks: WeakRef and a FinalizationRegistry callback that loops forever once garbage is collected
// must: ends within the budget + 2 s: success or a TimeoutError
if (typeof FinalizationRegistry === 'function') {
  const registry = new FinalizationRegistry(() => {
    for (;;) {}
  });
  for (let i = 0; i < 1000; i++) registry.register({ i }, i);
}
if (typeof WeakRef === 'function') {
  const ref = new WeakRef({ a: 1 });
  log('weakref', typeof ref.deref());
}
let junk = [];
for (let i = 0; i < 2e5; i++) junk.push({ i });
junk = null;
log('done');
