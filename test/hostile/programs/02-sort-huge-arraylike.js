// attacks: Array.prototype.sort on a 1e7-length array-like with a comparator: a long native loop
// must: TimeoutError or MemoryError, within the budget + 2 s
const o = { length: 1e7 };
for (let i = 0; i < 1000; i++) o[i * 9973] = i;
Array.prototype.sort.call(o, (a, b) => a - b);
log('sorted');
Array.prototype.sort.call({ length: 2 ** 32 - 1 });
log('not reached');
