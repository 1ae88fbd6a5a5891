// attacks: Atomics.wait with a long timeout on a plain ArrayBuffer view and on a shared one
// must: ends within the budget + 2 s: an Error or a TimeoutError
let shared;
try {
  shared = new Int32Array(new SharedArrayBuffer(8));
} catch (e) {
  shared = new Int32Array(8);
}
Atomics.wait(shared, 0, 0, 1e9);
log('woke up');
