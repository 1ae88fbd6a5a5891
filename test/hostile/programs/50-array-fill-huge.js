// attacks: new Array(2^32-1).fill(0): a native fill of four billion slots
// must: MemoryError or TimeoutError, within the budget + 2 s
const a = new Array(2 ** 32 - 1).fill(0);
log('filled', a.length);
