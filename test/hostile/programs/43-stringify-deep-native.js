// attacks: JSON.stringify of a 1e6-deep object built in a loop (native recursion)
// must: StackOverflowError, MemoryError or TimeoutError, never a module abort
let o = {};
for (let i = 0; i < 1e6; i++) o = { o };
JSON.stringify(o);
log('not reached');
