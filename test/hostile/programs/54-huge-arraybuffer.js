// attacks: new ArrayBuffer(2^31) and String.prototype.repeat(2^30)
// must: MemoryError or a RangeError (Error)
try {
  const buf = new ArrayBuffer(2 ** 31);
  log('allocated', buf.byteLength);
} catch (e) {
  log('buffer:', e.name);
}
const s = 'x'.repeat(2 ** 30);
log('repeated', s.length);
