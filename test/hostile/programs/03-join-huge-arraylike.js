// attacks: Array.prototype.join on a 2^32-1-length array-like: a native loop building a 4 GB string
// must: MemoryError or TimeoutError, within the budget + 2 s
const s = Array.prototype.join.call({ length: 2 ** 32 - 1 }, 'x');
log('joined', s.length);
