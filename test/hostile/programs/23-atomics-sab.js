// attacks: SharedArrayBuffer and Atomics.wait with no timeout: block the sandbox thread forever
// must: ends within the budget + 2 s: an Error (no blocking wait) or a TimeoutError
const sab = new SharedArrayBuffer(16);
const cell = new Int32Array(sab);
Atomics.store(cell, 0, 0);
Atomics.wait(cell, 0, 0);
log('woke up');
