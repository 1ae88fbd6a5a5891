// attacks: -0, NaN and Infinity as arguments
// must: ArgumentError for the non-finite ones
try {
  moveBy([-0, -0, -0]);
  log('negative zero accepted');
} catch (e) {
  log('negative zero:', e.name);
}
try {
  moveTo([NaN, 0, 0.2]);
} catch (e) {
  log('NaN:', e.name);
}
try {
  wait(Infinity);
} catch (e) {
  log('Infinity:', e.name);
}
moveTo([0.1, -Infinity, 0.2]);
