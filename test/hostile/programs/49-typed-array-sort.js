// attacks: Sorting a 4e7-element typed array (one native sort)
// must: TimeoutError or MemoryError, within the budget + 2 s
const a = new Float32Array(4e6);
for (let i = 0; i < a.length; i++) a[i] = (i * 7919) % 10007;
const b = new Uint8Array(4e7);
b.sort((x, y) => y - x);
log('sorted', a.length, b.length);
