// attacks: Symbols and BigInts as arguments
// must: ArgumentError
try {
  getObject(Symbol('red_block'));
} catch (e) {
  log('symbol:', e.name);
}
try {
  moveBy([1n, 0n, 0n]);
} catch (e) {
  log('bigint array:', e.name);
}
wait(10n);
